# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib
import io
from types import SimpleNamespace
from unittest.mock import patch

from werkzeug.datastructures import FileStorage

from odoo import http
from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user, tagged

from ..controllers.portal import PrintEstimatePortal
from ..models.print_upload_policy import (
    CHUNK,
    UPLOAD_MARGIN_MB,
    sniff,
    upload_max_content_length,
)
from .common import PrintCrmEstimateCommon
from .upload_samples import (
    ELF,
    EPS,
    EXE,
    HTML,
    PDF,
    PSD,
    REFUSED,
    SVG,
    accepted,
    image,
    lying_zip,
    zip_bomb,
    zip_of,
)

MB = 1024 * 1024


class RecordingFile(io.BytesIO):
    """A spooled upload that remembers how much each read asked for."""

    def __init__(self, data):
        super().__init__(data)
        self.reads = []

    def read(self, size=-1):
        self.reads.append(size)
        return super().read(size)


@tagged("post_install", "-at_install")
class TestPrintUploadPolicy(PrintCrmEstimateCommon):
    """The company's upload policy, without HTTP: leading bytes, names, sizes, archives."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {
                "print_artwork_extensions": "pdf, ai, eps, ps, tif, tiff, jpg, jpeg, png, psd",
                "print_artwork_max_mb": 5,
                "print_artwork_allow_zip": False,
                "print_artwork_zip_max_mb": 20,
            }
        )

    def _check(self, name, data):
        return self.company.with_user(self.module_user)._print_check_upload(
            name, data, "Artwork file"
        )

    def test_leading_bytes_tell_the_kind_of_file(self):
        self.assertEqual(sniff(PDF), "pdf")
        self.assertEqual(sniff(image("PNG")), "png")
        self.assertEqual(sniff(image("JPEG")), "jpeg")
        self.assertEqual(sniff(image("TIFF")), "tiff")
        self.assertEqual(sniff(b"MM\x00*\x00\x00\x00\x08"), "tiff")
        self.assertEqual(sniff(EPS), "ps")
        self.assertEqual(sniff(b"\xc5\xd0\xd3\xc6" + b"\x00" * 26), "eps_dos")
        self.assertEqual(sniff(PSD), "psd")
        self.assertEqual(sniff(zip_of(("a.pdf", PDF))), "zip")
        self.assertEqual(sniff(EXE), "executable")
        self.assertEqual(sniff(ELF), "executable")
        self.assertEqual(sniff(b"\xcf\xfa\xed\xfe\x07\x00\x00\x01"), "executable")
        self.assertEqual(sniff(b"#!/bin/sh\nrm -rf /\n"), "executable")
        self.assertEqual(sniff(HTML), "markup")
        self.assertEqual(sniff(SVG), "markup")
        self.assertEqual(sniff(b"\xef\xbb\xbf  \n<svg onload=alert(1)>"), "markup")
        self.assertEqual(sniff("<html>".encode("utf-16")), "markup")
        self.assertEqual(sniff(b"plain words"), None)
        self.assertEqual(sniff(b""), None)

    def test_bad_files_are_refused_naming_the_field(self):
        for name, data, message in REFUSED:
            with self.subTest(name=name), self.assertRaisesText(UserError, message) as error:
                self._check(name, data)
            self.assertTrue(str(error.exception).startswith("Artwork file: "), error.exception)

    def test_html_svg_and_programs_are_refused_even_when_listed(self):
        self.company.print_artwork_extensions = "pdf, svg, html, exe, txt"
        for name, data in (("logo.svg", SVG), ("page.html", HTML), ("run.exe", EXE)):
            with self.subTest(name=name), self.assertRaisesText(UserError, "not a file type"):
                self._check(name, data)
        # A type the shop added takes any content but a program or a web page.
        self.assertTrue(self._check("readme.txt", b"Print on the matt side."))
        for data in (HTML, SVG, EXE, ELF):
            with self.assertRaises(UserError):
                self._check("readme.txt", data)

    def test_good_files_are_accepted_with_the_type_their_content_says(self):
        for name, data, mimetype in accepted():
            with self.subTest(name=name):
                self.assertEqual(self._check(name, data), mimetype)

    def test_size_empty_and_path(self):
        with self.assertRaisesText(UserError, "Artwork file: big.pdf is larger than 5 MB"):
            self._check("big.pdf", PDF + b"0" * (5 * MB))
        with self.assertRaisesText(UserError, "is empty"):
            self._check("empty.pdf", b"")
        for name in ("../etc/passwd.pdf", "C:\\art.pdf", ".hidden.pdf", "a\x00.pdf"):
            with self.subTest(name=name), self.assertRaisesText(UserError, "without a path"):
                self._check(name, PDF)

    def test_zip_only_when_allowed_and_bounded(self):
        archive = zip_of(("cover.pdf", PDF), ("photos/shot.jpg", image("JPEG")))
        with self.assertRaisesText(UserError, "we do not accept archives"):
            self._check("files.zip", archive)
        self.company.print_artwork_allow_zip = True
        self.assertEqual(self._check("files.zip", archive), "application/zip")
        cases = [
            (zip_bomb(40), "unpacks to more than 20 MB"),
            (lying_zip(), "not a readable ZIP archive"),
            (zip_of(("run.exe", EXE)), "holds run.exe, which is not a file type"),
            (zip_of(("art.pdf", EXE)), "holds art.pdf"),
            (zip_of(("logo.svg", SVG)), "holds logo.svg"),
            (zip_of(("inner.zip", archive)), "holds inner.zip"),
            (zip_of(("../../evil.pdf", PDF)), "holds ../../evil.pdf"),
            (b"PK\x03\x04 not really a zip", "not a readable ZIP archive"),
        ]
        for data, message in cases:
            with self.subTest(message=message), self.assertRaisesText(UserError, message):
                self._check("files.zip", data)

    def test_a_stored_upload_is_copied_in_chunks(self):
        data = PDF + b"%" + b"x" * (3 * MB)
        upload = RecordingFile(data)
        attachment, checksum, size = self.company._print_upload_attachment(
            "big.pdf",
            upload,
            "Artwork file",
            res_model="res.partner",
            res_id=self.customer.id,
        )
        self.assertEqual((size, checksum), (len(data), hashlib.sha256(data).hexdigest()))
        self.assertEqual(attachment.raw, data)
        self.assertEqual(attachment.file_size, len(data))
        self.assertEqual(attachment.checksum, hashlib.sha1(data).hexdigest())
        self.assertEqual(attachment.mimetype, "application/pdf")
        self.assertTrue(upload.reads)
        self.assertTrue(all(0 < n <= CHUNK for n in upload.reads), upload.reads)

    def test_routes_read_requests_up_to_the_limit_plus_a_margin(self):
        """Odoo answers a bare 413 over 128 MiB; the routes read up to the largest limit plus
        a margin, so that a file a little over the limit gets the form's message."""
        self.company.print_artwork_max_mb = 300
        with patch("odoo.http.request", SimpleNamespace(env=self.env)):
            self.assertEqual(upload_max_content_length(None), (300 + UPLOAD_MARGIN_MB) * MB)
        routing = PrintEstimatePortal.portal_print_quote.original_routing
        self.assertIs(routing["max_content_length"], upload_max_content_length)

    def test_settings_show_the_policy(self):
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.print_artwork_max_mb, 5)
        settings.write({"print_artwork_allow_zip": True, "print_artwork_zip_max_mb": 50})
        settings.execute()
        self.assertTrue(self.company.print_artwork_allow_zip)
        self.assertEqual(self.company.print_artwork_zip_max_mb, 50)


@tagged("post_install", "-at_install")
class TestPrintQuoteUploadPortal(PrintCrmEstimateCommon, HttpCase):
    """The artwork of a quote request from the portal follows the upload policy, over HTTP."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write({"print_artwork_max_mb": 1, "print_artwork_allow_zip": False})
        cls.product = cls.env["print.portal.product"].create(
            {
                "name": "Leaflet on request",
                "product_kind": "flat",
                "finished_width": 210,
                "finished_height": 297,
                "substrate_id": cls.silk130_sra3.id,
                "quantities": "500",
            }
        )
        cls.portal_user = new_test_user(
            cls.env,
            login="print_crm_quote-upload",
            groups="base.group_portal",
            partner_id=cls.customer_contact.id,
        )

    def _request(self, name, data):
        self.authenticate(self.portal_user.login, self.portal_user.login)
        return self.url_open(
            f"/my/print_quote/{self.product.id}",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "todo": "request",
                "quantities": "500",
            },
            files={"artwork": (name, data, "application/pdf")},
            allow_redirects=False,
        )

    def _estimates(self):
        return self.env["print.estimate"].search([("partner_id", "child_of", self.customer.id)])

    def _assert_refused(self, name, data, message):
        before = self._estimates()
        attachments = self.env["ir.attachment"].search_count([])
        response = self._request(name, data)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Artwork file: ", response.text)
        self.assertIn(message, response.text)
        self.assertNotIn("o_print_quote_thanks", response.text)
        self.assertEqual(self._estimates(), before)
        self.assertEqual(self.env["ir.attachment"].search_count([]), attachments)

    def test_bad_files_are_refused_with_the_fields_message(self):
        for name, data, message in REFUSED:
            with self.subTest(name=name):
                self._assert_refused(name, data, message)

    def test_a_file_over_the_limit_gets_the_form_not_a_413(self):
        self._assert_refused("big.pdf", PDF + b"0" * MB, "is larger than 1 MB")

    def test_zip_refused_unless_allowed_and_zip_bombs_always(self):
        self._assert_refused("files.zip", zip_of(("cover.pdf", PDF)), "do not accept archives")
        self.company.write({"print_artwork_allow_zip": True, "print_artwork_zip_max_mb": 10})
        self._assert_refused("bomb.zip", zip_bomb(40), "unpacks to more than 10 MB")
        response = self._request("files.zip", zip_of(("cover.pdf", PDF)))
        self.assertIn("o_print_quote_thanks", response.text)

    def test_good_files_are_stored_as_sent_without_reading_them_whole(self):
        def no_whole_read(*args, **kwargs):
            raise AssertionError("the upload is read whole into memory")

        for name, data, mimetype in accepted()[:4]:
            with (
                self.subTest(name=name),
                patch.object(FileStorage, "read", no_whole_read, create=True),
            ):
                before = self._estimates()
                response = self._request(name, data)
                self.assertIn("o_print_quote_thanks", response.text)
                estimate = self._estimates() - before
                self.assertEqual(len(estimate), 1)
                attachment = self.env["ir.attachment"].search(
                    [("res_model", "=", "print.estimate"), ("res_id", "=", estimate.id)]
                )
                self.assertEqual((attachment.name, attachment.raw), (name, data))
                self.assertEqual(attachment.mimetype, mimetype)
