# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    print_share_tickets = fields.Boolean(
        "Share Service Tickets",
        default=True,
        help="Every portal contact of this customer sees the customer's service tickets."
        " Off: each contact sees only the tickets it filed or follows.",
    )

    @api.model
    def _commercial_fields(self):
        return super()._commercial_fields() + ["print_share_tickets"]
