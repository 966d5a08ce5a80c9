"""Where a command may write: outputs checked against the inputs and each other before anything is read.

An output that resolves to an input, or lands inside an input folder where a later run would read it, is
data loss or a poisoned next run; two outputs on one path lose a report; an output whose folder cannot be
written would otherwise fail only after the whole audit. All of it is refused up front (exit 2).
"""

from __future__ import annotations

import os
from pathlib import Path

from memberaudit.model.errors import UserError
from memberaudit.read.discover import SUFFIXES


def _resolved(path: Path) -> Path:
    return Path(os.path.abspath(os.path.realpath(path)))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return _resolved(a) == _resolved(b)


def _inside(path: Path, folder: Path) -> bool:
    try:
        _resolved(path).relative_to(_resolved(folder))
        return True
    except ValueError:
        return False


def check(inputs, outputs: dict[str, Path | str | None], *, cache: Path | str | None = None) -> None:
    """Refuse (UserError, exit 2) outputs that would overwrite or feed an input, collide with each other,
    or cannot be written. `outputs` maps the option's name (`--html`) to its path or None."""
    given = {option: Path(p) for option, p in outputs.items() if p}
    seen: dict[Path, str] = {}
    for option, path in given.items():
        key = _resolved(path)
        if key in seen:
            raise UserError("output.twice", first=seen[key], second=option, file=str(path))
        seen[key] = option
    for option, path in given.items():
        for item in map(Path, inputs):
            if item.is_dir():
                if _inside(path, item) and path.suffix.lower() in SUFFIXES:
                    raise UserError("output.in_input", option=option, file=str(path), input=str(item))
            elif item.exists() and _same_file(path, item):
                raise UserError("output.is_input", option=option, file=str(path), input=str(item))
        writable(path, option)
    if cache:
        for item in map(Path, inputs):
            if item.is_file() and _inside(item, Path(cache)):
                raise UserError("output.is_input", option="--cache", file=str(cache), input=str(item))


def writable(path: Path, option: str) -> None:
    """A file can be written at `path`: it is not a folder, and its nearest existing folder is writable."""
    if path.is_dir():
        raise UserError("output.is_folder", option=option, file=str(path))
    parent = path.parent if str(path.parent) else Path(".")
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir():
        raise UserError("output.unwritable", option=option, file=str(path), reason="not_folder")
    if not os.access(parent, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise UserError("output.unwritable", option=option, file=str(path), reason="permission")
