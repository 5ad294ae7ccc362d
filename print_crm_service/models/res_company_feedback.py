# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    """Where feedback goes: the company's service team, and the rating that opens a ticket."""

    _inherit = "res.company"

    print_service_team_id = fields.Many2one(
        "helpdesk.ticket.team",
        "Service Team",
        groups="base.group_user",
        help="Gets the feedback tickets of low ratings about a stage that has no service"
        " department of its own, and the complaints filed on the portal.",
    )
    print_feedback_low_rating = fields.Integer(
        "Low Rating",
        default=2,
        groups="base.group_user",
        help="A customer's rating of a delivered job at or under this (1 to 5) opens a"
        " feedback ticket; 0: never.",
    )
    print_ready_sms = fields.Boolean(
        "Ready Notice by SMS",
        groups="base.group_user",
        help="When a job is ready, also text the customer's mobile (else phone) the link to"
        " choose pick-up or delivery. Needs SMS credits (Odoo IAP).",
    )

    @api.constrains("print_feedback_low_rating")
    def _check_print_feedback_low_rating(self):
        for company in self:
            if not 0 <= company.print_feedback_low_rating <= 5:
                raise ValidationError(
                    self.env._(
                        "%(field)s: from 0 (never open a ticket) to 5, not %(value)s.",
                        field=self._fields["print_feedback_low_rating"]._description_string(
                            self.env
                        ),
                        value=company.print_feedback_low_rating,
                    )
                )
