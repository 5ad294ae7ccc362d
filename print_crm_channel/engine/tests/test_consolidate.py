"""The purchase consolidation engine: worked examples, windows, errors, and properties over
random demand (hypothesis): every demand line lands in exactly one order line or waits, packs
never under-buy and over-buy less than one pack, rush never waits, suppliers never mix, and
the output does not depend on the input order."""

import gc
import math
import random
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from print_crm_channel_engine import (
    PACK_TOLERANCE,
    ConsolidationError,
    Demand,
    DraftLine,
    DraftOrder,
    Supplier,
    consolidate,
    next_window,
    previous_window,
    round_to_packs,
    window_due,
)

MONDAY = date(2027, 3, 1)  # a Monday
NOW = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
PAPER, INK, FOIL = 101, 102, 103
MERCHANT, BINDER = 1, 2


def demand(id_, qty, *, supplier=MERCHANT, product=PAPER, day=3, rush=False, pack=500, job=None):
    return Demand(
        id_,
        supplier,
        product,
        qty,
        MONDAY + timedelta(days=day),
        rush=rush,
        pack_size=pack,
        job_id=job if job is not None else id_,
    )


# --------------------------------------------------------------------------- worked examples


def test_paper_of_three_jobs_is_one_line_in_whole_reams():
    demands = [demand(3, 400.0, job=30), demand(1, 400.0, job=10), demand(2, 400.0, job=20)]
    result = consolidate(demands, [Supplier(MERCHANT)], NOW)
    assert len(result.orders) == 1
    order = result.orders[0]
    assert (order.supplier_id, order.rush, order.draft_id, order.extra_cost) == (
        MERCHANT,
        False,
        None,
        0.0,
    )
    (line,) = order.lines
    assert (line.product_id, line.need_by, line.pack_size) == (PAPER, MONDAY + timedelta(3), 500)
    assert (line.quantity, line.packs, line.demand_quantity) == (1500, 3, 1200.0)
    assert line.allocations == ((1, 400.0), (2, 400.0), (3, 400.0))
    assert line.demand_ids == (1, 2, 3)
    assert line.over_buy == 300
    assert result.waiting == () and result.batched == (MERCHANT,)


def test_lines_split_by_need_by_and_product_and_come_in_date_order():
    demands = [
        demand(1, 100.0, day=5),
        demand(2, 100.0, day=2, product=INK, pack=None),
        demand(3, 250.0, day=2, product=INK, pack=None),
        demand(4, 100.0, day=2),
    ]
    (order,) = consolidate(demands, [], NOW).orders
    keys = [(line.need_by.day, line.product_id, line.quantity) for line in order.lines]
    assert keys == [(3, PAPER, 500), (3, INK, 350.0), (6, PAPER, 500)]
    assert order.lines[1].packs is None  # no pack: the exact demand


def test_suppliers_never_share_an_order():
    demands = [demand(1, 100.0), demand(2, 100.0, supplier=BINDER)]
    result = consolidate(demands, [Supplier(MERCHANT), Supplier(BINDER)], NOW)
    assert [(o.supplier_id, o.demand_ids) for o in result.orders] == [
        (MERCHANT, (1,)),
        (BINDER, (2,)),
    ]


def test_rush_goes_at_once_alone_with_its_extra_cost_even_when_the_window_is_not_due():
    just_batched = datetime(2027, 3, 1, 8, 30, tzinfo=UTC)  # after today's 16:00 Shanghai
    suppliers = [
        Supplier(MERCHANT, tz="Asia/Shanghai", order_cost=35.0, last_batch=just_batched),
        Supplier(BINDER, order_cost=12.5),
    ]
    demands = [
        demand(1, 400.0, job=7),
        demand(2, 300.0, rush=True, job=8),
        demand(3, 300.0, rush=True, job=8, day=4),
        demand(4, 5.0, rush=True, job=8, supplier=BINDER, product=FOIL, pack=None),
        demand(5, 300.0, rush=True, job=9),
    ]
    drafts = [DraftOrder(900, MERCHANT, (DraftLine(901, PAPER, MONDAY + timedelta(3), 500.0),))]
    result = consolidate(demands, suppliers, NOW, drafts=drafts)
    summary = [(o.supplier_id, o.rush, o.job_id, o.demand_ids, o.draft_id) for o in result.orders]
    assert summary == [
        (MERCHANT, True, 8, (2, 3), None),  # never added to the draft, which waits
        (MERCHANT, True, 9, (5,), None),
        (BINDER, True, 8, (4,), None),
    ]
    assert [line.quantity for line in result.orders[0].lines] == [500, 500]
    assert result.rush_costs() == {8: 47.5, 9: 35.0}
    assert result.waiting == (1,)
    assert result.next_send == {MERCHANT: datetime(2027, 3, 2, 8, 0, tzinfo=UTC)}
    assert result.batched == (BINDER,)


def test_rush_demand_of_no_job_gets_an_order_of_its_own():
    demands = [demand(1, 10.0, rush=True), demand(2, 10.0, rush=True)]
    demands = [
        Demand(d.id, d.supplier_id, d.product_id, d.quantity, d.need_by, True, 500) for d in demands
    ]
    result = consolidate(demands, [Supplier(MERCHANT, order_cost=20.0)], NOW)
    assert [(o.job_id, o.demand_ids, o.extra_cost) for o in result.orders] == [
        (None, (1,), 20.0),
        (None, (2,), 20.0),
    ]
    assert result.rush_costs() == {}


def test_batch_is_added_to_the_open_draft_rounding_once():
    need_by = MONDAY + timedelta(3)
    drafts = [
        DraftOrder(
            900,
            MERCHANT,
            (
                DraftLine(901, PAPER, need_by, 500.0, 500, demand_quantity=480.0),
                DraftLine(902, INK, need_by, 1500.0, 500, demand_quantity=480.0),  # raised
            ),
        )
    ]
    demands = [
        demand(1, 100.0),
        demand(2, 100.0, product=INK),
        demand(3, 100.0, day=4),
    ]
    (order,) = consolidate(demands, [Supplier(MERCHANT)], NOW, drafts=drafts).orders
    assert order.draft_id == 900
    lines = [
        (line.draft_line_id, line.quantity, line.draft_quantity, line.previous_quantity)
        for line in order.lines
    ]
    assert lines == [
        (901, 1000, 480.0, 500.0),  # 580 in two reams, not one ream more
        (902, 1500, 480.0, 1500.0),  # the buyer's 1,500 already covers it
        (None, 500, 0.0, 0.0),
    ]


def test_draft_of_a_supplier_not_due_is_left_alone():
    supplier = Supplier(MERCHANT, last_batch=NOW)
    drafts = [DraftOrder(900, MERCHANT, ())]
    result = consolidate([demand(1, 100.0)], [supplier], NOW + timedelta(hours=1), drafts=drafts)
    assert result.orders == () and result.waiting == (1,)


def test_force_and_suppliers_without_window_order_at_every_run():
    late = Supplier(MERCHANT, last_batch=NOW)
    assert consolidate([demand(1, 1.0)], [late], NOW).waiting == (1,)
    assert consolidate([demand(1, 1.0)], [late], NOW, force=True).orders[0].demand_ids == (1,)
    no_window = Supplier(MERCHANT, times=(), last_batch=NOW)
    assert consolidate([demand(1, 1.0)], [no_window], NOW).orders[0].demand_ids == (1,)
    assert consolidate([demand(1, 1.0)], [], NOW).batched == (MERCHANT,)


def test_batched_names_every_due_supplier_even_without_demand():
    suppliers = [Supplier(MERCHANT), Supplier(BINDER, last_batch=NOW)]
    result = consolidate([], suppliers, NOW)
    assert result.orders == () and result.batched == (MERCHANT,)


def test_placement_finds_each_demand_line():
    result = consolidate([demand(1, 1.0), demand(2, 1.0, day=5)], [], NOW)
    placement = result.placement()
    assert placement[1][1].need_by.day == 4 and placement[2][1].need_by.day == 6


# --------------------------------------------------------------------------- windows


def test_daily_window_in_the_suppliers_time_zone():
    shanghai = Supplier(MERCHANT, tz="Asia/Shanghai")  # 16:00 CST is 08:00 UTC
    before = datetime(2027, 3, 1, 7, 59)  # naive: UTC
    assert next_window(shanghai, before) == datetime(2027, 3, 1, 8, 0, tzinfo=UTC)
    assert previous_window(shanghai, before) == datetime(2027, 2, 28, 8, 0, tzinfo=UTC)
    at = datetime(2027, 3, 1, 8, 0, tzinfo=UTC)
    assert previous_window(shanghai, at) == at  # at the window is at or before
    assert next_window(shanghai, at) == datetime(2027, 3, 2, 8, 0, tzinfo=UTC)


def test_twice_a_week_window_skips_to_next_tuesday():
    supplier = Supplier(BINDER, times=("10:00",), weekdays=(4, 1), tz="Europe/Berlin")
    assert supplier.weekdays == (1, 4)
    friday_after = datetime(2027, 3, 5, 9, 0, 1, tzinfo=UTC)  # 10:00:01 CET
    assert next_window(supplier, friday_after) == datetime(2027, 3, 9, 9, 0, tzinfo=UTC)
    assert previous_window(supplier, friday_after) == datetime(2027, 3, 5, 9, 0, tzinfo=UTC)


def test_window_follows_daylight_saving_time():
    berlin = Supplier(MERCHANT, tz="Europe/Berlin")  # 2027-03-28: CET -> CEST
    assert next_window(berlin, datetime(2027, 3, 27, 0, 0)) == datetime(
        2027, 3, 27, 15, 0, tzinfo=UTC
    )
    assert next_window(berlin, datetime(2027, 3, 28, 15, 0)) == datetime(
        2027, 3, 29, 14, 0, tzinfo=UTC
    )


def test_several_times_a_day():
    supplier = Supplier(MERCHANT, times=(time(15, 30), "10:00"))
    assert supplier.times == (time(10, 0), time(15, 30))
    assert next_window(supplier, datetime(2027, 3, 1, 11, 0)) == datetime(
        2027, 3, 1, 15, 30, tzinfo=UTC
    )


def test_window_due_after_a_window_passed_since_the_last_batch():
    batched = datetime(2027, 3, 1, 16, 5)
    supplier = Supplier(MERCHANT, last_batch=batched)
    assert not window_due(supplier, datetime(2027, 3, 1, 23, 0))
    assert not window_due(supplier, datetime(2027, 3, 2, 15, 59))
    assert window_due(supplier, datetime(2027, 3, 2, 16, 0))
    on_the_window = Supplier(MERCHANT, last_batch=datetime(2027, 3, 1, 16, 0))
    assert not window_due(on_the_window, datetime(2027, 3, 1, 16, 0))  # that window is done
    assert window_due(on_the_window, datetime(2027, 3, 2, 16, 0))
    assert window_due(Supplier(MERCHANT), NOW)  # never batched
    assert window_due(Supplier(MERCHANT, times=(), last_batch=NOW), NOW)
    assert next_window(Supplier(MERCHANT, times=()), NOW) is None
    assert previous_window(Supplier(MERCHANT, times=()), NOW) is None


# --------------------------------------------------------------------------- packs


def test_round_to_packs():
    assert round_to_packs(1000.0, 500) == (1000, 2)
    assert round_to_packs(1000.5, 500) == (1500, 3)
    assert round_to_packs(1000.0000000001, 500) == (1000, 2)  # float noise forgiven
    assert round_to_packs(0.1 + 0.2, 0.1)[1] == 3
    assert round_to_packs(1e-12, 500) == (500, 1)  # any positive demand buys a pack
    assert round_to_packs(7.25, None) == (7.25, None)


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize(
    ("demands", "field"),
    [
        ([demand(1, 1.0), demand(1, 2.0)], "demands[1].id"),
        ([demand(1, 0.0)], "demands[0].quantity"),
        ([demand(1, float("nan"))], "demands[0].quantity"),
        ([demand(1, "12")], "demands[0].quantity"),
        ([demand(1, 1.0, pack=-500)], "demands[0].pack_size"),
        ([demand(1, 1.0, pack=float("inf"))], "demands[0].pack_size"),
        ([demand(1, 1.0, supplier=None)], "demands[0].supplier_id"),
        ([demand(1, 1.0), "paper"], "demands[1]"),
        (
            [Demand(1, MERCHANT, PAPER, 1.0, datetime(2027, 3, 4, 12, 0))],
            "demands[0].need_by",
        ),
    ],
)
def test_malformed_demand_names_the_field(demands, field):
    with pytest.raises(ConsolidationError) as error:
        consolidate(demands, [], NOW)
    assert error.value.field == field
    assert gc.isenabled()  # the collector is back on after an error


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"tz": "Mars/Olympus"}, "tz"),
        ({"weekdays": (7,)}, "weekdays[0]"),
        ({"times": ("25:00",)}, "times[0]"),
        ({"order_cost": -1}, "order_cost"),
        ({"last_batch": date(2027, 3, 1)}, "last_batch"),
    ],
)
def test_malformed_supplier_names_the_field(kwargs, field):
    with pytest.raises(ConsolidationError) as error:
        Supplier(MERCHANT, **kwargs)
    assert error.value.field == field


def test_other_malformed_input():
    with pytest.raises(ConsolidationError, match="now"):
        consolidate([], [])
    with pytest.raises(ConsolidationError) as error:
        consolidate([], [Supplier(1), Supplier(1)], NOW)
    assert error.value.field == "suppliers[1].id"
    with pytest.raises(ConsolidationError) as error:
        consolidate([], [], NOW, drafts=[DraftOrder(1, MERCHANT), DraftOrder(2, MERCHANT)])
    assert error.value.field == "drafts[1].supplier_id"
    line = DraftLine(1, PAPER, MONDAY, -5.0)
    with pytest.raises(ConsolidationError) as error:
        consolidate([], [], NOW, drafts=[DraftOrder(1, MERCHANT, (line,))])
    assert error.value.field == "drafts[0].lines[0].quantity"


def test_input_may_be_any_iterable():
    result = consolidate((d for d in [demand(1, 1.0)]), iter([Supplier(MERCHANT)]), NOW)
    assert result.orders[0].demand_ids == (1,)


# --------------------------------------------------------------------------- properties

SETTINGS = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ZONES = ("UTC", "Asia/Shanghai", "Asia/Taipei", "Europe/Berlin", "America/New_York")
START = datetime(2027, 1, 1)
PACKS = (None, 1, 25, 100, 500, 0.5, 2.5)

instants = st.integers(0, 400 * 24 * 60).map(lambda m: START + timedelta(minutes=m))
suppliers = st.builds(
    Supplier,
    id=st.just(0),
    times=st.lists(
        st.builds(time, st.integers(5, 21), st.sampled_from((0, 15, 30, 45))), max_size=3
    ).map(tuple),
    weekdays=st.lists(st.integers(0, 6), max_size=4).map(tuple),
    tz=st.sampled_from(ZONES),
    order_cost=st.sampled_from((0.0, 12.5, 40.0)),
    last_batch=st.none() | instants,
)
quantities = st.one_of(
    st.integers(1, 20_000),
    st.floats(0.001, 20_000, allow_nan=False),
    st.sampled_from((0.1, 0.2, 0.3, 499.99999999, 500.0000001)),
)


demand_lists = st.integers(0, 40).flatmap(
    lambda size: st.lists(
        st.builds(
            Demand,
            id=st.integers(0, 10**6),  # unique, not in input order
            supplier_id=st.integers(0, 3),
            product_id=st.integers(0, 2),
            quantity=quantities,
            need_by=st.integers(0, 2).map(lambda n: date(2027, 3, 1) + timedelta(days=n)),
            rush=st.booleans(),
            # mostly the product's pack (a supplier sells a product in one pack), sometimes not
            pack_size=st.sampled_from((None, 500, 2.5, None, 500, 2.5, 25)),
            job_id=st.none() | st.integers(0, 3),
        ).map(lambda d: replace(d, pack_size=(None, 500, 2.5)[d.product_id]) if d.id % 5 else d),
        min_size=size,
        max_size=size,
        unique_by=lambda d: d.id,
    )
)


@st.composite
def supplier_lists(draw):
    ids = draw(st.lists(st.integers(0, 3), unique=True, max_size=4))
    return [
        Supplier(sid, s.times, s.weekdays, s.tz, s.order_cost, s.last_batch)
        for sid in ids
        for s in (draw(suppliers),)
    ]


def _close_at_least(quantity, needed, pack):
    return quantity >= needed - PACK_TOLERANCE * (pack or 0) - 1e-9 * needed


def check_line(line, needed):
    """The line's quantity covers ``needed`` and over-buys less than one pack."""
    pack = line.pack_size
    assert _close_at_least(line.quantity, needed, pack)
    if pack is None:
        assert line.packs is None and math.isclose(line.quantity, needed, rel_tol=1e-12)
    else:
        assert line.quantity < needed + pack
        assert math.isclose(line.quantity, line.packs * pack) and line.packs >= 1


@SETTINGS
@given(demand_lists, supplier_lists(), instants, st.booleans())
def test_every_demand_lands_once_and_nothing_mixes(demands, configured, now, force):
    result = consolidate(demands, configured, now, force=force)
    by_id = {d.id: d for d in demands}
    by_supplier = {s.id: s for s in configured}
    placed = [a for o in result.orders for line in o.lines for a in line.allocations]
    ids = [a[0] for a in placed] + list(result.waiting)
    assert sorted(ids) == sorted(by_id)  # exactly once: placed or waiting
    batch_suppliers = [o.supplier_id for o in result.orders if not o.rush]
    assert len(batch_suppliers) == len(set(batch_suppliers))
    for order in result.orders:
        assert order.lines
        keys = [(line.product_id, line.need_by, line.pack_size) for line in order.lines]
        assert len(keys) == len(set(keys))
        assert keys == sorted(keys, key=lambda k: (k[1], k[0], k[2] or 0))
        supplier = by_supplier.get(order.supplier_id)
        cost = supplier.order_cost if supplier and order.rush else 0.0
        assert order.extra_cost == cost
        jobs = {by_id[i].job_id for i in order.demand_ids}
        if order.rush:
            assert jobs == {order.job_id}
            assert order.job_id is not None or len(order.demand_ids) == 1
        for line in order.lines:
            assert list(line.allocations) == sorted(line.allocations)
            for demand_id, qty in line.allocations:
                d = by_id[demand_id]
                assert d.supplier_id == order.supplier_id  # suppliers never mix
                assert d.rush == order.rush
                assert (d.product_id, d.need_by, d.pack_size) == (
                    line.product_id,
                    line.need_by,
                    line.pack_size,
                )
                assert qty == d.quantity
            assert line.demand_quantity == math.fsum(q for _i, q in line.allocations)
            check_line(line, line.demand_quantity)
    for demand_id in result.waiting:
        d = by_id[demand_id]
        supplier = by_supplier.get(d.supplier_id)
        assert not d.rush and not force  # rush never waits
        assert supplier is not None and not window_due(supplier, now)
        assert result.next_send[d.supplier_id] == next_window(supplier, now)
    for d in demands:  # a due supplier's demand never waits
        supplier = by_supplier.get(d.supplier_id)
        if supplier is None or window_due(supplier, now):
            assert d.id not in result.waiting


@SETTINGS
@given(demand_lists, supplier_lists(), instants, st.randoms(use_true_random=False))
def test_output_does_not_depend_on_input_order(demands, configured, now, rng):
    shuffled = list(demands)
    rng.shuffle(shuffled)
    assert consolidate(shuffled, configured, now) == consolidate(demands, configured, now)


@SETTINGS
@given(demand_lists, st.data())
def test_adding_to_a_draft_covers_draft_and_demand_within_a_pack(demands, data):
    drafts = []
    for sid in range(4):
        lines = tuple(
            DraftLine(
                1000 * sid + j,
                product,
                date(2027, 3, 1) + timedelta(days=data.draw(st.integers(0, 2))),
                data.draw(st.floats(0, 5000)),
                data.draw(st.sampled_from(((None, 500, 2.5)[product], 25))),
                data.draw(st.none() | st.floats(0, 5000)),
            )
            for j in range(data.draw(st.integers(0, 6)))
            for product in (data.draw(st.integers(0, 2)),)
        )
        drafts.append(DraftOrder(100 + sid, sid, lines))
    result = consolidate(demands, [], NOW, drafts=drafts)
    drafts_by_supplier = {d.supplier_id: d for d in drafts}
    for order in result.orders:
        assert order.draft_id == (None if order.rush else 100 + order.supplier_id)
        for line in order.lines:
            if line.draft_line_id is None:
                assert line.draft_quantity == 0 and line.previous_quantity == 0
                check_line(line, line.demand_quantity)
                continue
            draft_line = next(
                dl
                for dl in drafts_by_supplier[order.supplier_id].lines
                if dl.id == line.draft_line_id
            )
            key = (draft_line.product_id, draft_line.need_by, draft_line.pack_size)
            assert key == (line.product_id, line.need_by, line.pack_size)
            needed = max(line.previous_quantity, line.draft_quantity + line.demand_quantity)
            assert _close_at_least(line.quantity, needed, line.pack_size)
            if line.pack_size is not None:
                assert line.quantity < needed + line.pack_size


@SETTINGS
@given(suppliers, instants)
def test_windows_bracket_now_with_no_window_between(supplier, now):
    after, before = next_window(supplier, now), previous_window(supplier, now)
    if not supplier.times:
        assert after is None and before is None and window_due(supplier, now)
        return
    aware = now.replace(tzinfo=UTC)
    assert before <= aware < after
    assert previous_window(supplier, after - timedelta(microseconds=1)) == before
    assert previous_window(supplier, after) == after
    local = after.astimezone(__import__("zoneinfo").ZoneInfo(supplier.tz))
    assert local.time() in supplier.times
    assert not supplier.weekdays or local.weekday() in supplier.weekdays
    assert after - before <= timedelta(days=7, hours=2)
    if supplier.last_batch is not None:
        assert window_due(supplier, now) == (before > supplier.last_batch.replace(tzinfo=UTC))


def test_a_large_random_run_is_consistent():
    rng = random.Random(15)
    demands = [
        Demand(
            i,
            rng.randrange(20),
            rng.randrange(30),
            float(rng.randrange(1, 3000)),
            MONDAY + timedelta(days=rng.randrange(10)),
            rush=rng.random() < 0.05,
            pack_size=rng.choice(PACKS),
            job_id=rng.randrange(100),
        )
        for i in range(5000)
    ]
    result = consolidate(demands, [Supplier(s, last_batch=NOW) for s in range(10)], NOW)
    placed = sum(len(line.allocations) for o in result.orders for line in o.lines)
    assert placed + len(result.waiting) == 5000
    assert {demands[i].supplier_id for i in result.waiting} <= set(range(10))
    assert result.batched == tuple(range(10, 20))
