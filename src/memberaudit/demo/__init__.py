"""A realistic demo data set: three committee workbooks laid out like real ones, a branch register kept as
Mẫu 7-HSĐV and a party-database file (`registers`), plus a targets CSV.

Deterministic (seeded), dated for an audit as of 2026-11-30, and planted so that every rule fires at least
once. The workbooks have what real ones have: title rows, STT columns, Vietnamese headers, text dates, a
merged two-row month header, signature footers, one file saved in NFD Unicode, a CSV with a BOM.
"""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý"]
_MIDDLE_M = ["Văn", "Hữu", "Đức", "Quang", "Minh", "Xuân", "Thành", "Công"]
_MIDDLE_F = ["Thị", "Ngọc", "Thu", "Thanh", "Minh", "Hồng", "Kim"]
_GIVEN_M = ["An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khánh", "Long", "Nam", "Phúc", "Quân", "Sơn", "Tuấn", "Việt"]
_GIVEN_F = ["Anh", "Chi", "Dung", "Hà", "Hạnh", "Hoa", "Lan", "Linh", "Mai", "Nga", "Phương", "Thảo", "Trang", "Yến"]


@dataclass
class Member:
    member_id: str
    full_name: str
    birth: date | str
    gender: str
    occupation: str
    unit: str
    admitted: date | str
    official: date | None
    status: str = ""
    national_id: str = ""
    residence_unit: str | None = None
    ethnicity: str = "Kinh"
    religion: str = "Không"
    phone: object = ""
    education: str | None = None
    qualification: str | None = None
    theory: str | None = None
    transferred_in: date | None = None
    left_work: date | None = None
    exempt_from: date | None = None
    exempt_to: date | None = None
    marks: dict[int, str] = field(default_factory=dict)  # month → attendance mark
    dues: dict[int, object] = field(default_factory=dict)  # month → amount or mark ("" = empty cell)
    ratings: dict[int, str] = field(default_factory=dict)


@dataclass
class Committee:
    name: str
    file: str
    units: list[tuple[str, str]]  # (branch, kind)
    occupations: list[str]
    month_style: str  # "two_row", "T", "thang_year"
    nfd: bool = False
    members: list[Member] = field(default_factory=list)
    transfers: list[tuple] = field(default_factory=list)
    candidates: list[list] = field(default_factory=list)  # rows of the "Đối tượng kết nạp" sheet
    comments: list[list] = field(default_factory=list)  # rows of the "Nhận xét nơi cư trú" sheet
    discipline: list[list] = field(default_factory=list)  # rows of the "Kỷ luật" sheet


def _person(rng: random.Random, female: bool) -> str:
    if female:
        return f"{rng.choice(_FAMILY)} {rng.choice(_MIDDLE_F)} {rng.choice(_GIVEN_F)}"
    return f"{rng.choice(_FAMILY)} {rng.choice(_MIDDLE_M)} {rng.choice(_GIVEN_M)}"


def _committees() -> list[Committee]:
    return [
        Committee("Đảng bộ Phường Láng Thượng", "dang-bo-phuong-lang-thuong.xlsx",
                  [("Chi bộ Tổ dân phố số 1", "Tổ dân phố"), ("Chi bộ Tổ dân phố số 2", "Tổ dân phố"),
                   ("Chi bộ Khu dân cư Chùa Láng", "Khu dân cư"), ("Chi bộ Khu dân cư Nam Thành Công", "Khu dân cư")],
                  ["Hưu trí", "Tự do", "Người lao động trong doanh nghiệp", "Cán bộ, công chức, viên chức"], "two_row"),
        Committee("Đảng bộ Trường Đại học Giao thông", "dang-bo-truong-dh-giao-thong.xlsx",
                  [("Chi bộ Khoa Công trình", "Trường học"), ("Chi bộ Khoa Cơ khí", "Trường học"),
                   ("Chi bộ Phòng Tổ chức - Hành chính", "Cơ quan"), ("Chi bộ Sinh viên", "Trường học")],
                  ["Giảng viên", "Cán bộ, công chức, viên chức", "Học sinh, sinh viên"], "T"),
        Committee("Đảng bộ Công ty Cổ phần Xây dựng Thăng Long", "dang-bo-cong-ty-thang-long.xlsx",
                  [("Chi bộ Phòng Kỹ thuật", "Doanh nghiệp"), ("Chi bộ Xí nghiệp số 1", "Doanh nghiệp"),
                   ("Chi bộ Ban Giám đốc", "Doanh nghiệp"), ("Chi bộ Đội thi công số 3", "Doanh nghiệp")],
                  ["Người lao động trong doanh nghiệp", "Công nhân"], "thang_year", nfd=True),
    ]


def build(seed: int = 2026) -> list[Committee]:
    """The demo committees with their members, marks, dues, ratings and transfers (planted cases included)."""
    rng = random.Random(seed)
    committees = _committees()
    serial = 1000
    for ci, committee in enumerate(committees):
        for ui, (unit, _) in enumerate(committee.units):
            size = 4 if (ci, ui) == (2, 2) else rng.randint(9, 14)
            for k in range(size):
                serial += 1
                female = rng.random() < 0.45
                birth = date(rng.randint(1950, 2000), rng.randint(1, 12), rng.randint(1, 28))
                admitted = birth + timedelta(days=365 * rng.randint(20, 40) + rng.randint(0, 300))
                if k == 0 and (ci, ui) != (0, 3):
                    birth = birth.replace(year=rng.randint(1975, 2000))
                    admitted = date(2024, rng.randint(1, 9), rng.randint(1, 28))  # every branch admits, but one
                if admitted > date(2026, 6, 1):
                    admitted = date(2026, rng.randint(1, 5), rng.randint(1, 28))
                if (ci, ui) == (0, 3):
                    admitted = min(admitted, date(2019, 5, 1) + timedelta(days=k))
                official = admitted.replace(year=admitted.year + 1) if admitted < date(2025, 10, 1) else None
                member = Member(
                    member_id=f"{(ci + 1) * 10:02d}.{serial:06d}", full_name=_person(rng, female), birth=birth,
                    gender="Nữ" if female else "Nam", occupation=rng.choice(committee.occupations), unit=unit,
                    admitted=admitted, official=official, status="" if official is None else "Chính thức",
                    # a citizen id as issued: Hà Nội (001), century and sex, the birth year's last two digits
                    national_id=f"001{int(female) + 2 * (birth.year >= 2000)}{birth.year % 100:02d}"
                                f"{rng.randint(0, 999999):06d}",
                    phone=f"09{rng.randint(0, 99_999_999):08d}",
                    education=rng.choice(["12/12", "12/12", "12/12", "10/10", "9/12"]),
                    qualification=rng.choice(["Đại học", "Đại học", "Thạc sĩ", "Cao đẳng", "Trung cấp", None]),
                    theory=rng.choice(["Sơ cấp", "Sơ cấp", "Trung cấp", "Cao cấp", None]),
                )
                for month in range(1, 12):
                    member.marks[month] = rng.choices(["x", "x", "x", "x", "x", "P"], k=1)[0]
                    member.dues[month] = rng.choice([30000, 50000, 75000, 100000])
                member.ratings = {2024: rng.choice(["HTTNV", "HTTNV", "HTXSNV", "HTNV"]),
                                  2025: rng.choice(["HTTNV", "HTTNV", "HTXSNV", "HTNV"])}
                if admitted.year >= 2025:
                    member.ratings.pop(2024)
                if admitted.year >= 2026:
                    member.ratings.clear()
                committee.members.append(member)
    _plant(committees, rng)
    return committees


def _plant(committees: list[Committee], rng: random.Random) -> None:
    """Plant one clear case of every rule, with the real-world untidiness that goes with it."""
    ward, school, company = committees
    m = ward.members
    m[1].marks.update({2: "K", 5: "vkp", 8: "Vắng không lý do"})  # ATT001
    m[2].dues.update({6: "", 7: 0, 8: "nợ"})  # DUE001
    m[3].ratings = {2024: "KHTNV", 2025: "Không hoàn thành nhiệm vụ"}  # RAT001
    m[4].admitted, m[4].official, m[4].status = date(2025, 6, 10), None, "Dự bị"  # PRB001
    m[5].admitted, m[5].official = date(2024, 3, 10), date(2025, 1, 15)  # PRB002
    m[6].status, m[6].exempt_from = "Tạm miễn sinh hoạt", date(2025, 1, 1)  # EXM001
    m[6].marks.update({3: "M", 4: "M"})
    m[7].ratings.pop(2025, None)  # RAT002
    m[8].admitted, m[8].official = date(1996, 12, 19), date(1997, 12, 19)  # MIL001 (30 years on 19/12/2026)
    m[9].full_name = ""  # DAT001
    m[10].birth = "31/02/1980"  # DAT002
    m[11].marks[9] = "nghỉ"  # DAT005 (unknown mark: excused or not?)
    m[12].birth = "1962"  # DAT007 (partial date)
    for member in (x for x in m if x.unit == "Chi bộ Tổ dân phố số 2"):
        member.marks.pop(7, None)  # STR002: July without a meeting
    s = school.members
    s[0].birth, s[0].admitted, s[0].official = date(2008, 6, 20), date(2026, 3, 1), None  # PRB003 (17 y 8 m)
    s[0].occupation, s[0].status = "Học sinh, sinh viên", "Dự bị"
    s[1].left_work = date(2025, 12, 31)  # TRF002 (retired, still in a school branch)
    s[1].occupation = "Hưu trí"
    s[1].unit = "Chi bộ Phòng Tổ chức - Hành chính"
    s[2].birth, s[2].admitted = date(1990, 4, 12), date(1989, 1, 1)  # DAT003
    school.members.append(Member(**{**s[3].__dict__, "marks": dict(s[3].marks), "dues": dict(s[3].dues),
                                    "ratings": dict(s[3].ratings)}))  # DAT004: the same row typed twice
    school.transfers += [
        (s[4].member_id, s[4].full_name, "Chính thức", s[4].unit, "Đảng bộ Phường Dịch Vọng",
         date(2026, 9, 1), None, None, "Chuyển nơi cư trú"),  # TRF001
        (s[5].member_id, s[5].full_name, "Tạm thời", s[5].unit, "Chi bộ Viện Nghiên cứu",
         date(2025, 1, 10), date(2025, 1, 20), date(2025, 12, 31), "Học tập"),  # TRF003
        (s[6].member_id, s[6].full_name, "Chính thức", s[6].unit, "Chi bộ Khoa Cơ khí",
         date(2026, 2, 2), date(2026, 2, 9), None, "Điều động công tác"),
    ]
    s[7].birth, s[7].admitted, s[7].official = date(1960, 5, 5), date(1986, 12, 20), date(1987, 12, 20)  # MIL001
    c = company.members
    c.append(Member(**{**ward.members[13].__dict__, "unit": company.units[0][0], "marks": {}, "dues": {},
                       "ratings": {}}))  # TRF004: registered in the ward and in the company
    c[5].marks[10] = "x"
    company.transfers.append(("99.999999", "Không Có Tên", "Chính thức", company.units[1][0], "Chi bộ Khác",
                              date(2026, 3, 3), date(2026, 3, 10), None, "Chuyển công tác"))  # DAT006
    for member in [x for x in c if x.unit == company.units[2][0]][1:3]:  # STR001: two of four probationary
        member.admitted, member.official, member.status = date(2026, 3, 2), None, "Dự bị"
    for member in c:
        if member.occupation == "Học sinh, sinh viên":
            member.occupation = "Công nhân"
    for committee in committees:  # planted births and sexes: the ids say the same (DAT009 only where planted)
        for member in committee.members:
            member.national_id = _citizen_id(member)
    m[15].national_id = m[15].national_id[1:]  # DAT008: Excel kept it as a number, the leading 0 went
    m[16].gender = "Nữ" if m[16].gender == "Nam" else "Nam"  # DAT009: the id's sex digit says otherwise
    _plant_data_gaps([x for x in m if x.unit == "Chi bộ Khu dân cư Chùa Láng"], rng)
    # the statistics forms: a member gone on no known date (D = A + B − C does not hold, and says who), one
    # transferred in this year
    [x for x in m if x.unit == "Chi bộ Khu dân cư Nam Thành Công"][-1].status = "Từ trần"
    c[7].transferred_in = date(2026, 4, 15)
    _plant_pipeline(committees, rng)


def _plant_pipeline(committees: list[Committee], rng: random.Random) -> None:
    """Admissions on the way (the school's candidates), members working far from home (Quy định 213: the
    company's and the school's residence branches, the company's comments for 2025) and discipline (the ward)."""
    ward, school, company = committees
    for committee in (school, company):
        for i, member in enumerate(committee.members):
            member.residence_unit = f"Chi bộ Tổ dân phố số {i % 9 + 1}, phường Láng Thượng"
    company.members[2].residence_unit = company.members[3].residence_unit = None  # RES001
    [x for x in school.members if x.occupation == "Giảng viên"][-1].residence_unit = None  # RES001
    company.comments = [[m.member_id, m.full_name, 2025, "Gương mẫu, tham gia tốt sinh hoạt khu dân cư"]
                        for m in company.members if m.residence_unit and m is not company.members[4]]  # RES002
    officials = [m for m in school.members if m.status == "Chính thức" and isinstance(m.admitted, date)
                 and m.admitted < date(2020, 1, 1)]
    first, second = officials[0].member_id, officials[1].member_id
    probationary = school.members[0]  # admitted 01/03/2026, still probationary
    unit = school.units[3][0]
    school.candidates = [
        # name, birth, sex, occupation, branch, class, applied, introducer 1, 2, resolution, decision, ceremony
        ["Phan Minh Khôi", date(2003, 5, 12), "Nam", "Học sinh, sinh viên", unit, date(2025, 9, 20),
         date(2025, 10, 1), first, second, date(2026, 1, 5), None, None],  # ADM001
        ["Trịnh Thu Hà", date(2002, 11, 3), "Nữ", "Học sinh, sinh viên", unit, date(2025, 11, 15),
         date(2025, 12, 1), first, second, date(2026, 6, 10), date(2026, 9, 1), None],  # ADM002
        ["Lâm Quốc Bảo", date(2001, 2, 14), "Nam", "Học sinh, sinh viên", unit, date(2025, 3, 8),
         date(2025, 6, 1), None, None, None, None, None],  # ADM003
        ["Hồ Ngọc Diệp", date(2004, 7, 22), "Nữ", "Học sinh, sinh viên", unit, date(2026, 3, 1),
         date(2026, 4, 1), first, probationary.member_id, date(2026, 10, 20), None, None],  # ADM004
        ["Mai Gia Huy", date(2008, 9, 1), "Nam", "Học sinh, sinh viên", unit, date(2026, 3, 1),
         date(2026, 4, 1), first, second, date(2026, 8, 1), date(2026, 9, 15), None],  # ADM005 (and ADM002)
        [probationary.full_name, probationary.birth, probationary.gender, "Học sinh, sinh viên", probationary.unit,
         date(2025, 10, 1), date(2025, 11, 1), first, second, date(2026, 1, 20), date(2026, 2, 10),
         date(2026, 2, 20)],  # on the members list: closed, its admission date differs (DAT011)
        ["Đinh Thảo Vy", date(2003, 1, 30), "Nữ", "Giảng viên", school.units[0][0], date(2026, 4, 10),
         date(2026, 5, 5), first, second, date(2026, 10, 1), date(2026, 11, 10), None],  # due by the year end
    ]
    m = ward.members
    ward.discipline = [
        [m[8].member_id, m[8].full_name, date(2026, 9, 1), "Cảnh cáo", "Vi phạm quy định về sinh hoạt"],  # withheld
        [m[1].member_id, m[1].full_name, date(2025, 12, 15), "Khiển trách", "Không tham gia sinh hoạt"],
    ]


def _plant_data_gaps(members: list[Member], rng: random.Random) -> None:
    """One branch whose data a database campaign has not reached (`memberaudit quality` ranks it last):
    ids not entered, an old CMND, ids and phones Excel kept as numbers, religions and phones not asked."""
    members[0].national_id = ""  # missing
    members[1].national_id = f"{rng.randint(10**8, 10**9 - 1)}"  # 9 digits: an old CMND
    members[2].national_id = int(members[2].national_id)  # the leading 0 lost (DAT008)
    members[3].phone = int(members[3].phone)  # 9 digits: the leading 0 lost
    for member in members[4:7]:
        member.phone, member.religion = "", ""
    members[7].ethnicity = "Tày"
    members[8].religion = "Phật giáo"


def _citizen_id(member: Member) -> str:
    """The member's id with its century-and-sex digit and birth year as the record has them."""
    year = member.birth.year if isinstance(member.birth, date) else int(str(member.birth)[-4:])
    female = member.gender == "Nữ"
    return f"001{int(female) + 2 * (year >= 2000)}{year % 100:02d}{member.national_id[-6:]}"


def _fmt(value, rng: random.Random):
    """Dates as people type them: mostly dd/mm/yyyy text, some real Excel dates, a few serial numbers."""
    if isinstance(value, date):
        roll = rng.random()
        if roll < 0.7:
            return value.strftime("%d/%m/%Y")
        if roll < 0.93:
            return datetime(value.year, value.month, value.day)
        return (value - date(1899, 12, 30)).days
    return value


def _sheet(wb, title: str, titles: list[str], header: list[list], rows: list[list], *, footer: bool, nfd: bool,
           merges: tuple[str, ...] = ()):
    from openpyxl.styles import Alignment, Font

    ws = wb.create_sheet(title)
    text = (lambda v: unicodedata.normalize("NFD", v) if isinstance(v, str) else v) if nfd else (lambda v: v)
    for line in titles:
        ws.append([text(line)])
        ws.cell(ws.max_row, 1).font = Font(bold=True)
    ws.append([])
    for line in header:
        ws.append([text(v) for v in line])
        for cell in ws[ws.max_row]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(horizontal="center", wrap_text=True)
    for i, row in enumerate(rows, 1):
        ws.append([i, *[text(v) for v in row]])
    for ref in merges:
        ws.merge_cells(ref)
    if footer:
        ws.append([text(f"Tổng cộng: {len(rows)}")])
        ws.append([])
        ws.append([None, text("NGƯỜI LẬP BIỂU"), None, None, text("T/M CHI BỘ")])
        ws.append([None, None, None, None, text("BÍ THƯ")])
    ws.column_dimensions["C"].width = 26
    return ws


def _month_header(style: str, months: int = 12) -> tuple[list[list], tuple[str, ...]]:
    """The month columns (from column D) in one of the layouts real sheets use."""
    base = ["STT", "Số thẻ đảng viên", "Họ và tên"]
    if style == "two_row":
        from openpyxl.utils import get_column_letter

        last = get_column_letter(3 + months)
        return [[*base, "Tháng", *[None] * (months - 1)], [None, None, None, *range(1, months + 1)]], (
            f"D5:{last}5", "A5:A6", "B5:B6", "C5:C6")
    if style == "T":
        return [[*base, *[f"T{m}" for m in range(1, months + 1)]]], ()
    return [[*base, *[f"Tháng {m}/2026" for m in range(1, months + 1)]]], ()


def write_workbook(committee: Committee, path: Path, rng: random.Random) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    nfd = committee.nfd
    head = ["ĐẢNG BỘ QUẬN ĐỐNG ĐA", committee.name.upper()]
    members = committee.members
    residence = any(m.residence_unit for m in members)
    _sheet(wb, "Danh sách đảng viên", [*head, "DANH SÁCH ĐẢNG VIÊN", "Năm 2026"],
           [["STT", "Số thẻ đảng viên", "Họ và tên", "Ngày sinh", "Giới tính", "Nghề nghiệp", "Chi bộ",
             "Ngày vào Đảng", "Ngày chính thức", "Trạng thái", "Số CCCD", "Ngày nghỉ hưu",
             "Miễn sinh hoạt từ ngày", "Miễn sinh hoạt đến ngày", "Dân tộc", "Tôn giáo", "Số điện thoại",
             "Trình độ học vấn", "Chuyên môn nghiệp vụ", "Lý luận chính trị", "Đoàn viên", "Ngày chuyển đến",
             *(["Chi bộ nơi cư trú"] if residence else [])]],
           [[m.member_id, m.full_name or None, _fmt(m.birth, rng), m.gender, m.occupation, m.unit,
             _fmt(m.admitted, rng), _fmt(m.official, rng), m.status or None, m.national_id or None,
             _fmt(m.left_work, rng), _fmt(m.exempt_from, rng), _fmt(m.exempt_to, rng), m.ethnicity,
             m.religion or None, m.phone or None, m.education, m.qualification, m.theory,
             "x" if isinstance(m.birth, date) and m.birth.year > 1996 else None, _fmt(m.transferred_in, rng),
             *([m.residence_unit] if residence else [])]
            for m in members],
           footer=True, nfd=nfd)
    header, merges = _month_header(committee.month_style)
    attendance_rows = [[m.member_id, m.full_name, *[m.marks.get(k) for k in range(1, 13)]] for m in members]
    if committee is not None and committee.month_style == "two_row":
        attendance_rows.append(["10.099999", "Người Lạ", "x", "x", None, None, None, None, None, None, None, None,
                                None, None])  # DAT006
    _sheet(wb, "Sinh hoạt 2026", [*head, "SỔ THEO DÕI SINH HOẠT CHI BỘ NĂM 2026"], header, attendance_rows,
           footer=True, nfd=nfd, merges=tuple(r.replace("5", str(len(head) + 3)).replace("6", str(len(head) + 4))
                                             if committee.month_style == "two_row" else r for r in merges))
    header, merges = _month_header("T" if committee.month_style == "two_row" else committee.month_style)
    _sheet(wb, "Đảng phí 2026", [*head, "SỔ THU ĐẢNG PHÍ NĂM 2026"], header,
           [[m.member_id, m.full_name, *[(m.dues.get(k) if m.dues.get(k) != "" else None) for k in range(1, 13)]]
            for m in members], footer=True, nfd=nfd)
    _sheet(wb, "Xếp loại", [*head, "KẾT QUẢ XẾP LOẠI CHẤT LƯỢNG ĐẢNG VIÊN"],
           [["STT", "Số thẻ đảng viên", "Họ và tên", "Năm 2024", "Năm 2025"]],
           [[m.member_id, m.full_name, m.ratings.get(2024), m.ratings.get(2025)] for m in members if m.ratings],
           footer=True, nfd=nfd)
    _sheet(wb, "Chuyển sinh hoạt", [*head, "THEO DÕI CHUYỂN SINH HOẠT ĐẢNG"],
           [["STT", "Số thẻ đảng viên", "Họ và tên", "Hình thức", "Từ chi bộ", "Đến chi bộ", "Ngày cấp giấy",
             "Ngày tiếp nhận", "Đến ngày", "Lý do"]],
           [[t[0], t[1], t[2], t[3], t[4], _fmt(t[5], rng), _fmt(t[6], rng), _fmt(t[7], rng), t[8]]
            for t in committee.transfers], footer=False, nfd=nfd)
    _sheet(wb, "Chi bộ", [*head, "DANH SÁCH CHI BỘ TRỰC THUỘC"], [["STT", "Tên chi bộ", "Đảng bộ", "Loại hình"]],
           [[unit, committee.name, kind] for unit, kind in committee.units], footer=False, nfd=nfd)
    if committee.candidates:
        _sheet(wb, "Đối tượng kết nạp", [*head, "DANH SÁCH QUẦN CHÚNG ƯU TÚ, ĐỐI TƯỢNG KẾT NẠP ĐẢNG", "Năm 2026"],
               [["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Nghề nghiệp", "Chi bộ",
                 "Ngày cấp giấy chứng nhận lớp bồi dưỡng nhận thức về Đảng", "Ngày làm đơn",
                 "Người giới thiệu thứ nhất", "Người giới thiệu thứ hai", "Ngày nghị quyết chi bộ",
                 "Ngày quyết định kết nạp", "Ngày lễ kết nạp"]],
               [[_fmt(v, rng) for v in row] for row in committee.candidates], footer=True, nfd=nfd)
    if committee.comments:
        _sheet(wb, "Nhận xét nơi cư trú", [*head, "NHẬN XÉT CỦA CHI ỦY NƠI CƯ TRÚ ĐỐI VỚI ĐẢNG VIÊN"],
               [["STT", "Số thẻ đảng viên", "Họ và tên", "Năm", "Nội dung nhận xét"]], committee.comments,
               footer=False, nfd=nfd)
    if committee.discipline:
        _sheet(wb, "Kỷ luật", [*head, "DANH SÁCH ĐẢNG VIÊN BỊ THI HÀNH KỶ LUẬT"],
               [["STT", "Số thẻ đảng viên", "Họ và tên", "Ngày quyết định", "Hình thức kỷ luật", "Lý do"]],
               [[r[0], r[1], _fmt(r[2], rng), r[3], r[4]] for r in committee.discipline], footer=False, nfd=nfd)
    wb.save(path)


def write_demo(directory: str | Path, seed: int = 2026) -> list[Path]:
    """Write the demo workbooks and the targets CSV into `directory`; return the files written."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed + 1)
    written = []
    committees = build(seed)
    for committee in committees:
        path = directory / committee.file
        write_workbook(committee, path, rng)
        written.append(path)
    from memberaudit.demo.registers import write_database_file, write_register

    written.append(write_register(directory / "so-danh-sach-dang-vien-to-dan-pho-9.xlsx"))
    written.append(write_database_file(directory / "file-nhap-lieu-csdl-khu-dan-cu-7.xlsx"))
    targets = directory / "chi-tieu-ket-nap.csv"
    lines = ["Đơn vị,Năm,Chỉ tiêu kết nạp"]
    lines += [f"{c.name},2025,4" for c in committees]
    lines += [f"{c.name},2026,{12 if i == 0 else 3}" for i, c in enumerate(committees)]
    targets.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")  # Excel writes CSV with a BOM
    written.append(targets)
    return written
