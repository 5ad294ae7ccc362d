# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Deal registration: a distributor registers an end customer and, for a configurable
period, the shop's own reps cannot quote that customer directly; a Distribution manager
can override the registration with a reason.

While a registration is active (state Registered), only the registered distributor and
the distributors above it may quote the end customer (as the end customer of their
estimates and orders); an estimate or order of the shop to the end customer itself is
refused with a message naming the holder.
"""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

CHANNEL_USER = "print_crm_channel.group_channel_user"
CHANNEL_MANAGER = "print_crm_channel.group_channel_manager"

DEAL_STATES = [
    ("draft", "Draft"),
    ("registered", "Registered"),
    ("expired", "Expired"),
    ("cancelled", "Cancelled"),
    ("overridden", "Overridden"),
]


class PrintChannelDeal(models.Model):
    _name = "print.channel.deal"
    _description = "Deal Registration"
    _inherit = ["mail.thread", "mail.activity.mixin", "print.decision.mixin"]
    _order = "date desc, id desc"
    _rec_names_search = ["name", "end_customer_id", "distributor_id"]

    _print_decision_fields = (
        "state",
        "date",
        "date_expiry",
        "registered_by_id",
        "override_reason",
        "overridden_by_id",
        "override_date",
    )

    name = fields.Char(
        "Reference", required=True, readonly=True, copy=False, default="/", index="trigram"
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    distributor_id = fields.Many2one(
        "res.partner",
        "Distributor",
        required=True,
        index=True,
        tracking=True,
        domain="[('print_channel_role', '=', 'distributor')]",
        help="The distributor that brought the end customer and holds the registration.",
    )
    end_customer_id = fields.Many2one(
        "res.partner",
        "End Customer",
        required=True,
        index=True,
        tracking=True,
        help="The customer registered (its company: all its contacts are covered).",
    )
    state = fields.Selection(
        DEAL_STATES, default="draft", required=True, readonly=True, copy=False, tracking=True
    )
    date = fields.Date("Registered On", readonly=True, copy=False, tracking=True)
    date_expiry = fields.Date("Expires On", readonly=True, copy=False, tracking=True)
    registered_by_id = fields.Many2one(
        "res.users", "Registered By", readonly=True, copy=False, groups="base.group_user"
    )
    note = fields.Text(help="What the distributor is working on with this customer.")
    override_reason = fields.Text(
        readonly=True, copy=False, tracking=True, groups="base.group_user"
    )
    overridden_by_id = fields.Many2one(
        "res.users", "Overridden By", readonly=True, copy=False, groups="base.group_user"
    )
    override_date = fields.Datetime(
        "Overridden On", readonly=True, copy=False, groups="base.group_user"
    )

    # -- consistency ---------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("print.channel.deal") or "/"
            if vals.get("end_customer_id"):
                end = self.env["res.partner"].browse(vals["end_customer_id"])
                vals["end_customer_id"] = end.commercial_partner_id.id
        return super().create(vals_list)

    @api.constrains("distributor_id", "end_customer_id")
    def _check_parties(self):
        for deal in self:
            # sudo(): the role is for internal users; portal registrations pass here too.
            distributor = deal.distributor_id.sudo()
            if distributor.print_channel_role != "distributor":
                raise ValidationError(
                    self.env._(
                        "%(field)s: %(partner)s is not a distributor.",
                        field=self._fields["distributor_id"]._description_string(self.env),
                        partner=distributor.display_name,
                    )
                )
            end = deal.end_customer_id
            if end.commercial_partner_id == distributor.commercial_partner_id or (
                end.sudo().print_channel_role
            ):
                raise ValidationError(
                    self.env._(
                        "%(field)s: %(partner)s is in the channel itself; register a customer"
                        " the distributor sells to.",
                        field=self._fields["end_customer_id"]._description_string(self.env),
                        partner=end.display_name,
                    )
                )

    @api.constrains("state", "end_customer_id", "company_id")
    def _check_one_active(self):
        for deal in self.filtered(lambda d: d.state == "registered"):
            holder = deal._print_active_holders(deal.end_customer_id, deal.company_id) - deal
            if holder:
                raise ValidationError(deal._print_conflict_message(holder[:1]))

    def _print_conflict_message(self, holder):
        return self.env._(
            "%(field)s: %(customer)s is already registered to %(distributor)s (%(deal)s,"
            " until %(expiry)s).",
            field=self._fields["end_customer_id"]._description_string(self.env),
            customer=holder.end_customer_id.display_name,
            distributor=holder.distributor_id.display_name,
            deal=holder.name,
            expiry=holder.date_expiry or "-",
        )

    @api.model
    def _print_active_holders(self, partners, company=None):
        """The active registrations of ``partners`` (their companies) in ``company``
        (every company when None), as superuser: the check is the shop's rule, whoever
        quotes."""
        commercial = partners.commercial_partner_id
        if not commercial:
            return self.browse()
        domain = [("state", "=", "registered"), ("end_customer_id", "in", commercial.ids)]
        if company:
            domain.append(("company_id", "in", company.ids))
        # sudo(): the rule applies to every quote; what is shown of a holder is its name.
        return self.sudo().search(domain)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_draft(self):
        if any(deal.state != "draft" for deal in self):
            raise UserError(
                self.env._(
                    "%(field)s: only a draft registration can be deleted; cancel it instead.",
                    field=self._fields["state"]._description_string(self.env),
                )
            )

    # -- who may act ---------------------------------------------------------------------
    def _print_check_group(self, group, what):
        if not (self.env.su or self.env.user.has_group(group)):
            raise AccessError(
                self.env._(
                    "Only %(group)s may %(what)s.",
                    group=self.env.ref(group).full_name,
                    what=what,
                )
            )

    def _print_check_state(self, states, message):
        for deal in self:
            if deal.state not in states:
                raise UserError(
                    message
                    % {
                        "deal": deal.display_name,
                        "state": dict(self._fields["state"]._description_selection(self.env))[
                            deal.state
                        ],
                    }
                )

    # -- actions -------------------------------------------------------------------------
    def action_register(self):
        """Register the end customer for the distributor, from today for the company's
        registration period."""
        self._print_check_group(CHANNEL_USER, self.env._("register a deal"))
        self._print_register()
        return True

    def _print_register(self):
        """Register (the caller checked who may): stamps the user and the dates."""
        self._print_check_state(
            ("draft",), self.env._("%(deal)s is %(state)s and cannot be registered.")
        )
        today = fields.Date.context_today(self)
        for deal in self:
            holder = self._print_active_holders(deal.end_customer_id, deal.company_id)
            if holder:
                raise ValidationError(deal._print_conflict_message(holder[:1]))
            # sudo(): the period is the company's setting, read for the stamp.
            days = deal.company_id.sudo().print_deal_days or 0
            deal._print_decide("state", "date", "date_expiry", "registered_by_id").write(
                {
                    "state": "registered",
                    "date": today,
                    "date_expiry": today + relativedelta(days=days),
                    "registered_by_id": self.env.user.id,
                }
            )
            deal.message_post(
                body=self.env._(
                    "%(customer)s registered to %(distributor)s until %(expiry)s.",
                    customer=deal.end_customer_id.display_name,
                    distributor=deal.distributor_id.display_name,
                    expiry=deal.date_expiry,
                )
            )

    def action_cancel(self):
        self._print_check_group(CHANNEL_USER, self.env._("cancel a deal registration"))
        self._print_check_state(
            ("draft", "registered"),
            self.env._("%(deal)s is %(state)s and cannot be cancelled."),
        )
        self._print_decide("state").write({"state": "cancelled"})
        return True

    def action_open_override(self):
        self._print_check_group(CHANNEL_MANAGER, self.env._("override a deal registration"))
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Override %(deal)s", deal=self.display_name),
            "res_model": "print.channel.deal.override",
            "view_mode": "form",
            "target": "new",
            "context": {"default_deal_id": self.id},
        }

    def _print_override(self, reason):
        """Lift the registration (the caller checked the manager group)."""
        self._print_check_state(
            ("registered",), self.env._("%(deal)s is %(state)s: there is nothing to override.")
        )
        if not (reason or "").strip():
            raise ValidationError(
                self.env._(
                    "%(field)s: say why the registration is overridden.",
                    field=self._fields["override_reason"]._description_string(self.env),
                )
            )
        self._print_decide("state", "override_reason", "overridden_by_id", "override_date").write(
            {
                "state": "overridden",
                "override_reason": reason.strip(),
                "overridden_by_id": self.env.user.id,
                "override_date": fields.Datetime.now(),
            }
        )
        for deal in self:
            deal.message_post(
                body=self.env._(
                    "Registration overridden by %(user)s: %(reason)s",
                    user=self.env.user.name,
                    reason=reason.strip(),
                )
            )

    @api.model
    def _cron_expire(self):
        """Registrations past their expiry date lapse (daily)."""
        today = fields.Date.context_today(self)
        expired = self.search([("state", "=", "registered"), ("date_expiry", "<", today)])
        expired._print_decide("state").write({"state": "expired"})
        return expired

    # -- the rule on estimates and orders -----------------------------------------------
    @api.model
    def _print_check_documents(self, documents):
        """Refuse estimates or orders that go around an active registration.

        A document to the end customer itself (no end customer on it) is the shop quoting
        directly; a document for the end customer placed by a distributor other than the
        holder or one above it goes around the holder too. Server code (the superuser:
        an online payment confirming an order) is not the shop's rep, nor is a portal
        customer ordering for itself; a portal distributor ordering for another's
        registered customer is refused as a rep would be.
        """
        user = self.env.user
        if user._is_superuser():
            return
        for document in documents:
            end = document.print_end_customer_id
            if not document.partner_id or (user.share and not end):
                continue
            target = end or document.partner_id
            holders = self._print_active_holders(target, document.company_id)
            if not holders:
                continue
            holder = holders[:1]
            if end:
                placer = document.partner_id.commercial_partner_id.sudo()
                path = holder.distributor_id.sudo().print_channel_path or ""
                if f"/{placer.id}/" in path:
                    continue
                field = "print_end_customer_id"
            else:
                field = "partner_id"
            raise UserError(
                self.env._(
                    "%(field)s: %(customer)s is registered to %(distributor)s (%(deal)s,"
                    " until %(expiry)s); only that distributor, or one above it, may quote"
                    " it. A Distribution manager can override the registration with a"
                    " reason.",
                    field=document._fields[field]._description_string(self.env),
                    customer=holder.end_customer_id.display_name,
                    distributor=holder.distributor_id.display_name,
                    deal=holder.name,
                    expiry=holder.date_expiry or "-",
                )
            )
