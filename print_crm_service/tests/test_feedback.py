# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.print_crm_service.models.print_job import (
    DELIVERY_TOKEN_SCOPE,
    FEEDBACK_TOKEN_SCOPE,
)

from .test_delivery import PrintServicePortalCommon


@tagged("post_install", "-at_install")
class TestPrintFeedback(PrintServicePortalCommon):
    """Once delivered, the customer rates the job; a low rating opens a feedback ticket
    for the department of the stage it is about."""

    def _rate(self, job, **values):
        data = {"rating": "5", "comment": ""}
        data.update(values)
        return self._post(f"/my/print_jobs/{job.id}/feedback", data)

    def _link(self, job):
        job = job.sudo()
        job._portal_ensure_token()
        return {
            "access_token": job.access_token,
            "feedback_token": job._print_service_token(FEEDBACK_TOKEN_SCOPE),
        }

    # ------------------------------------------------------------------ the e-mail

    def test_delivered_job_mails_once_with_signed_rating_links(self):
        self._move_to_role(self.job, "ready")
        before = self.job.message_ids
        self._move_to_role(self.job, "delivered")
        mails = (self.job.message_ids - before).filtered(
            lambda m: self.customer_contact in m.partner_ids
        )
        self.assertEqual(len(mails), 1, "one e-mail for the delivered job, not the notice too")
        token = self.job._print_service_token(FEEDBACK_TOKEN_SCOPE)
        for mark in "12345":
            self.assertIn(f"feedback_token={token}&amp;rating={mark}#feedback", mails.body)

    # ------------------------------------------------------------------ rating

    def test_rating_with_the_e_mail_link_once(self):
        self._move_to_role(self.job, "delivered")
        self.authenticate(None, None)
        link = self._link(self.job)
        page = self._page(self.job, rating=4, **link)
        checked = self._tree(page).xpath("//input[@name='rating'][@checked]/@value")
        self.assertEqual(checked, ["4"], "the mark clicked in the e-mail is preselected")
        response = self._rate(self.job, rating="4", comment="Nice work", **link)
        self.assertEqual(response.status_code, 303)
        job = self.job.sudo()
        self.assertEqual(job.print_feedback_rating, "4")
        self.assertEqual(job.print_feedback_comment, "Nice work")
        self.assertEqual(job.print_feedback_by_id, self.customer_contact)
        self.assertTrue(job.print_feedback_date)
        self.assertFalse(job.print_feedback_ticket_id, "a good rating opens no ticket")
        # A second visit shows the answer given, and a second answer is refused.
        page = self._page(self.job, **link)
        tree = self._tree(page)
        self.assertFalse(tree.xpath("//form[contains(@class, 'o_print_feedback_form')]"))
        self.assertIn(
            "4 - Satisfied", tree.xpath("string(//div[contains(@class, 'o_print_feedback_given')])")
        )
        response = self._rate(self.job, rating="1", **link)
        self.assertIn("you already rated this job", response.text)
        self.assertEqual(job.print_feedback_rating, "4")

    def test_low_rating_opens_a_ticket_for_the_stages_department(self):
        self._move_to_role(self.job, "delivered")
        self.authenticate("service-mei", "service-mei")
        response = self._rate(
            self.job, rating="2", comment="Colours were off", stage_id=self.stage["printing"].id
        )
        self.assertEqual(response.status_code, 303)
        ticket = self.job.sudo().print_feedback_ticket_id
        self.assertTrue(ticket)
        self.assertEqual(ticket.team_id, self.press_team)
        self.assertEqual(ticket.type_id, self.env.ref("print_crm_service.ticket_type_feedback"))
        self.assertEqual(ticket.print_kind, "feedback")
        self.assertEqual(ticket.print_job_id, self.job)
        self.assertEqual(ticket.print_sale_order_id, self.job.sale_order_id)
        self.assertEqual(ticket.partner_id, self.customer_contact)
        self.assertEqual(
            ticket.channel_id, self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web")
        )
        self.assertIn("Colours were off", ticket.description)

    def test_low_rating_without_a_stage_goes_to_the_service_team(self):
        self._move_to_role(self.job, "delivered")
        self.job._print_give_feedback(self.customer_contact, "1", comment="Late")
        self.assertEqual(self.job.sudo().print_feedback_ticket_id.team_id, self.desk_team)

    def test_low_rating_threshold_is_a_setting(self):
        self.company.print_feedback_low_rating = 0
        self._move_to_role(self.job, "delivered")
        self.job._print_give_feedback(self.customer_contact, "1")
        self.assertFalse(self.job.sudo().print_feedback_ticket_id)
        with self.assertRaises(ValidationError):
            self.company.print_feedback_low_rating = 6
        settings = self.env["res.config.settings"].create({"print_feedback_low_rating": 3})
        settings.execute()
        self.assertEqual(self.company.print_feedback_low_rating, 3)

    # ------------------------------------------------------------------ refusals

    def test_no_rating_before_delivery(self):
        self._move_to_role(self.job, "ready")
        self.authenticate("service-mei", "service-mei")
        self.assertFalse(self._tree(self._page(self.job)).xpath("//section[@id='feedback']"))
        response = self._rate(self.job)
        self.assertIn("once it is delivered", response.text)
        self.assertFalse(self.job.sudo().print_feedback_date)

    def test_wrong_token_and_other_customer_are_refused(self):
        self._move_to_role(self.job, "delivered")
        self.authenticate(None, None)
        link = self._link(self.job)
        for token in ("forged", self.job._print_service_token(DELIVERY_TOKEN_SCOPE)):
            response = self._rate(self.job, **dict(link, feedback_token=token))
            self.assertIn("open the link of the e-mail", response.text)
        self.authenticate("service-noor", "service-noor")
        response = self._rate(self.job, **link)
        self.assertIn("open the link of the e-mail", response.text)
        response = self._rate(self.job)
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("/my"))
        self.assertFalse(self.job.sudo().print_feedback_date)

    def test_feedback_fields_are_not_written_directly(self):
        self._move_to_role(self.job, "delivered")
        for user in (self.desk_user, self.service_manager, self.production_user):
            with self.assertRaisesRegex(UserError, "Rating"):
                self.job.with_user(user).write({"print_feedback_rating": "5"})
            with self.assertRaisesRegex(UserError, "Feedback Ticket"):
                self.job.with_user(user).write({"print_feedback_ticket_id": False})
        with self.assertRaises(UserError):
            self.job.with_user(self.portal_user).write({"print_feedback_rating": "5"})
        self.assertFalse(self.job.sudo().print_feedback_rating)

    def test_stage_department_is_set_by_production_managers(self):
        stage = self.stage["finishing"]
        with self.assertRaises(AccessError):
            stage.with_user(self.desk_user).print_service_team_id = self.press_team
        stage.with_user(self.production_manager).print_service_team_id = self.press_team
        self.assertEqual(stage.print_service_team_id, self.press_team)

    def test_no_e_mail_for_a_customer_who_opted_out(self):
        self.customer.print_job_notify = False
        before = self.job.message_ids
        self._move_to_role(self.job, "delivered")
        self.assertFalse(
            (self.job.message_ids - before).filtered(
                lambda m: self.customer_contact in m.partner_ids
            )
        )
        # The portal still asks.
        self.authenticate("service-mei", "service-mei")
        self.assertTrue(
            self._tree(self._page(self.job)).xpath(
                "//form[contains(@class, 'o_print_feedback_form')]"
            )
        )
