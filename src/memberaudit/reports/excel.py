"""The Excel report (openpyxl, write-only streaming): Summary with native charts, Findings, one sheet per
committee, Coverage, Composition. Dates are real Excel dates; sheet names are valid and unique."""

from __future__ import annotations

import re
from pathlib import Path

from memberaudit.model.collation import text_key
from memberaudit.model.i18n import catalogue, t
from memberaudit.model.lazy import pl
from memberaudit.reports.common import atomic_write, reading_order, rule_title, skip_reasons
from memberaudit.reports.sheetdata import EVERY_ROW, Column, splice
from memberaudit.reports.views.composition import AGE_BANDS, population, pyramid

SEVERITY_FILL = {"high": "FFC7CE", "medium": "FFEB9C", "low": "DDEBF7"}
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
DATE_KEYS = ("deadline", "probation_end", "issued_on", "left_workplace_date", "reached_on", "official_date",
             "admission_date", "exempt_from", "last_admission")


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique (case-insensitively) sheet name of at most 31 characters."""
    base = _BAD_SHEET_CHARS.sub(" ", name).strip().strip("'") or "Sheet"
    base = re.sub(r"^(Đảng bộ|ĐẢNG BỘ)\s+", "", base)[:31].strip()
    candidate, n = base, 2
    while candidate.casefold() in taken:
        suffix = f" ({n})"
        candidate = base[: 31 - len(suffix)].rstrip() + suffix
        n += 1
    taken.add(candidate.casefold())
    return candidate


PROBE = {"high": "A", "medium": "B", "low": "C", "date": "D"}


def _sheet_frame(findings, labels: dict[str, str]):
    """The findings as the sheet shows them: translated severity, the key date out of the evidence."""
    # one JSON parse per finding, of just the date keys (a JSON path per key costs three times as much)
    dates = pl.col("evidence").str.json_decode(pl.Struct({k: pl.String for k in DATE_KEYS}))
    key_date = pl.coalesce([dates.struct.field(k) for k in DATE_KEYS])
    return findings.with_columns(
        pl.col("severity").replace_strict(labels, return_dtype=pl.String).alias("severity_label"),
        key_date.str.to_date("%Y-%m-%d", strict=False).alias("key_date"),
        pl.when(pl.col("waived")).then(pl.col("waiver_reason")).alias("waived_text"),
    )


def _sheet_columns(columns, labels: dict[str, str]) -> list[Column]:
    kinds = {"severity": Column("severity_label", "styled", {label: key for key, label in labels.items()}),
             "key_date": Column("key_date", "date"), "row": Column("row", "number"),
             "waived": Column("waived_text")}
    return [kinds.get(key, Column(key)) for key, _, _ in columns]


def _columns(lang: str) -> list[tuple[str, str, int]]:
    return [("rule", t("ui.rule", lang), 9), ("severity", t("ui.severity", lang), 11),
            ("parent_unit", t("ui.committee", lang), 30), ("unit", t("ui.unit", lang), 30),
            ("member_id", t("html.member_id", lang), 13), ("full_name", t("html.full_name", lang), 24),
            ("message", t("ui.message", lang), 70), ("key_date", t("xlsx.key_date", lang), 12),
            ("reference", t("ui.reference", lang), 34), ("file", t("xlsx.file", lang), 28),
            ("sheet", t("xlsx.sheet", lang), 18), ("row", t("xlsx.row", lang), 7), ("column", t("xlsx.column", lang), 6),
            ("value", t("xlsx.value", lang), 16), ("waived", t("ui.waived", lang), 14)]


def fit_to_page(ws, *, landscape: bool) -> None:
    """A4, one page wide (as many pages down as it takes): a table's counts never print on another page than
    its labels. Set before the first row of a write-only sheet."""
    from openpyxl.worksheet.worksheet import Worksheet

    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def write(result, roster, path, *, lang: str = "vi") -> Path:
    return atomic_write(path, lambda tmp: _write(result, roster, tmp, lang))


def _write(result, roster, target: Path, lang: str) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.chart import BarChart, Reference
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    wb = Workbook(write_only=True)
    bold = Font(bold=True)
    fills = {k: PatternFill("solid", fgColor=v) for k, v in SEVERITY_FILL.items()}
    taken: set[str] = set()
    labels = {s: t(f"severity.{s}", lang) for s in SEVERITY_FILL}

    def header_cells(ws, names):
        cells = []
        for name in names:
            cell = WriteOnlyCell(ws, value=name)
            cell.font = bold
            cells.append(cell)
        return cells

    # --- Summary -----------------------------------------------------------------------------------------------
    summary = wb.create_sheet(sheet_name(t("xlsx.summary", lang), taken))
    fit_to_page(summary, landscape=False)
    summary.column_dimensions["A"].width = 10
    summary.column_dimensions["B"].width = 52
    summary.column_dimensions["C"].width = 12
    summary.column_dimensions["D"].width = 10
    title = WriteOnlyCell(summary, value=t("html.title", lang))
    title.font = Font(bold=True, size=14)
    summary.append([title])
    as_of = WriteOnlyCell(summary, value=result.as_of)
    as_of.number_format = "DD/MM/YYYY"
    summary.append([t("xlsx.as_of", lang), as_of])
    summary.append([])
    summary.append(header_cells(summary, [t("ui.rule", lang), t("ui.title", lang), t("ui.severity", lang),
                                          t("ui.count", lang)]))
    counts = result.summary()
    for r in result.rules:
        summary.append([r.code, rule_title(r.code, lang), labels[r.severity], counts.get(r.code, 0)])
    rule_rows = (5, 4 + len(result.rules))
    summary.append([])
    committees = {}
    for parent, severity in result.findings.select("parent_unit", "severity").iter_rows():
        committees.setdefault(parent or "—", {"high": 0, "medium": 0, "low": 0})[severity] += 1
    start = rule_rows[1] + 2
    summary.append(header_cells(summary, [t("ui.committee", lang), "", labels["high"], labels["medium"],
                                          labels["low"]]))
    for name in sorted(committees, key=text_key):
        c = committees[name]
        summary.append([name, "", c["high"], c["medium"], c["low"]])
    chart = BarChart()
    chart.type, chart.style, chart.title = "bar", 10, t("ui.by_rule", lang)
    chart.add_data(Reference(summary, min_col=4, min_row=rule_rows[0] - 1, max_row=rule_rows[1]), titles_from_data=True)
    chart.set_categories(Reference(summary, min_col=1, min_row=rule_rows[0], max_row=rule_rows[1]))
    # the charts stand under the tables, inside the printed width: beside them they were cut off the page
    below = start + len(committees) + 2
    chart.height, chart.width = 12, 17
    summary.add_chart(chart, f"A{below}")
    if committees:
        stacked = BarChart()
        stacked.type, stacked.grouping, stacked.overlap, stacked.title = "bar", "stacked", 100, t("ui.by_committee", lang)
        stacked.add_data(Reference(summary, min_col=3, max_col=5, min_row=start, max_row=start + len(committees)),
                         titles_from_data=True)
        stacked.set_categories(Reference(summary, min_col=1, min_row=start + 1, max_row=start + len(committees)))
        stacked.height, stacked.width = 9, 17
        summary.add_chart(stacked, f"A{below + 25}")

    # --- Findings and one sheet per committee: header and a style probe here, rows spliced in afterwards ------
    columns = _columns(lang)
    frame = _sheet_frame(reading_order(result.findings), labels)
    spliced: dict[int, object] = {}

    def findings_sheet(title_text: str, rows: int, chosen) -> None:
        ws = wb.create_sheet(sheet_name(title_text, taken))
        # a write-only sheet writes its properties with the first row: set them all before appending
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(rows + 1, 2)}"
        ws.print_title_rows = "1:1"
        fit_to_page(ws, landscape=True)
        for i, (_, _, width) in enumerate(columns, 1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.append(header_cells(ws, [c[1] for c in columns]))
        probe = []
        for key in ("high", "medium", "low"):
            cell = WriteOnlyCell(ws, value=labels[key])
            cell.fill = fills[key]
            probe.append(cell)
        dated = WriteOnlyCell(ws, value=result.as_of)
        dated.number_format = "DD/MM/YYYY"
        ws.append([*probe, dated])
        spliced[len(wb.worksheets)] = chosen

    findings_sheet(t("ui.findings", lang), frame.height, EVERY_ROW)
    for parent, rows in sorted(frame.group_by("parent_unit").len().rows(), key=lambda kv: text_key(kv[0] or "—")):
        findings_sheet(parent or "—", rows, parent)

    # --- Coverage ------------------------------------------------------------------------------------------------
    coverage = wb.create_sheet(sheet_name(t("ui.coverage", lang), taken))
    fit_to_page(coverage, landscape=False)
    coverage.column_dimensions["B"].width = 48
    coverage.column_dimensions["E"].width = 40
    coverage.append(header_cells(coverage, [t("ui.rule", lang), t("ui.title", lang), t("ui.members_checked", lang),
                                            t("ui.units_checked", lang), t("ui.skipped_reason", lang)]))
    for code, cov in result.coverage.items():
        coverage.append([code, rule_title(code, lang), cov["checked_members"], cov["checked_units"],
                         skip_reasons(cov["skipped"], lang) or None])
    for skipped in roster.skipped:
        coverage.append([skipped.line(lang)])

    # --- Composition (age pyramid and occupations, with native charts) -------------------------------------------
    people = population(roster, result.as_of)
    comp = wb.create_sheet(sheet_name(t("xlsx.composition", lang), taken))
    fit_to_page(comp, landscape=False)
    comp.column_dimensions["A"].width = 34
    ages = {(b, g): n for b, g, n in pyramid(people).iter_rows()}
    # members whose sex no list records: a column of their own (the chart shows men and women)
    unknown = {b: n for (b, g), n in ages.items() if g not in ("male", "female")}
    comp.append(header_cells(comp, [t("xlsx.age_band", lang), t("html.male", lang), t("html.female", lang),
                                    *([t("html.unknown_sex", lang)] if unknown else [])]))
    for band, _, _ in AGE_BANDS:
        comp.append([band, ages.get((band, "male"), 0), ages.get((band, "female"), 0),
                     *([unknown.get(band, 0)] if unknown else [])])
    comp.append([])
    occ_start = len(AGE_BANDS) + 3
    comp.append(header_cells(comp, [t("xlsx.occupation", lang), t("ui.count", lang)]))
    group_labels = catalogue(lang).VALUE_LABELS["group"]
    occupations = people.group_by("occupation").len().sort("len", descending=True).rows()
    for group, n in occupations:
        comp.append([group_labels.get(group, group), n])
    ages_chart = BarChart()
    ages_chart.type, ages_chart.title = "bar", t("html.chart_ages", lang)
    ages_chart.add_data(Reference(comp, min_col=2, max_col=3, min_row=1, max_row=1 + len(AGE_BANDS)),
                        titles_from_data=True)
    ages_chart.set_categories(Reference(comp, min_col=1, min_row=2, max_row=1 + len(AGE_BANDS)))
    comp.add_chart(ages_chart, "E2")
    if occupations:
        occ_chart = BarChart()
        occ_chart.type, occ_chart.title = "bar", t("html.chart_occupations", lang)
        occ_chart.add_data(Reference(comp, min_col=2, min_row=occ_start, max_row=occ_start + len(occupations)),
                           titles_from_data=True)
        occ_chart.set_categories(Reference(comp, min_col=1, min_row=occ_start + 1, max_row=occ_start + len(occupations)))
        comp.add_chart(occ_chart, "E20")
    wb.save(target)
    splice(target, frame, _sheet_columns(columns, labels), spliced, PROBE, by="parent_unit")
