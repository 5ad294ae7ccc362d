# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL
from odoo.tools.translate import LazyTranslate

from ..engine import PROCESSES as ENGINE_PROCESSES
from ..engine import JobSpec, MasterData, Part, SpecError, estimate, sizes
from ..engine.digest import digest

PRODUCT_KINDS = [
    ("flat", "Flat Sheet"),
    ("folded", "Folded Leaflet"),
    ("saddle_stitched", "Saddle-Stitched Booklet"),
    ("perfect_bound", "Perfect-Bound Book"),
]
GRAINS = [("height", "Parallel to the Height"), ("width", "Parallel to the Width")]
STATES = [
    ("draft", "Draft"),
    ("sent", "Sent"),
    ("accepted", "Accepted"),
    ("lost", "Lost"),
    ("cancelled", "Cancelled"),
    ("revised", "Revised"),
]
_lt = LazyTranslate(__name__)
# The engine's cost categories as the estimator reads them.
CATEGORY_LABELS = [
    ("paper", _lt("Paper")),
    ("plates", _lt("Plates")),
    ("ink", _lt("Ink")),
    ("makeready", _lt("Makeready")),
    ("run", _lt("Press Run")),
    ("click", _lt("Clicks")),
    ("finishing", _lt("Finishing")),
    ("outsourced", _lt("Outsourced")),
]
# What the engine writes on a quantity break (and the route rendered from it); everything
# else of a break is the spec.
RESULT_FIELDS = {"cost", "price", "unit_price", "route", "breakdown", "press_type"}
FIELD_PATH = re.compile(r"^(?P<head>\w+)(?:\[(?P<index>\d+)\])?(?:\.(?P<tail>[\w.\[\]]+))?$")
# What a client may type, field by field (inclusive): beyond these a figure is a mistake, and
# a 400-digit number would otherwise reach the database as a server error.
MAX_QUANTITY = 10_000_000
MAX_PAGES = 10_000
ESTIMATE_BOUNDS = {
    "finished_width": (1.0, 10_000.0),
    "finished_height": (1.0, 10_000.0),
    "bleed": (0.0, 50.0),
    "gutter": (0.0, 100.0),
    "panels": (1, 16),
}
PART_BOUNDS = {
    "pages": (0, MAX_PAGES),
    "colours_front": (0, 4),
    "colours_back": (0, 4),
    "spot_front": (0, 8),
    "spot_back": (0, 8),
    "coverage_pct": (0.0, 100.0),
}
BREAK_BOUNDS = {"quantity": (1, MAX_QUANTITY)}
# Presses whose cheapest route the Details dialog of a break shows per part; it folds the
# others behind "more" (with 40 presses and 200 papers it would list hundreds of routes).
ALTERNATIVES_SHOWN = 5
# The operation that binds a copy of a bound product.
BINDING_PROCESSES = {"saddle_stitched": "saddle_stitch", "perfect_bound": "perfect_bind"}
ESTIMATOR_GROUP = "print_crm_quote.group_estimate_user"


def format_number(value):
    """``value`` for a message: grouped digits, a huge one cut short."""
    text = f"{value:,}" if isinstance(value, int) else f"{value:,g}"
    return text if len(text) <= 20 else text[:17] + "..."


def check_bounds(records, vals_list, bounds):
    """Refuse, naming the field and its range, a figure of ``vals_list`` outside ``bounds``
    ({field: (low, high)}); called before the values reach the database."""
    for vals in vals_list:
        for name, (low, high) in bounds.items():
            value = vals.get(name)
            if isinstance(value, str):
                # RPC clients may send numbers as text; Odoo would convert them unchecked.
                try:
                    value = float(value)
                except ValueError:
                    continue
            if isinstance(value, bool) or not isinstance(value, int | float):
                continue
            if not low <= value <= high:  # also refuses NaN
                raise ValidationError(
                    records.env._(
                        "%(field)s must be from %(low)s to %(high)s, not %(value)s.",
                        field=records._fields[name]._description_string(records.env),
                        low=format_number(low),
                        high=format_number(high),
                        value=format_number(value),
                    )
                )


def check_estimator(records, what):
    """Refuse unless the caller is an Estimating user (portal customers and other internal
    users may read an estimate, never act on it). Server code that switched to superuser
    has made its own check (e.g. the portal's access token)."""
    if not records.env.su and not records.env.user.has_group(ESTIMATOR_GROUP):
        raise AccessError(
            records.env._(
                "Only Estimating users can %(what)s (%(model)s).",
                what=what,
                model=records._description,
            )
        )


class PrintEstimate(models.Model):
    """A priced print job spec with quantity breaks, sent to the customer as a quote."""

    _name = "print.estimate"
    _description = "Print Estimate"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin", "print.decision.mixin"]
    _order = "id desc"
    _check_company_auto = True
    # Written by the actions only: the state, the prices being current, the acceptance.
    _print_decision_fields = (
        "state",
        "computed",
        "accepted_break_id",
        "sale_order_id",
        "revised_by_id",
    )

    name = fields.Char(
        "Reference", required=True, readonly=True, copy=False, default="/", index="trigram"
    )
    revision = fields.Integer(readonly=True, copy=False)
    origin_id = fields.Many2one(
        "print.estimate",
        "First Revision",
        readonly=True,
        copy=False,
        index=True,
        help="The estimate this one revises (its first revision).",
    )
    revised_by_id = fields.Many2one("print.estimate", "Revised By", readonly=True, copy=False)
    revision_ids = fields.One2many("print.estimate", "origin_id", "Revisions")
    state = fields.Selection(STATES, default="draft", required=True, tracking=True, copy=False)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one(
        "res.partner", "Customer", required=True, tracking=True, index=True, check_company=True
    )
    user_id = fields.Many2one(
        "res.users",
        "Estimator",
        default=lambda self: self.env.user,
        tracking=True,
        domain="[('share', '=', False)]",
    )
    date = fields.Date(default=fields.Date.context_today, required=True)
    validity_date = fields.Date("Valid Until")
    wanted_date = fields.Date("Wanted By", help="When the customer wants the job delivered.")
    client_reference = fields.Char("Customer Reference")
    title = fields.Char("Job Title", required=True, tracking=True)
    note = fields.Html("Terms and Notes")
    product_kind = fields.Selection(PRODUCT_KINDS, required=True, default="flat", tracking=True)
    size_name = fields.Selection(
        selection="_selection_size_name",
        string="Standard Size",
        help="Fills the finished size from an ISO or Chinese (开) size.",
    )
    finished_width = fields.Float("Finished Width (mm)", required=True)
    finished_height = fields.Float("Finished Height (mm)", required=True)
    panels = fields.Integer(default=1, help="Panels side by side of a folded leaflet.")
    bleed = fields.Float("Bleed (mm)", default=3.0)
    gutter = fields.Float("Gutter (mm)", default=0.0, help="Gap between pieces on the sheet.")
    grain = fields.Selection(GRAINS, "Required Grain")
    part_ids = fields.One2many("print.estimate.part", "estimate_id", "Parts", copy=True)
    operation_ids = fields.Many2many(
        "print.operation",
        string="Job Finishing",
        check_company=True,
        help="Operations charged on the job as a whole (per job, copy or piece).",
    )
    break_ids = fields.One2many("print.estimate.break", "estimate_id", "Quantity Breaks", copy=True)
    price_policy_id = fields.Many2one(
        "print.price.policy",
        compute="_compute_price_policy_id",
        store=True,
        readonly=False,
        check_company=True,
        tracking=True,
        # The shop's pricing terms (e.g. "poor payers") are not the customer's to read.
        groups="base.group_user",
    )
    computed = fields.Boolean(readonly=True, copy=False, help="The breaks hold current prices.")
    spec_summary = fields.Text(compute="_compute_spec_summary")
    accepted_break_id = fields.Many2one("print.estimate.break", readonly=True, copy=False)
    sale_order_id = fields.Many2one("sale.order", "Quotation", readonly=True, copy=False)
    lost_reason = fields.Char(copy=False, tracking=True, groups="base.group_user")
    is_expired = fields.Boolean(
        "Expired",
        compute="_compute_is_expired",
        help="Open, but past its validity date: it can no longer be accepted.",
    )

    _sql_constraints = [
        (
            "finished_positive",
            "CHECK(finished_width > 0 AND finished_height > 0)",
            "The finished size must be positive.",
        ),
    ]

    @api.model
    def _selection_size_name(self):
        return [(name, name) for name in sizes.SIZES]

    @api.depends("partner_id")
    def _compute_price_policy_id(self):
        for estimate_ in self:
            if estimate_.partner_id:
                estimate_.price_policy_id = estimate_.partner_id._print_price_policy(
                    estimate_.company_id
                )
            else:
                estimate_.price_policy_id = estimate_.company_id.print_price_policy_id

    @api.depends("state", "validity_date")
    @api.depends_context("tz")
    def _compute_is_expired(self):
        today = fields.Date.context_today(self)
        for estimate_ in self:
            estimate_.is_expired = bool(
                estimate_.state in ("draft", "sent")
                and estimate_.validity_date
                and estimate_.validity_date < today
            )

    def _compute_access_url(self):  # pylint: disable=missing-return
        super()._compute_access_url()
        for estimate_ in self:
            estimate_.access_url = f"/my/print_estimates/{estimate_.id}"

    @api.depends(
        "product_kind",
        "finished_width",
        "finished_height",
        "panels",
        "part_ids.role",
        "part_ids.pages",
        "part_ids.colours_front",
        "part_ids.colours_back",
        "part_ids.spot_front",
        "part_ids.spot_back",
        "part_ids.substrate_id",
        "operation_ids",
        "part_ids.operation_ids",
    )
    @api.depends_context("lang")
    def _compute_spec_summary(self):
        kinds = dict(self._fields["product_kind"]._description_selection(self.env))
        for estimate_ in self:
            lines = [
                self.env._(
                    "%(kind)s, %(width)s × %(height)s mm",
                    kind=kinds.get(estimate_.product_kind, ""),
                    width="%g" % estimate_.finished_width,
                    height="%g" % estimate_.finished_height,
                )
            ]
            if estimate_.product_kind == "folded":
                lines[0] += self.env._(", %(panels)s panels", panels=estimate_.panels)
            for part in estimate_.part_ids:
                lines.append(part._summary())
            if estimate_.operation_ids:
                lines.append(
                    self.env._(
                        "Finishing: %(ops)s", ops=", ".join(estimate_.operation_ids.mapped("name"))
                    )
                )
            estimate_.spec_summary = "\n".join(lines)

    @api.onchange("size_name")
    def _onchange_size_name(self):
        if self.size_name:
            self.finished_width, self.finished_height = sizes.get(self.size_name)

    @api.constrains("bleed", "gutter", "panels", "product_kind")
    def _check_layout(self):
        for estimate_ in self:
            if estimate_.bleed < 0 or estimate_.gutter < 0:
                raise ValidationError(
                    self.env._(
                        "%(estimate)s: bleed and gutter must not be negative.",
                        estimate=estimate_.display_name,
                    )
                )
            if estimate_.product_kind == "folded" and estimate_.panels < 2:
                raise ValidationError(
                    self.env._(
                        "%(estimate)s: a folded leaflet has at least 2 panels.",
                        estimate=estimate_.display_name,
                    )
                )

    @api.constrains("product_kind", "operation_ids", "company_id")
    def _check_binding_pages(self):
        for estimate_ in self:
            estimate_._print_check_binding_pages()

    @api.model_create_multi
    def create(self, vals_list):
        check_bounds(self, vals_list, ESTIMATE_BOUNDS)
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                vals["name"] = self.env["ir.sequence"].next_by_code("print.estimate") or "/"
            if vals.get("product_kind") != "folded":
                vals.setdefault("panels", 1)
        return super().create(vals_list)

    def write(self, vals):
        # What the client sent, before this method adds its own consequences.
        self._print_check_decision_vals([vals])
        check_bounds(self, [vals], ESTIMATE_BOUNDS)
        records = self
        if self._spec_fields() & set(vals):
            self._check_spec_editable()
            if "computed" not in vals:
                # Prices out of date: the consequence of this change, not a client's choice.
                vals = dict(vals, computed=False)
                records = self._print_decide(*(set(vals) & set(self._print_decision_fields)))
        return super(PrintEstimate, records).write(vals)

    @api.depends("name", "revision")
    def _compute_display_name(self):
        for estimate_ in self:
            if estimate_.revision:
                estimate_.display_name = self.env._(
                    "%(name)s rev. %(revision)s", name=estimate_.name, revision=estimate_.revision
                )
            else:
                estimate_.display_name = estimate_.name

    def _get_report_base_filename(self):
        """File name of the PDF the customer downloads from the portal."""
        self.ensure_one()
        return self.env._("Estimate %(estimate)s", estimate=self.display_name)

    # ------------------------------------------------------------------ actions

    def action_compute(self):
        """Price every quantity break with the estimating engine (drafts only: the prices
        of a sent estimate are the ones the customer has seen)."""
        check_estimator(self, self.env._("compute prices"))
        self._check_spec_editable()
        for estimate_ in self:
            estimate_._compute_breaks()
        return True

    def action_send(self):
        """Open the e-mail composer with the estimate PDF; sending marks it sent."""
        check_estimator(self, self.env._("send an estimate"))
        self.ensure_one()
        self._ensure_priced()
        template = self.env.ref("print_crm_quote.mail_template_print_estimate")
        return {
            "type": "ir.actions.act_window",
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_model": self._name,
                "default_res_ids": self.ids,
                "default_template_id": template.id,
                "default_composition_mode": "comment",
                "default_email_layout_xmlid": (
                    "mail.mail_notification_layout_with_responsible_signature"
                ),
                "mark_print_estimate_sent": True,
                "force_email": True,
            },
        }

    def message_post(self, **kwargs):
        # The composer's context comes from the client: only an estimator's e-mail marks
        # the estimate sent. Not "or su": the portal chatter posts as superuser, with the
        # customer's context.
        if self.env.context.get("mark_print_estimate_sent") and self.env.user.has_group(
            ESTIMATOR_GROUP
        ):
            self.filtered(lambda e: e.state == "draft").with_context(
                mark_print_estimate_sent=False
            )._print_decide("state").write({"state": "sent"})
        return super().message_post(**kwargs)

    def action_mark_sent(self):
        check_estimator(self, self.env._("mark an estimate sent"))
        self._ensure_priced()
        self.filtered(lambda e: e.state == "draft")._print_decide("state").write({"state": "sent"})

    def action_mark_lost(self):
        check_estimator(self, self.env._("mark an estimate lost"))
        self._check_state(
            ("draft", "sent"), self.env._("%(estimate)s is %(state)s and cannot be marked lost.")
        )
        self._print_decide("state").write({"state": "lost"})

    def action_cancel(self):
        check_estimator(self, self.env._("cancel an estimate"))
        self._check_state(
            ("draft", "sent"), self.env._("%(estimate)s is %(state)s and cannot be cancelled.")
        )
        self._print_decide("state").write({"state": "cancelled"})

    def action_draft(self):
        check_estimator(self, self.env._("reset an estimate to draft"))
        self._check_state(
            ("sent", "lost", "cancelled"),
            self.env._("%(estimate)s is %(state)s and cannot be reset to draft."),
        )
        self._print_decide("state").write({"state": "draft"})

    def action_new_revision(self):
        """Copy this estimate as its next revision; this one stays readable as revised."""
        check_estimator(self, self.env._("revise an estimate"))
        self.ensure_one()
        self._check_state(
            ("draft", "sent", "lost"),
            self.env._("%(estimate)s is %(state)s and cannot be revised."),
        )
        origin = self.origin_id or self
        last = max((origin | origin.revision_ids).mapped("revision"))
        new = self.copy(
            {
                "name": self.name,
                "origin_id": origin.id,
                "revision": last + 1,
            }
        )
        self._print_decide("state", "revised_by_id").write(
            {"state": "revised", "revised_by_id": new.id}
        )
        self.message_post(
            body=self.env._("Revised by %(new)s.", new=new.display_name), message_type="comment"
        )
        return new.get_formview_action()

    def action_view_sale_order(self):
        check_estimator(self, self.env._("open the quotation of an estimate"))
        self.ensure_one()
        return self.sale_order_id.get_formview_action()

    def action_export_xlsx(self):
        check_estimator(self, self.env._("export the costs of an estimate"))
        self.ensure_one()
        return {
            "type": "ir.actions.act_url",
            "url": f"/print_crm/estimate/{self.id}/xlsx",
            "target": "download",
        }

    # ------------------------------------------------------------------ business

    @api.model
    def _spec_fields(self):
        return {
            "product_kind",
            "finished_width",
            "finished_height",
            "panels",
            "bleed",
            "gutter",
            "grain",
            "part_ids",
            "operation_ids",
            "break_ids",
            "price_policy_id",
            "partner_id",
        }

    def _check_spec_editable(self):
        """The spec and quantities of an estimate the customer has seen stay as sent."""
        frozen = self.filtered(lambda e: e.state != "draft")
        if frozen:
            raise UserError(
                self.env._(
                    "%(estimates)s can no longer be changed: make a new revision instead.",
                    estimates=", ".join(frozen.mapped("display_name")),
                )
            )

    def _print_mark_out_of_date(self):
        """The spec changed through a part or break record itself: the prices are no
        longer those of the spec (the consequence of the change, not a client's choice)."""
        self.filtered("computed")._print_decide("computed").write({"computed": False})

    def _check_state(self, allowed, message):
        """Refuse unless every estimate is in one of the ``allowed`` states.

        ``message`` is a translated sentence with ``%(estimate)s`` and ``%(state)s``.
        """
        wrong = self.filtered(lambda e: e.state not in allowed)
        if wrong:
            states = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                message % {"estimate": wrong[0].display_name, "state": states[wrong[0].state]}
            )

    def _print_binding_pages(self):
        """(binding operation, pages it would bind) when they exceed the operation's
        maximum, else None. The operation is the one the engine uses: the estimate's own of
        the binding process, else the company's first."""
        self.ensure_one()
        process = BINDING_PROCESSES.get(self.product_kind)
        if not process:
            return None
        operation = self.env["print.operation"]._print_binding_operation(
            self.company_id, process, self.operation_ids
        )
        if not operation.max_pages:
            return None
        pages = sum(
            part.pages if part.role == "text" else (part.pages or 4) for part in self.part_ids
        )
        return (operation, pages) if pages > operation.max_pages else None

    def _print_check_binding_pages(self):
        self.ensure_one()
        over = self._print_binding_pages()
        if over:
            operation, pages = over
            raise ValidationError(
                self.env._(
                    "%(estimate)s: %(field)s: %(operation)s binds at most %(max)s pages"
                    " (cover included); this job has %(pages)s.",
                    estimate=self.display_name,
                    field=self.env["print.estimate.part"]
                    ._fields["pages"]
                    ._description_string(self.env),
                    operation=operation.display_name,
                    max=operation.max_pages,
                    pages=pages,
                )
            )

    def _ensure_priced(self):
        for estimate_ in self:
            if not estimate_.break_ids:
                raise UserError(
                    self.env._(
                        "%(estimate)s has no quantity break: add the quantities to price.",
                        estimate=estimate_.display_name,
                    )
                )
            if not estimate_.computed:
                estimate_._compute_breaks()

    def _master_data_names(self):
        """{code: name} of the company's presses and of its substrates, archived ones too:
        the engine's results name them by code."""
        self.ensure_one()
        domain = [("company_id", "=", self.company_id.id)]
        return tuple(
            dict(
                self.env[model]
                .with_context(active_test=False)
                .search(domain)
                .mapped(lambda record: (record.code, record.name))
            )
            for model in ("print.press", "print.substrate")
        )

    def _engine_master(self):
        """The company's production master data as engine input."""
        self.ensure_one()
        company = self.company_id
        domain = [("company_id", "=", company.id)]
        presses = self.env["print.press"].search(domain)
        substrates = self.env["print.substrate"].search(domain)
        operations = self.env["print.operation"].search(domain)
        if not presses:
            raise UserError(self.env._("No press is set up for %(company)s.", company=company.name))
        if not substrates:
            raise UserError(
                self.env._("No substrate is set up for %(company)s.", company=company.name)
            )
        try:
            return MasterData(
                presses=tuple(p._engine_press() for p in presses),
                substrates=tuple(s._engine_substrate() for s in substrates),
                operations=tuple(o._engine_operation() for o in operations),
                ink=company._print_engine_ink(),
            )
        except SpecError as error:
            raise UserError(
                self.env._("The production master data is incomplete: %(error)s", error=error)
            ) from error

    def _engine_parts(self):
        """The parts in the order the engine numbers them: the order the estimate shows
        (right after a create, the cache holds them in creation order instead)."""
        self.ensure_one()
        return self.part_ids.sorted()

    def _engine_spec(self):
        self.ensure_one()
        return JobSpec(
            kind=self.product_kind,
            finished_size=(self.finished_width, self.finished_height),
            quantities=tuple(self.break_ids.mapped("quantity")),
            parts=tuple(part._engine_part() for part in self._engine_parts()),
            bleed=self.bleed,
            gutter=self.gutter,
            panels=self.panels if self.product_kind == "folded" else 1,
            grain=self.grain or None,
            finishing=tuple(self.operation_ids.mapped("code")),
            name=self.title or "",
        )

    def _compute_breaks(self):
        self.ensure_one()
        self._check_spec_editable()
        self._print_check_binding_pages()
        if not self.break_ids:
            raise UserError(
                self.env._(
                    "%(estimate)s: add at least one quantity break.", estimate=self.display_name
                )
            )
        result = self._engine_result()
        parts = self._engine_parts()
        # The routes considered, once per part (not per break), kept to what a person reads.
        quantities = self.break_ids.mapped("quantity")
        for part, considered in zip(parts, digest(result.alternatives), strict=True):
            part._print_decide("alternatives").write(
                {"alternatives": dict(considered, quantities=quantities)}
            )
        for break_, priced in zip(self.break_ids, result.breaks, strict=True):
            break_._store_result(priced, parts.ids)
        self._print_decide("computed").write({"computed": True})

    def _engine_result(self):
        """The engine's estimate of this spec (also for records not saved yet)."""
        self.ensure_one()
        policy = self.price_policy_id
        try:
            return estimate(
                self._engine_spec(),
                self._engine_master(),
                policy._engine_policy() if policy else None,
            )
        except SpecError as error:
            raise UserError(self._spec_error_message(error)) from error

    def _spec_error_message(self, error):
        """A translated message naming the estimate field an engine error is about."""
        if (error.field or "").startswith("master"):
            return self.env._(
                "%(estimate)s cannot be priced: the production master data is incomplete"
                " (%(field)s: %(message)s). Check Printing ▸ Configuration.",
                estimate=self.display_name,
                field=error.field,
                message=error.message,
            )
        match = FIELD_PATH.match(error.field or "")
        label = error.field
        if match:
            head, index, tail = match["head"], match["index"], match["tail"]
            parts = self._engine_parts()
            if head == "parts" and index is not None and int(index) < len(parts):
                part = parts[int(index)]
                label = part.display_name
                if tail:
                    name = tail.split("[")[0].split(".")[0]
                    name = {"substrate": "substrate_id", "finishing": "operation_ids"}.get(
                        name, name
                    )
                    if name in part._fields:
                        label = f"{label}: {part._fields[name]._description_string(self.env)}"
            elif head == "quantities" and index is not None:
                label = self.env._("Quantity break %(n)s", n=int(index) + 1)
            else:
                name = {
                    "finished_size": "finished_width",
                    "kind": "product_kind",
                    "finishing": "operation_ids",
                    "policy": "price_policy_id",
                    "parts": "part_ids",
                }.get(head, head)
                if name in self._fields:
                    label = self._fields[name]._description_string(self.env)
        return self.env._(
            "%(estimate)s cannot be priced. %(field)s: %(message)s",
            estimate=self.display_name,
            field=label,
            message=self._spec_error_phrase(error) or error.message,
        )

    def _spec_error_phrase(self, error):
        """What the engine's code for ``error`` says in the reader's language ("" when the
        error has no code: a malformed spec, which the form's own checks name first)."""
        phrase = error.phrase and error.phrase.to_dict()
        if not phrase:
            return ""
        params = phrase["params"]
        if phrase["code"] == "no_press_for_substrate":
            names = self._master_data_names()[1]
            return self.env._(
                "no press takes a sheet of %(paper)s",
                paper=names.get(params["substrate"], params["substrate"]),
            )
        if phrase["code"] == "no_route":
            why = self.env["print.estimate.break"]._words(self)["rejection"]
            why = why(params["why"])
            if params["more"]:
                return self.env._(
                    "it cannot be printed: %(why)s (and %(more)s more)",
                    why=why,
                    more=params["more"],
                )
            return self.env._("it cannot be printed: %(why)s", why=why)
        return ""

    def _accept_break(self, break_, order=None):
        """Add the print order line of ``break_`` to ``order`` (or a new quotation).

        The callers have checked who accepts (the wizard an estimator, the portal the
        customer's access). Accepting twice the same quantity gives the same line.
        """
        self.ensure_one()
        # Lock the estimate before anything is built. A concurrent accept waits here; when
        # the first commits, the second fails to serialize and Odoo retries it, and the
        # retry finds the estimate accepted. Not logged: the retry is the normal outcome.
        self.env.cr.execute(
            SQL("SELECT id FROM print_estimate WHERE id = %s FOR UPDATE", self.id),
            log_exceptions=False,
        )
        self.invalidate_recordset()
        if (
            self.state == "accepted"
            and self.accepted_break_id == break_
            and (order is None or order == self.sale_order_id)
        ):
            done = self.sale_order_id.order_line.filtered(
                lambda line: line.print_estimate_break_id == break_
            )
            if done:
                return done[:1]
        self._check_state(
            ("draft", "sent"), self.env._("%(estimate)s is %(state)s and cannot be accepted.")
        )
        if break_.estimate_id != self:
            raise UserError(self.env._("That quantity break belongs to another estimate."))
        if self.is_expired:
            raise UserError(
                self.env._(
                    "%(estimate)s expired on %(date)s and can no longer be accepted: make a"
                    " new revision with a new validity date.",
                    estimate=self.display_name,
                    date=self.validity_date,
                )
            )
        self._ensure_priced()
        if break_.currency_id.compare_amounts(break_.price, 0.0) <= 0:
            raise UserError(
                self.env._(
                    "%(estimate)s, %(quantity)s: %(field)s must be above 0 to go on an order"
                    " (it is %(price)s).",
                    estimate=self.display_name,
                    quantity=break_.display_name,
                    field=break_._fields["price"]._description_string(self.env),
                    price=break_.price_display,
                )
            )
        if order and order.state not in ("draft", "sent"):
            raise UserError(
                self.env._(
                    "%(order)s is no longer a quotation: choose another or create a new one.",
                    order=order.name,
                )
            )
        if order and order.partner_id.commercial_partner_id != (
            self.partner_id.commercial_partner_id
        ):
            raise UserError(
                self.env._(
                    "%(order)s is for another customer than %(estimate)s.",
                    order=order.name,
                    estimate=self.display_name,
                )
            )
        line_command = Command.create(self._prepare_order_line_values(break_))
        if order:
            order.write({"order_line": [line_command]})
        else:
            order = self.env["sale.order"].create(
                dict(self._prepare_sale_order_values(), order_line=[line_command])
            )
        line = order.order_line.filtered(lambda line: line.print_estimate_break_id == break_)
        self._print_decide("state", "accepted_break_id", "sale_order_id").write(
            {"state": "accepted", "accepted_break_id": break_.id, "sale_order_id": order.id}
        )
        self.message_post(
            body=self.env._(
                "Accepted %(quantity)s copies at %(price)s; added to %(order)s.",
                quantity=break_.quantity,
                price=break_.price_display,
                order=order.name,
            )
        )
        return line

    def _prepare_sale_order_values(self):
        values = {
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "user_id": self.user_id.id,
            "client_order_ref": self.client_reference,
            "origin": self.display_name,
        }
        # The terms of the policy the estimate was priced with, else the customer's own.
        values["payment_term_id"] = (
            self.price_policy_id.payment_term_id
            or self.partner_id.with_company(self.company_id).property_payment_term_id
        ).id
        if self.wanted_date:
            values["commitment_date"] = self.wanted_date
        return values

    def _prepare_order_line_values(self, break_):
        """One line per job: the break's price and cost exactly, the copies on the line.

        A job is sold as a whole (1 unit at the break's price): a per-copy price rounded
        to the price precision would change the total the customer accepted.
        """
        product = self.env.ref("print_crm_quote.product_print_job")
        return {
            "product_id": product.id,
            "name": "\n".join(
                [
                    self.env._(
                        "%(title)s: %(copies)s copies",
                        title=self.title,
                        copies=format(break_.quantity, ","),
                    ),
                    self.spec_summary,
                    self.env._("Estimate %(estimate)s", estimate=self.display_name),
                ]
            ),
            "product_uom_qty": 1.0,
            "price_unit": break_.price,
            "print_copies": break_.quantity,
            "print_estimate_id": self.id,
            "print_estimate_break_id": break_.id,
            "print_unit_cost": break_.cost,
        }


class PrintEstimatePart(models.Model):
    """A printed component of the job: the sheet of a flyer, the text or cover of a book."""

    _name = "print.estimate.part"
    _description = "Print Estimate Part"
    _inherit = ["print.decision.mixin"]
    _order = "estimate_id, sequence, id"
    # The routes the engine considered for the part, written when the estimate is priced.
    _print_decision_fields = ("alternatives",)

    estimate_id = fields.Many2one("print.estimate", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="estimate_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    role = fields.Selection([("text", "Text"), ("cover", "Cover")], default="text", required=True)
    name = fields.Char(help="What the part is, e.g. 'Text', 'Cover', 'Insert'.")
    pages = fields.Integer(help="Pages of a text part; a cover has 4.")
    colours_front = fields.Integer("Process Colours Front", default=4)
    colours_back = fields.Integer("Process Colours Back", default=0)
    spot_front = fields.Integer("Spot Colours Front")
    spot_back = fields.Integer("Spot Colours Back")
    substrate_id = fields.Many2one(
        "print.substrate", required=True, check_company=True, ondelete="restrict"
    )
    # Estimating parameters: for staff, not what the portal shows the customer.
    any_sheet_size = fields.Boolean(
        default=True,
        groups="base.group_user",
        help="Let the engine choose any sheet size of the same paper grade.",
    )
    coverage_pct = fields.Float(
        "Ink Coverage (%)", groups="base.group_user", help="Empty means the company default."
    )
    operation_ids = fields.Many2many(
        "print.operation",
        string="Finishing",
        check_company=True,
        # The engine adds cutting, folding and binding itself where the product needs them.
        domain=[("process", "not in", ENGINE_PROCESSES)],
        help="Operations charged on this part (lamination, varnish, ...).",
    )
    alternatives = fields.Json(readonly=True, copy=False, groups="base.group_user")

    @api.constrains("pages", "colours_front", "colours_back", "spot_front", "spot_back")
    def _check_figures(self):
        for part in self:
            for name, high in (
                ("colours_front", 4),
                ("colours_back", 4),
                ("spot_front", 8),
                ("spot_back", 8),
            ):
                if not 0 <= part[name] <= high:
                    raise ValidationError(
                        self.env._(
                            "%(part)s: %(field)s is from 0 to %(high)s.",
                            part=part.display_name,
                            field=part._fields[name]._description_string(self.env),
                            high=high,
                        )
                    )
            if part.pages < 0:
                raise ValidationError(
                    self.env._("%(part)s: pages must not be negative.", part=part.display_name)
                )

    @api.constrains("pages", "role")
    def _check_binding_pages(self):
        for estimate_ in self.estimate_id:
            estimate_._print_check_binding_pages()

    @api.model_create_multi
    def create(self, vals_list):
        check_bounds(self, vals_list, PART_BOUNDS)
        parts = super().create(vals_list)
        parts.estimate_id._check_spec_editable()
        parts.estimate_id._print_mark_out_of_date()
        return parts

    def write(self, vals):
        self._print_check_decision_vals([vals])
        check_bounds(self, [vals], PART_BOUNDS)
        self.estimate_id._check_spec_editable()
        if set(vals) != {"alternatives"}:
            self.estimate_id._print_mark_out_of_date()
        return super().write(vals)

    def unlink(self):
        self.estimate_id._check_spec_editable()
        self.estimate_id._print_mark_out_of_date()
        return super().unlink()

    @api.depends("name", "role", "sequence")
    def _compute_display_name(self):
        roles = dict(self._fields["role"]._description_selection(self.env))
        for part in self:
            part.display_name = part.name or roles.get(part.role, "")

    def _name_at(self, index):
        """The name of the ``index``-th part (the engine numbers the parts), or ''."""
        return self[index].display_name if index is not None and 0 <= index < len(self) else ""

    def _summary(self):
        self.ensure_one()
        colours = f"{self.colours_front + self.spot_front}/{self.colours_back + self.spot_back}"
        text = self.env._(
            "%(part)s: %(colours)s colours on %(substrate)s",
            part=self.display_name,
            colours=colours,
            substrate=self.substrate_id.name or "",
        )
        if self.role == "text" and self.pages:
            text = self.env._("%(text)s, %(pages)s pages", text=text, pages=self.pages)
        if self.operation_ids:
            text += ", " + ", ".join(self.operation_ids.mapped("name"))
        return text

    def _engine_part(self):
        self.ensure_one()
        substrate = self.substrate_id
        return Part(
            substrate=(substrate.grade or substrate.code)
            if self.any_sheet_size
            else substrate.code,
            colours_front=self.colours_front,
            colours_back=self.colours_back,
            spot_front=self.spot_front,
            spot_back=self.spot_back,
            pages=self.pages,
            role=self.role,
            coverage_pct=self.coverage_pct or None,
            finishing=tuple(self.operation_ids.mapped("code")),
        )


class PrintEstimateBreak(models.Model):
    """One quantity of an estimate, with its cost breakdown and price."""

    _name = "print.estimate.break"
    _description = "Print Estimate Quantity Break"
    _inherit = ["print.decision.mixin"]
    _order = "estimate_id, quantity"
    # The engine's results: written when the estimate is priced, never by a client.
    _print_decision_fields = tuple(sorted(RESULT_FIELDS))

    estimate_id = fields.Many2one("print.estimate", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="estimate_id.company_id", store=True)
    currency_id = fields.Many2one(related="estimate_id.currency_id")
    quantity = fields.Integer(required=True)
    cost = fields.Monetary(readonly=True, copy=False, groups="base.group_user")
    price = fields.Monetary(readonly=True, copy=False)
    unit_price = fields.Float(readonly=True, copy=False, digits="Print Unit Price")
    # What the job costs the shop is not the customer's to read, even on its own estimate.
    margin = fields.Monetary(compute="_compute_margin", store=True, groups="base.group_user")
    margin_pct = fields.Float(
        "Margin (%)", compute="_compute_margin", store=True, groups="base.group_user"
    )
    # Rendered from the breakdown's codes for whoever reads it, not stored in the language
    # of whoever priced the estimate.
    route = fields.Char(
        compute="_compute_route",
        help="Press, sheet, layout and printing method chosen for each part.",
        groups="base.group_user",
    )
    breakdown = fields.Json(readonly=True, copy=False, groups="base.group_user")
    press_type = fields.Selection(
        [("offset", "Offset"), ("digital", "Digital")],
        readonly=True,
        copy=False,
        groups="base.group_user",
        help="The press the job needs: offset when any part runs on an offset press.",
    )
    breakdown_html = fields.Html(
        "Cost Breakdown",
        compute="_compute_breakdown_html",
        sanitize=False,
        groups="base.group_user",
        help="Every cost line, the route of every part and the routes the engine did not choose.",
    )
    price_display = fields.Char(compute="_compute_price_display")

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)", "A quantity break must be above 0."),
        (
            "price_not_negative",
            "CHECK(price >= 0 AND cost >= 0)",
            "The price and the cost of a quantity break must not be negative.",
        ),
        (
            "quantity_uniq",
            "unique(estimate_id, quantity)",
            "An estimate lists each quantity once.",
        ),
    ]

    @api.depends("cost", "price")
    def _compute_margin(self):
        for break_ in self:
            break_.margin = break_.price - break_.cost
            break_.margin_pct = 100.0 * break_.margin / break_.price if break_.price else 0.0

    @api.depends_context("lang")
    @api.depends("breakdown", "estimate_id.part_ids")
    def _compute_breakdown_html(self):
        """The engine's codes rendered in the reader's language (see _words)."""
        categories = {key: self.env._(label) for key, label in CATEGORY_LABELS}
        for estimate_ in self.estimate_id:
            breaks = self.filtered(lambda b, e=estimate_: b.estimate_id == e)
            words = breaks._words()
            for break_ in breaks:
                data = break_.breakdown  # a copy at every read: read once
                if not data:
                    break_.breakdown_html = False
                    continue
                parts = break_._breakdown_parts()
                break_.breakdown_html = self.env["ir.qweb"]._render(
                    "print_crm_quote.print_estimate_break_breakdown",
                    {
                        **words,
                        "data": data,
                        "groups": break_._print_alternative_groups(parts),
                        "shown": ALTERNATIVES_SHOWN,
                        "currency": break_.currency_id,
                        "part_name": parts._name_at,
                        "category": lambda key: categories.get(key, key),
                        "cut": self._cut_text,
                    },
                )
        (self - self.filtered("estimate_id")).breakdown_html = False

    @api.depends_context("lang")
    @api.depends("breakdown")
    def _compute_route(self):
        for estimate_ in self.estimate_id:
            breaks = self.filtered(lambda b, e=estimate_: b.estimate_id == e)
            words = breaks._words()  # the company's press names, read once per estimate
            for break_ in breaks:
                break_.route = "; ".join(break_._print_route_texts(words)) or False
        (self - self.filtered("estimate_id")).route = False

    def _breakdown_parts(self):
        """The parts the engine's result numbers 0, 1, ...: those it was computed for."""
        self.ensure_one()
        ids = (self.breakdown or {}).get("part_ids")
        parts = self.env["print.estimate.part"].browse(ids).exists() if ids else False
        if not parts or len(parts) != len(ids):
            parts = self.estimate_id._engine_parts()
        return parts

    def _sorted_alternatives(self):
        """The routes considered for this quantity: part by part, cheapest first, then the
        impossible ones, one row per reason with how many combinations it rules out. They
        are stored once per part (``print.estimate.part.alternatives``)."""
        return [row for _index, rows, _count in self._print_part_alternatives() for row in rows]

    def _print_part_alternatives(self, parts=None):
        """``[(index, rows, considered)]`` for each part priced at this quantity: its rows
        as _sorted_alternatives lists them and how many combinations the engine tried.
        ``parts``: this break's _breakdown_parts(), when the caller has them."""
        self.ensure_one()
        out = []
        for index, part in enumerate(self._breakdown_parts() if parts is None else parts):
            considered = part.alternatives or {}  # a copy at every read: read once
            quantities = considered.get("quantities") or []
            if self.quantity not in quantities:
                continue
            b = quantities.index(self.quantity)
            routes = [
                {key: value for key, value in route.items() if key not in ("costs", "reasons")}
                | {"part": index, "cost": route["costs"][b], "reason": route["reasons"][b]}
                for route in considered.get("routes") or []
            ]
            rows = sorted(routes, key=lambda a: a["cost"])
            for group in considered.get("infeasible") or []:
                example = group["example"]
                rows.append(
                    {
                        key: value
                        for key, value in example.items()
                        if key not in ("costs", "reasons")
                    }
                    | {
                        "part": index,
                        "cost": None,
                        "reason": example["reasons"][b],
                        "count": group["count"],
                    }
                )
            out.append((index, rows, considered.get("considered", len(rows))))
        return out

    def _print_alternative_groups(self, parts=None):
        """The routes considered for this quantity as the Details dialog shows them: per
        part, ``{"part", "considered", "presses", "infeasible"}``. ``presses`` holds one
        ``{"best", "others"}`` per press, its cheapest route and its other routes, cheapest
        press first (the chosen route leads); the dialog shows the first
        ``ALTERNATIVES_SHOWN`` and folds the others. ``infeasible`` is one row per reason
        with how many combinations it rules out, most first."""

        def rank(row):
            reason = row["reason"]
            return (not (isinstance(reason, dict) and reason["code"] == "chosen"), row["cost"])

        groups = []
        for index, rows, considered in self._print_part_alternatives(parts):
            presses = {}
            for row in rows:
                if row["cost"] is not None:
                    presses.setdefault(row["press"], []).append(row)
            ranked = sorted(
                (sorted(routes, key=rank) for routes in presses.values()),
                key=lambda routes: rank(routes[0]),
            )
            groups.append(
                {
                    "part": index,
                    "considered": considered,
                    "presses": [{"best": routes[0], "others": routes[1:]} for routes in ranked],
                    "infeasible": sorted(
                        (row for row in rows if row["cost"] is None),
                        key=lambda row: -row.get("count", 1),
                    ),
                }
            )
        return groups

    def _cut_text(self, cut, parent_sheet=None):
        """How press sheets are cut from the parent sheet (开数), e.g. '(cut in 4 from
        889 × 1194)'."""
        if parent_sheet:
            return self.env._(
                "(cut in %(cut)s from %(parent)s)",
                cut=cut,
                parent="%g × %g" % tuple(parent_sheet),
            )
        return self.env._("(cut in %(cut)s)", cut=cut)

    @api.depends("price", "currency_id")
    def _compute_price_display(self):
        for break_ in self:
            break_.price_display = (
                break_.currency_id.format(break_.price) if break_.currency_id else ""
            )

    @api.depends("quantity")
    def _compute_display_name(self):
        for break_ in self:
            break_.display_name = self.env._("%(qty)s copies", qty=break_.quantity)

    @api.model_create_multi
    def create(self, vals_list):
        check_bounds(self, vals_list, BREAK_BOUNDS)
        breaks = super().create(vals_list)
        breaks.estimate_id._check_spec_editable()
        breaks.estimate_id._print_mark_out_of_date()
        return breaks

    def write(self, vals):
        self._print_check_decision_vals([vals])
        check_bounds(self, [vals], BREAK_BOUNDS)
        # The results (decisions of the pricing action) are written on drafts only, by
        # _store_result; the quantity is the spec.
        self.estimate_id._check_spec_editable()
        if set(vals) - RESULT_FIELDS:
            self.estimate_id._print_mark_out_of_date()
        return super().write(vals)

    def unlink(self):
        self.estimate_id._check_spec_editable()
        self.estimate_id._print_mark_out_of_date()
        return super().unlink()

    def _store_result(self, priced, part_ids):
        """Write the engine's result for this break (the routes it did not choose are stored
        once per part, see _compute_breaks).

        ``part_ids`` are the estimate's parts in the engine's numbering.
        """
        data = dict(priced.to_dict(), part_ids=list(part_ids))
        presses = (
            self.env["print.press"]
            .with_context(active_test=False)
            .search(
                [
                    ("code", "in", [route["press"] for route in data["routes"]]),
                    ("company_id", "=", self.company_id.id),
                ]
            )
        )
        types = set(presses.mapped("press_type"))
        self._print_decide(*RESULT_FIELDS).write(
            {
                "cost": data["cost"],
                "price": data["price"],
                "unit_price": data["unit_price"],
                "breakdown": data,
                "press_type": "offset" if "offset" in types else ("digital" if types else False),
            }
        )

    def action_open_breakdown(self):
        """The cost breakdown of this quantity, in a dialog."""
        check_estimator(self, self.env._("see a cost breakdown"))
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._(
                "%(estimate)s: %(qty)s copies",
                estimate=self.estimate_id.display_name,
                qty=self.quantity,
            ),
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(self.env.ref("print_crm_quote.print_estimate_break_view_form").id, "form")],
            "target": "new",
        }

    def action_accept(self):
        """Choose the quotation this quantity goes on (a new one by default)."""
        check_estimator(self, self.env._("accept an estimate"))
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Accept %(qty)s copies", qty=self.quantity),
            "res_model": "print.estimate.accept.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_break_id": self.id},
        }
