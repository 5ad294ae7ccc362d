"""Recomputing customer value and payment records for 100,000 customers.

`bench customer.value_recompute_100k <s> s` (target at most 60 s): 100,000 customers with
about 350,000 confirmed orders (half of them with a print line and its estimated margin)
over three years and 100,000 posted invoices, 80 % of them paid (early, on time or late),
all generated in SQL inside the benchmark's transaction, which is rolled back.
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import odoo_env, report  # noqa: E402

CUSTOMERS = 100_000

GENERATE = """
CREATE TEMP TABLE bench_partner ON COMMIT DROP AS
WITH created AS (
    INSERT INTO res_partner (name, complete_name, is_company, active, type, autopost_bills,
                             user_id, create_date, write_date)
    SELECT 'Bench Customer ' || g, 'Bench Customer ' || g, TRUE, TRUE, 'contact', 'ask',
           %(uid)s, NOW(), NOW()
      FROM generate_series(1, %(customers)s) g
    RETURNING id
)
SELECT id FROM created;

UPDATE res_partner SET commercial_partner_id = id WHERE id IN (SELECT id FROM bench_partner);

CREATE TEMP TABLE bench_order ON COMMIT DROP AS
WITH created AS (
    INSERT INTO sale_order (name, company_id, partner_id, partner_invoice_id,
                            partner_shipping_id, date_order, state, amount_untaxed,
                            amount_total, currency_rate, currency_id, user_id,
                            create_date, write_date)
    SELECT 'BENCH/' || p.id || '/' || k, %(company)s, p.id, p.id, p.id,
           NOW() - mod(p.id * 37 + k * 101, 1095) * INTERVAL '1 day',
           'sale', 100 + mod(p.id * k, 900), 100 + mod(p.id * k, 900), 1, %(currency)s,
           %(uid)s, NOW(), NOW()
      FROM bench_partner p, generate_series(1, mod(p.id, 7) + 1) k
    RETURNING id, amount_untaxed
)
SELECT id, amount_untaxed FROM created;

INSERT INTO sale_order_line (order_id, name, product_uom_qty, price_unit, customer_lead,
                             price_subtotal, is_print_line, print_cost, print_margin,
                             company_id, currency_id)
SELECT o.id, 'Bench print job', 1, o.amount_untaxed, 0, o.amount_untaxed, TRUE,
       o.amount_untaxed * 0.7, o.amount_untaxed * 0.3, %(company)s, %(currency)s
  FROM bench_order o
 WHERE mod(o.id, 2) = 0;

CREATE TEMP TABLE bench_move ON COMMIT DROP AS
WITH created AS (
    INSERT INTO account_move (name, journal_id, currency_id, company_id, state, move_type,
                              auto_post, date, invoice_date, invoice_date_due, partner_id,
                              commercial_partner_id, amount_untaxed_signed,
                              amount_residual_signed, create_date, write_date)
    SELECT 'BINV/' || p.id, %(journal)s, %(currency)s, %(company)s, 'posted', 'out_invoice',
           'no', d.day, d.day, d.day + 30, p.id, p.id, 500 + mod(p.id, 5000),
           CASE WHEN mod(p.id, 5) = 0 THEN 500 + mod(p.id, 5000) ELSE 0 END, NOW(), NOW()
      FROM bench_partner p,
           LATERAL (SELECT (NOW() - mod(p.id, 330) * INTERVAL '1 day')::date AS day) d
    RETURNING id, date, amount_residual_signed
)
SELECT id, date, amount_residual_signed FROM created;

CREATE TEMP TABLE bench_line ON COMMIT DROP AS
WITH created AS (
    INSERT INTO account_move_line (move_id, currency_id, display_type, company_id, date,
                                   journal_id, account_id)
    SELECT m.id, %(currency)s, kind.display_type, %(company)s, m.date, %(journal)s,
           %(receivable)s
      FROM bench_move m,
           (VALUES ('payment_term'), ('product')) kind(display_type)
     WHERE m.amount_residual_signed = 0
    RETURNING id, move_id, display_type
)
SELECT id, move_id, display_type FROM created;

INSERT INTO account_partial_reconcile (debit_move_id, credit_move_id, max_date, company_id,
                                       create_date, write_date)
SELECT debit.id, credit.id, m.date + 30 + mod(m.id, 21) - 5, %(company)s, NOW(), NOW()
  FROM bench_move m
  JOIN bench_line debit ON debit.move_id = m.id AND debit.display_type = 'payment_term'
  JOIN bench_line credit ON credit.move_id = m.id AND credit.display_type = 'product';

ANALYZE res_partner;
ANALYZE sale_order;
ANALYZE sale_order_line;
ANALYZE account_move;
ANALYZE account_move_line;
ANALYZE account_partial_reconcile;
"""


def main():
    from odoo.tools import SQL

    with odoo_env() as env:
        company = env.company
        journal = env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1
        )
        params = {
            "customers": CUSTOMERS,
            "company": company.id,
            "currency": company.currency_id.id,
            "journal": journal.id,
            "receivable": env["account.account"]
            .search([("account_type", "=", "asset_receivable")], limit=1)
            .id,
            "uid": env.uid,
        }
        start = time.perf_counter()
        env.cr.execute(SQL(GENERATE, **params))
        generated = time.perf_counter() - start
        env.cr.execute("SELECT COUNT(*) FROM bench_order")
        orders = env.cr.fetchone()[0]
        Value = env["print.customer.value"]
        start = time.perf_counter()
        Value._recompute(company)
        elapsed = time.perf_counter() - start
        rows = Value.search_count([("company_id", "=", company.id)])
        segments = dict(
            Value._read_group([("company_id", "=", company.id)], ["segment"], ["__count"])
        )
        report("customer.value_recompute_100k", elapsed, "s")
        report("customer.value_recompute_100k_orders", orders, "orders")
        report("customer.value_recompute_100k_rows", rows, "rows")
        report("customer.value_recompute_100k_generate", generated, "s")
        at_risk = segments.get("at_risk", 0)
        report("customer.value_recompute_100k_at_risk", at_risk, "customers")


if __name__ == "__main__":
    main()
