# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import PrintCrmModuleSecurityTests, PrintCrmQuoteCommon


@tagged("post_install", "-at_install")
class TestPrintCrmQuoteSecurity(PrintCrmModuleSecurityTests, PrintCrmQuoteCommon):
    def test_estimators_get_matching_sales_rights(self):
        self.assertTrue(self.module_user.has_group("sales_team.group_sale_salesman"))
        self.assertFalse(self.module_user.has_group("sales_team.group_sale_salesman_all_leads"))
        self.assertTrue(self.module_manager.has_group("sales_team.group_sale_salesman_all_leads"))

    def test_settings_menu_for_administrators_only(self):
        menu_settings = self.env.ref("print_crm_quote.menu_settings")
        self.assertIn(menu_settings.id, self._visible_menu_ids(self.admin))
        self.assertNotIn(menu_settings.id, self._visible_menu_ids(self.module_manager))

    def test_estimators_can_write_quotations(self):
        sale_order = self.env["sale.order"]
        self.assertTrue(sale_order.with_user(self.module_user).has_access("create"))
        self.assertFalse(sale_order.with_user(self.internal_user).has_access("read"))

    def test_estimators_keep_customer_records(self):
        """Sales and call-centre staff update customers and schedule next steps on them."""
        partner = self.env["res.partner"]
        self.assertTrue(partner.with_user(self.module_user).has_access("write"))
        self.assertTrue(partner.with_user(self.module_user).has_access("create"))
        self.assertFalse(partner.with_user(self.internal_user).has_access("write"))
