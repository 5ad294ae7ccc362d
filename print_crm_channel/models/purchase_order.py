# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.tools import float_compare


class PurchaseOrder(models.Model):
    """A purchase order made from production demand: batch or rush, and the jobs it serves."""

    _inherit = "purchase.order"

    print_batch = fields.Boolean(
        "Batch Order",
        readonly=True,
        copy=False,
        groups="base.group_user",
        help="Made by the batch run from the supplier's open demand; later batches add to it"
        " while it is a draft.",
    )
    print_rush = fields.Boolean(
        "Rush Order",
        readonly=True,
        copy=False,
        groups="base.group_user",
        help="Sent at once for a rush job, without waiting for the supplier's batch.",
    )
    print_job_id = fields.Many2one(
        "print.job", "Rush Job", readonly=True, copy=False, groups="base.group_user"
    )
    print_extra_cost = fields.Float(
        "Extra Cost of Ordering Alone",
        digits="Product Price",
        readonly=True,
        copy=False,
        groups="base.group_user",
    )
    print_job_ids = fields.Many2many(
        "print.job",
        compute="_compute_print_job_ids",
        string="Jobs",
        groups="base.group_user",
    )
    print_job_count = fields.Integer(compute="_compute_print_job_ids", groups="base.group_user")

    @api.depends("order_line.print_demand_ids.job_id")
    def _compute_print_job_ids(self):
        for order in self:
            order.print_job_ids = order.order_line.print_demand_ids.job_id
            order.print_job_count = len(order.print_job_ids)

    def button_cancel(self):
        """A cancelled order gives its demand back to be ordered again (nothing is lost)."""
        result = super().button_cancel()
        # sudo: the caller cancelled the order (super() checked it may); its demand lines
        # are released to the next batch.
        demand = self.sudo().order_line.print_demand_ids.filtered(lambda d: d.state != "cancel")
        if demand:
            demand._print_decide("purchase_line_id", "late", "reminded").write(
                {"purchase_line_id": False, "late": False, "reminded": False}
            )
            for job in demand.job_id:
                job.message_post(
                    body=self.env._(
                        "Purchase order %(po)s was cancelled: what it ordered for this job is to"
                        " order again.",
                        po=", ".join(self.mapped("name")),
                    )
                )
        return result

    def action_view_print_jobs(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "print_crm_tracking.print_job_action"
        )
        action["domain"] = [("id", "in", self.print_job_ids.ids)]
        action["context"] = {}
        return action

    def _print_action_view(self):
        action = self.env["ir.actions.act_window"]._for_xml_id("purchase.purchase_rfq")
        if len(self) == 1:
            action.update(res_id=self.id, view_mode="form", views=[(False, "form")])
        else:
            action["domain"] = [("id", "in", self.ids)]
        return action


class PurchaseOrderLine(models.Model):
    """A purchase order line and the production jobs it serves."""

    _inherit = "purchase.order.line"

    print_demand_ids = fields.One2many(
        "print.purchase.demand",
        "purchase_line_id",
        "Demand Served",
        readonly=True,
        groups="base.group_user",
    )
    print_job_ids = fields.Many2many(
        "print.job", compute="_compute_print_job_ids", string="Jobs", groups="base.group_user"
    )
    print_need_by = fields.Date("Needed By", readonly=True, copy=False, groups="base.group_user")
    print_pack_size = fields.Float(
        "Units per Pack",
        digits="Product Unit of Measure",
        readonly=True,
        copy=False,
        groups="base.group_user",
    )
    print_estimated_cost = fields.Monetary(
        "Estimated Cost",
        compute="_compute_print_estimated_cost",
        store=True,
        currency_field="currency_id",
        groups="base.group_user",
        help="What the estimates of the jobs served costed for this line.",
    )
    print_date_received = fields.Datetime(
        "Fully Received On",
        readonly=True,
        copy=False,
        groups="base.group_user",
        help="When the last of the line's quantity was received (supplier evaluation).",
    )

    @api.depends("print_demand_ids.job_id")
    def _compute_print_job_ids(self):
        for line in self:
            line.print_job_ids = line.print_demand_ids.job_id

    @api.depends("print_demand_ids.estimated_cost", "print_demand_ids.cancelled")
    def _compute_print_estimated_cost(self):
        for line in self:
            line.print_estimated_cost = sum(
                line.print_demand_ids.filtered(lambda d: not d.cancelled).mapped("estimated_cost")
            )

    def write(self, vals):
        result = super().write(vals)
        if "qty_received" in vals or "qty_received_manual" in vals:
            self._print_stamp_received()
        return result

    def _print_stamp_received(self):
        now = fields.Datetime.now()
        for line in self:
            full = (
                float_compare(
                    line.qty_received,
                    line.product_qty,
                    precision_rounding=line.product_uom.rounding or 0.01,
                )
                >= 0
            )
            if full and not line.print_date_received:
                line.sudo().print_date_received = now
            elif not full and line.print_date_received:
                line.sudo().print_date_received = False
        jobs = self.sudo().print_demand_ids.job_id
        if jobs:
            jobs._print_after_receipt()
