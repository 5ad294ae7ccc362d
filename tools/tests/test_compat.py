"""Pure tests of `make test-compat`'s rules: the known-failures file, the test tags, how
tests are tallied and which log records fail the run (through checklog-odoo itself)."""

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import harness  # noqa: E402

# What every runner's closing line must look like (CI reads it).
CLOSING = re.compile(r"^\d+ passed, \d+ failed, \d+ skipped$")


def test_known_file_reads_tests_and_log_regexes_with_their_reasons():
    tests, logs = harness.parse_known(
        textwrap.dedent(
            """\
            # a comment
            test sale:TestSaleOrder.test_x :: needs a demo menu that stock 18.0 lacks

            log odoo\\.modules\\.loading: .* deprecated :: stock Odoo warns on every load
            """
        )
    )
    assert tests == {"sale:TestSaleOrder.test_x": "needs a demo menu that stock 18.0 lacks"}
    assert logs == [(r"odoo\.modules\.loading: .* deprecated", "stock Odoo warns on every load")]


@pytest.mark.parametrize(
    "line, message",
    [
        ("test sale:TestSaleOrder.test_x", "expected 'test"),  # no reason
        ("test sale:TestSaleOrder.test_x ::   ", "expected 'test"),  # empty reason
        ("test TestSaleOrder.test_x :: why", "not a test id"),  # no addon
        ("log odoo(unclosed :: why", "bad regex"),
        ("skip sale:TestSaleOrder.test_x :: why", "expected 'test"),  # unknown kind
    ],
)
def test_known_file_refuses_entries_without_reason_or_malformed(line, message):
    with pytest.raises(harness.HarnessError, match=message):
        harness.parse_known(line + "\n")


def test_the_repository_known_file_parses():
    tests, logs = harness.parse_known(harness.COMPAT_KNOWN.read_text())
    assert all(reason for reason in tests.values())
    assert all(reason for _, reason in logs)


def test_compat_tags_run_post_install_tests_of_the_peers_and_the_account_classes():
    tags = harness.compat_tags(["helpdesk_mgmt", "portal", "sale"]).split(",")
    assert tags[:3] == ["/helpdesk_mgmt", "/portal", "/sale"]
    assert "/account:TestAccountMoveSend" in tags
    assert "/account:TestMergePartner" in tags
    # The at_install tests would run while the peers load, before the suite's modules.
    assert tags[-1] == "-at_install"


def _report(failed=(), skipped=None, passed=()):
    report = harness.OdooLog("")
    for test in [*failed, *(skipped or {}), *passed]:
        report.started[test] = test.split(":")[0]
    report.failed = set(failed)
    report.skipped = dict(skipped or {})
    return report


def test_tally_counts_a_skipped_browser_test_as_failed():
    report = _report(
        failed=["sale:A.t1"],
        skipped={"sale:B.tour": "Chrome executable not found", "sale:C.t": "no l10n"},
        passed=["sale:D.t"],
    )
    assert harness.odoo_tally(report) == (1, 2, 1)
    notes = harness.skip_notes(report.skipped)
    assert notes[0].startswith("browser test skipped, counted as failed: sale:B.tour")
    assert notes[1].startswith("test skipped, counted as failed: sale:C.t")


def test_tally_counts_known_failures_as_skipped_not_failed():
    report = _report(
        failed=["sale:A.t1", "sale:A.t2"],
        skipped={"portal:T.tour": "Chrome executable not found"},
        passed=["sale:D.t"],
    )
    assert harness.odoo_tally(report, excused={"sale:A.t1", "portal:T.tour"}) == (1, 1, 2)


def test_closing_line_is_the_one_ci_reads():
    assert harness.closing_line(335, 5, 0) == "335 passed, 5 failed, 0 skipped"
    assert CLOSING.match(harness.closing_line(0, 0, 0))


def _record(second, level, logger, message):
    return f"2026-12-07 10:00:{second:02d},001 42 {level} db {logger}: {message}"


LOG = "\n".join(
    [
        _record(0, "INFO", "odoo.modules.loading", "loading 1 modules..."),
        _record(1, "INFO", "odoo.addons.sale.tests.test_access_rights", "Starting T.test_a ..."),
        _record(2, "ERROR", "odoo.addons.sale.tests.test_access_rights", "FAIL: T.test_a"),
        "Traceback (most recent call last):",
        '  File "x.py", line 1, in test_a',
        "AssertionError: 1 != 2",
        _record(3, "WARNING", "odoo.addons.print_crm_quote.models.sale_order", "our own warning"),
        _record(4, "ERROR", "odoo.tests.result", "1 failed, 0 error(s) of 3 tests when loading"),
        _record(5, "WARNING", "odoo.addons.base.models.ir_ui_view", "stock warning, listed"),
        _record(6, "ERROR", "odoo.sql_db", "bad query: SELECT 1"),
        "Traceback (most recent call last):",
        'psycopg2.errors.UndefinedColumn: column "x" does not exist',
    ]
)


def _checklog(log, ignores):
    """checklog-odoo itself, as the harness runs it."""
    cmd = [sys.executable, "-m", "checklog_odoo", "--no-echo"]
    for regex in ignores:
        cmd += ["--ignore", regex]
    return subprocess.run([*cmd, str(log)], capture_output=True, text=True, cwd=log.parent)


def test_checklog_odoo_fails_on_every_record_not_a_test_outcome_nor_listed(tmp_path):
    log = tmp_path / "odoo.log"
    log.write_text(LOG)
    res = _checklog(log, [*harness.OUTCOME_RECORDS, r"ir_ui_view: stock warning, listed"])
    assert res.returncode == 1
    records = harness.checklog_failures(res.stdout)
    assert [r.splitlines()[0].split(" ", 5)[-1] for r in records] == [
        "odoo.addons.print_crm_quote.models.sale_order: our own warning",
        "odoo.sql_db: bad query: SELECT 1",
    ]
    # A traceback stays with its record.
    assert "UndefinedColumn" in records[1]


def test_checklog_odoo_passes_a_log_whose_problems_are_all_outcomes_or_listed(tmp_path):
    log = tmp_path / "odoo.log"
    log.write_text("\n".join(line for line in LOG.splitlines()[:8] if "our own" not in line))
    res = _checklog(log, harness.OUTCOME_RECORDS)
    assert res.returncode == 0, res.stdout
    assert harness.checklog_failures(res.stdout) == []


def test_peers_are_the_suites_direct_dependencies_read_by_manifestoo_and_sale(tmp_path):
    """A new dependency in a manifest joins the compatibility run without a code change."""
    depends = {
        "print_crm_quote": ["sale_management", "portal"],
        "print_crm_tracking": ["print_crm_quote"],
        "print_crm_prepress": ["print_crm_tracking"],
        "print_crm_service": ["print_crm_tracking", "helpdesk_mgmt"],
        "print_crm_channel": ["print_crm_quote", "purchase", "stock"],
    }
    for addon, deps in depends.items():
        (tmp_path / addon).mkdir()
        (tmp_path / addon / "__init__.py").write_text("")
        (tmp_path / addon / "__manifest__.py").write_text(
            repr({"name": addon, "version": "18.0.1.0.0", "depends": deps})
        )

    class FakeOdoo:
        python = sys.executable
        manifest_path = str(tmp_path)
        env = None

    assert harness.compat_peers(FakeOdoo) == [
        "helpdesk_mgmt",
        "portal",
        "purchase",
        "sale",
        "sale_management",
        "stock",
    ]
