"""Raw tables to the typed Roster: stack same-kind tables, reshape wide months/years to long, parse values.

Every value that cannot be read becomes a row in `Roster.issues` (a DAT finding later), never an exception.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from memberaudit.headers import parse_month
from memberaudit.lazy import pl
from memberaudit.load import Loaded, RawTable
from memberaudit.roster import Roster, conform, empty
from memberaudit.text import fold
from memberaudit.values import code_map, coded, number, on_distinct, parse_dates
from memberaudit.vocab import (
    ATTENDANCE_MARKS,
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

_MONTH_KEY = re.compile(r"^\d{4}-\d{2}$")
_YEAR_KEY = re.compile(r"^\d{4}$")


def normalize(loaded: Loaded, *, extra_marks: dict | None = None) -> Roster:
    """The typed Roster of one file's raw tables. Consumes them: each raw frame is released as soon as it is
    reshaped, and each kind's once built (a national attendance export is gigabytes at every step)."""
    extra_marks = extra_marks or {}
    sources = [t.source for t in loaded.tables]
    by_kind: dict[str, list] = {k: [] for k in TABLE_KINDS}
    for index, table in enumerate(loaded.tables):
        by_kind[table.source.kind].append(_with_src(table, index))
        table.frame = None
    issues: list = []
    frames = {}
    for kind in TABLE_KINDS:
        tables = by_kind.pop(kind)
        # the stacked frame is the builder's alone: each step it replaces can be freed
        frames[kind] = conform(kind, _BUILDERS[kind](_stack(tables), issues, sources, extra_marks)) if tables \
            else empty(kind)
    issue_frame = (
        pl.concat([conform("issues", i) for i in issues]) if issues else empty("issues")
    ).sort("_src", "_row", "field", "code")
    return Roster(**frames, issues=issue_frame, sources=sources, skipped=loaded.skipped, files=loaded.files)


def _with_src(table: RawTable, index: int):
    frame = table.frame.with_columns(pl.lit(index, dtype=pl.Int32).alias("_src"))
    if "member_id" in frame.columns:
        # the Roster's dtype, given before a wide sheet becomes one row per month: casting text to Categorical
        # costs per row (3.8 s for 11 M long rows, a twelfth of that here)
        frame = frame.with_columns(pl.col("member_id").cast(pl.Categorical))
    wide = [c for c in frame.columns if _MONTH_KEY.match(c) or _YEAR_KEY.match(c)]
    if not wide:
        return frame
    keep = [c for c in frame.columns if c not in wide and c != "full_name"]  # names are not needed per month
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
    frame = _dates(frame, issues, ("birth_date", "admission_date", "official_date", "exempt_from", "exempt_to",
                                   "left_workplace_date"), partial=("birth_date", "admission_date"))
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
    return frame.with_columns(
        pl.when(pl.col("occupation").is_not_null())
        .then(pl.col("occupation").replace_strict(groups, default="other", return_dtype=pl.String))
        .alias("occupation_group"),
        number("party_age_gap_months").fill_null(0).cast(pl.Int64).alias("party_age_gap_months"),
        pl.col("national_id").str.replace_all(r"\s", ""),
    )


def name_key(name):
    """A name compared case- and diacritic-insensitively ("Nguyễn Văn Áng" ~ "NGUYEN VAN ANG"), in Rust."""
    return (name.str.to_lowercase().str.replace_all("đ", "d", literal=True).str.normalize("NFD")
            .str.replace_all(r"\p{M}", "").str.replace_all(r"[^\p{L}\p{N}]+", " ").str.strip_chars())


def _units(frame, issues, sources, extra_marks):
    frame = _ensure(frame, "unit", "parent_unit", "kind")
    _required(frame, "units", issues)
    return _code(frame, issues, "kind", UNIT_KINDS, contains=True)


def _attendance(frame, issues, sources, extra_marks):
    frame = _ensure(frame, "member_id", "field", "value", "mark", "meeting_date")
    _required(frame, "attendance", issues)
    wide = pl.col("field").is_not_null()  # a month column of a wide sheet, else a row of a long table
    frame = on_distinct(frame, "field", wide_month=_field_month())
    frame = frame.with_columns(
        pl.when(wide).then(pl.col("value")).otherwise(pl.col("mark")).alias("mark_text"),
        pl.when(wide).then(pl.col("field")).otherwise(pl.lit("mark")).alias("field"),
    ).filter(pl.col("mark_text").is_not_null())
    frame = _dates(frame, issues, ("meeting_date",))
    frame = _code(frame, issues, "mark_text", _vocab(ATTENDANCE_MARKS, extra_marks.get("attendance")),
                  field="*", tight=True)
    month = pl.coalesce("wide_month", pl.col("meeting_date").dt.truncate("1mo"))
    return frame.with_columns(month.alias("month"), pl.col("mark_text").alias("mark")).filter(
        pl.col("mark").is_not_null() & pl.col("month").is_not_null())


def _field_month():
    """The month of a wide sheet's month column ("2026-09" → 2026-09-01), null for a long table's rows."""
    return (pl.col("field") + "-01").str.to_date("%Y-%m-%d", strict=False)


def _dues(frame, issues, sources, extra_marks):
    frame = _ensure(frame, "member_id", "field", "value", "month", "mark", "amount")
    _required(frame, "dues", issues)
    wide = pl.col("field").is_not_null()
    pairs = frame.filter(~wide).select("month", "_src").unique().rows()
    month_keys = {}
    for text, src in pairs:
        parsed = parse_month(text, in_group=True) if text else None
        if parsed is None and text and re.fullmatch(r"\d{5}(?:\.0+)?", text):  # a date cell stored as a serial
            day = date(1899, 12, 30) + timedelta(days=int(float(text)))
            parsed = (day.year, day.month)
        year = (parsed[0] or sources[src].year) if parsed else None
        month_keys[(text, src)] = f"{year}-{parsed[1]:02d}-01" if parsed and year else None
    lookup = pl.DataFrame(
        [(t, s, k) for (t, s), k in month_keys.items()], schema={"month": pl.String, "_src": pl.Int32, "key": pl.String},
        orient="row",
    )
    frame = on_distinct(frame.join(lookup, on=["month", "_src"], how="left"), "field", wide_month=_field_month())
    issues.append(_issues(frame, ~wide & pl.col("month").is_not_null() & pl.col("key").is_null(), "DAT002", "month",
                          pl.col("month"), pl.lit("unreadable")))
    frame = frame.with_columns(
        pl.when(wide).then(pl.col("value")).otherwise(pl.coalesce("amount", "mark")).alias("cell"),
        pl.when(wide).then(pl.col("wide_month")).otherwise(pl.col("key").str.to_date("%Y-%m-%d", strict=False))
        .alias("month"),
        pl.when(wide).then(pl.col("field")).otherwise(
            pl.when(pl.col("amount").is_not_null()).then(pl.lit("amount")).otherwise(pl.lit("mark"))).alias("field"),
        wide.alias("wide"),
    )
    frame = on_distinct(frame, "cell", amount_value=number("cell"))
    frame = _code(frame.with_columns(pl.when(pl.col("amount_value").is_null()).then(pl.col("cell")).alias("mark_text")),
                  issues, "mark_text", _vocab(DUES_MARKS, extra_marks.get("dues")), field="*", tight=True)
    state = (
        pl.when(pl.col("amount_value") > 0).then(pl.lit("paid"))
        .when(pl.col("amount_value") == 0).then(pl.lit("unpaid"))
        .when(pl.col("cell").is_null()).then(pl.lit("blank"))
        .otherwise(pl.col("mark_text"))
    )
    return frame.with_columns(state.alias("state")).filter(
        pl.col("month").is_not_null() & pl.col("state").is_not_null() & (pl.col("wide") | (pl.col("state") != "blank")))


def _transfers(frame, issues, sources, extra_marks):
    frame = _ensure(frame, "member_id", "kind", "purpose", "until")
    _required(frame, "transfers", issues)
    frame = _dates(frame, issues, ("issued_on", "received_on", "until"))
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
    """One Roster from per-file Rosters: stack the frames (row sources renumbered), then fill committees."""
    if len(parts) == 1:
        roster = parts[0]
    else:
        frames: dict[str, list] = {kind: [] for kind in (*TABLE_KINDS, "issues")}
        sources, skipped, files = [], [], []
        for part in parts:
            offset = len(sources)
            for kind in frames:
                frames[kind].append(getattr(part, kind).with_columns(pl.col("_src") + offset))
            sources += part.sources
            skipped += part.skipped
            files += part.files
        roster = Roster(**{k: pl.concat(v) for k, v in frames.items()}, sources=sources, skipped=skipped, files=files)
    # an unknown occupation is reported once per distinct text, not once per file
    occupation = (pl.col("code") == "DAT005") & (pl.col("field") == "occupation")
    roster.issues = pl.concat([
        roster.issues.filter(~occupation),
        roster.issues.filter(occupation).unique("value", keep="first", maintain_order=True),
    ]).sort("_src", "_row", "field", "code")
    roster.members = _fill_parent_units(roster.members, roster.units, roster.sources)
    return roster


def _fill_parent_units(members, units, sources):
    """A member's committee: the members table, else the units table, else the sheet's "ĐẢNG BỘ …" title."""
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
