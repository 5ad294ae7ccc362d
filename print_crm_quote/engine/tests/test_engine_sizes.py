"""Named sizes, 开 cuts of Chinese parent sheets, and the imposition primitives."""

import pytest
from print_crm_engine import imposition, sizes


@pytest.mark.parametrize(
    ("name", "size"),
    [
        ("A0", (841, 1189)),
        ("A3", (297, 420)),
        ("A4", (210, 297)),
        ("A5", (148, 210)),
        ("A6", (105, 148)),
        ("B1", (707, 1000)),
        ("B2", (500, 707)),
        ("B3", (353, 500)),
        ("SRA1", (640, 900)),
        ("SRA2", (450, 640)),
        ("SRA3", (320, 450)),
        ("RA2", (430, 610)),
        ("700x1000", (700, 1000)),
        ("正度", (787, 1092)),
        ("大度", (889, 1194)),
        ("zhengdu", (787, 1092)),
        # 开 cuts: halve the long side, floor to whole mm.
        ("正度对开", (546, 787)),
        ("正度4开", (393, 546)),
        ("正度8开", (273, 393)),
        ("正度16开", (196, 273)),
        ("大度对开", (597, 889)),
        ("大度4开", (444, 597)),
        ("大度8开", (298, 444)),
        ("大度16开", (222, 298)),
        ("大度32开", (149, 222)),
        ("dadu-16k", (222, 298)),
        ("大度16开成品", (210, 285)),
        ("正度16开成品", (185, 260)),
        ("名片", (54, 90)),
    ],
)
def test_named_sizes(name, size):
    assert sizes.get(name) == size


def test_unknown_size():
    with pytest.raises(KeyError, match="A13"):
        sizes.get("A13")


def test_cut_returns_the_sheet_and_how_many_a_parent_gives():
    assert sizes.cut("大度", 16) == ((222, 298), 16)
    sheet, count = sizes.cut((1000, 700), 2)
    assert (sheet, count) == ((500, 700), 2)
    assert sizes.cut("SRA1", 4).size == sizes.get("SRA3")
    assert sizes.cut("B1", 1) == ((707, 1000), 1)
    # A documented trim: 5 mm off every parent edge before cutting.
    assert sizes.cut("大度", 4, trim=5) == ((439, 592), 4)
    with pytest.raises(ValueError, match="power of two"):
        sizes.cut("大度", 6)


def test_grain_follows_the_axis_through_cuts():
    # 700x1000 long grain (along 1000); 对开 500x700: the grain now runs along the short side.
    assert sizes.cut_grain((700, 1000), 2, "long") == "short"
    assert sizes.cut_grain((700, 1000), 4, "long") == "long"  # 350x500
    assert sizes.cut_grain("大度", 4, "long") == "long"  # 444x597, grain along 597
    assert sizes.cut_grain("大度", 2, "short") == "long"  # 597x889, grain along 889


def test_grid_both_orientations_and_work_and_turn():
    # A4 with bleed on SRA3 (printable 440x305): 2-up across, 1-up rotated.
    assert imposition.grid(216, 303, 440, 305, 0, True, None) == (2, 2, 1, 2, 2, 1, 2)
    # 大度16开成品 with bleed (216x291) on 大度对开 (printable 873x577): straight 4x1 = 4,
    # rotated 3x2 = 6 (3 x 291 = 873 exactly); work-and-turn needs an even count along the
    # gripper edge: rotated 2x2 = 4 or straight 4x1 = 4.
    n, nx, ny, n_wt, nx_wt, ny_wt, n_any = imposition.grid(216, 291, 873, 577, 0, True, None)
    assert (n, nx, ny, n_any) == (6, 3, 2, 6)
    assert n_wt == 4 and nx_wt % 2 == 0
    # Gutter of 5 mm: 3 x 216 + 2 x 5 = 658 <= 660.
    assert imposition.grid(216, 303, 660, 305, 5, True, None)[:3] == (3, 3, 1)
    assert imposition.grid(216, 303, 657, 305, 5, True, None)[:3] == (2, 2, 1)


def test_grid_grain_requirement():
    # Long-grain sheet (grain along the long, L, side). Grain along the piece height means the
    # height must lie along L: only the rotated orientation.
    assert imposition.grid(216, 303, 440, 305, 0, True, "height")[:3] == (1, 1, 1)
    assert imposition.grid(216, 303, 440, 305, 0, True, "width")[:3] == (2, 2, 1)
    assert imposition.grid(216, 303, 440, 305, 0, False, "height")[:3] == (2, 2, 1)
    # 296x426 only fits with its height along L: with the grain along its width, nothing
    # fits (n = 0), without a grain requirement one does (n_any = 1).
    assert imposition.grid(296, 426, 440, 305, 0, True, "width")[0] == 0
    assert imposition.grid(296, 426, 440, 305, 0, True, "width")[6] == 1


def test_signature_layouts():
    # A5 perfect-bound page cells 154x216 on B1 printable 984x680, grain along the height:
    # a 32-page signature (616x864) once; no smaller signature puts more pages on the sheet.
    assert imposition.signature_layouts(154, 216, 984, 680, 0, True, "height") == (
        [(32, 1, 1, 1)],
        36,
    )
    # Without the grain requirement, nine 4-page signatures (3x3 of 308x216) hold 36 pages:
    # both layouts are worth costing (fewer sheets against more folding).
    layouts, _any = imposition.signature_layouts(154, 216, 984, 680, 0, True, None)
    assert layouts == [(32, 1, 1, 1), (4, 9, 3, 3)]
    # A4 saddle-stitched page cells 213x303 on 500x700 (printable 690x490): 8 pages a sheet,
    # either one 8-page or two 4-page signatures: the larger signature is kept.
    assert imposition.signature_layouts(213, 303, 690, 490, 0, False, None)[0] == [(8, 1, 1, 1)]
    # Nothing fits.
    assert imposition.signature_layouts(500, 700, 690, 490, 0, False, None) == ([], 0)


@pytest.mark.parametrize(
    ("nx", "ny", "separated", "cuts"),
    [
        (1, 1, True, 4),  # four trims
        (2, 1, True, 6),  # head and foot, then four sides
        (2, 2, True, 12),
        (5, 5, True, 60),
        (2, 1, False, 5),  # without bleed or gutter neighbours share a cut: 2 + 1 x 3
        (4, 2, True, 20),
    ],
)
def test_guillotine_cuts(nx, ny, separated, cuts):
    assert imposition.cuts_for(nx, ny, separated) == cuts


def test_every_size_says_what_it_is():
    """A name is a key in one language; describe() gives what a reader's language renders."""
    assert sizes.describe("正度16开成品") == (
        "kai",
        {"parent": "zhengdu", "n": 16, "finished": True},
    )
    assert str(sizes.describe("正度16开成品")) == "1/16 standard sheet, trimmed"
    assert sizes.describe("dadu-8k") == sizes.describe("大度8开")
    assert sizes.describe("大度对开").params["n"] == 2
    assert sizes.describe("zhengdu").params["n"] == 1
    assert sizes.describe("名片").params == {"standard": "chinese"}
    assert sizes.describe("A4") == ("named", {"name": "A4"})
    for name in sizes.SIZES:
        assert sizes.describe(name).code in ("kai", "card", "named"), name
    with pytest.raises(KeyError):
        sizes.describe("A99")
