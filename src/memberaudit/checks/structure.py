"""Structure: unit-level rules on branch size, meetings, admissions and the admission mix."""

from __future__ import annotations

from datetime import date

from memberaudit.checks.common import (
    active_members,
    first_rows,
    monthly,
    unit_masks,
    window_bits,
)
from memberaudit.checks.registry import rule
from memberaudit.model.lazy import pl

FULL_STATUSES = ["official", "exempt", "temp_exempt"]


def unit_parents(roster):
    """unit → parent_unit, from the units table, else from the members in it."""

    def compute():
        # each branch's first committee among its members, grouped by the unit's code (sorting and hashing
        # 5.3 million members' unit names took 0.6 s)
        from_members = (roster.members.lazy().filter(pl.col("_unit").is_not_null()).group_by("_unit", maintain_order=True)
                        .agg(pl.col("parent_unit").drop_nulls().first())
                        .select(pl.col("_unit").cast(pl.String).alias("unit"), "parent_unit").collect())
        pairs = pl.concat([roster.units.select("unit", "parent_unit").drop_nulls("unit"), from_members])
        return pairs.sort(pl.col("parent_unit").is_null()).unique("unit", keep="first", maintain_order=True)

    return roster.derived(("unit_parents",), compute)


@rule(code="STR001", name="branch.too-few-full-members", category="structure", severity="medium",
      params={"min_full": 3}, reference="Điều lệ Đảng, Điều 21 khoản 2",
      evidence={'full_members': 'int', 'members': 'int'},
      en={'title': 'Fewer than 3 full members',
          'message': 'Only {full_members} full members ({members} members in all)'},
      vi={'title': 'Chi bộ có dưới 3 đảng viên chính thức',
          'message': 'Chi bộ chỉ có {full_members} đảng viên chính thức (tổng {members} đảng viên)',
          'what': 'Số đảng viên chính thức (kể cả được miễn sinh hoạt) của chi bộ dưới {min_full}.',
          'why': 'Điều lệ Đảng (Điều 21 khoản 2): chi bộ có từ ba đảng viên chính thức trở lên.',
          'example': '«Chi bộ Công ty X» có 1 đảng viên chính thức và 3 đảng viên dự bị: chỉ có 1 đảng viên '
                     'chính thức.'})
def too_few_full_members(roster, ctx):
    """A branch with fewer than `min_full` full (official or exempt) members.

    ## What it does
    Counts each branch's active members whose status is official, exempt or temporarily exempt (listed in
    the members table, and branches listed in the units table with no members). Flags a count below
    `min_full` (3).

    ## Why
    A branch needs at least three full members to be a branch (Charter Art. 21.2); with fewer, the
    committee must merge it or assign members.

    ## Example
    "Chi bộ Công ty X" with one official and three probationary members: flagged with 1 full member.
    """
    active = active_members(roster, ctx)
    counts = active.group_by("_unit").agg(
        pl.col("status").is_in(FULL_STATUSES).sum().cast(pl.Int64).alias("full_members"),
        pl.len().cast(pl.Int64).alias("members")).with_columns(pl.col("_unit").cast(pl.String).alias("unit")).collect()
    listed = roster.units.select("unit").drop_nulls().unique()
    units = listed.join(counts, on="unit", how="full", coalesce=True).fill_null(0)
    return (
        units.filter(pl.col("full_members") < ctx.params["min_full"])
        .join(unit_parents(roster), on="unit", how="left")
        .select("unit", "parent_unit", "full_members", "members")
    )


@rule(code="STR002", name="branch.month-without-meeting", category="structure", severity="medium",
      needs=("members", "attendance"), reference="Điều lệ Đảng, Điều 24 khoản 2",
      evidence={'months': 'months'},
      en={'title': 'A month with no branch meeting recorded', 'message': 'No meeting recorded in: {months}'},
      vi={'title': 'Tháng không có sinh hoạt chi bộ',
          'message': 'Không có ghi nhận sinh hoạt các tháng: {months}',
          'what': 'Chi bộ có dữ liệu sinh hoạt nhưng có tháng (từ tháng đầu tiên có ghi nhận đến tháng đối '
                  'chiếu) không đảng viên nào có điểm danh.',
          'why': 'Điều lệ Đảng (Điều 24 khoản 2): chi bộ sinh hoạt thường kỳ mỗi tháng một lần.',
          'example': 'Có ghi sinh hoạt từ tháng 1 đến tháng 3 và tháng 5/2026, kiểm tra 31/05/2026: thiếu '
                     'tháng 04/2026.'})
def month_without_meeting(roster, ctx):
    """A branch with attendance data and a month of the window with no meeting recorded.

    ## What it does
    For each branch with attendance records in the window, lists the months from its first recorded month
    to the as-of month in which no member of the branch has any mark; the as-of month only once it has
    ended (as-of on its last day).

    ## Why
    A branch meets every month (Charter Art. 24.2); a month with no record is a missed meeting or a
    missing record.

    ## Example
    Records for January to March and May 2026, audited 31/05/2026: flagged for 04/2026.
    """
    # month masks throughout: per unit and year of the window, the months with a mark; a month is a number
    # counted from year 0 (year × 12 + month - 1)
    years = window_bits(ctx)
    marks = (unit_masks(roster, "attendance").join(years.drop("_judged"), on="year")
             .with_columns(pl.col("_marks") & pl.col("_window")).filter(pl.col("_marks") != 0))
    first = marks.group_by("unit").agg(
        (pl.col("year") * 12 + pl.col("_marks").bitwise_trailing_zeros()).min().alias("_first"))
    start = (pl.col("_first") - pl.col("year") * 12).clip(0, 12)  # the year's months before it are no gap
    gaps = (
        first.join(years, how="cross").join(marks.drop("_window"), on=["unit", "year"], how="left")
        .select("unit", "year", (pl.col("_judged") & ~pl.col("_marks").fill_null(0)
                                 & (4096 - pl.lit(2).pow(start)).cast(pl.UInt16)).alias("_gap"))
        .filter(pl.col("_gap") != 0)
    )
    listed = monthly(gaps, ("_gap",), "_").group_by("unit").agg(
        pl.col("month").sort().dt.strftime("%m/%Y").alias("months"))
    return listed.join(unit_parents(roster), on="unit", how="left").select("unit", "parent_unit", "months")


@rule(code="STR003", name="branch.no-admissions", category="structure", severity="low",
      params={"years": 3}, reference="Nghị quyết, chỉ tiêu phát triển đảng viên của cấp ủy",
      evidence={'last_admission': 'date', 'years': 'int'},
      en={'title': 'No admission for years',
          'message': 'No admission in {years} years; last: {last_admission}'},
      vi={'title': 'Chi bộ nhiều năm không kết nạp đảng viên',
          'message': 'Không kết nạp đảng viên trong {years} năm; lần gần nhất: {last_admission}',
          'what': 'Không đảng viên nào của chi bộ (kể cả đã chuyển đi) có ngày vào Đảng trong {years} năm '
                  'qua.',
          'why': 'Phát triển đảng viên là nhiệm vụ thường xuyên của chi bộ.',
          'example': 'Lần kết nạp gần nhất 12/05/2022, kiểm tra 26/11/2026: đã hơn 3 năm không kết nạp.'})
def no_admissions(roster, ctx):
    """A branch none of whose members was admitted in the last `years` years.

    ## What it does
    Takes every member row of a branch (exits included) and flags the branch when the latest admission
    date is more than `years` (3) years before the as-of date.

    ## Why
    Admitting new members is a standing task of every branch; years without one mark a branch to help.

    ## Example
    Latest admission 12/05/2022, audited 26/11/2026: flagged.
    """
    since = pl.lit(ctx.as_of).dt.offset_by(f"-{ctx.params['years']}y")
    latest = roster.members.select("_unit", "admission_date").drop_nulls("_unit").group_by("_unit").agg(
        pl.col("admission_date").max().alias("last_admission")).with_columns(pl.col("_unit").cast(pl.String).alias("unit"))
    return (
        latest.filter(pl.col("last_admission").is_null() | (pl.col("last_admission") <= since))
        .join(unit_parents(roster), on="unit", how="left")
        .select("unit", "parent_unit", "last_admission", pl.lit(ctx.params["years"]).alias("years"))
    )


def admissions(roster, year: int):
    """Members admitted in `year`, one row per member_id, exits included."""
    return first_rows(roster.members.filter(pl.col("admission_date").dt.year() == year))


def admitted_per_unit(roster, year: int):
    """unit → members admitted in `year`, for a branch name and for a committee name alike (targets name
    either)."""
    admitted = admissions(roster, year)
    by_unit = admitted.group_by("unit").len()
    by_parent = admitted.drop_nulls("parent_unit").group_by(pl.col("parent_unit").alias("unit")).len()
    return pl.concat([by_unit, by_parent]).group_by("unit").agg(pl.col("len").max().alias("admitted"))


@rule(code="STR004", identity=("year",), name="admissions.below-target", category="structure", severity="medium",
      needs=("members", "targets"), reference="Chỉ tiêu kết nạp đảng viên hằng năm của cấp ủy",
      evidence={'year': 'int', 'target': 'int', 'admitted': 'int', 'projected': 'int', 'situation': 'code'},
      en={'title': 'Admissions below the yearly target',
          'message': '{year}: {admitted} admitted of {target} ({situation}: {projected})'},
      vi={'title': 'Kết nạp chưa đạt chỉ tiêu',
          'message': 'Năm {year}: kết nạp {admitted}/{target} chỉ tiêu ({situation}: {projected})',
          'what': 'Số đảng viên kết nạp trong năm của chi bộ hoặc đảng bộ ít hơn chỉ tiêu; năm chưa kết thúc '
                  'thì ước cả năm (mức thấp): số đã kết nạp cộng số đã có quyết định kết nạp trong năm chờ làm '
                  'lễ (khi có bảng đối tượng kết nạp), nếu không thì theo số tháng đã qua.',
          'why': 'Chỉ tiêu kết nạp hằng năm của cấp ủy.',
          'example': 'Chỉ tiêu năm 2026 là 12, đến 30/06/2026 đã kết nạp 4: dự kiến cả năm 8, thấp hơn chỉ '
                     'tiêu (mức thấp).'})
def below_target(roster, ctx):
    """A unit or committee in the targets table that admitted fewer members than its yearly target.

    ## What it does
    Counts members admitted in the target year in the named branch or committee. A year that has ended
    by the as-of date is judged (medium); the current year is projected and flagged (low) when the
    projection falls short: with a candidates table, the admitted plus those whose admission was decided
    this year and whose ceremony is still to come; without one, from the months elapsed. Future years are
    not judged.

    ## Why
    Committees set yearly admission targets; the board follows them up during the year, not only after.

    ## Example
    Target 12 for 2026, 4 admitted by 30/06/2026: projected 8, flagged (low).
    """
    targets = roster.targets.drop_nulls(["unit", "year", "admissions"]).filter(pl.col("year") <= ctx.as_of.year)
    rows = [targets.filter(pl.col("year") == year).join(admitted_per_unit(roster, year), on="unit", how="left")
            for year in targets.get_column("year").unique().to_list()]
    if not rows:
        return targets.select("unit").clear()
    ended = ctx.as_of >= date(ctx.as_of.year, 12, 31)
    frame = pl.concat(rows).with_columns(pl.col("admitted").fill_null(0).cast(pl.Int64))
    projection = (pl.col("year") == ctx.as_of.year) & pl.lit(not ended)
    if roster.has("candidates"):  # the pipeline says it: admitted so far and those decided, ceremony to come
        from memberaudit.checks.admission import likely_per_unit

        frame = frame.join(likely_per_unit(roster, ctx.as_of.year), on="unit", how="left")
        projected = pl.col("admitted") + pl.col("likely").fill_null(0).cast(pl.Int64)
    else:  # the months elapsed
        projected = (pl.col("admitted") * 12 / ctx.as_of.month).floor().cast(pl.Int64)
    frame = frame.with_columns(projection.alias("projection"),
                               pl.when(projection).then(projected).otherwise(pl.col("admitted")).alias("projected"))
    return (
        frame.filter(pl.col("projected") < pl.col("admissions"))
        .join(unit_parents(roster), on="unit", how="left")
        .select("unit", pl.coalesce("parent_unit", "unit").alias("parent_unit"), "year",
                pl.col("admissions").alias("target"), "admitted", "projected",
                pl.when(projection).then(pl.lit("projected")).otherwise(pl.lit("year_ended")).alias("situation"),
                pl.when(projection).then(pl.lit("low")).otherwise(pl.lit("medium")).alias("severity"), "_src", "_row")
    )


@rule(code="STR005", identity=("group",), name="admissions.mix-below-target", category="structure", severity="low",
      reference="[mix] min_share trong cấu hình; định hướng cơ cấu kết nạp của cấp ủy",
      evidence={'group': 'code', 'in_group': 'int', 'admitted': 'int', 'share': 'share', 'min_share': 'share'},
      en={'title': 'Too few admissions from a target group',
          'message': "{group}: {share} of this year's admissions ({in_group}/{admitted}), below {min_share}"},
      vi={'title': 'Cơ cấu kết nạp chưa đạt tỷ lệ',
          'message': 'Tỷ lệ kết nạp {group} năm nay {share} ({in_group}/{admitted}), dưới mức {min_share}',
          'what': 'Trong số đảng viên kết nạp năm nay của đảng bộ, tỷ lệ một nhóm nghề nghiệp nêu trong '
                  '[mix] min_share thấp hơn mức tối thiểu.',
          'why': 'Định hướng cơ cấu kết nạp (học sinh, sinh viên; người lao động trong doanh nghiệp…) của '
                 'cấp ủy.',
          'example': 'Năm 2026 kết nạp 20 người, 1 học sinh, sinh viên: 5% so với mức tối thiểu 10%.'})
def mix_below_target(roster, ctx):
    """In a committee, the share of this year's admissions from a target group is below its minimum.

    ## What it does
    Per committee, takes the members admitted in the as-of year and each occupation group named in
    `[mix] min_share` (by default students 10%, enterprise workers 15%); flags a share below the minimum.

    ## Why
    Committees steer admissions towards students, workers in enterprises and other groups; a low share
    found in time can still be corrected within the year.

    ## Example
    20 admissions in 2026, 1 student: 5% against 10%, flagged.
    """
    admitted = admissions(roster, ctx.as_of.year).drop_nulls("parent_unit")
    if not ctx.min_share or admitted.height == 0:
        return admitted.select(pl.col("parent_unit").alias("unit")).clear()
    goals = pl.DataFrame({"group": list(ctx.min_share), "min_share": list(ctx.min_share.values())})
    totals = admitted.group_by("parent_unit").len("admitted")
    in_group = admitted.group_by("parent_unit", pl.col("occupation_group").alias("group")).len("in_group")
    return (
        totals.join(goals, how="cross")
        .join(in_group, on=["parent_unit", "group"], how="left")
        .with_columns(pl.col("in_group").fill_null(0).cast(pl.Int64))
        .with_columns((pl.col("in_group") / pl.col("admitted")).round(4).alias("share"))
        .filter(pl.col("share") < pl.col("min_share"))
        .select(pl.col("parent_unit").alias("unit"), "parent_unit", "group", "in_group", "admitted", "share",
                "min_share")
    )

