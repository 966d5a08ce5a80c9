"""The command line through Typer's CliRunner: exit codes, messages, outputs (plain text, NO_COLOR)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from conftest import member_rows, write_workbook
from memberaudit.checks.registry import rules
from memberaudit.cli import app

runner = CliRunner()
AS_OF = ["--as-of", "2026-11-30"]



def test_demo_triggers_every_rule_and_json_is_byte_identical(demo_dir, tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    for out in (first, second):
        result = runner.invoke(app, ["audit", str(demo_dir), *AS_OF, "--format", "json", "--output", str(out)])
        assert result.exit_code == 0, result.output
    assert first.read_bytes() == second.read_bytes()
    doc = json.loads(first.read_text(encoding="utf-8"))
    assert {code for code, n in doc["summary"].items() if n} == set(rules())
    assert doc["tool"] == "memberaudit" and doc["as_of"] == "2026-11-30" and len(doc["inputs"]) == 6
    keys = [(f["unit"] or "", f["member_id"] or "", f["rule"]) for f in doc["findings"]]
    assert keys == sorted(keys)
    data = [f for f in doc["findings"] if f["category"] == "data"]
    assert all(f["file"] and f["sheet"] and f["row"] for f in data)


def test_json_to_stdout_is_pure_json(demo_dir):
    result = runner.invoke(app, ["audit", str(demo_dir), *AS_OF, "--format", "jsonl", "--select", "ATT001"])
    assert result.exit_code == 0
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["rule"] for r in lines} == {"ATT001"} and lines[0]["evidence"]["count"] >= 3


def test_text_summary_in_vietnamese_and_english(demo_dir):
    vi = runner.invoke(app, ["audit", str(demo_dir), *AS_OF])
    en = runner.invoke(app, ["audit", str(demo_dir), *AS_OF, "--lang", "en"])
    assert vi.exit_code == 0 and en.exit_code == 0
    assert "Bỏ sinh hoạt đảng không có lý do chính đáng" in vi.stdout and "Phạm vi kiểm tra" in vi.stdout
    assert "Missed branch meetings without valid reason" in en.stdout and "Coverage" in en.stdout


@pytest.mark.parametrize("fail_on, code", [("high", 1), ("low", 1), (None, 0)])
def test_fail_on_exit_codes(demo_dir, fail_on, code):
    args = ["audit", str(demo_dir), *AS_OF, "--quiet", "--select", "screening"]
    result = runner.invoke(app, args + (["--fail-on", fail_on] if fail_on else []))
    assert result.exit_code == code


def test_fail_on_ignores_severities_below(demo_dir):
    result = runner.invoke(app, ["audit", str(demo_dir), *AS_OF, "-q", "--select", "MIL001", "--fail-on", "medium"])
    assert result.exit_code == 0


def test_select_ignore_by_prefix_and_category(demo_dir):
    result = runner.invoke(app, ["audit", str(demo_dir), *AS_OF, "--format", "json", "--select", "TRF,screening",
                                 "--ignore", "TRF004"])
    doc = json.loads(result.stdout)
    assert set(doc["summary"]) == {"ATT001", "DUE001", "RAT001", "TRF001", "TRF002", "TRF003"}


def test_unknown_rule_code_is_a_usage_error(demo_dir):
    result = runner.invoke(app, ["audit", str(demo_dir), "--select", "XYZ9"])
    assert result.exit_code == 2 and "XYZ9" in result.output and "Traceback" not in result.output


def test_csv_output_has_bom_and_evidence_json(demo_dir, tmp_path):
    out = tmp_path / "f.csv"
    assert runner.invoke(app, ["audit", str(demo_dir), *AS_OF, "--format", "csv", "-o", str(out), "-q"]).exit_code == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows and all(isinstance(json.loads(r["evidence"]), dict) for r in rows)


def test_validate_lists_data_findings_with_location(tmp_path):
    path = write_workbook(tmp_path / "so.xlsx", {"Đảng viên": member_rows(
        ["001", "An", "31/02/1980", "CB1", "01/02/2010", None])})
    result = runner.invoke(app, ["validate", str(path), *AS_OF, "--format", "json"])
    assert result.exit_code == 0
    findings = json.loads(result.stdout)["findings"]
    assert [(f["rule"], f["sheet"], f["row"], f["column"], f["value"]) for f in findings] == [
        ("DAT002", "Đảng viên", 5, "D", "31/02/1980")]
    text = runner.invoke(app, ["validate", str(path), *AS_OF, "--lang", "en"])
    assert "Bad value in date of birth: '31/02/1980' (no such date)" in text.stdout


@pytest.mark.parametrize("make, needle", [
    (lambda p: p / "missing.xlsx", "missing.xlsx"),
    (lambda p: (p / "x.xlsx").write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100) and p / "x.xlsx", "mật khẩu"),
    (lambda p: write_workbook(p / "t.xlsx", {"Điểm danh": [["Số thẻ", "Họ tên", "T1"], ["1", "A", "x"]]}), "--year"),
])
def test_bad_input_exit_2_without_traceback(tmp_path, make, needle):
    path = make(tmp_path)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2
    assert needle in result.output and "Traceback" not in result.output


def test_bad_as_of_and_config_errors(tmp_path, demo_dir):
    assert runner.invoke(app, ["audit", str(demo_dir), "--as-of", "30/11/2026"]).exit_code == 2
    cfg = tmp_path / "c.toml"
    cfg.write_text("[rules.ATT001]\nmonth = 3\n", encoding="utf-8")
    result = runner.invoke(app, ["audit", str(demo_dir), "--config", str(cfg)])
    assert result.exit_code == 2 and "rules.ATT001.month" in result.output
    cfg.write_text("[rules.ATT001]\nmonths = \"three\"\n", encoding="utf-8")
    result = runner.invoke(app, ["audit", str(demo_dir), "--config", str(cfg), "--lang", "en"])
    assert result.exit_code == 2 and "'rules.ATT001.months' must be a integer" in result.output


def test_config_parameters_change_results(demo_dir, tmp_path):
    cfg = tmp_path / "c.toml"
    cfg.write_text('[rules.ATT001]\nmonths = 4\nseverity = "low"\n', encoding="utf-8")
    strict = json.loads(runner.invoke(app, ["audit", str(demo_dir), *AS_OF, "--format", "json", "--select",
                                            "ATT001"]).stdout)
    loose = json.loads(runner.invoke(app, ["audit", str(demo_dir), *AS_OF, "--format", "json", "--select", "ATT001",
                                           "--config", str(cfg)]).stdout)
    assert strict["summary"]["ATT001"] == 1 and loose["summary"]["ATT001"] == 0


def test_rules_listing_and_explanation():
    listing = runner.invoke(app, ["rules"])
    assert listing.exit_code == 0 and all(code in listing.stdout for code in rules())
    one = runner.invoke(app, ["rules", "PRB001", "--lang", "en"])
    assert "review_working_days = 30" in one.stdout and "294-QĐ/TW" in one.stdout and "Example" in one.stdout
    assert runner.invoke(app, ["rules", "ZZZ001"]).exit_code == 2


def test_init_writes_a_config_that_parses_to_the_defaults(tmp_path):
    """Every commented line of the template, uncommented, is valid configuration: the rule parameters and the
    window at their defaults; the examples (aliases, marks, holidays, a waiver) as written."""
    import re
    import tomllib

    from memberaudit.config import parse_config
    from memberaudit.model.config import Config

    path = tmp_path / "memberaudit.toml"
    assert runner.invoke(app, ["init", str(path)]).exit_code == 0
    assert runner.invoke(app, ["init", str(path)]).exit_code == 2  # exists, no --force
    text = path.read_text(encoding="utf-8")
    assert all(f"[rules.{code}]" in text for code in rules())
    toml_line = re.compile(r"^# (\[\[?[\w.]+\]\]?|\w+ = .+)$")
    lines = [m.group(1) for line in text.splitlines() if (m := toml_line.match(line.split("   #")[0].split("  # ")[0].rstrip()))]
    assert len(lines) > 80  # the whole template, not two lines of it
    config = parse_config(tomllib.loads("\n".join(lines)))
    defaults = Config()
    assert config.rule_params == {code: r.params for code, r in rules().items()}
    assert {c: s for c, s in config.severities.items()} == {code: r.severity for code, r in rules().items()}
    assert (config.window, config.lang, config.occasions, config.min_share) == (
        defaults.window, "vi", defaults.occasions, defaults.min_share)
    assert config.aliases == {"members": {"member_id": ["Số quản lý"]}} and config.waivers[0].rule == "ATT001"


def test_config_extra_aliases_and_marks(tmp_path):
    from conftest import write_workbook

    path = write_workbook(tmp_path / "so.xlsx", {
        "Đảng viên": [["Số quản lý", "Họ và tên", "Ngày sinh", "Chi bộ", "Ngày vào Đảng"],
                      ["001", "An", "02/01/1980", "CB1", "01/02/2010"]],
        "Sinh hoạt 2026": [["Số quản lý", "T1", "T2", "T3"], ["001", "ốm", "ốm", "ốm"]]})
    cfg = tmp_path / "memberaudit.toml"
    cfg.write_text('[aliases.members]\nmember_id = ["Số quản lý"]\n[aliases.attendance]\nmember_id = ["Số quản lý"]\n'
                   '[marks.attendance]\nunexcused = ["ốm"]\n', encoding="utf-8")
    # without the alias the members are identified by name and birth date, and the attendance sheet, which
    # has no member column, is skipped with the reason
    without = runner.invoke(app, ["validate", str(path), "--as-of", "2026-11-30", "--lang", "en", "--format", "json"])
    assert without.exit_code == 0
    assert "Sinh hoạt 2026" in without.output and "no 'Số thẻ đảng viên' column (member_id)" in without.output
    assert [f["rule"] for f in json.loads(without.stdout)["findings"]] == ["DAT010"]
    result = runner.invoke(app, ["audit", str(path), "--as-of", "2026-11-30", "--config", str(cfg), "--format", "json",
                                 "--select", "ATT001,DAT005"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["summary"] == {"ATT001": 1, "DAT005": 0}
    cfg.write_text('[marks.attendance]\nsick = ["ốm"]\n', encoding="utf-8")
    bad = runner.invoke(app, ["audit", str(path), "--config", str(cfg)])
    assert bad.exit_code == 2 and "marks.attendance.sick" in bad.output


def test_bundled_examples_trigger_every_rule():
    from pathlib import Path

    examples = Path(__file__).parents[1] / "examples"
    result = runner.invoke(app, ["audit", str(examples), *AS_OF, "--format", "json"])
    assert result.exit_code == 0
    assert {code for code, n in json.loads(result.stdout)["summary"].items() if n} == set(rules())


def test_validate_lists_at_most_a_page_in_the_terminal(tmp_path):
    from conftest import member_rows, write_workbook
    from memberaudit.cli import TEXT_ROWS

    rows = [[f"{i:03d}", "An", "31/02/1980", "CB1", "01/02/2010", None] for i in range(TEXT_ROWS + 5)]
    path = write_workbook(tmp_path / "so.xlsx", {"Đảng viên": member_rows(*rows)})
    result = runner.invoke(app, ["validate", str(path), *AS_OF, "--lang", "en"])
    assert result.exit_code == 0
    assert "… 5 more rows" in result.stdout and result.stdout.count("DAT002") == TEXT_ROWS


@pytest.mark.parametrize("command", ["screen", "badges"])
def test_list_format_checked_before_reading(command, tmp_path):
    result = runner.invoke(app, [command, str(tmp_path / "khong-co.xlsx"), "--format", "csv", "--lang", "en"])
    assert result.exit_code == 2 and "--format" in result.output and "khong-co" not in result.output


def test_the_installed_command_flushes_everything_and_keeps_exit_codes(demo_dir, tmp_path):
    """`main` ends the process without Python's slow teardown: output piped to another program is whole,
    and the exit codes are those of the command (0 / 1 / 2)."""
    import subprocess
    import sys

    def run(*args):
        return subprocess.run([sys.executable, "-m", "memberaudit", *args], capture_output=True, timeout=300)

    piped = run("audit", str(demo_dir), *AS_OF, "--format", "jsonl")
    assert piped.returncode == 0, piped.stderr
    expected = runner.invoke(app, ["audit", str(demo_dir), *AS_OF, "--format", "jsonl"]).stdout
    assert piped.stdout.decode("utf-8") == expected and len(expected.splitlines()) > 20
    assert run("audit", str(demo_dir), *AS_OF, "-q", "--fail-on", "high").returncode == 1
    missing = run("audit", str(tmp_path / "khong-co"), "--lang", "en")
    assert missing.returncode == 2 and b"No such file" in missing.stderr + missing.stdout


def test_a_command_leaves_what_it_read_and_found_to_the_process_end(demo_dir):
    """The roster and the findings are not freed when a command returns (`main` ends the process without
    freeing them); the next command lets them go."""
    from memberaudit import app as session_module
    from memberaudit.checks.engine import AuditResult
    from memberaudit.model.roster import Roster

    assert runner.invoke(app, ["screen", str(demo_dir), *AS_OF]).exit_code == 0
    assert [type(x) for x in session_module.HELD] == [Roster, AuditResult]
    first = session_module.HELD[0]
    assert runner.invoke(app, ["mix", str(demo_dir), *AS_OF]).exit_code == 0
    assert [type(x) for x in session_module.HELD] == [Roster] and session_module.HELD[0] is not first


@pytest.mark.parametrize("command", ["audit", "validate", "screen", "badges", "mix", "quality", "stats", "inspect"])
def test_every_reading_command_takes_as_of_config_and_debug(command, tmp_path):
    """SPEC 3: every command that reads inputs takes --as-of, --config and --debug (inspect refused --as-of,
    so one script line could not serve every command)."""
    help_text = runner.invoke(app, [command, "--help", "--lang", "en"]).output
    assert all(option in help_text for option in ("--as-of", "--config", "--debug", "--quiet"))
    bad = runner.invoke(app, [command, str(tmp_path), "--as-of", "30/11/2026", "--lang", "en"])
    assert bad.exit_code == 2 and "--as-of" in bad.output
