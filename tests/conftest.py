"""Shared test helpers: messy workbooks built from a description, and rosters built from small tables."""

from __future__ import annotations

import os
from datetime import date

import pytest

os.environ.setdefault("NO_COLOR", "1")
os.environ.setdefault("COLUMNS", "200")


def write_workbook(path, sheets: dict[str, list[list]], merges: dict[str, list[str]] | None = None):
    """An .xlsx whose sheets hold exactly these rows (None = empty cell), with optional merged ranges."""
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for r, row in enumerate(rows, 1):
            for c, value in enumerate(row, 1):
                if value is not None:
                    ws.cell(r, c, value)
        for ref in (merges or {}).get(name, []):
            ws.merge_cells(ref)
    wb.save(path)
    return path


MEMBER_HEADER = ["STT", "Số thẻ đảng viên", "Họ và tên", "Ngày sinh", "Chi bộ", "Ngày vào Đảng", "Ngày chính thức"]


def member_rows(*rows) -> list[list]:
    """A members sheet as real ones look: titles, a blank row, the header, numbered rows, a signature footer."""
    return [
        ["ĐẢNG BỘ PHƯỜNG LÁNG THƯỢNG"],
        ["DANH SÁCH ĐẢNG VIÊN"],
        [],
        MEMBER_HEADER,
        *[[i, *row] for i, row in enumerate(rows, 1)],
        [],
        ["Tổng cộng", None, len(rows)],
        [None, "NGƯỜI LẬP BIỂU", None, None, "T/M CHI BỘ"],
    ]


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory):
    """The demo data set, written once for the whole session (tests only read it)."""
    from memberaudit.demo import write_demo

    path = tmp_path_factory.mktemp("demo")
    write_demo(path)
    return path


@pytest.fixture
def workbook(tmp_path):
    def make(sheets, merges=None, name="so-dang-vien.xlsx"):
        return write_workbook(tmp_path / name, sheets, merges)

    return make


def make_roster(tables: dict[str, list[dict]], *, year: int = 2026):
    """A Roster from small tables of text cells, through the real normaliser and schemas.

    Each table is a list of dicts of the fields a loader would have found (wide month keys like "2026-03"
    allowed); rows get Excel row numbers from 2.
    """
    import polars as pl

    from memberaudit.assemble.combine import combine
    from memberaudit.assemble.schemas import validate
    from memberaudit.model.source import Loaded, RawTable, Source
    from memberaudit.normalize.build import normalize
    from memberaudit.read.headers import column_letter

    loaded = Loaded(files=["case.xlsx"])
    for kind, rows in tables.items():
        if not rows:
            continue
        fields = list(dict.fromkeys(k for row in rows for k in row))
        frame = pl.DataFrame(
            {"_row": list(range(2, len(rows) + 2)),
             **{f: [None if row.get(f) is None else str(row.get(f)) for row in rows] for f in fields}},
            schema={"_row": pl.Int64, **{f: pl.String for f in fields}},
        )
        source = Source(file="case.xlsx", sheet=kind, kind=kind, header_row=1, year=year,
                        columns={f: column_letter(i + 1) for i, f in enumerate(fields)})
        loaded.tables.append(RawTable(source, frame))
    return validate(combine([normalize(loaded)]))


def member(member_id: str, unit: str = "CB1", *, admitted: str = "01/01/2010", official: str | None = "01/01/2011",
           birth: str = "01/01/1980", **extra) -> dict:
    """A members-table row with sensible defaults (an official member since 2011)."""
    row = {"member_id": member_id, "full_name": f"Đảng viên {member_id}", "birth_date": birth, "unit": unit,
           "admission_date": admitted, "official_date": official}
    row.update(extra)
    return row


def run_rule(code: str, tables: dict, as_of: date, *, lang: str = "en", **config):
    from memberaudit.checks.engine import audit
    from memberaudit.model.config import Config

    roster = make_roster(tables)
    return audit(roster, as_of=as_of, config=Config(**config), select_codes=[code], lang=lang)


def month_records(roster, kind: str):
    """A month-mask table (attendance, dues) as a row per month and mark or dues state, in month order."""
    from memberaudit.checks.common import monthly
    from memberaudit.model.roster import MASKS

    name = "mark" if kind == "attendance" else "state"
    return monthly(getattr(roster, kind), MASKS[kind], name).sort("_src", "member_id", "month", name)
