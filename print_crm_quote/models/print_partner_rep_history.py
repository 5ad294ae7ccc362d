# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class PrintPartnerRepHistory(models.Model):
    """Who owned a customer, from when to when: nothing is lost when a sales rep leaves."""

    _name = "print.partner.rep.history"
    _inherit = ["print.decision.mixin"]
    _description = "Customer Sales Rep History"
    _order = "partner_id, date_start desc, id desc"
    # Written by the reassignment itself (res.partner's create/write), nobody else.
    _print_append_only = True
    _print_decision_fields = ("partner_id", "user_id", "date_start", "date_end", "changed_by_id")

    partner_id = fields.Many2one(
        "res.partner", "Customer", required=True, ondelete="cascade", index=True
    )
    user_id = fields.Many2one("res.users", "Sales Rep", required=True, ondelete="restrict")
    date_start = fields.Datetime("From", required=True, default=fields.Datetime.now)
    date_end = fields.Datetime("Until")
    changed_by_id = fields.Many2one("res.users", "Changed By", ondelete="set null")
