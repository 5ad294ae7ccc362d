# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.print_crm_quote.tests.common import PrintCrmEstimateCommon

from .common import PrintCrmChannelCommon


@tagged("post_install", "-at_install")
class TestChannelCommission(PrintCrmChannelCommon, PrintCrmEstimateCommon):
    """Agents earn commission by channel level and product kind (OCA commission plans),
    settled into vendor bills; an invoiced settlement is frozen."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Commission = cls.env["commission"]
        cls.plan_level = Commission.create({"name": "Gold 10%", "fix_qty": 10.0})
        cls.plan_flat = Commission.create({"name": "Gold flat sheets 15%", "fix_qty": 15.0})
        cls.plan_own = Commission.create({"name": "Personal 5%", "fix_qty": 5.0})
        cls.gold = cls.env["print.channel.level"].create(
            {
                "name": "Gold",
                "code": "GOLD",
                "commission_id": cls.plan_level.id,
                "commission_rule_ids": [
                    Command.create({"product_kind": "flat", "commission_id": cls.plan_flat.id})
                ],
            }
        )
        Partner = cls.env["res.partner"].with_user(cls.module_manager)
        cls.agent = Partner.create(
            {
                "name": "Harbour Print Agency",
                "is_company": True,
                "print_channel_role": "agent",
                "print_channel_level_id": cls.gold.id,
            }
        )
        cls.agent_own = Partner.create(
            {
                "name": "Old Town Broker",
                "is_company": True,
                "print_channel_role": "agent",
                "print_channel_level_id": cls.gold.id,
            }
        )
        cls.agent_own.commission_id = cls.plan_own
        cls.end_customer = cls.env["res.partner"].create({"name": "Blue Cafe", "is_company": True})
        cls.envelopes = cls.env["product.product"].create(
            {
                "name": "Envelopes C5",
                "type": "consu",
                "list_price": 100.0,
                "invoice_policy": "order",
                "taxes_id": [Command.clear()],
            }
        )
        cls.commission_product = cls.env["product.product"].create(
            {"name": "Agent commission", "type": "service", "purchase_ok": True}
        )
        # Accounting (Billing) makes the vendor bills; Distribution managers settle.
        billing = cls.env.ref("account.group_account_invoice")
        cls.module_manager.groups_id = [Command.link(billing.id)]

    def _agent_order(self, agent):
        """The agent's order for its end customer: a flat-sheet print job and envelopes."""
        estimate = self._make_estimate(
            quantities=(1000,),
            partner_id=agent.id,
            print_end_customer_id=self.end_customer.id,
        )
        line = estimate._accept_break(estimate.break_ids)
        order = line.order_id
        order.write(
            {"order_line": [Command.create({"product_id": self.envelopes.id, "price_unit": 100.0})]}
        )
        return order

    def _confirm_and_invoice(self, order):
        order.action_confirm()
        self.env["sale.advance.payment.inv"].create(
            {"advance_payment_method": "delivered", "sale_order_ids": order.ids}
        ).create_invoices()
        invoice = order.invoice_ids
        invoice.action_post()
        return invoice

    def _settle(self, user):
        wizard = (
            self.env["commission.make.settle"]
            .with_user(user)
            .create(
                {
                    "date_to": fields.Date.today() + relativedelta(months=1),
                    "settlement_type": "sale_invoice",
                    "agent_ids": [Command.set(self.agent.ids)],
                }
            )
        )
        wizard.action_settle()
        return self.env["commission.settlement"].search([("agent_id", "=", self.agent.id)])

    def _invoiced_settlement(self):
        order = self._agent_order(self.agent)
        self._confirm_and_invoice(order)
        settlement = self._settle(self.module_manager)
        self.env["commission.make.invoice"].with_user(self.module_manager).create(
            {
                "product_id": self.commission_product.id,
                "settlement_ids": [Command.set(settlement.ids)],
            }
        ).button_create()
        return order, settlement

    def test_channel_partners_become_agents_with_their_levels_plan(self):
        self.assertTrue(self.agent.agent)
        self.assertFalse(self.agent.commission_id, "the level's plan applies, not a copy")
        self.assertEqual(self.agent._print_commission_for(self.envelopes), self.plan_level)
        self.assertEqual(self.agent._print_commission_for(self.envelopes, "flat"), self.plan_flat)
        self.assertEqual(
            self.agent._print_commission_for(self.envelopes, "perfect_bound"), self.plan_level
        )
        self.assertEqual(
            self.agent_own._print_commission_for(self.envelopes, "flat"), self.plan_own
        )

    def test_channel_agent_form_saves_without_a_plan_of_its_own(self):
        """OCA's partner form requires an agent's plan; a channel agent has its level's."""
        with Form(self.agent.with_user(self.module_manager)) as form:
            form.phone = "+86 21 5555 0101"
        self.assertFalse(self.agent.commission_id)
        outsider = self.env["res.partner"].create({"name": "Freelance Agent", "agent": True})
        with (
            self.assertRaises(AssertionError),
            Form(outsider.with_user(self.module_manager)) as form,
        ):
            form.phone = "+86 21 5555 0102"

    def test_commission_by_level_and_kind_on_a_confirmed_invoiced_order(self):
        order = self._agent_order(self.agent)
        self.assertEqual(order.partner_id, self.agent)
        self.assertEqual(order.print_end_customer_id, self.end_customer)
        print_line = order.order_line.filtered("is_print_line")
        plain_line = order.order_line - print_line
        # The agent that brought the end customer is on every line, with the plan of its
        # level for the line's kind: flat sheets 15 %, envelopes the level's 10 %.
        self.assertEqual(order.order_line.agent_ids.agent_id, self.agent)
        self.assertEqual(print_line.agent_ids.commission_id, self.plan_flat)
        self.assertEqual(plain_line.agent_ids.commission_id, self.plan_level)
        invoice = self._confirm_and_invoice(order)
        self.assertEqual(order.state, "sale")
        expected = round(print_line.price_subtotal * 0.15 + 100.0 * 0.10, 2)
        self.assertAlmostEqual(order.commission_total, expected, places=2)
        self.assertAlmostEqual(invoice.commission_total, expected, places=2)
        self.assertEqual(
            invoice.invoice_line_ids.agent_ids.commission_id, self.plan_flat | self.plan_level
        )

    def test_agent_without_any_plan_earns_nothing_and_its_order_works(self):
        """A channel agent whose level has no plan yet is no commission agent on its
        orders (OCA would store an agent line without a plan and fail)."""
        silver = self.env["print.channel.level"].create({"name": "Silver", "code": "SILVER"})
        self.agent.with_user(self.module_manager).print_channel_level_id = silver
        order = self._agent_order(self.agent)
        self.assertEqual(len(order.order_line), 2)
        self.assertFalse(order.order_line.agent_ids)
        self.assertEqual(order.commission_total, 0.0)

    def test_own_plan_wins_over_the_level(self):
        order = self._agent_order(self.agent_own)
        self.assertEqual(order.order_line.agent_ids.commission_id, self.plan_own)

    def test_order_without_end_customer_has_only_ocas_agents(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.agent.id,
                "order_line": [Command.create({"product_id": self.envelopes.id})],
            }
        )
        self.assertFalse(order.order_line.agent_ids)

    def test_settled_into_a_vendor_bill(self):
        order, settlement = self._invoiced_settlement()
        self.assertEqual(len(settlement), 1)
        self.assertEqual(settlement.state, "invoiced")
        self.assertAlmostEqual(settlement.total, order.commission_total, places=2)
        self.assertEqual(settlement.line_ids.print_channel_level_id, self.gold)
        self.assertEqual(set(settlement.line_ids.mapped("print_product_kind")), {"flat", False})
        bill = settlement.invoice_id
        self.assertEqual(bill.move_type, "in_invoice")
        self.assertEqual(bill.partner_id, self.agent)
        self.assertAlmostEqual(bill.amount_untaxed, settlement.total, places=2)

    def test_a_refund_is_settled_into_a_vendor_credit_note(self):
        order, settlement = self._invoiced_settlement()
        refund = order.invoice_ids._reverse_moves(cancel=True)
        self.assertEqual(refund.state, "posted")
        second = self._settle(self.module_manager) - settlement
        self.assertAlmostEqual(second.total, -order.commission_total, places=2)
        self.env["commission.make.invoice"].with_user(self.module_manager).create(
            {
                "product_id": self.commission_product.id,
                "settlement_ids": [Command.set(second.ids)],
            }
        ).button_create()
        self.assertEqual(second.state, "invoiced")
        self.assertEqual(second.invoice_id.move_type, "in_refund")
        self.assertAlmostEqual(second.invoice_id.amount_untaxed, order.commission_total, places=2)

    def test_invoiced_settlement_is_frozen(self):
        _order, settlement = self._invoiced_settlement()
        total = settlement.total
        date_to = fields.Date.today() + relativedelta(years=1)
        for user in (self.module_manager, self.module_user, self.env.ref("base.user_root")):
            mine = settlement.with_user(user)
            attempts = {
                "state back": lambda mine=mine: mine.write({"state": "settled"}),
                "period": lambda mine=mine: mine.write({"date_to": date_to}),
                "lines": lambda mine=mine: mine.write({"line_ids": [Command.clear()]}),
                "amount": lambda mine=mine: mine.line_ids[:1].write({"settled_amount": 1.0}),
                "new line": lambda mine=mine: mine.line_ids.create(
                    {
                        "settlement_id": mine.id,
                        "commission_id": self.plan_level.id,
                        "date": date_to,
                        "settled_amount": 5.0,
                    }
                ),
                "back to settled": mine.action_draft,
            }
            for what, attempt in attempts.items():
                with self.subTest(user=user.login, what=what):
                    with self.assertRaises(UserError) as caught:
                        attempt()
                    self.assertIn("is invoiced", str(caught.exception))
        settlement.invalidate_recordset()
        self.assertEqual(settlement.state, "invoiced")
        self.assertAlmostEqual(settlement.total, total, places=2)
        # Accounting's way out stays open: deleting the draft bill settles it again.
        settlement.invoice_id.unlink()
        self.assertEqual(settlement.state, "settled")

    def test_lower_group_cannot_settle(self):
        order = self._agent_order(self.agent)
        self._confirm_and_invoice(order)
        with self.assertRaises(AccessError):
            self._settle(self.module_user)
        with self.assertRaises(AccessError):
            self._settle(self.internal_user)
        self.assertFalse(
            self.env["commission.settlement"].search([("agent_id", "=", self.agent.id)])
        )
        settlement = self._settle(self.module_manager)
        with self.assertRaises(AccessError):
            self.env["commission.make.invoice"].with_user(self.module_user).create(
                {
                    "product_id": self.commission_product.id,
                    "settlement_ids": [Command.set(settlement.ids)],
                }
            )

    def test_commission_menu_under_distribution(self):
        menu = self.env.ref("print_crm_channel.menu_channel_commission")
        self.assertEqual(menu.parent_id, self.env.ref("print_crm_channel.menu_channel"))
        visible = self.env["ir.ui.menu"].with_user(self.module_user)._visible_menu_ids()
        self.assertIn(menu.id, visible)
        settle = self.env.ref("print_crm_channel.menu_channel_commission_settle")
        self.assertNotIn(settle.id, visible)
        self.assertIn(
            settle.id,
            self.env["ir.ui.menu"].with_user(self.module_manager)._visible_menu_ids(),
        )

    def test_purchase_user_opens_a_vendor_bill(self):
        """The commission add-ons must not lock Purchase users out of their vendor bills:
        OCA's settled flag of an invoice line read the commission lines as the user."""
        buyer = new_test_user(
            self.env, login="channel-buyer", groups="purchase.group_purchase_user"
        )
        vendor = self.env["res.partner"].create({"name": "Paper Mill Ltd"})
        bill = self.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": vendor.id,
                "invoice_date": fields.Date.today(),
                "invoice_line_ids": [Command.create({"name": "Coated paper", "price_unit": 120.0})],
            }
        )
        form = Form(bill.with_user(buyer))
        form.ref = "PM-0042"
        form.save()
        self.assertEqual(bill.ref, "PM-0042")
        self.assertFalse(bill.with_user(buyer).invoice_line_ids.any_settled)

    def test_commission_statements_in_the_portal(self):
        """The agent reads its settlements in its portal section: period, commission,
        whether invoiced and the bill; a partner outside the channel gets no section."""
        self.assertFalse(self.agent._print_channel_commission_statements())
        _order, settlement = self._invoiced_settlement()
        sections = {
            template: values
            for _title, template, values in self.agent._print_channel_portal_sections()
        }
        values = sections["print_crm_channel.portal_channel_commission"]
        [statement] = values["statements"]
        self.assertEqual(statement["total"], settlement.total)
        self.assertTrue(statement["invoiced"])
        # The vendor bill is a draft until accounting posts it: no number to show yet.
        self.assertTrue(settlement.invoice_id)
        self.assertEqual(statement["bill"], settlement.invoice_id.name or "")
        html = str(
            self.env["ir.qweb"]._render(
                "print_crm_channel.portal_channel_commission", {"section_values": values}
            )
        )
        self.assertIn(statement["state"], html)
        self.assertIn("o_print_commission_statement", html)
        outsider = self.env["res.partner"].create({"name": "Walk-in Customer"})
        self.assertNotIn(
            "print_crm_channel.portal_channel_commission",
            [template for _t, template, _v in outsider._print_channel_portal_sections()],
        )
