# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    print_production_manager_id = fields.Many2one(
        "res.users",
        "Production Manager",
        help="Alerted of rush jobs and of overdue ones.",
        groups="base.group_user",
    )
    print_job_reminder_hours = fields.Integer(
        "Remind Before Due (hours)",
        default=24,
        help="A job due within this many hours and not finished gets an activity for its"
        " responsible.",
        groups="base.group_user",
    )
