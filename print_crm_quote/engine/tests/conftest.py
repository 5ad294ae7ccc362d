"""Load the engine as the top-level package ``print_crm_engine``, never importing Odoo.

``print_crm_quote/__init__.py`` imports the addon's Odoo models, which only load inside Odoo
(as ``odoo.addons.print_crm_quote``). Two things would run it under plain pytest:

* a test package: this folder therefore has no ``__init__.py`` (pytest would import
  ``print_crm_quote.engine.tests.conftest`` and so ``print_crm_quote``);
* pytest >= 8 importing every ancestor package's ``__init__.py`` while setting up the tests:
  an empty stand-in module for ``print_crm_quote`` is registered first (only when no real one is
  loaded), and ``print_crm_quote.engine`` is aliased to the engine loaded here.

Tests import ``print_crm_engine`` (and ``print_crm_engine.tests.fixtures``).
"""

import importlib.util
import sys
import types
from pathlib import Path

ENGINE = Path(__file__).resolve().parents[1]
ADDON = ENGINE.parent


def _load_engine():
    if "print_crm_engine" in sys.modules:
        return sys.modules["print_crm_engine"]
    spec = importlib.util.spec_from_file_location(
        "print_crm_engine", ENGINE / "__init__.py", submodule_search_locations=[str(ENGINE)]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules["print_crm_engine"] = module
    spec.loader.exec_module(module)
    return module


engine = _load_engine()
if "print_crm_quote" not in sys.modules:
    stand_in = types.ModuleType("print_crm_quote")
    stand_in.__file__ = str(ADDON / "__init__.py")
    stand_in.__path__ = [str(ADDON)]
    sys.modules["print_crm_quote"] = stand_in
    sys.modules.setdefault("print_crm_quote.engine", engine)
