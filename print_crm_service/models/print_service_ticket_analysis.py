# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Ticket analysis: one row per print ticket (its type has a print kind) with what the
statistics of the service desk group and measure it by: kind, type, cause, department,
region, the person handling it and the person responsible, the customer; the time to
resolve against the deadline, reopenings, the customer's satisfaction and rating, the
cost of quality, whether it repeats a complaint of the same customer, and the score of
the questionnaire the customer answered on the callback after it.

A view read from the tickets when queried, as Odoo's sale.report is over the order lines
(one scan of the tickets, the repeat complaints by a window over the complaints, no
correlated subquery). Its record rules: multi-company and the group Own Region Only
(security/print_service_statistics_security.xml), on the region stored on each row."""

from odoo import fields, models, tools
from odoo.tools import SQL

from .helpdesk_ticket import RESOLUTIONS
from .helpdesk_ticket_stage import PRINT_STEPS
from .helpdesk_ticket_type import PRINT_KINDS

# The kinds a customer complains with (a complaint, a quality or a delivery problem):
# what "complaints" and "repeat complaints" count.
COMPLAINT_KINDS = ("complaint", "quality", "delivery")
# A complaint repeats an earlier one of the same customer filed this many days before.
REPEAT_DAYS = 90
# Steps in which a ticket is still worked on (as print_overdue and the timeliness view).
WORKING_STEPS = ("valid", "routed", "proposed", "approved")


def _sql_list(values):
    """A fixed tuple of identifiers as an SQL literal list (the module's constants only)."""
    return ", ".join(f"'{value}'" for value in values)


class PrintServiceTicketAnalysis(models.Model):
    _name = "print.service.ticket.analysis"
    _description = "Service Ticket Analysis"
    _auto = False
    _rec_name = "ticket_id"
    _order = "create_date desc, ticket_id desc"

    ticket_id = fields.Many2one("helpdesk.ticket", "Ticket", readonly=True)
    print_kind = fields.Selection(PRINT_KINDS, "Print Kind", readonly=True)
    type_id = fields.Many2one("helpdesk.ticket.type", "Type", readonly=True)
    print_step = fields.Selection(PRINT_STEPS, "Step", readonly=True)
    channel_id = fields.Many2one("helpdesk.ticket.channel", "Channel", readonly=True)
    cause_id = fields.Many2one("print.service.cause", "Cause", readonly=True)
    team_id = fields.Many2one("helpdesk.ticket.team", "Department", readonly=True)
    print_region_id = fields.Many2one("print.service.region", "Service Region", readonly=True)
    user_id = fields.Many2one("res.users", "Assigned To", readonly=True)
    responsible_id = fields.Many2one(
        "res.users",
        "Responsible Person",
        readonly=True,
        help="Who caused the problem, as the department found it.",
    )
    partner_id = fields.Many2one("res.partner", "Customer", readonly=True)
    job_id = fields.Many2one("print.job", "Production Job", readonly=True)
    resolution = fields.Selection(RESOLUTIONS, readonly=True)
    company_id = fields.Many2one("res.company", "Company", readonly=True)
    currency_id = fields.Many2one("res.currency", "Currency", readonly=True)
    create_date = fields.Datetime("Filed On", readonly=True)
    resolved_date = fields.Datetime("Resolved On", readonly=True)
    deadline = fields.Datetime("Deadline", readonly=True)

    ticket_count = fields.Integer("Tickets", readonly=True)
    resolved_count = fields.Integer("Resolved", readonly=True)
    hours_to_resolve = fields.Float(
        "Hours to Resolve",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="From filing to resolution, for the resolved tickets (the average in the pivot).",
    )
    within_deadline = fields.Boolean(
        "Resolved within Deadline",
        readonly=True,
        help="Resolved by its deadline (a resolved ticket without deadline counts as within).",
    )
    within_deadline_count = fields.Integer("Within Deadline", readonly=True)
    late_count = fields.Integer("Resolved Late", readonly=True)
    within_deadline_pct = fields.Float(
        "Within Deadline (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="Of the resolved tickets, the share resolved by their deadline.",
    )
    overdue = fields.Boolean(
        "Open and Overdue", readonly=True, help="Still worked on and past its deadline."
    )
    overdue_count = fields.Integer("Overdue", readonly=True)
    reopen_count = fields.Integer("Times Reopened", readonly=True)
    reopened_count = fields.Integer(
        "Reopened Tickets", readonly=True, help="Tickets reopened at least once."
    )
    satisfied = fields.Boolean(
        "Customer Satisfied", readonly=True, help="The customer confirmed the matter settled."
    )
    satisfied_count = fields.Integer("Satisfied", readonly=True)
    rating = fields.Float(
        "Job Rating",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="The customer's rating (1 to 5) of the ticket's production job, where it gave one"
        " (the average in the pivot).",
    )
    rated_count = fields.Integer("Rated", readonly=True)
    quality_cost = fields.Monetary(
        "Cost of Quality",
        readonly=True,
        aggregator="sum",
        help="What the ticket's resolution cost the shop: reprints and credits.",
    )
    complaint_count = fields.Integer(
        "Complaints", readonly=True, help="Complaints, quality and delivery problems."
    )
    repeat_complaint = fields.Boolean(
        "Repeat Complaint",
        readonly=True,
        help="A complaint (or quality or delivery problem) of a customer who filed another in"
        " the 90 days before.",
    )
    repeat_count = fields.Integer("Repeat Complaints", readonly=True)
    questionnaire_score = fields.Float(
        "Questionnaire Score (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="The score of the questionnaire the customer completed on the callback after the"
        " ticket, when the questionnaire is scored (the latest one; the average in the"
        " pivot).",
    )

    def _query(self):
        # A fixed query: no value comes from a user. Invalid complaints are no complaint
        # that a later one repeats.
        kinds = _sql_list(COMPLAINT_KINDS)
        working = _sql_list(WORKING_STEPS)
        return f"""
            WITH complaints AS (
                SELECT c.id,
                       LAG(c.create_date) OVER (
                           PARTITION BY c.company_id, c.commercial_partner_id
                           ORDER BY c.create_date, c.id
                       ) AS previous_date
                  FROM helpdesk_ticket c
                 WHERE c.active
                   AND c.print_kind IN ({kinds})
                   AND c.print_step IS DISTINCT FROM 'invalid'
                   AND c.commercial_partner_id IS NOT NULL
            ), answers AS (
                -- The latest scored questionnaire completed on a callback after the ticket.
                SELECT DISTINCT ON (cb.ticket_id)
                       cb.ticket_id, ui.scoring_percentage AS score
                  FROM survey_user_input ui
                  JOIN print_service_callback cb ON cb.id = ui.print_callback_id
                  JOIN survey_survey s ON s.id = ui.survey_id
                 WHERE cb.ticket_id IS NOT NULL
                   AND ui.state = 'done'
                   AND NOT COALESCE(ui.test_entry, FALSE)
                   AND s.scoring_type != 'no_scoring'
                 ORDER BY cb.ticket_id, ui.end_datetime DESC NULLS LAST, ui.id DESC
            ), tickets AS (
                SELECT t.*,
                       t.print_resolved_date IS NOT NULL AS is_resolved,
                       t.print_resolved_date IS NOT NULL
                           AND (t.print_deadline IS NULL
                                OR t.print_resolved_date <= t.print_deadline) AS is_within,
                       t.print_resolved_date IS NULL
                           AND t.print_step IN ({working})
                           AND t.print_deadline < (now() AT TIME ZONE 'UTC') AS is_overdue,
                       t.print_satisfied_date IS NOT NULL AS is_satisfied,
                       cp.previous_date IS NOT NULL
                           AND cp.previous_date
                               >= t.create_date - INTERVAL '{REPEAT_DAYS} days' AS is_repeat,
                       NULLIF(j.print_feedback_rating, '')::int AS job_rating
                  FROM helpdesk_ticket t
                  LEFT JOIN complaints cp ON cp.id = t.id
                  LEFT JOIN print_job j ON j.id = t.print_job_id
                 WHERE t.active AND t.print_kind IS NOT NULL
            )
            SELECT r.id AS id,
                   r.id AS ticket_id,
                   r.print_kind,
                   r.type_id,
                   r.print_step,
                   r.channel_id,
                   r.print_cause_id AS cause_id,
                   r.team_id,
                   r.print_region_id,
                   r.user_id,
                   r.print_responsible_id AS responsible_id,
                   r.commercial_partner_id AS partner_id,
                   r.print_job_id AS job_id,
                   r.print_resolution AS resolution,
                   r.company_id,
                   c.currency_id,
                   r.create_date,
                   r.print_resolved_date AS resolved_date,
                   r.print_deadline AS deadline,
                   1 AS ticket_count,
                   r.is_resolved::int AS resolved_count,
                   CASE WHEN r.is_resolved
                        THEN EXTRACT(EPOCH FROM r.print_resolved_date - r.create_date) / 3600.0
                   END AS hours_to_resolve,
                   r.is_within AS within_deadline,
                   r.is_within::int AS within_deadline_count,
                   (r.is_resolved AND NOT r.is_within)::int AS late_count,
                   CASE WHEN r.is_within THEN 100.0 WHEN r.is_resolved THEN 0.0
                   END AS within_deadline_pct,
                   COALESCE(r.is_overdue, FALSE) AS overdue,
                   COALESCE(r.is_overdue, FALSE)::int AS overdue_count,
                   COALESCE(r.print_reopen_count, 0) AS reopen_count,
                   (COALESCE(r.print_reopen_count, 0) > 0)::int AS reopened_count,
                   r.is_satisfied AS satisfied,
                   r.is_satisfied::int AS satisfied_count,
                   r.job_rating AS rating,
                   (r.job_rating IS NOT NULL)::int AS rated_count,
                   COALESCE(r.print_quality_cost, 0) AS quality_cost,
                   (r.print_kind IN ({kinds})
                    AND r.print_step IS DISTINCT FROM 'invalid')::int AS complaint_count,
                   COALESCE(r.is_repeat, FALSE) AS repeat_complaint,
                   COALESCE(r.is_repeat, FALSE)::int AS repeat_count,
                   a.score AS questionnaire_score
              FROM tickets r
              LEFT JOIN res_company c ON c.id = r.company_id
              LEFT JOIN answers a ON a.ticket_id = r.id
        """

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                SQL(self._query()),  # pylint: disable=sql-injection
            )
        )
