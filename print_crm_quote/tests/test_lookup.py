# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from unittest.mock import patch

import psycopg2
from lxml import etree

from odoo.exceptions import UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import SQL

from odoo.addons.print_crm_quote.models.res_partner_lookup import FUNCTIONS, INDEXES

from .common import PrintCrmEstimateCommon


@tagged("post_install", "-at_install")
class TestCustomerLookup(PrintCrmEstimateCommon):
    """The call centre's instant lookup: a customer from any fragment of its record."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        # Harbour Books Ltd and its contact Mei Lin come from the common base.
        cls.customer.write(
            {
                "phone": "+86 21 6123 4567",
                "street": "88 Century Avenue",
                "city": "Shanghai",
                "zip": "200120",
            }
        )
        cls.customer_contact.write({"mobile": "138-0013-8000"})
        # Shares the last nine digits with Mei Lin's mobile: not the same number.
        cls.tail_twin = Partner.create({"name": "Tail Twin", "phone": "158 0013 8000"})
        cls.wang_wei = Partner.create(
            {
                "name": "王伟",
                "phone": "+86 139 1234 5678",
                "street": "世纪大道100号",
                "city": "上海市",
            }
        )
        cls.wang_wei_ming = Partner.create({"name": "王伟明", "mobile": "13700001111"})
        cls.li_wang_wei = Partner.create({"name": "李王伟"})
        cls.li_wei = Partner.create({"name": "李伟"})
        cls.wang_xiao_wei = Partner.create({"name": "王小伟"})
        cls.mobile_only = Partner.create({"name": "Ada Moss", "mobile": "+44 7700 900123"})
        cls.lotus = Partner.create({"name": "Lotus Press", "is_company": True})
        cls.lotos = Partner.create({"name": "Lotos Press", "is_company": True})
        cls.archived = Partner.create(
            {"name": "Harbour Archive Ltd", "phone": "021 5555 0000", "active": False}
        )
        cls.order = cls.env["sale.order"].create(
            {"partner_id": cls.customer2.id, "user_id": cls.estimator.id}
        )
        cls.estimate = cls._make_estimate()  # for Mei Lin, of Harbour Books
        # What record rules hide from the estimator: a partner of another company, and
        # the order of another sales rep.
        cls.company_b = cls.env["res.company"].create({"name": "Print Shop B"})
        cls.other_company_partner = Partner.create(
            {
                "name": "Harbour Secret Ltd",
                "is_company": True,
                "phone": "+86 21 7777 8888",
                "company_id": cls.company_b.id,
            }
        )
        cls.other_rep = new_test_user(
            cls.env,
            login="print_crm_quote-lookup-rep",
            groups="print_crm_quote.group_estimate_user",
        )
        cls.hidden_order_customer = Partner.create({"name": "Quiet Customer"})
        cls.hidden_order = cls.env["sale.order"].create(
            {"partner_id": cls.hidden_order_customer.id, "user_id": cls.other_rep.id}
        )
        cls.Lookup = Partner.with_user(cls.estimator)

    def _lookup(self, query, **kwargs):
        return self.Lookup._print_lookup(query, **kwargs)

    def assertFound(self, query, partners, msg=None):
        """The lookup finds exactly ``partners``, in this order."""
        self.assertEqual(self._lookup(query).mapped("name"), partners.mapped("name"), msg)
        self.assertEqual(self._lookup(query).ids, partners.ids, msg)

    def _search_box(self, query):
        """What the Customer Lookup list shows for ``query`` typed in its search box."""
        return self.Lookup.search([("print_lookup", "ilike", query)])

    # Each fragment kind

    def test_latin_name_fragments(self):
        self.assertEqual(self._lookup("Harbour Books Ltd")[:1], self.customer)
        self.assertEqual(self._lookup("harb")[:1], self.customer)
        self.assertIn(self.customer, self._lookup("books"))
        self.assertIn(self.customer2, self._lookup("northwind"))

    def test_short_chinese_name(self):
        """王伟 has no trigram: the bigram index finds it, and every name holding it."""
        found = self._lookup("王伟")
        self.assertEqual(found, self.wang_wei | self.wang_wei_ming | self.li_wang_wei)
        self.assertEqual(found[0], self.wang_wei, "the exact name first")
        self.assertNotIn(self.li_wei, found)
        self.assertNotIn(self.wang_xiao_wei, found)
        self.assertEqual(self._lookup("王伟明"), self.wang_wei_ming)

    def test_phone_typed_with_separators_or_country_code(self):
        # Mei Lin's mobile is stored as 138-0013-8000; 158 0013 8000 is another number.
        mei = self.customer_contact
        for typed in ("138-0013 8000", "+86 138 0013 8000", "13800138000", "(138) 0013-8000"):
            with self.subTest(typed=typed):
                self.assertFound(typed, self.customer | mei)
        # Stored with the country code, typed without it.
        self.assertFound("139 1234 5678", self.wang_wei)
        self.assertFound("13912345678", self.wang_wei)
        # The company's landline, typed as a local number.
        self.assertEqual(self._lookup("021-6123 4567")[:1], self.customer)
        # A fragment of a number finds every number holding it.
        self.assertLessEqual(mei | self.tail_twin, self._lookup("0013 8000"))

    def test_mobile(self):
        self.assertEqual(self._lookup("07700 900123"), self.mobile_only)
        self.assertEqual(self._lookup("137 0000 1111"), self.wang_wei_ming)

    def test_email_fragment(self):
        self.assertFound("mei.lin@harb", self.customer | self.customer_contact)
        self.assertIn(self.customer2, self._lookup("hello@northwind"))

    def test_address_fragment(self):
        # Mei Lin, a contact of Harbour Books, has its address too.
        harbour = self.customer | self.customer_contact
        self.assertEqual(self.customer_contact.street, "88 Century Avenue")
        self.assertEqual(self._lookup("Century Ave").ids, harbour.ids)
        self.assertEqual(self._lookup("200120").ids, harbour.ids)
        self.assertEqual(self._lookup("shanghai").ids, harbour.ids)
        self.assertEqual(self._lookup("世纪"), self.wang_wei)
        self.assertEqual(self._lookup("世纪大道100号"), self.wang_wei)
        self.assertEqual(self._lookup("上海市"), self.wang_wei)

    def test_order_reference(self):
        self.assertEqual(self._lookup(self.order.name), self.customer2)
        self.assertEqual(self._lookup(self.order.name.lower()), self.customer2)

    def test_whole_reference_before_fragments(self):
        """A whole reference typed finds its own document's customer, in any case, without
        the orders whose PO reference merely contains it; a fragment finds both."""
        self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "user_id": self.estimator.id,
                "client_order_ref": f"PO-{self.order.name}-B",
            }
        )
        self.assertEqual(self._lookup(self.order.name.lower()), self.customer2)
        self.assertEqual(self._lookup(f"po-{self.order.name}-b"), self.customer)
        both = self._lookup(self.order.name[1:])
        self.assertIn(self.customer, both)
        self.assertIn(self.customer2, both)

    def test_whole_references_have_their_index(self):
        """Each reference that finds a customer has a b-tree on its lower case, which a
        whole reference is looked up on (trigrams of a reference are in every document)."""
        self.env.cr.execute(
            "SELECT indexname FROM pg_indexes WHERE indexname LIKE %s", ["%print_lookup_lower_idx"]
        )
        names = {name for (name,) in self.env.cr.fetchall()}
        for model_name, fields_ in self.Lookup._print_lookup_reference_sources().items():
            table = self.env[model_name]._table
            for name in fields_:
                self.assertIn(f"{table}_{name}_print_lookup_lower_idx", names)

    def test_estimate_reference(self):
        """The estimate is Mei Lin's: the lookup gives her company, the customer."""
        self.assertTrue(self.estimate.name.startswith("EST/"))
        self.assertEqual(self._lookup(self.estimate.name), self.customer)

    def test_fuzzy_company_name(self):
        self.assertEqual(self._lookup("Nortwind Events"), self.customer2)
        self.assertEqual(self._lookup("Harbuor Books")[:1], self.customer)

    def test_exact_before_fuzzy(self):
        self.assertFound("Lotus Press", self.lotus | self.lotos)
        self.assertFound("Lotos Press", self.lotos | self.lotus)

    def test_exact_prefix_then_fragment(self):
        self.assertFound("王伟", self.wang_wei | self.wang_wei_ming | self.li_wang_wei)

    def test_contact_brings_its_company(self):
        """A contact's match shows its company first, and the contact names the company."""
        mei = self.customer_contact
        for query in ("Mei Lin", "138-0013-8000", "mei.lin@harbour.example"):
            with self.subTest(query=query):
                self.assertFound(query, self.customer | mei)
        self.assertEqual(mei.display_name, "Harbour Books Ltd, Mei Lin")

    def test_company_and_its_contacts_stay_together(self):
        self.assertFound("harbour", self.customer | self.customer_contact)
        self.assertFound("Harbour Archive", self.env["res.partner"], "archived")

    def test_single_chinese_character(self):
        """One character is a whole Chinese surname (王): names that start with it first,
        then names that hold it; as stock name_search finds it."""
        found = self._lookup("王")
        self.assertEqual(
            found, self.wang_wei | self.wang_wei_ming | self.wang_xiao_wei | self.li_wang_wei
        )
        self.assertNotIn(self.li_wei, found)
        self.assertEqual(self._search_box("王")[:1], self.wang_wei)
        self.assertEqual(self._lookup("明"), self.wang_wei_ming)

    def test_no_match(self):
        self.assertFalse(self._lookup("zzqxv"))
        self.assertFalse(self._lookup("9876543210"))

    def test_empty_query(self):
        with self.assertQueryCount(0):
            for query in ("", "   ", None, False, "a", "7"):
                self.assertFalse(self._lookup(query))

    def test_limit(self):
        self.assertEqual(len(self._lookup("王伟", limit=2)), 2)
        self.assertEqual(self._lookup("王伟", limit=1), self.wang_wei)

    # The search box and its list

    def test_search_box_ranks_the_list(self):
        self.assertEqual(self._search_box("王伟").ids, self._lookup("王伟").ids)
        self.assertEqual(
            self._search_box("138 0013 8000").ids, [self.customer.id, self.customer_contact.id]
        )
        result = self.Lookup.web_search_read(
            [("print_lookup", "ilike", "王伟")], {"display_name": {}}, limit=2
        )
        self.assertEqual(result["length"], 3)
        self.assertEqual([r["id"] for r in result["records"]], self._lookup("王伟", limit=2).ids)
        # Sorted by a column, the list shows the lookup's partners in that order.
        by_id = self.Lookup.search([("print_lookup", "ilike", "王伟")], order="id desc")
        self.assertEqual(by_id.ids, [self.li_wang_wei.id, self.wang_wei_ming.id, self.wang_wei.id])
        # Combined with another filter.
        companies = self.Lookup.search(
            [("print_lookup", "ilike", "harbour"), ("is_company", "=", True)]
        )
        self.assertEqual(companies, self.customer)

    def test_search_box_refuses_other_operators(self):
        with self.assertRaises(UserError):
            self.Lookup.search([("print_lookup", "not ilike", "harbour")])

    def test_lookup_menu_and_views(self):
        action = self.env.ref("print_crm_quote.res_partner_lookup_action")
        menu = self.env.ref("print_crm_quote.res_partner_lookup_menu")
        self.assertEqual(menu.parent_id, self.env.ref("print_crm_quote.menu_customers"))
        self.assertIn(menu.id, self._visible_menu_ids(self.estimator))
        self.assertNotIn(menu.id, self._visible_menu_ids(self.internal_user))
        views = self.Lookup.get_views(
            [(view.view_id.id, view.view_mode) for view in action.view_ids]
            + [(action.search_view_id.id, "search")]
        )["views"]
        self.assertEqual(set(views), {"list", "kanban", "form", "search"})
        arch = etree.fromstring(views["search"]["arch"])
        self.assertEqual(arch.xpath("//field")[0].get("name"), "print_lookup")
        form = action.view_ids.filtered(lambda view: view.view_mode == "form").view_id
        self.assertEqual(form, self.env.ref("base.view_partner_form"))

    # Access rights

    def test_record_rules_hide_partners(self):
        query = "+86 21 7777 8888"
        self.assertFalse(self._lookup(query))
        self.assertFalse(self._lookup("Harbour Secret"))
        self.assertNotIn(self.other_company_partner, self._lookup("harbour"))
        self.estimator.company_ids |= self.company_b
        both = self.Lookup.with_context(allowed_company_ids=[self.company.id, self.company_b.id])
        self.assertEqual(both._print_lookup(query), self.other_company_partner)

    def test_order_of_another_rep_gives_nothing(self):
        self.assertFalse(self._lookup(self.hidden_order.name))
        manager = self.env["res.partner"].with_user(self.module_manager)
        self.assertEqual(manager._print_lookup(self.hidden_order.name), self.hidden_order_customer)

    def test_internal_user_without_sales_rights(self):
        """No access to orders and estimates: their references find nothing, names do."""
        Lookup = self.env["res.partner"].with_user(self.internal_user)
        self.assertFalse(Lookup._print_lookup(self.order.name))
        self.assertEqual(Lookup._print_lookup("Nortwind Events"), self.customer2)

    # The database objects

    def _index_definitions(self):
        self.env.cr.execute(
            SQL(
                "SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN %s",
                tuple(name for name, *_rest in INDEXES),
            )
        )
        return dict(self.env.cr.fetchall())

    def test_module_creates_the_indexes(self):
        definitions = self._index_definitions()
        self.assertEqual(set(definitions), {name for name, *_rest in INDEXES})
        self.assertIn("gin_trgm_ops", definitions["res_partner_print_lookup_text_idx"])
        self.assertIn(
            "print_crm_lookup_bigrams", definitions["res_partner_print_lookup_bigram_idx"]
        )
        self.env.cr.execute(SQL("SELECT print_crm_bigrams('王伟明 Room 5, 上海')"))
        self.assertEqual(self.env.cr.fetchone()[0], ["王伟", "伟明", "上海"])

    def test_changed_function_rebuilds_its_index(self):
        """An older body of a function drops the index built with it; both come back."""
        cr = self.env.cr
        name, signature, body = FUNCTIONS[0]
        cr.execute(
            SQL(
                "CREATE OR REPLACE FUNCTION %s%s AS %s",
                SQL.identifier(name),
                SQL(signature),
                " SELECT lower(coalesce(name, '')) ",
            )
        )
        self.env["res.partner"]._print_lookup_create_indexes()
        cr.execute(SQL("SELECT prosrc FROM pg_proc WHERE proname = %s", name))
        self.assertEqual(cr.fetchone()[0], body)
        self.assertEqual(len(self._index_definitions()), len(INDEXES))
        self.assertEqual(self._lookup("Century Ave")[:1], self.customer)

    def test_missing_pg_trgm_is_explained(self):
        cr = self.env.cr
        execute = cr.execute

        def refuse_pg_trgm(query, params=None, log_exceptions=True):
            code = query.code if isinstance(query, SQL) else query
            if "FROM pg_extension" in code:
                return execute(SQL("SELECT 1 WHERE false"))
            if "CREATE EXTENSION" in code:
                raise psycopg2.errors.InsufficientPrivilege("permission denied to create extension")
            return execute(query, params, log_exceptions)

        with (
            patch.object(cr, "execute", refuse_pg_trgm),
            self.assertRaisesRegex(UserError, 'run "CREATE EXTENSION pg_trgm;"'),
        ):
            self.env["res.partner"]._print_lookup_check_pg_trgm()

    # Queries

    def test_query_count_does_not_grow_with_partners(self):
        def add(count):
            self.env["res.partner"].create(
                [{"name": f"Bulkprint {n:03d}", "phone": "0571 8800 0000"} for n in range(count)]
            )

        add(2)
        self._lookup("Bulkprint")  # warm the caches
        for count in (2, 100):
            add(count - 2)
            for query in ("Bulkprint", "0571 8800 0000", "Bulkprnt"):
                with self.subTest(partners=count, query=query), self.assertQueryCount(4):
                    self.assertTrue(self._lookup(query))
