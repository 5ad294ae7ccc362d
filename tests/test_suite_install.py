"""Suite-level checks: the five print_crm addons live together in one database.

Run by `make test` with pytest-odoo against the database where the harness has
just installed all five addons (without demo data).
"""

from odoo.tests import TransactionCase, new_test_user

ADDONS = (
    "print_crm_quote",
    "print_crm_tracking",
    "print_crm_prepress",
    "print_crm_service",
    "print_crm_channel",
)
USER_GROUPS = (
    "print_crm_quote.group_estimate_user",
    "print_crm_tracking.group_job_user",
    "print_crm_prepress.group_proof_user",
    "print_crm_service.group_service_user",
    "print_crm_channel.group_channel_user",
)


class TestSuiteInstall(TransactionCase):
    # Outside an addon Odoo does not tag test classes; these run after every install.
    test_tags = {"standard", "post_install"}

    def test_all_five_addons_and_helpdesk_are_installed(self):
        modules = self.env["ir.module.module"].search([("name", "in", ADDONS + ("helpdesk_mgmt",))])
        self.assertEqual(
            {m.name: m.state for m in modules},
            dict.fromkeys(ADDONS + ("helpdesk_mgmt",), "installed"),
        )

    def test_printing_category_holds_one_user_manager_pair_per_module(self):
        printing = self.env.ref("print_crm_quote.module_category_printing")
        children = self.env["ir.module.category"].search([("parent_id", "=", printing.id)])
        # Beside the modules' pairs, one opt-in restriction: Own Region Only, implied by no
        # group and implying none, so that nobody is limited to a region by another right.
        regions = self.env.ref("print_crm_service.module_category_printing_service_region")
        region_only = self.env.ref("print_crm_service.group_service_region_only")
        self.assertEqual(
            self.env["res.groups"].search([("category_id", "=", regions.id)]), region_only
        )
        self.assertFalse(region_only.implied_ids)
        self.assertFalse(self.env["res.groups"].search([("implied_ids", "in", region_only.ids)]))
        children -= regions
        self.assertEqual(len(children), 5)
        for category in children:
            groups = self.env["res.groups"].search([("category_id", "=", category.id)])
            self.assertEqual(len(groups), 2, category.name)
            manager = groups.filtered(lambda g, pair=groups: g.implied_ids & pair)
            self.assertEqual(len(manager), 1, f"{category.name}: manager implies user")

    def test_each_module_user_reaches_the_printing_menu(self):
        root = self.env.ref("print_crm_quote.menu_root")
        for xmlid in USER_GROUPS:
            user = new_test_user(self.env, login=xmlid.split(".")[1], groups=xmlid)
            self.assertIn(self.env.ref(xmlid), root.groups_id & user.groups_id, xmlid)

    def test_admin_manages_every_module(self):
        admin = self.env.ref("base.user_admin")
        for xmlid in USER_GROUPS:
            manager = xmlid.replace("_user", "_manager")
            self.assertTrue(admin.has_group(manager), manager)
