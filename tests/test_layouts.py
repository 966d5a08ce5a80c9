"""The layouts boards really keep (issue 14), each built here from a description with invented people and
read field by field, with the provenance every value keeps (file, sheet, Excel row, column)."""

from __future__ import annotations

import json
from datetime import date

import polars as pl
import pytest
from typer.testing import CliRunner

from conftest import member_rows, month_records, write_workbook
from memberaudit.assemble.pipeline import read_roster
from memberaudit.checks.engine import audit
from memberaudit.cli import app
from memberaudit.demo.registers import (
    DATABASE_MEMBERS,
    DATABASE_UNIT,
    REGISTER_HEADER,
    REGISTER_MEMBERS,
    REGISTER_UNIT,
    write_database_file,
    write_register,
)
from memberaudit.model.config import Config
from memberaudit.read.tables import load_file

runner = CliRunner()


def read(path, **config):
    return read_roster([path], workers=1, config=Config(**config))


def by_name(frame, *columns):
    return {row[0]: row[1:] for row in frame.sort("_row").select("full_name", *columns).rows()}


# --- the official register, Mẫu 7-HSĐV -----------------------------------------------------------------------


@pytest.fixture
def register(tmp_path):
    return write_register(tmp_path / "so-danh-sach.xlsx")


def test_register_multi_line_cells_give_each_fact_its_field(register):
    members = read(register).members
    assert members.height == len(REGISTER_MEMBERS)
    facts = by_name(members, "birth_date", "gender", "ethnicity", "religion", "admission_date", "official_date",
                    "occupation")
    for name, birth, sex, ethnic, religion, _, _, occupation, admitted, official, *_ in REGISTER_MEMBERS:
        assert facts[name] == (birth, "male" if sex == "Nam" else "female", ethnic, religion, admitted, official,
                               occupation.split("\n")[1])


def test_register_digit_cells_and_numbering_row(register):
    roster = read(register)
    members = roster.members.sort("_row")
    cards = [m[10] for m in REGISTER_MEMBERS if m[10]]
    assert [i for i in members.select(roster.id_text()).to_series().to_list() if not i.startswith("LL")] == cards
    assert members["record_number"].to_list() == [m[11] for m in REGISTER_MEMBERS]
    # the numbering row (row 5: 1 … 14) is neither a member nor months; data start on row 6
    assert members["_row"].to_list()[0] == 6
    source = roster.sources[0]
    assert source.numbering_row == 5 and source.columns["member_id"] == "H:O" and source.columns["birth_date"] == "B"


def test_register_exits_written_as_dates_and_the_branch_from_the_title(register):
    members = read(register).members
    status = by_name(members, "status", "transferred_out_on", "died_on", "unit")
    assert status["Kiều Thị Ngân"] == ("transferred", date(2026, 8, 20), None, REGISTER_UNIT)
    assert status["Lương Văn Phú"] == ("deceased", None, date(2026, 5, 2), REGISTER_UNIT)
    assert status["Châu Ngọc Hân"][0] == "probationary"
    assert set(members["parent_unit"].to_list()) == {"ĐẢNG BỘ PHƯỜNG LÁNG THƯỢNG"}


def test_register_member_without_card_is_identified_by_lý_lịch_with_its_cell(register):
    roster = read(register)
    result = audit(roster, as_of=date(2026, 11, 30), config=Config(), select_codes=["DAT010"], lang="vi")
    (finding,) = result.findings.iter_rows(named=True)
    assert (finding["member_id"], finding["full_name"], finding["sheet"], finding["row"], finding["column"]) == (
        "LL 31000106", "Châu Ngọc Hân", "So DSDV", 11, "H:O")
    assert "số lý lịch" in finding["message"]


def test_register_hidden_working_copy_is_skipped_unless_asked(register):
    assert [(s.sheet, s.reason) for s in read(register).skipped] == [("Ban sao", "skip.hidden")]
    assert read(register, include_hidden=True).members.height == 2 * len(REGISTER_MEMBERS)


def _register_as_printed_book(path, merged: bool):
    """The same register written as the printed book: each member on four small rows, one fact a row (the
    name over the birth name over the birth date, the card's digits over the lý lịch's), the number on the
    first row only or merged down the four, the hometown and note merged down them; the 2017 spellings."""
    header = [h.replace("hình thức ra khỏi Đảng", "hình thức ra Đảng").replace("ở đảng bộ cơ sở", "đảng bộ cơ sở")
              .replace("lý lịch đảng viên", "lý lịch đảng viên, số Huy hiệu Đảng") if h else h
              for h in REGISTER_HEADER]
    rows = [["ĐẢNG BỘ PHƯỜNG LÁNG THƯỢNG"], [REGISTER_UNIT], ["SỔ DANH SÁCH ĐẢNG VIÊN"], header,
            [*range(1, 9), *[None] * 7, *range(9, 15)]]
    merges = ["H4:O4", "H5:O5"]

    def d(day):
        return day.strftime("%d/%m/%Y") if day else None

    for i, m in enumerate(REGISTER_MEMBERS, 1):
        name, birth, sex, ethnic, religion, home, education, occupation, admitted, official, card, record, moved, \
            died, note = m
        lines = [education.split("\n")[k] if k < len(education.split("\n")) else None for k in range(3)]
        before, now = occupation.split("\n")
        r = len(rows) + 1
        rows.append([i, name, sex, home, lines[0], before, d(admitted), *[card[k] if k < len(card) else None
                                                                          for k in range(8)],
                     "Hưu trí" if now == "Hưu trí" else None, d(moved[0]) if moved else None, None,
                     d(died[0]) if died else None, None, note or None])
        rows.append([None, name, ethnic, None, lines[1], now, d(official), *record,  # lý lịch numbers have 8 digits here
                     None, moved[1] if moved else None, None, died[1] if died else None])
        rows.append([None, d(birth), religion, None, lines[2]])
        rows.append([None])
        merges += [f"D{r}:D{r + 3}", f"U{r}:U{r + 3}"] + ([f"A{r}:A{r + 3}"] if merged else [])
    rows += [[None, f"Tổng số: {len(REGISTER_MEMBERS)} đảng viên"], [None, None, None, None, "T/M CHI ỦY"]]
    return write_workbook(path, {"So DSDV": rows}, {"So DSDV": merges})


@pytest.mark.parametrize("merged", [True, False], ids=["number merged down", "number on the first row"])
def test_register_written_as_the_printed_book_a_member_over_four_rows(tmp_path, register, merged):
    roster = read(_register_as_printed_book(tmp_path / "so-in.xlsx", merged))
    book = roster.members.sort("_row")
    # "Ngày chuyển đến, đảng bộ cơ sở nào đến": where from, never the member's own committee
    assert roster.sources[0].columns["transferred_in_from"] == "R" and "parent_unit" not in roster.sources[0].columns
    one_row = read(register).members.sort("_row")
    facts = [c for c in one_row.columns if c not in ("_src", "_row", "religion") and not c.startswith("_")]
    assert book.height == len(REGISTER_MEMBERS)
    # every fact as the register with one member a row reads it, from the member's first row
    assert book.select(facts).to_dicts() == one_row.select(facts).to_dicts()
    assert book["religion"].to_list() == [m[4] for m in REGISTER_MEMBERS]
    assert book["_row"].to_list() == [6 + 4 * i for i in range(len(REGISTER_MEMBERS))]


def test_a_signature_line_after_the_printed_books_last_member_is_not_one_of_its_lines(tmp_path, register):
    """The last member written on one row, the signature right under it in the sex / ethnicity / religion
    column: the table ends there; the signature is no ethnicity of that member."""
    path = _register_as_printed_book(tmp_path / "so-in.xlsx", merged=False)
    import openpyxl

    wb = openpyxl.load_workbook(path)
    ws = wb.active
    last = 6 + 4 * (len(REGISTER_MEMBERS) - 1)
    for ref in [str(m) for m in ws.merged_cells.ranges if m.min_row == last]:
        ws.unmerge_cells(ref)
    for r in range(last + 1, ws.max_row + 1):  # the last member on one row, then the signature
        for cell in ws[r]:
            cell.value = None
    ws.cell(last + 1, 3, "T/M CHI ỦY")
    ws.cell(last + 2, 3, "BÍ THƯ")
    wb.save(path)
    members = read(path).members.sort("_row")
    assert members.height == len(REGISTER_MEMBERS)
    assert members["ethnicity"].to_list()[-1] is None
    assert members["gender"].to_list()[-1] == ("male" if REGISTER_MEMBERS[-1][2] == "Nam" else "female")


# --- the party database's import/export file ----------------------------------------------------------------


@pytest.fixture
def database(tmp_path):
    return write_database_file(tmp_path / "file-nhap-lieu.xlsx")


def test_database_file_two_row_header_decorated_headers_and_text_ids(database):
    roster = read(database)
    members = roster.members.sort("_row")
    assert members.select(roster.id_text()).to_series().to_list() == [m[5] for m in DATABASE_MEMBERS]  # not the UUID
    assert members["national_id"].to_list() == [m[4] for m in DATABASE_MEMBERS]  # leading zeros kept
    assert members["birth_date"].to_list() == [m[1] for m in DATABASE_MEMBERS]
    assert set(members["unit"].to_list()) == {DATABASE_UNIT}
    assert members["_row"].to_list()[0] == 5  # the sub-row (Quốc gia | Tỉnh | Chi tiết) is header, not data
    source = roster.sources[0]
    assert source.header_rows == 2 and source.columns["member_id"] == "J" and source.columns["official_date"] == "M"
    assert "ID (UUID)" in source.unused.values()


def test_database_file_one_date_column_means_what_the_status_says(database):
    status = by_name(read(database).members, "status", "died_on", "exempt_from")
    assert status["Ứng Thị Hằng"] == ("deceased", date(2026, 6, 12), None)
    assert status["Khổng Minh Đạt"] == ("exempt", None, date(2026, 1, 15))
    assert status["Âu Văn Thịnh"] == ("official", None, None)


# --- ward forms ------------------------------------------------------------------------------------------------


def test_ward_form_birth_date_under_nam_or_nu_and_status_codes_with_dates(tmp_path):
    path = write_workbook(tmp_path / "phuong.xlsx", {"DSTTHC": [
        ["ĐẢNG BỘ PHƯỜNG LÁNG THƯỢNG"], ["DANH SÁCH ĐẢNG VIÊN"],
        ["STT", "HỌ TÊN KHAI SINH", "HỌ TÊN ĐANG DÙNG", "NGÀY, THÁNG, NĂM SINH", None, "SỐ THẺ ĐẢNG",
         "NGÀY QUYẾT ĐỊNH KẾT NẠP", "TUỔI ĐẢNG", "TÌNH TRẠNG QUẢN LÝ", "thuộc chi bộ"],
        [None, None, None, "NAM", "NỮ", None, None, None, None, None],
        [1, "Nguyễn Thị Thủy", "Nguyễn Thị Thuỷ", None, "03/03/1966", "12345601", "02/09/1990", 36, "ĐSH", "Chi bộ 5"],
        [2, "Bùi Văn Tám", None, "08/08/1948", None, "12345602", "19/05/1968", 58, "TT (02/02/2026)", "Chi bộ 5"],
        [3, "Lý Văn Sáu", None, "06/06/1980", None, "12345603", "01/07/2005", 21, "CĐi", "Chi bộ 5"],
        [4, "Hà Thị Bảy", None, None, "07/07/1977", "12345604", "01/01/2000", 26, "MSH", "Chi bộ 5"],
    ]}, {"DSTTHC": ["D3:E3", *[f"{c}3:{c}4" for c in "ABCFGHIJ"]]})
    roster = read(path)
    members = roster.members.sort("_row")
    assert members.select(roster.id_text(), "full_name", "birth_date", "gender", "status", "died_on").rows() == [
        ("12345601", "Nguyễn Thị Thuỷ", date(1966, 3, 3), "female", "probationary", None),
        ("12345602", "Bùi Văn Tám", date(1948, 8, 8), "male", "deceased", date(2026, 2, 2)),
        ("12345603", "Lý Văn Sáu", date(1980, 6, 6), "male", "transferred", None),
        ("12345604", "Hà Thị Bảy", date(1977, 7, 7), "female", "exempt", None),
    ]
    assert roster.sources[0].columns["birth_date_female"] == "E" and roster.sources[0].header_rows == 2
    assert roster.sources[0].unused == {"A": "STT", "H": "TUỔI ĐẢNG"}


@pytest.mark.parametrize("written, status", [
    ("ĐVCT", "official"), ("ĐV chính thức", "official"), ("ĐVDB", "probationary"), ("ĐV dự bị", "probationary"),
    ("Miễn SH", "exempt"), ("Miễn sinh hoạt (tuổi cao, sức yếu)", "exempt"), ("Đã chuyển sinh hoạt", "transferred"),
    ("Đã chuyển đi (tháng 5/2026)", "transferred")])
def test_statuses_as_lists_write_them_and_a_reason_after_one(tmp_path, written, status):
    """Abbreviations lists use for the membership ("ĐVCT", "ĐVDB") and a reason in parentheses after a status
    (were unknown values, DAT005: an exempt member counted as missing meetings, a member gone as current)."""
    path = write_workbook(tmp_path / "ds.xlsx", {"DS": [
        ["CHI BỘ 3"], ["Số thẻ", "Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Ngày chính thức", "Tình trạng"],
        ["09000001", "Ông Văn Một", "02/01/1970", "03/02/2000", "03/02/2001", written]]})
    roster = read(path)
    assert roster.members["status"].to_list() == [status]
    assert roster.issues.filter(pl.col("code") == "DAT005").height == 0


@pytest.mark.parametrize("column, written", [("Tình trạng", "Chuyển sinh hoạt tạm thời"),
                                             ("Tình trạng", "Chuyển SH tạm thời (từ 01/3/2026)"),
                                             ("Ghi chú", "Đi sinh hoạt tạm thời")])
def test_a_member_attending_elsewhere_for_a_time_is_a_member_here(tmp_path, column, written):
    """The home list's side of a temporary transfer ("Chuyển sinh hoạt tạm thời", in the status or the notes)
    was an unknown status (DAT005) or no status: the member counted as present here, where their empty dues
    months made them a DUE001 candidate. They are official (or probationary) here, attending elsewhere."""
    path = write_workbook(tmp_path / "ds.xlsx", {"DS": [
        ["CHI BỘ 3"], ["Số thẻ", "Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Ngày chính thức", column],
        ["09000001", "Ông Văn Một", "02/01/1970", "03/02/2000", "03/02/2001", written],
        ["09000002", "Bà Thị Hai", "02/01/1972", "03/02/2025", None, None]]})
    roster = read(path)
    assert roster.members.select("status", "away").rows() == [("official", True), ("probationary", False)]
    assert roster.issues.filter(pl.col("code") == "DAT005").height == 0


@pytest.mark.parametrize("header", ["Chi bộ đang sinh hoạt", "Nơi sinh hoạt Đảng", "Tổ chức Đảng sinh hoạt *",
                                    "thuộc chi bộ", "Mã Chi Bộ", "CHI BỘ\n(ghi tên đầy đủ)"])
def test_branch_headers_seen_in_real_files(tmp_path, header):
    path = write_workbook(tmp_path / "cb.xlsx", {"DSĐV": [
        ["Số thẻ Đảng", "Họ và tên", "Ngày sinh", header, "Ngày vào Đảng"],
        ["001", "Ông Văn Một", "01/01/1970", "Chi bộ 1", "01/01/2000"]]})
    assert read(path).members["unit"].to_list() == ["Chi bộ 1"]


@pytest.mark.parametrize("headers", [
    # the long forms of hand-made lists, with commas
    ["Số thứ tự", "Họ và tên đảng viên", "Ngày, tháng, năm sinh", "Nam/Nữ", "Ngày, tháng, năm vào Đảng",
     "Ngày, tháng, năm chính thức", "Thẻ đảng viên số", "Sinh hoạt tại chi bộ"],
    # the abbreviations of a branch secretary's own list
    ["TT", "Họ tên", "NS", "GT", "Ngày VĐ", "Ngày CT", "Số thẻ ĐV", "Chi bộ"],
    ["STT", "Họ và tên (chữ in hoa)", "N.sinh", "Giới tính", "Ngày KN", "Ngày công nhận CT", "Số thẻ (8 số)", "Chi bộ"],
    # a hint in parentheses that tells two columns apart: the two dates of admission
    ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Ngày vào Đảng (dự bị)", "Ngày vào Đảng (chính thức)", "Số thẻ",
     "Chi bộ"],
    # headers broken over lines in their cells
    ["Số\nTT", "Họ và\ntên", "Ngày\nsinh", "Giới\ntính", "Ngày\nvào Đảng", "Ngày\nchính thức", "Số thẻ\nđảng viên",
     "Chi\nbộ"],
    # more abbreviations and words (were unread: no card, no dates)
    ["STT", "Họ tên", "Sinh năm", "GT", "Ngày v.Đảng", "Ngày c.thức", "Thẻ ĐV", "Chi bộ"],
    ["STT", "Tên đảng viên", "Ngày sinh", "Giới tính", "Ngày vào ĐCS", "Ngày công nhận ĐVCT", "Số hiệu đảng viên",
     "Chi bộ"],
    ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Ngày được kết nạp", "Ngày chuyển chính thức", "Thẻ đảng viên",
     "Chi bộ"],
])
def test_header_spellings_of_hand_made_lists(tmp_path, headers):
    path = write_workbook(tmp_path / "ds.xlsx", {"Sheet1": [
        headers, ["1", "Ông Văn Một", "02/01/1970", "Nam", "03/02/2000", "03/02/2001", "09000001", "Chi bộ 1"]]})
    members = (roster := read(path)).members
    assert members.select("full_name", "birth_date", "gender", "admission_date", "official_date", "member_id",
                          "unit").with_columns(roster.id_text()).rows() == [
        ("Ông Văn Một", date(1970, 1, 2), "male", date(2000, 2, 3), date(2001, 2, 3), "09000001", "Chi bộ 1")]


@pytest.mark.parametrize(("sheet", "headers", "fields"), [
    # a header naming a field by a shorter alias inside it ("Người giới thiệu", "Chi bộ") was that field
    ("Đối tượng kết nạp", ["Họ và tên", "Ngày sinh", "Ngày được cấp giấy chứng nhận", "Ngày nộp đơn",
                           "Người giới thiệu thứ 1", "Người giới thiệu thứ 2", "Ngày chi bộ họp xét",
                           "Ngày Đảng ủy ra quyết định", "Chi bộ"],
     ["full_name", "birth_date", "class_on", "applied_on", "introducer_1", "introducer_2", "resolved_on", "decided_on",
      "unit"]),
    ("Sinh hoạt", ["Số thẻ", "Ngày họp chi bộ", "Điểm danh"], ["member_id", "meeting_date", "mark"]),
    ("Xếp loại", ["Số thẻ", "Năm đánh giá", "Kết quả phân loại"], ["member_id", "year", "rating"]),
    ("Chuyển sinh hoạt", ["Số thẻ", "Tạm thời / Chính thức", "Từ đảng bộ", "Đến chi bộ", "Ngày đến nộp giấy"],
     ["member_id", "kind", "from_unit", "to_unit", "received_on"]),
])
def test_header_spellings_of_the_other_tables(tmp_path, sheet, headers, fields):
    path = write_workbook(tmp_path / "ds.xlsx", {sheet: [headers, ["x"] * len(headers)]})
    (table,) = load_file(str(path)).tables
    assert [table.source.columns.get(f) for f in fields] == [chr(65 + i) for i in range(len(fields))]


def test_an_alias_inside_a_header_is_whole_words_and_a_date_header_names_a_date(tmp_path):
    """"Ngày về sinh hoạt chi bộ" holds "chi bộ" but is a date, never the branch; "Số năm sinh hoạt" holds no
    "Năm sinh" ("sinh hoạt" is one word); the branch is then the title's."""
    path = write_workbook(tmp_path / "ds.xlsx", {"DS": [
        ["CHI BỘ 3"], ["DANH SÁCH ĐẢNG VIÊN"],
        ["STT", "Số thẻ", "Họ và tên", "Ngày vào Đảng", "Số năm sinh hoạt", "Ngày về sinh hoạt chi bộ",
         "Ngày được giới thiệu về chi bộ nơi cư trú", "Ngày sinh"],
        [1, "09000001", "Ông Văn Một", "03/02/2000", "12", "05/06/2014", "07/08/2015", "02/01/1970"]]})
    roster = read(path)
    assert roster.members.select("unit", "birth_date", "residence_introduced_on").rows() == [
        ("CHI BỘ 3", date(1970, 1, 2), date(2015, 8, 7))]
    assert roster.issues.height == 0


@pytest.mark.parametrize("name", ["Tên đảng viên", "Họ, chữ đệm và tên"])
def test_the_words_of_other_forms_for_name_official_date_and_home(tmp_path, name):
    """"Tên đảng viên" and the citizen-id card's "Họ, chữ đệm và tên" are the name, "Ngày chuyển chính thức"
    the official date, "Chỗ ở hiện nay" the residence (were unread: every member without a name, DAT001,
    and probationary)."""
    path = write_workbook(tmp_path / "ds.xlsx", {"DS": [
        ["CHI BỘ 3"], ["DANH SÁCH ĐẢNG VIÊN"],
        ["STT", "Số thẻ", name, "Ngày sinh", "Ngày vào Đảng", "Ngày chuyển chính thức", "Chỗ ở hiện nay"],
        [1, "09000001", "Ông Văn Một", "02/01/1970", "03/02/2000", "03/02/2001", "Số 5 ngõ 7"]]})
    roster = read(path)
    assert roster.members.select("full_name", "official_date", "status", "residence").rows() == [
        ("Ông Văn Một", date(2001, 2, 3), "official", "Số 5 ngõ 7")]
    assert roster.issues.height == 0


def test_schooling_under_a_trình_độ_group_with_its_abbreviations(tmp_path):
    """The database's lists group schooling under "Trình độ" › GDPT | CMNV | LLCT | Ngoại ngữ."""
    path = write_workbook(tmp_path / "ds.xlsx", {"DS": [
        ["STT", "Số thẻ", "Họ và tên", "Ngày sinh", "Chi bộ", "Ngày vào Đảng", "Trình độ", None, None, None],
        [None, None, None, None, None, None, "GDPT", "CMNV", "LLCT", "Ngoại ngữ"],
        [1, "09000001", "Ông Văn Một", "02/01/1970", "Chi bộ 1", "03/02/2000", "12/12", "Đại học", "Trung cấp", "B1"]]},
        {"DS": ["G1:J1", *(f"{c}1:{c}2" for c in "ABCDEF")]})
    assert read(path).members.select("education", "qualification", "political_theory").rows() == [
        ("12/12", "Đại học", "Trung cấp")]


def test_labels_typed_over_two_rows_are_one_header(tmp_path):
    """A header typed over two rows instead of wrapped ("Họ và" over "tên", "Ngày vào" over "Đảng"): the
    labels are the words of both rows, and the second row is no member."""
    path = write_workbook(tmp_path / "ds.xlsx", {"DS": [
        ["CHI BỘ 5"], ["DANH SÁCH ĐẢNG VIÊN"],
        ["STT", "Họ và", "Ngày", "Ngày vào", "Ngày chính", "Số thẻ", "Chi"],
        [None, "tên", "sinh", "Đảng", "thức", "đảng viên", "bộ"],
        [1, "Nguyễn Văn An", "02/01/1980", "01/02/2010", "01/02/2011", "001", "Chi bộ 5"]]})
    roster = read(path)
    assert roster.members.select("_row", "full_name", "birth_date", "admission_date", "official_date").rows() == [
        (5, "Nguyễn Văn An", date(1980, 1, 2), date(2010, 2, 1), date(2011, 2, 1))]
    assert roster.sources[0].headers["B"] == "Họ và tên"


def test_a_committees_list_in_sections_gives_each_member_its_branch(tmp_path):
    """A committee's whole list without a branch column, each branch a section row ("I" | "CHI BỘ …", "III.
    Chi bộ …" merged across, "B. ĐẢNG BỘ …" starting a committee of its own): every member takes the branch
    and committee of its section; the section rows are no members."""
    rows = [["ĐẢNG BỘ PHƯỜNG HẠ ĐÌNH"], ["DANH SÁCH ĐẢNG VIÊN TOÀN ĐẢNG BỘ"],
            ["STT", "Họ và tên", "Ngày sinh", "Số thẻ", "Ngày vào Đảng", "Ghi chú"],
            ["I", "CHI BỘ KHU DÂN CƯ SỐ 1"],
            [1, "Nguyễn Văn An", "02/01/1980", "001", "01/02/2010"],
            [2, "Trần Thị Bình", "03/03/1985", "002", "01/02/2012"],
            [None, "II. Chi bộ Khu dân cư số 2"],
            [1, "Lê Văn Cường", "04/04/1975", "003", "01/02/2002"],
            ["B", "ĐẢNG BỘ TRƯỜNG TIỂU HỌC HẠ ĐÌNH"],
            ["1.", "Chi bộ Tổ Văn"],
            [1, "Phạm Thị Dung", "05/05/1990", "004", "01/02/2016"],
            [None, "Tổng cộng: 4 đảng viên"]]
    candidates = [["DANH SÁCH QUẦN CHÚNG ƯU TÚ"], ["STT", "Họ và tên", "Ngày sinh", "Ngày làm đơn"],
                  ["I", "Chi bộ Khu dân cư số 2"], [1, "Vũ Văn Giang", "01/01/2000", "01/03/2026"]]
    roster = read(write_workbook(tmp_path / "ds.xlsx", {"DS": rows, "Quần chúng ưu tú": candidates},
                                 {"DS": ["B4:F4", "B7:F7", "B9:F9"]}))
    assert roster.candidates.select("full_name", "unit").rows() == [("Vũ Văn Giang", "Chi bộ Khu dân cư số 2")]
    assert roster.members.sort("_row").select("_row", "full_name", "unit", "parent_unit").rows() == [
        (5, "Nguyễn Văn An", "CHI BỘ KHU DÂN CƯ SỐ 1", "ĐẢNG BỘ PHƯỜNG HẠ ĐÌNH"),
        (6, "Trần Thị Bình", "CHI BỘ KHU DÂN CƯ SỐ 1", "ĐẢNG BỘ PHƯỜNG HẠ ĐÌNH"),
        (8, "Lê Văn Cường", "Chi bộ Khu dân cư số 2", "ĐẢNG BỘ PHƯỜNG HẠ ĐÌNH"),
        (11, "Phạm Thị Dung", "Chi bộ Tổ Văn", "ĐẢNG BỘ TRƯỜNG TIỂU HỌC HẠ ĐÌNH")]
    assert roster.sources[0].sections == 4


def test_a_list_grouped_by_status_gives_each_member_the_status_of_its_section(tmp_path):
    """"I. ĐẢNG VIÊN CHÍNH THỨC" | "II. ĐẢNG VIÊN DỰ BỊ (01 đồng chí)" | "III. Miễn sinh hoạt", each text in the
    card column, and under branch sections too: each member takes its section's status (a branch's section
    starts without one); no section row is a member, nor a party cell's ("Tổ đảng số 1")."""
    flat = [["CHI BỘ THÔN ĐÔNG"], ["DANH SÁCH ĐẢNG VIÊN"],
            ["STT", "Số thẻ", "Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Ngày chính thức"],
            ["I", "ĐẢNG VIÊN CHÍNH THỨC"], [1, "09000001", "Ông Văn Một", "02/01/1970", "03/02/2000", "03/02/2001"],
            ["II", "ĐẢNG VIÊN DỰ BỊ (01 đồng chí)"], [1, None, "Cô Thị Ba", "02/01/2000", "03/02/2026", None],
            ["III", "Miễn sinh hoạt"], [1, "09000003", "Cụ Văn Bốn", "02/01/1940", "03/02/1965", "03/02/1966"]]
    nested = [["ĐẢNG BỘ XÃ ĐÔNG"], ["STT", "Số thẻ", "Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Ngày chính thức"],
              ["A", "CHI BỘ THÔN TÂY"], ["1", "Đảng viên dự bị"], [None, "Tổ đảng số 1"],
              [1, "09000004", "Anh Văn Năm", "02/01/2001", "03/02/2026", None],
              ["B", "CHI BỘ THÔN NAM"], [1, "09000005", "Chị Thị Sáu", "02/01/1980", "03/02/2005", "03/02/2006"]]
    # a list with a branch column kept in sections too: the column's branch stands, no section row is a member
    columns = [["STT", "Số thẻ", "Họ và tên", "Chi bộ", "Ngày sinh", "Ngày vào Đảng", "Ngày chính thức"],
               ["I", "CHI BỘ THÔN BẮC"], [1, "09000006", "Em Văn Bảy", "Chi bộ Thôn Bắc", "02/01/1990", "03/02/2015",
                                          "03/02/2016"]]
    roster = read(write_workbook(tmp_path / "ds.xlsx", {"DS": flat, "Xã": nested, "Bắc": columns},
                                 {"DS": ["B4:F4", "B6:F6"]}))
    assert roster.members.sort("_src", "_row").select("full_name", "unit", "status").rows() == [
        ("Ông Văn Một", "CHI BỘ THÔN ĐÔNG", "official"), ("Cô Thị Ba", "CHI BỘ THÔN ĐÔNG", "probationary"),
        ("Cụ Văn Bốn", "CHI BỘ THÔN ĐÔNG", "exempt"), ("Anh Văn Năm", "CHI BỘ THÔN TÂY", "probationary"),
        ("Chị Thị Sáu", "CHI BỘ THÔN NAM", "official"), ("Em Văn Bảy", "Chi bộ Thôn Bắc", "official")]
    assert roster.issues.filter(pl.col("code") == "DAT001").height == 0


@pytest.mark.parametrize("numbers", [[1, 2, 3, 4, 5, 6], [f"({i})" for i in range(1, 7)], [f"{i}." for i in range(1, 7)]])
def test_a_header_repeated_on_every_page_is_no_member(tmp_path, numbers):
    """A list copied from printed pages or a Word table repeats its header and numbering row on each page:
    neither is a member (nor a data problem), in a members list or a wide attendance sheet."""
    header = ["STT", "Họ và tên", "Ngày sinh", "Số thẻ", "Chi bộ", "Ngày vào Đảng"]
    members = [["DANH SÁCH ĐẢNG VIÊN"], header, numbers,
               [1, "Nguyễn Văn An", "02/01/1980", "001", "Chi bộ 1", "01/02/2010"],
               header, numbers, [2, "Trần Thị Bình", "03/03/1985", "002", "Chi bộ 1", "01/02/2012"],
               ["Trang 2"], header, [3, "Lê Văn Cường", "04/04/1975", "003", "Chi bộ 1", "01/02/2002"]]
    months = ["Số thẻ", "Họ và tên", *(f"T{m}" for m in range(1, 13))]
    attendance = [["SỔ THEO DÕI SINH HOẠT NĂM 2026"], months, ["001", "Nguyễn Văn An", *["x"] * 12], months,
                  ["002", "Trần Thị Bình", *["x"] * 12]]
    roster = read(write_workbook(tmp_path / "ds.xlsx", {"Đảng viên": members, "Sinh hoạt": attendance}))
    assert roster.members.sort("_row").select("_row", "member_id").with_columns(
        roster.id_text()).rows() == [(4, "001"), (7, "002"), (10, "003")]
    assert sorted(set(month_records(roster, "attendance").select(roster.id_text()).to_series())) == ["001", "002"]
    assert roster.issues.height == 0


def test_card_numbers_typed_with_their_digits_grouped_are_their_digits(tmp_path):
    """"21 000 102", "21.000.103" in the list, the same cards as numbers in the attendance sheet: one member
    each, and no record of an unknown member."""
    rows = [["STT", "Họ và tên", "Ngày sinh", "Số thẻ", "Chi bộ", "Ngày vào Đảng"],
            [1, "An", "02/01/1980", 21000101, "Chi bộ 1", "01/02/2010"],
            [2, "Bình", "03/03/1985", "21 000 102", "Chi bộ 1", "01/02/2012"],
            [3, "Cường", "04/04/1975", "21.000.103", "Chi bộ 1", "01/02/2002"]]
    attendance = [["Số thẻ", "Họ và tên", "T1", "T2"], ["21000101", "An", "x", "x"], [21000102, "Bình", "x", "x"],
                  ["21-000-103", "Cường", "x", "K"]]
    roster = read(write_workbook(tmp_path / "ids.xlsx", {"Đảng viên": rows, "Sinh hoạt 2026": attendance}))
    assert roster.members.select(roster.id_text()).to_series().to_list() == ["21000101", "21000102", "21000103"]
    result = audit(roster, as_of=date(2026, 11, 30), config=Config(), select_codes=["DAT006"], lang="en")
    assert result.findings.height == 0


@pytest.mark.parametrize("titles, unit, committee", [
    (["DANH SÁCH ĐẢNG VIÊN CHI BỘ THÔN ĐÔNG NĂM 2026"], "CHI BỘ THÔN ĐÔNG", None),
    (["ĐẢNG ỦY XÃ ĐÔNG ANH", "SỔ DANH SÁCH ĐẢNG VIÊN CHI BỘ THÔN ĐÔNG (tính đến 30/11/2026)"], "CHI BỘ THÔN ĐÔNG",
     "ĐẢNG BỘ XÃ ĐÔNG ANH"),
    (["DANH SÁCH ĐẢNG VIÊN ĐẢNG BỘ XÃ ĐÔNG ANH - NĂM 2026", "Chi bộ Thôn Đông"], "Chi bộ Thôn Đông",
     "ĐẢNG BỘ XÃ ĐÔNG ANH"),
])
def test_the_branch_and_committee_named_within_a_title_line(tmp_path, titles, unit, committee):
    rows = [*([t] for t in titles), ["STT", "Họ và tên", "Ngày sinh", "Số thẻ", "Ngày vào Đảng"],
            [1, "An", "02/01/1980", "001", "01/02/2010"]]
    members = read(write_workbook(tmp_path / "ds.xlsx", {"Sheet1": rows})).members
    assert members.select("unit", "parent_unit").rows() == [(unit, committee)]


def test_a_workbook_of_a_sheet_per_branch_named_for_it(tmp_path):
    """A committee's workbook with a sheet per branch and no branch column nor title: the sheet's name is the
    branch, also abbreviated as sheet names are ("CB Khu 3", "CB1"; were skipped, their members not read);
    a sheet named for no branch ("CBCCVC", civil servants) stays without one."""
    header = ["STT", "Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Ngày chính thức", "Số thẻ đảng viên"]
    sheets = {name: [["DANH SÁCH ĐẢNG VIÊN"], header, [1, f"Người {i}", "01/01/1970", "01/01/2000", "01/01/2001",
                                                       f"00{i}"]]
              for i, name in enumerate(["Chi bộ 1", "CB Khu 3", "CB_KDC_5", "CB2", "CBCCVC"], 1)}
    roster = read(write_workbook(tmp_path / "dang-bo.xlsx", sheets))
    assert by_name(roster.members, "unit") == {"Người 1": ("Chi bộ 1",), "Người 2": ("Chi bộ Khu 3",),
                                               "Người 3": ("Chi bộ KDC 5",), "Người 4": ("Chi bộ 2",)}
    assert [(s.sheet, s.reason) for s in roster.skipped] == [("CBCCVC", "skip.missing_column")]


def test_a_date_in_three_columns_under_its_title(tmp_path):
    """"Ngày sinh" › Ngày | Tháng | Năm (numbers, as Excel keeps them), "Ngày vào Đảng" › Tháng | Năm: one date
    each ("Năm" folds like "Nam", the sex under the ward form's birth date: it is the year here)."""
    path = write_workbook(tmp_path / "ds.xlsx", {"DS": [
        ["STT", "Số thẻ", "Họ và tên", "Ngày sinh", None, None, "Chi bộ", "Ngày vào Đảng", None],
        [None, None, None, "Ngày", "Tháng", "Năm", None, "Tháng", "Năm"],
        [1, "09000001", "Ông Văn Một", 2, 1, 1970, "Chi bộ 1", 3, 2000],
        [2, "09000002", "Bà Thị Hai", "15", "11", "1985", "Chi bộ 1", "05", "2010"]]},
        {"DS": ["D1:F1", "H1:I1", *(f"{c}1:{c}2" for c in "ABCG")]})
    roster = read(path)
    assert roster.members.sort("_row").select("birth_date", "gender").rows() == [
        (date(1970, 1, 2), None), (date(1985, 11, 15), None)]
    assert roster.sources[0].columns["birth_date"] == "D:F"
    # a month and a year are a partial date: said (DAT007), not a guessed day
    partial = roster.issues.filter(pl.col("code") == "DAT007").select("field", "value").rows()
    assert partial == [("admission_date", "3/2000"), ("admission_date", "05/2010")]


@pytest.mark.parametrize("rows, merges", [
    ([["STT", "Họ và tên đệm", "Tên", "Ngày sinh", "Chi bộ", "Ngày vào Đảng", "Số thẻ"]], None),
    ([["STT", "Họ, tên đệm", "Tên", "Ngày sinh", "Chi bộ", "Ngày vào Đảng", "Số thẻ"]], None),
    ([["STT", "Họ và tên", None, "Ngày sinh", "Chi bộ", "Ngày vào Đảng", "Số thẻ"],
      [None, "Họ đệm", "Tên", None, None, None, None]], ["B1:C1", "A1:A2", "D1:D2", "E1:E2", "F1:F2", "G1:G2"]),
])
def test_a_name_written_in_two_columns_is_one_full_name(tmp_path, rows, merges):
    """Lists that give the given name its own column ("Họ và tên đệm" | "Tên", or both under a merged "Họ
    và tên") are read as whole names: the family and middle names alone would be another person."""
    path = write_workbook(tmp_path / "ds.xlsx", {"Đảng viên": [
        *rows, ["1", "Nguyễn Thị", "Hoa", "12/03/1980", "Chi bộ 1", "05/06/2005", "74012345"],
        ["2", "Trần", "Nam", "01/01/1975", "Chi bộ 1", "01/02/2010", "74012346"]]}, merges={"Đảng viên": merges or []})
    roster = read(path)
    assert roster.members.sort("_row")["full_name"].to_list() == ["Nguyễn Thị Hoa", "Trần Nam"]
    assert roster.sources[0].columns["full_name"] == "B:C"


def test_a_sheet_without_a_needed_column_says_so_in_words_and_names_kept_as_written(tmp_path):
    """The reason names the table kind and the missing column as a person knows them, and the configuration
    section by its code; file names with brackets are printed as they are (not read as terminal styles)."""
    write_workbook(tmp_path / "ds [bold] [2026].xlsx", {"Sheet1": [
        ["Số thẻ", "Họ và tên", "Ngày sinh", "Chi bộ"], ["001", "Ông Văn Một", "02/01/1970", "Chi bộ 1"]]})
    write_workbook(tmp_path / "b.xlsx", {"Đảng viên": member_rows(["002", "Bà Thị Hai", "02/01/1980", "Chi bộ 1",
                                                                   "01/02/2010", None])})
    shown = runner.invoke(app, ["validate", str(tmp_path), "--lang", "vi"], terminal_width=300).output
    assert ("ds [bold] [2026].xlsx › Sheet1: đọc như bảng đảng viên (dòng tiêu đề 1) nhưng không có cột "
            "«Ngày vào Đảng» (admission_date)") in shown
    assert "mục [aliases.members]" in shown
    shown = runner.invoke(app, ["validate", str(tmp_path), "--lang", "en"], terminal_width=300).output
    assert "read as a table of members (header row 1) but it has no 'Ngày vào Đảng' column (admission_date)" in shown


def test_card_number_beats_an_apps_own_code(tmp_path):
    path = write_workbook(tmp_path / "app.xlsx", {"DanhSachDangVien": [
        ["Mã ĐV", "Họ tên", "Ngày sinh", "Chi bộ", "Ngày vào Đảng", "Số Thẻ", "Trạng thái"],
        ["DV0001", "Ông Văn Một", "01/01/1970", "CB1", "01/01/2000", "09000001", "Đang sinh hoạt"],
        ["DV0002", "Bà Thị Hai", "01/01/1999", "CB1", "01/03/2026", None, "Đang hoạt động"],
    ]})
    members = (roster := read(path)).members.sort("_row")
    assert members.select(roster.id_text(), "identified_by", "status").rows() == [
        ("09000001", "card", "probationary"), ("DV0002", "member_code", "probationary")]


# --- dues kept by name, attendance per meeting, ratings --------------------------------------------------------


def test_dues_record_by_name_for_the_months_its_title_names(tmp_path):
    path = write_workbook(tmp_path / "dang-phi.xlsx", {
        "Đảng viên": member_rows(["001", "Nguyễn Văn An", "02/01/1980", "CHI BỘ 1", "01/02/2010", None],
                                 ["002", "Trần Thị Bình", "02/01/1981", "CHI BỘ 1", "01/02/2010", None],
                                 ["003", "Trần Thị Bình", "05/05/1985", "CHI BỘ 2", "01/02/2010", None]),
        "Sheet1": [["CHI BỘ 1"], ["BIÊN BẢN NỘP ĐẢNG PHÍ THÁNG 7, 8, 9 NĂM 2026"],
                   ["STT", "HỌ VÀ TÊN", None, "SỐ THÁNG", "SỐ TIỀN", "KÝ NỘP"],
                   [1, "NGUYỄN VĂN", "AN", 3, "90.000", None], [2, "Trần Thị", "Bình", 2, "60.000", None],
                   [3, "Lê Văn", "Không Có", 3, "90.000", None], [None, "Tổng cộng", None, None, "240.000"]]},
        {"Sheet1": ["B3:C3"]})
    roster = read(path)
    dues = month_records(roster, "dues")
    paid = dues.group_by(roster.id_text()).agg(pl.col("month").sort()).sort("member_id").rows()
    # Bình of CHI BỘ 1, not the Bình of CHI BỘ 2; the name no member has stays the name (DAT006)
    assert paid == [("001", [date(2026, 7, 1), date(2026, 8, 1), date(2026, 9, 1)]),
                    ("002", [date(2026, 7, 1), date(2026, 8, 1)]),
                    ("Lê Văn Không Có", [date(2026, 7, 1), date(2026, 8, 1), date(2026, 9, 1)])]
    result = audit(roster, as_of=date(2026, 11, 30), config=Config(), select_codes=["DAT006"], lang="en")
    assert result.findings.select("value", "sheet", "row").rows() == [("Lê Văn Không Có", "Sheet1", 6)]


@pytest.mark.parametrize("months", [list(range(1, 13)), [f"Tháng {m}" for m in range(1, 13)]])
def test_a_dues_book_with_the_months_under_a_title_that_names_an_amount(tmp_path, months):
    """Sổ thu nộp đảng phí: "Số tiền đảng phí đã nộp các tháng" over 1 … 12 (or Tháng 1 … Tháng 12) is twelve
    months' amounts, not one amount column; kept by name, with the monthly rate beside the name."""
    amounts = {"Nguyễn Văn An": [30000] * 10, "Trần Thị Bình": [30000] * 7}  # Bình paid nothing from August
    rows = [[i, name, 30000, *paid, *[None] * (12 - len(paid)), None] for i, (name, paid) in enumerate(amounts.items(), 1)]
    path = write_workbook(tmp_path / "so-dang-phi.xlsx", {
        "Đảng viên": member_rows(["001", "Nguyễn Văn An", "02/01/1980", "CHI BỘ 1", "01/02/2010", "01/02/2011"],
                                 ["002", "Trần Thị Bình", "02/01/1981", "CHI BỘ 1", "01/02/2010", "01/02/2011"]),
        "Đảng phí 2026": [["SỔ THU NỘP ĐẢNG PHÍ NĂM 2026"],
                          ["STT", "Họ và tên", "Mức đóng hằng tháng", "Số tiền đảng phí đã nộp các tháng",
                           *[None] * 11, "Ghi chú"],
                          [None, None, None, *months, None], *rows,
                          [None, "Cộng", None, *[60000] * 7, 30000, 30000, 30000, None, None, None]]},
        {"Đảng phí 2026": ["D2:O2", "A2:A3", "B2:B3", "C2:C3", "P2:P3"]})
    roster = read(path)
    dues = month_records(roster, "dues").filter(pl.col("state") == "paid")
    paid = dues.group_by(roster.id_text()).agg(pl.col("month").max(), pl.len()).sort("member_id")
    assert paid.rows() == [("001", date(2026, 10, 1), 10), ("002", date(2026, 7, 1), 7)]
    result = audit(roster, as_of=date(2026, 11, 30), config=Config(), select_codes=["DUE001"], lang="en")
    assert result.findings.get_column("member_id").to_list() == ["002"]


def test_dues_kept_as_the_month_paid_up_to(tmp_path):
    """"Đã nộp đến tháng" (the month paid up to: 11/2026, T7/2026, a date): the months up to it paid, every
    month after it unpaid once ended, through the sheet's year (was read as an amount: every member paid)."""
    path = write_workbook(tmp_path / "dang-phi.xlsx", {
        "Đảng viên": member_rows(*[[f"00{i}", name, "02/01/1980", "CHI BỘ 1", "01/02/2010", "01/02/2011"]
                                  for i, name in enumerate(["An", "Bình", "Cường"], 1)]),
        "Đảng phí": [["CHI BỘ 1"], ["THEO DÕI ĐẢNG PHÍ NĂM 2026"],
                     ["STT", "Số thẻ", "Họ và tên", "Mức đóng", "Đã nộp đến tháng"],
                     [1, "001", "An", "30000", "11/2026"], [2, "002", "Bình", "30000", "T7/2026"],
                     [3, "003", "Cường", "30000", "31/08/2025"], [4, "004", "Dũng", "30000", "đủ"]]})
    roster = read(path)
    paid = month_records(roster, "dues").filter(pl.col("state") == "paid").group_by(
        roster.id_text()).agg(pl.col("month").max()).sort("member_id").rows()
    assert paid == [("001", date(2026, 11, 1)), ("002", date(2026, 7, 1)), ("003", date(2025, 8, 1))]
    assert roster.issues.filter(pl.col("code") == "DAT002").select("field", "value").rows() == [("paid_through", "đủ")]
    result = audit(roster, as_of=date(2026, 11, 30), config=Config(), select_codes=["DUE001"], lang="en")
    messages = result.findings.sort("member_id").select("member_id", "message").rows()
    assert [(m, text.split(":")[0]) for m, text in messages] == [
        ("002", "Dues unpaid in 4 months"), ("003", "Dues unpaid in 11 months")]


def test_a_letterhead_names_the_committee_by_its_executive_and_a_signing_date_is_no_period(tmp_path):
    """The letterhead of a committee's documents: the committee at the left and "ĐẢNG CỘNG SẢN VIỆT NAM" at
    the right of one row; "ĐẢNG ỦY PHƯỜNG …" (the executive signs) is the Đảng bộ phường; the place and date it
    was signed ("ngày 05 tháng 10 năm 2026") stand above the period the record covers (the third quarter)."""
    letterhead = [["ĐẢNG BỘ QUẬN ĐỐNG ĐA", None, None, None, "ĐẢNG CỘNG SẢN VIỆT NAM"],
                  ["ĐẢNG ỦY PHƯỜNG LÁNG THƯỢNG"], ["CHI BỘ 1", None, None, None, "Hà Nội, ngày 05 tháng 10 năm 2026"]]
    members = [*letterhead, ["DANH SÁCH ĐẢNG VIÊN"], [],
               ["STT", "Số thẻ đảng viên", "Họ và tên", "Ngày sinh", "Chi bộ", "Ngày vào Đảng", "Ngày chính thức"],
               [1, "001", "Nguyễn Văn An", "02/01/1980", "Chi bộ 1", "01/02/2010", "01/02/2011"],
               [2, "002", "Trần Thị Bình", "02/01/1981", "Chi bộ 1", "01/02/2010", "01/02/2011"]]
    dues = [*letterhead, ["BIÊN BẢN NỘP ĐẢNG PHÍ QUÝ III NĂM 2026"],
            ["STT", "HỌ VÀ TÊN", "SỐ THÁNG", "SỐ TIỀN"], [1, "Nguyễn Văn An", 3, "90.000"],
            [2, "Trần Thị Bình", 1, "30.000"]]
    roster = read(write_workbook(tmp_path / "chi-bo-1.xlsx", {"Đảng viên": members, "Sheet1": dues}))
    assert set(roster.members["parent_unit"].to_list()) == {"ĐẢNG BỘ PHƯỜNG LÁNG THƯỢNG"}
    paid = month_records(roster, "dues").group_by(roster.id_text()).agg(
        pl.col("month").sort()).sort("member_id").rows()
    assert paid == [("001", [date(2026, 7, 1), date(2026, 8, 1), date(2026, 9, 1)]), ("002", [date(2026, 7, 1)])]


def test_a_header_of_three_rows_reads_the_titles_over_titles(tmp_path):
    """"Ngày tháng năm" over "Sinh" | "Vào Đảng", "Vào Đảng" over "Dự bị" | "Chính thức", the other headers
    merged down the three rows: read as two rows, the probationary and official dates were one date spanning
    both columns (their texts joined, DAT002) and the official date missing."""
    rows = [["ĐẢNG BỘ PHƯỜNG LÁNG THƯỢNG"], ["DANH SÁCH ĐẢNG VIÊN"], [],
            ["STT", "Họ và tên", "Số thẻ đảng viên", "Ngày tháng năm", None, None, "Chi bộ"],
            [None, None, None, "Sinh", "Vào Đảng", None, None],
            [None, None, None, None, "Dự bị", "Chính thức", None],
            [1, "Nguyễn Văn An", "01000101", "02/01/1980", "01/02/2010", "01/02/2011", "Chi bộ 1"],
            [2, "Trần Thị Bình", "01000102", "03/04/1985", "05/06/2015", "05/06/2016", "Chi bộ 1"]]
    merged = ["A4:A6", "B4:B6", "C4:C6", "D4:F4", "D5:D6", "E5:F5", "G4:G6"]
    roster = read(write_workbook(tmp_path / "ds.xlsx", {"DSĐV": rows}, {"DSĐV": merged}))
    assert by_name(roster.members, "birth_date", "admission_date", "official_date") == {
        "Nguyễn Văn An": (date(1980, 1, 2), date(2010, 2, 1), date(2011, 2, 1)),
        "Trần Thị Bình": (date(1985, 4, 3), date(2015, 6, 5), date(2016, 6, 5))}
    source = roster.sources[0]
    assert (source.header_row, source.header_rows) == (4, 3)
    assert (source.columns["admission_date"], source.columns["official_date"]) == ("E", "F")
    assert source.headers["F"] == "Ngày tháng năm › Vào Đảng › Chính thức"
    assert roster.issues.height == 0


def test_quarters_over_months_in_a_dues_book(tmp_path):
    """"Số tiền đảng phí đã nộp" over "Quý I" | "Quý II" over the months: each month its column (read as two
    rows, a quarter was one column: its first month's amount for the three)."""
    rows = [["SỔ THU ĐẢNG PHÍ NĂM 2026"], [],
            ["STT", "Họ và tên", "Số thẻ", "Số tiền đảng phí đã nộp", None, None, None, None, None],
            [None, None, None, "Quý I", None, None, "Quý II", None, None],
            [None, None, None, "Tháng 1", "Tháng 2", "Tháng 3", "Tháng 4", "Tháng 5", "Tháng 6"],
            [1, "Nguyễn Văn An", "01000101", "30.000", "30.000", None, "30.000", None, None],
            [2, "Trần Thị Bình", "01000102", "30.000", None, None, None, None, "30.000"]]
    merged = ["A3:A5", "B3:B5", "C3:C5", "D3:I3", "D4:F4", "G4:I4"]
    members = member_rows(["01000101", "Nguyễn Văn An", "02/01/1980", "Chi bộ 1", "01/02/2010", "01/02/2011"],
                          ["01000102", "Trần Thị Bình", "03/04/1985", "Chi bộ 1", "05/06/2015", "05/06/2016"])
    roster = read(write_workbook(tmp_path / "dp.xlsx", {"Đảng viên": members, "Đảng phí": rows},
                                 {"Đảng phí": merged}))
    paid = month_records(roster, "dues").filter(pl.col("state") == "paid").group_by(roster.id_text()).agg(
        pl.col("month").dt.month().sort()).sort("member_id").rows()
    assert paid == [("01000101", [1, 2, 4]), ("01000102", [1, 6])]


def test_an_attendance_book_of_three_header_rows_and_a_numbering_row(tmp_path):
    """"Năm 2026" over the months, each month over Có mặt | Vắng có lý do | Vắng không lý do crossed, the
    columns numbered under them: each month its mark (read as two rows, the six columns were one mark)."""
    rows = [["SỔ ĐIỂM DANH SINH HOẠT CHI BỘ"], [],
            ["STT", "Họ và tên", "Số thẻ", "Năm 2026", None, None, None, None, None],
            [None, None, None, "Tháng 1", None, None, "Tháng 2", None, None],
            [None, None, None, "Có mặt", "Vắng có lý do", "Vắng không lý do", "Có mặt", "Vắng có lý do",
             "Vắng không lý do"],
            ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)"],
            [1, "Nguyễn Văn An", "01000101", "x", None, None, None, "x", None],
            [2, "Trần Thị Bình", "01000102", None, None, "x", "x", None, None]]
    merged = ["A3:A5", "B3:B5", "C3:C5", "D3:I3", "D4:F4", "G4:I4"]
    members = member_rows(["01000101", "Nguyễn Văn An", "02/01/1980", "Chi bộ 1", "01/02/2010", "01/02/2011"],
                          ["01000102", "Trần Thị Bình", "03/04/1985", "Chi bộ 1", "05/06/2015", "05/06/2016"])
    roster = read(write_workbook(tmp_path / "dd.xlsx", {"Đảng viên": members, "Điểm danh": rows},
                                 {"Điểm danh": merged}))
    marks = month_records(roster, "attendance").select(roster.id_text(), pl.col("month").dt.month(), "mark").rows()
    assert marks == [("01000101", 1, "present"), ("01000101", 2, "excused"), ("01000102", 1, "unexcused"),
                     ("01000102", 2, "present")]


@pytest.mark.parametrize("layout", ["flag", "crosses"])
def test_a_column_crossed_for_the_exempt_makes_them_exempt(tmp_path, layout):
    """"Miễn SH" crossed for the exempt, alone or beside the "Chính thức" | "Dự bị" crosses: alone it was no
    column (the exempt member counted for every meeting missed, ATT001 on the screening list); beside them it
    was a second status (official and exempt: an unknown status, DAT005)."""
    head = ["STT", "Số thẻ", "Họ và tên", "Ngày sinh", "Chi bộ", "Ngày vào Đảng"]
    if layout == "flag":
        head += ["Ngày chính thức", "Miễn SH"]
        cells = [["01/02/1976", "x"], ["05/06/2016", None]]
    else:
        head += ["Chính thức", "Dự bị", "Miễn sinh hoạt"]
        cells = [["x", None, "x"], ["x", None, None]]
    rows = [["DANH SÁCH ĐẢNG VIÊN"], [], head,
            [1, "01000101", "Nguyễn Văn An", "02/01/1950", "Chi bộ 1", "01/02/1975", *cells[0]],
            [2, "01000102", "Trần Thị Bình", "03/04/1985", "Chi bộ 1", "05/06/2015", *cells[1]]]
    roster = read(write_workbook(tmp_path / "ds.xlsx", {"DS": rows}))
    assert by_name(roster.members, "status") == {"Nguyễn Văn An": ("exempt",), "Trần Thị Bình": ("official",)}
    assert roster.issues.height == 0
    assert roster.sources[0].columns["status_flag"] == ("H" if layout == "flag" else "I")


def test_a_letterhead_of_two_cells_a_line_over_a_one_row_header_keeps_its_branch(tmp_path):
    """The committee and the branch at the left of two letterhead lines, the party's name and the date at the
    right, over a header without a branch column: the line over the header read as titles over its columns
    (its two cells spanning them) took the branch line into the header, and the list had no branch."""
    rows = [["ĐẢNG BỘ PHƯỜNG LÁNG THƯỢNG", None, None, "ĐẢNG CỘNG SẢN VIỆT NAM"],
            ["CHI BỘ 5", None, None, "Hà Nội, ngày 05 tháng 10 năm 2026"],
            ["STT", "Số thẻ đảng viên", "Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Ngày chính thức"],
            [1, "01000101", "Nguyễn Văn An", "02/01/1980", "01/02/2010", "01/02/2011"]]
    roster = read(write_workbook(tmp_path / "ds.xlsx", {"Sheet1": rows}))
    assert roster.members.select("unit", "full_name").rows() == [("CHI BỘ 5", "Nguyễn Văn An")]
    assert roster.sources[0].header_row == 3


def test_attendance_with_a_column_per_meeting(tmp_path):
    path = write_workbook(tmp_path / "diem-danh.xlsx", {
        "Đảng viên": member_rows(["001", "An", "02/01/1980", "CB1", "01/02/2010", None]),
        "DiemDanh": [["Số thẻ", "Họ tên", "Sinh hoạt thường kỳ (05/03/2026)", "Sinh hoạt chuyên đề (20/03/2026)",
                      "Sinh hoạt thường kỳ (06/04/2026)", "Sinh hoạt thường kỳ (04/05/2026)"],
                     ["001", "An", "Có mặt", "Vắng mặt", "Đi muộn", "--"]]})
    att = month_records(read(path), "attendance")
    assert att.select("month", "mark").rows() == [(date(2026, 3, 1), "present"), (date(2026, 3, 1), "unexcused"),
                                                  (date(2026, 4, 1), "present")]


@pytest.mark.parametrize("cell, code", [("Xuất sắc", "HTXSNV"), ("Tốt", "HTTNV"), ("Hoàn thành", "HTNV"),
                                        ("Không hoàn thành", "KHTNV"), ("Mức 2. Hoàn thành tốt nhiệm vụ", "HTTNV"),
                                        ("Mức 4 - Không hoàn thành nhiệm vụ", "KHTNV"),
                                        # shortened as lists shorten them (were unknown ratings, DAT005)
                                        ("Hoàn thành tốt", "HTTNV"), ("Hoàn thành xuất sắc", "HTXSNV"),
                                        ("HTT NV", "HTTNV"), ("HT tốt NV", "HTTNV"), ("Hoàn thành XSNV", "HTXSNV"),
                                        ("Không HTNV", "KHTNV"), ("KHT NV", "KHTNV"), ("Hoàn thành NV", "HTNV"),
                                        ("Hoàn thành tốt nhiệm vụ (đảng viên)", "HTTNV")])
def test_rating_words_seen_in_real_files(tmp_path, cell, code):
    path = write_workbook(tmp_path / "xl.xlsx", {
        "Đảng viên": member_rows(["001", "An", "02/01/1980", "CB1", "01/02/2010", None]),
        "Xếp loại": [["Số thẻ", "Năm", "Xếp loại"], ["001", 2025, cell]]})
    assert read(path).ratings.select("year", "rating").rows() == [(2025, code)]


@pytest.mark.parametrize("years", [["Xếp loại 2024", "Xếp loại 2025"], ["Xếp loại năm 2024", "Xếp loại năm 2025"],
                                   ["Năm 2024", "Kết quả xếp loại năm 2025"],
                                   ["Kết quả đánh giá, xếp loại đảng viên năm 2024", "Đánh giá 2025"]])
def test_a_ratings_column_per_year_whatever_words_name_the_year(tmp_path, years):
    """"Xếp loại 2024" | "Xếp loại 2025" are two years' ratings: the words before the year name the rating, and
    both columns were read as one rating with no year (nothing read, nothing said)."""
    path = write_workbook(tmp_path / "xl.xlsx", {
        "Đảng viên": member_rows(["001", "An", "02/01/1980", "CB1", "01/02/2010", None]),
        "Xếp loại": [["Số thẻ", "Họ và tên", *years], ["001", "An", "HTTNV", "HTNV"]]})
    assert read(path).ratings.sort("year").select("year", "rating").rows() == [(2024, "HTTNV"), (2025, "HTNV")]


def test_two_ratings_a_year_the_committees_stands(tmp_path):
    path = write_workbook(tmp_path / "xl.xlsx", {
        "Đảng viên": member_rows(["001", "An", "02/01/1980", "CB1", "01/02/2010", None],
                                 ["002", "Bình", "02/01/1980", "CB1", "01/02/2010", None]),
        "Đánh giá": [["Số thẻ", "Năm", "Chi bộ xếp loại", "Đảng ủy xếp loại"],
                     ["001", 2025, "HTTNV", "HTNV"], ["002", 2025, "HTXSNV", None]]})
    assert read(path).ratings.sort("_row").select("rating").to_series().to_list() == ["HTNV", "HTXSNV"]


def test_where_a_member_works_is_never_the_branch(tmp_path):
    """"Đơn vị công tác" (the workplace) beside a name: in a list whose branch is in the title, and in a ratings
    list kept by name, the branch is the title's, never the workplace ("Đơn vị" alone would name the branch)."""
    path = write_workbook(tmp_path / "dv.xlsx", {
        "Đảng viên": [["CHI BỘ KHU DÂN CƯ SỐ 4"], ["DANH SÁCH ĐẢNG VIÊN"],
                      ["STT", "Số thẻ", "Họ và tên", "Ngày sinh", "Đơn vị công tác", "Ngày vào Đảng", "Ngày được công "
                       "nhận đảng viên chính thức", "Căn cước công dân"],
                      [1, "001", "Ông Văn Một", "02/01/1970", "Trường THCS Hòa Bình", "03/02/2000", "03/02/2001",
                       "001070000001"],
                      [2, "002", "Bà Thị Hai", "02/01/1975", "Ủy ban nhân dân phường", "03/02/2005", "03/02/2006", None]],
        "Xếp loại 2025": [["CHI BỘ KHU DÂN CƯ SỐ 4"], ["KẾT QUẢ XẾP LOẠI ĐẢNG VIÊN NĂM 2025"],
                          ["STT", "Họ và tên", "Chức vụ, đơn vị công tác", "Xếp loại"],
                          [1, "Ông Văn Một", "Giáo viên, Trường THCS Hòa Bình", "HTTNV"],
                          [2, "Bà Thị Hai", "Cán bộ, Ủy ban nhân dân phường", "HTNV"]]})
    roster = read(path)
    assert roster.members.select("unit", "official_date", "national_id").rows() == [
        ("CHI BỘ KHU DÂN CƯ SỐ 4", date(2001, 2, 3), "001070000001"), ("CHI BỘ KHU DÂN CƯ SỐ 4", date(2006, 2, 3), None)]
    assert roster.ratings.sort("_row").select(roster.id_text(), "rating").rows() == [
        ("001", "HTTNV"), ("002", "HTNV")]


def test_a_lone_nu_column_crossed_for_each_woman(tmp_path):
    """"Nữ" alone, a cross for each woman: the others are men (a field of two values headed by one of them)."""
    path = write_workbook(tmp_path / "ds.xlsx", {"DS": [
        ["CHI BỘ 2"], ["STT", "Số thẻ", "Họ và tên", "Nữ", "Ngày sinh", "Ngày vào Đảng"],
        [1, "09000001", "Ông Văn Một", None, "02/01/1970", "03/02/2000"],
        [2, "09000002", "Bà Thị Hai", "x", "02/01/1975", "03/02/2005"], [], ["Tổng cộng", None, 2, 1]]})
    roster = read(path)
    assert roster.members.sort("_row").select("full_name", "gender").rows() == [
        ("Ông Văn Một", "male"), ("Bà Thị Hai", "female")]


def test_values_under_another_fields_title_are_that_fields_columns(tmp_path):
    """"Ngày vào Đảng" › Dự bị | Chính thức holds the two dates: its sub-headers are a status's values, but
    under a date's title they name the admission and the official dates, never status columns."""
    path = write_workbook(tmp_path / "vd.xlsx", {"DS": [
        ["STT", "Số thẻ", "Họ và tên", "Ngày sinh", "Chi bộ", "Ngày vào Đảng", None],
        [None, None, None, None, None, "Dự bị", "Chính thức"],
        [1, "09000001", "Ông Văn Một", "02/01/1970", "Chi bộ 1", "03/02/2000", "03/02/2001"]]},
        {"DS": ["F1:G1", *(f"{c}1:{c}2" for c in "ABCDE")]})
    roster = read(path)
    assert roster.members.select("admission_date", "official_date", "status").rows() == [
        (date(2000, 2, 3), date(2001, 2, 3), "official")]


def test_a_years_ratings_by_name_the_self_rating_never_stands_and_the_year_in_the_title(tmp_path):
    """"DANH SÁCH ĐÁNH GIÁ, XẾP LOẠI … NĂM 2025": no year column, the member's own rating, the branch's
    proposal and the committee's decision under one "Mức xếp loại"; the committee's decision stands."""
    members = member_rows(["001", "An", "02/01/1980", "Chi bộ 1", "01/02/2010", None],
                          ["002", "Bình", "02/01/1980", "Chi bộ 1", "01/02/2010", None])
    sheet = [["CHI BỘ 1"], ["DANH SÁCH ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN NĂM 2025"],
             ["STT", "Họ và tên", "Chức vụ", "Mức xếp loại", None, None],
             [None, None, None, "Cá nhân tự xếp loại", "Chi bộ đề xuất", "Đảng ủy quyết định"],
             [1, "An", "Bí thư", "HTXSNV", "HTTNV", "HTNV"], [2, "Bình", "Đảng viên", "HTXSNV", "HTTNV", None]]
    path = write_workbook(tmp_path / "xl.xlsx", {"Đảng viên": members, "Sheet1": sheet},
                          {"Sheet1": ["D3:F3", "A3:A4", "B3:B4", "C3:C4"]})
    assert (roster := read(path)).ratings.sort("_row").select(roster.id_text(), "year", "rating").rows() == [
        ("001", 2025, "HTNV"), ("002", 2025, "HTTNV")]


def test_columns_headed_by_values_with_a_cross_in_the_rows_one(tmp_path):
    """Ratings, sex and membership as columns headed by their values ("Kết quả xếp loại" › Hoàn thành xuất
    sắc nhiệm vụ | … ; "Giới tính" › Nam | Nữ; Chính thức | Dự bị), a cross in the row's; two crosses in one
    row are an unknown value (DAT005), never one of them."""
    members = [["CHI BỘ 1"], ["DANH SÁCH ĐẢNG VIÊN"],
               ["STT", "Số thẻ", "Họ và tên", "Ngày sinh", "Giới tính", None, "Ngày vào Đảng", "Chính thức", "Dự bị"],
               [None, None, None, None, "Nam", "Nữ", None, None, None],
               [1, "001", "An", "02/01/1980", "x", None, "01/02/2010", "x", None],
               [2, "002", "Bình", "03/04/1990", None, "X", "01/06/2026", None, "x"],
               [3, "003", "Cường", "05/06/1970", "x", "x", "01/02/2000", "x", None]]
    ratings = [["CHI BỘ 1"], ["KẾT QUẢ XẾP LOẠI ĐẢNG VIÊN NĂM 2025"],
               ["STT", "Họ và tên", "Kết quả xếp loại", None, None, None],
               [None, None, "Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ",
                "Không hoàn thành nhiệm vụ"],
               [1, "An", None, "x", None, None], [2, "Bình", None, None, None, "x"]]
    path = write_workbook(tmp_path / "cb1.xlsx", {"Sheet1": members, "Sheet2": ratings}, {
        "Sheet1": ["E3:F3", *(f"{c}3:{c}4" for c in "ABCDGHI")], "Sheet2": ["C3:F3", "A3:A4", "B3:B4"]})
    roster = read(path)
    assert by_name(roster.members, "gender", "status") == {
        "An": ("male", "official"), "Bình": ("female", "probationary"), "Cường": (None, "official")}
    assert roster.sources[0].columns["gender"] == "E:F" and roster.sources[1].columns["rating"] == "C:F"
    assert roster.ratings.sort("_row").select(roster.id_text(), "year", "rating").rows() == [
        ("001", 2025, "HTTNV"), ("002", 2025, "KHTNV")]
    unknown = roster.issues.filter(pl.col("code") == "DAT005").select("field", "value").rows()
    assert unknown == [("gender", "Nam / Nữ")]
    sheets = json.loads(runner.invoke(app, ["inspect", str(path), "--format", "json"]).output)["sheets"]
    assert sheets[1]["fields"]["rating"] == {"column": "C:F", "header": "Kết quả xếp loại › Hoàn thành xuất sắc "
                                             "nhiệm vụ … Kết quả xếp loại › Không hoàn thành nhiệm vụ"}


def _book_under_each(path, sheet: str, title: str, titles: list[str], subs: list[str], cells: dict[str, list]):
    """A workbook of the members of `cells` (card → the row's cells under the titles) and `sheet`, laid out as
    a branch keeps it: its title, then a two-row header, each title merged over the sub-labels, a row each."""
    from openpyxl.utils import get_column_letter

    top, below, merges = [], [], []
    for name in titles:
        start = 3 + len(top)
        top += [name, *[None] * (len(subs) - 1)]
        below += subs
        merges.append(f"{get_column_letter(start + 1)}3:{get_column_letter(start + len(subs))}3")
    people = list(enumerate(cells.items(), 1))
    return write_workbook(path, {
        "Đảng viên": member_rows(*[[card, f"Người {i}", "02/01/1980", "CHI BỘ 1", "01/02/2010", "01/02/2011"]
                                  for i, (card, _) in people]),
        sheet: [["CHI BỘ 1"], [title], ["STT", "Số thẻ", "Họ và tên", *top], [None, None, None, *below],
                *[[i, card, f"Người {i}", *row] for i, (card, row) in people]]},
        {sheet: [*merges, "A3:A4", "B3:B4", "C3:C4"]})


def test_an_attendance_book_with_a_cross_under_the_mark_of_each_month(tmp_path):
    """Sổ theo dõi sinh hoạt: "Tháng 1" merged over Có mặt | Vắng có lý do | Vắng không lý do, a cross in
    one of them. The sub-row was read as a member (DAT006) and its labels as 24 unknown marks (DAT005), and
    every cross as present: three unexcused months were never seen."""
    crosses = {"001": {}, "002": {3: 1}, "003": {2: 2, 5: 2, 8: 2}}  # month → sub-column (1 excused, 2 unexcused)
    cells = {card: ["x" if k == theirs.get(m, 0) else None for m in range(1, 11) for k in range(3)]
             for card, theirs in crosses.items()}
    path = _book_under_each(tmp_path / "sinh-hoat.xlsx", "Sinh hoạt 2026", "SỔ THEO DÕI SINH HOẠT ĐẢNG NĂM 2026",
                            [f"Tháng {m}" for m in range(1, 13)], ["Có mặt", "Vắng có lý do", "Vắng không lý do"],
                            cells)
    roster = read(path)
    assert roster.issues.filter(pl.col("code").is_in(["DAT005", "DAT006"])).height == 0
    marks = month_records(roster, "attendance").filter(pl.col("mark") != "present")
    assert marks.select(roster.id_text(), pl.col("month").dt.month(), "mark").rows() == [
        ("002", 3, "excused"), ("003", 2, "unexcused"), ("003", 5, "unexcused"), ("003", 8, "unexcused")]
    assert month_records(roster, "attendance").filter(pl.col("mark") == "present").height == 30 - 4
    assert roster.sources[1].columns["2026-01"] == "D:F"
    result = audit(roster, as_of=date(2026, 11, 30), config=Config(), select_codes=["ATT001"], lang="en")
    assert result.findings.get_column("member_id").to_list() == ["003"]


@pytest.mark.parametrize("title, month", [("DANH SÁCH ĐẢNG VIÊN DỰ SINH HOẠT CHI BỘ THÁNG 5 NĂM 2026", 5),
                                          ("DANH SÁCH ĐẢNG VIÊN DỰ SINH HOẠT CHI BỘ", None)])
def test_a_meetings_roll_call_a_cross_under_the_mark_the_month_in_its_title(tmp_path, title, month):
    """A roll call kept by name: Có mặt | Vắng có lý do | Vắng không lý do, a cross in the member's, the
    meeting's month only in the title (was skipped: no header found). A roll call whose title names no month
    counts for no month, and says so for each row (DAT001), never dropped unseen."""
    path = write_workbook(tmp_path / "diem-danh.xlsx", {
        "Đảng viên": member_rows(["001", "An", "02/01/1980", "CHI BỘ 1", "01/02/2010", "01/02/2011"],
                                 ["002", "Bình", "02/01/1980", "CHI BỘ 1", "01/02/2010", "01/02/2011"]),
        "Điểm danh": [["CHI BỘ 1"], [title], ["STT", "Họ và tên", "Có mặt", "Vắng có lý do", "Vắng không lý do"],
                      [1, "An", "x", None, None], [2, "Bình", None, None, "x"]]})
    roster = read(path)
    marks = month_records(roster, "attendance").select(roster.id_text(),
                                                       pl.col("month").dt.month(), "mark").rows()
    missing = roster.issues.filter((pl.col("code") == "DAT001") & (pl.col("field") == "meeting_date"))
    if month:
        assert marks == [("001", 5, "present"), ("002", 5, "unexcused")] and missing.height == 0
    else:
        assert marks == [] and missing.select("_row").rows() == [(4,), (5,)]


def test_a_dues_book_with_the_amount_and_a_signature_under_each_month(tmp_path):
    """Sổ thu đảng phí: "Tháng 1" merged over Số tiền | Ký nộp. The amount is the month's; the signature
    column (empty: people sign on paper) is no month, so its empty cells are no unpaid months."""
    paid = {"001": range(1, 12), "002": [1, 2, 3, 4, 9, 10, 11]}  # 002 paid nothing in May to August
    cells = {card: [x for m in range(1, 13) for x in (30000 if m in months else None, None)]
             for card, months in paid.items()}
    path = _book_under_each(tmp_path / "dang-phi.xlsx", "Đảng phí 2026", "SỔ THU ĐẢNG PHÍ NĂM 2026",
                            [f"Tháng {m}" for m in range(1, 13)], ["Số tiền", "Ký nộp"], cells)
    roster = read(path)
    assert roster.issues.filter(pl.col("code").is_in(["DAT005", "DAT006"])).height == 0
    states = month_records(roster, "dues")
    assert states.filter(pl.col("state") == "paid").group_by(roster.id_text()).len().sort(
        "member_id").rows() == [("001", 11), ("002", 7)]
    assert roster.sources[1].unused["E"] == "Tháng 1 › Ký nộp"
    result = audit(roster, as_of=date(2026, 11, 30), config=Config(), select_codes=["DUE001"], lang="en")
    assert result.findings.get_column("member_id").to_list() == ["002"]


def test_ratings_of_several_years_each_a_cross_under_its_rating(tmp_path):
    """"Năm 2024" and "Năm 2025" each merged over the four ratings, a cross under the member's: each year its
    rating (were: one rating of two crosses, DAT005, and no year: DAT002)."""
    levels = ["Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ", "Hoàn thành nhiệm vụ",
              "Không hoàn thành nhiệm vụ"]
    given = {"001": (0, 1), "002": (3, 3), "003": (3, 2)}
    cells = {card: ["x" if k == level else None for level in years for k in range(4)] for card, years in given.items()}
    path = _book_under_each(tmp_path / "xep-loai.xlsx", "Xếp loại", "KẾT QUẢ XẾP LOẠI ĐẢNG VIÊN",
                            ["Năm 2024", "Năm 2025"], levels, cells)
    roster = read(path)
    assert roster.issues.filter(pl.col("code").is_in(["DAT002", "DAT005"])).height == 0
    assert roster.ratings.sort("member_id", "year").select(roster.id_text(), "year", "rating"
                                                            ).rows() == [
        ("001", 2024, "HTXSNV"), ("001", 2025, "HTTNV"), ("002", 2024, "KHTNV"), ("002", 2025, "KHTNV"),
        ("003", 2024, "KHTNV"), ("003", 2025, "HTNV")]
    result = audit(roster, as_of=date(2026, 11, 30), config=Config(), select_codes=["RAT001"], lang="en")
    assert result.findings.get_column("member_id").to_list() == ["002"]


@pytest.mark.parametrize("subs, stands", [(["Tự xếp loại", "Chi bộ đề nghị", "Đảng ủy quyết định"], 2),
                                          (["Tự xếp loại", "Chi bộ đề nghị"], 1), (["Chi bộ đề nghị", "Xếp loại"], 1)])
def test_ratings_of_several_years_each_over_its_ratings_by_whom(tmp_path, subs, stands):
    """"Năm 2024" and "Năm 2025" each merged over the member's own rating, the branch's proposal and the
    committee's decision: each year the committee's (the branch's where it is alone; the member's own never).
    Were no rating at all (no year: DAT002)."""
    given = {"2024": ["HTXSNV", "HTTNV", "HTNV"], "2025": ["HTTNV", "HTNV", "KHTNV"]}
    path = _book_under_each(tmp_path / "xep-loai.xlsx", "Xếp loại", "KẾT QUẢ XẾP LOẠI ĐẢNG VIÊN",
                            ["Năm 2024", "Năm 2025"], subs,
                            {"001": [*given["2024"][:len(subs)], *given["2025"][:len(subs)]]})
    roster = read(path)
    assert roster.ratings.sort("year").select("year", "rating").rows() == [
        (2024, given["2024"][stands]), (2025, given["2025"][stands])]
    assert roster.issues.filter(pl.col("code").is_in(["DAT002", "DAT005"])).height == 0


# --- seeing what was read ----------------------------------------------------------------------------------------


def test_inspect_names_every_sheet_field_and_unused_header(register, database):
    result = runner.invoke(app, ["inspect", str(register), str(database), "--format", "json"])
    assert result.exit_code == 0, result.output
    sheets = {s["sheet"]: s for s in json.loads(result.stdout)["sheets"]}
    assert sheets["So DSDV"]["read_as"] == "members" and sheets["So DSDV"]["numbering_row"] == 5
    assert sheets["So DSDV"]["fields"]["member_id"] == {"column": "H:O",
                                                         "header": "Số thẻ đảng viên, số lý lịch đảng viên"}
    assert sheets["Ban sao"]["reason"] == "skip.hidden"
    assert sheets["DanhSachDangVien"]["unused"]["B"] == "ID (UUID)"
    text = runner.invoke(app, ["inspect", str(database), "--lang", "en"])
    assert text.exit_code == 0 and "[aliases.members]" in text.output and '# FIELD = ["Quốc gia"]' in text.output
    assert "STT" not in text.output.split("[aliases.members]")[1]


def test_examples_hold_a_register_and_a_database_file_that_the_audit_reads():
    from pathlib import Path

    examples = Path(__file__).parents[1] / "examples"
    result = runner.invoke(app, ["audit", str(examples), "--as-of", "2026-11-30", "--format", "json"])
    assert result.exit_code == 0, result.output
    findings = json.loads(result.stdout)["findings"]
    units = {f["unit"] for f in findings}
    assert REGISTER_UNIT in units and DATABASE_UNIT in units


def test_a_name_two_members_of_the_branch_have_is_never_given_to_one_of_them(tmp_path):
    path = write_workbook(tmp_path / "trung-ten.xlsx", {
        "Đảng viên": member_rows(["001", "Trần Văn Nam", "02/01/1980", "CHI BỘ 1", "01/02/2010", None],
                                 ["002", "TRẦN VĂN NAM", "05/05/1990", "CHI BỘ 1", "01/02/2015", None]),
        "Sheet1": [["CHI BỘ 1"], ["BIÊN BẢN NỘP ĐẢNG PHÍ THÁNG 7 NĂM 2026"], ["STT", "HỌ VÀ TÊN", "SỐ THÁNG", "SỐ TIỀN"],
                   [1, "Trần Văn Nam", 1, "30.000"]]})
    roster = read(path)
    assert month_records(roster, "dues").select(roster.id_text()).to_series().to_list() == ["Trần Văn Nam"]
    result = audit(roster, as_of=date(2026, 11, 30), config=Config(), select_codes=["DAT006"], lang="en")
    (finding,) = result.findings.iter_rows(named=True)
    assert (finding["value"], finding["row"], json.loads(finding["evidence"])["detail"]) == (
        "Trần Văn Nam", 4, "name_ambiguous")


def test_candidates_discipline_and_comments_sheets_as_boards_keep_them(tmp_path):
    """A candidates sheet with its steps' dates under long headers, a discipline sheet and a residence
    comments sheet kept by name (no card column): each read into its table, the names matched to members."""
    members = member_rows(["001", "Nguyễn Văn An", "02/01/1980", "Chi bộ 1", "01/02/2010", "01/02/2011"],
                          ["002", "Trần Thị Bình", "03/03/1985", "Chi bộ 1", "01/02/2012", "01/02/2013"])
    path = write_workbook(tmp_path / "chi-bo-1.xlsx", {
        "Danh sách đảng viên": members,
        "Quần chúng ưu tú": [
            ["CHI BỘ 1"], ["DANH SÁCH QUẦN CHÚNG ƯU TÚ"], [],
            ["STT", "Họ và tên", "Ngày sinh", "Chi bộ", "Lớp bồi dưỡng nhận thức về Đảng (ngày cấp giấy)",
             "Ngày làm đơn", "Người giới thiệu thứ nhất", "Người giới thiệu thứ hai", "Nghị quyết chi bộ (ngày)",
             "Quyết định kết nạp (số, ngày)", "Ngày lễ kết nạp"],
            [1, "Lê Văn Cường", "05/05/2000", "Chi bộ 1", "01/03/2026", "15/03/2026", "001", "Trần Thị Bình",
             "10/04/2026", None, None],
            [], ["NGƯỜI LẬP BIỂU"]],
        "Kỷ luật": [["DANH SÁCH ĐẢNG VIÊN BỊ KỶ LUẬT"], [],
                    ["STT", "Họ và tên", "Chi bộ", "Ngày quyết định", "Hình thức kỷ luật", "Lý do"],
                    [1, "NGUYỄN VĂN AN", "Chi bộ 1", "01/09/2026", "Cảnh cáo", "Vi phạm"]],
        "Nhận xét nơi cư trú": [["NHẬN XÉT CỦA CHI ỦY NƠI CƯ TRÚ"], [],
                                ["STT", "Họ và tên", "Chi bộ", "Năm", "Nội dung nhận xét"],
                                [1, "Trần Thị Bình", "Chi bộ 1", 2025, "Gương mẫu"]],
    })
    roster = read_roster([path])
    candidate = roster.candidates.row(0, named=True)
    assert (candidate["full_name"], candidate["applied_on"], candidate["resolved_on"], candidate["decided_on"]) == (
        "Lê Văn Cường", date(2026, 3, 15), date(2026, 4, 10), None)
    assert (candidate["introducer_1"], candidate["introducer_2"]) == ("001", "Trần Thị Bình")
    assert roster.discipline.select(roster.id_text(), "form", "decided_on").rows() == [
        ("001", "warning", date(2026, 9, 1))]
    assert roster.comments.select(roster.id_text(), "year").rows() == [("002", 2025)]
    result = audit(roster, as_of=date(2026, 11, 30), config=Config(), select_codes=["ADM004"], lang="vi")
    assert result.findings.height == 0  # two official introducers, one by card and one by name


@pytest.mark.parametrize("cell", ["15/06/1985 - 15/06/1986", "15/06/1985, 15/06/1986", "15/06/1985; 15/06/1986",
                                  "15/06/1985 – 15/06/1986", "VĐ: 15/06/1985 CT: 15/06/1986", "15/06/1985\n15/06/1986"])
def test_two_dates_typed_on_one_line_under_a_header_naming_both(tmp_path, cell):
    """"Ngày vào Đảng, ngày chính thức" with both dates on one line, as lists typed by hand have them (were
    one unreadable date, DAT002, and every such member probationary); one date alone is the first."""
    path = write_workbook(tmp_path / "ds.xlsx", {"DS": [
        ["CHI BỘ 3"], ["STT", "Số thẻ", "Họ và tên", "Ngày sinh", "Ngày vào Đảng, ngày chính thức"],
        [1, "09000001", "Ông Văn Một", "02/01/1960", cell], [2, "09000002", "Bà Thị Hai", "02/01/1990", "01/06/2026"]]})
    roster = read(path)
    assert roster.members.sort("_row").select("admission_date", "official_date", "status").rows() == [
        (date(1985, 6, 15), date(1986, 6, 15), "official"), (date(2026, 6, 1), None, "probationary")]
    assert roster.issues.filter(pl.col("code") == "DAT002").height == 0


@pytest.mark.parametrize("name, facts", [("Trần Thị Bình, 03/04/1962", "Nữ, Kinh, Không"),
                                         ("Trần Thị Bình - 03/04/1962", "Nữ - Kinh - Không"),
                                         ("Trần Thị Bình (03/04/1962)", "Nữ; Kinh; Không"),
                                         ("Trần Thị Bình\n03/04/1962", "Nữ\nKinh\nKhông")])
def test_a_registers_facts_typed_on_one_line_of_a_cell(tmp_path, name, facts):
    """A register typed by hand: the name and birth date, and sex, ethnicity and religion, on one line of their
    cell (were the name "Trần Thị Bình, 03/04/1962" with no birth date, DAT001, and a gender "Nữ, Kinh, Không",
    DAT005). Two texts are not split (an occupation may hold a comma)."""
    path = write_workbook(tmp_path / "so.xlsx", {"So DSDV": [
        ["CHI BỘ 3"], ["SỔ DANH SÁCH ĐẢNG VIÊN"],
        ["STT", "HỌ VÀ TÊN / Họ tên khai sinh", "Nam, nữ, dân tộc, tôn giáo", "Ngày vào Đảng, ngày chính thức",
         "Nghề nghiệp trước khi vào Đảng, nghề nghiệp hiện nay", "Số thẻ đảng viên"],
        [1, name, facts, "15/06/1995\n15/06/1996", "Cán bộ, công chức", "09000001"]]})
    roster = read(path)
    assert roster.members.select("full_name", "birth_date", "gender", "ethnicity", "religion", "occupation").rows() == [
        ("Trần Thị Bình", date(1962, 4, 3), "female", "Kinh", "Không", None)]  # the occupation now: no second line
    assert roster.issues.filter(pl.col("code").is_in(["DAT001", "DAT005"])).height == 0


def test_a_name_written_after_đ_c_is_that_name(tmp_path):
    """Introducers written "Đ/c Nguyễn Văn An" (comrade), and a dues record by name the same way: the members
    of that name (were no one: ADM004 said an introducer was not a member, DAT006 the record named no one)."""
    members = member_rows(["001", "Nguyễn Văn An", "02/01/1980", "Chi bộ 1", "01/02/2010", "01/02/2011"],
                          ["002", "Trần Thị Bình", "03/03/1985", "Chi bộ 1", "01/02/2012", "01/02/2013"])
    path = write_workbook(tmp_path / "chi-bo-1.xlsx", {
        "Danh sách đảng viên": members,
        "Quần chúng ưu tú": [
            ["CHI BỘ 1"], ["STT", "Họ và tên", "Ngày sinh", "Ngày làm đơn", "Người giới thiệu thứ nhất",
                           "Người giới thiệu thứ hai", "Nghị quyết chi bộ (ngày)"],
            [1, "Lê Văn Cường", "05/05/2000", "15/03/2026", "Đ/c Nguyễn Văn An", "đ/c Trần Thị Bình", "10/04/2026"]],
        "Đảng phí": [["CHI BỘ 1"], ["STT", "Họ và tên", "Tháng", "Số tiền"], [1, "Đ/c Trần Thị Bình", "09/2026", "30000"]],
    })
    roster = read(path)
    assert roster.dues.select(roster.id_text()).rows() == [("002",)]
    assert roster.issues.filter(pl.col("code") == "DAT006").height == 0
    result = audit(roster, as_of=date(2026, 11, 30), config=Config(), select_codes=["ADM004"], lang="en")
    assert result.findings.height == 0


@pytest.mark.parametrize("cell", ["Nguyễn Văn An, Trần Thị Bình", "1. Đ/c Nguyễn Văn An\n2. Đ/c Trần Thị Bình",
                                  "001; 002", "- Nguyễn Văn An\n- 002"])
def test_both_introducers_written_in_one_cell(tmp_path, cell):
    """One "Người giới thiệu" column holding both introducers (were one introducer of two names: ADM004 said
    the introducer was no member and the second missing)."""
    members = member_rows(["001", "Nguyễn Văn An", "02/01/1980", "Chi bộ 1", "01/02/2010", "01/02/2011"],
                          ["002", "Trần Thị Bình", "03/03/1985", "Chi bộ 1", "01/02/2012", "01/02/2013"])
    path = write_workbook(tmp_path / "chi-bo-1.xlsx", {
        "Danh sách đảng viên": members,
        "Quần chúng ưu tú": [["CHI BỘ 1"], ["STT", "Họ và tên", "Ngày sinh", "Ngày làm đơn", "Người giới thiệu",
                                            "Nghị quyết chi bộ (ngày)"],
                             [1, "Lê Văn Cường", "05/05/2000", "15/03/2026", cell, "10/04/2026"]]})
    roster = read(path)
    assert roster.candidates.select("introducer_1", "introducer_2").row(0)[1] is not None
    result = audit(roster, as_of=date(2026, 11, 30), config=Config(), select_codes=["ADM004"], lang="en")
    assert result.findings.height == 0


def test_more_words_of_candidates_transfers_units_dues_and_comments_sheets(tmp_path):
    """Headers as other boards write them, each once read wrong or not at all: "Số quyết định kết nạp" (a
    number, taken for the decision date: DAT002), "Ngày chi bộ ra nghị quyết", "Đảng viên giới thiệu";
    "Ngày ký giấy giới thiệu", "Ngày đến", "Ngày hết hạn"; "Tên tổ chức đảng", "Trực thuộc", "Loại hình chi bộ"
    (was the branch); "Số tiền phải nộp" (owed, was taken for paid) beside "Số tiền đã nộp"; "Nhận xét của chi
    bộ nơi cư trú" (was the branch). A branch's list of candidates with no branch column takes the branch
    of its title (was skipped)."""
    members = member_rows(["001", "Nguyễn Văn An", "02/01/1980", "Chi bộ 1", "01/02/2010", "01/02/2011"],
                          ["002", "Trần Thị Bình", "03/03/1985", "Chi bộ 1", "01/02/2012", "01/02/2013"])
    path = write_workbook(tmp_path / "chi-bo-1.xlsx", {
        "Danh sách đảng viên": members,
        "Phát triển đảng viên": [
            ["CHI BỘ 1"], ["DANH SÁCH ĐỐI TƯỢNG KẾT NẠP ĐẢNG"],
            ["STT", "Họ và tên", "Ngày sinh", "Ngày nộp đơn", "Đảng viên giới thiệu", "Ngày chi bộ ra nghị quyết",
             "Số quyết định kết nạp", "Ngày quyết định kết nạp"],
            [1, "Lê Văn Cường", "05/05/2000", "15/03/2026", "001", "10/04/2026", "125-QĐ/ĐU", "20/05/2026"]],
        "Chuyển sinh hoạt": [
            ["STT", "Số thẻ", "Họ và tên", "Nơi chuyển đến", "Ngày ký giấy giới thiệu", "Ngày đến", "Hình thức",
             "Ngày hết hạn"],
            [1, "002", "Trần Thị Bình", "Đảng bộ xã Yên Sở", "01/09/2026", "05/09/2026", "Tạm thời", "01/03/2027"]],
        "Chi bộ": [["Tên tổ chức đảng", "Trực thuộc", "Loại hình chi bộ"],
                   ["Chi bộ 1", "Đảng bộ phường Hoa Sen", "Khu dân cư"]],
        "Đảng phí": [["CHI BỘ 1"], ["Số thẻ", "Họ và tên", "Tháng", "Số tiền phải nộp", "Số tiền đã nộp"],
                     ["001", "Nguyễn Văn An", "09/2026", "30000", "0"]],
        "Nhận xét nơi cư trú": [["STT", "Họ và tên", "Năm", "Nhận xét của chi bộ nơi cư trú"],
                                [1, "Trần Thị Bình", 2025, "Gương mẫu"]],
    })
    roster = read(path)
    assert roster.issues.filter(pl.col("code").is_in(["DAT002", "DAT005"])).height == 0
    candidate = roster.candidates.row(0, named=True)
    assert (candidate["introducer_1"], candidate["resolved_on"], candidate["decided_on"]) == (
        "001", date(2026, 4, 10), date(2026, 5, 20))
    assert roster.transfers.select("issued_on", "received_on", "kind", "until").rows() == [
        (date(2026, 9, 1), date(2026, 9, 5), "temporary", date(2027, 3, 1))]
    assert roster.units.select("unit", "parent_unit", "kind").rows() == [
        ("Chi bộ 1", "Đảng bộ phường Hoa Sen", "residential")]
    assert month_records(roster, "dues").select("state").rows() == [("unpaid",)]
    assert roster.comments.select(roster.id_text(), "comment").rows() == [("002", "Gương mẫu")]


def test_a_transfers_list_naming_the_units_it_goes_from_and_to(tmp_path):
    """"Đơn vị đi" | "Đơn vị đến": the units a member leaves and goes to (were no columns: the transfer's
    destination unknown to TRF001-TRF003)."""
    members = member_rows(["001", "Nguyễn Văn An", "02/01/1980", "Chi bộ 1", "01/02/2010", "01/02/2011"])
    path = write_workbook(tmp_path / "chi-bo-1.xlsx", {"Danh sách đảng viên": members, "Chuyển sinh hoạt": [
        ["STT", "Số thẻ", "Họ và tên", "Đơn vị đi", "Đơn vị chuyển đến", "Ngày chuyển đi", "Hình thức"],
        [1, "001", "Nguyễn Văn An", "Chi bộ 1", "Đảng bộ xã Yên Sở", "01/09/2026", "Chính thức"]]})
    assert read(path).transfers.select("from_unit", "to_unit", "issued_on").rows() == [
        ("Chi bộ 1", "Đảng bộ xã Yên Sở", date(2026, 9, 1))]


@pytest.mark.parametrize("sheet", ["Sheet1", "Giới thiệu SHĐ"])
def test_the_transfers_book_mau_10_shd_is_read_as_transfers(tmp_path, sheet):
    """Sổ giới thiệu sinh hoạt đảng (Mẫu 10-SHĐ): the title names the table even where the sheet does not, and
    its header fits a members list better ("Họ và tên, Ngày sinh", "Ngày vào Đảng, ngày chính thức", "Số thẻ
    đảng viên"); the name cell's second line, a birth date this table does not keep, stays out of the name."""
    members = member_rows(["21003301", "Phan Văn Tâm", "12/03/1961", "Chi bộ 4", "12/05/1985", "12/05/1986"],
                          ["21003302", "Vũ Thị Lan", "04/07/1979", "Chi bộ 4", "02/09/2003", "02/09/2004"])
    top = ["Số TT", "Ngày giới thiệu đảng viên đi, ngày tiếp nhận đảng viên đến", "Họ và tên, Ngày sinh",
           "Ngày vào Đảng, ngày chính thức", "Số thẻ đảng viên", "GIỚI THIỆU ĐẢNG VIÊN ĐI", None, None, "Ghi chú"]
    sub = [None] * 5 + ["Tổ chức cơ sở đảng nơi đảng viên đến SHĐ", "Cấp ủy trực tiếp giới thiệu đảng viên đi",
                        "Cấp ủy trực tiếp nhận và giới thiệu đảng viên", None]
    book = [["ĐẢNG BỘ PHƯỜNG LÁNG THƯỢNG"], ["SỔ GIỚI THIỆU SINH HOẠT ĐẢNG"], top, sub, list(range(1, 10)),
            [1, "05/03/2026", "Phan Văn Tâm\n12/03/1961", "12/05/1985\n12/05/1986", "21003301",
             "Đảng bộ xã Đông Anh", "Đảng ủy phường Láng Thượng", "Huyện ủy Đông Anh", None],
            [2, "10/06/2026", "Vũ Thị Lan\n04/07/1979", "02/09/2003\n02/09/2004", "21003302",
             "Đảng bộ Công ty Ánh Dương", "Đảng ủy phường Láng Thượng", None, None]]
    path = write_workbook(tmp_path / "chi-bo-4.xlsx", {"Danh sách đảng viên": members, sheet: book},
                          {sheet: ["F3:H3", *(f"{c}3:{c}4" for c in "ABCDEI")]})
    roster = read_roster([path], workers=1)
    assert [s.kind for s in roster.sources] == ["members", "transfers"]
    assert roster.transfers.sort("_row").select(
        roster.id_text(), "issued_on", "received_on", "to_unit").rows() == [
        ("21003301", date(2026, 3, 5), None, "Đảng bộ xã Đông Anh"),
        ("21003302", date(2026, 6, 10), None, "Đảng bộ Công ty Ánh Dương")]
    loaded = load_file(str(path))
    assert loaded.tables[1].frame["full_name"].to_list() == ["Phan Văn Tâm", "Vũ Thị Lan"]


def test_the_transfers_books_one_date_is_the_day_received_for_a_member_received_here(tmp_path):
    """Mẫu 10-SHĐ's both halves: a member sent (the destination filled) has the date as sent; a member received
    here (where they came from, no destination) as received: never a letter not presented (TRF001). The kind
    is the column of crosses: under "CHUYỂN SINH HOẠT ĐẢNG CHÍNH THỨC" official, "… tạm thời" temporary."""
    members = member_rows(["21003301", "Phan Văn Tâm", "12/03/1961", "Chi bộ 4", "12/05/1985", "12/05/1986"],
                          ["21003303", "Lê Văn Tới", "01/01/1990", "Chi bộ 4", "02/09/2013", "02/09/2014"])
    top = ["Số TT", "Ngày giới thiệu đảng viên đi, ngày tiếp nhận đảng viên đến", "Họ và tên, Ngày sinh",
           "Số thẻ đảng viên", "GIỚI THIỆU ĐẢNG VIÊN ĐI", None, "TIẾP NHẬN ĐẢNG VIÊN ĐẾN", None,
           "CHUYỂN SINH HOẠT ĐẢNG CHÍNH THỨC", None, "Chuyển sinh hoạt đảng tạm thời"]
    sub = [None] * 4 + ["Tổ chức cơ sở đảng nơi đảng viên đến SHĐ", "Cấp ủy trực tiếp giới thiệu đảng viên đi",
                        "TCCS Đảng nơi giới thiệu đảng viên chuyển SHĐ đi", "Cấp ủy trực tiếp giới thiệu đảng viên đến",
                        "Ngoài tỉnh đến", "Trong tỉnh đến", None]
    book = [["SỔ GIỚI THIỆU SINH HOẠT ĐẢNG"], top, sub,
            [1, "05/03/2026", "Phan Văn Tâm\n12/03/1961", "21003301", "Đảng bộ xã Đông Anh", "Đảng ủy phường X",
             None, None, None, "x", None],
            [2, "12/08/2026", "Lê Văn Tới\n01/01/1990", "21003303", None, None, "Đảng bộ phường Kim Liên",
             "Quận ủy Đống Đa", None, None, "x"]]
    path = write_workbook(tmp_path / "so.xlsx", {"Danh sách đảng viên": members, "Sheet1": book},
                          {"Sheet1": ["E2:F2", "G2:H2", "I2:J2", *(f"{c}2:{c}3" for c in "ABCDK")]})
    roster = read_roster([path], workers=1)
    assert roster.transfers.sort("_row").select(
        roster.id_text(), "issued_on", "received_on", "from_unit", "to_unit", "kind").rows() == [
        ("21003301", date(2026, 3, 5), None, None, "Đảng bộ xã Đông Anh", "official"),
        ("21003303", None, date(2026, 8, 12), "Đảng bộ phường Kim Liên", None, "temporary")]
    result = audit(roster, as_of=date(2026, 11, 30), config=Config(), select_codes=["TRF001"], lang="en")
    assert result.findings.get_column("member_id").to_list() == ["21003301"]


def test_more_words_of_members_transfers_and_a_meetings_book_by_month(tmp_path):
    """Headers and codes as other boards write them, each once read wrong or not at all: "Hộ khẩu thường trú"
    (no residence), "Miễn SH từ ngày" / "Miễn SH đến ngày" (the exemption unbounded: every month exempt),
    "Tổ chức cơ sở đảng" (no committee); a transfers book's kinds written "CT", "TT", "Tạm" (unknown, DAT005,
    TRF003 never); a meetings book keeping the month, not the day ("Tháng": 05/2026, T6, Tháng 7), whose
    marks were each listed without a meeting date and counted for no month (ATT001 silent)."""
    header = ["STT", "Số thẻ đảng viên", "Họ và tên", "Ngày sinh", "Chi bộ", "Tổ chức cơ sở đảng", "Ngày vào Đảng",
              "Ngày chính thức", "Hộ khẩu thường trú", "Tình trạng", "Miễn SH từ ngày", "Miễn SH đến ngày"]
    path = write_workbook(tmp_path / "chi-bo-2.xlsx", {
        "Danh sách đảng viên": [
            ["DANH SÁCH ĐẢNG VIÊN NĂM 2026"], header,
            [1, "001", "Nguyễn Văn An", "02/01/1960", "Chi bộ 2", "Đảng bộ phường Hoa Sen", "01/02/1990",
             "01/02/1991", "Tổ 5, phường Hoa Sen", "Miễn sinh hoạt", "01/01/2026", "31/03/2026"],
            [2, "002", "Trần Thị Bình", "03/03/1985", "Chi bộ 2", "Đảng bộ phường Hoa Sen", "01/02/2012",
             "01/02/2013", "Tổ 7, phường Hoa Sen", None, None, None]],
        "Chuyển sinh hoạt": [
            ["STT", "Số thẻ", "Họ và tên", "Nơi chuyển đến", "Ngày cấp giấy", "Loại"],
            [1, "001", "Nguyễn Văn An", "Đảng bộ xã Yên Sở", "01/09/2026", "CT"],
            [2, "002", "Trần Thị Bình", "Đảng bộ xã Yên Sở", "01/03/2025", "TT"],
            [3, "002", "Trần Thị Bình", "Đảng bộ xã Yên Sở", "01/09/2024", "Tạm"]],
        "Sổ sinh hoạt": [
            ["SỔ THEO DÕI SINH HOẠT CHI BỘ NĂM 2026"],
            ["STT", "Số thẻ", "Họ và tên", "Tháng", "Điểm danh"],
            [1, "002", "Trần Thị Bình", "05/2026", "Vắng không lý do"],
            [2, "002", "Trần Thị Bình", "T6", "Vắng không lý do"],
            [3, "002", "Trần Thị Bình", "Tháng 7", "Vắng không lý do"],
            [4, "001", "Nguyễn Văn An", "T2", "Vắng không lý do"]],
    })
    roster = read_roster([path], workers=1)
    assert roster.issues.filter(pl.col("code").is_in(["DAT001", "DAT002", "DAT005"])).height == 0
    assert roster.members.sort("_row").select("parent_unit", "residence", "exempt_from", "exempt_to").rows() == [
        ("Đảng bộ phường Hoa Sen", "Tổ 5, phường Hoa Sen", date(2026, 1, 1), date(2026, 3, 31)),
        ("Đảng bộ phường Hoa Sen", "Tổ 7, phường Hoa Sen", None, None)]
    assert roster.transfers.sort("_row").get_column("kind").to_list() == ["official", "temporary", "temporary"]
    marks = month_records(roster, "attendance").select(roster.id_text(), "month", "mark")
    assert marks.rows() == [("001", date(2026, 2, 1), "unexcused"), ("002", date(2026, 5, 1), "unexcused"),
                            ("002", date(2026, 6, 1), "unexcused"), ("002", date(2026, 7, 1), "unexcused")]
    found = audit(roster, as_of=date(2026, 12, 1), select_codes=["ATT001", "TRF003"]).findings
    assert sorted(found.select("rule", "member_id").rows()) == [("ATT001", "002"), ("TRF003", "002")]


@pytest.mark.parametrize("cells", [(8, 0, 3), (11.0, "0", "1"), ("10", None, 2)])
def test_a_summary_of_meeting_counts_is_said_not_read_as_a_roll_call(tmp_path, cells):
    """A year's summary of how many meetings each member attended or missed (Có mặt | Vắng có lý do | Vắng
    không lý do holding counts) was read as a roll call: each row "two crosses" (an unknown mark, DAT005)
    and no meeting date, so attendance looked covered and ATT001 silent for a member who missed three. It
    says which months nobody knows: the sheet is skipped with that reason, and ATT001 says it had no table."""
    path = write_workbook(tmp_path / "tong-hop.xlsx", {
        "Đảng viên": member_rows(["001", "An", "02/01/1980", "CHI BỘ 1", "01/02/2010", "01/02/2011"]),
        "Sinh hoạt": [["CHI BỘ 1"], ["TỔNG HỢP SINH HOẠT ĐẢNG NĂM 2026"],
                      ["STT", "Số thẻ", "Họ và tên", "Có mặt", "Vắng có lý do", "Vắng không lý do"],
                      [1, "001", "An", *cells]]})
    roster = read(path)
    assert [(s.sheet, s.reason) for s in roster.skipped] == [("Sinh hoạt", "skip.attendance_counts")]
    assert not roster.has("attendance") and roster.issues.filter(pl.col("code") == "DAT005").height == 0
    result = audit(roster, as_of=date(2026, 12, 31), select_codes=["ATT001"])
    assert result.coverage["ATT001"]["skipped"] == ["no_table:attendance"]


def test_a_card_number_that_lost_its_leading_zeros_and_invisible_characters_pasted_in(tmp_path):
    """A card typed as a number loses its leading zero (1234567 in the list, 01234567 in the dues book, or the
    other way round): its dues were a stranger's (DAT006) and the member looked unpaid all year (DUE001, on
    the screening list). A zero-width space or a byte-order mark pasted in with a card number, a name or a
    date made them another text. Where two members' cards differ only in zeros, the record is neither's."""
    header = ["STT", "Số thẻ đảng viên", "Họ và tên", "Ngày sinh", "Chi bộ", "Ngày vào Đảng", "Ngày chính thức"]
    people = [(1234567, "Nguyễn Văn An"), ("0\u200b7654321", "Trần\u200b Thị Bình"), ("00555", "Lê Văn Cường"),
              ("0555", "Phạm Văn Dũng"), ("0888", "Hoàng Thị Én")]
    path = write_workbook(tmp_path / "chi-bo-3.xlsx", {
        "Danh sách đảng viên": [["DANH SÁCH ĐẢNG VIÊN"], header] + [
            [i, card, name, "02/01/1980", "Chi bộ 3", "\ufeff01/02/2010", "01/02/2011"]
            for i, (card, name) in enumerate(people, 1)],
        "Đảng phí": [["ĐẢNG PHÍ NĂM 2026"], ["STT", "Số thẻ", "Họ và tên", "T1", "T2", "T3"],
                     [1, "01234567", "Nguyễn Văn An", "x", "x", "x"], [2, "07654321", "Trần Thị Bình", "x", "x", "x"],
                     [3, "555", "Lê Văn Cường", "x", "x", "x"], [4, 888, "Hoàng Thị Én", "x", "x", "x"]]})
    roster = read(path)
    members = roster.members.sort("_row").select(roster.id_text(), "full_name", "admission_date")
    assert members.rows() == [(str(card).replace("\u200b", ""), name.replace("\u200b", ""), date(2010, 2, 1))
                              for card, name in people]
    dues = month_records(roster, "dues").select(roster.id_text()).unique().to_series()
    assert sorted(dues.to_list()) == ["07654321", "0888", "1234567", "555"]
    found = audit(roster, as_of=date(2026, 3, 31), select_codes=["DAT006", "DUE001"]).findings
    assert found.select("rule", "value").rows() == [("DAT006", "555")]


@pytest.mark.parametrize("numbers", [[f"({i})" for i in range(1, 9)], list(range(1, 9)), [f"{i}." for i in range(1, 9)]])
def test_a_list_with_its_columns_numbered_under_the_header_and_dates_pasted_with_a_time(tmp_path, numbers):
    """Official forms number their columns under the header, "(1) (2) … (8)": the numbers were read as a
    roll call's marks (a "1" is present) and the list as attendance, its members not read at all. A date
    pasted as text with its time ("01/02/1980 00:00:00", "1/2/1990 0:00") was unreadable (DAT002)."""
    header = ["TT", "Số thẻ\nđảng viên", "Họ và tên (1)", "Ngày sinh (*)", "Chi bộ", "Ngày vào\nĐảng",
              "Ngày chính thức (2)", "Ghi chú"]
    path = write_workbook(tmp_path / "ds.xlsx", {"DS đảng viên": [
        ["ĐẢNG BỘ PHƯỜNG HOA SEN"], ["DANH SÁCH ĐẢNG VIÊN CHI BỘ 4"], [], header, numbers,
        [1, "11111111", "Nguyễn Văn An", "01/02/1980 00:00:00", "Chi bộ 4", "2010-02-01 00:00:00", "1/2/2011 0:00", None],
        [2, "22222222", "Trần Thị Bình", "3/3/1985", "Chi bộ 4", "01-02-2012", "01.02.2013", "chuyển đến 2020"],
        ["Cộng", None, "2 đảng viên", None, None, None, None, None]]})
    roster = read(path)
    assert roster.sources[0].kind == "members" and roster.issues.height == 0
    assert roster.members.sort("_row").select("_row", "full_name", "birth_date", "admission_date", "official_date").rows() == [
        (6, "Nguyễn Văn An", date(1980, 2, 1), date(2010, 2, 1), date(2011, 2, 1)),
        (7, "Trần Thị Bình", date(1985, 3, 3), date(2012, 2, 1), date(2013, 2, 1))]


@pytest.mark.parametrize("column", ["Tình trạng", "Ghi chú", "Biến động"])
def test_what_became_of_a_member_written_with_its_date_or_place_in_the_status_or_the_notes(tmp_path, column):
    """A status with words after it ("Chuyển đi ngày 05/06/2026", "XT - QĐ 15 ngày 3/4/2026", "Chuyển sinh
    hoạt đến Đảng bộ xã X", "Mất ngày 2/3/2026") was an unknown status (DAT005) and the member current: a
    dead or departed member checked for meetings and dues. A list with no status column says it in its
    notes ("Ghi chú", "Biến động"), which were not read: the same. A note that is no status is no finding;
    a status's bare code ("XT") in notes is too short to tell and is left."""
    notes = ["Từ trần 5/6/2026", "Chuyển đi ngày 05/06/2026", "Chuyển sinh hoạt đến Đảng bộ xã Yên Sở",
             "Miễn SH (tuổi cao)", "Mất ngày 2/3/2026", "XT - QĐ 15 ngày 3/4/2026", "Gia đình chính sách", None,
             "Chuyển đến năm 2020"]
    header = ["STT", "Số thẻ", "Họ và tên", "Ngày sinh", "Chi bộ", "Ngày vào Đảng", "Ngày chính thức", column]
    path = write_workbook(tmp_path / "ds.xlsx", {"Danh sách đảng viên": [["DANH SÁCH ĐẢNG VIÊN"], header] + [
        [i, f"{i:08d}", f"Người Thứ {i}", "01/01/1970", "Chi bộ 1", "01/01/2000", "01/01/2001", note]
        for i, note in enumerate(notes, 1)]})
    roster = read(path)
    got = roster.members.sort("_row").select("status", "died_on", "transferred_out_on", "left_on").rows()
    status = column == "Tình trạng"
    assert got == [("deceased", date(2026, 6, 5), None, None), ("transferred", None, date(2026, 6, 5), None),
                   ("transferred", None, None, None), ("exempt", None, None, None),
                   ("deceased", date(2026, 3, 2), None, None),
                   ("removed", None, None, date(2026, 4, 3)) if status else ("official", None, None, None),
                   (None if status else "official", None, None, None), ("official", None, None, None),
                   (None if status else "official", None, None, None)]
    # an unknown status is shown as written, not as the words read as its status
    unknown = roster.issues.filter(pl.col("code") == "DAT005").select("value").rows()
    assert unknown == ([("Gia đình chính sách",), ("Chuyển đến năm 2020",)] if status else [])


@pytest.mark.parametrize("quarters", [["Quý I", "Quý II", "Quý III", "Quý IV"], ["Q1/2026", "Q2/2026", "Q3/2026", "Q4/2026"],
                                      ["Quý 1 năm 2026", "Quý 2 năm 2026", "Quý 3 năm 2026", "Quý 4 năm 2026"]])
def test_a_dues_book_kept_by_the_quarter(tmp_path, quarters):
    """Retirees often pay dues by the quarter: a column per quarter ("Quý I" … "Quý IV", "Q3/2026"). The
    sheet was read as dues with no month at all, silently: no record, DUE001 silent for a member who paid
    nothing since June. A quarter's cell is its three months'."""
    members = member_rows(["001", "Nguyễn Văn An", "02/01/1950", "Chi bộ 1", "01/02/1980", "01/02/1981"],
                          ["002", "Trần Thị Bình", "03/03/1955", "Chi bộ 1", "01/02/1982", "01/02/1983"])
    path = write_workbook(tmp_path / "dang-phi.xlsx", {"Danh sách": members, "Đảng phí": [
        ["CHI BỘ 1"], ["SỔ THU ĐẢNG PHÍ NĂM 2026"], ["STT", "Số thẻ", "Họ và tên", *quarters],
        [1, "001", "Nguyễn Văn An", 30000, 30000, None, None], [2, "002", "Trần Thị Bình", 30000, "x", "x", None]]})
    roster = read(path)
    dues = month_records(roster, "dues").filter(pl.col("state") == "paid").group_by(
        roster.id_text()).agg(pl.col("month").dt.month()).sort("member_id")
    assert dues.rows() == [("001", [1, 2, 3, 4, 5, 6]), ("002", [1, 2, 3, 4, 5, 6, 7, 8, 9])]
    assert roster.sources[1].columns["2026-08"] == "F"
    found = audit(roster, as_of=date(2026, 9, 30), select_codes=["DUE001"]).findings
    assert found.select("member_id").rows() == [("001",)]


def test_marks_as_books_type_them(tmp_path):
    """Attendance and dues marks as books type them, each an unknown mark before (DAT005, the month not
    counted: an unexcused absence unseen, an unpaid month taken for a blank one): "√" (the square-root sign,
    the check mark most workbooks type), "Vắng CP", "V/P", "nghỉ phép", "Vắng KP", "V/K", "không lý do";
    dues "đã đóng", "chưa đóng", "còn nợ"."""
    members = member_rows(["001", "An", "02/01/1980", "CB1", "01/02/2010", "01/02/2011"])
    attendance = ["√", "Vắng CP", "V/P", "nghỉ phép", "Vắng KP", "V/K", "không lý do"]
    dues = ["√", "đã đóng", "chưa đóng", "còn nợ", "Đóng", None, None]
    months = [f"T{m}" for m in range(1, 8)]
    path = write_workbook(tmp_path / "cb1.xlsx", {
        "Đảng viên": members,
        "Sinh hoạt 2026": [["Số thẻ", "Họ và tên", *months], ["001", "An", *attendance]],
        "Đảng phí 2026": [["Số thẻ", "Họ và tên", *months], ["001", "An", *dues]]})
    roster = read(path)
    assert roster.issues.filter(pl.col("code") == "DAT005").height == 0
    marks = month_records(roster, "attendance").select("mark").to_series().to_list()
    assert marks == ["present", "excused", "excused", "excused", "unexcused", "unexcused", "unexcused"]
    states = month_records(roster, "dues").select("state").to_series().to_list()
    assert states == ["paid", "paid", "unpaid", "unpaid", "paid", "blank", "blank"]


def test_a_workbook_keeping_a_members_list_a_year_reads_the_latest(tmp_path):
    """A branch's workbook with last year's list kept beside this year's ("DS 2025", "DS 2026"): both were
    read, so every member was on the list twice (DAT004 for each) and a member gone since (on the 2025 list
    only) still current, checked for meetings and dues. The latest year's list is the roster, the earlier
    one skipped with that reason; a sheet of other members under an old title (another branch) is read."""
    a = ["001", "Nguyễn Văn An", "02/01/1980", "Chi bộ 1", "01/02/2010", "01/02/2011"]
    b = ["002", "Trần Thị Bình", "03/03/1985", "Chi bộ 1", "01/02/2012", "01/02/2013"]
    c = ["003", "Lê Văn Cường", "03/03/1990", "Chi bộ 1", "01/02/2020", "01/02/2021"]
    d = ["004", "Phạm Văn Dũng", "03/03/1991", "Chi bộ 2", "01/02/2020", "01/02/2021"]
    path = write_workbook(tmp_path / "chi-bo.xlsx", {
        "DS 2025": member_rows(a, b, c), "DS 2026": member_rows(a, b),
        "Chi bộ 2": [["DANH SÁCH ĐẢNG VIÊN NĂM 2024"], *member_rows(d)[2:]]})
    roster = read(path)
    assert sorted(roster.members.select(roster.id_text()).to_series().to_list()) == ["001", "002", "004"]
    assert [(s.sheet, s.reason, s.params["kept"]) for s in roster.skipped] == [("DS 2025", "skip.older_list", "DS 2026")]
    assert audit(roster, as_of=date(2026, 12, 1), select_codes=["DAT004"]).findings.height == 0


def test_a_card_cell_saying_there_is_no_card_yet_and_a_sheet_named_after_its_area(tmp_path):
    """Probationary members have no card yet and lists say so in the card's cell ("Chưa có", "Đang chờ
    cấp", "-"): read as a card, the members sharing it were one member (DAT004, the second one checked by
    no rule). No digit, no card: each is known by name and birth date (DAT010, as a member without one). A
    committee's sheet per branch named after its area ("TDP1", "Thôn 3") without a branch column was skipped
    for want of one; its branch is its name."""
    header = ["STT", "Số thẻ đảng viên", "Họ và tên", "Ngày sinh", "Chi bộ", "Ngày vào Đảng", "Ngày chính thức"]
    path = write_workbook(tmp_path / "dang-bo.xlsx", {
        "Danh sách đảng viên": [header,
                                [1, "11111111", "Nguyễn Văn An", "01/01/1980", "Chi bộ 1", "01/01/2010", "01/01/2011"],
                                [2, "Chưa có", "Trần Thị Bình", "01/01/1999", "Chi bộ 1", "01/06/2026", None],
                                [3, "Chưa có", "Lê Văn Cường", "01/01/2000", "Chi bộ 1", "01/07/2026", None],
                                [4, "-", "Phạm Văn Dũng", "01/01/2001", "Chi bộ 1", "01/08/2026", None]],
        "TDP1": [["STT", "Số thẻ", "Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Ngày chính thức"],
                 [1, "22222222", "Vũ Văn Phúc", "01/01/1970", "01/01/2000", "01/01/2001"]],
        "Thôn 3": [["STT", "Số thẻ", "Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Ngày chính thức"],
                   [1, "33333333", "Đỗ Thị Giang", "01/01/1972", "01/01/2002", "01/01/2003"]]})
    roster = read(path)
    assert roster.skipped == []
    members = roster.members.sort("_src", "_row").select("full_name", "identified_by", "unit").rows()
    assert members == [("Nguyễn Văn An", "card", "Chi bộ 1"), ("Trần Thị Bình", "name_birth_date", "Chi bộ 1"),
                       ("Lê Văn Cường", "name_birth_date", "Chi bộ 1"), ("Phạm Văn Dũng", "name_birth_date", "Chi bộ 1"),
                       ("Vũ Văn Phúc", "card", "Chi bộ TDP1"), ("Đỗ Thị Giang", "card", "Chi bộ Thôn 3")]
    found = audit(roster, as_of=date(2026, 12, 1), select_codes=["DAT004", "DAT010"]).findings
    assert sorted(found.select("rule").to_series().to_list()) == ["DAT010"] * 3


@pytest.mark.parametrize("term, until", [("12 tháng", date(2026, 3, 1)), ("6 THÁNG", date(2025, 9, 1)),
                                         ("1 năm", date(2026, 3, 1)), ("01/06/2025", date(2025, 6, 1))])
def test_a_temporary_transfers_term_written_as_its_length(tmp_path, term, until):
    """"Thời hạn" written as the term's length ("12 tháng", "1 năm"), as transfer lists often do, was an
    unreadable date (DAT002) and the transfer had no end: TRF003 judged it by the 12 months' default only.
    It ends that long after the letter was issued."""
    members = member_rows(["002", "Trần Thị Bình", "03/03/1985", "Chi bộ 1", "01/02/2012", "01/02/2013"])
    path = write_workbook(tmp_path / "cb1.xlsx", {"Danh sách": members, "Chuyển sinh hoạt": [
        ["STT", "Số thẻ", "Họ và tên", "Hình thức", "Ngày giới thiệu", "Thời hạn"],
        [1, "002", "Trần Thị Bình", "Tạm thời", "01/03/2025", term]]})
    roster = read(path)
    assert roster.issues.height == 0
    assert roster.transfers.select("kind", "until").rows() == [("temporary", until)]


def test_a_dues_record_a_row_per_quarter(tmp_path):
    """A long dues record whose period is a quarter ("Quý I", "Quý II/2026", "Q3/2026") beside months ("T7"):
    the quarter was an unreadable month (DAT002) and counted for none. A quarter is its three months."""
    members = member_rows(["001", "Nguyễn Văn An", "02/01/1950", "Chi bộ 1", "01/02/1980", "01/02/1981"])
    path = write_workbook(tmp_path / "dp.xlsx", {"Danh sách": members, "Đảng phí 2026": [
        ["STT", "Số thẻ", "Họ và tên", "Tháng", "Số tiền"],
        [1, "001", "Nguyễn Văn An", "Quý I", 90000], [2, "001", "Nguyễn Văn An", "Quý II/2026", 90000],
        [3, "001", "Nguyễn Văn An", "T7", 30000], [4, "001", "Nguyễn Văn An", "Q3/2026", 0]]})
    roster = read(path)
    assert roster.issues.height == 0
    got = month_records(roster, "dues").select(pl.col("month").dt.month(), "state").rows()
    assert got == [(1, "paid"), (2, "paid"), (3, "paid"), (4, "paid"), (5, "paid"), (6, "paid"), (7, "paid"),
                   (7, "unpaid"), (8, "unpaid"), (9, "unpaid")]


_MOVED = member_rows(["21003301", "Phan Văn Tâm", "12/03/1961", "Chi bộ 4", "12/05/1985", "12/05/1986"],
                     ["21003302", "Vũ Thị Lan", "04/07/1979", "Chi bộ 4", "02/09/2003", "02/09/2004"],
                     ["21003303", "Lê Văn Tới", "01/01/1990", "Chi bộ 4", "02/09/2013", "02/09/2014"])


def test_a_transfers_book_of_both_ways_with_one_place_and_one_date(tmp_path):
    """Sổ theo dõi đảng viên chuyển đi, chuyển đến: a column saying which way ("Chuyển đi/Chuyển đến"), one place
    ("Nơi chuyển đến/chuyển đi") and one date ("Ngày chuyển"). The way and the date were unused headers and the
    place always the destination: a member received here had no date at all (TRF001, TRF003 and the form's
    temporary arrivals never saw them). The place is where a member went or came from; the date the day
    sent, or received; a kind that says only the way ("Chuyển đến") is no unknown kind."""
    book = [["ĐẢNG BỘ PHƯỜNG LÁNG THƯỢNG"], ["SỔ THEO DÕI ĐẢNG VIÊN CHUYỂN ĐI, CHUYỂN ĐẾN"], ["Năm 2026"],
            ["STT", "Họ và tên", "Số thẻ đảng viên", "Chuyển đi/Chuyển đến", "Nơi chuyển đến/chuyển đi", "Ngày chuyển",
             "Hình thức"],
            [1, "Phan Văn Tâm", "21003301", "Chuyển đi", "Đảng bộ xã Đông Anh", "05/03/2026", "Chính thức"],
            [2, "Vũ Thị Lan", "21003302", "Chuyển đến", "Đảng bộ phường Kim Liên", "10/06/2026", "Tạm thời"],
            [3, "Lê Văn Tới", "21003303", "Đến", "Đảng bộ Công ty Ánh Dương", "01/02/2026", "Chuyển đến"]]
    path = write_workbook(tmp_path / "chi-bo-4.xlsx", {"Danh sách đảng viên": _MOVED, "Chuyển sinh hoạt": book})
    roster = read_roster([path], workers=1)
    assert roster.issues.height == 0
    assert roster.transfers.sort("_row").select(
        roster.id_text(), "direction", "from_unit", "to_unit", "issued_on", "received_on", "kind").rows() == [
        ("21003301", "out", None, "Đảng bộ xã Đông Anh", date(2026, 3, 5), None, "official"),
        ("21003302", "in", "Đảng bộ phường Kim Liên", None, None, date(2026, 6, 10), "temporary"),
        ("21003303", "in", "Đảng bộ Công ty Ánh Dương", None, None, date(2026, 2, 1), "official")]
    from memberaudit.reports.views.stats import Period, statistics
    form7 = statistics(roster, Period(date(2026, 1, 1), date(2026, 12, 31)))["forms"]["7-BTCTW"][""]
    assert form7["temporary_in"]["this"] == 1


@pytest.mark.parametrize("sent, received", [("Chuyển đi", "Chuyển đến"), ("Sheet1", "Sheet2")])
def test_the_members_sent_and_received_each_on_a_sheet(tmp_path, sent, received):
    """A list of the members sent and one of those received, each on its own sheet ("Chuyển đi", "Chuyển đến",
    or sheets named nothing with "DANH SÁCH ĐẢNG VIÊN CHUYỂN ĐI NĂM 2026" above): both were skipped as members
    lists without a branch. They are transfers, and the one date of the list received is the day received."""
    out = [["DANH SÁCH ĐẢNG VIÊN CHUYỂN ĐI NĂM 2026"],
           ["STT", "Họ và tên", "Số thẻ", "Ngày sinh", "Ngày chuyển", "Nơi chuyển đến", "Số giấy giới thiệu"],
           [1, "Phan Văn Tâm", "21003301", "12/03/1961", "05/03/2026", "Đảng bộ xã Đông Anh", "12/GGT"]]
    came = [["DANH SÁCH ĐẢNG VIÊN CHUYỂN ĐẾN NĂM 2026"],
            ["STT", "Họ và tên", "Số thẻ", "Ngày sinh", "Ngày chuyển", "Nơi chuyển đi", "Số giấy giới thiệu"],
            [1, "Vũ Thị Lan", "21003302", "04/07/1979", "10/06/2026", "Đảng bộ phường Kim Liên", "15/GGT"]]
    path = write_workbook(tmp_path / "chi-bo-4.xlsx", {"Danh sách đảng viên": _MOVED, sent: out, received: came})
    roster = read_roster([path], workers=1)
    assert [s.kind for s in roster.sources] == ["members", "transfers", "transfers"]
    assert roster.transfers.sort("_src").select(
        roster.id_text(), "direction", "from_unit", "to_unit", "issued_on", "received_on").rows() == [
        ("21003301", "out", None, "Đảng bộ xã Đông Anh", date(2026, 3, 5), None),
        ("21003302", "in", "Đảng bộ phường Kim Liên", None, None, date(2026, 6, 10))]


def test_a_long_personal_record_s_headers_that_name_other_facts(tmp_path):
    """A list with the personal record's many columns: "Tình trạng sức khỏe" was read as the status (every
    member an unknown status, DAT005, and no current member at all), "Tên gọi khác" as the name in use (with
    "Họ và tên khai sinh" beside it), "Nơi thường trú" as the residence beside "Chỗ ở hiện nay". Health and
    another name are no fields the rules read; the residence is where the member lives now, the registered
    address only where the list has no other."""
    header = ["STT", "Họ và tên khai sinh", "Tên gọi khác", "Ngày, tháng, năm sinh", "Giới tính", "Quê quán",
              "Nơi thường trú", "Chỗ ở hiện nay", "Số CMND/CCCD", "Ngày cấp thẻ", "Số thẻ đảng viên", "Ngày vào Đảng",
              "Ngày chính thức", "Tình trạng sức khỏe", "Tình trạng hôn nhân", "Chi bộ"]
    rows = [[1, "Nguyễn Văn Bình", "Bình Minh", "01/02/1960", "Nam", "Hà Tĩnh", "Xóm 2, xã Y", "Số 5 ngõ 3",
             "001060000001", "19/05/2010", "21000102", "03/02/1985", "03/02/1986", "Tốt", "Đã kết hôn", "Chi bộ 3"],
            [2, "Lê Thị Cúc", None, "05/06/1972", "Nữ", "Nghệ An", "Thôn 4, xã Z", None, "040172000002", None,
             "21000103", "04/05/2000", "04/05/2001", "Yếu", None, "Chi bộ 3"]]
    path = write_workbook(tmp_path / "ly-lich.xlsx", {"DSĐV": [["DANH SÁCH ĐẢNG VIÊN"], header, *rows]})
    roster = read(path)
    assert roster.issues.height == 0
    assert roster.members.sort("_row").select("full_name", "status", "residence", "national_id").rows() == [
        ("Nguyễn Văn Bình", "official", "Số 5 ngõ 3", "001060000001"),
        ("Lê Thị Cúc", "official", "Thôn 4, xã Z", "040172000002")]


def test_the_committee_s_decision_headed_in_full_and_what_a_dues_book_says_is_owed(tmp_path):
    """A year's ratings headed "Cấp ủy cấp trên trực tiếp quyết định" beside "Chi bộ đề xuất": the committee's
    column was unused and the branch's proposal stood as the rating. A dues book's "Số tiền phải đóng hằng
    tháng" (what is owed) was read as an amount paid."""
    members = member_rows(["21003301", "Phan Văn Tâm", "12/03/1961", "Chi bộ 4", "12/05/1985", "12/05/1986"])
    ratings = [["KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN NĂM 2025"],
               ["STT", "Họ và tên", "Số thẻ", "Tự đánh giá, xếp loại", "Chi bộ đề xuất",
                "Cấp ủy cấp trên trực tiếp quyết định"],
               [1, "Phan Văn Tâm", "21003301", "HTTNV", "HTTNV", "KHTNV"]]
    dues = [["SỔ THU ĐẢNG PHÍ NĂM 2026"], ["STT", "Họ và tên", "Số thẻ", "Số tiền phải đóng hằng tháng", "T1", "T2"],
            [1, "Phan Văn Tâm", "21003301", "81.900", "81.900", None]]
    path = write_workbook(tmp_path / "cb4.xlsx", {"Danh sách đảng viên": members, "Xếp loại": ratings,
                                                 "Đảng phí": dues})
    roster = read(path)
    assert roster.ratings.select("year", "rating").rows() == [(2025, "KHTNV")]
    assert roster.sources[2].columns.get("rate") == "D" and "amount" not in roster.sources[2].columns


def test_introducers_under_one_title_and_a_decision_s_number_and_date_in_one_cell(tmp_path):
    """A candidates list with "Người giới thiệu" › Người thứ nhất | Người thứ hai: the second introducer was
    unused, ADM004 saying there was none; "Số, ngày quyết định kết nạp" holding "Số 123-QĐ/ĐU ngày 25/05/2026"
    was unused too (a header that begins with "Số" names no date), so ADM001 saw no decision."""
    members = member_rows(["21003301", "Phan Văn Tâm", "12/03/1961", "Chi bộ 4", "12/05/1985", "12/05/1986"],
                          ["21003302", "Vũ Thị Lan", "04/07/1979", "Chi bộ 4", "02/09/2003", "02/09/2004"])
    top = ["STT", "Họ và tên", "Ngày sinh", "Ngày viết đơn xin vào Đảng", "Người giới thiệu", None,
           "Ngày chi bộ họp xét kết nạp", "Số, ngày quyết định kết nạp", "Ngày tổ chức lễ kết nạp"]
    sub = [None] * 4 + ["Người thứ nhất", "Người thứ hai", None, None, None]
    book = [["DANH SÁCH QUẦN CHÚNG ƯU TÚ ĐỀ NGHỊ KẾT NẠP ĐẢNG NĂM 2026"], ["CHI BỘ 4"], top, sub,
            [1, "Đỗ Minh Quân", "15/08/1998", "15/02/2026", "Phan Văn Tâm", "Vũ Thị Lan", "10/03/2026",
             "Số 123-QĐ/ĐU ngày 25/05/2026", None]]
    path = write_workbook(tmp_path / "cb4.xlsx", {"Danh sách đảng viên": members, "Phát triển đảng viên": book},
                          {"Phát triển đảng viên": ["E3:F3", *(f"{c}3:{c}4" for c in "ABCDGHI")]})
    roster = read(path)
    assert roster.issues.height == 0
    assert roster.candidates.select("introducer_1", "introducer_2", "decided_on").rows() == [
        ("Phan Văn Tâm", "Vũ Thị Lan", date(2026, 5, 25))]
    result = audit(roster, as_of=date(2026, 11, 30), config=Config(), select_codes=["ADM"], lang="en")
    assert result.findings.get_column("rule").to_list() == ["ADM002"]


_FULL_LIST = member_rows(["21003301", "Phan Văn Tâm", "12/03/1941", "Chi bộ 4", "12/05/1965", "12/05/1966"],
                         ["21003302", "Vũ Thị Lan", "04/07/1979", "Chi bộ 4", "02/09/2003", "02/09/2004"],
                         ["21003303", "Lê Văn Ba", "01/01/1980", "Chi bộ 4", "02/09/2005", "02/09/2006"])


def test_a_sheet_of_the_exempt_members_beside_the_full_list(tmp_path):
    """The branch keeps the exempt members on a sheet of their own ("DANH SÁCH ĐẢNG VIÊN ĐƯỢC MIỄN CÔNG TÁC VÀ
    SINH HOẠT ĐẢNG", with "Miễn từ ngày"): read as a second members list, each of them was listed twice
    (DAT004) and, official on the full list, missed meetings (ATT001, the screening list). The sheet says more
    of members already listed: they are exempt, from that day, and listed once."""
    exempt = [["DANH SÁCH ĐẢNG VIÊN ĐƯỢC MIỄN CÔNG TÁC VÀ SINH HOẠT ĐẢNG"],
              ["STT", "Họ và tên", "Số thẻ", "Ngày sinh", "Chi bộ", "Ngày vào Đảng", "Lý do miễn", "Miễn từ ngày"],
              [1, "Phan Văn Tâm", "21003301", "12/03/1941", "Chi bộ 4", "12/05/1965", "Tuổi cao, sức yếu",
               "01/01/2024"]]
    attendance = [["SINH HOẠT 2026"], ["STT", "Số thẻ", "Họ và tên", "T1", "T2", "T3", "T4"],
                  [1, "21003301", "Phan Văn Tâm", "K", "K", "K", "K"], [2, "21003302", "Vũ Thị Lan", "x", "x", "x", "x"],
                  [3, "21003303", "Lê Văn Ba", "x", "x", "x", "x"]]
    path = write_workbook(tmp_path / "cb4.xlsx", {"Danh sách đảng viên": _FULL_LIST, "Miễn sinh hoạt": exempt,
                                                 "Sinh hoạt": attendance})
    roster = read(path)
    assert roster.issues.height == 0
    assert roster.members.sort("_row").select(roster.id_text(), "status", "exempt_from", "_row").rows() == [
        ("21003301", "exempt", date(2024, 1, 1), 5), ("21003302", "official", None, 6),
        ("21003303", "official", None, 7)]
    result = audit(roster, as_of=date(2026, 11, 30), config=Config(), select_codes=["ATT001", "DAT004"], lang="en")
    assert result.findings.height == 0


def test_a_sheet_of_some_members_by_name_needs_no_branch_and_a_sheet_of_others_still_does(tmp_path):
    """A sheet of the probationary members by name and birth date, without a branch or card column, was
    skipped (no 'Chi bộ' column); read as a members list it would have said the member had no card (DAT010)
    and no branch. It adds to their rows; a sheet of people the full list does not hold is skipped as before."""
    probationary = [["DANH SÁCH ĐẢNG VIÊN DỰ BỊ"],
                    ["STT", "Họ và tên", "Ngày sinh", "Ngày kết nạp", "Ngày hết hạn dự bị", "Người giúp đỡ"],
                    [1, "Lê Văn Ba", "01/01/1980", "02/09/2005", "02/09/2006", "Vũ Thị Lan"]]
    others = [["DANH SÁCH"], ["STT", "Họ và tên", "Ngày sinh", "Ngày vào Đảng"], [1, "Người Khác", "01/01/1990", "01/01/2020"]]
    path = write_workbook(tmp_path / "so-dang-vien.xlsx", {"Danh sách đảng viên": _FULL_LIST, "ĐV dự bị": probationary,
                                                          "Khác": others})
    roster = read(path)
    assert roster.members.height == 3 and roster.issues.height == 0
    assert roster.members.sort("_row").get_column("status").to_list() == ["official", "official", "official"]
    assert [(s.sheet, s.reason) for s in roster.skipped] == [("Khác", "skip.missing_column")]
    assert roster.sources[1].supplements == "Danh sách đảng viên" and roster.sources[1].title_status == "Dự bị"


def test_a_branch_s_lists_of_two_years_in_two_files(tmp_path):
    """A folder per year ("2025/ds.xlsx", "2026/ds.xlsx") read as one input: every member was on the list twice
    (DAT004) and one gone since 2025 still current. The later year's list is the roster, the older skipped
    with that reason; the older year's attendance stays (that year's months)."""
    old = member_rows(["21003301", "Phan Văn Tâm", "12/03/1961", "Chi bộ 4", "12/05/1985", "12/05/1986"],
                      ["21003302", "Vũ Thị Lan", "04/07/1979", "Chi bộ 4", "02/09/2003", "02/09/2004"],
                      ["21003309", "Đã Mất Năm Ngoái", "01/01/1930", "Chi bộ 4", "02/09/1960", "02/09/1961"])
    new = member_rows(["21003301", "Phan Văn Tâm", "12/03/1961", "Chi bộ 4", "12/05/1985", "12/05/1986"],
                      ["21003302", "Vũ Thị Lan", "04/07/1979", "Chi bộ 4", "02/09/2003", "02/09/2004"])
    attendance = [["SINH HOẠT NĂM 2025"], ["Số thẻ", "Họ và tên", "T11", "T12"], ["21003301", "Phan Văn Tâm", "K", "K"]]
    (tmp_path / "2025").mkdir()
    (tmp_path / "2026").mkdir()
    write_workbook(tmp_path / "2025" / "ds-2025.xlsx", {"Danh sách đảng viên": old, "Sinh hoạt": attendance})
    write_workbook(tmp_path / "2026" / "ds-2026.xlsx", {"Danh sách đảng viên": new})
    roster = read_roster([tmp_path], workers=1)
    assert sorted(roster.members.select(roster.id_text()).to_series().to_list()) == ["21003301", "21003302"]
    assert [(s.sheet, s.reason, s.params["latest"]) for s in roster.skipped] == [
        ("Danh sách đảng viên", "skip.older_file", 2026)]
    assert roster.attendance.height == 1
    result = audit(roster, as_of=date(2026, 11, 30), config=Config(), select_codes=["DAT004"], lang="en")
    assert result.findings.height == 0


@pytest.mark.parametrize("cell", ["50k", "50 nghìn", "30K", "1,5k", "Có", "đã thu"])
def test_dues_cells_written_short(cell):
    """Amounts in thousands as dues books shorten them ("50k", "50 nghìn") and "Có" for paid were unknown
    values (DAT005) and the month counted as no payment."""
    from conftest import make_roster

    members = [{"member_id": "M1", "full_name": "An", "birth_date": "01/01/1970", "unit": "CB1",
                "admission_date": "01/01/2000", "official_date": "01/01/2001"}]
    roster = make_roster({"members": members, "dues": [{"member_id": "M1", "2026-01": cell}]})
    assert roster.issues.height == 0
    assert month_records(roster, "dues").get_column("state").to_list() == ["paid"]


def test_a_card_pasted_with_excel_s_text_mark_is_the_card():
    """A record's card pasted from another program with Excel's text mark ("'21003301") named no member
    (DAT006) and its marks counted for nobody."""
    from conftest import make_roster

    members = [{"member_id": "21003301", "full_name": "An", "birth_date": "01/01/1970", "unit": "CB1",
                "admission_date": "01/01/2000", "official_date": "01/01/2001"}]
    roster = make_roster({"members": members, "attendance": [{"member_id": "'21003301", "2026-01": "K"}]})
    assert roster.attendance.select(roster.id_text()).to_series().to_list() == ["21003301"]
    assert roster.ids.to_list() == ["21003301"]


@pytest.mark.parametrize("name, unit", [("Chi bộ Thôn Đông.xlsx", "Chi bộ Thôn Đông"), ("CB_KDC_5.xlsx", "Chi bộ KDC 5"),
                                        ("TDP-3.xlsx", "Chi bộ TDP 3")])
def test_a_branch_s_workbook_named_after_it(tmp_path, name, unit):
    """A branch's workbook whose list has no branch column, whose title names none ("DANH SÁCH ĐẢNG VIÊN")
    and whose sheet is "Sheet1": skipped for its missing branch, though the file's name says it."""
    rows = [["DANH SÁCH ĐẢNG VIÊN"], ["STT", "Số thẻ", "Họ và tên", "Ngày sinh", "Ngày vào Đảng", "Ngày chính thức"],
            [1, "21003301", "Phan Văn Tâm", "12/03/1961", "12/05/1985", "12/05/1986"]]
    roster = read(write_workbook(tmp_path / name, {"Sheet1": rows}))
    assert roster.members.get_column("unit").to_list() == [unit]


def test_a_month_attended_elsewhere_marked_in_the_home_books():
    """The home branch's books mark a member attending elsewhere for the time "SHTT" (sinh hoạt tạm thời):
    an unknown mark and an unknown dues value (DAT005) each month. No meeting missed here, dues paid there."""
    from conftest import make_roster

    members = [{"member_id": "M1", "full_name": "An", "birth_date": "01/01/1970", "unit": "CB1",
                "admission_date": "01/01/2000", "official_date": "01/01/2001"}]
    roster = make_roster({"members": members, "attendance": [{"member_id": "M1", "2026-03": "SHTT"}],
                          "dues": [{"member_id": "M1", "2026-03": "SHTT", "2026-04": "Đóng nơi sinh hoạt tạm thời"}]})
    assert roster.issues.height == 0
    assert month_records(roster, "attendance").get_column("mark").to_list() == ["exempt"]
    assert month_records(roster, "dues").get_column("state").to_list() == ["excused", "excused"]


@pytest.mark.parametrize("sheet", ["Sheet2", "QĐ 213"])
def test_the_residence_branch_s_book_of_members_keeping_in_touch(tmp_path, sheet):
    """Sổ theo dõi đảng viên đang công tác giữ mối liên hệ với chi ủy nơi cư trú (Quy định 213): its "Ngày đến
    liên hệ" made the header fit a transfers list as well (a day received), and the sheet was skipped as
    ambiguous, said to fit "attendance and dues"; the comment's year stood only in its header ("Nhận xét, đánh
    giá năm 2025"). Read as residence comments of 2025."""
    members = member_rows(["21003301", "Phan Văn Tâm", "12/03/1961", "Chi bộ 4", "12/05/1985", "12/05/1986"])
    book = [["SỔ THEO DÕI ĐẢNG VIÊN ĐANG CÔNG TÁC GIỮ MỐI LIÊN HỆ VỚI CHI ỦY, ĐẢNG ỦY NƠI CƯ TRÚ"],
            ["STT", "Họ và tên", "Số thẻ", "Chức vụ, đơn vị công tác", "Ngày đến liên hệ", "Nhận xét, đánh giá năm 2025",
             "Ghi chú"],
            [1, "Phan Văn Tâm", "21003301", "Kỹ sư, Công ty A", "05/03/2024", "Gương mẫu, tham gia đầy đủ", None]]
    roster = read(write_workbook(tmp_path / "cb4.xlsx", {"Danh sách đảng viên": members, sheet: book}))
    assert [s.kind for s in roster.sources] == ["members", "comments"]
    assert roster.comments.select(roster.id_text(), "year", "comment").rows() == [
        ("21003301", 2025, "Gương mẫu, tham gia đầy đủ")]


def test_a_personal_record_s_dates_headed_as_the_form_words_them(tmp_path):
    """The dates as the forms word them: "Ngày, tháng, năm được công nhận là đảng viên chính thức" and
    "Ngày vào Đảng CT" were no field (CT read as nothing: the admission date), so every member of years ago
    was probationary to the rules and overdue for review (PRB001), on the screening list; "Ngày DB" was no
    admission date, "Số LLĐV" no lý lịch number, "Thời điểm nghỉ hưu" no day the member left work."""
    header = ["STT", "Họ và tên", "Ngày sinh", "Số thẻ đảng viên", "Số LLĐV", "Nguyên quán", "Chi bộ",
              "Ngày DB", "Ngày, tháng, năm được công nhận là đảng viên chính thức", "Thời điểm nghỉ hưu"]
    rows = [[1, "Nguyễn Văn Bình", "01/02/1960", "21000102", "LL-0102", "Hà Tĩnh", "Chi bộ 3", "03/02/1985",
             "03/02/1986", "01/03/2020"],
            [2, "Lê Thị Cúc", "05/06/1972", "21000103", "LL-0103", "Nghệ An", "Chi bộ 3", "04/05/2000",
             "04/05/2001", None]]
    other = [["STT", "Họ và tên", "Ngày sinh", "Số thẻ", "Chi bộ", "Ngày vào Đảng DB", "Ngày vào Đảng CT"],
             [1, "Trần Văn Đức", "07/08/1980", "21000104", "Chi bộ 4", "10/10/2010", "10/10/2011"]]
    path = write_workbook(tmp_path / "ly-lich.xlsx", {"DSĐV": [["DANH SÁCH ĐẢNG VIÊN"], header, *rows],
                                                     "Chi bộ 4": [["DANH SÁCH ĐẢNG VIÊN CHI BỘ 4"], *other]})
    roster = read(path)
    assert roster.members.sort("_src", "_row").select(
        "full_name", "admission_date", "official_date", "status", "record_number", "left_workplace_date").rows() == [
        ("Nguyễn Văn Bình", date(1985, 2, 3), date(1986, 2, 3), "official", "LL-0102", date(2020, 3, 1)),
        ("Lê Thị Cúc", date(2000, 5, 4), date(2001, 5, 4), "official", "LL-0103", None),
        ("Trần Văn Đức", date(2010, 10, 10), date(2011, 10, 10), "official", None, None)]
    result = audit(roster, as_of=date(2026, 11, 30))
    assert not result.findings.filter(pl.col("rule").str.starts_with("PRB")).height


def test_a_units_list_with_its_secretaries_and_a_resolution_s_day(tmp_path):
    """A committee's list of its branches with "Bí thư chi bộ" beside "Chi bộ": the secretary's name was read
    as a second branch column and "Loại hình tổ chức cơ sở đảng" as the committee (the longest phrase it held),
    so every branch's kind was unknown. A candidates list's "Ngày nghị quyết" was no resolution's day."""
    members = member_rows(["21003301", "Phan Văn Tâm", "12/03/1961", "Chi bộ Khu dân cư số 1", "12/05/1985",
                           "12/05/1986"])
    units = [["DANH SÁCH CHI BỘ TRỰC THUỘC"],
             ["STT", "Chi bộ", "Bí thư chi bộ", "Loại hình tổ chức cơ sở đảng", "Số đảng viên"],
             [1, "Chi bộ Khu dân cư số 1", "Phan Văn Tâm", "Khu dân cư", 25],
             [2, "Chi bộ Trường Tiểu học Hoa Sen", "Vũ Thị Lan", "Trường học", 12]]
    candidates = [["DANH SÁCH QUẦN CHÚNG ĐỀ NGHỊ KẾT NẠP ĐẢNG"],
                  ["STT", "Họ và tên", "Ngày sinh", "Chi bộ", "Ngày viết đơn", "Ngày nghị quyết"],
                  [1, "Đỗ Minh Quân", "15/08/1998", "Chi bộ Khu dân cư số 1", "15/02/2026", "10/03/2026"]]
    path = write_workbook(tmp_path / "dang-bo.xlsx", {"Danh sách đảng viên": members, "Chi bộ": units,
                                                     "Kết nạp": candidates})
    roster = read(path)
    assert roster.units.select("unit", "kind").rows() == [("Chi bộ Khu dân cư số 1", "residential"),
                                                          ("Chi bộ Trường Tiểu học Hoa Sen", "school")]
    assert roster.candidates.select("full_name", "resolved_on").rows() == [("Đỗ Minh Quân", date(2026, 3, 10))]


def test_a_status_column_that_tells_the_members_working_life(tmp_path):
    """"Tình trạng" holding "Nghỉ hưu" or "Đang công tác" (the member's working life, not a party status):
    each such member an unknown status (DAT005, hundreds a list); "Đang sinh hoạt tạm thời" was unknown too.
    They are members here, official or probationary by their dates; the last attends here for a time."""
    header = ["STT", "Họ và tên", "Ngày sinh", "Số thẻ", "Ngày vào Đảng", "Ngày chính thức", "Chi bộ", "Tình trạng"]
    rows = [[1, "Nguyễn Văn Bình", "01/02/1950", "21000102", "03/02/1975", "03/02/1976", "Chi bộ 3", "Nghỉ hưu"],
            [2, "Lê Thị Cúc", "05/06/1972", "21000103", "04/05/2000", "04/05/2001", "Chi bộ 3", "Đang công tác"],
            [3, "Trần Văn Đức", "05/06/1972", "21000104", "04/05/2000", "04/05/2001", "Chi bộ 3",
             "Đang sinh hoạt tạm thời"],
            [4, "Hà Văn Gấm", "05/06/1990", "21000106", "04/05/2026", None, "Chi bộ 3", "Đang công tác"]]
    roster = read(write_workbook(tmp_path / "cb3.xlsx", {"DS": [["DANH SÁCH ĐẢNG VIÊN"], header, *rows]}))
    assert roster.issues.filter(pl.col("field") == "status").height == 0
    assert roster.members.sort("_row").get_column("status").to_list() == [
        "official", "official", "guest", "probationary"]


def test_a_dues_book_with_what_each_owes_and_what_it_is_reckoned_from(tmp_path):
    """The dues book as Quyết định 342 heads it: "Tiền lương, phụ cấp làm căn cứ đóng đảng phí" and "Số tiền
    đảng phí hằng tháng" before the months paid. The monthly sum owed was read as an amount paid (no month of
    its own: the sheet's months and that amount disagreed), the income a column the list left unexplained."""
    members = member_rows(["21003301", "Phan Văn Tâm", "12/03/1961", "Chi bộ 4", "12/05/1985", "12/05/1986"])
    dues = [["SỔ THU NỘP ĐẢNG PHÍ NĂM 2026"],
            ["STT", "Họ và tên", "Số thẻ", "Tiền lương, phụ cấp làm căn cứ đóng đảng phí",
             "Số tiền đảng phí hằng tháng", "Tháng 1", "Tháng 2", "Tháng 3", "Cộng", "Ký nhận"],
            [1, "Phan Văn Tâm", "21003301", "8.190.000", "81.900", "81.900", "81.900", None, "163.800", None]]
    roster = read(write_workbook(tmp_path / "cb4.xlsx", {"Danh sách đảng viên": members, "Đảng phí": dues}))
    source = roster.sources[1]
    assert source.kind == "dues" and source.columns.get("rate") == "E" and "amount" not in source.columns
    assert "D" not in source.unused
    assert month_records(roster, "dues").filter(pl.col("month").dt.month() <= 3).select(
        pl.col("month").dt.month(), "state").rows() == [(1, "paid"), (2, "paid"), (3, "blank")]


def test_generic_sub_columns_under_the_facts_they_belong_to(tmp_path):
    """Two-row headers whose sub-columns are head nouns under their fact's title: "Kết nạp" › Ngày | Nơi,
    "Chính thức" › Ngày | Nơi, "Thẻ đảng viên" › Số | Ngày cấp. Read title first ("Kết nạp Ngày") they named
    nothing and the sheet was skipped for want of an admission date; Vietnamese puts the head noun first
    ("Ngày kết nạp", "Số thẻ đảng viên")."""
    top = ["STT", "Họ và tên", "Ngày sinh", "Chi bộ", "Kết nạp", None, "Chính thức", None, "Thẻ đảng viên", None]
    sub = [None, None, None, None, "Ngày", "Nơi", "Ngày", "Nơi", "Số", "Ngày cấp"]
    rows = [["DANH SÁCH ĐẢNG VIÊN"], top, sub,
            [1, "Phan Văn Tâm", "12/03/1961", "Chi bộ 1", "12/05/1985", "Chi bộ 1", "12/05/1986", "Chi bộ 1",
             "21003301", "01/01/2000"],
            [2, "Vũ Thị Lan", "04/07/1979", "Chi bộ 1", "02/09/2003", "Chi bộ 1", "02/09/2004", "Chi bộ 1",
             "21003302", "01/01/2005"]]
    path = write_workbook(tmp_path / "ds.xlsx", {"DS": rows},
                          {"DS": ["E2:F2", "G2:H2", "I2:J2", "A2:A3", "B2:B3", "C2:C3", "D2:D3"]})
    roster = read(path)
    assert roster.sources[0].columns == {"full_name": "B", "birth_date": "C", "unit": "D", "admission_date": "E",
                                         "official_date": "G", "member_id": "I"}
    assert roster.members.sort("_row").select(roster.id_text(), "admission_date", "official_date").rows() == [
        ("21003301", date(1985, 5, 12), date(1986, 5, 12)), ("21003302", date(2003, 9, 2), date(2004, 9, 2))]


def test_ids_in_scientific_notation_from_a_csv_excel_saved(tmp_path):
    """A CSV saved from Excel writes long numbers in scientific notation. A citizen id "1.23457E+11" was read
    as 123457000000 (six of its twelve digits made up, DAT008 saying only that the century was impossible);
    a card "2.1003304E7" stayed that text, naming no member of the other tables. Where the notation shows
    every digit the id is its digits; where it does not, the id is as written, listed as digits lost."""
    path = tmp_path / "xuat.csv"
    path.write_text("Số thẻ,Họ và tên,Ngày sinh,Chi bộ,Ngày vào Đảng,Số CCCD\n"
                    "2.1003304E7,Phan Văn Tâm,12/03/1961,Chi bộ 1,12/05/1985,1.23457E+11\n"
                    "21003305,Vũ Thị Lan,04/07/1979,Chi bộ 1,02/09/2003,1.79301012345E+11\n", encoding="utf-8")
    roster = read(path)
    assert roster.members.sort("_row").select(roster.id_text(), "national_id").rows() == [
        ("21003304", "1.23457E+11"), ("21003305", "179301012345")]
    found = audit(roster, as_of=date(2026, 11, 30)).findings.filter(pl.col("rule") == "DAT008")
    assert found.select("member_id", "value").rows() == [("21003304", "1.23457E+11")]
    assert json.loads(found["evidence"][0])["detail"] == "scientific"


def test_a_workbook_per_book_its_sheet_named_nothing(tmp_path):
    """A branch's books kept a workbook each ("Sổ điểm danh 2026.xlsx", "Thu dang phi 2026.xlsx"), each sheet
    "Sheet1" under no title: both were skipped (a month sheet fits attendance and dues alike), and their months
    had no year. The file's name tells the book and its year, where the sheet and its titles do not."""
    folder = tmp_path / "cb1"
    folder.mkdir()
    write_workbook(folder / "DS dang vien.xlsx", {"Sheet1": member_rows(
        ["21003301", "Phan Văn Tâm", "12/03/1961", "Chi bộ 1", "12/05/1985", "12/05/1986"])})
    head = ["STT", "Họ và tên", "Số thẻ", "T1", "T2", "T3"]
    write_workbook(folder / "Sổ điểm danh 2026.xlsx", {"Sheet1": [head, [1, "Phan Văn Tâm", "21003301", "x", "x", "v"]]})
    write_workbook(folder / "Thu_dang_phi_2026.xlsx", {"Sheet1": [head, [1, "Phan Văn Tâm", "21003301", "30000",
                                                                       "30000", None]]})
    roster = read_roster([folder], workers=1)
    assert sorted((s.kind, s.year) for s in roster.sources) == [("attendance", 2026), ("dues", 2026),
                                                                ("members", None)]
    assert not roster.skipped
    assert month_records(roster, "attendance").select(pl.col("month").dt.strftime("%Y-%m"), "mark").rows() == [
        ("2026-01", "present"), ("2026-02", "present"), ("2026-03", "unexcused")]


@pytest.mark.parametrize("name, unit", [("DS dang vien Chi bo 3.xlsx", "Chi bo 3"),
                                        ("Danh sách đảng viên chi bộ Thôn Đông.xlsx", "chi bộ Thôn Đông"),
                                        ("CB Khu 5 - DS.xlsx", "Chi bộ Khu 5")])
def test_a_branch_named_inside_its_workbook_s_name(tmp_path, name, unit):
    """A branch's list without a branch column or title naming it, in a workbook named after the list and the
    branch: the list was skipped for want of a branch (only a name that began with it told it), and "CB Khu 5
    - DS" was the branch "Chi bộ Khu 5 DS"."""
    rows = [["DANH SÁCH ĐẢNG VIÊN"], ["STT", "Họ và tên", "Ngày sinh", "Số thẻ", "Ngày vào Đảng", "Ngày chính thức"],
            [1, "Phan Văn Tâm", "12/03/1961", "21003301", "12/05/1985", "12/05/1986"]]
    roster = read(write_workbook(tmp_path / name, {"Sheet1": rows}))
    assert roster.members["unit"].to_list() == [unit]


def test_a_committee_named_by_its_folder_or_its_workbook_s_name(tmp_path):
    """Branch lists without a committee column or a committee's letterhead, kept in a folder named after the
    committee ("Đảng bộ phường Láng Thượng/Chi bộ 1.xlsx") or in a workbook named after it: no member had a
    committee (reports and forms counted them under "—")."""
    def branch(title, card, name):
        return {"Sheet1": [[title], ["STT", "Họ và tên", "Ngày sinh", "Số thẻ", "Ngày vào Đảng", "Ngày chính thức"],
                           [1, name, "12/03/1961", card, "12/05/1985", "12/05/1986"]]}
    folder = tmp_path / "Đảng bộ phường Láng Thượng"
    folder.mkdir()
    write_workbook(folder / "Chi bộ 1.xlsx", branch("DANH SÁCH ĐẢNG VIÊN CHI BỘ 1", "21003301", "Phan Văn Tâm"))
    write_workbook(tmp_path / "Dang_bo_xa_Dong_Anh - CB2.xlsx",
                   branch("DANH SÁCH ĐẢNG VIÊN CHI BỘ 2", "21003302", "Vũ Thị Lan"))
    roster = read_roster([tmp_path], workers=1)
    assert sorted(roster.members.select("full_name", "parent_unit").rows()) == [
        ("Phan Văn Tâm", "Đảng bộ phường Láng Thượng"), ("Vũ Thị Lan", "Đảng bộ xa Dong Anh")]
