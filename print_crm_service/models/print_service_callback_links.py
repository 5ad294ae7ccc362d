# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .print_access import SERVICE_USER


class MailActivity(models.Model):
    """A callback's activity marked done (from the chatter, the activity view) marks the
    callback done by whoever did it; deleted without being done, it cancels it."""

    _inherit = "mail.activity"

    def _print_callbacks(self):
        # sudo: reads which callbacks these activities are, to follow them (mail's own
        # checks let this user mark the activities done or delete them).
        return (
            self.env["print.service.callback"]
            .sudo()
            .search([("activity_id", "in", self.ids), ("state", "=", "planned")])
        )

    def _action_done(self, feedback=False, attachment_ids=None):
        callbacks = self._print_callbacks() if self.ids else None
        if callbacks:
            callbacks._print_mark_done()
        return super()._action_done(feedback=feedback, attachment_ids=attachment_ids)

    def unlink(self):
        callbacks = self._print_callbacks() if self.ids else None
        if callbacks:
            callbacks._print_decide("state", "done_by_id", "done_date").write(
                {
                    "state": "cancelled",
                    "done_by_id": self.env.user.id,
                    "done_date": fields.Datetime.now(),
                }
            )
        return super().unlink()


class SurveyUserInput(models.Model):
    """An answer to a callback's questionnaire knows its callback, hence the customer, the
    job and the ticket it is about (for the statistics)."""

    # Extends survey's model (Odoo needs _name with several _inherit). Its access is
    # survey's: the module's one line for it repeats survey's own for survey users, granting
    # nothing.
    _name = "survey.user_input"
    _inherit = ["survey.user_input", "print.decision.mixin"]
    # Set by the callback's questionnaire actions only.
    _print_decision_fields = ("print_callback_id",)

    print_callback_id = fields.Many2one(
        "print.service.callback",
        "Callback",
        readonly=True,
        index="btree_not_null",
        ondelete="set null",
        groups=SERVICE_USER,
    )
    print_partner_id = fields.Many2one(
        related="print_callback_id.partner_id",
        string="Callback Customer",
        store=True,
        index="btree_not_null",
        groups=SERVICE_USER,
    )
    print_job_id = fields.Many2one(
        related="print_callback_id.job_id",
        string="Callback Job",
        store=True,
        groups=SERVICE_USER,
    )
    print_ticket_id = fields.Many2one(
        related="print_callback_id.ticket_id",
        string="Callback Ticket",
        store=True,
        groups=SERVICE_USER,
    )
