"""Which rows of a located table are data, and what stands in for merged ranges: a member written over
several rows (the printed register), section rows naming the branch of the rows under them, a header repeated
on every page, numbering and footer lines, and the spans a workbook without merged ranges implies.

Functions of the raw grid and a located header (`tables._Located`, `tables._Header`), read by `tables`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from memberaudit.model.lazy import pl
from memberaudit.model.source import Skipped
from memberaudit.model.text import fold
from memberaudit.model.vocab import COLUMN_ALIASES, FOOTER_WORDS, KEY_COLUMN, STATUSES
from memberaudit.read.headers import SERIAL_KEYS, header_key

if TYPE_CHECKING:
    from memberaudit.read.tables import _Header, _Located

_FOOTER_KEYS = tuple(fold(w) for w in FOOTER_WORDS)


def cell_text(column: str):
    """A grid column's cells as trimmed text, an empty cell as null."""
    return pl.col(column).cast(pl.String).str.strip_chars().replace("", None)


def implied_spans(found: _Located | Skipped, grid, offset: int, path: str) -> list[tuple[int, int, int, int]]:
    """Where a workbook keeps no merged ranges (.xls, .ods, a header typed once over blank header cells): a
    header cell over the columns right of it that hold data under no header of their own, as if merged
    over them (a card's digits one a cell under "Số thẻ đảng viên"); in .xls and .ods, whose merged ranges
    calamine does not report, a branch or committee cell over the empty ones below it beside members'
    keys (a branch merged down its members). Ranges as `merges` gives them."""
    if isinstance(found, Skipped):
        return []
    ranges = _down(found, grid, offset) if Path(path).suffix.lower() in (".xls", ".ods") else []
    if not found.source.unlabeled:
        return ranges
    row = found.header.row
    header = grid.row(row)
    # a part of a field: a character a line (digits), or words (name parts); a date or a number under no
    # header is a column whose header is missing, never a part of the one left of it
    sample = grid.slice(found.start, 20)
    part = sample.select(
        (pl.col(c).is_not_null().any() & (
            pl.col(c).cast(pl.String).str.strip_chars().str.split("\n").list.eval(
                pl.element().str.strip_chars().str.len_chars() <= 1).list.all().all()
            | ~pl.col(c).cast(pl.String).str.contains(r"\d").any())).alias(c) for c in grid.columns).row(0)
    c = 0
    while c < len(header):
        end = c
        if header[c] is not None:
            while end + 1 < len(header) and header[end + 1] is None and part[end + 1]:
                end += 1
        if end > c:
            ranges.append((row, c + offset, row, end + offset))
        c = end + 1
    return ranges


def _down(found: _Located, grid, offset: int) -> list[tuple[int, int, int, int]]:
    """The branch (committee) cells of .xls and .ods over the empty cells below them beside filled keys."""
    fields = found.header.fields
    key = fields.get(KEY_COLUMN[found.source.kind])
    if key is None:
        return []
    ranges = []
    for c in (fields[f] for f in ("unit", "parent_unit") if f in fields and fields[f] != key):
        branch, keyed = cell_text(f"c{c}").is_not_null(), cell_text(f"c{key}").is_not_null()
        rows = grid.slice(found.start).with_row_index("_i").select(
            "_i", branch.cum_sum().alias("_run"), (keyed & ~branch).alias("_gap"))
        runs = rows.filter(pl.col("_run") > 0).group_by("_run").agg(
            pl.col("_i").min().alias("_first"), pl.col("_i").filter(pl.col("_gap")).max().alias("_last"))
        ranges += [(found.start + a, c + offset, found.start + b, c + offset)
                   for _, a, b in runs.drop_nulls("_last").iter_rows()]
    return ranges


# a section's numeral: "I", "II.", "3)", "B." (a word's first letter is none: "Miễn sinh hoạt", "CHI BỘ")
_ENUMERATOR = re.compile(r"^\s*(?:[IVXLC]+|\d{1,3}|[A-Za-z])(?:\s*[.\-–:)]\s*|\s+|$)")


_SECTION_KINDS = (("chi bo ", "unit"), ("dang bo ", "parent_unit"), ("dang uy ", "parent_unit"),
                  ("to dang ", "cell"))  # a branch's party cell (Tổ đảng): a section of the branch, no field
# a list grouped by status: "I. ĐẢNG VIÊN CHÍNH THỨC", "2. Đảng viên dự bị (03 đồng chí)", "Miễn sinh hoạt"
# (the statuses' names, not their two-letter codes)
_SECTION_STATUSES = {fold(alias): aliases[0] for aliases in STATUSES.values() for alias in aliases if len(alias) > 3}
_COUNT = re.compile(r"\s*[(:].*$")  # "(03 đồng chí)", ": 3 đ/c"


def status_in_titles(titles: list[str]) -> str | None:
    """The status a list's title names for all its members ("DANH SÁCH ĐẢNG VIÊN ĐƯỢC MIỄN CÔNG TÁC VÀ SINH
    HOẠT ĐẢNG", "… ĐẢNG VIÊN DỰ BỊ"), as written first in the vocabulary: the longest name a title holds, None
    where two statuses' names of that length stand there."""
    text = " ".join(f" {fold(t)} " for t in titles)
    found = [(len(alias.split()), status) for alias, status in _SECTION_STATUSES.items() if f" {alias} " in text]
    longest = max((n for n, _ in found), default=0)
    named = {status for n, status in found if n == longest}
    return named.pop() if len(named) == 1 else None


def _section(name: str, wanted: set[str]) -> tuple[str, str] | None:
    """(field, value) a section row's text names: a branch, a committee or a status."""
    folded = fold(name)
    kind = next((f for prefix, f in _SECTION_KINDS if folded.startswith(prefix)), None)
    if kind in wanted:
        return kind, " ".join(name.split())
    status = _SECTION_STATUSES.get(fold(_COUNT.sub("", name)).removeprefix("dang vien "))
    return ("status", status) if status and "status" in wanted else None


_FEW_ROWS = 200  # fewer rows are looked at in Python: a Polars expression per cell costs more than the rows


def section_rows(rows, start: int, header: _Header) -> dict[int, tuple[str, str]]:
    """The rows that name the branch, committee or status of the rows under them, in a list kept in
    sections: one text ("I. CHI BỘ KHU DÂN CƯ SỐ 1", "Chi bộ 2", "B. ĐẢNG BỘ …", "II. ĐẢNG VIÊN DỰ BỊ"), maybe
    beside its numeral, and no key. Excel row → (field, name)."""
    # also where the table has a column for it (the column's value stands; the section row is no row), never
    # for the table's key (a units list's rows are "Chi bộ …")
    wanted = {f for f in (*(f for _, f in _SECTION_KINDS), "status")
              if f in COLUMN_ALIASES[header.kind] and f != KEY_COLUMN[header.kind]}
    wanted |= {"cell"} if header.kind == "members" else set()
    # a name is no key here: a candidates list's section stands in its name column
    key = header.fields.get(KEY_COLUMN[header.kind]) if KEY_COLUMN[header.kind] != "full_name" else None
    if not wanted or not rows.height:
        return {}
    rows = rows.with_row_index("_i")
    if key is not None and f"c{key}" in rows.columns:  # the key column alone first: most rows have their key
        # (a section's text may stand in the key's column: words, where keys are digits)
        cell = cell_text(f"c{key}")
        rows = rows.filter(cell.is_null() | cell.str.contains(r"\p{L}{2,}\s+\p{L}"))
    if rows.height > _FEW_ROWS:  # two texts at most, told by Polars where the rows are many
        cells = [cell_text(c) for c in rows.columns[1:]]
        rows = rows.filter(pl.concat_list(cells).list.drop_nulls().list.unique().list.len() <= 2)
    found: dict[int, tuple[str, str]] = {}
    for i, *raw in rows.iter_rows():
        # two texts at most: a numeral and the name (a name merged across the row and filled is one text)
        values = list(dict.fromkeys(text for v in raw if v is not None and (text := str(v).strip())))
        texts = [v for v in values if not _ENUMERATOR.fullmatch(v)]
        if len(values) > 2 or len(texts) != 1:
            continue
        if section := _section(_ENUMERATOR.sub("", texts[0]), wanted):
            found[start + i + 1] = section
    return found


def records_over_rows(found: _Located, grid):
    """Which data rows make one member, where a register is written as the printed book: each member on
    several rows, one fact a row (the name over the birth name over the birth date, the card's digits over
    the lý lịch's), the number only on the first row or merged down them. None when a row is a member.

    Only a layout whose headers name several facts a cell has this shape, and only when most numbered rows
    are followed by unnumbered rows with values; a total or signature line and what follows it stay rows."""
    header = found.header
    serial = next((c for c, label in header.labels.items() if header_key(label) in SERIAL_KEYS), None)
    if not header.compound or serial is None:
        return None
    rows = grid.slice(found.start)
    others = [c for c in rows.columns if c != f"c{serial}"]
    flags = rows.select(numbered=cell_text(f"c{serial}").is_not_null(),
                        values=pl.any_horizontal(cell_text(c).is_not_null() for c in others))
    numbered, values = flags["numbered"], flags["values"]
    followed = numbered & ~numbered.shift(-1, fill_value=True) & values.shift(-1, fill_value=False)
    if not followed.any() or 2 * followed.sum() < numbered.sum():
        return None
    # the text of the unnumbered rows only: is one of them a total or signature line?
    candidates = (~numbered & values).arg_true()
    texts = rows.select(pl.concat_str(pl.all().gather(candidates).cast(pl.String), separator=" ",
                                      ignore_nulls=True)).to_series()
    footer = next((i for i, text in zip(candidates.to_list(), texts.to_list(), strict=True) if is_footer(text)),
                  rows.height)
    starts = numbered | (numbered.cum_sum() == 0) | (pl.int_range(0, rows.height, eager=True) >= footer)
    return starts.cum_sum()


def repeated_rows(body, grid, header: _Header):
    """The rows repeating the header or its numbering row, as a list copied from a printed page or a Word
    table has them on every page (a mask of `body`), or None when there are none. Only the rows whose key
    cell is its header or a small number are looked at whole."""
    key = header.fields.get(KEY_COLUMN[header.kind], next(iter(header.fields.values()), None))
    if key is None or f"c{key}" not in body.columns:
        return None
    label = str(grid.row(header.row + header.depth - 1)[key] or grid.row(header.row)[key] or "").strip()
    cell = pl.col(f"c{key}").cast(pl.String).str.strip_chars()
    candidates = body.filter((cell == label) | cell.str.contains(_SMALL_NUMBER))
    if not candidates.height:
        return None
    grid_cells = [c for c in body.columns if c.startswith("c")]
    rows = set()
    for head in (grid.row(header.row + d) for d in range(header.depth)):
        # one cell a label (a merged label filled across its columns is one)
        cells = [(c, str(v).strip()) for c, v in enumerate(head)
                 if v is not None and (c == 0 or head[c - 1] != v) and f"c{c}" in body.columns]
        if len(cells) >= 2:
            same = pl.sum_horizontal((pl.col(f"c{c}").cast(pl.String).str.strip_chars() == v).fill_null(False)
                                     for c, v in cells)
            rows |= set(candidates.filter(same >= max(2, -(-3 * len(cells) // 5)))["_row"])
    top = grid.row(header.row)
    # a numbering row begins with 1 or 2 by the header's first column (`is_numbering`): only such rows are
    # looked at one by one (a register's card digits put every row among the candidates)
    first = next((i for i, v in enumerate(top) if v is not None), 0)
    opening = [pl.col(f"c{c}").cast(pl.String).str.strip_chars().str.contains(_OPENING_NUMBER).fill_null(False)
               for c in range(first + 2) if f"c{c}" in body.columns]
    numbered = candidates.filter(pl.any_horizontal(opening)) if opening else candidates.clear()
    rows |= {row for row, *values in numbered.select("_row", *grid_cells).iter_rows() if is_numbering(values, top)}
    return body.select(pl.col("_row").is_in(list(rows))).to_series() if rows else None


def within_record(merged: tuple, start: int, records) -> bool:
    """A merged range whose rows all lie inside one member's rows (rows are 0-based grid rows)."""
    r1, _, r2, _ = merged
    if r1 < start or r2 - start >= records.len():
        return False
    return r2 > r1 and records[r1 - start] == records[r2 - start]


def in_sections(frame, sections: dict[int, tuple[str, str]]):
    """Each row with the branch, committee and status of the section it stands in (a committee section
    starts without a branch, a branch's without a status); the section rows themselves are no rows."""
    unit = parent = status = None
    events = []
    for row in sorted(sections):
        kind, name = sections[row]
        if kind == "parent_unit":
            parent, unit, status = name, None, None
        elif kind == "unit":
            unit, status = name, None
        elif kind == "status":
            status = name
        events.append((row, unit, parent, status))
    events = pl.DataFrame(events, schema={"_row": pl.Int32, "_s_unit": pl.String, "_s_parent": pl.String,
                                          "_s_status": pl.String}, orient="row")
    named = {"unit": "_s_unit", "parent_unit": "_s_parent", "status": "_s_status"}
    fields = {f for f, _ in sections.values()} & set(named)
    frame = frame.filter(~pl.col("_row").is_in(list(sections))).join_asof(events, on="_row", strategy="backward")
    return frame.with_columns(pl.coalesce(*([f] if f in frame.columns else []), named[f]).alias(f)
                              for f in fields).drop(*named.values())


def is_footer(text: str) -> bool:
    """A total or signature line: "Tổng cộng", "Người lập biểu", "T/M CHI BỘ", "BÍ THƯ", …"""
    folded = fold(text)
    return bool(folded) and any(folded.startswith(w) for w in _FOOTER_KEYS)


_NUMBER_CELL = re.compile(r"^\(?(\d{1,2})\)?\.?$")  # 1, (1), 1.
# the cells of a numbering row in the forms `_NUMBER_CELL` reads, as Polars patterns (a typed number also
# "4.0"): any of them, and its first, a 1 or a 2
_SMALL_NUMBER = r"^\(?\d{1,2}\)?(?:\.0?)?$"
_OPENING_NUMBER = r"^\(?[12]\)?(?:\.0?)?$"


def is_numbering(row, header) -> bool:
    """A row numbering the columns under a header (`1 2 … 14`, `(1) (2) …`, `1. 2. …`): at least three cells, every
    filled one a small number, each one more than the one before, the first 1 or 2, starting under the
    header's first column (month numbers under a merged "Tháng" start further right). Not data, not months."""
    first = next((i for i, v in enumerate(header) if v is not None), 0)
    numbers = []
    for c, cell in enumerate(row):
        if cell is None or not str(cell).strip():
            continue
        if not numbers and c > first + 1:
            return False
        found = _NUMBER_CELL.match(str(cell).strip().removesuffix(".0"))
        if not found:
            return False
        if not numbers or numbers[-1] != int(found.group(1)):  # a number merged over several columns
            numbers.append(int(found.group(1)))
    return len(numbers) >= 3 and numbers[0] <= 2 and all(b == a + 1 for a, b in zip(numbers, numbers[1:], strict=False))
