"""The loader on messy workbooks built in the test: titles, STT, merged and two-row headers, footers, encodings."""

from __future__ import annotations

import hashlib
import unicodedata
from datetime import date, datetime
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import member_rows, month_records, write_workbook
from memberaudit.assemble.pipeline import read_roster
from memberaudit.model.config import Config
from memberaudit.model.errors import InputError
from memberaudit.read.headers import parse_month


def roster_of(*paths, **kw):
    return read_roster([str(p) for p in paths], workers=1, **kw)


def test_header_found_under_titles_with_stt_and_footer_ignored(workbook):
    path = workbook({"Đảng viên": member_rows(
        ["001", "Nguyễn Văn An", "02/01/1980", "Chi bộ 1", "01/02/2010", "01/02/2011"],
        ["002", "Trần Thị Bình", datetime(1985, 3, 4), "Chi bộ 1", 40000, None],
    )})
    roster = roster_of(path)
    members = roster.members.sort("_row")
    assert members.select(roster.id_text()).to_series().to_list() == ["001", "002"]
    assert members["_row"].to_list() == [5, 6]  # Excel rows: 3 title/blank rows, header on row 4
    assert members["birth_date"].to_list() == [date(1980, 1, 2), date(1985, 3, 4)]
    assert members["admission_date"].to_list() == [date(2010, 2, 1), date(2009, 7, 6)]  # serial 40000
    assert roster.sources[0].columns["member_id"] == "B" and roster.sources[0].header_row == 4
    assert roster.issues.height == 0  # neither the total nor the signature line became a member


def test_signature_in_the_key_column_ends_the_table(workbook):
    rows = member_rows(["001", "An", "02/01/1980", "CB1", "01/02/2010", None])
    rows.insert(-2, [None, "Người lập biểu", None, None, None])
    roster = roster_of(workbook({"DSĐV": rows}))
    assert roster.members.select(roster.id_text()).to_series().to_list() == ["001"]


def test_table_kind_from_header_when_sheet_name_is_unknown(workbook):
    roster = roster_of(workbook({"Sheet1": member_rows(["001", "An", "02/01/1980", "CB1", "01/02/2010", None])}))
    assert roster.sources[0].kind == "members"


def test_unrecognised_sheet_is_skipped_with_reason(workbook):
    path = workbook({"Đảng viên": member_rows(["001", "An", "02/01/1980", "CB1", "01/02/2010", None]),
                     "Ghi chú": [["Ghi chú chung"], ["Không có bảng ở đây"]]})
    roster = roster_of(path)
    assert [(s.sheet, s.reason) for s in roster.skipped] == [("Ghi chú", "skip.unknown")]


def test_two_row_merged_month_header_and_year_from_sheet_name(workbook):
    path = workbook({
        "Đảng viên": member_rows(["001", "An", "02/01/1980", "CB1", "01/02/2010", None]),
        "Sinh hoạt 2026": [
            ["SỔ THEO DÕI SINH HOẠT"],
            ["STT", "Số thẻ", "Họ tên", "Tháng", None, None],
            [None, None, None, 1, 2, 3],
            [1, "001", "An", "x", "vắng có phép", "K"],
        ]}, merges={"Sinh hoạt 2026": ["D2:F2", "A2:A3", "B2:B3", "C2:C3"]})
    roster = roster_of(path)
    att = month_records(roster, "attendance")
    assert att["month"].to_list() == [date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)]
    assert att["mark"].to_list() == ["present", "excused", "unexcused"]
    assert att["_row"].to_list() == [4, 4, 4]
    assert roster.sources[1].columns["2026-03"] == "F"


def test_attendance_cells_that_write_the_reason_are_excused_absences(workbook):
    reasons = ["Ốm", "Đi công tác", "Thai sản", "Nằm viện", "nghỉ ốm"]
    path = workbook({
        "Đảng viên": member_rows(["001", "An", "02/01/1980", "CB1", "01/02/2010", None]),
        "Sinh hoạt 2026": [["Số thẻ", "Họ tên", *[f"T{m}" for m in range(1, 7)]], ["001", "An", *reasons, "K"]]})
    roster = roster_of(path)
    assert month_records(roster, "attendance")["mark"].to_list() == ["excused"] * len(reasons) + ["unexcused"]
    assert roster.issues.filter(pl.col("code") == "DAT005").height == 0
    # a board's own mark wins over the built-in list, whichever code it names
    marked = roster_of(path, config=Config(marks={"attendance": {"present": ["ốm", "nghỉ ốm"]}}))
    assert month_records(marked, "attendance")["mark"].to_list() == [
        "present", "excused", "excused", "excused", "present", "unexcused"]


def test_wide_sheet_across_two_years_keeps_each_month_and_reports_unknown_cells(workbook):
    path = workbook({
        "Đảng viên": member_rows(["001", "An", "02/01/1980", "CB1", "01/02/2010", None]),
        "Sinh hoạt": [["Số thẻ", "Họ tên", "T11/2025", "T12/2025", "T1/2026", "T2/2026"],
                      ["001", "An", "K", "đi chơi", "x", "M"]],
        "Đảng phí": [["Số thẻ", "Họ tên", "12/2025", "1/2026", "2/2026"], ["001", "An", -5000, "0", None]],
    })
    roster = roster_of(path)
    assert sorted(roster.attendance["year"].to_list()) == [2025, 2026]
    assert month_records(roster, "attendance").select("month", "mark").rows() == [
        (date(2025, 11, 1), "unexcused"), (date(2026, 1, 1), "present"), (date(2026, 2, 1), "exempt")]
    assert month_records(roster, "dues").select("month", "state").rows() == [
        (date(2026, 1, 1), "unpaid"), (date(2026, 2, 1), "blank")]
    unknown = roster.issues.filter(pl.col("code") == "DAT005").select("field", "value", "_row").rows()
    assert unknown == [("2025-12", "đi chơi", 2), ("2025-12", "-5000", 2)]  # attendance first, then dues


def test_month_cells_with_spaces_and_nfd_text_read_as_their_marks(workbook):
    nfd = unicodedata.normalize("NFD", "vắng không phép")
    path = workbook({
        "Đảng viên": member_rows(["001", "An", "02/01/1980", "CB1", "01/02/2010", None]),
        "Sinh hoạt 2026": [["Số thẻ", "Họ tên", "T1", "T2", "T3", "T4"], ["001", "An", " K ", nfd, "   ",
                                                                           unicodedata.normalize("NFD", " nghỉ ")],
                           [None, None, "  ", None, " ", None]],
        "Đảng phí 2026": [["Số thẻ", "Họ tên", "T1", "T2", "T3"],
                          ["001", "An", unicodedata.normalize("NFD", "50.000 đồng"), "  ", "nợ "]],
    })
    roster = roster_of(path)
    assert month_records(roster, "attendance").select("month", "mark").rows() == [
        (date(2026, 1, 1), "unexcused"), (date(2026, 2, 1), "unexcused")]
    assert month_records(roster, "dues").select("month", "state").rows() == [
        (date(2026, 1, 1), "paid"), (date(2026, 2, 1), "blank"), (date(2026, 3, 1), "unpaid")]
    # the row of blank cells is no row; the one unknown mark is reported as people read it
    assert roster.issues.select("code", "field", "value", "_row").rows() == [("DAT005", "2026-04", "nghỉ", 2)]


def test_year_from_title_rows_when_sheet_name_has_none(workbook):
    path = workbook({
        "Đảng viên": member_rows(["001", "An", "02/01/1980", "CB1", "01/02/2010", None]),
        "Điểm danh": [["SỔ ĐIỂM DANH NĂM 2025"], [], ["Số thẻ", "Họ tên", "T1", "T2"], ["001", "An", "x", "x"]],
    })
    assert month_records(roster_of(path), "attendance")["month"].to_list() == [date(2025, 1, 1), date(2025, 2, 1)]


def test_month_header_without_any_year_is_an_error_naming_the_sheet(workbook):
    path = workbook({"Đảng viên": member_rows(["001", "An", "02/01/1980", "CB1", "01/02/2010", None]),
                     "Điểm danh": [["Số thẻ", "Họ tên", "T1", "T2"], ["001", "An", "x", "x"]]})
    with pytest.raises(InputError) as caught:
        roster_of(path)
    assert caught.value.key == "input.month_without_year" and caught.value.params["sheet"] == "Điểm danh"
    assert month_records(roster_of(path, year=2024), "attendance")["month"].min() == date(2024, 1, 1)


@pytest.mark.parametrize("cell, in_group, expected", [
    ("T1", False, (None, 1)), ("T01", False, (None, 1)), ("Th1", False, (None, 1)), ("Tháng 1", False, (None, 1)),
    ("1/2026", False, (2026, 1)), ("01/2026", False, (2026, 1)), ("T1/2026", False, (2026, 1)),
    ("Tháng 1/2026", False, (2026, 1)), ("Tháng 01 năm 2026", False, (2026, 1)), ("2026-01", False, (2026, 1)),
    ("2026-01-15 00:00:00", False, (2026, 1)), ("1", True, (None, 1)), ("12", True, (None, 12)),
    ("1", False, None), ("13", True, None), ("Họ tên", False, None), ("THÁNG 12", False, (None, 12)),
    # a two-digit year after a named month; never after a bare number ("12/05" may be a day and month)
    ("T1/26", False, (2026, 1)), ("Tháng 12/25", False, (2025, 12)), ("1/26", False, None), ("12/05", False, None),
])
def test_month_header_forms(cell, in_group, expected):
    assert parse_month(cell, in_group=in_group) == expected


def test_real_date_cells_as_month_headers(workbook):
    path = workbook({
        "Đảng viên": member_rows(["001", "An", "02/01/1980", "CB1", "01/02/2010", None]),
        "Đảng phí": [["Số thẻ", "Họ tên", datetime(2026, 1, 1), datetime(2026, 2, 10)], ["001", "An", 50000, None]],
    })
    dues = month_records(roster_of(path), "dues")
    assert dues.select("month", "state").rows() == [(date(2026, 1, 1), "paid"), (date(2026, 2, 1), "blank")]


def test_nfd_text_is_normalised_and_matched(workbook):
    nfd = lambda s: unicodedata.normalize("NFD", s)  # noqa: E731
    rows = [[nfd(c) if isinstance(c, str) else c for c in row] for row in member_rows(
        ["001", "Nguyễn Văn Ấn", "02/01/1980", "Chi bộ Tổ dân phố", "01/02/2010", None])]
    roster = roster_of(workbook({nfd("Đảng viên"): rows}))
    assert roster.members["full_name"].to_list() == ["Nguyễn Văn Ấn"]
    assert roster.members["unit"].to_list() == [unicodedata.normalize("NFC", "Chi bộ Tổ dân phố")]


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258(text: str) -> bytes:
    """Encode as Windows-1258 does: precomposed â ô ơ ư ă, tones as combining marks."""
    out = b""
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in _TONES))
            out += (base + "".join(p for p in parts if p in _TONES)).encode("cp1258")
    return out


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "utf-16", "cp1258"])
def test_csv_encodings_and_kind_from_file_name(tmp_path, encoding):
    text = "Số thẻ,Họ và tên,Ngày sinh,Chi bộ,Ngày vào Đảng\n001,Lê Văn Hải,05/06/1979,Chi bộ 3,03/02/2005\n"
    path = tmp_path / "danh-sach-dang-vien.csv"
    path.write_bytes(cp1258(text) if encoding == "cp1258" else text.encode(encoding))
    roster = roster_of(path)
    assert roster.sources[0].kind == "members"
    assert roster.members.select("full_name", "birth_date").rows() == [("Lê Văn Hải", date(1979, 6, 5))]


def test_formula_errors_saved_as_text_are_empty_cells(tmp_path):
    """A list whose names and branches a VLOOKUP filled, saved as CSV: "#N/A" is the formula finding nothing,
    no member's name; "#REF!" and LibreOffice's "Err:502" no branch (an Excel error cell reads empty too)."""
    text = ("Số thẻ,Họ và tên,Ngày sinh,Chi bộ,Ngày vào Đảng\n"
            "001,#N/A,05/06/1979,Chi bộ 3,03/02/2005\n"
            "002,Lê Văn Hải,05/06/1979, #REF! ,03/02/2005\n"
            "003,Trần Thị Bình,04/03/1985,Err:502,03/02/2005\n"
            "004,#NAME? Hà,04/03/1985,Chi bộ 3,03/02/2005\n")
    path = tmp_path / "danh-sach-dang-vien.csv"
    path.write_text(text, encoding="utf-8")
    roster = roster_of(path)
    members = roster.members.sort("_row")
    assert members.select("full_name", "unit").rows() == [
        (None, "Chi bộ 3"), ("Lê Văn Hải", None), ("Trần Thị Bình", None), ("#NAME? Hà", "Chi bộ 3")]
    missing = roster.issues.filter(pl.col("detail") == "missing").select("field", "_row").sort("_row").rows()
    assert missing == [("full_name", 2), ("unit", 3), ("unit", 4)]


def test_semicolon_csv_and_parquet(tmp_path):
    csv = tmp_path / "xep-loai.csv"
    csv.write_text("Số thẻ;Năm;Xếp loại\n001;2025;HTTNV\n", encoding="utf-8")
    pq = tmp_path / "members.parquet"
    pl.DataFrame({"member_id": ["001"], "full_name": ["An"], "birth_date": [date(1980, 1, 2)], "unit": ["CB1"],
                  "admission_date": [date(2010, 2, 1)]}).write_parquet(pq)
    roster = roster_of(csv, pq)
    assert roster.ratings.select(roster.id_text(), "year", "rating").rows() == [("001", 2025, "HTTNV")]
    assert roster.members.select("birth_date", "_row").rows() == [(date(1980, 1, 2), 2)]


def test_typed_parquet_reads_like_the_same_table_as_text(tmp_path):
    """Parquet keeps dates and month amounts typed; the roster must be the one the same cells as text give."""
    tables = {
        "danh-sach": {"Số thẻ": [1, 2, 3], "Họ và tên": ["An", "Bình", "Chi"],
                      "Ngày sinh": [date(1980, 1, 2), date(1990, 5, 6), None],
                      "Chi bộ": ["CB1", "CB1", "CB2"], "Ngày vào Đảng": [datetime(2010, 2, 1), None, datetime(2020, 3, 4)],
                      "Số tháng gián đoạn": [0, 12, None]},
        "dang-phi": {"Số thẻ": ["1", "2", "3"], "T1/2026": [50000, 0, None], "T2/2026": [-1, 30000, 0],
                     "T3/2026": [None, None, 20000]},
        "sinh-hoat": {"Số thẻ": ["1", "2", "3"], "T1/2026": [1, 0, None], "T2/2026": ["x", "K", "??"]},
    }
    typed, text = tmp_path / "typed", tmp_path / "text"
    for folder in (typed, text):
        folder.mkdir()
    for name, columns in tables.items():
        frame = pl.DataFrame(columns)
        frame.write_parquet(typed / f"{name}.parquet")
        as_text = frame.with_columns(pl.col(pl.Date).dt.strftime("%d/%m/%Y"), pl.col(pl.Datetime).dt.strftime("%d/%m/%Y"))
        as_text.write_csv(text / f"{name}.csv")
    a, b = roster_of(typed), roster_of(text)
    for kind in ("members", "attendance", "dues", "issues"):
        assert getattr(a, kind).equals(getattr(b, kind)), kind
    assert a.ids.equals(b.ids)
    assert month_records(a, "dues").filter(a.id_text() == "3").select("month", "state").rows() == [
        (date(2026, 1, 1), "blank"), (date(2026, 2, 1), "unpaid"), (date(2026, 3, 1), "paid")]
    assert a.issues.filter(pl.col("code") == "DAT005").select("field", "value").rows() == [
        ("2026-02", "-1"), ("2026-02", "??")]  # files in name order: dang-phi, then sinh-hoat


def test_parquet_whose_header_is_a_row_is_read_like_a_sheet(tmp_path):
    """A sheet saved to Parquet without its header: generic column names, titles and header among the rows."""
    path = tmp_path / "danh-sach.parquet"
    pl.DataFrame({"column_1": ["DANH SÁCH ĐẢNG VIÊN", "Số thẻ", "001"], "column_2": [None, "Họ và tên", "An"],
                  "column_3": [None, "Ngày sinh", "02/01/1980"], "column_4": [None, "Chi bộ", "CB1"],
                  "column_5": [None, "Ngày vào Đảng", "01/02/2010"]}).write_parquet(path)
    roster = roster_of(path)
    assert roster.members.select(roster.id_text(), "birth_date", "unit", "_row").rows() == [
        ("001", date(1980, 1, 2), "CB1", 4)]


def test_directory_read_recursively_and_tables_stacked(tmp_path):
    for i in range(3):
        sub = tmp_path / f"cb{i}"
        sub.mkdir()
        write_workbook(sub / "so.xlsx", {"Đảng viên": member_rows(
            [f"00{i}", "An", "02/01/1980", f"CB{i}", "01/02/2010", None])})
    (tmp_path / "ghi-chu.txt").write_text("not data")
    roster = roster_of(tmp_path)
    assert sorted(roster.members.select(roster.id_text()).to_series().to_list()) == ["000", "001", "002"]
    assert len(roster.files) == 3


def test_a_probationary_list_without_card_numbers_is_read_by_lý_lịch_or_name(workbook):
    path = workbook({"Đảng viên": [["Họ và tên", "Ngày sinh", "Chi bộ", "Ngày vào Đảng", "Số lý lịch"],
                                   ["An", "1/1/1990", "CB", "1/6/2026", "012345HN"],
                                   ["Bình", "2/2/1991", "CB", "1/6/2026", None]]})
    roster = roster_of(path)
    assert roster.members.sort("_row").select(roster.id_text(), "identified_by").rows() == [
        ("LL 012345HN", "record_number"), ("binh 02/02/1991", "name_birth_date")]
    assert roster.issues.filter(pl.col("code") == "DAT010")["_row"].to_list() == [2, 3]


def test_a_sheet_with_no_name_or_card_column_is_an_error(workbook):
    path = workbook({"Đảng viên": [["Số thứ tự", "Ngày sinh", "Chi bộ", "Ngày vào Đảng"], ["1", "1/1/1980", "CB", "1/1/2010"]]})
    with pytest.raises(InputError) as caught:
        roster_of(path)
    assert caught.value.key == "input.no_members"
    assert "no 'Số thẻ đảng viên' column (member_id)" in caught.value.render("en")


@pytest.mark.parametrize("content, reason", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "encrypted"),  # OLE container: a password-protected xlsx
    (b"Name,Id\nAn,1\n", "not_excel"),
])
def test_unreadable_workbooks_name_the_file(tmp_path, content, reason):
    path = tmp_path / "bi-hong.xlsx"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        roster_of(path)
    assert caught.value.params["file"] == str(path) and caught.value.params["reason"] == reason


def test_missing_path_and_empty_workbook(tmp_path, workbook):
    with pytest.raises(InputError, match="No such file"):
        roster_of(tmp_path / "khong-co.xlsx")
    with pytest.raises(InputError) as caught:
        roster_of(workbook({"Sheet": []}, name="trong.xlsx"))
    assert caught.value.key == "input.empty"


def test_inputs_are_never_modified(workbook):
    path = workbook({"Đảng viên": member_rows(["001", "An", "31/02/1980", "CB1", "01/02/2010", None])})
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    roster_of(path)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_merged_unit_cells_fill_every_row(workbook):
    rows = member_rows(["001", "An", "02/01/1980", "Chi bộ 5", "01/02/2010", None],
                       ["002", "Bình", "02/01/1981", None, "01/02/2011", None])
    roster = roster_of(workbook({"Đảng viên": rows}, merges={"Đảng viên": ["E5:E6"]}))
    assert roster.members["unit"].to_list() == ["Chi bộ 5", "Chi bộ 5"]


@pytest.mark.parametrize("merged", [False, True])
def test_merged_ranges_are_read_only_where_a_gap_may_be_one(workbook, merged):
    """Reading merged ranges inflates the sheet XML again: a signature line in the key column ("NGƯỜI LẬP
    BIỂU" under the cards) is the table's end, not a gap beside a key; a branch cell empty beside a card is."""
    from unittest import mock

    from memberaudit.read import xlsx

    rows = member_rows(["001", "An", "02/01/1980", "Chi bộ 5", "01/02/2010", None],
                       ["002", "Bình", "02/01/1981", None if merged else "Chi bộ 5", "01/02/2011", None])
    rows.append([None, "NGƯỜI LẬP BIỂU"])
    path = workbook({"Đảng viên": rows}, merges={"Đảng viên": ["E5:E6"] if merged else []})
    with mock.patch.object(xlsx, "merges", wraps=xlsx.merges) as read_merges:
        roster = roster_of(path)
    assert roster.members["unit"].to_list() == ["Chi bộ 5", "Chi bộ 5"]
    assert read_merges.call_count == merged


def test_parallel_loading_gives_the_same_roster_in_input_order(tmp_path):
    for i in (0, 2, 3):
        write_workbook(tmp_path / f"f{i}.xlsx", {"Đảng viên": member_rows(
            [f"00{i}", "An", "02/01/1980", "CB", "01/02/2010", None])})
    # a CSV is read in the main process while the workers read the workbooks: it keeps its place
    (tmp_path / "f1-danh-sach-dang-vien.csv").write_text(
        "Số thẻ,Họ và tên,Ngày sinh,Chi bộ,Ngày vào Đảng\n001,Bình,03/04/1985,CB,01/02/2011\n", encoding="utf-8")
    # and two Parquet exports, read together on threads
    for name, ident in (("f4-danh-sach-dang-vien", "004"), ("f5-danh-sach-dang-vien", "005")):
        pl.DataFrame({"Số thẻ": [ident], "Họ và tên": ["Chi"], "Ngày sinh": [date(1990, 1, 2)], "Chi bộ": ["CB"],
                      "Ngày vào Đảng": [date(2015, 3, 4)]}).write_parquet(tmp_path / f"{name}.parquet")
    one = read_roster([tmp_path], workers=1)
    two = read_roster([tmp_path], workers=2)
    assert [s.file for s in two.sources] == [s.file for s in one.sources]
    assert [Path(s.file).suffix for s in two.sources] == [".xlsx", ".csv", ".xlsx", ".xlsx", ".parquet", ".parquet"]
    assert two.members.select(two.id_text()).to_series().to_list() == ["000", "001", "002", "003", "004", "005"]
    assert one.members.equals(two.members) and one.ids.equals(two.ids)


SOFFICE = __import__("shutil").which("soffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("suffix", ["ods", "xls"])
@pytest.mark.parametrize("example", ["dang-bo-phuong-lang-thuong.xlsx", "so-danh-sach-dang-vien-to-dan-pho-9.xlsx"])
def test_ods_and_xls_read_like_xlsx(tmp_path, suffix, example):
    """Calamine reports no merged ranges of .xls and .ods: the register's card header, merged over its digit
    cells in the .xlsx, spans them all the same (the card was its first digit)."""
    import shutil
    import subprocess

    source = Path(__file__).parents[1] / "examples" / example
    shutil.copy(source, tmp_path / source.name)
    subprocess.run([SOFFICE, "--headless", "--convert-to", suffix, "--outdir", str(tmp_path), str(tmp_path / source.name)],
                   check=True, capture_output=True, timeout=120)
    converted = read_roster([tmp_path / f"{source.stem}.{suffix}"], workers=1)
    original = read_roster([source], workers=1)
    columns = ["member_id", "full_name", "birth_date", "admission_date", "unit", "record_number", "_row"]
    assert converted.members.select(columns).equals(original.members.select(columns))
    assert converted.ids.equals(original.ids)
    assert month_records(converted, "attendance").equals(month_records(original, "attendance"))


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("suffix", ["ods", "xls"])
def test_a_branch_merged_down_its_members_in_xls_and_ods(tmp_path, suffix):
    import subprocess

    rows = member_rows(["001", "An", "02/01/1980", "Chi bộ 1", "01/02/2010", None],
                       ["002", "Bình", "02/01/1981", None, "01/02/2011", None],
                       ["003", "Cường", "02/01/1982", "Chi bộ 2", "01/02/2012", None],
                       ["004", "Dung", "02/01/1983", None, "01/02/2013", None])
    source = write_workbook(tmp_path / "ds.xlsx", {"Đảng viên": rows}, {"Đảng viên": ["E5:E6", "E7:E8"]})
    subprocess.run([SOFFICE, "--headless", "--convert-to", suffix, "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=120)
    members = read_roster([tmp_path / f"ds.{suffix}"], workers=1).members
    assert members["unit"].to_list() == ["Chi bộ 1", "Chi bộ 1", "Chi bộ 2", "Chi bộ 2"]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")
def test_xls_with_a_card_header_over_digit_cells_and_a_branch_merged_down(tmp_path):
    import subprocess

    rows = [["DANH SÁCH ĐẢNG VIÊN"], ["STT", "Chi bộ", "Họ và tên", "Ngày sinh", "Số thẻ", None, None, "Ngày vào Đảng"],
            [1, "Chi bộ 1", "An", "02/01/1980", "1", "0", "1", "01/02/2010"],
            [2, None, "Bình", "03/01/1981", "1", "0", "2", "01/02/2011"]]
    source = write_workbook(tmp_path / "ds.xlsx", {"Đảng viên": rows}, {"Đảng viên": ["E2:G2", "B3:B4"]})
    subprocess.run([SOFFICE, "--headless", "--convert-to", "xls", "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=120)
    members = (roster := read_roster([tmp_path / "ds.xls"], workers=1)).members
    assert members.select(roster.id_text(), "unit").rows() == [
        ("101", "Chi bộ 1"), ("102", "Chi bộ 1")]


def test_dates_under_no_header_are_no_part_of_the_column_left_of_them(workbook):
    """A column of dates whose header was forgotten, right of "Ngày vào Đảng": its own column under no header
    (inspect says so), never joined to the admission date as a card's digits are."""
    rows = [["Số thẻ", "Họ và tên", "Ngày vào Đảng", None, "Chi bộ", "Ngày sinh"],
            ["001", "An", "01/02/2010", "01/02/2011", "Chi bộ 1", "02/01/1980"]]
    roster = roster_of(workbook({"Đảng viên": rows}))
    assert roster.members["admission_date"].to_list() == [date(2010, 2, 1)]
    assert roster.sources[0].unlabeled == ["D"]


def test_a_header_typed_once_over_blank_header_cells_spans_the_data_under_them(tmp_path):
    """The register's card header written in its first cell, the seven cells right of it left blank, not
    merged (and the numbering row's 8 in the first only): the digits under them are the card, as merged."""
    import openpyxl

    from memberaudit.demo.registers import write_register

    merged = write_register(tmp_path / "merged.xlsx")
    wb = openpyxl.load_workbook(merged)
    for ws in wb.worksheets:
        for ref in [str(r) for r in ws.merged_cells.ranges]:
            ws.unmerge_cells(ref)
    wb.save(tmp_path / "typed-once.xlsx")
    columns = ["member_id", "full_name", "birth_date", "record_number", "_row"]
    roster = read_roster([tmp_path / "typed-once.xlsx"], workers=1)
    typed = roster.members.with_columns(roster.id_text()).select(columns)
    other = read_roster([merged], workers=1)
    assert typed.equals(other.members.with_columns(other.id_text()).select(columns))
    assert typed.get_column("member_id").to_list()[0] == "21000101"


@pytest.mark.parametrize("title, kind", [("SỔ THU ĐẢNG PHÍ NĂM 2026", "dues"),
                                         ("SỔ THEO DÕI SINH HOẠT CHI BỘ NĂM 2026", "attendance")])
def test_unnamed_month_sheet_kind_from_title(workbook, title, kind):
    path = workbook({"Đảng viên": member_rows(["001", "An", "02/01/1980", "CB1", "01/02/2010", None]),
                     "Sheet2": [[title], [], ["Số thẻ", "Họ tên", "T1", "T2"], ["001", "An", "x", "x"]]})
    assert [s.kind for s in roster_of(path).sources] == ["members", kind]


def test_unnamed_month_sheet_without_title_is_skipped_as_ambiguous(workbook):
    path = workbook({"Đảng viên": member_rows(["001", "An", "02/01/1980", "CB1", "01/02/2010", None]),
                     "Sheet2": [["Năm 2026"], ["Số thẻ", "Họ tên", "T1", "T2"], ["001", "An", "x", "x"]]})
    skipped = roster_of(path).skipped
    assert [(s.sheet, s.reason) for s in skipped] == [("Sheet2", "skip.ambiguous")]
    # the reason names the two kinds the header fits
    assert {skipped[0].params["kind"], skipped[0].params["other"]} == {"attendance", "dues"}
    assert "attendance" in skipped[0].says("en") and "dues" in skipped[0].says("en")


@pytest.mark.parametrize("text, value", [("50000", 50000), ("50.000", 50000), ("50,000", 50000), ("50.000 đ", 50000),
                                         ("30 000 VNĐ", 30000), ("2.000.000đ", 2000000), ("1,5", 1.5), ("0", 0),
                                         ("x", None), ("nợ", None)])
def test_amounts_as_typed(text, value):
    from memberaudit.normalize.values import number

    assert pl.DataFrame({"a": [text]}).select(number("a")).item() == value


def test_parallel_reading_reports_an_unreadable_workbook(tmp_path):
    for i in range(4):
        write_workbook(tmp_path / f"f{i}.xlsx", {"Đảng viên": member_rows(
            [f"00{i}", "An", "02/01/1980", "CB", "01/02/2010", None])})
    (tmp_path / "f1.xlsx").write_bytes(b"not a workbook")  # read by the worker, from the front of the queue
    roster = read_roster([tmp_path], workers=2)  # the others are read; the unreadable one is left out, said
    assert [s.file for s in roster.skipped if s.whole_file] == [str(tmp_path / "f1.xlsx")]
    assert roster.skipped[-1].params["key"] == "input.unreadable" and "f1.xlsx" in roster.skipped[-1].line("en")
    assert sorted(roster.files) == [str(tmp_path / f"f{i}.xlsx") for i in (0, 2, 3)]


def test_files_read_on_threads_report_the_first_bad_file_in_input_order(tmp_path, monkeypatch):
    """Two bad CSV files read on two threads: the error names the first in input order even when the
    second fails first (here it always does: the first waits until the second has failed)."""
    import threading

    from memberaudit.assemble import pipeline

    for name in ("a-danh-sach-dang-vien.csv", "b-danh-sach-dang-vien.csv"):
        (tmp_path / name).write_text("", encoding="utf-8")  # empty: an InputError
    second_failed = threading.Event()
    real = pipeline.read_file

    def ordered(job):
        if job[0].endswith("a-danh-sach-dang-vien.csv"):
            assert second_failed.wait(timeout=60)
            return real(job)
        try:
            return real(job)
        finally:
            second_failed.set()

    monkeypatch.setattr(pipeline, "read_file", ordered)
    with pytest.raises(InputError) as raised:
        read_roster([tmp_path], workers=1)
    assert raised.value.params["file"].endswith("a-danh-sach-dang-vien.csv")


def test_ids_that_lost_leading_zeros_take_the_one_member_they_differ_from_only_in_zeros():
    """An id no member holds takes the code of the one member whose card differs from it only in leading
    zeros; with two such members, or none, it is no member's (null: `_code_ids` gives it a code of its own)."""
    from memberaudit.assemble import combine

    member_ids = pl.Series("member_id", ["01", "2", "003", "3", None, "x1"])
    codes = combine.first_row_codes(member_ids)
    ids = pl.Series("member_id", ["1", "0002", "03", "9", None, "01", "x01"])
    got = combine.aligned_codes(ids, member_ids, codes)
    assert member_ids.gather(got).to_list() == ["01", "2", None, None, None, "01", None]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["001", "002", "003", None]), max_size=12),
       st.lists(st.sampled_from(["001", "002", "004", None]), max_size=12), st.booleans())
def test_ids_take_the_code_of_the_first_member_row_holding_them(members, records, one_hash):
    """A member id's code is the first members row holding it; another table's ids take that code (where
    the same id sits at the same position, and found by a join on hashes elsewhere), null where no member
    holds the id. With every id of one hash (`one_hash`), two member ids collide, or a stranger has a
    member's hash, and the codes are the same."""
    from unittest import mock

    from memberaudit.assemble import combine

    def collide(values, seed):
        return pl.repeat(7, len(values), dtype=pl.UInt64, eager=True) if seed == 0 else values.hash(seed=seed)

    member_ids = pl.Series("member_id", members, dtype=pl.String)
    ids = pl.Series("member_id", records, dtype=pl.String)
    with mock.patch.object(combine, "_key_hash", collide if one_hash else combine._key_hash):
        codes = combine.first_row_codes(member_ids)
        got = combine.aligned_codes(ids, member_ids, codes)
    assert codes.dtype == got.dtype == pl.UInt32
    assert codes.to_list() == [None if m is None else members.index(m) for m in members]
    assert got.to_list() == [members.index(r) if r is not None and r in members else None for r in records]


def test_ids_no_member_holds_take_one_code_per_text_across_tables(tmp_path):
    """Ids of records no member holds get codes after the members', one per text whichever table holds it,
    and their text back through `Roster.ids`."""
    write_workbook(tmp_path / "ds.xlsx", {
        "Đảng viên": member_rows(["001", "An", "02/01/1980", "CB1", "01/02/2010", None],
                                 ["002", "Bình", "02/01/1981", "CB1", "01/02/2011", None]),
        "Sinh hoạt 2026": [["Số thẻ", "T1", "T2"], ["009", "x", "x"], ["002", "x", "K"], ["001", "x", "x"]],
        "Xếp loại": [["Số thẻ", "Năm", "Xếp loại"], ["008", 2025, "HTNV"], ["009", 2025, "HTNV"]]})
    roster = read_roster([tmp_path], workers=1)
    attendance = roster.attendance.sort("_row").get_column("member_id").to_list()
    ratings = roster.ratings.sort("_row").get_column("member_id").to_list()
    assert attendance[1:] == [1, 0] and attendance[0] == ratings[1] >= 2 and 2 <= ratings[0] != ratings[1]
    assert roster.ratings.sort("_row").select(roster.id_text()).to_series().to_list() == ["008", "009"]
    assert roster.id_codes(pl.Series(["002", "009", "nobody"])).to_list() == [1, attendance[0], None]


def test_stacked_members_hold_their_unit_as_codes_too(tmp_path):
    """`_unit` (what rules group and count by) is the members' `unit` as a Categorical, row for row, across
    files."""
    for i, unit in enumerate(["Chi bộ 1", None, "Chi bộ 2"]):
        write_workbook(tmp_path / f"f{i}.xlsx", {"Đảng viên": member_rows(
            [f"00{i}", "An", "02/01/1980", unit, "01/02/2010", None],
            [f"01{i}", "Bình", "02/01/1981", "Chi bộ 1", "01/02/2011", None])})
    members = read_roster([tmp_path], workers=1).members
    assert isinstance(members.schema["_unit"], pl.Categorical)
    assert members["_unit"].cast(pl.String).to_list() == members["unit"].to_list()
    assert members["unit"].to_list() == ["Chi bộ 1", "Chi bộ 1", None, "Chi bộ 1", "Chi bộ 2", "Chi bộ 1"]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(["x", "P", "K", "cp", " ", "vkp", None]), max_size=20), st.booleans(),
       st.sampled_from([0, 8]), st.booleans())
def test_month_cells_numbered_by_hash_equal_a_lookup_by_value(cells, clash, few, typed):
    """`numbered` gives each month cell its value's number (an empty cell the key None's): texts compared
    by their hashes, or by themselves when two hashes clash (forced here); a handful of keys compared one
    by one or more looked up (`few`); typed (numeric) cells alike."""
    from memberaudit.normalize import masks

    if typed:
        cells = [None if c is None else len(c) for c in cells]
    keys = [*sorted({c for c in cells if c is not None}), None]
    numbers = [2 ** i for i in range(len(keys))]
    frame = pl.DataFrame({"m": cells}, schema={"m": pl.Int64 if typed else pl.String})
    with pytest.MonkeyPatch.context() as patch:
        if clash and len(keys) > 1:  # every key's hash the same
            patch.setattr(pl.Series, "hash", lambda self, *a, **k: pl.Series([7] * len(self), dtype=pl.UInt64))
        got = masks.numbered(frame, {"m": (keys, numbers)}, few=few)["m"].to_list()
    assert got == [numbers[keys.index(c)] for c in cells]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(*[st.sampled_from(["x", " x", "x ", "", "Nguyễn", "Nguye\u0302\u0303n", "a  b", "a\tb", None]),
                            st.sampled_from(["P", "K ", "", None, "\u00a0K"])]), max_size=25))
def test_cleaning_scans_distinct_texts_or_every_cell_alike(rows):
    """Whether `_clean` scans a column's distinct texts (few values) or every cell changes only its speed."""
    from memberaudit.read import tables as load

    frame = pl.DataFrame(rows, schema={"name": pl.String, "mark": pl.String}, orient="row")
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(load, "_few_values", lambda frame, columns: set(columns))
        distinct = load._clean(frame, ["name"])
    cells = load._clean(frame, ["name"])  # small frames: every cell
    assert distinct.equals(cells)
    assert cells["name"].to_list() == [None if not r[0] or not r[0].strip() else
                                       " ".join(unicodedata.normalize("NFC", r[0]).split()) for r in rows]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(["02/01/1980", " 02/01/1980 ", "31/02/1980", "5/3/85", "1980-01-02 00:00:00",
                                 "1962", "03/1990", "29000", "1.2.1980", "hôm qua", "01/01/0085",
                                 "ngày 2 tháng 1 năm 1980", "Ngày 02/01/1980", "02 / 01 / 1980", "02/01/1980.",
                                 "T1/1980", "19800102", "02011980", None]),
                min_size=1, max_size=15), st.booleans())
def test_date_columns_parse_like_each_cell_through_the_cascade(cells, allow_partial):
    """`parse_dates` (usual form directly, the rest through the cascade once per distinct text) gives each
    cell what `parse_date` gives it: date, partial flag, problem, raw text."""
    from memberaudit.normalize.values import parse_date, parse_dates

    frame = pl.DataFrame({"d": cells}, schema={"d": pl.String})
    columns = ["d", "d__partial", "d__problem", "d__raw"]
    got = parse_dates(frame, "d", allow_partial=allow_partial).select(columns)
    each = parse_date(frame, "d", allow_partial=allow_partial).select(columns)
    assert got.with_columns(pl.col("d__partial").fill_null(False)).equals(
        each.with_columns(pl.col("d__partial").fill_null(False)))


@pytest.mark.parametrize("cell", ["02/01/1980", "ngày 2 tháng 1 năm 1980", "2 THÁNG 1 NĂM 1980", "Ngày 02/01/1980",
                                  "02 / 01 / 1980", "02/01/1980 (KN)", "Số 123-QĐ/ĐU ngày 02/01/1980",
                                  "QĐ số 12 ngày 2 tháng 1 năm 1980", "15-QĐ/ĐU, ngày 2/1/1980 của Đảng ủy"])
def test_dates_written_out_or_spaced_are_the_date(cell):
    from memberaudit.normalize.values import parse_dates

    got = parse_dates(pl.DataFrame({"d": [cell]}), "d", allow_partial=False)
    assert got.select("d", "d__problem").rows() == [(date(1980, 1, 2), None)]


@pytest.mark.parametrize("cell, expected, partial", [
    ("02/01/1980.", date(1980, 1, 2), False), ("02/01/1980,", date(1980, 1, 2), False),
    ("19800102", date(1980, 1, 2), False), ("02011980", date(1980, 1, 2), False),
    ("T1/1980", date(1980, 1, 1), True), ("Tháng 1/1980", date(1980, 1, 1), True),
    ("tháng 1 năm 1980", date(1980, 1, 1), True)])
def test_dates_as_boards_also_type_them(cell, expected, partial):
    """A full stop typed after the date, the database's yyyymmdd or a day typed without separators, a month
    named ("T1/1980", "Tháng 1 năm 1980"): each was an unreadable date (DAT002), its member's admission or
    official date unknown to every rule."""
    from memberaudit.normalize.values import parse_dates

    got = parse_dates(pl.DataFrame({"d": [cell]}), "d", allow_partial=True)
    assert got.select("d", "d__partial", "d__problem").rows() == [(expected, partial, None)]


@pytest.mark.parametrize("cell, expected, partial, problem", [
    ("5 / 6 / 1979", date(1979, 6, 5), False, None), ("05-Jun-1979", date(1979, 6, 5), False, None),
    ("5 June 1979", date(1979, 6, 5), False, None), ("14/08/2015 - QĐ 123", date(2015, 8, 14), False, None),
    ("05/06/1979 đến nay", date(1979, 6, 5), False, None), ("00/00/1979", date(1979, 1, 1), True, None),
    ("00/6/1979", date(1979, 6, 1), True, None), ("15/6/2015 - 15/6/2016", None, False, "unreadable"),
    ("15/6/2015; tái kết nạp 2001", None, False, "unreadable"), ("'02/01/1980", date(1980, 1, 2), False, None),
    ("02-01-1980 12:00 SA", date(1980, 1, 2), False, None), ("Năm 1980", date(1980, 1, 1), True, None)])
def test_dates_spaced_named_noted_or_zeroed(cell, expected, partial, problem):
    """A one-digit month between spaced separators, a month named in English (a date cell Excel saved as CSV),
    a note after the date, a day or month not known written as zeros, Excel's text mark pasted before it, a
    time in Vietnamese Windows' AM (SA), a year written "Năm 1980": each was unreadable or an impossible date
    (DAT002); two dates in one cell stay unreadable, never the first taken."""
    from memberaudit.normalize.values import parse_dates

    got = parse_dates(pl.DataFrame({"d": [cell]}), "d", allow_partial=True)
    assert got.select("d", "d__partial", "d__problem").rows() == [(expected, partial, problem)]


def test_a_zeroed_day_is_a_partial_date_where_one_is_not_allowed():
    from memberaudit.normalize.values import parse_dates

    got = parse_dates(pl.DataFrame({"d": ["00/00/1979"]}), "d", allow_partial=False)
    assert got.select("d", "d__problem").rows() == [(None, "partial_not_allowed")]


@pytest.mark.parametrize("cell", ["21000102", "01234567", "20201399", "12345678"])
def test_eight_digits_that_are_no_date_stay_unreadable(cell):
    from memberaudit.normalize.values import parse_dates

    got = parse_dates(pl.DataFrame({"d": [cell]}), "d", allow_partial=True)
    assert got.select("d", "d__problem").rows() == [(None, "unreadable")]


@pytest.mark.parametrize("cell, expected", [("30,000.00", 30000.0), ("30.000,00", 30000.0), ("1.234.567,5", 1234567.5),
                                            ("1,234,567.89", 1234567.89), ("81.900", 81900.0), ("0,5", 0.5),
                                            ("30,000,00", None), ("30.000.00", None), ("30.000,-", 30000.0),
                                            ("30.000đ/tháng", 30000.0), ("30.000 đ.", 30000.0), ("-", None)])
def test_amounts_with_thousands_and_decimals_as_accounting_software_writes_them(cell, expected):
    """An amount pasted from accounting software ("30,000.00", "30.000,00") or written as a receipt writes it
    ("30.000,-", "30.000đ/tháng") was no number (a dues month unknown); a mark used twice is no number either
    way, nor a dash alone."""
    from memberaudit.normalize.values import number

    assert pl.DataFrame({"a": [cell]}).select(number("a")).item() == expected


def test_values_computed_once_per_distinct_text_come_back_the_same_by_lookup_or_by_join(monkeypatch):
    """on_distinct maps few distinct texts back by replace_strict and many (a national export's names) by a
    join: both give every row its own value, nulls kept, in row order."""
    import polars as pl

    from memberaudit.normalize import values
    from memberaudit.normalize.build import name_key

    frame = pl.DataFrame({"n": ["Hòa", None, "HOA", "Thủy "] * 50 + [f"Tên {i}" for i in range(300)]})
    results = []
    for threshold in (10**9, 10):
        monkeypatch.setattr(values, "_JOIN_FROM", threshold)
        results.append(values.on_distinct(frame, "n", key=name_key(pl.col("n"))))
    # many texts sharing a hash (and the hash of no text): still each row its own text's value
    monkeypatch.setattr(values, "_text_hash", lambda s: s.str.len_bytes().fill_null(3).cast(pl.UInt64) % 4)
    monkeypatch.setattr(values, "_JOIN_FROM", 2)
    results.append(values.on_distinct(frame, "n", key=name_key(pl.col("n"))))
    assert results[0].equals(results[1]) and results[0].equals(results[2])
    assert results[1]["key"].to_list()[:4] == ["hoa", None, "hoa", "thuy"]
    assert results[1]["key"][-1] == "ten 299"


def test_workbooks_normalised_at_once_give_the_roster_of_each_normalised_alone(demo_dir):
    """The pipeline normalises every workbook it read at once (`_normalized`): the stacked Roster is the one
    normalising each workbook by itself and stacking them gives, issues and sources included."""
    from memberaudit.assemble.combine import combine
    from memberaudit.assemble.pipeline import read_roster
    from memberaudit.model.roster import COLUMNS
    from memberaudit.normalize.build import normalize
    from memberaudit.read.tables import load_file

    files = sorted(str(p) for p in demo_dir.iterdir() if p.suffix == ".xlsx")
    assert len(files) >= 4
    alone = combine([normalize(load_file(f)) for f in files])
    together = read_roster(files, workers=1)
    assert together.issues.height and together.attendance.height
    for kind in COLUMNS:
        assert getattr(together, kind).equals(getattr(alone, kind)), kind
    assert together.ids.equals(alone.ids)
    assert together.sources == alone.sources and together.skipped == alone.skipped
