"""Raw tables to the typed Roster: stack same-kind tables, reshape wide months/years to long, parse values.

Every value that cannot be read becomes a row in `Roster.issues` (a DAT finding later), never an exception.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, timedelta

from memberaudit.headers import MONTH_KEY, parse_month
from memberaudit.lazy import pl
from memberaudit.load import Loaded, RawTable
from memberaudit.roster import MASKS, Roster, conform, empty
from memberaudit.text import fold
from memberaudit.values import code_map, coded, number, on_distinct, parse_dates
from memberaudit.vocab import (
    ATTENDANCE_MARKS,
    DATE_COLUMNS,
    DUES_MARKS,
    GENDERS,
    OCCUPATION_GROUPS,
    RATINGS,
    REQUIRED,
    STATUSES,
    STUDY_WORDS,
    TABLE_KINDS,
    TRANSFER_KINDS,
    UNIT_KINDS,
)

_YEAR_KEY = re.compile(r"^\d{4}$")


def normalize(loaded: Loaded, *, extra_marks: dict | None = None) -> Roster:
    """The typed Roster of one file's raw tables. Consumes them: each raw frame is released as soon as it is
    reshaped, and each kind's once built (a national attendance export is gigabytes at every step)."""
    extra_marks = extra_marks or {}
    sources = [t.source for t in loaded.tables]
    # same-kind tables with the same month columns are stacked and built at once (a workbook may hold one
    # attendance sheet per branch); a long table (one row per meeting) has no month columns
    by_kind: dict[str, dict[tuple, list]] = {k: {} for k in TABLE_KINDS}
    for index, table in enumerate(loaded.tables):
        frame = _with_src(table, index)
        by_kind[table.source.kind].setdefault(tuple(_month_columns(frame)), []).append(frame)
        table.frame = None
    issues: list = []
    frames = {}
    for kind in TABLE_KINDS:
        groups = by_kind.pop(kind)
        # the stacked frame is the builder's alone: each step it replaces can be freed
        parts = [conform(kind, _BUILDERS[kind](_stack(groups.pop(key)), issues, sources, extra_marks), file=True)
                 for key in list(groups)]
        frames[kind] = pl.concat(parts) if parts else empty(kind, file=True)
    issue_frame = (
        pl.concat([conform("issues", i) for i in issues]) if issues else empty("issues")
    ).sort("_src", "_row", "field", "code")
    return Roster(**frames, issues=issue_frame, sources=sources, skipped=loaded.skipped, files=loaded.files)


def _month_columns(frame) -> list[str]:
    return [c for c in frame.columns if MONTH_KEY.match(c)]


def _with_src(table: RawTable, index: int):
    frame = table.frame.with_columns(pl.lit(index, dtype=pl.Int32).alias("_src"))
    # a column per year (ratings: two or three years) becomes a row per year; month columns stay as they
    # are: attendance and dues turn them into month masks, one row per table row
    wide = [c for c in frame.columns if _YEAR_KEY.match(c)]
    if not wide:
        return frame
    keep = [c for c in frame.columns if c not in wide and c != "full_name"]  # names are not needed per year
    return frame.unpivot(on=wide, index=keep, variable_name="field", value_name="value")


def _stack(frames: list):
    """One frame of the same-kind tables; empties the list, so that only the result holds them."""
    parts = frames[:]
    frames.clear()
    return pl.concat(parts, how="diagonal_relaxed")


def _issues(frame, mask, code: str, field: str, value, detail=None):
    """Issue rows for the rows of `frame` where `mask` holds."""
    return frame.filter(mask).select(
        pl.lit(code).alias("code"), "_src", "_row",
        (pl.col("field") if field == "*" else pl.lit(field)).alias("field"),
        value.cast(pl.String).alias("value"),
        (pl.col("member_id") if "member_id" in frame.columns else pl.lit(None)).alias("member_id"),
        (detail if detail is not None else pl.lit(None)).cast(pl.String).alias("detail"),
    )


def _ensure(frame, *columns: str):
    missing = [c for c in columns if c not in frame.columns]
    return frame.with_columns([pl.lit(None, dtype=pl.String).alias(c) for c in missing]) if missing else frame


def _required(frame, kind: str, issues: list):
    for column in REQUIRED[kind]:
        if column in frame.columns and frame.get_column(column).null_count():  # null counts are free
            issues.append(_issues(frame, pl.col(column).is_null(), "DAT001", column, pl.lit("")))


def _dates(frame, issues: list, columns: tuple[str, ...], partial: tuple[str, ...] = ()):
    frame = _ensure(frame, *columns)
    for c in columns:
        frame = parse_dates(frame, c, allow_partial=c in partial)
    for c in columns:
        if frame.get_column(f"{c}__problem").null_count() < frame.height:
            issues.append(_issues(frame, pl.col(f"{c}__problem").is_not_null(), "DAT002", c, pl.col(f"{c}__raw"),
                                  pl.col(f"{c}__problem")))
        if c in partial and frame.get_column(f"{c}__partial").any():
            issues.append(_issues(frame, pl.col(f"{c}__partial"), "DAT007", c, pl.col(f"{c}__raw")))
    return frame


def _code(frame, issues: list, column: str, vocabulary: dict, *, field: str | None = None, **kw):
    """Replace `column` by its code; an unknown non-empty text is a DAT005 issue."""
    frame = _ensure(frame, column)
    frame = frame.with_columns(coded(frame, column, vocabulary, **kw).alias(f"{column}__code"))
    if frame.get_column(f"{column}__code").null_count() > frame.get_column(column).null_count():
        issues.append(_issues(frame, pl.col(column).is_not_null() & pl.col(f"{column}__code").is_null(), "DAT005",
                              field or column, pl.col(column)))
    return frame.with_columns(pl.col(column).alias(f"{column}__text"), pl.col(f"{column}__code").alias(column))


def _vocab(base: dict, extra: dict | None) -> dict:
    merged = {code: tuple(aliases) for code, aliases in base.items()}
    for code, aliases in (extra or {}).items():
        merged[code] = (*merged.get(code, ()), *aliases)
    return merged


# --- one builder per table kind ---------------------------------------------------------------------------


def _members(frame, issues, sources, extra_marks):
    frame = _ensure(frame, "member_id", "full_name", "unit", "status", "official_date")
    _required(frame, "members", issues)
    frame = _dates(frame, issues, DATE_COLUMNS["members"], partial=("birth_date", "admission_date"))
    frame = _code(frame, issues, "status", STATUSES)
    frame = frame.with_columns(
        pl.when(pl.col("status__text").is_null())
        .then(pl.when(pl.col("official_date").is_not_null()).then(pl.lit("official")).otherwise(pl.lit("probationary")))
        .otherwise(pl.col("status")).alias("status")
    )
    frame = _code(frame, issues, "gender", GENDERS)
    frame = _ensure(frame, "occupation", "party_age_gap_months", "national_id")
    groups = code_map(frame.get_column("occupation").unique().to_list(), OCCUPATION_GROUPS, contains=True)
    unknown = sorted(v for v, g in groups.items() if g is None)
    if unknown:
        first = frame.filter(pl.col("occupation").is_in(unknown)).group_by("occupation").agg(pl.all().first())
        issues.append(_issues(first, pl.lit(True), "DAT005", "occupation", pl.col("occupation"), pl.lit("occupation")))
    frame = on_distinct(frame, "full_name", name_key=name_key(pl.col("full_name")))  # names repeat a lot
    # a gap beyond any life (`1E+20`, a pasted id) is no number of months: a data finding, counted as none
    gap = number("party_age_gap_months")
    frame = frame.with_columns(pl.when(gap.abs() < 10_000).then(gap).cast(pl.Int64).alias("_gap"))
    issues.append(_issues(frame, pl.col("party_age_gap_months").is_not_null() & pl.col("_gap").is_null(), "DAT002",
                          "party_age_gap_months", pl.col("party_age_gap_months"), pl.lit("not_a_number")))
    return frame.with_columns(
        pl.when(pl.col("occupation").is_not_null())
        .then(pl.col("occupation").replace_strict(groups, default="other", return_dtype=pl.String))
        .alias("occupation_group"),
        pl.col("_gap").fill_null(0).alias("party_age_gap_months"),
        pl.col("national_id").str.replace_all(r"\s", ""),
    ).drop("_gap")


def name_key(name):
    """A name compared case- and diacritic-insensitively ("Nguyễn Văn Áng" ~ "NGUYEN VAN ANG"), in Rust."""
    return (name.str.to_lowercase().str.replace_all("đ", "d", literal=True).str.normalize("NFD")
            .str.replace_all(r"\p{M}", "").str.replace_all(r"[^\p{L}\p{N}]+", " ").str.strip_chars())


def _units(frame, issues, sources, extra_marks):
    frame = _ensure(frame, "unit", "parent_unit", "kind")
    _required(frame, "units", issues)
    return _code(frame, issues, "kind", UNIT_KINDS, contains=True)


def _attendance(frame, issues, sources, extra_marks):
    frame = _ensure(frame, "member_id")
    _required(frame, "attendance", issues)
    vocabulary = _vocab(ATTENDANCE_MARKS, extra_marks.get("attendance"))
    if months := _month_columns(frame):
        values = _month_values(frame, months)
        texts = {v: _cell_text(v) for v in set().union(*values.values())}  # a typed 1 reads like the text "1"
        codes = code_map(list(set(texts.values())), vocabulary, tight=True)
        return _wide_masks(frame, months, MASKS["attendance"], {v: codes[t] for v, t in texts.items()}, values, issues)
    frame = _ensure(frame, "mark", "meeting_date").filter(pl.col("mark").is_not_null())
    frame = _dates(frame, issues, DATE_COLUMNS["attendance"])
    frame = _code(frame, issues, "mark", vocabulary, tight=True)
    return _long_masks(frame.rename({"meeting_date": "month"}), "mark", MASKS["attendance"])


def _dues(frame, issues, sources, extra_marks):
    frame = _ensure(frame, "member_id")
    _required(frame, "dues", issues)
    vocabulary = _vocab(DUES_MARKS, extra_marks.get("dues"))
    if months := _month_columns(frame):
        values = _month_values(frame, months)
        return _wide_masks(frame, months, MASKS["dues"], _dues_states(set().union(*values.values()), vocabulary),
                           values, issues, blank="blank")
    frame = _ensure(frame, "month", "mark", "amount")
    month_keys = {}
    for text, src in frame.select("month", "_src").unique().rows():
        parsed = parse_month(text, in_group=True) if text else None
        if parsed is None and text and re.fullmatch(r"\d{5}(?:\.0+)?", text):  # a date cell stored as a serial
            day = date(1899, 12, 30) + timedelta(days=int(float(text)))
            parsed = (day.year, day.month)
        year = (parsed[0] or sources[src].year) if parsed else None
        month_keys[(text, src)] = date(year, parsed[1], 1) if parsed and year else None
    lookup = pl.DataFrame(
        [(t, s, k) for (t, s), k in month_keys.items()], schema={"month": pl.String, "_src": pl.Int32, "key": pl.Date},
        orient="row",
    )
    frame = frame.join(lookup, on=["month", "_src"], how="left")
    issues.append(_issues(frame, pl.col("month").is_not_null() & pl.col("key").is_null(), "DAT002", "month",
                          pl.col("month"), pl.lit("unreadable")))
    frame = frame.with_columns(
        pl.coalesce("amount", "mark").alias("cell"), pl.col("key").alias("month"),
        pl.when(pl.col("amount").is_not_null()).then(pl.lit("amount")).otherwise(pl.lit("mark")).alias("field"),
    ).filter(pl.col("cell").is_not_null())
    states = _dues_states(frame.get_column("cell").unique().to_list(), vocabulary)
    frame = frame.with_columns(pl.col("cell").replace_strict(states, default=None, return_dtype=pl.String).alias("state"))
    issues.append(_issues(frame, pl.col("state").is_null(), "DAT005", "*", pl.col("cell")))
    return _long_masks(frame, "state", MASKS["dues"])


def _dues_states(values, vocabulary: dict) -> dict:
    """Each distinct dues cell's state: an amount is paid (> 0) or unpaid (0), else a mark; None if neither.
    Cells are texts, or numbers in a typed (Parquet) column."""
    texts = {v: _cell_text(v) for v in values if isinstance(v, str)}
    marks = code_map(list(texts.values()), vocabulary, tight=True)
    amounts = dict(pl.DataFrame({"cell": list(texts.values())}, schema={"cell": pl.String})
                   .select("cell", number("cell").alias("amount")).iter_rows())

    def state(value):
        amount = amounts[texts[value]] if isinstance(value, str) else value
        if amount is None:
            return marks[texts[value]]
        return "paid" if amount > 0 else "unpaid" if amount == 0 else None

    return {v: state(v) for v in values}


def _month_values(frame, months: list[str]) -> dict[str, set]:
    """The distinct filled values of each month column (a handful among a million cells), as the sheet holds
    them: the loader leaves month cells uncleaned, and blank texts count as empty cells."""
    lists = frame.select([pl.col(m).drop_nulls().unique().implode() for m in months]).row(0)
    return {m: set(values) for m, values in zip(months, lists, strict=True)}


def _cell_text(value) -> str:
    """A month cell's value as clean text (NFC, trimmed), whatever its type."""
    return unicodedata.normalize("NFC", str(value)).strip()


# Attendance and dues are kept as month masks: one row per table row and year, and per mark (or dues state)
# a 12-bit mask of the months whose cell holds it (bit 0 = January). A wide sheet stays one row per member
# instead of becoming a row per month (58 million rows for 5.3 million members), and rules count months with
# bit operations; `checks.common.monthly` turns the few rows a rule reports back into months.


def _wide_masks(frame, months: list[str], order: tuple[str, ...], code_of: dict, values: dict[str, set],
                issues: list, *, blank: str | None = None):
    """Month masks (one per code of `order`) of a wide sheet whose month columns' `values` map to codes by
    `code_of` (None: unknown, a DAT005 issue); `blank` is the code of an empty cell, if it has one."""
    blanks = {m: [v for v in values[m] if isinstance(v, str) and not v.strip()] for m in months}
    for m in months:
        if unknown := [v for v in values[m] if code_of[v] is None and v not in blanks[m]]:
            # the cell as people read it elsewhere in the reports: NFC, trimmed (done on these few rows only)
            text = pl.col(m).cast(pl.String).str.normalize("NFC").str.strip_chars()
            issues.append(_issues(frame, pl.col(m).is_in(unknown), "DAT005", m, text))

    def bits(m: str, code: str) -> int:
        # all codes of a year in one integer: code k's mask is bits 12k..12k+11, so each cell is one lookup
        return 2 ** (12 * order.index(code) + int(m[5:]) - 1)

    lookups = {}
    for m in months:
        known = [v for v in values[m] if code_of[v] is not None and v not in blanks[m]]
        empty = bits(m, blank) if blank else 0
        lookups[m] = ([*known, *blanks[m], None], [*(bits(m, code_of[v]) for v in known), *[empty] * (len(blanks[m]) + 1)])
    numbered = _numbered(frame, lookups)
    parts = []
    for year in sorted({int(m[:4]) for m in months}):
        cells = [pl.col(m) for m in months if int(m[:4]) == year]
        packed = numbered.select("_src", "_row", "member_id", pl.lit(year, pl.Int32).alias("year"),
                                 pl.sum_horizontal(cells).alias("_packed")).filter(pl.col("_packed") != 0)
        parts.append(packed.select(
            pl.exclude("_packed"),
            *[(pl.col("_packed") // 2 ** (12 * k) % 4096).cast(pl.UInt16).alias(code) for k, code in enumerate(order)]))
    return pl.concat(parts)


def _numbered(frame, lookups: dict[str, tuple[list, list[int]]], few: int = 8):
    """`frame` with each column of `lookups` ({column: (keys, numbers)}) replaced by the number of its value
    among the keys (the key None: an empty cell), 0 for any other value, as UInt64.

    Text columns are compared by their cells' 64-bit hashes, hashed once: comparing integers is several
    times faster than looking up texts (a national attendance export's 11 months: 0.3 s instead of 1.2 s).
    The keys are every value the column holds (`_month_values`), so distinct hashes for them make it exact;
    should two share a hash, the texts are compared. Up to `few` keys are compared one by one (faster than
    a hash table); more are looked up."""
    hashed = {}
    for column, (keys, _) in lookups.items():
        if frame.schema[column] == pl.String:
            hashes = pl.Series(keys, dtype=pl.String).hash()
            if hashes.n_unique() == len(keys):
                hashed[column] = hashes.to_list()
    frame = frame.with_columns(pl.col(c).hash() for c in hashed)
    exprs = []
    for column, (keys, numbers) in lookups.items():
        keys, cells = hashed.get(column, keys), pl.col(column)
        if len(keys) <= few:
            number = pl.lit(0, pl.UInt64)
            for key, n in zip(keys, numbers, strict=True):
                number = pl.when(cells.is_null() if key is None else cells == key).then(pl.lit(n, pl.UInt64)).otherwise(number)
        else:
            given = [(k, n) for k, n in zip(keys, numbers, strict=True) if k is not None]
            empty = next((n for k, n in zip(keys, numbers, strict=True) if k is None), 0)
            number = pl.when(cells.is_null()).then(pl.lit(empty, pl.UInt64)).otherwise(
                cells.replace_strict([k for k, _ in given], [n for _, n in given], default=0, return_dtype=pl.UInt64))
        exprs.append(number.alias(column))
    return frame.with_columns(exprs)


def _long_masks(frame, column: str, order: tuple[str, ...]):
    """Month masks of a long table (a row per meeting or payment, its date in `month`), per member and year."""
    bit = pl.lit(2, pl.UInt16).pow(pl.col("month").dt.month() - 1)
    return (
        frame.filter(pl.col(column).is_not_null() & pl.col("month").is_not_null())
        .group_by("_src", "member_id", pl.col("month").dt.year().cast(pl.Int32).alias("year"), maintain_order=True)
        .agg(pl.col("_row").min(),
             *[pl.when(pl.col(column) == code).then(bit).otherwise(0).bitwise_or().alias(code) for code in order])
    )


def _transfers(frame, issues, sources, extra_marks):
    frame = _ensure(frame, "member_id", "kind", "purpose", "until")
    _required(frame, "transfers", issues)
    frame = _dates(frame, issues, DATE_COLUMNS["transfers"])
    frame = _code(frame, issues, "kind", TRANSFER_KINDS, contains=True)
    study = "|".join(re.escape(fold(w)) for w in STUDY_WORDS)
    purposes = frame.get_column("purpose").unique().to_list()
    return frame.with_columns(
        pl.col("kind").fill_null(
            pl.when(pl.col("until").is_not_null()).then(pl.lit("temporary")).otherwise(pl.lit("official"))),
        pl.col("purpose").replace_strict({p: bool(re.search(study, fold(p))) for p in purposes if p}, default=False,
                                         return_dtype=pl.Boolean).alias("study"),
    )


def _ratings(frame, issues, sources, extra_marks):
    frame = _ensure(frame, "member_id", "field", "value", "year", "rating")
    _required(frame, "ratings", issues)
    wide = pl.col("field").is_not_null()
    frame = frame.with_columns(
        pl.when(wide).then(pl.col("value")).otherwise(pl.col("rating")).alias("rating"),
        pl.when(wide).then(pl.col("field")).otherwise(pl.col("year")).alias("year_text"),
        pl.when(wide).then(pl.col("field")).otherwise(pl.lit("rating")).alias("field"),
    ).filter(pl.col("rating").is_not_null())
    frame = frame.with_columns(number("year_text").cast(pl.Int32, strict=False).alias("year"))
    issues.append(_issues(frame, pl.col("year").is_null(), "DAT002", "year", pl.col("year_text"), pl.lit("unreadable")))
    frame = _code(frame, issues, "rating", RATINGS, field="*")
    return frame.filter(pl.col("rating").is_not_null() & pl.col("year").is_not_null())


def _targets(frame, issues, sources, extra_marks):
    frame = _ensure(frame, "unit", "year", "admissions")
    _required(frame, "targets", issues)
    frame = frame.with_columns(
        number("year").cast(pl.Int32, strict=False).alias("year_value"),
        number("admissions").cast(pl.Int64, strict=False).alias("admissions_value"),
    )
    for column in ("year", "admissions"):
        issues.append(_issues(frame, pl.col(column).is_not_null() & pl.col(f"{column}_value").is_null(), "DAT002",
                              column, pl.col(column), pl.lit("not_a_number")))
    return frame.with_columns(pl.col("year_value").alias("year"), pl.col("admissions_value").alias("admissions"))


_BUILDERS = {
    "members": _members, "units": _units, "attendance": _attendance, "dues": _dues,
    "transfers": _transfers, "ratings": _ratings, "targets": _targets,
}


def combine(parts: list[Roster]) -> Roster:
    """One Roster from per-file Rosters: stack the frames (row sources renumbered), fill committees, make
    member ids the Roster's Categorical and add the members' unit as one too (`_unit`, see roster)."""
    if len(parts) == 1:
        roster = parts[0]
    else:
        frames: dict[str, list] = {kind: [] for kind in (*TABLE_KINDS, "issues")}
        sources, skipped, files, cached = [], [], [], []
        for part in parts:
            offset = len(sources)
            for kind in frames:
                frames[kind].append(getattr(part, kind).with_columns(pl.col("_src") + offset))
            sources += part.sources
            skipped += part.skipped
            files += part.files
            cached += part.cached
        roster = Roster(**{k: pl.concat(v) for k, v in frames.items()}, sources=sources, skipped=skipped, files=files,
                        cached=cached)
    # an unknown occupation is reported once per distinct text, not once per file
    occupation = (pl.col("code") == "DAT005") & (pl.col("field") == "occupation")
    roster.issues = pl.concat([
        roster.issues.filter(~occupation),
        roster.issues.filter(occupation).unique("value", keep="first", maintain_order=True),
    ]).sort("_src", "_row", "field", "code")
    roster.members = _fill_parent_units(roster.members, roster.units, roster.sources).with_columns(
        pl.col("unit").cast(pl.Categorical).alias("_unit"))
    _categorical_ids(roster)
    return roster


# the tables holding member ids besides members (ratings, a row per year, rarely align and are looked up)
_ID_TABLES = ("attendance", "dues", "ratings", "transfers")


def member_codes(part: Roster) -> Roster:
    """A file's members with their ids as the Roster's Categorical: one lookup per id in Polars' string map,
    single-threaded (5.3 million ids: 3 s). The pipeline calls it on each file as soon as it is read, while
    the next file is read, instead of leaving it all to `combine`."""
    if part.members.schema["member_id"] == pl.String:
        part.members = part.members.with_columns(pl.col("member_id").cast(pl.Categorical))
    return part


def _categorical_ids(roster) -> None:
    """Member ids become the Roster's Categorical, once for all files (the rules match ids by their codes).

    The members' ids are cast by `member_codes`. The other tables' ids would be a lookup each (a national
    export's attendance and dues: 5.3 million each, 1-1.5 s per table); a table whose row holds the same id
    as the members row at the same position (one system exports its tables in one order) takes that row's
    code; only the other rows are looked up."""
    member_codes(roster)
    codes = roster.members.get_column("member_id")
    ids = codes.cast(pl.String)  # a gather from the categories: 0.1 s for 5.3 million
    for kind in _ID_TABLES:
        frame = getattr(roster, kind)
        setattr(roster, kind, frame.with_columns(_aligned_codes(frame.get_column("member_id"), ids, codes)))


def _aligned_codes(ids, member_ids, member_codes):
    """`ids` as Categorical: `member_codes` where the id equals `member_ids` at the same position, a lookup
    elsewhere."""
    n = min(len(ids), len(member_ids))
    same = (ids.head(n) == member_ids.head(n)).fill_null(False)
    if not same.any():
        return ids.cast(pl.Categorical)
    codes = pl.concat([member_codes.head(n), ids.slice(n).cast(pl.Categorical)])
    differ = pl.int_range(n, dtype=pl.UInt32, eager=True).filter(~same)
    return codes.scatter(differ, ids.head(n).filter(~same).cast(pl.Categorical)) if len(differ) else codes


def _fill_parent_units(members, units, sources):
    """A member's committee: the members table, else the units table, else the sheet's "ĐẢNG BỘ …" title."""
    if not members.select(pl.col("parent_unit").is_null().any()).item():
        return members  # an export that names every member's committee: nothing to look up (0.5 s for 5.3M)
    by_unit = units.filter(pl.col("unit").is_not_null() & pl.col("parent_unit").is_not_null()).group_by("unit").agg(
        pl.col("parent_unit").first().alias("_unit_parent"))
    titles = {}
    for index, source in enumerate(sources):
        # the nearest "ĐẢNG BỘ …" line above the table: the first names the superior committee
        titles[index] = next((t for t in reversed(source.titles) if fold(t).startswith("dang bo")), None)
    title_frame = pl.DataFrame({"_src": list(titles), "_title_parent": list(titles.values())},
                               schema={"_src": pl.Int32, "_title_parent": pl.String})
    return (
        members.join(by_unit, on="unit", how="left").join(title_frame, on="_src", how="left")
        .with_columns(pl.coalesce("parent_unit", "_unit_parent", "_title_parent").alias("parent_unit"))
        .drop("_unit_parent", "_title_parent")
    )
