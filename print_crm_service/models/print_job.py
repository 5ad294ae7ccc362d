# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from markupsafe import Markup

from odoo import fields, models, tools
from odoo.exceptions import UserError

from odoo.addons.print_crm_prepress.models.print_job import PrintJob as PrepressPrintJob

_logger = logging.getLogger(__name__)

# The customer's delivery choice: written by _print_choose_delivery() only.
DELIVERY_FIELDS = (
    "print_delivery_method",
    "print_delivery_address_id",
    "print_delivery_payment",
    "print_delivery_note",
    "print_delivery_chosen_by_id",
    "print_delivery_chosen_date",
)
# The customer's opinion of the job: written by _print_give_feedback() only.
FEEDBACK_FIELDS = (
    "print_feedback_rating",
    "print_feedback_comment",
    "print_feedback_stage_id",
    "print_feedback_by_id",
    "print_feedback_date",
    "print_feedback_ticket_id",
)
DELIVERY_TOKEN_SCOPE = "print_crm_service.delivery"
FEEDBACK_TOKEN_SCOPE = "print_crm_service.feedback"
DELIVERY_METHODS = [("pickup", "Pick-up"), ("delivery", "Delivery")]
DELIVERY_PAYMENTS = [
    ("on_account", "On Account"),
    ("on_pickup", "On Pick-up / Delivery"),
    ("prepaid", "Prepaid"),
]
RATINGS = [
    ("1", "1 - Very dissatisfied"),
    ("2", "2 - Dissatisfied"),
    ("3", "3 - Neutral"),
    ("4", "4 - Satisfied"),
    ("5", "5 - Very satisfied"),
]


class PrintJob(models.Model):
    """Delivery and feedback of a job: when it is ready the customer chooses pick-up or
    delivery, the address and the payment; once delivered it rates the whole service.

    Both are the customer's decisions, made on the portal (or recorded by the shop from a
    call) through the methods below, which check who answers and stamp who and when.
    """

    _inherit = "print.job"
    _print_decision_fields = (
        PrepressPrintJob._print_decision_fields + DELIVERY_FIELDS + FEEDBACK_FIELDS
    )

    print_stage_role = fields.Selection(
        related="stage_id.role", string="Stage Role", groups="base.group_user"
    )
    # Internal (groups="base.group_user"): the portal reads them as superuser after its
    # access check, as it reads the rest of the job.
    print_delivery_method = fields.Selection(
        DELIVERY_METHODS,
        "Pick-up or Delivery",
        readonly=True,
        copy=False,
        tracking=True,
        groups="base.group_user",
    )
    print_delivery_address_id = fields.Many2one(
        "res.partner",
        "Delivery Address",
        readonly=True,
        copy=False,
        tracking=True,
        groups="base.group_user",
    )
    print_delivery_payment = fields.Selection(
        DELIVERY_PAYMENTS,
        "Payment",
        readonly=True,
        copy=False,
        tracking=True,
        groups="base.group_user",
    )
    print_delivery_note = fields.Text(
        "Delivery Note", readonly=True, copy=False, groups="base.group_user"
    )
    print_delivery_chosen_by_id = fields.Many2one(
        "res.partner", "Delivery Chosen By", readonly=True, copy=False, groups="base.group_user"
    )
    print_delivery_chosen_date = fields.Datetime(
        "Delivery Chosen On", readonly=True, copy=False, groups="base.group_user"
    )
    print_feedback_rating = fields.Selection(
        RATINGS, "Rating", readonly=True, copy=False, tracking=True, groups="base.group_user"
    )
    print_feedback_comment = fields.Text(
        "Feedback", readonly=True, copy=False, groups="base.group_user"
    )
    print_feedback_stage_id = fields.Many2one(
        "print.job.stage",
        "Feedback About",
        readonly=True,
        copy=False,
        groups="base.group_user",
        help="The step of the job the customer's opinion is about; its department gets the"
        " ticket of a low rating.",
    )
    print_feedback_by_id = fields.Many2one(
        "res.partner", "Feedback By", readonly=True, copy=False, groups="base.group_user"
    )
    print_feedback_date = fields.Datetime(
        "Feedback Given On", readonly=True, copy=False, groups="base.group_user"
    )
    print_feedback_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        "Feedback Ticket",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups="base.group_user",
    )

    # ------------------------------------------------------------------ business: tokens

    def _print_service_token(self, scope):
        """The token of this job's delivery or feedback link (``scope``): a signature of
        the job and of its access token, made with the database secret. The job's read
        link does not give it, and renewing the access token revokes it."""
        self.ensure_one()
        return tools.hmac(self.env(su=True), scope, (self.id, self.sudo().access_token or ""))

    def _print_check_service_token(self, scope, token):
        self.ensure_one()
        return bool(
            token
            and self.sudo().access_token
            and tools.consteq(str(token), self._print_service_token(scope))
        )

    def _print_service_url(self, scope, anchor):
        """The job's portal page with the link token of ``scope``, for an e-mail."""
        self.ensure_one()
        job = self.sudo()
        job._portal_ensure_token()  # the link token signs the access token
        param = "delivery_token" if scope == DELIVERY_TOKEN_SCOPE else "feedback_token"
        return job.get_base_url() + job.get_portal_url(
            query_string=f"&{param}={self._print_service_token(scope)}", anchor=anchor
        )

    # ------------------------------------------------------------------ business: delivery

    def _print_delivery_open(self):
        """Whether the customer may (still) choose how it gets the job: only while the job
        is in a stage whose role is ready (not before, not once delivered)."""
        self.ensure_one()
        job = self.sudo()
        return job.stage_id.role == "ready" and not (job.is_done or job.is_cancel)

    def _print_delivery_addresses(self):
        """The addresses the customer may choose: its company and the company's contacts
        and addresses (not archived)."""
        self.ensure_one()
        commercial = self.sudo().commercial_partner_id
        return (
            self.env["res.partner"]
            .sudo()
            .search([("id", "child_of", commercial.id), ("type", "in", ("contact", "delivery"))])
        )

    def _print_check_customer_contact(self, partner):
        """Refuse ``partner`` unless it is one of the job's customer's contacts."""
        self.ensure_one()
        if not partner or partner.commercial_partner_id != self.sudo().commercial_partner_id:
            raise UserError(
                self.env._(
                    "%(job)s: only the contacts of %(customer)s answer for this job.",
                    job=self.sudo().display_name,
                    customer=self.sudo().commercial_partner_id.display_name,
                )
            )

    def _print_choose_delivery(
        self, partner, method, payment, address=None, note="", new_address=None
    ):
        """Record the customer's delivery choice, made by its contact ``partner``.

        ``method``: pickup or delivery; ``payment``: on_account, on_pickup or prepaid;
        ``address``: one of the customer's addresses (delivery only), or ``new_address``
        (a dict: name, street, zip, city, phone) to add one to the customer. The caller
        checked that whoever acts may act for ``partner`` (the portal: logged in as the
        customer, or the delivery link); here is checked everything else. Stamps who and
        when; tells the job's responsible.
        """
        self.ensure_one()
        env = self.env
        job = self.sudo()
        self._print_check_customer_contact(partner)
        if not self._print_delivery_open():
            raise UserError(
                env._(
                    "%(job)s is not waiting for your delivery choice (it is %(status)s).",
                    job=job.display_name,
                    status=job.print_customer_status,
                )
            )
        methods = dict(self._fields["print_delivery_method"]._description_selection(env))
        if method not in methods:
            raise UserError(
                env._(
                    "%(field)s: choose one of %(values)s.",
                    field=self._fields["print_delivery_method"]._description_string(env),
                    values=", ".join(methods.values()),
                )
            )
        payments = dict(self._fields["print_delivery_payment"]._description_selection(env))
        if payment not in payments:
            raise UserError(
                env._(
                    "%(field)s: choose one of %(values)s.",
                    field=self._fields["print_delivery_payment"]._description_string(env),
                    values=", ".join(payments.values()),
                )
            )
        address_field = self._fields["print_delivery_address_id"]._description_string(env)
        if method == "delivery":
            if new_address:
                address = self._print_new_delivery_address(new_address)
            if not address or address not in self._print_delivery_addresses():
                raise UserError(
                    env._(
                        "%(field)s: choose one of the addresses of %(customer)s, or enter a"
                        " new one.",
                        field=address_field,
                        customer=job.commercial_partner_id.display_name,
                    )
                )
        else:
            address = env["res.partner"]
        # sudo: the checks above (the caller's, and the job's customer and state here).
        job._print_decide(*DELIVERY_FIELDS).write(
            {
                "print_delivery_method": method,
                "print_delivery_address_id": address.id,
                "print_delivery_payment": payment,
                "print_delivery_note": (note or "").strip() or False,
                "print_delivery_chosen_by_id": partner.id,
                "print_delivery_chosen_date": fields.Datetime.now(),
            }
        )
        summary = env._(
            "%(who)s chose %(method)s, payment %(payment)s.",
            who=partner.name,
            method=methods[method],
            payment=payments[payment],
        )
        job.message_post(body=summary, author_id=partner.id, subtype_xmlid="mail.mt_note")
        return True

    def _print_new_delivery_address(self, values):
        """A new delivery address of the job's customer, from the portal form."""
        env = self.env
        name = (values.get("name") or "").strip()
        street = (values.get("street") or "").strip()
        city = (values.get("city") or "").strip()
        if not (street and city):
            raise UserError(
                env._(
                    "%(field)s: a new address needs at least a street and a city.",
                    field=self._fields["print_delivery_address_id"]._description_string(env),
                )
            )
        commercial = self.sudo().commercial_partner_id
        # sudo: the caller checked the contact acts for this customer (see
        # _print_choose_delivery); the address is added to that customer only.
        return (
            env["res.partner"]
            .sudo()
            .create(
                {
                    "type": "delivery",
                    "parent_id": commercial.id,
                    "name": name or False,
                    "street": street,
                    "zip": (values.get("zip") or "").strip() or False,
                    "city": city,
                    "phone": (values.get("phone") or "").strip() or False,
                }
            )
        )

    # ------------------------------------------------------------------ business: feedback

    def _print_feedback_open(self):
        """Whether the customer may rate the job: delivered, and not rated yet."""
        self.ensure_one()
        job = self.sudo()
        delivered = job.stage_id.role == "delivered" or (job.is_done and not job.is_cancel)
        return delivered and not job.print_feedback_date

    def _print_feedback_stages(self):
        """The steps of the job the customer saw (its customer-visible stages, in order),
        that a rating may be about."""
        self.ensure_one()
        return (
            self.sudo()
            .route_id._ordered_stages()
            .filtered(lambda s: s.visible_to_customer and not s.is_cancel)
        )

    def _print_give_feedback(self, partner, rating, comment="", stage=None):
        """Record the customer's rating (1 to 5) and comment, once per job.

        A rating at or under the company's threshold opens a feedback ticket for the
        department of the stage it is about. The caller checked who acts (as for
        :meth:`_print_choose_delivery`).
        """
        self.ensure_one()
        env = self.env
        job = self.sudo()
        self._print_check_customer_contact(partner)
        if job.print_feedback_date:
            raise UserError(
                env._(
                    "%(job)s: you already rated this job on %(date)s, thank you.",
                    job=job.display_name,
                    date=tools.format_datetime(env, job.print_feedback_date, dt_format="short"),
                )
            )
        if not self._print_feedback_open():
            raise UserError(
                env._("%(job)s: you can rate the job once it is delivered.", job=job.display_name)
            )
        ratings = dict(self._fields["print_feedback_rating"]._description_selection(env))
        if str(rating) not in ratings:
            raise UserError(
                env._(
                    "%(field)s: choose from 1 (very dissatisfied) to 5 (very satisfied).",
                    field=self._fields["print_feedback_rating"]._description_string(env),
                )
            )
        if stage and stage not in self._print_feedback_stages():
            stage = env["print.job.stage"]
        # sudo: the checks above (the caller's, and the job's customer and state here).
        job._print_decide(*FEEDBACK_FIELDS).write(
            {
                "print_feedback_rating": str(rating),
                "print_feedback_comment": (comment or "").strip() or False,
                "print_feedback_stage_id": stage.id if stage else False,
                "print_feedback_by_id": partner.id,
                "print_feedback_date": fields.Datetime.now(),
            }
        )
        job.message_post(
            body=env._(
                "%(who)s rated the job %(rating)s.", who=partner.name, rating=ratings[str(rating)]
            ),
            author_id=partner.id,
            subtype_xmlid="mail.mt_note",
        )
        if int(rating) <= job.company_id.print_feedback_low_rating:
            job._print_open_feedback_ticket()
        return True

    def _print_feedback_team(self):
        """The helpdesk team a low rating of this job goes to: the department of the stage
        it is about, else the company's service team."""
        self.ensure_one()
        job = self.sudo()
        return (
            job.print_feedback_stage_id.print_service_team_id
            or job.company_id.print_service_team_id
        )

    def _print_open_feedback_ticket(self):
        """A feedback ticket for a low rating, linked to the job and its customer, routed
        to the department responsible (run as superuser by _print_give_feedback)."""
        self.ensure_one()
        env = self.env
        job = self.sudo()
        ratings = dict(self._fields["print_feedback_rating"]._description_selection(env))
        about = job.print_feedback_stage_id.customer_label
        lines = [
            env._(
                "%(who)s rated %(job)s: %(rating)s.",
                who=job.print_feedback_by_id.name or "",
                job=job.display_name,
                rating=ratings[job.print_feedback_rating],
            )
        ]
        if about:
            lines.append(env._("About: %(step)s", step=about))
        description = Markup("").join(Markup("<p>%s</p>") % line for line in lines)
        if job.print_feedback_comment:
            description += tools.plaintext2html(job.print_feedback_comment)
        team = job._print_feedback_team()
        values = {
            "name": env._(
                "Low rating (%(rating)s/5): %(job)s",
                rating=job.print_feedback_rating,
                job=job.display_name,
            ),
            "description": description,
            "partner_id": job.print_feedback_by_id.id or job.partner_id.id,
            "company_id": job.company_id.id,
            "type_id": env.ref("print_crm_service.ticket_type_feedback").id,
            "channel_id": env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web").id,
            "team_id": team.id,
            "print_job_id": job.id,
            "print_sale_order_id": job.sale_order_id.id,
        }
        ticket = env["helpdesk.ticket"].sudo().create(values)
        job._print_decide("print_feedback_ticket_id").write({"print_feedback_ticket_id": ticket.id})
        return ticket

    # ------------------------------------------------------------------ e-mails

    def _notify_stage(self, stage):
        """Ready and delivered: one e-mail each, the stage notice with what the customer
        can now do (choose pick-up or delivery; rate the job), instead of the plain one.

        Sent when the plain notice would be (a stage the customer sees, a customer who
        wants production updates by e-mail); the portal offers the same either way.
        """
        if stage.role == "ready":
            self._print_send_service_mail(
                "print_crm_service.mail_template_print_job_ready", DELIVERY_TOKEN_SCOPE, stage
            )
            self._print_send_ready_sms(stage)
            return
        if stage.role == "delivered":
            self._print_send_service_mail(
                "print_crm_service.mail_template_print_job_feedback", FEEDBACK_TOKEN_SCOPE, stage
            )
            return
        return super()._notify_stage(stage)

    def _print_send_service_mail(self, template_xmlid, scope, stage):
        template = self.env.ref(template_xmlid, raise_if_not_found=False)
        if not template or not stage.visible_to_customer:
            return
        for job in self.filtered(lambda j: j.commercial_partner_id.print_job_notify):
            # From the job's responsible, else the company: whoever has an address.
            author = (job.user_id.partner_id | job.company_id.partner_id).filtered("email")[:1]
            if not author:
                _logger.info("%s: no sender address, the customer is not e-mailed", job.name)
                continue
            anchor = "delivery" if scope == DELIVERY_TOKEN_SCOPE else "feedback"
            job.with_context(
                print_job_stage=stage, print_service_url=job._print_service_url(scope, anchor)
            ).message_post_with_source(
                template,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=job.partner_id.ids,
                author_id=author.id,
                email_from=author.email_formatted,
                force_send=False,
            )

    def _print_send_ready_sms(self, stage):
        """The ready notice by SMS as well, where the company turns it on (Settings:
        Ready Notice by SMS): to the job's contact's mobile, else phone, else the
        customer's, with the delivery link. Queued for the SMS cron; the message shows in
        the job's chatter. Without a number, a note says so (the job moves all the same).
        """
        if not stage.visible_to_customer:
            return
        # sudo: called after the stage move, which checked the caller may move the jobs;
        # reads the company's setting and the customer's numbers to address the SMS.
        for job in self.sudo().filtered(lambda j: j.company_id.print_ready_sms):
            contacts = job.partner_id | job.commercial_partner_id
            recipient = contacts.filtered(lambda p: p.mobile or p.phone)[:1]
            if not recipient:
                job.message_post(
                    body=self.env._(
                        "The ready notice was not sent by SMS: %(contact)s has no mobile or"
                        " phone number.",
                        contact=(job.partner_id or job.commercial_partner_id).display_name,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
                continue
            author = (job.user_id.partner_id | job.company_id.partner_id)[:1]
            lang_env = job.with_context(lang=recipient.lang or self.env.lang).env
            body = lang_env._(
                "%(company)s: your job %(job)s is ready. Choose pick-up or delivery: %(url)s",
                company=job.company_id.name,
                job=job.name,
                url=job._print_service_url(DELIVERY_TOKEN_SCOPE, "delivery"),
            )
            job._message_sms(
                body,
                partner_ids=recipient.ids,
                sms_pid_to_number={recipient.id: recipient.mobile or recipient.phone},
                author_id=author.id,
                put_in_queue=True,
            )
