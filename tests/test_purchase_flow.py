"""Suite-level scenario: a confirmed job buys its paper and its outsourced lamination.

The salesperson confirms an order (with no purchase rights), the job's demand waits for the
suppliers' windows, the batch run orders it, the buyer enters what arrived, production sees
it on the job, the customer reads "waiting for materials" while the paper is late, and the
accountant bills the supplier from the purchase order. Each step is done by the user who
does it in a shop. Run by `make test` with pytest-odoo, like test_print_flow.py.
"""

from datetime import datetime, timedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user

from odoo.addons.print_crm_quote.tests.common import PrintCrmEstimateCommon


class TestPurchaseFlow(PrintCrmEstimateCommon, HttpCase):
    test_tags = {"standard", "post_install"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.press_digital.action_archive()
        cls.salesperson = new_test_user(
            cls.env,
            login="purchase-flow-sales",
            groups="sales_team.group_sale_salesman_all_leads",
        )
        cls.buyer = new_test_user(
            cls.env, login="purchase-flow-buyer", groups="purchase.group_purchase_user"
        )
        cls.floor = new_test_user(
            cls.env, login="purchase-flow-floor", groups="print_crm_tracking.group_job_user"
        )
        cls.accountant = new_test_user(
            cls.env, login="purchase-flow-accountant", groups="account.group_account_invoice"
        )
        cls.customer_user = new_test_user(
            cls.env,
            login="purchase-flow-customer",
            groups="base.group_portal",
            partner_id=cls.customer_contact.id,
        )
        cls.merchant = cls.env["res.partner"].create(
            {"name": "Flow Paper Merchant", "is_company": True, "print_batch_times": "16:00"}
        )
        for substrate in (cls.silk130_sra3, cls.silk130_dadu):
            substrate.product_id = cls.env["product.product"].create(
                {
                    "name": substrate.name,
                    "type": "consu",
                    "purchase_ok": True,
                    "purchase_method": "receive",
                    "seller_ids": [
                        Command.create(
                            {"partner_id": cls.merchant.id, "price": 0.12, "print_pack_size": 500}
                        )
                    ],
                }
            )

    def test_confirmed_job_buys_paper_and_lamination_then_bills_them(self):
        estimate = self._make_estimate(
            quantities=(2000,),
            part={"operation_ids": [Command.set(self.op_laminate.ids)]},
        )
        order = estimate._accept_break(estimate.break_ids).order_id
        order.commitment_date = datetime.now() + timedelta(days=10)
        order.with_user(self.salesperson).action_confirm()
        job = order.print_job_ids
        # Production reads what the job needs; the salesperson who confirmed reads none of it.
        demand = job.with_user(self.floor).print_demand_ids
        self.assertEqual(
            sorted(demand.mapped("kind")), ["outsourced", "paper"], "paper and lamination"
        )
        with self.assertRaises(AccessError):
            self.env["print.purchase.demand"].with_user(self.salesperson).search([]).read(
                ["quantity"]
            )
        self.assertEqual(job.print_materials_state, "to_order")
        # At the window, the batch run orders it: one PO per supplier.
        window = max(self.merchant.print_next_batch, datetime.now()) + timedelta(days=1)
        orders = demand.sudo()._print_consolidate(now=window)
        self.assertEqual(
            sorted(orders.partner_id.ids),
            sorted((self.merchant | self.supplier_laminating).ids),
        )
        paper = demand.filtered(lambda d: d.kind == "paper")
        po_line = paper.purchase_line_id.with_user(self.buyer)
        self.assertEqual(po_line.print_job_ids, job, "the PO line shows the job it serves")
        self.assertEqual(po_line.product_qty % 500, 0, "paper is bought by the ream")
        # The paper is late: the customer is told, with the date.
        late_by = paper.need_by + timedelta(days=2)
        po_line.date_planned = datetime.combine(late_by, datetime.min.time())
        self.env["print.purchase.demand"]._cron_materials()
        self.assertTrue(job.print_materials_late)
        self.authenticate("purchase-flow-customer", "purchase-flow-customer")
        page = self.url_open(f"/my/print_jobs/{job.id}").text
        self.assertIn("Waiting for materials", page)
        self.assertIn(str(late_by), page)
        self.assertNotIn(self.merchant.name, page)
        # It arrives; the buyer enters it; production sees all received.
        for line in orders.order_line:
            line.with_user(self.buyer).qty_received = line.product_qty
        self.assertEqual(job.print_materials_state, "received")
        self.assertFalse(job.print_materials_late)
        self.assertNotIn("Waiting for materials", self.url_open(f"/my/print_jobs/{job.id}").text)
        # The accountant bills the paper merchant from the PO.
        paper_po = orders.filtered(lambda po: po.partner_id == self.merchant)
        paper_po.with_user(self.buyer).action_create_invoice()
        bill = paper_po.invoice_ids.with_user(self.accountant)
        bill.invoice_date = datetime.now().date()
        bill.action_post()
        self.assertEqual(bill.state, "posted")
        self.assertEqual(bill.amount_untaxed, paper_po.amount_untaxed)
