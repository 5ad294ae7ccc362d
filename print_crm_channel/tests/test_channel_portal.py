# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import re
from urllib.parse import parse_qs, urlsplit

from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.print_crm_prepress.tests.common import PrintCrmProofCommon

from .common import PrintCrmChannelCommon

TOP = "print_crm_channel-top"
SUB = "print_crm_channel-sub"
SIBLING = "print_crm_channel-sibling"
# Queries of one warm GET of /my/channel/orders in a test (the test cursor's savepoints
# included), whatever the number of orders.
QUERIES_ORDERS_PAGE = 18


@tagged("post_install", "-at_install")
class TestChannelPortal(PrintCrmChannelCommon, PrintCrmProofCommon, HttpCase):
    """A distributor reads its own and its sub-distributors' end customers' documents, over
    RPC and in its portal; a sibling or the sub-distributor below never reads the others'."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"].with_user(cls.module_manager)
        cls.top = Partner.create(
            {"name": "Top Print Brokers", "is_company": True, "print_channel_role": "distributor"}
        )
        cls.sub, cls.sibling = Partner.create(
            [
                {
                    "name": name,
                    "is_company": True,
                    "print_channel_role": "distributor",
                    "print_channel_parent_id": cls.top.id,
                }
                for name in ("Sub Print Shop", "Sibling Prints")
            ]
        )
        cls.users = {}
        cls.contacts = {}
        for login, company, name in (
            (TOP, cls.top, "Tara Top"),
            (SUB, cls.sub, "Sami Sub"),
            (SIBLING, cls.sibling, "Sibyl Sibling"),
        ):
            contact = cls.env["res.partner"].create(
                {"name": name, "parent_id": company.id, "email": f"{login}@channel.example"}
            )
            cls.contacts[login] = contact
            cls.users[login] = new_test_user(
                cls.env, login=login, groups="base.group_portal", partner_id=contact.id, name=name
            )
        cls.end_sub, cls.end_top, cls.end_sibling = cls.env["res.partner"].create(
            [{"name": "Harbour Bakery"}, {"name": "Hill Garage"}, {"name": "Sibling's Florist"}]
        )
        cls.docs = {}
        for login, end in ((SUB, cls.end_sub), (TOP, cls.end_top), (SIBLING, cls.end_sibling)):
            order = cls._order(
                partner_id=cls.contacts[login].id,
                print_end_customer_id=end.id,
                title=f"Menu for {end.name}",
            )
            job = order.print_job_ids
            cls.docs[login] = {
                "order": order,
                "estimate": order.order_line.print_estimate_break_id.estimate_id,
                "job": job,
                "proof": cls._proof(job),
            }
        cls.channel_rep = new_test_user(
            cls.env,
            login="print_crm_channel-rep",
            groups="print_crm_channel.group_channel_user,sales_team.group_sale_salesman_all_leads",
        )
        cls.salesman = new_test_user(
            cls.env,
            login="print_crm_channel-salesman",
            groups="sales_team.group_sale_salesman_all_leads",
        )

    # ------------------------------------------------------------------ helpers

    def _visible(self, login, model, key):
        """Which distributors' documents of kind ``key`` the user reads over RPC."""
        ids = [docs[key].id for docs in self.docs.values()]
        user = self.users.get(login) or self.customer_user
        Model = self.env[model].with_user(user)
        found = Model.search([("id", "in", ids)])
        found.read(["display_name"])
        return {who for who, docs in self.docs.items() if docs[key] in found}

    def _get(self, url):
        return self.url_open(url, allow_redirects=False)

    def _csrf(self, response):
        token = re.search(r'csrf_token: "([0-9a-f]+o[0-9]+)"', response.text)
        self.assertTrue(token, "the page carries a CSRF token")
        return token.group(1)

    def _login(self, login):
        self.authenticate(login, login)

    # ------------------------------------------------------------------ RPC

    def test_documents_over_rpc(self):
        kinds = (
            ("sale.order", "order"),
            ("print.estimate", "estimate"),
            ("print.job", "job"),
            ("print.proof", "proof"),
        )
        for model, key in kinds:
            with self.subTest(model=model):
                self.assertEqual(self._visible(TOP, model, key), {TOP, SUB, SIBLING})
                self.assertEqual(self._visible(SUB, model, key), {SUB})
                self.assertEqual(self._visible(SIBLING, model, key), {SIBLING})
                self.assertEqual(
                    self._visible(self.customer_user.login, model, key),
                    set(),
                    "a customer outside the channel reads none of them",
                )
        # Nothing is writable through the distributor's rules.
        with self.assertRaises(AccessError):
            self.docs[SUB]["order"].with_user(self.users[TOP]).write({"client_order_ref": "X"})

    def test_sibling_never_reads_the_other_branch(self):
        grandchild = (
            self.env["res.partner"]
            .with_user(self.module_manager)
            .create(
                {
                    "name": "Grandchild Prints",
                    "is_company": True,
                    "print_channel_role": "distributor",
                    "print_channel_parent_id": self.sub.id,
                }
            )
        )
        order = self._order(partner_id=grandchild.id, print_end_customer_id=self.end_sub.id)
        for login, sees in ((TOP, True), (SUB, True), (SIBLING, False)):
            found = (
                self.env["sale.order"].with_user(self.users[login]).search([("id", "=", order.id)])
            )
            self.assertEqual(bool(found), sees, login)

    def test_states_the_customer_never_sees_stay_hidden(self):
        draft = self._make_estimate(partner_id=self.contacts[SUB].id)
        proof = self._proof(self.docs[SUB]["job"], send=False)
        Estimate = self.env["print.estimate"].with_user(self.users[TOP])
        Proof = self.env["print.proof"].with_user(self.users[TOP])
        self.assertFalse(Estimate.search([("id", "=", draft.id)]))
        self.assertFalse(Proof.search([("id", "=", proof.id)]))

    def test_placing_a_customer_in_the_channel_shows_at_once(self):
        """The rules read the user's own channel path, which Odoo caches per user: a
        customer made a distributor, with a distributor moved under it, reads that one's
        orders at once (and no longer once it is moved away)."""
        Order = self.env["sale.order"].with_user(self.customer_user)
        order = self.docs[SIBLING]["order"]
        # The customer's rules are computed (and cached) before it joins the channel.
        self.assertFalse(Order.search([("id", "=", order.id)]))
        manager_env = self.env(user=self.module_manager)
        self.customer.with_env(manager_env).print_channel_role = "distributor"
        self.sibling.with_env(manager_env).print_channel_parent_id = self.customer
        self.assertTrue(Order.search([("id", "=", order.id)]))
        self.sibling.with_env(manager_env).print_channel_parent_id = self.top
        self.assertFalse(Order.search([("id", "=", order.id)]))
        self.assertTrue(
            self.env["sale.order"].with_user(self.users[TOP]).search([("id", "=", order.id)])
        )

    # ------------------------------------------------------------------ HTTP

    def test_channel_pages(self):
        self._login(TOP)
        home = self._get("/my/channel")
        self.assertEqual(home.status_code, 200)
        for end in (self.end_sub, self.end_top, self.end_sibling):
            self.assertIn(f'data-customer="{end.id}"', home.text)
        self.assertIn("Sub Print Shop", home.text)
        orders = self._get("/my/channel/orders")
        self.assertEqual(orders.status_code, 200)
        for docs in self.docs.values():
            self.assertIn(f'data-order="{docs["order"].id}"', orders.text)
        page = self._get(f"/my/channel/customers/{self.end_sub.id}")
        self.assertEqual(page.status_code, 200)
        docs = self.docs[SUB]
        for attribute, record in (
            ("data-order", docs["order"]),
            ("data-estimate", docs["estimate"]),
            ("data-job", docs["job"]),
            ("data-proof", docs["proof"]),
        ):
            self.assertIn(f'{attribute}="{record.id}"', page.text)
        self.assertNotIn(f'data-order="{self.docs[TOP]["order"].id}"', page.text)

        self._login(SUB)
        home = self._get("/my/channel")
        self.assertIn(f'data-customer="{self.end_sub.id}"', home.text)
        self.assertNotIn(f'data-customer="{self.end_top.id}"', home.text)
        self.assertNotIn(f'data-customer="{self.end_sibling.id}"', home.text)
        orders = self._get("/my/channel/orders")
        self.assertNotIn(f'data-order="{self.docs[TOP]["order"].id}"', orders.text)
        self.assertEqual(self._get(f"/my/channel/customers/{self.end_top.id}").status_code, 404)
        self.assertEqual(self._get(f"/my/channel/customers/{self.end_sibling.id}").status_code, 404)

    def test_channel_pages_only_for_distributors(self):
        self.authenticate(self.customer_user.login, self.customer_user.login)
        self.assertEqual(self._get("/my/channel").status_code, 404)
        self.assertEqual(self._get("/my/channel/orders").status_code, 404)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["print_channel_customer_count"]}
        )
        self.assertEqual(counters["print_channel_customer_count"], 0)
        self._login(TOP)
        counters = self.make_jsonrpc_request(
            "/my/counters", {"counters": ["print_channel_customer_count"]}
        )
        self.assertEqual(counters["print_channel_customer_count"], 3)

    def test_detail_pages_open_for_the_parent_only(self):
        docs = self.docs[SUB]
        pages = {
            "order": f"/my/orders/{docs['order'].id}",
            "estimate": f"/my/print_estimates/{docs['estimate'].id}",
            "job": f"/my/print_jobs/{docs['job'].id}",
            "proof": f"/my/proofs/{docs['proof'].id}",
        }
        self._login(TOP)
        for key, url in pages.items():
            with self.subTest(user=TOP, page=key):
                response = self._get(url)
                self.assertEqual(response.status_code, 200)
                self.assertIn(docs[key].name, response.text)
        for login in (SIBLING, self.customer_user.login):
            self.authenticate(login, login)
            for key, url in pages.items():
                with self.subTest(user=login, page=key):
                    response = self._get(url)
                    self.assertIn(response.status_code, (303, 302, 403, 404))
                    self.assertNotIn(docs[key].name, response.text)
                    # A wrong token opens nothing either.
                    wrong = self._get(f"{url}?access_token=not-the-token")
                    self.assertIn(wrong.status_code, (303, 302, 403, 404))
        # The sub-distributor does not open its parent's.
        self._login(SUB)
        response = self._get(f"/my/orders/{self.docs[TOP]['order'].id}")
        self.assertIn(response.status_code, (303, 302, 403, 404))
        # With the document's own link (its token), anyone opens it, as in Odoo.
        self._login(SIBLING)
        order = docs["order"]
        token = parse_qs(urlsplit(order.get_portal_url()).query)["access_token"][0]
        self.assertEqual(self._get(f"/my/orders/{order.id}?access_token={token}").status_code, 200)

    def test_tickets_of_the_subtree_when_a_helpdesk_is_installed(self):
        Ticket = self.env.get("helpdesk.ticket")
        if Ticket is None or "print_sale_order_id" not in Ticket._fields:
            self.skipTest("no helpdesk with print orders in this database")
        sub_ticket, sibling_ticket = Ticket.create(
            [
                {
                    "name": f"Smudged menus ({login})",
                    "description": "Ink smudges on the cover.",
                    "partner_id": self.contacts[login].id,
                    "print_sale_order_id": self.docs[login]["order"].id,
                }
                for login in (SUB, SIBLING)
            ]
        )
        self._login(TOP)
        page = self._get(f"/my/channel/customers/{self.end_sub.id}")
        self.assertIn(f'data-ticket="{sub_ticket.id}"', page.text)
        self.assertNotIn(f'data-ticket="{sibling_ticket.id}"', page.text)
        self._login(SUB)
        page = self._get(f"/my/channel/customers/{self.end_sub.id}")
        self.assertIn(f'data-ticket="{sub_ticket.id}"', page.text)

    # ------------------------------------------------------------------ reorder

    def _reorder(self, job, csrf=True):
        page = self._get(f"/my/channel/customers/{self.end_sub.id}")
        data = {"job_id": job.id}
        if csrf:
            data["csrf_token"] = self._csrf(page)
        return self.url_open("/my/channel/reorder", data=data, allow_redirects=False)

    def test_reorder_a_past_job(self):
        Estimate = self.env["print.estimate"]
        before = Estimate.search([])
        job = self.docs[SUB]["job"]
        self._login(TOP)
        page = self._get(f"/my/channel/customers/{self.end_sub.id}")
        self.assertIn('action="/my/channel/reorder"', page.text)
        response = self._reorder(job)
        self.assertEqual(response.status_code, 303)
        new = Estimate.search([]) - before
        self.assertEqual(len(new), 1)
        origin = self.docs[SUB]["estimate"]
        self.assertEqual(new.partner_id, self.contacts[TOP])
        self.assertEqual(new.print_end_customer_id, self.end_sub)
        self.assertEqual((new.state, new.portal_requested), ("draft", True))
        self.assertEqual(new.title, origin.title)
        self.assertEqual(new.break_ids.mapped("quantity"), origin.break_ids.mapped("quantity"))
        self.assertIn(f"/my/channel/customers/{self.end_sub.id}", response.headers["Location"])
        confirmation = self._get(response.headers["Location"])
        self.assertIn(new.name, confirmation.text)
        # The request shows in the distributor's own list of estimates, as requested.
        self.assertIn(new.name, self._get("/my/print_estimates").text)

    def test_reorder_refused_outside_the_subtree(self):
        Estimate = self.env["print.estimate"]
        before = Estimate.search_count([])
        self._login(SIBLING)
        page = self._get("/my/channel")
        data = {"job_id": self.docs[SUB]["job"].id, "csrf_token": self._csrf(page)}
        response = self.url_open("/my/channel/reorder", data=data, allow_redirects=False)
        self.assertEqual(response.status_code, 404)
        # The order line of another branch: refused the same way.
        line = self.docs[SUB]["order"].order_line[:1]
        data = {"line_id": line.id, "csrf_token": self._csrf(page)}
        response = self.url_open("/my/channel/reorder", data=data, allow_redirects=False)
        self.assertEqual(response.status_code, 404)
        # Without the form's CSRF token, nothing either.
        self._login(TOP)
        with mute_logger("odoo.http"):
            response = self._reorder(self.docs[SUB]["job"], csrf=False)
        self.assertEqual(response.status_code, 400)
        self.assertEqual(Estimate.search_count([]), before)

    def test_reorder_an_order_line(self):
        Estimate = self.env["print.estimate"]
        before = Estimate.search([])
        self._login(TOP)
        line = self.docs[SUB]["order"].order_line[:1]
        page = self._get(f"/my/channel/customers/{self.end_sub.id}")
        self.assertIn(f'name="line_id" value="{line.id}"', page.text)
        data = {"line_id": line.id, "csrf_token": self._csrf(page)}
        response = self.url_open("/my/channel/reorder", data=data, allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        new = Estimate.search([]) - before
        self.assertEqual(new.print_end_customer_id, self.end_sub)

    # ------------------------------------------------------------------ proofs on behalf

    def _approve(self, proof, login):
        self._login(login)
        page = self._get(f"/my/proofs/{proof.id}")
        data = {
            "decision": "approve",
            "signature": "Tara Top",
            "approve_confirm": "1",
            "csrf_token": self._csrf(page),
        }
        return self.url_open(f"/my/proofs/{proof.id}/answer", data=data, allow_redirects=False)

    def test_delegation_is_a_decision(self):
        order = self.docs[SUB]["order"]
        with self.assertRaises(UserError):
            order.with_user(self.channel_rep).write({"print_proof_delegated": True})
        with self.assertRaises(AccessError):
            order.with_user(self.users[SUB]).action_print_delegate_proofs()
        with self.assertRaises(AccessError):
            order.with_user(self.salesman).action_print_delegate_proofs()
        order.with_user(self.channel_rep).action_print_delegate_proofs()
        self.assertTrue(order.print_proof_delegated)
        order.with_user(self.channel_rep).action_print_withdraw_proof_delegation()
        self.assertFalse(order.print_proof_delegated)

    def test_approve_on_behalf_only_when_delegated(self):
        proof = self.docs[SUB]["proof"]
        response = self._approve(proof, TOP)
        self.assertEqual(response.status_code, 200, "the page shows the refusal")
        self.assertIn("Only the approvers of this proof", response.text)
        self.assertEqual(proof.state, "sent")

        self.docs[SUB]["order"].with_user(self.channel_rep).action_print_delegate_proofs()
        # A sibling still reads nothing of it.
        response = self._approve_as_sibling(proof)
        self.assertEqual(proof.state, "sent")
        response = self._approve(proof, TOP)
        self.assertEqual(response.status_code, 303)
        self.assertEqual(proof.state, "approved")
        answer = proof.answer_ids
        self.assertEqual(answer.partner_id, self.contacts[SUB], "answered for the approver")
        self.assertEqual(answer.user_id, self.users[TOP], "by the parent distributor's user")

    def _approve_as_sibling(self, proof):
        self._login(SIBLING)
        page = self._get("/my/channel")
        data = {
            "decision": "approve",
            "signature": "Sibyl",
            "approve_confirm": "1",
            "csrf_token": self._csrf(page),
        }
        response = self.url_open(f"/my/proofs/{proof.id}/answer", data=data, allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        return response

    def test_delegation_lets_approve_not_request_changes(self):
        proof = self.docs[SUB]["proof"]
        self.docs[SUB]["order"].with_user(self.channel_rep).action_print_delegate_proofs()
        self._login(TOP)
        page = self._get(f"/my/proofs/{proof.id}")
        data = {"decision": "changes", "comment": "Bigger logo", "csrf_token": self._csrf(page)}
        response = self.url_open(f"/my/proofs/{proof.id}/answer", data=data, allow_redirects=False)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(proof.state, "sent")
        self.assertFalse(proof.answer_ids)

    # ------------------------------------------------------------------ queries

    def _orders_page_queries(self, expected):
        self._get("/my/channel/orders")  # warms the caches: rules, views, QWeb
        self.env.invalidate_all()
        with self.assertQueryCount(expected):
            response = self._get("/my/channel/orders")
        self.assertEqual(response.status_code, 200)
        return response.text.count("<tr data-order=")

    def test_orders_page_queries_do_not_grow_with_orders(self):
        """The distributor's order list costs the same queries with 20 orders as with 200
        (80 shown): `make bench` measures the same page (bench_channel_portal.py)."""
        Order = self.env["sale.order"]
        ends = self.end_sub | self.end_top | self.end_sibling

        def add(count):
            orders = Order.create(
                [
                    {
                        "partner_id": self.contacts[SUB].id,
                        "print_end_customer_id": ends[i % 3].id,
                    }
                    for i in range(count)
                ]
            )
            orders.write({"state": "sent"})
            self.env.flush_all()

        self._login(TOP)
        add(17)
        self.assertEqual(self._orders_page_queries(QUERIES_ORDERS_PAGE), 20)
        add(180)
        self.assertEqual(self._orders_page_queries(QUERIES_ORDERS_PAGE), 80)
