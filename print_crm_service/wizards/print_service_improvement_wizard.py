# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..models.print_access import SERVICE_MANAGER, require_group


class PrintServiceImprovementWizard(models.TransientModel):
    """Brought an Improvement: what the suggestion improved; the customer's first improving
    suggestion earns it the company's reward (see helpdesk_ticket_reward.py)."""

    _name = "print.service.improvement.wizard"
    _inherit = ["print.service.wizard.mixin"]
    _description = "Mark a Suggestion as Bringing an Improvement"

    note = fields.Text(
        "Improvement", required=True, help="What the suggestion improved; kept on the ticket."
    )

    def action_confirm(self):
        action = self.env._("Brought an Improvement")
        require_group(self, action, SERVICE_MANAGER)
        self.ensure_one()
        ticket = self.ticket_id
        ticket.check_access("write")
        ticket._print_mark_improvement(self.note)
        return {"type": "ir.actions.act_window_close"}
