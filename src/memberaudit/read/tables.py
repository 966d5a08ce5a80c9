"""Grids to raw tables: every sheet's header found, columns named, rows keeping file/sheet/Excel row.

Nothing here interprets values beyond text clean-up; `normalize` turns raw tables into typed frames.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from memberaudit.model.errors import InputError
from memberaudit.model.lazy import pl
from memberaudit.model.source import Loaded, RawTable, Skipped, Source
from memberaudit.model.text import fold
from memberaudit.model.vocab import (
    DATE_FIELDS,
    FOOTER_WORDS,
    KEY_COLUMN,
    REQUIRED,
    SHEET_ALIASES,
    TABLE_KINDS,
    WIDE_KINDS,
)
from memberaudit.read.files import read_grids
from memberaudit.read.headers import (
    MONTH_KEY,
    SERIAL_KEYS,
    alias_index,
    column_letter,
    header_key,
    kind_from_name,
    wide_key,
    year_in,
)
from memberaudit.read.legacy import convert_grid

HEADER_SCAN_ROWS = 30
# fields whose text is compared or shown: NFC, whitespace collapsed (the rest is parsed or folded later)
TEXT_FIELDS = ("member_id", "full_name", "unit", "parent_unit", "status", "gender", "ethnicity", "occupation",
               "residence", "national_id", "kind", "from_unit", "to_unit", "purpose", "rating", "mark", "month")
_FOOTER_KEYS = tuple(fold(w) for w in FOOTER_WORDS)


def load_file(path: str, *, extra_aliases: dict | None = None, year: int | None = None,
              include_hidden: bool = False) -> Loaded:
    """Read one file's sheets into raw tables (and the sheets skipped, with the reason)."""
    aliases = alias_index(extra_aliases)
    loaded = Loaded(files=[path])
    if Path(path).stat().st_size == 0:
        raise InputError("input.zero_bytes", file=path)
    for grid in read_grids(Path(path), include_hidden=include_hidden):
        if isinstance(grid, Skipped):
            loaded.skipped.append(grid)
            continue
        sheet, grid, col_offset, name_for_kind, merges, *body = grid
        result = table_from_grid(path, sheet, grid, col_offset, name_for_kind, aliases, year, merges, *body)
        (loaded.tables if isinstance(result, RawTable) else loaded.skipped).append(result)
    if not loaded.tables and all(s.reason == "skip.empty" for s in loaded.skipped):
        raise InputError("input.empty", file=path)
    return loaded


def _fill_merges(grid, merges, offset: int):
    """Copy each merged range's top-left value into all its cells, as a reader sees the sheet."""
    columns = {c: grid[c].to_list() for c in grid.columns}
    for r1, c1, r2, c2 in merges:
        top = columns.get(f"c{c1 - offset}")
        if top is None or r1 >= len(top):
            continue
        value = top[r1]
        for c in range(c1, c2 + 1):
            col = columns.get(f"c{c - offset}")
            if col is None:
                continue
            for r in range(r1, min(r2, len(col) - 1) + 1):
                col[r] = value
    return pl.DataFrame(columns, schema={c: pl.String for c in columns})


# --- finding the table in a grid ---------------------------------------------------------------------------


@dataclass
class _Header:
    kind: str
    row: int  # 0-based index of the (first) header row
    depth: int  # 1, or 2 for a group row over month numbers
    fields: dict[str, int]  # field or wide key → grid column index
    score: int


def _clean(frame, text_columns=None):
    """Trimmed, empty text as null; NFC with inner whitespace collapsed for `text_columns` (default all).

    Wide month/year cells and dates are marks, amounts and digits: NFC and whitespace are handled where
    they are folded or parsed. A column is rewritten only when some cell needs it (a combining mark, a
    double or odd space, a space at an end, an empty text): one scan per column finds out, and most columns
    of an export need nothing (5.3 million members: 1.1 s instead of 2.2 s)."""
    strings = [c for c, dtype in frame.schema.items() if dtype == pl.String]  # typed columns are as they are
    text = set(strings if text_columns is None else text_columns)
    ends = r"^\s|\s$|^$"
    few = _few_values(frame, strings)
    needs = frame.select(
        (pl.col(c).unique() if c in few else pl.col(c))
        .str.contains(rf"\p{{M}}|\s\s|[\t\n\r\x{{a0}}]|{ends}" if c in text else ends).any().alias(c)
        for c in strings
    ).row(0, named=True) if strings and frame.height else {}
    exprs = {c: pl.col(c) for c in frame.columns}
    for c in strings:
        if not needs.get(c):
            continue
        e = pl.col(c)
        if c in text:  # both rewrites are no-ops on text that did not need the other
            e = e.str.normalize("NFC").str.replace_all(r"\s+", " ")
        exprs[c] = e.str.strip_chars().replace("", None).alias(c)
    return frame.select(list(exprs.values()))


def _few_values(frame, columns: list[str], sample: int = 1000) -> set[str]:
    """The columns that, by an even sample of their rows, hold few distinct values (marks, occupations):
    scanning their distinct texts is cheaper than scanning every cell (a national attendance export's month
    columns: 0.5 s instead of 1.1 s). Only the speed depends on the guess."""
    if frame.height < 10 * sample or not columns:
        return set()
    counts = frame.gather_every(frame.height // sample).select(pl.col(c).n_unique() for c in columns).row(0)
    return {c for c, n in zip(columns, counts, strict=True) if n * 10 < sample}


def table_from_grid(path, sheet, grid, col_offset, name_for_kind, aliases, year_override,
                    merges=list, body=None) -> RawTable | Skipped:
    """The table on one sheet (or why it was skipped); merged cells are filled only when they matter.

    `body`, when given, holds the rows after `grid` with their own dtypes (Parquet): `grid` is then the
    header alone; if it is not a header, the rows are searched as text like a sheet's."""
    grid, encoding = convert_grid(grid)
    args = (path, sheet, col_offset, name_for_kind, aliases, year_override, encoding)
    result = _extract(grid, *args, body=body)
    if body is not None and isinstance(result, Skipped):
        text = body.select(pl.col(pl.Date, pl.Datetime).dt.strftime("%Y-%m-%d"), pl.all().exclude(pl.Date, pl.Datetime))
        return table_from_grid(path, sheet, pl.concat([grid, text.select(grid.columns).cast(pl.String)]), col_offset,
                               name_for_kind, aliases, year_override, merges)
    if body is None and _merges_may_matter(result) and (ranges := merges()):
        result = _extract(_fill_merges(grid, ranges, col_offset), *args)
    return result


def _merges_may_matter(result: RawTable | Skipped) -> bool:
    """No header found (it may be merged), or names/branches empty beside filled keys (merged down rows).

    Reading merged ranges means inflating the sheet XML again, so most sheets skip it."""
    if isinstance(result, Skipped):
        return result.reason != "skip.ambiguous"
    frame = result.frame
    key = KEY_COLUMN[result.source.kind]
    gaps = [c for c in ("unit", "parent_unit", "full_name") if c in frame.columns and c != key]
    if key not in frame.columns or not gaps:
        return False
    return bool(frame.select((pl.col(key).is_not_null() & pl.any_horizontal(pl.col(gaps).is_null())).any()).item())


def _extract(grid, path, sheet, col_offset, name_for_kind, aliases, year_override, encoding,
             body=None) -> RawTable | Skipped:
    head = _clean(grid.head(HEADER_SCAN_ROWS + 1)).rows()
    named_kind = kind_from_name(name_for_kind)
    sheet_year = year_override or year_in(name_for_kind)
    header = _find_header(head, named_kind, aliases, sheet_year)
    if header is None:
        reason = "skip.no_header_named" if named_kind else "skip.unknown"
        return Skipped(path, sheet, reason, {"kind": named_kind or ""})
    if header.kind == "ambiguous":
        return Skipped(path, sheet, "skip.ambiguous", {})
    titles = [" ".join(str(v) for v in row if v) for row in head[: header.row]]
    titles = [t for t in titles if t]
    if sheet_year is None:
        sheet_year = next((y for y in map(year_in, titles) if y), None)
    if any(k.startswith("?-") for k in header.fields):
        # months found without a year: take it from the titles when the sheet name had none
        if sheet_year is None:
            raise InputError("input.month_without_year", file=path, sheet=sheet)
        header.fields = {(f"{sheet_year}{k[1:]}" if k.startswith("?-") else k): i for k, i in header.fields.items()}
    missing = [f for f in REQUIRED[header.kind] if f not in header.fields]
    if header.kind in WIDE_KINDS:  # a long table needs its value columns; a wide one has its period columns
        missing = [f for f in missing if f != "member_id"] + (["member_id"] if "member_id" not in header.fields else [])
    if missing:
        raise InputError("input.missing_column", file=path, sheet=sheet, row=header.row + 1,
                         column=missing[0], kind=header.kind)
    source = Source(
        file=path, sheet=sheet, kind=header.kind, header_row=header.row + 1, year=sheet_year, titles=titles,
        columns={f: column_letter(i + col_offset) for f, i in header.fields.items()}, encoding=encoding,
    )
    start = header.row + header.depth
    if body is None:
        body = grid.slice(start).with_row_index("_row", offset=start + 1)
    else:
        body = body.with_row_index("_row", offset=grid.height + 1)
    frame = body.select(pl.col("_row").cast(pl.Int32),
                        *[_typed(pl.col(f"c{i}"), body.schema[f"c{i}"], f).alias(f) for f, i in header.fields.items()])
    # month cells (marks, amounts: a dozen per member) are cleaned once per distinct text by the normaliser
    months = [c for c in frame.columns if MONTH_KEY.match(c)]
    frame = pl.concat([frame.select("_row"), _clean(frame.drop("_row", *months), TEXT_FIELDS), frame.select(months)],
                      how="horizontal")
    frame = _cut_footer(frame, body, header.kind)
    plain = [c for c in frame.columns if c != "_row" and c not in months]
    filled = pl.any_horizontal(pl.col(plain).is_not_null()) if plain else pl.lit(False)
    # a row with nothing but blank month cells is no row either (checked on the few rows without other values)
    blank = pl.all_horizontal(pl.col(m).cast(pl.String).str.strip_chars().replace("", None).is_null()
                              for m in months) if months else pl.lit(True)
    empty = frame.filter(~filled).filter(blank).select("_row")
    # dropping rows copies every column (a gigabyte for a national attendance export): only when there are some
    return RawTable(source, frame.join(empty, on="_row", how="anti", maintain_order="left") if empty.height else frame)


def _typed(column, dtype, field: str):
    """A typed (Parquet) column as the normaliser takes it: text, except dates in date fields and numbers in
    month columns (a date in a name column, a number in a date column, are read as their text)."""
    if dtype == pl.String or (dtype.is_numeric() and MONTH_KEY.match(field)):
        return column
    if dtype in (pl.Date, pl.Datetime) and field in DATE_FIELDS:
        return column.cast(pl.Date)
    return column.cast(pl.String)


def _cut_footer(frame, body, kind):
    """End the table at the first total or signature line: a row whose key cell is empty (or itself such a
    line) and whose text starts with "Tổng cộng", "Người lập biểu", "T/M CHI BỘ", "BÍ THƯ", …"""
    key = KEY_COLUMN[kind]
    if key not in frame.columns:
        return frame
    key_is_text = pl.col(key).str.contains(r"^[^\d]*$")  # ids have digits; "NGƯỜI LẬP BIỂU" has none
    candidates = frame.filter(pl.col(key).is_null() | key_is_text).select("_row")
    if candidates.height == 0:
        return frame
    texts = body.join(candidates, on="_row").select(
        "_row", pl.concat_str(pl.exclude("_row"), separator=" ", ignore_nulls=True).alias("text")
    )
    for row, text in texts.sort("_row").iter_rows():
        folded = fold(text or "")
        if folded and any(folded.startswith(w) for w in _FOOTER_KEYS):
            return frame.filter(pl.col("_row") < row)
    return frame


def _find_header(rows: list[tuple], named_kind: str | None, aliases, sheet_year) -> _Header | None:
    kinds = [named_kind] if named_kind else list(TABLE_KINDS)
    best: list[_Header] = []
    for r in range(min(HEADER_SCAN_ROWS, len(rows))):
        for kind in kinds:
            for depth in (1, 2) if WIDE_KINDS.get(kind) == "month" and r + 1 < len(rows) else (1,):
                found = _match_header(rows, r, depth, kind, aliases[kind], sheet_year)
                if found.score < 2:
                    continue
                if not best or found.score > best[0].score:
                    best = [found]
                elif found.score == best[0].score and found.row == best[0].row and found.kind != best[0].kind:
                    best.append(found)
    if not best:
        return None
    if len(best) > 1:
        # Same header fits two kinds (a wide month sheet is attendance or dues): the title lines decide.
        titles = fold(" ".join(str(v) for row in rows[: best[0].row] for v in row if v))
        by_title = [h for h in best if any(fold(a) in titles for a in SHEET_ALIASES[h.kind])]
        return by_title[0] if len(by_title) == 1 else _Header("ambiguous", best[0].row, 1, {}, 0)
    return best[0]


def _match_header(rows, r, depth, kind, aliases, sheet_year) -> _Header:
    top = list(rows[r])
    sub = list(rows[r + 1]) if depth == 2 else [None] * len(top)
    group, group_year = None, None
    fields: dict[str, int] = {}
    months = 0
    for c, cell in enumerate(top):
        if cell:
            group, group_year = cell, year_in(cell)
        elif depth == 2 and sub[c] is None:
            group = None
        label = cell
        in_group = False
        if depth == 2 and sub[c] is not None:
            label, in_group = sub[c], group is not None
        if label is None:
            continue
        key = header_key(label)
        if key in SERIAL_KEYS:
            continue
        name = aliases.get(key)
        if name is None and depth == 2 and cell:
            name = aliases.get(header_key(cell))
        if name is not None:
            fields.setdefault(name, c)
            continue
        wide = wide_key(kind, label, group_year or sheet_year, in_group=in_group)
        if wide is not None and wide not in fields:
            fields[wide] = c
            months += 1
    if depth == 2 and months == 0:
        return _Header(kind, r, depth, fields, 0)
    has_key = KEY_COLUMN[kind] in fields
    score = len(fields) if has_key or months or len(fields) >= 3 else 0
    return _Header(kind, r, depth, fields, score)
