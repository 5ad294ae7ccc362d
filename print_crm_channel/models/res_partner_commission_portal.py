# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The commission statements a distributor or agent reads in its portal."""

from odoo import models

# Settlements shown in the portal, newest period first.
PORTAL_STATEMENTS = 12


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _print_channel_commission_statements(self, limit=PORTAL_STATEMENTS):
        """This partner's last commission settlements as an agent (the OCA settlements of
        its commercial partner, cancelled ones left out): period, total, state and the
        vendor bill or credit note they were invoiced into."""
        partner = self.commercial_partner_id
        # sudo(): the settlements whose agent is this very partner; the portal page calls
        # this for the logged-in user's own distributor only (portal users have no access
        # to OCA's settlements), and shows figures of its own commission.
        Settlement = self.env["commission.settlement"].sudo()
        settlements = Settlement.search(
            [("agent_id", "=", partner.id), ("state", "!=", "cancel")],
            order="date_to desc, id desc",
            limit=limit,
        )
        states = dict(Settlement._fields["state"]._description_selection(self.env))
        return [
            {
                "date_from": settlement.date_from,
                "date_to": settlement.date_to,
                "total": settlement.total,
                "currency": settlement.currency_id,
                "state": states.get(settlement.state, settlement.state),
                "invoiced": settlement.state == "invoiced",
                "bill": settlement.invoice_id.name or "",
            }
            for settlement in settlements
        ]

    def _print_channel_portal_sections(self):
        """The distributor portal's sections: commission statements, for a partner that
        earns commission (an OCA agent) or has been paid some."""
        sections = list(super()._print_channel_portal_sections())
        partner = self.commercial_partner_id.sudo()
        if partner.print_channel_role and partner.agent:
            sections.append(
                (
                    self.env._("Commission Statements"),
                    "print_crm_channel.portal_channel_commission",
                    {"statements": self._print_channel_commission_statements()},
                )
            )
        return sections
