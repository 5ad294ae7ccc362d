# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The tiers of the channel: each distributor and agent sits at one level."""

from odoo import api, fields, models


class PrintChannelLevel(models.Model):
    _name = "print.channel.level"
    _description = "Channel Level"
    _inherit = ["mail.thread"]
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True, tracking=True)
    code = fields.Char(help="A short code shown on lists and reports, e.g. L1, GOLD.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    note = fields.Text(translate=True)
    distributor_count = fields.Integer("Distributors", compute="_compute_distributor_count")

    _sql_constraints = [
        (
            "code_company_unique",
            "unique(code, company_id)",
            "Each channel level code is used once per company.",
        ),
    ]

    def _compute_distributor_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("print_channel_level_id", "in", self.ids)],
                ["print_channel_level_id"],
                ["__count"],
            )
        )
        for level in self:
            level.distributor_count = counts.get(level, 0)

    @api.depends("name", "code")
    def _compute_display_name(self):
        for level in self:
            level.display_name = (
                f"[{level.code}] {level.name}" if level.code else (level.name or "")
            )

    def action_view_distributors(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "print_crm_channel.res_partner_distributor_action"
        )
        action["domain"] = [("print_channel_level_id", "=", self.id)]
        action["context"] = {"default_print_channel_level_id": self.id}
        return action
