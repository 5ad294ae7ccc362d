# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    # Ticking a ``module_*`` box installs the module; clearing it uninstalls it.
    module_print_crm_tracking = fields.Boolean(
        string="Production Tracking",
        help="Follow every confirmed print order through production stages, "
        "with due dates, rush handling and a timeline on the customer portal.",
    )
    module_print_crm_prepress = fields.Boolean(
        string="Prepress and Proofing",
        help="Receive artwork, send proofs and let customers approve, reject or "
        "request changes from the portal before the job goes to press.",
    )
    module_print_crm_service = fields.Boolean(
        string="Customer Service",
        help="Handle delivery feedback, complaints and service requests as "
        "helpdesk tickets linked to print jobs.",
    )
    module_print_crm_channel = fields.Boolean(
        string="Distributors and Purchasing",
        help="Manage distributors and agents, and consolidate outsourced work "
        "and materials into purchase orders per supplier.",
    )

    print_price_policy_id = fields.Many2one(
        related="company_id.print_price_policy_id", readonly=False
    )
    print_ink_process_price_kg = fields.Monetary(
        related="company_id.print_ink_process_price_kg", readonly=False
    )
    print_ink_spot_price_kg = fields.Monetary(
        related="company_id.print_ink_spot_price_kg", readonly=False
    )
    print_ink_grams_per_m2 = fields.Float(
        related="company_id.print_ink_grams_per_m2", readonly=False
    )
    print_ink_coverage_pct = fields.Float(
        related="company_id.print_ink_coverage_pct", readonly=False
    )
