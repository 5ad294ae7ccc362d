# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import logging

import xlsxwriter

from odoo import api, fields, models
from odoo.tools import SQL, format_datetime

from .print_access import ESTIMATE_MANAGER, ESTIMATE_USER, require_group

_logger = logging.getLogger(__name__)

SEGMENTS = [
    ("new", "New"),
    ("champion", "Champion"),
    ("loyal", "Loyal"),
    ("promising", "Promising"),
    ("need_attention", "Needs Attention"),
    ("at_risk", "At Risk"),
    ("lost", "Lost Customer"),
    ("prospect", "Prospect"),
]
PAYMENT_RECORDS = [("good", "Good"), ("poor", "Poor"), ("none", "No Record Yet")]
SIZES = [("large", "Large"), ("small", "Small")]
POLICY_CELLS = [
    ("large_good", "Large, Good Payer"),
    ("large_poor", "Large, Poor Payer"),
    ("small_good", "Small, Good Payer"),
    ("small_poor", "Small, Poor Payer"),
    ("new", "No Payment Record"),
]
# Days a customer counts as new after its first order.
NEW_CUSTOMER_DAYS = 90
# RFM scores. Recency and frequency are scored on fixed bands, the same for every shop and
# every customer count: score 5 for a last order at most 30 days ago, 4 within 90 days...;
# 5 for 12 orders or more in 12 months (monthly), 4 for 6 or more... Revenue scales differ
# from shop to shop, so monetary is scored in quintiles of the shop's own customers.
RECENCY_DAYS = {5: 30, 4: 90, 3: 180, 2: 365}
FREQUENCY_ORDERS = {5: 12, 4: 6, 3: 3, 2: 2}


class PrintCustomerValue(models.Model):
    """What a customer is worth and how it pays, per company; recomputed in bulk.

    One row per commercial partner that has ordered or been invoiced in the company. The
    figures come from confirmed sale orders (revenue, margin of print lines, orders) and
    posted customer invoices with their payments (payment record), over the last 12 months
    unless said otherwise.
    """

    _name = "print.customer.value"
    _description = "Customer Value and Payment Record"
    _order = "revenue desc, id"
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner", "Customer", required=True, readonly=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users", "Sales Rep", related="partner_id.user_id", store=True, index=True
    )
    customer_kind = fields.Selection(related="partner_id.print_customer_kind", store=True)
    # -- value (confirmed sale orders)
    revenue = fields.Monetary(readonly=True, help="Untaxed total of orders, last 12 months.")
    gross_margin = fields.Monetary(
        readonly=True,
        help="Price minus the estimated production cost of print lines, last 12 months.",
    )
    margin_pct = fields.Float("Margin (%)", readonly=True, aggregator="avg")
    order_count = fields.Integer("Orders", readonly=True, help="Orders of the last 12 months.")
    average_order = fields.Monetary(readonly=True, aggregator="avg")
    first_order_date = fields.Date(readonly=True)
    last_order_date = fields.Date(readonly=True)
    recency_days = fields.Integer(
        "Days Since Last Order", readonly=True, aggregator="avg", help="Empty: never ordered."
    )
    r_score = fields.Integer("Recency Score", readonly=True, aggregator="avg")
    f_score = fields.Integer("Frequency Score", readonly=True, aggregator="avg")
    m_score = fields.Integer("Monetary Score", readonly=True, aggregator="avg")
    segment = fields.Selection(SEGMENTS, readonly=True, index=True)
    drift_score = fields.Float(
        readonly=True,
        aggregator="avg",
        help="How much the ordering frequency fell: 1 - (orders per day in the last 6"
        " months) / (orders per day in the 18 months before). 0 means steady or rising.",
    )
    drift_risk = fields.Boolean(
        readonly=True, help="The customer orders markedly less often than it used to."
    )
    # -- payment record (posted customer invoices and their payments)
    invoiced = fields.Monetary(readonly=True, help="Untaxed invoiced, net of credit notes.")
    due_invoice_count = fields.Integer(
        "Invoices Due", readonly=True, help="Invoices of the last 12 months already due or paid."
    )
    on_time_pct = fields.Float("Paid on Time (%)", readonly=True, aggregator="avg")
    avg_days_late = fields.Float("Average Days Late", readonly=True, aggregator="avg")
    size = fields.Selection(SIZES, readonly=True)
    payment_record = fields.Selection(PAYMENT_RECORDS, readonly=True)
    policy_cell = fields.Selection(POLICY_CELLS, "Policy Cell", readonly=True)
    price_policy_id = fields.Many2one(
        "print.price.policy",
        readonly=True,
        help="The price policy the payment record gives (Printing ▸ Configuration ▸ Settings).",
    )
    computed_at = fields.Datetime("Computed", readonly=True)

    _sql_constraints = [
        (
            "partner_company_uniq",
            "unique(partner_id, company_id)",
            "A customer has one value record per company.",
        ),
    ]

    # ------------------------------------------------------------------ actions

    @api.model
    def action_recompute(self):
        """Recompute every customer of the companies the user works in (on demand)."""
        require_group(self.env, self.env._("Recompute"), ESTIMATE_MANAGER)
        return self._recompute_and_confirm(self.env.companies)

    @api.model
    def _recompute_and_confirm(self, companies):
        """Recompute ``companies`` (the caller has checked the manager group) and tell the
        user how many customers were valued, and as of when; then reload the view."""
        # sudo() after the caller's manager check: the recompute writes every customer's row.
        values = self.sudo()
        values._recompute(companies)
        count = values.search_count([("company_id", "in", companies.ids)])
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": self.env._(
                    "Customer value recomputed: %(count)s customers, as of %(date)s.",
                    count=count,
                    date=format_datetime(self.env, fields.Datetime.now()),
                ),
                "type": "success",
                "sticky": False,
                "next": {"type": "ir.actions.client", "tag": "reload"},
            },
        }

    def action_export_xlsx(self):
        require_group(self.env, self.env._("Export"), ESTIMATE_USER)
        ids = ",".join(str(i) for i in self.ids)
        return {
            "type": "ir.actions.act_url",
            "url": f"/print_crm/customer_value/xlsx?ids={ids}",
            "target": "download",
        }

    def action_open_partner(self):
        require_group(self.env, self.env._("Open Customer"), ESTIMATE_USER)
        self.ensure_one()
        return self.partner_id.get_formview_action()

    @api.model
    def _cron_recompute(self):
        self._recompute(self.env["res.company"].search([]))

    # ------------------------------------------------------------------ computation

    @api.model
    def _recompute(self, companies, today=None):
        """Recompute the rows of ``companies`` from their orders and invoices, in SQL.

        Then a customer that has just turned at risk gets an activity for its sales rep.
        """
        today = today or fields.Date.context_today(self)
        for company in companies:
            at_risk_before = set(
                self.sudo()
                .search([("company_id", "=", company.id), ("segment", "=", "at_risk")])
                .partner_id.ids
            )
            self.env.flush_all()
            self.env.cr.execute(self._recompute_query(company, today))
            self.env.invalidate_all()
            turned = self.sudo().search(
                [
                    ("company_id", "=", company.id),
                    ("segment", "=", "at_risk"),
                    ("partner_id", "not in", list(at_risk_before)),
                ]
            )
            turned._notify_at_risk()
            _logger.info(
                "customer value of %s recomputed; %s customers turned at risk",
                company.name,
                len(turned),
            )

    def _notify_at_risk(self):
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        for value in self:
            partner = value.partner_id
            user = partner.user_id or partner.team_id.user_id
            if not user:
                continue
            partner.activity_schedule(
                activity_type_id=activity_type.id,
                summary=self.env._("Customer at risk: get in touch"),
                note=self.env._(
                    "%(customer)s used to order regularly but has not ordered for %(days)s"
                    " days.",
                    customer=partner.display_name,
                    days=value.recency_days,
                ),
                user_id=user.id,
            )

    @api.model
    def _recompute_query(self, company, today):
        """One statement: aggregate orders and invoices, score, classify and upsert."""
        policy = company._print_policy_matrix()
        return SQL(
            """
WITH
line_margins AS (
    SELECT line.order_id, SUM(line.print_margin) AS print_margin
      FROM sale_order_line line
      JOIN sale_order so ON so.id = line.order_id
     WHERE so.company_id = %(company)s AND so.state = 'sale' AND line.is_print_line
     GROUP BY line.order_id
),
orders AS (
    SELECT partner.commercial_partner_id AS partner_id,
           so.date_order::date AS day,
           so.amount_untaxed / COALESCE(NULLIF(so.currency_rate, 0), 1) AS amount,
           COALESCE(lm.print_margin, 0) / COALESCE(NULLIF(so.currency_rate, 0), 1)
               AS print_margin
      FROM sale_order so
      JOIN res_partner partner ON partner.id = so.partner_id
      LEFT JOIN line_margins lm ON lm.order_id = so.id
     WHERE so.company_id = %(company)s AND so.state = 'sale'
),
order_stats AS (
    SELECT partner_id,
           MIN(day) AS first_day,
           MAX(day) AS last_day,
           COUNT(*) FILTER (WHERE day > %(year_ago)s) AS orders_12m,
           COALESCE(SUM(amount) FILTER (WHERE day > %(year_ago)s), 0) AS revenue,
           COALESCE(SUM(print_margin) FILTER (WHERE day > %(year_ago)s), 0) AS margin,
           COUNT(*) FILTER (WHERE day > %(half_year_ago)s) AS orders_recent,
           COUNT(*) FILTER (WHERE day > %(two_years_ago)s AND day <= %(half_year_ago)s)
               AS orders_before
      FROM orders
     GROUP BY partner_id
),
moves AS (
    SELECT move.id,
           move.commercial_partner_id AS partner_id,
           move.move_type,
           move.amount_untaxed_signed AS amount,
           move.invoice_date_due AS due,
           move.amount_residual_signed AS residual
      FROM account_move move
     WHERE move.company_id = %(company)s
       AND move.state = 'posted'
       AND move.move_type IN ('out_invoice', 'out_refund')
       AND move.invoice_date > %(year_ago)s
),
paid AS (
    SELECT line.move_id, MAX(partial.max_date) AS paid_on
      FROM moves
      JOIN account_move_line line
        ON line.move_id = moves.id AND line.display_type = 'payment_term'
      JOIN account_partial_reconcile partial ON partial.debit_move_id = line.id
     WHERE moves.move_type = 'out_invoice'
     GROUP BY line.move_id
),
lateness AS (
    SELECT moves.partner_id,
           CASE WHEN moves.residual = 0 THEN GREATEST(COALESCE(paid.paid_on, moves.due)
                                                       - moves.due, 0)
                ELSE GREATEST(%(today)s::date - moves.due, 0) END AS days_late
      FROM moves
      LEFT JOIN paid ON paid.move_id = moves.id
     WHERE moves.move_type = 'out_invoice' AND (moves.residual = 0 OR moves.due <= %(today)s)
),
lateness_stats AS (
    SELECT partner_id,
           COUNT(*) AS due_count,
           COUNT(*) FILTER (WHERE days_late = 0) AS on_time_count,
           AVG(days_late) AS avg_days_late
      FROM lateness
     GROUP BY partner_id
),
invoice_stats AS (
    SELECT partner_id, SUM(amount) AS invoiced FROM moves GROUP BY partner_id
),
customers AS (
    SELECT COALESCE(o.partner_id, i.partner_id) AS partner_id,
           o.first_day, o.last_day,
           COALESCE(o.orders_12m, 0) AS orders_12m,
           COALESCE(o.revenue, 0) AS revenue,
           COALESCE(o.margin, 0) AS margin,
           COALESCE(o.orders_recent, 0) AS orders_recent,
           COALESCE(o.orders_before, 0) AS orders_before,
           COALESCE(i.invoiced, 0) AS invoiced,
           COALESCE(l.due_count, 0) AS due_count,
           COALESCE(l.on_time_count, 0) AS on_time_count,
           COALESCE(l.avg_days_late, 0) AS avg_days_late
      FROM order_stats o
      FULL OUTER JOIN invoice_stats i ON i.partner_id = o.partner_id
      LEFT JOIN lateness_stats l ON l.partner_id = COALESCE(o.partner_id, i.partner_id)
),
scored AS (
    SELECT c.*,
           %(today)s::date - c.last_day AS recency,
           CASE WHEN c.last_day IS NULL THEN NULL
                WHEN %(today)s::date - c.last_day <= %(r5)s THEN 5
                WHEN %(today)s::date - c.last_day <= %(r4)s THEN 4
                WHEN %(today)s::date - c.last_day <= %(r3)s THEN 3
                WHEN %(today)s::date - c.last_day <= %(r2)s THEN 2
                ELSE 1 END AS r_score,
           CASE WHEN c.last_day IS NULL THEN NULL
                WHEN c.orders_12m >= %(f5)s THEN 5
                WHEN c.orders_12m >= %(f4)s THEN 4
                WHEN c.orders_12m >= %(f3)s THEN 3
                WHEN c.orders_12m >= %(f2)s THEN 2
                ELSE 1 END AS f_score,
           CASE WHEN c.last_day IS NULL THEN NULL
                ELSE NTILE(5) OVER (PARTITION BY c.last_day IS NULL ORDER BY c.revenue) END
               AS m_score,
           CASE WHEN c.orders_before >= 3 THEN
                GREATEST(1 - (c.orders_recent / 182.0) / (c.orders_before / 548.0), 0)
                ELSE 0 END AS drift
      FROM customers c
),
classified AS (
    SELECT s.*,
           CASE WHEN s.last_day IS NULL THEN 'prospect'
                WHEN s.first_day > %(new_since)s THEN 'new'
                WHEN s.r_score >= 4 AND s.f_score >= 4 AND s.m_score >= 4 THEN 'champion'
                WHEN s.r_score <= 2 AND s.f_score >= 3 THEN 'at_risk'
                WHEN s.r_score = 1 THEN 'lost'
                WHEN s.f_score >= 4 AND s.r_score >= 3 THEN 'loyal'
                WHEN s.r_score >= 4 THEN 'promising'
                ELSE 'need_attention' END AS segment,
           CASE WHEN GREATEST(s.invoiced, s.revenue) >= %(large)s THEN 'large'
                ELSE 'small' END AS size,
           CASE WHEN s.due_count = 0 THEN 'none'
                WHEN 100.0 * s.on_time_count / s.due_count >= %(good_pct)s
                     AND s.avg_days_late <= %(good_days)s THEN 'good'
                ELSE 'poor' END AS payment_record
      FROM scored s
),
celled AS (
    SELECT c.*,
           CASE WHEN c.payment_record = 'none' THEN 'new'
                ELSE c.size || '_' || c.payment_record END AS cell
      FROM classified c
),
upsert AS (
    INSERT INTO print_customer_value AS v (
        partner_id, company_id, user_id, customer_kind,
        revenue, gross_margin, margin_pct, order_count, average_order,
        first_order_date, last_order_date, recency_days, r_score, f_score, m_score,
        segment, drift_score, drift_risk,
        invoiced, due_invoice_count, on_time_pct, avg_days_late,
        size, payment_record, policy_cell, price_policy_id, computed_at,
        create_uid, create_date, write_uid, write_date)
    SELECT c.partner_id, %(company)s, partner.user_id, partner.print_customer_kind,
           ROUND(c.revenue, 2), ROUND(c.margin, 2),
           CASE WHEN c.revenue > 0 THEN ROUND(100.0 * c.margin / c.revenue, 2) ELSE 0 END,
           c.orders_12m,
           CASE WHEN c.orders_12m > 0 THEN ROUND(c.revenue / c.orders_12m, 2) ELSE 0 END,
           c.first_day, c.last_day, c.recency, c.r_score, c.f_score, c.m_score,
           c.segment, ROUND(c.drift::numeric, 3), c.drift >= %(drift)s,
           ROUND(c.invoiced, 2), c.due_count,
           CASE WHEN c.due_count > 0 THEN ROUND(100.0 * c.on_time_count / c.due_count, 1)
                ELSE 0 END,
           ROUND(c.avg_days_late, 1),
           c.size, c.payment_record, c.cell,
           CASE c.cell WHEN 'large_good' THEN %(p_large_good)s::integer
                       WHEN 'large_poor' THEN %(p_large_poor)s::integer
                       WHEN 'small_good' THEN %(p_small_good)s::integer
                       WHEN 'small_poor' THEN %(p_small_poor)s::integer
                       ELSE NULL::integer END,
           NOW() AT TIME ZONE 'UTC', %(uid)s, NOW() AT TIME ZONE 'UTC',
           %(uid)s, NOW() AT TIME ZONE 'UTC'
      FROM celled c
      JOIN res_partner partner ON partner.id = c.partner_id
    ON CONFLICT (partner_id, company_id) DO UPDATE SET
        user_id = EXCLUDED.user_id, customer_kind = EXCLUDED.customer_kind,
        revenue = EXCLUDED.revenue, gross_margin = EXCLUDED.gross_margin,
        margin_pct = EXCLUDED.margin_pct, order_count = EXCLUDED.order_count,
        average_order = EXCLUDED.average_order, first_order_date = EXCLUDED.first_order_date,
        last_order_date = EXCLUDED.last_order_date, recency_days = EXCLUDED.recency_days,
        r_score = EXCLUDED.r_score, f_score = EXCLUDED.f_score, m_score = EXCLUDED.m_score,
        segment = EXCLUDED.segment, drift_score = EXCLUDED.drift_score,
        drift_risk = EXCLUDED.drift_risk, invoiced = EXCLUDED.invoiced,
        due_invoice_count = EXCLUDED.due_invoice_count, on_time_pct = EXCLUDED.on_time_pct,
        avg_days_late = EXCLUDED.avg_days_late, size = EXCLUDED.size,
        payment_record = EXCLUDED.payment_record, policy_cell = EXCLUDED.policy_cell,
        price_policy_id = EXCLUDED.price_policy_id, computed_at = EXCLUDED.computed_at,
        write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date
    RETURNING v.partner_id
)
DELETE FROM print_customer_value stale
 WHERE stale.company_id = %(company)s
   AND NOT EXISTS (SELECT 1 FROM upsert WHERE upsert.partner_id = stale.partner_id)
""",
            company=company.id,
            today=today,
            year_ago=fields.Date.subtract(today, years=1),
            half_year_ago=fields.Date.subtract(today, days=182),
            two_years_ago=fields.Date.subtract(today, days=730),
            new_since=fields.Date.subtract(today, days=NEW_CUSTOMER_DAYS),
            large=company.print_large_customer_revenue,
            good_pct=company.print_good_payer_on_time_pct,
            good_days=company.print_good_payer_max_days_late,
            drift=company.print_drift_threshold,
            uid=self.env.uid,
            **{f"p_{cell}": policy.get(cell) for cell in POLICY_CELLS_KEYS},
            **{f"r{score}": days for score, days in RECENCY_DAYS.items()},
            **{f"f{score}": orders for score, orders in FREQUENCY_ORDERS.items()},
        )


POLICY_CELLS_KEYS = [key for key, _label in POLICY_CELLS if key != "new"]


class PrintCustomerValueXlsx(models.Model):
    _inherit = "print.customer.value"

    def _export_xlsx(self):
        """These rows as an XLSX workbook, one row per customer, one column per figure."""
        buffer = io.BytesIO()
        # User text (titles, names) stays text: "=..." would be a live formula.
        book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
        bold = book.add_format({"bold": True})
        money = book.add_format({"num_format": "#,##0.00"})
        date = book.add_format({"num_format": "yyyy-mm-dd"})
        sheet = book.add_worksheet(self.env._("Customer Value"))
        columns = [
            ("partner_id", None),
            ("user_id", None),
            ("customer_kind", None),
            ("segment", None),
            ("revenue", money),
            ("gross_margin", money),
            ("margin_pct", None),
            ("order_count", None),
            ("average_order", money),
            ("first_order_date", date),
            ("last_order_date", date),
            ("recency_days", None),
            ("r_score", None),
            ("f_score", None),
            ("m_score", None),
            ("drift_score", None),
            ("drift_risk", None),
            ("invoiced", money),
            ("due_invoice_count", None),
            ("on_time_pct", None),
            ("avg_days_late", None),
            ("size", None),
            ("payment_record", None),
            ("price_policy_id", None),
            ("company_id", None),
        ]
        for col, (name, _fmt) in enumerate(columns):
            sheet.write(0, col, self._fields[name]._description_string(self.env), bold)
        sheet.freeze_panes(1, 1)
        sheet.set_column(0, 0, 32)
        sheet.set_column(1, len(columns), 14)
        selections = {
            name: dict(self._fields[name]._description_selection(self.env))
            for name, _fmt in columns
            if self._fields[name].type == "selection"
        }
        for row, value in enumerate(self, start=1):
            for col, (name, fmt) in enumerate(columns):
                field = self._fields[name]
                raw = value[name]
                if field.type == "many2one":
                    sheet.write(row, col, raw.display_name or "")
                elif field.type == "selection":
                    sheet.write(row, col, selections[name].get(raw, "") if raw else "")
                elif field.type == "boolean":
                    sheet.write_boolean(row, col, bool(raw))
                elif field.type == "date":
                    if raw:
                        sheet.write_datetime(row, col, raw, fmt)
                elif raw is None or raw is False:
                    sheet.write(row, col, "")
                elif fmt:
                    sheet.write_number(row, col, raw, fmt)
                else:
                    sheet.write_number(row, col, raw)
        book.close()
        return buffer.getvalue()
