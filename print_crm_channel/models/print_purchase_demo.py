# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, models


class PrintJob(models.Model):
    _inherit = "print.job"

    @api.model
    def _print_demo_raise_demand(self):
        """Demo data: the demo jobs were confirmed before purchasing was installed (or before
        their papers had a purchase product); they raise their demand now."""
        # sudo: private, called by the demo data file (superuser) only.
        # A split-off part buys nothing of its own: the job it came from holds its demand.
        jobs = self.sudo().search(
            [
                ("sale_line_id", "!=", False),
                ("parent_id", "=", False),
                ("is_done", "=", False),
                ("is_cancel", "=", False),
            ]
        )
        jobs._print_sync_demand()
        return True


class PrintPurchaseDemand(models.Model):
    _inherit = "print.purchase.demand"

    @api.model
    def _print_demo_receipts(self):
        """Demo data: one batch line partly received, one ordered line expected too late."""
        # sudo: private, called by the demo data file (superuser) only.
        ordered = self.sudo().search(
            [("state", "=", "ordered"), ("rush", "=", False)], order="need_by, id"
        )
        lines = ordered.purchase_line_id
        if lines:
            first = lines[0]
            first.qty_received = max(first.product_qty // 2, 1.0)
        others = ordered.filtered(lambda d: d.purchase_line_id not in lines[:1])
        late = others.filtered(lambda d: d.kind == "outsourced")[:1] or others[:1]
        if late:
            late.purchase_line_id.date_planned = late.purchase_line_id.date_planned.replace(
                year=late.need_by.year, month=late.need_by.month, day=late.need_by.day
            ) + timedelta(days=3)
            late._print_check_late()
        return True
