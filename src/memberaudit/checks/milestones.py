"""Milestones: party badges due at the next award occasion."""

from __future__ import annotations

from datetime import date

from memberaudit.checks.common import MEMBER_COLUMNS, active_members, party_age_years
from memberaudit.checks.registry import rule
from memberaudit.model.lazy import pl

MILESTONES = [30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90]


def occasions_around(as_of: date, occasions: list[str], chosen: date | None = None) -> tuple[date, date]:
    """(P, D): D the first award occasion after as-of (or the chosen one), P the occasion before D."""
    anchor = chosen or as_of
    days = sorted(date(y, int(o[:2]), int(o[3:])) for y in range(anchor.year - 1, anchor.year + 2) for o in occasions)
    following = chosen or next(d for d in days if d > as_of)
    return max(d for d in days if d < following), following


@rule(code="MIL001", identity=("milestone", "occasion"), name="badge.eligible", category="milestone", severity="low",
      params={"milestones": MILESTONES}, reference="Hướng dẫn 06-HD/TW (trước đây 01-HD/TW, mục 18)",
      evidence={'milestone': 'int', 'reached_on': 'date', 'occasion': 'date'},
      en={'title': 'Party badge due at the next award occasion',
          'message': '{milestone} years of membership on {reached_on}: badge on {occasion}'},
      vi={'title': 'Đủ điều kiện xét tặng Huy hiệu Đảng',
          'message': 'Đủ {milestone} năm tuổi đảng ngày {reached_on}, đề nghị tặng Huy hiệu dịp {occasion}',
          'what': 'Đảng viên có tuổi đảng đạt mốc {milestones} năm trong khoảng từ sau dịp trao trước đến '
                  'dịp trao tiếp theo (3/2, 19/5, 2/9, 7/11).',
          'why': 'Hướng dẫn 06-HD/TW (trước đây 01-HD/TW, mục 18).',
          'example': 'Vào Đảng 15/06/1996, kiểm tra 26/08/2026: đợt trao D = 02/09/2026, đợt trước P = '
                     '19/05/2026; tròn 30 năm tuổi đảng ngày 15/06/2026 nên được đề nghị Huy hiệu 30 năm '
                     'tuổi Đảng đợt 02/09/2026.'})
def badge_eligible(roster, ctx):
    """Member whose party age reaches a badge milestone at the next award occasion.

    ## What it does
    Award occasions are 3/2, 19/5, 2/9 and 7/11 (configurable as `[calendar] occasions`). D is the first
    occasion after the as-of date and P the one before it. Lists every active member whose party age
    (admission date plus the gap months) reaches a milestone in `milestones` within (P, D].

    ## Why
    Badges (Huy hiệu Đảng) for 30 to 90 years of membership are awarded on these occasions (Guidance
    06-HD/TW); the board prepares the list in advance.

    ## Example
    Admitted 15/06/1996, audited 26/08/2026: D = 02/09/2026, P = 19/05/2026; 30 years reached on
    15/06/2026, so listed for the 30-year badge on 02/09/2026.
    """
    before, occasion = occasions_around(ctx.as_of, ctx.occasions, ctx.occasion)
    # the window (P, D] is a few months long, so at most one milestone falls in it: the party age at D
    reached = pl.col("admission_date").dt.offset_by(
        pl.format("{}mo", pl.col("milestone") * 12 + pl.col("party_age_gap_months").fill_null(0)))
    return (
        active_members(roster, ctx)
        .with_columns(party_age_years(occasion).alias("milestone"))
        .filter(pl.col("milestone").is_in(ctx.params["milestones"]) & (party_age_years(before) < pl.col("milestone")))
        .with_columns(reached.alias("reached_on"))
        .select(*MEMBER_COLUMNS, "milestone", "reached_on", pl.lit(occasion).alias("occasion"))
    )
