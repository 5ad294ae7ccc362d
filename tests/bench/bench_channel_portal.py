"""Queries of a distributor's order list on the portal (/my/channel/orders).

`bench channel.portal_orders_20 <n> queries` and `bench channel.portal_orders_200 <n> queries`:
the page of a top distributor whose sub-distributor ordered 20, then 200 times for its end
customers (the page shows 80 of them). The two counts are expected equal (no query per order
shown), at most 25.

How it is measured: as `bench_tracking_portal.py` does (see its docstring): the GET goes
through Odoo's own WSGI application in-process with a session of the distributor's portal
user, so routing, the session check, the controller, the portal record rules that give the
distributor its sub-distributor's orders and the QWeb rendering all count; warm requests,
the registry signaling query of a real server added, everything rolled back.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import http_session, odoo_env, report, warm_get  # noqa: E402

URL = "/my/channel/orders"


def _channel(env):
    from odoo import Command

    Partner = env["res.partner"]
    top = Partner.create(
        {"name": "Bench Top Brokers", "is_company": True, "print_channel_role": "distributor"}
    )
    sub = Partner.create(
        {
            "name": "Bench Sub Printers",
            "is_company": True,
            "print_channel_role": "distributor",
            "print_channel_parent_id": top.id,
        }
    )
    contact = Partner.create(
        {"name": "Bench Lena", "parent_id": top.id, "email": "lena@bench.example"}
    )
    user = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": "Bench Lena",
                "login": "bench-portal-channel",
                "partner_id": contact.id,
                "groups_id": [Command.set([env.ref("base.group_portal").id])],
            }
        )
    )
    customers = Partner.create([{"name": f"Bench End Customer {i}"} for i in range(7)])
    return user, sub, customers


def _add_orders(env, sub, customers, count, start=0):
    orders = env["sale.order"].create(
        [
            {
                "partner_id": sub.id,
                "print_end_customer_id": customers[i % len(customers)].id,
                "client_order_ref": f"BENCH-{i}",
            }
            for i in range(start, start + count)
        ]
    )
    # Sent quotations and confirmed orders, as a distributor follows them.
    orders[::2].write({"state": "sent"})
    orders[1::2].write({"state": "sale"})
    env.flush_all()
    return orders


def _queries(env, client, session):
    """Queries of one warm GET of the list page, and the rows it shows."""
    count, body = warm_get(env, client, session, URL)
    assert "o_print_channel_order_list" in body, "the list page did not render its orders"
    return count, body.count("<tr data-order=")


def main():
    from werkzeug.test import Client

    import odoo

    with odoo_env() as env:
        user, sub, customers = _channel(env)
        _add_orders(env, sub, customers, 20)
        session = http_session(env, user)
        client = Client(odoo.http.root, use_cookies=False)
        env.registry.enter_test_mode(env.cr)
        try:
            queries_20, rows_20 = _queries(env, client, session)
            _add_orders(env, sub, customers, 180, start=20)
            queries_200, rows_200 = _queries(env, client, session)
        finally:
            env.registry.leave_test_mode()
            odoo.http.root.session_store.delete(session)
        assert (rows_20, rows_200) == (20, 80), (rows_20, rows_200)
        report("channel.portal_orders_20", queries_20, "queries")
        report("channel.portal_orders_200", queries_200, "queries")


if __name__ == "__main__":
    main()
