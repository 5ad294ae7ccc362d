# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..engine import Substrate, sizes

PRICE_UNITS = [
    ("tonne", "Per Tonne"),
    ("1000", "Per 1000 Sheets"),
    ("ream", "Per Ream (令, 500 sheets)"),
]


class PrintSubstrate(models.Model):
    """A paper or board as stocked: a parent sheet size, a weight, a grain and a price."""

    _name = "print.substrate"
    _description = "Printing Substrate"
    _inherit = ["mail.thread", "print.costing.mixin"]
    _order = "grade, gsm, sheet_width, sheet_length"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(required=True, tracking=True)
    grade = fields.Char(
        help="Substrates sharing a grade are the same paper in other sheet sizes; an estimate"
        " naming the grade lets the engine pick the cheapest size.",
    )
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    product_id = fields.Many2one(
        "product.product",
        "Purchase Product",
        check_company=True,
        help="The product bought from suppliers for this paper.",
    )
    size_name = fields.Selection(
        selection="_selection_size_name",
        string="Standard Size",
        help="Fills the sheet size from an ISO or Chinese (正度/大度) parent size.",
    )
    sheet_width = fields.Float("Sheet Short Side (mm)", required=True, tracking=True)
    sheet_length = fields.Float("Sheet Long Side (mm)", required=True, tracking=True)
    gsm = fields.Float("Weight (g/m²)", required=True, tracking=True)
    caliper = fields.Float("Caliper (mm)", default=0.1, digits=(6, 3), required=True)
    grain = fields.Selection(
        [("long", "Long Grain"), ("short", "Short Grain")],
        default="long",
        required=True,
        help="Long grain runs parallel to the sheet's long side.",
    )
    coated = fields.Boolean(default=True)
    price = fields.Monetary(currency_field="currency_id", required=True, tracking=True)
    price_unit = fields.Selection(PRICE_UNITS, default="tonne", required=True, tracking=True)
    sheet_price = fields.Monetary(
        compute="_compute_sheet_price",
        currency_field="currency_id",
        help="What one parent sheet costs.",
    )

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "A substrate code is unique per company.",
        ),
        ("gsm_positive", "CHECK(gsm > 0)", "The paper weight must be positive."),
        ("caliper_positive", "CHECK(caliper > 0)", "The caliper must be positive."),
        (
            "sheet_positive",
            "CHECK(sheet_width > 0 AND sheet_length >= sheet_width)",
            "The sheet needs a positive short side and a long side at least as long.",
        ),
    ]

    @api.model
    def _selection_size_name(self):
        return [(name, name) for name in sizes.SIZES]

    @api.depends("sheet_width", "sheet_length", "gsm", "price", "price_unit", "caliper")
    def _compute_sheet_price(self):
        for substrate in self:
            if substrate.sheet_width > 0 and substrate.gsm > 0 and substrate.caliper > 0:
                substrate.sheet_price = substrate._engine_substrate().sheet_price
            else:
                substrate.sheet_price = 0.0

    @api.constrains("price")
    def _check_price(self):
        self._check_not_negative(["price"])

    @api.onchange("size_name")
    def _onchange_size_name(self):
        if self.size_name:
            short, long_ = sorted(sizes.get(self.size_name))
            self.sheet_width, self.sheet_length = short, long_

    @api.onchange("sheet_width", "sheet_length")
    def _onchange_sheet_orientation(self):
        if self.sheet_width > self.sheet_length > 0:
            self.sheet_width, self.sheet_length = self.sheet_length, self.sheet_width

    def _engine_substrate(self):
        """This substrate as engine input."""
        self.ensure_one()
        return Substrate(
            code=self.code,
            name=self.name,
            sheet=(self.sheet_width, self.sheet_length),
            gsm=self.gsm,
            price=self.price,
            price_unit=self.price_unit,
            grain=self.grain,
            caliper=self.caliper,
            grade=self.grade or self.code,
            coated=self.coated,
        )
