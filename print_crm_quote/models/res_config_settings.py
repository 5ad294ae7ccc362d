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
