# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import Form, tagged

from .common import PrintCrmEstimateCommon


@tagged("post_install", "-at_install")
class TestPrintEstimateForm(PrintCrmEstimateCommon):
    """What the estimate form fills in as the estimator types (issue 11, why 7)."""

    def test_saddle_stitched_booklet_gets_its_text_and_cover(self):
        form = Form(self.env["print.estimate"].with_user(self.estimator))
        form.partner_id = self.customer
        form.title = "Catalogue"
        form.size_name = "A5"
        with form.part_ids.new() as part:
            part.substrate_id = self.silk130_sra3
        form.product_kind = "saddle_stitched"
        estimate = form.save()
        parts = estimate.part_ids.sorted()
        self.assertEqual(parts.mapped("role"), ["cover", "text"])
        self.assertEqual(parts.mapped("name"), ["Cover", "Text"])
        self.assertEqual(parts.mapped("pages"), [4, 8])
        self.assertEqual(parts.substrate_id, self.silk130_sra3)
        # Back to a flat sheet and to a booklet again: no second cover.
        form = Form(estimate.with_user(self.estimator))
        form.product_kind = "flat"
        form.product_kind = "saddle_stitched"
        self.assertEqual(len(form.save().part_ids), 2)

    def test_flat_sheet_gets_no_parts(self):
        form = Form(self.env["print.estimate"].with_user(self.estimator))
        form.partner_id = self.customer
        form.title = "Flyer"
        form.size_name = "A4"
        form.product_kind = "flat"
        form.product_kind = "folded"
        form.panels = 2
        self.assertEqual(len(form.part_ids), 0)

    def test_size_list_has_finished_sizes_once(self):
        selection = self.env["print.estimate"]._fields["size_name"]._description_selection(self.env)
        names = [name for name, __ in selection]
        labels = [label for __, label in selection]
        self.assertLess(len(names), 40)
        self.assertEqual(len(set(labels)), len(labels))
        for finished in ("A4", "A5", "B5", "大度16开成品", "正度32开成品", "名片", "business card"):
            self.assertIn(finished, names)
        for paper in (
            "SRA3",
            "RA2",
            "正度",
            "大度",
            "zhengdu",
            "dadu",
            "正度4开",
            "dadu-8k",
            "700x1000",
        ):
            self.assertNotIn(paper, names)
        self.assertIn("A4 (210 × 297 mm)", labels)
