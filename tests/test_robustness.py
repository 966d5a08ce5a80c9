"""The loader never crashes on what branch secretaries type: random workbooks are either read (every problem
a data finding) or refused with an exit-2 message. Bounded examples keep CI fast."""

from __future__ import annotations

import json
import os
import zipfile
from datetime import date, datetime
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from conftest import member_rows, month_records, write_workbook
from memberaudit.assemble.pipeline import read_roster
from memberaudit.checks.engine import audit
from memberaudit.cli import app
from memberaudit.model.config import Config
from memberaudit.model.errors import InputError

runner = CliRunner()
# CI runs a bounded number of examples; the long campaign (benchmarks/fuzz.py) sets this to thousands
EXAMPLES = int(os.environ.get("MEMBERAUDIT_FUZZ_EXAMPLES", "30"))

HEADERS = ["STT", "Số thẻ đảng viên", "Họ và tên", "Ngày sinh", "Chi bộ", "Ngày vào Đảng", "Ngày chính thức",
           "Trạng thái", "Giới tính", "Nghề nghiệp", "Số CCCD", "Ngày nghỉ hưu", "T1", "T2", "Tháng 3/2026", "Ghi chú",
           # long tables: a row per meeting, payment, rating or transfer
           "Ngày sinh hoạt", "Điểm danh", "Tháng", "Số tiền", "Tình trạng", "Năm", "Xếp loại", "Ngày cấp giấy"]
cells = st.one_of(
    st.none(),
    st.sampled_from(["x", "K", "P", "vkp", "ốm", "#N/A", "#REF!", "=SUM(A1:A3)", "Tổng cộng", "BÍ THƯ", "Chính thức",
                     "Dự bị", "31/02/2020", "1/2/85", "1985", "03/1990", "2026-13-01", "29000", "-5", " ", "\t",
                     # values seen crash earlier versions: beyond Int64, year 0, far future, ids as numbers
                     "1E+20", "1/1/0000", "31/12/9999", "1.23e+11", "001080012345", "TT (02/02/2026)", "ĐSH",
                     # multi-line register cells: name and birth date, sex/ethnicity/religion, two dates
                     "Nguyễn Văn An\n02/01/1980", "Nam\nKinh\nKhông", "01/02/2010\n01/02/2011", "--"]),
    st.sampled_from([1e20, -1e20, 2**63, 10**15]),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=0, max_size=40),  # Excel stores no controls
    st.integers(1000, 32000).map(lambda n: ("Ghi chú dài " * n)[:n]),  # huge cells
    st.integers(min_value=-10**12, max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)),
)


@st.composite
def messy_sheet(draw):
    columns = draw(st.permutations(HEADERS))[: draw(st.integers(2, len(HEADERS)))]
    titles = [[draw(st.sampled_from(["ĐẢNG BỘ PHƯỜNG X", "DANH SÁCH ĐẢNG VIÊN", "CHI BỘ TỔ DÂN PHỐ 3", "Năm 2026",
                                     None]))] for _ in range(draw(st.integers(0, 6)))]
    numbering = draw(st.sampled_from([[], [list(range(1, len(columns) + 1))], [[f"({i})" for i in range(1, len(columns) + 1)]]]))
    body = [[draw(cells) for _ in columns] for _ in range(draw(st.integers(0, 8)))]
    name = draw(st.sampled_from(["Đảng viên", "Sinh hoạt 2026", "Đảng phí", "Sheet1", "Xếp loại", "Chi bộ",
                                 "DanhSachDangVien", "DiemDanh"]))
    return name, [*titles, list(columns), *numbering, *body]


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sheets=st.lists(messy_sheet(), min_size=1, max_size=3, unique_by=lambda s: s[0]),
       hidden=st.sets(st.integers(0, 2)), merged=st.booleans())
def test_random_workbooks_never_crash(tmp_path_factory, sheets, hidden, merged):
    """Numbering rows, multi-line cells, merged headers, huge and impossible values, formulas, error cells and
    hidden sheets: read, or refused with the project's own message, never another exception."""
    import openpyxl

    path = tmp_path_factory.mktemp("fuzz") / "random.xlsx"
    merges = {name: ["A1:B1"] for name, rows in sheets if merged and rows and len(rows[0]) > 1}
    write_workbook(path, dict(sheets), merges)
    if hidden:
        wb = openpyxl.load_workbook(path)
        for i in hidden:
            if i < len(wb.worksheets) - 1:  # a workbook keeps one visible sheet
                wb.worksheets[i].sheet_state = "hidden"
        wb.save(path)
    before = path.read_bytes()
    try:
        roster = read_roster([path], workers=1, year=2026)
    except InputError as exc:
        assert str(path) in exc.render("vi") and str(path) in exc.render("en")  # names the file
        assert path.read_bytes() == before
        return
    result = audit(roster, as_of=date(2026, 11, 30), config=Config(), lang="vi")
    assert result.findings["rule"].null_count() == 0
    data = result.findings.filter(result.findings["category"] == "data")
    assert data["file"].null_count() == 0
    assert path.read_bytes() == before


def test_error_cells_and_formulas_are_data_not_crashes(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Đảng viên"
    for row in member_rows(["001", "An", "02/01/1980", "CB1", "01/02/2010", None],
                           ["002", "Bình", "=DATE(1980,1,1)", "CB1", "01/02/2010", None]):
        ws.append(row)
    ws["D5"] = "#N/A"
    ws["D5"].data_type = "e"
    wb.save(tmp_path / "loi.xlsx")
    roster = read_roster([tmp_path / "loi.xlsx"], workers=1)
    assert sorted(roster.members.select(roster.id_text()).to_series().to_list()) == ["001", "002"]
    result = audit(roster, as_of=date(2026, 11, 30), config=Config(), select_codes=["DAT001"], lang="en")
    assert set(result.findings["member_id"].to_list()) == {"001", "002"}  # no readable birth date on either row


def test_truncated_workbook_is_a_clear_error(tmp_path):
    good = write_workbook(tmp_path / "good.xlsx", {"Đảng viên": member_rows(
        ["001", "An", "02/01/1980", "CB1", "01/02/2010", None])})
    cut = tmp_path / "cut.xlsx"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    result = runner.invoke(app, ["validate", str(cut)])
    assert result.exit_code == 2 and "cut.xlsx" in result.output and "Traceback" not in result.output


def test_zip_that_is_not_a_workbook(tmp_path):
    path = tmp_path / "fake.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "not a workbook")
    result = runner.invoke(app, ["validate", str(path), "--lang", "en"])
    assert result.exit_code == 2 and "fake.xlsx" in result.output


@pytest.mark.parametrize("value", [datetime(2026, 1, 1), 46023, "01/2026", "2026-01"])
def test_long_dues_month_forms(tmp_path, value):
    path = write_workbook(tmp_path / "d.xlsx", {
        "Đảng viên": member_rows(["001", "An", "02/01/1980", "CB1", "01/02/2010", None]),
        "Thu đảng phí": [["Số thẻ", "Tháng", "Số tiền"], ["001", value, 50000]],
    })
    dues = month_records(read_roster([path], workers=1), "dues")
    assert dues.select("month", "state").rows() == [(date(2026, 1, 1), "paid")]


@st.composite
def typed_parquet(draw):
    """A Parquet export whose columns (a random choice of member and month headers) have random types: a
    date where a name belongs, a float where a date does, booleans among the months."""
    columns = draw(st.permutations(HEADERS))[: draw(st.integers(2, len(HEADERS)))]
    height = draw(st.integers(0, 6))
    values = {
        "int": st.integers(-10**6, 10**6), "float": st.floats(allow_nan=True, width=32),
        "date": st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 1, 1)),
        "datetime": st.datetimes(min_value=datetime(1800, 1, 1), max_value=datetime(2200, 1, 1)),
        "bool": st.booleans(), "text": st.one_of(st.sampled_from(["x", "K", "", " ", "001"]), st.text(max_size=10)),
    }
    frame = {}
    for column in columns:
        kind = draw(st.sampled_from(list(values)))
        frame[column] = draw(st.lists(st.one_of(st.none(), values[kind]), min_size=height, max_size=height))
    return draw(st.sampled_from(["danh-sach", "sinh-hoat-2026", "dang-phi-2026"])), frame


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(export=typed_parquet())
def test_typed_parquet_never_crashes(tmp_path_factory, export):
    name, columns = export
    path = tmp_path_factory.mktemp("pq") / f"{name}.parquet"
    pl.DataFrame(columns, strict=False).write_parquet(path)
    try:
        roster = read_roster([path], workers=1, year=2026)
    except InputError as exc:
        assert exc.render("vi") and exc.render("en")
        return
    result = audit(roster, as_of=date(2026, 11, 30), config=Config(), lang="vi")
    assert result.findings["rule"].null_count() == 0


def _folder_with_broken_files(tmp_path):
    good = tmp_path / "hop-le"
    good.mkdir()
    write_workbook(good / "chi-bo-1.xlsx", {"Danh sách đảng viên": member_rows(
        ["21003301", "Phan Văn Tâm", "12/03/1961", "Chi bộ 1", "12/05/1985", "12/05/1986"])})
    (good / "dang-luu.xlsx").write_bytes(b"")  # a file still being saved, or a failed download
    (good / "hong.xlsx").write_bytes(b"PK\x03\x04 a truncated copy")
    return good


def test_unreadable_files_among_others_are_left_out_said_and_exit_2(tmp_path):
    """A folder of fifty branch workbooks with one being saved (0 bytes) or broken: the whole run stopped at
    it, auditing none of the others. The others are audited and their reports written; each file left out is
    said on standard error and in the reports (HTML, Excel, JSON "left_out"), and the run ends with exit
    code 2, an input error, above --fail-on's 1."""
    import openpyxl

    folder = _folder_with_broken_files(tmp_path)
    out = tmp_path / "out"
    result = runner.invoke(app, ["audit", str(folder), "--as-of", "2026-11-30", "--format", "json", "--output",
                                 str(out / "f.json"), "--html", str(out / "r.html"), "--excel", str(out / "r.xlsx"),
                                 "--fail-on", "low"])
    assert result.exit_code == 2, result.output
    assert "dang-luu.xlsx rỗng (0 byte)" in " ".join(result.stderr.split())
    assert result.stderr.count("Bỏ qua, không đọc được") == 2 and "hong.xlsx" in result.stderr
    doc = json.loads((out / "f.json").read_text(encoding="utf-8"))
    assert sorted((Path(e["file"]).name, e["error"]) for e in doc["left_out"]) == [
        ("dang-luu.xlsx", "input.zero_bytes"), ("hong.xlsx", "input.unreadable")]
    assert doc["inputs"] == [str(folder / "chi-bo-1.xlsx")] and doc["findings"]
    page = (out / "r.html").read_text(encoding="utf-8")
    assert page.count("Bỏ qua, không đọc được") == 2
    coverage = openpyxl.load_workbook(out / "r.xlsx")["Phạm vi kiểm tra"]
    assert sum(str(r[0]).startswith("Bỏ qua, không đọc được") for r in coverage.iter_rows(values_only=True)) == 2
    for command in (["validate"], ["screen", "--output", str(out / "s.xlsx")]):
        assert runner.invoke(app, [*command, str(folder), "--as-of", "2026-11-30"]).exit_code == 2, command
    # the diagnostic view shows every file, the unreadable ones with their error, and ends the same way (it
    # ended 0: a script checking a folder with it saw nothing wrong)
    shown = runner.invoke(app, ["inspect", str(folder), "--format", "json"])
    assert shown.exit_code == 2 and "chi-bo-1.xlsx" in shown.stdout and "hong.xlsx" in shown.stdout


def test_a_run_that_can_read_none_of_its_files_is_the_first_file_s_error(tmp_path):
    folder = _folder_with_broken_files(tmp_path)
    (folder / "chi-bo-1.xlsx").unlink()
    with pytest.raises(InputError) as caught:
        read_roster([folder], workers=1)
    assert caught.value.key == "input.zero_bytes" and caught.value.params["file"] == str(folder / "dang-luu.xlsx")
    with pytest.raises(InputError) as alone:
        read_roster([folder / "hong.xlsx"], workers=1)
    assert alone.value.key == "input.unreadable"
    # files left out beside others holding no members table: the run's error names each, and why
    write_workbook(folder / "thong-ke.xlsx", {"TK": [["Độ tuổi", "Số lượng"], ["18-30", 5]]})
    with pytest.raises(InputError) as none:
        read_roster([folder], workers=1)
    said = none.value.render("vi")
    assert none.value.key == "input.no_members" and "dang-luu.xlsx rỗng (0 byte)" in said
    assert "«»" not in said and "trang tính «TK»" in said


def test_spreadsheets_of_formats_not_read_are_left_out_and_said_not_passed_over(tmp_path):
    """A branch's workbook saved as binary Excel (.xlsb) or by WPS (.et) in the folder: passed over in
    silence, as a Word document is, so the branch was simply missing from the audit. It is left out and said
    (save it as .xlsx), the run ends with exit code 2; a scan or a document beside them is still no input."""
    folder = tmp_path / "du-lieu"
    folder.mkdir()
    write_workbook(folder / "chi-bo-1.xlsx", {"Danh sách đảng viên": member_rows(
        ["21003301", "Phan Văn Tâm", "12/03/1961", "Chi bộ 1", "12/05/1985", "12/05/1986"])})
    (folder / "chi-bo-2.xlsb").write_bytes(b"PK\x03\x04 binary workbook")
    (folder / "chi-bo-3.et").write_bytes(b"\xd0\xcf\x11\xe0 wps")
    (folder / "bao-cao.docx").write_bytes(b"PK\x03\x04 a report")
    roster = read_roster([folder], workers=1)
    assert sorted((Path(s.file).name, s.params["key"]) for s in roster.skipped if s.whole_file) == [
        ("chi-bo-2.xlsb", "input.format"), ("chi-bo-3.et", "input.format")]
    assert "lưu lại dạng .xlsx" in next(s for s in roster.skipped if s.whole_file).line("vi")
    result = runner.invoke(app, ["validate", str(folder), "--as-of", "2026-11-30"])
    assert result.exit_code == 2 and "chi-bo-2.xlsb" in result.stderr and "bao-cao.docx" not in result.stderr


def test_files_one_command_left_out_never_fail_the_next(tmp_path):
    folder = _folder_with_broken_files(tmp_path)
    assert runner.invoke(app, ["validate", str(folder), "--as-of", "2026-11-30"]).exit_code == 2
    assert runner.invoke(app, ["rules"]).exit_code == 0
