# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .channel_sales_common import ChannelSalesCommon


@tagged("post_install", "-at_install")
class TestChannelReturns(ChannelSalesCommon):
    """Returns against invoiced orders: reasons, approval by a Distribution manager, a
    credit note at the invoiced price, never more than was invoiced."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.damaged = cls.env["print.channel.return.reason"].create({"name": "Damaged (test)"})
        cls.order = cls._order(
            cls.top, [(cls.posters, 10, 50.0, 10.0), (cls.envelopes, 5, 100.0, 0.0)]
        )
        cls.invoice = cls._invoice(cls.order)
        cls.poster_line = cls.order.order_line.filtered(lambda ln: ln.product_id == cls.posters)
        cls.envelope_line = cls.order.order_line - cls.poster_line

    def _return(self, lines, user=None, order=None):
        return (
            self.env["print.channel.return"]
            .with_user(user or self.module_user)
            .create(
                {
                    "order_id": (order or self.order).id,
                    "line_ids": [
                        Command.create(
                            {
                                "order_line_id": line.id,
                                "quantity": qty,
                                "reason_id": self.damaged.id,
                            }
                        )
                        for line, qty in lines
                    ],
                }
            )
        )

    def test_a_return_with_its_credit_note(self):
        ret = self._return([(self.poster_line, 3), (self.envelope_line, 1)])
        self.assertTrue(ret.name.startswith("RET/"))
        self.assertEqual(ret.partner_id, self.top)
        self.assertEqual(ret.line_ids[0].returnable_qty, 10.0)
        # 3 posters at 50 less 10 %, one envelope box at 100.
        self.assertAlmostEqual(ret.amount_untaxed, 3 * 45.0 + 100.0)
        ret.with_user(self.module_manager).action_approve()
        self.assertEqual((ret.state, ret.approved_by_id), ("approved", self.module_manager))
        ret.with_user(self.module_manager).action_credit()
        self.assertEqual(ret.state, "credited")
        move = ret.credit_move_id
        self.assertEqual(move.move_type, "out_refund")
        self.assertEqual(move.state, "draft", "accounting posts it")
        self.assertEqual(move.partner_id, self.invoice.partner_id)
        self.assertEqual(move.reversed_entry_id, self.invoice)
        self.assertIn(ret.name, move.ref)
        poster = move.invoice_line_ids.filtered(lambda ln: ln.product_id == self.posters)
        self.assertEqual(
            (poster.quantity, poster.price_unit, poster.discount, poster.tax_ids),
            (3.0, 50.0, 10.0, self.tax),
            "the returned quantity at the invoiced price, discount and taxes",
        )
        self.assertEqual(poster.sale_line_ids, self.poster_line)
        self.assertAlmostEqual(move.amount_untaxed, 235.0)
        self.assertAlmostEqual(move.amount_tax, 135.0 * 0.13, places=2)
        # The order knows: its invoiced quantities drop by what came back.
        self.assertEqual(self.poster_line.qty_invoiced, 7.0)
        self.assertEqual(self.envelope_line.qty_invoiced, 4.0)
        self.assertIn(move.display_name, ret.message_ids[0].body)
        action = ret.with_user(self.module_manager).action_view_credit_note()
        self.assertEqual((action["res_model"], action["res_id"]), ("account.move", move.id))

    def test_never_more_than_invoiced_and_not_credited(self):
        with self.assertRaisesRegex(ValidationError, "10.0 was invoiced"):
            self._return([(self.poster_line, 11)])
        with self.assertRaisesRegex(ValidationError, "Quantity"):
            self._return([(self.poster_line, 6), (self.poster_line, 5)])
        with self.assertRaisesRegex(ValidationError, "above 0"):
            self._return([(self.poster_line, 0)])
        first = self._return([(self.poster_line, 3)])
        first.with_user(self.module_manager).action_approve()
        # Approved, not credited yet: its 3 are taken.
        with self.assertRaisesRegex(ValidationError, "Quantity"):
            self._return([(self.poster_line, 8)])
        first.with_user(self.module_manager).action_credit()
        with self.assertRaisesRegex(ValidationError, "7.0 was invoiced"):
            self._return([(self.poster_line, 8)])
        second = self._return([(self.poster_line, 7)])
        self.assertEqual(second.line_ids.returnable_qty, 7.0)
        # Another line of another order is refused.
        other = self._order(self.top, [(self.posters, 1, 50.0, 0.0)])
        with self.assertRaisesRegex(ValidationError, "not a line of"):
            self._return([(other.order_line, 1)])

    def test_only_invoiced_confirmed_orders(self):
        quotation = self.env["sale.order"].create(
            {
                "partner_id": self.top.id,
                "user_id": self.module_user.id,
                "order_line": [Command.create({"product_id": self.posters.id})],
            }
        )
        with self.assertRaisesRegex(ValidationError, "not a confirmed order"):
            self._return([(quotation.order_line, 1)], order=quotation)
        uninvoiced = self._order(self.top, [(self.posters, 4, 50.0, 0.0)])
        with self.assertRaisesRegex(ValidationError, "Quantity"):
            self._return([(uninvoiced.order_line, 1)], order=uninvoiced)

    def test_decisions_are_the_managers_and_protected(self):
        ret = self._return([(self.poster_line, 2)])
        with self.assertRaisesRegex(AccessError, "Approve Return"):
            ret.with_user(self.module_user).action_approve()
        with self.assertRaisesRegex(AccessError, "Credit Return"):
            ret.with_user(self.module_user).action_credit()
        with self.assertRaisesRegex(AccessError, "Refuse Return"):
            ret.with_user(self.module_user).action_refuse()
        for user in (self.module_user, self.module_manager):
            with self.assertRaisesRegex(UserError, "Status"):
                ret.with_user(user).write({"state": "approved"})
            with self.assertRaisesRegex(UserError, "Credit Note"):
                ret.with_user(user).write({"credit_move_id": self.invoice.id})
        with self.assertRaisesRegex(UserError, "Credit Return: .* is Draft"):
            ret.with_user(self.module_manager).action_credit()
        ret.with_user(self.module_manager).action_approve()
        # Decided: its lines and order stay as approved.
        with self.assertRaisesRegex(UserError, "Approved"):
            ret.line_ids.with_user(self.module_manager).write({"quantity": 1})
        with self.assertRaisesRegex(UserError, "Approved"):
            ret.with_user(self.module_manager).unlink()
        # A context an RPC client can send is no leave.
        forged = ret.with_user(self.module_manager).with_context(print_crm_decision=True)
        with self.assertRaisesRegex(UserError, "Approved"):
            forged.write({"company_id": ret.company_id.id})
        with self.assertRaisesRegex(UserError, "Status"):
            forged.write({"state": "draft"})
        ret.with_user(self.module_manager).action_refuse(reason="Outside the return window")
        self.assertEqual(ret.state, "refused")
        self.assertEqual(ret.refusal_reason, "Outside the return window")
        self.assertFalse(ret.credit_move_id)
        with self.assertRaisesRegex(UserError, "Refused"):
            ret.with_user(self.module_manager).action_credit()
        # A refused return holds nothing back.
        self.assertEqual(self._return([(self.poster_line, 10)]).line_ids.returnable_qty, 10.0)
        with self.assertRaisesRegex(AccessError, ""):
            self.damaged.with_user(self.module_user).write({"name": "x"})
