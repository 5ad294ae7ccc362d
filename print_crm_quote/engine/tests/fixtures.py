"""Master data of a realistic small commercial print shop, for tests and the benchmark.

Round figures on purpose, so the hand-computed tests can be checked on paper:

=====  ===========================  ========  ==============  ===================  ====  =========
press  class                        margins   makeready       speed (sheets/h)     rate  plate
=====  ===========================  ========  ==============  ===================  ====  =========
SM52   4-colour offset 370x520      10/5/5    0.25 h, 50 sh   8000                 80    6.00
SM74   4-colour offset 520x740      10/5/0    0.25 h, 80 sh   10000                120   10.00
XL106  8-colour perfector 750x1060  12/8/8    0.5 h, 150 sh   10000; 12000 > 1000  200   14.00
V180   digital 330x487              4/4/4     0.1 h, 5 sh     2400                 40    clicks
=====  ===========================  ========  ==============  ===================  ====  =========

(margins: gripper / side / tail in mm; spoilage 2 % a pass on SM52 and SM74, 1.5 % on XL106,
1 % on V180; V180 clicks 0.05 colour, 0.01 mono a side, up to 350 g/m².)

Papers from 80 to 350 g/m² in B1 (700x1000 trade size), SRA3, SRA3+ (digital), 正度 and 大度
parents, priced per tonne, per 1000 sheets or per ream (令). Operations: guillotine, folder,
saddle stitcher, PUR perfect binder, laminator, and two outsourced ones (spot UV, hot foil).
"""

from print_crm_engine import InkCost, MasterData, Operation, Press, Substrate, sizes

SM52 = Press(
    "SM52",
    "Speedmaster SM 52-4",
    max_sheet=(370, 520),
    min_sheet=(105, 145),
    gripper=10,
    side_margin=5,
    tail_margin=5,
    units=4,
    makeready_hours=0.25,
    makeready_sheets=50,
    run_speed=8000,
    hourly_rate=80,
    plate_cost=6.0,
    spoilage_pct=2.0,
)
SM74 = Press(
    "SM74",
    "Speedmaster SM 74-4",
    max_sheet=(520, 740),
    min_sheet=(210, 280),
    gripper=10,
    side_margin=5,
    tail_margin=0,
    units=4,
    makeready_hours=0.25,
    makeready_sheets=80,
    run_speed=10000,
    hourly_rate=120,
    plate_cost=10.0,
    spoilage_pct=2.0,
)
XL106 = Press(
    "XL106",
    "Speedmaster XL 106-8-P perfector",
    max_sheet=(750, 1060),
    min_sheet=(340, 480),
    gripper=12,
    side_margin=8,
    tail_margin=8,
    units=8,
    perfecting=True,
    makeready_hours=0.5,
    makeready_sheets=150,
    run_speed=10000,
    speed_bands=((1000, 12000),),
    hourly_rate=200,
    plate_cost=14.0,
    spoilage_pct=1.5,
)
V180 = Press(
    "V180",
    "Versant 180 digital",
    max_sheet=(330, 487),
    min_sheet=(100, 148),
    gripper=4,
    side_margin=4,
    tail_margin=4,
    digital=True,
    makeready_hours=0.1,
    makeready_sheets=5,
    run_speed=2400,
    hourly_rate=40,
    click_colour=0.05,
    click_mono=0.01,
    spoilage_pct=1.0,
    max_gsm=350,
)
PRESSES = (SM52, SM74, XL106, V180)

B1 = sizes.get("700x1000")


def _paper(code, name, sheet, gsm, price, unit="tonne", caliper=0.1, grade="", coated=True):
    return Substrate(code, name, sheet, gsm, price, unit, "long", caliper, grade, coated)


WF80_B1 = _paper("WF80-B1", "Woodfree", B1, 80, 1000.0, grade="woodfree-80", coated=False)
WF80_ZD = _paper("WF80-ZD", "Woodfree", "正度", 80, 35.0, "ream", grade="woodfree-80", coated=False)
OFF100_B1 = _paper("OFF100-B1", "Offset", B1, 100, 1050.0, caliper=0.12, coated=False)
GL115_B1 = _paper("GL115-B1", "Gloss", B1, 115, 1100.0, caliper=0.09, grade="gloss-115")
GL115_DD = _paper("GL115-DD", "Gloss", "大度", 115, 1050.0, caliper=0.09, grade="gloss-115")
GL130_SRA3 = _paper("GL130-SRA3", "Gloss", "SRA3", 130, 24.0, "1000", grade="gloss-130")
GL130_B1 = _paper("GL130-B1", "Gloss", B1, 130, 1100.0, grade="gloss-130")
GL130_DD = _paper("GL130-DD", "Gloss", "大度", 130, 1050.0, grade="gloss-130")
SI150_B1 = _paper("SI150-B1", "Silk", B1, 150, 1150.0, caliper=0.13)
GL170_B1 = _paper("GL170-B1", "Gloss", B1, 170, 1150.0, caliper=0.15)
SI250_B1 = _paper("SI250-B1", "Silk", B1, 250, 1200.0, caliper=0.25, grade="silk-250")
SI250_SRA3 = _paper("SI250-SRA3", "Silk", "SRA3", 250, 45.0, "1000", caliper=0.25, grade="silk-250")
SI350_B1 = _paper("SI350-B1", "Silk", B1, 350, 1250.0, caliper=0.36, grade="silk-350")
SI350_SRA3 = _paper("SI350-SRA3", "Silk", "SRA3", 350, 70.0, "1000", caliper=0.36, grade="silk-350")
DIG350 = _paper("DIG350-SRA3+", "Digital silk", "SRA3+", 350, 85.0, "1000", caliper=0.36)
SUBSTRATES = (
    WF80_B1,
    WF80_ZD,
    OFF100_B1,
    GL115_B1,
    GL115_DD,
    GL130_SRA3,
    GL130_B1,
    GL130_DD,
    SI150_B1,
    GL170_B1,
    SI250_B1,
    SI250_SRA3,
    SI350_B1,
    SI350_SRA3,
    DIG350,
)

# Guillotine: 6 min setup = 6.00, 300 strokes/h at 60/h = 0.20 a stroke, 100 mm lifts.
GUIL = Operation("GUIL", "Guillotine", "cut", "cut", setup_hours=0.1, speed=300, hourly_rate=60)
# Folder: 15 min setup = 15.00, 5000 pieces/h at 60/h = 0.012 a piece.
FOLD = Operation(
    "FOLD", "Buckle folder", "fold", "piece", setup_hours=0.25, speed=5000, hourly_rate=60
)
# Saddle stitcher: 30 min setup = 37.50, 3000 copies/h at 75/h + 0.005 wire = 0.03 a copy.
STITCH = Operation(
    "STITCH",
    "Saddle stitcher",
    "saddle_stitch",
    "copy",
    setup_hours=0.5,
    speed=3000,
    hourly_rate=75,
    unit_price=0.005,
)
# PUR binder: 1 h setup = 90.00, 1000 copies/h at 90/h + 0.03 glue = 0.12 a copy.
PUR = Operation(
    "PUR",
    "PUR perfect binder",
    "perfect_bind",
    "copy",
    setup_hours=1.0,
    speed=1000,
    hourly_rate=90,
    unit_price=0.03,
)
# Laminator: 15 min setup = 12.50, 500 m²/h at 50/h + 0.30 film = 0.40 per m².
LAM = Operation(
    "LAM",
    "Matt lamination",
    "laminate",
    "m2",
    setup_hours=0.25,
    speed=500,
    hourly_rate=50,
    unit_price=0.30,
)
UV = Operation(
    "UV",
    "Spot UV varnish",
    "varnish",
    "sheet",
    setup_cost=60.0,
    unit_price=0.08,
    minimum_cost=120.0,
    outsourced=True,
    supplier="Shine Coatings Ltd",
)
FOIL = Operation(
    "FOIL",
    "Hot-foil stamping",
    "foil",
    "copy",
    setup_cost=80.0,
    unit_price=0.06,
    minimum_cost=150.0,
    outsourced=True,
    supplier="Golden Foil Co.",
)
OPERATIONS = (GUIL, FOLD, STITCH, PUR, LAM, UV, FOIL)

# Ink: 1.5 g/m² per colour at 100 %, 25 % coverage: 0.375 g per m² of sheet per colour-side.
INK = InkCost(process_price_kg=12.0, spot_price_kg=25.0, grams_per_m2=1.5, coverage_pct=25.0)


def shop(presses=PRESSES, substrates=SUBSTRATES, operations=OPERATIONS):
    """The whole shop, or a part of it."""
    return MasterData(tuple(presses), tuple(substrates), tuple(operations), INK)


SHOP = shop()
