# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .purchase_common import PurchaseCommon


@tagged("post_install", "-at_install")
class TestPurchaseQueries(PurchaseCommon):
    """The batch run writes a supplier's order in a number of queries that does not depend
    on how many demand lines (and so order lines) it holds: lines are created together and
    their demand linked in batches, never one query per line."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.job = cls._job_order()[1]
        cls.job.print_demand_ids._print_decide("cancelled").write({"cancelled": True})
        cls.products = list(cls.paper_products.values())[:2]

    def _demand(self, count, tag):
        """``count`` open lines of the merchant's paper, each needed on its own day (so
        each its own order line), half of them of a second paper."""
        today = fields.Date.today()
        return self.Demand._print_decide().create(
            [
                {
                    "name": f"Paper {tag} {i}",
                    "job_id": self.job.id,
                    "company_id": self.company.id,
                    "kind": "paper",
                    "source_key": f"paper:{tag}:{i}",
                    "supplier_id": self.merchant.id,
                    "product_id": self.products[i % 2].id,
                    "quantity": 600.0 + i,
                    "pack_size": 500.0,
                    "need_by": today + timedelta(days=5 + i),
                    "estimated_cost": 60.0,
                }
                for i in range(count)
            ]
        )

    def _batch_queries(self, demand):
        self.env.flush_all()
        self.env.invalidate_all()
        before = self.cr.sql_log_count
        orders = demand._print_consolidate(force=True, now=self.monday_noon)
        self.env.flush_all()
        return self.cr.sql_log_count - before, orders

    def test_batch_queries_do_not_grow_with_the_lines(self):
        self._batch_queries(self._demand(3, "warm-up"))  # caches of a first run
        ten, orders = self._batch_queries(self._demand(10, "ten"))
        self.assertEqual(len(orders), 1)
        self.assertEqual(len(orders.order_line), 10)
        forty = self._demand(40, "forty")
        self.env.invalidate_all()
        with self.assertQueryCount(ten):
            orders = forty._print_consolidate(force=True, now=self.monday_noon)
        self.assertEqual(len(orders.order_line), 40)
        self.assertEqual(orders.order_line.print_demand_ids, forty)
        self.assertEqual(set(forty.mapped("state")), {"ordered"})
        for line in orders.order_line:
            self.assertEqual(line.product_qty, 1000.0, "two reams for 600 to 639 sheets")
