"""Helpers for benchmarks: an Odoo environment on the database `make bench` prepared.

`make bench` installs the five addons on a fresh copy of the template database and
runs each `tests/bench/bench_*.py` with PRINT_CRM_ODOO_CONF naming its configuration.
A benchmark prints one line per figure: ``bench <name> <value> <unit>``.
"""


def report(name, value, unit):
    """Print one figure in the format `make bench` collects."""
    if isinstance(value, float):
        value = f"{value:.3g}" if value < 100 else f"{value:.0f}"
    print(f"bench {name} {value} {unit}", flush=True)
