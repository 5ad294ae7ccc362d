# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time
from lxml import etree
from psycopg2 import IntegrityError

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from .common_workflow import PrintCrmServiceTicketCommon
from .test_call_desk import CallDeskCommon
from .test_regions import RegionsCommon

FRIDAY = datetime(2026, 12, 4, 14, 0)


class ContractCommon:
    @classmethod
    def _contract(cls, partner=None, start=True, **values):
        vals = {
            "partner_id": (partner or cls.customer).id,
            "service_level": "Gold",
            "response_hours": 4.0,
            "resolution_hours": 48.0,
            "clock_hours": True,
            "date_start": "2026-01-01",
            "channel_ids": [Command.set(cls.hotline.ids)],
        }
        vals.update(values)
        contract = cls.env["print.service.contract"].with_user(cls.service_manager).create(vals)
        if start:
            contract.with_user(cls.service_manager).action_start()
        return contract


@tagged("post_install", "-at_install")
class TestServiceContract(ContractCommon, PrintCrmServiceTicketCommon):
    """A service level promised to a customer: it sets its tickets' deadlines when it is
    faster than the department, only while in force; only managers start and cancel it."""

    def _routed(self, when=FRIDAY):
        ticket = self._ticket()
        ticket.with_user(self.desk).action_print_mark_valid()
        with freeze_time(when):
            self._route(ticket)
        return ticket

    def _last_note(self, ticket):
        return ticket.message_ids.filtered(lambda m: "Deadline" in (m.body or ""))[:1].body

    # ------------------------------------------------------------------ deadlines

    def test_contract_faster_than_the_team_sets_the_deadline(self):
        contract = self._contract()
        self.assertEqual(contract.state, "running")
        self.assertEqual(contract.started_by_id, self.service_manager)
        self.assertTrue(contract.name.startswith("SC/"))
        ticket = self._routed()
        # 4 hours round the clock, where the pressroom has 16 working hours (after the
        # weekend from a Friday afternoon).
        self.assertEqual(ticket.print_deadline, FRIDAY + timedelta(hours=4))
        self.assertEqual(ticket.print_contract_id, contract)
        note = self._last_note(ticket)
        self.assertIn(contract.name, note)
        self.assertIn("service contract", note)

    def test_contract_hours_on_the_teams_calendar_unless_round_the_clock(self):
        self._contract(clock_hours=False, response_hours=8.0, resolution_hours=0.0)
        ticket = self._routed()
        calendar = self.team_press.resource_calendar_id
        self.assertEqual(ticket.print_deadline, calendar.plan_hours(8.0, FRIDAY, True))

    def test_team_faster_than_the_contract_keeps_the_team_deadline(self):
        contract = self._contract(response_hours=100.0, resolution_hours=0.0)
        ticket = self._routed()
        calendar = self.team_press.resource_calendar_id
        self.assertEqual(ticket.print_deadline, calendar.plan_hours(16.0, FRIDAY, True))
        self.assertEqual(ticket.print_contract_id, contract)
        note = self._last_note(ticket)
        self.assertIn("department", note)
        self.assertIn("promises no sooner", note)

    def test_no_contract_the_team_sets_the_deadline(self):
        ticket = self._routed()
        calendar = self.team_press.resource_calendar_id
        self.assertEqual(ticket.print_deadline, calendar.plan_hours(16.0, FRIDAY, True))
        self.assertFalse(ticket.print_contract_id)
        self.assertIn("no service contract", self._last_note(ticket))

    def test_deadline_set_by_hand_is_kept_and_said(self):
        self._contract()
        ticket = self._ticket()
        ticket.with_user(self.desk).action_print_mark_valid()
        later = FRIDAY + timedelta(days=3)
        with freeze_time(FRIDAY):
            self._wizard(ticket, "action_print_route", team_id=self.team_press, deadline=later)
        self.assertEqual(ticket.print_deadline, later)
        self.assertIn("set by hand", self._last_note(ticket))

    def test_ticket_records_the_contract_when_it_comes_in(self):
        contract = self._contract()
        ticket = self._ticket()
        self.assertEqual(ticket.print_contract_id, contract)
        # A plain helpdesk user's ticket records it too, although that user reads no
        # contract.
        other = (
            self.env["helpdesk.ticket"]
            .with_user(self.helpdesk_user)
            .create(
                {
                    "name": "Question",
                    "description": "<p>?</p>",
                    "partner_id": self.customer_contact.id,
                }
            )
        )
        self.assertEqual(other.print_contract_id, contract)
        with self.assertRaises(AccessError):
            contract.with_user(self.helpdesk_user).read(["service_level"])
        with self.assertRaises(AccessError):
            contract.with_user(self.customer_user).read(["service_level"])

    def test_expired_contract_no_longer_applies(self):
        with freeze_time("2026-06-01"):
            contract = self._contract(date_end="2026-11-30")
        # The daily expiry has not run yet: the end date alone takes it out of force.
        self.assertEqual(contract.state, "running")
        with freeze_time(FRIDAY):
            self.assertFalse(contract.in_force)
            ticket = self._ticket()
        self.assertFalse(ticket.print_contract_id)
        ticket = self._routed()
        calendar = self.team_press.resource_calendar_id
        self.assertEqual(ticket.print_deadline, calendar.plan_hours(16.0, FRIDAY, True))
        self.assertFalse(ticket.print_contract_id)
        # The daily expiry stamps it.
        with freeze_time(FRIDAY):
            self.assertEqual(self.env["print.service.contract"]._cron_print_expire(), 1)
        self.assertEqual(contract.state, "expired")
        self.assertTrue(contract.expired_date)
        with freeze_time(FRIDAY):
            self.assertEqual(self.env["print.service.contract"]._cron_print_expire(), 0)

    def test_commitment_date_proposed_from_the_resolution_time(self):
        contract = self._contract(resolution_hours=48.0)
        ticket = self._ticket()
        self.assertEqual(ticket.print_contract_id, contract)
        self._to_approved(ticket)
        action = ticket.with_user(self.desk).action_print_commit()
        wizard = self.env[action["res_model"]].with_user(self.desk)
        form = Form(wizard.with_context(**action["context"]))
        expected = fields.Date.context_today(ticket, ticket.create_date + timedelta(hours=48))
        self.assertEqual(form.date, expected)

    # ------------------------------------------------------------------ one running contract

    def test_one_running_contract_per_customer(self):
        first = self._contract()
        second = self._contract(start=False, service_level="Silver")
        with self.assertRaisesText(UserError, "Customer"):
            second.with_user(self.service_manager).action_start()
        self.assertEqual(second.state, "draft")
        first.with_user(self.service_manager).action_cancel()
        self.assertEqual(first.state, "cancelled")
        self.assertEqual(first.cancelled_by_id, self.service_manager)
        self.assertTrue(first.cancelled_date)
        second.with_user(self.service_manager).action_start()
        self.assertEqual(second.state, "running")
        # Another customer may have its own.
        other = self._contract(partner=self.customer2)
        self.assertEqual(other.state, "running")

    def test_renewal_starts_the_day_after_the_old_contract_ends(self):
        with freeze_time("2026-06-01"):
            old = self._contract(date_end="2026-11-30")
        renewal = self._contract(start=False, service_level="Platinum", date_start="2026-12-01")
        # The nightly expiry has not run yet: starting the renewal expires the old one.
        with freeze_time(FRIDAY):
            renewal.with_user(self.service_manager).action_start()
        self.assertEqual(old.state, "expired")
        self.assertTrue(old.expired_date)
        self.assertEqual(renewal.state, "running")

    def test_one_running_contract_also_in_the_database(self):
        """Two managers starting two contracts at once: the unique index refuses the
        second, past the check of action_start."""
        self._contract()
        second = self._contract(start=False, service_level="Silver")
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), self.cr.savepoint():
            second._print_decide("state").write({"state": "running"})
            second.flush_recordset()

    def test_search_filters(self):
        running = self._contract(date_end="2027-01-10")
        draft = self._contract(partner=self.customer2, start=False, service_level="Silver")
        view = self.env.ref("print_crm_service.print_service_contract_view_search")
        today = date(2026, 12, 20)
        context = {"context_today": lambda: today, "relativedelta": relativedelta}
        filters = {
            node.get("name"): safe_eval(node.get("domain"), context)
            for node in etree.fromstring(view.arch).iter("filter")
            if node.get("domain")
        }
        Contract = self.env["print.service.contract"].with_user(self.desk)
        mine = running | draft
        found = {
            name: Contract.search([("id", "in", mine.ids), *domain])
            for name, domain in filters.items()
        }
        self.assertEqual(found["running"], running)
        self.assertEqual(found["expiring"], running)
        self.assertEqual(found["draft"], draft)
        self.assertFalse(found["expired"])
        # Ends in 45 days: not expiring within 30.
        running.with_user(self.service_manager).date_end = "2027-02-03"
        self.assertFalse(Contract.search([("id", "in", mine.ids), *filters["expiring"]]))

    # ------------------------------------------------------------------ who decides

    def test_start_and_cancel_refused_below_service_manager(self):
        contract = self._contract(start=False)
        for user in (self.desk, self.helpdesk_user, self.estimator):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                contract.with_user(user).action_start()
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                contract.with_user(user).action_cancel()
        self.assertEqual(contract.state, "draft")
        # Service users read contracts but do not write them.
        self.assertEqual(contract.with_user(self.desk).service_level, "Gold")
        with self.assertRaises(AccessError):
            contract.with_user(self.desk).write({"service_level": "Platinum"})

    def test_state_and_stamps_not_written_directly(self):
        contract = self._contract(start=False)
        Contract = self.env["print.service.contract"].with_user(self.service_manager)
        for vals in (
            {"state": "running"},
            {"started_by_id": self.service_manager.id},
            {"started_date": "2026-12-01 10:00:00"},
            {"cancelled_by_id": self.service_manager.id},
            {"expired_date": "2026-12-01 10:00:00"},
        ):
            with self.subTest(vals=vals):
                with self.assertRaisesText(UserError, "cannot be written directly"):
                    contract.with_user(self.service_manager).write(vals)
                with self.assertRaisesText(UserError, "cannot be written directly"):
                    Contract.create(
                        {
                            "partner_id": self.customer2.id,
                            "service_level": "Gold",
                            "response_hours": 4,
                            **vals,
                        }
                    )
        with self.assertRaisesText(UserError, "cannot be written directly"):
            Contract.with_context(default_state="running").create(
                {"partner_id": self.customer2.id, "service_level": "Gold", "response_hours": 4}
            )
        self.assertEqual(contract.state, "draft")

    def test_promise_of_a_started_contract_does_not_change(self):
        contract = self._contract()
        with self.assertRaisesText(UserError, "Response Time"):
            contract.with_user(self.service_manager).write({"response_hours": 1.0})
        with self.assertRaisesText(UserError, "Customer"):
            contract.with_user(self.service_manager).write({"partner_id": self.customer2.id})
        with self.assertRaisesText(UserError, "Reference"):
            contract.with_user(self.service_manager).write({"name": "SC/FAKE"})
        # The end date moves: the contract is extended.
        contract.with_user(self.service_manager).write({"date_end": "2027-12-31"})
        self.assertEqual(contract.date_end, date(2027, 12, 31))
        with self.assertRaisesText(UserError, "cancel it instead"):
            contract.with_user(self.service_manager).unlink()

    def test_ticket_contract_not_written_directly(self):
        contract = self._contract()
        ticket = self._ticket()
        ticket.with_user(self.service_manager).action_print_mark_valid()
        with self.assertRaisesText(UserError, "cannot be written directly"):
            ticket.with_user(self.service_manager).write({"print_contract_id": False})
        with self.assertRaisesText(UserError, "cannot be written directly"):
            self._ticket(print_contract_id=contract.id)
        self.assertEqual(ticket.print_contract_id, contract)

    # ------------------------------------------------------------------ bad input

    def test_bad_input_named(self):
        Contract = self.env["print.service.contract"].with_user(self.service_manager)
        base = {"partner_id": self.customer2.id, "service_level": "Gold", "response_hours": 4}
        with self.assertRaisesText(ValidationError, "Response Time (hours)"):
            Contract.create({**base, "response_hours": 0})
        with self.assertRaisesText(ValidationError, "Resolution Time (hours)"):
            Contract.create({**base, "resolution_hours": 2})
        with self.assertRaisesText(ValidationError, "Valid Until"):
            Contract.create({**base, "date_start": "2026-12-01", "date_end": "2026-11-01"})
        with self.assertRaisesText(ValidationError, "Customer"):
            Contract.create({**base, "partner_id": self.customer_contact.id})
        past = Contract.create({**base, "date_start": "2025-01-01", "date_end": "2025-12-31"})
        with self.assertRaisesText(UserError, "Valid Until"):
            past.action_start()

    # ------------------------------------------------------------------ the customer's form

    def test_partner_smart_button(self):
        contract = self._contract()
        self._contract(start=False, service_level="Silver")
        customer = self.customer.with_user(self.desk)
        self.assertEqual(customer.print_service_contract_count, 2)
        self.assertEqual(self.customer_contact.with_user(self.desk).print_service_contract_count, 2)
        action = self.customer_contact.with_user(self.desk).action_print_view_service_contracts()
        self.assertEqual(action["res_model"], "print.service.contract")
        found = self.env["print.service.contract"].with_user(self.desk).search(action["domain"])
        self.assertIn(contract, found)
        with self.assertRaises(AccessError):
            self.customer.with_user(self.estimator).action_print_view_service_contracts()


@tagged("post_install", "-at_install")
class TestServiceContractRegions(ContractCommon, RegionsCommon):
    """A branch reads the contracts of its region's customers only; head office all."""

    def test_region_isolation(self):
        contract_a = self._contract()
        contract_b = self._contract(partner=self.customer2)
        self.assertEqual(contract_a.print_region_id, self.east)
        self.assertEqual(contract_b.print_region_id, self.south)
        both = contract_a | contract_b
        model = "print.service.contract"
        self.assertEqual(self._visible(self.branch_east, model, both), contract_a)
        self.assertEqual(self._visible(self.branch_south, model, both), contract_b)
        self.assertEqual(self._visible(self.head_office, model, both), both)
        with self.assertRaises(AccessError):
            contract_b.with_user(self.branch_east).read(["service_level"])
        # The customer moves to the south: its contract follows.
        self.customer.with_user(self.head_office).print_region_id = self.south
        self.assertEqual(contract_a.print_region_id, self.south)
        self.assertFalse(self._visible(self.branch_east, model, both))


@tagged("post_install", "-at_install")
class TestServiceContractCallDesk(ContractCommon, CallDeskCommon):
    def test_call_desk_shows_the_contract(self):
        contract = self._contract(date_end="2027-06-30")
        desk = self._desk("5555 0101")
        self.assertEqual(desk.contract_id, contract)
        self.assertEqual(desk.contract_level, "Gold")
        self.assertEqual(desk.contract_response_hours, 4.0)
        self.assertEqual(desk.contract_resolution_hours, 48.0)
        self.assertEqual(list(desk.contract_channel_ids), list(self.hotline))
        self.assertEqual(desk.contract_date_end, date(2027, 6, 30))
        # No contract in force: nothing shown.
        contract.with_user(self.service_manager).action_cancel()
        self.assertFalse(self._desk("5555 0101").contract_id)
