# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError

from .print_estimate import BINDING_PROCESSES, MAX_PAGES, MAX_QUANTITY, PRODUCT_KINDS

MAX_BREAKS = 10


class PrintPortalProduct(models.Model):
    """A print product customers can request from the portal, with its default spec.

    Instant products show the price of every quantity break at once and can be ordered
    straight away; the others become a request for the estimators.
    """

    _name = "print.portal.product"
    _description = "Portal Print Product"
    _order = "sequence, name"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    description = fields.Text(translate=True)
    instant = fields.Boolean(
        "Instant Price", help="Customers see prices at once and can order without waiting."
    )
    product_kind = fields.Selection(PRODUCT_KINDS, required=True, default="flat")
    finished_width = fields.Float("Finished Width (mm)", required=True)
    finished_height = fields.Float("Finished Height (mm)", required=True)
    panels = fields.Integer(default=1)
    pages = fields.Integer(help="Text pages of a booklet or book; customers may change it.")
    colours_front = fields.Integer("Colours Front", default=4)
    colours_back = fields.Integer("Colours Back", default=4)
    substrate_id = fields.Many2one(
        "print.substrate", "Paper", required=True, check_company=True, ondelete="restrict"
    )
    cover_substrate_id = fields.Many2one(
        "print.substrate", "Cover Paper", check_company=True, ondelete="restrict"
    )
    operation_ids = fields.Many2many("print.operation", string="Finishing", check_company=True)
    quantities = fields.Char(
        "Default Quantities", default="250, 500, 1000", required=True, help="Comma-separated."
    )

    @api.constrains("quantities")
    def _check_quantities(self):
        for product in self:
            product._parse_quantities(product.quantities)

    @api.constrains("product_kind", "pages", "cover_substrate_id")
    def _check_pages(self):
        for product in self:
            if product.product_kind in ("saddle_stitched", "perfect_bound") and product.pages <= 0:
                raise ValidationError(
                    self.env._(
                        "%(product)s: a bound product needs its page count.",
                        product=product.display_name,
                    )
                )
            if product.product_kind == "perfect_bound" and not product.cover_substrate_id:
                raise ValidationError(
                    self.env._(
                        "%(product)s: a perfect-bound book needs a cover paper.",
                        product=product.display_name,
                    )
                )

    @api.model
    def _parse_quantities(self, text):
        """Quantities typed as '250, 500 1000' -> (250, 500, 1000); a clear error otherwise.

        A number grouped in thousands the way the page shows it in the user's language
        ('1,000', '12,500') is one quantity; separate quantities by a space or a comma.
        """
        text = text or ""
        lang = self.env["res.lang"]._get_data(code=self.env.lang or "en_US")
        sep = (lang and lang.thousands_sep) or ","
        if sep.strip():
            sep_re = re.escape(sep)
            # Digits grouped by threes, not part of a longer run of digits or groups.
            grouped = re.compile(
                rf"(?<![\d{sep_re}])\d{{1,3}}(?:{sep_re}\d{{3}})+(?!\d)(?!{sep_re}\d)"
            )
            text = grouped.sub(lambda match: match[0].replace(sep, ""), text)
        raw = text.replace(",", " ").replace(";", " ").replace("，", " ").split()
        if not raw:
            raise ValidationError(self.env._("Quantities: give at least one quantity."))
        quantities = []
        for token in raw:
            shown = token if len(token) <= 20 else token[:17] + "..."
            if not (token.isascii() and token.isdigit()) or int(token) <= 0:
                raise ValidationError(
                    self.env._("Quantities: %(value)s is not a whole number above 0.", value=shown)
                )
            if int(token) > MAX_QUANTITY:
                # Formatted before the call: Babel drops a file's terms at an f-string in _().
                largest = f"{MAX_QUANTITY:,}"
                raise ValidationError(
                    self.env._(
                        "Quantities: at most %(max)s copies, not %(value)s.",
                        max=largest,
                        value=shown,
                    )
                )
            quantities.append(int(token))
        quantities = sorted(set(quantities))
        if len(quantities) > MAX_BREAKS:
            raise ValidationError(
                self.env._("Quantities: at most %(max)s quantities.", max=MAX_BREAKS)
            )
        return tuple(quantities)

    def _print_max_text_pages(self):
        """The most text pages a customer may ask for: what the binding operation takes,
        less the cover's 4 pages."""
        self.ensure_one()
        process = BINDING_PROCESSES.get(self.product_kind)
        operation = self.env["print.operation"]
        if process:
            operation = operation._print_binding_operation(
                self.company_id, process, self.operation_ids
            )
        if not operation.max_pages:
            return MAX_PAGES
        return max(0, operation.max_pages - (4 if self.cover_substrate_id else 0))

    def _estimate_values(
        self, partner, quantities, pages=None, title=None, wanted_date=None, note=None
    ):
        """Values of a draft estimate for ``partner`` from this product's spec."""
        self.ensure_one()
        pages = pages or self.pages
        parts = []
        if self.product_kind in ("saddle_stitched", "perfect_bound"):
            parts.append(
                Command.create(
                    {
                        "role": "text",
                        "name": self.env._("Text"),
                        "pages": pages,
                        "colours_front": self.colours_front,
                        "colours_back": self.colours_back,
                        "substrate_id": self.substrate_id.id,
                    }
                )
            )
            if self.cover_substrate_id:
                parts.append(
                    Command.create(
                        {
                            "role": "cover",
                            "name": self.env._("Cover"),
                            "pages": 4,
                            "colours_front": 4,
                            "colours_back": 0,
                            "substrate_id": self.cover_substrate_id.id,
                            "sequence": 1,
                        }
                    )
                )
        else:
            parts.append(
                Command.create(
                    {
                        "role": "text",
                        "colours_front": self.colours_front,
                        "colours_back": self.colours_back,
                        "substrate_id": self.substrate_id.id,
                    }
                )
            )
        return {
            "partner_id": partner.id,
            "company_id": self.company_id.id,
            "user_id": partner.commercial_partner_id.user_id.id or partner.user_id.id or False,
            "title": title or self.name,
            "product_kind": self.product_kind,
            "finished_width": self.finished_width,
            "finished_height": self.finished_height,
            "panels": self.panels if self.product_kind == "folded" else 1,
            "part_ids": parts,
            "operation_ids": [Command.set(self.operation_ids.ids)],
            "break_ids": [Command.create({"quantity": q}) for q in quantities],
            "wanted_date": wanted_date or False,
            "note": note or False,
        }
