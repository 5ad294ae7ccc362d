# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A distributor's credit: its limit (OCA ``account_financial_risk``'s ``credit_limit``)
and its exposure, i.e. what it owes or will owe the shop:

- open orders: confirmed orders not yet invoiced, deliveries not invoiced included (OCA
  ``sale_financial_risk``'s ``risk_amount`` of each order line, taxes included);
- invoices: customer invoices and credit notes in draft, and posted receivables not yet
  paid, due or not (OCA's draft, open and unpaid invoice figures).

OCA computes these figures per partner, and for a list of partners walks every grouped
row once per partner (quadratic in the number of distributors). The channel needs them
for thousands of distributors at once, so it reads them with two grouped queries
(:meth:`_print_channel_credit_exposure`). A partner placed in the channel has OCA's
"include" flags for these figures turned on, so OCA's Total Risk on its form and its own
check at invoice posting count the same things.
"""

from odoo import api, models

CREDIT_MANAGER = "account_financial_risk.group_account_financial_risk_manager"

# OCA's flags for the figures the channel's exposure counts.
CHANNEL_RISK_INCLUDE = (
    "risk_sale_order_include",
    "risk_invoice_draft_include",
    "risk_invoice_open_include",
    "risk_invoice_unpaid_include",
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        partners._print_channel_credit_include()
        return partners

    def write(self, vals):
        res = super().write(vals)
        if vals.get("print_channel_role"):
            self._print_channel_credit_include()
        return res

    def _print_channel_credit_include(self):
        """Count open orders and invoices in OCA's Total Risk of channel partners."""
        # sudo: the caller placed the partners in the channel (a Distribution manager, as
        # the channel fields' write checks); the flags only say what the risk counts.
        placed = self.sudo().filtered(
            lambda p: p.print_channel_role and not all(p[f] for f in CHANNEL_RISK_INCLUDE)
        )
        if placed:
            placed.write(dict.fromkeys(CHANNEL_RISK_INCLUDE, True))

    def _print_channel_credit_exposure(self):
        """{partner id: (open orders, invoices)} for these commercial partners, in company
        currency, in the companies of the environment (as OCA's figures). Two grouped
        queries, whatever the number of partners."""
        Partner = self.env["res.partner"]
        company_domain = Partner._get_risk_company_domain()
        exposure = dict.fromkeys(self.ids, (0.0, 0.0))
        if not self.ids:
            return exposure
        orders = dict.fromkeys(self.ids, 0.0)
        invoices = dict.fromkeys(self.ids, 0.0)
        # sudo: figures of these partners' own orders and receivables, which the callers
        # (the order's confirmation, the partner's own portal, a credit report) show to
        # whoever may see the partner's credit; record rules would hide other reps' orders.
        line_groups = (
            self.env["sale.order.line"]
            .sudo()
            ._read_group(
                company_domain
                + [
                    ("state", "in", self.env["sale.order"]._get_risk_states()),
                    ("risk_partner_id", "in", self.ids),
                ],
                ["risk_partner_id"],
                ["risk_amount:sum"],
            )
        )
        for partner, amount in line_groups:
            orders[partner.id] += amount
        move_line_groups = (
            self.env["account.move.line"]
            .sudo()
            ._read_group(
                company_domain
                + [
                    ("partner_id", "in", self.ids),
                    ("account_type", "=", "asset_receivable"),
                    "|",
                    "&",
                    ("parent_state", "=", "draft"),
                    ("move_id.move_type", "in", ("out_invoice", "out_refund")),
                    "&",
                    ("parent_state", "=", "posted"),
                    ("reconciled", "=", False),
                ],
                ["partner_id"],
                ["amount_residual:sum"],
            )
        )
        for partner, amount in move_line_groups:
            invoices[partner.id] += amount
        return {pid: (orders[pid], invoices[pid]) for pid in self.ids}

    def _print_channel_credit_summary(self, company=None):
        """The credit of this partner's commercial entity, as its distributor sees it:
        a dict with ``limit`` (0: none), ``orders``, ``invoices``, ``exposure`` (their sum),
        ``available`` (limit less exposure; None without a limit) and ``currency``.

        The caller has checked who asks: a back-office user of the partner, or the
        partner's own portal user."""
        self.ensure_one()
        company = company or self.env.company
        partner = self.commercial_partner_id.sudo().with_company(company)
        orders, invoices = partner._print_channel_credit_exposure()[partner.id]
        limit = partner.credit_limit
        exposure = orders + invoices
        return {
            "partner": partner,
            "limit": limit,
            "orders": orders,
            "invoices": invoices,
            "exposure": exposure,
            "available": limit - exposure if limit else None,
            "currency": company.currency_id,
        }

    def _print_channel_credit_refusal(self, amount, company=None):
        """Why an order of ``amount`` (company currency) cannot go ahead on credit, as a
        translated sentence naming the figures; an empty string when it can.

        Only channel partners with a credit limit are checked here (OCA checks the others
        as it is configured)."""
        self.ensure_one()
        partner = self.commercial_partner_id
        if not partner.sudo().print_channel_role:
            return ""
        summary = partner._print_channel_credit_summary(company)
        currency = summary["currency"]
        if not summary["limit"]:
            return ""
        total = summary["exposure"] + amount
        if currency.compare_amounts(total, summary["limit"]) <= 0:
            return ""
        return self.env._(
            "%(partner)s is over its credit limit: this order of %(amount)s would bring what"
            " it owes to %(total)s, and its credit limit is %(limit)s. It owes %(exposure)s"
            " now (open orders and deliveries not invoiced %(orders)s, invoices not paid"
            " %(invoices)s): %(available)s is available.",
            partner=partner.display_name,
            amount=currency.format(amount),
            total=currency.format(total),
            limit=currency.format(summary["limit"]),
            exposure=currency.format(summary["exposure"]),
            orders=currency.format(summary["orders"]),
            invoices=currency.format(summary["invoices"]),
            available=currency.format(max(summary["available"], 0.0)),
        )

    def _print_channel_credit_portal_hint(self, refusal):
        """What the portal tells a customer whose order is refused on credit: the refusal
        (or, without one, its credit figures) and what to do."""
        self.ensure_one()
        if not refusal:
            summary = self._print_channel_credit_summary()
            currency = summary["currency"]
            refusal = self.env._(
                "Your credit limit is %(limit)s and you owe %(exposure)s (open orders and"
                " deliveries not invoiced %(orders)s, invoices not paid %(invoices)s):"
                " %(available)s is available, not enough for this order.",
                limit=currency.format(summary["limit"]),
                exposure=currency.format(summary["exposure"]),
                orders=currency.format(summary["orders"]),
                invoices=currency.format(summary["invoices"]),
                available=currency.format(max(summary["available"] or 0.0, 0.0)),
            )
        return (
            refusal
            + " "
            + self.env._("Pay your open invoices, or contact us so that we can go ahead.")
        )

    def _print_channel_portal_sections(self):
        """The distributor portal's sections (title, template xmlid, values); the credit
        section for a channel partner, first (what the distributor can still order)."""
        parent = getattr(super(), "_print_channel_portal_sections", None)
        sections = list(parent()) if parent else []
        partner = self.commercial_partner_id
        if partner.sudo().print_channel_role:
            sections.insert(
                0,
                (
                    self.env._("Credit"),
                    "print_crm_channel.portal_channel_credit",
                    {"credit": partner._print_channel_credit_summary()},
                ),
            )
        return sections
