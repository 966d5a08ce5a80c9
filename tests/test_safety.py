"""Data safety (issue 20): an output never replaces or feeds an input, no value crashes the run, no input hangs
it. Every fault is run through the command line; each test checks the exit code, the message, and that every
input is byte-identical afterwards."""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import member_rows, write_workbook
from memberaudit.cli import app

runner = CliRunner()
AS_OF = ["--as-of", "2026-11-30"]


def fingerprint(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def inputs(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_workbook(folder / "chi-bo.xlsx", {"Đảng viên": member_rows(
        ["001", "An", "02/01/1980", "CB1", "01/02/2010", None], ["002", "Bình", "03/04/1981", "CB1", "01/02/2011", None],
        ["003", "Cường", "05/06/1982", "CB1", "01/02/2012", None])})
    (folder / "chi-tieu.csv").write_text("Chi bộ,Năm,Chỉ tiêu kết nạp\nCB1,2026,2\n", encoding="utf-8")
    return folder


def run(*args: str):
    return runner.invoke(app, [*args, "--lang", "en"])


@pytest.mark.parametrize("spelling", ["{f}", "./{f}", "{d}/../{d}/{f}"])
@pytest.mark.parametrize("command, option", [
    ("audit", "--output"), ("audit", "--html"), ("audit", "--excel"), ("validate", "--output"),
    ("screen", "--output"), ("screen", "--html"), ("badges", "--output"), ("mix", "--excel"), ("mix", "--html"),
])
def test_an_output_that_is_an_input_is_refused_before_any_work(inputs, monkeypatch, command, option, spelling):
    monkeypatch.chdir(inputs.parent)
    before = fingerprint(inputs)
    target = spelling.format(f="in/chi-bo.xlsx", d="in")
    extra = ["--format", "json"] if (command, option) in {("audit", "--output"), ("validate", "--output")} else []
    result = run(command, "in", option, target, *extra, *AS_OF)
    assert result.exit_code == 2, result.output
    assert "in/chi-bo.xlsx" in result.output
    assert "is the input" in result.output or "inside the input" in result.output
    assert fingerprint(inputs) == before


def test_a_single_input_file_given_as_its_own_output_names_both(inputs):
    before = fingerprint(inputs)
    path = str(inputs / "chi-bo.xlsx")
    result = run("audit", path, "--excel", path, *AS_OF)
    assert result.exit_code == 2 and result.output.count(path) == 2
    assert fingerprint(inputs) == before


def test_a_hard_link_to_an_input_is_the_input(inputs, tmp_path):
    link = tmp_path / "bao-cao.xlsx"
    os.link(inputs / "chi-bo.xlsx", link)
    before = fingerprint(inputs)
    result = run("audit", str(inputs / "chi-bo.xlsx"), "--excel", str(link), *AS_OF)
    assert result.exit_code == 2 and "is the input" in result.output
    assert fingerprint(inputs) == before


def test_the_log_file_never_appends_to_an_input_csv(inputs):
    before = fingerprint(inputs)
    result = run("audit", str(inputs), "--log-file", str(inputs / "chi-tieu.csv"), "-q", *AS_OF)
    assert result.exit_code == 2 and "--log-file" in result.output
    assert fingerprint(inputs) == before


def test_a_report_people_read_may_sit_beside_the_inputs(inputs):
    """An HTML or JSON file is never read as input: writing it into the input folder is safe."""
    result = run("audit", str(inputs), "--html", str(inputs / "bao-cao.html"), "-q", *AS_OF)
    assert result.exit_code == 0 and (inputs / "bao-cao.html").is_file()


@pytest.mark.parametrize("first, second", [("--html", "--excel"), ("--output", "--html")])
def test_two_outputs_on_one_path_are_refused(inputs, tmp_path, first, second):
    path = str(tmp_path / "r.out")
    result = run("audit", str(inputs), first, path, second, path, "--format", "json", *AS_OF)
    assert result.exit_code == 2 and first in result.output and second in result.output
    assert not Path(path).exists()


def test_a_cache_inside_the_input_folder_is_never_read_as_input(inputs):
    cache = inputs / ".cache"
    runs = [run("audit", str(inputs), "--cache", str(cache), "--format", "json", *AS_OF) for _ in range(3)]
    assert [r.exit_code for r in runs] == [0, 0, 0], runs[-1].output
    documents = [json.loads(r.stdout) for r in runs]
    assert all(d["inputs"] == documents[0]["inputs"] for d in documents)
    assert not any(".cache" in i for i in documents[-1]["inputs"])
    # a visible folder name too: the folder is tagged as ours
    visible = run("audit", str(inputs), "--cache", str(inputs / "bo-nho-dem"), "-q", *AS_OF)
    again = run("audit", str(inputs), "--cache", str(inputs / "bo-nho-dem"), "--format", "json", *AS_OF)
    assert visible.exit_code == 0 and again.exit_code == 0 and len(json.loads(again.stdout)["inputs"]) == 2


@pytest.mark.parametrize("make, message", [
    (lambda tmp: (tmp / "a-file").write_text("x") and tmp / "a-file" / "r.html", "a file stands where"),
    (lambda tmp: tmp, "is a folder"),
])
def test_unwritable_outputs_are_found_before_reading_with_the_users_path(inputs, tmp_path, make, message):
    target = make(tmp_path)
    result = run("audit", str(inputs), "--html", str(target), *AS_OF)
    assert result.exit_code == 2 and str(target) in result.output and message in result.output
    assert "Unexpected" not in result.output and ".tmp" not in result.output


def test_stale_temp_files_of_a_killed_run_are_removed(inputs, tmp_path):
    stale, fresh = tmp_path / ".r.html.k1ll3d.tmp", tmp_path / ".r.html.wr1t1ng.tmp"
    stale.write_text("half a report")
    fresh.write_text("another run writing now")
    old = time.time() - 7200
    os.utime(stale, (old, old))
    result = run("audit", str(inputs), "--html", str(tmp_path / "r.html"), "-q", *AS_OF)
    assert result.exit_code == 0 and not stale.exists() and fresh.exists()


def members_with(**cells):
    """A members sheet whose one row has these extra columns (header → value)."""
    header = ["Số thẻ đảng viên", "Họ và tên", "Ngày sinh", "Chi bộ", "Ngày vào Đảng", *cells]
    return {"Đảng viên": [header, ["001", "An", "02/01/1980", "CB1", "01/02/2010", *cells.values()]]}


@pytest.mark.parametrize("header, value, field", [
    ("Số tháng gián đoạn", "1E+20", "party_age_gap_months"),
    ("Số tháng gián đoạn", 1e20, "party_age_gap_months"),
    ("Ngày nghỉ hưu", "1/1/0000", "left_workplace_date"),
    ("Ngày chính thức", "31/12/9999", "official_date"),
])
def test_impossible_values_are_data_findings_with_their_cell(tmp_path, header, value, field):
    path = write_workbook(tmp_path / "x.xlsx", members_with(**{header: value}))
    before = path.read_bytes()
    result = run("validate", str(path), "--format", "json", *AS_OF)
    assert result.exit_code == 0, result.output
    found = [f for f in json.loads(result.stdout)["findings"] if f["rule"] == "DAT002"]
    assert [(f["file"], f["sheet"], f["row"], f["column"]) for f in found] == [(str(path), "Đảng viên", 2, "F")]
    assert path.read_bytes() == before


@pytest.mark.parametrize("table", [
    {"Chuyển sinh hoạt": [["Số thẻ", "Ngày cấp giấy", "Đến chi bộ"], ["001", "1/1/0000", "CB2"]]},
    {"Đảng viên": [["Số thẻ", "Họ và tên", "Ngày sinh", "Chi bộ", "Ngày vào Đảng"], ["001", "An", "02/01/1980", "CB1", "1/1/0000"]]},
])
def test_year_zero_in_a_deadline_date_never_reaches_the_calendar(tmp_path, table):
    sheets = {**members_with(), **table}
    path = write_workbook(tmp_path / "y.xlsx", sheets)
    result = run("audit", str(path), "--format", "json", *AS_OF)
    assert result.exit_code == 0, result.output
    assert any(f["rule"] == "DAT002" and f["value"] == "1/1/0000" for f in json.loads(result.stdout)["findings"])


def test_csv_with_a_comma_title_above_a_tab_table(tmp_path):
    path = tmp_path / "dang-vien.csv"
    path.write_text("Hà Nội, ngày 30 tháng 11 năm 2026\nSố thẻ\tHọ và tên\tNgày sinh\tChi bộ\tNgày vào Đảng\n"
                    "001\tAn\t02/01/1980\tCB1\t01/02/2010\n002\t\"Bình, Thị\"\t03/04/1981\tCB1\t01/02/2011\n", encoding="utf-8")
    result = run("validate", str(path), "--format", "json", *AS_OF)
    assert result.exit_code == 0, result.output
    assert "2 members" in result.output


def test_utf16_csv_without_a_byte_order_mark(tmp_path):
    path = tmp_path / "dang-vien.csv"
    text = "Số thẻ,Họ và tên,Ngày sinh,Chi bộ,Ngày vào Đảng\n001,Ánh,02/01/1980,CB1,01/02/2010\n"
    path.write_bytes(text.encode("utf-16-le"))
    result = run("audit", str(path), "--format", "json", *AS_OF)
    assert result.exit_code == 0 and "1 members" in result.output


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_named_like_a_csv_never_blocks_the_run(inputs):
    os.mkfifo(inputs / "treo.csv")
    outcome: list = []
    worker = threading.Thread(target=lambda: outcome.append(run("audit", str(inputs), "--format", "json", *AS_OF)))
    worker.start()
    worker.join(60)
    if worker.is_alive():  # unblock the reader before failing, so the suite itself does not hang
        with open(inputs / "treo.csv", "w"):
            pass
        worker.join()
        pytest.fail("the run blocked on a FIFO")
    assert outcome[0].exit_code == 0 and "treo.csv" not in outcome[0].stdout
    given = run("audit", str(inputs / "treo.csv"), *AS_OF)
    assert given.exit_code == 2 and "not a regular file" in given.output


def members_book():
    """An openpyxl workbook whose first sheet is a one-member list, for tests that add sheets of their own."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Đảng viên"
    for row in member_rows(["001", "An", "02/01/1980", "CB1", "01/02/2010", None]):
        ws.append(row)
    return wb


def test_a_stray_cell_at_the_sheets_far_corner_is_noted_not_allocated(tmp_path):
    """Calamine would allocate the whole rectangle up to XFD1048576 (512 GiB: the process aborted)."""
    path = tmp_path / "lac.xlsx"
    wb = members_book()
    stray = wb.create_sheet("Sheet2")
    stray["A1"], stray["XFD1048576"] = "ghi chú", "x"
    wb.save(path)
    result = run("audit", str(path), *AS_OF)
    assert result.exit_code == 0, result.output
    assert "Sheet2" in result.output and "XFD1048576" in result.output


def test_hidden_sheets_are_skipped_with_a_note_unless_asked(tmp_path):
    path = tmp_path / "an.xlsx"
    wb = members_book()
    copy = wb.create_sheet("DSĐV toàn đảng bộ")
    for row in member_rows(["001", "An", "02/01/1980", "CB1", "01/02/2010", None],
                           ["009", "Giang", "02/01/1980", "CB2", "01/02/2010", None]):
        copy.append(row)
    copy.sheet_state = "hidden"
    wb.save(path)
    shown = run("validate", str(path), *AS_OF)
    assert shown.exit_code == 0 and "hidden sheet" in shown.output and "1 members" in shown.output
    everything = run("validate", str(path), "--include-hidden", *AS_OF)
    # the visible list's one member is on the hidden whole list too: listed once, Giang added
    assert everything.exit_code == 0 and "2 members" in everything.output


def test_a_national_id_typed_into_a_date_cell_is_masked_unless_shown(tmp_path):
    path = write_workbook(tmp_path / "id.xlsx", {"Đảng viên": [
        ["Số thẻ đảng viên", "Họ và tên", "Ngày sinh", "Chi bộ", "Ngày vào Đảng"],
        ["001", "An", "001080012345", "CB1", "01/02/2010"]]})
    masked = run("audit", str(path), "--format", "csv", *AS_OF)
    shown = run("audit", str(path), "--format", "csv", "--show-ids", *AS_OF)
    assert "001080012345" not in masked.stdout and "****2345" in masked.stdout
    assert "001080012345" in shown.stdout


def test_no_members_table_read_exits_2_naming_every_sheet(tmp_path):
    path = write_workbook(tmp_path / "khong.xlsx", {"Ghi chú": [["Nội dung"], ["họp chi bộ"]],
                                                     "Sinh hoạt 2026": [["Số thẻ", "T1"], ["001", "x"]]})
    result = run("audit", str(path), *AS_OF)
    assert result.exit_code == 2 and "No members table" in result.output
    assert "Ghi chú" in result.output and "Sinh hoạt 2026" in result.output
    empty = tmp_path / "rong.xlsx"
    empty.write_bytes(b"")
    assert "0 bytes" in run("audit", str(empty), *AS_OF).output
