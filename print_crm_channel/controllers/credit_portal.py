# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A distributor over its credit limit cannot accept an estimate or sign a quotation in
the portal: it is told why, with its figures, before anything is written (sale's signing
commits the signature before it confirms the order)."""

from odoo import http
from odoo.exceptions import AccessError, MissingError

from odoo.addons.print_crm_quote.controllers.portal import PrintEstimatePortal
from odoo.addons.sale.controllers.portal import CustomerPortal as SaleCustomerPortal


class PrintChannelCreditPortal(SaleCustomerPortal):
    @http.route()
    def portal_quote_accept(self, order_id, access_token=None, name=None, signature=None):
        try:
            order_sudo = self._document_check_access(
                "sale.order", order_id, access_token=access_token
            )
        except (AccessError, MissingError):
            order_sudo = None
        # After _document_check_access: the customer's own order, or its token. An order to
        # be paid online is confirmed by its payment (OCA's bypass), not by the signature.
        if order_sudo and order_sudo._has_to_be_signed() and not order_sudo._has_to_be_paid():
            refusal = order_sudo._print_credit_refusal()
            if refusal and not order_sudo.print_credit_override_reason:
                return {"error": order_sudo.partner_id._print_channel_credit_portal_hint(refusal)}
        return super().portal_quote_accept(
            order_id, access_token=access_token, name=name, signature=signature
        )


class PrintChannelCreditEstimatePortal(PrintEstimatePortal):
    @http.route()
    def portal_print_estimate_accept(self, estimate_id, break_id=None, access_token=None, **kw):
        try:
            estimate_sudo = self._document_check_access(
                "print.estimate", estimate_id, access_token=access_token
            )
        except (AccessError, MissingError):
            estimate_sudo = None
        if estimate_sudo and estimate_sudo.state == "sent":
            # After _document_check_access: the customer's own estimate, or its token.
            break_ = estimate_sudo.break_ids.filtered(lambda b: str(b.id) == str(break_id))
            if break_ and estimate_sudo.partner_id._print_channel_credit_refusal(
                estimate_sudo._print_channel_credit_amount(break_), estimate_sudo.company_id
            ):
                return http.request.redirect(
                    estimate_sudo.get_portal_url(query_string="&error=credit")
                )
        return super().portal_print_estimate_accept(
            estimate_id, break_id=break_id, access_token=access_token, **kw
        )

    def _get_page_view_values(self, document, access_token, values, *args, **kwargs):
        if document._name == "print.estimate" and values.get("error") == "credit":
            values["print_credit_hint"] = document.partner_id._print_channel_credit_portal_hint("")
        return super()._get_page_view_values(document, access_token, values, *args, **kwargs)
