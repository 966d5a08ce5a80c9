"""Citizen ids (CCCD, số định danh cá nhân): DAT008 an id that cannot be one, DAT009 one that contradicts
the record. A CCCD is `PPP G YY RRRRRR` (Nghị định 137/2015/NĐ-CP Art. 13; Thông tư 07/2016/TT-BCA, Phụ
lục I-III): PPP the province or country where the birth was registered, G the century and sex, YY the last
two digits of the birth year, six random digits and no check digit."""

from __future__ import annotations

from memberaudit.checks.registry import rule
from memberaudit.model.lazy import pl
from memberaudit.model.vocab import CCCD_COUNTRIES, CCCD_PROVINCES

_CELL = ("sheet", "column", "value", "detail")
SCIENTIFIC = r"(?i)^\d(?:\.\d+)?e\+?\d+$"  # what normalising left as written: digits lost


def _ids(roster, *, suspect_only: bool = False):
    """Members with an id, as digits, with the parts of a 12-digit one. `suspect_only`: only the ids that are
    not 12 digits from a known place with a possible century (one pass of the column; nearly every id of an
    export is well formed, and the parts are then cut from the few others)."""
    ids = pl.col("national_id")
    members = roster.members.select("_src", "_row", "member_id", "national_id", "birth_date", "gender").filter(
        ids.is_not_null() & (ids != ""))
    if suspect_only:
        places = [*CCCD_PROVINCES, *CCCD_COUNTRIES]
        well_formed = (ids.str.contains(r"^\d{3}[0-3]\d{8}$") & ids.str.slice(0, 3).is_in(places))
        members = members.filter(~well_formed)
    return members.select(
        "_src", "_row", "member_id", "national_id", "birth_date", "gender",
        ids.str.len_chars().alias("_length"), ids.str.slice(0, 3).alias("_place"),
        ids.str.slice(3, 1).cast(pl.Int32, strict=False).alias("_century"),
        ids.str.slice(4, 2).cast(pl.Int32, strict=False).alias("_yy"))


def _found(frame, condition, detail: str, **evidence):
    """The ids where `condition` holds, pointing at their cells, with `detail` and any further evidence."""
    return frame.filter(condition).select("_src", "_row", "member_id", pl.lit("national_id").alias("field"),
                                          pl.col("national_id").alias("value"), pl.lit(detail).alias("detail"),
                                          **evidence)


@rule(code="DAT008", identity=_CELL, name="data.national-id-invalid", category="data", severity="medium",
      reference="Nghị định 137/2015/NĐ-CP, Điều 13; Thông tư 07/2016/TT-BCA, Phụ lục I",
      evidence={"detail": "code"},
      en={"title": "National id cannot be a citizen id", "message": "National id '{value}': {detail}"},
      vi={"title": "Số CCCD không hợp lệ", "message": "Số CCCD «{value}»: {detail}",
          "what": "Số định danh không đủ 12 chữ số (11 số: mất số 0 đầu do Excel lưu dạng số; 9 số: CMND cũ "
                  "chưa đổi sang CCCD), mã nơi đăng ký khai sinh không có trong danh mục 63 tỉnh, thành phố hoặc "
                  "mã quốc gia, chữ số thế kỷ không thể có với một đảng viên, hoặc số ghi dạng lũy thừa (1.23457E+11: "
                  "tệp CSV lưu từ Excel, mất các chữ số cuối).",
          "why": "Cơ sở dữ liệu đảng viên và Sổ tay đảng viên điện tử cần số CCCD đúng cho mọi đảng viên.",
          "example": "«1080012345» (10 số) hoặc «01080012345» (11 số: mất số 0 đầu): không hợp lệ; "
                     "«099080012345»: không có mã tỉnh 099."})
def national_id_invalid(roster, ctx):
    """A national id that cannot be a citizen id: not 12 digits, an unknown place code, an impossible century.

    ## What it does
    Takes each member's national id as digits (an id Excel stored as a number is read back as its digits) and
    lists it when it is not 12 digits long (11 digits: the leading 0 was lost; 10 digits of a province 001-009:
    its two leading 0s were lost; 9: an old CMND), when its
    first three digits are neither one of the 63 province codes nor a country code 101-295, or when its
    century digit says a birth after 2099; or when it is written in scientific notation with fewer digits than
    it has ("1.23457E+11", as a CSV saved from Excel writes it: the last digits are lost).

    ## Why
    The party-member database and the electronic member handbook need every member's citizen id, right.

    ## Example
    "01080012345" (11 digits: the leading 0 lost) and "099080012345" (no province 099): both listed.
    """
    ids = _ids(roster, suspect_only=True)
    places = [*CCCD_PROVINCES, *CCCD_COUNTRIES]
    digits = pl.col("national_id").str.contains(r"^\d+$")
    # province codes 001-009 begin with two zeros: a number keeps ten digits
    two_lost = (pl.col("_length") == 10) & pl.format("00{}", pl.col("national_id").str.slice(0, 1)).is_in(places)
    scientific = pl.col("national_id").str.contains(SCIENTIFIC)
    parts = [
        _found(ids, scientific, "scientific"),
        _found(ids, ~digits & ~scientific, "not_digits"),
        _found(ids, digits & (pl.col("_length") == 11), "length_11"),
        _found(ids, digits & two_lost, "length_10"),
        _found(ids, digits & (pl.col("_length") == 9), "length_9"),
        _found(ids, digits & ~pl.col("_length").is_in([9, 11, 12]) & ~two_lost, "length"),
        _found(ids, digits & (pl.col("_length") == 12) & ~pl.col("_place").is_in(places), "place"),
        _found(ids, digits & (pl.col("_length") == 12) & pl.col("_place").is_in(places) & (pl.col("_century") > 3),
               "century"),
    ]
    return pl.concat(parts)


@rule(code="DAT009", identity=_CELL, name="data.national-id-mismatch", category="data", severity="medium",
      reference="Nghị định 137/2015/NĐ-CP, Điều 13; Thông báo 13-TB/TW (2016)",
      evidence={"detail": "code", "id_says": "text", "record_says": "text"},
      en={"title": "National id contradicts the record",
          "message": "National id '{value}' says {id_says}, the record {record_says}: check which is wrong"},
      vi={"title": "Số CCCD không khớp hồ sơ",
          "message": "Số CCCD «{value}» cho biết {id_says}, hồ sơ ghi {record_says}: cần kiểm tra lại",
          "what": "Chữ số giới tính, thế kỷ và hai số cuối năm sinh trong số CCCD không khớp với giới tính hoặc "
                  "năm sinh trong danh sách.",
          "why": "Một trong hai bị ghi sai. Không tự sửa: ngày sinh trong hồ sơ gốc của đảng viên là căn cứ "
                 "(Thông báo 13-TB/TW), số CCCD đối chiếu với căn cước.",
          "example": "Nữ, sinh 1980, số CCCD «001080012345» (chữ số thứ 4 là 0: nam): không khớp giới tính."})
def national_id_mismatch(roster, ctx):
    """A citizen id whose sex or birth year contradicts the record's gender or date of birth.

    ## What it does
    For a valid 12-digit id, the fourth digit gives the sex (even: male, odd: female) and the century (0/1
    the 1900s, 2/3 the 2000s), the fifth and sixth the birth year's last two digits. When they contradict
    the record's gender or birth year, both are shown; nothing is corrected.

    ## Why
    One of them is wrong. The birth date in the member's original party file prevails (Thông báo
    13-TB/TW); the id is checked against the citizen's card.

    ## Example
    A woman born in 1980 with id "001080012345" (fourth digit 0: male): listed for the sex.
    """
    ids = _ids(roster).filter((pl.col("_length") == 12) & (pl.col("_century") <= 3))
    id_year = 1900 + 100 * (pl.col("_century") // 2) + pl.col("_yy")
    id_sex = pl.when(pl.col("_century") % 2 == 0).then(pl.lit("male")).otherwise(pl.lit("female"))
    year = pl.col("birth_date").dt.year()
    sex_wrong = pl.col("gender").is_not_null() & (pl.col("gender") != id_sex)
    year_wrong = year.is_not_null() & (year != id_year)
    return pl.concat([
        _found(ids, sex_wrong, "sex", id_says=id_sex, record_says=pl.col("gender")),
        _found(ids, year_wrong, "birth_year", id_says=id_year.cast(pl.String), record_says=year.cast(pl.String)),
    ])
