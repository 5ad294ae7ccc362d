# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models


class ResCompany(models.Model):
    """The file types and sizes prepress takes are print_crm_quote's upload policy
    (``print_upload_policy.py``), shared with the quote request."""

    _inherit = "res.company"

    print_prepress_user_id = fields.Many2one(
        "res.users",
        "Prepress Contact",
        help="Told of new artwork and of requested changes; empty: the job's responsible.",
        groups="base.group_user",
    )
    print_proof_answer_days = fields.Integer(
        "Days to Answer a Proof",
        default=2,
        help="When a proof sent today is due back.",
        groups="base.group_user",
    )
