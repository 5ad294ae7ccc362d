# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.tests import new_test_user

from odoo.addons.print_crm_quote.tests.common import PrintCrmEstimateCommon, PrintCrmModuleCommon


class PrintCrmTrackingCommon(PrintCrmModuleCommon):
    """Least-privilege users for the Production tests; no demo data needed."""

    category_xmlid = "print_crm_tracking.module_category_printing_production"
    user_group_xmlid = "print_crm_tracking.group_job_user"
    manager_group_xmlid = "print_crm_tracking.group_job_manager"
    section_menu_xmlid = "print_crm_tracking.menu_production"


class PrintCrmJobCommon(PrintCrmEstimateCommon):
    """The estimating shop of print_crm_quote, plus production users and a way to get a
    confirmed print order with its jobs."""

    # These tests move jobs; what other modules require first (an approved proof, ...) is
    # theirs to test, so it is lifted. A module testing its prerequisites sets this False.
    lift_production_blockers = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if cls.lift_production_blockers:
            cls.classPatch(
                type(cls.env["print.job"]), "_production_blockers", lambda job, stage: []
            )
        cls.production_user = new_test_user(
            cls.env, login="print_crm_tracking-floor", groups="print_crm_tracking.group_job_user"
        )
        cls.production_manager = new_test_user(
            cls.env,
            login="print_crm_tracking-manager",
            groups="print_crm_tracking.group_job_manager",
        )
        cls.company.print_production_manager_id = cls.production_manager
        cls.stage = {
            key: cls.env.ref(f"print_crm_tracking.stage_{key}")
            for key in (
                "received",
                "prepress",
                "proof",
                "plates",
                "printing",
                "finishing",
                "binding",
                "quality",
                "packed",
                "ready",
                "delivered",
                "cancelled",
            )
        }
        # Jobs run on the offset presses unless a test switches to the digital one.
        cls.press_digital.action_archive()
        cls.service = cls.env["product.product"].create(
            {"name": "Design work (test)", "type": "service", "list_price": 80.0}
        )

    @classmethod
    def _order(cls, quantities=(1000,), extra_lines=0, confirm=True, **estimate_values):
        """A quotation with one print line per quantity (one estimate each) and
        ``extra_lines`` lines of design work; confirmed unless said otherwise."""
        order = None
        for quantity in quantities:
            estimate = cls._make_estimate(quantities=(quantity,), **estimate_values)
            order = estimate._accept_break(estimate.break_ids, order).order_id
        if extra_lines:
            order.order_line = [Command.create({"product_id": cls.service.id})] * extra_lines
        if confirm:
            order.action_confirm()
        return order
