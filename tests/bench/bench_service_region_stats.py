"""The regional timeliness dashboard over 100,000 tickets.

`bench service.region_stats_100k <s> s` (target at most 2 s): head office opens
**Service ▸ Reporting ▸ Regional Timeliness**: the pivot's read_group by region of the
tickets resolved on time, late, the share on time and the open tickets past their deadline,
over 100,000 complaint tickets of 2,000 customers in 10 regions.
`bench service.region_stats_100k_branch <s> s`: the same pivot for a user of one region
(group Own Region Only), whose record rules keep its region's tickets only. Generated in
SQL inside the benchmark's transaction, which is rolled back.
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import odoo_env, report  # noqa: E402

TICKETS = 100_000
CUSTOMERS = 2_000
REGIONS = 10

GENERATE = """
CREATE TEMP TABLE bench_region_partner ON COMMIT DROP AS
WITH created AS (
    INSERT INTO res_partner (name, complete_name, is_company, active, type, autopost_bills,
                             print_region_id, create_date, write_date)
    SELECT 'Bench Region Customer ' || g, 'Bench Region Customer ' || g, TRUE, TRUE,
           'contact', 'ask', (%(regions)s::int[])[1 + mod(g, %(region_count)s)], NOW(), NOW()
      FROM generate_series(1, %(customers)s) g
    RETURNING id, print_region_id
)
SELECT id, print_region_id, row_number() OVER (ORDER BY id) AS n FROM created;

UPDATE res_partner SET commercial_partner_id = id
 WHERE id IN (SELECT id FROM bench_region_partner);

INSERT INTO helpdesk_ticket (number, name, description, company_id, partner_id,
                             commercial_partner_id, print_region_id, type_id, print_kind,
                             print_step, active,
                             print_deadline, print_resolved_date, create_uid, create_date,
                             write_uid, write_date)
SELECT 'BENCH-RS-' || g, 'Bench complaint ' || g, '<p>bench</p>', %(company)s, p.id, p.id,
       p.print_region_id, %(type)s, 'complaint',
       CASE WHEN mod(g, 5) = 0 THEN 'routed' ELSE 'satisfied' END, TRUE,
       %(now)s - mod(g, 60) * INTERVAL '1 day',
       CASE WHEN mod(g, 5) = 0 THEN NULL
            ELSE %(now)s - mod(g, 60) * INTERVAL '1 day' + (mod(g, 7) - 4) * INTERVAL '1 day'
       END,
       %(uid)s, %(now)s - (mod(g, 60) + 3) * INTERVAL '1 day', %(uid)s, NOW()
  FROM generate_series(1, %(tickets)s) g
  JOIN bench_region_partner p ON p.n = 1 + mod(g, %(customers)s);

ANALYZE res_partner;
ANALYZE helpdesk_ticket;
"""

MEASURES = ["resolved_count:sum", "on_time_count:sum", "late_count:sum", "on_time_pct:avg"]
MEASURES += ["overdue_count:sum", "ticket_count:sum"]


def pivot(env, user):
    """The pivot's query as the web client sends it, timed."""
    Timeliness = env["print.service.region.timeliness"].with_user(user)
    start = time.perf_counter()
    rows = Timeliness.read_group([], MEASURES, ["print_region_id"], lazy=False)
    return time.perf_counter() - start, rows


def setup(env, login):
    """The benchmark's regions, a head-office and a branch user (logins ``login``-head and
    -branch) and its tickets, generated in SQL: (regions, head office, branch, seconds)."""
    from odoo import Command, fields
    from odoo.tools import SQL

    regions = env["print.service.region"].create(
        [{"name": f"Bench Region {i}", "code": f"BENCH-R{i}"} for i in range(REGIONS)]
    )
    groups = "print_crm_service.group_service_user"
    head_office, branch = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            [
                {
                    "name": name,
                    "login": f"{login}-{suffix}",
                    "groups_id": [Command.set([env.ref(g).id for g in group_xmlids])],
                }
                for name, suffix, group_xmlids in (
                    ("Bench Head Office", "head", (groups,)),
                    (
                        "Bench Branch",
                        "branch",
                        (groups, "print_crm_service.group_service_region_only"),
                    ),
                )
            ]
        )
    )
    regions[0].user_ids = branch
    env.flush_all()
    params = {
        "company": env.company.id,
        "regions": regions.ids,
        "region_count": REGIONS,
        "customers": CUSTOMERS,
        "tickets": TICKETS,
        "type": env.ref("print_crm_service.ticket_type_complaint").id,
        "now": fields.Datetime.now(),
        "uid": env.uid,
    }
    start = time.perf_counter()
    env.cr.execute(SQL(GENERATE, **params))
    generated = time.perf_counter() - start
    env.invalidate_all()
    return regions, head_office, branch, generated


def main():
    with odoo_env() as env:
        regions, head_office, branch, generated = setup(env, "bench-region")
        pivot(env, head_office)  # warm the caches (rules, registry) as a second visit would
        elapsed, rows = pivot(env, head_office)
        bench_rows = [
            row
            for row in rows
            if row["print_region_id"] and row["print_region_id"][0] in regions.ids
        ]
        assert len(bench_rows) == REGIONS, rows
        assert sum(row["ticket_count"] for row in bench_rows) == TICKETS, bench_rows
        pivot(env, branch)
        elapsed_branch, rows_branch = pivot(env, branch)
        seen = {row["print_region_id"][0] for row in rows_branch if row["print_region_id"]}
        assert seen == {regions[0].id}, seen

        report("service.region_stats_100k", elapsed, "s")
        report("service.region_stats_100k_branch", elapsed_branch, "s")
        report("service.region_stats_100k_generate", generated, "s")


if __name__ == "__main__":
    main()
