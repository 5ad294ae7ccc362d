# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The engine's codes in the reader's language.

The engine returns its words as codes with named parameters (``engine/words.py``): cost items,
units, printing methods, layouts and the verdict on every route considered. A break stores
them as they come (``breakdown``); they are rendered here, at display time, through
translations, so the Details dialog and the XLSX speak the language of whoever reads them.
"""

from odoo import models
from odoo.tools.translate import LazyTranslate

_lt = LazyTranslate(__name__)

UNIT_LABELS = {
    "kg": _lt("kg"),
    "reams": _lt("reams"),
    "sheets": _lt("sheets"),
    "plates": _lt("plates"),
    "h": _lt("h"),
    "clicks": _lt("clicks"),
    "job": _lt("job"),
    "copies": _lt("copies"),
    "pieces": _lt("pieces"),
    "m²": _lt("m²"),
    "cuts": _lt("cuts"),
}
METHOD_LABELS = {
    "single-sided": _lt("single-sided"),
    "sheetwise": _lt("sheetwise"),
    "perfecting": _lt("perfecting"),
    "work-and-turn": _lt("work-and-turn"),
    "digital simplex": _lt("digital, one side"),
    "digital duplex": _lt("digital, both sides"),
}


def _mm(size):
    return "%g × %g" % tuple(size)


class PrintEstimateBreak(models.Model):
    _inherit = "print.estimate.break"

    def _words(self, estimate=None):
        """The renderers of the engine's codes, in the environment's language, for the
        breakdown template and the XLSX: ``{name: function}``. Presses and papers are named
        from the master data of ``estimate`` (default: these breaks' estimate)."""
        estimate = estimate or self.estimate_id[:1]
        presses, substrates = estimate._master_data_names() if estimate else ({}, {})
        env = self.env

        def press(code):
            return presses.get(code, code)

        def unit(code):
            label = UNIT_LABELS.get(code)
            return env._(label) if label else code

        def methods(codes):
            return ", ".join(
                env._(METHOD_LABELS[c]) if c in METHOD_LABELS else c for c in dict.fromkeys(codes)
            )

        def item(phrase):
            if not isinstance(phrase, dict):  # priced before the engine spoke in codes
                return phrase or ""
            code, p = phrase["code"], phrase["params"]
            if code == "paper":
                name = substrates.get(p["substrate"]) or p["name"]
                if "%g" % p["gsm"] not in name:
                    name = env._("%(paper)s %(gsm)s g/m²", paper=name, gsm="%g" % p["gsm"])
                if p["cut"] > 1:
                    return env._(
                        "%(paper)s, parent sheet %(parent)s cut in %(cut)s to %(sheet)s",
                        paper=name,
                        parent=_mm(p["parent"]),
                        cut=p["cut"],
                        sheet=_mm(p["sheet"]),
                    )
                return env._("%(paper)s, sheet %(parent)s", paper=name, parent=_mm(p["parent"]))
            if code == "plates":
                return env._("Plates for %(press)s", press=press(p["press"]))
            if code == "process_ink":
                return env._("Process ink")
            if code == "spot_ink":
                return env._("Spot ink")
            if code == "makeready":
                return env._(
                    "Makeready on %(press)s × %(count)s", press=press(p["press"]), count=p["count"]
                )
            if code == "run":
                return env._("Press run on %(press)s", press=press(p["press"]))
            if code == "colour_clicks":
                return env._("Colour clicks")
            if code == "mono_clicks":
                return env._("Mono clicks")
            if code == "operation":
                text = p["name"]
                if p.get("sheeting"):
                    text = env._(
                        "%(operation)s (parent sheets cut in %(cut)s)",
                        operation=text,
                        cut=p["sheeting"],
                    )
                if p.get("supplier"):
                    text = env._(
                        "%(operation)s (%(supplier)s)", operation=text, supplier=p["supplier"]
                    )
                return text
            return code

        def layout(phrase):
            if not isinstance(phrase, dict):
                return phrase or ""
            code, p = phrase["code"], phrase["params"]
            if code == "pieces":
                return env._(
                    "%(n)s-up (%(across)s × %(down)s)",
                    n=p["n_up"],
                    across=p["across"],
                    down=p["down"],
                )
            if code != "signatures":
                return code
            full, rest = p["full_sheets"], p["residual_pages"]
            residual = env._("%(pages)s pages, %(n)s a sheet", pages=rest, n=p["residual_up"])
            if not full:
                return residual
            text = env._(
                "%(sheets)s × %(pages)s-page sheet (%(n)s × %(sig)s-page signature)",
                sheets=full,
                pages=p["sheet_pages"],
                n=p["per_sheet"],
                sig=p["pages"],
            )
            if rest:
                text = env._("%(sheets)s; residual %(residual)s", sheets=text, residual=residual)
            return text

        def rejection(phrase):
            code, p = phrase["code"], phrase["params"]
            if code == "min_gsm":
                return env._(
                    "%(press)s takes %(gsm)s g/m² and more",
                    press=press(p["press"]),
                    gsm="%g" % p["gsm"],
                )
            if code == "max_gsm":
                return env._(
                    "%(press)s takes up to %(gsm)s g/m²",
                    press=press(p["press"]),
                    gsm="%g" % p["gsm"],
                )
            if code == "digital_spot":
                return env._(
                    "%(press)s is digital and prints process colours only",
                    press=press(p["press"]),
                )
            if code == "too_large":
                values = {
                    "size": "%g × %g" % (p["width"], p["height"]),
                    "printable": _mm(p["printable"]),
                    "sheet": _mm(p["sheet"]),
                    "press": press(p["press"]),
                }
                if p["what"] == "spread":
                    return env._(
                        "a 4-page spread of %(size)s mm with bleed is larger than the printable"
                        " %(printable)s mm of the %(sheet)s press sheet on %(press)s",
                        **values,
                    )
                return env._(
                    "a piece of %(size)s mm with bleed is larger than the printable"
                    " %(printable)s mm of the %(sheet)s press sheet on %(press)s",
                    **values,
                )
            if code == "grain":
                sheet = _mm(p["sheet"])
                if p["need"] == "height":
                    if p["grain"] == "long":
                        return env._(
                            "no layout that fits the %(sheet)s long-grain press sheet has the"
                            " grain along the height",
                            sheet=sheet,
                        )
                    return env._(
                        "no layout that fits the %(sheet)s short-grain press sheet has the"
                        " grain along the height",
                        sheet=sheet,
                    )
                if p["grain"] == "long":
                    return env._(
                        "no layout that fits the %(sheet)s long-grain press sheet has the"
                        " grain along the width",
                        sheet=sheet,
                    )
                return env._(
                    "no layout that fits the %(sheet)s short-grain press sheet has the grain"
                    " along the width",
                    sheet=sheet,
                )
            return code

        def reason(phrase, currency):
            if not isinstance(phrase, dict):
                return phrase or ""
            code, p = phrase["code"], phrase["params"]
            if code == "chosen":
                return env._("Chosen")
            if code == "costs_more":
                return env._("Costs %(amount)s more", amount=currency.format(p["amount"]))
            if code == "costs_same":
                return env._("Costs the same; an equal route listed earlier was chosen")
            if code == "infeasible":
                return env._("Not possible: %(why)s", why=rejection(p["why"]))
            return code

        return {
            "press": press,
            "substrate": lambda code: substrates.get(code, code),
            "unit": unit,
            "methods": methods,
            "item": item,
            "layout": layout,
            "reason": reason,
            "rejection": rejection,
            "chosen": lambda phrase: isinstance(phrase, dict) and phrase["code"] == "chosen",
        }

    def _print_route_texts(self, words=None):
        """The chosen route of every part, one text each ("press w × h, layout, methods"), in
        the environment's language: for the job ticket, the ``route`` field and other readers
        of a break. ``words``: this estimate's ``_words()``, when the caller has them."""
        self.ensure_one()
        words = words or self._words()
        return [
            "%s %s, %s, %s"
            % (
                words["press"](route["press"]),
                "%g × %g" % tuple(route["press_sheet"]),
                words["layout"](route["layout"]),
                words["methods"](form["method"] for form in route["forms"]),
            )
            for route in (self.breakdown or {}).get("routes") or []
        ]
