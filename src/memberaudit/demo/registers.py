"""Demo files laid out like the two layouts boards keep besides their own lists: the official register
(Sổ danh sách đảng viên, Mẫu 7-HSĐV) and the party database's import/export file (HD38-HD/BTCTW).

Invented people only. The register has what registers have: three title lines (the branch only in the
title), fourteen numbered columns with a numbering row, several facts per cell one per line, the card
and lý lịch numbers one digit per cell under one merged header, exits written as dates with their place
or reason on a second line, a probationary member without a card, a signature footer and a hidden working
copy. The database file has its title and export-date rows, a two-row header with a group title over
sub-columns, decorated headers, an internal UUID column, 12-digit cards and ids as text with leading zeros.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

REGISTER_HEADER = [
    "Số TT", "HỌ VÀ TÊN\nHọ và tên khai sinh", "Nam, nữ, dân tộc, tôn giáo", "QUÊ QUÁN",
    "Văn hoá, lý luận, CMNV, ngoại ngữ", "Nghề nghiệp trước khi vào Đảng, nghề nghiệp hiện nay",
    "Ngày vào Đảng, ngày chính thức", "Số thẻ đảng viên, số lý lịch đảng viên", *[None] * 7,
    "Bộ đội, công an, hưu trí", "Ngày chuyển đi, đến đảng bộ cơ sở", "Ngày chuyển đến, ở đảng bộ cơ sở nào đến",
    "Ngày từ trần\nLý do", "Ngày ra khỏi Đảng, hình thức ra khỏi Đảng", "Ghi chú",
]
REGISTER_NUMBERS = [*range(1, 9), *[None] * 7, *range(9, 15)]
# (name, birth, sex, ethnicity, religion, hometown, education, occupation before/now, admitted, official,
#  card, lý lịch, transferred out (date, place), died (date, reason), note)
REGISTER_MEMBERS = [
    ("Đinh Văn Khoa", date(1958, 4, 2), "Nam", "Kinh", "Không", "Hà Nội", "10/10\nTrung cấp", "Công nhân\nHưu trí",
     date(1984, 5, 19), date(1985, 5, 19), "21000101", "31000101", None, None, ""),
    ("Mai Thị Xuân", date(1972, 9, 14), "Nữ", "Tày", "Không", "Cao Bằng", "12/12\nSơ cấp\nĐại học",
     "Giáo viên\nGiáo viên", date(1999, 3, 26), date(2000, 3, 26), "21000102", "31000102", None, None, ""),
    ("Tạ Quang Huy", date(1965, 1, 30), "Nam", "Kinh", "Công giáo", "Nam Định", "10/10", "Bộ đội\nHưu trí",
     date(1986, 12, 22), date(1987, 12, 22), "21000103", "31000103", None, None, ""),
    ("Kiều Thị Ngân", date(1980, 6, 8), "Nữ", "Kinh", "Phật giáo", "Hà Tây", "12/12\nCao cấp\nThạc sĩ",
     "Cán bộ\nCông chức", date(2005, 2, 3), date(2006, 2, 3), "21000104", "31000104",
     (date(2026, 8, 20), "Đảng bộ phường Dịch Vọng"), None, ""),  # transferred out: an exit written as a date
    ("Lương Văn Phú", date(1940, 11, 11), "Nam", "Mường", "Không", "Hòa Bình", "7/10", "Nông dân\nHưu trí",
     date(1963, 1, 9), date(1964, 1, 9), "21000105", "31000105", None, (date(2026, 5, 2), "Ốm"), ""),  # died
    ("Châu Ngọc Hân", date(1999, 2, 17), "Nữ", "Hoa", "Không", "TP. Hồ Chí Minh", "12/12\nĐại học",
     "Sinh viên\nNhân viên doanh nghiệp", date(2026, 4, 10), None, "", "31000106", None, None, "Dự bị"),  # DAT010
    ("Quách Văn Lợi", date(1975, 7, 7), "Nam", "Kinh", "Không", "Thanh Hóa", "12/12\nTrung cấp",
     "Công nhân\nCông nhân", date(2001, 9, 2), date(2002, 9, 2), "21000107", "31000107", None, None, ""),
]
REGISTER_UNIT = "CHI BỘ TỔ DÂN PHỐ SỐ 9"


def _digits(card: str, record: str) -> list[str | None]:
    """The card and lý lịch numbers one digit per cell, the card's digit over the lý lịch's."""
    cells = []
    for i in range(8):
        top, bottom = card[i] if i < len(card) else "", record[i] if i < len(record) else ""
        cells.append(f"{top}\n{bottom}" if top or bottom else None)
    return cells


def _d(day: date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def write_register(path: Path) -> Path:
    """The register of one branch of the ward committee, kept as Mẫu 7-HSĐV."""
    import openpyxl
    from openpyxl.styles import Alignment, Font

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "So DSDV"
    for line in ("ĐẢNG BỘ PHƯỜNG LÁNG THƯỢNG", REGISTER_UNIT, "SỔ DANH SÁCH ĐẢNG VIÊN"):
        ws.append([line])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
    ws.append(REGISTER_HEADER)
    ws.append(REGISTER_NUMBERS)
    for i, m in enumerate(REGISTER_MEMBERS, 1):
        (name, birth, sex, ethnic, religion, home, education, occupation, admitted, official, card, record,
         moved, died, note) = m
        ws.append([i, f"{name}\n{_d(birth)}", f"{sex}\n{ethnic}\n{religion}", home, education, occupation,
                   "\n".join(filter(None, (_d(admitted), _d(official)))), *_digits(card, record),
                   "Hưu trí" if "Hưu trí" in occupation else None,
                   f"{_d(moved[0])}\n{moved[1]}" if moved else None, None,
                   f"{_d(died[0])}\n{died[1]}" if died else None, None, note or None])
    for row in ws.iter_rows(min_row=4):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.merge_cells("H4:O4")
    ws.merge_cells("H5:O5")
    ws.append([None, f"Tổng số: {len(REGISTER_MEMBERS)} đảng viên"])
    ws.append([None, None, None, None, "T/M CHI ỦY"])
    ws.append([None, None, None, None, "BÍ THƯ"])
    copy = wb.create_sheet("Ban sao")  # a hidden working copy: skipped with a note
    for row in ws.iter_rows(values_only=True):
        copy.append(list(row))
    copy.sheet_state = "hidden"
    wb.save(path)
    return path


DATABASE_HEADER = [
    ["STT", "ID (UUID)", "Họ và tên *", "Sinh ngày * (dd/mm/yyyy)", "Giới tính *", "Nơi đăng ký khai sinh", None, None,
     "Số định danh cá nhân *", "Số thẻ Đảng* (12 số theo HD38-HD/BTCTW)", "Tổ chức Đảng đang sinh hoạt * (không sửa)",
     "Ngày vào Đảng* (dd/mm/yyyy)", "Ngày vào Đảng chính thức* (dd/mm/yyyy)", "Trạng thái hoạt động",
     "Ngày rời khỏi/ Ngày mất/ Ngày miễn sinh hoạt Đảng"],
    [None, None, None, None, None, "Quốc gia", "Tỉnh", "Chi tiết", None, None, None, None, None, None, None],
]
DATABASE_UNIT = "Chi bộ Khu dân cư số 7"
# (name, birth, sex, province, national id, card, admitted, official, status, date)
DATABASE_MEMBERS = [
    ("Âu Văn Thịnh", date(1969, 3, 21), "Nam", "Hà Nội", "001069004521", "000121000201", date(1993, 2, 3),
     date(1994, 2, 3), "Đang sinh hoạt Đảng", None),
    ("Giáp Thị Thoa", date(1977, 12, 5), "Nữ", "Bắc Giang", "024177004522", "000121000202", date(2004, 5, 19),
     date(2005, 5, 19), "Đang sinh hoạt Đảng", None),
    ("Khổng Minh Đạt", date(1983, 8, 30), "Nam", "Hà Nội", "001083004523", "000121000203", date(2010, 9, 2),
     date(2011, 9, 2), "Miễn sinh hoạt", date(2026, 1, 15)),
    ("Ứng Thị Hằng", date(1952, 2, 14), "Nữ", "Hải Dương", "030152004524", "000121000204", date(1975, 4, 30),
     date(1976, 4, 30), "Đã mất", date(2026, 6, 12)),
    ("Lã Văn Trung", date(1990, 10, 10), "Nam", "Nghệ An", "040090004525", "000121000205", date(2016, 7, 1),
     date(2017, 7, 1), "Đang sinh hoạt Đảng", None),
]


def write_database_file(path: Path) -> Path:
    """One branch's members as the party database exports them for import ("File nhập liệu")."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "DanhSachDangVien"
    ws.append(["FILE NHẬP LIỆU THÔNG TIN ĐẢNG VIÊN (HD38-HD/BTCTW)"])
    ws.append(["Ngày xuất dữ liệu: 15/11/2026"])
    for line in DATABASE_HEADER:
        ws.append(line)
    for i, (name, birth, sex, province, nid, card, admitted, official, status, when) in enumerate(DATABASE_MEMBERS, 1):
        ws.append([i, f"7d3c{i:04d}-5a1e-4b7f-9c2d-00000000{i:04d}", name, _d(birth), sex, "Việt Nam", province, None,
                   nid, card, DATABASE_UNIT, _d(admitted), _d(official), status, _d(when) or None])
    ws.merge_cells("F3:H3")
    for column in "ABCDEIJKLMNO":
        ws.merge_cells(f"{column}3:{column}4")
    for cell in ws["I"][4:] + ws["J"][4:]:
        cell.number_format = "@"  # ids as text: their leading zeros stay
    wb.save(path)
    return path
