# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user

from odoo.addons.print_crm_quote.tests.common import PrintCrmCommon


class PrintCrmChannelCommon(PrintCrmCommon):
    """Least-privilege users for the Distribution & Purchasing tests; no demo data needed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.group_user = cls.env.ref("print_crm_channel.group_channel_user")
        cls.group_manager = cls.env.ref("print_crm_channel.group_channel_manager")
        cls.channel_user = new_test_user(
            cls.env,
            login="print_crm_channel-user",
            groups="print_crm_channel.group_channel_user",
        )
        cls.channel_manager = new_test_user(
            cls.env,
            login="print_crm_channel-manager",
            groups="print_crm_channel.group_channel_manager",
        )
        cls.internal_user = new_test_user(
            cls.env,
            login="print_crm_channel-internal",
            groups="base.group_user",
        )
        cls.admin = cls.env.ref("base.user_admin")
        cls.menu_root = cls.env.ref("print_crm_quote.menu_root")
        cls.menu_section = cls.env.ref("print_crm_channel.menu_channel")
