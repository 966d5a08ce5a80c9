"""`memberaudit stats`: the forms of Hướng dẫn 11-HD/BTCTW on a roster whose every cell is known by hand."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from conftest import write_workbook
from memberaudit.cli import app

runner = CliRunner()
HEADER = ["STT", "Số thẻ đảng viên", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Tôn giáo", "Chi bộ",
          "Đảng bộ", "Ngày vào Đảng", "Ngày chính thức", "Trạng thái", "Ngày chuyển đến", "Ngày chuyển đi",
          "Chuyển đến đảng bộ", "Ngày từ trần", "Ngày ra khỏi Đảng", "Hình thức ra khỏi Đảng", "Giáo dục phổ thông",
          "Nghề nghiệp"]
C = "Đảng bộ Phường Mẫu"


def _m(card, name, birth, sex, ethnicity, religion, admitted, official, status=None, *, unit="Chi bộ 1",
       came=None, went=None, went_to=None, died=None, left=None, how=None, education=None, job="Hưu trí"):
    return [card, name, birth, sex, ethnicity, religion, unit, C, admitted, official, status, came, went, went_to,
            died, left, how, education, job]


ROWS = [
    _m("M01", "Nguyễn Thị Một", "01/06/1960", "Nữ", "Kinh", "Không", "01/05/2000", "01/05/2001",
       education="12/12"),
    _m("M02", "Lò Văn Hai", "01/01/2000", "Nam", "Tày", "Không", "10/03/2026", None, "Dự bị", education="9/12",
       job="Học sinh, sinh viên"),
    _m("M03", "Trần Văn Ba", "01/03/1990", "Nam", "Kinh", "Không", "01/02/2025", "01/02/2026"),
    _m("M04", "Lê Thị Bốn", "01/07/1986", "Nữ", "Kinh", "Phật giáo", "01/01/2010", "01/01/2011", came="01/04/2026"),
    _m("M05", "Phạm Văn Năm", "01/01/1940", "Nam", "Kinh", "Không", "01/01/1980", "01/01/1981", "Từ trần",
       died="12/06/2026"),
    _m("M06", "Hoàng Văn Sáu", "01/01/1970", "Nam", "Kinh", "Không", "01/01/2000", "01/01/2001", left="01/07/2026",
       how="Khai trừ"),
    _m("M07", "Vũ Văn Bảy", "01/01/1995", "Nam", "Kinh", "Không", "01/12/2025", None, left="01/08/2026",
       how="Xóa tên"),
    _m("M08", "Đỗ Thị Tám", "01/01/1975", "Nữ", "Kinh", "Không", "01/01/2005", "01/01/2006", left="01/09/2026",
       how="Xin ra khỏi Đảng"),
    _m("M09", "Bùi Văn Chín", "01/01/1980", "Nam", "Kinh", "Không", "01/01/2008", "01/01/2009", went="01/10/2026",
       went_to="Đảng bộ xã Yên Bình, tỉnh Thái Nguyên"),
    # gone on no known date: breaks D = A + B − C, and is said so
    _m("M10", "Ngô Văn Mười", "01/01/1950", "Nam", "Kinh", "Không", "01/01/1975", "01/01/1976", "Từ trần"),
    _m("M11", "Dương Văn Mười Một", "01/01/1945", "Nam", "Kinh", "Không", "01/01/1970", "01/01/1971",
       died="01/05/2025"),
    # nothing known but the admission, 50 years before 3/3/2026
    _m("M12", "Lý Văn Mười Hai", None, None, None, None, "03/03/1976", "03/03/1977", job=None),
    # moved between two branches of the committee: no movement of its list, nor of the organisation's
    _m("M13", "Cao Văn Mười Ba", "01/01/1980", "Nam", "Kinh", "Không", "01/01/2012", "01/01/2013", "Chuyển đi",
       went="01/05/2026", went_to="Chi bộ 2"),
    _m("M13", "Cao Văn Mười Ba", "01/01/1980", "Nam", "Kinh", "Không", "01/01/2012", "01/01/2013", unit="Chi bộ 2",
       came="01/05/2026"),
]


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_workbook(folder / "dang-vien.xlsx", {"Danh sách": [["DANH SÁCH ĐẢNG VIÊN"], [], HEADER,
                                                              *[[i, *r] for i, r in enumerate(ROWS, 1)]]})
    return folder


def _stats(path, **kw):
    from memberaudit.assemble.pipeline import read_roster
    from memberaudit.model.config import Config
    from memberaudit.reports.views.stats import Period, statistics

    return statistics(read_roster([path], config=Config()), Period(date(2026, 1, 1), date(2026, 12, 31)), **kw)


def _cells(result, form, unit=""):
    return {k: (v["this"], v["last_year"]) for k, v in result["forms"][f"{form}-BTCTW"][unit].items()}


def test_form_1_every_movement_and_the_identity(inputs):
    result = _stats(inputs, province="Hà Nội")
    f1 = _cells(result, 1)
    assert f1["opening"] == (10, 9)
    assert (f1["admitted"], f1["transferred_in"], f1["restored"], f1["increase"]) == ((1, 2), (1, 0), (0, 0), (2, 2))
    assert (f1["died"], f1["expelled"], f1["removed"], f1["removed_probationary"]) == ((1, 1), (1, 0), (1, 0), (1, 0))
    assert (f1["resigned"], f1["transferred_out"], f1["decrease"]) == ((1, 0), (1, 0), (5, 1))
    assert f1["transferred_out_other_province"] == (1, 0)  # "tỉnh Thái Nguyên", not Hà Nội
    assert f1["closing"] == (6, 9)
    # D = A + B − C but for the member gone on no known date, who is named
    assert f1["unexplained"] == (1, 1)
    assert [m["member_id"] for m in result["breaking"][""]] == ["M10"]


def test_form_3_breakdowns_sum_to_the_total(inputs):
    from memberaudit.reports.views.stats import FORM_ROWS

    f3 = _cells(_stats(inputs), 3)
    assert f3["total"] == (6, 9)
    assert (f3["women"], f3["unknown_gender"], f3["ethnic_minority"], f3["unknown_ethnicity"]) == \
        ((2, 2), (1, 1), (1, 0), (1, 1))
    assert (f3["religious"], f3["probationary"]) == ((1, 0), (1, 2))
    assert (f3["age_over_60"][0], f3["age_18_30"][0], f3["age_36_40"][0], f3["age_46_50"][0],
            f3["unknown_age"][0]) == (1, 1, 2, 1, 1)
    assert f3["average_age"][0] == round((66 + 26 + 36 + 40 + 46) / 5, 1)
    assert (f3["education_upper_secondary"], f3["education_lower_secondary"], f3["unknown_education"]) == \
        ((1, None), (1, None), (4, None))  # education is known as of today only
    assert f3["era_from_1975"] == (6, 9) and f3["unknown_era"] == (0, 0)
    groups: dict[str, list[str]] = {}
    heading = None
    for row in FORM_ROWS["3"]:
        if row.key.startswith("heading_"):
            heading = row.key
        elif heading and row.key != "average_age":
            groups.setdefault(heading, []).append(row.key)
    for heading, keys in groups.items():
        assert sum(f3[k][0] for k in keys) == f3["total"][0], heading


def test_forms_2_4_and_7(inputs):
    result = _stats(inputs)
    f2 = _cells(result, 2)
    assert f2["total"] == (1, 2) and f2["ethnic_minority"] == (1, 0) and f2["age_18_30"] == (1, 1) and f2["age_31_35"] == (0, 1)
    assert f2["occupation_student"] == (1, None)
    f4 = _cells(result, 4)
    assert (f4["ethnicity.Kinh"], f4["ethnicity.Tày"], f4["ethnicity.?"]) == ((4, 8), (1, 0), (1, 1))
    assert f4["ethnicity.Kinh.women"] == (2, 2) and f4["religion.Phật giáo"] == (1, 0)
    f7 = _cells(result, 7)
    assert f7["badge_50"] == (1, 0) and sum(v[0] for k, v in f7.items() if k.startswith("badge_")) == 1
    assert (f7["official_in"], f7["official_out"]) == ((1, 0), (1, 0))


def test_by_committee_and_the_json_schema(inputs, tmp_path):
    result = runner.invoke(app, ["stats", str(inputs), "--period", "2026", "--by", "committee", "--format", "json",
                                 "-q"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["period"] == {"from": "2026-01-01", "to": "2026-12-31"}
    assert set(doc["forms"]) == {"1-BTCTW", "2-BTCTW", "3-BTCTW", "4-BTCTW", "7-BTCTW"}
    assert set(doc["forms"]["1-BTCTW"]) == {"", C}
    assert doc["forms"]["1-BTCTW"][C] == doc["forms"]["1-BTCTW"][""]  # one committee: the same list
    assert doc["forms"]["3-BTCTW"][""]["youth_union"] == {"this": 0, "last_year": None}


def test_excel_form_read_back_cell_by_cell(inputs, tmp_path):
    import openpyxl

    out = tmp_path / "out" / "bieu.xlsx"
    out.parent.mkdir()
    result = runner.invoke(app, ["stats", str(inputs), "--from", "2026-01-01", "--to", "2026-12-31", "--forms", "1,3",
                                 "--excel", str(out), "-q"])
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Biểu 1", "Biểu 3"]
    ws = wb["Biểu 1"]
    assert ws["C1"].value == "Biểu số 1-BTCTW" and ws["A4"].value == "TĂNG, GIẢM ĐẢNG VIÊN"
    assert [ws.cell(7, c).value for c in range(1, 6)] == ["STT", "Chỉ tiêu", "Kỳ này", "Cùng kỳ năm trước",
                                                          "% kỳ này so với cùng kỳ"]
    assert [ws.cell(8, c).value for c in range(1, 6)] == ["A", "B", "1", "2", "3"]
    lines = {ws.cell(r, 2).value: (ws.cell(r, 1).value, ws.cell(r, 3).value, ws.cell(r, 4).value, ws.cell(r, 5).value)
             for r in range(9, ws.max_row + 1) if ws.cell(r, 3).value is not None}
    assert lines["Đảng viên đầu kỳ"] == ("A", 10, 9, round(10 / 9 * 100, 1))
    assert lines["Đảng viên cuối kỳ (D = A + B − C)"] == ("D", 6, 9, round(6 / 9 * 100, 1))
    assert lines["Kết nạp"][1:3] == (1, 2)
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert any("M10" in text and "không rõ ngày" in text for text in texts)
    assert "T/M BAN THƯỜNG VỤ" in texts and "NGƯỜI LẬP BIỂU" in texts
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4 and ws.print_title_rows == "$7:$8"
    f3 = {ws3.cell(r, 2).value: ws3.cell(r, 4).value for ws3 in [wb["Biểu 3"]] for r in range(9, ws3.max_row + 1)}
    assert f3["Trung học phổ thông"] == "Không có số liệu"


@pytest.mark.parametrize("args", [["--period", "2026", "--from", "2026-01-01", "--to", "2026-06-30"],
                                  ["--from", "2026-01-01"], ["--from", "2026-07-01", "--to", "2026-01-01"],
                                  ["--forms", "1,5"], ["--by", "branch"]])
def test_bad_period_or_forms_are_usage_errors(inputs, args):
    result = runner.invoke(app, ["stats", str(inputs), *args])
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_html_form_is_printable(inputs, tmp_path):
    out = tmp_path / "out" / "bieu.html"
    out.parent.mkdir()
    result = runner.invoke(app, ["stats", str(inputs), "--period", "2026", "--html", str(out), "-q", "--lang", "en"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.count("<section>") == 5 and "Form 1-BTCTW" in page and "size: A4 portrait" in page
    assert "{" not in page.split("</style>")[1]


SOFFICE, PDFTOTEXT = __import__("shutil").which("soffice"), __import__("shutil").which("pdftotext")


@pytest.mark.skipif(SOFFICE is None or PDFTOTEXT is None, reason="LibreOffice or poppler-utils is not installed")
def test_libreoffice_prints_each_form_on_a4(inputs, tmp_path):
    import subprocess

    out = tmp_path / "out" / "bieu.xlsx"
    out.parent.mkdir()
    assert runner.invoke(app, ["stats", str(inputs), "--period", "2026", "--forms", "1,4", "--excel", str(out),
                               "-q"]).exit_code == 0
    subprocess.run([SOFFICE, "--headless", "--convert-to", "pdf", "--outdir", str(out.parent), str(out)],
                   check=True, capture_output=True, timeout=180)
    pages = subprocess.run([PDFTOTEXT, "-layout", str(out.with_suffix(".pdf")), "-"], check=True,
                           capture_output=True, text=True).stdout.split("\f")
    pages = [p for p in pages if p.strip()]
    assert len(pages) == 2  # each form fits its A4 page
    assert "Biểu số 1-BTCTW" in pages[0] and "TĂNG, GIẢM ĐẢNG VIÊN" in pages[0] and "T/M BAN THƯỜNG VỤ" in pages[0]
    assert "Biểu số 4-BTCTW" in pages[1] and "Tày" in pages[1]
