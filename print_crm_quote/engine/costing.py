"""Routes, their costs and the choice of the cheapest one per part and quantity break.

How an estimate is made (doc/engine.md gives the estimator's view):

1. For each part, every press x substrate pair (the substrates the part names: one code, or
   every size of a grade) gives one *press sheet*: the largest 开 cut of the parent sheet that the
   press takes (computed once per MasterData and cached on it).
2. The part is imposed on that sheet (pieces n-up, or signatures plus a residual form) and
   printed by the methods that apply (single-sided, sheetwise or perfecting, work-and-turn,
   digital). Each feasible combination is a *route*; an infeasible one is kept with its reason.
3. Nothing about a route but the quantity varies between breaks, so its cost is
   ``fixed_cost + cost_per_copy * q`` plus a few *steps* (below ``below`` copies, add ``add +
   add_per_copy * q``) that make the one-lift minimum of guillotine work and the speed bands of
   a press exact. Only an operation with a minimum cost, below the quantity where that minimum
   stops binding, is costed line by line. The per-break work is plain arithmetic (see
   ``_costs_at``).
4. At each break the cheapest route of each part wins; job-level operations (stitching, binding,
   operations the spec lists) are added; the price policy turns the cost into a price.

By definition a route's cost is the sum of its cost lines (``_Route.lines``); the fast form
above is checked against it by the tests. Costs are proportional to the exact sheet demand (a
break of 1001 flyers 2-up is 500.5 net sheets); the routes report whole sheets rounded up for
the job ticket. Hence total cost never falls and unit price never rises as the quantity grows.
"""

import dataclasses
import math
from typing import NamedTuple

from . import imposition
from .model import (
    DEFAULT_POLICY,
    PROCESSES,
    Alternative,
    BreakResult,
    CostLine,
    Estimate,
    Form,
    Route,
    SpecError,
    _size,
    validate,
)
from .sizes import cut as _cut
from .sizes import cut_grain as _cut_grain
from .words import Phrase

_BASIS_UNITS = {
    "job": "job",
    "copy": "copies",
    "piece": "pieces",
    "sheet": "sheets",
    "m2": "m²",
    "cut": "cuts",
}


# --------------------------------------------------------------------------- master level


class _Op(NamedTuple):
    """An operation with its cost constants (see ``Operation``), cached per MasterData."""

    operation: object  # the model.Operation
    basis: str
    lift_height: float  # mm of sheets the guillotine cuts at once (basis "cut")
    setup: float  # fixed cost of one use
    per_unit: float  # cost per unit of the basis
    minimum: float  # minimum cost of one use (0: none)


class _Sheeting(NamedTuple):
    """Cutting parent sheets into press sheets on the guillotine: ``cut - 1`` strokes per lift
    of parent sheets, at least one lift (``min_strokes``), counted per press sheet."""

    op: _Op
    min_strokes: float
    strokes_per_sheet: float
    cut: int


class _SpeedBand(NamedTuple):
    """A speed band of a press as a correction to running at its top speed: the sheets of a run
    before ``from_sheet`` each take ``extra_hours`` more (1/slower - 1/faster speed)."""

    from_sheet: float
    extra_hours: float


class _PressSheet:
    """A press sheet: the largest 开 cut of a substrate's parent sheet that a press takes, with
    the press and guillotine constants its routes need (computed once per MasterData).

    ``size`` is (short, long) mm; ``usable_long_mm`` x ``usable_short_mm`` the printable area
    (long side less the side margins, short side less gripper and tail). ``paper_cost`` is the
    paper of one press sheet, ``spoilage`` the run spoilage per pass as a fraction.
    ``reject_reason`` (a Phrase, or None) says why the press cannot print the substrate at all.
    """

    __slots__ = (
        "press",
        "substrate",
        "cut",
        "size",
        "grain_long",
        "usable_long_mm",
        "usable_short_mm",
        "area_m2",
        "paper_cost",
        "parent_sheet_kg",
        "caliper",
        "reject_reason",
        "spoilage",
        "hourly_rate",
        "top_speed",
        "speed_bands",
        "makeready_cost",
        "makeready_with_sheets",
        "pass_cost",
        "sheeting",
        "sheeting_setup",
    )

    def __init__(self, press, substrate, cut, size, grain_long, guillotine):
        self.press = press
        self.substrate = substrate
        self.cut = cut
        self.size = size
        self.grain_long = grain_long
        self.usable_long_mm = size[1] - 2 * press.side_margin
        self.usable_short_mm = size[0] - press.gripper - press.tail_margin
        self.area_m2 = size[0] * size[1] / 1e6
        self.paper_cost = substrate.sheet_price / cut
        self.parent_sheet_kg = substrate.sheet_kg
        self.caliper = substrate.caliper  # mm per leaf
        self.reject_reason = None
        if press.min_gsm and substrate.gsm < press.min_gsm:
            self.reject_reason = Phrase("min_gsm", {"press": press.code, "gsm": press.min_gsm})
        elif press.max_gsm and substrate.gsm > press.max_gsm:
            self.reject_reason = Phrase("max_gsm", {"press": press.code, "gsm": press.max_gsm})
        self.spoilage = press.spoilage_pct / 100.0
        self.hourly_rate = press.hourly_rate
        self.makeready_cost = press.makeready_hours * press.hourly_rate
        # Run time is costed linearly at the fastest band's speed, plus for each band the extra
        # time its first from_sheet sheets take at the slower speed (from_sheet * extra_hours);
        # a route's steps take back (from_sheet - x) * extra_hours from a run of x sheets that
        # stops short of the band.
        bands, speed = [], press.run_speed
        for from_sheet, faster in press.speed_bands:
            bands.append(_SpeedBand(from_sheet, 1.0 / speed - 1.0 / faster))
            speed = faster
        self.speed_bands, self.top_speed = tuple(bands), speed
        # For the lower bound: one makeready with its sheets; run cost of a sheet pass.
        self.makeready_with_sheets = self.makeready_cost + press.makeready_sheets * self.paper_cost
        self.pass_cost = press.hourly_rate / speed
        self.sheeting = None
        self.sheeting_setup = 0.0
        if cut > 1 and guillotine is not None:
            strokes = (cut - 1) * substrate.caliper / guillotine.lift_height / cut
            self.sheeting = _Sheeting(_op_constants(guillotine), float(cut - 1), strokes, cut)
            self.sheeting_setup = guillotine.setup


def _press_sheets(master, substrate):
    """The press sheets ``substrate`` gives on each press (cached on ``master``).

    A press runs the largest cut of the parent sheet it takes (between its smallest and
    largest sheet, long edge leading); a press that takes no cut of it is not considered.
    """
    cache = master._cache.setdefault("press_sheets", {})
    found = cache.get(substrate.code)
    if found is None:
        guillotine = master.default_operation("cut")
        if guillotine is not None and guillotine.basis != "cut":
            guillotine = None
        found = []
        for press in master.presses:
            (mins, minl), (maxs, maxl) = press.min_sheet, press.max_sheet
            for n in sorted(master.cuts):
                size = _cut(substrate.sheet, n).size
                if mins <= size[0] <= maxs and minl <= size[1] <= maxl:
                    grain = _cut_grain(substrate.sheet, n, substrate.grain)
                    found.append(
                        _PressSheet(press, substrate, n, size, grain == "long", guillotine)
                    )
                    break
        found = cache[substrate.code] = tuple(found)
    return found


def run_hours(press, sheets):
    """Hours ``press`` needs to run ``sheets`` sheets in one pass, speed bands applied
    marginally (the sheets beyond a band's threshold run at its speed)."""
    speed = press.run_speed
    hours, done = 0.0, 0.0
    for start, faster in press.speed_bands:
        if sheets <= start:
            break
        hours += (start - done) / speed
        done, speed = start, faster
    return hours + (sheets - done) / speed


# --------------------------------------------------------------------------- part plans


class _Plan:
    """Everything about a part that depends on the spec only.

    ``cell_width_mm`` x ``cell_height_mm`` is what one unit needs on the sheet (a piece with its
    bleed, or a page of a signature: see ``imposition``); ``pages`` the pages imposed (a text
    rounded up to a multiple of 4; a cover 4; 0 for a flat or folded piece).
    ``inks_front``/``inks_back`` count process + spot inks per side, ``inks_work_and_turn`` the
    inks of a work-and-turn plate set. ``process_colour_sides``/``spot_colour_sides`` count
    colours over both sides (for ink), ``colour_sides``/``mono_sides`` the sides printing more
    than one ink or exactly one (for digital clicks). ``ink_kg_per_m2`` is the ink one colour
    lays on a m² of sheet. ``operations`` are the part's operations as ``_Op``;
    ``methods_by_press`` memoizes ``_press_methods`` (kept on the MasterData per inks).
    ``separated``: bleed or a gutter parts the units. ``ops_setup``, ``ops_per_copy`` and
    ``ink_cost_per_m2`` feed the lower bound of ``_piece_routes``.
    """

    __slots__ = (
        "index",
        "part",
        "role",
        "role_in_labels",
        "in_signatures",
        "cell_width_mm",
        "cell_height_mm",
        "cell_area_mm2",
        "pages",
        "inks_front",
        "inks_back",
        "inks_work_and_turn",
        "process_colour_sides",
        "spot_colour_sides",
        "colour_sides",
        "mono_sides",
        "ink_kg_per_m2",
        "operations",
        "substrates",
        "grain_along",
        "separated",
        "ink",
        "quantities",
        "methods_by_press",
        "ops_setup",
        "ops_per_copy",
        "ink_cost_per_m2",
    )


def _plans(spec, master):
    width, height = _size(spec.finished_size, "finished_size")
    b = spec.bleed
    bound = spec.kind in ("saddle_stitched", "perfect_bound")
    spine = 0.0
    if spec.kind == "perfect_bound":
        for part in spec.parts:
            if part.role == "text":
                leaves = -(-part.pages // 4) * 2
                spine += leaves * master.substrates_for(part.substrate)[0].caliper
    ink = master.ink
    methods = master._cache.setdefault("methods", {})
    plans = []
    for i, part in enumerate(spec.parts):
        p = _Plan()
        p.index, p.part, p.role = i, part, part.role
        p.role_in_labels = bound  # the lines of a book's parts name the part's role
        p.grain_along = spec.grain
        p.separated = b > 0 or spec.gutter > 0  # every unit edge is its own cut
        p.in_signatures = bound and part.role == "text"
        if p.in_signatures:
            mill = master.milling_mm if spec.kind == "perfect_bound" else 0.0
            p.cell_width_mm, p.cell_height_mm = width + b + mill, height + 2 * b
            p.pages = -(-part.pages // 4) * 4
            processes = ("fold",)
        elif spec.kind == "folded":
            p.cell_width_mm, p.cell_height_mm = spec.panels * width + 2 * b, height + 2 * b
            p.pages = 0
            processes = ("cut", "fold")
        elif spec.kind == "saddle_stitched":
            p.cell_width_mm, p.cell_height_mm, p.pages = 2 * width + 2 * b, height + 2 * b, 4
            processes = ("cut", "fold")
        elif spec.kind == "perfect_bound":
            p.cell_width_mm, p.cell_height_mm = 2 * width + spine + 2 * b, height + 2 * b
            p.pages = 4
            processes = ("cut",)
        else:
            p.cell_width_mm, p.cell_height_mm, p.pages = width + 2 * b, height + 2 * b, 0
            processes = ("cut",)
        process_front, process_back = part.colours_front, part.colours_back
        spot_front, spot_back = part.spot_front, part.spot_back
        p.inks_front, p.inks_back = process_front + spot_front, process_back + spot_back
        # Work-and-turn plates: the back's colours are taken as a subset of the front's.
        p.inks_work_and_turn = max(process_front, process_back) + max(spot_front, spot_back)
        p.process_colour_sides = process_front + process_back
        p.spot_colour_sides = spot_front + spot_back
        cov = part.coverage_pct if part.coverage_pct is not None else ink.coverage_pct
        p.ink_kg_per_m2 = cov / 100.0 * ink.grams_per_m2 / 1000.0
        p.colour_sides = (p.inks_front > 1) + (p.inks_back > 1)
        p.mono_sides = (p.inks_front == 1) + (p.inks_back == 1)
        p.operations = _ops(master, part.finishing, processes)
        p.substrates = master.substrates_for(part.substrate)
        p.ink = ink
        p.quantities = spec.quantities
        # The methods on each press depend on the inks only: kept on the MasterData.
        inks = (p.inks_front, p.inks_back, p.inks_work_and_turn)
        p.methods_by_press = methods.setdefault(inks, {})
        # For the lower bound of a route (see _piece_routes).
        p.cell_area_mm2 = p.cell_width_mm * p.cell_height_mm
        p.ops_setup = sum(op.setup for op in p.operations)
        p.ops_per_copy = sum(op.per_unit for op in p.operations if op.basis in ("copy", "piece"))
        p.ink_cost_per_m2 = p.ink_kg_per_m2 * (
            p.process_colour_sides * ink.process_price_kg + p.spot_colour_sides * ink.spot_price_kg
        )
        plans.append(p)
    return plans


def _ops(master, codes, processes):
    """Default operations for ``processes`` (a listed one of the same process replaces its
    default), then the other listed operations, except those of a process the engine adds by
    itself elsewhere (``PROCESSES``: a stitcher listed on a part is the job's, not charged
    twice). Returns them as ``_Op``."""
    chosen, extras = {}, []
    for code in codes:
        op = master.operation(code)
        if op.process in processes and op.process not in chosen:
            chosen[op.process] = op
        elif op.process not in PROCESSES:
            extras.append(op)
        # else: a step the engine adds by itself where the product needs it, never twice
    ops = []
    for process in processes:
        op = chosen.get(process) or master.default_operation(process)
        if op is None:
            raise SpecError("master.operations", f"no operation for process {process!r}")
        ops.append(op)
    cache = master._cache.setdefault("op_constants", {})
    out = []
    for op in ops + extras:
        constants = cache.get(op.code)
        if constants is None or constants.operation is not op:
            constants = cache[op.code] = _op_constants(op)
        out.append(constants)
    return tuple(out)


def _op_constants(op):
    """The ``_Op`` of an operation."""
    return _Op(op, op.basis, op.lift_height, op.setup, op.per_unit, op.minimum_cost)


# --------------------------------------------------------------------------- routes


class _Method(NamedTuple):
    """How one form is printed on a press: the method's name, and per form its plates,
    makereadies and passes through the press."""

    name: str
    plates: int
    makereadies: int
    passes: int


class _Bound(NamedTuple):
    """The cheapest possible form of a part on a press, for the lower bound in
    ``_piece_routes``: its plate cost, makereadies, passes and clicks per sheet (None: offset)."""

    plate_cost: float
    makereadies: int
    passes: int
    clicks_per_sheet: float | None


class _Methods(NamedTuple):
    """The methods of a part on a press: ``main``, ``work_and_turn`` (None when it does not
    apply) and the ``bound`` constants."""

    main: _Method
    work_and_turn: _Method | None
    bound: _Bound


# The objects below are made for every route of every estimate: plain classes with __slots__,
# which are made and read about twice as fast as NamedTuples.


class _PieceLayout:
    """Pieces imposed ``n_up`` on a sheet, ``across`` x ``down``."""

    __slots__ = ("n_up", "across", "down", "work_and_turn")
    code = "pieces"  # the Phrase; its parameters are the slots

    def __init__(self, n_up, across, down, work_and_turn):
        self.n_up = n_up
        self.across = across
        self.down = down
        self.work_and_turn = work_and_turn


class _SignatureLayout:
    """Signatures of ``pages`` pages, ``per_sheet`` a sheet: ``full_sheets`` sheets of
    ``sheet_pages`` pages, and a residual form of ``residual_pages`` pages ``residual_up``-up
    (0 when there is none)."""

    __slots__ = (
        "pages",
        "per_sheet",
        "full_sheets",
        "sheet_pages",
        "residual_pages",
        "residual_up",
        "work_and_turn",
    )
    code = "signatures"  # the Phrase; its parameters are the slots

    def __init__(
        self, pages, per_sheet, full_sheets, sheet_pages, residual_pages, residual_up, work_and_turn
    ):
        self.pages = pages
        self.per_sheet = per_sheet
        self.full_sheets = full_sheets
        self.sheet_pages = sheet_pages
        self.residual_pages = residual_pages
        self.residual_up = residual_up
        self.work_and_turn = work_and_turn


class _PerCopy:
    """What a route uses per copy: net press sheets, sheets run (spoilage included), sheet
    passes through the press, digital clicks, kg of process and of spot ink."""

    __slots__ = (
        "net_sheets",
        "run_sheets",
        "sheet_passes",
        "colour_clicks",
        "mono_clicks",
        "process_ink_kg",
        "spot_ink_kg",
    )

    def __init__(
        self,
        net_sheets,
        run_sheets,
        sheet_passes,
        colour_clicks,
        mono_clicks,
        process_ink_kg,
        spot_ink_kg,
    ):
        self.net_sheets = net_sheets
        self.run_sheets = run_sheets
        self.sheet_passes = sheet_passes
        self.colour_clicks = colour_clicks
        self.mono_clicks = mono_clicks
        self.process_ink_kg = process_ink_kg
        self.spot_ink_kg = spot_ink_kg


class _Term:
    """An operation of a route: for ``q`` copies its quantity is ``fixed_quantity +
    quantity_per_copy * q``, at least ``min_quantity``. ``sheeting_cut`` is the cut when the
    operation cuts parent sheets into press sheets, else None."""

    __slots__ = ("op", "min_quantity", "fixed_quantity", "quantity_per_copy", "sheeting_cut")

    def __init__(self, op, min_quantity, fixed_quantity, quantity_per_copy, sheeting_cut=None):
        self.op = op  # an _Op
        self.min_quantity = min_quantity
        self.fixed_quantity = fixed_quantity
        self.quantity_per_copy = quantity_per_copy
        self.sheeting_cut = sheeting_cut


class _Step:
    """A correction of a route's linear cost: below ``below`` copies, add ``add +
    add_per_copy * q``."""

    __slots__ = ("below", "add", "add_per_copy")

    def __init__(self, below, add, add_per_copy):
        self.below = below
        self.add = add
        self.add_per_copy = add_per_copy


class _Reject(NamedTuple):
    """A press sheet that cannot take a part: ``stage`` tells how far the checks got (0 press
    and substrate, 1 size, 2 grain), ``field`` the input at fault, ``reason`` a Phrase."""

    stage: int
    field: str
    press_sheet: _PressSheet
    reason: Phrase


class _Route:
    """A way to produce a part: a press sheet, its ``forms`` (``model.Form``), the route's
    ``method`` and ``imposition`` (``_PieceLayout`` or ``_SignatureLayout``), ``cuts`` the
    guillotine strokes of one sheet layout. ``pieces_per_copy`` are what an operation charged
    per piece counts: folded signatures of a text, else 1.

    ``compute()`` works out the rest. Quantities are linear in the number of copies ``q``:
    ``per_copy`` (``_PerCopy``) per copy, ``makereadies``, ``makeready_sheets`` and
    ``plates`` fixed; ``terms`` are the operations (``_Term``). The cost at each break,
    ``costs``, is ``fixed_cost + cost_per_copy * q`` plus the ``steps`` that apply (none
    from ``linear_from`` copies on), or the sum of the lines below ``exact_below`` copies,
    where an operation's minimum cost binds (see ``_costs_at``).
    """

    __slots__ = (
        "plan",
        "press_sheet",
        "forms",
        "method",
        "imposition",
        "n_up",
        "pages_per_signature",
        "signatures_per_sheet",
        "pieces_per_copy",
        "cuts",
        "per_copy",
        "makereadies",
        "makeready_sheets",
        "plates",
        "terms",
        "fixed_cost",
        "cost_per_copy",
        "steps",
        "exact_below",
        "linear_from",
        "costs",
        "labels",
    )

    def __init__(
        self,
        plan,
        press_sheet,
        forms,
        method,
        layout,
        n_up,
        pages_per_signature,
        signatures_per_sheet,
        pieces_per_copy,
        cuts,
    ):
        self.plan = plan
        self.press_sheet = press_sheet
        self.forms = forms
        self.method = method
        self.imposition = layout
        self.n_up = n_up
        self.pages_per_signature = pages_per_signature
        self.signatures_per_sheet = signatures_per_sheet
        self.pieces_per_copy = pieces_per_copy
        self.cuts = cuts
        self.labels = None

    def compute(self):
        """Work out the quantities, the cost function ``fixed_cost + cost_per_copy * q`` +
        steps, and the costs at the spec's breaks. Returns the route."""
        plan, sheet = self.plan, self.press_sheet
        press = sheet.press
        spoilage, rate, bands = sheet.spoilage, sheet.hourly_rate, sheet.speed_bands
        # The press: sheets, makereadies and plates of the forms; paper, ink or clicks, run.
        steps = []
        net_sheets = run_sheets = sheet_passes = fixed = 0.0
        makereadies = plates = 0
        for form in self.forms:
            count, passes = form.count, form.passes
            run_per_pass = (1 + spoilage * passes) / form.n_up  # sheets run per pass per copy
            run = count * run_per_pass
            net_sheets += count / form.n_up
            run_sheets += run
            sheet_passes += run * passes
            makereadies += count * form.makereadies
            plates += count * form.plates
            if bands:  # see _PressSheet
                pass_rate = count * passes * rate  # hourly rate over the form's passes
                for from_sheet, extra in bands:
                    fixed += pass_rate * from_sheet * extra
                    add = -pass_rate * from_sheet * extra
                    add_per_copy = pass_rate * run_per_pass * extra
                    steps.append(_Step(from_sheet / run_per_pass, add, add_per_copy))
        if press.digital:
            makereadies = 1  # one makeready per part
        makeready_sheets = makereadies * press.makeready_sheets
        price = sheet.paper_cost
        fixed += (
            makeready_sheets * price
            + plates * press.plate_cost
            + makereadies * sheet.makeready_cost
        )
        per_copy = run_sheets * price + sheet_passes / sheet.top_speed * rate
        if press.digital:
            colour_clicks = run_sheets * plan.colour_sides
            mono_clicks = run_sheets * plan.mono_sides
            process_kg = spot_kg = 0.0
            per_copy += colour_clicks * press.click_colour + mono_clicks * press.click_mono
        else:
            colour_clicks = mono_clicks = 0.0
            ink_per_colour = run_sheets * sheet.area_m2 * plan.ink_kg_per_m2
            process_kg = ink_per_colour * plan.process_colour_sides
            spot_kg = ink_per_colour * plan.spot_colour_sides
            ink = plan.ink
            per_copy += process_kg * ink.process_price_kg + spot_kg * ink.spot_price_kg
        self.per_copy = _PerCopy(
            net_sheets, run_sheets, sheet_passes, colour_clicks, mono_clicks, process_kg, spot_kg
        )
        self.makereadies, self.makeready_sheets, self.plates = makereadies, makeready_sheets, plates
        # The operations, then their costs.
        terms = []
        if sheet.sheeting is not None:
            sheeting = sheet.sheeting
            strokes = sheeting.strokes_per_sheet
            fixed_strokes, strokes_per_copy = strokes * makeready_sheets, strokes * run_sheets
            least = sheeting.min_strokes
            terms.append(_Term(sheeting.op, least, fixed_strokes, strokes_per_copy, sheeting.cut))
        for op in plan.operations:
            basis = op.basis
            if basis == "copy":
                terms.append(_Term(op, 0.0, 0.0, 1.0))
            elif basis == "piece":
                terms.append(_Term(op, 0.0, 0.0, float(self.pieces_per_copy)))
            elif basis == "cut":
                # Strokes per sheet layout x lifts of net sheets, one lift at least.
                cuts = self.cuts
                strokes = cuts * net_sheets * sheet.caliper / op.lift_height
                terms.append(_Term(op, float(cuts), 0.0, strokes))
            elif basis == "sheet":
                terms.append(_Term(op, 0.0, 0.0, net_sheets))
            elif basis == "m2":
                terms.append(_Term(op, 0.0, 0.0, net_sheets * sheet.area_m2))
            else:
                terms.append(_Term(op, 0.0, 1.0, 0.0))
        exact_below = 0.0
        for term in terms:
            op, least = term.op, term.min_quantity
            q0, q1 = term.fixed_quantity, term.quantity_per_copy  # quantity q0 + q1 * q
            setup, per_unit, minimum = op.setup, op.per_unit, op.minimum
            fixed += setup + per_unit * q0
            per_copy += per_unit * q1
            if least > q0:  # one lift at least: below it the quantity is `least`
                if q1 > 0:
                    steps.append(_Step((least - q0) / q1, per_unit * (least - q0), -per_unit * q1))
                else:
                    fixed += per_unit * (least - q0)
            if minimum > 0:  # exact, line by line, until the minimum stops binding
                need = minimum - setup
                if need > per_unit * (least if least > q0 else q0):
                    reach = (need / per_unit - q0) / q1 if per_unit > 0 and q1 > 0 else math.inf
                    if reach > exact_below:
                        exact_below = reach
        linear_from = exact_below
        for step in steps:
            if step.below > linear_from:
                linear_from = step.below
        self.terms, self.steps = terms, steps
        self.fixed_cost, self.cost_per_copy = fixed, per_copy
        self.exact_below, self.linear_from = exact_below, linear_from
        self.costs = _costs_at(self, plan.quantities)
        return self

    @property
    def layout(self):
        """The imposition as a Phrase ("pieces" or "signatures", see ``words.english``)."""
        layout = self.imposition
        return Phrase(layout.code, {name: getattr(layout, name) for name in layout.__slots__})

    def cost(self, q):
        """The cost for ``q`` copies: by definition, the sum of the cost lines."""
        return sum(line.amount for line in self.lines(q))

    def run_hours(self, q):
        """Press hours of the run (makeready excluded) for ``q`` copies."""
        press = self.press_sheet.press
        if not press.speed_bands:
            return self.per_copy.sheet_passes * q / press.run_speed
        spoilage = self.press_sheet.spoilage
        hours = 0.0
        for form in self.forms:
            sheets = q / form.n_up * (1 + spoilage * form.passes)
            hours += form.count * form.passes * run_hours(press, sheets)
        return hours

    def lines(self, q):
        """The cost lines of the part on this route for ``q`` copies."""
        plan, sheet, per_copy = self.plan, self.press_sheet, self.per_copy
        press, sub, i = sheet.press, sheet.substrate, plan.index
        labels = self.labels or self._labels()
        sheets = per_copy.run_sheets * q + self.makeready_sheets
        parents = sheets / sheet.cut
        amount = sheets * sheet.paper_cost
        if sub.price_unit == "tonne":
            kg = parents * sheet.parent_sheet_kg
            lines = [CostLine("paper", labels[0], kg, "kg", amount, i)]
        elif sub.price_unit == "ream":
            lines = [CostLine("paper", labels[0], parents / 500.0, "reams", amount, i)]
        else:
            lines = [CostLine("paper", labels[0], parents, "sheets", amount, i)]
        if self.plates:
            n = self.plates
            lines.append(CostLine("plates", labels[1], n, "plates", n * press.plate_cost, i))
        ink = plan.ink
        if per_copy.process_ink_kg:
            kg = per_copy.process_ink_kg * q
            lines.append(CostLine("ink", labels[2], kg, "kg", kg * ink.process_price_kg, i))
        if per_copy.spot_ink_kg:
            kg = per_copy.spot_ink_kg * q
            lines.append(CostLine("ink", labels[3], kg, "kg", kg * ink.spot_price_kg, i))
        rate = press.hourly_rate
        if self.makereadies:
            hours = self.makereadies * press.makeready_hours
            lines.append(CostLine("makeready", labels[4], hours, "h", hours * rate, i))
        hours = self.run_hours(q)
        lines.append(CostLine("run", labels[5], hours, "h", hours * rate, i))
        if per_copy.colour_clicks:
            n = per_copy.colour_clicks * q
            lines.append(CostLine("click", labels[6], n, "clicks", n * press.click_colour, i))
        if per_copy.mono_clicks:
            n = per_copy.mono_clicks * q
            lines.append(CostLine("click", labels[7], n, "clicks", n * press.click_mono, i))
        for term, label in zip(self.terms, labels[8:], strict=True):
            op = term.op.operation
            n = term.fixed_quantity + term.quantity_per_copy * q
            if n < term.min_quantity:
                n = term.min_quantity
            category = "outsourced" if op.outsourced else "finishing"
            lines.append(CostLine(category, label, n, _BASIS_UNITS[op.basis], op.cost(n), i))
        return lines

    def _labels(self):
        """The items of the cost lines, as Phrases (see ``words.ITEMS``)."""
        plan, sheet = self.plan, self.press_sheet
        press, sub = sheet.press, sheet.substrate
        role = {"role": plan.role} if plan.role_in_labels else {}
        paper = {
            "substrate": sub.code,
            "name": sub.name,
            "gsm": sub.gsm,
            "parent": sub.sheet,
            "cut": sheet.cut,
            "sheet": sheet.size,
        }
        labels = [
            Phrase("paper", {**role, **paper}),
            Phrase("plates", {**role, "press": press.code}),
            Phrase("process_ink", role),
            Phrase("spot_ink", role),
            Phrase("makeready", {**role, "press": press.code, "count": self.makereadies}),
            Phrase("run", {**role, "press": press.code, "method": self.method}),
            Phrase("colour_clicks", role),
            Phrase("mono_clicks", role),
        ]
        for term in self.terms:
            params = {**role, **_op_params(term.op.operation), "sheeting": term.sheeting_cut}
            labels.append(Phrase("operation", params))
        self.labels = labels
        return labels

    def output(self, q, cost):
        """The job-ticket view of this route at ``q`` copies."""
        plan, sheet = self.plan, self.press_sheet
        press, sub = sheet.press, sheet.substrate
        net = self.per_copy.net_sheets * q
        run = self.per_copy.run_sheets * q
        parents = (run + self.makeready_sheets) / sheet.cut
        sheets_net = _ceil(net)
        spoil = _ceil(run - net)
        makeready = self.makeready_sheets
        return Route(
            plan.index,
            plan.role,
            press.code,
            press.name,
            sheet.size,
            sub.code,
            sub.sheet,
            sheet.cut,
            "long" if sheet.grain_long else "short",
            self.method,
            self.layout,
            self.n_up,
            self.pages_per_signature,
            self.signatures_per_sheet,
            self.pieces_per_copy,
            tuple(dataclasses.replace(form) for form in self.forms),
            sheets_net,
            makeready,
            spoil,
            sheets_net + makeready + spoil,
            _ceil(parents),
            self.plates,
            parents * sheet.parent_sheet_kg,
            self.makereadies * press.makeready_hours,
            self.run_hours(q),
            cost,
        )


def _costs_at(route, quantities):
    """The route's cost at each of ``quantities``: ``fixed_cost + cost_per_copy * q`` plus each
    step with ``q < below``; below ``exact_below`` (an operation's minimum cost binds) the sum
    of the lines.

    This is the one fast path: by definition the cost is the sum of the lines
    (``_Route.cost``), and the tests check that both agree. Summing the lines at every break
    instead is 3 to 5 times slower: 3,500 flyer and 760 book estimates/s instead of 10,400 and
    3,700 (one core of the bench machine, busy; targets: 10,000 and 1,000).
    """
    fixed, per_copy = route.fixed_cost, route.cost_per_copy
    exact_below, linear_from = route.exact_below, route.linear_from  # exact_below <= linear_from
    row = []
    for q in quantities:
        if q >= linear_from:
            row.append(fixed + per_copy * q)
        elif q < exact_below:
            row.append(route.cost(q))
        else:
            c = fixed + per_copy * q
            for step in route.steps:
                if q < step.below:
                    c += step.add + step.add_per_copy * q
            row.append(c)
    return row


def _op_params(op):
    """The parameters of an operation's cost item."""
    return {
        "operation": op.code,
        "name": op.name,
        "supplier": op.supplier if op.outsourced else "",
    }


def _ceil(x):
    """Whole sheets, ignoring float noise."""
    return max(0, math.ceil(x - 1e-7))


def _form_method(press, plan, work_and_turn):
    """The ``_Method`` of one form printed on ``press``.

    Offset: single-sided, ceil(inks / units) passes, each its own makeready; sheetwise, front
    and back each so; perfecting, one pass when front + back inks fit the units; work-and-turn,
    one plate set of max(front, back) process + max(front, back) spot inks, made ready once and
    run twice. Digital: one pass per printed side, no plates; its one makeready per part is
    counted by the route.
    """
    front, back = plan.inks_front, plan.inks_back
    if press.digital:
        sides = 1 + (back > 0)
        return _Method("digital duplex" if sides == 2 else "digital simplex", 0, 0, sides)
    units = press.units
    if back == 0:
        passes = -(-front // units)
        return _Method("single-sided", front, passes, passes)
    if work_and_turn:
        inks = plan.inks_work_and_turn
        passes = -(-inks // units)
        return _Method("work-and-turn", inks, passes, 2 * passes)
    if press.perfecting and front + back <= units:
        return _Method("perfecting", front + back, 1, 1)
    passes = -(-front // units) - (-back // units)
    return _Method("sheetwise", front + back, passes, passes)


def _press_methods(plan, press):
    """The ``_Methods`` of a part on ``press``, memoized in ``plan.methods_by_press`` (kept on
    the MasterData per inks, see ``_plans``). Work-and-turn never needs more plates or
    makereadies than the main method, so the bound takes its plates and makereadies when it
    applies."""
    found = plan.methods_by_press.get(press.code)
    if found is None:
        main = _form_method(press, plan, False)
        wt = None if press.digital or not plan.inks_back else _form_method(press, plan, True)
        least = wt or main
        passes = min(main.passes, wt.passes) if wt else main.passes
        clicks = None
        if press.digital:
            clicks = plan.colour_sides * press.click_colour + plan.mono_sides * press.click_mono
        makereadies = 1 if press.digital else least.makereadies
        bound = _Bound(least.plates * press.plate_cost, makereadies, passes, clicks)
        found = plan.methods_by_press[press.code] = _Methods(main, wt, bound)
    return found


def _candidates(spec, master, plan):
    """(routes, rejects, deferred) of a part: computed ``_Route``, ``_Reject``, and what
    cannot be the cheapest, to be costed only for the alternatives: a dominated ``_Route``
    not computed yet, or a ``_PressSheet`` whose routes were all bounded out."""
    routes, rejects, deferred = [], [], []
    best = [None] * len(plan.quantities)  # cheapest cost found so far, per break
    gap = spec.gutter
    part = plan.part
    spot = "spot_front" if part.spot_front else "spot_back" if part.spot_back else ""
    for sub in plan.substrates:
        for sheet in _press_sheets(master, sub):
            if sheet.reject_reason is not None:
                field = f"parts[{plan.index}].substrate"
                rejects.append(_Reject(0, field, sheet, sheet.reject_reason))
            elif spot and sheet.press.digital:
                reason = Phrase("digital_spot", {"press": sheet.press.code})
                rejects.append(_Reject(0, f"parts[{plan.index}].{spot}", sheet, reason))
            elif plan.in_signatures:
                _signature_routes(plan, sheet, gap, routes, rejects)
            else:
                _piece_routes(plan, sheet, gap, routes, rejects, deferred, best)
    return routes, rejects, deferred


def _size_reject(sheet, what, width, height):
    reason = Phrase(
        "too_large",
        {
            "what": what,
            "width": width,
            "height": height,
            "printable": (sheet.usable_long_mm, sheet.usable_short_mm),
            "sheet": sheet.size,
            "press": sheet.press.code,
        },
    )
    return _Reject(1, "finished_size", sheet, reason)


def _grain_reject(plan, sheet):
    grain = "long" if sheet.grain_long else "short"
    reason = Phrase("grain", {"sheet": sheet.size, "grain": grain, "need": plan.grain_along})
    return _Reject(2, "grain", sheet, reason)


def _piece_grid(plan, sheet, gap):
    """``imposition.grid`` of the part's cell on the press sheet: ``(n, nx, ny, n_wt, nx_wt,
    ny_wt, n_any)``."""
    return imposition.grid(
        plan.cell_width_mm,
        plan.cell_height_mm,
        sheet.usable_long_mm,
        sheet.usable_short_mm,
        gap,
        sheet.grain_long,
        plan.grain_along,
    )


def _piece_routes(plan, sheet, gap, routes, rejects, deferred, best):
    methods = plan.methods_by_press.get(sheet.press.code) or _press_methods(plan, sheet.press)
    wt = methods.work_and_turn
    bounded = best[0] is not None
    if bounded:
        # Branch and bound. A lower bound of every route of this press sheet at n-up is
        # fixed + (per_sheet / n + ops_per_copy) * q, keeping only parts of the real cost that
        # are never negative: plates and makereadies of the cheapest method (see
        # _press_methods), the setups of the part's operations and of sheeting, paper without
        # spoilage, run time of the fewest passes at the fastest speed band, ink or clicks on
        # net sheets, and the per-copy operations. First with the area bound of the n-up: no
        # imposition needed.
        bound = methods.bound
        fixed = (
            bound.plate_cost
            + bound.makereadies * sheet.makeready_with_sheets
            + plan.ops_setup
            + sheet.sheeting_setup
        )
        per_sheet = sheet.paper_cost + bound.passes * sheet.pass_cost
        if bound.clicks_per_sheet is None:
            per_sheet += sheet.area_m2 * plan.ink_cost_per_m2
        else:
            per_sheet += bound.clicks_per_sheet
        n_bound = int(sheet.usable_long_mm * sheet.usable_short_mm / plan.cell_area_mm2)
        if n_bound:
            per_copy = per_sheet / n_bound + plan.ops_per_copy
            for q, b in zip(plan.quantities, best, strict=True):
                if fixed + per_copy * q < b:
                    break
            else:
                deferred.append(sheet)  # its routes are costed only for the alternatives
                return
    grid = _piece_grid(plan, sheet, gap)
    n, _nx, _ny, n_wt, _nx_wt, _ny_wt, _n_any = grid
    if n == 0:
        rejects.append(_piece_reject(plan, sheet, grid))
        return
    if n_wt < 2:
        wt = None
    if bounded:
        per_copy = per_sheet / max(n, n_wt) + plan.ops_per_copy
        for q, b in zip(plan.quantities, best, strict=True):
            if fixed + per_copy * q < b:
                break
        else:
            deferred.append(sheet)
            return
    built = []
    for route, dominated in _piece_layouts(plan, sheet, grid, methods.main, wt):
        if dominated:
            deferred.append(route)
        else:
            built.append(route.compute())
    routes += built
    for r in built:
        if best[0] is None:
            best[:] = r.costs
        else:
            best[:] = [b if b < c else c for b, c in zip(best, r.costs, strict=True)]


def _piece_reject(plan, sheet, grid):
    n_any = grid[6]  # cells that fit, ignoring the grain
    if n_any == 0:
        return _size_reject(sheet, "piece", plan.cell_width_mm, plan.cell_height_mm)
    return _grain_reject(plan, sheet)


def _piece_layouts(plan, sheet, grid, method, wt):
    """The routes of a piece part on a press sheet, not computed yet, each with whether
    another route of the same sheet dominates it."""
    n, nx, ny, n_wt, nx_wt, ny_wt, _n_any = grid
    cuts = imposition.cuts_for(nx, ny, plan.separated)
    forms = (Form("sheet", 1, n, 0, *method),)
    layout = _PieceLayout(n, nx, ny, False)
    primary = _Route(plan, sheet, forms, method.name, layout, n, 0, 0, 1, cuts)
    if wt is None:
        return ((primary, False),)
    forms = (Form("sheet", 1, n_wt, 0, *wt),)
    layout = _PieceLayout(n_wt, nx_wt, ny_wt, True)
    same = (nx_wt, ny_wt) == (nx, ny)
    if not same:
        cuts = imposition.cuts_for(nx_wt, ny_wt, plan.separated)
    turn = _Route(plan, sheet, forms, wt.name, layout, n_wt, 0, 0, 1, cuts)
    # Same sheets, same cuts, no more passes, fewer plates and makereadies: sheetwise can never
    # be cheaper than work-and-turn here.
    dominated = method.name == "sheetwise" and same and wt.passes <= method.passes
    return ((primary, dominated), (turn, False))


def _signature_routes(plan, sheet, gap, routes, rejects):
    layouts, any_pages = imposition.signature_layouts(
        plan.cell_width_mm,
        plan.cell_height_mm,
        sheet.usable_long_mm,
        sheet.usable_short_mm,
        gap,
        sheet.grain_long,
        plan.grain_along,
    )
    if not layouts:
        if any_pages == 0:
            width, height = 2 * plan.cell_width_mm, plan.cell_height_mm
            rejects.append(_size_reject(sheet, "spread", width, height))
        else:
            rejects.append(_grain_reject(plan, sheet))
        return
    methods = plan.methods_by_press.get(sheet.press.code) or _press_methods(plan, sheet.press)
    main, wt = methods.main, methods.work_and_turn
    for pages, per_sheet, nx, ny in layouts:
        capacity = pages * per_sheet
        full, rest = divmod(plan.pages, capacity)
        # Folded signatures per copy: per_sheet per full sheet; the residual folds as its
        # binary parts (e.g. 24 pages = 16 + 8).
        signatures = full * per_sheet + bin(rest // 4).count("1")
        cuts = imposition.cuts_for(nx, ny, plan.separated)
        full_forms = (Form(f"{capacity}-page sheet", full, 1, capacity, *main),) if full else ()
        if not rest:
            layout = _SignatureLayout(pages, per_sheet, full, capacity, 0, 0, False)
            route = _Route(
                plan, sheet, full_forms, main.name, layout, 0, pages, per_sheet, signatures, cuts
            )
            routes.append(route.compute())
            continue
        up = capacity // rest
        forms = (*full_forms, Form(f"residual {rest}-page form", 1, up, rest, *main))
        layout = _SignatureLayout(pages, per_sheet, full, capacity, rest, up, False)
        route = _Route(plan, sheet, forms, main.name, layout, 0, pages, per_sheet, signatures, cuts)
        routes.append(route.compute())
        up_wt = up - (up & 1)
        if up_wt >= 2 and wt is not None:
            forms = (*full_forms, Form(f"residual {rest}-page form", 1, up_wt, rest, *wt))
            method = f"{main.name} + work-and-turn" if full else wt.name
            layout = _SignatureLayout(pages, per_sheet, full, capacity, rest, up_wt, True)
            route = _Route(
                plan, sheet, forms, method, layout, 0, pages, per_sheet, signatures, cuts
            )
            routes.append(route.compute())


# --------------------------------------------------------------------------- estimate


class _JobOp(NamedTuple):
    """A job-level operation: its quantity for ``q`` copies is ``fixed_quantity +
    quantity_per_copy * q``."""

    operation: object  # the model.Operation
    fixed_quantity: float
    quantity_per_copy: float


class _PartChoice(NamedTuple):
    """A part's routes and rejects, ``costs[route][break]``, the index of the winning route
    per break, and the deferred routes (see ``_candidates``)."""

    plan: _Plan
    routes: list
    rejects: list
    costs: list
    winners: list
    deferred: list


def _no_route(plan, rejects):
    stage = max((r.stage for r in rejects), default=-1)
    worst = [r for r in rejects if r.stage == stage]
    if not worst:
        return SpecError(
            f"parts[{plan.index}].substrate",
            f"no press takes a sheet of {plan.part.substrate!r}",
            Phrase("no_press_for_substrate", {"substrate": plan.part.substrate}),
        )
    more = f" (and {len(worst) - 1} more)" if len(worst) > 1 else ""
    return SpecError(
        worst[0].field,
        f"part {plan.index} ({plan.role}) cannot be printed: {worst[0].reason}{more}",
        Phrase("no_route", {"why": worst[0].reason, "more": len(worst) - 1}),
    )


def _job_ops(spec, master):
    """Job-level operations as ``_JobOp``."""
    processes = {"saddle_stitched": ("saddle_stitch",), "perfect_bound": ("perfect_bind",)}
    out = []
    for op in _ops(master, spec.finishing, processes.get(spec.kind, ())):
        operation = op.operation
        if op.basis not in ("job", "copy", "piece"):
            message = f"{operation.code} must be charged per job or copy"
            raise SpecError("master.operations", message)
        if op.basis == "job":
            out.append(_JobOp(operation, 1.0, 0.0))
        else:
            out.append(_JobOp(operation, 0.0, 1.0))
    return out


def _alternatives(parts, quantities, gap):
    """Every route (dominated ones costed now) and every rejected combination of every part,
    as Alternative objects, in the order considered."""
    nq = len(quantities)
    out = []
    for part in parts:
        plan = part.plan
        best = tuple(part.costs[w][b] for b, w in enumerate(part.winners))
        for j, r in enumerate(part.routes):
            sheet = r.press_sheet
            out.append(
                Alternative(
                    plan.index,
                    sheet.press.code,
                    sheet.substrate.code,
                    sheet.cut,
                    sheet.size,
                    tuple(part.costs[j]),
                    best,
                    tuple(w == j for w in part.winners),
                    route=r,
                )
            )
        rejects = list(part.rejects)
        extra = []
        for item in part.deferred:
            if isinstance(item, _Route):  # a dominated route
                extra.append(item)
                continue
            # A press sheet bounded out: every route of it.
            sheet, grid = item, _piece_grid(plan, item, gap)
            n, _nx, _ny, n_wt, _nx_wt, _ny_wt, _n_any = grid
            if n == 0:
                rejects.append(_piece_reject(plan, sheet, grid))
                continue
            methods = _press_methods(plan, sheet.press)
            wt = methods.work_and_turn if n_wt >= 2 else None
            extra += [r for r, _dominated in _piece_layouts(plan, sheet, grid, methods.main, wt)]
        for r in extra:
            r.compute()
            sheet = r.press_sheet
            out.append(
                Alternative(
                    plan.index,
                    sheet.press.code,
                    sheet.substrate.code,
                    sheet.cut,
                    sheet.size,
                    tuple(r.costs),
                    best,
                    (False,) * nq,
                    route=r,
                )
            )
        none = (None,) * nq
        for reject in rejects:
            sheet = reject.press_sheet
            out.append(
                Alternative(
                    plan.index,
                    sheet.press.code,
                    sheet.substrate.code,
                    sheet.cut,
                    sheet.size,
                    none,
                    best,
                    (False,) * nq,
                    reject.reason,
                    reject.field,
                )
            )
    return out


def estimate(spec, master, policy=None):
    """Estimate ``spec`` with ``master`` data at every quantity break.

    Returns an :class:`Estimate`. Raises :class:`SpecError` naming the offending field when the
    spec is malformed or no press of the master data can produce one of its parts.
    """
    if policy is None:
        policy = DEFAULT_POLICY
    validate(spec, master, policy)
    quantities = spec.quantities
    nq = len(quantities)
    parts = []
    for plan in _plans(spec, master):
        routes, rejects, deferred = _candidates(spec, master, plan)
        if not routes:
            raise _no_route(plan, rejects)
        costs = [r.costs for r in routes]
        winners = []
        for b in range(nq):
            best, best_cost = 0, costs[0][b]
            for j in range(1, len(costs)):
                if costs[j][b] < best_cost:
                    best, best_cost = j, costs[j][b]
            winners.append(best)
        parts.append(_PartChoice(plan, routes, rejects, costs, winners, deferred))
    job_ops = _job_ops(spec, master)
    markup_k = policy.markup_pct / 100.0
    discount_k = policy.discount_pct / 100.0
    minimum = policy.minimum_order_price
    breaks = []
    for b, q in enumerate(quantities):
        picks = []
        total = 0.0
        for part in parts:
            j = part.winners[b]
            cost = part.costs[j][b]
            total += cost
            picks.append((part.routes[j], cost))
        job_lines = []
        for job_op in job_ops:
            op = job_op.operation
            n = job_op.fixed_quantity + job_op.quantity_per_copy * q
            amount = op.cost(n)
            category = "outsourced" if op.outsourced else "finishing"
            item = Phrase("operation", _op_params(op))
            job_lines.append(CostLine(category, item, n, _BASIS_UNITS[op.basis], amount, None))
            total += amount
        markup = total * markup_k
        discount = (total + markup) * discount_k
        price = total + markup - discount
        raised = price < minimum
        if raised:
            price = minimum
        breaks.append(
            BreakResult(q, total, markup, discount, price, raised, tuple(picks), tuple(job_lines))
        )
    return Estimate(
        spec, policy, tuple(breaks), lambda: _alternatives(parts, quantities, spec.gutter)
    )
