"""Scheduled runs: diff between two runs, waivers (kept but marked), expired waivers reported, summary line."""

from __future__ import annotations

import json
from datetime import date

from typer.testing import CliRunner

from conftest import make_roster, member
from memberaudit.checks.engine import audit
from memberaudit.cli import app
from memberaudit.config import parse_config
from memberaudit.model.config import Waiver

runner = CliRunner()


def doc(findings):
    return {"tool": "memberaudit", "as_of": "2026-11-30", "findings": findings}


def finding(rule, member_id="", unit="CB1", **evidence):
    return {"rule": rule, "member_id": member_id, "unit": unit, "message": rule, "evidence": evidence}


def test_diff_matches_by_rule_member_unit_and_evidence_key(tmp_path):
    from memberaudit.reports.views.diff import compare

    old = doc([finding("ATT001", "A1", months=["02/2026", "05/2026", "08/2026"], count=3),
               finding("TRF001", "T1", issued_on="2026-01-15"), finding("STR001")])
    new = doc([finding("ATT001", "A1", months=["02/2026", "05/2026", "08/2026", "10/2026"], count=4),
               finding("TRF001", "T1", issued_on="2026-09-01"), finding("DUE001", "D1")])
    result = compare(old, new)
    key = lambda fs: sorted((f["rule"], f["member_id"]) for f in fs)  # noqa: E731
    assert key(result["unchanged"]) == [("ATT001", "A1")]  # more months, same finding
    assert key(result["new"]) == [("DUE001", "D1"), ("TRF001", "T1")]  # another letter is another finding
    assert key(result["resolved"]) == [("STR001", ""), ("TRF001", "T1")]


def test_diff_cli_exit_codes_and_bad_input(tmp_path):
    old, new = tmp_path / "old.json", tmp_path / "new.json"
    old.write_text(json.dumps(doc([])), encoding="utf-8")
    new.write_text(json.dumps(doc([finding("ATT001", "A1")])), encoding="utf-8")
    assert runner.invoke(app, ["diff", str(old), str(new)]).exit_code == 0
    assert runner.invoke(app, ["diff", str(old), str(new), "--fail-on-new"]).exit_code == 1
    assert runner.invoke(app, ["diff", str(new), str(new), "--fail-on-new"]).exit_code == 0
    out = json.loads(runner.invoke(app, ["diff", str(old), str(new), "--format", "json"]).stdout)
    assert len(out["new"]) == 1 and out["resolved"] == []
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    bad = runner.invoke(app, ["diff", str(old), str(tmp_path / "bad.json")])
    assert bad.exit_code == 2 and "bad.json" in bad.output


def test_waiver_marks_finding_until_its_date_and_expired_waivers_are_reported():
    roster = make_roster({"members": [member("A1"), member("A2")],
                          "attendance": [{"member_id": m, "2026-02": "K", "2026-03": "K", "2026-04": "K"}
                                         for m in ("A1", "A2")]})
    cfg = parse_config({"waivers": [
        {"member_id": "A1", "rule": "ATT001", "reason": "Điều trị dài ngày", "until": date(2026, 12, 31)},
        {"member_id": "A2", "rule": "ATT001", "reason": "Đi công tác", "until": date(2026, 6, 30)},
    ]})
    result = audit(roster, as_of=date(2026, 11, 30), config=cfg, select_codes=["ATT001"], lang="vi")
    waived = dict(result.findings.select("member_id", "waived").iter_rows())
    assert waived == {"A1": True, "A2": False}  # the finding stays, marked
    assert result.expired_waivers == [Waiver("A2", "ATT001", "Đi công tác", date(2026, 6, 30))]


def test_waived_findings_do_not_fail_the_run(tmp_path):
    from conftest import member_rows, write_workbook

    path = write_workbook(tmp_path / "so.xlsx", {
        "Đảng viên": member_rows(["001", "An", "02/01/1980", "CB1", "01/02/2010", "01/02/2011"]),
        "Sinh hoạt 2026": [["Số thẻ", "Họ tên", "T1", "T2", "T3"], ["001", "An", "K", "K", "K"]]})
    cfg = tmp_path / "memberaudit.toml"
    cfg.write_text('[[waivers]]\nmember_id = "001"\nrule = "ATT001"\nreason = "Ốm dài ngày"\nuntil = 2026-12-31\n',
                   encoding="utf-8")
    args = ["audit", str(path), "--as-of", "2026-11-30", "--select", "ATT001", "--fail-on", "high", "-q"]
    assert runner.invoke(app, args).exit_code == 1
    waived = runner.invoke(app, [*args, "--config", str(cfg), "--log-file", str(tmp_path / "run.log")])
    assert waived.exit_code == 0
    line = json.loads((tmp_path / "run.log").read_text(encoding="utf-8").splitlines()[-1])
    assert line["findings"] == 1 and line["waived"] == 1 and line["exit"] == 0
    assert set(line["seconds"]) == {"read", "rules", "reports"} and all(v >= 0 for v in line["seconds"].values())
    assert json.loads(waived.stderr.strip().splitlines()[-1]) == line
