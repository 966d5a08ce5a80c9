"""Vietnamese messages (the default language)."""

MESSAGES = {
    # input and configuration errors (exit code 2)
    "input.missing": "Không tìm thấy tệp hoặc thư mục: {file}. Kiểm tra lại đường dẫn.",
    "input.format": "Không đọc được định dạng của {file}. Các định dạng được hỗ trợ: {suffixes}.",
    "input.none": "Không có tệp dữ liệu nào (xlsx, xls, ods, csv, parquet) trong: {inputs}.",
    "input.empty": "Tệp {file} không có trang tính nào có dữ liệu.",
    "input.unreadable": "Không đọc được tệp {file}: {reason}. Mở tệp bằng Excel, lưu lại dạng .xlsx rồi chạy lại.",
    "input.unreadable_sheet": "Không đọc được trang tính «{sheet}» trong {file}: {reason}.",
    "input.encoding": "Tệp {file} không phải UTF-8, UTF-16 hay Windows-1258. Lưu lại tệp CSV dạng UTF-8.",
    "input.month_without_year": (
        "Trang tính «{sheet}» trong {file} có cột tháng nhưng không ghi năm (ở tên trang tính, dòng tiêu đề "
        "hay tiêu đề cột). Thêm năm vào tên trang tính (ví dụ «Sinh hoạt 2026») hoặc chạy với --year 2026."),
    "input.missing_column": (
        "Trang tính «{sheet}» trong {file} (bảng {kind}, dòng tiêu đề {row}) thiếu cột bắt buộc «{column}». "
        "Thêm cột đó, hoặc khai báo tên cột đang dùng trong memberaudit.toml mục [aliases.{kind}]."),
    "reason.encrypted": "tệp có mật khẩu; hãy gỡ mật khẩu (Tệp › Thông tin › Bảo vệ sổ làm việc)",
    "reason.not_excel": "tệp không phải là sổ làm việc Excel dù có phần mở rộng như vậy",
    "config.missing": "Không tìm thấy tệp cấu hình {file}.",
    "config.syntax": "Tệp cấu hình {file} sai cú pháp TOML: {reason}",
    "config.unknown_key": "Tệp cấu hình {file}: khóa không hợp lệ «{key}». Chạy «memberaudit init» để xem mẫu.",
    "config.missing_key": "Tệp cấu hình {file}: thiếu khóa «{key}».",
    "config.type": "Tệp cấu hình {file}: «{key}» phải là {expected}.",
    "config.value": "Tệp cấu hình {file}: «{key}» chỉ nhận một trong các giá trị: {allowed}.",
    "usage.as_of": "Ngày --as-of phải có dạng YYYY-MM-DD, ví dụ 2026-11-30.",
    "usage.codes": "Mã quy tắc không tồn tại: {codes}. Xem danh sách bằng «memberaudit rules».",
    "usage.rule": "Không có quy tắc {code}. Xem danh sách bằng «memberaudit rules».",
    "usage.format": "Định dạng {format} cần --output, hoặc dùng --format text.",
    "usage.exists": "{file} đã tồn tại; thêm --force để ghi đè.",
    "usage.json": "Không đọc được {file} như kết quả JSON của memberaudit: {reason}",
    "error.internal": "Lỗi không mong đợi: {reason}. Chạy lại với --debug để xem chi tiết và báo cho nhóm phát triển.",
    # sheets skipped
    "skip.unknown": "không nhận ra loại bảng (tên trang tính và dòng tiêu đề không khớp)",
    "skip.no_header_named": "tên trang tính là bảng {kind} nhưng không tìm thấy dòng tiêu đề trong 30 dòng đầu",
    "skip.ambiguous": "dòng tiêu đề khớp cả bảng sinh hoạt và đảng phí; đặt tên trang tính cho rõ",
    "no_table:members": "không có bảng đảng viên",
    "no_table:units": "không có bảng chi bộ (loại hình)",
    "no_table:attendance": "không có bảng sinh hoạt",
    "no_table:dues": "không có bảng đảng phí",
    "no_table:transfers": "không có bảng chuyển sinh hoạt",
    "no_table:ratings": "không có bảng xếp loại",
    "no_table:targets": "không có bảng chỉ tiêu",
    # terminal output
    "ui.loading": "Đang đọc dữ liệu",
    "ui.loaded": "Đã đọc {files} tệp, {tables} bảng: {members} đảng viên, {units} chi bộ.",
    "ui.skipped": "Bỏ qua {file} › {sheet}: {reason}",
    "ui.data_findings": "Lỗi dữ liệu",
    "ui.no_data_findings": "Không có lỗi dữ liệu.",
    "ui.findings": "Kết quả kiểm tra",
    "ui.by_rule": "Theo quy tắc",
    "ui.by_committee": "Theo đảng bộ",
    "ui.coverage": "Phạm vi kiểm tra",
    "ui.rule": "Quy tắc",
    "ui.title": "Nội dung",
    "ui.count": "Số lượng",
    "ui.severity": "Mức độ",
    "ui.committee": "Đảng bộ",
    "ui.unit": "Chi bộ",
    "ui.member": "Đảng viên",
    "ui.message": "Nội dung",
    "ui.where": "Vị trí",
    "ui.members_checked": "ĐV đã kiểm tra",
    "ui.units_checked": "Chi bộ đã kiểm tra",
    "ui.skipped_reason": "Bỏ qua vì",
    "ui.total": "Tổng cộng {count} phát hiện, ngày đối chiếu {as_of}.",
    "ui.written": "Đã ghi {file}",
    "ui.waived": "miễn trừ",
    "ui.expired_waiver": "Miễn trừ đã hết hạn ngày {until}: {member_id} / {rule} ({reason})",
    "ui.params": "Tham số",
    "ui.reference": "Căn cứ",
    "ui.what": "Nội dung kiểm tra",
    "ui.why": "Vì sao",
    "ui.example": "Ví dụ",
    "ui.category": "Nhóm",
    "ui.demo_written": "Đã tạo bộ dữ liệu mẫu trong {dir}: {files} tệp.",
    "ui.init_written": "Đã tạo {file} với mọi tham số ở giá trị mặc định.",
    "severity.high": "cao",
    "severity.medium": "trung bình",
    "severity.low": "thấp",
    "category.screening": "rà soát, sàng lọc",
    "category.compliance": "tuân thủ",
    "category.structure": "tổ chức",
    "category.data": "dữ liệu",
    "category.milestone": "huy hiệu",
    "html.title": "Báo cáo kiểm tra danh sách đảng viên",
    "html.subtitle": "Ngày đối chiếu {as_of} · {files} tệp dữ liệu",
    "html.card_findings": "phát hiện",
    "html.card_screening": "đảng viên thuộc diện rà soát, sàng lọc",
    "html.card_members": "đảng viên đang sinh hoạt",
    "html.card_committees": "đảng bộ",
    "html.chart_committees": "Phát hiện theo đảng bộ",
    "html.chart_ages": "Tháp tuổi đảng viên",
    "html.chart_occupations": "Cơ cấu nghề nghiệp",
    "html.male": "Nam",
    "html.female": "Nữ",
    "html.search": "Tìm theo tên, số thẻ, chi bộ…",
    "html.all_rules": "Tất cả quy tắc",
    "html.all_severities": "Mọi mức độ",
    "html.all_committees": "Tất cả đảng bộ",
    "html.member_id": "Số thẻ",
    "html.full_name": "Họ và tên",
    "html.findings_count": "{count} phát hiện",
    "html.more_rows": "… còn {count} dòng nữa: xem bảng đầy đủ hoặc tệp Excel.",
    "html.inputs": "Dữ liệu",
}

MONTH_FIELD = "tháng ${2}/${1}"

VALUE_LABELS = {
    "field": {
        "member_id": "Số thẻ đảng viên", "full_name": "Họ và tên", "birth_date": "Ngày sinh", "unit": "Chi bộ",
        "parent_unit": "Đảng bộ", "admission_date": "Ngày vào Đảng", "official_date": "Ngày chính thức",
        "status": "Trạng thái", "gender": "Giới tính", "occupation": "Nghề nghiệp", "exempt_from": "Miễn từ ngày",
        "exempt_to": "Miễn đến ngày", "left_workplace_date": "Ngày nghỉ hưu/nghỉ việc", "kind": "Loại",
        "issued_on": "Ngày cấp giấy", "received_on": "Ngày tiếp nhận", "until": "Đến ngày", "year": "Năm",
        "rating": "Xếp loại", "month": "Tháng", "mark": "Điểm danh", "amount": "Số tiền", "admissions": "Chỉ tiêu",
        "meeting_date": "Ngày sinh hoạt",
    },
    "detail": {
        "two_digit_year": "năm chỉ có 2 chữ số", "impossible": "ngày không tồn tại", "unreadable": "không đọc được",
        "partial_not_allowed": "thiếu ngày/tháng", "not_a_number": "không phải số",
        "birth_not_before_admission": "ngày sinh không trước ngày vào Đảng",
        "official_before_admission": "ngày chính thức trước ngày vào Đảng", "after_as_of": "sau ngày đối chiếu",
        "attendance": "sinh hoạt", "dues": "đảng phí", "transfers": "chuyển sinh hoạt", "ratings": "xếp loại",
        "occupation": "nghề nghiệp", "out_of_range": "ngoài khoảng hợp lệ",
    },
    "situation": {
        "not_received": "chưa nộp giấy tại nơi đến", "received_late": "nộp giấy muộn",
        "projected": "ước cả năm", "year_ended": "cả năm",
    },
    "match": {"member_id": "cùng số thẻ", "national_id": "cùng số CCCD", "name_birth_date": "trùng họ tên và ngày sinh"},
    "group": {
        "civil_servant": "cán bộ, công chức, viên chức", "enterprise": "người lao động trong doanh nghiệp",
        "worker": "công nhân", "farmer": "nông dân", "student": "học sinh, sinh viên", "teacher": "giáo viên",
        "armed_forces": "lực lượng vũ trang", "retired": "hưu trí", "other": "khác",
    },
    "unit_kind": {"agency": "cơ quan", "enterprise": "doanh nghiệp", "school": "trường học",
                  "armed_forces": "lực lượng vũ trang"},
}

RULES = {
    "ATT001": {
        "title": "Bỏ sinh hoạt đảng không có lý do chính đáng",
        "message": "Vắng sinh hoạt không lý do {count} tháng: {months}",
        "what": "Đếm số tháng trong kỳ (từ tháng vào Đảng) đảng viên vắng sinh hoạt không lý do; tháng được miễn "
                "sinh hoạt không tính. Đạt {months} tháng trở lên thì đưa vào danh sách rà soát.",
        "why": "Điều lệ Đảng (Điều 8 khoản 2) và Quy định 294-QĐ/TW (mục 8.1): đảng viên bỏ sinh hoạt đảng ba "
               "tháng trong năm mà không có lý do chính đáng thì chi bộ xem xét, đề nghị xóa tên.",
    },
    "DUE001": {
        "title": "Không đóng đảng phí không có lý do chính đáng",
        "message": "Không đóng đảng phí {count} tháng: {months}",
        "what": "Đếm số tháng trong kỳ đảng viên chưa đóng đảng phí (ghi 0, K, chưa nộp, nợ, hoặc ô trống trong "
                "bảng theo tháng), trừ tháng được miễn, giảm. Đảng viên có tuổi đảng từ {exempt_party_age} năm "
                "được miễn đảng phí. Đạt {months} tháng thì đưa vào danh sách rà soát.",
        "why": "Điều lệ Đảng (Điều 8 khoản 2) và Quy định 01-QĐ/TW (2026) về đảng phí.",
    },
    "RAT001": {
        "title": "Hai năm liền không hoàn thành nhiệm vụ",
        "message": "Hai năm liền xếp loại không hoàn thành nhiệm vụ: {years}",
        "what": "Hai lần xếp loại gần nhất là hai năm liền, đều «Không hoàn thành nhiệm vụ», năm sau là năm nay "
                "hoặc năm trước.",
        "why": "Hướng dẫn 02-HD/BTCTW (2021), mục II.1: căn cứ xem xét đưa ra khỏi Đảng.",
    },
    "PRB001": {
        "title": "Quá hạn xét công nhận đảng viên chính thức",
        "message": "Hết dự bị ngày {probation_end}, quá hạn xét chính thức ({deadline}) {working_days_overdue} ngày làm việc",
        "what": "Đảng viên dự bị hết {probation_months} tháng dự bị mà sau {review_working_days} ngày làm việc "
                "(không tính thứ Bảy, Chủ nhật, ngày lễ, Tết) chưa có quyết định công nhận chính thức.",
        "why": "Điều lệ Đảng (Điều 5 khoản 1); Quy định 294-QĐ/TW (mục 4.2).",
    },
    "PRB002": {
        "title": "Công nhận chính thức trước khi đủ 12 tháng dự bị",
        "message": "Công nhận chính thức ngày {official_date}, trước ngày đủ thời gian dự bị ({earliest_official})",
        "what": "Ngày chính thức sớm hơn ngày vào Đảng cộng {probation_months} tháng.",
        "why": "Điều lệ Đảng (Điều 5): thời gian dự bị là mười hai tháng.",
    },
    "PRB003": {
        "title": "Tuổi kết nạp ngoài quy định",
        "message": "Kết nạp khi {age_years} tuổi {extra_months} tháng (sinh {birth_date}, kết nạp {admission_date})",
        "what": "Tuổi khi kết nạp (tính theo tháng) dưới {min_age} hoặc trên {max_age} tuổi.",
        "why": "Quy định 294-QĐ/TW (mục 1.1); kết nạp người trên 60 tuổi phải được cấp ủy cấp tỉnh đồng ý — "
               "kiểm tra văn bản này bằng tay.",
    },
    "TRF001": {
        "title": "Không nộp giấy giới thiệu sinh hoạt đúng hạn",
        "message": "Giấy giới thiệu cấp ngày {issued_on} ({from_unit} → {to_unit}): {situation}, hạn {deadline}",
        "what": "Giấy giới thiệu sinh hoạt đã cấp mà quá {working_days} ngày làm việc chưa nộp tại nơi đến "
                "(mức trung bình), hoặc nộp sau thời hạn đó (mức thấp).",
        "why": "Quy định 294-QĐ/TW (mục 6.3.1): đảng viên phải nộp giấy giới thiệu trong 30 ngày làm việc.",
    },
    "TRF002": {
        "title": "Nghỉ hưu, nghỉ việc chưa chuyển sinh hoạt về nơi cư trú",
        "message": "Nghỉ công tác ngày {left_workplace_date}, vẫn sinh hoạt ở chi bộ {unit_kind}, quá hạn {deadline} chưa chuyển",
        "what": "Đảng viên có ngày nghỉ hưu/nghỉ việc, vẫn ở chi bộ cơ quan, doanh nghiệp, trường học hoặc lực "
                "lượng vũ trang quá {working_days} ngày làm việc mà chưa có giấy chuyển sinh hoạt nào từ ngày đó.",
        "why": "Quy định 294-QĐ/TW (mục 6.3.1): chuyển sinh hoạt về nơi cư trú trong 60 ngày làm việc.",
    },
    "TRF003": {
        "title": "Sinh hoạt tạm thời quá thời hạn",
        "message": "Sinh hoạt tạm thời từ {issued_on} đến {until}, đã {months} tháng (tối đa {max_months}), chưa chuyển tiếp",
        "what": "Giấy sinh hoạt tạm thời đã hết hạn mà không có giấy chuyển nào sau đó, hoặc không ghi hạn và đã "
                "quá {max_months} tháng ({max_study_months} tháng nếu đi học).",
        "why": "Quy định 294-QĐ/TW (mục 6.3.2).",
    },
    "TRF004": {
        "title": "Một người đăng ký sinh hoạt ở hai nơi",
        "message": "Đăng ký ở nhiều nơi ({match}): cũng có ở {other_units}",
        "what": "Cùng số thẻ, hoặc cùng số CCCD với số thẻ khác, đang sinh hoạt ở hai chi bộ; mức thấp: hai số "
                "thẻ khác nhau trùng họ tên và ngày sinh.",
        "why": "Mỗi đảng viên chỉ sinh hoạt chính thức ở một chi bộ.",
    },
    "RAT002": {
        "title": "Chưa có kết quả xếp loại năm trước",
        "message": "Chưa có kết quả xếp loại năm {year}",
        "what": "Đảng viên không thuộc diện miễn, vào Đảng trước cuối năm trước, ở chi bộ có bảng xếp loại, "
                "nhưng không có xếp loại năm trước.",
        "why": "Quy định 366-QĐ/TW (2025) về kiểm điểm, đánh giá, xếp loại chất lượng hằng năm.",
    },
    "EXM001": {
        "title": "Tạm miễn sinh hoạt quá thời hạn",
        "message": "Tạm miễn sinh hoạt từ {exempt_from} đến {exempt_to} ({months} tháng), đã quá hạn",
        "what": "Đảng viên tạm miễn sinh hoạt có ngày kết thúc đã qua, hoặc kéo dài quá {max_months} tháng.",
        "why": "Hướng dẫn 06-HD/TW (trước đây 01-HD/TW, mục 10.3).",
    },
    "STR001": {
        "title": "Chi bộ có dưới 3 đảng viên chính thức",
        "message": "Chi bộ chỉ có {full_members} đảng viên chính thức (tổng {members} đảng viên)",
        "what": "Số đảng viên chính thức (kể cả được miễn sinh hoạt) của chi bộ dưới {min_full}.",
        "why": "Điều lệ Đảng (Điều 21 khoản 2): chi bộ có từ ba đảng viên chính thức trở lên.",
    },
    "STR002": {
        "title": "Tháng không có sinh hoạt chi bộ",
        "message": "Không có ghi nhận sinh hoạt các tháng: {months}",
        "what": "Chi bộ có dữ liệu sinh hoạt nhưng có tháng (từ tháng đầu tiên có ghi nhận đến tháng đối chiếu) "
                "không đảng viên nào có điểm danh.",
        "why": "Điều lệ Đảng (Điều 24 khoản 2): chi bộ sinh hoạt thường kỳ mỗi tháng một lần.",
    },
    "STR003": {
        "title": "Chi bộ nhiều năm không kết nạp đảng viên",
        "message": "Không kết nạp đảng viên trong {years} năm; lần gần nhất: {last_admission}",
        "what": "Không đảng viên nào của chi bộ (kể cả đã chuyển đi) có ngày vào Đảng trong {years} năm qua.",
        "why": "Phát triển đảng viên là nhiệm vụ thường xuyên của chi bộ.",
    },
    "STR004": {
        "title": "Kết nạp chưa đạt chỉ tiêu",
        "message": "Năm {year}: kết nạp {admitted}/{target} chỉ tiêu ({situation}: {projected})",
        "what": "Số đảng viên kết nạp trong năm của chi bộ hoặc đảng bộ ít hơn chỉ tiêu; năm chưa kết thúc thì "
                "ước theo số tháng đã qua (mức thấp).",
        "why": "Chỉ tiêu kết nạp hằng năm của cấp ủy.",
    },
    "STR005": {
        "title": "Cơ cấu kết nạp chưa đạt tỷ lệ",
        "message": "Tỷ lệ kết nạp {group} năm nay {share} ({in_group}/{admitted}), dưới mức {min_share}",
        "what": "Trong số đảng viên kết nạp năm nay của đảng bộ, tỷ lệ một nhóm nghề nghiệp nêu trong [mix] "
                "min_share thấp hơn mức tối thiểu.",
        "why": "Định hướng cơ cấu kết nạp (học sinh, sinh viên; người lao động trong doanh nghiệp…) của cấp ủy.",
    },
    "DAT001": {"title": "Thiếu thông tin bắt buộc", "message": "Thiếu thông tin bắt buộc: {field}",
               "what": "Ô bắt buộc để trống.", "why": "Không có thông tin này thì không kiểm tra được."},
    "DAT002": {"title": "Ngày tháng không hợp lệ", "message": "Ngày không hợp lệ ở cột {field}: «{value}» ({detail})",
               "what": "Ngày không đọc được, không tồn tại hoặc năm chỉ có 2 chữ số (không đoán).",
               "why": "Đọc sai ngày làm sai mọi thời hạn tính từ ngày đó."},
    "DAT003": {"title": "Ngày tháng không hợp lý", "message": "Ngày không hợp lý ở cột {field}: {value} ({detail})",
               "what": "Ngày sinh không trước ngày vào Đảng, ngày chính thức trước ngày vào Đảng, hoặc ngày sau ngày đối chiếu.",
               "why": "Đây thường là lỗi nhập liệu."},
    "DAT004": {"title": "Trùng số thẻ trong cùng chi bộ", "message": "Số thẻ {value} lặp lại trong cùng chi bộ",
               "what": "Một số thẻ xuất hiện nhiều lần trong danh sách một chi bộ.",
               "why": "Dòng trùng làm sai số lượng."},
    "DAT005": {"title": "Giá trị không nhận dạng được", "message": "Không nhận dạng được giá trị ở cột {field}: «{value}»",
               "what": "Trạng thái, ký hiệu điểm danh, đảng phí, xếp loại, loại hình không có trong danh mục.",
               "why": "Ký hiệu lạ không được tính; nếu nó có nghĩa là vắng thì sẽ bỏ sót."},
    "DAT006": {"title": "Mã đảng viên không có trong danh sách",
               "message": "Số thẻ {value} ở bảng {detail} không có trong danh sách đảng viên",
               "what": "Bản ghi sinh hoạt, đảng phí, chuyển sinh hoạt, xếp loại của số thẻ không có trong danh sách.",
               "why": "Thường là gõ sai số thẻ."},
    "DAT007": {"title": "Ngày tháng không đầy đủ", "message": "Ngày không đầy đủ ở cột {field}: «{value}» (tạm hiểu là ngày 01)",
               "what": "Ngày sinh, ngày vào Đảng chỉ ghi tháng/năm hoặc năm.",
               "why": "Tuổi, tuổi đảng tính từ ngày không đầy đủ có thể lệch đến một năm."},
    "MIL001": {
        "title": "Đủ điều kiện xét tặng Huy hiệu Đảng",
        "message": "Đủ {milestone} năm tuổi đảng ngày {reached_on}, đề nghị tặng Huy hiệu dịp {occasion}",
        "what": "Đảng viên có tuổi đảng đạt mốc {milestones} năm trong khoảng từ sau dịp trao trước đến dịp trao "
                "tiếp theo (3/2, 19/5, 2/9, 7/11).",
        "why": "Hướng dẫn 06-HD/TW (trước đây 01-HD/TW, mục 18).",
    },
}
