# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import PrintCrmJobCommon


@tagged("post_install", "-at_install")
class TestPrintJobStageRole(PrintCrmJobCommon):
    """Stages carry a role (prepress, proof, production, ready, delivered): other modules
    find a job's stages by it, not by this module's XML ids."""

    def test_the_shipped_stages_carry_their_role(self):
        roles = {key: stage.role for key, stage in self.stage.items()}
        self.assertEqual(roles["prepress"], "prepress")
        self.assertEqual(roles["proof"], "proof")
        for key in ("plates", "printing", "finishing", "binding", "quality"):
            self.assertEqual(roles[key], "production", key)
        self.assertEqual(roles["ready"], "ready")
        self.assertEqual(roles["delivered"], "delivered")
        self.assertFalse(roles["received"])

    def test_a_job_finds_its_stage_of_a_role_on_its_route(self):
        job = self._order().print_job_ids
        self.assertEqual(job._print_stage_of_role("proof"), self.stage["proof"])
        self.assertEqual(job._print_stage_of_role("production"), self.stage["plates"])
        # A shop renames and re-roles its stages: the role, not the XML id, decides.
        custom = self.stage["proof"].copy({"name": "Client sign-off", "sequence": 31})
        self.stage["proof"].with_user(self.production_manager).role = False
        custom.with_user(self.production_manager).role = "proof"
        job.route_id.stage_ids = [(4, custom.id)]
        self.assertEqual(job._print_stage_of_role("proof"), custom)

    def test_only_a_production_manager_sets_a_role(self):
        with self.assertRaises(AccessError):
            self.stage["received"].with_user(self.production_user).role = "prepress"
        self.stage["received"].with_user(self.production_manager).role = "prepress"
        self.assertEqual(self.stage["received"].role, "prepress")

    def test_the_jobs_kanban_folds_the_finished_and_cancelled_columns(self):
        self._order()
        groups = (
            self.env["print.job"]
            .with_user(self.production_user)
            .web_read_group([], ["stage_id"], ["stage_id"])["groups"]
        )
        folded = {group["stage_id"][0] for group in groups if group.get("__fold")}
        self.assertEqual(folded, set((self.stage["delivered"] | self.stage["cancelled"]).ids))
        stage_ids = [group["stage_id"][0] for group in groups]
        self.assertEqual(stage_ids[0], self.stage["received"].id, "in the order of the flow")
        self.assertEqual(
            stage_ids[-2:], [self.stage["delivered"].id, self.stage["cancelled"].id], "the ends"
        )
