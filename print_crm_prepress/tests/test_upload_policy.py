# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64
import re
from urllib.parse import parse_qsl, urlencode, urlsplit

from lxml import html

from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from odoo.addons.print_crm_quote.tests.upload_samples import (
    PDF,
    REFUSED,
    accepted,
    zip_bomb,
    zip_of,
)

from .common import PrintCrmProofCommon

MB = 1024 * 1024
CUSTOMER = "print_crm_prepress-customer"


@tagged("post_install", "-at_install")
class TestPrintPrepressUploadPolicy(PrintCrmProofCommon, HttpCase):
    """Artwork and marked-up files, from the portal (logged in or with the document's link)
    and from the back-office wizard, follow the company's one upload policy."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"print_artwork_max_mb": 1, "print_artwork_allow_zip": False})

    # ------------------------------------------------------------------ helpers

    def _csrf(self, response):
        token = re.search(r'csrf_token: "([0-9a-f]+o[0-9]+)"', response.text)
        self.assertTrue(token, "the page carries a CSRF token")
        return token.group(1)

    def _error(self, response, css_class):
        tree = html.fromstring(response.text)
        return tree.xpath(f"string(.//*[contains(@class, '{css_class}')])").strip()

    def _upload_artwork(self, name, data, token=None):
        """``token``: the query parameters of the job's link (its access and upload tokens)."""
        query = f"?{urlencode(token)}" if token else ""
        page = self.url_open(f"/my/print_jobs/{self.job.id}{query}", allow_redirects=False)
        payload = dict(token or {}, csrf_token=self._csrf(page), note="")
        return self.url_open(
            f"/my/print_jobs/{self.job.id}/artwork",
            data=payload,
            files={"artwork": (name, data, "application/pdf")},
            allow_redirects=False,
        )

    def _answer_with_markup(self, proof, name, data, token=None):
        query = f"?{urlencode(token)}" if token else ""
        page = self.url_open(f"/my/proofs/{proof.id}{query}", allow_redirects=False)
        payload = dict(
            token or {},
            csrf_token=self._csrf(page),
            decision="changes",
            comment="Darker blue on page 2",
        )
        return self.url_open(
            f"/my/proofs/{proof.id}/answer",
            data=payload,
            files={"markup": (name, data, "application/pdf")},
            allow_redirects=False,
        )

    def _routes(self):
        """(label, upload function, error class, what was stored) of each portal upload route,
        logged in and with the document's link."""
        self.job._portal_ensure_token()
        job_link = {"access_token": self.job.access_token}
        if "print_artwork_upload_url" in self.job._fields:  # a link scoped to the upload
            job_link = dict(parse_qsl(urlsplit(self.job.print_artwork_upload_url).query))
        proof = self._proof()
        proof._portal_ensure_token()
        proof_link = {"access_token": proof.access_token}
        if "print_answer_url" in proof._fields:  # a link scoped to the answer
            proof_link = dict(parse_qsl(urlsplit(proof.print_answer_url).query))

        def artwork(name, data, token=None):
            return self._upload_artwork(name, data, token=token)

        def markup(name, data, token=None):
            return self._answer_with_markup(proof, name, data, token=token)

        def stored():
            return (
                len(self.job.print_artwork_ids),
                len(proof.answer_ids),
                self.env["ir.attachment"].search_count([]),
            )

        return [
            ("artwork", artwork, "o_print_artwork_error", "Artwork file: ", job_link),
            ("markup", markup, "o_print_proof_error", "Marked-up file: ", proof_link),
        ], stored

    def _assert_refused(self, upload, error_class, field, name, data, message, stored, token):
        before = stored()
        response = upload(name, data, token=token)
        self.assertEqual(response.status_code, 200, response.text[:300])
        error = self._error(response, error_class)
        self.assertTrue(error.startswith(field), error)
        self.assertIn(message, error)
        self.assertEqual(stored(), before, "nothing stored")

    # ------------------------------------------------------------------ portal

    def test_bad_files_are_refused_on_every_portal_route(self):
        routes, stored = self._routes()
        for label, upload, error_class, field, token in routes:
            for login, link in ((CUSTOMER, None), (None, token)):
                self.authenticate(login, login)
                for name, data, message in REFUSED:
                    with self.subTest(route=label, login=login, name=name):
                        self._assert_refused(
                            upload, error_class, field, name, data, message, stored, link
                        )

    def test_too_large_zip_and_zip_bomb_on_every_portal_route(self):
        routes, stored = self._routes()
        self.authenticate(CUSTOMER, CUSTOMER)
        for label, upload, error_class, field, __ in routes:
            with self.subTest(route=label):
                self.company.write({"print_artwork_allow_zip": False})
                self._assert_refused(
                    upload,
                    error_class,
                    field,
                    "big.pdf",
                    PDF + b"0" * MB,
                    "larger than 1 MB",
                    stored,
                    None,
                )
                self._assert_refused(
                    upload,
                    error_class,
                    field,
                    "files.zip",
                    zip_of(("a.pdf", PDF)),
                    "do not accept archives",
                    stored,
                    None,
                )
                self.company.write(
                    {"print_artwork_allow_zip": True, "print_artwork_zip_max_mb": 10}
                )
                self._assert_refused(
                    upload,
                    error_class,
                    field,
                    "bomb.zip",
                    zip_bomb(40),
                    "unpacks to more than 10 MB",
                    stored,
                    None,
                )

    def test_good_files_are_stored_as_sent(self):
        self.authenticate(CUSTOMER, CUSTOMER)
        for name, data, mimetype in accepted()[:4]:
            with self.subTest(name=name):
                response = self._upload_artwork(name, data)
                self.assertIn(response.status_code, (302, 303))
                version = self.job.print_artwork_id
                self.assertEqual((version.name, version.attachment_id.raw), (name, data))
                self.assertEqual(version.mimetype, mimetype)
                self.assertEqual(version.file_size, len(data))
        proof = self._proof()
        response = self._answer_with_markup(proof, "marked.pdf", PDF)
        self.assertIn(response.status_code, (302, 303))
        self.assertEqual(proof.answer_ids.markup_attachment_id.raw, PDF)

    # ------------------------------------------------------------------ back office

    def test_the_back_office_wizard_refuses_the_same_files(self):
        Wizard = self.env["print.artwork.upload.wizard"].with_user(self.prepress)
        cases = REFUSED + [("big.pdf", PDF + b"0" * MB, "larger than 1 MB")]
        for name, data, message in cases:
            with self.subTest(name=name), self.assertRaises(UserError) as caught:
                wizard = Wizard.create(
                    {"job_id": self.job.id, "file": base64.b64encode(data), "filename": name}
                )
                wizard.action_upload()
            self.assertIn("Artwork file: ", str(caught.exception))
            self.assertIn(message, str(caught.exception))
        self.assertFalse(self.job.print_artwork_ids)
        for name, data, mimetype in accepted():
            with self.subTest(name=name):
                wizard = Wizard.create(
                    {"job_id": self.job.id, "file": base64.b64encode(data), "filename": name}
                )
                wizard.action_upload()
                self.assertEqual(self.job.print_artwork_id.attachment_id.raw, data)
                self.assertEqual(self.job.print_artwork_id.mimetype, mimetype)
