# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A distributor's quote request for an end customer on the portal, and the acceptance
tour: it requests a quote for an end customer, sees its trade price, accepts, and follows
the job (issue 14)."""

from urllib.parse import quote

from odoo import http
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools.misc import formatLang

from odoo.addons.print_crm_tracking.tests.common import PrintCrmJobCommon

DISTRIBUTOR_LOGIN = "channel-tour-luis"


@tagged("post_install", "-at_install")
class TestChannelQuoteRequest(PrintCrmJobCommon, HttpCase):
    """A distributor names the end customer of its quote request; others cannot."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        # City resellers buy at 20% off the list price and should resell at +35%.
        cls.level = level = cls.env["print.channel.level"].create(
            {
                "name": "City Reseller",
                "code": "T2",
                "trade_mode": "discount",
                "trade_pct": 20.0,
                "retail_markup_pct": 35.0,
            }
        )
        cls.distributor = Partner.create(
            {
                "name": "Bay Area Print Brokers",
                "is_company": True,
                "print_channel_role": "distributor",
                "print_channel_level_id": level.id,
                "user_id": cls.estimator.id,
            }
        )
        cls.sibling = Partner.create(
            {
                "name": "Atlantic Print Network",
                "is_company": True,
                "print_channel_role": "distributor",
                "print_channel_level_id": level.id,
            }
        )
        cls.distributor_user = new_test_user(
            cls.env,
            login=DISTRIBUTOR_LOGIN,
            groups="base.group_portal",
            partner_id=Partner.create(
                {
                    "name": "Luis Moreno",
                    "parent_id": cls.distributor.id,
                    "email": "luis@bayarea.example",
                }
            ).id,
        )
        cls.customer_user = new_test_user(
            cls.env,
            login="channel-tour-mei",
            groups="base.group_portal",
            partner_id=cls.customer_contact.id,
        )
        cls.coffee = Partner.create({"name": "Golden Gate Coffee Roasters", "is_company": True})
        cls.hotel = Partner.create({"name": "Harborview Hotel", "is_company": True})
        # Their earlier estimates make them end customers: the coffee roasters of the
        # distributor, the hotel of its sibling.
        cls._make_estimate(
            partner_id=cls.distributor_user.partner_id.id,
            print_end_customer_id=cls.coffee.id,
            title="Earlier café menu",
        )
        cls._make_estimate(
            partner_id=cls.sibling.id, print_end_customer_id=cls.hotel.id, title="Hotel cards"
        )
        cls.posters = cls.env["print.portal.product"].create(
            {
                "name": "Channel Posters",
                "instant": False,
                "product_kind": "flat",
                "finished_width": 210,
                "finished_height": 297,
                "colours_front": 4,
                "colours_back": 0,
                "substrate_id": cls.silk130_sra3.id,
                "quantities": "500, 1000",
            }
        )

    def _csrf(self):
        return http.Request.csrf_token(self)

    def _request(self, **data):
        values = {"csrf_token": self._csrf(), "todo": "request", "quantities": "500"}
        values.update(data)
        return self.url_open(f"/my/print_quote/{self.posters.id}", data=values)

    def _requests_of(self, partner, title):
        return self.env["print.estimate"].search(
            [("partner_id", "child_of", partner.id), ("title", "=", title)]
        )

    # ------------------------------------------------------------------ the form

    def test_form_offers_the_distributors_own_end_customers_only(self):
        self.authenticate(DISTRIBUTOR_LOGIN, DISTRIBUTOR_LOGIN)
        page = self.url_open(f"/my/print_quote/{self.posters.id}").text
        self.assertIn('name="print_end_customer_id"', page)
        self.assertIn("Golden Gate Coffee Roasters", page)
        self.assertNotIn("Harborview Hotel", page)
        # A direct customer orders for itself: no end customer on its form.
        self.authenticate("channel-tour-mei", "channel-tour-mei")
        page = self.url_open(f"/my/print_quote/{self.posters.id}").text
        self.assertNotIn('name="print_end_customer_id"', page)

    def test_request_for_a_chosen_end_customer(self):
        self.authenticate(DISTRIBUTOR_LOGIN, DISTRIBUTOR_LOGIN)
        response = self._request(title="Roastery posters", print_end_customer_id=self.coffee.id)
        self.assertIn("o_print_quote_thanks", response.text)
        estimate = self._requests_of(self.distributor, "Roastery posters")
        self.assertEqual(estimate.print_end_customer_id, self.coffee)
        self.assertTrue(estimate.portal_requested)
        # Priced, sent and accepted: the order is for the same end customer.
        estimate.action_compute()
        estimate.action_mark_sent()
        order = estimate._accept_break(estimate.break_ids).order_id
        self.assertEqual(order.print_end_customer_id, self.coffee)
        self.assertEqual(order.partner_id, self.distributor_user.partner_id)

    def test_request_names_a_new_end_customer_once(self):
        self.authenticate(DISTRIBUTOR_LOGIN, DISTRIBUTOR_LOGIN)
        self._request(title="Bakery flyers", print_end_customer_name="  Lakeside   Bakery ")
        first = self._requests_of(self.distributor, "Bakery flyers")
        self.assertEqual(first.print_end_customer_id.name, "Lakeside Bakery")
        # Named again (another case): the same end customer, now in the distributor's list.
        self._request(title="Bakery menus", print_end_customer_name="lakeside bakery")
        second = self._requests_of(self.distributor, "Bakery menus")
        self.assertEqual(second.print_end_customer_id, first.print_end_customer_id)
        page = self.url_open(f"/my/print_quote/{self.posters.id}").text
        self.assertIn("Lakeside Bakery", page)

    def test_a_siblings_end_customer_or_a_stranger_is_refused(self):
        self.authenticate(DISTRIBUTOR_LOGIN, DISTRIBUTOR_LOGIN)
        stranger = self.env["res.partner"].create({"name": "Somebody Else Ltd"})
        for customer in (self.hotel, stranger):
            with self.subTest(customer=customer.name):
                response = self._request(title="Forged posters", print_end_customer_id=customer.id)
                self.assertIn("End Customer: choose one of your end customers", response.text)
                self.assertNotIn("o_print_quote_thanks", response.text)
                self.assertNotIn(customer.name, response.text)
        self.assertFalse(self._requests_of(self.distributor, "Forged posters"))

    def test_a_choice_and_a_name_together_are_refused(self):
        self.authenticate(DISTRIBUTOR_LOGIN, DISTRIBUTOR_LOGIN)
        response = self._request(
            title="Both posters",
            print_end_customer_id=self.coffee.id,
            print_end_customer_name="Lakeside Bakery",
        )
        self.assertIn("not both", response.text)
        self.assertFalse(self._requests_of(self.distributor, "Both posters"))
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Lakeside Bakery")]))

    def test_a_direct_customer_cannot_name_an_end_customer(self):
        self.authenticate("channel-tour-mei", "channel-tour-mei")
        self._request(
            title="Direct posters",
            print_end_customer_id=self.coffee.id,
            print_end_customer_name="Lakeside Bakery",
        )
        estimate = self._requests_of(self.customer, "Direct posters")
        self.assertTrue(estimate)
        self.assertFalse(estimate.print_end_customer_id)
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Lakeside Bakery")]))

    # ------------------------------------------------------------------ the acceptance tour

    def _tour_price(self, break_):
        """The distributor's price of ``break_`` as the portal writes it (the figure)."""
        return formatLang(self.env, break_.price)

    def test_tour_distributor_requests_sees_its_price_accepts_and_follows_the_job(self):
        self.start_tour("/my", "print_crm_channel_request_tour", login=DISTRIBUTOR_LOGIN)
        estimate = self._requests_of(self.distributor, "Café loyalty posters")
        self.assertEqual(estimate.state, "draft")
        self.assertEqual(estimate.print_end_customer_id, self.coffee)
        self.assertEqual(estimate.break_ids.mapped("quantity"), [500, 1000])

        # The shop prices the request and sends it.
        estimate.with_user(self.estimator).action_compute()
        estimate.with_user(self.estimator).action_mark_sent()
        break_ = estimate.break_ids.filtered(lambda b: b.quantity == 1000)
        # Its trade price: its level's, below what the same posters cost a direct customer.
        self.assertEqual(estimate.print_trade_level_id, self.level)
        direct = estimate.copy(
            {"partner_id": self.customer_contact.id, "print_end_customer_id": False}
        )
        direct.action_compute()
        self.assertFalse(direct.print_trade_level_id)
        direct_break = direct.break_ids.filtered(lambda b: b.quantity == 1000)
        self.assertLess(break_.price, direct_break.price)
        price = self._tour_price(break_)
        self.start_tour(
            f"/my/print_estimates?price={quote(price)}",
            "print_crm_channel_accept_tour",
            login=DISTRIBUTOR_LOGIN,
        )
        order = estimate.sale_order_id
        self.assertEqual(estimate.accepted_break_id, break_)
        self.assertEqual(order.state, "sent")
        self.assertEqual(order.print_end_customer_id, self.coffee)
        self.assertEqual(order.amount_untaxed, break_.price)

        # The shop confirms the order; prepress picks the job up.
        order.action_confirm()
        job = order.print_job_ids
        self.assertEqual(len(job), 1)
        job.with_user(self.production_user).action_next_stage()
        self.start_tour("/my", "print_crm_channel_follow_tour", login=DISTRIBUTOR_LOGIN)
