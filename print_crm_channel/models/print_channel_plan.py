# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Sales plans of distributors: a target per period, optionally per product kind, and
what the distributor achieved.

Two actual figures are offered, both untaxed and in the company currency:

- **Ordered**: confirmed sale orders of the distributor (its commercial partner billed)
  by order date. It moves the day an order is confirmed: the channel manager's figure.
- **Invoiced**: posted customer invoices less credit notes, by invoice date. It is what
  the distributor really bought (returns deducted): the figure attainment is judged on.

A distributor's plan counts its own purchases; its sub-distributors have plans of their
own. A product kind is the estimate's kind of print work (print_crm_quote); order lines
without an estimate count in the plan's total only.
"""

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.print_crm_quote.models.print_access import require_group
from odoo.addons.print_crm_quote.models.print_estimate import PRODUCT_KINDS

CHANNEL_USER = "print_crm_channel.group_channel_user"
CHANNEL_MANAGER = "print_crm_channel.group_channel_manager"

PERIODS = [
    ("month", "Month"),
    ("quarter", "Quarter"),
    ("year", "Year"),
    ("custom", "Custom"),
]
PERIOD_MONTHS = {"month": 1, "quarter": 3, "year": 12}
# What an approved plan keeps until a manager puts it back to draft.
PLAN_FIGURES = ("partner_id", "period", "date_from", "date_to", "amount_target", "line_ids")


def plan_actuals(env, plans, by_kind=False):
    """Ordered and invoiced amounts of ``plans`` (ids), {(plan_id, kind): (ordered,
    invoiced)}; ``kind`` is None unless ``by_kind``. One query each, whatever the count."""
    result = {}
    if not plans:
        return result
    env["sale.order"].flush_model(
        ["amount_untaxed", "currency_rate", "state", "date_order", "partner_id", "company_id"]
    )
    env["sale.order.line"].flush_model(["price_subtotal", "order_id", "print_estimate_id"])
    env["account.move"].flush_model(
        ["state", "move_type", "invoice_date", "commercial_partner_id", "company_id"]
    )
    env["account.move.line"].flush_model(["balance", "display_type", "move_id"])
    env["res.partner"].flush_model(["commercial_partner_id"])
    env["print.channel.plan"].flush_model()
    kind = SQL("e.product_kind") if by_kind else SQL("NULL::varchar")
    if by_kind:
        ordered = SQL(
            """
            SELECT p.id, e.product_kind AS kind,
                   SUM(sol.price_subtotal / COALESCE(NULLIF(so.currency_rate, 0), 1))
              FROM print_channel_plan p
              JOIN res_partner rp ON rp.commercial_partner_id = p.partner_id
              JOIN sale_order so ON so.partner_id = rp.id AND so.company_id = p.company_id
                   AND so.state = 'sale'
                   AND so.date_order::date BETWEEN p.date_from AND p.date_to
              JOIN sale_order_line sol ON sol.order_id = so.id
              JOIN print_estimate e ON e.id = sol.print_estimate_id
             WHERE p.id IN %(ids)s
             GROUP BY p.id, e.product_kind
            """,
            ids=tuple(plans),
        )
        invoiced = SQL(
            """
            SELECT p.id, e.product_kind AS kind, SUM(-aml.balance)
              FROM print_channel_plan p
              JOIN account_move am ON am.commercial_partner_id = p.partner_id
                   AND am.company_id = p.company_id AND am.state = 'posted'
                   AND am.move_type IN ('out_invoice', 'out_refund')
                   AND am.invoice_date BETWEEN p.date_from AND p.date_to
              JOIN account_move_line aml ON aml.move_id = am.id
                   AND aml.display_type = 'product'
              JOIN LATERAL (
                   SELECT MIN(rel.order_line_id) AS order_line_id
                     FROM sale_order_line_invoice_rel rel
                    WHERE rel.invoice_line_id = aml.id
              ) link ON TRUE
              JOIN sale_order_line sol ON sol.id = link.order_line_id
              JOIN print_estimate e ON e.id = sol.print_estimate_id
             WHERE p.id IN %(ids)s
             GROUP BY p.id, e.product_kind
            """,
            ids=tuple(plans),
        )
    else:
        ordered = SQL(
            """
            SELECT p.id, %(kind)s AS kind,
                   SUM(so.amount_untaxed / COALESCE(NULLIF(so.currency_rate, 0), 1))
              FROM print_channel_plan p
              JOIN res_partner rp ON rp.commercial_partner_id = p.partner_id
              JOIN sale_order so ON so.partner_id = rp.id AND so.company_id = p.company_id
                   AND so.state = 'sale'
                   AND so.date_order::date BETWEEN p.date_from AND p.date_to
             WHERE p.id IN %(ids)s
             GROUP BY p.id
            """,
            kind=kind,
            ids=tuple(plans),
        )
        invoiced = SQL(
            """
            SELECT p.id, %(kind)s AS kind, SUM(am.amount_untaxed_signed)
              FROM print_channel_plan p
              JOIN account_move am ON am.commercial_partner_id = p.partner_id
                   AND am.company_id = p.company_id AND am.state = 'posted'
                   AND am.move_type IN ('out_invoice', 'out_refund')
                   AND am.invoice_date BETWEEN p.date_from AND p.date_to
             WHERE p.id IN %(ids)s
             GROUP BY p.id
            """,
            kind=kind,
            ids=tuple(plans),
        )
        env["account.move"].flush_model(["amount_untaxed_signed"])
    for position, query in enumerate((ordered, invoiced)):
        env.cr.execute(query)
        for plan_id, kind_value, amount in env.cr.fetchall():
            figures = list(result.get((plan_id, kind_value), (0.0, 0.0)))
            figures[position] = amount or 0.0
            result[(plan_id, kind_value)] = tuple(figures)
    return result


def attainment(actual, target):
    return 100.0 * actual / target if target else 0.0


class PrintChannelPlan(models.Model):
    _name = "print.channel.plan"
    _description = "Distributor Sales Plan"
    _inherit = ["mail.thread", "mail.activity.mixin", "print.decision.mixin"]
    _order = "date_from desc, partner_id, id"
    _check_company_auto = True
    _print_decision_fields = ("state", "approved_by_id", "approved_date")

    name = fields.Char(compute="_compute_name", store=True)
    partner_id = fields.Many2one(
        "res.partner",
        "Distributor",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain="[('print_channel_role', '!=', False), ('is_company', '=', True)]",
    )
    print_channel_level_id = fields.Many2one(
        related="partner_id.print_channel_level_id", string="Channel Level", store=True
    )
    print_channel_parent_id = fields.Many2one(
        related="partner_id.print_channel_parent_id", string="Parent Distributor", store=True
    )
    channel_manager_id = fields.Many2one(
        related="partner_id.print_channel_manager_id", string="Channel Manager", store=True
    )
    period = fields.Selection(PERIODS, required=True, default="month", tracking=True)
    date_from = fields.Date(
        "From",
        required=True,
        tracking=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
    )
    date_to = fields.Date(
        "To",
        compute="_compute_date_to",
        store=True,
        readonly=False,
        tracking=True,
        help="The last day of the period (from the period and its start, unless custom).",
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id", string="Currency")
    amount_target = fields.Monetary(
        "Target", tracking=True, help="Untaxed sales the distributor should reach in the period."
    )
    line_ids = fields.One2many(
        "print.channel.plan.line",
        "plan_id",
        "Targets by Product Kind",
        copy=True,
        help="Optional: part of the target by kind of print work.",
    )
    state = fields.Selection(
        [("draft", "Draft"), ("approved", "Approved")],
        "Status",
        default="draft",
        required=True,
        tracking=True,
        copy=False,
        readonly=True,
    )
    approved_by_id = fields.Many2one("res.users", "Approved By", readonly=True, copy=False)
    approved_date = fields.Datetime("Approved On", readonly=True, copy=False)
    amount_ordered = fields.Monetary(
        "Ordered",
        compute="_compute_actuals",
        help="Untaxed amount of the distributor's confirmed orders dated in the period.",
    )
    amount_invoiced = fields.Monetary(
        "Invoiced",
        compute="_compute_actuals",
        help="Untaxed amount of the distributor's posted invoices less credit notes dated in"
        " the period: attainment is judged on it.",
    )
    attainment_ordered = fields.Float("Ordered Attainment (%)", compute="_compute_actuals")
    attainment_invoiced = fields.Float("Attainment (%)", compute="_compute_actuals")
    note = fields.Text()

    _sql_constraints = [
        ("target_positive", "CHECK(amount_target >= 0)", "A plan's target cannot be negative."),
    ]

    @api.depends("partner_id", "date_from", "date_to")
    def _compute_name(self):
        for plan in self:
            plan.name = (
                f"{plan.partner_id.name or ''} {plan.date_from or ''} – {plan.date_to or ''}"
            ).strip()

    @api.depends("period", "date_from")
    def _compute_date_to(self):
        months = {"month": 1, "quarter": 3, "year": 12}
        for plan in self:
            if plan.period in months and plan.date_from:
                plan.date_to = plan.date_from + relativedelta(months=months[plan.period], days=-1)
            elif not plan.date_to:
                plan.date_to = plan.date_from

    @api.depends_context("uid")
    def _compute_actuals(self):
        real = self.filtered("id")
        # sudo(): the figures are the distributor's totals, the plan's own subject; the
        # plan is read by Distribution users, who see them on its form.
        figures = plan_actuals(self.sudo().env, real.ids)
        for plan in self:
            ordered, invoiced = figures.get((plan.id, None), (0.0, 0.0))
            plan.amount_ordered = ordered
            plan.amount_invoiced = invoiced
            plan.attainment_ordered = attainment(ordered, plan.amount_target)
            plan.attainment_invoiced = attainment(invoiced, plan.amount_target)

    @api.constrains("date_from", "date_to", "partner_id", "company_id")
    def _check_period(self):
        for plan in self:
            if not plan.date_to or plan.date_to < plan.date_from:
                raise ValidationError(
                    self.env._(
                        "%(field)s: the plan of %(partner)s ends before it starts.",
                        field=self._fields["date_to"]._description_string(self.env),
                        partner=plan.partner_id.display_name,
                    )
                )
            if not plan.partner_id.sudo().print_channel_role:
                raise ValidationError(
                    self.env._(
                        "%(field)s: %(partner)s is neither a distributor nor an agent.",
                        field=self._fields["partner_id"]._description_string(self.env),
                        partner=plan.partner_id.display_name,
                    )
                )
            overlap = self.sudo().search_count(
                [
                    ("id", "!=", plan.id),
                    ("partner_id", "=", plan.partner_id.id),
                    ("company_id", "=", plan.company_id.id),
                    ("date_from", "<=", plan.date_to),
                    ("date_to", ">=", plan.date_from),
                ],
                limit=1,
            )
            if overlap:
                raise ValidationError(
                    self.env._(
                        "%(field)s: %(partner)s already has a plan for part of %(start)s –"
                        " %(end)s; one plan per distributor and period.",
                        field=self._fields["date_from"]._description_string(self.env),
                        partner=plan.partner_id.display_name,
                        start=plan.date_from,
                        end=plan.date_to,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            # The end of the period is known before the insert, for the checks that
            # compare periods (a pending compute would run them again later).
            if not vals.get("date_to") and vals.get("date_from"):
                period = vals.get("period", "month")
                months = PERIOD_MONTHS.get(period)
                start = fields.Date.to_date(vals["date_from"])
                vals["date_to"] = start + relativedelta(months=months, days=-1) if months else start
        return super().create(vals_list)

    def _print_check_frozen(self, fnames):
        touched = [f for f in PLAN_FIGURES if f in fnames]
        approved = self.filtered(lambda p: p.state == "approved")
        if touched and approved:
            raise UserError(
                self.env._(
                    "%(field)s: the plan %(plan)s is approved; a Distribution manager puts it"
                    " back to draft before it changes.",
                    field=self._fields[touched[0]]._description_string(self.env),
                    plan=approved[0].display_name,
                )
            )

    def write(self, vals):
        self._print_check_frozen(vals)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        self._print_check_frozen(["amount_target"])

    def action_approve(self):
        require_group(self, self.env._("Approve Plan"), CHANNEL_MANAGER)
        for plan in self:
            if plan.state != "draft":
                raise UserError(
                    self.env._(
                        "%(field)s: the plan %(plan)s is not a draft.",
                        field=self._fields["state"]._description_string(self.env),
                        plan=plan.display_name,
                    )
                )
            if plan.amount_target <= 0:
                raise UserError(
                    self.env._(
                        "%(field)s: set the target of %(plan)s above 0 before approving it.",
                        field=self._fields["amount_target"]._description_string(self.env),
                        plan=plan.display_name,
                    )
                )
        self._print_decide().write(
            {
                "state": "approved",
                "approved_by_id": self.env.user.id,
                "approved_date": fields.Datetime.now(),
            }
        )
        return True

    def action_reset_draft(self):
        require_group(self, self.env._("Reset Plan to Draft"), CHANNEL_MANAGER)
        self._print_decide().write(
            {"state": "draft", "approved_by_id": False, "approved_date": False}
        )
        return True

    def _print_portal_values(self):
        """The figures the distributor's portal shows for these plans (read with sudo()
        by the caller, who checked that the plans are the portal user's own)."""
        by_kind = plan_actuals(self.env, self.ids, by_kind=True)
        kinds = dict(
            self.env["print.channel.plan.line"]
            ._fields["product_kind"]
            ._description_selection(self.env)
        )
        values = []
        for plan in self:
            lines = []
            for line in plan.line_ids:
                ordered, invoiced = by_kind.get((plan.id, line.product_kind), (0.0, 0.0))
                lines.append(
                    {
                        "kind": kinds.get(line.product_kind, line.product_kind),
                        "target": line.amount_target,
                        "ordered": ordered,
                        "invoiced": invoiced,
                        "attainment": attainment(invoiced, line.amount_target),
                    }
                )
            values.append(
                {
                    "plan": plan,
                    "date_from": plan.date_from,
                    "date_to": plan.date_to,
                    "currency": plan.currency_id,
                    "target": plan.amount_target,
                    "ordered": plan.amount_ordered,
                    "invoiced": plan.amount_invoiced,
                    "attainment": plan.attainment_invoiced,
                    "lines": lines,
                }
            )
        return values


class PrintChannelPlanLine(models.Model):
    _name = "print.channel.plan.line"
    _description = "Distributor Sales Plan by Product Kind"
    _order = "plan_id, product_kind"

    plan_id = fields.Many2one(
        "print.channel.plan", "Plan", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="plan_id.currency_id")
    product_kind = fields.Selection(PRODUCT_KINDS, required=True)
    amount_target = fields.Monetary("Target")
    amount_ordered = fields.Monetary("Ordered", compute="_compute_actuals")
    amount_invoiced = fields.Monetary("Invoiced", compute="_compute_actuals")
    attainment_invoiced = fields.Float("Attainment (%)", compute="_compute_actuals")

    _sql_constraints = [
        (
            "kind_unique",
            "unique(plan_id, product_kind)",
            "Each product kind has one target per plan.",
        ),
        ("target_positive", "CHECK(amount_target >= 0)", "A target cannot be negative."),
    ]

    def _compute_actuals(self):
        plans = self.plan_id.filtered("id")
        # sudo(): see PrintChannelPlan._compute_actuals.
        figures = plan_actuals(self.sudo().env, plans.ids, by_kind=True)
        for line in self:
            ordered, invoiced = figures.get((line.plan_id.id, line.product_kind), (0.0, 0.0))
            line.amount_ordered = ordered
            line.amount_invoiced = invoiced
            line.attainment_invoiced = attainment(invoiced, line.amount_target)

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.plan_id._print_check_frozen(["line_ids"])
        return lines

    def write(self, vals):
        self.plan_id._print_check_frozen(["line_ids"])
        result = super().write(vals)
        if "plan_id" in vals:
            self.plan_id._print_check_frozen(["line_ids"])
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved(self):
        self.plan_id._print_check_frozen(["line_ids"])


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _print_channel_plan_summary(self, limit=6):
        """The distributor's approved plans, newest first, with their figures, for its
        portal (``portal_channel_plan_summary``).

        The caller (the portal controller) checked that ``self`` is the logged-in user's
        commercial partner; the figures are read with sudo(), as portal users have no
        access to plans."""
        self.ensure_one()
        partner = self.commercial_partner_id
        plans = (
            self.env["print.channel.plan"]
            .sudo()
            .search(
                [("partner_id", "=", partner.id), ("state", "=", "approved")],
                order="date_from desc",
                limit=limit,
            )
        )
        return plans._print_portal_values()

    def _print_channel_portal_sections(self):
        """The distributor portal's sections (title, template xmlid, values): its plan
        attainment, for a partner in the channel. Called as superuser on the logged-in
        user's distributor."""
        parent = getattr(super(), "_print_channel_portal_sections", None)
        sections = list(parent()) if parent else []
        partner = self.commercial_partner_id
        if partner.sudo().print_channel_role:
            sections.append(
                (
                    self.env._("Sales Plan"),
                    "print_crm_channel.portal_channel_plan_summary",
                    {"plan_summary": partner._print_channel_plan_summary()},
                )
            )
        return sections
