# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models

from .print_estimate import check_end_customer, end_customer_field


class SaleOrder(models.Model):
    _inherit = "sale.order"

    print_end_customer_id = end_customer_field()

    @api.constrains("print_end_customer_id", "partner_id")
    def _check_print_end_customer(self):
        check_end_customer(self)
