# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from lxml import html

from odoo.tests import HttpCase, new_test_user, tagged

from .purchase_common import PurchaseCommon


@tagged("post_install", "-at_install")
class TestPurchasePortal(PurchaseCommon, HttpCase):
    """The customer reads that its job waits for late materials, and nothing of the purchase."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = new_test_user(
            cls.env,
            login="print-purchase-mei",
            groups="base.group_portal",
            partner_id=cls.customer_contact.id,
        )
        _order, cls.job = cls._job_order()
        cls.Demand.search([("state", "=", "open")])._print_consolidate(force=True)
        cls.demand = cls.job.print_demand_ids.filtered(lambda d: d.kind == "paper")
        cls.expected = cls.demand.need_by + timedelta(days=4)
        cls.demand.purchase_line_id.date_planned = datetime.combine(
            cls.expected, datetime.min.time()
        )
        cls.Demand._cron_materials()

    def test_job_page_says_waiting_for_materials_with_the_date(self):
        self.authenticate("print-purchase-mei", "print-purchase-mei")
        page = self.url_open(f"/my/print_jobs/{self.job.id}", allow_redirects=False)
        self.assertEqual(page.status_code, 200)
        text = " ".join(html.fromstring(page.text).text_content().split())
        self.assertIn("Waiting for materials", text)
        self.assertIn(str(self.expected), text)
        self.assertNotIn(self.demand.purchase_id.name, text, "the PO is the shop's business")
        self.assertNotIn(self.merchant.name, text)
