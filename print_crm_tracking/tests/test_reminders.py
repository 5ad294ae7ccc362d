# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, timedelta

from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from .common import PrintCrmJobCommon

MONDAY = datetime(2030, 1, 7, 8, 0)


@tagged("post_install", "-at_install")
class TestPrintJobReminders(PrintCrmJobCommon):
    """The hourly reminders: due soon, overdue and over stage time, once each."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.print_job_reminder_hours = 24
        cls.customer.print_job_notify = False  # no e-mail on the visible stages
        cls.todo = cls.env.ref("mail.mail_activity_data_todo")

    @classmethod
    def _job(cls, due, **values):
        """A job entering its first stage (Received, 4 hours expected) now, due ``due``."""
        return cls.env["print.job"].create(
            {
                "title": "Annual report",
                "partner_id": cls.customer.id,
                "due_date": due,
                "user_id": cls.production_user.id,
                **values,
            }
        )

    def _run(self, at):
        with freeze_time(at):
            self.env["print.job"]._cron_send_reminders()

    def _activities(self, jobs):
        return self.env["mail.activity"].search(
            [("res_model", "=", "print.job"), ("res_id", "in", jobs.ids)], order="id"
        )

    def test_due_soon_reminds_the_responsible_once(self):
        with freeze_time(MONDAY):
            soon = self._job(MONDAY + timedelta(hours=20))
            later = self._job(MONDAY + timedelta(days=3))
            nobody = self._job(MONDAY + timedelta(hours=10), user_id=False)
        self._run(MONDAY + timedelta(minutes=30))
        activity = self._activities(soon)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.production_user)
        self.assertEqual(activity.activity_type_id, self.todo)
        self.assertEqual(activity.summary, f"Due soon: {soon.name}")
        self.assertIn("Annual report is due on", str(activity.note))
        self.assertTrue(soon.reminder_due_sent)
        self.assertFalse(self._activities(later), "due in 3 days: not yet")
        self.assertEqual(
            self._activities(nobody).user_id,
            self.production_manager,
            "no responsible: the production manager is told",
        )
        self._run(MONDAY + timedelta(hours=1, minutes=30))
        self.assertEqual(len(self._activities(soon | nobody)), 2, "sent once")
        # Two days later the other job is due within 24 hours in turn.
        self._run(MONDAY + timedelta(days=2, hours=1))
        self.assertIn(f"Due soon: {later.name}", self._activities(later).mapped("summary"))

    def test_deadline_is_the_due_day_of_the_responsible(self):
        self.production_user.tz = "Asia/Shanghai"
        with freeze_time(MONDAY):
            job = self._job(datetime(2030, 1, 7, 20, 0))  # 04:00 on Tuesday in Shanghai
        self._run(MONDAY + timedelta(minutes=30))
        activity = self._activities(job)
        self.assertEqual(activity.date_deadline, date(2030, 1, 8))
        self.assertIn("due on 1/8/30", str(activity.note))

    def test_reminder_hours_are_configurable(self):
        with freeze_time(MONDAY):
            job = self._job(MONDAY + timedelta(hours=40))
        self._run(MONDAY + timedelta(minutes=30))
        self.assertFalse(self._activities(job), "due in 40 hours, reminded 24 hours ahead")
        self.company.print_job_reminder_hours = 48
        self._run(MONDAY + timedelta(hours=1))
        self.assertEqual(len(self._activities(job)), 1)
        self.company.print_job_reminder_hours = 0
        with freeze_time(MONDAY):
            other = self._job(MONDAY + timedelta(hours=2))
        self._run(MONDAY + timedelta(hours=1))
        self.assertFalse(self._activities(other), "0 hours: no due-soon reminder")

    def test_overdue_escalates_to_the_production_manager_once(self):
        with freeze_time(MONDAY):
            job = self._job(MONDAY + timedelta(hours=2))
        self._run(MONDAY + timedelta(hours=1))
        self.assertEqual(self._activities(job).user_id, self.production_user, "due soon")
        self._run(MONDAY + timedelta(hours=3))
        overdue = self._activities(job)[1:]
        self.assertEqual(len(overdue), 1)
        self.assertEqual(overdue.user_id, self.production_manager)
        self.assertEqual(overdue.summary, f"Overdue: {job.name}")
        self.assertIn("is still in Received", str(overdue.note))
        self.assertIn(self.production_user.name, str(overdue.note))
        self.assertTrue(job.reminder_overdue_sent)
        self._run(MONDAY + timedelta(hours=4))
        self.assertEqual(len(self._activities(job)), 2, "escalated once")

    def test_overdue_without_manager_goes_to_the_responsible(self):
        self.company.print_production_manager_id = False
        with freeze_time(MONDAY):
            job = self._job(MONDAY - timedelta(hours=1))
        self._run(MONDAY + timedelta(minutes=30))
        self.assertEqual(self._activities(job).user_id, self.production_user)

    def test_over_stage_time_and_a_stage_move_rearms_it(self):
        with freeze_time(MONDAY):
            job = self._job(MONDAY + timedelta(days=10))
        self._run(MONDAY + timedelta(hours=3))
        self.assertFalse(self._activities(job), "3 hours in Received, 4 expected")
        self._run(MONDAY + timedelta(hours=5))
        activity = self._activities(job)
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.production_user)
        self.assertEqual(activity.summary, f"Over stage time: {job.name}")
        self.assertIn("in Received since", str(activity.note))
        self._run(MONDAY + timedelta(hours=6))
        self.assertEqual(len(self._activities(job)), 1, "flagged once per stage")
        with freeze_time(MONDAY + timedelta(hours=6)):
            job.action_next_stage()  # Prepress: 8 hours expected
        self.assertFalse(job.reminder_stage_sent, "a stage move re-arms the reminder")
        self._run(MONDAY + timedelta(hours=13))
        self.assertEqual(len(self._activities(job)), 1, "7 hours in Prepress")
        self._run(MONDAY + timedelta(hours=15))
        activities = self._activities(job)
        self.assertEqual(len(activities), 2)
        self.assertIn("in Prepress since", str(activities[1].note))

    def test_finished_and_cancelled_jobs_get_nothing(self):
        with freeze_time(MONDAY):
            done = self._job(MONDAY + timedelta(hours=2))
            done.write({"stage_id": self.stage["delivered"].id})
            cancelled = self._job(MONDAY + timedelta(hours=2))
            cancelled.action_cancel()
            late_done = self._job(MONDAY - timedelta(days=1))
            late_done.write({"stage_id": self.stage["delivered"].id})
            open_job = self._job(MONDAY + timedelta(hours=2))
        for hours in (1, 3, 30):
            self._run(MONDAY + timedelta(hours=hours))
        self.assertFalse(self._activities(done | cancelled | late_done))
        self.assertEqual(
            self._activities(open_job).mapped("summary"),
            [f"Due soon: {open_job.name}", f"Overdue: {open_job.name}"]
            + [f"Over stage time: {open_job.name}"],
        )

    def test_each_company_follows_its_own_settings(self):
        south = self.env["res.company"].create({"name": "South Print Co (test)"})
        south_manager = new_test_user(
            self.env,
            login="print_crm_tracking-south-manager",
            groups="print_crm_tracking.group_job_manager",
            company_id=south.id,
        )
        south_floor = new_test_user(
            self.env,
            login="print_crm_tracking-south-floor",
            groups="print_crm_tracking.group_job_user",
            company_id=south.id,
        )
        south.write({"print_job_reminder_hours": 48, "print_production_manager_id": south_manager})
        with freeze_time(MONDAY):
            here = self._job(MONDAY + timedelta(hours=30))
            there = self._job(
                MONDAY + timedelta(hours=30), company_id=south.id, user_id=south_floor.id
            )
            there_late = self._job(
                MONDAY - timedelta(hours=1), company_id=south.id, user_id=south_floor.id
            )
        self._run(MONDAY + timedelta(minutes=30))
        self.assertFalse(self._activities(here), "24 hours ahead here")
        self.assertEqual(self._activities(there).user_id, south_floor, "48 hours ahead there")
        self.assertEqual(self._activities(there_late).user_id, south_manager)
