# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The customer profile over RPC: who reads what on a partner, who may reassign a customer,
who may call the profile's public methods (issue 10, findings 2, 4, 5, 6 and 11)."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import PrintCrmEstimateCommon

# What print_crm_quote adds to res.partner that only Printing users may read.
INTERNAL_FIGURES = (
    "print_value_id",
    "print_segment",
    "print_payment_record",
    "print_customer_size",
    "print_on_time_pct",
    "print_avg_days_late",
    "print_revenue",
    "print_gross_margin",
    "print_order_count",
    "print_last_order_date",
    "print_drift_risk",
    "print_effective_policy_id",
    "print_price_policy_id",
    "print_contact_log_ids",
    "print_contact_log_count",
    "print_estimate_ids",
    "print_estimate_count",
    "print_rep_history_ids",
    "print_timeline_ids",
)


class CustomerTrustCommon(PrintCrmEstimateCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rep_a = cls.estimator
        cls.rep_b = new_test_user(
            cls.env, login="trust-rep-b", groups="print_crm_quote.group_estimate_user"
        )
        cls.sales_user = new_test_user(
            cls.env, login="trust-sales-user", groups="sales_team.group_sale_salesman"
        )
        cls.sales_manager = new_test_user(
            cls.env, login="trust-sales-manager", groups="sales_team.group_sale_manager"
        )
        cls.customer.user_id = cls.rep_a
        cls.portal_user = new_test_user(cls.env, login="trust-portal", groups="base.group_portal")
        cls.portal_user.partner_id.parent_id = cls.customer
        # The customer's value row, as the nightly recompute leaves it.
        cls.value = (
            cls.env["print.customer.value"]
            .sudo()
            .create(
                {
                    "partner_id": cls.customer.id,
                    "company_id": cls.company.id,
                    "revenue": 12000.0,
                    "gross_margin": 3100.0,
                    "order_count": 7,
                    "segment": "champion",
                    "payment_record": "poor",
                    "avg_days_late": 23.5,
                    "drift_risk": True,
                    "size": "large",
                }
            )
        )


@tagged("post_install", "-at_install")
class TestPartnerReadAccess(CustomerTrustCommon):
    """Core users read a partner as the web client does; the portal gets no internal figure."""

    def test_core_users_read_a_customer_without_access_error(self):
        # As the web client and RPC do: no field list. (A plain internal user cannot do that
        # even without the suite: Odoo's own invoice and order fields refuse it; it reads
        # every field this module adds.)
        for user in (self.sales_user, self.sales_manager):
            with self.subTest(user=user.login):
                record = self.customer.with_user(user).read()[0]
                self.assertEqual(record["name"], "Harbour Books Ltd")
                for name in INTERNAL_FIGURES:
                    self.assertNotIn(name, record, f"{name} is for Printing users only")
        partner = self.customer.with_user(self.internal_user)
        ours = [
            name
            for name, field in partner._fields.items()
            if field._module == "print_crm_quote" and field.is_accessible(partner.env)
        ]
        self.assertIn("print_customer_kind", ours)
        self.assertTrue(partner.read(ours))
        self.assertFalse(set(ours) & set(INTERNAL_FIGURES))

    def test_core_users_open_the_partner_form(self):
        # (A plain internal user cannot open it even without the suite: Odoo's invoice fields.)
        for user in (self.sales_user, self.sales_manager):
            with self.subTest(user=user.login):
                partner = self.customer.with_user(user)
                views = partner.get_views([(False, "form")])
                fields = views["models"]["res.partner"]["fields"]
                self.assertTrue(partner.web_read({name: {} for name in fields}))

    def test_portal_user_reads_own_partner_without_internal_figures(self):
        # read() without a field list fails for a portal user even without the suite
        # (Odoo's bank and analytic fields); what the portal shows reads, none of ours does.
        for partner in (self.portal_user.partner_id, self.customer):
            with self.subTest(partner=partner.name):
                partner = partner.with_user(self.portal_user)
                record = partner.read(["name", "email", "phone", "street", "city"])[0]
                self.assertEqual(record["id"], partner.id)
                ours = [
                    name
                    for name, field in partner._fields.items()
                    if field._module == "print_crm_quote" and field.is_accessible(partner.env)
                ]
                self.assertFalse(ours, "the portal shows none of these")
        for name in ("print_payment_record", "print_avg_days_late", "print_segment"):
            with self.subTest(field=name), self.assertRaises(AccessError):
                self.customer.with_user(self.portal_user).read([name])

    def test_rep_sees_own_customers_figures_only(self):
        as_owner = self.customer.with_user(self.rep_a).read(["print_revenue", "print_segment"])
        self.assertEqual(as_owner[0]["print_revenue"], 12000.0)
        self.assertEqual(as_owner[0]["print_segment"], "champion")
        # The record rule hides this customer's value row from rep B: so does the partner.
        self.assertFalse(self.value.with_user(self.rep_b).search([("id", "=", self.value.id)]))
        as_other = self.customer.with_user(self.rep_b).read(
            ["print_revenue", "print_segment", "print_payment_record", "print_value_id"]
        )[0]
        self.assertEqual(as_other["print_revenue"], 0.0)
        self.assertFalse(as_other["print_segment"])
        self.assertFalse(as_other["print_payment_record"])
        self.assertFalse(as_other["print_value_id"])
        manager = self.customer.with_user(self.module_manager)
        self.assertEqual(manager.print_payment_record, "poor")

    def test_price_policy_still_prices_every_customer(self):
        # Pricing needs the policy the payment record gives, whoever prices.
        self.value.sudo().price_policy_id = self.policy.copy({"name": "Poor payers (test)"})
        policy = self.customer.with_user(self.rep_b)._print_price_policy()
        self.assertEqual(policy, self.value.price_policy_id)


@tagged("post_install", "-at_install")
class TestPartnerPublicMethods(CustomerTrustCommon):
    """Every public method of the customer profile checks its caller's group."""

    def _assert_refused(self, call, users):
        for user in users:
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                call(user)

    def test_recompute_value_is_for_managers(self):
        activities = self.env["mail.activity"].search_count([])
        users = (self.portal_user, self.internal_user, self.sales_user, self.rep_a)
        self._assert_refused(
            lambda u: self.customer.with_user(u).action_print_recompute_value(), users
        )
        self._assert_refused(
            lambda u: self.env["print.customer.value"].with_user(u).action_recompute(), users
        )
        self.assertEqual(self.env["mail.activity"].search_count([]), activities)
        self.assertEqual(self.value.revenue, 12000.0, "nothing recomputed")
        self.assertTrue(self.customer.with_user(self.module_manager).action_print_recompute_value())
        self.assertTrue(
            self.env["print.customer.value"].with_user(self.module_manager).action_recompute()
        )

    def test_value_actions_are_for_printing_users(self):
        users = (self.portal_user, self.internal_user, self.sales_user)
        self._assert_refused(lambda u: self.value.with_user(u).action_open_partner(), users)
        self._assert_refused(lambda u: self.value.with_user(u).action_export_xlsx(), users)
        action = self.value.with_user(self.rep_a).action_open_partner()
        self.assertEqual(action["res_id"], self.customer.id)

    def test_partner_contact_actions_are_for_printing_users(self):
        users = (self.portal_user, self.internal_user, self.sales_user)
        customer = self.customer
        self._assert_refused(lambda u: customer.with_user(u).action_print_view_contacts(), users)
        self._assert_refused(lambda u: customer.with_user(u).action_print_log_contact(), users)
        self.assertEqual(
            self.customer.with_user(self.rep_a).action_print_log_contact()["res_model"],
            "print.contact.log.wizard",
        )

    def test_contact_log_wizard_and_timeline_are_for_printing_users(self):
        wizard = self.env["print.contact.log.wizard"].create(
            {"partner_id": self.customer.id, "summary": "Called"}
        )
        users = (self.portal_user, self.internal_user, self.sales_user)
        self._assert_refused(lambda u: wizard.with_user(u).action_log(), users)
        self.assertFalse(self.customer.print_contact_log_ids)
        log = self.env["print.contact.log"].create({"partner_id": self.customer.id, "summary": "x"})
        line = self.env["print.customer.timeline"].search(
            [("res_id", "=", log.id), ("kind", "=", "contact")]
        )
        self._assert_refused(lambda u: line.with_user(u).action_open_document(), users)

    def test_a_contact_is_logged_by_whoever_logs_it(self):
        """Logged By says who recorded the call: nobody files a call under someone else's
        name, when logging it or afterwards, over RPC or the form."""
        manager = new_test_user(
            self.env, login="trust-quote-manager", groups="print_crm_quote.group_estimate_manager"
        )
        logs = self.env["print.contact.log"]
        for user in (self.rep_a, manager):
            with self.subTest(user=user.login):
                with self.assertRaisesRegex(UserError, "Logged By"):
                    logs.with_user(user).create(
                        {"partner_id": self.customer.id, "summary": "x", "user_id": self.rep_b.id}
                    )
                with self.assertRaisesRegex(UserError, "Logged By"):
                    logs.with_user(user).with_context(default_user_id=self.rep_b.id).create(
                        {"partner_id": self.customer.id, "summary": "x"}
                    )
        log = logs.with_user(self.rep_a).create({"partner_id": self.customer.id, "summary": "y"})
        self.assertEqual(log.user_id, self.rep_a)
        for user in (self.rep_a, manager):
            with self.subTest(user=user.login):
                with self.assertRaisesRegex(UserError, "Logged By"):
                    log.with_user(user).write({"user_id": self.rep_b.id})
        self.assertEqual(log.user_id, self.rep_a)
        # What was said can still be corrected by whoever may edit the log.
        log.with_user(self.rep_a).write({"note": "They want a sample first."})
        self.assertEqual(log.note, "They want a sample first.")


@tagged("post_install", "-at_install")
class TestRepAssignment(CustomerTrustCommon):
    """A customer changes hands only by a manager, and the change is kept."""

    def test_rep_cannot_take_over_a_customer(self):
        estimate = self._make_estimate(user_id=self.rep_a.id)
        for user in (self.rep_b, self.sales_user):
            with self.subTest(user=user.login):
                with self.assertRaisesRegex(UserError, "Salesperson"):
                    self.customer.with_user(user).write({"user_id": user.id})
                self.assertEqual(self.customer.user_id, self.rep_a)
        with self.assertRaises(AccessError):
            estimate.with_user(self.rep_b).read(["name"])
        # Nor may a rep hand its own customer to someone else, or unassign it.
        with self.assertRaisesRegex(UserError, "Salesperson"):
            self.customer.with_user(self.rep_a).write({"user_id": self.rep_b.id})
        with self.assertRaisesRegex(UserError, "Salesperson"):
            self.customer.with_user(self.rep_a).write({"user_id": False})
        self.assertEqual(len(self.customer.print_rep_history_ids), 1)

    def test_rep_cannot_take_over_through_a_contact_person(self):
        order = self.env["sale.order"].create(
            {"partner_id": self.customer_contact.id, "user_id": self.rep_a.id}
        )
        own = (
            self.env["res.partner"]
            .with_user(self.rep_b)
            .create({"name": "B's Own Co", "is_company": True, "user_id": self.rep_b.id})
        )
        contact = self.customer_contact.with_user(self.rep_b)
        # A contact person's Salesperson opens nothing: rep B may set it...
        contact.write({"user_id": self.rep_b.id})
        # ...but not then detach the person from its company, to own its orders.
        with self.assertRaisesRegex(UserError, "Salesperson"):
            contact.write({"parent_id": False})
        with self.assertRaisesRegex(UserError, "Salesperson"):
            contact.write({"is_company": True})
        # Nor move it under a company of its own.
        with self.assertRaisesRegex(UserError, "Salesperson"):
            contact.write({"parent_id": own.id})
        self.assertEqual(self.customer_contact.commercial_partner_id, self.customer)
        with self.assertRaises(AccessError):
            order.with_user(self.rep_b).read(["name"])

    def test_rep_keeps_creating_own_customers_and_editing_them(self):
        partner = (
            self.env["res.partner"]
            .with_user(self.rep_b)
            .create({"name": "Fresh Co", "is_company": True, "user_id": self.rep_b.id})
        )
        self.assertEqual(partner.user_id, self.rep_b)
        self.assertEqual(partner.print_rep_history_ids.changed_by_id, self.rep_b)
        # Rewriting the same rep, and other fields, is no reassignment.
        partner.with_user(self.rep_b).write({"user_id": self.rep_b.id, "phone": "123456"})
        person = self.env["res.partner"].with_user(self.rep_b).create({"name": "Jo Bloggs"})
        person.with_user(self.rep_b).write({"city": "Leeds"})
        self.assertFalse(person.user_id)
        # A contact person takes its company's rep (Odoo's own compute).
        contact = (
            self.env["res.partner"]
            .with_user(self.rep_b)
            .create({"name": "Tom", "parent_id": self.customer.id})
        )
        self.assertEqual(contact.user_id, self.rep_a)
        # A person without a Salesperson joins a company (Odoo's contact form).
        person.with_user(self.rep_b).write({"parent_id": partner.id})
        self.assertEqual(person.commercial_partner_id, partner)
        # Detaching a contact that keeps its company's Salesperson hands nothing over.
        contact.with_user(self.rep_a).write({"parent_id": False})

    def test_rep_cannot_create_a_customer_for_another_rep(self):
        with self.assertRaisesRegex(UserError, "Salesperson"):
            self.env["res.partner"].with_user(self.rep_b).create(
                {"name": "Someone Else's", "is_company": True, "user_id": self.rep_a.id}
            )

    def test_managers_reassign_and_history_records_it(self):
        cases = ((self.module_manager, self.rep_b), (self.sales_manager, self.rep_a))
        for manager, new_rep in cases:
            with self.subTest(manager=manager.login):
                self.customer.with_user(manager).write({"user_id": new_rep.id})
                self.assertEqual(self.customer.user_id, new_rep)
                last = self.customer.print_rep_history_ids.sorted("id")[-1]
                self.assertEqual((last.user_id, last.changed_by_id), (new_rep, manager))
                self.assertTrue(last.date_start)

    def test_reassign_wizard(self):
        customers = self.customer | self.customer2
        wizard = (
            self.env["print.partner.reassign.wizard"]
            .with_user(self.module_manager)
            .with_context(active_model="res.partner", active_ids=customers.ids)
            .create({"user_id": self.rep_b.id})
        )
        self.assertEqual(wizard.partner_ids, customers)
        wizard.action_reassign()
        self.assertEqual(customers.user_id, self.rep_b)
        self.assertEqual(self.customer2.print_rep_history_ids.changed_by_id, self.module_manager)
        # The wizard checks its caller too, whatever the client sends.
        for user in (self.rep_a, self.portal_user, self.internal_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                wizard.with_user(user).action_reassign()

    def test_rep_history_is_append_only(self):
        history = self.customer.print_rep_history_ids
        History = self.env["print.partner.rep.history"]
        for user in (self.module_manager, self.env.user):
            with self.subTest(user=user.login):
                with self.assertRaisesRegex(UserError, "audit trail"):
                    history.with_user(user).unlink()
                with self.assertRaisesRegex(UserError, "audit trail"):
                    history.with_user(user).write({"user_id": self.rep_b.id})
                with self.assertRaisesRegex(UserError, "audit trail"):
                    History.with_user(user).create(
                        {"partner_id": self.customer2.id, "user_id": self.rep_b.id}
                    )
        self.assertEqual(self.customer.print_rep_history_ids, history)
        self.assertEqual(history.user_id, self.rep_a)
