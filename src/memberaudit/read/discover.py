"""Which files the inputs name: folders walked, only regular files of the formats read, never ours."""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from memberaudit.model.errors import InputError

EXCEL_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}
SUFFIXES = EXCEL_SUFFIXES | {".csv", ".parquet"}
# Excel 2003 XML workbooks: read when the file says it is one (other XML files in a folder are not ours)
XML_SUFFIX = ".xml"
# spreadsheets of formats not read (binary Excel, templates, WPS, Numbers): in a folder, each is a file left out
# and said (`read.files`), never passed over in silence as a Word document or a scan is
UNREAD_SHEETS = {".xlsb", ".xlt", ".xltx", ".xltm", ".et", ".ett", ".numbers"}
# the Cache Directory Tagging Standard: a folder holding this file is ours and never read as input
CACHE_TAG = "CACHEDIR.TAG"
CACHE_TAG_TEXT = "Signature: 8a477f597d28d172789f06886806bc55\n# memberaudit cache: never read as input.\n"


def is_ours(folder: Path) -> bool:
    """A folder memberaudit writes (a cache folder): discovery never reads inside it."""
    return (folder / CACHE_TAG).is_file()


def discover(inputs: Iterable[str | Path]) -> list[Path]:
    """Input files, directories read recursively, in a stable order; a missing path is an InputError.

    Inside folders, only regular files are read (a FIFO named `x.csv` would block the run), never Excel's
    lock files, hidden files and folders, or a folder memberaudit writes (a cache folder, tagged)."""
    found: list[Path] = []
    for item in inputs:
        path = Path(item)
        if not path.exists():
            raise InputError("input.missing", file=str(path))
        if path.is_dir():
            if is_ours(path):
                raise InputError("input.ours", file=str(path))
            inside = []
            for folder, dirs, files in os.walk(path):
                dirs[:] = [d for d in dirs if not d.startswith(".") and not is_ours(Path(folder, d))]
                inside.extend(
                    p for p in (Path(folder, f) for f in files)
                    if (p.suffix.lower() in SUFFIXES | UNREAD_SHEETS or _workbook_xml(p))
                    and not p.name.startswith(("~$", "."))
                    and p.is_file()
                )
            found.extend(sorted(inside))
        else:
            if path.suffix.lower() not in SUFFIXES and not _workbook_xml(path):
                raise InputError("input.format", file=str(path), suffixes=", ".join(sorted(SUFFIXES)))
            if not path.is_file():
                raise InputError("input.not_file", file=str(path))
            found.append(path)
    if not found:
        raise InputError("input.none", inputs=", ".join(map(str, inputs)))
    return found


def _workbook_xml(path: Path) -> bool:
    """An `.xml` file that is an Excel 2003 XML workbook, by its first bytes."""
    if path.suffix.lower() != XML_SUFFIX or not path.is_file():
        return False
    from memberaudit.read.markup import markup_kind

    try:
        with open(path, "rb") as stream:
            return markup_kind(stream.read(4096)) == "xml"
    except OSError:
        return False
