# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

CONTACT_CHANNELS = [
    ("phone", "Phone"),
    ("hotline", "Hotline"),
    ("fax", "Fax"),
    ("email", "E-mail"),
    ("web", "Web"),
    ("visit", "Visit"),
    ("event", "Event or Fair"),
    ("chat", "Chat / Messaging"),
]
OUTCOMES = [
    ("reached", "Reached, information given"),
    ("no_answer", "No answer"),
    ("callback", "Call back requested"),
    ("quote", "Quote requested"),
    ("order", "Order placed"),
    ("complaint", "Complaint"),
    ("not_interested", "Not interested"),
]


class PrintContactLog(models.Model):
    """One contact with a customer: a call, a visit, a fax, a fair conversation."""

    _name = "print.contact.log"
    _inherit = ["print.decision.mixin"]
    _description = "Customer Contact"
    _order = "date desc, id desc"
    _check_company_auto = True
    # Who logged the contact is whoever creates it (the field's default), never a name
    # passed in by the client, and it does not change afterwards.
    _print_decision_fields = ("user_id",)

    partner_id = fields.Many2one(
        "res.partner",
        "Customer",
        required=True,
        index=True,
        ondelete="cascade",
        domain="[('parent_id', '=', False)]",
        help="The company or person the contact is recorded for.",
    )
    contact_id = fields.Many2one(
        "res.partner",
        "Contact Person",
        ondelete="set null",
        domain="[('id', 'child_of', partner_id)]",
    )
    user_id = fields.Many2one(
        "res.users",
        "Logged By",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
        index=True,
    )
    rep_id = fields.Many2one(
        "res.users",
        "Sales Rep",
        related="partner_id.user_id",
        store=True,
        help="The customer's owner, who sees its contacts.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    channel = fields.Selection(CONTACT_CHANNELS, required=True, default="phone")
    direction = fields.Selection(
        [("inbound", "Inbound"), ("outbound", "Outbound")], required=True, default="inbound"
    )
    summary = fields.Char(required=True)
    note = fields.Text()
    outcome = fields.Selection(OUTCOMES, required=True, default="reached")

    @api.constrains("partner_id", "contact_id")
    def _check_contact(self):
        for log in self:
            if log.partner_id.parent_id:
                raise ValidationError(
                    self.env._(
                        "Customer: log the contact on %(company)s, not on its contact %(person)s.",
                        company=log.partner_id.commercial_partner_id.display_name,
                        person=log.partner_id.display_name,
                    )
                )
            if log.contact_id and log.contact_id.commercial_partner_id != log.partner_id:
                raise ValidationError(
                    self.env._(
                        "Contact Person: %(person)s does not belong to %(customer)s.",
                        person=log.contact_id.display_name,
                        customer=log.partner_id.display_name,
                    )
                )

    @api.depends("partner_id", "summary")
    def _compute_display_name(self):
        for log in self:
            log.display_name = f"{log.partner_id.display_name}: {log.summary or ''}"
