# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import sys
import threading
import time
import traceback

import psycopg2

from odoo import SUPERUSER_ID, Command, api, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, Form, tagged
from odoo.tests.common import get_db_name

from .common_workflow import PrintCrmServiceTicketCommon
from .test_delivery import PrintServicePortalCommon
from .test_regions import RegionsCommon

SETTING = "Reward for an Improving Suggestion"


class RewardsCommon:
    """A loyalty program and a coupon program of the company; suggestions of customers."""

    @classmethod
    def _programs(cls):
        Program = cls.env["loyalty.program"]
        cls.loyalty = Program.create(
            {
                "name": "Print Club (test)",
                "program_type": "loyalty",
                "trigger": "auto",
                "applies_on": "both",
                "portal_point_name": "Points",
                "company_id": cls.env.company.id,
                "reward_ids": [Command.create({"required_points": 500, "discount": 5})],
            }
        )
        cls.coupons = Program.create(
            {
                "name": "Thank-you coupons (test)",
                "program_type": "coupons",
                "trigger": "with_code",
                "applies_on": "current",
                "company_id": cls.env.company.id,
                "reward_ids": [Command.create({"required_points": 1, "discount": 10})],
                "communication_plan_ids": [
                    Command.create(
                        {
                            "trigger": "create",
                            "mail_template_id": cls.env.ref(
                                "loyalty.mail_template_loyalty_card"
                            ).id,
                        }
                    )
                ],
            }
        )
        cls.env.company.write(
            {"print_reward_program_id": cls.loyalty.id, "print_reward_points": 100}
        )

    @classmethod
    def _suggestion(cls, partner, name="Send proofs as PDF and JPG"):
        return (
            cls.env["helpdesk.ticket"]
            .with_user(cls.desk)
            .create(
                {
                    "name": name,
                    "description": "<p>A JPG opens on any phone.</p>",
                    "type_id": cls.env.ref("print_crm_service.ticket_type_suggestion").id,
                    "partner_id": partner.id,
                }
            )
        )

    def _improve(self, ticket, user=None, note="Proofs go out as PDF and JPG since May."):
        """Brought an Improvement, from the ticket's button and its wizard, as ``user``."""
        user = user or self.service_manager
        res = ticket.with_user(user).action_print_mark_improvement()
        form = Form(self.env[res["res_model"]].with_user(user).with_context(**res["context"]))
        form.note = note
        return form.save().action_confirm()

    def _rewards(self, partner=None):
        domain = [("partner_id", "=", partner.id)] if partner else []
        return self.env["print.service.reward"].search(domain)

    def _chatter(self, ticket):
        return " ".join(ticket.message_ids.mapped("body"))

    def _cards(self, partner, program=None):
        return self.env["loyalty.card"].search(
            [("partner_id", "=", partner.id), ("program_id", "=", (program or self.loyalty).id)]
        )


@tagged("post_install", "-at_install")
class TestServiceRewards(RewardsCommon, PrintCrmServiceTicketCommon):
    """A customer's first suggestion that brought an improvement earns it the company's
    reward from Odoo's loyalty: once per customer, whatever is clicked."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._programs()
        cls.colleague = cls.env["res.partner"].create(
            {"name": "Ann Harbour", "parent_id": cls.customer.id, "email": "ann@harbour.example"}
        )

    def test_first_improving_suggestion_earns_points_once(self):
        ticket = self._suggestion(self.customer_contact)
        self._improve(ticket)
        self.assertEqual(ticket.print_improvement_by_id, self.service_manager)
        self.assertTrue(ticket.print_improvement_date)
        self.assertEqual(ticket.print_improvement_note, "Proofs go out as PDF and JPG since May.")
        card = self._cards(self.customer)
        self.assertEqual(len(card), 1, "the card is the customer's (commercial partner)")
        self.assertEqual(card.points, 100)
        self.assertEqual(ticket.print_reward_card_id, card)
        self.assertEqual(card.history_ids.issued, 100)
        self.assertIn(ticket.display_name, card.history_ids.description)
        self.assertEqual(card.history_ids.order_model, "helpdesk.ticket")
        self.assertEqual(card.history_ids.order_id, ticket.id)
        reward = self._rewards(self.customer)
        self.assertEqual(len(reward), 1)
        self.assertEqual(
            (reward.ticket_id, reward.card_id, reward.points, reward.user_id),
            (ticket, card, 100, self.service_manager),
        )
        self.assertIn("is rewarded", self._chatter(ticket))
        self.assertIn(card.code, self._chatter(ticket))
        # The same ticket again: refused, nothing more.
        with self.assertRaisesRegex(UserError, "was marked as an improvement"):
            ticket.with_user(self.service_manager).action_print_mark_improvement()
        with self.assertRaisesRegex(UserError, "was marked as an improvement"):
            ticket.with_user(self.service_manager)._print_mark_improvement("again")
        # A second suggestion of the same customer (another contact): marked, no reward.
        second = self._suggestion(self.colleague, name="Print the job number on the box")
        self._improve(second, note="Boxes are labelled with the job number.")
        self.assertTrue(second.print_improvement_date)
        self.assertFalse(second.print_reward_card_id)
        self.assertIn("already rewarded", self._chatter(second))
        self.assertIn(ticket.display_name, self._chatter(second))
        self.assertEqual(len(self._rewards(self.customer)), 1)
        self.assertEqual(card.points, 100)
        self.assertEqual(len(card.history_ids), 1)
        # Another customer gets its own reward.
        other = self._suggestion(self.customer2)
        self._improve(other)
        other_card = self._cards(self.customer2)
        self.assertEqual(other_card.points, 100)
        self.assertEqual(other.print_reward_card_id, other_card)
        self.assertEqual(len(self._rewards()), 2)

    def test_points_are_added_to_the_existing_card(self):
        card = self.env["loyalty.card"].create(
            {"program_id": self.loyalty.id, "partner_id": self.customer.id, "points": 40}
        )
        self.env.company.print_reward_points = 60
        ticket = self._suggestion(self.customer_contact)
        self._improve(ticket)
        self.assertEqual(self._cards(self.customer), card)
        self.assertEqual(card.points, 100)
        self.assertEqual(ticket.print_reward_card_id, card)
        self.assertEqual(self._rewards(self.customer).points, 60)

    def test_coupon_program_makes_a_coupon(self):
        self.env.company.write(
            {"print_reward_program_id": self.coupons.id, "print_reward_points": 1}
        )
        ticket = self._suggestion(self.customer_contact)
        self._improve(ticket)
        coupon = self._cards(self.customer, self.coupons)
        self.assertEqual(len(coupon), 1)
        self.assertEqual(coupon.points, 1)
        self.assertTrue(coupon.code)
        self.assertEqual(ticket.print_reward_card_id, coupon)
        self.assertIn(coupon.code, self._chatter(ticket))
        self.assertIn(coupon.code, ticket._print_reward_portal_text())
        # loyalty sends its own coupon e-mail (the program's communication plan).
        mail = self.env["mail.mail"].search(
            [("model", "=", "loyalty.card"), ("res_id", "=", coupon.id)]
        )
        self.assertEqual(len(mail), 1)
        self.assertIn(self.customer, mail.recipient_ids)
        # Once: a second suggestion makes no second coupon.
        second = self._suggestion(self.colleague, name="Print the job number on the box")
        self._improve(second)
        self.assertEqual(len(self._cards(self.customer, self.coupons)), 1)

    def test_no_program_names_the_setting(self):
        self.env.company.print_reward_program_id = False
        ticket = self._suggestion(self.customer_contact)
        with self.assertRaisesRegex(UserError, SETTING):
            ticket.with_user(self.service_manager).action_print_mark_improvement()
        with self.assertRaisesRegex(UserError, SETTING):
            ticket.with_user(self.service_manager)._print_mark_improvement("Faster proofs")
        self.assertFalse(ticket.print_improvement_date)
        self.assertFalse(self._rewards())

    def test_only_suggestions_with_a_customer_and_a_note(self):
        complaint = self._ticket()
        with self.assertRaisesRegex(UserError, "is not a suggestion"):
            complaint.with_user(self.service_manager).action_print_mark_improvement()
        anonymous = self._suggestion(self.customer_contact)
        anonymous.partner_id = False
        with self.assertRaisesRegex(UserError, "no customer to reward"):
            anonymous.with_user(self.service_manager).action_print_mark_improvement()
        ticket = self._suggestion(self.customer_contact)
        with self.assertRaisesRegex(UserError, "Improvement: say what"):
            ticket.with_user(self.service_manager)._print_mark_improvement("  ")
        self.assertFalse(self._rewards())

    def test_settings_are_checked(self):
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.print_reward_program_id, self.loyalty)
        self.assertEqual(settings.print_reward_points, 100)
        promotion = self.env["loyalty.program"].create(
            {"name": "Spring promotion (test)", "program_type": "promotion"}
        )
        with self.assertRaisesRegex(ValidationError, SETTING):
            self.env.company.print_reward_program_id = promotion
        with self.assertRaisesRegex(ValidationError, "Reward Points"):
            self.env.company.print_reward_points = 0

    def test_lower_groups_are_refused(self):
        ticket = self._suggestion(self.customer_contact)
        for user in (self.desk, self.helpdesk_user, self.internal_user):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    ticket.with_user(user).action_print_mark_improvement()
                with self.assertRaises(AccessError):
                    self.env["print.service.improvement.wizard"].with_user(user).create(
                        {"ticket_id": ticket.id, "note": "forged"}
                    ).action_confirm()
        # The wizard checks its caller too (its ticket comes from the client).
        wizard = self.env["print.service.improvement.wizard"].create(
            {"ticket_id": ticket.id, "note": "forged"}
        )
        with self.assertRaises(AccessError):
            wizard.with_user(self.desk).action_confirm()
        # The decision fields are written by the action only, even by a manager.
        forged = {
            "print_improvement_note": "forged",
            "print_improvement_by_id": self.service_manager.id,
            "print_improvement_date": fields.Datetime.now(),
            "print_reward_card_id": self.env["loyalty.card"]
            .create({"program_id": self.loyalty.id, "partner_id": self.customer.id})
            .id,
        }
        for user in (self.desk, self.service_manager):
            for field, value in forged.items():
                with self.subTest(user=user.login, field=field):
                    with self.assertRaises(UserError):
                        ticket.with_user(user).write({field: value})
        # The reward rows: nobody creates, changes or deletes them outside the action
        # (refused as an audit trail, before the access rights that refuse it too).
        values = {
            "company_id": self.env.company.id,
            "partner_id": self.customer.id,
            "ticket_id": ticket.id,
            "program_id": self.loyalty.id,
            "points": 1000,
            "user_id": self.desk.id,
            "date": fields.Datetime.now(),
        }
        for user in (self.desk, self.service_manager):
            with self.subTest(user=user.login):
                with self.assertRaises(UserError):
                    self.env["print.service.reward"].with_user(user).create(values)
        with self.assertRaisesRegex(UserError, "audit trail"):
            self.env["print.service.reward"].sudo().create(values)
        self._improve(ticket)
        reward = self._rewards(self.customer)
        for user in (self.desk, self.service_manager):
            with self.subTest(user=user.login):
                with self.assertRaises(UserError):
                    reward.with_user(user).write({"points": 5000})
                with self.assertRaises(AccessError):
                    reward.with_user(user).unlink()
        with self.assertRaisesRegex(UserError, "audit trail"):
            reward.sudo().write({"points": 5000})
        with self.assertRaisesRegex(UserError, "audit trail"):
            reward.sudo().unlink()
        # Service users read the rewards; the card link on the ticket is theirs only.
        self.assertEqual(self._rewards().with_user(self.desk).read(["points"])[0]["points"], 100)
        self.assertFalse(
            "print_reward_card_id" in ticket.with_user(self.helpdesk_user).fields_get()
        )

    def test_a_reward_taken_meanwhile_grants_nothing(self):
        """The key on (company, customer) is the guard, not a read before: a reward that
        another worker committed meanwhile (inserted here without the ORM) stops the
        grant, and no card is touched."""
        first = self._suggestion(self.customer_contact)
        self.env.cr.execute(
            """
            INSERT INTO print_service_reward
                   (company_id, partner_id, ticket_id, program_id, points, user_id, date)
            VALUES (%s, %s, %s, %s, 100, %s, now() at time zone 'UTC')
            """,
            [self.env.company.id, self.customer.id, first.id, self.loyalty.id, self.admin.id],
        )
        second = self._suggestion(self.colleague)
        self._improve(second)
        self.assertFalse(second.print_reward_card_id)
        self.assertFalse(self._cards(self.customer))
        self.assertEqual(len(self._rewards(self.customer)), 1)


@tagged("post_install", "-at_install")
class TestServiceRewardRegions(RewardsCommon, RegionsCommon):
    """A branch (Own Region Only) sees its region's rewards; head office sees all."""

    def test_branch_sees_its_regions_rewards(self):
        self._programs()
        ticket_a = self._suggestion(self.customer_contact)
        ticket_b = self._suggestion(self.customer2)
        self._improve(ticket_a, user=self.head_office)
        self._improve(ticket_b, user=self.head_office)
        reward_a, reward_b = self._rewards(self.customer), self._rewards(self.customer2)
        self.assertEqual(reward_a.print_region_id, self.east)
        self.assertEqual(reward_b.print_region_id, self.south)
        Reward = self.env["print.service.reward"]
        self.assertEqual(Reward.with_user(self.branch_east).search([]), reward_a)
        self.assertEqual(Reward.with_user(self.branch_south).search([]), reward_b)
        self.assertEqual(Reward.with_user(self.head_office).search([]), reward_a | reward_b)
        with self.assertRaises(AccessError):
            reward_b.with_user(self.branch_east).read(["points"])
        # The reward moves with its customer.
        self.customer2.write({"print_region_manual": True, "print_region_id": self.east.id})
        self.assertEqual(reward_b.print_region_id, self.east)


@tagged("post_install", "-at_install")
class TestServiceRewardPortal(RewardsCommon, PrintServicePortalCommon):
    """The customer reads its reward on the page of the suggestion that earned it; nobody
    else does."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desk = cls.desk_user
        cls._programs()
        cls.env.company.print_reward_program_id = cls.coupons
        cls.env.company.print_reward_points = 1

    def test_owner_reads_its_reward(self):
        ticket = self._suggestion(self.customer_contact)
        self._improve(ticket)
        code = ticket.print_reward_card_id.code
        second = self._suggestion(self.customer_contact, name="Print the job number on the box")
        self._improve(second)
        ticket.message_subscribe(partner_ids=self.other_contact.ids)
        for login in ("service-mei", "service-ann"):
            with self.subTest(login=login):
                self.authenticate(login, login)
                page = self.url_open(f"/my/ticket/{ticket.id}", allow_redirects=False)
                self.assertEqual(page.status_code, 200)
                self.assertIn(f"You were rewarded: coupon {code}", page.text)
                page = self.url_open(f"/my/ticket/{second.id}", allow_redirects=False)
                self.assertEqual(page.status_code, 200)
                self.assertNotIn("You were rewarded", page.text)
        # A follower of another company reads the ticket, not the customer's coupon.
        self.authenticate("service-noor", "service-noor")
        page = self.url_open(f"/my/ticket/{ticket.id}", allow_redirects=False)
        self.assertEqual(page.status_code, 200)
        self.assertNotIn(code, page.text)
        # Not logged in: the ticket's own link shows it, a forged one nothing.
        self.authenticate(None, None)
        ticket._portal_ensure_token()
        page = self.url_open(
            f"/my/ticket/{ticket.id}?access_token={ticket.access_token}", allow_redirects=False
        )
        self.assertIn(code, page.text)
        page = self.url_open(f"/my/ticket/{ticket.id}?access_token=forged", allow_redirects=False)
        self.assertEqual(page.status_code, 303)
        # Portal users cannot read the reward rows or the card link over RPC.
        with self.assertRaises(AccessError):
            self.env["print.service.reward"].with_user(self.portal_user).search([])
        self.assertNotIn(
            "print_reward_card_id",
            self.env["helpdesk.ticket"].with_user(self.portal_user).fields_get(),
        )


@tagged("post_install", "-at_install")
class TestServiceRewardTwoWorkers(BaseCase):
    """Two service managers mark two suggestions of the same customer at the same moment,
    each in its own worker (its own connection, retried on a serialization failure as
    Odoo's RPC layer does): one reward, one card, the points once. The data is committed
    for the workers to see it, and deleted afterwards."""

    def _grant(self, registry, ticket_id, barrier):
        with registry.cursor() as cr:
            # The registry is given: Registry(name) waits for the registry lock, which
            # the test runner holds while tests run (hence no odoo.service.model.retrying,
            # which reloads it: the same retry, by hand).
            cr.transaction = api.Transaction(registry)
            env = api.Environment(cr, SUPERUSER_ID, {})
            manager = env.ref("base.user_admin")
            barrier.wait()
            for _attempt in range(3):
                try:
                    ticket = env["helpdesk.ticket"].with_user(manager).browse(ticket_id)
                    reward = ticket._print_mark_improvement("Proofs as PDF and JPG")
                    env.flush_all()
                    time.sleep(0.5)  # its reward stays uncommitted while the other inserts
                    reward_id = reward.id
                    break
                except psycopg2.errors.SerializationFailure:
                    cr.rollback()
                    env.transaction.clear()
            else:
                raise AssertionError("no attempt went through")
        # Leaving the cursor's block committed the worker's transaction.
        return reward_id

    def test_two_workers_reward_once(self):
        registry = Registry(get_db_name())
        with registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            company = env.company
            before = (company.print_reward_program_id.id, company.print_reward_points)
            program = env["loyalty.program"].create(
                {
                    "name": "Two workers club (test)",
                    "program_type": "loyalty",
                    "trigger": "auto",
                    "applies_on": "both",
                    "company_id": company.id,
                }
            )
            company.write({"print_reward_program_id": program.id, "print_reward_points": 100})
            customer = env["res.partner"].create(
                {"name": "Two Workers Ltd (test)", "is_company": True}
            )
            contacts = env["res.partner"].create(
                [{"name": f"Contact {n} (test)", "parent_id": customer.id} for n in "ab"]
            )
            suggestion = env.ref("print_crm_service.ticket_type_suggestion")
            tickets = env["helpdesk.ticket"].create(
                [
                    {
                        "name": f"Suggestion {contact.name}",
                        "description": "<p>Idea</p>",
                        "type_id": suggestion.id,
                        "partner_id": contact.id,
                    }
                    for contact in contacts
                ]
            )
            program_id, customer_id, company_id = program.id, customer.id, company.id
            partner_ids, ticket_ids = (customer | contacts).ids, tickets.ids
        try:
            barrier = threading.Barrier(2, timeout=60)
            results = {}

            def worker(ticket_id):
                try:
                    results[ticket_id] = self._grant(registry, ticket_id, barrier)
                except Exception as error:  # noqa: BLE001 - reported by the assertion below
                    results[ticket_id] = traceback.format_exception(error)

            threads = [threading.Thread(target=worker, args=(tid,)) for tid in ticket_ids]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
            stuck = [thread for thread in threads if thread.is_alive()]
            frames = sys._current_frames()
            self.assertFalse(
                stuck,
                "".join("".join(traceback.format_stack(frames[thread.ident])) for thread in stuck),
            )
            granted = [value for value in results.values() if isinstance(value, int)]
            self.assertEqual(len(results), 2, results)
            self.assertEqual(
                sorted(bool(value) for value in results.values()),
                [False, True],
                "".join(str(value) for value in results.values()),
            )
            self.assertEqual(len(granted), 2, results)
            with registry.cursor() as cr:
                cr.execute(
                    "SELECT count(*) FROM print_service_reward WHERE partner_id = %s",
                    [customer_id],
                )
                self.assertEqual(cr.fetchone()[0], 1)
                cr.execute(
                    "SELECT count(*), sum(points) FROM loyalty_card WHERE program_id = %s",
                    [program_id],
                )
                self.assertEqual(cr.fetchone(), (1, 100.0))
                cr.execute(
                    "SELECT count(*) FROM helpdesk_ticket WHERE id IN %s"
                    " AND print_improvement_date IS NOT NULL",
                    [tuple(ticket_ids)],
                )
                self.assertEqual(cr.fetchone()[0], 2, "both suggestions are marked")
        finally:
            with registry.cursor() as cr:
                cr.execute("DELETE FROM print_service_reward WHERE partner_id = %s", [customer_id])
                cr.execute("SELECT id FROM loyalty_card WHERE program_id = %s", [program_id])
                card_ids = [row[0] for row in cr.fetchall()] or [0]
                for model, ids in (("helpdesk.ticket", ticket_ids), ("loyalty.card", card_ids)):
                    for table in ("mail_message", "mail_followers", "mail_activity"):
                        column = "model" if table == "mail_message" else "res_model"
                        cr.execute(
                            f"DELETE FROM {table} WHERE {column} = %s AND res_id IN %s",  # noqa: S608
                            [model, tuple(ids)],
                        )
                cr.execute("DELETE FROM loyalty_card WHERE program_id = %s", [program_id])
                cr.execute("DELETE FROM helpdesk_ticket WHERE id IN %s", [tuple(ticket_ids)])
                cr.execute(
                    "UPDATE res_company SET print_reward_program_id = %s, print_reward_points = %s"
                    " WHERE id = %s",
                    [before[0] or None, before[1], company_id],
                )
                cr.execute("DELETE FROM loyalty_program WHERE id = %s", [program_id])
                cr.execute(
                    "DELETE FROM mail_followers WHERE partner_id IN %s", [tuple(partner_ids)]
                )
                cr.execute("DELETE FROM res_partner WHERE id IN %s", [tuple(partner_ids)])
