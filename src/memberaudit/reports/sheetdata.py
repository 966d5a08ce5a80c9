"""Large Excel sheets, fast: the rows of a sheet rendered as OOXML `<sheetData>` by Polars, in Rust.

openpyxl (like xlsxwriter) spends about 10 µs of Python per cell, so 50,000 findings on two sheets cost
10-20 s. openpyxl still writes the workbook (styles, charts, page setup, filters); its data sheets carry
only a header row and one *probe* row whose cells hold the styles the data needs. Afterwards the probe
row tells which style ids openpyxl assigned, and each sheet's rows are spliced in from one Polars pass.

Text cells refer to one shared-strings table for the whole workbook (`xl/sharedStrings.xml`), as Excel
itself writes them: committees, units, files and rule references repeat on every row and on both the
Findings sheet and the committee's own sheet, so the package holds each text once (about a third of the
XML of inline strings, and as much less to compress and for Excel to parse).
"""

from __future__ import annotations

import re
import zipfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from memberaudit.model.lazy import pl
from memberaudit.read.headers import column_letter

_EXCEL_EPOCH = "1899-12-30"
_PROBE = re.compile(rb'<row r="2"[^>]*>(.*?)</row>', re.S)
_CELL_STYLE = re.compile(rb'<c r="([A-Z]+)2"[^>]*?s="(\d+)"')
_SST = "xl/sharedStrings.xml"
_SST_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
_SST_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings"


@dataclass
class Column:
    """One sheet column: a frame column and how to write it ("text", "number", "date", or "styled" text
    whose cell style is chosen by its value through `styles`)."""

    name: str
    kind: str = "text"
    styles: dict | None = None


def _escape(expr):
    return (expr.str.replace_all(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "").str.replace_all("&", "&amp;", literal=True)
            .str.replace_all("<", "&lt;", literal=True).str.replace_all(">", "&gt;", literal=True))


class SharedStrings:
    """The workbook's shared-strings table: every distinct text of the spliced rows, once, and each text
    cell's index into it (computed once for the frame, whichever sheets then show its rows)."""

    def __init__(self, frame, columns: list[Column]):
        names = [c.name for c in columns if c.kind in ("text", "styled")]
        texts = [frame.get_column(n).cast(pl.String) for n in names]
        self.values = (pl.concat(texts).drop_nulls().unique(maintain_order=True) if texts
                       else pl.Series([], dtype=pl.String))
        lookup = pl.DataFrame({"_text": self.values, "_id": pl.int_range(len(self.values), dtype=pl.UInt32,
                                                                         eager=True).cast(pl.String)})
        self.ids = frame.select(
            [frame.select(pl.col(n).cast(pl.String).alias("_text")).join(lookup, on="_text", how="left",
                                                                           maintain_order="left")
             .get_column("_id").alias(n) for n in names])

    def xml(self) -> bytes:
        count = len(self.values)
        items = pl.DataFrame({"t": self.values}).select(
            pl.concat_str([pl.lit('<si><t xml:space="preserve">'), _escape(pl.col("t")), pl.lit("</t></si>")])
            .str.join("").cast(pl.Binary)).item() if count else b""
        head = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/'
                f'spreadsheetml/2006/main" count="{count}" uniqueCount="{count}">')
        return head.encode() + items + b"</sst>"


def cell_tails(frame, columns: list[Column], style_ids: dict[str, int], strings: SharedStrings):
    """Each cell's XML after its row number (`"><v>42</v></c>`), null for an empty cell: the costly part of
    rendering (text indices, styles, date serials), done once however many sheets show the row."""
    tails = []
    for column in columns:
        col = pl.col(column.name)
        if column.kind == "number":
            tail = pl.concat_str([pl.lit('"><v>'), col.cast(pl.String), pl.lit("</v></c>")])
        elif column.kind == "date":
            serial = (col.cast(pl.Date) - pl.lit(_EXCEL_EPOCH).str.to_date()).dt.total_days().cast(pl.String)
            tail = pl.concat_str([pl.lit(f'" s="{style_ids["date"]}"><v>'), serial, pl.lit("</v></c>")])
        else:
            style = pl.lit("")
            if column.kind == "styled":
                ids = {value: f' s="{style_ids[key]}"' for value, key in (column.styles or {}).items()}
                style = col.cast(pl.String).replace_strict(ids, default="")
            tail = pl.concat_str([pl.lit('"'), style, pl.lit(' t="s"><v>'), pl.col(f"_id{column.name}"),
                                  pl.lit("</v></c>")])
        tails.append(tail.alias(f"t{len(tails)}"))
    with_ids = frame.with_columns(strings.ids.rename(lambda n: f"_id{n}"))
    return with_ids.select(tails)


def rows_xml(tails, first_row: int = 2) -> bytes:
    """`<row>` elements for every row of a `cell_tails` frame (Excel rows from `first_row`), UTF-8 bytes."""
    if tails.height == 0:
        return b""
    xml = tails.select(_row_xml(tails.columns, pl.int_range(first_row, first_row + pl.len())).alias("x"))
    return xml.get_column("x").str.join("").cast(pl.Binary).item()


def grouped_rows_xml(tails, keys, first_row: int = 2) -> dict:
    """`<row>` elements of each group of rows (`keys`: a Series beside `tails`, a null key a group too), every
    group numbered from `first_row` as its own sheet: {key: (UTF-8 bytes, rows)}, in one pass over the rows (a
    pass per group cost a committee's sheet a pass over every finding)."""
    if tails.height == 0:
        return {}
    number = pl.int_range(first_row, first_row + pl.len()).over("_key")
    xml = (tails.with_columns(keys.alias("_key")).select("_key", _row_xml(tails.columns, number).alias("x"))
           .group_by("_key").agg(pl.col("x").str.join("").cast(pl.Binary), pl.len()))
    return {key: (rows, count) for key, rows, count in xml.iter_rows()}


def _row_xml(names: list[str], number):
    row = number.cast(pl.String)
    cells = [pl.when(pl.col(name).is_not_null()).then(pl.concat_str([pl.lit(f'<c r="{column_letter(i)}'), row,
                                                                    pl.col(name)])).otherwise(pl.lit(""))
             for i, name in enumerate(names)]
    return pl.concat_str([pl.lit('<row r="'), row, pl.lit('">'), *cells, pl.lit("</row>")])


def probe_styles(sheet_xml: bytes, probe: dict[str, str]) -> dict[str, int]:
    """Style ids openpyxl gave the probe row's cells: {style key: id}, `probe` mapping key → column letter."""
    found = _PROBE.search(sheet_xml)
    if found is None:
        raise ValueError("the probe row is missing")
    by_letter = {m.group(1).decode(): int(m.group(2)) for m in _CELL_STYLE.finditer(found.group(0))}
    return {key: by_letter[letter] for key, letter in probe.items()}


_LAST_ROW = re.compile(rb'<row r="(\d+)"')
_COLUMN = re.compile(rb'<c r="([A-Z]+)\d+"')


def with_dimension(sheet_xml: bytes, ref: str | None = None) -> bytes:
    """The sheet with its `<dimension>` (the used range: `ref`, else read from its rows), which openpyxl's
    write-only sheets lack and readers that size a sheet by it (openpyxl read-only) need: without it they
    see no rows."""
    if b"<dimension" in sheet_xml[:4096]:
        return sheet_xml
    if ref is None:
        start = sheet_xml.rfind(b'<row r="')
        last = _LAST_ROW.match(sheet_xml, start) if start >= 0 else None
        # the widest rows are the header and the data: the first two rows and the last one show them
        first = sheet_xml.find(b"<row")
        second_end = sheet_xml.find(b"</row>", sheet_xml.find(b"</row>", first) + 1) if first >= 0 else -1
        head = sheet_xml[first:second_end if second_end >= 0 else None] if first >= 0 else b""
        letters = {m.group(1) for part in (head, sheet_xml[start:] if start >= 0 else b"")
                   for m in _COLUMN.finditer(part)}
        width = max((sum((ord(ch) - 64) * 26 ** i for i, ch in enumerate(reversed(letter.decode())))
                     for letter in letters), default=1)
        ref = f"A1:{column_letter(width - 1)}{int(last.group(1)) if last else 1}"
    anchor = sheet_xml.find(b"</sheetPr>")
    at = anchor + len(b"</sheetPr>") if anchor >= 0 else sheet_xml.find(b">", sheet_xml.find(b"<worksheet")) + 1
    return sheet_xml[:at] + b'<dimension ref="' + ref.encode() + b'"/>' + sheet_xml[at:]


EVERY_ROW = object()  # a sheet of every row of the frame, in `splice`'s `sheets`


def splice(path: Path, frame, columns: list[Column], sheets: dict[int, object], probe: dict[str, str],
           by: str | None = None) -> None:
    """Replace the probe row of worksheet N (1-based, in workbook order) with rows of `frame`, and add the
    shared strings they refer to.

    `sheets` maps N → the value of column `by` whose rows the sheet shows (None too), or EVERY_ROW. The
    package is rewritten in place (the caller writes a temp file); openpyxl's write-only workbooks hold
    inline strings only, so the shared-strings part is new. The committees' rows and the shared strings are
    rendered on threads while the Findings sheet is compressed (Polars and zlib both release the GIL), and
    a spliced sheet is written in its pieces, never joined into one copy.
    """
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info.filename)) for info in source.infolist()]
    if any(info.filename == _SST for info, _ in members):
        raise ValueError("the workbook already has shared strings")
    strings = SharedStrings(frame, columns)
    width = column_letter(len(columns) - 1)
    out = path.with_suffix(".splice")
    with ThreadPoolExecutor(max_workers=2) as pool, \
            zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        rendered: dict = {}
        for info, data in members:
            found = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", info.filename)
            if found and int(found.group(1)) in sheets:
                if not rendered:  # styles are the workbook's: every probe row got the same ids
                    rendered = _render(pool, frame, cell_tails(frame, columns, probe_styles(data, probe), strings),
                                       strings, set(sheets.values()), by)
                value = sheets[int(found.group(1))]
                rows, count = (rendered[EVERY_ROW].result() if value is EVERY_ROW
                               else rendered["groups"].result().get(value, (b"", 0)))
                probed = _PROBE.search(data)
                with target.open(info.filename, "w") as stream:
                    for piece in (with_dimension(data[:probed.start()], f"A1:{width}{count + 1}"), rows,
                                  data[probed.end():]):
                        stream.write(piece)
                continue
            if found:
                data = with_dimension(data)
            elif info.filename == "[Content_Types].xml":
                data = data.replace(b"</Types>", f'<Override PartName="/{_SST}" ContentType="{_SST_TYPE}"/></Types>'.encode())
            elif info.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"</Relationships>", f'<Relationship Type="{_SST_REL}" Target="/{_SST}" '
                                    'Id="rIdSharedStrings"/></Relationships>'.encode())
            target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)
        target.writestr(_SST, (rendered["strings"].result() if rendered else strings.xml()),
                        compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)
    out.replace(path)


def _render(pool, frame, tails, strings: SharedStrings, shown: set, by: str | None) -> dict:
    """The futures of the spliced rows, in the order the sheets need them: every row (EVERY_ROW), each group's
    ("groups"), then the shared strings ("strings")."""
    rendered = {}
    if EVERY_ROW in shown:
        rendered[EVERY_ROW] = pool.submit(lambda: (rows_xml(tails), tails.height))
    if by is not None and shown - {EVERY_ROW}:
        rendered["groups"] = pool.submit(grouped_rows_xml, tails, frame.get_column(by))
    rendered["strings"] = pool.submit(strings.xml)
    return rendered
