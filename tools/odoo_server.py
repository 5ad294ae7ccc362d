#!/usr/bin/env python3
"""Start Odoo's server as upstream's ``odoo-bin`` does, from a script file.

`make run` starts Odoo through this file rather than ``python -m odoo``: Odoo's
prefork server (``--workers``) starts its gevent/websocket child as
``python <sys.argv[0]> gevent ...``, and with ``-m odoo`` ``sys.argv[0]`` is
``odoo/__main__.py``, whose relative import fails when run as a script: the child
dies at once and is respawned many times a second. This script imports ``odoo``
absolutely, so the child lives. ``import odoo`` reads ``sys.argv[1] == "gevent"``
to patch the standard library for gevent and sets TZ=UTC, as odoo-bin does.
"""

import os
import sys

# Run as a script, this folder is sys.path[0]; keep it from shadowing anything.
if sys.path and os.path.abspath(sys.path[0] or ".") == os.path.dirname(os.path.abspath(__file__)):
    sys.path.pop(0)

import odoo  # noqa: E402

if __name__ == "__main__":
    odoo.cli.main()
