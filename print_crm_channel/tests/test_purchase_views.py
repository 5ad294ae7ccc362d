# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from ast import literal_eval

import openpyxl
from lxml import etree

from odoo.exceptions import AccessError
from odoo.tests import Form, HttpCase, tagged

from .purchase_common import PurchaseCommon

BOARD_COLUMNS = ["to_order", "ordered", "at_supplier", "late", "received"]
XLSX_HEADERS = (
    "Job",
    "Customer",
    "Kind",
    "Item",
    "Supplier",
    "Quantity",
    "Unit",
    "Units per Pack",
    "Needed By",
    "Purchase Order",
    "Expected Arrival",
    "Received",
    "Status",
    "Late",
)


def _arch(env, model, view_type):
    views = env[model].get_views([(False, view_type)])
    return etree.fromstring(views["views"][view_type]["arch"])


@tagged("post_install", "-at_install")
class TestPurchaseViews(PurchaseCommon):
    """The back office of purchasing for production: supplier windows and packs, purchase
    orders and jobs that show each other, the outsourced board, the demand export."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order, cls.job = cls._job_order(quantity=1000, lamination=True)

    def _batch(self):
        return self.Demand.search([("state", "=", "open")])._print_consolidate(force=True)

    # ------------------------------------------------------------------ configuration

    def test_partner_form_shows_the_batch_window_to_buyers_only(self):
        form = Form(self.merchant.with_user(self.buyer))
        for fname in ("print_batch_times", "print_batch_tue", "print_order_cost", "tz"):
            self.assertIn(fname, form._view["fields"])
        self.assertEqual(form.print_batch_times, "16:00")
        self.assertEqual(form.print_order_cost, 25.0)
        self.assertTrue(form.print_next_batch, "the next window is shown")
        form = Form(self.merchant)
        form.print_batch_times = "10:00, 16:00"
        form.print_batch_sat = True
        form.save()
        self.assertEqual(self.merchant.print_batch_times, "10:00, 16:00")
        self.assertTrue(self.merchant.print_batch_sat)
        # A production user without purchasing sees the partner, not the batch window.
        fields_ = Form(self.merchant.with_user(self.production_user))._view["fields"]
        self.assertNotIn("print_batch_times", fields_)

    def test_vendor_pricelist_shows_packs(self):
        seller = self.paper_products[self.silk130_sra3].seller_ids
        form = Form(seller.with_user(self.purchase_manager))
        self.assertEqual(form.print_pack_name, "Ream")
        self.assertEqual(form.print_pack_size, 500.0)
        list_arch = _arch(self.env, "product.supplierinfo", "list")
        self.assertTrue(list_arch.xpath("//field[@name='print_pack_size']"))
        # The purchase product's own vendor list (product form) inherits it.
        product_list = self.env.ref("purchase.product_supplierinfo_tree_view2")
        arch = etree.fromstring(
            self.env["product.supplierinfo"].get_view(product_list.id, "list")["arch"]
        )
        self.assertTrue(arch.xpath("//field[@name='print_pack_name']"))

    def test_operation_form_purchase_product_only_when_outsourced(self):
        arch = _arch(self.env, "print.operation", "form")
        [node] = arch.xpath("//field[@name='print_purchase_product_id']")
        self.assertEqual(node.get("invisible"), "not outsourced")
        generic = self.env.ref("print_crm_channel.product_outsourced_work")
        with Form(self.op_laminate) as form:
            form.print_purchase_product_id = generic
        self.assertEqual(self.op_laminate.print_purchase_product_id, generic)

    def test_materials_are_configured_by_purchase_managers(self):
        product = self.env["product.product"].create(
            {"name": "Plate (test)", "type": "consu", "purchase_ok": True}
        )
        form = Form(self.env["print.purchase.material"].with_user(self.purchase_manager))
        form.name = "Plates"
        form.product_id = product
        form.supplier_id = self.merchant
        form.basis = "job"
        form.quantity = 4
        material = form.save()
        self.assertEqual(material.company_id, self.env.company)
        menu = self.env.ref("print_crm_channel.print_purchase_material_menu")
        action = self.env.ref("print_crm_channel.print_purchase_material_action")
        self.assertEqual(menu.action, action)
        self.assertEqual(menu.groups_id, self.env.ref("purchase.group_purchase_manager"))
        # The next confirmed job needs its four plates.
        _order, job = self._job_order(quantity=500)
        self.assertEqual(self._demand(job, "material").quantity, 4.0)

    def test_settings_show_purchasing_for_production(self):
        arch = _arch(self.env, "res.config.settings", "form")
        [block] = arch.xpath("//block[@name='print_crm_purchase_block']")
        for fname in (
            "print_purchase_stage_id",
            "print_purchase_confirm",
            "print_purchase_arrival_days",
            "print_purchase_ship_days",
            "print_payable_days",
            "print_payable_user_id",
        ):
            self.assertTrue(block.xpath(f".//field[@name='{fname}']"), fname)
        form = Form(self.env["res.config.settings"])
        form.print_purchase_ship_days = 5
        form.save().execute()
        self.assertEqual(self.env.company.print_purchase_ship_days, 5)

    # ------------------------------------------------------------------ orders and jobs

    def test_purchase_order_form_shows_its_jobs(self):
        _order2, job2 = self._job_order(quantity=2500, lamination=True)
        po = self._batch().filtered(lambda o: o.partner_id == self.merchant)
        form = Form(po.with_user(self.buyer))
        self.assertEqual(form.print_job_count, 2)
        self.assertTrue(form.print_batch)
        self.assertFalse(form.print_rush)
        self.assertEqual(po.order_line.print_job_ids, self.job | job2)
        self.assertEqual(set(po.order_line.mapped("print_pack_size")), {500.0})
        action = po.with_user(self.buyer).action_view_print_jobs()
        self.assertEqual(
            self.env["print.job"].search(action["domain"]), self.job | job2, "the Jobs button"
        )
        arch = _arch(po.with_user(self.buyer).env, "purchase.order", "form")
        self.assertTrue(arch.xpath("//widget[@name='web_ribbon'][@title='Rush']"))
        self.assertTrue(
            arch.xpath("//field[@name='print_extra_cost'][@invisible='not print_rush']")
        )
        lines = arch.xpath("//field[@name='order_line']/list")[0]
        for fname in ("print_job_ids", "print_need_by", "print_pack_size"):
            self.assertTrue(lines.xpath(f"field[@name='{fname}']"), fname)

    def test_purchase_order_filters(self):
        _order, rush_job = self._job_order(rush=True)
        rush_po = rush_job.print_demand_ids.purchase_id
        batch = self._batch()
        manual = self.env["purchase.order"].create({"partner_id": self.merchant.id})
        search = etree.fromstring(
            self.env["purchase.order"].get_views([(False, "search")])["views"]["search"]["arch"]
        )
        domains = {
            node.get("name"): node.get("domain")
            for node in search.xpath("//filter[starts-with(@name, 'print_')]")
        }
        self.assertEqual(set(domains), {"print_rush", "print_batch", "print_for_jobs"})
        POs = self.env["purchase.order"].with_user(self.buyer)
        found = POs.search(literal_eval(domains["print_for_jobs"]))
        self.assertIn(rush_po, found)
        self.assertEqual(found & batch, batch)
        self.assertNotIn(manual, found)
        self.assertEqual(POs.search(literal_eval(domains["print_rush"])), rush_po)

    def test_job_form_lists_what_was_bought(self):
        self._batch()
        form = Form(self.job.with_user(self.production_user))
        self.assertEqual(form.print_materials_state, "ordered")
        self.assertEqual(len(form.print_demand_ids), 2, "its paper and its lamination")
        demand = self.job.print_demand_ids
        self.assertEqual(set(demand.mapped("kind")), {"paper", "outsourced"})
        arch = etree.fromstring(
            self.env["print.job"]
            .with_user(self.buyer)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        [button] = arch.xpath("//button[@name='action_view_print_purchases']")
        self.assertTrue(button.xpath(".//field[@name='print_purchase_count']"))
        [page] = arch.xpath("//page[@name='print_purchasing']")
        demand_list = page.xpath(".//field[@name='print_demand_ids']/list")[0]
        columns = [f.get("name") for f in demand_list.xpath("field")]
        for fname in ("kind", "name", "supplier_id", "quantity", "need_by", "purchase_id"):
            self.assertIn(fname, columns)
        action = self.job.with_user(self.buyer).action_view_print_purchases()
        self.assertEqual(
            self.env["purchase.order"].search(action["domain"]),
            self.job.print_demand_ids.purchase_id,
        )

    def test_job_search_finds_jobs_waiting_for_materials(self):
        _order2, other = self._job_order(quantity=500)
        self._batch()
        paper = self._demand(self.job, "paper")
        paper._print_decide("late").write({"late": True})
        search = etree.fromstring(
            self.env["print.job"].get_views([(False, "search")])["views"]["search"]["arch"]
        )
        late_domain = search.xpath("//filter[@name='print_materials_late']")[0].get("domain")
        waiting_domain = search.xpath("//filter[@name='print_materials_waiting']")[0].get("domain")
        self.assertTrue(search.xpath("//filter[@name='group_print_materials']"))
        Job = self.env["print.job"].with_user(self.production_user)
        self.assertEqual(Job.search(literal_eval(late_domain)), self.job)
        self.assertEqual(Job.search(literal_eval(waiting_domain)), self.job | other)
        for line in other.print_demand_ids.purchase_line_id:
            line.qty_received = line.product_qty
        self.assertEqual(other.print_materials_state, "received")
        self.assertEqual(Job.search(literal_eval(waiting_domain)), self.job)

    # ------------------------------------------------------------------ outsourced board

    def test_board_groups_outsourced_work_in_five_columns(self):
        action = self.env.ref("print_crm_channel.print_purchase_demand_board_action")
        self.assertEqual(action.view_mode.split(",")[0], "kanban")
        kanban = _arch(self.env, "print.purchase.demand", "kanban")
        self.assertEqual(kanban.get("default_group_by"), "board_state")
        self.assertEqual(kanban.get("records_draggable"), "0", "states are decisions")
        domain = literal_eval(action.domain)
        Demand = self.env["print.purchase.demand"].with_user(self.buyer)

        def columns():
            groups = Demand.web_read_group(domain, ["board_state"], ["board_state"])["groups"]
            return {g["board_state"]: g["board_state_count"] for g in groups}

        before = columns()
        self.assertEqual(list(before), BOARD_COLUMNS, "all five columns, even empty")
        self.assertEqual(before["to_order"], 1, "the lamination, not the paper")
        lamination = self._demand(self.job, "outsourced")
        lamination.with_user(self.buyer).action_order_now()
        after = columns()
        self.assertEqual(after["to_order"], 0)
        self.assertEqual(after["at_supplier"], 1, "confirmed at the laminator")
        lamination.purchase_line_id.qty_received = lamination.quantity
        self.assertEqual(columns()["received"], 1)

    def test_demand_analysis_by_supplier_and_week(self):
        action = self.env.ref("print_crm_channel.print_purchase_demand_action")
        self.assertEqual(action.view_mode, "list,form,pivot,graph")
        pivot = _arch(self.env, "print.purchase.demand", "pivot")
        self.assertEqual(
            [(f.get("name"), f.get("type")) for f in pivot.xpath("//field")],
            [
                ("supplier_id", "row"),
                ("need_by", "col"),
                ("quantity", "measure"),
                ("estimated_cost", "measure"),
            ],
        )
        rows = self.Demand.with_user(self.buyer).read_group(
            [("job_id", "=", self.job.id)],
            ["quantity:sum", "estimated_cost:sum"],
            ["supplier_id"],
        )
        by_supplier = {r["supplier_id"][0]: r for r in rows}
        paper = self._demand(self.job, "paper")
        self.assertEqual(by_supplier[self.merchant.id]["quantity"], paper.quantity)
        self.assertTrue(_arch(self.env, "print.purchase.demand", "graph").xpath("//field"))

    # ------------------------------------------------------------------ XLSX

    def _rows(self, demand, user):
        content = demand.with_user(user)._export_demand_xlsx()
        book = openpyxl.load_workbook(io.BytesIO(content))
        self.assertEqual(book.sheetnames, ["Purchase Demand"])
        return list(book["Purchase Demand"].iter_rows(values_only=True))

    def test_demand_xlsx_one_row_per_line(self):
        self._batch()
        lamination = self._demand(self.job, "outsourced")
        lamination.purchase_line_id.qty_received = lamination.quantity
        demand = self.job.print_demand_ids.sorted(lambda d: d.kind)
        rows = self._rows(demand, self.buyer)
        self.assertEqual(rows[0], XLSX_HEADERS)
        self.assertEqual(len(rows), 1 + len(demand))
        row_out, row_paper = rows[1], rows[2]
        self.assertEqual(row_out[0], self.job.display_name)
        self.assertEqual(row_out[1], self.job.commercial_partner_id.display_name)
        self.assertEqual(row_out[2], "Outsourced Work")
        self.assertEqual(row_out[4], self.supplier_laminating.display_name)
        self.assertEqual(row_out[9], lamination.purchase_id.name)
        self.assertEqual(row_out[11], lamination.quantity)
        self.assertEqual(row_out[12], "Received")
        paper = self._demand(self.job, "paper")
        self.assertEqual(row_paper[2], "Paper")
        self.assertEqual(row_paper[5], paper.quantity)
        self.assertEqual(row_paper[7], 500)
        self.assertEqual(row_paper[8].date(), paper.need_by)
        self.assertIsNotNone(row_paper[10], "expected arrival")
        self.assertEqual(row_paper[12], "Ordered")
        self.assertEqual(row_paper[13], "No")

    def test_demand_xlsx_is_for_buyers(self):
        demand = self.job.print_demand_ids
        action = demand.with_user(self.buyer).action_export_demand_xlsx()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertEqual(
            action["url"], "/print_crm/purchase/demand.xlsx?ids=%s" % ",".join(map(str, demand.ids))
        )
        server_action = self.env.ref("print_crm_channel.print_purchase_demand_action_export_xlsx")
        self.assertEqual(server_action.binding_model_id.model, "print.purchase.demand")
        ran = (
            server_action.with_user(self.buyer)
            .with_context(active_model="print.purchase.demand", active_ids=demand.ids)
            .run()
        )
        self.assertEqual(ran["url"], action["url"])
        with self.assertRaises(AccessError):
            demand.with_user(self.production_user).action_export_demand_xlsx()


@tagged("post_install", "-at_install")
class TestPurchaseViewsHttp(HttpCase, PurchaseCommon):
    """/print_crm/purchase/demand.xlsx over HTTP: for buyers only."""

    def test_buyer_downloads_and_others_are_refused(self):
        _order, job = self._job_order(quantity=1000, lamination=True)
        demand = job.print_demand_ids
        url = "/print_crm/purchase/demand.xlsx?ids=%s" % ",".join(map(str, demand.ids))
        self.authenticate(self.buyer.login, self.buyer.login)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("purchase_demand_", response.headers["Content-Disposition"])
        rows = list(
            openpyxl.load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
        )
        self.assertEqual(len(rows), 1 + len(demand))
        self.authenticate(self.production_user.login, self.production_user.login)
        self.assertEqual(self.url_open(url).status_code, 403)
