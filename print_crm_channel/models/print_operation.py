# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class PrintOperation(models.Model):
    """What is bought when an outsourced operation is ordered, and how its supplier does."""

    _inherit = "print.operation"

    print_purchase_product_id = fields.Many2one(
        "product.product",
        "Purchase Product",
        check_company=True,
        domain="[('purchase_ok', '=', True)]",
        help="The product of the purchase order line when this outsourced work is ordered;"
        " empty: the generic Outsourced Work service.",
    )

    # The supplier's scorecard (last 12 months), shown when choosing the supplier of an
    # outsourced operation.
    print_supplier_on_time = fields.Float(
        related="partner_id.print_supplier_on_time", groups="purchase.group_purchase_user"
    )
    print_supplier_lead_days = fields.Float(
        related="partner_id.print_supplier_lead_days", groups="purchase.group_purchase_user"
    )
    print_supplier_price_variance = fields.Float(
        related="partner_id.print_supplier_price_variance", groups="purchase.group_purchase_user"
    )
    print_supplier_complaints = fields.Integer(
        related="partner_id.print_supplier_complaints", groups="purchase.group_purchase_user"
    )
