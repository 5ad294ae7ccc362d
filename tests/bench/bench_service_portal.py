"""Queries of the customer's service tickets on the portal (/my/tickets).

`bench service.portal_tickets_20 <n> queries` and `bench service.portal_tickets_200 <n>
queries`: the ticket list of a portal customer whose company has 20 tickets, then 200
(filed by two of its contacts, so that the company's sharing rule is what shows them; the
page shows helpdesk_mgmt's page size of them). The two counts are expected equal (no
query per ticket shown), at most 25.

Measured as bench_tracking_portal.py measures the job list: a warm GET through Odoo's own
WSGI application in-process, with a session of the portal user, counted with the cursor's
query counter, plus the one registry signaling query a real server makes per request.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import http_session, odoo_env, report, warm_get  # noqa: E402

URL = "/my/tickets"


def _customer(env):
    from odoo import Command

    company = env["res.partner"].create({"name": "Bench Harbour Books", "is_company": True})
    contacts = env["res.partner"].create(
        [
            {"name": "Bench Mei", "parent_id": company.id, "email": "mei@bench.example"},
            {"name": "Bench Ann", "parent_id": company.id, "email": "ann@bench.example"},
        ]
    )
    user = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": "Bench Mei",
                "login": "bench-portal-tickets",
                "partner_id": contacts[0].id,
                "groups_id": [Command.set([env.ref("base.group_portal").id])],
            }
        )
    )
    return user, contacts


def _add_tickets(env, contacts, count, start=0):
    kinds = [
        env.ref(f"print_crm_service.ticket_type_{kind}")
        for kind in ("complaint", "quality", "delivery", "feedback")
    ]
    tickets = (
        env["helpdesk.ticket"]
        .with_context(mail_create_nolog=True, mail_create_nosubscribe=True, mail_notrack=True)
        .create(
            [
                {
                    "name": f"Bench complaint {i}",
                    "description": "<p>Colours off on page 4.</p>",
                    "partner_id": contacts[i % len(contacts)].id,
                    "type_id": kinds[i % len(kinds)].id,
                }
                for i in range(start, start + count)
            ]
        )
    )
    env.flush_all()
    return tickets


def _queries(env, client, session):
    """Queries of one warm GET of the list page, and the rows it shows."""
    count, body = warm_get(env, client, session, URL)
    return count, body.count("Bench complaint ")


def main():
    from werkzeug.test import Client

    import odoo

    with odoo_env() as env:
        user, contacts = _customer(env)
        _add_tickets(env, contacts, 20)
        session = http_session(env, user)
        client = Client(odoo.http.root, use_cookies=False)
        env.registry.enter_test_mode(env.cr)
        try:
            queries_20, rows_20 = _queries(env, client, session)
            _add_tickets(env, contacts, 180, start=20)
            queries_200, rows_200 = _queries(env, client, session)
        finally:
            env.registry.leave_test_mode()
            odoo.http.root.session_store.delete(session)
        assert rows_20 == 20 and rows_200 > 20, (rows_20, rows_200)
        report("service.portal_tickets_20", queries_20, "queries")
        report("service.portal_tickets_200", queries_200, "queries")


if __name__ == "__main__":
    main()
