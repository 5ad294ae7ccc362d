"""The service statistics over 100,000 tickets.

`bench service.ticket_stats_100k <s> s`: head office opens **Service ▸ Reporting ▸ Ticket
Analysis**: the pivot's read_group by kind and region of the tickets, those resolved within
their deadline, the share, the hours to resolve, repeat complaints and the cost of quality,
over 100,000 complaint tickets of 2,000 customers in 10 regions (the tickets of
bench_service_region_stats.py, generated in SQL inside the benchmark's transaction, which
is rolled back).
`bench service.ticket_stats_100k_branch <s> s`: the same for a user of one region (group
Own Region Only). `bench service.scorecard_100k <s> s`: the staff scorecard's pivot by
employee and month over the same tickets.
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from bench_service_region_stats import REGIONS, TICKETS, setup  # noqa: E402
from common import odoo_env, report  # noqa: E402

ANALYSIS_MEASURES = [
    "ticket_count:sum",
    "within_deadline_count:sum",
    "within_deadline_pct:avg",
    "hours_to_resolve:avg",
    "repeat_count:sum",
    "quality_cost:sum",
]
SCORECARD_MEASURES = [
    "ticket_count:sum",
    "resolved_count:sum",
    "within_deadline_pct:avg",
    "satisfied_count:sum",
    "complaint_count:sum",
    "callback_on_time_pct:avg",
]


def timed(model, user, measures, groupby):
    """The pivot's query as the web client sends it, timed."""
    start = time.perf_counter()
    rows = model.with_user(user).read_group([], measures, groupby, lazy=False)
    return time.perf_counter() - start, rows


def main():
    with odoo_env() as env:
        regions, head_office, branch, _generated = setup(env, "bench-stats")
        Analysis = env["print.service.ticket.analysis"]
        Scorecard = env["print.service.scorecard"]
        groupby = ["print_kind", "print_region_id"]

        timed(Analysis, head_office, ANALYSIS_MEASURES, groupby)  # warm the caches
        elapsed, rows = timed(Analysis, head_office, ANALYSIS_MEASURES, groupby)
        bench = [r for r in rows if r["print_region_id"] and r["print_region_id"][0] in regions.ids]
        assert len(bench) == REGIONS, rows
        assert sum(r["ticket_count"] for r in bench) == TICKETS, bench
        assert sum(r["repeat_count"] for r in bench) > 0, bench
        timed(Analysis, branch, ANALYSIS_MEASURES, groupby)
        elapsed_branch, rows_branch = timed(Analysis, branch, ANALYSIS_MEASURES, groupby)
        seen = {r["print_region_id"][0] for r in rows_branch if r["print_region_id"]}
        assert seen == {regions[0].id}, seen
        timed(Scorecard, head_office, SCORECARD_MEASURES, ["user_id", "date:month"])
        elapsed_scorecard, rows = timed(
            Scorecard, head_office, SCORECARD_MEASURES, ["user_id", "date:month"]
        )
        assert sum(r["ticket_count"] for r in rows) >= TICKETS, rows

        report("service.ticket_stats_100k", elapsed, "s")
        report("service.ticket_stats_100k_branch", elapsed_branch, "s")
        report("service.scorecard_100k", elapsed_scorecard, "s")


if __name__ == "__main__":
    main()
