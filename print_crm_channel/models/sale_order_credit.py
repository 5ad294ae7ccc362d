# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""An order of a channel partner over its credit limit is confirmed only by a credit
manager (OCA's Financial Risk manager), who records why.

OCA ``sale_financial_risk`` shows a wizard when an order exceeds the risk, and confirms
it again with ``bypass_risk`` in the context. Its Continue button is hidden from other
users, but any salesperson can send that context over RPC. For channel partners the
check here comes first, ignores a client's ``bypass_risk``, says the figures, and lets
only the override action (a credit manager, a reason, stamped who and when) through.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError

from .res_partner_credit import CREDIT_MANAGER

CREDIT_DECISION_FIELDS = (
    "print_credit_override_reason",
    "print_credit_override_user_id",
    "print_credit_override_date",
)


class SaleOrder(models.Model):
    _inherit = "sale.order"

    print_credit_override_reason = fields.Text(
        "Reason for Exceeding Credit",
        readonly=True,
        copy=False,
        tracking=True,
        groups="base.group_user",
        help="Why a credit manager confirmed this order over its customer's credit limit.",
    )
    print_credit_override_user_id = fields.Many2one(
        "res.users", "Credit Override By", readonly=True, copy=False, groups="base.group_user"
    )
    print_credit_override_date = fields.Datetime(
        "Credit Override On", readonly=True, copy=False, groups="base.group_user"
    )

    @api.model
    def _setup_complete(self):
        # The override is a decision of the credit manager: add its fields to those the
        # decision mixin protects, whatever other extensions of sale.order declare.
        res = super()._setup_complete()
        cls = type(self)
        missing = tuple(f for f in CREDIT_DECISION_FIELDS if f not in cls._print_decision_fields)
        if missing:
            cls._print_decision_fields = (*cls._print_decision_fields, *missing)
        return res

    def _print_credit_refusal(self):
        """Why this order cannot be confirmed on its customer's credit ('' when it can)."""
        self.ensure_one()
        if self.state not in ("draft", "sent"):
            return ""
        amount = self.currency_id._convert(
            self.amount_total,
            self.company_id.currency_id,
            self.company_id,
            self.date_order.date() if self.date_order else fields.Date.context_today(self),
        )
        return self.partner_invoice_id._print_channel_credit_refusal(amount, self.company_id)

    def _print_credit_server_call(self):
        """Confirmed by server code, never by a person over RPC: OdooBot (automation), or
        a payment transaction (OCA's bypass, under sudo).

        Odoo's portal also confirms as OdooBot (``_document_check_access`` gives the order
        as the superuser): the portal's own routes check the credit before they write
        (controllers/credit_portal.py)."""
        return self.env.user._is_superuser() or (
            self.env.su and self.env.context.get("bypass_risk")
        )

    def action_confirm(self):
        channel_orders = self.filtered(
            lambda o: o.partner_invoice_id.commercial_partner_id.sudo().print_channel_role
        )
        if self._print_credit_server_call():
            blocked = channel_orders.filtered(
                lambda o: not o.sudo().print_credit_override_reason and o._print_credit_refusal()
            )
            if blocked and self.env.user._is_superuser():
                blocked._print_credit_override(
                    self.env._(
                        "Confirmed by %(user)s (an automated process) over the credit limit,"
                        " without a credit manager's approval.",
                        user=self.env.user.name,
                    )
                )
        else:
            blocked = channel_orders.filtered(
                lambda o: not o.sudo().print_credit_override_reason and o._print_credit_refusal()
            )
            if blocked:
                if not self.env.user.has_group(CREDIT_MANAGER):
                    raise UserError(
                        blocked[0]._print_credit_refusal()
                        + " "
                        + self.env._("Only a credit manager can confirm it, with a reason.")
                    )
                return {
                    "type": "ir.actions.act_window",
                    "name": self.env._("Confirm over Credit Limit"),
                    "res_model": "sale.order.print.credit.wizard",
                    "view_mode": "form",
                    "target": "new",
                    "context": {"default_order_ids": blocked.ids},
                }
        bypass = bool(self.env.context.get("bypass_risk")) and (
            self.env.su or self.env.user.has_group(CREDIT_MANAGER)
        )
        if channel_orders == self:
            # Checked above, with the figures: OCA's wizard would ask again.
            bypass = True
        return super(SaleOrder, self.with_context(bypass_risk=bypass)).action_confirm()

    def _print_credit_override(self, reason):
        """Record that these orders go over their customer's credit, by the current user,
        now. The caller has checked the user: a credit manager (the override wizard) or
        OdooBot (action_confirm called by server code)."""
        self._print_decide(*CREDIT_DECISION_FIELDS).write(
            {
                "print_credit_override_reason": reason,
                "print_credit_override_user_id": self.env.uid,
                "print_credit_override_date": fields.Datetime.now(),
            }
        )


class PrintEstimate(models.Model):
    _inherit = "print.estimate"

    def _print_channel_credit_amount(self, break_):
        """What accepting ``break_`` adds to the customer's credit, in company currency."""
        self.ensure_one()
        company = self.company_id or self.env.company
        return break_.currency_id._convert(
            break_.price, company.currency_id, company, fields.Date.context_today(self)
        )
