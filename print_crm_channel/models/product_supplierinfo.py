# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ProductSupplierinfo(models.Model):
    """The pack a supplier sells a product in: paper by the ream, carton or pallet."""

    _inherit = "product.supplierinfo"

    print_pack_name = fields.Char(
        "Pack", help="What the supplier calls its pack: ream (令), carton, pallet."
    )
    print_pack_size = fields.Float(
        "Units per Pack",
        digits="Product Unit of Measure",
        help="Units of the purchase unit in one pack (500 sheets in a ream); purchase demand"
        " is ordered in whole packs. 0: any quantity.",
    )

    @api.constrains("print_pack_size")
    def _check_print_pack_size(self):
        for info in self:
            if info.print_pack_size < 0:
                raise ValidationError(
                    self.env._(
                        "%(product)s: Units per Pack cannot be negative.",
                        product=info.product_tmpl_id.display_name,
                    )
                )
