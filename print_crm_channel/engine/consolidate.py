"""Consolidation of purchase demand into purchase orders per supplier, with batch windows.

Rules (issue 15, "Batches per supplier"):

* Lines of different suppliers never share an order.
* **Rush** demand (``Demand.rush``) never waits: at every run it goes out at once, in an order
  of its own per supplier and job (never added to an open draft, which waits for its window).
  Its ``PurchaseOrder.extra_cost`` is the supplier's fixed ``order_cost``: what ordering alone
  costs more than riding in the batch; ``Result.rush_costs()`` sums it per job.
* **Non-rush** demand waits for its supplier's batch window. At a run, a supplier's window is
  *due* when a window instant fell after its last batch (``window_due``); then all its open
  non-rush demand becomes one order, added to the supplier's open draft when one is given.
  Demand of a supplier that is not due is returned in ``Result.waiting`` with the supplier's
  next window in ``Result.next_send``. A supplier with no window (``times=()``) or not given at
  all is due at every run; ``force=True`` makes every supplier due ("order now").
* Inside an order, demand is merged into one line per product, need-by date and pack size (a
  supplier sells a product in one pack, so in practice per product and need-by date). The line's
  quantity is the demand's total rounded **up** to whole packs (``round_to_packs``): never less
  than the demand, less than one pack more. Added to an open draft's line, the rounding is of
  the draft line's demand plus the new demand, so adding never rounds twice; a draft line never
  orders less than it did (a buyer may have raised it: the new demand then uses that margin).
* Every demand line lands in exactly one order line (``OrderLine.allocations``: demand id and
  quantity, in demand id order) or in ``Result.waiting``. The output order is deterministic,
  whatever the input order: orders by supplier, then the batch before rush orders by job; lines
  by need-by date, product and pack; quantities are summed with ``math.fsum``.

Datetimes without a time zone are UTC, as Odoo stores them; window times are wall-clock times
in the supplier's time zone (an IANA name, e.g. ``"Asia/Shanghai"``), daylight saving included.
Ids (demand, supplier, product, job) are opaque but must compare among themselves (all ints,
say) for the deterministic order.
"""

import gc
import math
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from operator import attrgetter
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

#: Float noise forgiven when rounding to packs, as a fraction of a pack: 1,000.0000000001
#: sheets in reams of 500 are 2 reams, not 3.
PACK_TOLERANCE = 1e-9

_INF = math.inf
_UTC = timezone.utc


class ConsolidationError(ValueError):
    """Malformed input. ``field`` is the path of the offending input, e.g.
    ``"demands[3].quantity"``, ``"suppliers[1].tz"``, ``"now"``; ``message`` says it in English."""

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


# --------------------------------------------------------------------------- input


@dataclass(frozen=True, slots=True)
class Demand:
    """One line of open purchase demand.

    ``quantity`` is in the product's purchase unit (sheets, units, hours of outsourced work) and
    ``pack_size`` the number of those units the supplier sells together (500 sheets a ream, a
    carton, a pallet), or ``None`` when any quantity can be bought. ``need_by`` is the date the
    job needs it; ``rush`` when the job is rush; ``job_id`` the job it serves (``None`` for
    demand of no job: a rush one then gets an order of its own).
    """

    id: Hashable
    supplier_id: Hashable
    product_id: Hashable
    quantity: float
    need_by: date
    rush: bool = False
    pack_size: float | None = None
    job_id: Hashable | None = None


def _time(value, where):
    if isinstance(value, str):
        try:
            value = time.fromisoformat(value)
        except ValueError:
            message = f"expected a time like '16:00', not {value!r}"
            raise ConsolidationError(where, message) from None
    if not isinstance(value, time) or value.tzinfo is not None:
        raise ConsolidationError(where, f"expected a wall-clock time, not {value!r}")
    return value


@dataclass(frozen=True, slots=True)
class Supplier:
    """A supplier's batch window and order cost.

    The window opens at each of ``times`` (wall-clock, ``datetime.time`` or ``"HH:MM"``) in time
    zone ``tz`` on each of ``weekdays`` (0 = Monday ... 6 = Sunday; empty: every day): daily at
    16:00 is ``Supplier(7)``; Tuesdays and Fridays at 10:00 is
    ``Supplier(7, times=("10:00",), weekdays=(1, 4))``. ``times=()``: no batching, the supplier
    is due at every run. ``last_batch``: when its last batch was made (``None``: never), see
    ``window_due``. ``order_cost``: the fixed cost of one order (carriage, handling), charged
    again by each rush order that goes alone.
    """

    id: Hashable
    times: tuple = (time(16, 0),)
    weekdays: tuple = ()
    tz: str = "UTC"
    order_cost: float = 0.0
    last_batch: datetime | None = None

    def __post_init__(self):
        times = tuple(sorted({_time(t, f"times[{i}]") for i, t in enumerate(self.times)}))
        object.__setattr__(self, "times", times)
        days = set()
        for i, day in enumerate(self.weekdays):
            if isinstance(day, bool) or not isinstance(day, int) or not 0 <= day <= 6:
                raise ConsolidationError(
                    f"weekdays[{i}]", f"expected 0 (Monday) to 6 (Sunday), not {day!r}"
                )
            days.add(day)
        object.__setattr__(self, "weekdays", tuple(sorted(days)))
        try:
            ZoneInfo(self.tz)
        except (ZoneInfoNotFoundError, ValueError, TypeError):
            raise ConsolidationError("tz", f"unknown time zone {self.tz!r}") from None
        cost = self.order_cost
        if isinstance(cost, bool) or not isinstance(cost, int | float) or not 0 <= cost < _INF:
            raise ConsolidationError("order_cost", f"expected a cost >= 0, not {cost!r}")
        if self.last_batch is not None and not isinstance(self.last_batch, datetime):
            raise ConsolidationError(
                "last_batch", f"expected a datetime or None, not {self.last_batch!r}"
            )


@dataclass(frozen=True, slots=True)
class DraftLine:
    """A line of an open draft order. ``quantity`` is what it orders now; ``demand_quantity``
    the demand it serves (``None``: the same as ``quantity``), from which adding demand rounds
    again."""

    id: Hashable
    product_id: Hashable
    need_by: date
    quantity: float
    pack_size: float | None = None
    demand_quantity: float | None = None


@dataclass(frozen=True, slots=True)
class DraftOrder:
    """A supplier's open draft order, to which its next batch is added (one per supplier)."""

    id: Hashable
    supplier_id: Hashable
    lines: tuple = ()


# --------------------------------------------------------------------------- output


@dataclass(slots=True)
class OrderLine:
    """A line of a purchase order: ``quantity`` (``packs`` of ``pack_size``, or the exact
    demand when there is no pack) of ``product_id`` needed by ``need_by``.

    ``allocations``: ``(demand_id, quantity)`` of each demand line it serves, in demand id
    order; ``demand_quantity`` their total. On a line of an open draft, ``draft_line_id`` names
    it, ``draft_quantity`` is the demand it already served and ``previous_quantity`` what it
    ordered before: ``quantity >= max(previous_quantity, draft_quantity + demand_quantity)``,
    less than one pack over the larger. Read-only.
    """

    product_id: Hashable
    need_by: date
    pack_size: float | None
    quantity: float
    packs: int | None
    demand_quantity: float
    allocations: tuple
    draft_line_id: Hashable | None = None
    draft_quantity: float = 0.0
    previous_quantity: float = 0.0

    @property
    def demand_ids(self) -> tuple:
        return tuple(a[0] for a in self.allocations)

    @property
    def over_buy(self) -> float:
        """What the line orders beyond the demand it serves: less than one pack, unless a
        buyer raised the draft line beyond its demand."""
        return self.quantity - self.draft_quantity - self.demand_quantity


@dataclass(slots=True)
class PurchaseOrder:
    """A purchase order (or the additions to an open draft: ``draft_id``) for one supplier.

    ``rush``: a rush order, sent at once, for ``job_id`` (``None`` when its one demand line has
    no job); ``extra_cost`` is the supplier's ``order_cost`` for a rush order, 0 for a batch.
    Read-only.
    """

    supplier_id: Hashable
    rush: bool
    job_id: Hashable | None
    lines: tuple
    draft_id: Hashable | None = None
    extra_cost: float = 0.0

    @property
    def demand_ids(self) -> tuple:
        return tuple(a[0] for line in self.lines for a in line.allocations)


@dataclass(slots=True)
class Result:
    """What one run decided.

    ``orders``: the purchase orders to create (or drafts to add to); ``waiting``: ids of the
    demand that waits for its supplier's window, by supplier then id; ``next_send``: the next
    window (aware, UTC) of each supplier with waiting demand; ``batched``: the suppliers whose
    window was due at this run (the caller records ``now`` as their ``last_batch``).
    """

    orders: tuple
    waiting: tuple = ()
    next_send: dict = field(default_factory=dict)
    batched: tuple = ()

    def rush_costs(self) -> dict:
        """Extra cost of ordering alone, per rush job (summed over its suppliers' orders)."""
        costs: dict = {}
        for order in self.orders:
            if order.rush and order.job_id is not None:
                costs.setdefault(order.job_id, []).append(order.extra_cost)
        return {job: math.fsum(values) for job, values in costs.items()}

    def placement(self) -> dict:
        """``{demand_id: (order, line)}`` for every demand line ordered at this run."""
        return {
            demand_id: (order, line)
            for order in self.orders
            for line in order.lines
            for demand_id, _qty in line.allocations
        }


# --------------------------------------------------------------------------- windows


def _aware(value: datetime, where: str) -> datetime:
    if not isinstance(value, datetime):
        raise ConsolidationError(where, f"expected a datetime, not {value!r}")
    return value.replace(tzinfo=_UTC) if value.tzinfo is None else value


def _instants(supplier: Supplier, around: datetime, offsets: Iterable[int]):
    """Window instants of ``supplier`` on the local days ``around``'s day + each offset."""
    tz = ZoneInfo(supplier.tz)
    today = around.astimezone(tz).date()
    weekdays = supplier.weekdays
    for offset in offsets:
        day = today + timedelta(days=offset)
        if weekdays and day.weekday() not in weekdays:
            continue
        for at in supplier.times:
            yield datetime.combine(day, at, tzinfo=tz)


def next_window(supplier: Supplier, after: datetime) -> datetime | None:
    """The first window instant of ``supplier`` strictly after ``after`` (aware, UTC), or
    ``None`` for a supplier with no window (``times=()``)."""
    after = _aware(after, "after")
    if not supplier.times:
        return None
    for instant in _instants(supplier, after, range(-1, 9)):
        if instant > after:
            return instant.astimezone(_UTC)
    return None  # unreachable: a week always holds a window


def previous_window(supplier: Supplier, now: datetime) -> datetime | None:
    """The last window instant of ``supplier`` at or before ``now`` (aware, UTC), or ``None``
    for a supplier with no window."""
    now = _aware(now, "now")
    if not supplier.times:
        return None
    candidates = [i for i in _instants(supplier, now, range(-8, 2)) if i <= now]
    return max(candidates).astimezone(_UTC) if candidates else None


def window_due(supplier: Supplier, now: datetime) -> bool:
    """Whether ``supplier``'s batch is due at ``now``: a window instant fell after its
    ``last_batch`` and at or before ``now``. A supplier never batched (``last_batch=None``) or
    with no window (``times=()``) is due."""
    if not supplier.times or supplier.last_batch is None:
        return True
    previous = previous_window(supplier, now)
    return previous is not None and previous > _aware(supplier.last_batch, "last_batch")


# --------------------------------------------------------------------------- packs


def round_to_packs(quantity: float, pack_size: float | None) -> tuple:
    """``(quantity to order, packs)``: ``quantity`` rounded up to whole packs of
    ``pack_size`` (at least one pack for any positive quantity; float noise under
    ``PACK_TOLERANCE`` of a pack forgiven), or ``(quantity, None)`` when there is no pack."""
    if pack_size is None:
        return quantity, None
    packs = math.ceil(quantity / pack_size - PACK_TOLERANCE)
    if packs < 1 and quantity > 0:
        packs = 1
    return packs * pack_size, packs


# --------------------------------------------------------------------------- consolidation


def _positive(value, where, what):
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < _INF:
        raise ConsolidationError(where, f"expected a {what} > 0, not {value!r}")


def _is_date(value):
    return isinstance(value, date) and not isinstance(value, datetime)


def _line_order(key):
    """Sort key of a line key (product, need_by, pack): need-by date, product, pack."""
    product, need_by, pack = key
    return (need_by, product, pack is not None, pack or 0)


def _drafts_by_supplier(drafts: Sequence[DraftOrder]) -> dict:
    """``{supplier_id: (draft, {(product, need_by, pack): first draft line})}``."""
    result = {}
    for i, draft in enumerate(drafts):
        if not isinstance(draft, DraftOrder):
            raise ConsolidationError(f"drafts[{i}]", f"expected a DraftOrder, not {draft!r}")
        if draft.supplier_id in result:
            raise ConsolidationError(
                f"drafts[{i}].supplier_id",
                f"a second open draft for supplier {draft.supplier_id!r}",
            )
        index = {}
        for j, line in enumerate(draft.lines):
            where = f"drafts[{i}].lines[{j}]"
            if not isinstance(line, DraftLine):
                raise ConsolidationError(where, f"expected a DraftLine, not {line!r}")
            if not _is_date(line.need_by):
                raise ConsolidationError(f"{where}.need_by", "expected a date")
            if line.pack_size is not None:
                _positive(line.pack_size, f"{where}.pack_size", "pack size")
            for name in ("quantity", "demand_quantity"):
                value = getattr(line, name)
                if value is not None and (
                    isinstance(value, bool)
                    or not isinstance(value, int | float)
                    or not 0 <= value < _INF
                ):
                    raise ConsolidationError(
                        f"{where}.{name}", f"expected a quantity >= 0, not {value!r}"
                    )
            index.setdefault((line.product_id, line.need_by, line.pack_size), line)
        result[draft.supplier_id] = (draft, index)
    return result


def _check_demand(i, demand):
    """Raise the precise ``ConsolidationError`` of ``demand`` (at index ``i``), if any."""
    if not isinstance(demand, Demand):
        raise ConsolidationError(f"demands[{i}]", f"expected a Demand, not {demand!r}")
    _positive(demand.quantity, f"demands[{i}].quantity", "quantity")
    if demand.pack_size is not None:
        _positive(demand.pack_size, f"demands[{i}].pack_size", "pack size")
    if not _is_date(demand.need_by):
        message = f"expected a date, not {demand.need_by!r}"
        raise ConsolidationError(f"demands[{i}].need_by", message)
    if demand.supplier_id is None:
        raise ConsolidationError(f"demands[{i}].supplier_id", "a supplier is required")


def _check_all(demands):
    """The slow path: find and raise the first malformed demand line, or a duplicate id."""
    seen = set()
    for i, demand in enumerate(demands):
        _check_demand(i, demand)
        if demand.id in seen:
            raise ConsolidationError(f"demands[{i}].id", f"duplicate demand id {demand.id!r}")
        seen.add(demand.id)


_FIELDS = attrgetter("id", "supplier_id", "product_id", "quantity", "need_by", "rush", "pack_size")


def consolidate(
    demands: Iterable[Demand],
    suppliers: Iterable[Supplier] = (),
    now: datetime | None = None,
    drafts: Sequence[DraftOrder] = (),
    force: bool = False,
) -> Result:
    """Turn open demand into purchase orders at ``now`` (see the module's docstring).

    ``suppliers``: the batch window of each supplier (a supplier not given is due at every run);
    ``drafts``: at most one open draft order per supplier, to which its batch is added;
    ``force``: every supplier's window is due. Raises ``ConsolidationError`` on malformed input
    (duplicate demand id, quantity or pack not > 0, need-by not a date, ``now`` missing).

    The cyclic garbage collector is paused during the run: the engine makes no reference
    cycles, and its passes over the 100,000s of small tuples it makes would double the time.
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _consolidate(demands, suppliers, now, drafts, force)
    finally:
        if collecting:
            gc.enable()


def _consolidate(demands, suppliers, now, drafts, force):
    if now is None:
        raise ConsolidationError("now", "the time of the run is required")
    now = _aware(now, "now")
    by_id: dict[Any, Supplier] = {}
    for i, supplier in enumerate(suppliers):
        if not isinstance(supplier, Supplier):
            raise ConsolidationError(f"suppliers[{i}]", f"expected a Supplier, not {supplier!r}")
        if supplier.id in by_id:
            raise ConsolidationError(f"suppliers[{i}].id", f"duplicate supplier {supplier.id!r}")
        by_id[supplier.id] = supplier
    open_drafts = _drafts_by_supplier(drafts)
    due = {sid: force or window_due(s, now) for sid, s in by_id.items()}
    demands = demands if isinstance(demands, list | tuple) else list(demands)

    # One pass over the demand, the hot loop: group it by order and line. An order key is
    # (supplier, 0, 0, None) for the batch and (supplier, 1, 0, job) or (supplier, 1, 1,
    # demand id) for a rush order; a line key (need_by, product, pack or 0).
    orders_lines: dict = {}  # order key -> {line key -> [(demand id, qty)]}
    waiting = []
    batch_of = {}  # supplier -> its batch's lines dict, or None when its window is not due
    try:
        for demand, (did, sid, product, qty, need_by, rush, pack) in zip(
            demands, map(_FIELDS, demands), strict=True
        ):
            if (
                not 0 < qty < _INF
                or need_by.__class__ is not date
                or (pack is not None and not 0 < pack < _INF)
                or sid is None
            ):
                _check_demand(demands.index(demand), demand)
            if rush:
                job = demand.job_id
                okey = (sid, 1, 0, job) if job is not None else (sid, 1, 1, did)
                lines = orders_lines.get(okey)
                if lines is None:
                    lines = orders_lines[okey] = {}
            else:
                lines = batch_of.get(sid, False)
                if lines is False:
                    if due.setdefault(sid, True):  # a supplier without a window is due
                        lines = orders_lines[(sid, 0, 0, None)] = {}
                    else:
                        lines = None
                    batch_of[sid] = lines
                if lines is None:
                    waiting.append((sid, did))
                    continue
            lkey = (need_by, product, pack or 0)
            allocations = lines.get(lkey)
            if allocations is None:
                lines[lkey] = [(did, qty)]
            else:
                allocations.append((did, qty))
    except (TypeError, AttributeError):
        _check_all(demands)
        raise
    if len(set(map(_ID, demands))) != len(demands):
        _check_all(demands)

    fsum = math.fsum
    orders = []
    for okey in sorted(orders_lines):
        sid, kind, _no_job, job = okey
        lines = orders_lines[okey]
        supplier = by_id.get(sid)
        draft, draft_lines = (None, {})
        if not kind and sid in open_drafts:
            draft, draft_lines = open_drafts[sid]
        order_lines = []
        for lkey in sorted(lines):
            allocations = lines[lkey]
            need_by, product, pack = lkey
            pack = pack or None
            if len(allocations) == 1:
                demand_qty = float(allocations[0][1])
            else:
                allocations.sort()
                demand_qty = fsum([a[1] for a in allocations])
            draft_line = draft_lines.get((product, need_by, pack)) if draft_lines else None
            if draft_line is None:
                quantity, packs = round_to_packs(demand_qty, pack)
                order_lines.append(
                    OrderLine(
                        product, need_by, pack, quantity, packs, demand_qty, tuple(allocations)
                    )
                )
                continue
            served = draft_line.demand_quantity
            if served is None:
                served = draft_line.quantity
            quantity, packs = round_to_packs(served + demand_qty, pack)
            if quantity < draft_line.quantity:  # never lower what a buyer ordered
                quantity, packs = round_to_packs(draft_line.quantity, pack)
            order_lines.append(
                OrderLine(
                    product,
                    need_by,
                    pack,
                    quantity,
                    packs,
                    demand_qty,
                    tuple(allocations),
                    draft_line.id,
                    served,
                    draft_line.quantity,
                )
            )
        orders.append(
            PurchaseOrder(
                sid,
                bool(kind),
                None if _no_job else job,
                tuple(order_lines),
                draft.id if draft is not None else None,
                (supplier.order_cost if supplier is not None else 0.0) if kind else 0.0,
            )
        )

    waiting.sort()
    next_send = {}
    for sid, _did in waiting:
        if sid not in next_send:
            next_send[sid] = next_window(by_id[sid], now)
    return Result(
        tuple(orders),
        tuple(did for _sid, did in waiting),
        next_send,
        tuple(sorted(sid for sid, is_due in due.items() if is_due)),
    )


_ID = attrgetter("id")
