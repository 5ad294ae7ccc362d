# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A distributor's quote request on the portal names the end customer it is for: one of
its end customers, or a new one it names. The estimate carries it as its end customer,
and the order made from the estimate after it."""

from odoo import http
from odoo.http import request

from odoo.addons.print_crm_quote.controllers.portal import PrintEstimatePortal

END_CUSTOMER_NAME_SIZE = 128


class PrintChannelQuotePortal(PrintEstimatePortal):
    def _print_quote_distributor(self):
        """The logged-in user's distributor (its company) as superuser, or an empty
        recordset for a customer that is none (an agent has no end customers)."""
        user = request.env.user
        # sudo(): the channel role is for internal users to read; the user's own company.
        partner = user.partner_id.commercial_partner_id.sudo()
        if user._is_public() or partner.print_channel_role != "distributor":
            return partner.browse()
        return partner

    def _print_quote_end_customers(self, distributor):
        """The end customers ``distributor`` may name on a quote request, as superuser:
        those of its channel (res.partner._print_channel_end_customers: its own and its
        sub-distributors', and those deal registration adds). Shown to the distributor's
        own users only."""
        return distributor._print_channel_end_customers().sorted(
            lambda partner: (partner.name or "").lower()
        )

    @http.route()
    def portal_print_quote(self, product_id, **post):
        response = super().portal_print_quote(product_id, **post)
        qcontext = getattr(response, "qcontext", None)
        if qcontext is not None and "form" in qcontext and "product" in qcontext:
            distributor = self._print_quote_distributor()
            if distributor:
                qcontext["print_end_customers"] = self._print_quote_end_customers(distributor)
        return response

    def _print_quote_validate(self, product, form):
        clean, errors = super()._print_quote_validate(product, form)
        distributor = self._print_quote_distributor()
        if not distributor:
            return clean, errors
        env = request.env
        chosen = str(request.params.get("print_end_customer_id") or "").strip()
        name = " ".join(str(request.params.get("print_end_customer_name") or "").split())
        form["print_end_customer_id"] = chosen
        form["print_end_customer_name"] = name
        label = env["print.estimate"]._fields["print_end_customer_id"]._description_string(env)
        if chosen and name:
            errors["print_end_customer_id"] = env._(
                "%(field)s: choose one of your end customers or name a new one, not both.",
                field=label,
            )
        elif chosen:
            customers = self._print_quote_end_customers(distributor)
            customer = customers.filtered(lambda partner: str(partner.id) == chosen)
            if not customer:
                errors["print_end_customer_id"] = env._(
                    "%(field)s: choose one of your end customers from the list.", field=label
                )
            else:
                clean["print_end_customer_id"] = customer.id
        elif name:
            if len(name) > END_CUSTOMER_NAME_SIZE:
                errors["print_end_customer_name"] = env._(
                    "%(field)s: a name of at most %(size)s characters.",
                    field=label,
                    size=END_CUSTOMER_NAME_SIZE,
                )
            else:
                clean["print_end_customer_name"] = name
        return clean, errors

    def _print_quote_estimate(self, product, clean):
        values = super()._print_quote_estimate(product, clean)
        if clean.get("print_end_customer_id"):
            values["print_end_customer_id"] = clean["print_end_customer_id"]
        return values

    def _print_quote_submit(self, product, clean, action, quantity):
        name = clean.pop("print_end_customer_name", None)
        if not name:
            return super()._print_quote_submit(product, clean, action, quantity)
        # A savepoint: a request refused on submit leaves no end customer behind.
        with request.env.cr.savepoint():
            customer = self._print_quote_new_end_customer(self._print_quote_distributor(), name)
            clean["print_end_customer_id"] = customer.id
            return super()._print_quote_submit(product, clean, action, quantity)

    def _print_quote_new_end_customer(self, distributor, name):
        """The end customer the distributor named: one of its own of that name, else a new
        contact (as superuser: a portal user creates no partners itself)."""
        same = self._print_quote_end_customers(distributor).filtered(
            lambda partner: (partner.name or "").casefold() == name.casefold()
        )
        if same:
            return same[:1]
        return (
            request.env["res.partner"]
            .sudo()
            .create(
                {
                    "name": name,
                    "comment": request.env._(
                        "Named as an end customer by %(distributor)s on a quote request.",
                        distributor=distributor.display_name,
                    ),
                }
            )
        )
