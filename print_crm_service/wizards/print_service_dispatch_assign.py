# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Assign lines of the dispatch queue to a person: each document through its own rules
(a ticket to a member of its department, a callback or visit with its activity by the
callback's own action, which stamps who reassigned it)."""

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..models.print_access import SERVICE_USER, require_group


class PrintServiceDispatchAssign(models.TransientModel):
    _name = "print.service.dispatch.assign"
    _description = "Assign Open Work"

    ticket_ids = fields.Many2many("helpdesk.ticket", string="Tickets")
    callback_ids = fields.Many2many("print.service.callback", string="Callbacks and Visits")
    user_id = fields.Many2one(
        "res.users",
        "Assign To",
        required=True,
        domain="[('share', '=', False)]",
        help="Who takes the work: a ticket goes to a member of its department, a callback"
        " or visit with its activity.",
    )
    summary = fields.Char(compute="_compute_summary")

    @api.depends("ticket_ids", "callback_ids")
    def _compute_summary(self):
        for wizard in self:
            wizard.summary = self.env._(
                "%(tickets)s ticket(s), %(callbacks)s callback(s) or visit(s)",
                tickets=len(wizard.ticket_ids),
                callbacks=len(wizard.callback_ids),
            )

    def action_confirm(self):
        action = self.env._("Assign")
        require_group(self, action, SERVICE_USER)
        self.ensure_one()
        tickets, callbacks, user = self.ticket_ids, self.callback_ids, self.user_id
        if not (tickets or callbacks):
            raise UserError(
                self.env._("%(action)s: select the lines of the queue to assign.", action=action)
            )
        # Everything is checked before anything is written.
        self._print_check_tickets(action, tickets, user)
        if callbacks:
            callbacks.action_print_assign(user.id)
        todo = tickets.filtered(lambda ticket: ticket.user_id != user)
        if todo:
            todo.write({"user_id": user.id})
        return {"type": "ir.actions.act_window_close"}

    def _print_check_tickets(self, action, tickets, user):
        """Refuse, naming the field, unless ``user`` may take every ticket as the user
        could assign it on the ticket: an active internal user of the ticket's company and,
        when its department has members, one of them."""
        tickets.check_access("write")
        field = tickets._fields["user_id"]._description_string(self.env)
        if user.share or not user.active:
            raise UserError(
                self.env._(
                    "%(action)s: %(field)s must be an active internal user.",
                    action=action,
                    field=field,
                )
            )
        for ticket in tickets:
            if ticket.company_id and ticket.company_id not in user.company_ids:
                raise UserError(
                    self.env._(
                        "%(action)s: %(user)s does not work for %(company)s, the company of"
                        " %(ticket)s; choose another %(field)s.",
                        action=action,
                        user=user.display_name,
                        company=ticket.company_id.display_name,
                        ticket=ticket.display_name,
                        field=field,
                    )
                )
            members = ticket.team_id.user_ids
            if members and user not in members:
                raise UserError(
                    self.env._(
                        "%(action)s: %(user)s is not a member of %(team)s, the department"
                        " of %(ticket)s; choose one of its members as %(field)s, or route"
                        " the ticket to another department first.",
                        action=action,
                        user=user.display_name,
                        team=ticket.team_id.display_name,
                        ticket=ticket.display_name,
                        field=field,
                    )
                )
