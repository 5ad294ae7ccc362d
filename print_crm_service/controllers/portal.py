# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from urllib.parse import urlencode

from werkzeug.datastructures import FileStorage

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request
from odoo.tools import consteq, plaintext2html

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.print_crm_quote.models.print_upload_policy import upload_max_content_length

from ..models.helpdesk_ticket import CUSTOMER_STEPS
from ..models.print_job import DELIVERY_TOKEN_SCOPE, FEEDBACK_TOKEN_SCOPE

# At most this many photos with one complaint.
MAX_PHOTOS = 10
# The largest request the complaint form reads (the company's limit plus a margin), so that
# a photo over the limit gets the form's message.
_upload_max_content_length = upload_max_content_length


class PrintServicePortal(CustomerPortal):
    """What the customer does about a job on its portal page: choose pick-up or delivery
    once it is ready, rate it once delivered, file a complaint; and, on its tickets, confirm
    that a complaint is settled or reopen it.

    Access is checked as Odoo's documents are (record rules for the logged-in customer, or
    the access token); who acts is then checked here (a contact of the job's customer,
    logged in, or holding the link token e-mailed for that action and that job) and the
    models' own methods, run as superuser, check everything else and stamp who and when.
    """

    # ------------------------------------------------------------------ who acts

    def _print_job_actor(self, job_sudo, scope=None, token=None):
        """The contact who acts for the job's customer from this browser, or an empty
        recordset.

        Logged in: the user's contact, when it may read the job (the record rules) and
        belongs to the job's customer; a colleague of another customer never acts, even
        with a link. Not logged in: the job's contact, with the link token of ``scope``
        (the job's read link alone is not enough: it is also on the order's page).
        """
        env = request.env
        user = env.user
        nobody = env["res.partner"].sudo().browse()
        if not user._is_public():
            partner = user.partner_id.sudo()
            if partner.commercial_partner_id == job_sudo.commercial_partner_id and env[
                "print.job"
            ].browse(job_sudo.id).has_access("read"):
                return partner
            return nobody
        if scope and job_sudo._print_check_service_token(scope, token):
            return job_sudo.partner_id
        return nobody

    def _print_ticket_actor(self, ticket_sudo, access_token=None):
        """The contact who answers for the ticket's customer from this browser, or an empty
        recordset: a logged-in contact of the ticket's customer who may read it (the record
        rules), or, not logged in, the ticket's contact with the ticket's own link."""
        env = request.env
        user = env.user
        nobody = env["res.partner"].sudo().browse()
        customer = ticket_sudo.partner_id.commercial_partner_id
        if not user._is_public():
            partner = user.partner_id.sudo()
            if (
                customer
                and partner.commercial_partner_id == customer
                and env["helpdesk.ticket"].browse(ticket_sudo.id).has_access("read")
            ):
                return partner
            return nobody
        if (
            access_token
            and ticket_sudo.access_token
            and consteq(str(access_token), ticket_sudo.access_token)
        ):
            return ticket_sudo.partner_id
        return nobody

    def _print_selection(self, model, field):
        env = request.env
        return env[model]._fields[field]._description_selection(env)

    # ------------------------------------------------------------------ the job page

    def _get_page_view_values(
        self, document, access_token, values, session_history, no_breadcrumbs, **kwargs
    ):
        if document._name == "print.job":
            values.update(self._print_service_job_values(document))
        elif document._name == "helpdesk.ticket":
            values.update(self._print_service_ticket_values(document, access_token))
        return super()._get_page_view_values(
            document, access_token, values, session_history, no_breadcrumbs, **kwargs
        )

    def _print_service_job_values(self, job_sudo):
        """What the job's page adds: the delivery choice, the feedback, the complaint form
        and the job's tickets."""
        params = request.params
        delivery_token = params.get("delivery_token")
        feedback_token = params.get("feedback_token")
        delivery_actor = self._print_job_actor(job_sudo, DELIVERY_TOKEN_SCOPE, delivery_token)
        feedback_actor = self._print_job_actor(job_sudo, FEEDBACK_TOKEN_SCOPE, feedback_token)
        complainer = self._print_job_actor(job_sudo) if not job_sudo.is_cancel else None
        rating = params.get("rating")
        Ticket = request.env["helpdesk.ticket"]
        tickets = Ticket.browse()
        if complainer:
            # The job's tickets (the link is the shop's field), then those of them the
            # logged-in user may see (searched as the user: the record rules apply).
            ids = Ticket.sudo()._search([("print_job_id", "=", job_sudo.id)])
            tickets = Ticket.search([("id", "in", ids)], order="id desc")
        extensions = sorted(job_sudo.company_id._print_allowed_extensions())
        return {
            "print_delivery_open": job_sudo._print_delivery_open(),
            "print_delivery_can_choose": job_sudo._print_delivery_open() and bool(delivery_actor),
            "print_delivery_token": delivery_token
            if job_sudo._print_check_service_token(DELIVERY_TOKEN_SCOPE, delivery_token)
            else False,
            "print_delivery_addresses": job_sudo._print_delivery_addresses()
            if delivery_actor
            else [],
            "print_delivery_methods": self._print_selection("print.job", "print_delivery_method"),
            "print_delivery_payments": self._print_selection("print.job", "print_delivery_payment"),
            "print_delivery_error": False,
            "print_delivery_form": {},
            "print_feedback_can_rate": job_sudo._print_feedback_open() and bool(feedback_actor),
            "print_feedback_token": feedback_token
            if job_sudo._print_check_service_token(FEEDBACK_TOKEN_SCOPE, feedback_token)
            else False,
            "print_feedback_ratings": self._print_selection("print.job", "print_feedback_rating"),
            "print_feedback_stages": job_sudo._print_feedback_stages(),
            "print_feedback_error": False,
            "print_feedback_form": {
                "rating": rating if str(rating) in ("1", "2", "3", "4", "5") else ""
            },
            "print_complaint_can_file": bool(complainer),
            "print_complaint_remedies": self._print_selection(
                "helpdesk.ticket", "print_remedy_wanted"
            ),
            "print_complaint_accept": ",".join(f".{extension}" for extension in extensions),
            "print_complaint_error": False,
            "print_complaint_form": {},
            "print_job_tickets": tickets.sudo(),
            "print_ticket_step_labels": self._print_ticket_step_words(),
        }

    def _print_job_page_with(self, job_id, access_token, values):
        """The job's page again, with an error and what the customer had typed."""
        response = self.portal_print_job_page(job_id, access_token=access_token)
        response.qcontext.update(values)
        return response

    def _print_job_redirect(self, job_id, access_token=None, anchor="", **params):
        params = {key: value for key, value in params.items() if value}
        if access_token:
            params["access_token"] = access_token
        query = f"?{urlencode(params)}" if params else ""
        return request.redirect(f"/my/print_jobs/{job_id}{query}{anchor}")

    def _print_job_check_access(self, job_id, access_token):
        try:
            return self._document_check_access("print.job", job_id, access_token=access_token)
        except (AccessError, MissingError):
            return None

    @http.route(
        ["/my/print_jobs/<int:job_id>/delivery"],
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_print_job_delivery(
        self,
        job_id,
        access_token=None,
        delivery_token=None,
        method=None,
        address_id=None,
        payment=None,
        note="",
        **kw,
    ):
        """The customer chooses pick-up or delivery, where and how it pays
        (``print.job._print_choose_delivery`` checks and records it)."""
        job_sudo = self._print_job_check_access(job_id, access_token)
        if not job_sudo:
            return request.redirect("/my")
        env = request.env
        partner = self._print_job_actor(job_sudo, DELIVERY_TOKEN_SCOPE, delivery_token)
        new_address = {
            key: kw.get(f"new_{key}") or "" for key in ("name", "street", "zip", "city", "phone")
        }
        try:
            if not partner:
                raise UserError(
                    env._(
                        "To choose the delivery, open the link of the e-mail we sent you, or"
                        " log in with your own account."
                    )
                )
            address = env["res.partner"].sudo().browse()
            if address_id and str(address_id).isdigit():
                address = address.browse(int(address_id))
            with env.cr.savepoint():
                # sudo: _print_job_actor checked who acts for the job's customer; the
                # method checks the job, the values and the address.
                job_sudo._print_choose_delivery(
                    partner,
                    method,
                    payment,
                    address=address,
                    note=note,
                    new_address=new_address if address_id == "new" else None,
                )
        except UserError as error:
            return self._print_job_page_with(
                job_id,
                access_token,
                {
                    "print_delivery_error": error.args[0],
                    "print_delivery_form": {
                        "method": method,
                        "payment": payment,
                        "address_id": address_id,
                        "note": note,
                        **{f"new_{key}": value for key, value in new_address.items()},
                    },
                },
            )
        return self._print_job_redirect(
            job_id,
            access_token,
            "#delivery",
            delivery_token=delivery_token,
            delivery_saved=1,
        )

    @http.route(
        ["/my/print_jobs/<int:job_id>/feedback"],
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_print_job_feedback(
        self, job_id, access_token=None, feedback_token=None, rating=None, comment="", **kw
    ):
        """The customer rates the delivered job (``print.job._print_give_feedback``)."""
        job_sudo = self._print_job_check_access(job_id, access_token)
        if not job_sudo:
            return request.redirect("/my")
        env = request.env
        partner = self._print_job_actor(job_sudo, FEEDBACK_TOKEN_SCOPE, feedback_token)
        stage_id = kw.get("stage_id")
        try:
            if not partner:
                raise UserError(
                    env._(
                        "To rate the job, open the link of the e-mail we sent you, or log in"
                        " with your own account."
                    )
                )
            stage = env["print.job.stage"].sudo().browse()
            if stage_id and str(stage_id).isdigit():
                stage = stage.browse(int(stage_id))
            with env.cr.savepoint():
                # sudo: _print_job_actor checked who acts for the job's customer.
                job_sudo._print_give_feedback(partner, rating, comment=comment, stage=stage)
        except UserError as error:
            return self._print_job_page_with(
                job_id,
                access_token,
                {
                    "print_feedback_error": error.args[0],
                    "print_feedback_form": {
                        "rating": rating,
                        "comment": comment,
                        "stage_id": stage_id,
                    },
                },
            )
        return self._print_job_redirect(job_id, access_token, "#feedback")

    @http.route(
        ["/my/print_jobs/<int:job_id>/complaint"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
        max_content_length=_upload_max_content_length,
    )
    def portal_print_job_complaint(
        self, job_id, title="", description="", remedy=None, access_token=None, **kw
    ):
        """A logged-in contact of the job's customer files a complaint about the job, with
        photos: a complaint ticket linked to the job and its order."""
        job_sudo = self._print_job_check_access(job_id, access_token)
        if not job_sudo:
            return request.redirect("/my")
        env = request.env
        partner = self._print_job_actor(job_sudo)
        photos = [
            upload
            for upload in request.httprequest.files.getlist("photos")
            if isinstance(upload, FileStorage) and upload.filename
        ]
        try:
            if not partner or job_sudo.is_cancel:
                raise UserError(
                    env._("Only the customer of this job can file a complaint about it.")
                )
            with env.cr.savepoint():
                # sudo: _print_job_actor checked the user is a contact of the job's
                # customer who may read the job; the photos go through the upload policy.
                ticket = self._print_file_complaint(
                    job_sudo, partner, title, description, remedy, photos
                )
        except UserError as error:
            return self._print_job_page_with(
                job_id,
                access_token,
                {
                    "print_complaint_error": error.args[0],
                    "print_complaint_form": {
                        "title": title,
                        "description": description,
                        "remedy": remedy,
                    },
                },
            )
        return request.redirect(ticket.get_portal_url())

    def _print_file_complaint(self, job_sudo, partner, title, description, remedy, photos):
        env = request.env
        Ticket = env["helpdesk.ticket"]
        title = (title or "").strip()
        description = (description or "").strip()
        if not title:
            raise UserError(
                env._(
                    "%(field)s: say in a few words what is wrong.",
                    field=Ticket._fields["name"]._description_string(env),
                )
            )
        if not description:
            raise UserError(
                env._(
                    "%(field)s: describe what is wrong with the job.",
                    field=Ticket._fields["description"]._description_string(env),
                )
            )
        remedies = dict(self._print_selection("helpdesk.ticket", "print_remedy_wanted"))
        if remedy and remedy not in remedies:
            raise UserError(
                env._(
                    "%(field)s: choose one of %(values)s.",
                    field=Ticket._fields["print_remedy_wanted"]._description_string(env),
                    values=", ".join(remedies.values()),
                )
            )
        if len(photos) > MAX_PHOTOS:
            raise UserError(
                env._("Photos: at most %(count)s files with one complaint.", count=MAX_PHOTOS)
            )
        company = job_sudo.company_id
        what = env._("Photos")
        checked = [
            (upload, company._print_check_upload(upload.filename, upload.stream, what))
            for upload in photos
        ]
        ticket = (
            Ticket.sudo()
            .with_context(mail_create_nosubscribe=True)
            .create(
                {
                    "name": title,
                    "description": plaintext2html(description),
                    "partner_id": partner.id,
                    "company_id": company.id,
                    "type_id": env.ref("print_crm_service.ticket_type_complaint").id,
                    "channel_id": env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web").id,
                    "team_id": company.print_service_team_id.id,
                    "print_job_id": job_sudo.id,
                    "print_sale_order_id": job_sudo.sale_order_id.id,
                    "print_remedy_wanted": remedy or False,
                }
            )
        )
        for upload, mimetype in checked:
            company._print_upload_attachment(
                upload.filename,
                upload.stream,
                what,
                res_model="helpdesk.ticket",
                res_id=ticket.id,
                mimetype=mimetype,
            )
        ticket.message_subscribe(partner_ids=partner.ids)
        return ticket

    # ------------------------------------------------------------------ the ticket page

    def _print_ticket_step_words(self):
        """What the customer reads for each step of a print ticket."""
        env = request.env
        return {
            "new": env._("We received your request"),
            "invalid": env._("Answered: we cannot accept it as a complaint"),
            "valid": env._("Accepted: we are looking into it"),
            "routed": env._("Passed to the department responsible"),
            "proposed": env._("A solution is being prepared"),
            "approved": env._("A solution was approved"),
            "resolved": env._("Resolved: please tell us whether you are satisfied"),
            "committed": env._("We committed to a solution"),
            "satisfied": env._("You confirmed you are satisfied"),
            "archived": env._("Closed"),
        }

    def _print_service_ticket_values(self, ticket_sudo, access_token):
        """What the ticket's page adds: the steps in the customer's words, and whether the
        customer can confirm satisfaction or reopen."""
        actor = self._print_ticket_actor(ticket_sudo, access_token)
        answerable = bool(ticket_sudo.print_kind and ticket_sudo.print_step in CUSTOMER_STEPS)
        return {
            "print_ticket_steps": ticket_sudo.print_step_ids.sorted(lambda s: (s.date, s.id))
            if ticket_sudo.print_kind
            else [],
            "print_ticket_step_labels": self._print_ticket_step_words(),
            "print_ticket_can_answer": answerable and bool(actor),
            "print_ticket_can_confirm": answerable
            and bool(actor)
            and ticket_sudo.print_step == "resolved",
            "print_ticket_error": False,
            # The reward the ticket earned the customer (helpdesk_ticket_reward.py), shown
            # to whoever acts for the ticket's customer only (not to a follower).
            "print_ticket_reward": ticket_sudo._print_reward_portal_text()
            if actor and ticket_sudo.print_kind == "suggestion"
            else False,
        }

    def _print_ticket_check_access(self, ticket_id, access_token):
        try:
            return self._document_check_access(
                "helpdesk.ticket", ticket_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return None

    @http.route(
        ["/my/ticket/<int:ticket_id>/print_answer"],
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_print_ticket_answer(
        self, ticket_id, access_token=None, answer=None, reason="", **kw
    ):
        """The customer confirms that the complaint is settled, or reopens it with a reason
        (the ticket's own actions, run as superuser after the access check)."""
        ticket_sudo = self._print_ticket_check_access(ticket_id, access_token)
        if not ticket_sudo:
            return request.redirect("/my")
        env = request.env
        partner = self._print_ticket_actor(ticket_sudo, access_token)
        # As superuser, but in the name of the request's user: the step log keeps who it was
        # (_document_check_access gave the record of the superuser itself).
        ticket_sudo = env["helpdesk.ticket"].sudo().browse(ticket_sudo.id)
        try:
            if not partner or not ticket_sudo.print_kind:
                raise UserError(
                    env._("Only the customer of this ticket can answer it: log in first.")
                )
            with env.cr.savepoint():
                # sudo: _print_ticket_actor checked the visitor answers for the ticket's
                # customer; the action checks the ticket's step.
                if answer == "satisfied":
                    ticket_sudo.action_print_confirm_satisfied()
                elif answer == "reopen":
                    reason = (reason or "").strip()
                    if not reason:
                        raise UserError(env._("Reason: say what is still wrong."))
                    # The ticket's Reopen asks the desk for the reason in a wizard; the
                    # customer gave it in the form: the same checks, then the reopen.
                    ticket_sudo._print_check_step(env._("Reopen"), *CUSTOMER_STEPS)
                    ticket_sudo._print_reopen(
                        env._("%(who)s (portal): %(reason)s", who=partner.name, reason=reason)
                    )
                else:
                    raise UserError(env._("Choose whether the matter is settled or not."))
        except UserError as error:
            response = self.portal_my_ticket(ticket_id, access_token=access_token)
            response.qcontext.update({"print_ticket_error": error.args[0]})
            return response
        query = f"?{urlencode({'access_token': access_token})}" if access_token else ""
        return request.redirect(f"/my/ticket/{ticket_id}{query}")
