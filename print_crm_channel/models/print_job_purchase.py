# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The purchase side of a production job: what it needs bought, what was, and what is late."""

from datetime import datetime, time, timedelta

from odoo import api, fields, models
from odoo.tools import float_compare, float_round

from odoo.addons.print_crm_quote.models.print_access import require_group

MATERIAL_STATES = [
    ("none", "Nothing to Buy"),
    ("to_order", "To Order"),
    ("ordered", "Ordered"),
    ("partial", "Partly Received"),
    ("received", "All Received"),
]
# What a change of these job fields changes in its demand.
DEMAND_TRIGGERS = ("quantity", "rush", "due_date", "route_id")
# Written by the purchasing of the job only (demand raised, rush cost, reminders).
PURCHASE_FIELDS = ("print_demand_raised", "print_rush_purchase_cost", "print_materials_reminded")


class PrintJob(models.Model):
    _inherit = "print.job"

    print_demand_ids = fields.One2many(
        "print.purchase.demand", "job_id", "Purchase Demand", groups="base.group_user"
    )
    print_demand_raised = fields.Boolean(
        "Purchase Demand Raised", readonly=True, copy=False, groups="base.group_user"
    )
    print_purchase_line_ids = fields.Many2many(
        "purchase.order.line",
        compute="_compute_print_purchase",
        string="Purchase Order Lines",
        groups="base.group_user",
    )
    print_purchase_count = fields.Integer(
        "Purchase Orders", compute="_compute_print_purchase", groups="base.group_user"
    )
    print_materials_state = fields.Selection(
        MATERIAL_STATES,
        "Materials",
        compute="_compute_print_materials",
        store=True,
        groups="base.group_user",
        help="Where the outsourced work, paper and materials bought for the job are.",
    )
    print_materials_expected = fields.Datetime(
        "Materials Expected",
        compute="_compute_print_materials",
        store=True,
        groups="base.group_user",
        help="When the last of the job's missing purchases is expected.",
    )
    print_materials_late = fields.Boolean(
        "Materials Late",
        compute="_compute_print_materials",
        store=True,
        groups="base.group_user",
        help="Some of what was bought for the job is past its need-by date or expected after"
        " it.",
    )
    print_rush_purchase_cost = fields.Monetary(
        "Rush Purchasing Cost",
        currency_field="print_currency_id",
        readonly=True,
        copy=False,
        groups="base.group_user",
        help="What ordering this rush job's purchases alone cost more than the batch.",
    )
    print_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Currency", groups="base.group_user"
    )
    print_materials_reminded = fields.Boolean(readonly=True, copy=False, groups="base.group_user")

    @api.depends(
        "print_demand_ids.state",
        "print_demand_ids.late",
        "print_demand_ids.purchase_line_id.date_planned",
    )
    def _compute_print_materials(self):
        for job in self:
            demand = job.print_demand_ids.filtered(lambda d: d.state != "cancel")
            states = set(demand.mapped("state"))
            if not demand:
                job.print_materials_state = "none"
            elif states == {"received"}:
                job.print_materials_state = "received"
            elif "open" in states and not states - {"open"}:
                job.print_materials_state = "to_order"
            elif "received" in states or any(d.qty_received for d in demand):
                job.print_materials_state = "partial"
            elif "open" in states:
                job.print_materials_state = "to_order"
            else:
                job.print_materials_state = "ordered"
            missing = demand.filtered(lambda d: d.state in ("open", "ordered"))
            dates = [d.purchase_line_id.date_planned for d in missing if d.purchase_line_id]
            job.print_materials_expected = max(dates) if dates else False
            job.print_materials_late = any(missing.mapped("late"))

    def _compute_print_purchase(self):
        for job in self:
            lines = job.print_demand_ids.purchase_line_id
            job.print_purchase_line_ids = lines
            job.print_purchase_count = len(lines.order_id)

    @api.depends("print_materials_late", "print_materials_expected")
    def _compute_print_customer_status(self):
        """A job waiting for late materials says so, with the date they are expected."""
        res = super()._compute_print_customer_status()
        for job, job_sudo in zip(self, self.sudo(), strict=True):
            if job_sudo.is_done or job_sudo.is_cancel or not job_sudo.print_materials_late:
                continue
            if job_sudo.customer_stage_id.role in ("ready", "delivered"):
                continue
            expected = job_sudo.print_materials_expected
            if expected:
                job.print_customer_status = self.env._(
                    "Waiting for materials (expected %(date)s)",
                    date=fields.Date.to_string(expected.date()),
                )
            else:
                job.print_customer_status = self.env._("Waiting for materials")
        return res

    # ------------------------------------------------------------------ demand

    def _print_need_by(self, kind):
        """When the job needs a purchase: paper and materials at the planned start of its
        production stage, outsourced work the day before its due date."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        due = self.due_date or fields.Datetime.now()
        if kind == "outsourced":
            return max((due - timedelta(days=1)).date(), today)
        stages = self.route_id._ordered_stages() if self.route_id else self.stage_id
        production = stages.filtered(lambda s: s.role == "production" or s.is_production)[:1]
        hours = 0.0
        if production:
            later = stages.filtered(
                lambda s: (s.sequence, s.id) >= (production.sequence, production.id)
                and not s.is_done
            )
            hours = sum(later.mapped("expected_hours"))
        return max((due - timedelta(hours=hours)).date(), today)

    @api.model
    def _print_seller(self, product, company, partner=None):
        sellers = product.seller_ids.filtered(
            lambda s: s.company_id in (company, self.env["res.company"])
            and (not s.product_id or s.product_id == product)
            and (not partner or s.partner_id == partner)
        )
        return sellers.sorted(lambda s: (s.sequence, s.id))[:1]

    def _print_purchase_needs(self):
        """What this job needs bought: ``{source_key: values}`` of its demand lines, from
        the accepted quantity of its estimate (scaled to the job's copies) and the
        configured materials. ``notes``: why something could not become demand."""
        self.ensure_one()
        job = self.sudo()
        company = job.company_id
        needs, notes = {}, []
        break_ = job.sale_line_id.print_estimate_break_id
        data = break_.breakdown or {}
        copies = job._print_copies_to_buy()
        ratio = copies / break_.quantity if break_ and break_.quantity else 1.0
        parent_sheets = 0
        Substrate = self.env["print.substrate"].with_context(active_test=False)
        Operation = self.env["print.operation"].with_context(active_test=False)
        generic = self.env.ref(
            "print_crm_channel.product_outsourced_work", raise_if_not_found=False
        )
        paper_cost = {}
        for line in data.get("lines") or []:
            if line.get("category") == "paper":
                paper_cost[line.get("part")] = paper_cost.get(line.get("part"), 0.0) + (
                    line.get("amount") or 0.0
                )
        for route in data.get("routes") or []:
            sheets = route.get("parent_sheets") or 0
            parent_sheets += sheets
            if not sheets:
                continue
            substrate = Substrate.search(
                [("code", "=", route.get("substrate")), ("company_id", "=", company.id)], limit=1
            )
            if not substrate.product_id:
                # A paper with no purchase product is not bought through Odoo (stock
                # paper, paper the customer supplies): nothing to order, nothing to say.
                continue
            seller = self._print_seller(substrate.product_id, company)
            if not seller:
                notes.append(
                    self.env._(
                        "%(product)s has no vendor: its paper is not ordered.",
                        product=substrate.product_id.display_name,
                    )
                )
                continue
            bought = substrate._print_purchase_quantity(sheets * ratio)
            if bought is None:
                notes.append(
                    self.env._(
                        "%(product)s is bought in %(unit)s, neither a count nor a weight: its"
                        " paper is not ordered.",
                        product=substrate.product_id.display_name,
                        unit=substrate.product_id.uom_po_id.display_name,
                    )
                )
                continue
            key = "paper:%s" % substrate.id
            need = needs.setdefault(
                key,
                {
                    "kind": "paper",
                    "name": substrate.product_id.display_name,
                    "supplier_id": seller.partner_id.id,
                    "product_id": substrate.product_id.id,
                    "pack_size": seller.print_pack_size,
                    "quantity": 0.0,
                    "estimated_cost": 0.0,
                },
            )
            need["quantity"] += bought
            need["estimated_cost"] += paper_cost.get(route.get("part"), 0.0) * ratio
        for line in data.get("lines") or []:
            if line.get("category") != "outsourced":
                continue
            params = (line.get("item") or {}).get("params") or {}
            operation = Operation.search(
                [("code", "=", params.get("operation")), ("company_id", "=", company.id)],
                limit=1,
            )
            product = operation.print_purchase_product_id or generic
            if not operation.partner_id or not product:
                notes.append(
                    self.env._(
                        "%(operation)s has no supplier: it is not ordered.",
                        operation=operation.display_name or params.get("name"),
                    )
                )
                continue
            key = "outsourced:%s" % operation.id
            need = needs.setdefault(
                key,
                {
                    "kind": "outsourced",
                    "name": operation.display_name,
                    "supplier_id": operation.partner_id.id,
                    "product_id": product.id,
                    "pack_size": 0.0,
                    "quantity": 0.0,
                    "estimated_cost": 0.0,
                },
            )
            need["quantity"] += (line.get("quantity") or 1.0) * ratio
            need["estimated_cost"] += (line.get("amount") or 0.0) * ratio
        kind = job.sudo().estimate_id.product_kind
        materials = (
            self.env["print.purchase.material"].sudo().search([("company_id", "=", company.id)])
        )
        for material in materials:
            if material.product_kind and material.product_kind != kind:
                continue
            seller = self._print_seller(material.product_id, company, material.supplier_id)
            supplier = material.supplier_id or seller.partner_id
            if not supplier:
                notes.append(
                    self.env._(
                        "%(material)s has no supplier: it is not ordered.",
                        material=material.name,
                    )
                )
                continue
            quantity = material._print_quantity(copies, parent_sheets * ratio)
            if quantity <= 0:
                continue
            needs["material:%s" % material.id] = {
                "kind": "material",
                "name": material.name,
                "supplier_id": supplier.id,
                "product_id": material.product_id.id,
                "pack_size": seller.print_pack_size if seller else 0.0,
                "quantity": quantity,
                "estimated_cost": quantity * (seller.price if seller else 0.0),
            }
        for key, need in needs.items():
            rounding = self.env["product.product"].browse(need["product_id"]).uom_po_id.rounding
            need["quantity"] = float_round(
                need["quantity"], precision_rounding=rounding or 0.001, rounding_method="UP"
            )
            need["need_by"] = job._print_need_by(need["kind"])
            need["rush"] = job.rush
            need["source_key"] = key
        return {k: v for k, v in needs.items() if v["quantity"] > 0}, notes

    def _print_copies_to_buy(self):
        """Copies this job buys for: its own and those of the jobs split off it (a split is a
        partial delivery; what it needs was bought, or is to buy, for the whole)."""
        self.ensure_one()
        jobs, todo = self, self.child_ids
        while todo:
            jobs |= todo
            todo = todo.child_ids - jobs
        return sum(jobs.filtered(lambda j: not j.is_cancel).mapped("quantity"))

    def _print_demand_root(self):
        """The jobs that hold the demand of these: a split-off part's is the job it was
        split from (recursively)."""
        roots = self.browse()
        for job in self:
            while job.parent_id:
                job = job.parent_id
            roots |= job
        return roots

    def _print_sync_demand(self):
        """Raise or update the purchase demand of these jobs: new needs become open lines,
        changed ones update their open line, needs that are gone cancel theirs; what was
        already ordered is left to the buyer, who is told. Rush demand is ordered at once."""
        Demand = self.env["print.purchase.demand"].sudo()
        to_order = Demand
        for job in self.sudo():
            if job.is_cancel or job.is_done:
                continue
            needs, notes = job._print_purchase_needs()
            existing = job.print_demand_ids.filtered(lambda d: d.state != "cancel")
            by_key = {}
            for demand in existing:
                by_key.setdefault(demand.source_key, Demand)
                by_key[demand.source_key] |= demand
            changed_ordered = []
            for key, need in needs.items():
                lines = by_key.pop(key, Demand)
                open_ = lines.filtered(lambda d: d.state == "open")
                bought = lines - open_
                rest = need["quantity"] - sum(bought.mapped("quantity"))
                values = dict(need, quantity=rest)
                if float_compare(rest, 0.0, precision_digits=4) <= 0:
                    open_._print_decide("cancelled").write({"cancelled": True})
                    if float_compare(rest, 0.0, precision_digits=4) < 0:
                        changed_ordered.append(bought[:1])
                    continue
                if bought:
                    values["estimated_cost"] = need["estimated_cost"] * rest / need["quantity"]
                if open_:
                    open_[1:]._print_decide("cancelled").write({"cancelled": True})
                    keep = open_[:1]
                    update = {
                        k: v
                        for k, v in values.items()
                        if k not in ("kind", "source_key")
                        and (keep[k].id if isinstance(keep[k], models.BaseModel) else keep[k]) != v
                    }
                    if update:
                        keep._print_decide(*update).write(update)
                    to_order |= keep
                else:
                    to_order |= Demand._print_decide().create(
                        dict(values, job_id=job.id, company_id=job.company_id.id)
                    )
            for lines in by_key.values():
                open_ = lines.filtered(lambda d: d.state == "open")
                open_._print_decide("cancelled").write({"cancelled": True})
                if lines - open_:
                    changed_ordered.append((lines - open_)[:1])
            for bought in changed_ordered:
                job._print_tell_buyer(bought)
            if notes:
                job.message_post(body="\n".join(notes))
            if not job.print_demand_raised:
                job._print_decide("print_demand_raised").write({"print_demand_raised": True})
        rush = to_order.filtered(lambda d: d.rush and d.state == "open")
        if rush:
            rush._print_consolidate()
        return True

    def _print_tell_buyer(self, demand):
        """An activity on the purchase order whose line no longer matches the job."""
        self.ensure_one()
        po = demand.purchase_id
        po.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._("Job changed: check this order"),
            note=self.env._(
                "%(job)s changed after %(line)s was ordered: it needs a different quantity"
                " or no longer needs it.",
                job=self.display_name,
                line=demand.name,
            ),
            user_id=po.user_id.id or self.env.uid,
        )

    def _print_cancel_demand(self):
        """A cancelled job cancels its open demand; the buyer is told of what was ordered."""
        for job in self.sudo():
            demand = job.print_demand_ids.filtered(lambda d: d.state != "cancel")
            open_ = demand.filtered(lambda d: d.state == "open")
            open_._print_decide("cancelled").write({"cancelled": True})
            for po in (demand - open_).filtered(lambda d: d.state == "ordered").purchase_id:
                job._print_tell_buyer(
                    (demand - open_).filtered(lambda d, po=po: d.purchase_id == po)[:1]
                )

    def _print_demand_due(self):
        """Jobs whose demand should be raised now: at confirmation, or once they reach the
        company's purchasing stage."""
        due = self.browse()
        for job in self.sudo():
            if (
                job.print_demand_raised
                or job.parent_id
                or not job.sale_line_id
                or job.is_cancel
                or job.is_done
            ):
                continue
            stage = job.company_id.print_purchase_stage_id
            if not stage or (job.stage_id.sequence, job.stage_id.id) >= (stage.sequence, stage.id):
                due |= job
        return due

    def _print_check_purchase_fields(self, fnames):
        # Not in _print_decision_fields: other modules extend that tuple on print.job too,
        # and a class attribute of one would hide the other's.
        touched = set(fnames) & set(PURCHASE_FIELDS)
        if touched and not self._print_decision_allowed(touched):
            raise self._print_decision_error(touched)

    @api.model_create_multi
    def create(self, vals_list):
        self._print_check_purchase_fields({f for vals in vals_list for f in vals})
        jobs = super().create(vals_list)
        jobs._print_demand_due()._print_sync_demand()
        return jobs

    def write(self, vals):
        self._print_check_purchase_fields(vals)
        result = super().write(vals)
        if "due_date" in vals:
            # A postponed job is reminded of its missing materials again.
            reminded = self.sudo().filtered("print_materials_reminded")
            reminded._print_decide("print_materials_reminded").write(
                {"print_materials_reminded": False}
            )
        if any(f in vals for f in DEMAND_TRIGGERS):
            self.sudo()._print_demand_root().filtered("print_demand_raised")._print_sync_demand()
        if "stage_id" in vals:
            cancelled = self.filtered("is_cancel")
            cancelled._print_cancel_demand()
            # A cancelled split-off part no longer needs its share of the job's demand.
            parts = cancelled.sudo().filtered("parent_id")._print_demand_root()
            parts.filtered(lambda j: j.print_demand_raised and not j.is_cancel)._print_sync_demand()
            self._print_demand_due()._print_sync_demand()
        return result

    def _print_after_receipt(self):
        """Received goods: the late flags follow (the materials state is a stored compute)."""
        self.sudo().print_demand_ids._print_check_late()

    @api.model
    def _print_remind_missing_materials(self, today):
        """Remind the responsible of each job whose ship date nears with materials missing,
        once per job (again after the job is postponed)."""
        jobs = self.sudo().search(
            [
                ("print_materials_state", "in", ("to_order", "ordered", "partial")),
                ("print_materials_reminded", "=", False),
                ("is_done", "=", False),
                ("is_cancel", "=", False),
            ]
        )
        reminded = self.browse()
        for job in jobs:
            horizon = datetime.combine(
                today + timedelta(days=job.company_id.print_purchase_ship_days), time.max
            )
            if job.due_date and job.due_date <= horizon:
                missing = job.print_demand_ids.filtered(lambda d: d.state in ("open", "ordered"))
                job.activity_schedule(
                    "mail.mail_activity_data_todo",
                    date_deadline=min(job.due_date.date(), today + timedelta(days=1)),
                    summary=self.env._("Ship date near, materials missing"),
                    note=self.env._(
                        "Still missing: %(items)s.",
                        items=", ".join(missing.mapped("name")),
                    ),
                    user_id=job.user_id.id or self.env.uid,
                )
                reminded |= job
        reminded._print_decide("print_materials_reminded").write({"print_materials_reminded": True})
        return reminded

    def action_view_print_purchases(self):
        """The purchase orders of this job (buyers: the customer reads its job in the
        portal, never what was bought for it nor from whom)."""
        require_group(self, self.env._("Open the Purchase Orders"), "purchase.group_purchase_user")
        self.ensure_one()
        return self.sudo().print_purchase_line_ids.order_id.with_env(self.env)._print_action_view()
