"""The basic statistics forms of Hướng dẫn 11-HD/BTCTW (2021) that a roster holds: Biểu 1 (increases and
decreases), 2 (new admissions), 3 (the members at the period's end), 4 (ethnicity and religion), 7 (badges
due and transfers).

Each member's time on the list is a *stay*: from admission, transfer in or restoration to death, exit or
transfer out. A committee (or the whole organisation) sees one stay per member: moves between its own
branches are not movements of its list. Every breakdown sums to its total: members whose value is unknown
are counted in an explicit "chưa rõ" row. "Cùng kỳ năm trước" is the same count over the period one year
earlier, from the same dates; a count made of what the roster only knows today (education, qualification,
political theory, youth union, occupation) has no last-year value.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from memberaudit.checks.common import add_years, party_age_reached
from memberaudit.model.lazy import pl
from memberaudit.model.vocab import (
    EDUCATION_LEVELS,
    MAJORITY_ETHNICITY,
    NO_RELIGION,
    OCCUPATION_GROUPS,
    QUALIFICATIONS,
    THEORY_LEVELS,
    YES_WORDS,
)
from memberaudit.normalize.values import coded
from memberaudit.reports.views.composition import age_years

FORMS = ("1", "2", "3", "4", "7")
WHOLE = ""  # the whole organisation's unit key in the JSON
AGE_BANDS = (("age_under_18", 0, 17), ("age_18_30", 18, 30), ("age_31_35", 31, 35), ("age_36_40", 36, 40),
             ("age_41_45", 41, 45), ("age_46_50", 46, 50), ("age_51_55", 51, 55), ("age_56_60", 56, 60),
             ("age_over_60", 61, 200))
ERAS = (("era_before_1945", None, date(1945, 8, 18)), ("era_1945_1954", date(1945, 8, 19), date(1954, 7, 20)),
        ("era_1954_1975", date(1954, 7, 21), date(1975, 4, 30)), ("era_from_1975", date(1975, 5, 1), None))
BADGES = (30, 40, 45, 50, 55, 60, 65, 70, 75, 80, 85, 90)
EXITS = ("deceased", "expelled", "removed", "resigned", "transferred")


@dataclass(frozen=True)
class Row:
    """One line of a form: its stable key, its label in both languages, its indent, and whether last year's
    value can be computed from the dates the roster holds."""

    key: str
    vi: str
    en: str
    indent: int = 0
    dated: bool = True
    number: str | None = None  # what the STT column shows (A, B, C, D on form 1); default a running number

    def label(self, lang: str) -> str:
        return self.en if lang == "en" else self.vi


def _breakdown(prefix: str, labels: dict[str, tuple[str, str]], unknown: tuple[str, str], *, dated: bool,
               indent: int = 1) -> list[Row]:
    return [*(Row(f"{prefix}_{k}" if prefix else k, vi, en, indent, dated) for k, (vi, en) in labels.items()),
            Row(f"unknown_{prefix or 'value'}", *unknown, indent, dated)]


_OCCUPATIONS = {
    "civil_servant": ("Cán bộ, công chức, viên chức", "Officials and public employees"),
    "enterprise": ("Người lao động trong doanh nghiệp", "Enterprise workers"),
    "worker": ("Công nhân", "Workers"), "farmer": ("Nông dân", "Farmers"),
    "student": ("Học sinh, sinh viên", "Students"), "teacher": ("Giáo viên, giảng viên", "Teachers"),
    "armed_forces": ("Lực lượng vũ trang", "Armed forces"), "retired": ("Hưu trí", "Retired"),
    "other": ("Khác", "Other"),
}
_AGES = {k: ("Dưới 18 tuổi", "Under 18") if hi < 18 else ("Trên 60 tuổi", "Over 60") if lo > 60 else
         (f"Từ {lo} đến {hi} tuổi", f"{lo} to {hi}") for k, lo, hi in AGE_BANDS}
_EDUCATION = {"primary": ("Tiểu học", "Primary"), "lower_secondary": ("Trung học cơ sở", "Lower secondary"),
              "upper_secondary": ("Trung học phổ thông", "Upper secondary")}
_QUALIFICATION = {"none": ("Chưa qua đào tạo", "None"), "elementary": ("Sơ cấp, công nhân kỹ thuật", "Elementary"),
                  "intermediate": ("Trung cấp", "Intermediate"), "college": ("Cao đẳng", "College"),
                  "university": ("Đại học", "University"), "master": ("Thạc sĩ", "Master"),
                  "doctor": ("Tiến sĩ", "Doctor")}
_THEORY = {"none": ("Chưa qua đào tạo", "None"), "elementary": ("Sơ cấp", "Elementary"),
           "intermediate": ("Trung cấp", "Intermediate"), "advanced": ("Cao cấp, cử nhân", "Advanced, bachelor")}
_ERAS = {"era_before_1945": ("Vào Đảng trước 19/8/1945", "Admitted before 19/8/1945"),
         "era_1945_1954": ("Từ 19/8/1945 đến 20/7/1954", "19/8/1945 to 20/7/1954"),
         "era_1954_1975": ("Từ 21/7/1954 đến 30/4/1975", "21/7/1954 to 30/4/1975"),
         "era_from_1975": ("Từ 01/5/1975 đến nay", "From 01/5/1975")}
UNKNOWN = ("Chưa rõ", "Unknown")


def _people_rows(*, probationary: bool, eras: bool) -> list[Row]:
    """The rows forms 2 and 3 share: totals, "of which", occupation, age, education, qualification, theory."""
    rows = [Row("total", "Tổng số", "Total"),
            Row("women", "Trong đó: Nữ", "of which: women", 1), Row("unknown_gender", "Chưa rõ giới tính",
                                                                     "Gender unknown", 1),
            Row("ethnic_minority", "Dân tộc thiểu số", "Ethnic minorities", 1),
            Row("unknown_ethnicity", "Chưa rõ dân tộc", "Ethnicity unknown", 1),
            Row("religious", "Có đạo", "Religious", 1), Row("unknown_religion", "Chưa rõ tôn giáo",
                                                            "Religion unknown", 1),
            Row("youth_union", "Đoàn viên thanh niên", "Youth-union members", 1, dated=False)]
    if probationary:
        rows.append(Row("probationary", "Đảng viên dự bị", "Probationary members", 1))
    rows += [Row("heading_occupation", "Nghề nghiệp", "Occupation"),
             *_breakdown("occupation", _OCCUPATIONS, UNKNOWN, dated=False),
             Row("heading_age", "Độ tuổi", "Age"), *_breakdown("", _AGES, UNKNOWN, dated=True)[:-1],
             Row("unknown_age", *UNKNOWN, 1), Row("average_age", "Tuổi bình quân", "Average age", 1),
             Row("heading_education", "Giáo dục phổ thông", "General education"),
             *_breakdown("education", _EDUCATION, UNKNOWN, dated=False),
             Row("heading_qualification", "Chuyên môn nghiệp vụ", "Professional qualification"),
             *_breakdown("qualification", _QUALIFICATION, UNKNOWN, dated=False),
             Row("heading_theory", "Lý luận chính trị", "Political theory"),
             *_breakdown("theory", _THEORY, UNKNOWN, dated=False)]
    if eras:
        rows += [Row("heading_era", "Thời kỳ vào Đảng", "Admission era"),
                 *_breakdown("", _ERAS, UNKNOWN, dated=True)[:-1], Row("unknown_era", *UNKNOWN, 1)]
    return rows


FORM_ROWS: dict[str, list[Row]] = {
    "1": [Row("opening", "Đảng viên đầu kỳ", "Members at the start", number="A"),
          Row("increase", "Tăng trong kỳ", "Increases", number="B"),
          Row("admitted", "Kết nạp", "Admitted", 1),
          Row("transferred_in", "Chuyển đến", "Transferred in", 1),
          Row("transferred_in_other_province", "Từ tỉnh, thành phố khác", "from another province", 2),
          Row("transferred_in_within_province", "Trong tỉnh, thành phố", "within the province", 2),
          Row("transferred_in_unknown", "Chưa rõ nơi đi", "origin unknown", 2),
          Row("restored", "Phục hồi đảng tịch", "Restored", 1),
          Row("decrease", "Giảm trong kỳ", "Decreases", number="C"),
          Row("died", "Từ trần", "Died", 1), Row("expelled", "Khai trừ", "Expelled", 1),
          Row("removed", "Xóa tên", "Removed", 1),
          Row("removed_probationary", "Trong đó: đảng viên dự bị", "of which probationary", 2),
          Row("resigned", "Xin ra khỏi Đảng", "Resigned", 1),
          Row("transferred_out", "Chuyển đi", "Transferred out", 1),
          Row("transferred_out_other_province", "Đến tỉnh, thành phố khác", "to another province", 2),
          Row("transferred_out_within_province", "Trong tỉnh, thành phố", "within the province", 2),
          Row("transferred_out_unknown", "Chưa rõ nơi đến", "destination unknown", 2),
          Row("closing", "Đảng viên cuối kỳ (D = A + B − C)", "Members at the end (D = A + B − C)", number="D"),
          Row("unexplained", "Chưa khớp D = A + B − C: đảng viên ra khỏi danh sách không rõ ngày",
              "Not matching D = A + B − C: members who left on no known date", number="")],
    "2": _people_rows(probationary=False, eras=False),
    "3": _people_rows(probationary=True, eras=True),
    "7": [Row("heading_badges", "Huy hiệu Đảng đến hạn trong kỳ", "Party badges due in the period"),
          *[Row(f"badge_{n}", f"Huy hiệu {n} năm tuổi Đảng", f"{n}-year badge", 1) for n in BADGES],
          Row("heading_transfers", "Chuyển sinh hoạt đảng", "Transfers"),
          Row("official_in", "Chính thức: chuyển đến", "Official: in", 1),
          Row("official_out", "Chính thức: chuyển đi", "Official: out", 1),
          Row("temporary_in", "Tạm thời: đến sinh hoạt", "Temporary: in", 1),
          Row("temporary_out", "Tạm thời: đi sinh hoạt nơi khác", "Temporary: out", 1)],
}
TITLES = {
    "1": ("TĂNG, GIẢM ĐẢNG VIÊN", "Increases and decreases of members"),
    "2": ("ĐẢNG VIÊN MỚI KẾT NẠP", "Newly admitted members"),
    "3": ("ĐỘI NGŨ ĐẢNG VIÊN", "The members"),
    "4": ("ĐẢNG VIÊN THEO DÂN TỘC, TÔN GIÁO", "Members by ethnicity and religion"),
    "7": ("HUY HIỆU ĐẢNG VÀ CHUYỂN SINH HOẠT ĐẢNG", "Party badges and transfers"),
}


def form_code(form: str) -> str:
    return f"{form}-BTCTW"


# --- each member's time on the list ------------------------------------------------------------------------


def stays(roster):
    """One row per member row on the list (guests left out): when and how the member came onto it, when and
    how they left it, and what the forms group them by. An exit status without its date takes the date of
    the member's official transfer letter when the transfers table has one."""
    members = roster.members.filter(pl.col("status") != "guest")
    letters = (roster.transfers.filter(pl.col("kind") == "official").group_by("member_id")
               .agg(pl.col("issued_on").max().alias("_letter"), pl.col("to_unit").last().alias("_to"),
                    pl.col("received_on").max().alias("_received"), pl.col("from_unit").last().alias("_from")))
    members = members.join(letters, on="member_id", how="left")
    came_in = pl.col("transferred_in_on").is_not_null() & (
        pl.col("admission_date").is_null() | (pl.col("transferred_in_on") > pl.col("admission_date")))
    restored = pl.col("restored_on").is_not_null() & (
        pl.col("admission_date").is_null() | (pl.col("restored_on") > pl.col("admission_date")))
    start = (pl.when(restored).then(pl.col("restored_on")).when(came_in).then(pl.col("transferred_in_on"))
             .otherwise(pl.col("admission_date")))
    start_how = (pl.when(restored).then(pl.lit("restored")).when(came_in).then(pl.lit("transferred_in"))
                 .otherwise(pl.lit("admitted")))
    transferred_out = pl.coalesce("transferred_out_on", pl.when(pl.col("status") == "transferred").then("_letter"))
    end = (pl.when(pl.col("status") == "deceased").then(pl.col("died_on"))
           .when(pl.col("status").is_in(["expelled", "removed", "resigned"])).then(pl.col("left_on"))
           .when(pl.col("status") == "transferred").then(transferred_out))
    exited = pl.col("status").is_in(list(EXITS))
    # free text as typed: NFD files spell "Không" with other code points
    ethnicity = pl.col("ethnicity").str.normalize("NFC").str.strip_chars()
    religion = pl.col("religion").str.normalize("NFC").str.strip_chars()
    youth = pl.col("youth_union").str.strip_chars()
    return members.select(
        roster.id_text(), pl.col("parent_unit").fill_null("—"), "unit", "full_name",
        "birth_date", "admission_date", "official_date", "gender", "party_age_gap_months",
        start.alias("start"), start_how.alias("start_how"), end.alias("end"),
        pl.when(exited).then(pl.col("status")).alias("end_how"),
        (exited & end.is_null()).alias("undated_exit"),
        pl.when(came_in).then(pl.coalesce("transferred_in_from", "_from")).alias("came_from"),
        pl.when(pl.col("status") == "transferred").then(pl.coalesce("transferred_out_to", "_to")).alias("went_to"),
        pl.when(ethnicity.is_null() | (ethnicity == "")).then(None).otherwise(ethnicity.str.to_lowercase()
                                                                          != MAJORITY_ETHNICITY.lower())
        .alias("minority"), ethnicity.alias("ethnicity"),
        pl.when(religion.is_null() | (religion == "")).then(None)
        .otherwise(~religion.str.to_lowercase().is_in([w.lower() for w in NO_RELIGION])).alias("religious"),
        religion.alias("religion"),
        pl.when(youth.is_null() | (youth == "")).then(False).otherwise(youth.is_in(list(YES_WORDS)))
        .alias("youth_union"),
        pl.col("occupation_group").alias("occupation"),
        coded(members, "education", EDUCATION_LEVELS, contains=True).alias("education"),
        coded(members, "qualification", QUALIFICATIONS, contains=True).alias("qualification"),
        coded(members, "political_theory", THEORY_LEVELS, contains=True).alias("theory"),
    )


def merged(stays_frame, keys: list[str]):
    """One stay per member at the level of `keys`: the earliest start, the latest end (none while any stay is
    open), how the first began and how the last ended; the latest stay's facts."""
    ordered = stays_frame.sort("start", nulls_last=False)
    open_stay = pl.col("end").is_null() & ~pl.col("undated_exit")
    facts = [c for c in stays_frame.columns if c not in (*keys, "member_id", "start", "end", "start_how",
                                                            "end_how", "undated_exit", "came_from", "went_to")]
    return ordered.group_by([*keys, "member_id"], maintain_order=True).agg(
        pl.col("start").first(), pl.col("start_how").first(), pl.col("came_from").first(),
        pl.when(open_stay.any()).then(None).otherwise(pl.col("end").max()).alias("end"),
        pl.when(open_stay.any()).then(None).otherwise(pl.col("end_how").last()).alias("end_how"),
        pl.when(open_stay.any()).then(None).otherwise(pl.col("went_to").last()).alias("went_to"),
        (~open_stay.any() & pl.col("undated_exit").last()).alias("undated_exit"),
        *[pl.col(c).last() for c in facts])


# --- counting over a period --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def year_earlier(self) -> Period:
        return Period(add_years(self.start, -1), add_years(self.end, -1))


def _between(column: str, period: Period):
    return pl.col(column).is_between(period.start, period.end)


def on_list(day: date):
    """On the list at the end of `day`: came on by then (or on no known date) and not gone by then. A member
    who left on no known date is on the list until the exit is known, and off it at any later count."""
    came = pl.col("start").is_null() | (pl.col("start") <= day)
    return came & (pl.col("end").is_null() | (pl.col("end") > day))


def _place(column: str, own_units: list[str], province: str | None):
    """Where a transfer went or came from: "within" (a unit of these files, or naming our province), "other"
    (naming another province or city), else unknown (null)."""
    text = pl.col(column).str.to_lowercase()
    within = pl.col(column).is_in(own_units)
    if province:
        within = within | text.str.contains(province.lower(), literal=True)
    other = text.str.contains(r"(tỉnh|thành phố|tp\.?)\s")
    return pl.when(pl.col(column).is_null()).then(None).when(within).then(pl.lit("within")).when(other).then(
        pl.lit("other"))


def _form1(frame, period: Period, own_units: list[str], province: str | None) -> dict:
    before = period.start - timedelta(days=1)
    counts = frame.select(
        on_list(before).sum().alias("opening"),
        ((pl.col("start_how") == "admitted") & _between("start", period)).sum().alias("admitted"),
        ((pl.col("start_how") == "transferred_in") & _between("start", period)).sum().alias("transferred_in"),
        *[((pl.col("start_how") == "transferred_in") & _between("start", period)
           & (_place("came_from", own_units, province).fill_null("unknown") == where)).sum()
          .alias(f"transferred_in_{name}") for where, name in (("other", "other_province"),
                                                               ("within", "within_province"), ("unknown", "unknown"))],
        ((pl.col("start_how") == "restored") & _between("start", period)).sum().alias("restored"),
        *[((pl.col("end_how") == how) & _between("end", period)).sum().alias(row)
          for how, row in (("deceased", "died"), ("expelled", "expelled"), ("removed", "removed"),
                           ("resigned", "resigned"), ("transferred", "transferred_out"))],
        ((pl.col("end_how") == "removed") & _between("end", period)
         & (pl.col("official_date").is_null() | (pl.col("official_date") > pl.col("end")))).sum().alias("removed_probationary"),
        *[((pl.col("end_how") == "transferred") & _between("end", period)
           & (_place("went_to", own_units, province).fill_null("unknown") == where)).sum()
          .alias(f"transferred_out_{name}") for where, name in (("other", "other_province"),
                                                                ("within", "within_province"), ("unknown", "unknown"))],
        (on_list(period.end) & ~pl.col("undated_exit")).sum().alias("closing"),
    ).row(0, named=True)
    counts = {k: int(v) for k, v in counts.items()}
    counts["increase"] = counts["admitted"] + counts["transferred_in"] + counts["restored"]
    counts["decrease"] = sum(counts[k] for k in ("died", "expelled", "removed", "resigned", "transferred_out"))
    counts["unexplained"] = counts["opening"] + counts["increase"] - counts["decrease"] - counts["closing"]
    return counts


def breaking_members(frame, period: Period):
    """The members who make D differ from A + B − C: on the list at the start or come on in the period, and
    gone on no known date."""
    return frame.filter(pl.col("undated_exit") & (pl.col("start").is_null() | (pl.col("start") <= period.end)))


def _people(frame, on_age, *, probationary_on: date | None, eras: bool) -> dict:
    """Forms 2 and 3 over `frame`'s members; ages on `on_age` (a date, or a date column per member)."""
    frame = frame.with_columns(age_years(on_age).alias("_age"))
    exprs = [pl.len().alias("total"), (pl.col("gender") == "female").sum().alias("women"),
             pl.col("gender").is_null().sum().alias("unknown_gender"),
             pl.col("minority").fill_null(False).sum().alias("ethnic_minority"),
             pl.col("minority").is_null().sum().alias("unknown_ethnicity"),
             pl.col("religious").fill_null(False).sum().alias("religious"),
             pl.col("religious").is_null().sum().alias("unknown_religion"),
             pl.col("youth_union").sum().alias("youth_union")]
    if probationary_on is not None:
        exprs.append((pl.col("official_date").is_null() | (pl.col("official_date") > probationary_on)).sum()
                     .alias("probationary"))
    for key in OCCUPATION_GROUPS:
        exprs.append((pl.col("occupation") == key).sum().alias(f"occupation_{key}"))
    exprs.append(pl.col("occupation").is_null().sum().alias("unknown_occupation"))
    for key, low, high in AGE_BANDS:
        exprs.append(pl.col("_age").is_between(low, high).sum().alias(key))
    exprs += [pl.col("_age").is_null().sum().alias("unknown_age"), pl.col("_age").mean().alias("average_age")]
    for column, prefix, vocabulary in (("education", "education", _EDUCATION), ("qualification", "qualification",
                                                                               _QUALIFICATION),
                                       ("theory", "theory", _THEORY)):
        exprs += [(pl.col(column) == key).sum().alias(f"{prefix}_{key}") for key in vocabulary]
        exprs.append(pl.col(column).is_null().sum().alias(f"unknown_{prefix}"))
    if eras:
        for key, low, high in ERAS:
            admitted = pl.col("admission_date")
            inside = (admitted >= low if low else pl.lit(True)) & (admitted <= high if high else pl.lit(True))
            exprs.append((admitted.is_not_null() & inside).sum().alias(key))
        exprs.append(pl.col("admission_date").is_null().sum().alias("unknown_era"))
    row = frame.select(exprs).row(0, named=True)
    average = row.pop("average_age")
    out = {k: int(v or 0) for k, v in row.items()}
    out["average_age"] = round(average, 1) if average is not None else None
    return out


def _form4(frame) -> dict:
    """Members by ethnicity and by religion, each with its women ("chưa rõ" for no value)."""
    out: dict[str, int] = {}
    for column, prefix in (("ethnicity", "ethnicity"), ("religion", "religion")):
        counted = frame.group_by(pl.col(column).fill_null("").alias("_v")).agg(
            pl.len().alias("n"), (pl.col("gender") == "female").sum().alias("women")).sort("_v")
        for value, n, women in counted.iter_rows():
            out[f"{prefix}.{value or '?'}"] = int(n)
            out[f"{prefix}.{value or '?'}.women"] = int(women)
    return out


def _badges(present, period: Period) -> dict:
    """The members on the list at the end whose party age reaches a milestone within the period."""
    return {f"badge_{years}": int(present.select(party_age_reached(years).is_between(period.start, period.end)
                                                 .sum()).item()) for years in BADGES}


def _temporary_letters(roster):
    """The temporary letters with the branch each went to (`_to`) and came from (`_from`): a branch's own book
    of both ways names only the other side (where the member came from, or went), its own side being the
    member's branch. Made once for every level and period the forms count."""
    own = roster.members.select("member_id", pl.col("unit").alias("_own")).unique("member_id", keep="first")
    return (roster.transfers.filter(pl.col("kind") == "temporary").join(own, on="member_id", how="left")
            .select(pl.coalesce("to_unit", pl.when(pl.col("direction") == "in").then("_own")).alias("_to"),
                    pl.coalesce("from_unit", pl.when(pl.col("direction") == "out").then("_own")).alias("_from"),
                    "received_on", "issued_on"))


def _temporary(letters, units: list[str], period: Period) -> dict:
    """Temporary letters received by and issued from `units` in the period."""
    return {
        "temporary_in": letters.filter(pl.col("_to").is_in(units) & _between("received_on", period)).height,
        "temporary_out": letters.filter(pl.col("_from").is_in(units) & _between("issued_on", period)).height,
    }


def _count(letters, frame, period: Period, forms: tuple[str, ...], units: list[str], own_units: list[str],
           province) -> dict:
    """Every chosen form's cells for one level's stays (`frame`, its branches `units`) over `period`;
    `own_units` are all the branches of these files (a transfer to one is within the province)."""
    out = {}
    if "1" in forms:
        out["1"] = _form1(frame, period, own_units, province)
    present = frame.filter(on_list(period.end) & ~pl.col("undated_exit"))
    if "2" in forms:
        new = frame.filter((pl.col("start_how") == "admitted") & _between("start", period))
        out["2"] = _people(new, pl.col("admission_date"), probationary_on=None, eras=False)  # age at admission
    if "3" in forms:
        out["3"] = _people(present, period.end, probationary_on=period.end, eras=True)
    if "4" in forms:
        out["4"] = _form4(present)
    if "7" in forms:
        form1 = out.get("1") or _form1(frame, period, own_units, province)
        out["7"] = {**_badges(present, period), "official_in": form1["transferred_in"],
                    "official_out": form1["transferred_out"], **_temporary(letters, units, period)}
    return out


def statistics(roster, period: Period, *, forms: tuple[str, ...] = FORMS, by_committee: bool = False,
               province: str | None = None) -> dict:
    """{"period", "forms": {FORM: {UNIT: {ROW: {"this", "last_year"}}}}, "breaking": {UNIT: [members]}}:
    the whole organisation ("") and, `by_committee`, each committee."""
    all_stays = stays(roster)
    own_units = roster.members.get_column("unit").drop_nulls().unique().to_list()
    levels = [(WHOLE, merged(all_stays, []), own_units)]
    if by_committee:
        committees = merged(all_stays, ["parent_unit"])
        for (name,), part in sorted(committees.group_by("parent_unit"), key=lambda kv: kv[0][0]):
            units = all_stays.filter(pl.col("parent_unit") == name).get_column("unit").drop_nulls().unique().to_list()
            levels.append((name, part, units))
    earlier = period.year_earlier()
    letters = _temporary_letters(roster) if "7" in forms else None
    result: dict = {"period": period, "forms": {form_code(f): {} for f in forms}, "breaking": {}}
    for unit, frame, units in levels:
        now = _count(letters, frame, period, forms, units, own_units, province)
        then = _count(letters, frame, earlier, forms, units, own_units, province)
        for form in forms:
            cells = {}
            dated = {r.key: r.dated for r in FORM_ROWS.get(form, [])}
            for key in dict.fromkeys([*now[form], *then[form]]):
                last = then[form].get(key, 0) if dated.get(key, True) else None
                cells[key] = {"this": now[form].get(key, 0), "last_year": last}
            result["forms"][form_code(form)][unit] = cells
        breaking = breaking_members(frame, period)
        result["breaking"][unit] = breaking.select("member_id", "full_name", "unit", "end_how").to_dicts()
    return result


def rows_of(form: str, cells: dict) -> list[Row]:
    """The rows a form prints: its declared rows, or for form 4 one row per ethnicity and religion found."""
    if form != "4":
        return FORM_ROWS[form]
    rows = []
    for prefix, vi, en in (("ethnicity", "Dân tộc", "Ethnicity"), ("religion", "Tôn giáo", "Religion")):
        rows.append(Row(f"heading_{prefix}", vi, en))
        values = sorted({k.split(".")[1] for k in cells if k.startswith(f"{prefix}.")},
                        key=lambda v: (v == "?", v != MAJORITY_ETHNICITY, v))
        for value in values:
            label = "Chưa rõ" if value == "?" else value
            rows.append(Row(f"{prefix}.{value}", label, "Unknown" if value == "?" else value, 1))
            rows.append(Row(f"{prefix}.{value}.women", "Trong đó: nữ", "of which women", 2))
    return rows
