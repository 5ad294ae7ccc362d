# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import models


class PrintSubstrate(models.Model):
    _inherit = "print.substrate"

    def _print_purchase_quantity(self, sheets):
        """``sheets`` parent sheets of this paper in its product's purchase unit: a count
        (sheets, a ream of 500 sheets defined as a unit of 500) or a weight (kg, tonnes, from
        the sheet's size and grammage); None when the unit is neither."""
        self.ensure_one()
        uom = self.product_id.uom_po_id
        unit = self.env.ref("uom.product_uom_unit")
        kilogram = self.env.ref("uom.product_uom_kgm")
        if uom.category_id == unit.category_id:
            return unit._compute_quantity(sheets, uom, round=False)
        if uom.category_id == kilogram.category_id:
            square_metres = sheets * self.sheet_width * self.sheet_length / 1_000_000.0
            return kilogram._compute_quantity(square_metres * self.gsm / 1000.0, uom, round=False)
        return None
