# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, time

from odoo import Command, api, fields, models
from odoo.tools import float_compare, float_round
from odoo.tools.misc import get_lang

from odoo.addons.print_crm_quote.models.print_access import require_group
from odoo.addons.print_crm_quote.models.print_decision_mixin import decide, refuse_undecided

# What the batch run records on the orders and lines it writes (and a receipt, the day a
# line was fully received, which the supplier scorecard reads): only the run writes them.
ORDER_DECISIONS = ("print_batch", "print_rush", "print_job_id", "print_extra_cost")
LINE_DECISIONS = ("print_need_by", "print_pack_size", "print_date_received")


class PurchaseOrder(models.Model):
    """A purchase order made from production demand: batch or rush, and the jobs it serves."""

    _inherit = "purchase.order"

    @api.model_create_multi
    def create(self, vals_list):
        refuse_undecided(self, vals_list, ORDER_DECISIONS)
        return super().create(vals_list)

    def write(self, vals):
        refuse_undecided(self, [vals], ORDER_DECISIONS)
        return super().write(vals)

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
        """The production jobs this order buys for (buyers: a supplier in the portal may
        read its order, never the jobs behind it)."""
        require_group(self, self.env._("Open the Jobs"), "purchase.group_purchase_user")
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "print_crm_tracking.print_job_action"
        )
        action["domain"] = [("id", "in", self.print_job_ids.ids)]
        action["context"] = {}
        return action

    @api.model
    def _print_lines_values(self, specs):
        """Values of new purchase order lines, one per ``(order, line, demands)`` of
        ``specs`` (the engine's ``line`` serving ``demands``, added to ``order``): all that
        the line's product onchange and computes would deduce (unit, description, taxes,
        the supplier's price for the quantity and its discount, analytic distribution), so
        that a batch of lines is created in one call that runs none of them per line. What
        does not depend on the quantity is worked out once per product and supplier.
        Outsourced work is bought at the price the estimate costed it."""
        Tax = self.env["account.tax"]
        today = fields.Date.context_today(self)
        digits = self.env["decimal.precision"].precision_get("Product Price")
        # The distribution models would be searched per line; with none, lines have none.
        no_analytic = not self.env["account.analytic.distribution.model"].search_count([], limit=1)
        products, sellers = {}, {}
        result = []
        # One prefetch of the products, their sellers and taxes for all the lines.
        prefetch = self.env["product.product"].browse({line.product_id for _po, line, _d in specs})
        prefetch.mapped("seller_ids.min_qty")
        # The supplier's name and code of each product, as the line's onchange shows them,
        # for all the products of a supplier at once.
        of_supplier = {}
        for po, line, _demands in specs:
            of_supplier.setdefault((po.partner_id, po.company_id), set()).add(line.product_id)
        names = {}
        for (partner, company), product_ids in of_supplier.items():
            products_lang = prefetch.browse(product_ids).with_context(
                lang=get_lang(self.env, partner.lang).code,
                partner_id=partner.id,
                company_id=company.id,
            )
            for product in products_lang:
                name = product.display_name
                if product.description_purchase:
                    name += "\n" + product.description_purchase
                names[(partner.id, company.id, product.id)] = name
        for po, line, demands in specs:
            company, partner = po.company_id, po.partner_id
            date_order = po.date_order.date() if po.date_order else today
            key = (line.product_id, partner.id, company.id, po.fiscal_position_id.id)
            known = products.get(key)
            if known is None:
                product = prefetch.browse(line.product_id).with_prefetch(prefetch._prefetch_ids)
                own = product.seller_ids.filtered(lambda s, p=partner: s.partner_id == p)
                product_taxes = product.supplier_taxes_id._filter_taxes_by_company(company)
                known = products[key] = (
                    product,
                    product.uom_po_id or product.uom_id,
                    product_taxes,
                    po.fiscal_position_id.map_tax(product_taxes),
                    # Without a minimum quantity, the quantity does not choose the seller.
                    not any(own.mapped("min_qty")),
                )
            product, uom, product_taxes, taxes, any_quantity = known
            seller_key = key + (max(date_order, today), None if any_quantity else line.quantity)
            seller = sellers.get(seller_key)
            if seller is None:
                seller = sellers[seller_key] = product.with_company(company)._select_seller(
                    partner_id=partner,
                    quantity=line.quantity,
                    date=max(date_order, today),
                    uom_id=uom,
                )
            if seller:
                price = Tax._fix_tax_included_price_company(
                    seller.price, product_taxes, taxes, company
                )
                price = seller.currency_id._convert(
                    price, po.currency_id, company, date_order, False
                )
                price = seller.product_uom._compute_price(price, uom)
            else:
                price = Tax._fix_tax_included_price_company(
                    product.uom_id._compute_price(product.standard_price, uom),
                    product_taxes,
                    taxes,
                    company,
                )
                price = product.cost_currency_id._convert(
                    price, po.currency_id, company, date_order, False
                )
            outsourced = any(d.kind == "outsourced" for d in demands)
            cost = sum(demands.mapped("estimated_cost")) if outsourced else 0.0
            if line.quantity and cost:
                price = cost / line.quantity
            name = names[(partner.id, company.id, product.id)]
            values = {
                "order_id": po.id,
                "product_id": product.id,
                "name": "%s\n%s" % (name, ", ".join(sorted(set(demands.job_id.mapped("name"))))),
                "product_qty": line.quantity,
                "product_uom": uom.id,
                "price_unit": float_round(
                    price, precision_digits=max(po.currency_id.decimal_places, digits)
                ),
                "discount": (seller.discount or 0.0) if seller else 0.0,
                "taxes_id": [Command.set(taxes.ids)],
                "date_planned": datetime.combine(line.need_by, time(9, 0)),
                "print_need_by": line.need_by,
                "print_pack_size": line.pack_size or 0.0,
            }
            if no_analytic:
                values["analytic_distribution"] = False
            result.append(values)
        return result

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

    @api.model_create_multi
    def create(self, vals_list):
        refuse_undecided(self, vals_list, LINE_DECISIONS)
        return super().create(vals_list)

    def write(self, vals):
        refuse_undecided(self, [vals], LINE_DECISIONS)
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
            # sudo: the caller entered the received quantity (super().write() checked it
            # may); the day it completed the line is the receipt's record.
            if full and not line.print_date_received:
                decide(line.sudo(), "print_date_received").print_date_received = now
            elif not full and line.print_date_received:
                decide(line.sudo(), "print_date_received").print_date_received = False
        jobs = self.sudo().print_demand_ids.job_id
        if jobs:
            jobs._print_after_receipt()
