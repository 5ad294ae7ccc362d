# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine import PricePolicy


class PrintPricePolicy(models.Model):
    """How an estimated cost becomes the price a customer pays."""

    _name = "print.price.policy"
    _description = "Print Price Policy"
    _inherit = ["mail.thread"]
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    markup_pct = fields.Float("Markup (%)", default=30.0, tracking=True)
    discount_pct = fields.Float("Discount (%)", tracking=True)
    minimum_order_price = fields.Monetary(currency_field="currency_id", tracking=True)
    payment_term_id = fields.Many2one(
        "account.payment.term",
        check_company=True,
        help="Payment terms of the orders of customers under this policy.",
    )
    approval_required = fields.Boolean(
        "Orders Need a Manager's Approval",
        tracking=True,
        help="Orders of customers under this policy are confirmed by a sales manager only,"
        " with a reason (e.g. small customers who pay poorly).",
    )
    note = fields.Text()

    @api.constrains("markup_pct", "discount_pct", "minimum_order_price")
    def _check_figures(self):
        for policy in self:
            if policy.markup_pct <= -100:
                raise ValidationError(
                    self.env._(
                        "%(policy)s: the markup must be above -100%%.", policy=policy.display_name
                    )
                )
            if not 0 <= policy.discount_pct < 100:
                raise ValidationError(
                    self.env._(
                        "%(policy)s: the discount is a percentage from 0 to below 100.",
                        policy=policy.display_name,
                    )
                )
            if policy.minimum_order_price < 0:
                raise ValidationError(
                    self.env._(
                        "%(policy)s: the minimum order price must not be negative.",
                        policy=policy.display_name,
                    )
                )

    def _engine_policy(self):
        """This policy as engine input."""
        self.ensure_one()
        return PricePolicy(
            markup_pct=self.markup_pct,
            minimum_order_price=self.minimum_order_price,
            discount_pct=self.discount_pct,
            name=self.name,
        )
