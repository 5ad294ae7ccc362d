"""print_crm estimating engine: plain Python, standard library only, nothing from Odoo.

Public API (documented in doc/engine.md)::

    from .engine import JobSpec, Part, MasterData, estimate

    result = estimate(spec, master)            # -> Estimate
    result.breaks[0].price, result.to_dict()

Inputs: ``Press``, ``Substrate``, ``Operation``, ``InkCost``, ``MasterData``, ``Part``,
``JobSpec``, ``PricePolicy``. Results: ``Estimate``, ``BreakResult``, ``Route``, ``Form``,
``CostLine``, ``Alternative``; their words are ``Phrase`` codes (``words``: ``ITEMS``,
``UNITS``, ``METHODS``, ``LAYOUTS``, ``VERDICTS``, ``REJECTIONS``). Errors: ``SpecError``
(a ValueError with ``.field``).
Sizes: the ``sizes`` module (ISO, SRA, 正度/大度 and their 开 cuts, ``sizes.cut``).
"""

from . import sizes
from .costing import estimate, run_hours
from .words import ITEMS, LAYOUTS, METHODS, REJECTIONS, UNITS, VERDICTS, Phrase
from .model import (
    BASES,
    CATEGORIES,
    DEFAULT_POLICY,
    KINDS,
    PROCESSES,
    Alternative,
    BreakResult,
    CostLine,
    Estimate,
    Form,
    InkCost,
    JobSpec,
    MasterData,
    Operation,
    Part,
    Press,
    PricePolicy,
    Route,
    SpecError,
    Substrate,
)

__all__ = [
    "BASES",
    "CATEGORIES",
    "DEFAULT_POLICY",
    "ITEMS",
    "KINDS",
    "LAYOUTS",
    "METHODS",
    "PROCESSES",
    "REJECTIONS",
    "UNITS",
    "VERDICTS",
    "Alternative",
    "BreakResult",
    "CostLine",
    "Estimate",
    "Form",
    "InkCost",
    "JobSpec",
    "MasterData",
    "Operation",
    "Part",
    "Press",
    "Phrase",
    "PricePolicy",
    "Route",
    "SpecError",
    "Substrate",
    "estimate",
    "run_hours",
    "sizes",
]
