# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from lxml import html

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common import PrintCrmJobCommon

# Internal stage names, and customer labels of stages the customer may not see.
INTERNAL_WORDS = (
    "Plate making",
    "Prepress",
    "Proof approval",
    "Quality check",
    "Packed",
    "Ready for pickup / Shipped",
)


@tagged("post_install", "-at_install")
class TestPrintJobPortal(PrintCrmJobCommon, HttpCase):
    """The customer's production jobs on the portal, over HTTP."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.portal_user = new_test_user(
            cls.env,
            login="print-jobs-mei",
            groups="base.group_portal",
            partner_id=cls.customer_contact.id,
        )
        cls.other_contact = Partner.create(
            {
                "name": "Noor Haddad",
                "parent_id": cls.customer2.id,
                "email": "noor@northwind.example",
            }
        )
        cls.other_user = new_test_user(
            cls.env,
            login="print-jobs-noor",
            groups="base.group_portal",
            partner_id=cls.other_contact.id,
        )
        cls.delivery_address = Partner.create(
            {
                "name": "Harbour Books warehouse",
                "type": "delivery",
                "parent_id": cls.customer.id,
                "street": "12 Quay Road",
                "city": "Harbourtown",
            }
        )
        # A job being printed: it went through plate making, which the customer never sees.
        order = cls._order(confirm=False, title="Tour brochure")
        order.write(
            {
                "commitment_date": datetime(2030, 5, 4, 16, 0),
                "partner_shipping_id": cls.delivery_address.id,
            }
        )
        order.action_confirm()
        cls.order = order
        cls.job = order.print_job_ids
        for __ in range(4):  # prepress, proof approval, plate making, printing
            cls.job.with_user(cls.production_user).action_next_stage()
        # A delivered job and a cancelled one of the same customer.
        cls.done_job = cls._order(title="Price list 2030").print_job_ids
        while not cls.done_job.is_done:
            cls.done_job.with_user(cls.production_user).action_next_stage()
        cancelled_order = cls._order(title="Withdrawn leaflet")
        cancelled_order._action_cancel()
        cls.cancelled_job = cancelled_order.print_job_ids
        # Another customer's job.
        cls.other_job = cls._order(
            partner_id=cls.other_contact.id, title="Northwind gala programme"
        ).print_job_ids

    def _get(self, url):
        return self.url_open(url, allow_redirects=False)

    def _job_page(self, job, **params):
        query = "&".join(f"{key}={value}" for key, value in params.items())
        return self._get(f"/my/print_jobs/{job.id}" + (f"?{query}" if query else ""))

    def _timeline(self, page):
        """(label, state) of each step of the timeline on the page, in order."""
        tree = html.fromstring(page)
        return [
            (
                step.xpath("string(.//*[contains(@class, 'o_print_job_step_label')])").strip(),
                step.get("data-state"),
            )
            for step in tree.xpath("//ol[contains(@class, 'o_print_job_timeline')]/li")
        ]

    def _listed_jobs(self, page):
        tree = html.fromstring(page)
        return tree.xpath("//tbody[contains(@class, 'o_print_job_list')]/tr/@data-job")

    def _format_date(self, value):
        """``value`` as the portal user reads it: a date in its language and time zone."""
        converter = self.env["ir.qweb.field.datetime"].with_context(
            lang=self.portal_user.lang, tz=self.portal_user.tz
        )
        return converter.value_to_html(value, {"date_only": True})

    # ------------------------------------------------------------------ list

    def test_list_shows_own_jobs_only_with_customer_status(self):
        self.authenticate("print-jobs-mei", "print-jobs-mei")
        response = self._get("/my/print_jobs")
        self.assertEqual(response.status_code, 200)
        listed = self._listed_jobs(response.text)
        self.assertCountEqual(listed, [self.job.name, self.done_job.name, self.cancelled_job.name])
        self.assertNotIn(self.other_job.name, response.text)
        self.assertNotIn("Northwind gala programme", response.text)
        row = html.fromstring(response.text).xpath(f"//tr[@data-job='{self.job.name}']")[0]
        self.assertEqual(
            row.xpath("string(.//*[contains(@class, 'o_print_job_status')])").strip(), "Printing"
        )
        self.assertIn("Tour brochure", row.text_content())
        self.assertIn(self.order.name, row.text_content())
        for word in INTERNAL_WORDS:
            self.assertNotIn(word, response.text)

    def test_list_filters_and_sorts(self):
        self.authenticate("print-jobs-mei", "print-jobs-mei")
        self.assertEqual(
            self._listed_jobs(self._get("/my/print_jobs?filterby=open").text), [self.job.name]
        )
        self.assertEqual(
            self._listed_jobs(self._get("/my/print_jobs?filterby=done").text),
            [self.done_job.name],
        )
        by_reference = self._listed_jobs(self._get("/my/print_jobs?sortby=name").text)
        self.assertEqual(by_reference, sorted(by_reference, reverse=True))
        self.assertEqual(len(by_reference), 3)

    def test_home_counts_the_customers_jobs(self):
        self.authenticate("print-jobs-mei", "print-jobs-mei")
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["print_job_count"]})
        self.assertEqual(counters["print_job_count"], 3)
        home = self._get("/my").text
        self.assertIn('href="/my/print_jobs"', home)
        self.authenticate("print-jobs-noor", "print-jobs-noor")
        counters = self.make_jsonrpc_request("/my/counters", {"counters": ["print_job_count"]})
        self.assertEqual(counters["print_job_count"], 1)

    # ------------------------------------------------------------------ one job

    def test_timeline_shows_customer_visible_stages_only(self):
        self.authenticate("print-jobs-mei", "print-jobs-mei")
        response = self._job_page(self.job)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            self._timeline(response.text),
            [
                ("Order received", "done"),
                ("Preparing your files", "done"),
                ("Waiting for your proof approval", "done"),
                ("In production", "done"),
                ("Printing", "current"),
                ("Finishing (cutting, folding, laminating)", "todo"),
                ("Ready for pickup or on its way", "todo"),
                ("Delivered", "todo"),
            ],
        )
        self.assertEqual(self.job.stage_id, self.stage["printing"])
        # The customer's order is a sales order, not one of Odoo's purchase orders.
        self.assertNotIn("Purchase Orders", response.text)
        for word in INTERNAL_WORDS:
            self.assertNotIn(word, response.text)
        # Nobody from the shop floor is named.
        self.assertNotIn(self.production_user.name, response.text)
        self.assertNotIn(self.job.user_id.name, response.text)

    def test_job_in_an_internal_stage_shows_the_last_stage_the_customer_may_see(self):
        job = self._order(title="In quality control").print_job_ids
        for __ in range(6):  # prepress, proof, plate making, printing, finishing, quality check
            job.action_next_stage()
        self.assertEqual(job.stage_id, self.stage["quality"])
        self.authenticate("print-jobs-mei", "print-jobs-mei")
        page = self._job_page(job).text
        tree = html.fromstring(page)
        status = tree.xpath("string(//*[contains(@class, 'o_print_job_status')])").strip()
        self.assertEqual(status, "Finishing (cutting, folding, laminating)")
        self.assertEqual(
            self._timeline(page),
            [
                ("Order received", "done"),
                ("Preparing your files", "done"),
                ("Waiting for your proof approval", "done"),
                ("In production", "done"),
                ("Printing", "done"),
                ("Finishing (cutting, folding, laminating)", "current"),
                ("Ready for pickup or on its way", "todo"),
                ("Delivered", "todo"),
            ],
        )
        for word in INTERNAL_WORDS:
            self.assertNotIn(word, page)

    def test_job_page_shows_copies_dates_delivery_and_order(self):
        self.authenticate("print-jobs-mei", "print-jobs-mei")
        page = self._job_page(self.job).text
        tree = html.fromstring(page)

        def text_of(css_class):
            return tree.xpath(f"string(//*[contains(@class, '{css_class}')])").strip()

        self.assertEqual(text_of("o_print_job_copies"), f"{self.job.quantity:,}")
        self.assertIn("Tour brochure", page)
        self.assertEqual(
            text_of("o_print_job_expected_date"), self._format_date(self.job.expected_date)
        )
        self.assertEqual(
            text_of("o_print_job_commitment_date"), self._format_date(self.order.commitment_date)
        )
        self.assertIn("12 Quay Road", text_of("o_print_job_delivery"))
        self.assertIn("Harbourtown", text_of("o_print_job_delivery"))
        order_link = tree.xpath("//a[contains(@class, 'o_print_job_order')]")[0]
        self.assertEqual(order_link.text_content().strip(), self.order.name)
        self.assertTrue(order_link.get("href").startswith(f"/my/orders/{self.order.id}"))

    def test_delivered_job_shows_its_delivery_date_and_nothing_to_come(self):
        self.authenticate("print-jobs-mei", "print-jobs-mei")
        page = self._job_page(self.done_job).text
        steps = self._timeline(page)
        self.assertEqual(steps[-1], ("Delivered", "done"))
        self.assertEqual({state for __, state in steps}, {"done"})
        tree = html.fromstring(page)
        self.assertEqual(
            tree.xpath("string(//*[contains(@class, 'o_print_job_done_date')])").strip(),
            self._format_date(self.done_job.date_done),
        )
        self.assertNotIn("o_print_job_expected_date", page)
        for word in INTERNAL_WORDS:
            self.assertNotIn(word, page)

    def test_cancelled_job_shows_cancelled_and_nothing_to_come(self):
        self.authenticate("print-jobs-mei", "print-jobs-mei")
        page = self._job_page(self.cancelled_job).text
        self.assertEqual(self._timeline(page), [("Order received", "done"), ("Cancelled", "done")])
        self.assertIn("This job will not be produced.", page)
        self.assertNotIn("o_print_job_expected_date", page)

    def test_other_customers_job_is_refused(self):
        self.authenticate("print-jobs-noor", "print-jobs-noor")
        response = self._job_page(self.job)
        self.assertIn(response.status_code, (302, 303))
        self.assertTrue(response.headers["Location"].endswith("/my"))
        self.assertNotIn("Tour brochure", response.text)
        # The jobs of its own customer open.
        self.assertEqual(self._job_page(self.other_job).status_code, 200)

    def test_access_token_opens_the_job_and_a_wrong_one_does_not(self):
        self.job._portal_ensure_token()
        good = self._get(self.job.get_portal_url())
        self.assertEqual(good.status_code, 200)
        self.assertIn("Tour brochure", good.text)
        self.assertIn(("Printing", "current"), self._timeline(good.text))
        for params in ({"access_token": "wrong"}, {}):
            with self.subTest(params=params):
                bad = self._job_page(self.job, **params)
                self.assertIn(bad.status_code, (302, 303))
                self.assertNotIn("Tour brochure", bad.text)
        # Another job's token does not open this one.
        self.other_job._portal_ensure_token()
        other = self._job_page(self.job, access_token=self.other_job.access_token)
        self.assertIn(other.status_code, (302, 303))

    # ------------------------------------------------------------------ the order

    def test_order_page_lists_its_jobs_with_their_status(self):
        self.authenticate("print-jobs-mei", "print-jobs-mei")
        page = self._get(self.order.get_portal_url()).text
        tree = html.fromstring(page)
        rows = tree.xpath("//section[@id='print_jobs']//tr[@data-job]")
        self.assertEqual([row.get("data-job") for row in rows], [self.job.name])
        status = rows[0].xpath("string(.//*[contains(@class, 'o_print_job_status')])").strip()
        self.assertEqual(status, "Printing")
        link = rows[0].xpath(".//a")[0]
        self.assertTrue(link.get("href").startswith(f"/my/print_jobs/{self.job.id}"))
        self.assertEqual(self._get(link.get("href")).status_code, 200)
        self.assertNotIn("Plate making", page)
        # A visitor holding the order's link follows it to the job's timeline.
        self.authenticate(None, None)
        page = self._get(self.order.get_portal_url()).text
        href = html.fromstring(page).xpath("//section[@id='print_jobs']//a/@href")[0]
        self.assertIn("access_token=", href)
        job_page = self._get(href)
        self.assertEqual(job_page.status_code, 200)
        self.assertIn(("Printing", "current"), self._timeline(job_page.text))

    def test_order_page_of_a_quotation_shows_no_production(self):
        quotation = self._order(confirm=False, title="Not yet ordered")
        self.authenticate("print-jobs-mei", "print-jobs-mei")
        page = self._get(quotation.get_portal_url()).text
        self.assertIn(quotation.name, page)
        self.assertNotIn('id="print_jobs"', page)

    # ------------------------------------------------------------------ browser

    def test_tour_portal_customer_opens_a_jobs_timeline(self):
        self.start_tour("/my", "print_crm_job_timeline_tour", login="print-jobs-mei")

    # ------------------------------------------------------------------ queries

    def _list_queries(self):
        """SQL queries the server makes to answer /my/print_jobs, once its caches are warm.

        The test server skips the registry signaling query of a real server (one per
        request), which tests/bench/bench_tracking_portal.py counts.
        """
        self.url_open("/my/print_jobs")
        self.env.flush_all()
        before = self.cr.sql_log_count
        response = self._get("/my/print_jobs")
        count = self.cr.sql_log_count - before
        self.assertEqual(response.status_code, 200)
        return count, len(self._listed_jobs(response.text))

    def _many_jobs(self, partner, count, orders):
        Job = self.env["print.job"]
        route = self.job.route_id
        now = fields.Datetime.now()
        jobs = Job.create(
            [
                {
                    "title": f"Catalogue {i}",
                    "partner_id": partner.id,
                    "sale_order_id": orders[i % len(orders)].id,
                    "quantity": 100 + i,
                    "route_id": route.id,
                    "due_date": now + timedelta(days=i),
                    "rush": not i % 7,
                }
                for i in range(count)
            ]
        )
        jobs[::3].write({"stage_id": self.stage["prepress"].id})
        jobs[1::3].write({"stage_id": self.stage["plates"].id})
        return jobs

    def test_list_costs_the_same_queries_for_20_and_200_jobs(self):
        customer = self.env["res.partner"].create({"name": "Busy Agency", "is_company": True})
        customer.print_job_notify = False
        contact = self.env["res.partner"].create(
            {"name": "Ravi", "parent_id": customer.id, "email": "ravi@agency.example"}
        )
        new_test_user(
            self.env, login="print-jobs-ravi", groups="base.group_portal", partner_id=contact.id
        )
        orders = self.env["sale.order"].create([{"partner_id": contact.id} for __ in range(5)])
        self._many_jobs(contact, 20, orders)
        self.authenticate("print-jobs-ravi", "print-jobs-ravi")
        queries_20, rows_20 = self._list_queries()
        self._many_jobs(contact, 180, orders)
        queries_200, rows_200 = self._list_queries()
        self.assertEqual((rows_20, rows_200), (20, 80), "one page holds 80 jobs")
        self.assertEqual(queries_200, queries_20)
        self.assertLessEqual(queries_20, 25)
