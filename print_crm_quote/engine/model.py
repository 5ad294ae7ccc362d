"""Input and output data of the estimating engine, and the validation of a job spec.

Inputs are frozen dataclasses (``Press``, ``Substrate``, ``Operation``, ``InkCost``,
``MasterData``, ``Part``, ``JobSpec``, ``PricePolicy``): build them once, share them freely.
Outputs (``Estimate``, ``BreakResult``, ``Route``, ``Form``, ``CostLine``, ``Alternative``) are
slotted classes the engine fills in; treat them as read-only. ``BreakResult.routes`` and
``.lines`` and ``Estimate.alternatives`` are built on first access. Each has ``to_dict()`` giving
plain JSON-ready data with money rounded to 2 decimals (the only place the engine rounds money).

Units everywhere: millimetres, g/m², sheets, hours, company currency (plain floats).
"""

import dataclasses
from dataclasses import dataclass

from . import sizes as _sizes
from .words import Phrase

KINDS = ("flat", "folded", "saddle_stitched", "perfect_bound")
ROLES = ("text", "cover")
GRAINS = (None, "height", "width")
PRICE_UNITS = ("tonne", "1000", "ream")
BASES = ("job", "copy", "piece", "sheet", "m2", "cut")
CATEGORIES = ("paper", "plates", "ink", "makeready", "run", "click", "finishing", "outsourced")
#: Processes the engine adds by itself, depending on the product kind.
PROCESSES = ("cut", "fold", "saddle_stitch", "perfect_bind")


class SpecError(ValueError):
    """An impossible or malformed job spec (or master data).

    ``field`` is the path of the offending input, e.g. ``"quantities[2]"``,
    ``"parts[0].pages"``, ``"finished_size"``, ``"master.presses[1].run_speed"``;
    ``message`` says it in English for the engine's own callers and tests.
    """

    def __init__(self, field, message, phrase=None):
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message
        # The same as a code with parameters (``words.Phrase``) where a user can meet the
        # error with a correct spec (no press can print it), for the addon to render.
        self.phrase = phrase


def _size(value, where):
    try:
        w, h = _sizes.normalize(value) if isinstance(value, str) else value
        w, h = float(w), float(h)
    except (KeyError, TypeError, ValueError):
        raise SpecError(
            where, f"expected a size name or (width, height) in mm, not {value!r}"
        ) from None
    if not (w > 0 and h > 0) or w == float("inf") or h == float("inf"):
        raise SpecError(where, f"dimensions must be positive, got {w:g}x{h:g} mm")
    return (w, h)


def _sheet(value, where):
    """A sheet size as (short, long)."""
    w, h = _size(value, where)
    return (w, h) if w <= h else (h, w)


# --------------------------------------------------------------------------- master data


@dataclass(frozen=True, slots=True)
class Press:
    """A printing press as a cost centre.

    Sheets are fed long edge first: the gripper margin (and the tail margin) are taken off the
    short side of the press sheet, a side margin off each end of the long side. An offset press
    prints ``units`` inks per pass; a ``perfecting`` press prints both sides in one pass when the
    front and back inks together fit its units. A ``digital`` press has no plates: it charges a
    click per printed side (``click_colour`` or ``click_mono``) and one makeready per part, and
    prints process colours only. ``run_speed`` is in sheets per hour per pass; ``speed_bands``
    ``((from_sheet, speed), ...)`` raise it for the sheets of a run beyond ``from_sheet``
    (marginal, like tax brackets, so run time never falls when the run grows).
    ``spoilage_pct`` is the run spoilage per pass; ``makeready_hours`` and ``makeready_sheets``
    are per makeready (one per plate change / form and pass group).
    """

    code: str
    name: str
    max_sheet: tuple
    min_sheet: tuple = (0.0, 0.0)
    gripper: float = 10.0
    side_margin: float = 5.0
    tail_margin: float = 5.0
    units: int = 4
    perfecting: bool = False
    digital: bool = False
    makeready_hours: float = 0.25
    makeready_sheets: int = 50
    run_speed: float = 8000.0
    speed_bands: tuple = ()
    hourly_rate: float = 0.0
    plate_cost: float = 0.0
    spoilage_pct: float = 0.0
    click_colour: float = 0.0
    click_mono: float = 0.0
    min_gsm: float = 0.0
    max_gsm: float = 0.0

    def __post_init__(self):
        object.__setattr__(self, "max_sheet", _sheet(self.max_sheet, "max_sheet"))
        if self.min_sheet != (0.0, 0.0) and self.min_sheet != (0, 0):
            object.__setattr__(self, "min_sheet", _sheet(self.min_sheet, "min_sheet"))
        else:
            object.__setattr__(self, "min_sheet", (0.0, 0.0))
        object.__setattr__(self, "speed_bands", tuple(tuple(b) for b in self.speed_bands))


@dataclass(frozen=True, slots=True)
class Substrate:
    """A paper or board as stocked: a parent ``sheet`` (name or (w, h) mm), ``gsm``, ``grain``
    ("long": parallel to the sheet's long side, or "short"), ``caliper`` (mm per leaf) and its
    price: ``price_unit`` "tonne" (per 1000 kg), "1000" (per 1000 sheets) or "ream" (令, per 500
    sheets). Substrates sharing a ``grade`` are the same paper in different sheet sizes; a part
    naming the grade lets the engine choose the size.
    """

    code: str
    name: str
    sheet: tuple
    gsm: float
    price: float
    price_unit: str = "tonne"
    grain: str = "long"
    caliper: float = 0.1
    grade: str = ""
    coated: bool = True

    def __post_init__(self):
        object.__setattr__(self, "sheet", _sheet(self.sheet, "sheet"))
        if not self.grade:
            object.__setattr__(self, "grade", self.code)

    @property
    def sheet_kg(self):
        """Weight of one parent sheet in kg."""
        return self.sheet[0] * self.sheet[1] / 1e6 * self.gsm / 1000.0

    @property
    def sheet_price(self):
        """Price of one parent sheet."""
        if self.price_unit == "tonne":
            return self.sheet_kg * self.price / 1000.0
        if self.price_unit == "ream":
            return self.price / 500.0
        return self.price / 1000.0


@dataclass(frozen=True, slots=True)
class Operation:
    """A finishing step or outsourced operation.

    Its cost for a quantity ``n`` of its ``basis`` is
    ``max(minimum_cost, setup_hours * hourly_rate + setup_cost + n * (unit_price + hourly_rate /
    speed))`` (the speed term only when ``speed`` > 0). ``basis`` is what ``n`` counts:
    "job" (1), "copy" (finished copies), "piece" (items through the machine: folded signatures
    of a text part, else copies), "sheet" (net printed press sheets of the part), "m2" (their
    area) or "cut" (guillotine strokes: cuts per sheet layout x lifts, a lift being
    ``lift_height`` mm of sheets). ``process`` tells the engine which step it performs ("cut",
    "fold", "saddle_stitch", "perfect_bind" are added by the engine itself, the first operation
    listed for a process being the default; anything else is only used when a spec names it).
    An ``outsourced`` operation is bought from ``supplier`` at ``setup_cost`` + ``unit_price``.
    """

    code: str
    name: str
    process: str = "other"
    basis: str = "copy"
    setup_hours: float = 0.0
    setup_cost: float = 0.0
    speed: float = 0.0
    hourly_rate: float = 0.0
    unit_price: float = 0.0
    minimum_cost: float = 0.0
    lift_height: float = 100.0
    outsourced: bool = False
    supplier: str = ""

    @property
    def setup(self):
        """Fixed cost of one use."""
        return self.setup_hours * self.hourly_rate + self.setup_cost

    @property
    def per_unit(self):
        """Variable cost per unit of the basis."""
        run = self.hourly_rate / self.speed if self.speed > 0 else 0.0
        return self.unit_price + run

    def cost(self, n):
        """Cost of ``n`` units of the basis."""
        return max(self.minimum_cost, self.setup + n * self.per_unit)


@dataclass(frozen=True, slots=True)
class InkCost:
    """Offset ink: ``grams_per_m2`` laid by one colour at 100 % coverage, prices per kg, and the
    ``coverage_pct`` assumed when a part does not give its own. Coverage is taken over the whole
    press sheet area of every run sheet (net + spoilage), per printed colour and side."""

    process_price_kg: float = 10.0
    spot_price_kg: float = 20.0
    grams_per_m2: float = 1.5
    coverage_pct: float = 25.0


@dataclass(frozen=True, slots=True)
class MasterData:
    """Everything the engine knows about the shop. ``cuts`` are the 开 cuts of a parent sheet
    the engine may use (powers of two); ``milling_mm`` is the spine grind-off per page of a
    perfect-bound text. Built once and reused: derived tables are cached on the instance."""

    presses: tuple
    substrates: tuple
    operations: tuple = ()
    ink: InkCost = InkCost()
    cuts: tuple = (1, 2, 4, 8, 16)
    milling_mm: float = 3.0
    _cache: dict = dataclasses.field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self):
        for name in ("presses", "substrates", "operations", "cuts"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        _validate_master(self)
        subs = {}
        for s in self.substrates:
            subs.setdefault(s.code, []).append(s)
        for s in self.substrates:
            if s.grade != s.code:
                subs.setdefault(s.grade, []).append(s)
        self._cache["substrates"] = {k: tuple(v) for k, v in subs.items()}
        self._cache["operations"] = {op.code: op for op in self.operations}
        defaults = {}
        for op in self.operations:
            defaults.setdefault(op.process, op)
        self._cache["defaults"] = defaults

    def substrates_for(self, key):
        """Substrates a part may use when it names ``key`` (a substrate code or a grade)."""
        return self._cache["substrates"].get(key, ())

    def operation(self, code):
        """The operation called ``code``, or None."""
        return self._cache["operations"].get(code)

    def default_operation(self, process):
        """The first operation listed for ``process``, or None."""
        return self._cache["defaults"].get(process)


def _validate_master(m):
    if not m.presses:
        raise SpecError("master.presses", "no press")
    if not m.substrates:
        raise SpecError("master.substrates", "no substrate")
    for name in ("presses", "substrates", "operations"):
        seen = set()
        for i, item in enumerate(getattr(m, name)):
            if item.code in seen:
                raise SpecError(f"master.{name}[{i}].code", f"duplicate code {item.code!r}")
            seen.add(item.code)
    for i, p in enumerate(m.presses):
        where = f"master.presses[{i}]"
        if p.min_sheet[0] > p.max_sheet[0] or p.min_sheet[1] > p.max_sheet[1]:
            raise SpecError(f"{where}.min_sheet", "smallest sheet larger than the largest")
        if not (isinstance(p.units, int) and p.units >= 1):
            raise SpecError(f"{where}.units", "at least one printing unit")
        if not p.run_speed > 0:
            raise SpecError(f"{where}.run_speed", "must be positive")
        last_from, last_speed = 0.0, p.run_speed
        for j, band in enumerate(p.speed_bands):
            if len(band) != 2 or band[0] <= last_from or band[1] < last_speed:
                raise SpecError(
                    f"{where}.speed_bands[{j}]",
                    "bands are (from_sheet, speed) with rising thresholds and speeds",
                )
            last_from, last_speed = band
        for name in ("gripper", "side_margin", "tail_margin", "makeready_hours", "hourly_rate"):
            if getattr(p, name) < 0:
                raise SpecError(f"{where}.{name}", "must not be negative")
        for name in ("makeready_sheets", "plate_cost", "spoilage_pct", "click_colour"):
            if getattr(p, name) < 0:
                raise SpecError(f"{where}.{name}", "must not be negative")
        if p.click_mono < 0:
            raise SpecError(f"{where}.click_mono", "must not be negative")
    for i, s in enumerate(m.substrates):
        where = f"master.substrates[{i}]"
        if not s.gsm > 0:
            raise SpecError(f"{where}.gsm", "must be positive")
        if not s.caliper > 0:
            raise SpecError(f"{where}.caliper", "must be positive")
        if s.price < 0:
            raise SpecError(f"{where}.price", "must not be negative")
        if s.price_unit not in PRICE_UNITS:
            raise SpecError(f"{where}.price_unit", f"one of {', '.join(PRICE_UNITS)}")
        if s.grain not in ("long", "short"):
            raise SpecError(f"{where}.grain", "'long' or 'short'")
    for i, op in enumerate(m.operations):
        where = f"master.operations[{i}]"
        if op.basis not in BASES:
            raise SpecError(f"{where}.basis", f"one of {', '.join(BASES)}")
        for name in ("setup_hours", "setup_cost", "speed", "hourly_rate", "unit_price"):
            if getattr(op, name) < 0:
                raise SpecError(f"{where}.{name}", "must not be negative")
        if op.minimum_cost < 0:
            raise SpecError(f"{where}.minimum_cost", "must not be negative")
        if op.basis == "cut" and not op.lift_height > 0:
            raise SpecError(f"{where}.lift_height", "must be positive")
    for j, n in enumerate(m.cuts):
        if not isinstance(n, int) or n < 1 or n & (n - 1):
            raise SpecError(f"master.cuts[{j}]", "a 开 cut is a power of two")
    ink = m.ink
    if min(ink.process_price_kg, ink.spot_price_kg, ink.grams_per_m2, ink.coverage_pct) < 0:
        raise SpecError("master.ink", "ink figures must not be negative")


# --------------------------------------------------------------------------- job spec


@dataclass(frozen=True, slots=True)
class Part:
    """One printed component of a job: the sheet of a flyer, the text or cover of a booklet.

    ``substrate`` is a substrate code or grade. Colours are counted per side: process colours
    (0-4, CMYK) plus spot colours. ``pages`` counts the pages of a text part (a saddle-stitched
    text: a multiple of 4; a perfect-bound text: even, imposed with blank pages up to the next
    multiple of 4); a cover always has 4 pages (0 means 4); flat and folded parts ignore it.
    ``coverage_pct`` overrides the master ink coverage. ``finishing`` names extra operations
    (lamination, varnish, ...) charged on this part; one whose process is a default step the part
    gets anyway (e.g. "fold") replaces that default.
    """

    substrate: str
    colours_front: int = 4
    colours_back: int = 0
    spot_front: int = 0
    spot_back: int = 0
    pages: int = 0
    role: str = "text"
    coverage_pct: float | None = None
    finishing: tuple = ()

    def __post_init__(self):
        object.__setattr__(self, "finishing", tuple(self.finishing))


@dataclass(frozen=True, slots=True)
class JobSpec:
    """What the customer wants.

    ``kind``: "flat" (flyer, poster, card), "folded" (leaflet of ``panels`` panels side by
    side), "saddle_stitched" (text parts + optional cover) or "perfect_bound" (text sections +
    cover). ``finished_size`` is the trimmed, folded size (width, height) or a size name.
    ``quantities`` are the quantity breaks. ``bleed`` is added on every trimmed edge; ``gutter``
    is the gap between pieces on the sheet. ``grain`` ("height"/"width"/None) requires the paper
    grain to run parallel to the finished height (spine, folds) or width. ``finishing`` names
    job-level operations charged per job, copy or piece.
    """

    kind: str
    finished_size: tuple
    quantities: tuple
    parts: tuple
    bleed: float = 3.0
    gutter: float = 0.0
    panels: int = 1
    grain: str | None = None
    finishing: tuple = ()
    name: str = ""

    def __post_init__(self):
        for name in ("quantities", "parts", "finishing"):
            value = getattr(self, name)
            if isinstance(value, list | tuple):
                object.__setattr__(self, name, tuple(value))


@dataclass(frozen=True, slots=True)
class PricePolicy:
    """How a cost becomes a price: ``price = max(minimum_order_price, cost * (1 + markup_pct /
    100) * (1 - discount_pct / 100))``."""

    markup_pct: float = 30.0
    minimum_order_price: float = 50.0
    discount_pct: float = 0.0
    name: str = "default"


DEFAULT_POLICY = PricePolicy()


def _int(value):
    return isinstance(value, int) and not isinstance(value, bool)


def validate(spec, master, policy):
    """Raise SpecError naming the first malformed or impossible field of ``spec``."""
    if spec.kind not in KINDS:
        raise SpecError("kind", f"one of {', '.join(KINDS)}, not {spec.kind!r}")
    _size(spec.finished_size, "finished_size")
    if not spec.quantities:
        raise SpecError("quantities", "at least one quantity")
    for i, q in enumerate(spec.quantities):
        if type(q) is not int or q <= 0:  # bool is not a quantity either
            raise SpecError(f"quantities[{i}]", f"a whole number above 0, not {q!r}")
    if not spec.bleed >= 0:
        raise SpecError("bleed", "must not be negative")
    if not spec.gutter >= 0:
        raise SpecError("gutter", "must not be negative")
    if spec.grain not in GRAINS:
        raise SpecError("grain", "None, 'height' or 'width'")
    if spec.kind == "folded":
        if not _int(spec.panels) or spec.panels < 2:
            raise SpecError("panels", "a folded leaflet has at least 2 panels")
    elif spec.panels != 1:
        raise SpecError("panels", "only a folded leaflet has panels")
    _validate_parts(spec, master)
    for j, code in enumerate(spec.finishing):
        op = master.operation(code)
        if op is None:
            raise SpecError(f"finishing[{j}]", f"unknown operation {code!r}")
        if op.basis not in ("job", "copy", "piece"):
            raise SpecError(
                f"finishing[{j}]", f"{code} is charged per {op.basis}: list it on a part"
            )
    if not policy.markup_pct > -100:
        raise SpecError("policy.markup_pct", "must be above -100")
    if not 0 <= policy.discount_pct < 100:
        raise SpecError("policy.discount_pct", "from 0 up to (not including) 100")
    if not policy.minimum_order_price >= 0:
        raise SpecError("policy.minimum_order_price", "must not be negative")


def _validate_parts(spec, master):
    parts = spec.parts
    if not parts:
        raise SpecError("parts", "at least one part")
    for i, part in enumerate(parts):
        where = f"parts[{i}]"
        if part.role not in ROLES:
            raise SpecError(f"{where}.role", "'text' or 'cover'")
        if not master.substrates_for(part.substrate):
            raise SpecError(f"{where}.substrate", f"unknown substrate {part.substrate!r}")
        for name in ("colours_front", "colours_back"):
            value = getattr(part, name)
            if not _int(value) or not 0 <= value <= 4:
                raise SpecError(f"{where}.{name}", "0 to 4 process colours")
        for name in ("spot_front", "spot_back"):
            value = getattr(part, name)
            if not _int(value) or not 0 <= value <= 8:
                raise SpecError(f"{where}.{name}", "0 to 8 spot colours")
        if part.colours_front + part.spot_front == 0:
            raise SpecError(f"{where}.colours_front", "the front prints at least one colour")
        if part.coverage_pct is not None and not 0 < part.coverage_pct <= 100:
            raise SpecError(f"{where}.coverage_pct", "above 0 and at most 100")
        for j, code in enumerate(part.finishing):
            if master.operation(code) is None:
                raise SpecError(f"{where}.finishing[{j}]", f"unknown operation {code!r}")
        if not _int(part.pages) or part.pages < 0:
            raise SpecError(f"{where}.pages", "a whole number of pages")
    if spec.kind in ("flat", "folded"):
        if len(parts) != 1:
            raise SpecError("parts", f"a {spec.kind} job has exactly one part")
        return
    covers = [i for i, p in enumerate(parts) if p.role == "cover"]
    texts = [i for i, p in enumerate(parts) if p.role == "text"]
    if not texts:
        raise SpecError("parts", "a bound job needs a text part")
    if len(covers) > 1:
        raise SpecError(f"parts[{covers[1]}].role", "only one cover")
    if spec.kind == "perfect_bound" and not covers:
        raise SpecError("parts", "a perfect-bound book needs a cover part")
    for i in covers:
        if parts[i].pages not in (0, 4):
            raise SpecError(f"parts[{i}].pages", "a cover has 4 pages")
    for i in texts:
        pages = parts[i].pages
        if pages <= 0:
            raise SpecError(f"parts[{i}].pages", "a text part needs its page count")
        if spec.kind == "saddle_stitched" and pages % 4:
            raise SpecError(
                f"parts[{i}].pages", f"a saddle-stitched page count is a multiple of 4, not {pages}"
            )
        if spec.kind == "perfect_bound" and pages % 2:
            raise SpecError(f"parts[{i}].pages", f"a book has an even page count, not {pages}")


# --------------------------------------------------------------------------- results


def _money(x):
    return round(x + 0.0, 2)


@dataclass(slots=True)
class CostLine:
    """One line of a cost breakdown: ``amount`` = cost of ``quantity`` ``unit`` of ``item``.
    ``item`` is a :class:`Phrase` (code and parameters, see ``words.ITEMS``), ``unit`` one of
    ``words.UNITS``; ``label`` is its English rendering. ``part`` is the index of the part it
    belongs to, None for the job as a whole."""

    category: str
    item: Phrase
    quantity: float
    unit: str
    amount: float
    part: int | None = None

    @property
    def label(self):
        return str(self.item)

    def to_dict(self):
        return {
            "category": self.category,
            "item": self.item.to_dict(),
            "quantity": round(self.quantity, 4),
            "unit": self.unit,
            "amount": _money(self.amount),
            "part": self.part,
        }


@dataclass(slots=True)
class Form:
    """A group of identical press forms of a route: ``count`` forms, each run ``n_up`` units per
    sheet (pieces, or copies of the residual signature) with ``method`` ("single-sided",
    "sheetwise", "perfecting", "work-and-turn", "digital simplex", "digital duplex").
    ``plates``, ``makereadies`` and ``passes`` are per form."""

    label: str
    count: int
    n_up: int
    pages: int
    method: str
    plates: int
    makereadies: int
    passes: int

    def to_dict(self):
        return {
            "label": self.label,
            "count": self.count,
            "n_up": self.n_up,
            "pages": self.pages,
            "method": self.method,
            "plates": self.plates,
            "makereadies": self.makereadies,
            "passes": self.passes,
        }


@dataclass(slots=True)
class Route:
    """How one part is produced at one quantity break.

    Sheet counts are whole press sheets rounded up (``sheets_total`` = ``sheets_net`` +
    ``sheets_makeready`` + ``sheets_spoilage``); ``parent_sheets`` whole parent sheets to take
    from stock. Costs are proportional: they use the exact (fractional) sheet demand, see
    doc/engine.md. ``n_up`` is the pieces per sheet (flat parts), ``pages_per_signature`` and
    ``signatures_per_sheet`` describe a text part.
    """

    part: int
    role: str
    press: str
    press_name: str
    press_sheet: tuple
    substrate: str
    parent_sheet: tuple
    cut: int
    grain: str
    method: str
    layout: Phrase
    n_up: int
    pages_per_signature: int
    signatures_per_sheet: int
    signatures: int
    forms: tuple
    sheets_net: int
    sheets_makeready: int
    sheets_spoilage: int
    sheets_total: int
    parent_sheets: int
    plates: int
    paper_kg: float
    makeready_hours: float
    run_hours: float
    cost: float

    def to_dict(self):
        return {
            "part": self.part,
            "role": self.role,
            "press": self.press,
            "press_name": self.press_name,
            "press_sheet": list(self.press_sheet),
            "substrate": self.substrate,
            "parent_sheet": list(self.parent_sheet),
            "cut": self.cut,
            "grain": self.grain,
            "method": self.method,
            "layout": self.layout.to_dict(),
            "n_up": self.n_up,
            "pages_per_signature": self.pages_per_signature,
            "signatures_per_sheet": self.signatures_per_sheet,
            "signatures": self.signatures,
            "forms": [f.to_dict() for f in self.forms],
            "sheets_net": self.sheets_net,
            "sheets_makeready": self.sheets_makeready,
            "sheets_spoilage": self.sheets_spoilage,
            "sheets_total": self.sheets_total,
            "parent_sheets": self.parent_sheets,
            "plates": self.plates,
            "paper_kg": round(self.paper_kg, 3),
            "makeready_hours": round(self.makeready_hours, 4),
            "run_hours": round(self.run_hours, 4),
            "cost": _money(self.cost),
        }


class BreakResult:
    """The estimate at one quantity.

    ``cost`` (all parts and job operations), ``markup`` and ``discount`` amounts, ``price``
    (never below the policy's minimum order price; ``minimum_applied`` tells when it was raised
    to it) and ``unit_price``. ``routes`` (the chosen route of every part, in part order) and
    ``lines`` (the cost lines, in part order then job operations) are built on first access from
    the routes the engine chose, and kept; their amounts add up to ``cost``.
    """

    __slots__ = (
        "quantity",
        "cost",
        "markup",
        "discount",
        "price",
        "unit_price",
        "minimum_applied",
        "_picks",
        "_job_lines",
        "_routes",
        "_lines",
    )

    def __init__(self, quantity, cost, markup, discount, price, minimum_applied, picks, job_lines):
        self.quantity = quantity
        self.cost = cost
        self.markup = markup
        self.discount = discount
        self.price = price
        self.unit_price = price / quantity
        self.minimum_applied = minimum_applied
        self._picks = picks  # ((engine route, its cost), ...) per part
        self._job_lines = job_lines
        self._routes = self._lines = None

    @property
    def routes(self):
        if self._routes is None:
            q = self.quantity
            self._routes = tuple(r.output(q, c) for r, c in self._picks)
        return self._routes

    @property
    def lines(self):
        if self._lines is None:
            q = self.quantity
            lines = []
            for r, _c in self._picks:
                lines += r.lines(q)
            self._lines = tuple(lines) + self._job_lines
        return self._lines

    def __repr__(self):
        return (
            f"BreakResult(quantity={self.quantity}, cost={self.cost:.2f}, "
            f"price={self.price:.2f}, unit_price={self.unit_price:.4f})"
        )

    def to_dict(self):
        cost, discount, price = _money(self.cost), _money(self.discount), _money(self.price)
        # Rounded on its own the markup could differ by a cent from what a reader computes
        # from the rounded figures: price - cost + discount (unless the minimum price applied).
        markup = _money(self.markup if self.minimum_applied else price + discount - cost)
        return {
            "quantity": self.quantity,
            "routes": [r.to_dict() for r in self.routes],
            "lines": [line.to_dict() for line in self.lines],
            "cost": cost,
            "markup": markup,
            "discount": discount,
            "price": price,
            "unit_price": round(self.unit_price, 4),
            "minimum_applied": self.minimum_applied,
        }


@dataclass(slots=True)
class Alternative:
    """A press x sheet combination the engine considered for a part.

    ``costs`` holds the part's cost on it at each break (None when infeasible), ``best`` the
    cost of the chosen route at each break, ``chosen`` whether it is that route. ``reason`` (a
    :class:`Phrase` of ``words.REJECTIONS``, None when feasible) says why an infeasible one was
    rejected and ``field`` which input made it so. ``method``, ``layout``, ``margins`` (cost
    minus the chosen cost), ``verdicts`` (one :class:`Phrase` of ``words.VERDICTS`` per break)
    and their English ``reasons`` ("chosen", "costs 123.40 more", "infeasible: ...") are
    derived on access.
    """

    part: int
    press: str
    substrate: str
    cut: int
    press_sheet: tuple
    costs: tuple
    best: tuple
    chosen: tuple
    reason: Phrase | None = None
    field: str = ""
    route: object = dataclasses.field(default=None, repr=False, compare=False)

    @property
    def feasible(self):
        return self.reason is None

    @property
    def method(self):
        return self.route.method if self.route is not None else ""

    @property
    def methods(self):
        """The printing methods of its forms, each once (codes of ``words.METHODS``)."""
        if self.route is None:
            return ()
        return tuple(dict.fromkeys(form.method for form in self.route.forms))

    @property
    def layout(self):
        return self.route.layout if self.route is not None else None

    @property
    def margins(self):
        if self.reason is not None:
            return tuple(None for _ in self.costs)
        return tuple(c - b for c, b in zip(self.costs, self.best, strict=True))

    @property
    def verdicts(self):
        if self.reason is not None:
            return tuple(Phrase("infeasible", {"why": self.reason}) for _ in self.costs)
        out = []
        for chosen, margin in zip(self.chosen, self.margins, strict=True):
            if chosen:
                out.append(Phrase("chosen", {}))
            elif margin < 0.005:
                out.append(Phrase("costs_same", {}))
            else:
                out.append(Phrase("costs_more", {"amount": _money(margin)}))
        return tuple(out)

    @property
    def reasons(self):
        return tuple(str(v) for v in self.verdicts)

    def to_dict(self):
        layout = self.layout
        return {
            "part": self.part,
            "press": self.press,
            "substrate": self.substrate,
            "cut": self.cut,
            "press_sheet": list(self.press_sheet),
            "methods": list(self.methods),
            "layout": layout.to_dict() if layout is not None else None,
            "costs": [None if c is None else _money(c) for c in self.costs],
            "reasons": [v.to_dict() for v in self.verdicts],
            "field": self.field,
        }


class Estimate:
    """The engine's answer: ``breaks``, one :class:`BreakResult` per quantity in the spec's
    order, and ``alternatives``, every press x sheet combination considered for every part
    (built on first access, then kept)."""

    __slots__ = ("spec", "policy", "breaks", "_alternatives", "_make_alternatives")

    def __init__(self, spec, policy, breaks, make_alternatives):
        self.spec = spec
        self.policy = policy
        self.breaks = breaks
        self._alternatives = None
        self._make_alternatives = make_alternatives

    @property
    def alternatives(self):
        if self._alternatives is None:
            self._alternatives = tuple(self._make_alternatives())
        return self._alternatives

    def __repr__(self):
        return f"Estimate({self.spec.kind!r}, breaks={list(self.breaks)!r})"

    def to_dict(self):
        return {
            "name": self.spec.name,
            "kind": self.spec.kind,
            "quantities": list(self.spec.quantities),
            "policy": {
                "name": self.policy.name,
                "markup_pct": self.policy.markup_pct,
                "discount_pct": self.policy.discount_pct,
                "minimum_order_price": _money(self.policy.minimum_order_price),
            },
            "breaks": [b.to_dict() for b in self.breaks],
            "alternatives": [a.to_dict() for a in self.alternatives],
        }
