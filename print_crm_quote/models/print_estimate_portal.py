# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the customer's own portal actions leave on estimates and orders (issue 11, build 2):
an accepted quantity's order is a sent quotation the customer finds in its lists, and a
request sent from the portal is listed at once as requested."""

from datetime import timedelta

from odoo import api, fields, models

from . import print_estimate


class PrintEstimate(models.Model):
    _inherit = "print.estimate"
    # Whether the customer asked for it online: only the portal's request action sets it.
    _print_decision_fields = (
        *print_estimate.PrintEstimate._print_decision_fields,
        "portal_requested",
    )

    portal_requested = fields.Boolean(
        "Requested Online",
        readonly=True,
        copy=False,
        help="The customer sent this request from the portal: it lists it as requested"
        " until it is priced and sent.",
    )
    print_price = fields.Monetary(
        "Price",
        compute="_compute_print_price",
        currency_field="currency_id",
        help="The price of the accepted quantity, else the lowest price quoted.",
    )

    @api.depends("accepted_break_id.price", "break_ids.price")
    def _compute_print_price(self):
        for estimate_ in self:
            prices = estimate_.break_ids.mapped("price")
            estimate_.print_price = (
                estimate_.accepted_break_id.price
                if estimate_.accepted_break_id
                else min(prices, default=0.0)
            )

    def write(self, vals):
        # Sending gives the estimate the company's validity unless the estimator set a date.
        opening = self.browse()
        if vals.get("state") == "sent" and "validity_date" not in vals:
            opening = self.filtered(lambda e: e.state != "sent" and not e.validity_date)
        result = super().write(vals)
        for estimate_ in opening:
            # sudo: the company's validity setting is no secret to whoever sends.
            days = estimate_.company_id.sudo().print_estimate_validity_days
            if days > 0:
                estimate_.validity_date = fields.Date.context_today(estimate_) + timedelta(
                    days=days
                )
        return result

    def _print_valid_until(self):
        """The date the customer's copy promises: the validity date once sent, or for a draft
        the one sending it today gives (the composer renders the PDF before the send)."""
        self.ensure_one()
        if self.validity_date or self.state != "draft":
            return self.validity_date
        # sudo: the company's validity setting is no secret to whoever prints the estimate.
        days = self.company_id.sudo().print_estimate_validity_days
        if days <= 0:
            return False
        return fields.Date.context_today(self) + timedelta(days=days)

    def _print_portal_accept(self, break_, partner):
        """Accept ``break_`` for ``partner`` (the portal customer) and return its order, a
        sent quotation the customer finds in its portal lists and counters.

        The caller (the portal controller) has checked the customer's access to the
        estimate, by its record rules or its token.
        """
        self.ensure_one()
        order = self._accept_break(break_).order_id
        if order.state == "draft":
            # Odoo lists as quotations the sent orders its customer follows.
            order.message_subscribe(partner_ids=(order.partner_id | partner).ids)
            order.action_quotation_sent()
        return order


class PrintEstimateBreak(models.Model):
    _inherit = "print.estimate.break"

    is_accepted = fields.Boolean(
        "Accepted", compute="_compute_is_accepted", help="The quantity the customer took."
    )

    @api.depends("estimate_id.accepted_break_id")
    def _compute_is_accepted(self):
        for break_ in self:
            break_.is_accepted = break_.estimate_id.accepted_break_id == break_

    def _print_minimum_applied(self):
        """Whether the price is the minimum order price (the cost priced lower). Read as
        superuser by the portal after its access check: the flag, not the costs."""
        self.ensure_one()
        return bool((self.sudo().breakdown or {}).get("minimum_applied"))
