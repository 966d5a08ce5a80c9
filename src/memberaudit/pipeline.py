"""One way for data to flow: files → raw tables → typed Roster → schema-checked Roster."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from memberaudit.config import Config


def read_roster(inputs: Iterable[str | Path], *, config: Config | None = None, year: int | None = None,
                progress: Callable[[int, int], None] | None = None, workers: int | None = None):
    """Load, normalise and validate the inputs into one Roster (InputError for unreadable inputs)."""
    from memberaudit.load import load
    from memberaudit.normalize import normalize
    from memberaudit.schemas import validate

    config = config or Config()
    loaded = load(inputs, extra_aliases=config.aliases, year=year, progress=progress, workers=workers)
    return validate(normalize(loaded, extra_marks=config.marks))
