"""Machine-readable findings: JSON (SPEC 5 document), JSON lines and CSV (evidence as JSON text)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from memberaudit.reports.common import RECORD_FIELDS, atomic_write, document_head, finding_json, records


def render(result, roster, fmt: str) -> str:
    if fmt in ("json", "jsonl"):
        buffer = io.BytesIO()
        _stream(result, roster, fmt, buffer)
        return buffer.getvalue().decode("utf-8")
    rows = records(result)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=RECORD_FIELDS, lineterminator="\n")
        writer.writeheader()
        for r in rows:
            writer.writerow({**r, "evidence": json.dumps(r["evidence"], ensure_ascii=False)})
        return buffer.getvalue()
    raise ValueError(fmt)


def _stream(result, roster, fmt: str, handle) -> None:
    """JSON (SPEC 5) or JSON lines into a binary handle: metadata by `json`, the findings (10^5 and more)
    written by Polars straight from its buffers, never built into one Python string."""
    lines = finding_json(result.findings, indent="    " if fmt == "json" else "")
    if fmt == "jsonl":
        _write_lines(lines, handle)
        return
    head = json.dumps(document_head(result, roster), ensure_ascii=False, indent=2)[:-2]
    if lines.len() == 0:
        handle.write((head + ',\n  "findings": []\n}\n').encode("utf-8"))
        return
    handle.write((head + ',\n  "findings": [\n').encode("utf-8"))
    _write_lines(lines.head(-1), handle, end=",\n")  # every finding but the last is followed by a comma
    _write_lines(lines.tail(1), handle)
    handle.write(b"  ]\n}\n")


def _write_lines(lines, handle, end: str = "\n") -> None:
    """One text per line, each followed by `end`: JSON text has no raw line breaks, and nothing is quoted."""
    if lines.len():
        lines.to_frame().write_csv(handle, include_header=False, quote_style="never", line_terminator=end)


def write(result, roster, fmt: str, path: str | Path) -> Path:
    if fmt in ("json", "jsonl"):
        def stream(tmp: Path) -> None:
            with tmp.open("wb") as handle:
                _stream(result, roster, fmt, handle)

        return atomic_write(path, stream)
    text = render(result, roster, fmt)
    # CSV gets a BOM so that Excel opens Vietnamese text correctly on a double-click
    return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8-sig"))
