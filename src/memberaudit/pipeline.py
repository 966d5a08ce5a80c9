"""One way for data to flow: files → raw tables → typed Roster per file → one schema-checked Roster.

The per-file steps run in worker processes (two cores read two workbooks at once); the main process stacks
the results and checks them against the schemas once.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from memberaudit.config import Config

PARALLEL_BYTES = 4 * 2**20
IN_PROCESS = {".parquet", ".csv"}


def read_file(job: tuple[str, dict, dict, int | None]):
    """Load and normalise one file: the unit of parallel work."""
    from memberaudit.load import load_file
    from memberaudit.normalize import normalize

    path, aliases, marks, year = job
    return normalize(load_file(path, extra_aliases=aliases, year=year), extra_marks=marks)


def read_roster(inputs: Iterable[str | Path], *, config: Config | None = None, year: int | None = None,
                progress: Callable[[int, int], None] | None = None, workers: int | None = None):
    """Every input as one Roster (an InputError for an unreadable input)."""
    from memberaudit.load import discover
    from memberaudit.normalize import combine
    from memberaudit.schemas import validate

    config = config or Config()
    files = discover(inputs)
    jobs = [(str(f), config.aliases, config.marks, year) for f in files]
    # workbooks are costly to parse and small to send back: they go to worker processes. Parquet and CSV
    # parse fast and send back big (a million members' attendance: 0.5 GB pickled, 8 s to send):
    # the main process reads them itself, meanwhile.
    pooled = [i for i, f in enumerate(files) if f.suffix.lower() not in IN_PROCESS]
    if workers is None:
        # starting a worker costs about a second of imports: worth it only for real volumes
        workers = os.cpu_count() or 1 if sum(files[i].stat().st_size for i in pooled) > PARALLEL_BYTES else 1
    workers = min(workers, len(pooled))
    parts: list = [None] * len(files)
    done = 0

    def finished(index: int, part) -> None:
        nonlocal done
        parts[index], done = part, done + 1
        if progress:
            progress(done, len(files))

    if workers > 1:
        # the main process waits while the workers read: meanwhile it imports what comes next
        threading.Thread(target=_import_next, daemon=True).start()
        # "spawn": forking a process in which Polars' thread pool already runs can deadlock
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"),
                                 initializer=_one_thread) as pool:
            futures = {pool.submit(read_file, jobs[i]): i for i in pooled}
            for i in sorted(set(range(len(files))) - set(pooled)):
                finished(i, read_file(jobs[i]))
            for future in as_completed(futures):
                finished(futures[future], future.result())
    else:
        for i, job in enumerate(jobs):
            finished(i, read_file(job))
    # one schema check of the stacked tables: its cost is mostly per table, not per row
    return validate(combine(parts))


def _one_thread() -> None:
    """A worker's Polars runs on one thread: the workers already use every core, and a workbook's frames are
    too small to gain from more (measured: 5-8% faster reading of 50 workbooks on two cores)."""
    os.environ["POLARS_MAX_THREADS"] = "1"  # read when Polars is first imported, which has not happened yet


def _import_next() -> None:
    """Import the schema checks (pandera loads pandas: ~0.6 s) and the rules, off the critical path."""
    import pandera.polars  # noqa: F401

    from memberaudit.registry import rules

    rules()
