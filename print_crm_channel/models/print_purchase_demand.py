# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Purchase demand of production jobs, and its consolidation into purchase orders.

A confirmed job (or one that reaches the company's purchasing stage) yields demand lines:
its outsourced operations, the paper of its chosen routes and the materials the shop
configures. The batch run turns open demand into one purchase order per supplier at the
supplier's window; rush demand is ordered at once (engine: ``..engine.consolidate``).

Thin purchasing, as DESIGN.md asks: purchase orders are written directly and received
quantities are entered on the purchase order lines (no Inventory). OCA ``purchase_request``
would be the queue, but it pulls in stock and purchase_stock, which a print shop that does
not run Inventory must not be forced into.
"""

from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

from odoo.addons.print_crm_quote.models.print_access import require_group
from odoo.addons.print_crm_quote.models.print_decision_mixin import decide

from ..engine import ConsolidationError, Demand, DraftLine, DraftOrder, consolidate
from .purchase_order import ORDER_DECISIONS

PURCHASE_USER = "purchase.group_purchase_user"
PURCHASE_MANAGER = "purchase.group_purchase_manager"

KINDS = [
    ("outsourced", "Outsourced Work"),
    ("paper", "Paper"),
    ("material", "Material"),
]
STATES = [
    ("open", "To Order"),
    ("ordered", "Ordered"),
    ("received", "Received"),
    ("cancel", "Cancelled"),
]
BOARD_STATES = [
    ("to_order", "To Order"),
    ("ordered", "Ordered"),
    ("at_supplier", "At Supplier"),
    ("late", "Late"),
    ("received", "Received"),
    ("cancel", "Cancelled"),
]


class PrintPurchaseDemand(models.Model):
    """What a production job needs bought: outsourced work, paper or a material."""

    _name = "print.purchase.demand"
    _description = "Purchase Demand"
    _inherit = ["mail.thread", "print.decision.mixin"]
    _order = "rush desc, need_by, id"
    _check_company_auto = True
    # Written by the job (demand from its estimate), the batch run, receipts and the
    # buyers' actions only: a plain write of them over RPC is refused.
    _print_decision_fields = (
        "job_id",
        "kind",
        "source_key",
        "supplier_id",
        "product_id",
        "quantity",
        "pack_size",
        "need_by",
        "rush",
        "estimated_cost",
        "purchase_line_id",
        "cancelled",
        "late",
        "reminded",
    )

    name = fields.Char("Description", required=True)
    job_id = fields.Many2one(
        "print.job", "Job", required=True, index=True, ondelete="cascade", check_company=True
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    sale_order_id = fields.Many2one(related="job_id.sale_order_id", store=True, string="Order")
    customer_id = fields.Many2one(
        related="job_id.commercial_partner_id", store=True, string="Customer"
    )
    kind = fields.Selection(KINDS, required=True, index=True)
    source_key = fields.Char(
        required=True,
        help="What of the job this line is for (an operation, a part's paper, a material):"
        " a change of the job updates the line of the same source.",
    )
    supplier_id = fields.Many2one("res.partner", "Supplier", required=True, index=True)
    product_id = fields.Many2one("product.product", "Product", required=True, index=True)
    uom_id = fields.Many2one(related="product_id.uom_po_id", string="Unit")
    quantity = fields.Float(digits="Product Unit of Measure", required=True)
    pack_size = fields.Float(
        digits="Product Unit of Measure",
        help="Units the supplier sells together (a ream of 500 sheets, a carton); 0 for any"
        " quantity. Orders are rounded up to whole packs.",
    )
    need_by = fields.Date("Needed By", required=True, index=True)
    rush = fields.Boolean(help="The job is rush: its demand is ordered at once, not batched.")
    estimated_cost = fields.Monetary(
        currency_field="currency_id",
        help="What the estimate costed for this line; the price variance of the supplier is"
        " measured against it.",
    )
    purchase_line_id = fields.Many2one(
        "purchase.order.line", "Purchase Order Line", index="btree_not_null", ondelete="set null"
    )
    purchase_id = fields.Many2one(
        related="purchase_line_id.order_id", store=True, string="Purchase Order", index=True
    )
    date_planned = fields.Datetime(
        related="purchase_line_id.date_planned", string="Expected Arrival"
    )
    cancelled = fields.Boolean(readonly=True, copy=False)
    qty_received = fields.Float(
        "Received",
        digits="Product Unit of Measure",
        compute="_compute_qty_received",
        store=True,
        help="The part of the line's received quantity that serves this demand (lines are"
        " served in order of need).",
    )
    state = fields.Selection(STATES, compute="_compute_state", store=True, index=True)
    late = fields.Boolean(
        readonly=True,
        copy=False,
        help="Not received and either past its need-by date or expected after it.",
    )
    reminded = fields.Boolean(
        "Arrival Reminder Sent",
        readonly=True,
        copy=False,
        help="The buyer was reminded that the goods are due.",
    )
    board_state = fields.Selection(
        BOARD_STATES,
        "Progress",
        compute="_compute_board_state",
        store=True,
        group_expand="_expand_board_states",
    )

    _sql_constraints = [
        ("quantity_positive", "CHECK(quantity > 0)", "A demand line needs a quantity."),
        ("pack_not_negative", "CHECK(pack_size >= 0)", "A pack size cannot be negative."),
    ]

    # ------------------------------------------------------------------ computes

    @api.depends(
        "purchase_line_id.qty_received",
        "purchase_line_id.print_demand_ids.quantity",
        "purchase_line_id.print_demand_ids.need_by",
        "cancelled",
    )
    def _compute_qty_received(self):
        # Each line's received quantity is shared out once among the demand it serves.
        share = {}
        for line in self.purchase_line_id:
            left = line.qty_received
            siblings = line.print_demand_ids.filtered(lambda d: not d.cancelled)
            for sibling in siblings.sorted(lambda d: (d.need_by, d.id)):
                take = max(min(left, sibling.quantity), 0.0)
                share[sibling.id] = take
                left -= take
        for demand in self:
            if not demand.purchase_line_id or demand.cancelled:
                demand.qty_received = 0.0
            else:
                demand.qty_received = share.get(demand.id, 0.0)

    @api.depends("cancelled", "purchase_line_id", "qty_received", "quantity")
    def _compute_state(self):
        for demand in self:
            if demand.cancelled:
                demand.state = "cancel"
            elif not demand.purchase_line_id:
                demand.state = "open"
            elif float_compare(demand.qty_received, demand.quantity, precision_digits=4) >= 0:
                demand.state = "received"
            else:
                demand.state = "ordered"

    @api.depends("state", "late", "purchase_id.state")
    def _compute_board_state(self):
        for demand in self:
            if demand.state in ("received", "cancel"):
                demand.board_state = demand.state
            elif demand.late:
                demand.board_state = "late"
            elif demand.state == "open":
                demand.board_state = "to_order"
            elif demand.purchase_id.state in ("purchase", "done"):
                demand.board_state = "at_supplier"
            else:
                demand.board_state = "ordered"

    @api.model
    def _expand_board_states(self, states, domain):
        return [key for key, _label in BOARD_STATES if key != "cancel"]

    @api.constrains("quantity", "need_by", "pack_size")
    def _check_figures(self):
        for demand in self:
            if demand.quantity <= 0:
                raise ValidationError(
                    self.env._("%(line)s: Quantity must be positive.", line=demand.name)
                )

    # ------------------------------------------------------------------ actions

    def _check_buyer(self, action):
        require_group(self, action, PURCHASE_USER)

    def action_order_now(self):
        """Order the selected open demand now, without waiting for the suppliers' windows."""
        self._check_buyer(self.env._("Order Now"))
        open_ = self.filtered(lambda d: d.state == "open")
        if not open_:
            raise UserError(self.env._("None of the selected lines is still to order."))
        # sudo: purchase users create and confirm purchase orders; the demand they pick was
        # read through their access rules.
        orders = open_.sudo()._print_consolidate(force=True)
        return orders.with_env(self.env)._print_action_view() if orders else True

    def action_cancel(self):
        """Cancel demand that is no longer needed (not what was ordered: cancel the PO)."""
        self._check_buyer(self.env._("Cancel Demand"))
        ordered = self.filtered(lambda d: d.state not in ("open", "cancel"))
        if ordered:
            raise UserError(
                self.env._(
                    "%(line)s is on %(po)s: cancel or change the purchase order instead.",
                    line=ordered[0].name,
                    po=ordered[0].purchase_id.display_name,
                )
            )
        self._print_decide("cancelled").write({"cancelled": True})
        return True

    def action_reopen(self):
        """Bring cancelled demand back to be ordered."""
        self._check_buyer(self.env._("Reopen Demand"))
        self.filtered("cancelled")._print_decide("cancelled").write({"cancelled": False})
        return True

    def action_view_purchase(self):
        self._check_buyer(self.env._("Open the Purchase Order"))
        self.ensure_one()
        if not self.purchase_id:
            raise UserError(self.env._("%(line)s is not ordered yet.", line=self.name))
        return self.purchase_id.get_formview_action()

    # ------------------------------------------------------------------ consolidation

    @api.model
    def _print_supplier_input(self, partners):
        """Engine ``Supplier`` of each partner: its batch window, order cost, last batch."""
        result = []
        for partner in partners:
            try:
                result.append(partner._print_engine_supplier())
            except ConsolidationError as error:
                raise ValidationError(
                    self.env._(
                        "%(supplier)s: its batch window is not valid (%(error)s).",
                        supplier=partner.display_name,
                        error=error.message,
                    )
                ) from error
        return result

    def _print_engine_demand(self):
        return [
            Demand(
                id=d.id,
                supplier_id=d.supplier_id.id,
                product_id=d.product_id.id,
                quantity=d.quantity,
                need_by=d.need_by,
                rush=d.rush,
                pack_size=d.pack_size or None,
                job_id=d.job_id.id,
            )
            for d in self
        ]

    @api.model
    def _print_open_drafts(self, suppliers, companies):
        """Each supplier's open batch draft (an RFQ the batch made and nobody sent yet)."""
        drafts = self.env["purchase.order"].search(
            [
                ("partner_id", "in", suppliers.ids),
                ("company_id", "in", companies.ids),
                ("state", "=", "draft"),
                ("print_batch", "=", True),
            ],
            order="id desc",
        )
        by_supplier = {}
        for po in drafts:
            by_supplier.setdefault((po.partner_id.id, po.company_id.id), po)
        return by_supplier

    def _print_consolidate(self, force=False, now=None):
        """Order this open demand: one purchase order per supplier (and company) whose window
        is due (all when ``force``), one per rush job at once. Returns the orders written."""
        now = now or fields.Datetime.now()
        PurchaseOrder = self.env["purchase.order"]
        written = PurchaseOrder
        demand = self.filtered(lambda d: d.state == "open")
        for company in demand.company_id:
            of_company = demand.filtered(lambda d, c=company: d.company_id == c)
            partners = of_company.supplier_id
            drafts_by = self._print_open_drafts(partners, company)
            drafts = [
                DraftOrder(
                    po.id,
                    po.partner_id.id,
                    tuple(
                        DraftLine(
                            line.id,
                            line.product_id.id,
                            line.print_need_by,
                            line.product_qty,
                            line.print_pack_size or None,
                            sum(
                                line.print_demand_ids.filtered(lambda d: not d.cancelled).mapped(
                                    "quantity"
                                )
                            ),
                        )
                        for line in po.order_line
                        if line.product_id and line.print_need_by
                    ),
                )
                for (_partner, _company), po in drafts_by.items()
                if _company == company.id
            ]
            result = consolidate(
                of_company._print_engine_demand(),
                self._print_supplier_input(partners),
                now,
                drafts=drafts,
                force=force,
            )
            written |= self._print_write_orders(result, company)
            batched = self.env["res.partner"].browse(result.batched) & partners
            batched._print_decide("print_last_batch").write({"print_last_batch": now})
            for job_id, cost in result.rush_costs().items():
                job = self.env["print.job"].browse(job_id)
                job._print_decide("print_rush_purchase_cost").write(
                    {"print_rush_purchase_cost": job.print_rush_purchase_cost + cost}
                )
        return written

    def _print_write_orders(self, result, company):
        """Write the engine's ``result``: the new orders in one create, their lines in one
        create (with every value the line's onchange would deduce, so none runs), each
        line's demand linked by one write, the orders to send confirmed together."""
        PurchaseOrder = self.env["purchase.order"]
        Line = self.env["purchase.order.line"]
        demand_by_id = {d.id: d for d in self}
        jobs_of = [
            self.env["print.job"].browse(sorted({demand_by_id[i].job_id.id for i in o.demand_ids}))
            for o in result.orders
        ]
        new = [i for i, order in enumerate(result.orders) if not order.draft_id]
        created = decide(PurchaseOrder, *ORDER_DECISIONS).create(
            [
                {
                    "partner_id": result.orders[i].supplier_id,
                    "company_id": company.id,
                    "origin": ", ".join(sorted(jobs_of[i].mapped("name")))[:200],
                    "print_batch": not result.orders[i].rush,
                    "print_rush": result.orders[i].rush,
                    "print_job_id": result.orders[i].job_id if result.orders[i].rush else False,
                    "print_extra_cost": result.orders[i].extra_cost,
                }
                for i in new
            ]
        )
        pos = [
            PurchaseOrder.browse(order.draft_id) if order.draft_id else None
            for order in result.orders
        ]
        for i, po in zip(new, created, strict=True):
            pos[i] = po
        specs, links = [], []
        for order, po in zip(result.orders, pos, strict=True):
            for line in order.lines:
                demands = self.browse(line.demand_ids).with_prefetch(self._prefetch_ids)
                if line.draft_line_id:
                    po_line = Line.browse(line.draft_line_id)
                    po_line.product_qty = line.quantity
                    links.append((demands, po_line))
                else:
                    specs.append((po, line, demands))
        lines = decide(Line, "print_need_by", "print_pack_size").create(
            PurchaseOrder._print_lines_values(specs)
        )
        links += zip((demands for _po, _line, demands in specs), lines, strict=True)
        for demands, po_line in links:
            demands._print_decide("purchase_line_id").write({"purchase_line_id": po_line.id})
        for order, po, jobs in zip(result.orders, pos, jobs_of, strict=True):
            if order.draft_id and jobs:
                origin = set(filter(None, (po.origin or "").split(", ")))
                origin |= set(jobs.mapped("name"))
                po.origin = ", ".join(sorted(origin))[:200]
        auto_confirm = company.print_purchase_confirm
        written = PurchaseOrder.browse([po.id for po in pos])
        to_confirm = written.browse(
            [
                po.id
                for order, po in zip(result.orders, pos, strict=True)
                if po.state == "draft" and (order.rush or auto_confirm)
            ]
        )
        if to_confirm:
            to_confirm.button_confirm()
        for order, po, jobs in zip(result.orders, pos, jobs_of, strict=True):
            if not order.rush:
                continue
            for job in jobs:
                job.message_post(
                    body=self.env._(
                        "Rush: %(po)s sent to %(supplier)s at once, without waiting for its"
                        " batch (ordering alone costs %(cost)s more).",
                        po=po.name,
                        supplier=po.partner_id.display_name,
                        cost=order.extra_cost,
                    )
                )
        return written

    @api.model
    def _cron_consolidate(self):
        """The batch run: every supplier whose window came orders its open demand."""
        open_ = self.sudo().search([("state", "=", "open")])
        open_._print_consolidate()
        open_._print_check_late()
        return True

    # ------------------------------------------------------------------ lateness, reminders

    def _print_is_late(self, today):
        self.ensure_one()
        if self.state not in ("open", "ordered"):
            return False
        if self.need_by < today:
            return True
        return bool(self.date_planned and self.date_planned.date() > self.need_by)

    def _print_check_late(self, today=None):
        """Set the late flag of this demand (and so of its jobs) as of ``today``."""
        today = today or fields.Date.context_today(self)
        late = self.filtered(lambda d: d._print_is_late(today))
        late.filtered(lambda d: not d.late)._print_decide("late").write({"late": True})
        (self - late).filtered("late")._print_decide("late").write({"late": False})

    @api.model
    def _cron_materials(self):
        """Daily: late flags, arrival reminders to the buyers, and reminders to the job's
        responsible when its ship date nears with materials missing."""
        Demand = self.sudo()
        today = fields.Date.context_today(self)
        pending = Demand.search([("state", "in", ("open", "ordered"))])
        pending._print_check_late(today)
        # Received or cancelled demand is no longer late.
        Demand.search([("late", "=", True), ("state", "in", ("received", "cancel"))])._print_decide(
            "late"
        ).write({"late": False})
        companies = pending.company_id
        for company in companies:
            days = company.print_purchase_arrival_days
            horizon = datetime.combine(today + timedelta(days=days), time.max)
            due = pending.filtered(
                lambda d, c=company, h=horizon: d.company_id == c
                and d.state == "ordered"
                and not d.reminded
                and d.date_planned
                and d.date_planned <= h
            )
            for po in due.purchase_id:
                lines = due.filtered(lambda d, po=po: d.purchase_id == po)
                po.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=min(lines.mapped("date_planned")).date(),
                    summary=self.env._("Goods due for production jobs"),
                    note=self.env._(
                        "Due by %(date)s for %(jobs)s: check with the supplier.",
                        date=fields.Date.to_string(min(lines.mapped("date_planned")).date()),
                        jobs=", ".join(sorted(set(lines.job_id.mapped("name")))),
                    ),
                    user_id=po.user_id.id or self.env.uid,
                )
            due._print_decide("reminded").write({"reminded": True})
        self.env["print.job"].sudo()._print_remind_missing_materials(today)
        return True
