"""Pandera (polars backend) schemas of the typed Roster; every failure becomes a DAT finding, never a crash.

Imported only by commands that load data: `import pandera.polars` costs about half a second.
"""

from __future__ import annotations

from datetime import date

from memberaudit.model.lazy import pl
from memberaudit.model.problems import CATALOGUE
from memberaudit.model.roster import COLUMNS, conform, schema
from memberaudit.model.vocab import (
    DISCIPLINE_FORMS,
    GENDERS,
    OCCUPATION_GROUPS,
    RATINGS,
    STATUSES,
    TRANSFER_KINDS,
    UNIT_KINDS,
)

_EARLIEST = date(1900, 1, 1)


def _checks(pa) -> dict[str, dict[str, list]]:
    """Per kind and column, the checks beyond the dtype; `isin` failures are unknown codes (DAT005)."""
    year = [pa.Check.in_range(1930, 2100)]
    dated = [pa.Check.ge(_EARLIEST)]
    return {
        "members": {
            "status": [pa.Check.isin(list(STATUSES))], "gender": [pa.Check.isin(list(GENDERS))],
            "occupation_group": [pa.Check.isin(list(OCCUPATION_GROUPS))],
            "party_age_gap_months": [pa.Check.in_range(0, 600)],
            "birth_date": dated, "admission_date": dated, "official_date": dated,
        },
        "units": {"kind": [pa.Check.isin(list(UNIT_KINDS))]},
        "attendance": {"year": year},
        "dues": {"year": year},
        "transfers": {"kind": [pa.Check.isin(list(TRANSFER_KINDS))], "issued_on": dated},
        "ratings": {"rating": [pa.Check.isin(list(RATINGS))], "year": year},
        "targets": {"year": year, "admissions": [pa.Check.ge(0)]},
        "candidates": {"birth_date": dated, "applied_on": dated, "resolved_on": dated, "decided_on": dated},
        "comments": {"year": year},
        "discipline": {"form": [pa.Check.isin(list(DISCIPLINE_FORMS))], "decided_on": dated},
    }


def validate(roster):
    """Check every table against its schema; failing cells become issues and are cleared."""
    import pandera.polars as pa

    checks = _checks(pa)
    new_issues = []
    for kind, extra in checks.items():
        frame = getattr(roster, kind)
        model = pa.DataFrameSchema(
            {name: pa.Column(dtype, checks=extra.get(name, []), nullable=True) for name, dtype in schema(kind).items()},
            strict=False, coerce=False,
        )
        try:
            model.validate(frame, lazy=True)
            continue
        except pa.errors.SchemaErrors as errors:
            failures = errors.failure_cases
        cells = failures.filter(pl.col("index").is_not_null() & pl.col("column").is_in(list(COLUMNS[kind])))
        if cells.height == 0:
            continue
        located = frame.with_row_index("index").with_columns(pl.col("index").cast(pl.Int32)).join(
            cells.select(pl.col("index").cast(pl.Int32), "column", "check", "failure_case"), on="index")
        new_issues.append(located.select(
            pl.when(pl.col("check").str.starts_with("isin")).then(pl.lit(CATALOGUE["unknown_code"].rule))
            .otherwise(pl.lit(CATALOGUE["out_of_range"].rule)).alias("code"),
            "_src", "_row", pl.col("column").alias("field"), pl.col("failure_case").alias("value"),
            (roster.id_text() if "member_id" in frame.columns else pl.lit(None, dtype=pl.String).alias("member_id")),
            pl.when(pl.col("check").str.starts_with("isin")).then(pl.lit("unknown_code"))
            .otherwise(pl.lit("out_of_range")).alias("detail")))
        for column in cells.get_column("column").unique().to_list():
            bad = cells.filter(pl.col("column") == column).get_column("index").cast(pl.UInt32)
            frame = frame.with_row_index("_i").with_columns(
                pl.when(pl.col("_i").is_in(bad.implode())).then(None).otherwise(pl.col(column)).alias(column)).drop("_i")
        setattr(roster, kind, frame)
    if new_issues:
        roster.issues = pl.concat([roster.issues, *[conform("issues", i) for i in new_issues]]).sort(
            "_src", "_row", "field", "code")
    return roster
