# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL


class PrintCustomerTimeline(models.Model):
    """The customer's proof rounds on its timeline: job and round, the job's title, the
    round's state, when it was sent (or made) and when its answer is due."""

    _inherit = "print.customer.timeline"
    _depends = {
        "print.proof": [
            "job_id",
            "commercial_partner_id",
            "company_id",
            "create_date",
            "sent_date",
            "name",
            "state",
            "due_date",
        ],
        "print.job": ["title", "user_id"],
    }

    kind = fields.Selection(selection_add=[("proof", "Proof")])

    @api.model
    def _timeline_status_fields(self):
        return {**super()._timeline_status_fields(), "proof": ("print.proof", "state")}

    @api.model
    def _timeline_parts(self):
        return [
            *super()._timeline_parts(),
            {
                "slot": 4,
                "kind": "proof",
                "model": "print.proof",
                "from": SQL("print_proof doc JOIN print_job job ON job.id = doc.job_id"),
                "columns": {
                    "partner_id": SQL("doc.commercial_partner_id"),
                    "company_id": SQL("doc.company_id"),
                    "user_id": SQL("job.user_id"),
                    "date": SQL("COALESCE(doc.sent_date, doc.create_date)"),
                    "reference": SQL("doc.name"),
                    "summary": SQL("job.title"),
                    "status": SQL("doc.state"),
                    "date_due": SQL("doc.due_date::timestamp"),
                },
            },
        ]
