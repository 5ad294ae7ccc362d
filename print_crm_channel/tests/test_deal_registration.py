# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import Command, fields, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.print_crm_tracking.tests.common import PrintCrmJobCommon


class DealCommon(PrintCrmJobCommon):
    """A two-level channel, a sibling distributor and an end customer they sell to."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.channel_user = new_test_user(
            cls.env, login="deal-channel-user", groups="print_crm_channel.group_channel_user"
        )
        cls.channel_manager = new_test_user(
            cls.env,
            login="deal-channel-manager",
            groups="print_crm_channel.group_channel_manager",
        )
        cls.rep = cls.estimator
        Partner = cls.env["res.partner"]
        cls.top = Partner.create(
            {
                "name": "North Print Distribution",
                "is_company": True,
                "print_channel_role": "distributor",
                "email": "orders@north.example",
            }
        )
        cls.holder = Partner.create(
            {
                "name": "Harbour City Prints",
                "is_company": True,
                "print_channel_role": "distributor",
                "print_channel_parent_id": cls.top.id,
                "email": "hello@harbourcity.example",
            }
        )
        cls.sibling = Partner.create(
            {
                "name": "South Print Agency",
                "is_company": True,
                "print_channel_role": "distributor",
                "email": "desk@south.example",
            }
        )
        cls.cafe = Partner.create(
            {"name": "Blue Cafe", "is_company": True, "email": "owner@bluecafe.example"}
        )
        cls.cafe_contact = Partner.create(
            {"name": "Lena Blue", "parent_id": cls.cafe.id, "email": "lena@bluecafe.example"}
        )
        cls.Deal = cls.env["print.channel.deal"]

    def _deal(self, distributor=None, user=None, end=None):
        return self.Deal.with_user(user or self.channel_user).create(
            {
                "distributor_id": (distributor or self.holder).id,
                "end_customer_id": (end or self.cafe_contact).id,
                "note": "Menu cards for their three shops",
            }
        )

    def _order_as(self, user, partner, end=None):
        values = {"partner_id": partner.id}
        if end:
            values["print_end_customer_id"] = end.id
        return self.env["sale.order"].with_user(user).create(values)


@tagged("post_install", "-at_install")
class TestDealRegistration(DealCommon):
    def test_registration_blocks_a_direct_quote_and_a_manager_overrides(self):
        # Before the registration the shop quotes the cafe directly.
        earlier = self._order_as(self.rep, self.cafe_contact)
        deal = self._deal()
        self.assertEqual(deal.end_customer_id, self.cafe, "the company is registered")
        self.assertEqual(deal.state, "draft")
        deal.with_user(self.channel_user).action_register()
        today = fields.Date.context_today(deal)
        self.assertEqual(deal.state, "registered")
        self.assertEqual(deal.date, today)
        self.assertEqual(deal.date_expiry, today + relativedelta(days=180))
        self.assertEqual(deal.registered_by_id, self.channel_user)

        # The shop's rep can neither quote nor confirm for the cafe itself.
        with self.assertRaisesText(UserError, "Harbour City Prints") as caught:
            self._order_as(self.rep, self.cafe_contact)
        self.assertIn("Customer:", str(caught.exception))
        self.assertIn(deal.name, str(caught.exception))
        with self.assertRaisesText(UserError, "Harbour City Prints"):
            earlier.with_user(self.rep).action_confirm()
        with self.assertRaisesText(UserError, "Harbour City Prints"):
            self._make_estimate(quantities=(500,)).with_user(self.rep).write(
                {"partner_id": self.cafe_contact.id}
            )
        with self.assertRaisesText(UserError, "Harbour City Prints"):
            self.env["print.estimate"].with_user(self.rep).create(
                {
                    "partner_id": self.cafe.id,
                    "title": "Menu cards",
                    "product_kind": "flat",
                    "size_name": "A4",
                    "finished_width": 210.0,
                    "finished_height": 297.0,
                    "part_ids": [
                        Command.create(
                            {
                                "name": "Card",
                                "role": "text",
                                "colours_front": 4,
                                "substrate_id": self.silk130_sra3.id,
                                "any_sheet_size": True,
                            }
                        )
                    ],
                    "break_ids": [Command.create({"quantity": 500})],
                }
            )

        # The holder and the distributor above it quote the cafe; a sibling does not.
        self.assertTrue(self._order_as(self.rep, self.holder, self.cafe_contact))
        self.assertTrue(self._order_as(self.rep, self.top, self.cafe))
        with self.assertRaisesText(UserError, "End Customer:"):
            self._order_as(self.rep, self.sibling, self.cafe)

        # A channel user may not override; a manager does, with a reason.
        with self.assertRaises(AccessError):
            deal.with_user(self.channel_user).action_open_override()
        with self.assertRaises(AccessError):
            self.env["print.channel.deal.override"].with_user(self.channel_user).create(
                {"deal_id": deal.id, "reason": "Customer asked us"}
            )
        wizard = (
            self.env["print.channel.deal.override"]
            .with_user(self.channel_manager)
            .create({"deal_id": deal.id, "reason": "The cafe asked the shop directly"})
        )
        wizard.action_confirm()
        self.assertEqual(deal.state, "overridden")
        self.assertEqual(deal.overridden_by_id, self.channel_manager)
        self.assertEqual(deal.override_reason, "The cafe asked the shop directly")
        self.assertTrue(deal.override_date)
        self.assertIn("The cafe asked the shop directly", deal.message_ids[0].body)
        # Now the rep quotes and confirms directly.
        self.assertTrue(self._order_as(self.rep, self.cafe_contact))
        self.assertTrue(earlier.with_user(self.rep).action_confirm())

    def test_one_active_registration_per_customer_names_the_holder(self):
        self._deal().with_user(self.channel_user).action_register()
        second = self._deal(distributor=self.sibling)
        with self.assertRaisesText(ValidationError, "Harbour City Prints") as caught:
            second.with_user(self.channel_user).action_register()
        self.assertIn("End Customer:", str(caught.exception))
        self.assertEqual(second.state, "draft")

    def test_only_a_customer_outside_the_channel_is_registered(self):
        with self.assertRaisesText(ValidationError, "Distributor:"):
            self._deal(distributor=self.cafe, end=self.rep.partner_id)
        with self.assertRaisesText(ValidationError, "End Customer:"):
            self._deal(end=self.sibling)

    def test_decisions_are_refused_over_rpc(self):
        deal = self._deal()
        for user in (self.channel_user, self.channel_manager):
            for values in (
                {"state": "registered"},
                {"date_expiry": "2099-01-01"},
                {"override_reason": "because"},
                {"registered_by_id": user.id},
            ):
                with self.assertRaisesText(UserError, "cannot be written directly"):
                    deal.with_user(user).write(values)
            with self.assertRaisesText(UserError, "cannot be written directly"):
                self.Deal.with_user(user).create(
                    {
                        "distributor_id": self.holder.id,
                        "end_customer_id": self.cafe.id,
                        "state": "registered",
                    }
                )
        self.assertEqual(deal.state, "draft")
        # An internal user who is no Distribution user cannot register.
        with self.assertRaises(AccessError):
            deal.with_user(self.rep).action_register()

    def test_cron_expires_registrations_and_the_period_is_a_setting(self):
        settings = self.env["res.config.settings"].create({"print_deal_days": 30})
        settings.execute()
        self.assertEqual(self.env.company.print_deal_days, 30)
        deal = self._deal()
        deal.with_user(self.channel_user).action_register()
        self.assertEqual(deal.date_expiry, deal.date + relativedelta(days=30))
        self.Deal._cron_expire()
        self.assertEqual(deal.state, "registered")
        deal._print_decide("date_expiry").write(
            {"date_expiry": fields.Date.context_today(deal) - relativedelta(days=1)}
        )
        self.Deal._cron_expire()
        self.assertEqual(deal.state, "expired")
        self.assertTrue(self._order_as(self.rep, self.cafe_contact))
        with self.assertRaisesText(ValidationError, "Deal Registration Period"):
            self.env.company.print_deal_days = -1


@tagged("post_install", "-at_install")
class TestDealPortal(DealCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.holder_user = new_test_user(
            cls.env,
            login="deal-portal-harbour",
            groups="base.group_portal",
            partner_id=Partner.create({"name": "Ada Harbour", "parent_id": cls.holder.id}).id,
        )
        cls.sibling_user = new_test_user(
            cls.env,
            login="deal-portal-south",
            groups="base.group_portal",
            partner_id=Partner.create({"name": "Sam South", "parent_id": cls.sibling.id}).id,
        )
        new_test_user(
            cls.env,
            login="print-crm-deal-cafe",
            groups="base.group_portal",
            partner_id=cls.cafe_contact.id,
        )

    def _register(self, name, email=""):
        return self.url_open(
            "/my/channel/deals/register",
            data={
                "name": name,
                "email": email,
                "note": "Shop signs",
                "csrf_token": http.Request.csrf_token(self),
            },
        )

    def test_distributor_registers_from_the_portal_and_reads_its_own_only(self):
        self.authenticate("deal-portal-harbour", "deal-portal-harbour")
        page = self.url_open("/my/channel/deals")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_print_deal_form", page.text)
        response = self._register("Blue Cafe", "owner@bluecafe.example")
        self.assertIn("o_print_deal_done", response.text)
        deal = self.Deal.search([("end_customer_id", "=", self.cafe.id)])
        self.assertEqual(deal.distributor_id, self.holder)
        self.assertEqual(deal.state, "registered")
        self.assertEqual(deal.registered_by_id, self.holder_user)
        # A new customer is made for a name the shop does not know.
        self._register("Green Bakery")
        self.assertEqual(
            self.Deal.search([("distributor_id", "=", self.holder.id)]).end_customer_id.mapped(
                "name"
            ),
            ["Green Bakery", "Blue Cafe"],
        )
        # The registered customers are the distributor's end customers, and its parent's.
        self.assertIn(self.cafe, self.holder._print_channel_end_customers())
        self.assertIn(self.cafe, self.top._print_channel_end_customers())
        self.assertNotIn(self.cafe, self.sibling._print_channel_end_customers())
        home = self.url_open("/my/channel")
        self.assertIn("o_print_channel_deals_section", home.text)
        self.assertIn("Blue Cafe", home.text)
        # Over RPC: its own registrations only, and nothing to write.
        self.assertEqual(len(self.Deal.with_user(self.holder_user).search([])), 2)
        self.assertFalse(self.Deal.with_user(self.sibling_user).search([]))
        with self.assertRaises(AccessError):
            deal.with_user(self.holder_user).write({"note": "mine"})

        # The sibling's attempt is refused without naming the holder.
        self.authenticate("deal-portal-south", "deal-portal-south")
        response = self._register("Blue Cafe", "owner@bluecafe.example")
        self.assertIn("o_print_deal_error", response.text)
        self.assertIn("already registered", response.text)
        self.assertNotIn("Harbour City Prints", response.text)
        self.assertEqual(self.Deal.search_count([("end_customer_id", "=", self.cafe.id)]), 1)

    def test_customers_are_sent_back_to_their_portal(self):
        self.authenticate("print-crm-deal-cafe", "print-crm-deal-cafe")
        response = self.url_open("/my/channel/deals", allow_redirects=False)
        self.assertEqual(response.status_code, 303)

    def test_portal_orders_of_a_sibling_are_refused_the_customers_own_are_not(self):
        self._deal().with_user(self.channel_user).action_register()
        # What a portal order does: created as superuser for the logged-in distributor.
        orders = self.env["sale.order"]
        with self.assertRaisesText(UserError, "Harbour City Prints"):
            orders.with_user(self.sibling_user).sudo().create(
                {"partner_id": self.sibling.id, "print_end_customer_id": self.cafe.id}
            )
        holder_order = (
            orders.with_user(self.holder_user)
            .sudo()
            .create({"partner_id": self.holder.id, "print_end_customer_id": self.cafe.id})
        )
        self.assertEqual(holder_order.print_end_customer_id, self.cafe)
        cafe_user = self.env["res.users"].search([("login", "=", "print-crm-deal-cafe")])
        own = orders.with_user(cafe_user).sudo().create({"partner_id": self.cafe_contact.id})
        self.assertEqual(own.partner_id, self.cafe_contact)
