# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger

from .common import PrintCrmEstimateCommon


@tagged("post_install", "-at_install")
class TestPrintMasterData(PrintCrmEstimateCommon):
    """What the production master data refuses, and what it works out by itself."""

    def assertRefused(self, record, values, *fragments):
        """Writing ``values`` on ``record`` raises a ValidationError saying ``fragments``."""
        with self.assertRaises(ValidationError) as caught:
            record.write(values)
        for fragment in fragments:
            self.assertIn(fragment, str(caught.exception))
        return str(caught.exception)

    # ------------------------------------------------------------------ negative figures

    def test_negative_press_figures_name_the_field(self):
        press = self.press_sra3
        for name, label in (
            ("hourly_rate", "Hourly Rate"),
            ("plate_cost", "Plate Cost"),
            ("gripper", "Gripper Margin (mm)"),
            ("makeready_hours", "Makeready Hours"),
            ("makeready_sheets", "Makeready Sheets"),
            ("click_colour", "Colour Click"),
            ("min_gsm", "Lightest Paper (g/m²)"),
        ):
            message = self.assertRefused(press, {name: -1}, label, "must not be negative")
            self.assertTrue(message.startswith("Offset SRA3 4-colour: "), message)
        self.assertEqual(press.hourly_rate, 60.0)

    def test_negative_substrate_price_names_the_field(self):
        self.assertEqual(
            self.assertRefused(self.silk130_sra3, {"price": -5.0}),
            "Coated silk 130 SRA3: Price must not be negative (it is -5.0).",
        )

    def test_negative_operation_figures_name_the_field(self):
        for name, label in (
            ("setup_hours", "Setup Hours"),
            ("setup_cost", "Setup Cost"),
            ("speed", "Speed (units/h)"),
            ("hourly_rate", "Hourly Rate"),
            ("unit_price", "Unit Price"),
            ("minimum_cost", "Minimum Cost"),
        ):
            self.assertRefused(
                self.op_folder, {name: -0.5}, f"Buckle folder: {label} must not be negative"
            )
        self.assertRefused(
            self.op_guillotine, {"lift_height": 0.0}, "Guillotine", "positive lift height"
        )

    def test_figures_the_database_refuses(self):
        for values in (
            {"max_sheet_length": 300.0},  # shorter than the short side
            {"units": 0},
            {"run_speed": 0.0},
            {"spoilage_pct": 100.0},
        ):
            with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
                self.press_sra3.write(values)
        for values in ({"gsm": 0.0}, {"caliper": 0.0}, {"sheet_length": 300.0}):
            with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
                self.silk130_sra3.write(values)

    # ------------------------------------------------------------------ press geometry

    def test_smallest_sheet_larger_than_largest(self):
        self.assertRefused(
            self.press_sra3,
            {"min_sheet_width": 330.0},
            "Offset SRA3 4-colour: the smallest sheet (330.0 × 297.0 mm) is larger than the"
            " largest (320.0 × 450.0 mm).",
        )
        self.assertRefused(self.press_sra3, {"min_sheet_length": 460.0}, "smallest sheet")
        self.assertRefused(
            self.press_sra3,
            {"min_gsm": 400.0},
            "Offset SRA3 4-colour: the lightest paper is heavier than the heaviest.",
        )

    def test_margins_must_leave_a_printable_area(self):
        message = "Offset SRA3 4-colour: the margins leave no printable area on the largest sheet."
        # Gripper and tail take the whole short side (320 mm).
        self.assertRefused(self.press_sra3, {"gripper": 200.0, "tail_margin": 120.0}, message)
        # Both side margins take the whole long side (450 mm).
        self.assertRefused(self.press_sra3, {"side_margin": 225.0}, message)
        self.press_sra3.write({"gripper": 15.0, "tail_margin": 8.0, "side_margin": 6.0})
        self.assertEqual(self.press_sra3.gripper, 15.0)

    # ------------------------------------------------------------------ speed bands

    def test_speed_bands_must_rise(self):
        self.assertEqual(
            self.press_b2.speed_band_ids.mapped("speed"), [12000.0, 13000.0], "sorted by sheet"
        )
        with self.assertRaises(ValidationError) as caught:
            self.press_b2.write(
                {"speed_band_ids": [Command.create({"from_sheets": 5000, "speed": 11000.0})]}
            )
        self.assertEqual(
            str(caught.exception),
            "Offset B2 4-colour: the speed from sheet 5000 (11000.0 sheets/h) is slower than"
            " the speed before it (12000.0 sheets/h).",
        )
        # A band slower than the press's run speed.
        with self.assertRaisesText(ValidationError, "slower than the speed before it"):
            self.press_sra3.write(
                {"speed_band_ids": [Command.create({"from_sheets": 1000, "speed": 5000.0})]}
            )
        # A band changed to below the one before it.
        with self.assertRaisesText(ValidationError, "from sheet 10000"):
            self.press_b2.speed_band_ids[1].speed = 11500.0
        # Rising bands are fine.
        self.press_sra3.write(
            {"speed_band_ids": [Command.create({"from_sheets": 1000, "speed": 7000.0})]}
        )
        self.assertEqual(self.press_sra3.speed_band_ids.speed, 7000.0)

    def test_run_speed_above_the_bands_is_refused(self):
        """Raising the base speed past a band would make every estimate of the company fail."""
        with self.assertRaisesText(ValidationError, "slower than the speed before it"):
            self.press_b2.run_speed = 12500.0

    def test_master_data_the_engine_refuses_is_reported(self):
        """Should inconsistent master data reach the engine, the estimator is told what."""
        estimate = self._make_estimate()
        self.env.cr.execute(
            "UPDATE print_press SET run_speed = 12500 WHERE id = %s", [self.press_b2.id]
        )
        self.press_b2.invalidate_recordset(["run_speed"])
        with self.assertRaisesText(UserError, "The production master data is incomplete"):
            estimate.action_compute()

    # ------------------------------------------------------------------ substrates

    def test_sheet_price_for_each_price_unit(self):
        Substrate = self.env["print.substrate"]
        common = {"sheet_width": 500.0, "sheet_length": 700.0, "gsm": 100.0}
        per_tonne = Substrate.create(
            dict(common, name="Uncoated 100", code="U100-T", price=2000.0, price_unit="tonne")
        )
        per_1000 = Substrate.create(
            dict(common, name="Uncoated 100", code="U100-K", price=120.0, price_unit="1000")
        )
        per_ream = Substrate.create(
            dict(common, name="Uncoated 100", code="U100-R", price=35.0, price_unit="ream")
        )
        # 0.5 m × 0.7 m × 100 g/m² = 35 g a sheet; 2000 a tonne is 2 a kg: 0.07 a sheet.
        self.assertEqual(per_tonne.sheet_price, 0.07)
        # 120 for 1000 sheets.
        self.assertEqual(per_1000.sheet_price, 0.12)
        # One ream (令) is 500 sheets: 35 / 500.
        self.assertEqual(per_ream.sheet_price, 0.07)
        # 大度 889 × 1194 at 128 g/m² is 0.135868 kg a sheet; 6000 a tonne.
        dadu = Substrate.create(
            {
                "name": "Art paper 128 大度",
                "code": "ART128-DD",
                "sheet_width": 889.0,
                "sheet_length": 1194.0,
                "gsm": 128.0,
                "price": 6000.0,
            }
        )
        self.assertEqual(dadu.sheet_price, 0.82)
        self.assertAlmostEqual(
            dadu._engine_substrate().sheet_price, 0.889 * 1.194 * 0.128 * 6.0, places=9
        )
        # The price follows the unit it is given in.
        per_ream.price_unit = "1000"
        self.assertEqual(per_ream.sheet_price, 0.04)

    def test_sub_cent_unit_prices_are_kept(self):
        """Clicks and finishing prices per unit are often quoted below a cent."""
        self.press_digital.click_colour = 0.035
        self.op_folder.unit_price = 0.004
        self.assertEqual(self.press_digital.click_colour, 0.035)
        self.assertEqual(self.op_folder.unit_price, 0.004)

    def test_standard_size_fills_the_sheet(self):
        form = Form(self.env["print.substrate"])
        form.name = "Gloss 150"
        form.code = "G150"
        form.gsm = 150.0
        form.price = 950.0
        form.size_name = "大度"
        self.assertEqual((form.sheet_width, form.sheet_length), (889.0, 1194.0))
        form.size_name = "正度4开"
        # 正度 787 × 1092 halved twice: 393.5 × 546, floored to whole millimetres.
        self.assertEqual((form.sheet_width, form.sheet_length), (393.0, 546.0))
        form.size_name = "SRA3"
        self.assertEqual((form.sheet_width, form.sheet_length), (320.0, 450.0))
        # A short side typed longer than the long side turns the sheet round.
        form.sheet_width = 500.0
        self.assertEqual((form.sheet_width, form.sheet_length), (450.0, 500.0))
        substrate = form.save()
        self.assertEqual((substrate.sheet_width, substrate.sheet_length), (450.0, 500.0))
        # 0.45 m × 0.5 m × 150 g/m² = 33.75 g a sheet at 0.95 a kg.
        self.assertEqual(substrate.sheet_price, self.currency.round(0.03375 * 0.95))

    def test_standard_size_fills_the_finished_size(self):
        form = Form(self.env["print.estimate"])
        form.size_name = "A5"
        self.assertEqual((form.finished_width, form.finished_height), (148.0, 210.0))
        form.size_name = "大度16开成品"
        self.assertEqual((form.finished_width, form.finished_height), (210.0, 285.0))

    # ------------------------------------------------------------------ operations

    def test_outsourced_operation_needs_its_supplier(self):
        with self.assertRaises(ValidationError) as caught:
            self.env["print.operation"].create(
                {
                    "name": "Spot UV",
                    "code": "SPOTUV",
                    "process": "varnish",
                    "basis": "sheet",
                    "outsourced": True,
                    "unit_price": 0.08,
                }
            )
        self.assertEqual(
            str(caught.exception), "Spot UV: an outsourced operation needs its supplier."
        )
        self.assertRefused(self.op_laminate, {"partner_id": False}, "needs its supplier")
        self.assertRefused(self.op_folder, {"outsourced": True}, "Buckle folder", "supplier")
        self.op_folder.write({"outsourced": True, "partner_id": self.supplier_laminating.id})
        self.assertTrue(self.op_folder.outsourced)

    # ------------------------------------------------------------------ codes

    def test_codes_unique_per_company(self):
        company2 = self.env["res.company"].create({"name": "South Print Co (test)"})
        press = {"name": "Another press", "max_sheet_width": 320.0, "max_sheet_length": 450.0}
        substrate = {
            "name": "Another paper",
            "sheet_width": 320.0,
            "sheet_length": 450.0,
            "gsm": 130.0,
            "price": 50.0,
        }
        operation = {"name": "Another guillotine", "process": "cut"}
        for model, values, code in (
            ("print.press", press, "OFF-SRA3"),
            ("print.substrate", substrate, "SILK130-SRA3"),
            ("print.operation", operation, "GUIL"),
        ):
            with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
                self.env[model].create(dict(values, code=code))
            other = self.env[model].create(dict(values, code=code, company_id=company2.id))
            self.assertEqual(other.company_id, company2)
