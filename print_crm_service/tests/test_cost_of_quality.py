# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import json

from openpyxl import load_workbook

from odoo import Command, http
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged

from .common_workflow import PrintCrmServiceTicketCommon


class CostOfQualityCommon(PrintCrmServiceTicketCommon):
    """Tickets whose approved resolution costs the shop: a reprint, a credit note."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.billing = new_test_user(
            cls.env,
            login="print_crm_service-billing",
            groups="account.group_account_invoice",
            name="Billing Bea",
        )
        cls.supplier = cls.env["res.partner"].create(
            {"name": "Bindery Partners Ltd", "is_company": True}
        )
        cls.cause_outsourced = cls.env.ref("print_crm_service.cause_outsourced")
        # The accepted quantity break the job was priced on: its estimated cost.
        cls.break_ = cls.job.sudo().sale_line_id.print_estimate_break_id
        cls.Report = cls.env["print.service.quality.cost"]

    def _to_proposed(self, ticket, **values):
        ticket.with_user(self.desk).action_print_mark_valid()
        self._route(ticket)
        self._investigate(ticket)
        if values:
            ticket.with_user(self.leader).write(values)
        ticket.with_user(self.leader).action_print_propose()

    def _approved(self, **values):
        ticket = self._ticket()
        self._to_proposed(ticket, **values)
        ticket.with_user(self.service_manager).action_print_approve()
        return ticket

    def _credit(self, amount=120.0, resolution="credit_note", **values):
        ticket = self._approved(
            print_resolution=resolution, print_resolution_amount=amount, **values
        )
        ticket.with_user(self.service_manager).action_print_draft_credit_note()
        return ticket


@tagged("post_install", "-at_install")
class TestCostOfQualityReprint(CostOfQualityCommon):
    def test_reprint_approved_creates_a_zero_price_job_with_its_cost(self):
        order = self.job.sale_order_id
        lines, total = order.order_line, order.amount_total
        ticket = self._approved()
        reprint = ticket.print_reprint_job_ids
        self.assertEqual(len(reprint), 1, "the approval creates one production job")
        self.assertEqual(reprint.print_ticket_id, ticket)
        self.assertEqual(ticket.print_reprint_job_count, 1)
        self.assertEqual(reprint.quantity, self.job.quantity)
        self.assertEqual(reprint.partner_id, self.job.partner_id)
        self.assertEqual(reprint.sudo().estimate_id, self.job.sudo().estimate_id)
        self.assertEqual(reprint.sudo().route_id, self.job.sudo().route_id)
        self.assertIn(self.job.title, reprint.title)
        # Zero price: nothing is sold, the order is neither changed nor to invoice again.
        self.assertFalse(reprint.sudo().sale_line_id)
        self.assertEqual(order.order_line, lines)
        self.assertEqual(order.amount_total, total)
        self.assertEqual(reprint.sale_order_id, order)
        # The estimated cost of the accepted quantity, recorded on the job and the ticket.
        self.assertTrue(self.break_.cost)
        self.assertAlmostEqual(reprint.print_reprint_cost, self.break_.cost, places=2)
        self.assertAlmostEqual(ticket.print_reprint_cost, self.break_.cost, places=2)
        self.assertAlmostEqual(ticket.print_quality_cost, self.break_.cost, places=2)
        # Shown on the ticket (smart button) and on the job.
        action = ticket.with_user(self.desk).action_print_view_reprint_jobs()
        self.assertEqual(action["res_model"], "print.job")
        self.assertEqual(action["res_id"], reprint.id)
        self.assertIn(ticket.name, reprint.with_user(self.production_user).print_ticket_id.name)
        self.assertTrue(any(reprint.name in (m.body or "") for m in ticket.message_ids))

    def test_partial_reprint_quantity(self):
        ticket = self._ticket()
        ticket.with_user(self.desk).action_print_mark_valid()
        self._route(ticket)
        self._investigate(ticket)
        ticket.with_user(self.leader).print_resolution = "partial_reprint"
        with self.assertRaisesText(UserError, "Copies to Reprint"):
            ticket.with_user(self.leader).action_print_propose()
        for bad in (-5, self.job.quantity + 1):
            with self.subTest(quantity=bad), self.assertRaisesText(UserError, "Copies to Reprint"):
                ticket.with_user(self.leader).print_reprint_quantity = bad
                ticket.with_user(self.leader).action_print_propose()
        self.assertEqual(ticket.print_step, "routed")
        ticket.with_user(self.leader).print_reprint_quantity = 250
        ticket.with_user(self.leader).action_print_propose()
        with self.assertRaisesText(UserError, "was proposed"):
            ticket.with_user(self.leader).print_reprint_quantity = 900
        ticket.with_user(self.service_manager).action_print_approve()
        reprint = ticket.print_reprint_job_ids
        self.assertEqual(reprint.quantity, 250)
        expected = self.break_.cost * 250 / self.break_.quantity
        self.assertAlmostEqual(reprint.print_reprint_cost, expected, places=2)
        self.assertAlmostEqual(ticket.print_reprint_cost, expected, places=2)

    def test_a_reprint_needs_the_job(self):
        ticket = self._ticket(print_job_id=False)
        ticket.with_user(self.desk).action_print_mark_valid()
        self._route(ticket)
        self._investigate(ticket)
        with self.assertRaisesText(UserError, "Production Job"):
            ticket.with_user(self.leader).action_print_propose()
        self.assertEqual(ticket.print_step, "routed")
        # Nor approved when the job was taken off after the proposal.
        ticket.with_user(self.leader).print_job_id = self.job
        ticket.with_user(self.leader).action_print_propose()
        ticket.with_user(self.desk).print_job_id = False
        with self.assertRaisesText(UserError, "Approve Resolution"):
            ticket.with_user(self.service_manager).action_print_approve()
        self.assertEqual(ticket.print_step, "proposed")
        self.assertFalse(ticket.print_reprint_job_ids)

    def test_an_outsourced_cause_needs_the_supplier(self):
        ticket = self._ticket()
        ticket.with_user(self.desk).action_print_mark_valid()
        self._route(ticket)
        self._investigate(ticket)
        ticket.with_user(self.leader).print_cause_id = self.cause_outsourced
        with self.assertRaisesText(UserError, "Supplier"):
            ticket.with_user(self.leader).action_print_propose()
        ticket.with_user(self.leader).print_supplier_id = self.supplier
        ticket.with_user(self.leader).action_print_propose()
        self.assertEqual(ticket.print_step, "proposed")

    def test_a_reopened_ticket_approved_again_reprints_once_the_first_is_done(self):
        ticket = self._approved()
        first = ticket.print_reprint_job_ids
        ticket.with_user(self.desk).action_print_resolve()
        self._wizard(ticket, "action_print_reopen", reason="The reprint is too dark too.")
        ticket.with_user(self.leader).action_print_propose()
        ticket.with_user(self.service_manager).action_print_approve()
        # The first reprint is still open: it is the reprint, no second job.
        self.assertEqual(ticket.print_reprint_job_ids, first)
        first.sudo().action_cancel()
        self.assertEqual(ticket.print_reprint_cost, 0.0, "a cancelled reprint costs nothing")
        ticket.with_user(self.desk).action_print_resolve()
        self._wizard(ticket, "action_print_reopen", reason="It was cancelled by mistake.")
        ticket.with_user(self.leader).action_print_propose()
        ticket.with_user(self.service_manager).action_print_approve()
        self.assertEqual(len(ticket.print_reprint_job_ids), 2)
        self.assertAlmostEqual(ticket.print_reprint_cost, self.break_.cost, places=2)


@tagged("post_install", "-at_install")
class TestCostOfQualityCredit(CostOfQualityCommon):
    def test_credit_note_is_drafted_once(self):
        order = self.job.sale_order_id
        invoice = order._create_invoices()
        invoice.action_post()
        ticket = self._approved(print_resolution="credit_note", print_resolution_amount=120.0)
        action = ticket.with_user(self.service_manager).action_print_draft_credit_note()
        move = ticket.sudo().print_credit_move_id
        self.assertEqual(move.move_type, "out_refund")
        self.assertEqual(move.state, "draft")
        self.assertEqual(move.partner_id, invoice.partner_id, "the invoice's customer")
        self.assertEqual(move.reversed_entry_id, invoice)
        self.assertEqual(len(move.invoice_line_ids), 1)
        self.assertAlmostEqual(move.invoice_line_ids.price_unit, 120.0)
        self.assertAlmostEqual(move.amount_untaxed, 120.0)
        self.assertIn(ticket.number, move.ref)
        self.assertAlmostEqual(ticket.print_credit_amount, 120.0)
        self.assertAlmostEqual(ticket.print_quality_cost, 120.0)
        self.assertFalse(ticket.print_reprint_job_ids, "a credit note reprints nothing")
        # A service manager without accounting rights is told, not shown a form it
        # cannot read; a billing user gets the draft.
        self.assertEqual(action["type"], "ir.actions.client")
        again = ticket.with_user(self.billing).action_print_draft_credit_note()
        self.assertEqual((again["res_model"], again["res_id"]), ("account.move", move.id))
        self.assertEqual(
            self.env["account.move"].search_count([("ref", "=", move.ref)]), 1, "drafted once"
        )
        # What accounting makes of the draft is the figure.
        move.invoice_line_ids.price_unit = 100.0
        self.assertAlmostEqual(ticket.print_credit_amount, 100.0)
        move.button_cancel()
        self.assertAlmostEqual(ticket.print_credit_amount, 0.0)

    def test_credit_note_needs_an_amount_and_the_resolution(self):
        ticket = self._approved(print_resolution="discount", print_resolution_amount=0.0)
        with self.assertRaisesText(UserError, "Resolution Amount"):
            ticket.with_user(self.service_manager).action_print_draft_credit_note()
        reprint = self._approved()
        with self.assertRaisesText(UserError, "Resolution"):
            reprint.with_user(self.service_manager).action_print_draft_credit_note()
        proposed = self._ticket()
        self._to_proposed(proposed, print_resolution="credit_note", print_resolution_amount=50.0)
        with self.assertRaisesText(UserError, "Draft Credit Note"):
            proposed.with_user(self.service_manager).action_print_draft_credit_note()
        self.assertFalse(self.env["account.move"].search([("ref", "ilike", ticket.number)]))

    def test_a_discount_is_credited_without_an_invoice(self):
        ticket = self._credit(45.0, resolution="discount")
        move = ticket.sudo().print_credit_move_id
        self.assertEqual(move.move_type, "out_refund")
        self.assertFalse(move.reversed_entry_id)
        self.assertAlmostEqual(ticket.print_credit_amount, 45.0)


@tagged("post_install", "-at_install")
class TestCostOfQualityReport(CostOfQualityCommon):
    def _rows(self, user, groupby, domain=()):
        rows = self.Report.with_user(user).read_group(
            list(domain),
            ["reprint_cost:sum", "credit_amount:sum", "total_cost:sum"],
            [groupby],
            lazy=False,
        )
        return {
            (row[groupby][0] if isinstance(row[groupby], tuple) else row[groupby]): (
                round(row["reprint_cost"], 2),
                round(row["credit_amount"], 2),
                round(row["total_cost"], 2),
            )
            for row in rows
        }

    def test_cost_figures_per_cause_customer_press_and_supplier(self):
        reprint = self._approved()
        credit = self._credit(
            80.0, print_cause_id=self.cause_outsourced.id, print_supplier_id=self.supplier.id
        )
        self.env.flush_all()
        cost = round(self.break_.cost, 2)
        mine = [("ticket_id", "in", (reprint | credit).ids)]
        self.assertEqual(
            self._rows(self.desk, "cause_id", mine),
            {self.cause_colour.id: (cost, 0.0, cost), self.cause_outsourced.id: (0, 80.0, 80.0)},
        )
        customer = self.customer_contact.commercial_partner_id
        self.assertEqual(
            self._rows(self.desk, "partner_id", mine),
            {customer.id: (cost, 80.0, round(cost + 80.0, 2))},
        )
        self.assertEqual(
            self._rows(self.desk, "supplier_id", mine),
            {False: (cost, 0.0, cost), self.supplier.id: (0.0, 80.0, 80.0)},
        )
        press = self.job.sudo().print_press_id
        self.assertTrue(press, "the job's press is the press of its accepted quantity")
        codes = {r["press"] for r in self.break_.breakdown["routes"]}
        self.assertIn(press.code, codes)
        self.assertEqual(
            self._rows(self.desk, "press_id", mine), {press.id: (cost, 80.0, round(cost + 80.0, 2))}
        )
        by_ticket = self._rows(self.desk, "ticket_id", mine)
        self.assertEqual(by_ticket[reprint.id], (cost, 0.0, cost))
        self.assertEqual(self._rows(self.desk, "job_id", mine)[self.job.id][2], round(cost + 80, 2))
        # A ticket without any cost is not in the report.
        self.assertFalse(self.Report.search([("ticket_id", "=", self._ticket().id)]))

    def test_report_views_open(self):
        action = self.env.ref("print_crm_service.print_service_quality_cost_action")
        self.assertEqual(action.res_model, "print.service.quality.cost")
        result = self.Report.with_user(self.desk).get_views(
            [(False, "pivot"), (False, "graph"), (False, "list"), (False, "search")]
        )
        self.assertIn("total_cost", result["views"]["pivot"]["arch"])
        self.assertIn("cause_id", result["views"]["pivot"]["arch"])
        # The ticket form with its cost buttons opens for whoever may press them, or not.
        Ticket = self.env["helpdesk.ticket"]
        for user in (self.service_manager, self.desk, self.billing, self.helpdesk_user):
            with self.subTest(user=user.login):
                form = Ticket.with_user(user).get_views([(False, "form")])["views"]["form"]
                self.assertEqual(
                    "action_print_draft_credit_note" in form["arch"],
                    user in (self.service_manager, self.billing),
                )
                self.assertEqual(
                    "action_print_view_reprint_jobs" in form["arch"],
                    user in (self.service_manager, self.desk),
                )
        job_form = (
            self.env["print.job"].with_user(self.production_user).get_views([(False, "form")])
        )
        self.assertIn("print_ticket_id", job_form["views"]["form"]["arch"])

    def test_lower_groups_are_refused(self):
        ticket = self._credit(30.0)
        move = ticket.sudo().print_credit_move_id
        proposed = self._ticket()
        self._to_proposed(proposed, print_resolution="partial_reprint", print_reprint_quantity=10)
        reprint = self._approved().print_reprint_job_ids
        for user in (self.desk, self.helpdesk_user, self.customer_user, self.billing):
            with self.subTest(user=user.login):
                with self.assertRaises(UserError):
                    ticket.with_user(user).write({"print_credit_move_id": False})
                with self.assertRaises(UserError):
                    proposed.with_user(user).write({"print_reprint_quantity": 999})
                with self.assertRaises(UserError):
                    proposed.with_user(user).write({"print_supplier_id": self.supplier.id})
                with self.assertRaises(UserError):
                    ticket.with_user(user).write({"print_quality_cost": 0.0})
                with self.assertRaises(UserError):
                    reprint.with_user(user).write({"print_reprint_cost": 0.0})
                with self.assertRaises(UserError):
                    reprint.with_user(user).write({"print_ticket_id": False})
        for user in (self.desk, self.helpdesk_user, self.customer_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                ticket.with_user(user).action_print_draft_credit_note()
        for user in (self.helpdesk_user, self.customer_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                proposed.with_user(user).action_print_approve()
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.Report.with_user(user).search([])
        # Not even a service manager creates a job's ticket link or a cost directly.
        with self.assertRaisesText(UserError, "records a decision"):
            self.env["print.job"].with_user(self.service_manager).create(
                {
                    "title": "Forged reprint",
                    "partner_id": self.customer_contact.id,
                    "due_date": "2030-01-01 10:00:00",
                    "print_ticket_id": ticket.id,
                    "print_reprint_cost": 1.0,
                }
            )
        with self.assertRaises(AccessError):
            self.Report.with_user(self.service_manager).create({})
        self.assertEqual(ticket.sudo().print_credit_move_id, move)
        self.assertEqual(proposed.print_reprint_quantity, 10)
        self.assertFalse(proposed.print_reprint_job_ids)

    def test_other_company_costs_are_not_visible(self):
        mine = self._credit(70.0)
        other_company = self.env["res.company"].create({"name": "Kowloon Print (test)"})
        other = (
            self.env["helpdesk.ticket"]
            .sudo()
            .with_company(other_company)
            .create(
                {
                    "name": "Other company's complaint",
                    "description": "<p>x</p>",
                    "type_id": self.type_complaint.id,
                    "company_id": other_company.id,
                    "partner_id": self.customer_contact.id,
                }
            )
        )
        partner = self.env["res.partner"].create({"name": "Kowloon customer"})
        self.env["print.job"].sudo()._print_decide("print_ticket_id", "print_reprint_cost").create(
            {
                "title": "Other company's reprint",
                "company_id": other_company.id,
                "partner_id": partner.id,
                "due_date": "2030-01-01 10:00:00",
                "print_ticket_id": other.id,
                "print_reprint_cost": 55.0,
            }
        )
        self.assertAlmostEqual(other.print_reprint_cost, 55.0)
        self.env.flush_all()
        self.assertTrue(self.Report.sudo().search([("ticket_id", "=", other.id)]))
        seen = self.Report.with_user(self.service_manager).search([])
        self.assertIn(mine, seen.ticket_id)
        self.assertNotIn(other.id, seen.ticket_id.ids)
        self.service_manager.company_ids = [Command.link(other_company.id)]
        both = self.Report.with_user(self.service_manager).with_context(
            allowed_company_ids=[self.env.company.id, other_company.id]
        )
        self.assertIn(other.id, both.search([]).ticket_id.ids)


@tagged("post_install", "-at_install")
class TestCostOfQualityExport(CostOfQualityCommon, HttpCase):
    def test_pivot_xlsx_export_holds_the_ticket_figure(self):
        ticket = self._credit(123.45)
        self.env.flush_all()
        rows = self.Report.with_user(self.desk).read_group(
            [("ticket_id", "=", ticket.id)], ["total_cost:sum"], ["cause_id"], lazy=False
        )
        self.assertEqual(len(rows), 1)
        # What the pivot view sends to its "Download xlsx" button.
        jdata = {
            "title": "Cost of Quality",
            "model": "print.service.quality.cost",
            "measure_count": 1,
            "origin_count": 1,
            "col_group_headers": [[{"title": "Total", "width": 1, "height": 1}]],
            "measure_headers": [{"title": "Total Cost", "width": 1, "height": 1, "is_bold": True}],
            "origin_headers": [],
            "rows": [
                {
                    "title": rows[0]["cause_id"][1],
                    "indent": 1,
                    "values": [{"value": rows[0]["total_cost"], "is_bold": True}],
                }
            ],
        }
        self.authenticate(self.desk.login, self.desk.login)
        response = self.url_open(
            "/web/pivot/export_xlsx",
            data={"data": json.dumps(jdata), "csrf_token": http.Request.csrf_token(self)},
        )
        response.raise_for_status()
        sheet = load_workbook(io.BytesIO(response.content)).active
        values = [
            cell.value.strip() if isinstance(cell.value, str) else cell.value
            for row in sheet.iter_rows()
            for cell in row
        ]
        self.assertIn(self.cause_colour.complete_name, values)
        self.assertIn(123.45, values)
