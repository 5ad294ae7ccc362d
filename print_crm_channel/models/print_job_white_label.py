# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""White label: the end customer of a blind-shipped order reads the distributor's name on
its delivery note, its job e-mails and its portal pages, never the shop's."""

import logging

from odoo import models

_logger = logging.getLogger(__name__)


class PrintJob(models.Model):
    _inherit = "print.job"

    def _print_white_label_partner(self):
        """The distributor that stands in for the shop on this job's end-customer documents
        (empty when the job's order is not shipped blind)."""
        self.ensure_one()
        if not self.sale_order_id:
            return self.env["res.partner"]
        return self.sale_order_id._print_white_label_partner()

    def _print_end_customer(self):
        """Who the work is for: the order's end customer, else the job's customer."""
        self.ensure_one()
        # sudo(): the end customer of the job's own order, read for its documents.
        return self.sale_order_id.sudo().print_end_customer_id.with_env(self.env) or self.partner_id

    def _print_delivery_sender(self):
        """Who the delivery note says it comes from: the distributor on a blind shipment,
        else the shop."""
        self.ensure_one()
        return self._print_white_label_partner() or self.company_id.partner_id

    def _print_delivery_recipient(self):
        """Where the delivery goes: the order's delivery address when it is someone else
        than the customer billed, else the end customer, else the customer."""
        self.ensure_one()
        order = self.sale_order_id.sudo()
        shipping = order.partner_shipping_id
        if shipping and shipping.commercial_partner_id != order.partner_id.commercial_partner_id:
            return shipping.with_env(self.env)
        return self._print_end_customer()

    def _notify_stage(self, stage):
        result = super()._notify_stage(stage)
        if stage.visible_to_customer:
            self._print_notify_stage_white_label(stage)
        return result

    def _print_notify_stage_white_label(self, stage):
        """Tell the end customer of a blind-shipped job, under the distributor's name."""
        template = self.env.ref(
            "print_crm_channel.mail_template_print_job_stage_white_label",
            raise_if_not_found=False,
        )
        if not template:
            return
        for job in self:
            distributor = job._print_white_label_partner()
            end = job.sale_order_id.sudo().print_end_customer_id
            if not distributor or not end or not end.commercial_partner_id.print_job_notify:
                continue
            if not (distributor.email and end.email):
                _logger.info("%s: no address for the white-label e-mail", job.name)
                continue
            job.with_context(print_job_stage=stage).message_post_with_source(
                template,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                partner_ids=end.ids,
                author_id=distributor.id,
                email_from=distributor.email_formatted,
                email_layout_xmlid="print_crm_channel.mail_notification_white_label",
                force_send=False,
            )

    def _print_portal_white_label_values(self, user):
        """What the portal pages of this job need to hide the shop from ``user``: the
        end customer (or anyone outside the shop and the channel) of a blind-shipped job
        reads the distributor's name instead of the shop's."""
        self.ensure_one()
        distributor = self._print_white_label_partner()
        if not distributor or user._is_internal():
            return {}
        # sudo(): the viewer's own company, read for its role only.
        if user.partner_id.commercial_partner_id.sudo().print_channel_role:
            return {}
        return {"print_white_label_name": distributor.name, "no_copyright": True}
