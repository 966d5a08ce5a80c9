"""Rows of `Roster.issues`: the one place normalisation records a value it could not read (a DAT finding later).

A problem is named by its key in the catalogue (`model.problems`), which says which rule lists it.
"""

from __future__ import annotations

from memberaudit.model.lazy import pl
from memberaudit.model.problems import CATALOGUE


def issue_rows(frame, mask, field: str, value, problem):
    """Issue rows for the rows of `frame` where `mask` holds: `problem` is a catalogue key, or an expression
    giving one per row (a date column's problems); `field` "*" takes each row's own `field` column."""
    if isinstance(problem, str):
        if problem not in CATALOGUE:
            raise KeyError(f"{problem!r} is not in the data-problem catalogue")
        detail, code = pl.lit(problem), pl.lit(CATALOGUE[problem].rule)
    else:
        detail = problem
        code = problem.replace_strict(list(CATALOGUE), [p.rule for p in CATALOGUE.values()], default=None)
    return frame.filter(mask).select(
        code.cast(pl.String).alias("code"), "_src", "_row",
        (pl.col("field") if field == "*" else pl.lit(field)).alias("field"),
        value.cast(pl.String).alias("value"),
        (pl.col("member_id") if "member_id" in frame.columns else pl.lit(None)).alias("member_id"),
        detail.cast(pl.String).alias("detail"),
    )
