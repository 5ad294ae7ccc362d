# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from .print_access import JOB_READERS, require_group

# The job fields of orders are for those who read jobs; a Sales/User without a Printing
# group reads the order without them.
JOB_READER_GROUPS = ",".join(JOB_READERS)


class SaleOrder(models.Model):
    _inherit = "sale.order"

    print_rush = fields.Boolean(
        "Rush",
        tracking=True,
        help="The order's print jobs are rush jobs: first in line, the production manager is"
        " alerted, and they skip batch waits.",
    )
    print_job_ids = fields.One2many(
        "print.job", "sale_order_id", "Production Jobs", groups=JOB_READER_GROUPS
    )
    print_job_count = fields.Integer(
        "Jobs", compute="_compute_print_job_count", groups=JOB_READER_GROUPS
    )

    @api.depends("print_job_ids")
    def _compute_print_job_count(self):
        counts = dict(
            self.env["print.job"]._read_group(
                [("sale_order_id", "in", self.ids)], ["sale_order_id"], ["__count"]
            )
        )
        for order in self:
            order.print_job_count = counts.get(order, 0)

    def _action_confirm(self):
        result = super()._action_confirm()
        self.order_line._print_create_jobs()
        return result

    def _action_cancel(self):
        result = super()._action_cancel()
        self.env["print.job"].sudo().search(
            [("sale_order_id", "in", self.ids), ("is_cancel", "=", False)]
        ).action_cancel()
        return result

    def write(self, vals):
        result = super().write(vals)
        if vals.get("print_rush"):
            # sudo: the caller may write the order (super().write() checked it); its jobs
            # follow, whether or not the caller is a production user.
            self.sudo().print_job_ids.filtered(lambda j: not j.rush and not j.is_done).write(
                {"rush": True}
            )
        return result

    def action_view_print_jobs(self):
        require_group(self, self.env._("Production Jobs"), *JOB_READERS)
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "print_crm_tracking.print_job_action"
        )
        action["domain"] = [("sale_order_id", "=", self.id)]
        action["context"] = {"create": False}
        return action


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    print_job_ids = fields.One2many(
        "print.job", "sale_line_id", "Production Jobs", groups=JOB_READER_GROUPS
    )

    def _print_create_jobs(self):
        """One production job per confirmed print line that has no open job yet.

        As superuser: the caller confirmed the order (sale checked it may), and a
        Sales/User without a Printing group may not read jobs.
        """
        lines = self.sudo().filtered(
            lambda line: line.is_print_line
            and not line.print_job_ids.filtered(lambda job: not job.is_cancel)
        )
        if not lines:
            return self.env["print.job"]
        Job = self.env["print.job"].sudo()
        return Job.create([Job._prepare_from_order_line(line) for line in lines])
