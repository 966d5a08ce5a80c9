"""Milestones: party badges due at the next award occasion."""

from __future__ import annotations

from datetime import date

from memberaudit.checks.common import (
    MEMBER_COLUMNS,
    active_members,
    add_years,
    party_age_reached,
    party_age_years,
)
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
      params={"milestones": MILESTONES, "reprimand_months": 6, "warning_months": 9, "dismissal_months": 12},
      reference="Hướng dẫn 06-HD/TW (trước đây 01-HD/TW, mục 18)",
      evidence={'milestone': 'int', 'reached_on': 'date', 'occasion': 'date', 'award': 'code', 'award_on': 'date',
                'discipline': 'code?'},
      en={'title': 'Party badge due at the next award occasion',
          'message': '{milestone} years of membership on {reached_on}: {award} {award_on}'},
      vi={'title': 'Đủ điều kiện xét tặng Huy hiệu Đảng',
          'message': 'Đủ {milestone} năm tuổi đảng ngày {reached_on}, {award} {award_on}',
          'what': 'Đảng viên có tuổi đảng đạt mốc {milestones} năm trong khoảng từ sau dịp trao trước đến '
                  'dịp trao tiếp theo (3/2, 19/5, 2/9, 7/11). Đảng viên bị kỷ luật chưa được đề nghị cho đến '
                  '{reprimand_months} tháng (khiển trách), {warning_months} tháng (cảnh cáo) hoặc '
                  '{dismissal_months} tháng (cách chức) sau ngày quyết định kỷ luật: danh sách ghi ngày đó. '
                  'Với «badges --early», cả đảng viên đạt mốc trong 12 tháng tới (xét tặng sớm khi ốm nặng).',
          'why': 'Hướng dẫn 06-HD/TW (trước đây 01-HD/TW, mục 18).',
          'example': 'Vào Đảng 15/06/1996, kiểm tra 26/08/2026: đợt trao D = 02/09/2026, đợt trước P = '
                     '19/05/2026; tròn 30 năm tuổi đảng ngày 15/06/2026 nên được đề nghị Huy hiệu 30 năm '
                     'tuổi Đảng đợt 02/09/2026. Bị cảnh cáo ngày 01/03/2026: chưa đề nghị trước 01/12/2026.'})
def badge_eligible(roster, ctx):
    """Member whose party age reaches a badge milestone at the next award occasion.

    ## What it does
    Award occasions are 3/2, 19/5, 2/9 and 7/11 (configurable as `[calendar] occasions`). D is the first
    occasion after the as-of date and P the one before it. Lists every active member whose party age
    (admission date plus the gap months) reaches a milestone in `milestones` within (P, D]. A member under
    discipline (discipline table) is listed as withheld until `reprimand_months` (6), `warning_months` (9)
    or `dismissal_months` (12) months after the decision, when that is after D. Asked for early awards
    (`badges --early`), members whose milestone falls in the 12 months after D are listed too.

    ## Why
    Badges (Huy hiệu Đảng) for 30 to 90 years of membership are awarded on these occasions (Guidance
    06-HD/TW); the board prepares the list in advance. A disciplined member is proposed once the term has
    passed; a gravely ill member may be awarded before the milestone.

    ## Example
    Admitted 15/06/1996, audited 26/08/2026: D = 02/09/2026, P = 19/05/2026; 30 years reached on
    15/06/2026, so listed for the 30-year badge on 02/09/2026. Warned on 01/03/2026: withheld until 01/12/2026.
    """
    before, occasion = occasions_around(ctx.as_of, ctx.occasions, ctx.occasion)
    # the window (P, D] is a few months long, so at most one milestone falls in it: the party age at D
    reached = party_age_reached(pl.col("milestone"))
    active = active_members(roster, ctx)
    due = (active.with_columns(party_age_years(occasion).alias("milestone"))
           .filter(pl.col("milestone").is_in(ctx.params["milestones"]) & (party_age_years(before) < pl.col("milestone")))
           .with_columns(reached.alias("reached_on"), pl.lit("propose").alias("award"),
                         pl.lit(occasion).alias("award_on")))
    if ctx.early:
        ahead = add_years(occasion, 1)
        early = (active.with_columns(party_age_years(ahead).alias("milestone"))
                 .filter(pl.col("milestone").is_in(ctx.params["milestones"])
                         & (party_age_years(occasion) < pl.col("milestone")))
                 .with_columns(reached.alias("reached_on"), pl.lit("early").alias("award"),
                               pl.lit(occasion).alias("award_on")))
        due = pl.concat([due, early])
    due = _withheld(due.collect(), roster, ctx, occasion)
    return due.select(*MEMBER_COLUMNS, "milestone", "reached_on", pl.lit(occasion).alias("occasion"), "award",
                      "award_on", "discipline")


def _withheld(due, roster, ctx, occasion: date):
    """Members under discipline at the occasion: withheld until the term after the latest decision ends."""
    terms = {"reprimand": ctx.params["reprimand_months"], "warning": ctx.params["warning_months"],
             "dismissal": ctx.params["dismissal_months"]}
    decisions = roster.discipline.filter(pl.col("form").is_in(list(terms)) & pl.col("decided_on").is_not_null())
    if decisions.height == 0:
        return due.with_columns(pl.lit(None, pl.String).alias("discipline"))
    ends = (decisions.with_columns(pl.col("form").replace_strict(terms, return_dtype=pl.Int64).alias("_months"))
            .with_columns(pl.col("decided_on").dt.offset_by(pl.format("{}mo", "_months")).alias("_until"))
            .sort("_until").group_by("member_id").agg(pl.col("_until").last(), pl.col("form").last()))
    joined = due.join(ends, on="member_id", how="left")
    held = pl.col("_until").is_not_null() & (pl.col("_until") > occasion)
    return joined.with_columns(
        pl.when(held).then(pl.lit("withheld")).otherwise(pl.col("award")).alias("award"),
        pl.when(held).then(pl.col("_until")).otherwise(pl.col("award_on")).alias("award_on"),
        pl.when(held).then(pl.col("form")).alias("discipline")).drop("_until", "form")
