"""The call desk over 1,000,000 partners: time to show a caller's record.

The partners, orders and estimates are bench_customer_lookup.py's (its generator is
imported, not copied: 1,000,000 partners in both scripts, phones in eight formats, 100,000
orders, 50,000 estimates). On top of them, in SQL from one job and one ticket made by the
ORM: 200,000 production jobs and 100,000 tickets of random customers, and a PO reference
on every order. Then, as a user of the service desk who is also an Estimating user (so
that the order, PO and value parts run too; record rules apply), it times what the screen
does when the caller is typed: the form's ``onchange`` of the lookup field, which finds the
caller and computes every list of its record (jobs, tickets, proofs, orders, invoices,
contacts, value), as one round trip of the web client.

`bench service.call_desk_1m_p95` (target at most 100 ms), the median, the worst case and
one p95 per kind of fragment (a phone number as said, a name, a job number, an order
reference, a PO reference). Everything is rolled back.

Run alone with `make bench ONLY=service_call_desk` (``service_call`` also matches
bench_service_callbacks.py). PRINT_CRM_BENCH_TRACE=<file> writes the plan of every
statement slower than 50 ms of one call per kind instead of timing them (and with
PRINT_CRM_BENCH_PROFILE=1, a cProfile of ten calls).
"""

import os
import random
import re
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bench_customer_lookup as customer_lookup  # noqa: E402
from common import odoo_env, report  # noqa: E402

JOBS = 200_000
TICKETS = 100_000
PER_KIND = 30
SEED = 20261207

# The fields the call desk's form reads back (its view's fields and list columns).
LIST = {"fields": {"display_name": {}}}
SPEC = {
    "query": {},
    "match_ids": {"fields": {"display_name": {}}},
    "partner_id": LIST,
    "customer_id": LIST,
    "contact_id": LIST,
    "region": {},
    "phone": {},
    "job_id": LIST,
    "company_currency_id": LIST,
    "print_segment": {},
    "print_payment_record": {},
    "print_on_time_pct": {},
    "print_revenue": {},
    "print_order_count": {},
    "print_last_order_date": {},
    "amount_due": {},
    "amount_overdue": {},
    "job_ids": {
        "fields": {
            "name": {},
            "title": {},
            "stage_id": LIST,
            "due_date": {},
            "is_late": {},
            "sale_order_id": LIST,
        }
    },
    "ticket_ids": {
        "fields": {
            "number": {},
            "name": {},
            "type_id": LIST,
            "stage_id": LIST,
            "partner_id": LIST,
            "create_date": {},
        }
    },
    "proof_ids": {"fields": {"display_name": {}, "job_id": LIST, "sent_date": {}, "due_date": {}}},
    "order_ids": {
        "fields": {
            "name": {},
            "client_order_ref": {},
            "date_order": {},
            "state": {},
            "currency_id": LIST,
            "amount_total": {},
        }
    },
    "invoice_ids": {
        "fields": {
            "name": {},
            "invoice_date": {},
            "invoice_date_due": {},
            "currency_id": LIST,
            "amount_total_signed": {},
            "amount_residual_signed": {},
            "payment_state": {},
        }
    },
    "contact_ids": {"fields": {"name": {}, "function": {}, "phone": {}, "mobile": {}, "email": {}}},
}


def _clone(env, table, template_id, count, values):
    """Insert ``count`` copies of row ``template_id`` of ``table``; ``values`` gives SQL
    for the columns that differ (on the aliases t: the template, g: 1..count, p: a random
    generated partner)."""
    from odoo.tools import SQL

    cr = env.cr
    cr.execute(
        SQL(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_name = %s AND column_name <> 'id' ORDER BY ordinal_position",
            table,
        )
    )
    columns = [row[0] for row in cr.fetchall()]
    cr.execute(SQL("SELECT min(id), max(id) FROM res_partner"))
    low, high = cr.fetchone()
    cr.execute(
        SQL(
            """INSERT INTO %(table)s (%(columns)s)
            SELECT %(values)s
              FROM %(table)s t, generate_series(1, %(count)s) g
              JOIN LATERAL (SELECT id, commercial_partner_id, name, email FROM res_partner
                             WHERE id >= %(low)s + floor(random() * (%(high)s - %(low)s))::int
                                   + g * 0
                             ORDER BY id LIMIT 1) p ON true
             WHERE t.id = %(template)s""",
            table=SQL.identifier(table),
            columns=SQL(", ").join(SQL.identifier(c) for c in columns),
            values=SQL(", ").join(
                SQL(values[c]) if c in values else SQL.identifier("t", c) for c in columns
            ),
            count=count,
            low=low,
            high=high,
            template=template_id,
        )
    )
    cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))


def _usable_partner_indexes(env):
    """Rebuild the partner indexes that this transaction may not use; return how many.

    An index built in the transaction that wrote the rows is marked indcheckxmin when the
    table has HOT chains this transaction made, and the planner then skips it until the
    transaction ends: every lookup would read the whole table. REINDEX builds them again
    without the mark (a reindex never sets it)."""
    from odoo.tools import SQL

    cr = env.cr
    cr.execute(
        SQL(
            """SELECT c.relname FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
                WHERE x.indrelid = 'res_partner'::regclass AND x.indcheckxmin"""
        )
    )
    names = [row[0] for row in cr.fetchall()]
    for name in names:
        cr.execute(SQL("REINDEX INDEX %s", SQL.identifier(name)))
    return len(names)


def _documents(env):
    """The jobs, tickets and PO references of the generated customers."""
    from odoo import fields
    from odoo.tools import SQL

    partner = env["res.partner"].create({"name": "Bench Call Desk Ltd", "is_company": True})
    job = env["print.job"].create(
        {"title": "Bench catalogue", "partner_id": partner.id, "due_date": fields.Datetime.now()}
    )
    ticket = env["helpdesk.ticket"].create(
        {
            "name": "Bench: colours too dark",
            "description": "<p>Page 4.</p>",
            "partner_id": partner.id,
            "type_id": env.ref("print_crm_service.ticket_type_complaint").id,
        }
    )
    env.flush_all()
    _clone(
        env,
        "print_job",
        job.id,
        JOBS,
        {
            "name": "'JOB/2026/' || lpad(g::text, 6, '0')",
            "partner_id": "p.id",
            "commercial_partner_id": "p.commercial_partner_id",
            "access_token": "md5(g::text)",
        },
    )
    _clone(
        env,
        "helpdesk_ticket",
        ticket.id,
        TICKETS,
        {
            "number": "'HT' || lpad(g::text, 7, '0')",
            "partner_id": "p.id",
            "commercial_partner_id": "p.commercial_partner_id",
            "partner_name": "p.name",
            "partner_email": "p.email",
            "access_token": "md5(g::text)",
        },
    )
    # bigint: earlier benchmarks of the same run roll back their rows, not the id sequence,
    # so ids here can exceed 271,000 and id * 7919 an integer.
    env.cr.execute(
        SQL("UPDATE sale_order SET client_order_ref = 'PO-' || mod(id::bigint * 7919, 1000003)")
    )
    env.cr.execute(SQL("ANALYZE sale_order"))


def _queries(env, rng):
    """{kind: [query, ...]}: what callers say, about customers that have jobs."""
    from odoo.tools import SQL

    cr = env.cr
    cr.execute(
        SQL(
            """SELECT j.name, p.name, p.mobile, p.phone FROM print_job j
                 JOIN res_partner p ON p.id = j.partner_id
                WHERE left(j.name, 9) = 'JOB/2026/' ORDER BY random() LIMIT 2000"""
        )
    )
    rows = cr.fetchall()
    phones = [re.sub(r"\D", "", row[2] or row[3]) for row in rows if row[2] or row[3]]
    cr.execute(SQL("SELECT name, client_order_ref FROM sale_order ORDER BY random() LIMIT 200"))
    orders = cr.fetchall()
    return {
        # The last eight digits, said in two groups, without country or area code.
        "phone": [f"{d[-8:-4]} {d[-4:]}" for d in rng.sample(phones, PER_KIND)],
        "name": [row[1] for row in rng.sample(rows, PER_KIND)],
        "job_number": [row[0] for row in rng.sample(rows, PER_KIND)],
        "order_ref": [row[0] for row in rng.sample(orders, PER_KIND)],
        "po_ref": [row[1] for row in rng.sample(orders, PER_KIND)],
    }


def _user(env):
    from odoo import Command

    groups = env.ref("print_crm_service.group_service_user") | env.ref(
        "print_crm_quote.group_estimate_user"
    )
    return env["res.users"].create(
        {
            "name": "Bench Call Desk",
            "login": "bench-call-desk",
            "groups_id": [Command.set(groups.ids)],
        }
    )


def _show(env, Desk, query):
    """One keystroke-to-record round trip: the lookup field's onchange; ms."""
    env.invalidate_all()
    start = time.perf_counter()
    result = Desk.onchange({"query": query}, ["query"], SPEC)
    elapsed = (time.perf_counter() - start) * 1000
    return elapsed, result["value"].get("customer_id")


def _trace(env, Desk, kinds):
    """PRINT_CRM_BENCH_TRACE=<file>: the plan of each statement slower than 50 ms of one
    call per kind of fragment, written to that file (to see which index a slow case
    misses)."""
    from odoo.sql_db import Cursor

    execute, slow = Cursor.execute, []

    def timed(cr, query, params=None, log_exceptions=True):
        start = time.perf_counter()
        result = execute(cr, query, params, log_exceptions)
        elapsed = (time.perf_counter() - start) * 1000
        if elapsed > 2:
            slow.append((elapsed, query, params))
        return result

    out = open(os.environ["PRINT_CRM_BENCH_TRACE"], "w")  # noqa: SIM115
    if os.environ.get("PRINT_CRM_BENCH_PROFILE"):
        import cProfile
        import io
        import pstats

        profile = cProfile.Profile()
        profile.enable()
        for query in kinds["phone"][2:12]:
            _show(env, Desk, query)
        profile.disable()
        for key in ("cumulative", "tottime"):
            stream = io.StringIO()
            pstats.Stats(profile, stream=stream).sort_stats(key).print_stats(60)
            print(stream.getvalue(), file=out)
    Cursor.execute = timed
    try:
        for kind, queries in kinds.items():
            for query in queries[2:7]:
                slow.clear()
                env.invalidate_all()
                start = time.perf_counter()
                Desk.env["res.partner"]._print_lookup(query)
                lookup_ms = (time.perf_counter() - start) * 1000
                lookup_sql = [round(ms) for ms, *_rest in slow]
                slow.clear()
                total_ms, __ = _show(env, Desk, query)
                steps = [(round(ms), str(q)[:90]) for ms, q, __ in slow]
                print(
                    f"=== {kind} {query!r}: lookup {lookup_ms:.0f} ms {lookup_sql},"
                    f" onchange {total_ms:.0f} ms, sql {sum(ms for ms, __ in steps)} ms {steps}",
                    file=out,
                )
            slow.clear()
            _show(env, Desk, queries[1])
            for elapsed, query, params in [item for item in slow if item[0] > 50]:
                code, args = (
                    (query.code, query.params) if hasattr(query, "code") else (query, params)
                )
                env.cr.execute("EXPLAIN (ANALYZE, BUFFERS) " + code, args)
                plan = "\n".join(row[0] for row in env.cr.fetchall())
                print(
                    f"--- {kind} {queries[1]!r}: {elapsed:.0f} ms\n{code}\n{args}\n{plan}",
                    file=out,
                )
    finally:
        Cursor.execute = execute
        out.close()


def main():
    from odoo.tools import SQL

    rng = random.Random(SEED)
    with odoo_env(settle=("res_partner",)) as env:
        start = time.perf_counter()
        env.cr.execute(SQL("SET LOCAL maintenance_work_mem = '256MB'"))
        definitions = customer_lookup._drop_partner_indexes(env)
        customer_lookup._generate(env)
        customer_lookup._build_indexes(env, definitions)
        reindexed = _usable_partner_indexes(env)
        _documents(env)
        report("service.call_desk_1m_generate", time.perf_counter() - start, "s")
        report("service.call_desk_1m_reindexed", reindexed, "indexes")

        kinds = _queries(env, rng)
        Desk = env["print.call.desk"].with_user(_user(env))
        for queries in kinds.values():  # warm the ORM's caches, as a running server has them
            _show(env, Desk, queries[0])
        if os.environ.get("PRINT_CRM_BENCH_TRACE"):
            _trace(env, Desk, kinds)
            return
        timings, found = {}, 0
        for kind, queries in kinds.items():
            timings[kind] = []
            for query in queries:
                elapsed, customer = _show(env, Desk, query)
                timings[kind].append(elapsed)
                found += bool(customer)
        every = sorted(ms for values in timings.values() for ms in values)
        report("service.call_desk_1m_p95", statistics.quantiles(every, n=20)[-1], "ms")
        report("service.call_desk_1m_p50", statistics.median(every), "ms")
        report("service.call_desk_1m_max", every[-1], "ms")
        for kind, values in timings.items():
            report(f"service.call_desk_1m_p95.{kind}", statistics.quantiles(values, n=20)[-1], "ms")
        report("service.call_desk_1m_found_pct", 100.0 * found / len(every), "%")
        report("service.call_desk_1m_total_runtime", time.perf_counter() - start, "s")


if __name__ == "__main__":
    main()
