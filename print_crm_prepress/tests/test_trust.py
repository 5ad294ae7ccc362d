# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import PDF, PrintCrmProofCommon

PROOF_INTERNAL_FIELDS = {
    "internal_note",
    "artwork_id",
    "file_ids",
    "answer_ids",
    "next_id",
    "withdrawn_date",
    "withdrawn_reason",
    "reminder_sent",
    "response_hours",
    "turnaround_hours",
}
JOB_INTERNAL_FIELDS = {
    "print_artwork_ids",
    "print_artwork_id",
    "print_proof_ids",
    "print_proof_id",
    "print_proof_state",
    "print_proof_count",
    "print_gate_override_reason",
    "print_gate_override_user_id",
    "print_gate_override_date",
    "print_artwork_upload_url",
}


@tagged("post_install", "-at_install")
class TestPrepressTrust(PrintCrmProofCommon):
    """The gate, the proof's state and the customer's answers over RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.internal = new_test_user(
            cls.env, login="print_crm_prepress-trust-internal", groups="base.group_user"
        )

    # ------------------------------------------------------------------ the gate

    def test_the_release_is_not_written_directly(self):
        self.job.stage_id = self.stage["proof"]
        forged = {
            "print_gate_override_reason": "Customer said yes on the phone",
            "print_gate_override_user_id": self.admin.id,
            "print_gate_override_date": "2030-01-01 10:00:00",
        }
        for user in (self.production_user, self.prepress, self.production_manager):
            for field, value in forged.items():
                with self.subTest(user=user.login, field=field):
                    with self.assertRaisesText(UserError, "records a decision"):
                        self.job.with_user(user).write({field: value})
        self.assertFalse(self.job.print_gate_override_reason)
        with self.assertRaisesText(UserError, "no proof has been approved yet"):
            self.job.with_user(self.production_user).action_next_stage()
        # The release action stamps who and when itself.
        self.job.with_user(self.production_manager)._print_release("Reprint, same files")
        self.assertEqual(self.job.print_gate_override_user_id, self.production_manager)
        self.job.with_user(self.production_user).action_next_stage()
        self.assertEqual(self.job.stage_id, self.stage["plates"])

    # ------------------------------------------------------------------ the round

    def test_the_state_of_a_round_is_set_by_its_actions_only(self):
        proof = self._proof()
        for values in (
            {"state": "approved"},
            {"answered_date": "2030-01-01 10:00:00"},
            {"sent_date": "2030-01-01 10:00:00"},
            {"withdrawn_reason": "forged"},
        ):
            with self.subTest(values=values):
                with self.assertRaisesText(UserError, "records a decision"):
                    proof.with_user(self.prepress).write(values)
        self.assertEqual(proof.state, "sent")
        with self.assertRaisesText(UserError, "records a decision"):
            self.env["print.proof"].with_user(self.prepress).create(
                {"job_id": self.job.id, "state": "approved"}
            )
        self.job.stage_id = self.stage["proof"]
        with self.assertRaisesText(UserError, "round 1) is Awaiting Customer"):
            self.job.with_user(self.production_user).action_next_stage()
        proof.with_user(self.prepress).action_cancel()
        self.assertEqual(proof.state, "cancelled")

    def test_who_must_approve_a_sent_round_is_fixed(self):
        """The round went to its approvers: nobody drops the one who has not answered yet
        (or adds someone without the link) afterwards."""
        boss = self.env["res.partner"].create(
            {"name": "The customer's boss", "parent_id": self.customer.id}
        )
        draft = self._proof(send=False)
        draft.with_user(self.prepress).write(
            {"approver_ids": [(6, 0, (self.customer_contact | boss).ids)]}
        )
        draft.with_user(self.prepress).action_send()
        for user in (self.prepress, self.production_manager):
            for command in ([(3, boss.id)], [(6, 0, self.customer_contact.ids)], [(5,)]):
                with self.subTest(user=user.login, command=command):
                    with self.assertRaisesText(UserError, "Approvers"):
                        draft.with_user(user).write({"approver_ids": command})
        self.assertEqual(draft.approver_ids, self.customer_contact | boss)

    def test_the_customers_answer_is_written_by_the_answer_only(self):
        proof = self._proof()
        Answer = self.env["print.proof.answer"]
        forged = {
            "proof_id": proof.id,
            "decision": "approve",
            "partner_id": self.customer_contact.id,
            "signature": "Mei Lin",
            "ip_address": "203.0.113.7",
        }
        for user in (self.prepress, self.production_manager, self.customer_user):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                Answer.with_user(user).create(forged)
        with self.assertRaisesText(UserError, "audit trail"):
            Answer.sudo().create(forged)
        self.assertFalse(proof.answer_ids)
        self.assertEqual(proof.state, "sent")

    def test_a_proof_files_checksum_comes_from_its_file(self):
        proof = self._proof(send=False)
        file = proof.file_ids
        for values in ({"checksum": "0" * 64}, {"file_size": 1}, {"mimetype": "image/png"}):
            with (
                self.subTest(values=values),
                self.assertRaisesText(UserError, "records a decision"),
            ):
                file.with_user(self.prepress).write(values)
        attachment = self.env["ir.attachment"].create({"name": "other.pdf", "raw": PDF + b"%x"})
        with self.assertRaisesText(UserError, "records a decision"):
            self.env["print.proof.file"].with_user(self.prepress).create(
                {
                    "proof_id": proof.id,
                    "name": "other.pdf",
                    "attachment_id": attachment.id,
                    "checksum": "0" * 64,
                }
            )

    # ------------------------------------------------------------------ portal over RPC

    def test_portal_user_reads_only_what_the_portal_shows(self):
        artwork = (
            self.env["print.artwork"].with_user(self.prepress)._upload(self.job, "artwork.pdf", PDF)
        )
        proof = self._proof(send=False)
        proof.internal_note = "Customer is difficult, check twice"
        proof.action_send()
        self._approve(proof)
        [values] = proof.with_user(self.customer_user).read()
        self.assertFalse(PROOF_INTERNAL_FIELDS & set(values), PROOF_INTERNAL_FIELDS & set(values))
        self.assertNotIn("difficult", repr(values))
        self.assertEqual(values["state"], "approved")
        [job_values] = self.job.with_user(self.customer_user).read()
        self.assertFalse(
            JOB_INTERNAL_FIELDS & set(job_values), JOB_INTERNAL_FIELDS & set(job_values)
        )
        for records in (artwork, proof.file_ids, proof.answer_ids):
            with self.subTest(model=records._name), self.assertRaises(AccessError):
                records.with_user(self.customer_user).read()
        # Another customer's round.
        other = self._proof(job=self._order(partner_id=self.customer2.id).print_job_ids)
        with self.assertRaises(AccessError):
            other.with_user(self.customer_user).read(["name"])

    # ------------------------------------------------------------------ public methods

    def test_public_methods_check_the_caller(self):
        proof = self._proof(send=False)
        for user in (self.customer_user, self.internal, self.production_user):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    proof.with_user(user).action_send()
                with self.assertRaises(AccessError):
                    proof.with_user(user).action_cancel()
                with self.assertRaises(AccessError):
                    self.job.with_user(user).action_print_new_proof()
                with self.assertRaises(AccessError):
                    self.job.with_user(user).action_print_release_without_approval()
        for user in (self.customer_user, self.internal):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    proof.with_user(user).action_view_job()
                with self.assertRaises(AccessError):
                    self.job.sale_order_id.with_user(user).action_view_print_proofs()
        wizard = self.env["print.job.gate.override.wizard"].create(
            {"job_id": self.job.id, "reason": "Reprint"}
        )
        for user in (self.customer_user, self.internal, self.production_user, self.prepress):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                wizard.with_user(user).action_release()
        self.assertFalse(self.job.print_gate_override_reason)
        self.assertEqual(proof.state, "draft")
        self.assertTrue(
            self.job.with_user(self.production_manager).action_print_release_without_approval()
        )
        proof.with_user(self.prepress).action_send()
        self.assertEqual(proof.state, "sent")

    # ------------------------------------------------------------------ sales users

    def test_sales_users_without_printing_groups_read_orders_with_proofs(self):
        self._proof()
        order = self.job.sale_order_id
        for groups in ("sales_team.group_sale_salesman", "sales_team.group_sale_manager"):
            user = new_test_user(self.env, login=f"print_crm_prepress-{groups}", groups=groups)
            order.user_id = user
            with self.subTest(groups=groups):
                [values] = order.with_user(user).read()
                self.assertEqual(values["name"], order.name)
                self.assertNotIn("print_proof_ids", values)
                self.assertNotIn("print_proof_count", values)
