# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Cost of quality: what an approved resolution costs the shop.

A reprint or partial reprint is a production job, created when a service manager approves
it, never invoiced, whose estimated cost is recorded on it; a credit note or discount is a
draft customer credit note, drafted from the ticket once. The ticket adds them up, and the
report ``print.service.quality.cost`` reads them per cause, customer, press, supplier...
"""

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_is_zero, format_amount

from .helpdesk_ticket import HelpdeskTicket as ServiceTicket
from .print_access import SERVICE_MANAGER, SERVICE_USER, require_group

BILLING = "account.group_account_invoice"
REPRINTS = ("reprint", "partial_reprint")
CREDITS = ("credit_note", "discount")
# Steps in which the approved resolution holds (a reopened ticket needs a new approval).
APPROVED_STEPS = ("approved", "committed", "resolved", "satisfied", "archived")
# The link to the credit note proves it was drafted from the ticket (by its action only);
# the figures are computed from the reprint jobs and the credit note, never written.
QUALITY_DECISION_FIELDS = (
    "print_credit_move_id",
    "print_reprint_job_count",
    "print_reprint_cost",
    "print_credit_amount",
    "print_quality_cost",
)


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"
    _print_decision_fields = ServiceTicket._print_decision_fields + QUALITY_DECISION_FIELDS

    # --- proposed with the resolution (frozen once proposed, see PROPOSAL_FIELDS)
    print_reprint_quantity = fields.Integer(
        "Copies to Reprint",
        groups="base.group_user",
        help="A partial reprint: how many copies of the job are printed again.",
    )
    print_supplier_id = fields.Many2one(
        "res.partner",
        "Supplier",
        index="btree_not_null",
        groups="base.group_user",
        help="For an outsourced cause: the supplier whose work caused the problem.",
    )
    # --- what the approved resolution made
    print_reprint_job_ids = fields.One2many(
        "print.job", "print_ticket_id", "Reprint Jobs", readonly=True, groups=SERVICE_USER
    )
    # Stored: the cost of quality report lists tickets with a reprint without a subquery.
    print_reprint_job_count = fields.Integer(
        "Reprints", compute="_compute_print_reprint_job_count", store=True, groups=SERVICE_USER
    )
    print_credit_move_id = fields.Many2one(
        "account.move",
        "Credit Note",
        readonly=True,
        copy=False,
        index="btree_not_null",
        ondelete="set null",
        groups="base.group_user",
    )
    print_reprint_cost = fields.Monetary(
        "Reprint Cost",
        currency_field="print_currency_id",
        compute="_compute_print_quality_cost",
        store=True,
        groups="base.group_user",
        help="The estimated cost of the ticket's reprint jobs (not cancelled).",
    )
    print_credit_amount = fields.Monetary(
        "Credited",
        currency_field="print_currency_id",
        compute="_compute_print_quality_cost",
        store=True,
        groups="base.group_user",
        help="The untaxed amount of the ticket's credit note (draft or posted, not cancelled).",
    )
    print_quality_cost = fields.Monetary(
        "Cost of Quality",
        currency_field="print_currency_id",
        compute="_compute_print_quality_cost",
        store=True,
        groups="base.group_user",
        help="What the ticket's resolution costs the shop: reprints and credits.",
    )

    @api.depends("print_reprint_job_ids")
    def _compute_print_reprint_job_count(self):
        # sudo: service staff (the field's group) count the jobs made for the ticket.
        for ticket, ticket_sudo in zip(self, self.sudo(), strict=True):
            ticket.print_reprint_job_count = len(ticket_sudo.print_reprint_job_ids)

    @api.depends(
        "print_reprint_job_ids.print_reprint_cost",
        "print_reprint_job_ids.is_cancel",
        "print_credit_move_id.amount_untaxed_signed",
        "print_credit_move_id.state",
    )
    def _compute_print_quality_cost(self):
        # sudo: the figures of the ticket's own reprints and credit note, linked by the
        # ticket's actions; whoever recomputes them may not read jobs or invoices.
        for ticket, ticket_sudo in zip(self, self.sudo(), strict=True):
            # A cancelled reprint was not printed: it costs nothing.
            jobs = ticket_sudo.print_reprint_job_ids.filtered(lambda j: not j.is_cancel)
            reprint = sum(jobs.mapped("print_reprint_cost"))
            move = ticket_sudo.print_credit_move_id
            credit = -move.amount_untaxed_signed if move and move.state != "cancel" else 0.0
            ticket.print_reprint_cost = reprint
            ticket.print_credit_amount = credit
            ticket.print_quality_cost = reprint + credit

    @api.constrains("print_reprint_quantity")
    def _check_print_reprint_quantity(self):
        for ticket in self:
            if ticket.print_reprint_quantity < 0:
                raise ValidationError(
                    self.env._(
                        "%(field)s: a number of copies from 1 up, not %(value)s.",
                        field=self._fields["print_reprint_quantity"]._description_string(self.env),
                        value=ticket.print_reprint_quantity,
                    )
                )

    # ------------------------------------------------------------------ actions

    def action_print_view_reprint_jobs(self):
        require_group(self, self.env._("Reprint Jobs"), SERVICE_USER)
        self.ensure_one()
        jobs = self.print_reprint_job_ids
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "print_crm_tracking.print_job_action"
        )
        action["context"] = {"create": False}
        if len(jobs) == 1:
            action.update(view_mode="form", views=[(False, "form")], res_id=jobs.id)
        else:
            action["domain"] = [("print_ticket_id", "=", self.id)]
        return action

    def action_print_draft_credit_note(self):
        require_group(self, self.env._("Draft Credit Note"), SERVICE_MANAGER, BILLING)
        self.ensure_one()
        action = self.env._("Draft Credit Note")
        # sudo: reading the ticket's own link, after the group check above.
        move = self.sudo().print_credit_move_id
        if not move:
            self._print_check_step(action, *APPROVED_STEPS)
            move = self._print_draft_credit_note(action)
        return self._print_open_credit_note(move)

    # ------------------------------------------------------------------ business

    def _print_check_proposal(self, action):
        """What the proposed resolution needs besides its fields (Propose Resolution)."""
        self.ensure_one()
        # sudo: the caller is service staff (checked by the action); the job may be
        # outside its own rules, only its quantity is read.
        ticket = self.sudo()
        field = self._fields
        if ticket.print_resolution in REPRINTS and not ticket.print_job_id:
            raise UserError(
                self.env._(
                    "%(action)s: a %(resolution)s prints the job again; set %(field)s on"
                    " %(ticket)s first.",
                    action=action,
                    resolution=dict(field["print_resolution"]._description_selection(self.env))[
                        ticket.print_resolution
                    ],
                    field=field["print_job_id"]._description_string(self.env),
                    ticket=self.display_name,
                )
            )
        if ticket.print_resolution == "partial_reprint":
            copies = ticket.print_job_id.quantity
            if not 0 < ticket.print_reprint_quantity <= copies:
                raise UserError(
                    self.env._(
                        "%(action)s: %(field)s must be from 1 to %(copies)s (the copies of"
                        " %(job)s).",
                        action=action,
                        field=field["print_reprint_quantity"]._description_string(self.env),
                        copies=copies,
                        job=ticket.print_job_id.display_name,
                    )
                )
        if ticket.print_cause_id._print_is_outsourced() and not ticket.print_supplier_id:
            raise UserError(
                self.env._(
                    "%(action)s: the cause %(cause)s is outsourced; set %(field)s, the supplier"
                    " whose work caused it.",
                    action=action,
                    cause=ticket.print_cause_id.display_name,
                    field=field["print_supplier_id"]._description_string(self.env),
                )
            )

    def _print_apply_resolution(self):
        """What an approved resolution makes (Approve Resolution, after its group check):
        a reprint job for a (partial) reprint."""
        self.ensure_one()
        if self.print_resolution in REPRINTS:
            # The job may have changed since the proposal: the same checks, at approval.
            self._print_check_proposal(self.env._("Approve Resolution"))
            self._print_create_reprint()

    def _print_create_reprint(self):
        """The production job that prints the ticket's job again, for nothing.

        It has no order line: a zero-price line on the confirmed order would put the order
        back into "to invoice" and print a zero line on an invoice, and the customer's order
        is what it was. The job belongs to the order (the customer follows it with the
        order's other jobs) and to the ticket; its cost is the estimate's, pro rata.
        """
        self.ensure_one()
        # sudo: the service manager approved (Approve Resolution checked the group); the
        # job's estimate and its cost are the shop's, read to copy and cost the job.
        ticket = self.sudo()
        job = ticket.print_job_id
        open_reprint = ticket.print_reprint_job_ids.filtered(
            lambda j: not j.is_done and not j.is_cancel
        )
        if open_reprint:
            self.message_post(
                body=self.env._(
                    "Approved again: the reprint %(job)s is still in production.",
                    job=open_reprint[0].display_name,
                )
            )
            return open_reprint[0]
        copies = (
            ticket.print_reprint_quantity
            if ticket.print_resolution == "partial_reprint"
            else job.quantity
        )
        route = job.route_id
        stages = route._ordered_stages().filtered(lambda s: not s.is_done)
        hours = sum(stages.mapped("expected_hours"))
        vals = {
            "title": self.env._("Reprint: %(title)s", title=job.title),
            "company_id": job.company_id.id,
            "sale_order_id": job.sale_order_id.id,
            "estimate_id": job.estimate_id.id,
            "partner_id": job.partner_id.id,
            "spec_summary": job.spec_summary,
            "quantity": copies,
            "route_id": route.id,
            "due_date": fields.Datetime.add(fields.Datetime.now(), hours=hours),
            "user_id": job.user_id.id or self.env.uid,
            "rush": job.rush,
            "print_ticket_id": self.id,
            "print_reprint_cost": job._print_estimated_cost(copies),
        }
        reprint = (
            self.env["print.job"]
            .sudo()
            ._print_decide("print_ticket_id", "print_reprint_cost")
            .create(vals)
        )
        cost = format_amount(self.env, reprint.print_reprint_cost, reprint.company_id.currency_id)
        self.message_post(
            body=self.env._(
                "Reprint job %(job)s created: %(copies)s copies, estimated cost %(cost)s.",
                job=reprint.name,
                copies=copies,
                cost=cost,
            )
        )
        reprint.message_post(
            body=self.env._(
                "Reprint for ticket %(ticket)s, at no charge to the customer.",
                ticket=self.display_name,
            )
        )
        return reprint

    def _print_draft_credit_note(self, action):
        """A draft customer credit note of the approved amount, for the order's invoice
        when there is one. The caller checked the group and the step."""
        self.ensure_one()
        # sudo: a service manager or billing user (checked by the action) drafts it; service
        # managers have no accounting rights, accounting reviews and posts the draft.
        ticket = self.sudo()
        labels = dict(self._fields["print_resolution"]._description_selection(self.env))
        if ticket.print_resolution not in CREDITS:
            raise UserError(
                self.env._(
                    "%(action)s: %(field)s of %(ticket)s is %(resolution)s, not a credit note"
                    " or a discount.",
                    action=action,
                    field=self._fields["print_resolution"]._description_string(self.env),
                    ticket=self.display_name,
                    resolution=labels.get(ticket.print_resolution, "-"),
                )
            )
        amount = ticket.print_resolution_amount
        rounding = ticket.print_currency_id.rounding
        if amount <= 0 or float_is_zero(amount, precision_rounding=rounding):
            raise UserError(
                self.env._(
                    "%(action)s: %(field)s must be above 0 (it is what the customer is"
                    " credited).",
                    action=action,
                    field=self._fields["print_resolution_amount"]._description_string(self.env),
                )
            )
        partner = ticket.partner_id or ticket.print_sale_order_id.partner_invoice_id
        if not partner:
            raise UserError(
                self.env._(
                    "%(action)s: %(ticket)s has no customer to credit.",
                    action=action,
                    ticket=self.display_name,
                )
            )
        invoice = ticket.print_sale_order_id.invoice_ids.filtered(
            lambda m: m.move_type == "out_invoice" and m.state == "posted"
        ).sorted("id")[-1:]
        label = self.env._(
            "%(resolution)s for ticket %(ticket)s",
            resolution=labels[ticket.print_resolution],
            ticket=ticket.number or ticket.name,
        )
        move = (
            self.env["account.move"]
            .sudo()
            .with_company(ticket.company_id)
            .create(
                {
                    "move_type": "out_refund",
                    "company_id": ticket.company_id.id,
                    "partner_id": (invoice.partner_id or partner.commercial_partner_id).id,
                    "ref": label,
                    "invoice_origin": ticket.print_sale_order_id.name or ticket.number,
                    "reversed_entry_id": invoice.id,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "name": f"{label}: {ticket.name}",
                                "quantity": 1.0,
                                "price_unit": amount,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )
        )
        self._print_decide("print_credit_move_id").write({"print_credit_move_id": move.id})
        self.message_post(
            body=self.env._(
                "Credit note drafted for %(amount)s: accounting reviews and posts it.",
                amount=format_amount(self.env, amount, ticket.print_currency_id),
            )
        )
        return move

    def _print_open_credit_note(self, move):
        """The credit note's form for whoever may read invoices; a notice otherwise."""
        if self.env["account.move"].has_access("read"):
            return {
                "type": "ir.actions.act_window",
                "res_model": "account.move",
                "res_id": move.id,
                "view_mode": "form",
                "views": [(False, "form")],
                "target": "current",
            }
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "message": self.env._(
                    "Credit note %(move)s is drafted; accounting reviews and posts it.",
                    move=move.sudo().display_name,  # sudo: its name only, after the check
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
