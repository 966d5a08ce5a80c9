"""One way for data to flow: files → raw tables → typed Roster per file → one schema-checked Roster.

The per-file steps run in a worker process and in the main process at once (two cores read two workbooks);
the main process stacks the results and checks them against the schemas once.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from pathlib import Path

from memberaudit.assemble import cache
from memberaudit.model.config import Config
from memberaudit.model.source import Loaded

PARALLEL_BYTES = 4 * 2**20
IN_PROCESS = {".parquet", ".csv"}


def read_or_leave_out(job: tuple):
    """`read_file`, or the file left out (a Skipped carrying its input error) where it cannot be read: a run
    of several files reads the others (`read_roster` decides)."""
    from memberaudit.model.errors import InputError
    from memberaudit.model.source import FILE_LEFT_OUT, Skipped

    try:
        return read_file(job)
    except InputError as exc:
        if type(exc) is not InputError:  # a run-wide error (no members at all) is never one file's
            raise
        return Skipped(job[0], "", FILE_LEFT_OUT, {"key": exc.key, "params": exc.params})


def read_file(job: tuple[str, dict, dict, int | None, bool, tuple[str, str] | None]):
    """Load one file, or take it from the cache (folder, entry name): the unit of parallel work.

    A workbook read for no cache entry comes back loaded and shaped, not normalised (its raw tables,
    `Loaded`): the main process normalises every such workbook at once (`_normalized`), which costs a fifth of doing it
    workbook by workbook (normalising is some 250 Polars operations, whatever the number of rows). Parquet
    and CSV files, and files kept in the cache, come back as their Roster."""
    from memberaudit.normalize.build import normalize, shape
    from memberaudit.read.tables import load_file

    path, aliases, marks, year, include_hidden, entry = job
    if entry and (roster := cache.fetch(*entry, path)) is not None:
        return roster
    loaded = load_file(path, extra_aliases=aliases, year=year, include_hidden=include_hidden)
    if not entry and Path(path).suffix.lower() not in IN_PROCESS:
        return shape(loaded)
    roster = normalize(loaded, extra_marks=marks)
    if entry:
        cache.keep(*entry, roster)
    return roster


def read_roster(inputs: Iterable[str | Path], *, config: Config | None = None, year: int | None = None,
                progress: Callable[[int, int], None] | None = None, workers: int | None = None,
                meanwhile: Callable[[], None] | None = None):
    """Every input as one Roster (an InputError for an unreadable input); files the cache folder
    (`config.cache`) already holds are not read again. `meanwhile` runs on a thread while workers read
    (the caller's next imports)."""
    from memberaudit.assemble.combine import combine
    from memberaudit.assemble.schemas import validate
    from memberaudit.model.errors import InputError
    from memberaudit.model.source import Skipped
    from memberaudit.read.discover import discover

    config = config or Config()
    # prepared (and tagged) before discovery, so that a cache folder inside an input folder is never read
    folder = cache.prepare(config.cache) if config.cache else None
    files = discover(inputs)
    entries = _cache_entries(files, folder, config, year)
    jobs = [(str(f), config.aliases, config.marks, year, config.include_hidden, entry)
            for f, entry in zip(files, entries, strict=True)]
    # workbooks are costly to parse and small to send back: worker processes share them with the main
    # process. Parquet and CSV parse fast and would send back big (a million members' attendance: 0.5 GB
    # pickled, 8 s to send): the main process reads them itself, and every file already in the cache.
    sizes = [f.stat().st_size for f in files]
    # largest first: the run ends on small files, not with one core idle beside the biggest workbook
    pooled = sorted((i for i, f in enumerate(files) if f.suffix.lower() not in IN_PROCESS
                     and not (entries[i] and cache.holds(*entries[i]))), key=lambda i: -sizes[i])
    if workers is None:
        # starting a worker costs about a second of imports: worth it only for real volumes
        workers = os.cpu_count() or 1 if sum(sizes[i] for i in pooled) > PARALLEL_BYTES else 1
    workers = min(workers, len(pooled))
    parts: list = [None] * len(files)
    done = 0

    def finished(index: int, part) -> None:
        nonlocal done
        parts[index], done = part, done + 1
        if progress:
            progress(done, len(files))

    pooled_set = set(pooled)
    # the largest first here too: a national export's members file is the longest path through the read
    here = sorted((i for i in range(len(files)) if i not in pooled_set), key=lambda i: -sizes[i])
    preparing = None
    if workers > 1:
        # the main process imports what comes next meanwhile
        preparing = threading.Thread(target=_import_next, args=(meanwhile,), daemon=True)
        preparing.start()
        _read_shared(jobs, pooled, here, workers, finished)
    else:
        _read_here(jobs, here, finished)
        for i in pooled:
            finished(i, read_or_leave_out(jobs[i]))
    if config.cache:  # after reading: the entries used in this run are marked used and stay
        cache.prune(config.cache)
    left_out = [p for p in parts if isinstance(p, Skipped)]
    if left_out and len(left_out) == len(parts):  # nothing read: the first file's error, as one file's
        raise InputError(left_out[0].params["key"], **left_out[0].params["params"])
    roster = combine(_normalized([p for p in parts if not isinstance(p, Skipped)], config.marks))
    roster.skipped = [*roster.skipped, *left_out]
    if not roster.has("members") or not roster.members.height:  # never a run that passes having read nobody
        raise _no_members(roster)
    if preparing:  # never two schema checks at once (the empty roster's, made meanwhile, is done by now)
        preparing.join()
    # one schema check of the stacked tables: its cost is mostly per table, not per row
    return validate(roster)


def _normalized(parts: list, marks: dict) -> list:
    """Every run of consecutive workbooks still loaded normalised at once, into one Roster that is their
    Rosters stacked (sources in file order, as `combine` would number them); Rosters kept as they are."""
    from memberaudit.normalize.build import normalize

    out: list = []
    run: list = []
    for part in [*parts, None]:
        if isinstance(part, Loaded):
            run.append(part)
            continue
        if run:
            out.append(normalize(Loaded(tables=[t for p in run for t in p.tables],
                                        skipped=[s for p in run for s in p.skipped],
                                        files=[f for p in run for f in p.files]), extra_marks=marks))
            run = []
        if part is not None:
            out.append(part)
    return out


def _no_members(roster):
    """The error of a run that read no members table: every input named, with what became of its sheets."""
    from memberaudit.model.errors import NoMembers

    files = [*roster.files, *(s.file for s in roster.skipped if s.whole_file)]
    return NoMembers([(file, [(s.sheet, s.kind) for s in roster.sources if s.file == file],
                       [(s.sheet, s.reason, s.params) for s in roster.skipped if s.file == file])
                      for file in files], empty=roster.has("members"))


def _cache_entries(files: list[Path], folder: str | None, config: Config, year: int | None) -> list:
    """Each file's cache entry (folder, name), or None each without a cache folder. Files are hashed on two
    threads (hashlib releases the GIL): 50 workbooks in about 0.2 s."""
    if not folder:
        return [None] * len(files)
    settings = [config.aliases, config.marks, year, config.include_hidden]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        return [(folder, name) for name in pool.map(lambda f: cache.key(str(f), settings), files)]


def _read_here(jobs: list, indices: list[int], finished: Callable) -> None:
    """Read these jobs in this process, several at a time on threads: Polars releases the GIL (three
    Parquet files of a million members: 11.3 s one after another, 8.8 s on two threads); each file is
    `finished` on this thread as soon as it is read."""
    if len(indices) < 2:
        for i in indices:
            finished(i, read_or_leave_out(jobs[i]))
        return
    with ThreadPoolExecutor(max_workers=min(os.cpu_count() or 1, len(indices))) as pool:
        futures = {pool.submit(read_or_leave_out, jobs[i]): i for i in indices}
        failed = []
        for future in as_completed(futures):
            if future.exception() is None:
                finished(futures[future], future.result())
            else:
                failed.append((futures[future], future.exception()))
        if failed:  # the first bad file in input order, whichever thread met it first
            raise min(failed, key=lambda f: f[0])[1]


def _read_shared(jobs: list, pooled: list[int], here: list[int], readers: int, finished: Callable) -> None:
    """Read the `pooled` jobs with `readers` - 1 worker processes and the main process itself.

    Workers take workbooks from the front of one queue (largest first), the main process from the back,
    after the jobs it reads `here` (Parquet, CSV): it would otherwise only wait, and what it reads is not
    sent between processes (measured on 50 workbooks: reading 20-25% faster than two workers and an idle
    main process). `finished(index, part)` is called in the main process only.
    """
    queue = deque(pooled)
    futures: dict = {}
    lock = threading.RLock()  # a future done before its callback is added runs the callback at once, here
    # "spawn": forking a process in which Polars' thread pool already runs can deadlock
    with ProcessPoolExecutor(max_workers=readers - 1, mp_context=multiprocessing.get_context("spawn"),
                             initializer=_one_thread) as pool:

        def submit(_=None) -> None:
            with lock:
                if queue:
                    i = queue.popleft()
                    future = pool.submit(read_or_leave_out, jobs[i])
                    futures[future] = i
                    future.add_done_callback(submit)

        collected: set = set()

        def collect() -> None:
            """Take the workers' finished files as they come, so that progress moves with them."""
            with lock:
                ready = [f for f in futures if f not in collected and f.done()]
            for future in ready:
                collected.add(future)
                finished(futures[future], future.result())

        try:
            # one file at a time per worker, the next sent as it finishes: a second one waiting there was
            # still waiting when the queue ran out, the main process idle meanwhile (0.5 s of 50 workbooks)
            for _ in range(readers - 1):
                submit()
            _read_here(jobs, here, finished)
            while True:
                collect()
                with lock:
                    i = queue.pop() if queue else None
                if i is None:
                    break
                finished(i, read_or_leave_out(jobs[i]))
            with lock:  # the queue is empty: every job has its future
                rest = [f for f in futures if f not in collected]
            for future in as_completed(rest):
                finished(futures[future], future.result())
        except BaseException:
            with lock:  # the first error ends the run: nothing more is started
                queue.clear()
                for future in futures:
                    future.cancel()
            raise


def _one_thread() -> None:
    """A worker's Polars runs on one thread: the workers already use every core, and a workbook's frames are
    too small to gain from more (measured: 5-8% faster reading of 50 workbooks on two cores)."""
    os.environ["POLARS_MAX_THREADS"] = "1"  # read when Polars is first imported, which has not happened yet


def _import_next(meanwhile: Callable[[], None] | None) -> None:
    """Import the schema checks and check an empty roster (pandera's first validation sets up its backends:
    0.2 s after the last file otherwise), and do what the caller prepares meanwhile (the rules, Vietnam's
    holidays), off the critical path."""
    from memberaudit.assemble.schemas import validate
    from memberaudit.model.roster import Roster, empty
    from memberaudit.model.vocab import TABLE_KINDS

    validate(Roster(**{k: empty(k) for k in TABLE_KINDS}, issues=empty("issues"), sources=[], skipped=[], files=[]))
    if meanwhile:
        meanwhile()
