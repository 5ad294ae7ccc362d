"""Throughput of the estimating engine (print_crm_quote/engine), on one core.

One estimate = one job spec with 5 quantity breaks over the test shop's master data (4 presses,
15 papers, 7 operations; print_crm_quote/engine/tests/fixtures.py):

* ``quote.engine.flyer_5_breaks``: an A4 4/4 flyer on a paper grade stocked in three sizes
  (SRA3, 700x1000, 大度), target >= 10,000 estimates/s;
* ``quote.engine.book_5_breaks``: an A5 200-page perfect-bound book, 1/1 text on a grade in
  two sizes (700x1000, 正度), 4/0 cover, grain along the spine, target >= 1,000 estimates/s.

An estimate here is ``estimate(spec, master)``: validation, imposition and costing of every
route that can win, the cheapest route, cost and price at each break. The job-ticket details of
a break (``routes``, ``lines``) and the list of alternatives are built from the same routes on
first access and are not part of the figure. Figures are calls per CPU-second of this process
(see ``rate``). The engine is loaded as the top-level package ``print_crm_engine`` so that the
addon's ``__init__`` (which needs Odoo) never runs. Runs under ``make bench`` or on its own.
"""

import importlib.util
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

from common import report  # noqa: E402


def load_engine():
    """Import print_crm_quote/engine as ``print_crm_engine`` without importing the addon."""
    if "print_crm_engine" in sys.modules:
        return sys.modules["print_crm_engine"]
    path = os.path.join(ROOT, "print_crm_quote", "engine")
    spec = importlib.util.spec_from_file_location(
        "print_crm_engine", os.path.join(path, "__init__.py"), submodule_search_locations=[path]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["print_crm_engine"] = module
    spec.loader.exec_module(module)
    return module


def rate(func, seconds=0.15, repeats=15):
    """Calls per CPU-second of ``func`` on one core: the best of ``repeats`` runs of about
    ``seconds`` each. CPU time of this process (``time.process_time``) rather than wall time,
    so that other processes sharing the machine do not count; the best run is the one least
    disturbed (cache, frequency), as with timeit."""
    func()
    n = 1
    while True:  # calibrate
        start = time.process_time()
        for _ in range(n):
            func()
        elapsed = time.process_time() - start
        if elapsed > 0.1:
            break
        n *= 2
    n = max(1, int(n * seconds / elapsed))
    best = 0.0
    for _ in range(repeats):
        start = time.process_time()
        for _ in range(n):
            func()
        best = max(best, n / (time.process_time() - start))
    return best


def main():
    engine = load_engine()
    from print_crm_engine.tests import fixtures

    master = fixtures.shop()
    Part, JobSpec, estimate = engine.Part, engine.JobSpec, engine.estimate
    flyer = JobSpec(
        "flat",
        "A4",
        (500, 1000, 2500, 5000, 10000),
        (Part("gloss-130", colours_front=4, colours_back=4),),
    )
    book = JobSpec(
        "perfect_bound",
        "A5",
        (250, 500, 1000, 2000, 5000),
        (
            Part("woodfree-80", colours_front=1, colours_back=1, pages=200),
            Part("silk-250", colours_front=4, colours_back=0, role="cover"),
        ),
        grain="height",
    )
    for spec in (flyer, book):  # every break priced
        result = estimate(spec, master)
        assert len(result.breaks) == 5 and all(b.price > 0 for b in result.breaks)
    report("quote.engine.flyer_5_breaks", rate(lambda: estimate(flyer, master)), "estimates/s")
    report("quote.engine.book_5_breaks", rate(lambda: estimate(book, master)), "estimates/s")


if __name__ == "__main__":
    main()
