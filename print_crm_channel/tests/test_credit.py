# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, http
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.print_crm_quote.tests.common import create_sra3_master_data

from .common import PrintCrmChannelCommon

CREDIT_MANAGER = "account_financial_risk.group_account_financial_risk_manager"
# A 1x1 PNG, as the portal's signature pad sends it.
SIGNATURE = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6"
    "kgAAAABJRU5ErkJggg=="
)


class CreditData:
    """A distributor with a credit limit of 1,000 and a product sold without taxes."""

    @classmethod
    def _credit_data(cls, env, manager):
        cls.product = env["product.product"].create(
            {
                "name": "Print job",
                "type": "service",
                "invoice_policy": "order",
                "list_price": 100.0,
                "taxes_id": [Command.clear()],
            }
        )
        cls.distributor = (
            env["res.partner"]
            .with_user(manager)
            .create(
                {
                    "name": "North Print Distribution",
                    "is_company": True,
                    "print_channel_role": "distributor",
                }
            )
            .with_env(env)
        )
        cls.distributor.credit_limit = 1000.0
        cls.other_customer = env["res.partner"].create({"name": "Blue Cafe", "is_company": True})
        cls.currency = env.company.currency_id

    @classmethod
    def _order(cls, partner, amount, confirm=False):
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "product_uom_qty": 1,
                            "price_unit": amount,
                            "tax_id": [Command.clear()],
                        }
                    )
                ],
            }
        )
        if confirm:
            order.with_context(bypass_risk=True).action_confirm()
        return order

    @classmethod
    def _invoice(cls, partner, amount, post=True):
        move = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        if post:
            move.with_context(bypass_risk=True).action_post()
        return move


@tagged("post_install", "-at_install")
class TestChannelCredit(CreditData, PrintCrmChannelCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._credit_data(cls.env, cls.module_manager)
        cls.salesman = new_test_user(
            cls.env, login="credit-salesman", groups="sales_team.group_sale_salesman_all_leads"
        )
        cls.sales_manager = new_test_user(
            cls.env,
            login="credit-sales-manager",
            groups="sales_team.group_sale_manager,print_crm_channel.group_channel_manager",
        )
        cls.credit_manager = new_test_user(
            cls.env,
            login="credit-manager",
            groups=f"sales_team.group_sale_salesman_all_leads,{CREDIT_MANAGER}",
        )
        # What the distributor owes: a confirmed order of 300 not invoiced, an unpaid
        # invoice of 400 and a draft invoice of 100; a quotation and another customer's
        # order do not count.
        cls._order(cls.distributor, 300.0, confirm=True)
        cls._invoice(cls.distributor, 400.0)
        cls._invoice(cls.distributor, 100.0, post=False)
        cls._order(cls.distributor, 999.0)
        cls._order(cls.other_customer, 5000.0, confirm=True)

    def _fmt(self, amount):
        return self.currency.format(amount)

    def test_exposure_figures(self):
        summary = self.distributor._print_channel_credit_summary()
        self.assertEqual(summary["limit"], 1000.0)
        self.assertAlmostEqual(summary["orders"], 300.0)
        self.assertAlmostEqual(summary["invoices"], 500.0)
        self.assertAlmostEqual(summary["exposure"], 800.0)
        self.assertAlmostEqual(summary["available"], 200.0)
        # A distributor's OCA Total Risk counts the same (its include flags are set when
        # it is placed in the channel), so the partner form and the channel agree.
        self.assertAlmostEqual(self.distributor.risk_total, 800.0)
        # One batch for many partners gives the same figures, zero for those without any.
        batch = (self.distributor | self.other_customer)._print_channel_credit_exposure()
        self.assertEqual(batch[self.distributor.id], (300.0, 500.0))
        self.assertEqual(batch[self.other_customer.id], (5000.0, 0.0))

    def test_invoicing_and_payment_move_the_exposure(self):
        order = self._order(self.distributor, 150.0, confirm=True)
        self.assertAlmostEqual(self.distributor._print_channel_credit_summary()["exposure"], 950.0)
        # Invoiced, the order's amount moves from orders to invoices: counted once.
        invoice = order._create_invoices()
        summary = self.distributor._print_channel_credit_summary()
        self.assertAlmostEqual(summary["orders"], 300.0)
        self.assertAlmostEqual(summary["invoices"], 650.0)
        invoice.with_context(bypass_risk=True).action_post()
        self.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({})._create_payments()
        self.assertAlmostEqual(self.distributor._print_channel_credit_summary()["exposure"], 800.0)

    def test_confirmation_within_the_limit(self):
        order = self._order(self.distributor, 200.0)
        order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.print_credit_override_reason)

    def test_confirmation_over_the_limit_is_blocked_with_the_figures(self):
        order = self._order(self.distributor, 300.0)
        with self.assertRaises(UserError) as caught:
            order.with_user(self.salesman).action_confirm()
        message = str(caught.exception)
        for figure in (300.0, 1100.0, 1000.0, 800.0, 200.0):
            self.assertIn(self._fmt(figure), message)
        self.assertIn("North Print Distribution", message)
        self.assertIn("Only a credit manager", message)
        self.assertEqual(order.state, "draft")
        # OCA's bypass context, sent by an RPC client, does not get it through.
        with self.assertRaises(UserError):
            order.with_user(self.salesman).with_context(bypass_risk=True).action_confirm()
        self.assertEqual(order.state, "draft")

    def test_credit_manager_overrides_with_a_reason(self):
        order = self._order(self.distributor, 300.0)
        action = order.with_user(self.credit_manager).action_confirm()
        self.assertEqual(action["res_model"], "sale.order.print.credit.wizard")
        self.assertEqual(order.state, "draft")
        Wizard = self.env["sale.order.print.credit.wizard"].with_user(self.credit_manager)
        wizard = Wizard.with_context(**action["context"]).create({"reason": "  "})
        self.assertIn(self._fmt(1100.0), wizard.issues)
        with self.assertRaises(UserError):
            wizard.action_confirm()
        self.assertEqual(order.state, "draft")
        wizard.reason = "Payment of the open invoice announced for Friday"
        wizard.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(
            order.print_credit_override_reason, "Payment of the open invoice announced for Friday"
        )
        self.assertEqual(order.print_credit_override_user_id, self.credit_manager)
        self.assertTrue(order.print_credit_override_date)
        # The override is not copied with the order.
        self.assertFalse(order.copy().print_credit_override_reason)

    def test_lower_groups_cannot_override(self):
        order = self._order(self.distributor, 300.0)
        for user in (self.salesman, self.sales_manager, self.module_manager):
            with self.subTest(user=user.login):
                with self.assertRaises(UserError):
                    order.with_user(user).write(
                        {
                            "print_credit_override_reason": "Trust me",
                            "print_credit_override_user_id": user.id,
                        }
                    )
                wizard = (
                    self.env["sale.order.print.credit.wizard"]
                    .with_user(self.credit_manager)
                    .create({"order_ids": [Command.set(order.ids)], "reason": "Trust me"})
                )
                with self.assertRaises(AccessError):
                    wizard.with_user(user).action_confirm()
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.print_credit_override_reason)
        # Nor with a default in the context of a new order.
        with self.assertRaises(UserError):
            self.env["sale.order"].with_user(self.salesman).with_context(
                default_print_credit_override_reason="Trust me"
            ).create({"partner_id": self.distributor.id})

    def test_automated_confirmation_is_recorded(self):
        order = self._order(self.distributor, 300.0)
        order.with_user(self.env.ref("base.user_root")).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertIn("automated process", order.print_credit_override_reason)

    def test_customers_outside_the_channel_keep_ocas_behaviour(self):
        self.other_customer.credit_limit = 100.0
        order = self._order(self.other_customer, 300.0)
        order.with_user(self.salesman).action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.print_credit_override_reason)

    def test_portal_section_shows_the_figures(self):
        sections = self.distributor._print_channel_portal_sections()
        credit = [values for _title, xmlid, values in sections if "credit" in xmlid]
        self.assertEqual(len(credit), 1)
        html = str(
            # As the distributor portal calls its sections.
            self.env["ir.qweb"]._render(
                "print_crm_channel.portal_channel_credit", {"section_values": credit[0]}
            )
        )
        for figure in (1000.0, 300.0, 500.0, 800.0, 200.0):
            self.assertIn(f">{figure:,.2f}<", html)
        self.assertIn("Available", html)
        self.assertFalse(
            [s for s in self.other_customer._print_channel_portal_sections() if "credit" in s[1]]
        )


@tagged("post_install", "-at_install")
class TestChannelCreditPortal(CreditData, HttpCase):
    """A distributor over its limit cannot sign a quotation or accept an estimate."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        manager = new_test_user(
            env, login="credit-channel-manager", groups="print_crm_channel.group_channel_manager"
        )
        cls._credit_data(env, manager)
        cls.portal_user = new_test_user(
            env,
            login="credit-portal",
            groups="base.group_portal",
            partner_id=env["res.partner"]
            .create({"name": "Nora", "parent_id": cls.distributor.id, "email": "n@example.com"})
            .id,
        )
        cls._invoice(cls.distributor, 900.0)
        paper = create_sra3_master_data(env)
        cls.estimate = env["print.estimate"].create(
            {
                "partner_id": cls.distributor.id,
                "title": "Leaflet N",
                "product_kind": "flat",
                "finished_width": 210,
                "finished_height": 297,
                "part_ids": [Command.create({"substrate_id": paper.id})],
                "break_ids": [Command.create({"quantity": 5000})],
            }
        )
        cls.estimate.action_compute()
        cls.estimate.action_mark_sent()

    def _csrf(self):
        return http.Request.csrf_token(self)

    def test_signing_a_quotation_over_the_limit_is_refused(self):
        order = self._order(self.distributor, 300.0)
        order.write({"require_signature": True, "require_payment": False, "state": "sent"})
        order.message_subscribe(partner_ids=self.distributor.ids)
        self.authenticate("credit-portal", "credit-portal")
        result = self.make_jsonrpc_request(
            f"/my/orders/{order.id}/accept",
            {"name": "Nora", "signature": SIGNATURE},
        )
        self.assertIn("error", result)
        for figure in (300.0, 1200.0, 1000.0, 900.0):
            self.assertIn(self.currency.format(figure), result["error"])
        self.assertIn("contact us", result["error"])
        order.invalidate_recordset()
        self.assertEqual(order.state, "sent")
        self.assertFalse(order.signed_by)
        self.assertFalse(order.signature)

    def test_channel_page_shows_the_credit(self):
        self.authenticate("credit-portal", "credit-portal")
        response = self.url_open("/my/channel")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_print_channel_credit", response.text)
        # Limit 1,000, an unpaid invoice of 900: 100 available.
        for figure in ("1,000.00", "900.00", "100.00"):
            self.assertIn(figure, response.text)

    def test_signing_within_the_limit_confirms(self):
        order = self._order(self.distributor, 50.0)
        order.write({"require_signature": True, "require_payment": False, "state": "sent"})
        order.message_subscribe(partner_ids=self.distributor.ids)
        self.authenticate("credit-portal", "credit-portal")
        result = self.make_jsonrpc_request(
            f"/my/orders/{order.id}/accept",
            {"name": "Nora", "signature": SIGNATURE},
        )
        self.assertNotIn("error", result)
        self.assertEqual(order.state, "sale")

    def test_accepting_an_estimate_over_the_limit_is_refused(self):
        break_ = self.estimate.break_ids
        self.assertGreater(break_.price, 100.0)
        self.authenticate("credit-portal", "credit-portal")
        response = self.url_open(
            f"/my/print_estimates/{self.estimate.id}/accept",
            data={"break_id": break_.id, "csrf_token": self._csrf()},
            allow_redirects=False,
        )
        self.assertIn("error=credit", response.headers["Location"])
        self.assertEqual(self.estimate.state, "sent")
        self.assertFalse(self.estimate.sale_order_id)
        page = self.url_open(response.headers["Location"]).text
        self.assertIn("o_print_credit_refused", page)
        self.assertIn("900.00", page)
        self.assertIn("contact us", page)

    def test_accepting_an_estimate_within_the_limit(self):
        self.distributor.credit_limit = 1_000_000.0
        self.authenticate("credit-portal", "credit-portal")
        response = self.url_open(
            f"/my/print_estimates/{self.estimate.id}/accept",
            data={"break_id": self.estimate.break_ids.id, "csrf_token": self._csrf()},
            allow_redirects=False,
        )
        self.assertNotIn("error=credit", response.headers["Location"])
        self.assertEqual(self.estimate.state, "accepted")
