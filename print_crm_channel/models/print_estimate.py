# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

END_CUSTOMER_HELP = (
    "The customer the distributor sells this work to. The shop bills the distributor; the"
    " end customer is who the work is for (shipping, white-label documents, deal"
    " registration)."
)


def end_customer_field():
    return fields.Many2one(
        "res.partner",
        "End Customer",
        index="btree_not_null",
        tracking=True,
        help=END_CUSTOMER_HELP,
    )


def check_end_customer(documents):
    """An end customer is someone else than the customer billed."""
    for document in documents:
        end = document.print_end_customer_id
        if end and end.commercial_partner_id == document.partner_id.commercial_partner_id:
            raise ValidationError(
                documents.env._(
                    "%(field)s: %(end)s is the customer of %(document)s itself; leave the"
                    " end customer empty for a direct sale.",
                    field=document._fields["print_end_customer_id"]._description_string(
                        documents.env
                    ),
                    end=end.display_name,
                    document=document.display_name,
                )
            )


class PrintEstimate(models.Model):
    _inherit = "print.estimate"

    print_end_customer_id = end_customer_field()

    @api.constrains("print_end_customer_id", "partner_id")
    def _check_print_end_customer(self):
        check_end_customer(self)

    def _prepare_sale_order_values(self):
        values = super()._prepare_sale_order_values()
        if self.print_end_customer_id:
            values["print_end_customer_id"] = self.print_end_customer_id.id
        return values
