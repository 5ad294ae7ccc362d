"""Routes, their costs and the choice of the cheapest one per part and quantity break.

How an estimate is made (doc/engine.md gives the estimator's view):

1. For each part, every press x substrate pair (the substrates the part names: one code, or
   every size of a grade) gives one *press sheet*: the largest 开 cut of the parent sheet that the
   press takes (computed once per MasterData and cached on it).
2. The part is imposed on that sheet (pieces n-up, or signatures plus a residual form) and
   printed by the methods that apply (single-sided, sheetwise or perfecting, work-and-turn,
   digital). Each feasible combination is a *route*; an infeasible one is kept with its reason.
3. Nothing about a route but the quantity varies between breaks, so its cost is
   ``fixed + per_copy * q`` plus a few *steps* ``if q < threshold: add a + b * q`` that make the
   one-lift minimum of guillotine work and the speed bands of a press exact. Only an operation
   with a minimum cost, below the quantity where that minimum stops binding, is costed line by
   line. The per-break work is plain arithmetic.
4. At each break the cheapest route of each part wins; job-level operations (stitching, binding,
   operations the spec lists) are added; the price policy turns the cost into a price.

By definition a route's cost is the sum of its cost lines (``_Route.lines``); the fast form
above is checked against it by the tests. Costs are proportional to the exact sheet demand (a
break of 1001 flyers 2-up is 500.5 net sheets); the routes report whole sheets rounded up for
the job ticket. Hence total cost never falls and unit price never rises as the quantity grows.
"""

import math

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


class _Option:
    """A press sheet: the largest 开 cut of a substrate's parent sheet that a press takes, with
    the press and guillotine constants its routes need (computed once per MasterData)."""

    __slots__ = (
        "press",
        "substrate",
        "cut",
        "sheet",
        "grain_long",
        "L",
        "S",
        "area",
        "sheet_price",
        "parent_kg",
        "caliper",
        "reject",
        "sp",
        "rate",
        "lin_speed",
        "bands",
        "mr_cost",
        "mr_each",
        "per_pass",
        "sheeting",
        "sheeting_setup",
    )

    def __init__(self, press, substrate, cut, sheet, grain_long, guillotine):
        self.press = press
        self.substrate = substrate
        self.cut = cut
        self.sheet = sheet
        self.grain_long = grain_long
        self.L = sheet[1] - 2 * press.side_margin
        self.S = sheet[0] - press.gripper - press.tail_margin
        self.area = sheet[0] * sheet[1] / 1e6
        self.sheet_price = substrate.sheet_price / cut  # paper cost of one press sheet
        self.parent_kg = substrate.sheet_kg
        self.caliper = substrate.caliper
        self.reject = None
        if press.min_gsm and substrate.gsm < press.min_gsm:
            self.reject = Phrase("min_gsm", {"press": press.code, "gsm": press.min_gsm})
        elif press.max_gsm and substrate.gsm > press.max_gsm:
            self.reject = Phrase("max_gsm", {"press": press.code, "gsm": press.max_gsm})
        self.sp = press.spoilage_pct / 100.0
        self.rate = press.hourly_rate
        self.mr_cost = press.makeready_hours * press.hourly_rate
        # Run time is costed linearly at the fastest band's speed, corrected below each band's
        # threshold t by (t - x) * d per sheet short of it, d = 1/slower - 1/faster speed.
        bands, speed = [], press.run_speed
        for t, faster in press.speed_bands:
            bands.append((t, 1.0 / speed - 1.0 / faster))
            speed = faster
        self.bands, self.lin_speed = tuple(bands), speed
        # For the lower bound: one makeready with its sheets; run cost of a sheet pass.
        self.mr_each = self.mr_cost + press.makeready_sheets * self.sheet_price
        self.per_pass = press.hourly_rate / speed
        self.sheeting = None
        self.sheeting_setup = 0.0
        if cut > 1 and guillotine is not None:
            # Sheeting the parent sheets: (cut - 1) strokes per lift of parent sheets, counted
            # per press sheet; at least one lift.
            strokes = (cut - 1) * substrate.caliper / guillotine.lift_height / cut
            self.sheeting = (_op_constants(guillotine), float(cut - 1), strokes, cut)
            self.sheeting_setup = guillotine.setup


def _options(master, substrate):
    """The press sheets ``substrate`` gives on each press (cached on ``master``).

    A press runs the largest cut of the parent sheet it takes (between its smallest and
    largest sheet, long edge leading); a press that takes no cut of it is not considered.
    """
    cache = master._cache.setdefault("options", {})
    found = cache.get(substrate.code)
    if found is None:
        guillotine = master.default_operation("cut")
        if guillotine is not None and guillotine.basis != "cut":
            guillotine = None
        found = []
        for press in master.presses:
            (mins, minl), (maxs, maxl) = press.min_sheet, press.max_sheet
            for n in sorted(master.cuts):
                sheet = _cut(substrate.sheet, n).size
                if mins <= sheet[0] <= maxs and minl <= sheet[1] <= maxl:
                    grain = _cut_grain(substrate.sheet, n, substrate.grain)
                    found.append(_Option(press, substrate, n, sheet, grain == "long", guillotine))
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
    """Everything about a part that depends on the spec only."""

    __slots__ = (
        "index",
        "part",
        "role",
        "prefix",
        "signatures",
        "cw",
        "ch",
        "pages",
        "i_f",
        "i_b",
        "i_wt",
        "process_sides",
        "spot_sides",
        "coverage",
        "colour_sides",
        "mono_sides",
        "ops",
        "substrates",
        "need",
        "separated",
        "ink",
        "quantities",
        "methods",
        "setup_lb",
        "copy_lb",
        "ink_m2",
        "cell_area",
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
        p.prefix = bound  # lines name the part's role
        p.need = spec.grain
        p.separated = b > 0 or spec.gutter > 0
        p.signatures = bound and part.role == "text"
        if p.signatures:
            mill = master.milling_mm if spec.kind == "perfect_bound" else 0.0
            p.cw, p.ch = width + b + mill, height + 2 * b
            p.pages = -(-part.pages // 4) * 4
            processes = ("fold",)
        elif spec.kind == "folded":
            p.cw, p.ch, p.pages = spec.panels * width + 2 * b, height + 2 * b, 0
            processes = ("cut", "fold")
        elif spec.kind == "saddle_stitched":
            p.cw, p.ch, p.pages = 2 * width + 2 * b, height + 2 * b, 4
            processes = ("cut", "fold")
        elif spec.kind == "perfect_bound":
            p.cw, p.ch, p.pages = 2 * width + spine + 2 * b, height + 2 * b, 4
            processes = ("cut",)
        else:
            p.cw, p.ch, p.pages = width + 2 * b, height + 2 * b, 0
            processes = ("cut",)
        cf, cb, sf, sb = part.colours_front, part.colours_back, part.spot_front, part.spot_back
        p.i_f, p.i_b = cf + sf, cb + sb
        # Work-and-turn plates: the back's colours are taken as a subset of the front's.
        p.i_wt = max(cf, cb) + max(sf, sb)
        p.process_sides, p.spot_sides = cf + cb, sf + sb
        cov = part.coverage_pct if part.coverage_pct is not None else ink.coverage_pct
        p.coverage = cov / 100.0 * ink.grams_per_m2 / 1000.0  # kg per m² per colour-side
        p.colour_sides = (p.i_f > 1) + (p.i_b > 1)
        p.mono_sides = (p.i_f == 1) + (p.i_b == 1)
        p.ops = _ops(master, part.finishing, processes)
        p.substrates = master.substrates_for(part.substrate)
        p.ink = ink
        p.quantities = spec.quantities
        # The methods on each press depend on the inks only: kept on the MasterData.
        p.methods = methods.setdefault((p.i_f, p.i_b, p.i_wt), {})
        # For the lower bound of a route (see _piece_routes).
        p.cell_area = p.cw * p.ch
        p.setup_lb = sum(k[3] for k in p.ops)
        p.copy_lb = sum(k[4] for k in p.ops if k[1] in ("copy", "piece"))
        p.ink_m2 = p.coverage * (
            p.process_sides * ink.process_price_kg + p.spot_sides * ink.spot_price_kg
        )
        plans.append(p)
    return plans


def _ops(master, codes, processes):
    """Default operations for ``processes`` (a listed one of the same process replaces its
    default), then the other listed operations, except those of a process the engine adds by
    itself elsewhere (``PROCESSES``: a stitcher listed on a part is the job's, not charged
    twice)."""
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
        k = cache.get(op.code)
        if k is None or k[0] is not op:
            k = cache[op.code] = _op_constants(op)
        out.append(k)
    return tuple(out)


def _op_constants(op):
    """(op, basis, lift height, setup cost, cost per unit, minimum cost) of an operation."""
    return (op, op.basis, op.lift_height, op.setup, op.per_unit, op.minimum_cost)


# --------------------------------------------------------------------------- routes


class _Route:
    """A feasible way to produce a part.

    ``forms`` are ``(label, count, n_up, pages, method, plates, makereadies, passes)`` tuples.
    Quantities are linear in the number of copies ``q``: the ``*_v`` attributes are per copy
    (``net_v`` net press sheets, ``run_v`` sheets run incl. spoilage, ``imp_v`` sheet passes,
    ``colour_v``/``mono_v`` clicks, ``ink_p_v``/``ink_s_v`` kg of ink), the others fixed.
    ``terms`` are the operations as ``(op, minimum quantity, fixed quantity, quantity per copy,
    sheeting cut or None)``. The cost is ``fixed + per_copy * q`` from ``q_lin`` copies on, that
    plus the ``steps`` from ``q_exact`` on, else ``cost(q)`` (the sum of the lines); see ``_row``.
    """

    __slots__ = (
        "plan",
        "opt",
        "forms",
        "method",
        "layout_args",
        "n_up",
        "sig_pages",
        "sig_per_sheet",
        "signatures",
        "net_v",
        "run_v",
        "imp_v",
        "mr_n",
        "mr_sheets",
        "plates",
        "colour_v",
        "mono_v",
        "ink_p_v",
        "ink_s_v",
        "terms",
        "fixed",
        "per_copy",
        "steps",
        "q_exact",
        "q_lin",
        "costs",
        "labels",
    )

    @property
    def layout(self):
        """The imposition as a Phrase ("pieces" or "signatures", see ``words.english``)."""
        a = self.layout_args
        if a[0] == "piece":
            _kind, n, nx, ny, wt = a
            return Phrase("pieces", {"n_up": n, "across": nx, "down": ny, "work_and_turn": wt})
        _kind, s, k, full, capacity, rest, m, wt = a
        return Phrase(
            "signatures",
            {
                "pages": s,
                "per_sheet": k,
                "full_sheets": full,
                "sheet_pages": capacity,
                "residual_pages": rest,
                "residual_up": m,
                "work_and_turn": wt,
            },
        )

    def cost(self, q):
        """The cost for ``q`` copies: by definition, the sum of the cost lines."""
        return sum(line.amount for line in self.lines(q))

    def run_hours(self, q):
        """Press hours of the run (makeready excluded) for ``q`` copies."""
        press = self.opt.press
        if not press.speed_bands:
            return self.imp_v * q / press.run_speed
        sp = self.opt.sp
        hours = 0.0
        for _label, count, n_up, _pages, _method, _plates, _mr, passes in self.forms:
            hours += count * passes * run_hours(press, q / n_up * (1 + sp * passes))
        return hours

    def lines(self, q):
        """The cost lines of the part on this route for ``q`` copies."""
        plan, opt = self.plan, self.opt
        press, sub, i = opt.press, opt.substrate, plan.index
        labels = self.labels or self._labels()
        sheets = self.run_v * q + self.mr_sheets
        parents = sheets / opt.cut
        amount = sheets * opt.sheet_price
        if sub.price_unit == "tonne":
            lines = [CostLine("paper", labels[0], parents * opt.parent_kg, "kg", amount, i)]
        elif sub.price_unit == "ream":
            lines = [CostLine("paper", labels[0], parents / 500.0, "reams", amount, i)]
        else:
            lines = [CostLine("paper", labels[0], parents, "sheets", amount, i)]
        if self.plates:
            n = self.plates
            lines.append(CostLine("plates", labels[1], n, "plates", n * press.plate_cost, i))
        ink = plan.ink
        if self.ink_p_v:
            kg = self.ink_p_v * q
            lines.append(CostLine("ink", labels[2], kg, "kg", kg * ink.process_price_kg, i))
        if self.ink_s_v:
            kg = self.ink_s_v * q
            lines.append(CostLine("ink", labels[3], kg, "kg", kg * ink.spot_price_kg, i))
        rate = press.hourly_rate
        if self.mr_n:
            hours = self.mr_n * press.makeready_hours
            lines.append(CostLine("makeready", labels[4], hours, "h", hours * rate, i))
        hours = self.run_hours(q)
        lines.append(CostLine("run", labels[5], hours, "h", hours * rate, i))
        if self.colour_v:
            n = self.colour_v * q
            lines.append(CostLine("click", labels[6], n, "clicks", n * press.click_colour, i))
        if self.mono_v:
            n = self.mono_v * q
            lines.append(CostLine("click", labels[7], n, "clicks", n * press.click_mono, i))
        for (k, qmin, q0, q1, _sheeting), label in zip(self.terms, labels[8:], strict=True):
            op = k[0]
            n = q0 + q1 * q
            if n < qmin:
                n = qmin
            category = "outsourced" if op.outsourced else "finishing"
            lines.append(CostLine(category, label, n, _BASIS_UNITS[op.basis], op.cost(n), i))
        return lines

    def _labels(self):
        """The items of the cost lines, as Phrases (see ``words.ITEMS``)."""
        plan, opt = self.plan, self.opt
        press, sub = opt.press, opt.substrate
        role = {"role": plan.role} if plan.prefix else {}
        paper = {
            "substrate": sub.code,
            "name": sub.name,
            "gsm": sub.gsm,
            "parent": sub.sheet,
            "cut": opt.cut,
            "sheet": opt.sheet,
        }
        labels = [
            Phrase("paper", {**role, **paper}),
            Phrase("plates", {**role, "press": press.code}),
            Phrase("process_ink", role),
            Phrase("spot_ink", role),
            Phrase("makeready", {**role, "press": press.code, "count": self.mr_n}),
            Phrase("run", {**role, "press": press.code, "method": self.method}),
            Phrase("colour_clicks", role),
            Phrase("mono_clicks", role),
        ]
        for (op, *_k), _qmin, _q0, _q1, sheeting in self.terms:
            labels.append(Phrase("operation", {**role, **_op_params(op), "sheeting": sheeting}))
        self.labels = labels
        return labels

    def output(self, q, cost):
        """The job-ticket view of this route at ``q`` copies."""
        plan, opt = self.plan, self.opt
        press, sub = opt.press, opt.substrate
        net = self.net_v * q
        run = self.run_v * q
        parents = (run + self.mr_sheets) / opt.cut
        sheets_net = _ceil(net)
        spoil = _ceil(run - net)
        mr = self.mr_sheets
        return Route(
            plan.index,
            plan.role,
            press.code,
            press.name,
            opt.sheet,
            sub.code,
            sub.sheet,
            opt.cut,
            "long" if opt.grain_long else "short",
            self.method,
            self.layout,
            self.n_up,
            self.sig_pages,
            self.sig_per_sheet,
            self.signatures,
            tuple(Form(*f) for f in self.forms),
            sheets_net,
            mr,
            spoil,
            sheets_net + mr + spoil,
            _ceil(parents),
            self.plates,
            parents * opt.parent_kg,
            self.mr_n * press.makeready_hours,
            self.run_hours(q),
            cost,
        )


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


def _methods(press, plan, wt):
    """(method, plates, makereadies, passes) of one form printed on ``press``.

    Offset: single-sided, ceil(inks / units) passes, each its own makeready; sheetwise, front
    and back each so; perfecting, one pass when front + back inks fit the units; work-and-turn
    (``wt``), one plate set of max(front, back) process + max(front, back) spot inks, made ready
    once and run twice. Digital: one pass per printed side, no plates; its one makeready per
    part is counted by the route.
    """
    if press.digital:
        sides = 1 + (plan.i_b > 0)
        return ("digital duplex" if sides == 2 else "digital simplex", 0, 0, sides)
    u = press.units
    if plan.i_b == 0:
        p = -(-plan.i_f // u)
        return ("single-sided", plan.i_f, p, p)
    if wt:
        p = -(-plan.i_wt // u)
        return ("work-and-turn", plan.i_wt, p, 2 * p)
    if press.perfecting and plan.i_f + plan.i_b <= u:
        return ("perfecting", plan.i_f + plan.i_b, 1, 1)
    p = -(-plan.i_f // u) - (-plan.i_b // u)
    return ("sheetwise", plan.i_f + plan.i_b, p, p)


def _both_methods(plan, press):
    """(main method, work-and-turn method or None, bound constants) of a part on ``press``,
    memoized in ``plan.methods`` (kept on the MasterData per inks, see ``_plans``). The bound
    constants are (plate cost, makereadies, passes, clicks per sheet or None) of the cheapest
    possible form on this press, for the lower bound in ``_piece_routes``: work-and-turn never
    needs more plates or makereadies than the main method."""
    found = plan.methods.get(press.code)
    if found is None:
        main = _methods(press, plan, False)
        wt = None if press.digital or not plan.i_b else _methods(press, plan, True)
        least = wt or main
        passes = min(main[3], wt[3]) if wt else main[3]
        clicks = None
        if press.digital:
            clicks = plan.colour_sides * press.click_colour + plan.mono_sides * press.click_mono
        bound = (least[1] * press.plate_cost, 1 if press.digital else least[2], passes, clicks)
        found = plan.methods[press.code] = (main, wt, bound)
    return found


def _candidates(spec, master, plan):
    """(routes, rejects, deferred) of a part. A reject is (stage, field, option, reason), the
    stage telling how far the checks got: 0 press and substrate, 1 size, 2 grain. A deferred
    route, one that cannot be the cheapest (dominated, or bounded out), is kept as the
    arguments of ``_route``, to be costed only for the alternatives."""
    routes, rejects, deferred = [], [], []
    best = [None] * len(plan.quantities)  # cheapest cost found so far, per break
    gap = spec.gutter
    part = plan.part
    spot = "spot_front" if part.spot_front else "spot_back" if part.spot_back else ""
    for sub in plan.substrates:
        for opt in _options(master, sub):
            if opt.reject is not None:
                rejects.append((0, f"parts[{plan.index}].substrate", opt, opt.reject))
            elif spot and opt.press.digital:
                reason = Phrase("digital_spot", {"press": opt.press.code})
                rejects.append((0, f"parts[{plan.index}].{spot}", opt, reason))
            elif plan.signatures:
                _signature_routes(plan, opt, gap, routes, rejects, deferred)
            else:
                _piece_routes(plan, opt, gap, routes, rejects, deferred, best)
    return routes, rejects, deferred


def _size_reject(opt, what, w, h):
    reason = Phrase(
        "too_large",
        {
            "what": what,
            "width": w,
            "height": h,
            "printable": (opt.L, opt.S),
            "sheet": opt.sheet,
            "press": opt.press.code,
        },
    )
    return (1, "finished_size", opt, reason)


def _grain_reject(plan, opt):
    grain = "long" if opt.grain_long else "short"
    reason = Phrase("grain", {"sheet": opt.sheet, "grain": grain, "need": plan.need})
    return (2, "grain", opt, reason)


def _piece_routes(plan, opt, gap, routes, rejects, deferred, best):
    method, wt, bound = plan.methods.get(opt.press.code) or _both_methods(plan, opt.press)
    bounded = best[0] is not None
    if bounded:
        # Branch and bound. A lower bound of every route of this press sheet at n-up is
        # fixed + (per_sheet / n + copy_lb) * q, keeping only parts of the real cost that are
        # never negative: plates and makereadies of the cheapest method (see _both_methods), the
        # setups of the part's operations and of sheeting, paper without spoilage, run time of
        # the fewest passes at the fastest speed band, ink or clicks on net sheets, and the
        # per-copy operations. First with the area bound of the n-up: no imposition needed.
        plates, makereadies, passes, clicks = bound
        fixed = plates + makereadies * opt.mr_each + plan.setup_lb + opt.sheeting_setup
        per_sheet = opt.sheet_price + passes * opt.per_pass
        per_sheet += opt.area * plan.ink_m2 if clicks is None else clicks
        n_bound = int(opt.L * opt.S / plan.cell_area)
        if n_bound:
            per_copy = per_sheet / n_bound + plan.copy_lb
            for q, b in zip(plan.quantities, best, strict=True):
                if fixed + per_copy * q < b:
                    break
            else:
                deferred.append((plan, opt, None))  # costed only for the alternatives
                return
    grid = imposition.grid(plan.cw, plan.ch, opt.L, opt.S, gap, opt.grain_long, plan.need)
    n, n_wt = grid[0], grid[3]
    if n == 0:
        rejects.append(_piece_reject(plan, opt, grid))
        return
    if n_wt < 2:
        wt = None
    if bounded:
        per_copy = per_sheet / max(n, n_wt) + plan.copy_lb
        for q, b in zip(plan.quantities, best, strict=True):
            if fixed + per_copy * q < b:
                break
        else:
            deferred.append((plan, opt, grid))
            return
    built = []
    for args, dominated in _piece_args(plan, opt, grid, method, wt):
        if dominated:
            deferred.append(args)
        else:
            built.append(_route(*args))
    routes += built
    for r in built:
        if best[0] is None:
            best[:] = r.costs
        else:
            best[:] = [b if b < c else c for b, c in zip(best, r.costs, strict=True)]


def _piece_reject(plan, opt, grid):
    if grid[6] == 0:
        return _size_reject(opt, "piece", plan.cw, plan.ch)
    return _grain_reject(plan, opt)


def _piece_args(plan, opt, grid, method, wt):
    """``_route`` arguments of the routes of a piece part on a press sheet, each with whether
    another route of the same sheet dominates it."""
    n, nx, ny, n_wt, nx_wt, ny_wt, _n_any = grid
    cuts = imposition.cuts_for(nx, ny, plan.separated)
    primary = (plan, opt, (("sheet", 1, n, 0, *method),), method[0], ("piece", n, nx, ny, False))
    primary += (n, 0, 0, 1, cuts)
    if wt is None:
        return ((primary, False),)
    forms = (("sheet", 1, n_wt, 0, *wt),)
    layout = ("piece", n_wt, nx_wt, ny_wt, True)
    same = (nx_wt, ny_wt) == (nx, ny)
    if not same:
        cuts = imposition.cuts_for(nx_wt, ny_wt, plan.separated)
    turn = (plan, opt, forms, wt[0], layout, n_wt, 0, 0, 1, cuts)
    # Same sheets, same cuts, no more passes, fewer plates and makereadies: sheetwise can never
    # be cheaper than work-and-turn here.
    dominated = method[0] == "sheetwise" and same and wt[3] <= method[3]
    return ((primary, dominated), (turn, False))


def _signature_routes(plan, opt, gap, routes, rejects, deferred):
    layouts, any_pages = imposition.signature_layouts(
        plan.cw, plan.ch, opt.L, opt.S, gap, opt.grain_long, plan.need
    )
    if not layouts:
        if any_pages == 0:
            rejects.append(_size_reject(opt, "spread", 2 * plan.cw, plan.ch))
        else:
            rejects.append(_grain_reject(plan, opt))
        return
    main, wt, _bound_constants = plan.methods.get(opt.press.code) or _both_methods(plan, opt.press)
    for s, k, bx, by in layouts:
        capacity = s * k
        full, rest = divmod(plan.pages, capacity)
        # Folded signatures per copy: k per full sheet; the residual folds as its binary parts
        # (e.g. 24 pages = 16 + 8).
        signatures = full * k + bin(rest // 4).count("1")
        cuts = imposition.cuts_for(bx, by, plan.separated)
        forms = ((f"{capacity}-page sheet", full, 1, capacity, *main),) if full else ()
        if not rest:
            layout = ("sig", s, k, full, capacity, 0, 0, False)
            routes.append(_route(plan, opt, forms, main[0], layout, 0, s, k, signatures, cuts))
            continue
        m = capacity // rest
        res = (f"residual {rest}-page form", 1, m, rest, *main)
        layout = ("sig", s, k, full, capacity, rest, m, False)
        args = (plan, opt, (*forms, res), main[0], layout, 0, s, k, signatures, cuts)
        routes.append(_route(*args))
        m_wt = m - (m & 1)
        if m_wt >= 2 and wt is not None:
            res = (f"residual {rest}-page form", 1, m_wt, rest, *wt)
            method = f"{main[0]} + work-and-turn" if full else wt[0]
            layout = ("sig", s, k, full, capacity, rest, m_wt, True)
            args = (plan, opt, (*forms, res), method, layout, 0, s, k, signatures, cuts)
            routes.append(_route(*args))


def _route(plan, opt, forms, method, layout, n_up, sig_pages, sig_per_sheet, pieces, cuts):
    """Build a route and its cost function ``fixed + per_copy * q`` + steps."""
    press = opt.press
    sp, rate, bands = opt.sp, opt.rate, opt.bands
    r = _Route()
    r.plan, r.opt, r.forms, r.method, r.layout_args = plan, opt, forms, method, layout
    r.n_up, r.sig_pages, r.sig_per_sheet, r.signatures = n_up, sig_pages, sig_per_sheet, pieces
    r.labels = None
    steps = []
    net_v = run_v = imp_v = fixed = 0.0
    mr_n = plates = 0
    for _label, count, n, _pages, _method, f_plates, f_mr, passes in forms:
        per_pass = (1 + sp * passes) / n  # sheets run per pass per copy, one form
        run = count * per_pass
        net_v += count / n
        run_v += run
        imp_v += run * passes
        mr_n += count * f_mr
        plates += count * f_plates
        if bands:
            w = count * passes * rate
            for t, d in bands:
                fixed += w * t * d
                steps.append((t / per_pass, -w * t * d, w * per_pass * d))
    if press.digital:
        mr_n = 1  # one makeready per part
    mr_sheets = mr_n * press.makeready_sheets
    price = opt.sheet_price
    fixed += mr_sheets * price + plates * press.plate_cost + mr_n * opt.mr_cost
    per_copy = run_v * price + imp_v / opt.lin_speed * rate
    if press.digital:
        colour_v, mono_v = run_v * plan.colour_sides, run_v * plan.mono_sides
        ink_p_v = ink_s_v = 0.0
        per_copy += colour_v * press.click_colour + mono_v * press.click_mono
    else:
        colour_v = mono_v = 0.0
        ink_sheet = run_v * opt.area * plan.coverage
        ink_p_v = ink_sheet * plan.process_sides
        ink_s_v = ink_sheet * plan.spot_sides
        ink = plan.ink
        per_copy += ink_p_v * ink.process_price_kg + ink_s_v * ink.spot_price_kg
    r.net_v, r.run_v, r.imp_v, r.mr_n, r.mr_sheets, r.plates = (
        net_v,
        run_v,
        imp_v,
        mr_n,
        mr_sheets,
        plates,
    )
    r.colour_v, r.mono_v, r.ink_p_v, r.ink_s_v = colour_v, mono_v, ink_p_v, ink_s_v
    # Operations as (constants, minimum quantity, fixed quantity, quantity per copy, sheeting
    # cut or None).
    terms = []
    if opt.sheeting is not None:
        k, qmin, strokes, cut = opt.sheeting
        terms.append((k, qmin, strokes * mr_sheets, strokes * run_v, cut))
    for k in plan.ops:
        basis = k[1]
        if basis == "copy":
            terms.append((k, 0.0, 0.0, 1.0, None))
        elif basis == "piece":
            terms.append((k, 0.0, 0.0, float(pieces), None))
        elif basis == "cut":  # strokes per sheet layout x lifts of net sheets, one lift at least
            terms.append((k, float(cuts), 0.0, cuts * net_v * opt.caliper / k[2], None))
        elif basis == "sheet":
            terms.append((k, 0.0, 0.0, net_v, None))
        elif basis == "m2":
            terms.append((k, 0.0, 0.0, net_v * opt.area, None))
        else:
            terms.append((k, 0.0, 1.0, 0.0, None))
    q_exact = 0.0
    for (_op, _basis, _lift, setup, per_unit, minimum), qmin, q0, q1, _sheeting in terms:
        fixed += setup + per_unit * q0
        per_copy += per_unit * q1
        if qmin > q0:  # one lift at least: below it the quantity is qmin
            if q1 > 0:
                steps.append(((qmin - q0) / q1, per_unit * (qmin - q0), -per_unit * q1))
            else:
                fixed += per_unit * (qmin - q0)
        if minimum > 0:  # exact, line by line, until the minimum stops binding
            need = minimum - setup
            if need > per_unit * (qmin if qmin > q0 else q0):
                reach = (need / per_unit - q0) / q1 if per_unit > 0 and q1 > 0 else math.inf
                if reach > q_exact:
                    q_exact = reach
    q_lin = q_exact
    for step in steps:
        if step[0] > q_lin:
            q_lin = step[0]
    r.terms, r.steps = terms, steps
    r.fixed, r.per_copy, r.q_exact, r.q_lin = fixed, per_copy, q_exact, q_lin
    r.costs = _row(r, plan.quantities)
    return r


def _row(r, quantities):
    """The route's cost at each of ``quantities``: ``fixed + per_copy * q`` plus each step
    ``(threshold, a, b)`` with ``q < threshold`` adding ``a + b * q``; below ``q_exact`` (an
    operation's minimum cost binds) the sum of the lines.

    This is the one fast path: by definition the cost is the sum of the lines
    (``_Route.cost``), and the tests check that both agree. Summing the lines at every break
    instead is 3 to 5 times slower: 3,500 flyer and 760 book estimates/s instead of 10,400 and
    3,700 (one core of the bench machine, busy; targets: 10,000 and 1,000).
    """
    f, v, q_lin, q_exact, steps = r.fixed, r.per_copy, r.q_lin, r.q_exact, r.steps
    row = []
    for q in quantities:  # q_exact <= q_lin
        if q >= q_lin:
            row.append(f + v * q)
        elif q < q_exact:
            row.append(r.cost(q))
        else:
            c = f + v * q
            for threshold, a, b in steps:
                if q < threshold:
                    c += a + b * q
            row.append(c)
    return row


# --------------------------------------------------------------------------- estimate


def _no_route(plan, rejects):
    stage = max((r[0] for r in rejects), default=-1)
    worst = [r for r in rejects if r[0] == stage]
    if not worst:
        return SpecError(
            f"parts[{plan.index}].substrate",
            f"no press takes a sheet of {plan.part.substrate!r}",
        )
    _stage, field, _opt, reason = worst[0]
    more = f" (and {len(worst) - 1} more)" if len(worst) > 1 else ""
    return SpecError(field, f"part {plan.index} ({plan.role}) cannot be printed: {reason}{more}")


def _job_ops(spec, master):
    """Job-level operations as (op, fixed quantity, quantity per copy)."""
    processes = {"saddle_stitched": ("saddle_stitch",), "perfect_bound": ("perfect_bind",)}
    out = []
    for op, basis, *_k in _ops(master, spec.finishing, processes.get(spec.kind, ())):
        if basis not in ("job", "copy", "piece"):
            raise SpecError("master.operations", f"{op.code} must be charged per job or copy")
        out.append((op, 1.0, 0.0) if basis == "job" else (op, 0.0, 1.0))
    return out


def _alternatives(parts, quantities, gap):
    """Every route (dominated ones costed now) and every rejected combination of every part,
    as Alternative objects, in the order considered."""
    nq = len(quantities)
    out = []
    for plan, routes, rejects, table, winners, deferred in parts:
        best = tuple(table[w][b] for b, w in enumerate(winners))
        for j, r in enumerate(routes):
            opt = r.opt
            out.append(
                Alternative(
                    plan.index,
                    opt.press.code,
                    opt.substrate.code,
                    opt.cut,
                    opt.sheet,
                    tuple(table[j]),
                    best,
                    tuple(w == j for w in winners),
                    route=r,
                )
            )
        extra = []
        rejects = list(rejects)
        for item in deferred:
            if len(item) == 3:  # a press sheet bounded out: all its routes
                plan_, opt, grid = item
                if grid is None:
                    grid = imposition.grid(
                        plan_.cw, plan_.ch, opt.L, opt.S, gap, opt.grain_long, plan_.need
                    )
                    if grid[0] == 0:
                        rejects.append(_piece_reject(plan_, opt, grid))
                        continue
                method, wt, _bound_constants = _both_methods(plan_, opt.press)
                wt = wt if grid[3] >= 2 else None
                extra += [args for args, _d in _piece_args(plan_, opt, grid, method, wt)]
            else:
                extra.append(item)
        for args in extra:
            r = _route(*args)
            opt = r.opt
            out.append(
                Alternative(
                    plan.index,
                    opt.press.code,
                    opt.substrate.code,
                    opt.cut,
                    opt.sheet,
                    tuple(r.costs),
                    best,
                    (False,) * nq,
                    route=r,
                )
            )
        none = (None,) * nq
        for _stage, field, opt, reason in rejects:
            out.append(
                Alternative(
                    plan.index,
                    opt.press.code,
                    opt.substrate.code,
                    opt.cut,
                    opt.sheet,
                    none,
                    best,
                    (False,) * nq,
                    reason,
                    field,
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
    # (plan, routes, rejects, table[route][break], winner route per break, deferred routes)
    parts = []
    for plan in _plans(spec, master):
        routes, rejects, deferred = _candidates(spec, master, plan)
        if not routes:
            raise _no_route(plan, rejects)
        table = [r.costs for r in routes]
        winners = []
        for b in range(nq):
            best, best_cost = 0, table[0][b]
            for j in range(1, len(table)):
                if table[j][b] < best_cost:
                    best, best_cost = j, table[j][b]
            winners.append(best)
        parts.append((plan, routes, rejects, table, winners, deferred))
    job_ops = _job_ops(spec, master)
    markup_k = policy.markup_pct / 100.0
    discount_k = policy.discount_pct / 100.0
    minimum = policy.minimum_order_price
    breaks = []
    for b, q in enumerate(quantities):
        picks = []
        total = 0.0
        for _plan, routes, _rejects, table, winners, _deferred in parts:
            j = winners[b]
            cost = table[j][b]
            total += cost
            picks.append((routes[j], cost))
        job_lines = []
        for op, q0, q1 in job_ops:
            n = q0 + q1 * q
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
