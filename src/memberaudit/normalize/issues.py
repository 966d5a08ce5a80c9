"""Rows of `Roster.issues`: the one place normalisation records a value it could not read (a DAT finding later)."""

from __future__ import annotations

from memberaudit.model.lazy import pl


def issue_rows(frame, mask, code: str, field: str, value, detail=None):
    """Issue rows for the rows of `frame` where `mask` holds."""
    return frame.filter(mask).select(
        pl.lit(code).alias("code"), "_src", "_row",
        (pl.col("field") if field == "*" else pl.lit(field)).alias("field"),
        value.cast(pl.String).alias("value"),
        (pl.col("member_id") if "member_id" in frame.columns else pl.lit(None)).alias("member_id"),
        (detail if detail is not None else pl.lit(None)).cast(pl.String).alias("detail"),
    )
