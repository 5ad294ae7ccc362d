# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The service region of a customer: by its address, or set by hand by head office."""

from odoo import api, fields, models
from odoo.exceptions import UserError

from .print_access import SERVICE_MANAGER
from .print_service_region import REGION_ONLY

INTERNAL = "base.group_user"


def _record_id(value):
    """The id a many2one value of ``create``/``write`` stands for (id, record or False)."""
    if isinstance(value, models.BaseModel):
        return value.id
    return value or False


class ResPartner(models.Model):
    _inherit = "res.partner"

    print_region_id = fields.Many2one(
        "print.service.region",
        "Service Region",
        compute="_compute_print_region_id",
        store=True,
        readonly=False,
        recursive=True,
        index="btree_not_null",
        groups=INTERNAL,
        help="The branch of the service network that looks after this customer: its orders,"
        " estimates, jobs, proofs and tickets follow it. Set by the regions' address rules,"
        " or by hand by a head-office Customer Service manager. Contacts take their"
        " company's.",
    )
    print_region_manual = fields.Boolean(
        "Region Set by Hand",
        groups=INTERNAL,
        copy=False,
        help="The region was chosen by a manager: address changes and the address rules leave"
        " it as it is. Untick it to let the address rules place the customer again.",
    )

    @api.depends(
        "is_company",
        "parent_id.print_region_id",
        "country_id",
        "state_id",
        "zip",
        "company_id",
        "print_region_manual",
        "partner_share",
        "ref_company_ids",
    )
    def _compute_print_region_id(self):
        match = self.env["print.service.region"]._print_rule_matcher()
        for partner in self:
            if partner.parent_id and not partner.is_company:
                partner.print_region_id = partner.parent_id.print_region_id
            elif partner.print_region_manual:
                # Set by hand: the address does not move it (the stored value stays).
                continue
            elif not partner.partner_share or partner.ref_company_ids:
                # Internal users and the companies themselves belong to no region.
                partner.print_region_id = False
            else:
                partner.print_region_id = match(
                    partner.company_id.id, partner.country_id.id, partner.state_id.id, partner.zip
                )

    @api.model_create_multi
    def create(self, vals_list):
        wanted = []
        for vals in vals_list:
            if "print_region_id" in vals or "print_region_manual" in vals:
                region_id = vals.pop("print_region_id", None)
                manual = vals.pop("print_region_manual", None)
                wanted.append((None if region_id is None else _record_id(region_id), manual))
            else:
                wanted.append(None)
        partners = super().create(vals_list)
        for partner, want in zip(partners, wanted, strict=True):
            if want is not None:
                partner._print_set_region(*want)
        return partners

    def write(self, vals):
        if not {"print_region_id", "print_region_manual"} & vals.keys():
            return super().write(vals)
        vals = dict(vals)
        region_id = _record_id(vals.pop("print_region_id")) if "print_region_id" in vals else None
        manual = vals.pop("print_region_manual", None)
        # The address is written first: what it places the customer in is no decision.
        result = super().write(vals) if vals else True
        for partner in self:
            partner._print_set_region(region_id, manual)
        return result

    def _print_set_region(self, region_id, manual):
        """Apply a region (``None``: unchanged) and a set-by-hand flag (``None``: unchanged)
        asked in ``create``/``write``. A value the address or the company already gives
        (what a form sends back after its onchange) passes; anything else is a manager's
        decision, recorded as set by hand."""
        self.ensure_one()
        changes_region = region_id is not None and region_id != self.print_region_id.id
        changes_flag = manual is not None and bool(manual) != self.print_region_manual
        if not changes_region and not changes_flag:
            return
        self._print_check_may_set_region()
        vals = {}
        if changes_region:
            if self.parent_id and not self.is_company:
                raise UserError(
                    self.env._(
                        "%(field)s: %(contact)s is a contact of %(company)s and belongs to its"
                        " region; set the region on %(company)s.",
                        field=self._fields["print_region_id"]._description_string(self.env),
                        contact=self.display_name,
                        company=self.parent_id.display_name,
                    )
                )
            vals = {"print_region_id": region_id, "print_region_manual": manual is not False}
        else:
            vals = {"print_region_manual": bool(manual)}
        super().write(vals)

    def _print_check_may_set_region(self):
        """Only a head-office Customer Service manager (or server code) places a customer
        in a region by hand: a user of one region cannot pull customers into it."""
        if self.env.su:
            return
        user = self.env.user
        if user.has_group(SERVICE_MANAGER) and not user.has_group(REGION_ONLY):
            return
        raise UserError(
            self.env._(
                "%(field)s: only a head-office Customer Service manager may place a customer"
                " in a region by hand (%(customer)s); the regions' address rules place the"
                " others.",
                field=self._fields["print_region_id"]._description_string(self.env),
                customer=self.display_name,
            )
        )

    @api.model
    def _print_region_only_refused(self, action):
        if not self.env.su and self.env.user.has_group(REGION_ONLY):
            raise UserError(
                self.env._(
                    "%(action)s: users who see only their own region cannot do this; ask head"
                    " office.",
                    action=action,
                )
            )

    @api.model
    def _print_apply_region_rules(self):
        """Place every customer not set by hand by the address rules, set-based: one
        query per region for the changes. Returns how many customers changed region."""
        partners = self.search(
            [
                ("print_region_manual", "=", False),
                ("partner_share", "=", True),
                ("ref_company_ids", "=", False),
                "|",
                ("is_company", "=", True),
                ("parent_id", "=", False),
            ]
        )
        match = self.env["print.service.region"]._print_rule_matcher()
        moves = {}
        for partner in partners:
            region = match(
                partner.company_id.id, partner.country_id.id, partner.state_id.id, partner.zip
            )
            if region != partner.print_region_id:
                moves.setdefault(region, []).append(partner.id)
        for region, ids in moves.items():
            # Contacts and documents follow through the stored computes and relateds.
            super(ResPartner, self.browse(ids)).write(
                {"print_region_id": region.id, "print_region_manual": False}
            )
        return sum(len(ids) for ids in moves.values())
