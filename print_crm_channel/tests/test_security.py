# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import PrintCrmChannelCommon


@tagged("post_install", "-at_install")
class TestPrintCrmChannelSecurity(PrintCrmChannelCommon):
    def test_groups_in_channel_category_of_printing(self):
        category = self.env.ref("print_crm_channel.module_category_printing_channel")
        self.assertEqual(
            category.parent_id, self.env.ref("print_crm_quote.module_category_printing")
        )
        self.assertEqual(self.group_user.category_id, category)
        self.assertEqual(self.group_manager.category_id, category)

    def test_user_form_offers_user_or_manager(self):
        category = self.env.ref("print_crm_channel.module_category_printing_channel")
        kind, groups, section = self._user_form_section(category)
        self.assertEqual(kind, "selection")
        self.assertEqual(groups, self.group_user + self.group_manager)
        self.assertEqual(section, "Printing")

    def test_manager_implies_user(self):
        self.assertTrue(self.channel_manager.has_group("print_crm_channel.group_channel_user"))
        self.assertTrue(self.channel_manager.has_group("purchase.group_purchase_manager"))
        self.assertFalse(self.channel_user.has_group("print_crm_channel.group_channel_manager"))
        self.assertTrue(self.channel_user.has_group("print_crm_quote.group_estimate_user"))
        self.assertTrue(self.channel_user.has_group("purchase.group_purchase_user"))
        self.assertFalse(self.channel_user.has_group("purchase.group_purchase_manager"))
        self.assertFalse(self.internal_user.has_group("print_crm_channel.group_channel_user"))

    def test_channel_menu_only_for_channel_users(self):
        self.assertIn(self.group_user, self.menu_section.groups_id)
        self._add_action_menu(self.menu_section)
        self.assertIn(self.menu_section.id, self._visible_menu_ids(self.channel_user))
        self.assertIn(self.menu_section.id, self._visible_menu_ids(self.channel_manager))
        self.assertNotIn(self.menu_section.id, self._visible_menu_ids(self.internal_user))

    def test_printing_app_reachable_for_channel_users(self):
        self.assertIn(self.group_user, self.menu_root.groups_id)
        self._add_action_menu(self.menu_section)
        self.assertIn(self.menu_root.id, self._visible_menu_ids(self.channel_user))
        self.assertNotIn(self.menu_root.id, self._visible_menu_ids(self.internal_user))
        roots = self.env["ir.ui.menu"].with_user(self.channel_user).get_user_roots()
        self.assertIn(self.menu_root, roots)

    def test_channel_users_can_write_sale_and_purchase_orders(self):
        for model in ("sale.order", "purchase.order"):
            self.assertTrue(self.env[model].with_user(self.channel_user).has_access("create"))
            self.assertFalse(self.env[model].with_user(self.internal_user).has_access("read"))

    def test_admin_is_channel_manager(self):
        self.assertTrue(self.admin.has_group("print_crm_channel.group_channel_manager"))
