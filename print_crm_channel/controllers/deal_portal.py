# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A distributor's deal registrations in its portal (/my/channel/deals), and the white
label of the job pages its end customers open."""

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


def deals_label():
    env = request.env
    return env["print.channel.deal"]._fields["end_customer_id"]._description_string(env)


class PrintChannelDealPortal(CustomerPortal):
    def _print_deal_distributor(self):
        """The logged-in user's distributor (its company), or an empty recordset."""
        user = request.env.user
        if user._is_public():
            return request.env["res.partner"]
        # sudo(): the channel role is for internal users to read; the user's own company.
        commercial = user.partner_id.commercial_partner_id.sudo()
        if commercial.print_channel_role != "distributor":
            return request.env["res.partner"]
        return commercial

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "print_deal_count" in counters:
            deals = request.env["print.channel.deal"]
            values["print_deal_count"] = (
                deals.search_count([])
                if self._print_deal_distributor() and deals.has_access("read")
                else 0
            )
        return values

    @http.route(["/my/channel/deals"], type="http", auth="user", website=True, methods=["GET"])
    def portal_my_channel_deals(self, **kw):
        distributor = self._print_deal_distributor()
        if not distributor:
            return request.redirect("/my")
        return request.render(
            "print_crm_channel.portal_my_channel_deals",
            self._print_deal_values(distributor, **kw),
        )

    def _print_deal_values(self, distributor, error=None, form=None, done=None):
        # Searched as the user: the portal rule gives the distributor its own only.
        deals = request.env["print.channel.deal"].search([], order="date desc, id desc")
        return {
            "page_name": "print_channel_deals",
            "distributor": distributor,
            "deals": deals.sudo(),
            "error": error,
            "form": form or {},
            "done": done,
        }

    @http.route(
        ["/my/channel/deals/register"], type="http", auth="user", website=True, methods=["POST"]
    )
    def portal_my_channel_deal_register(self, **post):
        distributor = self._print_deal_distributor()
        if not distributor:
            return request.redirect("/my")
        env = request.env
        name = (post.get("name") or "").strip()
        email = (post.get("email") or "").strip()
        note = (post.get("note") or "").strip()
        if not name:
            error = env._("%(field)s: give the name of the customer to register.", field="Name")
            return request.render(
                "print_crm_channel.portal_my_channel_deals",
                self._print_deal_values(distributor, error=error, form=post),
            )
        try:
            deal = self._print_deal_register(distributor, name, email, note)
        except (UserError, ValidationError) as exc:
            return request.render(
                "print_crm_channel.portal_my_channel_deals",
                self._print_deal_values(distributor, error=exc.args[0], form=post),
            )
        return request.render(
            "print_crm_channel.portal_my_channel_deals",
            self._print_deal_values(distributor, done=deal),
        )

    def _print_deal_register(self, distributor, name, email, note):
        """Register ``name`` for ``distributor`` (checked to be the user's own company).

        The customer is the shop's existing company of that e-mail or exact name, else a
        new company. A conflict names no other distributor: the portal never tells a
        distributor who its competitors' customers are."""
        # sudo(): the user is the distributor's (checked by the caller); the partner and
        # the registration are made for it alone, and registered under the shop's rule.
        partners = request.env["res.partner"].sudo()
        end = partners.browse()
        if email:
            end = partners.search([("email", "=ilike", email)], limit=1).commercial_partner_id
        if not end:
            end = partners.search([("name", "=ilike", name), ("is_company", "=", True)], limit=1)
        if end & request.env["res.company"].sudo().search([]).partner_id:
            raise UserError(
                request.env._(
                    "%(field)s: %(customer)s cannot be registered.",
                    field=deals_label(),
                    customer=name,
                )
            )
        if not end:
            end = partners.create({"name": name, "email": email or False, "is_company": True})
        deals = request.env["print.channel.deal"].sudo()
        holders = deals._print_active_holders(end, request.env.company)
        if holders:
            raise UserError(
                request.env._(
                    "%(field)s: %(customer)s is already registered (until %(expiry)s).",
                    field=deals_label(),
                    customer=end.name,
                    expiry=holders[:1].date_expiry,
                )
            )
        deal = deals.create(
            {
                "distributor_id": distributor.id,
                "end_customer_id": end.id,
                "note": note or False,
                "company_id": request.env.company.id,
            }
        )
        deal._print_register()
        return deal

    # -- white label of the end customer's job pages ------------------------------------
    def _get_page_view_values(
        self, document, access_token, values, session_history, no_breadcrumbs, **kwargs
    ):
        values = super()._get_page_view_values(
            document, access_token, values, session_history, no_breadcrumbs, **kwargs
        )
        if document._name == "print.job":
            values.update(document.sudo()._print_portal_white_label_values(request.env.user))
        return values
