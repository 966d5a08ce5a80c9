"""Large Excel sheets, fast: the rows of a sheet rendered as OOXML `<sheetData>` by Polars, in Rust.

openpyxl (like xlsxwriter) spends about 10 µs of Python per cell, so 50,000 findings on two sheets cost
10-20 s. openpyxl still writes the workbook (styles, charts, page setup, filters); its data sheets carry
only a header row and one *probe* row whose cells hold the styles the data needs. Afterwards the probe
row tells which style ids openpyxl assigned, and each sheet's rows are spliced in from one Polars pass.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from memberaudit.headers import column_letter
from memberaudit.lazy import pl

_EXCEL_EPOCH = "1899-12-30"
_PROBE = re.compile(rb'<row r="2"[^>]*>(.*?)</row>', re.S)
_CELL_STYLE = re.compile(rb'<c r="([A-Z]+)2"[^>]*?s="(\d+)"')


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


def rows_xml(frame, columns: list[Column], style_ids: dict[str, int], first_row: int = 2) -> str:
    """`<row>` elements for every row of `frame` (Excel rows from `first_row`), one string."""
    if frame.height == 0:
        return ""
    row = pl.int_range(first_row, first_row + pl.len()).cast(pl.String)
    cells = []
    for index, column in enumerate(columns):
        ref = pl.lit(f'<c r="{column_letter(index)}') + row
        col = pl.col(column.name)
        if column.kind == "number":
            cell = pl.concat_str([ref, pl.lit('"><v>'), col.cast(pl.String), pl.lit("</v></c>")])
        elif column.kind == "date":
            serial = (col.cast(pl.Date) - pl.lit(_EXCEL_EPOCH).str.to_date()).dt.total_days().cast(pl.String)
            cell = pl.concat_str([ref, pl.lit(f'" s="{style_ids["date"]}"><v>'), serial, pl.lit("</v></c>")])
        else:
            style = pl.lit("")
            if column.kind == "styled":
                ids = {value: f' s="{style_ids[key]}"' for value, key in (column.styles or {}).items()}
                style = col.cast(pl.String).replace_strict(ids, default="")
            text = _escape(col.cast(pl.String))
            cell = pl.concat_str([ref, pl.lit('"'), style, pl.lit(' t="inlineStr"><is><t xml:space="preserve">'),
                                  text, pl.lit("</t></is></c>")])
        cells.append(pl.when(col.is_not_null()).then(cell).otherwise(pl.lit("")))
    xml = frame.select(pl.concat_str([pl.lit('<row r="'), row, pl.lit('">'), *cells, pl.lit("</row>")]).alias("x"))
    return xml.get_column("x").str.join("").item()


def probe_styles(sheet_xml: bytes, probe: dict[str, str]) -> dict[str, int]:
    """Style ids openpyxl gave the probe row's cells: {style key: id}, `probe` mapping key → column letter."""
    found = _PROBE.search(sheet_xml)
    if found is None:
        raise ValueError("the probe row is missing")
    by_letter = {m.group(1).decode(): int(m.group(2)) for m in _CELL_STYLE.finditer(found.group(0))}
    return {key: by_letter[letter] for key, letter in probe.items()}


def splice(path: Path, sheets: dict[int, tuple], probe: dict[str, str]) -> None:
    """Replace the probe row of worksheet N (1-based, in workbook order) with the rows of its frame.

    `sheets` maps N → (frame, columns). The package is rewritten in place (the caller writes a temp file).
    """
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info.filename)) for info in source.infolist()]
    out = path.with_suffix(".splice")
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for info, data in members:
            found = re.fullmatch(r"xl/worksheets/sheet(\d+)\.xml", info.filename)
            if found and int(found.group(1)) in sheets:
                frame, columns = sheets[int(found.group(1))]
                ids = probe_styles(data, probe)
                found_probe = _PROBE.search(data)
                data = data[:found_probe.start()] + rows_xml(frame, columns, ids).encode("utf-8") + data[found_probe.end():]
            target.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)
    out.replace(path)
