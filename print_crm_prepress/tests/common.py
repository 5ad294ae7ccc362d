# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import new_test_user

from odoo.addons.print_crm_quote.tests.common import PrintCrmModuleCommon
from odoo.addons.print_crm_tracking.tests.common import PrintCrmJobCommon

# A minimal valid PDF (one empty page), for proof and artwork files.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


class PrintCrmPrepressCommon(PrintCrmModuleCommon):
    """Least-privilege users for the Prepress tests; no demo data needed."""

    category_xmlid = "print_crm_prepress.module_category_printing_prepress"
    user_group_xmlid = "print_crm_prepress.group_proof_user"
    manager_group_xmlid = "print_crm_prepress.group_proof_manager"
    section_menu_xmlid = "print_crm_prepress.menu_prepress"


class PrintCrmProofCommon(PrintCrmJobCommon):
    """A confirmed print order with its job, prepress staff and the customer's portal user."""

    lift_production_blockers = False  # the approved proof is what these tests are about

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.prepress = new_test_user(
            cls.env,
            login="print_crm_prepress-operator",
            groups="print_crm_prepress.group_proof_user,print_crm_tracking.group_job_user",
            email="prepress@print.example",
        )
        cls.company.print_prepress_user_id = cls.prepress
        cls.customer_user = new_test_user(
            cls.env,
            login="print_crm_prepress-customer",
            groups="base.group_portal",
            partner_id=cls.customer_contact.id,
            name="Mei Lin",
        )
        cls.customer_contact.email = "mei.lin@harbour.example"
        cls.job = cls._order().print_job_ids

    @classmethod
    def _proof(cls, job=None, files=(("proof.pdf", PDF),), send=True):
        job = job or cls.job
        proof = cls.env["print.proof"].with_user(cls.prepress).create({"job_id": job.id})
        for name, data in files:
            cls.env["print.proof.file"].with_user(cls.prepress)._add(proof, name, data)
        if send:
            proof.action_send()
        return proof

    def _approve(self, proof, partner=None, signature="Mei Lin"):
        return proof.with_user(self.customer_user)._answer(
            "approve",
            partner or self.customer_contact,
            signature=signature,
            request_info={"ip": "203.0.113.7", "user_agent": "Mozilla/5.0 (test)"},
        )
