"""The engine's words: every phrase it produces is a code with named parameters.

A :class:`Phrase` is ``(code, params)``. The addon renders it in the reader's language (see
``print_crm_quote/models/print_estimate.py``); ``str(phrase)`` is the engine's own English
rendering, for developers, tests and error messages. The tables below list every code.
"""

from typing import NamedTuple

#: Cost items (``CostLine.item.code``) and their parameters.
ITEMS = {
    "paper": "{name}{weight} {parent}{cut}",  # substrate, name, gsm, parent, cut, sheet
    "plates": "plates {press}",
    "process_ink": "process ink",
    "spot_ink": "spot ink",
    "makeready": "makeready {press} x{count}",
    "run": "run {press} {method}",
    "colour_clicks": "colour clicks",
    "mono_clicks": "mono clicks",
    "operation": "{name}{sheeting}{supplier}",  # operation, name, supplier, sheeting (a cut)
}
#: Units of a cost line's quantity.
UNITS = ("kg", "reams", "sheets", "plates", "h", "clicks", "job", "copies", "pieces", "m²", "cuts")
#: Printing methods of a form.
METHODS = (
    "single-sided",
    "sheetwise",
    "perfecting",
    "work-and-turn",
    "digital simplex",
    "digital duplex",
)
#: Layouts of a route.
LAYOUTS = ("pieces", "signatures")
#: Why a route did not win at a break.
VERDICTS = ("chosen", "costs_more", "costs_same", "infeasible")
#: Why a press sheet cannot take a part.
REJECTIONS = ("min_gsm", "max_gsm", "digital_spot", "too_large", "grain")
#: What a named paper size is (``sizes.describe``).
SIZE_KINDS = ("kai", "card", "named")


class Phrase(NamedTuple):
    """A code and its named parameters (plain JSON-ready values, or nested phrases)."""

    code: str
    params: dict

    def __str__(self):
        return english(self)

    def to_dict(self):
        return {
            "code": self.code,
            "params": {
                k: v.to_dict() if isinstance(v, Phrase) else list(v) if isinstance(v, tuple) else v
                for k, v in self.params.items()
            },
        }


def _mm(size):
    return f"{size[0]:g}x{size[1]:g}"


def english(phrase):
    """The engine's English for ``phrase``."""
    code, p = phrase
    role = f"{p['role']}: " if p.get("role") else ""
    if code == "paper":
        # Paper names usually carry their weight already ("Gloss coated 115 g/m²").
        weight = "" if f"{p['gsm']:g}" in p["name"] else f" {p['gsm']:g} g/m²"
        cut = f", cut in {p['cut']} {_mm(p['sheet'])}" if p["cut"] > 1 else ""
        return f"{role}{p['name']}{weight} {_mm(p['parent'])}{cut}"
    if code == "operation":
        sheeting = f" (parent sheets cut in {p['sheeting']})" if p.get("sheeting") else ""
        supplier = f" ({p['supplier']})" if p.get("supplier") else ""
        return f"{role}{p['name']}{sheeting}{supplier}"
    if code in ITEMS:
        return role + ITEMS[code].format(**p)
    if code == "pieces":
        wt = " work-and-turn" if p["work_and_turn"] else ""
        return f"{p['n_up']}-up ({p['across']}x{p['down']}){wt}"
    if code == "signatures":
        wt = " work-and-turn" if p["work_and_turn"] else ""
        full, rest = p["full_sheets"], p["residual_pages"]
        if not full:  # one form only: the pages, so many a sheet
            return f"{rest} pages {p['residual_up']}-up{wt}"
        text = f"{p['pages']}-page signatures, {p['per_sheet']} a sheet"
        text += f"; {full} sheet{'s' if full > 1 else ''} of {p['sheet_pages']} pages"
        if rest:
            text += f"; residual {rest} pages {p['residual_up']}-up{wt}"
        return text
    if code == "kai":
        sheet = {"zhengdu": "standard sheet", "dadu": "large sheet"}[p["parent"]]
        text = f"1/{p['n']} {sheet}" if p["n"] > 1 else sheet
        return text + (", trimmed" if p["finished"] else "")
    if code == "card":
        return "Chinese business card" if p["standard"] == "chinese" else "Business card"
    if code == "named":
        return p["name"]
    if code == "chosen":
        return "chosen"
    if code == "costs_more":
        return f"costs {p['amount']:.2f} more"
    if code == "costs_same":
        return "costs the same; an equal route listed earlier was chosen"
    if code == "infeasible":
        return f"infeasible: {english(p['why'])}"
    if code == "min_gsm":
        return f"{p['press']} takes {p['gsm']:g} g/m² and more"
    if code == "max_gsm":
        return f"{p['press']} takes up to {p['gsm']:g} g/m²"
    if code == "digital_spot":
        return f"{p['press']} is digital and prints process colours only"
    if code == "too_large":
        what = "4-page spread" if p["what"] == "spread" else "piece"
        return (
            f"{what} {p['width']:g}x{p['height']:g} mm (with bleed) larger than the printable "
            f"{p['printable'][0]:g}x{p['printable'][1]:g} mm of press sheet "
            f"{_mm(p['sheet'])} on {p['press']}"
        )
    if code == "grain":
        return (
            f"the grain of press sheet {_mm(p['sheet'])} ({p['grain']} grain) cannot run "
            f"along the {p['need']} in a layout that fits"
        )
    return code
