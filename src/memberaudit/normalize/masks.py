"""Attendance and dues as month masks: a row per table row and year, a 12-bit mask per mark or dues state.

A wide sheet stays one row per member instead of becoming a row per month (58 million rows for 5.3 million
members), and rules count months with bit operations; `checks.common.monthly` turns the few rows a rule
reports back into months.
"""

from __future__ import annotations

import unicodedata

from memberaudit.model.lazy import pl
from memberaudit.normalize.issues import issue_rows


def month_values(frame, months: list[str]) -> dict[str, set]:
    """The distinct filled values of each month column (a handful among a million cells), as the sheet holds
    them: the loader leaves month cells uncleaned, and blank texts count as empty cells."""
    lists = frame.select([pl.col(m).drop_nulls().unique().implode() for m in months]).row(0)
    return {m: set(values) for m, values in zip(months, lists, strict=True)}


def cell_text(value) -> str:
    """A month cell's value as clean text (NFC, trimmed), whatever its type."""
    return unicodedata.normalize("NFC", str(value)).strip()


# Attendance and dues are kept as month masks: one row per table row and year, and per mark (or dues state)
# a 12-bit mask of the months whose cell holds it (bit 0 = January). A wide sheet stays one row per member
# instead of becoming a row per month (58 million rows for 5.3 million members), and rules count months with
# bit operations; `checks.common.monthly` turns the few rows a rule reports back into months.


def wide_masks(frame, months: list[str], order: tuple[str, ...], code_of: dict, values: dict[str, set],
                issues: list, *, blank: str | None = None):
    """Month masks (one per code of `order`) of a wide sheet whose month columns' `values` map to codes by
    `code_of` (None: unknown, a DAT005 issue); `blank` is the code of an empty cell, if it has one."""
    # "--" and "—" mean no meeting (or no record) that month, like an empty cell
    blanks = {m: [v for v in values[m] if isinstance(v, str) and not v.strip().strip("-–—.")] for m in months}
    for m in months:
        if unknown := [v for v in values[m] if code_of[v] is None and v not in blanks[m]]:
            # the cell as people read it elsewhere in the reports: NFC, trimmed (done on these few rows only)
            text = pl.col(m).cast(pl.String).str.normalize("NFC").str.strip_chars()
            issues.append(issue_rows(frame, pl.col(m).is_in(unknown), m, text, "unknown_code"))

    def bits(m: str, code: str) -> int:
        # all codes of a year in one integer: code k's mask is bits 12k..12k+11, so each cell is one lookup
        return 2 ** (12 * order.index(code) + int(m[5:7]) - 1)

    lookups = {}
    for m in months:
        known = [v for v in values[m] if code_of[v] is not None and v not in blanks[m]]
        empty = bits(m, blank) if blank else 0
        lookups[m] = ([*known, *blanks[m], None], [*(bits(m, code_of[v]) for v in known), *[empty] * (len(blanks[m]) + 1)])
    # streamed: a national export's month cells are hashed, numbered and summed a batch of rows at a time,
    # never twelve columns of 5.3 million numbers at once (0.9 GB more than the sheet itself)
    coded = numbered(frame.lazy(), lookups)
    parts = []
    for year in sorted({int(m[:4]) for m in months}):
        cells = [pl.col(m) for m in months if int(m[:4]) == year]
        packed = coded.select("_src", "_row", "member_id", pl.lit(year, pl.Int32).alias("year"),
                              pl.sum_horizontal(cells).alias("_packed")).filter(pl.col("_packed") != 0)
        parts.append(packed.select(
            pl.exclude("_packed"),
            *[(pl.col("_packed") // 2 ** (12 * k) % 4096).cast(pl.UInt16).alias(code) for k, code in enumerate(order)]))
    return pl.concat(parts).collect(engine="streaming")


def numbered(frame, lookups: dict[str, tuple[list, list[int]]], few: int = 8):
    """`frame` (eager or lazy) with each column of `lookups` ({column: (keys, numbers)}) replaced by the number of its value
    among the keys (the key None: an empty cell), 0 for any other value, as UInt64.

    Text columns are compared by their cells' 64-bit hashes, hashed once: comparing integers is several
    times faster than looking up texts (a national attendance export's 11 months: 0.3 s instead of 1.2 s).
    The keys are every value the column holds (`month_values`), so distinct hashes for them make it exact;
    should two share a hash, the texts are compared. Up to `few` keys are compared one by one (faster than
    a hash table); more are looked up."""
    hashed = {}
    schema = frame.collect_schema()
    for column, (keys, _) in lookups.items():
        if schema[column] == pl.String:
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


def long_masks(frame, column: str, order: tuple[str, ...]):
    """Month masks of a long table (a row per meeting or payment, its date in `month`), per member and year."""
    bit = pl.lit(2, pl.UInt16).pow(pl.col("month").dt.month() - 1)
    return (
        frame.filter(pl.col(column).is_not_null() & pl.col("month").is_not_null())
        .group_by("_src", "member_id", pl.col("month").dt.year().cast(pl.Int32).alias("year"), maintain_order=True)
        .agg(pl.col("_row").min(),
             *[pl.when(pl.col(column) == code).then(bit).otherwise(0).bitwise_or().alias(code) for code in order])
    )
