# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import logging
from contextlib import contextmanager

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools.pdf import PdfFileReader

from .common import PrintCrmEstimateCommon

REPORT = "print_crm_quote.action_report_print_estimate"


@contextmanager
def unpatched_qt_tolerated():
    """Debian's wkhtmltopdf is built on an unpatched Qt: Odoo warns that it cannot place
    the letterhead's header and footer apart from the body. The PDF is complete; only that
    one warning is dropped, every other stays."""

    def keep(record):
        return "unpatched qt" not in record.getMessage()

    logger = logging.getLogger("odoo.addons.base.models.ir_actions_report")
    logger.addFilter(keep)
    try:
        yield
    finally:
        logger.removeFilter(keep)


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

    def test_pdf_renders_the_estimate(self):
        """A real PDF (wkhtmltopdf), whose text carries the job and every price."""
        with unpatched_qt_tolerated():
            pdf, kind = (
                self.env["ir.actions.report"]
                .with_context(force_report_rendering=True)
                ._render_qweb_pdf(REPORT, self.estimate.ids)
            )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF-"))
        reader = PdfFileReader(io.BytesIO(pdf))
        text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
        self.assertIn(self.estimate.name, text)
        self.assertIn("Spring open day flyer", text)
        for break_ in self.estimate.break_ids:
            self.assertIn(self._amount(break_.price), text, break_.display_name)

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
