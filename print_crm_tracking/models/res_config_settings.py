# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    print_production_manager_id = fields.Many2one(
        related="company_id.print_production_manager_id", readonly=False
    )
    print_job_reminder_hours = fields.Integer(
        related="company_id.print_job_reminder_hours", readonly=False
    )
