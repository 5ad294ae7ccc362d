# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import Form, new_test_user

from odoo.addons.print_crm_prepress.tests.common import PrintCrmProofCommon


class PrintCrmServiceTicketCommon(PrintCrmProofCommon):
    """The prepress shop (a confirmed order, its job, the customer's portal user) plus the
    service desk: a service user, a service manager, a plain helpdesk user, a press
    department with its leader, and complaint tickets; no demo data needed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.desk = new_test_user(
            cls.env,
            login="print_crm_service-desk",
            groups="print_crm_service.group_service_user",
            email="desk@print.example",
            name="Desk Dora",
        )
        cls.service_manager = new_test_user(
            cls.env,
            login="print_crm_service-boss",
            groups="print_crm_service.group_service_manager",
            email="boss@print.example",
            name="Boss Bo",
        )
        cls.leader = new_test_user(
            cls.env,
            login="print_crm_service-leader",
            groups="print_crm_service.group_service_user",
            email="leader@print.example",
            name="Leader Li",
        )
        cls.helpdesk_user = new_test_user(
            cls.env,
            login="print_crm_service-helpdesk",
            groups="helpdesk_mgmt.group_helpdesk_user",
            name="Helpdesk Hu",
        )
        cls.team_press = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "Pressroom (test)",
                "user_id": cls.leader.id,
                "user_ids": [(6, 0, (cls.leader | cls.desk).ids)],
                "print_response_hours": 16.0,
            }
        )
        cls.type_complaint = cls.env.ref("print_crm_service.ticket_type_complaint")
        cls.hotline = cls.env.ref("print_crm_service.ticket_channel_hotline")
        cls.cause_colour = cls.env.ref("print_crm_service.cause_press_colour")
        cls.customer_contact.email = "mei.lin@harbour.example"

    @classmethod
    def _ticket(cls, user=None, **values):
        """A complaint about the job, taken on the hotline by ``user`` (the desk)."""
        vals = {
            "name": "Colours too dark",
            "description": "<p>The blue of the brochure is much darker than expected.</p>",
            "type_id": cls.type_complaint.id,
            "channel_id": cls.hotline.id,
            "partner_id": cls.customer_contact.id,
            "print_partner_phone": "+852 5555 0101",
            "print_job_id": cls.job.id,
            "print_sale_order_id": cls.job.sale_order_id.id,
            "print_remedy_wanted": "reprint",
        }
        vals.update(values)
        return cls.env["helpdesk.ticket"].with_user(user or cls.desk).create(vals)

    def _wizard(self, ticket, action, user=None, **values):
        """Open the step's wizard as ``user`` from the ticket's button, fill it, confirm."""
        user = user or self.desk
        res = getattr(ticket.with_user(user), action)()
        form = Form(self.env[res["res_model"]].with_user(user).with_context(**res["context"]))
        for name, value in values.items():
            setattr(form, name, value)
        return form.save().action_confirm()

    def _route(self, ticket, user=None):
        return self._wizard(ticket, "action_print_route", user, team_id=self.team_press)

    def _investigate(self, ticket, user=None):
        ticket.with_user(user or self.leader).write(
            {
                "print_cause_id": self.cause_colour.id,
                "print_responsible_id": self.production_user.id,
                "print_resolution": "reprint",
                "print_resolution_note": "Reprint the 1000 brochures on the next run.",
            }
        )

    def _to_approved(self, ticket):
        ticket.with_user(self.desk).action_print_mark_valid()
        self._route(ticket)
        self._investigate(ticket)
        ticket.with_user(self.leader).action_print_propose()
        ticket.with_user(self.service_manager).action_print_approve()
