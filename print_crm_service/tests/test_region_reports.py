# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged

from .test_regions import REGION_ONLY, RegionsCommon

# Who reads Odoo's invoicing report and the questionnaires' answers, besides the branch's
# rights (RegionsCommon): Billing, and Surveys officer.
REPORT_GROUPS = ("account.group_account_invoice", "survey.group_survey_user")


class RegionReportsCommon(RegionsCommon):
    """Region East's and region South's sales, invoices and questionnaire answers, read by
    a branch of each (Own Region Only) and by head office, all with the rights to read
    Odoo's sales and invoicing reports and the surveys' answers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        extra = [Command.link(cls.env.ref(xmlid).id) for xmlid in REPORT_GROUPS]
        for user in (cls.branch_east, cls.branch_south, cls.head_office, cls.unrestricted):
            user.groups_id = extra
        cls.order_a = cls.job.sale_order_id
        # A customer of no region yet (a new caller): every branch sees it.
        cls.unplaced = cls.env["res.partner"].create({"name": "Walk-in (test)"})
        cls.invoice_a = cls._invoice(cls.customer_contact, 800.0)
        cls.invoice_b = cls._invoice(cls.customer2, 450.0)
        cls.invoice_none = cls._invoice(cls.unplaced, 30.0)
        cls.customers = cls.customer | cls.customer2 | cls.unplaced
        # A questionnaire; the desk answers it on the phone for each region's callback
        # (the answer's partner is the desk's, an internal user: the callback gives the
        # region), South's customer answers one sent by e-mail outside any callback, and
        # an anonymous visitor one.
        cls.survey = cls.env["survey.survey"].create(
            {"title": "How did we do? (regions)", "access_mode": "token"}
        )
        cls.question = cls.env["survey.question"].create(
            {
                "survey_id": cls.survey.id,
                "title": "What could we improve?",
                "question_type": "char_box",
            }
        )
        cls.answer_a = cls._answer(cls.desk.partner_id, "East: faster proofs", job=cls.job)
        cls.answer_b = cls._answer(cls.desk.partner_id, "South: cleaner cuts", job=cls.job_b)
        cls.answer_b_mail = cls._answer(cls.customer2, "South: better boxes")
        cls.answer_none = cls._answer(cls.env["res.partner"], "Anonymous: nothing")

    @classmethod
    def _invoice(cls, partner, amount):
        move = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": fields.Date.today(),
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Brochures",
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        move.action_post()
        return move

    @classmethod
    def _answer(cls, partner, text, job=None):
        answer = cls.survey._create_answer(partner=partner, check_attempts=False)
        if job:
            callback = (
                cls.env["print.service.callback"]
                ._print_decide()
                .create(
                    {
                        "rule_id": cls.env.ref("print_crm_service.callback_rule_job_delivered").id,
                        "company_id": cls.env.company.id,
                        "event": "job_delivered",
                        "res_model": "print.job",
                        "res_id": job.id,
                        "partner_id": job.commercial_partner_id.id,
                        "job_id": job.id,
                        "due_date": fields.Date.today(),
                    }
                )
            )
            answer._print_decide("print_callback_id").write({"print_callback_id": callback.id})
        cls.env["survey.user_input.line"].create(
            {
                "user_input_id": answer.id,
                "question_id": cls.question.id,
                "answer_type": "char_box",
                "value_char_box": text,
            }
        )
        answer.state = "done"
        return answer

    def _sales(self, user):
        """Untaxed sales per region of the three customers' orders, as the report reads."""
        rows = (
            self.env["sale.report"]
            .with_user(user)
            ._read_group(
                [("commercial_partner_id", "in", self.customers.ids)],
                ["print_region_id"],
                ["price_subtotal:sum"],
            )
        )
        return dict(rows)

    def _invoiced(self, user):
        rows = (
            self.env["account.invoice.report"]
            .with_user(user)
            ._read_group(
                [("commercial_partner_id", "in", self.customers.ids)],
                ["print_region_id"],
                ["price_subtotal:sum"],
            )
        )
        return dict(rows)


@tagged("post_install", "-at_install")
class TestRegionReports(RegionReportsCommon):
    """Odoo's Sales and Invoicing reports and the questionnaires' answers count the user's
    regions only under Own Region Only (and customers in no region); head office, and
    whoever is not in the group, reads every region."""

    def setUp(self):
        super().setUp()
        self.env.flush_all()

    # ------------------------------------------------------------------ sales

    def test_sales_report_carries_the_orders_region(self):
        Report = self.env["sale.report"]
        for order, region in ((self.order_a, self.east), (self.order_b, self.south)):
            with self.subTest(order=order.name):
                rows = Report.search([("order_reference", "=", f"sale.order,{order.id}")])
                self.assertTrue(rows)
                self.assertEqual(rows.print_region_id, region)

    def test_branch_reads_only_its_regions_sales(self):
        everything = self._sales(self.head_office)
        self.assertEqual(set(everything), {self.east, self.south})
        self.assertTrue(everything[self.east] and everything[self.south])
        self.assertEqual(self._sales(self.branch_east), {self.east: everything[self.east]})
        self.assertEqual(self._sales(self.branch_south), {self.south: everything[self.south]})
        # Read line by line, the same.
        Report = self.env["sale.report"]
        of_b = Report.search([("order_reference", "=", f"sale.order,{self.order_b.id}")])
        found = Report.with_user(self.branch_east).search([("id", "in", of_b.ids)])
        self.assertFalse(found)
        with self.assertRaises(AccessError):
            of_b.with_user(self.branch_east).read(["price_subtotal"])
        # Without a region in the domain, and over the whole report: nothing of South.
        regions = Report.with_user(self.branch_east)._read_group([], ["print_region_id"])
        self.assertNotIn((self.south,), regions)

    def test_head_office_and_users_without_the_group_read_all_sales(self):
        self.assertFalse(self.unrestricted.has_group(REGION_ONLY))
        self.assertEqual(self._sales(self.unrestricted), self._sales(self.head_office))
        # As the superuser would count them.
        self.assertEqual(self._sales(self.head_office), self._sales(self.env.user))

    # ------------------------------------------------------------------ invoicing

    def test_invoicing_report_carries_the_invoices_region(self):
        Report = self.env["account.invoice.report"]
        for move, region in (
            (self.invoice_a, self.east),
            (self.invoice_b, self.south),
            (self.invoice_none, self.env["print.service.region"]),
        ):
            with self.subTest(move=move.name):
                rows = Report.search([("move_id", "=", move.id)])
                self.assertTrue(rows)
                self.assertEqual(rows.print_region_id, region)

    def test_branch_reads_only_its_regions_invoicing(self):
        none = self.env["print.service.region"]
        self.assertEqual(
            self._invoiced(self.head_office),
            {self.east: 800.0, self.south: 450.0, none: 30.0},
        )
        self.assertEqual(self._invoiced(self.branch_east), {self.east: 800.0, none: 30.0})
        self.assertEqual(self._invoiced(self.branch_south), {self.south: 450.0, none: 30.0})
        Report = self.env["account.invoice.report"]
        of_b = Report.search([("move_id", "=", self.invoice_b.id)])
        self.assertFalse(Report.with_user(self.branch_east).search([("id", "in", of_b.ids)]))
        with self.assertRaises(AccessError):
            of_b.with_user(self.branch_east).read(["price_subtotal"])
        # Odoo's own read_group (the pivot's), its average price hack included.
        rows = Report.with_user(self.branch_east).read_group(
            [("move_id", "in", (self.invoice_a | self.invoice_b).ids)],
            ["price_subtotal:sum", "price_average:avg"],
            ["move_id"],
        )
        self.assertEqual([row["move_id"][0] for row in rows], self.invoice_a.ids)
        self.assertEqual(rows[0]["price_subtotal"], 800.0)

    def test_vendor_bills_stay_in_the_branchs_invoicing_report(self):
        """The rule is about customers: a supplier placed in South by its address keeps
        its bills in East's purchase figures, as in Invoicing > Vendors."""
        bill = self.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": self.customer2.id,
                "invoice_date": fields.Date.today(),
                "invoice_line_ids": [
                    Command.create({"name": "Paper", "quantity": 1, "price_unit": 100.0})
                ],
            }
        )
        bill.action_post()
        self.env.flush_all()
        rows = (
            self.env["account.invoice.report"]
            .with_user(self.branch_east)
            .search([("move_id", "=", bill.id)])
        )
        self.assertTrue(rows)

    def test_head_office_and_users_without_the_group_read_all_invoicing(self):
        self.assertEqual(self._invoiced(self.unrestricted), self._invoiced(self.head_office))
        self.assertEqual(self._invoiced(self.head_office), self._invoiced(self.env.user))

    def test_reassigning_the_customer_moves_its_figures(self):
        self.customer2.with_user(self.head_office).write({"print_region_id": self.east.id})
        self.env.flush_all()
        none = self.env["print.service.region"]
        self.assertEqual(self._invoiced(self.branch_east), {self.east: 1250.0, none: 30.0})
        self.assertEqual(self._invoiced(self.branch_south), {none: 30.0})
        self.assertNotIn(self.south, self._sales(self.branch_east))
        self.assertFalse(self._sales(self.branch_south))

    def test_reports_are_searched_and_grouped_by_region(self):
        for model in ("sale.report", "account.invoice.report"):
            with self.subTest(model=model):
                Report = self.env[model].with_user(self.head_office)
                arch = Report.get_views([(False, "search")])["views"]["search"]["arch"]
                self.assertIn('name="print_region_id"', arch)
                self.assertIn("'group_by': 'print_region_id'", arch)
                south = Report.search(
                    [
                        ("commercial_partner_id", "in", self.customers.ids),
                        ("print_region_id", "child_of", self.south.id),
                    ]
                )
                self.assertTrue(south)
                self.assertEqual(south.commercial_partner_id, self.customer2)

    def test_portal_customer_reads_no_report(self):
        for model in ("sale.report", "account.invoice.report"):
            with self.subTest(model=model), self.assertRaises(AccessError):
                self.env[model].with_user(self.customer_user).search([])

    # ------------------------------------------------------------------ questionnaires

    def test_answers_carry_their_customers_region(self):
        self.assertEqual(self.answer_a.print_region_id, self.east)
        self.assertEqual(self.answer_b.print_region_id, self.south)
        self.assertEqual(self.answer_b_mail.print_region_id, self.south)
        self.assertFalse(self.answer_none.print_region_id)

    def test_branch_reads_only_its_regions_answers(self):
        answers = self.answer_a | self.answer_b | self.answer_b_mail | self.answer_none
        Answer = self.env["survey.user_input"]
        Line = self.env["survey.user_input.line"]
        east = Answer.with_user(self.branch_east).search([("id", "in", answers.ids)])
        self.assertEqual(east, self.answer_a | self.answer_none)
        south = Answer.with_user(self.branch_south).search([("id", "in", answers.ids)])
        self.assertEqual(south, self.answer_b | self.answer_b_mail | self.answer_none)
        for answer in (self.answer_b, self.answer_b_mail):
            with self.subTest(answer=answer.id), self.assertRaises(AccessError):
                answer.with_user(self.branch_east).read(["partner_id"])
            with self.subTest(answer=answer.id), self.assertRaises(AccessError):
                answer.user_input_line_ids.with_user(self.branch_east).read(["value_char_box"])
        lines = Line.with_user(self.branch_east).search([("survey_id", "=", self.survey.id)])
        self.assertEqual(
            set(lines.mapped("value_char_box")), {"East: faster proofs", "Anonymous: nothing"}
        )
        # Nor write or delete them.
        with self.assertRaises(AccessError):
            self.answer_b.with_user(self.branch_east).write({"state": "in_progress"})
        with self.assertRaises(AccessError):
            self.answer_b.with_user(self.branch_east).unlink()
        # The questionnaire's own counts are of its region.
        survey = self.survey.with_user(self.branch_east)
        self.assertEqual(survey.answer_done_count, 2)
        self.env.invalidate_all()  # a compute of survey's, cached whoever reads it
        self.assertEqual(self.survey.with_user(self.head_office).answer_done_count, 4)

    def test_head_office_and_users_without_the_group_read_all_answers(self):
        answers = self.answer_a | self.answer_b | self.answer_b_mail | self.answer_none
        for user in (self.head_office, self.unrestricted):
            with self.subTest(user=user.login):
                found = (
                    self.env["survey.user_input"]
                    .with_user(user)
                    .search([("id", "in", answers.ids)])
                )
                self.assertEqual(found, answers)

    def test_reassigning_the_customer_moves_its_answers(self):
        self.customer2.with_user(self.head_office).write({"print_region_id": self.east.id})
        self.assertEqual(self.answer_b.print_region_id, self.east)
        self.assertEqual(self.answer_b_mail.print_region_id, self.east)
        found = (
            self.env["survey.user_input"]
            .with_user(self.branch_south)
            .search([("id", "in", (self.answer_b | self.answer_b_mail).ids)])
        )
        self.assertFalse(found)

    def test_answers_are_searched_and_grouped_by_region(self):
        view = self.env.ref("survey.survey_user_input_view_search")
        arch = (
            self.env["survey.user_input"]
            .with_user(self.head_office)
            .get_views([(view.id, "search")])["views"]["search"]["arch"]
        )
        self.assertIn('name="print_region_id"', arch)
        rows = (
            self.env["survey.user_input"]
            .with_user(self.branch_east)
            ._read_group([("survey_id", "=", self.survey.id)], ["print_region_id"], ["__count"])
        )
        self.assertEqual(dict(rows), {self.east: 1, self.env["print.service.region"]: 1})


@tagged("post_install", "-at_install")
class TestRegionReportsRpc(RegionReportsCommon, HttpCase):
    """The same over JSON-RPC (the pivot's and graph's calls) and on the questionnaire's
    results page of the web client."""

    def _call(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def _regions(self, model, measure):
        rows = self._call(
            model,
            "read_group",
            [("commercial_partner_id", "in", self.customers.ids)],
            [measure],
            ["print_region_id"],
            lazy=False,
        )
        return {row["print_region_id"][0] for row in rows if row["print_region_id"]}

    def test_branch_over_rpc(self):
        self.authenticate("region-east", "region-east")
        self.assertEqual(self._regions("sale.report", "price_subtotal:sum"), {self.east.id})
        self.assertEqual(
            self._regions("account.invoice.report", "price_subtotal:sum"), {self.east.id}
        )
        found = self._call(
            "survey.user_input",
            "web_search_read",
            domain=[("survey_id", "=", self.survey.id)],
            specification={"display_name": {}},
        )
        self.assertEqual(
            {r["id"] for r in found["records"]}, set((self.answer_a | self.answer_none).ids)
        )

    def test_head_office_over_rpc(self):
        self.authenticate("region-head-office", "region-head-office")
        both = {self.east.id, self.south.id}
        self.assertEqual(self._regions("sale.report", "price_subtotal:sum"), both)
        self.assertEqual(self._regions("account.invoice.report", "price_subtotal:sum"), both)

    def test_survey_results_page_of_the_branchs_region(self):
        """Survey > Results: the statistics page counts the lines the user may read."""
        url = f"/survey/results/{self.survey.id}"
        self.authenticate("region-east", "region-east")
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        self.assertIn("East: faster proofs", page.text)
        self.assertNotIn("South: cleaner cuts", page.text)
        self.assertNotIn("South: better boxes", page.text)
        self.authenticate("region-head-office", "region-head-office")
        page = self.url_open(url)
        self.assertIn("South: cleaner cuts", page.text)
        self.assertIn("South: better boxes", page.text)
