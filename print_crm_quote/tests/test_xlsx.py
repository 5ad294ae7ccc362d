# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io

import openpyxl

from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import PrintCrmEstimateCommon

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _row(sheet, label):
    """The values of the summary row whose first cell is ``label``, label excluded."""
    for row in sheet.iter_rows(values_only=True):
        if row[0] == label:
            return list(row[1:])
    raise AssertionError(f"no {label!r} row in sheet {sheet.title!r}")


@tagged("post_install", "-at_install")
class TestPrintEstimateXlsx(PrintCrmEstimateCommon):
    """The workbook an estimator downloads matches the estimate figure for figure."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estimate = cls._make_estimate(client_reference="PO 7781")
        cls.estimate.action_compute()

    def _workbook(self, estimate):
        return openpyxl.load_workbook(io.BytesIO(estimate._export_xlsx()))

    def test_summary_sheet_matches_the_breaks(self):
        book = self._workbook(self.estimate)
        breaks = self.estimate.break_ids
        self.assertEqual(book.sheetnames, ["Summary", "500 copies", "1000 copies", "2500 copies"])
        summary = book["Summary"]
        self.assertEqual(summary["A1"].value, "Estimate")
        self.assertEqual(summary["B1"].value, self.estimate.name)
        self.assertEqual(summary["B2"].value, self.customer_contact.display_name)
        self.assertEqual(summary["B3"].value, "Spring open day flyer")
        self.assertEqual(summary["B5"].value, "Trade (test)")
        self.assertEqual(summary["B6"].value, self.currency.name)
        self.assertEqual(_row(summary, "Quantity"), [500, 1000, 2500])
        self.assertEqual(_row(summary, "Cost"), breaks.mapped("cost"))
        self.assertEqual(_row(summary, "Price"), breaks.mapped("price"))
        self.assertEqual(_row(summary, "Markup"), [b.breakdown["markup"] for b in breaks])
        self.assertEqual(_row(summary, "Discount"), [0, 0, 0])
        self.assertEqual(_row(summary, "Unit price"), [b.breakdown["unit_price"] for b in breaks])

    def test_break_sheets_list_every_cost_line(self):
        categories = {"paper": "Paper", "run": "Press Run", "finishing": "Finishing"}
        categories.update(plates="Plates", ink="Ink", makeready="Makeready", click="Clicks")
        categories.update(outsourced="Outsourced")
        alternative_headers = ["Part", "Press", "Substrate", "Parent sheet cut", "Press sheet (mm)"]
        alternative_headers += ["Layout", "Cost", "Why"]
        book = self._workbook(self.estimate)
        words = self.estimate.break_ids._words()
        for break_ in self.estimate.break_ids:
            sheet = book[f"{break_.quantity} copies"]
            rows = list(sheet.iter_rows(values_only=True))
            self.assertEqual(
                list(rows[0][:6]), ["Part", "Category", "Item", "Quantity", "Unit", "Amount"]
            )
            lines = break_.breakdown["lines"]
            self.assertTrue(lines)
            listed = rows[1 : 1 + len(lines)]
            for row, line in zip(listed, lines, strict=True):
                self.assertEqual(row[0], "Flyer")
                self.assertEqual(
                    list(row[1:6]),
                    [
                        categories[line["category"]],
                        words["item"](line["item"]),
                        line["quantity"],
                        words["unit"](line["unit"]),
                        line["amount"],
                    ],
                )
            total = rows[1 + len(lines)]
            self.assertEqual(total[2], "Total cost")
            self.assertEqual(total[5], break_.cost)
            # Every line is rounded to the cent on its own.
            self.assertAlmostEqual(
                sum(row[5] for row in listed), break_.cost, delta=0.005 * len(lines)
            )
            listed_categories = {row[1] for row in listed}
            self.assertIn("Paper", listed_categories)
            self.assertIn("Press Run", listed_categories)
            self.assertIn("Finishing", listed_categories)
            # Then the route: press, sheet and layout of the part.
            route_header = rows[3 + len(lines)]
            self.assertEqual(route_header[:2], ("Part", "Press"))
            route = rows[4 + len(lines)]
            self.assertEqual(route[1], break_.breakdown["routes"][0]["press_name"])
            self.assertIn(route[1], break_.route)
            # Then every route the engine considered, cheapest first, the chosen one marked.
            start = next(i for i, r in enumerate(rows) if r[0] == "Routes considered")
            self.assertEqual(rows[start + 1][:8], tuple(alternative_headers))
            considered = [r for r in rows[start + 2 :] if r[0]]
            self.assertEqual(len(considered), len(break_._sorted_alternatives()))
            chosen = [r for r in considered if r[7] == "Chosen"]
            self.assertEqual(len(chosen), 1)
            self.assertEqual(chosen[0][6], break_.cost)
            costs = [r[6] for r in considered if r[6] is not None]
            self.assertEqual(costs, sorted(costs))

    def test_export_prices_an_estimate_first(self):
        estimate = self._make_estimate(quantities=(750,))
        book = self._workbook(estimate)
        self.assertTrue(estimate.computed)
        self.assertEqual(_row(book["Summary"], "Price"), [estimate.break_ids.price])

    def test_export_action_downloads_from_the_controller(self):
        action = self.estimate.action_export_xlsx()
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.assertEqual(action["url"], f"/print_crm/estimate/{self.estimate.id}/xlsx")


@tagged("post_install", "-at_install")
class TestPrintEstimateXlsxHttp(HttpCase, PrintCrmEstimateCommon):
    """/print_crm/estimate/<id>/xlsx over HTTP: for the estimate's estimators only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.estimator_b = new_test_user(
            cls.env, login="print_crm_quote-user-b", groups="print_crm_quote.group_estimate_user"
        )
        cls.portal = new_test_user(
            cls.env,
            login="print_crm_quote-portal",
            groups="base.group_portal",
            partner_id=cls.customer_contact.id,
        )
        cls.estimate = cls._make_estimate()
        cls.estimate.action_mark_sent()
        cls.url = f"/print_crm/estimate/{cls.estimate.id}/xlsx"

    def test_estimator_downloads_the_workbook(self):
        self.authenticate(self.estimator.login, self.estimator.login)
        response = self.url_open(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.headers["Content-Type"], XLSX)
        self.assertIn(".xlsx", response.headers["Content-Disposition"])
        self.assertIn(self.estimate.name.replace("/", "-"), response.headers["Content-Disposition"])
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        self.assertEqual(_row(book["Summary"], "Price"), self.estimate.break_ids.mapped("price"))

    @mute_logger("odoo.http")
    def test_other_estimator_is_refused(self):
        self.authenticate(self.estimator_b.login, self.estimator_b.login)
        response = self.url_open(self.url)
        self.assertIn(response.status_code, (403, 404))
        self.assertNotEqual(response.headers.get("Content-Type"), XLSX)
        missing = self.url_open("/print_crm/estimate/999999999/xlsx")
        self.assertEqual(missing.status_code, 404)

    @mute_logger("odoo.http")
    def test_portal_customer_is_refused(self):
        """The workbook holds the shop's costs: not even the estimate's customer gets it."""
        self.authenticate(self.portal.login, self.portal.login)
        response = self.url_open(self.url)
        self.assertIn(response.status_code, (403, 404))
        self.assertNotEqual(response.headers.get("Content-Type"), XLSX)

    def test_anonymous_visitor_is_sent_to_login(self):
        response = self.url_open(self.url, allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])
