# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .helpdesk_ticket_stage import PRINT_STEPS
from .print_access import SERVICE_MANAGER, SERVICE_USER, require_group

REMEDIES = [
    ("reprint", "Reprint"),
    ("partial_reprint", "Partial Reprint"),
    ("credit_note", "Credit Note"),
    ("discount", "Discount"),
    ("apology", "Apology"),
    ("explanation", "Explanation"),
    ("other", "Other"),
]
RESOLUTIONS = [
    ("reprint", "Reprint"),
    ("partial_reprint", "Partial Reprint"),
    ("credit_note", "Credit Note"),
    ("discount", "Discount"),
    ("apology", "Apology"),
    ("other", "Other"),
]
FAULTS = [
    ("proof", "In the Approved Proof (customer's, chargeable)"),
    ("shop", "Not in the Proof (the shop's)"),
    ("none", "No Proof Applies"),
]
# Who may read the links to the job, its proof and its order: whoever reads jobs, and the
# customer (its own, by the record rules of those documents).
JOB_LINK_READERS = (
    "base.group_portal,print_crm_tracking.group_job_user,print_crm_quote.group_estimate_user"
)
# Steps in which the department still works on its proposal: cause, responsible and
# resolution may change. From the proposal on they are what the manager approved.
OPEN_STEPS = ("new", "valid", "routed")
PROPOSAL_FIELDS = (
    "print_cause_id",
    "print_responsible_id",
    "print_resolution",
    "print_resolution_note",
    "print_resolution_amount",
    "print_reprint_quantity",  # helpdesk_ticket_quality.py
    "print_supplier_id",
)
# Steps a ticket waits in for the customer (follow-up by the service desk).
CUSTOMER_STEPS = ("resolved", "committed")
CLOSED_STEPS = ("invalid", "satisfied", "archived")


class HelpdeskTicket(models.Model):
    """Print tickets (whose type has a print kind) follow the service workflow: each step
    is taken by its action, which checks the caller's group and what the step needs, and
    records who and when. Tickets without a print kind stay plain helpdesk_mgmt tickets."""

    # Extends helpdesk_mgmt's model (Odoo needs _name with several _inherit). Its access is
    # helpdesk_mgmt's: the module's one line for it repeats helpdesk_mgmt's own for helpdesk
    # users, granting nothing.
    _name = "helpdesk.ticket"
    _inherit = ["helpdesk.ticket", "print.decision.mixin"]
    # Written by the workflow actions only (action_print_*, the escalation cron).
    _print_decision_fields = (
        "print_step",
        "print_validity_note",
        "print_validity_by_id",
        "print_validity_date",
        "print_deadline",
        "print_escalated_date",
        "print_fault",
        "print_proposed_by_id",
        "print_proposed_date",
        "print_approved_by_id",
        "print_approved_date",
        "print_commitment",
        "print_commitment_date",
        "print_resolved_by_id",
        "print_resolved_date",
        "print_satisfied_by_id",
        "print_satisfied_date",
        "print_reopen_count",
    )

    # --- what the ticket is about (portal-visible where the customer gave it)
    print_kind = fields.Selection(related="type_id.print_kind", store=True, index="btree_not_null")
    print_sale_order_id = fields.Many2one(
        "sale.order", "Order", index="btree_not_null", groups=JOB_LINK_READERS
    )
    print_job_id = fields.Many2one(
        "print.job", "Production Job", index="btree_not_null", groups=JOB_LINK_READERS
    )
    print_proof_id = fields.Many2one(
        "print.proof",
        "Proof Round",
        groups=JOB_LINK_READERS,
        help="The proof round the complaint is about, if the customer named one.",
    )
    print_partner_phone = fields.Char(
        "Complainant's Phone",
        help="How to reach the complainant, also when they are not a portal user.",
    )
    print_remedy_wanted = fields.Selection(REMEDIES, "Remedy Wanted")
    print_remedy_note = fields.Text("Remedy Wanted (details)")

    # --- the workflow
    print_step = fields.Selection(
        PRINT_STEPS, "Step", readonly=True, copy=False, index="btree_not_null", tracking=True
    )
    print_step_ids = fields.One2many(
        "print.service.step", "ticket_id", "Step Log", readonly=True, groups=SERVICE_USER
    )
    print_validity_note = fields.Text(
        "Validity Reason", readonly=True, copy=False, groups="base.group_user"
    )
    print_validity_by_id = fields.Many2one(
        "res.users", "Validity Judged By", readonly=True, copy=False, groups="base.group_user"
    )
    print_validity_date = fields.Datetime(
        "Validity Judged On", readonly=True, copy=False, groups="base.group_user"
    )
    print_deadline = fields.Datetime(
        "Deadline",
        readonly=True,
        copy=False,
        tracking=True,
        groups="base.group_user",
        help="Set when the ticket is routed: the team's response time on its working calendar.",
    )
    print_overdue = fields.Boolean(
        "Overdue",
        compute="_compute_print_overdue",
        search="_search_print_overdue",
        help="Past its deadline and not resolved yet.",
    )
    print_escalated_date = fields.Datetime(
        "Escalated On", readonly=True, copy=False, groups="base.group_user"
    )

    # --- investigation
    print_cause_id = fields.Many2one(
        "print.service.cause", "Cause", tracking=True, groups="base.group_user"
    )
    print_responsible_id = fields.Many2one(
        "res.users",
        "Responsible Person",
        tracking=True,
        domain="[('share', '=', False)]",
        groups="base.group_user",
        help="Who caused the problem, as the department found it.",
    )
    print_fault = fields.Selection(
        FAULTS, "Fault", readonly=True, copy=False, tracking=True, groups="base.group_user"
    )
    print_chargeable = fields.Boolean(
        "Chargeable",
        compute="_compute_print_chargeable",
        store=True,
        groups="base.group_user",
        help="The error is in the proof the customer approved: the customer pays the remedy.",
    )
    print_approved_proof_id = fields.Many2one(
        "print.proof",
        "Approved Proof",
        compute="_compute_print_approved_proof_id",
        groups=SERVICE_USER,
        help="The job's approved proof round: what the customer signed off.",
    )

    print_approved_proof_file_ids = fields.Many2many(
        "print.proof.file",
        string="Approved Proof Files",
        compute="_compute_print_approved_proof_id",
        groups=SERVICE_USER,
    )
    print_approved_proof_answer_ids = fields.Many2many(
        "print.proof.answer",
        string="Customer's Answer",
        compute="_compute_print_approved_proof_id",
        groups=SERVICE_USER,
    )

    # --- resolution
    print_resolution = fields.Selection(RESOLUTIONS, "Resolution", tracking=True)
    print_resolution_note = fields.Text("Resolution Details")
    print_currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    print_resolution_amount = fields.Monetary(
        "Resolution Amount", currency_field="print_currency_id", groups="base.group_user"
    )
    print_proposed_by_id = fields.Many2one(
        "res.users", "Proposed By", readonly=True, copy=False, groups="base.group_user"
    )
    print_proposed_date = fields.Datetime(
        "Proposed On", readonly=True, copy=False, groups="base.group_user"
    )
    print_approved_by_id = fields.Many2one(
        "res.users", "Approved By", readonly=True, copy=False, groups="base.group_user"
    )
    print_approved_date = fields.Datetime(
        "Approved On", readonly=True, copy=False, groups="base.group_user"
    )
    print_commitment = fields.Text("Commitment", readonly=True, copy=False)
    print_commitment_date = fields.Date("Committed For", readonly=True, copy=False)
    print_resolved_by_id = fields.Many2one(
        "res.users", "Resolved By", readonly=True, copy=False, groups="base.group_user"
    )
    print_resolved_date = fields.Datetime("Resolved On", readonly=True, copy=False)
    print_satisfied_by_id = fields.Many2one(
        "res.users",
        "Satisfaction Recorded By",
        readonly=True,
        copy=False,
        groups="base.group_user",
    )
    print_satisfied_date = fields.Datetime("Customer Satisfied On", readonly=True, copy=False)
    print_reopen_count = fields.Integer("Reopened", readonly=True, copy=False)

    # ------------------------------------------------------------------ computes

    @api.depends("print_deadline", "print_step")
    @api.depends_context("print_now")
    def _compute_print_overdue(self):
        now = fields.Datetime.now()
        for ticket in self:
            ticket.print_overdue = bool(
                ticket.print_deadline
                and ticket.print_deadline < now
                and ticket.print_step in ("valid", "routed", "proposed", "approved")
            )

    def _search_print_overdue(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Overdue: search with = True or = False."))
        overdue = [
            ("print_deadline", "<", fields.Datetime.now()),
            ("print_step", "in", ["valid", "routed", "proposed", "approved"]),
        ]
        if (operator == "=") == value:
            return overdue
        return ["!", "&", *overdue]

    @api.depends("print_fault")
    def _compute_print_chargeable(self):
        for ticket in self:
            ticket.print_chargeable = ticket.print_fault == "proof"

    @api.depends("print_job_id.print_proof_ids.state")
    def _compute_print_approved_proof_id(self):
        for ticket in self:
            approved = ticket.print_job_id.print_proof_ids.filtered(lambda p: p.state == "approved")
            proof = approved.sorted("round", reverse=True)[:1]
            ticket.print_approved_proof_id = proof
            ticket.print_approved_proof_file_ids = proof.file_ids
            ticket.print_approved_proof_answer_ids = proof.answer_ids

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        """The service desk's kanban shows the print steps; the plain helpdesk kanban
        shows the print steps only where it has tickets in them."""
        result = super()._read_group_stage_ids(stages, domain)
        if self.env.context.get("print_service_desk"):
            return result.search([("print_step", "!=", False)])
        return result.filtered(lambda s: not s.print_step or s in stages)

    # ------------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        self._print_check_decision_vals(vals_list)
        tickets = super().create(vals_list)
        stray = tickets.filtered(lambda t: not t.print_kind and t.stage_id.print_step)
        if stray:
            raise UserError(
                self.env._(
                    "Stage: %(stage)s is a step of the print service workflow; only tickets"
                    " of a print type go there.",
                    stage=stray[0].stage_id.display_name,
                )
            )
        tickets._print_start()
        return tickets

    def write(self, vals):
        self._print_check_decision_vals([vals])
        if "stage_id" in vals and not self._print_decision_allowed({"print_step"}):
            print_tickets = self.filtered("print_kind")
            if print_tickets:
                # A stage move of a print ticket (a kanban drag) is the step's action.
                others = self - print_tickets
                if others:
                    others.write(vals)
                stage = self.env["helpdesk.ticket.stage"].browse(vals["stage_id"])
                rest = {k: v for k, v in vals.items() if k not in ("stage_id", "kanban_state")}
                if rest:
                    print_tickets.write(rest)  # with this method's checks
                for ticket in print_tickets:
                    ticket._print_move_to(stage)
                return True
            stage = self.env["helpdesk.ticket.stage"].browse(vals["stage_id"])
            if stage.print_step:
                raise UserError(
                    self.env._(
                        "Stage: %(stage)s is a step of the print service workflow; only"
                        " tickets of a print type go there.",
                        stage=stage.display_name,
                    )
                )
        if not self._print_decision_allowed(set(PROPOSAL_FIELDS)):
            frozen = set(vals) & set(PROPOSAL_FIELDS)
            locked = self.filtered(lambda t: t.print_kind and t.print_step not in OPEN_STEPS)
            if frozen and locked:
                field = self._fields[sorted(frozen)[0]]
                raise UserError(
                    self.env._(
                        "%(field)s of %(ticket)s was proposed for approval: it no longer"
                        " changes. Reopen the ticket to change it.",
                        field=field._description_string(self.env),
                        ticket=locked[0].display_name,
                    )
                )
        if "type_id" in vals:
            kind = self.env["helpdesk.ticket.type"].browse(vals["type_id"]).print_kind
            if not kind and self.filtered("print_step"):
                raise UserError(
                    self.env._(
                        "Type: a ticket in the print workflow keeps a type with a print kind."
                    )
                )
        res = super().write(vals)
        if "type_id" in vals:
            self._print_start()
        return res

    def _print_start(self):
        """Print tickets without a step enter the workflow at its first step."""
        for ticket in self.filtered(lambda t: t.print_kind and not t.print_step):
            # The ticket was just created (or given a print type) by the caller, who may.
            ticket.sudo()._print_set_step("new")

    # ------------------------------------------------------------------ steps

    def _print_stage(self, step):
        """The stage of ``step`` for this ticket's company."""
        Stage = self.env["helpdesk.ticket.stage"].sudo()
        stages = Stage.search(
            [("print_step", "=", step), ("company_id", "in", [False, self.company_id.id])],
            order="company_id",  # the company's own stage first
        )
        return stages[:1]

    def _print_set_step(self, step, note=False, vals=None):
        """Move this ticket to ``step`` (with ``vals``), log who and when.

        Callers have checked the group and the step's needs.
        """
        self.ensure_one()
        now = fields.Datetime.now()
        values = {"print_step": step, **(vals or {})}
        stage = self._print_stage(step)
        if stage:
            values["stage_id"] = stage.id
        self._print_decide().write(values)
        self.env["print.service.step"]._print_decide().create(
            {
                "ticket_id": self.id,
                "step": step,
                "user_id": self.env.user.id,
                "date": now,
                "note": note or False,
            }
        )

    def _print_check_step(self, action, *steps):
        for ticket in self:
            if not ticket.print_kind:
                raise UserError(
                    self.env._(
                        "%(action)s: %(ticket)s has no print type, so it follows no print"
                        " workflow.",
                        action=action,
                        ticket=ticket.display_name,
                    )
                )
            if ticket.print_step not in steps:
                labels = dict(self._fields["print_step"]._description_selection(self.env))
                raise UserError(
                    self.env._(
                        "%(action)s: %(ticket)s is %(step)s; this is done when it is %(steps)s.",
                        action=action,
                        ticket=ticket.display_name,
                        step=labels.get(ticket.print_step, ticket.print_step),
                        steps=" / ".join(labels[s] for s in steps),
                    )
                )

    def _print_missing(self, action, names):
        """Refuse ``action`` naming the fields in ``names`` that are empty."""
        self.ensure_one()
        missing = [
            self._fields[name]._description_string(self.env)
            for name in names
            if not self.sudo()[name]  # sudo: reading own ticket's fields to name them
        ]
        if missing:
            raise UserError(
                self.env._(
                    "%(action)s: %(ticket)s needs %(fields)s first.",
                    action=action,
                    ticket=self.display_name,
                    fields=", ".join(missing),
                )
            )

    def _print_move_to(self, stage):
        """A stage move asked by the client (kanban drag): run the step's action when it
        takes no input, refuse otherwise."""
        self.ensure_one()
        step = stage.print_step
        if step == self.print_step:
            return
        actions = {
            "valid": "action_print_mark_valid",
            "proposed": "action_print_propose",
            "approved": "action_print_approve",
            "resolved": "action_print_resolve",
            "satisfied": "action_print_confirm_satisfied",
            "archived": "action_print_archive",
        }
        if step not in actions:
            raise UserError(
                self.env._(
                    "Stage: %(ticket)s cannot be moved to %(stage)s by dragging it: use the"
                    " step's button on the ticket, which asks what the step needs.",
                    ticket=self.display_name,
                    stage=stage.display_name,
                )
            )
        getattr(self, actions[step])()

    # ------------------------------------------------------------------ actions

    def action_print_mark_valid(self):
        require_group(self, self.env._("Mark Valid"), SERVICE_USER)
        self._print_check_step(self.env._("Mark Valid"), "new")
        now = fields.Datetime.now()
        for ticket in self:
            ticket._print_set_step(
                "valid",
                vals={"print_validity_by_id": self.env.user.id, "print_validity_date": now},
            )
        return True

    def action_print_mark_invalid(self):
        require_group(self, self.env._("Mark Invalid"), SERVICE_USER)
        self.ensure_one()
        self._print_check_step(self.env._("Mark Invalid"), "new")
        return self._print_wizard_action(
            "print.service.invalid.wizard", self.env._("Invalid Complaint")
        )

    def _print_mark_invalid(self, reason, template=None):
        """The wizard's half of :meth:`action_print_mark_invalid`, after its checks."""
        self.ensure_one()
        if not (reason or "").strip():
            raise UserError(self.env._("Reason: say why the complaint is not valid."))
        self._print_set_step(
            "invalid",
            note=reason,
            vals={
                "print_validity_note": reason,
                "print_validity_by_id": self.env.user.id,
                "print_validity_date": fields.Datetime.now(),
            },
        )
        template = template or self.env.ref("print_crm_service.mail_template_print_invalid")
        self._print_mail_customer(template)

    def action_print_route(self):
        require_group(self, self.env._("Route"), SERVICE_USER)
        self.ensure_one()
        self._print_check_step(self.env._("Route"), "valid")
        return self._print_wizard_action(
            "print.service.route.wizard", self.env._("Route to a Department")
        )

    def _print_route(self, team, deadline=None, note=False):
        """The wizard's half of :meth:`action_print_route`, after its checks."""
        self.ensure_one()
        if not team:
            raise UserError(self.env._("Team: choose the department that handles it."))
        deadline = deadline or team._print_deadline(fields.Datetime.now())
        self.write({"team_id": team.id})
        self._print_set_step(
            "routed",
            note=note or team.display_name,
            vals={"print_deadline": deadline, "print_escalated_date": False},
        )

    def action_print_propose(self):
        require_group(self, self.env._("Propose Resolution"), SERVICE_USER)
        action = self.env._("Propose Resolution")
        self._print_check_step(action, "routed")
        now = fields.Datetime.now()
        for ticket in self:
            needed = ["print_cause_id", "print_responsible_id", "print_resolution"]
            # sudo: the caller is service staff (checked above); the job's proofs may be
            # outside the prepress rules of the caller.
            if ticket.sudo().print_approved_proof_id:
                needed.append("print_fault")  # whose fault it is decides who pays
            ticket._print_missing(action, needed)
            ticket._print_check_proposal(action)  # helpdesk_ticket_quality.py
            ticket._print_set_step(
                "proposed",
                note=ticket.print_resolution_note,
                vals={"print_proposed_by_id": self.env.user.id, "print_proposed_date": now},
            )
            ticket._print_ask_approval()
        return True

    def _print_ask_approval(self):
        """An activity for a service manager (the team's leader when he is one) to
        approve the proposal; approving or rejecting it marks it done."""
        self.ensure_one()
        leader = self._print_manager()
        approver = (
            leader if leader and leader.has_group(SERVICE_MANAGER) else self._print_managers()[:1]
        )
        if approver:
            self.sudo().activity_schedule(  # sudo: after the caller's group check
                "print_crm_service.mail_activity_print_approve", user_id=approver.id
            )

    def _print_close_approval(self, feedback):
        # sudo: after the manager's group check; the activity may be another manager's.
        self.sudo().activity_feedback(
            ["print_crm_service.mail_activity_print_approve"], feedback=feedback
        )

    def action_print_approve(self):
        require_group(self, self.env._("Approve Resolution"), SERVICE_MANAGER)
        self._print_check_step(self.env._("Approve Resolution"), "proposed")
        now = fields.Datetime.now()
        for ticket in self:
            ticket._print_set_step(
                "approved",
                vals={"print_approved_by_id": self.env.user.id, "print_approved_date": now},
            )
            ticket._print_close_approval(self.env._("Approved"))
            ticket._print_apply_resolution()  # a reprint job (helpdesk_ticket_quality.py)
            ticket._print_notify_customer()
        return True

    def action_print_reject_proposal(self):
        require_group(self, self.env._("Reject Proposal"), SERVICE_MANAGER)
        self._print_check_step(self.env._("Reject Proposal"), "proposed")
        for ticket in self:
            ticket._print_set_step(
                "routed",
                note=self.env._("Proposal rejected"),
                vals={"print_proposed_by_id": False, "print_proposed_date": False},
            )
            ticket._print_close_approval(self.env._("Rejected"))
        return True

    def action_print_resolve(self):
        require_group(self, self.env._("Resolve"), SERVICE_USER)
        self._print_check_step(self.env._("Resolve"), "approved", "committed")
        now = fields.Datetime.now()
        for ticket in self:
            ticket._print_set_step(
                "resolved",
                vals={"print_resolved_by_id": self.env.user.id, "print_resolved_date": now},
            )
        return True

    def action_print_commit(self):
        require_group(self, self.env._("Record Commitment"), SERVICE_USER)
        self.ensure_one()
        self._print_check_step(self.env._("Record Commitment"), "approved")
        return self._print_wizard_action(
            "print.service.commit.wizard", self.env._("Record a Commitment")
        )

    def _print_commit(self, commitment, date):
        """The wizard's half of :meth:`action_print_commit`, after its checks."""
        self.ensure_one()
        if not (commitment or "").strip():
            raise UserError(self.env._("Commitment: say what the shop will do."))
        if not date:
            raise UserError(self.env._("By When: give the date the shop commits to."))
        self._print_set_step(
            "committed",
            note=commitment,
            vals={"print_commitment": commitment, "print_commitment_date": date},
        )
        self._print_notify_customer()

    def action_print_confirm_satisfied(self):
        require_group(self, self.env._("Customer Satisfied"), SERVICE_USER)
        self._print_check_step(self.env._("Customer Satisfied"), "resolved")
        for ticket in self:
            ticket._print_set_satisfied()
        return True

    def _print_set_satisfied(self, note=False):
        """The customer confirmed being satisfied (the desk's call, or the portal)."""
        self.ensure_one()
        self._print_set_step(
            "satisfied",
            note=note,
            vals={
                "print_satisfied_by_id": self.env.user.id,
                "print_satisfied_date": fields.Datetime.now(),
            },
        )

    def action_print_reopen(self):
        require_group(self, self.env._("Reopen"), SERVICE_USER)
        self.ensure_one()
        self._print_check_step(self.env._("Reopen"), "invalid", *CUSTOMER_STEPS, "satisfied")
        return self._print_wizard_action("print.service.reopen.wizard", self.env._("Reopen"))

    def _print_reopen(self, reason):
        """The wizard's half of :meth:`action_print_reopen`, after its checks: an invalid
        ticket is judged again, a resolved one goes back to its department, whose proposal
        needs a new approval."""
        self.ensure_one()
        if not (reason or "").strip():
            raise UserError(self.env._("Reason: say why the ticket is reopened."))
        step = "new" if self.print_step == "invalid" else "routed"
        self._print_set_step(
            step,
            note=reason,
            vals={
                "print_reopen_count": self.print_reopen_count + 1,
                "print_proposed_by_id": False,
                "print_proposed_date": False,
                "print_approved_by_id": False,
                "print_approved_date": False,
                "print_satisfied_by_id": False,
                "print_satisfied_date": False,
                "print_escalated_date": False,
            },
        )

    def action_print_archive(self):
        require_group(self, self.env._("Archive"), SERVICE_USER)
        self._print_check_step(self.env._("Archive"), "invalid", "satisfied")
        for ticket in self:
            ticket._print_set_step("archived")
        return True

    def action_print_record_fault(self, fault=None):
        """Record where the fault lies against the approved proof (button context
        ``print_fault``: proof, shop or none); the resolution's defaults follow."""
        require_group(self, self.env._("Record Fault"), SERVICE_USER)
        action = self.env._("Record Fault")
        fault = fault or self.env.context.get("print_fault")
        if fault not in dict(FAULTS):
            raise UserError(
                self.env._(
                    "Fault: choose %(choices)s.",
                    choices=" / ".join(
                        label
                        for __, label in self._fields["print_fault"]._description_selection(
                            self.env
                        )
                    ),
                )
            )
        self._print_check_step(action, *OPEN_STEPS)
        for ticket in self:
            # sudo: service staff (checked above) read the job's approved proof.
            proof = ticket.sudo().print_approved_proof_id
            if fault == "proof" and not proof:
                raise UserError(
                    self.env._(
                        "Fault: %(ticket)s's job has no approved proof, so the fault cannot be"
                        " in it.",
                        ticket=ticket.display_name,
                    )
                )
            vals = {"print_fault": fault}
            vals.update(ticket._print_resolution_defaults(fault))
            ticket._print_decide().write(vals)
            labels = dict(self._fields["print_fault"]._description_selection(self.env))
            self.env["print.service.step"]._print_decide().create(
                {
                    "ticket_id": ticket.id,
                    "step": ticket.print_step,
                    "user_id": self.env.user.id,
                    "date": fields.Datetime.now(),
                    "note": self.env._("Fault: %(fault)s", fault=labels[fault]),
                }
            )
        return True

    def _print_resolution_defaults(self, fault):
        """What the resolution becomes when the fault is known (unless already chosen):
        the shop's fault → the reprint or credit the customer wants; the customer's →
        quote the reprint."""
        self.ensure_one()
        if self.print_resolution:
            return {}
        if fault == "shop":
            wanted = self.print_remedy_wanted
            return {
                "print_resolution": wanted
                if wanted in ("reprint", "partial_reprint", "credit_note", "discount")
                else "reprint"
            }
        if fault == "proof":
            return {
                "print_resolution": "other",
                "print_resolution_note": self.env._(
                    "The error is in the proof the customer approved: quote the reprint."
                ),
            }
        return {}

    # ------------------------------------------------------------------ helpers

    def _print_wizard_action(self, model, name):
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": model,
            "view_mode": "form",
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }

    def _print_manager(self):
        """Who approves and gets escalations: the team's leader, else the first service
        manager of the ticket's company."""
        self.ensure_one()
        # sudo: the team leader and the managers are configuration, read to address them.
        return self.sudo().team_id.user_id or self._print_managers()[:1]

    def _print_managers(self):
        """The service managers of the ticket's company, oldest first."""
        self.ensure_one()
        # sudo: the managers are configuration, read to address them.
        managers = (
            self.env.ref(SERVICE_MANAGER)
            .sudo()
            .users.filtered(
                lambda u: not u.share and not u._is_superuser() and self.company_id in u.company_ids
            )
        )
        return managers.sorted("id")

    def _print_mail_customer(self, template):
        """E-mail the complainant with ``template`` (a note when there is no address)."""
        self.ensure_one()
        if self.partner_id.email:
            self.message_post_with_source(
                template,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=self.partner_id.ids,
            )
            return True
        if self.partner_email:
            # A complainant known by an address only (a call, a letter): the template's
            # email_to; the e-mail shows on the ticket as sent.
            template.send_mail(
                self.id, force_send=False, email_layout_xmlid="mail.mail_notification_light"
            )
            return True
        self.message_post(
            body=self.env._("The complainant has no e-mail address: tell them by phone.")
        )
        return False

    def _print_notify_customer(self):
        """Tell the complainant what will be done (the approved resolution, a commitment)."""
        self._print_mail_customer(self.env.ref("print_crm_service.mail_template_print_resolution"))

    @api.model
    def _cron_print_escalate(self):
        """Once a day: one activity per overdue ticket to its team leader / the service
        manager, stamped so that the next run does not repeat it."""
        tickets = self.search([("print_overdue", "=", True), ("print_escalated_date", "=", False)])
        now = fields.Datetime.now()
        for ticket in tickets:
            manager = ticket._print_manager()
            if manager:
                ticket.activity_schedule(
                    "mail.mail_activity_data_todo",
                    user_id=manager.id,
                    summary=self.env._("Overdue: %(ticket)s", ticket=ticket.display_name),
                    note=self.env._(
                        "The deadline %(deadline)s has passed.",
                        deadline=fields.Datetime.to_string(ticket.print_deadline),
                    ),
                )
            ticket._print_decide("print_escalated_date").write({"print_escalated_date": now})
        return len(tickets)

    # ------------------------------------------------------------------ demo

    @api.model
    def _print_demo_tickets(self):
        """Demo tickets in every step, taken through the steps' actions by the demo desk
        (user_demo) and the service manager (admin), so their step logs are true."""
        ref = self.env.ref
        desk = ref("base.user_demo")
        manager = ref("base.user_admin")
        press = ref("print_crm_service.team_pressroom_demo")
        dispatch = ref("print_crm_service.team_dispatch_demo")
        colour = ref("print_crm_service.cause_press_colour")
        late = ref("print_crm_service.cause_logistics_late")
        jobs = self.env["print.job"].sudo()

        def ticket(name, kind, channel, order, remedy="reprint", **values):
            order = ref(f"print_crm_tracking.{order}")
            job = jobs.search([("sale_order_id", "=", order.id)], limit=1)
            vals = {
                "name": name,
                "description": f"<p>{name}</p>",
                "type_id": ref(f"print_crm_service.ticket_type_{kind}").id,
                "channel_id": ref(channel).id,
                "partner_id": order.partner_id.id,
                "print_sale_order_id": order.id,
                "print_job_id": job.id,
                "print_remedy_wanted": remedy,
                **values,
            }
            return self.with_user(desk).create(vals)

        def investigate(record, cause, resolution, note):
            record.with_user(desk).write(
                {
                    "print_cause_id": cause.id,
                    "print_responsible_id": desk.id,
                    "print_resolution": resolution,
                    "print_resolution_note": note,
                }
            )

        hotline = "print_crm_service.ticket_channel_hotline"
        email = "helpdesk_mgmt.helpdesk_ticket_channel_email"
        web = "helpdesk_mgmt.helpdesk_ticket_channel_web"
        visit = "print_crm_service.ticket_channel_visit"

        ticket(
            "Menu cards: two cards missing in a box", "quality", hotline, "order_menu_cards_demo"
        )
        invalid = ticket(
            "Open day flyer: blue looks different on screen",
            "complaint",
            email,
            "order_open_day_demo",
            remedy="credit_note",
        )
        invalid.with_user(desk)._print_mark_invalid(
            "Screens show colours differently from print; the flyer matches the approved proof"
            " and the press proof."
        )
        valid = ticket(
            "Catalogue insert: delivered a day late", "delivery", web, "order_catalogue_insert_demo"
        )
        valid.with_user(desk).action_print_mark_valid()
        routed = ticket(
            "Conference programme: registration off on page 4",
            "complaint",
            visit,
            "order_conference_demo",
        )
        routed.with_user(desk).action_print_mark_valid()
        routed.with_user(desk)._print_route(press)
        steps = {}
        for step, title, order in (
            ("proposed", "Expo flyer: colour too dark", "order_expo_flyer_demo"),
            ("approved", "Trade run: banding on the solid", "order_trade_run_demo"),
            ("committed", "Posters: corners damaged", "order_portal_posters_demo"),
            ("resolved", "Flyer: trimmed 2 mm short", "order_portal_flyer_demo"),
            ("satisfied", "Menu cards: wrong paper weight", "order_menu_cards_demo"),
            ("archived", "Open day flyer: smudges", "order_open_day_demo"),
        ):
            record = ticket(title, "complaint", hotline, order)
            record.with_user(desk).action_print_mark_valid()
            record.with_user(desk)._print_route(press if step != "committed" else dispatch)
            investigate(record, colour if step != "committed" else late, "reprint", title)
            if record.sudo().print_approved_proof_id:
                record.with_user(desk).action_print_record_fault(fault="shop")
            record.with_user(desk).action_print_propose()
            steps[step] = record
            if step == "proposed":
                continue
            record.with_user(manager).action_print_approve()
            if step == "approved":
                continue
            if step == "committed":
                record.with_user(desk)._print_commit(
                    "Reprint and deliver the posters by courier",
                    fields.Date.context_today(record),
                )
                continue
            record.with_user(desk).action_print_resolve()
            if step == "resolved":
                continue
            record.with_user(desk).action_print_confirm_satisfied()
            if step == "archived":
                record.with_user(desk).action_print_archive()
        # A ticket the customer reopened once before being satisfied.
        steps["satisfied"].with_user(desk)._print_reopen("The reprint came on 130 g/m² again.")
        steps["satisfied"].with_user(desk).action_print_propose()
        steps["satisfied"].with_user(manager).action_print_approve()
        steps["satisfied"].with_user(desk).action_print_resolve()
        steps["satisfied"].with_user(desk).action_print_confirm_satisfied()
        # The cost of quality: an outsourced fault reprinted in part, a late delivery credited.
        finishing = ref("print_crm_service.team_finishing_demo")
        partial = ticket(
            "Catalogue insert: 2,000 inserts folded crooked",
            "quality",
            hotline,
            "order_catalogue_insert_demo",
            remedy="partial_reprint",
        )
        credit = ticket(
            "Conference programme: delivered after the opening",
            "delivery",
            email,
            "order_conference_demo",
            remedy="credit_note",
        )
        for record, team, cause, resolution, values in (
            (
                partial,
                finishing,
                ref("print_crm_service.cause_outsourced"),
                "partial_reprint",
                {
                    "print_reprint_quantity": 2000,
                    "print_supplier_id": ref("print_crm_service.partner_bindery_demo").id,
                },
            ),
            (credit, dispatch, late, "credit_note", {"print_resolution_amount": 150.0}),
        ):
            record.with_user(desk).action_print_mark_valid()
            record.with_user(desk)._print_route(team)
            investigate(record, cause, resolution, record.name)
            record.with_user(desk).write(values)
            if record.sudo().print_approved_proof_id:
                record.with_user(desk).action_print_record_fault(fault="shop")
            record.with_user(desk).action_print_propose()
            record.with_user(manager).action_print_approve()
        credit.with_user(manager).action_print_draft_credit_note()
        ticket(
            "Suggestion: send proofs as PDF and JPG",
            "suggestion",
            "print_crm_service.ticket_channel_mailbox",
            "order_trade_run_demo",
            remedy="other",
        )
        return True
