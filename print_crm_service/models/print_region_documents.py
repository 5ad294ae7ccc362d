# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A customer's documents carry its service region, stored, so that the record rules of
the group Own Region Only and the statistics filter and group on it; reassigning the
customer's region moves them (the ORM recomputes the stored related fields)."""

from odoo import fields, models

INTERNAL = "base.group_user"
HELP = "The service region of the customer (its commercial partner): it moves with the customer."


class SaleOrder(models.Model):
    _inherit = "sale.order"

    print_region_id = fields.Many2one(
        related="partner_id.commercial_partner_id.print_region_id",
        string="Service Region",
        store=True,
        index="btree_not_null",
        groups=INTERNAL,
        help=HELP,
    )


class PrintEstimate(models.Model):
    _inherit = "print.estimate"

    print_region_id = fields.Many2one(
        related="partner_id.commercial_partner_id.print_region_id",
        string="Service Region",
        store=True,
        index="btree_not_null",
        groups=INTERNAL,
        help=HELP,
    )


class PrintJob(models.Model):
    _inherit = "print.job"

    print_region_id = fields.Many2one(
        related="commercial_partner_id.print_region_id",
        string="Service Region",
        store=True,
        index="btree_not_null",
        groups=INTERNAL,
        help=HELP,
    )


class PrintProof(models.Model):
    _inherit = "print.proof"

    print_region_id = fields.Many2one(
        related="commercial_partner_id.print_region_id",
        string="Service Region",
        store=True,
        index="btree_not_null",
        groups=INTERNAL,
        help=HELP,
    )


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    print_region_id = fields.Many2one(
        related="partner_id.commercial_partner_id.print_region_id",
        string="Service Region",
        store=True,
        index="btree_not_null",
        groups=INTERNAL,
        help=HELP,
    )
