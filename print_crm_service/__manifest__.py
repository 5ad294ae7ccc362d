# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Print CRM: Customer Service",
    "summary": "Delivery feedback, complaints and service requests on OCA Helpdesk",
    "version": "18.0.1.0.0",
    "category": "Sales/Printing",
    "license": "AGPL-3",
    "author": "print_crm",
    "website": "https://github.com/print-crm/print_crm",
    "depends": ["print_crm_prepress", "helpdesk_mgmt", "helpdesk_type", "helpdesk_mgmt_sla"],
    "data": [
        "security/print_crm_service_security.xml",
        "views/print_crm_service_menus.xml",
    ],
    "demo": [],
    "installable": True,
    "application": False,
    "development_status": "Alpha",
    "maintainers": [],
}
