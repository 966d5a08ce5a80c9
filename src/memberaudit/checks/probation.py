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
      reference="Điều lệ Đảng, Điều 5 khoản 1; Quy định 294-QĐ/TW, mục 4.2",
      evidence={'probation_end': 'date', 'deadline': 'date', 'working_days_overdue': 'int'},
      en={'title': 'Probation ended, no recognition decision',
          'message': 'Probation ended {probation_end}; review deadline {deadline} passed by '
                     '{working_days_overdue} working days'},
      vi={'title': 'Quá hạn xét công nhận đảng viên chính thức',
          'message': 'Hết dự bị ngày {probation_end}, quá hạn xét chính thức ({deadline}) '
                     '{working_days_overdue} ngày làm việc',
          'what': 'Đảng viên dự bị hết {probation_months} tháng dự bị mà sau {review_working_days} ngày làm '
                  'việc (không tính thứ Bảy, Chủ nhật, ngày lễ, Tết) chưa có quyết định công nhận chính '
                  'thức.',
          'why': 'Điều lệ Đảng (Điều 5 khoản 1); Quy định 294-QĐ/TW (mục 4.2).',
          'example': 'Kết nạp 15/01/2025: hết dự bị ngày 15/01/2026; hạn xét là 30 ngày làm việc sau đó '
                     '(không tính Tết); kiểm tra sau hạn thì nêu tên kèm số ngày làm việc quá hạn.'})
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
    ends = active_members(roster, ctx).lazy().filter(
        (pl.col("status") == "probationary") & pl.col("official_date").is_null()).select(
        *MEMBER_COLUMNS, add_months("admission_date", ctx.params["probation_months"]).alias("probation_end")).collect()
    due = ctx.calendar.add_working_days(ends, "probation_end", ctx.params["review_working_days"], "deadline")
    late = due.filter(pl.col("deadline") < ctx.as_of).with_columns(pl.lit(ctx.as_of).alias("_as_of"))
    late = ctx.calendar.working_days_between(late, "deadline", "_as_of", "working_days_overdue")
    return late.select(*MEMBER_COLUMNS, "probation_end", "deadline", "working_days_overdue")


@rule(code="PRB002", name="probation.recognised-early", category="compliance", severity="medium",
      params={"probation_months": 12}, reference="Điều lệ Đảng, Điều 5",
      evidence={'admission_date': 'date', 'official_date': 'date', 'earliest_official': 'date'},
      en={'title': 'Recognised before 12 months of probation',
          'message': 'Recognised {official_date}, before probation could end ({earliest_official})'},
      vi={'title': 'Công nhận chính thức trước khi đủ 12 tháng dự bị',
          'message': 'Công nhận chính thức ngày {official_date}, trước ngày đủ thời gian dự bị '
                     '({earliest_official})',
          'what': 'Ngày chính thức sớm hơn ngày vào Đảng cộng {probation_months} tháng.',
          'why': 'Điều lệ Đảng (Điều 5): thời gian dự bị là mười hai tháng.',
          'example': 'Kết nạp 10/03/2024, công nhận chính thức 01/02/2025: sớm hơn ngày sớm nhất được phép '
                     '(10/03/2025).'})
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
    earliest = add_months("admission_date", ctx.params["probation_months"])
    return current_members(roster).lazy().filter(pl.col("official_date").is_not_null()).with_columns(
        earliest.alias("earliest_official")).filter(pl.col("official_date") < pl.col("earliest_official")).select(
        *MEMBER_COLUMNS, "admission_date", "official_date", "earliest_official").collect()


@rule(code="PRB003", name="admission.age-out-of-range", category="compliance", severity="medium",
      params={"min_age": 18, "max_age": 60}, reference="Quy định 294-QĐ/TW, mục 1.1",
      evidence={'birth_date': 'date', 'admission_date': 'date', 'age_years': 'int', 'extra_months': 'int'},
      en={'title': 'Admitted outside the age range',
          'message': 'Admitted at {age_years} years {extra_months} months (born {birth_date}, admitted '
                     '{admission_date})'},
      vi={'title': 'Tuổi kết nạp ngoài quy định',
          'message': 'Kết nạp khi {age_years} tuổi {extra_months} tháng (sinh {birth_date}, kết nạp '
                     '{admission_date})',
          'what': 'Tuổi khi kết nạp (tính theo tháng) dưới {min_age} hoặc trên {max_age} tuổi.',
          'why': 'Quy định 294-QĐ/TW (mục 1.1); kết nạp người trên 60 tuổi phải được cấp ủy cấp tỉnh đồng ý '
                 '— kiểm tra văn bản này bằng tay.',
          'example': 'Sinh 20/06/2008, kết nạp 01/03/2026: 17 tuổi 8 tháng, chưa đủ tuổi.'})
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
        current_members(roster).lazy()
        .filter(pl.col("birth_date") < pl.col("admission_date"))  # otherwise a typing error, reported by DAT003
        .with_columns(age.alias("age_months"))
        .filter((pl.col("age_months") < p["min_age"] * 12) | (pl.col("age_months") > p["max_age"] * 12))
        .select(*MEMBER_COLUMNS, "birth_date", "admission_date", (pl.col("age_months") // 12).alias("age_years"),
                (pl.col("age_months") % 12).alias("extra_months"))
        .collect()
    )
