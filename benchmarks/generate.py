"""Generate city-scale benchmark inputs laid out like the demo workbooks.

    python benchmarks/generate.py --workbooks 50 --members 10000 --out benchmarks/data/city
    python benchmarks/generate.py --workbooks 1 --members 10000 --register --out benchmarks/data/register
    python benchmarks/generate.py --parquet 5300000 --out benchmarks/data/national
    python benchmarks/generate.py --parquet 5300000 --tidy --out benchmarks/data/national-tidy

Workbooks have title rows, a members sheet, wide 12-month attendance and dues sheets, two years of ratings,
transfers and units; written with xlsxwriter's constant-memory mode, several files in parallel. `--register`
writes the members as the official register (Mẫu 7-HSĐV) lays them out instead: a numbering row, name and
birth date in one cell, sex/ethnicity/religion in one, the card number a digit per cell, the branch in the
title. The Parquet set is shaped like the party database's export: members with an STT column, gender,
status, residence text, ethnicity, religion, dates as Datetime and no committee column (committees come
from a units table, 25 members a branch), ratings as a long table (two years), wide attendance and dues as
text, and transfers (one member in 25); `--tidy` writes the earlier tidy shape (eight typed columns, the
committee on every row, attendance and dues only).
"""

from __future__ import annotations

import argparse
import os
import random
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta
from pathlib import Path

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Hà", "Hải", "Lan", "Linh", "Minh", "Nam", "Phương", "Sơn", "Thảo", "Tuấn"]
OCCUPATIONS = ["Hưu trí", "Cán bộ, công chức, viên chức", "Người lao động trong doanh nghiệp", "Công nhân",
               "Học sinh, sinh viên", "Giáo viên", "Tự do", "Nông dân"]
KINDS = ["Tổ dân phố", "Khu dân cư", "Cơ quan", "Doanh nghiệp", "Trường học"]
MARKS = ["x"] * 36 + ["P", "K", "cp", "vkp"]


def _members(rng: random.Random, committee: int, count: int):
    branches = max(count // 40, 1)
    for i in range(count):
        birth = date(1940, 1, 1) + timedelta(days=rng.randint(0, 365 * 62))
        admitted = birth + timedelta(days=365 * rng.randint(18, 45) + rng.randint(0, 364))
        admitted = min(admitted, date(2026, 10, 1))
        official = admitted + timedelta(days=366) if admitted < date(2025, 10, 1) else None
        yield (f"{committee:02d}.{i:06d}", f"{rng.choice(FAMILY)} Văn {rng.choice(GIVEN)}", birth,
               f"Chi bộ {committee}-{i % branches + 1}", admitted, official, rng.choice(OCCUPATIONS),
               sex := "Nam" if rng.random() < 0.55 else "Nữ",
               # a citizen id as issued: Hà Nội, the century and sex digit, the birth year, a serial
               f"001{int(sex == 'Nữ') + 2 * (birth.year >= 2000)}{birth.year % 100:02d}"
               f"{(committee * count + i) % 1_000_000:06d}")


def write_workbook(job: tuple[Path, int, int]) -> Path:
    import xlsxwriter

    path, committee, count = job
    rng = random.Random(committee)
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    bold = wb.add_format({"bold": True})
    members = list(_members(rng, committee, count))
    title = [f"ĐẢNG BỘ SỐ {committee}", "DANH SÁCH ĐẢNG VIÊN", "Năm 2026"]

    def sheet(name, header, rows):
        ws = wb.add_worksheet(name)
        for r, text in enumerate(title):
            ws.write(r, 0, text, bold)
        ws.write_row(len(title) + 1, 0, header, bold)
        start = len(title) + 2
        for r, row in enumerate(rows):
            ws.write_row(start + r, 0, [r + 1, *row])
        ws.write(start + len(rows) + 1, 0, "Tổng cộng")
        ws.write(start + len(rows) + 3, 1, "NGƯỜI LẬP BIỂU")

    fmt = lambda d: d.strftime("%d/%m/%Y") if d else None  # noqa: E731  text dates, as typed
    sheet("Danh sách đảng viên",
          ["STT", "Số thẻ đảng viên", "Họ và tên", "Ngày sinh", "Chi bộ", "Ngày vào Đảng", "Ngày chính thức",
           "Nghề nghiệp", "Giới tính", "Số CCCD"],
          [[m[0], m[1], fmt(m[2]), m[3], fmt(m[4]), fmt(m[5]), m[6], m[7], m[8]] for m in members])
    months = [f"T{k}" for k in range(1, 13)]
    sheet("Sinh hoạt 2026", ["STT", "Số thẻ", "Họ và tên", *months],
          [[m[0], m[1], *[rng.choice(MARKS) if k < 11 else None for k in range(12)]] for m in members])
    sheet("Đảng phí 2026", ["STT", "Số thẻ", "Họ và tên", *months],
          [[m[0], m[1], *[(rng.choice([30000, 50000, 100000]) if rng.random() < 0.97 else rng.choice([0, None]))
                          if k < 11 else None for k in range(12)]] for m in members])
    sheet("Xếp loại", ["STT", "Số thẻ", "Họ và tên", "2024", "2025"],
          [[m[0], m[1], rng.choice(["HTTNV", "HTXSNV", "HTNV"] * 6 + ["KHTNV"]),
            rng.choice(["HTTNV", "HTNV"] * 6 + ["KHTNV"])] for m in members])
    sheet("Chuyển sinh hoạt", ["STT", "Số thẻ", "Họ và tên", "Hình thức", "Từ chi bộ", "Đến chi bộ", "Ngày cấp giấy",
                               "Ngày tiếp nhận", "Đến ngày", "Lý do"],
          [[m[0], m[1], rng.choice(["Chính thức", "Tạm thời"]), m[3], "Nơi khác", fmt(date(2026, rng.randint(1, 10), 5)),
            None, None, "Chuyển nơi cư trú"] for m in members[: count // 50]])
    branches = sorted({m[3] for m in members})
    sheet("Chi bộ", ["STT", "Tên chi bộ", "Đảng bộ", "Loại hình"],
          [[b, f"Đảng bộ số {committee}", KINDS[i % len(KINDS)]] for i, b in enumerate(branches)])
    wb.close()
    return path


def write_parquet(out: Path, members: int, seed: int = 7) -> None:
    """A national export: members, wide attendance and wide dues, as typed Parquet tables."""
    import numpy as np
    import polars as pl

    rng = np.random.default_rng(seed)
    ids = pl.Series("member_id", [f"{i:08d}" for i in range(members)])
    birth_days = rng.integers(-10950, 12000, members)
    admitted_days = np.minimum(birth_days + rng.integers(18 * 365 + 5, 45 * 365, members), 20700)
    birth = pl.Series(birth_days).cast(pl.Date)
    admitted = pl.Series(admitted_days).cast(pl.Date)
    names = pl.Series(rng.choice(FAMILY, members)) + " " + pl.Series(rng.choice(["Văn", "Thị", "Minh", "Ngọc", "Đức",
                                                                                "Thu", "Hữu", "Thanh"], members)) \
        + " " + pl.Series(rng.choice(GIVEN, members))
    units = pl.Series((np.arange(members) // 40).astype(str)).str.replace(r"^", "Chi bộ ")
    frame = pl.DataFrame({
        "Số thẻ đảng viên": ids, "Họ và tên": names, "Ngày sinh": birth,
        "Chi bộ": units, "Đảng bộ": pl.Series((np.arange(members) // 10_000).astype(str)).str.replace(r"^", "Đảng bộ "),
        "Ngày vào Đảng": admitted,
        "Ngày chính thức": pl.Series(np.where(admitted_days < 20300, admitted_days + 366, -99999)).cast(pl.Date)
        .replace(pl.Series([-99999]).cast(pl.Date), None), "Nghề nghiệp": pl.Series(rng.choice(OCCUPATIONS, members)),
    })
    out.mkdir(parents=True, exist_ok=True)
    frame.write_parquet(out / "danh-sach-dang-vien.parquet")
    marks = np.array(MARKS)
    attendance = pl.DataFrame({"Số thẻ": ids, **{f"T{k}/2026": pl.Series(marks[rng.integers(0, len(marks), members)])
                                                 for k in range(1, 12)}})
    attendance.write_parquet(out / "sinh-hoat.parquet")
    dues = pl.DataFrame({"Số thẻ": ids, **{f"T{k}/2026": pl.Series(rng.choice([30000, 50000, 0], members,
                                                                               p=[0.6, 0.39, 0.01]))
                                           for k in range(1, 12)}})
    dues.write_parquet(out / "dang-phi.parquet")


STATUSES = ["Đang sinh hoạt"] * 95 + ["Miễn sinh hoạt"] * 3 + ["Từ trần", "Chuyển đi"]
ETHNICITIES = ["Kinh"] * 17 + ["Tày", "Thái", "Mường"]
RELIGIONS = ["Không"] * 16 + ["Phật giáo", "Công giáo", "Tin lành", "Cao Đài"]
RATING_WORDS = ["Hoàn thành tốt nhiệm vụ"] * 6 + ["Hoàn thành xuất sắc nhiệm vụ"] * 2 + ["Hoàn thành nhiệm vụ",
                                                                                         "Không hoàn thành nhiệm vụ"]
# names with the variety of a national roster (a few thousand members share a name and a birth date, as
# they do): family names, middle names and given names people have
NATIONAL_FAMILY = [*FAMILY, "Dương", "Lý", "Hồ", "Võ", "Đinh", "Trịnh", "Mai", "Lưu", "Phan", "Tạ", "Cao", "Lâm",
                   "Hà", "Tô", "Quách", "Chu", "Đào", "Kiều", "Thái", "Lương"]
MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Đức", "Thu", "Hữu", "Thanh", "Quốc", "Xuân", "Kim", "Bảo", "Gia", "Hoàng",
          "Mạnh", "Anh", "Thế", "Công", "Trung", "Hồng", "Phương", "Tuấn", "Quang", "Diệu", "Khánh", "Hải", "Thúy",
          "Như", "Đình", "Nhật"]
NATIONAL_GIVEN = [*GIVEN, *"""Anh Ánh Bảo Cường Châu Dung Duy Đạt Điệp Đông Giang Hằng Hạnh Hiền Hiếu Hòa Hoàng Hồng
    Huệ Hùng Hưng Hương Huy Khang Khánh Khoa Kiên Lâm Liên Long Lộc Luân Mai Mạnh My Nga Ngân Nghĩa Ngọc Nguyên
    Nhung Oanh Phát Phong Phúc Phượng Quang Quân Quế Quỳnh Sang Tài Tâm Tân Thắng Thanh Thành Thịnh Thoa Thu
    Thủy Tiến Toàn Trang Trí Trung Trường Tú Tùng Uyên Vân Việt Vinh Vũ Xuân Yến Ân Bích Cúc Đào Điền Hậu Hiệp
    Kha Khôi Lợi Lực Mẫn Nhân Nhi Ninh Quyên Sâm Thái Thơ Thuận Tín Trọng Tuệ Tường Vy""".split()]
PLACES = ["001", "031", "079", "048", "092", "040", "038", "036"]  # the provinces' codes in citizen ids
PROVINCES = ["Hà Nội", "TP. Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Nghệ An", "Thanh Hóa", "Nam Định"]


def write_database_export(out: Path, members: int, seed: int = 7) -> None:
    """An export shaped like the party database's: see the module's docstring."""
    import numpy as np
    import polars as pl

    rng = np.random.default_rng(seed)
    per_branch = 25
    branches = max(members // per_branch, 1)

    def pick(words, n):
        return pl.Series(np.array(words)[rng.integers(0, len(words), n)])

    def as_datetime(days):
        return pl.Series(days).cast(pl.Date).cast(pl.Datetime("us"))

    ids = pl.Series("id", np.arange(members, dtype=np.int64) + 10**11).cast(pl.String).str.zfill(12)
    birth_days = rng.integers(-10950, 12000, members)
    admitted_days = np.minimum(birth_days + rng.integers(18 * 365 + 5, 45 * 365, members), 20700)
    official_days = np.where(admitted_days < 20300, admitted_days + 366, -99999)
    branch = np.arange(members) // per_branch
    units = pl.Series(branch.astype(str)).str.replace(r"^", "Chi bộ ")
    female = rng.random(members) < 0.45
    names = pick(NATIONAL_FAMILY, members) + " " + pick(MIDDLE, members) + " " + pick(NATIONAL_GIVEN, members)
    frame = pl.DataFrame({
        "STT": np.arange(1, members + 1), "Số thẻ đảng viên": ids, "Họ và tên": names,
        "Giới tính": pl.Series(np.where(female, "Nữ", "Nam")), "Ngày sinh": as_datetime(birth_days),
        "Dân tộc": pick(ETHNICITIES, members), "Tôn giáo": pick(RELIGIONS, members),
        "Trạng thái": pick(STATUSES, members),
        "Nơi cư trú": pl.Series(rng.integers(1, 200, members).astype(str)).str.replace(r"^", "Số ")
        + " ngõ " + pl.Series(rng.integers(1, 90, members).astype(str)) + ", " + pick(PROVINCES, members),
        "Chi bộ": units, "Ngày vào Đảng": as_datetime(admitted_days),
        "Ngày chính thức": as_datetime(official_days).replace(as_datetime([-99999])[0], None),
        "Nghề nghiệp": pick(OCCUPATIONS, members),
        # issued as the record says: Hà Nội, the century and sex digit, the birth year, a serial
        "Số CCCD": pl.Series(np.array(PLACES)[(np.arange(members) // 1_000_000) % len(PLACES)])
        + pl.Series((female + 2 * (birth_days >= 10957)).astype(str)) + as_datetime(birth_days).dt.strftime("%y")
        + pl.Series(np.arange(members) % 1_000_000).cast(pl.String).str.zfill(6),
    })
    out.mkdir(parents=True, exist_ok=True)
    frame.write_parquet(out / "danh-sach-dang-vien.parquet")
    committee = pl.Series(np.arange(branches) // 4000).cast(pl.String).str.replace(r"^", "Đảng bộ ")
    pl.DataFrame({"Tên chi bộ": pl.Series(np.arange(branches).astype(str)).str.replace(r"^", "Chi bộ "),
                  "Đảng bộ": committee, "Loại hình": pick(KINDS, branches)}).write_parquet(out / "to-chuc-dang.parquet")
    del frame
    rated = ids.filter(pl.Series(admitted_days < 20089))  # admitted before 2025: rated for 2024 and 2025
    pl.DataFrame({"Số thẻ": pl.concat([rated, ids.filter(pl.Series(admitted_days < 20454))]),
                  "Năm": np.concatenate([np.full(len(rated), 2024), np.full(int((admitted_days < 20454).sum()), 2025)]),
                  "Xếp loại": pick(RATING_WORDS, len(rated) + int((admitted_days < 20454).sum()))}
                 ).write_parquet(out / "xep-loai.parquet")
    marks = np.array(MARKS)
    pl.DataFrame({"Số thẻ": ids, **{f"T{k}/2026": pl.Series(marks[rng.integers(0, len(marks), members)])
                                    for k in range(1, 12)}}).write_parquet(out / "sinh-hoat.parquet")
    pl.DataFrame({"Số thẻ": ids, **{f"T{k}/2026": pick(["30000"] * 40 + ["50000"] * 59 + ["0"], members)
                                    for k in range(1, 12)}}).write_parquet(out / "dang-phi.parquet")
    moved = rng.choice(members, members // 25, replace=False)
    issued = rng.integers(19700, 20700, len(moved))
    received = np.where(rng.random(len(moved)) < 0.9, issued + rng.integers(1, 40, len(moved)), -99999)
    pl.DataFrame({"Số thẻ": ids.gather(moved), "Hình thức": pick(["Chính thức"] * 4 + ["Tạm thời"], len(moved)),
                  "Từ chi bộ": units.gather(moved),
                  "Đến chi bộ": units.gather(rng.integers(0, members, len(moved))),
                  "Ngày cấp giấy": as_datetime(issued),
                  "Ngày tiếp nhận": as_datetime(received).replace(as_datetime([-99999])[0], None),
                  }).write_parquet(out / "chuyen-sinh-hoat.parquet")


def write_register(job: tuple[Path, int, int]) -> Path:
    """One branch committee's members as the official register (Mẫu 7-HSĐV) lays them out."""
    import xlsxwriter

    path, committee, count = job
    rng = random.Random(committee)
    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("Sổ danh sách đảng viên")
    ws.write(0, 0, f"CHI BỘ SỐ {committee}")
    ws.write(1, 0, "SỔ DANH SÁCH ĐẢNG VIÊN")
    header = ["Số TT", "Họ và tên, ngày sinh", "Số thẻ đảng viên", *[None] * 11, "Giới tính, dân tộc, tôn giáo",
              "Ngày vào Đảng, ngày chính thức", "Nghề nghiệp", "Ngày chuyển đến", "Ngày từ trần, lý do"]
    ws.write_row(3, 0, header)
    ws.merge_range(3, 2, 3, 13, "Số thẻ đảng viên")  # the card's twelve digit cells under one header
    ws.write_row(4, 0, [str(i) for i in range(1, len(header) + 1)])
    for r, m in enumerate(_members(rng, committee, count)):
        card = f"{int(m[0].replace('.', '')):012d}"
        official = m[5].strftime("%d/%m/%Y") if m[5] else ""
        ws.write_row(5 + r, 0, [r + 1, f"{m[1]}\n{m[2].strftime('%d/%m/%Y')}", *card,
                                f"{m[7]}\nKinh\nKhông", f"{m[4].strftime('%d/%m/%Y')}\n{official}", m[6], None, None])
    wb.close()
    # the same members in today's list layout (one fact per column), to compare the two readers on
    plain = xlsxwriter.Workbook(str(path.with_name(f"plain-{path.name}")), {"constant_memory": True})
    ws = plain.add_worksheet("Danh sách đảng viên")
    ws.write(0, 0, f"CHI BỘ SỐ {committee}")
    ws.write_row(2, 0, ["STT", "Số thẻ đảng viên", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Tôn giáo",
                        "Ngày vào Đảng", "Ngày chính thức", "Nghề nghiệp"])
    for r, m in enumerate(_members(random.Random(committee), committee, count)):
        ws.write_row(3 + r, 0, [r + 1, f"{int(m[0].replace('.', '')):012d}", m[1], m[2].strftime("%d/%m/%Y"), m[7],
                                "Kinh", "Không", m[4].strftime("%d/%m/%Y"),
                                m[5].strftime("%d/%m/%Y") if m[5] else None, m[6]])
    plain.close()
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workbooks", type=int, default=50)
    parser.add_argument("--members", type=int, default=10_000, help="members per workbook")
    parser.add_argument("--register", action="store_true", help="workbooks laid out as the register Mẫu 7-HSĐV")
    parser.add_argument("--parquet", type=int, default=0, help="members in one Parquet export instead")
    parser.add_argument("--tidy", action="store_true", help="the tidy Parquet shape (eight typed columns)")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/data/city"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    if args.parquet:
        (write_parquet if args.tidy else write_database_export)(args.out, args.parquet)
    else:
        jobs = [(args.out / f"dang-bo-{c:02d}.xlsx", c, args.members) for c in range(1, args.workbooks + 1)]
        with ProcessPoolExecutor(max_workers=os.cpu_count()) as pool:
            list(pool.map(write_register if args.register else write_workbook, jobs))
    print(f"wrote {args.out} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
