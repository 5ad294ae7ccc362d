# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from datetime import datetime
from unittest.mock import patch

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from ..controllers.scan import PrintJobScan
from .common import PrintCrmJobCommon

URL = "/print_crm/scan"


@tagged("post_install", "-at_install")
class TestPrintJobScan(HttpCase, PrintCrmJobCommon):
    """/print_crm/scan over HTTP: scanning a ticket moves its job one stage on."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.job = cls._order().print_job_ids
        cls.south = cls.env["res.company"].create({"name": "South Print Co (test)"})
        cls.portal = new_test_user(
            cls.env,
            login="print_crm_tracking-portal",
            groups="base.group_portal",
            partner_id=cls.customer_contact.id,
        )
        cls.internal = new_test_user(
            cls.env, login="print_crm_tracking-internal", groups="base.group_user"
        )

    @classmethod
    def _job(cls, **values):
        return cls.env["print.job"].create(
            {
                "title": "Annual report",
                "partner_id": cls.customer.id,
                "due_date": datetime(2030, 1, 20, 16, 0),
                **values,
            }
        )

    def setUp(self):
        super().setUp()
        self.authenticate(self.production_user.login, self.production_user.login)

    def _scan(self, code, csrf=True):
        """Scan ``code`` on the page as the tablet does; the page shown afterwards."""
        page = self.url_open(URL)
        self.assertEqual(page.status_code, 200)
        data = {"code": code}
        if csrf:
            data["csrf_token"] = re.search(r'name="csrf_token" value="([^"]+)"', page.text)[1]
        return self.url_open(URL, data=data)

    def _result(self, response):
        """The text of the page's result box."""
        self.assertEqual(response.status_code, 200)
        box = re.search(r'<div[^>]*id="scan_result"[^>]*>(.*?)<form', response.text, re.S)
        self.assertTrue(box, "the page shows the outcome of the scan")
        return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", box[1]))

    def _stage(self, job):
        job.invalidate_recordset()
        return job.stage_id

    def test_scanning_a_ticket_moves_the_job_to_its_next_stage(self):
        page = self.url_open(URL)
        self.assertIn('name="code"', page.text)
        self.assertIn("autofocus", page.text)
        self.assertNotIn('id="scan_result"', page.text, "nothing scanned yet")
        response = self._scan(f"  {self.job._scan_code()}\n")  # as a scanner types it
        self.assertEqual(response.url, self.base_url() + URL, "redirected: a reload moves nothing")
        result = self._result(response)
        self.assertEqual(self._stage(self.job), self.stage["prepress"])
        self.assertIn("alert-success", response.text)
        self.assertIn(f"{self.job.name} moved from Received to Prepress.", result)
        self.assertIn("Spring open day flyer", result)
        self.assertIn(self.customer_contact.display_name, result)
        history = self.job.history_ids.sorted("id")[-1]
        self.assertEqual(history.user_id, self.production_user, "the scanning user moved it")
        told = self.job.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertIn("Preparing your files", told[:1].subject, "the customer is told")
        # The next ticket moves its job, and the page lists what this tablet moved.
        other = self._job()
        self._result(self._scan(other.name))
        self.assertEqual(self._stage(other), self.stage["prepress"])
        page = self.url_open(URL)
        self.assertNotIn('id="scan_result"', page.text, "an outcome is shown once")
        listed = re.search(r'id="scan_history".*?</table>', page.text, re.S)[0]
        self.assertLess(listed.index(other.name), listed.index(self.job.name), "latest first")

    def test_a_ticket_read_twice_moves_the_job_once(self):
        self._scan(self.job.name)
        response = self._scan(self.job.name)
        self.assertIn("alert-warning", response.text)
        self.assertIn("the ticket was read twice", self._result(response))
        self.assertEqual(self._stage(self.job), self.stage["prepress"])
        with patch.object(PrintJobScan, "rescan_seconds", 0):
            self._result(self._scan(self.job.name))
        self.assertEqual(self._stage(self.job), self.stage["proof"], "scanned again later")

    def test_a_code_typed_in_lower_case_is_found(self):
        """A keyboard (or a scanner set to lower case) types job/2026/00001."""
        result = self._result(self._scan(f" {self.job.name.lower()} "))
        self.assertIn(f"{self.job.name} moved from Received to Prepress.", result)
        self.assertEqual(self._stage(self.job), self.stage["prepress"])

    def test_empty_and_unknown_codes_are_refused(self):
        result = self._result(self._scan("   "))
        self.assertIn("Nothing was read", result)
        result = self._result(self._scan("JOB/1999/99999"))
        self.assertIn("No job has the code JOB/1999/99999", result)
        self.assertEqual(self._stage(self.job), self.stage["received"])

    def test_another_companys_job_is_refused(self):
        foreign = self._job(company_id=self.south.id)
        response = self._scan(foreign.name)
        self.assertIn("alert-danger", response.text)
        result = self._result(response)
        self.assertIn(f"{foreign.name} is a job of another company", result)
        self.assertNotIn("Annual report", result, "nothing of the foreign job is shown")
        self.assertEqual(self._stage(foreign), self.stage["received"])

    def test_companies_active_in_odoo_apply(self):
        self.production_user.company_ids = [Command.link(self.south.id)]
        south_job = self._job(company_id=self.south.id)
        self.opener.cookies["cids"] = str(self.company.id)
        result = self._result(self._scan(south_job.name))
        self.assertIn("is a job of South Print Co (test): switch to that company", result)
        self.assertEqual(self._stage(south_job), self.stage["received"])
        self.opener.cookies["cids"] = f"{self.company.id}-{self.south.id}"
        self._result(self._scan(south_job.name))
        self.assertEqual(self._stage(south_job), self.stage["prepress"])

    def test_finished_and_cancelled_jobs_move_no_more(self):
        done = self._job()
        done.write({"stage_id": self.stage["delivered"].id})
        cancelled = self._job()
        cancelled.action_cancel()
        self.assertIn(
            f"{done.name} is in its last stage (Delivered).", self._result(self._scan(done.name))
        )
        self.assertIn("it moves no more", self._result(self._scan(cancelled.name)))
        self.assertEqual(self._stage(done), self.stage["delivered"])
        self.assertEqual(self._stage(cancelled), self.stage["cancelled"])

    def test_blocked_production_stage_is_refused_with_its_reason(self):
        self.job.write({"stage_id": self.stage["proof"].id})
        with patch.object(
            type(self.env["print.job"]),
            "_production_blockers",
            lambda job, stage: ["the proof is not approved"],
        ):
            result = self._result(self._scan(self.job.name))
        self.assertIn("cannot enter Plate making yet: the proof is not approved", result)
        self.assertEqual(self._stage(self.job), self.stage["proof"])

    @mute_logger("odoo.http")
    def test_a_post_without_csrf_token_is_refused(self):
        response = self._scan(self.job.name, csrf=False)
        self.assertEqual(response.status_code, 400)
        self.assertIn("invalid CSRF token", response.text)
        self.assertEqual(self._stage(self.job), self.stage["received"])

    def test_only_production_users_open_the_page(self):
        for user in (self.portal, self.internal):
            self.authenticate(user.login, user.login)
            page = self.url_open(URL)
            self.assertEqual(page.status_code, 403, user.login)
            self.assertIn("This page is for production users", page.text)
            self.assertNotIn('name="code"', page.text)
            token = re.search(r'csrf_token: "([^"]+)"', page.text)[1]
            posted = self.url_open(URL, data={"code": self.job.name, "csrf_token": token})
            self.assertEqual(posted.status_code, 403)
        self.assertEqual(self._stage(self.job), self.stage["received"])
        self.authenticate(None, None)
        anonymous = self.url_open(URL, allow_redirects=False)
        self.assertEqual(anonymous.status_code, 303)
        self.assertIn("/web/login", anonymous.headers["Location"])

    def test_menu_opens_the_page(self):
        action = self.env.ref("print_crm_tracking.print_job_scan_menu").action
        self.assertEqual(
            (action.type, action.url, action.target), ("ir.actions.act_url", URL, "self")
        )
        menus = self.env["ir.ui.menu"].with_user(self.production_user)._visible_menu_ids()
        self.assertIn(self.env.ref("print_crm_tracking.print_job_scan_menu").id, menus)
        menus = self.env["ir.ui.menu"].with_user(self.internal)._visible_menu_ids()
        self.assertNotIn(self.env.ref("print_crm_tracking.print_job_scan_menu").id, menus)
