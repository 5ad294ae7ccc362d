# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL


class PrintCustomerTimeline(models.Model):
    """The customer's production jobs on its timeline: number, title, stage, made and due."""

    _inherit = "print.customer.timeline"
    _depends = {
        "print.job": [
            "commercial_partner_id",
            "company_id",
            "user_id",
            "create_date",
            "name",
            "title",
            "stage_id",
            "due_date",
        ],
    }

    kind = fields.Selection(selection_add=[("job", "Production Job")])

    @api.model
    def _timeline_status_fields(self):
        return {**super()._timeline_status_fields(), "job": ("print.job", "stage_id")}

    @api.model
    def _timeline_parts(self):
        return [
            *super()._timeline_parts(),
            {
                "slot": 3,
                "kind": "job",
                "model": "print.job",
                "from": SQL("print_job doc"),
                "columns": {
                    "partner_id": SQL("doc.commercial_partner_id"),
                    "company_id": SQL("doc.company_id"),
                    "user_id": SQL("doc.user_id"),
                    "date": SQL("doc.create_date"),
                    "reference": SQL("doc.name"),
                    "summary": SQL("doc.title"),
                    "status": SQL("doc.stage_id::varchar"),
                    "date_due": SQL("doc.due_date"),
                },
            },
        ]
