"""Queries of the customer's production job list on the portal (/my/print_jobs).

`bench tracking.portal_jobs_20 <n> queries` and `bench tracking.portal_jobs_200 <n> queries`:
the page of a portal customer with 20 jobs, then with 200 (the page shows 80 of them).
The two counts are expected equal (no query per job shown), at most 25.

How it is measured: there is no HTTP server in a benchmark, so the request goes through
Odoo's own WSGI application (`odoo.http.root`) in-process, with werkzeug's test client and
a session of the portal user, exactly as a browser's GET would: routing, session check,
the controller, the record rules and the QWeb rendering of the whole page. As in Odoo's
HttpCase, the registry is in test mode so that the request's cursor runs inside the
benchmark's transaction (everything is rolled back); that mode skips the one query a real
server makes per request to check the registry signaling, so the benchmark adds it, as
Odoo's website performance tests do. Each count is taken on a warm request (the first ones
fill the ORM and QWeb caches). Counted with the cursor's query counter (`sql_log_count`).
"""

import os
import sys
from datetime import timedelta

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import http_session, odoo_env, report, warm_get  # noqa: E402

URL = "/my/print_jobs"


def _customer(env):
    from odoo import Command

    company = env["res.partner"].create(
        {"name": "Bench Agency", "is_company": True, "print_job_notify": False}
    )
    contact = env["res.partner"].create(
        {"name": "Bench Ravi", "parent_id": company.id, "email": "ravi@bench.example"}
    )
    user = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": "Bench Ravi",
                "login": "bench-portal-jobs",
                "partner_id": contact.id,
                "groups_id": [Command.set([env.ref("base.group_portal").id])],
            }
        )
    )
    orders = env["sale.order"].create([{"partner_id": contact.id} for __ in range(5)])
    return user, orders


def _add_jobs(env, partner, orders, count, start=0):
    from odoo import fields

    route = env.ref("print_crm_tracking.route_offset_sheet_flat")
    now = fields.Datetime.now()
    jobs = env["print.job"].create(
        [
            {
                "title": f"Bench catalogue {i}",
                "partner_id": partner.id,
                "sale_order_id": orders[i % len(orders)].id,
                "quantity": 100 + i,
                "route_id": route.id,
                "due_date": now + timedelta(days=i),
                "rush": not i % 7,
            }
            for i in range(start, start + count)
        ]
    )
    # Jobs in a visible stage and in an internal one, as on a real shop floor.
    jobs[::3].write({"stage_id": env.ref("print_crm_tracking.stage_prepress").id})
    jobs[1::3].write({"stage_id": env.ref("print_crm_tracking.stage_quality").id})
    env.flush_all()
    return jobs


def _queries(env, client, session):
    """Queries of one warm GET of the list page, and the rows it shows."""
    count, body = warm_get(env, client, session, URL)
    assert "o_print_job_list" in body, "the list page did not render its jobs"
    return count, body.count("<tr data-job=")


def main():
    from werkzeug.test import Client

    import odoo

    with odoo_env() as env:
        user, orders = _customer(env)
        _add_jobs(env, user.partner_id, orders, 20)
        session = http_session(env, user)
        client = Client(odoo.http.root, use_cookies=False)
        env.registry.enter_test_mode(env.cr)
        try:
            queries_20, rows_20 = _queries(env, client, session)
            _add_jobs(env, user.partner_id, orders, 180, start=20)
            queries_200, rows_200 = _queries(env, client, session)
        finally:
            env.registry.leave_test_mode()
            odoo.http.root.session_store.delete(session)
        assert (rows_20, rows_200) == (20, 80), (rows_20, rows_200)
        report("tracking.portal_jobs_20", queries_20, "queries")
        report("tracking.portal_jobs_200", queries_200, "queries")


if __name__ == "__main__":
    main()
