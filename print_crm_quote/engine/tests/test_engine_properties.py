"""Properties of the engine over random specs on the fixture shop (hypothesis)."""

import math

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from print_crm_engine import JobSpec, Part, SpecError, estimate, imposition
from print_crm_engine.tests import fixtures as fx

PAPERS = [s.code for s in fx.SUBSTRATES] + ["gloss-115", "gloss-130", "silk-250", "silk-350"]
TEXT_PAPERS = ["woodfree-80", "OFF100-B1", "gloss-115", "GL130-B1", "SI150-B1", "GL170-B1"]
COVER_PAPERS = ["silk-250", "silk-350", "GL170-B1", "SI250-B1"]
NAMED = ["A3", "A4", "A5", "A6", "business card", "名片", "大度16开成品", "正度32开成品"]

SETTINGS = settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)

quantities = st.lists(st.integers(1, 200_000), min_size=2, max_size=6, unique=True).map(
    lambda qs: tuple(sorted(qs))
)
sizes = st.one_of(
    st.sampled_from(NAMED),
    st.tuples(st.integers(40, 700), st.integers(40, 1000)),
)


@st.composite
def colours(draw, part_role="text"):
    front = draw(st.integers(1, 4))
    back = draw(st.integers(0, 4))
    spot = draw(st.sampled_from([0, 0, 0, 1]))
    return {"colours_front": front, "colours_back": back, "spot_front": spot}


@st.composite
def specs(draw):
    kind = draw(st.sampled_from(["flat", "flat", "folded", "saddle_stitched", "perfect_bound"]))
    size = draw(sizes)
    common = {
        "quantities": draw(quantities),
        "bleed": draw(st.sampled_from([0.0, 2.0, 3.0, 5.0])),
        "gutter": draw(st.sampled_from([0.0, 0.0, 4.0])),
        "grain": draw(st.sampled_from([None, None, "height", "width"])),
    }
    extra = draw(st.sampled_from([(), (), ("LAM",), ("UV",)]))
    if kind in ("flat", "folded"):
        part = Part(draw(st.sampled_from(PAPERS)), finishing=extra, **draw(colours()))
        panels = draw(st.integers(2, 4)) if kind == "folded" else 1
        return JobSpec(kind, size, parts=(part,), panels=panels, **common)
    if kind == "saddle_stitched":
        pages = 4 * draw(st.integers(1, 20))
    else:
        pages = 2 * draw(st.integers(2, 250))
    text = Part(draw(st.sampled_from(TEXT_PAPERS)), pages=pages, **draw(colours()))
    parts = [text]
    if kind == "perfect_bound" or draw(st.booleans()):
        cover = Part(
            draw(st.sampled_from(COVER_PAPERS)), role="cover", finishing=extra, **draw(colours())
        )
        parts.append(cover)
    finishing = draw(st.sampled_from([(), ("FOIL",)]))
    return JobSpec(kind, size, parts=tuple(parts), finishing=finishing, **common)


def accepted(spec):
    try:
        return estimate(spec, fx.SHOP)
    except SpecError:
        assume(False)


def close_or_above(later, earlier):
    return later >= earlier - 1e-9 * max(1.0, abs(earlier))


@SETTINGS
@given(specs())
def test_total_cost_never_falls_when_the_quantity_rises(spec):
    breaks = accepted(spec).breaks
    for earlier, later in zip(breaks, breaks[1:], strict=False):
        assert close_or_above(later.cost, earlier.cost)
        assert close_or_above(later.price, earlier.price)


@SETTINGS
@given(specs())
def test_unit_price_never_rises_with_the_quantity(spec):
    breaks = accepted(spec).breaks
    for earlier, later in zip(breaks, breaks[1:], strict=False):
        assert close_or_above(earlier.unit_price, later.unit_price)


@SETTINGS
@given(specs())
def test_every_accepted_spec_has_a_finite_positive_price(spec):
    for brk in accepted(spec).breaks:
        for value in (brk.cost, brk.price, brk.unit_price):
            assert math.isfinite(value) and value > 0
        assert brk.price >= 50.0  # the default minimum order price


@SETTINGS
@given(specs())
def test_n_up_never_exceeds_sheet_area_over_piece_area(spec):
    result = accepted(spec)
    w, h = JobSpec.__dataclass_fields__ and _finished(spec)
    for brk in result.breaks:
        for route in brk.routes:
            sheet = route.press_sheet[0] * route.press_sheet[1]
            if route.n_up:  # pieces: flyers, leaflets, covers
                piece = w * h * (spec.panels if spec.kind == "folded" else 1)
                if route.role == "cover":
                    piece = 2 * w * h
                assert route.n_up <= sheet / piece
            else:  # signatures: pages a sheet (both sides) x page area <= 2 x sheet area
                pages = route.pages_per_signature * route.signatures_per_sheet
                assert pages * w * h <= 2 * sheet


@settings(max_examples=300, deadline=None)
@given(
    st.floats(10, 800),
    st.floats(10, 800),
    st.floats(50, 1100),
    st.floats(50, 800),
    st.sampled_from([0.0, 3.0, 10.0]),
    st.booleans(),
    st.sampled_from([None, "height", "width"]),
)
def test_grid_never_exceeds_the_area_ratio(cw, ch, length, short, gap, grain_long, need):
    n, nx, ny, n_wt, nx_wt, ny_wt, n_any = imposition.grid(
        cw, ch, length, short, gap, grain_long, need
    )
    assert n <= n_any <= length * short / (cw * ch) + 1e-9
    assert n_wt <= n_any and nx_wt % 2 == 0
    assert n == nx * ny and n_wt == nx_wt * ny_wt


@SETTINGS
@given(specs())
def test_the_chosen_route_is_the_cheapest_considered(spec):
    # Pruning (dominance, branch and bound) must never lose the cheapest route: brute force
    # over every alternative, all costed, agrees with the choice.
    result = accepted(spec)
    for b, brk in enumerate(result.breaks):
        for i, route in enumerate(brk.routes):
            costs = [a.costs[b] for a in result.alternatives if a.part == i and a.feasible]
            assert route.cost <= min(costs) + 1e-9 * max(1.0, route.cost)


@SETTINGS
@given(specs())
def test_fast_costs_equal_the_sum_of_the_lines(spec):
    # Each route's per-break cost comes from fixed + per_copy x q + steps; by definition it is
    # the sum of its cost lines. Check every route considered, chosen or not.
    result = accepted(spec)
    for a in result.alternatives:
        if a.feasible:
            for q, cost in zip(spec.quantities, a.costs, strict=True):
                exact = sum(line.amount for line in a.route.lines(q))
                assert math.isclose(cost, exact, rel_tol=1e-9, abs_tol=1e-9)
    for brk in result.breaks:
        assert math.isclose(sum(line.amount for line in brk.lines), brk.cost, rel_tol=1e-9)


def _finished(spec):
    from print_crm_engine.model import _size

    return _size(spec.finished_size, "finished_size")
