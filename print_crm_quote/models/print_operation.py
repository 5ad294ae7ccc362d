# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..engine import Operation

PROCESSES = [
    ("cut", "Guillotine Cutting"),
    ("fold", "Folding"),
    ("saddle_stitch", "Saddle Stitching"),
    ("perfect_bind", "Perfect Binding"),
    ("laminate", "Lamination"),
    ("varnish", "Varnish / Coating"),
    ("diecut", "Die Cutting"),
    ("other", "Other"),
]
# Most pages (cover included) a binding machine takes in one copy, unless set otherwise.
DEFAULT_MAX_PAGES = {"saddle_stitch": 96}
BASES = [
    ("job", "Per Job"),
    ("copy", "Per Finished Copy"),
    ("piece", "Per Piece Through the Machine"),
    ("sheet", "Per Printed Sheet"),
    ("m2", "Per m² Printed"),
    ("cut", "Per Guillotine Cut"),
]
NON_NEGATIVE = (
    "max_pages",
    "setup_hours",
    "setup_cost",
    "speed",
    "hourly_rate",
    "unit_price",
    "minimum_cost",
)


class PrintOperation(models.Model):
    """A finishing step done in house, or work bought from a supplier (outsourced)."""

    _name = "print.operation"
    _description = "Finishing or Outsourced Operation"
    _inherit = ["mail.thread", "print.costing.mixin"]
    _order = "process, sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(required=True, tracking=True)
    sequence = fields.Integer(
        default=10, help="The first operation of a process is the one estimates use by default."
    )
    active = fields.Boolean(default=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    process = fields.Selection(PROCESSES, required=True, default="other", tracking=True)
    basis = fields.Selection(
        BASES, "Charged", required=True, default="copy", tracking=True, help="What is counted."
    )
    setup_hours = fields.Float()
    setup_cost = fields.Monetary(currency_field="currency_id")
    speed = fields.Float("Speed (units/h)", help="Units of the basis per hour; 0 for none.")
    hourly_rate = fields.Monetary(currency_field="currency_id")
    unit_price = fields.Float(
        digits="Print Unit Price", help="Price per unit of the basis (the supplier's price)."
    )
    minimum_cost = fields.Monetary(currency_field="currency_id")
    lift_height = fields.Float(
        "Lift Height (mm)", default=100.0, help="Height of a stack cut at once (cutting)."
    )
    max_pages = fields.Integer(
        "Maximum Pages",
        compute="_compute_max_pages",
        store=True,
        readonly=False,
        tracking=True,
        help="Binding: the most pages (cover included) one copy may have; estimates and"
        " portal requests with more are refused. 0 for no limit.",
    )
    outsourced = fields.Boolean(tracking=True)
    partner_id = fields.Many2one(
        "res.partner",
        "Supplier",
        check_company=True,
        tracking=True,
        help="Who does the work when it is outsourced.",
    )

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "An operation code is unique per company.",
        ),
    ]

    @api.depends("process")
    def _compute_max_pages(self):
        for operation in self:
            operation.max_pages = DEFAULT_MAX_PAGES.get(operation.process, 0)

    @api.constrains(*NON_NEGATIVE, "lift_height", "basis", "outsourced", "partner_id")
    def _check_figures(self):
        self._check_not_negative(NON_NEGATIVE)
        for operation in self:
            if operation.basis == "cut" and operation.lift_height <= 0:
                raise ValidationError(
                    self.env._(
                        "%(operation)s: a cutting operation needs a positive lift height.",
                        operation=operation.display_name,
                    )
                )
            if operation.outsourced and not operation.partner_id:
                raise ValidationError(
                    self.env._(
                        "%(operation)s: an outsourced operation needs its supplier.",
                        operation=operation.display_name,
                    )
                )

    @api.model
    def _print_binding_operation(self, company, process, operations):
        """The operation the engine uses for ``process``: the first of ``operations`` (the
        estimate's own) of that process, else the company's first of it."""
        own = operations.filtered(lambda operation: operation.process == process)[:1]
        return own or self.search(
            [("company_id", "=", company.id), ("process", "=", process)], limit=1
        )

    def _engine_operation(self):
        """This operation as engine input."""
        self.ensure_one()
        return Operation(
            code=self.code,
            name=self.name,
            process=self.process,
            basis=self.basis,
            setup_hours=self.setup_hours,
            setup_cost=self.setup_cost,
            speed=self.speed,
            hourly_rate=self.hourly_rate,
            unit_price=self.unit_price,
            minimum_cost=self.minimum_cost,
            lift_height=self.lift_height,
            outsourced=self.outsourced,
            supplier=self.partner_id.display_name or "",
        )
