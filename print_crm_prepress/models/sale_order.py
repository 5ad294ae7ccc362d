# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    print_proof_ids = fields.One2many("print.proof", "sale_order_id", "Proofs")
    print_proof_count = fields.Integer("Number of Proofs", compute="_compute_print_proof_count")

    def _compute_print_proof_count(self):
        counts = dict(
            self.env["print.proof"]._read_group(
                [("sale_order_id", "in", self.ids), ("state", "!=", "cancelled")],
                ["sale_order_id"],
                ["__count"],
            )
        )
        for order in self:
            order.print_proof_count = counts.get(order, 0)

    def action_view_print_proofs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "print_crm_prepress.print_proof_action"
        )
        action["domain"] = [("sale_order_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
