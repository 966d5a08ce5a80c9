"""Annual ratings: two failing years in a row, and members with no rating for last year."""

from __future__ import annotations

from datetime import date

from memberaudit.checks.common import MEMBER_COLUMNS, active_members, has_records, in_covered_units
from memberaudit.checks.registry import rule
from memberaudit.model.lazy import pl


@rule(code="RAT001", name="rating.two-years-failing", category="screening", severity="high",
      needs=("members", "ratings"), reference="Hướng dẫn 02-HD/BTCTW (2021), mục II.1",
      evidence={'years': 'years'},
      en={'title': 'Two consecutive years rated "did not complete duties"',
          'message': 'Rated KHTNV two years in a row: {years}',
          'screen': 'rated KHTNV in {years}'},
      vi={'title': 'Hai năm liền không hoàn thành nhiệm vụ',
          'message': 'Hai năm liền xếp loại không hoàn thành nhiệm vụ: {years}',
          'what': 'Hai lần xếp loại gần nhất là hai năm liền, đều «Không hoàn thành nhiệm vụ», năm sau là '
                  'năm nay hoặc năm trước.',
          'why': 'Hướng dẫn 02-HD/BTCTW (2021), mục II.1: căn cứ xem xét đưa ra khỏi Đảng.',
          'example': 'Xếp loại KHTNV năm 2024 và 2025, kiểm tra năm 2026: đưa vào danh sách với các năm '
                     '2024, 2025. KHTNV năm 2023 và 2024, năm 2025 HTNV: không đưa vào.',
          'screen': 'xếp loại không hoàn thành nhiệm vụ các năm {years}'})
def two_years_failing(roster, ctx):
    """Member rated "did not complete duties" (KHTNV) two years in a row, the later one recent.

    ## What it does
    Takes each active member's two most recent ratings. Flags the member when they are for consecutive
    years, both KHTNV, and the later year is the as-of year or the year before.

    ## Why
    Two consecutive years of "Không hoàn thành nhiệm vụ" is a ground for removal review (Guidance
    02-HD/BTCTW, II.1).

    ## Example
    KHTNV for 2024 and 2025, audited in 2026: flagged with years 2024, 2025. KHTNV 2023 and 2024 with
    HTNV 2025: not flagged.
    """
    active = active_members(roster, ctx)
    # only members with a KHTNV at all can have two: the rest (nearly everyone) are not sorted and grouped
    failed = roster.ratings.filter(pl.col("rating") == "KHTNV").get_column("member_id").unique()
    recent = (
        roster.ratings.filter(pl.col("member_id").is_in(failed.implode()))
        .sort("year", descending=True)
        .unique(["member_id", "year"], keep="first", maintain_order=True)
        .group_by("member_id")
        .agg(pl.col("year").head(2).alias("years"), pl.col("rating").head(2).alias("ratings"))
        .filter(pl.col("years").list.len() == 2)
    )
    latest = pl.col("years").list.get(0)
    failing = recent.filter(
        (latest - pl.col("years").list.get(1) == 1)
        & (pl.col("ratings").list.eval(pl.element() == "KHTNV").list.all())
        & latest.is_between(ctx.as_of.year - 1, ctx.as_of.year)
    )
    return (failing.lazy().select("member_id", pl.col("years").list.reverse())
            .join(active.select(MEMBER_COLUMNS), on="member_id").collect())


@rule(code="RAT002", identity=("year",), name="rating.missing", category="compliance", severity="medium",
      needs=("members", "ratings"), reference="Quy định 366-QĐ/TW (2025)",
      evidence={'year': 'int'},
      en={'title': 'No rating for last year', 'message': 'No rating for {year}'},
      vi={'title': 'Chưa có kết quả xếp loại năm trước',
          'message': 'Chưa có kết quả xếp loại năm {year}',
          'what': 'Đảng viên không thuộc diện miễn, vào Đảng trước cuối năm trước, ở chi bộ có bảng xếp '
                  'loại, nhưng không có xếp loại năm trước.',
          'why': 'Quy định 366-QĐ/TW (2025) về kiểm điểm, đánh giá, xếp loại chất lượng hằng năm.',
          'example': 'Kiểm tra năm 2026, vào Đảng năm 2019, chỉ có xếp loại năm 2023 và 2024: thiếu xếp loại '
                     'năm 2025.'})
def rating_missing(roster, ctx):
    """Active, non-exempt member with no rating for last year, in a unit the ratings table covers.

    ## What it does
    For each unit that has any rating on record, lists its active members admitted before the as-of year
    − 1 ended who are neither exempt nor temporarily exempt and have no rating for the as-of year − 1.

    ## Why
    Every member is rated each year (Regulation 366-QĐ/TW); a missing rating is either a gap in the
    records or a member the branch forgot.

    ## Example
    Audited in 2026, admitted 2019, ratings for 2023 and 2024 only: flagged for 2025.
    """
    year = ctx.as_of.year - 1
    due = active_members(roster, ctx).lazy().filter(
        ~pl.col("status").is_in(["exempt", "temp_exempt"]) & (pl.col("admission_date") < date(year + 1, 1, 1))
        & in_covered_units(roster, "ratings")).select(MEMBER_COLUMNS).collect()
    return due.filter(~has_records(due, roster.ratings.filter(pl.col("year") == year))).select(
        *MEMBER_COLUMNS, pl.lit(year).alias("year"))
