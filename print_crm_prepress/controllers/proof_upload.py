# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.print_crm_quote.models.print_upload_policy import upload_max_content_length


class PrintProofUpload(http.Controller):
    """The back office's upload of proof files (the round's form and the job's): the one
    way files join a round. Every file goes through the company's upload policy."""

    @http.route(
        "/print_crm_prepress/proof/upload",
        type="http",
        auth="user",
        methods=["POST"],
        max_content_length=upload_max_content_length,
    )
    def print_proof_upload(self, proof_id=None, job_id=None, **kw):
        """Upload the ``ufile`` files to round ``proof_id``, or to the draft round of job
        ``job_id`` (a new one when it has none). Answers JSON: the round and its new files,
        or the error that refused them (then none is kept)."""
        env = request.env
        uploads = [
            upload for upload in request.httprequest.files.getlist("ufile") if upload.filename
        ]
        try:
            # As the logged-in user: the models check the group, the record rules and the
            # round's state; the savepoint keeps none of the files when one is refused.
            with env.cr.savepoint():
                if proof_id:
                    proof = env["print.proof"].browse(int(proof_id)).exists()
                    if not proof:
                        raise MissingError(env._("This proof round no longer exists."))
                else:
                    proof = env["print.job"].browse(int(job_id or 0))._print_proof_to_fill()
                files = proof._print_upload_files(
                    [(upload.filename, upload.stream) for upload in uploads]
                )
        except (UserError, AccessError, MissingError, ValueError) as error:
            status = 403 if isinstance(error, AccessError) else 400
            return request.make_json_response({"error": str(error.args[0])}, status=status)
        return request.make_json_response(
            {
                "proof_id": proof.id,
                "files": [
                    {"id": file.id, "name": file.name, "checksum": file.checksum} for file in files
                ],
            }
        )
