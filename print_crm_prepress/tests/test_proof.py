# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..models.print_artwork import sha256
from .common import PDF, PrintCrmProofCommon


@tagged("post_install", "-at_install")
class TestPrintProof(PrintCrmProofCommon):
    """Proof rounds: sent, answered once, kept as answered; the gate before production."""

    def test_round_lifecycle(self):
        proof = self._proof(send=False)
        self.assertEqual((proof.round, proof.state), (1, "draft"))
        self.assertEqual(proof.approver_ids, self.job.partner_id)
        self.assertIn(self.job.name, proof.name)
        proof.action_send()
        self.assertEqual(proof.state, "sent")
        self.assertTrue(proof.sent_date and proof.due_date and proof.access_token)
        self.assertEqual(self.job.stage_id, self.stage["proof"], "the job waits for the answer")
        mail = proof.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.partner_ids, self.customer_contact)
        self.assertIn(proof.get_portal_url(), mail.body)
        self.assertIn(f"answer_token={proof._print_answer_token()}", mail.body)
        with self.assertRaisesText(UserError, "already sent"):
            proof.action_send()
        # Changes requested: back to prepress, and the next round is opened.
        proof.with_user(self.customer_user)._answer(
            "changes", self.customer_contact, comment="Logo too small on page 1"
        )
        self.assertEqual(proof.state, "changes")
        self.assertEqual(self.job.stage_id, self.stage["prepress"])
        second = proof.next_id
        self.assertEqual((second.round, second.state), (2, "draft"))
        activity = self.job.activity_ids.filtered(lambda a: "requested changes" in a.summary)
        self.assertEqual(activity.user_id, self.prepress)
        self.env["print.proof.file"].with_user(self.prepress)._add(second, "proof-v2.pdf", PDF)
        second.action_send()
        self._approve(second)
        self.assertEqual(second.state, "approved")
        self.assertEqual(self.job.print_proof_id, second)
        self.assertEqual(self.job.print_proof_count, 2)

    def test_a_round_is_named_in_the_readers_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["print_crm_prepress"], ["zh_CN"])
        proof = self._proof(send=False)
        job = proof.job_id.name
        self.assertEqual(proof.with_context(lang="en_US").display_name, f"{job} round 1")
        self.assertEqual(proof.with_context(lang="zh_CN").display_name, f"{job} 第 1 轮")

    def test_a_round_needs_files_to_be_sent(self):
        proof = self._proof(files=(), send=False)
        with self.assertRaisesText(UserError, "Proof Files"):
            proof.action_send()

    def test_an_approval_holds_every_audit_field(self):
        proof = self._proof(files=(("front.pdf", PDF), ("back.pdf", PDF + b"%back")))
        answer = self._approve(proof)
        self.assertEqual(answer.decision, "approve")
        self.assertEqual(answer.partner_id, self.customer_contact)
        self.assertEqual(answer.user_id, self.customer_user)
        self.assertEqual(answer.signature, "Mei Lin")
        self.assertEqual(answer.ip_address, "203.0.113.7")
        self.assertEqual(answer.user_agent, "Mozilla/5.0 (test)")
        self.assertTrue(answer.create_date)
        self.assertEqual(
            json.loads(answer.file_checksums),
            {"front.pdf": sha256(PDF), "back.pdf": sha256(PDF + b"%back")},
        )
        self.assertEqual(proof.file_ids.mapped("checksum"), [sha256(PDF), sha256(PDF + b"%back")])
        self.assertTrue(proof.answered_date)
        # The customer sees the answer, not where it was given from.
        answer_as_customer = answer.with_user(self.customer_user)
        self.assertEqual(answer_as_customer.signature, "Mei Lin")
        for name in ("ip_address", "user_agent"):
            with self.assertRaises(AccessError, msg=name):
                answer_as_customer.read([name])

    def test_approval_needs_the_typed_name(self):
        proof = self._proof()
        with self.assertRaisesText(UserError, "Signature"):
            self._approve(proof, signature="  ")
        with self.assertRaisesText(UserError, "Comments"):
            proof._answer("changes", self.customer_contact, comment="")
        self.assertEqual(proof.state, "sent")
        self.assertFalse(proof.answer_ids)

    def test_an_approved_round_and_its_files_stay_as_approved(self):
        proof = self._proof()
        self._approve(proof)
        for values in ({"note": "changed"}, {"proof_type": "hard"}, {"state": "draft"}):
            with self.assertRaisesText(UserError, "answered by the customer"):
                proof.with_user(self.prepress).write(values)
        with self.assertRaisesText(UserError, "can no longer change"):
            proof.file_ids.with_user(self.prepress).unlink()
        with self.assertRaisesText(UserError, "can no longer change"):
            proof.file_ids.with_user(self.prepress).write({"name": "other.pdf"})
        with self.assertRaisesText(UserError, "cannot be deleted"):
            proof.file_ids.attachment_id.unlink()
        with self.assertRaisesText(UserError, "cannot be changed"):
            proof.file_ids.attachment_id.write({"raw": b"%PDF-1.4 forged"})
        with self.assertRaisesText(UserError, "is kept"):
            proof.with_user(self.prepress).unlink()
        # Not even the superuser changes or deletes an answer.
        with self.assertRaisesText(UserError, "kept as it was given"):
            proof.answer_ids.sudo().write({"signature": "Someone else"})
        with self.assertRaisesText(UserError, "cannot be deleted"):
            proof.answer_ids.sudo().unlink()
        with self.assertRaises(UserError):  # an AccessError is a UserError too
            proof.answer_ids.with_user(self.prepress).write({"signature": "x"})
        self.assertEqual(proof.file_ids.attachment_id.raw, PDF)

    def test_a_second_answer_is_refused(self):
        proof = self._proof()
        self._approve(proof)
        with self.assertRaisesText(UserError, "no longer awaiting an answer"):
            proof.with_user(self.customer_user)._answer(
                "changes", self.customer_contact, comment="Wait, one more thing"
            )
        self.assertEqual(len(proof.answer_ids), 1)
        self.assertEqual(proof.state, "approved")

    def test_every_approver_must_approve(self):
        buyer = self.env["res.partner"].create(
            {"name": "Jun Park", "parent_id": self.customer.id, "email": "jun@harbour.example"}
        )
        proof = self._proof(send=False)
        proof.approver_ids = self.customer_contact | buyer
        proof.action_send()
        self._approve(proof)
        self.assertEqual(proof.state, "sent", "Jun has not approved yet")
        # Approving twice (a double click) gives the approval already given.
        self.assertEqual(self._approve(proof), proof.answer_ids)
        self._approve(proof, partner=buyer, signature="Jun Park")
        self.assertEqual(proof.state, "approved")
        self.assertEqual(len(proof.answer_ids), 2)

    def test_the_gate_blocks_production_until_approval(self):
        self.job.stage_id = self.stage["proof"]
        with self.assertRaisesText(UserError, "no proof has been approved yet"):
            self.job.action_next_stage()
        proof = self._proof()
        with self.assertRaisesText(UserError, "round 1) is Awaiting Customer"):
            self.job.action_next_stage()
        self._approve(proof)
        self.job.action_next_stage()
        self.assertEqual(self.job.stage_id, self.stage["plates"])

    def test_a_production_manager_releases_with_a_reason(self):
        self.job.stage_id = self.stage["proof"]
        wizard = self.env["print.job.gate.override.wizard"]
        with self.assertRaises(AccessError):
            wizard.with_user(self.prepress).create({"job_id": self.job.id, "reason": "rush"})
        with self.assertRaisesText(UserError, "Only a production manager"):
            self.job.with_user(self.prepress)._print_release("rush")
        manager = wizard.with_user(self.production_manager)
        with self.assertRaisesText(UserError, "Reason"):
            manager.create({"job_id": self.job.id, "reason": "   "}).action_release()
        manager.create({"job_id": self.job.id, "reason": "Reprint, same files"}).action_release()
        self.assertEqual(self.job.print_gate_override_user_id, self.production_manager)
        self.assertEqual(self.job.print_gate_override_reason, "Reprint, same files")
        self.assertTrue(self.job.print_gate_override_date)
        self.job.with_user(self.production_user).action_next_stage()
        self.assertEqual(self.job.stage_id, self.stage["plates"])

    def test_new_artwork_makes_a_version_and_withdraws_the_approval(self):
        Artwork = self.env["print.artwork"]
        first = Artwork.with_user(self.prepress)._upload(self.job, "artwork.pdf", PDF)
        proof = self._proof()
        self._approve(proof)
        self.job.stage_id = self.stage["proof"]
        second = Artwork.with_user(self.customer_user)._upload(
            self.job, "artwork-final.pdf", PDF + b"% final", source="portal"
        )
        self.assertEqual((first.version, second.version), (1, 2))
        self.assertFalse(first.is_current)
        self.assertEqual(self.job.print_artwork_id, second)
        self.assertEqual(second.checksum, sha256(PDF + b"% final"))
        self.assertEqual(second.uploaded_by_id, self.customer_user)
        self.assertEqual(first.attachment_id.raw, PDF, "the first version is kept")
        self.assertEqual(proof.state, "withdrawn")
        self.assertIn("artwork-final.pdf", proof.withdrawn_reason)
        self.assertEqual(proof.answer_ids.decision, "approve", "the answer itself is kept")
        with self.assertRaisesText(UserError, "latest proof (round 1) is Approval Withdrawn"):
            self.job.action_next_stage()
        activity = self.job.activity_ids.filtered(lambda a: "New artwork" in a.summary)
        self.assertEqual(activity[:1].user_id, self.prepress)
        with self.assertRaisesText(UserError, "cannot be deleted"):
            first.attachment_id.unlink()
        with self.assertRaisesText(UserError, "cannot be changed"):
            first.write({"name": "renamed.pdf"})

    def test_bad_uploads_are_refused_and_nothing_stored(self):
        Artwork = self.env["print.artwork"].with_user(self.prepress)
        self.company.print_artwork_max_mb = 1
        cases = [
            ("notes.docx", PDF, "not a file type we accept"),
            ("big.pdf", b"%PDF" + b"0" * (1024 * 1024 + 1), "larger than 1 MB"),
            ("empty.pdf", b"", "is empty"),
            ("../../etc/passwd.pdf", PDF, "without a path"),
            ("C:\\files\\art.pdf", PDF, "without a path"),
            (".hidden.pdf", PDF, "without a path"),
        ]
        attachments = self.env["ir.attachment"].search_count([])
        for name, data, message in cases:
            with self.subTest(name=name), self.assertRaisesText(UserError, message):
                Artwork._upload(self.job, name, data)
        self.assertFalse(self.job.print_artwork_ids)
        self.assertEqual(self.env["ir.attachment"].search_count([]), attachments)
        # SVG (a web page in disguise) is never accepted, even when the shop lists it.
        self.company.print_artwork_extensions = "pdf, svg"
        with self.assertRaisesText(UserError, "not a file type we accept"):
            Artwork._upload(self.job, "logo.SVG", b"<svg/>")
        self.assertFalse(self.job.print_artwork_ids)
        with self.assertRaisesText(UserError, "not a file type we accept"):
            self.env["print.proof.file"].with_user(self.prepress)._add(
                self._proof(send=False), "proof.tif", PDF
            )

    def test_customers_see_their_sent_proofs_only(self):
        draft = self._proof(send=False)
        sent = self._proof(job=self._order().print_job_ids)
        other_job = self._order(partner_id=self.customer2.id).print_job_ids
        other = self._proof(job=other_job)
        Proof = self.env["print.proof"].with_user(self.customer_user)
        visible = Proof.search([("id", "in", (draft | sent | other).ids)])
        self.assertEqual(visible, sent)
        with self.assertRaises(AccessError):
            other.with_user(self.customer_user).read(["name"])
        with self.assertRaises(AccessError):
            sent.with_user(self.customer_user).write({"note": "x"})

    def test_large_images_are_kept_as_sent(self):
        """Odoo shrinks images over 1920 px when it stores them; artwork must stay as sent."""
        import io

        from PIL import Image

        buffer = io.BytesIO()
        Image.new("RGB", (2600, 1800), (200, 30, 90)).save(buffer, "PNG")
        data = buffer.getvalue()
        artwork = (
            self.env["print.artwork"]
            .with_user(self.prepress)
            ._upload(self.job, "poster.png", data, "image/png")
        )
        self.assertEqual(artwork.attachment_id.raw, data)
        self.assertEqual(artwork.checksum, sha256(artwork.attachment_id.raw))
        proof = self._proof(files=(("poster-proof.png", data),), send=False)
        self.assertEqual(proof.file_ids.attachment_id.raw, data)
