# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields, models


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"

    print_response_hours = fields.Float(
        "Response Time (working hours)",
        default=16.0,
        help="How long this department has to resolve a print ticket routed to it, counted on"
        " its working hours (helpdesk_mgmt_sla's calendar of the team).",
    )

    def _print_deadline(self, start):
        """``start`` plus the team's response time on its working calendar (calendar
        hours when the team has none)."""
        self.ensure_one()
        hours = self.print_response_hours or 0.0
        calendar = self.resource_calendar_id
        if calendar and hours:
            deadline = calendar.plan_hours(hours, start, compute_leaves=True)
            if deadline:
                return deadline.replace(tzinfo=None)
        return start + timedelta(hours=hours)
