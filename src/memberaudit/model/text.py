"""Text normalisation: NFC, diacritic folding and the key used to compare headers, marks and names."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_SPACE = re.compile(r"\s+")


# between facts typed in one cell: "Nam, Kinh, Không", "Nam - Tày", two names a line each (a regex)
FACT_SEPARATOR = r"\s*(?:[,;\n]|\s[-–]\s)\s*"


@lru_cache(maxsize=65536)
def fold(value: str) -> str:
    """The comparison key: case-folded, diacritics removed (đ → d), punctuation removed, spaces collapsed.

    "Số thẻ ĐV" and "so the dv" and "SỐ THẺ  Đ.V." all fold to "so the dv".
    """
    decomposed = unicodedata.normalize("NFD", value.casefold().replace("đ", "d").replace("Đ", "d"))
    kept = []
    for ch in decomposed:
        cat = unicodedata.category(ch)
        if cat.startswith("M"):
            continue
        kept.append(" " if cat.startswith("P") else ch)
    return _SPACE.sub(" ", "".join(kept)).strip()


def fold_tight(value: str) -> str:
    """`fold` without any spaces: marks such as "vắng  có phép" and "vangcophep" compare equal."""
    return fold(value).replace(" ", "")
