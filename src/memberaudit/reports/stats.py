"""The statistics forms (`memberaudit stats`): JSON for scripts; Excel and HTML laid out like the forms of
Hướng dẫn 11-HD/BTCTW (title block, "Biểu số N-BTCTW", the three value columns under a numbering row, the
sign-off), one sheet or page per form and unit, printable on A4."""

from __future__ import annotations

import json
from pathlib import Path

from memberaudit.model.i18n import t
from memberaudit.reports.common import atomic_write
from memberaudit.reports.views.stats import TITLES, WHOLE, rows_of


def _unit_name(unit: str, lang: str) -> str:
    return t("stats.whole", lang) if unit == WHOLE else unit


def _date(day) -> str:
    return day.strftime("%d/%m/%Y")


def form_lines(result: dict, lang: str) -> list[dict]:
    """One printable form per (form, unit): its heading and its lines (number, label, indent, this, last
    year, percentage, whether a heading)."""
    out = []
    for code, units in result["forms"].items():
        form = code.split("-")[0]
        for unit, cells in units.items():
            lines, number = [], 0
            for row in rows_of(form, cells):
                heading = row.key.startswith("heading_")
                if row.indent == 0 and row.number is None:
                    number += 1
                shown = row.number if row.number is not None else str(number) if row.indent == 0 else ""
                cell = {"this": None, "last_year": None} if heading else cells.get(row.key, {"this": 0, "last_year": 0})
                this, last = cell["this"], cell["last_year"]
                pct = round(this / last * 100, 1) if isinstance(this, int | float) and last else None
                lines.append({"number": shown, "label": row.label(lang),
                              "indent": row.indent, "this": this, "last_year": last, "percent": pct,
                              "heading": heading, "no_last_year": not heading and last is None})
            out.append({"form": form, "code": code, "unit": unit, "unit_name": _unit_name(unit, lang),
                        "title": TITLES[form][1 if lang == "en" else 0], "lines": lines,
                        "breaking": result["breaking"].get(unit, []) if form == "1" else []})
    return out


def to_json(result: dict) -> str:
    period = result["period"]
    doc = {"tool": "memberaudit", "period": {"from": period.start.isoformat(), "to": period.end.isoformat()},
           "forms": result["forms"], "breaking": result["breaking"]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def print_forms(console, result: dict, lang: str) -> None:
    from rich.table import Table

    period = result["period"]
    for sheet in form_lines(result, lang):
        table = Table(title=f"{t('stats.form', lang, code=sheet['code'])} — {sheet['title']} — {sheet['unit_name']} "
                            f"({_date(period.start)}–{_date(period.end)})", title_justify="left")
        for header in (t("stats.stt", lang), t("stats.item", lang), t("stats.this", lang), t("stats.last_year", lang),
                       t("stats.percent", lang)):
            table.add_column(header, overflow="fold")
        for line in sheet["lines"]:
            table.add_row(line["number"], "  " * line["indent"] + line["label"], _text(line["this"]),
                          t("stats.no_data", lang) if line["no_last_year"] else _text(line["last_year"]),
                          _text(line["percent"]))
        console.print(table)
        for member in sheet["breaking"]:
            console.print(t("stats.breaking", lang, **_breaking(member, lang)), style="yellow")


def _text(value) -> str:
    return "" if value is None else str(value)


def _breaking(member: dict, lang: str) -> dict:
    return {"member_id": member["member_id"], "name": member["full_name"] or "", "unit": member["unit"] or "—",
            "status": t(f"stats.exit.{member['end_how']}", lang)}


def write_html(result: dict, path, lang: str) -> Path:
    from memberaudit.reports.html import environment

    period = result["period"]
    text = environment().get_template("stats.html.j2").render(
        lang=lang, t=lambda k, **kw: t(k, lang, **kw), sheets=form_lines(result, lang),
        period=t("stats.period", lang, start=_date(period.start), end=_date(period.end)),
        breaking=lambda member: t("stats.breaking", lang, **_breaking(member, lang)))
    return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def write_excel(result: dict, path, lang: str) -> Path:
    def build(tmp: Path) -> None:
        from openpyxl import Workbook

        from memberaudit.reports.excel import sheet_name

        wb = Workbook()
        wb.remove(wb.active)
        taken: set[str] = set()
        for sheet in form_lines(result, lang):
            name = f"Biểu {sheet['form']}" if sheet["unit"] == WHOLE else f"B{sheet['form']} {sheet['unit']}"
            _form_sheet(wb.create_sheet(sheet_name(name, taken)), sheet, result["period"], lang)
        wb.save(tmp)

    return atomic_write(path, build)


HEADER_ROW = 7  # the column headings; the numbering row (A, B, 1, 2, 3) under them, the lines from row 9


def _form_sheet(ws, sheet: dict, period, lang: str) -> None:
    from openpyxl.styles import Alignment, Border, Font, Side
    from openpyxl.worksheet.worksheet import Worksheet

    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    bold = Font(name="Times New Roman", bold=True, size=12)
    plain = Font(name="Times New Roman", size=12)
    for column, width in zip("ABCDE", (6, 52, 12, 14, 14), strict=True):
        ws.column_dimensions[column].width = width

    def put(ref: str, value, font=plain, alignment=None, merge: str | None = None):
        if merge:
            ws.merge_cells(f"{ref}:{merge}")
        cell = ws[ref]
        cell.value, cell.font = value, font
        if alignment:
            cell.alignment = alignment
        return cell

    put("A1", sheet["unit_name"].upper(), bold, center, "B1")
    put("C1", t("stats.form", lang, code=sheet["code"]), bold, center, "E1")
    put("C2", t("stats.guidance", lang), Font(name="Times New Roman", italic=True, size=10), center, "E2")
    put("A4", sheet["title"], Font(name="Times New Roman", bold=True, size=14), center, "E4")
    put("A5", t("stats.period", lang, start=_date(period.start), end=_date(period.end)),
        Font(name="Times New Roman", italic=True, size=12), center, "E5")
    headers = (t("stats.stt", lang), t("stats.item", lang), t("stats.this", lang), t("stats.last_year", lang),
               t("stats.percent", lang))
    for i, (text, number) in enumerate(zip(headers, ("A", "B", "1", "2", "3"), strict=True), 1):
        for row, value, font in ((HEADER_ROW, text, bold), (HEADER_ROW + 1, number, Font(name="Times New Roman",
                                                                                          italic=True, size=11))):
            cell = ws.cell(row, i, value)
            cell.font, cell.alignment, cell.border = font, center, box
    ws.row_dimensions[HEADER_ROW].height = 48
    r = HEADER_ROW + 1
    no_data = t("stats.no_data", lang)
    for line in sheet["lines"]:
        r += 1
        values = [line["number"], line["label"], line["this"],
                  no_data if line["no_last_year"] else line["last_year"], line["percent"]]
        for i, value in enumerate(values, 1):
            cell = ws.cell(r, i, value)
            cell.border, cell.font = box, bold if line["heading"] or line["indent"] == 0 else plain
            cell.alignment = Alignment(horizontal="left" if i == 2 else "center", vertical="center",
                                       indent=line["indent"] * 2 if i == 2 else 0, wrap_text=i == 2)
            if i == 5 and value is not None:
                cell.number_format = "0.0"
            if i == 2 and line["indent"] == 1 and not line["heading"]:
                cell.font = plain
        ws.row_dimensions[r].height = 16 * max(1, -(-len(line["label"]) // 50))  # wrapped labels, printed
    r += 1
    for member in sheet["breaking"]:
        r += 1
        ws.cell(r, 2, t("stats.breaking", lang, **_breaking(member, lang))).font = Font(name="Times New Roman", italic=True,
                                                                                 size=11)
    r += 2
    put(f"C{r}", t("list.place_date", lang), Font(name="Times New Roman", italic=True, size=12), center, f"E{r}")
    put(f"A{r + 1}", t("stats.prepared_by", lang), bold, center, f"B{r + 1}")
    put(f"C{r + 1}", t("list.standing_committee", lang), bold, center, f"E{r + 1}")
    put(f"A{r + 2}", t("stats.prepared_sign", lang), Font(name="Times New Roman", italic=True, size=11), center,
        f"B{r + 2}")
    put(f"C{r + 2}", t("stats.committee_sign", lang), Font(name="Times New Roman", italic=True, size=11), center,
        f"E{r + 2}")
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW + 1}"
    ws.page_setup.orientation = "portrait"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
