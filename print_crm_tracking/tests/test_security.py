# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import PrintCrmTrackingCommon


@tagged("post_install", "-at_install")
class TestPrintCrmTrackingSecurity(PrintCrmTrackingCommon):
    def test_groups_in_production_category_of_printing(self):
        category = self.env.ref("print_crm_tracking.module_category_printing_production")
        self.assertEqual(
            category.parent_id, self.env.ref("print_crm_quote.module_category_printing")
        )
        self.assertEqual(self.group_user.category_id, category)
        self.assertEqual(self.group_manager.category_id, category)

    def test_user_form_offers_user_or_manager(self):
        category = self.env.ref("print_crm_tracking.module_category_printing_production")
        kind, groups, section = self._user_form_section(category)
        self.assertEqual(kind, "selection")
        self.assertEqual(groups, self.group_user + self.group_manager)
        self.assertEqual(section, "Printing")

    def test_manager_implies_user(self):
        self.assertTrue(self.tracking_manager.has_group("print_crm_tracking.group_job_user"))
        self.assertFalse(self.tracking_user.has_group("print_crm_tracking.group_job_manager"))
        self.assertFalse(self.internal_user.has_group("print_crm_tracking.group_job_user"))

    def test_production_menu_only_for_tracking_users(self):
        self.assertIn(self.group_user, self.menu_section.groups_id)
        self._add_action_menu(self.menu_section)
        self.assertIn(self.menu_section.id, self._visible_menu_ids(self.tracking_user))
        self.assertIn(self.menu_section.id, self._visible_menu_ids(self.tracking_manager))
        self.assertNotIn(self.menu_section.id, self._visible_menu_ids(self.internal_user))

    def test_printing_app_reachable_for_tracking_users(self):
        self.assertIn(self.group_user, self.menu_root.groups_id)
        self._add_action_menu(self.menu_section)
        self.assertIn(self.menu_root.id, self._visible_menu_ids(self.tracking_user))
        self.assertNotIn(self.menu_root.id, self._visible_menu_ids(self.internal_user))
        roots = self.env["ir.ui.menu"].with_user(self.tracking_user).get_user_roots()
        self.assertIn(self.menu_root, roots)

    def test_admin_is_tracking_manager(self):
        self.assertTrue(self.admin.has_group("print_crm_tracking.group_job_manager"))
