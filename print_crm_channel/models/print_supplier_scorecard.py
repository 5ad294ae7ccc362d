# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Supplier evaluation: how suppliers deliver, price and get paid, per period.

Two read-only SQL views, like Odoo's ``purchase.report``:

- ``print.supplier.scorecard``: one row per line of a confirmed purchase order. Delivery is
  measured in days (the UTC day of the timestamps): a line is on time when it was fully
  received (``print_date_received``) on or before the day it was planned for; a line not
  received is late once its planned day is over, and not judged before.
- ``print.supplier.payment.score``: one row per posted vendor bill, with the day it was
  paid (the latest entry reconciled with its payable lines) against its due date.

Rates and days use the ``avg`` aggregator, so the pivot, the graph and the partner's
scorecard (``res.partner``) read the same figures with one grouped query.
"""

from odoo import fields, models
from odoo.tools import SQL

KINDS = [
    ("outsourced", "Outsourced Work"),
    ("paper", "Paper"),
    ("material", "Material"),
    ("other", "Other"),
]


class PrintSupplierScorecard(models.Model):
    """One line of a confirmed purchase order, judged: on time, lead time, price."""

    _name = "print.supplier.scorecard"
    _description = "Supplier Scorecard"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "order_id"
    # What the view reads: pending writes of these are flushed before it is queried.
    _depends = {
        "purchase.order": ["partner_id", "company_id", "state", "date_approve", "currency_rate"],
        "purchase.order.line": [
            "order_id",
            "product_id",
            "display_type",
            "date_planned",
            "price_subtotal",
            "print_estimated_cost",
            "print_date_received",
        ],
        "print.purchase.demand": ["purchase_line_id", "kind", "cancelled"],
        "res.partner": ["commercial_partner_id"],
        "res.company": ["currency_id"],
    }

    supplier_id = fields.Many2one("res.partner", "Supplier", readonly=True)
    company_id = fields.Many2one("res.company", "Company", readonly=True)
    currency_id = fields.Many2one("res.currency", "Currency", readonly=True)
    order_id = fields.Many2one("purchase.order", "Purchase Order", readonly=True)
    order_line_id = fields.Many2one("purchase.order.line", "Order Line", readonly=True)
    product_id = fields.Many2one("product.product", "Product", readonly=True)
    kind = fields.Selection(KINDS, readonly=True)
    date = fields.Date(
        "Approved On", readonly=True, help="The day the purchase order was confirmed."
    )
    date_planned = fields.Date("Expected On", readonly=True)
    date_received = fields.Date("Fully Received On", readonly=True)
    on_time = fields.Float(
        "On Time (%)",
        digits=(16, 1),
        readonly=True,
        aggregator="avg",
        help="100 for a line fully received on or before its expected day, 0 for one received"
        " later or not received once that day is over; lines not yet due are not counted.",
    )
    lead_days = fields.Float(
        "Lead Time (Days)",
        digits=(16, 1),
        readonly=True,
        aggregator="avg",
        help="Days from the order's confirmation to the line's full receipt.",
    )
    promised_days = fields.Float(
        "Promised Lead Time (Days)",
        digits=(16, 1),
        readonly=True,
        aggregator="avg",
        help="Days from the order's confirmation to the line's expected arrival; only"
        " received lines, to compare with their lead time.",
    )
    delay_days = fields.Float(
        "Delay (Days)",
        digits=(16, 1),
        readonly=True,
        aggregator="avg",
        help="Days the line was received after its expected day (negative: early); only"
        " received lines.",
    )
    price_variance_pct = fields.Float(
        "Price Variance (%)",
        digits=(16, 1),
        readonly=True,
        aggregator="avg",
        help="How much more (negative: less) the line cost than the jobs' estimates costed"
        " for it; only lines bought for jobs.",
    )
    amount = fields.Monetary(
        "Amount", readonly=True, help="Untaxed amount of the line in the company's currency."
    )
    estimated_cost = fields.Monetary(
        readonly=True, help="What the estimates of the jobs served costed for the line."
    )

    @property
    def _table_query(self):
        # The clock of the request: lines become late when their planned day is over.
        today = fields.Date.context_today(self)
        return SQL(
            """
            SELECT l.id AS id,
                   partner.commercial_partner_id AS supplier_id,
                   po.company_id AS company_id,
                   company.currency_id AS currency_id,
                   po.id AS order_id,
                   l.id AS order_line_id,
                   l.product_id AS product_id,
                   COALESCE(
                       (SELECT MIN(d.kind) FROM print_purchase_demand d
                         WHERE d.purchase_line_id = l.id AND NOT COALESCE(d.cancelled, FALSE)),
                       'other'
                   ) AS kind,
                   po.date_approve::date AS date,
                   l.date_planned::date AS date_planned,
                   l.print_date_received::date AS date_received,
                   CASE
                       WHEN l.date_planned IS NULL THEN NULL
                       WHEN l.print_date_received IS NOT NULL THEN
                           CASE WHEN l.print_date_received::date <= l.date_planned::date
                                THEN 100.0 ELSE 0.0 END
                       WHEN l.date_planned::date < %(today)s THEN 0.0
                       ELSE NULL
                   END AS on_time,
                   (l.print_date_received::date - po.date_approve::date)::float AS lead_days,
                   CASE WHEN l.print_date_received IS NOT NULL
                        THEN (l.date_planned::date - po.date_approve::date)::float
                   END AS promised_days,
                   (l.print_date_received::date - l.date_planned::date)::float AS delay_days,
                   CASE
                       WHEN COALESCE(l.print_estimated_cost, 0.0) = 0.0 THEN NULL
                       ELSE (l.price_subtotal / COALESCE(NULLIF(po.currency_rate, 0.0), 1.0)
                             - l.print_estimated_cost)
                            / l.print_estimated_cost * 100.0
                   END AS price_variance_pct,
                   l.price_subtotal / COALESCE(NULLIF(po.currency_rate, 0.0), 1.0) AS amount,
                   COALESCE(l.print_estimated_cost, 0.0) AS estimated_cost
              FROM purchase_order_line l
              JOIN purchase_order po ON po.id = l.order_id
              JOIN res_partner partner ON partner.id = po.partner_id
              JOIN res_company company ON company.id = po.company_id
             WHERE l.display_type IS NULL
               AND po.state IN ('purchase', 'done')
               AND po.date_approve IS NOT NULL
            """,
            today=today,
        )


class PrintSupplierPaymentScore(models.Model):
    """One posted vendor bill of a supplier, and how late we paid it (its payable lines are
    the ``payment_term`` lines; the latest entry reconciled with them is the payment)."""

    _name = "print.supplier.payment.score"
    _description = "Supplier Payment Behaviour"
    _auto = False
    _order = "date desc, id desc"
    _rec_name = "move_id"
    _depends = {
        "account.move": [
            "commercial_partner_id",
            "company_id",
            "invoice_date",
            "invoice_date_due",
            "amount_total_signed",
            "move_type",
            "state",
            "payment_state",
        ],
        "account.move.line": ["move_id", "display_type", "date"],
        "account.partial.reconcile": ["debit_move_id", "credit_move_id"],
        "res.company": ["currency_id"],
    }

    supplier_id = fields.Many2one("res.partner", "Supplier", readonly=True)
    company_id = fields.Many2one("res.company", "Company", readonly=True)
    currency_id = fields.Many2one("res.currency", "Currency", readonly=True)
    move_id = fields.Many2one("account.move", "Vendor Bill", readonly=True)
    date = fields.Date("Bill Date", readonly=True)
    date_due = fields.Date("Due Date", readonly=True)
    date_paid = fields.Date(
        "Paid On",
        readonly=True,
        help="Date of the last payment (or credit note) reconciled with the bill.",
    )
    payment_delay_days = fields.Float(
        "Payment Delay (Days)",
        digits=(16, 1),
        readonly=True,
        aggregator="avg",
        help="Days our payment came after the bill's due date (0 when paid on time or"
        " early); only paid bills.",
    )
    paid_late = fields.Float(
        "Paid Late (%)",
        digits=(16, 1),
        readonly=True,
        aggregator="avg",
        help="100 for a bill paid after its due date, 0 for one paid on time; only paid bills.",
    )
    amount = fields.Monetary("Amount", readonly=True, help="Total of the bill, company currency.")

    @property
    def _table_query(self):
        return SQL(
            """
            SELECT move.id AS id,
                   move.commercial_partner_id AS supplier_id,
                   move.company_id AS company_id,
                   company.currency_id AS currency_id,
                   move.id AS move_id,
                   move.invoice_date AS date,
                   move.invoice_date_due AS date_due,
                   paid.date_paid AS date_paid,
                   CASE WHEN paid.date_paid IS NOT NULL
                        THEN GREATEST(paid.date_paid - move.invoice_date_due, 0)::float
                   END AS payment_delay_days,
                   CASE WHEN paid.date_paid IS NULL THEN NULL
                        WHEN paid.date_paid > move.invoice_date_due THEN 100.0
                        ELSE 0.0
                   END AS paid_late,
                   ABS(move.amount_total_signed) AS amount
              FROM account_move move
              JOIN res_company company ON company.id = move.company_id
              LEFT JOIN LATERAL (
                    -- The date of what paid it (the other side of each reconciliation),
                    -- not the partial's max_date: a bill's accounting date can be later
                    -- than its payment, and max_date would take it.
                    SELECT MAX(counterpart.date) AS date_paid
                      FROM account_move_line aml
                      JOIN account_partial_reconcile apr
                        ON apr.credit_move_id = aml.id OR apr.debit_move_id = aml.id
                      JOIN account_move_line counterpart
                        ON counterpart.id = CASE WHEN apr.credit_move_id = aml.id
                                                 THEN apr.debit_move_id
                                                 ELSE apr.credit_move_id END
                     WHERE aml.move_id = move.id
                       AND aml.display_type = 'payment_term'
                   ) paid ON move.payment_state IN ('paid', 'in_payment')
             WHERE move.move_type = 'in_invoice'
               AND move.state = 'posted'
            """
        )
