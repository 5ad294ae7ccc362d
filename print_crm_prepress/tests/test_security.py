# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.print_crm_quote.tests.common import PrintCrmModuleSecurityTests

from .common import PrintCrmPrepressCommon


@tagged("post_install", "-at_install")
class TestPrintCrmPrepressSecurity(PrintCrmModuleSecurityTests, PrintCrmPrepressCommon):
    def test_prepress_users_see_production(self):
        self.assertTrue(self.module_user.has_group("print_crm_tracking.group_job_user"))
        self.assertFalse(self.module_manager.has_group("print_crm_tracking.group_job_manager"))
