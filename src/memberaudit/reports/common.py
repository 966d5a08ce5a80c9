"""What every report shares: atomic writes, finding records with typed evidence, id masking, labels."""

from __future__ import annotations

import glob
import json
import os
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

from memberaudit import __version__
from memberaudit.checks.registry import rule_text
from memberaudit.model.i18n import t
from memberaudit.model.lazy import pl

RECORD_FIELDS = ("rule", "category", "severity", "unit", "parent_unit", "member_id", "full_name", "message", "evidence",
                 "reference", "file", "sheet", "row", "column", "value", "waived", "waiver_reason")


def atomic_write(path: str | Path, write: Callable[[Path], None]) -> Path:
    """Write through a temporary file in the same folder, then rename: readers never see half a file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; a report is an ordinary file
    try:
        write(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


STALE_SECONDS = 3600


def _remove_stale(path: Path) -> None:
    """Temporary files of ours that a killed run left beside `path` (an hour old: no run is still writing)."""
    limit = time.time() - STALE_SECONDS
    for stale in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        try:
            if stale.is_file() and stale.stat().st_mtime < limit:
                stale.unlink()
        except OSError:
            continue


# one mask everywhere: the last four digits kept behind four stars, whatever the length
MASK = "****"
# digit runs that may be a citizen id (12, or 11 with its leading 0 lost) or an old CMND (9) in an echoed cell
_ID_LIKE = r"\b\d{5,8}(\d{4})\b"


def mask_findings(findings):
    """Findings with national ids masked: in the evidence, and digit runs that look like one in an echoed cell
    value and the message that quotes it (an id typed into a birth-date column), member ids excepted. Every
    report is given these unless the user asks `--show-ids`."""
    if findings.height == 0:
        return findings
    evidence = pl.col("evidence")
    if findings.get_column("evidence").str.contains("national_id", literal=True).any():
        evidence = evidence.str.replace_all(r'("[a-z_]*national_id[a-z_]*":")\d*(\d{4})"', f'$1{MASK}$2"')
    def masked(column: str):
        text = pl.col(column)
        return (pl.when(text.str.contains(r"\d{9}") & (text != pl.col("member_id")).fill_null(True))
                .then(text.str.replace_all(_ID_LIKE, f"{MASK}$1")).otherwise(text).alias(column))

    # messages echo the value too ("Unreadable date of birth: '001080012345'")
    return findings.with_columns(evidence.alias("evidence"), masked("value"), masked("message"))


def finding_json(findings, *, indent: str = ""):
    """Each finding as one JSON object text (after `indent`), built by Polars: the fields of RECORD_FIELDS
    with the evidence (already JSON) embedded as an object."""
    evidence = pl.col("evidence").fill_null("{}")
    fields = [f for f in RECORD_FIELDS if f != "evidence"]
    head = pl.struct(fields).struct.json_encode().str.strip_suffix("}")
    return findings.select(
        pl.concat_str([pl.lit(indent), head, pl.lit(',"evidence":'), evidence, pl.lit("}")]).alias("json"))["json"]


def records(result) -> list[dict]:
    """Findings as plain dicts, evidence decoded to typed fields."""
    out = []
    for row in result.findings.select(RECORD_FIELDS).iter_rows(named=True):
        row["evidence"] = json.loads(row["evidence"] or "{}")
        out.append(row)
    return out


def document_head(result, roster) -> dict:
    """Everything of the JSON document but the findings."""
    return {
        "tool": "memberaudit",
        "version": __version__,
        "as_of": result.as_of.isoformat(),
        "inputs": list(roster.files),
        # the files a run of several left out, unreadable (exit code 2): the input error's key and params
        "left_out": [{"file": s.file, "error": s.params["key"], **s.params["params"]}
                     for s in roster.skipped if s.whole_file],
        "coverage": result.coverage,
        "summary": result.summary(),
        "notes": notes(roster),
        "expired_waivers": [
            {"member_id": w.member_id, "rule": w.rule, "reason": w.reason, "until": w.until.isoformat()}
            for w in result.expired_waivers
        ],
    }


def notes(roster) -> list[dict]:
    """What the loader changed on the way in: sheets typed in legacy fonts and converted to Unicode."""
    return [{"file": s.file, "sheet": s.sheet, "converted_from": s.encoding} for s in roster.sources if s.encoding]


_ORDERED_LOCK = threading.Lock()
_ORDERED: list = [None, None]  # the last findings frame ordered, and its order


def reading_order(findings):
    """Findings in the order people read lists: committee and branch in Vietnamese order, then the member's
    given name, family name and middle names (model.collation), the member id, the rule. Only the distinct
    committees, branches and names are ranked in Python; Polars sorts the findings by those ranks.

    The HTML and the Excel report, written at once on two threads, both ask for the same findings: the second
    waits for the first's order and takes it (ranking 100,000 findings' names in Python holds the GIL)."""
    with _ORDERED_LOCK:
        if _ORDERED[0] is not findings:
            _ORDERED[:] = [findings, _reading_order(findings)]
        return _ORDERED[1]


def _reading_order(findings):
    from memberaudit.model.collation import name_order, text_key

    def rank(column: str, key) -> object:
        values = findings.get_column(column).drop_nulls().unique().to_list()
        ranks = {v: i for i, v in enumerate(sorted(values, key=key))}
        return pl.col(column).replace_strict(ranks, default=-1, return_dtype=pl.Int64)

    return findings.sort(rank("parent_unit", text_key), rank("unit", text_key), rank("full_name", name_order),
                         "member_id", "rule", maintain_order=True)


def rule_title(code: str, lang: str) -> str:
    return rule_text(code, lang).get("title", code)


def skip_reasons(reasons: list[str], lang: str) -> str:
    return "; ".join(t(r, lang) for r in reasons)
