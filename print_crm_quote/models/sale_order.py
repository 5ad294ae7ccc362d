# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError


class SaleOrder(models.Model):
    # Extends sale's model (Odoo needs _name with several _inherit). Its access is sale's:
    # the module's one line for it repeats sale's own for salespeople, granting nothing.
    _inherit = ["sale.order", "print.decision.mixin"]
    _name = "sale.order"

    # Only the approval wizard records an approval, after checking for a sales manager.
    _print_decision_fields = (
        "print_approval_reason",
        "print_approval_user_id",
        "print_approval_date",
    )

    # The customer lookup finds a customer by a fragment of its PO reference (the call
    # desk's caller says "our order PO-4711"): a trigram index keeps that an index scan.
    client_order_ref = fields.Char(index="trigram")
    # Estimates are for the Estimating groups: other sales users do not get the field.
    print_estimate_ids = fields.One2many(
        "print.estimate",
        "sale_order_id",
        "Print Estimates",
        groups="print_crm_quote.group_estimate_user",
    )
    print_cost = fields.Monetary(
        "Estimated Print Cost",
        compute="_compute_print_margin",
        store=True,
        groups="base.group_user",
    )
    print_margin = fields.Monetary(
        "Estimated Print Margin",
        compute="_compute_print_margin",
        store=True,
        groups="base.group_user",
    )
    print_below_cost = fields.Boolean(
        "Priced Below Cost",
        compute="_compute_print_margin",
        store=True,
        groups="base.group_user",
        help="A print line is priced below its estimated production cost.",
    )
    print_customer_blocked = fields.Boolean(
        "Customer Needs Approval",
        compute="_compute_print_customer_blocked",
        groups="base.group_user",
        help="The customer's price policy (e.g. a small customer who pays poorly) lets only a"
        " sales manager confirm its orders.",
    )
    print_approval_reason = fields.Text(
        "Reason for Approving",
        readonly=True,
        copy=False,
        tracking=True,
        groups="base.group_user",
    )
    print_approval_user_id = fields.Many2one(
        "res.users", "Approved By", readonly=True, copy=False, groups="base.group_user"
    )
    print_approval_date = fields.Datetime(
        "Approved On", readonly=True, copy=False, groups="base.group_user"
    )

    @api.depends("order_line.print_cost", "order_line.print_margin", "order_line.is_print_line")
    def _compute_print_margin(self):
        for order in self:
            lines = order.order_line.filtered("is_print_line")
            order.print_cost = sum(lines.mapped("print_cost"))
            order.print_margin = sum(lines.mapped("print_margin"))
            order.print_below_cost = any(
                line.currency_id.compare_amounts(line.price_subtotal, line.print_cost) < 0
                for line in lines
            )

    @api.depends("partner_id", "company_id")
    def _compute_print_customer_blocked(self):
        for order in self:
            # sudo: price policies are the Estimating groups' to read, but whether the
            # customer's orders need a manager is no secret to whoever reads the order (the
            # field is for internal users only), and Sales users must be able to confirm.
            partner = order.partner_id.sudo()
            order.print_customer_blocked = bool(
                partner and partner._print_price_policy(order.company_id).approval_required
            )

    @api.depends("partner_id", "company_id")
    def _compute_payment_term_id(self):  # pylint: disable=missing-return
        """The payment terms of the customer's price policy, when it sets any (e.g. a
        prepayment for large customers who pay poorly)."""
        super()._compute_payment_term_id()
        for order in self.filtered("partner_id"):
            # sudo: the policy is read for its payment terms only, which the order shows to
            # whoever reads it anyway.
            policy = order.partner_id.sudo()._print_price_policy(order.company_id)
            term = policy.payment_term_id.with_env(self.env)
            if term:
                order.payment_term_id = term

    def _print_approval_issues(self):
        """Why this order needs a sales manager's approval (translated sentences)."""
        self.ensure_one()
        issues = []
        if self.print_below_cost:
            issues.append(
                self.env._(
                    "%(order)s is priced below its estimated production cost (margin"
                    " %(margin)s).",
                    order=self.name,
                    margin=self.currency_id.format(self.sudo().print_margin),
                )
            )
        if self.print_customer_blocked:
            # sudo: the policy's name explains the block to the user who hit it.
            policy = self.partner_id.sudo()._print_price_policy(self.company_id)
            issues.append(
                self.env._(
                    "%(customer)s is under the price policy %(policy)s: its orders need a"
                    " sales manager's approval.",
                    customer=self.partner_id.commercial_partner_id.display_name,
                    policy=policy.display_name,
                )
            )
        return issues

    def action_confirm(self):
        blocked = self.filtered(
            lambda o: (o.print_below_cost or o.print_customer_blocked)
            and not o.sudo().print_approval_reason
        )
        if blocked and self.env.user._is_superuser():
            # OdooBot is server code, never a person over RPC: the payment cron confirming
            # an order paid online, other apps' automation. Nobody is there to fill in the
            # manager's dialog: returning it would leave the order a quotation while the
            # caller goes on as if it were confirmed (sends the confirmation, invoices it:
            # "No items are available to invoice"). The order records who confirmed it.
            blocked._print_approve(
                self.env._(
                    "Confirmed by %(user)s (an automated process, e.g. an online payment),"
                    " without a sales manager's approval.",
                    user=self.env.user.name,
                )
            )
            blocked = blocked.browse()
        if blocked:
            if not self.env.user.has_group("sales_team.group_sale_manager"):
                raise UserError(
                    " ".join(blocked[0]._print_approval_issues())
                    + " "
                    + self.env._("Only a sales manager can confirm it, with a reason.")
                )
            return {
                "type": "ir.actions.act_window",
                "name": self.env._("Approve and Confirm"),
                "res_model": "sale.order.print.approval.wizard",
                "view_mode": "form",
                "target": "new",
                "context": {"default_order_ids": blocked.ids},
            }
        return super().action_confirm()

    def _print_approve(self, reason):
        """Record the approval of these orders by the current user, now. The caller has
        checked the user: a sales manager (the approval wizard) or the superuser
        (action_confirm called by server code)."""
        self._print_decide(*self._print_decision_fields).write(
            {
                "print_approval_reason": reason,
                "print_approval_user_id": self.env.uid,
                "print_approval_date": fields.Datetime.now(),
            }
        )
