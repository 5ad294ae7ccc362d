# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from werkzeug.exceptions import BadRequest, Forbidden

from odoo import fields, http
from odoo.exceptions import AccessError
from odoo.http import content_disposition, request

from ..models.print_access import SERVICE_USER, require_group

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class PrintServiceScorecardController(http.Controller):
    @http.route("/print_crm_service/scorecard/xlsx", type="http", auth="user", methods=["GET"])
    def scorecard_xlsx(self, ids=None, domain=None, **kw):
        """The staff scorecard as a workbook (the list's "Scorecard (XLSX)" button): the
        rows ``ids`` (comma-separated), or those of ``domain`` (the list's search, in
        JSON), or all; as the logged-in user reads them, so that its record rules
        (company, Own Region Only) apply."""
        env = request.env
        Scorecard = env["print.service.scorecard"]
        try:
            require_group(env, env._("Scorecard (XLSX)"), SERVICE_USER)
            Scorecard.check_access("read")
        except AccessError as error:
            raise Forbidden(str(error)) from error
        if ids:
            try:
                domain = [("id", "in", [int(i) for i in ids.split(",") if i.strip()])]
            except ValueError as error:
                raise BadRequest(env._("The scorecard's rows are numbers.")) from error
        else:
            try:
                domain = json.loads(domain) if domain else []
                if not isinstance(domain, list):
                    raise ValueError(domain)
                # The ORM checks the fields and operators (no SQL is run).
                Scorecard._where_calc(domain)
            except (ValueError, TypeError, KeyError) as error:
                raise BadRequest(env._("The scorecard's search is not a valid domain.")) from error
        content = Scorecard._print_scorecard_workbook(domain)
        name = env._("Service Scorecard %(date)s.xlsx", date=fields.Date.context_today(Scorecard))
        return request.make_response(
            content,
            headers=[("Content-Type", XLSX), ("Content-Disposition", content_disposition(name))],
        )
