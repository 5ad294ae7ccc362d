# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..models.print_estimate import check_estimator


class PrintEstimateAcceptWizard(models.TransientModel):
    """Accept one quantity break, on a new quotation or an open one of the customer."""

    _name = "print.estimate.accept.wizard"
    _description = "Accept a Print Estimate Quantity"

    break_id = fields.Many2one("print.estimate.break", required=True, ondelete="cascade")
    estimate_id = fields.Many2one(related="break_id.estimate_id")
    partner_id = fields.Many2one(related="break_id.estimate_id.partner_id")
    commercial_partner_id = fields.Many2one(related="partner_id.commercial_partner_id")
    order_id = fields.Many2one(
        "sale.order",
        "Add to Quotation",
        domain="[('partner_id', 'child_of', commercial_partner_id),"
        " ('state', 'in', ('draft', 'sent'))]",
        help="Leave empty to create a new quotation.",
    )

    def action_accept(self):
        check_estimator(self, self.env._("accept an estimate"))
        self.ensure_one()
        line = self.estimate_id._accept_break(self.break_id, self.order_id or None)
        return line.order_id.get_formview_action()
