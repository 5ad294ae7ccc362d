# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPrintCrmSettingsTour(HttpCase):
    def test_printing_settings_page(self):
        user = new_test_user(
            self.env,
            login="print_crm_quote-settings",
            groups="base.group_system,print_crm_quote.group_estimate_manager",
        )
        self.start_tour(
            "/odoo/action-print_crm_quote.action_print_crm_config_settings",
            "print_crm_settings_tour",
            login=user.login,
        )
