"""Helpers the checks share, on frames typed as the Roster holds them."""

from __future__ import annotations

import polars as pl

from memberaudit.checks.common import has_records, member_rows


def test_member_rows_matches_ids_by_code_and_leaves_strangers_null():
    members = pl.DataFrame({"member_id": ["B", "A", "C"]}, schema={"member_id": pl.Categorical})
    records = pl.DataFrame({"member_id": ["A", "Z", "C", None, "A", "B"]}, schema={"member_id": pl.Categorical})
    rows = member_rows(records, members)
    assert rows.to_list() == [1, None, 2, None, 1, 0]
    # the same answer a join gives
    joined = records.with_row_index("i").join(members.with_row_index("row"), on="member_id", how="left")
    assert joined.sort("i").get_column("row").to_list() == rows.to_list()


def test_member_rows_on_empty_frames():
    empty = pl.DataFrame({"member_id": []}, schema={"member_id": pl.Categorical})
    some = pl.DataFrame({"member_id": ["A"]}, schema={"member_id": pl.Categorical})
    assert member_rows(empty, some).to_list() == []
    assert member_rows(some, empty).to_list() == [None]


def test_has_records_marks_every_member_row_whose_id_has_a_record():
    members = pl.DataFrame({"member_id": ["A", "B", "A", None]}, schema={"member_id": pl.Categorical})
    records = pl.DataFrame({"member_id": ["A", "Z", None]}, schema={"member_id": pl.Categorical})
    assert has_records(members, records).to_list() == [True, False, True, False]
    assert has_records(members, records.clear()).to_list() == [False] * 4


def test_member_ids_of_other_dtypes_are_refused():
    import pytest

    members = pl.DataFrame({"member_id": ["A"]}, schema={"member_id": pl.Categorical})
    with pytest.raises(TypeError):
        member_rows(pl.DataFrame({"member_id": ["A"]}), members)
