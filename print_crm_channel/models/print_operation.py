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
