"""Write the report files an audit asked for, at once on threads."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path


def write_reports(result, roster, *, fmt: str | None = None, output: Path | None = None, html: Path | None = None,
                  excel: Path | None = None, lang: str = "vi") -> list[Path]:
    """The findings file (`fmt` to `output`), the HTML and the Excel report, whichever are given.

    The Excel workbook and the findings file are written on threads of their own meanwhile: their heavy parts
    (rows rendered by Polars, zlib) release the GIL, so on two cores they cost little more than the HTML
    report alone, whose Python holds it.
    """
    with ThreadPoolExecutor(max_workers=2) as pool:
        workbook = findings = page = None
        if excel:
            from memberaudit.reports import excel as excel_report

            workbook = pool.submit(excel_report.write, result, roster, excel, lang=lang)
        if output and fmt == "text":  # the terminal summary, as a file
            from memberaudit.reports import text

            findings = pool.submit(text.write, result, output, lang)
        elif output and fmt:
            from memberaudit.reports import data

            findings = pool.submit(data.write, result, roster, fmt, output)
        if html:
            from memberaudit.reports import html as html_report

            page = html_report.write(result, roster, html, lang=lang)
        # in the order the options are documented: the findings file, the HTML report, the Excel workbook
        return [path for path in (findings and findings.result(), page, workbook and workbook.result()) if path]
