# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import os

from odoo import fields, models
from odoo.exceptions import UserError

DEFAULT_EXTENSIONS = "pdf, tif, tiff, jpg, jpeg, png, ai, eps"


class ResCompany(models.Model):
    _inherit = "res.company"

    print_artwork_extensions = fields.Char(
        "Artwork File Types",
        default=DEFAULT_EXTENSIONS,
        help="File name extensions accepted for artwork and proofs, separated by commas.",
    )
    print_artwork_max_mb = fields.Integer(
        "Largest Artwork File (MB)", default=200, help="Uploads larger than this are refused."
    )
    print_prepress_user_id = fields.Many2one(
        "res.users",
        "Prepress Contact",
        help="Told of new artwork and of requested changes; empty: the job's responsible.",
    )
    print_proof_answer_days = fields.Integer(
        "Days to Answer a Proof", default=2, help="When a proof sent today is due back."
    )

    def _print_check_upload(self, filename, size, what=None):
        """Refuse a file the shop does not take, with a message naming what is wrong.

        ``size`` is in bytes; ``what`` names the file for the message ("Artwork", ...).
        """
        self.ensure_one()
        what = what or self.env._("File")
        name = filename or ""
        if not name or "/" in name or "\\" in name or name.startswith(".") or "\x00" in name:
            raise UserError(
                self.env._(
                    "%(what)s: the file name must be a plain name, without a path.", what=what
                )
            )
        if not size:
            raise UserError(
                self.env._("%(what)s: the file %(name)s is empty.", what=what, name=name)
            )
        limit = self.print_artwork_max_mb or 0
        if limit and size > limit * 1024 * 1024:
            raise UserError(
                self.env._(
                    "%(what)s: %(name)s is larger than %(limit)s MB.",
                    what=what,
                    name=name,
                    limit=limit,
                )
            )
        allowed = self._print_allowed_extensions()
        extension = os.path.splitext(name)[1].lower().lstrip(".")
        if extension not in allowed:
            raise UserError(
                self.env._(
                    "%(what)s: %(name)s is not a file type we accept (%(types)s).",
                    what=what,
                    name=name,
                    types=", ".join(sorted(allowed)).upper(),
                )
            )

    def _print_allowed_extensions(self):
        self.ensure_one()
        text = self.print_artwork_extensions or DEFAULT_EXTENSIONS
        return {part.strip().lower().lstrip(".") for part in text.split(",") if part.strip()}
