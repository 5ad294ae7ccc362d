"""The credit exposure of 10,000 distributors at once.

`bench channel.exposure_10k <ms> ms` (target at most 2,000 ms): 10,000 distributors, each
with two confirmed orders of two lines not invoiced yet, a posted invoice not paid (a
fifth of them paid) and, for a third of them, a draft invoice, all generated in SQL inside
the benchmark's transaction, which is rolled back. The figure is the time of
``res.partner._print_channel_credit_exposure()`` over all of them (open orders and
invoices per distributor, what the channel's credit check and portal show), checked
against the generated totals.
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import odoo_env, report  # noqa: E402

DISTRIBUTORS = 10_000

GENERATE = """
CREATE TEMP TABLE bench_partner ON COMMIT DROP AS
WITH created AS (
    INSERT INTO res_partner (name, complete_name, is_company, active, type, autopost_bills,
                             user_id, print_channel_role, credit_limit,
                             risk_sale_order_include, risk_invoice_draft_include,
                             risk_invoice_open_include, risk_invoice_unpaid_include,
                             create_date, write_date)
    SELECT 'Bench Distributor ' || g, 'Bench Distributor ' || g, TRUE, TRUE, 'contact', 'ask',
           %(uid)s, 'distributor', jsonb_build_object(%(company)s::text, 5000 + mod(g, 7) * 1000),
           TRUE, TRUE, TRUE, TRUE, NOW(), NOW()
      FROM generate_series(1, %(distributors)s) g
    RETURNING id
)
SELECT id FROM created;

UPDATE res_partner SET commercial_partner_id = id, print_channel_path = '/' || id || '/'
 WHERE id IN (SELECT id FROM bench_partner);

CREATE TEMP TABLE bench_order ON COMMIT DROP AS
WITH created AS (
    INSERT INTO sale_order (name, company_id, partner_id, partner_invoice_id,
                            partner_shipping_id, date_order, state, amount_untaxed,
                            amount_total, currency_rate, currency_id, user_id,
                            create_date, write_date)
    SELECT 'BENCH/' || p.id || '/' || k, %(company)s, p.id, p.id, p.id, NOW(), 'sale',
           200 + mod(p.id * k, 300) * 2, 200 + mod(p.id * k, 300) * 2, 1, %(currency)s,
           %(uid)s, NOW(), NOW()
      FROM bench_partner p, generate_series(1, 2) k
    RETURNING id, partner_id, amount_total
)
SELECT id, partner_id, amount_total FROM created;

INSERT INTO sale_order_line (order_id, name, product_uom_qty, price_unit, customer_lead,
                             price_subtotal, price_total, state, risk_partner_id, risk_amount,
                             company_id, currency_id)
SELECT o.id, 'Bench print job', 1, o.amount_total / 2, 0, o.amount_total / 2,
       o.amount_total / 2, 'sale', o.partner_id, o.amount_total / 2, %(company)s, %(currency)s
  FROM bench_order o, generate_series(1, 2) k;

CREATE TEMP TABLE bench_move ON COMMIT DROP AS
WITH created AS (
    INSERT INTO account_move (name, journal_id, currency_id, company_id, state, move_type,
                              auto_post, date, invoice_date, invoice_date_due, partner_id,
                              commercial_partner_id, amount_total_signed,
                              amount_residual_signed, create_date, write_date)
    SELECT CASE WHEN k = 1 THEN 'BINV/' || p.id ELSE '/' END, %(journal)s, %(currency)s,
           %(company)s, CASE WHEN k = 1 THEN 'posted' ELSE 'draft' END, 'out_invoice', 'no',
           d.day, d.day, d.day + 30, p.id, p.id, 300 + mod(p.id, 700),
           CASE WHEN k = 1 AND mod(p.id, 5) = 0 THEN 0 ELSE 300 + mod(p.id, 700) END,
           NOW(), NOW()
      FROM bench_partner p,
           generate_series(1, CASE WHEN mod(p.id, 3) = 0 THEN 2 ELSE 1 END) k,
           LATERAL (SELECT (NOW() - mod(p.id, 90) * INTERVAL '1 day')::date AS day) d
    RETURNING id, partner_id, state, date, amount_total_signed, amount_residual_signed
)
SELECT * FROM created;

INSERT INTO account_move_line (move_id, partner_id, currency_id, display_type, company_id,
                               date, date_maturity, journal_id, account_id, parent_state,
                               balance, debit, credit, amount_currency, amount_residual,
                               amount_residual_currency, reconciled)
SELECT m.id, m.partner_id, %(currency)s, 'payment_term', %(company)s, m.date, m.date + 30,
       %(journal)s, %(receivable)s, m.state, m.amount_total_signed, m.amount_total_signed, 0,
       m.amount_total_signed, m.amount_residual_signed, m.amount_residual_signed,
       m.amount_residual_signed = 0
  FROM bench_move m
UNION ALL
SELECT m.id, m.partner_id, %(currency)s, 'product', %(company)s, m.date, NULL,
       %(journal)s, %(income)s, m.state, -m.amount_total_signed, 0, m.amount_total_signed,
       -m.amount_total_signed, 0, 0, FALSE
  FROM bench_move m;

ANALYZE res_partner;
ANALYZE sale_order;
ANALYZE sale_order_line;
ANALYZE account_move;
ANALYZE account_move_line;
"""


def main():
    from odoo.tools import SQL

    with odoo_env() as env:
        company = env.company
        journal = env["account.journal"].search(
            [("type", "=", "sale"), ("company_id", "=", company.id)], limit=1
        )
        Account = env["account.account"]
        params = {
            "distributors": DISTRIBUTORS,
            "company": company.id,
            "currency": company.currency_id.id,
            "journal": journal.id,
            "receivable": Account.search(
                [("account_type", "=", "asset_receivable"), ("company_ids", "in", company.id)],
                limit=1,
            ).id,
            "income": Account.search(
                [("account_type", "=", "income"), ("company_ids", "in", company.id)], limit=1
            ).id,
            "uid": env.uid,
        }
        start = time.perf_counter()
        env.cr.execute(SQL(GENERATE, **params))
        generated = time.perf_counter() - start
        env.cr.execute("SELECT array_agg(id) FROM bench_partner")
        ids = env.cr.fetchone()[0]
        env.cr.execute("SELECT COALESCE(SUM(amount_total), 0) FROM bench_order")
        orders_total = float(env.cr.fetchone()[0])
        env.cr.execute("SELECT COALESCE(SUM(amount_residual_signed), 0) FROM bench_move")
        invoices_total = float(env.cr.fetchone()[0])
        env.invalidate_all()
        partners = env["res.partner"].browse(ids).with_company(company)

        start = time.perf_counter()
        exposure = partners._print_channel_credit_exposure()
        elapsed = (time.perf_counter() - start) * 1000

        orders = sum(o for o, _i in exposure.values())
        invoices = sum(i for _o, i in exposure.values())
        if len(exposure) != DISTRIBUTORS or (
            abs(orders - orders_total) > 0.01 or abs(invoices - invoices_total) > 0.01
        ):
            raise SystemExit(
                f"exposure wrong: {len(exposure)} distributors, orders {orders} (expected"
                f" {orders_total}), invoices {invoices} (expected {invoices_total})"
            )
        report("channel.exposure_10k", elapsed, "ms")
        report("channel.exposure_10k_generate", generated, "s")


if __name__ == "__main__":
    main()
