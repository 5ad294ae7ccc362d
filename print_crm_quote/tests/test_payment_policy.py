# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged

from .common import PrintCrmEstimateCommon

TODAY = date(2026, 7, 1)


@tagged("post_install", "-at_install")
class TestPaymentRecordPolicy(PrintCrmEstimateCommon):
    """Size × payment record gives the price policy (seed 001): discounts for large good
    payers, strict terms for large poor ones, approval for small poor ones."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.prepayment = cls.env["account.payment.term"].create(
            {
                "name": "Prepayment (test)",
                "line_ids": [Command.create({"value": "percent", "value_amount": 100.0})],
            }
        )
        Policy = cls.env["print.price.policy"]
        cls.p_large_good = Policy.create(
            {"name": "Large good", "markup_pct": 20.0, "discount_pct": 5.0}
        )
        cls.p_large_poor = Policy.create(
            {"name": "Large poor", "markup_pct": 30.0, "payment_term_id": cls.prepayment.id}
        )
        cls.p_small_good = Policy.create(
            {"name": "Small good", "markup_pct": 30.0, "discount_pct": 2.0}
        )
        cls.p_small_poor = Policy.create(
            {"name": "Small poor", "markup_pct": 30.0, "approval_required": True}
        )
        cls.company.write(
            {
                "print_large_customer_revenue": 10000.0,
                "print_good_payer_on_time_pct": 90.0,
                "print_good_payer_max_days_late": 5.0,
                "print_policy_large_good_id": cls.p_large_good.id,
                "print_policy_large_poor_id": cls.p_large_poor.id,
                "print_policy_small_good_id": cls.p_small_good.id,
                "print_policy_small_poor_id": cls.p_small_poor.id,
            }
        )
        Partner = cls.env["res.partner"]
        cls.large_good, cls.large_poor, cls.small_good, cls.small_poor, cls.newcomer = (
            Partner.create({"name": name, "is_company": True})
            for name in (
                "Big Good Ltd",
                "Big Slow Ltd",
                "Small Good Ltd",
                "Small Slow Ltd",
                "New Ltd",
            )
        )
        cls.sales_manager = new_test_user(
            cls.env,
            login="print_crm_quote-sales-manager-pay",
            groups="sales_team.group_sale_manager,print_crm_quote.group_estimate_manager",
        )
        # Invoices of the first half of 2026, due 30 days after, paid as noted.
        for partner, amount, paid_days_after_due in (
            (cls.large_good, 6000.0, -2),
            (cls.large_good, 6000.0, 0),
            (cls.large_poor, 8000.0, 20),
            (cls.large_poor, 8000.0, 10),
            (cls.small_good, 900.0, 0),
            (cls.small_poor, 700.0, 3),
            (cls.small_poor, 700.0, None),  # never paid
        ):
            cls._invoice(partner, amount, date(2026, 3, 2), paid_days_after_due)

    @classmethod
    def _invoice(cls, partner, amount, invoice_date, paid_days_after_due=None):
        due = invoice_date + timedelta(days=30)
        move = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": invoice_date,
                "invoice_date_due": due,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Print job",
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        move.action_post()
        if paid_days_after_due is not None:
            cls.env["account.payment.register"].with_context(
                active_model="account.move", active_ids=move.ids
            ).create({"payment_date": due + timedelta(days=paid_days_after_due)})._create_payments()
        return move

    def _recompute(self):
        with freeze_time(TODAY):
            self.env["print.customer.value"]._recompute(self.company)

    def _value(self, partner):
        return self.env["print.customer.value"].search(
            [("partner_id", "=", partner.id), ("company_id", "=", self.company.id)]
        )

    def test_payment_record_from_invoices_and_their_payments(self):
        self._recompute()
        expected = {
            # partner: (invoiced, due invoices, on time %, average days late, size, record)
            self.large_good: (12000.0, 2, 100.0, 0.0, "large", "good"),
            self.large_poor: (16000.0, 2, 0.0, 15.0, "large", "poor"),
            self.small_good: (900.0, 1, 100.0, 0.0, "small", "good"),
            # 3 days late, and one due on 2026-04-01 still unpaid on 2026-07-01: 91 days.
            self.small_poor: (1400.0, 2, 0.0, 47.0, "small", "poor"),
        }
        for partner, (invoiced, due, on_time, late, size, record) in expected.items():
            value = self._value(partner)
            self.assertEqual(
                (
                    value.invoiced,
                    value.due_invoice_count,
                    value.on_time_pct,
                    value.avg_days_late,
                    value.size,
                    value.payment_record,
                ),
                (invoiced, due, on_time, late, size, record),
                partner.name,
            )
        self.assertEqual(self._value(self.large_good).policy_cell, "large_good")
        self.assertEqual(self._value(self.small_poor).policy_cell, "small_poor")
        self.assertFalse(self._value(self.newcomer), "no order or invoice: no record")

    def test_each_cell_prices_estimates_with_its_policy(self):
        self._recompute()
        cases = {
            self.large_good: self.p_large_good,
            self.large_poor: self.p_large_poor,
            self.small_good: self.p_small_good,
            self.small_poor: self.p_small_poor,
            self.newcomer: self.policy,
        }
        for partner, policy in cases.items():
            self.assertEqual(partner._print_price_policy(), policy, partner.name)
            estimate = self._make_estimate(partner_id=partner.id, quantities=(5000,))
            self.assertEqual(estimate.price_policy_id, policy, partner.name)
            estimate.action_compute()
            break_ = estimate.break_ids
            markup = break_.cost * policy.markup_pct / 100
            discount = (break_.cost + markup) * policy.discount_pct / 100
            self.assertAlmostEqual(
                break_.price, break_.cost + markup - discount, delta=0.02, msg=partner.name
            )
        # The large good payer's discount shows in the price against the default policy.
        good = self._make_estimate(partner_id=self.large_good.id, quantities=(5000,))
        default = self._make_estimate(partner_id=self.newcomer.id, quantities=(5000,))
        (good | default).action_compute()
        self.assertLess(good.break_ids.price, default.break_ids.price)

    def test_each_cell_sets_the_order_payment_terms(self):
        self._recompute()
        self.large_good.property_payment_term_id = self.payment_term
        for partner, term in (
            (self.large_poor, self.prepayment),
            (self.large_good, self.payment_term),
        ):
            manual = self.env["sale.order"].create({"partner_id": partner.id})
            self.assertEqual(manual.payment_term_id, term, partner.name)
            estimate = self._make_estimate(partner_id=partner.id, quantities=(1000,))
            order = estimate._accept_break(estimate.break_ids).order_id
            self.assertEqual(order.payment_term_id, term, partner.name)

    def test_a_customers_own_policy_wins_over_the_matrix(self):
        self._recompute()
        self.small_poor.print_price_policy_id = self.policy
        self.assertEqual(self.small_poor._print_price_policy(), self.policy)
        order = self.env["sale.order"].create({"partner_id": self.small_poor.id})
        self.assertFalse(order.print_customer_blocked)

    def test_small_poor_payer_orders_need_a_manager(self):
        self._recompute()
        service = self.env["product.product"].create(
            {"name": "Design work", "type": "service", "list_price": 80.0}
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": self.small_poor.id,
                "user_id": self.estimator.id,
                "order_line": [Command.create({"product_id": service.id})],
            }
        )
        self.assertTrue(order.print_customer_blocked)
        with self.assertRaises(UserError) as caught:
            order.with_user(self.estimator).action_confirm()
        self.assertIn("Small Slow Ltd is under the price policy Small poor", str(caught.exception))
        self.assertIn("Only a sales manager can confirm it", str(caught.exception))
        self.assertEqual(order.state, "draft")
        action = order.with_user(self.sales_manager).action_confirm()
        self.assertEqual(action["res_model"], "sale.order.print.approval.wizard")
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.sales_manager)
            .with_context(**action["context"])
            .create({"reason": "Prepayment received by bank transfer"})
        )
        self.assertIn("Small Slow Ltd is under the price policy Small poor", wizard.issues)
        wizard.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.print_approval_reason, "Prepayment received by bank transfer")
        self.assertEqual(order.print_approval_user_id, self.sales_manager)

    def test_server_code_confirms_a_blocked_order_and_can_invoice_it(self):
        """Server code confirms as OdooBot (the payment cron once the customer paid online,
        other apps' automation): the order is confirmed and invoiceable, not left a
        quotation behind a dialog nobody sees, and it says who confirmed it."""
        self._recompute()
        product = self.env["product.product"].create(
            {"name": "Envelopes", "type": "consu", "list_price": 5.0, "invoice_policy": "order"}
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": self.small_poor.id,
                "order_line": [Command.create({"product_id": product.id})],
            }
        )
        self.assertTrue(order.print_customer_blocked)
        self.assertTrue(self.env.user._is_superuser())
        self.assertIs(order.action_confirm(), True)
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.print_approval_user_id, self.env.user)
        self.assertIn("without a sales manager's approval", order.print_approval_reason)
        self.env["sale.advance.payment.inv"].create(
            {"advance_payment_method": "delivered", "sale_order_ids": order.ids}
        ).create_invoices()
        self.assertEqual(order.invoice_ids.invoice_line_ids.product_id, product)
        self.assertEqual(order.invoice_status, "invoiced")
        # People still go through the manager's dialog, even with the superuser's rights.
        second = order.copy()
        self.assertFalse(second.print_approval_reason)
        with self.assertRaises(UserError):
            second.with_user(self.estimator).sudo().action_confirm()
        action = second.with_user(self.sales_manager).action_confirm()
        self.assertEqual(action["res_model"], "sale.order.print.approval.wizard")
        self.assertEqual(second.state, "draft")

    def test_the_record_follows_new_payments(self):
        """The nightly recompute sees a poor payer who settles and pays on time again."""
        self._recompute()
        self.assertEqual(self._value(self.small_good).payment_record, "good")
        self._invoice(self.small_good, 900.0, date(2026, 4, 1), paid_days_after_due=30)
        self._recompute()
        value = self._value(self.small_good)
        self.assertEqual((value.due_invoice_count, value.on_time_pct), (2, 50.0))
        self.assertEqual(value.payment_record, "poor")
        self.assertEqual(self.small_good._print_price_policy(), self.p_small_poor)
