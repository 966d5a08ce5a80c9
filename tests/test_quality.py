"""`memberaudit quality`: every cell's state, scores known by hand, the ranking, the printable list, the files."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from conftest import write_workbook
from memberaudit.cli import app

runner = CliRunner()
AS_OF = date(2026, 11, 30)
FULL = ["STT", "Số thẻ đảng viên", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Tôn giáo", "Chi bộ",
        "Đảng bộ", "Ngày vào Đảng", "Ngày chính thức", "Trạng thái", "Số CCCD", "Số điện thoại"]
# a file without the ethnicity, religion and phone columns
SHORT = ["STT", "Số thẻ đảng viên", "Họ và tên", "Ngày sinh", "Giới tính", "Chi bộ", "Đảng bộ", "Ngày vào Đảng",
         "Ngày chính thức", "Trạng thái", "Số CCCD"]
COMMITTEE = "Đảng bộ Phường Mẫu"


def _sheet(header, rows):
    return {"Danh sách đảng viên": [["DANH SÁCH ĐẢNG VIÊN"], [], header, *[[i, *r] for i, r in enumerate(rows, 1)]]}


@pytest.fixture
def files(tmp_path):
    """Branch A (every column): a complete member; one with an impossible birth date and no religion or phone;
    a probationary member without a card, with an 11-digit id and a phone Excel kept as a number; an exempt
    member. Branch B (no ethnicity, religion or phone column): two complete members."""
    a, b = "Chi bộ A", "Chi bộ B"
    folder = tmp_path / "in"
    folder.mkdir()
    write_workbook(folder / "a.xlsx", _sheet(FULL, [
        ["01.000001", "Nguyễn Văn An", "01/02/1980", "Nam", "Kinh", "Không", a, COMMITTEE, "01/01/2010",
         "01/01/2011", "Chính thức", "001080012345", "0912345678"],
        ["01.000002", "Trần Thị Bình", "31/02/1980", "Nữ", "Kinh", None, a, COMMITTEE, "01/01/2010", "01/01/2011",
         "Chính thức", "001180012345", None],
        [None, "Lê Văn Cường", "05/05/1999", "Nam", "Kinh", "Không", a, COMMITTEE, "01/03/2026", None, "Dự bị",
         "01099012345", 912345678],
        ["01.000004", "Phạm Văn Dũng", "01/01/1950", "Nam", "Kinh", "Không", a, COMMITTEE, "01/01/1975",
         "01/01/1976", "Miễn sinh hoạt", None, None],
    ]))
    write_workbook(folder / "b.xlsx", _sheet(SHORT, [
        ["02.000001", "Hoàng Văn Em", "01/01/1985", "Nam", b, COMMITTEE, "01/01/2012", "01/01/2013", "Chính thức",
         "001085012345"],
        ["02.000002", "Vũ Thị Gấm", "01/01/1986", "Nữ", b, COMMITTEE, "01/01/2012", "01/01/2013", "Chính thức",
         "001186012345"],
    ]))
    return folder


def _summary(path, required=None):
    from memberaudit.assemble.pipeline import read_roster
    from memberaudit.model.config import Config
    from memberaudit.reports.views.quality import quality_summary

    return quality_summary(read_roster([path], config=Config()), AS_OF, required)


def _unit(summary, name):
    return next(u for u in summary["units"] if u["unit"] == name)


def test_every_cell_is_filled_missing_invalid_or_absent(files):
    summary = _summary(files)
    a, b = _unit(summary, "Chi bộ A"), _unit(summary, "Chi bộ B")
    assert (a["active_members"], a["exempt_members"], b["active_members"], b["exempt_members"]) == (3, 1, 2, 0)
    assert a["fields"]["birth_date"] == {"filled": 2, "missing": 0, "invalid": 1, "absent": 0}  # 31/02: invalid
    assert a["fields"]["religion"] == {"filled": 2, "missing": 1, "invalid": 0, "absent": 0}
    assert a["fields"]["phone"] == {"filled": 1, "missing": 1, "invalid": 1, "absent": 0}
    assert a["fields"]["national_id"] == {"filled": 2, "missing": 0, "invalid": 1, "absent": 0}
    # the probationary member needs neither card nor official date
    assert a["fields"]["member_id"] == {"filled": 2, "missing": 0, "invalid": 0, "absent": 0}
    assert a["fields"]["official_date"] == {"filled": 2, "missing": 0, "invalid": 0, "absent": 0}
    assert b["fields"]["phone"] == {"filled": 0, "missing": 0, "invalid": 0, "absent": 2}


def test_scores_and_ranking(files):
    summary = _summary(files)
    a, b = _unit(summary, "Chi bộ A"), _unit(summary, "Chi bộ B")
    # A: 11 + 11 + 9 required cells; filled 11 + 8 + 7. B: 2 × 11 cells, 8 filled each
    assert a["score"] == round(26 / 31, 4) and b["score"] == round(16 / 22, 4)
    assert a["valid_national_id_share"] == round(2 / 3, 4) and b["valid_national_id_share"] == 1.0
    assert [u["unit"] for u in summary["units"]] == ["Chi bộ B", "Chi bộ A"]  # worst first
    committee = summary["committees"][0]
    assert (committee["unit"], committee["score"], committee["active_members"]) == (COMMITTEE, round(42 / 53, 4), 5)
    assert committee["valid_national_id_share"] == round(4 / 5, 4)


def test_required_fields_from_the_configuration(files):
    summary = _summary(files, ["national_id", "phone"])
    a = _unit(summary, "Chi bộ A")
    assert set(a["fields"]) == {"national_id", "phone"}
    assert a["score"] == round(3 / 6, 4)


def test_the_list_names_each_gap_and_why(files):
    from memberaudit.reports.views.quality import gap_list

    plist = gap_list(_summary(files), "vi", 2)
    (committee, subgroups), = plist.groups
    assert committee == COMMITTEE
    # B's only gaps are columns its file lacks: said once in a heading, no member listed for it
    (label, rows), = subgroups
    assert label.startswith("Chi bộ A — đạt 83.9%")
    by_name = {r["full_name"]: r for r in rows}
    assert set(by_name) == {"Trần Thị Bình", "Lê Văn Cường"}
    assert by_name["Trần Thị Bình"]["missing"] == "Tôn giáo, Số điện thoại"
    assert by_name["Trần Thị Bình"]["invalid"] == "Ngày sinh: ngày không tồn tại"
    assert "Số CCCD: 11 chữ số: mất số 0 đầu" in by_name["Lê Văn Cường"]["invalid"]
    assert "Số điện thoại: không phải số điện thoại Việt Nam" in by_name["Lê Văn Cường"]["invalid"]
    # Vietnamese order by given name: Bình before Cường
    assert [r["full_name"] for r in rows] == ["Trần Thị Bình", "Lê Văn Cường"]


def test_a_file_without_columns_is_said_in_the_heading(files, tmp_path):
    from memberaudit.reports.views.quality import gap_list

    write_workbook(files / "c.xlsx", _sheet(SHORT, [
        [None, "Đỗ Văn Hùng", "01/01/1985", "Nam", "Chi bộ C", COMMITTEE, "01/01/2012", "01/01/2013", "Chính thức",
         None]]))
    plist = gap_list(_summary(files), "vi", 3)
    labels = [label for _, subs in plist.groups for label, _ in subs]
    assert any(label.startswith("Chi bộ C") and "tệp không có cột: Dân tộc, Tôn giáo, Số điện thoại" in label
               for label in labels)
    rows = [r for _, subs in plist.groups for _, rs in subs for r in rs if r["full_name"] == "Đỗ Văn Hùng"]
    assert rows[0]["missing"] == "Số thẻ đảng viên, Số CCCD"


def test_command_json_schema_and_files(files, tmp_path):
    html, excel = tmp_path / "out" / "q.html", tmp_path / "out" / "q.xlsx"
    html.parent.mkdir()
    result = runner.invoke(app, ["quality", str(files), "--as-of", "2026-11-30", "--format", "json",
                                 "--html", str(html), "--excel", str(excel), "-q"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    keys = {"unit", "parent_unit", "active_members", "score", "valid_national_id_share", "fields"}
    assert keys <= set(doc["units"][0]) and keys <= set(doc["committees"][0])
    assert set(doc["units"][0]["fields"]) == {"full_name", "birth_date", "gender", "ethnicity", "religion",
                                              "admission_date", "official_date", "member_id", "national_id",
                                              "unit", "phone"}
    assert set(doc["units"][0]["fields"]["phone"]) == {"filled", "missing", "invalid", "absent"}
    text = html.read_text(encoding="utf-8")
    assert "Trần Thị Bình" in text and "background:#" in text and "{" not in text.split("</style>")[1]

    import openpyxl

    wb = openpyxl.load_workbook(excel)
    ranked = wb.worksheets[1]
    assert ranked.conditional_formatting, "the score columns carry a colour scale"
    assert [ranked.cell(5, c).value for c in (2, 5)] == ["Chi bộ B", round(16 / 22, 4)]
    assert any(ws.title == "Phường Mẫu" for ws in wb.worksheets)


def test_unknown_required_field_is_a_config_error(files, tmp_path):
    config = tmp_path / "memberaudit.toml"
    config.write_text('[quality]\nrequired = ["national_id", "shoe_size"]\n', encoding="utf-8")
    result = runner.invoke(app, ["quality", str(files), "--config", str(config)])
    assert result.exit_code == 2
    assert "quality.required" in result.output and "national_id" in result.output


def test_the_demo_ranks_the_planted_branch_among_the_worst(demo_dir):
    summary = _summary(demo_dir)
    worst = [u["unit"] for u in summary["units"][:4]]
    assert "Chi bộ Khu dân cư Chùa Láng" in worst
    chua_lang = _unit(summary, "Chi bộ Khu dân cư Chùa Láng")
    assert chua_lang["fields"]["national_id"]["missing"] == 1 and chua_lang["fields"]["national_id"]["invalid"] == 2


def test_ten_digit_id_lost_two_zeros():
    from conftest import member, run_rule

    found = run_rule("DAT008", {"members": [member("T1", national_id="1080012345"),
                                            member("T2", national_id="3080012345")]}, AS_OF)
    details = {r["member_id"]: json.loads(r["evidence"])["detail"] for r in found.findings.iter_rows(named=True)}
    assert details == {"T1": "length_10", "T2": "length"}  # 001 is Hà Nội; there is no province 003
