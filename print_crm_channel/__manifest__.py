# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Print CRM: Distribution and Purchasing",
    "summary": "Distributors and agents, and purchasing of outsourced work and materials",
    "version": "18.0.1.0.0",
    "category": "Sales/Printing",
    "license": "AGPL-3",
    "author": "print_crm",
    "website": "https://github.com/print-crm/print_crm",
    "depends": [
        "print_crm_prepress",
        "purchase",
        # OCA: commission plans, settlements into vendor bills, agents on order lines
        "commission_oca",
        "account_commission_oca",
        "sale_commission_oca",
    ],
    "data": [
        "security/print_crm_channel_security.xml",
        "security/ir.model.access.csv",
        "security/ir_rules.xml",
        "security/print_channel_commission_security.xml",
        "views/print_channel_level_views.xml",
        "views/res_partner_views.xml",
        "views/sale_order_views.xml",
        "views/print_crm_channel_menus.xml",
        "views/print_channel_commission_views.xml",
    ],
    "demo": [],
    "installable": True,
    "application": False,
    "development_status": "Alpha",
    "maintainers": [],
}
