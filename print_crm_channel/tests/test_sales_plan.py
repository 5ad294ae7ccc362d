# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.print_crm_quote.tests.common import PrintCrmEstimateCommon

from .channel_sales_common import ChannelSalesCommon


@tagged("post_install", "-at_install")
class TestChannelSalesPlan(ChannelSalesCommon, PrintCrmEstimateCommon):
    """Sales plans: a target per distributor and period (per product kind too), actuals
    from confirmed orders and posted invoices, approval by a Distribution manager, the
    attainment report and the portal summary."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.month_start = fields.Date.today().replace(day=1)

    def _plan(self, partner=None, user=None, **values):
        vals = {
            "partner_id": (partner or self.top).id,
            "period": "month",
            "date_from": self.month_start,
            "amount_target": 10000.0,
        }
        vals.update(values)
        return self.env["print.channel.plan"].with_user(user or self.module_user).create(vals)

    def _print_order(self, partner):
        """A confirmed order: a flat-sheet print job (from an estimate) and envelopes."""
        estimate = self._make_estimate(quantities=(1000,), partner_id=partner.id)
        order = estimate._accept_break(estimate.break_ids).order_id
        order.write(
            {
                "order_line": [
                    Command.create(
                        {"product_id": self.envelopes.id, "product_uom_qty": 2, "price_unit": 100.0}
                    )
                ]
            }
        )
        order.action_confirm()
        return order

    def test_actuals_from_orders_and_invoices(self):
        plan = self._plan(
            line_ids=[
                Command.create({"product_kind": "flat", "amount_target": 4000.0}),
                Command.create({"product_kind": "folded", "amount_target": 1000.0}),
            ]
        )
        self.assertEqual(plan.date_to, self.month_start + relativedelta(months=1, days=-1))
        order = self._print_order(self.top)
        print_line = order.order_line.filtered("print_estimate_id")
        # Not counted: an order of last month, a sibling's order, a quotation.
        self._order(
            self.top,
            [(self.posters, 10, 50.0, 0.0)],
            date_order=fields.Datetime.now() - relativedelta(months=1, days=1),
        )
        self._order(self.sibling, [(self.posters, 10, 50.0, 0.0)])
        self.env["sale.order"].create(
            {
                "partner_id": self.top.id,
                "order_line": [Command.create({"product_id": self.posters.id})],
            }
        )
        plan.invalidate_recordset()
        self.assertAlmostEqual(plan.amount_ordered, order.amount_untaxed, places=2)
        self.assertAlmostEqual(plan.amount_invoiced, 0.0)
        self.assertAlmostEqual(
            plan.attainment_ordered, 100.0 * order.amount_untaxed / 10000.0, places=2
        )
        invoice = self._invoice(order)
        plan.invalidate_recordset()
        self.assertAlmostEqual(plan.amount_invoiced, invoice.amount_untaxed, places=2)
        self.assertAlmostEqual(
            plan.attainment_invoiced, 100.0 * invoice.amount_untaxed / 10000.0, places=2
        )
        flat = plan.line_ids.filtered(lambda line: line.product_kind == "flat")
        folded = plan.line_ids - flat
        self.assertAlmostEqual(flat.amount_ordered, print_line.price_subtotal, places=2)
        self.assertAlmostEqual(flat.amount_invoiced, print_line.price_subtotal, places=2)
        self.assertAlmostEqual(
            flat.attainment_invoiced, 100.0 * print_line.price_subtotal / 4000.0, places=2
        )
        self.assertEqual((folded.amount_ordered, folded.amount_invoiced), (0.0, 0.0))
        # A credit note is deducted from the invoiced figure.
        refund = invoice._reverse_moves([{"invoice_date": fields.Date.today(), "ref": "Return"}])
        refund.invoice_line_ids.filtered(lambda ln: ln.product_id == self.envelopes).quantity = 1
        refund.invoice_line_ids.filtered(lambda ln: ln.product_id != self.envelopes).unlink()
        refund.action_post()
        plan.invalidate_recordset()
        self.assertAlmostEqual(plan.amount_invoiced, invoice.amount_untaxed - 100.0, places=2)
        # The attainment report shows the same figures, by distributor, level and period.
        self.env.flush_all()
        row = (
            self.env["print.channel.plan.report"]
            .with_user(self.module_user)
            .search([("plan_id", "=", plan.id)])
        )
        self.assertEqual(row.print_channel_level_id, self.level_regional)
        self.assertAlmostEqual(row.amount_ordered, plan.amount_ordered, places=2)
        self.assertAlmostEqual(row.amount_invoiced, plan.amount_invoiced, places=2)
        self.assertAlmostEqual(row.attainment_invoiced, plan.attainment_invoiced, places=2)
        self.assertAlmostEqual(row.amount_gap, 10000.0 - plan.amount_invoiced, places=2)
        groups = (
            self.env["print.channel.plan.report"]
            .with_user(self.module_user)
            .read_group(
                [("plan_id", "=", plan.id)],
                ["amount_target:sum", "amount_invoiced:sum"],
                ["print_channel_level_id", "date_from:quarter"],
                lazy=False,
            )
        )
        self.assertEqual(len(groups), 1)
        self.assertAlmostEqual(groups[0]["amount_target"], 10000.0)

    def test_only_a_manager_approves_and_an_approved_plan_is_frozen(self):
        plan = self._plan()
        with self.assertRaisesRegex(AccessError, "Approve Plan"):
            plan.with_user(self.module_user).action_approve()
        for user in (self.module_user, self.module_manager):
            with self.assertRaisesRegex(UserError, "Status"):
                plan.with_user(user).write({"state": "approved"})
            with self.assertRaisesRegex(UserError, "Approved By"):
                plan.with_user(user).write({"approved_by_id": user.id})
        plan.with_user(self.module_manager).action_approve()
        self.assertEqual(plan.state, "approved")
        self.assertEqual(plan.approved_by_id, self.module_manager)
        self.assertTrue(plan.approved_date)
        with self.assertRaisesRegex(UserError, "Target.*approved"):
            plan.with_user(self.module_manager).amount_target = 1.0
        with self.assertRaisesRegex(UserError, "approved"):
            plan.with_user(self.module_manager).write(
                {"line_ids": [Command.create({"product_kind": "flat", "amount_target": 1.0})]}
            )
        with self.assertRaisesRegex(UserError, "approved"):
            plan.with_user(self.module_manager).unlink()
        with self.assertRaisesRegex(AccessError, "Reset Plan to Draft"):
            plan.with_user(self.module_user).action_reset_draft()
        plan.with_user(self.module_manager).action_reset_draft()
        plan.with_user(self.module_user).amount_target = 12000.0
        self.assertEqual((plan.state, plan.amount_target), ("draft", 12000.0))
        self.assertFalse(plan.approved_by_id)

    def test_periods_overlaps_and_bad_input(self):
        quarter = self._plan(period="quarter", date_from=fields.Date.to_date("2026-04-01"))
        self.assertEqual(quarter.date_to, fields.Date.to_date("2026-06-30"))
        with self.assertRaisesRegex(ValidationError, "already has a plan"):
            self._plan(period="month", date_from=fields.Date.to_date("2026-05-01"))
        # Another distributor, or the next quarter, is fine.
        self._plan(partner=self.sub, period="month", date_from=fields.Date.to_date("2026-05-01"))
        self._plan(period="quarter", date_from=fields.Date.to_date("2026-07-01"))
        with self.assertRaisesRegex(ValidationError, "ends before it starts"):
            self._plan(
                period="custom",
                date_from=fields.Date.to_date("2027-03-01"),
                date_to=fields.Date.to_date("2027-02-01"),
            )
        with self.assertRaisesRegex(ValidationError, "neither a distributor nor an agent"):
            self._plan(partner=self.direct_customer)
        with self.assertRaisesRegex(UserError, "Target"):
            self._plan(date_from=fields.Date.to_date("2028-01-01"), amount_target=0.0).with_user(
                self.module_manager
            ).action_approve()

    def test_portal_summary_shows_approved_plans_only(self):
        draft = self._plan(date_from=self.month_start - relativedelta(months=1))
        plan = self._plan(
            line_ids=[Command.create({"product_kind": "flat", "amount_target": 4000.0})]
        )
        plan.with_user(self.module_manager).action_approve()
        order = self._print_order(self.top)
        self._invoice(order)
        summary = self.top._print_channel_plan_summary()
        self.assertEqual([row["plan"] for row in summary], [plan])
        self.assertNotIn(draft, [row["plan"] for row in summary])
        row = summary[0]
        self.assertAlmostEqual(row["invoiced"], order.amount_untaxed, places=2)
        self.assertAlmostEqual(row["attainment"], 100.0 * order.amount_untaxed / 10000.0)
        self.assertEqual(row["lines"][0]["kind"], "Flat Sheet")
        html = self.env["ir.qweb"]._render(
            "print_crm_channel.portal_channel_plan_summary", {"plan_summary": summary}
        )
        self.assertIn("Flat Sheet", html)
        self.assertIn(f"{round(row['attainment'])} %", html)
        self.assertFalse(self.sibling._print_channel_plan_summary())
        # The distributor portal's home shows it as a section.
        template = "print_crm_channel.portal_channel_plan_summary"
        sections = self.top._print_channel_portal_sections()
        found = [section for section in sections if section[1] == template]
        self.assertEqual(len(found), 1)
        title, __, values = found[0]
        self.assertEqual(title, "Sales Plan")
        html = self.env["ir.qweb"]._render(template, {"section_values": values})
        self.assertIn("Flat Sheet", html)
        self.assertFalse(
            [s for s in self.direct_customer._print_channel_portal_sections() if s[1] == template]
        )


@tagged("post_install", "-at_install")
class TestChannelSalesPlanPortal(ChannelSalesCommon, HttpCase):
    """The distributor's portal shows its own approved plans, never a sibling's; plans
    themselves stay out of portal users' reach over RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        contact = cls.env["res.partner"].create(
            {"name": "Tara Top", "parent_id": cls.top.id, "email": "tara@channel.example"}
        )
        cls.portal_user = new_test_user(
            cls.env, login="plan-portal", groups="base.group_portal", partner_id=contact.id
        )
        Plan = cls.env["print.channel.plan"].with_user(cls.module_manager)
        start = fields.Date.today().replace(day=1)
        cls.plan = Plan.create(
            {"partner_id": cls.top.id, "date_from": start, "amount_target": 12345.0}
        )
        cls.sibling_plan = Plan.create(
            {"partner_id": cls.sibling.id, "date_from": start, "amount_target": 67890.0}
        )
        (cls.plan | cls.sibling_plan).action_approve()

    def test_channel_page_shows_own_plan(self):
        self.authenticate("plan-portal", "plan-portal")
        page = self.url_open("/my/channel", allow_redirects=False)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Sales Plan", page.text)
        self.assertIn("12,345.00", page.text)
        self.assertNotIn("67,890.00", page.text, "a sibling's plan never shows")
        with self.assertRaises(AccessError):
            self.env["print.channel.plan"].with_user(self.portal_user).search_read(
                [], ["amount_target"]
            )
