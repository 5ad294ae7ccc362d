# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

CHANNEL_COLUMNS = """
    d.id AS partner_id,
    d.print_channel_level_id AS level_id,
    d.print_channel_parent_id AS parent_id,
    NULLIF(split_part(d.print_channel_path, '/', 2), '')::int AS root_id,
    d.print_channel_manager_id AS manager_id
"""


class PrintChannelReportMixin(models.AbstractModel):
    """Where a row of a channel report sits in the channel: the distributor, its level,
    parent, channel (top distributor) and manager, from CHANNEL_COLUMNS."""

    _name = "print.channel.report.mixin"
    _description = "Channel Report Columns"

    partner_id = fields.Many2one("res.partner", "Distributor", readonly=True)
    level_id = fields.Many2one("print.channel.level", "Channel Level", readonly=True)
    parent_id = fields.Many2one("res.partner", "Parent Distributor", readonly=True)
    root_id = fields.Many2one("res.partner", "Channel", readonly=True, help="The top distributor.")
    manager_id = fields.Many2one("res.users", "Channel Manager", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)


def ageing_columns(amount):
    """The SQL columns of an ageing row whose open amount is the SQL expression ``amount``,
    aged by ``age.days`` (days past due, from :data:`AGEING_AGE`)."""
    return f"""
                   GREATEST(age.days, 0) AS days_overdue,
                   CASE WHEN age.days <= 0 THEN '0_not_due'
                        WHEN age.days <= 30 THEN '1_0_30'
                        WHEN age.days <= 60 THEN '2_31_60'
                        WHEN age.days <= 90 THEN '3_61_90'
                        ELSE '4_90' END AS bucket,
                   {amount} AS amount_residual,
                   CASE WHEN age.days <= 0 THEN {amount} ELSE 0 END AS amount_not_due,
                   CASE WHEN age.days > 0 AND age.days <= 30
                        THEN {amount} ELSE 0 END AS amount_0_30,
                   CASE WHEN age.days > 30 AND age.days <= 60
                        THEN {amount} ELSE 0 END AS amount_31_60,
                   CASE WHEN age.days > 60 AND age.days <= 90
                        THEN {amount} ELSE 0 END AS amount_61_90,
                   CASE WHEN age.days > 90 THEN {amount} ELSE 0 END AS amount_90
    """


# Days past due of the journal item ``aml`` as of today (its date when it has no due date).
AGEING_AGE = """
              CROSS JOIN LATERAL (
                   SELECT CURRENT_DATE - COALESCE(aml.date_maturity, aml.date) AS days
              ) age
"""


class PrintAgeingReportMixin(models.AbstractModel):
    """An open journal item aged by days past due: its entry, dates, age bucket and open
    amount in the company currency, from :func:`ageing_columns`."""

    _name = "print.ageing.report.mixin"
    _description = "Ageing Report Columns"

    move_id = fields.Many2one("account.move", "Invoice", readonly=True)
    date = fields.Date("Invoice Date", readonly=True)
    date_maturity = fields.Date("Due Date", readonly=True)
    days_overdue = fields.Integer("Days Overdue", aggregator="max", readonly=True)
    bucket = fields.Selection(
        [
            ("0_not_due", "Not Due"),
            ("1_0_30", "0-30"),
            ("2_31_60", "31-60"),
            ("3_61_90", "61-90"),
            ("4_90", "90+"),
        ],
        "Age",
        readonly=True,
    )
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    amount_residual = fields.Monetary("Open", readonly=True)
    amount_not_due = fields.Monetary("Not Due", readonly=True)
    amount_0_30 = fields.Monetary("0-30", readonly=True)
    amount_31_60 = fields.Monetary("31-60", readonly=True)
    amount_61_90 = fields.Monetary("61-90", readonly=True)
    amount_90 = fields.Monetary("90+", readonly=True)


class PrintChannelAgeingReport(models.Model):
    """What each distributor owes, aged by days past due: one row per open receivable
    line (posted, not fully reconciled) of a partner in the channel, in the company
    currency, against today's date."""

    _name = "print.channel.ageing.report"
    _inherit = ["print.channel.report.mixin", "print.ageing.report.mixin"]
    _description = "Distributor Receivables Ageing"
    _auto = False
    _order = "date_maturity, id"
    _rec_name = "move_id"

    @property
    def _table_query(self):
        return f"""
            SELECT aml.id, aml.move_id, {CHANNEL_COLUMNS}, aml.company_id,
                   c.currency_id, aml.date,
                   COALESCE(aml.date_maturity, aml.date) AS date_maturity,
                   {ageing_columns("aml.amount_residual")}
              FROM account_move_line aml
              JOIN account_account acc ON acc.id = aml.account_id
                   AND acc.account_type = 'asset_receivable'
              JOIN res_partner p ON p.id = aml.partner_id
              JOIN res_partner d ON d.id = p.commercial_partner_id
                   AND d.print_channel_role IS NOT NULL
              JOIN res_company c ON c.id = aml.company_id
              {AGEING_AGE}
             WHERE aml.parent_state = 'posted' AND NOT aml.reconciled
               AND aml.amount_residual != 0
        """


class PrintChannelCollectionReport(models.Model):
    """Money collected from the channel: one row per posted customer payment of a
    distributor or agent, by its level, its parent distributor and the channel (top
    distributor) it belongs to, in the company currency."""

    _name = "print.channel.collection.report"
    _inherit = ["print.channel.report.mixin"]
    _description = "Distributor Collections"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "payment_id"

    payment_id = fields.Many2one("account.payment", "Payment", readonly=True)
    journal_id = fields.Many2one("account.journal", readonly=True)
    date = fields.Date(readonly=True)
    amount = fields.Monetary("Collected", readonly=True)

    @property
    def _table_query(self):
        return f"""
            SELECT pay.id, pay.id AS payment_id, {CHANNEL_COLUMNS}, pay.company_id,
                   c.currency_id, pay.journal_id, pay.date,
                   pay.amount_company_currency_signed AS amount
              FROM account_payment pay
              JOIN res_partner p ON p.id = pay.partner_id
              JOIN res_partner d ON d.id = p.commercial_partner_id
                   AND d.print_channel_role IS NOT NULL
              JOIN res_company c ON c.id = pay.company_id
             WHERE pay.partner_type = 'customer'
               AND pay.state IN ('in_process', 'paid')
        """
