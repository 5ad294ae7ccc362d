# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    print_prepress_user_id = fields.Many2one(
        related="company_id.print_prepress_user_id", readonly=False
    )
    print_proof_answer_days = fields.Integer(
        related="company_id.print_proof_answer_days", readonly=False
    )
