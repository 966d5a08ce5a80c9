"""Transfers: letters never presented, members not moved after leaving work, overdue temporary stays, doubles."""

from __future__ import annotations

from memberaudit.checks.common import (
    MEMBER_COLUMNS,
    active_members,
    months_between,
    on_the_list,
    repeated_keys,
    repeats,
)
from memberaudit.checks.registry import rule
from memberaudit.model.lazy import pl
from memberaudit.model.vocab import WORKPLACE_KINDS

_TRANSFER_COLUMNS = ("member_id", "_src", "_row", "from_unit", "to_unit", "issued_on")


@rule(code="TRF001", identity=("issued_on",), name="transfer.letter-not-presented", category="compliance", severity="medium",
      needs=("transfers",), params={"working_days": 30}, reference="Quy định 294-QĐ/TW, mục 6.3.1",
      evidence={'from_unit': 'text',
                'to_unit': 'text',
                'issued_on': 'date',
                'deadline': 'date',
                'received_on': 'date',
                'situation': 'code'},
      en={'title': 'Transfer letter not presented at the receiving branch',
          'message': 'Letter issued {issued_on} ({from_unit} → {to_unit}): {situation}, deadline {deadline}'},
      vi={'title': 'Không nộp giấy giới thiệu sinh hoạt đúng hạn',
          'message': 'Giấy giới thiệu cấp ngày {issued_on} ({from_unit} → {to_unit}): {situation}, hạn '
                     '{deadline}',
          'what': 'Giấy giới thiệu sinh hoạt đã cấp mà quá {working_days} ngày làm việc chưa nộp tại nơi đến '
                  '(mức trung bình), hoặc nộp sau thời hạn đó (mức thấp).',
          'why': 'Quy định 294-QĐ/TW (mục 6.3.1): đảng viên phải nộp giấy giới thiệu trong 30 ngày làm việc.',
          'example': 'Giấy giới thiệu cấp 20/01/2026, chưa có ngày tiếp nhận, kiểm tra 10/03/2026: quá hạn '
                     '(không tính Tết).'})
def letter_not_presented(roster, ctx):
    """Transfer letter not presented at the receiving branch within `working_days` working days.

    ## What it does
    For every transfer with an issue date: the deadline is the `working_days`-th (30) working day after it.
    With no receipt date and the as-of date past the deadline, it is flagged (medium); a receipt dated
    after the deadline is flagged as late (low).

    ## Why
    A member must present the transfer letter within 30 working days (Regulation 294-QĐ/TW, 6.3.1); one
    who does not is outside any branch, often the start of a lost membership.

    ## Example
    Letter issued 20/01/2026, not received, audited 10/03/2026: past the deadline (Tết not counted), flagged.
    """
    issued = roster.transfers.filter(pl.col("issued_on").is_not_null())
    due = ctx.calendar.add_working_days(issued, "issued_on", ctx.params["working_days"], "deadline")
    missing = pl.col("received_on").is_null() & (pl.col("deadline") < ctx.as_of)
    late = pl.col("received_on") > pl.col("deadline")
    return due.filter(missing | late.fill_null(False)).select(
        *_TRANSFER_COLUMNS, "deadline", "received_on",
        pl.when(missing).then(pl.lit("not_received")).otherwise(pl.lit("received_late")).alias("situation"),
        pl.when(missing).then(pl.lit("medium")).otherwise(pl.lit("low")).alias("severity"),
    )


@rule(code="TRF002", name="transfer.not-moved-after-leaving-work", category="compliance", severity="medium",
      needs=("members", "units"), params={"working_days": 60}, reference="Quy định 294-QĐ/TW, mục 6.3.1",
      evidence={'left_workplace_date': 'date', 'deadline': 'date', 'unit_kind': 'code'},
      en={'title': 'Not transferred to the place of residence',
          'message': 'Left work {left_workplace_date}, still in a {unit_kind} branch past {deadline}'},
      vi={'title': 'Nghỉ hưu, nghỉ việc chưa chuyển sinh hoạt về nơi cư trú',
          'message': 'Nghỉ công tác ngày {left_workplace_date}, vẫn sinh hoạt ở chi bộ {unit_kind}, quá hạn '
                     '{deadline} chưa chuyển',
          'what': 'Đảng viên có ngày nghỉ hưu/nghỉ việc, vẫn ở chi bộ cơ quan, doanh nghiệp, trường học hoặc '
                  'lực lượng vũ trang quá {working_days} ngày làm việc mà chưa có giấy chuyển sinh hoạt nào '
                  'từ ngày đó.',
          'why': 'Quy định 294-QĐ/TW (mục 6.3.1): chuyển sinh hoạt về nơi cư trú trong 60 ngày làm việc.',
          'example': 'Nghỉ hưu 01/01/2026, vẫn ở «Chi bộ Phòng Tài chính» (loại hình Cơ quan), chưa chuyển '
                     'sinh hoạt, kiểm tra 30/06/2026: quá hạn.'})
def not_moved_after_leaving_work(roster, ctx):
    """Member who retired or left the job but is still registered in a workplace branch.

    ## What it does
    For active members with a date of leaving work in a unit whose kind (units table) is a workplace
    (agency, enterprise, school, armed forces): flags them once the as-of date is past the
    `working_days`-th (60) working day after leaving, when no transfer was issued since that date.

    ## Why
    Retired members move their membership to their place of residence within 60 working days of the
    decision (Regulation 294-QĐ/TW, 6.3.1); otherwise they stay on a workplace roster they no longer attend.

    ## Example
    Retired 01/01/2026 from "Chi bộ Phòng Tài chính" (kind Cơ quan), no transfer, audited 30/06/2026: flagged.
    """
    kinds = roster.units.filter(pl.col("kind").is_in(list(WORKPLACE_KINDS))).select("unit", "kind").unique("unit")
    leavers = (active_members(roster, ctx).lazy().filter(pl.col("left_workplace_date").is_not_null())
               .join(kinds.lazy(), on="unit").select(*MEMBER_COLUMNS, "left_workplace_date", "kind").collect())
    due = ctx.calendar.add_working_days(leavers, "left_workplace_date", ctx.params["working_days"], "deadline")
    moved = (
        roster.transfers.join(leavers.select("member_id", "left_workplace_date"), on="member_id")
        .filter(pl.col("issued_on") >= pl.col("left_workplace_date"))
        .select("member_id").unique()
    )
    return (
        due.filter(pl.col("deadline") < ctx.as_of)
        .join(moved, on="member_id", how="anti")
        .select(*MEMBER_COLUMNS, "left_workplace_date", "deadline", pl.col("kind").alias("unit_kind"))
    )


@rule(code="TRF003", identity=("issued_on",), name="transfer.temporary-overdue", category="compliance", severity="medium",
      needs=("transfers",), params={"max_months": 12, "max_study_months": 24},
      reference="Quy định 294-QĐ/TW, mục 6.3.2",
      evidence={'from_unit': 'text',
                'to_unit': 'text',
                'issued_on': 'date',
                'until': 'date',
                'months': 'int',
                'max_months': 'int',
                'study': 'bool'},
      en={'title': 'Temporary attendance past its term',
          'message': 'Temporary from {issued_on} until {until}: {months} months (max {max_months}), no later '
                     'transfer'},
      vi={'title': 'Sinh hoạt tạm thời quá thời hạn',
          'message': 'Sinh hoạt tạm thời từ {issued_on} đến {until}, đã {months} tháng (tối đa '
                     '{max_months}), chưa chuyển tiếp',
          'what': 'Giấy sinh hoạt tạm thời đã hết hạn mà không có giấy chuyển nào sau đó, hoặc không ghi hạn '
                  'và đã quá {max_months} tháng ({max_study_months} tháng nếu đi học).',
          'why': 'Quy định 294-QĐ/TW (mục 6.3.2).',
          'example': 'Giấy sinh hoạt tạm thời cấp 01/02/2025, đến 31/12/2025, kiểm tra năm 2026, sau đó '
                     'không có giấy nào khác: quá hạn.'})
def temporary_overdue(roster, ctx):
    """Temporary attendance elsewhere past its term, with no later transfer.

    ## What it does
    For temporary transfers with no later transfer of the same member: flags an `until` date before the
    as-of date, or, with no `until`, a stay longer than `max_months` (12) since issue (since receipt for a
    guest the receiving branch's book records as received only), `max_study_months` (24) when the purpose is
    study.

    ## Why
    Temporary attendance has a term (Regulation 294-QĐ/TW, 6.3.2); past it the member must return or
    transfer officially ("gửi sinh hoạt" left open is how memberships get lost).

    ## Example
    Temporary transfer issued 01/02/2025 until 31/12/2025, audited 2026, nothing since: flagged.
    """
    # a member received here with a temporary letter (the transfers book's other half) is a guest since then
    transfers = roster.transfers.with_columns(pl.coalesce("issued_on", "received_on").alias("issued_on"))
    temporary = transfers.filter(pl.col("kind") == "temporary")
    later = (
        temporary.select("member_id", "_src", "_row", "issued_on")
        .join(transfers.select("member_id", pl.col("issued_on").alias("_next")), on="member_id")
        .filter(pl.col("_next") > pl.col("issued_on"))
        .select("_src", "_row").unique()
    )
    limit = pl.when(pl.col("study")).then(ctx.params["max_study_months"]).otherwise(ctx.params["max_months"])
    lasted = months_between(pl.col("issued_on"), pl.lit(ctx.as_of))
    expired = pl.col("until") < ctx.as_of
    too_long = pl.col("until").is_null() & (lasted > limit)
    return (
        temporary.join(later, on=["_src", "_row"], how="anti")
        .with_columns(lasted.alias("months"), limit.alias("max_months"))
        .filter((expired | too_long).fill_null(False))
        .select(*_TRANSFER_COLUMNS, "until", "months", "max_months", "study")
    )


@rule(code="TRF004", identity=("match",), name="member.double-registration", category="compliance", severity="medium",
      reference="Quy định 294-QĐ/TW, mục 6.3",
      evidence={'other_units': 'units', 'match': 'code', 'national_id': 'id?'},
      en={'title': 'One person registered in two places',
          'message': 'Registered in several places ({match}): also in {other_units}'},
      vi={'title': 'Một người đăng ký sinh hoạt ở hai nơi',
          'message': 'Đăng ký ở nhiều nơi ({match}): cũng có ở {other_units}',
          'what': 'Cùng số thẻ, hoặc cùng số CCCD với số thẻ khác, đang sinh hoạt ở hai chi bộ; mức thấp: '
                  'hai số thẻ khác nhau trùng họ tên và ngày sinh.',
          'why': 'Mỗi đảng viên chỉ sinh hoạt chính thức ở một chi bộ.',
          'example': 'Số thẻ 012345 ở «Chi bộ Tổ dân phố 3» và ở «Chi bộ Trường THCS Láng»: nêu cả hai dòng.'})
def double_registration(roster, ctx):
    """One person registered in two places: same card number or national id in two units.

    ## What it does
    Among current member rows (exits and temporary guest entries left out): the same member_id, or the same
    national_id held by different member ids, in two different units. Also, with severity low, two different
    member ids with the same normalised name and date of birth (a possible duplicate to check).
    Each row involved is listed with the other units.

    ## Why
    A member belongs to one branch; a double registration inflates counts and usually means an unfinished
    transfer.

    ## Example
    Card 012345 in "Chi bộ Tổ dân phố 3" and in "Chi bộ Trường THCS Láng": both rows flagged.
    """
    members = roster.members
    # each match takes the rows on the list with its key columns only, and the member columns of the few
    # rows it finds (copying ten columns of 5.3 million members first peaked 0.6 GiB higher)
    listed = members.select(pl.col("member_id").is_not_null() & pl.col("unit").is_not_null() & on_the_list()
                            ).to_series()

    def grouped(keys: list[str], condition, match: str, severity: str):
        rows = members.select(*dict.fromkeys([*keys, "member_id", "unit"])).with_row_index("_at").filter(listed)
        # most keys occur once: only the rows of repeated ones are grouped and reported
        repeated, by = (rows.filter(repeats(rows)), keys) if keys == ["member_id"] else \
            repeated_keys(rows.drop_nulls(keys), keys)
        # sorted by unit within each group, each group's units are listed in order without sorting lists
        # (a million rows of possible duplicates: 0.25 s against 0.7 s)
        groups = (
            repeated.select(list(dict.fromkeys([*by, "unit", "member_id"]))).sort(*by, "unit")
            .group_by(by, maintain_order=True)
            .agg(pl.col("unit").unique(maintain_order=True).alias("units"), pl.col("member_id").n_unique().alias("_ids"))
            .filter(condition)
        )
        found = repeated.join(groups, on=by).sort("_at")
        # a match by national id shows it (masked in outputs unless --show-ids)
        shown = [pl.col("national_id")] if match == "national_id" else []
        return pl.concat([members.select(c for c in MEMBER_COLUMNS if c not in found.columns)[found["_at"]], found],
                         how="horizontal").select(
            # a possible duplicate within one branch is "also in" that same branch
            *MEMBER_COLUMNS, pl.when(pl.col("units").list.len() > 1)
            .then(pl.col("units").list.set_difference(pl.concat_list("unit"))).otherwise(pl.concat_list("unit"))
            .alias("other_units"),
            pl.lit(match).alias("match"), pl.lit(severity).alias("severity"), *shown)

    same_id = grouped(["member_id"], pl.col("units").list.len() > 1, "member_id", "medium")
    same_nid = grouped(["national_id"], (pl.col("units").list.len() > 1) & (pl.col("_ids") > 1), "national_id",
                       "medium")
    same_person = grouped(["name_key", "birth_date"], pl.col("_ids") > 1, "name_birth_date", "low")
    found = [f for f in (same_id, same_nid, same_person) if f.height]
    if len(found) < 2:  # a row is in two lists only when two have rows: nothing to drop
        return found[0] if found else same_id
    return pl.concat(found, how="diagonal").unique(["_src", "_row"], keep="first", maintain_order=True)
