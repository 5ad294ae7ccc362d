# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    print_price_policy_id = fields.Many2one(
        "print.price.policy",
        "Print Price Policy",
        company_dependent=True,
        help="How estimates for this customer are priced; empty means the company default.",
    )
    print_estimate_ids = fields.One2many("print.estimate", "partner_id", "Print Estimates")
    print_estimate_count = fields.Integer(compute="_compute_print_estimate_count")

    def _compute_print_estimate_count(self):
        counts = dict(
            self.env["print.estimate"]._read_group(
                [("partner_id", "child_of", self.commercial_partner_id.ids)],
                groupby=["partner_id"],
                aggregates=["__count"],
            )
        )
        for partner in self:
            partner.print_estimate_count = sum(
                count
                for estimate_partner, count in counts.items()
                if estimate_partner.commercial_partner_id == partner.commercial_partner_id
            )

    def _print_price_policy(self):
        """The price policy that applies to this customer."""
        self.ensure_one()
        partner = self.commercial_partner_id
        return partner.print_price_policy_id or self.env.company.print_price_policy_id
