# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import zipfile

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import PrintCrmJobCommon

# What a portal user may read of a job over RPC: what the portal pages show, and the
# fields every portal document has (chatter, access URL, display name).
JOB_INTERNAL_FIELDS = {
    "user_id",
    "stage_id",
    "customer_stage_id",
    "route_id",
    "route_stage_ids",
    "history_ids",
    "date_stage",
    "date_start",
    "expected_date",
    "stage_overdue",
    "parent_id",
    "child_ids",
    "estimate_id",
    "sale_line_id",
    "reminder_due_sent",
    "reminder_overdue_sent",
    "reminder_stage_sent",
    "color",
}


@tagged("post_install", "-at_install")
class TestPrintJobTrust(PrintCrmJobCommon):
    """What an RPC caller tries first: forging the history, writing what only a stage move
    writes, reading what the portal does not show, calling the public methods."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.job = cls._order().print_job_ids
        cls.portal_user = new_test_user(
            cls.env,
            login="print_crm_tracking-trust-mei",
            groups="base.group_portal",
            partner_id=cls.customer_contact.id,
        )
        cls.other_contact = cls.env["res.partner"].create(
            {"name": "Noor Haddad", "parent_id": cls.customer2.id}
        )
        cls.other_job = cls._order(partner_id=cls.other_contact.id).print_job_ids

    # ------------------------------------------------------------------ history

    def test_nobody_creates_a_history_line(self):
        History = self.env["print.job.history"]
        forged = {
            "job_id": self.job.id,
            "stage_id": self.stage["delivered"].id,
            "user_id": self.admin.id,
        }
        for user in (self.production_user, self.production_manager):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                History.with_user(user).create(forged)
        with self.assertRaisesText(UserError, "audit trail"):
            History.sudo().create(forged)
        self.assertEqual(self.job.history_ids.stage_id, self.stage["received"])

    def test_nobody_changes_or_deletes_a_history_line(self):
        line = self.job.history_ids
        for user in (self.production_user, self.production_manager):
            with self.subTest(user=user.login):
                with self.assertRaises(UserError):
                    line.with_user(user).write({"stage_id": self.stage["delivered"].id})
                with self.assertRaises(UserError):
                    line.with_user(user).unlink()
        with self.assertRaisesText(UserError, "audit trail"):
            line.sudo().unlink()
        with self.assertRaisesText(UserError, "audit trail"):
            line.sudo().write({"user_id": self.admin.id})
        self.assertTrue(line.exists())
        self.assertEqual(line.stage_id, self.stage["received"])

    def test_deleting_a_job_does_not_erase_its_history(self):
        """Once a job has moved, deleting it would take its history along: refused, the job
        is cancelled instead. A job that never left its first stage can still go."""
        self.job.with_user(self.production_user).action_next_stage()
        with self.assertRaisesText(UserError, "history"):
            self.job.with_user(self.production_manager).unlink()
        self.assertTrue(self.job.exists())
        self.assertEqual(len(self.job.history_ids), 2)
        fresh = self.other_job
        fresh.with_user(self.production_manager).unlink()
        self.assertFalse(fresh.exists())

    def test_stage_moves_still_write_the_history(self):
        self.job.with_user(self.production_user).action_next_stage()
        self.assertEqual(len(self.job.history_ids), 2)
        self.assertEqual(self.job.history_ids[0].user_id, self.production_user)

    def test_what_a_stage_move_records_is_not_written_directly(self):
        for field, value in (
            ("customer_stage_id", self.stage["delivered"].id),
            ("date_done", "2030-01-01 10:00:00"),
            ("date_stage", "2030-01-01 10:00:00"),
            ("date_start", "2030-01-01 10:00:00"),
        ):
            with self.subTest(field=field):
                with self.assertRaisesText(UserError, "records a decision"):
                    self.job.with_user(self.production_manager).write({field: value})
                with self.assertRaisesText(UserError, "records a decision"):
                    self.env["print.job"].with_user(self.production_manager).create(
                        {
                            "title": "Forged",
                            "partner_id": self.customer.id,
                            "due_date": "2030-01-01 10:00:00",
                            field: value,
                        }
                    )
        self.assertEqual(self.job.customer_stage_id, self.stage["received"])
        self.assertFalse(self.job.date_done)

    # ------------------------------------------------------------------ portal over RPC

    def test_portal_user_reads_only_what_the_portal_shows(self):
        self.job.write({"stage_id": self.stage["prepress"].id})
        self.job.write({"stage_id": self.stage["proof"].id})
        self.job.write({"stage_id": self.stage["plates"].id})  # internal name: Plate making
        [values] = self.job.with_user(self.portal_user).read()
        self.assertFalse(JOB_INTERNAL_FIELDS & set(values), JOB_INTERNAL_FIELDS & set(values))
        self.assertEqual(values["name"], self.job.name)
        self.assertNotIn("Plate making", repr(values))
        self.assertNotIn(self.job.user_id.name, repr(values))
        for model in ("print.job.history", "print.job.stage", "print.job.route"):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.portal_user).search_read([])
        # Another customer's job: neither found nor read.
        Job = self.env["print.job"].with_user(self.portal_user)
        self.assertFalse(Job.search([("id", "=", self.other_job.id)]))
        with self.assertRaises(AccessError):
            self.other_job.with_user(self.portal_user).read(["name"])

    # ------------------------------------------------------------------ public methods

    def test_public_methods_check_the_caller(self):
        internal = new_test_user(
            self.env, login="print_crm_tracking-trust-internal", groups="base.group_user"
        )
        estimator = self.estimator
        for user in (self.portal_user, internal):
            job = self.job.with_user(user)
            for method in ("action_next_stage", "action_cancel", "action_view_order"):
                with self.subTest(user=user.login, method=method), self.assertRaises(AccessError):
                    getattr(job, method)()
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.env["print.job"].with_user(user).action_export_wip_xlsx()
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.job.sale_order_id.with_user(user).action_view_print_jobs()
            wizard = self.env["print.job.split.wizard"].create(
                {"job_id": self.job.id, "quantity": 1}
            )
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                wizard.with_user(user).action_split()
        # An estimator reads jobs but does not move them.
        with self.assertRaises(AccessError):
            self.job.with_user(estimator).action_next_stage()
        with self.assertRaises(AccessError):
            self.env["print.job"].with_user(estimator).action_export_wip_xlsx()
        self.assertEqual(self.job.stage_id, self.stage["received"])
        self.assertTrue(self.job.with_user(estimator).action_view_order())
        self.job.with_user(self.production_user).action_next_stage()
        self.assertEqual(self.job.stage_id, self.stage["prepress"])

    # ------------------------------------------------------------------ sales users

    def test_sales_users_without_printing_groups_keep_working(self):
        salesman = new_test_user(
            self.env,
            login="print_crm_tracking-trust-salesman",
            groups="sales_team.group_sale_salesman",
        )
        sales_manager = new_test_user(
            self.env,
            login="print_crm_tracking-trust-salesmanager",
            groups="sales_team.group_sale_manager",
        )
        for user in (salesman, sales_manager):
            with self.subTest(user=user.login):
                order = self.job.sale_order_id
                order.user_id = user
                [values] = order.with_user(user).read()
                self.assertEqual(values["name"], order.name)
                self.assertNotIn("print_job_ids", values)
                self.assertNotIn("print_job_count", values)
                self.assertIn("print_rush", values)
                user.partner_id.with_user(user).read()
                quotation = self._order(confirm=False)
                quotation.user_id = user
                quotation.with_user(user).write({"print_rush": True})
                quotation.with_user(user).action_confirm()
                self.assertEqual(quotation.state, "sale")
                self.assertEqual(len(quotation.print_job_ids), 1)
                self.assertTrue(quotation.print_job_ids.rush)
                # Marking a confirmed order rush marks its jobs.
                order.with_user(user).write({"print_rush": True})
                self.assertTrue(self.job.rush)


@tagged("post_install", "-at_install")
class TestWipXlsxText(PrintCrmJobCommon):
    def test_user_text_is_written_as_text_never_as_a_formula(self):
        self._order()
        self.stage["received"].name = '=HYPERLINK("http://evil.example","Received")'
        content = self.env["print.job"].with_user(self.production_user)._export_wip_xlsx()
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            sheets = [name for name in book.namelist() if name.startswith("xl/worksheets/")]
            self.assertTrue(sheets)
            for name in sheets:
                self.assertNotIn(b"<f>", book.read(name), name)
            strings = book.read("xl/sharedStrings.xml").decode()
        self.assertIn("=HYPERLINK(", strings.replace("&quot;", '"'))
