# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, sql_db
from odoo.tests import tagged, users, warmup

from .common import PrintCrmQuoteCommon


@tagged("post_install", "-at_install")
class TestEstimateToOrderQueries(PrintCrmQuoteCommon):
    """Accepting a quantity costs the same queries however many breaks the estimate has."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        env["print.press"].create(
            {
                "name": "Query SRA3",
                "code": "Q-SRA3",
                "max_sheet_width": 320,
                "max_sheet_length": 450,
                "hourly_rate": 90,
                "plate_cost": 12,
            }
        )
        env["print.operation"].create(
            {"name": "Query Guillotine", "code": "Q-CUT", "process": "cut", "basis": "cut"}
        )
        paper = env["print.substrate"].create(
            {
                "name": "Query Gloss 130",
                "code": "Q-G130",
                "sheet_width": 320,
                "sheet_length": 450,
                "gsm": 130,
                "price": 1100,
            }
        )
        partner = env["res.partner"].create({"name": "Query Customer"})
        cls.estimates = {}
        for breaks in (1, 10):
            estimate = env["print.estimate"].create(
                {
                    "partner_id": partner.id,
                    "user_id": cls.module_manager.id,
                    "title": f"Flyer with {breaks} breaks",
                    "finished_width": 210,
                    "finished_height": 297,
                    "part_ids": [Command.create({"substrate_id": paper.id})],
                    "break_ids": [
                        Command.create({"quantity": 250 * (i + 1)}) for i in range(breaks)
                    ],
                }
            )
            estimate.action_compute()
            cls.estimates[breaks] = estimate

    def _accept(self, breaks):
        estimate = self.estimates[breaks].with_user(self.env.user)
        self.env.flush_all()
        self.env.invalidate_all()
        before = sql_db.sql_counter
        # 66: the lock on the estimate and its re-read after the lock count 3; OCA
        # sale_commission_oca's agents of the new order line (print_crm_channel) 2; the
        # deal registrations of the new order's customer (print_crm_channel) 1.
        with self.assertQueryCount(66):
            estimate._accept_break(estimate.break_ids[0])
            self.env.flush_all()
        self.assertEqual(estimate.state, "accepted")
        return sql_db.sql_counter - before

    @users("print_crm_quote-manager")
    @warmup
    def test_accept_costs_the_same_for_one_and_ten_breaks(self):
        one, ten = self._accept(1), self._accept(10)
        if self.warm:
            self.assertEqual(one, ten)
