# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, UserError

from odoo.addons.print_crm_tracking.models.print_access import (
    JOB_MANAGER,
    require_group,
)
from odoo.addons.print_crm_tracking.models.print_job import PrintJob as TrackingPrintJob

PROOF_USER = "print_crm_prepress.group_proof_user"
# The release of a job without an approved proof: set by _print_release() only.
GATE_FIELDS = (
    "print_gate_override_reason",
    "print_gate_override_user_id",
    "print_gate_override_date",
)
UPLOAD_TOKEN_SCOPE = "print_crm_prepress.artwork_upload"


class PrintJob(models.Model):
    _inherit = "print.job"
    _print_decision_fields = TrackingPrintJob._print_decision_fields + GATE_FIELDS

    # Internal to the shop (groups="base.group_user"): the portal reads them as superuser.
    print_artwork_ids = fields.One2many(
        "print.artwork", "job_id", "Artwork Versions", groups="base.group_user"
    )
    print_artwork_id = fields.Many2one(
        "print.artwork",
        "Current Artwork",
        compute="_compute_print_artwork_id",
        groups="base.group_user",
    )
    print_proof_ids = fields.One2many(
        "print.proof", "job_id", "Proof Rounds", groups="base.group_user"
    )
    print_proof_id = fields.Many2one(
        "print.proof",
        "Latest Proof",
        compute="_compute_print_proof_id",
        groups="base.group_user",
        help="The job's latest proof round that is not cancelled.",
    )
    print_proof_state = fields.Selection(
        lambda self: self.env["print.proof"]._fields["state"].selection,
        string="Proof",
        compute="_compute_print_proof_id",
        groups="base.group_user",
    )
    print_proof_count = fields.Integer(
        "Number of Proof Rounds", compute="_compute_print_proof_id", groups="base.group_user"
    )
    print_gate_override_reason = fields.Text(
        "Released Without Approval Because",
        readonly=True,
        copy=False,
        tracking=True,
        groups="base.group_user",
    )
    print_gate_override_user_id = fields.Many2one(
        "res.users", "Released By", readonly=True, copy=False, groups="base.group_user"
    )
    print_gate_override_date = fields.Datetime(
        "Released On", readonly=True, copy=False, groups="base.group_user"
    )
    print_artwork_upload_url = fields.Char(
        "Artwork Upload Link",
        compute="_compute_print_artwork_upload_url",
        groups=PROOF_USER,
        help="The link that lets whoever holds it send new artwork for this job (until it"
        " goes to production). The job's ordinary link only shows the job.",
    )

    @api.depends("print_artwork_ids.is_current")
    def _compute_print_artwork_id(self):
        for job in self:
            job.print_artwork_id = job.print_artwork_ids.filtered("is_current")[:1]

    def _compute_print_artwork_upload_url(self):
        for job in self:
            record = job._origin
            if not record.id:
                job.print_artwork_upload_url = False
                continue
            record._portal_ensure_token()  # the upload token signs the access token
            token = record._print_artwork_upload_token()
            job.print_artwork_upload_url = record.get_portal_url(
                query_string=f"&upload_token={token}"
            )

    @api.depends("print_proof_ids.state", "print_proof_ids.round")
    def _compute_print_proof_id(self):
        for job in self:
            rounds = job.print_proof_ids.filtered(lambda p: p.state != "cancelled")
            latest = rounds.sorted("round", reverse=True)[:1]
            job.print_proof_id = latest
            job.print_proof_state = latest.state
            job.print_proof_count = len(rounds)

    @api.depends("print_proof_ids.state")
    def _compute_print_customer_status(self):
        """In proof approval, the status says what the rounds ask of the customer: there
        is something to approve, it is approved, or prepress is still preparing it."""
        res = super()._compute_print_customer_status()
        # sudo: the states of the job's rounds, read to pick one of three sentences.
        for job, job_sudo in zip(self, self.sudo(), strict=True):
            if job_sudo.is_done or job_sudo.is_cancel:
                continue
            if job_sudo.customer_stage_id.role != "proof":
                continue
            state = job_sudo.print_proof_state
            if state == "sent":
                job.print_customer_status = self.env._("Waiting for your approval")
            elif state == "approved":
                job.print_customer_status = self.env._("Approved, going to press")
            else:
                job.print_customer_status = self.env._("Proof in preparation")
        return res

    def _print_timeline_label(self, stage, state, left_to=None):
        """A proof step of the timeline says what its rounds came to, as the job's status
        does (_compute_print_customer_status), not the stage's static label: changes
        requested when the job went back from it, approved (or released without approval)
        when it went on, a proof in preparation ahead while a round is a draft."""
        label = super()._print_timeline_label(stage, state, left_to=left_to)
        if stage.role != "proof" or state == "current":
            return label
        # The portal calls this on the job it read as superuser after its access check;
        # the states of the rounds only pick one of these sentences.
        rounds = self.print_proof_ids.filtered(lambda p: p.state != "cancelled")
        if not rounds and not self.print_gate_override_reason:
            return label  # no proof of this job went through prepress
        if state == "todo":
            if rounds.filtered(lambda p: p.state == "draft"):
                return self.env._("Proof in preparation")
            return label
        if left_to and (left_to.sequence, left_to.id) < (stage.sequence, stage.id):
            return self.env._("Changes requested")
        if rounds.filtered(lambda p: p.state == "approved"):
            return self.env._("Approved, going to press")
        if self.print_gate_override_reason:
            return self.env._("Released to production")
        return label

    def _notify_stage(self, stage):
        """No stage e-mail for proof approval: the round's own e-mail (sent by its Send,
        with the link to answer it) is what asks the customer, when there is something to
        approve. Entering the stage with a draft round, or none, tells them nothing."""
        if stage.role == "proof":
            return
        return super()._notify_stage(stage)

    def _production_blockers(self, stage):
        blockers = super()._production_blockers(stage)
        if self.print_gate_override_reason:
            return blockers
        proof = self.sudo().print_proof_id
        if not proof:
            blockers.append(self.env._("no proof has been approved yet"))
        elif proof.state != "approved":
            states = dict(proof._fields["state"]._description_selection(self.env))
            blockers.append(
                self.env._(
                    "its latest proof (round %(round)s) is %(state)s, not approved",
                    round=proof.round,
                    state=states[proof.state],
                )
            )
        return blockers

    def action_print_release_without_approval(self):
        """Open the production manager's release of a job without an approved proof."""
        require_group(self, self.env._("Release Without Approval"), JOB_MANAGER)
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Release Without Approval"),
            "res_model": "print.job.gate.override.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_job_id": self.id},
        }

    def action_print_new_proof(self):
        """A new draft proof round for this job."""
        require_group(self, self.env._("New Proof"), PROOF_USER)
        self.ensure_one()
        return self._print_proof_to_fill().get_formview_action()

    def _print_proof_to_fill(self):
        """The round prepress is preparing for this job: its draft, else a new one."""
        require_group(self, self.env._("New Proof"), PROOF_USER)
        self.ensure_one()
        self.check_access("write")
        if self.is_done or self.is_cancel:
            raise UserError(
                self.env._("%(job)s is finished: it takes no new proof.", job=self.display_name)
            )
        draft = self.print_proof_ids.filtered(lambda p: p.state == "draft")[:1]
        return draft or self.env["print.proof"].create({"job_id": self.id})

    def _print_release(self, reason):
        self.ensure_one()
        if not self.env.user.has_group(JOB_MANAGER):
            raise AccessError(
                self.env._("Only a production manager can release a job without an approved proof.")
            )
        if not (reason or "").strip():
            raise UserError(self.env._("Reason: say why the job goes to press without approval."))
        # sudo: the caller is a production manager (checked above), who may not write
        # prepress fields otherwise; who and when are stamped here, never taken from a client.
        self.sudo()._print_decide(*GATE_FIELDS).write(
            {
                "print_gate_override_reason": reason.strip(),
                "print_gate_override_user_id": self.env.uid,
                "print_gate_override_date": fields.Datetime.now(),
            }
        )

    def _print_artwork_upload_token(self):
        """The token of this job's artwork upload link: a signature of the job and of its
        access token, made with the database secret. The access token (the job's read
        link) does not give it, and renewing the access token revokes it."""
        self.ensure_one()
        return tools.hmac(
            self.env(su=True), UPLOAD_TOKEN_SCOPE, (self.id, self.sudo().access_token or "")
        )

    def _print_check_upload_token(self, token):
        self.ensure_one()
        return bool(
            token
            and self.sudo().access_token
            and tools.consteq(str(token), self._print_artwork_upload_token())
        )

    def _print_in_production(self):
        """Whether the job is in a production stage of its route, or past the first one."""
        self.ensure_one()
        job = self.sudo()
        if job.stage_id.is_production or job.is_done:
            return True
        first = job.route_id._ordered_stages().filtered("is_production")[:1]
        return bool(
            first
            and not job.is_cancel
            and (job.stage_id.sequence, job.stage_id.id) >= (first.sequence, first.id)
        )

    def _print_on_new_artwork(self, artwork):
        """New artwork: the approval and a release no longer hold; prepress is told."""
        self.ensure_one()
        reason = self.env._(
            "new artwork %(name)s (version %(version)s)", name=artwork.name, version=artwork.version
        )
        withdrawn = self.print_proof_ids._withdraw_approval(reason)
        if self.print_gate_override_reason:
            self._print_decide(*GATE_FIELDS).write(
                {
                    "print_gate_override_reason": False,
                    "print_gate_override_user_id": False,
                    "print_gate_override_date": False,
                }
            )
        self.message_post(
            body=self.env._(
                "New artwork: %(name)s, version %(version)s.",
                name=artwork.name,
                version=artwork.version,
            ),
            attachment_ids=artwork.attachment_id.ids,
        )
        note = (
            self.env._(
                "The approval of %(proofs)s is withdrawn.",
                proofs=", ".join(withdrawn.mapped("name")),
            )
            if withdrawn
            else False
        )
        self._print_tell_prepress(
            self.env._(
                "New artwork for %(job)s (version %(version)s)",
                job=self.name,
                version=artwork.version,
            ),
            note,
        )

    def _print_tell_prepress(self, summary, note=False):
        """An activity for prepress (the company's prepress contact, else the responsible)."""
        self.ensure_one()
        user = self.company_id.print_prepress_user_id or self.user_id
        if not user:
            return
        self.sudo().activity_schedule(
            "mail.mail_activity_data_todo", summary=summary, note=note or False, user_id=user.id
        )

    def _print_back_to_prepress(self):
        """Send the job back to prepress (changes requested, proof rejected)."""
        for job in self.filtered(lambda j: not j.is_done and not j.is_cancel):
            prepress = job._print_stage_of_role("prepress")
            if prepress and job.stage_id != prepress:
                job.with_context(
                    print_job_stage_note=self.env._("Back to prepress: proof answered")
                ).stage_id = prepress

    def _print_to_proof_stage(self):
        """A proof was sent: the job waits in proof approval if it had not got there."""
        for job in self.filtered(lambda j: not j.is_done and not j.is_cancel):
            stage = job._print_stage_of_role("proof")
            if stage and (job.stage_id.sequence, job.stage_id.id) < (stage.sequence, stage.id):
                job.stage_id = stage
