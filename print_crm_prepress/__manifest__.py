# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Print CRM: Prepress and Proofing",
    "summary": "Artwork intake and proof approval by the customer on the portal",
    "version": "18.0.1.0.0",
    "category": "Sales/Printing",
    "license": "AGPL-3",
    "author": "print_crm",
    "website": "https://github.com/print-crm/print_crm",
    "depends": ["print_crm_tracking"],
    "data": [
        "security/print_crm_prepress_security.xml",
        "security/ir.model.access.csv",
        "security/ir_rules.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "wizards/print_wizard_views.xml",
        "views/print_proof_views.xml",
        "views/print_proof_report_views.xml",
        "views/res_config_settings_views.xml",
        "views/print_crm_prepress_menus.xml",
        "views/portal_templates.xml",
    ],
    "demo": ["demo/print_proof_demo.xml"],
    "assets": {
        "web.assets_backend": [
            "print_crm_prepress/static/src/proof_upload/*",
        ],
        "web.assets_frontend": [
            "print_crm_prepress/static/src/portal/*",
        ],
        "web.assets_tests": [
            "print_crm_prepress/static/tests/tours/*.js",
        ],
    },
    "installable": True,
    "application": False,
    "development_status": "Alpha",
    "maintainers": [],
}
