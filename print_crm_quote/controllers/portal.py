# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import fields, http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.print_upload_policy import upload_max_content_length

PAGE_SIZE = 20
# Lists with a searchbar (jobs, proofs): a page as long as Odoo's own portal lists.
LIST_PAGE_SIZE = 80


def print_portal_list_values(
    portal, model, *, url, domain, sortings, filters, sortby, filterby, page, key, page_name
):
    """The values of one page of a print_crm portal list (jobs, proofs, ...).

    The records are searched as the logged-in user, so the portal record rules apply, then
    given to the template as superuser (like Odoo's own orders) to show what they link to.
    ``sortings`` and ``filters`` are the searchbar's dicts; the first of each is the default.
    """
    Model = request.env[model]
    sortby = sortby if sortby in sortings else next(iter(sortings))
    filterby = filterby if filterby in filters else next(iter(filters))
    domain = domain + filters[filterby]["domain"]
    pager = portal_pager(
        url=url,
        total=Model.search_count(domain),
        page=page,
        step=LIST_PAGE_SIZE,
        url_args={"sortby": sortby, "filterby": filterby},
    )
    records = Model.search(
        domain, order=sortings[sortby]["order"], limit=LIST_PAGE_SIZE, offset=pager["offset"]
    )
    values = portal._prepare_portal_layout_values()
    values.update(
        {
            key: records.sudo(),
            "pager": pager,
            "page_name": page_name,
            "default_url": url,
            "searchbar_sortings": sortings,
            "sortby": sortby,
            "searchbar_filters": filters,
            "filterby": filterby,
        }
    )
    return values


class PrintEstimatePortal(CustomerPortal):
    # ------------------------------------------------------------------ home and lists

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "print_estimate_count" in counters:
            estimates = request.env["print.estimate"]
            values["print_estimate_count"] = (
                estimates.sudo().search_count(self._print_estimate_list_domain())
                if estimates.has_access("read")
                else 0
            )
        return values

    def _print_estimate_domain(self):
        partner = request.env.user.partner_id
        return [
            ("partner_id", "child_of", [partner.commercial_partner_id.id]),
            ("state", "in", ("sent", "accepted", "lost", "cancelled")),
        ]

    def _print_estimate_list_domain(self):
        """The customer's list, for a search as superuser: the estimates its record rules
        let it read, and the requests it sent from the portal that are not priced yet
        (drafts stay hidden from RPC; only their line in the list shows)."""
        partner = request.env.user.partner_id
        visible = request.env["print.estimate"]._search(self._print_estimate_domain())
        return [
            "|",
            ("id", "in", visible),
            "&",
            "&",
            ("partner_id", "child_of", [partner.commercial_partner_id.id]),
            ("state", "=", "draft"),
            ("portal_requested", "=", True),
        ]

    @http.route(
        ["/my/print_estimates", "/my/print_estimates/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_print_estimates(self, page=1, **kw):
        # sudo: the domain keeps to what the record rules show, plus the customer's own
        # requests (see _print_estimate_list_domain).
        Estimate = request.env["print.estimate"].sudo()
        domain = self._print_estimate_list_domain()
        pager = portal_pager(
            url="/my/print_estimates",
            total=Estimate.search_count(domain),
            page=page,
            step=PAGE_SIZE,
        )
        estimates = Estimate.search(
            domain, order="date desc, id desc", limit=PAGE_SIZE, offset=pager["offset"]
        )
        request.session["my_print_estimates_history"] = estimates.ids[:100]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "estimates": estimates,
                "pager": pager,
                "page_name": "print_estimate",
                "default_url": "/my/print_estimates",
            }
        )
        return request.render("print_crm_quote.portal_my_print_estimates", values)

    # ------------------------------------------------------------------ one estimate

    @http.route(["/my/print_estimates/<int:estimate_id>"], type="http", auth="public", website=True)
    def portal_print_estimate_page(
        self, estimate_id, access_token=None, report_type=None, download=False, **kw
    ):
        try:
            estimate_sudo = self._document_check_access(
                "print.estimate", estimate_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        if not self._print_estimate_shown(estimate_sudo):
            return request.redirect("/my")
        if report_type in ("html", "pdf", "text"):
            return self._show_report(
                model=estimate_sudo,
                report_type=report_type,
                report_ref="print_crm_quote.action_report_print_estimate",
                download=download,
            )
        values = self._get_page_view_values(
            estimate_sudo,
            access_token,
            {
                "estimate": estimate_sudo,
                "page_name": "print_estimate",
                "error": kw.get("error"),
            },
            "my_print_estimates_history",
            False,
        )
        return request.render("print_crm_quote.portal_print_estimate_page", values)

    @http.route(
        ["/my/print_estimates/<int:estimate_id>/accept"],
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_print_estimate_accept(self, estimate_id, break_id=None, access_token=None, **kw):
        try:
            estimate_sudo = self._document_check_access(
                "print.estimate", estimate_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return request.redirect("/my")
        if not self._print_estimate_shown(estimate_sudo):
            return request.redirect("/my")
        break_ = estimate_sudo.break_ids.filtered(lambda b: str(b.id) == str(break_id))
        accepted = estimate_sudo.state == "accepted" and estimate_sudo.accepted_break_id
        if break_ and accepted == break_ and estimate_sudo.sale_order_id:
            # The same answer again (a double click, a retried request): the same order.
            return request.redirect(estimate_sudo.sale_order_id.get_portal_url())
        if not break_ or estimate_sudo.state != "sent" or estimate_sudo.is_expired:
            return request.redirect(estimate_sudo.get_portal_url(query_string="&error=accept"))
        # After _document_check_access: the customer's own estimate, or its token.
        order = estimate_sudo._print_portal_accept(break_, self._print_portal_partner())
        return request.redirect(order.get_portal_url())

    def _print_portal_partner(self):
        """The logged-in customer, who follows what it accepts (nobody for a visitor with
        the link of an e-mail)."""
        user = request.env.user
        return user.partner_id if not user._is_public() else user.partner_id.browse()

    def _print_estimate_shown(self, estimate_sudo):
        """Whether the estimate's page may be shown: a sent (or, for reference, accepted)
        estimate to anyone with its link; other states only to whom the record rules let
        read it (its customer sees its lost and cancelled ones, never a draft)."""
        if estimate_sudo.state in ("sent", "accepted"):
            return True
        return request.env["print.estimate"].browse(estimate_sudo.id).has_access("read")

    # ------------------------------------------------------------------ request a quote

    @http.route(["/my/print_quote"], type="http", auth="user", website=True)
    def portal_print_quote_products(self, **kw):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "products": request.env["print.portal.product"].search([]),
                "page_name": "print_quote",
            }
        )
        return request.render("print_crm_quote.portal_print_quote_products", values)

    @http.route(
        ["/my/print_quote/<int:product_id>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
        max_content_length=upload_max_content_length,
    )
    def portal_print_quote(self, product_id, **post):
        product = request.env["print.portal.product"].browse(product_id).exists()
        if not product:
            raise request.not_found()
        if request.httprequest.method == "POST":
            # What the customer typed, even empty: defaults only prefill a new form.
            form = {
                key: post.get(key, "")
                for key in ("title", "quantities", "pages", "wanted_date", "note")
            }
        else:
            form = {
                "title": product.name,
                "quantities": product.quantities,
                "pages": product.pages or "",
                "wanted_date": "",
                "note": "",
            }
        errors = {}
        prices = None
        clean = {}
        if request.httprequest.method == "POST" or product.instant:
            clean, errors = self._print_quote_validate(product, form)
            artwork = request.httprequest.files.get("artwork")
            if artwork and artwork.filename:
                # The spooled upload's stream: checked by its size and leading bytes, then
                # copied in chunks into the filestore, never read whole into memory.
                try:
                    mimetype = self._print_quote_company(product)._print_check_upload(
                        artwork.filename, artwork.stream, request.env._("Artwork file")
                    )
                    clean["artwork"] = (artwork.filename, artwork.stream, mimetype)
                except UserError as error:
                    errors["artwork"] = str(error.args[0])
        todo = post.get("todo") or ""
        action, __, quantity = todo.partition("-")
        if request.httprequest.method == "POST" and not errors and action in ("request", "order"):
            try:
                return self._print_quote_submit(product, clean, action, quantity)
            except (UserError, ValidationError) as error:
                errors["general"] = str(error.args[0])
        if product.instant and not errors:
            try:
                prices = self._print_quote_prices(product, clean)
            except (UserError, ValidationError) as error:
                errors["general"] = str(error.args[0])
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "product": product,
                "form": form,
                "errors": errors,
                "prices": prices,
                "page_name": "print_quote",
                "artwork_accept": ",".join(
                    f".{extension}"
                    for extension in sorted(
                        self._print_quote_company(product)._print_allowed_extensions()
                    )
                ),
            }
        )
        return request.render("print_crm_quote.portal_print_quote_form", values)

    def _print_quote_validate(self, product, form):
        """Check the request form; return (clean values, {field: message})."""
        env = request.env
        clean, errors = {}, {}
        try:
            clean["quantities"] = env["print.portal.product"]._parse_quantities(form["quantities"])
        except ValidationError as error:
            errors["quantities"] = str(error.args[0])
        clean["title"] = (form["title"] or "").strip()[:200] or product.name
        if product.product_kind in ("saddle_stitched", "perfect_bound"):
            pages = str(form["pages"]).strip()
            # sudo: the binding machine's limit is no secret, the customer needs it.
            max_pages = product.sudo()._print_max_text_pages()
            if not (pages.isascii() and pages.isdigit()) or int(pages) <= 0:
                errors["pages"] = env._("Pages: give the number of pages as a whole number.")
            elif int(pages) > max_pages:
                largest = f"{max_pages:,}"  # not inside _(): Babel would drop the file's terms
                errors["pages"] = env._(
                    "Pages: at most %(max)s pages for this product.", max=largest
                )
            elif product.product_kind == "saddle_stitched" and int(pages) % 4:
                errors["pages"] = env._(
                    "Pages: a saddle-stitched booklet has a multiple of 4 pages, not %(pages)s.",
                    pages=pages,
                )
            elif product.product_kind == "perfect_bound" and int(pages) % 2:
                errors["pages"] = env._(
                    "Pages: a book has an even number of pages, not %(pages)s.", pages=pages
                )
            else:
                clean["pages"] = int(pages)
        if form["wanted_date"]:
            try:
                wanted = fields.Date.to_date(form["wanted_date"])
            except ValueError:
                wanted = None
            if not wanted:
                errors["wanted_date"] = env._("Wanted by: not a date.")
            elif wanted < fields.Date.context_today(env.user):
                errors["wanted_date"] = env._("Wanted by: the date is in the past.")
            else:
                clean["wanted_date"] = wanted
        clean["note"] = (form["note"] or "").strip()[:5000]
        return clean, errors

    def _print_quote_company(self, product):
        """The company whose upload policy the request's artwork follows, as superuser to read
        its settings (the customer is logged in and the product is one it may request)."""
        return (product.company_id or request.env.company).sudo()

    def _print_quote_estimate(self, product, clean):
        """A new (not yet saved) draft estimate for the logged-in customer."""
        partner = request.env.user.partner_id
        return product.sudo()._estimate_values(
            partner,
            clean["quantities"],
            pages=clean.get("pages"),
            title=clean.get("title"),
            wanted_date=clean.get("wanted_date"),
            note=clean.get("note"),
        )

    def _print_quote_prices(self, product, clean):
        """Instant prices of the spec, computed without saving anything."""
        estimate = (
            request.env["print.estimate"].sudo().new(self._print_quote_estimate(product, clean))
        )
        result = estimate._engine_result()
        return [
            {
                "quantity": priced.quantity,
                "price": priced.price,
                "unit_price": priced.unit_price,
                "minimum": priced.minimum_applied,
                "currency": estimate.currency_id,
            }
            for priced in result.breaks
        ]

    def _print_quote_submit(self, product, clean, action, quantity):
        Estimate = request.env["print.estimate"].sudo()
        # The customer asked for it online: listed at once as requested in its estimates.
        estimate = Estimate._print_decide("portal_requested").create(
            dict(self._print_quote_estimate(product, clean), portal_requested=True)
        )
        partner = request.env.user.partner_id
        estimate.message_subscribe(partner_ids=partner.ids)
        if clean.get("artwork"):
            name, stream, mimetype = clean["artwork"]
            attachment = self._print_quote_company(product)._print_upload_attachment(
                name,
                stream,
                request.env._("Artwork file"),
                res_model=estimate._name,
                res_id=estimate.id,
                mimetype=mimetype,
            )[0]
            estimate.message_post(
                body=request.env._("Artwork sent with the request."),
                attachment_ids=attachment.ids,
                author_id=partner.id,
            )
        if action == "order" and product.instant:
            estimate.action_compute()
            break_ = estimate.break_ids.filtered(lambda b: str(b.quantity) == str(quantity))
            if not break_:
                raise UserError(request.env._("Quantity: choose one of the quantities priced."))
            estimate.action_mark_sent()
            order = estimate._print_portal_accept(break_, partner)
            return request.redirect(order.get_portal_url())
        estimate.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=request.env._("Price the quote request %(name)s", name=estimate.name),
            user_id=estimate.user_id.id or request.env.ref("base.user_admin").id,
        )
        estimate.message_post(
            body=request.env._("Quote requested from the portal."), author_id=partner.id
        )
        return request.render(
            "print_crm_quote.portal_print_quote_thanks",
            dict(self._prepare_portal_layout_values(), estimate=estimate, page_name="print_quote"),
        )
