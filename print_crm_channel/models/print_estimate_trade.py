# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Estimates of a distributor (and its contacts) are priced at the trade price of its
level; the breaks show that trade price and the retail price the level suggests.

Each document keeps the prices of the partner it is for: the level is the estimate
customer's, read when the prices are computed and kept with them, never the reader's.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.print_crm_quote.engine import SpecError, estimate

TRADE_DECISION_FIELDS = ("print_trade_level_id", "print_retail_markup_pct")


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _print_trade_level(self, company=None):
        """The channel level whose trade prices this partner pays in ``company`` (the
        current one): its commercial partner's level when that is a distributor or an
        agent of the company, else no level (an ordinary customer, at list price).

        The hook other parts of the channel override (e.g. a level per company)."""
        self.ensure_one()
        company = company or self.env.company
        # sudo(): the channel fields are for employees; whoever prices this partner's
        # document (the ORM checked that access) prices it at its level, and only the
        # level comes back, in the caller's environment.
        commercial = self.sudo().commercial_partner_id
        level = commercial.print_channel_level_id
        if (
            not commercial.print_channel_role
            or not level.active
            or (level.company_id and level.company_id != company)
        ):
            return self.env["print.channel.level"]
        return level.with_env(self.env)


class PrintEstimate(models.Model):
    _inherit = "print.estimate"

    print_trade_level_id = fields.Many2one(
        "print.channel.level",
        "Trade Level",
        readonly=True,
        copy=False,
        groups="base.group_user",
        help="The channel level of the customer whose trade prices priced this estimate;"
        " empty for a customer at list price. Set when the prices are computed.",
    )
    print_retail_markup_pct = fields.Float(
        "Suggested Retail Markup (%)",
        readonly=True,
        copy=False,
        groups="base.group_user",
        help="The level's suggested retail markup when the prices were computed.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        defaults = [
            {name: True} for name in TRADE_DECISION_FIELDS if f"default_{name}" in self.env.context
        ]
        self._print_check_trade_decision(vals_list + defaults)
        return super().create(vals_list)

    def _print_check_decision_vals(self, vals_list):
        res = super()._print_check_decision_vals(vals_list)
        self._print_check_trade_decision(vals_list)
        return res

    def _print_check_trade_decision(self, vals_list):
        """The trade level and retail markup are set with the prices, by the pricing
        action only (added to the estimate's decision fields here rather than by
        redefining _print_decision_fields, which other add-ons extend too)."""
        touched = {name for vals in vals_list for name in vals if name in TRADE_DECISION_FIELDS}
        if touched and not self._print_decision_allowed(touched):
            raise self._print_decision_error(touched)

    def _print_trade_level(self):
        """The level whose trade prices this estimate's customer pays (none: list price)."""
        self.ensure_one()
        if not self.partner_id:
            return self.env["print.channel.level"]
        return self.partner_id._print_trade_level(self.company_id)

    def _print_trade_engine_policy(self, level):
        """The engine policy of ``level``'s trade price for this estimate's job, over the
        list price of the customer's ordinary price policy."""
        self.ensure_one()
        policy = self.price_policy_id
        # sudo(): the level's terms price the job of whoever may price this estimate; only
        # the prices come back.
        return level.sudo()._print_trade_engine_policy(
            policy._engine_policy() if policy else None, self.product_kind
        )

    def _engine_result(self):
        level = self._print_trade_level()
        if not level:
            return super()._engine_result()
        try:
            return estimate(
                self._engine_spec(),
                self._engine_master(),
                self._print_trade_engine_policy(level),
            )
        except SpecError as error:
            raise UserError(self._spec_error_message(error)) from error

    def _compute_breaks(self):
        res = super()._compute_breaks()
        level = self._print_trade_level()
        # The pricing action (its caller checked the group) keeps the level with the prices.
        self._print_decide(*TRADE_DECISION_FIELDS).write(
            {
                "print_trade_level_id": level.id,
                "print_retail_markup_pct": level.sudo().retail_markup_pct if level else 0.0,
            }
        )
        return res


class PrintEstimateBreak(models.Model):
    _inherit = "print.estimate.break"

    print_trade_price = fields.Monetary(
        "Trade Price",
        compute="_compute_print_trade_prices",
        store=True,
        help="What the distributor pays for this quantity: the price of its channel level.",
    )
    print_retail_price = fields.Monetary(
        "Suggested Retail Price",
        compute="_compute_print_trade_prices",
        store=True,
        help="What the distributor should ask its end customer: the trade price plus the"
        " retail markup its channel level suggests.",
    )

    @api.depends("price", "estimate_id.print_trade_level_id", "estimate_id.print_retail_markup_pct")
    def _compute_print_trade_prices(self):
        for break_ in self:
            estimate_ = break_.estimate_id
            if estimate_.print_trade_level_id and break_.currency_id:
                break_.print_trade_price = break_.price
                break_.print_retail_price = break_.currency_id.round(
                    break_.price * (1 + estimate_.print_retail_markup_pct / 100)
                )
            else:
                break_.print_trade_price = break_.print_retail_price = 0.0
