# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError


class SaleOrderBelowCostWizard(models.TransientModel):
    """A sales manager confirms an order priced below cost and records why."""

    _name = "sale.order.below.cost.wizard"
    _description = "Confirm a Print Order Below Cost"

    order_ids = fields.Many2many("sale.order", required=True)
    reason = fields.Text(
        required=True,
        help="Why the order is accepted below cost, e.g. a customer who raises the"
        " company's reputation.",
    )

    def action_confirm(self):
        self.ensure_one()
        if not self.env.user.has_group("sales_team.group_sale_manager"):
            raise UserError(self.env._("Only a sales manager can confirm an order below cost."))
        if not (self.reason or "").strip():
            raise UserError(self.env._("Reason: say why the order is accepted below cost."))
        self.order_ids.write(
            {
                "print_below_cost_reason": self.reason.strip(),
                "print_below_cost_user_id": self.env.uid,
            }
        )
        return self.order_ids.action_confirm()
