# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from odoo import Command, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.print_crm_quote.tests.common import PrintCrmEstimateCommon

from .common import PrintCrmChannelCommon

RETAIL_CELL = re.compile(
    r'o_print_retail_price">\s*<span[^>]*>.*?oe_currency_value">([\d,.]+)<', re.DOTALL
)


class PrintTradePriceCommon(PrintCrmChannelCommon, PrintCrmEstimateCommon):
    """The estimating shop of print_crm_quote's tests (list price: cost + 30%, at least 50)
    with a two-level channel: Gold distributors buy at 20% off the list price (10% off
    folded leaflets), at least 40 a job, and should resell at +35%; Silver distributors
    buy at cost + 10%, at least 80 a job, and should resell at +50%. Silver Harbour sits
    under Gold North."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Level = cls.env["print.channel.level"].with_user(cls.module_manager)
        cls.gold = Level.create(
            {
                "name": "Gold",
                "code": "GOLD",
                "trade_mode": "discount",
                "trade_pct": 20.0,
                "trade_minimum_price": 40.0,
                "retail_markup_pct": 35.0,
                "trade_kind_ids": [Command.create({"product_kind": "folded", "trade_pct": 10.0})],
            }
        )
        cls.silver = Level.create(
            {
                "name": "Silver",
                "code": "SILVER",
                "trade_mode": "markup",
                "trade_pct": 10.0,
                "trade_minimum_price": 80.0,
                "retail_markup_pct": 50.0,
            }
        )
        Partner = cls.env["res.partner"].with_user(cls.module_manager)
        cls.dist_gold = Partner.create(
            {
                "name": "North Print Distribution",
                "is_company": True,
                "print_channel_role": "distributor",
                "print_channel_level_id": cls.gold.id,
            }
        )
        cls.dist_silver = Partner.create(
            {
                "name": "Harbour City Prints",
                "is_company": True,
                "print_channel_role": "distributor",
                "print_channel_level_id": cls.silver.id,
                "print_channel_parent_id": cls.dist_gold.id,
            }
        )
        cls.end_customer = cls.env["res.partner"].create({"name": "Blue Cafe", "is_company": True})
        cls.portal_gold = cls._portal_user("trade-gold", cls.dist_gold)
        cls.portal_silver = cls._portal_user("trade-silver", cls.dist_silver)
        cls.portal_customer = cls._portal_user("trade-customer", cls.customer2)
        cls.flyer = cls.env["print.portal.product"].create(
            {
                "name": "Trade Flyer",
                "instant": True,
                "product_kind": "flat",
                "finished_width": 210,
                "finished_height": 297,
                "colours_front": 4,
                "colours_back": 0,
                "substrate_id": cls.silk130_sra3.id,
                "quantities": "5000, 20000",
            }
        )

    @classmethod
    def _portal_user(cls, login, company):
        contact = cls.env["res.partner"].create(
            {
                "name": f"{company.name} buyer",
                "parent_id": company.id,
                "email": f"{login}@x.example",
            }
        )
        return new_test_user(
            cls.env, login=login, groups="base.group_portal", partner_id=contact.id
        )

    def _priced(self, partner, quantities=(5000, 20000), **values):
        estimate = self._make_estimate(quantities=quantities, partner_id=partner.id, **values)
        estimate.with_user(self.estimator).action_compute()
        return estimate


@tagged("post_install", "-at_install")
class TestTradePrice(PrintTradePriceCommon, HttpCase):
    # ------------------------------------------------------------------ estimates

    def test_two_levels_two_prices_for_the_same_spec(self):
        listed = self._priced(self.customer)
        gold = self._priced(self.dist_gold)
        silver = self._priced(self.dist_silver)
        for quantity in (5000, 20000):
            list_break, gold_break, silver_break = (
                e.break_ids.filtered(lambda b, q=quantity: b.quantity == q)
                for e in (listed, gold, silver)
            )
            # Same spec, same cost; the list price is cost + 30%.
            self.assertAlmostEqual(gold_break.cost, list_break.cost, places=2)
            self.assertAlmostEqual(list_break.price, list_break.cost * 1.3, delta=0.01)
            # Gold: 20% off the list price; Silver: cost + 10%.
            self.assertAlmostEqual(gold_break.price, list_break.cost * 1.3 * 0.8, delta=0.01)
            self.assertAlmostEqual(silver_break.price, silver_break.cost * 1.1, delta=0.01)
            self.assertNotAlmostEqual(gold_break.price, silver_break.price, places=0)
            self.assertLess(gold_break.price, list_break.price)
            # The breaks show the trade price and the retail price the level suggests.
            self.assertEqual(gold_break.print_trade_price, gold_break.price)
            self.assertAlmostEqual(
                gold_break.print_retail_price, round(gold_break.price * 1.35, 2), places=2
            )
            self.assertAlmostEqual(
                silver_break.print_retail_price, round(silver_break.price * 1.5, 2), places=2
            )
        self.assertEqual(gold.print_trade_level_id, self.gold)
        self.assertEqual(silver.print_trade_level_id, self.silver)
        self.assertEqual(gold.print_retail_markup_pct, 35.0)

    def test_contacts_of_a_distributor_pay_its_trade_price(self):
        contact = self.portal_gold.partner_id
        self.assertEqual(contact._print_trade_level(), self.gold)
        estimate = self._priced(contact)
        self.assertEqual(estimate.print_trade_level_id, self.gold)

    def test_ordinary_customers_keep_the_list_price(self):
        estimate = self._priced(self.customer_contact)
        self.assertFalse(estimate.print_trade_level_id)
        self.assertFalse(self.customer._print_trade_level())
        for break_ in estimate.break_ids:
            self.assertAlmostEqual(break_.price, max(50.0, break_.cost * 1.3), delta=0.01)
            self.assertFalse(break_.print_trade_price)
            self.assertFalse(break_.print_retail_price)
        # An agent or distributor without a level, or with an archived one, too.
        unlevelled = self.env["res.partner"].create(
            {"name": "Lone Agent", "is_company": True, "print_channel_role": "agent"}
        )
        self.assertFalse(unlevelled._print_trade_level())
        self.silver.with_user(self.module_manager).active = False
        self.assertFalse(self.dist_silver._print_trade_level())

    def test_level_minimum_replaces_the_list_minimum(self):
        # Ten flyers cost far below every minimum.
        listed = self._priced(self.customer, quantities=(10,))
        gold = self._priced(self.dist_gold, quantities=(10,))
        silver = self._priced(self.dist_silver, quantities=(10,))
        self.assertEqual(listed.break_ids.price, 50.0)
        self.assertEqual(gold.break_ids.price, 40.0)
        self.assertEqual(silver.break_ids.price, 80.0)
        self.assertTrue(silver.break_ids._print_minimum_applied())
        self.assertEqual(silver.break_ids.print_retail_price, 120.0)

    def test_product_kind_percentage(self):
        self.assertEqual(self.gold._print_trade_pct("folded"), 10.0)
        self.assertEqual(self.gold._print_trade_pct("flat"), 20.0)
        listed = self._priced(self.customer)
        self.gold.with_user(self.module_manager).write(
            {"trade_kind_ids": [Command.create({"product_kind": "flat", "trade_pct": 25.0})]}
        )
        gold = self._priced(self.dist_gold)
        for list_break, gold_break in zip(listed.break_ids, gold.break_ids, strict=True):
            self.assertAlmostEqual(gold_break.price, list_break.cost * 1.3 * 0.75, delta=0.01)
        # The same percentage for a kind twice is refused.
        with self.assertRaisesText(ValidationError, "Product Kind"), self.cr.savepoint():
            self.gold.with_user(self.module_manager).write(
                {"trade_kind_ids": [Command.create({"product_kind": "flat", "trade_pct": 5.0})]}
            )

    def test_retail_price_is_kept_with_the_prices(self):
        gold = self._priced(self.dist_gold)
        retail = gold.break_ids.mapped("print_retail_price")
        self.gold.with_user(self.module_manager).retail_markup_pct = 80.0
        self.assertEqual(gold.break_ids.mapped("print_retail_price"), retail)
        gold.with_user(self.estimator).action_compute()
        for break_ in gold.break_ids:
            self.assertAlmostEqual(break_.print_retail_price, round(break_.price * 1.8, 2))

    def test_accepted_order_carries_the_trade_price(self):
        gold = self._priced(self.dist_gold)
        gold.with_user(self.estimator).action_mark_sent()
        break_ = gold.break_ids[0]
        line = gold._accept_break(break_)
        self.assertAlmostEqual(line.price_subtotal, break_.print_trade_price, places=2)

    # ------------------------------------------------------------------ trust

    def test_trade_level_and_markup_are_set_by_pricing_only(self):
        estimate = self._priced(self.customer)
        as_estimator = estimate.with_user(self.estimator)
        for vals in ({"print_trade_level_id": self.gold.id}, {"print_retail_markup_pct": 500.0}):
            with self.assertRaisesText(UserError, "cannot be written directly"):
                as_estimator.write(vals)
        Estimate = self.env["print.estimate"].with_user(self.estimator)
        with self.assertRaisesText(UserError, "cannot be written directly"):
            Estimate.with_context(default_print_trade_level_id=self.gold.id).create(
                {"partner_id": self.customer.id, "title": "Forged"}
            )
        with self.assertRaisesText(UserError, "cannot be written directly"):
            Estimate.create(
                {"partner_id": self.customer.id, "title": "Forged", "print_retail_markup_pct": 9}
            )
        self.assertFalse(estimate.print_trade_level_id)

    def test_only_channel_managers_edit_level_prices(self):
        for user in (self.module_user, self.internal_user, self.estimator):
            with self.assertRaises(AccessError), self.cr.savepoint():
                self.gold.with_user(user).write({"trade_pct": 60.0})
            with self.assertRaises(AccessError), self.cr.savepoint():
                self.env["print.channel.level.trade.kind"].with_user(user).create(
                    {"level_id": self.gold.id, "product_kind": "flat", "trade_pct": 60.0}
                )
            with self.assertRaises(AccessError), self.cr.savepoint():
                self.gold.trade_kind_ids.with_user(user).write({"trade_pct": 60.0})
        self.assertEqual(self.gold.trade_pct, 20.0)
        self.assertEqual(self.gold.trade_kind_ids.trade_pct, 10.0)
        # Every employee reads them (a distributor's level shows on its form).
        self.assertEqual(self.gold.with_user(self.internal_user).trade_pct, 20.0)

    def test_bad_figures_name_the_field(self):
        as_manager = self.gold.with_user(self.module_manager)
        cases = [
            ({"trade_pct": 100.0}, "Trade Percentage"),
            ({"trade_pct": -5.0}, "Trade Percentage"),
            ({"trade_mode": "markup", "trade_pct": -100.0}, "Trade Percentage"),
            ({"trade_minimum_price": -1.0}, "Trade Minimum Order Price"),
            ({"retail_markup_pct": -1.0}, "Suggested Retail Markup"),
            # A per-kind discount above 100% once the level gives discounts again.
            (
                {"trade_kind_ids": [Command.create({"product_kind": "flat", "trade_pct": 120})]},
                "Trade Percentage",
            ),
        ]
        for vals, field in cases:
            with self.assertRaisesText(ValidationError, field), self.cr.savepoint():
                as_manager.write(vals)
        # A markup level takes a markup above 100%.
        self.silver.with_user(self.module_manager).trade_pct = 150.0

    def test_sub_distributor_cannot_read_its_parents_prices_over_rpc(self):
        gold = self._priced(self.dist_gold)
        gold.with_user(self.estimator).action_mark_sent()
        silver = self._priced(self.dist_silver)
        silver.with_user(self.estimator).action_mark_sent()
        env = self.env(user=self.portal_silver)
        # Not the level's terms...
        for fname in ("trade_pct", "trade_mode", "trade_minimum_price", "retail_markup_pct"):
            with self.assertRaises(AccessError):
                env["print.channel.level"].browse(self.gold.id).read([fname])
        with self.assertRaises(AccessError):
            env["print.channel.level.trade.kind"].search_read([], ["trade_pct"])
        # ...nor its parent's estimates and prices...
        with self.assertRaises(AccessError):
            env["print.estimate.break"].browse(gold.break_ids.ids).read(["price"])
        with self.assertRaises(AccessError):
            env["print.estimate"].browse(gold.id).read(["print_price"])
        self.assertFalse(
            env["print.estimate.break"].search([("estimate_id", "=", gold.id)]),
        )
        self.assertFalse(
            env["print.estimate.break"].search_read(
                [("print_trade_price", "in", gold.break_ids.mapped("price"))], ["price"]
            )
        )
        # ...nor which level prices whom: its own estimate's prices only.
        with self.assertRaises(AccessError):
            env["print.estimate"].browse(silver.id).read(["print_trade_level_id"])
        with self.assertRaises(AccessError):
            env["res.partner"].browse(self.dist_silver.id).read(["print_channel_level_id"])
        own = env["print.estimate.break"].search_read(
            [("estimate_id", "=", silver.id)], ["print_trade_price", "print_retail_price"]
        )
        self.assertEqual(
            sorted(row["print_trade_price"] for row in own),
            sorted(silver.break_ids.mapped("price")),
        )

    # ------------------------------------------------------------------ portal

    def _instant_page(self, login):
        self.authenticate(login, login)
        response = self.url_open(f"/my/print_quote/{self.flyer.id}")
        self.assertEqual(response.status_code, 200)
        return response.text

    def _expected_instant(self, user):
        return (
            self.env["print.estimate"]
            .new(self.flyer._estimate_values(user.partner_id, (5000, 20000)))
            ._engine_result()
            .breaks
        )

    def test_portal_instant_prices_per_level(self):
        pages = {}
        for user in (self.portal_gold, self.portal_silver, self.portal_customer):
            page = pages[user] = self._instant_page(user.login)
            for priced in self._expected_instant(user):
                self.assertIn(f'oe_currency_value">{priced.price:,.2f}<', page, user.login)
        gold, silver = (self._expected_instant(u) for u in (self.portal_gold, self.portal_silver))
        listed = self._expected_instant(self.portal_customer)
        for g, s, c in zip(gold, silver, listed, strict=True):
            self.assertAlmostEqual(g.price, c.price * 0.8, delta=0.01)
            self.assertAlmostEqual(s.price, s.cost * 1.1, delta=0.01)
            # A level never sees the other's price, nor the end customers' list price.
            self.assertNotIn(f'oe_currency_value">{g.price:,.2f}<', pages[self.portal_silver])
            self.assertNotIn(f'oe_currency_value">{s.price:,.2f}<', pages[self.portal_gold])
            self.assertNotIn(f'oe_currency_value">{c.price:,.2f}<', pages[self.portal_gold])
        # The suggested retail prices of each level; none for an ordinary customer.
        self.assertEqual(
            RETAIL_CELL.findall(pages[self.portal_gold]),
            [f"{round(g.price * 1.35, 2):,.2f}" for g in gold],
        )
        self.assertEqual(
            RETAIL_CELL.findall(pages[self.portal_silver]),
            [f"{round(s.price * 1.5, 2):,.2f}" for s in silver],
        )
        self.assertIn("Suggested Retail", pages[self.portal_gold])
        self.assertNotIn("o_print_retail_price", pages[self.portal_customer])
        self.assertNotIn("Suggested Retail", pages[self.portal_customer])

    def test_portal_order_of_an_instant_product_is_at_the_trade_price(self):
        self.authenticate("trade-silver", "trade-silver")
        expected = {b.quantity: b.price for b in self._expected_instant(self.portal_silver)}
        response = self.url_open(
            f"/my/print_quote/{self.flyer.id}",
            data={
                "title": "Harbour menus",
                "quantities": "5000, 20000",
                "todo": "order-5000",
                "csrf_token": self._csrf(),
            },
            allow_redirects=False,
        )
        self.assertIn(response.status_code, (302, 303))
        estimate = self.env["print.estimate"].search(
            [("partner_id", "=", self.portal_silver.partner_id.id)]
        )
        self.assertEqual(estimate.print_trade_level_id, self.silver)
        self.assertAlmostEqual(estimate.sale_order_id.amount_untaxed, expected[5000], places=2)

    def _csrf(self):
        return http.Request.csrf_token(self)

    def test_portal_estimate_page_shows_trade_and_retail_prices_to_its_own_customer(self):
        gold = self._priced(self.dist_gold, print_end_customer_id=self.end_customer.id)
        gold.with_user(self.estimator).action_mark_sent()
        silver = self._priced(self.dist_silver)
        silver.with_user(self.estimator).action_mark_sent()
        self.authenticate("trade-gold", "trade-gold")
        page = self.url_open(f"/my/print_estimates/{gold.id}").text
        self.assertIn("(trade)", page)
        self.assertEqual(
            RETAIL_CELL.findall(page),
            [f"{b.print_retail_price:,.2f}" for b in gold.break_ids],
        )
        # The sub-distributor is sent back to its home page, without the parent's prices.
        self.authenticate("trade-silver", "trade-silver")
        response = self.url_open(f"/my/print_estimates/{gold.id}", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        for break_ in gold.break_ids:
            self.assertNotIn(f"{break_.price:,.2f}", response.text)
        own = self.url_open(f"/my/print_estimates/{silver.id}").text
        for break_ in silver.break_ids:
            self.assertIn(f'oe_currency_value">{break_.price:,.2f}<', own)
        # An ordinary customer's estimate page has no trade column.
        listed = self._priced(self.customer2)
        listed.with_user(self.estimator).action_mark_sent()
        self.authenticate("trade-customer", "trade-customer")
        page = self.url_open(f"/my/print_estimates/{listed.id}").text
        self.assertIn("o_print_estimate_breaks", page)
        self.assertNotIn("o_print_retail_price", page)
        self.assertNotIn("(trade)", page)
