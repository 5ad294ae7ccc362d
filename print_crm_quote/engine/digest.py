"""What a person reads of the alternatives: the cheapest few routes per press and press sheet,
and a count per reason for the combinations that cannot work.

``Estimate.alternatives`` lists every press x paper combination considered (with 40 presses and
200 papers, thousands); :func:`digest` keeps, for each part and break, the ``keep`` cheapest
routes (the chosen one first), the cheapest route of every press and the cheapest of every
press sheet size, and groups the infeasible ones by reason and input field, with one example
each.
"""


def digest(alternatives, keep=3):
    """``[{"part", "routes", "infeasible", "considered"}, ...]`` per part, JSON-ready.

    ``routes`` are :meth:`Alternative.to_dict` of the kept routes (their costs and verdicts at
    every break); ``infeasible`` are ``{"reason", "field", "count", "example"}`` with the
    example's verdicts and press; ``considered`` counts every alternative of the part.
    """
    parts = {}
    for alternative in alternatives:
        parts.setdefault(alternative.part, []).append(alternative)
    out = []
    for part, items in sorted(parts.items()):
        groups, infeasible = {}, {}
        for a in items:
            if a.feasible:
                groups.setdefault((a.press, a.press_sheet), []).append(a)
            else:
                key = (a.reason.code, a.field)
                if key in infeasible:
                    infeasible[key][1] += 1
                else:
                    infeasible[key] = [a, 1]
        feasible = [a for group in groups.values() for a in group]
        kept = set()
        for b in range(len(feasible[0].costs) if feasible else 0):
            ranked = sorted(feasible, key=lambda a, b=b: a.costs[b])
            kept.update(id(a) for a in ranked[:keep])  # the cheapest few overall
            seen_press, seen_sheet = set(), set()
            for a in ranked:  # and the cheapest of every press and of every press sheet
                if a.press not in seen_press or a.press_sheet not in seen_sheet:
                    kept.add(id(a))
                    seen_press.add(a.press)
                    seen_sheet.add(a.press_sheet)
        out.append(
            {
                "part": part,
                "routes": [a.to_dict() for a in items if id(a) in kept],
                "infeasible": [
                    {"field": a.field, "count": count, "example": a.to_dict()}
                    for a, count in infeasible.values()
                ],
                "considered": len(items),
            }
        )
    return out
