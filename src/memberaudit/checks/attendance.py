"""Attendance: members who missed branch meetings without a valid reason."""

from __future__ import annotations

from memberaudit.checks.common import (
    MEMBER_COLUMNS,
    active_members,
    candidate_months,
    in_member_months,
    month_list,
)
from memberaudit.checks.registry import rule
from memberaudit.model.lazy import pl


@rule(code="ATT001", name="attendance.missed-months", category="screening", severity="high",
      needs=("members", "attendance"), params={"months": 3},
      reference="Điều lệ Đảng, Điều 8 khoản 2; Quy định 294-QĐ/TW, mục 8.1")
def missed_months(roster, ctx):
    """Member missed branch meetings in at least `months` months of the window without a valid reason.

    ## What it does
    Counts, for each active member, the distinct months of the window (from the admission month on)
    with an unexcused absence. Months in which the member is exempt (status and exemption dates, or an
    exempt mark) do not count. Flags the member when the count reaches `months` (3).

    ## Why
    The Party Charter (Art. 8.2) and Regulation 294-QĐ/TW (8.1) put a member who skips branch life three
    months in a year without a valid reason on the list for removal review.

    ## Example
    Marks K in February, May and August 2026, P in March: flagged with months 02/2026, 05/2026, 08/2026.
    A fourth K in a month covered by "Miễn sinh hoạt từ ngày" does not count.
    """
    active = active_members(roster, ctx)
    marks = candidate_months(roster.attendance, ctx, ("unexcused", "exempt"), pl.col("unexcused"),
                             ctx.params["months"], "mark")
    exempt_marks = marks.filter(pl.col("mark") == "exempt").select("member_id", "month").unique()
    unexcused = in_member_months(
        marks.filter(pl.col("mark") == "unexcused").select("member_id", "month").unique(), active
    ).join(exempt_marks, on=["member_id", "month"], how="anti")
    counts = unexcused.group_by("member_id").agg(
        pl.len().alias("count"), month_list().alias("months"))
    return (
        counts.filter(pl.col("count") >= ctx.params["months"])
        .join(active.select(MEMBER_COLUMNS), on="member_id")
    )
