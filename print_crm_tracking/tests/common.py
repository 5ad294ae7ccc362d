# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user

from odoo.addons.print_crm_quote.tests.common import PrintCrmCommon


class PrintCrmTrackingCommon(PrintCrmCommon):
    """Least-privilege users for the Production tests; no demo data needed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.group_user = cls.env.ref("print_crm_tracking.group_job_user")
        cls.group_manager = cls.env.ref("print_crm_tracking.group_job_manager")
        cls.tracking_user = new_test_user(
            cls.env,
            login="print_crm_tracking-user",
            groups="print_crm_tracking.group_job_user",
        )
        cls.tracking_manager = new_test_user(
            cls.env,
            login="print_crm_tracking-manager",
            groups="print_crm_tracking.group_job_manager",
        )
        cls.internal_user = new_test_user(
            cls.env,
            login="print_crm_tracking-internal",
            groups="base.group_user",
        )
        cls.admin = cls.env.ref("base.user_admin")
        cls.menu_root = cls.env.ref("print_crm_quote.menu_root")
        cls.menu_section = cls.env.ref("print_crm_tracking.menu_production")
