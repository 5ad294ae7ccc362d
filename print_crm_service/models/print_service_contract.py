# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Service contracts: the service level a customer was promised.

A contract names a level (e.g. Gold), how fast the shop responds and resolves, and the
channels the customer may use, for a period. Once a service manager starts it, the
customer's print tickets get its response time as their deadline when it is faster than
the department's, and the call desk shows it. Its state is written by its actions only
(start, cancel) and by the daily expiry, which stamp who and when.
"""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from .print_access import SERVICE_MANAGER, SERVICE_USER, require_group
from .print_region_documents import _region_of

CONTRACT_STATES = [
    ("draft", "Draft"),
    ("running", "Running"),
    ("expired", "Expired"),
    ("cancelled", "Cancelled"),
]
# The promise itself: fixed once the contract runs (cancel it and make another to change
# it). The end date may still be moved, to extend the contract.
PROMISE_FIELDS = (
    "name",
    "partner_id",
    "company_id",
    "service_level",
    "response_hours",
    "resolution_hours",
    "clock_hours",
    "channel_ids",
    "date_start",
)


class PrintServiceContract(models.Model):
    _name = "print.service.contract"
    _description = "Service Contract"
    _inherit = ["mail.thread", "mail.activity.mixin", "print.decision.mixin"]
    _order = "date_start desc, id desc"
    _check_company_auto = True
    _rec_names_search = ["name", "partner_id", "service_level"]
    # Written by the actions only (action_start, action_cancel, the daily expiry).
    _print_decision_fields = (
        "state",
        "started_by_id",
        "started_date",
        "cancelled_by_id",
        "cancelled_date",
        "expired_date",
    )

    name = fields.Char(
        "Reference", required=True, readonly=True, copy=False, default="/", index="trigram"
    )
    partner_id = fields.Many2one(
        "res.partner",
        "Customer",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain="['|', ('is_company', '=', True), ('parent_id', '=', False)]",
        help="The customer (a company, or a person without one) the service level is promised"
        " to; its contacts' tickets are covered too.",
    )
    company_id = fields.Many2one(
        "res.company", "Company", required=True, default=lambda self: self.env.company
    )
    service_level = fields.Char(
        required=True,
        tracking=True,
        translate=False,
        help="The name of the level promised, e.g. Gold, Silver, Standard.",
    )
    response_hours = fields.Float(
        "Response Time (hours)",
        required=True,
        tracking=True,
        help="How long the shop has to deal with a ticket of the customer once it is routed"
        " to a department: the ticket's deadline when this is sooner than the department's"
        " own response time.",
    )
    resolution_hours = fields.Float(
        "Resolution Time (hours)",
        tracking=True,
        help="How long the shop has to resolve a ticket of the customer, from when the"
        " customer reported it: the date a commitment is made for by default. 0: not"
        " promised.",
    )
    clock_hours = fields.Boolean(
        "Round the Clock",
        tracking=True,
        help="The hours run day and night, weekends included. Unticked: they are counted on"
        " the working hours of the department that handles the ticket.",
    )
    channel_ids = fields.Many2many(
        "helpdesk.ticket.channel",
        "print_service_contract_channel_rel",
        "contract_id",
        "channel_id",
        "Channels",
        check_company=True,
        help="How the customer may reach the service desk under this contract: phone, e-mail,"
        " the portal, a visit on site...",
    )
    date_start = fields.Date(
        "Valid From", required=True, default=fields.Date.context_today, tracking=True
    )
    date_end = fields.Date(
        "Valid Until", tracking=True, help="Empty: until it is cancelled. Expires the day after."
    )
    state = fields.Selection(
        CONTRACT_STATES,
        "Status",
        required=True,
        readonly=True,
        copy=False,
        default="draft",
        index=True,
        tracking=True,
    )
    started_by_id = fields.Many2one("res.users", "Started By", readonly=True, copy=False)
    started_date = fields.Datetime("Started On", readonly=True, copy=False)
    cancelled_by_id = fields.Many2one("res.users", "Cancelled By", readonly=True, copy=False)
    cancelled_date = fields.Datetime("Cancelled On", readonly=True, copy=False)
    expired_date = fields.Datetime("Expired On", readonly=True, copy=False)
    note = fields.Html("Terms", help="What else the contract says.")
    print_region_id = _region_of("partner_id.commercial_partner_id")
    in_force = fields.Boolean(
        "In Force",
        compute="_compute_in_force",
        search="_search_in_force",
        help="Running, and today is within its dates: its promise applies to new tickets.",
    )

    @api.depends("state", "date_start", "date_end")
    def _compute_in_force(self):
        today = fields.Date.context_today(self)
        for contract in self:
            contract.in_force = contract._print_in_force_on(today)

    def _search_in_force(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("In Force: search with = True or = False."))
        domain = self._print_in_force_domain(fields.Date.context_today(self))
        return domain if (operator == "=") == value else ["!", *domain]

    # ------------------------------------------------------------------ constraints

    @api.constrains("response_hours", "resolution_hours")
    def _check_hours(self):
        for contract in self:
            if contract.response_hours <= 0:
                raise ValidationError(
                    self.env._(
                        "%(field)s of %(contract)s: give the hours the shop has to respond,"
                        " more than 0.",
                        field=self._fields["response_hours"]._description_string(self.env),
                        contract=contract.display_name,
                    )
                )
            if contract.resolution_hours < 0 or (
                contract.resolution_hours and contract.resolution_hours < contract.response_hours
            ):
                raise ValidationError(
                    self.env._(
                        "%(field)s of %(contract)s: 0 (not promised) or at least the %(response)s"
                        " (%(hours)s h).",
                        field=self._fields["resolution_hours"]._description_string(self.env),
                        contract=contract.display_name,
                        response=self._fields["response_hours"]._description_string(self.env),
                        hours=contract.response_hours,
                    )
                )

    @api.constrains("date_start", "date_end")
    def _check_dates(self):
        for contract in self:
            if contract.date_end and contract.date_end < contract.date_start:
                raise ValidationError(
                    self.env._(
                        "%(field)s of %(contract)s (%(end)s) comes before %(start_field)s"
                        " (%(start)s).",
                        field=self._fields["date_end"]._description_string(self.env),
                        contract=contract.display_name,
                        end=contract.date_end,
                        start_field=self._fields["date_start"]._description_string(self.env),
                        start=contract.date_start,
                    )
                )

    @api.constrains("partner_id")
    def _check_partner_id(self):
        for contract in self:
            partner = contract.partner_id
            if partner.parent_id and not partner.is_company:
                raise ValidationError(
                    self.env._(
                        "%(field)s: %(contact)s is a contact of %(company)s; the contract is"
                        " made with %(company)s and covers its contacts.",
                        field=self._fields["partner_id"]._description_string(self.env),
                        contact=partner.display_name,
                        company=partner.commercial_partner_id.display_name,
                    )
                )

    # ------------------------------------------------------------------ CRUD

    def init(self):
        # One running contract per customer and company, also when two managers start
        # two contracts at the same moment (action_start names the field before this).
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS print_service_contract_running_uniq"
                " ON print_service_contract (partner_id, company_id) WHERE state = 'running'"
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("print.service.contract") or "/"
        return super().create(vals_list)

    def write(self, vals):
        locked = set(vals) & set(PROMISE_FIELDS)
        if locked and not self._print_decision_allowed(locked):
            signed = self.filtered(lambda c: c.state != "draft")
            if signed:
                raise UserError(
                    self.env._(
                        "%(field)s of %(contract)s: the promise of a contract that was started"
                        " no longer changes; cancel it and make a new one.",
                        field=self._fields[sorted(locked)[0]]._description_string(self.env),
                        contract=signed[0].display_name,
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_started(self):
        started = self.filtered(lambda c: c.state != "draft")
        if started:
            raise UserError(
                self.env._(
                    "%(contract)s was started: it stays as a record of what was promised;"
                    " cancel it instead.",
                    contract=started[0].display_name,
                )
            )

    # ------------------------------------------------------------------ actions

    def action_start(self):
        """The contract is signed: from its start date its promise applies to the
        customer's tickets. One running contract per customer and company."""
        action = self.env._("Start Contract")
        require_group(self, action, SERVICE_MANAGER)
        self.check_access("write")
        today = fields.Date.context_today(self)
        for contract in self:
            if contract.state != "draft":
                raise contract._print_state_error(action, "draft")
            if contract.date_end and contract.date_end < today:
                raise UserError(
                    self.env._(
                        "%(action)s: %(field)s of %(contract)s (%(end)s) has passed.",
                        action=action,
                        field=self._fields["date_end"]._description_string(self.env),
                        contract=contract.display_name,
                        end=contract.date_end,
                    )
                )
            # sudo: after the manager's check; another running contract of the customer
            # counts also when a record rule hides it from the manager. One whose end date
            # has passed expires now rather than at night: its renewal starts the next day.
            running = self.sudo().search(
                [
                    ("id", "!=", contract.id),
                    ("partner_id", "=", contract.partner_id.id),
                    ("company_id", "=", contract.company_id.id),
                    ("state", "=", "running"),
                ]
            )
            running.filtered(lambda c: c.date_end and c.date_end < today)._print_expire()
            other = running.filtered(lambda c: c.state == "running")[:1].with_env(self.env)
            if other:
                raise UserError(
                    self.env._(
                        "%(field)s: %(customer)s already has a running contract, %(other)s;"
                        " cancel it first, or let it expire (one running contract per customer"
                        " and company).",
                        field=self._fields["partner_id"]._description_string(self.env),
                        customer=contract.partner_id.display_name,
                        other=other.sudo().display_name,
                    )
                )
            contract._print_decide("state", "started_by_id", "started_date").write(
                {
                    "state": "running",
                    "started_by_id": self.env.user.id,
                    "started_date": fields.Datetime.now(),
                }
            )
        return True

    def action_cancel(self):
        """The contract ends now (a draft that will not be signed, or a running one
        ended early): its promise no longer applies."""
        action = self.env._("Cancel Contract")
        require_group(self, action, SERVICE_MANAGER)
        self.check_access("write")
        for contract in self:
            if contract.state not in ("draft", "running"):
                raise contract._print_state_error(action, "draft", "running")
        self._print_decide("state", "cancelled_by_id", "cancelled_date").write(
            {
                "state": "cancelled",
                "cancelled_by_id": self.env.user.id,
                "cancelled_date": fields.Datetime.now(),
            }
        )
        return True

    def action_view_tickets(self):
        """The customer's tickets (and its contacts')."""
        require_group(self, self.env._("Tickets"), SERVICE_USER)
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "print_crm_service.helpdesk_ticket_action"
        )
        action["domain"] = [("print_contract_id", "=", self.id)]
        action["context"] = {}
        return action

    # ------------------------------------------------------------------ business

    def _print_state_error(self, action, *states):
        labels = dict(self._fields["state"]._description_selection(self.env))
        return UserError(
            self.env._(
                "%(action)s: %(contract)s is %(state)s; this is done when it is %(states)s.",
                action=action,
                contract=self.display_name,
                state=labels[self.state],
                states=" / ".join(labels[s] for s in states),
            )
        )

    def _print_in_force_on(self, day):
        self.ensure_one()
        return bool(
            self.state == "running"
            and self.date_start <= day
            and (not self.date_end or self.date_end >= day)
        )

    @api.model
    def _print_in_force_domain(self, day):
        return [
            ("state", "=", "running"),
            ("date_start", "<=", day),
            "|",
            ("date_end", "=", False),
            ("date_end", ">=", day),
        ]

    @api.model
    def _print_for_customer(self, partner, company, day=None):
        """The contract in force for ``partner``'s customer in ``company`` on ``day``
        (today), or an empty recordset. Reads as the current environment: callers that
        must see every contract (a portal customer's new ticket) pass a sudo() one."""
        customer = partner.commercial_partner_id
        if not customer or not company:
            return self.browse()
        day = day or fields.Date.context_today(self)
        return self.search(
            [
                ("partner_id", "=", customer.id),
                ("company_id", "=", company.id),
                *self._print_in_force_domain(day),
            ],
            limit=1,
        )

    def _print_deadline(self, start, team=None):
        """``start`` plus the response time: round the clock, or on the working hours of
        ``team`` (its calendar) when it has one."""
        self.ensure_one()
        return self._print_plan(self.response_hours, start, team)

    def _print_resolution_deadline(self, start, team=None):
        self.ensure_one()
        if not self.resolution_hours:
            return False
        return self._print_plan(self.resolution_hours, start, team)

    def _print_plan(self, hours, start, team):
        calendar = team.resource_calendar_id if team and not self.clock_hours else None
        if calendar and hours:
            deadline = calendar.plan_hours(hours, start, compute_leaves=True)
            if deadline:
                return deadline.replace(tzinfo=None)
        return start + timedelta(hours=hours)

    def _print_summary(self):
        """One line for a note or a screen: level, times, validity."""
        self.ensure_one()
        if self.resolution_hours:
            times = self.env._(
                "respond within %(response)s h, resolve within %(resolution)s h",
                response=self.response_hours,
                resolution=self.resolution_hours,
            )
        else:
            times = self.env._("respond within %(response)s h", response=self.response_hours)
        return self.env._(
            "%(contract)s (%(level)s: %(times)s)",
            contract=self.name,
            level=self.service_level,
            times=times,
        )

    @api.model
    def _cron_print_expire(self):
        """Daily: running contracts whose end date has passed expire, stamped."""
        today = fields.Date.context_today(self)
        expired = self.search([("state", "=", "running"), ("date_end", "<", today)])
        expired._print_expire()
        return len(expired)

    def _print_expire(self):
        """Past their end date: expired, stamped (callers checked the dates)."""
        self._print_decide("state", "expired_date").write(
            {"state": "expired", "expired_date": fields.Datetime.now()}
        )
