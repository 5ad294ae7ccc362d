# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common_workflow import PrintCrmServiceTicketCommon


@tagged("post_install", "-at_install")
class TestCustomerTimelineTickets(PrintCrmServiceTicketCommon):
    """The customer's print tickets on its timeline, shown as helpdesk lets each user read
    tickets; the service desk reads the customer's jobs, proofs and tickets there."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Timeline = cls.env["print.customer.timeline"]
        cls.proof = cls._proof(send=False)
        cls.ticket = cls._ticket()
        cls.other_team = cls.env["helpdesk.ticket.team"].create({"name": "Bindery (test)"})

    def _lines(self, user, kind, records):
        return self.Timeline.with_user(user).search(
            [("kind", "=", kind), ("res_id", "in", records.ids)]
        )

    def _line(self, kind, record):
        return self.Timeline.search([("kind", "=", kind), ("res_id", "=", record.id)])

    def test_ticket_line_says_number_subject_step_and_deadline(self):
        line = self._lines(self.desk, "ticket", self.ticket)
        self.assertEqual(len(line), 1)
        self.assertEqual(line.partner_id, self.customer)
        self.assertEqual((line.reference, line.summary), (self.ticket.number, "Colours too dark"))
        self.assertEqual(line.status_label, "New")
        self.assertEqual(line.user_id, self.ticket.user_id)
        self.assertEqual(line.date_due, self.ticket.print_deadline)
        self.ticket.with_user(self.desk).action_print_mark_valid()
        self._route(self.ticket)
        self.env.invalidate_all()  # a new request reads the timeline afresh
        line = self._lines(self.desk, "ticket", self.ticket)
        self.assertEqual(line.status_label, "Routed")
        self.assertEqual(line.team_id, self.team_press)
        action = line.with_user(self.desk).action_open_document()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("helpdesk.ticket", self.ticket.id)
        )
        # Tickets that are no print tickets are not the customer's print history.
        plain = self.env["helpdesk.ticket"].create(
            {"name": "Printer toner", "description": "x", "partner_id": self.customer.id}
        )
        if not plain.print_kind:
            self.assertFalse(self._line("ticket", plain))

    def test_service_desk_reads_jobs_proofs_and_tickets_only(self):
        """A service user (not an estimating user) has the timeline of every customer's
        jobs, proofs and tickets; contacts, estimates and orders stay the sales side's."""
        self.env["print.contact.log"].create({"partner_id": self.customer.id, "summary": "Call"})
        self.assertFalse(self.desk.has_group("print_crm_quote.group_estimate_user"))
        lines = self.Timeline.with_user(self.desk).search([("partner_id", "=", self.customer.id)])
        self.assertEqual(set(lines.mapped("kind")), {"job", "proof", "ticket"})
        everything = self.Timeline.search([("partner_id", "=", self.customer.id)])
        all_kinds = {"contact", "estimate", "order", "job", "proof", "ticket"}
        self.assertEqual(set(everything.mapped("kind")), all_kinds)
        with self.assertRaises(AccessError):
            everything.filtered(lambda line: line.kind == "estimate").with_user(self.desk).read(
                ["summary"]
            )

    def test_no_ticket_line_for_a_user_who_may_not_read_tickets(self):
        """An estimating user outside helpdesk reads no print ticket (helpdesk lets it read
        only tickets it follows): no ticket line, not even by id, over RPC."""
        line = self._line("ticket", self.ticket)
        self.assertFalse(self._lines(self.estimator, "ticket", self.ticket))
        self.assertTrue(self._lines(self.estimator, "job", self.job))
        with self.assertRaises(AccessError):
            line.with_user(self.estimator).read(["reference", "summary", "status"])
        with self.assertRaises(AccessError):
            self.ticket.with_user(self.estimator).read(["name"])
        # Given helpdesk's User group, it sees it.
        self.estimator.groups_id += self.env.ref("helpdesk_mgmt.group_helpdesk_user")
        self.assertEqual(self._lines(self.estimator, "ticket", self.ticket), line)

    def test_ticket_lines_mirror_personal_and_team_tickets(self):
        Ticket = self.env["helpdesk.ticket"]
        mine = self._ticket(name="Assigned to me", team_id=self.other_team.id)
        teams = self._ticket(name="My department's, unassigned", team_id=self.team_press.id)
        others = self._ticket(name="Another department's", team_id=self.other_team.id)
        tickets = mine | teams | others
        (tickets | self.ticket).write({"user_id": False})
        personal = new_test_user(
            self.env,
            login="timeline-personal",
            groups="print_crm_quote.group_estimate_manager,helpdesk_mgmt.group_helpdesk_user_own",
        )
        team = new_test_user(
            self.env,
            login="timeline-team",
            groups="print_crm_quote.group_estimate_manager,helpdesk_mgmt.group_helpdesk_user_team",
        )
        self.team_press.user_ids += personal | team
        mine.user_id = personal
        for user in (personal, team):
            with self.subTest(user=user.login):
                readable = Ticket.with_user(user).search([("id", "in", tickets.ids)])
                lines = self._lines(user, "ticket", tickets)
                self.assertEqual(set(lines.mapped("res_id")), set(readable.ids))
        self.assertEqual(
            set(self._lines(personal, "ticket", tickets).mapped("res_id")), {mine.id, teams.id}
        )
        self.assertEqual(set(self._lines(team, "ticket", tickets).mapped("res_id")), {teams.id})
        with self.assertRaises(AccessError):
            self._line("ticket", others).with_user(personal).read(["summary"])


@tagged("post_install", "-at_install")
class TestCustomerTimelineRpc(PrintCrmServiceTicketCommon, HttpCase):
    """Over JSON-RPC, as the web client reads the timeline: no ticket line reaches a user
    outside helpdesk, in a list or by id; the service desk gets the customer's tickets."""

    def _call(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def _search(self):
        found = self._call(
            "print.customer.timeline",
            "web_search_read",
            domain=[("partner_id", "=", self.customer.id)],
            specification={"kind": {}, "reference": {}, "summary": {}, "status_label": {}},
        )
        return found["records"]

    @mute_logger("odoo.http")  # the refusal below is logged as a warning
    def test_ticket_lines_over_rpc(self):
        ticket = self._ticket()
        line = self.env["print.customer.timeline"].search(
            [("kind", "=", "ticket"), ("res_id", "=", ticket.id)]
        )
        self.authenticate(self.estimator.login, self.estimator.login)
        records = self._search()
        self.assertTrue(records)
        self.assertNotIn("ticket", {record["kind"] for record in records})
        self.assertNotIn(ticket.number, {record["reference"] for record in records})
        with self.assertRaises(JsonRpcException) as caught:
            self._call("print.customer.timeline", "read", line.ids, ["summary"])
        self.assertIn("AccessError", str(caught.exception))
        self.authenticate(self.desk.login, self.desk.login)
        records = self._search()
        tickets = [record for record in records if record["kind"] == "ticket"]
        self.assertEqual(
            [(r["reference"], r["summary"], r["status_label"]) for r in tickets],
            [(ticket.number, "Colours too dark", "New")],
        )
