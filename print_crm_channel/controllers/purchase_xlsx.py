# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import fields, http
from odoo.http import content_disposition, request

from ..models.print_purchase_demand import PURCHASE_USER
from ..models.print_purchase_xlsx import DEMAND_XLSX_URL

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class PrintPurchaseDemandXlsx(http.Controller):
    """The workbook of Purchase ▸ Production Demand ▸ Action ▸ Export Demand (XLSX)."""

    @http.route(DEMAND_XLSX_URL, type="http", auth="user", methods=["GET"])
    def demand_xlsx(self, ids="", **kwargs):
        env = request.env
        if not env.user.has_group(PURCHASE_USER):
            return request.make_response(
                env._("Export Demand (XLSX): only buyers may do this."),
                headers=[("Content-Type", "text/plain; charset=utf-8")],
                status=403,
            )
        wanted = [int(i) for i in re.split("[^0-9]+", ids or "") if i]
        # As the user: record rules and the user's companies decide what is exported.
        Demand = env["print.purchase.demand"]
        demand = Demand.search([("id", "in", wanted)]) if wanted else Demand
        filename = f"purchase_demand_{fields.Date.context_today(Demand)}.xlsx"
        return request.make_response(
            demand._export_demand_xlsx(),
            headers=[
                ("Content-Type", XLSX),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )
