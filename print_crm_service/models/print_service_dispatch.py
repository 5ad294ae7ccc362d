# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Dispatch by urgency: the service network's open work in one queue, the most urgent
first, assignable per person, with the workload of each.

One row per open helpdesk ticket (its stage is not closed) and per planned callback or
visit, read from their tables when queried, so that "overdue" and "due today" are as of
now in the user's time zone. Its record rules are multi-company and the group Own Region
Only (security/print_service_dispatch_security.xml): a branch's queue and workload hold
its region's work only. Assigning goes to the documents themselves, through their own
checks (wizards/print_service_dispatch_assign.py)."""

import pytz

from odoo import api, fields, models
from odoo.tools import SQL

from .helpdesk_ticket import CLOSED_STEPS
from .helpdesk_ticket_stage import PRINT_STEPS
from .helpdesk_ticket_type import PRINT_KINDS
from .print_access import SERVICE_USER, require_group

DISPATCH_KINDS = [("ticket", "Ticket"), ("callback", "Callback"), ("visit", "Visit")]
# helpdesk_mgmt's ticket priorities.
PRIORITIES = [("0", "Low"), ("1", "Medium"), ("2", "High"), ("3", "Very High")]
# Callback events that are visits rather than calls (print.service.callback.rule).
VISIT_EVENTS = ("first_order", "yearly")
# Steps in which a print ticket's deadline runs (as helpdesk.ticket.print_overdue).
WORKING_STEPS = ("valid", "routed", "proposed", "approved")
# Who reads the customer's value: those who read every customer's (print_crm_quote's rules
# give estimating users their own customers' only, service users none).
VALUE_READERS = "print_crm_quote.group_estimate_manager"


class PrintServiceDispatch(models.Model):
    _name = "print.service.dispatch"
    _description = "Dispatch Queue"
    _auto = False
    _rec_name = "name"
    _order = "urgency_rank, create_date, id"
    # What the query reads, flushed before it runs.
    _depends = {
        "helpdesk.ticket": [
            "active",
            "stage_id",
            "number",
            "name",
            "print_step",
            "print_deadline",
            "print_commitment_date",
            "priority",
            "user_id",
            "team_id",
            "company_id",
            "commercial_partner_id",
            "print_region_id",
            "print_kind",
        ],
        "helpdesk.ticket.stage": ["closed"],
        "print.service.callback": [
            "state",
            "event",
            "rule_id",
            "due_date",
            "user_id",
            "company_id",
            "partner_id",
            "ticket_id",
        ],
        "print.service.callback.rule": ["name"],
        "res.partner": ["commercial_partner_id", "print_region_id"],
        "print.customer.value": ["partner_id", "company_id", "m_score"],
    }

    kind = fields.Selection(DISPATCH_KINDS, readonly=True)
    name = fields.Char(
        "Subject",
        readonly=True,
        help="The ticket's number and title, or the rule of the callback or visit.",
    )
    ticket_id = fields.Many2one("helpdesk.ticket", "Ticket", readonly=True)
    callback_id = fields.Many2one("print.service.callback", "Callback or Visit", readonly=True)
    res_model = fields.Char("Document Model", readonly=True)
    res_id = fields.Many2oneReference("Document ID", model_field="res_model", readonly=True)
    partner_id = fields.Many2one("res.partner", "Customer", readonly=True)
    print_region_id = fields.Many2one("print.service.region", "Service Region", readonly=True)
    company_id = fields.Many2one("res.company", "Company", readonly=True)
    team_id = fields.Many2one(
        "helpdesk.ticket.team",
        "Department",
        readonly=True,
        help="The ticket's department; for a callback, that of the ticket it follows up.",
    )
    user_id = fields.Many2one("res.users", "Assigned To", readonly=True)
    print_kind = fields.Selection(PRINT_KINDS, "Print Kind", readonly=True)
    print_step = fields.Selection(PRINT_STEPS, "Step", readonly=True)
    priority = fields.Selection(PRIORITIES, readonly=True, help="The ticket's priority.")
    create_date = fields.Datetime("Created On", readonly=True)
    deadline = fields.Datetime(
        readonly=True,
        help="A ticket's deadline (its department's response time once routed; the date"
        " committed to the customer once a commitment is recorded); the day a callback or"
        " visit is due.",
    )
    deadline_date = fields.Date("Due Date", readonly=True, help="The deadline's day.")
    is_overdue = fields.Boolean(
        "Overdue",
        readonly=True,
        help="A ticket past its deadline and not resolved yet, a commitment past its date,"
        " a callback or visit not done by its day.",
    )
    value_score = fields.Integer(
        "Customer Value",
        readonly=True,
        aggregator="avg",
        groups=VALUE_READERS,
        help="The customer's revenue of the last 12 months as a score from 1 (the shop's"
        " lowest fifth) to 5 (its highest fifth); 0 when not valued yet.",
    )
    urgency_rank = fields.Integer(
        "Urgency",
        readonly=True,
        aggregator=None,
        help="The order of the queue, smaller first: overdue work first, then the nearest"
        " deadline, then the highest priority, then the most valuable customer. Each line's"
        " number depends on the line only, so a branch's queue tells nothing of others'.",
    )
    open_count = fields.Integer("Open Work", readonly=True)
    overdue_count = fields.Integer("Overdue Work", readonly=True)
    ticket_count = fields.Integer("Tickets", readonly=True)
    callback_count = fields.Integer("Callbacks", readonly=True)
    visit_count = fields.Integer("Visits", readonly=True)

    @property
    def _table_query(self):
        return self._print_query(fields.Datetime.now(), fields.Date.context_today(self))

    def _print_tz(self):
        tz = self.env.context.get("tz") or self.env.user.tz
        return tz if tz in pytz.all_timezones_set else "UTC"

    @api.model
    def _print_query(self, now, today):
        """The queue as of ``now`` (UTC) and ``today`` (the user's day). Only these, the
        user's time zone and language are parameters; no value comes from a client."""
        tz = self._print_tz()
        tickets = SQL(
            """
            SELECT t.id * 2 AS id,
                   'ticket' AS kind,
                   CONCAT(t.number, ' - ', t.name) AS name,
                   t.id AS ticket_id,
                   NULL::int AS callback_id,
                   'helpdesk.ticket' AS res_model,
                   t.id AS res_id,
                   t.commercial_partner_id AS partner_id,
                   t.print_region_id,
                   t.company_id,
                   t.team_id,
                   t.user_id,
                   t.print_kind,
                   t.print_step,
                   t.priority,
                   t.create_date,
                   CASE WHEN t.print_step = 'committed' AND t.print_commitment_date IS NOT NULL
                        THEN (t.print_commitment_date::timestamp AT TIME ZONE %(tz)s)
                             AT TIME ZONE 'UTC'
                        WHEN t.print_step = 'resolved' THEN NULL
                        ELSE t.print_deadline END AS deadline,
                   COALESCE(CASE WHEN t.print_step = 'committed'
                                 THEN t.print_commitment_date < %(today)s
                                 ELSE t.print_step IN %(working)s
                                      AND t.print_deadline < %(now)s END, FALSE) AS overdue,
                   1 AS ticket_count,
                   0 AS callback_count,
                   0 AS visit_count
              FROM helpdesk_ticket t
              LEFT JOIN helpdesk_ticket_stage s ON s.id = t.stage_id
             WHERE t.active
               AND NOT COALESCE(s.closed, FALSE)
               AND (t.print_step IS NULL OR t.print_step NOT IN %(closed)s)
            """,
            tz=tz,
            today=today,
            now=now,
            working=WORKING_STEPS,
            closed=CLOSED_STEPS,
        )
        callbacks = SQL(
            """
            SELECT c.id * 2 + 1 AS id,
                   CASE WHEN c.event IN %(visits)s THEN 'visit' ELSE 'callback' END AS kind,
                   COALESCE(r.name ->> %(lang)s, r.name ->> 'en_US') AS name,
                   NULL::int AS ticket_id,
                   c.id AS callback_id,
                   'print.service.callback' AS res_model,
                   c.id AS res_id,
                   cp.id AS partner_id,
                   cp.print_region_id,
                   c.company_id,
                   ct.team_id,
                   c.user_id,
                   NULL AS print_kind,
                   NULL AS print_step,
                   NULL AS priority,
                   c.create_date,
                   (c.due_date::timestamp AT TIME ZONE %(tz)s) AT TIME ZONE 'UTC' AS deadline,
                   c.due_date < %(today)s AS overdue,
                   0 AS ticket_count,
                   CASE WHEN c.event IN %(visits)s THEN 0 ELSE 1 END AS callback_count,
                   CASE WHEN c.event IN %(visits)s THEN 1 ELSE 0 END AS visit_count
              FROM print_service_callback c
              JOIN print_service_callback_rule r ON r.id = c.rule_id
              LEFT JOIN res_partner p ON p.id = c.partner_id
              LEFT JOIN res_partner cp ON cp.id = p.commercial_partner_id
              LEFT JOIN helpdesk_ticket ct ON ct.id = c.ticket_id
             WHERE c.state = 'planned'
            """,
            visits=VISIT_EVENTS,
            lang=self.env.lang or "en_US",
            tz=tz,
            today=today,
        )
        return SQL(
            """
            SELECT w.id, w.kind, w.name, w.ticket_id, w.callback_id, w.res_model, w.res_id,
                   w.partner_id, w.print_region_id, w.company_id, w.team_id, w.user_id,
                   w.print_kind, w.print_step, w.priority, w.create_date, w.deadline,
                   (w.deadline AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date AS deadline_date,
                   w.overdue AS is_overdue,
                   1 AS open_count,
                   CASE WHEN w.overdue THEN 1 ELSE 0 END AS overdue_count,
                   COALESCE(v.m_score, 0) AS value_score,
                   -- One number that orders the queue: overdue (0) before the rest (1),
                   -- then the deadline in minutes (none last), then the priority (high
                   -- first), then the customer's value score (high first).
                   (CASE WHEN w.overdue THEN 0 ELSE 1 END)::bigint * 1000000000000000
                   + COALESCE(FLOOR(EXTRACT(EPOCH FROM w.deadline) / 60)::bigint,
                              99999999999) * 100
                   + (3 - COALESCE(w.priority, '1')::int) * 10
                   + (5 - LEAST(COALESCE(v.m_score, 0), 5)) AS urgency_rank,
                   w.ticket_count, w.callback_count, w.visit_count
              FROM (%(tickets)s UNION ALL %(callbacks)s) w
              LEFT JOIN print_customer_value v
                ON v.partner_id = w.partner_id AND v.company_id = w.company_id
            """,
            tz=tz,
            tickets=tickets,
            callbacks=callbacks,
        )

    # ------------------------------------------------------------------ actions

    def action_open_document(self):
        """Open the line's ticket, or its callback or visit."""
        require_group(self, self.env._("Open"), SERVICE_USER)
        self.ensure_one()
        document = self.ticket_id or self.callback_id
        return document.get_formview_action()

    def action_print_assign(self):
        """Assign the selected lines to a person: the wizard, with their documents."""
        require_group(self, self.env._("Assign"), SERVICE_USER)
        if not self:
            return False
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Assign"),
            "res_model": "print.service.dispatch.assign",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_ticket_ids": self.ticket_id.ids,
                "default_callback_ids": self.callback_id.ids,
            },
        }
