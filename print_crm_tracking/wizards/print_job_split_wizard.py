# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models

from ..models.print_access import JOB_USER, require_group


class PrintJobSplitWizard(models.TransientModel):
    """Split copies off a job, for a partial delivery."""

    _name = "print.job.split.wizard"
    _description = "Split a Production Job"

    job_id = fields.Many2one("print.job", required=True, ondelete="cascade")
    job_quantity = fields.Integer(related="job_id.quantity", string="Copies of the Job")
    quantity = fields.Integer("Copies to Split Off", required=True)

    def action_split(self):
        require_group(self, self.env._("Split"), JOB_USER)
        self.ensure_one()
        new = self.job_id._split(self.quantity)
        return new.get_formview_action()
