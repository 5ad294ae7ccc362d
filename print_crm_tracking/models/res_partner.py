# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    print_job_notify = fields.Boolean(
        "Production Updates by E-mail",
        default=True,
        help="Tell the customer by e-mail when its jobs enter a stage it can see.",
    )

    @api.model
    def _commercial_fields(self):
        return super()._commercial_fields() + ["print_job_notify"]

    @api.model
    def _print_lookup_reference_sources(self):
        # The customer lookup (print_crm_quote) finds a customer by its job numbers too.
        return {**super()._print_lookup_reference_sources(), "print.job": ("name",)}
