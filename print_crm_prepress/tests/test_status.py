# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from lxml import html

from odoo import Command
from odoo.tests import HttpCase, tagged

from .common import PrintCrmProofCommon
from .test_portal import CUSTOMER

IN_PREPARATION = "Proof in preparation"
WAITING = "Waiting for your approval"
APPROVED = "Approved, going to press"
CHANGES = "Changes requested"


@tagged("post_install", "-at_install")
class TestPrintJobStatusTruth(PrintCrmProofCommon, HttpCase):
    """What the customer reads about a job in proof comes from its proof rounds."""

    def _stage(self, xmlid):
        return self.env.ref(f"print_crm_tracking.{xmlid}")

    def _to_proof_stage(self, job):
        job.with_user(self.production_user).write({"stage_id": self._stage("stage_proof").id})

    def _customer_mails(self, job, before):
        return (job.message_ids | job.print_proof_ids.message_ids) - before

    def test_the_status_follows_the_rounds(self):
        job = self.job
        self._to_proof_stage(job)
        self.assertEqual(job.print_customer_status, IN_PREPARATION, "nothing to approve")
        proof = self._proof(send=False)
        self.assertEqual(job.print_customer_status, IN_PREPARATION, "a draft round")
        proof.action_send()
        self.assertEqual(job.print_customer_status, WAITING)
        proof.with_user(self.customer_user)._answer(
            "changes", self.customer_contact, comment="Bigger logo"
        )
        # Back to prepress: the stage's own words.
        self.assertEqual(job.print_customer_status, "Preparing your files")
        second = proof.next_id
        self.env["print.proof.file"].with_user(self.prepress)._add(second, "v2.pdf", b"%PDF-1.4 2")
        second.action_send()
        self.assertEqual(job.print_customer_status, WAITING)
        self._approve(second)
        self.assertEqual(job.print_customer_status, APPROVED)
        job.with_user(self.production_user).action_next_stage()
        self.assertEqual(job.print_customer_status, "In production")

    def test_the_portal_list_and_page_show_the_status_from_the_rounds(self):
        proof = self._proof()
        self.authenticate(CUSTOMER, CUSTOMER)

        def statuses():
            page = html.fromstring(self.url_open(f"/my/print_jobs/{self.job.id}").text)
            listing = html.fromstring(self.url_open("/my/print_jobs").text)
            return [
                tree.xpath("string(.//*[contains(@class, 'o_print_job_status')])").strip()
                for tree in (page, listing)
            ]

        self.assertEqual(statuses(), [WAITING, WAITING])
        self._approve(proof)
        self.assertEqual(statuses(), [APPROVED, APPROVED])
        page = self.url_open(f"/my/print_jobs/{self.job.id}").text
        self.assertNotIn(WAITING, page)

    def _timeline(self):
        """(label, state) of each step of the job's portal timeline."""
        tree = html.fromstring(self.url_open(f"/my/print_jobs/{self.job.id}").text)
        return [
            (
                step.xpath("string(.//*[contains(@class, 'o_print_job_step_label')])").strip(),
                step.get("data-state"),
            )
            for step in tree.xpath("//ol[contains(@class, 'o_print_job_timeline')]/li")
        ]

    def test_the_timeline_proof_steps_follow_the_rounds(self):
        """The proof steps of the timeline say what the rounds came to, never the stage's
        static "Waiting for your proof approval" (issue 11: 5)."""
        stage_label = self._stage("stage_proof").customer_label
        proof = self._proof()
        self.authenticate(CUSTOMER, CUSTOMER)
        self.assertIn((WAITING, "current"), self._timeline())
        proof.with_user(self.customer_user)._answer(
            "changes", self.customer_contact, comment="Bigger logo"
        )
        # Back in prepress with round 2 still a draft: the first round asked for changes.
        steps = self._timeline()
        self.assertIn((CHANGES, "done"), steps)
        self.assertIn(("Preparing your files", "current"), steps)
        self.assertIn((IN_PREPARATION, "todo"), steps)
        self.assertNotIn(stage_label, [label for label, __ in steps])
        second = proof.next_id
        self.env["print.proof.file"].with_user(self.prepress)._add(second, "v2.pdf", b"%PDF-1.4 2")
        second.action_send()
        self.assertEqual(
            [step for step in self._timeline() if step[1] != "todo"][-2:],
            [("Preparing your files", "done"), (WAITING, "current")],
        )
        self._approve(second)
        for __ in range(2):  # plate making (internal), printing
            self.job.with_user(self.production_user).action_next_stage()
        steps = self._timeline()
        proof_steps = [step for step in steps if step[0] in (CHANGES, APPROVED, WAITING)]
        self.assertEqual(proof_steps, [(CHANGES, "done"), (APPROVED, "done")])
        self.assertNotIn(stage_label, [label for label, __ in steps])

    def test_no_mail_promises_an_approval_the_customer_cannot_give(self):
        self.customer.print_job_notify = True
        self._proof(send=False)
        before = self.job.message_ids | self.job.print_proof_ids.message_ids
        self._to_proof_stage(self.job)
        sent = self._customer_mails(self.job, before).filtered(
            lambda m: m.message_type == "comment"
        )
        self.assertFalse(sent, "a draft round: nothing to approve, nothing e-mailed")
        self.assertFalse(
            self.env["mail.mail"]
            .search([("subject", "ilike", "approval")])
            .filtered(lambda mail: mail.model == "print.job" and mail.res_id == self.job.id)
        )

    def test_sending_the_round_e_mails_the_customer_once(self):
        self.customer.print_job_notify = True
        job = self.job
        job.with_user(self.production_user).action_next_stage()  # Prepress
        proof = self._proof(send=False)
        before = job.message_ids | proof.message_ids
        proof.action_send()
        self.assertEqual(job.stage_id, self._stage("stage_proof"))
        sent = self._customer_mails(job, before).filtered(lambda m: m.message_type == "comment")
        self.assertEqual(len(sent), 1, sent.mapped("subject"))
        self.assertEqual(sent.model, "print.proof", "the round's e-mail, with its answer link")

    def test_stages_are_found_by_their_role(self):
        """A shop's own proof and prepress stages, found by role, not by XML id."""
        proof_stage, prepress_stage = self._stage("stage_proof"), self._stage("stage_prepress")
        sign_off = proof_stage.copy({"name": "Client sign-off", "customer_label": "Sign-off"})
        artwork = prepress_stage.copy({"name": "Artwork check", "customer_label": "Checking"})
        (proof_stage | prepress_stage).write({"role": False})
        self.job.route_id.stage_ids = [Command.link(sign_off.id), Command.link(artwork.id)]
        proof = self._proof()
        self.assertEqual(self.job.stage_id, sign_off)
        self.assertEqual(self.job.print_customer_status, WAITING)
        proof.with_user(self.customer_user)._answer(
            "changes", self.customer_contact, comment="Bigger logo"
        )
        self.assertEqual(self.job.stage_id, artwork)


@tagged("post_install", "-at_install")
class TestPrintProofKanban(PrintCrmProofCommon):
    """The proofs kanban reads in the order of the workflow, one card per round."""

    def test_columns_follow_the_workflow_and_cards_name_job_and_round(self):
        approved = self._proof()
        self._approve(approved)
        other = self._order(title="Second job").print_job_ids
        self._proof(job=other, send=False)
        groups = (
            self.env["print.proof"]
            .with_user(self.prepress)
            .web_read_group([], ["state"], ["state"])["groups"]
        )
        states = [group["state"] for group in groups]
        # Every step of the workflow is a column, in its order (rejected rounds when any).
        self.assertEqual(states, ["draft", "sent", "changes", "approved"])
        arch = self.env["print.proof"].with_user(self.prepress).get_views([(False, "kanban")])
        kanban = arch["views"]["kanban"]["arch"]
        for field in ("job_id", "job_title", "round", "partner_id"):
            self.assertIn(f'name="{field}"', kanban)
