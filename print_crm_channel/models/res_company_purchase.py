# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    print_purchase_stage_id = fields.Many2one(
        "print.job.stage",
        "Purchase Demand At",
        groups="base.group_user",
        help="The job stage at which its purchase demand is raised; empty: when the order is"
        " confirmed.",
    )
    print_purchase_confirm = fields.Boolean(
        "Confirm Batch Orders",
        groups="base.group_user",
        default=True,
        help="At a supplier's window its batch is confirmed as a purchase order; unticked, it"
        " stays a request for quotation that later batches add to until a buyer sends it.",
    )
    print_purchase_arrival_days = fields.Integer(
        "Remind Arrivals (days before)",
        groups="base.group_user",
        default=2,
        help="Buyers are reminded of goods for jobs due within this many days.",
    )
    print_purchase_ship_days = fields.Integer(
        "Remind Missing Materials (days before ship date)",
        groups="base.group_user",
        default=3,
        help="A job's responsible is reminded when its ship date is this near and materials"
        " are still missing.",
    )
    print_payable_days = fields.Integer(
        "Remind Payables (days before due)",
        groups="base.group_user",
        default=5,
        help="The accountant is reminded of each vendor bill instalment this many days"
        " before it is due.",
    )
    print_payable_user_id = fields.Many2one(
        "res.users",
        "Payables Accountant",
        groups="base.group_user",
        domain="[('share', '=', False)]",
        help="Who gets the payables reminders; empty: the bill's buyer, else whoever created it.",
    )

    @api.constrains("print_purchase_arrival_days", "print_purchase_ship_days", "print_payable_days")
    def _check_print_purchase_days(self):
        for company in self:
            for fname in (
                "print_purchase_arrival_days",
                "print_purchase_ship_days",
                "print_payable_days",
            ):
                if company[fname] < 0:
                    raise ValidationError(
                        self.env._(
                            "%(field)s cannot be negative.",
                            field=company._fields[fname]._description_string(self.env),
                        )
                    )
