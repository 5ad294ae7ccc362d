# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged

from .common import PrintCrmEstimateCommon


@tagged("post_install", "-at_install")
class TestPrintEstimateAccess(PrintCrmEstimateCommon):
    """Who sees which estimate: estimators, managers, portal customers, other companies."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estimator_b = new_test_user(
            cls.env, login="print_crm_quote-user-b", groups="print_crm_quote.group_estimate_user"
        )
        cls.portal_a = new_test_user(
            cls.env,
            login="print_crm_quote-portal-a",
            groups="base.group_portal",
            partner_id=cls.customer_contact.id,
        )
        cls.customer2_contact = cls.env["res.partner"].create(
            {"name": "Ola Berg", "parent_id": cls.customer2.id, "email": "ola@northwind.example"}
        )
        cls.portal_b = new_test_user(
            cls.env,
            login="print_crm_quote-portal-b",
            groups="base.group_portal",
            partner_id=cls.customer2_contact.id,
        )
        cls.est_a_sent = cls._make_estimate(title="A sent")
        cls.est_a_sent.action_mark_sent()
        cls.est_a_draft = cls._make_estimate(title="A draft", partner_id=cls.customer.id)
        cls.est_b_sent = cls._make_estimate(
            title="B sent", user_id=cls.estimator_b.id, partner_id=cls.customer2_contact.id
        )
        cls.est_b_sent.action_mark_sent()
        cls.est_unassigned = cls._make_estimate(
            title="Unassigned", user_id=False, partner_id=cls.customer2.id
        )
        cls.all_estimates = cls.est_a_sent | cls.est_a_draft | cls.est_b_sent | cls.est_unassigned

    def _visible(self, user, model="print.estimate", records=None):
        records = self.all_estimates if records is None else records
        return self.env[model].with_user(user).search([("id", "in", records.ids)])

    def test_estimator_sees_own_and_unassigned(self):
        visible = self._visible(self.estimator)
        self.assertEqual(visible, self.est_a_sent | self.est_a_draft | self.est_unassigned)
        est_b = self.est_b_sent.with_user(self.estimator)
        with self.assertRaises(AccessError):
            est_b.read(["title"])
        with self.assertRaises(AccessError):
            est_b.write({"client_reference": "mine now"})
        with self.assertRaises(AccessError):
            self.est_b_sent.break_ids.with_user(self.estimator).read(["price"])
        self.assertEqual(self._visible(self.estimator_b), self.est_b_sent | self.est_unassigned)

    def test_estimator_cannot_delete(self):
        with self.assertRaises(AccessError):
            self.est_a_draft.with_user(self.estimator).unlink()

    def test_manager_sees_all(self):
        self.assertEqual(self._visible(self.module_manager), self.all_estimates)
        breaks = self.all_estimates.break_ids
        self.assertEqual(self._visible(self.module_manager, "print.estimate.break", breaks), breaks)
        self.est_b_sent.with_user(self.module_manager).action_mark_lost()
        self.assertEqual(self.est_b_sent.state, "lost")

    def test_master_data_read_only_for_estimators(self):
        press = self.press_sra3.with_user(self.estimator)
        self.assertEqual(press.name, "Offset SRA3 4-colour")
        with self.assertRaises(AccessError):
            press.write({"hourly_rate": 1.0})
        with self.assertRaises(AccessError):
            self.policy.with_user(self.estimator).write({"markup_pct": 0.0})
        self.press_sra3.with_user(self.module_manager).write({"hourly_rate": 65.0})
        self.assertEqual(self.press_sra3.hourly_rate, 65.0)

    def test_portal_customer_sees_own_sent_estimates(self):
        self.assertEqual(self._visible(self.portal_a), self.est_a_sent)
        self.assertEqual(self._visible(self.portal_b), self.est_b_sent)
        estimate = self.est_a_sent.with_user(self.portal_a)
        self.assertEqual(estimate.title, "A sent")
        self.assertEqual(estimate.break_ids.mapped("quantity"), [500, 1000, 2500])
        for other in (self.est_a_draft, self.est_b_sent):
            with self.assertRaises(AccessError):
                other.with_user(self.portal_a).read(["title"])
        with self.assertRaises(AccessError):
            estimate.write({"client_reference": "changed"})
        # A draft becomes visible once it is sent, and a revised one is hidden again.
        self.est_a_draft.action_mark_sent()
        self.assertEqual(self._visible(self.portal_a), self.est_a_sent | self.est_a_draft)
        self.est_a_draft.action_new_revision()
        self.assertEqual(self._visible(self.portal_a), self.est_a_sent)

    def test_portal_customer_sees_no_draft_quantities(self):
        """The prices of a draft estimate are not the customer's to see yet."""
        breaks = self.all_estimates.break_ids
        parts = self.all_estimates.part_ids
        self.assertEqual(
            self._visible(self.portal_a, "print.estimate.break", breaks),
            self.est_a_sent.break_ids,
        )
        self.assertEqual(
            self._visible(self.portal_a, "print.estimate.part", parts), self.est_a_sent.part_ids
        )

    def test_portal_customer_cannot_read_costs(self):
        """Cost, margin and the cost breakdown are the shop's, not the customer's."""
        break_ = self.est_a_sent.break_ids[0].with_user(self.portal_a)
        self.assertGreater(break_.price, 0.0)
        for name in ("cost", "margin", "margin_pct", "breakdown"):
            with self.assertRaises(AccessError, msg=name):
                break_.read([name])

    def test_portal_customer_cannot_read_order_costs(self):
        """The quotation the customer sees online carries no estimated cost or margin."""
        estimate = self._make_estimate(title="A accepted")
        line = estimate._accept_break(estimate.break_ids[0])
        order = line.order_id
        order.message_subscribe(partner_ids=self.customer_contact.ids)
        self.assertEqual(order.with_user(self.portal_a).amount_untaxed, line.price_subtotal)
        for record, names in (
            (line, ("print_unit_cost", "print_cost", "print_margin")),
            (order, ("print_cost", "print_margin", "print_approval_reason")),
        ):
            for name in names:
                with self.assertRaises(AccessError, msg=f"{record._name}.{name}"):
                    record.with_user(self.portal_a).read([name])

    def test_multi_company(self):
        company2 = self.env["res.company"].create({"name": "South Print Co (test)"})
        manager2 = new_test_user(
            self.env,
            login="print_crm_quote-manager-2",
            groups="print_crm_quote.group_estimate_manager",
            company_id=self.company.id,
            company_ids=[Command.set([self.company.id, company2.id])],
        )
        big_press = self.env["print.press"].create(
            {
                "name": "Offset 8-up (south)",
                "code": "OFF-8UP",
                "company_id": company2.id,
                "max_sheet_width": 1020.0,
                "max_sheet_length": 1420.0,
                "hourly_rate": 200.0,
            }
        )
        estimate2 = (
            self.env["print.estimate"]
            .with_company(company2)
            .create(
                {
                    "company_id": company2.id,
                    "partner_id": self.customer2.id,
                    "user_id": False,
                    "title": "South job",
                    "finished_width": 210.0,
                    "finished_height": 297.0,
                }
            )
        )
        self.assertNotIn(estimate2, self._visible(self.estimator, records=estimate2))
        self.assertNotIn(big_press, self.env["print.press"].with_user(self.estimator).search([]))
        Estimate = self.env["print.estimate"].with_user(manager2)
        only_1 = Estimate.with_context(allowed_company_ids=[self.company.id])
        both = Estimate.with_context(allowed_company_ids=[self.company.id, company2.id])
        self.assertFalse(only_1.search([("id", "=", estimate2.id)]))
        with self.assertRaises(AccessError):
            only_1.browse(estimate2.id).read(["title"])
        self.assertEqual(both.search([("id", "=", estimate2.id)]), estimate2)
        # Company 1 estimates do not use company 2's presses: a poster still fits no press.
        poster = self._make_estimate(finished_width=700.0, finished_height=1000.0)
        with self.assertRaisesText(UserError, "larger than the printable"):
            poster.action_compute()
