# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import TransactionCase, new_test_user


class PrintCrmCommon(TransactionCase):
    """Helpers shared by the tests of every print_crm module; creates no data itself."""

    @classmethod
    def _add_action_menu(cls, parent):
        """Give ``parent`` a child menu whose action every internal user may run.

        Odoo hides a menu without action unless one of its descendants has an action the
        user may run, so a section that has no content yet is hidden from everybody. With
        this child, whether the section shows depends on the section's own groups only.
        """
        action = cls.env["ir.actions.act_window"].create(
            {"name": "Contacts (test)", "res_model": "res.partner", "view_mode": "list,form"}
        )
        return cls.env["ir.ui.menu"].create(
            {
                "name": "Contacts (test)",
                "parent_id": parent.id,
                "action": f"{action._name},{action.id}",
            }
        )

    def _visible_menu_ids(self, user):
        """Ids of the menus ``user`` gets in the web client's menu tree."""
        return self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()

    def _user_form_section(self, category):
        """How the user form offers ``category``: (kind, groups, parent section name)."""
        for app, kind, groups, (__, section) in self.env["res.groups"].get_groups_by_application():
            if app == category:
                return kind, groups, section
        return self.fail(f"The user form does not offer the {category.name} groups")


class PrintCrmModuleCommon(PrintCrmCommon):
    """Least-privilege users of one print_crm module; no demo data needed.

    Subclasses name the module's category, groups and section menu by XML id.
    """

    category_xmlid = user_group_xmlid = manager_group_xmlid = section_menu_xmlid = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        module = cls.user_group_xmlid.split(".")[0]
        cls.category = cls.env.ref(cls.category_xmlid)
        cls.group_user = cls.env.ref(cls.user_group_xmlid)
        cls.group_manager = cls.env.ref(cls.manager_group_xmlid)
        cls.module_user = new_test_user(
            cls.env, login=f"{module}-user", groups=cls.user_group_xmlid
        )
        cls.module_manager = new_test_user(
            cls.env, login=f"{module}-manager", groups=cls.manager_group_xmlid
        )
        cls.internal_user = new_test_user(
            cls.env, login=f"{module}-internal", groups="base.group_user"
        )
        cls.admin = cls.env.ref("base.user_admin")
        cls.menu_root = cls.env.ref("print_crm_quote.menu_root")
        cls.menu_section = cls.env.ref(cls.section_menu_xmlid)


class PrintCrmModuleSecurityTests:
    """What every print_crm module guarantees about its groups and menus.

    Mixed into each module's security test class (with a PrintCrmModuleCommon base).
    """

    # Odoo's loader runs only the methods a test class defines itself, unless told so.
    allow_inherited_tests_method = True

    def test_groups_in_their_category_of_printing(self):
        printing = self.env.ref("print_crm_quote.module_category_printing")
        self.assertFalse(printing.parent_id)
        self.assertEqual(self.category.parent_id, printing)
        self.assertEqual(self.group_user.category_id, self.category)
        self.assertEqual(self.group_manager.category_id, self.category)

    def test_user_form_offers_user_or_manager(self):
        kind, groups, section = self._user_form_section(self.category)
        self.assertEqual(kind, "selection")
        self.assertEqual(groups, self.group_user + self.group_manager)
        self.assertEqual(section, "Printing")

    def test_manager_implies_user(self):
        self.assertTrue(self.module_manager.has_group(self.user_group_xmlid))
        self.assertFalse(self.module_user.has_group(self.manager_group_xmlid))
        self.assertFalse(self.internal_user.has_group(self.user_group_xmlid))

    def test_section_menu_only_for_module_users(self):
        self.assertIn(self.group_user, self.menu_section.groups_id)
        self._add_action_menu(self.menu_section)
        self.assertIn(self.menu_section.id, self._visible_menu_ids(self.module_user))
        self.assertIn(self.menu_section.id, self._visible_menu_ids(self.module_manager))
        self.assertNotIn(self.menu_section.id, self._visible_menu_ids(self.internal_user))

    def test_printing_app_reachable_for_module_users(self):
        self.assertIn(self.group_user, self.menu_root.groups_id)
        self._add_action_menu(self.menu_section)
        self.assertIn(self.menu_root.id, self._visible_menu_ids(self.module_user))
        self.assertNotIn(self.menu_root.id, self._visible_menu_ids(self.internal_user))
        roots = self.env["ir.ui.menu"].with_user(self.module_user).get_user_roots()
        self.assertIn(self.menu_root, roots)

    def test_admin_is_manager(self):
        self.assertTrue(self.admin.has_group(self.manager_group_xmlid))


class PrintCrmQuoteCommon(PrintCrmModuleCommon):
    category_xmlid = "print_crm_quote.module_category_printing_estimating"
    user_group_xmlid = "print_crm_quote.group_estimate_user"
    manager_group_xmlid = "print_crm_quote.group_estimate_manager"
    section_menu_xmlid = "print_crm_quote.menu_estimating"
