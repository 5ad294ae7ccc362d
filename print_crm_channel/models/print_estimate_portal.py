# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""A distributor's one-click reorder: the same work asked again, as a portal quote request."""

from odoo import models


class PrintEstimate(models.Model):
    _inherit = "print.estimate"

    def _print_channel_reorder(self, partner, end_customer):
        """A new quote request copying this estimate's spec and quantities, for ``partner``
        (the portal user asking) and the same ``end_customer``; priced by the estimator as
        any request from the portal.

        Runs as superuser: the caller (the distributor portal) checked that the user may
        read the job or the order the estimate was ordered from.
        """
        self.ensure_one()
        origin = self.sudo()
        new = origin._print_decide("portal_requested").copy(
            {
                "partner_id": partner.id,
                "print_end_customer_id": end_customer.id or False,
                "portal_requested": True,
            }
        )
        new.message_subscribe(partner_ids=partner.ids)
        new.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._("Price the reorder %(name)s", name=new.name),
            user_id=new.user_id.id or self.env.ref("base.user_admin").id,
        )
        new.message_post(
            body=self.env._(
                "Reorder of %(origin)s requested from the portal.", origin=origin.display_name
            ),
            author_id=partner.id,
        )
        return new
