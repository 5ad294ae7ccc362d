# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    print_purchase_stage_id = fields.Many2one(
        related="company_id.print_purchase_stage_id", readonly=False
    )
    print_purchase_confirm = fields.Boolean(
        related="company_id.print_purchase_confirm", readonly=False
    )
    print_purchase_arrival_days = fields.Integer(
        related="company_id.print_purchase_arrival_days", readonly=False
    )
    print_purchase_ship_days = fields.Integer(
        related="company_id.print_purchase_ship_days", readonly=False
    )
    print_payable_days = fields.Integer(related="company_id.print_payable_days", readonly=False)
    print_payable_user_id = fields.Many2one(
        related="company_id.print_payable_user_id", readonly=False
    )
