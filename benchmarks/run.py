"""Time the full audit against the reading floors (calamine, Polars), at several scales; print a Markdown table.

    python benchmarks/run.py --data benchmarks/data/city --scales 1,10,50
    python benchmarks/run.py --parquet benchmarks/data/national
    python benchmarks/run.py --register benchmarks/data/register

For each scale (the first N workbooks) it measures, in the same run:
- floor: reading every sheet of those workbooks with calamine (fastexcel), on as many processes as cores;
- the Polars floor: `pl.read_excel(path, sheet_id=0)` on as many processes, every sheet a frame (what issue
  19 measures the audit against: the ratio column);
- audit: `memberaudit audit … --format json --html … --excel …` as a user runs it;
- the same audit run again with `--cache` over unchanged files (a scheduled run's usual case; the run
  that fills the cache is not timed);
and reports wall time, peak memory of the whole process tree (sampled), and rows per second. For a Parquet
export the floor is a Python process reading the files into Polars frames. With `--repeat N` each
measurement runs N times, in turn with the others (floor, audit, floor, audit, …), and the fastest of each
is shown (with the highest peak memory seen): this shared machine slows single runs by a third at random,
and interleaving lets a slow spell slow the floor and the audit alike.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from pathlib import Path


def read_floor(path: str, frames: bool = False) -> int:
    """calamine parses every sheet (cells held in calamine's own structures, nothing usable by Polars yet);
    with `frames`, Polars reads the workbook, every sheet a frame: `pl.read_excel(path, sheet_id=0)`, the
    least any Polars program pays (issue 19's floor)."""
    if frames:  # imported only here: the parse-only floor pays for nothing else
        import polars as pl

        return sum(frame.height for frame in pl.read_excel(path, sheet_id=0).values())
    import fastexcel

    reader = fastexcel.read_excel(path)
    return sum(reader.load_sheet(index, header_row=None, dtypes="string").height
               for index in range(len(reader.sheet_names)))


def floor_here(files: list[str]) -> tuple[float, int]:
    """calamine parsing `files` in this process, one after another: the floor of an in-process read."""
    started = time.perf_counter()
    rows = sum(read_floor(f) for f in files)
    return time.perf_counter() - started, rows


def read_in_process(files: list[str]) -> tuple[float, int]:
    """Seconds to read `files` into one roster in this process (imports already paid), and its members."""
    from memberaudit.assemble.pipeline import read_roster
    from memberaudit.model.text import fold
    from memberaudit.read.headers import choice_key, header_key

    for cached in (fold, header_key, choice_key):  # each read a first one, as a run of the command is
        cached.cache_clear()
    started = time.perf_counter()
    roster = read_roster(files, workers=1)
    return time.perf_counter() - started, roster.members.height


def floor(files: list[str], frames: bool = False) -> tuple[float, int]:
    started = time.perf_counter()
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(os.cpu_count() or 1, len(files)), mp_context=context) as pool:
        rows = sum(pool.map(partial(read_floor, frames=frames), files))
    return time.perf_counter() - started, rows


def measured(command: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (GiB) of the process and its children, and its standard error."""
    import psutil

    peak = 0
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    watched = psutil.Process(process.pid)
    done = threading.Event()

    def sample():
        nonlocal peak
        while not done.is_set():
            try:
                tree = [watched, *watched.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
            except psutil.Error:
                pass
            time.sleep(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = process.communicate()
    elapsed = time.perf_counter() - started
    done.set()
    sampler.join()
    if process.returncode not in (0, 1):
        sys.stderr.write(err.decode("utf-8", "replace"))
    return elapsed, peak / 2**30, err.decode("utf-8", "replace")


def stages(err: str) -> str:
    """Where the audit's time went, from the run line `memberaudit -q` prints: "read / rules / reports"."""
    import json

    seconds = json.loads(err.strip().splitlines()[-1])["seconds"]
    return " / ".join(f"{seconds[k]:.1f}" for k in ("read", "rules", "reports"))


def audit_command(inputs: list[str], out: Path, reports: bool, cache: Path | None = None) -> list[str]:
    command = [sys.executable, "-m", "memberaudit", "audit", *inputs, "--as-of", "2026-11-30", "-q",
               "--format", "json", "--output", str(out / "findings.json")]
    if reports:
        command += ["--html", str(out / "report.html"), "--excel", str(out / "report.xlsx")]
    if cache:
        command += ["--cache", str(cache)]
    return command


def cached(inputs: list[str], out: Path, reports: bool) -> tuple[float, float, str]:
    """The audit again with --cache over files it already holds: a run fills the cache, the next is timed."""
    folder = Path(tempfile.mkdtemp(prefix="memberaudit-cache-", dir=out))
    subprocess.run(audit_command(inputs, out, reports, folder), stderr=subprocess.DEVNULL, check=False)
    try:
        return measured(audit_command(inputs, out, reports, folder))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def best(measure, repeat: int, *, peak: bool = False):
    """The fastest of `repeat` runs of `measure` (a tuple, seconds first); with `peak`, its second item is
    peak memory and the highest seen is kept: a shared machine slows single runs down by a third at random."""
    return fastest([measure() for _ in range(repeat)], peak=peak)


def fastest(runs: list, *, peak: bool = False):
    """The fastest of measured `runs` (see `best`)."""
    quickest = min(runs, key=lambda r: r[0])
    if peak:
        return quickest[0], max(r[1] for r in runs), *quickest[2:]
    return quickest


def interleaved(measures: dict, repeat: int, peaks: tuple = ()) -> dict:
    """Each of `measures` (name → measure) run in turn, `repeat` rounds, the fastest of each kept: a slow
    spell of the machine then slows the floor and the audit alike, and their ratio holds."""
    runs: dict = {name: [] for name in measures}
    for _ in range(repeat):
        for name, measure in measures.items():
            runs[name].append(measure())
    return {name: fastest(r, peak=name in peaks) for name, r in runs.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="folder of generated workbooks (benchmarks/generate.py)")
    parser.add_argument("--scales", default="1,10,50", help="numbers of workbooks to audit")
    parser.add_argument("--parquet", type=Path, help="folder of a generated Parquet export")
    parser.add_argument("--register", type=Path, help="folder of generate.py --register workbooks (both layouts)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each measurement; the fastest is shown")
    args = parser.parse_args()
    n = args.repeat
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    out = Path(tempfile.mkdtemp(prefix="memberaudit-bench-"))
    if args.data:
        files = sorted(str(p) for p in args.data.glob("*.xlsx"))
        print("| workbooks | members | sheet rows | calamine floor | Polars floor (pl.read_excel) | full audit + HTML "
              "+ Excel | ratio to the Polars floor | read / rules / reports (s) | peak memory | rows/s | findings "
              "| again with --cache |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for scale in (int(s) for s in args.scales.split(",")):
            chosen = files[:scale]
            got = interleaved({"floor": partial(floor, chosen), "frames": partial(floor, chosen, frames=True),
                               "audit": partial(measured, audit_command(chosen, out, reports=True)),
                               "cached": partial(cached, chosen, out, reports=True)}, n, peaks=("audit", "cached"))
            (floor_s, rows), (frames_s, _), (wall, peak, err) = got["floor"], got["frames"], got["audit"]
            warm, _, warm_err = got["cached"]
            import json

            doc = json.loads((out / "findings.json").read_text(encoding="utf-8"))
            members = sum(c["checked_members"] for k, c in doc["coverage"].items() if k == "DAT001")
            print(f"| {scale} | {members:,} | {rows:,} | {floor_s:.1f} s | {frames_s:.1f} s | {wall:.1f} s | {wall / frames_s:.2f}× "
                  f"| {stages(err)} | {peak:.2f} GiB | {rows / wall:,.0f} | {len(doc['findings']):,} "
                  f"| {warm:.1f} s ({stages(warm_err)}) |", flush=True)
    if args.register:
        print("\n| layout | members | calamine floor | read into the roster | ratio to its floor |")
        print("|---|---:|---:|---:|---:|")
        times = {}
        for label, pattern in (("list, a fact per column", "plain-*.xlsx"), ("register Mẫu 7-HSĐV", "dang-bo-*.xlsx")):
            files = sorted(str(p) for p in args.register.glob(pattern))
            floor_s = best(partial(floor_here, files), max(n, 5))[0]
            read_s, members = best(partial(read_in_process, files), max(n, 5))
            times[label] = read_s
            print(f"| {label} | {members:,} | {floor_s:.2f} s | {read_s:.2f} s | {read_s / floor_s:.2f}× |", flush=True)
        register, plain = times["register Mẫu 7-HSĐV"], times["list, a fact per column"]
        print(f"\nregister / list: {register / plain:.2f}×")
    if args.parquet:
        inputs = [str(p) for p in sorted(args.parquet.glob("*.parquet"))]
        # the floor: a Python process that imports Polars and reads the files into frames, nothing more
        floor_command = [sys.executable, "-c", "import sys, polars as pl\n"
                         "frames = [pl.read_parquet(f) for f in sys.argv[1:]]", *inputs]
        got = interleaved({"floor": lambda: measured(floor_command),
                           "audit": lambda: measured(audit_command(inputs, out, reports=False)),
                           "cached": lambda: cached(inputs, out, reports=False)}, n, peaks=("floor", "audit", "cached"))
        (read_s, read_peak, _), (wall, peak, err), (warm, warm_peak, warm_err) = got["floor"], got["audit"], got["cached"]
        size = sum(Path(p).stat().st_size for p in inputs) / 2**20
        print(f"\nParquet ({size:.0f} MiB): read into Polars frames {read_s:.1f} s ({read_peak:.2f} GiB); "
              f"full audit with JSON output {wall:.1f} s ({wall / read_s:.1f}× that; read / rules / reports "
              f"{stages(err)} s), peak memory {peak:.2f} GiB; again with --cache {warm:.1f} s "
              f"({stages(warm_err)} s, {warm_peak:.2f} GiB)")


if __name__ == "__main__":
    main()
