# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.print_crm_quote.models.print_estimate import PRODUCT_KINDS

BASES = [
    ("job", "Per Job"),
    ("copy", "Per Copy"),
    ("thousand", "Per 1000 Copies"),
    ("sheet", "Per Parent Sheet"),
]


class PrintPurchaseMaterial(models.Model):
    """A material every job (of a kind) uses and the shop buys: plates, ink, cartons."""

    _name = "print.purchase.material"
    _description = "Production Material to Purchase"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    product_id = fields.Many2one(
        "product.product",
        "Product",
        required=True,
        check_company=True,
        domain="[('purchase_ok', '=', True)]",
    )
    supplier_id = fields.Many2one(
        "res.partner",
        "Supplier",
        check_company=True,
        help="Empty: the product's first vendor.",
    )
    product_kind = fields.Selection(
        PRODUCT_KINDS, "For Products", help="Only jobs of this kind; empty: every job."
    )
    basis = fields.Selection(BASES, required=True, default="job")
    quantity = fields.Float(
        digits="Product Unit of Measure",
        required=True,
        default=1.0,
        help="Units of the product's purchase unit per basis.",
    )

    @api.constrains("quantity")
    def _check_quantity(self):
        for material in self:
            if material.quantity <= 0:
                raise ValidationError(
                    self.env._("%(material)s: Quantity must be positive.", material=material.name)
                )

    def _print_quantity(self, copies, parent_sheets):
        self.ensure_one()
        per = {
            "job": 1.0,
            "copy": copies,
            "thousand": copies / 1000.0,
            "sheet": parent_sheets,
        }[self.basis]
        return self.quantity * per
