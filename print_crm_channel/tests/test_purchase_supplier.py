# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime

from odoo.exceptions import ValidationError
from odoo.tests import new_test_user, tagged

from ..engine import next_window
from .purchase_common import PurchaseCommon


@tagged("post_install", "-at_install")
class TestPurchaseSupplier(PurchaseCommon):
    """A supplier's batch window, as a buyer sets it up."""

    def test_bad_batch_times_are_refused_naming_the_field(self):
        Partner = self.env["res.partner"].with_user(self.purchase_manager)
        for times in ("25:00", "4 pm", "16:00, noon"):
            with self.assertRaisesRegex(ValidationError, "Batch Times"):
                Partner.create({"name": "Bad window", "print_batch_times": times})
        with self.assertRaisesRegex(ValidationError, "at least one day"):
            Partner.create(
                {
                    "name": "No day",
                    "print_batch_times": "10:00",
                    **dict.fromkeys(
                        (
                            "print_batch_mon",
                            "print_batch_tue",
                            "print_batch_wed",
                            "print_batch_thu",
                            "print_batch_fri",
                        ),
                        False,
                    ),
                }
            )
        with self.assertRaisesRegex(ValidationError, "Cost of One Order"):
            Partner.create({"name": "Negative", "print_order_cost": -1})

    def test_twice_a_week_window_in_the_suppliers_time_zone(self):
        supplier = self.env["res.partner"].create(
            {
                "name": "Bindery",
                "tz": "Asia/Shanghai",
                "print_batch_times": "10:00",
                "print_batch_mon": False,
                "print_batch_wed": False,
                "print_batch_thu": False,
                "print_batch_tue": True,
                "print_batch_fri": True,
            }
        )
        engine = supplier._print_engine_supplier()
        self.assertEqual(engine.weekdays, (1, 4))
        self.assertEqual(engine.tz, "Asia/Shanghai")
        # Monday 2026-12-07 12:00 UTC is 20:00 in Shanghai: next is Tuesday 10:00 = 02:00 UTC.
        nxt = next_window(engine, datetime(2026, 12, 7, 12, 0))
        self.assertEqual(nxt.replace(tzinfo=None), datetime(2026, 12, 8, 2, 0))

    def test_a_salesperson_still_creates_customers(self):
        salesman = new_test_user(
            self.env,
            login="print_crm_channel-salesman",
            groups="sales_team.group_sale_salesman,base.group_partner_manager",
        )
        customer = self.env["res.partner"].with_user(salesman).create({"name": "New cafe"})
        self.assertTrue(customer)
