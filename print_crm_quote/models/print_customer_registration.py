# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hmac
import re
import secrets
from datetime import timedelta

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, email_normalize, plaintext2html

from odoo.addons.base.models.res_partner import _lang_get

from .print_access import ESTIMATE_USER, require_group
from .res_partner import phone_digits

# The longest value the registration form accepts in each field.
FIELD_SIZES = {
    "name": 128,
    "company_name": 128,
    "email": 254,
    "phone": 32,
    "street": 128,
    "city": 64,
    "zip": 16,
    "requirements": 4000,
}
# Control characters (PostgreSQL refuses NUL; the others only hide text); tab and newline stay.
CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# One address, no display name, no list: a@b.example, not "A <a@b.example>" nor "a@b".
EMAIL_SHAPE = re.compile(
    r"^[^@\s<>()\[\],;:\"']+@[^@\s<>()\[\],;:\"'.]+(\.[^@\s<>()\[\],;:\"'.]+)+$"
)
PHONE_SHAPE = re.compile(r"^\+?[0-9 ()./-]+$")
PHONE_MIN_DIGITS = 6
PHONE_MAX_DIGITS = 20
# Registrations the public form takes by default: per client address in an hour, per e-mail
# address in a day (Settings; 0 means no limit).
IP_LIMIT_DEFAULT = 5
EMAIL_LIMIT_DEFAULT = 3
IP_LIMIT_PARAM = "print_crm_quote.registration_ip_limit"
EMAIL_LIMIT_PARAM = "print_crm_quote.registration_email_limit"
# A confirmation link works this long.
CONFIRM_DAYS = 7
# Serialises the rate-limit check of concurrent sign-ups (pg_advisory_xact_lock key).
RATE_LOCK_KEY = 7_430_001
# Fields a merge may bring into the partner, in the order the merge shows them; the address
# goes to the partner that holds it (a contact's company).
MERGE_FIELDS = ("email", "phone", "lang", "company_name")
MERGE_ADDRESS_FIELDS = ("street", "city", "zip", "country_id")


class PrintCustomerRegistration(models.Model):
    _name = "print.customer.registration"
    _description = "Customer Registration"
    _inherit = ["mail.thread", "mail.activity.mixin", "print.decision.mixin"]
    _order = "create_date desc, id desc"
    _check_company_auto = True
    # Written by the public form and the actions only.
    _print_decision_fields = (
        "state",
        "partner_id",
        "duplicate_ids",
        "client_ip",
        "confirm_token",
        "confirmed_date",
    )

    name = fields.Char(required=True, tracking=True)
    company_name = fields.Char("Company Name", tracking=True)
    email = fields.Char("E-mail", tracking=True)
    email_normalized = fields.Char(
        "Normalized E-mail", compute="_compute_email_normalized", store=True, index=True
    )
    phone = fields.Char(tracking=True)
    street = fields.Char()
    city = fields.Char()
    zip = fields.Char("ZIP")
    country_id = fields.Many2one("res.country")
    requirements = fields.Text(
        "What They Print", help="What the prospect told us about the print work they need."
    )
    lang = fields.Selection(_lang_get, "Language", help="The language the prospect registered in.")
    state = fields.Selection(
        [
            ("unconfirmed", "Awaiting Confirmation"),
            ("new", "New"),
            ("review", "To Review"),
            ("created", "Customer Created"),
            ("merged", "Merged"),
            ("rejected", "Rejected"),
        ],
        default="new",
        required=True,
        readonly=True,
        copy=False,
        tracking=True,
        help="Awaiting Confirmation: sent from the website, the prospect has not confirmed"
        " the e-mail yet; no partner exists. New: not checked yet. To Review: it matches"
        " existing partners, decide whether to merge it into one of them or create a new"
        " customer.",
    )
    duplicate_ids = fields.Many2many(
        "res.partner",
        "print_customer_registration_duplicate_rel",
        "registration_id",
        "partner_id",
        "Possible Duplicates",
        copy=False,
        readonly=True,
        help="Existing partners with the same e-mail or phone number.",
    )
    merge_partner_id = fields.Many2one(
        "res.partner",
        "Merge Into",
        copy=False,
        check_company=True,
        help="The existing partner that Merge completes; the best duplicate is proposed.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        "Customer",
        copy=False,
        readonly=True,
        tracking=True,
        check_company=True,
        index="btree_not_null",
        help="The partner this registration was created as or merged into.",
    )
    team_id = fields.Many2one(
        "crm.team",
        "Sales Team",
        default=lambda self: self._default_team_id(),
        check_company=True,
        help="The new customer's sales team; its leader follows the registration up.",
    )
    user_id = fields.Many2one(
        "res.users",
        "Responsible",
        compute="_compute_user_id",
        store=True,
        readonly=False,
        tracking=True,
        domain=[("share", "=", False)],
        help="Who gets the activity: the sales team leader if they are an estimating user of"
        " the company, otherwise the administrator.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    client_ip = fields.Char(
        "Sent From", readonly=True, copy=False, help="The address the website form came from."
    )
    confirm_token = fields.Char(copy=False, readonly=True, groups="base.group_system")
    confirmed_date = fields.Datetime(
        "E-mail Confirmed", readonly=True, copy=False, help="When the prospect confirmed."
    )

    @api.depends("email")
    def _compute_email_normalized(self):
        for registration in self:
            registration.email_normalized = email_normalize(registration.email or "") or False

    def _default_team_id(self):
        return self.env["crm.team"].search(
            [("company_id", "in", [self.env.company.id, False])], limit=1
        )

    @api.depends("team_id", "company_id")
    def _compute_user_id(self):
        admin = self.env.ref("base.user_admin")
        for registration in self:
            leader = registration.team_id.user_id.sudo()
            if (
                leader.active
                and registration.company_id in leader.company_ids
                and leader.has_group("print_crm_quote.group_estimate_user")
            ):
                registration.user_id = leader.id
            else:
                registration.user_id = admin

    @api.depends("name", "company_name")
    def _compute_display_name(self):
        for registration in self:
            if registration.company_name:
                registration.display_name = self.env._(
                    "%(name)s (%(company)s)",
                    name=registration.name,
                    company=registration.company_name,
                )
            else:
                registration.display_name = registration.name

    # ------------------------------------------------------------------ actions

    def action_process(self):
        """Look for duplicates: none, the customer is created; some, a person reviews them."""
        require_group(self.env, self.env._("Check for Duplicates"), ESTIMATE_USER)
        self._check_state(("unconfirmed", "new"))
        self._process()

    def _process(self):
        for registration in self:
            duplicates = registration._find_duplicates()
            if not duplicates:
                registration._create_customer()
                continue
            registration._print_decide().write(
                {
                    "duplicate_ids": [Command.set(duplicates.ids)],
                    "merge_partner_id": duplicates[0].id,
                    "state": "review",
                }
            )
            registration.activity_schedule(
                "mail.mail_activity_data_todo",
                summary=self.env._(
                    "Review the registration of %(name)s", name=registration.display_name
                ),
                note=self.env._(
                    "It matches %(count)s existing partner(s) by e-mail or phone: merge it into"
                    " one of them, create a new customer or reject it.",
                    count=len(duplicates),
                ),
                user_id=registration.user_id.id,
            )

    def action_merge(self):
        """Show what merging into the chosen partner would change, to apply what staff ticks."""
        require_group(self.env, self.env._("Merge"), ESTIMATE_USER)
        self._check_open()
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Merge %(name)s", name=self.display_name),
            "res_model": "print.customer.registration.merge",
            "view_mode": "form",
            "target": "new",
            "context": {"default_registration_id": self.id},
        }

    def action_create_partner(self):
        """Create the customer although partners with the same e-mail or phone exist."""
        require_group(self.env, self.env._("Create as New Customer"), ESTIMATE_USER)
        self._check_open()
        for registration in self:
            registration._create_customer()
            registration._close_activities(
                self.env._(
                    "Created as the new customer %(partner)s.",
                    partner=registration.partner_id.display_name,
                )
            )

    def action_reject(self):
        require_group(self.env, self.env._("Reject"), ESTIMATE_USER)
        self._check_open()
        self._print_decide("state").write({"state": "rejected"})
        for registration in self:
            registration._close_activities(self.env._("Registration rejected."))

    # ------------------------------------------------------------------ the registration form

    @api.model
    def _form_labels(self):
        """The form's field labels, also used to name the field in error messages."""
        return {
            "name": self.env._("Your name"),
            "company_name": self.env._("Company"),
            "email": self.env._("E-mail"),
            "phone": self.env._("Phone"),
            "street": self.env._("Street"),
            "city": self.env._("City"),
            "zip": self.env._("ZIP"),
            "country_id": self.env._("Country"),
            "requirements": self.env._("What do you print?"),
        }

    @api.model
    def _validate_form(self, form):
        """Check what a prospect typed in the registration form.

        :param form: {field: submitted value}, as posted
        :return: (values to create the registration with, {field: message}); nothing is
            created when the messages are not empty
        """
        labels = self._form_labels()
        values, errors = {}, {}
        for key, size in FIELD_SIZES.items():
            value = form.get(key)
            value = CONTROL_CHARS.sub("", value).strip() if isinstance(value, str) else ""
            if key != "requirements":
                value = " ".join(value.split())
            if len(value) > size:
                errors[key] = self.env._(
                    "%(field)s: at most %(size)s characters, please shorten it.",
                    field=labels[key],
                    size=size,
                )
            values[key] = value or False
        if not values["name"] and "name" not in errors:
            errors["name"] = self.env._(
                "%(field)s: please tell us your name.", field=labels["name"]
            )
        email = values["email"]
        if not email and "email" not in errors:
            errors["email"] = self.env._(
                "%(field)s: please give your e-mail address, so that we can answer you.",
                field=labels["email"],
            )
        elif email and "email" not in errors:
            if not EMAIL_SHAPE.match(email) or not email_normalize(email):
                errors["email"] = self.env._(
                    "%(field)s: %(email)s is not a valid e-mail address (name@example.com).",
                    field=labels["email"],
                    email=email,
                )
        phone = values["phone"]
        if phone and "phone" not in errors:
            if not PHONE_SHAPE.match(phone) or not (
                PHONE_MIN_DIGITS <= len(phone_digits(phone)) <= PHONE_MAX_DIGITS
            ):
                errors["phone"] = self.env._(
                    "%(field)s: give %(min)s to %(max)s digits; only spaces, +, -, dots and"
                    " brackets may separate them.",
                    field=labels["phone"],
                    min=PHONE_MIN_DIGITS,
                    max=PHONE_MAX_DIGITS,
                )
        country = form.get("country_id")
        values["country_id"] = False
        if country:
            found = (
                self.env["res.country"].sudo().browse(int(country)).exists()
                if isinstance(country, str) and country.isdigit() and len(country) < 10
                else None
            )
            if found:
                values["country_id"] = found.id
            else:
                errors["country_id"] = self.env._(
                    "%(field)s: choose a country from the list.", field=labels["country_id"]
                )
        return values, errors

    @api.model
    def _register_prospect(self, values, client_ip=None):
        """Record a validated registration from the website and ask the prospect to confirm
        it by e-mail: no partner, activity or staff e-mail until then (see ``_print_confirm``).
        """
        registration = self._print_decide().create(
            {
                **values,
                "state": "unconfirmed",
                "client_ip": client_ip or False,
                "confirm_token": secrets.token_urlsafe(32),
            }
        )
        # The leave to write decisions stays with the create: not with the record returned.
        registration = self.browse(registration.id)
        template = self.env.ref("print_crm_quote.mail_template_print_registration_confirm")
        template.sudo().send_mail(registration.id, force_send=False)
        return registration

    @api.model
    def _print_rate_limit_error(self, email, client_ip):
        """The form's message when ``client_ip`` or ``email`` registered too often, else
        False. Call it as the superuser, just before registering."""
        params = self.env["ir.config_parameter"].sudo()
        ip_limit = int(params.get_param(IP_LIMIT_PARAM, IP_LIMIT_DEFAULT) or 0)
        email_limit = int(params.get_param(EMAIL_LIMIT_PARAM, EMAIL_LIMIT_DEFAULT) or 0)
        # One sign-up at a time counts and registers: a burst cannot slip past the limit.
        self.env.cr.execute(SQL("SELECT pg_advisory_xact_lock(%s)", RATE_LOCK_KEY))
        now = fields.Datetime.now()
        Registration = self.with_context(active_test=False)
        if ip_limit > 0 and client_ip:
            count = Registration.search_count(
                [
                    ("client_ip", "=", client_ip),
                    ("create_date", ">", now - timedelta(hours=1)),
                ]
            )
            if count >= ip_limit:
                return self.env._(
                    "We take at most %(limit)s registrations an hour from one network: please"
                    " try again later, or call us.",
                    limit=ip_limit,
                )
        normalized = email_normalize(email or "")
        if email_limit > 0 and normalized:
            count = Registration.search_count(
                [
                    ("email_normalized", "=", normalized),
                    ("create_date", ">", now - timedelta(days=1)),
                ]
            )
            if count >= email_limit:
                return self.env._(
                    "%(field)s: %(email)s was registered %(limit)s times a day already: please"
                    " confirm with the link we e-mailed, or try again tomorrow.",
                    field=self._form_labels()["email"],
                    email=normalized,
                    limit=email_limit,
                )
        return False

    def _print_confirm_url(self):
        self.ensure_one()
        token = self.sudo().confirm_token
        return f"{self.get_base_url()}/print/register/confirm/{self.id}/{token}"

    @api.model
    def _print_confirm_check(self, registration_id, token):
        """The registration the link (``registration_id``, ``token``) confirms, or an empty
        recordset when the link is not valid or has expired."""
        registration = self.sudo().browse(registration_id).exists()
        expected = registration.confirm_token if registration else None
        if not (
            expected
            and isinstance(token, str)
            and hmac.compare_digest(expected.encode(), token.encode())
        ):
            return self.browse()
        deadline = fields.Datetime.now() - timedelta(days=CONFIRM_DAYS)
        if registration.state == "unconfirmed" and registration.create_date < deadline:
            return self.browse()
        return registration

    @api.model
    def _print_confirm(self, registration_id, token):
        """Confirm the registration of a valid link and process it (see ``action_process``)
        the first time; an empty recordset when the link is not valid."""
        registration = self._print_confirm_check(registration_id, token)
        if registration.state != "unconfirmed":
            return registration  # invalid, or already confirmed or handled by staff
        registration._print_decide("state", "confirmed_date").write(
            {"state": "new", "confirmed_date": fields.Datetime.now()}
        )
        registration._process()
        return registration

    # ------------------------------------------------------------------ business methods

    def _check_open(self):
        self._check_state(("unconfirmed", "new", "review"))

    def _check_state(self, states):
        for registration in self:
            if registration.state not in states:
                state = dict(self._fields["state"]._description_selection(self.env))[
                    registration.state
                ]
                raise UserError(
                    self.env._(
                        "Registration %(name)s is %(state)s: it has already been processed.",
                        name=registration.display_name,
                        state=state,
                    )
                )

    def _find_duplicates(self):
        """Partners of the registration's company (or shared) with its e-mail or phone, the
        ones with the same e-mail first."""
        self.ensure_one()
        if not (self.email or self.phone):
            return self.env["res.partner"]
        duplicates = (
            self.env["res.partner"]
            ._print_find_duplicates(email=self.email, phone=self.phone)
            .filtered(lambda p: not p.company_id or p.company_id == self.company_id)
        )
        email = email_normalize(self.email or "")
        return duplicates.sorted(
            lambda p: (not (email and p.email_normalized == email), not p.active, p.id)
        )

    def _profile_values(self):
        """How a partner who registered online was acquired and followed up; fields of other
        modules are set only when they are installed."""
        Partner = self.env["res.partner"]
        values = {}
        # Added on res.partner by the customer profile; set only once it is installed.
        if "print_acquisition_channel" in Partner._fields:
            values["print_acquisition_channel"] = "web"
        # The partner's sales team comes with crm, which this module does not need.
        if "team_id" in Partner._fields and self.team_id:
            values["team_id"] = self.team_id.id
        if "print_first_contact_date" in Partner._fields:
            values["print_first_contact_date"] = fields.Date.context_today(self, self.create_date)
        return values

    def _create_customer(self):
        """Create the customer: a company and its contact person when a company name was
        given, a person otherwise; sales get an activity to contact them."""
        self.ensure_one()
        Partner = self.env["res.partner"]
        profile = self._profile_values()
        if self.lang:  # else the partner gets the default language
            profile["lang"] = self.lang
        address = {
            "street": self.street,
            "city": self.city,
            "zip": self.zip,
            "country_id": self.country_id.id,
        }
        company = Partner
        if self.company_name:
            company = Partner.create(
                {
                    "name": self.company_name,
                    "is_company": True,
                    "phone": self.phone,
                    "customer_rank": 1,
                    **address,
                    **profile,
                }
            )
        contact_values = {
            "name": self.name,
            "email": self.email,
            "phone": self.phone,
            **profile,
        }
        if company:
            contact_values["parent_id"] = company.id
        else:
            contact_values.update(address, customer_rank=1)
        contact = Partner.create(contact_values)
        customer = contact.commercial_partner_id
        self._print_decide("partner_id", "state").write(
            {"partner_id": contact.id, "state": "created"}
        )
        customer.message_post(body=self._summary_html(), subtype_xmlid="mail.mt_note")
        customer.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._("Contact %(name)s, who registered online", name=self.display_name),
            note=plaintext2html(self.requirements or ""),
            user_id=self.user_id.id,
        )
        return contact

    def _merge_lines(self, partner):
        """What merging into ``partner`` would change, field by field: values for
        print.customer.registration.merge.line. A line is ticked when it only fills an empty
        field (an address only when the partner has none); staff ticks the others by hand."""
        self.ensure_one()
        holder = partner.parent_id if partner.parent_id and partner.type == "contact" else partner
        has_address = bool(holder.street or holder.city or holder.zip)
        lines = []
        for key in (*MERGE_FIELDS, *MERGE_ADDRESS_FIELDS):
            target = holder if key in MERGE_ADDRESS_FIELDS else partner
            new = self[key]
            if not new:
                continue
            if key == "company_name" and (partner.is_company or partner.parent_id):
                continue
            current = target[key]
            if key == "email" and email_normalize(current or "") == email_normalize(new):
                continue
            if key == "phone" and phone_digits(current) == phone_digits(new):
                continue
            if current == new:
                continue
            lines.append(
                {
                    "field_name": key,
                    "label": self._fields[key]._description_string(self.env),
                    "partner_id": target.id,
                    "current_value": self._merge_display(key, current),
                    "new_value": self._merge_display(key, new),
                    "apply": not current and not (key in MERGE_ADDRESS_FIELDS and has_address),
                }
            )
        return lines

    def _merge_display(self, key, value):
        if not value:
            return False
        if key == "country_id":
            return value.display_name
        if key == "lang":
            return dict(self._fields["lang"]._description_selection(self.env)).get(value, value)
        return value

    def _merge_into(self, partner, keys):
        """Bring the fields ``keys`` of the registration into ``partner`` (the address into
        the partner that holds it), note the registration there and close it."""
        self.ensure_one()
        holder = partner.parent_id if partner.parent_id and partner.type == "contact" else partner
        values = {partner: {}, holder: {}}
        for key in keys:
            target = holder if key in MERGE_ADDRESS_FIELDS else partner
            value = self[key]
            values[target][key] = value.id if key == "country_id" else value
        for target, target_values in values.items():
            if target_values:
                target.write(target_values)
        partner.message_post(body=self._summary_html(), subtype_xmlid="mail.mt_note")
        self.merge_partner_id = partner
        self._print_decide("partner_id", "state").write(
            {"partner_id": partner.id, "state": "merged"}
        )
        self._close_activities(self.env._("Merged into %(partner)s.", partner=partner.display_name))

    def _summary_html(self):
        """The registration as a chatter note: who, how to reach them and what they print."""
        self.ensure_one()
        labels = self._form_labels()
        rows = [
            (labels["name"], self.name),
            (labels["company_name"], self.company_name),
            (labels["email"], self.email),
            (labels["phone"], self.phone),
            (
                self.env._("Address"),
                ", ".join(v for v in (self.street, self.zip, self.city, self.country_id.name) if v),
            ),
        ]
        items = Markup("").join(
            Markup("<li>%s: %s</li>") % (label, value) for label, value in rows if value
        )
        body = Markup("<p>%s</p><ul>%s</ul>") % (self.env._("Registered online."), items)
        if self.requirements:
            body += Markup("<p>%s</p>%s") % (
                labels["requirements"],
                plaintext2html(self.requirements),
            )
        return body

    def _close_activities(self, feedback):
        """Mark the registration's open activities done, with ``feedback``."""
        self.activity_ids.action_feedback(feedback=feedback)
