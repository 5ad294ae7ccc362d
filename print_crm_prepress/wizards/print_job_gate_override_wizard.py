# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from odoo.addons.print_crm_tracking.models.print_access import JOB_MANAGER, require_group


class PrintJobGateOverrideWizard(models.TransientModel):
    """A production manager sends a job to press without an approved proof, and says why."""

    _name = "print.job.gate.override.wizard"
    _description = "Release a Job Without an Approved Proof"

    job_id = fields.Many2one("print.job", required=True, ondelete="cascade")
    reason = fields.Text(required=True)

    def action_release(self):
        require_group(self, self.env._("Release Without Approval"), JOB_MANAGER)
        self.ensure_one()
        self.job_id._print_release(self.reason)
        return {"type": "ir.actions.act_window_close"}
