# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The call desk: one screen where the lookup is the first field and the caller's whole
record appears as the caller is found.

A transient model shown in a plain form view: typing in the lookup is one ``onchange``
call that finds the caller (print_crm_quote's instant lookup) and computes every list of
its record in the same round trip, with the user's own rights (no ``sudo()``: whatever a
record rule hides from the user stays out of the lists). The buttons log the call (the
contact log wizard) or open a new ticket, both prefilled.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools.sql import escape_psql

from odoo.addons.print_crm_quote.models.print_access import ESTIMATE_USER
from odoo.addons.print_crm_quote.models.res_partner import phone_digits
from odoo.addons.print_crm_quote.models.res_partner_lookup import (
    TEXT_COLUMNS,
    LookupTerms,
    lookup_tier,
)

from .print_access import SERVICE_USER, require_group

# Who works at the call desk: the service desk, and sales (estimating) users who take calls.
DESK_GROUPS = (SERVICE_USER, ESTIMATE_USER)
# How many customers the lookup offers, and how many rows each list of the record shows.
MATCH_LIMIT = 8
LIST_LIMIT = 20
# Orders still in progress: quotations, and confirmed orders not fully invoiced yet.
OPEN_ORDER_DOMAIN = [
    "|",
    ("state", "in", ("draft", "sent")),
    "&",
    ("state", "=", "sale"),
    ("invoice_status", "!=", "invoiced"),
]
# Customer invoices not paid yet (posted, with something left to pay).
DUE_INVOICE_DOMAIN = [
    ("move_type", "in", ("out_invoice", "out_refund")),
    ("state", "=", "posted"),
    ("payment_state", "in", ("not_paid", "partial")),
]
# The value figures of the customer (print_crm_quote's partner fields) the desk shows.
VALUE_FIELDS = (
    "print_segment",
    "print_payment_record",
    "print_revenue",
    "print_order_count",
    "print_last_order_date",
    "print_on_time_pct",
)


class PrintCallDesk(models.TransientModel):
    _name = "print.call.desk"
    _description = "Call Desk"

    query = fields.Char(
        "Caller",
        help="Any fragment of the caller's phone number (in any format), name, e-mail,"
        " customer reference, or of an order, PO, estimate or job reference.",
    )
    match_ids = fields.Many2many(
        "res.partner", string="Customers Found", compute="_compute_match_ids"
    )
    partner_id = fields.Many2one(
        "res.partner",
        "Caller Found",
        compute="_compute_partner_id",
        store=True,
        readonly=False,
        help="The best match of the lookup; choose another one of the customers found.",
    )
    customer_id = fields.Many2one("res.partner", "Customer", compute="_compute_customer")
    contact_id = fields.Many2one(
        "res.partner",
        "Contact Person",
        compute="_compute_customer",
        help="The person of the customer who calls, when the lookup found a person.",
    )
    region = fields.Char(
        compute="_compute_customer", help="The service region the customer belongs to."
    )
    phone = fields.Char(
        "Caller's Phone",
        compute="_compute_phone",
        store=True,
        readonly=False,
        help="The number the lookup matched, else the caller's phone or mobile.",
    )
    job_id = fields.Many2one(
        "print.job",
        "Ticket About Job",
        compute="_compute_job_id",
        store=True,
        readonly=False,
        help="The job a new ticket is about: the one whose number was typed, or choose one.",
    )
    company_currency_id = fields.Many2one("res.currency", "Currency", compute="_compute_record")
    # The customer's record, as far as the user may read it.
    contact_ids = fields.Many2many("res.partner", string="Contacts", compute="_compute_record")
    order_ids = fields.Many2many(
        "sale.order", string="Open Orders and Quotations", compute="_compute_record"
    )
    job_ids = fields.Many2many("print.job", string="Jobs", compute="_compute_record")
    proof_ids = fields.Many2many(
        "print.proof", string="Proofs Awaiting Approval", compute="_compute_record"
    )
    ticket_ids = fields.Many2many(
        "helpdesk.ticket", string="Open Tickets", compute="_compute_record"
    )
    invoice_ids = fields.Many2many("account.move", string="Invoices Due", compute="_compute_record")
    amount_due = fields.Monetary(
        "Due", currency_field="company_currency_id", compute="_compute_record"
    )
    amount_overdue = fields.Monetary(
        "Overdue", currency_field="company_currency_id", compute="_compute_record"
    )
    # The customer's value (print_crm_quote), of the current company, as the user may read it.
    print_segment = fields.Selection(
        related="customer_id.print_segment", related_sudo=False, string="Segment"
    )
    print_payment_record = fields.Selection(
        related="customer_id.print_payment_record", related_sudo=False, string="Payment Record"
    )
    print_revenue = fields.Monetary(
        related="customer_id.print_revenue",
        related_sudo=False,
        string="Revenue (12 Months)",
        currency_field="company_currency_id",
    )
    print_order_count = fields.Integer(
        related="customer_id.print_order_count", related_sudo=False, string="Orders (12 Months)"
    )
    print_last_order_date = fields.Date(
        related="customer_id.print_last_order_date", related_sudo=False, string="Last Order"
    )
    print_on_time_pct = fields.Float(
        related="customer_id.print_on_time_pct", related_sudo=False, string="Paid on Time (%)"
    )

    @api.depends("partner_id")
    def _compute_display_name(self):
        for desk in self:
            customer = desk.partner_id._origin.commercial_partner_id
            desk.display_name = customer.display_name or self.env._("Call Desk")

    @api.depends("query")
    def _compute_match_ids(self):
        Partner = self.env["res.partner"]
        for desk in self:
            desk.match_ids = Partner._print_lookup(desk.query or "", limit=MATCH_LIMIT)

    @api.depends("match_ids")
    def _compute_partner_id(self):
        """The caller: of the partners found, the one that matches the query best itself.
        The lookup lists each company before its people, but the person whose mobile number
        was typed is the one calling."""
        for desk in self:
            terms = LookupTerms.parse(desk.query)
            ranked = []
            for position, partner in enumerate(desk.match_ids):
                tier = lookup_tier(terms, {c: partner[c] for c in TEXT_COLUMNS}) if terms else None
                ranked.append((tier is None, tier or 0, position, partner))
            desk.partner_id = min(ranked, key=lambda item: item[:3])[3] if ranked else False

    @api.depends("partner_id")
    def _compute_customer(self):
        for desk in self:
            # _origin: in the form's onchange the record is new and so are its relations.
            partner = desk.partner_id._origin
            customer = partner.commercial_partner_id
            desk.customer_id = customer
            desk.contact_id = partner if partner != customer else False
            # The customer's region, where the regions of the service network are installed.
            region = customer["print_region_id"] if "print_region_id" in customer else None
            desk.region = region.display_name if region else False

    @api.depends("partner_id", "query")
    def _compute_phone(self):
        for desk in self:
            partner = desk.partner_id._origin
            numbers = [n for n in (partner.phone, partner.mobile) if n]
            terms = LookupTerms.parse(desk.query)
            digits = terms.phone_pattern if terms and terms.digits else ""
            matched = [n for n in numbers if digits and digits in phone_digits(n)]
            desk.phone = (matched or numbers or [False])[0]

    @api.depends("query", "partner_id")
    def _compute_job_id(self):
        Job = self.env["print.job"]
        may_read = Job.has_access("read")
        for desk in self:
            job = Job
            text = (desk.query or "").strip()
            customer = desk.partner_id._origin.commercial_partner_id
            if may_read and customer and text:
                # The job whose number the caller gave (JOB/2026/00042, or its last digits).
                job = Job.search(
                    [
                        ("name", "=ilike", f"%{escape_psql(text)}"),
                        ("commercial_partner_id", "=", customer.id),
                    ],
                    limit=1,
                )
            desk.job_id = job

    @api.depends("partner_id")
    def _compute_record(self):
        env = self.env
        today = fields.Date.context_today(self)
        for desk in self:
            desk.company_currency_id = env.company.currency_id
            customer = desk.partner_id._origin.commercial_partner_id
            empty = {
                "contact_ids": False,
                "order_ids": False,
                "job_ids": False,
                "proof_ids": False,
                "ticket_ids": False,
                "invoice_ids": False,
                "amount_due": 0.0,
                "amount_overdue": 0.0,
            }
            if not customer:
                desk.update(empty)
                continue
            # As the user: the lists hold what its access rights and record rules let it read.
            family = env["res.partner"].search(
                [("commercial_partner_id", "=", customer.id)], order="id"
            )
            values = dict(empty, contact_ids=family - customer)
            if env["sale.order"].has_access("read"):
                values["order_ids"] = env["sale.order"].search(
                    expression.AND([[("partner_id", "in", family.ids)], OPEN_ORDER_DOMAIN]),
                    limit=LIST_LIMIT,
                    order="date_order desc, id desc",
                )
            if env["print.job"].has_access("read"):
                values["job_ids"] = env["print.job"].search(
                    [("commercial_partner_id", "=", customer.id)],
                    limit=LIST_LIMIT,
                    order="is_done, is_cancel, id desc",
                )
            if env["print.proof"].has_access("read"):
                values["proof_ids"] = env["print.proof"].search(
                    [("commercial_partner_id", "=", customer.id), ("state", "=", "sent")],
                    limit=LIST_LIMIT,
                    order="due_date, id",
                )
            if env["helpdesk.ticket"].has_access("read"):
                values["ticket_ids"] = env["helpdesk.ticket"].search(
                    [("commercial_partner_id", "=", customer.id), ("stage_id.closed", "=", False)],
                    limit=LIST_LIMIT,
                    order="id desc",
                )
            Move = env["account.move"]
            if Move.has_access("read"):
                domain = [("commercial_partner_id", "=", customer.id), *DUE_INVOICE_DOMAIN]
                invoices = Move.search(domain, limit=LIST_LIMIT, order="invoice_date_due, id")
                values["invoice_ids"] = invoices
                if len(invoices) < LIST_LIMIT:
                    # Every invoice due is in the list: add them up without another query.
                    due = sum(invoices.mapped("amount_residual_signed"))
                    overdue = sum(
                        invoices.filtered(
                            lambda move: move.invoice_date_due and move.invoice_date_due < today
                        ).mapped("amount_residual_signed")
                    )
                else:
                    [(due,)] = Move._read_group(domain, aggregates=["amount_residual_signed:sum"])
                    [(overdue,)] = Move._read_group(
                        [*domain, ("invoice_date_due", "<", today)],
                        aggregates=["amount_residual_signed:sum"],
                    )
                values["amount_due"] = due or 0.0
                values["amount_overdue"] = overdue or 0.0
            desk.update(values)

    def action_log_call(self):
        """Log the call on the customer: the contact log wizard, prefilled."""
        require_group(self.env, self.env._("Log Call"), *DESK_GROUPS)
        self.ensure_one()
        self._print_check_caller()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log Call"),
            "res_model": "print.contact.log.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            # The wizard takes the customer of a contact person and keeps the person.
            "context": {
                "default_partner_id": self.partner_id.id,
                "default_channel": "phone",
                "default_direction": "inbound",
            },
        }

    def action_new_ticket(self):
        """A new ticket for the caller, prefilled: customer, contact, phone, the hotline
        channel, and the job (with its order) when one was chosen."""
        require_group(self.env, self.env._("New Ticket"), SERVICE_USER)
        self.ensure_one()
        self._print_check_caller()
        caller = self.contact_id or self.customer_id
        context = {
            "default_partner_id": caller.id,
            "default_partner_name": caller.name,
            "default_partner_email": caller.email,
            "default_print_partner_phone": self.phone,
            "default_channel_id": self.env.ref("print_crm_service.ticket_channel_hotline").id,
        }
        if self.job_id:
            context["default_print_job_id"] = self.job_id.id
            context["default_print_sale_order_id"] = self.job_id.sale_order_id.id
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("New Ticket"),
            "res_model": "helpdesk.ticket",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "current",
            "context": context,
        }

    def _print_check_caller(self):
        if not self.customer_id:
            raise self._print_no_caller_error()

    def _print_no_caller_error(self):
        return UserError(
            self.env._(
                "%(field)s: type a fragment of the caller's phone number, name, e-mail or of"
                " a reference until the customer is found.",
                field=self._fields["query"]._description_string(self.env),
            )
        )


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    # The call desk lists a customer's open tickets: an index keeps that a lookup among
    # hundreds of thousands of tickets (helpdesk_mgmt stores the field without one).
    commercial_partner_id = fields.Many2one(index="btree_not_null")


class PrintContactLogWizard(models.TransientModel):
    _inherit = "print.contact.log.wizard"

    @api.model
    def _print_log_groups(self):
        # The service desk logs the calls it takes on the call desk.
        return (*super()._print_log_groups(), SERVICE_USER)
