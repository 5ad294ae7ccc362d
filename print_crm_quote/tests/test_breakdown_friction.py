# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

import openpyxl

from odoo.tests import tagged

from .common import PrintCrmEstimateCommon


@tagged("post_install", "-at_install")
class TestBreakdownFriction(PrintCrmEstimateCommon):
    """What an estimator stumbled on in the breakdown, the XLSX and a part's finishing."""

    def test_a_part_offers_no_step_the_engine_adds_itself(self):
        Part = self.env["print.estimate.part"]
        domain = Part._fields["operation_ids"].get_domain_list(Part)
        offered = self.env["print.operation"].search(domain)
        self.assertIn(self.op_laminate, offered)
        for engine_step in (self.op_guillotine, self.op_folder, self.op_stitcher):
            self.assertNotIn(engine_step, offered, engine_step.name)

    def test_xlsx_markup_is_price_minus_cost(self):
        estimate = self._make_estimate(quantities=tuple(range(1003, 1100, 7)))
        book = openpyxl.load_workbook(io.BytesIO(estimate._export_xlsx()))
        rows = {row[0]: row[1:] for row in book["Summary"].iter_rows(values_only=True)}
        for cost, markup, discount, price in zip(
            rows["Cost"], rows["Markup"], rows["Discount"], rows["Price"], strict=True
        ):
            self.assertEqual(round(price - cost + discount, 2), markup)

    def test_the_press_type_a_job_needs_is_on_the_break(self):
        """Written by the pricing action: offset when any part runs on an offset press."""
        offset = self._make_estimate(quantities=(20000,))
        digital = self._make_estimate(quantities=(20,))
        (offset | digital).action_compute()
        self.assertEqual(offset.break_ids.press_type, "offset")
        self.assertEqual(digital.break_ids.press_type, "digital")
        self.assertIn("press_type", offset.break_ids._print_decision_fields)

    def test_alternatives_are_stored_once_per_part_and_grouped(self):
        """The routes considered are on the part, not copied on every break; the impossible
        ones are one row per reason, with how many combinations it rules out."""
        for code, width in (("TINY-1", 200.0), ("TINY-2", 205.0)):
            self.env["print.press"].create(
                {
                    "name": f"Tiny {code}",
                    "code": code,
                    "max_sheet_width": width,
                    "max_sheet_length": 290.0,
                    "hourly_rate": 40.0,
                    "plate_cost": 4.0,
                }
            )
        estimate = self._make_estimate(quantities=(500, 5000))
        estimate.action_compute()
        part = estimate.part_ids
        self.assertEqual(part.alternatives["quantities"], [500, 5000])
        self.assertGreater(part.alternatives["considered"], len(part.alternatives["routes"]))
        for break_ in estimate.break_ids:
            self.assertNotIn("alternatives", break_.breakdown)
            rows = break_._sorted_alternatives()
            self.assertEqual(sum(row["reason"]["code"] == "chosen" for row in rows), 1)
            impossible = [row for row in rows if row["cost"] is None]
            self.assertEqual(len(impossible), 1, impossible)
            self.assertGreaterEqual(impossible[0]["count"], 2)
        with self.assertRaisesRegex(Exception, "records a decision"):
            part.write({"alternatives": {}})
