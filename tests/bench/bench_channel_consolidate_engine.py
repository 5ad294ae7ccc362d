"""Speed of the purchase consolidation engine (print_crm_channel/engine), on one core.

* ``channel.consolidate_engine_100k``: seconds to consolidate 100,000 open demand lines of 50
  suppliers (each selling 16 of 400 products, three fifths of them in packs of 500, 100 or 25;
  need-by dates over 20 days; 2 % rush over 400 jobs; one open draft per fifth supplier; windows
  in three time zones, every one due) into purchase orders, target <= 0.5 s.

The figure is CPU time of this process (``time.process_time``; the best of 5 runs, as with
timeit), building the input excluded. The engine is loaded as the top-level package
``print_crm_channel_engine`` so that the addon's ``__init__`` (which needs Odoo) never runs.
Runs under ``make bench`` or on its own.
"""

import importlib.util
import os
import random
import sys
import time
from datetime import date, datetime, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

from common import report  # noqa: E402

LINES = 100_000
SUPPLIERS = 50
PRODUCTS = 400


def load_engine():
    """Import print_crm_channel/engine as ``print_crm_channel_engine`` without the addon."""
    if "print_crm_channel_engine" in sys.modules:
        return sys.modules["print_crm_channel_engine"]
    path = os.path.join(ROOT, "print_crm_channel", "engine")
    spec = importlib.util.spec_from_file_location(
        "print_crm_channel_engine",
        os.path.join(path, "__init__.py"),
        submodule_search_locations=[path],
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["print_crm_channel_engine"] = module
    spec.loader.exec_module(module)
    return module


def workload(engine):
    """The demand, suppliers and drafts of the figure (seeded, the same at every run)."""
    rng = random.Random(15)
    start = date(2027, 3, 1)
    packs = [None, None, 500, 100, 25]
    pack_of = {p: packs[p % len(packs)] for p in range(PRODUCTS)}
    zones = ("Asia/Shanghai", "Asia/Taipei", "Europe/Berlin")
    suppliers = [
        engine.Supplier(
            s,
            times=("16:00",) if s % 2 else ("10:00", "15:30"),
            weekdays=() if s % 3 else (1, 4),
            tz=zones[s % 3],
            order_cost=float(s % 7) * 10,
        )
        for s in range(SUPPLIERS)
    ]
    demands = [
        engine.Demand(
            i,
            supplier,
            product,
            float(rng.randrange(1, 5000)),
            start + timedelta(days=rng.randrange(20)),
            rush=rng.random() < 0.02,
            pack_size=pack_of[product],
            job_id=rng.randrange(400),
        )
        for i in range(LINES)
        for supplier in (rng.randrange(SUPPLIERS),)
        for product in ((supplier * 8 + rng.randrange(16)) % PRODUCTS,)
    ]
    drafts = [
        engine.DraftOrder(
            1000 + s,
            s,
            tuple(
                engine.DraftLine(
                    10_000 * s + p, p, start + timedelta(days=p % 20), 500.0, pack_of[p], 480.0
                )
                for p in sorted({(s * 8 + k) % PRODUCTS for k in range(0, 16, 3)})
            ),
        )
        for s in range(0, SUPPLIERS, 5)
    ]
    return demands, suppliers, drafts, datetime(2027, 3, 1, 18, 0)


def main():
    engine = load_engine()
    demands, suppliers, drafts, now = workload(engine)
    result = engine.consolidate(demands, suppliers, now, drafts=drafts)
    placed = sum(len(line.allocations) for o in result.orders for line in o.lines)
    assert placed == LINES and not result.waiting, (placed, len(result.waiting))
    assert {o.supplier_id for o in result.orders if not o.rush} == set(range(SUPPLIERS))
    best = float("inf")
    for _ in range(5):
        begin = time.process_time()
        engine.consolidate(demands, suppliers, now, drafts=drafts)
        best = min(best, time.process_time() - begin)
    report("channel.consolidate_engine_100k", best, "s")


if __name__ == "__main__":
    main()
