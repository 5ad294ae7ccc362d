# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import SQL, format_datetime

_logger = logging.getLogger(__name__)

# Hours a round answered with changes (or rejected) may wait for the next round to be sent
# before prepress is reminded; 0 turns the reminder off.
CHANGES_WAIT_PARAM = "print_crm_prepress.changes_wait_hours"
DEFAULT_CHANGES_WAIT_HOURS = 24.0
# Answered rounds that wait for prepress to send a new round.
WAITING_FOR_PREPRESS = ("changes", "rejected")
# What the reminders need of a round, read with the search itself.
REMINDER_FIELDS = ["name", "job_id", "company_id", "partner_id", "approver_ids", "state"]


class PrintProof(models.Model):
    _inherit = "print.proof"

    turnaround_hours = fields.Float(
        "Prepress Turnaround (hours)",
        compute="_compute_turnaround_hours",
        store=True,
        aggregator="avg",
        groups="base.group_user",
        help="Hours from the customer's request for changes (or rejection) of the previous "
        "round to the sending of this one; 0 for the first round.",
    )

    @api.depends(
        "sent_date",
        "round",
        "job_id.print_proof_ids.round",
        "job_id.print_proof_ids.state",
        "job_id.print_proof_ids.answered_date",
    )
    def _compute_turnaround_hours(self):
        for proof in self:
            previous = proof._print_previous_round()
            if (
                proof.sent_date
                and previous.state in WAITING_FOR_PREPRESS
                and previous.answered_date
            ):
                delta = proof.sent_date - previous.answered_date
                proof.turnaround_hours = max(delta.total_seconds() / 3600, 0.0)
            else:
                proof.turnaround_hours = 0.0

    def _print_previous_round(self):
        """The job's closest earlier round that was not cancelled (empty for round 1)."""
        self.ensure_one()
        earlier = self.job_id.print_proof_ids.filtered(
            lambda p: p.round < self.round and p.state != "cancelled"
        )
        return earlier.sorted("round")[-1:]

    def write(self, vals):
        if "reminder_sent" not in vals and (
            "due_date" in vals or vals.get("state") in WAITING_FOR_PREPRESS
        ):
            # A new due date is reminded again; an answer that asks prepress for a new round
            # re-arms the flag for the reminder to prepress.
            vals = dict(vals, reminder_sent=False)
        return super().write(vals)

    # ------------------------------------------------------------------ e-mail

    def _print_waiting_approvers(self):
        """The approvers who have not approved this round yet."""
        self.ensure_one()
        approved = self.answer_ids.filtered(lambda a: a.decision == "approve").partner_id
        return (self.approver_ids or self.partner_id) - approved

    # ------------------------------------------------------------------ reminders

    @api.model
    def _cron_send_reminders(self):
        """Hourly: e-mail the approvers of the rounds past their due date, and tell prepress
        of the requested changes that wait for a new round, once each (``reminder_sent``).

        A round is overdue the day after its due date in the company's time zone (its
        partner's, else UTC); changes wait for the hours of the system parameter
        ``print_crm_prepress.changes_wait_hours`` (24 by default, 0 to turn it off).
        """
        Proof = self.sudo()
        Proof.flush_model(["job_id", "round", "state", "sent_date"])
        now = fields.Datetime.now()
        wait_hours = Proof._print_changes_wait_hours()
        mailed = told = 0
        for company in self.env["res.company"].sudo().search([]):
            mailed += Proof._print_remind_customers(company)
            if wait_hours > 0:
                told += Proof._print_remind_prepress(company, now - timedelta(hours=wait_hours))
        return mailed, told

    @api.model
    def _print_changes_wait_hours(self):
        value = self.env["ir.config_parameter"].sudo().get_param(CHANGES_WAIT_PARAM)
        if not value:
            return DEFAULT_CHANGES_WAIT_HOURS
        try:
            return float(value)
        except ValueError:
            _logger.warning(
                "System parameter %s: %r is not a number of hours; %s hours are used.",
                CHANGES_WAIT_PARAM,
                value,
                DEFAULT_CHANGES_WAIT_HOURS,
            )
            return DEFAULT_CHANGES_WAIT_HOURS

    @api.model
    def _print_open_jobs_domain(self, company):
        return [
            ("company_id", "=", company.id),
            ("job_id.is_done", "=", False),
            ("job_id.is_cancel", "=", False),
        ]

    @api.model
    def _print_remind_customers(self, company):
        """E-mail again the approvers of ``company``'s rounds past their due date that still
        wait for them; returns how many rounds were reminded."""
        tz = company.partner_id.tz or "UTC"
        today = fields.Date.context_today(self.with_context(tz=tz))
        proofs = self.search_fetch(
            [
                *self._print_open_jobs_domain(company),
                ("state", "=", "sent"),
                ("reminder_sent", "=", False),
                ("due_date", "<", today),
            ],
            REMINDER_FIELDS,
            order="id",
        )
        if not proofs:
            return 0
        template = self.env.ref("print_crm_prepress.mail_template_print_proof_reminder")
        for proof in proofs:
            waiting = proof._print_waiting_approvers()
            if waiting:
                proof._print_mail_customer(template, waiting)
        # Flagged even without a sender: the note on the round said so, once.
        proofs.write({"reminder_sent": True})
        return len(proofs)

    @api.model
    def _print_remind_prepress(self, company, answered_before):
        """Tell prepress of ``company``'s rounds answered with changes (or rejected) before
        ``answered_before`` for which no later round was sent; returns how many."""
        query = self._search(
            [
                *self._print_open_jobs_domain(company),
                ("state", "in", WAITING_FOR_PREPRESS),
                ("reminder_sent", "=", False),
                ("answered_date", "<=", answered_before),
            ],
            order="id",
        )
        query.add_where(
            SQL(
                "NOT EXISTS (SELECT 1 FROM print_proof AS later"
                " WHERE later.job_id = %(job)s AND later.round > %(round)s"
                " AND later.sent_date IS NOT NULL AND later.state != 'cancelled')",
                job=SQL.identifier(self._table, "job_id"),
                round=SQL.identifier(self._table, "round"),
            )
        )
        proofs = self.browse(query)
        proofs.fetch([*REMINDER_FIELDS, "answered_date"])
        told = []
        for proof in proofs:
            # Whom _print_tell_prepress tells; nobody yet: reminded once somebody is set.
            user = proof.company_id.print_prepress_user_id or proof.job_id.user_id
            if not user:
                continue
            summary, note = proof._print_prepress_reminder_text(user)
            # The activity shows in the user's activity menu; no e-mail per reminder, as
            # the production reminders do.
            proof.job_id.with_context(mail_activity_quick_update=True)._print_tell_prepress(
                summary, note
            )
            told.append(proof.id)
        if told:
            self.browse(told).write({"reminder_sent": True})
        return len(told)

    def _print_prepress_reminder_text(self, user):
        """The summary and note of the reminder to ``user`` that this round still waits for
        a new round, in the user's language and time zone."""
        self.ensure_one()
        env = self.with_context(lang=user.lang or "en_US").env
        proof = self.with_env(env)
        since = format_datetime(env, proof.answered_date, tz=user.tz or "UTC", dt_format="short")
        answer = proof.answer_ids.filtered(lambda a: a.decision in ("changes", "reject"))[:1]
        if proof.state == "changes":
            summary = env._(
                "%(proof)s: the requested changes wait for a new round", proof=proof.name
            )
            note = env._(
                "The customer requested changes on %(since)s; no new round has been sent since.",
                since=since,
            )
        else:
            summary = env._("%(proof)s: rejected, no new round sent yet", proof=proof.name)
            note = env._(
                "The customer rejected the proof on %(since)s; no new round has been sent since.",
                since=since,
            )
        body = Markup("<p>%s</p>") % note
        if answer.comment:
            body += Markup("<p>%s</p>") % env._("Comments: %(comment)s", comment=answer.comment)
        return summary, body
