"""The catalogue of data problems: every detail a DAT finding can carry, declared once with the rule that
reports it and its words in both languages (as frictionless declares its errors).

Normalisation records a problem by its key (`normalize.issues.issue_rows`); the rule code comes from here,
and the message templates of the DAT rules show the words.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    key: str  # what `Roster.issues.detail` holds
    rule: str  # the DAT rule that lists it
    en: str
    vi: str


PROBLEMS = (
    Problem("missing", "DAT001", "empty", "để trống"),
    Problem("two_digit_year", "DAT002", "two-digit year", "năm chỉ có 2 chữ số"),
    Problem("impossible", "DAT002", "no such date", "ngày không tồn tại"),
    Problem("implausible_year", "DAT002", "year outside 1900-2099", "năm ngoài khoảng 1900-2099"),
    Problem("unreadable", "DAT002", "unreadable", "không đọc được"),
    Problem("partial_not_allowed", "DAT002", "day or month missing", "thiếu ngày hoặc tháng"),
    Problem("not_a_number", "DAT002", "not a number", "không phải là số"),
    Problem("out_of_range", "DAT002", "out of range", "ngoài khoảng hợp lệ"),
    Problem("birth_not_before_admission", "DAT003", "birth not before admission", "ngày sinh không trước ngày vào Đảng"),
    Problem("official_before_admission", "DAT003", "official before admission", "chính thức trước ngày vào Đảng"),
    Problem("after_as_of", "DAT003", "after the as-of date", "sau ngày kiểm tra"),
    Problem("repeated_id", "DAT004", "the same id twice", "trùng số thẻ"),
    Problem("unknown_code", "DAT005", "not in the vocabulary", "không có trong danh mục"),
    Problem("occupation", "DAT005", "occupation", "nghề nghiệp"),
    Problem("attendance", "DAT006", "attendance", "sinh hoạt"),
    Problem("dues", "DAT006", "dues", "đảng phí"),
    Problem("transfers", "DAT006", "transfers", "chuyển sinh hoạt"),
    Problem("ratings", "DAT006", "ratings", "xếp loại"),
    Problem("name_ambiguous", "DAT006", "a name two members of the branch have", "tên trùng của hai đảng viên trở lên"),
    Problem("partial", "DAT007", "partial date", "ngày không đầy đủ"),
    Problem("scientific", "DAT008", "a number in scientific notation: its last digits are lost (retype it as text)",
            "số dạng lũy thừa (E+): mất các chữ số cuối (nhập lại dạng văn bản)"),
    Problem("not_digits", "DAT008", "not only digits", "có ký tự không phải chữ số"),
    Problem("length_11", "DAT008", "11 digits: the leading 0 was lost (stored as a number)",
            "11 chữ số: mất số 0 đầu (Excel lưu dạng số)"),
    Problem("length_10", "DAT008", "10 digits: the leading 00 was lost (stored as a number)",
            "10 chữ số: mất hai số 0 đầu (Excel lưu dạng số)"),
    Problem("length_9", "DAT008", "9 digits: an old CMND, not yet a CCCD", "9 chữ số: CMND cũ, chưa đổi sang CCCD"),
    Problem("length", "DAT008", "not 12 digits", "không đủ 12 chữ số"),
    Problem("place", "DAT008", "no province or country has this code", "mã tỉnh, quốc gia không có trong danh mục"),
    Problem("century", "DAT008", "a century no member can be born in", "chữ số thế kỷ không thể có"),
    Problem("sex", "DAT009", "the sex", "giới tính"),
    Problem("birth_year", "DAT009", "the birth year", "năm sinh"),
    Problem("member_code", "DAT010", "the app's member code", "mã đảng viên của phần mềm"),
    Problem("record_number", "DAT010", "lý lịch number", "số lý lịch"),
    Problem("name_birth_date", "DAT010", "name and date of birth", "họ tên và ngày sinh"),
    Problem("admission_steps", "DAT011", "neither the decision's nor the ceremony's date",
            "không khớp ngày quyết định, ngày lễ kết nạp"),
)
CATALOGUE = {p.key: p for p in PROBLEMS}


def words(lang: str) -> dict[str, str]:
    """Each problem's words in `lang`, for the messages."""
    return {p.key: p.en if lang == "en" else p.vi for p in PROBLEMS}
