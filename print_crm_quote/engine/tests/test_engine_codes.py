"""The engine speaks in codes: cost items, units, layouts, methods and verdicts come out as a
code with named parameters (``Phrase``), which the addon renders in the reader's language.
The English text (``str(phrase)``, ``CostLine.label``) is the engine's own rendering, for
developers and these tests; nothing in ``to_dict()`` is a sentence to parse."""

import json

import print_crm_engine as engine
from print_crm_engine import JobSpec, Part, estimate
from print_crm_engine.tests import fixtures as fx


def _booklet(pages=16):
    return JobSpec(
        "saddle_stitched",
        "A5",
        (500, 5000),
        (Part("gloss-115", 4, 4, pages=pages), Part("silk-250", 4, 4, role="cover")),
    )


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list | tuple):
        for v in value:
            yield from _strings(v)


def test_cost_lines_are_codes_with_parameters():
    for spec in (
        JobSpec("flat", "A4", (500, 5000), (Part("gloss-130", 4, 4),)),
        _booklet(),
    ):
        result = estimate(spec, fx.SHOP)
        for brk in result.breaks:
            for line in brk.lines:
                assert line.item.code in engine.ITEMS, line
                assert isinstance(line.item.params, dict)
                assert line.unit in engine.UNITS, line
            data = brk.to_dict()
            for line in data["lines"]:
                assert "label" not in line
                assert set(line["item"]) == {"code", "params"}
            for route in data["routes"]:
                assert route["layout"]["code"] in engine.LAYOUTS
                assert {f["method"] for f in route["forms"]} <= set(engine.METHODS)
        for alternative in result.to_dict()["alternatives"]:
            for reason in alternative["reasons"]:
                assert reason["code"] in engine.VERDICTS, reason
                if reason["code"] == "infeasible":
                    assert reason["params"]["why"]["code"] in engine.REJECTIONS


def test_no_sentence_and_no_kai_in_the_json():
    # Every string left in the output is a code or a master-data code, never English prose.
    result = estimate(_booklet(), fx.SHOP)
    data = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    for text in _strings(data):
        assert "开" not in text, text
        assert " a sheet" not in text and " more" not in text, text


def test_infeasible_reasons_are_codes():
    result = estimate(JobSpec("flat", "A3", (1000,), (Part("gloss-130", 4, 0),)), fx.SHOP)
    too_small = [a for a in result.alternatives if not a.feasible]
    assert too_small
    for a in too_small:
        why = a.verdicts[0].params["why"]
        assert why.code == "too_large" and why.params["what"] == "piece"
        assert (why.params["width"], why.params["height"]) == (303, 426)
        # The English rendering is unchanged.
        assert a.reasons[0].startswith("infeasible: piece 303x426 mm")


def test_a_16_page_text_is_not_labelled_32_page_signatures():
    result = estimate(_booklet(16), fx.SHOP)
    for brk in result.breaks:
        text = brk.routes[0]
        if text.layout.params["full_sheets"] == 0:
            assert "32-page" not in str(text.layout), str(text.layout)
            assert "16 pages" in str(text.layout)


def test_the_english_labels_keep_their_words():
    master = fx.shop([fx.V180], [fx.DIG350], [fx.GUIL])
    spec = JobSpec("flat", "A4", (100,), (Part("DIG350-SRA3+", 4, 1),))
    brk = estimate(spec, master).breaks[0]
    assert [line.item.code for line in brk.lines if line.category == "click"] == [
        "colour_clicks",
        "mono_clicks",
    ]
    assert str(brk.routes[0].layout) == "2-up (2x1)"


def test_an_operation_the_engine_adds_itself_is_not_charged_twice():
    # The text part of a booklet lists the guillotine and the stitcher the engine already
    # uses (the stitcher on the job, the guillotine on the cover): same cost as without.
    plain = _booklet()
    listed = JobSpec(
        "saddle_stitched",
        "A5",
        (500, 5000),
        (
            Part("gloss-115", 4, 4, pages=16, finishing=("GUIL", "STITCH")),
            Part("silk-250", 4, 4, role="cover", finishing=("STITCH",)),
        ),
    )
    for a, b in zip(estimate(plain, fx.SHOP).breaks, estimate(listed, fx.SHOP).breaks, strict=True):
        assert a.cost == b.cost
        codes = [line.item.params.get("operation") for line in b.lines]
        assert codes.count("STITCH") == 1


def test_the_json_markup_is_price_minus_cost_to_the_cent():
    # Rounded on their own, cost, markup and price can disagree by a cent; the JSON's markup
    # is what the reader computes: price - cost (+ discount).
    policy = engine.PricePolicy(markup_pct=33.3, discount_pct=7.7, minimum_order_price=0)
    spec = JobSpec("flat", "A4", tuple(range(1000, 1400, 7)), (Part("gloss-130", 4, 4),))
    for brk in estimate(spec, fx.SHOP, policy).breaks:
        data = brk.to_dict()
        assert round(data["cost"] + data["markup"] - data["discount"], 2) == data["price"], data


def test_the_digest_keeps_what_a_person_reads():
    from print_crm_engine.digest import digest

    result = estimate(_booklet(), fx.SHOP)
    parts = digest(result.alternatives, keep=1)
    assert [p["part"] for p in parts] == [0, 1]
    for p in parts:
        every = [a for a in result.alternatives if a.part == p["part"]]
        assert p["considered"] == len(every)
        kept = p["routes"]
        # At most the cheapest of each press and of each sheet size per break, and each
        # break's chosen route among them.
        presses = {a.press for a in every if a.feasible}
        sheets = {a.press_sheet for a in every if a.feasible}
        assert len(kept) <= (1 + len(presses) + len(sheets)) * len(result.breaks)
        for press in presses:
            assert any(a["press"] == press for a in kept)
        for b in range(len(result.breaks)):
            chosen = [a for a in kept if a["reasons"][b]["code"] == "chosen"]
            assert len(chosen) == 1
        assert sum(i["count"] for i in p["infeasible"]) == sum(1 for a in every if not a.feasible)
