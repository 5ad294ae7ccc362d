"""What a person reads of the alternatives: the cheapest few routes per press and press sheet,
and a count per reason for the combinations that cannot work.

``Estimate.alternatives`` lists every press x paper combination considered (with 40 presses and
200 papers, thousands); :func:`digest` keeps, for each part, the routes that are among the
``keep`` cheapest of their press and press sheet at some break (so the chosen route is always
there), and groups the infeasible ones by reason and input field, with one example each.
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
        kept = set()
        for group in groups.values():
            for b in range(len(group[0].costs)):
                ranked = sorted(group, key=lambda a, b=b: a.costs[b])
                kept.update(id(a) for a in ranked[:keep])
                kept.update(id(a) for a in group if a.chosen[b])
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
