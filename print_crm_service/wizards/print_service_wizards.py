# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The steps of a print ticket that ask for input: each wizard checks the caller's group
and the ticket's step again (its ticket comes from the client), then calls the ticket."""

from odoo import api, fields, models

from ..models.print_access import SERVICE_USER, require_group


class PrintServiceWizardMixin(models.AbstractModel):
    _name = "print.service.wizard.mixin"
    _description = "Print Ticket Step Wizard"

    ticket_id = fields.Many2one("helpdesk.ticket", "Ticket", required=True, ondelete="cascade")

    def _print_ticket(self, action, *steps):
        """The wizard's ticket, after checking the caller may take ``action`` on it."""
        require_group(self, action, SERVICE_USER)
        self.ensure_one()
        ticket = self.ticket_id
        ticket.check_access("write")
        ticket._print_check_step(action, *steps)
        return ticket


class PrintServiceInvalidWizard(models.TransientModel):
    _name = "print.service.invalid.wizard"
    _inherit = ["print.service.wizard.mixin"]
    _description = "Mark a Print Ticket Invalid"

    reason = fields.Text(required=True, help="Told to the complainant in the answer.")
    template_id = fields.Many2one(
        "mail.template",
        "Answer Template",
        required=True,
        domain=[("model", "=", "helpdesk.ticket")],
        default=lambda self: self.env.ref(
            "print_crm_service.mail_template_print_invalid", raise_if_not_found=False
        ),
    )

    def action_confirm(self):
        ticket = self._print_ticket(self.env._("Mark Invalid"), "new")
        ticket._print_mark_invalid(self.reason, self.template_id)
        return {"type": "ir.actions.act_window_close"}


class PrintServiceRouteWizard(models.TransientModel):
    _name = "print.service.route.wizard"
    _inherit = ["print.service.wizard.mixin"]
    _description = "Route a Print Ticket"

    team_id = fields.Many2one("helpdesk.ticket.team", "Department", required=True)
    deadline = fields.Datetime(
        compute="_compute_deadline",
        store=True,
        readonly=False,
        help="The team's response time on its working calendar, from now.",
    )
    note = fields.Text()

    @api.depends("team_id")
    def _compute_deadline(self):
        now = fields.Datetime.now()
        for wizard in self:
            wizard.deadline = wizard.team_id._print_deadline(now) if wizard.team_id else False

    def action_confirm(self):
        ticket = self._print_ticket(self.env._("Route"), "valid")
        ticket._print_route(self.team_id, self.deadline, self.note)
        return {"type": "ir.actions.act_window_close"}


class PrintServiceCommitWizard(models.TransientModel):
    _name = "print.service.commit.wizard"
    _inherit = ["print.service.wizard.mixin"]
    _description = "Record a Commitment on a Print Ticket"

    commitment = fields.Text(required=True, help="What the shop will do.")
    date = fields.Date("By When", required=True)

    def action_confirm(self):
        ticket = self._print_ticket(self.env._("Record Commitment"), "approved")
        ticket._print_commit(self.commitment, self.date)
        return {"type": "ir.actions.act_window_close"}


class PrintServiceReopenWizard(models.TransientModel):
    _name = "print.service.reopen.wizard"
    _inherit = ["print.service.wizard.mixin"]
    _description = "Reopen a Print Ticket"

    reason = fields.Text(required=True)

    def action_confirm(self):
        ticket = self._print_ticket(
            self.env._("Reopen"), "invalid", "resolved", "committed", "satisfied"
        )
        ticket._print_reopen(self.reason)
        return {"type": "ir.actions.act_window_close"}
