"""Impossible or malformed specs raise SpecError naming the offending field."""

import pytest
from print_crm_engine import (
    JobSpec,
    MasterData,
    Part,
    Press,
    PricePolicy,
    SpecError,
    Substrate,
    estimate,
)
from print_crm_engine.tests import fixtures as fx

FLYER = Part("gloss-130", 4, 4)


def flat(**kw):
    values = {"kind": "flat", "finished_size": "A4", "quantities": (1000,), "parts": (FLYER,)}
    values.update(kw)
    return JobSpec(**values)


def booklet(text_pages=16, cover=True, **kw):
    parts = [Part("gloss-115", 4, 4, pages=text_pages)]
    if cover:
        parts.append(Part("silk-250", 4, 4, role="cover"))
    values = {"kind": "saddle_stitched", "finished_size": "A4", "quantities": (1000,)}
    values["parts"] = tuple(parts)
    values.update(kw)
    return JobSpec(**values)


def book(pages=200, cover=True, **kw):
    parts = [Part("woodfree-80", 1, 1, pages=pages)]
    if cover:
        parts.append(Part("silk-250", 4, 0, role="cover"))
    values = {"kind": "perfect_bound", "finished_size": "A5", "quantities": (500,)}
    values["parts"] = tuple(parts)
    values.update(kw)
    return JobSpec(**values)


def field_of(spec, master=fx.SHOP, policy=None):
    with pytest.raises(SpecError) as info:
        estimate(spec, master, policy)
    assert isinstance(info.value, ValueError)
    return info.value.field


@pytest.mark.parametrize(
    ("spec", "field"),
    [
        (flat(quantities=()), "quantities"),
        (flat(quantities=(0,)), "quantities[0]"),
        (flat(quantities=(500, 1000, -5)), "quantities[2]"),
        (flat(quantities=(500, 10.5)), "quantities[1]"),
        (flat(quantities=(True,)), "quantities[0]"),
        (flat(kind="brochure"), "kind"),
        (flat(finished_size=(210, 0)), "finished_size"),
        (flat(finished_size="A13"), "finished_size"),
        (flat(bleed=-1), "bleed"),
        (flat(gutter=-2), "gutter"),
        (flat(grain="diagonal"), "grain"),
        (flat(panels=2), "panels"),
        (flat(kind="folded", panels=1), "panels"),
        (flat(parts=()), "parts"),
        (flat(parts=(FLYER, FLYER)), "parts"),
        (flat(parts=(Part("kraft-90"),)), "parts[0].substrate"),
        (flat(parts=(Part("gloss-130", 5, 0),)), "parts[0].colours_front"),
        (flat(parts=(Part("gloss-130", 4, -1),)), "parts[0].colours_back"),
        (flat(parts=(Part("gloss-130", 0, 4),)), "parts[0].colours_front"),
        (flat(parts=(Part("gloss-130", 4, 0, spot_back=-1),)), "parts[0].spot_back"),
        (flat(parts=(Part("gloss-130", coverage_pct=0),)), "parts[0].coverage_pct"),
        (flat(parts=(Part("gloss-130", role="insert"),)), "parts[0].role"),
        (flat(parts=(Part("gloss-130", finishing=("LAM", "EMBOSS")),)), "parts[0].finishing[1]"),
        (flat(finishing=("BOX",)), "finishing[0]"),
        (flat(finishing=("LAM",)), "finishing[0]"),  # charged per m²: belongs on a part
        (booklet(text_pages=10), "parts[0].pages"),
        (booklet(text_pages=0), "parts[0].pages"),
        (book(pages=201), "parts[0].pages"),
        (book(cover=False), "parts"),
        (book(parts=(Part("silk-250", 4, 0, role="cover"),)), "parts"),
        (
            booklet(
                parts=(
                    Part("gloss-115", 4, 4, pages=16),
                    Part("silk-250", 4, 4, role="cover", pages=8),
                )
            ),
            "parts[1].pages",
        ),
        (
            booklet(
                parts=(
                    Part("gloss-115", 4, 4, pages=16),
                    Part("silk-250", 4, 4, role="cover"),
                    Part("silk-250", 4, 4, role="cover"),
                )
            ),
            "parts[2].role",
        ),
    ],
)
def test_malformed_spec_names_the_field(spec, field):
    assert field_of(spec) == field


def test_piece_larger_than_every_press_sheet():
    # An A0 poster (841x1189 + bleed) fits no press sheet of the shop (the largest is 700x1000
    # on the XL106, printable 984x680); an A1 one (600x847 with bleed) does, rotated.
    assert field_of(flat(finished_size="A0")) == "finished_size"
    with pytest.raises(SpecError, match="piece 847x1195 mm .* larger than the printable"):
        estimate(flat(finished_size="A0"), fx.SHOP)
    assert estimate(flat(finished_size="A1"), fx.SHOP).breaks[0].routes[0].press == "XL106"


def test_book_page_larger_than_every_press_sheet():
    # An A1 book: a 4-page spread is 2 x (594 + 3) x 847 mm.
    assert field_of(book(finished_size="A1")) == "finished_size"


def test_grain_requirement_that_no_sheet_meets():
    # On SRA3 (long grain, along 450) the 290x420 piece (296x426 with bleed) only fits with its
    # height along the 440 printable side, i.e. grain parallel to its height.
    master = fx.shop([fx.SM52], [fx.GL130_SRA3], [fx.GUIL])
    spec = flat(finished_size=(290, 420), parts=(Part("GL130-SRA3", 4, 0),))
    assert estimate(spec, master).breaks[0].routes[0].n_up == 1
    assert estimate(JobSpec(**{**_fields(spec), "grain": "height"}), master)
    assert field_of(JobSpec(**{**_fields(spec), "grain": "width"}), master) == "grain"


def _fields(spec):
    return {name: getattr(spec, name) for name in spec.__dataclass_fields__}


def test_spot_colour_on_a_digital_only_shop():
    master = fx.shop([fx.V180], [fx.DIG350], [fx.GUIL])
    spec = flat(finished_size="business card", parts=(Part("DIG350-SRA3+", 4, 0, spot_front=1),))
    assert field_of(spec, master) == "parts[0].spot_front"


def test_substrate_too_heavy_for_every_press():
    board = Substrate("BOARD400", "Board", "SRA3+", 400, 120.0, "1000", caliper=0.45)
    master = fx.shop([fx.V180], [board], [fx.GUIL])
    spec = flat(finished_size="business card", parts=(Part("BOARD400", 4, 4),))
    assert field_of(spec, master) == "parts[0].substrate"


def test_no_press_takes_any_cut_of_the_substrate():
    tiny = Substrate("TINY", "Label paper", (90, 120), 80, 10.0, "1000")
    master = fx.shop([fx.SM74], [tiny], [fx.GUIL])
    spec = flat(finished_size=(50, 50), parts=(Part("TINY", 1, 0),))
    assert field_of(spec, master) == "parts[0].substrate"


def test_missing_operation_in_master_data():
    master = fx.shop([fx.SM74], [fx.GL115_B1, fx.SI250_B1], [fx.GUIL, fx.FOLD])
    spec = booklet(parts=(Part("GL115-B1", 4, 4, pages=16), Part("SI250-B1", 4, 4, role="cover")))
    assert field_of(spec, master) == "master.operations"


@pytest.mark.parametrize(
    ("policy", "field"),
    [
        (PricePolicy(markup_pct=-100), "policy.markup_pct"),
        (PricePolicy(discount_pct=100), "policy.discount_pct"),
        (PricePolicy(discount_pct=-5), "policy.discount_pct"),
        (PricePolicy(minimum_order_price=-1), "policy.minimum_order_price"),
    ],
)
def test_bad_price_policy(policy, field):
    assert field_of(flat(), policy=policy) == field


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"min_sheet": (600, 800)}, "master.presses[0].min_sheet"),
        ({"units": 0}, "master.presses[0].units"),
        ({"run_speed": 0}, "master.presses[0].run_speed"),
        ({"speed_bands": ((1000, 12000), (500, 13000))}, "master.presses[0].speed_bands[1]"),
        ({"speed_bands": ((1000, 5000),)}, "master.presses[0].speed_bands[0]"),
        ({"plate_cost": -1}, "master.presses[0].plate_cost"),
    ],
)
def test_bad_press_in_master_data(change, field):
    values = {name: getattr(fx.SM74, name) for name in fx.SM74.__dataclass_fields__}
    values.update(change)
    with pytest.raises(SpecError) as info:
        MasterData((Press(**values),), (fx.GL115_B1,))
    assert info.value.field == field


def test_bad_substrate_in_master_data():
    bad = Substrate("X", "X", "SRA3", 130, 10.0, "kilo")
    with pytest.raises(SpecError) as info:
        MasterData((fx.SM52,), (fx.GL130_SRA3, bad))
    assert info.value.field == "master.substrates[1].price_unit"


def test_duplicate_codes_in_master_data():
    with pytest.raises(SpecError) as info:
        MasterData((fx.SM52, fx.SM74, fx.SM52), (fx.GL130_SRA3,))
    assert info.value.field == "master.presses[2].code"
