# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import json
import re
from urllib.parse import parse_qs, urlsplit

from lxml import html
from PIL import Image

from odoo.tests import HttpCase, new_test_user, tagged

from ..models.print_artwork import sha256
from .common import PDF, PrintCrmProofCommon

USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) PrintCrmPortalTest/1.0"
CUSTOMER = "print_crm_prepress-customer"
OTHER = "print_crm_prepress-noor"


def _png(width, height):
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (200, 30, 90)).save(buffer, format="PNG")
    return buffer.getvalue()


PNG = _png(40, 30)


@tagged("post_install", "-at_install")
class TestPrintProofPortal(PrintCrmProofCommon, HttpCase):
    """The customer's proofs and artwork on the portal, over HTTP."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # new_test_user named the customer's contact after its login.
        cls.customer_contact.name = "Mei Lin"
        cls.job.title = "Harbour catalogue"
        cls.other_contact = cls.env["res.partner"].create(
            {"name": "Noor Haddad", "parent_id": cls.customer2.id, "email": "noor@north.example"}
        )
        cls.other_user = new_test_user(
            cls.env,
            login=OTHER,
            name="Noor Haddad",
            groups="base.group_portal",
            partner_id=cls.other_contact.id,
        )
        cls.other_job = cls._order(
            partner_id=cls.other_contact.id, title="Northwind gala programme"
        ).print_job_ids

    # ------------------------------------------------------------------ helpers

    def _get(self, url, **kw):
        return self.url_open(url, allow_redirects=False, **kw)

    def _tree(self, response):
        return html.fromstring(response.text)

    def _text(self, tree, css_class):
        return tree.xpath(f"string(.//*[contains(@class, '{css_class}')])").strip()

    def _page_url(self, proof, token=None, **params):
        params = dict(params, **({"access_token": token} if token else {}))
        query = "&".join(f"{key}={value}" for key, value in params.items())
        return f"/my/proofs/{proof.id}" + (f"?{query}" if query else "")

    def _csrf(self, response):
        """The session's CSRF token, as the page gives it to its forms and scripts."""
        token = re.search(r'csrf_token: "([0-9a-f]+o[0-9]+)"', response.text)
        self.assertTrue(token, "the page carries a CSRF token")
        return token.group(1)

    def _answer(self, proof, data, token=None, files=None, csrf=None, answer_token=None):
        """Post an answer from the round's page, as its form does."""
        if not csrf:
            page = self._get(self._page_url(proof, token))
            self.assertEqual(page.status_code, 200)
            csrf = self._csrf(page)
        payload = dict(data, csrf_token=csrf)
        if token:
            payload["access_token"] = token
        if answer_token:
            payload["answer_token"] = answer_token
        return self.url_open(
            f"/my/proofs/{proof.id}/answer",
            data=payload,
            files=files,
            allow_redirects=False,
            headers={"User-Agent": USER_AGENT},
        )

    def _approve_over_http(self, proof, token=None, csrf=None, answer_token=None, **data):
        return self._answer(
            proof,
            dict({"decision": "approve", "signature": "Mei Lin", "approve_confirm": "1"}, **data),
            token=token,
            csrf=csrf,
            answer_token=answer_token,
        )

    def _answer_link(self, proof):
        """The answer link e-mailed to the approvers, and the answer token in it."""
        url = proof.print_answer_url
        return url, parse_qs(urlsplit(url).query)["answer_token"][0]

    def _assert_audit(self, answer, decision, files, partner=None, user=None):
        """Every audit field of an answer given over HTTP from the test client."""
        self.assertEqual(answer.decision, decision)
        self.assertEqual(answer.partner_id, partner or self.customer_contact)
        self.assertEqual(answer.user_id, user or self.customer_user)
        self.assertEqual(answer.ip_address, "127.0.0.1")
        self.assertEqual(answer.user_agent, USER_AGENT)
        self.assertTrue(answer.create_date)
        self.assertEqual(
            json.loads(answer.file_checksums), {name: sha256(data) for name, data in files}
        )

    def _assert_refused_on_page(self, response, message):
        self.assertEqual(response.status_code, 200)
        self.assertIn(message, self._text(self._tree(response), "o_print_proof_error"))

    # ------------------------------------------------------------------ the page

    def test_proof_page_shows_the_round_and_its_files(self):
        files = (("proof.pdf", PDF), ("cover.png", PNG))
        proof = self._proof(files=files, send=False)
        proof.write({"note": "Please check the colours on page 3."})
        proof.action_send()
        self.authenticate(CUSTOMER, CUSTOMER)
        response = self._get(self._page_url(proof))
        self.assertEqual(response.status_code, 200)
        tree = self._tree(response)
        self.assertIn("Harbour catalogue", tree.xpath("string(//h2)"))
        self.assertEqual(self._text(tree, "o_print_proof_round"), "1")
        self.assertEqual(self._text(tree, "o_print_proof_note"), proof.note)
        self.assertTrue(self._text(tree, "o_print_proof_due_date"))
        self.assertEqual(
            tree.xpath("//div[contains(@class, 'o_print_proof_file')]/@data-file"),
            ["proof.pdf", "cover.png"],
        )
        pdf, png = proof.file_ids
        # The PDF opens in Odoo's pdf.js viewer (thumbnails in its sidebar), from our route.
        viewer = tree.xpath("//iframe[contains(@class, 'o_print_proof_viewer')]/@src")
        self.assertEqual(len(viewer), 1)
        parts = urlsplit(viewer[0])
        self.assertEqual(parts.path, "/web/static/lib/pdfjs/web/viewer.html")
        self.assertEqual(parts.fragment, "pagemode=thumbs")
        file_url = parse_qs(parts.query)["file"][0]
        self.assertIn("%3Faccess_token%3D", parts.query, "the file's URL is URL-encoded")
        self.assertEqual(
            file_url, f"/my/proofs/{proof.id}/files/{pdf.id}?access_token={proof.access_token}"
        )
        self.assertNotIn("/web/content", response.text)
        shown = self._get(file_url)
        self.assertEqual(shown.status_code, 200)
        self.assertEqual(shown.content, PDF)
        self.assertEqual(shown.headers["Content-Type"], "application/pdf")
        self.assertTrue(shown.headers["Content-Disposition"].startswith("inline"))
        # The image is shown inline; every file can be downloaded.
        image = tree.xpath("//img[contains(@class, 'o_print_proof_image')]/@src")
        self.assertEqual(
            image, [f"/my/proofs/{proof.id}/files/{png.id}?access_token={proof.access_token}"]
        )
        self.assertEqual(self._get(image[0]).content, PNG)
        downloads = tree.xpath("//a[contains(@class, 'o_print_proof_download')]/@href")
        self.assertEqual(len(downloads), 2)
        for href, (name, data) in zip(downloads, files, strict=True):
            download = self._get(href)
            self.assertEqual(download.content, data)
            self.assertTrue(download.headers["Content-Disposition"].startswith("attachment"))
            self.assertIn(name, download.headers["Content-Disposition"])
        # Awaiting the customer: the three answers are offered.
        for form in ("o_print_proof_approve", "o_print_proof_changes", "o_print_proof_reject"):
            self.assertTrue(tree.xpath(f"//form[contains(@class, '{form}')]"), form)
        self.assertFalse(tree.xpath("//*[contains(@class, 'o_print_proof_earlier')]"))

    def test_file_route_refuses_other_customers_wrong_tokens_and_drafts(self):
        proof = self._proof()
        url = f"/my/proofs/{proof.id}/files/{proof.file_ids.id}"
        draft = self._proof(job=self._order(title="Draft only").print_job_ids, send=False)
        draft_url = f"/my/proofs/{draft.id}/files/{draft.file_ids.id}"
        other = self._proof(job=self.other_job)
        self.authenticate(OTHER, OTHER)
        self.assertEqual(self._get(url).status_code, 404)
        self.authenticate(CUSTOMER, CUSTOMER)
        self.assertEqual(self._get(url).content, PDF)
        self.assertEqual(self._get(draft_url).status_code, 404, "a draft round is not shown")
        # Another round's file through this round's URL.
        mixed = f"/my/proofs/{proof.id}/files/{other.file_ids.id}"
        self.assertEqual(self._get(mixed).status_code, 404)
        self.authenticate(None, None)
        self.assertEqual(self._get(url).status_code, 404)
        self.assertEqual(self._get(f"{url}?access_token=wrong").status_code, 404)
        self.assertEqual(self._get(f"{url}?access_token={other.access_token}").status_code, 404)
        self.assertEqual(self._get(f"{url}?access_token={proof.access_token}").content, PDF)
        draft._portal_ensure_token()
        self.assertEqual(
            self._get(f"{draft_url}?access_token={draft.access_token}").status_code, 404
        )

    def test_list_and_home_show_own_sent_proofs_only(self):
        sent = self._proof()
        second_job = self._order(title="Harbour bookmarks").print_job_ids
        answered = self._proof(job=second_job)
        self._approve(answered)
        draft = self._proof(job=self._order(title="Not sent yet").print_job_ids, send=False)
        cancelled = self._proof(job=self._order(title="Cancelled proof").print_job_ids)
        cancelled.action_cancel()
        other = self._proof(job=self.other_job)
        self.authenticate(CUSTOMER, CUSTOMER)
        response = self._get("/my/proofs")
        self.assertEqual(response.status_code, 200)
        tree = self._tree(response)
        listed = tree.xpath("//tbody[contains(@class, 'o_print_proof_list')]/tr/@data-proof")
        self.assertCountEqual(listed, [sent.name, answered.name])
        for hidden in (draft, cancelled, other):
            self.assertNotIn(hidden.name, response.text)
        self.assertNotIn("Northwind gala programme", response.text)
        # The round awaiting the customer stands out.
        row = tree.xpath(f"//tr[@data-proof='{sent.name}']")[0]
        self.assertIn("fw-bold", row.get("class"))
        self.assertEqual(self._text(row, "o_print_proof_status"), "Awaiting Customer")
        to_answer = self._get("/my/proofs?filterby=to_answer")
        self.assertEqual(
            self._tree(to_answer).xpath("//tbody/tr/@data-proof"), [sent.name], "to answer only"
        )
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["print_proof_count", "print_proof_to_answer_count"]}
        )
        self.assertEqual(counters, {"print_proof_count": 2, "print_proof_to_answer_count": 1})
        home = self._get("/my").text
        self.assertIn('href="/my/proofs"', home)
        self.assertIn('href="/my/proofs?filterby=to_answer"', home)
        self.authenticate(OTHER, OTHER)
        self.assertEqual(
            self._tree(self._get("/my/proofs")).xpath("//tbody/tr/@data-proof"), [other.name]
        )

    def test_another_customers_proof_and_a_wrong_token_are_refused(self):
        proof = self._proof()
        self.authenticate(OTHER, OTHER)
        response = self._get(self._page_url(proof))
        self.assertIn(response.status_code, (302, 303))
        self.assertTrue(response.headers["Location"].endswith("/my"))
        self.assertNotIn("Harbour catalogue", response.text)
        # Its answer route too, even with a valid CSRF token of the other customer's session.
        csrf = self._csrf(self._get("/my/proofs"))
        posted = self.url_open(
            f"/my/proofs/{proof.id}/answer",
            data={"decision": "reject", "comment": "not mine", "csrf_token": csrf},
            allow_redirects=False,
        )
        self.assertIn(posted.status_code, (302, 303))
        self.assertFalse(proof.answer_ids)
        self.authenticate(None, None)
        for token in (None, "wrong", self._proof(job=self.other_job).access_token):
            with self.subTest(token=token):
                refused = self._get(self._page_url(proof, token))
                self.assertIn(refused.status_code, (302, 303))
                self.assertNotIn("Harbour catalogue", refused.text)
        posted = self.url_open(
            f"/my/proofs/{proof.id}/answer",
            data={
                "decision": "approve",
                "signature": "Mei Lin",
                "approve_confirm": "1",
                "access_token": "wrong",
                "csrf_token": self._csrf(self._get("/web/login")),
            },
            allow_redirects=False,
        )
        self.assertIn(posted.status_code, (302, 303))
        self.assertFalse(proof.answer_ids)
        # The round's answer link opens it, for the customer contact.
        good = self._get(self._answer_link(proof)[0])
        self.assertEqual(good.status_code, 200)
        self.assertIn("Mei Lin", self._tree(good).xpath("string(//*[@id='answer'])"))

    # ------------------------------------------------------------------ the answer

    def test_approval_over_http_records_every_audit_field(self):
        files = (("front.pdf", PDF), ("back.pdf", PDF + b"%back"))
        proof = self._proof(files=files)
        self.authenticate(CUSTOMER, CUSTOMER)
        response = self._approve_over_http(proof)
        self.assertIn(response.status_code, (302, 303))
        answer = proof.answer_ids
        self.assertEqual(len(answer), 1)
        self._assert_audit(answer, "approve", files)
        self.assertEqual(answer.signature, "Mei Lin")
        self.assertEqual(proof.state, "approved")
        page = self._get(response.headers["Location"])
        tree = self._tree(page)
        self.assertIn("approved for printing", self._text(tree, "o_print_proof_answered"))
        self.assertFalse(tree.xpath("//form[contains(@action, '/answer')]"), "no more answers")
        self.assertIn("Mei Lin", self._text(tree, "o_print_proof_approval"))

    def test_changes_over_http_with_a_marked_up_file(self):
        proof = self._proof()
        self.authenticate(CUSTOMER, CUSTOMER)
        markup = PDF + b"% red circles"
        response = self._answer(
            proof,
            {"decision": "changes", "comment": "Logo too small on page 1"},
            files={"markup": ("proof-marked.pdf", markup, "application/pdf")},
        )
        self.assertIn(response.status_code, (302, 303))
        answer = proof.answer_ids
        self._assert_audit(answer, "changes", (("proof.pdf", PDF),))
        self.assertEqual(answer.comment, "Logo too small on page 1")
        self.assertEqual(answer.markup_attachment_id.name, "proof-marked.pdf")
        self.assertEqual(answer.markup_attachment_id.raw, markup)
        self.assertEqual(proof.state, "changes")
        self.assertEqual(proof.next_id.state, "draft", "prepress prepares the next round")
        tree = self._tree(self._get(response.headers["Location"]))
        self.assertIn("changes are sent", self._text(tree, "o_print_proof_answered"))

    def test_rejection_over_http(self):
        proof = self._proof()
        self.authenticate(CUSTOMER, CUSTOMER)
        response = self._answer(proof, {"decision": "reject", "comment": "Wrong job entirely"})
        self.assertIn(response.status_code, (302, 303))
        self._assert_audit(proof.answer_ids, "reject", (("proof.pdf", PDF),))
        self.assertEqual(proof.answer_ids.comment, "Wrong job entirely")
        self.assertEqual(proof.state, "rejected")

    def test_incomplete_answers_are_refused_with_the_message(self):
        proof = self._proof()
        self.authenticate(CUSTOMER, CUSTOMER)
        cases = [
            ({"decision": "approve", "signature": "Mei Lin"}, "Tick “I approve this proof"),
            ({"decision": "approve", "signature": "  ", "approve_confirm": "1"}, "Signature"),
            ({"decision": "changes", "comment": " "}, "Comments"),
            ({"decision": "reject"}, "Comments"),
        ]
        for data, message in cases:
            with self.subTest(data=data):
                self._assert_refused_on_page(self._answer(proof, data), message)
        # A marked-up file the shop does not take is refused too, and not stored.
        attachments = self.env["ir.attachment"].search_count([])
        refused = self._answer(
            proof,
            {"decision": "changes", "comment": "See file"},
            files={"markup": ("notes.docx", b"PK\x03\x04 word", "application/msword")},
        )
        self._assert_refused_on_page(refused, "not a file type we accept")
        self.assertEqual(self.env["ir.attachment"].search_count([]), attachments)
        self.assertFalse(proof.answer_ids)
        self.assertEqual(proof.state, "sent")
        # The page keeps what was typed.
        tree = self._tree(refused)
        self.assertEqual(
            tree.xpath("string(//form[contains(@class, 'o_print_proof_changes')]//textarea)"),
            "See file",
        )

    def test_an_answer_without_csrf_token_is_refused(self):
        proof = self._proof()
        self.authenticate(CUSTOMER, CUSTOMER)
        with self.assertLogs("odoo.http", "WARNING") as logs:
            response = self.url_open(
                f"/my/proofs/{proof.id}/answer",
                data={"decision": "approve", "signature": "Mei Lin", "approve_confirm": "1"},
                allow_redirects=False,
            )
        self.assertEqual(response.status_code, 400)
        self.assertIn("No CSRF validation token", logs.output[0])
        with self.assertLogs("odoo.http", "WARNING"):
            forged = self.url_open(
                f"/my/proofs/{proof.id}/answer",
                data={"decision": "reject", "comment": "x", "csrf_token": "0" * 40 + "o1"},
                allow_redirects=False,
            )
        self.assertEqual(forged.status_code, 400)
        self.assertFalse(proof.answer_ids)
        self.assertEqual(proof.state, "sent")

    def test_a_second_answer_is_refused(self):
        proof = self._proof()
        self.authenticate(CUSTOMER, CUSTOMER)
        # Two tabs open on the same round: the first approves, the second asks for changes.
        csrf = self._csrf(self._get(self._page_url(proof)))
        self.assertIn(self._approve_over_http(proof, csrf=csrf).status_code, (302, 303))
        second = self.url_open(
            f"/my/proofs/{proof.id}/answer",
            data={"decision": "changes", "comment": "One more thing", "csrf_token": csrf},
            allow_redirects=False,
        )
        self._assert_refused_on_page(second, "no longer awaiting an answer")
        self.assertEqual(proof.answer_ids.decision, "approve")
        self.assertEqual(proof.state, "approved")

    def test_an_approved_round_takes_no_answer_and_keeps_its_files(self):
        proof = self._proof()
        self._approve(proof)
        files = proof.file_ids
        self.authenticate(CUSTOMER, CUSTOMER)
        page = self._get(self._page_url(proof))
        tree = self._tree(page)
        self.assertEqual(self._text(tree, "o_print_proof_status"), "Approved")
        self.assertFalse(tree.xpath("//form[contains(@action, '/answer')]"))
        response = self._answer(
            proof, {"decision": "changes", "comment": "Change it after all"}, csrf=self._csrf(page)
        )
        self._assert_refused_on_page(response, "no longer awaiting an answer")
        # Approving again shows the approval already given.
        response = self._approve_over_http(proof, csrf=self._csrf(page))
        self.assertIn(f"answered={proof.answer_ids.id}", response.headers["Location"])
        self.assertEqual(len(proof.answer_ids), 1)
        self.assertEqual(proof.state, "approved")
        self.assertEqual(proof.file_ids, files)
        self.assertEqual(files.attachment_id.raw, PDF)

    def test_a_visitor_with_the_link_answers_for_the_customer_contact(self):
        proof = self._proof()
        url, answer_token = self._answer_link(proof)
        self.authenticate(None, None)
        page = self._get(url)
        form = self._tree(page).xpath("//form[contains(@class, 'o_print_proof_approve')]")
        self.assertEqual(form[0].xpath(".//input[@name='answer_token']/@value"), [answer_token])
        response = self._approve_over_http(
            proof, token=proof.access_token, answer_token=answer_token, csrf=self._csrf(page)
        )
        self.assertIn(response.status_code, (302, 303))
        self.assertIn(f"access_token={proof.access_token}", response.headers["Location"])
        public = self.env.ref("base.public_user")
        self._assert_audit(proof.answer_ids, "approve", (("proof.pdf", PDF),), user=public)
        self.assertEqual(proof.state, "approved")

    def test_every_approver_approves_from_their_own_account(self):
        buyer = self.env["res.partner"].create(
            {"name": "Jun Park", "parent_id": self.customer.id, "email": "jun@harbour.example"}
        )
        new_test_user(
            self.env,
            login="print-proof-jun",
            name="Jun Park",
            groups="base.group_portal",
            partner_id=buyer.id,
        )
        colleague = self.env["res.partner"].create(
            {"name": "Ada Colleague", "parent_id": self.customer.id, "email": "ada@harbour.example"}
        )
        new_test_user(
            self.env,
            login="print-proof-ada",
            name="Ada Colleague",
            groups="base.group_portal",
            partner_id=colleague.id,
        )
        proof = self._proof(send=False)
        proof.approver_ids = self.customer_contact | buyer
        proof.action_send()
        self.authenticate(CUSTOMER, CUSTOMER)
        self._approve_over_http(proof)
        self.assertEqual(proof.state, "sent", "Jun has not approved yet")
        tree = self._tree(self._get(self._page_url(proof)))
        self.assertIn("Mei Lin", self._text(tree, "o_print_proof_approval"))
        self.assertIn("Jun Park", self._text(tree, "o_print_proof_waiting"))
        self.assertFalse(tree.xpath("//*[@id='answer']"), "Mei already approved")
        # A colleague who is not an approver sees the proof but does not answer it.
        self.authenticate("print-proof-ada", "print-proof-ada")
        tree = self._tree(self._get(self._page_url(proof)))
        self.assertFalse(tree.xpath("//*[@id='answer']"))
        self.assertIn("Jun Park", self._text(tree, "o_print_proof_not_approver"))
        refused = self._approve_over_http(proof, signature="Ada Colleague")
        self._assert_refused_on_page(refused, "Only the approvers of this proof")
        self.assertEqual(len(proof.answer_ids), 1)
        self.authenticate("print-proof-jun", "print-proof-jun")
        self.assertTrue(self._tree(self._get(self._page_url(proof))).xpath("//*[@id='answer']"))
        self._approve_over_http(proof, signature="Jun Park")
        self.assertEqual(proof.state, "approved")
        self.assertEqual(proof.answer_ids.partner_id, self.customer_contact | buyer)

    def test_the_page_lists_earlier_rounds_with_customer_side_names(self):
        first = self._proof()
        first.with_user(self.customer_user)._answer(
            "changes", self.customer_contact, comment="Bigger logo"
        )
        second = first.next_id
        self.env["print.proof.file"].with_user(self.prepress)._add(second, "proof-v2.pdf", PDF)
        second.action_send()
        self.authenticate(CUSTOMER, CUSTOMER)
        page = self._get(self._page_url(second))
        tree = self._tree(page)
        rows = tree.xpath("//*[contains(@class, 'o_print_proof_earlier')]//tbody/tr")
        self.assertEqual([row.get("data-round") for row in rows], ["1"])
        earlier = rows[0].text_content()
        for text in ("Changes Requested", "Mei Lin", "Bigger logo"):
            self.assertIn(text, earlier)
        self.assertNotIn(self.prepress.name, page.text)
        # The first round's page sends the customer on to the newer round.
        first_page = self._tree(self._get(self._page_url(first)))
        self.assertIn("round 2", self._text(first_page, "o_print_proof_newer"))

    def test_the_order_page_lists_its_proofs(self):
        proof = self._proof()
        self.authenticate(CUSTOMER, CUSTOMER)
        tree = self._tree(self._get(self.job.sale_order_id.get_portal_url()))
        rows = tree.xpath("//section[@id='print_proofs']//tr[@data-proof]")
        self.assertEqual([row.get("data-proof") for row in rows], [proof.name])
        link = rows[0].xpath(".//a/@href")[0]
        self.assertEqual(self._get(link).status_code, 200)

    # ------------------------------------------------------------------ artwork

    def _job_page(self, job, token=None):
        return self._get(f"/my/print_jobs/{job.id}" + (f"?access_token={token}" if token else ""))

    def _upload(self, job, name, data, note="", token=None, csrf=None, upload_token=None):
        payload = {"note": note, "csrf_token": csrf or self._csrf(self._job_page(job, token))}
        if token:
            payload["access_token"] = token
        if upload_token:
            payload["upload_token"] = upload_token
        return self.url_open(
            f"/my/print_jobs/{job.id}/artwork",
            data=payload,
            files={"artwork": (name, data, "application/octet-stream")},
            allow_redirects=False,
        )

    def test_artwork_upload_makes_a_new_version_and_withdraws_the_approval(self):
        first = (
            self.env["print.artwork"].with_user(self.prepress)._upload(self.job, "artwork.pdf", PDF)
        )
        proof = self._proof()
        self._approve(proof)
        self.authenticate(CUSTOMER, CUSTOMER)
        tree = self._tree(self._job_page(self.job))
        self.assertEqual(
            tree.xpath("//table[contains(@class, 'o_print_artwork_versions')]//tr/@data-version"),
            ["1"],
        )
        self.assertEqual(self._text(tree, "o_print_artwork_source"), "Our prepress team")
        self.assertTrue(tree.xpath("//form[contains(@class, 'o_print_artwork_upload')]"))
        self.assertEqual(
            tree.xpath("//*[@id='proofs']//tr/@data-proof"), [proof.name], "its proofs listed"
        )
        data = PDF + b"% final"
        response = self._upload(self.job, "artwork-final.pdf", data, note="Fixed the bleed")
        self.assertIn(response.status_code, (302, 303))
        second = self.job.print_artwork_ids - first
        self.assertEqual(
            (second.version, second.name, second.source), (2, "artwork-final.pdf", "portal")
        )
        self.assertEqual(second.uploaded_by_id, self.customer_user)
        self.assertEqual(second.note, "Fixed the bleed")
        self.assertEqual(second.checksum, sha256(data))
        self.assertEqual(second.attachment_id.raw, data)
        self.assertTrue(second.is_current)
        self.assertFalse(first.is_current)
        self.assertEqual(first.attachment_id.raw, PDF, "the first version is kept")
        self.assertEqual(proof.state, "withdrawn")
        activity = self.job.activity_ids.filtered(lambda a: "New artwork" in a.summary)
        self.assertEqual(activity.user_id, self.prepress)
        page = self._get(response.headers["Location"])
        tree = self._tree(page)
        self.assertIn("artwork-final.pdf", self._text(tree, "o_print_artwork_uploaded"))
        rows = tree.xpath(
            "//table[contains(@class, 'o_print_artwork_versions')]//tr[@data-version]"
        )
        self.assertEqual([row.get("data-version") for row in rows], ["2", "1"])
        self.assertIn("Mei Lin", rows[0].text_content())
        self.assertEqual(self._text(tree, "o_print_proof_status"), "Approval Withdrawn")

    def test_bad_artwork_uploads_are_refused_and_nothing_stored(self):
        self.company.print_artwork_max_mb = 1
        cases = [
            ("notes.docx", PDF, "not a file type we accept"),
            ("big.pdf", b"%PDF" + b"0" * (1024 * 1024 + 1), "larger than 1 MB"),
            ("empty.pdf", b"", "is empty"),
            ("../../etc/passwd.pdf", PDF, "without a path"),
            ("C:\\files\\art.pdf", PDF, "without a path"),
        ]
        self.authenticate(CUSTOMER, CUSTOMER)
        attachments = self.env["ir.attachment"].search_count([])
        for name, data, message in cases:
            with self.subTest(name=name):
                response = self._upload(self.job, name, data, note="keep me")
                self.assertEqual(response.status_code, 200)
                tree = self._tree(response)
                self.assertIn(message, self._text(tree, "o_print_artwork_error"))
                self.assertEqual(tree.xpath("string(//textarea[@name='note'])"), "keep me")
        self.assertFalse(self.job.print_artwork_ids)
        self.assertEqual(self.env["ir.attachment"].search_count([]), attachments)

    def test_artwork_upload_refused_for_another_customer_and_a_finished_job(self):
        self.authenticate(OTHER, OTHER)
        csrf = self._csrf(self._get("/my/print_jobs"))
        response = self._upload(self.job, "artwork.pdf", PDF, csrf=csrf)
        self.assertIn(response.status_code, (302, 303))
        self.assertTrue(response.headers["Location"].endswith("/my"))
        self.authenticate(None, None)
        csrf = self._csrf(self._get("/web/login"))
        response = self._upload(self.job, "artwork.pdf", PDF, token="wrong", csrf=csrf)
        self.assertIn(response.status_code, (302, 303))
        self.assertFalse(self.job.print_artwork_ids)
        # A cancelled job shows its artwork but takes no new version.
        cancelled_order = self._order(title="Withdrawn leaflet")
        cancelled_order._action_cancel()
        cancelled = cancelled_order.print_job_ids
        self.authenticate(CUSTOMER, CUSTOMER)
        page = self._job_page(cancelled)
        tree = self._tree(page)
        self.assertTrue(tree.xpath("//*[@id='artwork']"))
        self.assertFalse(tree.xpath("//form[contains(@class, 'o_print_artwork_upload')]"))
        refused = self._upload(cancelled, "artwork.pdf", PDF, csrf=self._csrf(page))
        self.assertIn("is finished", self._text(self._tree(refused), "o_print_artwork_error"))
        self.assertFalse(cancelled.print_artwork_ids)

    def _upload_link(self, job):
        """The job's artwork upload link (shown to prepress), and the upload token in it."""
        url = job.print_artwork_upload_url
        return url, parse_qs(urlsplit(url).query)["upload_token"][0]

    def test_artwork_upload_with_the_upload_link_and_an_image_kept_as_sent(self):
        url, upload_token = self._upload_link(self.job)
        large = _png(2600, 40)  # Odoo shrinks attachments wider than 1920 px unless told not to
        self.authenticate(None, None)
        page = self._get(url)
        self.assertEqual(page.status_code, 200)
        form = self._tree(page).xpath("//form[contains(@class, 'o_print_artwork_upload')]")
        self.assertEqual(form[0].xpath(".//input[@name='upload_token']/@value"), [upload_token])
        response = self._upload(
            self.job,
            "banner.png",
            large,
            token=self.job.access_token,
            upload_token=upload_token,
            csrf=self._csrf(page),
        )
        self.assertIn(response.status_code, (302, 303))
        self.assertIn(f"access_token={self.job.access_token}", response.headers["Location"])
        artwork = self.job.print_artwork_ids
        self.assertEqual(artwork.attachment_id.raw, large)
        self.assertEqual(artwork.checksum, sha256(large))
        self.assertEqual(artwork.source, "portal")

    def test_the_jobs_read_link_does_not_upload(self):
        url, upload_token = self._upload_link(self.job)
        __, other_token = self._upload_link(self.other_job)
        self.authenticate(None, None)
        page = self._job_page(self.job, self.job.access_token)
        self.assertEqual(page.status_code, 200, "the read link shows the job")
        self.assertFalse(
            self._tree(page).xpath("//form[contains(@class, 'o_print_artwork_upload')]")
        )
        csrf = self._csrf(page)
        for wrong in (None, "wrong", other_token, self.job.access_token):
            with self.subTest(upload_token=wrong):
                response = self._upload(
                    self.job,
                    "artwork.pdf",
                    PDF,
                    token=self.job.access_token,
                    upload_token=wrong,
                    csrf=csrf,
                )
                self.assertIn(response.status_code, (302, 303, 403))
        # The upload token alone opens nothing either.
        response = self._upload(self.job, "artwork.pdf", PDF, upload_token=upload_token, csrf=csrf)
        self.assertIn(response.status_code, (302, 303, 403))
        self.assertFalse(self.job.print_artwork_ids)

    def test_a_job_in_production_takes_no_new_artwork(self):
        url, upload_token = self._upload_link(self.job)
        self._approve(self._proof())
        self.job.write({"stage_id": self.stage["plates"].id})
        self.authenticate(None, None)
        page = self._get(url)
        self.assertFalse(
            self._tree(page).xpath("//form[contains(@class, 'o_print_artwork_upload')]")
        )
        self.assertIn("in production", self._text(self._tree(page), "o_print_artwork_locked"))
        response = self._upload(
            self.job,
            "late-change.pdf",
            PDF,
            token=self.job.access_token,
            upload_token=upload_token,
            csrf=self._csrf(page),
        )
        self.assertIn("in production", self._text(self._tree(response), "o_print_artwork_error"))
        self.authenticate(CUSTOMER, CUSTOMER)
        response = self._upload(self.job, "late-change.pdf", PDF)
        self.assertIn("in production", self._text(self._tree(response), "o_print_artwork_error"))
        self.assertFalse(self.job.print_artwork_ids)
        self.assertEqual(self.job.print_proof_id.state, "approved", "the approval holds")

    def test_the_rounds_read_link_does_not_answer(self):
        proof = self._proof()
        __, answer_token = self._answer_link(proof)
        other = self._proof(job=self.other_job)
        __, other_token = self._answer_link(other)
        self.authenticate(None, None)
        # The order's link leads to the round's read link: it shows the round, no answer.
        order_page = self._get(self.job.sale_order_id.get_portal_url())
        href = self._tree(order_page).xpath("//section[@id='print_proofs']//a/@href")[0]
        self.assertIn(f"access_token={proof.access_token}", href)
        page = self._get(href)
        self.assertEqual(page.status_code, 200)
        tree = self._tree(page)
        self.assertFalse(tree.xpath("//form[contains(@action, '/answer')]"))
        self.assertIn("open the link of the e-mail", self._text(tree, "o_print_proof_link_only"))
        csrf = self._csrf(page)
        for wrong in (None, "wrong", other_token, proof.access_token):
            with self.subTest(answer_token=wrong):
                response = self._approve_over_http(
                    proof, token=proof.access_token, answer_token=wrong, csrf=csrf
                )
                self._assert_refused_on_page(response, "open the link of the e-mail")
        self.assertFalse(proof.answer_ids)
        self.assertEqual(proof.state, "sent")
        response = self._approve_over_http(
            proof, token=proof.access_token, answer_token=answer_token, csrf=csrf
        )
        self.assertIn(response.status_code, (302, 303))
        self.assertEqual(proof.state, "approved")

    def test_a_repeated_approval_shows_the_answer_already_given(self):
        proof = self._proof()
        self.authenticate(CUSTOMER, CUSTOMER)
        csrf = self._csrf(self._get(self._page_url(proof)))
        first = self._approve_over_http(proof, csrf=csrf)
        second = self._approve_over_http(proof, csrf=csrf)  # the double click
        self.assertIn(second.status_code, (302, 303))
        self.assertEqual(second.headers["Location"], first.headers["Location"])
        self.assertEqual(len(proof.answer_ids), 1)
        tree = self._tree(self._get(second.headers["Location"]))
        self.assertIn("approved for printing", self._text(tree, "o_print_proof_answered"))
        self.assertFalse(tree.xpath("//*[contains(@class, 'o_print_proof_error')]"))

    # ------------------------------------------------------------------ browser

    def test_tour_customer_requests_changes_then_approves_the_next_round(self):
        first = self._proof()
        self.start_tour("/my", "print_crm_proof_changes_tour", login=CUSTOMER)
        self.assertEqual(first.state, "changes")
        self.assertEqual(
            first.answer_ids.comment, "Please make the logo on the cover twice as large."
        )
        self.assertEqual(first.answer_ids.ip_address, "127.0.0.1")
        # Prepress prepares and sends round 2.
        second = first.next_id
        self.env["print.proof.file"].with_user(self.prepress)._add(
            second, "proof-v2.pdf", PDF + b"%2"
        )
        second.with_user(self.prepress).action_send()
        self.start_tour("/my", "print_crm_proof_approve_tour", login=CUSTOMER)
        self.assertEqual(second.state, "approved")
        answer = second.answer_ids
        self.assertEqual((answer.decision, answer.signature), ("approve", "Mei Lin"))
        self.assertEqual(answer.user_id, self.customer_user)
        self.assertIn("Chrome", answer.user_agent)
        self.assertEqual(json.loads(answer.file_checksums), {"proof-v2.pdf": sha256(PDF + b"%2")})

    # ------------------------------------------------------------------ queries

    def _add_rounds(self, job, count):
        """``count`` rounds answered with changes, then a new round sent; returns it."""
        proof = job.print_proof_ids.filtered(lambda p: p.state == "sent")[:1] or self._proof(job)
        for i in range(count):
            proof.with_user(self.customer_user)._answer(
                "changes", self.customer_contact, comment=f"Change {i}"
            )
            proof = proof.next_id
            self.env["print.proof.file"].with_user(self.prepress)._add(
                proof, f"proof-{proof.round}.pdf", PDF + b"%" + str(i).encode()
            )
            proof.action_send()
        return proof

    def _page_queries(self, proof):
        """SQL queries of one warm GET of the round's page (see _list_queries of
        print_crm_tracking's portal tests)."""
        url = self._page_url(proof)
        self.url_open(url)
        self.env.flush_all()
        before = self.cr.sql_log_count
        response = self._get(url)
        count = self.cr.sql_log_count - before
        self.assertEqual(response.status_code, 200)
        return count, len(
            self._tree(response).xpath("//*[contains(@class, 'o_print_proof_earlier')]//tbody/tr")
        )

    def test_proof_page_costs_the_same_queries_for_1_and_10_earlier_rounds(self):
        job = self._order(title="Many rounds").print_job_ids
        self.authenticate(CUSTOMER, CUSTOMER)
        queries_1, rows_1 = self._page_queries(self._add_rounds(job, 1))
        queries_10, rows_10 = self._page_queries(self._add_rounds(job, 9))
        self.assertEqual((rows_1, rows_10), (1, 10))
        self.assertEqual(queries_10, queries_1)
        self.assertLessEqual(queries_1, 25)
