# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import PrintCrmProofCommon


@tagged("post_install", "-at_install")
class TestCustomerTimelineProofs(PrintCrmProofCommon):
    """The customer's proof rounds on its timeline, for those who may read proofs."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Timeline = cls.env["print.customer.timeline"]
        cls.proof = cls._proof()

    def _proof_lines(self, user):
        return self.Timeline.with_user(user).search(
            [("kind", "=", "proof"), ("res_id", "in", self.proof.ids)]
        )

    def test_proof_line_says_round_state_and_answer_due(self):
        self.proof.due_date = "2035-03-02"
        line = self._proof_lines(self.estimator)
        self.assertEqual(len(line), 1)
        self.assertEqual(line.partner_id, self.customer)
        self.assertEqual(line.reference, self.proof.name)
        self.assertIn(self.job.name, line.reference)
        self.assertEqual(line.summary, self.job.title)
        self.assertEqual(line.status_label, "Awaiting Customer")
        self.assertEqual(line.date, self.proof.sent_date)
        self.assertEqual(str(line.date_due.date()), "2035-03-02")
        self._approve(self.proof)
        self.env.invalidate_all()  # a new request reads the timeline afresh
        self.assertEqual(self._proof_lines(self.estimator).status_label, "Approved")
        action = line.with_user(self.estimator).action_open_document()
        self.assertEqual((action["res_model"], action["res_id"]), ("print.proof", self.proof.id))
        # A second round is a line of its own.
        second = self._proof(send=False)
        lines = self.Timeline.search([("kind", "=", "proof"), ("res_id", "in", second.ids)])
        self.assertIn("2", lines.reference)
        self.assertEqual(lines.status_label, "Draft")

    def test_no_proof_line_for_a_user_who_may_not_read_proofs(self):
        self.assertTrue(self._proof_lines(self.estimator))
        self.env.ref("print_crm_prepress.access_print_proof_estimate_user").active = False
        self.assertFalse(self._proof_lines(self.estimator))
        line = self.Timeline.search([("kind", "=", "proof"), ("res_id", "in", self.proof.ids)])
        with self.assertRaises(AccessError):
            line.with_user(self.estimator).read(["reference"])
        # Its job line stays: jobs it may still read.
        self.assertTrue(
            self.Timeline.with_user(self.estimator).search(
                [("kind", "=", "job"), ("res_id", "=", self.job.id)]
            )
        )

    def test_prepress_users_see_every_proof_a_rep_only_its_customers(self):
        other_rep = new_test_user(
            self.env, login="timeline-proof-rep", groups="print_crm_quote.group_estimate_user"
        )
        self.customer.user_id = other_rep
        self.job.user_id = other_rep
        self.assertFalse(self._proof_lines(self.estimator))
        self.assertTrue(self._proof_lines(other_rep))
        self.estimator.groups_id += self.env.ref("print_crm_prepress.group_proof_user")
        self.assertTrue(self._proof_lines(self.estimator))
