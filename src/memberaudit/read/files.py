"""Files to text grids: every sheet of a workbook, a CSV (encoding and separator sniffed), a Parquet file.

Nothing here finds tables; a grid is the sheet as calamine reads it, a text column per sheet column.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from pathlib import Path

from memberaudit.model.errors import InputError
from memberaudit.model.lazy import pl
from memberaudit.model.source import Skipped
from memberaudit.read import xlsx
from memberaudit.read.discover import EXCEL_SUFFIXES, SUFFIXES, UNREAD_SHEETS, XML_SUFFIX
from memberaudit.read.markup import markup_kind, read_markup


def read_grids(path: Path, include_hidden: bool = False):
    """Yield (sheet name, grid of text columns, first column index, name that may tell the kind, merges).

    `merges` is a callable returning the sheet's merged ranges, read only when a table needs them.
    A Parquet file yields its column names as a one-row grid and its typed columns as a sixth item, the body.
    """
    suffix = path.suffix.lower()
    if suffix in UNREAD_SHEETS:
        raise InputError("input.format", file=str(path), suffixes=", ".join(sorted(SUFFIXES)))
    if suffix in EXCEL_SUFFIXES or suffix == XML_SUFFIX:
        yield from _excel_grids(path, include_hidden)
    elif suffix == ".csv":
        yield path.stem, _csv_grid(path), 0, path.stem, list
    else:
        header, body = _parquet_grid(path)
        yield path.stem, header, 0, path.stem, list, body


def _excel_grids(path: Path, include_hidden: bool = False):
    import fastexcel

    kind = None
    if path.suffix.lower() in (".xls", XML_SUFFIX):  # Excel opens markup and text under these names only
        with open(path, "rb") as stream:
            kind = markup_kind(stream.read(4096))
    if kind == "text":  # delimited text saved as .xls: read as the CSV it is
        yield path.stem, _csv_grid(path), 0, path.stem, list
        return
    if kind:
        yield from _markup_grids(path, kind, include_hidden)
        return
    try:
        reader = fastexcel.read_excel(str(path))
        names = reader.sheet_names
    except Exception as exc:  # calamine's errors name no common base class across versions
        raise InputError("input.unreadable", file=str(path), reason=_reason(path, exc)) from exc
    facts = xlsx.sheet_facts(path) if path.suffix.lower() in {".xlsx", ".xlsm"} else {}
    cache: dict = {}

    def merges_of(name: str):
        # calamine does not report merged ranges; reading them means inflating the sheet XML once more
        if "all" not in cache:
            cache["all"] = xlsx.merges(path, facts)
        return cache["all"].get(name, [])

    for index, name in enumerate(names):
        fact = facts.get(name)
        if fact and fact.hidden and not include_hidden:
            yield Skipped(str(path), name, "skip.hidden")
            continue
        if fact and xlsx.absurd_range(path, fact):
            yield Skipped(str(path), name, "skip.absurd_range", {"range": fact.used})
            continue
        try:
            sheet = reader.load_sheet(index, header_row=None, dtypes="string", skip_rows=0)
            if not include_hidden and not fact and sheet.visible != "visible":
                yield Skipped(str(path), name, "skip.hidden")
                continue
            columns = sheet.available_columns()
            grid = pl.DataFrame(sheet)
        except Exception as exc:  # one unreadable sheet never ends the workbook: skipped with its reason
            yield Skipped(str(path), name, "skip.unreadable", {"reason": str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__})
            continue
        if grid.width == 0 or grid.height == 0:
            yield Skipped(str(path), name, "skip.empty")
            continue
        offset = columns[0].absolute_index if columns else 0
        grid = grid.rename({c: f"c{i}" for i, c in enumerate(grid.columns)})
        yield name, grid, offset, name, lambda name=name: merges_of(name)


def _markup_grids(path: Path, kind: str, include_hidden: bool):
    """The sheets of an HTML table or Excel 2003 XML file saved under an Excel name, as `_excel_grids`'s."""
    try:
        sheets = read_markup(path.read_bytes(), kind, path.stem, lambda raw: _decode(raw, path))
    except ET.ParseError as exc:
        raise InputError("input.unreadable", file=str(path), reason=str(exc)) from exc
    for sheet in sheets:
        if sheet.hidden and not include_hidden:
            yield Skipped(str(path), sheet.name, "skip.hidden")
            continue
        width = max(map(len, sheet.rows), default=0)
        if not width:
            yield Skipped(str(path), sheet.name, "skip.empty")
            continue
        columns = {f"c{i}": [row[i] if i < len(row) else None for row in sheet.rows] for i in range(width)}
        yield sheet.name, pl.DataFrame(columns, schema=dict.fromkeys(columns, pl.String)), 0, sheet.name, \
            lambda merges=sheet.merges: merges


def _reason(path: Path, exc: Exception) -> str:
    head = path.read_bytes()[:8] if path.is_file() else b""
    if head.startswith(b"\xd0\xcf\x11\xe0") and path.suffix.lower() in {".xlsx", ".xlsm"}:
        return "encrypted"  # an OOXML file saved with a password is wrapped in an OLE container
    if path.suffix.lower() in {".xlsx", ".xlsm", ".ods"} and not head.startswith(b"PK"):
        return "not_excel"
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__


def _decode(raw: bytes, path: Path) -> str:
    if raw.startswith(b"\xef\xbb\xbf"):
        return raw[3:].decode("utf-8")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    head = raw[:4096]
    if head.count(0) > len(head) // 4:  # UTF-16 without a byte order mark: every other byte of ASCII is 0
        odd = head[1::2].count(0) >= head[0::2].count(0)
        try:
            return raw.decode("utf-16-le" if odd else "utf-16-be")
        except UnicodeDecodeError as exc:
            raise InputError("input.encoding", file=str(path)) from exc
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1258")
    except UnicodeDecodeError as exc:
        raise InputError("input.encoding", file=str(path)) from exc


SEPARATORS = (",", ";", "\t", "|")
SNIFF_LINES = 60


def sniff_separator(text: str) -> tuple[str, int]:
    """The separator that splits the first lines into the most rows of one width (quotes respected), and the
    widest of those rows: a title line ("Hà Nội, ngày 30 tháng 11 năm 2026") above a tab-separated table
    decides neither."""
    import csv

    lines = text.splitlines()[:SNIFF_LINES]
    widths = {sep: [len(row) for row in csv.reader(lines, delimiter=sep, quotechar='"')] for sep in SEPARATORS}

    def score(sep: str) -> tuple[int, int]:
        wide = [w for w in widths[sep] if w > 1]
        if not wide:
            return (0, 0)
        modal = max(set(wide), key=lambda w: (wide.count(w), w))
        return (wide.count(modal), modal)

    best = max(SEPARATORS, key=score)
    return best, max(widths[best], default=1)


def _csv_grid(path: Path):
    text = _decode(path.read_bytes(), path)
    if not text.strip():
        raise InputError("input.empty", file=str(path))
    sep, width = sniff_separator(text)
    # a header line of our own sets the width: Polars would take it from the first line, a one-cell title
    names = sep.join(f"c{i}" for i in range(width))
    try:
        return pl.read_csv(
            io.BytesIO(f"{names}\n{text}".encode()), has_header=True, separator=sep, infer_schema=False,
            truncate_ragged_lines=True, quote_char='"',
        )
    except Exception as exc:
        raise InputError("input.unreadable", file=str(path), reason=str(exc).splitlines()[0][:200]) from exc


def _parquet_grid(path: Path):
    """The column names as a one-row text grid, and the columns as they are typed.

    Dates and numbers stay typed: turning 5.3 million members' dues amounts into text took 3 s, and
    reading dates back from text as long again."""
    try:
        frame = pl.read_parquet(path)
    except Exception as exc:
        raise InputError("input.unreadable", file=str(path), reason=str(exc).splitlines()[0][:200]) from exc
    header = pl.DataFrame({f"c{i}": [name] for i, name in enumerate(frame.columns)})
    return header, frame.rename({c: f"c{i}" for i, c in enumerate(frame.columns)})
