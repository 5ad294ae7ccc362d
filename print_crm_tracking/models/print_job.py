# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .print_access import JOB_READERS, JOB_USER, require_group

_logger = logging.getLogger(__name__)


class PrintJob(models.Model):
    """A print order line in production: where it is, since when, and when it is due."""

    _name = "print.job"
    _description = "Production Job"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin", "print.decision.mixin"]
    _order = "rush desc, due_date, id"
    _check_company_auto = True
    # What a stage move records: only the move writes it (see write()).
    _print_decision_fields = ("customer_stage_id", "date_stage", "date_start", "date_done")
    # Fields marked INTERNAL carry groups="base.group_user": a portal user reads over RPC
    # only what the portal shows (the portal pages read the job as superuser after the
    # access check, as Odoo's orders do).

    # Trigram: the customer lookup finds a job's customer by a fragment of its number.
    name = fields.Char(
        "Reference", required=True, readonly=True, copy=False, default="/", index="trigram"
    )
    title = fields.Char("Job", required=True, tracking=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    sale_order_id = fields.Many2one(
        "sale.order", "Order", readonly=True, index=True, ondelete="cascade", check_company=True
    )
    sale_line_id = fields.Many2one(
        "sale.order.line",
        "Order Line",
        readonly=True,
        index=True,
        ondelete="cascade",
        groups="base.group_user",
    )
    estimate_id = fields.Many2one(
        "print.estimate", readonly=True, index="btree_not_null", groups="base.group_user"
    )
    partner_id = fields.Many2one(
        "res.partner", "Customer", required=True, index=True, tracking=True, check_company=True
    )
    commercial_partner_id = fields.Many2one(
        related="partner_id.commercial_partner_id", store=True, index=True
    )
    spec_summary = fields.Text(
        "Specification (as ordered)",
        help="The specification as it was when the job was made, in the language of whoever"
        " confirmed the order; what people read is Specification, in their own language.",
    )
    spec_text = fields.Text(
        "Specification",
        compute="_compute_spec_text",
        help="The job's specification from its estimate, in the reader's language.",
    )
    quantity = fields.Integer("Copies", required=True, default=1, tracking=True)
    user_id = fields.Many2one(
        "res.users",
        "Responsible",
        default=lambda self: self.env.user,
        tracking=True,
        domain="[('share', '=', False)]",
        groups="base.group_user",
    )
    rush = fields.Boolean(
        tracking=True,
        help="Rush jobs come first everywhere, alert the production manager and skip batch"
        " waits (outsourcing, purchasing).",
    )
    route_id = fields.Many2one(
        "print.job.route", "Route", required=True, tracking=True, groups="base.group_user"
    )
    stage_id = fields.Many2one(
        "print.job.stage",
        "Stage",
        required=True,
        tracking=True,
        index=True,
        group_expand="_read_group_expand_stage_ids",
        domain="[('id', 'in', route_stage_ids)]",
        groups="base.group_user",
    )
    route_stage_ids = fields.Many2many(
        related="route_id.stage_ids", string="Route Stages", groups="base.group_user"
    )
    customer_stage_id = fields.Many2one(
        "print.job.stage",
        "Status for the Customer",
        readonly=True,
        copy=False,
        groups="base.group_user",  # its display name is the internal stage name
        help="The last stage the job entered that the customer may see.",
    )
    print_customer_status = fields.Char(
        "Status Shown to the Customer",
        compute="_compute_print_customer_status",
        help="What the portal and the e-mails say about the job: the customer label of the"
        " last stage it entered that the customer sees (prepress says what its proof rounds"
        " ask of the customer while it is in proof approval).",
    )
    is_done = fields.Boolean(related="stage_id.is_done", store=True)
    is_cancel = fields.Boolean(related="stage_id.is_cancel", store=True)
    due_date = fields.Datetime(
        required=True,
        tracking=True,
        index=True,
        help="The order's delivery date, or the sum of the route's expected stage durations.",
    )
    date_stage = fields.Datetime(
        "In Stage Since",
        readonly=True,
        default=fields.Datetime.now,
        copy=False,
        groups="base.group_user",
    )
    date_start = fields.Datetime("Started", readonly=True, copy=False, groups="base.group_user")
    date_done = fields.Datetime("Finished", readonly=True, copy=False)
    expected_date = fields.Datetime(
        "Expected Completion",
        compute="_compute_expected_date",
        groups="base.group_user",
        help="When the job should be done at the expected pace of its remaining stages.",
    )
    is_late = fields.Boolean(
        "Late",
        compute="_compute_is_late",
        search="_search_is_late",
        help="Past due, not done.",
    )
    stage_overdue = fields.Boolean(
        "Over Stage Time",
        compute="_compute_stage_overdue",
        groups="base.group_user",
        help="In its stage for longer than the stage's expected duration.",
    )
    parent_id = fields.Many2one(
        "print.job",
        "Split From",
        readonly=True,
        index="btree_not_null",
        groups="base.group_user",
    )
    child_ids = fields.One2many("print.job", "parent_id", "Split Into", groups="base.group_user")
    history_ids = fields.One2many(
        "print.job.history", "job_id", "Stage History", readonly=True, groups="base.group_user"
    )
    # Reminders already sent, so that the nightly and hourly runs do not repeat them.
    reminder_due_sent = fields.Boolean(copy=False, groups="base.group_user")
    reminder_overdue_sent = fields.Boolean(copy=False, groups="base.group_user")
    reminder_stage_sent = fields.Boolean(copy=False, groups="base.group_user")
    color = fields.Integer(groups="base.group_user")

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)", "A job prints at least one copy."),
    ]

    # ------------------------------------------------------------------ computes

    @api.depends("spec_summary", "estimate_id")
    @api.depends_context("lang")
    def _compute_spec_text(self):
        for job in self:
            # sudo: the estimate's specification is the job's own (spec_summary, which
            # whoever reads the job reads), said again in the reader's language; an
            # estimate is frozen once accepted.
            estimate = job.sudo().estimate_id.with_context(lang=self.env.lang)
            job.spec_text = (estimate.spec_summary if estimate else "") or job.spec_summary

    def _read_group_expand_stage_ids(self, stages, domain):
        return stages.search([], order=stages._order)

    @api.depends("stage_id", "date_stage", "route_id", "is_done", "date_done")
    def _compute_expected_date(self):
        now = fields.Datetime.now()
        for job in self:
            if job.is_done:
                job.expected_date = job.date_done
                continue
            stages = job.route_id._ordered_stages() if job.route_id else job.stage_id
            remaining = stages.filtered(
                lambda s, job=job: (s.sequence, s.id) > (job.stage_id.sequence, job.stage_id.id)
            )
            in_stage = (now - (job.date_stage or now)).total_seconds() / 3600
            left = max(job.stage_id.expected_hours - in_stage, 0.0)
            hours = left + sum(remaining.filtered(lambda s: not s.is_done).mapped("expected_hours"))
            job.expected_date = now + timedelta(hours=hours)

    @api.depends("due_date", "is_done", "is_cancel")
    @api.depends_context("print_now")
    def _compute_is_late(self):
        now = fields.Datetime.now()
        for job in self:
            job.is_late = bool(
                job.due_date and job.due_date < now and not job.is_done and not job.is_cancel
            )

    def _search_is_late(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("Late: search with = True or = False."))
        late = [
            ("due_date", "<", fields.Datetime.now()),
            ("is_done", "=", False),
            ("is_cancel", "=", False),
        ]
        if (operator == "=") == value:
            return late
        return ["!", "&", "&", *late]

    @api.depends("customer_stage_id.customer_label")
    def _compute_print_customer_status(self):
        # sudo: the customer's own words for the stage, shown on its portal; the stage
        # (its internal name) stays the shop's.
        for job, job_sudo in zip(self, self.sudo(), strict=True):
            job.print_customer_status = job_sudo.customer_stage_id.customer_label or self.env._(
                "In preparation"
            )

    @api.depends("stage_id.expected_hours", "date_stage", "is_done", "is_cancel")
    def _compute_stage_overdue(self):
        now = fields.Datetime.now()
        for job in self:
            limit = job.stage_id.expected_hours
            job.stage_overdue = bool(
                limit
                and job.date_stage
                and not job.is_done
                and not job.is_cancel
                and (now - job.date_stage).total_seconds() / 3600 > limit
            )

    def _compute_access_url(self):  # pylint: disable=missing-return
        super()._compute_access_url()
        for job in self:
            job.access_url = f"/my/print_jobs/{job.id}"

    # ------------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        Route = self.env["print.job.route"]
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("print.job") or "/"
            if not vals.get("route_id"):
                vals["route_id"] = Route._for_job(False, False).id
            if not vals.get("stage_id") and vals.get("route_id"):
                vals["stage_id"] = Route.browse(vals["route_id"])._ordered_stages()[:1].id
        jobs = super().create(vals_list)
        # The job entered its first stage: the same facts a stage move records.
        for stage in jobs.stage_id.filtered("visible_to_customer"):
            jobs.filtered(lambda job, stage=stage: job.stage_id == stage)._print_decide(
                "customer_stage_id"
            ).write({"customer_stage_id": stage.id})
        # One batch of first history lines, however many lines the confirmed order has.
        # sudo: nobody creates history lines but the moves; the caller created the jobs.
        self.env["print.job.history"].sudo()._print_decide().create(
            [
                {"job_id": job.id, "stage_id": job.stage_id.id, "user_id": self.env.uid}
                for job in jobs
            ]
        )
        jobs.filtered("rush")._alert_rush()
        return jobs

    def write(self, vals):
        stage = self.env["print.job.stage"].browse(vals.get("stage_id"))
        moving = self.filtered(lambda job: stage and job.stage_id != stage)
        if moving:
            moving._check_stage_allowed(stage)
            history = moving._stage_history_values(stage)
        turning_rush = self.filtered(lambda job: not job.rush) if vals.get("rush") else None
        if "due_date" in vals:
            # A postponed (or advanced) job is reminded and escalated again.
            vals = dict(vals, reminder_due_sent=False, reminder_overdue_sent=False)
        result = super().write(vals)
        if moving:
            now = fields.Datetime.now()
            updates = {"date_stage": now, "reminder_stage_sent": False}
            if stage.visible_to_customer:
                updates["customer_stage_id"] = stage.id
            if stage.is_done:
                updates["date_done"] = now
            # What the move records, written by the move only (the caller's own values
            # for these fields were refused by super().write() above).
            super(PrintJob, moving._print_decide(*self._print_decision_fields)).write(updates)
            first_stages = {job: job.route_id._ordered_stages()[:1] for job in moving}
            started = moving.filtered(
                lambda job: not job.date_start
                and not stage.is_cancel
                and stage != first_stages[job]
            )
            if started:
                super(PrintJob, started._print_decide("date_start")).write({"date_start": now})
            # sudo: nobody creates history lines but the moves; the caller moved the jobs
            # (super().write() checked it may). Moved By is the caller (env.uid).
            self.env["print.job.history"].sudo()._print_decide().create(history)
            moving._notify_stage(stage)
        if turning_rush:
            turning_rush._alert_rush()
        return result

    def _stage_history_values(self, stage):
        """History lines of these jobs entering ``stage`` now, with the time they spent in
        the stage they leave."""
        now = fields.Datetime.now()
        note = self.env.context.get("print_job_stage_note") or False
        return [
            {
                "job_id": job.id,
                "stage_id": stage.id,
                "previous_stage_id": job.stage_id.id,
                "user_id": self.env.uid,
                "date": now,
                "hours_in_previous": (now - job.date_stage).total_seconds() / 3600
                if job.date_stage
                else 0.0,
                "note": note,
            }
            for job in self
        ]

    # ------------------------------------------------------------------ constraints

    @api.constrains("stage_id", "route_id")
    def _check_stage_in_route(self):
        for job in self:
            if job.stage_id not in job.route_id.stage_ids and not job.stage_id.is_cancel:
                raise ValidationError(
                    self.env._(
                        "%(job)s: the stage %(stage)s is not on its route %(route)s.",
                        job=job.display_name,
                        stage=job.stage_id.display_name,
                        route=job.route_id.display_name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_moved(self):
        """A job's history goes with it: once the job has moved, it is cancelled, never
        deleted, so what the customer was told stays on record."""
        moved = self.sudo().filtered(lambda job: len(job.history_ids) > 1)
        if moved:
            raise UserError(
                self.env._(
                    "%(job)s has a production history and cannot be deleted: cancel it instead.",
                    job=moved[0].display_name,
                )
            )

    # ------------------------------------------------------------------ actions

    def action_next_stage(self):
        """Move every job to the next stage of its route."""
        require_group(self, self.env._("Next Stage"), JOB_USER)
        for job in self:
            stage = job._next_stage()
            if not stage:
                raise UserError(
                    self.env._(
                        "%(job)s is in its last stage (%(stage)s).",
                        job=job.display_name,
                        stage=job.stage_id.display_name,
                    )
                )
            job.stage_id = stage
        return True

    def action_cancel(self):
        require_group(self, self.env._("Cancel Job"), JOB_USER)
        cancel = self.env["print.job.stage"].search([("is_cancel", "=", True)], limit=1)
        if not cancel:
            raise UserError(
                self.env._(
                    "No cancelled stage is set up: see Printing ▸ Configuration ▸"
                    " Production Stages."
                )
            )
        self.filtered(lambda job: job.stage_id != cancel).write({"stage_id": cancel.id})
        return True

    def action_view_order(self):
        require_group(self, self.env._("Open the Order"), *JOB_READERS)
        self.ensure_one()
        return self.sale_order_id.get_formview_action()

    # ------------------------------------------------------------------ business

    def _scan_code(self):
        """What the job ticket's QR code holds: the job's reference."""
        self.ensure_one()
        return self.name

    def _print_stage_of_role(self, role):
        """The first stage of this job's route with ``role`` (prepress, proof, production,
        ready, delivered), or an empty recordset. Modules find stages this way, never by
        this module's XML ids: a shop renames, adds and re-roles its stages."""
        self.ensure_one()
        return self.route_id._ordered_stages().filtered(lambda s: s.role == role)[:1]

    def _print_ticket_production(self):
        """What the job ticket says about making the job: each part's paper, and the press,
        sheet and layout the accepted quantity was priced on (the quantity break's route).

        Returns ``{"parts": [{"name", "paper"}], "routes": [str]}``. sudo: whoever prints
        the ticket reads the job (the report checked it); paper and press are the job's own,
        and no cost or price is read.
        """
        self.ensure_one()
        job = self.sudo()
        break_ = job.sale_line_id.print_estimate_break_id
        parts = [
            {"name": part.name or part.display_name, "paper": part.substrate_id.display_name}
            for part in job.estimate_id.part_ids
            if part.substrate_id
        ]
        # In the reader's language, from the break's codes (not its stored route text).
        routes = break_._print_route_texts() if break_ else []
        return {"parts": parts, "routes": routes}

    def _next_stage(self):
        self.ensure_one()
        stages = self.route_id._ordered_stages()
        if self.stage_id not in stages:
            return stages[:1]
        index = list(stages).index(self.stage_id)
        return stages[index + 1 : index + 2]

    def _check_stage_allowed(self, stage):
        """Refuse a move into ``stage`` that the job may not make yet.

        A production stage needs its prerequisites (``_production_blockers``, which other
        modules extend: an approved proof, ...). Cancelling is always possible; a finished
        or cancelled job moves no more.
        """
        for job in self:
            if stage.is_cancel:
                continue
            if job.is_done or job.is_cancel:
                raise UserError(
                    self.env._(
                        "%(job)s is %(stage)s: it moves no more.",
                        job=job.display_name,
                        stage=job.stage_id.display_name,
                    )
                )
            if stage not in job.route_id.stage_ids:
                raise UserError(
                    self.env._(
                        "%(job)s: its route %(route)s has no stage %(stage)s.",
                        job=job.display_name,
                        route=job.route_id.display_name,
                        stage=stage.display_name,
                    )
                )
            if stage.is_production:
                blockers = job._production_blockers(stage)
                if blockers:
                    raise UserError(
                        self.env._(
                            "%(job)s cannot enter %(stage)s yet: %(why)s",
                            job=job.display_name,
                            stage=stage.display_name,
                            why="; ".join(blockers),
                        )
                    )

    def _print_timeline_label(self, stage, state, left_to=None):
        """The customer's words for one step of the job's portal timeline.

        ``stage`` is a stage the customer sees, ``state`` the step's ``done``, ``current``
        or ``todo``, ``left_to`` the stage the job went to when it left a done step. Here
        the stage's customer label, and the job's status for the step it is at; prepress
        says what the proof rounds came to on the proof steps.
        """
        self.ensure_one()
        if state == "current":
            return self.print_customer_status
        return stage.customer_label

    def _production_blockers(self, stage):
        """Why this job may not enter the production ``stage`` (translated reasons).

        Empty here; prepress returns "the proof is not approved" until it is.
        """
        self.ensure_one()
        return []

    def _notify_stage(self, stage):
        """Tell the customers that opted in that their job entered a visible stage."""
        if not stage.visible_to_customer:
            return
        template = self.env.ref(
            "print_crm_tracking.mail_template_print_job_stage", raise_if_not_found=False
        )
        if not template:
            return
        for job in self.filtered(lambda j: j.commercial_partner_id.print_job_notify):
            # From the job's responsible, else the company: whoever has an address.
            author = (job.user_id.partner_id | job.company_id.partner_id).filtered("email")[:1]
            if not author:
                _logger.info("%s: no sender address, the customer is not e-mailed", job.name)
                continue
            job.with_context(print_job_stage=stage).message_post_with_source(
                template,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=job.partner_id.ids,
                author_id=author.id,
                email_from=author.email_formatted,
                # Queued for the mail cron: a scan on the shop floor does not wait on SMTP.
                force_send=False,
            )

    def _alert_rush(self):
        """An activity for the production manager on every new rush job."""
        activity_type = self.env.ref("mail.mail_activity_data_todo")
        values = []
        for job in self:
            manager = job.company_id.print_production_manager_id
            if not manager:
                continue
            values.append(
                {
                    "res_model_id": self.env["ir.model"]._get_id(self._name),
                    "res_id": job.id,
                    "activity_type_id": activity_type.id,
                    "summary": self.env._("Rush job: %(job)s", job=job.display_name),
                    "user_id": manager.id,
                    "date_deadline": fields.Date.context_today(self),
                }
            )
        self.env["mail.activity"].sudo().create(values)

    def _split(self, quantity):
        """Split ``quantity`` copies off this job into a new one (a partial delivery)."""
        self.ensure_one()
        if not 0 < quantity < self.quantity:
            raise UserError(
                self.env._(
                    "Copies to Split Off: from 1 to %(max)s for %(job)s.",
                    max=self.quantity - 1,
                    job=self.display_name,
                )
            )
        if self.is_done or self.is_cancel:
            raise UserError(
                self.env._("%(job)s is finished: it can no longer be split.", job=self.display_name)
            )
        new = self.copy(
            {
                "quantity": quantity,
                "parent_id": self.id,
                "stage_id": self.stage_id.id,
                "title": self.env._("%(title)s (part)", title=self.title),
            }
        )
        self.quantity -= quantity
        self.message_post(
            body=self.env._(
                "%(qty)s copies split off into %(job)s.", qty=quantity, job=new.display_name
            )
        )
        return new

    @api.model
    def _press_type_of(self, estimate_break):
        """Offset if any part of the accepted quantity runs on an offset press, else digital.

        The pricing action stores it on the quantity break; breaks priced before it did
        are read from the presses of their routes.
        """
        if estimate_break.sudo().press_type:
            return estimate_break.sudo().press_type
        routes = (estimate_break.sudo().breakdown or {}).get("routes") or []
        codes = {route.get("press") for route in routes}
        if not codes:
            return False
        presses = (
            self.env["print.press"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [("code", "in", list(codes)), ("company_id", "=", estimate_break.company_id.id)]
            )
        )
        types = set(presses.mapped("press_type"))
        return "offset" if "offset" in types else ("digital" if types else False)

    @api.model
    def _prepare_from_order_line(self, line):
        """Values of the job of a confirmed print order line."""
        estimate = line.print_estimate_id
        press_type = self._press_type_of(line.print_estimate_break_id)
        route = self.env["print.job.route"]._for_job(estimate.product_kind, press_type)
        if not route:
            raise UserError(
                self.env._(
                    "No production route is set up: see Printing ▸ Configuration ▸"
                    " Production Routes."
                )
            )
        order = line.order_id
        hours = sum(
            route._ordered_stages().filtered(lambda s: not s.is_done).mapped("expected_hours")
        )
        due = order.commitment_date or fields.Datetime.now() + timedelta(hours=hours)
        copies = (line.print_copies or 1) * max(int(line.product_uom_qty), 1)
        return {
            "title": estimate.title or line.name.split("\n")[0],
            "company_id": order.company_id.id,
            "sale_order_id": order.id,
            "sale_line_id": line.id,
            "estimate_id": estimate.id,
            "partner_id": order.partner_id.id,
            "spec_summary": estimate.spec_summary or line.name,
            "quantity": copies,
            "route_id": route.id,
            "due_date": due,
            "user_id": order.user_id.id or self.env.uid,
            "rush": order.print_rush,
        }
