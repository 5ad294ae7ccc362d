# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .test_delivery import PrintServicePortalCommon


@tagged("post_install", "-at_install")
class TestPrintServiceTour(PrintServicePortalCommon):
    """In a browser on a phone: the customer complains from a job's page with a photo, the
    desk routes it, the department resolves it, the customer confirms being satisfied."""

    browser_size = "390x844"

    def test_complaint_to_satisfaction(self):
        self.start_tour("/my/print_jobs", "print_crm_service_complaint_tour", login="service-mei")
        ticket = self.env["helpdesk.ticket"].search([("print_job_id", "=", self.job.id)])
        self.assertEqual(ticket.name, "Colours too dark")
        self.assertEqual(ticket.attachment_ids.mapped("name"), ["page4.png"])
        self.assertEqual(ticket.print_remedy_wanted, "reprint")
        # The desk accepts and routes it; the department finds the cause and proposes; the
        # service manager approves; the department resolves.
        desk = ticket.with_user(self.desk_user)
        desk.action_print_mark_valid()
        desk.action_print_route()
        desk._print_route(self.press_team)
        desk.write(
            {
                "print_cause_id": self.env.ref("print_crm_service.cause_press_colour").id,
                "print_responsible_id": self.desk_user.id,
                "print_resolution": "apology",
                "print_resolution_note": "Press calibrated; apology sent.",
            }
        )
        if ticket.sudo().print_approved_proof_id:
            desk.action_print_record_fault("shop")
        desk.action_print_propose()
        ticket.with_user(self.service_manager).action_print_approve()
        desk.action_print_resolve()
        self.assertEqual(ticket.print_step, "resolved")
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
