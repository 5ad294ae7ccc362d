# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class PrintServiceCause(models.Model):
    """Where a complaint's problem came from: a configurable tree (press → colour)."""

    _name = "print.service.cause"
    _description = "Complaint Cause"
    _parent_store = True
    _order = "complete_name"
    _rec_name = "complete_name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Short code for reports (PRESS, PRESS-COL, ...).")
    parent_id = fields.Many2one(
        "print.service.cause", "Parent Cause", index=True, ondelete="restrict"
    )
    child_ids = fields.One2many("print.service.cause", "parent_id", "Sub-causes")
    parent_path = fields.Char(index=True)
    complete_name = fields.Char(compute="_compute_complete_name", store=True, recursive=True)
    active = fields.Boolean(default=True)
    outsourced = fields.Boolean(
        help="Work done by a supplier: a ticket with this cause, or one below it, names the"
        " supplier (for the cost of quality per supplier).",
    )

    @api.depends("name", "parent_id.complete_name")
    def _compute_complete_name(self):
        for cause in self:
            if cause.parent_id:
                cause.complete_name = f"{cause.parent_id.complete_name} / {cause.name}"
            else:
                cause.complete_name = cause.name

    def _print_is_outsourced(self):
        """Whether this cause or one of its ancestors is outsourced."""
        if not self:
            return False
        self.ensure_one()
        ids = [int(i) for i in (self.parent_path or "").split("/") if i] or [self.id]
        return bool(self.browse(ids).filtered("outsourced"))

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if self._has_cycle():
            raise ValidationError(self.env._("Parent Cause: a cause cannot be its own ancestor."))
