# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_date

from ..models.print_access import ESTIMATE_USER, require_group
from ..models.print_contact_log import CONTACT_CHANNELS, OUTCOMES


class PrintContactLogWizard(models.TransientModel):
    """Log a contact in one step, with the next step as an activity."""

    _name = "print.contact.log.wizard"
    _description = "Log a Customer Contact"

    partner_id = fields.Many2one("res.partner", "Customer", required=True)
    contact_id = fields.Many2one(
        "res.partner", "Contact Person", domain="[('id', 'child_of', partner_id)]"
    )
    channel = fields.Selection(CONTACT_CHANNELS, required=True, default="phone")
    direction = fields.Selection(
        [("inbound", "Inbound"), ("outbound", "Outbound")], required=True, default="inbound"
    )
    summary = fields.Char(required=True)
    note = fields.Text()
    outcome = fields.Selection(OUTCOMES, required=True, default="reached")
    next_activity_type_id = fields.Many2one(
        "mail.activity.type",
        "Next Step",
        compute="_compute_next_step",
        store=True,
        readonly=False,
        domain="[('res_model', 'in', (False, 'res.partner'))]",
        help='Schedules this activity on the customer. "Call back requested" proposes a'
        " call tomorrow.",
    )
    next_date = fields.Date(
        "Next Step Due", compute="_compute_next_step", store=True, readonly=False
    )
    next_summary = fields.Char("Next Step Summary")
    next_user_id = fields.Many2one(
        "res.users",
        "Next Step For",
        domain="[('share', '=', False)]",
        help="Empty: the customer's sales rep, or you when it has none.",
    )

    @api.depends("outcome")
    def _compute_next_step(self):
        """A call back the customer asked for is the next step, tomorrow, unless one was
        chosen already."""
        call = self.env.ref("mail.mail_activity_data_call", raise_if_not_found=False)
        for wizard in self:
            if wizard.outcome != "callback" or wizard.next_activity_type_id or not call:
                continue
            wizard.next_activity_type_id = call
            wizard.next_date = wizard.next_date or (
                fields.Date.context_today(wizard) + timedelta(days=1)
            )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        context = self.env.context
        partner_id = values.get("partner_id") or (
            context.get("active_id") if context.get("active_model") == "res.partner" else False
        )
        if partner_id:
            partner = self.env["res.partner"].browse(partner_id)
            values["partner_id"] = partner.commercial_partner_id.id
            if partner.commercial_partner_id != partner and "contact_id" in fields_list:
                values.setdefault("contact_id", partner.id)
        return values

    @api.model
    def _print_log_groups(self):
        """Who may log a contact: Estimating users, and the groups other modules add (the
        service desk logs its calls)."""
        return (ESTIMATE_USER,)

    def action_log(self):
        require_group(self.env, self.env._("Log Contact"), *self._print_log_groups())
        self.ensure_one()
        if self.next_activity_type_id and not self.next_date:
            raise UserError(self.env._("Next Step Due: say when the next step is due."))
        customer = self.partner_id.commercial_partner_id
        log = self.env["print.contact.log"].create(
            {
                "partner_id": customer.id,
                "contact_id": self.contact_id.id,
                "channel": self.channel,
                "direction": self.direction,
                "summary": self.summary,
                "note": self.note,
                "outcome": self.outcome,
            }
        )
        message = self.env._("Contact logged on %(customer)s.", customer=customer.display_name)
        if self.next_activity_type_id:
            activity = customer.activity_schedule(
                activity_type_id=self.next_activity_type_id.id,
                date_deadline=self.next_date,
                summary=self.next_summary or self.summary,
                note=self.note or False,
                user_id=(self.next_user_id or customer.user_id or self.env.user).id,
            )
            message += " " + self.env._(
                "%(step)s scheduled for %(user)s on %(date)s.",
                step=activity.activity_type_id.name,
                user=activity.user_id.name,
                date=format_date(self.env, activity.date_deadline),
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "message": message,
                "type": "success",
                "sticky": False,
                "next": {"type": "ir.actions.act_window_close"},
            },
            "infos": {"print_contact_log_id": log.id},
        }
