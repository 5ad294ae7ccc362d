# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from odoo import http
from odoo.http import request

from ..models.print_customer_registration import FIELD_SIZES

_logger = logging.getLogger(__name__)

FORM_FIELDS = (*FIELD_SIZES, "country_id")
# Hidden from people by the page; a robot that fills every field fills it too.
HONEYPOT = "homepage"


class PrintCustomerRegistration(http.Controller):
    @http.route(
        ["/print/register"],
        type="http",
        auth="public",
        website=True,
        methods=["GET", "POST"],
        # The token is checked below, to answer with the form and a message instead of the
        # bare error page Odoo shows when its own check fails.
        csrf=False,
    )
    def print_register(self, **post):
        """The registration form of prospects; a logged-in user finds it prefilled."""
        Registration = request.env["print.customer.registration"]
        errors = {}
        status = 200
        if request.httprequest.method == "POST":
            form = {key: post.get(key, "") for key in FORM_FIELDS}
            token = post.get("csrf_token")
            if not (isinstance(token, str) and request.validate_csrf(token)):
                _logger.info("Registration refused: missing or invalid CSRF token.")
                errors["general"] = request.env._(
                    "This form has expired or was not sent from our website: please check it"
                    " and send it again."
                )
                status = 400
            elif post.get(HONEYPOT):
                _logger.info("Registration refused: the hidden field was filled in.")
                return request.redirect("/print/register/thanks")
            else:
                values, errors = Registration._validate_form(form)
                client_ip = request.httprequest.remote_addr
                if not errors:
                    # Prospects have no access to registrations: sudo() after the form's
                    # checks above, for the rate limits and the registration itself.
                    limited = Registration.sudo()._print_rate_limit_error(
                        values["email"], client_ip
                    )
                    if limited:
                        _logger.info("Registration refused: rate limit (%s).", client_ip)
                        errors["general"] = limited
                if not errors:
                    values["lang"] = self._print_register_lang()
                    Registration.sudo()._register_prospect(values, client_ip=client_ip)
                    return request.redirect("/print/register/thanks")
        else:
            form = self._print_register_defaults()
        values = {
            "form": form,
            "errors": errors,
            "labels": Registration._form_labels(),
            "sizes": FIELD_SIZES,
            "countries": request.env["res.country"].sudo().search([]),
            "honeypot": HONEYPOT,
        }
        return request.render("print_crm_quote.print_register_page", values, status=status)

    @http.route(["/print/register/thanks"], type="http", auth="public", website=True)
    def print_register_thanks(self, **kw):
        """The same answer whatever was registered: it tells nobody who is a customer."""
        return request.render("print_crm_quote.print_register_thanks", {})

    @http.route(
        ["/print/register/confirm/<int:registration_id>/<string:token>"],
        type="http",
        auth="public",
        website=True,
        methods=["GET", "POST"],
    )
    def print_register_confirm(self, registration_id, token, **post):
        """The link of the confirmation e-mail: a button (mail scanners open links, only a
        person presses it), then the registration goes to sales."""
        Registration = request.env["print.customer.registration"].sudo()
        registration = Registration.browse(registration_id).exists()
        # The token is the check: sudo() only to compare it (the model compares in constant time).
        valid = bool(registration) and bool(
            Registration._print_confirm_check(registration_id, token)
        )
        if valid and request.httprequest.method == "POST":
            Registration._print_confirm(registration_id, token)
            return request.render("print_crm_quote.print_register_thanks", {"confirmed": True})
        return request.render(
            "print_crm_quote.print_register_confirm",
            {"valid": valid, "registration_id": registration_id, "token": token},
        )

    def _print_register_defaults(self):
        """An empty form, or what we know of the logged-in user."""
        form = dict.fromkeys(FORM_FIELDS, "")
        form["country_id"] = request.env.company.country_id.id or ""
        user = request.env.user
        if not user._is_public():
            partner = user.partner_id
            commercial = partner.commercial_partner_id
            form.update(
                {
                    "name": partner.name or "",
                    "company_name": commercial.name if commercial != partner else "",
                    "email": partner.email or "",
                    "phone": partner.phone or partner.mobile or "",
                    "street": partner.street or "",
                    "city": partner.city or "",
                    "zip": partner.zip or "",
                    "country_id": partner.country_id.id or form["country_id"],
                }
            )
        return form

    def _print_register_lang(self):
        lang = request.env.lang
        installed = dict(request.env["res.lang"].get_installed())
        return lang if lang in installed else False
