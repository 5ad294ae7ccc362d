# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from datetime import timedelta

from openpyxl import load_workbook

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .test_service_statistics import StatisticsCommon


class AnswerCommon(StatisticsCommon):
    """Two questionnaires head office sets on the callback rules, answered on callbacks of
    the two regions: one scored (print quality, with a 0-10 scale), one not (a 1-5 scale
    on how a complaint was handled)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Answers = cls.env["print.service.answer.analysis"]
        Survey = cls.env["survey.survey"]
        cls.survey_delivery = Survey.create(
            {
                "title": "After your delivery (test)",
                "access_mode": "token",
                "scoring_type": "scoring_without_answers",
                "question_and_page_ids": [
                    Command.create(
                        {
                            "title": "How was the print quality?",
                            "question_type": "simple_choice",
                            "suggested_answer_ids": [
                                Command.create({"value": "Excellent", "answer_score": 10}),
                                Command.create({"value": "Good", "answer_score": 5}),
                                Command.create({"value": "Poor", "answer_score": 0}),
                            ],
                        }
                    ),
                    Command.create(
                        {
                            "title": "Would you recommend us?",
                            "question_type": "scale",
                            "scale_min": 0,
                            "scale_max": 10,
                        }
                    ),
                ],
            }
        )
        cls.quality, cls.recommend = cls.survey_delivery.question_ids
        cls.excellent, cls.good, cls.poor = cls.quality.suggested_answer_ids
        cls.survey_ticket = Survey.create(
            {
                "title": "After your complaint (test)",
                "access_mode": "token",
                "scoring_type": "no_scoring",
                "question_and_page_ids": [
                    Command.create(
                        {
                            "title": "How well was it handled?",
                            "question_type": "scale",
                            "scale_min": 1,
                            "scale_max": 5,
                        }
                    ),
                ],
            }
        )
        cls.handled = cls.survey_ticket.question_ids
        cls.rule_resolved = cls.env.ref("print_crm_service.callback_rule_ticket_resolved")

    def _ticket_callback(self, ticket, user, done_by=None):
        """A callback after ``ticket`` for ``user``; done by ``done_by`` if given."""
        values = {
            "rule_id": self.rule_resolved.id,
            "company_id": self.env.company.id,
            "event": self.rule_resolved.event,
            "res_model": "helpdesk.ticket",
            "res_id": ticket.id,
            "occurrence": next(self._occurrences),
            "partner_id": ticket.commercial_partner_id.id,
            "job_id": ticket.print_job_id.id,
            "ticket_id": ticket.id,
            "due_date": fields.Date.today(),
            "user_id": user.id,
        }
        if done_by:
            values.update(state="done", done_by_id=done_by.id, done_date=self.now)
        return self.env["print.service.callback"]._print_decide().create(values)

    def _answer(self, callback, survey, lines, done=True):
        """The customer's answer to ``survey`` on ``callback``: ``lines`` maps a question to
        its answer (a suggested answer or a scale value); completed if ``done``."""
        answer = survey._create_answer(partner=callback.partner_id, check_attempts=False)
        answer._print_decide("print_callback_id").write({"print_callback_id": callback.id})
        for question, value in lines.items():
            value = value.id if hasattr(value, "id") else str(value)
            answer._save_lines(question, value)
        if done:
            answer._mark_done()
        self.env.flush_all()
        return answer

    def _answers(self):
        """Desk Dora's delivery callbacks: East answered Excellent (100 %) recommending 8,
        South answered Good (50 %) recommending 10, East started another and left it;
        Leader Li's callback after ticket_a (East), not marked done: handled 4 of 1-5."""
        east = self._callback(self.job, self.customer, 0, 0, self.desk)
        south = self._callback(self.job_b, self.customer2, 0, 0, self.desk)
        after_ticket = self._ticket_callback(self.ticket_a, self.leader)
        return {
            "east": self._answer(
                east, self.survey_delivery, {self.quality: self.excellent, self.recommend: 8}
            ),
            "south": self._answer(
                south, self.survey_delivery, {self.quality: self.good, self.recommend: 10}
            ),
            "open": self._answer(east, self.survey_delivery, {self.quality: self.poor}, done=False),
            "ticket": self._answer(after_ticket, self.survey_ticket, {self.handled: 4}),
            "callbacks": (east, south, after_ticket),
        }

    def _figures(self, groupby, user=None, domain=()):
        Answers = self.Answers.with_user(user) if user else self.Answers
        measures = [
            "answer_count:sum",
            "completed_count:sum",
            "score:avg",
            "scored_count:sum",
            "rating:avg",
        ]
        names = [m.split(":")[0] for m in measures]
        surveys = (self.survey_delivery | self.survey_ticket).ids
        return {
            row[0]: dict(zip(names, row[1:], strict=True))
            for row in Answers._read_group(
                [("survey_id", "in", surveys), *domain], [groupby], measures
            )
        }


@tagged("post_install", "-at_install")
class TestAnswerAnalysis(AnswerCommon):
    """One row per answer to a callback's questionnaire: by survey, person, region; the
    completed answers, the average score of scored surveys, the scale rating; a branch
    reads its own region's rows."""

    def test_row_knows_callback_customer_job_ticket_and_person(self):
        answers = self._answers()
        east, _south, after_ticket = answers["callbacks"]
        row = self.Answers.browse(answers["east"].id)
        self.assertEqual(row.user_input_id, answers["east"])
        self.assertEqual((row.survey_id, row.callback_id), (self.survey_delivery, east))
        self.assertEqual((row.rule_id.event, row.event), ("job_delivered", "job_delivered"))
        self.assertEqual((row.partner_id, row.print_region_id), (self.customer, self.east))
        self.assertEqual((row.job_id, row.ticket_id), (self.job, self.ticket_a.browse()))
        self.assertEqual((row.user_id, row.company_id), (self.desk, self.env.company))
        self.assertEqual((row.state, row.completed), ("done", True))
        self.assertEqual(row.date, answers["east"].end_datetime)
        self.assertAlmostEqual(row.score, 100.0, places=2)
        self.assertAlmostEqual(row.rating, 80.0, places=2)
        # Not done yet: its responsible is who calls; the ticket's kind, cause, department.
        self.ticket_a.write({"team_id": self.team_press.id})
        self.ticket_a._print_decide().write({"print_cause_id": self.cause_colour.id})
        self.env.flush_all()
        row = self.Answers.browse(answers["ticket"].id)
        self.assertEqual((row.callback_id, row.event), (after_ticket, "ticket_resolved"))
        self.assertEqual((row.ticket_id, row.job_id), (self.ticket_a, self.job))
        self.assertEqual((row.print_kind, row.cause_id), ("complaint", self.cause_colour))
        self.assertEqual((row.team_id, row.user_id), (self.team_press, self.leader))
        self.assertFalse(row.score, "an unscored questionnaire has no score")
        self.assertEqual(row.scored_count, 0)
        self.assertAlmostEqual(row.rating, 75.0, places=2, msg="4 on 1-5 is 75 % of the scale")
        # Started, not completed: counted as an answer, without score.
        row = self.Answers.browse(answers["open"].id)
        self.assertEqual((row.state, row.completed, row.completed_count), ("new", False, 0))
        self.assertFalse(row.score)

    def test_figures_per_survey_person_and_region(self):
        self._answers()
        by_survey = self._figures("survey_id")
        delivery = by_survey[self.survey_delivery]
        self.assertEqual((delivery["answer_count"], delivery["completed_count"]), (3, 2))
        self.assertEqual(delivery["scored_count"], 2)
        self.assertAlmostEqual(delivery["score"], 75.0, places=2, msg="(100 + 50) / 2")
        self.assertAlmostEqual(delivery["rating"], 90.0, places=2, msg="(80 + 100) / 2")
        ticket = by_survey[self.survey_ticket]
        self.assertEqual((ticket["answer_count"], ticket["completed_count"]), (1, 1))
        self.assertFalse(ticket["score"])
        self.assertAlmostEqual(ticket["rating"], 75.0, places=2)

        by_person = self._figures("user_id")
        self.assertEqual(by_person[self.desk]["answer_count"], 3)
        self.assertAlmostEqual(by_person[self.desk]["score"], 75.0, places=2)
        self.assertEqual(by_person[self.leader]["completed_count"], 1)
        self.assertFalse(by_person[self.leader]["score"])

        by_region = self._figures("print_region_id")
        self.assertEqual(by_region[self.east]["answer_count"], 3)
        self.assertEqual(by_region[self.east]["completed_count"], 2)
        self.assertAlmostEqual(by_region[self.east]["score"], 100.0, places=2)
        self.assertAlmostEqual(by_region[self.east]["rating"], (80 + 75) / 2, places=2)
        self.assertAlmostEqual(by_region[self.south]["score"], 50.0, places=2)

        # The search filters: completed, after a delivery / a ticket, visits.
        self.assertEqual(len(self.Answers.search([("completed", "=", True)])), 3)
        self.assertEqual(len(self.Answers.search([("event", "=", "job_delivered")])), 3)
        self.assertEqual(len(self.Answers.search([("event", "=", "ticket_resolved")])), 1)
        self.assertFalse(self.Answers.search([("event", "in", ("first_order", "yearly"))]))

    def test_test_entries_and_answers_without_callback_are_left_out(self):
        answers = self._answers()
        lone = self.survey_delivery._create_answer(partner=self.customer, check_attempts=False)
        tried = self.survey_delivery._create_answer(
            partner=self.customer, check_attempts=False, test_entry=True
        )
        tried._print_decide("print_callback_id").write(
            {"print_callback_id": answers["callbacks"][0].id}
        )
        self.env.flush_all()
        rows = self.Answers.search([]).user_input_id
        self.assertNotIn(lone, rows)
        self.assertNotIn(tried, rows)
        self.assertIn(answers["east"], rows)

    def test_ticket_analysis_shows_the_questionnaire_score_after_the_ticket(self):
        after_ticket = self._ticket_callback(self.ticket_b, self.desk, done_by=self.desk)
        self._answer(after_ticket, self.survey_delivery, {self.quality: self.good})
        later = self._answer(after_ticket, self.survey_delivery, {self.quality: self.excellent})
        self.env.cr.execute(
            "UPDATE survey_user_input SET end_datetime = %s WHERE id = %s",
            (self.now + timedelta(hours=1), later.id),
        )
        # An unscored questionnaire after ticket_a gives it no score.
        self._answer(
            self._ticket_callback(self.ticket_a, self.leader), self.survey_ticket, {self.handled: 2}
        )
        self.assertAlmostEqual(self._row(self.ticket_b).questionnaire_score, 100.0, places=2)
        self.assertFalse(self._row(self.ticket_a).questionnaire_score)
        [total] = self.Analysis.read_group(
            [("ticket_id", "in", (self.ticket_a | self.ticket_b).ids)],
            ["questionnaire_score:avg"],
            [],
        )
        self.assertAlmostEqual(total["questionnaire_score"], 100.0, places=2)

    def test_branch_reads_only_its_regions_rows(self):
        answers = self._answers()
        east = self.Answers.with_user(self.branch_east).search([])
        self.assertIn(answers["east"], east.user_input_id)
        self.assertIn(answers["ticket"], east.user_input_id)
        self.assertNotIn(answers["south"], east.user_input_id)
        self.assertEqual(east.print_region_id, self.east)
        south = self._figures("survey_id", user=self.branch_south)
        self.assertEqual(south[self.survey_delivery]["answer_count"], 1)
        self.assertAlmostEqual(south[self.survey_delivery]["score"], 50.0, places=2)
        self.assertNotIn(self.survey_ticket, south)
        head = self.Answers.with_user(self.head_office).search([]).user_input_id
        self.assertLessEqual(answers["east"] | answers["south"] | answers["ticket"], head)

    def test_service_users_read_with_no_rights_on_surveys(self):
        answers = self._answers()
        self.assertFalse(self.desk.has_group("survey.group_survey_user"))
        rows = self.Answers.with_user(self.desk).search(
            [("user_input_id", "=", answers["east"].id)]
        )
        [values] = rows.web_read({"survey_id": {"fields": {"display_name": {}}}, "score": {}})
        self.assertEqual(values["survey_id"]["display_name"], self.survey_delivery.title)
        groups = self.Answers.with_user(self.desk).web_read_group(
            [("survey_id", "=", self.survey_delivery.id)], ["answer_count:sum"], ["survey_id"]
        )["groups"]
        self.assertEqual(groups[0]["survey_id"][1], self.survey_delivery.title)
        self.assertEqual(groups[0]["answer_count"], 3)

    def test_lower_groups_cannot_read_nobody_writes(self):
        answers = self._answers()
        self.assertTrue(self.Answers.with_user(self.desk).search([]))
        for user in (self.helpdesk_user, self.production_user, self.customer_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.Answers.with_user(user).search([])
        row = self.Answers.browse(answers["east"].id)
        with self.assertRaises(AccessError):
            row.with_user(self.service_manager).write({"score": 0})
        with self.assertRaises(AccessError):
            self.Answers.with_user(self.service_manager).create({})
        with self.assertRaises(AccessError):
            row.with_user(self.service_manager).unlink()


@tagged("post_install", "-at_install")
class TestAnswerScorecard(AnswerCommon):
    """The staff scorecard counts the questionnaires answered on each person's callbacks,
    in the month of the answer, with their average score right at every grouping."""

    def _scorecard(self, groupby, user=None, domain=()):
        Scorecard = self.Scorecard.with_user(user) if user else self.Scorecard
        self.env.flush_all()
        measures = ["answer_count:sum", "answer_score:avg", "callback_count:sum"]
        return {
            tuple(row[: len(groupby)]): row[len(groupby) :]
            for row in Scorecard._read_group(list(domain), list(groupby), measures)
        }

    def test_answered_and_average_score_per_person(self):
        answers = self._answers()
        # Desk Dora also handles ticket_b: a row without score must not lower her average.
        self.ticket_a.user_id = self.leader
        self.ticket_b.user_id = self.desk
        by_person = self._scorecard(["user_id"])
        self.assertEqual(by_person[(self.desk,)][:2], (2, 75.0), "the open answer counts not")
        self.assertEqual(by_person[(self.desk,)][2], 2, "two callbacks done")
        self.assertEqual(by_person[(self.leader,)][0], 1)
        self.assertFalse(by_person[(self.leader,)][1], "no scored answer: no average")
        rows = self.Scorecard.search([("kind", "=", "answer")])
        self.assertEqual(len(rows.filtered(lambda r: r.user_id == self.desk)), 2)
        row = rows.filtered(lambda r: r.callback_id == answers["callbacks"][2])
        self.assertEqual((row.ticket_id, row.partner_id), (self.ticket_a, self.customer))
        self.assertEqual(row.print_region_id, self.east)
        [total] = self.Scorecard.read_group(
            [("user_id", "=", self.desk.id)], ["answer_score:avg", "ticket_count:sum"], []
        )
        self.assertEqual((total["answer_score"], total["ticket_count"]), (75.0, 1))

    def test_each_answer_in_its_own_month(self):
        answers = self._answers()
        # The East answer came 40 days after the call; South's today.
        self.env.cr.execute(
            "UPDATE survey_user_input SET end_datetime = %s WHERE id = %s",
            (self.now - timedelta(days=40), answers["east"].id),
        )
        self.env.invalidate_all()
        month = self._scorecard(["user_id", "date:month"], domain=[("kind", "=", "answer")])
        months = {key[1]: values for key, values in month.items() if key[0] == self.desk}
        self.assertEqual(len(months), 2)
        first, second = sorted(months)
        self.assertEqual(months[first][:2], (1, 100.0))
        self.assertEqual(months[second][:2], (1, 50.0))
        row = self.Scorecard.search([("id", "=", answers["east"].id * 8 + 5)])
        self.assertEqual((row.kind, row.date), ("answer", self.now - timedelta(days=40)))

    def test_branch_counts_its_regions_answers(self):
        self._answers()
        east = self._scorecard(["user_id"], user=self.branch_east)
        self.assertEqual(east[(self.desk,)][:2], (1, 100.0))
        south = self._scorecard(["user_id"], user=self.branch_south)
        self.assertEqual(south[(self.desk,)][:2], (1, 50.0))
        self.assertNotIn((self.leader,), south)

    def test_workbook_columns(self):
        self._answers()
        content = self.Scorecard.with_user(self.head_office)._print_scorecard_workbook(
            [("kind", "=", "answer")]
        )
        book = load_workbook(io.BytesIO(content))
        for name in ("By Employee", "By Month"):
            with self.subTest(sheet=name):
                sheet = book[name]
                header = [cell.value for cell in sheet[3]]
                answered = header.index("Questionnaires Answered")
                score = header.index("Average Questionnaire Score (%)")
                lines = {
                    row[0]: row for row in sheet.iter_rows(min_row=4, values_only=True) if row[0]
                }
                desk = lines[self.desk.name]
                self.assertEqual((desk[answered], desk[score]), (2, 0.75))
                self.assertEqual(sheet.cell(4, score + 1).number_format, "0.0%")
                self.assertIsNone(lines[self.leader.name][score], "no scored answer: blank")


@tagged("post_install", "-at_install")
class TestAnswerAnalysisTour(AnswerCommon, HttpCase):
    """The report in the browser, as a service user without rights on surveys: the pivot
    by questionnaire, the period and event filters, the group by region, the list."""

    def test_questionnaire_answers_in_the_browser(self):
        self._answers()
        self.browser_size = "1366x768"
        self.start_tour(
            "/odoo/action-print_crm_service.print_service_answer_analysis_action",
            "print_crm_service_answer_analysis_tour",
            login=self.desk.login,
        )
