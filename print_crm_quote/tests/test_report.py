# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged

from .common import PrintCrmEstimateCommon, pdf_pages

REPORT = "print_crm_quote.action_report_print_estimate"


@tagged("post_install", "-at_install")
class TestPrintEstimateReport(PrintCrmEstimateCommon):
    """The customer's copy of the estimate, and sending it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estimate = cls._make_estimate(client_reference="PO 7781")
        cls.estimate.action_compute()

    def _html(self, estimate):
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(REPORT, estimate.ids)
        return html.decode()

    def _amount(self, amount):
        return self.env["ir.qweb.field.float"].value_to_html(amount, {"precision": 2})

    def test_report_shows_quantities_and_prices_not_costs(self):
        html = self._html(self.estimate)
        self.assertIn(self.estimate.name, html)
        self.assertIn("Spring open day flyer", html)
        self.assertIn("Flat Sheet, 210 × 297 mm", html)
        self.assertIn("PO 7781", html)
        for quantity in ("500", "1,000", "2,500"):
            self.assertIn(f">{quantity}<", html.replace(" ", "").replace("\n", ""))
        for break_ in self.estimate.break_ids:
            self.assertIn(self._amount(break_.price), html, break_.display_name)
            self.assertNotIn(self._amount(break_.cost), html, f"{break_.display_name}: cost")
            self.assertNotIn(self._amount(break_.margin), html, f"{break_.display_name}: margin")
        # Nor how the shop makes it.
        for internal in ("Offset SRA3 4-colour", "Digital SRA3+", "Guillotine", "Trade (test)"):
            self.assertNotIn(internal, html)

    def test_report_bound_to_estimates(self):
        report = self.env.ref(REPORT)
        self.assertEqual(report.model, "print.estimate")
        self.assertEqual(report.binding_model_id.model, "print.estimate")
        self.assertEqual(report.report_type, "qweb-pdf")

    def test_send_opens_composer_with_template(self):
        template = self.env.ref("print_crm_quote.mail_template_print_estimate")
        self.assertEqual(template.model, "print.estimate")
        self.assertIn(self.env.ref(REPORT), template.report_template_ids)
        estimate = self.estimate.with_user(self.estimator)
        action = estimate.action_send()
        self.assertEqual(action["res_model"], "mail.compose.message")
        self.assertEqual(action["target"], "new")
        context = action["context"]
        self.assertEqual(context["default_template_id"], template.id)
        self.assertEqual(context["default_res_ids"], estimate.ids)
        self.assertEqual(context["default_model"], "print.estimate")
        self.assertEqual(estimate.state, "draft", "opening the composer sends nothing yet")

    def test_sending_marks_the_estimate_sent(self):
        estimate = self.estimate.with_user(self.estimator)
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.estimator)
            .with_context(**estimate.action_send()["context"])
            .create({})
        )
        self.assertIn(estimate.name, composer.subject)
        self.assertIn("Spring open day flyer", composer.body)
        self.assertEqual(composer.partner_ids, self.customer_contact)
        composer.action_send_mail()
        self.assertEqual(estimate.state, "sent")
        message = estimate.message_ids.filtered(lambda m: m.subject == composer.subject)
        self.assertEqual(len(message), 1)
        self.assertEqual(message.partner_ids, self.customer_contact)
        self.assertEqual(len(message.attachment_ids), 1)
        self.assertIn(
            estimate.name.replace("/", "_"), message.attachment_ids.name.replace("/", "_")
        )

    def test_sending_an_estimate_without_breaks_is_refused(self):
        estimate = self._make_estimate(quantities=())
        with self.assertRaisesText(UserError, "has no quantity break"):
            estimate.action_send()


@tagged("post_install", "-at_install")
class TestPrintEstimatePdf(HttpCase, PrintCrmEstimateCommon):
    """The PDF as wkhtmltopdf renders it against a running server (its CSS and fonts)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estimate = cls._make_estimate(client_reference="PO 7781")
        cls.estimate.action_compute()

    def test_pdf_carries_the_shop_and_numbers_its_pages(self):
        """The letterhead (company name and address) and "Page 1 / 1" are on every page, as
        selectable text, and the estimate's own text is selectable too."""
        company = self.estimate.company_id
        company.write({"name": "Lotus Print Works", "street": "88 Foundry Lane", "city": "Ningbo"})
        pages = pdf_pages(self.env, REPORT, self.estimate.ids)
        self.assertEqual(len(pages), 1, pages)
        for number, text in enumerate(pages, start=1):
            self.assertIn("Lotus Print Works", text, f"page {number}: letterhead")
            self.assertIn("88 Foundry Lane", text, f"page {number}: address")
            self.assertRegex(text, rf"Page {number} / {len(pages)}\b")
        self.assertIn(self.estimate.name, pages[0])
        self.assertIn("Spring open day flyer", pages[0])
        # A draft printed today says the validity that sending it today gives.
        days = company.print_estimate_validity_days
        self.assertGreater(days, 0)
        valid_until = self.env["ir.qweb.field.date"].value_to_html(
            fields.Date.context_today(self.estimate) + timedelta(days=days), {}
        )
        self.assertIn(f"Valid Until {valid_until}", pages[0])

    def test_pdf_renders_the_estimate(self):
        """The text of the PDF is text (selectable, searchable): the job and every price."""
        text = " ".join(pdf_pages(self.env, REPORT, self.estimate.ids))
        self.assertIn(self.estimate.name, text)
        self.assertIn("Spring open day flyer", text)
        for break_ in self.estimate.break_ids:
            amount = self.env["ir.qweb.field.float"].value_to_html(break_.price, {"precision": 2})
            self.assertIn(amount, text, break_.display_name)
