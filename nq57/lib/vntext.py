"""Vietnamese text helpers: NFC, whitespace, diacritic folding, tone placement, roman numerals.

Pure standard library. Every function accepts any ``str`` and never raises on odd input.

``fold`` is the one key for comparing Vietnamese strings typed in different ways: it
lowercases, removes every diacritic (so 'hoà' and 'hòa', 'Hàng năm' and 'Hằng năm' fold
equal) and turns 'đ' into 'd'. ``fold_with_offsets`` gives the same string plus, for each
folded character, the index of the character of ``nfc(s)`` it came from, so a match found in
the folded text can be cut out of the text as printed.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = [
    "collapse_ws",
    "fold",
    "fold_with_offsets",
    "is_roman",
    "nfc",
    "normalize_tone",
    "roman_to_int",
]

# Characters that take no room: removed rather than turned into a space.
_ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
# Combining marks kept by folding: the slash of '≠', '≮', '≯' is meaning, not an accent.
_KEPT_MARKS = frozenset("\u0338")


def nfc(s: str) -> str:
    """The string in Unicode NFC (the form Vietnamese text is stored and compared in)."""
    return unicodedata.normalize("NFC", s)


def collapse_ws(s: str) -> str:
    """Every run of whitespace (spaces, tabs, newlines, NBSP, thin spaces…) as one space; stripped.

    Zero-width characters (ZWSP, ZWJ, BOM, soft hyphen) are removed.
    """
    if any(ch in _ZERO_WIDTH for ch in s):
        s = "".join(ch for ch in s if ch not in _ZERO_WIDTH)
    return " ".join(s.split())


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    lowered = ch.casefold().replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", lowered)
    kept = "".join(
        c for c in decomposed if c in _KEPT_MARKS or unicodedata.category(c) not in ("Mn", "Me")
    )
    return unicodedata.normalize("NFC", kept)


def fold_with_offsets(s: str) -> tuple[str, list[int]]:
    """``fold(s)`` and, for each of its characters, the index in ``nfc(s)`` it comes from.

    >>> fold_with_offsets("Đà  Nẵng")
    ('da nang', [0, 1, 2, 4, 5, 6, 7])
    """
    text = nfc(s)
    out: list[str] = []
    offsets: list[int] = []
    pending_space = -1
    for i, ch in enumerate(text):
        if ch in _ZERO_WIDTH:
            continue
        if ch.isspace():
            if out and pending_space < 0:
                pending_space = i
            continue
        folded = _fold_char(ch)
        if not folded:
            continue
        if pending_space >= 0:
            out.append(" ")
            offsets.append(pending_space)
            pending_space = -1
        for c in folded:
            out.append(c)
            offsets.append(i)
    return "".join(out), offsets


class _FoldTable(dict[int, str]):
    """`str.translate` table filled on first use of each character (fast path of `fold`)."""

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        folded = " " if ch.isspace() else "" if ch in _ZERO_WIDTH else _fold_char(ch)
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def fold(s: str) -> str:
    """Comparison key: NFC, casefolded, without diacritics, 'đ'→'d', whitespace collapsed.

    >>> fold("  Chuyển  Đổi Số ")
    'chuyen doi so'
    """
    return " ".join(nfc(s).translate(_FOLD_TABLE).split())


# Tone marks (as combining characters after NFD). Other marks (circumflex, breve, horn) are part
# of the vowel letter and never move.
_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
_WORD = re.compile(r"[^\W\d_]+")
# An open syllable whose rhyme is exactly oa / oe / uy. 'q' is left out of the onset on purpose:
# in 'quý', 'quỳ' the 'u' belongs to the onset 'qu' and the tone rightly sits on 'y'.
_OLD_STYLE = re.compile(r"([bcdđghklmnprstvx]*)(oa|oe|uy)")


def _retone(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    tones = [c for c in decomposed if c in _TONES]
    if len(tones) != 1:
        return word
    base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
    match = _OLD_STYLE.fullmatch(base.lower())
    if match is None:
        return word
    first = len(match.group(1))
    moved = unicodedata.normalize("NFC", base[first] + tones[0])
    return base[:first] + moved + base[first + 1 :]


def normalize_tone(s: str) -> str:
    """Tone mark of open oa/oe/uy syllables on the first vowel: 'hoà'→'hòa', 'thuỷ'→'thủy'.

    This is the placement used by the quốc hiệu ('CỘNG HÒA') and most administrative documents.
    Case is preserved ('UỶ BAN'→'ỦY BAN'); closed syllables ('hoàn', 'thuyền'), three-vowel
    rhymes ('ngoài') and 'qu' words ('quý') are left alone, as is all other text. Returns NFC.
    """
    return _WORD.sub(lambda m: _retone(m.group(0)), nfc(s))


_ROMAN = re.compile(r"M{0,4}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


def roman_to_int(s: str) -> int | None:
    """Value of a (well-formed) roman numeral, case-insensitive; None if ``s`` is not one.

    Surrounding whitespace and one trailing '.' (as in a section heading 'II.') are ignored.

    >>> roman_to_int("xiv"), roman_to_int("IIII"), roman_to_int("")
    (14, None, None)
    """
    text = s.strip()
    if text.endswith("."):
        text = text[:-1].rstrip()
    text = text.upper()
    if not text or _ROMAN.fullmatch(text) is None:
        return None
    total = 0
    for i, ch in enumerate(text):
        value = _ROMAN_VALUES[ch]
        if i + 1 < len(text) and _ROMAN_VALUES[text[i + 1]] > value:
            total -= value
        else:
            total += value
    return total


def is_roman(s: str) -> bool:
    """Whether ``s`` is a well-formed roman numeral (see ``roman_to_int``)."""
    return roman_to_int(s) is not None
