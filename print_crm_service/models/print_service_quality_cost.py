# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, models, tools
from odoo.tools import SQL

from .helpdesk_ticket import RESOLUTIONS


class PrintServiceQualityCost(models.Model):
    """The cost of quality, one row per service ticket whose resolution cost the shop
    something: its reprint jobs' estimated cost and its credit note, with what they are
    about (job, customer, cause, press, supplier, department), for the pivot and graph.

    A view over the figures the tickets store (see helpdesk_ticket_quality.py), as Odoo's
    sale.report is over the order lines: reading it is one scan of the tickets.
    """

    _name = "print.service.quality.cost"
    _description = "Cost of Quality"
    _auto = False
    _rec_name = "ticket_id"
    _order = "date desc, ticket_id desc"

    ticket_id = fields.Many2one("helpdesk.ticket", "Ticket", readonly=True)
    job_id = fields.Many2one("print.job", "Production Job", readonly=True)
    partner_id = fields.Many2one("res.partner", "Customer", readonly=True)
    cause_id = fields.Many2one("print.service.cause", "Cause", readonly=True)
    press_id = fields.Many2one("print.press", "Press", readonly=True)
    route_id = fields.Many2one("print.job.route", "Production Route", readonly=True)
    supplier_id = fields.Many2one("res.partner", "Supplier", readonly=True)
    team_id = fields.Many2one("helpdesk.ticket.team", "Department", readonly=True)
    print_region_id = fields.Many2one("print.service.region", "Service Region", readonly=True)
    type_id = fields.Many2one("helpdesk.ticket.type", "Kind", readonly=True)
    resolution = fields.Selection(RESOLUTIONS, readonly=True)
    date = fields.Datetime("Reported On", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one("res.currency", readonly=True)
    reprint_cost = fields.Monetary("Reprint Cost", readonly=True, aggregator="sum")
    credit_amount = fields.Monetary("Credited", readonly=True, aggregator="sum")
    total_cost = fields.Monetary("Cost of Quality", readonly=True, aggregator="sum")

    def _query(self):
        return """
            SELECT t.id AS id,
                   t.id AS ticket_id,
                   t.print_job_id AS job_id,
                   t.commercial_partner_id AS partner_id,
                   t.print_cause_id AS cause_id,
                   j.print_press_id AS press_id,
                   j.route_id AS route_id,
                   t.print_supplier_id AS supplier_id,
                   t.team_id AS team_id,
                   t.print_region_id AS print_region_id,
                   t.type_id AS type_id,
                   t.print_resolution AS resolution,
                   t.create_date AS date,
                   t.company_id AS company_id,
                   c.currency_id AS currency_id,
                   COALESCE(t.print_reprint_cost, 0) AS reprint_cost,
                   COALESCE(t.print_credit_amount, 0) AS credit_amount,
                   COALESCE(t.print_quality_cost, 0) AS total_cost
              FROM helpdesk_ticket t
              LEFT JOIN print_job j ON j.id = t.print_job_id
              LEFT JOIN res_company c ON c.id = t.company_id
             WHERE t.print_kind IS NOT NULL
               AND (t.print_quality_cost <> 0
                    OR t.print_credit_move_id IS NOT NULL
                    OR t.print_reprint_job_count > 0)
        """

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            SQL(
                "CREATE OR REPLACE VIEW %s AS (%s)",
                SQL.identifier(self._table),
                SQL(self._query()),  # pylint: disable=sql-injection
            )
        )
