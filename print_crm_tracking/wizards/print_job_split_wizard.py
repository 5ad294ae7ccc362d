# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class PrintJobSplitWizard(models.TransientModel):
    """Split copies off a job, for a partial delivery."""

    _name = "print.job.split.wizard"
    _description = "Split a Production Job"

    job_id = fields.Many2one("print.job", required=True, ondelete="cascade")
    job_quantity = fields.Integer(related="job_id.quantity", string="Copies of the Job")
    quantity = fields.Integer("Copies to Split Off", required=True)

    def action_split(self):
        self.ensure_one()
        new = self.job_id._split(self.quantity)
        return new.get_formview_action()
