# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import SQL


class PrintCustomerTimeline(models.Model):
    """The customer's print tickets (complaints, service requests, feedback) on its
    timeline: number, subject, step, filed and deadline, and the department, which the
    rule mirroring helpdesk's personal and team tickets needs
    (security/print_customer_timeline_security.xml)."""

    _inherit = "print.customer.timeline"
    _depends = {
        "helpdesk.ticket": [
            "partner_id",
            "company_id",
            "user_id",
            "team_id",
            "create_date",
            "number",
            "name",
            "print_kind",
            "print_step",
            "print_deadline",
            "active",
        ],
    }

    kind = fields.Selection(selection_add=[("ticket", "Ticket")])
    team_id = fields.Many2one("helpdesk.ticket.team", "Department", readonly=True)

    @api.model
    def _timeline_status_fields(self):
        return {**super()._timeline_status_fields(), "ticket": ("helpdesk.ticket", "print_step")}

    @api.model
    def _timeline_columns(self):
        return {**super()._timeline_columns(), "team_id": SQL("NULL::integer")}

    @api.model
    def _timeline_parts(self):
        return [
            *super()._timeline_parts(),
            {
                "slot": 5,
                "kind": "ticket",
                "model": "helpdesk.ticket",
                "from": SQL(
                    """helpdesk_ticket doc
                       JOIN res_partner partner ON partner.id = doc.partner_id
                      WHERE doc.print_kind IS NOT NULL AND doc.active"""
                ),
                "columns": {
                    "partner_id": SQL("partner.commercial_partner_id"),
                    "company_id": SQL("doc.company_id"),
                    "user_id": SQL("doc.user_id"),
                    "date": SQL("doc.create_date"),
                    "reference": SQL("doc.number"),
                    "summary": SQL("doc.name"),
                    "status": SQL("doc.print_step"),
                    "date_due": SQL("doc.print_deadline"),
                    "team_id": SQL("doc.team_id"),
                },
            },
        ]
