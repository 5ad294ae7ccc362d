"""The suite's translations are complete: every term an addon exports (its .pot)
has a Simplified and a Traditional Chinese translation, with the same placeholders."""

import re
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
ADDONS = sorted(p.name for p in ROOT.glob("print_crm_*") if (p / "__manifest__.py").is_file())
LANGS = ("zh_CN", "zh_TW")
PLACEHOLDER = re.compile(r"%(?:\([\w]+\))?[sdf%]|\{[\w]*\}")


@pytest.mark.parametrize("addon", ADDONS)
def test_addon_exports_a_template(addon):
    pot = ROOT / addon / "i18n" / f"{addon}.pot"
    assert pot.is_file(), f"{pot} is missing: run `make pot`"
    assert len(polib.pofile(str(pot))) > 0


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("addon", ADDONS)
def test_every_term_is_translated(addon, lang):
    pot = polib.pofile(str(ROOT / addon / "i18n" / f"{addon}.pot"))
    po_path = ROOT / addon / "i18n" / f"{lang}.po"
    assert po_path.is_file(), f"{po_path} is missing"
    po = {e.msgid: e for e in polib.pofile(str(po_path)) if not e.obsolete}
    missing = [e.msgid for e in pot if e.msgid not in po or not po[e.msgid].msgstr.strip()]
    assert not missing, f"{po_path}: untranslated: {missing}"
    fuzzy = [e.msgid for e in po.values() if "fuzzy" in e.flags]
    assert not fuzzy, f"{po_path}: fuzzy: {fuzzy}"
    for entry in pot:
        source = sorted(PLACEHOLDER.findall(entry.msgid))
        target = sorted(PLACEHOLDER.findall(po[entry.msgid].msgstr))
        assert source == target, f"{po_path}: placeholders differ for {entry.msgid!r}"


def _python_files(addon):
    return sorted(
        p for p in (ROOT / addon).rglob("*.py") if "tests" not in p.relative_to(ROOT).parts
    )


@pytest.mark.parametrize("addon", ADDONS)
def test_every_python_file_can_be_scanned_for_terms(addon):
    """Odoo exports code terms with Babel, which evaluates each string inside a ``_()``
    call: an f-string argument there makes it drop every term of the file, silently."""
    from babel.messages.extract import extract_python as extract

    broken = []
    for path in _python_files(addon):
        with open(path, "rb") as source:
            try:
                list(extract(source, {"_": None, "_lt": None}, [], {}))
            except Exception as error:  # noqa: BLE001 - any failure hides the file's terms
                broken.append(f"{path.relative_to(ROOT)}: {error!r}")
    assert not broken, "terms of these files cannot be exported: " + "; ".join(broken)
