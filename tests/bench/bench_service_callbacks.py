"""One run of the callback planner over 100,000 delivered jobs, then a second run.

`bench service.callbacks_cron_100k <s> s` (target at most 30 s): the daily cron
(`print.service.callback._print_create_callbacks`) with the shop's default rules, over
100,000 jobs delivered in the last twenty days for 500 customers (each with one of 20
salespeople), besides 20,000 jobs still in production; it plans one callback and one call
activity per delivered job. `bench service.callbacks_cron_100k_rerun <s> s` (target at most
1 s): the cron again, which finds every callback planned and creates none
(`bench service.callbacks_cron_100k_rerun_created <n> callbacks`, expected 0). All generated
in SQL inside the benchmark's transaction, which is rolled back.
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import odoo_env, report  # noqa: E402

DELIVERED_JOBS = 100_000
OPEN_JOBS = 20_000
CUSTOMERS = 500
SALESPEOPLE = 20

GENERATE = """
CREATE TEMP TABLE bench_partner ON COMMIT DROP AS
WITH created AS (
    INSERT INTO res_partner (name, complete_name, is_company, active, type, autopost_bills,
                             user_id, create_date, write_date)
    SELECT 'Bench Callback Customer ' || g, 'Bench Callback Customer ' || g, TRUE, TRUE,
           'contact', 'ask', (%(users)s::int[])[1 + mod(g, %(user_count)s)], NOW(), NOW()
      FROM generate_series(1, %(customers)s) g
    RETURNING id
)
SELECT id, row_number() OVER (ORDER BY id) AS n FROM created;

UPDATE res_partner SET commercial_partner_id = id WHERE id IN (SELECT id FROM bench_partner);

INSERT INTO print_job (name, title, company_id, partner_id, commercial_partner_id, quantity,
                       user_id, rush, route_id, stage_id, is_done, is_cancel, due_date,
                       date_stage, date_done, create_uid, create_date, write_uid, write_date)
SELECT 'BENCH/CB/' || g, 'Delivered bench job ' || g, %(company)s, p.id, p.id, 1000,
       (%(users)s::int[])[1 + mod(g, %(user_count)s)], FALSE, %(route)s, %(delivered)s, TRUE,
       FALSE, %(now)s - (1 + mod(g, 20)) * INTERVAL '1 day',
       %(now)s - mod(g, 20) * INTERVAL '1 day' - INTERVAL '1 hour',
       %(now)s - mod(g, 20) * INTERVAL '1 day' - INTERVAL '1 hour',
       %(uid)s, NOW(), %(uid)s, NOW()
  FROM generate_series(1, %(delivered_jobs)s) g
  JOIN bench_partner p ON p.n = 1 + mod(g, %(customers)s);

INSERT INTO print_job (name, title, company_id, partner_id, commercial_partner_id, quantity,
                       user_id, rush, route_id, stage_id, is_done, is_cancel, due_date,
                       date_stage, create_uid, create_date, write_uid, write_date)
SELECT 'BENCH/CB/O/' || g, 'Open bench job ' || g, %(company)s, p.id, p.id, 1000,
       (%(users)s::int[])[1 + mod(g, %(user_count)s)], FALSE, %(route)s, %(printing)s, FALSE,
       FALSE, %(now)s + (1 + mod(g, 20)) * INTERVAL '1 day', %(now)s, %(uid)s, NOW(),
       %(uid)s, NOW()
  FROM generate_series(1, %(open_jobs)s) g
  JOIN bench_partner p ON p.n = 1 + mod(g, %(customers)s);

ANALYZE res_partner;
ANALYZE print_job;
"""


def main():
    from odoo import Command, fields
    from odoo.tools import SQL

    with odoo_env() as env:
        company = env.company
        group = env.ref("sales_team.group_sale_salesman")
        users = (
            env["res.users"]
            .with_context(no_reset_password=True)
            .create(
                [
                    {
                        "name": f"Bench Salesperson {i}",
                        "login": f"bench-callback-sales-{i}",
                        "groups_id": [Command.link(group.id)],
                    }
                    for i in range(SALESPEOPLE)
                ]
            )
        )
        # The default rules, applying from a month ago (as if installed then).
        rules = env["print.service.callback.rule"].search([("company_id", "=", company.id)])
        rules.write({"date_start": fields.Date.subtract(fields.Date.today(), days=30)})
        route = env.ref("print_crm_tracking.route_full")
        env.flush_all()
        params = {
            "company": company.id,
            "users": users.ids,
            "user_count": SALESPEOPLE,
            "customers": CUSTOMERS,
            "route": route.id,
            "delivered": env.ref("print_crm_tracking.stage_delivered").id,
            "printing": env.ref("print_crm_tracking.stage_printing").id,
            "now": fields.Datetime.now(),
            "uid": env.uid,
            "delivered_jobs": DELIVERED_JOBS,
            "open_jobs": OPEN_JOBS,
        }
        start = time.perf_counter()
        env.cr.execute(SQL(GENERATE, **params))
        generated = time.perf_counter() - start
        env.invalidate_all()

        Callback = env["print.service.callback"]
        start = time.perf_counter()
        created = Callback._print_create_callbacks()
        env.flush_all()
        elapsed = time.perf_counter() - start
        env.invalidate_all()
        activities = env["mail.activity"].search_count(
            [("res_model", "=", "print.job"), ("id", "in", created.activity_id.ids)]
        )
        assert len(created) == DELIVERED_JOBS, len(created)
        assert activities == DELIVERED_JOBS, activities

        start = time.perf_counter()
        again = Callback._print_create_callbacks()
        env.flush_all()
        rerun = time.perf_counter() - start

        report("service.callbacks_cron_100k", elapsed, "s")
        report("service.callbacks_cron_100k_created", len(created), "callbacks")
        report("service.callbacks_cron_100k_rerun", rerun, "s")
        report("service.callbacks_cron_100k_rerun_created", len(again), "callbacks")
        report("service.callbacks_cron_100k_generate", generated, "s")


if __name__ == "__main__":
    main()
