"""The composition report (`memberaudit mix`): terminal tables, JSON, HTML and Excel."""

from __future__ import annotations

import json
from pathlib import Path

from memberaudit.checks.admission import STEPS
from memberaudit.model.i18n import catalogue, t
from memberaudit.model.lazy import pl
from memberaudit.reports import charts
from memberaudit.reports.common import atomic_write
from memberaudit.reports.views.composition import TOTAL


def _label(lang: str, dimension: str, group: str) -> str:
    labels = catalogue(lang).VALUE_LABELS
    if dimension == "occupation":
        return labels["group"].get(group, group)
    if dimension == "gender":
        return {"male": t("html.male", lang), "female": t("html.female", lang)}.get(group, group)
    return group


def _committee(name: str, lang: str) -> str:
    return t("mix.whole", lang) if name == TOTAL else name


def tables(mix: dict, lang: str) -> list[tuple[str, list[str], list[list[str]]]]:
    """Per dimension: (title, header, rows) with one row per committee and the whole organisation."""
    out = []
    frame = mix["composition"].filter(pl.col("unit") == TOTAL)
    averages = {c: a for c, u, a, _ in mix["averages"].iter_rows() if u == TOTAL}
    for dimension in mix["by"]:
        part = frame.filter(pl.col("dimension") == dimension)
        groups = sorted(part["group"].unique().to_list())
        header = [t("ui.committee", lang), *[_label(lang, dimension, g) for g in groups], t("ui.count", lang)]
        if dimension == "age":
            header.append(t("mix.average_age", lang))
        rows = []
        for committee in sorted(part["committee"].unique().to_list(), key=lambda c: (c == TOTAL, c)):
            cells = {g: (n, s) for _, _, _, g, n, s in part.filter(pl.col("committee") == committee).iter_rows()}
            row = [_committee(committee, lang)]
            row += [f"{cells[g][0]} ({cells[g][1] * 100:.1f}%)" if g in cells else "0" for g in groups]
            row.append(str(sum(n for n, _ in cells.values())))
            if dimension == "age":
                row.append(f"{averages.get(committee, 0):.1f}")
            rows.append(row)
        out.append((t(f"mix.{dimension}", lang), header, rows))
    if mix["targets"] is not None and mix["targets"].height:
        out.append((t("mix.targets", lang, year=mix["new_in"]),
                    [t("ui.unit", lang), t("mix.target", lang), t("mix.admitted", lang), t("mix.gap", lang)],
                    [[u, str(tg), str(a), f"{g:+d}"] for u, _, tg, a, g in mix["targets"].iter_rows()]))
    if mix.get("pipeline") is not None and mix["pipeline"].height:
        groups = list(mix["min_share"])
        header = [t("ui.committee", lang), t("ui.unit", lang), t("mix.target", lang), t("mix.admitted", lang),
                  *[t(f"mix.step.{s}", lang) for s in STEPS], t("mix.likely", lang), t("mix.projected", lang),
                  *[f"{_label(lang, 'occupation', g)} (≥ {mix['min_share'][g] * 100:.0f}%)" for g in groups]]
        rows = []
        for row in mix["pipeline"].iter_rows(named=True):
            rows.append([row["parent_unit"], t("mix.whole_committee", lang) if row["unit"] == TOTAL else row["unit"],
                         "" if row["target"] is None else str(row["target"]), str(row["admitted"]),
                         *[str(row[s]) for s in STEPS], str(row["likely"]), str(row["projected"]),
                         *["—" if row[f"share_{g}"] is None else f"{row[f'share_{g}'] * 100:.1f}%" for g in groups]])
        out.append((t("mix.pipeline", lang, year=mix["new_in"]), header, rows))
    if mix["shares"] is not None and mix["shares"].height:
        out.append((t("mix.shares", lang),
                    [t("ui.committee", lang), t("mix.group", lang), t("mix.share", lang), t("mix.minimum", lang),
                     t("mix.gap", lang)],
                    [[_committee(c, lang), _label(lang, "occupation", g), f"{s * 100:.1f}%", f"{m * 100:.1f}%",
                      f"{gap * 100:+.1f}"] for c, g, s, m, gap in mix["shares"].iter_rows()]))
    return out


def print_tables(console, mix: dict, lang: str) -> None:
    from rich.table import Table

    for title, header, rows in tables(mix, lang):
        table = Table(title=title, title_justify="left")
        for h in header:
            table.add_column(h, overflow="fold")
        for row in rows:
            table.add_row(*row)
        console.print(table)


def to_json(mix: dict) -> str:
    doc = {
        "tool": "memberaudit", "as_of": mix["as_of"].isoformat(), "new_in": mix["new_in"], "by": mix["by"],
        "composition": mix["composition"].to_dicts(), "average_age": mix["averages"].to_dicts(),
        "targets": mix["targets"].to_dicts() if mix["targets"] is not None else [],
        "shares": mix["shares"].to_dicts() if mix["shares"] is not None else [],
        "pipeline": mix["pipeline"].to_dicts() if mix.get("pipeline") is not None else [],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def write_html(mix: dict, path, lang: str) -> Path:
    from memberaudit.reports.html import environment

    totals = mix["composition"].filter((pl.col("unit") == TOTAL) & (pl.col("committee") == TOTAL))
    chart_svgs = []
    for dimension in mix["by"]:
        part = totals.filter(pl.col("dimension") == dimension).sort("group")
        chart_svgs.append(charts.bars([(_label(lang, dimension, g), s) for _, _, _, g, _, s in part.iter_rows()],
                                      title=t(f"mix.{dimension}", lang), percent=True))
    text = environment().get_template("mix.html.j2").render(
        lang=lang, t=lambda k, **kw: t(k, lang, **kw), tables=tables(mix, lang), charts=chart_svgs,
        as_of=mix["as_of"].strftime("%d/%m/%Y"), new_in=mix["new_in"])
    return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


def write_excel(mix: dict, path, lang: str) -> Path:
    def build(tmp: Path) -> None:
        from openpyxl import Workbook
        from openpyxl.chart import BarChart, Reference
        from openpyxl.styles import Font

        from memberaudit.reports.excel import fit_to_page, sheet_name

        wb = Workbook()
        wb.remove(wb.active)
        taken: set[str] = set()
        for title, header, rows in tables(mix, lang):
            ws = wb.create_sheet(sheet_name(title, taken))
            fit_to_page(ws, landscape=len(header) > 6)
            ws.append(header)
            for cell in ws[1]:
                cell.font = Font(bold=True)
            ws.column_dimensions["A"].width = 40
            for row in rows:
                ws.append(row)
        detail = wb.create_sheet(sheet_name(t("mix.detail", lang), taken))
        fit_to_page(detail, landscape=False)
        detail.append([t("ui.committee", lang), t("ui.unit", lang), t("mix.dimension", lang), t("mix.group", lang),
                       t("ui.count", lang), t("mix.share", lang)])
        for committee, unit, dimension, group, count, share in mix["composition"].iter_rows():
            detail.append([_committee(committee, lang), "" if unit == TOTAL else unit, t(f"mix.{dimension}", lang),
                           _label(lang, dimension, group), count, share])
            detail.cell(detail.max_row, 6).number_format = "0.0%"
        totals = mix["composition"].filter((pl.col("unit") == TOTAL) & (pl.col("committee") == TOTAL))
        for dimension in mix["by"]:
            part = totals.filter(pl.col("dimension") == dimension).sort("group")
            ws = wb.create_sheet(sheet_name(t("mix.chart", lang, dimension=t(f"mix.{dimension}", lang)), taken))
            fit_to_page(ws, landscape=False)
            ws.append([t("mix.group", lang), t("ui.count", lang)])
            for _, _, _, group, count, _ in part.iter_rows():
                ws.append([_label(lang, dimension, group), count])
            chart = BarChart()
            chart.type, chart.title = "bar", t(f"mix.{dimension}", lang)
            chart.add_data(Reference(ws, min_col=2, min_row=1, max_row=1 + part.height), titles_from_data=True)
            chart.set_categories(Reference(ws, min_col=1, min_row=2, max_row=1 + part.height))
            ws.add_chart(chart, "D2")
        wb.save(tmp)

    return atomic_write(path, build)
