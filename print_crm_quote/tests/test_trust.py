# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Decisions on estimates and orders are made by their actions only; input stays bounded;
core Odoo users keep working (issue 10)."""

import io
import zipfile
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL

from .common import PrintCrmEstimateCommon

DECISION = "only its action sets it"


def sheet_xml(content):
    """{member name: XML text} of the worksheets and shared strings of an XLSX file."""
    with zipfile.ZipFile(io.BytesIO(content)) as book:
        return {
            name: book.read(name).decode()
            for name in book.namelist()
            if name.startswith("xl/worksheets/") or name == "xl/sharedStrings.xml"
        }


@tagged("post_install", "-at_install")
class TestPrintSaleApprovalDecision(PrintCrmEstimateCommon):
    """Finding 1: only the approval wizard, run by a sales manager, approves an order."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sales_manager = new_test_user(
            cls.env,
            login="print_crm_quote-trust-sales-manager",
            groups="sales_team.group_sale_manager",
        )

    def _below_cost_order(self):
        estimate = self._make_estimate(quantities=(1000,))
        line = estimate._accept_break(estimate.break_ids)
        line.with_user(self.estimator).price_unit = line.print_unit_cost * 0.5
        return line.order_id

    def test_nobody_writes_the_approval_directly(self):
        order = self._below_cost_order()
        for user in (self.estimator, self.sales_manager, self.module_manager):
            for values in (
                {"print_approval_reason": "Approved by the boss"},
                {"print_approval_user_id": self.admin.id},
            ):
                with self.assertRaisesText(UserError, DECISION):
                    order.with_user(user).write(values)
        with self.assertRaisesText(UserError, DECISION):
            self.env["sale.order"].with_user(self.estimator).create(
                {"partner_id": self.customer.id, "print_approval_reason": "pre-approved"}
            )
        # Still blocked for the estimator: nothing was recorded.
        with self.assertRaisesText(UserError, "Only a sales manager can confirm it"):
            order.with_user(self.estimator).action_confirm()
        self.assertEqual(order.state, "draft")
        self.assertFalse(order.print_approval_reason)
        self.assertFalse(order.print_approval_user_id)

    def test_wizard_stamps_the_manager_and_the_date(self):
        order = self._below_cost_order()
        before = fields.Datetime.now() - timedelta(seconds=1)
        context = order.with_user(self.sales_manager).action_confirm()["context"]
        wizard = (
            self.env["sale.order.print.approval.wizard"]
            .with_user(self.sales_manager)
            .with_context(**context)
            .create({"reason": "Prepayment received"})
        )
        wizard.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.print_approval_user_id, self.sales_manager)
        self.assertEqual(order.print_approval_reason, "Prepayment received")
        self.assertGreaterEqual(order.print_approval_date, before)
        self.assertLessEqual(order.print_approval_date, fields.Datetime.now())


@tagged("post_install", "-at_install")
class TestPrintEstimateDecisions(PrintCrmEstimateCommon):
    """Finding 3: states and sent prices are the actions' to write."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.portal_user = new_test_user(
            cls.env,
            login="print_crm_quote-trust-portal",
            groups="base.group_portal",
            partner_id=cls.customer_contact.id,
        )

    def test_sent_break_prices_cannot_be_changed(self):
        estimate = self._make_estimate()
        estimate.action_mark_sent()
        break_ = estimate.break_ids[0]
        price, cost = break_.price, break_.cost
        for user in (self.estimator, self.module_manager):
            for values in ({"price": 1.0}, {"cost": 1.0}, {"unit_price": 0.001}):
                with self.assertRaisesText(UserError, DECISION):
                    break_.with_user(user).write(values)
        line = estimate._accept_break(break_)
        self.assertEqual(line.price_unit, price)
        self.assertEqual(line.print_unit_cost, cost)

    def test_break_prices_are_the_engines_even_in_draft(self):
        estimate = self._make_estimate()
        estimate.action_compute()
        break_ = estimate.break_ids[0]
        price = break_.price
        as_estimator = estimate.with_user(self.estimator)
        with self.assertRaisesText(UserError, DECISION):
            break_.with_user(self.estimator).write({"price": -1.0})
        with self.assertRaisesText(UserError, DECISION):
            as_estimator.write({"break_ids": [Command.update(break_.id, {"price": -1.0})]})
        with self.assertRaisesText(UserError, DECISION):
            as_estimator.write({"break_ids": [Command.create({"quantity": 7000, "price": 1.0})]})
        self.assertEqual(break_.price, price)

    def test_editing_a_break_or_part_itself_marks_prices_out_of_date(self):
        """Over RPC a break or part is written directly, not through the estimate form: the
        prices the customer gets are still those of the quantities and spec sent."""
        estimate = self._make_estimate(quantities=(500,))
        estimate.action_compute()
        price_500 = estimate.break_ids.price
        estimate.break_ids.with_user(self.estimator).write({"quantity": 5000})
        self.assertFalse(estimate.computed)
        estimate.action_mark_sent()
        self.assertGreater(estimate.break_ids.price, price_500)
        self.assertEqual(estimate.break_ids.breakdown["quantity"], 5000)
        other = self._make_estimate(quantities=(500,))
        other.action_compute()
        self.env["print.estimate.break"].with_user(self.estimator).create(
            {"estimate_id": other.id, "quantity": 1000}
        )
        self.assertFalse(other.computed)
        other.action_compute()
        other.part_ids.with_user(self.estimator).write({"colours_back": 4})
        self.assertFalse(other.computed)

    def test_no_zero_price_reaches_an_order(self):
        estimate = self._make_estimate()
        estimate.action_mark_sent()
        break_ = estimate.break_ids[0]
        self.env.flush_all()
        self.env.cr.execute(
            SQL("UPDATE print_estimate_break SET price = 0 WHERE id = %s", break_.id)
        )
        break_.invalidate_recordset()
        with self.assertRaisesText(UserError, "Price"):
            estimate._accept_break(break_)
        self.assertEqual(estimate.state, "sent")
        self.assertFalse(estimate.sale_order_id)

    def test_states_are_written_by_the_actions_only(self):
        accepted = self._make_estimate()
        accepted._accept_break(accepted.break_ids[0])
        for user in (self.estimator, self.module_manager):
            for values in (
                {"state": "draft"},
                {"accepted_break_id": False},
                {"sale_order_id": False},
                {"computed": False},
            ):
                with self.assertRaisesText(UserError, DECISION):
                    accepted.with_user(user).write(values)
        self.assertEqual(accepted.state, "accepted")
        draft = self._make_estimate().with_user(self.estimator)
        for values in ({"state": "sent"}, {"state": "accepted"}, {"computed": True}):
            with self.assertRaisesText(UserError, DECISION):
                draft.write(values)
        self.assertEqual(draft.state, "draft")
        self.assertFalse(draft.computed)
        with self.assertRaisesText(UserError, DECISION):
            self._make_estimate(state="sent")
        # The actions still work, and editing the spec still marks prices out of date.
        draft.action_compute()
        self.assertTrue(draft.computed)
        draft.write({"finished_width": 200.0})
        self.assertFalse(draft.computed)
        draft.action_mark_sent()
        self.assertEqual(draft.state, "sent")

    def test_public_methods_refuse_a_portal_user(self):
        estimate = self._make_estimate()
        estimate.action_mark_sent()
        mine = estimate.with_user(self.portal_user)
        self.assertEqual(mine.title, "Spring open day flyer", "the customer reads its estimate")
        for name in (
            "action_compute",
            "action_send",
            "action_mark_sent",
            "action_mark_lost",
            "action_cancel",
            "action_draft",
            "action_new_revision",
            "action_view_sale_order",
            "action_export_xlsx",
        ):
            with self.assertRaises(AccessError, msg=name):
                getattr(mine, name)()
        for name in ("action_open_breakdown", "action_accept"):
            with self.assertRaises(AccessError, msg=name):
                getattr(mine.break_ids[0], name)()
        self.assertEqual(estimate.state, "sent")
        self.assertFalse(estimate.sale_order_id)

    def test_portal_user_reads_only_what_the_portal_shows(self):
        estimate = self._make_estimate(lost_reason="Too cheap to refuse")
        estimate.action_mark_sent()
        mine = estimate.with_user(self.portal_user)
        shown = ["title", "state", "validity_date", "is_expired", "spec_summary", "note"]
        self.assertEqual(mine.read(shown)[0]["title"], "Spring open day flyer")
        for name in ("price_policy_id", "lost_reason"):
            with self.assertRaises(AccessError, msg=name):
                mine.read([name])

    def test_a_customers_message_does_not_mark_the_estimate_sent(self):
        """The portal chatter posts as superuser with the client's context: only an
        estimator's e-mail marks the estimate sent."""
        estimate = self._make_estimate()
        estimate.action_compute()
        estimate.with_user(self.portal_user).sudo().with_context(
            mark_print_estimate_sent=True
        ).message_post(body="Any news?")
        self.assertEqual(estimate.state, "draft")
        estimate.with_user(self.estimator).with_context(mark_print_estimate_sent=True).message_post(
            body="Here is your estimate."
        )
        self.assertEqual(estimate.state, "sent")

    def test_expired_estimate_cannot_be_accepted_in_the_back_office(self):
        estimate = self._make_estimate(validity_date=fields.Date.today() - timedelta(days=1))
        estimate.action_mark_sent()
        self.assertTrue(estimate.is_expired)
        with self.assertRaisesText(UserError, "expired"):
            estimate._accept_break(estimate.break_ids[0])
        self.assertEqual(estimate.state, "sent")
        # Valid until today: still open today.
        today = self._make_estimate(validity_date=fields.Date.today())
        today.action_mark_sent()
        self.assertFalse(today.is_expired)
        today._accept_break(today.break_ids[0])
        self.assertEqual(today.state, "accepted")


@tagged("post_install", "-at_install")
class TestPrintInputBounds(PrintCrmEstimateCommon):
    """Finding 10: figures out of range get a message naming the field, never a crash."""

    def test_huge_quantity_is_refused_by_name(self):
        estimate = self._make_estimate()
        with self.assertRaisesText(ValidationError, "Quantity") as caught:
            estimate.write({"break_ids": [Command.create({"quantity": 10**400})]})
        self.assertIn("10,000,000", str(caught.exception))
        with self.assertRaisesText(ValidationError, "Quantity"):
            self.env["print.estimate.break"].create(
                {"estimate_id": estimate.id, "quantity": 10**12}
            )
        with self.assertRaisesText(ValidationError, "Quantity"):
            estimate.break_ids[0].write({"quantity": 10**12})
        # An RPC client may send the number as text, which Odoo would convert unchecked.
        with self.assertRaisesText(ValidationError, "Quantity"):
            self.env["print.estimate.break"].create(
                {"estimate_id": estimate.id, "quantity": "9" * 400}
            )
        self.assertEqual(estimate.break_ids.mapped("quantity"), [500, 1000, 2500])

    def test_saddle_stitching_has_a_page_limit(self):
        self.op_stitcher.max_pages = 64
        values = {
            "product_kind": "saddle_stitched",
            "finished_width": 148.0,
            "finished_height": 210.0,
            "size_name": "A5",
        }
        with self.assertRaisesText(ValidationError, "Pages") as caught:
            self._make_estimate(part={"pages": 4000}, **values)
        self.assertIn("64", str(caught.exception))
        self.assertIn("Saddle stitcher", str(caught.exception))
        booklet = self._make_estimate(part={"pages": 64}, **values)
        booklet.action_compute()
        self.assertTrue(all(b.price > 0 for b in booklet.break_ids))
        with self.assertRaisesText(ValidationError, "Pages"):
            booklet.part_ids.write({"pages": 68})
        # A perfect binder may take thick books; the limit is the operation's.
        self.assertEqual(self.op_stitcher.max_pages, 64)

    def test_sizes_are_bounded(self):
        for values in (
            {"finished_width": 10.0**7},
            {"finished_height": 10.0**7},
            {"bleed": 1000.0},
            {"gutter": 1000.0},
        ):
            name = next(iter(values))
            label = self.env["print.estimate"]._fields[name].string
            with self.assertRaisesText(ValidationError, label):
                self._make_estimate(**values)

    def test_estimate_xlsx_writes_user_text_as_text(self):
        self.customer_contact.name = '=HYPERLINK("http://evil.example","Click")'
        estimate = self._make_estimate(title="=1+2", client_reference="=cmd|' /C calc'!A0")
        estimate.action_compute()
        members = sheet_xml(estimate._export_xlsx())
        self.assertTrue(any("worksheets/sheet" in name for name in members))
        for name, xml in members.items():
            self.assertNotIn("<f>", xml, name)
        self.assertIn("=1+2", members["xl/sharedStrings.xml"])
        self.assertIn("HYPERLINK", members["xl/sharedStrings.xml"])

    def test_customer_value_xlsx_writes_user_text_as_text(self):
        partner = self.env["res.partner"].create(
            {"name": "=SUM(1,2)", "is_company": True, "user_id": self.estimator.id}
        )
        service = self.env["product.product"].create(
            {"name": "Print work (test)", "type": "service", "list_price": 100.0}
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [Command.create({"product_id": service.id})],
            }
        )
        order.action_confirm()
        Value = self.env["print.customer.value"]
        Value._recompute(self.company)
        values = Value.search([("partner_id", "=", partner.id)])
        self.assertTrue(values)
        members = sheet_xml(values._export_xlsx())
        for name, xml in members.items():
            self.assertNotIn("<f>", xml, name)
        self.assertIn("=SUM(1,2)", members["xl/sharedStrings.xml"])


@tagged("post_install", "-at_install")
class TestPrintCoreSaleUsers(PrintCrmEstimateCommon):
    """Finding 11: Sales users without a Printing group, and portal customers, keep working."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.sales_user = new_test_user(
            cls.env, login="print_crm_quote-plain-salesman", groups="sales_team.group_sale_salesman"
        )
        cls.sales_manager = new_test_user(
            cls.env,
            login="print_crm_quote-plain-sales-manager",
            groups="sales_team.group_sale_manager",
        )
        cls.portal_user = new_test_user(
            cls.env,
            login="print_crm_quote-core-portal",
            groups="base.group_portal",
            partner_id=cls.customer_contact.id,
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Business cards (stock)", "type": "consu", "list_price": 40.0}
        )

    def _quotation_as(self, user):
        order = (
            self.env["sale.order"]
            .with_user(user)
            .create(
                {
                    "partner_id": self.customer.id,
                    "order_line": [Command.create({"product_id": self.product.id})],
                }
            )
        )
        # What the web client does, in a new request: read every field of the order and of
        # its lines.
        order.env.invalidate_all()
        values = order.read()[0]
        self.assertEqual(values["partner_id"][0], self.customer.id)
        self._read_line_fields(order.order_line)
        return order

    def _read_line_fields(self, lines):
        """Read the fields this module adds to order lines (stock Odoo already refuses a
        Sales user a read() of all of them: analytic lines)."""
        names = [
            name
            for name, field in lines._fields.items()
            if "print_crm_quote" in (field._modules or ())
        ]
        self.assertIn("print_copies", names)
        lines.env.invalidate_all()
        return lines.read(names)

    def test_sales_user_and_manager_without_printing_groups(self):
        for user in (self.sales_user, self.sales_manager):
            with self.subTest(user=user.login):
                order = self._quotation_as(user)
                self.assertFalse(order.print_customer_blocked)
                order.action_confirm()
                self.assertEqual(order.state, "sale")
                order.env.invalidate_all()
                order.read()

    def test_sales_user_reads_an_order_made_from_an_estimate(self):
        estimate = self._make_estimate(user_id=self.sales_user.id)
        order = estimate._accept_break(estimate.break_ids[0]).order_id
        order.user_id = self.sales_user
        self.env.invalidate_all()
        order.with_user(self.sales_user).read()
        self._read_line_fields(order.order_line.with_user(self.sales_user))
        order.with_user(self.sales_user).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_portal_user_reads_its_own_order(self):
        estimate = self._make_estimate()
        estimate.action_mark_sent()
        order = estimate._accept_break(estimate.break_ids[0]).order_id
        order.message_subscribe(partner_ids=self.customer_contact.ids)
        self.env.invalidate_all()
        mine = order.with_user(self.portal_user)
        # Stock Odoo refuses a portal user read() of every field (Sale Options): the portal
        # reads named fields. What the portal shows is readable, the rest refused.
        values = mine.read(["name", "amount_untaxed", "order_line"])[0]
        self.assertEqual(values["amount_untaxed"], order.amount_untaxed)
        for name in ("print_below_cost", "print_customer_blocked", "print_estimate_ids"):
            with self.assertRaises(AccessError, msg=f"the portal does not show {name}"):
                mine.read([name])
        shown = ["print_copies", "is_print_line", "name", "price_total"]
        lines = mine.order_line.read(shown)
        self.assertEqual(lines[0]["print_copies"], 500)
        # The links to the estimate are staff's; the portal page reads them as superuser.
        for name in ("print_estimate_id", "print_estimate_break_id"):
            with self.assertRaises(AccessError, msg=f"the portal does not show {name}"):
                mine.order_line.read([name])
