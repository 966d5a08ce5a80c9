"""What several checks share: the run context, active members, the window's months, exempt months."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from memberaudit.model.lazy import pl
from memberaudit.model.roster import MASKS
from memberaudit.model.vocab import EXIT_STATUSES

MEMBER_COLUMNS = ("member_id", "unit", "parent_unit", "full_name", "_src", "_row")


@dataclass
class Context:
    """Everything a check may read besides the roster; no check reads the clock or globals."""

    as_of: date
    calendar: object
    window: str = "calendar"
    params: dict = field(default_factory=dict)
    min_share: dict = field(default_factory=dict)
    occasions: list = field(default_factory=list)
    occasion: date | None = None  # a chosen award occasion (`badges --occasion`), else the next one
    early: bool = False  # badges due in the 12 months after the occasion too (`badges --early`)

    @property
    def as_of_month(self) -> date:
        return self.as_of.replace(day=1)

    @property
    def month_ended(self) -> bool:
        """Whether the as-of month is over (as-of on its last day): only then is an empty cell of it, or a
        meeting missing in it, judged (a run on the 1st must not flag a month six hours old)."""
        return (self.as_of + timedelta(days=1)).month != self.as_of.month

    def window_months(self) -> list[date]:
        """Month starts of the window: Jan..as-of month (calendar) or the 12 months ending there (rolling)."""
        end = self.as_of_month
        if self.window == "rolling":
            return [_add_months(end, -k) for k in range(11, -1, -1)]
        return [date(end.year, m, 1) for m in range(1, end.month + 1)]


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def add_years(day: date, years: int) -> date:
    """`day` + N calendar years, 29 February becoming the 28th, as `add_months` clamps to the month's end."""
    return day.replace(year=day.year + years, day=28 if (day.month, day.day) == (2, 29) else day.day)


def add_months(column: str, months) -> object:
    """`column` + N calendar months (N a number or an expression), clamped to the month's last day."""
    return pl.col(column).dt.offset_by(pl.format("{}mo", months if not isinstance(months, int) else pl.lit(months)))


def on_the_list():
    """Expression: the row is a member's own entry on the list, neither an exit nor a guest's entry."""
    return ~pl.col("status").is_in([*EXIT_STATUSES, "guest"])


def current_members(roster):
    """The roster's current members, one row per member id (the first seen; exits and guest entries left
    out), as a LazyFrame: a rule collects only the columns it reads, where a copied frame of every column
    the rules read was held through the whole audit."""
    return roster.members.lazy().filter(current_mask(roster))


def current_mask(roster):
    """For each row of the roster's members, whether it is a current member's first row: computed once."""
    return roster.derived(("current",), lambda: first_mask(roster.members, on_the_list()))


def all_firsts(roster):
    """Each member id's first row of the whole members table, exits included: computed once per audit."""
    return roster.derived(("firsts",), lambda: first_rows(roster.members))


def first_mask(members, keep):
    """For each row of `members`, whether it is its member id's first row, in file and row order, among the
    rows where `keep` (an expression) holds; never for a row without an id. Found on the rows' positions
    and ids alone: nothing else is copied."""
    narrow = members.select("_src", "_row", "member_id", (keep & pl.col("member_id").is_not_null()).alias("_keep")
                            ).with_row_index("_i")
    kept = narrow if narrow.get_column("_keep").all() else narrow.filter("_keep")  # (a filter copies)
    rows = first_rows(kept)
    return pl.repeat(False, members.height, dtype=pl.Boolean, eager=True).scatter(rows.get_column("_i"), True)


def first_rows(members):
    """Each member id's first row, in file and row order (rows without an id dropped).

    `unique(keep="first")` hashes every id: 2.4 s for 5.3 million members. Here the ids' codes
    find the rows whose id is on several rows (nearly none), and only those are compared (0.15 s)."""
    if members.get_column("member_id").null_count():  # a filter copies every column, even keeping all rows
        members = members.filter(pl.col("member_id").is_not_null())
    members = in_file_order(members)
    repeated = repeats(members)
    if not repeated.any():
        return members
    rows = pl.int_range(members.height, dtype=pl.UInt32, eager=True).filter(repeated)
    firsts = rows.filter(members.get_column("member_id").filter(repeated).is_first_distinct())
    return members.filter((~repeated).scatter(firsts, True))


def repeated_keys(frame, keys: list[str]):
    """The rows of `frame` whose `keys` (none null) are on another row too, and the columns to group them by.

    Usually `_key`, one 64-bit hash of the keys: the hashes, sorted, show which ones repeat; only the rows
    holding those are taken (5.3 million members: 0.6 s, against 2 s hashing the keys into a table and 1 s
    gathering rows in hash order). Those rows, in hash order, are compared key by key, so two different keys
    sharing a hash are never taken for one: then the rows are found and grouped by the keys themselves."""
    hashed = frame.select(key_hash(keys)).to_series()
    ordered = hashed.sort()
    repeated = hashed.is_in(ordered.filter((ordered == ordered.shift(1)).fill_null(False)).implode())
    rows = frame.filter(repeated).with_columns(hashed.filter(repeated).alias("_key"))
    same_hash = pl.col("_key") == pl.col("_key").shift(1)
    by_hash = rows.select(*keys, "_key").sort("_key")
    if by_hash.select((same_hash & pl.any_horizontal(pl.col(k) != pl.col(k).shift(1) for k in keys)).any()).item():
        return frame.filter(pl.struct(keys).is_duplicated()), keys
    return rows, ["_key"]


def key_hash(keys: list[str]):
    """Expression: one 64-bit hash of the row's `keys`."""
    return pl.struct(keys).hash()


def in_file_order(frame):
    """The frame in file and row order. Rows usually are already: then nothing is copied (a sort copies every
    column, 1 GiB for 5.3 million members; Polars skips it only when it knows both columns are sorted, which
    a frame read from the cache or stacked from several files does not tell it)."""
    position = pl.col("_src").cast(pl.Int64) * 2**32 + pl.col("_row")
    step = frame.select(position.diff().min()).item()  # a scan of two integer columns
    if step is None or step >= 0:
        return frame
    return frame.sort("_src", "_row")


def repeats(members):
    """For each row, whether its member id is on another row too (False for no id): by id code, no hashing."""
    own = pl.int_range(members.height, dtype=pl.UInt32, eager=True)
    # member_rows gives each row one row holding its id: another one only where the id repeats
    return has_records(members, members.filter(member_rows(members, members) != own))


def active_members(roster, ctx: Context):
    """Current members admitted on or before the as-of date (RULES: "Active member"), as a LazyFrame like
    `current_members`."""
    mask = roster.derived(("active", ctx.as_of), lambda: current_mask(roster) & roster.members.select(
        (pl.col("admission_date") <= ctx.as_of).fill_null(False)).to_series())
    return roster.members.lazy().filter(mask)


def exempt_between(start, end):
    """Expression: the member is exempt from meetings (status exempt or temporarily exempt) at some time from
    `start` to `end`, within exempt_from/exempt_to when given."""
    return (pl.col("status").is_in(["exempt", "temp_exempt"])
            & (pl.col("exempt_from").is_null() | (pl.col("exempt_from") <= end))
            & (pl.col("exempt_to").is_null() | (pl.col("exempt_to") >= start)))


def in_member_months(records, active):
    """Keep the (member_id, month) records that fall in the member's months: from the admission month on and
    not exempt (status exempt or temporarily exempt, within exempt_from/exempt_to when given).

    Joining the few flagged records to the members avoids building every member × month pair."""
    exempt = exempt_between(pl.col("month"), pl.col("month").dt.month_end())
    return (
        records.lazy().join(active.lazy().select("member_id", "status", "admission_date", "exempt_from", "exempt_to"),
                            on="member_id")
        .filter((pl.col("month") >= pl.col("admission_date").dt.truncate("1mo")) & ~exempt)
        .drop("status", "admission_date", "exempt_from", "exempt_to").collect()
    )


def window_bits(ctx: Context):
    """The window's years, each with the mask of its months in the window (`_window`) and of those judged for
    what is missing (`_judged`: the as-of month only once it has ended)."""
    bits: dict[int, int] = {}
    for month in ctx.window_months():
        bits[month.year] = bits.get(month.year, 0) | 1 << (month.month - 1)
    return pl.DataFrame({"year": list(bits), "_window": list(bits.values()),
                         "_judged": [b & ~unended_bit(ctx, y) for y, b in bits.items()]},
                        schema={"year": pl.Int32, "_window": pl.UInt16, "_judged": pl.UInt16})


def unended_bit(ctx: Context, year: int) -> int:
    """The mask bit of the as-of month in `year` while that month is still running, else 0."""
    return 0 if ctx.month_ended or year != ctx.as_of.year else 1 << (ctx.as_of.month - 1)


def window_masks(records, ctx: Context, codes: tuple[str, ...]):
    """The month-mask rows (attendance, dues) of the window's years: member_id, year and the masks of `codes`
    cut to its months (only those columns are copied from the rows kept)."""
    bits = window_bits(ctx)
    window = pl.col("year").replace_strict(bits["year"], bits["_window"], default=0, return_dtype=pl.UInt16)
    return (records.lazy().filter(pl.col("year").is_in(bits["year"].implode()))
            .select("member_id", "year", *[pl.col(c) & window for c in codes]).collect())


def reaching(records, mask, at_least: int):
    """The member ids whose rows' `mask` (an expression) hold at least `at_least` months in all.

    An upper bound (a month on two rows of a member counts twice) that leaves the few members a rule must
    count exactly, month by month, out of millions of rows."""
    return (
        records.select("member_id", mask.alias("_mask")).filter(pl.col("_mask") != 0)
        .group_by("member_id").agg(pl.col("_mask").bitwise_count_ones().sum().alias("_months"))
        .filter(pl.col("_months") >= at_least).select("member_id")
    )


def candidate_months(records, ctx: Context, codes: tuple[str, ...], counted, at_least: int, name: str):
    """The months of the window in `records`' masks of `codes` (a row per member_id, code in column `name` and
    month), for the members whose rows hold at least `at_least` months of `counted` (an expression of the
    masks) at all: the few a rule then counts exactly, month by month."""
    records = window_masks(records, ctx, codes)
    candidates = reaching(records, counted, at_least)
    return monthly(records.filter(has_records(records, candidates)).select("member_id", "year", *codes), codes, name)


def monthly(records, codes: tuple[str, ...], name: str):
    """Month masks back to months: a row per row of `records`, code of `codes` (in column `name`) and month
    whose bit is set, the month as a date in "month". Meant for the few rows a rule reports on."""
    index = [c for c in records.columns if c not in codes]
    return (
        records.unpivot(on=list(codes), index=index, variable_name=name, value_name="_bits")
        .filter(pl.col("_bits") != 0)
        .with_columns(pl.int_ranges(0, 12).alias("_m")).explode("_m")
        .filter((pl.col("_bits") & pl.lit(2).pow(pl.col("_m")).cast(pl.UInt16)) != 0)
        .with_columns(pl.date(pl.col("year"), pl.col("_m") + 1, 1).alias("month"))
        .drop("_bits", "_m", "year")
    )


def month_list(column: str = "month"):
    """Aggregation: the sorted distinct months as "MM/YYYY" text (the evidence people read)."""
    return pl.col(column).unique().sort().dt.strftime("%m/%Y")


def party_age_reached(years):
    """Expression: the day the member's party age reaches `years` (a number or an expression): admission plus
    the years and the gap months."""
    return add_months("admission_date", years * 12 + pl.col("party_age_gap_months").fill_null(0))


def party_age_years(on: date):
    """Whole years of party age on a date: admission to `on`, minus the gap months (RULES)."""
    months = (
        (on.year - pl.col("admission_date").dt.year()) * 12
        + (on.month - pl.col("admission_date").dt.month())
        - (pl.col("admission_date").dt.day() > on.day).cast(pl.Int32)
        - pl.col("party_age_gap_months").fill_null(0)
    )
    return (months // 12).cast(pl.Int32)


def months_between(start, end):
    """Whole months from date expression `start` to `end` (negative when end is earlier)."""
    return (
        (end.dt.year() - start.dt.year()) * 12 + (end.dt.month() - start.dt.month())
        - (start.dt.day() > end.dt.day()).cast(pl.Int32)
    )


def member_rows(records, members):
    """For each row of `records`, the row number in `members` holding its member_id (null when none).

    Member ids are the Roster's integer codes: they index an array of row numbers, so a million members'
    attendance records are matched by a gather instead of a hash join (about 10× faster). An id on several
    member rows gets one of them, which is enough to test presence; to take a member's fields, pass
    `members` with each id once. Rows without an id match nothing, on either side."""
    codes, wanted = _id_codes(members, records)
    rows = pl.int_range(len(codes), dtype=pl.UInt32, eager=True)
    if codes.null_count():
        rows, codes = rows.filter(codes.is_not_null()), codes.drop_nulls()
    size = max(codes.max() or 0, wanted.max() or 0) + 1
    return pl.repeat(None, size, dtype=pl.UInt32, eager=True).scatter(codes, rows).gather(wanted)


def _id_codes(a, b):
    """The member ids of two frames as the Roster's codes (`Roster.ids`), which index one table of ids."""
    if a.schema["member_id"] != pl.UInt32 or b.schema["member_id"] != pl.UInt32:
        raise TypeError(f"member ids must be the Roster's codes: {a.schema['member_id']}, {b.schema['member_id']}")
    return a.get_column("member_id"), b.get_column("member_id")


def unit_masks(roster, table: str):
    """Per unit and year, the mask (`_marks`) of the months in which some record of month-mask `table` holds
    a mark for a member on the roster, the unit being the member's (first row per id)."""

    def compute():
        members = all_firsts(roster)
        records = getattr(roster, table)
        marked = pl.reduce(lambda a, b: a | b, [pl.col(c) for c in MASKS[table]])
        units = members.get_column("_unit").gather(member_rows(records, members))
        return (records.select(units, "year", marked.alias("_marks")).drop_nulls("_unit")
                .group_by("_unit", "year").agg(pl.col("_marks").bitwise_or()).filter(pl.col("_marks") != 0)
                .select(pl.col("_unit").cast(pl.String).alias("unit"), "year", "_marks"))

    return roster.derived(("unit_masks", table), compute)


def in_covered_units(roster, table: str):
    """Expression on member rows: the row's unit has a member with a record in `table` (a lookup of unit
    codes: a semi join on unit names took 1.4 s on 5.3 million members)."""
    units = roster.derived(("covered", table), lambda: (
        roster.members.get_column("_unit").filter(has_records(roster.members, getattr(roster, table))).unique()
    ))
    return pl.col("_unit").is_in(units.implode())


def has_records(members, records):
    """For each row of `members`, whether `records` hold its member_id (the records looked up like members)."""
    return member_rows(members, records.drop_nulls("member_id")).is_not_null()
