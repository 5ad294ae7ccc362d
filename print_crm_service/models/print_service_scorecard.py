# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The staff scorecard: what each employee did, month by month, for the staff reviews
(seeds 003 and 004: complaints and satisfaction count in staff performance).

One row per thing a person did or answers for, dated when it happened, so that a month's
figures are that month's: a ticket assigned to them (filed that day), a ticket of theirs
resolved (within its deadline or late, in so many hours), a customer of theirs confirming
satisfaction, a complaint where the department found them responsible (with its cost of
quality), a callback or visit they made (on time or late), a questionnaire a customer
completed on one of their callbacks (with its score). The pivot and the workbook
group them by employee and month; the averages (hours, rating, shares) are over the rows
that carry them, so they stay right at every level of grouping.

Its record rules: multi-company and the group Own Region Only, on the region of the
ticket's or the callback's customer stored on each row
(security/print_service_statistics_security.xml)."""

import io
import json
from urllib.parse import urlencode

import xlsxwriter

from odoo import api, fields, models, tools
from odoo.tools import SQL

from .helpdesk_ticket_type import PRINT_KINDS
from .print_access import SERVICE_USER, require_group
from .print_service_ticket_analysis import COMPLAINT_KINDS, _sql_list

SCORECARD_KINDS = [
    ("ticket", "Ticket Handled"),
    ("resolved", "Ticket Resolved"),
    ("satisfied", "Customer Satisfied"),
    ("responsible", "Complaint as Responsible"),
    ("callback", "Callback or Visit Done"),
    ("answer", "Questionnaire Answered"),
]
# The rows' ids: a ticket's id times 8 plus its kind, a callback's times 8 plus 4, a
# questionnaire answer's times 8 plus 5.
ROW_KIND_OFFSET = {
    "ticket": 0,
    "resolved": 1,
    "satisfied": 2,
    "responsible": 3,
    "callback": 4,
    "answer": 5,
}
# Up to this many selected rows go to the download's address by id; a whole list (its
# "select all") goes by its search domain.
XLSX_MAX_IDS = 1000
# The workbook's columns: (field, aggregate, format).
XLSX_MEASURES = (
    ("ticket_count", "sum", "int"),
    ("resolved_count", "sum", "int"),
    ("within_deadline_count", "sum", "int"),
    ("within_deadline_pct", "avg", "pct"),
    ("hours_to_resolve", "avg", "dec"),
    ("reopen_count", "sum", "int"),
    ("satisfied_count", "sum", "int"),
    ("rating", "avg", "dec"),
    ("rated_count", "sum", "int"),
    ("complaint_count", "sum", "int"),
    ("quality_cost", "sum", "money"),
    ("callback_count", "sum", "int"),
    ("callback_on_time_count", "sum", "int"),
    ("callback_on_time_pct", "avg", "pct"),
    ("answer_count", "sum", "int"),
    ("answer_score", "avg", "pct"),
)


class PrintServiceScorecard(models.Model):
    _name = "print.service.scorecard"
    _description = "Service Staff Scorecard"
    _auto = False
    _rec_name = "user_id"
    _order = "date desc, id desc"

    kind = fields.Selection(SCORECARD_KINDS, "Kind", readonly=True)
    user_id = fields.Many2one("res.users", "Employee", readonly=True)
    date = fields.Datetime(
        readonly=True,
        help="When it happened: the ticket filed, resolved, the customer satisfied, the call"
        " made.",
    )
    ticket_id = fields.Many2one("helpdesk.ticket", "Ticket", readonly=True)
    callback_id = fields.Many2one("print.service.callback", "Callback or Visit", readonly=True)
    print_kind = fields.Selection(PRINT_KINDS, "Print Kind", readonly=True)
    team_id = fields.Many2one("helpdesk.ticket.team", "Department", readonly=True)
    partner_id = fields.Many2one("res.partner", "Customer", readonly=True)
    print_region_id = fields.Many2one("print.service.region", "Service Region", readonly=True)
    company_id = fields.Many2one("res.company", "Company", readonly=True)
    currency_id = fields.Many2one("res.currency", "Currency", readonly=True)

    ticket_count = fields.Integer("Tickets Handled", readonly=True)
    resolved_count = fields.Integer("Resolved", readonly=True)
    within_deadline_count = fields.Integer("Resolved within Deadline", readonly=True)
    late_count = fields.Integer("Resolved Late", readonly=True)
    within_deadline_pct = fields.Float(
        "Within Deadline (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="Of their resolved tickets, the share resolved by the deadline.",
    )
    hours_to_resolve = fields.Float(
        "Hours to Resolve", readonly=True, aggregator="avg", digits=(16, 1)
    )
    reopen_count = fields.Integer(
        "Reopened", readonly=True, help="How often their tickets were reopened."
    )
    satisfied_count = fields.Integer(
        "Customers Satisfied", readonly=True, help="Customers who confirmed their ticket settled."
    )
    rating = fields.Float(
        "Job Rating",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="The customers' rating (1 to 5) of the jobs of their tickets (the average).",
    )
    rated_count = fields.Integer("Ratings", readonly=True)
    complaint_count = fields.Integer(
        "Complaints as Responsible",
        readonly=True,
        help="Complaints, quality and delivery problems whose department found this person"
        " responsible.",
    )
    quality_cost = fields.Monetary(
        "Cost of Quality",
        readonly=True,
        aggregator="sum",
        help="What the complaints they were responsible for cost the shop.",
    )
    callback_count = fields.Integer("Callbacks Done", readonly=True)
    callback_on_time_count = fields.Integer("Callbacks on Time", readonly=True)
    callback_on_time_pct = fields.Float(
        "Callbacks on Time (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="Of the callbacks and visits they made, the share made by the due date.",
    )
    answer_count = fields.Integer(
        "Questionnaires Answered",
        readonly=True,
        help="Questionnaires the customers completed on the callbacks and visits they made"
        " (in the month of the answer).",
    )
    answer_score = fields.Float(
        "Average Questionnaire Score (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="The score of those questionnaires, when scored (the average over the scored"
        " answers).",
    )

    def _query(self):
        # A fixed query: no value comes from a user.
        kinds = _sql_list(COMPLAINT_KINDS)
        return f"""
            WITH tickets AS (
                SELECT t.id, t.user_id, t.team_id, t.commercial_partner_id AS partner_id,
                       t.print_region_id, t.company_id, t.create_date,
                       t.print_resolved_date, t.print_deadline, t.print_satisfied_date,
                       t.print_responsible_id, t.print_kind, t.print_step,
                       COALESCE(t.print_reopen_count, 0) AS reopen_count,
                       COALESCE(t.print_quality_cost, 0) AS quality_cost,
                       NULLIF(j.print_feedback_rating, '')::int AS rating,
                       (t.print_deadline IS NULL
                        OR t.print_resolved_date <= t.print_deadline) AS is_within
                  FROM helpdesk_ticket t
                  LEFT JOIN print_job j ON j.id = t.print_job_id
                 WHERE t.active AND t.print_kind IS NOT NULL
            ), events AS (
                SELECT id * 8 AS id, 'ticket' AS kind, user_id, create_date AS date,
                       id AS ticket_id, NULL::int AS callback_id, team_id, partner_id,
                       print_region_id, company_id, print_kind,
                       1 AS ticket_count, 0 AS resolved_count, 0 AS within_deadline_count,
                       0 AS late_count, NULL::float AS within_deadline_pct,
                       NULL::float AS hours_to_resolve, reopen_count,
                       0 AS satisfied_count, rating::float AS rating,
                       (rating IS NOT NULL)::int AS rated_count,
                       0 AS complaint_count, 0::numeric AS quality_cost,
                       0 AS callback_count, 0 AS callback_on_time_count,
                       NULL::float AS callback_on_time_pct,
                       0 AS answer_count, NULL::float AS answer_score
                  FROM tickets
                UNION ALL
                SELECT id * 8 + 1, 'resolved', user_id, print_resolved_date,
                       id, NULL, team_id, partner_id, print_region_id, company_id, print_kind,
                       0, 1, is_within::int, (NOT is_within)::int,
                       CASE WHEN is_within THEN 100.0 ELSE 0.0 END,
                       EXTRACT(EPOCH FROM print_resolved_date - create_date) / 3600.0,
                       0, 0, NULL, 0, 0, 0, 0, 0, NULL, 0, NULL
                  FROM tickets
                 WHERE print_resolved_date IS NOT NULL
                UNION ALL
                SELECT id * 8 + 2, 'satisfied', user_id, print_satisfied_date,
                       id, NULL, team_id, partner_id, print_region_id, company_id, print_kind,
                       0, 0, 0, 0, NULL, NULL, 0, 1, NULL, 0, 0, 0, 0, 0, NULL, 0, NULL
                  FROM tickets
                 WHERE print_satisfied_date IS NOT NULL
                UNION ALL
                SELECT id * 8 + 3, 'responsible', print_responsible_id, create_date,
                       id, NULL, team_id, partner_id, print_region_id, company_id, print_kind,
                       0, 0, 0, 0, NULL, NULL, 0, 0, NULL, 0, 1, quality_cost, 0, 0, NULL, 0, NULL
                  FROM tickets
                 WHERE print_responsible_id IS NOT NULL
                   AND print_kind IN ({kinds})
                   AND print_step IS DISTINCT FROM 'invalid'
                UNION ALL
                SELECT c.id * 8 + 4, 'callback', c.done_by_id, c.done_date,
                       c.ticket_id, c.id, NULL, p.commercial_partner_id,
                       cp.print_region_id, c.company_id, NULL,
                       0, 0, 0, 0, NULL, NULL, 0, 0, NULL, 0, 0, 0,
                       1, c.done_on_time::int,
                       CASE WHEN c.done_on_time THEN 100.0 ELSE 0.0 END,
                       0, NULL
                  FROM print_service_callback c
                  LEFT JOIN res_partner p ON p.id = c.partner_id
                  LEFT JOIN res_partner cp ON cp.id = p.commercial_partner_id
                 WHERE c.state = 'done'
                UNION ALL
                -- A questionnaire completed on a callback, to who made it (its
                -- responsible while not marked done), in the month it was answered.
                SELECT ui.id * 8 + 5, 'answer', COALESCE(c.done_by_id, c.user_id),
                       COALESCE(ui.end_datetime, ui.create_date),
                       c.ticket_id, c.id, t.team_id, p.commercial_partner_id,
                       cp.print_region_id, c.company_id, t.print_kind,
                       0, 0, 0, 0, NULL, NULL, 0, 0, NULL, 0, 0, 0, 0, 0, NULL,
                       1,
                       CASE WHEN s.scoring_type != 'no_scoring'
                            THEN ui.scoring_percentage
                       END
                  FROM survey_user_input ui
                  JOIN print_service_callback c ON c.id = ui.print_callback_id
                  JOIN survey_survey s ON s.id = ui.survey_id
                  LEFT JOIN helpdesk_ticket t ON t.id = c.ticket_id
                  LEFT JOIN res_partner p ON p.id = c.partner_id
                  LEFT JOIN res_partner cp ON cp.id = p.commercial_partner_id
                 WHERE ui.state = 'done' AND NOT COALESCE(ui.test_entry, FALSE)
            )
            SELECT e.*, rc.currency_id
              FROM events e
              LEFT JOIN res_company rc ON rc.id = e.company_id
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

    # ------------------------------------------------------------------ actions

    def action_print_scorecard_xlsx(self):
        """Download the scorecard as a formatted workbook: the selected rows, or else the
        rows of the list's search (the button's ``active_domain``); either as the user
        reads them (its record rules: its company, its region)."""
        require_group(self, self.env._("Scorecard (XLSX)"), SERVICE_USER)
        params = {}
        if self.ids and len(self.ids) <= XLSX_MAX_IDS:
            params["ids"] = ",".join(str(i) for i in self.ids)
        elif self.env.context.get("active_domain"):
            params["domain"] = json.dumps(self.env.context["active_domain"])
        url = "/print_crm_service/scorecard/xlsx"
        if params:
            url += "?" + urlencode(params, safe=",")
        return {"type": "ir.actions.act_url", "url": url, "target": "download"}

    # ------------------------------------------------------------------ business

    @api.model
    def _print_scorecard_figures(self, domain, groupby):
        """The workbook's figures of the rows of ``domain`` the user may read, grouped by
        ``groupby``: a list of (group values, {field: value})."""
        aggregates = [f"{name}:{agg}" for name, agg, _fmt in XLSX_MEASURES]
        rows = self._read_group(domain, groupby, aggregates)
        names = [name for name, _agg, _fmt in XLSX_MEASURES]
        return [
            (row[: len(groupby)], dict(zip(names, row[len(groupby) :], strict=True)))
            for row in rows
        ]

    @api.model
    def _print_scorecard_workbook(self, domain):
        """The scorecard as an XLSX file (bytes): one sheet by employee and month, one by
        employee over the whole period. Read as the user, under its record rules; the
        caller checked the group."""
        env = self.env
        output = io.BytesIO()
        book = xlsxwriter.Workbook(output, {"in_memory": True})
        title = book.add_format({"bold": True, "font_size": 14})
        head = book.add_format(
            {"bold": True, "bg_color": "#E9ECEF", "border": 1, "text_wrap": True, "valign": "top"}
        )
        formats = {
            "text": book.add_format({"border": 1}),
            "month": book.add_format({"border": 1, "num_format": "yyyy-mm"}),
            "int": book.add_format({"border": 1, "num_format": "0"}),
            "dec": book.add_format({"border": 1, "num_format": "0.0"}),
            "pct": book.add_format({"border": 1, "num_format": "0.0%"}),
            "money": book.add_format({"border": 1, "num_format": "#,##0.00"}),
        }
        unassigned = env._("Unassigned")
        labels = [self._fields[name]._description_string(env) for name, _a, _f in XLSX_MEASURES]
        sheets = (
            (env._("By Month"), ["user_id", "date:month"]),
            (env._("By Employee"), ["user_id"]),
        )
        for sheet_name, groupby in sheets:
            sheet = book.add_worksheet(sheet_name)
            sheet.write(0, 0, env._("Service Staff Scorecard"), title)
            keys = [self._fields["user_id"]._description_string(env)]
            if len(groupby) > 1:
                keys.append(env._("Month"))
            header = keys + labels
            sheet.set_row(2, 45)
            for col, label in enumerate(header):
                sheet.write(2, col, label, head)
            sheet.set_column(0, 0, 28)
            sheet.set_column(1, len(header) - 1, 13)
            row_index = 2
            for groups, values in self._print_scorecard_figures(domain, groupby):
                row_index += 1
                user = groups[0]
                name = user.display_name if user else unassigned
                sheet.write(row_index, 0, name, formats["text"])
                if len(groupby) > 1 and groups[1]:
                    sheet.write_datetime(row_index, 1, groups[1], formats["month"])
                elif len(groupby) > 1:  # a callback marked done without its date
                    sheet.write_blank(row_index, 1, None, formats["month"])
                for offset, (name, _agg, fmt) in enumerate(XLSX_MEASURES):
                    col = len(keys) + offset
                    value = values[name]
                    if value is None or value is False:
                        sheet.write_blank(row_index, col, None, formats[fmt])
                    elif fmt == "pct":
                        sheet.write_number(row_index, col, value / 100.0, formats[fmt])
                    else:
                        sheet.write_number(row_index, col, value, formats[fmt])
            sheet.freeze_panes(3, len(keys))
            sheet.autofilter(2, 0, max(row_index, 3), len(header) - 1)
        book.close()
        return output.getvalue()
