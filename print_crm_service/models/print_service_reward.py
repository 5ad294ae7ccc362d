# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The reward a customer got for its first suggestion that brought an improvement: one row
per customer (commercial partner) and company, held by a unique key, so that a customer is
rewarded once, whatever the number of tickets, clicks or workers (see
helpdesk_ticket_reward.py, which inserts it)."""

from odoo import fields, models

from .print_region_documents import _region_of


class PrintServiceReward(models.Model):
    _name = "print.service.reward"
    _inherit = ["print.decision.mixin"]
    _description = "Reward for an Improving Suggestion"
    _order = "date desc, id desc"
    _rec_name = "partner_id"
    _check_company_auto = True
    # Audit facts: inserted by the ticket's action Brought an Improvement only.
    _print_append_only = True
    _print_decision_fields = (
        "company_id",
        "partner_id",
        "ticket_id",
        "program_id",
        "card_id",
        "points",
        "user_id",
        "date",
    )

    company_id = fields.Many2one("res.company", required=True, readonly=True)
    partner_id = fields.Many2one(
        "res.partner",
        "Customer",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
        help="The customer (commercial partner) whose suggestion brought an improvement.",
    )
    ticket_id = fields.Many2one(
        "helpdesk.ticket",
        "Suggestion",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
        help="The suggestion that earned the reward.",
    )
    program_id = fields.Many2one(
        "loyalty.program", "Loyalty Program", required=True, readonly=True, ondelete="restrict"
    )
    program_type = fields.Selection(related="program_id.program_type", string="Program Type")
    card_id = fields.Many2one(
        "loyalty.card",
        "Card or Coupon",
        readonly=True,
        ondelete="set null",
        help="The customer's loyalty card that got the points, or the coupon made for it.",
    )
    code = fields.Char(related="card_id.code", string="Code")
    points = fields.Float(readonly=True, aggregator="sum")
    user_id = fields.Many2one("res.users", "Granted By", required=True, readonly=True)
    date = fields.Datetime("Granted On", required=True, readonly=True)
    print_region_id = _region_of("partner_id")

    _sql_constraints = [
        (
            "partner_company_uniq",
            "UNIQUE(company_id, partner_id)",
            "A customer is rewarded for its first improving suggestion only, once.",
        ),
    ]
