# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    print_reward_program_id = fields.Many2one(
        related="company_id.print_reward_program_id",
        readonly=False,
        domain="[('program_type', 'in', ('loyalty', 'coupons', 'ewallet')),"
        " ('company_id', 'in', (False, company_id))]",
    )
    print_reward_points = fields.Float(related="company_id.print_reward_points", readonly=False)
