"""Pure tests of the harness: how it reads Odoo logs and pytest reports, and how
it finds Odoo. They guard the rules that decide whether `make test` is green."""

import os
import sys
import textwrap
from pathlib import Path
from unittest import mock

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import harness  # noqa: E402

LOG = textwrap.dedent(
    """\
    2026-11-23 10:00:00,001 42 INFO db odoo.modules.loading: loading 1 modules...
    2026-11-23 10:00:01,001 42 INFO db odoo.addons.print_crm_quote.tests.test_security: Starting TestSecurity.test_groups ...
    2026-11-23 10:00:01,101 42 INFO db odoo.addons.print_crm_quote.tests.test_security: Starting TestSecurity.test_menu ...
    2026-11-23 10:00:01,201 42 INFO db odoo.addons.print_crm_quote.tests.test_security: ======================================================================
    2026-11-23 10:00:01,202 42 ERROR db odoo.addons.print_crm_quote.tests.test_security: FAIL: TestSecurity.test_menu
    Traceback (most recent call last):
      File "x.py", line 1, in test_menu
    AssertionError: 1 != 2
    2026-11-23 10:00:02,001 42 INFO db odoo.addons.print_crm_tracking.tests.test_tour: Starting TestTour.test_tour ...
    2026-11-23 10:00:02,002 42 WARNING db odoo.addons.print_crm_tracking.tests.test_tour: Chrome executable not found
    2026-11-23 10:00:02,003 42 INFO db odoo.addons.print_crm_tracking.tests.test_tour: skipped TestTour.test_tour : Chrome executable not found
    2026-11-23 10:00:02,501 42 ERROR db odoo.tests.result: 1 failed, 0 error(s) of 3 tests when loading database 'db'
    2026-11-23 10:00:03,001 42 WARNING db odoo.models: some model warning
    2026-11-23 10:00:04,001 42 CRITICAL db odoo.service.server: Failed to initialize database `db`.
    """
)
# Odoo ends most log lines with a space: keep one so the parser is tried on it.
LOG = LOG.replace("test_groups ...", "test_groups ... ")


def test_log_counts_started_failed_and_skipped_tests_per_addon():
    report = harness.OdooLog(LOG)
    assert report.per_addon() == {"print_crm_quote": 2, "print_crm_tracking": 1}
    assert report.failed == {"print_crm_quote:TestSecurity.test_menu"}
    assert report.skipped == {
        "print_crm_tracking:TestTour.test_tour": "Chrome executable not found"
    }
    assert report.passed == 1


def test_log_reports_warning_and_critical_lines_outside_test_outcomes():
    problems = harness.OdooLog(LOG).problems
    assert any("some model warning" in p for p in problems)
    assert any("Failed to initialize database" in p for p in problems)
    assert any("Chrome executable not found" in p for p in problems)
    # The FAIL line is a test outcome, counted as a failed test, not a log problem.
    assert not any("FAIL: TestSecurity" in p for p in problems)
    assert not any("1 failed, 0 error(s)" in p for p in problems)


def test_browser_skip_reasons_are_recognised():
    assert harness.BROWSER_SKIP.search("Chrome executable not found")
    assert harness.BROWSER_SKIP.search("websocket-client module is not installed")
    assert not harness.BROWSER_SKIP.search("needs a configured mail server")


def test_junit_counts_split_passed_failed_skipped(tmp_path):
    xml = tmp_path / "r.xml"
    xml.write_text(
        '<testsuites><testsuite tests="5" failures="1" errors="1" skipped="1">'
        '<testcase classname="a" name="t1"/><testcase classname="a" name="t2"/>'
        '<testcase classname="a" name="t3"><failure/></testcase>'
        '<testcase classname="a" name="t4"><error/></testcase>'
        '<testcase classname="a" name="t5"><skipped message="no db"/></testcase>'
        "</testsuite></testsuites>"
    )
    assert harness.junit_counts(xml) == (2, 2, 1, ["a.t5: no db"])
    assert harness.junit_counts(tmp_path / "missing.xml") == (0, 0, 0, [])


def _fake_odoo(root, version):
    (root / "odoo").mkdir(parents=True)
    (root / "odoo" / "release.py").write_text(f"version_info = {version!r}\n")
    return root


def test_find_odoo_accepts_an_18_tree_from_odoo_path(tmp_path):
    tree = _fake_odoo(tmp_path / "odoo18", (18, 0, 0, "final", 0, ""))
    with mock.patch.dict(os.environ, {"ODOO_PATH": str(tree)}):
        assert harness.find_odoo() == (tree.resolve(), False)


def test_find_odoo_refuses_another_version_and_says_how_to_fix(tmp_path):
    tree = _fake_odoo(tmp_path / "odoo17", (17, 0, 0, "final", 0, ""))
    with mock.patch.dict(os.environ, {"ODOO_PATH": str(tree)}):
        with pytest.raises(harness.HarnessError, match=r"Odoo 17\.0, print_crm needs 18\.0"):
            harness.find_odoo()


def test_find_odoo_refuses_a_path_without_odoo(tmp_path):
    with mock.patch.dict(os.environ, {"ODOO_PATH": str(tmp_path)}):
        with pytest.raises(harness.HarnessError, match="ODOO_PATH.*no odoo/release.py"):
            harness.find_odoo()


def test_find_odoo_without_any_odoo_explains_the_prerequisite(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "ODOO_PATH"}
    env["PYTHON"] = sys.executable
    with (
        mock.patch.dict(os.environ, env, clear=True),
        mock.patch.object(harness, "ODOO_FALLBACKS", [tmp_path / "none"]),
        mock.patch.object(harness, "_importable_odoo", return_value=None),
    ):
        with pytest.raises(harness.HarnessError, match="Odoo 18.0 is a prerequisite"):
            harness.find_odoo()


def test_odoo_requirements_are_adapted_to_available_wheels(tmp_path):
    (tmp_path / "requirements.txt").write_text(
        "cbor2==5.4.2 ; python_version < '3.12'\n"
        "psycopg2==2.9.5 ; python_version == '3.11'\n"
        "python-ldap==3.4.0 ; sys_platform != 'win32'\n"
        "gevent==22.10.2\n"
        "lxml==4.9.3 ; python_version > '3.10'  # comment\n"
    )
    reqs = harness._odoo_requirements(tmp_path).splitlines()
    assert reqs == [
        "cbor2 ; python_version < '3.12'",
        "psycopg2-binary ; python_version == '3.11'",
        "gevent==22.10.2",
        # gevent 22.10's pkg_resources must find them under their dotted names.
        "zope.event==5.0",
        "zope.interface==6.4.post2",
        "lxml==4.9.3 ; python_version > '3.10'",
    ]
