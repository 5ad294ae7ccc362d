# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..engine import InkCost


class ResCompany(models.Model):
    _inherit = "res.company"

    print_price_policy_id = fields.Many2one(
        "print.price.policy",
        "Default Print Price Policy",
        help="Used for customers without a price policy of their own.",
    )
    print_ink_process_price_kg = fields.Monetary(
        "Process Ink Price (per kg)", currency_field="currency_id", default=12.0
    )
    print_ink_spot_price_kg = fields.Monetary(
        "Spot Ink Price (per kg)", currency_field="currency_id", default=25.0
    )
    print_ink_grams_per_m2 = fields.Float(
        "Ink per m² at Full Coverage (g)", default=1.5, digits=(6, 2)
    )
    print_ink_coverage_pct = fields.Float("Default Ink Coverage (%)", default=25.0)

    def _print_engine_ink(self):
        self.ensure_one()
        return InkCost(
            process_price_kg=self.print_ink_process_price_kg,
            spot_price_kg=self.print_ink_spot_price_kg,
            grams_per_m2=self.print_ink_grams_per_m2,
            coverage_pct=self.print_ink_coverage_pct,
        )
