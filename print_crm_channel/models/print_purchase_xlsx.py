# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

import xlsxwriter

from odoo import fields, models

DEMAND_XLSX_URL = "/print_crm/purchase/demand.xlsx"


class PrintPurchaseDemand(models.Model):
    _inherit = "print.purchase.demand"

    def action_export_demand_xlsx(self):
        """Download the selected demand as a workbook (Action ▸ Export Demand (XLSX))."""
        self._check_buyer(self.env._("Export Demand (XLSX)"))
        ids = ",".join(str(i) for i in self.ids)
        return {
            "type": "ir.actions.act_url",
            "url": f"{DEMAND_XLSX_URL}?ids={ids}",
            "target": "download",
        }

    def _export_demand_xlsx(self):
        """These demand lines, one row each, as an XLSX workbook; as the current user, so
        record rules and companies apply to what the caller passes in."""
        _ = self.env._
        buffer = io.BytesIO()
        # strings_to_formulas: a description typed "=..." is text, never a live formula.
        book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
        bold = book.add_format({"bold": True})
        number = book.add_format({"num_format": "#,##0.###"})
        date = book.add_format({"num_format": "yyyy-mm-dd"})
        moment = book.add_format({"num_format": "yyyy-mm-dd hh:mm"})
        sheet = book.add_worksheet(_("Purchase Demand"))
        headers = [
            _("Job"),
            _("Customer"),
            _("Kind"),
            _("Item"),
            _("Supplier"),
            _("Quantity"),
            _("Unit"),
            _("Units per Pack"),
            _("Needed By"),
            _("Purchase Order"),
            _("Expected Arrival"),
            _("Received"),
            _("Status"),
            _("Late"),
        ]
        for col, header in enumerate(headers):
            sheet.write(0, col, header, bold)
        sheet.set_column(0, 4, 24)
        sheet.set_column(5, len(headers), 14)
        sheet.freeze_panes(1, 1)
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        states = dict(self._fields["state"]._description_selection(self.env))
        yes, no = _("Yes"), _("No")
        for row, demand in enumerate(self, start=1):
            sheet.write(row, 0, demand.job_id.display_name)
            sheet.write(row, 1, demand.customer_id.display_name or "")
            sheet.write(row, 2, kinds.get(demand.kind, ""))
            sheet.write(row, 3, demand.name)
            sheet.write(row, 4, demand.supplier_id.display_name)
            sheet.write_number(row, 5, demand.quantity, number)
            sheet.write(row, 6, demand.uom_id.display_name or "")
            if demand.pack_size:
                sheet.write_number(row, 7, demand.pack_size, number)
            sheet.write_datetime(row, 8, demand.need_by, date)
            sheet.write(row, 9, demand.purchase_id.name or "")
            if demand.date_planned:
                expected = fields.Datetime.context_timestamp(self, demand.date_planned)
                sheet.write_datetime(row, 10, expected.replace(tzinfo=None), moment)
            sheet.write_number(row, 11, demand.qty_received, number)
            sheet.write(row, 12, states.get(demand.state, ""))
            sheet.write(row, 13, yes if demand.late else no)
        book.close()
        return buffer.getvalue()
