# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine import Press

NON_NEGATIVE = (
    "min_sheet_width",
    "min_sheet_length",
    "gripper",
    "side_margin",
    "tail_margin",
    "makeready_hours",
    "makeready_sheets",
    "hourly_rate",
    "plate_cost",
    "click_colour",
    "click_mono",
    "min_gsm",
    "max_gsm",
)


class PrintPress(models.Model):
    """A printing press as a cost centre: what it can print and what an hour of it costs."""

    _name = "print.press"
    _description = "Printing Press"
    _inherit = ["mail.thread", "print.costing.mixin"]
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(required=True, tracking=True, help="Short reference used in estimates.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    press_type = fields.Selection(
        [("offset", "Offset"), ("digital", "Digital")],
        required=True,
        default="offset",
        tracking=True,
        help="A digital press has no plates: it charges a click per printed side.",
    )
    max_sheet_width = fields.Float("Largest Sheet Short Side (mm)", required=True, tracking=True)
    max_sheet_length = fields.Float("Largest Sheet Long Side (mm)", required=True, tracking=True)
    min_sheet_width = fields.Float("Smallest Sheet Short Side (mm)")
    min_sheet_length = fields.Float("Smallest Sheet Long Side (mm)")
    gripper = fields.Float("Gripper Margin (mm)", default=10.0)
    side_margin = fields.Float("Side Margin (mm)", default=5.0)
    tail_margin = fields.Float("Tail Margin (mm)", default=5.0)
    units = fields.Integer(
        "Printing Units", default=4, required=True, help="Inks printed in one pass."
    )
    perfecting = fields.Boolean(help="Prints both sides of the sheet in one pass.")
    makeready_hours = fields.Float(default=0.25, help="Hours per makeready (plate change).")
    makeready_sheets = fields.Integer(default=50, help="Sheets spoiled per makeready.")
    run_speed = fields.Float(
        "Run Speed (sheets/h)", default=8000.0, required=True, help="Sheets per hour per pass."
    )
    speed_band_ids = fields.One2many(
        "print.press.speed.band",
        "press_id",
        "Speed by Run Length",
        help="Faster speeds for the sheets of a run beyond a threshold.",
    )
    hourly_rate = fields.Monetary(currency_field="currency_id", tracking=True)
    plate_cost = fields.Monetary(currency_field="currency_id", tracking=True)
    spoilage_pct = fields.Float("Run Spoilage (%)", default=2.0)
    click_colour = fields.Float(
        "Colour Click", digits="Print Unit Price", help="Cost per colour side printed."
    )
    click_mono = fields.Float(
        "Mono Click", digits="Print Unit Price", help="Cost per black-only side printed."
    )
    min_gsm = fields.Float("Lightest Paper (g/m²)")
    max_gsm = fields.Float("Heaviest Paper (g/m²)", help="0 means no limit.")

    _sql_constraints = [
        ("code_company_uniq", "unique(code, company_id)", "A press code is unique per company."),
        (
            "max_sheet_positive",
            "CHECK(max_sheet_width > 0 AND max_sheet_length >= max_sheet_width)",
            "The largest sheet needs a positive short side and a long side at least as long.",
        ),
        ("units_positive", "CHECK(units >= 1)", "A press has at least one printing unit."),
        ("run_speed_positive", "CHECK(run_speed > 0)", "The run speed must be positive."),
        (
            "spoilage_range",
            "CHECK(spoilage_pct >= 0 AND spoilage_pct < 100)",
            "Run spoilage is a percentage from 0 to below 100.",
        ),
    ]

    @api.constrains(*NON_NEGATIVE, "max_sheet_width", "max_sheet_length")
    def _check_figures(self):
        self._check_not_negative(NON_NEGATIVE)
        for press in self:
            if (
                press.min_sheet_width > press.max_sheet_width
                or press.min_sheet_length > press.max_sheet_length
            ):
                raise ValidationError(
                    self.env._(
                        "%(press)s: the smallest sheet (%(min_w)s × %(min_l)s mm) is larger than"
                        " the largest (%(max_w)s × %(max_l)s mm).",
                        press=press.display_name,
                        min_w=press.min_sheet_width,
                        min_l=press.min_sheet_length,
                        max_w=press.max_sheet_width,
                        max_l=press.max_sheet_length,
                    )
                )
            if press.max_gsm and press.min_gsm > press.max_gsm:
                raise ValidationError(
                    self.env._(
                        "%(press)s: the lightest paper is heavier than the heaviest.",
                        press=press.display_name,
                    )
                )
            if 2 * press.side_margin >= press.max_sheet_length or (
                press.gripper + press.tail_margin >= press.max_sheet_width
            ):
                raise ValidationError(
                    self.env._(
                        "%(press)s: the margins leave no printable area on the largest sheet.",
                        press=press.display_name,
                    )
                )

    @api.constrains("run_speed")
    def _check_speed_bands(self):
        """Each speed band is at least as fast as the speed before it, the base speed first."""
        for press in self:
            last = press.run_speed
            for band in press.speed_band_ids.sorted("from_sheets"):
                if band.speed < last:
                    raise ValidationError(
                        self.env._(
                            "%(press)s: the speed from sheet %(sheet)s (%(speed)s sheets/h) is"
                            " slower than the speed before it (%(before)s sheets/h).",
                            press=press.display_name,
                            sheet=band.from_sheets,
                            speed=band.speed,
                            before=last,
                        )
                    )
                last = band.speed

    def _engine_press(self):
        """This press as engine input."""
        self.ensure_one()
        return Press(
            code=self.code,
            name=self.name,
            max_sheet=(self.max_sheet_width, self.max_sheet_length),
            min_sheet=(self.min_sheet_width, self.min_sheet_length)
            if self.min_sheet_width and self.min_sheet_length
            else (0.0, 0.0),
            gripper=self.gripper,
            side_margin=self.side_margin,
            tail_margin=self.tail_margin,
            units=self.units,
            perfecting=self.perfecting,
            digital=self.press_type == "digital",
            makeready_hours=self.makeready_hours,
            makeready_sheets=self.makeready_sheets,
            run_speed=self.run_speed,
            speed_bands=tuple(
                (band.from_sheets, band.speed) for band in self.speed_band_ids.sorted("from_sheets")
            ),
            hourly_rate=self.hourly_rate,
            plate_cost=self.plate_cost,
            spoilage_pct=self.spoilage_pct,
            click_colour=self.click_colour,
            click_mono=self.click_mono,
            min_gsm=self.min_gsm,
            max_gsm=self.max_gsm,
        )


class PrintPressSpeedBand(models.Model):
    _name = "print.press.speed.band"
    _description = "Press Speed by Run Length"
    _order = "press_id, from_sheets"

    press_id = fields.Many2one("print.press", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="press_id.company_id", store=True)
    from_sheets = fields.Integer(
        "From Sheet", required=True, help="The speed applies to the sheets beyond this one."
    )
    speed = fields.Float("Speed (sheets/h)", required=True)

    _sql_constraints = [
        ("from_positive", "CHECK(from_sheets > 0)", "A speed band starts after sheet 1."),
        ("speed_positive", "CHECK(speed > 0)", "A speed must be positive."),
        (
            "press_from_uniq",
            "unique(press_id, from_sheets)",
            "Two speed bands of a press cannot start at the same sheet.",
        ),
    ]

    @api.constrains("from_sheets", "speed")
    def _check_rising(self):
        self.press_id._check_speed_bands()
