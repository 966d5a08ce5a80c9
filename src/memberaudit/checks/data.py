"""Data checks (DAT001-DAT007): problems in the records themselves, each pointing at a cell."""

from __future__ import annotations

from memberaudit.checks.common import member_rows, repeats
from memberaudit.checks.registry import rule
from memberaudit.model.lazy import pl

_ISSUE = ("_src", "_row", "field", "value", "member_id", "detail")
_CELL = ("sheet", "column", "value", "detail")  # a data finding is the same problem in the same cell


def _issues(roster, code: str):
    return roster.issues.filter(pl.col("code") == code).select(_ISSUE)


@rule(code="DAT001", identity=_CELL, name="data.missing-value", category="data", severity="medium", needs=(),
      evidence={'detail': 'code'},
      en={'title': 'Missing required value', 'message': 'Missing required value: {field}'},
      vi={'title': 'Thiếu thông tin bắt buộc',
          'message': 'Thiếu thông tin bắt buộc: {field}',
          'what': 'Ô bắt buộc để trống.',
          'why': 'Không có thông tin này thì không kiểm tra được.',
          'example': 'Dòng 14 trang «Đảng viên», cột F (Ngày vào Đảng) để trống.'})
def missing_value(roster, ctx):
    """A required value is empty (member id, name, date of birth, branch, admission date, …).

    ## What it does
    Lists every row whose required column (SPEC 1.4) is empty, with file, sheet, row and column.

    ## Why
    A member without a card number or admission date cannot be checked by any rule.

    ## Example
    Row 14 of sheet "Đảng viên", column F (Ngày vào Đảng) empty.
    """
    return _issues(roster, "DAT001")


@rule(code="DAT002", identity=_CELL, name="data.bad-date", category="data", severity="medium", needs=(),
      evidence={'detail': 'code'},
      en={'title': 'Unreadable or impossible date or number', 'message': "Bad value in {field}: '{value}' ({detail})"},
      vi={'title': 'Ngày tháng hoặc số không hợp lệ',
          'message': 'Giá trị không hợp lệ ở cột {field}: «{value}» ({detail})',
          'what': 'Ngày không đọc được, không tồn tại, năm chỉ có 2 chữ số hoặc ngoài khoảng 1900-2099; số không '
                  'đọc được hoặc ngoài khoảng hợp lệ (không đoán).',
          'why': 'Đọc sai ngày làm sai mọi thời hạn tính từ ngày đó.',
          'example': '«31/02/2020» ở cột Ngày sinh: ngày không tồn tại; «5/3/85»: năm chỉ có 2 chữ số.'})
def bad_date(roster, ctx):
    """A date that cannot be read, is impossible, has a two-digit year or lies outside 1900-2099; a number that
    cannot be read or is out of range.

    ## What it does
    Dates are read day first (dd/mm/yyyy, d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy), as yyyy-mm-dd, as Excel
    dates or serial numbers. Anything else, a two-digit year or an impossible date (31/02/2020) is listed,
    never guessed.

    ## Why
    A misread date silently changes every deadline computed from it.

    ## Example
    "31/02/2020" in Ngày sinh: impossible; "5/3/85": two-digit year.
    """
    return _issues(roster, "DAT002")


def _dated(frame, column: str, condition, detail: str):
    return frame.filter(condition).select(
        "_src", "_row", pl.lit(column).alias("field"), pl.col(column).dt.strftime("%d/%m/%Y").alias("value"),
        "member_id", pl.lit(detail).alias("detail"))


@rule(code="DAT003", identity=_CELL, name="data.dates-out-of-order", category="data", severity="medium", needs=(),
      evidence={'detail': 'code'},
      en={'title': 'Dates out of order', 'message': 'Date out of order in {field}: {value} ({detail})'},
      vi={'title': 'Ngày tháng không hợp lý',
          'message': 'Ngày không hợp lý ở cột {field}: {value} ({detail})',
          'what': 'Ngày sinh không trước ngày vào Đảng, ngày chính thức trước ngày vào Đảng, hoặc ngày sau '
                  'ngày đối chiếu.',
          'why': 'Đây thường là lỗi nhập liệu.',
          'example': 'Sinh 12/04/1990, vào Đảng 01/01/1989: nêu ở ô ngày vào Đảng.'})
def dates_out_of_order(roster, ctx):
    """Dates that contradict each other or lie after the as-of date.

    ## What it does
    Flags a birth date on or after the admission date, an official date before the admission date, and
    any member or transfer date after the as-of date.

    ## Why
    Such dates are typing errors; checks that depend on them would be silently wrong.

    ## Example
    Born 12/04/1990, admitted 01/01/1989: flagged on the admission date.
    """
    m, t = roster.members, roster.transfers
    parts = [
        _dated(m, "admission_date", pl.col("birth_date") >= pl.col("admission_date"), "birth_not_before_admission"),
        _dated(m, "official_date", pl.col("official_date") < pl.col("admission_date"), "official_before_admission"),
    ]
    for frame, column in ((m, "birth_date"), (m, "admission_date"), (m, "official_date"), (m, "left_workplace_date"),
                          (t, "issued_on"), (t, "received_on")):
        parts.append(_dated(frame, column, pl.col(column) > ctx.as_of, "after_as_of"))
    return pl.concat(parts).unique(["_src", "_row", "field"], keep="first", maintain_order=True)


@rule(code="DAT004", identity=_CELL, name="data.duplicate-member-id", category="data", severity="medium", needs=("members",),
      evidence={'detail': 'code'},
      en={'title': 'Duplicate member id in one branch',
          'message': 'Member id {value} repeated in the same branch'},
      vi={'title': 'Trùng số thẻ trong cùng chi bộ',
          'message': 'Số thẻ {value} lặp lại trong cùng chi bộ',
          'what': 'Một số thẻ xuất hiện nhiều lần trong danh sách một chi bộ.',
          'why': 'Dòng trùng làm sai số lượng.',
          'example': 'Số thẻ 001234 ở dòng 8 và dòng 31 của «Chi bộ Khu dân cư số 2».'})
def duplicate_member_id(roster, ctx):
    """The same member id twice in one branch's list.

    ## What it does
    Lists every repeated row (after the first) of a member id within the same branch. The same id in two
    branches is a double registration (TRF004).

    ## Why
    A duplicated row doubles counts and usually hides a copy-paste error in another row.

    ## Example
    Card 001234 on rows 8 and 31 of "Chi bộ Khu dân cư số 2".
    """
    rows = roster.members.filter(repeats(roster.members))  # the few ids on several rows, found by id code
    rows = rows.filter(pl.struct("member_id", "unit").is_duplicated()).sort("_src", "_row")
    return rows.filter(pl.int_range(pl.len()).over("member_id", "unit") > 0).select(
        "_src", "_row", pl.lit("member_id").alias("field"), roster.id_text().alias("value"), "member_id", "unit",
        pl.lit("repeated_id").alias("detail"))


@rule(code="DAT005", identity=_CELL, name="data.unknown-code", category="data", severity="medium", needs=(),
      evidence={'detail': 'code'},
      en={'title': 'Unknown code', 'message': "Unknown value in {field}: '{value}'"},
      vi={'title': 'Giá trị không nhận dạng được',
          'message': 'Không nhận dạng được giá trị ở cột {field}: «{value}»',
          'what': 'Trạng thái, ký hiệu điểm danh, đảng phí, xếp loại, loại hình không có trong danh mục.',
          'why': 'Ký hiệu lạ không được tính; nếu nó có nghĩa là vắng thì sẽ bỏ sót.',
          'example': 'Ký hiệu «vắng-ốm» ở T3: không nhận ra (nếu là vắng có lý do, khai báo ở '
                     '`[marks.attendance] excused`).'})
def unknown_code(roster, ctx):
    """A status, mark, rating, unit kind or occupation that is not in the vocabulary.

    ## What it does
    Lists cells whose text is not a known status, attendance or dues mark, rating, unit kind, transfer kind
    or gender; an unknown occupation is listed once per distinct text (it counts as "other"). Extra marks
    can be added under `[marks]` in the configuration.

    ## Why
    An unknown attendance mark is not counted; if it meant "absent", a screening case would be missed.

    ## Example
    Mark "vắng-ốm" in T3: unknown (add it under `[marks.attendance] excused` if it means excused).
    """
    return _issues(roster, "DAT005")


@rule(code="DAT006", identity=_CELL, name="data.unknown-member", category="data", severity="medium", needs=("members",),
      evidence={'detail': 'code'},
      en={'title': 'Record for a member not in the members table',
          'message': 'Member id {value} in the {detail} table is not in the members table'},
      vi={'title': 'Mã đảng viên không có trong danh sách',
          'message': 'Số thẻ {value} ở bảng {detail} không có trong danh sách đảng viên',
          'what': 'Bản ghi sinh hoạt, đảng phí, chuyển sinh hoạt, xếp loại của số thẻ không có trong danh '
                  'sách.',
          'why': 'Thường là gõ sai số thẻ.',
          'example': '«012346» có trong bảng sinh hoạt nhưng danh sách đảng viên chỉ có «012345».'})
def unknown_member(roster, ctx):
    """An attendance, dues, transfer or rating record for a member id not in the members table.

    ## What it does
    Lists, once per sheet and member id, the records whose member id no members table holds.

    ## Why
    A record for an unknown member is a typo in the card number (so the real member looks absent) or a
    member missing from the list.

    ## Example
    "012346" in the attendance sheet while the list holds "012345".
    """
    members = roster.members.select("member_id")
    said = _issues(roster, "DAT006")  # names two members have, found when records kept by name were matched
    parts = [
        _unknown(getattr(roster, table), members).sort("_src", "_row")
        .unique(["_src", "member_id"], keep="first", maintain_order=True)
        .select("_src", "_row", pl.lit("member_id").alias("field"), pl.col("member_id").alias("value"), "member_id",
                pl.lit(table).alias("detail"))
        for table in ("attendance", "dues", "transfers", "ratings")
    ]
    unknown = pl.concat(parts).with_columns(roster.id_text("member_id"), roster.id_text("value"))
    return pl.concat([unknown.join(said.select("_src", "member_id"), on=["_src", "member_id"], how="anti"), said])


def _unknown(records, members):
    """The records with a member id that no member row holds (a gather by id code, not a hash join)."""
    return records.filter(pl.col("member_id").is_not_null() & member_rows(records, members).is_null())


@rule(code="DAT007", identity=_CELL, name="data.partial-date", category="data", severity="low", needs=(),
      evidence={'detail': 'code'},
      en={'title': 'Partial date used', 'message': "Partial date in {field}: '{value}' (read as the 1st)"},
      vi={'title': 'Ngày tháng không đầy đủ',
          'message': 'Ngày không đầy đủ ở cột {field}: «{value}» (tạm hiểu là ngày 01)',
          'what': 'Ngày sinh, ngày vào Đảng chỉ ghi tháng/năm hoặc năm.',
          'why': 'Tuổi, tuổi đảng tính từ ngày không đầy đủ có thể lệch đến một năm.',
          'example': 'Ngày sinh «1962»: đọc là 01/01/1962, cần bổ sung ngày tháng.'})
def partial_date(roster, ctx):
    """A date of birth or admission given only as a month or a year.

    ## What it does
    "03/1985" is read as 01/03/1985 and "1985" as 01/01/1985; each use is listed so it can be completed.

    ## Why
    Ages and party ages computed from partial dates can be off by up to a year.

    ## Example
    Ngày sinh "1962": read as 01/01/1962, flagged.
    """
    return _issues(roster, "DAT007")


@rule(code="DAT010", identity=_CELL, name="data.member-without-card", category="data", severity="low", needs=(),
      evidence={"detail": "code"},
      en={"title": "Member identified without a card number",
          "message": "No card number: identified by {detail}"},
      vi={"title": "Đảng viên chưa có số thẻ",
          "message": "Chưa có số thẻ đảng viên: nhận diện theo {detail}",
          "what": "Đảng viên dự bị trong danh sách không có số thẻ (thẻ được phát sau khi công nhận chính thức) "
                  "được nhận diện theo mã của phần mềm, số lý lịch, hoặc họ tên và ngày sinh.",
          "why": "Nhận diện theo họ tên và ngày sinh có thể nhầm giữa hai người trùng tên; đảng viên chính thức "
                 "thiếu số thẻ là thiếu dữ liệu bắt buộc (DAT001).",
          "example": "Đảng viên dự bị Lê Thị Hoa, không có số thẻ, số lý lịch 012345HN: nhận diện theo số lý lịch."})
def member_without_card(roster, ctx):
    """A probationary member listed without a card number, identified another way.

    ## What it does
    A members row without a card number (probationary members get their card after recognition) is
    identified by the app's own code, else the lý lịch number, else the name and date of birth, and listed
    with how; an official member without a card number is DAT001 instead.

    ## Why
    Matching by name and birth date can confuse two people of the same name; the card number is the key
    every other table uses.

    ## Example
    Probationary member Lê Thị Hoa, no card, lý lịch number 012345HN: identified by the lý lịch number.
    """
    return _issues(roster, "DAT010")
