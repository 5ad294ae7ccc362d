# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..models.print_channel_plan import PERIODS


class PrintChannelPlanReport(models.Model):
    """Attainment of the sales plans, one row per plan, for the pivot and the graph by
    distributor, level, parent distributor and period. Figures as on the plan: untaxed,
    company currency; ordered by order date, invoiced (less credit notes) by invoice date."""

    _name = "print.channel.plan.report"
    _description = "Sales Plan Attainment"
    _auto = False
    _order = "date_from desc, partner_id"
    _rec_name = "plan_id"

    plan_id = fields.Many2one("print.channel.plan", "Plan", readonly=True)
    partner_id = fields.Many2one("res.partner", "Distributor", readonly=True)
    print_channel_level_id = fields.Many2one("print.channel.level", "Channel Level", readonly=True)
    print_channel_parent_id = fields.Many2one("res.partner", "Parent Distributor", readonly=True)
    channel_manager_id = fields.Many2one("res.users", "Channel Manager", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    period = fields.Selection(PERIODS, readonly=True)
    date_from = fields.Date("From", readonly=True)
    date_to = fields.Date("To", readonly=True)
    state = fields.Selection([("draft", "Draft"), ("approved", "Approved")], readonly=True)
    amount_target = fields.Monetary("Target", readonly=True)
    amount_ordered = fields.Monetary("Ordered", readonly=True)
    amount_invoiced = fields.Monetary("Invoiced", readonly=True)
    amount_gap = fields.Monetary(
        "Left to Invoice", readonly=True, help="Target less invoiced, 0 once reached."
    )
    attainment_invoiced = fields.Float("Attainment (%)", aggregator="avg", readonly=True)
    attainment_ordered = fields.Float("Ordered Attainment (%)", aggregator="avg", readonly=True)

    @property
    def _table_query(self):
        return """
            WITH ordered AS (
                SELECT p.id AS plan_id,
                       SUM(so.amount_untaxed / COALESCE(NULLIF(so.currency_rate, 0), 1))
                           AS amount
                  FROM print_channel_plan p
                  JOIN res_partner rp ON rp.commercial_partner_id = p.partner_id
                  JOIN sale_order so ON so.partner_id = rp.id
                       AND so.company_id = p.company_id AND so.state = 'sale'
                       AND so.date_order::date BETWEEN p.date_from AND p.date_to
                 GROUP BY p.id
            ), invoiced AS (
                SELECT p.id AS plan_id, SUM(am.amount_untaxed_signed) AS amount
                  FROM print_channel_plan p
                  JOIN account_move am ON am.commercial_partner_id = p.partner_id
                       AND am.company_id = p.company_id AND am.state = 'posted'
                       AND am.move_type IN ('out_invoice', 'out_refund')
                       AND am.invoice_date BETWEEN p.date_from AND p.date_to
                 GROUP BY p.id
            )
            SELECT p.id, p.id AS plan_id, p.partner_id, p.print_channel_level_id,
                   p.print_channel_parent_id, p.channel_manager_id, p.company_id,
                   c.currency_id, p.period, p.date_from, p.date_to, p.state,
                   p.amount_target,
                   COALESCE(o.amount, 0) AS amount_ordered,
                   COALESCE(i.amount, 0) AS amount_invoiced,
                   GREATEST(COALESCE(p.amount_target, 0) - COALESCE(i.amount, 0), 0)
                       AS amount_gap,
                   CASE WHEN p.amount_target > 0
                        THEN 100.0 * COALESCE(i.amount, 0) / p.amount_target ELSE 0 END
                       AS attainment_invoiced,
                   CASE WHEN p.amount_target > 0
                        THEN 100.0 * COALESCE(o.amount, 0) / p.amount_target ELSE 0 END
                       AS attainment_ordered
              FROM print_channel_plan p
              JOIN res_company c ON c.id = p.company_id
              LEFT JOIN ordered o ON o.plan_id = p.id
              LEFT JOIN invoiced i ON i.plan_id = p.id
        """
