# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Estimates and orders under the deal registration rule, and blind shipping on orders."""

from odoo import api, fields, models

DEAL_FIELDS = ("partner_id", "print_end_customer_id", "company_id")


class PrintEstimate(models.Model):
    _inherit = "print.estimate"

    def _print_check_deal_registration(self):
        """Hook: refuse the estimates that go around a distributor's registration."""
        self.env["print.channel.deal"]._print_check_documents(self)

    @api.model_create_multi
    def create(self, vals_list):
        estimates = super().create(vals_list)
        estimates._print_check_deal_registration()
        return estimates

    def write(self, vals):
        result = super().write(vals)
        if set(vals) & set(DEAL_FIELDS):
            self._print_check_deal_registration()
        return result

    def action_send(self):
        self._print_check_deal_registration()
        return super().action_send()

    def action_mark_sent(self):
        self._print_check_deal_registration()
        return super().action_mark_sent()


class SaleOrder(models.Model):
    _inherit = "sale.order"

    print_blind_shipping = fields.Boolean(
        "Blind Shipping",
        compute="_compute_print_blind_shipping",
        store=True,
        readonly=False,
        precompute=True,
        groups="base.group_user",
        tracking=True,
        help="The end customer's delivery note, job e-mails and portal pages carry the"
        " distributor's name, never the shop's. Set from the distributor's White Label.",
    )

    @api.depends("partner_id")
    def _compute_print_blind_shipping(self):
        for order in self:
            # sudo(): the distributor's preference, copied onto its own order.
            order.print_blind_shipping = bool(
                order.partner_id.commercial_partner_id.sudo().print_white_label
            )

    def _print_check_deal_registration(self):
        """Hook: refuse the orders that go around a distributor's registration."""
        self.env["print.channel.deal"]._print_check_documents(self)

    @api.model_create_multi
    def create(self, vals_list):
        orders = super().create(vals_list)
        orders._print_check_deal_registration()
        return orders

    def write(self, vals):
        result = super().write(vals)
        if set(vals) & set(DEAL_FIELDS):
            self._print_check_deal_registration()
        return result

    def action_confirm(self):
        self._print_check_deal_registration()
        return super().action_confirm()

    def _print_white_label_partner(self):
        """The distributor whose name the end customer's documents carry instead of the
        shop's, or an empty recordset when the order is not shipped blind."""
        self.ensure_one()
        # sudo(): read for documents the caller already renders (report, e-mail, portal).
        order = self.sudo()
        if not order.print_blind_shipping:
            return self.env["res.partner"]
        return order.partner_id.commercial_partner_id.with_env(self.env)


class ResPartner(models.Model):
    _inherit = "res.partner"

    print_white_label = fields.Boolean(
        "White Label",
        groups="base.group_user",
        tracking=True,
        help="This distributor's orders ship blind by default: the end customer's delivery"
        " note, job e-mails and portal pages carry the distributor's name, never the shop's.",
    )
