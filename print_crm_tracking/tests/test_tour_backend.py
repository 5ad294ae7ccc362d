# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import PrintCrmJobCommon


@tagged("post_install", "-at_install")
class TestPrintJobKanbanTour(PrintCrmJobCommon, HttpCase):
    def test_production_user_moves_a_job_from_the_kanban(self):
        job = self._order(title="Kanban tour flyer").print_job_ids
        self.customer.print_job_notify = False
        self.start_tour(
            "/odoo/action-print_crm_tracking.print_job_action",
            "print_crm_job_kanban_tour",
            login=self.production_user.login,
        )
        self.assertEqual(job.stage_id, self.stage["prepress"])
        self.assertEqual(job.history_ids[0].user_id, self.production_user)
