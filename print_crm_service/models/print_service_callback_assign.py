# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models
from odoo.exceptions import UserError

from .print_access import SERVICE_USER, require_group
from .print_service_callback import PrintServiceCallback as BaseCallback


class PrintServiceCallback(models.Model):
    """A planned callback or visit handed to another person (the dispatch queue): its
    responsible and its activity change together, and who did it, when, is kept."""

    _inherit = "print.service.callback"
    _print_decision_fields = BaseCallback._print_decision_fields + (
        "assigned_by_id",
        "assigned_date",
    )

    assigned_by_id = fields.Many2one("res.users", "Reassigned By", readonly=True)
    assigned_date = fields.Datetime("Reassigned On", readonly=True)

    def action_print_assign(self, user_id):
        """Give these planned callbacks and visits, with their activities, to ``user_id``
        (an internal user of their companies)."""
        action = self.env._("Assign")
        require_group(self, action, SERVICE_USER)
        self.check_access("write")
        self._print_check_planned(action)
        user = self._print_check_assignee(action, user_id)
        todo = self.filtered(lambda callback: callback.user_id != user)
        activities = todo.activity_id
        todo._print_decide("user_id", "assigned_by_id", "assigned_date").write(
            {
                "user_id": user.id,
                "assigned_by_id": self.env.user.id,
                "assigned_date": fields.Datetime.now(),
            }
        )
        if activities:
            # sudo: the checks above (group, record rules, state, assignee); the activities
            # are the previous responsible's, whom mail's rules would let alone change them.
            activities.sudo().write({"user_id": user.id})
        return True

    def _print_check_assignee(self, action, user_id):
        """The user ``user_id`` if it may take these callbacks: an active internal user
        of their companies. Refuses naming the field otherwise."""
        field = self._fields["user_id"]._description_string(self.env)
        user = self.env["res.users"]
        if isinstance(user_id, int) and not isinstance(user_id, bool):
            user = user.browse(user_id).exists()
        if not user or user.share or not user.active:
            raise UserError(
                self.env._(
                    "%(action)s: %(field)s must be an active internal user.",
                    action=action,
                    field=field,
                )
            )
        foreign = self.filtered(lambda callback: callback.company_id not in user.company_ids)
        if foreign:
            raise UserError(
                self.env._(
                    "%(action)s: %(user)s does not work for %(company)s, the company of"
                    " %(callback)s; choose another %(field)s.",
                    action=action,
                    user=user.display_name,
                    company=foreign[0].company_id.display_name,
                    callback=foreign[0].display_name,
                    field=field,
                )
            )
        return user
