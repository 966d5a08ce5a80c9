"""The data-quality report (`memberaudit quality`): terminal tables, JSON, HTML with a colour scale, Excel
with conditional formatting; the members behind the gaps printed per committee like the screening list."""

from __future__ import annotations

import json
from pathlib import Path

from memberaudit.model.i18n import catalogue, t
from memberaudit.reports import lists
from memberaudit.reports.common import atomic_write
from memberaudit.reports.views.quality import percent, table_rows, to_document, weakest

TERMINAL_UNITS = 20  # worst branches shown in the terminal; every branch is in the files


def _tables(summary: dict, lang: str, units: int | None = None) -> list[tuple[str, list, list, int]]:
    """(title, header, rows, first share column) for the committees and the branches, worst first."""
    required = summary["required"]
    committees = table_rows(summary["committees"], required, lang, with_committee=False)
    branches = table_rows(summary["units"][:units], required, lang, with_committee=True)
    return [(t("quality.committees", lang), *committees, 3), (t("quality.units", lang), *branches, 4)]


def _whole(summary: dict, lang: str) -> str:
    whole = summary["whole"]
    return t("quality.whole", lang, score=percent(whole["score"]), ids=percent(whole["valid_national_id_share"]),
             members=whole["active_members"], exempt=whole["exempt_members"])


def _subtitle(summary: dict, lang: str) -> str:
    labels = catalogue(lang).VALUE_LABELS["field"]
    return t("quality.subtitle", lang, as_of=summary["as_of"].strftime("%d/%m/%Y"),
             fields=", ".join(labels[f] for f in summary["required"]))


def print_tables(console, summary: dict, lang: str) -> None:
    """The terminal's narrow tables: members, score, valid ids and the three weakest fields per line."""
    from rich.table import Table
    from rich.text import Text

    console.print(Text(t("quality.title", lang), style="bold") + f" — {_subtitle(summary, lang)}")
    console.print(_whole(summary, lang))
    required = summary["required"]
    for title, entries, name in ((t("quality.committees", lang), summary["committees"], t("ui.committee", lang)),
                                 (t("quality.units", lang), summary["units"][:TERMINAL_UNITS], t("ui.unit", lang))):
        table = Table(title=title, title_justify="left")
        for h in (name, t("quality.members", lang), t("quality.score", lang), t("quality.valid_ids", lang),
                  t("quality.weakest", lang)):
            table.add_column(h, overflow="fold")
        for e in entries:
            table.add_row(e["unit"], f"{e['active_members']} (+{e['exempt_members']})", percent(e["score"]),
                          percent(e["valid_national_id_share"]), weakest(e, required, lang))
        console.print(table)
    if len(summary["units"]) > TERMINAL_UNITS:
        console.print(t("quality.worst", lang, shown=TERMINAL_UNITS, count=len(summary["units"])))


def to_json(summary: dict) -> str:
    return json.dumps(to_document(summary), ensure_ascii=False, indent=2) + "\n"


def shade(value) -> str:
    """A cell's background on the red-amber-green scale of its share (the Excel colour scale's colours)."""
    if value is None:
        return ""
    low, mid, high = (0xF8, 0x69, 0x6B), (0xFF, 0xEB, 0x84), (0x63, 0xBE, 0x7B)
    a, b, x = (low, mid, value / 0.5) if value < 0.5 else (mid, high, (value - 0.5) / 0.5)
    return "#" + "".join(f"{round(p + (q - p) * x):02x}" for p, q in zip(a, b, strict=True))


def write_html(summary: dict, plist, path, lang: str) -> Path:
    from memberaudit.reports.html import environment

    tables = [(title, header, [[(percent(v) if i >= first else v, shade(v) if i >= first else "")
                                for i, v in enumerate(row)] for row in rows])
              for title, header, rows, first in _tables(summary, lang)]
    text = environment().get_template("quality.html.j2").render(
        lang=lang, t=lambda k, **kw: t(k, lang, **kw), title=t("quality.title", lang),
        subtitle=_subtitle(summary, lang), whole=_whole(summary, lang), tables=tables, plist=plist,
        value=lists.cell_text)
    return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def write_excel(summary: dict, plist, path, lang: str) -> Path:
    def build(tmp: Path) -> None:
        from openpyxl import Workbook
        from openpyxl.formatting.rule import ColorScaleRule
        from openpyxl.styles import Alignment, Font
        from openpyxl.utils import get_column_letter

        from memberaudit.reports.excel import fit_to_page, sheet_name

        wb = Workbook()
        wb.remove(wb.active)
        taken: set[str] = set()
        for title, header, rows, first in _tables(summary, lang):
            ws = wb.create_sheet(sheet_name(title, taken))
            fit_to_page(ws, landscape=True)
            ws.append([t("quality.title", lang)])
            ws.append([_subtitle(summary, lang)])
            ws.append([_whole(summary, lang)])
            ws.cell(1, 1).font = Font(bold=True, size=13)
            ws.append(header)
            for cell in ws[4]:
                cell.font, cell.alignment = Font(bold=True), Alignment(wrap_text=True, vertical="top")
            ws.row_dimensions[4].height = 45
            for row in rows:
                ws.append(row)
                for i in range(first, len(row)):
                    ws.cell(ws.max_row, i + 1).number_format = "0.0%"
            for i in range(1, len(header) + 1):
                ws.column_dimensions[get_column_letter(i)].width = 34 if i <= first - 2 else 12
            if rows:
                cells = f"{get_column_letter(first + 1)}5:{get_column_letter(len(header))}{ws.max_row}"
                ws.conditional_formatting.add(cells, ColorScaleRule(
                    start_type="num", start_value=0, start_color="F8696B", mid_type="num", mid_value=0.5,
                    mid_color="FFEB84", end_type="num", end_value=1, end_color="63BE7B"))
            ws.freeze_panes = "A5"
            ws.print_title_rows = "4:4"
        lists.add_sheets(wb, plist, taken)
        wb.save(tmp)

    return atomic_write(path, build)
