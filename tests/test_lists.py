"""Screening list, badge list and composition on hand-made rosters whose answers are known."""

from __future__ import annotations

import json
from datetime import date

import polars as pl
import pytest
from typer.testing import CliRunner

from conftest import make_roster, member
from memberaudit.checks.engine import audit
from memberaudit.cli import app
from memberaudit.model.config import Config
from memberaudit.reports import lists as list_reports
from memberaudit.reports.views.composition import TOTAL, mix_summary
from memberaudit.reports.views.lists import badge_list, months_in_words, screening_list

runner = CliRunner()
AS_OF = date(2026, 11, 30)


@pytest.mark.parametrize("months, words", [
    (["02/2026", "05/2026", "08/2026"], "2, 5, 8/2026"),
    (["11/2025", "12/2025", "01/2026"], "11, 12/2025, 1/2026"),
    ([], ""),
])
def test_months_in_words(months, words):
    assert months_in_words(months) == words


def screening_roster():
    members = [member("A1", parent_unit="Đảng bộ X", full_name="Nguyễn Văn An"),
               member("B2", unit="CB2", parent_unit="Đảng bộ Y", full_name="Lê Thị Bình"),
               member("C3", parent_unit="Đảng bộ X", full_name="Trần Cường")]
    return make_roster({
        "members": members,
        "attendance": [{"member_id": "A1", "2026-02": "K", "2026-05": "K", "2026-08": "K"},
                       {"member_id": "C3", "2026-02": "K"}],
        "ratings": [{"member_id": "A1", "2024": "KHTNV", "2025": "KHTNV"},
                    {"member_id": "B2", "2024": "KHTNV", "2025": "KHTNV"}],
    })


def test_screening_list_members_grounds_and_evidence_words():
    roster = screening_roster()
    result = audit(roster, as_of=AS_OF, config=Config(), select_codes=["screening"], lang="vi")
    plist = screening_list(result, roster, "vi")
    rows = plist.rows()
    assert [(r["committee"], r["member_id"]) for r in rows] == [("Đảng bộ X", "A1"), ("Đảng bộ Y", "B2")]
    a1 = rows[0]
    assert a1["grounds"] == "Bỏ sinh hoạt đảng không có lý do chính đáng; Hai năm liền không hoàn thành nhiệm vụ"
    assert a1["evidence"] == ("vắng sinh hoạt không lý do các tháng 2, 5, 8/2026; "
                              "xếp loại không hoàn thành nhiệm vụ các năm 2024, 2025")
    assert "294-QĐ/TW" in a1["reference"] and a1["birth_date"] == date(1980, 1, 1)


def test_screening_excel_is_printable_per_committee(tmp_path):
    import openpyxl

    roster = screening_roster()
    result = audit(roster, as_of=AS_OF, config=Config(), select_codes=["screening"], lang="vi")
    path = list_reports.write_excel(screening_list(result, roster, "vi"), tmp_path / "ra-soat.xlsx")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["X", "Y"]
    ws = wb["X"]
    values = [[c.value for c in row] for row in ws.iter_rows()]
    assert values[1][0] == "DANH SÁCH ĐẢNG VIÊN THUỘC DIỆN RÀ SOÁT, SÀNG LỌC"
    assert values[4][:3] == ["STT", "Số thẻ", "Họ và tên"]
    assert values[6][:3] == [1, "A1", "Nguyễn Văn An"]
    flat = [v for row in values for v in row if v]
    assert "NGƯỜI LẬP BIỂU" in flat and "T/M BAN THƯỜNG VỤ" in flat
    assert ws.print_title_rows == "$5:$5" and ws.page_setup.orientation == "landscape"


def test_badge_list_for_a_chosen_occasion():
    roster = make_roster({"members": [member("B1", admitted="10/07/1986", parent_unit="Đảng bộ X"),
                                      member("B2", admitted="10/07/1996", parent_unit="Đảng bộ X"),
                                      member("B3", admitted="10/10/1996", parent_unit="Đảng bộ X")]})
    result = audit(roster, as_of=date(2026, 1, 10), config=Config(), select_codes=["MIL001"], lang="vi",
                   occasion=date(2026, 9, 2))
    plist = badge_list(result, roster, "vi")
    assert plist.meta["occasion"] == "2026-09-02"
    assert [(g, [r["member_id"] for r in rows]) for _, subs in plist.groups for g, rows in subs] == [
        ("Huy hiệu 30 năm tuổi Đảng", ["B2"]), ("Huy hiệu 40 năm tuổi Đảng", ["B1"])]


def mix_roster():
    rows = []
    # ages on 30/11/2026: 25, 35, 45, 55, 65, 75; occupations and genders chosen to give known shares
    for i, (born, occupation, gender, unit) in enumerate([
        ("01/01/2001", "Sinh viên", "Nữ", "CB1"), ("01/01/1991", "Giáo viên", "Nam", "CB1"),
        ("01/01/1981", "Công nhân", "Nam", "CB1"), ("01/01/1971", "Hưu trí", "Nữ", "CB2"),
        ("01/01/1961", "Hưu trí", "Nam", "CB2"), ("01/01/1951", "Buôn bán nhỏ", "Nam", "CB2"),
    ]):
        rows.append(member(f"M{i}", unit=unit, birth=born, occupation=occupation, gender=gender,
                           parent_unit="Đảng bộ X", admitted="01/03/2026" if i < 2 else "01/01/2000",
                           official=None if i < 2 else "01/01/2001"))
    return make_roster({"members": rows, "targets": [{"unit": "Đảng bộ X", "year": "2026", "admissions": "5"}]})


def test_mix_bands_groups_shares_and_average_age():
    mix = mix_summary(mix_roster(), AS_OF, min_share={"student": 0.6})
    frame = mix["composition"]
    whole = frame.filter((pl.col("committee") == TOTAL) & (pl.col("unit") == TOTAL))
    ages = dict(whole.filter(pl.col("dimension") == "age").select("group", "count").iter_rows())
    assert ages == {"18–30": 1, "31–40": 1, "41–50": 1, "51–60": 1, "61–70": 1, ">70": 1}
    jobs = dict(whole.filter(pl.col("dimension") == "occupation").select("group", "count").iter_rows())
    assert jobs == {"student": 1, "teacher": 1, "worker": 1, "retired": 2, "other": 1}
    for (_, _, _), part in frame.group_by("committee", "unit", "dimension"):
        assert part["share"].sum() == pytest.approx(1.0, abs=1e-3)
    averages = {(c, u): a for c, u, a, _ in mix["averages"].iter_rows()}
    assert averages[(TOTAL, TOTAL)] == 50.0 and averages[("Đảng bộ X", "CB2")] == 65.0


def test_mix_of_admissions_against_targets_and_minimum_shares():
    mix = mix_summary(mix_roster(), AS_OF, new_in=2026, min_share={"student": 0.6})
    assert mix["targets"].select("unit", "target", "admitted", "gap").rows() == [("Đảng bộ X", 5, 2, -3)]
    whole = mix["shares"].filter(pl.col("committee") == TOTAL)
    assert whole.select("group", "share", "min_share", "gap").rows() == [("student", 0.5, 0.6, -0.1)]


def test_cli_screen_mix_badges_on_demo(tmp_path):
    demo = tmp_path / "demo"
    assert runner.invoke(app, ["demo", str(demo)]).exit_code == 0
    out = tmp_path / "ra-soat.xlsx"
    screen = runner.invoke(app, ["screen", str(demo), "--as-of", "2026-11-30", "-o", str(out), "--format", "json"])
    assert screen.exit_code == 0 and out.exists()
    assert json.loads(screen.stdout)["count"] >= 3
    mix = runner.invoke(app, ["mix", str(demo), "--as-of", "2026-11-30", "--new-in", "2026", "--format", "json",
                              "--html", str(tmp_path / "m.html"), "--excel", str(tmp_path / "m.xlsx")])
    assert mix.exit_code == 0 and json.loads(mix.stdout)["targets"]
    assert (tmp_path / "m.html").exists() and (tmp_path / "m.xlsx").exists()
    badges = runner.invoke(app, ["badges", str(demo), "--as-of", "2026-11-30", "--format", "json"])
    assert badges.exit_code == 0 and json.loads(badges.stdout)["occasion"] == "2027-02-03"
    assert runner.invoke(app, ["mix", str(demo), "--by", "height"]).exit_code == 2


def test_admission_pipeline_against_the_target():
    """Per branch and committee: admitted this year, candidates at each step, likely by the year's end."""
    from memberaudit.reports.views.composition import admission_pipeline
    from rule_cases import cand

    roster = make_roster({
        "members": [member("A1", admitted="01/05/2026", official=None, parent_unit="Đảng bộ X",
                           occupation="Học sinh, sinh viên"), member("O1", parent_unit="Đảng bộ X")],
        "targets": [{"unit": "Đảng bộ X", "year": "2026", "admissions": "4"}],
        "candidates": [cand("C1", decided_on="10/11/2026", occupation="Học sinh, sinh viên"),
                       cand("C2", resolved_on="01/10/2026"), cand("C3", resolved_on=None, applied_on="01/09/2026"),
                       cand("C4", resolved_on=None, class_on="01/08/2026"), cand("C5", resolved_on=None)],
    })
    frame = admission_pipeline(roster, 2026, {"student": 0.1})
    committee = frame.filter(pl.col("unit") == TOTAL).row(0, named=True)
    assert committee["target"] == 4 and committee["admitted"] == 1
    assert [committee[s] for s in ("listed", "class", "applied", "resolved", "decided")] == [1, 1, 1, 1, 1]
    assert (committee["likely"], committee["projected"]) == (1, 2)
    assert committee["share_student"] == round(2 / 6, 4)
    branch = frame.filter(pl.col("unit") == "CB1").row(0, named=True)
    assert branch["target"] is None and branch["admitted"] == 1


def test_age_counts_a_birthday_not_yet_reached():
    """Ages compare month and day: born 15/12/1990 is 35 on 30/11/2026, born 30/11/1990 is 36 (months and
    days are small integers in Polars: month × 100 once wrapped, and a December birthday counted early)."""
    from memberaudit.reports.views.composition import population

    roster = make_roster({"members": [member("A1", birth="15/12/1990"), member("A2", birth="30/11/1990"),
                                      member("A3", birth="01/01/1990")]})
    ages = dict(population(roster, AS_OF).select("member_id", "age_years").iter_rows())
    assert {str(k): v for k, v in ages.items()} == {"A1": 35, "A2": 36, "A3": 36}
