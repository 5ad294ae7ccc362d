# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError


class SaleOrderPrintApprovalWizard(models.TransientModel):
    """A sales manager confirms orders that need approval and records why: priced below
    the estimated cost, or for a customer whose price policy requires it."""

    _name = "sale.order.print.approval.wizard"
    _description = "Approve and Confirm Print Orders"

    order_ids = fields.Many2many("sale.order", required=True)
    issues = fields.Text("Why Approval Is Needed", compute="_compute_issues")
    reason = fields.Text(
        required=True,
        help="Why the orders are accepted, e.g. a customer who raises the company's"
        " reputation, or a prepayment received.",
    )

    @api.depends("order_ids")
    def _compute_issues(self):
        for wizard in self:
            wizard.issues = "\n".join(
                issue for order in wizard.order_ids for issue in order._print_approval_issues()
            )

    def action_confirm(self):
        if not self.env.user.has_group("sales_team.group_sale_manager"):
            raise AccessError(self.env._("Only a sales manager can approve these orders."))
        self.ensure_one()
        if not (self.reason or "").strip():
            raise UserError(self.env._("Reason: say why the orders are approved."))
        self.order_ids._print_approve(self.reason.strip())
        return self.order_ids.action_confirm()
