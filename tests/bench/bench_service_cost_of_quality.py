"""Seconds to build the cost-of-quality pivot over 100,000 tickets.

`bench service.cost_of_quality_100k <s> s`: 100,000 print tickets with costs (a reprint's
estimated cost, a credit, or both) over 1,000 customers, the complaint causes and a few
jobs, inserted by SQL; then the pivot of Printing ▸ Service ▸ Reporting ▸ Cost of Quality
(rows: cause, columns: customer, measure: cost of quality) is read as a service manager,
the way the pivot view reads it: one ``read_group`` per pair of row and column group-by
prefixes ([], [cause], [customer], [cause, customer]), each with the count, each with an
empty record cache as in its own request. The figure is the best of three rounds (the
first also warms PostgreSQL's buffers). Expected at most 2 s.
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import odoo_env, report  # noqa: E402

TICKETS = 100_000
CUSTOMERS = 1_000
JOBS = 20
MODEL = "print.service.quality.cost"
MEASURES = ["total_cost:sum", "__count"]
ROWS, COLS = ["cause_id"], ["partner_id"]


def _data(env):
    from odoo import Command

    company = env.company
    customers = env["res.partner"].create(
        [{"name": f"Bench Customer {i:04d}", "is_company": True} for i in range(CUSTOMERS)]
    )
    supplier = env["res.partner"].create({"name": "Bench Bindery", "is_company": True})
    jobs = env["print.job"].create(
        [
            {
                "title": f"Bench job {i}",
                "partner_id": customers[i].id,
                "quantity": 1000,
                "due_date": "2030-01-01 10:00:00",
            }
            for i in range(JOBS)
        ]
    )
    causes = env["print.service.cause"].search([])
    team = env["helpdesk.ticket.team"].create({"name": "Bench Pressroom"})
    complaint = env.ref("print_crm_service.ticket_type_complaint")
    stage = env.ref("print_crm_service.ticket_stage_approved")
    env.flush_all()
    # One statement: tickets i = 0..N-1 spread over customers, causes and jobs; every
    # third one reprinted, every second one credited (the others both).
    env.cr.execute(
        """
        INSERT INTO helpdesk_ticket (
            name, description, company_id, type_id, print_kind, print_step, stage_id,
            partner_id, commercial_partner_id, print_cause_id, print_job_id,
            print_supplier_id, team_id, print_resolution, print_reprint_cost,
            print_credit_amount, print_quality_cost, print_reprint_job_count, active,
            create_date, write_date,
            create_uid, write_uid
        )
        SELECT 'Bench complaint ' || i, '<p>Bench</p>', %(company)s, %(type)s, 'complaint',
               'approved', %(stage)s, c.id, c.id, (%(causes)s)[1 + i %% %(ncauses)s],
               (%(jobs)s)[1 + i %% %(njobs)s],
               CASE WHEN i %% 7 = 0 THEN %(supplier)s END, %(team)s,
               CASE WHEN i %% 3 = 0 THEN 'reprint' ELSE 'credit_note' END,
               r.cost, k.amount, r.cost + k.amount, (r.cost > 0)::int, TRUE,
               now() - make_interval(days => i %% 365), now(), 1, 1
          FROM generate_series(0, %(n)s - 1) AS i
          JOIN LATERAL (SELECT (%(customers)s)[1 + i %% %(ncustomers)s] AS id) c ON TRUE
          JOIN LATERAL (SELECT CASE WHEN i %% 3 = 0 THEN 100 + i %% 500 ELSE 0 END AS cost) r
            ON TRUE
          JOIN LATERAL (SELECT CASE WHEN i %% 3 = 0 AND i %% 2 = 1 THEN 0
                                    ELSE 20 + i %% 80 END AS amount) k ON TRUE
        """,
        {
            "company": company.id,
            "type": complaint.id,
            "stage": stage.id,
            "causes": causes.ids,
            "ncauses": len(causes),
            "jobs": jobs.ids,
            "njobs": len(jobs),
            "supplier": supplier.id,
            "team": team.id,
            "customers": customers.ids,
            "ncustomers": len(customers),
            "n": TICKETS,
        },
    )
    env.cr.execute("ANALYZE helpdesk_ticket")
    env.invalidate_all()
    manager = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": "Bench Service Manager",
                "login": "bench-cost-of-quality",
                "groups_id": [Command.set([env.ref("print_crm_service.group_service_manager").id])],
            }
        )
    )
    return manager


def _pivot(env, user):
    """The read_group calls of the pivot view, as the user; the rows of the full table."""
    Report = env[MODEL].with_user(user).with_context(lang="en_US")
    rows = None
    for row_groupby in ([], ROWS):
        for col_groupby in ([], COLS):
            env.invalidate_all()  # one request each: nothing cached from the previous one
            rows = Report.read_group([], MEASURES, row_groupby + col_groupby, lazy=False)
    return rows


def main():
    with odoo_env() as env:
        user = _data(env)
        best = None
        for __ in range(3):
            start = time.perf_counter()
            groups = _pivot(env, user)
            elapsed = time.perf_counter() - start
            best = elapsed if best is None else min(best, elapsed)
        total = sum(group["__count"] for group in groups)
        assert total == TICKETS, total
        report("service.cost_of_quality_100k", best, "s")


if __name__ == "__main__":
    main()
