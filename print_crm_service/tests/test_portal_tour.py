# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user, tagged

from .test_delivery import PrintServicePortalCommon


@tagged("post_install", "-at_install")
class TestPrintServiceTour(PrintServicePortalCommon):
    """In a browser: on a phone the customer complains from a job's page with a photo; in
    the back office the desk routes it, the department proposes, a service manager
    approves, the department resolves; on the phone the customer confirms being satisfied."""

    browser_size = "390x844"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The pressroom's service user: investigates, proposes and resolves its tickets.
        cls.press_user = new_test_user(
            cls.env,
            login="service-press",
            groups="print_crm_service.group_service_user",
            name="Press Pat",
        )
        cls.press_team.user_ids = cls.press_user

    def _back_office_tour(self, tour, login):
        """Run ``tour`` in the back office (a desktop screen) as ``login``."""
        self.browser_size = "1366x768"
        try:
            self.start_tour("/odoo", tour, login=login)
        finally:
            self.browser_size = type(self).browser_size
        self.env.invalidate_all()

    def _log(self, ticket):
        """The ticket's step log as (step, who) pairs, oldest first."""
        return [(line.step, line.user_id) for line in ticket.sudo().print_step_ids]

    def test_complaint_to_satisfaction(self):
        self.start_tour("/my/print_jobs", "print_crm_service_complaint_tour", login="service-mei")
        ticket = self.env["helpdesk.ticket"].search([("print_job_id", "=", self.job.id)])
        self.assertEqual(ticket.name, "Colours too dark")
        self.assertEqual(ticket.attachment_ids.mapped("name"), ["page4.png"])
        self.assertEqual(ticket.print_remedy_wanted, "reprint")
        self.assertEqual(ticket.print_step, "new")
        # The job has no approved proof: the department need not say whose fault it is.
        self.assertFalse(ticket.sudo().print_approved_proof_id)

        # The service desk finds it on the Service Desk, marks it valid, routes it.
        self._back_office_tour("print_crm_service_desk_route_tour", "service-desk")
        self.assertEqual(ticket.print_step, "routed")
        self.assertEqual(ticket.team_id, self.press_team)
        self.assertEqual(ticket.print_validity_by_id, self.desk_user)
        self.assertTrue(ticket.print_validity_date)
        self.assertTrue(ticket.print_deadline, "the deadline from the pressroom's calendar")
        self.assertEqual(
            self._log(ticket),
            [("new", self.portal_user), ("valid", self.desk_user), ("routed", self.desk_user)],
        )

        # The pressroom finds the cause and the responsible person and proposes.
        self._back_office_tour("print_crm_service_desk_propose_tour", "service-press")
        self.assertEqual(ticket.print_step, "proposed")
        self.assertEqual(
            ticket.print_cause_id, self.env.ref("print_crm_service.cause_press_colour")
        )
        self.assertEqual(ticket.print_responsible_id, self.production_user)
        self.assertEqual(ticket.print_resolution, "apology")
        self.assertEqual(ticket.print_resolution_note, "Press calibrated; apology sent.")
        self.assertEqual(ticket.print_proposed_by_id, self.press_user)
        self.assertTrue(ticket.print_proposed_date)
        approval = ticket.activity_ids.filtered(
            lambda a: a.activity_type_id
            == self.env.ref("print_crm_service.mail_activity_print_approve")
        )
        self.assertTrue(approval, "a service manager is asked to approve")

        # A service manager approves; the customer is told what will be done.
        self._back_office_tour("print_crm_service_desk_approve_tour", "service-manager")
        self.assertEqual(ticket.print_step, "approved")
        self.assertEqual(ticket.print_approved_by_id, self.service_manager)
        self.assertTrue(ticket.print_approved_date)
        self.assertFalse(approval.exists(), "the approval activity is done")
        told = ticket.message_ids.filtered(
            lambda m: self.customer_contact in m.partner_ids and m.message_type == "comment"
        )
        self.assertTrue(told, "the customer is e-mailed the approved resolution")

        # The pressroom has done it: resolved.
        self._back_office_tour("print_crm_service_desk_resolve_tour", "service-press")
        self.assertEqual(ticket.print_step, "resolved")
        self.assertEqual(ticket.print_resolved_by_id, self.press_user)
        self.assertTrue(ticket.print_resolved_date)
        self.assertEqual(
            [step for step, __ in self._log(ticket)],
            ["new", "valid", "routed", "proposed", "approved", "resolved"],
        )
        self.assertEqual(
            [user for __, user in self._log(ticket)][3:],
            [self.press_user, self.service_manager, self.press_user],
        )

        # On the phone again, the customer confirms being satisfied.
        self.start_tour("/my/tickets", "print_crm_service_satisfied_tour", login="service-mei")
        self.assertEqual(ticket.print_step, "satisfied")
        self.assertEqual(ticket.print_satisfied_by_id, self.portal_user)

    def test_delivery_choice_and_rating_on_a_phone(self):
        self._move_to_role(self.job, "ready")
        delivered = self._order(title="Harbour price list").print_job_ids
        delivered.partner_id = self.customer_contact
        self._move_to_role(delivered, "delivered")
        self.start_tour(
            "/my/print_jobs", "print_crm_service_delivery_phone_tour", login="service-mei"
        )
        self.assertEqual(self.job.sudo().print_delivery_method, "delivery")
        self.assertEqual(self.job.sudo().print_delivery_address_id, self.warehouse)
        self.assertEqual(delivered.sudo().print_feedback_rating, "5")
