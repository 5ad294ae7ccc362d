# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

import xlsxwriter

from odoo import api, fields, models
from odoo.tools import format_datetime

from .print_access import JOB_USER, require_group

WIP_XLSX_URL = "/print_crm/jobs/wip.xlsx"


class PrintJob(models.Model):
    _inherit = "print.job"

    @api.model
    def action_export_wip_xlsx(self):
        """Download the work-in-progress workbook (Production ▸ Work in Progress (XLSX))."""
        require_group(self, self.env._("Work in Progress (XLSX)"), JOB_USER)
        return {"type": "ir.actions.act_url", "url": WIP_XLSX_URL, "target": "download"}

    @api.model
    def _export_wip_xlsx(self):
        """The open jobs per stage and the time jobs spend in each stage, as an XLSX
        workbook; as the current user, so record rules and companies apply."""
        now = fields.Datetime.now()
        _ = self.env._
        buffer = io.BytesIO()
        # strings_to_formulas: a stage named "=..." is text, never a live formula.
        book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
        bold = book.add_format({"bold": True})
        hours = book.add_format({"num_format": "0.0"})
        bold_hours = book.add_format({"bold": True, "num_format": "0.0"})
        share = book.add_format({"num_format": "0.0%"})

        sheet = book.add_worksheet(_("Work in Progress"))
        headers = [
            _("Stage"),
            _("Jobs"),
            _("Copies"),
            _("Late Jobs"),
            _("Rush Jobs"),
            _("Average Hours in Stage"),
        ]
        self._xlsx_header(sheet, headers, bold)
        row = 0
        totals = [0, 0, 0, 0]
        total_hours = 0.0
        for row, (stage, jobs, copies, late, rush, in_stage) in enumerate(
            self._wip_by_stage(now), start=1
        ):
            sheet.write(row, 0, stage.name)
            for col, value in enumerate((jobs, copies, late, rush), start=1):
                sheet.write_number(row, col, value)
                totals[col - 1] += value
            sheet.write_number(row, 5, in_stage, hours)
            total_hours += in_stage * jobs
        row += 1
        sheet.write(row, 0, _("Total"), bold)
        for col, value in enumerate(totals, start=1):
            sheet.write_number(row, col, value, bold)
        if totals[0]:
            sheet.write_number(row, 5, total_hours / totals[0], bold_hours)
        sheet.write(
            row + 2,
            0,
            _("Open jobs on %(date)s", date=format_datetime(self.env, now, dt_format="short")),
        )

        sheet = book.add_worksheet(_("Stage Durations"))
        headers = [
            _("Stage"),
            _("Moves"),
            _("Average Hours Spent"),
            _("Expected Hours"),
            _("Share Over Time"),
        ]
        self._xlsx_header(sheet, headers, bold)
        for row, (stage, moves, spent, over) in enumerate(self._stage_durations(), start=1):
            sheet.write(row, 0, stage.name)
            sheet.write_number(row, 1, moves)
            sheet.write_number(row, 2, spent, hours)
            sheet.write_number(row, 3, stage.expected_hours, hours)
            if stage.expected_hours:
                sheet.write_number(row, 4, over / moves, share)
        book.close()
        return buffer.getvalue()

    @api.model
    def _wip_by_stage(self, now):
        """(stage, jobs, copies, late jobs, rush jobs, average hours in the stage so far)
        of the open jobs, one tuple per stage in stage order."""
        open_jobs = [("is_done", "=", False), ("is_cancel", "=", False)]
        late = dict(
            self._read_group([*open_jobs, ("is_late", "=", True)], ["stage_id"], ["__count"])
        )
        rush = dict(self._read_group([*open_jobs, ("rush", "=", True)], ["stage_id"], ["__count"]))
        result = []
        for stage, count, copies, since in self._read_group(
            open_jobs, ["stage_id"], ["__count", "quantity:sum", "date_stage:array_agg"]
        ):
            spent = [(now - date).total_seconds() / 3600 for date in since if date]
            average = sum(spent) / len(spent) if spent else 0.0
            result.append((stage, count, copies, late.get(stage, 0), rush.get(stage, 0), average))
        return result

    @api.model
    def _stage_durations(self):
        """(stage, moves out of it, average hours spent in it, moves over its expected
        time) from the stage history, one tuple per stage left, in stage order."""
        History = self.env["print.job.history"]
        left = [("previous_stage_id", "!=", False)]
        over = dict(
            History._read_group(
                [*left, ("over_time", "=", True)], ["previous_stage_id"], ["__count"]
            )
        )
        return [
            (stage, moves, spent or 0.0, over.get(stage, 0))
            for stage, moves, spent in History._read_group(
                left, ["previous_stage_id"], ["__count", "hours_in_previous:avg"]
            )
        ]

    @api.model
    def _xlsx_header(self, sheet, headers, bold):
        for col, header in enumerate(headers):
            sheet.write(0, col, header, bold)
        sheet.set_column(0, 0, 28)
        sheet.set_column(1, len(headers), 16)
        sheet.freeze_panes(1, 1)
