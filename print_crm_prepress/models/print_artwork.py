# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import hashlib

from odoo import api, fields, models
from odoo.exceptions import UserError


def sha256(data):
    return hashlib.sha256(data).hexdigest()


class PrintArtwork(models.Model):
    """One version of a job's artwork, as the customer or the shop uploaded it."""

    _name = "print.artwork"
    _description = "Print Artwork"
    _order = "job_id, version desc, id desc"

    job_id = fields.Many2one("print.job", "Job", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="job_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="job_id.partner_id", store=True, string="Customer")
    version = fields.Integer(required=True, readonly=True, default=1)
    is_current = fields.Boolean("Current Version", readonly=True, default=True)
    name = fields.Char("File Name", required=True, readonly=True)
    attachment_id = fields.Many2one(
        "ir.attachment", "File", required=True, readonly=True, ondelete="restrict"
    )
    file = fields.Binary(related="attachment_id.datas", string="Download")
    checksum = fields.Char("SHA-256", required=True, readonly=True, index=True)
    file_size = fields.Integer("Size (bytes)", readonly=True)
    mimetype = fields.Char(readonly=True)
    source = fields.Selection(
        [("portal", "Customer Portal"), ("backoffice", "Back Office")],
        required=True,
        default="backoffice",
        readonly=True,
    )
    uploaded_by_id = fields.Many2one(
        "res.users", "Uploaded By", readonly=True, default=lambda self: self.env.user
    )
    note = fields.Text(readonly=True)

    _sql_constraints = [
        ("job_version_uniq", "unique(job_id, version)", "A version number is used once per job."),
    ]

    def write(self, vals):
        if set(vals) - {"is_current"}:
            raise UserError(
                self.env._("An artwork version cannot be changed: upload a new version instead.")
            )
        return super().write(vals)

    @api.model
    def _upload(self, job, filename, data, mimetype=None, source="backoffice", note=None):
        """Store ``data`` as the next artwork version of ``job``; the previous version stays.

        ``data``: the file's bytes or a seekable file (a portal upload's spooled stream). It is
        checked first with the company's upload policy (name, type, size, leading bytes), which
        also decides its mimetype (``mimetype`` is ignored); a new version withdraws the job's
        approval and tells prepress.
        """
        job.ensure_one()
        company = job.company_id.sudo()
        data = b"" if data is None else data
        mimetype = company._print_check_upload(filename, data, self.env._("Artwork file"))
        if job.is_done or job.is_cancel:
            raise UserError(
                self.env._("%(job)s is finished: it takes no new artwork.", job=job.display_name)
            )
        if job._print_in_production():
            # Its approved proof is what the press prints from: new artwork would withdraw
            # that approval under the running job. Refused; the shop moves the job back.
            raise UserError(
                self.env._(
                    "Artwork: %(job)s is already in production (%(stage)s), so it takes no"
                    " new artwork. Please contact us if the files must change.",
                    job=job.display_name,
                    stage=job.sudo().customer_stage_id.customer_label or job.sudo().stage_id.name,
                )
            )
        self.env.cr.execute("SELECT id FROM print_job WHERE id = %s FOR UPDATE", [job.id])
        last = self.sudo().search([("job_id", "=", job.id)], order="version desc", limit=1)
        # Kept exactly as sent (and as its SHA-256 says), copied in chunks into the filestore.
        attachment, checksum, size = company._print_upload_attachment(
            filename,
            data,
            self.env._("Artwork file"),
            res_model="print.job",
            res_id=job.id,
            mimetype=mimetype,
        )
        artwork = self.sudo().create(
            {
                "job_id": job.id,
                "version": (last.version or 0) + 1,
                "name": filename,
                "attachment_id": attachment.id,
                "checksum": checksum,
                "file_size": size,
                "mimetype": attachment.mimetype,
                "source": source,
                "uploaded_by_id": self.env.uid,
                "note": note or False,
            }
        )
        if last:
            super(PrintArtwork, last).write({"is_current": False})
        job.sudo()._print_on_new_artwork(artwork)
        return artwork
