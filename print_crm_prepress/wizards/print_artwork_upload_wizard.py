# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import base64

from odoo import api, fields, models

from odoo.addons.print_crm_tracking.models.print_access import JOB_USER, require_group


class PrintArtworkUploadWizard(models.TransientModel):
    """Staff upload a new artwork version for a job (from the back office)."""

    _name = "print.artwork.upload.wizard"
    _description = "Upload Artwork"

    job_id = fields.Many2one("print.job", required=True, ondelete="cascade")
    file = fields.Binary(required=True)
    filename = fields.Char(required=True)
    note = fields.Text()

    @api.constrains("file", "filename")
    def _check_file(self):
        """The company's upload policy, as for the portal: a bad file is refused when the
        wizard is saved, before it is stored anywhere."""
        for wizard in self.with_context(bin_size=False):
            wizard.job_id.company_id.sudo()._print_check_upload(
                wizard.filename, base64.b64decode(wizard.file or b""), self.env._("Artwork file")
            )

    def action_upload(self):
        require_group(self, self.env._("Upload Artwork"), JOB_USER)
        self.ensure_one()
        artwork = self.env["print.artwork"]._upload(
            self.job_id,
            self.filename,
            base64.b64decode(self.file or b""),
            source="backoffice",
            note=self.note,
        )
        return artwork.job_id.get_formview_action()
