# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A customer's service contracts, from its form (Service users)."""

from odoo import fields, models

from .print_access import SERVICE_USER, require_group


class ResPartner(models.Model):
    _inherit = "res.partner"

    print_service_contract_ids = fields.One2many(
        "print.service.contract",
        "partner_id",
        "Service Contracts",
        groups=SERVICE_USER,
    )
    print_service_contract_count = fields.Integer(
        "Service Contract Count",
        compute="_compute_print_service_contract_count",
        groups=SERVICE_USER,
    )

    def _compute_print_service_contract_count(self):
        # As the user: the contracts its rules let it read, of the customers' companies.
        counts = dict(
            self.env["print.service.contract"]._read_group(
                [("partner_id", "in", self.commercial_partner_id.ids)],
                groupby=["partner_id"],
                aggregates=["__count"],
            )
        )
        for partner in self:
            partner.print_service_contract_count = counts.get(partner.commercial_partner_id, 0)

    def action_print_view_service_contracts(self):
        """The service contracts of the customer (of the contact's company)."""
        require_group(self, self.env._("Service Contracts"), SERVICE_USER)
        self.ensure_one()
        customer = self.commercial_partner_id
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "print_crm_service.print_service_contract_action"
        )
        action["domain"] = [("partner_id", "=", customer.id)]
        action["context"] = {"default_partner_id": customer.id}
        return action
