# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import json
from datetime import timedelta
from urllib.parse import urlencode

from openpyxl import load_workbook

from odoo import fields, http
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .test_regions import RegionsCommon


class StatisticsCommon(RegionsCommon):
    """The two regions' tickets and users of test_regions, and helpers that place a
    ticket's dates where a test needs them (its filing date is the database's)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Analysis = cls.env["print.service.ticket.analysis"]
        cls.Scorecard = cls.env["print.service.scorecard"]
        cls.now = fields.Datetime.now().replace(microsecond=0)
        cls._occurrences = iter(range(500, 600))

    def _dates(self, ticket, filed=None, deadline=None, resolved=None, satisfied=None):
        """Set when ``ticket`` was filed (hours ago), its deadline, resolved and satisfied
        (hours after filing)."""
        values = {}
        if deadline is not None:
            values["print_deadline"] = self.now - timedelta(hours=filed or 0) + deadline
        if resolved is not None:
            values["print_resolved_date"] = self.now - timedelta(hours=filed or 0) + resolved
        if satisfied is not None:
            values["print_satisfied_date"] = self.now - timedelta(hours=filed or 0) + satisfied
        if values:
            ticket._print_decide().write(values)
        self.env.flush_all()
        if filed is not None:
            self.env.cr.execute(
                "UPDATE helpdesk_ticket SET create_date = %s WHERE id = %s",
                (self.now - timedelta(hours=filed), ticket.id),
            )
            ticket.invalidate_recordset(["create_date"])

    def _cost(self, ticket, amount):
        """The ticket's stored cost of quality (what its reprints and credit note add up
        to, as helpdesk_ticket_quality computes it)."""
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE helpdesk_ticket SET print_quality_cost = %s WHERE id = %s", (amount, ticket.id)
        )
        ticket.invalidate_recordset(["print_quality_cost"])

    def _callback(self, job, partner, due_days, done_days, user):
        rule = self.env.ref("print_crm_service.callback_rule_job_delivered")
        today = fields.Date.today()
        return (
            self.env["print.service.callback"]
            ._print_decide()
            .create(
                {
                    "rule_id": rule.id,
                    "company_id": self.env.company.id,
                    "event": rule.event,
                    "res_model": "print.job",
                    "res_id": job.id,
                    "occurrence": next(self._occurrences),
                    "partner_id": partner.id,
                    "job_id": job.id,
                    "due_date": today + timedelta(days=due_days),
                    "state": "done",
                    "done_by_id": user.id,
                    "done_date": self.now + timedelta(days=done_days),
                }
            )
        )

    def _row(self, ticket, user=None):
        Analysis = self.Analysis.with_user(user) if user else self.Analysis
        self.env.flush_all()
        return Analysis.search([("ticket_id", "=", ticket.id)])


@tagged("post_install", "-at_install")
class TestTicketAnalysis(StatisticsCommon):
    """One row per print ticket: time to resolve against the deadline, satisfaction,
    rating, cost, repeat complaints; a branch reads its region's rows only."""

    def test_hours_to_resolve_and_within_deadline(self):
        on_time = self.ticket_a
        self._dates(on_time, filed=30, deadline=timedelta(hours=16), resolved=timedelta(hours=10))
        late = self._ticket(name="Late one")
        self._dates(late, filed=50, deadline=timedelta(hours=16), resolved=timedelta(hours=40))
        no_deadline = self._ticket(name="No deadline")
        self._dates(no_deadline, filed=5, resolved=timedelta(hours=2))
        self.ticket_b.with_user(self.desk).action_print_mark_valid()
        self._dates(self.ticket_b, filed=20, deadline=timedelta(hours=16))

        row = self._row(on_time)
        self.assertEqual(len(row), 1)
        self.assertEqual((row.print_kind, row.print_region_id), ("complaint", self.east))
        self.assertAlmostEqual(row.hours_to_resolve, 10.0, places=3)
        self.assertTrue(row.within_deadline)
        self.assertEqual((row.within_deadline_count, row.late_count), (1, 0))
        self.assertEqual(row.within_deadline_pct, 100.0)
        row = self._row(late)
        self.assertAlmostEqual(row.hours_to_resolve, 40.0, places=3)
        self.assertFalse(row.within_deadline)
        self.assertEqual((row.within_deadline_count, row.late_count), (0, 1))
        self.assertEqual(row.within_deadline_pct, 0.0)
        row = self._row(no_deadline)
        self.assertTrue(row.within_deadline, "a resolved ticket without deadline is within it")
        # Open past its deadline: overdue, neither within nor late, no hours.
        row = self._row(self.ticket_b)
        self.assertEqual((row.resolved_count, row.overdue_count, row.late_count), (0, 1, 0))
        self.assertTrue(row.overdue)
        self.assertFalse(row.hours_to_resolve)
        # The pivot's measures per region: East 3 resolved, 2 within; the hours' average.
        [east] = self.Analysis.read_group(
            [("print_region_id", "=", self.east.id)],
            [
                "resolved_count:sum",
                "within_deadline_count:sum",
                "within_deadline_pct:avg",
                "hours_to_resolve:avg",
            ],
            ["print_region_id"],
        )
        self.assertEqual((east["resolved_count"], east["within_deadline_count"]), (3, 2))
        self.assertAlmostEqual(east["within_deadline_pct"], 200.0 / 3, places=3)
        self.assertAlmostEqual(east["hours_to_resolve"], (10 + 40 + 2) / 3, places=3)

    def test_satisfaction_rating_reopenings_and_cost(self):
        ticket = self.ticket_a
        self._dates(ticket, filed=30, resolved=timedelta(hours=3), satisfied=timedelta(hours=9))
        ticket._print_decide().write({"print_reopen_count": 2})
        self.job._print_decide("print_feedback_rating").write({"print_feedback_rating": "2"})
        self._cost(ticket, 180.5)
        row = self._row(ticket)
        self.assertTrue(row.satisfied)
        self.assertEqual(row.satisfied_count, 1)
        self.assertEqual((row.rating, row.rated_count), (2.0, 1))
        self.assertEqual((row.reopen_count, row.reopened_count), (2, 1))
        self.assertEqual(row.quality_cost, 180.5)
        self.assertEqual(row.currency_id, self.env.company.currency_id)
        # The same figure as the cost of quality's.
        cost = self.env["print.service.quality.cost"].search([("ticket_id", "=", ticket.id)])
        self.assertEqual(cost.total_cost, row.quality_cost)
        # Not satisfied, not rated, nothing reopened, no cost: zeros and no rating.
        other = self._row(self.ticket_b)
        self.assertFalse(other.satisfied)
        self.assertEqual((other.rated_count, other.reopened_count, other.quality_cost), (0, 0, 0))
        self.assertFalse(other.rating)
        [total] = self.Analysis.read_group(
            [("ticket_id", "in", (ticket | self.ticket_b).ids)],
            ["satisfied_count:sum", "rating:avg", "quality_cost:sum"],
            [],
        )
        self.assertEqual((total["satisfied_count"], total["rating"]), (1, 2.0))
        self.assertEqual(total["quality_cost"], 180.5)

    def test_repeat_complaints_of_a_customer_within_90_days(self):
        old = self._ticket(name="First, long ago")
        self._dates(old, filed=24 * 200)
        gap = self._ticket(name="100 days later")
        self._dates(gap, filed=24 * 100)
        repeat = self._ticket(name="80 days later")
        self._dates(repeat, filed=24 * 20)
        invalid = self._ticket(name="Invalid, 10 days ago")
        self._dates(invalid, filed=24 * 10)
        invalid._print_decide().write({"print_step": "invalid"})
        feedback_type = self.env["helpdesk.ticket.type"].search(
            [("print_kind", "=", "suggestion")], limit=1
        )
        self.assertTrue(feedback_type)
        suggestion = self._ticket(name="A suggestion", type_id=feedback_type.id)
        self._dates(suggestion, filed=24 * 5)
        # Customer B's complaint 15 days ago is no predecessor of customer A's.
        self._dates(self.ticket_b, filed=24 * 15)
        self.env.flush_all()
        repeats = {
            row.ticket_id: (row.complaint_count, row.repeat_complaint)
            for row in self.Analysis.search([("partner_id", "in", self.customer.ids)])
        }
        self.assertEqual(repeats[old], (1, False))
        self.assertEqual(repeats[gap], (1, False), "100 days after the first: not a repeat")
        self.assertEqual(repeats[repeat], (1, True))
        self.assertEqual(repeats[invalid], (0, False), "an invalid complaint is none")
        self.assertEqual(repeats[suggestion], (0, False), "a suggestion is no complaint")
        # ticket_a (today) repeats the one of 20 days ago, not the invalid one of 10.
        self.assertEqual(repeats[self.ticket_a], (1, True))
        self.assertFalse(self._row(self.ticket_b).repeat_complaint)
        [counts] = self.Analysis.read_group(
            [("partner_id", "=", self.customer.id)],
            ["repeat_count:sum", "complaint_count:sum"],
            ["partner_id"],
        )
        self.assertEqual((counts["complaint_count"], counts["repeat_count"]), (4, 2))

    def test_group_by_kind_cause_department_region_and_person(self):
        self.ticket_a.with_user(self.desk).action_print_mark_valid()
        self._route(self.ticket_a)
        self._investigate(self.ticket_a)
        self.ticket_a.user_id = self.leader
        row = self._row(self.ticket_a)
        self.assertEqual(row.cause_id, self.cause_colour)
        self.assertEqual(row.team_id, self.team_press)
        self.assertEqual(row.responsible_id, self.production_user)
        self.assertEqual(row.user_id, self.leader)
        self.assertEqual(row.partner_id, self.customer)
        self.assertEqual(row.type_id, self.type_complaint)
        self.assertEqual(row.print_step, "routed")
        for groupby in ("print_kind", "cause_id", "team_id", "print_region_id", "user_id"):
            with self.subTest(groupby=groupby):
                rows = self.Analysis._read_group(
                    [("ticket_id", "=", self.ticket_a.id)], [groupby], ["ticket_count:sum"]
                )
                self.assertEqual(rows[0][1], 1)

    def test_branch_reads_only_its_regions_rows(self):
        self.env.flush_all()
        mine = self.Analysis.with_user(self.branch_east).search([])
        self.assertIn(self.ticket_a, mine.ticket_id)
        self.assertNotIn(self.ticket_b, mine.ticket_id)
        self.assertFalse(self._row(self.ticket_b, self.branch_east))
        self.assertEqual(self._row(self.ticket_b, self.branch_south).ticket_id, self.ticket_b)
        groups = self.Analysis.with_user(self.branch_east)._read_group(
            [("print_region_id", "!=", False)], ["print_region_id"], ["ticket_count:sum"]
        )
        self.assertEqual([region for region, _count in groups], [self.east])
        both = self.Analysis.with_user(self.head_office).search([])
        self.assertLessEqual(self.ticket_a | self.ticket_b, both.ticket_id)

    def test_service_users_read_lower_groups_do_not(self):
        self.env.flush_all()
        self.assertTrue(self.Analysis.with_user(self.desk).search([]))
        for user in (self.helpdesk_user, self.production_user, self.customer_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.Analysis.with_user(user).search([])
        with self.assertRaises(AccessError):
            self.Analysis.with_user(self.service_manager).create({})
        with self.assertRaises(AccessError):
            self._row(self.ticket_a).with_user(self.service_manager).write({"ticket_count": 5})


@tagged("post_install", "-at_install")
class TestServiceScorecard(StatisticsCommon):
    """Per employee and month: tickets handled and resolved within the deadline, customers
    satisfied and their rating, complaints as responsible with their cost, callbacks on
    time; a branch reads its region's rows only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.ticket_a.user_id = cls.leader
        cls.ticket_b.user_id = cls.leader

    def _figures(self, user=None, domain=(), groupby=("user_id",)):
        Scorecard = self.Scorecard.with_user(user) if user else self.Scorecard
        self.env.flush_all()
        measures = [
            "ticket_count:sum",
            "resolved_count:sum",
            "within_deadline_count:sum",
            "within_deadline_pct:avg",
            "hours_to_resolve:avg",
            "reopen_count:sum",
            "satisfied_count:sum",
            "rating:avg",
            "complaint_count:sum",
            "quality_cost:sum",
            "callback_count:sum",
            "callback_on_time_count:sum",
            "callback_on_time_pct:avg",
        ]
        names = [m.split(":")[0] for m in measures]
        return {
            row[0] if len(groupby) == 1 else row[: len(groupby)]: dict(
                zip(names, row[len(groupby) :], strict=True)
            )
            for row in Scorecard._read_group(list(domain), list(groupby), measures)
        }

    def test_figures_per_employee(self):
        # Leader Li: ticket_a resolved in 4 h within its deadline, satisfied, its job
        # rated 4, reopened once; ticket_b resolved late in 30 h.
        self._dates(
            self.ticket_a,
            filed=10,
            deadline=timedelta(hours=8),
            resolved=timedelta(hours=4),
            satisfied=timedelta(hours=6),
        )
        self.ticket_a._print_decide().write({"print_reopen_count": 1})
        self.job._print_decide("print_feedback_rating").write({"print_feedback_rating": "4"})
        self._dates(
            self.ticket_b, filed=40, deadline=timedelta(hours=8), resolved=timedelta(hours=30)
        )
        # The production user was found responsible for ticket_a (cost 80) and ticket_b.
        self.ticket_a.print_responsible_id = self.production_user
        self.ticket_b.print_responsible_id = self.production_user
        self._cost(self.ticket_a, 80.0)
        # Desk Dora made two callbacks, one on time, one a day late.
        self._callback(self.job, self.customer, 0, 0, self.desk)
        self._callback(self.job_b, self.customer2, -2, -1, self.desk)

        figures = self._figures()
        leader = figures[self.leader]
        self.assertEqual(
            (leader["ticket_count"], leader["resolved_count"], leader["within_deadline_count"]),
            (2, 2, 1),
        )
        self.assertEqual(leader["within_deadline_pct"], 50.0)
        self.assertAlmostEqual(leader["hours_to_resolve"], (4 + 30) / 2, places=3)
        self.assertEqual((leader["satisfied_count"], leader["reopen_count"]), (1, 1))
        self.assertEqual(leader["rating"], 4.0)
        self.assertEqual((leader["complaint_count"], leader["quality_cost"]), (0, 0))
        production = figures[self.production_user]
        self.assertEqual((production["complaint_count"], production["quality_cost"]), (2, 80.0))
        self.assertEqual(production["ticket_count"], 0)
        desk = figures[self.desk]
        self.assertEqual((desk["callback_count"], desk["callback_on_time_count"]), (2, 1))
        self.assertEqual(desk["callback_on_time_pct"], 50.0)
        self.assertEqual(desk["ticket_count"], 0)

    def test_each_figure_in_the_month_it_happened(self):
        # Filed 40 days ago, resolved today: handled then, resolved now.
        self._dates(self.ticket_a, filed=24 * 40, resolved=timedelta(days=40))
        self.env.flush_all()
        rows = self.Scorecard.search([("ticket_id", "=", self.ticket_a.id)])
        self.assertEqual(
            {row.kind: row.date for row in rows},
            {
                "ticket": self.now - timedelta(days=40),
                "resolved": self.now,
            },
        )
        self.assertEqual(rows.user_id, self.leader)

    def test_branch_reads_only_its_regions_rows(self):
        self._dates(self.ticket_a, resolved=timedelta(hours=1))
        self._dates(self.ticket_b, resolved=timedelta(hours=2))
        self._callback(self.job, self.customer, 0, 0, self.desk)
        self._callback(self.job_b, self.customer2, 0, 0, self.desk)
        head = self._figures(self.head_office, [("print_region_id", "!=", False)])
        self.assertEqual(head[self.leader]["resolved_count"], 2)
        self.assertEqual(head[self.desk]["callback_count"], 2)
        east = self._figures(self.branch_east)
        self.assertEqual(east[self.leader]["resolved_count"], 1)
        self.assertEqual(east[self.desk]["callback_count"], 1)
        regions = self.Scorecard.with_user(self.branch_east).search([]).print_region_id
        self.assertEqual(regions, self.east)

    def test_service_users_read_lower_groups_do_not(self):
        self.env.flush_all()
        self.assertTrue(self.Scorecard.with_user(self.desk).search([]))
        for user in (self.helpdesk_user, self.production_user, self.customer_user):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.Scorecard.with_user(user).search([])
                with self.assertRaises(AccessError):
                    self.Scorecard.with_user(user).action_print_scorecard_xlsx()
        with self.assertRaises(AccessError):
            self.Scorecard.with_user(self.service_manager).create({})

    def test_workbook_of_a_row_without_date(self):
        callback = self._callback(self.job, self.customer, 0, 0, self.desk)
        callback._print_decide().write({"done_date": False})
        self.env.flush_all()
        content = self.Scorecard.with_user(self.desk)._print_scorecard_workbook(
            [("callback_id", "=", callback.id)]
        )
        sheet = load_workbook(io.BytesIO(content))["By Month"]
        self.assertEqual(sheet.cell(4, 1).value, self.desk.name)
        self.assertIsNone(sheet.cell(4, 2).value)

    def test_xlsx_action_downloads_the_selected_rows(self):
        self.env.flush_all()
        rows = self.Scorecard.with_user(self.desk).search([], limit=2)
        action = rows.action_print_scorecard_xlsx()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertEqual(
            action["url"], "/print_crm_service/scorecard/xlsx?ids=" + ",".join(map(str, rows.ids))
        )
        everything = self.Scorecard.with_user(self.desk).browse().action_print_scorecard_xlsx()
        self.assertEqual(everything["url"], "/print_crm_service/scorecard/xlsx")
        # No row selected, or the whole list: the list's search goes instead.
        domain = [["kind", "=", "resolved"], ["date", ">=", "2026-10-01"]]
        searched = (
            self.Scorecard.with_user(self.desk)
            .with_context(active_domain=domain)
            .browse()
            .action_print_scorecard_xlsx()
        )
        self.assertEqual(
            searched["url"],
            "/print_crm_service/scorecard/xlsx?"
            + urlencode({"domain": json.dumps(domain)}, safe=","),
        )


@tagged("post_install", "-at_install")
class TestServiceStatisticsExport(StatisticsCommon, HttpCase):
    """The downloads: the ticket analysis pivot's own xlsx, and the scorecard workbook
    read as the user (its region only)."""

    def _cells(self, content, sheet=None):
        book = load_workbook(io.BytesIO(content))
        sheets = [book[sheet]] if sheet else book.worksheets
        return [
            cell.value.strip() if isinstance(cell.value, str) else cell.value
            for ws in sheets
            for row in ws.iter_rows()
            for cell in row
        ]

    def test_pivot_xlsx_export_of_the_ticket_analysis(self):
        self._dates(
            self.ticket_a, filed=30, deadline=timedelta(hours=16), resolved=timedelta(hours=7)
        )
        rows = self.Analysis.with_user(self.desk).read_group(
            [("ticket_id", "=", self.ticket_a.id)], ["hours_to_resolve:avg"], ["print_kind"]
        )
        self.assertEqual(len(rows), 1)
        jdata = {
            "title": "Ticket Analysis",
            "model": "print.service.ticket.analysis",
            "measure_count": 1,
            "origin_count": 1,
            "col_group_headers": [[{"title": "Total", "width": 1, "height": 1}]],
            "measure_headers": [
                {"title": "Hours to Resolve", "width": 1, "height": 1, "is_bold": True}
            ],
            "origin_headers": [],
            "rows": [
                {
                    "title": "Complaint",
                    "indent": 1,
                    "values": [{"value": rows[0]["hours_to_resolve"], "is_bold": True}],
                }
            ],
        }
        self.authenticate(self.desk.login, self.desk.login)
        response = self.url_open(
            "/web/pivot/export_xlsx",
            data={"data": json.dumps(jdata), "csrf_token": http.Request.csrf_token(self)},
        )
        response.raise_for_status()
        values = self._cells(response.content)
        self.assertIn("Complaint", values)
        numbers = [round(v, 3) for v in values if isinstance(v, int | float)]
        self.assertIn(7.0, numbers)

    def test_scorecard_workbook(self):
        self.ticket_a.user_id = self.leader
        self.ticket_b.user_id = self.desk
        self._dates(
            self.ticket_a, filed=10, deadline=timedelta(hours=8), resolved=timedelta(hours=4)
        )
        self._dates(
            self.ticket_b, filed=10, deadline=timedelta(hours=8), resolved=timedelta(hours=4)
        )
        self.env.flush_all()
        self.authenticate(self.head_office.login, self.head_office.login)
        response = self.url_open("/print_crm_service/scorecard/xlsx")
        response.raise_for_status()
        self.assertIn("spreadsheetml", response.headers["Content-Type"])
        self.assertIn(".xlsx", response.headers["Content-Disposition"])
        book = load_workbook(io.BytesIO(response.content))
        self.assertEqual(book.sheetnames, ["By Month", "By Employee"])
        by_employee = book["By Employee"]
        header = [cell.value for cell in by_employee[3]]
        self.assertEqual(header[:3], ["Employee", "Tickets Handled", "Resolved"])
        lines = {
            row[0]: row for row in by_employee.iter_rows(min_row=4, values_only=True) if row[0]
        }
        leader = lines[self.leader.name]
        within = header.index("Within Deadline (%)")
        self.assertEqual((leader[1], leader[2]), (1, 1))
        self.assertEqual(leader[within], 1.0, "the share is a percentage cell")
        self.assertEqual(by_employee.cell(4, within + 1).number_format, "0.0%")
        self.assertIn(self.desk.name, lines)
        by_month = book["By Month"]
        self.assertEqual([c.value for c in by_month[3]][:2], ["Employee", "Month"])
        # A branch's workbook holds its region only: Desk Dora's ticket is South's.
        self.authenticate(self.branch_east.login, self.branch_east.login)
        response = self.url_open("/print_crm_service/scorecard/xlsx")
        response.raise_for_status()
        values = self._cells(response.content, "By Employee")
        self.assertIn(self.leader.name, values)
        self.assertNotIn(self.desk.name, values)
        # The selected rows only.
        row = self.Scorecard.search([("ticket_id", "=", self.ticket_b.id), ("kind", "=", "ticket")])
        self.authenticate(self.head_office.login, self.head_office.login)
        response = self.url_open(f"/print_crm_service/scorecard/xlsx?ids={row.id}")
        values = self._cells(response.content, "By Employee")
        self.assertIn(self.desk.name, values)
        self.assertNotIn(self.leader.name, values)
        # The list's search: Desk Dora's tickets only.
        query = urlencode({"domain": json.dumps([["user_id", "=", self.desk.id]])})
        response = self.url_open(f"/print_crm_service/scorecard/xlsx?{query}")
        response.raise_for_status()
        values = self._cells(response.content, "By Employee")
        self.assertIn(self.desk.name, values)
        self.assertNotIn(self.leader.name, values)

    def test_scorecard_workbook_refused_below_service_users(self):
        user = new_test_user(
            self.env, login="stats-helpdesk", groups="helpdesk_mgmt.group_helpdesk_user"
        )
        self.authenticate(user.login, user.login)
        response = self.url_open("/print_crm_service/scorecard/xlsx")
        self.assertEqual(response.status_code, 403)
        self.assertNotIn("spreadsheetml", response.headers.get("Content-Type", ""))
        self.authenticate(self.desk.login, self.desk.login)
        response = self.url_open("/print_crm_service/scorecard/xlsx?ids=1,x")
        self.assertEqual(response.status_code, 400)
        for domain in ('[["no_such_field", "=", 1]]', '{"a": 1}', "[[", '[["kind", "~", 1]]'):
            with self.subTest(domain=domain):
                query = urlencode({"domain": domain})
                response = self.url_open(f"/print_crm_service/scorecard/xlsx?{query}")
                self.assertEqual(response.status_code, 400)


@tagged("post_install", "-at_install")
class TestServiceStatisticsTour(StatisticsCommon, HttpCase):
    """The reports in the browser: the period filters' domains evaluate there."""

    def _tour(self, action, tour):
        self.browser_size = "1366x768"
        self._dates(self.ticket_a, filed=24 * 40, resolved=timedelta(days=40))
        self.start_tour(f"/odoo/action-{action}", tour, login=self.desk.login)

    def test_ticket_analysis_filters(self):
        self._tour(
            "print_crm_service.print_service_ticket_analysis_action",
            "print_crm_service_statistics_tour",
        )

    def test_scorecard_filters_and_button(self):
        self._tour(
            "print_crm_service.print_service_scorecard_action", "print_crm_service_scorecard_tour"
        )


@tagged("post_install", "-at_install")
class TestQualityCostRegions(StatisticsCommon):
    """The cost of quality is a statistic of the region too: a branch reads its own."""

    def test_branch_reads_only_its_regions_cost_of_quality(self):
        self._cost(self.ticket_a, 50.0)
        self._cost(self.ticket_b, 70.0)
        self.env.flush_all()
        Cost = self.env["print.service.quality.cost"]
        tickets = self.ticket_a | self.ticket_b
        self.assertEqual(
            Cost.with_user(self.head_office).search([("ticket_id", "in", tickets.ids)]).ticket_id,
            tickets,
        )
        east = Cost.with_user(self.branch_east).search([("ticket_id", "in", tickets.ids)])
        self.assertEqual(east.ticket_id, self.ticket_a)
        self.assertEqual(east.print_region_id, self.east)
        [total] = Cost.with_user(self.branch_south).read_group(
            [("ticket_id", "in", tickets.ids)], ["total_cost:sum"], []
        )
        self.assertEqual(total["total_cost"], 70.0)
