# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.print_crm_quote.models.print_decision_mixin import decide, refuse_undecided

from ..engine import ConsolidationError, Supplier

BATCH_DECISIONS = ("print_last_batch",)
PURCHASE_GROUPS = "purchase.group_purchase_user,account.group_account_invoice"
WEEKDAY_FIELDS = (
    "print_batch_mon",
    "print_batch_tue",
    "print_batch_wed",
    "print_batch_thu",
    "print_batch_fri",
    "print_batch_sat",
    "print_batch_sun",
)


def _known_tz(name):
    """``name`` when the system's time zone database knows it, else UTC: Odoo offers the
    names pytz knows, a few of which zoneinfo does not."""
    if not name:
        return "UTC"
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return "UTC"
    return name


class ResPartner(models.Model):
    """A supplier's batch window: when its open purchase demand becomes one order."""

    _inherit = "res.partner"

    print_batch_times = fields.Char(
        "Batch Times",
        default="16:00",
        groups=PURCHASE_GROUPS,
        help="When, in the supplier's time zone, the open demand of this supplier is ordered"
        " in one purchase order: times of day separated by commas (e.g. '10:00, 16:00'). Empty:"
        " demand is ordered at every run. Rush jobs never wait.",
    )
    print_batch_mon = fields.Boolean("Monday", default=True, groups=PURCHASE_GROUPS)
    print_batch_tue = fields.Boolean("Tuesday", default=True, groups=PURCHASE_GROUPS)
    print_batch_wed = fields.Boolean("Wednesday", default=True, groups=PURCHASE_GROUPS)
    print_batch_thu = fields.Boolean("Thursday", default=True, groups=PURCHASE_GROUPS)
    print_batch_fri = fields.Boolean("Friday", default=True, groups=PURCHASE_GROUPS)
    print_batch_sat = fields.Boolean("Saturday", groups=PURCHASE_GROUPS)
    print_batch_sun = fields.Boolean("Sunday", groups=PURCHASE_GROUPS)
    print_order_cost = fields.Float(
        "Cost of One Order",
        digits="Product Price",
        groups=PURCHASE_GROUPS,
        help="What one purchase order costs besides its goods (carriage, handling): the extra"
        " cost of a rush order sent alone, shown on the job.",
    )
    print_last_batch = fields.Datetime(
        "Last Batch", readonly=True, copy=False, groups=PURCHASE_GROUPS
    )
    print_next_batch = fields.Datetime(
        "Next Batch", compute="_compute_print_next_batch", groups=PURCHASE_GROUPS
    )

    @api.constrains("print_batch_times", *WEEKDAY_FIELDS, "print_order_cost")
    def _check_print_batch(self):
        for partner in self:
            try:
                partner._print_engine_supplier()
            except ConsolidationError as error:
                raise ValidationError(
                    self.env._(
                        "%(supplier)s: Batch Times must be times of day like '16:00' or"
                        " '10:00, 16:00' (%(error)s).",
                        supplier=partner.display_name,
                        error=error.message,
                    )
                ) from error
            if partner._print_batch_time_list() and not any(
                partner[name] for name in WEEKDAY_FIELDS
            ):
                raise ValidationError(
                    self.env._(
                        "%(supplier)s: Batch Times need at least one day of the week.",
                        supplier=partner.display_name,
                    )
                )
            if partner.print_order_cost < 0:
                raise ValidationError(
                    self.env._(
                        "%(supplier)s: Cost of One Order cannot be negative.",
                        supplier=partner.display_name,
                    )
                )

    def _print_batch_time_list(self):
        self.ensure_one()
        text = (self.sudo().print_batch_times or "").replace(";", ",")
        return tuple(t.strip() for t in text.split(",") if t.strip())

    def _print_engine_supplier(self):
        """This supplier as input of the consolidation engine."""
        self.ensure_one()
        partner = self.sudo()
        days = tuple(i for i, name in enumerate(WEEKDAY_FIELDS) if partner[name])
        return Supplier(
            id=partner.id,
            times=partner._print_batch_time_list(),
            weekdays=days if len(days) < 7 else (),
            tz=_known_tz(partner.tz),
            order_cost=max(partner.print_order_cost, 0.0),
            # Never batched: its windows count from when the supplier was set up, so its
            # first demand waits for the next window like any other.
            last_batch=partner.print_last_batch or partner.create_date or None,
        )

    @api.depends("print_batch_times", *WEEKDAY_FIELDS, "tz")
    def _compute_print_next_batch(self):
        from ..engine import next_window

        now = fields.Datetime.now()
        for partner in self:
            try:
                nxt = next_window(partner._print_engine_supplier(), now)
            except ConsolidationError:
                nxt = None
            partner.print_next_batch = nxt.replace(tzinfo=None) if nxt else False

    @api.model_create_multi
    def create(self, vals_list):
        # Last Batch is the batch run's record: only the run writes it (decide()).
        refuse_undecided(self, vals_list, BATCH_DECISIONS)
        return super().create(vals_list)

    def write(self, vals):
        refuse_undecided(self, [vals], BATCH_DECISIONS)
        return super().write(vals)

    def _print_decide(self, *fnames):
        """This partner, allowed to write ``fnames`` (the batch run's Last Batch)."""
        return decide(self, *fnames)
