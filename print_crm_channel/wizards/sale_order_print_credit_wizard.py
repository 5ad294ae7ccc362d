# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from ..models.res_partner_credit import CREDIT_MANAGER


class SaleOrderPrintCreditWizard(models.TransientModel):
    """A credit manager confirms orders over their customer's credit limit and says why."""

    _name = "sale.order.print.credit.wizard"
    _description = "Confirm Orders over the Credit Limit"

    order_ids = fields.Many2many("sale.order", required=True)
    issues = fields.Text("Credit Exceeded", compute="_compute_issues")
    reason = fields.Text(
        required=True,
        help="Why the orders go ahead over the credit limit, e.g. a payment announced, a"
        " guarantee received.",
    )

    @api.depends("order_ids")
    def _compute_issues(self):
        for wizard in self:
            wizard.issues = "\n".join(
                issue for order in wizard.order_ids if (issue := order._print_credit_refusal())
            )

    def action_confirm(self):
        if not self.env.user.has_group(CREDIT_MANAGER):
            raise AccessError(
                self.env._("Only a credit manager can confirm orders over the credit limit.")
            )
        self.ensure_one()
        if not (self.reason or "").strip():
            raise UserError(
                self.env._(
                    "%(field)s: say why the orders go ahead over the credit limit.",
                    field=self._fields["reason"]._description_string(self.env),
                )
            )
        self.order_ids._print_credit_override(self.reason.strip())
        return self.order_ids.action_confirm()
