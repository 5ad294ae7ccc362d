# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, HttpCase, new_test_user, tagged

from .common_workflow import PrintCrmServiceTicketCommon


class CallDeskCommon(PrintCrmServiceTicketCommon):
    """Harbour Books on the phone: its contact Mei Lin calls from her mobile about its job,
    which has a proof awaiting her approval, an open ticket, an order with the customer's
    PO reference and an overdue invoice."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer.phone = "+852 2555 0100"
        cls.customer_contact.mobile = "+852 5555 0101"
        cls.order = cls.job.sale_order_id
        cls.order.client_order_ref = "HB-PO-4711"
        cls.proof = cls._proof()
        cls.ticket = cls._ticket()
        cls.invoice = cls._invoice(cls.customer, 480.0, fields.Date.today() - timedelta(days=60))
        cls.hotline = cls.env.ref("print_crm_service.ticket_channel_hotline")
        # A second company's ticket about the same customer: its staff only see it.
        cls.company_b = cls.env["res.company"].create({"name": "Print Shop B (test)"})
        cls.ticket_b = (
            cls.env["helpdesk.ticket"]
            .with_company(cls.company_b)
            .create(
                {
                    "name": "Branch B: delivery late",
                    "description": "<p>Late.</p>",
                    "partner_id": cls.customer_contact.id,
                    "company_id": cls.company_b.id,
                }
            )
        )

    @classmethod
    def _invoice(cls, partner, amount, invoice_date):
        move = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "invoice_date": invoice_date,
                "invoice_date_due": invoice_date + timedelta(days=30),
                "invoice_user_id": cls.estimator.id,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Print job",
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        move.action_post()
        return move

    def _desk(self, query, user=None):
        """The call desk as ``user`` (the service desk) sees it after typing ``query``."""
        form = Form(self.env["print.call.desk"].with_user(user or self.desk))
        form.query = query
        return form


@tagged("post_install", "-at_install")
class TestCallDesk(CallDeskCommon):
    def test_phone_fragment_shows_the_callers_record(self):
        # Typed as the desk hears it, without the country code.
        desk = self._desk("5555 0101")
        self.assertEqual(desk.partner_id, self.customer_contact)
        self.assertEqual(desk.customer_id, self.customer)
        self.assertEqual(desk.contact_id, self.customer_contact)
        self.assertEqual(desk.phone, "+852 5555 0101")
        self.assertEqual(list(desk.job_ids), list(self.job))
        self.assertTrue(self.job.stage_id)
        self.assertEqual(list(desk.proof_ids), list(self.proof))
        self.assertIn(self.ticket, list(desk.ticket_ids))
        self.assertIn(self.customer_contact, list(desk.contact_ids))
        # The company's number finds the company, its people listed as its contacts.
        desk = self._desk("25550100")
        self.assertEqual(desk.partner_id, self.customer)
        self.assertFalse(desk.contact_id)
        self.assertEqual(desk.phone, "+852 2555 0100")

    def test_job_number_finds_the_customer_and_the_job(self):
        Partner = self.env["res.partner"].with_user(self.desk)
        self.assertEqual(Partner._print_lookup(self.job.name)[:1], self.customer)
        desk = self._desk(self.job.name)
        self.assertEqual(desk.customer_id, self.customer)
        self.assertEqual(desk.job_id, self.job, "the job the caller named is the ticket's")
        # The number's last digits, as a caller reads them out.
        self.assertIn(self.customer, Partner._print_lookup(self.job.name.split("/")[-1]))

    def test_po_reference_finds_the_customer(self):
        Partner = self.env["res.partner"].with_user(self.estimator)
        self.assertEqual(Partner._print_lookup("HB-PO-4711")[:1], self.customer)
        self.assertEqual(Partner._print_lookup("PO-4711")[:1], self.customer)
        desk = self._desk("hb-po-4711", user=self.estimator)
        self.assertEqual(desk.customer_id, self.customer)
        # A service user, who reads no orders, does not find customers through them.
        self.assertFalse(self.env["res.partner"].with_user(self.desk)._print_lookup("HB-PO-4711"))

    def test_lookup_indexes_serve_references(self):
        self.env.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename IN ('print_job', 'sale_order')"
            " AND indexdef LIKE '%gin_trgm_ops%'"
        )
        definitions = " ".join(row[0] for row in self.env.cr.fetchall())
        self.assertIn("print_job USING gin (name gin_trgm_ops)", definitions)
        self.assertIn("sale_order USING gin (client_order_ref gin_trgm_ops)", definitions)
        self.env.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE tablename = 'helpdesk_ticket'"
            " AND indexdef LIKE '%(commercial_partner_id)%'"
        )
        self.assertTrue(self.env.cr.fetchall(), "the desk's open tickets of a customer")

    def test_sales_user_sees_orders_payments_and_value(self):
        desk = self._desk("Harbour Books", user=self.estimator)
        self.assertEqual(desk.customer_id, self.customer)
        self.assertIn(self.order, list(desk.order_ids))
        self.assertEqual(list(desk.invoice_ids), list(self.invoice))
        self.assertEqual(desk.amount_due, 480.0)
        self.assertEqual(desk.amount_overdue, 480.0)
        # The service desk reads neither orders nor invoices: the desk shows none.
        record = self.env["print.call.desk"].with_user(self.desk).create({"query": "Harbour"})
        self.assertEqual(record.customer_id, self.customer)
        self.assertFalse(record.order_ids)
        self.assertFalse(record.invoice_ids)
        self.assertFalse(record.amount_due)
        arch = self.env["print.call.desk"].with_user(self.desk).get_views([(False, "form")])
        arch = arch["views"]["form"]["arch"]
        self.assertNotIn('name="order_ids"', arch)
        self.assertNotIn('name="print_segment"', arch)

    def test_log_call_prefilled(self):
        desk = self._desk("5555 0101").save()
        action = desk.action_log_call()
        self.assertEqual(action["res_model"], "print.contact.log.wizard")
        Wizard = self.env[action["res_model"]].with_user(self.desk)
        wizard = Form(Wizard.with_context(**action["context"]))
        self.assertEqual(wizard.partner_id, self.customer)
        self.assertEqual(wizard.contact_id, self.customer_contact)
        self.assertEqual(wizard.channel, "phone")
        self.assertEqual(wizard.direction, "inbound")
        wizard.summary = "Asked when the brochures are delivered"
        wizard.save().action_log()
        log = self.env["print.contact.log"].search([("partner_id", "=", self.customer.id)])
        self.assertEqual(len(log), 1)
        self.assertEqual(log.contact_id, self.customer_contact)
        self.assertEqual(log.user_id, self.desk)

    def test_new_ticket_prefilled(self):
        form = self._desk("5555 0101")
        form.job_id = self.job
        action = form.save().action_new_ticket()
        ticket_form = Form(
            self.env["helpdesk.ticket"].with_user(self.desk).with_context(**action["context"])
        )
        self.assertEqual(ticket_form.partner_id, self.customer_contact)
        self.assertEqual(ticket_form.print_partner_phone, "+852 5555 0101")
        self.assertEqual(ticket_form.channel_id, self.hotline)
        self.assertEqual(ticket_form.print_job_id, self.job)
        self.assertEqual(ticket_form.print_sale_order_id, self.order)
        ticket_form.name = "Where are my brochures?"
        ticket_form.description = "<p>Asks when the brochures arrive.</p>"
        ticket = ticket_form.save()
        self.assertEqual(ticket.commercial_partner_id, self.customer)

    def test_no_caller_found(self):
        desk = self.env["print.call.desk"].with_user(self.desk).create({"query": "zzqx 0"})
        self.assertFalse(desk.customer_id)
        for action in ("action_new_ticket", "action_log_call"):
            with self.assertRaisesText(UserError, "Caller: type a fragment"):
                getattr(desk, action)()

    def test_users_without_the_desk_groups_refused(self):
        desk = self._desk("5555 0101").save()
        portal = new_test_user(self.env, login="call-desk-portal", groups="base.group_portal")
        for user in (self.internal_user, self.helpdesk_user, portal):
            with self.assertRaises(AccessError):
                self.env["print.call.desk"].with_user(user).create({"query": "5555 0101"})
            for action in ("action_log_call", "action_new_ticket"):
                with self.assertRaises(AccessError):
                    getattr(desk.with_user(user), action)()
        # Sales users log calls; tickets are the service desk's.
        with self.assertRaises(AccessError):
            desk.with_user(self.estimator).action_new_ticket()
        # One user's desk is not another's.
        with self.assertRaises(AccessError):
            desk.with_user(self.leader).read(["query"])

    def test_other_companys_records_not_shown(self):
        desk = self._desk("5555 0101")
        self.assertNotIn(self.ticket_b, list(desk.ticket_ids))
        self.desk.company_ids |= self.company_b
        desk = self.env["print.call.desk"].with_user(self.desk)
        desk = desk.with_context(allowed_company_ids=[self.company_b.id, self.company.id])
        record = desk.create({"query": "5555 0101"})
        self.assertIn(self.ticket_b, record.ticket_ids)


@tagged("post_install", "-at_install")
class TestCallDeskTour(CallDeskCommon, HttpCase):
    def test_call_desk_tour(self):
        self.start_tour(
            "/odoo/action-print_crm_service.print_call_desk_action",
            "print_crm_call_desk",
            login=self.desk.login,
        )
        ticket = self.env["helpdesk.ticket"].search([("name", "=", "Brochures not arrived")])
        self.assertEqual(len(ticket), 1)
        self.assertEqual(ticket.partner_id, self.customer_contact)
        self.assertEqual(ticket.print_partner_phone, "+852 5555 0101")
        self.assertEqual(ticket.channel_id, self.hotline)
        self.assertEqual(ticket.print_job_id, self.job)
        self.assertEqual(ticket.create_uid, self.desk)
