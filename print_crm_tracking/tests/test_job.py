# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import HttpCase, tagged

from odoo.addons.print_crm_quote.tests.common import pdf_pages

from .common import PrintCrmJobCommon


@tagged("post_install", "-at_install")
class TestPrintJob(PrintCrmJobCommon):
    """From a confirmed print order to a delivered job."""

    def test_one_job_per_print_line_and_none_for_other_lines(self):
        order = self._order(quantities=(1000, 2500), extra_lines=2)
        self.assertEqual(len(order.order_line), 4)
        jobs = order.print_job_ids
        self.assertEqual(len(jobs), 2)
        self.assertEqual(order.print_job_count, 2)
        self.assertEqual(jobs.sale_line_id, order.order_line.filtered("is_print_line"))
        self.assertEqual(sorted(jobs.mapped("quantity")), [1000, 2500])
        for job in jobs:
            self.assertEqual(job.partner_id, order.partner_id)
            self.assertEqual(job.estimate_id, job.sale_line_id.print_estimate_id)
            self.assertEqual(job.title, "Spring open day flyer")
            self.assertIn("Flat Sheet, 210 × 297 mm", job.spec_summary)
            self.assertEqual(job.stage_id, self.stage["received"])
            self.assertEqual(job.customer_stage_id, self.stage["received"])
            self.assertTrue(job.name.startswith("JOB/"))
            self.assertEqual(job.user_id, order.user_id)
            self.assertEqual(len(job.history_ids), 1)
        # Confirming again (after a reset) makes no second job for a line that has one.
        order.order_line._print_create_jobs()
        self.assertEqual(len(order.print_job_ids), 2)

    def test_quotation_makes_no_job(self):
        order = self._order(confirm=False)
        self.assertFalse(order.print_job_ids)

    def test_due_date_from_the_order_or_the_route(self):
        wanted = datetime(2030, 5, 4, 16, 0)
        order = self._order(confirm=False)
        order.commitment_date = wanted
        order.action_confirm()
        self.assertEqual(order.print_job_ids.due_date, wanted)
        with freeze_time("2030-01-07 08:00:00"):
            job = self._order().print_job_ids
            hours = sum(
                job.route_id._ordered_stages()
                .filtered(lambda s: not s.is_done)
                .mapped("expected_hours")
            )
            self.assertEqual(job.due_date, datetime(2030, 1, 7, 8) + timedelta(hours=hours))
            self.assertEqual(job.expected_date, job.due_date)

    def test_cancelling_the_order_cancels_its_jobs(self):
        order = self._order(quantities=(1000, 2500))
        order.print_job_ids[0].action_next_stage()
        order._action_cancel()
        self.assertEqual(order.print_job_ids.stage_id, self.stage["cancelled"])
        self.assertTrue(all(order.print_job_ids.mapped("is_cancel")))
        with self.assertRaisesText(UserError, "moves no more"):
            order.print_job_ids[0].action_next_stage()
        # A new confirmation makes new jobs; the cancelled ones stay for the record.
        order.action_draft()
        order.action_confirm()
        self.assertEqual(len(order.print_job_ids), 4)
        self.assertEqual(len(order.print_job_ids.filtered(lambda j: not j.is_cancel)), 2)

    def test_routes_skip_stages(self):
        offset = self._order().print_job_ids
        self.assertEqual(
            offset.route_id, self.env.ref("print_crm_tracking.route_offset_sheet_flat")
        )
        self.assertIn(self.stage["plates"], offset.route_id.stage_ids)
        self.assertNotIn(self.stage["binding"], offset.route_id.stage_ids)
        (self.press_sra3 | self.press_b2).action_archive()
        self.press_digital.action_unarchive()
        digital = self._order().print_job_ids
        self.assertEqual(
            digital.route_id, self.env.ref("print_crm_tracking.route_digital_sheet_flat")
        )
        self.assertNotIn(self.stage["plates"], digital.route_id.stage_ids)
        stages = []
        while not digital.is_done:
            digital.action_next_stage()
            stages.append(digital.stage_id)
        self.assertNotIn(self.stage["plates"], stages, "a digital job skips plate making")
        self.assertEqual(stages[-1], self.stage["delivered"])
        with self.assertRaisesText(UserError, "has no stage Plate making"):
            self._order().print_job_ids.stage_id = self.stage["plates"]

    def test_history_records_who_when_and_time_in_stage(self):
        with freeze_time("2030-01-07 08:00:00"):
            job = self._order().print_job_ids
        with freeze_time("2030-01-07 11:30:00"):
            job.with_user(self.production_user).with_context(
                print_job_stage_note="Files checked"
            ).action_next_stage()
        with freeze_time("2030-01-08 11:30:00"):
            job.with_user(self.production_user).action_next_stage()
        history = job.history_ids.sorted("id")
        self.assertEqual(
            history.stage_id.mapped("name"), ["Received", "Prepress", "Proof approval"]
        )
        first_move, second_move = history[1:]
        self.assertEqual(first_move.previous_stage_id, self.stage["received"])
        self.assertEqual(first_move.user_id, self.production_user)
        self.assertEqual(first_move.hours_in_previous, 3.5)
        self.assertEqual(first_move.note, "Files checked")
        self.assertFalse(first_move.over_time, "4 hours expected in Received")
        self.assertEqual(second_move.hours_in_previous, 24.0)
        self.assertTrue(second_move.over_time, "8 hours expected in Prepress")
        self.assertEqual(job.date_start, datetime(2030, 1, 7, 11, 30), "started leaving Received")
        self.assertEqual(job.date_stage, datetime(2030, 1, 8, 11, 30))
        with freeze_time("2030-01-10 12:00:00"):
            job.invalidate_recordset(["stage_overdue"])
            self.assertTrue(job.stage_overdue, "over 24 hours in proof approval")

    def test_late_jobs_are_flagged_and_found(self):
        with freeze_time("2030-01-07 08:00:00"):
            order = self._order(confirm=False)
            order.commitment_date = datetime(2030, 1, 8, 8)
            order.action_confirm()
            job = order.print_job_ids
            self.assertFalse(job.is_late)
        with freeze_time("2030-01-09 08:00:00"):
            job.invalidate_recordset(["is_late"])
            self.assertTrue(job.is_late)
            Job = self.env["print.job"]
            self.assertIn(job, Job.search([("is_late", "=", True)]))
            self.assertNotIn(job, Job.search([("is_late", "=", False)]))
            job.write({"stage_id": self.stage["ready"].id})
            job.action_next_stage()
            job.invalidate_recordset(["is_late"])
            self.assertFalse(job.is_late, "a delivered job is not late")
            self.assertEqual(job.date_done, datetime(2030, 1, 9, 8))

    def test_rush_jobs_come_first_and_alert_the_manager(self):
        normal = self._order().print_job_ids
        order = self._order(confirm=False)
        order.print_rush = True
        order.action_confirm()
        rush = order.print_job_ids
        self.assertTrue(rush.rush)
        jobs = self.env["print.job"].search([("id", "in", (normal | rush).ids)])
        self.assertEqual(jobs[0], rush, "rush first although due later")
        activity = rush.activity_ids
        self.assertEqual(activity.user_id, self.production_manager)
        self.assertIn("Rush job", activity.summary)
        self.assertFalse(normal.activity_ids)
        # Marking the order rush later makes its open jobs rush, with the alert.
        normal.sale_order_id.print_rush = True
        self.assertTrue(normal.rush)
        self.assertEqual(normal.activity_ids.user_id, self.production_manager)

    def test_only_visible_stages_notify_and_only_customers_who_did_not_opt_out(self):
        job = self._order().print_job_ids
        messages = job.message_ids
        job.action_next_stage()  # Prepress: visible
        sent = (job.message_ids - messages).filtered(lambda m: m.message_type == "comment")
        self.assertEqual(len(sent), 1)
        self.assertEqual(sent.author_id, job.user_id.partner_id, "from the job's responsible")
        # Without any sender address, the move still happens and nobody is e-mailed.
        (job.user_id.partner_id | job.company_id.partner_id).email = False
        messages = job.message_ids
        job.action_next_stage()
        self.assertEqual(job.stage_id, self.stage["proof"])
        self.assertFalse(
            (job.message_ids - messages).filtered(lambda m: m.message_type == "comment")
        )
        job.user_id.partner_id.email = "floor@print.example"
        self.assertIn("Preparing your files", sent.subject)
        self.assertEqual(sent.partner_ids, job.partner_id)
        self.assertIn(job.get_portal_url(), sent.body)
        job.action_next_stage()  # Plate making: "In production"
        job.action_next_stage()  # Printing
        job.action_next_stage()  # Finishing
        messages = job.message_ids
        job.action_next_stage()  # Quality check: internal
        self.assertFalse(
            (job.message_ids - messages).filtered(lambda m: m.message_type == "comment")
        )
        self.assertEqual(job.customer_stage_id, self.stage["finishing"], "the customer still sees")
        self.customer.print_job_notify = False
        self.assertFalse(self.customer_contact.print_job_notify, "the company's choice")
        job.action_next_stage()  # Packed: internal
        messages = job.message_ids
        job.action_next_stage()  # Ready: visible, but the customer opted out
        self.assertFalse(
            (job.message_ids - messages).filtered(lambda m: m.message_type == "comment")
        )
        self.assertEqual(job.customer_stage_id, self.stage["ready"])

    def test_production_stages_ask_the_prerequisites_hook(self):
        job = self._order().print_job_ids
        job.write({"stage_id": self.stage["proof"].id})
        blockers = type(job)._production_blockers

        def no_proof(record, stage):
            return ["the proof is not approved"]

        try:
            type(job)._production_blockers = no_proof
            with self.assertRaisesText(UserError, "cannot enter Plate making yet"):
                job.action_next_stage()
            self.assertEqual(job.stage_id, self.stage["proof"])
            job.action_cancel()  # cancelling is always possible
        finally:
            type(job)._production_blockers = blockers
        self.assertTrue(job.is_cancel)

    def test_split_for_a_partial_delivery(self):
        job = self._order(quantities=(2500,)).print_job_ids
        job.action_next_stage()
        wizard = self.env["print.job.split.wizard"].create({"job_id": job.id, "quantity": 1000})
        action = wizard.action_split()
        part = self.env["print.job"].browse(action["res_id"])
        self.assertEqual((job.quantity, part.quantity), (1500, 1000))
        self.assertEqual(part.parent_id, job)
        self.assertEqual(part.stage_id, job.stage_id)
        self.assertEqual(part.sale_line_id, job.sale_line_id)
        self.assertNotEqual(part.name, job.name)
        for bad in (0, 1500, 4000):
            with self.assertRaisesText(UserError, "Copies to Split Off"):
                job._split(bad)

    def test_a_route_needs_a_done_stage(self):
        with self.assertRaisesText(ValidationError, "done stage"):
            self.env["print.job.route"].create(
                {"name": "Broken", "stage_ids": [Command.set(self.stage["received"].ids)]}
            )

    def test_job_ticket_renders_with_its_qr_code(self):
        job = self._order().print_job_ids
        html, _kind = self.env["ir.actions.report"]._render_qweb_html(
            "print_crm_tracking.action_report_print_job_ticket", job.ids
        )
        html = html.decode()
        self.assertIn(job.name, html)
        self.assertIn(f"barcode_type=QR&amp;value={job.name}", html)
        self.assertIn("Plate making", html)

    def test_the_specification_is_read_in_the_readers_language(self):
        """Confirmed by an English-speaking rep, the job's specification reads in Chinese
        for a Chinese reader (portal page, form, ticket), not in the confirmer's words."""
        for code in ("zh_CN", "zh_TW"):
            self.env["res.lang"]._activate_lang(code)
        self.env["ir.module.module"]._load_module_terms(
            ["print_crm_quote", "print_crm_tracking"], ["zh_CN", "zh_TW"]
        )
        job = self._order().print_job_ids
        english = job.with_context(lang="en_US").spec_text
        self.assertIn("Flat Sheet", english)
        self.assertEqual(job.spec_summary, english, "stored as it was confirmed")
        for lang in ("zh_CN", "zh_TW"):
            chinese = job.with_context(lang=lang).spec_text
            self.assertNotIn("Flat Sheet", chinese, lang)
            self.assertIn("210 × 297", chinese, lang)
            html, _kind = (
                self.env["ir.actions.report"]
                .with_context(lang=lang)
                ._render_qweb_html("print_crm_tracking.action_report_print_job_ticket", job.ids)
            )
            self.assertIn(chinese.splitlines()[0], html.decode(), lang)

    def test_job_ticket_says_press_paper_and_layout(self):
        """The floor prints from the ticket: each part's paper, the press, sheet and layout
        of the accepted quantity."""
        job = self._order().print_job_ids
        break_ = job.sale_line_id.print_estimate_break_id
        part = job.estimate_id.part_ids[:1]
        self.assertTrue(break_.route and part.substrate_id)
        html, _kind = (
            self.env["ir.actions.report"]
            .with_user(self.production_user)
            ._render_qweb_html("print_crm_tracking.action_report_print_job_ticket", job.ids)
        )
        html = html.decode()
        self.assertIn("o_print_job_ticket_production", html)
        self.assertIn(part.substrate_id.display_name, html)
        # The press (by name), its sheet and the layout, rendered for the reader.
        press = self.env["print.press"].search(
            [("code", "=", break_.breakdown["routes"][0]["press"])]
        )
        self.assertIn(press.name, html)
        self.assertIn("2-up", html)
        for route in break_._print_route_texts():
            self.assertIn(route, html)

    def test_the_press_type_comes_from_the_quantity_break(self):
        """The pricing action stores the press type on the break; the job takes it from
        there, not from the breakdown's JSON."""
        job = self._order().print_job_ids
        break_ = job.sale_line_id.print_estimate_break_id
        self.assertEqual(break_.press_type, "offset")
        Job = self.env["print.job"]
        self.assertEqual(Job._press_type_of(break_), "offset")
        # An accepted estimate is frozen: empty its breakdown behind the ORM's back.
        self.env.cr.execute(
            "UPDATE print_estimate_break SET breakdown = '{}' WHERE id = %s", [break_.id]
        )
        break_.invalidate_recordset(["breakdown"])
        self.assertEqual(Job._press_type_of(break_), "offset", "not read from the breakdown")

    def test_postponing_a_job_rearms_its_reminders(self):
        job = self._order().print_job_ids
        job.write({"reminder_due_sent": True, "reminder_overdue_sent": True})
        job.due_date = job.due_date + timedelta(days=3)
        self.assertFalse(job.reminder_due_sent)
        self.assertFalse(job.reminder_overdue_sent)


@tagged("post_install", "-at_install")
class TestPrintJobTicketPdf(HttpCase, PrintCrmJobCommon):
    """The printed ticket, rendered by wkhtmltopdf against a running server (its CSS)."""

    def test_job_ticket_pdf_names_the_shop_and_numbers_its_pages(self):
        """The ticket on the floor says whose it is and which page of how many."""
        job = self._order().print_job_ids
        job.company_id.name = "Lotus Print Works"
        pages = pdf_pages(self.env, "print_crm_tracking.action_report_print_job_ticket", job.ids)
        for number, text in enumerate(pages, start=1):
            self.assertIn("Lotus Print Works", text, f"page {number}")
            self.assertRegex(text, rf"\b{number} / {len(pages)}\b", f"page {number}")
        self.assertIn(job.name, pages[0])
