# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import io
import subprocess
from contextlib import contextmanager

from odoo import Command
from odoo.tests import TransactionCase, new_test_user
from odoo.tools.pdf import PdfFileReader

from odoo.addons.base.models.ir_actions_report import _get_wkhtmltopdf_bin


def wkhtmltopdf_version():
    """What the wkhtmltopdf Odoo renders with prints of its version ("" if none)."""
    binary = _get_wkhtmltopdf_bin()
    if not binary:
        return ""
    out = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=30)
    return out.stdout.strip()


def pdf_pages(env, report, ids):
    """The text of each page of a real PDF of ``report`` (wkhtmltopdf, not the HTML that
    tests otherwise get), whitespace collapsed.

    The letterhead lives in each page's header and footer, which only wkhtmltopdf "with
    patched qt" prints: fail with what to install when Odoo would render without them.
    """
    version = wkhtmltopdf_version()
    if "patched qt" not in version:
        raise AssertionError(
            f"Odoo renders PDFs with {_get_wkhtmltopdf_bin()!r} ({version or 'not found'}),"
            " which prints no letterhead, page header or footer: `make setup` installs"
            " wkhtmltopdf with patched qt (doc/install.md, PDF reports)"
        )
    pdf, kind = (
        env["ir.actions.report"]
        .with_context(force_report_rendering=True)
        ._render_qweb_pdf(report, ids)
    )
    assert kind == "pdf" and pdf.startswith(b"%PDF-"), kind
    reader = PdfFileReader(io.BytesIO(pdf))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def create_sra3_master_data(env):
    """The smallest shop that prices a flat job: an SRA3 press, a gloss paper and a
    guillotine. Returns the paper (what a portal product or an estimate part names)."""
    env["print.press"].create(
        {
            "name": "SRA3 Offset",
            "code": "SRA3",
            "max_sheet_width": 320,
            "max_sheet_length": 450,
            "hourly_rate": 90,
            "plate_cost": 12,
            "run_speed": 8000,
        }
    )
    paper = env["print.substrate"].create(
        {
            "name": "Gloss 130",
            "code": "G130-SRA3",
            "grade": "G130",
            "sheet_width": 320,
            "sheet_length": 450,
            "gsm": 130,
            "price": 1100,
            "price_unit": "tonne",
        }
    )
    env["print.operation"].create(
        {
            "name": "Guillotine",
            "code": "CUT",
            "process": "cut",
            "basis": "cut",
            "setup_hours": 0.1,
            "hourly_rate": 40,
            "unit_price": 0.2,
        }
    )
    return paper


class PrintCrmCommon(TransactionCase):
    """Helpers shared by the tests of every print_crm module; creates no data itself."""

    @classmethod
    def _add_action_menu(cls, parent):
        """Give ``parent`` a child menu whose action every internal user may run.

        Odoo hides a menu without action unless one of its descendants has an action the
        user may run, so a section that has no content yet is hidden from everybody. With
        this child, whether the section shows depends on the section's own groups only.
        """
        action = cls.env["ir.actions.act_window"].create(
            {"name": "Contacts (test)", "res_model": "res.partner", "view_mode": "list,form"}
        )
        return cls.env["ir.ui.menu"].create(
            {
                "name": "Contacts (test)",
                "parent_id": parent.id,
                "action": f"{action._name},{action.id}",
            }
        )

    def _visible_menu_ids(self, user):
        """Ids of the menus ``user`` gets in the web client's menu tree."""
        return self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()

    def _user_form_section(self, category):
        """How the user form offers ``category``: (kind, groups, parent section name)."""
        for app, kind, groups, (__, section) in self.env["res.groups"].get_groups_by_application():
            if app == category:
                return kind, groups, section
        return self.fail(f"The user form does not offer the {category.name} groups")


class PrintCrmModuleCommon(PrintCrmCommon):
    """Least-privilege users of one print_crm module; no demo data needed.

    Subclasses name the module's category, groups and section menu by XML id.
    """

    category_xmlid = user_group_xmlid = manager_group_xmlid = section_menu_xmlid = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        module = cls.user_group_xmlid.split(".")[0]
        cls.category = cls.env.ref(cls.category_xmlid)
        cls.group_user = cls.env.ref(cls.user_group_xmlid)
        cls.group_manager = cls.env.ref(cls.manager_group_xmlid)
        cls.module_user = new_test_user(
            cls.env, login=f"{module}-user", groups=cls.user_group_xmlid
        )
        cls.module_manager = new_test_user(
            cls.env, login=f"{module}-manager", groups=cls.manager_group_xmlid
        )
        cls.internal_user = new_test_user(
            cls.env, login=f"{module}-internal", groups="base.group_user"
        )
        cls.admin = cls.env.ref("base.user_admin")
        cls.menu_root = cls.env.ref("print_crm_quote.menu_root")
        cls.menu_section = cls.env.ref(cls.section_menu_xmlid)


class PrintCrmModuleSecurityTests:
    """What every print_crm module guarantees about its groups and menus.

    Mixed into each module's security test class (with a PrintCrmModuleCommon base).
    """

    # Odoo's loader runs only the methods a test class defines itself, unless told so.
    allow_inherited_tests_method = True

    def test_groups_in_their_category_of_printing(self):
        printing = self.env.ref("print_crm_quote.module_category_printing")
        self.assertFalse(printing.parent_id)
        self.assertEqual(self.category.parent_id, printing)
        self.assertEqual(self.group_user.category_id, self.category)
        self.assertEqual(self.group_manager.category_id, self.category)

    def test_user_form_offers_user_or_manager(self):
        kind, groups, section = self._user_form_section(self.category)
        self.assertEqual(kind, "selection")
        self.assertEqual(groups, self.group_user + self.group_manager)
        self.assertEqual(section, "Printing")

    def test_manager_implies_user(self):
        self.assertTrue(self.module_manager.has_group(self.user_group_xmlid))
        self.assertFalse(self.module_user.has_group(self.manager_group_xmlid))
        self.assertFalse(self.internal_user.has_group(self.user_group_xmlid))

    def test_section_menu_only_for_module_users(self):
        self.assertIn(self.group_user, self.menu_section.groups_id)
        self._add_action_menu(self.menu_section)
        self.assertIn(self.menu_section.id, self._visible_menu_ids(self.module_user))
        self.assertIn(self.menu_section.id, self._visible_menu_ids(self.module_manager))
        self.assertNotIn(self.menu_section.id, self._visible_menu_ids(self.internal_user))

    def test_printing_app_reachable_for_module_users(self):
        self.assertIn(self.group_user, self.menu_root.groups_id)
        self._add_action_menu(self.menu_section)
        self.assertIn(self.menu_root.id, self._visible_menu_ids(self.module_user))
        self.assertNotIn(self.menu_root.id, self._visible_menu_ids(self.internal_user))
        roots = self.env["ir.ui.menu"].with_user(self.module_user).get_user_roots()
        self.assertIn(self.menu_root, roots)

    def test_admin_is_manager(self):
        self.assertTrue(self.admin.has_group(self.manager_group_xmlid))


class PrintCrmQuoteCommon(PrintCrmModuleCommon):
    category_xmlid = "print_crm_quote.module_category_printing_estimating"
    user_group_xmlid = "print_crm_quote.group_estimate_user"
    manager_group_xmlid = "print_crm_quote.group_estimate_manager"
    section_menu_xmlid = "print_crm_quote.menu_estimating"


class PrintCrmEstimateCommon(PrintCrmQuoteCommon):
    """A small print shop, its price policy and two customers; no demo data needed.

    Presses: an SRA3 offset press, a B2 four-colour press and a digital press. Papers: coated
    130 and 170 g/m² in SRA3 and 大度 (889 × 1194) sheets, one grade per weight. Finishing: a
    guillotine, a folder, a saddle stitcher and an outsourced laminator.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.currency = cls.company.currency_id
        cls.company.write(
            {
                "print_ink_process_price_kg": 12.0,
                "print_ink_spot_price_kg": 25.0,
                "print_ink_grams_per_m2": 1.5,
                "print_ink_coverage_pct": 25.0,
            }
        )
        Press = cls.env["print.press"]
        cls.press_sra3 = Press.create(
            {
                "name": "Offset SRA3 4-colour",
                "code": "OFF-SRA3",
                "press_type": "offset",
                "max_sheet_width": 320.0,
                "max_sheet_length": 450.0,
                "min_sheet_width": 210.0,
                "min_sheet_length": 297.0,
                "units": 4,
                "makeready_hours": 0.25,
                "makeready_sheets": 40,
                "run_speed": 6000.0,
                "hourly_rate": 60.0,
                "plate_cost": 6.0,
                "spoilage_pct": 2.0,
                "max_gsm": 350.0,
            }
        )
        cls.press_b2 = Press.create(
            {
                "name": "Offset B2 4-colour",
                "code": "OFF-B2",
                "press_type": "offset",
                "max_sheet_width": 520.0,
                "max_sheet_length": 740.0,
                "min_sheet_width": 297.0,
                "min_sheet_length": 420.0,
                "units": 4,
                "makeready_hours": 0.5,
                "makeready_sheets": 100,
                "run_speed": 10000.0,
                "speed_band_ids": [
                    Command.create({"from_sheets": 2000, "speed": 12000.0}),
                    Command.create({"from_sheets": 10000, "speed": 13000.0}),
                ],
                "hourly_rate": 120.0,
                "plate_cost": 12.0,
                "spoilage_pct": 1.5,
            }
        )
        cls.press_digital = Press.create(
            {
                "name": "Digital SRA3+",
                "code": "DIG",
                "press_type": "digital",
                "max_sheet_width": 330.0,
                "max_sheet_length": 487.0,
                "min_sheet_width": 148.0,
                "min_sheet_length": 210.0,
                "units": 4,
                "makeready_hours": 0.1,
                "makeready_sheets": 5,
                "run_speed": 1500.0,
                "hourly_rate": 30.0,
                "spoilage_pct": 1.0,
                "click_colour": 0.05,
                "click_mono": 0.01,
                "max_gsm": 300.0,
            }
        )
        Substrate = cls.env["print.substrate"]
        substrate_values = []
        for gsm, caliper in ((130, 0.11), (170, 0.15)):
            substrate_values += [
                {
                    "name": f"Coated silk {gsm} SRA3",
                    "code": f"SILK{gsm}-SRA3",
                    "grade": f"SILK{gsm}",
                    "size_name": "SRA3",
                    "sheet_width": 320.0,
                    "sheet_length": 450.0,
                    "gsm": gsm,
                    "caliper": caliper,
                    "grain": "long",
                    "price": 50.0 if gsm == 130 else 33.0,
                    "price_unit": "1000" if gsm == 130 else "ream",
                },
                {
                    "name": f"Coated silk {gsm} 大度",
                    "code": f"SILK{gsm}-DD",
                    "grade": f"SILK{gsm}",
                    "size_name": "大度",
                    "sheet_width": 889.0,
                    "sheet_length": 1194.0,
                    "gsm": gsm,
                    "caliper": caliper,
                    "grain": "long",
                    "price": 950.0,
                    "price_unit": "tonne",
                },
            ]
        (
            cls.silk130_sra3,
            cls.silk130_dadu,
            cls.silk170_sra3,
            cls.silk170_dadu,
        ) = Substrate.create(substrate_values)
        cls.supplier_laminating = cls.env["res.partner"].create(
            {"name": "LamiPro Finishing", "is_company": True}
        )
        Operation = cls.env["print.operation"]
        cls.op_guillotine = Operation.create(
            {
                "name": "Guillotine",
                "code": "GUIL",
                "process": "cut",
                "basis": "cut",
                "setup_hours": 0.1,
                "hourly_rate": 40.0,
                "speed": 300.0,
                "lift_height": 100.0,
            }
        )
        cls.op_folder = Operation.create(
            {
                "name": "Buckle folder",
                "code": "FOLD",
                "process": "fold",
                "basis": "piece",
                "setup_hours": 0.25,
                "hourly_rate": 35.0,
                "speed": 5000.0,
            }
        )
        cls.op_stitcher = Operation.create(
            {
                "name": "Saddle stitcher",
                "code": "STITCH",
                "process": "saddle_stitch",
                "basis": "copy",
                "setup_hours": 0.5,
                "hourly_rate": 45.0,
                "speed": 2500.0,
            }
        )
        cls.op_laminate = Operation.create(
            {
                "name": "Matt lamination",
                "code": "LAM",
                "process": "laminate",
                "basis": "m2",
                "outsourced": True,
                "partner_id": cls.supplier_laminating.id,
                "setup_cost": 20.0,
                "unit_price": 0.4,
                "minimum_cost": 30.0,
            }
        )
        cls.payment_term = cls.env["account.payment.term"].create(
            {
                "name": "45 Days (print)",
                "line_ids": [
                    Command.create({"value": "percent", "value_amount": 100.0, "nb_days": 45})
                ],
            }
        )
        cls.policy = cls.env["print.price.policy"].create(
            {
                "name": "Trade (test)",
                "markup_pct": 30.0,
                "minimum_order_price": 50.0,
                "payment_term_id": cls.payment_term.id,
            }
        )
        cls.company.print_price_policy_id = cls.policy
        Partner = cls.env["res.partner"]
        cls.customer = Partner.create(
            {"name": "Harbour Books Ltd", "is_company": True, "email": "office@harbour.example"}
        )
        cls.customer_contact = Partner.create(
            {
                "name": "Mei Lin",
                "parent_id": cls.customer.id,
                "email": "mei.lin@harbour.example",
            }
        )
        cls.customer2 = Partner.create(
            {"name": "Northwind Events", "is_company": True, "email": "hello@northwind.example"}
        )
        cls.estimator = cls.module_user

    @contextmanager
    def assertRaisesText(self, exception, text):
        """``assertRaises`` (rolled back in a savepoint) whose message contains ``text``."""
        with self.assertRaises(exception) as caught:
            yield caught
        self.assertIn(text, str(caught.exception))

    @classmethod
    def _make_estimate(cls, quantities=(500, 1000, 2500), part=None, **values):
        """A flyer estimate: A4 printed 4/0 on 130 g/m² coated silk, for the customer's contact.

        ``quantities`` are the breaks, ``part`` updates the values of the single part and
        ``values`` those of the estimate.
        """
        part_values = {
            "name": "Flyer",
            "role": "text",
            "colours_front": 4,
            "colours_back": 0,
            "substrate_id": cls.silk130_sra3.id,
            "any_sheet_size": True,
        }
        part_values.update(part or {})
        estimate_values = {
            "partner_id": cls.customer_contact.id,
            "user_id": cls.estimator.id,
            "title": "Spring open day flyer",
            "product_kind": "flat",
            "size_name": "A4",
            "finished_width": 210.0,
            "finished_height": 297.0,
            "bleed": 3.0,
            "part_ids": [Command.create(part_values)],
            "break_ids": [Command.create({"quantity": quantity}) for quantity in quantities],
        }
        estimate_values.update(values)
        return cls.env["print.estimate"].create(estimate_values)
