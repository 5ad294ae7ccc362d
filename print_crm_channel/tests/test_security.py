# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.print_crm_quote.tests.common import PrintCrmModuleSecurityTests

from .common import PrintCrmChannelCommon


@tagged("post_install", "-at_install")
class TestPrintCrmChannelSecurity(PrintCrmModuleSecurityTests, PrintCrmChannelCommon):
    def test_channel_staff_get_matching_purchase_rights(self):
        self.assertTrue(self.module_user.has_group("print_crm_quote.group_estimate_user"))
        self.assertTrue(self.module_user.has_group("purchase.group_purchase_user"))
        self.assertFalse(self.module_user.has_group("purchase.group_purchase_manager"))
        self.assertTrue(self.module_manager.has_group("purchase.group_purchase_manager"))

    def test_channel_users_can_write_sale_and_purchase_orders(self):
        for model in ("sale.order", "purchase.order"):
            self.assertTrue(self.env[model].with_user(self.module_user).has_access("create"))
            self.assertFalse(self.env[model].with_user(self.internal_user).has_access("read"))
