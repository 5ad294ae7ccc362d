# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
from datetime import date, datetime, time, timedelta

import openpyxl
from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged

from .common import PrintCrmEstimateCommon

TODAY = date(2026, 7, 1)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

# Ten customers and when they ordered (days before TODAY) and for how much each time.
# Recency and frequency are scored on fixed bands (last order within 30/90/180/365 days;
# 12/6/3/2 orders in 12 months); revenue in quintiles, known in advance because every
# customer's differs (two customers a quintile):
#   revenue   F G | D J | H I | C E | B A
HISTORY = {
    "A": ([3 + 30 * k for k in range(12)], 1000.0),  # R5 F5 M5 champion
    "B": ([6 + 30 * k for k in range(11)], 900.0),  # R5 F4 M5 champion
    "C": ([25 + 30 * k for k in range(10)], 200.0),  # R5 F4 M4 champion
    "D": ([20], 300.0),  # first order 20 days ago: new
    "E": ([30 * k for k in range(7, 25)], 450.0),  # R2 F4: at risk, stopped 7 months ago
    "F": ([600], 100.0),  # R1 F1: lost
    "G": ([450], 100.0),  # R1 F1: lost
    "H": ([10, 150], 500.0),  # R5 F2: promising
    "I": ([60] + [30 * k for k in range(6, 25)], 150.0),  # R4 F4 M3: loyal, but drifting
    "J": ([100, 130, 160], 250.0),  # R3 F3 M2: needs attention
}
EXPECTED_SEGMENTS = {
    "A": "champion",
    "B": "champion",
    "C": "champion",
    "D": "new",
    "E": "at_risk",
    "F": "lost",
    "G": "lost",
    "H": "promising",
    "I": "loyal",
    "J": "need_attention",
}


class CustomerValueCommon(PrintCrmEstimateCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rep = cls.estimator
        cls.service = cls.env["product.product"].create(
            {"name": "Print work (test)", "type": "service", "list_price": 1.0}
        )
        Partner = cls.env["res.partner"]
        cls.history = {}
        orders = []
        for key, (days_ago, amount) in HISTORY.items():
            partner = Partner.create(
                {"name": f"Customer {key}", "is_company": True, "user_id": cls.rep.id}
            )
            cls.history[key] = partner
            for days in days_ago:
                orders.append(
                    {
                        "partner_id": partner.id,
                        "user_id": cls.rep.id,
                        "state": "sale",
                        "date_order": datetime.combine(TODAY - timedelta(days=days), time(9)),
                        "order_line": [
                            Command.create(
                                {
                                    "product_id": cls.service.id,
                                    "price_unit": amount,
                                    "tax_id": [Command.clear()],
                                }
                            )
                        ],
                    }
                )
        cls.env["sale.order"].create(orders)

    @classmethod
    def _recompute(cls):
        with freeze_time(TODAY):
            cls.env["print.customer.value"]._recompute(cls.company)

    def _value(self, partner):
        return self.env["print.customer.value"].search(
            [("partner_id", "=", partner.id), ("company_id", "=", self.company.id)]
        )


@tagged("post_install", "-at_install")
class TestCustomerValue(CustomerValueCommon):
    """Revenue, margin, orders, RFM segment and drift of every customer, in one pass."""

    def test_rfm_segments_of_a_crafted_history(self):
        self._recompute()
        segments = {key: self._value(p).segment for key, p in self.history.items()}
        self.assertEqual(segments, EXPECTED_SEGMENTS)
        scores = {
            key: (v.r_score, v.f_score, v.m_score)
            for key, v in ((k, self._value(p)) for k, p in self.history.items())
        }
        self.assertEqual(scores["A"], (5, 5, 5))
        self.assertEqual(scores["E"], (2, 4, 4))
        self.assertEqual(scores["F"], (1, 1, 1))
        self.assertEqual(scores["I"], (4, 4, 3))
        self.assertEqual(scores["J"], (3, 3, 2))

    def test_figures_of_one_customer(self):
        self._recompute()
        c = self._value(self.history["C"])
        self.assertEqual(c.order_count, 10)
        self.assertEqual(c.revenue, 2000.0)
        self.assertEqual(c.average_order, 200.0)
        self.assertEqual(c.last_order_date, TODAY - timedelta(days=25))
        self.assertEqual(c.first_order_date, TODAY - timedelta(days=25 + 30 * 9))
        self.assertEqual(c.recency_days, 25)
        self.assertEqual(c.user_id, self.rep)
        # Orders older than 12 months count for the history, not for the revenue.
        e = self._value(self.history["E"])
        self.assertEqual(e.order_count, 6)
        self.assertEqual(e.revenue, 6 * 450.0)

    def test_drift_from_the_customers_own_history(self):
        self._recompute()
        i = self._value(self.history["I"])
        # 2 orders in the last 182 days against 18 in the 548 days before.
        self.assertAlmostEqual(i.drift_score, 1 - (2 / 182) / (18 / 548), places=3)
        self.assertTrue(i.drift_risk)
        self.assertEqual(i.segment, "loyal", "still loyal by its scores, but drifting")
        steady = self._value(self.history["A"])
        self.assertEqual(steady.drift_score, 0.0, "orders as often as ever")
        self.assertFalse(steady.drift_risk)
        self.assertTrue(self._value(self.history["E"]).drift_risk)

    def test_a_customer_turning_at_risk_gets_an_activity_once(self):
        e, a = self.history["E"], self.history["A"]
        self._recompute()
        activity = e.activity_ids
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.rep)
        self.assertEqual(activity.summary, "Customer at risk: get in touch")
        self.assertIn("210 days", str(activity.note))
        self.assertFalse(a.activity_ids)
        self._recompute()
        self.assertEqual(len(e.activity_ids), 1, "no second activity while it stays at risk")

    def test_gross_margin_from_the_estimated_cost_of_print_lines(self):
        a = self.history["A"]
        estimate = self._make_estimate(partner_id=a.id, quantities=(2500,))
        line = estimate._accept_break(estimate.break_ids)
        order = line.order_id
        order.action_confirm()
        order.date_order = datetime.combine(TODAY - timedelta(days=1), time(9))
        self._recompute()
        value = self._value(a)
        self.assertEqual(value.order_count, 13)
        self.assertAlmostEqual(value.revenue, 12 * 1000.0 + line.price_subtotal, places=2)
        self.assertAlmostEqual(value.gross_margin, line.print_margin, places=2)
        self.assertAlmostEqual(value.margin_pct, 100 * line.print_margin / value.revenue, places=1)

    def test_cancelled_orders_do_not_count_and_stale_rows_go(self):
        self._recompute()
        d = self.history["D"]
        self.assertTrue(self._value(d))
        self.env["sale.order"].search([("partner_id", "=", d.id)])._action_cancel()
        self._recompute()
        self.assertFalse(self._value(d))

    def test_partner_form_shows_its_value_and_segment(self):
        self._recompute()
        a = self.history["A"]
        self.assertEqual(a.print_segment, "champion")
        self.assertEqual(a.print_order_count, 12)
        self.assertEqual(a.print_revenue, 12000.0)
        contact = self.env["res.partner"].create({"name": "Buyer", "parent_id": a.id})
        self.assertEqual(contact.print_segment, "champion", "a contact shows its company's")

    def test_figures_say_as_of_when_and_recompute_confirms(self):
        self._recompute()
        a = self.history["A"]
        self.assertEqual(a.print_value_date, self._value(a).computed_at)
        self.assertTrue(a.print_value_date)
        manager = new_test_user(
            self.env, login="value-manager", groups="print_crm_quote.group_estimate_manager"
        )
        result = self.env["print.customer.value"].with_user(manager).action_recompute()
        self.assertEqual(result["tag"], "display_notification")
        message = result["params"]["message"]
        count = self.env["print.customer.value"].search_count([])
        self.assertIn(f"{count} customers", message)
        self.assertEqual(result["params"]["next"], {"type": "ir.actions.client", "tag": "reload"})
        result = a.with_user(manager).action_print_recompute_value()
        self.assertEqual(result["tag"], "display_notification")

    def test_nightly_cron_recomputes(self):
        cron = self.env.ref("print_crm_quote.ir_cron_print_customer_value")
        self.assertEqual((cron.interval_number, cron.interval_type), (1, "days"))
        self.assertFalse(self._value(self.history["A"]))
        with freeze_time(TODAY):
            cron.method_direct_trigger()
        self.assertEqual(self._value(self.history["A"]).segment, "champion")

    def test_reps_see_the_value_of_their_own_customers(self):
        self._recompute()
        other_rep = new_test_user(
            self.env,
            login="print_crm_quote-rep-value",
            groups="print_crm_quote.group_estimate_user",
        )
        Value = self.env["print.customer.value"]
        self.assertEqual(len(Value.with_user(self.rep).search([])), 10)
        self.assertFalse(Value.with_user(other_rep).search([]))
        self.history["A"].user_id = other_rep
        self.assertEqual(Value.with_user(other_rep).search([]).partner_id, self.history["A"])
        self.assertEqual(len(Value.with_user(self.module_manager).search([])), 10)
        with self.assertRaises(AccessError):
            Value.with_user(self.internal_user).search([])
        with self.assertRaises(AccessError):
            Value.with_user(self.rep).search([], limit=1).write({"segment": "lost"})

    def test_xlsx_export_reads_back(self):
        self._recompute()
        values = self.env["print.customer.value"].search([("segment", "=", "champion")])
        book = openpyxl.load_workbook(io.BytesIO(values._export_xlsx()))
        sheet = book["Customer Value"]
        rows = list(sheet.iter_rows(values_only=True))
        header = rows[0]
        self.assertEqual(header[:4], ("Customer", "Sales Rep", "Customer Kind", "Segment"))
        self.assertEqual(len(rows), 1 + len(values))
        by_name = {row[0]: dict(zip(header, row, strict=True)) for row in rows[1:]}
        for value in values:
            row = by_name[value.partner_id.display_name]
            self.assertEqual(row["Segment"], "Champion")
            self.assertEqual(row["Revenue"], value.revenue)
            self.assertEqual(row["Orders"], value.order_count)
            self.assertEqual(row["Sales Rep"], self.rep.name)
            self.assertEqual(row["Last Order Date"].date(), value.last_order_date)


@tagged("post_install", "-at_install")
class TestCustomerValueHttp(HttpCase, CustomerValueCommon):
    def test_export_over_http_gives_only_what_the_user_may_read(self):
        self._recompute()
        values = self.env["print.customer.value"].search([])
        other_rep = new_test_user(
            self.env, login="print_crm_quote-rep-xlsx", groups="print_crm_quote.group_estimate_user"
        )
        url = f"/print_crm/customer_value/xlsx?ids={','.join(map(str, values.ids))}"
        self.authenticate(self.rep.login, self.rep.login)
        response = self.url_open(url)
        self.assertEqual(response.headers["Content-Type"], XLSX)
        rows = list(openpyxl.load_workbook(io.BytesIO(response.content)).active.values)
        self.assertEqual(len(rows), 11)
        self.authenticate(other_rep.login, other_rep.login)
        rows = list(openpyxl.load_workbook(io.BytesIO(self.url_open(url).content)).active.values)
        self.assertEqual(len(rows), 1, "another rep's customers are left out: header only")
        self.authenticate(None, None)
        anonymous = self.url_open(url, allow_redirects=False)
        self.assertEqual(anonymous.status_code, 303)
