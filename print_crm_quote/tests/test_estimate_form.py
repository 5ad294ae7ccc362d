# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
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

    def test_size_names_in_the_readers_language(self):
        """One list of sizes, read in the reader's language: the Chinese trade names (正度16开
        成品) for Chinese readers, English for English readers (issue 11: 1)."""
        for code in ("zh_CN", "zh_TW"):
            self.env["res.lang"]._activate_lang(code)
        field = self.env["print.estimate"]._fields["size_name"]

        def labels(lang):
            return dict(field._description_selection(self.env(context={"lang": lang})))

        english, chinese, traditional = labels("en_US"), labels("zh_CN"), labels("zh_TW")
        self.assertEqual(set(english), set(chinese))
        self.assertEqual(english["正度16开成品"], "1/16 standard sheet, trimmed (185 × 260 mm)")
        self.assertEqual(english["大度32开成品"], "1/32 large sheet, trimmed (140 × 203 mm)")
        self.assertEqual(english["名片"], "Chinese business card (54 × 90 mm)")
        self.assertEqual(english["business card"], "Business card (55 × 85 mm)")
        self.assertEqual(english["A4"], "A4 (210 × 297 mm)")
        self.assertEqual(chinese["正度16开成品"], "正度16开成品 (185 × 260 mm)")
        self.assertEqual(chinese["名片"], "名片 (54 × 90 mm)")
        self.assertEqual(chinese["business card"], "欧式名片 (55 × 85 mm)")
        self.assertEqual(chinese["A4"], "A4 (210 × 297 mm)")
        self.assertEqual(traditional["正度16开成品"], "正度16開成品 (185 × 260 mm)")
        for name, label in english.items():
            self.assertNotRegex(label, r"[\u4e00-\u9fff]", name)
        for lang, rendered in (("zh_CN", chinese), ("zh_TW", traditional)):
            for name, label in rendered.items():
                # Sizes named by letters (A4, B5) and millimetres read the same in Chinese.
                self.assertNotRegex(label, r"[a-z]{3,}", f"{lang}: {name}")
            self.assertEqual(len(set(rendered.values())), len(rendered), lang)

    def test_back_to_a_flat_sheet_leaves_the_text_part(self):
        """A booklet's Cover goes when the product is a flat sheet again; the text part
        stays as it was set (issue 11: 3)."""
        form = Form(self.env["print.estimate"].with_user(self.estimator))
        form.partner_id = self.customer
        form.title = "Flyer"
        form.size_name = "A4"
        with form.part_ids.new() as part:
            part.substrate_id = self.silk170_sra3
            part.colours_back = 4
        with form.break_ids.new() as break_:
            break_.quantity = 500
        form.product_kind = "saddle_stitched"
        self.assertEqual(len(form.part_ids), 2)
        form.product_kind = "flat"
        self.assertEqual(len(form.part_ids), 1)
        estimate = form.save()
        self.assertEqual(estimate.part_ids.role, "text")
        self.assertEqual(estimate.part_ids.substrate_id, self.silk170_sra3)
        self.assertEqual(estimate.part_ids.colours_back, 4)
        estimate.with_user(self.estimator).action_compute()
        self.assertTrue(estimate.computed)

    def test_back_to_a_flat_sheet_over_rpc_leaves_the_text_part(self):
        estimate = self._make_estimate(product_kind="saddle_stitched", part={"pages": 8})
        estimate.part_ids = [
            Command.create(
                {
                    "role": "cover",
                    "name": "Cover",
                    "pages": 4,
                    "sequence": 1,
                    "substrate_id": self.silk170_sra3.id,
                }
            )
        ]
        text = estimate.part_ids.filtered(lambda part: part.role == "text")
        estimate.with_user(self.estimator).write({"product_kind": "folded", "panels": 2})
        self.assertEqual(estimate.part_ids, text)
        self.assertEqual((text.substrate_id, text.colours_front), (self.silk130_sra3, 4))
        estimate.with_user(self.estimator).action_compute()
        self.assertTrue(estimate.computed)
