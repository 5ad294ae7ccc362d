# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from odoo.addons.print_crm_quote.tests.common import PrintCrmModuleSecurityTests

from .common import PrintCrmServiceCommon


@tagged("post_install", "-at_install")
class TestPrintCrmServiceSecurity(PrintCrmModuleSecurityTests, PrintCrmServiceCommon):
    def test_service_staff_get_matching_helpdesk_rights(self):
        self.assertTrue(self.module_user.has_group("print_crm_tracking.group_job_user"))
        self.assertTrue(self.module_user.has_group("helpdesk_mgmt.group_helpdesk_user"))
        self.assertFalse(self.module_user.has_group("helpdesk_mgmt.group_helpdesk_manager"))
        self.assertTrue(self.module_manager.has_group("helpdesk_mgmt.group_helpdesk_manager"))

    def test_service_users_can_open_helpdesk_tickets(self):
        ticket = self.env["helpdesk.ticket"]
        self.assertTrue(ticket.with_user(self.module_user).has_access("create"))
        self.assertTrue(ticket.with_user(self.module_manager).has_access("unlink"))
        self.assertFalse(ticket.with_user(self.module_user).has_access("unlink"))
        self.assertFalse(ticket.with_user(self.internal_user).has_access("create"))
