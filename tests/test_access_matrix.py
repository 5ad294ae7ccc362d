"""The access matrix: who may do what with every model, field and public method of the suite.

``access_matrix.MATRIX`` declares, per model the suite owns or extends:

- ``access``: for each kind of user (``USERS``), the operations its access rights allow
  (``r``ead, ``w``rite, ``c``reate, ``u``nlink), record rules aside;
- ``fields``: each field the suite defines on the model and who may read it: ``all``
  (whoever reads the model, portal users included when they have a portal access line),
  or the kinds of user of the field's ``groups=``;
- ``methods``: each public method the suite adds (a name without a leading underscore
  that no Odoo class of the model defines) and the kind of user it needs at least, or
  ``read`` when anyone who reads the record may call it (it only opens or shows).

The tests enumerate the registry: a model, field or public method of the suite that the
table does not declare, or whose access differs from it, fails them, with the line to
write in the table. Each method that needs a group is called over the ORM as every kind of
user below it, as an RPC client would, and must be refused before it does anything.

Run by `make test` with pytest-odoo on the database where the five addons are installed.
"""

import inspect
import pprint

from access_matrix import MATRIX  # tests/ is on sys.path under pytest

from odoo import models
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user

SUITE = (
    "print_crm_quote",
    "print_crm_tracking",
    "print_crm_prepress",
    "print_crm_service",
    "print_crm_channel",
)
# The kinds of user, least privileged first, and the groups that make them.
USERS = {
    "public": "base.group_public",
    "portal": "base.group_portal",
    "internal": "base.group_user",
    "sales": "sales_team.group_sale_salesman",
    "sales_manager": "sales_team.group_sale_manager",
    "quote_user": "print_crm_quote.group_estimate_user",
    "quote_manager": "print_crm_quote.group_estimate_manager",
    "tracking_user": "print_crm_tracking.group_job_user",
    "tracking_manager": "print_crm_tracking.group_job_manager",
    "prepress_user": "print_crm_prepress.group_proof_user",
    "prepress_manager": "print_crm_prepress.group_proof_manager",
    "service_user": "print_crm_service.group_service_user",
    "service_manager": "print_crm_service.group_service_manager",
    "channel_user": "print_crm_channel.group_channel_user",
    "channel_manager": "print_crm_channel.group_channel_manager",
    # Purchasing (print_crm_channel) is done by Odoo's own purchase and invoicing groups.
    "purchase_user": "purchase.group_purchase_user",
    "purchase_manager": "purchase.group_purchase_manager",
    "accountant": "account.group_account_invoice",
}
KIND_OF_GROUP = {xmlid: kind for kind, xmlid in USERS.items()}
OPERATIONS = (("r", "read"), ("w", "write"), ("c", "create"), ("u", "unlink"))


def _suite_class(cls):
    return cls.__module__.startswith(tuple(f"odoo.addons.{a}." for a in SUITE))


def suite_models(env):
    """Names of the models the suite owns or extends (abstract ones included)."""
    names = set()
    for name, model_class in env.registry.items():
        if any(_suite_class(cls) for cls in model_class.__mro__):
            names.add(name)
    return names


def suite_fields(model):
    """The fields of ``model`` that a suite addon defines."""
    return {
        name
        for name, field in model._fields.items()
        if field._module in SUITE or (field._modules and set(field._modules) & set(SUITE))
    }


def suite_methods(model):
    """Public methods a suite class of ``model`` adds (not overrides of Odoo's own)."""
    found = set()
    for cls in type(model).__mro__:
        if not _suite_class(cls):
            continue
        for name, value in vars(cls).items():
            if name.startswith("_") or not callable(value) or name in model._fields:
                continue
            found.add(name)
    odoo_names = {
        name
        for cls in type(model).__mro__
        if not _suite_class(cls) and cls is not object
        for name in vars(cls)
    }
    return found - odoo_names - set(dir(models.BaseModel))


def field_readers(field):
    if not field.groups:
        return "all"
    kinds = [KIND_OF_GROUP.get(xmlid.strip(), xmlid.strip()) for xmlid in field.groups.split(",")]
    return ",".join(kinds)


class TestAccessMatrix(TransactionCase):
    # Outside an addon Odoo does not tag test classes; these run after every install.
    test_tags = {"standard", "post_install"}

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = {
            kind: new_test_user(cls.env, login=f"matrix-{kind}", groups=xmlid)
            for kind, xmlid in USERS.items()
        }

    def _snapshot(self, name):
        model = self.env[name]
        entry = {}
        if not model._abstract and not model._transient:
            access = {}
            for kind, user in self.users.items():
                ops = "".join(
                    letter for letter, op in OPERATIONS if model.with_user(user).has_access(op)
                )
                if ops:
                    access[kind] = ops
            entry["access"] = access
        entry["fields"] = {f: field_readers(model._fields[f]) for f in sorted(suite_fields(model))}
        return entry

    def test_every_model_is_declared(self):
        found = suite_models(self.env)
        missing = {name: self._snapshot(name) for name in sorted(found - set(MATRIX))}
        self.assertFalse(
            missing,
            "Models of the suite missing from tests/access_matrix.py; declare them (what"
            " they are today, review before pasting):\n" + pprint.pformat(missing, width=100),
        )
        self.assertFalse(set(MATRIX) - found, "Declared models the suite no longer has")

    def test_access_and_field_readers_are_as_declared(self):
        for name in sorted(set(MATRIX) & suite_models(self.env)):
            with self.subTest(model=name):
                actual = self._snapshot(name)
                declared = {k: v for k, v in MATRIX[name].items() if k in actual}
                self.assertEqual(
                    declared,
                    actual,
                    f"{name}: the registry differs from tests/access_matrix.py; what it is"
                    f" today:\n{pprint.pformat(actual, width=100)}",
                )

    def test_every_public_method_is_declared(self):
        for name in sorted(set(MATRIX) & suite_models(self.env)):
            with self.subTest(model=name):
                found = suite_methods(self.env[name])
                declared = set(MATRIX[name].get("methods", {}))
                self.assertEqual(
                    declared,
                    found,
                    f"{name}: public methods not declared {sorted(found - declared)},"
                    f" declared but gone {sorted(declared - found)}",
                )

    def test_public_methods_refuse_users_below_their_group(self):
        """Each method is called as each kind of user lacking its group, on an empty
        recordset, as an RPC client may: the group check comes first and refuses."""
        for name in sorted(set(MATRIX) & suite_models(self.env)):
            for method, needs in MATRIX[name].get("methods", {}).items():
                if needs == "read":
                    continue
                required = [USERS[kind] for kind in needs.split("|")]
                for kind, user in self.users.items():
                    if any(user.has_group(xmlid) for xmlid in required):
                        continue
                    with self.subTest(model=name, method=method, user=kind):
                        records = self.env[name].with_user(user).browse()
                        func = getattr(records, method)
                        params = [
                            p
                            for p in inspect.signature(func).parameters.values()
                            if p.default is p.empty
                            and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
                        ]
                        with (
                            self.assertRaises(UserError, msg=f"{kind} may call {name}.{method}"),
                            self.env.cr.savepoint(),
                        ):
                            func(*[None] * len(params))
