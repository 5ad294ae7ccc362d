# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time, timedelta
from unittest.mock import patch

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .purchase_common import PurchaseCommon


@tagged("post_install", "-at_install")
class TestSupplierScorecard(PurchaseCommon):
    """Suppliers judged on crafted purchases: delivery, price against the estimates, our
    payments of their bills and the complaints they caused."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Scorecard = cls.env["print.supplier.scorecard"]
        cls.today = fields.Date.context_today(cls.env["res.partner"])
        cls.reliable = cls.env["res.partner"].create(
            {"name": "Reliable Finishing Ltd", "is_company": True}
        )
        cls.slow = cls.env["res.partner"].create({"name": "Slow Bindery Ltd", "is_company": True})
        cls.binding = cls.env["product.product"].create(
            {
                "name": "Outsourced binding",
                "type": "service",
                "purchase_ok": True,
                "purchase_method": "purchase",
            }
        )
        _order, cls.job = cls._job_order()
        # Reliable: confirmed 60 days ago, expected 7 days later. One line arrives a day
        # early (+10% on the estimate), one 3 days late (+20%); a third, not bought for a
        # job, is expected in a month (not judged yet).
        po_a = cls._po(cls.reliable, -60, [(110.0, -53, 100.0), (120.0, -53, 100.0), (50.0, 30, 0)])
        cls.line_early, cls.line_late, cls.line_open = po_a.order_line
        cls._receive(cls.line_early, -54)
        cls._receive(cls.line_late, -50)
        # Reliable, 13 months ago: late, outside the partner's 12-month scorecard.
        po_old = cls._po(cls.reliable, -400, [(100.0, -393, 100.0)])
        cls._receive(po_old.order_line, -380)
        # Slow: expected 33 days ago, never received (late), 25% over its estimate.
        cls.po_slow = cls._po(cls.slow, -40, [(100.0, -33, 80.0)])
        # A draft order is no purchase yet.
        cls._po(cls.slow, -10, [(999.0, -5, 100.0)], confirm=False)

    @classmethod
    def _day(cls, offset, hour=9):
        return datetime.combine(cls.today + timedelta(days=offset), time(hour, 0))

    @classmethod
    def _po(cls, supplier, approved, lines, confirm=True):
        """A purchase order of ``lines`` (price, expected day, estimated cost): the
        estimates come from demand of the job, as the batch run links them."""
        order = cls.env["purchase.order"].create(
            {
                "partner_id": supplier.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.binding.id,
                            "product_qty": 1.0,
                            "price_unit": price,
                            "date_planned": cls._day(planned),
                        }
                    )
                    for price, planned, _estimate in lines
                ],
            }
        )
        for line, (_price, planned, estimate) in zip(order.order_line, lines, strict=True):
            if estimate:
                cls.Demand._print_decide().create(
                    {
                        "name": line.name,
                        "job_id": cls.job.id,
                        "company_id": cls.job.company_id.id,
                        "kind": "outsourced",
                        "source_key": f"scorecard-test-{line.id}",
                        "supplier_id": supplier.id,
                        "product_id": cls.binding.id,
                        "quantity": 1.0,
                        "need_by": cls._day(planned).date(),
                        "estimated_cost": estimate,
                        "purchase_line_id": line.id,
                    }
                )
        if confirm:
            order.button_confirm()
            order.date_approve = cls._day(approved)
            for line, (_price, planned, _estimate) in zip(order.order_line, lines, strict=True):
                line.date_planned = cls._day(planned)
        return order

    @classmethod
    def _receive(cls, line, day):
        """The buyer enters the full quantity as received on ``day`` (15:00)."""
        when = cls._day(day, hour=15)
        with patch.object(fields.Datetime, "now", lambda *a, **k: when):
            line.qty_received = line.product_qty

    @classmethod
    def _bill(cls, supplier, bill_day, due_day, paid_day=None, amount=100.0):
        bill = cls.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": supplier.id,
                "invoice_date": cls.today + timedelta(days=bill_day),
                "invoice_payment_term_id": False,
                "invoice_line_ids": [
                    Command.create({"name": "Binding", "quantity": 1.0, "price_unit": amount})
                ],
            }
        )
        bill.invoice_date_due = cls.today + timedelta(days=due_day)
        bill.invoice_date_due = cls.today + timedelta(days=due_day)
        bill.action_post()
        if paid_day is not None:
            cls.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=bill.ids
            ).create({"payment_date": cls.today + timedelta(days=paid_day)})._create_payments()
        return bill

    def _row(self, line):
        return self.Scorecard.search([("order_line_id", "=", line.id)])

    def test_lines_are_judged_on_time_lead_and_price(self):
        lines = self.line_early | self.line_late | self.line_open
        early, late, waiting = (self._row(line) for line in lines)
        self.assertEqual(early.supplier_id, self.reliable)
        self.assertEqual(early.kind, "outsourced")
        self.assertEqual(early.date, self.today - timedelta(days=60))
        self.assertEqual(
            (early.on_time, early.lead_days, early.promised_days, early.delay_days), (100, 6, 7, -1)
        )
        self.assertEqual((late.on_time, late.lead_days, late.delay_days), (0, 10, 3))
        self.assertAlmostEqual(early.price_variance_pct, 10.0)
        self.assertAlmostEqual(late.price_variance_pct, 20.0)
        # Not received and not yet due: not judged; not bought for a job: no variance.
        self.assertFalse(waiting.on_time)
        self.assertEqual(waiting.kind, "other")
        self.assertFalse(waiting.price_variance_pct)
        overdue = self._row(self.po_slow.order_line)
        self.assertEqual(overdue.on_time, 0.0, "past its expected day and not received: late")
        self.assertAlmostEqual(overdue.price_variance_pct, 25.0)
        self.assertEqual(
            self.Scorecard.search_count([("supplier_id", "=", self.slow.id)]),
            1,
            "a draft order is no purchase",
        )

    def test_supplier_figures_by_period(self):
        groups = self.Scorecard._read_group(
            [
                ("supplier_id", "in", (self.reliable | self.slow).ids),
                ("date", ">=", self.today - timedelta(days=365)),
            ],
            groupby=["supplier_id"],
            aggregates=["on_time:avg", "lead_days:avg", "price_variance_pct:avg", "amount:sum"],
        )
        figures = {supplier: values for supplier, *values in groups}
        for value, expected in zip(figures[self.reliable], (50.0, 8.0, 15.0, 280.0), strict=True):
            self.assertAlmostEqual(value, expected)
        self.assertEqual(figures[self.slow][0], 0.0)
        # All time, the old late line counts too.
        everything = self.Scorecard._read_group(
            [("supplier_id", "=", self.reliable.id)], aggregates=["on_time:avg"]
        )
        self.assertAlmostEqual(everything[0][0], 100.0 / 3)

    def test_partner_scorecard_last_12_months(self):
        self._bill(self.reliable, -30, -20, paid_day=-15)  # paid 5 days late
        self._bill(self.reliable, -25, -10, paid_day=-12)  # paid early: not late
        self._bill(self.reliable, -5, 25)  # not paid yet, not counted
        self._bill(self.slow, -30, -20, paid_day=-11)  # 9 days late
        payments = self.env["print.supplier.payment.score"].search(
            [("supplier_id", "=", self.reliable.id)], order="date_due"
        )
        self.assertEqual(payments.mapped("payment_delay_days"), [5.0, 0.0, 0.0])
        self.assertFalse(payments[2].date_paid)
        partners = (self.reliable | self.slow).with_user(self.buyer)
        reliable, slow = partners
        self.assertEqual(reliable.print_supplier_score_count, 3)
        self.assertEqual(reliable.print_supplier_on_time, 50.0)
        self.assertEqual(reliable.print_supplier_lead_days, 8.0)
        self.assertEqual(reliable.print_supplier_promised_days, 7.0)
        self.assertAlmostEqual(reliable.print_supplier_price_variance, 15.0)
        self.assertEqual(reliable.print_supplier_payment_delay, 2.5)
        self.assertEqual(slow.print_supplier_on_time, 0.0)
        self.assertAlmostEqual(slow.print_supplier_price_variance, 25.0)
        self.assertEqual(slow.print_supplier_payment_delay, 9.0)
        # The button opens the scorecard of this supplier only.
        action = reliable.action_print_view_supplier_scorecard()
        rows = self.Scorecard.with_user(self.buyer).search(action["domain"])
        self.assertEqual(rows.supplier_id, self.reliable)
        self.assertEqual(len(rows), 4)

    def test_outsourced_operation_shows_its_supplier_scorecard(self):
        operation = self.op_laminate.with_user(self.buyer)
        operation.sudo().partner_id = self.reliable
        self.assertTrue(operation.outsourced)
        self.assertEqual(operation.print_supplier_on_time, 50.0)
        self.assertEqual(operation.print_supplier_lead_days, 8.0)
        self.assertAlmostEqual(operation.print_supplier_price_variance, 15.0)

    def test_complaints_hook(self):
        partners = (self.reliable | self.slow).with_user(self.buyer)
        period = (self.today - timedelta(days=30), self.today)
        Ticket = self.env["helpdesk.ticket"]
        if "print_supplier_id" in Ticket._fields:
            if hasattr(Ticket, "_print_decide"):
                Ticket = Ticket._print_decide("print_supplier_id")
            Ticket.create(
                [
                    {"name": name, "description": "Bad binding", "print_supplier_id": supplier.id}
                    for name, supplier in (
                        ("Pages loose", self.reliable),
                        ("Spine cracked", self.reliable),
                        ("Cover skewed", self.slow),
                    )
                ]
            )
            self.assertEqual(
                partners._print_supplier_complaint_counts(*period),
                {self.reliable.id: 2, self.slow.id: 1},
            )
            self.assertEqual(partners[0].print_supplier_complaints, 2)
            past = (self.today - timedelta(days=60), self.today - timedelta(days=31))
            self.assertEqual(partners._print_supplier_complaint_counts(*past), {})
        # Without the service module's field, no complaints and no error.
        TicketClass = type(self.env["helpdesk.ticket"])
        fields_without = dict(TicketClass._fields)
        fields_without.pop("print_supplier_id", None)
        with patch.object(TicketClass, "_fields", fields_without):
            self.assertEqual(partners._print_supplier_complaint_counts(*period), {})
        # Only purchase users count complaints.
        with self.assertRaises(AccessError):
            self.reliable.with_user(self.accountant)._print_supplier_complaint_counts(*period)

    def test_scorecard_is_for_purchase_users_only(self):
        self.assertTrue(self.Scorecard.with_user(self.buyer).search([]))
        self.assertTrue(self.Scorecard.with_user(self.purchase_manager).search([]))
        for model in ("print.supplier.scorecard", "print.supplier.payment.score"):
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.accountant).search([])
        with self.assertRaises(AccessError):
            self.reliable.with_user(self.accountant).action_print_view_supplier_scorecard()
        with self.assertRaises(AccessError):
            self.reliable.with_user(self.accountant).read(["print_supplier_on_time"])
        menu = self.env.ref("print_crm_channel.print_supplier_scorecard_menu")
        visible = self.env["ir.ui.menu"].with_user(self.buyer)._visible_menu_ids()
        self.assertIn(menu.id, visible, "buyers reach the scorecard from Purchase > Reporting")

    def test_other_company_purchases_are_not_scored(self):
        other = self.env["res.company"].create({"name": "Other Print Co"})
        self.buyer.write({"company_ids": [Command.link(other.id)]})
        order = (
            self.env["purchase.order"]
            .with_company(other)
            .create(
                {
                    "partner_id": self.reliable.id,
                    "company_id": other.id,
                    "order_line": [
                        Command.create(
                            {"product_id": self.binding.id, "product_qty": 1.0, "price_unit": 10.0}
                        )
                    ],
                }
            )
        )
        order.button_confirm()
        main = self.buyer.company_id
        buyer = self.Scorecard.with_user(self.buyer)
        domain = [("supplier_id", "=", self.reliable.id)]
        rows = buyer.with_context(allowed_company_ids=main.ids).search(domain)
        self.assertNotIn(order, rows.order_id, "the buyer works in the first company")
        rows = buyer.with_context(allowed_company_ids=other.ids).search(domain)
        self.assertEqual(rows.order_id, order)
        reliable = self.reliable.with_user(self.buyer)
        self.assertEqual(
            reliable.with_context(allowed_company_ids=main.ids).print_supplier_score_count, 3
        )
        self.assertEqual(
            reliable.with_context(allowed_company_ids=other.ids).print_supplier_score_count, 1
        )
