# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import PrintCrmEstimateCommon


@tagged("post_install", "-at_install")
class TestCustomerProfile(PrintCrmEstimateCommon):
    """The customer record: profile, owner history, contact log and timeline."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rep_a = cls.estimator
        cls.rep_b = new_test_user(
            cls.env,
            login="print_crm_quote-rep-b",
            groups="print_crm_quote.group_estimate_user",
        )
        cls.rep_c = new_test_user(
            cls.env,
            login="print_crm_quote-rep-c",
            groups="print_crm_quote.group_estimate_user",
        )
        cls.fair = cls.env["utm.campaign"].create({"name": "Print Expo 2026 (test)"})
        cls.customer.write(
            {
                "user_id": cls.rep_a.id,
                "print_customer_kind": "contract",
                "print_acquisition_channel": "event",
                "print_first_contact_date": "2026-03-14",
                "print_campaign_id": cls.fair.id,
            }
        )

    # ------------------------------------------------------------------ profile

    def test_profile_is_the_companys_for_all_its_contacts(self):
        self.assertEqual(self.customer_contact.print_customer_kind, "contract")
        self.assertEqual(self.customer_contact.print_acquisition_channel, "event")
        self.assertEqual(self.customer_contact.print_campaign_id, self.fair)
        self.customer.print_customer_kind = "regular"
        self.assertEqual(self.customer_contact.print_customer_kind, "regular")
        newcomer = self.env["res.partner"].create(
            {"name": "Jun Park", "parent_id": self.customer.id}
        )
        self.assertEqual(newcomer.print_first_contact_date, self.customer.print_first_contact_date)

    # ------------------------------------------------------------------ sales rep history

    def test_reassignment_is_kept_in_the_history(self):
        history = self.customer.print_rep_history_ids
        self.assertEqual(len(history), 1)
        self.assertEqual(history.user_id, self.rep_a)
        self.assertFalse(history.date_end)
        self.customer.with_user(self.module_manager).user_id = self.rep_b
        history = self.customer.print_rep_history_ids.sorted("id")
        self.assertEqual(history.user_id, self.rep_a | self.rep_b)
        self.assertTrue(history[0].date_end, "rep A's period is closed")
        self.assertFalse(history[1].date_end, "rep B's period is open")
        self.assertEqual(history[1].changed_by_id, self.module_manager)
        # Writing the same rep again changes nothing.
        self.customer.user_id = self.rep_b
        self.assertEqual(len(self.customer.print_rep_history_ids), 2)

    def test_new_owner_reaches_everything_the_old_one_made(self):
        estimate = self._make_estimate(user_id=self.rep_a.id)
        estimate.action_compute()
        order = estimate._accept_break(estimate.break_ids[0]).order_id
        log = (
            self.env["print.contact.log"]
            .with_user(self.rep_a)
            .create({"partner_id": self.customer.id, "summary": "Asked for samples"})
            .sudo()
        )
        self.assertEqual(order.user_id, self.rep_a)
        for record in (estimate, order, order.order_line, log):
            with self.assertRaises(AccessError, msg=record._name):
                record.with_user(self.rep_b).read(["display_name"])
        self.customer.user_id = self.rep_b
        for record in (estimate, order, order.order_line, log):
            self.assertTrue(record.with_user(self.rep_b).read(["display_name"]), record._name)
        # Another rep still sees none of it.
        for record in (estimate, order, log):
            with self.assertRaises(AccessError, msg=record._name):
                record.with_user(self.rep_c).read(["display_name"])

    # ------------------------------------------------------------------ contact log

    def _log(self, user=None, **values):
        partner = values.pop("partner", self.customer_contact)
        wizard = Form(
            self.env["print.contact.log.wizard"]
            .with_user(user or self.rep_a)
            .with_context(active_model="res.partner", active_id=partner.id)
        )
        for name, value in values.items():
            setattr(wizard, name, value)
        return wizard.save()

    def test_log_a_call_with_its_next_step(self):
        call = self.env.ref("mail.mail_activity_data_call")
        wizard = self._log(
            channel="hotline",
            outcome="callback",
            summary="Wants a price for 5000 catalogues",
            next_activity_type_id=call,
            next_date="2030-01-10",
        )
        self.assertEqual(wizard.partner_id, self.customer, "logged on the company")
        self.assertEqual(wizard.contact_id, self.customer_contact, "with the person who called")
        wizard.action_log()
        log = self.customer.print_contact_log_ids
        self.assertEqual(len(log), 1)
        self.assertEqual(
            (log.channel, log.outcome, log.user_id, log.contact_id, log.rep_id),
            ("hotline", "callback", self.rep_a, self.customer_contact, self.rep_a),
        )
        self.assertEqual(self.customer.print_contact_log_count, 1)
        self.assertEqual(self.customer_contact.print_contact_log_count, 1)
        activity = self.customer.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.activity_type_id, call)
        self.assertEqual(str(activity.date_deadline), "2030-01-10")
        self.assertEqual(activity.user_id, self.rep_a, "for the customer's sales rep")
        self.assertEqual(activity.summary, "Wants a price for 5000 catalogues")

    def test_call_back_requested_presets_the_call_and_confirms(self):
        """Choosing "Call back requested" schedules the call itself (tomorrow, for the
        customer's rep); logging says what was logged and scheduled."""
        wizard = self._log(outcome="callback", summary="Wants a price for 5000 catalogues")
        self.assertEqual(wizard.next_activity_type_id, self.env.ref("mail.mail_activity_data_call"))
        self.assertEqual(wizard.next_date, fields.Date.context_today(wizard) + timedelta(days=1))
        result = wizard.action_log()
        self.assertEqual(result["tag"], "display_notification")
        self.assertIn("Call", result["params"]["message"])
        self.assertEqual(result["params"]["next"], {"type": "ir.actions.act_window_close"})
        activity = self.customer.activity_ids
        self.assertEqual(activity.activity_type_id, self.env.ref("mail.mail_activity_data_call"))
        self.assertEqual(activity.user_id, self.rep_a)
        # A next step chosen by hand stays as chosen.
        todo = self.env.ref("mail.mail_activity_data_todo")
        wizard = self._log(next_activity_type_id=todo, next_date="2030-01-10", summary="x")
        wizard_form = Form(wizard)
        wizard_form.outcome = "callback"
        self.assertEqual(wizard_form.next_activity_type_id, todo)
        self.assertEqual(str(wizard_form.next_date), "2030-01-10")

    def test_a_call_centre_operator_logs_for_the_rep(self):
        operator = self.rep_c
        wizard = self._log(
            user=operator,
            summary="Asked where the order is",
            next_activity_type_id=self.env.ref("mail.mail_activity_data_todo"),
            next_date="2030-01-10",
        )
        wizard.action_log()
        log = self.customer.print_contact_log_ids
        self.assertEqual(log.user_id, operator)
        self.assertEqual(self.customer.activity_ids.user_id, self.rep_a)
        # The operator may read the contact it logged, not the others of that customer.
        self.assertTrue(log.with_user(operator).read(["summary"]))
        other = (
            self.env["print.contact.log"]
            .with_user(self.rep_a)
            .create({"partner_id": self.customer.id, "summary": "Visit"})
        )
        with self.assertRaises(AccessError):
            other.with_user(operator).read(["summary"])

    def test_bad_contact_logs_are_refused(self):
        # The form asks for the due date; a call through the API is refused all the same.
        wizard = self.env["print.contact.log.wizard"].create(
            {
                "partner_id": self.customer.id,
                "summary": "No date",
                "next_activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
            }
        )
        with self.assertRaisesText(UserError, "Next Step Due"):
            wizard.action_log()
        self.assertFalse(self.customer.print_contact_log_ids)
        with self.assertRaisesText(ValidationError, "does not belong to"):
            self.env["print.contact.log"].create(
                {
                    "partner_id": self.customer.id,
                    "contact_id": self.customer2.id,
                    "summary": "Wrong person",
                }
            )
        with self.assertRaisesText(ValidationError, "not on its contact"):
            self.env["print.contact.log"].create(
                {"partner_id": self.customer_contact.id, "summary": "On the person"}
            )

    def test_log_contact_is_offered_on_customer_lists(self):
        action = self.env.ref("print_crm_quote.print_contact_log_wizard_action")
        self.assertEqual(action.binding_model_id.model, "res.partner")
        self.assertIn(self.env.ref("print_crm_quote.group_estimate_user"), action.groups_id)
        form_action = self.customer_contact.action_print_log_contact()
        self.assertEqual(form_action["res_model"], "print.contact.log.wizard")
        self.assertEqual(form_action["context"]["default_partner_id"], self.customer_contact.id)

    # ------------------------------------------------------------------ timeline

    def test_timeline_lists_contacts_estimates_and_orders(self):
        estimate = self._make_estimate(title="Timeline flyer")
        estimate.action_compute()
        order = estimate._accept_break(estimate.break_ids[0]).order_id
        self.env["print.contact.log"].create(
            {
                "partner_id": self.customer.id,
                "summary": "Called back",
                "date": "2035-01-01 09:00:00",
                "outcome": "no_answer",
            }
        )
        timeline = self.customer.print_timeline_ids
        self.assertEqual(set(timeline.mapped("kind")), {"contact", "estimate", "order"})
        self.assertEqual(timeline[0].kind, "contact", "newest first")
        self.assertEqual(timeline[0].status_label, "No answer")
        line = timeline.filtered(lambda t: t.kind == "estimate")
        self.assertEqual((line.reference, line.summary), (estimate.name, "Timeline flyer"))
        self.assertEqual(line.status_label, "Accepted")
        order_line = timeline.filtered(lambda t: t.kind == "order")
        self.assertEqual(order_line.amount, order.amount_total)
        self.assertEqual(order_line.status_label, "Quotation")
        action = order_line.action_open_document()
        self.assertEqual((action["res_model"], action["res_id"]), ("sale.order", order.id))
        # The customer's contact person shows nothing of its own: it is the company's.
        self.assertFalse(self.customer_contact.print_timeline_ids)

    def test_timeline_follows_the_record_rules(self):
        mine = self._make_estimate(title="Mine", user_id=self.rep_a.id)
        other = self._make_estimate(
            title="Other's", user_id=self.rep_b.id, partner_id=self.customer2.id
        )
        Timeline = self.env["print.customer.timeline"]
        visible = Timeline.with_user(self.rep_a).search([("kind", "=", "estimate")])
        self.assertIn(mine.id, visible.mapped("res_id"))
        self.assertNotIn(other.id, visible.mapped("res_id"))
        self.assertFalse(
            Timeline.with_user(self.rep_a).search([("partner_id", "=", self.customer2.id)])
        )
        # Without the Printing group, no timeline at all.
        with self.assertRaises(AccessError):
            Timeline.with_user(self.internal_user).search([])
        # Nor can anyone write to it.
        with self.assertRaises(AccessError):
            Timeline.with_user(self.module_manager).search([], limit=1).write({"summary": "x"})

    def test_commercial_partner_only_gets_rep_history(self):
        self.customer_contact.user_id = self.rep_c
        self.assertFalse(self.customer_contact.print_rep_history_ids)
        company = self.env["res.partner"].create(
            {"name": "Fresh Co", "is_company": True, "user_id": self.rep_c.id}
        )
        self.assertEqual(company.print_rep_history_ids.user_id, self.rep_c)
        self.assertEqual(
            company.print_rep_history_ids.changed_by_id, self.env.user, "who assigned it"
        )

    # ------------------------------------------------------------------ duplicates

    def test_duplicates_by_email_and_by_the_same_phone_number(self):
        Partner = self.env["res.partner"]
        mobile = Partner.create({"name": "Li Wei", "mobile": "138-0013 8000"})
        london = Partner.create({"name": "Ann Shaw", "phone": "020 5550 1942"})
        find = Partner._print_find_duplicates
        self.assertEqual(find(phone="+86 138 0013 8000"), mobile, "with a country code")
        self.assertEqual(find(phone="13800138000"), mobile)
        self.assertEqual(find(phone="+44 20 5550 1942"), london, "national 0 against +44")
        self.assertFalse(find(phone="158 0013 8000"), "same last digits, another number")
        self.assertFalse(find(phone="8000"), "too short to compare")
        self.assertEqual(find(email=" Office@Harbour.Example "), self.customer)
        self.assertEqual(
            find(email="office@harbour.example", phone="13800138000"), self.customer | mobile
        )
