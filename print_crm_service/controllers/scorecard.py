# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from werkzeug.exceptions import BadRequest, Forbidden

from odoo import fields, http
from odoo.exceptions import AccessError
from odoo.http import content_disposition, request

from ..models.print_access import SERVICE_USER, require_group

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class PrintServiceScorecardController(http.Controller):
    @http.route("/print_crm_service/scorecard/xlsx", type="http", auth="user", methods=["GET"])
    def scorecard_xlsx(self, ids=None, **kw):
        """The staff scorecard as a workbook (the list's "Scorecard (XLSX)" button): the
        rows ``ids`` (comma-separated) or all, as the logged-in user reads them, so that
        its record rules (company, Own Region Only) apply."""
        env = request.env
        Scorecard = env["print.service.scorecard"]
        try:
            require_group(env, env._("Scorecard (XLSX)"), SERVICE_USER)
            Scorecard.check_access("read")
        except AccessError as error:
            raise Forbidden(str(error)) from error
        domain = []
        if ids:
            try:
                domain = [("id", "in", [int(i) for i in ids.split(",") if i.strip()])]
            except ValueError as error:
                raise BadRequest(env._("The scorecard's rows are numbers.")) from error
        content = Scorecard._print_scorecard_workbook(domain)
        name = env._("Service Scorecard %(date)s.xlsx", date=fields.Date.context_today(Scorecard))
        return request.make_response(
            content,
            headers=[("Content-Type", XLSX), ("Content-Disposition", content_disposition(name))],
        )
