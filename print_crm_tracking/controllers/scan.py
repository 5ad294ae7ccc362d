# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
import time

from odoo import fields, http
from odoo.exceptions import UserError
from odoo.http import content_disposition, request
from odoo.tools import escape_psql, format_datetime

from ..models.print_job_xlsx import WIP_XLSX_URL

PRODUCTION_GROUP = "print_crm_tracking.group_job_user"
SCAN_URL = "/print_crm/scan"
# Session keys: the outcome of the last scan (shown once) and the last moves.
RESULT_KEY = "print_crm_scan_result"
HISTORY_KEY = "print_crm_scan_history"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class PrintJobScan(http.Controller):
    """The shop floor's tablet page: a barcode scanner types a job ticket's code and Enter,
    and the job moves to the next stage of its route."""

    # How many moves the page lists, and for how long a second read of the same ticket is
    # taken for the scanner reading it twice rather than for a new move.
    history_size = 10
    rescan_seconds = 10

    @http.route(SCAN_URL, type="http", auth="user", methods=["GET", "POST"])
    def scan(self, code=None, **kwargs):
        env = self._production_env()
        if env is None:
            return self._forbidden()
        if request.httprequest.method == "POST":
            request.session[RESULT_KEY] = self._scan(env, code)
            # Post/redirect/get: reloading the page on the tablet moves nothing again.
            return request.redirect(SCAN_URL)
        return request.render(
            "print_crm_tracking.scan_page",
            {
                "result": request.session.pop(RESULT_KEY, None),
                "scans": request.session.get(HISTORY_KEY) or [],
                "companies": env.companies if len(env.user.company_ids) > 1 else None,
            },
        )

    @http.route(WIP_XLSX_URL, type="http", auth="user", methods=["GET"])
    def wip_xlsx(self, **kwargs):
        """The work-in-progress workbook of Production ▸ Work in Progress (XLSX)."""
        env = self._production_env()
        if env is None:
            return self._forbidden()
        Job = env["print.job"]
        filename = f"work_in_progress_{fields.Date.context_today(Job)}.xlsx"
        return request.make_response(
            Job._export_wip_xlsx(),
            headers=[
                ("Content-Type", XLSX),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )

    # ------------------------------------------------------------------ helpers

    def _production_env(self):
        """The request's environment on the companies active in the web client (cookie
        ``cids``), or None when the user is no production user."""
        user = request.env.user
        if not user.has_group(PRODUCTION_GROUP):
            return None
        allowed = user.company_ids.ids
        cids = [
            int(cid) for cid in re.split("[-,]", request.cookies.get("cids", "")) if cid.isdigit()
        ]
        companies = [cid for cid in cids if cid in allowed]
        if not companies:
            return request.env
        return request.env(context=dict(request.env.context, allowed_company_ids=companies))

    def _forbidden(self):
        return request.render("print_crm_tracking.scan_forbidden", status=403)

    def _scan(self, env, code):
        """Move the job of the scanned ``code`` to its next stage; the outcome to show."""
        _ = env._
        code = (code or "").strip()
        if not code:
            return _refusal(_("Nothing was read: scan the QR code of a job ticket."))
        # A keyboard, or a scanner set to another layout, may type job/2026/00001.
        job = env["print.job"].search([("name", "=", code)], limit=1) or env["print.job"].search(
            [("name", "=ilike", escape_psql(code))], limit=1
        )
        if not job:
            return _refusal(self._not_found_message(env, code))
        history = request.session.get(HISTORY_KEY) or []
        last = history[0] if history else None
        if last and last["job_id"] == job.id and time.time() - last["at"] < self.rescan_seconds:
            return _refusal(
                _(
                    "%(job)s has just moved to %(stage)s: the ticket was read twice. Scan it"
                    " again in a few seconds to move it once more.",
                    job=job.name,
                    stage=job.stage_id.name,
                ),
                job,
                level="warning",
            )
        previous = job.stage_id
        try:
            with env.cr.savepoint():
                job.action_next_stage()
        except UserError as error:  # the savepoint undid the move, caches included
            return _refusal(error.args[0], job)
        entry = {
            "job_id": job.id,
            "job": job.name,
            "title": job.title,
            "previous": previous.name,
            "stage": job.stage_id.name,
            "at": time.time(),
            "time": format_datetime(env, fields.Datetime.now(), dt_format="HH:mm"),
        }
        request.session[HISTORY_KEY] = [entry, *history][: self.history_size]
        return {
            "level": "success",
            "message": _(
                "%(job)s moved from %(previous)s to %(stage)s.",
                job=job.name,
                previous=previous.name,
                stage=job.stage_id.name,
            ),
            **_job_values(job),
        }

    def _not_found_message(self, env, code):
        """Why no job of the user's companies has ``code``: none has it at all, or it is
        another company's (the user's own, when not active in Odoo, is named)."""
        _ = env._
        other = env["print.job"].sudo().search([("name", "=", code)], limit=1)
        if not other:
            return _("No job has the code %(code)s: scan the QR code of a job ticket.", code=code)
        if other.company_id in env.user.company_ids:
            return _(
                "%(code)s is a job of %(company)s: switch to that company in Odoo, then scan"
                " it again.",
                code=code,
                company=other.company_id.name,
            )
        return _("%(code)s is a job of another company: it cannot be moved here.", code=code)


def _job_values(job):
    return {
        "job": job.name,
        "title": job.title,
        "partner": job.partner_id.display_name,
        "stage": job.stage_id.name,
    }


def _refusal(message, job=None, level="danger"):
    """The outcome of a scan that moved nothing."""
    return {"level": level, "message": message, **(_job_values(job) if job else {})}
