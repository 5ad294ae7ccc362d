# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common_workflow import PrintCrmServiceTicketCommon

REGION_ONLY = "print_crm_service.group_service_region_only"
# What a branch's staff need to read customers, orders, estimates, jobs, proofs and tickets:
# managers' "all documents" rules included, to show that the region narrows even those.
BRANCH_GROUPS = ",".join(
    (
        "print_crm_service.group_service_user",
        "sales_team.group_sale_salesman_all_leads",
        "print_crm_quote.group_estimate_manager",
        "print_crm_tracking.group_job_user",
        "print_crm_prepress.group_proof_user",
    )
)
DOCUMENTS = ("sale.order", "print.estimate", "print.job", "print.proof", "helpdesk.ticket")


class RegionsCommon(PrintCrmServiceTicketCommon):
    """Two regions, a customer with its documents in each, a user of each region (Own
    Region Only), head office and a user without the group with the same rights."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Region = cls.env["print.service.region"]
        cls.china = cls.env.ref("base.cn")
        cls.guangdong = cls.env.ref("base.state_cn_GD")
        cls.east = Region.create(
            {
                "name": "East China (test)",
                "code": "EAST-T",
                "sequence": 1,
                "rule_ids": [
                    Command.create(
                        {"country_id": cls.china.id, "zip_from": "200000", "zip_to": "299999"}
                    )
                ],
            }
        )
        cls.south = Region.create(
            {
                "name": "South China (test)",
                "code": "SOUTH-T",
                "sequence": 2,
                "rule_ids": [
                    Command.create(
                        {"country_id": cls.china.id, "zip_from": "510000", "zip_to": "529999"}
                    ),
                    Command.create(
                        {"sequence": 20, "country_id": cls.china.id, "state_ids": cls.guangdong.ids}
                    ),
                ],
            }
        )
        # Customer A (Harbour Books, with the job, its order and estimate) is in Shanghai;
        # customer B (Northwind) in Guangzhou.
        cls.customer.write({"country_id": cls.china.id, "zip": "200030"})
        cls.customer2.write({"country_id": cls.china.id, "zip": "510620"})
        cls.proof_a = cls._proof(send=False)
        cls.ticket_a = cls._ticket()
        cls.order_b = cls._order(partner_id=cls.customer2.id)
        cls.job_b = cls.order_b.print_job_ids
        cls.proof_b = cls._proof(job=cls.job_b, send=False)
        cls.ticket_b = cls._ticket(
            partner_id=cls.customer2.id,
            print_job_id=cls.job_b.id,
            print_sale_order_id=cls.order_b.id,
        )
        cls.docs_a = {
            "res.partner": cls.customer,
            "sale.order": cls.job.sale_order_id,
            "print.estimate": cls.job.estimate_id,
            "print.job": cls.job,
            "print.proof": cls.proof_a,
            "helpdesk.ticket": cls.ticket_a,
        }
        cls.docs_b = {
            "res.partner": cls.customer2,
            "sale.order": cls.order_b,
            "print.estimate": cls.job_b.estimate_id,
            "print.job": cls.job_b,
            "print.proof": cls.proof_b,
            "helpdesk.ticket": cls.ticket_b,
        }
        cls.branch_east = new_test_user(
            cls.env, login="region-east", groups=f"{BRANCH_GROUPS},{REGION_ONLY}"
        )
        cls.branch_south = new_test_user(
            cls.env, login="region-south", groups=f"{BRANCH_GROUPS},{REGION_ONLY}"
        )
        cls.east.user_ids = cls.branch_east
        cls.south.user_ids = cls.branch_south
        # Head office: the same rights and a region, without the group.
        cls.head_office = new_test_user(
            cls.env,
            login="region-head-office",
            groups=f"{BRANCH_GROUPS},print_crm_service.group_service_manager",
        )
        cls.east.user_ids += cls.head_office
        cls.unrestricted = new_test_user(cls.env, login="region-none", groups=BRANCH_GROUPS)

    def _visible(self, user, model, records):
        return self.env[model].with_user(user).search([("id", "in", records.ids)])


@tagged("post_install", "-at_install")
class TestRegions(RegionsCommon):
    """Regional isolation: a branch sees its region's customers and documents only, head
    office sees all; the customer's region decides, and moves its documents with it."""

    # ------------------------------------------------------------------ the customer's region

    def test_documents_carry_their_customers_region(self):
        self.assertEqual(self.customer.print_region_id, self.east)
        self.assertEqual(self.customer_contact.print_region_id, self.east)
        self.assertEqual(self.customer2.print_region_id, self.south)
        for model in DOCUMENTS:
            with self.subTest(model=model):
                self.assertEqual(self.docs_a[model].print_region_id, self.east)
                self.assertEqual(self.docs_b[model].print_region_id, self.south)

    def test_address_rules_place_customers_by_postcode_and_state(self):
        Partner = self.env["res.partner"]
        shenzhen = Partner.create(
            {"name": "Shenzhen Print Buyer", "country_id": self.china.id, "zip": "518000"}
        )
        dongguan = Partner.create(
            {
                "name": "Dongguan, no postcode",
                "country_id": self.china.id,
                "state_id": self.guangdong.id,
            }
        )
        beijing = Partner.create(
            {"name": "Beijing Press", "country_id": self.china.id, "zip": "100000"}
        )
        self.assertEqual(shenzhen.print_region_id, self.south)
        self.assertEqual(dongguan.print_region_id, self.south)
        self.assertFalse(beijing.print_region_id)
        # The customer moves to Suzhou: the address places it again; its contacts follow.
        contact = Partner.create({"name": "Buyer Wu", "parent_id": shenzhen.id})
        self.assertEqual(contact.print_region_id, self.south)
        shenzhen.zip = "215000"
        self.assertEqual(shenzhen.print_region_id, self.east)
        self.assertEqual(contact.print_region_id, self.east)

    def test_region_set_by_hand_stays_when_the_address_changes(self):
        self.customer2.with_user(self.head_office).print_region_id = self.east
        self.assertTrue(self.customer2.print_region_manual)
        self.customer2.zip = "518000"
        self.assertEqual(self.customer2.print_region_id, self.east)
        # Unticked, the address rules place it again.
        self.customer2.with_user(self.head_office).print_region_manual = False
        self.assertEqual(self.customer2.print_region_id, self.south)

    def test_apply_address_rules_reassigns_in_batch(self):
        Partner = self.env["res.partner"]
        manual = Partner.create(
            {"name": "Kept by hand", "country_id": self.china.id, "zip": "100100"}
        )
        manual.with_user(self.head_office).print_region_id = self.south
        beijing = Partner.create(
            {"name": "Beijing Press", "country_id": self.china.id, "zip": "100000"}
        )
        self.assertFalse(beijing.print_region_id)
        north = self.env["print.service.region"].create(
            {
                "name": "North (test)",
                "code": "N-T",
                "rule_ids": [
                    Command.create(
                        {"country_id": self.china.id, "zip_from": "100000", "zip_to": "199999"}
                    )
                ],
            }
        )
        # A new rule places nobody by itself: Apply Address Rules does, except by hand.
        self.assertFalse(beijing.print_region_id)
        with self.assertRaises(UserError):
            north.with_user(self.branch_east).action_apply_address_rules()
        with self.assertRaises(UserError):
            north.with_user(self.module_user).action_apply_address_rules()
        self.assertFalse(beijing.print_region_id)
        north.with_user(self.head_office).action_apply_address_rules()
        self.assertEqual(beijing.print_region_id, north)
        self.assertEqual(manual.print_region_id, self.south)

    def test_address_rules_refuse_bad_ranges(self):
        Rule = self.env["print.service.region.rule"]
        with self.assertRaisesText(ValidationError, "Postcode To"):
            Rule.create({"region_id": self.east.id, "zip_from": "299999", "zip_to": "200000"})
        with self.assertRaisesText(ValidationError, "every customer"):
            Rule.create({"region_id": self.east.id})
        with self.assertRaises(AccessError):
            Rule.with_user(self.branch_east).create(
                {"region_id": self.east.id, "zip_from": "510000"}
            )

    # ------------------------------------------------------------------ isolation

    def test_branch_reads_only_its_region(self):
        for model, record_b in self.docs_b.items():
            record_a = self.docs_a[model]
            with self.subTest(model=model):
                both = record_a | record_b
                self.assertEqual(self._visible(self.branch_east, model, both), record_a)
                self.assertEqual(self._visible(self.branch_south, model, both), record_b)
                with self.assertRaises(AccessError):
                    record_b.with_user(self.branch_east).read(["display_name"])
                with self.assertRaises(AccessError):
                    record_a.with_user(self.branch_south).read(["display_name"])

    def test_branch_reads_nothing_under_another_regions_documents(self):
        """Estimate parts and quantities, job history, proof files: of its region only."""
        children = {
            "print.estimate.part": "part_ids",
            "print.estimate.break": "break_ids",
        }
        for model, fname in children.items():
            with self.subTest(model=model):
                of_b = self.docs_b["print.estimate"][fname]
                of_a = self.docs_a["print.estimate"][fname]
                self.assertTrue(of_a and of_b)
                found = self._visible(self.branch_east, model, of_a | of_b)
                self.assertEqual(found, of_a)
        history = self.env["print.job.history"].search([("job_id", "in", self.job_b.ids)])
        self.assertTrue(history)
        self.assertFalse(self._visible(self.branch_east, "print.job.history", history))
        self.assertEqual(self._visible(self.branch_south, "print.job.history", history), history)

    def test_branch_cannot_write_or_create_for_another_region(self):
        east = self.branch_east
        with self.assertRaises(AccessError):
            self.customer2.with_user(east).write({"phone": "+86 20 0000 0000"})
        with self.assertRaises(AccessError):
            self.order_b.with_user(east).write({"client_order_ref": "PO-EAST"})
        with self.assertRaises(AccessError):
            self.job_b.with_user(east).write({"title": "Taken over"})
        with self.assertRaises(AccessError):
            self.ticket_b.with_user(east).write({"name": "Taken over"})
        with self.assertRaises(AccessError):
            self._ticket(
                user=east,
                partner_id=self.customer2.id,
                print_job_id=False,
                print_sale_order_id=False,
            )
        with self.assertRaises(AccessError):
            self.env["sale.order"].with_user(east).create({"partner_id": self.customer2.id})
        # Its own region's, it may.
        self.customer.with_user(east).write({"phone": "+86 21 5555 0101"})
        ticket = self._ticket(user=east, name="Cover scuffed")
        self.assertEqual(ticket.print_region_id, self.east)

    def test_branch_cannot_move_customers_between_regions(self):
        """Only head office places a customer by hand: a branch pulling another region's
        customer (or pushing its own away) over RPC is refused."""
        for user in (self.branch_east, self.unrestricted):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                self.customer.with_user(user).write({"print_region_id": self.south.id})
            with self.subTest(user=user.login), self.assertRaises(UserError):
                self.customer.with_user(user).write({"print_region_manual": True})
        # A Customer Service manager limited to a region is a branch manager, not head office.
        self.branch_east.groups_id += self.env.ref("print_crm_service.group_service_manager")
        with self.assertRaises(UserError):
            self.customer.with_user(self.branch_east).write({"print_region_id": self.south.id})
        with self.assertRaises(UserError):
            self.env["res.partner"].with_user(self.branch_east).create(
                {"name": "Pulled in", "print_region_id": self.east.id}
            )
        with self.assertRaises(AccessError):
            self.customer2.with_user(self.branch_east).write({"print_region_id": self.east.id})
        self.assertEqual(self.customer.print_region_id, self.east)
        self.assertEqual(self.customer2.print_region_id, self.south)
        # What the address gives (a form sends it back) is no decision.
        self.customer.with_user(self.branch_east).write(
            {"zip": "200120", "print_region_id": self.east.id}
        )
        self.assertFalse(self.customer.print_region_manual)

    def test_head_office_and_users_without_the_group_read_all(self):
        for user in (self.head_office, self.unrestricted):
            for model, record_b in self.docs_b.items():
                with self.subTest(user=user.login, model=model):
                    both = self.docs_a[model] | record_b
                    self.assertEqual(self._visible(user, model, both), both)

    def test_reassigning_the_customer_moves_its_documents(self):
        self.customer2.with_user(self.head_office).write({"print_region_id": self.east.id})
        for model, record_b in self.docs_b.items():
            with self.subTest(model=model):
                self.assertEqual(record_b.print_region_id, self.east)
                self.assertEqual(self._visible(self.branch_east, model, record_b), record_b)
                self.assertFalse(self._visible(self.branch_south, model, record_b))

    def test_membership_takes_effect_at_once(self):
        self.assertFalse(self._visible(self.branch_east, "helpdesk.ticket", self.ticket_b))
        self.south.user_ids += self.branch_east
        self.assertEqual(
            self._visible(self.branch_east, "helpdesk.ticket", self.ticket_b), self.ticket_b
        )
        self.south.user_ids -= self.branch_east
        self.assertFalse(self._visible(self.branch_east, "helpdesk.ticket", self.ticket_b))

    def test_branches_below_a_region_are_seen_from_it(self):
        shenzhen = self.env["print.service.region"].create(
            {"name": "Shenzhen branch", "code": "SZ-T", "parent_id": self.south.id}
        )
        self.customer2.with_user(self.head_office).print_region_id = shenzhen
        self.assertEqual(
            self._visible(self.branch_south, "helpdesk.ticket", self.ticket_b), self.ticket_b
        )
        with self.assertRaises(UserError):  # Odoo's "Recursion Detected" or ours
            self.south.parent_id = shenzhen

    def test_branch_keeps_working_with_odoo(self):
        """Internal users' and the company's partners stay readable; unplaced customers
        too (a new caller); a customer of its region can be created and served."""
        east = self.branch_east
        Partner = self.env["res.partner"].with_user(east)
        readable = (
            east.partner_id | self.head_office.partner_id | self.branch_south.partner_id
        ) | self.env.company.partner_id
        self.assertEqual(Partner.search([("id", "in", readable.ids)]), readable)
        self.env.company.partner_id.with_user(east).read(["name", "email"])
        caller = Partner.create({"name": "New caller", "phone": "+86 21 6000 0000"})
        self.assertFalse(caller.print_region_id)
        customer = Partner.create(
            {"name": "Shanghai Bookshop", "country_id": self.china.id, "zip": "200040"}
        )
        self.assertEqual(customer.print_region_id, self.east)
        self._ticket(
            user=east, partner_id=customer.id, print_job_id=False, print_sale_order_id=False
        )
        with self.assertRaises(AccessError):
            Partner.create({"name": "Guangzhou shop", "country_id": self.china.id, "zip": "510000"})

    def test_portal_customer_sees_its_own_documents_only(self):
        portal = self.customer_user
        self.assertFalse(portal.has_group(REGION_ONLY))
        for model in ("sale.order", "print.job", "helpdesk.ticket"):
            with self.subTest(model=model):
                both = self.docs_a[model] | self.docs_b[model]
                self.assertEqual(self._visible(portal, model, both), self.docs_a[model])
        with self.assertRaises(AccessError):
            self.ticket_b.with_user(portal).read(["name"])
        # Its own region is none of its business, and it cannot move itself.
        with self.assertRaises(AccessError):
            self.customer_contact.with_user(portal).read(["print_region_id"])
        with self.assertRaises(UserError):  # AccessError too
            self.customer_contact.with_user(portal).write({"print_region_id": self.south.id})

    def test_group_is_opt_in(self):
        group = self.env.ref(REGION_ONLY)
        self.assertFalse(self.env["res.groups"].search([("implied_ids", "in", group.ids)]))
        self.assertFalse(self.env.ref("base.user_admin").has_group(REGION_ONLY))
        self.assertFalse(self.desk.has_group(REGION_ONLY))

    # ------------------------------------------------------------------ statistics

    def test_timeliness_per_region_and_only_own_region(self):
        now = fields.Datetime.now()
        Ticket = self.env["helpdesk.ticket"]
        # East: one on time, one late; South: one open past its deadline.
        self.ticket_a._print_decide().write(
            {"print_deadline": now, "print_resolved_date": now - timedelta(hours=1)}
        )
        late = self._ticket(name="Late one")
        late._print_decide().write(
            {"print_deadline": now - timedelta(days=3), "print_resolved_date": now}
        )
        self.ticket_b.with_user(self.desk).action_print_mark_valid()
        self.ticket_b._print_decide().write({"print_deadline": now - timedelta(hours=2)})
        self.env.flush_all()

        def figures(user):
            rows = (
                self.env["print.service.region.timeliness"]
                .with_user(user)
                .read_group(
                    [("print_region_id", "in", (self.east | self.south).ids)],
                    ["on_time_count:sum", "late_count:sum", "overdue_count:sum", "on_time_pct:avg"],
                    ["print_region_id"],
                )
            )
            return {
                row["print_region_id"][0]: (
                    row["on_time_count"],
                    row["late_count"],
                    row["overdue_count"],
                    row["on_time_pct"] if row["on_time_pct"] is not False else None,
                )
                for row in rows
            }

        both = {self.east.id: (1, 1, 0, 50.0), self.south.id: (0, 0, 1, None)}
        self.assertEqual(figures(self.head_office), both)
        self.assertEqual(figures(self.branch_east), {self.east.id: both[self.east.id]})
        self.assertEqual(figures(self.branch_south), {self.south.id: both[self.south.id]})
        # The tickets' own statistics too.
        counts = Ticket.with_user(self.branch_east)._read_group(
            [("print_region_id", "!=", False)], ["print_region_id"], ["__count"]
        )
        self.assertEqual(counts, [(self.east, 2)])

    def test_callbacks_on_time_per_region_and_only_own_region(self):
        rule = self.env.ref("print_crm_service.callback_rule_job_delivered")
        today = fields.Date.today()
        Callback = self.env["print.service.callback"]._print_decide()
        occurrences = iter(range(100, 200))

        def callback(job, partner, due_days, done_days=None, state="planned"):
            return Callback.create(
                {
                    "rule_id": rule.id,
                    "company_id": self.env.company.id,
                    "event": rule.event,
                    "res_model": "print.job",
                    "res_id": job.id,
                    "occurrence": next(occurrences),
                    "partner_id": partner.id,
                    "job_id": job.id,
                    "due_date": today + timedelta(days=due_days),
                    "state": state,
                    "done_date": (
                        fields.Datetime.now() + timedelta(days=done_days)
                        if done_days is not None
                        else False
                    ),
                }
            )

        # East: one done on time, one done late; South: one still not done past its day,
        # one not due yet (not counted), one cancelled (not counted).
        callback(self.job, self.customer_contact, -5, -6, "done")
        callback(self.job, self.customer_contact, -5, -1, "done")
        overdue = callback(self.job_b, self.customer2, -2)
        callback(self.job_b, self.customer2, 3)
        callback(self.job_b, self.customer2, -3, state="cancelled")
        self.env.flush_all()

        def figures(user):
            rows = (
                self.env["print.service.region.timeliness"]
                .with_user(user)
                .read_group(
                    [("kind", "=", "callback")],
                    ["callback_on_time_count:sum", "callback_late_count:sum"],
                    ["print_region_id"],
                )
            )
            return {
                row["print_region_id"][0]: (
                    row["callback_on_time_count"],
                    row["callback_late_count"],
                )
                for row in rows
                if row["print_region_id"]
            }

        both = {self.east.id: (1, 1), self.south.id: (0, 1)}
        self.assertEqual(figures(self.head_office), both)
        self.assertEqual(figures(self.branch_east), {self.east.id: (1, 1)})
        self.assertFalse(self._visible(self.branch_east, "print.service.callback", overdue))
        self.assertEqual(
            self._visible(self.branch_south, "print.service.callback", overdue), overdue
        )


@tagged("post_install", "-at_install")
class TestRegionsCustomerRecord(RegionsCommon):
    """The rest of a customer's record follows its region too: its contact log, value
    figures, timeline and invoices. A branch reads only its region's; head office all."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Log = cls.env["print.contact.log"]
        cls.log_a = Log.create({"partner_id": cls.customer.id, "summary": "Asked for samples"})
        cls.log_b = Log.create({"partner_id": cls.customer2.id, "summary": "Price complaint"})
        cls.invoice_a = cls._invoice(cls.customer_contact)
        cls.invoice_b = cls._invoice(cls.customer2)
        # The customers' value rows, as the nightly recompute writes them (in SQL).
        Value = cls.env["print.customer.value"]
        Value._recompute(cls.env.company)
        cls.value_a = Value.search([("partner_id", "=", cls.customer.id)])
        cls.value_b = Value.search([("partner_id", "=", cls.customer2.id)])
        cls.record_a = {
            "print.contact.log": cls.log_a,
            "print.customer.value": cls.value_a,
            "account.move": cls.invoice_a,
            "account.move.line": cls.invoice_a.line_ids,
        }
        cls.record_b = {
            "print.contact.log": cls.log_b,
            "print.customer.value": cls.value_b,
            "account.move": cls.invoice_b,
            "account.move.line": cls.invoice_b.line_ids,
        }

    @classmethod
    def _invoice(cls, partner):
        move = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Brochures",
                            "quantity": 1,
                            "price_unit": 800.0,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        move.action_post()
        return move

    def _timeline(self, user, partners):
        return (
            self.env["print.customer.timeline"]
            .with_user(user)
            .search([("partner_id", "in", partners.ids)])
        )

    def test_records_carry_their_customers_region(self):
        self.assertTrue(self.value_a and self.value_b)
        self.assertEqual(self.log_a.print_region_id, self.east)
        self.assertEqual(self.log_b.print_region_id, self.south)
        self.assertEqual(self.invoice_a.print_region_id, self.east)
        self.assertEqual(self.invoice_b.print_region_id, self.south)

    def test_branch_reads_only_its_regions_record(self):
        for model, record_b in self.record_b.items():
            record_a = self.record_a[model]
            with self.subTest(model=model):
                both = record_a | record_b
                self.assertEqual(self._visible(self.branch_east, model, both), record_a)
                self.assertEqual(self._visible(self.branch_south, model, both), record_b)
                with self.assertRaises(AccessError):
                    record_b.with_user(self.branch_east).read(["display_name"])
        # The timeline: every line of its region's customer, none of the other's.
        customers = self.customer | self.customer2
        everything = self._timeline(self.head_office, customers)
        lines_a = everything.filtered(lambda line: line.partner_id == self.customer)
        lines_b = everything - lines_a
        self.assertEqual(
            set(lines_b.mapped("kind")), {"contact", "estimate", "order", "job", "proof", "ticket"}
        )
        self.assertEqual(self._timeline(self.branch_east, customers), lines_a)
        self.assertEqual(self._timeline(self.branch_south, customers), lines_b)
        with self.assertRaises(AccessError):
            lines_b.with_user(self.branch_east).read(["reference"])

    def test_head_office_and_users_without_the_group_read_all(self):
        customers = self.customer | self.customer2
        everything = self.env["print.customer.timeline"].search(
            [("partner_id", "in", customers.ids)]
        )
        for user in (self.head_office, self.unrestricted):
            for model, record_b in self.record_b.items():
                with self.subTest(user=user.login, model=model):
                    both = self.record_a[model] | record_b
                    self.assertEqual(self._visible(user, model, both), both)
            with self.subTest(user=user.login, model="print.customer.timeline"):
                self.assertEqual(self._timeline(user, customers), everything)

    def test_reassigning_the_customer_moves_its_record(self):
        self.customer2.with_user(self.head_office).write({"print_region_id": self.east.id})
        self.env.invalidate_all()
        for model, record_b in self.record_b.items():
            with self.subTest(model=model):
                self.assertEqual(self._visible(self.branch_east, model, record_b), record_b)
                self.assertFalse(self._visible(self.branch_south, model, record_b))
        self.assertTrue(self._timeline(self.branch_east, self.customer2))
        self.assertFalse(self._timeline(self.branch_south, self.customer2))

    def test_searched_and_grouped_by_region(self):
        for model in ("print.contact.log", "account.move"):
            both = self.record_a[model] | self.record_b[model]
            with self.subTest(model=model):
                Model = self.env[model]
                rows = Model.with_user(self.branch_east)._read_group(
                    [("id", "in", both.ids)], ["print_region_id"], ["__count"]
                )
                self.assertEqual(rows, [(self.east, 1)])
                found = Model.with_user(self.head_office).search(
                    [("id", "in", both.ids), ("print_region_id", "child_of", self.south.id)]
                )
                self.assertEqual(found, self.record_b[model])
        searches = (
            "account.view_account_invoice_filter",
            "print_crm_quote.print_contact_log_view_search",
        )
        for xmlid in searches:
            view = self.env.ref(xmlid)
            arch = (
                self.env[view.model]
                .with_user(self.head_office)
                .get_views([(view.id, "search")])["views"]["search"]["arch"]
            )
            self.assertIn("print_region_id", arch)

    def test_vendor_bills_are_not_limited_by_region(self):
        """A supplier placed in a region by its address: its bills are no customer
        record, a branch's accountant keeps them."""
        bill = self.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": self.customer2.id,
                "invoice_date": fields.Date.today(),
                "invoice_line_ids": [
                    Command.create({"name": "Paper", "quantity": 1, "price_unit": 100.0})
                ],
            }
        )
        self.branch_east.groups_id += self.env.ref("account.group_account_invoice")
        self.assertEqual(self._visible(self.branch_east, "account.move", bill), bill)
        self.assertFalse(self._visible(self.branch_east, "account.move", self.invoice_b))


@tagged("post_install", "-at_install")
class TestRegionsRpc(RegionsCommon, HttpCase):
    """The same isolation over JSON-RPC, as the web client and any external client call."""

    def _call(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    @mute_logger("odoo.http")  # the refusals below are logged as warnings
    def test_branch_over_rpc(self):
        self.authenticate("region-east", "region-east")
        both = (self.ticket_a | self.ticket_b).ids
        found = self._call(
            "helpdesk.ticket",
            "web_search_read",
            domain=[("id", "in", both)],
            specification={"display_name": {}, "print_region_id": {}},
        )
        self.assertEqual([r["id"] for r in found["records"]], self.ticket_a.ids)
        for model, record in (
            ("helpdesk.ticket", self.ticket_b),
            ("res.partner", self.customer2),
            ("sale.order", self.order_b),
            ("print.job", self.job_b),
        ):
            with self.subTest(model=model), self.assertRaises(JsonRpcException) as caught:
                self._call(model, "read", record.ids, ["display_name"])
            self.assertIn("AccessError", str(caught.exception))
        with self.assertRaises(JsonRpcException) as caught:
            self._call(
                "res.partner", "write", self.customer.ids, {"print_region_id": self.south.id}
            )
        self.assertIn("UserError", str(caught.exception))
        self.assertEqual(self.customer.print_region_id, self.east)
        rows = self._call(
            "print.service.region.timeliness",
            "read_group",
            [],
            ["ticket_count:sum"],
            ["print_region_id"],
        )
        regions = {row["print_region_id"][0] for row in rows if row["print_region_id"]}
        self.assertEqual(regions, {self.east.id})

    def test_head_office_over_rpc(self):
        self.authenticate("region-head-office", "region-head-office")
        rows = self._call(
            "print.service.region.timeliness",
            "read_group",
            [],
            ["ticket_count:sum"],
            ["print_region_id"],
        )
        self.assertEqual(
            {row["print_region_id"][0] for row in rows if row["print_region_id"]},
            {self.east.id, self.south.id},
        )
        self._call("res.partner", "write", self.customer2.ids, {"print_region_id": self.east.id})
        self.assertEqual(self.ticket_b.print_region_id, self.east)

    @mute_logger("odoo.http")
    def test_branch_over_the_portal(self):
        """A branch user opening the portal's pages (as any internal user may) gets its
        region's documents only, with or without a forged token."""
        self.authenticate("region-east", "region-east")
        pages = (
            ("/my/ticket/%s", self.ticket_a, self.ticket_b, "number"),
            ("/my/print_jobs/%s", self.job, self.job_b, "name"),
        )
        for url, own, other, field in pages:
            with self.subTest(url=url):
                response = self.url_open(url % own.id)
                self.assertEqual(response.status_code, 200)
                self.assertIn(own[field], response.text)
                for suffix in ("", "?access_token=forged"):
                    response = self.url_open(url % other.id + suffix)
                    self.assertNotIn(other[field], response.text)
