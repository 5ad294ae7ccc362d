# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The distributor's portal: its end customers and their documents, the orders of its whole
subtree, a one-click reorder, and proofs approved on an end customer's behalf.

Documents are searched as the logged-in user, so the portal record rules decide what a
distributor reads (its own and its sub-distributors', never a sibling's); the pages then
show them as superuser, like Odoo's own lists, and link to the documents' existing pages,
which open for the distributor through the same rules.
"""

from urllib.parse import urlencode

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.portal.controllers.portal import pager as portal_pager
from odoo.addons.print_crm_prepress.controllers.portal import PrintProofPortal
from odoo.addons.print_crm_quote.controllers.portal import LIST_PAGE_SIZE

# The orders a distributor follows: quotations sent and confirmed orders (as Odoo's own
# portal lists them), not the drafts a sales rep is preparing nor the cancelled ones.
ORDER_STATES = ("sent", "sale")
# Documents listed on an end customer's page, newest first, at most this many of each kind.
CUSTOMER_PAGE_LIMIT = 80


class PrintChannelPortal(PrintProofPortal):
    # ------------------------------------------------------------------ who and what

    def _print_channel_distributor(self):
        """The logged-in user's distributor (its commercial partner) as superuser, or an
        empty recordset for anyone else."""
        user = request.env.user
        partner = user.partner_id.commercial_partner_id.sudo()
        if user._is_public() or partner.print_channel_role != "distributor":
            return partner.browse()
        return partner

    def _print_channel_subtree_ids(self, distributor):
        return distributor._print_channel_subtree().ids

    def _print_channel_partner_query(self, subtree_ids):
        """The partners of these distributors (the companies and their contacts), as a
        subquery made as superuser: a portal user reads no other customer's contacts, so a
        domain through ``partner_id.commercial_partner_id`` would drop them."""
        Partner = request.env["res.partner"].sudo().with_context(active_test=False)
        return Partner._search([("commercial_partner_id", "in", subtree_ids)])

    def _print_channel_order_domain(self, subtree_ids):
        return [
            ("partner_id", "in", self._print_channel_partner_query(subtree_ids)),
            ("state", "in", ORDER_STATES),
        ]

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "print_channel_customer_count" in counters:
            distributor = self._print_channel_distributor()
            values["print_channel_customer_count"] = (
                len(distributor._print_channel_end_customers()) if distributor else 0
            )
        return values

    # ------------------------------------------------------------------ channel home

    @http.route(["/my/channel"], type="http", auth="user", website=True)
    def portal_my_channel(self, **kw):
        distributor = self._print_channel_distributor()
        if not distributor:
            raise request.not_found()
        subtree_ids = self._print_channel_subtree_ids(distributor)
        customers = distributor._print_channel_end_customers().sorted(
            lambda p: (p.name or "").lower()
        )
        counts = self._print_channel_customer_counts(subtree_ids, customers.ids)
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "distributor": distributor,
                "sub_distributors": distributor.browse(subtree_ids) - distributor,
                "customers": customers,
                "counts": counts,
                "sections": distributor._print_channel_portal_sections(),
                "page_name": "print_channel",
            }
        )
        return request.render("print_crm_channel.portal_my_channel", values)

    def _print_channel_customer_counts(self, subtree_ids, customer_ids):
        """{end customer id: {"orders": n, "estimates": n}}, counted as the logged-in user
        (what the record rules let it read)."""
        env = request.env
        counts = {cid: {"orders": 0, "estimates": 0} for cid in customer_ids}
        searches = (
            ("orders", "sale.order", self._print_channel_order_domain(subtree_ids)),
            (
                "estimates",
                "print.estimate",
                [("partner_id", "in", self._print_channel_partner_query(subtree_ids))],
            ),
        )
        for key, model, domain in searches:
            if not env[model].has_access("read"):
                continue
            groups = env[model]._read_group(
                domain + [("print_end_customer_id", "in", customer_ids)],
                ["print_end_customer_id"],
                ["__count"],
            )
            for customer, count in groups:
                counts[customer.id][key] = count
        return counts

    # ------------------------------------------------------------------ orders

    @http.route(
        ["/my/channel/orders", "/my/channel/orders/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_channel_orders(self, page=1, **kw):
        distributor = self._print_channel_distributor()
        if not distributor:
            raise request.not_found()
        Order = request.env["sale.order"]
        domain = self._print_channel_order_domain(self._print_channel_subtree_ids(distributor))
        pager = portal_pager(
            url="/my/channel/orders",
            total=Order.search_count(domain),
            page=page,
            step=LIST_PAGE_SIZE,
        )
        orders = Order.search(
            domain, order="date_order desc, id desc", limit=LIST_PAGE_SIZE, offset=pager["offset"]
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "distributor": distributor,
                "orders": orders.sudo(),
                "order_states": self._print_channel_selection("sale.order", "state"),
                "pager": pager,
                "page_name": "print_channel_orders",
                "default_url": "/my/channel/orders",
            }
        )
        return request.render("print_crm_channel.portal_my_channel_orders", values)

    def _print_channel_selection(self, model, field):
        env = request.env
        return dict(env[model]._fields[field]._description_selection(env))

    # ------------------------------------------------------------------ one end customer

    @http.route(["/my/channel/customers/<int:customer_id>"], type="http", auth="user", website=True)
    def portal_my_channel_customer(self, customer_id, reordered=None, **kw):
        distributor = self._print_channel_distributor()
        if not distributor:
            raise request.not_found()
        customer = distributor._print_channel_end_customers().filtered(
            lambda p: p.id == customer_id
        )
        if not customer:
            raise request.not_found()
        env = request.env
        subtree_ids = self._print_channel_subtree_ids(distributor)
        Order = env["sale.order"]
        order_domain = self._print_channel_order_domain(subtree_ids) + [
            ("print_end_customer_id", "=", customer.id)
        ]
        orders = Order.search(
            order_domain, order="date_order desc, id desc", limit=CUSTOMER_PAGE_LIMIT
        )
        # Jobs and proofs of this customer's orders: the subquery of the orders the user
        # may read, so that only the record rules decide.
        order_query = Order._search(order_domain)
        documents = {"orders": orders.sudo()}
        for key, model, order in (
            ("estimates", "print.estimate", "date desc, id desc"),
            ("jobs", "print.job", "id desc"),
            ("proofs", "print.proof", "id desc"),
        ):
            Model = env[model]
            if not Model.has_access("read"):
                documents[key] = Model.sudo().browse()
                continue
            if model == "print.estimate":
                domain = [
                    ("partner_id", "in", self._print_channel_partner_query(subtree_ids)),
                    ("print_end_customer_id", "=", customer.id),
                ]
            else:
                domain = [
                    ("commercial_partner_id", "in", subtree_ids),
                    ("sale_order_id", "in", order_query),
                ]
            documents[key] = Model.search(domain, order=order, limit=CUSTOMER_PAGE_LIMIT).sudo()
        values = self._prepare_portal_layout_values()
        values.update(documents)
        values.update(
            {
                "distributor": distributor,
                "customer": customer,
                "tickets": self._print_channel_tickets(subtree_ids, orders),
                "reorder_sources": {
                    job.id: bool(self._print_channel_job_estimate(job)) for job in documents["jobs"]
                },
                "order_states": self._print_channel_selection("sale.order", "state"),
                "estimate_states": self._print_channel_selection("print.estimate", "state"),
                "proof_states": self._print_channel_selection("print.proof", "state"),
                "reordered": reordered,
                "page_name": "print_channel_customer",
            }
        )
        return request.render("print_crm_channel.portal_my_channel_customer", values)

    def _print_channel_tickets(self, subtree_ids, orders):
        """The tickets raised about these orders by the distributor or its
        sub-distributors, when a helpdesk is installed (read as superuser: the distributor
        has no access to its sub-distributors' tickets, and sees only what is listed)."""
        env = request.env
        if "helpdesk.ticket" not in env or not orders:
            return None
        Ticket = env["helpdesk.ticket"].sudo()
        if "print_sale_order_id" not in Ticket._fields:
            return None
        return Ticket.search(
            [
                ("commercial_partner_id", "in", subtree_ids),
                ("print_sale_order_id", "in", orders.ids),
            ],
            order="id desc",
            limit=CUSTOMER_PAGE_LIMIT,
        )

    # ------------------------------------------------------------------ reorder

    def _print_channel_job_estimate(self, job_sudo):
        """The estimate a job was ordered from, as superuser (empty when none)."""
        return job_sudo.sale_line_id.print_estimate_break_id.estimate_id

    def _print_channel_reorder_source(self, distributor, job_id=None, line_id=None):
        """(estimate, end customer) as superuser to copy for a reorder, when the logged-in
        user may read the job or the order line's order and it belongs to its subtree;
        else None."""
        env = request.env
        subtree_ids = self._print_channel_subtree_ids(distributor)
        try:
            if job_id and str(job_id).isdigit():
                job = env["print.job"].browse(int(job_id))
                job.check_access("read")
                job_sudo = job.sudo()
                if job_sudo.commercial_partner_id.id not in subtree_ids:
                    return None
                return self._print_channel_job_estimate(
                    job_sudo
                ), job_sudo.sale_order_id.print_end_customer_id
            if line_id and str(line_id).isdigit():
                line_sudo = env["sale.order.line"].sudo().browse(int(line_id)).exists()
                if not line_sudo:
                    return None
                order = env["sale.order"].browse(line_sudo.order_id.id)
                order.check_access("read")
                if line_sudo.order_id.partner_id.commercial_partner_id.id not in subtree_ids:
                    return None
                return (
                    line_sudo.print_estimate_break_id.estimate_id,
                    line_sudo.order_id.print_end_customer_id,
                )
        except (AccessError, MissingError):
            return None
        return None

    @http.route(["/my/channel/reorder"], type="http", auth="user", methods=["POST"], website=True)
    def portal_my_channel_reorder(self, job_id=None, line_id=None, **kw):
        """Ask for the same work again: a copy of the estimate it was ordered from, sent as
        a quote request of the logged-in distributor for the same end customer."""
        distributor = self._print_channel_distributor()
        if not distributor:
            raise request.not_found()
        source = self._print_channel_reorder_source(distributor, job_id=job_id, line_id=line_id)
        if not source or not source[0]:
            raise request.not_found()
        estimate_sudo, customer = source
        new = estimate_sudo._print_channel_reorder(request.env.user.partner_id, customer)
        if not customer:
            return request.redirect("/my/print_estimates")
        query = urlencode({"reordered": new.name})
        return request.redirect(f"/my/channel/customers/{customer.id}?{query}")

    # ------------------------------------------------------------------ proofs on behalf

    def _print_proof_answerer(self, proof_sudo):
        """A distributor above the one who ordered answers for the approvers when the order
        says the end customer delegated its proof approval (and only to approve)."""
        partner = super()._print_proof_answerer(proof_sudo)
        if partner or request.env.user._is_public():
            return partner
        if request.params.get("decision", "approve") != "approve":
            return partner
        if not self._print_channel_may_approve_for(proof_sudo):
            return partner
        approved = proof_sudo.answer_ids.filtered(lambda a: a.decision == "approve").partner_id
        waiting = (proof_sudo.approver_ids or proof_sudo.partner_id) - approved
        return waiting[:1]

    def _print_channel_may_approve_for(self, proof_sudo):
        """Whether the logged-in distributor approves this round for its end customer: the
        order delegates it, and the round is a sub-distributor's (the record rules let the
        distributor read it)."""
        distributor = self._print_channel_distributor()
        if not distributor or not proof_sudo.sale_order_id.print_proof_delegated:
            return False
        owner = proof_sudo.commercial_partner_id
        if owner == distributor or owner.id not in self._print_channel_subtree_ids(distributor):
            return False
        return request.env["print.proof"].browse(proof_sudo.id).has_access("read")
