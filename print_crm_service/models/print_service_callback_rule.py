# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# What a rule plans a callback or a visit after. Anniversaries count from the customer's
# first confirmed order in the rule's company.
CALLBACK_EVENTS = [
    ("job_delivered", "Job Delivered"),
    ("ticket_resolved", "Ticket Resolved"),
    ("first_order", "First Order"),
    ("yearly", "Every Year after the First-Order Visit"),
]
# Who gets the activity; the rule's user when the first choice finds nobody.
CALLBACK_RESPONSIBLES = [
    ("salesperson", "The Customer's Salesperson"),
    ("document", "The Job's Responsible / the Ticket's Assignee or Team Leader"),
    ("fixed", "A Fixed User"),
]


class PrintServiceCallbackRule(models.Model):
    """When to call a customer back or visit it: after a delivery, after a resolved ticket,
    on the anniversary of its first order. The daily cron turns each event into one
    callback with its activity (see print.service.callback)."""

    _name = "print.service.callback.rule"
    _description = "Callback Rule"
    _order = "sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    event = fields.Selection(CALLBACK_EVENTS, required=True, default="job_delivered")
    delay = fields.Integer(
        "Delay (days)",
        required=True,
        default=2,
        help="Days after the event the callback is due. For First Order: days after the"
        " customer's first confirmed order (365: one year after). For Every Year: the visit"
        " of First Order (with this delay), then once a year.",
    )
    plan_days = fields.Integer(
        "Plan Ahead (days)",
        default=30,
        help="A callback is created once its event happened and its due date is at most"
        " this many days away: the activity shows in the responsible's plan that early.",
    )
    date_start = fields.Date(
        "Applies From",
        required=True,
        default=fields.Date.context_today,
        help="Callbacks due before this date are not created (a new rule does not call back"
        " every customer of the past).",
    )
    activity_type_id = fields.Many2one(
        "mail.activity.type",
        "Activity",
        required=True,
        default=lambda self: self.env.ref("mail.mail_activity_data_call", raise_if_not_found=False),
        domain="[('res_model', '=', False)]",
    )
    survey_id = fields.Many2one(
        "survey.survey",
        "Questionnaire",
        help="The questionnaire set by head office, asked during the call or visit; the"
        " answers are kept against the customer, the job and the ticket.",
    )
    responsible = fields.Selection(
        CALLBACK_RESPONSIBLES, "Responsible", required=True, default="salesperson"
    )
    user_id = fields.Many2one(
        "res.users",
        "Fixed / Fallback User",
        domain="[('share', '=', False)]",
        check_company=True,
        help="Who gets the callbacks of a fixed rule, and those whose customer has no"
        " salesperson or whose document has nobody responsible.",
    )
    note = fields.Html("Instructions", translate=True)

    @api.constrains("delay", "plan_days")
    def _check_delay(self):
        for rule in self:
            if rule.delay <= 0:
                raise ValidationError(
                    self.env._(
                        "%(rule)s: %(field)s must be at least 1 day (it is %(value)s).",
                        rule=rule.display_name,
                        field=self._fields["delay"]._description_string(self.env),
                        value=rule.delay,
                    )
                )
            if rule.plan_days < 0:
                raise ValidationError(
                    self.env._(
                        "%(rule)s: %(field)s must not be negative (it is %(value)s).",
                        rule=rule.display_name,
                        field=self._fields["plan_days"]._description_string(self.env),
                        value=rule.plan_days,
                    )
                )

    @api.constrains("responsible", "user_id")
    def _check_user(self):
        for rule in self:
            if rule.responsible == "fixed" and not rule.user_id:
                raise ValidationError(
                    self.env._(
                        "%(rule)s: %(field)s is required when the callbacks go to a fixed" " user.",
                        rule=rule.display_name,
                        field=self._fields["user_id"]._description_string(self.env),
                    )
                )
