"""Defects a careful review found (issue 15), each pinned by a test that failed before its fix."""

from __future__ import annotations

import json
from datetime import date

import pytest
from typer.testing import CliRunner

from memberaudit.cli import app
from memberaudit.config import parse_config
from memberaudit.model.errors import ConfigError

runner = CliRunner()
AS_OF = ["--as-of", "2026-11-30"]


def test_a_quoted_date_is_a_date_wherever_a_date_is_configured():
    config = parse_config({"as_of": "2026-11-30", "calendar": {"extra_holidays": ["2026-09-01"]},
                           "waivers": [{"member_id": "1", "rule": "ATT001", "reason": "ốm", "until": "2026-12-31"}]})
    assert config.as_of == date(2026, 11, 30) and config.extra_holidays == [date(2026, 9, 1)]
    assert config.waivers[0].until == date(2026, 12, 31)
    with pytest.raises(ConfigError, match="waivers"):
        parse_config({"waivers": [{"member_id": "1", "rule": "ATT001", "reason": "x", "until": "31/12/2026"}]})


def test_the_pack_key_names_the_only_pack_there_is():
    parse_config({"pack": "vn-cpv"})
    with pytest.raises(ConfigError, match="pack"):
        parse_config({"pack": "cn-cpc"})


def test_a_bad_option_is_named_as_an_option_not_a_configuration_file(demo_dir):
    result = runner.invoke(app, ["audit", str(demo_dir), "--format", "xml", "--lang", "en"])
    assert result.exit_code == 2 and "--format must be one of: text, json, jsonl, csv" in result.output
    assert "Configuration file" not in result.output


def test_text_output_to_a_file_simply_works(demo_dir, tmp_path):
    out = tmp_path / "tom-tat.txt"
    result = runner.invoke(app, ["audit", str(demo_dir), *AS_OF, "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert "ATT001" in out.read_text(encoding="utf-8") and "\x1b[" not in out.read_text(encoding="utf-8")


def test_coverage_of_transfer_rules_counts_branches_and_data_rules_count_members(demo_dir):
    doc = json.loads(runner.invoke(app, ["audit", str(demo_dir), *AS_OF, "--format", "json"]).stdout)
    assert doc["coverage"]["TRF001"]["checked_units"] > 0
    members = {c["checked_members"] for code, c in doc["coverage"].items() if code.startswith("DAT")}
    assert len(members) == 1 and members.pop() <= 140  # distinct members, not rows (a row is typed twice)


def test_terminal_lists_number_each_committee_from_one(demo_dir):
    result = runner.invoke(app, ["badges", str(demo_dir), *AS_OF, "--format", "json"])
    text = runner.invoke(app, ["badges", str(demo_dir), *AS_OF])
    rows = json.loads(result.stdout)["rows"]
    committees = {r["committee"] for r in rows}
    assert len(committees) > 1
    # every committee's table starts at 1: as many "1" serials as committees
    firsts = [line for line in text.output.splitlines() if line.strip().startswith(("│ 1 ", "| 1 ", "1 "))]
    assert len(firsts) == len(committees), text.output


def test_a_committee_written_in_capitals_in_a_title_is_the_same_committee():
    import polars as pl

    from memberaudit.assemble.combine import one_spelling

    names = pl.Series("parent_unit", ["Đảng bộ Phường Láng Thượng", "ĐẢNG BỘ PHƯỜNG LÁNG THƯỢNG", None,
                                      "Đảng bộ Phường Láng Thượng", "ĐẢNG BỘ PHƯỜNG KHÁC"])
    assert one_spelling(names).to_list() == ["Đảng bộ Phường Láng Thượng", "Đảng bộ Phường Láng Thượng", None,
                                             "Đảng bộ Phường Láng Thượng", "ĐẢNG BỘ PHƯỜNG KHÁC"]


def test_help_is_vietnamese_by_default_and_english_on_request():
    from memberaudit.helptext import HELP, h, help_lang

    assert help_lang(["memberaudit", "--help"], {}) == "vi"
    assert help_lang(["memberaudit", "audit", "--help", "--lang", "en"], {}) == "en"
    assert help_lang(["memberaudit", "--lang=en"], {"LANG": "vi_VN.UTF-8"}) == "en"
    assert help_lang(["memberaudit"], {"LANG": "en_US.UTF-8"}) == "en"
    assert help_lang(["memberaudit"], {"LC_ALL": "C.UTF-8", "LANG": "en_US.UTF-8"}) == "vi"
    assert all(vi and en and vi != en for vi, en in HELP.values())
    shown = runner.invoke(app, ["audit", "--help"], terminal_width=200).output
    assert h("cmd.audit").splitlines()[0] in shown and h("as_of") in shown


def test_clicks_own_words_and_usage_errors_are_vietnamese_by_default_and_english_on_request():
    """The usage line, the help option and the usage errors Typer's copy of Click writes in English only:
    in Vietnamese by default, with the exit code 2 of a usage error; as Click writes them with `--lang en`."""
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("MEMBERAUDIT_LANG", "LC_ALL", "LC_MESSAGES")}
    env["LANG"] = "C.UTF-8"

    def run(*args):
        done = subprocess.run([sys.executable, "-m", "memberaudit", *args], capture_output=True, text=True,
                              env=env, timeout=120)
        return done.returncode, done.stdout + done.stderr

    code, shown = run("audit", "--help")
    # a required argument named in words, never braced as Typer writes it ("{inputs}": a template unfilled)
    assert code == 0 and "Cách dùng: " in shown and "audit [TÙY CHỌN] TỆP_HOẶC_THƯ_MỤC..." in shown \
        and "Hiện trợ giúp này rồi thoát." in shown and "{" not in shown
    assert "Usage" not in shown and "Show this message" not in shown and "[OPTIONS]" not in shown
    for args, said in [(("audit",), "Lỗi: Thiếu tham số «TỆP_HOẶC_THƯ_MỤC...»."),
                       (("audit", "x", "--formt", "json"), "Lỗi: Không có tùy chọn --formt (có phải: --format?)"),
                       (("audit", "x", "--as-of"), "Lỗi: Tùy chọn --as-of cần một giá trị."),
                       (("nosuch",), "Lỗi: Không có lệnh «nosuch»."),
                       (("audit", "x", "y", "--as-of", "2026-11-30", "--year", "năm"), "Lỗi: Giá trị không hợp lệ cho")]:
        code, shown = run(*args)
        assert code == 2 and said in shown and "Error" not in shown and "Try '" not in shown, (args, shown)
    code, shown = run("audit", "--lang", "en", "--formt", "json")
    assert code == 2 and "Error: No such option: --formt" in shown and "Usage: " in shown and "audit [OPTIONS]" in shown
    code, shown = run("audit", "--lang", "en", "--help")
    assert code == 0 and "audit [OPTIONS] FILES_OR_FOLDERS..." in shown and "{" not in shown
