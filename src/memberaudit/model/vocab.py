"""Vocabularies of SPEC 1.2-1.6: table kinds, column aliases, marks, statuses, ratings, unit kinds, occupations.

Everything here is written as people type it; lookups go through `text.fold` so case, diacritics,
punctuation and spacing never matter. The configuration can extend the alias and mark tables.
"""

from __future__ import annotations

TABLE_KINDS = ("members", "units", "attendance", "dues", "transfers", "ratings", "targets", "candidates", "comments",
               "discipline")

SHEET_ALIASES: dict[str, tuple[str, ...]] = {
    "members": ("Đảng viên", "Danh sách đảng viên", "DSĐV", "Sổ danh sách đảng viên", "members", "roster"),
    "units": ("Chi bộ", "Danh sách chi bộ", "Tổ chức đảng", "units"),
    "attendance": ("Sinh hoạt", "Sinh hoạt chi bộ", "Điểm danh", "Chuyên cần", "attendance", "meetings"),
    "dues": ("Đảng phí", "Thu đảng phí", "dues"),
    "transfers": ("Chuyển sinh hoạt", "Giới thiệu sinh hoạt", "Chuyển sinh hoạt đảng", "Giới thiệu sinh hoạt đảng",
                  "Sổ giới thiệu sinh hoạt đảng", "Chuyển SHĐ", "Giới thiệu SHĐ", "Sổ theo dõi chuyển sinh hoạt",
                  "Theo dõi chuyển sinh hoạt", "Sổ theo dõi chuyển sinh hoạt đảng",
                  # a book of the members sent and one of the members received, each on its own sheet
                  "Chuyển đi", "Chuyển đến", "Chuyển ra", "Chuyển vào", "Đảng viên chuyển đi", "Đảng viên chuyển đến",
                  "ĐV chuyển đi", "ĐV chuyển đến", "DS chuyển đi", "DS chuyển đến", "Danh sách đảng viên chuyển đi",
                  "Danh sách đảng viên chuyển đến", "Danh sách chuyển đi", "Danh sách chuyển đến", "transfers"),
    "ratings": ("Xếp loại", "Đánh giá xếp loại", "Đánh giá", "Kết quả xếp loại", "Xếp loại đảng viên",
                "Xếp loại chất lượng đảng viên", "ratings"),
    "targets": ("Chỉ tiêu", "Chỉ tiêu kết nạp", "targets"),
    "candidates": ("Đối tượng kết nạp", "Quần chúng ưu tú", "Cảm tình Đảng", "Phát triển đảng viên",
                   "Đối tượng Đảng", "Danh sách cảm tình Đảng", "candidates"),
    # the residence branch's yearly comments on members who attend at their workplace (Quy định 213)
    "comments": ("Nhận xét nơi cư trú", "Nhận xét của chi ủy nơi cư trú", "Nhận xét đảng viên nơi cư trú",
                 # the residence branch's book of the members who keep in touch with it (Quy định 213)
                 "Giữ mối liên hệ", "Đảng viên giữ mối liên hệ", "Giữ mối liên hệ với nơi cư trú",
                 "Giữ mối liên hệ với chi ủy", "QĐ 213", "Quy định 213", "Theo dõi QĐ 213", "Đảng viên 213",
                 "residence", "comments"),
    "discipline": ("Kỷ luật", "Kỷ luật đảng viên", "Thi hành kỷ luật", "discipline"),
}

# A card number is the member id; an app's own code ("Mã ĐV") or the lý lịch number identify a member only
# when the table has no card column (normalize: member_code, then record_number, then name + birth date).
_MEMBER_ID = ("Số thẻ đảng viên", "Số thẻ", "Số thẻ ĐV", "Số thẻ Đảng", "Số thẻ đảng", "Thẻ đảng viên số", "Thẻ Đảng số",
              "Thẻ đảng viên", "Thẻ ĐV", "Số hiệu đảng viên", "Số hiệu ĐV", "member_id", "id",
              "card_number")
# the tables other than members know a member by whatever key their sheet has
_MEMBER_KEY = (*_MEMBER_ID, "Mã đảng viên", "Mã ĐV", "Số lý lịch")
_UNIT = ("Chi bộ", "Chi bộ sinh hoạt", "Chi bộ đang sinh hoạt", "Tên chi bộ", "Mã chi bộ", "Thuộc chi bộ",
         "Nơi sinh hoạt Đảng", "Tổ chức Đảng đang sinh hoạt", "Tổ chức Đảng sinh hoạt", "Đơn vị", "unit", "branch")
_PARENT = ("Đảng bộ", "Đảng bộ cơ sở", "Đảng bộ trực thuộc", "Tổ chức cơ sở đảng", "TCCS đảng", "parent_unit")
_YEAR = ("Năm", "year")
_FULL_NAME = ("Họ và tên", "Họ tên", "Họ tên đang dùng", "Họ và tên đang dùng", "full_name", "name",
              "Tên đảng viên", "Họ, chữ đệm và tên",  # the citizen-id card's words
              # the family and middle names, where the given name has a column of its own
              "Họ và tên đệm", "Họ đệm", "Họ và đệm", "Họ, tên đệm", "Họ, chữ đệm", "Họ")
# a name written in two columns ("Họ và tên đệm" | "Tên"): the given name, read as the end of the full name
_GIVEN_NAME = ("Tên", "Tên gọi", "given_name")

# what a list says of a person besides the facts the rules read, named so that it is never read as one of them:
# "Đơn vị công tác" (where the member works) is not the branch "Đơn vị" may name
_ABOUT = {
    "workplace": ("Đơn vị công tác", "Nơi công tác", "Nơi làm việc", "Cơ quan công tác", "Cơ quan, đơn vị công tác"),
    "position": ("Chức vụ", "Chức danh", "Chức vụ chính quyền", "Chức vụ đảng", "Chức vụ trong Đảng", "Chức vụ trong chi bộ"),
    # notes, where a members list without a status column says what became of a member ("Từ trần 05/6/2026")
    "note": ("Ghi chú", "Chú thích", "Biến động", "Ghi chú biến động", "Tình hình biến động"),
    # "Tình trạng sức khỏe" and "Tình trạng hôn nhân" are no status; "Tên gọi khác" no name in use
    "health": ("Tình trạng sức khỏe", "Tình trạng sức khoẻ", "Sức khỏe", "Sức khoẻ", "Tình hình sức khỏe"),
    "marital_status": ("Tình trạng hôn nhân", "Hôn nhân"),
    "other_name": ("Tên gọi khác", "Tên khác", "Bí danh"),
}

COLUMN_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "members": {
        "member_id": _MEMBER_ID,
        "member_code": ("Mã đảng viên", "Mã ĐV", "Mã số đảng viên", "member_code"),
        "record_number": ("Số lý lịch", "Số lý lịch đảng viên", "Số LL", "Số LLĐV", "Số LL ĐV", "Số lý lịch ĐV",
                          "record_number"),
        "full_name": _FULL_NAME,
        "birth_name": ("Họ và tên khai sinh", "Họ tên khai sinh", "birth_name"),
        "birth_date": ("Ngày sinh", "Ngày tháng năm sinh", "Sinh ngày", "Năm sinh", "Sinh năm", "NS", "N.sinh",
                       "birth_date"),
        # "NGÀY, THÁNG, NĂM SINH" merged over NAM | NỮ: the column the date is written in records the sex
        "birth_date_male": ("Ngày tháng năm sinh Nam", "Sinh ngày Nam", "Năm sinh Nam"),
        "birth_date_female": ("Ngày tháng năm sinh Nữ", "Sinh ngày Nữ", "Năm sinh Nữ"),
        "unit": _UNIT,
        "parent_unit": _PARENT,
        "admission_date": ("Ngày vào Đảng", "Ngày kết nạp", "Ngày quyết định kết nạp", "Ngày kết nạp Đảng",
                           "Ngày vào Đảng dự bị", "Ngày vào Đảng DB", "Ngày DB", "Ngày dự bị",
                           "Ngày VĐ", "Ngày KN", "Ngày v.Đảng", "Ngày vào ĐCS", "Ngày vào ĐCSVN", "Ngày được kết nạp",
                           "Ngày được kết nạp vào Đảng", "Năm vào Đảng", "admission_date"),
        "official_date": ("Ngày chính thức", "Ngày công nhận chính thức", "Ngày vào Đảng chính thức",
                          "Ngày công nhận đảng viên chính thức", "Ngày CT", "Ngày công nhận CT", "official_date",
                          # the phrase inside "Ngày được công nhận đảng viên chính thức"
                          "Công nhận đảng viên chính thức", "Ngày được công nhận chính thức",
                          "Ngày chuyển chính thức", "Ngày chuyển Đảng chính thức", "Ngày chuyển đảng viên chính thức",
                          "Ngày c.thức", "Ngày công nhận ĐVCT", "Ngày công nhận ĐV chính thức", "Năm chính thức",
                          # "Ngày, tháng, năm được công nhận là đảng viên chính thức"; "CT" is chính thức
                          "Công nhận là đảng viên chính thức", "Ngày đảng viên chính thức", "Ngày vào Đảng CT",
                          "Ngày ĐVCT"),
        "status": ("Trạng thái", "Tình trạng", "Trạng thái hoạt động", "Tình trạng quản lý", "Tình trạng sinh hoạt",
                   "status"),
        "gender": ("Giới tính", "Nam/Nữ", "Nam, nữ", "GT", "gender"),
        "ethnicity": ("Dân tộc", "ethnicity"),
        "religion": ("Tôn giáo", "religion"),
        "occupation": ("Nghề nghiệp", "Nghề nghiệp hiện nay", "occupation"),
        "occupation_before": ("Nghề nghiệp trước khi vào Đảng",),
        "education": ("Giáo dục phổ thông", "Văn hoá", "Văn hóa", "Trình độ văn hoá", "Trình độ học vấn", "GDPT", "Trình độ GDPT", "Học vấn",
                      "education"),
        "qualification": ("Chuyên môn nghiệp vụ", "CMNV", "Trình độ chuyên môn", "Chuyên môn", "Trình độ CMNV",
                          "Trình độ CM", "qualification"),
        "political_theory": ("Lý luận chính trị", "Lý luận", "Trình độ lý luận chính trị", "LLCT", "Trình độ LLCT",
                             "political_theory"),
        "foreign_language": ("Ngoại ngữ",),
        "youth_union": ("Đoàn viên", "youth_union"),
        "residence": ("Nơi cư trú", "Nơi ở hiện nay", "Địa chỉ", "Nơi ở", "Chỗ ở hiện nay", "Chỗ ở",
                      "Nơi ở hiện tại", "Chỗ ở hiện tại", "Địa chỉ cư trú", "Địa chỉ hiện nay", "Nơi tạm trú", "Tạm trú",
                      "residence"),
        # where the member is registered to live: their residence where the list names no other (normalize)
        "permanent_residence": ("Nơi thường trú", "Địa chỉ thường trú", "Hộ khẩu thường trú", "Hộ khẩu", "Thường trú",
                                "Nơi đăng ký thường trú", "Nơi đăng ký hộ khẩu thường trú"),
        "hometown": ("Quê quán", "Nguyên quán"),
        **_ABOUT,
        "national_id": ("Số CCCD", "CCCD", "Số định danh", "Số định danh cá nhân", "Số CMND", "Căn cước công dân",
                        "Số căn cước", "Số căn cước công dân", "CCCD/CMND", "Số CMND/CCCD", "CMND/CCCD", "Số CCCD/CMND",
                        "CMND", "Số CMT", "Số chứng minh nhân dân", "national_id"),
        "phone": ("Số điện thoại", "SĐT", "Điện thoại", "phone"),
        "exempt_from": ("Miễn sinh hoạt từ ngày", "Ngày miễn sinh hoạt", "Miễn công tác và sinh hoạt từ ngày",
                        "Ngày miễn công tác và sinh hoạt", "Miễn SH từ ngày", "Ngày miễn SH", "Miễn sinh hoạt từ",
                        "Miễn SH từ", "Miễn từ ngày", "Miễn từ", "Được miễn từ ngày", "Thời gian miễn từ ngày",
                        "Thời gian miễn từ", "exempt_from"),
        "exempt_to": ("Miễn sinh hoạt đến ngày", "Miễn SH đến ngày", "Miễn sinh hoạt đến", "Miễn SH đến",
                      "Miễn công tác và sinh hoạt đến ngày", "Ngày hết miễn sinh hoạt", "Miễn đến ngày", "Miễn đến",
                      "Thời gian miễn đến ngày", "Thời gian miễn đến", "exempt_to"),
        # known, not read: why a member is exempt, a probationary member's helper and probation's end
        "exempt_reason": ("Lý do miễn", "Lý do miễn sinh hoạt", "Lý do miễn công tác và sinh hoạt"),
        "helper": ("Người giúp đỡ", "Đảng viên giúp đỡ", "Người được phân công giúp đỡ"),
        "probation_ends": ("Ngày hết hạn dự bị", "Ngày hết thời hạn dự bị", "Hết hạn dự bị"),
        "left_workplace_date": ("Ngày nghỉ hưu", "Ngày nghỉ việc", "Ngày thôi việc", "Thời điểm nghỉ hưu",
                                "Thời gian nghỉ hưu", "Nghỉ hưu từ ngày", "Nghỉ hưu từ", "Năm nghỉ hưu",
                                "left_workplace_date"),
        "party_age_gap_months": ("Số tháng gián đoạn", "party_age_gap_months"),
        "residence_unit": ("Chi bộ nơi cư trú", "residence_unit"),
        "residence_introduced_on": ("Ngày giới thiệu về nơi cư trú", "Ngày được giới thiệu về nơi cư trú",
                                    "Ngày giới thiệu về chi bộ nơi cư trú", "Ngày được giới thiệu về chi bộ nơi cư trú",
                                    "residence_introduced_on"),
        "transferred_in_on": ("Ngày chuyển đến", "Ngày chuyển sinh hoạt đến", "transferred_in_on"),
        "restored_on": ("Ngày phục hồi đảng tịch", "Phục hồi đảng tịch", "restored_on"),
        "transferred_in_from": ("ở đảng bộ cơ sở nào đến", "Đảng bộ cơ sở nào đến", "Chuyển đến từ"),
        "transferred_out_on": ("Ngày chuyển đi", "Ngày chuyển sinh hoạt đi", "transferred_out_on"),
        "transferred_out_to": ("đến đảng bộ cơ sở", "Chuyển đến đảng bộ"),
        "died_on": ("Ngày từ trần", "Ngày mất", "died_on"),
        "left_on": ("Ngày ra khỏi Đảng", "left_on"),
        "left_how": ("Hình thức ra khỏi Đảng", "Hình thức ra Đảng", "left_how"),
        # the party database's one date column whose meaning the status gives (left, died or exempt from)
        "exit_date": ("Ngày rời khỏi Ngày mất Ngày miễn sinh hoạt Đảng", "Ngày rời khỏi"),
    },
    "units": {
        "unit": ("Chi bộ", "Tên chi bộ", "Đơn vị", "Tên tổ chức đảng", "Tổ chức đảng", "unit"),
        "parent_unit": (*_PARENT, "Trực thuộc", "Thuộc đảng bộ"),
        "kind": ("Loại hình", "Loại chi bộ", "Loại hình chi bộ", "Loại hình tổ chức đảng",
                 "Loại hình tổ chức cơ sở đảng", "Loại hình TCCS đảng", "Loại hình TCCSĐ", "Loại hình cơ sở", "kind"),
        # known, not read: the secretary is no branch ("Bí thư chi bộ" held the unit's column)
        "secretary": ("Bí thư", "Bí thư chi bộ", "Họ tên bí thư", "Họ và tên bí thư", "Bí thư cấp ủy"),
    },
    "attendance": {
        "member_id": _MEMBER_KEY,
        "full_name": _FULL_NAME,
        **_ABOUT,
        "unit": _UNIT,
        "meeting_date": ("Ngày sinh hoạt", "Ngày họp", "Ngày", "Ngày họp chi bộ", "Ngày sinh hoạt chi bộ", "meeting_date"),
        "mark": ("Điểm danh", "Tình hình tham dự", "Có mặt/Vắng", "mark"),
        # a meeting's month where the book keeps no day: "05/2026", "T5", "Tháng 5" (the year from the sheet)
        "month": ("Tháng", "Tháng sinh hoạt", "Tháng họp", "Kỳ sinh hoạt"),
    },
    "dues": {
        "member_id": _MEMBER_KEY,
        "full_name": _FULL_NAME,
        **_ABOUT,
        "unit": _UNIT,
        "month": ("Tháng", "Kỳ", "month"),
        "mark": ("Tình trạng", "Đã nộp/Chưa nộp", "mark"),
        "amount": ("Số tiền", "Đã nộp", "Thành tiền", "Số tiền nộp", "Số tiền đảng phí", "Số tiền đã nộp", "amount"),
        # a dues record kept by name for the months its title names: how many of them were paid
        "months_paid": ("Số tháng", "Số tháng nộp", "Số tháng đóng"),
        # a record of the month paid up to: its months before paid, the months after it not
        "paid_through": ("Đã nộp đến tháng", "Nộp đến tháng", "Đóng đến tháng", "Đã đóng đến tháng", "Đã nộp đến",
                         "Đảng phí đã nộp đến tháng", "Đảng phí đã đóng đến tháng", "Đóng đảng phí đến tháng",
                         "Nộp đảng phí đến tháng", "Đã nộp đảng phí đến tháng", "Đã đóng đảng phí đến tháng",
                         "paid_through"),
        # the monthly rate: known, not read (the months say what was paid)
        "rate": ("Mức đóng", "Mức đóng hằng tháng", "Mức đóng hàng tháng", "Mức đảng phí", "Mức đảng phí hằng tháng",
                 "Mức đảng phí hàng tháng", "Mức thu",
                 # what was owed, beside what was paid ("Số tiền phải nộp" | "Số tiền đã nộp")
                 "Số tiền phải nộp", "Phải nộp", "Số phải nộp", "Số tiền phải đóng", "Phải đóng", "Số phải đóng",
                 "Mức đóng đảng phí", "Số tiền đảng phí phải đóng", "Số tiền đảng phí phải nộp",
                 # what is owed each month, as Quyết định 342's book heads it beside the months paid
                 "Số tiền đảng phí hằng tháng", "Số tiền đảng phí hàng tháng", "Đảng phí hằng tháng",
                 "Đảng phí hàng tháng", "Số đảng phí phải nộp", "Số đảng phí phải đóng"),
        # known, not read: what the dues are reckoned from ("Tiền lương, phụ cấp làm căn cứ đóng đảng phí")
        "income": ("Thu nhập", "Tiền lương", "Lương", "Căn cứ đóng đảng phí", "Làm căn cứ đóng đảng phí",
                   "Thu nhập làm căn cứ đóng đảng phí", "Tiền lương, phụ cấp", "Mức lương"),
    },
    "transfers": {
        "member_id": _MEMBER_KEY,
        "full_name": _FULL_NAME,
        **_ABOUT,
        # a book of both ways: which way each row went, one place column and one date for both
        "direction": ("Chuyển đi/Chuyển đến", "Chuyển đến/Chuyển đi", "Chuyển đi/đến", "Chuyển đến/đi", "Đi/Đến", "Đến/Đi",
                      "Chiều chuyển", "Chuyển ra/Chuyển vào", "Chuyển vào/Chuyển ra", "Chuyển đến hay chuyển đi",
                      "Chuyển đi hay chuyển đến", "Tăng/Giảm", "Biến động tăng/giảm", "direction"),
        "place": ("Nơi chuyển đến/chuyển đi", "Nơi chuyển đi/chuyển đến", "Nơi chuyển đến/đi", "Nơi chuyển đi/đến",
                  "Nơi đến/Nơi đi", "Nơi đi/Nơi đến", "Nơi đi/đến", "Nơi đến/đi", "Chuyển đến/chuyển từ",
                  "Chuyển từ/chuyển đến", "Đơn vị chuyển đến/chuyển đi", "Đơn vị chuyển đi/chuyển đến",
                  "Tổ chức đảng chuyển đến/chuyển đi", "Nơi chuyển", "Đơn vị chuyển", "place"),
        "kind": ("Loại", "Hình thức", "Loại chuyển", "Hình thức chuyển", "Loại chuyển sinh hoạt",
                 "Hình thức chuyển sinh hoạt", "Tạm thời/Chính thức",
                 "Chính thức/Tạm thời", "kind"),
        "from_unit": ("Từ chi bộ", "Từ đảng bộ", "Nơi đi", "Nơi chuyển đi", "Chuyển từ", "Nơi giới thiệu đảng viên chuyển",
                      "Đơn vị đi", "Đơn vị chuyển đi", "from_unit"),
        "to_unit": ("Đến chi bộ", "Nơi đến", "Nơi chuyển đến", "Chuyển đến", "Nơi đảng viên đến", "Đơn vị đến",
                    "Đơn vị chuyển đến", "to_unit"),
        # the one date of a book of both ways is the day sent, or received for a member received (normalize)
        "issued_on": ("Ngày cấp giấy", "Ngày giới thiệu", "Ngày cấp giấy giới thiệu", "Ngày chuyển đi", "Ngày ký giấy giới thiệu",
                      "Ngày ký giấy", "Ngày đi", "Ngày chuyển", "Ngày chuyển sinh hoạt", "Ngày chuyển sinh hoạt đảng",
                      "Ngày chuyển SH", "Ngày chuyển SHĐ", "Ngày chuyển đi/đến", "Ngày chuyển đến/đi", "Ngày đi/đến",
                      "Ngày đến/đi", "issued_on"),
        "received_on": ("Ngày tiếp nhận", "Ngày nhận", "Ngày nộp giấy", "Ngày đến nộp giấy", "Ngày chuyển vào", "Ngày chuyển đến",
                        "Ngày đến", "received_on"),
        "until": ("Đến ngày", "Thời hạn", "Ngày hết hạn", "Hết hạn", "until"),
        "purpose": ("Lý do", "Mục đích", "purpose"),
    },
    "ratings": {
        "member_id": _MEMBER_KEY,
        "full_name": _FULL_NAME,
        **_ABOUT,
        "year": ("Năm", "Năm đánh giá", "Năm xếp loại", "year"),
        # two ratings a year, the branch's proposal and the committee's decision: the committee's stands
        "rating": ("Xếp loại", "Kết quả xếp loại", "Mức xếp loại", "Cấp ủy xếp loại", "Đảng ủy xếp loại",
                   "Cấp trên quyết định", "Cấp ủy cấp trên quyết định", "Kết quả xếp loại của cấp ủy",
                   "Đảng ủy quyết định", "Cấp ủy quyết định", "Cấp ủy cơ sở quyết định", "Quyết định của cấp ủy",
                   "Cấp có thẩm quyền quyết định", "Phân loại", "Kết quả phân loại", "Phân loại đảng viên",
                   "Phân loại chất lượng", "Xếp loại chất lượng", "Cấp ủy cấp trên trực tiếp quyết định",
                   "Cấp trên trực tiếp quyết định", "Cấp ủy cấp trên trực tiếp", "Đảng ủy cơ sở quyết định",
                   "Quyết định xếp loại", "Kết quả quyết định", "Cấp ủy có thẩm quyền quyết định", "Quyết định của cấp trên",
                   "rating"),
        "rating_branch": ("Chi bộ xếp loại", "Chi bộ đề nghị", "Chi bộ đánh giá", "Chi bộ đề xuất"),
        # the member's own rating of themself: read so that it is no rating, never one that stands
        "rating_self": ("Tự xếp loại", "Cá nhân tự xếp loại", "Đảng viên tự xếp loại", "Tự nhận mức xếp loại",
                        "Tự đánh giá xếp loại", "Cá nhân tự đánh giá"),
    },
    "targets": {
        "unit": ("Chi bộ", "Đảng bộ", "Đơn vị", "unit"),
        "year": _YEAR,
        "admissions": ("Chỉ tiêu kết nạp", "Số lượng", "Chỉ tiêu", "admissions"),
    },
    # one row per person on the way in: the dates of each step of the admission file (Hướng dẫn 06-HD/TW)
    "candidates": {
        "full_name": _FULL_NAME,
        **_ABOUT,
        "unit": _UNIT,
        "parent_unit": _PARENT,
        "birth_date": ("Ngày sinh", "Ngày tháng năm sinh", "Sinh ngày", "birth_date"),
        "gender": ("Giới tính", "Nam/Nữ", "gender"),
        "occupation": ("Nghề nghiệp", "Nghề nghiệp hiện nay", "occupation"),
        "record_number": ("Số lý lịch", "Mã hồ sơ", "record_number"),
        "class_on": ("Ngày cấp giấy chứng nhận", "Ngày được cấp giấy chứng nhận", "Giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng",
                     "Lớp bồi dưỡng nhận thức về Đảng", "Lớp nhận thức về Đảng", "Lớp cảm tình Đảng", "class_on"),
        "applied_on": ("Ngày làm đơn", "Ngày viết đơn", "Ngày nộp đơn", "Đơn xin vào Đảng", "Ngày đơn xin vào Đảng", "applied_on"),
        # also under a group title: "Người giới thiệu" › Người thứ nhất | Người thứ hai
        "introducer_1": ("Người giới thiệu thứ nhất", "Giới thiệu người thứ nhất", "Người giới thiệu 1", "Người giới thiệu thứ 1", "Đảng viên giới thiệu 1",
                         "Đảng viên giới thiệu thứ nhất",
                         "Người giới thiệu", "Đảng viên giới thiệu", "introducer_1"),
        "introducer_2": ("Người giới thiệu thứ hai", "Giới thiệu người thứ hai", "Giới thiệu người thứ 2",
                         "Người giới thiệu người thứ 2", "Người giới thiệu 2", "Người giới thiệu thứ 2", "Đảng viên giới thiệu 2",
                         "Đảng viên giới thiệu thứ hai", "introducer_2"),
        "resolved_on": ("Ngày nghị quyết chi bộ", "Nghị quyết chi bộ", "Ngày chi bộ xét", "Chi bộ xét kết nạp",
                        "Ngày chi bộ họp xét", "Chi bộ họp xét", "Ngày đề nghị kết nạp",
                        "Ngày chi bộ ra nghị quyết", "Chi bộ ra nghị quyết", "Ngày nghị quyết",
                        "Ngày ra nghị quyết", "Ngày nghị quyết đề nghị kết nạp",
                        "resolved_on"),
        "decided_on": ("Ngày quyết định kết nạp", "Quyết định kết nạp", "Ngày quyết định", "Ngày cấp ủy quyết định",
                       "Ngày Đảng ủy ra quyết định", "Ngày cấp ủy ra quyết định",
                       # its number and date in one cell ("Số 123-QĐ/ĐU ngày 25/05/2026"): the date is read
                       "Số, ngày quyết định kết nạp", "Số và ngày quyết định kết nạp", "Số, ngày quyết định",
                       "Số quyết định, ngày", "Số, ngày ký quyết định kết nạp", "Ngày, số quyết định kết nạp",
                       "decided_on"),
        "ceremony_on": ("Ngày lễ kết nạp", "Lễ kết nạp", "Ngày tổ chức kết nạp", "Ngày kết nạp", "ceremony_on"),
    },
    "comments": {
        "member_id": _MEMBER_KEY,
        "full_name": _FULL_NAME,
        **_ABOUT,
        "unit": _UNIT,
        "year": _YEAR,
        "comment": ("Nhận xét", "Nội dung nhận xét", "Ý kiến nhận xét", "Nhận xét của chi ủy nơi cư trú",
                    "Nhận xét của chi bộ nơi cư trú", "Ý kiến nhận xét của chi bộ nơi cư trú",
                    "Kết quả nhận xét", "comment"),
        "commented_on": ("Ngày nhận xét", "commented_on"),
        # known, not read: when the member first came to the residence branch
        "contacted_on": ("Ngày đến liên hệ", "Ngày liên hệ", "Ngày báo cáo nơi cư trú", "Ngày đến báo cáo",
                         "Ngày giới thiệu về nơi cư trú", "Ngày giới thiệu"),
    },
    "discipline": {
        "member_id": _MEMBER_KEY,
        "full_name": _FULL_NAME,
        **_ABOUT,
        "unit": _UNIT,
        "decided_on": ("Ngày quyết định", "Ngày kỷ luật", "Ngày quyết định kỷ luật", "Ngày ký quyết định",
                       "Số, ngày quyết định", "Số, ngày quyết định kỷ luật", "Số quyết định, ngày", "decided_on"),
        "form": ("Hình thức kỷ luật", "Hình thức", "Kỷ luật", "form"),
        "reason": ("Lý do", "Nội dung vi phạm", "Lý do kỷ luật", "reason"),
    },
}
# every table that knows a member's name knows it in two columns too
for _fields in COLUMN_ALIASES.values():
    if "full_name" in _fields:
        _fields["given_name"] = _GIVEN_NAME

# Fields read as dates, per table kind (a Parquet date column stays a date in them, and only in them).
DATE_COLUMNS = {
    "members": ("birth_date", "admission_date", "official_date", "exempt_from", "exempt_to", "left_workplace_date",
                "residence_introduced_on", "transferred_in_on", "restored_on", "transferred_out_on", "died_on",
                "left_on"),
    "attendance": ("meeting_date",),
    "transfers": ("issued_on", "received_on", "until"),
    "candidates": ("birth_date", "class_on", "applied_on", "resolved_on", "decided_on", "ceremony_on"),
    "comments": ("commented_on",),
    "discipline": ("decided_on",),
}
# fields read as dates besides those kept (a NAM | NỮ birth-date pair, the database's exit date): a Parquet
# date stays a date in them too, and a line of a multi-line cell that looks like a date goes to them
_READ_AS_DATES = ("birth_date_male", "birth_date_female", "exit_date")
DATE_FIELDS = frozenset(f for fields in DATE_COLUMNS.values() for f in fields) | frozenset(_READ_AS_DATES)

# members: a row without a card number is identified otherwise (normalize: DAT010, or DAT001 for an
# official member, who must have a card)
REQUIRED = {
    "members": ("member_id", "full_name", "birth_date", "unit", "admission_date"),
    "units": ("unit",),
    "attendance": ("member_id",),
    "dues": ("member_id",),
    "transfers": ("member_id",),
    "ratings": ("member_id",),
    "targets": ("unit", "year", "admissions"),
    "candidates": ("full_name", "unit"),
    "comments": ("member_id",),
    "discipline": ("member_id", "decided_on", "form"),
}

# The column whose emptiness, together with a total/signature text, ends a table (SPEC 1.3).
KEY_COLUMN = {kind: {"units": "unit", "targets": "unit", "candidates": "full_name"}.get(kind, "member_id")
              for kind in TABLE_KINDS}

# Kinds that may be laid out wide: one column per month (attendance, dues) or per year (ratings).
WIDE_KINDS = {"attendance": "month", "dues": "month", "ratings": "year"}
# the fields a month's (or year's) sub-column may hold as its value, the one that stands first: "Năm 2025" ›
# Chi bộ đề nghị | Đảng ủy quyết định is the committee's rating of 2025, the branch's only where it is alone
WIDE_VALUES = {"attendance": ("mark",), "dues": ("amount", "mark"), "ratings": ("rating", "rating_branch")}

SERIAL_HEADERS = ("STT", "Số TT", "TT", "Số thứ tự")

FOOTER_WORDS = (
    "Tổng cộng", "Tổng số", "Cộng", "Người lập biểu", "Người lập", "T/M CHI BỘ", "T/M CHI ỦY", "T/M ĐẢNG ỦY", "T/M BAN THƯỜNG VỤ",
    "BÍ THƯ", "PHÓ BÍ THƯ", "Xác nhận", "Ghi chú", "Ký tên", "(Ký, ghi rõ họ tên)", "Nơi nhận",
)

ATTENDANCE_MARKS: dict[str, tuple[str, ...]] = {
    # "√" (the square-root sign) is the check mark most Vietnamese workbooks type
    "present": ("x", "có", "có mặt", "cm", "1", "✓", "✔", "√", "+", "c", "đi muộn", "đến muộn", "muộn", "về sớm"),
    "excused": ("P", "cp", "có phép", "vắng có phép", "vắng có lý do", "vcp", "vcld", "lý do", "có lý do",
                # the reason written in the cell instead of P, as attendance books often have it
                "ốm", "nghỉ ốm", "ốm đau", "vắng ốm", "nằm viện", "đi viện", "công tác", "đi công tác",
                "vắng công tác", "thai sản", "nghỉ thai sản", "đi học",
                # shortened: "Vắng CP", "V/P", "VP"; a leave taken ("nghỉ phép")
                "vắng cp", "v/p", "vp", "nghỉ phép", "nghỉ có phép", "vắng có phép"),
    "unexcused": ("K", "kp", "không phép", "vắng không phép", "vắng không lý do", "vkp", "vkld", "v", "vắng", "0",
                  "vắng mặt", "vắng mặt không lý do", "vắng kp", "v/k", "vk", "không lý do", "nghỉ không phép",
                  "nghỉ không lý do"),
    # also a member attending elsewhere for the month (sinh hoạt tạm thời nơi khác): no meeting to miss here
    "exempt": ("M", "miễn", "miễn sinh hoạt", "tạm miễn", "SHTT", "sinh hoạt tạm thời", "đi sinh hoạt tạm thời",
               "sinh hoạt nơi khác", "chuyển sinh hoạt tạm thời"),
}

DUES_STATES = ("paid", "unpaid", "excused", "blank")  # "blank": a wide sheet's empty month
DUES_MARKS: dict[str, tuple[str, ...]] = {
    "paid": ("x", "đã nộp", "✓", "✔", "√", "nộp", "đủ", "đã đóng", "đóng", "đã nộp đủ", "đã đóng đủ", "có", "rồi",
             "đã thu", "thu đủ"),
    "unpaid": ("0", "K", "chưa nộp", "nợ", "không nộp", "chưa", "chưa đóng", "không đóng", "còn nợ"),
    # also the dues a member attending elsewhere for the time pays there
    "excused": ("miễn", "giảm", "P", "có lý do", "M", "SHTT", "sinh hoạt tạm thời", "đóng nơi sinh hoạt tạm thời",
                "nộp nơi sinh hoạt tạm thời"),
}

# Ward forms write the status as a code (ĐSH, TT, CĐi, …), often followed by its date or decision:
# "TT (02/02/2026)". "active" is official or probationary, as the official date says.
STATUSES: dict[str, tuple[str, ...]] = {
    "official": ("Chính thức", "Đảng viên chính thức", "ĐV chính thức", "ĐVCT", "official"),
    "probationary": ("Dự bị", "Đảng viên dự bị", "ĐV dự bị", "ĐVDB", "DB", "probationary"),
    "active": ("Đang sinh hoạt", "Đang sinh hoạt Đảng", "Đang hoạt động", "Hoạt động", "ĐSH", "CT", "CĐT",
               # a list's "Tình trạng" that tells the member's working life: a member still, here
               "Đang công tác", "Đương chức", "Đang làm việc", "Nghỉ hưu", "Đã nghỉ hưu", "Hưu trí", "Nghỉ chế độ",
               "active"),
    "exempt": ("Miễn sinh hoạt", "Miễn công tác và sinh hoạt đảng", "Miễn công tác và sinh hoạt", "MSH", "Miễn SH",
               "exempt"),
    "temp_exempt": ("Tạm miễn sinh hoạt", "Tạm miễn", "temporarily exempt", "temp_exempt"),
    "guest": ("Sinh hoạt tạm thời", "Đang sinh hoạt tạm thời", "Tạm thời", "SHT", "temporary guest", "guest"),
    # the home list's side of a temporary transfer: a member of this branch attending elsewhere for a time,
    # official or probationary as the official date says (Quy định 294-QĐ/TW, mục 6.3.2)
    "away": ("Chuyển sinh hoạt tạm thời", "Chuyển sinh hoạt đảng tạm thời", "Chuyển SH tạm thời", "Chuyển SHĐ tạm thời",
             "Đi sinh hoạt tạm thời", "Sinh hoạt tạm thời nơi khác", "Sinh hoạt tạm thời ở nơi khác",
             "Gửi sinh hoạt tạm thời", "Đã chuyển sinh hoạt tạm thời", "Chuyển tạm thời", "Tạm chuyển sinh hoạt",
             "CSHTT", "away"),
    "transferred": ("Đã chuyển đi", "Chuyển đi", "Chuyển sinh hoạt", "Đã chuyển ra", "Chuyển ra", "CĐi", "CĐ",
                    "Đã chuyển sinh hoạt", "Đã chuyển sinh hoạt đi", "Chuyển sinh hoạt đi",
                    "transferred"),
    "deceased": ("Từ trần", "Đã từ trần", "Đã mất", "Mất", "Chết", "Đã chết", "TT", "deceased"),
    "removed": ("Xóa tên", "Xoá tên", "XT", "removed"),
    "expelled": ("Khai trừ", "KT", "expelled"),
    "resigned": ("Ra khỏi Đảng", "Xin ra khỏi Đảng", "CR", "resigned"),
}
# how the register's exit columns make a member exited, whatever the status column says
EXIT_DATES = {"died_on": "deceased", "left_on": "resigned", "transferred_out_on": "transferred"}
# "Hình thức ra khỏi Đảng" names which exit leaving was
LEFT_HOW: dict[str, tuple[str, ...]] = {"expelled": ("Khai trừ",), "removed": ("Xóa tên", "Xoá tên"),
                                         "resigned": ("Xin ra khỏi Đảng", "Ra khỏi Đảng")}
EXIT_STATUSES = ("transferred", "deceased", "removed", "expelled", "resigned")

RATINGS: dict[str, tuple[str, ...]] = {
    # also as lists shorten them: "nhiệm vụ" as NV, "xuất sắc" as XS, "hoàn thành" as HT, or left out
    "HTXSNV": ("Hoàn thành xuất sắc nhiệm vụ", "HTXSNV", "HTXS", "Xuất sắc", "Mức 1", "Hoàn thành xuất sắc",
               "Hoàn thành xuất sắc NV", "Hoàn thành XSNV", "HT xuất sắc NV", "HT xuất sắc nhiệm vụ"),
    "HTTNV": ("Hoàn thành tốt nhiệm vụ", "HTTNV", "HTT", "Tốt", "Mức 2", "Hoàn thành tốt", "Hoàn thành tốt NV",
              "HT tốt NV", "HT tốt nhiệm vụ"),
    "HTNV": ("Hoàn thành nhiệm vụ", "HTNV", "HT", "Hoàn thành", "Mức 3", "Hoàn thành NV"),
    "KHTNV": ("Không hoàn thành nhiệm vụ", "KHTNV", "KHT", "Không hoàn thành", "Mức 4", "Không hoàn thành NV",
              "Không HTNV", "Không HT nhiệm vụ"),
    # rated, but in no level: a member the year's rules leave unranked (Quy định 366-QĐ/TW: ill for long,
    # admitted late in the year, …): a rating on record, never a failing one
    "KXL": ("Không xếp loại", "KXL", "Không xếp loại chất lượng", "Không đánh giá xếp loại", "Không đánh giá, xếp loại",
            "Không phân loại", "Không xếp loại đảng viên"),
}

# the values a wide sheet's cells hold, per kind (a month's or year's sub-columns may be headed by them)
WIDE_CELLS = {"attendance": ATTENDANCE_MARKS, "dues": DUES_MARKS, "ratings": RATINGS}

UNIT_KINDS: dict[str, tuple[str, ...]] = {
    "residential": ("Khu dân cư", "Thôn", "Tổ dân phố", "Xã", "Phường", "Bản", "Ấp", "residential"),
    "agency": ("Cơ quan", "Đơn vị sự nghiệp", "agency"),
    "enterprise": ("Doanh nghiệp", "enterprise"),
    "school": ("Trường học", "Trường", "school"),
    "armed_forces": ("Quân đội", "Công an", "Lực lượng vũ trang", "armed_forces"),
    "other": ("Khác", "other"),
}
WORKPLACE_KINDS = ("agency", "enterprise", "school", "armed_forces")

DISCIPLINE_FORMS: dict[str, tuple[str, ...]] = {
    "reprimand": ("Khiển trách", "reprimand"),
    "warning": ("Cảnh cáo", "warning"),
    "dismissal": ("Cách chức", "dismissal"),
    "expulsion": ("Khai trừ", "expulsion"),
}

TRANSFER_KINDS: dict[str, tuple[str, ...]] = {
    # also as the transfers book heads its columns of crosses (Mẫu 10-SHĐ)
    "official": ("Chính thức", "Chuyển sinh hoạt đảng chính thức", "Chuyển sinh hoạt chính thức", "Chuyển chính thức",
                 "CT", "official"),
    "temporary": ("Tạm thời", "Chuyển sinh hoạt đảng tạm thời", "Chuyển sinh hoạt tạm thời", "Chuyển tạm thời",
                  "Tạm", "TT", "temporary"),
}

# which way a transfer went, as a book of both ways writes it, or its sheet or title names it
TRANSFER_DIRECTIONS: dict[str, tuple[str, ...]] = {
    "out": ("Chuyển đi", "Đi", "Chuyển ra", "Ra", "Đã chuyển đi", "Giới thiệu đi", "Giảm", "out"),
    "in": ("Chuyển đến", "Đến", "Chuyển vào", "Vào", "Đã chuyển đến", "Tiếp nhận", "Nhận", "Tăng", "in"),
}

STUDY_WORDS = ("học tập", "study", "đi học", "học")

GENDERS: dict[str, tuple[str, ...]] = {
    "male": ("Nam", "male", "M"),
    "female": ("Nữ", "female", "F"),
}

# columns headed by the values of one field, the row's value marked with a cross ("Kết quả xếp loại" ›
# Hoàn thành xuất sắc nhiệm vụ | Hoàn thành tốt nhiệm vụ | …, "Giới tính" › Nam | Nữ): kind → field → values
CHOICES: dict[str, dict[str, dict[str, tuple[str, ...]]]] = {
    "members": {"gender": GENDERS, "status": STATUSES},
    # a meeting's roll call: Có mặt | Vắng có lý do | Vắng không lý do, a cross in the member's
    "attendance": {"mark": ATTENDANCE_MARKS},
    "ratings": {"rating": RATINGS},
    "transfers": {"kind": TRANSFER_KINDS},
    "discipline": {"form": DISCIPLINE_FORMS},
}

OCCUPATION_GROUPS: dict[str, tuple[str, ...]] = {
    "civil_servant": ("Cán bộ", "công chức", "viên chức", "Cán bộ, công chức, viên chức", "CBCCVC"),
    "enterprise": ("Người lao động trong doanh nghiệp", "Doanh nghiệp", "Nhân viên doanh nghiệp"),
    "worker": ("Công nhân",),
    "farmer": ("Nông dân", "nông, lâm, ngư nghiệp", "Nông nghiệp", "Ngư dân"),
    "student": ("Học sinh", "sinh viên", "Học sinh, sinh viên"),
    "teacher": ("Giáo viên", "Giảng viên"),
    "armed_forces": ("Quân đội", "Công an", "Lực lượng vũ trang", "Quân nhân"),
    "retired": ("Hưu trí", "Nghỉ hưu"),
    "other": ("Khác", "Tự do"),
}

# Citizen-id place codes (Thông tư 07/2016/TT-BCA, Phụ lục I): the 63 provinces and cities as they were when
# the ids were issued (the 2025 merger into 34 changed no id), and the country codes of births abroad.
CCCD_PROVINCES = (
    "001", "002", "004", "006", "008", "010", "011", "012", "014", "015", "017", "019", "020", "022", "024", "025",
    "026", "027", "030", "031", "033", "034", "035", "036", "037", "038", "040", "042", "044", "045", "046", "048",
    "049", "051", "052", "054", "056", "058", "060", "062", "064", "066", "067", "068", "070", "072", "074", "075",
    "077", "079", "080", "082", "083", "084", "086", "087", "089", "091", "092", "093", "094", "095", "096",
)
CCCD_COUNTRIES = tuple(f"{code:03d}" for code in range(101, 296))

# --- what the statistics forms (Hướng dẫn 11-HD/BTCTW) group members by -----------------------------------------
# matched on folded text, exactly first and then as a phrase inside longer text, in this order (doctor before
# university: "Tiến sĩ" is checked before "Đại học" could match "sau đại học")
EDUCATION_LEVELS: dict[str, tuple[str, ...]] = {
    "upper_secondary": ("Trung học phổ thông", "THPT", "Bổ túc trung học phổ thông", "12/12", "10/10"),
    "lower_secondary": ("Trung học cơ sở", "THCS", "9/12", "8/12", "7/10", "8/10", "9/10"),
    "primary": ("Tiểu học", "Cấp 1", "5/12", "4/10", "5/10"),
}
QUALIFICATIONS: dict[str, tuple[str, ...]] = {
    "doctor": ("Tiến sĩ", "TS", "TSKH", "Tiến sỹ"),
    "master": ("Thạc sĩ", "ThS", "Thạc sỹ", "Chuyên khoa", "Bác sĩ chuyên khoa"),
    "university": ("Đại học", "ĐH", "Cử nhân", "Kỹ sư", "Bác sĩ", "Dược sĩ", "Kiến trúc sư"),
    "college": ("Cao đẳng", "CĐ"),
    "intermediate": ("Trung cấp", "TC", "Trung học chuyên nghiệp"),
    "elementary": ("Sơ cấp", "Công nhân kỹ thuật", "CNKT", "Sơ cấp nghề"),
    "none": ("Không", "Chưa qua đào tạo", "Chưa đào tạo"),
}
THEORY_LEVELS: dict[str, tuple[str, ...]] = {
    "advanced": ("Cao cấp", "Cử nhân", "Cao cấp lý luận chính trị", "Cử nhân chính trị"),
    "intermediate": ("Trung cấp", "TC"),
    "elementary": ("Sơ cấp", "SC"),
    "none": ("Không", "Chưa qua đào tạo", "Chưa học"),
}
NO_RELIGION = ("Không", "Không tôn giáo", "Không theo tôn giáo", "-", "0")
MAJORITY_ETHNICITY = "Kinh"
YES_WORDS = ("x", "X", "Có", "có", "1", "v", "✓", "Đoàn viên", "ĐV", "yes")
