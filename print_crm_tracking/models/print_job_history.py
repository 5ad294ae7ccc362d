# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class PrintJobHistory(models.Model):
    """One stage change of a job: who moved it, when, and how long it stayed before."""

    _name = "print.job.history"
    _description = "Production Stage History"
    _inherit = ["print.decision.mixin"]
    _order = "date desc, id desc"
    # Written by the job's stage moves only (print.job create and write), never created,
    # changed or deleted directly; the portal timeline reads it as superuser.
    _print_append_only = True

    job_id = fields.Many2one("print.job", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="job_id.company_id", store=True, precompute=True)
    stage_id = fields.Many2one("print.job.stage", "Stage Entered", required=True)
    previous_stage_id = fields.Many2one("print.job.stage", "Stage Left")
    user_id = fields.Many2one("res.users", "Moved By")
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    hours_in_previous = fields.Float(
        "Hours in Stage Left",
        aggregator="avg",
        help="How long the job stayed in the stage it left.",
    )
    expected_hours = fields.Float(
        "Expected Hours",
        related="previous_stage_id.expected_hours",
        aggregator="avg",
    )
    over_time = fields.Boolean("Over Expected Time", compute="_compute_over_time", store=True)
    note = fields.Char()
    customer_label = fields.Char(related="stage_id.customer_label")
    visible_to_customer = fields.Boolean(related="stage_id.visible_to_customer")

    @api.depends("hours_in_previous", "previous_stage_id.expected_hours")
    def _compute_over_time(self):
        for line in self:
            expected = line.previous_stage_id.expected_hours
            line.over_time = bool(expected and line.hours_in_previous > expected)
