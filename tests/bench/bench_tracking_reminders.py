"""One run of the production reminders cron over 100,000 open jobs.

`bench tracking.reminder_cron_100k <s> s` (target at most 30 s): 100,000 open jobs of 20
responsibles (one in twenty with nobody responsible), of which 2 % are due within the
reminder hours, 2 % overdue and 2 % over their stage's expected time, the others quiet, plus
50,000 delivered jobs long past their due date; all generated in SQL inside the benchmark's
transaction, which is rolled back. Also prints the activities the run created.
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import odoo_env, report  # noqa: E402

OPEN_JOBS = 100_000
DONE_JOBS = 50_000
USERS = 20

GENERATE = """
CREATE TEMP TABLE bench_partner ON COMMIT DROP AS
WITH created AS (
    INSERT INTO res_partner (name, complete_name, is_company, active, type, autopost_bills,
                             create_date, write_date)
    SELECT 'Bench Print Buyer ' || g, 'Bench Print Buyer ' || g, TRUE, TRUE, 'contact', 'ask',
           NOW(), NOW()
      FROM generate_series(1, 500) g
    RETURNING id
)
SELECT id, row_number() OVER (ORDER BY id) AS n FROM created;

UPDATE res_partner SET commercial_partner_id = id WHERE id IN (SELECT id FROM bench_partner);

-- Open jobs: by mod(g, 100), 0-1 due soon, 2-3 overdue, 4-5 over stage time, others quiet
-- (due in 2 to 30 days, in their stage for less than an hour; every stage expects 2 hours
-- or more). One job in twenty has nobody responsible.
INSERT INTO print_job (name, title, company_id, partner_id, commercial_partner_id, quantity,
                       user_id, rush, route_id, stage_id, customer_stage_id, is_done,
                       is_cancel, due_date, date_stage, reminder_due_sent,
                       reminder_overdue_sent, reminder_stage_sent, create_uid, create_date,
                       write_uid, write_date)
SELECT 'BENCH/' || g, 'Bench job ' || g, %(company)s, p.id, p.id, 500 + mod(g, 20) * 250,
       CASE WHEN mod(g, 20) = 7 THEN NULL ELSE (%(users)s::int[])[1 + mod(g, %(user_count)s)] END,
       mod(g, 50) = 0, %(route)s, (%(stages)s::int[])[1 + mod(g / 100, %(stage_count)s)],
       NULL, FALSE, FALSE,
       CASE
           WHEN mod(g, 100) < 2 THEN %(now)s + (1 + mod(g, 22)) * INTERVAL '1 hour'
           WHEN mod(g, 100) < 4 THEN %(now)s - (1 + mod(g, 72)) * INTERVAL '1 hour'
           ELSE %(now)s + (2 + mod(g, 29)) * INTERVAL '1 day'
       END,
       CASE
           WHEN mod(g, 100) BETWEEN 4 AND 5 THEN %(now)s - INTERVAL '3 days'
           ELSE %(now)s - mod(g, 60) * INTERVAL '1 minute'
       END,
       FALSE, FALSE, FALSE, %(uid)s, NOW(), %(uid)s, NOW()
  FROM generate_series(1, %(open_jobs)s) g
  JOIN bench_partner p ON p.n = 1 + mod(g, 500);

INSERT INTO print_job (name, title, company_id, partner_id, commercial_partner_id, quantity,
                       user_id, rush, route_id, stage_id, is_done, is_cancel, due_date,
                       date_stage, date_done, create_uid, create_date, write_uid, write_date)
SELECT 'BENCH/D/' || g, 'Delivered bench job ' || g, %(company)s, p.id, p.id, 1000,
       (%(users)s::int[])[1 + mod(g, %(user_count)s)], FALSE, %(route)s, %(delivered)s, TRUE,
       FALSE, %(now)s - (10 + mod(g, 700)) * INTERVAL '1 day',
       %(now)s - (9 + mod(g, 700)) * INTERVAL '1 day',
       %(now)s - (9 + mod(g, 700)) * INTERVAL '1 day', %(uid)s, NOW(), %(uid)s, NOW()
  FROM generate_series(1, %(done_jobs)s) g
  JOIN bench_partner p ON p.n = 1 + mod(g, 500);

ANALYZE res_partner;
ANALYZE print_job;
"""


def main():
    from odoo import Command, fields
    from odoo.tools import SQL

    with odoo_env() as env:
        company = env.company
        group = env.ref("print_crm_tracking.group_job_user")
        Users = env["res.users"].with_context(no_reset_password=True)
        users = Users.create(
            [
                {
                    "name": f"Bench Floor {i}",
                    "login": f"bench-floor-{i}",
                    "groups_id": [Command.link(group.id)],
                }
                for i in range(USERS)
            ]
        )
        manager = Users.create(
            {
                "name": "Bench Production Manager",
                "login": "bench-production-manager",
                "groups_id": [Command.link(env.ref("print_crm_tracking.group_job_manager").id)],
            }
        )
        company.write({"print_production_manager_id": manager.id, "print_job_reminder_hours": 24})
        route = env.ref("print_crm_tracking.route_full")
        stages = route._ordered_stages().filtered(lambda s: not s.is_done and not s.is_cancel)
        assert min(stages.mapped("expected_hours")) >= 2
        env.flush_all()
        now = fields.Datetime.now()
        params = {
            "company": company.id,
            "users": users.ids,
            "user_count": USERS,
            "route": route.id,
            "stages": stages.ids,
            "stage_count": len(stages),
            "delivered": env.ref("print_crm_tracking.stage_delivered").id,
            "now": now,
            "uid": env.uid,
            "open_jobs": OPEN_JOBS,
            "done_jobs": DONE_JOBS,
        }
        start = time.perf_counter()
        env.cr.execute(SQL(GENERATE, **params))
        generated = time.perf_counter() - start
        env.invalidate_all()

        Activity = env["mail.activity"]
        before = Activity.search_count([("res_model", "=", "print.job")])
        start = time.perf_counter()
        env["print.job"]._cron_send_reminders()
        env.flush_all()
        env.cr.precommit.run()
        env.flush_all()
        elapsed = time.perf_counter() - start
        created = Activity.search_count([("res_model", "=", "print.job")]) - before

        # A second run finds everything reminded already.
        start = time.perf_counter()
        env["print.job"]._cron_send_reminders()
        env.flush_all()
        second = time.perf_counter() - start
        again = Activity.search_count([("res_model", "=", "print.job")]) - before - created

        report("tracking.reminder_cron_100k", elapsed, "s")
        report("tracking.reminder_cron_100k_activities", created, "activities")
        report("tracking.reminder_cron_100k_second_run", second, "s")
        report("tracking.reminder_cron_100k_second_run_activities", again, "activities")
        report("tracking.reminder_cron_100k_generate", generated, "s")


if __name__ == "__main__":
    main()
