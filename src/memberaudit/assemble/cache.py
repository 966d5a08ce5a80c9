"""A folder of files already read: each input's typed Roster, kept under a key of its bytes and settings.

Reading is most of a city audit's time (50 workbooks: three quarters of it), and a scheduled run mostly
re-reads workbooks that did not change since the night before. With a cache folder (`--cache`, or `cache`
in memberaudit.toml) each file is read once; later runs load its Roster from Parquet files instead.

The key is a BLAKE2 hash of the file's bytes, the settings that change how it is read (column aliases,
marks, `--year`), memberaudit's own code and the versions of Polars and fastexcel, so an edited workbook, another configuration or another
version never meets a stale entry. An entry is a folder: `meta.json` (where the tables came from) and one
Parquet file per table, never pickle (a cache folder must not be able to run code). Parquet rather than
Arrow IPC: IPC wrote each chunk's whole string buffers (1.5 GB for 5.3 million members, Parquet 80 MB)
and reading it back peaked at twice the memory. Entries not used for `MAX_AGE_DAYS` are deleted. The
folder holds member data: keep it where the workbooks' protection applies.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from dataclasses import asdict
from functools import cache
from pathlib import Path

from memberaudit.model.errors import UserError
from memberaudit.model.roster import COLUMNS
from memberaudit.read.discover import CACHE_TAG, CACHE_TAG_TEXT

FORMAT = 2  # raise when the layout of an entry changes
MAX_AGE_DAYS = 30
FRAMES = tuple(COLUMNS)  # every frame of a Roster, a Parquet file each


def prepare(folder: str | Path) -> str:
    """The cache folder, created if needed; a UserError when it cannot be written."""
    path = Path(folder)
    try:
        path.mkdir(parents=True, exist_ok=True)
        tag = path / CACHE_TAG
        if not tag.exists():  # marks the folder as ours: never read as input, even inside an input folder
            tag.write_text(CACHE_TAG_TEXT, encoding="utf-8")
        probe = tempfile.NamedTemporaryFile(dir=path, prefix=".probe-")
        probe.close()
    except OSError as exc:
        raise UserError("cache.unwritable", folder=str(path), reason=exc.strerror or str(exc)) from None
    return str(path)


def key(path: str, settings) -> str:
    """The entry name of a file read with these settings (anything JSON can write) by this code, under this
    name: a file's name is read too (the branch, book or year a workbook is named after), its folder not (a
    file moved keeps its entry)."""
    digest = hashlib.blake2b(digest_size=20)
    digest.update(json.dumps([FORMAT, _code_version(), settings, Path(path).name], sort_keys=True,
                             default=str).encode())
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


@cache
def _code_version() -> str:
    """A hash of memberaudit's source files and of the versions of the libraries that parse the files: any
    change of the code that reads files is a new cache."""
    from importlib.metadata import version

    digest = hashlib.blake2b(digest_size=16)
    digest.update(" ".join(version(name) for name in ("polars", "fastexcel")).encode())
    package = Path(__file__).parent
    for source in sorted(package.rglob("*.py")):
        digest.update(source.relative_to(package).as_posix().encode())
        digest.update(source.read_bytes())
    return digest.hexdigest()


def holds(folder: str, name: str) -> bool:
    """Whether the cache has an entry of that name (it may still turn out damaged: `fetch` then says None)."""
    return (Path(folder) / name).is_dir()


def fetch(folder: str, name: str, path: str):
    """The Roster kept under `name`, its rows pointing at `path` (where the file is now), or None."""
    from memberaudit.model.lazy import pl
    from memberaudit.model.roster import Roster
    from memberaudit.model.source import Skipped, Source

    entry = Path(folder) / name
    try:
        meta = json.loads((entry / "meta.json").read_text(encoding="utf-8"))
        frames = {kind: pl.read_parquet(entry / f"{kind}.parquet").rechunk() for kind in FRAMES}
        sources = [Source(**{**s, "file": path}) for s in meta["sources"]]
        skipped = [Skipped(**{**s, "file": path}) for s in meta["skipped"]]
        os.utime(entry)  # in use: not pruned
    except (OSError, ValueError, KeyError, TypeError, pl.exceptions.PolarsError):
        return None  # missing, half-deleted or damaged: read the file itself
    return Roster(**frames, sources=sources, skipped=skipped, files=[path], cached=[path])


def keep(folder: str, name: str, roster) -> None:
    """Store a file's Roster under `name`; a failure (disk full, a run storing the same entry) is no error:
    the audit does not depend on its cache."""
    entry = Path(folder) / name
    if entry.exists():
        return
    staging = None
    try:
        staging = Path(tempfile.mkdtemp(prefix=f".{name}.", dir=folder))
        meta = {"sources": [asdict(s) for s in roster.sources], "skipped": [asdict(s) for s in roster.skipped]}
        (staging / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        for kind in FRAMES:
            # one row group: read back as one chunk, nothing to rechunk (written in Polars' row groups, a
            # national members table came back in dozens of chunks, and rechunking them copied it all)
            frame = getattr(roster, kind)
            frame.write_parquet(staging / f"{kind}.parquet", row_group_size=max(frame.height, 1))
        staging.rename(entry)
    except OSError:
        if staging:
            shutil.rmtree(staging, ignore_errors=True)


def prune(folder: str, *, now: float | None = None) -> None:
    """Delete the entries not used for MAX_AGE_DAYS, and staging folders a stopped run left behind."""
    limit = (now or time.time()) - MAX_AGE_DAYS * 86400
    for entry in Path(folder).iterdir():
        try:
            if entry.is_dir() and entry.stat().st_mtime < limit:
                shutil.rmtree(entry, ignore_errors=True)
        except OSError:
            continue
