# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Service regions: head office, its regions and their branches.

A region groups the customers a branch of the service network looks after. Customers are
put in a region by its address rules (country, states, postcode ranges) or by hand by a
head-office manager; their orders, estimates, jobs, proofs and tickets follow them. Users
of the group *Service Regions / Own Region Only* see only the customers and documents of
their regions (and of the branches below them): see security/print_service_region_rules.xml.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .print_access import SERVICE_MANAGER, SERVICE_USER, require_group

REGION_ONLY = "print_crm_service.group_service_region_only"


def _zip_key(value):
    """A postcode as it is compared: digits as a number, anything else upper case without
    spaces ('SW1A 1AA' -> 'SW1A1AA'), so that 510000 <= 518000 <= 529999."""
    value = (value or "").replace(" ", "").upper()
    return (0, int(value), "") if value.isdigit() else (1, 0, value)


class PrintServiceRegion(models.Model):
    _name = "print.service.region"
    _description = "Service Region"
    _parent_store = True
    _order = "sequence, code, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="A short code for lists and exports, e.g. EAST.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        "Company",
        default=lambda self: self.env.company,
        help="Empty: the region is shared by every company.",
    )
    parent_id = fields.Many2one(
        "print.service.region",
        "Parent Region",
        index=True,
        ondelete="restrict",
        check_company=True,
        help="Head office above its regions, a region above its branches. The users of a"
        " region also see the customers of the branches below it.",
    )
    parent_path = fields.Char(index=True)
    child_ids = fields.One2many("print.service.region", "parent_id", "Branches")
    manager_id = fields.Many2one(
        "res.users", "Region Manager", domain=[("share", "=", False)], check_company=True
    )
    user_ids = fields.Many2many(
        "res.users",
        "print_service_region_res_users_rel",
        "region_id",
        "user_id",
        "Members",
        domain=[("share", "=", False)],
        help="Users of the group Own Region Only see the customers, orders, estimates, jobs,"
        " proofs and tickets of the regions they are members of.",
    )
    rule_ids = fields.One2many(
        "print.service.region.rule",
        "region_id",
        "Address Rules",
        copy=True,
        groups="print_crm_service.group_service_user",
        help="A customer whose address matches a rule belongs to the region (the first"
        " matching rule by sequence wins, over all regions), unless a manager set its"
        " region by hand.",
    )
    partner_count = fields.Integer("Customers", compute="_compute_partner_count")
    is_user_region = fields.Boolean(
        "My Region",
        compute="_compute_is_user_region",
        search="_search_is_user_region",
        help="The current user is a member of this region or of a region above it.",
    )

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(code, company_id)",
            "A region's code is unique within its company.",
        ),
    ]

    def _compute_partner_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [
                    ("print_region_id", "in", self.ids),
                    "|",
                    ("is_company", "=", True),
                    ("parent_id", "=", False),
                ],
                groupby=["print_region_id"],
                aggregates=["__count"],
            )
        )
        for region in self:
            region.partner_count = counts.get(region, 0)

    @api.depends_context("uid")
    def _compute_is_user_region(self):
        mine = self.search(self._search_is_user_region("=", True))
        for region in self:
            region.is_user_region = region in mine

    def _search_is_user_region(self, operator, value):
        """The regions of the current user and the branches below them (the record rules of
        the group Own Region Only read this, as the user, in sudo mode)."""
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(self.env._("My Region: search with = True or = False."))
        # sudo(): only which regions the current user belongs to is read.
        own = self.sudo().with_context(active_test=False).search([("user_ids", "in", self.env.uid)])
        domain = [("id", "child_of", own.ids)] if own else [(0, "=", 1)]
        return domain if (operator == "=") == value else ["!", *domain]

    @api.depends("name", "code")
    def _compute_display_name(self):
        for region in self:
            region.display_name = f"[{region.code}] {region.name}" if region.code else region.name

    @api.constrains("parent_id")
    def _check_parent_id(self):
        if self._has_cycle():
            raise ValidationError(
                self.env._(
                    "%(field)s: a region cannot be its own parent, nor a branch of its branches.",
                    field=self._fields["parent_id"]._description_string(self.env),
                )
            )

    def action_apply_address_rules(self):
        """(Re)assign by the address rules every customer not set by hand; its orders,
        estimates, jobs, proofs and tickets follow (their region is stored from it)."""
        require_group(self, self.env._("Apply Address Rules"), SERVICE_MANAGER)
        self.env["res.partner"]._print_region_only_refused(self.env._("Apply Address Rules"))
        # sudo() after the manager check above: every customer of the companies, also
        # those the manager's own rules would hide, is matched once, set-based.
        count = self.env["res.partner"].sudo()._print_apply_region_rules()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s customers changed region by the address rules.", count=count
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def action_view_partners(self):
        """The customers of this region (and its branches)."""
        require_group(self, self.env._("Customers"), SERVICE_USER)
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("base.action_partner_form")
        action["domain"] = [("print_region_id", "child_of", self.id)]
        action["context"] = {"search_default_group_by_print_region": 1}
        return action

    # ------------------------------------------------------------------ matching

    @api.model
    def _print_rule_matcher(self):
        """A function partner-address -> region (or an empty recordset), from the active
        rules of active regions, first match by sequence. Loaded once per call."""
        # sudo(): only the rules' criteria are read, to place a customer the caller is
        # creating or editing (the ORM checked that access).
        rules = (
            self.env["print.service.region.rule"]
            .sudo()
            .search([("region_id.active", "=", True)], order="sequence, id")
        )
        compiled = [
            (
                rule.region_id,
                rule.company_id.id,
                rule.country_id.id,
                set(rule.state_ids.ids),
                _zip_key(rule.zip_from) if rule.zip_from else None,
                _zip_key(rule.zip_to or rule.zip_from) if rule.zip_from else None,
            )
            for rule in rules
        ]
        empty = self.browse()

        def match(company_id, country_id, state_id, zip_code):
            key = _zip_key(zip_code) if zip_code else None
            for region, r_company, r_country, r_states, z_from, z_to in compiled:
                if r_company and company_id and r_company != company_id:
                    continue
                if r_country and r_country != country_id:
                    continue
                if r_states and state_id not in r_states:
                    continue
                if z_from is not None and (key is None or not z_from <= key <= z_to):
                    continue
                return region.with_env(self.env)
            return empty

        return match


class PrintServiceRegionRule(models.Model):
    _name = "print.service.region.rule"
    _description = "Service Region Address Rule"
    _order = "sequence, id"

    sequence = fields.Integer(default=10)
    region_id = fields.Many2one(
        "print.service.region", "Region", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="region_id.company_id", store=True)
    country_id = fields.Many2one("res.country", "Country")
    state_ids = fields.Many2many(
        "res.country.state",
        string="States",
        domain="[('country_id', '=?', country_id)]",
        help="Provinces, states: the customer's is one of them. Empty: any.",
    )
    zip_from = fields.Char("Postcode From")
    zip_to = fields.Char("Postcode To", help="Empty: only the postcode From.")

    @api.constrains("region_id", "country_id", "state_ids", "zip_from", "zip_to")
    def _check_criteria(self):
        for rule in self:
            if not (rule.country_id or rule.state_ids or rule.zip_from):
                raise ValidationError(
                    self.env._(
                        "A rule of region %(region)s needs a %(country)s, %(states)s or"
                        " %(zip)s: without any it would take every customer.",
                        region=rule.region_id.display_name,
                        country=self._fields["country_id"]._description_string(self.env),
                        states=self._fields["state_ids"]._description_string(self.env),
                        zip=self._fields["zip_from"]._description_string(self.env),
                    )
                )
            if rule.zip_to and not rule.zip_from:
                raise ValidationError(
                    self.env._(
                        "%(zip_to)s needs %(zip_from)s (region %(region)s).",
                        zip_to=self._fields["zip_to"]._description_string(self.env),
                        zip_from=self._fields["zip_from"]._description_string(self.env),
                        region=rule.region_id.display_name,
                    )
                )
            if rule.zip_to and _zip_key(rule.zip_to) < _zip_key(rule.zip_from):
                raise ValidationError(
                    self.env._(
                        "%(zip_to)s (%(to)s) comes before %(zip_from)s (%(from)s) in region"
                        " %(region)s: the range would be empty.",
                        zip_to=self._fields["zip_to"]._description_string(self.env),
                        zip_from=self._fields["zip_from"]._description_string(self.env),
                        to=rule.zip_to,
                        **{"from": rule.zip_from},
                        region=rule.region_id.display_name,
                    )
                )
