# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

from psycopg2 import errors

from odoo import SUPERUSER_ID, Command, api
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, get_db_name, tagged


@tagged("post_install", "-at_install")
class TestPrintAcceptConcurrency(BaseCase):
    """Two accepts of one estimate in two transactions at the same time: one order.

    Real transactions need committed data: the test makes a small shop and estimate of its
    own, commits them, accepts from two cursors, then removes everything it made.
    """

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = self._env(cr)
            press = env["print.press"].create(
                {
                    "name": "Concurrent press (test)",
                    "code": "CONC-PRESS",
                    "max_sheet_width": 320,
                    "max_sheet_length": 450,
                    "hourly_rate": 90,
                    "plate_cost": 12,
                    "run_speed": 8000,
                }
            )
            paper = env["print.substrate"].create(
                {
                    "name": "Concurrent paper (test)",
                    "code": "CONC-PAPER",
                    "grade": "CONC",
                    "sheet_width": 320,
                    "sheet_length": 450,
                    "gsm": 130,
                    "price": 1100,
                    "price_unit": "tonne",
                }
            )
            guillotine = env["print.operation"].create(
                {
                    "name": "Concurrent guillotine (test)",
                    "code": "CONC-CUT",
                    "process": "cut",
                    "basis": "cut",
                    "setup_hours": 0.1,
                    "hourly_rate": 40,
                }
            )
            partner = env["res.partner"].create(
                {"name": "Concurrent Customer (test)", "is_company": True}
            )
            estimate = env["print.estimate"].create(
                {
                    "partner_id": partner.id,
                    "user_id": False,
                    "title": "Concurrent flyer",
                    "finished_width": 210,
                    "finished_height": 297,
                    "part_ids": [Command.create({"substrate_id": paper.id})],
                    "break_ids": [Command.create({"quantity": 500})],
                }
            )
            estimate.action_mark_sent()
            self.ids = {
                "press": press.id,
                "paper": paper.id,
                "guillotine": guillotine.id,
                "partner": partner.id,
                "estimate": estimate.id,
            }
        self.addCleanup(self._remove)

    def _remove(self):
        with self.registry.cursor() as cr:
            env = self._env(cr)
            env["sale.order"].search([("partner_id", "=", self.ids["partner"])]).unlink()
            env["print.estimate"].browse(self.ids["estimate"]).unlink()
            env["print.substrate"].browse(self.ids["paper"]).unlink()
            env["print.press"].browse(self.ids["press"]).unlink()
            env["print.operation"].browse(self.ids["guillotine"]).unlink()
            env["res.partner"].browse(self.ids["partner"]).unlink()

    def _env(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {})

    def test_two_accepts_at_once_build_one_order(self):
        estimate_id = self.ids["estimate"]
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            env1, env2 = self._env(cr1), self._env(cr2)
            # Both requests have started: the second has its snapshot of the estimate.
            second = env2["print.estimate"].browse(estimate_id)
            self.assertEqual(second.state, "sent")
            break_id = second.break_ids.id
            first = env1["print.estimate"].browse(estimate_id)
            order_id = first._accept_break(first.break_ids).order_id.id
            cr1.commit()
            # The loser stops at the lock, before building anything, and logs no ERROR;
            # Odoo retries such a request in a new transaction.
            Estimate = type(second)
            with (
                patch.object(
                    Estimate, "_prepare_sale_order_values", side_effect=AssertionError("built")
                ),
                patch.object(
                    Estimate, "_prepare_order_line_values", side_effect=AssertionError("built")
                ),
                self.assertNoLogs("odoo.sql_db", "ERROR"),
                self.assertRaises(errors.SerializationFailure),
            ):
                second._accept_break(env2["print.estimate.break"].browse(break_id))
            cr2.rollback()
            # The retry sees the estimate accepted and gets the order the winner made.
            retry = self._env(cr2)["print.estimate"].browse(estimate_id)
            line = retry._accept_break(retry.break_ids)
            self.assertEqual(line.order_id.id, order_id)
            cr2.commit()
        with self.registry.cursor() as cr:
            env = self._env(cr)
            orders = env["sale.order"].search([("partner_id", "=", self.ids["partner"])])
            self.assertEqual(orders.ids, [order_id])
            self.assertEqual(len(orders.order_line), 1)
            self.assertEqual(env["print.estimate"].browse(estimate_id).state, "accepted")
