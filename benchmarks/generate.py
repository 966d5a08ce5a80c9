"""Generate city-scale benchmark inputs laid out like the demo workbooks.

    python benchmarks/generate.py --workbooks 50 --members 10000 --out benchmarks/data/city
    python benchmarks/generate.py --parquet 5300000 --out benchmarks/data/national

Workbooks have title rows, a members sheet, wide 12-month attendance and dues sheets, two years of ratings,
transfers and units; written with xlsxwriter's constant-memory mode, several files in parallel. The Parquet
set is one members table plus wide attendance and dues tables, as a national export would be.
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
               "Nam" if rng.random() < 0.55 else "Nữ", f"001{rng.randint(10**8, 10**9 - 1)}")


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workbooks", type=int, default=50)
    parser.add_argument("--members", type=int, default=10_000, help="members per workbook")
    parser.add_argument("--parquet", type=int, default=0, help="members in one Parquet export instead")
    parser.add_argument("--out", type=Path, default=Path("benchmarks/data/city"))
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    if args.parquet:
        write_parquet(args.out, args.parquet)
    else:
        jobs = [(args.out / f"dang-bo-{c:02d}.xlsx", c, args.members) for c in range(1, args.workbooks + 1)]
        with ProcessPoolExecutor(max_workers=os.cpu_count()) as pool:
            list(pool.map(write_workbook, jobs))
    print(f"wrote {args.out} in {time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
