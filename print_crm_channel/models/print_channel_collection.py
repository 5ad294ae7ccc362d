# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Collections from distributors: payment reminders by channel level.

OCA ``account_credit_control`` installs cleanly here, but it is a dunning engine of its
own: policies and levels per partner, credit control runs that a user generates and
validates, communications sent from a wizard. The channel needs one thing from it: the
distributor's level decides how often an overdue invoice is reminded, the distributor's
channel manager follows it up. Mapping channel levels onto credit control policies (and
keeping both in step when a distributor changes level) would be more code than the
reminder itself, so the minimum is built here: a reminder interval on the level, a
nightly job that reminds each overdue invoice once per step, and a log of the steps.

Step n of an invoice is reached when it is n × interval days past due. At each step the
distributor gets a message on the invoice (e-mailed, and shown in its portal) and its
channel manager a to-do activity on it. A step is never sent twice: the log holds one
line per invoice and step.
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.print_crm_quote.models.print_access import require_group

CHANNEL_MANAGER = "print_crm_channel.group_channel_manager"


class PrintChannelLevel(models.Model):
    _inherit = "print.channel.level"

    reminder_interval = fields.Integer(
        "Reminder Interval (days)",
        default=0,
        tracking=True,
        help="Overdue invoices of this level's distributors are reminded every so many days"
        " past their due date (the first reminder after as many days). 0: no reminders.",
    )

    @api.constrains("reminder_interval")
    def _check_reminder_interval(self):
        for level in self:
            if level.reminder_interval < 0:
                raise ValidationError(
                    self.env._(
                        "%(field)s: %(level)s needs 0 (no reminders) or a number of days.",
                        field=self._fields["reminder_interval"]._description_string(self.env),
                        level=level.display_name,
                    )
                )


class PrintChannelReminder(models.Model):
    """One reminder of one overdue invoice at one step: the log that keeps a step from
    being sent twice. Written by the reminder job only."""

    _name = "print.channel.reminder"
    _description = "Distributor Payment Reminder"
    _inherit = ["print.decision.mixin"]
    _order = "date desc, id desc"
    _print_append_only = True

    move_id = fields.Many2one(
        "account.move", "Invoice", required=True, ondelete="cascade", index=True, readonly=True
    )
    partner_id = fields.Many2one("res.partner", "Distributor", required=True, readonly=True)
    level_id = fields.Many2one("print.channel.level", "Channel Level", readonly=True)
    user_id = fields.Many2one("res.users", "Channel Manager", readonly=True)
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    step = fields.Integer(required=True, readonly=True)
    days_overdue = fields.Integer("Days Overdue", readonly=True)
    amount_residual = fields.Monetary("Amount Due", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    date = fields.Date(required=True, readonly=True)

    _sql_constraints = [
        ("step_unique", "unique(move_id, step)", "An invoice is reminded once per step."),
    ]

    @api.model
    def _cron_send_reminders(self, today=None):
        """Remind every overdue invoice of a distributor whose level has an interval."""
        today = today or fields.Date.context_today(self)
        Move = self.env["account.move"].sudo()
        moves = Move.search(
            [
                ("move_type", "=", "out_invoice"),
                ("state", "=", "posted"),
                ("payment_state", "in", ("not_paid", "partial")),
                ("invoice_date_due", "<", today),
                ("commercial_partner_id.print_channel_level_id.reminder_interval", ">", 0),
            ]
        )
        if not moves:
            return self.browse()
        sent = dict(
            self.sudo()._read_group([("move_id", "in", moves.ids)], ["move_id"], ["step:max"])
        )
        created = self.browse()
        for move in moves:
            partner = move.commercial_partner_id
            level = partner.print_channel_level_id
            days = (today - move.invoice_date_due).days
            step = days // level.reminder_interval
            if step < 1 or step <= sent.get(move, 0):
                continue
            created |= self._print_remind(move, partner, level, step, days, today)
        return created

    def _print_remind(self, move, partner, level, step, days, today):
        """Log the step, tell the distributor, give its channel manager a to-do."""
        manager = partner.print_channel_manager_id
        reminder = (
            self.sudo()
            ._print_decide()
            .create(
                {
                    "move_id": move.id,
                    "partner_id": partner.id,
                    "level_id": level.id,
                    "user_id": manager.id,
                    "company_id": move.company_id.id,
                    "step": step,
                    "days_overdue": days,
                    "amount_residual": move.amount_residual,
                    "currency_id": move.currency_id.id,
                    "date": today,
                }
            )
        )
        lang_env = move.with_context(lang=partner.lang or self.env.lang).env
        move.message_post(
            body=lang_env._(
                "Reminder %(step)s: invoice %(invoice)s of %(amount)s %(currency)s was due on"
                " %(due)s (%(days)s days ago) and %(residual)s %(currency)s of it is still"
                " open. Please pay it or tell us when you will.",
                step=step,
                invoice=move.name,
                amount=move.amount_total,
                residual=move.amount_residual,
                currency=move.currency_id.name,
                due=move.invoice_date_due,
                days=days,
            ),
            partner_ids=partner.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        if manager:
            move.activity_schedule(
                "mail.mail_activity_data_todo",
                date_deadline=today,
                summary=self.env._(
                    "Collect %(invoice)s (reminder %(step)s)", invoice=move.name, step=step
                ),
                note=self.env._(
                    "%(partner)s: %(days)s days past due, %(residual)s %(currency)s open.",
                    partner=partner.display_name,
                    days=days,
                    residual=move.amount_residual,
                    currency=move.currency_id.name,
                ),
                user_id=manager.id,
            )
        return reminder

    def action_send_reminders(self):
        """Run the reminder job now (Distribution managers), as the nightly job does."""
        require_group(self, self.env._("Send Reminders"), CHANNEL_MANAGER)
        reminders = self.sudo()._cron_send_reminders()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "message": self.env._("%(count)s reminders sent.", count=len(reminders)),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
