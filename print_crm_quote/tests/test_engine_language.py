# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import re

import openpyxl

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PrintCrmEstimateCommon

# The engine's words: none of them may reach a Chinese reader.
ENGINE_TERMS = (
    "makeready",
    "clicks",
    "plates",
    "cuts",
    "signatures",
    "signature",
    "work-and-turn",
    "sheetwise",
    "perfecting",
    "single-sided",
    "sheets",
    "copies",
    "pages",
    "residual",
    "chosen",
    "costs",
    "infeasible",
    "not possible",
    "process ink",
    "spot ink",
    "colour clicks",
    "simplex",
    "duplex",
    "cut in",
    "a sheet",
)
ENGLISH = re.compile(
    r"(?<![\w-])(" + "|".join(re.escape(t) for t in ENGINE_TERMS) + r"|\d+-up)(?![\w-])", re.I
)


def _text(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", str(html or "")))


@tagged("post_install", "-at_install")
class TestEngineSpeaksTheReadersLanguage(PrintCrmEstimateCommon):
    """The breakdown, the XLSX and the job specification are rendered from the engine's codes
    in the reader's language: Chinese for zh_CN / zh_TW users, no 开 for English ones."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for code in ("zh_CN", "zh_TW"):
            cls.env["res.lang"]._activate_lang(code)
        cls.env["ir.module.module"]._load_module_terms(["print_crm_quote"], ["zh_CN", "zh_TW"])
        # A booklet, 4/4 throughout: signatures, a residual form, work-and-turn, 大度 cuts.
        cls.booklet = cls._make_estimate(
            quantities=(300, 3000),
            title="Catalogue",
            product_kind="saddle_stitched",
            size_name="A5",
            finished_width=148.0,
            finished_height=210.0,
            part_ids=[
                Command.create(
                    {
                        "name": "Cover",
                        "role": "cover",
                        "colours_front": 4,
                        "colours_back": 4,
                        "pages": 4,
                        "substrate_id": cls.silk170_sra3.id,
                        "any_sheet_size": True,
                        "sequence": 1,
                    }
                ),
                Command.create(
                    {
                        "name": "Text",
                        "role": "text",
                        "colours_front": 4,
                        "colours_back": 4,
                        "pages": 24,
                        "substrate_id": cls.silk130_sra3.id,
                        "any_sheet_size": True,
                        "sequence": 2,
                    }
                ),
            ],
        )
        cls.flyer = cls._make_estimate(quantities=(100, 20000), part={"colours_back": 4})
        (cls.booklet | cls.flyer).action_compute()

    def _rendered(self, lang):
        """Every text a reader of ``lang`` sees: breakdown dialogs, workbook, specification."""
        texts = []
        for estimate in (self.booklet | self.flyer).with_context(lang=lang):
            texts.append(estimate.spec_summary)
            for break_ in estimate.break_ids:
                break_.invalidate_recordset(["breakdown_html"])
                texts.append(_text(break_.breakdown_html))
            book = openpyxl.load_workbook(io.BytesIO(estimate._export_xlsx()))
            for sheet in book:
                texts.append(sheet.title)
                for row in sheet.iter_rows(values_only=True):
                    texts += [str(value) for value in row if isinstance(value, str)]
        return "\n".join(texts)

    def test_chinese_readers_read_no_engine_english(self):
        for lang in ("zh_CN", "zh_TW"):
            text = self._rendered(lang)
            self.assertIn("开", text.replace("開", "开"), lang)
            found = sorted(
                {text[max(0, m.start() - 40) : m.end() + 20] for m in ENGLISH.finditer(text)}
            )
            self.assertFalse(found, f"{lang} reads English engine terms: {found}")

    def test_why_nothing_can_print_it_is_said_in_the_readers_language(self):
        """No press takes the paper: the error names the presses (not their codes) and says
        why in the reader's language, not in the engine's English."""
        presses = self.env["print.press"].search([("company_id", "=", self.flyer.company_id.id)])
        presses.write({"max_gsm": 100.0})
        estimate = self._make_estimate(quantities=(500,))
        with self.assertRaises(UserError) as english:
            estimate.action_compute()
        message = str(english.exception)
        self.assertRegex(message, r"it cannot be printed: .+ takes up to 100 g/m² \(and \d+ more\)")
        self.assertTrue(any(f"{name} takes up to" in message for name in presses.mapped("name")))
        self.assertNotIn("part 0", message)
        for code in presses.mapped("code"):
            self.assertNotIn(f"{code} takes", message)
        for lang in ("zh_CN", "zh_TW"):
            with self.assertRaises(UserError) as chinese:
                estimate.with_context(lang=lang).action_compute()
            found = ENGLISH.findall(str(chinese.exception)) + re.findall(
                r"takes up to|cannot be printed|and \d+ more", str(chinese.exception)
            )
            self.assertFalse(found, f"{lang}: {chinese.exception}")

    def test_english_readers_read_no_kai(self):
        text = self._rendered("en_US")
        self.assertIn("Makeready", text)
        self.assertNotIn("开", text)
        self.assertNotIn("開", text)

    def test_the_breakdown_is_stored_as_codes(self):
        for break_ in self.booklet.break_ids | self.flyer.break_ids:
            data = break_.breakdown
            for line in data["lines"]:
                self.assertNotIn("label", line)
                self.assertIn(
                    line["item"]["code"],
                    (
                        "paper",
                        "plates",
                        "process_ink",
                        "spot_ink",
                        "makeready",
                        "run",
                        "colour_clicks",
                        "mono_clicks",
                        "operation",
                    ),
                )
            for route in data["routes"]:
                self.assertIsInstance(route["layout"], dict)

    def test_no_work_and_turn_twice_and_no_32_pages_for_16(self):
        for break_ in self.booklet.break_ids | self.flyer.break_ids:
            break_.invalidate_recordset(["breakdown_html"])
            html = _text(break_.breakdown_html)
            self.assertNotRegex(html, r"work-and-turn\s*,\s*work-and-turn")

    def test_the_route_of_a_break_in_the_readers_language(self):
        """Other modules (the job ticket) read a break's routes rendered, not its stored text."""
        break_ = self.flyer.break_ids[-1]
        english = break_._print_route_texts()
        chinese = break_.with_context(lang="zh_CN")._print_route_texts()
        self.assertEqual(len(english), len(break_.breakdown["routes"]))
        self.assertRegex(english[0], r"\d+-up")
        self.assertNotRegex(chinese[0], r"\d+-up")
        self.assertIn("拼", chinese[0])

    def test_the_route_column_in_the_readers_language(self):
        """The route a break lists (estimate form and list) is rendered for whoever reads
        it, not stored in the language of whoever priced it (issue 11: 4)."""
        estimator = self.estimator
        for pricer_lang, reader_lang in (("en_US", "zh_CN"), ("zh_CN", "en_US")):
            with self.subTest(pricer=pricer_lang, reader=reader_lang):
                estimate = self._make_estimate(quantities=(500,), part={"colours_back": 4})
                estimate.with_user(estimator).with_context(lang=pricer_lang).action_compute()
                estimate.invalidate_recordset()
                break_ = estimate.break_ids.with_user(estimator).with_context(lang=reader_lang)
                route = break_.route
                self.assertTrue(route)
                if reader_lang == "zh_CN":
                    self.assertIn("拼", route)
                    self.assertNotRegex(route, r"\d+-up")
                else:
                    self.assertRegex(route, r"\d+-up")
                    self.assertNotRegex(route, r"[\u4e00-\u9fff]")
                # The list of breaks on the estimate form reads the same field.
                read = break_.read(["route"])[0]["route"]
                self.assertEqual(read, route)
