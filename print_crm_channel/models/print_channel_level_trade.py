# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Trade prices: what a distributor pays, set per channel level over the engine's price.

A level either gives a discount from the list price (the price the engine gives the
distributor's ordinary price policy) or a markup over the engine's cost; a product kind
can have its own percentage; a minimum order price holds for every job. The level also
suggests the retail markup a distributor asks its end customer on top of its trade price.
The engine prices the job with the trade terms as its price policy: nothing of the engine
is repeated here.
"""

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.print_crm_quote.engine import DEFAULT_POLICY, PricePolicy
from odoo.addons.print_crm_quote.models.print_estimate import PRODUCT_KINDS

TRADE_MODES = [
    ("discount", "Discount from List Price"),
    ("markup", "Markup over Cost"),
]


def check_trade_pct(record, mode, pct, field_name):
    """Refuse a percentage the mode cannot take, naming the field: a discount from 0 to
    below 100, a markup above -100 (a price above zero)."""
    env = record.env
    field = record._fields[field_name]._description_string(env)
    if mode == "discount" and not 0 <= pct < 100:
        raise ValidationError(
            env._(
                "%(record)s: %(field)s is a discount from 0 to below 100%%, not %(value)s.",
                record=record.display_name,
                field=field,
                value="%g" % pct,
            )
        )
    if mode == "markup" and not pct > -100:
        raise ValidationError(
            env._(
                "%(record)s: %(field)s is a markup above -100%%, not %(value)s.",
                record=record.display_name,
                field=field,
                value="%g" % pct,
            )
        )


class PrintChannelLevel(models.Model):
    _inherit = "print.channel.level"

    currency_id = fields.Many2one(related="company_id.currency_id")
    trade_mode = fields.Selection(
        TRADE_MODES,
        "Trade Price Basis",
        required=True,
        default="discount",
        tracking=True,
        help="Discount from List Price: the price the customer's ordinary price policy gives,"
        " less the percentage. Markup over Cost: the engine's cost of the job, plus the"
        " percentage.",
    )
    trade_pct = fields.Float(
        "Trade Percentage (%)",
        tracking=True,
        help="The discount from the list price, or the markup over the cost, of every"
        " product kind without a percentage of its own.",
    )
    trade_minimum_price = fields.Monetary(
        "Trade Minimum Order Price",
        currency_field="currency_id",
        tracking=True,
        help="The least a distributor of this level pays for a job (0: no minimum).",
    )
    trade_kind_ids = fields.One2many(
        "print.channel.level.trade.kind",
        "level_id",
        "Per Product Kind",
        copy=True,
        help="Product kinds priced with another percentage than the level's.",
    )
    retail_markup_pct = fields.Float(
        "Suggested Retail Markup (%)",
        default=30.0,
        tracking=True,
        help="What a distributor of this level should add to its trade price when it quotes"
        " its end customer; estimates and the portal show the resulting retail price.",
    )

    @api.constrains("trade_mode", "trade_pct", "trade_minimum_price", "retail_markup_pct")
    def _check_trade_prices(self):
        for level in self:
            check_trade_pct(level, level.trade_mode, level.trade_pct, "trade_pct")
            for name in ("trade_minimum_price", "retail_markup_pct"):
                if level[name] < 0:
                    raise ValidationError(
                        self.env._(
                            "%(record)s: %(field)s must not be negative (it is %(value)s).",
                            record=level.display_name,
                            field=level._fields[name]._description_string(self.env),
                            value="%g" % level[name],
                        )
                    )
            level.trade_kind_ids._check_trade_pct()

    def _print_trade_pct(self, product_kind):
        """The percentage of ``product_kind``: its own line's, else the level's."""
        self.ensure_one()
        line = self.trade_kind_ids.filtered(lambda line: line.product_kind == product_kind)
        return line[:1].trade_pct if line else self.trade_pct

    def _print_trade_engine_policy(self, list_policy, product_kind):
        """The engine's price policy that gives this level's trade price of a job of
        ``product_kind``. ``list_policy``: the engine policy of the customer's list price
        (the engine's default when None).

        A discount from the list price compounds with the list policy's own discount; a
        markup over the cost replaces the list policy. The level's minimum replaces the
        list minimum either way.
        """
        self.ensure_one()
        list_policy = list_policy or DEFAULT_POLICY
        pct = self._print_trade_pct(product_kind)
        if self.trade_mode == "markup":
            markup, discount = pct, 0.0
        else:
            markup = list_policy.markup_pct
            discount = 100.0 * (1 - (1 - list_policy.discount_pct / 100) * (1 - pct / 100))
        return PricePolicy(
            markup_pct=markup,
            discount_pct=discount,
            minimum_order_price=self.trade_minimum_price,
            name=self.display_name,
        )

    def _print_retail_price(self, trade_price, currency):
        """The retail price this level suggests for a job bought at ``trade_price``."""
        self.ensure_one()
        return currency.round(trade_price * (1 + self.retail_markup_pct / 100))


class PrintChannelLevelTradeKind(models.Model):
    """A product kind a channel level prices with its own percentage."""

    _name = "print.channel.level.trade.kind"
    _description = "Channel Level Trade Price per Product Kind"
    _order = "level_id, product_kind"

    level_id = fields.Many2one(
        "print.channel.level", "Channel Level", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="level_id.company_id", store=True, index=True)
    trade_mode = fields.Selection(related="level_id.trade_mode")
    product_kind = fields.Selection(PRODUCT_KINDS, required=True)
    trade_pct = fields.Float(
        "Trade Percentage (%)",
        help="The discount from the list price, or the markup over the cost, of this kind.",
    )

    @api.depends("level_id", "product_kind")
    def _compute_display_name(self):
        kinds = dict(self._fields["product_kind"]._description_selection(self.env))
        for line in self:
            line.display_name = f"{line.level_id.display_name}: {kinds.get(line.product_kind, '')}"

    @api.constrains("trade_pct", "product_kind")
    def _check_trade_pct(self):
        for line in self:
            check_trade_pct(line, line.level_id.trade_mode, line.trade_pct, "trade_pct")
            twins = line.level_id.trade_kind_ids.filtered(
                lambda other, line=line: other.product_kind == line.product_kind
            )
            if len(twins) > 1:
                raise ValidationError(
                    self.env._(
                        "%(level)s: %(field)s: %(kind)s has one percentage, not %(count)s.",
                        level=line.level_id.display_name,
                        field=line._fields["product_kind"]._description_string(self.env),
                        kind=dict(line._fields["product_kind"]._description_selection(self.env))[
                            line.product_kind
                        ],
                        count=len(twins),
                    )
                )
