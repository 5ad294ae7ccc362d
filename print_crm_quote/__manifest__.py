# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Print CRM: Estimating",
    "summary": "Commercial printing suite: estimates, quotes and the Printing app",
    "version": "18.0.1.0.0",
    "category": "Sales/Printing",
    "license": "AGPL-3",
    "author": "print_crm",
    "website": "https://github.com/print-crm/print_crm",
    "depends": ["sale_management", "portal"],
    "data": [
        "security/print_crm_quote_security.xml",
        "views/res_config_settings_views.xml",
        "views/print_crm_quote_menus.xml",
    ],
    "demo": [],
    "assets": {
        "web.assets_tests": [
            "print_crm_quote/static/tests/tours/*.js",
        ],
    },
    "installable": True,
    "application": True,
    "development_status": "Alpha",
    "maintainers": [],
}
