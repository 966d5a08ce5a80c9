"""Raw tables to the typed Roster: stack same-kind tables, reshape wide months/years to long, parse values.

Every value that cannot be read becomes a row in `Roster.issues` (a DAT finding later), never an exception.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

from memberaudit.model.lazy import pl
from memberaudit.model.roster import MASKS, Roster, conform, empty
from memberaudit.model.source import Loaded, RawTable
from memberaudit.model.text import FACT_SEPARATOR, fold
from memberaudit.model.vocab import (
    ATTENDANCE_MARKS,
    DATE_COLUMNS,
    DISCIPLINE_FORMS,
    DUES_MARKS,
    EXIT_DATES,
    EXIT_STATUSES,
    GENDERS,
    LEFT_HOW,
    OCCUPATION_GROUPS,
    RATINGS,
    REQUIRED,
    STATUSES,
    STUDY_WORDS,
    TABLE_KINDS,
    TRANSFER_DIRECTIONS,
    TRANSFER_KINDS,
    UNIT_KINDS,
)
from memberaudit.normalize.issues import issue_rows
from memberaudit.normalize.masks import cell_text, long_masks, month_values, wide_masks
from memberaudit.normalize.values import code_map, coded, number, on_distinct, parse_dates
from memberaudit.read.headers import MONTH_KEY, parse_month, quarter_keys, year_in

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
    def build(kind: str):
        """The kind's table and its issues; the stacked frame is the builder's alone: each step it replaces
        can be freed."""
        groups, found = by_kind.pop(kind), []
        parts = [conform(kind, _BUILDERS[kind](_stack(groups.pop(key)), found, sources, extra_marks), file=True)
                 for key in list(groups)]
        return (pl.concat(parts) if parts else empty(kind, file=True)), found

    # the kinds at once on two threads where there are several (a batch of workbooks: their Polars work
    # alone leaves a core idle half the time); one kind (a Parquet file) is built alone, as big as it is
    present = sum(bool(groups) for groups in by_kind.values())
    with ThreadPoolExecutor(max_workers=2 if present > 1 else 1) as pool:
        built = dict(zip(TABLE_KINDS, pool.map(build, TABLE_KINDS), strict=True))
    frames = {kind: frame for kind, (frame, _) in built.items()}
    issues = [i for _, found in built.values() for i in found]  # in kind order, whichever thread was first
    issue_frame = (
        pl.concat([conform("issues", i) for i in issues]) if issues else empty("issues")
    ).sort("_src", "_row", "field", "code")
    return Roster(**frames, issues=issue_frame, sources=sources, skipped=loaded.skipped, files=loaded.files)


def _month_columns(frame) -> list[str]:
    return [c for c in frame.columns if MONTH_KEY.match(c)]


def shape(loaded: Loaded) -> Loaded:
    """Each raw table's own reshaping, which needs no other table: ids typed with grouped digits, a column per
    year turned into a row per year. Done where the workbook was read (a worker reading many workbooks does
    it beside the reading, not after the last one); `normalize` does it for tables not yet shaped."""
    for table in loaded.tables:
        if not table.shaped:
            table.frame, table.shaped = _shaped(table.frame), True
    return loaded


def _shaped(frame):
    frame = _grouped_ids(frame)
    # a column per year (ratings: two or three years) becomes a row per year; month columns stay as they
    # are: attendance and dues turn them into month masks, one row per table row
    wide = [c for c in frame.columns if _YEAR_KEY.match(c)]
    if not wide:
        return frame
    # names are not needed per year, unless the table is kept by name
    by_names = "member_id" not in frame.columns or frame.get_column("member_id").null_count() > 0
    keep = [c for c in frame.columns if c not in wide and (c != "full_name" or by_names)]
    return frame.unpivot(on=wide, index=keep, variable_name="field", value_name="value")


def _with_src(table: RawTable, index: int):
    frame = table.frame if table.shaped else _shaped(table.frame)
    return frame.with_columns(pl.lit(index, dtype=pl.Int32).alias("_src"))


def _grouped_ids(frame):
    """Card numbers typed with their digits grouped ("21 000 102", "21.000.103", "21-000-104") are their
    digits: a record would otherwise name no member. One scan finds out whether any id needs it. A card
    cell holding no digit ("Chưa có", "Đang chờ cấp", "-": a probationary member has no card yet) is no card:
    read as one, members sharing it were one member."""
    if "member_id" not in frame.columns or frame.schema["member_id"] != pl.String:
        return frame
    no_digit = pl.col("member_id").str.contains(r"^\D+$")
    _, exact = _scientific("member_id")
    spaced, none, quoted, sci = frame.select(pl.col("member_id").str.contains(r"[ .\-]").any().alias("spaced"),
                                             no_digit.any().alias("none"),
                                             pl.col("member_id").str.starts_with("'").any().alias("quoted"),
                                             pl.col("member_id").str.contains("[eE]").any().alias("sci")).row(0)
    if sci:  # a card pasted from a CSV Excel saved: its digits where it shows them all, else as written
        frame = frame.with_columns(pl.coalesce(exact, pl.col("member_id")).alias("member_id"))
    if quoted:  # Excel's mark for a number kept as text, pasted in with it from another program ("'21003301")
        frame = frame.with_columns(pl.col("member_id").str.strip_prefix("'"))
    if none:
        frame = frame.with_columns(pl.when(~no_digit).then(pl.col("member_id")).alias("member_id"))
    grouped = pl.col("member_id").str.contains(r"^\s*\d{1,4}(?:[ .\-]\d{1,4})+\s*$")
    if not spaced or not frame.select(grouped.any()).item():
        return frame
    return frame.with_columns(pl.when(grouped).then(pl.col("member_id").str.replace_all(r"[\s.\-]", ""))
                              .otherwise(pl.col("member_id")).alias("member_id"))


def _stack(frames: list):
    """One frame of the same-kind tables; empties the list, so that only the result holds them."""
    parts = frames[:]
    frames.clear()
    return pl.concat(parts, how="diagonal_relaxed")


def _ensure(frame, *columns: str):
    missing = [c for c in columns if c not in frame.columns]
    return frame.with_columns([pl.lit(None, dtype=pl.String).alias(c) for c in missing]) if missing else frame


def _required(frame, kind: str, issues: list, skip: tuple[str, ...] = ()):
    for column in REQUIRED[kind]:
        if column in skip:
            continue
        if column in frame.columns and frame.get_column(column).null_count():  # null counts are free
            issues.append(issue_rows(frame, pl.col(column).is_null(), column, pl.lit(""), "missing"))


def _dates(frame, issues: list, columns: tuple[str, ...], partial: tuple[str, ...] = ()):
    frame = _ensure(frame, *columns)
    for c in columns:
        frame = parse_dates(frame, c, allow_partial=c in partial)
    for c in columns:
        if frame.get_column(f"{c}__problem").null_count() < frame.height:
            issues.append(issue_rows(frame, pl.col(f"{c}__problem").is_not_null(), c, pl.col(f"{c}__raw"),
                                  pl.col(f"{c}__problem")))
        if c in partial and frame.get_column(f"{c}__partial").any():
            issues.append(issue_rows(frame, pl.col(f"{c}__partial"), c, pl.col(f"{c}__raw"), "partial"))
    return frame


def _code(frame, issues: list, column: str, vocabulary: dict, *, field: str | None = None, value=None, **kw):
    """Replace `column` by its code; an unknown non-empty text is a DAT005 issue (showing `value`, else the
    text)."""
    frame = _ensure(frame, column)
    frame = frame.with_columns(coded(frame, column, vocabulary, **kw).alias(f"{column}__code"))
    if frame.get_column(f"{column}__code").null_count() > frame.get_column(column).null_count():
        issues.append(issue_rows(frame, pl.col(column).is_not_null() & pl.col(f"{column}__code").is_null(),
                              field or column, pl.col(column) if value is None else value, "unknown_code"))
    return frame.with_columns(pl.col(column).alias(f"{column}__text"), pl.col(f"{column}__code").alias(column))


def _vocab(base: dict, extra: dict | None) -> dict:
    """The built-in marks with a board's own (config `[marks.*]`): a mark the board names is the code it says,
    also where the built-in list has it under another ("ốm" unexcused, not excused)."""
    theirs = {fold(alias) for aliases in (extra or {}).values() for alias in aliases}
    merged = {code: tuple(a for a in aliases if fold(a) not in theirs) for code, aliases in base.items()}
    for code, aliases in (extra or {}).items():
        merged[code] = (*merged.get(code, ()), *aliases)
    return merged


# --- one builder per table kind ---------------------------------------------------------------------------


def _members(frame, issues, sources, extra_marks):
    by_sex = {"birth_date_male", "birth_date_female"} & set(frame.columns)
    frame = _ensure(frame, "member_id", "full_name", "unit", "status", "official_date", "birth_name", "member_code",
                    "record_number", "birth_date", "birth_date_male", "birth_date_female", "gender", "exit_date",
                    "left_how", "exempt_from", *EXIT_DATES)
    if by_sex:  # NAM | NỮ birth-date columns: the column the date stands in records the sex
        frame = frame.with_columns(
            pl.coalesce(pl.col("birth_date").cast(pl.String), "birth_date_male", "birth_date_female").alias("birth_date"),
            pl.coalesce("gender", pl.when(pl.col("birth_date_male").is_not_null()).then(pl.lit("Nam"))
                        .when(pl.col("birth_date_female").is_not_null()).then(pl.lit("Nữ"))).alias("gender"))
    if "permanent_residence" in frame.columns:  # the registered address, where no other is named
        frame = frame.with_columns(pl.coalesce(*[c for c in ("residence", "permanent_residence") if c in frame.columns])
                                   .alias("residence"))
    # a birth name stands in for a missing name in use; a status may carry its date
    if frame.get_column("full_name").null_count() and frame.get_column("birth_name").null_count() < frame.height:
        frame = frame.with_columns(pl.coalesce("full_name", "birth_name").alias("full_name"))
    if "status_flag" in frame.columns:  # "Miễn SH" crossed beside "Chính thức": the member is exempt
        frame = frame.with_columns(pl.coalesce("status_flag", "status").alias("status")).drop("status_flag")
    frame = _status_from_notes(frame)
    # a list of some members whose title names their status ("… ĐẢNG VIÊN ĐƯỢC MIỄN CÔNG TÁC VÀ SINH HOẠT")
    titled = {i: s.title_status for i, s in enumerate(sources) if s.supplements and s.title_status}
    if titled:
        frame = frame.with_columns(pl.coalesce("status", pl.col("_src").replace_strict(
            titled, default=None, return_dtype=pl.String)).alias("status"))
    code, when = _status_parts("status")
    frame = on_distinct(frame, "status", _status_code=code, status_date=when)
    frame = frame.with_columns(pl.col("_status_code").alias("status"), pl.col("status").alias("_status_cell")
                               ).drop("_status_code")
    _required(frame, "members", issues, skip=("member_id",))
    frame = _dates(frame, issues, (*DATE_COLUMNS["members"], "exit_date", "status_date"),
                   partial=("birth_date", "admission_date"))
    frame = _code(frame, issues, "status", STATUSES, value=pl.col("_status_cell")).drop("_status_cell")  # as written
    frame = _code(frame, issues, "left_how", LEFT_HOW, contains=True)
    official = pl.col("official_date").is_not_null()
    by_date = pl.when(official).then(pl.lit("official")).otherwise(pl.lit("probationary"))
    away = pl.col("status") == "away"
    status = pl.when(pl.col("status__text").is_null() | (pl.col("status") == "active") | away).then(by_date) \
        .otherwise(pl.col("status"))
    for column, exit_status in EXIT_DATES.items():  # a filled exit date makes the member exited
        exited = pl.coalesce("left_how", pl.lit(exit_status)) if column == "left_on" else pl.lit(exit_status)
        status = pl.when(pl.col(column).is_not_null()).then(exited).otherwise(status)
    frame = frame.with_columns(status.alias("status"), away.fill_null(False).alias("away"))
    # the party database's one date: the exit date of an exited member, else the start of an exemption;
    # a status written with its date ("TT (02/02/2026)") dates the exit
    exit_on = pl.coalesce("exit_date", "status_date")
    exits = {**{s: c for c, s in EXIT_DATES.items()}, "removed": "left_on", "expelled": "left_on"}
    frame = frame.with_columns(
        *[pl.coalesce(c, pl.when(pl.col("status").is_in([s for s, d in exits.items() if d == c])).then(exit_on))
          .alias(c) for c in EXIT_DATES],
        pl.coalesce("exempt_from", pl.when(pl.col("status").is_in(["exempt", "temp_exempt"])).then(pl.col("exit_date")))
        .alias("exempt_from"),
    )
    frame = _code(frame, issues, "gender", GENDERS)
    frame = _ensure(frame, "occupation", "party_age_gap_months", "national_id")
    group, unknown = _occupation_group(frame)
    if unknown:
        first = frame.filter(pl.col("occupation").is_in(unknown)).group_by("occupation").agg(pl.all().first())
        issues.append(issue_rows(first, pl.lit(True), "occupation", pl.col("occupation"), "occupation"))
    frame = on_distinct(frame, "full_name", name_key=name_key(pl.col("full_name")))  # names repeat a lot
    frame = _identify(frame, issues)
    # a gap beyond any life (`1E+20`, a pasted id) is no number of months: a data finding, counted as none
    gap = number("party_age_gap_months")
    frame = frame.with_columns(pl.when(gap.abs() < 10_000).then(gap).cast(pl.Int64).alias("_gap"))
    issues.append(issue_rows(frame, pl.col("party_age_gap_months").is_not_null() & pl.col("_gap").is_null(),
                             "party_age_gap_months", pl.col("party_age_gap_months"), "not_a_number"))
    frame = _national_ids(frame.with_columns(group, pl.col("_gap").fill_null(0).alias("party_age_gap_months"))
                          .drop("_gap"))
    return _supplemented(frame, issues, sources)


# what a list of some members cannot say of them: their identity and where they stand (the full list's)
_OWN = ("_src", "_row", "member_id", "full_name", "name_key", "identified_by", "unit", "parent_unit")


def _supplemented(frame, issues: list, sources):
    """Each row of a list of some members (`Source.supplements`: the exempt, the probationary, on a sheet of
    their own) added to the member's row in the file's full list, found by card, else by name (and birth date
    where both have it, a name the full list holds once): what the full row leaves empty the other fills; its
    status (an exemption, a stay elsewhere, an exit) stands unless the full row's is an exit. The rows added are no members of their own, and what they
    lack (a branch, dates, a card the full row has) is no data finding."""
    mains = {i: j for i, s in enumerate(sources) if s.kind == "members" and s.supplements
             for j, t in enumerate(sources) if t.kind == "members" and t.file == s.file and t.sheet == s.supplements}
    if not mains:
        return frame
    by_card = [i for i in mains if "member_id" in sources[i].columns]
    parts = frame.filter(pl.col("_src").is_in(list(mains))).with_columns(
        pl.col("_src").replace_strict(mains, return_dtype=pl.Int32).alias("_main"))
    full = frame.filter(pl.col("_src").is_in(list(set(mains.values()))))
    once = full.filter(pl.len().over("_src", "name_key") == 1)
    found = pl.concat([
        parts.filter(pl.col("_src").is_in(by_card)).join(
            full.select(pl.col("_src").alias("_main"), "member_id", pl.col("_row").alias("_to"))
            .unique(["_main", "member_id"], keep="first"), on=["_main", "member_id"]),
        parts.filter(~pl.col("_src").is_in(by_card)).join(
            once.select(pl.col("_src").alias("_main"), "name_key", pl.col("_row").alias("_to"),
                        pl.col("birth_date").alias("_born")), on=["_main", "name_key"])
        .filter(pl.col("birth_date").is_null() | pl.col("_born").is_null() | (pl.col("birth_date") == pl.col("_born")))
        .drop("_born"),
    ], how="diagonal_relaxed").unique(["_main", "_to"], keep="first")
    if not found.height:
        return frame
    facts = [c for c in frame.columns if c not in _OWN]
    added = found.select(pl.col("_main").alias("_src"), pl.col("_to").alias("_row"),
                         *(pl.col(c).alias(f"{c}__more") for c in facts))
    # the membership's stage is the full row's (its dates say it); an exemption, a stay elsewhere or an exit
    # the other list names is news
    kept = (pl.col("status").is_in(list(EXIT_STATUSES)) | pl.col("status__more").is_null()
            | pl.col("status__more").is_in(["official", "probationary"]))
    frame = (frame.join(found.select("_src", "_row"), on=["_src", "_row"], how="anti", maintain_order="left")
             .join(added, on=["_src", "_row"], how="left", maintain_order="left")
             .with_columns(
                 pl.when(kept).then(pl.col("status"))
                 .otherwise(pl.col("status__more")).alias("status"),
                 *(pl.coalesce(c, f"{c}__more").alias(c) for c in facts if c != "status"))
             .drop(f"{c}__more" for c in facts))
    gone = found.select("_src", "_row")
    for k, issue in enumerate(issues):
        if issue.height:
            issues[k] = pl.concat([issue.filter(~pl.col("code").is_in(["DAT001", "DAT010"])),
                                   issue.filter(pl.col("code").is_in(["DAT001", "DAT010"]))
                                   .join(gone, on=["_src", "_row"], how="anti")])
    return frame


def _occupation_group(frame):
    """The expression of each row's occupation group (OCCUPATION_GROUPS; "other" for an occupation no group
    names, null for no occupation), looked up once per distinct occupation; and the occupations no group names."""
    groups = code_map(frame.get_column("occupation").unique().to_list(), OCCUPATION_GROUPS, contains=True)
    group = (pl.when(pl.col("occupation").is_not_null())
             .then(pl.col("occupation").replace_strict(groups, default="other", return_dtype=pl.String)))
    return group.alias("occupation_group"), sorted(v for v, g in groups.items() if g is None)


_STATUS_DATE = r"(\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4})"
# where a status's words end and what is said of it begins: a date, a bracket or a dash, or a word that
# introduces a date, a decision or a place ("Chuyển đi ngày 05/06/2026", "XT - QĐ 15", "Chuyển sinh hoạt
# đến Đảng bộ xã X", "Miễn sinh hoạt (tuổi cao)", "Chính thức từ 2020")
_STATUS_END = (r"(?i)(?:\s*[(\[,;:]|\s+[-–]|\s+(?:ngày|từ|theo|qđ|quyết định|số|đến|tại|về|lúc|năm|tháng)(?:\s|$)"
               r"|\s*\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\s*\b(?:19|20)\d{2}\b).*$")


def _status_parts(column: str) -> list:
    """A status written with its date or decision ("TT (02/02/2026)", "XT - QĐ 15 ngày 3/4/2026", "Chuyển đi
    ngày 05/06/2026"): the status's words, and the date as `status_date` (parsed with the other dates); a
    reason, a decision or a place after it is no part of it ("Miễn sinh hoạt (tuổi cao, sức yếu)", "Chuyển
    sinh hoạt đến Đảng bộ xã X"). Computed once per distinct status."""
    code = pl.col(column).str.replace(_STATUS_END, "").str.strip_chars()
    return [pl.coalesce(code.replace("", None), pl.col(column)), pl.col(column).str.extract(_STATUS_DATE, 1)]


# what a list's notes may say became of a member: an exit, an exemption, a guest's entry (in words: the
# status's codes, "TT", "XT", "CĐi", are too short to tell in free text, where "TT" is also "tạm thời")
_NOTE_STATUSES = ("transferred", "deceased", "removed", "expelled", "resigned", "exempt", "temp_exempt", "guest",
                  "away")


def _in_words(text: str) -> bool:
    """Whether a status is said with a word, not in its code alone ("Miễn SH", "Mất"; not "TT", "CĐi")."""
    return any(len(word) > 1 and sum(ch.isupper() for ch in word) < 2 for word in text.split())


def _status_from_notes(frame):
    """A list without a status column, or with it empty, often says in its notes what became of a member
    ("Ghi chú": "Từ trần 05/6/2026", "Chuyển đi", "Miễn SH"): a note that is such a status, with its date,
    is the status; any other note is no status and no finding."""
    if "note" not in frame.columns:
        return frame
    frame = _ensure(frame, "status")
    words, _ = _status_parts("note")
    notes = frame.select(pl.col("note").unique().drop_nulls()).with_columns(words.alias("_words"))
    codes = code_map(notes.get_column("_words").to_list(), STATUSES)
    said = [note for note, said in notes.iter_rows()
            if codes.get(said) in _NOTE_STATUSES and _in_words(said)]
    if not said:
        return frame
    return frame.with_columns(pl.coalesce("status", pl.when(pl.col("note").is_in(said)).then(pl.col("note")))
                              .alias("status"))


def _national_ids(frame):
    """The national ids as digits: one scan finds out whether any cell needs more (most exports need nothing)."""
    ids = frame.get_column("national_id")
    if ids.dtype == pl.String and ids.str.contains(r"[^0-9]").any():
        marked = ids.str.contains(r"[^\d\s.Ee+]").any()  # more than spaces, dots or a number's exponent
        return frame.with_columns(digits_of("national_id", marked=marked).alias("national_id"))
    return frame


def _scientific(column: str):
    """(whether a cell is a number in scientific notation, its digits where it shows them all): "2.1003304E7"
    is 21003304; "1.23457E+11" (a 12-digit id in a CSV saved from Excel) shows six of twelve, the last lost:
    null, never 123457000000."""
    sci = pl.col(column).str.strip_chars().str.extract_groups(r"(?i)^\d(?:\.(\d+))?e\+?(\d+)$")
    shown = sci.struct.field("1").fill_null("").str.len_chars() >= sci.struct.field("2").cast(pl.Int64, strict=False)
    as_number = pl.col(column).str.strip_chars().cast(pl.Float64, strict=False).round(0).cast(pl.Int64, strict=False)
    return sci.struct.field("2").is_not_null(), pl.when(shown).then(as_number.cast(pl.String))


def digits_of(column: str, *, marked: bool = True):
    """An id as its digits, also where Excel stored it as a number ("12345678901.0", "1.23456789012E+11"), or
    (`marked`: some cell holds more than digits, spaces and dots) typed with a label, a text mark or its digits
    grouped ("CCCD: 001…", "'001…", "001-060-000-001")."""
    text = pl.col(column)
    if marked:
        text = text.str.replace(r"(?i)^\s*(?:số\s*)?(?:cccd|cmnd|cmt|căn cước|định danh)?\s*[:.]?\s*'?", "")
    text = text.str.replace_all(r"[\s.]", "")
    if marked:
        text = pl.when(text.str.contains(r"^\d[\d-]*\d$")).then(text.str.replace_all("-", "", literal=True)).otherwise(text)
    scientific, exact = _scientific(column)
    return (pl.when(scientific).then(pl.coalesce(exact, pl.col(column).str.strip_chars()))
            .when(pl.col(column).str.contains(r"^\s*\d+\.0+\s*$")).then(pl.col(column).str.replace(r"\.0+\s*$", "").str.strip_chars())
            .otherwise(text))


def _identify(frame, issues: list):
    """A member without a card number: identified by the app's code, else the lý lịch number, else name and
    birth date (`identified_by` says which). A probationary member has no card yet (DAT010, low); an
    official member must have one (DAT001)."""
    if not frame.get_column("member_id").null_count():
        return frame.with_columns(pl.lit("card").alias("identified_by"))
    missing = pl.col("member_id").is_null() & pl.col("member_code").is_null()
    fallback = pl.coalesce(
        pl.when(pl.col("record_number").is_not_null()).then(pl.format("LL {}", "record_number")),
        pl.when(pl.col("full_name").is_not_null()).then(
            pl.format("{} {}", "name_key", pl.col("birth_date").dt.strftime("%d/%m/%Y").fill_null("?"))))
    how = (pl.when(pl.col("member_id").is_not_null()).then(pl.lit("card"))
           .when(pl.col("member_code").is_not_null()).then(pl.lit("member_code"))
           .when(pl.col("record_number").is_not_null()).then(pl.lit("record_number"))
           .when(pl.col("full_name").is_not_null()).then(pl.lit("name_birth_date")))
    frame = frame.with_columns(how.alias("identified_by"), missing.alias("_no_card"),
                               pl.coalesce("member_id", "member_code", fallback).alias("member_id"))
    official = pl.col("status") == "official"
    issues.append(issue_rows(frame, pl.col("_no_card") & official, "member_id", pl.lit(""), "missing"))
    issues.append(issue_rows(frame, pl.col("_no_card") & ~official & pl.col("identified_by").is_not_null(),
                             "member_id", pl.lit(""), pl.col("identified_by")))
    return frame.drop("_no_card")


def name_key(name):
    """A name compared case- and diacritic-insensitively ("Nguyễn Văn Áng" ~ "NGUYEN VAN ANG"), in Rust; the
    "Đ/c" (đồng chí, comrade) a list or an introducer's cell may write before it is no part of it."""
    return (name.str.to_lowercase().str.replace_all("đ", "d", literal=True).str.normalize("NFD")
            .str.replace_all(r"\p{M}", "").str.replace_all(r"[^\p{L}\p{N}]+", " ").str.strip_chars()
            .str.replace(r"^d ?c ", ""))


def _units(frame, issues, sources, extra_marks):
    frame = _ensure(frame, "unit", "parent_unit", "kind")
    _required(frame, "units", issues)
    return _code(frame, issues, "kind", UNIT_KINDS, contains=True)


BY_NAME = "~"  # a member id standing for a name to match (assemble.combine resolves it)


def by_name(frame, sources):
    """Rows of a table kept by name (no member column, or an empty cell in it): the member id becomes the
    name to match, `~name~branch`, the branch from a branch column or the sheet's title; `combine` finds
    the member by it once every file is read (an unknown or ambiguous name is a data finding there)."""
    frame = _ensure(frame, "member_id", "full_name", "unit")
    if frame.get_column("member_id").null_count() == 0 or frame.get_column("full_name").null_count() == frame.height:
        return frame  # every row has its member id, or no row a name
    titles = pl.DataFrame({"_src": list(range(len(sources))), "_title_unit": [s.unit_from_title for s in sources]},
                          schema={"_src": pl.Int32, "_title_unit": pl.String})
    frame = frame.join(titles, on="_src", how="left")
    key = pl.format("{}{}{}{}", pl.lit(BY_NAME), pl.col("full_name"), pl.lit(BY_NAME),
                    pl.coalesce("unit", "_title_unit", pl.lit("")))
    return frame.with_columns(pl.coalesce("member_id", pl.when(pl.col("full_name").is_not_null()).then(key))
                              .alias("member_id")).drop("_title_unit")


def _attendance(frame, issues, sources, extra_marks):
    frame = by_name(frame, sources)
    _required(frame, "attendance", issues)
    vocabulary = _vocab(ATTENDANCE_MARKS, extra_marks.get("attendance"))
    if months := _month_columns(frame):
        values = month_values(frame, months)
        texts = {v: cell_text(v) for v in set().union(*values.values())}  # a typed 1 reads like the text "1"
        codes = code_map(list(set(texts.values())), vocabulary, tight=True)
        return wide_masks(frame, months, MASKS["attendance"], {v: codes[t] for v, t in texts.items()}, values, issues)
    frame = _ensure(frame, "mark", "meeting_date", "month").filter(pl.col("mark").is_not_null())
    frame = _dates(frame, issues, DATE_COLUMNS["attendance"])
    if frame.get_column("month").null_count() < frame.height:  # a meeting's month, not its day ("Tháng": 05/2026, T5)
        frame = _month_keys(frame, "month", sources, issues)
        frame = frame.with_columns(pl.coalesce("meeting_date", "key").alias("meeting_date")).drop("key")
    # a meeting's roll call with no date column: the one month its title names ("… THÁNG 5 NĂM 2026")
    titled = {i: date(*s.title_months[0], 1) for i, s in enumerate(sources) if len(s.title_months) == 1}
    if titled and frame.get_column("meeting_date").null_count():
        frame = frame.with_columns(pl.coalesce("meeting_date", by_source(titled, pl.Date)).alias("meeting_date"))
    # a mark of no meeting date counts for no month: said, never dropped unseen
    issues.append(issue_rows(frame, pl.col("meeting_date").is_null() & pl.col("meeting_date__raw").is_null()
                             & pl.col("month").is_null(), "meeting_date", pl.lit(""), "missing"))
    frame = _code(frame, issues, "mark", vocabulary, tight=True)
    return long_masks(frame.drop("month").rename({"meeting_date": "month"}), "mark", MASKS["attendance"])


def _dues(frame, issues, sources, extra_marks):
    frame = by_name(frame, sources)
    _required(frame, "dues", issues)
    vocabulary = _vocab(DUES_MARKS, extra_marks.get("dues"))
    if months := _month_columns(frame):
        values = month_values(frame, months)
        return wide_masks(frame, months, MASKS["dues"], _dues_states(set().union(*values.values()), vocabulary),
                           values, issues, blank="blank")
    frame = _title_months(_ensure(frame, "month", "mark", "amount", "months_paid", "paid_through"), sources)
    through = frame.filter(pl.col("paid_through").is_not_null())
    if through.height:
        frame = frame.filter(pl.col("paid_through").is_null())
        through = _paid_through(_month_keys(through, "paid_through", sources, issues), sources)
    frame = _month_keys(_quarter_rows(frame), "month", sources, issues)
    frame = frame.with_columns(
        pl.coalesce("amount", "mark").alias("cell"), pl.col("key").alias("month"),
        pl.when(pl.col("amount").is_not_null()).then(pl.lit("amount")).otherwise(pl.lit("mark")).alias("field"),
    ).filter(pl.col("cell").is_not_null())
    states = _dues_states(frame.get_column("cell").unique().to_list(), vocabulary)
    frame = frame.with_columns(pl.col("cell").replace_strict(states, default=None, return_dtype=pl.String).alias("state"))
    issues.append(issue_rows(frame, pl.col("state").is_null(), "*", pl.col("cell"), "unknown_code"))
    masks = long_masks(frame, "state", MASKS["dues"])
    return pl.concat([masks, through.select(masks.columns)]) if through.height else masks


def _quarter_rows(frame):
    """A dues record for a quarter ("Quý I/2026", "Q3", as a wide book has its columns): a row for each of its
    three months, the record's cell each month's."""
    if frame.schema["month"] != pl.String:
        return frame
    quarters = {text: [key.replace("?-", "T") if key.startswith("?-") else f"{key[5:]}/{key[:4]}" for key in keys]
                for text in frame.get_column("month").drop_nulls().unique().to_list()
                if (keys := quarter_keys("dues", text, None))}
    if not quarters:
        return frame
    months = pl.col("month").replace_strict(list(quarters), list(quarters.values()), default=None,
                                            return_dtype=pl.List(pl.String))
    return frame.with_columns(pl.coalesce(months, pl.concat_list("month")).alias("month")).explode("month")


def by_source(values: dict, dtype):
    """Expression: each row's value of the source it came from (`_src` → value; null for a source not given):
    a sheet's year, the month its title names, the committee its title names."""
    return pl.col("_src").replace_strict(list(values), list(values.values()), default=None, return_dtype=dtype)


def _month_keys(frame, column: str, sources, issues):
    """`frame` with the month its `column` names as `key` (the first of the month), the year from the sheet
    where the cell names none: "09/2026", "T9", "Tháng 9 năm 2026", a date, a date cell stored as a serial.
    An unreadable month is a data issue."""
    keys = {}
    for text, src in frame.select(column, "_src").unique().rows():
        parsed = parse_month(text, in_group=True) if text else None
        if parsed is None and text and (day := re.fullmatch(r"\s*\d{1,2}[/.\-](\d{1,2})[/.\-](\d{4})\s*", text)):
            parsed = (int(day.group(2)), int(day.group(1))) if 1 <= int(day.group(1)) <= 12 else None
        if parsed is None and text and re.fullmatch(r"\d{5}(?:\.0+)?", text):  # a date cell stored as a serial
            day = date(1899, 12, 30) + timedelta(days=int(float(text)))
            parsed = (day.year, day.month)
        year = (parsed[0] or sources[src].year) if parsed else None
        keys[(text, src)] = date(year, parsed[1], 1) if parsed and year else None
    lookup = pl.DataFrame([(t, s, k) for (t, s), k in keys.items()],
                          schema={column: pl.String, "_src": pl.Int32, "key": pl.Date}, orient="row")
    frame = frame.join(lookup, on=[column, "_src"], how="left")
    issues.append(issue_rows(frame, pl.col(column).is_not_null() & pl.col("key").is_null(), column,
                             pl.col(column), "unreadable"))
    return frame


def _paid_through(frame, sources):
    """Dues kept as the month paid up to ("Đã nộp đến tháng": 10/2026), in month masks: that year's months up
    to it paid, every month after it empty, as an empty cell of a dues book (unpaid once ended, within the
    membership), through the sheet's year or at least the year after."""
    sheet_year = by_source(dict(enumerate(s.year for s in sources)), pl.Int32)
    year = pl.col("key").dt.year().cast(pl.Int32)
    upto = pl.lit(2, pl.UInt16).pow(pl.col("key").dt.month()) - 1  # January to the month paid up to
    rows = (frame.filter(pl.col("key").is_not_null())
            .with_columns(pl.int_ranges(year, pl.max_horizontal(year + 1, sheet_year.fill_null(0)) + 1,
                                        dtype=pl.Int32).alias("year"))
            .explode("year"))
    paid = pl.when(pl.col("year") == year).then(upto).otherwise(0).cast(pl.UInt16)
    return rows.select("_src", "_row", "member_id", "year", paid.alias("paid"), pl.lit(0, pl.UInt16).alias("unpaid"),
                       pl.lit(0, pl.UInt16).alias("excused"), (pl.lit(4095, pl.UInt16) - paid).alias("blank"))


def _title_months(frame, sources):
    """A dues record kept for the months its title names ("BIÊN BẢN NỘP ĐẢNG PHÍ THÁNG 7, 8, 9 NĂM 2026"),
    with no month column: a row per month named, the first `months_paid` (SỐ THÁNG) of them paid by the
    amount, the others not listed (nothing says they are unpaid)."""
    if frame.get_column("month").null_count() < frame.height:
        return frame
    periods = {i: s.title_months for i, s in enumerate(sources) if s.title_months}
    if not periods:
        return frame
    rows = [(src, rank, f"{month:02d}/{year}") for src, months in periods.items()
            for rank, (year, month) in enumerate(months, 1)]
    months = pl.DataFrame(rows, schema={"_src": pl.Int32, "_rank": pl.Int32, "_title_month": pl.String}, orient="row")
    paid = number("months_paid").cast(pl.Int32, strict=False)
    return (frame.join(months, on="_src", how="inner")
            .filter(paid.is_null() | (pl.col("_rank") <= paid))
            .with_columns(pl.col("_title_month").alias("month")).drop("_rank", "_title_month"))


def _dues_states(values, vocabulary: dict) -> dict:
    """Each distinct dues cell's state: an amount is paid (> 0) or unpaid (0), else a mark; None if neither.
    Cells are texts, or numbers in a typed (Parquet) column."""
    texts = {v: cell_text(v) for v in values if isinstance(v, str)}
    marks = code_map(list(texts.values()), vocabulary, tight=True)
    amounts = dict(pl.DataFrame({"cell": list(texts.values())}, schema={"cell": pl.String})
                   .select("cell", number("cell").alias("amount")).iter_rows())

    def state(value):
        amount = amounts[texts[value]] if isinstance(value, str) else value
        if amount is None:
            return marks[texts[value]]
        return "paid" if amount > 0 else "unpaid" if amount == 0 else None

    return {v: state(v) for v in values}


# the ways' names of two words or more: found inside a kind's text or a sheet's name or title
_WAYS = {way: tuple(a for a in aliases if " " in a) for way, aliases in TRANSFER_DIRECTIONS.items()}
_WAY_PHRASES = {way: tuple(f" {fold(a)} " for a in aliases) for way, aliases in _WAYS.items()}


def _way_named(source) -> str | None:
    """The way a sheet's transfers all went, as its name or title says ("Chuyển đến", "DANH SÁCH ĐẢNG VIÊN
    CHUYỂN ĐI NĂM 2026"); None where it names both ways ("… CHUYỂN ĐI, CHUYỂN ĐẾN") or none."""
    text = " ".join(f" {fold(t)} " for t in (source.sheet, *source.titles))
    ways = {way for way, phrases in _WAY_PHRASES.items() if any(p in text for p in phrases)}
    return ways.pop() if len(ways) == 1 else None


def _direction(frame, issues, sources):
    """Which way each transfer went: its direction column ("Chuyển đi/Chuyển đến": Chuyển đến), else its kind's
    words ("Chuyển đến tạm thời"; a kind saying only the way is no kind), else the sheet's name or title;
    in the transfers book (Mẫu 10-SHĐ) a row with where the member came from and no destination came in."""
    frame = _code(frame, issues, "direction", TRANSFER_DIRECTIONS)
    kinds = frame.get_column("kind").unique().to_list()
    kind_way = code_map(kinds, _WAYS, contains=True)
    kind_code = code_map(kinds, TRANSFER_KINDS, contains=True)
    only_way = [k for k, way in kind_way.items() if way and kind_code[k] is None]
    named = {i: way for i, source in enumerate(sources) if (way := _way_named(source))}
    both = [i for i, source in enumerate(sources) if {"from_unit", "to_unit"} <= set(source.columns)]
    booked = (pl.when(pl.col("_src").is_in(both) & pl.col("to_unit").is_null() & pl.col("from_unit").is_not_null())
              .then(pl.lit("in")))
    return frame.with_columns(
        pl.coalesce("direction", pl.col("kind").replace_strict(kind_way, default=None, return_dtype=pl.String),
                    pl.col("_src").replace_strict(named, default=None, return_dtype=pl.String), booked)
        .alias("direction"),
        pl.when(pl.col("kind").is_in(only_way)).then(None).otherwise(pl.col("kind")).alias("kind"))


def _transfers(frame, issues, sources, extra_marks):
    frame = _ensure(by_name(frame, sources), "member_id", "kind", "purpose", "until", "from_unit", "to_unit",
                    "direction", "place", "received_on")
    _required(frame, "transfers", issues)
    # a temporary transfer's term written as its length ("Thời hạn": "12 tháng", "6 THÁNG", "1 năm") ends that
    # long after the letter was issued
    term = pl.col("until").str.to_lowercase().str.extract_groups(r"^\s*(\d{1,2})\s*(tháng|năm)\s*$")
    months = term.struct.field("1").cast(pl.Int32) * pl.when(term.struct.field("2") == "năm").then(12).otherwise(1)
    terms = frame.schema["until"] == pl.String and frame.select(months.is_not_null().any()).item()
    if terms:
        frame = frame.with_columns(months.alias("_term")).with_columns(
            pl.when(pl.col("_term").is_null()).then(pl.col("until")).alias("until"))
    frame = _dates(frame, issues, DATE_COLUMNS["transfers"])
    if terms:
        frame = frame.with_columns(pl.coalesce("until", pl.col("issued_on").dt.offset_by(
            pl.format("{}mo", pl.col("_term")))).alias("until")).drop("_term")
    frame = _direction(frame, issues, sources)
    # a book of both ways has one place and one date a row: the place is where a member went, or came from;
    # the date the day sent, or for a member received here the day received (where the sheet keeps no other
    # date for it: Mẫu 10-SHĐ heads its one date "ngày giới thiệu đảng viên đi, ngày tiếp nhận đảng viên đến")
    came = pl.col("direction") == "in"
    undated = [i for i, source in enumerate(sources)
               if source.columns.get("received_on") in (None, source.columns.get("issued_on"))]
    received = came.fill_null(False) & pl.col("_src").is_in(undated) & pl.col("received_on").is_null()
    frame = frame.with_columns(
        pl.when(came).then(pl.coalesce("from_unit", "place")).otherwise(pl.col("from_unit")).alias("from_unit"),
        pl.when(came).then(pl.col("to_unit")).otherwise(pl.coalesce("to_unit", "place")).alias("to_unit"),
        pl.when(received).then(pl.col("issued_on")).otherwise(pl.col("received_on")).alias("received_on"),
        pl.when(~received).then(pl.col("issued_on")).alias("issued_on"))
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
    """Ratings long (a row per member and year) or wide (a column per year). Their texts repeat a lot (8.9
    million ratings, a few dozen distinct texts): the level prefix and the year are read once per distinct
    text."""
    frame = by_name(_ensure(frame, "member_id", "field", "value", "year", "rating", "rating_branch"), sources)
    _required(frame, "ratings", issues)
    # a list of one year's ratings names its year in the title or the sheet name only
    sheet_year = by_source(dict(enumerate(s.year for s in sources)), pl.Int32)
    frame = frame.with_columns(pl.coalesce(pl.col("year").cast(pl.String), sheet_year.cast(pl.String)).alias("year"))
    # the committee's rating stands over the branch's proposal; "Mức 2. Hoàn thành tốt nhiệm vụ" is the rating
    level = r"(?i)^\s*m[ứu]c\s*\d\s*[.:\-–]\s*(\S.*)$"
    if frame.get_column("rating_branch").null_count() < frame.height:
        frame = frame.with_columns(pl.coalesce("rating", "rating_branch").alias("rating"))
    if frame.get_column("field").null_count() < frame.height:  # some rows wide: the year's column and cell
        wide = pl.col("field").is_not_null()
        frame = frame.with_columns(
            pl.when(wide).then(pl.col("value")).otherwise(pl.col("rating")).alias("rating"),
            pl.when(wide).then(pl.col("field")).otherwise(pl.col("year")).alias("year_text"),
            pl.when(wide).then(pl.col("field")).otherwise(pl.lit("rating")).alias("field"),
        )
    else:
        frame = frame.with_columns(pl.col("year").alias("year_text"), pl.lit("rating").alias("field"))
    frame = frame.filter(pl.col("rating").is_not_null())
    # … and a note in brackets after it ("Hoàn thành tốt nhiệm vụ (đảng viên)") is no part of it
    frame = on_distinct(frame, "rating", _level=pl.col("rating").str.replace(level, "$1")
                        .str.replace(r"\s*\([^()]*\)\s*$", ""))
    frame = on_distinct(frame, "year_text", _year=number("year_text").cast(pl.Int32, strict=False))
    frame = frame.with_columns(pl.col("_level").alias("rating"), pl.col("_year").alias("year"))
    issues.append(issue_rows(frame, pl.col("year").is_null(), "year", pl.col("year_text"), "unreadable"))
    frame = _code(frame, issues, "rating", RATINGS, field="*", tight=True)  # "HTT NV" is HTTNV
    return frame.filter(pl.col("rating").is_not_null() & pl.col("year").is_not_null())


def _targets(frame, issues, sources, extra_marks):
    frame = _ensure(frame, "unit", "year", "admissions")
    _required(frame, "targets", issues)
    frame = frame.with_columns(
        number("year").cast(pl.Int32, strict=False).alias("year_value"),
        number("admissions").cast(pl.Int64, strict=False).alias("admissions_value"),
    )
    for column in ("year", "admissions"):
        issues.append(issue_rows(frame, pl.col(column).is_not_null() & pl.col(f"{column}_value").is_null(),
                                 column, pl.col(column), "not_a_number"))
    return frame.with_columns(pl.col("year_value").alias("year"), pl.col("admissions_value").alias("admissions"))


def _candidates(frame, issues, sources, extra_marks):
    """People on their way in: their steps' dates, the introducers as written (a card number or a name,
    resolved by ADM004), the occupation's group; `candidate` keys the row (lý lịch number, else name and
    birth date), `name_key` finds them among the members once admitted."""
    frame = _ensure(frame, "full_name", "unit", "parent_unit", "birth_date", "gender", "occupation", "record_number",
                    "introducer_1", "introducer_2")
    _required(frame, "candidates", issues)
    frame = _dates(frame, issues, DATE_COLUMNS["candidates"])
    frame = _code(frame, issues, "gender", GENDERS)
    frame = frame.with_columns(name_key(pl.col("full_name")).alias("name_key"), *_two_introducers())
    return frame.with_columns(
        pl.coalesce(pl.format("LL {}", "record_number"),
                    pl.format("{} {}", "name_key", pl.col("birth_date").dt.strftime("%d/%m/%Y").fill_null("?")))
        .alias("candidate"),
        _occupation_group(frame)[0],
        *[pl.col(c).str.strip_chars() for c in ("introducer_1", "introducer_2")],
    )


def _two_introducers() -> list:
    """Both introducers written in one cell ("Nguyễn Văn An, Trần Thị Bình", "1. Đ/c An⏎2. Đ/c Bình") where the
    sheet has one column for them: the first and the second, each without its numbering (one name stays the
    first, the second then missing: ADM004 says so)."""
    parts = (pl.col("introducer_1").str.replace_all(FACT_SEPARATOR, "\x1f")
             .str.split("\x1f").list.eval(pl.element().str.replace(r"^\s*(?:\d{1,2}\s*[.)/]|[-+•])\s*", "")
                                            .str.strip_chars().filter(pl.element() != "")))
    two = pl.col("introducer_2").is_null() & (parts.list.len() == 2)
    return [pl.when(two).then(parts.list.get(0)).otherwise(pl.col("introducer_1")).alias("introducer_1"),
            pl.when(two).then(parts.list.get(1)).otherwise(pl.col("introducer_2")).alias("introducer_2")]


def _comments(frame, issues, sources, extra_marks):
    """A residence branch's comment on a member for a year (the year column, else the comment's date)."""
    frame = _ensure(by_name(frame, sources), "member_id", "year", "comment")
    _required(frame, "comments", issues)
    frame = _dates(frame, issues, DATE_COLUMNS["comments"])
    year = number("year").cast(pl.Int32, strict=False)
    issues.append(issue_rows(frame, pl.col("year").is_not_null() & year.is_null(), "year", pl.col("year"),
                             "not_a_number"))
    # else the year its comment column names ("Nhận xét, đánh giá năm 2025"), else its sheet's or titles'
    named = {i: y for i, s in enumerate(sources) if s.kind == "comments"
             and (y := year_in(s.headers.get(s.columns.get("comment", ""), "") or "") or s.year)}
    return frame.with_columns(pl.coalesce(year, pl.col("commented_on").dt.year().cast(pl.Int32),
                                          pl.col("_src").replace_strict(named, default=None, return_dtype=pl.Int32))
                              .alias("year"))


def _discipline(frame, issues, sources, extra_marks):
    """A disciplinary decision: its date and form (reprimand, warning, dismissal from a post, expulsion)."""
    frame = _ensure(by_name(frame, sources), "member_id", "form", "reason")
    _required(frame, "discipline", issues)
    frame = _dates(frame, issues, DATE_COLUMNS["discipline"])
    return _code(frame, issues, "form", DISCIPLINE_FORMS, contains=True)


_BUILDERS = {
    "members": _members, "units": _units, "attendance": _attendance, "dues": _dues,
    "transfers": _transfers, "ratings": _ratings, "targets": _targets, "candidates": _candidates,
    "comments": _comments, "discipline": _discipline,
}


