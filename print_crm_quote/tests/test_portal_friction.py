# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Friction on the customer's quote pages (issue 11, why 7 / build 7)."""

from datetime import date, timedelta

from odoo.tests import tagged

from . import test_portal


@tagged("post_install", "-at_install")
class TestPrintPortalFriction(test_portal.TestPrintQuotePortal):
    def _prices_page(self, product, **data):
        return self._request(product, todo="price", **data).text

    def test_quantities_with_thousands_separators(self):
        Product = self.env["print.portal.product"]
        self.assertEqual(Product._parse_quantities("1,000"), (1000,))
        self.assertEqual(Product._parse_quantities("1,000, 2,500 10,000"), (1000, 2500, 10000))
        self.assertEqual(Product._parse_quantities("250, 500, 1000"), (250, 500, 1000))
        self.assertEqual(Product._parse_quantities("500,1000"), (500, 1000))
        self.assertEqual(Product._parse_quantities("1,000,000"), (1_000_000,))
        self.authenticate("portal-a", "portal-a")
        page = self._prices_page(self.flyer, quantities="1,000, 2,500")
        self.assertNotIn("is-invalid", page)
        self.assertIn('data-quantity="1000"', page)
        self.assertIn('data-quantity="2500"', page)

    def test_no_order_button_past_the_largest_quantity_sold_online(self):
        self.authenticate("portal-a", "portal-a")
        page = self._prices_page(self.flyer, quantities="100,000,000")
        self.assertIn("Quantities: at most 10,000,000", page)
        self.assertNotIn("o_print_quote_order", page)

    def test_list_shows_the_lowest_then_the_accepted_price(self):
        cheapest, dearest = self.estimate_a.break_ids.sorted("quantity")
        self.authenticate("portal-a", "portal-a")
        page = self.url_open("/my/print_estimates").text
        self.assertIn(f"{cheapest.price:,.2f}", page)
        self.assertIn("from", page)
        self.estimate_a._accept_break(dearest)
        page = self.url_open("/my/print_estimates").text
        self.assertIn(f"{dearest.price:,.2f}", page)
        self.assertEqual(self.estimate_a.print_price, dearest.price)
        lowest = min(self.estimate_b.break_ids.mapped("price"))
        self.assertEqual(self.estimate_b.print_price, lowest)

    def test_accepted_quantity_is_marked(self):
        taken = self.estimate_a.break_ids.filtered(lambda b: b.quantity == 1000)
        self.estimate_a._accept_break(taken)
        self.authenticate("portal-a", "portal-a")
        page = self.url_open(f"/my/print_estimates/{self.estimate_a.id}").text
        self.assertRegex(page, r'<tr[^>]*data-quantity="1000"[^>]*o_print_break_accepted')
        self.assertNotRegex(page, r'<tr[^>]*data-quantity="500"[^>]*o_print_break_accepted')
        self.assertTrue(taken.is_accepted)
        self.assertFalse((self.estimate_a.break_ids - taken).is_accepted)

    def test_minimum_order_price_and_taxes_are_explained(self):
        self.env.company.print_price_policy_id.minimum_order_price = 100000.0
        estimate = self._estimate(self.customer_a, "Minimum job")
        self.env.company.account_price_include = "tax_excluded"
        self.authenticate("portal-a", "portal-a")
        page = self.url_open(f"/my/print_estimates/{estimate.id}").text
        self.assertIn("minimum order price", page)
        self.assertIn("Prices exclude taxes", page)
        instant = self._prices_page(self.flyer, quantities="500")
        self.assertIn("minimum order price", instant)
        self.assertIn("Prices exclude taxes", instant)
        self.env.company.account_price_include = "tax_included"
        page = self.url_open(f"/my/print_estimates/{estimate.id}").text
        self.assertIn("Prices include taxes", page)
        # An ordinary price says nothing of a minimum.
        self.env.company.print_price_policy_id.minimum_order_price = 0.0
        self.assertNotIn("minimum order price", self._prices_page(self.flyer, quantities="500"))

    def test_validity_date_from_the_company_default_when_sent(self):
        self.env.company.print_estimate_validity_days = 30
        estimate = self._estimate(self.customer_a, "Valid job")
        self.assertEqual(estimate.validity_date, date.today() + timedelta(days=30))
        self.authenticate("portal-a", "portal-a")
        page = self.url_open(f"/my/print_estimates/{estimate.id}").text
        self.assertIn("Valid until", page)
        # A date the estimator set stays; no default days, no date.
        kept = self._estimate(self.customer_a, "Kept date", send=False)
        kept.validity_date = date.today() + timedelta(days=5)
        kept.action_mark_sent()
        self.assertEqual(kept.validity_date, date.today() + timedelta(days=5))
        self.env.company.print_estimate_validity_days = 0
        self.assertFalse(self._estimate(self.customer_a, "No default").validity_date)
