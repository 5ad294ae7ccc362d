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


class PrintCrmQuoteCommon(PrintCrmCommon):
    """Least-privilege users for the estimating tests; no demo data needed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.group_user = cls.env.ref("print_crm_quote.group_estimate_user")
        cls.group_manager = cls.env.ref("print_crm_quote.group_estimate_manager")
        cls.estimate_user = new_test_user(
            cls.env,
            login="print_crm_quote-user",
            groups="print_crm_quote.group_estimate_user",
        )
        cls.estimate_manager = new_test_user(
            cls.env,
            login="print_crm_quote-manager",
            groups="print_crm_quote.group_estimate_manager",
        )
        cls.internal_user = new_test_user(
            cls.env,
            login="print_crm_quote-internal",
            groups="base.group_user",
        )
        cls.admin = cls.env.ref("base.user_admin")
        cls.menu_root = cls.env.ref("print_crm_quote.menu_root")
        cls.menu_section = cls.env.ref("print_crm_quote.menu_estimating")
