# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, fields

from .common import PrintCrmChannelCommon


class ChannelSalesCommon(PrintCrmChannelCommon):
    """A two-level channel (a regional distributor, a city distributor under it, a
    sibling), a product and helpers to order, invoice and pay; no demo data needed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.level_regional = cls.env["print.channel.level"].create(
            {"name": "Regional", "code": "REG"}
        )
        cls.level_city = cls.env["print.channel.level"].create({"name": "City", "code": "CITY"})
        Partner = cls.env["res.partner"].with_user(cls.module_manager)
        cls.top = Partner.create(
            {
                "name": "North Print Distribution",
                "is_company": True,
                "print_channel_role": "distributor",
                "print_channel_level_id": cls.level_regional.id,
                "print_channel_manager_id": cls.module_user.id,
            }
        )
        cls.sub = Partner.create(
            {
                "name": "Harbour City Prints",
                "is_company": True,
                "print_channel_role": "distributor",
                "print_channel_level_id": cls.level_city.id,
                "print_channel_parent_id": cls.top.id,
                "print_channel_manager_id": cls.module_user.id,
            }
        )
        cls.sibling = Partner.create(
            {
                "name": "South Print Agency",
                "is_company": True,
                "print_channel_role": "distributor",
                "print_channel_level_id": cls.level_city.id,
            }
        )
        cls.direct_customer = cls.env["res.partner"].create(
            {"name": "Blue Cafe", "is_company": True}
        )
        cls.tax = cls.env["account.tax"].create(
            {"name": "VAT 13% (test)", "amount": 13.0, "type_tax_use": "sale"}
        )
        cls.posters = cls.env["product.product"].create(
            {
                "name": "Posters A2",
                "type": "consu",
                "list_price": 50.0,
                "invoice_policy": "order",
                "taxes_id": [Command.set(cls.tax.ids)],
            }
        )
        cls.envelopes = cls.env["product.product"].create(
            {
                "name": "Envelopes C5",
                "type": "consu",
                "list_price": 100.0,
                "invoice_policy": "order",
                "taxes_id": [Command.clear()],
            }
        )

    @classmethod
    def _order(cls, partner, lines, date_order=None):
        """A confirmed order of ``lines`` [(product, qty, price, discount)]."""
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                # The Distribution user takes the distributor's orders (a sales rep sees
                # its own orders only).
                "user_id": cls.module_user.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_qty": qty,
                            "price_unit": price,
                            "discount": discount,
                        }
                    )
                    for product, qty, price, discount in lines
                ],
            }
        )
        order.action_confirm()
        if date_order:
            order.date_order = date_order
        return order

    @classmethod
    def _invoice(cls, order, invoice_date=None, due=None):
        invoice = order._create_invoices()
        values = {"invoice_date": invoice_date or fields.Date.today()}
        if due:
            values["invoice_date_due"] = due
            values["invoice_payment_term_id"] = False
        invoice.write(values)
        if due:
            invoice.write({"invoice_date_due": due})
        invoice.action_post()
        return invoice

    @classmethod
    def _pay(cls, invoice, amount=None, date=None):
        wizard = (
            cls.env["account.payment.register"]
            .with_context(active_model="account.move", active_ids=invoice.ids)
            .create(
                {
                    "amount": amount if amount is not None else invoice.amount_residual,
                    "payment_date": date or fields.Date.today(),
                }
            )
        )
        return wizard._create_payments()
