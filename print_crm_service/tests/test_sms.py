# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.print_crm_service.models.print_job import DELIVERY_TOKEN_SCOPE
from odoo.addons.sms.tests.common import MockSMS

from .test_delivery import PrintServicePortalCommon


@tagged("post_install", "-at_install")
class TestPrintReadySms(MockSMS, PrintServicePortalCommon):
    """Settings ▸ Printing ▸ Ready Notice by SMS: the ready job's customer also gets a
    text message with the link to choose pick-up or delivery (queued, never sent from a
    test: the SMS gateway is mocked)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer_contact.write({"mobile": "+852 5555 0101", "phone": False})

    def _make_ready(self, job):
        """Move ``job`` to its ready stage as the shop floor does; the SMS it produced."""
        with self.mockSMSGateway():
            self._move_to_role(job, "ready")
        return self._new_sms.filtered(lambda sms: sms.mail_message_id.res_id == job.id)

    def _sms_messages(self, job):
        return job.message_ids.filtered(lambda m: m.message_type == "sms")

    def test_setting_off_sends_no_sms(self):
        self.assertFalse(self.company.print_ready_sms, "off unless the shop turns it on")
        self.assertFalse(self._make_ready(self.job))
        self.assertFalse(self._sms_messages(self.job))
        self.assertFalse(self.env["sms.sms"].sudo().search([("number", "like", "55550101")]))

    def test_setting_on_texts_the_customer_the_delivery_link(self):
        self.company.print_ready_sms = True
        sms = self._make_ready(self.job)
        self.assertEqual(len(sms), 1, "one SMS for the ready job")
        self.assertEqual(sms.partner_id, self.customer_contact)
        self.assertEqual(sms.number.replace(" ", "")[-8:], "55550101")
        self.assertEqual(sms.state, "outgoing", "queued for the SMS cron, not sent inline")
        token = self.job._print_service_token(DELIVERY_TOKEN_SCOPE)
        self.assertIn(f"delivery_token={token}", sms.body)
        self.assertIn(self.job.name, sms.body)
        # The chatter shows the text message, as sent to the customer.
        message = self._sms_messages(self.job)
        self.assertEqual(len(message), 1)
        self.assertEqual(message, sms.mail_message_id)
        self.assertIn(f"delivery_token={token}", message.body)
        # The e-mail is sent as before.
        mails = self.job.message_ids.filtered(
            lambda m: m.message_type == "comment" and self.customer_contact in m.partner_ids
        )
        self.assertTrue(mails.filtered(lambda m: "Choose pick-up or delivery" in m.body))

    def test_a_customer_without_production_e_mails_still_gets_the_sms(self):
        self.company.print_ready_sms = True
        self.customer.print_job_notify = False
        sms = self._make_ready(self.job)
        self.assertEqual(len(sms), 1)
        mails = self.job.message_ids.filtered(
            lambda m: m.message_type == "comment" and self.customer_contact in m.partner_ids
        )
        self.assertFalse(mails, "no e-mail: the customer turned the production e-mails off")

    def test_the_phone_when_there_is_no_mobile(self):
        self.company.print_ready_sms = True
        self.customer_contact.write({"mobile": False, "phone": "+852 2222 0303"})
        sms = self._make_ready(self.job)
        self.assertEqual(len(sms), 1)
        self.assertEqual(sms.number.replace(" ", "")[-8:], "22220303")

    def test_no_number_no_sms_and_a_note(self):
        self.company.print_ready_sms = True
        self.customer_contact.write({"mobile": False, "phone": False})
        self.customer.write({"mobile": False, "phone": False})
        self.assertFalse(self._make_ready(self.job))
        self.assertEqual(self.job.stage_id.role, "ready", "the job moved all the same")
        self.assertFalse(self._sms_messages(self.job))
        notes = self.job.message_ids.filtered(lambda m: "not sent by SMS" in (m.body or ""))
        self.assertEqual(len(notes), 1, "a note says why no SMS went out")
        self.assertIn(self.customer_contact.name, notes.body)

    def test_a_stage_the_customer_does_not_see_sends_no_sms(self):
        self.company.print_ready_sms = True
        self.stage["ready"].visible_to_customer = False
        self.assertFalse(self._make_ready(self.job))

    def test_only_settings_administrators_turn_it_on(self):
        admin = self.env.ref("base.user_admin")
        for user in (self.service_manager, self.desk_user, self.production_manager):
            with self.assertRaises(AccessError):
                self.env["res.config.settings"].with_user(user).create({"print_ready_sms": True})
            with self.assertRaises(AccessError):
                self.company.with_user(user).write({"print_ready_sms": True})
        self.assertFalse(self.company.print_ready_sms)
        settings = self.env["res.config.settings"].with_user(admin).create({})
        self.assertFalse(settings.print_ready_sms)
        settings.print_ready_sms = True
        settings.execute()
        self.assertTrue(self.company.print_ready_sms)
