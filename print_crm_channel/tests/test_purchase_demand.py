# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta
from unittest.mock import patch

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .purchase_common import PurchaseCommon


@tagged("post_install", "-at_install")
class TestPurchaseDemand(PurchaseCommon):
    """Demand from confirmed jobs, batches per supplier, rush at once, receipts, lateness."""

    def _run_batch(self, now, force=False):
        with patch.object(fields.Datetime, "now", lambda *a, **k: now):
            return self.Demand.search([("state", "=", "open")])._print_consolidate(
                force=force, now=now
            )

    def test_confirmation_raises_paper_and_outsourced_demand(self):
        order, job = self._job_order(lamination=True)
        paper = self._demand(job, "paper")
        lamination = self._demand(job, "outsourced")
        self.assertEqual(len(paper), 1)
        self.assertEqual(paper.supplier_id, self.merchant)
        self.assertEqual(paper.pack_size, 500.0)
        route = job.sale_line_id.print_estimate_break_id.breakdown["routes"][0]
        self.assertEqual(paper.quantity, route["parent_sheets"])
        self.assertEqual(lamination.supplier_id, self.supplier_laminating)
        self.assertGreater(lamination.estimated_cost, 0)
        self.assertTrue(job.print_demand_raised)
        self.assertEqual(job.print_materials_state, "to_order")
        self.assertLessEqual(paper.need_by, job.due_date.date())
        self.assertFalse(paper.purchase_line_id, "non-rush demand waits for the batch")

    def test_quantity_change_updates_and_cancel_cancels_open_demand(self):
        order, job = self._job_order(quantity=1000)
        paper = self._demand(job, "paper")
        before = paper.quantity
        job.quantity = 2000
        self.assertAlmostEqual(paper.quantity, before * 2, delta=1)
        self.assertEqual(self._demand(job, "paper"), paper, "the same line is updated")
        job.action_cancel()
        self.assertEqual(paper.state, "cancel")
        self.assertEqual(job.print_materials_state, "none")

    def test_batch_run_makes_one_po_per_supplier(self):
        _o1, job1 = self._job_order(quantity=1000, lamination=True)
        _o2, job2 = self._job_order(quantity=2500, lamination=True)
        orders = self._run_batch(self.monday_noon, force=True)
        self.assertEqual(
            sorted(orders.partner_id.ids), sorted((self.merchant | self.supplier_laminating).ids)
        )
        paper_po = orders.filtered(lambda po: po.partner_id == self.merchant)
        self.assertEqual(len(paper_po), 1)
        self.assertEqual(paper_po.print_job_ids, job1 | job2)
        demand = self._demand(job1 | job2, "paper")
        self.assertEqual(demand.purchase_id, paper_po)
        for line in paper_po.order_line:
            served = sum(line.print_demand_ids.mapped("quantity"))
            self.assertGreaterEqual(line.product_qty, served, "packs never under-buy")
            self.assertLess(line.product_qty - served, 500.0)
            self.assertEqual(line.product_qty % 500.0, 0.0, "whole reams")
        self.assertEqual(paper_po.state, "purchase", "batch orders are confirmed")
        self.assertTrue(self.merchant.print_last_batch)
        self.assertEqual(job1.print_materials_state, "ordered")

    def test_window_not_due_waits(self):
        self._job_order()
        self.merchant.sudo()._print_decide("print_last_batch").write(
            {"print_last_batch": self.monday_noon - timedelta(hours=1)}
        )
        self.assertFalse(self._run_batch(self.monday_noon))
        self.assertTrue(self._run_batch(self.monday_noon.replace(hour=16, minute=5)))

    def test_rush_job_is_ordered_at_once_with_its_extra_cost(self):
        _order, job = self._job_order(rush=True, lamination=True)
        paper = self._demand(job, "paper")
        self.assertTrue(paper.purchase_id, "rush demand never waits for the window")
        self.assertTrue(paper.purchase_id.print_rush)
        self.assertEqual(paper.purchase_id.print_job_id, job)
        self.assertEqual(paper.purchase_id.state, "purchase")
        self.assertEqual(job.print_rush_purchase_cost, 25.0 + 40.0)

    def test_receipt_updates_the_job(self):
        _order, job = self._job_order()
        self._run_batch(self.monday_noon, force=True)
        line = self._demand(job, "paper").purchase_line_id
        line.qty_received = line.product_qty / 2
        self.assertEqual(job.print_materials_state, "partial")
        line.qty_received = line.product_qty
        self.assertEqual(job.print_materials_state, "received")
        self.assertTrue(line.print_date_received)

    def test_late_materials_flag_the_job_and_its_customer_status(self):
        _order, job = self._job_order()
        self._run_batch(self.monday_noon, force=True)
        demand = self._demand(job, "paper")
        demand.purchase_line_id.date_planned = datetime.combine(
            demand.need_by + timedelta(days=3), datetime.min.time()
        )
        self.Demand._cron_materials()
        self.assertTrue(demand.late)
        self.assertTrue(job.print_materials_late)
        self.assertIn("Waiting for materials", job.print_customer_status)
        self.assertIn(str(demand.need_by + timedelta(days=3)), job.print_customer_status)
        demand.purchase_line_id.qty_received = demand.purchase_line_id.product_qty
        self.assertFalse(job.print_materials_late)
        self.assertNotIn("Waiting for materials", job.print_customer_status)

    def test_reminders_once(self):
        _order, job = self._job_order()
        job.due_date = datetime.now() + timedelta(days=1)
        self.Demand._cron_materials()
        activities = job.activity_ids
        self.assertEqual(len(activities), 1)
        self.Demand._cron_materials()
        self.assertEqual(job.activity_ids, activities, "reminded once")
        job.due_date = datetime.now() + timedelta(days=2)
        self.Demand._cron_materials()
        self.assertEqual(len(job.activity_ids), 2, "a postponed job is reminded again")

    def test_decisions_are_not_forged_over_rpc(self):
        _order, job = self._job_order()
        demand = self._demand(job, "paper").with_user(self.buyer)
        po = self.env["purchase.order"].create({"partner_id": self.merchant.id})
        for values in (
            {"cancelled": True},
            {"quantity": 1.0},
            {"late": True},
            {"purchase_line_id": False},
        ):
            with self.assertRaises(UserError):
                demand.write(values)
        with self.assertRaises(UserError):
            self.merchant.with_user(self.purchase_manager).write(
                {"print_last_batch": fields.Datetime.now()}
            )
        with self.assertRaises(UserError):
            job.with_user(self.production_user).write({"print_rush_purchase_cost": 0})
        with self.assertRaises(AccessError):
            demand.with_user(self.production_user).action_order_now()
        self.assertTrue(po)
        demand.action_order_now()
        self.assertEqual(demand.state, "ordered")

    def test_split_job_keeps_one_demand_for_all_its_copies(self):
        _order, job = self._job_order(quantity=2000)
        paper = self._demand(job, "paper")
        total = paper.quantity
        part = job._split(500)
        self.assertFalse(part.print_demand_ids, "a split-off part buys nothing of its own")
        self.assertEqual(self._demand(job, "paper").quantity, total)
        part.action_cancel()
        self.assertAlmostEqual(self._demand(job, "paper").quantity, total * 1500 / 2000, delta=1)

    def test_ordered_demand_is_not_changed_but_the_buyer_is_told(self):
        _order, job = self._job_order(quantity=1000)
        self._run_batch(self.monday_noon, force=True)
        paper = self._demand(job, "paper")
        po = paper.purchase_id
        job.quantity = 3000
        extra = self._demand(job, "paper") - paper
        self.assertEqual(paper.purchase_id, po, "what was ordered stays ordered")
        self.assertEqual(len(extra), 1, "the extra copies are new demand")
        self.assertEqual(extra.state, "open")
        self.assertAlmostEqual(paper.quantity + extra.quantity, paper.quantity * 3, delta=2)
        job.quantity = 500
        self.assertEqual(extra.state, "cancel")
        self.assertTrue(
            po.activity_ids.filtered(lambda a: job.name in (a.note or "")),
            "the buyer is asked to check the order",
        )
        job.action_cancel()
        self.assertEqual(paper.state, "ordered", "cancelling the job never cancels a PO line")

    def test_unconfirmed_batches_add_to_the_open_rfq(self):
        self.env.company.print_purchase_confirm = False
        _o1, job1 = self._job_order(quantity=1000)
        first = self._run_batch(self.monday_noon, force=True)
        self.assertEqual(first.state, "draft")
        lines_before = len(first.order_line)
        _o2, job2 = self._job_order(quantity=1000)
        second = self._run_batch(self.monday_noon + timedelta(days=1), force=True)
        self.assertEqual(second, first, "the next batch is added to the supplier's open RFQ")
        self.assertEqual(first.print_job_ids, job1 | job2)
        same_day = self._demand(job1, "paper").need_by == self._demand(job2, "paper").need_by
        if same_day:
            self.assertEqual(len(first.order_line), lines_before, "same product and date: merged")
        line = self._demand(job2, "paper").purchase_line_id
        served = sum(line.print_demand_ids.mapped("quantity"))
        self.assertGreaterEqual(line.product_qty, served)
        self.assertLess(line.product_qty - served, 500.0)

    def test_cancelled_po_gives_its_demand_back(self):
        _order, job = self._job_order()
        orders = self._run_batch(self.monday_noon, force=True)
        orders.button_cancel()
        paper = self._demand(job, "paper")
        self.assertEqual(paper.state, "open")
        self.assertFalse(paper.purchase_line_id)
        self.assertEqual(self._run_batch(self.monday_noon, force=True).partner_id, self.merchant)

    def test_demand_at_the_configured_stage(self):
        self.env.company.print_purchase_stage_id = self.stage["printing"]
        _order, job = self._job_order()
        self.assertFalse(job.print_demand_ids, "not before the purchasing stage")
        job.stage_id = self.stage["prepress"]
        self.assertFalse(job.print_demand_ids)
        job.stage_id = self.stage["plates"]
        self.assertFalse(job.print_demand_ids)
        job.stage_id = self.stage["printing"]
        self.assertTrue(self._demand(job, "paper"))

    def test_arrival_reminder_once_per_line(self):
        _order, job = self._job_order()
        orders = self._run_batch(self.monday_noon, force=True)
        demand = self._demand(job, "paper")
        demand.purchase_line_id.date_planned = datetime.now() + timedelta(days=1)
        self.Demand._cron_materials()
        self.assertTrue(demand.reminded)
        reminders = orders.activity_ids
        self.assertEqual(len(reminders), 1)
        self.assertIn(job.name, reminders.note)
        self.Demand._cron_materials()
        self.assertEqual(orders.activity_ids, reminders)

    def test_paper_without_a_vendor_is_noted_on_the_job(self):
        for product in self.paper_products.values():
            product.seller_ids = False
        _order, job = self._job_order()
        self.assertFalse(self._demand(job, "paper"))
        self.assertTrue(job.message_ids.filtered(lambda m: "has no vendor" in (m.body or "")))

    def test_paper_without_a_purchase_product_is_not_bought(self):
        for substrate in self.paper_products:
            substrate.product_id = False
        _order, job = self._job_order()
        self.assertFalse(job.print_demand_ids)
        self.assertEqual(job.print_materials_state, "none")

    def test_configured_material_per_thousand_copies(self):
        carton = self.env["product.product"].create(
            {"name": "Carton (test)", "type": "consu", "purchase_ok": True}
        )
        self.env["print.purchase.material"].create(
            {
                "name": "Shipping cartons",
                "product_id": carton.id,
                "supplier_id": self.merchant.id,
                "basis": "thousand",
                "quantity": 4.0,
            }
        )
        _order, job = self._job_order(quantity=2500)
        material = self._demand(job, "material")
        self.assertEqual(material.quantity, 10.0)
        self.assertEqual(material.product_id, carton)

    def test_a_new_suppliers_first_demand_waits_for_its_window(self):
        self._job_order()
        created = self.merchant.create_date
        self.assertFalse(self._run_batch(created + timedelta(seconds=1)))
        window = self.merchant.print_next_batch
        self.assertTrue(window)
        orders = self._run_batch(max(window, created) + timedelta(days=1, minutes=1))
        self.assertEqual(orders.partner_id, self.merchant)

    def test_paper_is_ordered_in_its_purchase_unit(self):
        ream = self.env["uom.uom"].create(
            {
                "name": "Ream (test)",
                "category_id": self.env.ref("uom.product_uom_categ_unit").id,
                "uom_type": "bigger",
                "factor_inv": 500.0,
            }
        )
        _order, job = self._job_order(quantity=1000)
        paper = self._demand(job, "paper")
        sheets = paper.quantity
        substrate = self.env["print.substrate"].search([("product_id", "=", paper.product_id.id)])
        product = paper.product_id
        seller = product.seller_ids
        ton = self.env.ref("uom.product_uom_ton")
        product.product_tmpl_id.write({"uom_id": ton.id, "uom_po_id": ton.id})
        seller.print_pack_size = 0.0
        job.quantity = 1001
        job.quantity = 1000
        tonnes = sheets * substrate.sheet_width * substrate.sheet_length / 1e6 * substrate.gsm / 1e6
        self.assertAlmostEqual(paper.quantity, tonnes, delta=0.011, msg="sheets become tonnes")
        self.assertLess(paper.quantity, 1.0)
        unit = self.env.ref("uom.product_uom_unit")
        product.product_tmpl_id.write({"uom_id": unit.id, "uom_po_id": ream.id})
        job.quantity = 1001
        job.quantity = 1000
        self.assertAlmostEqual(paper.quantity, sheets / 500.0, delta=0.011, msg="sheets in reams")

    def test_what_the_batch_run_records_on_orders_is_not_forged(self):
        _order, job = self._job_order()
        po = self._run_batch(self.monday_noon, force=True)
        line = po.order_line[:1]
        buyer_po = po.with_user(self.purchase_manager)
        for values in (
            {"print_rush": True},
            {"print_batch": False},
            {"print_extra_cost": 0.0},
            {"print_job_id": job.id},
        ):
            with self.assertRaisesRegex(UserError, "records a decision"):
                buyer_po.write(values)
        for values in (
            {"print_date_received": fields.Datetime.now()},
            {"print_need_by": fields.Date.today()},
            {"print_pack_size": 1.0},
        ):
            with self.assertRaisesRegex(UserError, "records a decision"):
                line.with_user(self.purchase_manager).write(values)
        with self.assertRaisesRegex(UserError, "records a decision"):
            self.env["purchase.order"].with_user(self.purchase_manager).create(
                {"partner_id": self.merchant.id, "print_rush": True}
            )
        # Entering what arrived is the buyer's, and stamps the day itself.
        line.with_user(self.purchase_manager).qty_received = line.product_qty
        self.assertTrue(line.print_date_received)
        self.assertTrue(po.print_batch)
