"""Admissions in the pipeline (the candidates table): the deadlines of Quy định 294-QĐ/TW and Hướng dẫn
06-HD/TW (2025), the introducers, the age at the branch's resolution; and a candidate already on the
members list, whose admission date the decision or the ceremony should give."""

from __future__ import annotations

from memberaudit.checks.common import add_months, all_firsts
from memberaudit.checks.registry import rule
from memberaudit.checks.structure import unit_parents
from memberaudit.model.lazy import pl
from memberaudit.model.vocab import EXIT_STATUSES

_NEEDS = ("members", "candidates")


def _candidate_columns():
    """The finding's person: a candidate is no member yet, so the key goes to the evidence (`candidate`)."""
    return (pl.lit(None, pl.String).alias("member_id"), "unit", "parent_unit", "full_name", "_src", "_row",
            "candidate")


def admitted_candidates(roster):
    """Candidates found on the members list (same name and birth date, in the same branch when both say
    one): their pipeline row is closed. With the member's admission date."""
    def compute():
        members = all_firsts(roster).select("name_key", "birth_date", pl.col("unit").alias("_m_unit"),
                                            pl.col("admission_date").alias("_admitted"),
                                            roster.id_text().alias("_member"))
        joined = roster.candidates.join(members, on=["name_key", "birth_date"], how="inner")
        same_branch = pl.col("unit").is_null() | (pl.col("unit") == pl.col("_m_unit"))
        return joined.filter(same_branch).unique(["_src", "_row"], keep="first", maintain_order=True)

    return roster.derived(("admitted_candidates",), compute)


def open_candidates(roster):
    """The candidates still on their way in, with their committee (the units table, else their own)."""
    def compute():
        closed = admitted_candidates(roster).select("_src", "_row")
        parents = unit_parents(roster).rename({"parent_unit": "_parent"})
        return (roster.candidates.join(closed, on=["_src", "_row"], how="anti").join(parents, on="unit", how="left")
                .with_columns(pl.coalesce("parent_unit", "_parent").alias("parent_unit")).drop("_parent"))

    return roster.derived(("open_candidates",), compute)


def _coverage(roster, ctx):
    """The admission rules check the candidates still on their way in, not the members."""
    return open_candidates(roster), []


def _overdue(roster, ctx, done: str, waiting: str):
    """Open candidates with `done` dated and `waiting` not, past `working_days` working days after `done`."""
    pending = open_candidates(roster).filter(pl.col(done).is_not_null() & pl.col(waiting).is_null())
    due = ctx.calendar.add_working_days(pending, done, ctx.params["working_days"], "deadline")
    return due.filter(pl.col("deadline") < ctx.as_of).select(*_candidate_columns(), done, "deadline")


@rule(code="ADM001", identity=("candidate",), name="admission.decision-overdue", category="admission",
      severity="medium", needs=_NEEDS, covers=_coverage, params={"working_days": 60}, reference="Quy định 294-QĐ/TW, mục 4.3.1",
      evidence={"candidate": "id", "resolved_on": "date", "deadline": "date"},
      en={"title": "No admission decision after the branch's resolution",
          "message": "Branch resolution {resolved_on}, no committee decision by {deadline}"},
      vi={"title": "Quá hạn cấp ủy ra quyết định kết nạp",
          "message": "Chi bộ ra nghị quyết ngày {resolved_on}, đến {deadline} cấp ủy chưa quyết định kết nạp",
          "what": "Người được chi bộ ra nghị quyết đề nghị kết nạp mà quá {working_days} ngày làm việc cấp ủy có "
                  "thẩm quyền chưa ra quyết định (chưa có ngày quyết định).",
          "why": "Quy định 294-QĐ/TW (mục 4.3.1): cấp ủy xem xét, quyết định kết nạp trong 60 ngày làm việc kể từ "
                 "ngày chi bộ có nghị quyết.",
          "example": "Nghị quyết chi bộ 05/01/2026, kiểm tra 30/04/2026, chưa có quyết định: quá hạn (ngày làm "
                     "việc thứ 60 sau nghị quyết, trừ Tết và 30/4, là trước ngày kiểm tra)."})
def decision_overdue(roster, ctx):
    """A candidate whose branch resolution has had no admission decision for too long.

    ## What it does
    For candidates not yet on the members list with a branch resolution date and no decision date: listed
    once the as-of date is past the `working_days`-th (60) working day after the resolution (weekends,
    Vietnam's public holidays and `[calendar] extra_holidays` not counted).

    ## Why
    The competent committee decides within 60 working days of the branch's resolution (Quy định 294-QĐ/TW,
    4.3.1); a file left waiting loses its validity.

    ## Example
    Resolution 05/01/2026, no decision on 30/04/2026: listed (the 60th working day after it, Tết aside,
    was before).
    """
    return _overdue(roster, ctx, "resolved_on", "decided_on")


@rule(code="ADM002", identity=("candidate",), name="admission.ceremony-overdue", category="admission",
      severity="medium", needs=_NEEDS, covers=_coverage, params={"working_days": 30}, reference="Hướng dẫn 06-HD/TW (2025)",
      evidence={"candidate": "id", "decided_on": "date", "deadline": "date"},
      en={"title": "No admission ceremony after the decision",
          "message": "Admission decided {decided_on}, no ceremony by {deadline}"},
      vi={"title": "Quá hạn tổ chức lễ kết nạp",
          "message": "Có quyết định kết nạp ngày {decided_on}, đến {deadline} chưa tổ chức lễ kết nạp",
          "what": "Người đã có quyết định kết nạp mà quá {working_days} ngày làm việc chưa được tổ chức lễ kết "
                  "nạp (chưa có ngày kết nạp).",
          "why": "Hướng dẫn 06-HD/TW: chi bộ tổ chức lễ kết nạp trong 30 ngày làm việc kể từ ngày nhận quyết định.",
          "example": "Quyết định 02/03/2026, kiểm tra 30/04/2026, chưa làm lễ: quá hạn."})
def ceremony_overdue(roster, ctx):
    """A candidate admitted by decision whose admission ceremony has not been held in time.

    ## What it does
    For candidates not yet on the members list with a decision date and no ceremony date: listed once the
    as-of date is past the `working_days`-th (30) working day after the decision.

    ## Why
    The branch holds the admission ceremony within 30 working days of the decision (Hướng dẫn 06-HD/TW).

    ## Example
    Decision 02/03/2026, no ceremony on 30/04/2026: listed.
    """
    return _overdue(roster, ctx, "decided_on", "ceremony_on")


@rule(code="ADM003", identity=("candidate",), name="admission.file-stale", category="admission", severity="low",
      needs=_NEEDS, covers=_coverage, params={"months": 12}, reference="Hướng dẫn 06-HD/TW (2025)",
      evidence={"candidate": "id", "applied_on": "date", "months": "int"},
      en={"title": "Admission file older than a year without a resolution",
          "message": "Applied {applied_on}, no branch resolution after {months} months: the file must be redone"},
      vi={"title": "Hồ sơ kết nạp quá 12 tháng chưa được chi bộ xét",
          "message": "Làm đơn ngày {applied_on}, quá {months} tháng chi bộ chưa ra nghị quyết: phải làm lại hồ sơ",
          "what": "Đơn xin vào Đảng đã quá {months} tháng mà chi bộ chưa ra nghị quyết đề nghị kết nạp.",
          "why": "Hướng dẫn 06-HD/TW: hồ sơ người vào Đảng có giá trị 12 tháng; quá hạn phải làm lại.",
          "example": "Làm đơn 10/10/2025, kiểm tra 30/11/2026, chưa có nghị quyết chi bộ: phải làm lại hồ sơ."})
def file_stale(roster, ctx):
    """A candidate's application older than the file's validity, with no branch resolution.

    ## What it does
    For candidates not yet on the members list with an application date and no resolution date: listed once
    `months` (12) calendar months have passed since the application.

    ## Why
    An admission file is valid for 12 months (Hướng dẫn 06-HD/TW); past that it is redone.

    ## Example
    Applied 10/10/2025, no resolution on 30/11/2026: listed.
    """
    months = ctx.params["months"]
    return (open_candidates(roster).filter(pl.col("applied_on").is_not_null() & pl.col("resolved_on").is_null())
            .filter(add_months("applied_on", months) < ctx.as_of)
            .select(*_candidate_columns(), "applied_on", pl.lit(months).alias("months")))


def _member_status_on(members, day):
    """Expression: what a member was on `day` (a column): official, probationary, exited, not yet admitted."""
    exit_on = pl.min_horizontal("died_on", "left_on", "transferred_out_on")
    exited = (exit_on <= day).fill_null(False) | (pl.col("status").is_in(list(EXIT_STATUSES)) & exit_on.is_null())
    return (pl.when(exited).then(pl.lit("exited"))
            .when(pl.col("admission_date").is_null() | (pl.col("admission_date") > day)).then(pl.lit("not_admitted"))
            .when(pl.col("official_date").is_not_null() & (pl.col("official_date") <= day)).then(pl.lit("official"))
            .otherwise(pl.lit("probationary")))


@rule(code="ADM004", identity=("candidate", "introducer"), name="admission.introducer-not-eligible",
      category="admission", severity="medium", needs=_NEEDS, covers=_coverage, reference="Điều lệ Đảng, Điều 4; Quy định 294-QĐ/TW",
      evidence={"candidate": "id", "introducer": "text", "problem": "code", "resolved_on": "date"},
      en={"title": "Introducer not eligible", "message": "Introducer '{introducer}': {problem} ({resolved_on})"},
      vi={"title": "Người giới thiệu không đủ điều kiện",
          "message": "Người giới thiệu «{introducer}»: {problem} (ngày nghị quyết {resolved_on})",
          "what": "Người vào Đảng phải có hai đảng viên chính thức giới thiệu: thiếu người giới thiệu, hai người "
                  "là một, hoặc người giới thiệu không có trong danh sách đảng viên, hay vào ngày chi bộ ra nghị "
                  "quyết đang là đảng viên dự bị hoặc đã ra khỏi danh sách.",
          "why": "Điều lệ Đảng, Điều 4: người vào Đảng phải được hai đảng viên chính thức giới thiệu.",
          "example": "Người giới thiệu thứ hai vào Đảng 01/06/2025, nghị quyết chi bộ 10/03/2026: còn là đảng "
                     "viên dự bị, không đủ điều kiện."})
def introducer_not_eligible(roster, ctx):
    """A candidate without two distinct introducers who are active official members on the resolution date.

    ## What it does
    For candidates not yet on the members list with a branch resolution: each introducer (a card number, or
    a name matched among the members of the candidate's branch, else of all files) must be a member who, on
    the resolution date, is official and has not left. Lists a missing or repeated introducer, one no member
    matches, one probationary or not yet admitted then, one who had left.

    ## Why
    Two official members introduce a person joining the Party (Điều lệ Đảng, Article 4).

    ## Example
    The second introducer, admitted 01/06/2025, is still probationary at the resolution of 10/03/2026: listed.
    """
    from memberaudit.normalize.build import name_key

    pending = open_candidates(roster).filter(pl.col("resolved_on").is_not_null())
    long = pl.concat([
        pending.select(*_candidate_columns(), "resolved_on", pl.col(c).alias("introducer"), pl.lit(i).alias("_n"))
        for i, c in enumerate(("introducer_1", "introducer_2"), 1)])
    members = all_firsts(roster).with_columns(roster.id_text().alias("_id"),
                                             name_key(pl.col("full_name")).alias("_key"))
    by_id = long.join(members.select("_id", pl.col("_id").alias("_by_id")), left_on="introducer", right_on="_id",
                      how="left")
    key = name_key(pl.col("introducer"))
    names = members.select("_key", pl.col("unit").alias("_unit"), pl.col("_id").alias("_by_name"))
    unique_in = names.group_by("_key", "_unit").agg(pl.col("_by_name").first(), pl.len().alias("_n_in"))
    unique_any = names.group_by("_key").agg(pl.col("_by_name").first().alias("_by_any"), pl.len().alias("_n_any"))
    found = (by_id.with_columns(key.alias("_key"))
             .join(unique_in, left_on=["_key", "unit"], right_on=["_key", "_unit"], how="left")
             .join(unique_any, on="_key", how="left")
             .with_columns(pl.coalesce("_by_id", pl.when(pl.col("_n_in") == 1).then("_by_name"),
                                       pl.when(pl.col("_n_any") == 1).then("_by_any")).alias("_who")))
    found = found.join(members.select(pl.col("_id").alias("_who"), "status", "admission_date", "official_date",
                                      "died_on", "left_on", "transferred_out_on"), on="_who", how="left")
    status = _member_status_on(found, pl.col("resolved_on"))
    same = (found.group_by("_src", "_row").agg(pl.col("_who").drop_nulls().n_unique().alias("_distinct"),
                                                pl.col("_who").is_not_null().sum().alias("_known")))
    found = found.join(same, on=["_src", "_row"], how="left")
    problem = (pl.when(pl.col("introducer").is_null() | (pl.col("introducer") == "")).then(pl.lit("missing"))
               .when(pl.col("_who").is_null()).then(pl.lit("unknown"))
               .when((pl.col("_n") == 2) & (pl.col("_known") == 2) & (pl.col("_distinct") == 1)).then(pl.lit("same"))
               .when(status == "exited").then(pl.lit("exited"))
               .when(status == "not_admitted").then(pl.lit("not_admitted"))
               .when(status == "probationary").then(pl.lit("probationary")))
    return (found.with_columns(problem.alias("problem"), pl.col("introducer").fill_null("—"))
            .filter(pl.col("problem").is_not_null())
            .select(*_candidate_columns(), "introducer", "problem", "resolved_on"))


@rule(code="ADM005", identity=("candidate",), name="admission.age-out-of-range", category="admission",
      severity="medium", needs=_NEEDS, covers=_coverage, params={"min_years": 18, "max_years": 60},
      reference="Điều lệ Đảng, Điều 1; Quy định 294-QĐ/TW, mục 1",
      evidence={"candidate": "id", "birth_date": "date", "resolved_on": "date", "age_months": "int"},
      en={"title": "Age at the branch resolution out of range",
          "message": "Born {birth_date}: {age_months} months old at the resolution of {resolved_on}"},
      vi={"title": "Tuổi người vào Đảng ngoài quy định",
          "message": "Sinh ngày {birth_date}: {age_months} tháng tuổi vào ngày nghị quyết chi bộ {resolved_on}",
          "what": "Vào ngày chi bộ ra nghị quyết, người vào Đảng chưa đủ {min_years} tuổi hoặc đã quá {max_years} "
                  "tuổi (tính theo tháng).",
          "why": "Điều lệ Đảng, Điều 1: người vào Đảng từ đủ 18 tuổi đến đủ 60 tuổi; trên 60 tuổi do cấp ủy trực "
                 "thuộc Trung ương xem xét.",
          "example": "Sinh 20/06/2008, nghị quyết chi bộ 01/03/2026: 212 tháng tuổi, chưa đủ 18 tuổi."})
def age_out_of_range(roster, ctx):
    """A candidate younger than `min_years` or older than `max_years` on the branch's resolution, in months.

    ## What it does
    For candidates with a birth date and a resolution date: the age in whole months on the resolution date;
    listed below `min_years` (18) × 12 or above `max_years` (60) × 12.

    ## Why
    Members are admitted from 18 to 60 years of age, counted in months (Điều lệ Đảng, Article 1); older
    candidates need the provincial committee's consent.

    ## Example
    Born 20/06/2008, resolution 01/03/2026: 212 months, under 18: listed.
    """
    born, resolved = pl.col("birth_date"), pl.col("resolved_on")
    months = ((resolved.dt.year() - born.dt.year()) * 12 + resolved.dt.month() - born.dt.month()
              - (resolved.dt.day() < born.dt.day()).cast(pl.Int32))
    return (open_candidates(roster).filter(born.is_not_null() & resolved.is_not_null())
            .with_columns(months.alias("age_months"))
            .filter((pl.col("age_months") < ctx.params["min_years"] * 12)
                    | (pl.col("age_months") > ctx.params["max_years"] * 12))
            .select(*_candidate_columns(), "birth_date", "resolved_on", "age_months"))


@rule(code="DAT011", identity=("candidate",), name="data.admission-date-mismatch", category="data", severity="low",
      needs=_NEEDS, reference="Hướng dẫn 06-HD/TW (2025)",
      evidence={"candidate": "id", "member": "id", "admission_date": "date", "decided_on": "date?",
                "ceremony_on": "date?", "detail": "code"},
      en={"title": "Admission date differs from the candidates table",
          "message": "Member {member} admitted {admission_date}; the candidates table has the decision "
                     "{decided_on} and the ceremony {ceremony_on}"},
      vi={"title": "Ngày vào Đảng không khớp hồ sơ kết nạp",
          "message": "Đảng viên {member} ghi ngày vào Đảng {admission_date}; bảng đối tượng kết nạp ghi quyết định "
                     "{decided_on}, lễ kết nạp {ceremony_on}",
          "what": "Người trong bảng đối tượng kết nạp đã có trong danh sách đảng viên (cùng họ tên, ngày sinh) mà "
                  "ngày vào Đảng khác cả ngày quyết định và ngày lễ kết nạp.",
          "why": "Ngày vào Đảng là căn cứ tính tuổi đảng, thời hạn dự bị và Huy hiệu Đảng: một trong hai bảng "
                 "ghi sai.",
          "example": "Quyết định 02/03/2026, lễ kết nạp 20/03/2026, danh sách đảng viên ghi 20/04/2026: không khớp."})
def admission_date_mismatch(roster, ctx):
    """A candidate already on the members list whose admission date matches neither decision nor ceremony.

    ## What it does
    A candidate with the name and birth date of a member (in the same branch when both say one) is taken as
    admitted: the pipeline row is closed (ADM001-ADM005 skip it). When the candidates table dates the
    decision or the ceremony and the member's admission date is neither, both are shown.

    ## Why
    The admission date counts party age, probation and badges: one of the two tables is wrong.

    ## Example
    Decision 02/03/2026, ceremony 20/03/2026, the members list says 20/04/2026: listed.
    """
    dated = pl.col("decided_on").is_not_null() | pl.col("ceremony_on").is_not_null()
    agrees = (pl.col("_admitted") == pl.col("decided_on")).fill_null(False) | (
        pl.col("_admitted") == pl.col("ceremony_on")).fill_null(False)
    return (admitted_candidates(roster).filter(dated & pl.col("_admitted").is_not_null() & ~agrees)
            .select(*_candidate_columns(), pl.col("_member").alias("member"),
                    pl.col("_admitted").alias("admission_date"), "decided_on", "ceremony_on",
                    pl.lit("admission_steps").alias("detail")))


STEPS = ("listed", "class", "applied", "resolved", "decided")  # the furthest step a candidate has reached


def pipeline(roster):
    """The open candidates with the furthest step each has reached (`step`, one of STEPS)."""
    step = (pl.when(pl.col("decided_on").is_not_null()).then(pl.lit("decided"))
            .when(pl.col("resolved_on").is_not_null()).then(pl.lit("resolved"))
            .when(pl.col("applied_on").is_not_null()).then(pl.lit("applied"))
            .when(pl.col("class_on").is_not_null()).then(pl.lit("class")).otherwise(pl.lit("listed")))
    return open_candidates(roster).with_columns(step.alias("step"))


def likely_per_unit(roster, year: int):
    """unit → admissions likely by the end of `year`: decided that year, ceremony to come; per branch and
    per committee alike (targets name either), as `structure.admitted_per_unit` counts the admitted."""
    likely = pipeline(roster).filter((pl.col("step") == "decided") & (pl.col("decided_on").dt.year() == year))
    by_unit = likely.group_by("unit").len()
    by_parent = likely.drop_nulls("parent_unit").group_by(pl.col("parent_unit").alias("unit")).len()
    return pl.concat([by_unit, by_parent]).group_by("unit").agg(pl.col("len").max().alias("likely"))
