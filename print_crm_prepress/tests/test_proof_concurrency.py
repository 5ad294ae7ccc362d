# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.tests import BaseCase, get_db_name, tagged
from odoo.tools import SQL

from .common import PDF


@tagged("post_install", "-at_install")
class TestProofConcurrency(BaseCase):
    """Two answers to one round in two transactions at the same time: exactly one counts.

    Real transactions need committed data: the test makes a small job and proof of its
    own, commits them, answers from two cursors, then removes everything it made.
    """

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            partner = env["res.partner"].create(
                {"name": "Concurrent Customer (test)", "email": "cc@print.example"}
            )
            job = env["print.job"].create(
                {
                    "title": "Concurrent flyer",
                    "partner_id": partner.id,
                    "due_date": "2030-01-01 12:00:00",
                    "user_id": False,
                }
            )
            proof = env["print.proof"].create({"job_id": job.id})
            env["print.proof.file"]._add(proof, "proof.pdf", PDF)
            proof.action_send()
            self.ids = {"partner": partner.id, "job": job.id, "proof": proof.id}
        self.addCleanup(self._remove)

    def _remove(self):
        with self.registry.cursor() as cr:
            proof, job, partner = self.ids["proof"], self.ids["job"], self.ids["partner"]
            cr.execute(SQL("DELETE FROM print_proof_answer WHERE proof_id = %s", proof))
            cr.execute(SQL("DELETE FROM print_proof_file WHERE proof_id = %s", proof))
            cr.execute(
                SQL(
                    "DELETE FROM mail_message WHERE (model = 'print.proof' AND res_id = %s)"
                    " OR (model = 'print.job' AND res_id = %s)",
                    proof,
                    job,
                )
            )
            cr.execute(
                SQL("DELETE FROM mail_activity WHERE res_model = 'print.job' AND res_id = %s", job)
            )
            cr.execute(SQL("DELETE FROM print_proof WHERE job_id = %s", job))
            cr.execute(
                SQL(
                    "DELETE FROM ir_attachment WHERE res_model = 'print.proof' AND res_id = %s",
                    proof,
                )
            )
            cr.execute(SQL("DELETE FROM print_job WHERE id = %s", job))
            cr.execute(SQL("DELETE FROM res_partner WHERE id = %s", partner))

    def _env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {})

    def test_two_answers_at_once_leave_one_decision(self):
        partner_id, proof_id = self.ids["partner"], self.ids["proof"]
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            env1, env2 = self._env(cr1), self._env(cr2)
            first = env1["print.proof"].browse(proof_id)
            second = env2["print.proof"].browse(proof_id)
            first._answer("approve", env1["res.partner"].browse(partner_id), signature="A. Buyer")
            # The first transaction holds the round: the second is not refused with a
            # message but with a concurrency error, on which Odoo replays the request.
            with self.assertRaises(PG_CONCURRENCY_EXCEPTIONS_TO_RETRY):
                second._answer(
                    "changes", env2["res.partner"].browse(partner_id), comment="Too dark"
                )
            cr2.rollback()
            cr1.commit()
            # Replayed once the first is committed, a different answer is refused...
            with self.assertRaises(UserError) as caught:
                second._answer(
                    "changes", env2["res.partner"].browse(partner_id), comment="Too dark"
                )
            self.assertIn("no longer awaiting an answer", str(caught.exception))
            cr2.rollback()
        with self.registry.cursor() as cr:
            cr.execute(SQL("SELECT decision FROM print_proof_answer WHERE proof_id = %s", proof_id))
            self.assertEqual(cr.fetchall(), [("approve",)])
            cr.execute(SQL("SELECT state FROM print_proof WHERE id = %s", proof_id))
            self.assertEqual(cr.fetchone(), ("approved",))

    def test_a_double_click_on_approve_gives_the_approval(self):
        partner_id, proof_id = self.ids["partner"], self.ids["proof"]
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            env1, env2 = self._env(cr1), self._env(cr2)
            first = env1["print.proof"].browse(proof_id)
            second = env2["print.proof"].browse(proof_id)
            answer = first._answer(
                "approve", env1["res.partner"].browse(partner_id), signature="A. Buyer"
            )
            with self.assertRaises(PG_CONCURRENCY_EXCEPTIONS_TO_RETRY):
                second._answer(
                    "approve", env2["res.partner"].browse(partner_id), signature="A. Buyer"
                )
            cr2.rollback()
            cr1.commit()
            # The replayed click finds the approval it asked for, and makes no second one.
            again = second._answer(
                "approve", env2["res.partner"].browse(partner_id), signature="A. Buyer"
            )
            self.assertEqual(again.id, answer.id)
            cr2.commit()
        with self.registry.cursor() as cr:
            cr.execute(SQL("SELECT decision FROM print_proof_answer WHERE proof_id = %s", proof_id))
            self.assertEqual(cr.fetchall(), [("approve",)])
