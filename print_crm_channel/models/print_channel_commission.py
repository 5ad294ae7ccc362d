# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Commission of agents and distributors, on top of OCA's commission add-ons.

OCA ``commission_oca`` holds the commission plans (``commission``: a fixed percentage or
sections, on the amount or the margin), the settlements and their wizard;
``account_commission_oca`` puts agents on invoice lines and invoices settlements into
vendor bills (credit notes for negative totals); ``sale_commission_oca`` puts agents on
order lines. The print layer chooses the plan: each channel level has one, optionally one
per product kind (the estimate's kind of print work) or product category; an agent or
distributor with a plan of its own keeps it.
"""

from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.print_crm_quote.models.print_estimate import PRODUCT_KINDS

CHANNEL_MANAGER = "print_crm_channel.group_channel_manager"


class PrintChannelLevel(models.Model):
    _inherit = "print.channel.level"

    commission_id = fields.Many2one(
        "commission",
        "Commission Plan",
        tracking=True,
        help="The commission its agents and distributors earn on what they bring, unless a"
        " rule below matches the product or the partner has a plan of its own.",
    )
    commission_rule_ids = fields.One2many(
        "print.channel.commission.rule",
        "level_id",
        "Commission by Product Kind",
        copy=True,
    )


class PrintChannelCommissionRule(models.Model):
    _name = "print.channel.commission.rule"
    _description = "Channel Commission by Product Kind"
    _order = "level_id, sequence, id"

    level_id = fields.Many2one(
        "print.channel.level", "Channel Level", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="level_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    product_kind = fields.Selection(
        PRODUCT_KINDS,
        help="The kind of print work of the line's estimate. Empty: any kind.",
    )
    product_categ_id = fields.Many2one(
        "product.category",
        "Product Category",
        help="Lines whose product is in this category or below it. Empty: any category.",
    )
    commission_id = fields.Many2one(
        "commission", "Commission Plan", required=True, ondelete="restrict"
    )

    @api.constrains("product_kind", "product_categ_id")
    def _check_product_kind(self):
        for rule in self:
            if not rule.product_kind and not rule.product_categ_id:
                raise ValidationError(
                    self.env._(
                        "%(field)s: say which product kind or product category the rule of"
                        " %(level)s is for (the level's own plan covers the rest).",
                        field=self._fields["product_kind"]._description_string(self.env),
                        level=rule.level_id.display_name,
                    )
                )

    def _print_matches(self, product, kind):
        self.ensure_one()
        if self.product_kind and self.product_kind != kind:
            return False
        if self.product_categ_id:
            categ = product.categ_id
            return bool(categ) and categ.parent_path.startswith(self.product_categ_id.parent_path)
        return True


class ResPartner(models.Model):
    _inherit = "res.partner"

    # OCA gives every reader of a partner its settlements, which only Commission users may
    # read: a salesperson opening a customer's form got an access error.
    settlement_ids = fields.One2many(
        groups="commission_oca.group_commission_user,"
        "account_commission_oca.group_invoicing_commission"
    )

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        partners._print_make_agents()
        return partners

    def write(self, vals):
        result = super().write(vals)
        if vals.get("print_channel_role"):
            self._print_make_agents()
        return result

    def _print_make_agents(self):
        """Agents and distributors earn commission: they are OCA agents (settled monthly
        unless set otherwise). Only Distribution managers give a partner a role (the
        channel's write check), so this follows their decision."""
        # sudo(): the role is for internal users to read; whoever placed the partner in
        # the channel passed the Distribution manager check.
        placed = self.sudo().filtered(lambda p: p.print_channel_role and not p.agent)
        if placed:
            placed.write({"agent": True})

    def _print_commission_for(self, product, kind=False):
        """The commission plan this agent earns on ``product`` (of print ``kind``): its
        own, else its level's rule for the kind or category, else its level's plan."""
        self.ensure_one()
        if self.commission_id:
            return self.commission_id
        # sudo(): the level and its plans are Distribution's configuration; whoever gets
        # the agent on a line gets the plan OCA would put there, nothing else.
        level = self.sudo().print_channel_level_id
        for rule in level.commission_rule_ids.sorted("sequence"):
            if rule._print_matches(product, kind):
                return rule.commission_id.with_env(self.env)
        return level.commission_id.with_env(self.env)


class CommissionMixin(models.AbstractModel):
    _inherit = "commission.mixin"

    def _print_commission_kind(self):
        """The print product kind of this line (from its estimate), False for others."""
        return False

    def _prepare_agent_vals(self, agent):
        vals = super()._prepare_agent_vals(agent)
        commission = agent._print_commission_for(self.product_id, self._print_commission_kind())
        if commission:
            vals["commission_id"] = commission.id
        return vals


class CommissionLineMixin(models.AbstractModel):
    _inherit = "commission.line.mixin"

    @api.depends("agent_id")
    def _compute_commission_id(self):
        for record in self:
            if not record.agent_id:
                record.commission_id = False
                continue
            record.commission_id = record.agent_id._print_commission_for(
                record.object_id.product_id, record.object_id._print_commission_kind()
            )


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def _print_commission_kind(self):
        # sudo(): the estimate link is for internal users; only its kind is used.
        return self.sudo().print_estimate_id.product_kind or False

    @api.depends("order_id.partner_id", "order_id.print_end_customer_id")
    def _compute_agent_ids(self):
        """OCA's agents (the customer's), plus, on an order for an end customer, the agent
        or distributor that brought it (the customer billed) and the end customer's own
        agents."""
        result = super()._compute_agent_ids()
        for line in self:
            order = line.order_id
            if line.commission_free or not order.print_end_customer_id:
                continue
            # sudo(): the channel role is for internal users to read; it only picks who
            # gets the commission, as OCA's agents of the customer do.
            bringer = order.partner_id.commercial_partner_id.sudo()
            candidates = order.print_end_customer_id.commercial_partner_id.agent_ids
            if bringer.print_channel_role and bringer.agent:
                candidates = bringer.with_env(self.env) | candidates
            present = line.agent_ids.agent_id
            vals_list = []
            for agent in candidates - present:
                vals = line._prepare_agent_vals(agent)
                commission = self.env["commission"].browse(vals.get("commission_id"))
                # An agent earns nothing until a plan applies (its own or its level's).
                if commission and commission.settlement_type in (False, "sale_invoice"):
                    vals_list.append(vals)
            if vals_list:
                line.agent_ids = [Command.create(vals) for vals in vals_list]
        return result


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    @api.depends("agent_ids", "agent_ids.settled")
    def _compute_any_settled(self):
        # sudo(): whoever reads the invoice line (the ORM checked that) learns only whether
        # its commission is settled, the flag that locks the line. OCA reads the agent lines
        # with the user's rights, which refused a Purchase user opening a vendor bill
        # (Odoo's purchase test_read_purchase_order failed with the suite installed).
        for line in self:
            line.any_settled = any(line.sudo().agent_ids.mapped("settled"))

    def _print_commission_kind(self):
        # sudo(): as on the order line, only the estimate's kind is used.
        return self.sudo().sale_line_ids[:1].print_estimate_id.product_kind or False
