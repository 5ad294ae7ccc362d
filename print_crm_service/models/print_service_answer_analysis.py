# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Questionnaire answers: one row per answer to a callback's questionnaire (the surveys
head office sets on the callback rules), with what the statistics group it by: the
survey, the callback's rule and event, the customer and its region, the job, the ticket
with its kind, cause and department, the person who made the callback, the company; and
what they measure: answers, completed answers, the survey's score and the customer's
rating on the scale questions.

The score is survey's own stored ``scoring_percentage`` of a completed answer to a scored
survey (no score otherwise, so that the average is over scored answers only). The rating
is the average of the answer's scale questions (survey's ``scale`` type), each brought to
0-100 % of its own range (a 1-5 and a 0-10 scale count alike).

A view read from the answers when queried, as the ticket analysis. Its record rules:
multi-company and the group Own Region Only (security/print_service_statistics_security.xml),
on the region of the customer stored on each row. Test answers (survey's test entries) are
left out."""

from odoo import fields, models, tools
from odoo.tools import SQL

from .helpdesk_ticket_type import PRINT_KINDS
from .print_service_callback_rule import CALLBACK_EVENTS

ANSWER_STATES = [("new", "Not Started"), ("in_progress", "In Progress"), ("done", "Completed")]


class PrintServiceAnswerAnalysis(models.Model):
    _name = "print.service.answer.analysis"
    _description = "Questionnaire Answer Analysis"
    _auto = False
    _rec_name = "user_input_id"
    _order = "date desc, id desc"

    user_input_id = fields.Many2one("survey.user_input", "Answer", readonly=True)
    date = fields.Datetime(
        "Answered On",
        readonly=True,
        help="When the customer completed the questionnaire (when it was started, while not"
        " completed).",
    )
    survey_id = fields.Many2one("survey.survey", "Questionnaire", readonly=True)
    callback_id = fields.Many2one("print.service.callback", "Callback or Visit", readonly=True)
    rule_id = fields.Many2one("print.service.callback.rule", "Callback Rule", readonly=True)
    event = fields.Selection(CALLBACK_EVENTS, "Event", readonly=True)
    partner_id = fields.Many2one("res.partner", "Customer", readonly=True)
    print_region_id = fields.Many2one("print.service.region", "Service Region", readonly=True)
    job_id = fields.Many2one("print.job", "Production Job", readonly=True)
    ticket_id = fields.Many2one("helpdesk.ticket", "Ticket", readonly=True)
    print_kind = fields.Selection(PRINT_KINDS, "Ticket Kind", readonly=True)
    cause_id = fields.Many2one("print.service.cause", "Cause", readonly=True)
    team_id = fields.Many2one("helpdesk.ticket.team", "Department", readonly=True)
    user_id = fields.Many2one(
        "res.users",
        "Called By",
        readonly=True,
        help="Who made the callback or visit (its responsible while it is not done).",
    )
    company_id = fields.Many2one("res.company", "Company", readonly=True)
    state = fields.Selection(ANSWER_STATES, "Status", readonly=True)
    completed = fields.Boolean("Answer Completed", readonly=True)

    answer_count = fields.Integer("Answers", readonly=True)
    completed_count = fields.Integer("Completed", readonly=True)
    score = fields.Float(
        "Average Score (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="The questionnaire's score of a completed answer, when the questionnaire is"
        " scored (the average over scored answers in the pivot).",
    )
    scored_count = fields.Integer("Scored", readonly=True)
    rating = fields.Float(
        "Scale Rating (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="The customer's answers to the scale questions, each as a share of its scale"
        " (the average over the answers that have one).",
    )
    rated_count = fields.Integer("Rated", readonly=True)

    def _query(self):
        # A fixed query: no value comes from a user.
        return """
            SELECT ui.id AS id,
                   ui.id AS user_input_id,
                   COALESCE(ui.end_datetime, ui.start_datetime, ui.create_date) AS date,
                   ui.survey_id,
                   c.id AS callback_id,
                   c.rule_id,
                   c.event,
                   c.partner_id,
                   p.print_region_id,
                   c.job_id,
                   c.ticket_id,
                   t.print_kind,
                   t.print_cause_id AS cause_id,
                   t.team_id,
                   COALESCE(c.done_by_id, c.user_id) AS user_id,
                   c.company_id,
                   ui.state,
                   ui.state = 'done' AS completed,
                   1 AS answer_count,
                   (ui.state = 'done')::int AS completed_count,
                   CASE WHEN ui.state = 'done' AND s.scoring_type != 'no_scoring'
                        THEN ui.scoring_percentage
                   END AS score,
                   (ui.state = 'done' AND s.scoring_type != 'no_scoring')::int AS scored_count,
                   sc.rating,
                   (sc.rating IS NOT NULL)::int AS rated_count
              FROM survey_user_input ui
              JOIN print_service_callback c ON c.id = ui.print_callback_id
              JOIN survey_survey s ON s.id = ui.survey_id
              LEFT JOIN res_partner p ON p.id = c.partner_id
              LEFT JOIN helpdesk_ticket t ON t.id = c.ticket_id
              -- The answer's scale questions (survey's index on the lines' answer).
              LEFT JOIN LATERAL (
                  SELECT AVG((l.value_scale - q.scale_min) * 100.0
                             / NULLIF(q.scale_max - q.scale_min, 0)) AS rating
                    FROM survey_user_input_line l
                    JOIN survey_question q ON q.id = l.question_id
                   WHERE l.user_input_id = ui.id
                     AND q.question_type = 'scale'
                     AND l.answer_type = 'scale'
                     AND NOT COALESCE(l.skipped, FALSE)
                     AND l.value_scale IS NOT NULL
              ) sc ON TRUE
             WHERE NOT COALESCE(ui.test_entry, FALSE)
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
