# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Regional timeliness: per region, tickets resolved within their deadline or late, open
tickets past it, and callbacks and visits done on time or late, for head office to compare
regions (a pivot and a graph).

One row per ticket and one per callback, read from their tables when queried (so "open and
overdue" is as of now). Its record rules are those that matter here: multi-company and the
group Own Region Only (security/print_service_region_rules.xml), so a region's user counts
only its region's tickets and callbacks."""

from odoo import fields, models

from .helpdesk_ticket_stage import PRINT_STEPS
from .helpdesk_ticket_type import PRINT_KINDS


class PrintServiceRegionTimeliness(models.Model):
    _name = "print.service.region.timeliness"
    _description = "Regional Timeliness"
    _auto = False
    _order = "create_date desc"
    _rec_name = "ticket_id"

    kind = fields.Selection(
        [("ticket", "Ticket"), ("callback", "Callback or Visit")], "Kind", readonly=True
    )
    ticket_id = fields.Many2one("helpdesk.ticket", "Ticket", readonly=True)
    callback_id = fields.Many2one("print.service.callback", "Callback or Visit", readonly=True)
    print_region_id = fields.Many2one("print.service.region", "Service Region", readonly=True)
    company_id = fields.Many2one("res.company", "Company", readonly=True)
    team_id = fields.Many2one("helpdesk.ticket.team", "Department", readonly=True)
    user_id = fields.Many2one("res.users", "Assigned To", readonly=True)
    partner_id = fields.Many2one("res.partner", "Customer", readonly=True)
    print_kind = fields.Selection(PRINT_KINDS, "Print Kind", readonly=True)
    print_step = fields.Selection(PRINT_STEPS, "Step", readonly=True)
    create_date = fields.Datetime("Filed On", readonly=True)
    print_deadline = fields.Datetime("Deadline", readonly=True)
    print_resolved_date = fields.Datetime("Resolved On", readonly=True)
    ticket_count = fields.Integer("Tickets", readonly=True)
    resolved_count = fields.Integer("Resolved", readonly=True)
    on_time_count = fields.Integer("Resolved on Time", readonly=True)
    late_count = fields.Integer("Resolved Late", readonly=True)
    overdue_count = fields.Integer("Open and Overdue", readonly=True)
    on_time_pct = fields.Float(
        "On Time (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="Of the resolved tickets, the share resolved by their deadline (a ticket without"
        " deadline counts as on time).",
    )

    callback_count = fields.Integer("Callbacks Due", readonly=True)
    callback_on_time_count = fields.Integer("Callbacks on Time", readonly=True)
    callback_late_count = fields.Integer(
        "Callbacks Late", readonly=True, help="Done after their due date, or still not done."
    )
    callback_on_time_pct = fields.Float(
        "Callbacks on Time (%)",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="Of the callbacks and visits due by today, the share done by their due date.",
    )

    @property
    def _table_query(self):
        # A fixed query: no value comes from a user. "Working" steps as print_overdue;
        # a resolved ticket without a deadline counts as on time; invalid ones not at all.
        return """
            SELECT
                t.id * 2 AS id,
                'ticket' AS kind,
                t.id AS ticket_id,
                NULL::int AS callback_id,
                t.print_region_id,
                t.company_id,
                t.team_id,
                t.user_id,
                t.partner_id,
                t.print_kind,
                t.print_step,
                t.create_date,
                t.print_deadline,
                t.print_resolved_date,
                1 AS ticket_count,
                CASE WHEN t.print_resolved_date IS NOT NULL THEN 1 ELSE 0 END AS resolved_count,
                CASE WHEN t.print_resolved_date IS NOT NULL
                      AND (t.print_deadline IS NULL OR t.print_resolved_date <= t.print_deadline)
                     THEN 1 ELSE 0 END AS on_time_count,
                CASE WHEN t.print_resolved_date > t.print_deadline
                     THEN 1 ELSE 0 END AS late_count,
                CASE WHEN t.print_resolved_date IS NULL
                      AND t.print_step IN ('valid', 'routed', 'proposed', 'approved')
                      AND t.print_deadline < (now() AT TIME ZONE 'UTC')
                     THEN 1 ELSE 0 END AS overdue_count,
                CASE WHEN t.print_resolved_date IS NULL THEN NULL
                     WHEN t.print_resolved_date > t.print_deadline THEN 0.0
                     ELSE 100.0 END AS on_time_pct,
                0 AS callback_count,
                0 AS callback_on_time_count,
                0 AS callback_late_count,
                NULL::float AS callback_on_time_pct
            FROM helpdesk_ticket t
            WHERE t.active
              AND t.print_kind IS NOT NULL
              AND t.print_step IS DISTINCT FROM 'invalid'
            UNION ALL
            SELECT
                c.id * 2 + 1 AS id,
                'callback' AS kind,
                c.ticket_id,
                c.id AS callback_id,
                cp.print_region_id,
                c.company_id,
                NULL::int AS team_id,
                c.user_id,
                p.commercial_partner_id AS partner_id,
                NULL AS print_kind,
                NULL AS print_step,
                c.create_date,
                c.due_date::timestamp AS print_deadline,
                c.done_date AS print_resolved_date,
                0 AS ticket_count,
                0 AS resolved_count,
                0 AS on_time_count,
                0 AS late_count,
                0 AS overdue_count,
                NULL::float AS on_time_pct,
                1 AS callback_count,
                CASE WHEN c.done_on_time THEN 1 ELSE 0 END AS callback_on_time_count,
                CASE WHEN c.done_on_time THEN 0 ELSE 1 END AS callback_late_count,
                CASE WHEN c.done_on_time THEN 100.0 ELSE 0.0 END AS callback_on_time_pct
            FROM print_service_callback c
            LEFT JOIN res_partner p ON p.id = c.partner_id
            LEFT JOIN res_partner cp ON cp.id = p.commercial_partner_id
            WHERE c.state != 'cancelled'
              AND (c.state = 'done'
                   OR c.due_date < (now() AT TIME ZONE 'UTC')::date)
        """
