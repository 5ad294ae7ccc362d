# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    # Internal links to the estimate: staff follow them; the portal shows the copies.
    print_estimate_id = fields.Many2one(
        "print.estimate",
        "Print Estimate",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups="base.group_user",
    )
    print_estimate_break_id = fields.Many2one(
        "print.estimate.break",
        "Estimate Quantity",
        readonly=True,
        copy=False,
        groups="base.group_user",
    )
    print_copies = fields.Integer(
        "Copies",
        readonly=True,
        copy=False,
        help="Copies printed for one unit of this line: the quantity of the accepted estimate.",
    )
    # The shop's costs are not the customer's to read on the quotation it sees online.
    print_unit_cost = fields.Float(
        "Estimated Unit Cost",
        digits="Print Unit Price",
        copy=False,
        groups="base.group_user",
        help="Production cost of one unit of the line (one job) as estimated.",
    )
    print_cost = fields.Monetary(
        "Estimated Cost",
        compute="_compute_print_margin",
        store=True,
        currency_field="currency_id",
        groups="base.group_user",
    )
    print_margin = fields.Monetary(
        "Estimated Margin",
        compute="_compute_print_margin",
        store=True,
        currency_field="currency_id",
        groups="base.group_user",
    )
    is_print_line = fields.Boolean(compute="_compute_print_margin", store=True)

    @api.depends("print_estimate_id", "print_unit_cost", "product_uom_qty", "price_subtotal")
    def _compute_print_margin(self):
        for line in self:
            line.is_print_line = bool(line.print_estimate_id)
            if line.print_estimate_id:
                line.print_cost = line.print_unit_cost * line.product_uom_qty
                line.print_margin = line.price_subtotal - line.print_cost
            else:
                line.print_cost = line.print_margin = 0.0
