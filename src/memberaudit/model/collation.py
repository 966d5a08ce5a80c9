"""Vietnamese order, in pure Python (board PCs are Windows: no ICU needed): letters in the Vietnamese
alphabet (a ă â b c d đ e ê … o ô ơ … u ư …), letters before tones, tones in the order none, huyền, hỏi, ngã,
sắc, nặng; and the order of official lists and ballots: by given name (the last word), then family name,
then middle names, then the earlier birth date."""

from __future__ import annotations

import unicodedata
from datetime import date
from functools import lru_cache

ALPHABET = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_RANK = {letter: i for i, letter in enumerate(ALPHABET)}
_LETTER_MARKS = {"\u0306": "ă", "\u0302": "â", "\u031b": "ơ"}  # breve, circumflex, horn (on a, e, o, u)
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền, hỏi, ngã, sắc, nặng


@lru_cache(maxsize=65536)
def word_key(word: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """A word's sort key: its letters' ranks, then its tones (a letter outside the alphabet after it)."""
    letters: list[int] = []
    tones: list[int] = []
    tone = 0
    for ch in unicodedata.normalize("NFD", word.casefold()):
        if ch in _TONES:
            tone = _TONES[ch]
            continue
        if ch in _LETTER_MARKS and letters:
            base = ALPHABET[letters[-1]] if letters[-1] < len(ALPHABET) else ""
            marked = {("a", "\u0306"): "ă", ("a", "\u0302"): "â", ("e", "\u0302"): "ê", ("o", "\u0302"): "ô",
                      ("o", "\u031b"): "ơ", ("u", "\u031b"): "ư"}.get((base, ch))
            if marked:
                letters[-1] = _RANK[marked]
            continue
        if unicodedata.category(ch).startswith("M"):
            continue
        letters.append(_RANK.get(ch, len(ALPHABET) + ord(ch)))
    tones.append(tone)
    return tuple(letters), tuple(tones)


def text_key(text: str) -> tuple:
    """Several words compared letters first, then tones, word by word."""
    keys = [word_key(w) for w in text.split()]
    return tuple(k[0] for k in keys), tuple(k[1] for k in keys)


def name_order(full_name: str | None, birth_date: date | None = None) -> tuple:
    """The key of the order of official lists: given name, family name, middle names, earlier birth date."""
    words = (full_name or "").split()
    given, family, middle = (words[-1:], words[:1], words[1:-1]) if len(words) > 1 else (words, [], [])
    return (text_key(" ".join(given)), text_key(" ".join(family)), text_key(" ".join(middle)),
            birth_date or date.max)
