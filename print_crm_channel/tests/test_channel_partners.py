# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import PrintCrmChannelCommon


@tagged("post_install", "-at_install")
class TestChannelPartners(PrintCrmChannelCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"].with_user(cls.module_manager)
        cls.level_1 = cls.env["print.channel.level"].create({"name": "Regional", "code": "L1"})
        cls.level_2 = cls.env["print.channel.level"].create({"name": "City", "code": "L2"})
        cls.top = Partner.create(
            {
                "name": "North Print Distribution",
                "is_company": True,
                "print_channel_role": "distributor",
                "print_channel_level_id": cls.level_1.id,
            }
        )
        cls.sub = Partner.create(
            {
                "name": "Harbour City Prints",
                "is_company": True,
                "print_channel_role": "distributor",
                "print_channel_level_id": cls.level_2.id,
                "print_channel_parent_id": cls.top.id,
            }
        )
        cls.subsub = Partner.create(
            {
                "name": "Old Town Copy Shop",
                "is_company": True,
                "print_channel_role": "agent",
                "print_channel_parent_id": cls.sub.id,
            }
        )
        cls.sibling = Partner.create(
            {"name": "South Print Agency", "is_company": True, "print_channel_role": "distributor"}
        )
        cls.customer = cls.env["res.partner"].create({"name": "Blue Cafe", "is_company": True})

    def test_hierarchy_of_any_depth_and_subtree(self):
        self.assertEqual(self.top.print_channel_path, f"/{self.top.id}/")
        self.assertEqual(
            self.subsub.print_channel_path, f"/{self.top.id}/{self.sub.id}/{self.subsub.id}/"
        )
        self.assertEqual(self.top._print_channel_subtree(), self.top | self.sub | self.subsub)
        self.assertEqual(self.sub._print_channel_subtree(), self.sub | self.subsub)
        self.assertNotIn(self.sibling, self.top._print_channel_subtree())
        self.assertFalse(self.customer._print_channel_subtree())
        self.assertEqual(self.top.print_channel_child_count, 1)
        self.assertEqual(self.level_1.distributor_count, 1)

    def test_moving_a_distributor_moves_its_subtree(self):
        self.sub.with_user(self.module_manager).print_channel_parent_id = self.sibling
        self.assertEqual(
            self.subsub.print_channel_path,
            f"/{self.sibling.id}/{self.sub.id}/{self.subsub.id}/",
        )
        self.assertIn(self.subsub, self.sibling._print_channel_subtree())
        self.assertNotIn(self.subsub, self.top._print_channel_subtree())

    def test_no_cycle_and_parent_is_a_distributor(self):
        with self.assertRaisesRegex(ValidationError, "Parent Distributor"):
            self.top.with_user(self.module_manager).print_channel_parent_id = self.subsub.id
        with self.assertRaisesRegex(ValidationError, "not a distributor"):
            self.sibling.with_user(self.module_manager).print_channel_parent_id = self.subsub
        with self.assertRaisesRegex(ValidationError, "no channel role"):
            self.customer.print_channel_parent_id = self.top

    def test_only_channel_managers_place_partners(self):
        for user in (self.module_user, self.internal_user):
            with self.assertRaisesRegex(AccessError, "Channel Level"):
                self.top.with_user(user).write({"print_channel_level_id": self.level_2.id})
            with self.assertRaisesRegex(AccessError, "Channel Role"):
                self.customer.with_user(user).write({"print_channel_role": "distributor"})
            with self.assertRaisesRegex(AccessError, "White Label"):
                self.top.with_user(user).write({"print_white_label": True})
        # Defaults count too: a context default cannot make a distributor.
        with self.assertRaisesRegex(AccessError, "Channel Role"):
            self.env["res.partner"].with_user(self.module_user).with_context(
                default_print_channel_role="distributor"
            ).create({"name": "Sneaky Reseller", "is_company": True})
        # A form sending back the stored value is no change; other fields stay editable.
        self.top.with_user(self.module_user).write(
            {"print_channel_level_id": self.level_1.id, "phone": "+86 21 5555 0101"}
        )
        self.assertEqual(self.top.phone, "+86 21 5555 0101")
        self.assertEqual(self.top.print_channel_level_id, self.level_1)

    def test_contact_cannot_be_a_distributor(self):
        contact = self.env["res.partner"].create({"name": "Li Wei", "parent_id": self.top.id})
        with self.assertRaisesRegex(ValidationError, "contact of"):
            contact.print_channel_role = "agent"

    def test_end_customer_is_not_the_customer(self):
        order = self.env["sale.order"].create(
            {"partner_id": self.top.id, "print_end_customer_id": self.customer.id}
        )
        self.assertEqual(order.print_end_customer_id, self.customer)
        with self.assertRaisesRegex(ValidationError, "End Customer"):
            order.print_end_customer_id = self.top
