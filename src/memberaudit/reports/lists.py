"""Printable lists (screening candidates, badge awards): an Excel sheet per committee and a printable HTML.

A4 landscape, the header row repeated on every printed page, a sign-off block at the end of each sheet.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from memberaudit.model.i18n import t
from memberaudit.reports.common import atomic_write
from memberaudit.reports.excel import sheet_name


def _cell_value(row: dict, key: str, index: int):
    return index if key == "stt" else row.get(key)


def write_excel(plist, path) -> Path:
    return atomic_write(path, lambda tmp: _write_excel(plist, tmp))


def _write_excel(plist, target: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    add_sheets(wb, plist, set())
    wb.save(target)


def add_sheets(wb, plist, taken: set[str]) -> None:
    """A sheet per committee of `plist` in `wb` (sheet names unique among `taken`)."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.worksheet import Worksheet

    thin = Side(style="thin", color="999999")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    wrap = Alignment(wrap_text=True, vertical="top")
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    width = len(plist.columns)
    last = get_column_letter(width)
    groups = plist.groups or [("—", [])]
    for committee, subgroups in groups:
        ws = wb.create_sheet(sheet_name(committee, taken))
        for text, size in ((committee.upper(), 12), (plist.title, 14), (plist.subtitle, 11)):
            ws.append([text])
            ws.merge_cells(f"A{ws.max_row}:{last}{ws.max_row}")
            cell = ws.cell(ws.max_row, 1)
            cell.font, cell.alignment = Font(bold=True, size=size), center
        ws.append([])
        ws.append([c.label for c in plist.columns])
        header_row = ws.max_row
        for i, column in enumerate(plist.columns, 1):
            cell = ws.cell(header_row, i)
            cell.font, cell.alignment, cell.border = Font(bold=True), center, box
            cell.fill = PatternFill("solid", fgColor="E7ECF3")
            ws.column_dimensions[get_column_letter(i)].width = column.width
        index = 0
        for label, rows in subgroups:
            ws.append([f"{label} ({len(rows)})"])
            ws.merge_cells(f"A{ws.max_row}:{last}{ws.max_row}")
            ws.cell(ws.max_row, 1).font = Font(bold=True, italic=True)
            for row in rows:
                index += 1
                values = [_cell_value(row, c.key, index) for c in plist.columns]
                ws.append(values)
                # wrapped text does not grow the row by itself in every spreadsheet: size it for printing
                lines = max(-(-len(str(v)) // max(c.width - 2, 1)) for v, c in zip(values, plist.columns, strict=True)
                            if v is not None and not isinstance(v, date | int))
                ws.row_dimensions[ws.max_row].height = 15 * max(lines, 1) + 2
                for i, column in enumerate(plist.columns, 1):
                    cell = ws.cell(ws.max_row, i)
                    cell.alignment, cell.border = wrap, box
                    if column.is_date:
                        cell.number_format = "DD/MM/YYYY"
        ws.append([t("list.total", plist.lang, count=index) if index else t("list.empty", plist.lang)])
        ws.append([])
        left, right = plist.signatures
        ws.append([None, None, None, None, None, t("list.place_date", plist.lang)])
        ws.append([None, left, None, None, None, right])
        ws.append([None, t("list.sign", plist.lang), None, None, None, t("list.sign", plist.lang)])
        for r in range(ws.max_row - 2, ws.max_row + 1):
            for c in (2, 6):
                ws.cell(r, c).font = Font(bold=r == ws.max_row - 1, italic=r != ws.max_row - 1)
        ws.freeze_panes = f"A{header_row + 1}"
        ws.print_title_rows = f"{header_row}:{header_row}"
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.print_options.horizontalCentered = True


def render_html(plist) -> str:
    from memberaudit.reports.html import environment

    return environment().get_template("list.html.j2").render(plist=plist, t=lambda k, **kw: t(k, plist.lang, **kw),
                                                              value=cell_text)


def cell_text(row: dict, key: str, index: int) -> str:
    value = _cell_value(row, key, index)
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    return "" if value is None else str(value)


def print_table(console, plist) -> None:
    """The list in the terminal: one table per committee, then the total."""
    from rich.table import Table

    for committee, subgroups in plist.groups:
        index = 0  # numbered per committee, as on the printed sheets (one per committee)
        table = Table(title=f"{committee} — {plist.title}", title_justify="left")
        for column in plist.columns:
            table.add_column(column.label, overflow="fold")
        for _label, rows in subgroups:
            for row in rows:
                index += 1
                table.add_row(*[cell_text(row, c.key, index) for c in plist.columns])
        console.print(table)
    console.print(t("list.total", plist.lang, count=plist.meta["count"]))


def write_html(plist, path) -> Path:
    text = render_html(plist)
    return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def to_json(plist) -> str:
    rows = [{k: (v.isoformat() if isinstance(v, date) else v) for k, v in row.items()} for row in plist.rows()]
    return json.dumps({"title": plist.title, **plist.meta, "rows": rows}, ensure_ascii=False, indent=2) + "\n"
