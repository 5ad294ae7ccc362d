# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.print_crm_quote.tests.common import PrintCrmModuleCommon


class PrintCrmPrepressCommon(PrintCrmModuleCommon):
    """Least-privilege users for the Prepress tests; no demo data needed."""

    category_xmlid = "print_crm_prepress.module_category_printing_prepress"
    user_group_xmlid = "print_crm_prepress.group_proof_user"
    manager_group_xmlid = "print_crm_prepress.group_proof_manager"
    section_menu_xmlid = "print_crm_prepress.menu_prepress"
