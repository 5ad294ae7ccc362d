# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Routing and commitments follow the customer's service contract: the route proposes the
sooner of the department's and the contract's response time, the commitment the date the
contract's resolution time gives."""

from odoo import api, fields, models

from ..models.print_access import SERVICE_USER, require_group


class PrintServiceRouteWizard(models.TransientModel):
    _inherit = "print.service.route.wizard"

    deadline = fields.Datetime(
        help="The sooner of the department's response time on its working calendar and"
        " the customer's service contract's, from now."
    )
    contract_id = fields.Many2one(
        "print.service.contract",
        "Service Contract",
        compute="_compute_deadline",
        store=True,
        help="The customer's contract in force: its response time is the deadline when it is"
        " sooner than the department's.",
    )
    proposed_deadline = fields.Datetime(
        compute="_compute_deadline",
        store=True,
        readonly=False,
        help="The deadline as promised when the form was filled: the deadline left as it is"
        " is worked out again when the ticket is routed.",
    )

    @api.depends("team_id", "ticket_id")
    def _compute_deadline(self):
        now = fields.Datetime.now()
        for wizard in self:
            if wizard.team_id and wizard.ticket_id:
                deadline, contract, __ = wizard.ticket_id._print_promise(wizard.team_id, now)
            else:
                deadline = wizard.team_id._print_deadline(now) if wizard.team_id else False
                contract = self.env["print.service.contract"]
            wizard.deadline = deadline
            wizard.proposed_deadline = deadline
            # sudo: the ticket's contract is shown to whoever routes it.
            wizard.contract_id = contract.sudo()

    def action_confirm(self):
        require_group(self, self.env._("Route"), SERVICE_USER)
        if self.deadline and self.deadline == self.proposed_deadline:
            # Left as promised: the route works it out again, from the moment it routes.
            self.deadline = False
        return super().action_confirm()


class PrintServiceCommitWizard(models.TransientModel):
    _inherit = "print.service.commit.wizard"

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        ticket_id = values.get("ticket_id") or self.env.context.get("default_ticket_id")
        if "date" in fields_list and not values.get("date") and ticket_id:
            ticket = self.env["helpdesk.ticket"].browse(ticket_id)
            if ticket.has_access("read"):
                values["date"] = ticket._print_resolution_promise() or False
        return values
