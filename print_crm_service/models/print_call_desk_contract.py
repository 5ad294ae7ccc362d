# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The call desk shows the caller's service contract: what the shop promised them."""

from odoo import api, fields, models

from .print_access import SERVICE_USER


class PrintCallDesk(models.TransientModel):
    _inherit = "print.call.desk"

    contract_id = fields.Many2one(
        "print.service.contract",
        "Service Contract",
        compute="_compute_contract_id",
        groups=SERVICE_USER,
        help="The customer's service contract in force: the level, response and resolution"
        " times and channels the shop promised.",
    )
    contract_level = fields.Char(
        related="contract_id.service_level", string="Service Level", groups=SERVICE_USER
    )
    contract_response_hours = fields.Float(
        related="contract_id.response_hours", string="Response Time (hours)", groups=SERVICE_USER
    )
    contract_resolution_hours = fields.Float(
        related="contract_id.resolution_hours",
        string="Resolution Time (hours)",
        groups=SERVICE_USER,
    )
    contract_channel_ids = fields.Many2many(
        related="contract_id.channel_ids", string="Contract Channels", groups=SERVICE_USER
    )
    contract_date_end = fields.Date(
        related="contract_id.date_end", string="Contract Until", groups=SERVICE_USER
    )

    @api.depends("partner_id")
    def _compute_contract_id(self):
        Contract = self.env["print.service.contract"]
        may_read = Contract.has_access("read")
        for desk in self:
            customer = desk.partner_id._origin.commercial_partner_id
            # As the user: a contract its record rules hide stays hidden.
            desk.contract_id = (
                Contract._print_for_customer(customer, self.env.company)
                if may_read and customer
                else Contract
            )
