# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.print_crm_quote.tests.common import PrintCrmModuleCommon


class PrintCrmServiceCommon(PrintCrmModuleCommon):
    """Least-privilege users for the Customer Service tests; no demo data needed."""

    category_xmlid = "print_crm_service.module_category_printing_service"
    user_group_xmlid = "print_crm_service.group_service_user"
    manager_group_xmlid = "print_crm_service.group_service_manager"
    section_menu_xmlid = "print_crm_service.menu_service"
