"""Legacy font encodings: TCVN3 (ABC) and VNI sheets are detected, converted to Unicode and noted."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from conftest import write_workbook
from memberaudit.assemble.pipeline import read_roster
from memberaudit.cli import app
from memberaudit.read.legacy import TCVN3, VNI, convert_text, detect

runner = CliRunner()


def to_legacy(text: str, table: dict[str, str]) -> str:
    """Encode Unicode text the way the old fonts stored it (the inverse of the conversion tables)."""
    reverse = {}
    for code, letter in sorted(table.items(), key=lambda kv: len(kv[0])):
        reverse.setdefault(letter, code)
    return "".join(reverse.get(ch, ch) for ch in text)


@pytest.mark.parametrize("unicode", ["Đảng viên", "Nguyễn Văn Đức", "Trường Đại học Giao thông", "Số thẻ",
                                     "Ngày vào Đảng", "Mường Khương", "Hồ Thị Thủy", "Lê Ngọc Ánh"])
@pytest.mark.parametrize("encoding, table", [("tcvn3", TCVN3), ("vni", VNI)])
def test_round_trip(unicode, encoding, table):
    legacy = to_legacy(unicode.lower() if encoding == "tcvn3" else unicode, table)
    assert legacy != unicode
    expected = unicode.lower() if encoding == "tcvn3" else unicode
    assert convert_text(legacy, encoding) == expected


def test_known_samples():
    assert convert_text("§¶ng viªn", "tcvn3") == "Đảng viên"
    assert convert_text("Ñaûng vieân", "vni") == "Đảng viên"
    assert detect(["§¶ng viªn", "Hä vµ tªn"]) == "tcvn3"
    assert detect(["Ñaûng vieân", "Hoï vaø teân"]) == "vni"
    assert detect(["Đảng viên", "Café"]) is None and detect(["Café au lait"]) is None


@pytest.mark.parametrize("encoding, table", [("tcvn3", TCVN3), ("vni", VNI)])
def test_legacy_sheet_is_read_and_noted(tmp_path, encoding, table):
    enc = (lambda s: to_legacy(s.lower(), table)) if encoding == "tcvn3" else (lambda s: to_legacy(s, table))
    rows = [[enc("DANH SÁCH ĐẢNG VIÊN")], [],
            [enc("Số thẻ"), enc("Họ và tên"), enc("Ngày sinh"), enc("Chi bộ"), enc("Ngày vào Đảng"), enc("Trạng thái")],
            ["001", enc("Nguyễn Văn Đức"), "02/01/1980", enc("Chi bộ Trường học"), "01/02/2010", enc("Chính thức")]]
    path = write_workbook(tmp_path / "cu.xlsx", {"Sheet1": rows})
    roster = read_roster([path], workers=1)
    name = roster.members["full_name"].item()
    assert name.lower() == "nguyễn văn đức" and roster.members["status"].item() == "official"
    assert roster.sources[0].encoding == encoding
    out = runner.invoke(app, ["validate", str(path), "--format", "json", "--as-of", "2026-11-30"])
    assert json.loads(out.stdout)["notes"] == [{"file": str(path), "sheet": "Sheet1", "converted_from": encoding}]


def test_a_sheet_retyped_in_unicode_above_rows_still_in_the_old_font(tmp_path):
    """Titles and headers retyped in Unicode over members still in .VnTime (TCVN3): the sheet had Vietnamese
    letters, so nothing was converted and every name, status and gender was the old font's garble (DAT005
    on every member). The cells in the old font are converted; the Unicode ones are left as they are."""
    encoding = "tcvn3"
    enc = lambda s: to_legacy(s.lower(), TCVN3)  # noqa: E731
    rows = [["DANH SÁCH ĐẢNG VIÊN CHI BỘ TRƯỜNG HỌC"], [],
            ["Số thẻ", "Họ và tên", "Ngày sinh", "Giới tính", "Ngày vào Đảng", "Trạng thái", "Ghi chú"],
            ["001", enc("Nguyễn Văn Đức"), "02/01/1980", "Nam", "01/02/2010", enc("Chính thức"), "Chuyển đến"],
            ["002", enc("Trần Thị Hà"), "03/04/1985", enc("Nữ"), "05/06/2012", enc("Dự bị"), None]]
    path = write_workbook(tmp_path / "cu.xlsx", {"Sheet1": rows})
    roster = read_roster([path], workers=1)
    members = roster.members.sort("_row")
    expected = ["nguyễn văn đức", "trần thị hà"]
    assert [n.lower() for n in members["full_name"]] == expected
    assert members["gender"].to_list() == ["male", "female"]
    assert members["status"].to_list() == ["official", "probationary"]
    assert roster.sources[0].encoding == encoding


def test_a_stray_mark_beside_unicode_text_is_no_old_font(tmp_path):
    rows = [["DANH SÁCH ĐẢNG VIÊN"], ["Số thẻ", "Họ và tên", "Ngày sinh", "Chi bộ", "Ngày vào Đảng", "Nơi làm việc"],
            ["001", "Nguyễn Văn Đức", "02/01/1980", "Chi bộ 1", "01/02/2010", "ABC®"],
            ["002", "Trần Thị Hà", "03/04/1985", "Chi bộ 1", "05/06/2012", "ABC®"]]
    roster = read_roster([write_workbook(tmp_path / "moi.xlsx", {"Sheet1": rows})], workers=1)
    assert roster.sources[0].encoding is None
    assert roster.members.sort("_row")["full_name"].to_list() == ["Nguyễn Văn Đức", "Trần Thị Hà"]
