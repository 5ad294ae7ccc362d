# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Deal registration in the distributor portal: a registered customer is one of the
distributor's end customers, and the portal home has a section for the registrations."""

from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _print_channel_end_customers(self):
        """Plus the customers this distributor or one below it holds a registration of."""
        customers = super()._print_channel_end_customers()
        subtree = self._print_channel_subtree()
        if subtree:
            # sudo(): as the parent method, for the distributor's own users only.
            deals = (
                self.env["print.channel.deal"]
                .sudo()
                .search([("state", "=", "registered"), ("distributor_id", "in", subtree.ids)])
            )
            customers |= deals.end_customer_id
        return customers.sudo()

    def _print_channel_portal_sections(self):
        """Plus the distributor's registrations (what it holds, and where to register)."""
        sections = list(super()._print_channel_portal_sections())
        partner = self.commercial_partner_id
        # sudo(): called as superuser on the user's own distributor (see the parent).
        if partner.sudo().print_channel_role == "distributor":
            deals = (
                self.env["print.channel.deal"]
                .sudo()
                .search(
                    [("state", "=", "registered"), ("distributor_id", "=", partner.id)],
                    order="date_expiry, id",
                )
            )
            sections.append(
                (
                    self.env._("Deal Registrations"),
                    "print_crm_channel.portal_channel_deals_section",
                    {"deals": deals},
                )
            )
        return sections
