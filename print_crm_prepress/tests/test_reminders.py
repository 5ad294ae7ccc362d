# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from .common import PDF, PrintCrmProofCommon

MONDAY = datetime(2030, 1, 7, 8, 0)  # the round is due on Wednesday 9 January
WEDNESDAY = MONDAY + timedelta(days=2)
THURSDAY = MONDAY + timedelta(days=3)


@tagged("post_install", "-at_install")
class TestPrintProofReminders(PrintCrmProofCommon):
    """The hourly proof reminders: the customer past the due date, prepress when requested
    changes wait; and the measures of the rounds."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.print_job_notify = False  # only the proof e-mails
        cls.company.write({"print_proof_answer_days": 2})
        cls.company.partner_id.write({"tz": "UTC", "email": "studio@print.example"})
        cls.job.user_id = cls.production_user
        cls.production_user.email = "floor@print.example"

    @classmethod
    def _job(cls, company=None, user=None):
        return cls.env["print.job"].create(
            {
                "title": "Museum poster",
                "partner_id": cls.customer_contact.id,
                "due_date": MONDAY + timedelta(days=30),
                "company_id": (company or cls.company).id,
                "user_id": (user or cls.production_user).id,
            }
        )

    def _send(self, at, job=None, proof=None):
        with freeze_time(at):
            if proof:
                self.env["print.proof.file"].with_user(self.prepress)._add(proof, "v.pdf", PDF)
                proof.with_user(self.prepress).action_send()
                return proof
            return self._proof(job=job)

    def _answer(self, proof, at, decision, comment="Logo too small on page 1"):
        with freeze_time(at):
            if decision == "approve":
                return self._approve(proof)
            return proof.with_user(self.customer_user)._answer(
                decision, self.customer_contact, comment=comment
            )

    def _run(self, at):
        """The hourly scheduled action, run at ``at`` as its own user."""
        with freeze_time(at):
            self.env.ref("print_crm_prepress.ir_cron_print_proof_reminders").method_direct_trigger()

    def _reminders(self, proof):
        return self.env["mail.message"].search(
            [
                ("model", "=", "print.proof"),
                ("res_id", "=", proof.id),
                ("message_type", "=", "comment"),
                ("subject", "=like", "Reminder, proof to approve:%"),
            ]
        )

    def _prepress_reminders(self, job):
        """The reminders to prepress on ``job`` (not the activity of the answer itself)."""
        return job.activity_ids.filtered(
            lambda a: "wait for a new round" in a.summary or "no new round sent" in a.summary
        )

    # ------------------------------------------------------------------ the customer

    def test_overdue_proof_emails_the_approvers_once(self):
        proof = self._send(MONDAY)
        self.assertEqual(proof.due_date, date(2030, 1, 9))
        self._run(WEDNESDAY.replace(hour=23, minute=30))
        self.assertFalse(self._reminders(proof), "due today: not overdue yet")
        self._run(THURSDAY.replace(hour=0, minute=30))
        reminder = self._reminders(proof)
        self.assertEqual(len(reminder), 1)
        self.assertEqual(reminder.partner_ids, self.customer_contact)
        self.assertEqual(reminder.author_id, self.production_user.partner_id)
        self.assertIn("floor@print.example", reminder.email_from)
        self.assertIn(proof.get_portal_url(), reminder.body)
        self.assertIn("still waiting for your answer", reminder.body)
        mail = self.env["mail.mail"].search(
            [
                ("mail_message_id", "=", reminder.id),
                ("recipient_ids", "in", self.customer_contact.ids),
            ]
        )
        self.assertEqual(mail.state, "outgoing", "the customer's e-mail is queued")
        self.assertTrue(proof.reminder_sent)
        self._run(THURSDAY + timedelta(hours=2))
        self._run(THURSDAY + timedelta(days=3))
        self.assertEqual(len(self._reminders(proof)), 1, "reminded once")

    def test_answered_and_cancelled_rounds_get_no_reminder(self):
        approved = self._send(MONDAY)
        self._answer(approved, MONDAY + timedelta(hours=3), "approve")
        cancelled = self._send(MONDAY, job=self._job())
        cancelled.action_cancel()
        changes = self._send(MONDAY, job=self._job())
        self._answer(changes, MONDAY + timedelta(hours=3), "changes")
        self._run(THURSDAY + timedelta(hours=1))
        for proof in approved | cancelled | changes:
            self.assertFalse(self._reminders(proof), proof.state)

    def test_only_the_approvers_still_waiting_are_reminded(self):
        buyer = self.env["res.partner"].create(
            {"name": "Jun Park", "parent_id": self.customer.id, "email": "jun@harbour.example"}
        )
        with freeze_time(MONDAY):
            proof = self._proof(send=False)
            proof.approver_ids = self.customer_contact | buyer
            proof.action_send()
        self._answer(proof, MONDAY + timedelta(hours=2), "approve")  # Mei Lin approves
        self._run(THURSDAY + timedelta(hours=1))
        self.assertEqual(self._reminders(proof).partner_ids, buyer)

    def test_a_new_due_date_is_reminded_again(self):
        proof = self._send(MONDAY)
        self._run(THURSDAY + timedelta(hours=1))
        self.assertEqual(len(self._reminders(proof)), 1)
        proof.with_user(self.prepress).due_date = date(2030, 1, 14)
        self.assertFalse(proof.reminder_sent)
        self._run(datetime(2030, 1, 14, 12, 0))
        self.assertEqual(len(self._reminders(proof)), 1, "due today")
        self._run(datetime(2030, 1, 15, 1, 0))
        self.assertEqual(len(self._reminders(proof)), 2)

    def test_without_a_sender_address_the_round_says_so_once(self):
        self.production_user.email = False
        self.company.partner_id.email = False
        proof = self._send(MONDAY)
        self._run(THURSDAY + timedelta(hours=1))
        self._run(THURSDAY + timedelta(hours=2))
        self.assertFalse(self._reminders(proof), "not from OdooBot, the cron's user")
        notes = proof.message_ids.filtered(lambda m: "No sender address" in str(m.body))
        self.assertEqual(len(notes), 1)

    # ------------------------------------------------------------------ prepress

    def test_changes_waiting_tell_prepress_once(self):
        proof = self._send(MONDAY)
        self._run(THURSDAY + timedelta(hours=1))  # overdue: the customer is reminded
        answered = THURSDAY + timedelta(hours=2)
        self._answer(proof, answered, "changes", comment="Use the new logo")
        self.assertFalse(proof.reminder_sent, "the answer re-arms the flag for prepress")
        self.assertEqual(len(self.job.activity_ids), 1, "prepress told of the changes")
        self._run(answered + timedelta(hours=23, minutes=30))
        self.assertEqual(len(self.job.activity_ids), 1, "waiting 23.5 of 24 hours")
        self._run(answered + timedelta(hours=24, minutes=30))
        reminder = self._prepress_reminders(self.job)
        self.assertEqual(len(reminder), 1)
        self.assertEqual(len(self.job.activity_ids), 2)
        self.assertEqual(reminder.user_id, self.prepress)
        self.assertEqual(
            reminder.summary, f"{proof.name}: the requested changes wait for a new round"
        )
        self.assertIn("no new round has been sent since", str(reminder.note))
        self.assertIn("Use the new logo", str(reminder.note))
        self.assertTrue(proof.reminder_sent)
        self._run(answered + timedelta(days=3))
        self.assertEqual(len(self.job.activity_ids), 2, "told once")

    def test_a_sent_next_round_stops_the_prepress_reminder(self):
        proof = self._send(MONDAY)
        self._answer(proof, MONDAY + timedelta(hours=1), "changes")
        self._send(MONDAY + timedelta(hours=20), proof=proof.next_id)
        rejected = self._send(MONDAY, job=self._job())
        self._answer(rejected, MONDAY + timedelta(hours=1), "reject", comment="Wrong size")
        with freeze_time(MONDAY + timedelta(hours=2)):
            draft = rejected.job_id.action_print_new_proof()  # prepared, not sent
        self.assertEqual(draft["res_model"], "print.proof")
        self._run(MONDAY + timedelta(hours=26))
        self.assertFalse(proof.reminder_sent)
        self.assertEqual(len(self.job.activity_ids), 1, "only the changes requested")
        reminder = self._prepress_reminders(rejected.job_id)
        self.assertEqual(len(reminder), 1, "a draft next round is not sent")
        self.assertEqual(reminder.summary, f"{rejected.name}: rejected, no new round sent yet")
        self.assertIn("Wrong size", str(reminder.note))

    def test_the_wait_is_a_system_parameter(self):
        self.env["ir.config_parameter"].set_param("print_crm_prepress.changes_wait_hours", "48")
        proof = self._send(MONDAY)
        self._answer(proof, MONDAY + timedelta(hours=1), "changes")
        self._run(MONDAY + timedelta(hours=30))
        self.assertFalse(proof.reminder_sent, "30 of 48 hours")
        self._run(MONDAY + timedelta(hours=50))
        self.assertTrue(proof.reminder_sent)
        self.env["ir.config_parameter"].set_param("print_crm_prepress.changes_wait_hours", "0")
        other = self._send(MONDAY, job=self._job())
        self._answer(other, MONDAY + timedelta(hours=1), "changes")
        self._run(MONDAY + timedelta(days=10))
        self.assertFalse(other.reminder_sent, "0: no reminder to prepress")

    # ------------------------------------------------------------------ measures

    def test_response_and_turnaround_hours(self):
        """Round 1 answered in 6 h; round 2 sent 19.5 h after the changes, rejected in
        2.75 h; round 3 cancelled; round 4 sent 27 h after the rejection, approved in 17 h."""
        first = self._send(MONDAY)
        self._answer(first, MONDAY + timedelta(hours=6), "changes")
        second = self._send(MONDAY + timedelta(hours=25, minutes=30), proof=first.next_id)
        self._answer(second, MONDAY + timedelta(hours=28, minutes=15), "reject")
        with freeze_time(MONDAY + timedelta(hours=29)):
            third = self._proof(send=False)
            third.action_cancel()
        fourth = self._send(MONDAY + timedelta(hours=55, minutes=15))
        self._answer(fourth, MONDAY + timedelta(hours=72, minutes=15), "approve")
        self.assertEqual([p.round for p in (first, second, third, fourth)], [1, 2, 3, 4])
        self.assertEqual(
            [(p.response_hours, p.turnaround_hours) for p in (first, second, third, fourth)],
            [(6.0, 0.0), (2.75, 19.5), (0.0, 0.0), (17.0, 27.0)],
        )
        [(turnaround, response)] = self.env["print.proof"]._read_group(
            [("job_id", "=", self.job.id), ("round", ">", 1), ("state", "!=", "cancelled")],
            aggregates=["turnaround_hours:avg", "response_hours:avg"],
        )
        self.assertEqual((turnaround, response), (23.25, 9.875))

    # ------------------------------------------------------------------ companies

    def test_each_company_its_own_day_sender_and_prepress(self):
        south = self.env["res.company"].create({"name": "South Print Co (test)"})
        south.partner_id.write({"tz": "Pacific/Auckland", "email": "hello@south.example"})
        south_prepress = new_test_user(
            self.env,
            login="print_crm_prepress-south",
            groups="print_crm_prepress.group_proof_user,print_crm_tracking.group_job_user",
            company_id=south.id,
        )
        south.print_prepress_user_id = south_prepress
        south_floor = new_test_user(
            self.env,
            login="print_crm_prepress-south-floor",
            groups="print_crm_tracking.group_job_user",
            company_id=south.id,
            email=False,
        )
        here = self._send(MONDAY)
        with freeze_time(MONDAY):
            there = self.env["print.proof"].create({"job_id": self._job(south, south_floor).id})
            self.env["print.proof.file"]._add(there, "proof.pdf", PDF)
            there.action_send()
        self.assertEqual(there.due_date, here.due_date)
        # Wednesday 12:00 UTC is Thursday 01:00 in Auckland.
        self._run(WEDNESDAY.replace(hour=12))
        self.assertFalse(self._reminders(here))
        reminder = self._reminders(there)
        self.assertEqual(reminder.author_id, south.partner_id, "the responsible has no e-mail")
        with freeze_time(WEDNESDAY.replace(hour=13)):
            there.sudo()._answer("changes", self.customer_contact, comment="Bigger title")
        self._run(THURSDAY + timedelta(hours=6))
        reminder = self._prepress_reminders(there.job_id)
        self.assertEqual(reminder.user_id, south_prepress)
        self.assertFalse(self._prepress_reminders(self.job))
