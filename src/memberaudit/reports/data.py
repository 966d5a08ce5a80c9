"""Machine-readable findings: JSON (SPEC 5 document), JSON lines and CSV (evidence as JSON text)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from memberaudit.reports.common import RECORD_FIELDS, atomic_write, document_text, finding_json, records


def render(result, roster, fmt: str, *, show_ids: bool = False) -> str:
    if fmt == "json":
        return document_text(result, roster, show_ids=show_ids)
    if fmt == "jsonl":
        lines = finding_json(result.findings, show_ids=show_ids)
        return "".join(line + "\n" for line in lines.to_list())
    rows = records(result, show_ids=show_ids)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=RECORD_FIELDS, lineterminator="\n")
        writer.writeheader()
        for r in rows:
            writer.writerow({**r, "evidence": json.dumps(r["evidence"], ensure_ascii=False)})
        return buffer.getvalue()
    raise ValueError(fmt)


def write(result, roster, fmt: str, path: str | Path, *, show_ids: bool = False) -> Path:
    text = render(result, roster, fmt, show_ids=show_ids)
    # CSV gets a BOM so that Excel opens Vietnamese text correctly on a double-click
    encoding = "utf-8-sig" if fmt == "csv" else "utf-8"
    return atomic_write(path, lambda tmp: tmp.write_text(text, encoding=encoding))
