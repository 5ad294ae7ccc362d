# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

import xlsxwriter

from odoo import models

from .print_estimate import CATEGORY_LABELS


class PrintEstimate(models.Model):
    _inherit = "print.estimate"

    def _export_xlsx(self):
        """The estimate as an XLSX workbook: a summary sheet with one column per quantity break,
        then one sheet per break with every cost line and the route of every part."""
        self.ensure_one()
        self._ensure_priced()
        buffer = io.BytesIO()
        # User text (titles, names) stays text: "=..." would be a live formula.
        book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
        bold = book.add_format({"bold": True})
        money = book.add_format({"num_format": "#,##0.00"})
        unit_money = book.add_format({"num_format": "#,##0.0000"})
        _ = self.env._

        summary = book.add_worksheet(_("Summary"))
        summary.set_column(0, 0, 28)
        summary.set_column(1, len(self.break_ids), 14)
        rows = [
            (_("Estimate"), self.display_name),
            (_("Customer"), self.partner_id.display_name),
            (_("Job"), self.title),
            (_("Specification"), self.spec_summary),
            (_("Price policy"), self.price_policy_id.name or ""),
            (_("Currency"), self.currency_id.name),
        ]
        for row, (label, value) in enumerate(rows):
            summary.write(row, 0, label, bold)
            summary.write(row, 1, value or "")
        top = len(rows) + 1
        summary.write(top, 0, _("Quantity"), bold)
        figures = [
            (_("Cost"), "cost", money),
            (_("Markup"), "markup", money),
            (_("Discount"), "discount", money),
            (_("Price"), "price", money),
            (_("Unit price"), "unit_price", unit_money),
        ]
        for col, break_ in enumerate(self.break_ids, start=1):
            data = break_.breakdown or {}
            summary.write_number(top, col, break_.quantity, bold)
            for offset, (_label, key, fmt) in enumerate(figures, start=1):
                summary.write_number(top + offset, col, data.get(key, 0.0), fmt)
        for offset, (label, _key, _fmt) in enumerate(figures, start=1):
            summary.write(top + offset, 0, label, bold)

        headers = [_("Part"), _("Category"), _("Item"), _("Quantity"), _("Unit"), _("Amount")]
        route_headers = [
            _("Part"),
            _("Press"),
            _("Press sheet (mm)"),
            _("Substrate"),
            _("Parent sheet (mm)"),
            _("Parent sheet cut"),
            _("Layout"),
            _("Sheets net"),
            _("Makeready sheets"),
            _("Spoilage sheets"),
            _("Sheets total"),
            _("Parent sheets"),
            _("Plates"),
            _("Paper (kg)"),
            _("Makeready hours"),
            _("Run hours"),
        ]
        alternative_headers = [
            _("Part"),
            _("Press"),
            _("Substrate"),
            _("Parent sheet cut"),
            _("Press sheet (mm)"),
            _("Layout"),
            _("Cost"),
            _("Why"),
        ]
        categories = {key: self.env._(label) for key, label in CATEGORY_LABELS}
        words = self.break_ids._words()
        presses, substrates = words["press"], words["substrate"]

        for break_ in self.break_ids:
            data = break_.breakdown or {}
            part_name = break_._breakdown_parts()._name_at
            sheet = book.add_worksheet(_("%(qty)s copies", qty=break_.quantity)[:31])
            sheet.set_column(0, 0, 14)
            sheet.set_column(1, 1, 12)
            sheet.set_column(2, 2, 40)
            sheet.set_column(3, 5, 12)
            for col, header in enumerate(headers):
                sheet.write(0, col, header, bold)
            row = 1
            for line in data.get("lines", []):
                sheet.write(row, 0, part_name(line.get("part")))
                sheet.write(row, 1, categories.get(line["category"], line["category"]))
                sheet.write(row, 2, words["item"](line.get("item") or line.get("label")))
                sheet.write_number(row, 3, line["quantity"])
                sheet.write(row, 4, words["unit"](line["unit"]))
                sheet.write_number(row, 5, line["amount"], money)
                row += 1
            sheet.write(row, 2, _("Total cost"), bold)
            sheet.write_number(row, 5, data.get("cost", 0.0), money)
            row += 2
            for col, header in enumerate(route_headers):
                sheet.write(row, col, header, bold)
            for route in data.get("routes", []):
                row += 1
                values = [
                    part_name(route.get("part")),
                    presses(route["press"]),
                    "{:g} × {:g}".format(*route["press_sheet"]),
                    substrates(route["substrate"]),
                    "{:g} × {:g}".format(*route["parent_sheet"]),
                    route["cut"],
                    ", ".join(
                        (
                            words["layout"](route["layout"]),
                            words["methods"](form["method"] for form in route["forms"]),
                        )
                    ),
                    route["sheets_net"],
                    route["sheets_makeready"],
                    route["sheets_spoilage"],
                    route["sheets_total"],
                    route["parent_sheets"],
                    route["plates"],
                    route["paper_kg"],
                    route["makeready_hours"],
                    route["run_hours"],
                ]
                for col, value in enumerate(values):
                    sheet.write(row, col, value)
            alternatives = break_._sorted_alternatives()
            if alternatives:
                row += 2
                sheet.write(row, 0, _("Routes considered"), bold)
                row += 1
                for col, header in enumerate(alternative_headers):
                    sheet.write(row, col, header, bold)
                for alternative in alternatives:
                    row += 1
                    press_sheet = alternative.get("press_sheet")
                    values = [
                        part_name(alternative.get("part")),
                        presses(alternative["press"]),
                        substrates(alternative["substrate"]),
                        alternative.get("cut") or 1,
                        "{:g} × {:g}".format(*press_sheet) if press_sheet else "",
                        ", ".join(
                            filter(
                                None,
                                (
                                    words["layout"](alternative.get("layout")),
                                    words["methods"](alternative.get("methods") or ()),
                                ),
                            )
                        ),
                    ]
                    for col, value in enumerate(values):
                        sheet.write(row, col, value)
                    if alternative["cost"] is not None:
                        sheet.write_number(row, 6, alternative["cost"], money)
                    why = words["reason"](alternative["reason"], self.currency_id)
                    if alternative.get("count", 1) > 1:
                        why = f"{why} (× {alternative['count']})"
                    sheet.write(row, 7, why)
        book.close()
        return buffer.getvalue()
