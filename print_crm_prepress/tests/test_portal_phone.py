# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.tests import HttpCase, tagged

from .common import PrintCrmProofCommon
from .test_portal import CUSTOMER


@tagged("post_install", "-at_install")
class TestPrintPortalPhone(PrintCrmProofCommon, HttpCase):
    """The customer's jobs and proofs on a phone: cards, no sideways scrolling."""

    browser_size = "390x844"
    touch_enabled = True

    def test_jobs_and_proofs_fit_a_phone(self):
        self.job.title = "Harbour catalogue"
        self._proof()
        self.start_tour("/my/print_jobs", "print_crm_portal_phone_tour", login=CUSTOMER)
