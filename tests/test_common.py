"""Helpers the checks share, on frames typed as the Roster holds them."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import memberaudit.checks.common as common
from memberaudit.checks.common import (
    Context,
    first_mask,
    first_rows,
    has_records,
    in_file_order,
    key_hash,
    member_rows,
    monthly,
    reaching,
    repeated_keys,
    repeats,
    window_masks,
)

_LETTER_CODES: dict[str, int] = {}


def coded(frame):
    """Member ids written as letters, as the Roster's integer codes (one code per letter in this module, in
    the order first met: a Categorical's codes depend on what else the process has cast, and are not shared
    between frames in every Polars version)."""
    letters = frame.get_column("member_id").cast(pl.String).to_list()
    for letter in letters:
        if letter is not None:
            _LETTER_CODES.setdefault(letter, len(_LETTER_CODES))
    return frame.with_columns(pl.Series("member_id", [None if v is None else _LETTER_CODES[v] for v in letters],
                                        dtype=pl.UInt32))


CODES = ("present", "unexcused")
# (member, year, month, code) records: a member may have several rows for one year (two sheets)
RECORDS = st.lists(st.tuples(st.sampled_from("ABC"), st.sampled_from([2025, 2026]), st.integers(1, 12),
                             st.sampled_from(CODES), st.integers(0, 1)), max_size=40)


def _masks(records) -> pl.DataFrame:
    """Month-mask rows built the plain way: a row per (member, year, sheet), a bit per month and code."""
    rows: dict[tuple, dict[str, int]] = {}
    for member, year, month, code, sheet in records:
        row = rows.setdefault((member, year, sheet), dict.fromkeys(CODES, 0))
        row[code] |= 1 << (month - 1)
    return pl.DataFrame(
        [(m, y, *row.values()) for (m, y, _), row in rows.items()], orient="row",
        schema={"member_id": pl.Categorical, "year": pl.Int32, **dict.fromkeys(CODES, pl.UInt16)})


@settings(max_examples=60, deadline=None)
@given(RECORDS)
def test_monthly_gives_back_every_month_of_the_masks(records):
    back = monthly(_masks(records), CODES, "mark")
    assert {(m, d.year, d.month, c) for m, c, d in back.select("member_id", "mark", "month").iter_rows()} == \
        {(m, y, mo, c) for m, y, mo, c, _ in records}


@settings(max_examples=60, deadline=None)
@given(RECORDS, st.sampled_from([date(2026, 5, 31), date(2026, 1, 10), date(2027, 2, 1)]),
       st.sampled_from(["calendar", "rolling"]), st.integers(1, 4))
def test_window_masks_and_reaching_keep_every_member_with_enough_window_months(records, as_of, window, at_least):
    ctx = Context(as_of=as_of, calendar=None, window=window)
    months = set(ctx.window_months())
    cut = window_masks(_masks(records), ctx, CODES)
    kept = {(m, d, c) for m, c, d in monthly(cut, CODES, "mark").select("member_id", "mark", "month").iter_rows()}
    assert kept == {(m, date(y, mo, 1), c) for m, y, mo, c, _ in records if date(y, mo, 1) in months}
    exact = {m: len({d for mm, d, c in kept if mm == m and c == "unexcused"}) for m in "ABC"}
    found = set(reaching(cut, pl.col("unexcused"), at_least).get_column("member_id").to_list())
    assert {m for m, n in exact.items() if n >= at_least} <= found  # a bound: never misses a member
    assert found <= {m for m, _, c in kept if c == "unexcused"}


def test_member_rows_matches_ids_by_code_and_leaves_strangers_null():
    members = pl.DataFrame({"member_id": ["B", "A", "C"]}, schema={"member_id": pl.Categorical}).pipe(coded)
    records = pl.DataFrame({"member_id": ["A", "Z", "C", None, "A", "B"]}, schema={"member_id": pl.Categorical}).pipe(coded)
    rows = member_rows(records, members)
    assert rows.to_list() == [1, None, 2, None, 1, 0]
    # the same answer a join gives
    joined = records.with_row_index("i").join(members.with_row_index("row"), on="member_id", how="left")
    assert joined.sort("i").get_column("row").to_list() == rows.to_list()


def test_rows_without_an_id_match_nothing_on_either_side():
    members = pl.DataFrame({"member_id": ["A", None, "B"]}, schema={"member_id": pl.Categorical}).pipe(coded)
    records = pl.DataFrame({"member_id": [None, "B", "A"]}, schema={"member_id": pl.Categorical}).pipe(coded)
    assert member_rows(records, members).to_list() == [None, 2, 0]
    with_ids = pl.DataFrame({"_src": [0] * 4, "_row": [1, 2, 3, 4], "member_id": ["A", None, "A", None]},
                            schema={"_src": pl.Int32, "_row": pl.Int32, "member_id": pl.Categorical}).pipe(coded)
    assert repeats(with_ids).to_list() == [True, False, True, False]


def test_member_rows_on_empty_frames():
    empty = pl.DataFrame({"member_id": []}, schema={"member_id": pl.Categorical}).pipe(coded)
    some = pl.DataFrame({"member_id": ["A"]}, schema={"member_id": pl.Categorical}).pipe(coded)
    assert member_rows(empty, some).to_list() == []
    assert member_rows(some, empty).to_list() == [None]


def test_has_records_marks_every_member_row_whose_id_has_a_record():
    members = pl.DataFrame({"member_id": ["A", "B", "A", None]}, schema={"member_id": pl.Categorical}).pipe(coded)
    records = pl.DataFrame({"member_id": ["A", "Z", None]}, schema={"member_id": pl.Categorical}).pipe(coded)
    assert has_records(members, records).to_list() == [True, False, True, False]
    assert has_records(members, records.clear()).to_list() == [False] * 4


def test_member_ids_of_other_dtypes_are_refused():
    import pytest

    members = pl.DataFrame({"member_id": ["A"]}, schema={"member_id": pl.Categorical}).pipe(coded)
    with pytest.raises(TypeError):
        member_rows(pl.DataFrame({"member_id": ["A"]}), members)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["A", "B", "C", "D", None]), max_size=30))
def test_first_rows_is_unique_keep_first_in_file_and_row_order(ids):
    members = pl.DataFrame({"_src": [i % 2 for i in range(len(ids))], "_row": list(range(len(ids), 0, -1)),
                            "member_id": ids}, schema={"_src": pl.Int32, "_row": pl.Int32, "member_id": pl.Categorical}).pipe(coded)
    expected = members.drop_nulls("member_id").sort("_src", "_row").unique("member_id", keep="first", maintain_order=True)
    assert first_rows(members).equals(expected)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["A", "B", "C", None]), st.booleans()), max_size=30))
def test_first_mask_marks_the_rows_first_rows_keeps_among_those_kept(rows):
    """The mask the current members are read through: each id's first row in file order among the kept
    rows, in the frame's own order (rows out of file order here)."""
    members = pl.DataFrame({"_src": [i % 2 for i in range(len(rows))], "_row": list(range(len(rows), 0, -1)),
                            "member_id": [r[0] for r in rows], "kept": [r[1] for r in rows]},
                           schema={"_src": pl.Int32, "_row": pl.Int32, "member_id": pl.Categorical, "kept": pl.Boolean}).pipe(coded)
    expected = set(first_rows(members.filter("kept")).select("_src", "_row").rows())
    mask = first_mask(members, pl.col("kept"))
    assert len(mask) == members.height
    assert set(members.filter(mask).select("_src", "_row").rows()) == expected


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(1, 1_048_576)), max_size=30, unique=True), st.booleans())
def test_in_file_order_is_the_sort_by_file_and_row(positions, presorted):
    """Rows already in order (the usual case, left uncopied) and rows out of order (sorted) alike."""
    positions = sorted(positions) if presorted else positions
    frame = pl.DataFrame(positions, schema={"_src": pl.Int32, "_row": pl.Int32}, orient="row").with_row_index()
    assert in_file_order(frame).equals(frame.sort("_src", "_row"))


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["an", "binh", "chi"]), st.integers(0, 3)), max_size=30),
       st.sampled_from([None, 1, 2]))
def test_repeated_keys_are_the_duplicated_rows_grouped_by_their_keys(people, clash):
    """Against is_duplicated: the rows and their grouping, also when different keys share a hash (forced
    here by cutting the hash down to `clash` + 1 values)."""
    frame = pl.DataFrame(people, schema={"name_key": pl.String, "day": pl.Int32}, orient="row").with_row_index()
    keys = ["name_key", "day"]
    with pytest.MonkeyPatch.context() as patch:
        if clash is not None:
            patch.setattr(common, "key_hash", lambda keys: key_hash(keys) % (clash + 1))
        rows, by = repeated_keys(frame, keys)
    expected = frame.filter(pl.struct(keys).is_duplicated())
    assert rows.select(frame.columns).equals(expected)
    groups = {tuple(g) for g in rows.group_by(by).agg(pl.col("index")).get_column("index").to_list()}
    assert groups == {tuple(g) for g in expected.group_by(keys).agg(pl.col("index")).get_column("index").to_list()}


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from("ABCD"), st.sampled_from([2025, 2026]), st.integers(1, 12),
                          st.sampled_from(["present", "excused", "unexcused", "exempt"])), max_size=40),
       st.sampled_from([date(2026, 5, 31), date(2026, 1, 10), date(2026, 12, 1)]), st.sampled_from(["calendar", "rolling"]))
def test_months_without_meeting_are_the_window_months_after_a_units_first_mark_without_one(records, as_of, window):
    """STR002 on month masks equals the months counted one by one: per unit, every window month from its
    first marked month on with no member's mark."""
    from memberaudit.checks.structure import month_without_meeting
    from memberaudit.model.roster import Roster, empty
    from memberaudit.model.vocab import TABLE_KINDS

    units = {"A": "CB1", "B": "CB1", "C": "CB2", "D": "CB3"}
    members = pl.DataFrame({"_src": [0] * 4, "_row": [1, 2, 3, 4], "member_id": list(units),
                            "unit": list(units.values()), "parent_unit": ["ĐB"] * 4},
                           schema={"_src": pl.Int32, "_row": pl.Int32, "member_id": pl.Categorical, "unit": pl.String,
                                   "parent_unit": pl.String}).pipe(coded).with_columns(pl.col("unit").cast(pl.Categorical).alias("_unit"))
    rows: dict[tuple, dict[str, int]] = {}
    for member, year, month, code in records:
        row = rows.setdefault((member, year), dict.fromkeys(("present", "excused", "unexcused", "exempt"), 0))
        row[code] |= 1 << (month - 1)
    attendance = pl.DataFrame([(0, 1, m, y, *r.values()) for (m, y), r in rows.items()], orient="row",
                              schema={**empty("attendance").schema, "member_id": pl.Categorical}).pipe(coded)
    roster = Roster(**{k: empty(k) for k in (*TABLE_KINDS, "issues")})
    roster.members, roster.attendance = members, attendance
    ctx = Context(as_of=as_of, calendar=None, window=window)
    window_months = ctx.window_months()
    expected = {}
    for unit in set(units.values()):
        marked = {date(y, mo, 1) for m, y, mo, _ in records if units[m] == unit} & set(window_months)
        if marked:
            gaps = [d for d in window_months if d >= min(marked) and d not in marked
                    and (d != ctx.as_of_month or (as_of + timedelta(days=1)).day == 1)]  # a running month: no gap
            if gaps:
                expected[unit] = [d.strftime("%m/%Y") for d in gaps]
    found = month_without_meeting(roster, ctx)
    assert dict(found.select("unit", "months").iter_rows()) == expected
