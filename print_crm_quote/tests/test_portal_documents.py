# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The customer's own documents are always findable on the portal (issue 11, build 2)."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from . import test_portal


@tagged("post_install", "-at_install")
class TestPrintPortalDocuments(test_portal.TestPrintQuotePortal):
    """What a customer's Accept, Order and Request leave in its portal lists and counters."""

    def _accept(self, estimate, quantity, **data):
        break_ = estimate.break_ids.filtered(lambda b: b.quantity == quantity)
        return self.url_open(
            f"/my/print_estimates/{estimate.id}/accept",
            data=dict({"break_id": break_.id, "csrf_token": self._csrf()}, **data),
            allow_redirects=False,
        )

    def _counters(self, *names):
        return self.make_jsonrpc_request("/my/counters", {"counters": list(names)})

    def test_accepted_quantity_is_a_sent_quotation_in_the_customers_lists(self):
        self.authenticate("portal-a", "portal-a")
        self.assertEqual(self._counters("quotation_count")["quotation_count"], 0)
        self._accept(self.estimate_a, 1000)
        order = self.estimate_a.sale_order_id
        break_ = self.estimate_a.accepted_break_id
        self.assertEqual(order.state, "sent")
        # The quotations list and its counter show it; the order page opens without token.
        self.authenticate("portal-a", "portal-a")
        self.assertEqual(self._counters("quotation_count")["quotation_count"], 1)
        self.assertIn(order.name, self.url_open("/my/quotes").text)
        page = self._get(f"/my/orders/{order.id}")
        self.assertEqual(page.status_code, 200)
        # The line: 1,000 copies (not "1.00 Units"), the spec, the break's price exactly.
        line = order.order_line
        self.assertEqual(line.print_copies, 1000)
        self.assertEqual(line.price_subtotal, break_.price)
        self.assertEqual(order.amount_untaxed, break_.price)
        self.assertIn("1,000 copies", page.text)
        self.assertNotIn("1.00 Units", page.text)
        self.assertIn("Leaflet A: 1,000 copies", line.name)
        self.assertIn("210 × 297 mm", line.name)
        # Another customer, and a wrong token, do not open it.
        self.authenticate("portal-b", "portal-b")
        for url in (f"/my/orders/{order.id}", f"/my/orders/{order.id}?access_token=wrong"):
            response = self._get(url)
            self.assertIn(response.status_code, (302, 303), url)
            self.assertNotIn(order.name, response.text)
        self.assertEqual(self._counters("quotation_count")["quotation_count"], 0)
        self.assertNotIn(order.name, self.url_open("/my/quotes").text)

    def test_accept_with_a_wrong_token_or_by_another_customer_makes_no_order(self):
        self.authenticate("portal-b", "portal-b")
        self._accept(self.estimate_a, 1000, access_token="wrong")
        self.authenticate(None, None)
        self._accept(self.estimate_a, 1000, access_token="wrong")
        self.assertFalse(self.estimate_a.sale_order_id)
        self.assertFalse(self.env["sale.order"].search([("partner_id", "=", self.customer_a.id)]))

    def test_ordered_instant_product_is_a_sent_quotation_in_the_list(self):
        self.authenticate("portal-a", "portal-a")
        self._request(self.flyer, quantities="500, 1000", todo="order-500")
        estimate = self._estimates_of(self.customer_a).filtered(lambda e: e.title == "Tour Flyer")
        order = estimate.sale_order_id
        self.assertEqual(order.state, "sent")
        self.assertIn(order.name, self.url_open("/my/quotes").text)
        self.assertIn("500 copies", self._get(f"/my/orders/{order.id}").text)
        self.authenticate("portal-b", "portal-b")
        self.assertNotIn(order.name, self.url_open("/my/quotes").text)

    def test_sent_request_is_listed_at_once_as_requested(self):
        self.authenticate("portal-a", "portal-a")
        before = self._counters("print_estimate_count")["print_estimate_count"]
        self._request(self.booklet, title="Annual report request", quantities="200", pages="16")
        request = self._estimates_of(self.customer_a).filtered(
            lambda e: e.title == "Annual report request"
        )
        self.assertEqual(request.state, "draft")
        self.assertTrue(request.portal_requested)
        page = self.url_open("/my/print_estimates").text
        self.assertIn("Annual report request", page)
        self.assertIn("Requested", page)
        self.assertEqual(self._counters("print_estimate_count")["print_estimate_count"], before + 1)
        # Other drafts stay hidden, and the request is no one else's to see.
        self.assertNotIn("Draft A", page)
        self.authenticate("portal-b", "portal-b")
        self.assertNotIn("Annual report request", self.url_open("/my/print_estimates").text)
        # The record rule still hides drafts from RPC: only the list shows the request.
        self.assertFalse(request.with_user(self.portal_a).has_access("read"))

    def test_requested_flag_is_a_decision(self):
        with self.assertRaises(UserError):
            self.draft_a.with_user(self.estimator).write({"portal_requested": True})

    def test_portal_tour_accept_and_find_the_quotation(self):
        self.start_tour("/my/print_estimates", "print_crm_portal_accept_tour", login="portal-a")
        order = self.estimate_a.sale_order_id
        self.assertEqual(order.state, "sent")
        self.assertEqual(order.order_line.print_copies, 1000)


@tagged("post_install", "-at_install")
class TestPrintPortalOnPhone(test_portal.TestPrintQuotePortal):
    """At 390 × 844 no quote page of the portal scrolls sideways (issue 11, build 6)."""

    browser_size = "390x844"
    touch_enabled = True

    def test_quote_pages_fit_a_phone(self):
        self.estimate_a.action_new_revision()  # a long reference: "... rev. 1"
        self.estimate_a.revision_ids.write({"title": "A rather long job title " * 4})
        self.estimate_a.revision_ids.action_compute()
        self.estimate_a.revision_ids.action_mark_sent()
        for url in (
            "/my/print_estimates",
            f"/my/print_estimates/{self.estimate_a.revision_ids.id}",
            f"/my/print_quote/{self.booklet.id}",
            f"/my/print_quote/{self.flyer.id}",
        ):
            with self.subTest(url=url):
                self.start_tour(url, "print_crm_portal_width_tour", login="portal-a")
