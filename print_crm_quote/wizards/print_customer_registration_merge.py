# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import UserError

from ..models.print_access import ESTIMATE_USER, require_group


class PrintCustomerRegistrationMerge(models.TransientModel):
    """Merge a registration into an existing partner: each change shown, applied if ticked."""

    _name = "print.customer.registration.merge"
    _description = "Merge a Registration into a Partner"

    registration_id = fields.Many2one(
        "print.customer.registration", required=True, ondelete="cascade"
    )
    partner_id = fields.Many2one(
        "res.partner",
        "Merge Into",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        help="The existing partner the registration completes.",
    )
    line_ids = fields.One2many(
        "print.customer.registration.merge.line",
        "wizard_id",
        "Changes",
        compute="_compute_line_ids",
        store=True,
        readonly=False,
    )

    @api.depends("registration_id")
    def _compute_partner_id(self):
        for wizard in self:
            wizard.partner_id = wizard.registration_id.merge_partner_id

    @api.depends("registration_id", "partner_id")
    def _compute_line_ids(self):
        for wizard in self:
            lines = []
            if wizard.registration_id and wizard.partner_id:
                lines = wizard.registration_id._merge_lines(wizard.partner_id)
            wizard.line_ids = [Command.clear()] + [Command.create(line) for line in lines]

    def action_apply(self):
        """Merge, bringing in only the ticked values."""
        require_group(self.env, self.env._("Merge"), ESTIMATE_USER)
        self.ensure_one()
        registration = self.registration_id
        registration._check_open()
        if not self.partner_id:
            raise UserError(
                self.env._(
                    "Merge Into: choose the existing partner to merge the registration of"
                    " %(name)s into.",
                    name=registration.display_name,
                )
            )
        ticked = self.line_ids.filtered("apply").mapped("field_name")
        registration._merge_into(self.partner_id, ticked)
        return {"type": "ir.actions.act_window_close"}


class PrintCustomerRegistrationMergeLine(models.TransientModel):
    _name = "print.customer.registration.merge.line"
    _description = "A Change a Registration Merge Would Make"

    wizard_id = fields.Many2one(
        "print.customer.registration.merge", required=True, ondelete="cascade"
    )
    field_name = fields.Char(required=True, readonly=True)
    label = fields.Char("Field", readonly=True)
    partner_id = fields.Many2one("res.partner", "On", readonly=True)
    current_value = fields.Char("Current", readonly=True)
    new_value = fields.Char("Registered", readonly=True)
    apply = fields.Boolean(
        "Apply", help="Replace the current value with the one the prospect registered."
    )
