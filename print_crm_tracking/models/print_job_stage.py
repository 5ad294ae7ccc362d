# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

# The roles a stage can have in a job's flow; a shop may give a role to several stages
# (every production step is "production") or to none.
STAGE_ROLES = [
    ("prepress", "Prepress"),
    ("proof", "Proof Approval"),
    ("production", "Production"),
    ("ready", "Ready"),
    ("delivered", "Delivered"),
]


class PrintJobStage(models.Model):
    """A step of production, with the words the customer reads for it."""

    _name = "print.job.stage"
    _description = "Production Stage"
    _order = "sequence, id"

    name = fields.Char("Internal Name", required=True, translate=True)
    customer_label = fields.Char(
        required=True,
        translate=True,
        help="What the customer reads on the portal and in e-mails for this stage.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    visible_to_customer = fields.Boolean(
        default=True,
        help="The customer sees this stage on the portal and is told when the job enters it.",
    )
    fold = fields.Boolean("Folded in Kanban")
    expected_hours = fields.Float(
        "Expected Duration (hours)",
        help="How long a job usually stays in this stage; used for the expected completion"
        " date and to flag jobs that stay too long.",
    )
    is_production = fields.Boolean(
        "Production Stage",
        help="A job enters this stage only when its prerequisites hold (e.g. an approved"
        " proof).",
    )
    role = fields.Selection(
        STAGE_ROLES,
        help="What the stage is in the job's flow. Other modules find a job's stages by"
        " their role (prepress sends a job back to the prepress stage, a sent proof moves"
        " it to the proof stage), never by their name.",
    )
    is_done = fields.Boolean("Done Stage", help="Jobs in this stage are finished.")
    is_cancel = fields.Boolean("Cancelled Stage")
    description = fields.Text(translate=True)

    _sql_constraints = [
        (
            "done_or_cancel",
            "CHECK(NOT (is_done AND is_cancel))",
            "A stage cannot be both the done and the cancelled stage.",
        ),
    ]

    @api.constrains("expected_hours")
    def _check_expected_hours(self):
        for stage in self:
            if stage.expected_hours < 0:
                raise ValidationError(
                    self.env._(
                        "%(stage)s: Expected Duration must not be negative.",
                        stage=stage.display_name,
                    )
                )
