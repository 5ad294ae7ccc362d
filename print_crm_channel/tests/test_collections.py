# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .channel_sales_common import ChannelSalesCommon


@tagged("post_install", "-at_install")
class TestChannelCollections(ChannelSalesCommon):
    """Collections: distributors' receivables aged, overdue invoices reminded once per
    step of their level's interval, payments by channel."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.today()

    def _overdue(self, partner, days, amount=100.0):
        """A posted invoice of ``amount`` (no tax) due ``days`` ago."""
        order = self._order(partner, [(self.envelopes, 1, amount, 0.0)])
        due = self.today - timedelta(days=days)
        return self._invoice(order, invoice_date=min(due, self.today), due=due)

    def test_ageing_by_distributor_and_bucket(self):
        not_due = self._overdue(self.top, -10, 10.0)
        self._overdue(self.top, 10, 100.0)
        self._overdue(self.top, 45, 200.0)
        self._overdue(self.top, 75, 400.0)
        self._overdue(self.top, 120, 800.0)
        self.assertEqual(not_due.invoice_date_due, self.today + timedelta(days=10))
        partly = self._overdue(self.sub, 40, 300.0)
        self._pay(partly, 100.0)
        paid = self._overdue(self.sub, 100, 500.0)
        self._pay(paid)
        self._overdue(self.direct_customer, 100, 700.0)
        self.env.flush_all()
        Report = self.env["print.channel.ageing.report"].with_user(self.module_user)
        groups = Report.read_group(
            [("partner_id", "=", self.top.id)],
            [
                "amount_not_due",
                "amount_0_30",
                "amount_31_60",
                "amount_61_90",
                "amount_90",
                "amount_residual",
            ],
            ["partner_id"],
        )
        self.assertEqual(len(groups), 1)
        figures = {
            key: groups[0][key]
            for key in (
                "amount_not_due",
                "amount_0_30",
                "amount_31_60",
                "amount_61_90",
                "amount_90",
                "amount_residual",
            )
        }
        self.assertEqual(
            figures,
            {
                "amount_not_due": 10.0,
                "amount_0_30": 100.0,
                "amount_31_60": 200.0,
                "amount_61_90": 400.0,
                "amount_90": 800.0,
                "amount_residual": 1510.0,
            },
        )
        sub_rows = Report.search([("partner_id", "=", self.sub.id)])
        self.assertEqual(
            sub_rows.move_id, partly, "the paid invoice is gone, the part-paid one open"
        )
        self.assertEqual(sub_rows.amount_31_60, 200.0)
        self.assertEqual(sub_rows.bucket, "2_31_60")
        self.assertEqual((sub_rows.root_id, sub_rows.parent_id), (self.top, self.top))
        self.assertEqual(sub_rows.level_id, self.level_city)
        self.assertFalse(Report.search([("partner_id", "=", self.direct_customer.id)]))

    def test_reminders_once_per_step_of_the_level(self):
        self.level_regional.with_user(self.module_manager).reminder_interval = 15
        with self.assertRaisesRegex(ValidationError, "Reminder Interval"):
            self.level_city.with_user(self.module_manager).reminder_interval = -1
        late = self._overdue(self.top, 20)
        early = self._overdue(self.top, 5)
        settled = self._overdue(self.top, 40)
        self._pay(settled)
        # The city level sends no reminders.
        self._overdue(self.sub, 90)
        Reminder = self.env["print.channel.reminder"]
        sent = Reminder._cron_send_reminders()
        self.assertEqual(sent.move_id, late)
        self.assertEqual((sent.step, sent.days_overdue, sent.user_id), (1, 20, self.module_user))
        message = late.message_ids.filtered(lambda m: "Reminder 1" in (m.body or ""))
        self.assertEqual(len(message), 1)
        self.assertIn(self.top, message.partner_ids, "the distributor is told")
        activity = late.activity_ids
        self.assertEqual(activity.user_id, self.module_user, "its channel manager follows up")
        self.assertIn(late.name, activity.summary)
        # Once per step: the same day again, or a day later, sends nothing.
        self.assertFalse(Reminder._cron_send_reminders())
        self.assertFalse(Reminder._cron_send_reminders(today=self.today + timedelta(days=1)))
        # 30 days past due: step 2; the invoice due 5 days ago reaches its step 1 then too.
        second = Reminder._cron_send_reminders(today=self.today + timedelta(days=10))
        self.assertEqual({(r.move_id, r.step) for r in second}, {(late, 2), (early, 1)})
        self.assertEqual(len(late.activity_ids), 2)
        # Paid: no more reminders.
        self._pay(late)
        later = Reminder._cron_send_reminders(today=self.today + timedelta(days=40))
        self.assertNotIn(late, later.move_id)

    def test_reminders_are_written_by_the_job_only(self):
        late = self._overdue(self.top, 20)
        Reminder = self.env["print.channel.reminder"]
        for user in (self.module_user, self.module_manager):
            with self.assertRaises(UserError):
                Reminder.with_user(user).create(
                    {
                        "move_id": late.id,
                        "partner_id": self.top.id,
                        "company_id": late.company_id.id,
                        "step": 9,
                        "date": self.today,
                    }
                )
        with self.assertRaisesRegex(AccessError, "Send Reminders"):
            Reminder.with_user(self.module_user).action_send_reminders()
        self.level_regional.with_user(self.module_manager).reminder_interval = 10
        result = Reminder.with_user(self.module_manager).action_send_reminders()
        self.assertRegex(result["params"]["message"], r"^[1-9]\d* reminders sent")
        reminder = Reminder.search([("move_id", "=", late.id)])
        self.assertEqual(reminder.step, 2)
        with self.assertRaises(UserError):
            reminder.with_user(self.module_manager).write({"step": 1})

    def test_collections_by_channel(self):
        top_invoice = self._overdue(self.top, 5, 300.0)
        sub_invoice = self._overdue(self.sub, 5, 200.0)
        sibling_invoice = self._overdue(self.sibling, 5, 50.0)
        direct_invoice = self._overdue(self.direct_customer, 5, 70.0)
        for invoice in (top_invoice, sub_invoice, sibling_invoice, direct_invoice):
            self._pay(invoice)
        self._pay(self._overdue(self.sub, 5, 25.0), 10.0)
        self.env.flush_all()
        Report = self.env["print.channel.collection.report"].with_user(self.module_user)
        by_root = {
            group["root_id"][0]: group["amount"]
            for group in Report.read_group([], ["amount"], ["root_id"])
            if group["root_id"]
        }
        self.assertEqual(by_root.get(self.top.id), 510.0, "the channel: itself and below")
        self.assertEqual(by_root.get(self.sibling.id), 50.0)
        self.assertFalse(Report.search([("partner_id", "=", self.direct_customer.id)]))
        by_parent = {
            group["parent_id"][0]: group["amount"]
            for group in Report.read_group([], ["amount"], ["parent_id"])
            if group["parent_id"]
        }
        self.assertEqual(by_parent.get(self.top.id), 210.0)
        by_level = {
            group["level_id"][0]: group["amount"]
            for group in Report.read_group(
                [("partner_id", "in", (self.top | self.sub).ids)], ["amount"], ["level_id"]
            )
        }
        self.assertEqual(by_level, {self.level_regional.id: 300.0, self.level_city.id: 210.0})
