# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.addons.print_crm_quote.tests.common import PrintCrmModuleCommon


class PrintCrmChannelCommon(PrintCrmModuleCommon):
    """Least-privilege users for the Distribution & Purchasing tests; no demo data needed."""

    category_xmlid = "print_crm_channel.module_category_printing_channel"
    user_group_xmlid = "print_crm_channel.group_channel_user"
    manager_group_xmlid = "print_crm_channel.group_channel_manager"
    section_menu_xmlid = "print_crm_channel.menu_channel"
