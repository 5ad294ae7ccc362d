# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..engine import InkCost


class ResCompany(models.Model):
    _inherit = "res.company"

    print_price_policy_id = fields.Many2one(
        "print.price.policy",
        "Default Print Price Policy",
        help="Used for customers without a price policy of their own.",
        groups="base.group_user",
    )
    print_ink_process_price_kg = fields.Monetary(
        "Process Ink Price (per kg)",
        currency_field="currency_id",
        default=12.0,
        groups="base.group_user",
    )
    print_ink_spot_price_kg = fields.Monetary(
        "Spot Ink Price (per kg)",
        currency_field="currency_id",
        default=25.0,
        groups="base.group_user",
    )
    print_ink_grams_per_m2 = fields.Float(
        "Ink per m² at Full Coverage (g)",
        default=1.5,
        digits=(6, 2),
        groups="base.group_user",
    )
    print_ink_coverage_pct = fields.Float(
        "Default Ink Coverage (%)", default=25.0, groups="base.group_user"
    )
    print_estimate_validity_days = fields.Integer(
        "Estimate Validity (days)",
        default=30,
        help="Days a sent estimate stays valid, from the day it is sent (0: no date).",
        groups="base.group_user",
    )

    # Customer value and payment record (Settings ▸ Printing ▸ Customers)
    print_large_customer_revenue = fields.Monetary(
        "Large Customer From",
        currency_field="currency_id",
        default=50000.0,
        help="A customer invoiced (or with confirmed orders for) at least this much, untaxed,"
        " over 12 months is large.",
        groups="base.group_user",
    )
    print_good_payer_on_time_pct = fields.Float(
        "Good Payer: Paid on Time (%)",
        default=90.0,
        help="Share of due invoices paid by their due date that makes a good payer.",
        groups="base.group_user",
    )
    print_good_payer_max_days_late = fields.Float(
        "Good Payer: Average Days Late at Most",
        default=5.0,
        groups="base.group_user",
    )
    print_drift_threshold = fields.Float(
        "Drift Risk From",
        default=0.5,
        help="A customer whose ordering frequency fell by this share (0.5 = half) is at risk"
        " of drifting away.",
        groups="base.group_user",
    )
    print_policy_large_good_id = fields.Many2one(
        "print.price.policy",
        "Large, Good Payer",
        check_company=True,
        groups="base.group_user",
    )
    print_policy_large_poor_id = fields.Many2one(
        "print.price.policy",
        "Large, Poor Payer",
        check_company=True,
        groups="base.group_user",
    )
    print_policy_small_good_id = fields.Many2one(
        "print.price.policy",
        "Small, Good Payer",
        check_company=True,
        groups="base.group_user",
    )
    print_policy_small_poor_id = fields.Many2one(
        "print.price.policy",
        "Small, Poor Payer",
        check_company=True,
        groups="base.group_user",
    )

    def _print_policy_matrix(self):
        """{cell: price policy id or None} of the size × payment record matrix."""
        self.ensure_one()
        return {
            cell: self[f"print_policy_{cell}_id"].id or None
            for cell in ("large_good", "large_poor", "small_good", "small_poor")
        }

    def _print_engine_ink(self):
        self.ensure_one()
        return InkCost(
            process_price_kg=self.print_ink_process_price_kg,
            spot_price_kg=self.print_ink_spot_price_kg,
            grams_per_m2=self.print_ink_grams_per_m2,
            coverage_pct=self.print_ink_coverage_pct,
        )
