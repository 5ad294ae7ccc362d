"""How long Odoo takes to load a database with the whole suite installed.

That is the wait after every server (re)start or worker recycle, and the fixed
cost of every `make test` run; a growing figure means an addon does too much at
load time.
"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from common import report  # noqa: E402


def main():
    import odoo

    odoo.tools.config.parse_config(["-c", os.environ["PRINT_CRM_ODOO_CONF"]])
    start = time.perf_counter()
    registry = odoo.modules.registry.Registry(odoo.tools.config["db_name"])
    report("suite.registry_load", time.perf_counter() - start, "s")
    report("suite.models", len(registry.models), "models")


if __name__ == "__main__":
    main()
