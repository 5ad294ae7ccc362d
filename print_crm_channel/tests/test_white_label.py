# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged

from .test_deal_registration import DealCommon

SHOP = "Kestrel Lithographic Works"


class WhiteLabelCommon(DealCommon):
    """The holder distributor ships blind to the cafe; the sibling does not ask for it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"name": SHOP, "email": "studio@kestrel.example"})
        cls.holder.with_user(cls.channel_manager).print_white_label = True
        cls.blind_order = cls._order(
            partner_id=cls.holder.id,
            print_end_customer_id=cls.cafe_contact.id,
            title="Menu cards",
        )
        cls.blind_job = cls.blind_order.print_job_ids
        cls.plain_order = cls._order(
            partner_id=cls.sibling.id, print_end_customer_id=cls.cafe.id, title="Gift vouchers"
        )
        cls.plain_job = cls.plain_order.print_job_ids

    def _delivery_note(self, job):
        html, __ = self.env["ir.actions.report"]._render_qweb_html(
            "print_crm_channel.report_print_job_delivery", job.ids
        )
        return html.decode()


@tagged("post_install", "-at_install")
class TestWhiteLabel(WhiteLabelCommon):
    def test_blind_shipping_follows_the_distributor(self):
        self.assertTrue(self.blind_order.print_blind_shipping)
        self.assertFalse(self.plain_order.print_blind_shipping)
        self.assertEqual(self.blind_order.print_end_customer_id, self.cafe_contact)

    def test_delivery_note_of_a_blind_shipment_names_the_distributor_not_the_shop(self):
        note = self._delivery_note(self.blind_job)
        self.assertNotIn(SHOP, note)
        self.assertNotIn("kestrel", note.lower())
        self.assertIn("Harbour City Prints", note)
        self.assertIn("Blue Cafe", note)
        self.assertNotIn(self.blind_order.name, note)
        # Without blind shipping the shop's letterhead is on it.
        note = self._delivery_note(self.plain_job)
        self.assertIn(SHOP, note)
        self.assertNotIn("Harbour City Prints", note)

    def test_job_update_to_the_end_customer_carries_the_distributors_name(self):
        mails = self.env["mail.mail"].search([])
        while not self.blind_job.stage_id.visible_to_customer or not (
            self.env["mail.mail"].search([]) - mails
        ).filtered(lambda m: self.cafe_contact in m.recipient_ids):
            self.blind_job.with_user(self.production_user).action_next_stage()
        sent = (self.env["mail.mail"].search([]) - mails).filtered(
            lambda m: self.cafe_contact in m.recipient_ids
        )
        self.assertEqual(len(sent), 1)
        body = sent.body_html
        self.assertNotIn(SHOP, body)
        self.assertNotIn("kestrel", body.lower())
        self.assertNotIn(SHOP, sent.subject)
        self.assertIn("Harbour City Prints", body)
        self.assertIn("Lena Blue", body)
        self.assertIn("hello@harbourcity.example", sent.email_from)
        self.assertNotIn("kestrel", sent.email_from.lower())
        # The distributor, the shop's customer, keeps the shop's own update.
        to_holder = (self.env["mail.mail"].search([]) - mails).filtered(
            lambda m: self.holder in m.recipient_ids
        )
        self.assertIn(SHOP, to_holder.body_html)

    def test_plain_order_sends_nothing_under_a_distributors_name(self):
        mails = self.env["mail.mail"].search([])
        for __ in range(3):
            self.plain_job.with_user(self.production_user).action_next_stage()
        new = self.env["mail.mail"].search([]) - mails
        self.assertFalse(new.filtered(lambda m: self.cafe in m.recipient_ids.commercial_partner_id))

    def test_an_order_shipped_openly_carries_the_shops_name_again(self):
        order = self.blind_order
        order.print_blind_shipping = False
        note = self._delivery_note(self.blind_job)
        self.assertIn(SHOP, note)
        self.assertFalse(self.blind_job._print_white_label_partner())


@tagged("post_install", "-at_install")
class TestWhiteLabelPortal(WhiteLabelCommon, HttpCase):
    def test_end_customer_page_shows_the_distributor_not_the_shop(self):
        job = self.blind_job
        job._portal_ensure_token()
        self.authenticate(None, None)
        page = self.url_open(f"/my/print_jobs/{job.id}?access_token={job.access_token}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Menu cards", page.text)
        self.assertIn("o_print_white_label", page.text)
        self.assertIn("Harbour City Prints", page.text)
        self.assertNotIn(SHOP, page.text)
        self.assertNotIn(self.blind_order.name, page.text)
        # The same page of a plain job carries the shop's name.
        self.plain_job._portal_ensure_token()
        page = self.url_open(
            f"/my/print_jobs/{self.plain_job.id}?access_token={self.plain_job.access_token}"
        )
        self.assertIn(SHOP, page.text)

    def test_the_distributor_itself_sees_the_shop(self):
        new_test_user(
            self.env,
            login="white-label-harbour",
            groups="base.group_portal",
            partner_id=self.env["res.partner"]
            .create({"name": "Ada Harbour", "parent_id": self.holder.id})
            .id,
        )
        self.authenticate("white-label-harbour", "white-label-harbour")
        page = self.url_open(f"/my/print_jobs/{self.blind_job.id}")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("o_print_white_label", page.text)
