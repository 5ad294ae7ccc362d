# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from urllib.parse import quote, urlencode

from werkzeug.datastructures import FileStorage

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.print_crm_quote.controllers.portal import print_portal_list_values
from odoo.addons.print_crm_quote.models.print_upload_policy import upload_max_content_length

# Odoo's own lists (/my/orders) show 80 records a page; so do the proofs.
# Rounds the customer never sees: those prepress is preparing, and the cancelled ones.
HIDDEN_STATES = ("draft", "cancelled")
# Odoo's bundled pdf.js viewer; its sidebar shows the page thumbnails.
PDF_VIEWER = "/web/static/lib/pdfjs/web/viewer.html"
MB = 1024 * 1024


def _file_size(size):
    """A file size as a customer reads it: 820 KB, 12.5 MB."""
    if size >= MB:
        return f"{size / MB:.1f} MB"
    return f"{max(1, round((size or 0) / 1024))} KB"


# The largest request an upload route reads: the company's limit plus a margin, so that a
# file over the limit gets the form's message (print_crm_quote's upload policy).
_upload_max_content_length = upload_max_content_length


class PrintProofPortal(CustomerPortal):
    """The customer's proofs: a list, one round's page (files, earlier rounds, the answer
    forms), its files, the answer; and the artwork upload on the job's page.

    Access is checked as Odoo's documents are (record rules for the logged-in customer, or
    the round's access token); the answer and the upload are then made as superuser by the
    models' own methods, which check everything else and keep the audit trail.
    """

    # ------------------------------------------------------------------ home and list

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        Proof = request.env["print.proof"]
        wanted = {"print_proof_count", "print_proof_to_answer_count"} & set(counters)
        if wanted:
            can_read = Proof.has_access("read")
            domain = self._print_proof_domain()
            if "print_proof_count" in wanted:
                values["print_proof_count"] = Proof.search_count(domain) if can_read else 0
            if "print_proof_to_answer_count" in wanted:
                values["print_proof_to_answer_count"] = (
                    Proof.search_count(domain + [("state", "=", "sent")]) if can_read else 0
                )
        return values

    def _print_proof_domain(self):
        """The rounds sent to the logged-in user's customer (its company and contacts)."""
        partner = request.env.user.partner_id
        return [
            ("commercial_partner_id", "=", partner.commercial_partner_id.id),
            ("state", "not in", HIDDEN_STATES),
        ]

    def _print_proof_searchbar_sortings(self):
        env = request.env
        return {
            "date": {"label": env._("Newest"), "order": "sent_date desc, id desc"},
            "due": {"label": env._("Answer Due"), "order": "due_date asc, id desc"},
            "name": {"label": env._("Proof"), "order": "name asc, id desc"},
        }

    def _print_proof_searchbar_filters(self):
        env = request.env
        return {
            "all": {"label": env._("All"), "domain": []},
            "to_answer": {"label": env._("To Answer"), "domain": [("state", "=", "sent")]},
            "approved": {"label": env._("Approved"), "domain": [("state", "=", "approved")]},
        }

    def _prepare_print_proofs_values(self, page=1, sortby=None, filterby=None, **kw):
        """What /my/proofs renders: one page of the customer's proof rounds, searched as the
        logged-in user (the record rules apply), shown as superuser."""
        return print_portal_list_values(
            self,
            "print.proof",
            url="/my/proofs",
            domain=self._print_proof_domain(),
            sortings=self._print_proof_searchbar_sortings(),
            filters=self._print_proof_searchbar_filters(),
            sortby=sortby,
            filterby=filterby,
            page=page,
            key="proofs",
            page_name="print_proof",
        )

    @http.route(
        ["/my/proofs", "/my/proofs/page/<int:page>"], type="http", auth="user", website=True
    )
    def portal_my_print_proofs(self, **kw):
        values = self._prepare_print_proofs_values(**kw)
        request.session["my_print_proofs_history"] = values["proofs"].ids[:100]
        return request.render("print_crm_prepress.portal_my_print_proofs", values)

    # ------------------------------------------------------------------ one round

    def _print_proof_check_access(self, proof_id, access_token):
        """The round as superuser when the visitor may see it, else None.

        A round prepress is still preparing, or one it cancelled, is never shown, not even
        with its access token.
        """
        try:
            proof_sudo = self._document_check_access(
                "print.proof", proof_id, access_token=access_token
            )
        except (AccessError, MissingError):
            return None
        if proof_sudo.state in HIDDEN_STATES:
            return None
        return proof_sudo

    def _print_selection_labels(self, model, field):
        env = request.env
        return dict(env[model]._fields[field]._description_selection(env))

    def _print_proof_answerer(self, proof_sudo):
        """Who answers the round from this browser: the logged-in user's contact when it is
        one of the approvers; for a visitor with the round's link (not logged in), the job's
        customer contact if it is one of them. Else nobody (an empty recordset): a logged-in
        colleague who is not an approver does not answer in someone else's name."""
        user = request.env.user
        partner = proof_sudo.partner_id if user._is_public() else user.partner_id.sudo()
        approvers = proof_sudo.approver_ids or proof_sudo.partner_id
        return partner if partner in approvers else partner.browse()

    def _print_proof_file_url(self, proof_sudo, file_sudo, download=False):
        params = {}
        if proof_sudo.access_token:
            params["access_token"] = proof_sudo.access_token
        if download:
            params["download"] = 1
        url = f"/my/proofs/{proof_sudo.id}/files/{file_sudo.id}"
        return f"{url}?{urlencode(params)}" if params else url

    def _print_proof_page_values(self, proof_sudo, access_token, answered=None):
        """What the page of one round shows.

        ``files``: a dict per file (``file``, ``url`` to show it inline, ``download_url``,
        ``viewer_url`` for a PDF). ``earlier_rounds``: the job's rounds before this one that
        the customer saw, newest first, with their answers. ``answerer``: who may answer
        now (empty when nobody may). ``answered``: the answer just given, to confirm it.
        """
        files = []
        for file_sudo in proof_sudo.file_ids:
            url = self._print_proof_file_url(proof_sudo, file_sudo)
            files.append(
                {
                    "file": file_sudo,
                    "size": _file_size(file_sudo.file_size),
                    "url": url,
                    "download_url": self._print_proof_file_url(
                        proof_sudo, file_sudo, download=True
                    ),
                    "viewer_url": f"{PDF_VIEWER}?file={quote(url, safe='')}#pagemode=thumbs",
                }
            )
        rounds = proof_sudo.job_id.print_proof_ids.filtered(lambda p: p.state not in HIDDEN_STATES)
        earlier = rounds.filtered(lambda p: p.round < proof_sudo.round).sorted(
            "round", reverse=True
        )
        newer = rounds.filtered(lambda p: p.round > proof_sudo.round).sorted("round")
        approvals = proof_sudo.answer_ids.filtered(lambda a: a.decision == "approve")
        approvers = proof_sudo.approver_ids or proof_sudo.partner_id
        answerer = self._print_proof_answerer(proof_sudo)
        answer_token = request.params.get("answer_token")
        may_answer = self._print_proof_may_answer(proof_sudo, answer_token)
        can_answer = (
            proof_sudo.state == "sent"
            and may_answer
            and bool(answerer)
            and answerer not in approvals.partner_id
        )
        answered_sudo = proof_sudo.answer_ids.browse()
        if answered and str(answered).isdigit():
            answered_sudo = proof_sudo.answer_ids.filtered(lambda a: a.id == int(answered))
        values = {
            "proof": proof_sudo,
            "job": proof_sudo.job_id,
            "files": files,
            "earlier_rounds": earlier,
            "latest_round": newer[-1:],
            "approvals": approvals,
            "waiting_approvers": approvers - approvals.partner_id,
            "answerer": answerer,
            "can_answer": can_answer,
            "may_answer": may_answer,
            "answer_token": answer_token
            if proof_sudo._print_check_answer_token(answer_token)
            else False,
            "answered": answered_sudo,
            "answer_error": False,
            "answer_form": {},
            "answer_decisions": self._print_selection_labels("print.proof.answer", "decision"),
            "markup_urls": {
                answer.id: self._print_proof_markup_url(proof_sudo, answer)
                for answer in proof_sudo.answer_ids.filtered("markup_attachment_id")
            },
            "page_name": "print_proof",
        }
        return self._get_page_view_values(
            proof_sudo, access_token, values, "my_print_proofs_history", False
        )

    @http.route(["/my/proofs/<int:proof_id>"], type="http", auth="public", website=True)
    def portal_print_proof_page(self, proof_id, access_token=None, answered=None, **kw):
        proof_sudo = self._print_proof_check_access(proof_id, access_token)
        if not proof_sudo:
            return request.redirect("/my")
        values = self._print_proof_page_values(proof_sudo, access_token, answered=answered)
        return request.render("print_crm_prepress.portal_print_proof_page", values)

    @http.route(
        ["/my/proofs/<int:proof_id>/files/<int:file_id>"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_print_proof_file(self, proof_id, file_id, access_token=None, download=None, **kw):
        """One file of a round, inline (to preview it) or as a download."""
        proof_sudo = self._print_proof_check_access(proof_id, access_token)
        file_sudo = proof_sudo.file_ids.filtered(lambda f: f.id == file_id) if proof_sudo else None
        if not file_sudo:
            raise request.not_found()
        stream = request.env["ir.binary"]._get_stream_from(
            file_sudo.attachment_id, "raw", filename=file_sudo.name
        )
        return stream.get_response(as_attachment=str(download or "").lower() in ("1", "true"))

    @http.route(
        ["/my/proofs/<int:proof_id>/answers/<int:answer_id>/markup"],
        type="http",
        auth="public",
        website=True,
    )
    def portal_print_proof_markup(self, proof_id, answer_id, access_token=None, **kw):
        """The marked-up file sent with an answer, to whoever may see the round."""
        proof_sudo = self._print_proof_check_access(proof_id, access_token)
        answer_sudo = (
            proof_sudo.answer_ids.filtered(lambda a: a.id == answer_id) if proof_sudo else None
        )
        if not answer_sudo or not answer_sudo.markup_attachment_id:
            raise request.not_found()
        stream = request.env["ir.binary"]._get_stream_from(
            answer_sudo.markup_attachment_id, "raw", filename=answer_sudo.markup_filename
        )
        return stream.get_response(as_attachment=True)

    def _print_proof_markup_url(self, proof_sudo, answer_sudo):
        url = f"/my/proofs/{proof_sudo.id}/answers/{answer_sudo.id}/markup"
        if proof_sudo.access_token:
            return f"{url}?{urlencode({'access_token': proof_sudo.access_token})}"
        return url

    # ------------------------------------------------------------------ the answer

    def _print_read_upload(self, upload):
        """The uploaded file as werkzeug spooled it (a seekable file, on disk when large).

        The models check it with the company's upload policy (its size without reading it,
        its leading bytes) and copy it in chunks into the filestore: it is never read whole
        into memory.
        """
        return upload.stream

    def _print_proof_may_answer(self, proof_sudo, answer_token=None):
        """Whether this visitor may answer the round at all (who answers is
        :meth:`_print_proof_answerer`'s business).

        An answer decides what goes to press, so the round's read link is not enough (it is
        also reached from the order's and the job's pages): the visitor is logged in and may
        read the round (the customer's own account, through the record rules), or holds
        the answer link e-mailed to the approvers, whose token is made for that action and
        that round only (``print.proof._print_answer_token``).
        """
        user = request.env.user
        if not user._is_public() and request.env["print.proof"].browse(proof_sudo.id).has_access(
            "read"
        ):
            return True
        return proof_sudo._print_check_answer_token(answer_token)

    @http.route(
        ["/my/proofs/<int:proof_id>/answer"],
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
        max_content_length=_upload_max_content_length,
    )
    def portal_print_proof_answer(
        self,
        proof_id,
        access_token=None,
        answer_token=None,
        decision=None,
        signature="",
        approve_confirm=None,
        comment="",
        markup=None,
        **kw,
    ):
        """Record the customer's answer with ``print.proof._answer``, which checks it."""
        proof_sudo = self._print_proof_check_access(proof_id, access_token)
        if not proof_sudo:
            return request.redirect("/my")
        env = request.env
        # As superuser, but in the name of the request's user: the answer keeps who it was.
        proof = env["print.proof"].sudo().browse(proof_sudo.id)
        try:
            if not self._print_proof_may_answer(proof_sudo, answer_token):
                raise UserError(
                    env._(
                        "To answer this proof, open the link of the e-mail we sent you, or log"
                        " in with your own account."
                    )
                )
            partner = self._print_proof_answerer(proof_sudo)
            if not partner:
                raise UserError(
                    env._(
                        "Only the approvers of this proof can answer it (%(names)s): log in"
                        " with your own account.",
                        names=", ".join(
                            (proof_sudo.approver_ids or proof_sudo.partner_id).mapped("name")
                        ),
                    )
                )
            if decision == "approve" and not approve_confirm:
                raise UserError(
                    env._("Tick “I approve this proof for printing” to approve the proof.")
                )
            markup_file = None
            if decision == "changes" and isinstance(markup, FileStorage) and markup.filename:
                markup_file = (
                    markup.filename,
                    self._print_read_upload(markup),
                )
            # The savepoint also rolls back a refused answer's lock on the round.
            with env.cr.savepoint():
                answer = proof._answer(
                    decision,
                    partner.with_env(proof.env),
                    signature=signature or "",
                    comment=comment or "",
                    markup=markup_file,
                    request_info={
                        "ip": request.httprequest.remote_addr,
                        "user_agent": request.httprequest.user_agent.string,
                    },
                )
        except UserError as error:
            values = self._print_proof_page_values(proof_sudo, access_token)
            values.update(
                {
                    "answer_error": error.args[0],
                    "answer_form": {
                        "decision": decision,
                        "signature": signature or "",
                        "comment": comment or "",
                    },
                }
            )
            return request.render("print_crm_prepress.portal_print_proof_page", values)
        params = {"answered": answer.id}
        if access_token:
            params["access_token"] = access_token
        return request.redirect(f"/my/proofs/{proof_sudo.id}?{urlencode(params)}")

    # ------------------------------------------------------------------ artwork

    def _get_page_view_values(
        self, document, access_token, values, session_history, no_breadcrumbs, **kwargs
    ):
        if document._name == "print.job":
            values.update(self._print_job_artwork_values(document))
        return super()._get_page_view_values(
            document, access_token, values, session_history, no_breadcrumbs, **kwargs
        )

    def _print_job_artwork_values(self, job_sudo):
        """What the job's portal page adds: its artwork versions, the upload form, the
        proof rounds the customer saw."""
        uploaded = request.params.get("uploaded")
        artworks = job_sudo.print_artwork_ids.sorted("version", reverse=True)
        extensions = sorted(job_sudo.company_id._print_allowed_extensions())
        env = request.env
        sources = {}
        for artwork in artworks:
            uploader = artwork.uploaded_by_id
            if artwork.source != "portal":
                sources[artwork.id] = env._("Our prepress team")
            elif uploader.active and not uploader._is_public():
                sources[artwork.id] = uploader.name
            else:  # a visitor with the job's link
                sources[artwork.id] = env._("You")
        return {
            "print_artworks": artworks,
            "print_artwork_sources": sources,
            "print_artwork_uploaded": artworks.filtered(lambda a: str(a.id) == str(uploaded or "")),
            **self._print_artwork_upload_values(job_sudo),
            "print_artwork_accept": ",".join(f".{extension}" for extension in extensions),
            "print_artwork_max_mb": job_sudo.company_id.print_artwork_max_mb,
            "print_artwork_error": False,
            "print_artwork_note": "",
            "print_job_proofs": job_sudo.print_proof_ids.filtered(
                lambda p: p.state not in HIDDEN_STATES
            ),
        }

    def _print_may_upload(self, job_sudo, upload_token=None):
        """Whether this visitor may send artwork for the job.

        Sending artwork changes the job (it withdraws an approval), so the job's read link
        is not enough: the visitor is logged in and may read the job (the customer's own
        account, through the record rules), or holds the job's upload link, whose token
        is made for that action and that job only (``print.job._print_artwork_upload_token``).
        """
        user = request.env.user
        if not user._is_public() and request.env["print.job"].browse(job_sudo.id).has_access(
            "read"
        ):
            return True
        return job_sudo._print_check_upload_token(upload_token)

    def _print_artwork_upload_values(self, job_sudo):
        """Whether the page offers the upload (and with which upload token), or says the
        job is in production and takes no new artwork."""
        upload_token = request.params.get("upload_token")
        open_job = not (job_sudo.is_done or job_sudo.is_cancel)
        locked = open_job and job_sudo._print_in_production()
        return {
            "print_artwork_can_upload": open_job
            and not locked
            and self._print_may_upload(job_sudo, upload_token),
            "print_artwork_locked": locked,
            "print_artwork_upload_token": upload_token
            if job_sudo._print_check_upload_token(upload_token)
            else False,
        }

    @http.route(
        ["/my/print_jobs/<int:job_id>/artwork"],
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
        max_content_length=_upload_max_content_length,
    )
    def portal_print_job_artwork(
        self, job_id, access_token=None, upload_token=None, artwork=None, note="", **kw
    ):
        """The customer uploads a new artwork version: ``print.artwork._upload`` checks and
        stores it, withdraws the job's approval and tells prepress."""
        try:
            job_sudo = self._document_check_access("print.job", job_id, access_token=access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        if not self._print_may_upload(job_sudo, upload_token):
            return request.redirect("/my")
        env = request.env
        # As superuser in the name of the request's user (the version says who uploaded it).
        job = env["print.job"].sudo().browse(job_id)
        try:
            if not isinstance(artwork, FileStorage) or not artwork.filename:
                raise UserError(env._("Artwork file: choose the file to upload."))
            data = self._print_read_upload(artwork)
            with env.cr.savepoint():
                version = job.env["print.artwork"]._upload(
                    job, artwork.filename, data, source="portal", note=(note or "").strip()
                )
        except UserError as error:
            response = self.portal_print_job_page(job_id, access_token=access_token)
            response.qcontext.update(
                {"print_artwork_error": error.args[0], "print_artwork_note": note or ""}
            )
            return response
        params = {"uploaded": version.id}
        if access_token:
            params["access_token"] = access_token
        if upload_token:
            params["upload_token"] = upload_token
        return request.redirect(f"/my/print_jobs/{job_id}?{urlencode(params)}#artwork")
