# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.print_crm_quote.tests.common import PrintCrmModuleCommon


class PrintCrmTrackingCommon(PrintCrmModuleCommon):
    """Least-privilege users for the Production tests; no demo data needed."""

    category_xmlid = "print_crm_tracking.module_category_printing_production"
    user_group_xmlid = "print_crm_tracking.group_job_user"
    manager_group_xmlid = "print_crm_tracking.group_job_manager"
    section_menu_xmlid = "print_crm_tracking.menu_production"
