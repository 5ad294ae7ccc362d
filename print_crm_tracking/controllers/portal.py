# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.print_crm_quote.controllers.portal import print_portal_list_values

# Odoo's own lists (/my/orders) show 80 records a page; so do the jobs.


class PrintJobPortal(CustomerPortal):
    """The customer's production jobs: a list, and one job's timeline in customer words.

    The customer reads the customer labels of the stages it may see, never the internal
    stage names, the stages it may not see nor who moved the job.
    """

    # ------------------------------------------------------------------ home and list

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "print_job_count" in counters:
            jobs = request.env["print.job"]
            values["print_job_count"] = (
                jobs.search_count(self._print_job_domain()) if jobs.has_access("read") else 0
            )
        return values

    def _print_job_domain(self):
        """The jobs of the logged-in user's customer (its company and all its contacts)."""
        partner = request.env.user.partner_id
        return [("commercial_partner_id", "=", partner.commercial_partner_id.id)]

    def _print_job_searchbar_sortings(self):
        env = request.env
        return {
            "due": {"label": env._("Due Date"), "order": "due_date desc, id desc"},
            "name": {"label": env._("Reference"), "order": "name desc, id desc"},
        }

    def _print_job_searchbar_filters(self):
        env = request.env
        return {
            "all": {"label": env._("All"), "domain": []},
            "open": {
                "label": env._("In Progress"),
                "domain": [("is_done", "=", False), ("is_cancel", "=", False)],
            },
            "done": {"label": env._("Delivered"), "domain": [("is_done", "=", True)]},
        }

    def _prepare_print_jobs_values(self, page=1, sortby=None, filterby=None, **kw):
        """What /my/print_jobs renders: one page of the customer's jobs.

        The jobs are searched as the logged-in user, so the portal record rule applies, then
        read as superuser (like Odoo's orders) to show their order and status.
        """
        return print_portal_list_values(
            self,
            "print.job",
            url="/my/print_jobs",
            domain=self._print_job_domain(),
            sortings=self._print_job_searchbar_sortings(),
            filters=self._print_job_searchbar_filters(),
            sortby=sortby,
            filterby=filterby,
            page=page,
            key="jobs",
            page_name="print_job",
        )

    @http.route(
        ["/my/print_jobs", "/my/print_jobs/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_print_jobs(self, **kw):
        values = self._prepare_print_jobs_values(**kw)
        request.session["my_print_jobs_history"] = values["jobs"].ids[:100]
        return request.render("print_crm_tracking.portal_my_print_jobs", values)

    # ------------------------------------------------------------------ one job

    @http.route(["/my/print_jobs/<int:job_id>"], type="http", auth="public", website=True)
    def portal_print_job_page(self, job_id, access_token=None, **kw):
        try:
            job_sudo = self._document_check_access("print.job", job_id, access_token=access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        values = self._get_page_view_values(
            job_sudo,
            access_token,
            {
                "job": job_sudo,
                "timeline": self._print_job_timeline(job_sudo),
                "page_name": "print_job",
            },
            "my_print_jobs_history",
            False,
        )
        return request.render("print_crm_tracking.portal_print_job_page", values)

    def _print_job_timeline(self, job_sudo):
        """The steps of the job the customer sees, in order.

        First the customer-visible stages the job entered, with the date it entered each,
        then (while the job is neither finished nor cancelled) the customer-visible stages
        still to come on its route. Each step is a dict: ``label`` (the customer's words for
        the step, from the job's ``_print_timeline_label``), ``date`` (entered, or False for
        a step to come) and ``state`` (``done``, ``current`` or ``todo``).
        """
        history = job_sudo.history_ids.sorted(lambda line: (line.date, line.id))
        entered = []  # (line, stage the job went to when it left it)
        for index, line in enumerate(history):
            if line.stage_id.visible_to_customer:
                following = history[index + 1 : index + 2]
                entered.append((line, following.stage_id))
        steps = [
            {"stage": line.stage_id, "left_to": left_to, "date": line.date, "state": "done"}
            for line, left_to in entered
        ]
        if not (job_sudo.is_done or job_sudo.is_cancel):
            if steps:
                # The step the job is at (the last one it entered that the customer sees).
                steps[-1]["state"] = "current"
            current = job_sudo.stage_id
            to_come = job_sudo.route_id._ordered_stages().filtered(
                lambda stage: stage.visible_to_customer
                and not stage.is_cancel
                and (stage.sequence, stage.id) > (current.sequence, current.id)
            )
            steps += [
                {"stage": stage, "left_to": None, "date": False, "state": "todo"}
                for stage in to_come
            ]
        return [
            {
                "label": job_sudo._print_timeline_label(
                    step["stage"], step["state"], step["left_to"]
                ),
                "date": step["date"],
                "state": step["state"],
            }
            for step in steps
        ]
