# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The customer's service contract on its tickets: recorded on the ticket, and its
response time is the ticket's deadline when it is sooner than the department's."""

from odoo import api, fields, models
from odoo.tools import format_datetime

# Written by server code only: the contract that covered the customer.
CONTRACT_DECISION_FIELDS = ("print_contract_id",)
# Until it is routed, a ticket follows its customer's contract of the day.
UNROUTED_STEPS = (False, "new", "valid")


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    print_contract_id = fields.Many2one(
        "print.service.contract",
        "Service Contract",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups="base.group_user",
        help="The customer's service contract in force when the ticket came in and when it"
        " was routed: its response time is the deadline when it is sooner than the"
        " department's.",
    )

    # ------------------------------------------------------------------ CRUD

    def _print_check_decision_vals(self, vals_list):
        res = super()._print_check_decision_vals(vals_list)
        touched = {f for vals in vals_list for f in vals if f in CONTRACT_DECISION_FIELDS}
        if touched and not self._print_decision_allowed(touched):
            raise self._print_decision_error(touched)
        return res

    @api.model_create_multi
    def create(self, vals_list):
        defaults = {f for f in CONTRACT_DECISION_FIELDS if f"default_{f}" in self.env.context}
        if defaults and not self._print_decision_allowed(defaults):
            raise self._print_decision_error(defaults)
        tickets = super().create(vals_list)
        tickets._print_follow_contract()
        return tickets

    def write(self, vals):
        res = super().write(vals)
        if {"partner_id", "company_id"} & vals.keys():
            self._print_follow_contract()
        return res

    # ------------------------------------------------------------------ contract

    def _print_contract_in_force(self):
        """The contract in force today for the ticket's customer and company."""
        self.ensure_one()
        # sudo: the caller created, edits or routes this ticket (the ORM or the action
        # checked that); only which contract covers its customer is read, to record it on
        # the ticket. A customer on the portal or a helpdesk user reads no contract.
        return (
            self.env["print.service.contract"]
            .sudo()
            ._print_for_customer(self.partner_id, self.company_id)
        )

    def _print_follow_contract(self):
        """Tickets not routed yet record their customer's contract of the day."""
        for ticket in self:
            # sudo: reading the ticket's own step and contract to compare them.
            if ticket.sudo().print_step not in UNROUTED_STEPS:
                continue
            contract = ticket._print_contract_in_force()
            if contract != ticket.sudo().print_contract_id:
                # sudo: the caller may not read the field (a portal customer's new
                # ticket); the value is the contract found above, not the caller's.
                ticket.sudo()._print_decide("print_contract_id").write(
                    {"print_contract_id": contract.id}
                )

    def _print_promise(self, team, start):
        """What was promised for this ticket routed to ``team`` at ``start``: (deadline,
        contract in force, whether the contract's response time set the deadline)."""
        self.ensure_one()
        team_deadline = team._print_deadline(start)
        contract = self._print_contract_in_force()
        if contract:
            contract_deadline = contract._print_deadline(start, team)
            if contract_deadline < team_deadline:
                return contract_deadline, contract, True
        return team_deadline, contract, False

    def _print_route(self, team, deadline=None, note=False):
        """Routed: the deadline is the sooner of the department's and the contract's
        response time (unless the desk set one by hand); the chatter says which."""
        self.ensure_one()
        if not team:
            return super()._print_route(team, deadline, note)
        now = fields.Datetime.now()
        promised, contract, by_contract = self._print_promise(team, now)
        super()._print_route(team, deadline or promised, note)
        self._print_decide("print_contract_id").write({"print_contract_id": contract.id})
        self._print_post_deadline_note(team, contract, promised, by_contract, deadline)

    def _print_post_deadline_note(self, team, contract, promised, by_contract, by_hand):
        env = self.env

        def when(value):
            return format_datetime(env, value, dt_format="short")

        if by_hand:
            promise = (
                env._("the contract %(contract)s", contract=contract._print_summary())
                if by_contract
                else env._("the department %(team)s", team=team.display_name)
            )
            body = env._(
                "Deadline %(deadline)s, set by hand; %(promise)s promised %(promised)s.",
                deadline=when(self.print_deadline),
                promise=promise,
                promised=when(promised),
            )
        elif by_contract:
            body = env._(
                "Deadline %(deadline)s, set by the response time of the service contract"
                " %(contract)s: sooner than the department %(team)s's (%(team_deadline)s).",
                deadline=when(self.print_deadline),
                contract=contract._print_summary(),
                team=team.display_name,
                team_deadline=when(team._print_deadline(fields.Datetime.now())),
            )
        elif contract:
            body = env._(
                "Deadline %(deadline)s, set by the response time of the department %(team)s;"
                " the service contract %(contract)s promises no sooner.",
                deadline=when(self.print_deadline),
                team=team.display_name,
                contract=contract._print_summary(),
            )
        else:
            body = env._(
                "Deadline %(deadline)s, set by the response time of the department %(team)s"
                " (the customer has no service contract).",
                deadline=when(self.print_deadline),
                team=team.display_name,
            )
        self.message_post(body=body, subtype_xmlid="mail.mt_note")

    def _print_resolution_promise(self):
        """The date the customer's contract promises the ticket resolved by (its
        resolution time from when the ticket came in), or False."""
        self.ensure_one()
        # sudo: the caller works on this ticket (its action checked the group); the
        # contract's resolution time is read to propose a date.
        contract = self.sudo().print_contract_id
        if not contract or not contract.resolution_hours:
            return False
        deadline = contract._print_resolution_deadline(self.create_date, self.team_id)
        return fields.Date.context_today(self, deadline) if deadline else False
