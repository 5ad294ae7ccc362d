# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

from .print_access import ESTIMATE_MANAGER, ESTIMATE_USER, SALE_MANAGER, require_group
from .print_customer_value import PAYMENT_RECORDS, SEGMENTS, SIZES

NOT_DIGIT = re.compile(r"\D+")
# Numbers are compared on at least this many digits (a local number without area code);
# a lookup searches the last PHONE_TAIL digits of what was typed, then keeps same numbers.
PHONE_MIN_DIGITS = 7
PHONE_TAIL = 9


def phone_digits(number):
    """The digits of a phone number: '138-0013 8000' and '+86 138 0013 8000' -> digits only."""
    return NOT_DIGIT.sub("", number or "")


def same_phone(a, b):
    """Whether two digit strings are the same number, one perhaps with a country code the
    other lacks: 13800138000 = 8613800138000, 02055501942 = 442055501942 (trunk 0)."""
    a, b = a.lstrip("0"), b.lstrip("0")
    if min(len(a), len(b)) < PHONE_MIN_DIGITS:
        return False
    return a.endswith(b) or b.endswith(a)


CUSTOMER_KINDS = [
    ("contract", "Contract Customer"),
    ("regular", "Regular Customer"),
    ("one_off", "One-Off Customer"),
    ("peer", "Peer Printer"),
    ("supplier", "Material Supplier"),
]
ACQUISITION_CHANNELS = [
    ("hotline", "Hotline"),
    ("phone", "Phone"),
    ("fax", "Fax"),
    ("web", "Web Self-Registration"),
    ("email", "E-mail"),
    ("event", "Event or Fair"),
    ("referral", "Referral"),
    ("distributor", "Distributor"),
]
# Partner fields showing its print.customer.value row of the current company.
VALUE_FIELDS = {
    "print_segment": "segment",
    "print_payment_record": "payment_record",
    "print_customer_size": "size",
    "print_on_time_pct": "on_time_pct",
    "print_avg_days_late": "avg_days_late",
    "print_revenue": "revenue",
    "print_gross_margin": "gross_margin",
    "print_order_count": "order_count",
    "print_last_order_date": "last_order_date",
    "print_drift_risk": "drift_risk",
    "print_value_date": "computed_at",
}
# Writes that may change who owns a partner's documents (see _print_check_owner_kept).
OWNER_KEYS = {"user_id", "parent_id", "is_company"}
# Who may hand a customer to another sales rep (the Salesperson of a commercial partner).
REP_MANAGER_GROUPS = (ESTIMATE_MANAGER, SALE_MANAGER)
# Internal users read the profile; the portal shows none of it. The figures, documents and
# history come from models only Printing users may read (and whose rules the compute keeps).
INTERNAL = "base.group_user"
PRINTING = ESTIMATE_USER
# What the commercial partner holds for all its contacts (see _commercial_fields).
PROFILE_FIELDS = [
    "print_customer_kind",
    "print_acquisition_channel",
    "print_first_contact_date",
    "print_source_id",
    "print_campaign_id",
]


def _record_id(value):
    """The id a many2one value of ``create``/``write`` stands for (id, record or False)."""
    if isinstance(value, models.BaseModel):
        return value.id
    return value or False


class ResPartner(models.Model):
    _inherit = "res.partner"

    print_customer_kind = fields.Selection(
        CUSTOMER_KINDS, "Customer Kind", tracking=True, groups=INTERNAL
    )
    print_acquisition_channel = fields.Selection(
        ACQUISITION_CHANNELS,
        "Acquisition Channel",
        tracking=True,
        groups=INTERNAL,
        help="How the customer first came to the company.",
    )
    print_first_contact_date = fields.Date(
        "First Contact",
        groups=INTERNAL,
        help="When the customer first contacted the company: the customer's lifecycle starts"
        " here, before the first order.",
    )
    print_source_id = fields.Many2one(
        "utm.source",
        "First Contact Source",
        groups=INTERNAL,
        help="Where the first contact came from.",
    )
    print_campaign_id = fields.Many2one(
        "utm.campaign",
        "First Contact Campaign",
        groups=INTERNAL,
        help="The campaign or event (a catalogue mailing, a trade fair) of the first contact.",
    )
    print_rep_history_ids = fields.One2many(
        "print.partner.rep.history",
        "partner_id",
        "Sales Rep History",
        readonly=True,
        groups=PRINTING,
    )
    print_contact_log_ids = fields.One2many(
        "print.contact.log", "partner_id", "Contact Log", groups=PRINTING
    )
    print_contact_log_count = fields.Integer(
        "Contacts", compute="_compute_print_contact_log_count", groups=PRINTING
    )
    print_timeline_ids = fields.One2many(
        "print.customer.timeline", "partner_id", "Timeline", readonly=True, groups=PRINTING
    )
    # The customer's value and payment record in the current company (print.customer.value),
    # as far as the user may read it.
    print_value_id = fields.Many2one(
        "print.customer.value", "Customer Value", compute="_compute_print_value", groups=PRINTING
    )
    print_segment = fields.Selection(
        SEGMENTS, "Segment", compute="_compute_print_value", help="RFM segment.", groups=PRINTING
    )
    print_payment_record = fields.Selection(
        PAYMENT_RECORDS, "Payment Record", compute="_compute_print_value", groups=PRINTING
    )
    print_customer_size = fields.Selection(
        SIZES, "Size", compute="_compute_print_value", groups=PRINTING
    )
    print_on_time_pct = fields.Float(
        "Paid on Time (%)", compute="_compute_print_value", groups=PRINTING
    )
    print_avg_days_late = fields.Float(
        "Average Days Late", compute="_compute_print_value", groups=PRINTING
    )
    print_revenue = fields.Monetary(
        "Revenue (12 Months)",
        compute="_compute_print_value",
        currency_field="currency_id",
        groups=PRINTING,
    )
    print_gross_margin = fields.Monetary(
        "Gross Margin (12 Months)",
        compute="_compute_print_value",
        currency_field="currency_id",
        groups=PRINTING,
    )
    print_order_count = fields.Integer(
        "Orders (12 Months)", compute="_compute_print_value", groups=PRINTING
    )
    print_last_order_date = fields.Date(
        "Last Order", compute="_compute_print_value", groups=PRINTING
    )
    print_drift_risk = fields.Boolean("Drift Risk", compute="_compute_print_value", groups=PRINTING)
    print_value_date = fields.Datetime(
        "Value As Of",
        compute="_compute_print_value",
        groups=PRINTING,
        help="When the value and payment record were last computed (every night, or by a"
        " manager's Recompute).",
    )
    print_effective_policy_id = fields.Many2one(
        "print.price.policy",
        "Price Policy Applied",
        compute="_compute_print_value",
        groups=PRINTING,
        help="The customer's own policy, else the one its size and payment record give,"
        " else the company default.",
    )

    print_price_policy_id = fields.Many2one(
        "print.price.policy",
        "Print Price Policy",
        company_dependent=True,
        groups=PRINTING,
        help="How estimates for this customer are priced; empty means the company default.",
    )
    print_estimate_ids = fields.One2many(
        "print.estimate", "partner_id", "Print Estimates", groups=PRINTING
    )
    print_estimate_count = fields.Integer(compute="_compute_print_estimate_count", groups=PRINTING)
    print_phone_digits = fields.Char(
        "Phone Digits",
        compute="_compute_print_phone_digits",
        store=True,
        groups=INTERNAL,
        help="The digits of the phone and mobile numbers, to find a customer however the"
        " number was typed.",
    )

    @api.model
    def _commercial_fields(self):
        return super()._commercial_fields() + PROFILE_FIELDS

    @api.depends("phone", "mobile")
    def _compute_print_phone_digits(self):
        for partner in self:
            numbers = [phone_digits(partner.phone), phone_digits(partner.mobile)]
            partner.print_phone_digits = " ".join(n for n in numbers if n) or False

    @api.depends_context("company", "uid")
    def _compute_print_value(self):
        company = self.env.company
        Value = self.env["print.customer.value"]
        values = {}
        # As the user, never sudo(): a row its record rules hide shows nowhere else either.
        if Value.has_access("read"):
            values = {
                value.partner_id: value
                for value in Value.search(
                    [
                        ("partner_id", "in", self.commercial_partner_id.ids),
                        ("company_id", "=", company.id),
                    ]
                )
            }
        for partner in self:
            commercial = partner.commercial_partner_id
            value = values.get(commercial, self.env["print.customer.value"])
            partner.print_value_id = value
            for name, source in VALUE_FIELDS.items():
                partner[name] = value[source]
            partner.print_effective_policy_id = (
                commercial.print_price_policy_id
                or (values[commercial].price_policy_id if commercial in values else False)
                or company.print_price_policy_id
            )

    def _compute_print_contact_log_count(self):
        counts = dict(
            self.env["print.contact.log"]._read_group(
                [("partner_id", "in", self.commercial_partner_id.ids)],
                groupby=["partner_id"],
                aggregates=["__count"],
            )
        )
        for partner in self:
            partner.print_contact_log_count = counts.get(partner.commercial_partner_id, 0)

    def action_print_view_contacts(self):
        """The contact log of this customer."""
        require_group(self.env, self.env._("Contacts"), ESTIMATE_USER)
        self.ensure_one()
        customer = self.commercial_partner_id
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "print_crm_quote.print_contact_log_action"
        )
        action["domain"] = [("partner_id", "=", customer.id)]
        action["context"] = {"default_partner_id": customer.id}
        return action

    def action_print_log_contact(self):
        """Open the quick contact log for this customer."""
        require_group(self.env, self.env._("Log Contact"), ESTIMATE_USER)
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log Contact"),
            "res_model": "print.contact.log.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_id": self.id},
        }

    def action_print_recompute_value(self):
        """Recompute the customer value and payment records of the current company."""
        require_group(self.env, self.env._("Recompute"), ESTIMATE_MANAGER)
        return self.env["print.customer.value"]._recompute_and_confirm(self.env.company)

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

    @api.model_create_multi
    def create(self, vals_list):
        if not self._print_may_assign_reps():
            for vals in vals_list:
                user_id = _record_id(vals.get("user_id"))
                commercial = vals.get("is_company") or not vals.get("parent_id")
                if commercial and user_id and user_id != self.env.uid:
                    raise self._print_rep_change_error(vals.get("name") or "")
        partners = super().create(vals_list)
        partners.filtered("user_id")._print_record_rep_change()
        return partners

    def write(self, vals):
        if not OWNER_KEYS & vals.keys():
            return super().write(vals)
        if not self._print_may_assign_reps():
            self._print_check_owner_kept(vals)
        before = {partner: partner.user_id for partner in self}
        result = super().write(vals)
        self.filtered(lambda p: p.user_id != before[p])._print_record_rep_change()
        return result

    def _print_check_owner_kept(self, vals):
        """Refuse a write that would give the documents of a partner another owner.

        A customer's Salesperson opens its orders and estimates to that rep: handing a
        customer over is a manager's decision. So a user below may neither write the
        Salesperson of a company or of a person without company, nor detach a contact person
        (or turn it into a company, or move it) so that its documents change hands. A contact
        person's own Salesperson opens nothing (Odoo's compute copies its company's); a
        person nobody owns may join a company.
        """
        new_parent = self.browse(_record_id(vals["parent_id"])) if "parent_id" in vals else None
        for partner in self:
            was_commercial = partner.is_company or not partner.parent_id
            parent = partner.parent_id if new_parent is None else new_parent
            commercial = vals.get("is_company", partner.is_company) or not parent
            user_id = _record_id(vals["user_id"]) if "user_id" in vals else partner.user_id.id
            before = partner.commercial_partner_id.user_id.id
            after = user_id if commercial else parent.commercial_partner_id.user_id.id
            if was_commercial and commercial and user_id != partner.user_id.id:
                raise self._print_rep_change_error(partner.display_name)
            if before and after != before:
                raise self._print_rep_change_error(partner.commercial_partner_id.display_name)

    def _print_may_assign_reps(self):
        """Whether the user may set the Salesperson of any customer (server code may)."""
        return self.env.su or any(self.env.user.has_group(g) for g in REP_MANAGER_GROUPS)

    def _print_rep_change_error(self, customer):
        return UserError(
            self.env._(
                "%(field)s: only a Sales or Estimating manager may hand the customer"
                " %(customer)s to another sales rep (Reassign Sales Rep), and the change is"
                " kept in its sales rep history. You may create a customer with yourself as"
                " its Salesperson.",
                field=self._fields["user_id"]._description_string(self.env),
                customer=customer,
            )
        )

    def _print_record_rep_change(self):
        """Close the current owner's period and open the new one's, on commercial partners."""
        # sudo() after the checks of create/write above; the audit trail is written here only.
        History = self.env["print.partner.rep.history"].sudo()._print_decide()
        partners = self.filtered(lambda p: p.is_company or not p.parent_id)
        if not partners:
            return
        now = fields.Datetime.now()
        History.search([("partner_id", "in", partners.ids), ("date_end", "=", False)]).write(
            {"date_end": now}
        )
        History.create(
            [
                {
                    "partner_id": partner.id,
                    "user_id": partner.user_id.id,
                    "date_start": now,
                    "changed_by_id": self.env.uid,
                }
                for partner in partners
                if partner.user_id
            ]
        )

    def _print_price_policy(self, company=None):
        """The price policy of this customer in ``company`` (the current one): its own if
        it has one, else the one its size and payment record give, else the default."""
        self.ensure_one()
        company = company or self.env.company
        commercial = self.commercial_partner_id.with_company(company).sudo()
        # sudo(): whoever prices or confirms this customer's document (the ORM checked that
        # access) prices it with the policy its payment record gives; only the policy comes
        # back, none of the figures.
        value = (
            self.env["print.customer.value"]
            .sudo()
            .search([("partner_id", "=", commercial.id), ("company_id", "=", company.id)], limit=1)
        )
        policy = (
            commercial.print_price_policy_id
            or value.price_policy_id
            or company.sudo().print_price_policy_id
        )
        return policy.with_env(self.env)

    @api.model
    def _print_find_duplicates(self, email=None, phone=None):
        """Partners that are the same person or company as an ``email`` or ``phone``:
        e-mails compared without case and spaces, phones by their digits, with or without
        a country code (see same_phone)."""
        domain = []
        email = (email or "").strip().lower()
        if email:
            domain.append([("email_normalized", "=", email)])
        digits = phone_digits(phone).lstrip("0")
        if len(digits) >= PHONE_MIN_DIGITS:
            domain.append([("print_phone_digits", "=like", f"%{digits[-PHONE_MIN_DIGITS:]}%")])
        if not domain:
            return self.browse()
        candidates = self.with_context(active_test=False).search(expression.OR(domain))
        return candidates.filtered(
            lambda p: (email and p.email_normalized == email)
            or any(same_phone(digits, number) for number in (p.print_phone_digits or "").split())
        )
