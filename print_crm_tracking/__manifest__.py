# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Print CRM: Production Tracking",
    "summary": "Production jobs for print orders, stages, due dates and a portal timeline",
    "version": "18.0.1.0.0",
    "category": "Sales/Printing",
    "license": "AGPL-3",
    "author": "print_crm",
    "website": "https://github.com/print-crm/print_crm",
    "depends": ["print_crm_quote"],
    "data": [
        "security/print_crm_tracking_security.xml",
        "views/print_crm_tracking_menus.xml",
    ],
    "demo": [],
    "installable": True,
    "application": False,
    "development_status": "Alpha",
    "maintainers": [],
}
