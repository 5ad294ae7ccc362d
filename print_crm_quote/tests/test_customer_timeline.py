# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from ..models.print_customer_timeline import ID_SLOTS
from .common import PrintCrmEstimateCommon


@tagged("post_install", "-at_install")
class TestCustomerTimeline(PrintCrmEstimateCommon):
    """The timeline's seam for the other modules' documents, and that a line shows only to
    users who may read its kind of document."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Timeline = cls.env["print.customer.timeline"]
        cls.customer.user_id = cls.estimator
        cls.log = cls.env["print.contact.log"].create(
            {"partner_id": cls.customer.id, "summary": "Asked for paper samples"}
        )
        cls.estimate = cls._make_estimate(title="Timeline brochure")

    def _kinds(self, user, partner=None):
        partner = partner or self.customer
        lines = self.Timeline.with_user(user).search([("partner_id", "=", partner.id)])
        return set(lines.mapped("kind"))

    def test_every_kind_has_its_own_slot_and_selection_value(self):
        parts = self.Timeline._timeline_parts()
        slots = [part["slot"] for part in parts]
        self.assertEqual(len(slots), len(set(slots)))
        self.assertTrue(all(0 <= slot < ID_SLOTS for slot in slots))
        kinds = dict(self.Timeline._fields["kind"].selection)
        statuses = self.Timeline._timeline_status_fields()
        for part in parts:
            with self.subTest(kind=part["kind"]):
                self.assertIn(part["kind"], kinds)
                self.assertIn(part["kind"], statuses)
                self.assertIn(part["model"], self.env)
        # Ids are stable: the document's id and the kind's slot.
        line = self.Timeline.search([("kind", "=", "estimate"), ("res_id", "=", self.estimate.id)])
        self.assertEqual(line.id, self.estimate.id * ID_SLOTS + 1)
        self.assertEqual(line.res_model, "print.estimate")
        line = self.Timeline.search([("kind", "=", "contact"), ("res_id", "=", self.log.id)])
        self.assertEqual(line.id, self.log.id * ID_SLOTS)

    def test_a_line_shows_only_to_users_who_may_read_its_documents(self):
        self.assertEqual(self._kinds(self.estimator), {"contact", "estimate"})
        # Take the contact log away from estimating users: its lines go with it, in a
        # search and read by id (a rule, not a filter of the view).
        self.env.ref("print_crm_quote.access_print_contact_log_user").active = False
        self.assertEqual(self._kinds(self.estimator), {"estimate"})
        line = self.Timeline.search([("kind", "=", "contact"), ("res_id", "=", self.log.id)])
        with self.assertRaises(AccessError):
            line.with_user(self.estimator).read(["summary"])
        kinds = self.Timeline.with_user(self.estimator)._timeline_readable_kinds()
        self.assertNotIn("contact", kinds)
        # A manager keeps its own access right: it still sees the contact.
        self.assertIn("contact", self._kinds(self.module_manager))

    def test_a_user_without_printing_rights_reads_no_line(self):
        with self.assertRaises(AccessError):
            self.Timeline.with_user(self.internal_user).search([])

    def test_open_document_only_what_the_user_may_read(self):
        rep_b = new_test_user(
            self.env, login="timeline-rep-b", groups="print_crm_quote.group_estimate_user"
        )
        self.customer2.user_id = rep_b
        other = self._make_estimate(
            title="Not yours", user_id=rep_b.id, partner_id=self.customer2.id
        )
        line = self.Timeline.search([("kind", "=", "estimate"), ("res_id", "=", other.id)])
        with self.assertRaises(AccessError):
            line.with_user(self.estimator).action_open_document()
        action = line.with_user(rep_b).action_open_document()
        self.assertEqual((action["res_model"], action["res_id"]), ("print.estimate", other.id))
