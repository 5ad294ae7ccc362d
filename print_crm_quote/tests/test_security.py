# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .common import PrintCrmQuoteCommon


@tagged("post_install", "-at_install")
class TestPrintCrmQuoteSecurity(PrintCrmQuoteCommon):
    def test_groups_in_estimating_category_of_printing(self):
        printing = self.env.ref("print_crm_quote.module_category_printing")
        estimating = self.env.ref("print_crm_quote.module_category_printing_estimating")
        self.assertFalse(printing.parent_id)
        self.assertEqual(estimating.parent_id, printing)
        self.assertEqual(self.group_user.category_id, estimating)
        self.assertEqual(self.group_manager.category_id, estimating)

    def test_user_form_offers_user_or_manager(self):
        estimating = self.env.ref("print_crm_quote.module_category_printing_estimating")
        kind, groups, section = self._user_form_section(estimating)
        self.assertEqual(kind, "selection")
        self.assertEqual(groups, self.group_user + self.group_manager)
        self.assertEqual(section, "Printing")

    def test_manager_implies_user(self):
        self.assertTrue(self.estimate_manager.has_group("print_crm_quote.group_estimate_user"))
        self.assertTrue(self.estimate_manager.has_group("sales_team.group_sale_salesman_all_leads"))
        self.assertFalse(self.estimate_user.has_group("print_crm_quote.group_estimate_manager"))
        self.assertTrue(self.estimate_user.has_group("sales_team.group_sale_salesman"))
        self.assertFalse(self.estimate_user.has_group("sales_team.group_sale_salesman_all_leads"))
        self.assertFalse(self.internal_user.has_group("print_crm_quote.group_estimate_user"))

    def test_estimating_menu_only_for_estimators(self):
        self.assertIn(self.group_user, self.menu_section.groups_id)
        self._add_action_menu(self.menu_section)
        self.assertIn(self.menu_section.id, self._visible_menu_ids(self.estimate_user))
        self.assertIn(self.menu_section.id, self._visible_menu_ids(self.estimate_manager))
        self.assertNotIn(self.menu_section.id, self._visible_menu_ids(self.internal_user))

    def test_printing_app_reachable_for_estimators_only(self):
        self.assertIn(self.group_user, self.menu_root.groups_id)
        self._add_action_menu(self.menu_section)
        self.assertIn(self.menu_root.id, self._visible_menu_ids(self.estimate_user))
        self.assertNotIn(self.menu_root.id, self._visible_menu_ids(self.internal_user))
        roots = self.env["ir.ui.menu"].with_user(self.estimate_user).get_user_roots()
        self.assertIn(self.menu_root, roots)

    def test_settings_menu_for_administrators_only(self):
        menu_settings = self.env.ref("print_crm_quote.menu_settings")
        self.assertIn(menu_settings.id, self._visible_menu_ids(self.admin))
        self.assertNotIn(menu_settings.id, self._visible_menu_ids(self.estimate_manager))

    def test_estimators_can_write_quotations(self):
        sale_order = self.env["sale.order"]
        self.assertTrue(sale_order.with_user(self.estimate_user).has_access("create"))
        self.assertFalse(sale_order.with_user(self.internal_user).has_access("read"))

    def test_admin_is_estimating_manager(self):
        self.assertTrue(self.admin.has_group("print_crm_quote.group_estimate_manager"))
