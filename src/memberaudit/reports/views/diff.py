"""Compare two runs' JSON findings: which are new, resolved and unchanged (for monthly scheduled audits)."""

from __future__ import annotations

import json
from pathlib import Path

from memberaudit.checks.registry import rules
from memberaudit.model.errors import UserError


def read_findings(path: str | Path) -> dict:
    path = Path(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError("input.missing", file=str(path)) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise UserError("usage.json", file=str(path), reason=str(exc)) from None
    if not isinstance(doc, dict) or doc.get("tool") != "memberaudit" or not isinstance(doc.get("findings"), list):
        raise UserError("usage.json", file=str(path), reason="no memberaudit findings document")
    return doc


def identity(finding: dict, fields: dict[str, tuple[str, ...]]) -> tuple:
    """rule, member, unit and the rule's identity fields (from the evidence, else the finding itself)."""
    evidence = finding.get("evidence") or {}
    extra = tuple(json.dumps(evidence.get(f, finding.get(f)), ensure_ascii=False, sort_keys=True)
                  for f in fields.get(finding["rule"], ()))
    return (finding["rule"], finding.get("member_id") or "", finding.get("unit") or "", *extra)


def compare(old: dict, new: dict) -> dict:
    fields = {code: r.identity for code, r in rules().items()}
    before = {identity(f, fields): f for f in old["findings"]}
    after = {identity(f, fields): f for f in new["findings"]}
    return {
        "old_as_of": old.get("as_of"), "new_as_of": new.get("as_of"),
        "new": [after[k] for k in after if k not in before],
        "resolved": [before[k] for k in before if k not in after],
        "unchanged": [after[k] for k in after if k in before],
    }
