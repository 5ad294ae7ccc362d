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
    print_estimate_validity_days = fields.Integer(
        related="company_id.print_estimate_validity_days", readonly=False
    )
    print_large_customer_revenue = fields.Monetary(
        related="company_id.print_large_customer_revenue", readonly=False
    )
    print_good_payer_on_time_pct = fields.Float(
        related="company_id.print_good_payer_on_time_pct", readonly=False
    )
    print_good_payer_max_days_late = fields.Float(
        related="company_id.print_good_payer_max_days_late", readonly=False
    )
    print_drift_threshold = fields.Float(related="company_id.print_drift_threshold", readonly=False)
    # The website registration form: sign-ups taken per client address in an hour and per
    # e-mail address in a day (0: no limit).
    print_registration_ip_limit = fields.Integer(
        "Registrations per Hour per Address",
        config_parameter="print_crm_quote.registration_ip_limit",
        default=5,
    )
    print_registration_email_limit = fields.Integer(
        "Registrations per Day per E-mail",
        config_parameter="print_crm_quote.registration_email_limit",
        default=3,
    )
    print_policy_large_good_id = fields.Many2one(
        related="company_id.print_policy_large_good_id", readonly=False
    )
    print_policy_large_poor_id = fields.Many2one(
        related="company_id.print_policy_large_poor_id", readonly=False
    )
    print_policy_small_good_id = fields.Many2one(
        related="company_id.print_policy_small_good_id", readonly=False
    )
    print_policy_small_poor_id = fields.Many2one(
        related="company_id.print_policy_small_poor_id", readonly=False
    )
