"""Header cells: column aliases, month headers (SPEC 1.5), year headers, sheet-name kinds and years."""

from __future__ import annotations

import functools
import re
import unicodedata

from memberaudit.model.text import fold, fold_tight
from memberaudit.model.vocab import (
    CHOICES,
    COLUMN_ALIASES,
    DATE_FIELDS,
    SERIAL_HEADERS,
    SHEET_ALIASES,
    TABLE_KINDS,
    WIDE_CELLS,
    WIDE_KINDS,
)

# a wide sheet's month column, once recognised: "2026-09"; a second column of the same month "2026-09#2"
MONTH_KEY = re.compile(r"^\d{4}-\d{2}(?:#\d+)?$")
_MEETING_DATE = re.compile(r"(?<!\d)(\d{1,2})[/.\-](\d{1,2})[/.\-]((?:19|20)\d{2})(?!\d)")
_YEAR_IN_TEXT = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_PAREN = re.compile(r"\([^)]*\)")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:[ T]00:00:00(?:\.0+)?)?$")
# Folded month headers: "t1", "t01", "th1", "thang 1", "1 2026", "t1 2026", "thang 01 nam 2026".
# also "T1/26": a two-digit year after a named month (never after a bare number: "12/05" may be a day)
_MONTH = re.compile(r"^(t|th|thang)?\s*(\d{1,2})(?:\s+(?:nam\s+)?(\d{4}|\d{2}))?$")
_YEAR_FIRST = re.compile(r"^(\d{4})\s+(\d{1,2})$")
# a ratings year's column: "2025", "Năm 2025", "Xếp loại 2025", "Kết quả đánh giá, xếp loại đảng viên năm 2025"
_YEAR_HEADER = re.compile(r"^(?:(?:ket|qua|xep|loai|danh|gia|chat|luong|dang|vien|phan|muc|nam)\s+)*((?:19|20)\d{2})$")


_DAY_MONTH_YEAR = re.compile(r"\bngay thang nam\b")


@functools.lru_cache(maxsize=2**16)  # the header search folds each cell once per table kind it tries
def header_key(cell: str) -> str:
    """Fold a header cell for alias lookup; a parenthesised hint like "(dd/mm/yyyy)" is ignored, and "ngày,
    tháng, năm …" is "ngày …" ("Ngày, tháng, năm vào Đảng" is "Ngày vào Đảng")."""
    return _DAY_MONTH_YEAR.sub("ngay", fold(_PAREN.sub(" ", cell)))


def fact_keys(index: dict[str, dict[str, str]]) -> frozenset[str]:
    """Every kind's aliases of two words or more (see Matcher.facts)."""
    return frozenset(key for table in index.values() for key in table if " " in key)


def alias_index(extra: dict[str, dict[str, list[str]]] | None = None) -> dict[str, dict[str, str]]:
    """kind → {folded alias → field}, with configured aliases added."""
    index: dict[str, dict[str, str]] = {}
    for kind in TABLE_KINDS:
        table = index.setdefault(kind, {})
        for field, aliases in COLUMN_ALIASES[kind].items():
            for alias in (*aliases, *(extra or {}).get(kind, {}).get(field, [])):
                table.setdefault(header_key(alias), field)
    return index


SERIAL_KEYS = frozenset(header_key(h) for h in SERIAL_HEADERS)


def name_parts(name: str) -> list[str]:
    """A file's or folder's name as words, each part of a name in parts first, then the whole:
    "Dang_bo_xa_A - CB2" → ["Dang bo xa A", "CB2", "Dang bo xa A CB2"]; "DS-dang-vien" → ["DS dang vien"]."""
    parts = re.split(r"\s+[-–]\s+", name)
    return [" ".join(p.replace("_", " ").replace("-", " ").split()) for p in (parts + [name] if len(parts) > 1 else parts)]


def kind_from_name(name: str) -> str | None:
    """The table kind named by a sheet name or file stem ("Sinh hoạt 2026", "dang-phi_2026"), or None."""
    key = fold(_YEAR_IN_TEXT.sub(" ", name.replace("_", " ").replace("-", " "))).replace(" ", "")
    return _SHEET_KINDS.get(key)


# sheet names compared without spaces too: "DanhSachDangVien", "DiemDanh", "ChuyenSinhHoat"
_SHEET_KINDS = {fold(a).replace(" ", ""): kind for kind in TABLE_KINDS for a in SHEET_ALIASES[kind]}
# the names of two words or more, longest first, as a title line may hold them
_TITLE_NAMES = sorted(((f" {fold(a)} ", kind) for kind in TABLE_KINDS for a in SHEET_ALIASES[kind]
                       if len(fold(a).split()) >= 2), key=lambda item: -len(item[0].split()))


def _choice_index() -> dict[str, dict[str, tuple[str, str]]]:
    """kind → {folded value text → (field, the value as written first)}: the headers of choice columns. The
    words only, not the codes (`HTXSNV`, `CT`, `M` head no column)."""
    index: dict[str, dict[str, tuple[str, str]]] = {}
    for kind, fields in CHOICES.items():
        for field, values in fields.items():
            for texts in values.values():
                words = [t for t in texts if not (t.isupper() and " " not in t) and not (t.isascii() and t.islower())]
                for text in words:
                    for key in {choice_key(text), header_key(text)}:
                        index.setdefault(kind, {}).setdefault(key, (field, words[0] if words else text))
    return index


@functools.lru_cache(maxsize=2**16)
def choice_key(label: str) -> str:
    """A value heading a column, compared with its diacritics ("Năm", the year, is not "Nam", the sex) unless
    typed without any ("Nam", "Nu")."""
    if str(label).isascii():
        return header_key(label)
    text = unicodedata.normalize("NFC", str(label)).lower()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


CHOICE_INDEX = _choice_index()

# under a month (or a ratings year) the values of the kind's cells may head sub-columns instead, the cell
# marked with a cross ("Tháng 1" › Có mặt | Vắng có lý do | Vắng không lý do)
_CELL_VALUE_INDEX = {kind: {fold_tight(text) for texts in values.values() for text in texts}
                     for kind, values in WIDE_CELLS.items()}
# under a month, a column of no value of its own: a signature ("Ký nộp", "Người nộp ký"), a note, the day paid
_NO_VALUE = re.compile(r"^(?:ky\b|nguoi\b|ngay\b|ghi chu\b)|\bky (?:ten|nhan|nop)\b|\bchu ky\b")


def under_wide(kind: str, label) -> str | None:
    """What a column under a month (or ratings year) holds: "cross" for a value heading it, its cells marked
    with a cross ("Có mặt", "Vắng không lý do", "Đã nộp", "Hoàn thành tốt nhiệm vụ"); "value" for the month's
    value itself (an amount under "Số tiền", a meeting under "Lần 1"); None for a column of no value (a
    signature, a note, the day paid)."""
    text = str(label)
    if re.search(r"[^\W\d_]", text) and fold_tight(text) in _CELL_VALUE_INDEX.get(kind, ()):
        return "cross"
    return None if _NO_VALUE.search(header_key(text)) else "value"


_PERIOD_WORDS = {"nam", "thang", "quy", "tinh", "nhiem", "tu", "den", "ngay"}


def named_in_title(title: str, first: tuple[str, ...]) -> str | None:
    """The organisation a title line names, from its words `first` (folded: ("chi", "bo")) to the end or to
    the period or date the line goes on with: "DANH SÁCH ĐẢNG VIÊN CHI BỘ THÔN ĐÔNG NĂM 2026" → "CHI BỘ THÔN
    ĐÔNG". None without a name after those words ("CÁC CHI BỘ")."""
    words = title.split()
    folded = [fold(w) for w in words]
    n = len(first)
    at = next((i for i in range(len(words) - n + 1) if tuple(folded[i:i + n]) == first), None)
    if at is None or (at and folded[at - 1] in ("cac", "nhung", "toan")):  # "CÁC CHI BỘ TRỰC THUỘC"
        return None
    def period(i: int) -> bool:  # "NĂM 2026", "tháng 7", "tính đến …"; "- Năm 2026"
        if words[i] in ("-", "–"):
            return i + 1 < len(words) and period(i + 1)
        return folded[i] in _PERIOD_WORDS and (folded[i] == "tinh" or (
            i + 1 < len(words) and bool(re.search(r"\d", words[i + 1]))))

    end = at + n
    while end < len(words) and not words[end].startswith("(") and not period(end):
        end += 1
    return " ".join(words[at:end]).rstrip(",;:") if end > at + n else None


def kind_in_titles(titles: list[str]) -> str | None:
    """The table kind a sheet's title lines name ("SỔ GIỚI THIỆU SINH HOẠT ĐẢNG" → transfers): the longest
    name a title holds, None when two kinds' names of that length stand there."""
    text = " ".join(f" {fold(t)} " for t in titles)
    found = [(len(name.split()), kind) for name, kind in _TITLE_NAMES if name in text]
    best = {kind for words, kind in found if words == found[0][0]} if found else set()
    return best.pop() if len(best) == 1 else None


def year_in(text: str) -> int | None:
    """A four-digit year written in a sheet name or title line."""
    found = _YEAR_IN_TEXT.search(text)
    return int(found.group(1)) if found else None


def parse_month(cell: str, *, in_group: bool = False) -> tuple[int | None, int] | None:
    """(year or None, month) for a month header cell, else None.

    A bare number 1-12 is a month only under a merged month group (`in_group`), since a bare "1"
    elsewhere is more likely a serial number.
    """
    raw = cell.strip()
    iso = _ISO_DATE.match(raw)
    if iso:
        return int(iso.group(1)), int(iso.group(2))
    key = fold(raw)
    found = _YEAR_FIRST.match(key)
    if found:
        year, month = int(found.group(1)), int(found.group(2))
        return (year, month) if 1 <= month <= 12 else None
    found = _MONTH.match(key)
    if not found:
        return None
    prefix, month, year = found.group(1), int(found.group(2)), found.group(3)
    if not 1 <= month <= 12:
        return None
    if prefix is None and (year is None and not in_group or year is not None and len(year) == 2):
        return None
    return ((2000 + int(year) if len(year) == 2 else int(year)) if year else None, month)


def parse_year(cell: str) -> int | None:
    """The year of a wide ratings column ("2025", "Năm 2025", "Xếp loại 2025")."""
    found = _YEAR_HEADER.match(fold(cell))
    return int(found.group(1)) if found else None


def wide_key(kind: str, cell: str, sheet_year: int | None, *, in_group: bool = False) -> str | None:
    """The long-form key of a wide column: "2026-03" for a month, "2025" for a ratings year."""
    axis = WIDE_KINDS.get(kind)
    if axis == "month":
        parsed = parse_month(cell, in_group=in_group)
        if parsed is None and (meeting := _MEETING_DATE.search(cell)) and 1 <= int(meeting.group(2)) <= 12:
            # one column per meeting: "Sinh hoạt thường kỳ (05/03/2026)" is a meeting of March 2026
            parsed = int(meeting.group(3)), int(meeting.group(2))
        if parsed is None:
            return None
        year, month = parsed
        year = year or sheet_year
        return f"{year}-{month:02d}" if year else f"?-{month:02d}"
    if axis == "year":
        year = parse_year(cell)
        return str(year) if year else None
    return None


# a quarter's column of a dues book (retirees often pay by the quarter): "Quý I", "Quý 2", "Q3/2026", "Quý IV
# năm 2026"
_QUARTER = re.compile(r"^(?:quy|q)\s*(iv|i{1,3}|[1-4])(?:\s*[/\-]\s*|\s+(?:nam\s+)?)?((?:19|20)\d{2})?$")
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def quarter_keys(kind: str, cell: str, sheet_year: int | None) -> list[str]:
    """The month keys of a dues book's quarter column (its three months), else none."""
    found = _QUARTER.match(fold(cell.strip())) if kind == "dues" else None
    if not found:
        return []
    quarter = _ROMAN.get(found.group(1)) or int(found.group(1))
    year = int(found.group(2)) if found.group(2) else sheet_year
    return [f"{year}-{m:02d}" if year else f"?-{m:02d}" for m in range(3 * quarter - 2, 3 * quarter + 1)]


def next_key(key: str) -> str:
    """The key of another column of the same month: "2026-03" → "2026-03#2" → "2026-03#3"."""
    month, _, n = key.partition("#")
    return f"{month}#{int(n or 1) + 1}"


def column_letter(index: int) -> str:
    """Excel column letters for a 0-based column index (0 → A, 27 → AB)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# --- header labels to fields, by the words they hold ---------------------------------------------------------

# a header holding one of these words names an internal key of some system ("ID (UUID)"), never a field
IGNORED_WORDS = frozenset({"uuid", "guid"})
# a header naming several facts, one per line of its cells: "Nam, nữ, dân tộc, tôn giáo"
_PARTS = re.compile(r"[,;/\n]+")


# two words that are one word ("sinh hoạt", activity): an alias ending or beginning inside it is not in the
# header ("Năm sinh" is not in "Số năm sinh hoạt tại chi bộ", "Ngày sinh" not in "Ngày sinh hoạt …")
_ONE_WORD = frozenset({"sinh hoat", "sinh vien"})


def _holds(padded: str, phrase: str, field: str) -> bool:
    """Whether the header (folded, padded with spaces) holds the alias phrase as whole words, no word of
    which is half of a word of two; a header that begins with "ngày" is a date, so it holds only a date's
    alias ("Ngày chi bộ họp xét" is no branch, "Ngày Đảng bộ xét" no committee); one that begins with "số"
    is a number, never a date ("Số quyết định kết nạp" is no decision date)."""
    date = field in DATE_FIELDS
    if (padded.startswith(" ngay ") and not date) or (padded.startswith(" so ") and date):
        return False
    words = phrase.split()
    at = padded.find(phrase)
    while at >= 0:
        before, after = padded[:at].split()[-1:], padded[at + len(phrase):].split()[:1]
        if not (before and f"{before[0]} {words[0]}" in _ONE_WORD) and not (after and f"{words[-1]} {after[0]}" in _ONE_WORD):
            return True
        at = padded.find(phrase, at + 1)
    return False


class Matcher:
    """A table kind's aliases, matched by the words a header holds: exactly, else the longest alias of two or
    more words standing as whole words inside it ("Số thẻ Đảng* (12 số theo HD38)" holds "số thẻ"), so that
    decorations (`*`, `(dd/mm/yyyy)`, `(không sửa)`, line breaks, extra words) never matter. One general
    mechanism; the alias lists name the facts, not every spelling."""

    def __init__(self, aliases: dict[str, str], facts: frozenset[str] = frozenset()) -> None:
        self.exact = aliases
        # the aliases of two words or more of every table kind: a part of a compound header naming a fact
        # this kind does not keep ("Họ và tên, Ngày sinh" on a transfers sheet) is still a part
        self.facts = facts
        # longest first: "ngay vao dang chinh thuc" (official) is tried before "ngay vao dang" (admission)
        self.phrases = sorted(((f" {a} ", f, a.count(" ") + 1) for a, f in aliases.items() if " " in a),
                              key=lambda p: -p[2])
        # a phrase stands in a header only where its first word does: each header tries those phrases alone
        self._starting: dict[str, list[int]] = {}
        for rank, (phrase, _, _) in enumerate(self.phrases):
            self._starting.setdefault(phrase.split()[0], []).append(rank)
        self._cache: dict[str, tuple[str | None, int]] = {}
        self._fields: dict[str, tuple[tuple[str | None, ...], int]] = {}

    def field(self, label: str) -> tuple[str | None, int]:
        """The field a header label names and how strongly (words matched; 100 for an exact alias)."""
        key = header_key(label)
        if IGNORED_WORDS & set(fold(label).split()):  # also inside a hint: "ID (UUID)"
            return (None, 0)
        # a hint in parentheses is ignored, unless the words with it are an alias: "Ngày vào Đảng (chính thức)"
        # is the official date, "Ngày vào Đảng (dự bị)" the admission
        whole = header_key(label.replace("(", " ").replace(")", " ")) if "(" in label else key
        if whole != key and whole in self.exact:
            return (self.exact[whole], 100)
        if key in self._cache:
            return self._cache[key]
        found: tuple[str | None, int] = (None, 0)
        if key and len(key) < 120:
            if key in self.exact:
                found = (self.exact[key], 100)
            else:
                padded = f" {key} "
                ranks = sorted({r for word in set(key.split()) for r in self._starting.get(word, ())})
                found = next(((f, n) for phrase, f, n in map(self.phrases.__getitem__, ranks)
                              if phrase in padded and _holds(padded, phrase, f)), (None, 0))
        self._cache[key] = found
        return found

    def fields(self, label: str) -> tuple[tuple[str | None, ...], int]:
        """The fields a header names, in order: one, or several for a compound header whose parts each name a
        field (two adjacent parts may name one together: "Nam, nữ"); ((), 0) when it names none."""
        if label not in self._fields:
            self._fields[label] = self._split(label)
        return self._fields[label]

    def _split(self, label: str) -> tuple[tuple[str | None, ...], int]:
        field, score = self.field(label)
        if score == 100:
            return (field,), score
        parts = [p for p in _PARTS.split(label) if header_key(p)]
        if len(parts) > 1:
            named: list[str | None] = []
            i = elsewhere = 0
            while i < len(parts):
                pair, strength = self.field(" ".join(parts[i:i + 2])) if i + 1 < len(parts) else (None, 0)
                if strength == 100:
                    named.append(pair)
                    i += 2
                    continue
                named.append(self.field(parts[i])[0])
                elsewhere += named[-1] is None and header_key(parts[i]) in self.facts
                i += 1
            # several facts; or one fact with a note on its next line ("Ngày từ trần\nLý do")
            if len({f for f in named if f}) + elsewhere > 1 or (any(named) and "\n" in label.strip()):
                return tuple(named), sum(1 for f in named if f) * 10
        return ((field,), score) if field else ((), 0)
