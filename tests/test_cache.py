"""The cache folder: a file read once is served from it until its bytes, the settings or the code change."""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import asdict

import polars as pl
import pytest

import memberaudit.read.tables
from conftest import member_rows, write_workbook
from memberaudit.assemble import cache
from memberaudit.assemble.pipeline import read_roster
from memberaudit.cli import app
from memberaudit.config import load_config
from memberaudit.model.config import Config
from memberaudit.model.errors import UserError
from memberaudit.model.roster import COLUMNS

MONTHS = ["STT", "Số thẻ đảng viên", "Họ và tên", *[f"T{m}" for m in range(1, 13)]]


def branch_book(path, *, name="An"):
    """A workbook with every kind of thing a Roster keeps: members (one bad date: an issue), attendance,
    dues, ratings and a sheet that is skipped."""
    return write_workbook(path, {
        "Đảng viên": member_rows(["001", name, "02/01/1980", "CB1", "01/02/2010", None],
                                 ["002", "Bình", "31/02/1981", "CB1", "01/02/2011", "01/02/2012"]),
        "Sinh hoạt 2026": [["SỔ THEO DÕI SINH HOẠT NĂM 2026"], MONTHS,
                           [1, "001", "An", *["x"] * 10, "v", None], [2, "002", "Bình", *["v"] * 11, "?"]],
        "Đảng phí 2026": [MONTHS, [1, "001", "An", *["50.000"] * 11, None], [2, "002", "Bình", *["0"] * 12]],
        "Xếp loại": [["Số thẻ đảng viên", "Năm", "Xếp loại"], ["001", "2025", "Hoàn thành tốt nhiệm vụ"]],
        "Ghi chú": [["Ghi chú của chi bộ"], ["Không có"]],
    })


def read(paths, folder, **config):
    return read_roster([str(p) for p in paths], config=Config(cache=str(folder), **config), workers=1)


def same(a, b) -> None:
    for kind in COLUMNS:
        assert getattr(a, kind).equals(getattr(b, kind)), kind
    assert a.ids.equals(b.ids)
    assert [asdict(s) for s in a.sources] == [asdict(s) for s in b.sources]
    assert [asdict(s) for s in a.skipped] == [asdict(s) for s in b.skipped]
    assert a.files == b.files


def unreadable(*args, **kw):
    raise AssertionError("the file was read again instead of coming from the cache")


def test_second_read_comes_from_the_cache_and_equals_a_fresh_read(tmp_path, monkeypatch):
    book = branch_book(tmp_path / "cb1.xlsx")
    fresh = read_roster([str(book)], workers=1)
    assert fresh.attendance.height and fresh.dues.height and fresh.ratings.height and fresh.issues.height
    assert fresh.skipped  # every part of a Roster is in play
    first = read([book], tmp_path / "cache")
    monkeypatch.setattr(memberaudit.read.tables, "load_file", unreadable)
    second = read([book], tmp_path / "cache")
    same(fresh, first)
    same(fresh, second)
    assert (fresh.cached, first.cached, second.cached) == ([], [], [str(book)])


def test_an_edited_file_or_other_settings_are_read_again(tmp_path, monkeypatch):
    book = branch_book(tmp_path / "cb1.xlsx")
    read([book], tmp_path / "cache")
    branch_book(book, name="An Nguyễn")  # the branch edits its workbook
    assert read([book], tmp_path / "cache").members["full_name"].to_list() == ["An Nguyễn", "Bình"]
    entries = len(_entries(tmp_path / "cache"))
    # other aliases change how a file is read: a new entry, not the old one
    read([book], tmp_path / "cache", aliases={"members": {"full_name": ["Tên đầy đủ"]}})
    assert len(_entries(tmp_path / "cache")) == entries + 1
    monkeypatch.setattr(memberaudit.read.tables, "load_file", unreadable)
    read([book], tmp_path / "cache")  # and the first settings still find theirs


def test_a_moved_file_is_found_and_its_rows_point_at_its_new_place(tmp_path, monkeypatch):
    book = branch_book(tmp_path / "cb1.xlsx")
    read([book], tmp_path / "cache")
    moved = tmp_path / "nam-2026" / "cb1.xlsx"  # another folder, the same name (a name is read: see below)
    moved.parent.mkdir()
    shutil.move(book, moved)
    monkeypatch.setattr(memberaudit.read.tables, "load_file", unreadable)
    roster = read([moved], tmp_path / "cache")
    assert roster.files == [str(moved)]
    assert {s.file for s in roster.sources} == {str(moved)} and {s.file for s in roster.skipped} == {str(moved)}


def test_a_damaged_entry_is_read_again_not_an_error(tmp_path):
    book = branch_book(tmp_path / "cb1.xlsx")
    first = read([book], tmp_path / "cache")
    (entry,) = _entries(tmp_path / "cache")
    (entry / "dues.parquet").write_bytes(b"not parquet")
    same(first, read([book], tmp_path / "cache"))


def test_entries_unused_for_a_month_are_pruned(tmp_path):
    book = branch_book(tmp_path / "cb1.xlsx")
    read([book], tmp_path / "cache")
    (used,) = _entries(tmp_path / "cache")
    old = tmp_path / "cache" / ("0" * 40)
    old.mkdir()
    (old / "meta.json").write_text("{}")
    month_ago = time.time() - (cache.MAX_AGE_DAYS + 1) * 86400
    os.utime(old, (month_ago, month_ago))
    os.utime(used, (month_ago, month_ago))
    read([book], tmp_path / "cache")  # uses one entry: that one is kept and marked used
    assert _entries(tmp_path / "cache") == [used]
    assert used.stat().st_mtime > month_ago + 86400


def test_a_folder_that_cannot_be_made_is_a_clear_error(tmp_path):
    book = branch_book(tmp_path / "cb1.xlsx")
    (tmp_path / "tep").write_text("a file, not a folder")
    with pytest.raises(UserError) as caught:
        read([book], tmp_path / "tep" / "cache")
    assert caught.value.key == "cache.unwritable" and caught.value.params["folder"] == str(tmp_path / "tep" / "cache")


def test_config_names_the_folder_relative_to_itself(tmp_path):
    (tmp_path / "cfg").mkdir()
    (tmp_path / "cfg" / "memberaudit.toml").write_text('cache = "bo-nho-dem"\n', encoding="utf-8")
    assert load_config(tmp_path / "cfg" / "memberaudit.toml").cache == str(tmp_path / "cfg" / "bo-nho-dem")


def test_audit_with_cache_gives_the_same_findings_and_exit_2_when_unwritable(tmp_path):
    from typer.testing import CliRunner

    book = branch_book(tmp_path / "cb1.xlsx")
    runner = CliRunner()
    outputs = []
    for run in range(3):
        out = tmp_path / f"f{run}.json"
        extra = ["--cache", str(tmp_path / "cache")] if run else []
        result = runner.invoke(app, ["audit", str(book), "--as-of", "2026-11-30", "--format", "json",
                                     "--output", str(out), "-q", *extra])
        assert result.exit_code == 0, result.output
        outputs.append(out.read_text(encoding="utf-8"))
        # the run line says how many files came from the cache: none until the cache holds the workbook
        assert f'"files": 1, "cached": {int(run == 2)},' in result.output
    assert outputs[0] == outputs[1] == outputs[2] and '"findings": [' in outputs[0]
    (tmp_path / "tep").write_text("")
    result = runner.invoke(app, ["audit", str(book), "--cache", str(tmp_path / "tep" / "c"), "--lang", "en"])
    assert result.exit_code == 2 and "Cannot write the cache folder" in result.output


def test_cached_and_new_files_read_together_on_two_processes_keep_their_order(tmp_path):
    """Files in the cache are taken in the main process while a worker reads the others: the Roster is the
    one a fresh read in one process gives, in input order."""
    books = [branch_book(tmp_path / f"cb{i}.xlsx", name=f"An {i}") for i in range(3)]
    read([books[1]], tmp_path / "cache")  # only the middle one is in the cache
    config = Config(cache=str(tmp_path / "cache"))
    mixed = read_roster([str(b) for b in books], config=config, workers=2)
    fresh = read_roster([str(b) for b in books], workers=1)
    assert mixed.cached == [str(books[1])]
    same(fresh, mixed)


def _entries(folder):
    """The cache's entries: its folders (the tag file that marks the folder as ours is no entry)."""
    return [p for p in folder.iterdir() if p.is_dir()]


def test_every_layout_the_demo_holds_comes_back_from_the_cache_as_read(demo_dir, tmp_path, monkeypatch):
    """Registers (numbering row, multi-line and digit cells), the database's two-row headers, ward forms,
    dues kept by name, candidates, discipline and residence comments, a CSV, a Parquet export: each file
    read once is served from the cache and equals a fresh read (by-name records still matched, since names
    are matched after the cache, when the files are stacked)."""
    import polars as pl

    files = sorted(p for p in demo_dir.iterdir() if p.suffix in (".xlsx", ".csv"))
    export = tmp_path / "export" / "danh-sach.parquet"
    export.parent.mkdir()
    pl.DataFrame({"Số thẻ đảng viên": ["091"], "Họ và tên": ["Đỗ Văn Tư"], "Ngày sinh": ["03/04/1975"],
                  "Chi bộ": ["Chi bộ 1"], "Ngày vào Đảng": ["01/02/2001"]}).write_parquet(export)
    files.append(export)
    assert len(files) >= 6
    fresh = read_roster([str(f) for f in files], workers=1)
    assert fresh.candidates.height and fresh.comments.height and fresh.discipline.height
    read(files, tmp_path / "cache")
    monkeypatch.setattr(memberaudit.read.tables, "load_file", unreadable)
    cached = read(files, tmp_path / "cache")
    assert cached.cached == [str(f) for f in files]
    same(fresh, cached)


def test_an_entry_is_written_as_one_row_group_read_back_as_one_chunk(tmp_path):
    """A national members table in Parquet's usual row groups came back as 43 chunks, and rechunking them
    doubled the memory: each frame of an entry is one row group."""
    import polars as pl

    from memberaudit.model.roster import Roster, conform, empty
    from memberaudit.model.vocab import TABLE_KINDS

    roster = Roster(**{k: empty(k, file=True) for k in (*TABLE_KINDS, "issues")})
    roster.members = conform("members", pl.DataFrame({"member_id": pl.int_range(600_000, eager=True).cast(pl.String)}),
                             file=True)
    cache.keep(str(tmp_path), "entry", roster)
    assert pl.read_parquet(tmp_path / "entry" / "members.parquet").n_chunks() == 1


def test_a_renamed_file_is_read_again_its_name_being_read_too(tmp_path, monkeypatch):
    """A list without a branch column, skipped for it, renamed after its branch ("DS.xlsx" → "Chi bo 3.xlsx")
    to tell it: the cache gave back the old reading (by the file's bytes alone), still skipped."""
    rows = [["DANH SÁCH ĐẢNG VIÊN"], ["STT", "Họ và tên", "Ngày sinh", "Số thẻ", "Ngày vào Đảng", "Ngày chính thức"],
            [1, "Phan Văn Tâm", "12/03/1961", "21003301", "12/05/1985", "12/05/1986"],
            [2, "Vũ Thị Lan", "04/07/1979", "21003302", "02/09/2003", "02/09/2004"]]
    (tmp_path / "in").mkdir()
    first = write_workbook(tmp_path / "in" / "DS.xlsx", {"Sheet1": rows})
    other = write_workbook(tmp_path / "in" / "chi-bo-1.xlsx", {"Sheet1": [
        ["DANH SÁCH ĐẢNG VIÊN CHI BỘ 1"], *rows[1:2], [1, "Lê Văn Tới", "01/01/1970", "21003303", "01/01/2000", None]]})
    assert [s.reason for s in read([first, other], tmp_path / "cache").skipped] == ["skip.missing_column"]
    renamed = first.rename(first.with_name("Chi bo 3.xlsx"))
    roster = read([renamed, other], tmp_path / "cache")
    assert not roster.skipped and roster.cached == [str(other)]
    assert roster.members.filter(pl.col("full_name") == "Vũ Thị Lan")["unit"].to_list() == ["Chi bo 3"]
