"""Probation and admission: overdue recognition, early recognition, admission age."""

from __future__ import annotations

from memberaudit.checks.common import (
    MEMBER_COLUMNS,
    active_members,
    add_months,
    current_members,
    months_between,
)
from memberaudit.checks.registry import rule
from memberaudit.model.lazy import pl


@rule(code="PRB001", name="probation.review-overdue", category="compliance", severity="medium",
      params={"probation_months": 12, "review_working_days": 30},
      reference="Điều lệ Đảng, Điều 5 khoản 1; Quy định 294-QĐ/TW, mục 4.2")
def review_overdue(roster, ctx):
    """Probation ended and no recognition decision within `review_working_days` working days.

    ## What it does
    For probationary members with no official date: probation ends `probation_months` (12) months after
    admission; the branch must consider recognition within `review_working_days` (30) working days of that
    (weekends and Vietnamese public holidays not counted). Flags the member once the as-of date is later
    than that deadline.

    ## Why
    The Charter (Art. 5.1) and Regulation 294-QĐ/TW (4.2) set the deadline; a member left probationary
    past it has no legal standing in either status.

    ## Example
    Admitted 15/01/2025: probation ends 15/01/2026; 30 working days later (Tết excluded) is the deadline;
    audited after it, the member is flagged with the number of working days overdue.
    """
    members = active_members(roster, ctx).filter(
        (pl.col("status") == "probationary") & pl.col("official_date").is_null())
    ends = members.with_columns(add_months("admission_date", ctx.params["probation_months"]).alias("probation_end"))
    due = ctx.calendar.add_working_days(ends, "probation_end", ctx.params["review_working_days"], "deadline")
    late = due.filter(pl.col("deadline") < ctx.as_of).with_columns(pl.lit(ctx.as_of).alias("_as_of"))
    late = ctx.calendar.working_days_between(late, "deadline", "_as_of", "working_days_overdue")
    return late.select(*MEMBER_COLUMNS, "probation_end", "deadline", "working_days_overdue")


@rule(code="PRB002", name="probation.recognised-early", category="compliance", severity="medium",
      params={"probation_months": 12}, reference="Điều lệ Đảng, Điều 5")
def recognised_early(roster, ctx):
    """Recognised as a full member before `probation_months` months of probation.

    ## What it does
    Flags members whose official date is earlier than admission date + `probation_months` (12) months.

    ## Why
    Probation lasts twelve months (Charter Art. 5); an earlier recognition date is a wrong record or an
    invalid decision.

    ## Example
    Admitted 10/03/2024, official 01/02/2025: flagged (earliest allowed 10/03/2025).
    """
    members = current_members(roster).filter(pl.col("official_date").is_not_null())
    earliest = add_months("admission_date", ctx.params["probation_months"])
    return members.with_columns(earliest.alias("earliest_official")).filter(
        pl.col("official_date") < pl.col("earliest_official")
    ).select(*MEMBER_COLUMNS, "admission_date", "official_date", "earliest_official")


@rule(code="PRB003", name="admission.age-out-of-range", category="compliance", severity="medium",
      params={"min_age": 18, "max_age": 60}, reference="Quy định 294-QĐ/TW, mục 1.1")
def age_out_of_range(roster, ctx):
    """Admitted younger than `min_age` or older than `max_age`, counted in months.

    ## What it does
    Computes the age at admission in whole months and flags it below `min_age` × 12 or above
    `max_age` × 12 (a member admitted at exactly 60 years and 0 months is within range).

    ## Why
    Regulation 294-QĐ/TW (1.1) admits people aged 18 to 60; an older admission needs the provincial
    committee's approval, which this tool cannot see: check it by hand.

    ## Example
    Born 20/06/2008, admitted 01/03/2026: 17 years 8 months, flagged.
    """
    age = months_between(pl.col("birth_date"), pl.col("admission_date"))
    p = ctx.params
    return (
        current_members(roster)
        .filter(pl.col("birth_date") < pl.col("admission_date"))  # otherwise a typing error, reported by DAT003
        .with_columns(age.alias("age_months"))
        .filter((pl.col("age_months") < p["min_age"] * 12) | (pl.col("age_months") > p["max_age"] * 12))
        .select(*MEMBER_COLUMNS, "birth_date", "admission_date", (pl.col("age_months") // 12).alias("age_years"),
                (pl.col("age_months") % 12).alias("extra_months"))
    )
