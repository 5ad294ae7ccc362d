# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import html

from odoo import http
from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.print_crm_service.models.print_job import (
    DELIVERY_TOKEN_SCOPE,
    FEEDBACK_TOKEN_SCOPE,
)
from odoo.addons.print_crm_tracking.tests.common import PrintCrmJobCommon


class PrintServicePortalCommon(PrintCrmJobCommon, HttpCase):
    """A customer (Harbour Books: Mei and her colleague Ann on the portal), another customer
    (Northwind: Noor), a job of Harbour Books, and service teams."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.company.partner_id.email = "shop@print.example"
        cls.customer.email = "office@harbour.example"
        cls.portal_user = new_test_user(
            cls.env,
            login="service-mei",
            groups="base.group_portal",
            partner_id=cls.customer_contact.id,
        )
        cls.colleague = Partner.create(
            {"name": "Ann Harbour", "parent_id": cls.customer.id, "email": "ann@harbour.example"}
        )
        cls.colleague_user = new_test_user(
            cls.env, login="service-ann", groups="base.group_portal", partner_id=cls.colleague.id
        )
        cls.other_contact = Partner.create(
            {
                "name": "Noor Haddad",
                "parent_id": cls.customer2.id,
                "email": "noor@northwind.example",
            }
        )
        cls.other_user = new_test_user(
            cls.env,
            login="service-noor",
            groups="base.group_portal",
            partner_id=cls.other_contact.id,
        )
        cls.warehouse = Partner.create(
            {
                "name": "Harbour Books warehouse",
                "type": "delivery",
                "parent_id": cls.customer.id,
                "street": "12 Quay Road",
                "city": "Harbourtown",
            }
        )
        cls.other_address = Partner.create(
            {
                "name": "Northwind depot",
                "type": "delivery",
                "parent_id": cls.customer2.id,
                "street": "1 North Road",
                "city": "Northtown",
            }
        )
        cls.desk_user = new_test_user(
            cls.env, login="service-desk", groups="print_crm_service.group_service_user"
        )
        cls.service_manager = new_test_user(
            cls.env, login="service-manager", groups="print_crm_service.group_service_manager"
        )
        Team = cls.env["helpdesk.ticket.team"]
        cls.desk_team = Team.create({"name": "Service desk (test)"})
        cls.press_team = Team.create({"name": "Pressroom (test)"})
        cls.company.print_service_team_id = cls.desk_team
        cls.stage["printing"].print_service_team_id = cls.press_team
        cls.job = cls._order(title="Harbour catalogue").print_job_ids
        cls.job.partner_id = cls.customer_contact

    @classmethod
    def _move_to_role(cls, job, role):
        while job.stage_id.role != role:
            job.with_user(cls.production_user).action_next_stage()

    def _page(self, job, **params):
        query = "&".join(f"{key}={value}" for key, value in params.items())
        response = self.url_open(
            f"/my/print_jobs/{job.id}" + (f"?{query}" if query else ""), allow_redirects=False
        )
        return response

    def _post(self, url, data, files=None):
        data = dict(data, csrf_token=http.Request.csrf_token(self))
        return self.url_open(url, data=data, files=files, allow_redirects=False)

    def _tree(self, response):
        return html.fromstring(response.text)

    def _service_token(self, job, scope):
        return job._print_service_token(scope)


@tagged("post_install", "-at_install")
class TestPrintDelivery(PrintServicePortalCommon):
    """The customer chooses pick-up or delivery, address and payment on the job's page."""

    def _choose(self, job, **values):
        data = {"method": "delivery", "payment": "on_account", "address_id": self.warehouse.id}
        data.update(values)
        return self._post(f"/my/print_jobs/{job.id}/delivery", data)

    # ------------------------------------------------------------------ the e-mail

    def test_ready_job_mails_once_with_the_choice_link(self):
        self._move_to_role(self.job, "production")
        while self.job._next_stage().role != "ready":
            self.job.with_user(self.production_user).action_next_stage()
        before = self.job.message_ids
        self.job.with_user(self.production_user).action_next_stage()
        mails = (self.job.message_ids - before).filtered(
            lambda m: self.customer_contact in m.partner_ids
        )
        self.assertEqual(len(mails), 1, "one e-mail for the ready job, not the notice as well")
        token = self.job._print_service_token(DELIVERY_TOKEN_SCOPE)
        self.assertIn(f"delivery_token={token}", mails.body)
        self.assertIn("Choose pick-up or delivery", mails.body)

    # ------------------------------------------------------------------ logged in

    def test_customer_chooses_delivery_when_logged_in(self):
        self._move_to_role(self.job, "ready")
        self.authenticate("service-mei", "service-mei")
        page = self._page(self.job)
        self.assertEqual(page.status_code, 200)
        addresses = self._tree(page).xpath("//select[@name='address_id']/option/@value")
        self.assertIn(str(self.warehouse.id), addresses)
        self.assertNotIn(str(self.other_address.id), addresses)
        response = self._choose(self.job, note="Goods entrance at the back")
        self.assertEqual(response.status_code, 303)
        job = self.job.sudo()
        self.assertEqual(job.print_delivery_method, "delivery")
        self.assertEqual(job.print_delivery_address_id, self.warehouse)
        self.assertEqual(job.print_delivery_payment, "on_account")
        self.assertEqual(job.print_delivery_note, "Goods entrance at the back")
        self.assertEqual(job.print_delivery_chosen_by_id, self.customer_contact)
        self.assertTrue(job.print_delivery_chosen_date)
        page = self._page(self.job)
        self.assertIn(
            "Harbour Books warehouse",
            self._tree(page).xpath("string(//div[contains(@class, 'o_print_delivery_current')])"),
        )

    def test_colleague_chooses_pickup_and_a_new_address_is_the_customers(self):
        self._move_to_role(self.job, "ready")
        self.authenticate("service-ann", "service-ann")
        response = self._choose(
            self.job, address_id="new", new_street="3 Dock Lane", new_city="Harbourtown"
        )
        self.assertEqual(response.status_code, 303)
        address = self.job.sudo().print_delivery_address_id
        self.assertEqual(address.street, "3 Dock Lane")
        self.assertEqual(address.commercial_partner_id, self.customer)
        self.assertEqual(self.job.sudo().print_delivery_chosen_by_id, self.colleague)
        self._choose(self.job, method="pickup", payment="on_pickup")
        self.assertEqual(self.job.sudo().print_delivery_method, "pickup")
        self.assertFalse(self.job.sudo().print_delivery_address_id)

    def test_another_customers_address_is_refused(self):
        self._move_to_role(self.job, "ready")
        self.authenticate("service-mei", "service-mei")
        response = self._choose(self.job, address_id=self.other_address.id)
        self.assertEqual(response.status_code, 200)
        self.assertIn(
            "Delivery Address",
            self._tree(response).xpath("string(//div[contains(@class, 'o_print_delivery_error')])"),
        )
        self.assertFalse(self.job.sudo().print_delivery_method)

    # ------------------------------------------------------------------ with the link

    def test_choice_with_the_e_mail_link(self):
        self._move_to_role(self.job, "ready")
        self.authenticate(None, None)
        job = self.job.sudo()
        job._portal_ensure_token()
        token = self._service_token(job, DELIVERY_TOKEN_SCOPE)
        page = self._page(job, access_token=job.access_token, delivery_token=token)
        self.assertTrue(self._tree(page).xpath("//form[contains(@class, 'o_print_delivery_form')]"))
        response = self._choose(
            job, access_token=job.access_token, delivery_token=token, method="pickup"
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(job.print_delivery_method, "pickup")
        self.assertEqual(job.print_delivery_chosen_by_id, self.customer_contact)

    def test_read_link_or_wrong_token_cannot_choose(self):
        self._move_to_role(self.job, "ready")
        self.authenticate(None, None)
        job = self.job.sudo()
        job._portal_ensure_token()
        page = self._page(job, access_token=job.access_token)
        self.assertFalse(
            self._tree(page).xpath("//form[contains(@class, 'o_print_delivery_form')]")
        )
        for token in (None, "forged", self._service_token(job, FEEDBACK_TOKEN_SCOPE)):
            data = {"access_token": job.access_token}
            if token:
                data["delivery_token"] = token
            response = self._choose(job, **data)
            self.assertIn("open the link of the e-mail", response.text)
        self.assertFalse(job.print_delivery_method)

    def test_another_customer_is_refused_even_with_the_link(self):
        self._move_to_role(self.job, "ready")
        job = self.job.sudo()
        job._portal_ensure_token()
        self.authenticate("service-noor", "service-noor")
        response = self._choose(job)
        self.assertEqual(response.headers.get("Location", "").split("?")[0][-3:], "/my")
        response = self._choose(
            job,
            access_token=job.access_token,
            delivery_token=self._service_token(job, DELIVERY_TOKEN_SCOPE),
        )
        self.assertIn("open the link of the e-mail", response.text)
        self.assertFalse(job.print_delivery_method)

    # ------------------------------------------------------------------ when

    def test_choice_only_while_ready(self):
        self.authenticate("service-mei", "service-mei")
        page = self._page(self.job)
        self.assertFalse(self._tree(page).xpath("//section[@id='delivery']"))
        response = self._choose(self.job)
        self.assertIn("is not waiting for your delivery choice", response.text)
        self._move_to_role(self.job, "delivered")
        response = self._choose(self.job)
        self.assertIn("is not waiting for your delivery choice", response.text)
        self.assertFalse(self.job.sudo().print_delivery_method)

    # ------------------------------------------------------------------ trust

    def test_decision_fields_are_not_written_directly(self):
        self._move_to_role(self.job, "ready")
        for user in (self.desk_user, self.service_manager, self.production_user):
            with self.assertRaisesRegex(UserError, "Pick-up or Delivery"):
                self.job.with_user(user).write({"print_delivery_method": "pickup"})
            with self.assertRaisesRegex(UserError, "Delivery Chosen By"):
                self.job.with_user(user).write({"print_delivery_chosen_by_id": user.partner_id.id})
        with self.assertRaisesRegex(UserError, "Pick-up or Delivery"):
            self.job.write({"print_delivery_method": "pickup"})
        with self.assertRaises(UserError):
            self.job.with_user(self.portal_user).write({"print_delivery_method": "pickup"})
        self.assertFalse(self.job.sudo().print_delivery_method)

    def test_back_office_sees_the_choice(self):
        self._move_to_role(self.job, "ready")
        self.job._print_choose_delivery(self.customer_contact, "pickup", "prepaid")
        groups = (
            self.env["print.job"]
            .with_user(self.production_user)
            .read_group(
                [("id", "=", self.job.id)], ["print_delivery_method"], ["print_delivery_method"]
            )
        )
        self.assertEqual(groups[0]["print_delivery_method"], "pickup")
        self.assertEqual(self.job.with_user(self.production_user).print_delivery_payment, "prepaid")

    def test_shop_records_a_choice_made_by_phone(self):
        Wizard = self.env["print.job.delivery.wizard"]
        with self.assertRaises(UserError):
            Wizard.with_user(self.production_user).create(
                {"job_id": self.job.id, "partner_id": self.customer_contact.id, "method": "pickup"}
            ).action_record()
        self._move_to_role(self.job, "ready")
        wizard = (
            Wizard.with_user(self.production_user)
            .with_context(default_job_id=self.job.id)
            .create({"method": "delivery", "address_id": self.warehouse.id, "note": "Call first"})
        )
        self.assertEqual(wizard.partner_id, self.customer_contact)
        wizard.action_record()
        job = self.job.sudo()
        self.assertEqual(job.print_delivery_method, "delivery")
        self.assertEqual(job.print_delivery_address_id, self.warehouse)
        self.assertEqual(job.print_delivery_chosen_by_id, self.customer_contact)
        # Another customer's contact or address is refused; so is a user outside the shop.
        with self.assertRaisesRegex(UserError, "only the contacts of"):
            Wizard.with_user(self.production_user).create(
                {"job_id": self.job.id, "partner_id": self.other_contact.id, "method": "pickup"}
            ).action_record()
        with self.assertRaisesRegex(UserError, "Delivery Address"):
            Wizard.with_user(self.production_user).create(
                {
                    "job_id": self.job.id,
                    "partner_id": self.customer_contact.id,
                    "method": "delivery",
                    "address_id": self.other_address.id,
                }
            ).action_record()
        wizard = Wizard.create(
            {"job_id": self.job.id, "partner_id": self.customer_contact.id, "method": "pickup"}
        )
        with self.assertRaises(UserError):
            wizard.with_user(self.internal_user).action_record()
