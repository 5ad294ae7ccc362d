"""print_crm purchasing engine: plain Python, standard library only, nothing from Odoo.

Turns open purchase demand (outsourced work, paper, materials of confirmed jobs) into purchase
orders per supplier; the addon turns records into this input, calls the engine and writes the
result (DESIGN.md, "Pure engines")::

    from .engine import Demand, Supplier, DraftOrder, DraftLine, consolidate

    result = consolidate(demands, suppliers, now, drafts=drafts)
    for order in result.orders:       # one batch PO per due supplier, one rush PO per rush job
        order.supplier_id, order.draft_id, order.lines[0].allocations
    result.waiting, result.next_send, result.batched, result.rush_costs()

Inputs: ``Demand``, ``Supplier`` (batch window and fixed order cost), ``DraftOrder`` and
``DraftLine`` (the open drafts to add to). Results: ``Result``, ``PurchaseOrder``, ``OrderLine``.
Windows: ``next_window``, ``previous_window``, ``window_due``. Packs: ``round_to_packs``.
Errors: ``ConsolidationError`` (a ValueError with ``.field``).
"""

from .consolidate import (
    PACK_TOLERANCE,
    ConsolidationError,
    Demand,
    DraftLine,
    DraftOrder,
    OrderLine,
    PurchaseOrder,
    Result,
    Supplier,
    consolidate,
    next_window,
    previous_window,
    round_to_packs,
    window_due,
)

__all__ = [
    "PACK_TOLERANCE",
    "ConsolidationError",
    "Demand",
    "DraftLine",
    "DraftOrder",
    "OrderLine",
    "PurchaseOrder",
    "Result",
    "Supplier",
    "consolidate",
    "next_window",
    "previous_window",
    "round_to_packs",
    "window_due",
]
