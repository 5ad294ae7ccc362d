# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

PRINT_KINDS = [
    ("complaint", "Complaint"),
    ("quality", "Quality Problem"),
    ("delivery", "Delivery Problem"),
    ("feedback", "Feedback"),
    ("suggestion", "Suggestion"),
    ("consultation", "Consultation"),
]


class HelpdeskTicketType(models.Model):
    _inherit = "helpdesk.ticket.type"

    print_kind = fields.Selection(
        PRINT_KINDS,
        "Print Kind",
        help="Tickets of a type with a print kind follow the print service workflow (validity,"
        " routing, cause, approved resolution, follow-up until the customer is satisfied);"
        " the others stay plain helpdesk tickets.",
    )
