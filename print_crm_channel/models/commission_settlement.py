# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Settlements of commission (OCA ``commission_oca``/``account_commission_oca``), frozen
once invoiced.

OCA refuses to cancel or delete an invoiced settlement, but lets a direct write change its
lines, dates, agent and state (``action_draft`` puts it back to settled with no check), so
the vendor bill and the settlement behind it could tell different stories. Here a
settlement in state Invoiced is a closed figure: nothing of it changes. OCA's own ways out
stay open, as accounting decides them: deleting the draft vendor bill (the settlement is
settled again) and cancelling the bill (the settlement goes to Invoice exception).
"""

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.print_crm_quote.models.print_decision_mixin import (
    CONTEXT_KEY,
    PrintDecision,
)

from .print_channel_commission import PRODUCT_KINDS

# What a settlement is: an invoiced one keeps all of it.
FROZEN_SETTLEMENT_FIELDS = (
    "name",
    "state",
    "line_ids",
    "date_from",
    "date_to",
    "agent_id",
    "settlement_type",
    "currency_id",
    "company_id",
)


def _leave(env, fnames=("state",)):
    """Context that lets OCA's bill actions move an invoiced settlement's state."""
    return {CONTEXT_KEY: PrintDecision("commission.settlement", fnames)}


def _allowed(env, fnames):
    token = env.context.get(CONTEXT_KEY)
    return isinstance(token, PrintDecision) and token.allows("commission.settlement", fnames)


class CommissionSettlement(models.Model):
    _inherit = "commission.settlement"

    def _print_frozen_error(self, fname):
        settlement = self.filtered(lambda s: s.state == "invoiced")[:1] or self[:1]
        return UserError(
            self.env._(
                "%(field)s: settlement %(settlement)s is invoiced (%(bill)s) and cannot be"
                " changed. Correct it with a credit note, or have accounting delete or"
                " cancel its vendor bill first.",
                field=self._fields[fname]._description_string(self.env),
                settlement=settlement.display_name,
                bill=settlement.invoice_id.display_name or "-",
            )
        )

    def _print_check_frozen(self, vals):
        touched = [f for f in FROZEN_SETTLEMENT_FIELDS if f in vals]
        if not touched or _allowed(self.env, touched):
            return
        for settlement in self.filtered(lambda s: s.state == "invoiced"):
            for fname in touched:
                field = self._fields[fname]
                if field.type not in ("one2many", "many2many"):
                    new = field.convert_to_record(
                        field.convert_to_cache(vals[fname], settlement), settlement
                    )
                    if new == settlement[fname]:
                        continue  # what OCA writes again when the bill is posted
                raise settlement._print_frozen_error(fname)

    def write(self, vals):
        self._print_check_frozen(vals)
        return super().write(vals)

    def action_draft(self):
        if any(s.state == "invoiced" for s in self):
            raise self._print_frozen_error("state")
        return super().action_draft()


class CommissionSettlementLine(models.Model):
    _inherit = "commission.settlement.line"

    print_channel_level_id = fields.Many2one(
        "print.channel.level",
        "Channel Level",
        compute="_compute_print_channel",
        store=True,
        index="btree_not_null",
        groups="base.group_user",
        help="The agent's channel level when the commission was settled.",
    )
    print_product_kind = fields.Selection(
        PRODUCT_KINDS,
        "Product Kind",
        compute="_compute_print_channel",
        store=True,
        help="The kind of print work of the invoiced line, when it came from an estimate.",
    )

    @api.depends("agent_id", "invoice_line_id")
    def _compute_print_channel(self):
        for line in self:
            # sudo(): the level is Distribution's; it is kept on the line as it was when
            # settled, for the figures by level.
            line.print_channel_level_id = line.agent_id.sudo().print_channel_level_id.id
            line.print_product_kind = (
                line.invoice_line_id._print_commission_kind() if line.invoice_line_id else False
            )

    def _print_check_frozen(self, settlements, fname):
        if _allowed(self.env, ("line_ids",)):
            return
        invoiced = settlements.filtered(lambda s: s.state == "invoiced")
        if invoiced:
            raise invoiced._print_frozen_error(fname)

    @api.model_create_multi
    def create(self, vals_list):
        ids = {vals.get("settlement_id") for vals in vals_list if vals.get("settlement_id")}
        self._print_check_frozen(self.env["commission.settlement"].browse(ids), "line_ids")
        return super().create(vals_list)

    def write(self, vals):
        targets = self.settlement_id
        if vals.get("settlement_id"):
            targets |= targets.browse(vals["settlement_id"])
        self._print_check_frozen(targets, "line_ids")
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_invoiced(self):
        self._print_check_frozen(self.settlement_id, "line_ids")


class AccountMove(models.Model):
    _inherit = "account.move"

    def button_cancel(self):
        # OCA puts the settlements of a cancelled commission bill in Invoice exception:
        # accounting's decision, checked by account (who may cancel the bill).
        return super(AccountMove, self.with_context(**_leave(self.env))).button_cancel()

    def unlink(self):
        # OCA puts the settlements of a deleted (draft) commission bill back to settled.
        return super(AccountMove, self.with_context(**_leave(self.env))).unlink()
