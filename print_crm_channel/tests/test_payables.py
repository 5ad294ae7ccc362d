# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import ast
from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import format_amount, format_date

from .purchase_common import PurchaseCommon


@tagged("post_install", "-at_install")
class TestPayables(PurchaseCommon):
    """Payables of purchasing: bills from batch orders, instalments reminded to the
    accountant once per due date, the payables calendar and the payables ageing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.today()
        cls.company = cls.env.company
        cls.company.write({"print_payable_days": 5, "print_payable_user_id": cls.accountant.id})
        cls.term_30_70 = cls.env["account.payment.term"].create(
            {
                "name": "30% now, 70% in 30 days",
                "line_ids": [
                    Command.create({"value": "percent", "value_amount": 30.0, "nb_days": 0}),
                    Command.create({"value": "percent", "value_amount": 70.0, "nb_days": 30}),
                ],
            }
        )
        cls.binder = cls.env["res.partner"].create({"name": "Bindery Partners", "is_company": True})
        cls.AML = cls.env["account.move.line"]

    # ------------------------------------------------------------------ helpers

    def _bill(self, partner, amount, invoice_date=None, due=None, term=None):
        """A posted vendor bill of ``amount`` (no tax), due on ``due`` or by ``term``."""
        values = {
            "move_type": "in_invoice",
            "partner_id": partner.id,
            "invoice_date": invoice_date or self.today,
            "invoice_line_ids": [
                Command.create(
                    {"name": "Finishing", "quantity": 1, "price_unit": amount, "tax_ids": []}
                )
            ],
        }
        if term:
            values["invoice_payment_term_id"] = term.id
        bill = self.env["account.move"].create(values)
        if due:
            bill.write({"invoice_payment_term_id": False, "invoice_date_due": due})
        bill.action_post()
        return bill

    def _pay(self, bill, amount=None, date=None):
        return (
            self.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=bill.ids)
            .create(
                {
                    "amount": amount if amount is not None else bill.amount_residual,
                    "payment_date": date or self.today,
                }
            )
            ._create_payments()
        )

    def _payables(self, bill):
        return bill.line_ids.filtered(lambda line: line.account_type == "liability_payable").sorted(
            "date_maturity"
        )

    def _reminders(self, bill):
        return bill.activity_ids.filtered(lambda a: a.user_id == self.accountant)

    def _run_reminders(self, day):
        with freeze_time(day):
            self.AML._cron_print_payable_reminders()
        self.env.invalidate_all()

    # ------------------------------------------------------------------ bills from orders

    def test_bill_from_batch_order_bills_what_was_received_in_instalments(self):
        _order, job = self._job_order(quantity=1000)
        with patch.object(fields.Datetime, "now", lambda *a, **k: self.monday_noon):
            orders = self.Demand.search([("state", "=", "open")])._print_consolidate(
                force=True, now=self.monday_noon
            )
        po = orders.filtered(lambda o: o.partner_id == self.merchant)
        self.assertEqual(po.state, "purchase")
        line = po.order_line
        self.assertEqual(len(line), 1)
        self.assertEqual(po.invoice_status, "no", "nothing received, nothing to bill")
        received = line.product_qty / 2
        line.qty_received = received
        self.assertEqual(po.invoice_status, "to invoice")
        po.action_create_invoice()
        bill = po.invoice_ids
        self.assertEqual(len(bill), 1)
        self.assertEqual(bill.move_type, "in_invoice")
        self.assertEqual(bill.partner_id, self.merchant)
        bill_line = bill.invoice_line_ids.filtered(lambda b: b.purchase_line_id == line)
        self.assertEqual(bill_line.quantity, received, "the bill is for what was received")
        self.assertEqual(bill_line.product_id, line.product_id)

        invoice_date = self.today
        bill.write({"invoice_date": invoice_date, "invoice_payment_term_id": self.term_30_70.id})
        bill.action_post()
        first, second = self._payables(bill)
        self.assertEqual(first.date_maturity, invoice_date)
        self.assertEqual(second.date_maturity, invoice_date + timedelta(days=30))
        total = bill.amount_total
        self.assertAlmostEqual(-first.amount_residual, round(total * 0.3, 2), places=2)
        self.assertAlmostEqual(-first.amount_residual - second.amount_residual, total, places=2)
        self.assertEqual(line.qty_invoiced, received)

    # ------------------------------------------------------------------ reminders

    def test_each_instalment_reminded_once_before_its_due_date(self):
        start = self.today + timedelta(days=10)
        bill = self._bill(self.binder, 1000.0, invoice_date=start, term=self.term_30_70)
        first, second = self._payables(bill)
        self.assertEqual(first.date_maturity, start)
        self.assertEqual(second.date_maturity, start + timedelta(days=30))

        self._run_reminders(start - timedelta(days=6))
        self.assertFalse(self._reminders(bill), "not yet within the 5 reminder days")
        self.assertFalse(first.print_payable_reminded_date)

        self._run_reminders(start - timedelta(days=5))
        reminder = self._reminders(bill)
        self.assertEqual(len(reminder), 1)
        self.assertEqual(reminder.date_deadline, start)
        self.assertIn(format_amount(self.env, 300.0, bill.currency_id), reminder.summary)
        self.assertIn(format_date(self.env, start), reminder.summary)
        self.assertEqual(first.print_payable_reminded_date, start)
        self.assertFalse(second.print_payable_reminded_date)

        self._run_reminders(start - timedelta(days=4))
        self._run_reminders(start - timedelta(days=4))
        self.assertEqual(self._reminders(bill), reminder, "one reminder per due date")

        self._run_reminders(start + timedelta(days=24))
        self.assertEqual(self._reminders(bill), reminder, "the second instalment is not near")
        self._run_reminders(start + timedelta(days=25))
        reminders = self._reminders(bill)
        self.assertEqual(len(reminders), 2)
        new = reminders - reminder
        self.assertEqual(new.date_deadline, start + timedelta(days=30))
        self.assertIn(format_amount(self.env, 700.0, bill.currency_id), new.summary)

        # The supplier grants two more days: the new due date is reminded again.
        moved = start + timedelta(days=32)
        second.date_maturity = moved
        self.assertEqual(second.date_maturity, moved)
        self._run_reminders(start + timedelta(days=27))
        reminders_after = self._reminders(bill)
        self.assertEqual(len(reminders_after), 3)
        self.assertEqual((reminders_after - reminders).date_deadline, moved)
        self.assertEqual(second.print_payable_reminded_date, moved)
        self._run_reminders(start + timedelta(days=28))
        self.assertEqual(len(self._reminders(bill)), 3)

    def test_paid_bill_is_not_reminded(self):
        due = self.today + timedelta(days=3)
        paid = self._bill(self.binder, 400.0, due=due)
        self._pay(paid)
        self.assertEqual(paid.payment_state, "paid")
        part = self._bill(self.binder, 500.0, due=due)
        self._run_reminders(self.today)
        self.assertFalse(self._reminders(paid))
        self.assertFalse(self._payables(paid).print_payable_reminded_date)
        self.assertEqual(len(self._reminders(part)), 1, "the open bill is reminded")

    def test_reminder_goes_to_the_bill_user_without_a_payables_accountant(self):
        self.company.print_payable_user_id = False
        bill = self._bill(self.binder, 100.0, due=self.today + timedelta(days=1))
        bill.invoice_user_id = self.purchase_manager
        self._run_reminders(self.today)
        self.assertEqual(bill.activity_ids.user_id, self.purchase_manager)

    def test_reminded_date_is_written_by_the_reminder_run_only(self):
        bill = self._bill(self.binder, 100.0, due=self.today + timedelta(days=20))
        line = self._payables(bill)
        with self.assertRaisesRegex(UserError, "Payment Reminded For"):
            line.with_user(self.accountant).write({"print_payable_reminded_date": self.today})
        self.assertFalse(line.print_payable_reminded_date)
        # The accountant still reads it and can edit the bill's other fields.
        self.assertFalse(line.with_user(self.accountant).print_payable_reminded_date)
        with self.assertRaises(AccessError):
            line.with_user(self.buyer).read(["print_payable_reminded_date"])

    # ------------------------------------------------------------------ calendar and ageing

    def test_calendar_shows_open_instalments_on_their_due_dates(self):
        open_bill = self._bill(self.binder, 1000.0, invoice_date=self.today, term=self.term_30_70)
        paid = self._bill(self.binder, 50.0, due=self.today)
        self._pay(paid)
        action = self.env.ref("print_crm_channel.account_move_line_action_payable_calendar")
        AML = self.AML.with_user(self.accountant)
        lines = AML.search(ast.literal_eval(action.domain) + [("partner_id", "=", self.binder.id)])
        self.assertEqual(lines, self._payables(open_bill))
        self.assertEqual(
            sorted(lines.mapped("date_maturity")), [self.today, self.today + timedelta(days=30)]
        )
        self.assertEqual(sorted(lines.mapped("amount_residual")), [-700.0, -300.0])
        views = AML.get_views([(False, "calendar"), (False, "list")], {"action_id": action.id})
        calendar = views["views"]["calendar"]["arch"]
        self.assertIn('date_start="date_maturity"', calendar)
        self.assertIn('color="partner_id"', calendar)

    def test_ageing_by_supplier_and_bucket(self):
        other = self.env["res.partner"].create({"name": "Ink Supplies", "is_company": True})
        for days, amount in ((-10, 10.0), (10, 100.0), (45, 200.0), (75, 400.0), (120, 800.0)):
            due = self.today - timedelta(days=days)
            self._bill(self.binder, amount, invoice_date=min(due, self.today), due=due)
        day_40 = self.today - timedelta(days=40)
        day_100 = self.today - timedelta(days=100)
        partly = self._bill(other, 300.0, invoice_date=day_40, due=day_40)
        self._pay(partly, 100.0)
        paid = self._bill(other, 500.0, invoice_date=day_100, due=day_100)
        self._pay(paid)
        self.env.flush_all()
        Ageing = self.env["print.payable.ageing"].with_user(self.accountant)
        measures = [
            "amount_not_due",
            "amount_0_30",
            "amount_31_60",
            "amount_61_90",
            "amount_90",
            "amount_residual",
        ]
        groups = Ageing.read_group([("partner_id", "=", self.binder.id)], measures, ["partner_id"])
        self.assertEqual(len(groups), 1)
        self.assertEqual(
            {key: groups[0][key] for key in measures},
            {
                "amount_not_due": 10.0,
                "amount_0_30": 100.0,
                "amount_31_60": 200.0,
                "amount_61_90": 400.0,
                "amount_90": 800.0,
                "amount_residual": 1510.0,
            },
            "what we owe is counted positive, in its bucket",
        )
        by_bucket = {
            g["bucket"]: g["amount_residual"]
            for g in Ageing.read_group(
                [("partner_id", "=", self.binder.id)], ["amount_residual"], ["bucket"]
            )
        }
        self.assertEqual(
            by_bucket,
            {"0_not_due": 10.0, "1_0_30": 100.0, "2_31_60": 200.0, "3_61_90": 400.0, "4_90": 800.0},
        )
        rows = Ageing.search([("partner_id", "=", other.id)])
        self.assertEqual(rows.move_id, partly, "the paid bill is gone, the part-paid one open")
        self.assertEqual(rows.bucket, "2_31_60")
        self.assertEqual(rows.amount_residual, 200.0)
        self.assertEqual(rows.days_overdue, 40)

    def test_ageing_needs_accounting_rights(self):
        self._bill(self.binder, 100.0, due=self.today)
        self.assertFalse(self.buyer.has_group("account.group_account_invoice"))
        with self.assertRaises(AccessError):
            self.env["print.payable.ageing"].with_user(self.buyer).search([])
        self.assertTrue(self.env["print.payable.ageing"].with_user(self.accountant).search([]))
