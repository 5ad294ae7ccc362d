# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json
from datetime import timedelta

from odoo import api, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import SQL

from odoo.addons.print_crm_tracking.models.print_access import JOB_READERS, require_group

PROOF_STATES = [
    ("draft", "Draft"),
    ("sent", "Awaiting Customer"),
    ("approved", "Approved"),
    ("changes", "Changes Requested"),
    ("rejected", "Rejected"),
    ("withdrawn", "Approval Withdrawn"),
    ("cancelled", "Cancelled"),
]
# The order of the workflow (kanban columns); the first ones are always shown.
WORKFLOW_ORDER = ("draft", "sent", "changes", "rejected", "approved", "withdrawn", "cancelled")
KANBAN_STATES = ("draft", "sent", "changes", "approved")
# States in which a round and its files stay as they are.
FROZEN_STATES = ("approved", "changes", "rejected", "withdrawn")
# What may still change on a frozen round: the system marks it withdrawn, counts reminders.
FROZEN_WRITABLE = {"state", "withdrawn_date", "withdrawn_reason", "reminder_sent", "next_id"}
PROOF_USER = "print_crm_prepress.group_proof_user"
ANSWER_TOKEN_SCOPE = "print_crm_prepress.proof_answer"


class PrintProof(models.Model):
    """One proof round of a job: the files sent to the customer and the customer's answer."""

    _name = "print.proof"
    _description = "Proof Round"
    _inherit = ["portal.mixin", "mail.thread", "mail.activity.mixin", "print.decision.mixin"]
    _order = "job_id, round desc, id desc"
    # Written by the round's actions only: action_send, action_cancel, the customer's answer
    # (_answer, from the portal controller) and the withdrawal by new artwork.
    _print_decision_fields = (
        "state",
        "sent_date",
        "answered_date",
        "withdrawn_date",
        "withdrawn_reason",
        "next_id",
    )
    # Fields with groups="base.group_user" are the shop's: the portal reads them (files,
    # answers) as superuser after its access check.

    name = fields.Char(compute="_compute_name", store=True)
    job_id = fields.Many2one("print.job", "Job", required=True, ondelete="cascade", index=True)
    job_title = fields.Char(related="job_id.title", string="Job Title")
    company_id = fields.Many2one(related="job_id.company_id", store=True, index=True)
    partner_id = fields.Many2one(related="job_id.partner_id", store=True, string="Customer")
    commercial_partner_id = fields.Many2one(
        related="job_id.commercial_partner_id", store=True, index=True
    )
    sale_order_id = fields.Many2one(related="job_id.sale_order_id", store=True)
    round = fields.Integer(required=True, readonly=True, default=1)
    state = fields.Selection(
        PROOF_STATES,
        default="draft",
        required=True,
        tracking=True,
        group_expand="_read_group_expand_state",
    )
    proof_type = fields.Selection(
        [("soft", "Soft Proof (on screen)"), ("hard", "Hard Proof (printed)")],
        default="soft",
        required=True,
    )
    note = fields.Text("Message to the Customer")
    internal_note = fields.Text(groups="base.group_user")
    due_date = fields.Date("Answer Due", tracking=True)
    sent_date = fields.Datetime("Sent", readonly=True, copy=False)
    answered_date = fields.Datetime("Answered", readonly=True, copy=False)
    artwork_id = fields.Many2one(
        "print.artwork",
        "From Artwork",
        groups="base.group_user",
        help="The artwork version this proof was made from.",
    )
    file_ids = fields.One2many(
        "print.proof.file", "proof_id", "Proof Files", groups="base.group_user"
    )
    answer_ids = fields.One2many(
        "print.proof.answer", "proof_id", "Answers", readonly=True, groups="base.group_user"
    )
    approver_ids = fields.Many2many(
        "res.partner",
        string="Approvers",
        help="Everyone who must approve the proof; empty: the job's customer contact.",
    )
    next_id = fields.Many2one(
        "print.proof", "Next Round", readonly=True, copy=False, groups="base.group_user"
    )
    withdrawn_date = fields.Datetime(readonly=True, copy=False, groups="base.group_user")
    withdrawn_reason = fields.Char(readonly=True, copy=False, groups="base.group_user")
    reminder_sent = fields.Boolean(readonly=True, copy=False, groups="base.group_user")
    print_answer_url = fields.Char(
        "Answer Link",
        compute="_compute_print_answer_url",
        groups="base.group_user",
        help="The link e-mailed to the approvers: whoever holds it may answer this round."
        " The round's ordinary link (and the order's or job's) only shows it.",
    )
    response_hours = fields.Float(
        "Customer Response (hours)",
        compute="_compute_response_hours",
        store=True,
        aggregator="avg",
        groups="base.group_user",
    )

    _sql_constraints = [
        ("job_round_uniq", "unique(job_id, round)", "A round number is used once per job."),
    ]

    def _read_group_expand_state(self, states, domain):
        """Group by state in the order of the workflow (the kanban's columns): what
        prepress prepares, what the customer has, what came back, what is approved; the
        withdrawn and cancelled rounds only when there are some."""
        return [state for state in WORKFLOW_ORDER if state in KANBAN_STATES or state in states]

    def _print_round_label(self):
        return self.env._("%(job)s round %(round)s", job=self.job_id.name or "", round=self.round)

    @api.depends("job_id.name", "round")
    def _compute_name(self):
        for proof in self:
            proof.name = proof._print_round_label()

    @api.depends("job_id.name", "round")
    @api.depends_context("lang")
    def _compute_display_name(self):
        # ``name`` is stored (search, sort) in the language of whoever made the round;
        # what a person reads is said in their own language.
        for proof in self:
            proof.display_name = proof._print_round_label()

    @api.depends("sent_date", "answered_date")
    def _compute_response_hours(self):
        for proof in self:
            if proof.sent_date and proof.answered_date:
                delta = proof.answered_date - proof.sent_date
                proof.response_hours = delta.total_seconds() / 3600
            else:
                proof.response_hours = 0.0

    def _compute_access_url(self):  # pylint: disable=missing-return
        super()._compute_access_url()
        for proof in self:
            proof.access_url = f"/my/proofs/{proof.id}"

    def _compute_print_answer_url(self):
        for proof in self:
            record = proof._origin
            if not record.id:
                proof.print_answer_url = False
                continue
            record._portal_ensure_token()  # the answer token signs the access token
            token = record._print_answer_token()
            proof.print_answer_url = record.get_portal_url(query_string=f"&answer_token={token}")

    def _print_answer_token(self):
        """The token of this round's answer link: a signature of the round and of its access
        token, made with the database secret. The access token (the round's read link, also
        reached from the order's and the job's pages) does not give it."""
        self.ensure_one()
        return tools.hmac(
            self.env(su=True), ANSWER_TOKEN_SCOPE, (self.id, self.sudo().access_token or "")
        )

    def _print_check_answer_token(self, token):
        self.ensure_one()
        return bool(
            token
            and self.sudo().access_token
            and tools.consteq(str(token), self._print_answer_token())
        )

    # ------------------------------------------------------------------ CRUD

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            job = self.env["print.job"].browse(vals["job_id"])
            if "round" not in vals:
                last = self.sudo().search([("job_id", "=", job.id)], order="round desc", limit=1)
                vals["round"] = (last.round or 0) + 1
            if "artwork_id" not in vals:
                vals["artwork_id"] = job.print_artwork_id.id
            if "approver_ids" not in vals:
                vals["approver_ids"] = [fields.Command.set(job.partner_id.ids)]
        return super().create(vals_list)

    def write(self, vals):
        self._check_frozen(set(vals), vals.get("state"))
        if "approver_ids" in vals:
            self._check_approvers_open()
        return super().write(vals)

    def _check_approvers_open(self):
        """Who must approve a round is fixed once it is sent: the link went to them, and
        dropping the one who has not answered would approve it for them."""
        sent = self.filtered(lambda p: p.state != "draft")
        if sent:
            raise UserError(
                self.env._(
                    "Approvers: %(proof)s was sent to its approvers, who must approve it is"
                    " fixed. Ask someone else on a new round.",
                    proof=sent[0].display_name,
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        for proof in self:
            if proof.state != "draft" or proof.answer_ids:
                raise UserError(
                    self.env._(
                        "%(proof)s was sent to the customer: it is kept. Cancel it instead.",
                        proof=proof.display_name,
                    )
                )

    def _check_frozen(self, names, new_state=None):
        """A round the customer answered (and its files) stays as it was answered; its
        state only goes from approved to withdrawn, when new artwork arrives."""
        frozen = self.filtered(lambda p: p.state in FROZEN_STATES)
        if "state" in names and frozen:
            if new_state != "withdrawn" or frozen.filtered(lambda p: p.state != "approved"):
                raise UserError(
                    self.env._(
                        "%(proof)s was answered by the customer: its state stays.",
                        proof=frozen[0].display_name,
                    )
                )
        changed = names - FROZEN_WRITABLE - {"message_main_attachment_id"}
        if not changed:
            return
        if frozen:
            raise UserError(
                self.env._(
                    "%(proof)s was answered by the customer and can no longer be changed.",
                    proof=frozen[0].display_name,
                )
            )

    # ------------------------------------------------------------------ actions

    def action_send(self):
        """Send the proof to the customer: e-mail with a link to answer it on the portal."""
        require_group(self, self.env._("Send Proof"), PROOF_USER)
        for proof in self:
            if proof.state != "draft":
                raise UserError(self.env._("%(proof)s was already sent.", proof=proof.display_name))
            if not proof.file_ids:
                raise UserError(
                    self.env._(
                        "Proof Files: add the files of %(proof)s before sending it.",
                        proof=proof.display_name,
                    )
                )
            newer = proof.job_id.print_proof_ids.filtered(
                lambda p, proof=proof: p.round > proof.round and p.state != "cancelled"
            )
            if newer:
                raise UserError(
                    self.env._(
                        "%(proof)s is not the job's latest round (%(newer)s is).",
                        proof=proof.display_name,
                        newer=newer[0].display_name,
                    )
                )
        now = fields.Datetime.now()
        for proof in self:
            days = proof.company_id.print_proof_answer_days or 0
            proof._print_decide("state", "sent_date").write(
                {
                    "state": "sent",
                    "sent_date": now,
                    "due_date": proof.due_date
                    or fields.Date.context_today(proof) + timedelta(days),
                }
            )
            proof._portal_ensure_token()
            proof.job_id._print_to_proof_stage()
            proof._notify_customer()
        return True

    def _notify_customer(self):
        """E-mail the approvers the link to the proof."""
        self.ensure_one()
        self._print_mail_customer(self.env.ref("print_crm_prepress.mail_template_print_proof"))

    def _print_mail_author(self):
        """Who e-mails the customer: the job's responsible, else the company, else the
        current user, the first with an address. The cron's own user (OdooBot) never does."""
        self.ensure_one()
        user = self.env.user
        current = user.partner_id if not user._is_superuser() else user.partner_id.browse()
        authors = self.job_id.user_id.partner_id | self.job_id.company_id.partner_id | current
        return authors.filtered("email")[:1]

    def _print_mail_customer(self, template, partners=None):
        """E-mail ``partners`` (default: the approvers) this round with ``template``, from
        :meth:`_print_mail_author`; without a sender, a note on the round says so.

        Returns whether the e-mail was queued.
        """
        self.ensure_one()
        author = self._print_mail_author()
        if not author:
            self.message_post(
                body=self.env._("No sender address is set up: the customer was not e-mailed.")
            )
            return False
        if partners is None:
            partners = self.approver_ids or self.partner_id
        self.message_post_with_source(
            template,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=partners.ids,
            author_id=author.id,
            email_from=author.email_formatted,
            force_send=False,
        )
        return True

    def _print_upload_files(self, files):
        """Add ``files`` [(name, bytes or a seekable stream)] to this draft round, each
        checked and stored by the company's upload policy (:meth:`PrintProofFile._add`).

        The back office's upload (the round's form, the job's) calls it; the controller
        runs it in a savepoint, so a refused file leaves none of the others.
        """
        require_group(self, self.env._("Upload Proof Files"), PROOF_USER)
        self.ensure_one()
        self.check_access("write")
        if self.state != "draft":
            raise UserError(
                self.env._(
                    "%(proof)s was sent: its files can no longer change.",
                    proof=self.display_name,
                )
            )
        if not files:
            raise UserError(self.env._("Proof Files: choose the files to upload."))
        added = self.env["print.proof.file"]
        for name, data in files:
            added |= added._add(self, name, data)
        return added

    def action_cancel(self):
        require_group(self, self.env._("Cancel Proof"), PROOF_USER)
        for proof in self:
            if proof.state not in ("draft", "sent"):
                raise UserError(
                    self.env._(
                        "%(proof)s was answered by the customer and can no longer be cancelled.",
                        proof=proof.display_name,
                    )
                )
        self._print_decide("state").write({"state": "cancelled"})
        return True

    def action_view_job(self):
        require_group(self, self.env._("Open the Job"), *JOB_READERS)
        self.ensure_one()
        return self.job_id.get_formview_action()

    # ------------------------------------------------------------------ the answer

    def _answer(self, decision, partner, signature="", comment="", markup=None, request_info=None):
        """Record the customer's answer to this round, once, and act on it.

        ``decision`` is approve, changes or reject; ``markup`` an optional (name, bytes)
        marked-up file; ``request_info`` {"ip": ..., "user_agent": ...}.

        The round's row is locked first, without waiting: an answer sent while another is
        being recorded (a double click) fails with a concurrency error, on which Odoo replays
        the request (``odoo.service.model.retrying``) once the first is committed. The same
        answer given again by the same approver returns the answer already given; a
        different one is refused. Either way the round gets one decision.
        """
        self.ensure_one()
        if not self.env.su:
            # The caller may see the round (a portal customer through the record rule; the
            # controller calls as superuser after its token check). The answer is recorded
            # as superuser, in the caller's name: env.uid stays the caller's.
            self.check_access("read")
            return self.sudo()._answer(
                decision, partner.sudo(), signature, comment, markup, request_info
            )
        self.flush_recordset(["state"])
        # log_exceptions=False: a refused lock is a replayed request, not an error.
        self.env.cr.execute(
            SQL("SELECT state FROM print_proof WHERE id = %s FOR UPDATE NOWAIT", self.id),
            log_exceptions=False,
        )
        state = self.env.cr.fetchone()[0]
        self.invalidate_recordset()
        partner = partner.exists()
        given = self.answer_ids.filtered(
            lambda a: a.partner_id == partner and a.decision == decision
        )
        if partner and given:
            return given[:1]  # answered already (a double click, a replayed request)
        if state != "sent":
            raise UserError(
                self.env._(
                    "%(proof)s is no longer awaiting an answer (%(state)s).",
                    proof=self.display_name,
                    state=dict(PROOF_STATES)[state],
                )
            )
        if decision not in ("approve", "changes", "reject"):
            raise UserError(self.env._("Answer: approve, request changes or reject."))
        if decision == "approve":
            if not (signature or "").strip():
                raise UserError(self.env._("Signature: type your full name to approve the proof."))
        elif not (comment or "").strip():
            raise UserError(self.env._("Comments: say what should change or why you reject it."))
        info = request_info or {}
        markup_attachment = self.env["ir.attachment"]
        if markup:
            # Bytes or a portal upload's spooled stream, checked with the company's upload
            # policy and copied in chunks into the filestore, kept exactly as sent.
            name, data = markup
            markup_attachment = self.company_id.sudo()._print_upload_attachment(
                name,
                b"" if data is None else data,
                self.env._("Marked-up file"),
                res_model=self._name,
                res_id=self.id,
            )[0]
        answer = (
            self.env["print.proof.answer"]
            .sudo()
            ._print_decide()
            .create(
                {
                    "proof_id": self.id,
                    "decision": decision,
                    "partner_id": partner.id,
                    "user_id": self.env.uid,
                    "signature": (signature or "").strip() or False,
                    "comment": (comment or "").strip() or False,
                    "markup_attachment_id": markup_attachment.id,
                    "ip_address": info.get("ip") or False,
                    "user_agent": (info.get("user_agent") or "")[:512] or False,
                    "file_checksums": json.dumps(
                        {f.name: f.checksum for f in self.file_ids}, ensure_ascii=False
                    ),
                }
            )
        )
        self.sudo()._decide(answer)
        return answer

    def _decide(self, answer):
        """Close the round when an answer decides it."""
        self.ensure_one()
        now = fields.Datetime.now()
        if answer.decision == "approve":
            approved = self.answer_ids.filtered(lambda a: a.decision == "approve").partner_id
            waiting = (self.approver_ids or self.partner_id) - approved
            if waiting:
                self.message_post(
                    body=self.env._(
                        "%(who)s approved; waiting for %(others)s.",
                        who=answer.signature,
                        others=", ".join(waiting.mapped("name")),
                    )
                )
                return
            self._print_decide("state", "answered_date").write(
                {"state": "approved", "answered_date": now}
            )
            self.message_post(
                body=self.env._("Approved for printing by %(who)s.", who=answer.signature)
            )
            self.job_id.message_post(
                body=self.env._("%(proof)s approved: the job may go to press.", proof=self.name)
            )
            return
        state = "changes" if answer.decision == "changes" else "rejected"
        self._print_decide("state", "answered_date").write({"state": state, "answered_date": now})
        job = self.job_id
        job._print_back_to_prepress()
        if state == "changes":
            next_round = self.create(
                {
                    "job_id": job.id,
                    "proof_type": self.proof_type,
                    "approver_ids": [fields.Command.set(self.approver_ids.ids)],
                }
            )
            self._print_decide("next_id").write({"next_id": next_round.id})
        job._print_tell_prepress(
            self.env._("%(proof)s: the customer requested changes.", proof=self.name)
            if state == "changes"
            else self.env._("%(proof)s: the customer rejected the proof.", proof=self.name),
            answer.comment,
        )

    def _withdraw_approval(self, reason):
        """New artwork came after the approval: the approval no longer holds."""
        approved = self.filtered(lambda p: p.state == "approved")
        approved.sudo()._print_decide("state", "withdrawn_date", "withdrawn_reason").write(
            {
                "state": "withdrawn",
                "withdrawn_date": fields.Datetime.now(),
                "withdrawn_reason": reason,
            }
        )
        for proof in approved:
            proof.message_post(body=self.env._("Approval withdrawn: %(why)s", why=reason))
        return approved


class PrintProofFile(models.Model):
    """A file of a proof round, with the checksum the customer's answer refers to."""

    _name = "print.proof.file"
    _description = "Proof File"
    _inherit = ["print.decision.mixin"]
    _order = "proof_id, sequence, id"
    # The file and what the answers refer to: set by _add() from the file itself.
    _print_decision_fields = ("attachment_id", "checksum", "file_size", "mimetype")

    proof_id = fields.Many2one("print.proof", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="proof_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char("File Name", required=True)
    attachment_id = fields.Many2one(
        "ir.attachment", required=True, ondelete="restrict", readonly=True
    )
    file = fields.Binary(related="attachment_id.datas", string="Download")
    checksum = fields.Char("SHA-256", readonly=True)
    file_size = fields.Integer("Size (bytes)", readonly=True)
    mimetype = fields.Char(readonly=True)
    is_pdf = fields.Boolean(compute="_compute_kind")
    is_image = fields.Boolean(compute="_compute_kind")

    @api.depends("mimetype")
    def _compute_kind(self):
        for file in self:
            file.is_pdf = file.mimetype == "application/pdf"
            file.is_image = (file.mimetype or "").startswith("image/")

    @api.model_create_multi
    def create(self, vals_list):
        self._print_check_decision_vals(vals_list)
        if not self._print_decision_allowed(()):
            # Not a line of the round's form nor an RPC create: a file joins a round
            # through its upload (_add), which checks it and records what it is.
            raise UserError(
                self.env._(
                    "Proof Files: upload the files on the round or on its job; a proof file"
                    " is never created directly."
                )
            )
        files = super().create(vals_list)
        for file in files:
            if file.proof_id.state != "draft":
                raise UserError(
                    self.env._(
                        "%(proof)s was sent: its files can no longer change.",
                        proof=file.proof_id.display_name,
                    )
                )
        return files

    def write(self, vals):
        self._check_draft()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_sent(self):
        self._check_draft()

    def _check_draft(self):
        sent = self.filtered(lambda f: f.proof_id.state != "draft")
        if sent:
            raise UserError(
                self.env._(
                    "%(proof)s was sent: its files can no longer change.",
                    proof=sent[0].proof_id.display_name,
                )
            )

    @api.model
    def _add(self, proof, filename, data, mimetype=None):
        """Check and attach a proof file to a draft round.

        The company's upload policy checks the file (its content decides the mimetype, not
        ``mimetype``, kept for callers that pass one) and stores it exactly as sent.
        """
        proof.ensure_one()
        attachment, checksum, size = proof.company_id.sudo()._print_upload_attachment(
            filename,
            b"" if data is None else data,
            self.env._("Proof file"),
            res_model="print.proof",
            res_id=proof.id,
        )
        return self._print_decide(*self._print_decision_fields).create(
            {
                "proof_id": proof.id,
                "name": filename,
                "attachment_id": attachment.id,
                "checksum": checksum,
                "file_size": size,
                "mimetype": attachment.mimetype,
            }
        )


class PrintProofAnswer(models.Model):
    """What a customer answered, with everything needed to show it later: who, when, from
    where, and which files exactly (their SHA-256)."""

    _name = "print.proof.answer"
    _description = "Proof Answer"
    _inherit = ["print.decision.mixin"]
    _order = "create_date desc, id desc"
    # Created by print.proof._answer() only, stamped there (who, when, from where, which
    # files); never changed nor deleted.
    _print_append_only = True

    proof_id = fields.Many2one("print.proof", required=True, ondelete="restrict", index=True)
    company_id = fields.Many2one(related="proof_id.company_id", store=True)
    decision = fields.Selection(
        [("approve", "Approved"), ("changes", "Changes Requested"), ("reject", "Rejected")],
        required=True,
    )
    partner_id = fields.Many2one("res.partner", "Answered For", required=True)
    user_id = fields.Many2one("res.users", "Logged-In User")
    signature = fields.Char(help="The full name the customer typed to approve.")
    comment = fields.Text()
    markup_attachment_id = fields.Many2one("ir.attachment", "Marked-Up File")
    markup_file = fields.Binary(
        related="markup_attachment_id.datas", string="Marked-Up File (Download)"
    )
    markup_filename = fields.Char(related="markup_attachment_id.name")
    # Where an answer came from is the shop's record, not other customers' business.
    ip_address = fields.Char("IP Address", groups="base.group_user")
    user_agent = fields.Char(groups="base.group_user")
    file_checksums = fields.Text(
        "Files Answered (SHA-256)", help="The name and SHA-256 of every file of the round."
    )

    def write(self, vals):
        if vals:
            raise UserError(self.env._("A proof answer is kept as it was given."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_given(self):
        raise UserError(self.env._("A proof answer is kept as it was given."))
