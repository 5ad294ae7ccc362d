# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, HttpCase, new_test_user, tagged

from .test_regions import RegionsCommon


class DispatchCommon(RegionsCommon):
    """The two regions' customers and tickets (test_regions), a salesperson of customer A,
    its job delivered and called back (a planned callback with its activity), and the
    customers' values: A among the shop's best (5), B among its smallest (1)."""

    lift_production_blockers = True  # the job jumps to delivered

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Dispatch = cls.env["print.service.dispatch"]
        cls.salesperson = new_test_user(
            cls.env,
            login="print_crm_service-dispatch-sales",
            groups="sales_team.group_sale_salesman",
            name="Sales Sid",
        )
        cls.customer.user_id = cls.salesperson
        cls.job.with_user(cls.production_user).write({"stage_id": cls.stage["delivered"].id})
        cls.callback = (
            cls.env["print.service.callback"]
            ._print_create_callbacks()
            .filtered(lambda callback: callback.job_id == cls.job)
        )
        Value = cls.env["print.customer.value"]
        for partner, score in ((cls.customer, 5), (cls.customer2, 1)):
            Value.create({"partner_id": partner.id, "company_id": cls.company.id, "m_score": score})
        cls.value_reader = new_test_user(
            cls.env,
            login="print_crm_service-dispatch-values",
            groups="print_crm_service.group_service_user,print_crm_quote.group_estimate_manager",
        )

    def _rows(self, *records, user=None):
        """The queue's lines of ``records`` (tickets, callbacks), as ``user`` sees them, in
        the queue's order."""
        ids = {"helpdesk.ticket": [], "print.service.callback": []}
        for recordset in records:
            ids[recordset._name] += recordset.ids
        tickets = self.ticket_a.browse(ids["helpdesk.ticket"])
        callbacks = self.callback.browse(ids["print.service.callback"])
        return self.Dispatch.with_user(user or self.desk).search(
            ["|", ("ticket_id", "in", tickets.ids), ("callback_id", "in", callbacks.ids)]
        )

    def _routed(self, deadline, priority="1", step="routed", **values):
        """A ticket at ``step`` with ``deadline``, as the workflow's actions leave it."""
        ticket = self._ticket(team_id=self.team_press.id, priority=priority, **values)
        ticket._print_decide().write({"print_step": step, "print_deadline": deadline})
        return ticket

    def _planned(self, rule, partner, due, res_id, user=None):
        """A planned callback of ``rule`` due on ``due``, as the planner creates them."""
        return (
            self.env["print.service.callback"]
            ._print_decide()
            .create(
                {
                    "rule_id": rule.id,
                    "company_id": self.company.id,
                    "event": rule.event,
                    "res_model": "res.partner"
                    if rule.event in ("first_order", "yearly")
                    else "print.job",
                    "res_id": res_id,
                    "occurrence": 7,
                    "partner_id": partner.id,
                    "due_date": due,
                    "user_id": (user or self.salesperson).id,
                }
            )
        )


@tagged("post_install", "-at_install")
class TestDispatchQueue(DispatchCommon):
    """The queue: open work only, the most urgent first."""

    def test_queue_holds_open_tickets_and_planned_callbacks_and_visits(self):
        today = fields.Date.context_today(self.Dispatch.with_user(self.desk))
        visit = self._planned(
            self.env.ref("print_crm_service.callback_rule_first_order"),
            self.customer2,
            today + timedelta(days=3),
            self.customer2.id,
        )
        done = self._planned(
            self.env.ref("print_crm_service.callback_rule_yearly"),
            self.customer2,
            today,
            self.customer2.id,
        )
        done._print_decide().write({"state": "done", "done_date": fields.Datetime.now()})
        satisfied = self._ticket(name="Settled")
        satisfied._print_decide().write({"print_step": "satisfied"})
        rows = self._rows(self.ticket_a | self.ticket_b | satisfied, self.callback | visit | done)
        self.assertEqual(
            {(row.kind, row.ticket_id or row.callback_id) for row in rows},
            {
                ("ticket", self.ticket_a),
                ("ticket", self.ticket_b),
                ("callback", self.callback),
                ("visit", visit),
            },
        )
        line = rows.filtered(lambda row: row.callback_id == self.callback)
        self.assertEqual(line.partner_id, self.customer)
        self.assertEqual(line.print_region_id, self.east)
        self.assertEqual(line.user_id, self.salesperson)
        self.assertEqual(line.deadline_date, self.callback.due_date)
        self.assertEqual(line.name, "Follow-up call after delivery")
        self.assertEqual(
            (line.res_model, line.res_id), ("print.service.callback", self.callback.id)
        )
        line = rows.filtered(lambda row: row.ticket_id == self.ticket_b)
        self.assertEqual(line.partner_id, self.customer2)
        self.assertEqual(line.print_region_id, self.south)
        self.assertEqual(line.display_name, self.ticket_b.display_name)
        self.assertEqual(line.print_step, "new")
        self.assertEqual(line.print_kind, "complaint")
        # Closed by its step's action: out of the queue at once.
        self.ticket_b._print_decide().write({"print_step": "archived"})
        self.assertFalse(self._rows(self.ticket_b))
        self.callback.with_user(self.desk).action_print_done()
        self.assertFalse(self._rows(self.callback))

    def test_dispatch_order(self):
        now = fields.Datetime.now()
        today = fields.Date.context_today(self.Dispatch.with_user(self.desk))
        later = now + timedelta(days=2)
        b = {"partner_id": self.customer2.id}  # customer B (value 1)
        # Overdue first, oldest deadline first: a callback not done three days ago, then
        # a ticket a day past its deadline (low priority, small customer: still first).
        self.callback._print_decide().write({"due_date": today - timedelta(days=3)})
        overdue = self._routed(now - timedelta(days=1), priority="0", **b)
        # A deadline earlier still, but in a step where it does not run: not overdue.
        reopened = self._routed(now - timedelta(days=5), step="new", **b)
        # Then the nearest deadline, whatever the priority.
        soon = self._routed(now + timedelta(hours=2), priority="0", **b)
        # The same deadline: the higher priority, then the more valuable customer.
        high = self._routed(later, priority="3", **b)
        valuable = self._routed(later, priority="1")
        small = self._routed(later, priority="1", **b)
        # No deadline: last, by priority.
        undated_high = self._ticket(priority="3", **b)
        undated = self._ticket(priority="1", **b)
        order = [
            self.callback,
            overdue,
            reopened,
            soon,
            high,
            valuable,
            small,
            undated_high,
            undated,
        ]
        tickets = overdue | reopened | soon | high | valuable | small | undated_high | undated
        rows = self._rows(tickets, self.callback)
        self.assertEqual([row.ticket_id or row.callback_id for row in rows], order)
        self.assertEqual(
            [row.is_overdue for row in rows], [True, True] + [False] * (len(order) - 2)
        )
        self.assertEqual(
            rows.with_user(self.value_reader).mapped("value_score"), [5, 1, 1, 1, 1, 5, 1, 1, 1]
        )
        # The order is the queue's numbers: each line's own, increasing.
        ranks = rows.mapped("urgency_rank")
        self.assertEqual(ranks, sorted(ranks))
        self.assertEqual(len(set(ranks)), len(ranks))
        # As soon as its deadline passes, a ticket goes up (the queue is as of now).
        soon._print_decide().write({"print_deadline": now - timedelta(days=2)})
        rows = self._rows(tickets, self.callback)
        self.assertEqual(
            [row.ticket_id or row.callback_id for row in rows][:3], [self.callback, soon, overdue]
        )

    def test_commitment_date_is_the_deadline_and_resolved_tickets_wait(self):
        now = fields.Datetime.now()
        today = fields.Date.context_today(self.Dispatch.with_user(self.desk))
        late = self._routed(now + timedelta(days=3), step="committed")
        late._print_decide().write({"print_commitment_date": today - timedelta(days=1)})
        due = self._routed(now - timedelta(days=3), step="committed")
        due._print_decide().write({"print_commitment_date": today})
        # Resolved, waiting for the customer: its deadline no longer runs.
        waiting = self._routed(now - timedelta(days=4), step="resolved")
        rows = self._rows(late | due | waiting)
        self.assertEqual(rows.ticket_id.ids, (late | due | waiting).ids)
        self.assertEqual(rows.mapped("is_overdue"), [True, False, False])
        self.assertEqual(rows.mapped("deadline_date"), [today - timedelta(days=1), today, False])

    def test_customer_value_shown_to_whoever_reads_all_values(self):
        row = self._rows(self.ticket_a)
        self.assertEqual(row.with_user(self.value_reader).value_score, 5)
        for user in (self.desk, self.service_manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                row.with_user(user).read(["value_score"])
        # The order holds for them all the same.
        self.assertTrue(self._rows(self.ticket_a, user=self.desk).urgency_rank)

    def test_filters_today_this_week_mine_unassigned(self):
        user_today = fields.Date.context_today(self.Dispatch.with_user(self.desk))
        self.callback._print_decide().write({"due_date": user_today, "user_id": self.desk.id})
        self.ticket_b.with_user(self.desk).user_id = False
        self.ticket_a.with_user(self.desk).user_id = self.service_manager
        tickets = self.ticket_a | self.ticket_b
        scope = ["|", ("ticket_id", "in", tickets.ids), ("callback_id", "=", self.callback.id)]
        Dispatch = self.Dispatch.with_user(self.desk)
        self.assertEqual(
            Dispatch.search([*scope, ("deadline_date", "=", user_today)]).callback_id,
            self.callback,
        )
        self.assertEqual(
            Dispatch.search([*scope, ("user_id", "=", self.desk.id)]).callback_id, self.callback
        )
        self.assertEqual(
            Dispatch.search([*scope, ("user_id", "=", False)]).ticket_id, self.ticket_b
        )
        self.assertFalse(Dispatch.search([*scope, ("is_overdue", "=", True)]))
        # The search view's filters are valid domains for the web client.
        views = Dispatch.get_views([(False, "list"), (False, "kanban"), (False, "search")])
        self.assertIn("due_this_week", views["views"]["search"]["arch"])

    def test_open_document(self):
        row = self._rows(self.ticket_a)
        action = row.with_user(self.desk).action_open_document()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("helpdesk.ticket", self.ticket_a.id)
        )
        row = self._rows(self.callback)
        action = row.with_user(self.desk).action_open_document()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("print.service.callback", self.callback.id)
        )


@tagged("post_install", "-at_install")
class TestDispatchAssign(DispatchCommon):
    """Assigning from the queue: each document through its own rules, service users only."""

    def _assign(self, rows, user, as_user=None):
        as_user = as_user or self.desk
        action = rows.with_user(as_user).action_print_assign()
        form = Form(
            self.env[action["res_model"]].with_user(as_user).with_context(**action["context"])
        )
        form.user_id = user
        return form.save().action_confirm()

    def test_service_user_assigns_tickets_callbacks_and_their_activities(self):
        ticket = self._routed(fields.Datetime.now() + timedelta(days=1))
        self.assertNotEqual(ticket.user_id, self.leader)
        activity = self.callback.activity_id
        self.assertEqual(activity.user_id, self.salesperson)
        self._assign(self._rows(ticket, self.callback), self.leader)
        self.assertEqual(ticket.user_id, self.leader)
        self.assertTrue(ticket.assigned_date)
        self.assertEqual(self.callback.user_id, self.leader)
        self.assertEqual(self.callback.assigned_by_id, self.desk)
        self.assertTrue(self.callback.assigned_date)
        self.assertEqual(activity.user_id, self.leader, "the activity goes with the callback")
        self.assertEqual(self._rows(ticket, self.callback).user_id, self.leader)
        # From the callback's own form, by its action.
        self.callback.with_user(self.service_manager).action_print_assign(self.desk.id)
        self.assertEqual(self.callback.user_id, self.desk)
        self.assertEqual(self.callback.assigned_by_id, self.service_manager)
        self.assertEqual(activity.user_id, self.desk)

    def test_ticket_goes_to_a_member_of_its_department_only(self):
        ticket = self._routed(fields.Datetime.now() + timedelta(days=1))
        before = self.callback.user_id
        with self.assertRaisesText(UserError, "is not a member of Pressroom (test)"):
            self._assign(self._rows(ticket, self.callback), self.salesperson)
        self.assertNotEqual(ticket.user_id, self.salesperson)
        self.assertEqual(self.callback.user_id, before, "nothing is half-written")
        # A ticket of no department goes to any internal user.
        self.ticket_b.with_user(self.desk).team_id = False
        self._assign(self._rows(self.ticket_b), self.salesperson)
        self.assertEqual(self.ticket_b.user_id, self.salesperson)

    def test_callbacks_go_to_active_internal_users_while_planned(self):
        for user_id in (self.customer_user.id, None, "2", 0):
            with self.subTest(user_id=user_id):
                with self.assertRaisesText(
                    UserError, "Responsible must be an active internal user"
                ):
                    self.callback.with_user(self.desk).action_print_assign(user_id)
        other = self.env["res.company"].create({"name": "Branch Print (dispatch test)"})
        elsewhere = new_test_user(
            self.env,
            login="print_crm_service-dispatch-elsewhere",
            groups="base.group_user",
            company_id=other.id,
            company_ids=[(6, 0, other.ids)],
        )
        with self.assertRaisesText(UserError, "does not work for"):
            self.callback.with_user(self.desk).action_print_assign(elsewhere.id)
        self.callback.with_user(self.desk).action_print_done()
        with self.assertRaisesText(UserError, "is Done already"):
            self.callback.with_user(self.desk).action_print_assign(self.leader.id)
        self.assertEqual(self.callback.user_id, self.salesperson)

    def test_assignment_refused_below_service_users(self):
        rows = self._rows(self.ticket_a, self.callback)
        wizard = (
            self.env["print.service.dispatch.assign"]
            .with_user(self.desk)
            .create(
                {
                    "ticket_ids": [(6, 0, self.ticket_a.ids)],
                    "callback_ids": [(6, 0, self.callback.ids)],
                    "user_id": self.leader.id,
                }
            )
        )
        for user in (self.helpdesk_user, self.production_user, self.salesperson):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.Dispatch.with_user(user).search([])
                with self.assertRaises(AccessError):
                    rows.with_user(user).action_print_assign()
                with self.assertRaises(AccessError):
                    self.callback.with_user(user).action_print_assign(user.id)
                with self.assertRaises(AccessError):
                    wizard.with_user(user).action_confirm()
                with self.assertRaises(AccessError):
                    self.env["print.service.dispatch.assign"].with_user(user).create(
                        {"user_id": user.id, "callback_ids": [(6, 0, self.callback.ids)]}
                    )
        self.assertEqual(self.callback.user_id, self.salesperson)
        self.assertNotEqual(self.ticket_a.user_id, self.leader)

    def test_direct_writes_refused(self):
        rows = self._rows(self.ticket_a, self.callback)
        for user in (self.desk, self.service_manager):
            for values in (
                {"user_id": self.leader.id},
                {"assigned_by_id": user.id},
                {"assigned_date": fields.Datetime.now()},
            ):
                with self.subTest(user=user.login, values=values):
                    with self.assertRaisesText(UserError, "records a decision"):
                        self.callback.with_user(user).write(values)
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                rows.with_user(user).write({"user_id": self.leader.id})
        self.assertEqual(self.callback.user_id, self.salesperson)
        self.assertFalse(self.callback.assigned_by_id)


@tagged("post_install", "-at_install")
class TestDispatchWorkload(DispatchCommon):
    """The workload per person and kind, and a branch's queue and workload of its region
    only."""

    def test_workload_per_person_and_kind(self):
        now = fields.Datetime.now()
        today = fields.Date.context_today(self.Dispatch.with_user(self.desk))
        late = self._routed(now - timedelta(hours=3))
        on_time = self._routed(now + timedelta(days=1))
        mine = self._routed(now + timedelta(days=1))
        (late | on_time).with_user(self.desk).write({"user_id": self.leader.id})
        mine.with_user(self.desk).write({"user_id": self.desk.id})
        visit = self._planned(
            self.env.ref("print_crm_service.callback_rule_first_order"),
            self.customer,
            today - timedelta(days=1),
            self.customer.id,
            user=self.leader,
        )
        tickets = late | on_time | mine
        callbacks = self.callback | visit
        scope = ["|", ("ticket_id", "in", tickets.ids), ("callback_id", "in", callbacks.ids)]
        groups = self.Dispatch.with_user(self.service_manager).read_group(
            scope, ["open_count:sum", "overdue_count:sum"], ["user_id", "kind"], lazy=False
        )
        figures = {
            (group["user_id"][0], group["kind"]): (group["open_count"], group["overdue_count"])
            for group in groups
        }
        self.assertEqual(
            figures,
            {
                (self.leader.id, "ticket"): (2, 1),
                (self.leader.id, "visit"): (1, 1),
                (self.desk.id, "ticket"): (1, 0),
                (self.salesperson.id, "callback"): (1, 0),
            },
        )

    def test_branch_sees_its_region_only(self):
        tickets = self.ticket_a | self.ticket_b
        both = self._rows(tickets, self.callback, user=self.head_office)
        self.assertEqual(both.ticket_id, self.ticket_a | self.ticket_b)
        self.assertEqual(both.callback_id, self.callback)
        east = self._rows(tickets, self.callback, user=self.branch_east)
        self.assertEqual(east.ticket_id, self.ticket_a)
        self.assertEqual(east.callback_id, self.callback)
        south = self._rows(tickets, self.callback, user=self.branch_south)
        self.assertEqual(south.ticket_id, self.ticket_b)
        self.assertFalse(south.callback_id)
        row_b = both.filtered(lambda row: row.ticket_id == self.ticket_b)
        with self.assertRaises(AccessError):
            row_b.with_user(self.branch_east).read(["name"])
        # Its workload too.
        groups = self.Dispatch.with_user(self.branch_east).read_group(
            [], ["open_count:sum"], ["print_region_id"]
        )
        self.assertEqual(
            {group["print_region_id"][0] for group in groups if group["print_region_id"]},
            {self.east.id},
        )
        # Nor can it assign another region's work.
        with self.assertRaises(AccessError):
            self.env["print.service.dispatch.assign"].with_user(self.branch_east).create(
                {"ticket_ids": [(6, 0, self.ticket_b.ids)], "user_id": self.branch_east.id}
            ).action_confirm()
        self.assertNotEqual(self.ticket_b.user_id, self.branch_east)


@tagged("post_install", "-at_install")
class TestDispatchTour(DispatchCommon, HttpCase):
    def test_dispatch_tour(self):
        self.ticket_b.name = "Banding on the cover"
        self.ticket_b._print_decide().write(
            {"print_step": "routed", "print_deadline": fields.Datetime.now() - timedelta(days=1)}
        )
        self.assertEqual(self.ticket_b.team_id, self.team_press)
        self.start_tour(
            "/odoo/action-print_crm_service.print_service_dispatch_action",
            "print_crm_dispatch",
            login=self.desk.login,
        )
        self.assertEqual(self.ticket_b.user_id, self.leader)
