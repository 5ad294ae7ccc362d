# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from .print_channel_ageing_report import AGEING_AGE, ageing_columns


class PrintPayableAgeing(models.Model):
    """What we owe our suppliers, aged by days past due: one row per open payable line
    (posted, not fully reconciled), in the company currency, against today's date. What we
    owe counts positive; a supplier's open credit note or an unmatched payment to it counts
    negative."""

    _name = "print.payable.ageing"
    _inherit = ["print.ageing.report.mixin"]
    _description = "Payables Ageing"
    _auto = False
    _order = "date_maturity, id"
    _rec_name = "move_id"

    move_id = fields.Many2one("account.move", "Bill", readonly=True)
    date = fields.Date("Bill Date", readonly=True)
    partner_id = fields.Many2one("res.partner", "Supplier", readonly=True)

    @property
    def _table_query(self):
        return f"""
            SELECT aml.id, aml.move_id, p.commercial_partner_id AS partner_id,
                   aml.company_id, c.currency_id, aml.date,
                   COALESCE(aml.date_maturity, aml.date) AS date_maturity,
                   {ageing_columns("-aml.amount_residual")}
              FROM account_move_line aml
              JOIN account_account acc ON acc.id = aml.account_id
                   AND acc.account_type = 'liability_payable'
              LEFT JOIN res_partner p ON p.id = aml.partner_id
              JOIN res_company c ON c.id = aml.company_id
              {AGEING_AGE}
             WHERE aml.parent_state = 'posted' AND NOT aml.reconciled
               AND aml.amount_residual != 0
        """
