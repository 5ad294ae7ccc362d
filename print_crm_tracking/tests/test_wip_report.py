# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from datetime import datetime, timedelta

import openpyxl
from freezegun import freeze_time

from odoo.tests import HttpCase, new_test_user, tagged

from .common import PrintCrmJobCommon

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MONDAY = datetime(2030, 1, 7, 8, 0)


class WipJobsCommon(PrintCrmJobCommon):
    """Five jobs entering Received on Monday at 08:00, moved on during the day:

    - A (1000 copies, rush, due at 06:00, so late) and B (500) enter Prepress at 10:00;
    - C (200) stays in Received;
    - D (300) enters Prepress at 14:00 (6 hours in Received, 4 expected), is delivered
      at 16:00;
    - E (100) is cancelled at 14:00.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.print_job_notify = False  # no e-mail on the visible stages
        Job = cls.env["print.job"]
        later = MONDAY + timedelta(days=10)
        with freeze_time(MONDAY):
            values = {"title": "Catalogue", "partner_id": cls.customer.id, "due_date": later}
            cls.job_a, cls.job_b, cls.job_c, cls.job_d, cls.job_e = Job.create(
                [
                    dict(values, quantity=1000, rush=True, due_date=MONDAY - timedelta(hours=2)),
                    dict(values, quantity=500),
                    dict(values, quantity=200),
                    dict(values, quantity=300),
                    dict(values, quantity=100),
                ]
            )
        with freeze_time(MONDAY + timedelta(hours=2)):
            (cls.job_a | cls.job_b).action_next_stage()
        with freeze_time(MONDAY + timedelta(hours=6)):
            cls.job_d.action_next_stage()
            cls.job_e.action_cancel()
        with freeze_time(MONDAY + timedelta(hours=8)):
            cls.job_d.write({"stage_id": cls.stage["delivered"].id})


@tagged("post_install", "-at_install")
class TestWipXlsx(WipJobsCommon):
    """The work-in-progress workbook, cell by cell."""

    def _workbook(self, at=MONDAY + timedelta(hours=10)):
        with freeze_time(at):
            content = self.env["print.job"].with_user(self.production_user)._export_wip_xlsx()
        return openpyxl.load_workbook(io.BytesIO(content))

    def test_work_in_progress_sheet(self):
        book = self._workbook()
        self.assertEqual(book.sheetnames, ["Work in Progress", "Stage Durations"])
        rows = list(book["Work in Progress"].iter_rows(values_only=True))
        self.assertEqual(
            rows[0],
            ("Stage", "Jobs", "Copies", "Late Jobs", "Rush Jobs", "Average Hours in Stage"),
        )
        # At 18:00: C 10 hours in Received, A and B 8 hours in Prepress; D and E are closed.
        self.assertEqual(rows[1], ("Received", 1, 200, 0, 0, 10.0))
        self.assertEqual(rows[2], ("Prepress", 2, 1500, 1, 1, 8.0))
        total = rows[3]
        self.assertEqual(total[:5], ("Total", 3, 1700, 1, 1))
        self.assertAlmostEqual(total[5], 26 / 3)
        self.assertTrue(rows[5][0].startswith("Open jobs on 1/7/30"), rows[5][0])

    def test_stage_durations_sheet(self):
        rows = list(self._workbook()["Stage Durations"].iter_rows(values_only=True))
        self.assertEqual(
            rows[0],
            ("Stage", "Moves", "Average Hours Spent", "Expected Hours", "Share Over Time"),
        )
        # Received was left four times: A and B after 2 hours, D and E after 6 (4 expected).
        self.assertEqual(rows[1], ("Received", 4, 4.0, 4.0, 0.5))
        # Prepress once: D after 2 hours of 8.
        self.assertEqual(rows[2], ("Prepress", 1, 2.0, 8.0, 0.0))
        self.assertEqual(len(rows), 3)

    def test_only_the_users_companies_count(self):
        south = self.env["res.company"].create({"name": "South Print Co (test)"})
        with freeze_time(MONDAY):
            self.env["print.job"].create(
                {
                    "title": "Elsewhere",
                    "partner_id": self.customer.id,
                    "due_date": MONDAY + timedelta(days=1),
                    "company_id": south.id,
                }
            )
        rows = list(self._workbook()["Work in Progress"].iter_rows(values_only=True))
        self.assertEqual(rows[1][:2], ("Received", 1), "the other company's job is left out")

    def test_action_downloads_from_the_controller(self):
        action = self.env["print.job"].action_export_wip_xlsx()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertEqual(action["url"], "/print_crm/jobs/wip.xlsx")
        server_action = self.env.ref("print_crm_tracking.print_job_action_export_wip_xlsx")
        self.assertEqual(server_action.with_user(self.production_user).run()["url"], action["url"])


@tagged("post_install", "-at_install")
class TestWipXlsxHttp(HttpCase, WipJobsCommon):
    """/print_crm/jobs/wip.xlsx over HTTP: for production users only."""

    url = "/print_crm/jobs/wip.xlsx"

    def test_production_user_downloads_the_workbook(self):
        self.authenticate(self.production_user.login, self.production_user.login)
        response = self.url_open(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], XLSX)
        self.assertIn("work_in_progress_", response.headers["Content-Disposition"])
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        rows = list(book["Work in Progress"].iter_rows(values_only=True))
        self.assertEqual(
            [row[:3] for row in rows[1:3]], [("Received", 1, 200), ("Prepress", 2, 1500)]
        )

    def test_other_users_are_refused(self):
        portal = new_test_user(
            self.env,
            login="print_crm_tracking-portal",
            groups="base.group_portal",
            partner_id=self.customer_contact.id,
        )
        internal = new_test_user(
            self.env, login="print_crm_tracking-internal", groups="base.group_user"
        )
        for user in (portal, internal):
            self.authenticate(user.login, user.login)
            response = self.url_open(self.url)
            self.assertEqual(response.status_code, 403, user.login)
            self.assertNotEqual(response.headers.get("Content-Type"), XLSX)
        self.authenticate(None, None)
        anonymous = self.url_open(self.url, allow_redirects=False)
        self.assertEqual(anonymous.status_code, 303)
        self.assertIn("/web/login", anonymous.headers["Location"])


@tagged("post_install", "-at_install")
class TestStageMoveQueries(PrintCrmJobCommon):
    """Moving a job one stage on costs a bounded number of queries."""

    def test_stage_move_query_count(self):
        """At most 15 queries, the chatter's tracking included, to move a job into a stage
        the customer does not see (no e-mail), with the job read afresh as on a request."""
        warm, job = self._order(quantities=(1000, 2500)).print_job_ids
        (warm | job).write({"stage_id": self.stage["quality"].id})
        self.env.cr.precommit.run()
        Job = self.env["print.job"].with_user(self.production_user)

        def move(job_id):
            job = Job.browse(job_id)
            job.action_next_stage()  # Packed
            self.env.flush_all()
            self.env.cr.precommit.run()  # the chatter's tracking, at commit
            return job

        self.env.invalidate_all()
        move(warm.id)  # warms the caches: access rules, stages, routes
        self.env.invalidate_all()
        with self.assertQueryCount(15):
            moved = move(job.id)
        self.assertEqual(moved.stage_id, self.stage["packed"])
        tracking = moved.sudo().message_ids[:1].tracking_value_ids
        self.assertEqual(tracking.field_id.name, "stage_id")
