# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import PrintCrmEstimateCommon


def html_order(break_):
    """The alternatives of ``break_`` in the order the breakdown shows them."""
    return break_._sorted_alternatives()


@tagged("post_install", "-at_install")
class TestPrintEstimatePricing(PrintCrmEstimateCommon):
    """Pricing an estimate: the engine's figures as the estimator sees them."""

    def test_compute_prices_every_break(self):
        estimate = self._make_estimate()
        self.assertEqual(estimate.price_policy_id, self.policy)
        self.assertFalse(estimate.computed)
        estimate.action_compute()
        self.assertTrue(estimate.computed)
        self.assertEqual(estimate.break_ids.mapped("quantity"), [500, 1000, 2500])
        for break_ in estimate.break_ids:
            data = break_.breakdown
            self.assertGreater(break_.cost, 0.0, break_.display_name)
            self.assertTrue(break_.route, break_.display_name)
            # 30 % markup on the cost, or the minimum order price when that is higher.
            self.assertAlmostEqual(data["markup"], break_.cost * 0.30, delta=0.01)
            if data["minimum_applied"]:
                self.assertLess(break_.cost * 1.3, 50.0)
                self.assertEqual(break_.price, 50.0)
            else:
                self.assertAlmostEqual(break_.price, break_.cost * 1.3, delta=0.01)
                self.assertGreaterEqual(break_.price, 50.0)
            self.assertAlmostEqual(break_.margin, break_.price - break_.cost, places=2)
            self.assertAlmostEqual(
                break_.margin_pct, 100.0 * break_.margin / break_.price, places=2
            )
            self.assertAlmostEqual(data["unit_price"], break_.price / break_.quantity, places=4)
            self.assertEqual(break_.price_display, self.currency.format(break_.price))
        # The larger runs are well above the minimum: the markup shows in the price.
        self.assertFalse(estimate.break_ids[-1].breakdown["minimum_applied"])

    def test_breakdown_shows_cost_lines_routes_and_the_routes_not_chosen(self):
        """The estimator sees why a quantity costs what it costs, and what else was tried."""
        estimate = self._make_estimate(quantities=(500, 5000))
        estimate.action_compute()
        small, large = estimate.break_ids
        alternatives = large._sorted_alternatives()
        chosen = [a for a in alternatives if a["reason"]["code"] == "chosen"]
        self.assertEqual(len(chosen), 1, "one route is chosen for the single part")
        self.assertEqual(chosen[0]["cost"], large.cost)
        others = [a for a in alternatives if a["reason"]["code"] != "chosen"]
        self.assertTrue(others, "the other presses and sheets are listed")
        for alternative in others:
            if alternative["cost"] is not None:
                self.assertGreaterEqual(alternative["cost"], large.cost, alternative)
        action = large.action_open_breakdown()
        self.assertEqual((action["res_model"], action["res_id"]), (large._name, large.id))
        self.assertEqual(action["target"], "new")
        html = re.sub(r"<[^>]+>", "", str(large.breakdown_html))
        route = large.breakdown["routes"][0]
        self.assertIn(route["press_name"], html)
        self.assertIn("Paper", html)
        self.assertIn("Chosen", html)
        self.assertIn(self.currency.format(large.cost), html)
        # The routes not chosen carry the engine's verdict, with the amount formatted.
        more = [a for a in others if a["reason"]["code"] == "costs_more"]
        if more:
            amount = more[0]["reason"]["params"]["amount"]
            self.assertIn(f"Costs {self.currency.format(amount)} more", html)
        # Cheapest first, the impossible ones last.
        costs = [a["cost"] for a in html_order(large)]
        feasible = [c for c in costs if c is not None]
        self.assertEqual(feasible, sorted(feasible))
        self.assertEqual(costs[: len(feasible)], feasible)
        # Each quantity lists its own costs: the alternatives differ between breaks.
        self.assertNotEqual(
            [a["cost"] for a in small._sorted_alternatives()],
            [a["cost"] for a in alternatives],
        )

    def test_breakdown_names_an_impossible_route(self):
        """A press whose sheet the A4 does not fit is listed as not possible, and why."""
        self.env["print.press"].create(
            {
                "name": "Small offset A4",
                "code": "OFF-A4",
                "max_sheet_width": 210.0,
                "max_sheet_length": 297.0,
                "hourly_rate": 40.0,
                "plate_cost": 4.0,
            }
        )
        estimate = self._make_estimate(quantities=(1000,))
        estimate.action_compute()
        html = re.sub(r"<[^>]+>", "", str(estimate.break_ids.breakdown_html))
        self.assertIn("Not possible:", html)
        self.assertIn("Small offset A4", html)

    def test_digital_flyer_costed_by_hand(self):
        """With the offset presses archived and SRA3 sheets only, every figure by hand.

        A4 + 3 mm bleed is 216 x 303 mm; the digital press prints 440 x 305 mm of a 320 x 450
        sheet (10 mm gripper, 5 mm tail and sides): 2-up. Per copy 0.5 net sheet, plus 1 %
        spoilage; one makeready of 0.1 h and 5 sheets; one colour click per sheet printed 4/0.
        Paper 0.05 a sheet (50 per 1000), press 30 an hour at 1500 sheets an hour. Guillotine:
        2 x 1 pieces with bleed take min(4 + 2 x 2, 2 + 1 x 4) = 6 strokes a lift of 100 mm,
        at least one lift, 0.1 h setup at 40 an hour and 300 strokes an hour.
        """
        (self.press_sra3 | self.press_b2).action_archive()
        estimate = self._make_estimate(quantities=(500, 1000, 2500), part={"any_sheet_size": False})
        estimate.action_compute()
        expected = {
            # paper sheets, run sheets, guillotine strokes
            500: (257.5, 252.5, 6.0),
            1000: (510.0, 505.0, 6.0),
            2500: (1267.5, 1262.5, 6 * 1250 * 0.11 / 100),  # 8.25 strokes: 1.65 lifts
        }
        for break_ in estimate.break_ids:
            paper, run, strokes = expected[break_.quantity]
            cost = (
                paper * 0.05  # paper
                + 0.1 * 30.0  # makeready
                + run / 1500.0 * 30.0  # run
                + run * 0.05  # colour clicks
                + 0.1 * 40.0
                + strokes * 40.0 / 300.0  # guillotine
            )
            self.assertAlmostEqual(break_.cost, cost, places=2, msg=break_.display_name)
            self.assertEqual(
                break_.route, "Digital SRA3+ 320 × 450, 2-up (2 × 1), digital, one side"
            )
            lines = {line["category"]: line for line in break_.breakdown["lines"]}
            self.assertEqual(lines["paper"]["quantity"], paper)
            self.assertEqual(lines["click"]["quantity"], run)
            self.assertEqual(lines["finishing"]["quantity"], strokes)
        self.assertEqual(estimate.break_ids.mapped("cost"), [38.35, 68.65, 159.85])
        small, medium, large = estimate.break_ids
        self.assertEqual(small.price, 50.0, "38.35 x 1.3 = 49.86 is below the minimum")
        self.assertAlmostEqual(medium.price, 68.65 * 1.3, delta=0.005)
        self.assertAlmostEqual(large.price, 159.85 * 1.3, delta=0.005)

    def test_unit_price_is_price_over_quantity(self):
        """The unit price the estimate shows gives back the break's price."""
        estimate = self._make_estimate()
        estimate.action_compute()
        for break_ in estimate.break_ids:
            self.assertAlmostEqual(
                break_.unit_price,
                break_.price / break_.quantity,
                places=4,
                msg=f"{break_.display_name}: unit price {break_.unit_price} x"
                f" {break_.quantity} is not the price {break_.price}",
            )

    def test_more_copies_never_cost_more_each(self):
        estimate = self._make_estimate(quantities=(250, 500, 1000, 2500, 5000, 10000))
        estimate.action_compute()
        breaks = estimate.break_ids
        costs = breaks.mapped("cost")
        unit_prices = [b.breakdown["unit_price"] for b in breaks]
        self.assertEqual(costs, sorted(costs), "the total cost grows with the quantity")
        self.assertEqual(
            unit_prices, sorted(unit_prices, reverse=True), "the unit price never rises"
        )
        self.assertLess(unit_prices[-1], unit_prices[0])

    def test_minimum_order_price_for_a_short_run(self):
        estimate = self._make_estimate(quantities=(10, 2500))
        estimate.action_compute()
        short, long_ = estimate.break_ids
        self.assertTrue(short.breakdown["minimum_applied"])
        self.assertEqual(short.price, 50.0)
        self.assertEqual(short.breakdown["unit_price"], 5.0)
        self.assertFalse(long_.breakdown["minimum_applied"])
        self.assertAlmostEqual(long_.price, long_.cost * 1.3, delta=0.01)

    def test_breaks_are_priced_in_quantity_order(self):
        """Breaks entered out of order are priced each at its own quantity."""
        estimate = self._make_estimate(quantities=(2500, 500, 1000))
        reference = self._make_estimate()
        (estimate | reference).action_compute()
        for break_, expected in zip(estimate.break_ids, reference.break_ids, strict=True):
            self.assertEqual(break_.quantity, expected.quantity)
            self.assertEqual(break_.cost, expected.cost)
            self.assertEqual(break_.price, expected.price)

    def test_changing_the_spec_marks_prices_out_of_date(self):
        estimate = self._make_estimate()
        estimate.action_compute()
        changes = [
            {"finished_width": 148.0, "finished_height": 210.0},
            {"part_ids": [Command.update(estimate.part_ids.id, {"colours_back": 4})]},
            {"break_ids": [Command.create({"quantity": 5000})]},
            {"bleed": 2.0},
            {"grain": "height"},
            {"partner_id": self.customer2.id},
        ]
        for values in changes:
            estimate.action_compute()
            self.assertTrue(estimate.computed)
            estimate.write(values)
            self.assertFalse(estimate.computed, f"{values} leaves the prices current")
        # Fields outside the spec leave the prices current.
        estimate.action_compute()
        estimate.write({"title": "Summer flyer", "client_reference": "PO 7781"})
        self.assertTrue(estimate.computed)

    def test_customer_policy_overrides_company_default(self):
        premium = self.env["print.price.policy"].create(
            {"name": "Events (test)", "markup_pct": 50.0, "minimum_order_price": 0.0}
        )
        self.customer2.print_price_policy_id = premium
        trade = self._make_estimate()
        events = self._make_estimate(partner_id=self.customer2.id)
        self.assertEqual(trade.price_policy_id, self.policy)
        self.assertEqual(events.price_policy_id, premium)
        (trade | events).action_compute()
        for trade_break, events_break in zip(trade.break_ids, events.break_ids, strict=True):
            self.assertEqual(events_break.cost, trade_break.cost)
            self.assertAlmostEqual(events_break.price, events_break.cost * 1.5, delta=0.01)
            self.assertGreater(events_break.price, trade_break.price)
        # A contact person is priced by the policy of the company they work for.
        contact = self.env["res.partner"].create(
            {"name": "Ola Berg", "parent_id": self.customer2.id}
        )
        trade.partner_id = contact
        self.assertEqual(trade.price_policy_id, premium)

    def test_breakdown_names_each_part_right(self):
        """A cover entered after the text but sorted before it (as portal requests create
        booklets) keeps its own paper, plates and lamination in the breakdown."""
        booklet = self._make_estimate(
            quantities=(1000,),
            title="Annual report",
            product_kind="saddle_stitched",
            size_name="A5",
            finished_width=148.0,
            finished_height=210.0,
            part_ids=[
                Command.create(
                    {
                        "name": "Inside pages",
                        "role": "text",
                        "pages": 16,
                        "substrate_id": self.silk130_sra3.id,
                        "sequence": 10,
                    }
                ),
                Command.create(
                    {
                        "name": "Laminated cover",
                        "role": "cover",
                        "pages": 4,
                        "substrate_id": self.silk170_sra3.id,
                        "operation_ids": [Command.set(self.op_laminate.ids)],
                        "sequence": 1,
                    }
                ),
            ],
        )
        booklet.action_compute()
        self.assertEqual(booklet.part_ids.mapped("name"), ["Laminated cover", "Inside pages"])
        break_ = booklet.break_ids
        by_part = {}
        item = break_._words()["item"]
        for line in break_.breakdown["lines"]:
            name = break_._breakdown_parts()._name_at(line.get("part"))
            by_part.setdefault(name, []).append(item(line["item"]))
        self.assertTrue(any("Matt lamination" in label for label in by_part["Laminated cover"]))
        self.assertTrue(any("silk 170" in label for label in by_part["Laminated cover"]))
        self.assertTrue(any("silk 130" in label for label in by_part["Inside pages"]))
        self.assertFalse(any("lamination" in label for label in by_part["Inside pages"]))
        html = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", str(break_.breakdown_html)))
        self.assertRegex(html, r"Laminated cover Outsourced Matt lamination")
        self.assertNotRegex(html, r"Inside pages Outsourced [^$]*lamination")

    def test_engine_error_names_the_pages(self):
        booklet = self._make_estimate(
            title="Annual report",
            product_kind="saddle_stitched",
            size_name="A5",
            finished_width=148.0,
            finished_height=210.0,
            part_ids=[
                Command.create(
                    {
                        "role": "text",
                        "pages": 10,
                        "colours_front": 4,
                        "colours_back": 4,
                        "substrate_id": self.silk130_sra3.id,
                    }
                ),
                Command.create(
                    {
                        "role": "cover",
                        "pages": 4,
                        "colours_front": 4,
                        "colours_back": 4,
                        "substrate_id": self.silk170_sra3.id,
                    }
                ),
            ],
        )
        with self.assertRaises(UserError) as caught:
            booklet.action_compute()
        message = str(caught.exception)
        self.assertIn(booklet.name, message)
        self.assertIn("Text: Pages", message)
        self.assertIn("multiple of 4, not 10", message)
        self.assertFalse(booklet.computed)
        # 12 pages can be stitched.
        booklet.part_ids.filtered(lambda p: p.role == "text").pages = 12
        booklet.action_compute()
        self.assertTrue(all(b.price > 0 for b in booklet.break_ids))

    def test_finished_size_larger_than_every_press(self):
        poster = self._make_estimate(
            title="Trade fair poster", finished_width=700.0, finished_height=1000.0
        )
        with self.assertRaises(UserError) as caught:
            poster.action_compute()
        message = str(caught.exception)
        self.assertIn("Finished Width", message)
        self.assertIn("larger than the printable", message)

    def test_quantity_must_be_above_zero(self):
        estimate = self._make_estimate()
        # Refused before the database, naming the field and its range.
        with self.assertRaisesText(ValidationError, "Quantity must be from 1 to 10,000,000"):
            estimate.write({"break_ids": [Command.create({"quantity": 0})]})
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            estimate.write({"break_ids": [Command.create({"quantity": 1000})]})

    def test_estimate_without_breaks_cannot_be_priced(self):
        estimate = self._make_estimate(quantities=())
        with self.assertRaisesText(UserError, "add at least one quantity break"):
            estimate.action_compute()
        with self.assertRaisesText(UserError, "has no quantity break"):
            estimate.action_mark_sent()


@tagged("post_install", "-at_install")
class TestPrintEstimateLifecycle(PrintCrmEstimateCommon):
    """States, revisions and what a sent estimate allows."""

    def test_sent_lost_draft_cancel(self):
        estimate = self._make_estimate()
        self.assertEqual(estimate.state, "draft")
        self.assertTrue(estimate.name.startswith("EST/"))
        estimate.action_mark_sent()
        self.assertEqual(estimate.state, "sent")
        self.assertTrue(estimate.computed, "sending prices the estimate first")
        estimate.action_mark_lost()
        self.assertEqual(estimate.state, "lost")
        estimate.action_draft()
        self.assertEqual(estimate.state, "draft")
        estimate.action_cancel()
        self.assertEqual(estimate.state, "cancelled")
        estimate.action_draft()
        self.assertEqual(estimate.state, "draft")

    def test_wrong_transitions_are_refused(self):
        estimate = self._make_estimate()
        with self.assertRaises(UserError) as caught:
            estimate.action_draft()
        self.assertEqual(
            str(caught.exception), f"{estimate.name} is Draft and cannot be reset to draft."
        )
        estimate.action_cancel()
        with self.assertRaises(UserError) as caught:
            estimate.action_mark_lost()
        self.assertEqual(
            str(caught.exception), f"{estimate.name} is Cancelled and cannot be marked lost."
        )
        with self.assertRaisesText(UserError, "is Cancelled and cannot be revised"):
            estimate.action_new_revision()
        with self.assertRaisesText(UserError, "is Cancelled and cannot be accepted"):
            estimate._accept_break(estimate.break_ids[0])
        accepted = self._make_estimate()
        accepted._accept_break(accepted.break_ids[0])
        for action, what in (
            ("action_cancel", "cancelled"),
            ("action_mark_lost", "marked lost"),
            ("action_draft", "reset to draft"),
            ("action_new_revision", "revised"),
        ):
            with self.assertRaises(UserError) as caught:
                getattr(accepted, action)()
            self.assertEqual(
                str(caught.exception), f"{accepted.name} is Accepted and cannot be {what}."
            )
        self.assertEqual(accepted.state, "accepted")

    def test_sent_estimate_spec_is_frozen(self):
        estimate = self._make_estimate()
        estimate.action_mark_sent()
        prices = estimate.break_ids.mapped("price")
        for values in (
            {"finished_width": 200.0},
            {"break_ids": [Command.create({"quantity": 5000})]},
            {"part_ids": [Command.update(estimate.part_ids.id, {"colours_back": 4})]},
            {"partner_id": self.customer2.id},
        ):
            with self.assertRaises(UserError) as caught:
                estimate.write(values)
            self.assertIn("can no longer be changed: make a new revision", str(caught.exception))
        self.assertEqual(estimate.break_ids.mapped("price"), prices)
        self.assertTrue(estimate.computed)
        # What is not the spec can still be noted.
        estimate.write({"client_reference": "PO 7781", "validity_date": "2030-01-31"})
        self.assertEqual(estimate.client_reference, "PO 7781")

    def test_sent_estimate_parts_and_breaks_are_frozen(self):
        """Editing a part or a break record itself is refused like editing the estimate."""
        estimate = self._make_estimate()
        estimate.action_mark_sent()
        prices = estimate.break_ids.mapped("price")
        self.press_sra3.hourly_rate = 200.0
        with self.assertRaisesText(UserError, "can no longer be changed"):
            estimate.action_compute()
        self.assertEqual(estimate.break_ids.mapped("price"), prices)
        with self.assertRaises(UserError):
            estimate.part_ids.write({"colours_back": 4})
        with self.assertRaises(UserError):
            estimate.break_ids[0].write({"quantity": 400})

    def test_revisions(self):
        first = self._make_estimate()
        first.action_mark_sent()
        first_prices = first.break_ids.mapped("price")
        action = first.action_new_revision()
        self.assertEqual(action["res_model"], "print.estimate")
        second = self.env["print.estimate"].browse(action["res_id"])
        self.assertEqual(second.state, "draft")
        self.assertEqual(second.revision, 1)
        self.assertEqual(second.name, first.name)
        self.assertEqual(second.display_name, f"{first.name} rev. 1")
        self.assertEqual(second.origin_id, first)
        self.assertEqual(second.break_ids.mapped("quantity"), [500, 1000, 2500])
        self.assertEqual(second.part_ids.substrate_id, self.silk130_sra3)
        self.assertFalse(second.computed)
        self.assertEqual(first.state, "revised")
        self.assertEqual(first.revised_by_id, second)
        # The revised estimate stays readable, with the prices it was sent with.
        self.assertEqual(first.with_user(self.estimator).break_ids.mapped("price"), first_prices)
        with self.assertRaisesText(UserError, "is Revised and cannot be revised"):
            first.action_new_revision()

        second.write({"part_ids": [Command.update(second.part_ids.id, {"colours_back": 4})]})
        second.action_mark_sent()
        second.action_mark_lost()
        third = self.env["print.estimate"].browse(second.action_new_revision()["res_id"])
        self.assertEqual(third.revision, 2)
        self.assertEqual(third.name, first.name)
        self.assertEqual(third.origin_id, first, "every revision points to the first one")
        self.assertEqual(third.part_ids.colours_back, 4)
        self.assertEqual(first.revision_ids, second | third)
        self.assertEqual(second.state, "revised")
        self.assertEqual(second.revised_by_id, third)
        self.assertEqual(
            self.env["print.estimate"].search([("name", "=", first.name)]), first | second | third
        )


@tagged("post_install", "-at_install")
class TestPrintEstimateAccept(PrintCrmEstimateCommon):
    """Accepting a quantity break puts it on a quotation."""

    def _accept(self, break_, order=None):
        wizard = (
            self.env["print.estimate.accept.wizard"]
            .with_user(self.estimator)
            .create({"break_id": break_.id, "order_id": order.id if order else False})
        )
        return wizard.action_accept()

    def test_accept_on_new_quotation(self):
        estimate = self._make_estimate(client_reference="PO 7781", wanted_date="2030-03-01")
        estimate.action_mark_sent()
        break_ = estimate.break_ids.filtered(lambda b: b.quantity == 1000)
        action = self._accept(break_)
        order = estimate.sale_order_id
        self.assertEqual(action["res_model"], "sale.order")
        self.assertEqual(action["res_id"], order.id)
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.partner_id, self.customer_contact)
        self.assertEqual(order.user_id, self.estimator)
        self.assertEqual(order.client_order_ref, "PO 7781")
        self.assertEqual(order.origin, estimate.name)
        self.assertEqual(str(order.commitment_date.date()), "2030-03-01")
        self.assertEqual(order.payment_term_id, self.payment_term)
        line = order.order_line
        self.assertEqual(len(line), 1)
        self.assertEqual(line.product_id, self.env.ref("print_crm_quote.product_print_job"))
        # One job of 1000 copies at the break's price, not 1000 units at a rounded price.
        self.assertEqual(line.product_uom_qty, 1.0)
        self.assertEqual(line.print_copies, 1000)
        self.assertEqual(line.price_unit, break_.price)
        self.assertEqual(line.print_unit_cost, break_.cost)
        self.assertIn("Spring open day flyer: 1,000 copies", line.name)
        self.assertIn("Flat Sheet, 210 × 297 mm", line.name)
        self.assertIn("Flyer: 4/0 colours on Coated silk 130 SRA3", line.name)
        self.assertIn(estimate.name, line.name)
        self.assertEqual(line.print_estimate_id, estimate)
        self.assertEqual(line.print_estimate_break_id, break_)
        self.assertTrue(line.is_print_line)
        self.assertEqual(estimate.state, "accepted")
        self.assertEqual(estimate.accepted_break_id, break_)
        self.assertEqual(order.print_estimate_ids, estimate)
        self.assertFalse(order.print_below_cost)

    def test_accepted_line_totals_match_the_break(self):
        """The quotation charges the break's price and carries its cost, to the cent."""
        for quantity in (500, 750, 1000, 2500):
            estimate = self._make_estimate(quantities=(500, 750, 1000, 2500))
            break_ = estimate.break_ids.filtered(lambda b, q=quantity: b.quantity == q)
            line = estimate._accept_break(break_)
            self.assertAlmostEqual(
                line.price_subtotal,
                break_.price,
                places=2,
                msg=f"{break_.display_name}: the quotation charges {line.price_subtotal}"
                f" for an estimate price of {break_.price}",
            )
            self.assertAlmostEqual(
                line.print_cost,
                break_.cost,
                places=2,
                msg=f"{break_.display_name}: the quotation carries a cost of"
                f" {line.print_cost} for an estimated cost of {break_.cost}",
            )

    def test_accept_on_open_quotation_of_the_customer(self):
        service = self.env["product.product"].create(
            {"name": "Design work", "type": "service", "list_price": 80.0}
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "user_id": self.estimator.id,
                "order_line": [Command.create({"product_id": service.id})],
            }
        )
        estimate = self._make_estimate()
        break_ = estimate.break_ids.filtered(lambda b: b.quantity == 2500)
        self._accept(break_, order)
        self.assertEqual(estimate.sale_order_id, order)
        self.assertEqual(len(order.order_line), 2)
        line = order.order_line.filtered("is_print_line")
        self.assertEqual(line.print_copies, 2500)
        self.assertEqual(line.price_subtotal, break_.price)
        self.assertEqual(line.print_estimate_break_id, break_)
        self.assertEqual(estimate.state, "accepted")

    def test_accept_refused_on_wrong_order(self):
        other = self.env["sale.order"].create({"partner_id": self.customer2.id})
        confirmed = self.env["sale.order"].create(
            {"partner_id": self.customer.id, "user_id": self.estimator.id}
        )
        confirmed.action_confirm()
        estimate = self._make_estimate()
        break_ = estimate.break_ids[0]
        with self.assertRaises(UserError) as caught:
            estimate._accept_break(break_, other)
        self.assertEqual(
            str(caught.exception), f"{other.name} is for another customer than {estimate.name}."
        )
        with self.assertRaisesText(UserError, "is no longer a quotation"):
            estimate._accept_break(break_, confirmed)
        foreign = self._make_estimate()
        with self.assertRaisesText(UserError, "belongs to another estimate"):
            estimate._accept_break(foreign.break_ids[0])
        self.assertEqual(estimate.state, "draft")
        self.assertFalse(estimate.sale_order_id)
        self.assertFalse(other.order_line)
        self.assertFalse(confirmed.order_line)

    def test_accept_prices_an_estimate_not_yet_priced(self):
        estimate = self._make_estimate()
        line = estimate._accept_break(estimate.break_ids[-1])
        self.assertTrue(estimate.computed)
        self.assertGreater(line.price_unit, 0.0)
        self.assertGreater(line.print_unit_cost, 0.0)

    def test_policy_without_payment_term_keeps_the_customer_terms(self):
        self.policy.payment_term_id = False
        immediate = self.env.ref("account.account_payment_term_immediate")
        self.customer.property_payment_term_id = immediate
        estimate = self._make_estimate()
        line = estimate._accept_break(estimate.break_ids[0])
        self.assertEqual(line.order_id.payment_term_id, immediate)
