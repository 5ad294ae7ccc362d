# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.http import content_disposition, request


class PrintEstimateExport(http.Controller):
    @http.route("/print_crm/estimate/<int:estimate_id>/xlsx", type="http", auth="user")
    def estimate_xlsx(self, estimate_id):
        """The estimate's full cost breakdown as an XLSX workbook (back office)."""
        # The costs are the shop's: a portal customer reads its estimate, never this.
        if not request.env.user.has_group("print_crm_quote.group_estimate_user"):
            raise request.not_found()
        estimate = request.env["print.estimate"].browse(estimate_id).exists()
        if not estimate:
            raise request.not_found()
        estimate.check_access("read")
        content = estimate._export_xlsx()
        filename = f"{estimate.display_name.replace('/', '-')}.xlsx"
        return request.make_response(
            content,
            headers=[
                (
                    "Content-Type",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ),
                ("Content-Disposition", content_disposition(filename)),
            ],
        )

    @http.route("/print_crm/customer_value/xlsx", type="http", auth="user")
    def customer_value_xlsx(self, ids=""):
        """Customer value rows as an XLSX workbook: the given ids the user may read, or all
        the user may read when none are given."""
        Value = request.env["print.customer.value"]
        wanted = [int(i) for i in ids.split(",") if i.strip().isdigit()]
        values = Value.search([("id", "in", wanted)] if wanted else [])
        return request.make_response(
            values._export_xlsx(),
            headers=[
                (
                    "Content-Type",
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ),
                ("Content-Disposition", content_disposition("customer_value.xlsx")),
            ],
        )
