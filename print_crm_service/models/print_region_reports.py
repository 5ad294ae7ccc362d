# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Odoo's own statistics of a customer's business carry its service region, so that the
rules of the group Own Region Only limit them as they limit the documents: Sales >
Reporting (sale.report, over the order lines), Invoicing > Reporting
(account.invoice.report, over the invoice lines) and the answers to questionnaires
(survey.user_input and the results page, which counts the lines the user may read)."""

from odoo import api, fields, models
from odoo.tools import SQL

REGION_HELP = "The service region of the customer (its commercial partner) of the document."


def _report_region():
    return fields.Many2one(
        "print.service.region",
        "Service Region",
        readonly=True,
        groups="base.group_user",
        help=REGION_HELP,
    )


class SaleReport(models.Model):
    _inherit = "sale.report"
    # The order's stored region is flushed before the report is read.
    _depends = {"sale.order": ["print_region_id"]}

    print_region_id = _report_region()

    def _select_additional_fields(self):
        res = super()._select_additional_fields()
        res["print_region_id"] = "s.print_region_id"
        return res

    def _group_by_sale(self):
        return f"""{super()._group_by_sale()},
            s.print_region_id"""


class AccountInvoiceReport(models.Model):
    _inherit = "account.invoice.report"
    _depends = {"account.move": ["print_region_id"]}

    print_region_id = _report_region()

    @api.model
    def _select(self) -> SQL:
        return SQL("%s, move.print_region_id AS print_region_id", super()._select())


class SurveyUserInput(models.Model):
    _inherit = "survey.user_input"

    print_region_id = fields.Many2one(
        "print.service.region",
        "Service Region",
        compute="_compute_print_region_id",
        store=True,
        index="btree_not_null",
        groups="base.group_user",
        help="The service region of the customer the answer is about: the customer of its"
        " callback, else the one who answered. It moves with the customer.",
    )

    @api.depends(
        "print_callback_id.partner_id.commercial_partner_id.print_region_id",
        "partner_id.commercial_partner_id.print_region_id",
    )
    def _compute_print_region_id(self):
        for answer in self:
            # The desk answers a callback's questionnaire for the customer on the phone:
            # its own partner has no region, the callback's customer has.
            customer = answer.print_callback_id.partner_id or answer.partner_id
            answer.print_region_id = customer.commercial_partner_id.print_region_id
