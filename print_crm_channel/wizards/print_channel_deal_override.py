# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..models.print_channel_deal import CHANNEL_MANAGER


class PrintChannelDealOverride(models.TransientModel):
    _name = "print.channel.deal.override"
    _description = "Override a Deal Registration"

    deal_id = fields.Many2one("print.channel.deal", "Registration", required=True)
    reason = fields.Text(required=True, help="Why the shop may quote the end customer directly.")

    def action_confirm(self):
        self.env["print.channel.deal"]._print_check_group(
            CHANNEL_MANAGER, self.env._("override a deal registration")
        )
        self.ensure_one()
        self.deal_id._print_override(self.reason)
        return {"type": "ir.actions.act_window_close"}
