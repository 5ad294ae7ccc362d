"""Pure tests of `make run`: the command line that serves Odoo, threaded or prefork,
and the Python packages the prefork server's websocket child needs."""

import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import harness  # noqa: E402

ODOO = SimpleNamespace(python="/venv/bin/python")


def _opt(cmd, name):
    return cmd[cmd.index(name) + 1] if name in cmd else None


def test_plain_run_serves_the_threaded_server_through_the_launcher():
    cmd = harness.serve_cmd(ODOO, "/logs/print_crm.conf", 0, 8069)
    assert cmd == ["/venv/bin/python", str(harness.LAUNCHER), "-c", "/logs/print_crm.conf"]
    assert "-m" not in cmd


def test_workers_run_the_prefork_server_with_a_cron_worker_and_a_gevent_port(monkeypatch):
    monkeypatch.delenv("GEVENT_PORT", raising=False)
    cmd = harness.serve_cmd(ODOO, "/logs/w.conf", 4, 8071)
    # The launcher is sys.argv[0] of the server, so the gevent child is started
    # as `python tools/odoo_server.py gevent ...`, not with odoo/__main__.py.
    assert cmd[:2] == ["/venv/bin/python", str(harness.LAUNCHER)]
    assert _opt(cmd, "-c") == "/logs/w.conf"
    assert _opt(cmd, "--workers") == "4"
    assert int(_opt(cmd, "--max-cron-threads")) >= 1
    assert _opt(cmd, "--gevent-port") == "8074"
    assert harness.serve_cmd(ODOO, "/c", 2, 8069)[-1] == "8072"  # Odoo's own defaults


def test_gevent_port_can_be_chosen(monkeypatch):
    monkeypatch.setenv("GEVENT_PORT", "9000")
    assert _opt(harness.serve_cmd(ODOO, "/c", 4, 8071), "--gevent-port") == "9000"


def test_workers_come_from_the_environment(monkeypatch):
    seen = {}
    monkeypatch.setattr(harness, "cmd_run", lambda args: seen.update(vars(args)) or 0)
    monkeypatch.setenv("WORKERS", "4")
    monkeypatch.setenv("PORT", "8071")
    harness.main(["run"])
    assert (seen["workers"], seen["port"]) == (4, 8071)
    monkeypatch.setenv("WORKERS", "")
    monkeypatch.delenv("PORT")
    harness.main(["run"])
    assert (seen["workers"], seen["port"]) == (0, 8069)


def test_negative_workers_are_refused():
    with pytest.raises(harness.HarnessError, match="WORKERS"):
        harness.cmd_run(SimpleNamespace(workers=-1, port=8069))


def test_launcher_imports_odoo_absolutely_and_runs_its_cli():
    text = harness.LAUNCHER.read_text()
    assert "import odoo\n" in text or "import odoo  #" in text
    assert "odoo.cli.main()" in text
    assert "from ." not in text


def test_launcher_child_starts_with_a_stand_in_odoo(tmp_path):
    """The gevent child's command line (`python <launcher> gevent ...`) reaches
    odoo.cli.main() with the arguments, as upstream's odoo-bin does."""
    fake = tmp_path / "odoo"
    (fake / "cli").mkdir(parents=True)
    (fake / "__init__.py").write_text("from . import cli\n")
    (fake / "cli" / "__init__.py").write_text(
        "import sys\ndef main():\n    print('main', sys.argv[1:])\n"
    )
    out = subprocess.run(
        [sys.executable, str(harness.LAUNCHER), "gevent", "-c", "x.conf"],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(tmp_path)},
        check=True,
    )
    assert out.stdout.strip() == "main ['gevent', '-c', 'x.conf']"


def test_gevent_and_greenlet_are_no_longer_skipped(tmp_path):
    (tmp_path / "requirements.txt").write_text(
        "gevent==22.10.2; sys_platform != 'win32' and python_version > '3.10'\n"
        "greenlet==2.0.2 ; sys_platform != 'win32' and python_version > '3.10'\n"
        "python-ldap==3.4.0 ; sys_platform != 'win32'\n"
    )
    reqs = harness._odoo_requirements(tmp_path)
    assert "gevent==22.10.2" in reqs
    assert "greenlet==2.0.2" in reqs
    assert "python-ldap" not in reqs
    assert not harness.ODOO_REQ_SKIP.match("gevent==22.10.2")
    assert not harness.ODOO_REQ_SKIP.match("greenlet==2.0.2")


def test_a_gevent_pin_without_a_wheel_is_replaced_by_the_nearest_with_one(tmp_path):
    (tmp_path / "requirements.txt").write_text(
        "gevent==21.8.0 ; sys_platform != 'win32' and python_version == '3.10'  # (Jammy)\n"
        "gevent==22.10.2; sys_platform != 'win32' and python_version > '3.10'\n"
    )
    reqs = harness._odoo_requirements(tmp_path).splitlines()
    assert reqs == [
        "gevent==21.12.0 ; sys_platform != 'win32' and python_version == '3.10'",
        *harness.ODOO_REQ_EXTRA,
        "gevent==22.10.2; sys_platform != 'win32' and python_version > '3.10'",
    ]
