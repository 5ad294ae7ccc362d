# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class SaleOrder(models.Model):
    _inherit = "sale.order"

    print_estimate_ids = fields.One2many("print.estimate", "sale_order_id", "Print Estimates")
    print_cost = fields.Monetary(
        "Estimated Print Cost",
        compute="_compute_print_margin",
        store=True,
        groups="base.group_user",
    )
    print_margin = fields.Monetary(
        "Estimated Print Margin",
        compute="_compute_print_margin",
        store=True,
        groups="base.group_user",
    )
    print_below_cost = fields.Boolean(
        "Priced Below Cost",
        compute="_compute_print_margin",
        store=True,
        help="A print line is priced below its estimated production cost.",
    )
    print_below_cost_reason = fields.Text(
        "Reason for Pricing Below Cost",
        readonly=True,
        copy=False,
        tracking=True,
        groups="base.group_user",
    )
    print_below_cost_user_id = fields.Many2one(
        "res.users", "Below Cost Approved By", readonly=True, copy=False, groups="base.group_user"
    )

    @api.depends("order_line.print_cost", "order_line.print_margin", "order_line.is_print_line")
    def _compute_print_margin(self):
        for order in self:
            lines = order.order_line.filtered("is_print_line")
            order.print_cost = sum(lines.mapped("print_cost"))
            order.print_margin = sum(lines.mapped("print_margin"))
            order.print_below_cost = any(
                line.currency_id.compare_amounts(line.price_subtotal, line.print_cost) < 0
                for line in lines
            )

    def action_confirm(self):
        blocked = self.filtered(lambda o: o.print_below_cost and not o.print_below_cost_reason)
        if blocked:
            if not self.env.user.has_group("sales_team.group_sale_manager"):
                raise UserError(
                    self.env._(
                        "%(order)s is priced below its estimated production cost (margin"
                        " %(margin)s). Only a sales manager can confirm it, with a reason.",
                        order=blocked[0].name,
                        margin=blocked[0].currency_id.format(blocked[0].print_margin),
                    )
                )
            return {
                "type": "ir.actions.act_window",
                "name": self.env._("Confirm Below Cost"),
                "res_model": "sale.order.below.cost.wizard",
                "view_mode": "form",
                "target": "new",
                "context": {"default_order_ids": blocked.ids},
            }
        return super().action_confirm()
