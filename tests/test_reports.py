"""Reports read back: parsed HTML (no external URLs, sections, counts) and the Excel workbook's cells."""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from conftest import make_roster, member
from memberaudit.checks.engine import audit
from memberaudit.cli import app
from memberaudit.model.config import Config
from memberaudit.reports import excel, html
from memberaudit.reports.common import RECORD_FIELDS, finding_json, mask_findings, reading_order, records

runner = CliRunner()
AS_OF = date(2026, 11, 30)


class Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls, self.ids, self.classes, self.scripts, self.tags = [], [], [], [], []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append(tag)
        for key in ("src", "href", "action", "data"):
            if attrs.get(key):
                self.urls.append(attrs[key])
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        self.classes += (attrs.get("class") or "").split()
        self._in_script = tag == "script"

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)

    def handle_endtag(self, tag):
        self._in_script = False


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from memberaudit.assemble.pipeline import read_roster
    from memberaudit.demo import write_demo

    folder = tmp_path_factory.mktemp("demo")
    write_demo(folder)
    roster = read_roster([folder], workers=1)
    return roster, audit(roster, as_of=AS_OF, config=Config(), lang="vi")


def parse(text: str) -> Collect:
    parser = Collect()
    parser.feed(text)
    return parser


def test_html_is_self_contained_with_every_section(demo):
    roster, result = demo
    page = html.render(result, roster, lang="vi")
    parsed = parse(page)
    assert parsed.urls == []  # no src/href at all: nothing to fetch
    assert "http://" not in page and "https://" not in page and "@import" not in page
    assert {"by-rule", "by-committee", "ages", "occupations", "coverage", "all-findings", "findings", "data"} <= set(
        parsed.ids)
    committees = {r["parent_unit"] or "—" for r in records(result)}
    assert parsed.classes.count("committee") == len(committees)
    rows = json.loads(next(s for s in parsed.scripts if s.startswith("[")))
    assert len(rows) == result.findings.height
    assert parsed.tags.count("svg") == 3
    assert '<html lang="vi">' in page and "Tháp tuổi đảng viên" in page


def test_html_in_english_uses_english_rule_titles(demo):
    roster, result_vi = demo
    result = audit(roster, as_of=AS_OF, config=Config(), lang="en")
    page = html.render(result, roster, lang="en")
    assert "Missed branch meetings without valid reason" in page and "Age pyramid" in page
    assert "Bỏ sinh hoạt đảng" not in page


def test_html_escapes_cell_text(tmp_path):
    roster = make_roster({"members": [member("X<1>", full_name="</script><script>alert(1)</script>",
                                             birth="31/02/1980")]})
    result = audit(roster, as_of=AS_OF, config=Config(), select_codes=["DAT002"], lang="vi")
    page = html.render(result, roster, lang="vi")
    assert "<script>alert(1)" not in page
    assert len([s for s in parse(page).scripts if s.strip()]) == 2  # the data blob and the table script only


def test_committee_sections_list_members_in_vietnamese_order(tmp_path):
    """Within a branch, by given name, family name, middle names: the order plain sorting gets wrong."""
    import openpyxl

    names = ["Trần Văn Ánh", "Lê Thị Anh", "Nguyễn Văn Ảnh", "Đỗ Minh Dũng", "Bùi Văn Đức", "Lê Văn Anh"]
    roster = make_roster({"members": [member(f"M{i}", full_name=n, birth="31/02/1980", parent_unit="Đảng bộ Mẫu")
                                      for i, n in enumerate(names)]})
    result = audit(roster, as_of=AS_OF, config=Config(), select_codes=["DAT002"], lang="vi")
    # tones after letters, in the order none, huyền, hỏi, ngã, sắc, nặng: Anh, Ảnh, Ánh; d before đ
    expected = ["Lê Thị Anh", "Lê Văn Anh", "Nguyễn Văn Ảnh", "Trần Văn Ánh", "Đỗ Minh Dũng", "Bùi Văn Đức"]
    assert sorted(names) != expected
    wb = openpyxl.load_workbook(excel.write(result, roster, tmp_path / "r.xlsx", lang="vi"))
    assert [row[5].value for row in wb["Mẫu"].iter_rows(min_row=2)] == expected
    page = html.render(result, roster, lang="vi")
    section = page[page.index('id="committee-'):] if 'id="committee-' in page else page[page.rindex("<section"):]
    assert [n for n in sorted(expected, key=section.index)] == expected


def test_excel_sheets_headers_dates_and_counts(demo, tmp_path):
    import openpyxl

    roster, result = demo
    path = excel.write(result, roster, tmp_path / "report.xlsx", lang="vi")
    wb = openpyxl.load_workbook(path)
    committees = sorted({r["parent_unit"] or "—" for r in records(result)})
    assert wb.sheetnames[:2] == ["Tổng hợp", "Kết quả kiểm tra"]
    assert wb.sheetnames[-2:] == ["Phạm vi kiểm tra", "Cơ cấu"]
    assert len(wb.sheetnames) == 4 + len(committees)
    findings = wb["Kết quả kiểm tra"]
    header = [c.value for c in findings[1]]
    assert header[:3] == ["Quy tắc", "Mức độ", "Đảng bộ"] and findings.freeze_panes == "A2"
    assert findings.max_row == result.findings.height + 1
    # text cells refer to the shared-strings table: every message and unit reads back in order, in openpyxl
    # and in calamine (a second, independent reader of the spliced XML)
    shown = [(row[0].value, row[3].value, row[6].value) for row in findings.iter_rows(min_row=2)]
    assert shown == reading_order(result.findings).select("rule", "unit", "message").rows()
    import fastexcel

    sheet = fastexcel.read_excel(str(path)).load_sheet("Kết quả kiểm tra", dtypes="string")
    assert pl.DataFrame(sheet).select("Quy tắc", "Chi bộ", "Nội dung").rows() == shown
    assert findings.auto_filter.ref == f"A1:O{result.findings.height + 1}"
    dates = [row[7].value for row in findings.iter_rows(min_row=2) if row[0].value == "PRB001"]
    assert dates and all(isinstance(d, datetime) for d in dates)
    fills = {row[1].value: row[1].fill.fgColor.rgb for row in findings.iter_rows(min_row=2)}
    assert fills["cao"].endswith("FFC7CE")
    per_committee = sum(wb[name].max_row - 1 for name in wb.sheetnames[2:-2])
    assert per_committee == result.findings.height
    of_committee = [row[2].value for row in findings.iter_rows(min_row=2)]
    for name in wb.sheetnames[2:-2]:  # each committee's sheet: its findings, in the Findings sheet's order
        rows = list(wb[name].iter_rows(min_row=2))
        committee = rows[0][2].value
        assert [(r[0].value, r[3].value, r[6].value) for r in rows] == [
            shown[i] for i, c in enumerate(of_committee) if c == committee], name
    assert len(wb["Tổng hợp"]._charts) == 2 and len(wb["Cơ cấu"]._charts) == 2
    assert isinstance(wb["Tổng hợp"]["B2"].value, datetime)


def test_sheet_names_valid_and_unique_for_long_names():
    taken: set[str] = set()
    long = "Đảng bộ Công ty Cổ phần Xây dựng và Phát triển Hạ tầng Thăng Long"
    names = [excel.sheet_name(n, taken) for n in (long, long, "Chi bộ [A]/B:C*?", "—", "—")]
    assert all(len(n) <= 31 for n in names) and len({n.casefold() for n in names}) == 5
    assert not any(ch in n for n in names for ch in "[]:*?/\\")


def test_findings_mask_national_ids_in_evidence_and_id_like_values():
    findings = pl.DataFrame({f: [None, None, None] for f in RECORD_FIELDS}, schema={f: pl.String for f in RECORD_FIELDS})
    findings = findings.with_columns(
        pl.Series("evidence", ['{"national_id":"001080012345"}', '{"count":3}', '{}']),
        pl.Series("value", ["001080012345", "01080012345 / 12/13/1980", "012345678901"]),
        pl.Series("member_id", ["A1", "A2", "012345678901"]))
    masked = mask_findings(findings)
    assert [json.loads(line)["evidence"] for line in finding_json(masked)] == [{"national_id": "****2345"}, {"count": 3}, {}]
    # an id typed into a date cell is masked; a member's own card number, echoed, is not
    # one mask whatever the length (12 digits, or 11 with the leading 0 lost)
    assert masked["value"].to_list() == ["****2345", "****2345 / 12/13/1980", "012345678901"]
    plain = findings.with_columns(pl.lit('{"count":3}').alias("evidence"))  # nothing to mask: unchanged
    assert mask_findings(plain)["evidence"].to_list() == ['{"count":3}'] * 3


def test_cli_writes_both_reports(demo, tmp_path):
    folder = Path(demo[0].files[0]).parent
    out_html, out_xlsx = tmp_path / "r.html", tmp_path / "r.xlsx"
    result = runner.invoke(app, ["audit", str(folder), "--as-of", "2026-11-30", "--html", str(out_html),
                                 "--excel", str(out_xlsx), "-q"])
    assert result.exit_code == 0, result.output
    assert out_html.stat().st_size > 10_000 and out_xlsx.stat().st_size > 5_000
    assert not list(tmp_path.glob(".*.tmp"))  # atomic writes leave no temporary file behind


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def chromium(*args: str, timeout: int = 60) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync",
             f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *args],
            capture_output=True, text=True, timeout=timeout)


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")
def test_report_in_headless_chromium_filters_without_console_errors(demo, tmp_path):
    roster, result = demo
    page = tmp_path / "report.html"
    html.write(result, roster, page, lang="vi")
    everything = chromium("--dump-dom", page.as_uri())
    filtered = chromium("--dump-dom", page.as_uri() + "#rule=ATT001")
    for run in (everything, filtered):
        assert run.returncode == 0
        console = [line for line in run.stderr.splitlines() if "CONSOLE" in line or "Uncaught" in line]
        assert console == []
    shown = lambda dom: dom.split('id="shown"')[1].split(">")[1].split("<")[0]  # noqa: E731
    total = result.findings.height
    assert shown(everything.stdout) == f"{total} / {total}"
    att = result.findings.filter(result.findings["rule"] == "ATT001").height
    assert shown(filtered.stdout) == f"{att} / {total}"
    body = filtered.stdout.split('<table id="findings">')[1].split("</tbody>")[0]
    assert body.count("<tr>") == att + 1  # the header row and the ATT001 rows
    shot = tmp_path / "report.png"
    assert chromium("--window-size=1280,1600", f"--screenshot={shot}", page.as_uri()).returncode == 0
    assert shot.stat().st_size > 20_000


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed")
def test_report_with_50000_findings_stays_usable(demo, tmp_path):
    roster, result = demo
    many = pl.concat([result.findings] * (50_000 // result.findings.height + 1)).head(50_000)
    big = type(result)(result.as_of, many, result.coverage, result.rules, [])
    page = tmp_path / "big.html"
    html.write(big, roster, page, lang="vi")
    run = chromium("--dump-dom", page.as_uri(), timeout=120)
    assert run.returncode == 0
    assert run.stdout.split('id="shown"')[1].split(">")[1].split("<")[0] == "50000 / 50000"
    body = run.stdout.split('<table id="findings">')[1].split("</tbody>")[0]
    assert body.count("<tr>") == 101  # the header and one page of 100 rows: the rest is paginated
    assert run.stdout.split('id="page"')[1].split(">")[1].split("<")[0] == "1 / 500"


def test_every_excel_report_sheet_declares_its_used_range(demo, tmp_path):
    """Readers that size a sheet by its <dimension> (openpyxl read-only) see every row of every sheet."""
    import openpyxl

    roster, result = demo
    path = excel.write(result, roster, tmp_path / "r.xlsx", lang="vi")
    full = {ws.title: ws.max_row for ws in openpyxl.load_workbook(path).worksheets}
    lean = openpyxl.load_workbook(path, read_only=True)
    assert {ws.title: ws.max_row for ws in lean.worksheets} == full
    assert lean["Kết quả kiểm tra"].max_row == result.findings.height + 1


def test_excel_report_sheets_print_one_page_wide_with_the_charts_inside(demo, tmp_path):
    """Printed on A4, a table's counts stay on the page of their labels, and the Summary's charts stand
    under its tables (beside them they fell off the printed width)."""
    import openpyxl

    roster, result = demo
    wb = openpyxl.load_workbook(excel.write(result, roster, tmp_path / "r.xlsx", lang="vi"))
    for ws in wb.worksheets:
        assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
    summary = wb.worksheets[0]
    anchors = [chart.anchor._from for chart in summary._charts]
    assert len(anchors) == 2 and all(a.col == 0 and a.row > len(result.rules) for a in anchors)


def test_members_the_age_pyramid_cannot_place_are_said_not_shown(tmp_path):
    """A list without a sex column: the HTML pyramid and the Excel composition showed zero in every band, as
    if there were no members. The HTML says how many it leaves out (no sex or no birth date recorded); the
    Excel table counts those without a sex in a column of their own."""
    import openpyxl

    roster = make_roster({"members": [member("M1", gender="Nam"), member("M2"), member("M3"),
                                      member("M4", birth="01/01/1999")]})
    result = audit(roster, as_of=AS_OF, config=Config(), select_codes=["DAT002"], lang="vi")
    page = html.render(result, roster, lang="vi")
    assert "3 đảng viên chưa ghi giới tính hoặc ngày sinh trong danh sách không có trong tháp tuổi." in page
    sheet = openpyxl.load_workbook(excel.write(result, roster, tmp_path / "r.xlsx", lang="vi"))["Cơ cấu"]
    rows = {row[0]: row[1:4] for row in sheet.iter_rows(min_row=1, max_row=7, values_only=True)}
    assert rows["Độ tuổi"] == ("Nam", "Nữ", "Chưa ghi giới tính")
    assert rows["41–50"] == (1, 0, 2) and rows["18–30"] == (0, 0, 1)
    everyone = make_roster({"members": [member("M1", gender="Nam"), member("M2", gender="Nữ")]})
    plain = audit(everyone, as_of=AS_OF, config=Config(), select_codes=["DAT002"], lang="vi")
    assert "không có trong tháp tuổi" not in html.render(plain, everyone, lang="vi")
    sheet = openpyxl.load_workbook(excel.write(plain, everyone, tmp_path / "p.xlsx", lang="vi"))["Cơ cấu"]
    assert [c.value for c in sheet[1]] == ["Độ tuổi", "Nam", "Nữ"]
