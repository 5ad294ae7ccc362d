# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class PrintJobStage(models.Model):
    _inherit = "print.job.stage"

    print_service_team_id = fields.Many2one(
        "helpdesk.ticket.team",
        "Service Department",
        groups="base.group_user",
        help="The helpdesk team answerable for this stage: a customer's low rating about it"
        " opens a feedback ticket for this team (empty: the company's service team).",
    )
