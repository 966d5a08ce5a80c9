"""Every rule's pass/fail cases (rule_cases.py), and a meta-test that no registered rule lacks them."""

from __future__ import annotations

import json
import re

import pytest

from conftest import run_rule
from memberaudit.checks.registry import rules
from rule_cases import CASES, NOV


@pytest.mark.parametrize("case", CASES, ids=[f"{c.code}-{c.id}" for c in CASES])
def test_rule_case(case):
    result = run_rule(case.code, case.tables, case.as_of, **case.config)
    findings = result.findings.filter(result.findings["rule"] == case.code)
    keys = sorted(_key(row) for row in findings.iter_rows(named=True))
    assert keys == sorted(case.expect)
    for key, severity in case.severity.items():
        got = {r["severity"] for r in findings.iter_rows(named=True) if key == _key(r)}
        assert got == {severity}
    for row in findings.iter_rows(named=True):  # every placeholder filled (an unfilled one raises in the engine)
        assert row["message"] and not re.search(r"\{\w+\}", row["message"]), row["message"]
    # Vietnamese (the default) too: the same findings, every message filled
    vi = run_rule(case.code, case.tables, case.as_of, lang="vi", **case.config).findings
    assert vi.filter(vi["rule"] == case.code).height == findings.height


def _key(row: dict) -> str:
    """A finding's subject: the member, else the candidate (admission rules), else the unit."""
    if row["member_id"] is not None:
        return row["member_id"]
    return json.loads(row["evidence"]).get("candidate") or row["unit"]


def test_every_rule_has_failing_and_passing_cases():
    flagged = {c.code for c in CASES if c.expect}
    clean = {c.code for c in CASES if not c.expect}
    codes = set(rules())
    assert codes - flagged == set(), "rules without a failing case"
    missing_pass = sorted(codes - clean)
    assert missing_pass == [], f"rules without a passing case: {missing_pass}"


def test_a_repeated_card_is_shown_as_written():
    """DAT004 points at the id cell: its value and message are the card as written, not the id's code."""
    from conftest import member

    result = run_rule("DAT004", {"members": [member("D7"), member("D1"), member("D1")]}, NOV)
    (finding,) = result.findings.iter_rows(named=True)
    assert finding["member_id"] == finding["value"] == "D1" and "D1" in finding["message"]
