# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    print_deal_days = fields.Integer(
        "Deal Registration Period (days)",
        default=180,
        groups="base.group_user",
        help="How long a distributor's registration of an end customer keeps the shop's own"
        " reps from quoting that customer directly.",
    )

    @api.constrains("print_deal_days")
    def _check_print_deal_days(self):
        for company in self:
            if company.print_deal_days < 0:
                raise ValidationError(
                    self.env._(
                        "%(field)s: a registration lasts zero days or more.",
                        field=self._fields["print_deal_days"]._description_string(self.env),
                    )
                )
