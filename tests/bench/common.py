"""Helpers for benchmarks: an Odoo environment on the database `make bench` prepared.

`make bench` installs the five addons on a fresh copy of the template database and
runs each `tests/bench/bench_*.py` with PRINT_CRM_ODOO_CONF naming its configuration.
A benchmark prints one line per figure: ``bench <name> <value> <unit>``.
"""

import contextlib
import os
import time


def report(name, value, unit):
    """Print one figure in the format `make bench` collects."""
    if isinstance(value, float):
        value = f"{value:.3g}" if value < 100 else f"{value:.0f}"
    print(f"bench {name} {value} {unit}", flush=True)


def _settle(dbname, tables, timeout=300):
    """Wait until no other session of the database holds a snapshot (autovacuum's ANALYZE
    after the install, a test still closing), then VACUUM ``tables``.

    A benchmark that builds an index in its own transaction gets an index the planner
    skips until that transaction ends (pg_index.indcheckxmin) when the table has HOT
    chains broken for it: rows updated by the install that another snapshot still sees.
    Pruned first, the table has none, and the index serves the benchmark's queries."""
    import psycopg2

    from odoo.sql_db import connection_info_for

    _name, info = connection_info_for(dbname)
    conn = psycopg2.connect(**info)
    try:
        conn.autocommit = True
        with conn.cursor() as cr:
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                cr.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    " AND pid <> pg_backend_pid() AND backend_xmin IS NOT NULL"
                )
                if not cr.fetchone()[0]:
                    break
                time.sleep(1)
            for table in tables:
                cr.execute(f"VACUUM {table}")  # table names of the benchmarks, not input
    finally:
        conn.close()


@contextlib.contextmanager
def odoo_env(settle=()):
    """A superuser environment on the benchmark database; everything is rolled back.
    ``settle``: tables whose indexes the benchmark builds again (see ``_settle``)."""
    import odoo
    from odoo import SUPERUSER_ID, api

    odoo.tools.config.parse_config(["-c", os.environ["PRINT_CRM_ODOO_CONF"]])
    if settle:
        _settle(odoo.tools.config["db_name"], settle)
    registry = odoo.modules.registry.Registry(odoo.tools.config["db_name"])
    with registry.cursor() as cr:
        try:
            yield api.Environment(cr, SUPERUSER_ID, {})
        finally:
            cr.rollback()


def http_session(env, user):
    """A saved web session of ``user``, for requests sent to Odoo's WSGI app in-process."""
    import odoo
    from odoo.service import security

    env.flush_all()  # the session token is computed in SQL from the user's row
    root = odoo.http.root
    session = root.session_store.new()
    session.update(odoo.http.get_default_session(), db=env.cr.dbname)
    user_env = env(user=user.id)
    session.uid = user.id
    session.login = user.login
    session.session_token = security.compute_session_token(session, user_env)
    session.context = dict(user_env["res.users"].context_get())
    root.session_store.save(session)
    return session


def warm_get(env, client, session, url):
    """Queries of one warm GET of ``url`` as ``session``'s user, as a real server would
    make them (two GETs first fill the caches; the registry signaling check counts), and
    the response."""
    headers = {"Cookie": f"session_id={session.sid}"}
    for __ in range(2):
        assert client.get(url, headers=headers).status_code == 200
    cr = env.cr
    before = cr.sql_log_count
    env.registry.get_sequences(cr)  # the registry signaling check of a real server
    response = client.get(url, headers=headers)
    count = cr.sql_log_count - before
    assert response.status_code == 200, response.status
    return count, response.get_data(as_text=True)
