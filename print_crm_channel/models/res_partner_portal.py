# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What a distributor's portal shows: its end customers, and sections other parts of the
channel add (plan attainment, credit, commission statements)."""

from odoo import models

# Changing one of these moves a partner in (or out of) the tree the portal record rules read.
HIERARCHY_FIELDS = ("print_channel_role", "print_channel_parent_id")


class ResPartner(models.Model):
    _inherit = "res.partner"

    def write(self, vals):
        result = super().write(vals)
        if any(fname in vals for fname in HIERARCHY_FIELDS):
            # The portal record rules put the user's channel path in their domain, which
            # Odoo caches per user: a distributor placed, moved or removed sees its new
            # subtree at once.
            self.env.registry.clear_cache()
        return result

    def _print_channel_end_customers(self):
        """The end customers of this distributor and its sub-distributors, as superuser.

        Those who appear as the end customer of an order or an estimate made for the
        distributor or one below it. Extend it to add others (deal registration adds the
        end customers a distributor registered). Callers show them to the distributor's own
        users only: the result is read as superuser.
        """
        self.ensure_one()
        subtree = self._print_channel_subtree()
        if not subtree:
            return self.env["res.partner"].sudo()
        domain = [
            ("partner_id.commercial_partner_id", "in", subtree.ids),
            ("print_end_customer_id", "!=", False),
        ]
        customers = self.env["res.partner"].sudo()
        for model in ("sale.order", "print.estimate"):
            for (customer,) in (
                self.env[model].sudo()._read_group(domain, ["print_end_customer_id"])
            ):
                customers |= customer
        return customers.sudo()

    def _print_channel_portal_sections(self):
        """Sections of the distributor's portal home, each (title, template xmlid, values).

        Empty here: the sales plans, credit and commission parts of the channel extend it
        with the distributor's plan attainment, credit exposure and commission statements.
        Called as superuser on the logged-in user's distributor.
        """
        self.ensure_one()
        return []
