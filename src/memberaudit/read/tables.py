"""Grids to raw tables: every sheet's header found, columns named, rows keeping file/sheet/Excel row.

Nothing here interprets values beyond text clean-up; `normalize` turns raw tables into typed frames.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from memberaudit.model.errors import InputError
from memberaudit.model.lazy import pl
from memberaudit.model.source import Loaded, RawTable, Skipped, Source
from memberaudit.model.text import FACT_SEPARATOR, fold
from memberaudit.model.vocab import (
    CHOICES,
    DATE_FIELDS,
    KEY_COLUMN,
    REQUIRED,
    SHEET_ALIASES,
    STATUSES,
    TABLE_KINDS,
    WIDE_KINDS,
    WIDE_VALUES,
)
from memberaudit.read.files import read_grids
from memberaudit.read.headers import (
    CHOICE_INDEX,
    MONTH_KEY,
    SERIAL_KEYS,
    Matcher,
    alias_index,
    choice_key,
    column_letter,
    fact_keys,
    header_key,
    kind_from_name,
    kind_in_titles,
    name_parts,
    named_in_title,
    next_key,
    quarter_keys,
    under_wide,
    wide_key,
    year_in,
)
from memberaudit.read.legacy import convert_grid
from memberaudit.read.rows import (
    cell_text,
    implied_spans,
    in_sections,
    is_footer,
    is_numbering,
    records_over_rows,
    repeated_rows,
    section_rows,
    status_in_titles,
    within_record,
)

HEADER_SCAN_ROWS = 30
# fields whose text is compared or shown: NFC, whitespace collapsed (the rest is parsed or folded later)
TEXT_FIELDS = ("member_id", "full_name", "unit", "parent_unit", "status", "status_flag", "gender", "ethnicity",
               "occupation", "residence", "national_id", "kind", "from_unit", "to_unit", "purpose", "rating", "mark",
               "month")


def load_file(path: str, *, extra_aliases: dict | None = None, year: int | None = None,
              include_hidden: bool = False) -> Loaded:
    """Read one file's sheets into raw tables (and the sheets skipped, with the reason)."""
    index = alias_index(extra_aliases)
    facts = fact_keys(index)
    aliases = {kind: Matcher(table, facts) for kind, table in index.items()}
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
    return _supplements(_latest_lists(loaded))


def _latest_lists(loaded: Loaded) -> Loaded:
    """A workbook keeping a members list a year ("DS 2025", "DS 2026", or their titles' years): the latest
    year's is the roster, an earlier one skipped with that reason when most of its members are on it (read
    too, every member was on the list twice, and one gone since still current). Lists of one year, naming
    none, or of other members (another branch's sheet with an old title) are all read."""
    lists = [t for t in loaded.tables if t.source.kind == "members"]
    years = {t.source.year for t in lists}
    if len(lists) < 2 or None in years or len(years) < 2:
        return loaded
    latest = max(years)
    kept = next(t.source.sheet for t in lists if t.source.year == latest)
    current = {key for t in lists if t.source.year == latest for key in _list_keys(t)}
    older = [t for t in lists if t.source.year != latest
             and (keys := _list_keys(t)) and 2 * len(keys & current) >= len(keys)]
    loaded.tables = [t for t in loaded.tables if t not in older]
    loaded.skipped += [Skipped(t.source.file, t.source.sheet, "skip.older_list",
                               {"year": t.source.year, "latest": latest, "kept": kept}) for t in older]
    return loaded


def _fill_merges(grid, merges, offset: int):
    """Copy each merged range's top-left value into all its cells, as a reader sees the sheet: only the
    columns a range covers are rewritten, by one scatter each."""
    ranges = [(r1, c1 - offset, r2, c2 - offset) for r1, c1, r2, c2 in merges
              if f"c{c1 - offset}" in grid.columns and r1 < grid.height]
    starts: dict[int, list[int]] = {}
    for r1, c1, _, _ in ranges:
        starts.setdefault(c1, []).append(r1)
    top = {(c, r): v for c, rows in starts.items()
           for r, v in zip(rows, grid.get_column(f"c{c}").gather(rows).to_list(), strict=True)}
    cells: dict[str, tuple[list[int], list]] = {}
    for r1, c1, r2, c2 in ranges:
        rows = range(r1, min(r2, grid.height - 1) + 1)
        for c in range(c1, c2 + 1):
            if f"c{c}" in grid.columns:
                into = cells.setdefault(f"c{c}", ([], []))
                into[0].extend(rows)
                into[1].extend([top[c1, r1]] * len(rows))
    return grid.with_columns(grid.get_column(name).cast(pl.String).scatter(rows, pl.Series(values, dtype=pl.String))
                             for name, (rows, values) in cells.items())


def _supplements(loaded: Loaded) -> Loaded:
    """A members list of some of the members of the file's full list (the exempt, the probationary, on a sheet
    of their own): its rows say more of members already listed, so they add to those members' rows
    (normalize) instead of listing each member twice. A members list lacking a column its table needs is
    read only as such; otherwise it is skipped with that reason, as any sheet lacking one."""
    lists = [t for t in loaded.tables if t.source.kind == "members"]
    full = sorted((t for t in lists if not t.source.missing), key=lambda t: -t.frame.height)
    keys: dict[tuple[int, str | None], set[str]] = {}

    def keys_of(table, column):
        if (id(table), column) not in keys:
            keys[id(table), column] = _list_keys(table, column)
        return keys[id(table), column]

    for table in lists if len(lists) > 1 else ():
        for main in (t for t in full if t is not table and t.frame.height > table.frame.height):
            column = next((c for c in ("member_id", "full_name")
                           if c in table.frame.columns and c in main.frame.columns), None)
            part = keys_of(table, column)
            if part and part <= keys_of(main, column):
                table.source.supplements = main.source.sheet
                break
    for table in [t for t in lists if t.source.missing and not t.source.supplements]:
        loaded.tables.remove(table)
        loaded.skipped.append(Skipped(table.source.file, table.source.sheet, "skip.missing_column",
                                      {"row": table.source.header_row, "column": table.source.missing[0],
                                       "kind": "members"}))
    return loaded


def _list_keys(table: RawTable, column: str | None = "") -> set[str]:
    """A members list's card numbers, else its names (folded; or those of `column`), to tell whether two lists
    are of one branch."""
    if column == "":
        column = next((c for c in ("member_id", "full_name") if c in table.frame.columns), None)
    if column is None:
        return set()
    return {fold(str(v)) for v in table.frame.get_column(column).drop_nulls().to_list()}


# --- finding the table in a grid ---------------------------------------------------------------------------


@dataclass
class _Header:
    kind: str
    row: int  # 0-based index of the (first) header row
    depth: int  # 1, or 2 for a group row over sub-columns, 3 for titles over titles over sub-columns
    fields: dict[str, int]  # field or wide key → (first) grid column index
    score: int
    spans: dict[str, list[int]] = field(default_factory=dict)  # a field over several columns (digit cells)
    compound: dict[int, tuple] = field(default_factory=dict)  # a column → the fields of its lines
    labels: dict[int, str] = field(default_factory=dict)  # a column → its header as written
    # a field whose values head columns, the row's marked with a cross: field → [(column, value)]
    choices: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    date_parts: set[str] = field(default_factory=set)  # a date field spanning Ngày | Tháng | Năm columns
    # a field of two values headed by one of them alone ("Nữ", a cross for each woman): field → the other's
    otherwise: dict[str, str] = field(default_factory=dict)


# the statuses that say what became of a member, not the member's standing (official, probationary, a member)
_CONDITIONS = {text for code, texts in STATUSES.items() if code not in ("official", "probationary", "active")
               for text in texts}
# what a spreadsheet shows for a formula in error: Excel's, Google Sheets' and LibreOffice's (Err:502)
FORMULA_ERROR = (r"^\s*(?:#(?:N/A|REF!|VALUE!|DIV/0!|NAME\?|NUM!|NULL!|SPILL!|CALC!|FIELD!|BLOCKED!|CONNECT!|BUSY!"
                 r"|UNKNOWN!|GETTING_DATA|ERROR!)|Err:\d{3})\s*$")


def _clean(frame, text_columns=None):
    """Trimmed, empty text as null; NFC with inner whitespace collapsed for `text_columns` (default all).

    Wide month/year cells and dates are marks, amounts and digits: NFC and whitespace are handled where
    they are folded or parsed. A column is rewritten only when some cell needs it (a combining mark, a
    double or odd space, a space at an end, an empty text): one scan per column finds out, and most columns
    of an export need nothing (5.3 million members: 1.1 s instead of 2.2 s).

    A cell showing a formula's error ("#N/A" from a VLOOKUP that found nothing, "#REF!", LibreOffice's
    "Err:502") is no value: calamine reads a workbook's error cells as empty, and the same cells saved as
    CSV or pasted as text are empty too, never a member named "#N/A" or a branch "#REF!"."""
    strings = [c for c, dtype in frame.schema.items() if dtype == pl.String]  # typed columns are as they are
    text = set(strings if text_columns is None else text_columns)
    # an invisible character (a zero-width space or joiner, a byte-order mark, a soft hyphen: text pasted from
    # the web or Word) is no character of a card number, a date or a name
    ends = rf"^\s|\s$|^$|\p{{Cf}}|{FORMULA_ERROR}"
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
        e = pl.col(c).str.replace_all(r"\p{Cf}", "")
        if c in text:  # both rewrites are no-ops on text that did not need the other
            e = e.str.normalize("NFC").str.replace_all(r"\s+", " ")
        e = e.str.strip_chars()
        exprs[c] = pl.when(e.str.contains(FORMULA_ERROR)).then(None).otherwise(e.replace("", None)).alias(c)
    return frame.select(list(exprs.values()))


def _few_values(frame, columns: list[str], sample: int = 1000) -> set[str]:
    """The columns that, by an even sample of their rows, hold few distinct values (marks, occupations):
    scanning their distinct texts is cheaper than scanning every cell (a national attendance export's month
    columns: 0.5 s instead of 1.1 s). Below some 200,000 rows the sample costs more than it saves. Only the
    speed depends on the guess."""
    if frame.height < 200 * sample or not columns:
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
    found = _locate(grid, *args)
    if body is not None:
        if isinstance(found, Skipped):
            text = body.select(pl.col(pl.Date, pl.Datetime).dt.strftime("%Y-%m-%d"),
                               pl.all().exclude(pl.Date, pl.Datetime))
            return table_from_grid(path, sheet, pl.concat([grid, text.select(grid.columns).cast(pl.String)]),
                                   col_offset, name_for_kind, aliases, year_override, merges)
        return _build(found, grid, body)
    records = None
    if _merges_may_matter(found, grid) and (ranges := merges() or implied_spans(found, grid, col_offset, path)):
        filled = _fill_merges(grid, ranges, col_offset)
        found = _locate(filled, *args)
        if not isinstance(found, Skipped) and (records := records_over_rows(found, grid)) is not None:
            # a cell merged down one member's rows is one line of that member, not copied to every line
            filled = _fill_merges(grid, [r for r in ranges if not within_record(r, found.start, records)],
                                  col_offset)
        grid = filled
    elif not isinstance(found, Skipped):
        records = records_over_rows(found, grid)
    return found if isinstance(found, Skipped) else _build(found, grid, records=records)


# sheets skipped for what their header says, whatever merged cells it has
_DECIDED = ("skip.ambiguous", "skip.attendance_counts")
_COUNT = re.compile(r"\d+(?:\.0+)?")


def _counted(header: _Header, head: list[tuple]) -> bool:
    """A summary of how many meetings each member attended or missed (Có mặt | Vắng có lý do | Vắng không lý
    do holding 8, 0, 3), not a roll call's crosses: which months were missed it does not say."""
    columns = [c for c, _ in header.choices.get("mark", [])]
    rows = head[header.row + header.depth:]
    return any(c < len(row) and row[c] is not None and _COUNT.fullmatch(row[c]) and float(row[c]) >= 2
               for row in rows for c in columns)


def _merges_may_matter(found: _Located | Skipped, grid) -> bool:
    """No header found (it may be merged), data under no header (a header merged over digit cells), or a
    name or branch cell empty beside a filled key (merged down rows): the raw cells decide, before the table
    is built. Reading merged ranges means inflating the sheet XML again, so most sheets skip it."""
    if isinstance(found, Skipped):
        return found.reason not in _DECIDED
    if found.source.unlabeled:
        return True
    fields = found.header.fields
    key = KEY_COLUMN[found.source.kind]
    gaps = [fields[c] for c in ("unit", "parent_unit", "full_name") if c in fields and c != key]
    if key not in fields or not gaps:
        return False
    rows = grid.slice(found.start)
    first = rows.filter(cell_text(f"c{fields[key]}").is_not_null()
                        & ~pl.all_horizontal(cell_text(f"c{c}").is_not_null() for c in gaps)).head(1)
    # a signature line written in the key column ("NGƯỜI LẬP BIỂU") is where the table ends, not a gap
    return bool(first.height) and not is_footer(str(first.get_column(f"c{fields[key]}")[0]))


@dataclass
class _Located:
    """Where a sheet's table is: its header, the first data row of the grid, its source; the branch its
    title names when it has no branch column."""
    header: _Header
    start: int
    source: Source
    unit: str | None
    sections: dict = field(default_factory=dict)  # Excel row → ("unit" | "parent_unit", name): section rows


def _locate(grid, path, sheet, col_offset, name_for_kind, aliases, year_override, encoding) -> _Located | Skipped:
    """The sheet's header and what it tells about the table (or why the sheet is skipped): read from the
    first rows only."""
    # header labels keep their line breaks (a compound header splits on them); data cells are cleaned later
    raw_head = grid.head(HEADER_SCAN_ROWS + 1).rows()
    head = [tuple(unicodedata.normalize("NFC", str(v)).strip() or None if v is not None else None for v in row)
            for row in raw_head]
    named_kind = kind_from_name(name_for_kind)
    sheet_year = year_override or year_in(name_for_kind)
    header = _find_header(head, named_kind, aliases, sheet_year)
    if header is None:
        reason = "skip.no_header_named" if named_kind else "skip.unknown"
        return Skipped(path, sheet, reason, {"kind": named_kind or ""})
    if header.kind == "ambiguous" and (by_file := _kind_of_file(path)) in header.labels.values():
        # a workbook of one table whose sheet is named nothing ("Sheet1"): its file names it ("Sổ điểm danh")
        header = _find_header(head, by_file, aliases, sheet_year)
    if header.kind == "ambiguous":
        kinds = list(header.labels.values())
        return Skipped(path, sheet, "skip.ambiguous", {"kind": kinds[0], "other": kinds[1]})
    if header.kind == "attendance" and _counted(header, head):
        return Skipped(path, sheet, "skip.attendance_counts", {})
    # each title cell is a line: a letterhead has the committee at the left and "ĐẢNG CỘNG SẢN VIỆT NAM" at
    # the right of one row, the document's number and its place and date ("Hà Nội, ngày …") on the next
    lines = [[str(v) for v in row if v] for row in head[: header.row]]
    titles = [t for row in lines for t in row]
    if named_kind is None and (titled := kind_in_titles(titles)) not in (None, header.kind):
        # the title names the table ("SỔ GIỚI THIỆU SINH HOẠT ĐẢNG") where the header fits it too
        other = _find_header(head, titled, aliases, sheet_year)
        if other is not None and other.row == header.row and all(
                f in other.fields or _identified_otherwise(other, f) for f in REQUIRED[titled]):
            header = other
    periods = [" ".join(row) for row in lines if row and not _DATE_LINE_TITLE.search(fold(" ".join(row)))]
    if sheet_year is None:  # the year the sheet covers before the year it was signed in; else its file's
        sheet_year = next((y for y in map(year_in, [*periods, *titles, Path(path).stem]) if y), None)
    if any(k.startswith("?-") for k in header.fields):
        # months found without a year: take it from the titles when the sheet name had none
        if sheet_year is None:
            raise InputError("input.month_without_year", file=path, sheet=sheet)
        renamed: dict[str, int] = {}
        for k, i in header.fields.items():
            k = f"{sheet_year}{k[1:]}" if k.startswith("?-") else k
            while k in renamed:
                k = next_key(k)
            renamed[k] = i
        header.fields = renamed
    _implicit_fields(header)
    missing = [f for f in REQUIRED[header.kind] if f not in header.fields and not _identified_otherwise(header, f)]
    if header.kind in WIDE_KINDS:  # a long table needs its value columns; a wide one has its period columns
        missing = [f for f in missing if f != "member_id"] + (
            ["member_id"] if "member_id" not in header.fields and not _identified_otherwise(header, "member_id") else [])
    title_unit = _unit_from(titles, sheet, path)
    unit = None
    start = header.row + header.depth
    sections = section_rows(grid.slice(start), start, header)
    branch_sections = any(kind == "unit" for kind, _ in sections.values())
    if "unit" in missing and branch_sections:
        missing.remove("unit")  # a committee's list in sections, "I. CHI BỘ …" over its members
    if "unit" in missing and title_unit and KEY_COLUMN[header.kind] != "unit":
        # a register (or a branch's list of candidates) without a branch column: the branch its title or sheet
        # names; never for a table of branches (units, targets)
        missing.remove("unit")
        unit = title_unit
    # a sheet without a column its table needs is skipped with the reason; the others are read. A members
    # list keyed by card or name is read on: it may be a list of some members of the file's full list
    # (supplements, in load_file), which needs no branch or dates of its own
    if missing and not (header.kind == "members" and {"member_id", "full_name"} & set(header.fields)):
        return Skipped(path, sheet, "skip.missing_column", {"row": header.row + 1, "column": missing[0],
                                                             "kind": header.kind})
    numbering = start < len(head) and is_numbering(head[start], head[header.row])
    start += numbering
    used = set(header.fields.values()) | {c for cs in header.spans.values() for c in cs} | set(header.compound) | {
        c for columns in header.choices.values() for c, _ in columns}
    labelled = set(header.labels) | {c for c, v in enumerate(head[header.row]) if v is not None}
    last = max(labelled, default=-1)
    sample = grid.slice(start, 20)
    unlabeled = [column_letter(c + col_offset) for c in range(min(last, grid.width - 1) + 1)
                 if c not in labelled and sample.get_column(f"c{c}").drop_nulls().len()]
    source = Source(
        file=path, sheet=sheet, kind=header.kind, header_row=header.row + 1, year=sheet_year, titles=titles,
        columns=_letters(header, col_offset), encoding=encoding, header_rows=header.depth,
        numbering_row=start if numbering else None, unit_from_title=title_unit,
        headers={column_letter(c + col_offset): label for c, label in sorted(header.labels.items())},
        unused={column_letter(c + col_offset): label for c, label in sorted(header.labels.items()) if c not in used},
        unlabeled=unlabeled, title_months=title_months(periods), sections=len(sections),
        missing=missing, title_status=status_in_titles(titles),
    )
    return _Located(header, start, source, unit, sections)


def _build(found: _Located, grid, body=None, records=None) -> RawTable:
    """The located table's rows as raw fields: cleaned, footer cut, empty rows dropped. A member written
    over several rows (`records`) is one row whose cells are its rows' cells one per line, as if written in
    one multi-line cell, with the first row's number."""
    header, start, source, unit = found.header, found.start, found.source, found.unit
    if body is None:
        body = grid.slice(start).with_row_index("_row", offset=start + 1)
        if records is not None:
            body = body.with_columns(_record=records)
        if (repeated := repeated_rows(body, grid, header)) is not None:
            body = body.filter(~repeated)
        if records is not None:
            cells = [c for c in body.columns if c not in ("_row", "_record")]
            body = body.group_by("_record", maintain_order=True).agg(
                pl.col("_row").first(),
                *(pl.col(c).cast(pl.String).fill_null("").str.join("\n").str.strip_chars_end("\n")
                  .replace("", None) for c in cells),
            ).drop("_record")
    else:
        body = body.with_row_index("_row", offset=grid.height + 1)
    frame = body.select(pl.col("_row").cast(pl.Int32), *_field_columns(header, body))
    if unit is not None:
        frame = frame.with_columns(pl.lit(unit).alias("unit"))
    if found.sections:
        frame = in_sections(frame, found.sections)
    # month cells (marks, amounts: a dozen per member) are cleaned once per distinct text by the normaliser
    months = [c for c in frame.columns if MONTH_KEY.match(c)]
    frame = pl.concat([frame.select("_row"), _clean(frame.drop("_row", *months), TEXT_FIELDS), frame.select(months)],
                      how="horizontal")
    frame = _cut_footer(frame, body, header.kind)
    plain = [c for c in frame.columns if c not in ("_row", "unit") and c not in months]
    filled = pl.any_horizontal(pl.col(plain).is_not_null()) if plain else pl.lit(False)
    # a row with nothing but blank month cells is no row either (checked on the few rows without other values)
    blank = pl.all_horizontal(cell_text(m).is_null()
                              for m in months) if months else pl.lit(True)
    empty = frame.filter(~filled).filter(blank).select("_row")
    # dropping rows copies every column (a gigabyte for a national attendance export): only when there are some
    frame = frame.join(empty, on="_row", how="anti", maintain_order="left") if empty.height else frame
    if header.otherwise:  # a member row without the cross has the other value
        frame = frame.with_columns(pl.col(f).fill_null(pl.lit(v)) for f, v in header.otherwise.items())
    source.data_rows = frame.height
    return RawTable(source, frame)


# the place and date a document is signed: "Hà Nội, ngày 05 tháng 10 năm 2026"
_DATE_LINE_TITLE = re.compile(r"\bngay\s*\d{1,2}\s*thang\s*\d{1,2}\s*nam\s*\d{4}")


_TITLE_MONTHS = re.compile(r"\bthang ((?:\d{1,2}(?:\s*(?:va|den)?\s*))+) nam (\d{4})")
_QUARTER = re.compile(r"\bquy (i{1,3}|iv|[1-4]) nam (\d{4})")


def title_months(titles: list[str]) -> list[tuple[int, int]]:
    """The months a title names: "THÁNG 7, 8, 9 NĂM 2026", "tháng 7 đến 9 năm 2026", "QUÝ III NĂM 2026"."""
    for title in titles:
        key = fold(title)
        if found := _TITLE_MONTHS.search(key):
            numbers = [int(n) for n in re.findall(r"\d{1,2}", found.group(1))]
            if " den " in f" {found.group(1)} " and len(numbers) == 2:
                numbers = list(range(numbers[0], numbers[1] + 1))
            return [(int(found.group(2)), m) for m in numbers if 1 <= m <= 12]
        if found := _QUARTER.search(key):
            q = {"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(found.group(1)) or int(found.group(1))
            return [(int(found.group(2)), m) for m in range(3 * q - 2, 3 * q + 1)]
    return []


def _identified_otherwise(header: _Header, field: str) -> bool:
    """A members table without a card column identifies members by an app's code, the lý lịch number, or
    name and birth date (probationary lists: cards come with recognition); normalize says which (DAT010).
    A birth date written in a NAM or a NỮ column is a birth date."""
    if header.kind in ("attendance", "dues", "transfers", "ratings", "comments", "discipline"):  # kept by name
        return field == "member_id" and "full_name" in header.fields
    if header.kind != "members":
        return False
    if field == "member_id":
        return "full_name" in header.fields or "birth_name" in header.fields
    if field == "full_name":
        return "birth_name" in header.fields
    return field == "birth_date" and bool({"birth_date_male", "birth_date_female"} & set(header.fields))


def _implicit_fields(header: _Header) -> None:
    """Facts a layout carries without naming them: the register's name cell holds the birth date on its
    second line (Mẫu 7-HSĐV has no birth-date column)."""
    if header.kind != "members" or "birth_date" in header.fields or "full_name" not in header.fields:
        return
    if {"birth_date_male", "birth_date_female"} & set(header.fields):
        return
    column = header.fields["full_name"]
    header.compound[column] = (*header.compound.get(column, ("full_name",)), "birth_date")
    header.fields["birth_date"] = column


def _kind_of_file(path: str) -> str | None:
    """The table kind a file's name says ("Sổ điểm danh 2026.xlsx", "thu_dang_phi.xlsx"), or None."""
    stem = name_parts(Path(path).stem)[-1]
    return kind_from_name(stem) or kind_in_titles([stem])


def _unit_from(titles: list[str], sheet: str, path: str = "") -> str | None:
    """The branch a register names in its title ("CHI BỘ TỔ DÂN PHỐ 3"), else its sheet name if that is no
    table name ("Chi bộ 3", not "Đảng viên"), else its file's name ("Chi bộ Thôn Đông.xlsx", "CB3.xlsx": a
    workbook a branch, its sheet "Sheet1")."""
    for title in titles:
        if found := named_in_title(title, ("chi", "bo")):  # "DANH SÁCH ĐẢNG VIÊN CHI BỘ THÔN ĐÔNG" too
            return found
    named = _branch_named(sheet)
    if named is None and path:
        # each part of a name in parts ("CB Khu 5 - DS.xlsx"), then the whole ("DS dang vien Chi bo 3.xlsx")
        for part in name_parts(Path(path).stem):
            if named := _branch_named(part) or named_in_title(part, ("chi", "bo")):
                break
    return named


def _branch_named(sheet: str) -> str | None:
    """The branch a sheet's (or file's) name is, if it names one."""
    if kind_from_name(sheet):
        return None
    if fold(sheet).startswith("chi bo "):
        return sheet
    # a sheet name is short: "CB1", "CB Khu 3", "CB_KDC_5" is Chi bộ 1, Chi bộ Khu 3, Chi bộ KDC 5
    if abbreviated := _SHEET_BRANCH.match(sheet):
        return "Chi bộ " + " ".join((abbreviated.group(1) or abbreviated.group(2)).replace("_", " ").split())
    # or the residential area the branch is named after: "TDP1", "Thôn 3", "KDC_4", "Tổ dân phố 5"
    if _SHEET_AREA.match(fold(sheet)):
        return "Chi bộ " + " ".join(sheet.replace("_", " ").split())
    return None


_SHEET_BRANCH = re.compile(r"^[Cc][Bb](?:[\s._\-]+([^\W_].*)|(\d.*))$")  # not "CBCCVC"
_SHEET_AREA = re.compile(r"^(?:tdp|kdc|kp|to dan pho|khu dan cu|khu pho|thon|xom|ap|ban|khu|lang)[\s._\-]*(?:so\s*)?\d+\w*$")


def _letters(header: _Header, offset: int) -> dict[str, str]:
    """Each field's Excel column: a letter, or a range for a field over several columns ("H:O"); a field read
    from one line of a multi-line cell points at its cell's column."""
    letters = {f: column_letter(i + offset) for f, i in header.fields.items()}
    for f, columns in header.spans.items():
        letters[f] = f"{column_letter(columns[0] + offset)}:{column_letter(columns[-1] + offset)}"
    for f, choices in header.choices.items():
        first, last = column_letter(choices[0][0] + offset), column_letter(choices[-1][0] + offset)
        letters[f] = first if first == last else f"{first}:{last}"
    return letters


_DATE_LINE = r"^\s*(?:\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{4}-\d{2}-\d{2}(?:[ T][\d:.]*)?|\d{1,2}[/.\-]\d{4}|(?:19|20)\d{2}|\d{5}(?:\.0+)?)\s*$"


# a date within a line of text: day/month/year, ISO, month/year or a year alone
_DATE_TOKEN = r"\b(?:\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{4}-\d{2}-\d{2}|\d{1,2}[/.\-]\d{4}|(?:19|20)\d{2})\b"


def _field_columns(header: _Header, body) -> list:
    """One expression per field: a column, the cells of a span joined (digits with nothing between, name
    parts with a space), or one line of a compound column's cells. In a compound column whose fields are
    dates and texts, date-shaped lines go to the date fields and the others to the text fields, each in
    order ("Nguyễn Văn An\n02/01/1980"); otherwise lines go to fields by position."""
    exprs = []
    done: set[str] = set()
    for c, names in header.compound.items():
        dates = [f for f in names if f in DATE_FIELDS]
        typed = bool(dates) and len(dates) < len([f for f in names if f])
        spans = [header.spans.get(f) for f in names if f and f in header.spans]
        columns = spans[0] if spans else [c]
        lines = [pl.col(f"c{i}").cast(pl.String).str.split("\n") for i in columns]
        for position, f in enumerate(names):
            if not f or f in done:
                continue
            done.add(f)
            if typed:
                kind = f in DATE_FIELDS
                same = [g for g in names if g and (g in DATE_FIELDS) == kind]
                k = same.index(f)
                picked = lines[0].list.eval(pl.element().filter(pl.element().str.contains(_DATE_LINE) == kind)
                                            ).list.get(k, null_on_oob=True)
            else:
                parts = [line.list.get(position, null_on_oob=True) for line in lines]
                picked = parts[0] if len(parts) == 1 else _joined(parts, body)
            # (read on the one-line cells only: the other cells null, their regexes run on nothing)
            one_line = pl.when(lines[0].list.len() == 1).then(pl.col(f"c{c}").cast(pl.String))
            if len(columns) == 1 and (alone := _on_one_line(one_line, names, f)) is not None:
                picked = pl.when((lines[0].list.len() == 1) & alone[0]).then(alone[1]).otherwise(picked)
            exprs.append(picked.str.strip_chars().alias(f))
    for f, columns in header.choices.items():
        # the value of each marked column; two marked are both said ("Nam / Nữ": an unknown value, DAT005)
        marked = [pl.when(~pl.col(f"c{c}").cast(pl.String).str.strip_chars().str.to_lowercase()
                          .is_in(["", "0", "-", "không"]).fill_null(True)).then(pl.lit(value)) for c, value in columns]
        exprs.append(pl.concat_str(marked, separator=" / ", ignore_nulls=True).replace("", None).alias(f))
    for f, i in header.fields.items():
        if f in done:
            continue
        if f in header.spans:
            cells = [pl.col(f"c{j}").cast(pl.String).str.strip_chars() for j in header.spans[f]]
            if f in header.date_parts:  # day, month and year cells: "2/1/1980" (numbers Excel kept as 2.0)
                cells = [c.str.replace(r"\.0+$", "") for c in cells]
                joined = pl.concat_str(cells, separator="/", ignore_nulls=True)
            else:
                joined = _joined(cells, body)
            exprs.append(joined.replace("", None).alias(f))
        else:
            exprs.append(_typed(pl.col(f"c{i}"), body.schema[f"c{i}"], f).alias(f))
    return exprs


def _on_one_line(cell, names: tuple, f: str):
    """(condition, value) of field `f` for a compound cell of one line holding several facts, as lists typed
    by hand have them; None where the line is read as a line. A name and its birth date ("Trần Thị Bình,
    03/04/1962", "… (03/04/1962)"): the dates found, the rest the text; two dates ("15/06/1985 - 15/06/1986",
    "VĐ: 15/06/1985; CT: …"): in order; three facts or more, separated ("Nữ, Kinh, Không"), one a field (two
    texts are not split: "Cán bộ, công chức" is one occupation)."""
    dates = [g for g in names if g in DATE_FIELDS]
    texts = [g for g in names if g and g not in DATE_FIELDS]
    found = cell.str.extract_all(_DATE_TOKEN)
    if dates and texts:
        if f in dates:
            return (found.list.len() >= 1) & ~cell.str.contains(_DATE_LINE), found.list.get(dates.index(f), null_on_oob=True)
        rest = (cell.str.replace_all(_DATE_TOKEN, ",").str.replace_all(r"[()\[\]]", " ")
                .str.replace_all(FACT_SEPARATOR, "\x1f").str.split("\x1f").list.eval(pl.element().str.strip_chars(" -–:").filter(pl.element() != "")))
        k = texts.index(f)
        text = pl.when(rest.list.len() <= len(texts)).then(rest.list.get(k, null_on_oob=True)).otherwise(
            rest.list.join(", ") if k == 0 else None)
        return (found.list.len() >= 1) & ~cell.str.contains(_DATE_LINE), text
    if len(dates) > 1:
        return found.list.len() >= 2, found.list.get(dates.index(f), null_on_oob=True)
    if len(names) >= 3:
        parts = cell.str.replace_all(FACT_SEPARATOR, "\x1f").str.split("\x1f")
        return parts.list.len() == len(names), parts.list.get(names.index(f), null_on_oob=True)
    return None


def _joined(cells: list, body):
    """The cells of a field written across columns as one text: a character a cell (a card's digits) with
    nothing between, longer parts (a name's) with a space."""
    widest = body.select(pl.max_horizontal(c.str.strip_chars().str.len_chars().max() for c in cells)).item() or 0
    return pl.concat_str(cells, separator="" if widest <= 1 else " ", ignore_nulls=True)


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
    if key not in frame.columns and key == "member_id":
        key = "full_name"  # a list without card numbers: a probationary list, dues kept by name
    if key not in frame.columns:
        return frame
    key_is_text = pl.col(key).str.contains(r"^[^\d]*$")  # ids have digits; "NGƯỜI LẬP BIỂU" has none
    candidates = frame.filter(pl.col(key).is_null() | key_is_text).select("_row")
    if candidates.height == 0:
        return frame
    # the candidates' text joined in Python: they are few, and an expression per cell cost more than they
    for row, *cells in body.join(candidates, on="_row", how="semi").sort("_row").iter_rows():
        if is_footer(" ".join(str(v) for v in cells if v is not None)):
            return frame.filter(pl.col("_row") < row)
    return frame


def _find_header(rows: list[tuple], named_kind: str | None, matchers, sheet_year) -> _Header | None:
    kinds = [named_kind] if named_kind else list(TABLE_KINDS)
    best: list[_Header] = []
    for r in range(min(HEADER_SCAN_ROWS, len(rows))):
        if sum(v is not None for v in rows[r]) < 2:  # a header names two columns at least
            continue
        if is_numbering(rows[r], rows[r]):  # the columns' numbers, (1) (2) … under a header: never one
            continue
        # a two-row header (a title spanning sub-columns) is tried for every kind, where a title spans; and
        # labels typed over two rows ("Họ và" over "tên", "Ngày vào" over "Đảng"), where the row below goes on
        depths = (1, 2) if r + 1 < len(rows) and _group_spans(list(rows[r])) else (1,)
        # titles over titles over sub-columns ("Ngày tháng năm" › "Vào Đảng" › Dự bị), tried where the row
        # reads as a two-row header already (a data row never does)
        inner = _inner_spans(rows, r) if 2 in depths and r + 2 < len(rows) else {}
        if inner:
            depths = (*depths, 3)
        if r + 1 < len(rows) and _continues(rows[r], rows[r + 1]):
            depths = (*depths, "joined")
        for kind in kinds:
            two_rows = False
            for depth in depths:
                if depth == "joined":
                    found = _match_header([*rows[:r], _joined_labels(rows[r], rows[r + 1])], r, 1, kind,
                                          matchers[kind], sheet_year)
                    found.depth = 2
                elif depth == 3 and not two_rows:
                    continue
                else:
                    found = _match_header(rows, r, depth, kind, matchers[kind], sheet_year, inner)
                two_rows = two_rows or (depth == 2 and found.score >= 2)
                if found.score < 2:
                    continue
                # titles over a header that read no column otherwise are title lines: of two readings ending
                # on one row with the same columns, the one of fewer rows is the header
                if best and found.kind == best[0].kind and found.fields == best[0].fields \
                        and found.row + found.depth == best[0].row + best[0].depth:
                    if found.depth < best[0].depth:
                        best = [found]
                    continue
                # a title line above a header is no group row: of equal readings, the one-row header wins
                if best and found.score == best[0].score and found.depth < best[0].depth \
                        and found.row == best[0].row + 1:
                    best = [found]
                elif not best or found.score > best[0].score:
                    best = [found]
                elif found.score == best[0].score and found.row == best[0].row and found.kind != best[0].kind:
                    best.append(found)
    if not best:
        return None
    if len(best) > 1:
        # Same header fits two kinds (a wide month sheet is attendance or dues): the title lines decide.
        titles = fold(" ".join(str(v) for row in rows[: best[0].row] for v in row if v))
        by_title = [h for h in best if any(fold(a) in titles for a in SHEET_ALIASES[h.kind])]
        if len(by_title) == 1:
            return by_title[0]
        tied = _Header("ambiguous", best[0].row, 1, {}, 0)
        tied.labels = {i: h.kind for i, h in enumerate(best)}  # the kinds the header fits alike
        return tied
    return best[0]


def _continues(top, below) -> bool:
    """The row below a header holds the rest of its labels: words only (no digit: no date, id or number),
    two cells at least, one of them under a label."""
    cells = [(a, b) for a, b in zip(top, below, strict=False) if b is not None]
    return len(cells) >= 2 and any(a is not None for a, _ in cells) and not any(
        re.search(r"\d", str(b)) for _, b in cells)


def _joined_labels(top, below) -> tuple:
    """Each label with the words typed under it."""
    return tuple(" ".join(str(v) for v in (a, b) if v is not None) or None
                 for a, b in itertools.zip_longest(top, below))


def _match_header(rows, r, depth, kind, matcher, sheet_year, inner: dict | None = None) -> _Header:
    """The header read at row `r` over `depth` rows as table `kind`; `inner`, of a three-row header, the
    second row's titles spanning columns inside the first's (`_inner_spans`)."""
    top = list(rows[r])
    sub = list(rows[r + 1]) if depth >= 2 else [None] * len(top)
    if depth >= 2 and is_numbering(rows[r + depth - 1], top):
        return _Header(kind, r, depth, {}, 0)
    groups = _group_spans(top) if depth >= 2 else {}
    if depth == 3:  # read as two rows: each inner title joins the title over it, the row under it names
        sub, groups = _three_rows(rows, r, groups, inner or {})
    named: dict[int, tuple[tuple[str | None, ...], int]] = {}  # column → (fields, strength)
    choices: dict[str, list[tuple[int, str]]] = {}
    labels: dict[int, str] = {}
    wide: dict[str, int] = {}
    crossed: dict[str, list[tuple[int, str]]] = {}  # a month (or year) → its columns headed by a value
    valued: dict[str, list[tuple[int, int]]] = {}  # a month (or year) → its value columns (rank, column)
    months = 0
    grouped = 0  # sub-columns read under a group title: what makes a two-row header
    parts, elsewhere = _date_parts(groups, sub, matcher) if depth >= 2 else ({}, set())
    in_parts = {c for columns in parts.values() for c in columns}
    for c, cell in enumerate(top):
        group = groups.get(c)
        if c in in_parts or c in elsewhere:
            labels[c] = f"{group} › {sub[c]}"
            grouped += c in in_parts
            continue
        group_year = year_in(group) if group else None
        label, in_group = cell, False
        if depth >= 2 and sub[c] is not None and (group is not None or cell is None):
            # under a title spanning several columns the sub-row names the column; where the top cell is
            # empty (a header merged down, not filled), the sub-row's cell is the header
            label, in_group = sub[c], group is not None
        if label is None:
            continue
        labels[c] = str(label) if not in_group or label == group else f"{group} › {label}"
        if header_key(label) in SERIAL_KEYS:
            continue
        own = matcher.fields(label)
        key = wide_key(kind, label, group_year or sheet_year, in_group=in_group)
        quarter = quarter_keys(kind, str(label), group_year or sheet_year) if key is None and own[1] < 100 else []
        if quarter:  # a dues book's quarter: the one column of its three months
            wide.update(dict.fromkeys(quarter, c))
            months += 1
            grouped += in_group
            continue
        if key is not None and own[1] < 100:
            # a month is a month whatever the title over it names: "Số tiền đảng phí đã nộp các tháng" › 1 … 12
            # are the months' amounts, not twelve columns of one amount; a year a year, whatever words before
            # it name ("Xếp loại 2024" | "Xếp loại 2025" are two years' ratings, not one rating twice)
            while key in wide:  # a second meeting in the same month: its own column, the same month
                key = next_key(key)
            wide[key] = c
            months += 1
            grouped += in_group
            continue
        # the title right over the column (of a three-row header: "Năm 2026 › Tháng 1" › Có mặt, the month)
        nearest = str(group).rsplit(" › ", 1)[-1] if group else None
        under = wide_key(kind, nearest, group_year or sheet_year) if in_group and label != group else None
        if under is not None:
            # a month's sub-columns: "Tháng 1" › Có mặt | Vắng có lý do | Vắng không lý do, a cross under the
            # mark (one column of the month, like a choice); "Tháng 1" › Số tiền | Ký nộp, the amount and no
            # signature. A ratings year's the same: "Năm 2025" › Xuất sắc | Tốt | Hoàn thành | Không hoàn thành
            role = under_wide(kind, label)
            # a value column: unnamed ("Số tiền", "Lần 1") or naming one of the kind's values; another field
            # under a month is none ("Năm 2025" › Tự xếp loại: the member's own rating)
            rank = 0 if not any(own[0]) else min(
                (WIDE_VALUES[kind].index(f) for f in own[0] if f in WIDE_VALUES[kind]), default=None)
            if role == "cross":
                crossed.setdefault(under, []).append((c, str(label)))
            elif role == "value" and rank is not None:
                valued.setdefault(under, []).append((rank, c))
            used_here = role == "cross" or (role == "value" and rank is not None)
            months += used_here
            grouped += used_here
            continue
        # under a group title the most specific reading wins: "Ngày tháng năm sinh" › "Nam" is the male
        # birth-date column, "Vào Đảng" › "Ngày" the admission date (a head noun under its title reads first:
        # "Ngày vào Đảng", "Số thẻ đảng viên"); else the sub-column's own label, else the group's
        candidates = [matcher.fields(f"{group} {label}"), matcher.fields(f"{label} {group}")] if in_group else []
        candidates.append(own)
        if depth >= 2 and cell and not in_group:
            candidates.append(matcher.fields(cell))
        fields, strength = max(candidates, key=lambda fs: fs[1])
        grouped += in_group and label != group
        # a value heading a column, or the title over it ("CHUYỂN SINH HOẠT ĐẢNG CHÍNH THỨC" › Ngoài tỉnh đến |
        # Trong tỉnh đến), breaks its field down ("Giới tính" › Nam, or no field named at all); under another
        # field's title it is that field's ("Ngày vào Đảng" › Dự bị | Chính thức: the two dates)
        choice = CHOICE_INDEX.get(kind, {}).get(choice_key(label)) or (
            in_group and CHOICE_INDEX.get(kind, {}).get(choice_key(nearest)))
        if choice and strength < 100 and (not fields or choice[0] in fields):
            choices.setdefault(choice[0], []).append((c, choice[1]))
            continue
        if fields:
            named[c] = (fields, strength)
    # a group row has a title over sub-columns and other headers beside it (a title line has one cell);
    # beside the groups the second row is empty or repeats the header merged down: a row with other values
    # there is data (a name split over two columns under one merged "HỌ VÀ TÊN")
    beside = [c for c in range(len(top)) if c not in groups and c < len(sub) and sub[c] is not None]
    if depth >= 2 and (grouped == 0 or sum(v is not None for v in top) < 2
                       or any(top[c] is not None and sub[c] != top[c] for c in beside)):
        return _Header(kind, r, depth, {}, 0)
    for key, columns in valued.items():  # the columns of the value that stands first, each its own column
        best = min(rank for rank, _ in columns)
        for rank, c in columns:
            if rank == best:
                while key in wide:
                    key = next_key(key)
                wide[key] = c
    fields, spans, compound = _resolve(named, labels)
    for f, columns in parts.items():
        fields[f], spans[f] = columns[0], columns
    fields.update(wide)
    # a field's values heading two columns or more, and no column named by the field itself
    two = {f: values for f, values in CHOICES.get(kind, {}).items() if len(values) == 2}
    otherwise = {f: next(texts[0] for texts in two[f].values() if columns[0][1] not in texts)
                 for f, columns in choices.items() if len(columns) == 1 and f in two and f not in fields}
    # a column headed by what became of a member ("Miễn SH", "Từ trần") marks those members, beside a status
    # column or the "Chính thức" | "Dự bị" crosses: a flag of its own, which outranks them (normalize)
    flags = [(c, v) for c, v in choices.get("status", []) if v in _CONDITIONS] if kind == "members" else []
    if flags:
        choices["status"] = [(c, v) for c, v in choices["status"] if v not in _CONDITIONS]
    choices = {f: columns for f, columns in choices.items() if (len(columns) >= 2 or f in otherwise) and f not in fields}
    if flags:
        choices["status_flag"] = flags
    for key, columns in crossed.items():
        while key in fields:
            key = next_key(key)
        choices[key] = columns
    has_key = KEY_COLUMN[kind] in fields or (kind == "members" and "member_code" in fields)
    named_count = len(fields) + sum(len(columns) for columns in choices.values())
    score = named_count if has_key or months or named_count >= 3 else 0
    # of the same columns read with and without the row below, the two-row reading keeps its sub-row
    # (Quốc gia | Tỉnh under "Nơi đăng ký khai sinh") out of the data
    score += bool(score and depth >= 2 and grouped)
    return _Header(kind, r, depth, fields, score, spans, compound, labels, choices, set(parts), otherwise)


_PART_KEYS = (["ngay", "thang", "nam"], ["thang", "nam"])


def _date_parts(groups: dict[int, str], sub: list, matcher) -> tuple[dict[str, list[int]], set[int]]:
    """A date written in three columns under its field's title ("Ngày sinh" › Ngày | Tháng | Năm; also Tháng |
    Năm): the field → its columns, joined "d/m/yyyy" (Năm is not Nam: the sex under a birth date's title).
    And the columns of a date of a fact this kind does not keep: never this kind's day or month ("Ngày sinh" ›
    Tháng is no attendance month)."""
    parts: dict[str, list[int]] = {}
    elsewhere: set[int] = set()
    for title, columns in _runs(groups):
        keys = [header_key(str(sub[c])) if c < len(sub) and sub[c] is not None else "" for c in columns]
        named, _ = matcher.fields(title)
        if keys in _PART_KEYS and len(named) == 1 and named[0] in DATE_FIELDS:
            parts[named[0]] = columns
        elif keys in _PART_KEYS and not named and header_key(title) in matcher.facts:
            elsewhere.update(columns)
    return parts, elsewhere


def _inner_spans(rows, r: int) -> dict[int, str]:
    """The titles of the second header row spanning columns inside a title of the first: {column: title}; none
    where the second row holds one cell under the titles (a title line under a letterhead's, not sub-columns)."""
    inner: dict[int, str] = {}
    outer = _group_spans(list(rows[r]))
    under = 0
    for title, columns in _runs(outer):
        below = [rows[r + 1][c] if c < len(rows[r + 1]) else None for c in columns]
        under += len({v for v in below if v is not None and v != title})
        inner.update({columns[i]: v for i, v in _group_spans(below).items() if v != title})
    return inner if under >= 2 else {}


def _runs(groups: dict[int, str]) -> list[tuple[str, list[int]]]:
    """Each title over its adjacent columns, left to right."""
    runs: list[tuple[str, list[int]]] = []
    for c in sorted(groups):
        if runs and runs[-1][0] == groups[c] and runs[-1][1][-1] == c - 1:
            runs[-1][1].append(c)
        else:
            runs.append((groups[c], [c]))
    return runs


def _three_rows(rows, r: int, groups: dict[int, str], inner: dict[int, str]) -> tuple[list, dict[int, str]]:
    """A three-row header as two: under an inner title the third row names the column and the title is the
    outer one with the inner ("Ngày tháng năm › Vào Đảng" › Dự bị); elsewhere the second row does."""
    mid, bottom = list(rows[r + 1]), list(rows[r + 2])
    sub = [bottom[c] if c in inner and c < len(bottom) and bottom[c] is not None
           else mid[c] if c < len(mid) else None for c in range(len(rows[r]))]
    composed = {c: f"{title} › {inner[c]}" if c in inner else title for c, title in groups.items()}
    return sub, composed


def _group_spans(top: list) -> dict[int, str]:
    """The columns under a group title: a cell spanning two or more columns (the cells after it empty, or
    holding the same text where merged cells were filled)."""
    groups: dict[int, str] = {}
    c = 0
    while c < len(top):
        if top[c] is None:
            c += 1
            continue
        end = c + 1
        while end < len(top) and (top[end] is None or top[end] == top[c]):
            end += 1
        if end - c >= 2:
            groups.update({i: top[c] for i in range(c, end)})
        c = end
    return groups


def _resolve(named: dict[int, tuple[tuple, int]], labels: dict[int, str]):
    """Each field's column: the strongest naming it (the leftmost of equals); a field named by adjacent
    columns under one label (a merged header over digit cells or name parts) spans them all; a column
    naming several fields (a compound header) is kept with its fields in order."""
    fields: dict[str, int] = {}
    spans: dict[str, list[int]] = {}
    compound: dict[int, tuple] = {}
    strength: dict[str, int] = {}
    for c in sorted(named):
        names, score = named[c]
        real = [f for f in names if f]
        for f in real:
            if f in fields and spans.get(f, [fields[f]])[-1] == c - 1 and labels.get(c) == labels.get(fields[f]):
                spans.setdefault(f, [fields[f]]).append(c)
                continue
            if f not in fields or score > strength[f]:
                fields[f], strength[f] = c, score
                spans.pop(f, None)
        if len(names) > 1:
            compound[c] = names
    # a field another column holds more strongly is read from there: its line here is skipped
    compound = {c: tuple(f if f and c in spans.get(f, [fields.get(f)]) else None for f in names)
                for c, names in compound.items()}
    # a name in two columns ("Họ và tên đệm" | "Tên", or "Họ đệm" | "Tên" under "Họ và tên"): the given
    # name ends the full name, a column joined to it like name parts under one merged header
    if (given := fields.pop("given_name", None)) is not None:
        if "full_name" in fields:
            spans["full_name"] = sorted({*spans.get("full_name", [fields["full_name"]]), given})
        else:
            fields["full_name"] = given
    return fields, spans, compound
