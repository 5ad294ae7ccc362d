# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import api, fields, models
from odoo.osv import expression

NOT_DIGIT = re.compile(r"\D+")
# Numbers this long or longer compare on their last digits, so that a number typed with
# a country code (+86 138 0013 8000) is the same as one typed without (13800138000).
PHONE_TAIL = 9


def phone_digits(number):
    """The digits of a phone number: '138-0013 8000' and '+86 138 0013 8000' -> digits only."""
    return NOT_DIGIT.sub("", number or "")


class ResPartner(models.Model):
    _inherit = "res.partner"

    print_price_policy_id = fields.Many2one(
        "print.price.policy",
        "Print Price Policy",
        company_dependent=True,
        help="How estimates for this customer are priced; empty means the company default.",
    )
    print_estimate_ids = fields.One2many("print.estimate", "partner_id", "Print Estimates")
    print_estimate_count = fields.Integer(compute="_compute_print_estimate_count")
    print_phone_digits = fields.Char(
        "Phone Digits",
        compute="_compute_print_phone_digits",
        store=True,
        help="The digits of the phone and mobile numbers, to find a customer however the"
        " number was typed.",
    )

    @api.depends("phone", "mobile")
    def _compute_print_phone_digits(self):
        for partner in self:
            numbers = [phone_digits(partner.phone), phone_digits(partner.mobile)]
            partner.print_phone_digits = " ".join(n for n in numbers if n) or False

    def _compute_print_estimate_count(self):
        counts = dict(
            self.env["print.estimate"]._read_group(
                [("partner_id", "child_of", self.commercial_partner_id.ids)],
                groupby=["partner_id"],
                aggregates=["__count"],
            )
        )
        for partner in self:
            partner.print_estimate_count = sum(
                count
                for estimate_partner, count in counts.items()
                if estimate_partner.commercial_partner_id == partner.commercial_partner_id
            )

    def _print_price_policy(self):
        """The price policy that applies to this customer."""
        self.ensure_one()
        partner = self.commercial_partner_id
        return partner.print_price_policy_id or self.env.company.print_price_policy_id

    @api.model
    def _print_find_duplicates(self, email=None, phone=None):
        """Partners that are the same person or company as an ``email`` or ``phone``:
        e-mails compared without case and spaces, phones by their digits (the last
        PHONE_TAIL digits of long numbers, so that a country code does not matter)."""
        domain = []
        email = (email or "").strip().lower()
        if email:
            domain.append([("email_normalized", "=", email)])
        digits = phone_digits(phone)
        tail = digits[-PHONE_TAIL:] if len(digits) >= 6 else ""
        if tail:
            domain.append([("print_phone_digits", "=like", f"%{tail}%")])
        if not domain:
            return self.browse()
        candidates = self.with_context(active_test=False).search(expression.OR(domain))
        # A tail found inside a longer number is not the same number: keep exact tails.
        return candidates.filtered(
            lambda p: (email and p.email_normalized == email)
            or any(
                number.endswith(tail) or tail.endswith(number)
                for number in (p.print_phone_digits or "").split()
                if tail and len(number) >= 6
            )
        )
