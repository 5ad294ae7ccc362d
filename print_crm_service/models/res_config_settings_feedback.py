# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    print_service_team_id = fields.Many2one(
        related="company_id.print_service_team_id", readonly=False
    )
    print_feedback_low_rating = fields.Integer(
        related="company_id.print_feedback_low_rating", readonly=False
    )
    print_ready_sms = fields.Boolean(related="company_id.print_ready_sms", readonly=False)
