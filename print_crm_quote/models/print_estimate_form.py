# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""What the estimate form does for the estimator as the spec is typed."""

import re

from odoo import Command, api, models

from ..engine import sizes

# Text pages a new bound product starts with: a valid count for its binding.
DEFAULT_TEXT_PAGES = {"saddle_stitched": 8, "perfect_bound": 32}


# Finished sizes a customer orders: ISO A and B, the Chinese finished book formats (成品) and
# business cards. Parent and press sheets (RA, SRA, trade sizes, 正度/大度 and their 开 cuts)
# and the ASCII aliases of Chinese names are paper, not finished sizes.
FINISHED_SIZE = re.compile(r"^(?:[AB]\d+|.+成品|business card|名片)$")
# The Chinese trade names of sizes, as a Chinese reader reads them (see _print_size_name);
# traditional characters for zh_TW and zh_HK readers.
CHINESE_PARENTS = {"zhengdu": "正度", "dadu": "大度"}
CHINESE_CARDS = {"chinese": "名片", "international": "欧式名片"}
TRADITIONAL = str.maketrans({"开": "開", "欧": "歐"})


class PrintEstimate(models.Model):
    _inherit = "print.estimate"

    @api.model
    def _selection_size_name(self):
        """The finished sizes, each once, with its dimensions, in the reader's language."""
        return [
            (name, "%s (%g × %g mm)" % (self._print_size_name(name), *size))
            for name, size in sizes.SIZES.items()
            if FINISHED_SIZE.match(name)
        ]

    @api.model
    def _print_size_name(self, name):
        """What the size called ``name`` (a key of ``sizes.SIZES``) is called in the
        environment's language: the Chinese trade name (正度16开成品) for a Chinese reader,
        English ("1/16 standard sheet, trimmed") or its translation for others. Both come
        from ``sizes.describe``, not from the key, which is in one language only."""
        code, params = sizes.describe(name)
        lang = self.env.lang or "en_US"
        if lang.startswith("zh"):
            if code == "kai":
                text = CHINESE_PARENTS[params["parent"]]
                if params["n"] > 1:
                    text += "%s开%s" % (params["n"], "成品" if params["finished"] else "")
            elif code == "card":
                text = CHINESE_CARDS[params["standard"]]
            else:
                text = params["name"]
            return text.translate(TRADITIONAL) if lang in ("zh_TW", "zh_HK") else text
        if code == "kai":
            standard, n = params["parent"] == "zhengdu", params["n"]
            if n == 1:
                return self.env._("Standard sheet") if standard else self.env._("Large sheet")
            if params["finished"]:
                if standard:
                    return self.env._("1/%(n)s standard sheet, trimmed", n=n)
                return self.env._("1/%(n)s large sheet, trimmed", n=n)
            if standard:
                return self.env._("1/%(n)s standard sheet", n=n)
            return self.env._("1/%(n)s large sheet", n=n)
        if code == "card":
            if params["standard"] == "chinese":
                return self.env._("Chinese business card")
            return self.env._("Business card")
        return params["name"]

    @api.onchange("product_kind")
    def _onchange_product_kind_parts(self):
        """A booklet or book is a text and a cover: choosing one adds the parts it lacks,
        on the paper of the part already there. A flat or folded sheet is one part: choosing
        one drops the cover a booklet had."""
        pages = DEFAULT_TEXT_PAGES.get(self.product_kind)
        if not pages:
            # Back to a flat or folded sheet: one part, the one already set up for it.
            kept = self._print_flat_parts()
            kept.role = "text"
            self.part_ids = kept
            return
        text = self.part_ids.filtered(lambda part: part.role == "text")[:1]
        substrate = text.substrate_id or self.part_ids[:1].substrate_id
        commands = []
        if text:
            text.name = text.name or self.env._("Text")
            text.pages = text.pages or pages
        else:
            commands.append(
                Command.create(
                    {
                        "role": "text",
                        "name": self.env._("Text"),
                        "pages": pages,
                        "substrate_id": substrate.id,
                    }
                )
            )
        if not self.part_ids.filtered(lambda part: part.role == "cover"):
            commands.append(
                Command.create(
                    {
                        "role": "cover",
                        "name": self.env._("Cover"),
                        "sequence": 1,
                        "pages": 4,
                        "colours_front": 4,
                        "colours_back": 0,
                        "substrate_id": substrate.id,
                    }
                )
            )
        if commands:
            self.part_ids = commands

    def write(self, vals):
        res = super().write(vals)
        if vals.get("product_kind") and vals["product_kind"] not in DEFAULT_TEXT_PAGES:
            # As the form does (_onchange_product_kind_parts), for a client that writes the
            # kind alone: a flat or folded sheet keeps no cover.
            for estimate_ in self:
                kept = estimate_._print_flat_parts()
                (estimate_.part_ids - kept).unlink()
                kept.filtered(lambda part: part.role != "text").role = "text"
        return res

    def _print_flat_parts(self):
        """The parts a flat or folded sheet keeps: the text part, as it was set up (all
        but the cover); the first part when there is nothing but a cover."""
        self.ensure_one()
        parts = self.part_ids.sorted()
        return parts.filtered(lambda part: part.role != "cover") or parts[:1]
