# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A customer's documents carry its service region, stored, so that the record rules of
the group Own Region Only and the statistics filter and group on it; reassigning the
customer's region moves them (the ORM recomputes the stored related fields)."""

from odoo import fields, models


def _region_of(customer):
    """The stored service region of the document's ``customer`` (a path to its commercial
    partner)."""
    return fields.Many2one(
        related=f"{customer}.print_region_id",
        string="Service Region",
        store=True,
        index="btree_not_null",
        groups="base.group_user",
        help="The service region of the customer (its commercial partner): it moves with"
        " the customer.",
    )


class SaleOrder(models.Model):
    _inherit = "sale.order"

    print_region_id = _region_of("partner_id.commercial_partner_id")


class PrintEstimate(models.Model):
    _inherit = "print.estimate"

    print_region_id = _region_of("partner_id.commercial_partner_id")


class PrintJob(models.Model):
    _inherit = "print.job"

    print_region_id = _region_of("commercial_partner_id")


class PrintProof(models.Model):
    _inherit = "print.proof"

    print_region_id = _region_of("commercial_partner_id")


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    print_region_id = _region_of("partner_id.commercial_partner_id")


class PrintContactLog(models.Model):
    _inherit = "print.contact.log"

    print_region_id = _region_of("partner_id.commercial_partner_id")


class AccountMove(models.Model):
    _inherit = "account.move"

    # Of every move's partner; the rule limits customer invoices, credit notes and receipts.
    print_region_id = _region_of("commercial_partner_id")
