# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from markupsafe import Markup

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import email_normalize, plaintext2html

from odoo.addons.base.models.res_partner import _lang_get

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


class PrintCustomerRegistration(models.Model):
    _name = "print.customer.registration"
    _description = "Customer Registration"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "create_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    company_name = fields.Char("Company Name", tracking=True)
    email = fields.Char("E-mail", tracking=True)
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
            ("new", "New"),
            ("review", "To Review"),
            ("created", "Customer Created"),
            ("merged", "Merged"),
            ("rejected", "Rejected"),
        ],
        default="new",
        required=True,
        copy=False,
        tracking=True,
        help="New: not checked yet. To Review: it matches existing partners, decide whether to"
        " merge it into one of them or create a new customer.",
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
        self._check_state(("new",))
        for registration in self:
            duplicates = registration._find_duplicates()
            if not duplicates:
                registration._create_customer()
                continue
            registration.write(
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
        """Complete the chosen existing partner with what the prospect typed."""
        self._check_open()
        for registration in self:
            partner = registration.merge_partner_id
            if not partner:
                raise UserError(
                    self.env._(
                        "Merge Into: choose the existing partner to merge the registration of"
                        " %(name)s into.",
                        name=registration.display_name,
                    )
                )
            for target, values in registration._merge_values(partner).items():
                if values:
                    target.write(values)
            partner.message_post(body=registration._summary_html(), subtype_xmlid="mail.mt_note")
            registration.write({"partner_id": partner.id, "state": "merged"})
            registration._close_activities(
                self.env._("Merged into %(partner)s.", partner=partner.display_name)
            )

    def action_create_partner(self):
        """Create the customer although partners with the same e-mail or phone exist."""
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
        self._check_open()
        self.write({"state": "rejected"})
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
    def _register_prospect(self, values):
        """Record a validated registration and process it (see ``action_process``)."""
        registration = self.create(values)
        registration.action_process()
        return registration

    # ------------------------------------------------------------------ business methods

    def _check_open(self):
        self._check_state(("new", "review"))

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
        self.write({"partner_id": contact.id, "state": "created"})
        customer.message_post(body=self._summary_html(), subtype_xmlid="mail.mt_note")
        customer.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._("Contact %(name)s, who registered online", name=self.display_name),
            note=plaintext2html(self.requirements or ""),
            user_id=self.user_id.id,
        )
        return contact

    def _merge_values(self, partner):
        """What ``partner`` lacks and the registration has, as {partner: values}; nothing the
        partner has is replaced. A contact's address is its company's, so it goes there."""
        self.ensure_one()
        values = {
            key: self[key] for key in ("email", "phone", "lang") if self[key] and not partner[key]
        }
        if (
            self.company_name
            and not partner.is_company
            and not partner.parent_id
            and not partner.company_name
        ):
            values["company_name"] = self.company_name
        holder = partner.parent_id if partner.parent_id and partner.type == "contact" else partner
        address = {}
        # An address is kept whole: a street from here with a city from there is no address.
        if not (holder.street or holder.city or holder.zip):
            address = {key: self[key] for key in ("street", "city", "zip") if self[key]}
            if self.country_id and not holder.country_id:
                address["country_id"] = self.country_id.id
        # The acquisition channel and first contact stay: the partner was known before.
        if holder == partner:
            return {partner: {**values, **address}}
        return {partner: values, holder: address}

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
