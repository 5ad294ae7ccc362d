# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
import re

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, tagged

from ..models.print_artwork import sha256
from .common import PDF, PrintCrmProofCommon
from .test_portal import CUSTOMER, PNG

UPLOAD = "/print_crm_prepress/proof/upload"


@tagged("post_install", "-at_install")
class TestProofUpload(PrintCrmProofCommon, HttpCase):
    """Proof files join a round through its upload only (the round's form and the job's)."""

    def _csrf(self):
        page = self.url_open("/odoo")
        return re.search(r'csrf_token: "([0-9a-f]+o[0-9]+)"', page.text).group(1)

    def _upload(self, files, **target):
        data = dict({key: str(value) for key, value in target.items()}, csrf_token=self._csrf())
        return self.url_open(
            UPLOAD, data=data, files=[("ufile", (name, content)) for name, content in files]
        )

    def test_a_file_added_any_other_way_is_refused(self):
        proof = self._proof(files=(), send=False)
        attachment = self.env["ir.attachment"].create(
            {"name": "proof.pdf", "raw": PDF, "res_model": "print.proof", "res_id": proof.id}
        )
        File = self.env["print.proof.file"].with_user(self.prepress)
        with self.assertRaisesText(UserError, "records a decision"):
            File.create({"proof_id": proof.id, "name": "proof.pdf", "attachment_id": attachment.id})
        # Not even the superuser adds a line without the upload (the form's "Add a line").
        for values in ({"name": "proof.pdf"}, {"name": "proof.pdf", "sequence": 1}):
            with self.subTest(values=values), self.assertRaisesText(UserError, "upload the files"):
                proof.sudo().write({"file_ids": [Command.create(values)]})
        with self.assertRaisesText(UserError, "upload the files"):
            File.sudo().create({"proof_id": proof.id, "name": "proof.pdf"})
        # A chatter attachment on the round is not a proof file: the round cannot be sent.
        proof.message_post(body="see file", attachment_ids=attachment.ids)
        self.assertFalse(proof.file_ids)
        with self.assertRaisesText(UserError, "add the files"):
            proof.with_user(self.prepress).action_send()

    def test_the_upload_stores_checksum_size_and_type(self):
        proof = self._proof(files=(), send=False)
        self.authenticate(self.prepress.login, self.prepress.login)
        response = self._upload((("proof.pdf", PDF), ("cover.png", PNG)), proof_id=proof.id)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertEqual(response.json()["proof_id"], proof.id)
        files = {file.name: file for file in proof.file_ids}
        self.assertEqual(set(files), {"proof.pdf", "cover.png"})
        for name, data, mimetype in (
            ("proof.pdf", PDF, "application/pdf"),
            ("cover.png", PNG, "image/png"),
        ):
            file = files[name]
            self.assertEqual(file.checksum, sha256(data))
            self.assertEqual(file.file_size, len(data))
            self.assertEqual(file.mimetype, mimetype)
            self.assertEqual(file.attachment_id.raw, data)
            self.assertEqual(file.attachment_id.res_model, "print.proof")
        proof.with_user(self.prepress).action_send()
        answer = self._approve(proof)
        self.assertEqual(
            json.loads(answer.file_checksums),
            {"proof.pdf": sha256(PDF), "cover.png": sha256(PNG)},
        )

    def test_the_upload_from_the_job_fills_its_draft_round(self):
        self.authenticate(self.prepress.login, self.prepress.login)
        response = self._upload((("a.pdf", PDF),), job_id=self.job.id)
        self.assertEqual(response.status_code, 200, response.text)
        proof = self.job.print_proof_ids
        self.assertEqual((len(proof), proof.state, proof.file_ids.name), (1, "draft", "a.pdf"))
        self._upload((("b.pdf", PDF + b"%b"),), job_id=self.job.id)
        self.assertEqual(self.job.print_proof_ids, proof)
        self.assertEqual(sorted(proof.file_ids.mapped("name")), ["a.pdf", "b.pdf"])

    def test_a_bad_file_stores_nothing_and_says_why(self):
        proof = self._proof(files=(), send=False)
        self.authenticate(self.prepress.login, self.prepress.login)
        response = self._upload(
            (("proof.pdf", PDF), ("tool.pdf", b"MZ\x90\x00binary")), proof_id=proof.id
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("tool.pdf is a program", response.json()["error"])
        self.assertFalse(proof.file_ids)

    def test_only_prepress_uploads_to_a_draft_round(self):
        proof = self._proof(files=(), send=False)
        sent = self._order(title="Sent").print_job_ids
        sent_proof = self._proof(job=sent)
        for login in (CUSTOMER, self.production_user.login):
            with self.subTest(login=login):
                self.authenticate(login, login)
                response = self._upload((("proof.pdf", PDF),), proof_id=proof.id)
                self.assertNotEqual(response.status_code, 200)
                response = self._upload((("proof.pdf", PDF),), job_id=self.job.id)
                self.assertNotEqual(response.status_code, 200)
        self.assertFalse(proof.file_ids)
        self.assertEqual(len(self.job.print_proof_ids), 1)
        self.authenticate(self.prepress.login, self.prepress.login)
        response = self._upload((("late.pdf", PDF + b"%late"),), proof_id=sent_proof.id)
        self.assertEqual(response.status_code, 400)
        self.assertIn("was sent", response.json()["error"])
        self.assertEqual(sent_proof.file_ids.mapped("name"), ["proof.pdf"])
        with self.assertRaises(AccessError):
            self.env["print.proof"].with_user(self.production_user).browse(
                proof.id
            )._print_upload_files([("x.pdf", PDF)])

    def test_tour_prepress_uploads_two_files_the_customer_approves_both(self):
        self.customer_contact.name = "Mei Lin"
        proof = self._proof(files=(), send=False)
        self.start_tour(
            f"/odoo/action-print_crm_prepress.print_proof_action/{proof.id}",
            "print_crm_proof_backoffice_upload_tour",
            login=self.prepress.login,
        )
        self.assertEqual(proof.state, "sent")
        self.assertEqual(sorted(proof.file_ids.mapped("name")), ["cover.png", "proof.pdf"])
        self.start_tour("/my", "print_crm_proof_approve_two_files_tour", login=CUSTOMER)
        self.assertEqual(proof.state, "approved")
        checksums = json.loads(proof.answer_ids.file_checksums)
        self.assertEqual(checksums, {file.name: file.checksum for file in proof.file_ids})
        self.assertEqual(len(set(checksums.values())), 2)
        self.assertTrue(all(re.fullmatch(r"[0-9a-f]{64}", value) for value in checksums.values()))
