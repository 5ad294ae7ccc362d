# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from ..models.print_access import ESTIMATE_MANAGER, SALE_MANAGER, require_group


class PrintPartnerReassignWizard(models.TransientModel):
    """Hand customers to another sales rep: a manager's decision, kept in rep history."""

    _name = "print.partner.reassign.wizard"
    _description = "Reassign Customers to a Sales Rep"

    partner_ids = fields.Many2many(
        "res.partner",
        string="Customers",
        required=True,
        domain="['|', ('is_company', '=', True), ('parent_id', '=', False)]",
    )
    user_id = fields.Many2one(
        "res.users",
        "New Sales Rep",
        domain="[('share', '=', False)]",
        help="Empty: the customers have no sales rep any more.",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        if (
            "partner_ids" in fields_list
            and not values.get("partner_ids")
            and context.get("active_model") == "res.partner"
        ):
            partners = self.env["res.partner"].browse(context.get("active_ids") or [])
            values["partner_ids"] = [fields.Command.set(partners.commercial_partner_id.ids)]
        return values

    def action_reassign(self):
        require_group(self.env, self.env._("Reassign Sales Rep"), ESTIMATE_MANAGER, SALE_MANAGER)
        self.ensure_one()
        # As the manager: res.partner.write records the change in each rep history.
        self.partner_ids.commercial_partner_id.write({"user_id": self.user_id.id})
        return {"type": "ir.actions.act_window_close"}
