# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.print_crm_tracking.models.print_access import JOB_READERS, require_group
from odoo.addons.print_crm_tracking.models.sale_order import JOB_READER_GROUPS


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # For those who read proofs (production staff, prepress, estimators): a Sales/User
    # without a Printing group reads the order without them.
    print_proof_ids = fields.One2many(
        "print.proof", "sale_order_id", "Proofs", groups=JOB_READER_GROUPS
    )
    print_proof_count = fields.Integer(
        "Number of Proofs", compute="_compute_print_proof_count", groups=JOB_READER_GROUPS
    )

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
        require_group(self, self.env._("Proofs"), *JOB_READERS)
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "print_crm_prepress.print_proof_action"
        )
        action["domain"] = [("sale_order_id", "=", self.id)]
        action["context"] = {"create": False}
        return action
