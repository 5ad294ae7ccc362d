# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import PrintCrmEstimateCommon


@tagged("post_install", "-at_install")
class TestPrintMarginGuard(PrintCrmEstimateCommon):
    """An order priced below its estimated production cost needs a sales manager's reason."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = cls.estimator
        cls.sales_manager = new_test_user(
            cls.env,
            login="print_crm_quote-sales-manager",
            groups="sales_team.group_sale_manager,print_crm_quote.group_estimate_manager",
        )

    def _order(self, price_factor=None):
        """The salesman's quotation of 1000 flyers; ``price_factor`` times the unit cost."""
        estimate = self._make_estimate(quantities=(1000,))
        line = estimate._accept_break(estimate.break_ids)
        if price_factor is not None:
            line.with_user(self.salesman).price_unit = line.print_unit_cost * price_factor
        return line.order_id.with_user(self.salesman)

    def test_order_priced_below_cost_is_flagged(self):
        order = self._order(price_factor=0.5)
        line = order.order_line
        self.assertTrue(order.print_below_cost)
        self.assertEqual(line.print_cost, line.print_estimate_break_id.cost)
        self.assertAlmostEqual(line.print_margin, line.price_subtotal - line.print_cost, places=2)
        self.assertLess(line.print_margin, 0.0)
        self.assertEqual(order.print_cost, line.print_cost)
        self.assertEqual(order.print_margin, line.print_margin)
        # Back at the estimate's price the order is fine again.
        line.price_unit = line.print_estimate_break_id.price
        self.assertFalse(order.print_below_cost)
        self.assertGreater(order.print_margin, 0.0)

    def test_salesman_cannot_confirm_below_cost(self):
        order = self._order(price_factor=0.5)
        with self.assertRaises(UserError) as caught:
            order.action_confirm()
        margin = order.currency_id.format(order.print_margin)
        self.assertEqual(
            str(caught.exception),
            f"{order.name} is priced below its estimated production cost (margin {margin})."
            " Only a sales manager can confirm it, with a reason.",
        )
        self.assertEqual(order.state, "draft")
        # Nor can the salesman open the manager's wizard.
        with self.assertRaises(AccessError):
            self.env["sale.order.print.approval.wizard"].with_user(self.salesman).create(
                {"order_ids": order.ids, "reason": "Please"}
            )

    def test_sales_manager_gets_the_wizard(self):
        order = self._order(price_factor=0.5).with_user(self.sales_manager)
        action = order.action_confirm()
        self.assertEqual(action["res_model"], "sale.order.print.approval.wizard")
        self.assertEqual(action["target"], "new")
        self.assertEqual(action["context"]["default_order_ids"], order.ids)
        self.assertEqual(order.state, "draft")

    def test_wizard_needs_a_reason(self):
        order = self._order(price_factor=0.5).with_user(self.sales_manager)
        context = order.action_confirm()["context"]
        Wizard = self.env["sale.order.print.approval.wizard"].with_user(self.sales_manager)
        for reason in ("", "   \n "):
            wizard = Wizard.with_context(**context).create({"reason": reason})
            with self.assertRaises(UserError) as caught:
                wizard.action_confirm()
            self.assertEqual(str(caught.exception), "Reason: say why the orders are approved.")
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.print_approval_reason)

    def test_wizard_with_reason_confirms_and_records(self):
        order = self._order(price_factor=0.5).with_user(self.sales_manager)
        context = order.action_confirm()["context"]
        wizard = (
            self.env["sale.order.print.approval.wizard"]
            .with_user(self.sales_manager)
            .with_context(**context)
            .create({"reason": "  Flagship customer: their annual report opens doors.  "})
        )
        self.assertEqual(wizard.order_ids, order)
        wizard.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(
            order.print_approval_reason, "Flagship customer: their annual report opens doors."
        )
        self.assertEqual(order.print_approval_user_id, self.sales_manager)
        self.assertTrue(order.print_below_cost, "the order stays marked as below cost")

    def test_order_above_cost_confirms_for_the_salesman(self):
        order = self._order()
        self.assertFalse(order.print_below_cost)
        self.assertGreater(order.print_margin, 0.0)
        self.assertEqual(order.action_confirm(), True)
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.print_approval_reason)
        self.assertFalse(order.print_approval_user_id)

    def test_order_without_print_lines_is_not_guarded(self):
        service = self.env["product.product"].create(
            {"name": "Design work", "type": "service", "list_price": 0.0}
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "user_id": self.salesman.id,
                "order_line": [Command.create({"product_id": service.id, "price_unit": 0.0})],
            }
        )
        self.assertFalse(order.print_below_cost)
        order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "sale")
