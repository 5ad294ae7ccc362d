# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import sys
import threading
import time
import traceback
from datetime import timedelta

import psycopg2
from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, new_test_user, tagged
from odoo.tests.common import get_db_name
from odoo.tools import mute_logger

from .common_workflow import PrintCrmServiceTicketCommon


class PrintCallbackCommon(PrintCrmServiceTicketCommon):
    """The shop's default callback rules, a salesperson of the customer, a job ready to be
    delivered, and a questionnaire set by head office."""

    lift_production_blockers = True  # the jobs here jump to delivered

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Callback = cls.env["print.service.callback"]
        cls.salesperson = new_test_user(
            cls.env,
            login="print_crm_service-sales",
            groups="sales_team.group_sale_salesman",
            name="Sales Sam",
            email="sam@print.example",
        )
        cls.customer.user_id = cls.salesperson
        cls.rule_delivered = cls.env.ref("print_crm_service.callback_rule_job_delivered")
        cls.rule_resolved = cls.env.ref("print_crm_service.callback_rule_ticket_resolved")
        cls.rule_first = cls.env.ref("print_crm_service.callback_rule_first_order")
        cls.rule_yearly = cls.env.ref("print_crm_service.callback_rule_yearly")
        cls.survey = cls.env["survey.survey"].create(
            {
                "title": "How did we do?",
                "access_mode": "token",
                "question_ids": [
                    (0, 0, {"title": "How satisfied are you?", "question_type": "text_box"})
                ],
            }
        )
        cls.survey_manager = new_test_user(
            cls.env, login="print_crm_service-survey", groups="survey.group_survey_manager"
        )

    def _deliver(self, job=None):
        job = job or self.job
        job.with_user(self.production_user).write({"stage_id": self.stage["delivered"].id})
        return job

    def _run(self, today=None):
        return self.Callback._print_create_callbacks(today=today)

    def _assert_none_planned(self, today=None, msg=None):
        again = self._run(today=today)
        self.assertFalse(
            again, msg or again.read(["rule_id", "res_model", "res_id", "occurrence", "due_date"])
        )

    def _callbacks(self, record):
        return self.Callback.search([("res_model", "=", record._name), ("res_id", "=", record.id)])

    def _activities(self, record, activity_type=None):
        domain = [("res_model", "=", record._name), ("res_id", "=", record.id)]
        if activity_type:
            domain.append(("activity_type_id", "=", activity_type.id))
        return self.env["mail.activity"].search(domain)


@tagged("post_install", "-at_install")
class TestCallbackPlanning(PrintCallbackCommon):
    def test_delivered_job_gets_one_call_two_days_later(self):
        self._deliver()
        self.assertFalse(self._callbacks(self.job), "the cron plans callbacks, not the move")
        created = self._run()
        callback = self._callbacks(self.job)
        self.assertEqual(len(callback), 1)
        self.assertIn(callback, created)
        self.assertEqual(callback.rule_id, self.rule_delivered)
        self.assertEqual(callback.partner_id, self.customer)
        self.assertEqual(callback.job_id, self.job)
        self.assertEqual(callback.due_date, self.job.date_done.date() + timedelta(days=2))
        self.assertEqual(callback.user_id, self.salesperson, "the customer's salesperson calls")
        self.assertEqual(callback.state, "planned")
        activity = self._activities(self.job, self.env.ref("mail.mail_activity_data_call"))
        self.assertEqual(len(activity), 1)
        self.assertEqual(callback.activity_id, activity)
        self.assertEqual(activity.user_id, self.salesperson)
        self.assertEqual(activity.date_deadline, callback.due_date)
        self.assertEqual(activity.summary, "Follow-up call after delivery")

        # The cron runs again (the next day, or twice the same day): nothing more.
        self._assert_none_planned()
        self._assert_none_planned(today=fields.Date.today() + timedelta(days=1))
        self.assertEqual(len(self._callbacks(self.job)), 1)
        self.assertEqual(len(self._activities(self.job)), 1)

    def test_job_not_delivered_gets_none(self):
        self._run()
        self.assertFalse(self._callbacks(self.job))

    def test_resolved_ticket_gets_one_call_to_its_assignee(self):
        ticket = self._ticket()
        self._to_approved(ticket)
        self._run()
        self.assertFalse(self._callbacks(ticket), "not resolved yet")
        ticket.with_user(self.desk).action_print_resolve()
        self._run()
        callback = self._callbacks(ticket)
        self.assertEqual(len(callback), 1)
        self.assertEqual(callback.rule_id, self.rule_resolved)
        self.assertEqual(callback.ticket_id, ticket)
        self.assertEqual(callback.job_id, self.job)
        self.assertEqual(callback.partner_id, self.customer)
        self.assertEqual(callback.due_date, ticket.print_resolved_date.date() + timedelta(days=2))
        self.assertEqual(callback.user_id, ticket.user_id or self.leader)
        self.assertEqual(len(self._activities(ticket)), 1)
        self._assert_none_planned()
        self.assertEqual(len(self._callbacks(ticket)), 1)
        self.assertEqual(len(self._activities(ticket)), 1)

    def test_reopened_ticket_resolved_again_is_called_back_again(self):
        ticket = self._ticket()
        self._to_approved(ticket)
        ticket.with_user(self.desk).action_print_resolve()
        self._run()
        ticket._print_reopen("The reprint is too dark as well.")
        self._investigate(ticket)
        ticket.with_user(self.leader).action_print_propose()
        ticket.with_user(self.service_manager).action_print_approve()
        ticket.with_user(self.desk).action_print_resolve()
        self._run()
        self.assertEqual(self._callbacks(ticket).mapped("occurrence"), [1, 0])
        self._assert_none_planned()

    def test_first_order_anniversary_then_yearly(self):
        order = self.job.sale_order_id
        first_day = fields.Date.today() - timedelta(days=360)
        order.date_order = fields.Datetime.to_datetime(first_day)
        self._run()
        visit = self._callbacks(self.customer)
        self.assertEqual(len(visit), 1, "planned 30 days ahead of the anniversary")
        self.assertEqual(visit.rule_id, self.rule_first)
        self.assertEqual(visit.order_id, order)
        self.assertEqual(visit.due_date, first_day + timedelta(days=365))
        self.assertEqual(visit.user_id, self.salesperson)
        visit_type = self.env.ref("print_crm_service.mail_activity_type_visit")
        self.assertEqual(len(self._activities(self.customer, visit_type)), 1)
        self._assert_none_planned()

        # Two and three years later: one yearly visit each, however often the cron runs.
        in_two_years = first_day + timedelta(days=365) + relativedelta(years=1)
        self._run(today=in_two_years)
        self._run(today=in_two_years)
        yearly = self._callbacks(self.customer).filtered(lambda c: c.rule_id == self.rule_yearly)
        self.assertEqual(len(yearly), 1)
        self.assertEqual(yearly.occurrence, 2)
        self.assertEqual(yearly.due_date, in_two_years)
        self._run(today=in_two_years + relativedelta(years=1))
        yearly = self._callbacks(self.customer).filtered(lambda c: c.rule_id == self.rule_yearly)
        self.assertEqual(sorted(yearly.mapped("occurrence")), [2, 3])
        self.assertEqual(len(self._activities(self.customer, visit_type)), 3)

    def test_only_the_first_order_counts(self):
        order = self.job.sale_order_id
        order.date_order = fields.Datetime.now() - timedelta(days=365)
        later = self._order()
        later.date_order = fields.Datetime.now() - timedelta(days=200)
        self._run()
        visit = self._callbacks(self.customer)
        self.assertEqual(len(visit), 1)
        self.assertEqual(visit.order_id, order)

    def test_rule_start_date_keeps_old_events_out(self):
        self._deliver()
        self.rule_delivered.date_start = fields.Date.today() + timedelta(days=10)
        self._run()
        self.assertFalse(self._callbacks(self.job))

    def test_archived_rule_plans_nothing(self):
        self._deliver()
        self.rule_delivered.active = False
        self._run()
        self.assertFalse(self._callbacks(self.job))

    def test_fixed_user_and_fallback(self):
        self.rule_delivered.write({"responsible": "fixed", "user_id": self.desk.id})
        self._deliver()
        self._run()
        self.assertEqual(self._callbacks(self.job).user_id, self.desk)

    def test_no_salesperson_falls_back_to_the_jobs_responsible(self):
        self.customer.user_id = False
        self.job.user_id = self.production_manager
        self._deliver()
        self._run()
        self.assertEqual(self._callbacks(self.job).user_id, self.job.user_id)


@tagged("post_install", "-at_install")
class TestCallbackIdempotence(PrintCallbackCommon):
    """What two cron runs at once would do, in one transaction: the INSERT skips rows that
    exist (ON CONFLICT DO NOTHING on the unique key) and returns only its own."""

    def test_insert_twice_returns_nothing_the_second_time(self):
        self._deliver()
        today = fields.Date.today()
        first = self.Callback._print_insert_callbacks("job_delivered", today)
        self.assertEqual(len(first), 1)
        self.assertEqual(self.Callback._print_insert_callbacks("job_delivered", today), [])
        self.assertEqual(len(self._callbacks(self.job)), 1)

    def test_a_row_inserted_by_another_run_is_kept_alone(self):
        """The other worker's row is there first: this run inserts none and schedules no
        activity for it."""
        self._deliver()
        other = (
            self.Callback.sudo()
            ._print_decide()
            .create(
                {
                    "rule_id": self.rule_delivered.id,
                    "company_id": self.company.id,
                    "event": "job_delivered",
                    "res_model": "print.job",
                    "res_id": self.job.id,
                    "occurrence": 0,
                    "partner_id": self.customer.id,
                    "due_date": fields.Date.today(),
                    "user_id": self.desk.id,
                }
            )
        )
        created = self._run()
        self.assertNotIn(other, created)
        self.assertEqual(self._callbacks(self.job), other)
        self.assertFalse(self._activities(self.job), "the other run schedules its activity")

    def test_the_database_refuses_a_duplicate(self):
        self._deliver()
        callback = self._run()
        values = {
            "rule_id": callback.rule_id.id,
            "company_id": callback.company_id.id,
            "event": callback.event,
            "res_model": callback.res_model,
            "res_id": callback.res_id,
            "occurrence": callback.occurrence,
            "due_date": callback.due_date,
        }
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(psycopg2.errors.UniqueViolation),
            self.cr.savepoint(),
        ):
            self.Callback.sudo()._print_decide().create(values)
            self.env.flush_all()

    def test_conflicting_insert_statement_keeps_one(self):
        """The statement itself: the same candidates inserted by a second statement that
        does not see the first's rows (as another transaction would not) conflict on the
        unique key and are skipped."""
        self._deliver()
        today = fields.Date.today()
        self.Callback._print_insert_callbacks("job_delivered", today)
        self.env.cr.execute(
            """
            INSERT INTO print_service_callback (rule_id, company_id, event, res_model, res_id,
                   occurrence, due_date, state, done_on_time)
            SELECT rule_id, company_id, event, res_model, res_id, occurrence, due_date,
                   'planned', FALSE
              FROM print_service_callback WHERE res_model = 'print.job' AND res_id = %s
            ON CONFLICT (rule_id, res_model, res_id, occurrence) DO NOTHING
            RETURNING id
            """,
            [self.job.id],
        )
        self.assertEqual(self.env.cr.fetchall(), [])
        self.assertEqual(len(self._callbacks(self.job)), 1)


@tagged("post_install", "-at_install")
class TestCallbackPerforming(PrintCallbackCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.job.with_user(cls.production_user).write({"stage_id": cls.stage["delivered"].id})
        cls.callback = (
            cls.env["print.service.callback"]
            ._print_create_callbacks()
            .filtered(lambda c: c.job_id == cls.job)
        )

    def test_desk_marks_it_done(self):
        callback = self.callback.with_user(self.desk)
        callback.note = "Happy with the catalogue; wants a quote for the next season."
        callback.action_print_done()
        self.assertEqual(callback.state, "done")
        self.assertEqual(callback.done_by_id, self.desk)
        self.assertTrue(callback.done_date)
        self.assertTrue(callback.done_on_time)
        self.assertFalse(self._activities(self.job), "the activity is done")
        self.assertFalse(callback.activity_id)
        done = self.job.message_ids.filtered(
            lambda m: "wants a quote for the next season" in (m.body or "")
        )
        self.assertTrue(done, "the notes go to the job's history with the done activity")
        with self.assertRaisesText(UserError, "is Done already"):
            callback.action_print_done()

    def test_done_late_is_not_on_time(self):
        with freeze_time(fields.Datetime.now() + timedelta(days=5)):
            self.callback.with_user(self.desk).action_print_done()
        self.assertEqual(self.callback.state, "done")
        self.assertFalse(self.callback.done_on_time)

    def test_salesperson_marks_the_activity_done(self):
        self.callback.activity_id.with_user(self.salesperson).action_feedback("Called, all fine.")
        self.assertEqual(self.callback.state, "done")
        self.assertEqual(self.callback.done_by_id, self.salesperson)
        self.assertTrue(self.callback.done_on_time)

    def test_activity_deleted_cancels(self):
        self.callback.activity_id.with_user(self.salesperson).unlink()
        self.assertEqual(self.callback.state, "cancelled")
        self._assert_none_planned(msg="a cancelled callback is not planned again")

    def test_cancel(self):
        self.callback.with_user(self.desk).action_print_cancel()
        self.assertEqual(self.callback.state, "cancelled")
        self.assertFalse(self._activities(self.job))
        self._assert_none_planned()

    def test_send_questionnaire(self):
        self.rule_delivered.survey_id = self.survey
        self.job.partner_id = self.customer_contact
        self.callback.with_user(self.desk).action_print_send_survey()
        answer = self.callback.user_input_id
        self.assertTrue(answer)
        self.assertEqual(answer.survey_id, self.survey)
        self.assertEqual(answer.partner_id, self.customer_contact)
        self.assertEqual(answer.print_callback_id, self.callback)
        self.assertEqual(answer.print_partner_id, self.customer)
        self.assertEqual(answer.print_job_id, self.job)
        message = self.job.message_ids.filtered(lambda m: answer.access_token in (m.body or ""))
        self.assertEqual(message.partner_ids, self.customer_contact)
        # Sent again before it is answered: the same answer.
        self.callback.with_user(self.desk).action_print_send_survey()
        self.assertEqual(self.callback.user_input_id, answer)

    def test_answer_questionnaire_on_the_phone(self):
        self.rule_delivered.survey_id = self.survey
        action = self.callback.with_user(self.desk).action_print_answer_survey()
        answer = self.callback.user_input_id
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertIn(self.survey.access_token, action["url"])
        self.assertIn(answer.access_token, action["url"])
        self.assertEqual(answer.partner_id, self.desk.partner_id)
        self.assertEqual(answer.print_partner_id, self.customer)

    def test_questionnaire_needs_one(self):
        with self.assertRaisesText(UserError, "head office sets it on the rule"):
            self.callback.with_user(self.desk).action_print_answer_survey()

    def test_questionnaire_needs_an_address(self):
        self.rule_delivered.survey_id = self.survey
        self.customer_contact.email = False
        self.job.partner_id = self.customer_contact
        with self.assertRaisesText(UserError, "has no e-mail address"):
            self.callback.with_user(self.desk).action_print_send_survey()


@tagged("post_install", "-at_install")
class TestCallbackSecurity(PrintCallbackCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.job.with_user(cls.production_user).write({"stage_id": cls.stage["delivered"].id})
        cls.callback = (
            cls.env["print.service.callback"]
            ._print_create_callbacks()
            .filtered(lambda c: c.job_id == cls.job)
        )

    def test_delay_must_be_positive(self):
        for delay in (0, -3):
            with self.assertRaisesText(ValidationError, "Delay (days) must be at least 1 day"):
                self.env["print.service.callback.rule"].with_user(self.service_manager).create(
                    {"name": "Too soon", "event": "job_delivered", "delay": delay}
                )
        with self.assertRaisesText(ValidationError, "Delay (days) must be at least 1 day"):
            self.rule_delivered.with_user(self.service_manager).delay = 0

    def test_fixed_rule_needs_its_user(self):
        with self.assertRaisesText(ValidationError, "Fixed / Fallback User is required"):
            self.rule_delivered.with_user(self.service_manager).responsible = "fixed"

    def test_managers_configure_rules_users_do_not(self):
        self.rule_delivered.with_user(self.service_manager).delay = 3
        self.assertEqual(self.rule_delivered.with_user(self.desk).delay, 3)
        with self.assertRaises(AccessError):
            self.rule_delivered.with_user(self.desk).delay = 1
        with self.assertRaises(AccessError):
            self.env["print.service.callback.rule"].with_user(self.desk).create(
                {"name": "Mine", "event": "job_delivered", "delay": 1}
            )

    def test_decisions_refused_on_direct_write(self):
        for user in (self.desk, self.service_manager):
            for values in (
                {"state": "done"},
                {"done_by_id": user.id},
                {"done_date": fields.Datetime.now()},
                {"activity_id": False},
                {"user_id": user.id},
                {"due_date": fields.Date.today()},
                {"job_id": False},
            ):
                with self.subTest(user=user.login, values=values):
                    with self.assertRaisesText(UserError, "records a decision"):
                        self.callback.with_user(user).write(values)
        self.assertEqual(self.callback.state, "planned")
        self.callback.with_user(self.desk).note = "Left a message."

    def test_nobody_creates_or_deletes_callbacks(self):
        for user in (self.desk, self.service_manager):
            with self.assertRaises(UserError):  # AccessError is a UserError
                self.Callback.with_user(user).create(
                    {"rule_id": self.rule_delivered.id, "res_model": "print.job", "res_id": 1}
                )
            with self.assertRaises(AccessError):
                self.callback.with_user(user).unlink()

    def test_lower_groups_cannot_read_or_perform(self):
        for user in (self.salesperson, self.helpdesk_user, self.production_user):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.callback.with_user(user).read(["state"])
                for action in (
                    "action_print_done",
                    "action_print_cancel",
                    "action_print_answer_survey",
                    "action_print_send_survey",
                ):
                    with self.assertRaises(AccessError):
                        getattr(self.callback.with_user(user), action)()
        self.assertEqual(self.callback.state, "planned")

    def test_answer_link_refused_on_direct_write(self):
        self.rule_delivered.survey_id = self.survey
        self.callback.with_user(self.desk).action_print_answer_survey()
        answer = self.callback.user_input_id
        with self.assertRaises(UserError):  # the field's groups, or the decision
            answer.with_user(self.survey_manager).print_callback_id = False
        both = new_test_user(
            self.env,
            login="print_crm_service-both",
            groups="print_crm_service.group_service_user,survey.group_survey_user",
        )
        with self.assertRaisesText(UserError, "records a decision"):
            answer.with_user(both).print_callback_id = False
        with self.assertRaisesText(UserError, "records a decision"):
            self.callback.with_user(both).user_input_id = False

    def test_other_company(self):
        other = self.env["res.company"].create({"name": "Branch Print (test)"})
        job = (
            self.env["print.job"]
            .with_company(other)
            .create(
                {
                    "title": "Branch flyer",
                    "company_id": other.id,
                    "partner_id": self.customer2.id,
                    "due_date": fields.Datetime.now(),
                    "user_id": self.service_manager.id,
                }
            )
        )
        job.with_company(other).write({"stage_id": self.stage["delivered"].id})
        self._run()
        self.assertFalse(self._callbacks(job), "the shop's rules are for the shop's jobs")
        rule = self.rule_delivered.copy({"company_id": other.id, "name": "Branch call"})
        self._run()
        callback = self._callbacks(job)
        self.assertEqual(callback.rule_id, rule)
        self.assertEqual(callback.company_id, other)
        self.assertFalse(self.Callback.with_user(self.desk).search([("id", "=", callback.id)]))
        with self.assertRaises(AccessError):
            callback.with_user(self.desk).action_print_done()
        self.assertEqual(callback.state, "planned")
        self.assertFalse(
            self.env["print.service.callback.rule"]
            .with_user(self.desk)
            .search([("id", "=", rule.id)])
        )


@tagged("post_install", "-at_install")
class TestCallbackTwoWorkers(BaseCase):
    """Two cron runs at once, each on its own connection, as two Odoo workers would run
    them (the scheduled run and a manual one): one callback and one activity. The job is
    committed for the workers to see it, and deleted afterwards."""

    def test_two_workers_plan_one_callback(self):
        registry = Registry(get_db_name())
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            admin = env.ref("base.user_admin")
            partner = env["res.partner"].create(
                {"name": "Two Workers Ltd (test)", "is_company": True, "user_id": admin.id}
            )
            job = env["print.job"].create(
                {
                    "title": "Two workers (test)",
                    "partner_id": partner.id,
                    "due_date": fields.Datetime.now(),
                    "user_id": admin.id,
                }
            )
            job.write({"stage_id": env.ref("print_crm_tracking.stage_delivered").id})
            job_id, partner_id = job.id, partner.id
        try:
            barrier = threading.Barrier(2, timeout=60)
            results = {}

            def worker(name):
                try:
                    with registry.cursor() as cr:
                        # The registry is given: Registry(name) waits for the registry
                        # lock, which the test runner holds while tests run.
                        cr.transaction = api.Transaction(registry)
                        env = api.Environment(cr, SUPERUSER_ID, {})
                        barrier.wait()
                        created = env["print.service.callback"]._print_create_callbacks()
                        results[name] = created.filtered(lambda c: c.job_id.id == job_id).ids
                        time.sleep(0.5)  # its rows stay uncommitted while the other inserts
                except Exception as error:  # noqa: BLE001 - reported by the assertion below
                    results[name] = traceback.format_exception(error)

            threads = [threading.Thread(target=worker, args=(name,)) for name in "ab"]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
            stuck = [thread for thread in threads if thread.is_alive()]
            frames = sys._current_frames()
            self.assertFalse(
                stuck,
                "".join("".join(traceback.format_stack(frames[thread.ident])) for thread in stuck),
            )
            self.assertEqual(
                sorted(len(ids) for ids in results.values()),
                [0, 1],
                "".join(str(value) for value in results.values()),
            )
            with registry.cursor() as cr:
                cr.execute(
                    "SELECT count(*) FROM print_service_callback WHERE job_id = %s", [job_id]
                )
                self.assertEqual(cr.fetchone()[0], 1)
                cr.execute(
                    "SELECT count(*) FROM mail_activity WHERE res_model = 'print.job'"
                    " AND res_id = %s",
                    [job_id],
                )
                self.assertEqual(cr.fetchone()[0], 1)
        finally:
            with registry.cursor() as cr:
                cr.execute("DELETE FROM print_service_callback WHERE job_id = %s", [job_id])
                for model, res_id in (("print.job", job_id), ("res.partner", partner_id)):
                    cr.execute(
                        "DELETE FROM mail_activity WHERE res_model = %s AND res_id = %s",
                        [model, res_id],
                    )
                    cr.execute(
                        "DELETE FROM mail_followers WHERE res_model = %s AND res_id = %s",
                        [model, res_id],
                    )
                    cr.execute(
                        "DELETE FROM mail_message WHERE model = %s AND res_id = %s",
                        [model, res_id],
                    )
                cr.execute("DELETE FROM print_job WHERE id = %s", [job_id])
                cr.execute("DELETE FROM res_partner WHERE id = %s", [partner_id])
