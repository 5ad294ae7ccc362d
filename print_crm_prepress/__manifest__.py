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
        "views/print_crm_prepress_menus.xml",
    ],
    "demo": [],
    "installable": True,
    "application": False,
    "development_status": "Alpha",
    "maintainers": [],
}
