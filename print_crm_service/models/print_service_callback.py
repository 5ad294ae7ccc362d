# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging

from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from .print_access import SERVICE_USER, require_group
from .print_service_callback_rule import CALLBACK_EVENTS

_logger = logging.getLogger(__name__)

# The advisory lock of the planner (an arbitrary number, the same in every worker).
PLANNER_LOCK = 718_4013_2601
CALLBACK_STATES = [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")]
# From this many callbacks in a run, the table's statistics are refreshed at once, so
# that the next run's NOT EXISTS plans on its real size.
ANALYZE_FROM = 1000

# The candidates of each event, as (select list, joins and conditions) for the INSERT in
# _print_insert_callbacks. Each row: the rule, the document (res_model, res_id,
# occurrence), the customer, the job / ticket / order, the due date and the responsible.
# ``%(today)s`` is the cron's day.
_RESPONSIBLE = """
    CASE r.responsible WHEN 'salesperson' THEN COALESCE(sp.id, r.user_id, {doc}, {doc2})
                       WHEN 'document' THEN COALESCE({doc}, {doc2}, r.user_id, sp.id)
                       ELSE r.user_id END
"""
CANDIDATES = {
    # A delivered job (its stage has the delivered role, or it is done and not cancelled),
    # from the day it was finished.
    "job_delivered": (
        "print.job",
        """
        SELECT r.id AS rule_id, j.id AS res_id, 0 AS occurrence,
               j.commercial_partner_id AS partner_id, j.id AS job_id, NULL::int AS ticket_id,
               j.sale_order_id AS order_id, ev.day + r.delay AS due_date,
               {responsible} AS user_id
          FROM print_service_callback_rule r
          JOIN print_job j ON j.company_id = r.company_id
          JOIN print_job_stage s ON s.id = j.stage_id
          CROSS JOIN LATERAL (SELECT COALESCE(j.date_done, j.date_stage)::date AS day) ev
          LEFT JOIN res_partner cp ON cp.id = j.commercial_partner_id
          LEFT JOIN res_users sp ON sp.id = cp.user_id AND sp.active
          LEFT JOIN res_users du ON du.id = j.user_id AND du.active
          LEFT JOIN res_users du2 ON FALSE
         WHERE r.active AND r.event = 'job_delivered'
           AND NOT j.is_cancel AND (s.role = 'delivered' OR j.is_done)
           AND ev.day + r.delay BETWEEN r.date_start AND %(today)s::date + r.plan_days
        """,
    ),
    # A resolved print ticket of a known customer, once per resolution (a reopened
    # ticket resolved again is called back again: occurrence = times reopened).
    "ticket_resolved": (
        "helpdesk.ticket",
        """
        SELECT r.id AS rule_id, t.id AS res_id, COALESCE(t.print_reopen_count, 0) AS occurrence,
               cp.id AS partner_id, t.print_job_id AS job_id, t.id AS ticket_id,
               t.print_sale_order_id AS order_id, ev.day + r.delay AS due_date,
               {responsible} AS user_id
          FROM print_service_callback_rule r
          JOIN helpdesk_ticket t ON t.company_id = r.company_id
          CROSS JOIN LATERAL (SELECT t.print_resolved_date::date AS day) ev
          JOIN res_partner p ON p.id = t.partner_id
          JOIN res_partner cp ON cp.id = p.commercial_partner_id
          LEFT JOIN res_users sp ON sp.id = cp.user_id AND sp.active
          LEFT JOIN res_users du ON du.id = t.user_id AND du.active
          LEFT JOIN helpdesk_ticket_team tm ON tm.id = t.team_id
          LEFT JOIN res_users du2 ON du2.id = tm.user_id AND du2.active
         WHERE r.active AND r.event = 'ticket_resolved'
           AND t.print_step IN ('resolved', 'committed', 'satisfied')
           AND t.print_resolved_date IS NOT NULL
           AND ev.day + r.delay BETWEEN r.date_start AND %(today)s::date + r.plan_days
        """,
    ),
    # One year (the delay) after the customer's first confirmed order in the company.
    "first_order": (
        "res.partner",
        """
        SELECT r.id AS rule_id, f.partner_id AS res_id, 1 AS occurrence,
               f.partner_id, NULL::int AS job_id, NULL::int AS ticket_id,
               f.order_id, f.day + r.delay AS due_date, {responsible} AS user_id
          FROM print_service_callback_rule r
          JOIN print_first_orders f ON f.company_id = r.company_id
          LEFT JOIN res_partner cp ON cp.id = f.partner_id
          LEFT JOIN res_users sp ON sp.id = cp.user_id AND sp.active
          LEFT JOIN res_users du ON du.id = f.user_id AND du.active
          LEFT JOIN res_users du2 ON FALSE
         WHERE r.active AND r.event = 'first_order'
           AND f.day + r.delay BETWEEN r.date_start AND %(today)s::date + r.plan_days
        """,
    ),
    # Then every year: the latest anniversary of that visit that is due (occurrence: the
    # year after the first order, 2 for the first of them).
    "yearly": (
        "res.partner",
        """
        SELECT rule_id, res_id, occurrence, partner_id, job_id, ticket_id, order_id,
               due_date, user_id
          FROM (SELECT r.id AS rule_id, f.partner_id AS res_id, 1 + n.years AS occurrence,
                       f.partner_id, NULL::int AS job_id, NULL::int AS ticket_id, f.order_id,
                       (f.day + r.delay + make_interval(years => n.years))::date AS due_date,
                       r.date_start, {responsible} AS user_id
                  FROM print_service_callback_rule r
                  JOIN print_first_orders f ON f.company_id = r.company_id
                  CROSS JOIN LATERAL (
                      SELECT date_part('year', age(%(today)s::date + r.plan_days,
                                                   f.day + r.delay))::int AS years) n
                  LEFT JOIN res_partner cp ON cp.id = f.partner_id
                  LEFT JOIN res_users sp ON sp.id = cp.user_id AND sp.active
                  LEFT JOIN res_users du ON du.id = f.user_id AND du.active
                  LEFT JOIN res_users du2 ON FALSE
                 WHERE r.active AND r.event = 'yearly' AND n.years >= 1) y
         WHERE due_date >= date_start
        """,
    ),
}
# The first confirmed order of each customer (commercial partner) in each company.
FIRST_ORDERS = """
    print_first_orders AS (
        SELECT DISTINCT ON (o.company_id, p.commercial_partner_id)
               o.company_id, p.commercial_partner_id AS partner_id, o.id AS order_id,
               o.date_order::date AS day, o.user_id
          FROM sale_order o
          JOIN res_partner p ON p.id = o.partner_id
         WHERE o.state = 'sale'
           AND o.company_id IN (SELECT company_id FROM print_service_callback_rule
                                 WHERE active AND event IN ('first_order', 'yearly'))
         ORDER BY o.company_id, p.commercial_partner_id, o.date_order, o.id
    )
"""


class PrintServiceCallback(models.Model):
    """One callback or visit: a rule applied to one event (a delivered job, a resolved
    ticket, an anniversary of the customer's first order), with its activity.

    Created by the daily cron only, once per (rule, document, occurrence): a UNIQUE
    constraint holds it, and the cron inserts with ON CONFLICT DO NOTHING, so that a
    second run, or a second worker running at the same time, creates none. Performed by
    its actions, which stamp who and when; never deleted (the cron would plan it again),
    cancelled instead.
    """

    _name = "print.service.callback"
    _description = "Callback or Visit"
    _inherit = ["print.decision.mixin"]
    _order = "due_date desc, id desc"
    _check_company_auto = True
    # Written by the cron and the actions only (see the module's trust rules).
    _print_decision_fields = (
        "rule_id",
        "company_id",
        "event",
        "res_model",
        "res_id",
        "occurrence",
        "partner_id",
        "job_id",
        "ticket_id",
        "order_id",
        "due_date",
        "user_id",
        "activity_type_id",
        "activity_id",
        "state",
        "done_by_id",
        "done_date",
        "user_input_id",
    )

    rule_id = fields.Many2one(
        "print.service.callback.rule", "Rule", required=True, readonly=True, ondelete="restrict"
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    event = fields.Selection(CALLBACK_EVENTS, required=True, readonly=True)
    res_model = fields.Char("Document Model", required=True, readonly=True)
    res_id = fields.Many2oneReference(
        "Document ID", model_field="res_model", required=True, readonly=True
    )
    # NOT NULL: a NULL would escape the unique key.
    occurrence = fields.Integer(
        required=True,
        readonly=True,
        default=0,
        help="Which time the rule applies to the document: the year after the first order"
        " for anniversaries, the times a ticket was reopened for a resolved ticket.",
    )
    partner_id = fields.Many2one("res.partner", "Customer", readonly=True, index=True)
    job_id = fields.Many2one("print.job", "Production Job", readonly=True, index="btree_not_null")
    ticket_id = fields.Many2one("helpdesk.ticket", "Ticket", readonly=True, index="btree_not_null")
    order_id = fields.Many2one("sale.order", "Order", readonly=True, index="btree_not_null")
    due_date = fields.Date(required=True, readonly=True, index=True)
    user_id = fields.Many2one("res.users", "Responsible", readonly=True, index=True)
    activity_type_id = fields.Many2one("mail.activity.type", "Activity", readonly=True)
    activity_id = fields.Many2one(
        "mail.activity",
        "Scheduled Activity",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
    )
    survey_id = fields.Many2one(related="rule_id.survey_id", string="Questionnaire")
    state = fields.Selection(CALLBACK_STATES, required=True, readonly=True, default="planned")
    done_by_id = fields.Many2one("res.users", "Done By", readonly=True)
    done_date = fields.Datetime("Done On", readonly=True)
    done_on_time = fields.Boolean(
        "Done on Time",
        compute="_compute_done_on_time",
        store=True,
        help="Done on or before its due date.",
    )
    user_input_id = fields.Many2one(
        "survey.user_input",
        "Questionnaire Answer",
        readonly=True,
        help="The answers the customer gave to the rule's questionnaire.",
    )
    note = fields.Text("Call Notes")

    _sql_constraints = [
        (
            "callback_unique",
            "UNIQUE(rule_id, res_model, res_id, occurrence)",
            "A rule plans one callback per document and occurrence.",
        ),
    ]

    # ------------------------------------------------------------------ computes

    @api.depends("state", "done_date", "due_date")
    def _compute_done_on_time(self):
        for callback in self:
            callback.done_on_time = bool(
                callback.state == "done"
                and callback.done_date
                and callback.due_date
                and fields.Date.context_today(callback, callback.done_date) <= callback.due_date
            )

    @api.depends("rule_id.name", "partner_id.name", "due_date")
    def _compute_display_name(self):
        for callback in self:
            callback.display_name = f"{callback.rule_id.name}: {callback.partner_id.name or ''}"

    # ------------------------------------------------------------------ actions

    def action_print_done(self):
        """The call or visit took place: stamp who and when, close its activity (the
        notes go to the document's chatter with it)."""
        require_group(self, self.env._("Mark Done"), SERVICE_USER)
        self.check_access("write")
        self._print_check_planned(self.env._("Mark Done"))
        self._print_mark_done()
        for callback in self.filtered("activity_id"):
            # sudo: the checks above (group, record rules, state); the activity may be
            # assigned to someone else (a salesperson), whose activity this closes.
            callback.activity_id.sudo().action_feedback(feedback=callback.note or False)
        return True

    def action_print_cancel(self):
        """The callback will not take place (the customer declined, a duplicate): its
        activity goes; the callback stays, cancelled, so that the cron does not plan it
        again."""
        require_group(self, self.env._("Cancel Callback"), SERVICE_USER)
        self.check_access("write")
        self._print_check_planned(self.env._("Cancel Callback"))
        activities = self.activity_id
        self._print_decide("state", "done_by_id", "done_date").write(
            {
                "state": "cancelled",
                "done_by_id": self.env.user.id,
                "done_date": fields.Datetime.now(),
            }
        )
        # sudo: the checks above; the activity may be another user's.
        activities.sudo().unlink()
        return True

    def action_print_answer_survey(self):
        """Answer the rule's questionnaire with the customer on the phone or on a visit:
        opens it in the browser; the answer is kept against the callback, its customer,
        job and ticket."""
        require_group(self, self.env._("Answer the Questionnaire"), SERVICE_USER)
        self.ensure_one()
        self.check_access("write")
        answer = self._print_survey_answer(self.env.user.partner_id)
        survey = answer.sudo().survey_id
        return {
            "type": "ir.actions.act_url",
            "target": "new",
            "url": f"{survey.get_start_url()}?answer_token={answer.sudo().access_token}",
        }

    def action_print_send_survey(self):
        """Send the questionnaire to the customer's contact by e-mail (a letter, rather
        than a call): the link is posted on the job, the ticket or the customer."""
        require_group(self, self.env._("Send the Questionnaire"), SERVICE_USER)
        self.ensure_one()
        self.check_access("write")
        contact = self._print_contact()
        if not contact.email:
            raise UserError(
                self.env._(
                    "Send the Questionnaire: %(contact)s has no e-mail address; answer it"
                    " with them on the phone instead.",
                    contact=contact.display_name,
                )
            )
        answer = self._print_survey_answer(contact)
        # sudo: the checks above; the answer's survey and token are read to make the link.
        survey = answer.sudo().survey_id
        url = f"{survey.get_base_url()}{survey.get_start_url()}"
        url += f"?answer_token={answer.sudo().access_token}"
        body = Markup("<p>%s</p><p><a href='%s'>%s</a></p>") % (
            self.env._(
                "%(company)s would like to know how we did. Please answer a few questions:",
                company=self.company_id.name,
            ),
            url,
            survey.title,
        )
        # sudo: the checks above; the document (job, ticket, customer) gets the message.
        document = self.env[self.res_model].sudo().browse(self.res_id)
        document.message_post(
            body=body,
            partner_ids=contact.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            author_id=self.env.user.partner_id.id,
        )
        return True

    # ------------------------------------------------------------------ business

    def _print_check_planned(self, action):
        for callback in self:
            if callback.state != "planned":
                states = dict(self._fields["state"]._description_selection(self.env))
                raise UserError(
                    self.env._(
                        "%(action)s: %(callback)s is %(state)s already.",
                        action=action,
                        callback=callback.display_name,
                        state=states[callback.state],
                    )
                )

    def _print_mark_done(self):
        """Stamp these planned callbacks done by the current user, now (callers checked
        who acts: the action, or the activity being marked done)."""
        self._print_decide("state", "done_by_id", "done_date").write(
            {"state": "done", "done_by_id": self.env.user.id, "done_date": fields.Datetime.now()}
        )

    def _print_contact(self):
        """Who answers for the customer: the job's or ticket's contact, else the customer."""
        self.ensure_one()
        # sudo: the callers checked the callback may be performed by the user; the contact
        # is the callback's own document's.
        callback = self.sudo()
        return callback.ticket_id.partner_id or callback.job_id.partner_id or callback.partner_id

    def _print_survey_answer(self, partner):
        """The callback's answer to its questionnaire by ``partner``: the one started
        already if not finished, else a new one linked to the callback."""
        self.ensure_one()
        callback = self.sudo()
        if self.state == "cancelled":
            raise UserError(
                self.env._("Questionnaire: %(callback)s is cancelled.", callback=self.display_name)
            )
        if not callback.survey_id:
            raise UserError(
                self.env._(
                    "Questionnaire: the rule %(rule)s has none; head office sets it on the"
                    " rule.",
                    rule=callback.rule_id.display_name,
                )
            )
        answer = callback.user_input_id
        if answer and answer.state != "done" and answer.partner_id == partner:
            return answer
        # sudo: the callers checked the group and the callback's record rules; service
        # users need no rights on surveys to ask the rule's questionnaire.
        answer = callback.survey_id.sudo()._create_answer(partner=partner, check_attempts=False)
        answer._print_decide("print_callback_id").write({"print_callback_id": callback.id})
        callback._print_decide("user_input_id").write({"user_input_id": answer.id})
        return answer

    # ------------------------------------------------------------------ cron

    @api.model
    def _print_create_callbacks(self, today=None):
        """The daily cron: one callback and one activity per event that a rule plans and
        that has none yet. Idempotent and safe in two workers at once (see the class).

        Returns the callbacks created (by this run only)."""
        today = today or fields.Date.context_today(self)
        # One planner at a time (a manual run during the scheduled one): the second
        # stops here. Behind this lock, the unique key still holds: a run whose snapshot
        # predates the other's commit fails on it (PostgreSQL refuses the conflicting
        # insert under Odoo's repeatable read) and is rolled back, creating none.
        self.env.cr.execute(SQL("SELECT pg_try_advisory_xact_lock(%s)", PLANNER_LOCK))
        if not self.env.cr.fetchone()[0]:
            _logger.info("Callbacks: another run is planning them; this one stops")
            return self.browse()
        ids = []
        for event in CANDIDATES:
            ids += self._print_insert_callbacks(event, today)
        created = self.browse(ids)
        if len(created) >= ANALYZE_FROM:
            # The next run's NOT EXISTS must plan on the table's real size.
            self.env.cr.execute("ANALYZE print_service_callback")
        if created:
            self._print_notify_due(ids, today)
            _logger.info("Callbacks: %s planned", len(created))
        return created

    @api.model
    def _print_insert_callbacks(self, event, today):
        """Insert the callbacks of ``event`` that do not exist yet, with their activities,
        and return the ids of the callbacks this call inserted.

        Set-based: one SELECT of the missing callbacks, then one statement inserting them
        (ON CONFLICT DO NOTHING on the unique key) and, for the rows it did insert only,
        their activities. A row that another transaction inserted meanwhile (a second
        worker) is skipped, activity included: that transaction plans it.

        The activities are inserted as mail.activity's create would, less what does not
        scale or help here: no e-mail per activity (a daily list of calls, not a mailbox
        of them) and the responsible is not made a follower of the document (the activity
        is what it needs, not the job's or ticket's mail). Over 100,000 callbacks the
        ORM's create takes minutes (measured: 113 s for 10,000 on the bench machine).
        """
        res_model, select = CANDIDATES[event]
        responsible = _RESPONSIBLE.format(doc="du.id", doc2="du2.id")
        query = select.format(responsible=responsible)
        with_first_orders = event in ("first_order", "yearly")
        env = self.env
        cr = env.cr
        env.flush_all()
        # 1. The missing callbacks, read before anything is inserted: an anti-join run
        # while the same statement inserts could scan the rows it inserts (the planner
        # expects few candidates and may scan the table), which is quadratic.
        cr.execute(
            SQL(
                """
                WITH %(ctes)s candidates AS (%(query)s)
                SELECT c.rule_id, c.res_id, c.occurrence, c.partner_id, c.job_id,
                       c.ticket_id, c.order_id, c.due_date, c.user_id
                  FROM candidates c
                 WHERE c.user_id IS NOT NULL
                   AND NOT EXISTS (
                       SELECT 1 FROM print_service_callback e
                        WHERE e.rule_id = c.rule_id AND e.res_model = %(res_model)s
                          AND e.res_id = c.res_id AND e.occurrence = c.occurrence)
                 ORDER BY c.rule_id, c.res_id, c.occurrence
                """,
                ctes=SQL(FIRST_ORDERS + ",") if with_first_orders else SQL(""),
                query=SQL(query, today=today),
                res_model=res_model,
            )
        )
        rows = cr.fetchall()
        if not rows:
            return []
        columns = list(zip(*rows, strict=True))
        # What the activities show: the document's name (as mail.activity computes it)
        # and the rule's name as summary.
        # sudo: the cron (or a test) plans callbacks for every document of the rules.
        documents = env[res_model].sudo().browse(sorted(set(columns[1])))
        rules = env["print.service.callback.rule"].sudo().browse(sorted(set(columns[0])))
        # 2. The callbacks and, for those inserted, their activities, in one statement
        # (the callbacks' link to their activity is checked at its end).
        cr.execute(
            SQL(
                """
                WITH inserted AS (
                    INSERT INTO print_service_callback (
                        rule_id, company_id, event, res_model, res_id, occurrence,
                        partner_id, job_id, ticket_id, order_id, due_date, user_id,
                        activity_type_id, activity_id, state, done_on_time, create_uid,
                        create_date, write_uid, write_date)
                    SELECT v.rule_id, r.company_id, r.event, %(res_model)s, v.res_id,
                           v.occurrence, v.partner_id, v.job_id, v.ticket_id, v.order_id,
                           v.due_date, v.user_id, r.activity_type_id,
                           nextval('mail_activity_id_seq'), 'planned', FALSE, %(uid)s,
                           NOW() AT TIME ZONE 'UTC', %(uid)s, NOW() AT TIME ZONE 'UTC'
                      FROM unnest(%(rule_ids)s::int[], %(res_ids)s::int[],
                                  %(occurrences)s::int[], %(partner_ids)s::int[],
                                  %(job_ids)s::int[], %(ticket_ids)s::int[],
                                  %(order_ids)s::int[], %(due_dates)s::date[],
                                  %(user_ids)s::int[])
                           AS v(rule_id, res_id, occurrence, partner_id, job_id, ticket_id,
                                order_id, due_date, user_id)
                      JOIN print_service_callback_rule r ON r.id = v.rule_id
                    ON CONFLICT (rule_id, res_model, res_id, occurrence) DO NOTHING
                    RETURNING id, rule_id, res_id, due_date, user_id, activity_type_id,
                              activity_id
                ), activities AS (
                    INSERT INTO mail_activity (
                        id, res_model_id, res_model, res_id, res_name, activity_type_id,
                        summary, date_deadline, user_id, user_tz, automated, active,
                        create_uid, create_date, write_uid, write_date)
                    SELECT i.activity_id, %(model_id)s, %(res_model)s, i.res_id, n.res_name,
                           i.activity_type_id, rn.summary, i.due_date, i.user_id, up.tz,
                           TRUE, TRUE, %(uid)s, NOW() AT TIME ZONE 'UTC', %(uid)s,
                           NOW() AT TIME ZONE 'UTC'
                      FROM inserted i
                      JOIN res_users u ON u.id = i.user_id
                      JOIN res_partner up ON up.id = u.partner_id
                      LEFT JOIN unnest(%(document_ids)s::int[], %(document_names)s::varchar[])
                           AS n(res_id, res_name) ON n.res_id = i.res_id
                      LEFT JOIN unnest(%(summary_rule_ids)s::int[], %(summaries)s::varchar[])
                           AS rn(rule_id, summary) ON rn.rule_id = i.rule_id
                )
                SELECT id FROM inserted
                """,
                res_model=res_model,
                model_id=env["ir.model"]._get_id(res_model),
                uid=env.uid,
                rule_ids=list(columns[0]),
                res_ids=list(columns[1]),
                occurrences=list(columns[2]),
                partner_ids=list(columns[3]),
                job_ids=list(columns[4]),
                ticket_ids=list(columns[5]),
                order_ids=list(columns[6]),
                due_dates=list(columns[7]),
                user_ids=list(columns[8]),
                document_ids=documents.ids,
                document_names=[document.display_name for document in documents],
                summary_rule_ids=rules.ids,
                summaries=[rule.name for rule in rules],
            )
        )
        ids = [row[0] for row in cr.fetchall()]
        env.invalidate_all()  # the callbacks, activities and documents' activities
        return ids

    @api.model
    def _print_notify_due(self, ids, today):
        """What mail.activity's create tells the responsibles' open tabs, once per user:
        an activity due today (or overdue) was added."""
        self.env.cr.execute(
            SQL(
                """SELECT DISTINCT user_id FROM print_service_callback
                    WHERE id = ANY(%s) AND due_date <= %s""",
                ids,
                today,
            )
        )
        users = self.env["res.users"].browse([row[0] for row in self.env.cr.fetchall()])
        users._bus_send("mail.activity/updated", {"activity_created": True})
