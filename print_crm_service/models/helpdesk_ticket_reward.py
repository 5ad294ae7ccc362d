# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Rewards: a service manager marks a customer's suggestion as having brought an
improvement; the customer's first suggestion so marked earns it a reward from the company's
loyalty program (Settings › Printing › Customer Service): points on its loyalty card, or a
new coupon. Odoo's loyalty keeps the card, its history and its e-mails.

A customer is rewarded once per company: the reward row (print.service.reward) is inserted
against a unique key on (company, customer) before any card is touched, so a second click,
a second ticket or a second worker at the same time finds the key taken and grants nothing.
"""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_datetime, plaintext2html

from .helpdesk_ticket_quality import HelpdeskTicket as QualityTicket
from .print_access import SERVICE_MANAGER, SERVICE_USER, require_group
from .res_company_reward import REWARD_PROGRAM_TYPES

# Written by Brought an Improvement only (who, when, what, and the card it rewarded).
REWARD_DECISION_FIELDS = (
    "print_improvement_note",
    "print_improvement_by_id",
    "print_improvement_date",
    "print_reward_card_id",
)


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"
    _print_decision_fields = QualityTicket._print_decision_fields + REWARD_DECISION_FIELDS

    print_improvement_note = fields.Text(
        "Improvement",
        readonly=True,
        copy=False,
        groups="base.group_user",
        help="What the suggestion improved, as the service manager recorded it.",
    )
    print_improvement_by_id = fields.Many2one(
        "res.users", "Improvement Recorded By", readonly=True, copy=False, groups="base.group_user"
    )
    print_improvement_date = fields.Datetime(
        "Brought an Improvement On",
        readonly=True,
        copy=False,
        index="btree_not_null",
        groups="base.group_user",
    )
    print_reward_card_id = fields.Many2one(
        "loyalty.card",
        "Reward Card",
        readonly=True,
        copy=False,
        ondelete="set null",
        groups=SERVICE_USER,
        help="The customer's loyalty card that got the reward points, or the coupon made for"
        " it. Empty when the customer had already been rewarded for an earlier suggestion.",
    )

    # ------------------------------------------------------------------ actions

    def action_print_mark_improvement(self):
        """Brought an Improvement: ask the service manager what the suggestion improved."""
        action = self.env._("Brought an Improvement")
        require_group(self, action, SERVICE_MANAGER)
        self.ensure_one()
        self._print_check_improvement(action)
        self._print_reward_settings()
        return self._print_wizard_action("print.service.improvement.wizard", action)

    def _print_check_improvement(self, action):
        """Refuse ``action`` on a ticket that is no suggestion of a customer, was judged
        invalid, or is already marked."""
        for ticket in self:
            if ticket.print_kind != "suggestion":
                raise UserError(
                    self.env._(
                        "%(action)s: %(ticket)s is not a suggestion; only suggestions bring"
                        " an improvement that is rewarded.",
                        action=action,
                        ticket=ticket.display_name,
                    )
                )
            if ticket.print_step == "invalid":
                raise UserError(
                    self.env._(
                        "%(action)s: %(ticket)s was judged invalid; reopen it first.",
                        action=action,
                        ticket=ticket.display_name,
                    )
                )
            if ticket.print_improvement_date:
                raise UserError(
                    self.env._(
                        "%(action)s: %(ticket)s was marked as an improvement on %(date)s by"
                        " %(user)s; a suggestion is marked once.",
                        action=action,
                        ticket=ticket.display_name,
                        date=format_datetime(self.env, ticket.print_improvement_date),
                        user=ticket.print_improvement_by_id.name,
                    )
                )
            if not ticket.partner_id:
                raise UserError(
                    self.env._(
                        "Customer: %(ticket)s has no customer to reward; set who made the"
                        " suggestion first.",
                        ticket=ticket.display_name,
                    )
                )

    def _print_reward_settings(self):
        """The company's reward program and points, or an error naming the setting."""
        self.ensure_one()
        # sudo: configuration read for a service manager's action (checked by the caller).
        company = self.company_id.sudo()
        program = company.print_reward_program_id
        setting = company._fields["print_reward_program_id"]._description_string(self.env)
        if not program:
            raise UserError(
                self.env._(
                    "%(setting)s: choose the loyalty program that rewards %(company)s's"
                    " customers in Settings › Printing › Customer Service first.",
                    setting=setting,
                    company=company.name,
                )
            )
        if program.program_type not in REWARD_PROGRAM_TYPES or program.company_id not in (
            company,
            self.env["res.company"],
        ):
            raise UserError(
                self.env._(
                    "%(setting)s: %(program)s is not a loyalty, coupon or eWallet program of"
                    " %(company)s; choose another in Settings › Printing › Customer Service.",
                    setting=setting,
                    program=program.name,
                    company=company.name,
                )
            )
        return program, company.print_reward_points

    def _print_mark_improvement(self, note):
        """The wizard's half of :meth:`action_print_mark_improvement`, after its group
        check: stamp who, when and what; reward the customer if this is its first
        suggestion so marked. Returns the reward row, or an empty recordset."""
        self.ensure_one()
        action = self.env._("Brought an Improvement")
        self._print_check_improvement(action)
        note = (note or "").strip()
        if not note:
            raise UserError(
                self.env._(
                    "%(field)s: say what the suggestion improved.",
                    field=self._fields["print_improvement_note"]._description_string(self.env),
                )
            )
        program, points = self._print_reward_settings()
        now = fields.Datetime.now()
        self._print_decide(
            "print_improvement_note", "print_improvement_by_id", "print_improvement_date"
        ).write(
            {
                "print_improvement_note": note,
                "print_improvement_by_id": self.env.user.id,
                "print_improvement_date": now,
            }
        )
        reward = self._print_grant_reward(program, points, now)
        customer = self.partner_id.commercial_partner_id
        if reward:
            card = reward.sudo().card_id  # sudo: loyalty cards are Sales' (group checked)
            if program.program_type == "coupons":
                granted = self.env._("a coupon, %(code)s", code=card.code)
            else:
                granted = self.env._(
                    "%(points)s on the card %(code)s",
                    points=card._format_points(points),
                    code=card.code,
                )
            body = self.env._(
                "Brought an improvement: %(note)s\n%(customer)s is rewarded (%(program)s):"
                " %(granted)s.",
                note=note,
                customer=customer.name,
                program=program.name,
                granted=granted,
            )
        else:
            # sudo: the reward rows are read to name the earlier ticket (group checked).
            earlier = (
                self.env["print.service.reward"]
                .sudo()
                .search(
                    [("company_id", "=", self.company_id.id), ("partner_id", "=", customer.id)],
                    limit=1,
                )
            )
            body = self.env._(
                "Brought an improvement: %(note)s\n%(customer)s was already rewarded for"
                " %(ticket)s: a customer is rewarded for its first improving suggestion only.",
                note=note,
                customer=customer.name,
                ticket=earlier.ticket_id.display_name,
            )
        self.message_post(body=plaintext2html(body))
        return reward

    def _print_grant_reward(self, program, points, now):
        """Reward the ticket's customer unless it already was (in this company): the
        reward row goes in first, against its unique key, then the card gets the points.
        A concurrent grant for the same customer waits for the first, then finds the key
        taken (the worker's retry grants nothing)."""
        self.ensure_one()
        customer = self.partner_id.commercial_partner_id
        # sudo: the service manager's action (group checked) reads the customer's region.
        region = customer.sudo().print_region_id
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO print_service_reward
                       (company_id, partner_id, ticket_id, program_id, points, user_id, date,
                        print_region_id, create_uid, create_date, write_uid, write_date)
                VALUES (%(company)s, %(partner)s, %(ticket)s, %(program)s, %(points)s,
                        %(user)s, %(now)s, %(region)s, %(user)s, %(now)s, %(user)s, %(now)s)
                ON CONFLICT (company_id, partner_id) DO NOTHING
                RETURNING id
                """,
                company=self.company_id.id,
                partner=customer.id,
                ticket=self.id,
                program=program.id,
                points=points,
                user=self.env.user.id,
                now=now,
                region=region.id or None,
            ),
            # A concurrent grant's serialization failure is retried by the worker.
            log_exceptions=False,
        )
        row = self.env.cr.fetchone()
        if not row:
            return self.env["print.service.reward"]
        # sudo: a service manager (checked by the action) grants; loyalty's cards are
        # Sales' documents that Customer Service cannot read otherwise.
        Card = self.env["loyalty.card"].sudo()
        if program.program_type == "coupons":
            card = Card.create(
                {"program_id": program.id, "partner_id": customer.id, "points": points}
            )
        else:
            card = Card.search(
                [("program_id", "=", program.id), ("partner_id", "=", customer.id)],
                order="id",
                limit=1,
            )
            if card:
                card.points += points
            else:
                card = Card.create(
                    {"program_id": program.id, "partner_id": customer.id, "points": points}
                )
        self.env["loyalty.history"].sudo().create(
            {
                "card_id": card.id,
                "description": self.env._(
                    "Improving suggestion: %(ticket)s", ticket=self.display_name
                ),
                "issued": points,
                "order_model": self._name,
                "order_id": self.id,
            }
        )
        reward = self.env["print.service.reward"].browse(row[0])
        # sudo: the reward rows are written by this action only (group checked).
        reward.sudo()._print_decide("card_id").write({"card_id": card.id})
        self._print_decide("print_reward_card_id").write({"print_reward_card_id": card.id})
        return reward

    def _print_reward_portal_text(self):
        """What the customer reads on the page of the ticket that earned its reward, or
        False. Called by the portal on the ticket after its access check."""
        self.ensure_one()
        # sudo: the portal checked the visitor may see this ticket; the reward is its own.
        reward = (
            self.env["print.service.reward"].sudo().search([("ticket_id", "=", self.id)], limit=1)
        )
        card = reward.card_id
        if not card:
            return False
        if reward.program_id.program_type == "coupons":
            return self.env._("You were rewarded: coupon %(code)s", code=card.code)
        return self.env._(
            "You were rewarded: %(points)s", points=card._format_points(reward.points)
        )

    # ------------------------------------------------------------------ demo

    @api.model
    def _print_demo_rewards(self):
        """The demo suggestion brought an improvement, marked by the service manager
        (admin) through the action, so its customer's card and reward are true."""
        manager = self.env.ref("base.user_admin")
        suggestion = self.search(
            [("print_kind", "=", "suggestion"), ("print_improvement_date", "=", False)],
            order="id",
            limit=1,
        )
        if suggestion:
            suggestion = suggestion.with_user(manager)
            suggestion.action_print_mark_improvement()
            suggestion._print_mark_improvement(
                "Proofs now go out as PDF and as JPG, which opens on any phone."
            )
        return True
