"""Workbooks that are markup under an Excel name: an HTML table and Excel 2003 XML (SpreadsheetML).

Web software's "Xuất Excel" often writes an HTML table and names it `.xls`; older programs write the Excel
2003 XML format (`.xml`, or `.xls` too); some write delimited text under the name. Excel opens all three;
calamine reads none. Each becomes sheets of
text cells with their merged ranges, as a workbook's sheets are, and is read the same way from there.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from html.parser import HTMLParser

_SPREADSHEET_NS = "urn:schemas-microsoft-com:office:spreadsheet"
_EXCEL_NS = "urn:schemas-microsoft-com:office:excel"
_SS = f"{{{_SPREADSHEET_NS}}}"
_HTML_START = re.compile(rb"<\s*(?:!doctype\s+html|html|table|head|body|meta)\b", re.I)


@dataclass
class MarkupSheet:
    """One sheet: its rows of text cells (None = empty), merged ranges (0-based r1, c1, r2, c2), hidden."""

    name: str
    rows: list[list[str | None]] = field(default_factory=list)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    hidden: bool = False


def markup_kind(head: bytes) -> str | None:
    """"xml" for Excel 2003 XML, "html" for an HTML table, "text" for delimited text (a CSV saved as `.xls`),
    None for anything else (a real workbook), from the file's first bytes."""
    if head.startswith((b"PK", b"\xd0\xcf\x11\xe0")):  # a zip (xlsx, ods) or an OLE file (xls): a workbook
        return None
    text = head.lstrip(b"\xef\xbb\xbf\xff\xfe \t\r\n").replace(b"\x00", b"")
    if text.startswith(b"<?xml") or text.startswith(b"<Workbook"):
        return "xml" if _SPREADSHEET_NS.encode() in text or b"Excel.Sheet" in text else None
    if _HTML_START.search(text[:2048]):
        return "html"
    # text: no control character but tab and line breaks, a separator on every line
    wide = head.startswith((b"\xff\xfe", b"\xfe\xff")) or head.count(0) > len(head) // 4
    decoded = head.decode("utf-16" if wide else "utf-8", errors="ignore")
    binary = re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", decoded.lstrip("\ufeff"))
    lines = [line for line in decoded.splitlines()[:5] if line.strip()]
    delimited = bool(lines) and all(any(sep in line for sep in ("\t", ";", ",")) for line in lines)
    return "text" if delimited and not binary else None


def read_markup(raw: bytes, kind: str, stem: str, decode) -> list[MarkupSheet]:
    """The sheets of a markup workbook; `decode` turns the bytes of an HTML file into text (its encoding
    sniffed as a CSV's is), `stem` names the one sheet an HTML file has, as Excel names it."""
    if kind == "xml":
        return _spreadsheet_ml(raw)
    parser = _Tables()
    parser.feed(_declared(raw) or decode(raw))
    parser.close()
    return [MarkupSheet(stem, parser.rows, parser.merges)]


def _declared(raw: bytes) -> str | None:
    """An HTML file's text in the encoding its meta tag declares, when it declares one Python knows."""
    found = re.search(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", raw[:4096], re.I)
    if not found:
        return None
    try:
        return raw.decode(found.group(1).decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        return None


class _Tables(HTMLParser):
    """The rows of every table in the page, one after another as Excel lays them out: `colspan` and
    `rowspan` become merged ranges, a `<br>` a line break within the cell."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str | None]] = []
        self.merges: list[tuple[int, int, int, int]] = []
        self._taken: set[tuple[int, int]] = set()  # cells covered by a span from a row above
        self._cell: list[str] | None = None
        self._row: list[str | None] | None = None
        self._col = 0
        self._span = (1, 1)

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self._end_row()
            self._row, self._col = [], 0
        elif tag in ("td", "th"):
            if self._row is None:
                self._row, self._col = [], 0
            self._end_cell()
            values = dict(attrs)
            self._span = (_span(values.get("rowspan")), _span(values.get("colspan")))
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")
        elif tag == "table":
            self._end_row()

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._end_cell()
        elif tag in ("tr", "table"):
            self._end_row()

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(re.sub(r"\s+", " ", data))

    def close(self) -> None:
        super().close()
        self._end_row()  # a page that never closes its last row (web exports often leave tags open)

    def _end_cell(self) -> None:
        if self._cell is None or self._row is None:
            return
        r = len(self.rows)
        while (r, self._col) in self._taken:
            self._col += 1
        text = "".join(self._cell)
        text = "\n".join(line.strip() for line in text.split("\n")).strip()
        self._row.extend([None] * (self._col - len(self._row)))
        self._row.append(text or None)
        down, across = self._span
        if down > 1 or across > 1:
            self.merges.append((r, self._col, r + down - 1, self._col + across - 1))
            self._taken.update((r + i, self._col + j) for i in range(down) for j in range(across) if i or j)
        self._col += across
        self._cell = None

    def _end_row(self) -> None:
        self._end_cell()
        if self._row is not None:
            self.rows.append(self._row)
        self._row = None


def _span(value) -> int:
    try:
        return max(1, min(int(str(value).strip()), 1000))
    except (TypeError, ValueError):
        return 1


def _spreadsheet_ml(raw: bytes) -> list[MarkupSheet]:
    """Excel 2003 XML: each Worksheet's Table, its rows and cells placed by `ss:Index` where given, merged
    by `ss:MergeAcross` / `ss:MergeDown`; a date cell (ss:Type DateTime) as its date."""
    sheets = []
    root = ET.fromstring(raw)
    for worksheet in root.iter(f"{_SS}Worksheet"):
        sheet = MarkupSheet(worksheet.get(f"{_SS}Name") or f"Sheet{len(sheets) + 1}")
        visible = worksheet.find(f"{{{_EXCEL_NS}}}WorksheetOptions/{{{_EXCEL_NS}}}Visible")
        sheet.hidden = visible is not None and (visible.text or "").strip() in ("SheetHidden", "SheetVeryHidden")
        table = worksheet.find(f"{_SS}Table")
        r = -1
        for row in table.iter(f"{_SS}Row") if table is not None else ():
            r = int(row.get(f"{_SS}Index", r + 2)) - 1
            while len(sheet.rows) <= r:
                sheet.rows.append([])
            cells = sheet.rows[r]
            c = -1
            for cell in row.iter(f"{_SS}Cell"):
                c = int(cell.get(f"{_SS}Index", c + 2)) - 1
                data = cell.find(f"{_SS}Data")
                text = "".join(data.itertext()).strip() if data is not None else ""
                if data is not None and data.get(f"{_SS}Type") == "DateTime":
                    text = re.sub(r"T00:00:00(?:\.0+)?$", "", text)
                cells.extend([None] * (c + 1 - len(cells)))
                cells[c] = text or None
                across, down = (int(cell.get(f"{_SS}Merge{k}", 0)) for k in ("Across", "Down"))
                if across or down:
                    sheet.merges.append((r, c, r + down, c + across))
                c += across
        sheets.append(sheet)
    return sheets
