# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import tagged

from .test_delivery import PrintServicePortalCommon

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@tagged("post_install", "-at_install")
class TestPrintPortalTickets(PrintServicePortalCommon):
    """Complaints filed from a job's page, the company's tickets on /my/tickets, and the
    customer's answer once a complaint is resolved."""

    def _complain(self, job, files=None, **values):
        data = {
            "title": "Colours too dark",
            "description": "Page 4 is much darker than the proof.",
            "remedy": "reprint",
        }
        data.update(values)
        return self._post(f"/my/print_jobs/{job.id}/complaint", data, files=files)

    def _ticket(self, partner=None, **values):
        """A complaint about the job, filed by ``partner`` (Mei by default)."""
        return (
            self.env["helpdesk.ticket"]
            .with_context(mail_create_nosubscribe=True)
            .create(
                {
                    "name": values.pop("name", "Wrong quantity"),
                    "description": "<p>We got 900 copies, not 1000.</p>",
                    "partner_id": (partner or self.customer_contact).id,
                    "type_id": self.env.ref("print_crm_service.ticket_type_complaint").id,
                    "print_job_id": self.job.id,
                    **values,
                }
            )
        )

    def _listed(self, response):
        return [
            " ".join(text.split())
            for text in self._tree(response).xpath("//table//td//a//text()")
            if text.strip()
        ]

    # ------------------------------------------------------------------ filing

    def test_complaint_from_the_job_page_with_a_photo(self):
        self.authenticate("service-mei", "service-mei")
        page = self._page(self.job)
        self.assertTrue(
            self._tree(page).xpath("//form[contains(@class, 'o_print_complaint_form')]")
        )
        response = self._complain(self.job, files={"photos": ("page4.png", PNG, "image/png")})
        self.assertEqual(response.status_code, 303)
        ticket = self.env["helpdesk.ticket"].search([("print_job_id", "=", self.job.id)])
        self.assertEqual(len(ticket), 1)
        self.assertIn(f"/my/ticket/{ticket.id}", response.headers["Location"])
        self.assertEqual(ticket.print_kind, "complaint")
        self.assertEqual(ticket.print_step, "new")
        self.assertEqual(ticket.print_sale_order_id, self.job.sale_order_id)
        self.assertEqual(ticket.partner_id, self.customer_contact)
        self.assertEqual(ticket.print_remedy_wanted, "reprint")
        self.assertEqual(
            ticket.channel_id, self.env.ref("helpdesk_mgmt.helpdesk_ticket_channel_web")
        )
        self.assertEqual(ticket.attachment_ids.mapped("name"), ["page4.png"])
        # The customer finds it on /my/tickets and on the job's page.
        self.assertIn("Colours too dark", self.url_open("/my/tickets").text)
        tickets = self._tree(self._page(self.job)).xpath(
            "//section[@id='tickets']//li/@data-ticket"
        )
        self.assertEqual(tickets, [ticket.number])
        status = self._tree(self._page(self.job)).xpath(
            "string(//span[contains(@class, 'o_print_job_ticket_status')])"
        )
        self.assertEqual(status, "We received your request", "the customer's words")
        # The job page's breadcrumb stays the job's (not one of its tickets).
        breadcrumb = " ".join(
            self._tree(self._page(self.job))
            .xpath("string(//ol[contains(@class, 'breadcrumb')])")
            .split()
        )
        self.assertIn(self.job.name, breadcrumb)
        self.assertNotIn("Colours too dark", breadcrumb)

    def test_complaint_photo_goes_through_the_upload_policy(self):
        self.authenticate("service-mei", "service-mei")
        response = self._complain(
            self.job, files={"photos": ("page4.png", b"<html><script>x</script>", "image/png")}
        )
        self.assertEqual(response.status_code, 200)
        error = self._tree(response).xpath(
            "string(//div[contains(@class, 'o_print_complaint_error')])"
        )
        self.assertIn("Photos", error)
        response = self._complain(self.job, title="")
        self.assertIn(
            "Title",
            self._tree(response).xpath(
                "string(//div[contains(@class, 'o_print_complaint_error')])"
            ),
        )
        self.assertFalse(self.env["helpdesk.ticket"].search([("print_job_id", "=", self.job.id)]))

    def test_other_customer_cannot_complain_about_the_job(self):
        self.authenticate("service-noor", "service-noor")
        job = self.job.sudo()
        job._portal_ensure_token()
        page = self._page(job, access_token=job.access_token)
        self.assertFalse(
            self._tree(page).xpath("//form[contains(@class, 'o_print_complaint_form')]")
        )
        response = self._complain(job, access_token=job.access_token)
        self.assertIn("Only the customer of this job", response.text)
        self.assertFalse(self.env["helpdesk.ticket"].search([("print_job_id", "=", job.id)]))

    # ------------------------------------------------------------------ who sees what

    def test_every_contact_sees_the_companys_tickets_213(self):
        ticket = self._ticket()
        self.authenticate("service-ann", "service-ann")
        self.assertIn("Wrong quantity", self.url_open("/my/tickets").text)
        page = self.url_open(f"/my/ticket/{ticket.id}", allow_redirects=False)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Wrong quantity", page.text)

    def test_company_can_keep_tickets_to_their_contact(self):
        ticket = self._ticket()
        self.customer.print_share_tickets = False
        self.assertFalse(self.colleague.print_share_tickets, "a company flag, for every contact")
        self.authenticate("service-ann", "service-ann")
        self.assertNotIn("Wrong quantity", self.url_open("/my/tickets").text)
        page = self.url_open(f"/my/ticket/{ticket.id}", allow_redirects=False)
        self.assertEqual(page.status_code, 303)
        self.authenticate("service-mei", "service-mei")
        self.assertIn("Wrong quantity", self.url_open("/my/tickets").text)

    def test_follower_of_another_company_does_not_break_the_portal_865(self):
        ticket = self._ticket()
        ticket.message_subscribe(partner_ids=(self.customer_contact | self.other_contact).ids)
        self.authenticate("service-mei", "service-mei")
        listing = self.url_open("/my/tickets", allow_redirects=False)
        self.assertEqual(listing.status_code, 200)
        self.assertIn("Wrong quantity", listing.text)
        page = self.url_open(f"/my/ticket/{ticket.id}", allow_redirects=False)
        self.assertEqual(page.status_code, 200)
        self.assertIn("Wrong quantity", page.text)
        # The other company's follower sees the ticket it follows, and nothing else.
        self.authenticate("service-noor", "service-noor")
        page = self.url_open(f"/my/ticket/{ticket.id}", allow_redirects=False)
        self.assertEqual(page.status_code, 200)

    def test_another_customers_ticket_is_refused_with_and_without_token(self):
        ticket = self._ticket()
        ticket._portal_ensure_token()
        self.authenticate("service-noor", "service-noor")
        self.assertNotIn("Wrong quantity", self.url_open("/my/tickets").text)
        for params in ("", "?access_token=forged"):
            page = self.url_open(f"/my/ticket/{ticket.id}{params}", allow_redirects=False)
            self.assertEqual(page.status_code, 303, params)
        self.authenticate(None, None)
        page = self.url_open(f"/my/ticket/{ticket.id}?access_token=forged", allow_redirects=False)
        self.assertEqual(page.status_code, 303)

    def test_nobody_closes_another_customers_ticket(self):
        """helpdesk_mgmt's portal "Done"/"Cancelled" buttons are a GET to /ticket/close that
        looks the ticket up as superuser: a logged-in customer of another company must not
        close a ticket through it, the owner of a plain ticket still may, and a print
        ticket is closed by its workflow (the customer's answer), so it shows no such buttons."""
        done = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        plain = (
            self.env["helpdesk.ticket"]
            .with_context(mail_create_nosubscribe=True)
            .create(
                {
                    "name": "Where is my invoice copy?",
                    "description": "<p>Please send it again.</p>",
                    "partner_id": self.customer_contact.id,
                }
            )
        )
        stage = plain.stage_id
        self.assertFalse(plain.print_kind)
        self.authenticate("service-noor", "service-noor")
        response = self.url_open(
            f"/ticket/close?ticket_id={plain.id}&stage_id={done.id}", allow_redirects=False
        )
        self.assertIn(response.status_code, (302, 303))
        self.assertEqual(plain.stage_id, stage, "another customer closed the ticket")
        self.assertNotIn(f"/my/ticket/{plain.id}", response.headers["Location"])
        # The ticket's own customer still closes it, as helpdesk_mgmt offers.
        self.authenticate("service-mei", "service-mei")
        response = self.url_open(
            f"/ticket/close?ticket_id={plain.id}&stage_id={done.id}", allow_redirects=False
        )
        self.assertIn(response.status_code, (302, 303))
        self.assertEqual(plain.stage_id, done)
        # A print ticket: no close buttons, and the GET changes nothing.
        ticket = self._ticket()
        step_stage = ticket.stage_id
        page = self.url_open(f"/my/ticket/{ticket.id}")
        self.assertEqual(page.status_code, 200)
        self.assertFalse(self._tree(page).xpath("//form[@action='/ticket/close']"))
        response = self.url_open(
            f"/ticket/close?ticket_id={ticket.id}&stage_id={done.id}", allow_redirects=False
        )
        self.assertIn(response.status_code, (302, 303))
        self.assertEqual(ticket.stage_id, step_stage)
        # Nor does a made-up id break anything.
        response = self.url_open("/ticket/close?ticket_id=abc&stage_id=1", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))

    # ------------------------------------------------------------------ the answer

    def _resolved(self):
        ticket = self._ticket()
        # What the desk and the department do (their actions are tested with the workflow).
        ticket.sudo()._print_set_step("resolved")
        return ticket

    def _answer(self, ticket, **values):
        return self._post(f"/my/ticket/{ticket.id}/print_answer", values)

    def test_customer_confirms_satisfaction(self):
        ticket = self._resolved()
        self.authenticate("service-ann", "service-ann")
        page = self.url_open(f"/my/ticket/{ticket.id}")
        steps = self._tree(page).xpath("//li[contains(@class, 'o_print_ticket_step')]/@data-step")
        self.assertEqual(steps, ["new", "resolved"])
        self.assertIn("We received your request", page.text)
        response = self._answer(ticket, answer="satisfied")
        self.assertEqual(response.status_code, 303)
        self.assertEqual(ticket.print_step, "satisfied")
        self.assertEqual(ticket.print_satisfied_by_id, self.colleague_user)
        self.assertTrue(ticket.print_satisfied_date)

    def test_customer_reopens_with_a_reason(self):
        ticket = self._resolved()
        self.authenticate("service-mei", "service-mei")
        response = self._answer(ticket, answer="reopen", reason="")
        self.assertIn("say what is still wrong", response.text)
        self.assertEqual(ticket.print_step, "resolved")
        response = self._answer(ticket, answer="reopen", reason="Still 100 copies short")
        self.assertEqual(response.status_code, 303)
        self.assertEqual(ticket.print_step, "routed")
        self.assertEqual(ticket.print_reopen_count, 1)
        self.assertIn(
            "Still 100 copies short",
            ticket.print_step_ids.filtered(lambda s: s.step == "routed").note or "",
        )

    def test_answer_only_by_the_customer_and_only_when_resolved(self):
        ticket = self._ticket()
        self.authenticate("service-mei", "service-mei")
        response = self._answer(ticket, answer="satisfied")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(ticket.print_step, "new")
        ticket.sudo()._print_set_step("resolved")
        ticket._portal_ensure_token()
        self.authenticate("service-noor", "service-noor")
        for token in (None, "forged", ticket.access_token):
            data = {"answer": "satisfied"}
            if token:
                data["access_token"] = token
            self._answer(ticket, **data)
            self.assertEqual(ticket.print_step, "resolved", token)
