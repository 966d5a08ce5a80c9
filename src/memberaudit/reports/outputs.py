"""Write the report files an audit asked for, overlapping the Excel workbook with the others."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path


def write_reports(result, roster, *, fmt: str | None = None, output: Path | None = None, html: Path | None = None,
                  excel: Path | None = None, lang: str = "vi") -> list[Path]:
    """The findings file (`fmt` to `output`), the HTML and the Excel report, whichever are given.

    The Excel workbook is written on a second thread meanwhile: its heavy parts (rows rendered by Polars,
    zlib) release the GIL, so on two cores it costs little more than the others alone.
    """
    written: list[Path] = []
    with ThreadPoolExecutor(max_workers=1) as pool:
        workbook = None
        if excel:
            from memberaudit.reports import excel as excel_report

            workbook = pool.submit(excel_report.write, result, roster, excel, lang=lang)
        if output and fmt == "text":  # the terminal summary, as a file
            from memberaudit.reports import text

            written.append(text.write(result, output, lang))
        elif output and fmt:
            from memberaudit.reports import data

            written.append(data.write(result, roster, fmt, output))
        if html:
            from memberaudit.reports import html as html_report

            written.append(html_report.write(result, roster, html, lang=lang))
        if workbook is not None:
            written.append(workbook.result())
    return written
