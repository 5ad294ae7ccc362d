# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models

from odoo.addons.print_crm_tracking.models.print_access import JOB_USER, require_group

from ..models.print_access import SERVICE_USER
from ..models.print_job import DELIVERY_METHODS, DELIVERY_PAYMENTS


class PrintJobDeliveryWizard(models.TransientModel):
    """The shop records the delivery choice a customer made by phone or at the counter:
    the same checks and stamps as the portal (print.job._print_choose_delivery)."""

    _name = "print.job.delivery.wizard"
    _description = "Record a Delivery Choice"

    job_id = fields.Many2one("print.job", required=True, readonly=True, ondelete="cascade")
    commercial_partner_id = fields.Many2one(related="job_id.commercial_partner_id")
    partner_id = fields.Many2one(
        "res.partner",
        "Chosen By",
        required=True,
        domain="[('commercial_partner_id', '=', commercial_partner_id)]",
        help="The customer's contact who made the choice.",
    )
    method = fields.Selection(DELIVERY_METHODS, "Pick-up or Delivery", required=True)
    address_id = fields.Many2one(
        "res.partner",
        "Delivery Address",
        domain="[('commercial_partner_id', '=', commercial_partner_id)]",
    )
    payment = fields.Selection(DELIVERY_PAYMENTS, required=True, default="on_account")
    note = fields.Text("Delivery Note")

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        job = self.env["print.job"].browse(values.get("job_id"))
        if job:
            values.setdefault("partner_id", job.partner_id.id)
            values.setdefault("method", job.print_delivery_method or "pickup")
            values.setdefault("address_id", job.print_delivery_address_id.id)
            if job.print_delivery_payment:
                values["payment"] = job.print_delivery_payment
        return values

    def action_record(self):
        require_group(self, self.env._("Record Delivery Choice"), JOB_USER, SERVICE_USER)
        self.ensure_one()
        self.job_id.check_access("read")
        # sudo: the caller is production or service staff who reads the job (checked
        # above); the method checks the contact, the job's stage and the address.
        self.job_id.sudo()._print_choose_delivery(
            self.partner_id.sudo(),
            self.method,
            self.payment,
            address=self.address_id.sudo(),
            note=self.note or "",
        )
        return {"type": "ir.actions.act_window_close"}
