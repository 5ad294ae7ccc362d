"""Load the engine as the top-level package ``print_crm_channel_engine``, never importing Odoo.

As for the estimating engine (``print_crm_quote/engine/tests/conftest.py``):
``print_crm_channel/__init__.py`` imports the addon's Odoo models, which only load inside Odoo.
This folder has no ``__init__.py``, and an empty stand-in module for ``print_crm_channel`` is
registered (only when no real one is loaded) with ``print_crm_channel.engine`` aliased to the
engine loaded here, for pytest >= 8 importing ancestor packages while setting up the tests.

Tests import ``print_crm_channel_engine``.
"""

import importlib.util
import sys
import types
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[1]
ADDON = ENGINE.parent


def _load_engine():
    if "print_crm_channel_engine" in sys.modules:
        return sys.modules["print_crm_channel_engine"]
    spec = importlib.util.spec_from_file_location(
        "print_crm_channel_engine", ENGINE / "__init__.py", submodule_search_locations=[str(ENGINE)]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["print_crm_channel_engine"] = module
    spec.loader.exec_module(module)
    return module


engine = _load_engine()
if "print_crm_channel" not in sys.modules:
    stand_in = types.ModuleType("print_crm_channel")
    stand_in.__file__ = str(ADDON / "__init__.py")
    stand_in.__path__ = [str(ADDON)]
    sys.modules["print_crm_channel"] = stand_in
    sys.modules.setdefault("print_crm_channel.engine", engine)
