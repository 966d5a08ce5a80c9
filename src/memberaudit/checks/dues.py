"""Dues: members who left party dues unpaid without a valid reason."""

from __future__ import annotations

from memberaudit.checks.common import (
    MEMBER_COLUMNS,
    active_members,
    candidate_months,
    in_member_months,
    month_list,
    party_age_years,
    unended_bit,
)
from memberaudit.checks.registry import rule
from memberaudit.model.lazy import pl
from memberaudit.model.roster import MASKS


@rule(code="DUE001", name="dues.unpaid-months", category="screening", severity="high",
      needs=("members", "dues"), params={"months": 3, "exempt_party_age": 50},
      reference="Điều lệ Đảng, Điều 8 khoản 2; Quy định 01-QĐ/TW (2026) về đảng phí",
      evidence={'count': 'int', 'months': 'months'},
      en={'title': 'Dues unpaid without valid reason',
          'message': 'Dues unpaid in {count} months: {months}',
          'screen': 'dues unpaid in {months}'},
      vi={'title': 'Không đóng đảng phí không có lý do chính đáng',
          'message': 'Không đóng đảng phí {count} tháng: {months}',
          'what': 'Đếm số tháng trong kỳ đảng viên chưa đóng đảng phí (ghi 0, K, chưa nộp, nợ, hoặc ô trống '
                  'trong bảng theo tháng), trừ tháng được miễn, giảm. Đảng viên có tuổi đảng từ '
                  '{exempt_party_age} năm được miễn đảng phí. Đạt {months} tháng thì đưa vào danh sách rà '
                  'soát. Đảng viên đang chuyển sinh hoạt tạm thời đi nơi khác đóng đảng phí ở nơi sinh hoạt tạm '
                  'thời, không xét ở đây.',
          'why': 'Điều lệ Đảng (Điều 8 khoản 2) và Quy định 01-QĐ/TW (2026) về đảng phí.',
          'example': 'Sổ đảng phí theo cột tháng ghi 50000 ở T1-T4, để trống T5-T7, kiểm tra ngày '
                     '31/07/2026: đưa vào danh sách với các tháng 05, 06, 07/2026.',
          'screen': 'không đóng đảng phí các tháng {months}'})
def unpaid_months(roster, ctx):
    """Member left dues unpaid in at least `months` months of the window without a valid reason.

    ## What it does
    For each active member found in a dues table, counts the member months of the window whose dues are
    unpaid: marked unpaid (0, K, chưa nộp, nợ), or left empty in a wide dues sheet (an empty cell of the
    as-of month only once that month has ended). A month with any paid
    or excused record is not unpaid. Members whose party age on the as-of date is at least
    `exempt_party_age` (50) are exempt from dues and never flagged, nor are members attending elsewhere for
    a time (status "Chuyển sinh hoạt tạm thời"), who pay where they attend.

    ## Why
    Leaving dues unpaid three months in a year without a valid reason is a ground for removal review
    (Party Charter Art. 8.2; Regulation 01-QĐ/TW (2026) on party dues).

    ## Example
    A wide dues sheet with 50000 in T1-T4 and empty T5-T7, as of 31/07/2026: flagged for 05, 06, 07/2026.
    """
    # a member attending elsewhere for a time pays the dues there (Quy định 01-QĐ/TW)
    active = active_members(roster, ctx).filter(~pl.col("away").fill_null(False)).select(*MEMBER_COLUMNS, "status", "admission_date", "exempt_from",
                                                "exempt_to", "party_age_gap_months")
    active = active.filter(party_age_years(ctx.as_of) < ctx.params["exempt_party_age"])
    # dues keep being owed in exempt months, so only the months before admission are left out
    active_dues = active.with_columns(pl.lit("official").alias("status"))
    # an empty cell of the month in progress is not yet unpaid; an explicit unpaid mark in it is
    running = unended_bit(ctx, ctx.as_of.year)
    dues = roster.dues.with_columns(pl.when(pl.col("year") == ctx.as_of.year).then(pl.col("blank") & ~running)
                                    .otherwise(pl.col("blank")).cast(pl.UInt16).alias("blank")) if running else roster.dues
    records = candidate_months(dues, ctx, MASKS["dues"], pl.col("unpaid") | pl.col("blank"),
                               ctx.params["months"], "state")
    owed = records.filter(pl.col("state").is_in(["unpaid", "blank"])).select("member_id", "month").unique()
    settled = records.filter(pl.col("state").is_in(["paid", "excused"]))
    per_month = in_member_months(owed.join(settled.select("member_id", "month"), on=["member_id", "month"],
                                           how="anti"), active_dues)
    counts = per_month.group_by("member_id").agg(pl.len().alias("count"), month_list().alias("months"))
    return (counts.lazy().filter(pl.col("count") >= ctx.params["months"])
            .join(active.select(MEMBER_COLUMNS), on="member_id").collect())
