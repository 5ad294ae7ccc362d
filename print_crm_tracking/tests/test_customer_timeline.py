# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import PrintCrmJobCommon


@tagged("post_install", "-at_install")
class TestCustomerTimelineJobs(PrintCrmJobCommon):
    """The customer's production jobs on its timeline, for those who may read jobs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Timeline = cls.env["print.customer.timeline"]
        cls.job = cls._order().print_job_ids
        cls.job.due_date = "2035-03-01 10:00:00"

    def _job_lines(self, user):
        return self.Timeline.with_user(user).search(
            [("kind", "=", "job"), ("res_id", "in", self.job.ids)]
        )

    def test_job_line_says_number_title_stage_and_due_date(self):
        line = self._job_lines(self.estimator)
        self.assertEqual(len(line), 1)
        self.assertEqual(line.partner_id, self.customer)
        self.assertEqual((line.reference, line.summary), (self.job.name, self.job.title))
        self.assertEqual(line.status_label, self.stage["received"].display_name)
        self.assertEqual(line.date_due, self.job.due_date)
        self.assertEqual(line.user_id, self.job.user_id)
        # It follows the job: moved on, its stage reads on the line.
        self.job.with_user(self.production_user).write({"stage_id": self.stage["prepress"].id})
        self.env.invalidate_all()  # a new request reads the timeline afresh
        self.assertEqual(
            self._job_lines(self.estimator).status_label, self.stage["prepress"].display_name
        )
        action = line.with_user(self.estimator).action_open_document()
        self.assertEqual((action["res_model"], action["res_id"]), ("print.job", self.job.id))

    def test_no_job_line_for_a_user_who_may_not_read_jobs(self):
        self.assertTrue(self._job_lines(self.estimator))
        self.env.ref("print_crm_tracking.access_print_job_estimate_user").active = False
        self.assertFalse(self._job_lines(self.estimator))
        line = self.Timeline.search([("kind", "=", "job"), ("res_id", "in", self.job.ids)])
        with self.assertRaises(AccessError):
            line.with_user(self.estimator).read(["reference"])
        # Given the Production group (its own access to jobs), it sees the line again.
        self.estimator.groups_id += self.env.ref("print_crm_tracking.group_job_user")
        self.assertEqual(self._job_lines(self.estimator), line)

    def test_production_users_see_every_job_a_rep_only_its_customers(self):
        other_rep = new_test_user(
            self.env, login="timeline-other-rep", groups="print_crm_quote.group_estimate_user"
        )
        self.customer.user_id = other_rep
        self.job.user_id = other_rep
        self.assertFalse(self._job_lines(self.estimator))
        self.assertTrue(self._job_lines(other_rep))
        self.estimator.groups_id += self.env.ref("print_crm_tracking.group_job_user")
        self.assertTrue(self._job_lines(self.estimator))
        # Its estimates stay those of its own customers.
        estimate_lines = self.Timeline.with_user(self.estimator).search(
            [("kind", "=", "estimate"), ("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(estimate_lines.mapped("user_id"), self.estimator)
