# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.print_crm_tracking.tests.common import PrintCrmJobCommon


class PurchaseCommon(PrintCrmJobCommon):
    """The estimating shop with its papers bought by the ream from a paper merchant, the
    outsourced lamination bought from its laminator, and buyers; no demo data needed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.buyer = new_test_user(
            cls.env, login="print_crm_channel-buyer", groups="purchase.group_purchase_user"
        )
        cls.purchase_manager = new_test_user(
            cls.env,
            login="print_crm_channel-purchase-manager",
            groups="purchase.group_purchase_manager",
        )
        cls.accountant = new_test_user(
            cls.env, login="print_crm_channel-accountant", groups="account.group_account_invoice"
        )
        cls.merchant = cls.env["res.partner"].create(
            {
                "name": "Paper Merchant Ltd",
                "is_company": True,
                "tz": "UTC",
                "print_batch_times": "16:00",
                "print_order_cost": 25.0,
            }
        )
        cls.supplier_laminating.write(
            {"tz": "UTC", "print_batch_times": "10:00", "print_order_cost": 40.0}
        )
        cls.paper_products = {}
        for substrate in (
            cls.silk130_sra3,
            cls.silk130_dadu,
            cls.silk170_sra3,
            cls.silk170_dadu,
        ):
            product = cls.env["product.product"].create(
                {
                    "name": substrate.name,
                    "type": "consu",
                    "purchase_ok": True,
                    "purchase_method": "receive",
                    "seller_ids": [
                        Command.create(
                            {
                                "partner_id": cls.merchant.id,
                                "price": 0.1,
                                "print_pack_name": "Ream",
                                "print_pack_size": 500.0,
                            }
                        )
                    ],
                }
            )
            substrate.product_id = product
            cls.paper_products[substrate] = product
        cls.Demand = cls.env["print.purchase.demand"]
        # The batch run sees a fixed clock: a Monday, 12:00 UTC.
        cls.monday_noon = datetime(2026, 12, 7, 12, 0)

    @classmethod
    def _job_order(cls, quantity=1000, rush=False, lamination=False, **values):
        """A confirmed order of one print line; its job and the job's demand."""
        if lamination:
            values["part"] = {"operation_ids": [Command.set(cls.op_laminate.ids)]}
        order = cls._order(quantities=(quantity,), confirm=False, **values)
        order.print_rush = rush
        order.commitment_date = datetime.now() + timedelta(days=10)
        order.action_confirm()
        job = order.print_job_ids
        return order, job

    def _demand(self, job, kind):
        return job.print_demand_ids.filtered(lambda d: d.kind == kind and d.state != "cancel")
