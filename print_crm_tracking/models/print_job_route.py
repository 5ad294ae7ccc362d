# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.print_crm_quote.models.print_estimate import PRODUCT_KINDS

PRESS_TYPES = [("offset", "Offset"), ("digital", "Digital")]


class PrintJobRoute(models.Model):
    """The stages a kind of job goes through: a digital job skips plate making."""

    _name = "print.job.route"
    _description = "Production Route"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    product_kind = fields.Selection(
        PRODUCT_KINDS, help="The product kind this route is for; empty for any kind."
    )
    press_type = fields.Selection(PRESS_TYPES, help="Offset or digital jobs only; empty for both.")
    stage_ids = fields.Many2many(
        "print.job.stage",
        string="Stages",
        required=True,
        help="The stages of the route, in the order of their sequence.",
    )

    @api.constrains("stage_ids")
    def _check_stages(self):
        for route in self:
            if not route.stage_ids.filtered("is_done"):
                raise ValidationError(
                    self.env._(
                        "%(route)s: Stages must include a done stage (e.g. Delivered).",
                        route=route.display_name,
                    )
                )

    @api.model
    def _for_job(self, product_kind, press_type):
        """The most specific active route for a product kind and press type."""
        best, best_score = self.browse(), -1
        for route in self.search([]):
            if route.product_kind and route.product_kind != product_kind:
                continue
            if route.press_type and route.press_type != press_type:
                continue
            score = 2 * bool(route.product_kind) + bool(route.press_type)
            if score > best_score:
                best, best_score = route, score
        return best

    def _ordered_stages(self):
        self.ensure_one()
        # with_prefetch(): read the route's stages in one query however self was reached.
        return self.with_prefetch().stage_ids.sorted(lambda s: (s.sequence, s.id))
