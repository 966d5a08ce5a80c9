"""What every report shares: atomic writes, finding records with typed evidence, id masking, labels."""

from __future__ import annotations

import glob
import json
import os
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from memberaudit import __version__
from memberaudit.i18n import rule_text, t
from memberaudit.lazy import pl

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


def mask_id(value: str | None) -> str | None:
    """A national id with all but the last 4 digits hidden."""
    if not value:
        return value
    return "*" * max(len(value) - 4, 0) + value[-4:]


def _mask_evidence(evidence: dict) -> dict:
    return {k: (mask_id(v) if "national_id" in k and isinstance(v, str) else v) for k, v in evidence.items()}


def finding_json(findings, *, show_ids: bool = False, indent: str = ""):
    """Each finding as one JSON object text (after `indent`), built by Polars: the fields of RECORD_FIELDS
    with the evidence (already JSON) embedded as an object, national ids in it masked unless `show_ids`."""
    evidence = pl.col("evidence").fill_null("{}")
    # the regex scans every evidence text (0.5 s for a million findings): only when some hold a national id
    if not show_ids and findings.get_column("evidence").str.contains("national_id", literal=True).any():
        evidence = evidence.str.replace_all(r'("[a-z_]*national_id[a-z_]*":")\d*(\d{4})"', '$1****$2"')
    fields = [f for f in RECORD_FIELDS if f != "evidence"]
    head = pl.struct(fields).struct.json_encode().str.strip_suffix("}")
    return findings.select(
        pl.concat_str([pl.lit(indent), head, pl.lit(',"evidence":'), evidence, pl.lit("}")]).alias("json"))["json"]


def records(result, *, show_ids: bool = False) -> list[dict]:
    """Findings as plain dicts, evidence decoded to typed fields, national ids masked unless asked."""
    out = []
    for row in result.findings.select(RECORD_FIELDS).iter_rows(named=True):
        evidence = json.loads(row["evidence"] or "{}")
        row["evidence"] = evidence if show_ids else _mask_evidence(evidence)
        out.append(row)
    return out


def document_head(result, roster) -> dict:
    """Everything of the JSON document but the findings."""
    return {
        "tool": "memberaudit",
        "version": __version__,
        "as_of": result.as_of.isoformat(),
        "inputs": list(roster.files),
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


def rule_title(code: str, lang: str) -> str:
    return rule_text(code, lang).get("title", code)


def skip_reasons(reasons: list[str], lang: str) -> str:
    return "; ".join(t(r, lang) for r in reasons)
