# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import format_amount, format_date

from odoo.addons.print_crm_quote.models.print_decision_mixin import decide, refuse_undecided

PAYABLE_DECISIONS = ("print_payable_reminded_date",)
# An open instalment of a posted entry on a payable account (the payables calendar's
# domain, in views/print_payable_views.xml, is the same).
PAYABLE_DOMAIN = [
    ("account_type", "=", "liability_payable"),
    ("parent_state", "=", "posted"),
    ("reconciled", "=", False),
    ("amount_residual", "!=", 0),
]


class AccountMoveLine(models.Model):
    """Each instalment of a vendor bill is reminded to the accountant before it is due."""

    _inherit = "account.move.line"

    print_payable_reminded_date = fields.Date(
        "Payment Reminded For",
        readonly=True,
        copy=False,
        groups="account.group_account_invoice",
        help="The due date the accountant was last reminded of; a new reminder is sent when"
        " the due date changes. Only the daily reminder run sets it.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        # Payment Reminded For is the reminder run's record: only the run writes it.
        refuse_undecided(self, vals_list, PAYABLE_DECISIONS)
        return super().create(vals_list)

    def write(self, vals):
        refuse_undecided(self, [vals], PAYABLE_DECISIONS)
        return super().write(vals)

    def _print_decide(self, *fnames):
        """These lines, allowed to write ``fnames`` (the reminder run's Payment Reminded For)."""
        return decide(self, *fnames)

    @api.model
    def _cron_print_payable_reminders(self):
        """Daily: each open instalment of a posted vendor bill that falls due within the
        company's reminder days gets one activity for the payables accountant, once per
        due date."""
        # sudo: the cron runs for every company; it only schedules activities and stamps
        # the due date it reminded.
        Line = self.sudo()
        today = fields.Date.context_today(self)
        companies = self.env["res.company"].sudo().search([])
        for company in companies:
            horizon = today + timedelta(days=company.print_payable_days)
            lines = Line.search(
                [
                    *PAYABLE_DOMAIN,
                    ("company_id", "=", company.id),
                    ("move_id.move_type", "=", "in_invoice"),
                    ("date_maturity", "!=", False),
                    ("date_maturity", "<=", horizon),
                ],
                order="date_maturity, id",
            )
            due = lines.filtered(
                lambda line: line.print_payable_reminded_date != line.date_maturity
            )
            for line in due:
                line._print_remind_payable(company)
            due_by_date = {}
            for line in due:
                due_by_date.setdefault(line.date_maturity, Line)
                due_by_date[line.date_maturity] |= line
            for date, group in due_by_date.items():
                group._print_decide("print_payable_reminded_date").write(
                    {"print_payable_reminded_date": date}
                )
        return True

    def _print_remind_payable(self, company):
        """Schedule the reminder of this instalment on its bill."""
        self.ensure_one()
        bill = self.move_id
        user = company.print_payable_user_id or bill.invoice_user_id or bill.create_uid
        currency = self.currency_id or company.currency_id
        amount = format_amount(self.env, abs(self.amount_residual_currency), currency)
        due = format_date(self.env, self.date_maturity)
        bill.activity_schedule(
            "mail.mail_activity_data_todo",
            date_deadline=self.date_maturity,
            summary=self.env._("Pay %(amount)s by %(date)s", amount=amount, date=due),
            note=self.env._(
                "Instalment of %(amount)s of %(bill)s (%(supplier)s) is due on %(date)s.",
                amount=amount,
                bill=bill.name,
                supplier=bill.partner_id.display_name,
                date=due,
            ),
            user_id=user.id,
        )
