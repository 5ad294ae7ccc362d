# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from freezegun import freeze_time
from lxml import etree

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .common_workflow import PrintCrmServiceTicketCommon

MONDAY = datetime(2026, 11, 30, 9, 0)


@tagged("post_install", "-at_install")
class TestServiceWorkflow(PrintCrmServiceTicketCommon):
    """A complaint from the hotline to the archive, step by step."""

    def _steps(self, ticket):
        return ticket.print_step_ids.sorted("id").mapped("step")

    def test_full_workflow_from_hotline_to_archive(self):
        ticket = self._ticket()
        self.assertEqual(ticket.print_kind, "complaint")
        self.assertEqual(ticket.print_step, "new")
        self.assertEqual(ticket.stage_id, self.env.ref("print_crm_service.ticket_stage_new"))
        self.assertEqual(ticket.channel_id, self.hotline)

        ticket.with_user(self.desk).action_print_mark_valid()
        self.assertEqual(ticket.print_validity_by_id, self.desk)
        self._route(ticket)
        self.assertEqual(ticket.team_id, self.team_press)
        self.assertEqual(ticket.print_step, "routed")
        self.assertTrue(ticket.print_deadline)

        self._investigate(ticket)
        ticket.with_user(self.leader).action_print_propose()
        self.assertEqual(ticket.print_proposed_by_id, self.leader)
        # A service manager is asked to approve: the team's leader is only a service user.
        approve = self.env.ref("print_crm_service.mail_activity_print_approve")
        asked = ticket.activity_ids.filtered(lambda a: a.activity_type_id == approve)
        self.assertEqual(len(asked), 1)
        self.assertTrue(asked.user_id.has_group("print_crm_service.group_service_manager"))
        ticket.with_user(self.service_manager).action_print_approve()
        self.assertFalse(ticket.activity_ids.filtered(lambda a: a.activity_type_id == approve))
        self.assertEqual(ticket.print_approved_by_id, self.service_manager)
        notice = ticket.message_ids.filtered(lambda m: "we will reprint your job" in (m.body or ""))
        self.assertTrue(notice, "the customer is told what will be done")
        self.assertIn(self.customer_contact, notice.partner_ids)

        self._wizard(
            ticket,
            "action_print_commit",
            commitment="Reprint on Thursday's run",
            date=fields.Date.today() + timedelta(days=3),
        )
        self.assertEqual(ticket.print_step, "committed")
        self.assertEqual(ticket.print_commitment, "Reprint on Thursday's run")
        ticket.with_user(self.desk).action_print_resolve()
        self.assertEqual(ticket.print_resolved_by_id, self.desk)
        ticket.with_user(self.desk).action_print_confirm_satisfied()
        self.assertEqual(ticket.print_satisfied_by_id, self.desk)
        self.assertTrue(ticket.closed)
        ticket.with_user(self.desk).action_print_archive()
        self.assertEqual(ticket.stage_id, self.env.ref("print_crm_service.ticket_stage_archived"))

        self.assertEqual(
            self._steps(ticket),
            [
                "new",
                "valid",
                "routed",
                "proposed",
                "approved",
                "committed",
                "resolved",
                "satisfied",
                "archived",
            ],
        )
        log = ticket.print_step_ids.sorted("id")
        self.assertEqual(
            log.mapped("user_id"),
            self.desk | self.leader | self.service_manager,
            "every step says who took it",
        )
        self.assertEqual(log.filtered(lambda s: s.step == "approved").user_id, self.service_manager)
        self.assertTrue(all(log.mapped("date")))

    def test_invalid_complaint_is_answered_with_the_reason(self):
        ticket = self._ticket()
        self._wizard(
            ticket,
            "action_print_mark_invalid",
            reason="The colours match the proof you approved on 2 December.",
        )
        self.assertEqual(ticket.print_step, "invalid")
        self.assertTrue(ticket.closed)
        self.assertEqual(ticket.print_validity_by_id, self.desk)
        answer = ticket.message_ids.filtered(
            lambda m: "match the proof you approved" in (m.body or "")
        )
        self.assertTrue(answer, "the answer with the reason is sent")
        self.assertIn(self.customer_contact, answer.partner_ids)
        self.assertIn("could not", answer.body)
        with self.assertRaisesText(UserError, "Mark Valid"):
            ticket.with_user(self.desk).action_print_mark_valid()
        ticket.with_user(self.desk).action_print_archive()
        self.assertEqual(self._steps(ticket), ["new", "invalid", "archived"])

    def test_invalid_answer_reaches_a_complainant_known_by_address_only(self):
        ticket = self._ticket(
            partner_id=False, partner_name="Ann Lee", partner_email="ann@lee.example"
        )
        self._wizard(ticket, "action_print_mark_invalid", reason="Not our print job.")
        mail = (
            self.env["mail.mail"]
            .sudo()
            .search([("model", "=", "helpdesk.ticket"), ("res_id", "=", ticket.id)])
        )
        self.assertEqual(mail.email_to, "ann@lee.example")
        self.assertIn("Not our print job.", str(mail.body_html))
        self.assertIn("Dear Ann Lee", str(mail.body_html))
        # Without any address the desk is told to call.
        silent = self._ticket(partner_id=False, partner_email=False)
        self._wizard(silent, "action_print_mark_invalid", reason="Not our job.")
        self.assertIn("tell them by phone", silent.message_ids[0].body)

    def test_invalid_needs_a_reason(self):
        ticket = self._ticket()
        with self.assertRaisesText(UserError, "Reason"):
            ticket.with_user(self.desk)._print_mark_invalid("  ")
        self.assertEqual(ticket.print_step, "new")

    def test_route_deadline_follows_the_team_calendar(self):
        ticket = self._ticket()
        ticket.with_user(self.desk).action_print_mark_valid()
        friday = datetime(2026, 12, 4, 14, 0)
        with freeze_time(friday):
            self._route(ticket)
        calendar = self.team_press.resource_calendar_id
        self.assertTrue(calendar)
        self.assertEqual(ticket.print_deadline, calendar.plan_hours(16.0, friday, True))
        # 16 working hours from Friday afternoon: after the weekend.
        self.assertGreater(ticket.print_deadline, friday + timedelta(days=2))

    def test_missed_deadline_is_escalated_once(self):
        with freeze_time(MONDAY):
            ticket = self._ticket()
            ticket.with_user(self.desk).action_print_mark_valid()
            self._route(ticket)
            deadline = ticket.print_deadline
            Ticket = self.env["helpdesk.ticket"]
            self.assertFalse(Ticket.search([("print_overdue", "=", True), ("id", "=", ticket.id)]))
            self.assertEqual(Ticket._cron_print_escalate(), 0)
        with freeze_time(deadline + timedelta(hours=1)):
            ticket.invalidate_recordset(["print_overdue"])
            self.assertTrue(ticket.print_overdue)
            self.assertEqual(
                Ticket.search([("print_overdue", "=", True), ("id", "=", ticket.id)]), ticket
            )
            Ticket._cron_print_escalate()
            escalation = ticket.activity_ids.filtered(lambda a: "Overdue" in (a.summary or ""))
            self.assertEqual(escalation.user_id, self.leader)
            self.assertTrue(ticket.print_escalated_date)
            Ticket._cron_print_escalate()  # the next day's run: nothing new
            self.assertEqual(
                len(ticket.activity_ids.filtered(lambda a: "Overdue" in (a.summary or ""))), 1
            )
        # Without a team leader the service manager gets it.
        self.team_press.user_id = False
        other = self._ticket(name="Late delivery")
        other.with_user(self.desk).action_print_mark_valid()
        self._route(other)
        with freeze_time(other.print_deadline + timedelta(hours=1)):
            self.env["helpdesk.ticket"]._cron_print_escalate()
        managers = other.activity_ids.filtered(lambda a: "Overdue" in (a.summary or "")).user_id
        self.assertTrue(managers)
        self.assertTrue(managers.has_group("print_crm_service.group_service_manager"))

    def test_reopened_ticket_goes_back_and_needs_a_new_approval(self):
        ticket = self._ticket()
        self._to_approved(ticket)
        ticket.with_user(self.desk).action_print_resolve()
        self._wizard(ticket, "action_print_reopen", reason="The reprint is still too dark.")
        self.assertEqual(ticket.print_step, "routed")
        self.assertEqual(ticket.print_reopen_count, 1)
        self.assertFalse(ticket.print_approved_by_id)
        last = ticket.print_step_ids.sorted("id")[-1]
        self.assertEqual(last.note, "The reprint is still too dark.")
        with self.assertRaisesText(UserError, "Resolve"):
            ticket.with_user(self.desk).action_print_resolve()
        ticket.with_user(self.leader).action_print_propose()
        ticket.with_user(self.service_manager).action_print_approve()
        ticket.with_user(self.desk).action_print_resolve()
        ticket.with_user(self.desk).action_print_confirm_satisfied()
        self.assertEqual(ticket.print_step, "satisfied")
        # An invalid ticket reopened is judged again.
        invalid = self._ticket(name="Wrong paper")
        self._wizard(invalid, "action_print_mark_invalid", reason="It is the paper ordered.")
        self._wizard(invalid, "action_print_reopen", reason="The order says 170 g/m².")
        self.assertEqual(invalid.print_step, "new")

    def test_reject_proposal_sends_it_back_to_the_department(self):
        self.leader.groups_id += self.env.ref("print_crm_service.group_service_manager")
        ticket = self._ticket()
        ticket.with_user(self.desk).action_print_mark_valid()
        self._route(ticket)
        self._investigate(ticket)
        ticket.with_user(self.leader).action_print_propose()
        # A leader who is a service manager is asked himself.
        self.assertEqual(ticket.activity_ids.user_id, self.leader)
        ticket.with_user(self.service_manager).action_print_reject_proposal()
        self.assertFalse(ticket.activity_ids, "the request to approve is answered")
        self.assertEqual(ticket.print_step, "routed")
        self.assertFalse(ticket.print_proposed_by_id)
        ticket.with_user(self.leader).write({"print_resolution": "credit_note"})
        self.assertEqual(ticket.print_resolution, "credit_note")

    def test_propose_names_what_is_missing(self):
        ticket = self._ticket()
        ticket.with_user(self.desk).action_print_mark_valid()
        self._route(ticket)
        with self.assertRaisesText(UserError, "Cause, Responsible Person, Resolution"):
            ticket.with_user(self.leader).action_print_propose()
        with self.assertRaisesText(UserError, "Propose Resolution: "):
            self._ticket().with_user(self.leader).action_print_propose()

    def test_the_proposal_is_frozen_once_proposed(self):
        ticket = self._ticket()
        ticket.with_user(self.desk).action_print_mark_valid()
        self._route(ticket)
        self._investigate(ticket)
        ticket.with_user(self.leader).action_print_propose()
        for field, value in (
            ("print_resolution", "credit_note"),
            ("print_resolution_amount", 999.0),
            ("print_cause_id", self.env.ref("print_crm_service.cause_customer").id),
        ):
            with self.subTest(field=field), self.assertRaisesText(UserError, "was proposed"):
                ticket.with_user(self.service_manager).write({field: value})
        # Not with a stage move either (what a kanban drag with a changed field sends).
        with self.assertRaisesText(UserError, "was proposed"):
            ticket.with_user(self.service_manager).write(
                {"stage_id": ticket.stage_id.id, "print_resolution": "credit_note"}
            )
        self.assertEqual(ticket.print_resolution, "reprint")


@tagged("post_install", "-at_install")
class TestServiceApprovedProof(PrintCrmServiceTicketCommon):
    """Whose fault: the complaint against the proof round the customer approved."""

    def test_fault_in_the_approved_proof_makes_it_chargeable(self):
        proof = self._proof()
        self._approve(proof)
        self.assertEqual(proof.state, "approved")
        ticket = self._ticket(print_remedy_wanted="credit_note")
        self.assertEqual(ticket.with_user(self.desk).print_approved_proof_id, proof)
        # The desk sees the approved files and the customer's signed answer on the ticket.
        seen = ticket.with_user(self.desk)
        self.assertEqual(seen.print_approved_proof_file_ids, proof.file_ids)
        self.assertEqual(seen.print_approved_proof_answer_ids.signature, "Mei Lin")
        self.assertEqual(seen.print_approved_proof_answer_ids.decision, "approve")
        ticket.with_user(self.desk).action_print_mark_valid()
        self._route(ticket)
        ticket.with_user(self.leader).write(
            {"print_cause_id": self.cause_colour.id, "print_responsible_id": self.leader.id}
        )
        with self.assertRaisesText(UserError, "Resolution, Fault"):
            ticket.with_user(self.leader).action_print_propose()
        ticket.with_user(self.desk).with_context(print_fault="proof").action_print_record_fault()
        self.assertEqual(ticket.print_fault, "proof")
        self.assertTrue(ticket.print_chargeable)
        self.assertEqual(ticket.print_resolution, "other")
        self.assertIn("quote the reprint", ticket.print_resolution_note)
        self.assertIn("Fault:", ticket.print_step_ids.sorted("id")[-1].note)
        ticket.with_user(self.leader).action_print_propose()
        self.assertEqual(ticket.print_step, "proposed")

    def test_shop_fault_defaults_to_the_remedy_wanted(self):
        self._approve(self._proof())
        ticket = self._ticket(print_remedy_wanted="credit_note")
        ticket.with_user(self.desk).action_print_record_fault(fault="shop")
        self.assertFalse(ticket.print_chargeable)
        self.assertEqual(ticket.print_resolution, "credit_note")
        apology = self._ticket(print_remedy_wanted="apology")
        apology.with_user(self.desk).action_print_record_fault(fault="shop")
        self.assertEqual(apology.print_resolution, "reprint")

    def test_no_fault_in_a_proof_that_was_not_approved(self):
        self._proof()  # sent, not answered
        ticket = self._ticket()
        self.assertFalse(ticket.with_user(self.desk).print_approved_proof_id)
        with self.assertRaisesText(UserError, "no approved proof"):
            ticket.with_user(self.desk).action_print_record_fault(fault="proof")
        with self.assertRaisesText(UserError, "Fault: choose"):
            ticket.with_user(self.desk).action_print_record_fault(fault="customer")
        # Without an approved proof the fault is not needed to propose.
        ticket.with_user(self.desk).action_print_mark_valid()
        self._route(ticket)
        self._investigate(ticket)
        ticket.with_user(self.leader).action_print_propose()
        self.assertEqual(ticket.print_step, "proposed")


@tagged("post_install", "-at_install")
class TestServiceTrust(PrintCrmServiceTicketCommon):
    """Who and when are recorded by the actions and cannot be forged."""

    FORGED = {
        "print_step": "approved",
        "print_validity_note": "fine",
        "print_validity_by_id": "admin",
        "print_validity_date": "2030-01-01 10:00:00",
        "print_deadline": "2030-01-01 10:00:00",
        "print_escalated_date": "2030-01-01 10:00:00",
        "print_fault": "shop",
        "print_proposed_by_id": "admin",
        "print_proposed_date": "2030-01-01 10:00:00",
        "print_approved_by_id": "admin",
        "print_approved_date": "2030-01-01 10:00:00",
        "print_commitment": "nothing",
        "print_commitment_date": "2030-01-01",
        "print_resolved_by_id": "admin",
        "print_resolved_date": "2030-01-01 10:00:00",
        "print_satisfied_by_id": "admin",
        "print_satisfied_date": "2030-01-01 10:00:00",
        "print_reopen_count": 0,
        # Cost of quality: the credit note's link and the figures (test_cost_of_quality.py).
        "print_credit_move_id": False,
        "print_reprint_job_count": 0,
        "print_reprint_cost": 0.0,
        "print_credit_amount": 0.0,
        "print_quality_cost": 0.0,
        # Rewards: who marked the improvement, when, what, and the card (test_rewards.py).
        "print_improvement_note": "forged",
        "print_improvement_by_id": "admin",
        "print_improvement_date": "2030-01-01 10:00:00",
        "print_reward_card_id": False,
    }

    def _forged(self):
        return {
            field: self.admin.id if value == "admin" else value
            for field, value in self.FORGED.items()
        }

    def test_every_decision_field_is_declared(self):
        ticket = self.env["helpdesk.ticket"]
        self.assertEqual(set(self.FORGED), set(ticket._print_decision_fields))

    def test_decisions_are_not_written_directly(self):
        ticket = self._ticket()
        users = (self.desk, self.service_manager, self.helpdesk_user, self.customer_user)
        for user in users:
            for field, value in self._forged().items():
                label = ticket._fields[field]._description_string(self.env)
                with self.subTest(user=user.login, field=field):
                    with self.assertRaises(UserError) as caught:
                        ticket.with_user(user).write({field: value})
                    if user != self.customer_user:  # portal: may not write tickets at all
                        self.assertIn(label, str(caught.exception))
        self.assertEqual(ticket.print_step, "new")
        self.assertFalse(ticket.print_approved_by_id)
        # Not over the ORM either, without the action (as superuser, once loaded).
        for field, value in self._forged().items():
            with self.subTest(orm=field), self.assertRaisesText(UserError, "records a decision"):
                ticket.sudo().write({field: value})
        self.assertEqual(ticket.print_step, "new")

    def test_decisions_are_not_created_directly(self):
        for user in (self.desk, self.service_manager, self.helpdesk_user):
            for field, value in self._forged().items():
                label = self.env["helpdesk.ticket"]._fields[field]._description_string(self.env)
                with self.subTest(user=user.login, field=field):
                    with self.assertRaisesText(UserError, label):
                        self._ticket(user=user, **{field: value})
            with self.subTest(user=user.login, default="print_approved_by_id"):
                with self.assertRaisesText(UserError, "Approved By"):
                    self.env["helpdesk.ticket"].with_user(user).with_context(
                        default_print_approved_by_id=self.admin.id
                    ).create({"name": "x", "description": "x", "type_id": self.type_complaint.id})

    def test_portal_users_create_no_ticket_with_a_decision(self):
        with self.assertRaises(UserError):
            self.env["helpdesk.ticket"].with_user(self.customer_user).create(
                {
                    "name": "Forged",
                    "description": "<p>x</p>",
                    "type_id": self.type_complaint.id,
                    "print_step": "satisfied",
                }
            )

    def test_step_log_is_append_only(self):
        ticket = self._ticket()
        line = ticket.print_step_ids
        self.assertEqual(line.user_id, self.desk)
        Step = self.env["print.service.step"]
        for user in (self.desk, self.service_manager):
            with self.subTest(user=user.login):
                with self.assertRaisesText(UserError, "audit trail"):
                    Step.with_user(user).create(
                        {
                            "ticket_id": ticket.id,
                            "step": "satisfied",
                            "user_id": self.admin.id,
                            "date": "2030-01-01 10:00:00",
                        }
                    )
                with self.assertRaises(UserError):
                    line.with_user(user).write({"user_id": self.admin.id})
                with self.assertRaises(UserError):
                    line.with_user(user).unlink()
        self.assertEqual(line.user_id, self.desk)

    def test_actions_check_the_group_first(self):
        ticket = self._ticket()
        actions = [
            "action_print_mark_valid",
            "action_print_mark_invalid",
            "action_print_route",
            "action_print_propose",
            "action_print_approve",
            "action_print_reject_proposal",
            "action_print_resolve",
            "action_print_commit",
            "action_print_confirm_satisfied",
            "action_print_reopen",
            "action_print_archive",
            "action_print_record_fault",
        ]
        for action in actions:
            with self.subTest(action=action), self.assertRaises(AccessError):
                getattr(ticket.with_user(self.helpdesk_user), action)()
        self.assertEqual(ticket.print_step, "new")

    def test_approve_is_for_service_managers_only(self):
        ticket = self._ticket()
        ticket.with_user(self.desk).action_print_mark_valid()
        self._route(ticket)
        self._investigate(ticket)
        ticket.with_user(self.leader).action_print_propose()
        for action in ("action_print_approve", "action_print_reject_proposal"):
            with self.subTest(action=action):
                with self.assertRaisesText(AccessError, "Manager"):
                    getattr(ticket.with_user(self.desk), action)()
        self.assertEqual(ticket.print_step, "proposed")
        self.assertFalse(ticket.print_approved_by_id)

    def test_wizards_check_the_group_and_the_step(self):
        ticket = self._ticket()
        wizard = (
            self.env["print.service.route.wizard"]
            .with_user(self.desk)
            .create({"ticket_id": ticket.id, "team_id": self.team_press.id})
        )
        with self.assertRaisesText(UserError, "Route"):
            wizard.action_confirm()  # the ticket is not valid yet
        with self.assertRaises(AccessError):
            wizard.with_user(self.helpdesk_user).action_confirm()
        self.assertEqual(ticket.print_step, "new")

    def test_stage_drag_runs_the_step_or_is_refused(self):
        ticket = self._ticket()
        stage = {
            step: self.env.ref(f"print_crm_service.ticket_stage_{step}")
            for step in ("valid", "routed", "approved", "satisfied")
        }
        with self.assertRaisesText(UserError, "use the step's button"):
            ticket.with_user(self.desk).write({"stage_id": stage["routed"].id})
        with self.assertRaisesText(UserError, "Customer Satisfied"):
            ticket.with_user(self.desk).write({"stage_id": stage["satisfied"].id})
        self.assertEqual(ticket.print_step, "new")
        # A drag to a step that needs nothing more is the step's action, with its log.
        ticket.with_user(self.desk).write({"stage_id": stage["valid"].id})
        self.assertEqual(ticket.print_step, "valid")
        self.assertEqual(ticket.print_validity_by_id, self.desk)
        self._route(ticket)
        self._investigate(ticket)
        ticket.with_user(self.leader).action_print_propose()
        with self.assertRaisesText(AccessError, "Approve Resolution"):
            ticket.with_user(self.desk).write({"stage_id": stage["approved"].id})
        self.assertEqual(ticket.stage_id, self.env.ref("print_crm_service.ticket_stage_proposed"))


@tagged("post_install", "-at_install")
class TestServicePlainTickets(PrintCrmServiceTicketCommon):
    """helpdesk_mgmt's own tickets (no print kind) behave as before."""

    def test_plain_ticket_moves_freely(self):
        new = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.helpdesk_user)
            .create({"name": "Printer jam", "description": "<p>Jam</p>"})
        )
        self.assertFalse(ticket.print_kind)
        self.assertFalse(ticket.print_step)
        self.assertFalse(ticket.sudo().print_step_ids)
        self.assertEqual(ticket.stage_id, new)
        ticket.with_user(self.helpdesk_user).write({"stage_id": done.id})
        self.assertEqual(ticket.stage_id, done)
        self.assertTrue(ticket.closed_date)
        approved = self.env.ref("print_crm_service.ticket_stage_approved")
        with self.assertRaisesText(UserError, "print service workflow"):
            ticket.with_user(self.helpdesk_user).write({"stage_id": approved.id})
        with self.assertRaisesText(UserError, "print service workflow"):
            self.env["helpdesk.ticket"].with_user(self.helpdesk_user).create(
                {"name": "Jam", "description": "<p>Jam</p>", "stage_id": approved.id}
            )
        # Nor a plain ticket moved together with a print ticket.
        complaint = self._ticket()
        with self.assertRaisesText(UserError, "print service workflow"):
            (ticket | complaint).with_user(self.desk).write({"stage_id": approved.id})

    def test_plain_kanban_hides_the_empty_print_steps(self):
        Ticket = self.env["helpdesk.ticket"]
        stages = Ticket._read_group_stage_ids(self.env["helpdesk.ticket.stage"], [])
        self.assertFalse(stages.filtered("print_step"))
        self.assertIn(self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new"), stages)
        desk = Ticket.with_context(print_service_desk=True)._read_group_stage_ids(
            self.env["helpdesk.ticket.stage"], []
        )
        self.assertEqual(len(desk), 10)
        self.assertFalse(desk.filtered(lambda s: not s.print_step))

    def test_a_print_ticket_keeps_a_print_type_and_copies_start_anew(self):
        ticket = self._ticket()
        with self.assertRaisesText(UserError, "Type: a ticket in the print workflow"):
            ticket.with_user(self.desk).type_id = False
        ticket.with_user(self.desk).action_print_mark_valid()
        copy = ticket.with_user(self.desk).copy()
        self.assertEqual(copy.print_step, "new")
        self.assertFalse(copy.print_validity_by_id)
        self.assertEqual(copy.sudo().print_step_ids.mapped("step"), ["new"])

    def test_a_ticket_given_a_print_type_enters_the_workflow(self):
        ticket = (
            self.env["helpdesk.ticket"]
            .with_user(self.desk)
            .create({"name": "Call back", "description": "<p>x</p>"})
        )
        self.assertFalse(ticket.print_step)
        ticket.with_user(self.desk).type_id = self.type_complaint
        self.assertEqual(ticket.print_step, "new")
        self.assertEqual(ticket.stage_id, self.env.ref("print_crm_service.ticket_stage_new"))

    def test_ticket_views_open_for_helpdesk_and_service_users(self):
        action = self.env.ref("print_crm_service.helpdesk_ticket_action")
        views = [(view.view_id.id, view.view_mode) for view in action.view_ids]
        views += [(False, "form"), (False, "search")]
        for user in (self.helpdesk_user, self.desk):
            with self.subTest(user=user.login):
                result = self.env["helpdesk.ticket"].with_user(user).get_views(views)
                form = result["views"]["form"]["arch"]
                # The print page is the service desk's; plain helpdesk users do not get it.
                self.assertEqual("print_service" in form, user == self.desk)
                self.assertIn("calendar", result["views"])

    def test_service_desk_filters_find_their_tickets(self):
        mine = self._ticket()
        mine.with_user(self.desk).action_print_mark_valid()
        self._route(mine)  # the pressroom, the desk's department
        self._investigate(mine)
        mine.with_user(self.leader).action_print_propose()
        mine.with_user(self.desk).user_id = False
        view = self.env.ref("print_crm_service.helpdesk_ticket_view_search")
        filters = {
            node.get("name"): safe_eval(node.get("domain"), {"uid": self.desk.id})
            for node in etree.fromstring(view.arch).iter("filter")
            if node.get("domain")
        }
        Ticket = self.env["helpdesk.ticket"].with_user(self.desk)
        found = {name: mine in Ticket.search(domain) for name, domain in filters.items()}
        self.assertEqual(
            found,
            {
                "mine": False,  # nobody is assigned, the desk is not responsible
                "my_department": True,
                "overdue": False,
                "awaiting_approval": True,
                "awaiting_customer": False,
                "open": True,
                "chargeable": False,
            },
        )
        mine.with_user(self.desk).user_id = self.desk
        self.assertIn(mine, Ticket.search(filters["mine"]))
