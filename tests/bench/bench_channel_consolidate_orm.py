"""The batch run over 10,000 open purchase demand lines, through the model.

`bench channel.consolidate_10k_lines <s> s` (target at most 2 s): 10,000 open demand lines
of 2,000 jobs (five each: paper in reams of 500, outsourced work, materials) from 50
suppliers of 8 products each (400 products), needed on ten different days; the jobs and the
demand are generated in SQL inside the benchmark's transaction, which is rolled back. The
figure is the time of ``print.purchase.demand._print_consolidate(force=True)`` over all of
them, written to the database: the 50 purchase orders (confirmed, as the company's default
asks), their lines merged per product and need-by date in whole packs, every demand line
linked to its order line, the suppliers' last batch. The result is checked: one order per
supplier, every line ordered, no pack under-bought.
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import odoo_env, report  # noqa: E402

SUPPLIERS = 50
PRODUCTS_PER_SUPPLIER = 8
JOBS = 2_000
LINES_PER_JOB = 5
DAYS = 10

GENERATE = """
CREATE TEMP TABLE bench_customer ON COMMIT DROP AS
WITH created AS (
    INSERT INTO res_partner (name, complete_name, is_company, active, type, autopost_bills,
                             create_date, write_date)
    SELECT 'Bench Print Buyer ' || g, 'Bench Print Buyer ' || g, TRUE, TRUE, 'contact', 'ask',
           NOW(), NOW()
      FROM generate_series(1, 100) g
    RETURNING id
)
SELECT id, row_number() OVER (ORDER BY id) AS n FROM created;

UPDATE res_partner SET commercial_partner_id = id WHERE id IN (SELECT id FROM bench_customer);

CREATE TEMP TABLE bench_job ON COMMIT DROP AS
WITH created AS (
    INSERT INTO print_job (name, title, company_id, partner_id, commercial_partner_id,
                           quantity, rush, route_id, stage_id, is_done, is_cancel, due_date,
                           date_stage, print_demand_raised, create_uid, create_date,
                           write_uid, write_date)
    SELECT 'BENCH/' || g, 'Bench job ' || g, %(company)s, c.id, c.id, 1000 + mod(g, 9) * 500,
           FALSE, %(route)s, %(stage)s, FALSE, FALSE, %(now)s + (3 + mod(g, 10)) * INTERVAL '1 day',
           %(now)s, TRUE, %(uid)s, NOW(), %(uid)s, NOW()
      FROM generate_series(1, %(jobs)s) g
      JOIN bench_customer c ON c.n = 1 + mod(g, 100)
    RETURNING id, commercial_partner_id
)
SELECT id, commercial_partner_id, row_number() OVER (ORDER BY id) AS n FROM created;

-- Line k of job j: supplier 1 + mod(j * 5 + k, 50), its product 1 + mod(j / 100 + 3k, 8); the
-- first three products of a supplier are paper (reams of 500), the fourth outsourced work,
-- the others materials (cartons of 25).
INSERT INTO print_purchase_demand (name, job_id, company_id, customer_id, supplier_id,
                                   product_id, kind, source_key, state, board_state, need_by,
                                   quantity, pack_size, estimated_cost, qty_received, rush,
                                   cancelled, late, reminded, create_uid, create_date,
                                   write_uid, write_date)
SELECT 'Bench demand ' || j.n || '/' || k, j.id, %(company)s, j.commercial_partner_id,
       s.supplier, s.product,
       CASE WHEN s.p <= 3 THEN 'paper' WHEN s.p = 4 THEN 'outsourced' ELSE 'material' END,
       'bench:' || k, 'open', 'to_order', %(today)s + (2 + mod(j.n / 10 + k, %(days)s))::int,
       CASE WHEN s.p <= 3 THEN 300 + mod(j.n * 7, 900) WHEN s.p = 4 THEN 1000 + mod(j.n, 5) * 500
            ELSE 3 + mod(j.n, 40) END,
       CASE WHEN s.p <= 3 THEN 500 WHEN s.p = 4 THEN 0 ELSE 25 END,
       20 + mod(j.n * 13, 200), 0, FALSE, FALSE, FALSE, FALSE, %(uid)s, NOW(), %(uid)s, NOW()
  FROM bench_job j
 CROSS JOIN generate_series(1, %(lines)s) k
 CROSS JOIN LATERAL (
       SELECT (%(suppliers)s::int[])[1 + mod(j.n * 5 + k, %(supplier_count)s)] AS supplier,
              (%(products)s::int[])[1 + mod(j.n * 5 + k, %(supplier_count)s) * %(per_supplier)s
                                      + mod(j.n / 100 + k * 3, %(per_supplier)s)] AS product,
              1 + mod(j.n / 100 + k * 3, %(per_supplier)s) AS p
 ) s;

ANALYZE print_job;
ANALYZE print_purchase_demand;
"""


def main():
    from odoo import Command, fields
    from odoo.tools import SQL

    with odoo_env() as env:
        company = env.company
        company.print_purchase_confirm = True
        suppliers = env["res.partner"].create(
            [
                {
                    "name": f"Bench Supplier {i}",
                    "is_company": True,
                    "tz": "UTC",
                    "print_batch_times": "16:00",
                    "print_order_cost": 20.0,
                }
                for i in range(SUPPLIERS)
            ]
        )
        products = env["product.product"].create(
            [
                {
                    "name": f"Bench {supplier.name} item {p}",
                    "type": "consu",
                    "purchase_ok": True,
                    "purchase_method": "receive",
                    "standard_price": 0.05 if p < 3 else 2.0,
                    "seller_ids": [
                        Command.create(
                            {
                                "partner_id": supplier.id,
                                "price": 0.04 if p < 3 else 1.5,
                                "print_pack_size": 500.0 if p < 3 else (0.0 if p == 3 else 25.0),
                            }
                        )
                    ],
                }
                for supplier in suppliers
                for p in range(PRODUCTS_PER_SUPPLIER)
            ]
        )
        route = env.ref("print_crm_tracking.route_full")
        stage = route._ordered_stages().filtered(lambda s: not s.is_done and not s.is_cancel)[:1]
        env.flush_all()
        now = fields.Datetime.now()
        params = {
            "company": company.id,
            "route": route.id,
            "stage": stage.id,
            "now": now,
            "today": now.date(),
            "uid": env.uid,
            "jobs": JOBS,
            "lines": LINES_PER_JOB,
            "days": DAYS,
            "suppliers": suppliers.ids,
            "supplier_count": SUPPLIERS,
            "products": products.ids,
            "per_supplier": PRODUCTS_PER_SUPPLIER,
        }
        start = time.perf_counter()
        env.cr.execute(SQL(GENERATE, **params))
        generated = time.perf_counter() - start
        env.cr.execute("SELECT array_agg(id) FROM print_purchase_demand WHERE state = 'open'")
        ids = env.cr.fetchone()[0]
        expected = JOBS * LINES_PER_JOB
        if len(ids) != expected:
            raise SystemExit(f"generated {len(ids)} open demand lines, expected {expected}")
        env.invalidate_all()
        Demand = env["print.purchase.demand"]

        start = time.perf_counter()
        orders = Demand.browse(ids)._print_consolidate(force=True, now=now)
        env.flush_all()
        elapsed = time.perf_counter() - start

        env.invalidate_all()
        env.cr.execute(
            """SELECT count(*) FILTER (WHERE d.purchase_line_id IS NULL),
                      count(DISTINCT l.order_id), count(DISTINCT d.purchase_line_id)
                 FROM print_purchase_demand d
                 LEFT JOIN purchase_order_line l ON l.id = d.purchase_line_id
                WHERE d.id = ANY(%s)""",
            [ids],
        )
        unordered, order_count, line_count = env.cr.fetchone()
        env.cr.execute(
            """SELECT count(*) FROM (
                   SELECT l.id FROM purchase_order_line l
                     JOIN print_purchase_demand d ON d.purchase_line_id = l.id
                    WHERE d.id = ANY(%s)
                    GROUP BY l.id, l.product_qty HAVING l.product_qty < SUM(d.quantity)) short""",
            [ids],
        )
        short = env.cr.fetchone()[0]
        if (
            unordered
            or order_count != SUPPLIERS
            or len(orders) != SUPPLIERS
            or short
            or set(orders.partner_id) != set(suppliers)
            or set(orders.mapped("state")) != {"purchase"}
        ):
            raise SystemExit(
                f"consolidation wrong: {unordered} lines not ordered, {order_count} orders"
                f" ({len(orders)} returned) for {SUPPLIERS} suppliers, {short} lines short,"
                f" states {set(orders.mapped('state'))}"
            )
        report("channel.consolidate_10k_lines", elapsed, "s")
        report("channel.consolidate_10k_lines_po_lines", line_count, "lines")
        report("channel.consolidate_10k_lines_generate", generated, "s")


if __name__ == "__main__":
    main()
