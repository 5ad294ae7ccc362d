# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .helpdesk_ticket_stage import PRINT_STEPS


class PrintServiceStep(models.Model):
    """One step of a print ticket: who took it, when, and why (append-only)."""

    _name = "print.service.step"
    _description = "Service Ticket Step"
    _inherit = ["print.decision.mixin"]
    _order = "date, id"
    _print_append_only = True

    ticket_id = fields.Many2one(
        "helpdesk.ticket", "Ticket", required=True, index=True, ondelete="cascade"
    )
    step = fields.Selection(PRINT_STEPS, required=True)
    user_id = fields.Many2one("res.users", "By", required=True)
    date = fields.Datetime(required=True)
    note = fields.Text()
