"""Suite-level scenario: from an estimate to a delivered job the customer followed.

estimate → accept a quantity → order confirmed → production job created → stages
advanced by production staff → the portal customer sees the timeline → delivered.
Run by `make test` with pytest-odoo (HTTP enabled) on the database where the harness has
just installed the five addons without demo data.
"""

import re

from odoo.exceptions import UserError
from odoo.tests import HttpCase, new_test_user

from odoo.addons.print_crm_quote.tests.common import PrintCrmEstimateCommon


class TestPrintFlow(PrintCrmEstimateCommon, HttpCase):
    # Outside an addon Odoo does not tag test classes; these run after every install.
    test_tags = {"standard", "post_install"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.press_digital.action_archive()
        cls.floor = new_test_user(
            cls.env, login="flow-floor", groups="print_crm_tracking.group_job_user"
        )
        cls.estimator.partner_id.email = "estimator@print.example"
        cls.customer_user = new_test_user(
            cls.env,
            login="flow-customer",
            groups="base.group_portal",
            partner_id=cls.customer_contact.id,
        )

    def test_estimate_to_delivered_job_followed_on_the_portal(self):
        # The estimator prices the job and sends it; the customer accepts 2500 copies online.
        estimate = self._make_estimate(quantities=(1000, 2500))
        estimate.with_user(self.estimator).action_compute()
        estimate.with_user(self.estimator).action_mark_sent()
        self.authenticate("flow-customer", "flow-customer")
        break_ = estimate.break_ids.filtered(lambda b: b.quantity == 2500)
        page = self.url_open(f"/my/print_estimates/{estimate.id}").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
        self.url_open(
            f"/my/print_estimates/{estimate.id}/accept",
            data={"break_id": break_.id, "csrf_token": token},
        )
        order = estimate.sale_order_id
        self.assertEqual(order.order_line.print_copies, 2500)
        # The salesperson confirms: one production job, received.
        order.with_user(self.estimator).action_confirm()
        job = order.print_job_ids
        self.assertEqual(len(job), 1)
        self.assertEqual((job.quantity, job.stage_id.name), (2500, "Received"))
        # Prepress sends a proof; the job cannot go to press until the customer approves it.
        job.with_user(self.floor).action_next_stage()  # Prepress
        proof = self.env["print.proof"].create({"job_id": job.id})
        self.env["print.proof.file"]._add(proof, "proof.pdf", b"%PDF-1.4 proof")
        proof.action_send()
        self.assertEqual(job.stage_id.name, "Proof approval")
        with self.assertRaisesRegex(UserError, "cannot enter Plate making yet"):
            job.with_user(self.floor).action_next_stage()
        proof.with_user(self.customer_user)._answer(
            "approve", self.customer_contact, signature="Mei Lin"
        )
        # The shop floor moves it to printing.
        for __ in range(2):
            job.with_user(self.floor).action_next_stage()
        self.assertEqual(job.stage_id.name, "Printing")
        # The customer sees where it is, in customer words only.
        page = self.url_open(f"/my/print_jobs/{job.id}").text
        self.assertIn("Printing", page)
        # The proof step says what the customer did, not the stage's "Waiting for your
        # proof approval" (issue 11: 5).
        self.assertIn("Approved, going to press", page)
        self.assertNotIn("Waiting for your", page)
        self.assertNotIn("Plate making", page)
        self.assertNotIn(self.floor.name, page)
        # ... and was told by e-mail of each visible stage.
        updates = job.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertIn("Printing", " ".join(updates.mapped("subject")))
        # Until it is delivered.
        while not job.is_done:
            job.with_user(self.floor).action_next_stage()
        page = self.url_open("/my/print_jobs").text
        self.assertIn(job.name, page)
        self.assertIn("Delivered", page)
        self.assertTrue(job.date_done)

    def test_artwork_to_approved_proof_through_the_portal(self):
        """Order → job → artwork uploaded by the customer → proof sent → changes requested →
        second round approved in the portal → the job passes the gate → delivered."""
        estimate = self._make_estimate(quantities=(1000,))
        order = estimate._accept_break(estimate.break_ids).order_id
        order.with_user(self.estimator).action_confirm()
        job = order.print_job_ids
        self.authenticate("flow-customer", "flow-customer")

        def csrf(url):
            return re.search(r'name="csrf_token" value="([^"]+)"', self.url_open(url).text)[1]

        # The customer sends the artwork from the job's portal page.
        self.url_open(
            f"/my/print_jobs/{job.id}/artwork",
            data={"csrf_token": csrf(f"/my/print_jobs/{job.id}"), "note": "Final files"},
            files={"artwork": ("flyer.pdf", b"%PDF-1.4 artwork", "application/pdf")},
        )
        self.assertEqual(job.print_artwork_id.name, "flyer.pdf")
        self.assertEqual(job.print_artwork_id.source, "portal")
        # Prepress sends round 1; the customer asks for changes on the portal.
        job.with_user(self.floor).action_next_stage()
        first = self.env["print.proof"].create({"job_id": job.id})
        self.env["print.proof.file"]._add(first, "proof-1.pdf", b"%PDF-1.4 proof one")
        first.action_send()
        self.url_open(
            f"/my/proofs/{first.id}/answer",
            data={
                "csrf_token": csrf(f"/my/proofs/{first.id}"),
                "decision": "changes",
                "comment": "Bigger logo, please",
            },
        )
        self.assertEqual(first.state, "changes")
        self.assertEqual(job.stage_id.name, "Prepress")
        with self.assertRaisesRegex(UserError, "cannot enter"):
            job.write({"stage_id": self.env.ref("print_crm_tracking.stage_printing").id})
        # Round 2, approved on the portal with the customer's name.
        second = first.next_id
        self.env["print.proof.file"]._add(second, "proof-2.pdf", b"%PDF-1.4 proof two")
        second.action_send()
        self.url_open(
            f"/my/proofs/{second.id}/answer",
            data={
                "csrf_token": csrf(f"/my/proofs/{second.id}"),
                "decision": "approve",
                "signature": "Mei Lin",
                "approve_confirm": "on",
            },
        )
        self.assertEqual(second.state, "approved")
        answer = second.answer_ids
        self.assertEqual((answer.signature, answer.ip_address), ("Mei Lin", "127.0.0.1"))
        # Through the gate, to the customer.
        while not job.is_done:
            job.with_user(self.floor).action_next_stage()
        self.assertEqual(job.stage_id.name, "Delivered")
        self.assertIn("Delivered", self.url_open(f"/my/print_jobs/{job.id}").text)
