# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError


class IrAttachment(models.Model):
    _inherit = "ir.attachment"

    def _print_kept_files(self):
        """The attachments of these that prepress keeps: artwork versions, files of proofs
        sent to the customer, marked-up files of answers."""
        if not self.ids:
            return self.browse()
        kept = set(
            self.env["print.artwork"]
            .sudo()
            .search([("attachment_id", "in", self.ids)])
            .attachment_id.ids
        )
        kept.update(
            self.env["print.proof.file"]
            .sudo()
            .search([("attachment_id", "in", self.ids), ("proof_id.state", "!=", "draft")])
            .attachment_id.ids
        )
        kept.update(
            self.env["print.proof.answer"]
            .sudo()
            .search([("markup_attachment_id", "in", self.ids)])
            .markup_attachment_id.ids
        )
        return self.browse(kept)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_print_kept(self):
        kept = self._print_kept_files()
        if kept:
            raise UserError(
                self.env._(
                    "%(file)s is kept as artwork or as a proof the customer saw: it cannot be"
                    " deleted.",
                    file=kept[0].name,
                )
            )

    def write(self, vals):
        if {"raw", "datas", "db_datas", "store_fname"} & set(vals):
            kept = self._print_kept_files()
            if kept:
                raise UserError(
                    self.env._(
                        "%(file)s is kept as artwork or as a proof the customer saw: it cannot"
                        " be changed.",
                        file=kept[0].name,
                    )
                )
        return super().write(vals)
