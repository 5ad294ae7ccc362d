"""Hand-computed estimates: every figure below is derived in the comments from the fixture
shop (fixtures.py), so that a reviewer can check it on paper.

Conventions used in the arithmetic:
  printable area = (long side - 2 x side margin) x (short side - gripper - tail)
  cell = piece (or page) + bleed on every trimmed edge
  run sheets = net x (1 + spoilage % x passes); total = run + makeready sheets
  ink kg = run sheets x sheet m² x 25 % x 1.5 g/m² / 1000 x colour-sides  (0.375 g/m²)
  guillotine: 6.00 setup + 0.20 a stroke; strokes = cuts x lifts, at least one lift;
              a lift is 100 mm of sheets (caliper x sheets / 100)
  price = cost x 1.30 (default policy: 30 % markup), at least 50.00
"""

import pytest
from print_crm_engine import JobSpec, Part, estimate
from print_crm_engine.tests import fixtures as fx


def lines_by_category(result, part=0):
    out = {}
    for line in result.lines:
        if line.part == part:
            out.setdefault(line.category, []).append(line)
    return out


def amounts(lines):
    return [line.amount for line in lines]


def test_a4_flyer_4_0_on_sra3_press():
    # A4 210x297, bleed 3 -> cell 216x303, 4/0 on Gloss 130 SRA3 (320x450, 24.00 per 1000
    # sheets) on the SM52 (370x520 class): SRA3 fits uncut (cut 1).
    # Printable: 450 - 2x5 = 440 along the long side, 320 - 10 - 5 = 305 across.
    #   cell width along 440: 440 // 216 = 2; height along 305: 305 // 303 = 1  -> 2-up
    #   rotated: 303 along 440 -> 1; 216 along 305 -> 1                          -> 1-up
    # 4/0 on 4 units: single-sided, 1 pass, 1 makeready, 4 plates.
    master = fx.shop([fx.SM52], [fx.GL130_SRA3], [fx.GUIL])
    spec = JobSpec("flat", "A4", (1000, 5000), (Part("GL130-SRA3", 4, 0),))
    result = estimate(spec, master)
    low, high = result.breaks

    # 1000 flyers: net 1000 / 2 = 500 sheets; spoilage 2 % x 1 pass = 10; makeready 50
    #   -> 560 sheets = 560 parent sheets (cut 1); 560 x 24.00 / 1000 = 13.44
    route = low.routes[0]
    assert (route.press, route.press_sheet, route.cut, route.n_up) == ("SM52", (320, 450), 1, 2)
    assert route.method == "single-sided"
    assert (route.sheets_net, route.sheets_spoilage, route.sheets_makeready) == (500, 10, 50)
    assert (route.sheets_total, route.parent_sheets, route.plates) == (560, 560, 4)
    # kg: 560 x 0.32 x 0.45 m² x 130 g = 560 x 18.72 g = 10.4832 kg
    assert route.paper_kg == pytest.approx(10.4832)
    by = lines_by_category(low)
    assert amounts(by["paper"]) == pytest.approx([13.44])
    # plates 4 x 6.00 = 24.00
    assert amounts(by["plates"]) == pytest.approx([24.0])
    # ink: 510 run sheets x 0.144 m² = 73.44 m² x 0.375 g = 27.54 g x 4 colours = 110.16 g
    #   = 0.11016 kg x 12.00 = 1.32192
    assert by["ink"][0].quantity == pytest.approx(0.11016)
    assert amounts(by["ink"]) == pytest.approx([1.32192])
    # makeready 0.25 h x 80.00 = 20.00; run 510 / 8000 = 0.06375 h x 80.00 = 5.10
    assert amounts(by["makeready"]) == pytest.approx([20.0])
    assert by["run"][0].quantity == pytest.approx(0.06375)
    assert amounts(by["run"]) == pytest.approx([5.10])
    # guillotine: 2x1 grid with bleed: head and foot 2 cuts, then 2 x 2 sides = 6 strokes
    #   (the other way round: 4 + 2 x 2 = 8); 500 x 0.1 mm = 50 mm < one lift -> 6 strokes
    #   6.00 + 6 x 0.20 = 7.20
    assert by["finishing"][0].quantity == pytest.approx(6)
    assert amounts(by["finishing"]) == pytest.approx([7.20])
    # cost 13.44 + 24 + 1.32192 + 20 + 5.10 + 7.20 = 71.06192; price x 1.3 = 92.380496
    assert low.cost == pytest.approx(71.06192)
    assert low.price == pytest.approx(92.380496)
    assert low.unit_price == pytest.approx(0.092380496)

    # 5000 flyers: net 2500, spoilage 50, makeready 50 -> 2600 sheets x 0.024 = 62.40
    # plates 24.00; ink 2550 x 0.144 x 0.375 g x 4 = 550.8 g -> 6.6096
    # makeready 20.00; run 2550 / 8000 = 0.31875 h -> 25.50
    # guillotine 2500 x 0.1 / 100 = 2.5 lifts x 6 = 15 strokes -> 6 + 3 = 9.00
    # cost 62.40 + 24 + 6.6096 + 20 + 25.50 + 9.00 = 147.5096; price 191.76248
    by = lines_by_category(high)
    assert amounts(by["paper"]) == pytest.approx([62.40])
    assert amounts(by["ink"]) == pytest.approx([6.6096])
    assert amounts(by["run"]) == pytest.approx([25.50])
    assert amounts(by["finishing"]) == pytest.approx([9.0])
    assert high.cost == pytest.approx(147.5096)
    assert high.price == pytest.approx(191.76248)
    assert high.unit_price == pytest.approx(191.76248 / 5000)


def test_business_cards_4_4_digital():
    # 85x55 cards, bleed 3 -> cell 91x61, 4/4 on Digital silk 350 SRA3+ (330x487,
    # 85.00 per 1000 sheets) on the V180 digital press, margins 4 all round:
    # printable 487 - 8 = 479 by 330 - 8 = 322.
    #   91 along 479: 5; 61 along 322: 5 -> 25-up;  rotated 61 along 479: 7, 91 along 322: 3
    #   -> 21. So 25-up (5x5). Digital duplex: 2 passes, no plates, one makeready of 5 sheets.
    master = fx.shop([fx.V180], [fx.DIG350], [fx.GUIL])
    spec = JobSpec("flat", "business card", (500, 5000), (Part("DIG350-SRA3+", 4, 4),))
    low, high = estimate(spec, master).breaks

    # 500 cards: net 20 sheets, spoilage 1 % x 2 passes -> 20.4 run, makeready 5
    #   paper 25.4 x 0.085 = 2.159
    #   clicks: 20.4 sheets x 2 colour sides = 40.8 x 0.05 = 2.04
    #   makeready 0.1 h x 40 = 4.00; run 40.8 sides / 2400 = 0.017 h x 40 = 0.68
    #   guillotine: 5x5 with bleed: 10 + 5 x 10 = 60 strokes a lift; 20 x 0.36 mm = 7.2 mm
    #   -> one lift: 6.00 + 60 x 0.20 = 18.00
    #   cost 2.159 + 2.04 + 4 + 0.68 + 18 = 26.879; x 1.3 = 34.94 < 50 -> minimum 50.00
    route = low.routes[0]
    assert (route.press, route.n_up, route.method, route.plates) == (
        "V180",
        25,
        "digital duplex",
        0,
    )
    assert (route.sheets_net, route.sheets_spoilage, route.sheets_makeready) == (20, 1, 5)
    by = lines_by_category(low)
    assert amounts(by["paper"]) == pytest.approx([2.159])
    assert by["click"][0].quantity == pytest.approx(40.8)
    assert amounts(by["click"]) == pytest.approx([2.04])
    assert amounts(by["makeready"]) == pytest.approx([4.0])
    assert amounts(by["run"]) == pytest.approx([0.68])
    assert amounts(by["finishing"]) == pytest.approx([18.0])
    assert "plates" not in by and "ink" not in by
    assert low.cost == pytest.approx(26.879)
    assert low.minimum_applied
    assert low.price == pytest.approx(50.0)
    assert low.unit_price == pytest.approx(0.1)

    # 5000 cards: net 200, run 204, makeready 5: paper 209 x 0.085 = 17.765
    #   clicks 408 x 0.05 = 20.40; makeready 4.00; run 408 / 2400 = 0.17 h -> 6.80
    #   guillotine: 200 x 0.36 = 72 mm, still one lift -> 18.00
    #   cost 66.965; price x 1.3 = 87.0545; unit 0.0174109
    assert high.cost == pytest.approx(66.965)
    assert not high.minimum_applied
    assert high.price == pytest.approx(87.0545)
    assert high.unit_price == pytest.approx(0.0174109)


def test_a4_16_page_saddle_stitched_booklet():
    # 16 pages A4 = 4-page cover (Silk 250, 4/4) + 12-page text (Gloss 115, 4/4), on the SM74
    # (520x740 class, 4 units, not perfecting) with 700x1000 parents cut in two (2开 500x700).
    # Printable: 700 - 2x5 = 690 by 500 - 10 - 0 = 490.
    master = fx.shop([fx.SM74], [fx.GL115_B1, fx.SI250_B1], [fx.GUIL, fx.FOLD, fx.STITCH])
    spec = JobSpec(
        "saddle_stitched",
        "A4",
        (2000,),
        (Part("GL115-B1", 4, 4, pages=12), Part("SI250-B1", 4, 4, role="cover")),
    )
    result = estimate(spec, master)
    (brk,) = result.breaks
    text, cover = brk.routes

    # Text page cell: 210 + 3 (face) = 213 wide, 297 + 6 = 303 high.
    #   16 pages (4x2 cells = 852x606): fits neither way.  8 pages (2x2 = 426x606): rotated,
    #   606 along 690 and 426 along 490 -> 1 a sheet.  4 pages (426x303): rotated 2 a sheet
    #   = 8 pages too; the larger signature wins -> 8-page signatures, 8 pages a sheet.
    #   12 pages = 1 sheet of 8 + residual 4 pages, which fits 8 // 4 = 2-up.
    #   Sheet of 8: sheetwise, 2 passes, 2 makereadies, 8 plates.
    #   Residual 4 pages 2-up work-and-turn: 4 plates, 1 makeready, 2 passes (cheaper than
    #   sheetwise: 4 plates and one makeready less, same sheets).
    assert (text.pages_per_signature, text.signatures_per_sheet) == (8, 1)
    assert [(f.count, f.n_up, f.method, f.plates) for f in text.forms] == [
        (1, 1, "sheetwise", 8),
        (1, 2, "work-and-turn", 4),
    ]
    # Sheets: 2000 (8-page) + 1000 (residual 2-up) = 3000 net; spoilage 2 % x 2 passes on
    # each = 80 + 40 = 120; makeready 3 x 80 = 240 -> 3360 press sheets = 1680 parents (2开).
    assert (text.sheets_net, text.sheets_spoilage, text.sheets_makeready) == (3000, 120, 240)
    assert (text.sheets_total, text.parent_sheets, text.plates, text.cut) == (3360, 1680, 12, 2)
    by = lines_by_category(brk, 0)
    # paper: 1680 x 0.7 m² x 115 g = 135.24 kg x 1100 / t = 148.764
    assert by["paper"][0].quantity == pytest.approx(135.24)
    assert amounts(by["paper"]) == pytest.approx([148.764])
    # plates 12 x 10 = 120; ink 3120 run sheets x 0.35 m² x 0.375 g x 8 colour-sides = 3.276 kg
    #   x 12 = 39.312; makeready 3 x 0.25 h x 120 = 90; run (2080 x 2 + 1040 x 2) / 10000
    #   = 0.624 h x 120 = 74.88
    assert amounts(by["plates"]) == pytest.approx([120.0])
    assert amounts(by["ink"]) == pytest.approx([39.312])
    assert amounts(by["makeready"]) == pytest.approx([90.0])
    assert amounts(by["run"]) == pytest.approx([74.88])
    # finishing: sheeting the parents in two: 1 stroke a lift, 1680 x 0.09 / 100 = 1.512 lifts
    #   -> 6.00 + 1.512 x 0.20 = 6.3024; folding 2 signatures (8 + 4) x 2000 = 4000 pieces
    #   -> 15.00 + 4000 x 0.012 = 63.00
    assert amounts(by["finishing"]) == pytest.approx([6.3024, 63.0])
    assert text.cost == pytest.approx(542.2584)

    # Cover cell: 2 x 210 + 6 = 426 by 303: rotated 303 along 690 -> 2, 426 along 490 -> 1:
    #   2-up (2x1), even along the gripper edge -> work-and-turn: 4 plates, 1 makeready.
    #   net 1000, spoilage 2 % x 2 passes = 40, makeready 80 -> 1120 sheets = 560 parents
    assert (cover.n_up, cover.method, cover.plates) == (2, "work-and-turn", 4)
    assert (cover.sheets_net, cover.sheets_spoilage, cover.sheets_makeready) == (1000, 40, 80)
    assert cover.parent_sheets == 560
    by = lines_by_category(brk, 1)
    # paper 560 x 0.7 x 250 g = 98 kg x 1.2 = 117.60; plates 40; ink 1040 x 0.35 x 0.375 g x 8
    #   = 1.092 kg -> 13.104; makeready 30; run 2080 / 10000 h x 120 = 24.96
    assert amounts(by["paper"]) == pytest.approx([117.6])
    assert amounts(by["plates"]) == pytest.approx([40.0])
    assert amounts(by["ink"]) == pytest.approx([13.104])
    assert amounts(by["makeready"]) == pytest.approx([30.0])
    assert amounts(by["run"]) == pytest.approx([24.96])
    # finishing: sheeting 560 x 0.25 / 100 = 1.4 lifts -> 6.28; guillotine 2x1 grid = 6 strokes
    #   x (1000 x 0.25 / 100 = 2.5 lifts) = 15 -> 9.00; folding 2000 covers -> 39.00
    assert amounts(by["finishing"]) == pytest.approx([6.28, 9.0, 39.0])
    assert cover.cost == pytest.approx(279.944)

    # Saddle stitching 2000 copies: 37.50 + 2000 x 0.03 = 97.50
    stitch = [line for line in brk.lines if line.part is None]
    assert amounts(stitch) == pytest.approx([97.5])
    # Total 542.2584 + 279.944 + 97.5 = 919.7024; price x 1.3 = 1195.61312
    assert brk.cost == pytest.approx(919.7024)
    assert brk.price == pytest.approx(1195.61312)
    assert brk.unit_price == pytest.approx(0.59780656)
    # Sheetwise covers lost: +40 plates, +30 makeready, +80 sheets (40 parents x 0.21 = 8.40)
    #   = 78.40 more
    sheetwise = [a for a in result.alternatives if a.part == 1 and a.method == "sheetwise"]
    assert sheetwise[0].reasons == ("costs 78.42 more",)  # 78.40 + 0.02 of sheeting strokes


def test_a5_200_page_perfect_bound_book():
    # A5 148x210, 200 pages 1/1 on Woodfree 80 (700x1000, 1000 / t), cover 4/0 Silk 250, grain
    # along the spine, on the XL106 perfector (8 units; 10000 sheets/h for the first 1000 sheets
    # of a run, 12000 beyond; 200 / h; plates 14.00; spoilage 1.5 % a pass).
    master = fx.shop([fx.XL106], [fx.WF80_B1, fx.SI250_B1], [fx.GUIL, fx.FOLD, fx.PUR])
    spec = JobSpec(
        "perfect_bound",
        "A5",
        (1000,),
        (Part("WF80-B1", 1, 1, pages=200), Part("SI250-B1", 4, 0, role="cover")),
        grain="height",
    )
    result = estimate(spec, master)
    (brk,) = result.breaks
    text, cover = brk.routes

    # Page cell: 148 + 3 bleed + 3 milling = 154 by 210 + 6 = 216. Printable 1000 - 16 = 984 by
    # 700 - 12 - 8 = 680; the grain runs along the 1000 side, so page heights lie along it.
    #   32 pages (4x4 cells = 616 wide x 864 high): 864 along 984, 616 along 680 -> 1 a sheet.
    #   200 pages = 6 sheets of 32 + residual 8 pages, 32 // 8 = 4-up.
    #   1/1 fits the 8 units: perfecting, 2 plates, 1 makeready, 1 pass per 32-page sheet.
    #   Residual 4-up work-and-turn: 1 plate, 1 makeready, 2 passes.
    assert (text.pages_per_signature, text.signatures_per_sheet, text.grain) == (32, 1, "long")
    assert [(f.count, f.n_up, f.method, f.plates, f.passes) for f in text.forms] == [
        (6, 1, "perfecting", 2, 1),
        (1, 4, "work-and-turn", 1, 2),
    ]
    # Sheets: 6 x 1000 + 250 = 6250 net; spoilage 6 x 15 + 250 x 3 % = 97.5 -> 98;
    # makeready 7 x 150 = 1050 -> 7397.5 sheets (7398 to take, cut 1).
    assert (text.sheets_net, text.sheets_spoilage, text.sheets_makeready) == (6250, 98, 1050)
    assert (text.parent_sheets, text.plates, text.signatures) == (7398, 13, 7)
    # paper 7397.5 x 0.7 m² x 80 g = 414.26 kg x 1.00 = 414.26
    assert text.paper_kg == pytest.approx(414.26)
    by = lines_by_category(brk, 0)
    assert amounts(by["paper"]) == pytest.approx([414.26])
    # plates 13 x 14 = 182; makeready 7 x 0.5 h x 200 = 700
    assert amounts(by["plates"]) == pytest.approx([182.0])
    assert amounts(by["makeready"]) == pytest.approx([700.0])
    # ink: run sheets 6090 + 257.5 = 6347.5 x 0.7 m² x 0.375 g x 2 sides = 3.3324375 kg x 12
    assert amounts(by["ink"]) == pytest.approx([39.98925])
    # run: each 32-page sheet runs 1015 sheets: 1000 / 10000 + 15 / 12000 = 0.10125 h, x 6
    #   = 0.6075 h; residual 257.5 sheets x 2 passes / 10000 = 0.0515 h -> 0.659 h x 200 = 131.80
    assert by["run"][0].quantity == pytest.approx(0.659)
    assert text.run_hours == pytest.approx(0.659)
    assert amounts(by["run"]) == pytest.approx([131.80])
    # folding 7 signatures x 1000 -> 15 + 7000 x 0.012 = 99.00
    assert amounts(by["finishing"]) == pytest.approx([99.0])
    assert text.cost == pytest.approx(1567.04925)
    # The residual printed 4-up perfecting instead: 14 plates (+14.00), 253.75 run sheets
    #   (paper -0.21, ink -0.023625), run 0.025375 h (-5.225) -> 1575.590625, 8.54 more.
    other = [a for a in result.alternatives if a.part == 0 and a.method == "perfecting"]
    assert other[0].costs == pytest.approx((1575.590625,))
    assert other[0].reasons == ("costs 8.54 more",)

    # Cover: spine = 100 leaves x 0.1 mm = 10 mm; cell 2 x 148 + 10 + 6 = 312 by 216.
    #   Grain along the spine: heights along the 984 side: 216 -> 4, 312 along 680 -> 2: 8-up.
    #   4/0 on 8 units: 1 pass, 4 plates. Net 125, spoilage 1.875, makeready 150 -> 276.875
    #   sheets: 277 to take; paper 276.875 x 0.7 x 250 g = 48.453125 kg x 1.2 = 58.14375
    assert (cover.n_up, cover.method, cover.plates, cover.parent_sheets) == (
        8,
        "single-sided",
        4,
        277,
    )
    by = lines_by_category(brk, 1)
    assert amounts(by["paper"]) == pytest.approx([58.14375])
    # plates 56; ink 126.875 x 0.7 x 0.375 g x 4 = 0.13321875 kg -> 1.598625; makeready 100;
    # run 126.875 / 10000 h x 200 = 2.5375; guillotine 4x2 grid: 4 + 2 x 8 = 20 strokes, one
    # lift -> 6 + 4 = 10.00
    assert amounts(by["plates"]) == pytest.approx([56.0])
    assert amounts(by["ink"]) == pytest.approx([1.598625])
    assert amounts(by["makeready"]) == pytest.approx([100.0])
    assert amounts(by["run"]) == pytest.approx([2.5375])
    assert amounts(by["finishing"]) == pytest.approx([10.0])
    assert cover.cost == pytest.approx(228.279875)
    # PUR binding: 90 + 1000 x 0.12 = 210. Total 2005.329125; price x 1.3 = 2606.9278625
    assert amounts([line for line in brk.lines if line.part is None]) == pytest.approx([210.0])
    assert brk.cost == pytest.approx(2005.329125)
    assert brk.price == pytest.approx(2606.9278625)
    assert brk.unit_price == pytest.approx(2.6069278625)


def test_job_on_sheets_cut_from_a_dadu_parent():
    # 大度16开成品 (210x285) flyers, 4/0, bleed 3 -> cell 216x291, on Gloss 115 in 大度 parent
    # sheets 889x1194 (long grain, 1050 / t) on the SM74 (max 520x740): 889x1194 and 对开
    # 597x889 are too big; 4开 is 444x597 (889 / 2 = 444.5 floored), 4 a parent sheet.
    # Printable 597 - 10 = 587 by 444 - 10 - 0 = 434:
    #   216 along 587 -> 2, 291 along 434 -> 1: 2;  rotated 291 along 587 -> 2, 216 along 434
    #   -> 2: 4-up (2x2).
    master = fx.shop([fx.SM74], [fx.GL115_DD], [fx.GUIL])
    spec = JobSpec("flat", "大度16开成品", (10000,), (Part("GL115-DD", 4, 0),))
    (brk,) = estimate(spec, master).breaks
    route = brk.routes[0]
    assert (route.parent_sheet, route.cut, route.press_sheet) == ((889, 1194), 4, (444, 597))
    assert (route.n_up, route.grain) == (4, "long")
    # net 2500; spoilage 2 % = 50; makeready 80 -> 2630 press sheets / 4 = 657.5 parents (658)
    assert (route.sheets_net, route.sheets_spoilage, route.sheets_makeready) == (2500, 50, 80)
    assert (route.sheets_total, route.parent_sheets) == (2630, 658)
    by = lines_by_category(brk)
    # paper: 657.5 x 0.889 x 1.194 m² x 115 g = 657.5 x 0.12206859 kg = 80.26009793 kg
    #   x 1.05 = 84.27310282
    assert by["paper"][0].quantity == pytest.approx(80.26009793)
    assert amounts(by["paper"]) == pytest.approx([84.27310282])
    # plates 4 x 10 = 40; ink 2550 x 0.444 x 0.597 = 675.9234 m² x 0.375 g x 4 = 1.0138851 kg
    #   x 12 = 12.1666212; makeready 30; run 2550 / 10000 h x 120 = 30.60
    assert amounts(by["plates"]) == pytest.approx([40.0])
    assert amounts(by["ink"]) == pytest.approx([12.1666212])
    assert amounts(by["makeready"]) == pytest.approx([30.0])
    assert amounts(by["run"]) == pytest.approx([30.6])
    # sheeting 4开: 3 strokes a lift; 657.5 x 0.09 mm = 59 mm -> one lift: 6 + 0.6 = 6.60
    # guillotine 2x2 grid with bleed: 4 + 2 x 4 = 12 strokes x 2.25 lifts (2500 x 0.09 / 100)
    #   = 27 -> 6 + 5.40 = 11.40
    assert [line.quantity for line in by["finishing"]] == pytest.approx([3.0, 27.0])
    assert amounts(by["finishing"]) == pytest.approx([6.6, 11.4])
    assert by["finishing"][0].item.params["sheeting"] == 4
    # cost 84.27310282 + 40 + 12.1666212 + 30 + 30.6 + 6.6 + 11.4 = 215.039724; x 1.3
    assert brk.cost == pytest.approx(215.0397240)
    assert brk.price == pytest.approx(279.5516412)
