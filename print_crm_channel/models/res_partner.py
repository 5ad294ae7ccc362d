# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Distributors and agents: a role, a level, a parent distributor, a territory and the
channel manager in charge. Only Distribution managers set them: they decide trade prices,
credit and who sees whose documents in the portal."""

from odoo import api, fields, models
from odoo.exceptions import AccessError, ValidationError

INTERNAL = "base.group_user"
CHANNEL_MANAGER = "print_crm_channel.group_channel_manager"

# The fields that place a partner in the channel (Distribution managers only).
CHANNEL_FIELDS = (
    "print_channel_role",
    "print_channel_level_id",
    "print_channel_parent_id",
    "print_channel_manager_id",
    "print_channel_state_ids",
    "print_channel_territory",
    # Blind shipping by default: what the distributor's end customers see of the shop.
    "print_white_label",
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    print_channel_role = fields.Selection(
        [("distributor", "Distributor"), ("agent", "Agent")],
        "Channel Role",
        groups=INTERNAL,
        tracking=True,
        index="btree_not_null",
        help="Distributor: buys at trade prices and resells to its own end customers."
        " Agent: brings customers who buy from the shop directly, and earns a commission;"
        " holds no stock and no customers of its own. Empty for ordinary customers.",
    )
    print_channel_level_id = fields.Many2one(
        "print.channel.level",
        "Channel Level",
        groups=INTERNAL,
        tracking=True,
        index="btree_not_null",
        check_company=True,
        help="The tier of the channel: it sets trade prices and commission.",
    )
    print_channel_parent_id = fields.Many2one(
        "res.partner",
        "Parent Distributor",
        groups=INTERNAL,
        tracking=True,
        index="btree_not_null",
        domain="[('print_channel_role', '=', 'distributor'), ('id', '!=', id)]",
        help="The distributor above this one. It sees this distributor's end customers and"
        " their documents in its portal; a sibling never does.",
    )
    print_channel_child_ids = fields.One2many(
        "res.partner",
        "print_channel_parent_id",
        "Sub-distributors",
        groups=INTERNAL,
    )
    print_channel_manager_id = fields.Many2one(
        "res.users",
        "Channel Manager",
        groups=INTERNAL,
        tracking=True,
        domain=[("share", "=", False)],
        help="The sales rep or channel manager in charge of this distributor.",
    )
    print_channel_state_ids = fields.Many2many(
        "res.country.state",
        "print_channel_partner_state_rel",
        "partner_id",
        "state_id",
        "Territory",
        groups=INTERNAL,
        help="The provinces or states this distributor covers.",
    )
    print_channel_territory = fields.Char(
        "Territory Note",
        groups=INTERNAL,
        help="Cities, districts or trades this distributor covers, in words.",
    )
    print_channel_path = fields.Char(
        "Channel Path",
        compute="_compute_print_channel_path",
        store=True,
        recursive=True,
        index="btree_not_null",
        groups=INTERNAL,
        help="The ids of the distributors from the top of the channel down to this one,"
        " as /1/5/9/: a distributor's sub-distributors are those whose path starts with"
        " its own.",
    )
    print_channel_child_count = fields.Integer(
        "Sub-distributor Count", compute="_compute_print_channel_child_count", groups=INTERNAL
    )

    print_channel_can_edit = fields.Boolean(
        compute="_compute_print_channel_can_edit", groups=INTERNAL
    )

    @api.depends_context("uid")
    def _compute_print_channel_can_edit(self):
        self.print_channel_can_edit = self.env.user.has_group(CHANNEL_MANAGER)

    @api.depends("print_channel_role", "print_channel_parent_id.print_channel_path")
    def _compute_print_channel_path(self):
        for partner in self:
            if not partner.print_channel_role or not isinstance(partner.id, int):
                partner.print_channel_path = False
                continue
            parent_path = partner.print_channel_parent_id.print_channel_path or "/"
            partner.print_channel_path = f"{parent_path}{partner.id}/"

    def _compute_print_channel_child_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("print_channel_parent_id", "in", self.ids)],
                ["print_channel_parent_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.print_channel_child_count = counts.get(partner, 0)

    @api.constrains("print_channel_parent_id", "print_channel_role", "parent_id")
    def _check_print_channel(self):
        for partner in self:
            parent = partner.print_channel_parent_id
            label = partner._fields["print_channel_parent_id"]._description_string(self.env)
            if parent and not partner.print_channel_role:
                raise ValidationError(
                    self.env._(
                        "%(field)s: %(partner)s has no channel role; only a distributor or"
                        " an agent sits under a distributor.",
                        field=label,
                        partner=partner.display_name,
                    )
                )
            if parent and parent.print_channel_role != "distributor":
                raise ValidationError(
                    self.env._(
                        "%(field)s: %(parent)s is not a distributor.",
                        field=label,
                        parent=parent.display_name,
                    )
                )
            if partner.print_channel_role and partner.parent_id and not partner.is_company:
                raise ValidationError(
                    self.env._(
                        "%(field)s: %(partner)s is a contact of %(company)s; make the company"
                        " the distributor or agent.",
                        field=partner._fields["print_channel_role"]._description_string(self.env),
                        partner=partner.display_name,
                        company=partner.parent_id.display_name,
                    )
                )
        if self._has_cycle("print_channel_parent_id"):
            raise ValidationError(
                self.env._(
                    "%(field)s: a distributor cannot sit under itself or under one of its"
                    " own sub-distributors.",
                    field=self._fields["print_channel_parent_id"]._description_string(self.env),
                )
            )

    # -- who may place a partner in the channel ------------------------------------------
    def _print_check_channel_write(self, vals):
        """Refuse a change of the channel fields by anyone but a Distribution manager.

        A value equal to the stored one (what a form sends back) is no change."""
        touched = [fname for fname in CHANNEL_FIELDS if fname in vals]
        if not touched or self.env.su or self.env.user.has_group(CHANNEL_MANAGER):
            return
        for partner in self:
            for fname in touched:
                field = self._fields[fname]
                new = field.convert_to_record(field.convert_to_cache(vals[fname], partner), partner)
                if new == partner[fname]:
                    continue
                self._print_channel_write_error(fname)

    def _print_channel_write_error(self, fname):
        raise AccessError(
            self.env._(
                "%(field)s: only a Distribution manager places a partner in the channel"
                " (role, level, parent distributor, manager, territory, white label).",
                field=self._fields[fname]._description_string(self.env),
            )
        )

    @api.model_create_multi
    def create(self, vals_list):
        partners = super().create(vals_list)
        # Checked on the new records, so that defaults (from the context too) count.
        if not (self.env.su or self.env.user.has_group(CHANNEL_MANAGER)):
            for partner in partners:
                placed = [fname for fname in CHANNEL_FIELDS if partner[fname]]
                if placed:
                    partner._print_channel_write_error(placed[0])
        return partners

    def write(self, vals):
        self._print_check_channel_write(vals)
        return super().write(vals)

    def _print_channel_subtree(self):
        """This distributor and every distributor and agent below it, at any depth."""
        self.ensure_one()
        # sudo(): the channel's structure (paths are ids only); callers read the documents
        # of these partners with their own rights.
        path = self.sudo().commercial_partner_id.print_channel_path
        if not path:
            return self.browse()
        return self.sudo().search([("print_channel_path", "=like", f"{path}%")]).with_env(self.env)

    def action_print_view_sub_distributors(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "print_crm_channel.res_partner_distributor_action"
        )
        action["domain"] = [("print_channel_parent_id", "=", self.id)]
        action["context"] = {
            "default_print_channel_parent_id": self.id,
            "default_print_channel_role": "distributor",
            "default_is_company": True,
        }
        return action
