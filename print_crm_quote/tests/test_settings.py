# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import etree

from odoo.tests import tagged

from .common import PrintCrmQuoteCommon

PRINT_CRM_MODULES = (
    "print_crm_tracking",
    "print_crm_prepress",
    "print_crm_service",
    "print_crm_channel",
)


@tagged("post_install", "-at_install")
class TestPrintCrmQuoteSettings(PrintCrmQuoteCommon):
    def test_module_boxes_follow_installed_modules(self):
        settings = self.env["res.config.settings"].with_user(self.admin).create({})
        modules = self.env["ir.module.module"].search([("name", "in", PRINT_CRM_MODULES)])
        self.assertEqual(sorted(modules.mapped("name")), sorted(PRINT_CRM_MODULES))
        for module in modules:
            installed = module.state in ("installed", "to install", "to upgrade")
            self.assertEqual(settings[f"module_{module.name}"], installed, module.name)

    def test_printing_page_lists_every_module(self):
        action = self.env.ref("print_crm_quote.action_print_crm_config_settings")
        views = (
            self.env["res.config.settings"]
            .with_user(self.admin)
            .get_views([(action.view_id.id, "form")])
        )
        arch = etree.fromstring(views["views"]["form"]["arch"])
        [app] = arch.xpath("//app[@name='print_crm_quote']")
        self.assertEqual(app.get("string"), "Printing")
        [block] = app.xpath("./block[@name='print_crm_modules_block']")
        self.assertEqual(block.get("title"), "Printing Modules")
        field_names = block.xpath("./setting/field/@name")
        self.assertEqual(field_names, [f"module_{name}" for name in PRINT_CRM_MODULES])
        self.assertTrue(all(block.xpath("./setting/@help")))
