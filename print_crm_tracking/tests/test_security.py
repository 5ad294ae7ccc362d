# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.print_crm_quote.tests.common import PrintCrmModuleSecurityTests

from .common import PrintCrmTrackingCommon


@tagged("post_install", "-at_install")
class TestPrintCrmTrackingSecurity(PrintCrmModuleSecurityTests, PrintCrmTrackingCommon):
    def test_production_users_are_internal_users(self):
        self.assertTrue(self.module_user.has_group("base.group_user"))
        self.assertFalse(self.module_user.has_group("base.group_portal"))
