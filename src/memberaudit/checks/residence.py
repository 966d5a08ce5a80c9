"""Members who work far from home (Quy định 213-QĐ/TW, 2020; Hướng dẫn 33-HD/BTCTW): a member of a workplace
branch keeps contact with the party organisation where they live, which comments on them every year."""

from __future__ import annotations

from memberaudit.checks.common import MEMBER_COLUMNS, active_members
from memberaudit.checks.registry import rule
from memberaudit.model.lazy import pl

RESIDENCE_COLUMNS = ("residence_unit", "residence_introduced_on")
_WORKPLACES = ("agency", "enterprise", "school")  # Quy định 213: cơ quan, doanh nghiệp, đơn vị sự nghiệp
# the categories Hướng dẫn 33 exempts: armed forces in barracks or on special duty, full-time students away from
# home (occupation groups); members working far away or on the move (words of their occupation)
_EXEMPT = {"exempt_groups": ["armed_forces", "student"],
           "exempt_words": ["lưu động", "đi biển", "công tác xa", "biệt phái", "nước ngoài"]}


def workplace_members(roster, ctx):
    """Active members of a workplace branch (units table kind), outside the exempt categories, with whether
    their file has a residence column (`_has_column`)."""
    def compute():
        kinds = roster.units.filter(pl.col("kind").is_in(list(_WORKPLACES))).select("unit").unique()
        with_column = [i for i, s in enumerate(roster.sources) if s.kind == "members"
                       and any(c in s.columns for c in RESIDENCE_COLUMNS)]
        # occupations repeat: the exempt words are looked for once per distinct occupation
        words = [w.lower() for w in ctx.params["exempt_words"]]
        occupations = roster.members.get_column("occupation").drop_nulls().unique().to_list()
        far = pl.col("occupation").is_in([o for o in occupations if any(w in o.lower() for w in words)])
        far = far.fill_null(False)
        # lazily: only the columns the residence rules read are taken from the members kept
        return (active_members(roster, ctx).lazy().join(kinds.lazy(), on="unit", how="semi")
                .filter(~pl.col("status").is_in(["exempt", "temp_exempt"])
                        & ~pl.col("occupation_group").fill_null("").is_in(ctx.params["exempt_groups"]) & ~far)
                .select(*MEMBER_COLUMNS, *RESIDENCE_COLUMNS, pl.col("_src").is_in(with_column).alias("_has_column"))
                .collect())

    return roster.derived(("workplace_members", ctx.as_of, str(ctx.params)), compute)


def _introduced_coverage(roster, ctx):
    members = workplace_members(roster, ctx)
    skipped = ["no_column:residence"] if not members.get_column("_has_column").all() else []
    return members.filter(pl.col("_has_column")), skipped


@rule(code="RES001", name="residence.not-introduced", category="compliance", severity="medium",
      needs=("members", "units"), params=dict(_EXEMPT), covers=_introduced_coverage,
      reference="Quy định 213-QĐ/TW (2020); Hướng dẫn 33-HD/BTCTW",
      evidence={"unit_kind": "code"},
      en={"title": "Not introduced to the party organisation of residence",
          "message": "Member of a {unit_kind} branch with no residence branch or introduction date"},
      vi={"title": "Chưa giới thiệu về sinh hoạt nơi cư trú",
          "message": "Đảng viên chi bộ {unit_kind} chưa có chi bộ nơi cư trú, ngày giới thiệu về nơi cư trú",
          "what": "Đảng viên đang công tác ở cơ quan, doanh nghiệp, đơn vị sự nghiệp mà trong danh sách chưa ghi "
                  "chi bộ nơi cư trú hoặc ngày giới thiệu về nơi cư trú. Chỉ xét các tệp có cột nơi cư trú; "
                  "không xét lực lượng vũ trang, học sinh, sinh viên và người công tác lưu động, ở xa.",
          "why": "Quy định 213-QĐ/TW: đảng viên công tác ở cơ quan, doanh nghiệp, đơn vị sự nghiệp thường xuyên "
                 "giữ mối liên hệ với tổ chức đảng và nhân dân nơi cư trú.",
          "example": "Đảng viên «Chi bộ Phòng Kỹ thuật» (doanh nghiệp), cột «Chi bộ nơi cư trú» để trống: "
                     "chưa giới thiệu."})
def not_introduced(roster, ctx):
    """A workplace member with no introduction to the party organisation where they live.

    ## What it does
    For active members of a branch whose kind (units table) is an agency, an enterprise or a school, in a file
    with a residence column (`Chi bộ nơi cư trú`, `Ngày giới thiệu về nơi cư trú`): listed when both are
    empty. A file without such a column says nothing about residence: the coverage says where the rule was
    skipped. Members of `exempt_groups` (armed forces, students) and those whose occupation holds one of
    `exempt_words` (mobile or far-away work) are skipped (Hướng dẫn 33-HD/BTCTW).

    ## Why
    Quy định 213-QĐ/TW: a member working in an agency, enterprise or public service unit keeps in touch with
    the party organisation and the people where they live, introduced there by their own branch.

    ## Example
    A member of "Chi bộ Phòng Kỹ thuật" (an enterprise) whose residence branch is empty: listed.
    """
    kinds = roster.units.select("unit", pl.col("kind").alias("unit_kind")).unique("unit")
    return (workplace_members(roster, ctx).filter(pl.col("_has_column") & pl.col("residence_unit").is_null()
                                                  & pl.col("residence_introduced_on").is_null())
            .join(kinds, on="unit", how="left").select(*MEMBER_COLUMNS, "unit_kind"))


def _commented(roster, ctx):
    """(members to be commented on, the committees the comments table covers)."""
    members = workplace_members(roster, ctx).filter(pl.col("residence_unit").is_not_null()
                                                    | pl.col("residence_introduced_on").is_not_null())
    introduced_by = pl.date(ctx.as_of.year - 1, 12, 31)
    members = members.filter(pl.col("residence_introduced_on").is_null() | (pl.col("residence_introduced_on")
                                                                             <= introduced_by))
    commented = roster.comments.select("member_id").unique()
    covered = roster.members.join(commented, on="member_id", how="semi").get_column("parent_unit").drop_nulls().unique()
    return members, covered


def _comment_coverage(roster, ctx):
    members, covered = _commented(roster, ctx)
    inside = members.filter(pl.col("parent_unit").is_in(covered.implode()))
    return inside, (["no_comments:committee"] if inside.height < members.height else [])


@rule(code="RES002", identity=("year",), name="residence.no-annual-comment", category="compliance",
      severity="medium", needs=("members", "units", "comments"), params=dict(_EXEMPT), covers=_comment_coverage,
      reference="Quy định 213-QĐ/TW (2020); Hướng dẫn 33-HD/BTCTW",
      evidence={"year": "int", "residence_unit": "text"},
      en={"title": "No yearly comment from the residence branch",
          "message": "No comment from {residence_unit} for {year}, before the year-end rating"},
      vi={"title": "Chưa có nhận xét của chi ủy nơi cư trú",
          "message": "Chưa có nhận xét năm {year} của {residence_unit} trước khi đánh giá, xếp loại",
          "what": "Đảng viên công tác ở cơ quan, doanh nghiệp, đơn vị sự nghiệp đã giới thiệu về nơi cư trú mà "
                  "bảng nhận xét nơi cư trú không có nhận xét năm trước (chỉ xét các đảng bộ có trong bảng).",
          "why": "Quy định 213-QĐ/TW, Hướng dẫn 33-HD/BTCTW: hằng năm, trước khi đánh giá, xếp loại, chi ủy nơi "
                 "cư trú nhận xét đảng viên để chi bộ nơi công tác làm căn cứ.",
          "example": "Giới thiệu về «Chi bộ Tổ dân phố số 5» năm 2024, bảng nhận xét năm 2025 không có tên: "
                     "chưa có nhận xét."})
def no_annual_comment(roster, ctx):
    """A workplace member introduced to their residence with no residence comment for the previous year.

    ## What it does
    For the members RES001 checks who have a residence branch or an introduction dated by the end of as-of
    year − 1: listed when the residence-comments table has no comment for them for that year. Only where the
    table covers the member's committee (it holds comments on some member of it): elsewhere the coverage says
    the rule was skipped.

    ## Why
    Every year, before the year-end rating, the residence branch comments on the member (Quy định 213-QĐ/TW,
    Hướng dẫn 33-HD/BTCTW); the workplace branch rates them with it.

    ## Example
    Introduced to "Chi bộ Tổ dân phố số 5" in 2024; the comments table has nothing on them for 2025: listed.
    """
    year = ctx.as_of.year - 1
    members, covered = _commented(roster, ctx)
    done = roster.comments.filter(pl.col("year") == year).select("member_id").unique()
    return (members.filter(pl.col("parent_unit").is_in(covered.implode()))
            .join(done, on="member_id", how="anti")
            .select(*MEMBER_COLUMNS, pl.lit(year).alias("year"), pl.col("residence_unit").fill_null("—")))
