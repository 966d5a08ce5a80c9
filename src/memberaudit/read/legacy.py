"""Vietnamese typed in legacy 8-bit font encodings (TCVN3/ABC, VNI), detected per sheet and converted.

Workbooks made before Unicode was common show "§¶ng viªn" (TCVN3, .VnTime fonts) or "Ñaûng vieân" (VNI
fonts) for "Đảng viên": the file holds Latin-1 characters that only the old fonts drew as Vietnamese.
A sheet is converted when its text has such characters and no real Vietnamese letter at all.
"""

from __future__ import annotations

import re
import unicodedata

from memberaudit.model.lazy import pl

# TCVN3 (ABC): one byte per lowercase letter with its tone; uppercase letters with tones were drawn by
# the capital fonts (.VnTimeH) from the same lowercase codes, so they come back lowercase.
_TCVN3_LOWER = (
    "àáảãạ" "ăằắẳẵặ" "âầấẩẫậ" "đèéẻẽẹ" "êềếểễệ" "ìíỉĩị" "òóỏõọ" "ôồốổỗộ" "ơờớởỡợ" "ùúủũụ" "ưừứửữự" "ỳýỷỹỵ"
    "ĂÂĐÊÔƠƯ")
_TCVN3_CODES = (
    "µ¸¶·¹" "¨»¾¼½Æ" "©ÇÊÈÉË" "®ÌÐÎÏÑ" "ªÒÕÓÔÖ" "×ÝØÜÞ" "ßãáâä" "«åèæçé" "¬êíëìî" "ïóñòô" "\xadõøö÷ù" "úýûüþ"
    "¡¢§£¤¥¦")
TCVN3 = dict(zip(_TCVN3_CODES, _TCVN3_LOWER, strict=True))

# VNI: a base letter followed by shape and tone characters.
_TONES = {"": ("", ""), "\u0301": ("ù", "Ù"), "\u0300": ("ø", "Ø"), "\u0309": ("û", "Û"), "\u0303": ("õ", "Õ"),
          "\u0323": ("ï", "Ï")}
_CIRCUMFLEX = {"": ("â", "Â"), "\u0301": ("á", "Á"), "\u0300": ("à", "À"), "\u0309": ("å", "Å"),
               "\u0303": ("ã", "Ã"), "\u0323": ("ä", "Ä")}
_BREVE = {"": ("ê", "Ê"), "\u0301": ("é", "É"), "\u0300": ("è", "È"), "\u0309": ("ú", "Ú"), "\u0303": ("ü", "Ü"),
          "\u0323": ("ë", "Ë")}
_I = {"\u0301": ("í", "Í"), "\u0300": ("ì", "Ì"), "\u0309": ("æ", "Æ"), "\u0303": ("ó", "Ó"), "\u0323": ("ò", "Ò")}


def _vni_table() -> dict[str, str]:
    table = {"ñ": "đ", "Ñ": "Đ", "î": "ỵ", "Î": "Ỵ"}
    for tone in _TONES:
        for upper in (False, True):
            def put(base: str, code: str, tone=tone, upper=upper):
                letter = unicodedata.normalize("NFC", (base.upper() if upper else base) + tone)
                table.setdefault(code, letter)

            pick = 1 if upper else 0
            for vowel in "aeouy":
                if tone:
                    put(vowel, (vowel.upper() if upper else vowel) + _TONES[tone][pick])
            for vowel in "aeo":
                put(vowel + "\u0302", (vowel.upper() if upper else vowel) + _CIRCUMFLEX[tone][pick])
            put("a\u0306", ("A" if upper else "a") + _BREVE[tone][pick])
            put("o\u031b", ("Ô" if upper else "ô") + _TONES[tone][pick])
            put("u\u031b", ("Ö" if upper else "ö") + _TONES[tone][pick])
            if tone:
                put("i", _I[tone][pick])
    return table


VNI = _vni_table()
_VIETNAMESE_ONLY = {ch for ch in "".join(TCVN3.values()) + "".join(VNI.values()) if ord(ch) > 0xFF}
_LATIN1_VIETNAMESE = set("àáâãèéêìíòóôõùúýÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝ")  # letters Unicode Vietnamese text uses too
_TCVN3_MARKS = set(TCVN3) - _LATIN1_VIETNAMESE
_VNI_MARKS = "ùøûõïâáàåãäêéèúüëÙØÛÕÏÂÁÀÅÃÄÊÉÈÚÜË"
_VOWELS = "aeiouyAEIOUYôöÔÖ"
_VNI_PAIR = re.compile(f"[{_VOWELS}][{_VNI_MARKS}]|[ñÑöÖ]")
_TCVN3_HIT = re.compile(f"(?<![{_VOWELS}])[{''.join(sorted(_TCVN3_MARKS))}]")
_TCVN3_ANY = f"[{''.join(sorted(_TCVN3_MARKS))}]"  # (Polars' regexes look behind nothing)
# a letter no legacy font's text holds: a Unicode Vietnamese letter beyond Latin-1, or anything beyond Latin
_UNICODE_ONLY = f"[{''.join(sorted(c for c in _VIETNAMESE_ONLY if ord(c) <= 0x24F))}\u0250-\U0010FFFF]"


def detect(texts: list[str]) -> str | None:
    """"tcvn3", "vni" or None for a sample of a sheet's non-ASCII texts.

    VNI puts its marks after a vowel ("Ñaûng vieân"); TCVN3 replaces the whole vowel ("§¶ng viªn")."""
    if any(ch in _VIETNAMESE_ONLY or ord(ch) > 0x24F for text in texts for ch in text):
        return None  # real Unicode Vietnamese (or anything beyond Latin) is present
    vni = sum(len(_VNI_PAIR.findall(text)) for text in texts)
    tcvn3 = sum(len(_TCVN3_HIT.findall(text)) for text in texts)
    if not vni and not tcvn3:
        return None
    return "vni" if vni > tcvn3 else "tcvn3"


def convert_expr(expr, encoding: str):
    """An expression converting legacy text to Unicode (longest codes first), then NFC."""
    table = TCVN3 if encoding == "tcvn3" else VNI
    codes = sorted(table, key=len, reverse=True)
    return expr.str.replace_many(codes, [table[c] for c in codes], leftmost=True).str.normalize("NFC")


def convert_grid(grid, sample_rows: int = 200):
    """(grid converted to Unicode, the encoding found) — or (grid, None) when it is Unicode already.

    A sheet typed in a legacy font is converted whole. One typed in both (titles or headers retyped in
    Unicode over rows still in .VnTime) has its TCVN3 cells converted, each cell with legacy marks and no
    Vietnamese letter, when the sheet shows two of TCVN3's marks at least (one stray "®" beside Unicode
    names is a sign, not a font). VNI is converted only whole: its marks are Latin-1 letters Unicode
    Vietnamese writes too ("Toàn"), so no cell of a sheet typed in Unicode could be told from it."""
    head = grid.head(sample_rows)
    texts = {c: [v for v in head.get_column(c).to_list() if isinstance(v, str) and not v.isascii()]
             for c in grid.columns}
    encoding = detect([text for column in texts.values() for text in column])
    if encoding is not None:
        return grid.with_columns(convert_expr(pl.all(), encoding)), encoding
    if not _TCVN3_HIT.search("\n".join(text for column in texts.values() for text in column)):
        return grid, None  # (most sheets: looked at once, not cell by cell)
    legacy = {c: [t for t in column if detect([t]) == "tcvn3"] for c, column in texts.items()}
    if len({m for column in legacy.values() for text in column for m in _TCVN3_HIT.findall(text)}) < 2:
        return grid, None
    cell = lambda c: pl.col(c).str.contains(_TCVN3_ANY) & ~pl.col(c).str.contains(_UNICODE_ONLY)  # noqa: E731
    return grid.with_columns(pl.when(cell(c)).then(convert_expr(pl.col(c), "tcvn3")).otherwise(pl.col(c)).alias(c)
                             for c, column in legacy.items() if column), "tcvn3"


def convert_text(text: str, encoding: str) -> str:
    """Scalar conversion (tests and explanations)."""
    return pl.select(convert_expr(pl.lit(text), encoding)).item()
