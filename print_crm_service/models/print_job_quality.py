# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .print_job import PrintJob as ServicePrintJob

# A reprint job's ticket and cost: written by the ticket's approval only.
REPRINT_FIELDS = ("print_ticket_id", "print_reprint_cost")


class PrintJob(models.Model):
    """A reprint for a complaint is a job of its own: linked to the ticket whose approved
    resolution made it, never invoiced, with the estimated cost it adds to the cost of
    quality. Every job knows its press (for the cost of quality per press)."""

    _inherit = "print.job"
    _print_decision_fields = ServicePrintJob._print_decision_fields + REPRINT_FIELDS

    print_ticket_id = fields.Many2one(
        "helpdesk.ticket",
        "Reprint For",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups="base.group_user",
        help="The service ticket whose approved reprint this job is (at no charge).",
    )
    print_cost_currency_id = fields.Many2one(
        related="company_id.currency_id", string="Cost Currency", groups="base.group_user"
    )
    print_reprint_cost = fields.Monetary(
        "Reprint Cost",
        currency_field="print_cost_currency_id",
        readonly=True,
        copy=False,
        groups="base.group_user",
        help="The estimated cost of the reprint: the accepted quantity's cost in the job's"
        " estimate, pro rata to the copies reprinted.",
    )
    print_press_id = fields.Many2one(
        "print.press",
        "Press",
        compute="_compute_print_press_id",
        store=True,
        index="btree_not_null",
        groups="base.group_user",
        help="The press of the accepted quantity's costliest part, as the estimate priced it.",
    )

    # A job is made from a quantity break already priced and accepted, whose breakdown no
    # longer changes (only a draft estimate is priced again): the press is worked out when
    # the job is made. Depending on the breakdown itself would make every pricing of any
    # estimate look for jobs to recompute (two queries more on each accept).
    @api.depends("sale_line_id", "estimate_id")
    def _compute_print_press_id(self):
        mains = {}
        for job in self:
            # sudo: the route the estimate chose is read for its press code only.
            break_ = job.sudo()._print_costed_break()
            routes = ((break_.breakdown or {}).get("routes") or []) if break_ else []
            main = max(routes, key=lambda r: r.get("cost") or 0.0, default=None)
            mains[job] = main.get("press") if main else False
        # One search for every job's press (a confirmed order makes its jobs at once).
        codes = {code for code in mains.values() if code}
        Press = self.env["print.press"].sudo().with_context(active_test=False)
        presses = (
            Press.search([("code", "in", list(codes)), ("company_id", "in", self.company_id.ids)])
            if codes
            else Press
        )
        by_code = {(p.company_id.id, p.code): p for p in presses}
        for job in self:
            job.print_press_id = by_code.get((job.company_id.id, mains[job]), False)

    def _print_costed_break(self):
        """The quantity break the job was priced on: its order line's, else (a reprint,
        which has no order line) its estimate's accepted one."""
        self.ensure_one()
        return self.sale_line_id.print_estimate_break_id or self.estimate_id.accepted_break_id

    def _print_estimated_cost(self, copies):
        """The estimated cost of ``copies`` copies of this job: its quantity break's cost,
        pro rata (0 when the job has no estimate)."""
        self.ensure_one()
        # sudo: the shop's cost, read for the service manager's approval (checked there).
        break_ = self.sudo()._print_costed_break()
        if not break_ or not break_.quantity:
            return 0.0
        return self.company_id.currency_id.round(break_.cost * copies / break_.quantity)
