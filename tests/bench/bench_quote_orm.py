"""Queries to turn an accepted estimate break into a sale order line.

`bench quote.orm.estimate_to_order` (an estimate of 1 break) and `..._10_breaks`: the same
count is expected whatever the number of quantity breaks (target at most 60).
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import odoo_env, report  # noqa: E402


def _shop(env):
    from odoo import Command

    env["print.press"].create(
        {
            "name": "Bench SRA3",
            "code": "BENCH-SRA3",
            "max_sheet_width": 320,
            "max_sheet_length": 450,
            "hourly_rate": 90,
            "plate_cost": 12,
        }
    )
    paper = env["print.substrate"].create(
        {
            "name": "Bench Gloss 130",
            "code": "BENCH-G130",
            "sheet_width": 320,
            "sheet_length": 450,
            "gsm": 130,
            "price": 1100,
        }
    )
    env["print.operation"].create(
        {
            "name": "Bench Guillotine",
            "code": "BENCH-CUT",
            "process": "cut",
            "basis": "cut",
            "setup_hours": 0.1,
            "hourly_rate": 40,
            "unit_price": 0.2,
        }
    )
    partner = env["res.partner"].create({"name": "Bench Customer"})

    def make(breaks):
        estimate = env["print.estimate"].create(
            {
                "partner_id": partner.id,
                "title": "Bench flyer",
                "finished_width": 210,
                "finished_height": 297,
                "part_ids": [Command.create({"substrate_id": paper.id})],
                "break_ids": [Command.create({"quantity": 250 * (i + 1)}) for i in range(breaks)],
            }
        )
        estimate.action_compute()
        return estimate

    return make


def _queries(env, estimate):
    import odoo

    env.flush_all()
    env.invalidate_all()
    before = odoo.sql_db.sql_counter
    estimate._accept_break(estimate.break_ids[0])
    env.flush_all()
    return odoo.sql_db.sql_counter - before


def main():
    with odoo_env() as env:
        make = _shop(env)
        _queries(env, make(1))  # warm the caches of the ORM and the registry
        report("quote.orm.estimate_to_order", _queries(env, make(1)), "queries")
        report("quote.orm.estimate_to_order_10_breaks", _queries(env, make(10)), "queries")


if __name__ == "__main__":
    main()
