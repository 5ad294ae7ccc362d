# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

PRINT_STEPS = [
    ("new", "New"),
    ("invalid", "Invalid"),
    ("valid", "Valid"),
    ("routed", "Routed"),
    ("proposed", "Resolution Proposed"),
    ("approved", "Resolution Approved"),
    ("resolved", "Resolved"),
    ("committed", "Committed"),
    ("satisfied", "Customer Satisfied"),
    ("archived", "Archived"),
]


class HelpdeskTicketStage(models.Model):
    _inherit = "helpdesk.ticket.stage"

    print_step = fields.Selection(
        PRINT_STEPS,
        "Print Step",
        index="btree_not_null",
        help="The role of this stage in the print service workflow: tickets with a print kind"
        " enter it only through the step's action, which checks who may take it and what it"
        " needs. Stages without a step are plain helpdesk stages.",
    )

    _sql_constraints = [
        (
            "print_step_uniq",
            "unique(print_step, company_id)",
            "One stage per print step (and company).",
        ),
    ]
