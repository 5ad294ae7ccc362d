# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from datetime import timedelta

from freezegun import freeze_time

from odoo import fields, http
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

STAFF_GROUPS = "print_crm_quote.group_estimate_user,base.group_partner_manager"


class RegistrationData:
    """Users, a sales team and a known customer; no demo data needed."""

    @classmethod
    def _setup_registration_data(cls):
        env = cls.env
        cls.Registration = env["print.customer.registration"]
        cls.Partner = env["res.partner"].with_context(active_test=False)
        cls.company = env.company
        cls.admin = env.ref("base.user_admin")
        cls.sales_lead = new_test_user(env, login="reg-sales-lead", groups=STAFF_GROUPS)
        cls.reviewer = new_test_user(env, login="reg-reviewer", groups=STAFF_GROUPS)
        # First in sequence, so that registrations go to this team and its leader.
        cls.team = env["crm.team"].create(
            {"name": "Print Counter", "sequence": -100, "user_id": cls.sales_lead.id}
        )
        cls.customer = env["res.partner"].create(
            {"name": "Harbour Books Ltd", "is_company": True, "phone": "021 5555 0100"}
        )
        cls.mei = env["res.partner"].create(
            {
                "name": "Mei Lin",
                "parent_id": cls.customer.id,
                "email": "Mei.Lin@Harbour.example",
                "phone": "138 0013 8000",
            }
        )

    def _counts(self):
        return self.Registration.search_count([]), self.Partner.search_count([])

    def _valid_form(self, **values):
        form = {
            "name": "Ana Ruiz",
            "company_name": "Ruiz Bakery",
            "email": "ana@ruiz-bakery.example",
            "phone": "+34 91 555 0199",
            "street": "Calle Mayor 7",
            "city": "Madrid",
            "zip": "28013",
            "country_id": str(self.env.ref("base.es").id),
            "requirements": "Bread bags with our logo, 5,000 a month.",
        }
        form.update(values)
        return form


@tagged("post_install", "-at_install")
class TestCustomerRegistration(RegistrationData, TransactionCase):
    """Registrations turned into customers, duplicates found and reviewed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_registration_data()

    def _register(self, **values):
        """Register as the website form does, and confirm as the prospect does."""
        clean, errors = self.Registration._validate_form(self._valid_form(**values))
        self.assertFalse(errors)
        registration = self.Registration.sudo()._register_prospect(clean)
        return self.Registration._print_confirm(registration.id, registration.confirm_token)

    def _merge(self, registration, user):
        """Merge as staff does: open the merge, keep the proposed ticks, apply."""
        action = registration.with_user(user).action_merge()
        wizard = self.env[action["res_model"]].with_user(user).with_context(**action["context"])
        return wizard.create({}).action_apply()

    def _errors(self, **values):
        __, errors = self.Registration._validate_form(self._valid_form(**values))
        return errors

    # ------------------------------------------------------------------ new customers

    def test_prospect_with_a_company_becomes_a_company_and_its_contact(self):
        registration = self._register()
        self.assertEqual(registration.state, "created")
        contact = registration.partner_id
        company = contact.parent_id
        self.assertEqual(contact.name, "Ana Ruiz")
        self.assertEqual(contact.email, "ana@ruiz-bakery.example")
        self.assertEqual(company.name, "Ruiz Bakery")
        self.assertTrue(company.is_company)
        self.assertEqual(company.customer_rank, 1)
        self.assertEqual(
            (company.street, company.city, company.zip, company.country_id.code),
            ("Calle Mayor 7", "Madrid", "28013", "ES"),
        )
        self.assertEqual(contact.city, "Madrid")
        # Sales are asked to contact the new customer, and see what it prints.
        activity = company.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.sales_lead)
        self.assertIn("Ana Ruiz", activity.summary)
        self.assertIn("Bread bags", activity.note)
        self.assertIn("Bread bags", company.message_ids[0].body)
        if "print_acquisition_channel" in self.Partner._fields:
            self.assertEqual(company.print_acquisition_channel, "web")
            self.assertEqual(contact.print_acquisition_channel, "web")

    def test_prospect_without_a_company_becomes_a_person(self):
        registration = self._register(company_name="")
        person = registration.partner_id
        self.assertFalse(person.is_company)
        self.assertFalse(person.parent_id)
        self.assertEqual(person.street, "Calle Mayor 7")
        self.assertEqual(person.customer_rank, 1)
        self.assertEqual(person.activity_ids.user_id, self.sales_lead)

    def test_responsible_is_the_team_leader_if_estimating_user_else_admin(self):
        self.assertEqual(self._register().user_id, self.sales_lead)
        self.team.user_id = new_test_user(self.env, login="reg-plain", groups="base.group_user")
        self.assertEqual(self._register(email="b@ruiz.example", phone="").user_id, self.admin)
        self.team.user_id = False
        self.assertEqual(self._register(email="c@ruiz.example", phone="").user_id, self.admin)

    # ------------------------------------------------------------------ duplicates

    def test_same_email_in_other_case_waits_for_review(self):
        before = self._counts()[1]
        registration = self._register(email="  mei.lin@HARBOUR.example ", phone="")
        self.assertEqual(registration.state, "review")
        self.assertEqual(registration.duplicate_ids, self.mei)
        self.assertEqual(registration.merge_partner_id, self.mei)
        self.assertFalse(registration.partner_id)
        self.assertEqual(self._counts()[1], before, "no partner is created twice")
        activity = registration.activity_ids
        self.assertEqual(activity.user_id, self.sales_lead)
        self.assertIn("Review", activity.summary)

    def test_same_phone_typed_with_separators_or_country_code_waits_for_review(self):
        other = self.env["res.partner"].create({"name": "Li Wei", "phone": "+86 139 1111 2222"})
        cases = [
            ("+86 (138) 0013-8000", self.mei),  # stored as 138 0013 8000
            ("13911112222", other),  # stored with the country code
            ("0086.139.1111.2222", other),
        ]
        for number, partner in cases:
            with self.subTest(number=number):
                registration = self._register(email="someone.else@example.com", phone=number)
                self.assertEqual(registration.state, "review")
                self.assertEqual(registration.duplicate_ids, partner)

    def test_email_match_is_proposed_before_phone_match(self):
        by_phone = self.env["res.partner"].create({"name": "Front desk", "phone": "+34915550199"})
        registration = self._register(email="mei.lin@harbour.example")
        self.assertEqual(registration.duplicate_ids, self.mei | by_phone)
        self.assertEqual(registration.merge_partner_id, self.mei)

    def test_partner_of_another_company_is_not_a_duplicate(self):
        other_company = self.env["res.company"].create({"name": "Other Print Shop"})
        self.env["res.partner"].create(
            {
                "name": "Ana elsewhere",
                "email": "ana@ruiz-bakery.example",
                "company_id": other_company.id,
            }
        )
        self.assertEqual(self._register().state, "created")

    # ------------------------------------------------------------------ review

    def test_merge_completes_the_existing_partner_where_it_is_empty(self):
        registration = self._register(email="mei.lin@harbour.example", phone="+86 139 0000 1111")
        before = self._counts()[1]
        self._merge(registration, self.reviewer)
        self.assertEqual(registration.state, "merged")
        self.assertEqual(registration.partner_id, self.mei)
        self.assertEqual(self._counts()[1], before)
        # What the partner had stays; what it lacked comes from the registration.
        self.assertEqual(self.mei.email, "Mei.Lin@Harbour.example")
        self.assertEqual(self.mei.phone, "138 0013 8000")
        # A contact's address is its company's: both get it.
        for partner in (self.customer, self.mei):
            self.assertEqual((partner.street, partner.city), ("Calle Mayor 7", "Madrid"))
        self.assertIn("Bread bags", self.mei.message_ids[0].body)
        self.assertFalse(registration.activity_ids, "the review activity is done")

    def test_merge_into_a_partner_chosen_by_hand(self):
        registration = self._register(email="mei.lin@harbour.example")
        registration.merge_partner_id = self.customer
        self.customer.city = "Shanghai"
        self._merge(registration, self.reviewer)
        self.assertEqual(registration.partner_id, self.customer)
        self.assertEqual(self.customer.email, "mei.lin@harbour.example")
        # Half an address is not completed with another one.
        self.assertEqual((self.customer.street, self.customer.city), (False, "Shanghai"))
        self.assertFalse(self.customer.country_id)

    def test_merge_needs_a_partner(self):
        registration = self._register(email="mei.lin@harbour.example")
        registration.merge_partner_id = False
        with self.assertRaisesRegex(UserError, "Merge Into"):
            self._merge(registration, self.reviewer)
        self.assertEqual(registration.state, "review")

    def test_create_as_new_customer_despite_the_duplicate(self):
        registration = self._register(email="mei.lin@harbour.example")
        registration.with_user(self.reviewer).action_create_partner()
        self.assertEqual(registration.state, "created")
        new = registration.partner_id
        self.assertNotEqual(new, self.mei)
        self.assertEqual(new.parent_id.name, "Ruiz Bakery")
        self.assertEqual(new.parent_id.activity_ids.user_id, self.sales_lead)
        self.assertFalse(registration.activity_ids)

    def test_reject_creates_nothing_and_closes_the_registration(self):
        registration = self._register(email="mei.lin@harbour.example")
        before = self._counts()[1]
        registration.with_user(self.reviewer).action_reject()
        self.assertEqual(registration.state, "rejected")
        self.assertFalse(registration.partner_id)
        self.assertFalse(registration.activity_ids)
        self.assertEqual(self._counts()[1], before)
        for action in ("action_merge", "action_create_partner", "action_reject", "action_process"):
            with self.subTest(action=action), self.assertRaisesRegex(UserError, "Rejected"):
                getattr(registration.with_user(self.reviewer), action)()

    def test_registration_typed_in_the_back_office_is_checked_on_demand(self):
        registration = self.Registration.with_user(self.reviewer).create(
            {"name": "Walk-in", "phone": "+86 138 0013 8000"}
        )
        self.assertEqual(registration.state, "new")
        self.assertEqual(registration.user_id, self.sales_lead)
        registration.action_process()
        self.assertEqual(registration.duplicate_ids, self.mei)

    # ------------------------------------------------------------------ validation

    def test_name_and_email_are_required(self):
        errors = self._errors(name="  ", email="")
        self.assertEqual(errors["name"], "Your name: please tell us your name.")
        self.assertIn("E-mail: please give your e-mail address", errors["email"])

    def test_malformed_emails_are_refused(self):
        for email in (
            "bob",
            "bob@",
            "@example.com",
            "bob@example",
            "bob@example.",
            "bob@.example.com",
            "bob @example.com",
            "bob@@example.com",
            "Bob <bob@example.com>",
            "a@example.com, b@example.com",
        ):
            with self.subTest(email=email):
                self.assertIn("is not a valid e-mail address", self._errors(email=email)["email"])
        self.assertFalse(self._errors(email="Bob.Smith+print@Example.co.uk"))

    def test_phone_must_look_like_a_number(self):
        for phone in ("call me", "12-34", "+86 138 0013 8000 ext 5", "1" * 21):
            with self.subTest(phone=phone):
                self.assertIn("Phone:", self._errors(phone=phone)["phone"])
        self.assertFalse(self._errors(phone="+86 (21) 5555-0100"))

    def test_every_field_has_a_length_limit(self):
        limits = {
            "name": 128,
            "company_name": 128,
            "email": 254,
            "phone": 32,
            "street": 128,
            "city": 64,
            "zip": 16,
            "requirements": 4000,
        }
        for key, size in limits.items():
            with self.subTest(field=key):
                errors = self._errors(**{key: "9" * (size + 1)})
                self.assertIn(f"at most {size} characters", errors[key])
        self.assertFalse(self._errors(name="A" * 128, requirements="x" * 4000))

    def test_unknown_country_and_control_characters(self):
        for country in ("abc", "999999999", "1; drop"):
            with self.subTest(country=country):
                self.assertIn("Country:", self._errors(country_id=country)["country_id"])
        values, errors = self.Registration._validate_form(self._valid_form(name="Ana\x00 Ruiz"))
        self.assertFalse(errors)
        self.assertEqual(values["name"], "Ana Ruiz")

    # ------------------------------------------------------------------ access

    def test_access_estimating_users_only(self):
        registration = self._register(email="mei.lin@harbour.example")
        portal = new_test_user(self.env, login="reg-portal", groups="base.group_portal")
        with self.assertRaises(AccessError):
            self.Registration.with_user(portal).search([])
        with self.assertRaises(AccessError):
            registration.with_user(portal).read(["email"])
        internal = new_test_user(self.env, login="reg-internal", groups="base.group_user")
        with self.assertRaises(AccessError):
            registration.with_user(internal).read(["email"])
        as_reviewer = registration.with_user(self.reviewer)
        self.assertEqual(as_reviewer.email, "mei.lin@harbour.example")
        as_reviewer.write({"city": "Shanghai"})
        with self.assertRaises(AccessError):
            as_reviewer.unlink()

    def test_registrations_stay_in_their_company(self):
        other_company = self.env["res.company"].create({"name": "Other Print Shop"})
        mine = self._register()
        theirs = self.Registration.create(
            {"name": "Elsewhere", "email": "x@elsewhere.example", "company_id": other_company.id}
        )
        visible = self.Registration.with_user(self.reviewer).search([])
        self.assertIn(mine, visible)
        self.assertNotIn(theirs, visible)


@tagged("post_install", "-at_install")
class TestCustomerRegistrationHttp(RegistrationData, HttpCase):
    """The public registration page, over HTTP."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_registration_data()
        cls.portal_user = new_test_user(
            cls.env,
            login="reg-portal",
            groups="base.group_portal",
            name="Joe Portal",
            email="joe@portal.example",
            city="Leeds",
        )

    def setUp(self):
        super().setUp()
        self.authenticate(None, None)  # a visitor's session

    def _post(self, data, files=None, csrf=True):
        if csrf:
            data = dict(data, csrf_token=http.Request.csrf_token(self))
        return self.url_open("/print/register", data=data, files=files)

    def test_form_is_public_and_linked_from_the_login_page(self):
        login = self.url_open("/web/login")
        self.assertIn('href="/print/register"', login.text)
        page = self.url_open("/print/register")
        self.assertEqual(page.status_code, 200)
        self.assertIn('name="csrf_token"', page.text)
        for key in ("name", "company_name", "email", "phone", "street", "city", "zip"):
            self.assertIn(f'name="{key}"', page.text)
        self.assertIn('maxlength="128"', page.text)
        self.assertIn(f'value="{self.env.ref("base.es").id}">Spain<', page.text)

    def _confirm_link(self, email):
        mails = self.env["mail.mail"].search([("email_to", "ilike", email)], order="id desc")
        mail = mails[:1]
        link = re.search(r'href="[^"]*(/print/register/confirm/[^"]+)"', mail.body_html)
        self.assertTrue(link, "the e-mail carries the confirmation link")
        return link.group(1)

    def _confirm(self, email):
        path = self._confirm_link(email)
        page = self.url_open(path)
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_print_register_confirm", page.text)
        return self.url_open(path, data={"csrf_token": http.Request.csrf_token(self)})

    def test_valid_registration_creates_the_customer_once_confirmed(self):
        before = self._counts()[1]
        response = self._post(self._valid_form())
        self.assertTrue(response.url.endswith("/print/register/thanks"))
        self.assertIn("confirm", response.text)
        self.assertEqual(self._counts()[1], before, "no partner before the confirmation")
        registration = self.Registration.search([("email", "=", "ana@ruiz-bakery.example")])
        self.assertEqual(registration.state, "unconfirmed")
        self.assertEqual(registration.client_ip, "127.0.0.1")
        # Opening the link shows a button (mail scanners open links too); pressing it confirms.
        self.url_open(self._confirm_link("ana@ruiz-bakery.example"))
        self.assertEqual(registration.state, "unconfirmed")
        confirmed = self._confirm("ana@ruiz-bakery.example")
        self.assertIn("our sales team will contact you", confirmed.text)
        contact = self.Partner.search([("email", "=", "ana@ruiz-bakery.example")])
        self.assertEqual(contact.parent_id.name, "Ruiz Bakery")
        self.assertEqual(contact.parent_id.activity_ids.user_id, self.sales_lead)
        self.assertEqual(registration.partner_id, contact)
        self.assertEqual(registration.state, "created")
        self.assertEqual(registration.requirements, "Bread bags with our logo, 5,000 a month.")

    def test_bad_input_is_answered_with_a_message_and_nothing_created(self):
        before = self._counts()
        cases = [
            ({"name": ""}, "Your name: please tell us your name."),
            ({"email": ""}, "E-mail: please give your e-mail address"),
            ({"email": "ana@ruiz-bakery"}, "E-mail: ana@ruiz-bakery is not a valid e-mail address"),
            ({"email": "Ana <ana@ruiz-bakery.example>"}, "is not a valid e-mail address"),
            ({"name": "A" * 129}, "Your name: at most 128 characters"),
            ({"requirements": "x" * 4001}, "What do you print?: at most 4000 characters"),
            ({"phone": "ring the bell"}, "Phone: give 6 to 20 digits"),
            ({"country_id": "nowhere"}, "Country: choose a country from the list."),
        ]
        for data, message in cases:
            with self.subTest(field=next(iter(data))):
                response = self._post(self._valid_form(**data))
                self.assertEqual(response.status_code, 200)
                self.assertIn(message, response.text)
                self.assertIn("is-invalid", response.text)
                self.assertNotIn("/print/register/thanks", response.url)
                # What the prospect typed is still there to correct.
                self.assertIn('value="Ruiz Bakery"', response.text)
        self.assertEqual(self._counts(), before)

    def test_a_file_instead_of_a_name_is_refused(self):
        before = self._counts()
        response = self._post(
            self._valid_form(name=None), files={"name": ("name.txt", b"Ana", "text/plain")}
        )
        self.assertIn("Your name: please tell us your name.", response.text)
        self.assertEqual(self._counts(), before)

    def test_missing_or_forged_csrf_token_is_refused_with_a_message(self):
        before = self._counts()
        for token in (None, "forged"):
            with self.subTest(token=token):
                data = self._valid_form() if token is None else self._valid_form(csrf_token=token)
                response = self._post(data, csrf=False)
                self.assertEqual(response.status_code, 400)
                self.assertIn(
                    "This form has expired or was not sent from our website", response.text
                )
                # The form comes back filled in, with a fresh token, to send again.
                self.assertIn('value="Ruiz Bakery"', response.text)
                self.assertIn('name="csrf_token"', response.text)
        self.assertEqual(self._counts(), before)

    def test_robot_filling_the_hidden_field_gets_thanks_and_nothing_is_created(self):
        before = self._counts()
        response = self._post(self._valid_form(homepage="http://spam.example"))
        self.assertTrue(response.url.endswith("/print/register/thanks"))
        self.assertEqual(self._counts(), before)

    def test_known_email_is_reviewed_and_answered_like_a_new_one(self):
        before_partners = self._counts()[1]
        known = self._post(self._valid_form(email="MEI.LIN@harbour.example"))
        new = self._post(self._valid_form(email="someone.new@example.com", phone=""))
        # Nobody can tell from the answer whether an e-mail belongs to a customer.
        self.assertEqual(known.url, new.url)
        self.assertNotIn("harbour", known.text.lower())
        known = self._confirm("MEI.LIN@harbour.example")
        new = self._confirm("someone.new@example.com")
        thanks = re.compile(r'o_print_register_thanks"[^>]*>(.*?)</div>', re.S)
        self.assertEqual(thanks.search(known.text).group(1), thanks.search(new.text).group(1))
        registration = self.Registration.search([("email", "=", "MEI.LIN@harbour.example")])
        self.assertEqual(registration.state, "review")
        self.assertEqual(registration.duplicate_ids, self.mei)
        self.assertEqual(self._counts()[1], before_partners + 2, "only the new prospect's two")

    def test_a_flood_is_stopped_with_a_message_on_the_form(self):
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("print_crm_quote.registration_ip_limit", "3")
        before = self._counts()
        mails = self.env["mail.mail"].search_count([])
        for i in range(3):
            response = self._post(self._valid_form(email=f"bot{i}@example.com", phone=""))
            self.assertTrue(response.url.endswith("/print/register/thanks"))
        response = self._post(self._valid_form(email="bot9@example.com", phone=""))
        self.assertEqual(response.status_code, 200)
        self.assertNotIn("/print/register/thanks", response.url)
        self.assertIn("3 registrations an hour", response.text)
        self.assertIn('value="Ruiz Bakery"', response.text)
        self.assertEqual(self._counts()[0], before[0] + 3)
        self.assertEqual(self._counts()[1], before[1], "no partner for any of them")
        self.assertEqual(self.env["mail.mail"].search_count([]), mails + 3)

    def test_a_forged_confirmation_link_confirms_nothing(self):
        self._post(self._valid_form())
        registration = self.Registration.search([("email", "=", "ana@ruiz-bakery.example")])
        path = f"/print/register/confirm/{registration.id}/forged-token"
        data = {"csrf_token": http.Request.csrf_token(self)}
        response = self.url_open(path, data=data)
        self.assertIn("This link is not valid", response.text)
        self.assertEqual(registration.state, "unconfirmed")
        self.assertEqual(self.url_open("/print/register/confirm/99999/x").status_code, 200)

    def test_logged_in_portal_user_finds_the_form_prefilled(self):
        self.authenticate("reg-portal", "reg-portal")
        page = self.url_open("/print/register")
        self.assertIn('value="joe@portal.example"', page.text)
        self.assertIn('value="Leeds"', page.text)
        response = self._post({"name": "Joe Portal", "email": "joe@portal.example"})
        self.assertTrue(response.url.endswith("/print/register/thanks"))
        self._confirm("joe@portal.example")
        registration = self.Registration.search([("email", "=", "joe@portal.example")])
        self.assertEqual(registration.duplicate_ids, self.portal_user.partner_id)


@tagged("post_install", "-at_install")
class TestRegistrationTrust(RegistrationData, TransactionCase):
    """Nothing is created for an unconfirmed registration; merges apply what staff ticks;
    the actions check their caller (issue 10, findings 6 and 9)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_registration_data()
        cls.portal = new_test_user(cls.env, login="reg-trust-portal", groups="base.group_portal")
        cls.internal = new_test_user(cls.env, login="reg-trust-internal", groups="base.group_user")

    def _submit(self, **values):
        clean, errors = self.Registration._validate_form(self._valid_form(**values))
        self.assertFalse(errors)
        return self.Registration.sudo()._register_prospect(clean, client_ip="203.0.113.7")

    def test_unconfirmed_registration_creates_no_partner_and_bothers_nobody(self):
        partners = self._counts()[1]
        activities = self.env["mail.activity"].search_count([])
        registration = self._submit()
        self.assertEqual(registration.state, "unconfirmed")
        self.assertFalse(registration.partner_id)
        self.assertEqual(self._counts()[1], partners)
        self.assertEqual(self.env["mail.activity"].search_count([]), activities)
        # The prospect gets one e-mail, with the link that confirms the registration.
        mail = self.env["mail.mail"].search([("email_to", "ilike", "ana@ruiz-bakery.example")])
        self.assertEqual(len(mail), 1)
        self.assertIn(registration._print_confirm_url(), mail.body_html)
        self.assertNotIn(self.sales_lead.partner_id, mail.recipient_ids)

    def test_confirmation_by_the_prospect_creates_the_customer(self):
        registration = self._submit()
        token = registration.sudo().confirm_token
        self.assertFalse(self.Registration._print_confirm(registration.id, "forged" + token))
        self.assertEqual(registration.state, "unconfirmed")
        self.assertEqual(self.Registration._print_confirm(registration.id, token), registration)
        self.assertEqual(registration.state, "created")
        self.assertEqual(registration.partner_id.parent_id.name, "Ruiz Bakery")
        self.assertEqual(registration.partner_id.parent_id.activity_ids.user_id, self.sales_lead)
        # A second click changes nothing.
        self.assertEqual(self.Registration._print_confirm(registration.id, token), registration)
        self.assertEqual(self.Partner.search_count([("name", "=", "Ruiz Bakery")]), 1)

    def test_a_confirmation_link_expires_after_a_week(self):
        registration = self._submit()
        token = registration.sudo().confirm_token
        with freeze_time(fields.Datetime.now() + timedelta(days=8)):
            self.assertFalse(self.Registration._print_confirm(registration.id, token))
        self.assertEqual(registration.state, "unconfirmed")
        self.assertFalse(registration.partner_id)

    def test_staff_may_review_an_unconfirmed_registration(self):
        registration = self._submit()
        registration.with_user(self.reviewer).action_create_partner()
        self.assertEqual(registration.state, "created")
        self.assertTrue(registration.partner_id)

    def test_rate_limit_per_address_and_per_email(self):
        params = self.env["ir.config_parameter"].sudo()
        params.set_param("print_crm_quote.registration_ip_limit", "3")
        params.set_param("print_crm_quote.registration_email_limit", "2")
        check = self.Registration.sudo()._print_rate_limit_error
        for i in range(3):
            self.assertFalse(check(f"p{i}@example.com", "203.0.113.7"))
            self._submit(email=f"p{i}@example.com", phone="")
        message = check("p9@example.com", "203.0.113.7")
        self.assertIn("3 registrations an hour", message)
        self.assertFalse(check("p9@example.com", "198.51.100.1"), "another address may")
        self._submit(email="Same@Example.com", phone="")
        self.assertFalse(check("same@example.com", "198.51.100.1"))
        # Registered from another address: the e-mail still counts.
        self.Registration.sudo()._register_prospect(
            self.Registration._validate_form(self._valid_form(email="same@example.com"))[0],
            client_ip="198.51.100.2",
        )
        message = check(" SAME@example.com", "198.51.100.3")
        self.assertIn("E-mail: same@example.com", message)
        self.assertIn("2 times a day", message)

    def test_merge_shows_each_change_and_applies_only_what_is_ticked(self):
        self.customer.write({"street": "1 Harbour Road", "city": "Shanghai"})
        registration = self._submit(email="mei.lin@harbour.example", phone="+86 139 0000 1111")
        registration.with_user(self.reviewer).action_process()
        self.assertEqual(registration.merge_partner_id, self.mei)
        action = registration.with_user(self.reviewer).action_merge()
        self.assertEqual(action["res_model"], "print.customer.registration.merge")
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.reviewer)
            .with_context(**action["context"])
            .create({})
        )
        lines = {line.field_name: line for line in wizard.line_ids}
        self.assertEqual(
            (lines["phone"].current_value, lines["phone"].new_value),
            ("138 0013 8000", "+86 139 0000 1111"),
        )
        self.assertEqual(
            (lines["street"].current_value, lines["street"].new_value),
            ("1 Harbour Road", "Calle Mayor 7"),
        )
        self.assertEqual(lines["street"].partner_id, self.customer, "the company's address")
        self.assertNotIn("email", lines, "the same e-mail is no change")
        # Nothing that would replace a value is ticked until staff ticks it.
        self.assertFalse(lines["phone"].apply or lines["street"].apply or lines["city"].apply)
        lines["phone"].apply = True
        wizard.action_apply()
        self.assertEqual(registration.state, "merged")
        self.assertEqual(registration.partner_id, self.mei)
        self.assertEqual(self.mei.phone, "+86 139 0000 1111")
        self.assertEqual((self.customer.street, self.customer.city), ("1 Harbour Road", "Shanghai"))
        self.assertEqual(self.mei.email, "Mei.Lin@Harbour.example")

    def test_actions_check_the_caller(self):
        registration = self._submit(email="mei.lin@harbour.example")
        for user in (self.portal, self.internal):
            for action in (
                "action_process",
                "action_merge",
                "action_create_partner",
                "action_reject",
            ):
                with self.subTest(user=user.login, action=action), self.assertRaises(AccessError):
                    getattr(registration.with_user(user), action)()
        self.assertEqual(registration.state, "unconfirmed")
        wizard = self.env["print.customer.registration.merge"].create(
            {"registration_id": registration.id, "partner_id": self.mei.id}
        )
        for user in (self.portal, self.internal):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                wizard.with_user(user).action_apply()
        self.assertEqual(registration.state, "unconfirmed")
        self.assertEqual(self.mei.city, False)

    def test_state_and_customer_are_written_by_the_actions_only(self):
        registration = self._submit()
        for values in ({"state": "created"}, {"partner_id": self.customer.id}):
            with self.subTest(values=values), self.assertRaises(UserError):
                registration.with_user(self.reviewer).write(values)
        self.assertEqual(registration.state, "unconfirmed")
