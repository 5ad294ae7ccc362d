"""The public API: results, JSON output, price policies, alternatives, operations."""

import ast
import json
import sys
from pathlib import Path

import print_crm_engine as engine
import pytest
from print_crm_engine import JobSpec, Part, PricePolicy, estimate, run_hours
from print_crm_engine.tests import fixtures as fx

ENGINE_DIR = Path(engine.__file__).parent


def test_engine_imports_only_the_standard_library():
    for path in ENGINE_DIR.glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level:
                continue  # relative import inside the engine
            if isinstance(node, ast.Import | ast.ImportFrom):
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
                names += [node.module] if isinstance(node, ast.ImportFrom) else []
                for name in names:
                    top = name.split(".")[0]
                    assert top in sys.stdlib_module_names, f"{path.name} imports {name}"
    assert not any(name == "odoo" or name.startswith("odoo.") for name in sys.modules)


def test_public_api():
    for name in engine.__all__:
        assert hasattr(engine, name)
    assert issubclass(engine.SpecError, ValueError)


def flyer(quantities=(500, 1000, 5000), **kw):
    return JobSpec("flat", "A4", quantities, (Part("gloss-130", 4, 4),), **kw)


def test_to_dict_is_json_and_rounds_money():
    result = estimate(flyer(), fx.SHOP)
    data = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    assert data["quantities"] == [500, 1000, 5000]
    first = data["breaks"][0]
    assert first["price"] == round(result.breaks[0].price, 2)
    assert all(round(line["amount"], 2) == line["amount"] for line in first["lines"])
    assert {"press", "press_sheet", "cut", "n_up", "forms", "sheets_total", "plates"} <= set(
        first["routes"][0]
    )
    assert data["alternatives"] and "reasons" in data["alternatives"][0]


def test_lines_add_up_to_the_cost_and_categories_are_known():
    for spec in (flyer(), _booklet(), _book()):
        for brk in estimate(spec, fx.SHOP).breaks:
            assert sum(line.amount for line in brk.lines) == pytest.approx(brk.cost)
            assert sum(r.cost for r in brk.routes) <= brk.cost + 1e-9
            assert {line.category for line in brk.lines} <= set(engine.CATEGORIES)


def test_price_policy_markup_discount_and_minimum():
    spec = flyer(quantities=(100, 5000))
    plain = estimate(spec, fx.SHOP, PricePolicy(markup_pct=0, minimum_order_price=0))
    cost = plain.breaks[1].cost
    assert plain.breaks[1].price == pytest.approx(cost)
    # 40 % markup, then 10 % discount: cost x 1.4 x 0.9
    policy = PricePolicy(markup_pct=40, discount_pct=10, minimum_order_price=0, name="gold")
    priced = estimate(spec, fx.SHOP, policy).breaks[1]
    assert priced.markup == pytest.approx(cost * 0.4)
    assert priced.discount == pytest.approx(cost * 1.4 * 0.1)
    assert priced.price == pytest.approx(cost * 1.26)
    assert priced.unit_price == pytest.approx(cost * 1.26 / 5000)
    # A minimum order price above the computed price wins, and says so.
    small = estimate(spec, fx.SHOP, PricePolicy(minimum_order_price=500)).breaks[0]
    assert small.minimum_applied and small.price == 500 and small.unit_price == 5.0


def test_alternatives_report_why_each_lost():
    result = estimate(flyer(), fx.SHOP)
    alternatives = result.alternatives
    for b, brk in enumerate(result.breaks):
        chosen = [a for a in alternatives if a.chosen[b]]
        assert len(chosen) == 1
        assert chosen[0].costs[b] == pytest.approx(brk.routes[0].cost)
        assert chosen[0].press == brk.routes[0].press
        feasible = [a for a in alternatives if a.feasible]
        assert min(a.costs[b] for a in feasible) == pytest.approx(brk.routes[0].cost)
        for a in feasible:
            if not a.chosen[b]:
                assert a.reasons[b].startswith("costs ")
    # Every press x paper size pair of the shop is there: 3 sizes of gloss-130 x 4 presses
    # (the SRA3 sheet too small for nothing, all fit some press).
    assert {(a.press, a.substrate) for a in alternatives} >= {
        ("SM52", "GL130-SRA3"),
        ("XL106", "GL130-B1"),
        ("XL106", "GL130-DD"),
        ("V180", "GL130-DD"),
    }


def test_infeasible_alternatives_say_why():
    result = estimate(JobSpec("flat", "A3", (1000,), (Part("gloss-130", 4, 0),)), fx.SHOP)
    too_small = [a for a in result.alternatives if not a.feasible]
    assert too_small
    assert all(a.field == "finished_size" for a in too_small)
    assert all(a.reasons[0].startswith("infeasible: piece 303x426 mm") for a in too_small)
    assert result.breaks[0].routes[0].press in ("SM74", "XL106", "SM52")


def test_a_grade_lets_the_engine_choose_the_sheet_size():
    result = estimate(flyer(quantities=(20000,)), fx.SHOP)
    route = result.breaks[0].routes[0]
    # The chosen route is the cheapest of every size and press:
    costs = [a.costs[0] for a in result.alternatives if a.feasible]
    assert route.cost == pytest.approx(min(costs))
    assert route.substrate in ("GL130-SRA3", "GL130-B1", "GL130-DD")


def test_digital_mono_and_colour_clicks():
    master = fx.shop([fx.V180], [fx.DIG350], [fx.GUIL])
    spec = JobSpec("flat", "A4", (100,), (Part("DIG350-SRA3+", 4, 1),))
    brk = estimate(spec, master).breaks[0]
    clicks = {line.label: line for line in brk.lines if line.category == "click"}
    # 2-up on SRA3+: 50 net sheets x 1.02 = 51 run sheets; one colour side, one mono side.
    assert clicks["colour clicks"].quantity == pytest.approx(51)
    assert clicks["colour clicks"].amount == pytest.approx(51 * 0.05)
    assert clicks["mono clicks"].amount == pytest.approx(51 * 0.01)


def test_spot_colours_go_offset_and_cost_spot_ink():
    spec = JobSpec("flat", "A4", (2000,), (Part("gloss-130", 4, 0, spot_front=1),))
    brk = estimate(spec, fx.SHOP).breaks[0]
    route = brk.routes[0]
    assert route.press != "V180"
    assert route.plates == 5
    assert [line.label for line in brk.lines if line.category == "ink"] == [
        "process ink",
        "spot ink",
    ]


def test_part_and_job_operations_outsourced_and_minimum_costs():
    # Lamination per m² of net sheets on the cover, spot UV (outsourced, per sheet, minimum
    # 120.00) on the cover, hot foil (outsourced, per copy, minimum 150.00) on the job.
    spec = JobSpec(
        "saddle_stitched",
        "A5",
        (200, 5000),
        (
            Part("gloss-115", 4, 4, pages=16),
            Part("silk-250", 4, 4, role="cover", finishing=("LAM", "UV")),
        ),
        finishing=("FOIL",),
    )
    result = estimate(spec, fx.SHOP)
    for brk in result.breaks:
        labels = {line.label: line for line in brk.lines}
        foil = labels["Hot-foil stamping (Golden Foil Co.)"]
        assert foil.category == "outsourced" and foil.part is None
        assert foil.amount == pytest.approx(max(150.0, 80.0 + 0.06 * brk.quantity))
        uv = labels["cover: Spot UV varnish (Shine Coatings Ltd)"]
        assert uv.category == "outsourced"
        assert uv.amount == pytest.approx(max(120.0, 60.0 + 0.08 * uv.quantity))
        cover = brk.routes[1]
        assert uv.quantity == pytest.approx(brk.quantity / cover.n_up)
        lam = labels["cover: Matt lamination"]
        assert lam.unit == "m²"
        assert lam.quantity == pytest.approx(
            brk.quantity / cover.n_up * cover.press_sheet[0] * cover.press_sheet[1] / 1e6
        )
        assert lam.amount == pytest.approx(12.5 + 0.4 * lam.quantity)
        assert sum(line.amount for line in brk.lines) == pytest.approx(brk.cost)
    assert result.breaks[0].cost < result.breaks[1].cost


def test_a_listed_operation_replaces_the_default_of_its_process():
    outsourced_binding = engine.Operation(
        "BIND-OUT",
        "Perfect binding",
        "perfect_bind",
        "copy",
        setup_cost=50.0,
        unit_price=0.25,
        outsourced=True,
        supplier="Bindery Wu",
    )
    master = fx.shop(operations=(*fx.OPERATIONS, outsourced_binding))
    spec = _book(finishing=("BIND-OUT",))
    job = [line for line in estimate(spec, master).breaks[0].lines if line.part is None]
    assert [(line.label, line.amount) for line in job] == [
        ("Perfect binding (Bindery Wu)", pytest.approx(50.0 + 0.25 * 500)),
    ]


def test_folded_leaflet():
    # DL roll-fold leaflet: 3 panels of 99x210, open 297x210 (303x216 with bleed).
    spec = JobSpec("folded", (99, 210), (5000,), (Part("gloss-130", 4, 4),), panels=3)
    brk = estimate(spec, fx.SHOP).breaks[0]
    assert [line.label for line in brk.lines if line.category == "finishing"][-1] == (
        "Buckle folder"
    )
    fold = [line for line in brk.lines if line.label == "Buckle folder"][0]
    assert fold.quantity == 5000 and fold.amount == pytest.approx(15 + 5000 * 0.012)


def test_perfect_bound_cover_includes_the_spine():
    from print_crm_engine import costing

    # 300 pages on 0.1 mm woodfree: 150 leaves = 15 mm spine; A5 cover 2 x 148 + 15 + 6 wide.
    plans = costing._plans(_book(pages=300), fx.SHOP)
    assert (plans[1].cell_width_mm, plans[1].cell_height_mm) == (317, 216)
    # Text pages of a perfect-bound book carry the 3 mm milling allowance at the spine.
    assert (plans[0].cell_width_mm, plans[0].cell_height_mm) == (154, 216)


def test_speed_bands_are_marginal():
    # XL106: 10000 sheets/h up to 1000 sheets, 12000/h beyond.
    assert run_hours(fx.XL106, 500) == pytest.approx(0.05)
    assert run_hours(fx.XL106, 1000) == pytest.approx(0.1)
    assert run_hours(fx.XL106, 13000) == pytest.approx(0.1 + 12000 / 12000)


def test_estimate_is_repeatable_and_master_is_reusable():
    a = estimate(_book(), fx.SHOP).to_dict()
    b = estimate(_book(), fx.SHOP).to_dict()
    assert a == b


def _booklet(**kw):
    parts = (Part("gloss-115", 4, 4, pages=28), Part("silk-250", 4, 4, role="cover"))
    return JobSpec("saddle_stitched", "A4", (500, 2000, 10000), parts, **kw)


def _book(pages=200, **kw):
    parts = (Part("woodfree-80", 1, 1, pages=pages), Part("silk-250", 4, 0, role="cover"))
    return JobSpec("perfect_bound", "A5", (500,), parts, grain="height", **kw)
