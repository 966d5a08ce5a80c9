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
      reference="Điều lệ Đảng, Điều 8 khoản 2; Quy định 294-QĐ/TW, mục 8.1",
      evidence={'count': 'int', 'months': 'months'},
      en={'title': 'Missed branch meetings without valid reason',
          'message': 'Unexcused absence in {count} months: {months}',
          'screen': 'unexcused absence in {months}'},
      vi={'title': 'Bỏ sinh hoạt đảng không có lý do chính đáng',
          'message': 'Vắng sinh hoạt không lý do {count} tháng: {months}',
          'what': 'Đếm số tháng trong kỳ (từ tháng vào Đảng) đảng viên vắng sinh hoạt không lý do; tháng '
                  'được miễn sinh hoạt không tính. Đạt {months} tháng trở lên thì đưa vào danh sách rà soát. '
                  'Đảng viên đang chuyển sinh hoạt tạm thời đi nơi khác sinh hoạt ở nơi đó, không xét ở đây.',
          'why': 'Điều lệ Đảng (Điều 8 khoản 2) và Quy định 294-QĐ/TW (mục 8.1): đảng viên bỏ sinh hoạt đảng '
                 'ba tháng trong năm mà không có lý do chính đáng thì chi bộ xem xét, đề nghị xóa tên.',
          'example': 'Ghi K các tháng 2, 5 và 8/2026, P tháng 3: đưa vào danh sách với các tháng 02/2026, '
                     '05/2026, 08/2026. Một lần K nữa trong tháng thuộc thời gian «Miễn sinh hoạt từ ngày» '
                     'thì không tính.',
          'screen': 'vắng sinh hoạt không lý do các tháng {months}'})
def missed_months(roster, ctx):
    """Member missed branch meetings in at least `months` months of the window without a valid reason.

    ## What it does
    Counts, for each active member, the distinct months of the window (from the admission month on)
    with an unexcused absence. Months in which the member is exempt (status and exemption dates, or an
    exempt mark) do not count. Flags the member when the count reaches `months` (3). A member attending
    elsewhere for a time (status "Chuyển sinh hoạt tạm thời") attends there and is not judged here.

    ## Why
    The Party Charter (Art. 8.2) and Regulation 294-QĐ/TW (8.1) put a member who skips branch life three
    months in a year without a valid reason on the list for removal review.

    ## Example
    Marks K in February, May and August 2026, P in March: flagged with months 02/2026, 05/2026, 08/2026.
    A fourth K in a month covered by "Miễn sinh hoạt từ ngày" does not count.
    """
    # a member attending elsewhere for a time (Chuyển sinh hoạt tạm thời) attends there, not here
    active = active_members(roster, ctx).filter(~pl.col("away").fill_null(False))
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
        .lazy().join(active.select(MEMBER_COLUMNS), on="member_id").collect()
    )
