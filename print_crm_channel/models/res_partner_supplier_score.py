# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from odoo.addons.print_crm_quote.models.print_access import require_group

PURCHASE_USER = "purchase.group_purchase_user"
SCORE_MONTHS = 12


class ResPartner(models.Model):
    """A supplier's scorecard over the last twelve months: delivery, price, quality, payment."""

    _inherit = "res.partner"

    print_supplier_score_count = fields.Integer(
        "Order Lines Scored",
        compute="_compute_print_supplier_score",
        groups=PURCHASE_USER,
        help="Lines of confirmed purchase orders of this supplier in the last 12 months.",
    )
    print_supplier_on_time = fields.Float(
        "On Time (%)",
        digits=(16, 1),
        compute="_compute_print_supplier_score",
        groups=PURCHASE_USER,
        help="Share of the supplier's order lines of the last 12 months fully received on or"
        " before their expected day (lines not yet due are not counted).",
    )
    print_supplier_lead_days = fields.Float(
        "Lead Time (Days)",
        digits=(16, 1),
        compute="_compute_print_supplier_score",
        groups=PURCHASE_USER,
        help="Average days from confirmation to full receipt, last 12 months.",
    )
    print_supplier_promised_days = fields.Float(
        "Promised Lead Time (Days)",
        digits=(16, 1),
        compute="_compute_print_supplier_score",
        groups=PURCHASE_USER,
        help="Average days from confirmation to the expected arrival, last 12 months.",
    )
    print_supplier_price_variance = fields.Float(
        "Price Variance (%)",
        digits=(16, 1),
        compute="_compute_print_supplier_score",
        groups=PURCHASE_USER,
        help="Average of how much more (negative: less) the supplier's lines cost than the"
        " jobs' estimates, last 12 months.",
    )
    print_supplier_complaints = fields.Integer(
        "Complaints",
        compute="_compute_print_supplier_score",
        groups=PURCHASE_USER,
        help="Service tickets of the last 12 months whose cause is this supplier (when the"
        " service module is installed).",
    )
    print_supplier_payment_delay = fields.Float(
        "Our Payment Delay (Days)",
        digits=(16, 1),
        compute="_compute_print_supplier_score",
        groups=PURCHASE_USER,
        help="Average days our payments of the supplier's bills came after their due date,"
        " last 12 months.",
    )

    @api.depends_context("uid", "allowed_company_ids")
    def _compute_print_supplier_score(self):
        """All partners at once: one grouped query per view, whatever the number of partners.

        Runs as the reading user (or as the superuser for a related field): the companies
        are restricted explicitly so the figures never include what the user's company
        rules hide.
        """
        # Partners being created in a form have no figures yet.
        suppliers = self.commercial_partner_id.filtered(lambda p: isinstance(p.id, int))
        date_from = fields.Date.context_today(self) - relativedelta(months=SCORE_MONTHS)
        company_ids = self.env.companies.ids
        delivery = {}
        payment = {}
        if suppliers.ids:
            delivery = {
                supplier.id: values
                for supplier, *values in self.env["print.supplier.scorecard"]._read_group(
                    [
                        ("supplier_id", "in", suppliers.ids),
                        ("company_id", "in", company_ids),
                        ("date", ">=", date_from),
                    ],
                    groupby=["supplier_id"],
                    aggregates=[
                        "__count",
                        "on_time:avg",
                        "lead_days:avg",
                        "promised_days:avg",
                        "price_variance_pct:avg",
                    ],
                )
            }
            payment = dict(
                self.env["print.supplier.payment.score"]._read_group(
                    [
                        ("supplier_id", "in", suppliers.ids),
                        ("company_id", "in", company_ids),
                        ("date", ">=", date_from),
                    ],
                    groupby=["supplier_id"],
                    aggregates=["payment_delay_days:avg"],
                )
            )
        complaints = (
            suppliers._print_supplier_complaint_counts(date_from, fields.Date.context_today(self))
            if suppliers.ids
            else {}
        )
        for partner in self:
            supplier_id = partner.commercial_partner_id.id
            count, on_time, lead, promised, variance = delivery.get(
                supplier_id, (0, None, None, None, None)
            )
            partner.print_supplier_score_count = count
            partner.print_supplier_on_time = on_time or 0.0
            partner.print_supplier_lead_days = lead or 0.0
            partner.print_supplier_promised_days = promised or 0.0
            partner.print_supplier_price_variance = variance or 0.0
            partner.print_supplier_payment_delay = payment.get(partner.commercial_partner_id) or 0.0
            partner.print_supplier_complaints = complaints.get(supplier_id, 0)

    def action_print_view_supplier_scorecard(self):
        """The scorecard of this supplier, by month."""
        require_group(self, self.env._("Open the supplier scorecard"), PURCHASE_USER)
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "print_crm_channel.print_supplier_scorecard_action"
        )
        action["domain"] = [("supplier_id", "=", self.commercial_partner_id.id)]
        action["context"] = {"search_default_last_12_months": 1}
        action["display_name"] = self.env._(
            "Scorecard of %(supplier)s", supplier=self.commercial_partner_id.display_name
        )
        return action

    def _print_supplier_complaint_counts(self, date_from, date_to):
        """Service tickets whose cause is one of these suppliers, created in the period:
        ``{partner_id: count}``; ``{}`` when the service module is not installed.

        A hook, not a dependency: the service module (print_crm_service) adds
        ``helpdesk.ticket.print_supplier_id``; nothing of it is imported here.
        """
        require_group(self, self.env._("Count the complaints of a supplier"), PURCHASE_USER)
        if "helpdesk.ticket" not in self.env:
            return {}
        Ticket = self.env["helpdesk.ticket"]
        if "print_supplier_id" not in Ticket._fields:
            return {}
        domain = [
            ("print_supplier_id", "!=", False),
            ("create_date", ">=", fields.Datetime.to_datetime(date_from)),
            ("create_date", "<", fields.Datetime.to_datetime(date_to + relativedelta(days=1))),
        ]
        if self:
            domain.append(("print_supplier_id", "in", self.ids))
        if "company_id" in Ticket._fields:
            # Only the caller's companies: sudo below bypasses the tickets' company rules.
            domain.append(("company_id", "in", self.env.companies.ids))
        # sudo: the caller is a purchase user (checked above), who judges suppliers but need
        # not be a service user allowed to read tickets; only counts leave this method.
        return {
            supplier.id: count
            for supplier, count in Ticket.sudo()._read_group(
                domain, groupby=["print_supplier_id"], aggregates=["__count"]
            )
        }
