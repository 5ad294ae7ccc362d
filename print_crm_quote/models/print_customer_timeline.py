# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools
from odoo.tools import SQL

# A line's id is its document's id times ID_SLOTS plus the slot of its kind, so that ids
# stay stable and distinct across kinds. Each kind takes its own slot (0 to ID_SLOTS - 1).
ID_SLOTS = 8


class PrintCustomerTimeline(models.Model):
    """A customer's contacts and documents in one list, newest first.

    print_crm_quote lists contacts, estimates and orders; the modules above it add their
    documents (production jobs, proofs, tickets) through ``_timeline_parts`` (the SQL of
    their lines), a ``selection_add`` on ``kind``, ``_timeline_status_fields`` (how their
    status reads) and ``_depends``. A line shows only to users who may read its kind of
    document (the global rule print_customer_timeline_rule_readable_kinds)."""

    _name = "print.customer.timeline"
    _description = "Customer Timeline"
    _auto = False
    _order = "date desc, id desc"
    _depends = {
        "print.contact.log": ["partner_id", "company_id", "user_id", "date", "summary", "outcome"],
        "print.estimate": ["partner_id", "company_id", "user_id", "name", "title", "state"],
        "sale.order": [
            "partner_id",
            "company_id",
            "user_id",
            "date_order",
            "validity_date",
            "name",
            "client_order_ref",
            "state",
            "amount_total",
            "currency_id",
        ],
        "res.partner": ["commercial_partner_id"],
    }

    partner_id = fields.Many2one("res.partner", "Customer", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    user_id = fields.Many2one("res.users", "Responsible", readonly=True)
    date = fields.Datetime(readonly=True)
    kind = fields.Selection(
        [("contact", "Contact"), ("estimate", "Estimate"), ("order", "Order")], readonly=True
    )
    reference = fields.Char(readonly=True)
    summary = fields.Char(readonly=True)
    status = fields.Char("Status Code", readonly=True)
    status_label = fields.Char("Status", compute="_compute_status_label")
    date_due = fields.Datetime(
        "Due",
        readonly=True,
        help="When the document is due: a quotation's expiry, a job's delivery, a proof's"
        " answer, a ticket's deadline.",
    )
    amount = fields.Monetary(readonly=True, currency_field="currency_id")
    currency_id = fields.Many2one("res.currency", readonly=True)
    res_model = fields.Char("Document Model", readonly=True)
    res_id = fields.Many2oneReference("Document", model_field="res_model", readonly=True)

    # How the status of each kind reads: a selection field, or a many2one whose id is the
    # status code. Modules add theirs in _timeline_status_fields().
    STATUS_FIELDS = {
        "contact": ("print.contact.log", "outcome"),
        "estimate": ("print.estimate", "state"),
        "order": ("sale.order", "state"),
    }

    def _compute_status_label(self):
        labels = {}
        for kind, (model, name) in self._timeline_status_fields().items():
            field = self.env[model]._fields[name]
            if field.type == "many2one":
                ids = {
                    int(line.status)
                    for line in self
                    if line.kind == kind and (line.status or "").isdigit()
                }
                comodel = self.env[field.comodel_name].with_context(active_test=False)
                labels[kind] = {str(rec.id): rec.display_name for rec in comodel.browse(ids)}
            else:
                labels[kind] = dict(field._description_selection(self.env))
        for line in self:
            line.status_label = labels.get(line.kind, {}).get(line.status, line.status or "")

    @api.model
    def _timeline_status_fields(self):
        """{kind: (model, field)} saying how each kind's status code reads."""
        return dict(self.STATUS_FIELDS)

    @api.model
    def _timeline_columns(self):
        """The view's columns after ``id``, in order, each with its NULL (what a part that
        leaves the column out gives)."""
        return {
            "partner_id": SQL("NULL::integer"),
            "company_id": SQL("NULL::integer"),
            "user_id": SQL("NULL::integer"),
            "date": SQL("NULL::timestamp"),
            "kind": SQL("NULL::varchar"),
            "reference": SQL("NULL::varchar"),
            "summary": SQL("NULL::varchar"),
            "status": SQL("NULL::varchar"),
            "date_due": SQL("NULL::timestamp"),
            "amount": SQL("NULL::numeric"),
            "currency_id": SQL("NULL::integer"),
            "res_model": SQL("NULL::varchar"),
            "res_id": SQL("NULL::integer"),
        }

    @api.model
    def _timeline_parts(self):
        """One entry per kind of line: ``slot`` (its id offset), ``kind``, ``model`` (the
        document's model), ``from`` (the SQL after FROM, the document's table aliased
        ``doc``) and ``columns`` ({column: SQL expression}). Modules append theirs."""
        return [
            {
                "slot": 0,
                "kind": "contact",
                "model": "print.contact.log",
                "from": SQL("print_contact_log doc"),
                "columns": {
                    "partner_id": SQL("doc.partner_id"),
                    "company_id": SQL("doc.company_id"),
                    "user_id": SQL("doc.user_id"),
                    "date": SQL("doc.date"),
                    "summary": SQL("doc.summary"),
                    "status": SQL("doc.outcome"),
                },
            },
            {
                "slot": 1,
                "kind": "estimate",
                "model": "print.estimate",
                "from": SQL(
                    "print_estimate doc JOIN res_partner partner ON partner.id = doc.partner_id"
                ),
                "columns": {
                    "partner_id": SQL("partner.commercial_partner_id"),
                    "company_id": SQL("doc.company_id"),
                    "user_id": SQL("doc.user_id"),
                    "date": SQL("doc.date::timestamp"),
                    "reference": SQL("doc.name"),
                    "summary": SQL("doc.title"),
                    "status": SQL("doc.state"),
                },
            },
            {
                "slot": 2,
                "kind": "order",
                "model": "sale.order",
                "from": SQL(
                    "sale_order doc JOIN res_partner partner ON partner.id = doc.partner_id"
                ),
                "columns": {
                    "partner_id": SQL("partner.commercial_partner_id"),
                    "company_id": SQL("doc.company_id"),
                    "user_id": SQL("doc.user_id"),
                    "date": SQL("doc.date_order"),
                    "reference": SQL("doc.name"),
                    "summary": SQL("doc.client_order_ref"),
                    "status": SQL("doc.state"),
                    "date_due": SQL(
                        "CASE WHEN doc.state IN ('draft', 'sent')"
                        " THEN doc.validity_date::timestamp END"
                    ),
                    "amount": SQL("doc.amount_total"),
                    "currency_id": SQL("doc.currency_id"),
                },
            },
        ]

    @property
    def _table_query(self):
        # Built from the modules' fixed SQL: no value comes from a user.
        columns = self._timeline_columns()
        selects = []
        slots = set()
        for part in self._timeline_parts():
            if part["slot"] in slots or not 0 <= part["slot"] < ID_SLOTS:
                raise ValueError(f"Timeline slot {part['slot']} of {part['kind']} is taken")
            slots.add(part["slot"])
            values = {
                **part["columns"],
                "kind": SQL("%s::varchar", part["kind"]),
                "res_model": SQL("%s::varchar", part["model"]),
                "res_id": SQL("doc.id"),
            }
            unknown = values.keys() - columns.keys()
            if unknown:
                raise ValueError(f"Timeline columns unknown: {sorted(unknown)}")
            exprs = [SQL("doc.id * %s + %s AS id", ID_SLOTS, part["slot"])]
            for name, null in columns.items():
                exprs.append(SQL("%s AS %s", values.get(name, null), SQL.identifier(name)))
            selects.append(SQL("SELECT %s FROM %s", SQL(", ").join(exprs), part["from"]))
        return SQL(" UNION ALL ").join(selects)

    def init(self):
        # Until 18.0.x the timeline was a database view; it is now a query of the modules.
        tools.drop_view_if_exists(self.env.cr, self._table)

    @api.model
    def _timeline_readable_kinds(self):
        """The kinds of line the user may see: those whose document model it may read."""
        return [
            part["kind"]
            for part in self._timeline_parts()
            if self.env[part["model"]].has_access("read")
        ]

    def action_open_document(self):
        """Open the document this line stands for, if the user may read it."""
        self.check_access("read")
        self.ensure_one()
        document = self.env[self.res_model].browse(self.res_id)
        document.check_access("read")
        return document.get_formview_action()


class IrRule(models.Model):
    _inherit = "ir.rule"

    @api.model
    def _eval_context(self):
        """Record rules may call ``print_timeline_kinds()``: the kinds of customer timeline
        line the user may see, those whose documents its access rights let it read (the
        rule print_customer_timeline_rule_readable_kinds). Asked as the user, only when a
        rule calls it."""
        context = super()._eval_context()
        env = self.env(su=False)
        context["print_timeline_kinds"] = lambda: env[
            "print.customer.timeline"
        ]._timeline_readable_kinds()
        return context
