# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from .print_access import ESTIMATE_USER, require_group


class PrintCustomerTimeline(models.Model):
    """Contacts, estimates and orders of a customer in one list, newest first."""

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
    amount = fields.Monetary(readonly=True, currency_field="currency_id")
    currency_id = fields.Many2one("res.currency", readonly=True)
    res_model = fields.Char("Document Model", readonly=True)
    res_id = fields.Many2oneReference("Document", model_field="res_model", readonly=True)

    STATUS_FIELDS = {
        "contact": ("print.contact.log", "outcome"),
        "estimate": ("print.estimate", "state"),
        "order": ("sale.order", "state"),
    }

    def _compute_status_label(self):
        labels = {
            kind: dict(self.env[model]._fields[name]._description_selection(self.env))
            for kind, (model, name) in self.STATUS_FIELDS.items()
        }
        for line in self:
            line.status_label = labels.get(line.kind, {}).get(line.status, line.status or "")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        # Ids are the document ids times 3 plus a kind offset, so that they stay stable.
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(view)s AS (
                SELECT log.id * 3 AS id,
                       log.partner_id AS partner_id,
                       log.company_id AS company_id,
                       log.user_id AS user_id,
                       log.date AS date,
                       'contact' AS kind,
                       NULL::varchar AS reference,
                       log.summary AS summary,
                       log.outcome AS status,
                       NULL::numeric AS amount,
                       NULL::integer AS currency_id,
                       'print.contact.log' AS res_model,
                       log.id AS res_id
                  FROM print_contact_log log
                UNION ALL
                SELECT est.id * 3 + 1,
                       partner.commercial_partner_id,
                       est.company_id,
                       est.user_id,
                       est.date::timestamp,
                       'estimate',
                       est.name,
                       est.title,
                       est.state,
                       NULL::numeric,
                       NULL::integer,
                       'print.estimate',
                       est.id
                  FROM print_estimate est
                  JOIN res_partner partner ON partner.id = est.partner_id
                UNION ALL
                SELECT so.id * 3 + 2,
                       partner.commercial_partner_id,
                       so.company_id,
                       so.user_id,
                       so.date_order,
                       'order',
                       so.name,
                       so.client_order_ref,
                       so.state,
                       so.amount_total,
                       so.currency_id,
                       'sale.order',
                       so.id
                  FROM sale_order so
                  JOIN res_partner partner ON partner.id = so.partner_id
            )
            """,
                view=SQL.identifier(self._table),
            )
        )

    def action_open_document(self):
        """Open the contact, estimate or order this line stands for."""
        require_group(self.env, self.env._("Open"), ESTIMATE_USER)
        self.ensure_one()
        return self.env[self.res_model].browse(self.res_id).get_formview_action()
