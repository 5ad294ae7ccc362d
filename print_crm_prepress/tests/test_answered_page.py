# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import html

from odoo.tests import HttpCase, new_test_user, tagged

from .common import PDF, PrintCrmProofCommon
from .test_portal import CUSTOMER

MARKUP = PDF + b"%markup"


@tagged("post_install", "-at_install")
class TestPrintProofAnsweredPage(PrintCrmProofCommon, HttpCase):
    """An answered round's page shows what the customer answered: comment and file."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.proof = cls._proof()
        cls.proof.with_user(cls.customer_user)._answer(
            "changes",
            cls.customer_contact,
            comment="Please make the logo twice as large.",
            markup=("logo-notes.pdf", MARKUP),
        )
        cls.answer = cls.proof.answer_ids
        other_contact = cls.env["res.partner"].create(
            {"name": "Noor Haddad", "parent_id": cls.customer2.id}
        )
        cls.other_user = new_test_user(
            cls.env,
            login="print_crm_prepress-noor-answered",
            groups="base.group_portal",
            partner_id=other_contact.id,
        )

    def _markup_url(self, token=None):
        url = f"/my/proofs/{self.proof.id}/answers/{self.answer.id}/markup"
        return f"{url}?access_token={token}" if token else url

    def test_the_page_shows_the_customers_comment_and_marked_up_file(self):
        self.authenticate(CUSTOMER, CUSTOMER)
        tree = html.fromstring(self.url_open(f"/my/proofs/{self.proof.id}").text)
        box = tree.xpath("//*[contains(@class, 'o_print_proof_answers')]")
        self.assertTrue(box, "the answers are on the page")
        text = box[0].text_content()
        self.assertIn("Please make the logo twice as large.", text)
        self.assertIn("Changes Requested", text)
        links = box[0].xpath(".//a[contains(@class, 'o_print_proof_markup')]")
        self.assertEqual([link.text_content().strip() for link in links], ["logo-notes.pdf"])
        response = self.url_open(links[0].get("href"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, MARKUP)

    def test_the_marked_up_file_is_refused_to_others_and_wrong_tokens(self):
        self.authenticate(self.other_user.login, self.other_user.login)
        self.assertEqual(self.url_open(self._markup_url()).status_code, 404)
        self.assertEqual(self.url_open(self._markup_url("0" * 36)).status_code, 404)
        self.authenticate(None, None)
        self.assertEqual(self.url_open(self._markup_url("wrong")).status_code, 404)
        self.proof._portal_ensure_token()
        response = self.url_open(self._markup_url(self.proof.access_token))
        self.assertEqual((response.status_code, response.content), (200, MARKUP))
