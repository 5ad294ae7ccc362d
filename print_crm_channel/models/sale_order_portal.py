# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""An end customer may let the distributors above its own approve its proofs."""

from odoo import api, fields, models

from odoo.addons.print_crm_quote.models.print_access import require_group

CHANNEL_USER = "print_crm_channel.group_channel_user"


class SaleOrder(models.Model):
    _inherit = "sale.order"

    print_proof_delegated = fields.Boolean(
        "Proof Approval Delegated",
        readonly=True,
        copy=False,
        tracking=True,
        help="The end customer lets the distributors above the one ordering approve the"
        " proofs of this order on its behalf, from their portal.",
    )

    @api.model
    def _setup_complete(self):
        # The delegation is the end customer's decision, recorded by the actions below: add
        # the field to those the decision mixin protects, whatever other extensions of
        # sale.order declare (as the credit override does).
        res = super()._setup_complete()
        cls = type(self)
        if "print_proof_delegated" not in cls._print_decision_fields:
            cls._print_decision_fields = (*cls._print_decision_fields, "print_proof_delegated")
        return res

    def action_print_delegate_proofs(self):
        """Record that the end customer delegated its proof approval (Distribution users)."""
        require_group(self, self.env._("Delegate Proof Approval"), CHANNEL_USER)
        return self._print_set_proof_delegated(True)

    def action_print_withdraw_proof_delegation(self):
        """Record that the end customer approves its proofs itself again."""
        require_group(self, self.env._("Withdraw the Proof Delegation"), CHANNEL_USER)
        return self._print_set_proof_delegated(False)

    def _print_set_proof_delegated(self, delegated):
        self.check_access("write")
        self._print_decide("print_proof_delegated").write({"print_proof_delegated": delegated})
        return True
