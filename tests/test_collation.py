"""Vietnamese order for the lists people read (issue 16): letters in the Vietnamese alphabet, letters before
tones, and official lists by given name, family name, middle names, then the earlier birth date."""

from __future__ import annotations

from datetime import date

import pytest

from memberaudit.model.collation import name_order, text_key


@pytest.mark.parametrize("words, expected", [
    (["Ảnh", "Ánh", "Anh"], ["Anh", "Ảnh", "Ánh"]),  # plain sorted(): Anh, Ánh, Ảnh
    (["Ân", "Ăn", "An"], ["An", "Ăn", "Ân"]),  # plain sorted(): An, Ân, Ăn
    (["Ưng", "Uyên", "Vân"], ["Uyên", "Ưng", "Vân"]),
    (["Đức", "Dũng", "Dung"], ["Dung", "Dũng", "Đức"]),
    (["Hoà", "Hóa", "Hoa", "Hỏa", "Hõa", "Họa"], ["Hoa", "Hoà", "Hỏa", "Hõa", "Hóa", "Họa"]),
    (["Ơn", "Ôn", "On", "Ong"], ["On", "Ong", "Ôn", "Ơn"]),
])
def test_words_in_vietnamese_order(words, expected):
    assert sorted(words, key=text_key) == expected


def test_plain_sorting_gets_these_wrong():
    """Why a collation of our own: code-point order puts Ánh before Ảnh and Ân before Ăn."""
    assert sorted(["Ảnh", "Ánh", "Anh"]) != sorted(["Ảnh", "Ánh", "Anh"], key=text_key)
    assert sorted(["Ân", "Ăn"]) != sorted(["Ân", "Ăn"], key=text_key)


def test_official_lists_order_by_given_then_family_then_middle_then_birth():
    people = [("Nguyễn Văn Bình", date(1980, 1, 1)), ("Trần Thị Anh", date(1990, 1, 1)),
              ("Lê Văn Bình", date(1975, 1, 1)), ("Lê Văn Bình", date(1970, 1, 1)), ("Lê An Bình", date(1999, 1, 1)),
              ("Đỗ Ánh", date(1985, 1, 1))]
    ordered = sorted(people, key=lambda p: name_order(*p))
    assert ordered == [("Trần Thị Anh", date(1990, 1, 1)), ("Đỗ Ánh", date(1985, 1, 1)),
                       ("Lê An Bình", date(1999, 1, 1)), ("Lê Văn Bình", date(1970, 1, 1)),
                       ("Lê Văn Bình", date(1975, 1, 1)), ("Nguyễn Văn Bình", date(1980, 1, 1))]


def test_against_icu_where_it_is_installed():
    icu = pytest.importorskip("icu")
    collator = icu.Collator.createInstance(icu.Locale("vi_VN"))
    words = ["Anh", "Ánh", "Ảnh", "Ăn", "Ân", "An", "Dũng", "Đức", "Uyên", "Ưng", "Ơn", "Ôn", "Hoà", "Hòa", "Họa"]
    assert sorted(words, key=text_key) == sorted(words, key=collator.getSortKey)
