# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Returns of distributors against their delivered orders, credited with a credit note.

The thin version, without Inventory: OCA ``rma``/``rma_sale`` pull in stock, purchase_stock
and sale_stock, which a print shop that does not run Inventory must not be forced into
(DESIGN.md). Nothing goes back on a shelf: printed work that comes back is scrapped or
reprinted; what matters is the money, so a return is credited at the price it was invoiced.

A return is drafted by a Distribution user against a confirmed order with posted invoices;
a Distribution manager approves or refuses it, then credits it: a draft customer credit
note reverses the returned quantities of the order's invoice lines, at their invoiced
price, discount and taxes, linked to the order lines (their invoiced quantity drops) and to
the invoice it reverses. Accounting posts it. Nobody returns more than was invoiced and not
yet credited.
"""

from odoo import Command, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare, float_is_zero

from odoo.addons.print_crm_quote.models.print_access import require_group

CHANNEL_USER = "print_crm_channel.group_channel_user"
CHANNEL_MANAGER = "print_crm_channel.group_channel_manager"

STATES = [
    ("draft", "Draft"),
    ("approved", "Approved"),
    ("credited", "Credited"),
    ("refused", "Refused"),
]


class PrintChannelReturnReason(models.Model):
    _name = "print.channel.return.reason"
    _description = "Return Reason"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)


class PrintChannelReturn(models.Model):
    _name = "print.channel.return"
    _description = "Distributor Return"
    _inherit = ["mail.thread", "mail.activity.mixin", "print.decision.mixin"]
    _order = "id desc"
    _check_company_auto = True
    _print_decision_fields = (
        "state",
        "approved_by_id",
        "approved_date",
        "refusal_reason",
        "credit_move_id",
    )

    name = fields.Char(
        "Reference",
        required=True,
        readonly=True,
        copy=False,
        default=lambda self: self.env._("New"),
    )
    order_id = fields.Many2one(
        "sale.order",
        "Order",
        required=True,
        index=True,
        tracking=True,
        check_company=True,
        domain="[('state', '=', 'sale')]",
        help="The confirmed, invoiced order the goods came from.",
    )
    partner_id = fields.Many2one(
        "res.partner",
        "Customer",
        compute="_compute_partner_id",
        store=True,
        index=True,
        help="The customer billed on the order: the distributor that returns.",
    )
    print_end_customer_id = fields.Many2one(
        related="order_id.print_end_customer_id", string="End Customer"
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="order_id.currency_id", string="Currency")
    line_ids = fields.One2many("print.channel.return.line", "return_id", "Lines", copy=True)
    state = fields.Selection(
        STATES, "Status", default="draft", required=True, tracking=True, copy=False, readonly=True
    )
    approved_by_id = fields.Many2one("res.users", "Decided By", readonly=True, copy=False)
    approved_date = fields.Datetime("Decided On", readonly=True, copy=False)
    refusal_reason = fields.Text(readonly=True, copy=False, tracking=True)
    credit_move_id = fields.Many2one(
        "account.move", "Credit Note", readonly=True, copy=False, index="btree_not_null"
    )
    amount_untaxed = fields.Monetary("Untaxed Amount", compute="_compute_amount", store=True)
    note = fields.Text()

    @api.depends("order_id")
    def _compute_partner_id(self):
        for ret in self:
            ret.partner_id = ret.order_id.partner_id.commercial_partner_id

    @api.depends("line_ids.amount_untaxed")
    def _compute_amount(self):
        for ret in self:
            ret.amount_untaxed = sum(ret.line_ids.mapped("amount_untaxed"))

    @api.constrains("order_id")
    def _check_order(self):
        for ret in self:
            if ret.order_id.state != "sale":
                raise ValidationError(
                    self.env._(
                        "%(field)s: %(order)s is not a confirmed order; only delivered work"
                        " comes back.",
                        field=self._fields["order_id"]._description_string(self.env),
                        order=ret.order_id.display_name,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", self.env._("New")) == self.env._("New") or not vals.get("name"):
                # sudo(): the sequence is configuration, read to number the return.
                vals["name"] = self.env["ir.sequence"].sudo().next_by_code(
                    "print.channel.return"
                ) or self.env._("New")
        return super().create(vals_list)

    def write(self, vals):
        changed = set(vals) - {"note", "message_main_attachment_id"}
        # A decision's own write (its action checked the group) may change a decided
        # return; nothing else does.
        if changed and not self._print_decision_allowed(changed):
            self._print_check_draft(self._fields[sorted(vals)[0]]._description_string(self.env))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_decided(self):
        self._print_check_draft(self.env._("Delete"))

    def _print_check_draft(self, what):
        decided = self.filtered(lambda r: r.state != "draft")
        if decided:
            raise UserError(
                self.env._(
                    "%(what)s: the return %(ret)s is %(state)s; only a draft return changes.",
                    what=what,
                    ret=decided[0].display_name,
                    state=dict(self._fields["state"]._description_selection(self.env))[
                        decided[0].state
                    ],
                )
            )

    # ------------------------------------------------------------------ actions

    def action_approve(self):
        require_group(self, self.env._("Approve Return"), CHANNEL_MANAGER)
        for ret in self:
            ret._print_check_state(self.env._("Approve Return"), "draft")
            if not ret.line_ids:
                raise UserError(
                    self.env._(
                        "%(field)s: the return %(ret)s has no lines.",
                        field=self._fields["line_ids"]._description_string(self.env),
                        ret=ret.display_name,
                    )
                )
            ret.line_ids._print_check_quantity()
        self._print_decide("state", "approved_by_id", "approved_date").write(
            {
                "state": "approved",
                "approved_by_id": self.env.user.id,
                "approved_date": fields.Datetime.now(),
            }
        )
        return True

    def action_refuse(self, reason=None):
        require_group(self, self.env._("Refuse Return"), CHANNEL_MANAGER)
        for ret in self:
            ret._print_check_state(self.env._("Refuse Return"), "draft", "approved")
        self._print_decide("state", "approved_by_id", "approved_date", "refusal_reason").write(
            {
                "state": "refused",
                "approved_by_id": self.env.user.id,
                "approved_date": fields.Datetime.now(),
                "refusal_reason": reason or False,
            }
        )
        return True

    def action_credit(self):
        """A draft credit note reversing the returned quantities at their invoiced price."""
        require_group(self, self.env._("Credit Return"), CHANNEL_MANAGER)
        for ret in self:
            ret._print_check_state(self.env._("Credit Return"), "approved")
            ret.line_ids._print_check_quantity()
            move = ret._print_create_credit_note()
            ret._print_decide("state", "credit_move_id").write(
                {"state": "credited", "credit_move_id": move.id}
            )
            ret.message_post(
                body=self.env._(
                    "Credit note %(move)s drafted for %(amount)s.",
                    move=move.display_name,
                    amount=ret.amount_untaxed,
                )
            )
        if len(self) == 1:
            return self.action_view_credit_note()
        return True

    def action_view_credit_note(self):
        self.ensure_one()
        # sudo(): the return's own link; the form itself opens with the user's rights.
        move = self.sudo().credit_move_id
        if not move:
            return False
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.move",
            "res_id": move.id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    # ------------------------------------------------------------------ business

    def _print_check_state(self, action, *states):
        self.ensure_one()
        if self.state not in states:
            labels = dict(self._fields["state"]._description_selection(self.env))
            raise UserError(
                self.env._(
                    "%(action)s: the return %(ret)s is %(state)s.",
                    action=action,
                    ret=self.display_name,
                    state=labels[self.state],
                )
            )

    def _print_create_credit_note(self):
        """The caller checked the group (Distribution manager) and the state."""
        self.ensure_one()
        # sudo(): a Distribution manager credits (checked by action_credit); managers
        # need no accounting rights, accounting reviews and posts the draft.
        ret = self.sudo()
        lines = []
        reversed_invoices = self.env["account.move"].sudo()
        for line in ret.line_ids:
            invoice_line = line._print_invoice_line()
            reversed_invoices |= invoice_line.move_id
            lines.append(
                Command.create(
                    {
                        "product_id": invoice_line.product_id.id,
                        "name": f"{invoice_line.name or line.order_line_id.name}"
                        f" ({line.reason_id.name})",
                        "quantity": line.quantity,
                        "product_uom_id": invoice_line.product_uom_id.id,
                        "price_unit": invoice_line.price_unit,
                        "discount": invoice_line.discount,
                        "tax_ids": [Command.set(invoice_line.tax_ids.ids)],
                        "account_id": invoice_line.account_id.id,
                        "analytic_distribution": invoice_line.analytic_distribution,
                        "sale_line_ids": [Command.set(line.order_line_id.ids)],
                    }
                )
            )
        invoice = reversed_invoices.sorted("id")[-1:]
        return (
            self.env["account.move"]
            .sudo()
            .with_company(ret.company_id)
            .create(
                {
                    "move_type": "out_refund",
                    "company_id": ret.company_id.id,
                    "partner_id": invoice.partner_id.id,
                    "currency_id": invoice.currency_id.id,
                    "journal_id": invoice.journal_id.id,
                    "invoice_origin": ret.order_id.name,
                    "ref": self.env._("Return %(ret)s", ret=ret.name),
                    "reversed_entry_id": invoice.id,
                    "invoice_line_ids": lines,
                }
            )
        )


class PrintChannelReturnLine(models.Model):
    _name = "print.channel.return.line"
    _description = "Distributor Return Line"
    _order = "return_id, id"

    return_id = fields.Many2one(
        "print.channel.return", "Return", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="return_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="return_id.currency_id")
    order_line_id = fields.Many2one(
        "sale.order.line",
        "Order Line",
        required=True,
        index=True,
        domain="[('order_id', '=', parent.order_id), ('display_type', '=', False)]",
    )
    product_id = fields.Many2one(related="order_line_id.product_id", string="Product")
    quantity = fields.Float(required=True, digits="Product Unit of Measure", default=1.0)
    returnable_qty = fields.Float(
        "Returnable",
        compute="_compute_returnable_qty",
        digits="Product Unit of Measure",
        help="Invoiced (posted invoices), less what credit notes and other approved returns"
        " already took back.",
    )
    price_unit = fields.Monetary(
        "Invoiced Unit Price", compute="_compute_price_unit", help="Net of the invoiced discount."
    )
    amount_untaxed = fields.Monetary(compute="_compute_amount_untaxed", store=True)
    reason_id = fields.Many2one(
        "print.channel.return.reason", "Reason", required=True, ondelete="restrict"
    )
    note = fields.Char()

    @api.depends("order_line_id")
    def _compute_price_unit(self):
        for line in self:
            line.price_unit = line._print_net_price()

    @api.depends("order_line_id", "quantity")
    def _compute_amount_untaxed(self):
        for line in self:
            line.amount_untaxed = line.quantity * line._print_net_price()

    def _print_net_price(self):
        invoice_line = self._print_invoice_line(raise_if_none=False)
        return invoice_line.price_unit * (1 - (invoice_line.discount or 0.0) / 100.0)

    @api.depends("order_line_id", "return_id.state")
    def _compute_returnable_qty(self):
        for line in self:
            line.returnable_qty = line._print_returnable()

    def _print_invoice_line(self, raise_if_none=True):
        """The latest posted invoice line of the order line (its price is credited)."""
        self.ensure_one()
        # sudo(): the order line's own invoices, read for their price after the caller's
        # access to the return (and so to its order) was checked by the ORM.
        lines = self.sudo().order_line_id.invoice_lines.filtered(
            lambda ln: ln.move_id.move_type == "out_invoice" and ln.move_id.state == "posted"
        )
        invoice_line = lines.sorted(lambda ln: (ln.move_id.invoice_date or ln.date, ln.id))[-1:]
        if not invoice_line and raise_if_none:
            raise UserError(
                self.env._(
                    "%(field)s: %(line)s has no posted invoice; only invoiced work is credited.",
                    field=self._fields["order_line_id"]._description_string(self.env),
                    line=self.order_line_id.display_name,
                )
            )
        return invoice_line

    def _print_returnable(self):
        """Posted-invoiced quantity less every credit note (draft ones too), the lines of
        approved returns not credited yet and the other lines of this return."""
        self.ensure_one()
        # sudo(): see _print_invoice_line.
        order_line = self.sudo().order_line_id
        invoiced = 0.0
        for inv_line in order_line.invoice_lines:
            move = inv_line.move_id
            if move.move_type == "out_invoice" and move.state == "posted":
                invoiced += inv_line.product_uom_id._compute_quantity(
                    inv_line.quantity, order_line.product_uom
                )
            elif move.move_type == "out_refund" and move.state != "cancel":
                invoiced -= inv_line.product_uom_id._compute_quantity(
                    inv_line.quantity, order_line.product_uom
                )
        pending = self.sudo().search(
            [
                ("order_line_id", "=", order_line.id),
                ("id", "!=", self.id or 0),
                "|",
                ("return_id.state", "=", "approved"),
                ("return_id", "=", self.return_id.id or 0),
            ]
        )
        return invoiced - sum(pending.mapped("quantity"))

    def _print_check_quantity(self):
        for line in self:
            rounding = line.order_line_id.product_uom.rounding
            if float_compare(line.quantity, 0.0, precision_rounding=rounding) <= 0:
                raise ValidationError(
                    self.env._(
                        "%(field)s: the quantity returned of %(line)s must be above 0.",
                        field=self._fields["quantity"]._description_string(self.env),
                        line=line.order_line_id.display_name,
                    )
                )
            returnable = line._print_returnable()
            if float_compare(line.quantity, returnable, precision_rounding=rounding) > 0:
                raise ValidationError(
                    self.env._(
                        "%(field)s: %(qty)s of %(line)s cannot come back; %(left)s was invoiced"
                        " and not credited or returned yet.",
                        field=self._fields["quantity"]._description_string(self.env),
                        qty=line.quantity,
                        line=line.order_line_id.display_name,
                        left=0.0
                        if float_is_zero(returnable, precision_rounding=rounding)
                        else returnable,
                    )
                )

    @api.constrains("order_line_id", "quantity", "return_id")
    def _check_order_line(self):
        self.return_id._check_order()
        for line in self:
            if line.order_line_id.order_id != line.return_id.order_id:
                raise ValidationError(
                    self.env._(
                        "%(field)s: %(line)s is not a line of %(order)s.",
                        field=self._fields["order_line_id"]._description_string(self.env),
                        line=line.order_line_id.display_name,
                        order=line.return_id.order_id.display_name,
                    )
                )
        self._print_check_quantity()

    @api.model_create_multi
    def create(self, vals_list):
        returns = self.env["print.channel.return"].browse(
            {vals["return_id"] for vals in vals_list if vals.get("return_id")}
        )
        returns._print_check_draft(self._fields["return_id"]._description_string(self.env))
        return super().create(vals_list)

    def write(self, vals):
        self.return_id._print_check_draft(self._description)
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_decided(self):
        self.return_id._print_check_draft(self._description)
