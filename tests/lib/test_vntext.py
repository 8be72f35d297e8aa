"""nq57.lib.vntext: NFC, whitespace, folding, tone placement, roman numerals."""

import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nq57.lib.vntext import (
    collapse_ws,
    fold,
    fold_with_offsets,
    is_roman,
    nfc,
    normalize_tone,
    roman_to_int,
)


def test_it_composes_decomposed_vietnamese():
    decomposed = unicodedata.normalize("NFD", "Thường xuyên")
    assert decomposed != "Thường xuyên"
    assert nfc(decomposed) == "Thường xuyên"


def test_it_collapses_every_kind_of_whitespace_to_one_space():
    assert collapse_ws("  Sở\u00a0Nội \t vụ\n thành\u2009phố  ") == "Sở Nội vụ thành phố"


def test_it_removes_zero_width_characters():
    assert collapse_ws("Hằng\u200b năm\ufeff") == "Hằng năm"


def test_it_folds_case_diacritics_and_d_bar():
    assert fold("Chuyển Đổi Số") == "chuyen doi so"
    assert fold("  ĐỊNH   KỲ hàng năm ") == "dinh ky hang nam"


def test_it_folds_old_and_new_tone_placement_equal():
    assert fold("hoà") == fold("hòa") == "hoa"
    assert fold("Thuỷ") == fold("thủy") == "thuy"
    assert fold("Hàng năm") == fold("Hằng năm")


def test_it_folds_decomposed_input_like_composed_input():
    assert fold(unicodedata.normalize("NFD", "Quý IV năm 2025")) == "quy iv nam 2025"


def test_it_keeps_symbols_when_folding():
    assert fold("≥ 80%") == "≥ 80%"
    assert fold("≠ 5") == "≠ 5"


def test_it_maps_each_folded_character_back_to_the_printed_text():
    folded, offsets = fold_with_offsets("Đà  Nẵng")
    assert folded == "da nang"
    assert offsets == [0, 1, 2, 4, 5, 6, 7]
    start = folded.index("nang")
    assert "Đà  Nẵng"[offsets[start] : offsets[start + 3] + 1] == "Nẵng"


@given(st.text())
def test_it_gives_one_offset_per_folded_character(s):
    folded, offsets = fold_with_offsets(s)
    assert len(folded) == len(offsets)
    assert offsets == sorted(offsets)
    assert folded == fold(s)
    assert folded == folded.strip()
    assert "  " not in folded


@given(st.text())
def test_it_folds_idempotently(s):
    assert fold(fold(s)) == fold(s)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("hoà", "hòa"),
        ("thuỷ", "thủy"),
        ("khoẻ", "khỏe"),
        ("Hoà Bình", "Hòa Bình"),
        ("CỘNG HOÀ", "CỘNG HÒA"),
        ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
        ("UỶ BAN", "ỦY BAN"),
        ("tuỳ theo", "tùy theo"),
        ("luỹ kế", "lũy kế"),
        ("hoạ sĩ", "họa sĩ"),
    ],
)
def test_it_moves_the_tone_of_open_oa_oe_uy_syllables_to_the_first_vowel(old, new):
    assert normalize_tone(old) == new


@pytest.mark.parametrize(
    "text",
    ["hoàn thành", "thuyền", "ngoài", "quý", "Quý IV", "khuya", "hòa", "thủy", "Thường xuyên"],
)
def test_it_leaves_other_syllables_unchanged(text):
    assert normalize_tone(text) == text


def test_it_returns_nfc_from_normalize_tone():
    assert normalize_tone(unicodedata.normalize("NFD", "hoà")) == "hòa"


@given(st.text())
def test_it_never_changes_the_folded_form_when_moving_tones(s):
    assert fold(normalize_tone(s)) == fold(s)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("I", 1),
        ("ii", 2),
        ("III", 3),
        ("IV", 4),
        ("IX", 9),
        ("XIV", 14),
        ("XIX", 19),
        ("XX", 20),
        ("XL", 40),
        ("MMXXV", 2025),
        (" II. ", 2),
    ],
)
def test_it_reads_roman_numerals(text, value):
    assert roman_to_int(text) == value
    assert is_roman(text)


@pytest.mark.parametrize("text", ["", "IIII", "VV", "IC", "A", "1", "I I", "Quý"])
def test_it_rejects_what_is_not_a_roman_numeral(text):
    assert roman_to_int(text) is None
    assert not is_roman(text)


def _to_roman(n):
    pairs = [
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ]  # fmt: skip
    out = ""
    for value, letters in pairs:
        while n >= value:
            out += letters
            n -= value
    return out


@given(st.integers(min_value=1, max_value=3999))
def test_it_reads_back_every_standard_roman_numeral(n):
    assert roman_to_int(_to_roman(n)) == n
    assert roman_to_int(_to_roman(n).lower()) == n
