# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# The loyalty programs a suggestion's reward can go to: points on the customer's card
# (loyalty, eWallet credit) or a new coupon.
REWARD_PROGRAM_TYPES = ("loyalty", "coupons", "ewallet")


class ResCompany(models.Model):
    """The reward for a customer's first suggestion that brought an improvement."""

    _inherit = "res.company"

    print_reward_program_id = fields.Many2one(
        "loyalty.program",
        "Reward for an Improving Suggestion",
        domain="[('program_type', 'in', ('loyalty', 'coupons', 'ewallet'))]",
        groups="base.group_user",
        help="When a service manager marks a customer's suggestion as having brought an"
        " improvement, and it is the customer's first so marked, the customer gets a reward"
        " from this program: points on its loyalty card (or eWallet credit), or a new coupon.",
    )
    print_reward_points = fields.Float(
        "Reward Points",
        default=100.0,
        groups="base.group_user",
        help="Points added to the customer's loyalty card (the amount of an eWallet credit),"
        " or the points of the new coupon (1 buys a coupon's reward).",
    )

    @api.constrains("print_reward_points")
    def _check_print_reward_points(self):
        for company in self:
            if company.print_reward_points <= 0:
                raise ValidationError(
                    self.env._(
                        "%(field)s: more than 0, not %(value)s.",
                        field=self._fields["print_reward_points"]._description_string(self.env),
                        value=company.print_reward_points,
                    )
                )

    @api.constrains("print_reward_program_id")
    def _check_print_reward_program_id(self):
        for company in self:
            program = company.sudo().print_reward_program_id
            if not program:
                continue
            if program.program_type not in REWARD_PROGRAM_TYPES or program.company_id not in (
                company,
                self.env["res.company"],
            ):
                raise ValidationError(
                    self.env._(
                        "%(field)s: %(program)s is not a loyalty, coupon or eWallet program of"
                        " %(company)s.",
                        field=self._fields["print_reward_program_id"]._description_string(self.env),
                        program=program.display_name,
                        company=company.display_name,
                    )
                )
