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


class PrintEstimate(models.Model):
    _inherit = "print.estimate"

    @api.model
    def _selection_size_name(self):
        """The finished sizes, each once, with its dimensions."""
        return [
            (name, "%s (%g × %g mm)" % (name, *size))
            for name, size in sizes.SIZES.items()
            if FINISHED_SIZE.match(name)
        ]

    @api.onchange("product_kind")
    def _onchange_product_kind_parts(self):
        """A booklet or book is a text and a cover: choosing one adds the parts it lacks,
        on the paper of the part already there."""
        pages = DEFAULT_TEXT_PAGES.get(self.product_kind)
        if not pages:
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
