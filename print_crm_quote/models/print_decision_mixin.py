# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Fields that record a decision are written by the action that makes it, and only there.

A decision (a state, an approval, a release, a price sent to a customer, a history line)
is made by an ``action_*`` method that checks the caller's group and stamps ``env.user``
and now itself. The action then writes through :meth:`_print_decide`, which puts a
:class:`PrintDecision` in the context. That value is a Python object: JSON-RPC and
XML-RPC carry none, so a client cannot forge it, and a plain ``write``/``create`` of the
same fields, over RPC or from the ORM, is refused with a message naming the field.
Append-only models (history, audit trails) refuse ``unlink`` the same way.

The pattern follows ``account.move.write`` in Odoo 18, which refuses changes to the fields
its inalterability hash covers.
"""

from odoo import api, models
from odoo.exceptions import UserError

CONTEXT_KEY = "print_crm_decision"


class PrintDecision:
    """Leave to write ``fields`` of ``model`` (all protected fields when empty).

    Only server code can make one: it does not survive a trip through JSON or XML.
    """

    __slots__ = ("fields", "model")

    def __init__(self, model, fields=()):
        self.model = model
        self.fields = frozenset(fields)

    def allows(self, model, fnames):
        return self.model == model and (not self.fields or set(fnames) <= self.fields)

    def __repr__(self):  # shows in logs of a context, never a secret
        return f"PrintDecision({self.model!r}, {sorted(self.fields)!r})"


def decide(records, *fnames):
    """``records`` allowed to write the protected ``fnames`` (all when none): the leave an
    action gives itself after checking the caller's group. Models that inherit the mixin
    call ``_print_decide``; a core model with a decision field or two calls this."""
    return records.with_context(**{CONTEXT_KEY: PrintDecision(records._name, fnames)})


def decision_allowed(records, fnames):
    """Whether an action's leave in the context allows writing ``fnames`` of ``records``."""
    token = records.env.context.get(CONTEXT_KEY)
    return isinstance(token, PrintDecision) and token.allows(records._name, fnames)


def decision_error(records, fnames):
    """The refusal of a direct write of the decision fields ``fnames``, naming the first."""
    field = records._fields[sorted(fnames)[0]]
    return UserError(
        records.env._(
            "%(field)s of %(model)s records a decision: only its action sets it, after"
            " checking who you are. It cannot be written directly.",
            field=field._description_string(records.env),
            model=records._description,
        )
    )


def refuse_undecided(records, vals_list, protected):
    """Raise ``decision_error`` when ``vals_list`` (of a create or write of ``records``)
    sets any of the ``protected`` fields without an action's leave: the guard of a core
    model's decision fields, which cannot inherit the mixin's create and write."""
    touched = {fname for vals in vals_list for fname in vals if fname in protected}
    if touched and not decision_allowed(records, touched):
        raise decision_error(records, touched)


class PrintDecisionMixin(models.AbstractModel):
    _name = "print.decision.mixin"
    _description = "Decisions Written Only by Their Actions"

    # Fields only an action may write (never in a client's create or write).
    _print_decision_fields = ()
    # Records are audit facts: nobody creates or deletes them outside an action.
    _print_append_only = False

    def _print_decide(self, *fnames):
        """This recordset, allowed to write the protected ``fnames`` (all when none).

        Call it only after the action has checked the caller's group; the action sets
        the user and the date itself, from ``env.user`` and now.
        """
        return decide(self, *fnames)

    def _print_decision_allowed(self, fnames):
        # Data files and demo data load while the registry is being built (no request is
        # served then), as the superuser.
        return decision_allowed(self, fnames) or (self.env.su and not self.pool.ready)

    def _print_decision_error(self, fnames):
        return decision_error(self, fnames)

    def _print_check_decision_vals(self, vals_list):
        protected = set(self._print_decision_fields)
        touched = {fname for vals in vals_list for fname in vals if fname in protected}
        if touched and not self._print_decision_allowed(touched):
            raise self._print_decision_error(touched)

    @api.model_create_multi
    def create(self, vals_list):
        if self._print_append_only and not self._print_decision_allowed(()):
            raise UserError(
                self.env._(
                    "%(model)s is an audit trail: its lines are written by the actions they"
                    " record, never created directly.",
                    model=self._description,
                )
            )
        self._print_check_decision_vals(vals_list)
        # A client can also pass default_<field> in its context.
        defaults = {
            key[8:]
            for key in self.env.context
            if key.startswith("default_") and key[8:] in self._print_decision_fields
        }
        if defaults and not self._print_decision_allowed(defaults):
            raise self._print_decision_error(defaults)
        records = super().create(vals_list)
        if self.env.context.get(CONTEXT_KEY):
            # The leave was for this create: what the caller does next with the records
            # is checked again.
            records = records.with_context(**{CONTEXT_KEY: False})
        return records

    def write(self, vals):
        if self._print_append_only and not self._print_decision_allowed(vals.keys()):
            raise UserError(
                self.env._(
                    "%(model)s is an audit trail: its lines cannot be changed.",
                    model=self._description,
                )
            )
        self._print_check_decision_vals([vals])
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_audit_trail(self):
        if self._print_append_only and not self._print_decision_allowed(()):
            raise UserError(
                self.env._(
                    "%(model)s is an audit trail: its lines cannot be deleted.",
                    model=self._description,
                )
            )
