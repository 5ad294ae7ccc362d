# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from datetime import date, timedelta

from odoo import Command, http
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import create_sra3_master_data


@tagged("post_install", "-at_install")
class TestPrintQuotePortal(HttpCase):
    """Customers' estimates and quote requests on the portal, over HTTP."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.paper = create_sra3_master_data(env)
        cls.flyer = env["print.portal.product"].create(
            {
                "name": "Tour Flyer",
                "instant": True,
                "product_kind": "flat",
                "finished_width": 210,
                "finished_height": 297,
                "colours_front": 4,
                "colours_back": 0,
                "substrate_id": cls.paper.id,
                "quantities": "500, 1000",
            }
        )
        cls.booklet = env["print.portal.product"].create(
            {
                "name": "Booklet on request",
                "product_kind": "saddle_stitched",
                "finished_width": 148,
                "finished_height": 210,
                "pages": 16,
                "substrate_id": cls.paper.id,
                "quantities": "200",
            }
        )
        cls.estimator = new_test_user(
            env, login="portal-estimator", groups="print_crm_quote.group_estimate_user"
        )
        cls.customer_a = env["res.partner"].create(
            {"name": "Customer A", "is_company": True, "user_id": cls.estimator.id}
        )
        cls.customer_b = env["res.partner"].create({"name": "Customer B", "is_company": True})
        cls.portal_a = new_test_user(
            env,
            login="portal-a",
            groups="base.group_portal",
            partner_id=env["res.partner"]
            .create({"name": "Alice", "parent_id": cls.customer_a.id, "email": "a@example.com"})
            .id,
        )
        cls.portal_b = new_test_user(
            env,
            login="portal-b",
            groups="base.group_portal",
            partner_id=env["res.partner"]
            .create({"name": "Bob", "parent_id": cls.customer_b.id, "email": "b@example.com"})
            .id,
        )
        cls.estimate_a = cls._estimate(cls.customer_a, "Leaflet A")
        cls.estimate_b = cls._estimate(cls.customer_b, "Leaflet B")
        cls.draft_a = cls._estimate(cls.customer_a, "Draft A", send=False)

    @classmethod
    def _estimate(cls, partner, title, send=True):
        estimate = cls.env["print.estimate"].create(
            {
                "partner_id": partner.id,
                "title": title,
                "product_kind": "flat",
                "finished_width": 210,
                "finished_height": 297,
                "part_ids": [Command.create({"substrate_id": cls.paper.id})],
                "break_ids": [
                    Command.create({"quantity": 500}),
                    Command.create({"quantity": 1000}),
                ],
            }
        )
        estimate.action_compute()
        if send:
            estimate.action_mark_sent()
        return estimate

    def _csrf(self):
        return http.Request.csrf_token(self)

    def _get(self, url):
        return self.url_open(url, allow_redirects=False)

    # ------------------------------------------------------------------ estimates

    def test_list_shows_own_sent_estimates_only(self):
        self.authenticate("portal-a", "portal-a")
        page = self.url_open("/my/print_estimates").text
        self.assertIn("Leaflet A", page)
        self.assertNotIn("Leaflet B", page)
        self.assertNotIn("Draft A", page)

    def test_detail_page_for_its_customer_with_prices(self):
        self.authenticate("portal-a", "portal-a")
        response = self._get(f"/my/print_estimates/{self.estimate_a.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn('data-quantity="500"', response.text)
        self.assertIn("Leaflet A", response.text)
        # The customer never sees the internal cost.
        cost = self.estimate_a.currency_id.format(self.estimate_a.break_ids[0].cost)
        self.assertNotIn(cost, response.text)

    def test_other_customers_estimate_is_refused(self):
        self.authenticate("portal-b", "portal-b")
        response = self._get(f"/my/print_estimates/{self.estimate_a.id}")
        self.assertIn(response.status_code, (302, 303))
        self.assertTrue(response.headers["Location"].endswith("/my"))
        self.assertNotIn("Leaflet A", response.text)

    def test_draft_estimate_is_not_shown_to_the_customer(self):
        self.authenticate("portal-a", "portal-a")
        response = self._get(f"/my/print_estimates/{self.draft_a.id}")
        self.assertIn(response.status_code, (302, 303))

    def test_access_token_opens_the_page_and_a_wrong_one_does_not(self):
        self.estimate_a._portal_ensure_token()
        good = self._get(self.estimate_a.get_portal_url())
        self.assertEqual(good.status_code, 200)
        self.assertIn("Leaflet A", good.text)
        bad = self._get(f"/my/print_estimates/{self.estimate_a.id}?access_token=wrong")
        self.assertIn(bad.status_code, (302, 303))
        self.assertNotIn("Leaflet A", bad.text)

    def test_pdf_download_for_its_customer_only(self):
        url = f"/my/print_estimates/{self.estimate_a.id}?report_type=pdf&download=true"
        self.authenticate("portal-a", "portal-a")
        own = self._get(url)
        self.assertEqual(own.status_code, 200)
        self.assertIn("Leaflet A", own.text)  # the test runner renders reports as HTML
        self.assertIn("attachment;", own.headers.get("Content-Disposition", ""))
        self.authenticate("portal-b", "portal-b")
        other = self._get(url)
        self.assertIn(other.status_code, (302, 303))
        self.assertNotIn("Leaflet A", other.text)
        self.authenticate(None, None)
        wrong = self._get(f"{url}&access_token=wrong")
        self.assertIn(wrong.status_code, (302, 303))
        self.assertNotIn("Leaflet A", wrong.text)

    def test_accept_a_break_creates_the_order(self):
        self.authenticate("portal-a", "portal-a")
        break_ = self.estimate_a.break_ids.filtered(lambda b: b.quantity == 1000)
        response = self.url_open(
            f"/my/print_estimates/{self.estimate_a.id}/accept",
            data={"break_id": break_.id, "csrf_token": self._csrf()},
            allow_redirects=False,
        )
        self.assertIn(response.status_code, (302, 303))
        self.assertEqual(self.estimate_a.state, "accepted")
        order = self.estimate_a.sale_order_id
        self.assertEqual(order.partner_id, self.customer_a)
        self.assertEqual(order.order_line.print_copies, 1000)
        self.assertIn(f"/my/orders/{order.id}", response.headers["Location"])
        # The same answer again (a double click) leads to the same order, built once.
        again = self.url_open(
            f"/my/print_estimates/{self.estimate_a.id}/accept",
            data={"break_id": break_.id, "csrf_token": self._csrf()},
            allow_redirects=False,
        )
        self.assertIn(f"/my/orders/{order.id}", again.headers["Location"])
        # Another quantity is refused: the estimate is no longer open.
        other = self.estimate_a.break_ids - break_
        refused = self.url_open(
            f"/my/print_estimates/{self.estimate_a.id}/accept",
            data={"break_id": other.id, "csrf_token": self._csrf()},
            allow_redirects=False,
        )
        self.assertIn("error=accept", refused.headers["Location"])
        self.assertEqual(len(order.order_line), 1)
        self.assertEqual(self.estimate_a.accepted_break_id, break_)

    @mute_logger("odoo.http")
    def test_accept_without_csrf_token_is_refused(self):
        self.authenticate("portal-a", "portal-a")
        response = self.url_open(
            f"/my/print_estimates/{self.estimate_a.id}/accept",
            data={"break_id": self.estimate_a.break_ids[0].id},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.estimate_a.state, "sent")

    def test_accept_another_customers_estimate_is_refused(self):
        self.authenticate("portal-b", "portal-b")
        self.url_open(
            f"/my/print_estimates/{self.estimate_a.id}/accept",
            data={
                "break_id": self.estimate_a.break_ids[0].id,
                "csrf_token": self._csrf(),
            },
            allow_redirects=False,
        )
        self.assertEqual(self.estimate_a.state, "sent")
        self.assertFalse(self.estimate_a.sale_order_id)

    def test_expired_estimate_shows_expired_and_cannot_be_accepted(self):
        self.estimate_a.validity_date = date.today() - timedelta(days=1)
        self.authenticate("portal-a", "portal-a")
        page = self._get(f"/my/print_estimates/{self.estimate_a.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Expired", page.text)
        self.assertNotIn("o_print_estimate_accept", page.text)
        response = self.url_open(
            f"/my/print_estimates/{self.estimate_a.id}/accept",
            data={"break_id": self.estimate_a.break_ids[0].id, "csrf_token": self._csrf()},
            allow_redirects=False,
        )
        self.assertIn("error=accept", response.headers["Location"])
        self.assertEqual(self.estimate_a.state, "sent")
        self.assertFalse(self.estimate_a.sale_order_id)
        # Valid until today: still open today.
        self.estimate_a.validity_date = date.today()
        page = self._get(f"/my/print_estimates/{self.estimate_a.id}")
        self.assertNotIn("Expired", page.text)
        self.assertIn("o_print_estimate_accept", page.text)

    def test_token_opens_only_sent_and_accepted_estimates(self):
        self.estimate_a._portal_ensure_token()
        url = self.estimate_a.get_portal_url()
        self.assertEqual(self._get(url).status_code, 200)
        # Reset to draft: the old link no longer shows it, to nobody.
        self.estimate_a.action_draft()
        for login in (None, "portal-b"):
            self.authenticate(login, login)
            response = self._get(url)
            self.assertIn(response.status_code, (302, 303), login)
            self.assertNotIn("Leaflet A", response.text)
        response = self._get(f"{url}&report_type=pdf")
        self.assertIn(response.status_code, (302, 303))
        # Nor can its old link, or a wrong token, accept it.
        for token in (self.estimate_a.access_token, "wrong"):
            self.url_open(
                f"/my/print_estimates/{self.estimate_a.id}/accept",
                data={
                    "break_id": self.estimate_a.break_ids[0].id,
                    "access_token": token,
                    "csrf_token": self._csrf(),
                },
                allow_redirects=False,
            )
        self.assertEqual(self.estimate_a.state, "draft")
        self.assertFalse(self.estimate_a.sale_order_id)
        # Sent again, it opens; lost, it does not; accepted, it opens for reference.
        self.authenticate(None, None)
        self.estimate_a.action_mark_sent()
        self.assertEqual(self._get(url).status_code, 200)
        self.estimate_a.action_mark_lost()
        self.assertIn(self._get(url).status_code, (302, 303))
        self.estimate_a.action_draft()
        self.estimate_a.action_mark_sent()
        self.estimate_a._accept_break(self.estimate_a.break_ids[0])
        accepted = self._get(url)
        self.assertEqual(accepted.status_code, 200)
        self.assertIn("Leaflet A", accepted.text)

    def test_cost_workbook_is_not_for_customers(self):
        url = f"/print_crm/estimate/{self.estimate_a.id}/xlsx"
        self.authenticate("portal-a", "portal-a")
        response = self._get(url)
        self.assertNotEqual(response.status_code, 200)
        self.assertFalse(response.content.startswith(b"PK"), "no workbook for the customer")
        self.authenticate("portal-estimator", "portal-estimator")
        own = self._get(url)
        self.assertEqual(own.status_code, 200)
        self.assertTrue(own.content.startswith(b"PK"))

    def test_out_of_range_quantities_and_pages_name_the_field(self):
        self.env["print.operation"].create(
            {
                "name": "Stitcher",
                "code": "STITCH",
                "process": "saddle_stitch",
                "basis": "copy",
                "setup_hours": 0.5,
                "hourly_rate": 45,
                "speed": 2500,
                "max_pages": 64,
            }
        )
        self.authenticate("portal-a", "portal-a")
        before = self._estimates_of(self.customer_a)
        huge = "9" * 400
        for product, data, message in (
            (self.flyer, {"quantities": huge}, "Quantities: at most 10,000,000"),
            (self.booklet, {"quantities": huge, "pages": "16"}, "Quantities: at most 10,000,000"),
            (self.booklet, {"quantities": "200", "pages": "4000"}, "Pages: at most 64"),
            (self.booklet, {"quantities": "200", "pages": huge}, "Pages: at most 64"),
        ):
            with self.subTest(product=product.name, data=data):
                response = self._request(product, **data)
                self.assertEqual(response.status_code, 200)
                self.assertIn(message, response.text)
                self.assertNotIn("o_print_quote_thanks", response.text)
        self.assertEqual(self._estimates_of(self.customer_a), before)

    # ------------------------------------------------------------------ requests

    def _request(self, product, files=None, **data):
        values = {"csrf_token": self._csrf(), "todo": "request"}
        values.update(data)
        return self.url_open(f"/my/print_quote/{product.id}", data=values, files=files)

    def _estimates_of(self, partner):
        return self.env["print.estimate"].search([("partner_id", "child_of", partner.id)])

    def test_instant_product_shows_prices_at_once(self):
        self.authenticate("portal-a", "portal-a")
        page = self.url_open(f"/my/print_quote/{self.flyer.id}").text
        self.assertIn('data-quantity="500"', page)
        self.assertIn('data-quantity="1000"', page)
        expected = (
            self.env["print.estimate"]
            .new(self.flyer._estimate_values(self.portal_a.partner_id, (500, 1000)))
            ._engine_result()
        )
        for priced in expected.breaks:
            self.assertIn(f'oe_currency_value">{priced.price:,.2f}<', page)
        # Looking at prices saves nothing.
        self.assertEqual(len(self._estimates_of(self.customer_a)), 2)

    def test_request_creates_a_draft_estimate_with_an_activity_and_artwork(self):
        self.authenticate("portal-a", "portal-a")
        before = self._estimates_of(self.customer_a)
        pdf = ("proof.pdf", io.BytesIO(b"%PDF-1.4 artwork"), "application/pdf")
        response = self._request(
            self.booklet,
            files={"artwork": pdf},
            quantities="200, 400",
            pages="24",
            title="Annual report",
        )
        self.assertIn("o_print_quote_thanks", response.text)
        new = self._estimates_of(self.customer_a) - before
        self.assertEqual(len(new), 1)
        self.assertEqual(new.state, "draft")
        self.assertEqual(new.partner_id, self.portal_a.partner_id)
        self.assertEqual(new.title, "Annual report")
        self.assertEqual(new.break_ids.mapped("quantity"), [200, 400])
        self.assertEqual(new.part_ids.filtered(lambda p: p.role == "text").pages, 24)
        self.assertEqual(new.activity_ids.user_id, self.estimator)
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "print.estimate"), ("res_id", "=", new.id)]
        )
        self.assertEqual(attachment.name, "proof.pdf")

    def test_bad_requests_are_refused_with_a_message_and_nothing_saved(self):
        self.authenticate("portal-a", "portal-a")
        before = self._estimates_of(self.customer_a)
        past = (date.today() - timedelta(days=3)).isoformat()
        cases = [
            ({"quantities": "500, -3"}, None, "Quantities:"),
            ({"quantities": ""}, None, "Quantities:"),
            ({"quantities": "200", "pages": "10"}, None, "multiple of 4"),
            ({"quantities": "200", "pages": "16", "wanted_date": past}, None, "in the past"),
            (
                {"quantities": "200", "pages": "16"},
                {"artwork": ("run.exe", io.BytesIO(b"MZ"), "application/x-msdownload")},
                "Artwork file:",
            ),
            (
                {"quantities": "200", "pages": "16"},
                {"artwork": ("empty.pdf", io.BytesIO(b""), "application/pdf")},
                "the file is empty",
            ),
        ]
        for data, files, message in cases:
            with self.subTest(data=data, files=files):
                response = self._request(self.booklet, files=files, **data)
                self.assertIn(message, response.text)
                self.assertNotIn("o_print_quote_thanks", response.text)
        self.assertEqual(self._estimates_of(self.customer_a), before)

    def test_order_an_instant_product(self):
        self.authenticate("portal-a", "portal-a")
        response = self._request(self.flyer, quantities="500, 1000", todo="order-500")
        estimate = self._estimates_of(self.customer_a).filtered(lambda e: e.title == "Tour Flyer")
        self.assertEqual(estimate.state, "accepted")
        self.assertEqual(estimate.sale_order_id.order_line.print_copies, 500)
        self.assertIn(f"/my/orders/{estimate.sale_order_id.id}", response.url)

    def test_portal_tour_request_see_prices_and_order(self):
        self.start_tour("/my", "print_crm_portal_quote_tour", login="portal-a")
        order = self.env["sale.order"].search([("partner_id", "=", self.portal_a.partner_id.id)])
        self.assertEqual(order.order_line.print_copies, 500)
