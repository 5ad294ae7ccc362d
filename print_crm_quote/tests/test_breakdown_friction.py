# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

import openpyxl
from lxml import html

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

    def test_details_dialog_is_grouped_and_bounded_at_scale(self):
        """With many presses and papers, the Details dialog shows per part the cheapest
        route of the cheapest few presses, the other presses behind "more", each press's
        other routes folded under it, and each impossible reason once with its count
        (issue 11: 2)."""
        presses = 24
        self.env["print.press"].create(
            [
                {
                    "name": f"Scale press {i}",
                    "code": f"SCALE-P{i}",
                    "press_type": "offset",
                    "max_sheet_width": 320.0 + 15 * i,
                    "max_sheet_length": round((320.0 + 15 * i) * 1.41),
                    "min_sheet_width": 200.0,
                    "min_sheet_length": 280.0,
                    "units": 4,
                    "hourly_rate": 60.0 + i,
                    "plate_cost": 6.0,
                    "makeready_sheets": 40,
                    "run_speed": 6000.0 + 100 * i,
                    "spoilage_pct": 2.0,
                    "max_gsm": 120.0 if i % 3 == 0 else 0.0,
                }
                for i in range(presses)
            ]
        )
        self.env["print.substrate"].create(
            [
                {
                    "name": f"Coated silk 130 size {s}",
                    "code": f"SILK130-S{s}",
                    "grade": "SILK130",
                    "sheet_width": 330.0 + 30 * s,
                    "sheet_length": round((330.0 + 30 * s) * 1.4),
                    "gsm": 130,
                    "caliper": 0.11,
                    "grain": "long",
                    "price": 900.0 + 10 * s,
                    "price_unit": "tonne",
                }
                for s in range(12)
            ]
        )
        estimate = self._make_estimate(quantities=(500, 5000, 50000))
        estimate.action_compute()
        considered = estimate.part_ids.alternatives["considered"]
        self.assertGreater(considered, 300)
        for break_ in estimate.break_ids:
            tree = html.fromstring(break_.breakdown_html)
            rows = tree.xpath("//table[contains(@class, 'o_print_breakdown_alternatives')]//tr")
            rows = [row for row in rows if not row.xpath("ancestor::thead")]
            visible = [row for row in rows if not row.xpath("ancestor::details")]
            # The cheapest few presses in view, the chosen route first.
            self.assertLessEqual(len(visible), 5, f"{len(visible)} routes in view")
            self.assertIn("table-success", visible[0].get("class"))
            # Every press at most once; the other presses folded behind "more".
            pressed = [row.get("data-press") for row in rows]
            self.assertEqual(len(pressed), len(set(pressed)))
            self.assertLessEqual(len(rows), presses + 3)
            section = tree.xpath("//*[contains(@class, 'o_print_breakdown_considered')]")
            self.assertEqual(len(section), 1, "one group: the estimate has one part")
            self.assertTrue(section[0].xpath(".//details/summary"))
            # Impossible combinations: a count per reason, not a row per combination.
            reasons = section[0].xpath(".//tr[@data-reason]")
            self.assertTrue(reasons)
            self.assertLessEqual(len(reasons), 10)
            counts = sum(int(row.get("data-count")) for row in reasons)
            self.assertGreater(counts, len(reasons))
