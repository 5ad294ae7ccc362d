# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import datetime, timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .purchase_common import PurchaseCommon

# The purchase side of a job: computed from its demand or written by its purchasing only.
JOB_PURCHASE_FIELDS = (
    "print_demand_ids",
    "print_demand_raised",
    "print_purchase_line_ids",
    "print_purchase_count",
    "print_materials_state",
    "print_materials_expected",
    "print_materials_late",
    "print_rush_purchase_cost",
    "print_materials_reminded",
)
PO_PRINT_FIELDS = (
    "print_batch",
    "print_rush",
    "print_job_id",
    "print_extra_cost",
    "print_job_ids",
    "print_job_count",
)
PO_LINE_PRINT_FIELDS = (
    "print_demand_ids",
    "print_job_ids",
    "print_need_by",
    "print_pack_size",
    "print_estimated_cost",
    "print_date_received",
)


@tagged("post_install", "-at_install")
class TestPurchaseSecurity(PurchaseCommon, HttpCase):
    """Who may read and decide purchase demand, over RPC as any client may call: customers
    and suppliers in the portal read nothing of it, other companies' buyers do not see it,
    production reads it without ordering, and nobody writes its decisions directly."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer_user = new_test_user(
            cls.env,
            login="print_crm_channel-purchase-customer",
            groups="base.group_portal",
            partner_id=cls.customer_contact.id,
        )
        cls.merchant_contact = cls.env["res.partner"].create(
            {
                "name": "Rita Reams",
                "parent_id": cls.merchant.id,
                "email": "rita@merchant.example",
            }
        )
        cls.vendor_user = new_test_user(
            cls.env,
            login="print_crm_channel-purchase-vendor",
            groups="base.group_portal",
            partner_id=cls.merchant_contact.id,
        )
        cls.order, cls.job = cls._job_order(lamination=True)
        cls.demand = cls.job.print_demand_ids
        cls.paper = cls.demand.filtered(lambda d: d.kind == "paper")

    def _call(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def _refused(self, error, model, method, *args, **kwargs):
        """The RPC call is refused with ``error`` (the exception's name)."""
        with self.assertRaises(JsonRpcException) as caught:
            self._call(model, method, *args, **kwargs)
        self.assertIn(error, str(caught.exception))

    def _batch(self):
        return self.Demand.search([("state", "=", "open")])._print_consolidate(
            force=True, now=self.monday_noon
        )

    # ------------------------------------------------------------------ portal users

    @mute_logger("odoo.http")
    def test_customer_reads_no_purchase_demand_over_rpc(self):
        orders = self._batch()
        self.assertTrue(self.paper.purchase_id)
        self.authenticate(self.customer_user.login, self.customer_user.login)
        # Its own job, yes (the portal shows it) ...
        [job] = self._call("print.job", "read", self.job.ids, ["name"])
        self.assertEqual(job["name"], self.job.name)
        # ... but nothing its job needs bought, nor from whom, nor what it cost.
        self._refused("AccessError", "print.purchase.demand", "search_read", [], ["name"])
        self._refused("AccessError", "print.purchase.demand", "read", self.demand.ids, ["name"])
        for fname in JOB_PURCHASE_FIELDS:
            with self.subTest(field=fname):
                self._refused("AccessError", "print.job", "read", self.job.ids, [fname])
        for fname in PO_PRINT_FIELDS:
            with self.subTest(field=fname):
                self._refused("AccessError", "purchase.order", "read", orders.ids, [fname])
        self._refused("AccessError", "purchase.order.line", "read", orders.order_line.ids, ["name"])
        # Its job's button to the purchase orders is the buyers'.
        self._refused("AccessError", "print.job", "action_view_print_purchases", self.job.ids)

    @mute_logger("odoo.http")
    def test_vendor_sees_its_order_in_the_portal_not_the_jobs(self):
        orders = self._batch()
        po = orders.filtered(lambda o: o.partner_id == self.merchant)
        other = orders - po
        self.assertEqual(po.state, "purchase")
        self.authenticate(self.vendor_user.login, self.vendor_user.login)
        page = self.url_open("/my/purchase")
        self.assertEqual(page.status_code, 200)
        self.assertIn(po.name, page.text)
        self.assertNotIn(other.name, page.text, "the laminator's order is not the merchant's")
        self.assertEqual(self.url_open(f"/my/purchase/{po.id}").status_code, 200)
        # Odoo's purchase portal lets the supplier read its order over RPC ...
        [values] = self._call("purchase.order", "read", po.ids, ["name"])
        self.assertEqual(values["name"], po.name)
        # ... never the jobs or demand behind it, nor what the estimates costed.
        for fname in PO_PRINT_FIELDS:
            with self.subTest(field=fname):
                self._refused("AccessError", "purchase.order", "read", po.ids, [fname])
        for fname in PO_LINE_PRINT_FIELDS:
            with self.subTest(field=fname):
                self._refused(
                    "AccessError", "purchase.order.line", "read", po.order_line.ids, [fname]
                )
        self._refused("AccessError", "print.purchase.demand", "search_read", [], ["name"])
        self._refused("AccessError", "print.job", "read", self.job.ids, ["name"])
        # The order's button to its jobs is the buyers', not the supplier's.
        self._refused("AccessError", "purchase.order", "action_view_print_jobs", po.ids)

    # ------------------------------------------------------------------ internal users

    def test_buyer_of_another_company_does_not_see_the_demand(self):
        company_b = self.env["res.company"].create({"name": "Print Works B"})
        buyer_b = new_test_user(
            self.env,
            login="print_crm_channel-buyer-b",
            groups="purchase.group_purchase_user",
            company_id=company_b.id,
            company_ids=[Command.set(company_b.ids)],
        )
        Demand = self.Demand.with_user(buyer_b)
        self.assertEqual(Demand.search_count([]), 0)
        self.assertFalse(Demand.search([("id", "in", self.demand.ids)]))
        with self.assertRaises(AccessError):
            Demand.browse(self.paper.id).read(["name"])
        with self.assertRaises(AccessError):
            Demand.browse(self.paper.id).action_order_now()
        self.assertEqual(self.paper.state, "open")
        # The buyer of the job's company does see it.
        self.assertEqual(
            self.Demand.with_user(self.buyer).search([("id", "in", self.demand.ids)]),
            self.demand,
        )

    def test_production_reads_demand_but_does_not_order(self):
        demand = self.paper.with_user(self.production_user)
        self.assertEqual(demand.read(["state"])[0]["state"], "open")
        self.assertEqual(self.job.with_user(self.production_user).print_materials_state, "to_order")
        for action in (
            "action_order_now",
            "action_cancel",
            "action_reopen",
            "action_view_purchase",
        ):
            with self.subTest(action=action), self.assertRaises(AccessError):
                getattr(demand, action)()
        self.assertEqual(self.paper.state, "open")
        self.assertFalse(self.paper.purchase_line_id)
        # A buyer may.
        self.paper.with_user(self.buyer).action_order_now()
        self.assertEqual(self.paper.state, "ordered")

    # ------------------------------------------------------------------ decisions

    def _forged_values(self):
        other = self._job_order()[1]
        po = self.env["purchase.order"].create(
            {
                "partner_id": self.merchant.id,
                "order_line": [
                    Command.create({"product_id": self.paper.product_id.id, "product_qty": 500.0})
                ],
            }
        )
        return {
            "job_id": other.id,
            "kind": "material",
            "source_key": "forged",
            "supplier_id": self.supplier_laminating.id,
            "product_id": self.paper_products[self.silk170_sra3].id,
            "quantity": 1.0,
            "pack_size": 1.0,
            "need_by": fields.Date.to_string(fields.Date.today() + timedelta(days=30)),
            "rush": True,
            "estimated_cost": 0.01,
            "purchase_line_id": po.order_line.id,
            "cancelled": True,
            "late": True,
            "reminded": True,
        }

    @mute_logger("odoo.http")
    def test_decisions_of_demand_are_refused_over_rpc(self):
        forged = self._forged_values()
        self.assertEqual(set(forged), set(self.Demand._print_decision_fields))
        before = self.paper.read(list(forged))[0]
        self.authenticate(self.purchase_manager.login, self.purchase_manager.login)
        for fname, value in forged.items():
            with self.subTest(field=fname):
                self._refused(
                    "UserError", "print.purchase.demand", "write", self.paper.ids, {fname: value}
                )
                self._refused(
                    "UserError",
                    "print.purchase.demand",
                    "create",
                    [{"name": "Forged demand", fname: value}],
                )
                self._refused(
                    "UserError",
                    "print.purchase.demand",
                    "create",
                    [{"name": "Forged demand"}],
                    context={f"default_{fname}": value},
                )
        self.paper.invalidate_recordset()
        self.assertEqual(self.paper.read(list(forged))[0], before)
        # The refusal names the field, in the manager's words.
        Demand = self.paper.with_user(self.purchase_manager)
        for fname, value in forged.items():
            label = self.Demand._fields[fname].string
            with self.subTest(field=fname), self.assertRaisesText(UserError, label):
                Demand.write({fname: value})

    @mute_logger("odoo.http")
    def test_purchasing_records_of_partner_and_job_are_refused_over_rpc(self):
        now = fields.Datetime.to_string(fields.Datetime.now())
        self.authenticate(self.purchase_manager.login, self.purchase_manager.login)
        self._refused(
            "UserError", "res.partner", "write", self.merchant.ids, {"print_last_batch": now}
        )
        self._refused(
            "UserError",
            "res.partner",
            "create",
            [{"name": "Forged Supplier", "print_last_batch": now}],
        )
        self.assertFalse(self.merchant.print_last_batch)
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Forged Supplier")]))
        job_fields = {
            "print_demand_raised": False,
            "print_rush_purchase_cost": 0.0,
            "print_materials_reminded": True,
        }
        self.job.sudo()._print_decide("print_rush_purchase_cost").write(
            {"print_rush_purchase_cost": 65.0}
        )
        self.authenticate(self.production_manager.login, self.production_manager.login)
        for fname, value in job_fields.items():
            with self.subTest(field=fname):
                self._refused("UserError", "print.job", "write", self.job.ids, {fname: value})
        self.assertTrue(self.job.print_demand_raised)
        self.assertEqual(self.job.print_rush_purchase_cost, 65.0)
        self.assertFalse(self.job.print_materials_reminded)
        # What production may change of its job still goes through.
        self._call("print.job", "write", self.job.ids, {"title": "Flyer, second run"})
        self.assertEqual(self.job.title, "Flyer, second run")

    # ------------------------------------------------------------------ sales

    def test_salesman_confirms_without_purchase_rights(self):
        salesman = new_test_user(
            self.env,
            login="print_crm_channel-purchase-salesman",
            groups="sales_team.group_sale_salesman",
        )
        self.assertFalse(salesman.has_group("purchase.group_purchase_user"))
        for rush in (False, True):
            with self.subTest(rush=rush):
                order = self._order(confirm=False)
                order.write(
                    {
                        "user_id": salesman.id,
                        "print_rush": rush,
                        "commitment_date": datetime.now() + timedelta(days=10),
                    }
                )
                order.with_user(salesman).action_confirm()
                self.assertEqual(order.state, "sale")
                demand = order.print_job_ids.sudo().print_demand_ids
                self.assertTrue(demand.filtered(lambda d: d.kind == "paper"))
                # A rush job's paper is ordered at once, whoever confirmed it.
                self.assertEqual(bool(demand.purchase_id), rush)
                with self.assertRaises(AccessError):
                    self.Demand.with_user(salesman).search([("id", "in", demand.ids)])
                with self.assertRaises(AccessError):
                    demand.with_user(salesman).read(["quantity"])
