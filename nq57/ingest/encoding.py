"""Turn the bytes of an uploaded plain-text plan into Unicode (NFC) text.

Order of checks in `decode_text`:

1. size (`check_size`, before anything is decoded);
2. empty file;
3. known binary formats by magic number (PDF, ZIP/DOCX/XLSX, OLE2 .doc/.xls, images, RTF, ...);
4. byte-order marks: UTF-8 (`utf-8-sig`), UTF-16 LE/BE (`utf-16`);
5. other binary content (NUL bytes, many control characters);
6. valid UTF-8 (plain ASCII included) -> NFC; if it reads as TCVN3/VNI text that was once
   read as cp1252 ('Uû ban nh©n d©n', a '.VnTime' text pasted into a Unicode editor), that
   text is converted too (same for the BOM cases);
7. legacy Vietnamese 8-bit encodings, converted to Unicode NFC: TCVN3 (ABC, the '.VnTime'
   fonts, TCVN 5712:1993 VN3), VNI-Windows ('VNI-Times' fonts) and Windows-1258. Each candidate
   decoding is scored by the share of its words that are well-formed Vietnamese syllables;
   the best one wins, and if none looks like Vietnamese the file is refused.

Tables (checked against two independent public tables, see tests/ingest/test_encoding.py):

* TCVN3: the 74 letter bytes of TCVN 5712:1993 VN3 (the X11 'TCVN' table lists VN1, whose
  lowercase and 7 uppercase slots VN3 shares). VN3 has its own bytes only for the uppercase
  letters Ă Â Ê Ô Ơ Ư Đ; other uppercase toned vowels (Ấ, Ủ, ...) are written with the
  lowercase byte and shown in capitals by the '.VnTimeH'-style fonts. Such bytes therefore
  decode to lowercase letters; TCVN3 decoding re-capitalises lines that look like headings
  typed in such a font ('KÕ HO¹CH' -> 'KẾ HOẠCH', rule at `_is_heading_word`), and
  `convert_legacy_run` capitalises runs in an uppercase ('...H') font. The VN1-only capitals
  of TCVN 5712 (bytes 0x01-0x17, 0x80-0x9F, ...) are not supported: bytes outside the table
  keep their Windows-1252 meaning (curly quotes, dashes).
* VNI-Windows: a base letter followed by one mark byte (tone, or circumflex/breve with or
  without tone), plus 18 single-byte letters (ì í ỉ ĩ ị ỵ ơ ư đ and capitals). Mark bytes are
  mapped to Unicode combining marks and the result is NFC-composed.
* Windows-1258: Python's `cp1258` codec (base letters plus combining tone marks) then NFC.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any, cast

from nq57.ingest.model import IngestError

__all__ = [
    "ENCODING_LABELS",
    "MAX_BYTES",
    "TCVN3_LETTERS",
    "VNI_LETTERS",
    "VNI_MARKS",
    "DecodedText",
    "check_size",
    "convert_legacy_run",
    "convert_legacy_string",
    "decode_legacy",
    "decode_text",
    "legacy_encoding_for_font",
]

MAX_BYTES = 20 * 1024 * 1024
"""Largest accepted text file (a real plan is well under 2 MB)."""

ENCODING_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "utf-8": "UTF-8",
        "utf-8-sig": "UTF-8 (có BOM)",
        "utf-16": "UTF-16",
        "cp1258": "Windows-1258",
        "tcvn3": "TCVN3 (ABC)",
        "vni": "VNI Windows",
    }
)
"""Human-readable names of the values of `DecodedText.encoding` (for messages in the UI)."""

_LEGACY_ENCODINGS = ("tcvn3", "vni", "cp1258")


@dataclass(frozen=True)
class DecodedText:
    """Decoded file. `encoding` names the character table the text was in ('utf-8',
    'utf-8-sig', 'utf-16', 'cp1258', 'tcvn3' or 'vni'; see ENCODING_LABELS); `converted` is
    True when it was a legacy Vietnamese table and the text was converted to Unicode."""

    text: str  # Unicode, NFC
    encoding: str
    converted: bool


# --------------------------------------------------------------------------- messages

_MSG_EMPTY = "Tệp rỗng: không có nội dung để đọc."
_MSG_BINARY = "Tệp nhị phân, không đọc được như văn bản."
_MSG_UNKNOWN = "Không nhận ra bảng mã của tệp (không phải UTF-8, TCVN3 hay VNI)."
_MSG_PDF = "Tệp này là PDF, không phải văn bản thuần; hãy dùng chức năng nhập PDF."
_MSG_DOCX = (
    "Tệp này là tài liệu Word (DOCX), không phải văn bản thuần; hãy dùng chức năng nhập DOCX."
)
_MSG_XLSX = "Tệp này là bảng tính Excel (XLSX), không phải văn bản thuần."
_MSG_PPTX = "Tệp này là bản trình chiếu PowerPoint (PPTX), không phải văn bản thuần."
_MSG_ODF = "Tệp này là tài liệu OpenDocument (ODT/ODS), không phải văn bản thuần."
_MSG_ZIP = "Tệp này là tệp nén ZIP, không phải văn bản thuần; hãy giải nén trước."
_MSG_OLE = (
    "Tệp này là tài liệu Word/Excel định dạng cũ (.doc/.xls), không phải văn bản thuần; "
    "hãy mở bằng Word hoặc Excel và lưu lại dưới dạng DOCX/XLSX."
)
_MSG_RTF = "Tệp này là RTF, không phải văn bản thuần; hãy mở bằng Word và lưu lại dưới dạng DOCX."


def _image_message(kind: str) -> str:
    return f"Tệp này là ảnh {kind}, không phải văn bản thuần."


def _archive_message(kind: str) -> str:
    return f"Tệp này là tệp nén {kind}, không phải văn bản thuần; hãy giải nén trước."


# --------------------------------------------------------------------------- size


def _format_mb(n: int) -> str:
    mb = n / (1024 * 1024)
    if mb == int(mb):
        return str(int(mb))
    return f"{mb:.1f}".replace(".", ",")


def check_size(n: int) -> None:
    """Refuse a file of `n` bytes when it is larger than `MAX_BYTES` (call before reading it)."""
    if n > MAX_BYTES:
        size = f"{n / (1024 * 1024):.1f}".replace(".", ",")
        raise IngestError(f"Tệp quá lớn ({size} MB); giới hạn là {_format_mb(MAX_BYTES)} MB.")


# --------------------------------------------------------------------------- tables

# Windows-1252 for every byte; the 5 undefined bytes keep their Latin-1 code point (as WHATWG
# does), so every byte has exactly one character and the mapping is reversible.
_CP1252_CHARS = "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in range(256))

TCVN3_LETTERS: Mapping[int, str] = MappingProxyType(
    {
        # capitals that have their own byte
        0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
        # lowercase shaped letters
        0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
        # toned vowels (grave, hook, tilde, acute, dot below)
        0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
        0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
        0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
        0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
        0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
        0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
        0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
        0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
        0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
        0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
        0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
        0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
    }
)  # fmt: skip
"""TCVN3 (ABC, TCVN 5712:1993 VN3): byte -> letter. Other bytes mean what they mean in cp1252."""

_GRAVE, _ACUTE, _TILDE, _HOOK, _DOT = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
_CIRC, _BREVE = "\u0302", "\u0306"

_VNI_MARKS_LOWER = {
    0xF8: _GRAVE, 0xF9: _ACUTE, 0xFB: _HOOK, 0xF5: _TILDE, 0xEF: _DOT,
    0xE2: _CIRC, 0xE0: _CIRC + _GRAVE, 0xE1: _CIRC + _ACUTE, 0xE5: _CIRC + _HOOK,
    0xE3: _CIRC + _TILDE, 0xE4: _CIRC + _DOT,
    0xEA: _BREVE, 0xE8: _BREVE + _GRAVE, 0xE9: _BREVE + _ACUTE, 0xFA: _BREVE + _HOOK,
    0xFC: _BREVE + _TILDE, 0xEB: _BREVE + _DOT,
}  # fmt: skip
_VNI_LETTERS_LOWER = {
    0xEC: "ì", 0xED: "í", 0xE6: "ỉ", 0xF3: "ĩ", 0xF2: "ị", 0xEE: "ỵ",
    0xF4: "ơ", 0xF6: "ư", 0xF1: "đ",
}  # fmt: skip

VNI_MARKS: Mapping[int, str] = MappingProxyType(
    {**_VNI_MARKS_LOWER, **{b - 0x20: m for b, m in _VNI_MARKS_LOWER.items()}}
)
"""VNI-Windows mark bytes (written after the base letter) -> Unicode combining marks.

Lowercase letters use bytes 0xE0-0xFC, capitals the same byte minus 0x20."""

VNI_LETTERS: Mapping[int, str] = MappingProxyType(
    {**_VNI_LETTERS_LOWER, **{b - 0x20: c.upper() for b, c in _VNI_LETTERS_LOWER.items()}}
)
"""VNI-Windows bytes that are a whole letter on their own -> letter."""


def _byte_table(overrides: Mapping[int, str]) -> dict[int, str]:
    table = {b: _CP1252_CHARS[b] for b in range(256)}
    table.update(overrides)
    return table


_TCVN3_BYTES = "".join(_byte_table(TCVN3_LETTERS).values())  # 256 chars, for charmap_decode
_VNI_BYTES = _byte_table({**VNI_LETTERS, **VNI_MARKS})  # values may be 2 chars long


def _str_table(overrides: Mapping[int, str]) -> dict[int, str]:
    """str.translate table for text whose legacy bytes were read as cp1252 or Latin-1."""
    table: dict[int, str] = {}
    for b, target in overrides.items():
        table[ord(_CP1252_CHARS[b])] = target
        table[b] = target  # Latin-1 reading (differs from cp1252 only for 0x80-0x9F)
    return table


_TCVN3_STR = _str_table(TCVN3_LETTERS)
_VNI_STR = _str_table({**VNI_LETTERS, **VNI_MARKS})


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# TCVN3 headings were typed in an uppercase font ('.VnTimeH'), with lowercase bytes for the
# toned vowels. A line is taken as such a heading when it has no lowercase ASCII letter and a
# word with a lowercase legacy letter that is either before a capital ('ñY', 'MôC') or in a word
# with two capitals ('NGHÖ'): 'KÕ HO¹CH' -> 'KẾ HOẠCH', but 'Sè: 91/KH-UBND' stays 'Số: ...'.
_LINE_RE = re.compile(r"[^\n]+")
_ASCII_LOWER_RE = re.compile(r"[a-z]")


def _is_heading_word(word: str) -> bool:
    capitals = [i for i, ch in enumerate(word) if "A" <= ch <= "Z"]
    lowers = [i for i, ch in enumerate(word) if ch.islower() and not ch.isascii()]
    return bool(capitals and lowers) and (len(capitals) >= 2 or lowers[0] < capitals[-1])


def _capitalise_heading(match: re.Match[str]) -> str:
    line = match.group()
    if _ASCII_LOWER_RE.search(line) is None and any(map(_is_heading_word, line.split())):
        return line.upper()
    return line


def _tcvn3_post(text: str) -> str:
    text = _nfc(text)
    if text.upper() == text:
        return text
    return _LINE_RE.sub(_capitalise_heading, text)


def _charmap(data: bytes, table: str | dict[int, str]) -> str:
    # typeshed only describes the encoding direction of charmap_decode's mapping argument
    return codecs.charmap_decode(data, "strict", cast(Any, table))[0]


def decode_legacy(data: bytes, encoding: str) -> str:
    """Decode bytes known to be in `encoding` ('tcvn3', 'vni' or 'cp1258') into NFC text."""
    if encoding == "tcvn3":
        return _tcvn3_post(_charmap(data, _TCVN3_BYTES))
    if encoding == "vni":
        return _nfc(_charmap(data, _VNI_BYTES))
    if encoding == "cp1258":
        return _nfc(data.decode("cp1258", errors="replace"))
    raise ValueError(f"unknown legacy encoding: {encoding!r}")


def convert_legacy_string(s: str, encoding: str) -> str:
    """Convert text that was legacy bytes wrongly read as cp1252/Latin-1 into Unicode NFC.

    E.g. a DOCX run in the '.VnTime' font holds 'Uû ban nh©n d©n' -> 'Uỷ ban nhân dân'.
    `encoding` is 'tcvn3' or 'vni'. Use it only on text known to be legacy (by its font, or by
    `decode_text`'s check): every cp1252/Latin-1 character is taken as a legacy byte (a real
    'ô' becomes VNI 'ơ'); characters beyond them (e.g. 'ế') are left unchanged.
    """
    if encoding == "tcvn3":
        return _tcvn3_post(s.translate(_TCVN3_STR))
    if encoding == "vni":
        return _nfc(s.translate(_VNI_STR))
    raise ValueError(f"unknown legacy encoding: {encoding!r}")


def legacy_encoding_for_font(font_name: str) -> str | None:
    """'tcvn3' for ABC fonts ('.VnTime', '.VnTimeH', ...), 'vni' for 'VNI-Times' etc., else None."""
    name = font_name.strip().lower()
    if name.startswith(".vn"):
        return "tcvn3"
    if name.startswith(("vni-", "vni ")):
        return "vni"
    return None


def convert_legacy_run(text: str, font_name: str) -> str:
    """Convert a DOCX/XLSX run according to its font; non-legacy fonts are returned unchanged.

    TCVN3 fonts whose name ends in 'H' ('.VnTimeH', '.VnArialH') show every letter as a capital,
    so their text is upper-cased.
    """
    encoding = legacy_encoding_for_font(font_name)
    if encoding is None:
        return text
    converted = convert_legacy_string(text, encoding)
    if encoding == "tcvn3" and font_name.strip().endswith("H"):
        converted = converted.upper()
    return converted


# --------------------------------------------------------------------------- Vietnamese words

_TONES = {_GRAVE: 1, _ACUTE: 2, _TILDE: 3, _HOOK: 4, _DOT: 5}
_STOP_TONES = frozenset({2, 5})  # syllables ending in -c, -ch, -p, -t take only acute or dot


def _letter_table() -> dict[str, tuple[str, int]]:
    """Lowercase letter -> (letter without tone, tone number 0-5)."""
    table: dict[str, tuple[str, int]] = {c: (c, 0) for c in "bcdđghklmnpqrstvx"}
    for vowel in "aăâeêioôơuưy":
        table[vowel] = (vowel, 0)
        for mark, tone in _TONES.items():
            table[_nfc(vowel + mark)] = (vowel, tone)
    return table


_LETTERS = _letter_table()

_ONSET = "ngh|ng|gh|gi|kh|nh|ph|th|tr|ch|qu|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
_RHYMES = """
a ai ao au ay ac ach am an ang anh ap at
ă ăc ăm ăn ăng ăp ăt
â âc âm ân âng âp ât âu ây
e ec em en eng ep et eo
ê êch êm ên ênh êp êt êu
i ia ich im in inh ip it iu iêc iêm iên iêng iêp iêt iêu
o oc om on ong op ot oi oa oac oach oai oam oan oang oanh oap oat oao oay
oăc oăm oăn oăng oăt oe oen oet oeo oong ooc
ô ôc ôm ôn ông ôp ôt ôi
ơ ơi ơm ơn ơp ơt
u uc um un ung up ut ui ua uân uâng uât uây uê uêch uênh uy uya uych uyên uyêt uynh uyt
uyu uôc uôi uôm uôn uông uôt uơ
ư ưa ưc ưi ưm ưn ưng ưt ưu ươc ươi ươm ươn ương ươp ươt ươu
y yêm yên yêt yêu
""".split()  # noqa: SIM905
_SYLLABLE_RE = re.compile(f"(?:{_ONSET})?(?:{'|'.join(sorted(_RHYMES, key=len, reverse=True))})")


@lru_cache(maxsize=65536)
def _is_syllable(word: str) -> bool:
    """Is `word` (lowercase NFC) a well-formed Vietnamese syllable?"""
    bare: list[str] = []
    tone = 0
    for ch in word:
        info = _LETTERS.get(ch)
        if info is None:
            return False
        if info[1]:
            if tone:
                return False
            tone = info[1]
        bare.append(info[0])
    toneless = "".join(bare)
    if _SYLLABLE_RE.fullmatch(toneless) is None:
        return False
    return not (toneless.endswith(("c", "p", "t", "ch")) and tone not in _STOP_TONES)


_COMMON_WORDS = frozenset(
    """của và các những được trong cho với người việc thực hiện nhiệm vụ kế hoạch chuyển đổi
    số ủy uỷ nhân dân phát triển công nghệ học mới sáng tạo năm tỉnh huyện xã quận phường thành
    phố sở ngành đơn vị chủ trì phối hợp tổ chức quản lý nghị quyết chính phủ quốc đến từ về
    là có này theo khai giải pháp mục tiêu chỉ đạo điều hành tăng cường đẩy mạnh xây dựng""".split()  # noqa: SIM905
)

# Word = run of characters that are not whitespace, digits or common punctuation; garbage
# symbols from a wrong decoding stay inside the word and make it invalid.
_WORD_RE = re.compile("[^\\s0-9" + re.escape("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~“”‘’„…–—•") + "]+")
_ABBREVIATION_RE = re.compile("[A-ZĐ]+")
# Detection reads the start of the file only (more of it when that has few accented words).
_SAMPLE_BYTES = 16 * 1024
_LONG_SAMPLE_BYTES = 256 * 1024
_ENOUGH_WORDS = 50
_MIN_SCORE = 0.6  # below this share of valid syllables the text is not taken as Vietnamese


def _vietnamese_score(text: str) -> tuple[float, int]:
    """(score, number of non-ASCII words); score ~ share of valid syllables among them."""
    total = valid = common = 0
    for word, count in Counter(_WORD_RE.findall(text)).items():
        if word.isascii() or _ABBREVIATION_RE.fullmatch(word):
            continue
        total += count
        lower = word.lower()
        if _is_syllable(lower):
            valid += count
            if lower in _COMMON_WORDS:
                common += count
    if total == 0:
        return 0.0, 0
    return (valid + 0.25 * common) / total, total


# --------------------------------------------------------------------------- binary sniffing

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", _MSG_PDF),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", _MSG_OLE),
    (b"\x89PNG\r\n\x1a\n", _image_message("PNG")),
    (b"\xff\xd8\xff", _image_message("JPEG")),
    (b"GIF87a", _image_message("GIF")),
    (b"GIF89a", _image_message("GIF")),
    (b"II*\x00", _image_message("TIFF")),
    (b"MM\x00*", _image_message("TIFF")),
    (b"{\\rtf", _MSG_RTF),
    (b"\x1f\x8b", _archive_message("GZIP")),
    (b"7z\xbc\xaf\x27\x1c", _archive_message("7Z")),
    (b"Rar!\x1a\x07", _archive_message("RAR")),
)
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")

# Control characters that do not occur in text (tab, LF, VT, FF, CR and DOS EOF 0x1A are fine).
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1A), *range(0x1B, 0x20), 0x7F])
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if b not in _CONTROL_BYTES)
_CONTROL_CHARS_RE = re.compile("[" + re.escape(_CONTROL_BYTES.decode("ascii")) + "]")
_MAX_CONTROL_SHARE = 0.01


def _zip_message(data: bytes) -> str:
    if b"word/" in data:
        return _MSG_DOCX
    if b"xl/workbook" in data:
        return _MSG_XLSX
    if b"ppt/presentation" in data:
        return _MSG_PPTX
    if b"application/vnd.oasis.opendocument" in data:
        return _MSG_ODF
    return _MSG_ZIP


def _check_magic(data: bytes) -> None:
    if data.startswith(_ZIP_MAGIC):
        raise IngestError(_zip_message(data))
    for magic, message in _MAGIC:
        if data.startswith(magic):
            raise IngestError(message)


def _check_binary_bytes(data: bytes) -> None:
    if b"\x00" in data:
        raise IngestError(_MSG_BINARY)
    controls = len(data.translate(None, _NOT_CONTROL_BYTES))
    if controls > _MAX_CONTROL_SHARE * len(data):
        raise IngestError(_MSG_BINARY)


def _check_binary_text(text: str) -> None:
    controls = len(_CONTROL_CHARS_RE.findall(text))
    if controls > _MAX_CONTROL_SHARE * max(len(text), 1):
        raise IngestError(_MSG_BINARY)


# --------------------------------------------------------------------------- decode


def _finish(text: str, encoding: str) -> DecodedText:
    if not text.strip():
        raise IngestError(_MSG_EMPTY)
    return DecodedText(text=text, encoding=encoding, converted=encoding in _LEGACY_ENCODINGS)


def _from_unicode(text: str, encoding: str) -> DecodedText:
    """NFC; and undo legacy text saved as Unicode after being read as cp1252 (a '.VnTime' text
    pasted into Notepad gives 'Uû ban nh©n d©n' in UTF-8): then `encoding` is 'tcvn3'/'vni'."""
    text = _nfc(text)
    sample = text[: _SAMPLE_BYTES // 2]
    score, words = _vietnamese_score(sample)
    if words and score < _MIN_SCORE:
        best = max(
            (_vietnamese_score(convert_legacy_string(sample, legacy))[0], legacy)
            for legacy in ("tcvn3", "vni")
        )
        if best[0] >= _MIN_SCORE:
            return _finish(convert_legacy_string(text, best[1]), best[1])
    return _finish(text, encoding)


def _decode_bom(data: bytes) -> DecodedText | None:
    if data.startswith(codecs.BOM_UTF8):
        encoding, codec = "utf-8-sig", "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, codec = "utf-16", "utf-16"
    else:
        return None
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        raise IngestError(
            f"Tệp có dấu BOM {ENCODING_LABELS[encoding]} nhưng nội dung không giải mã được."
        ) from None
    _check_binary_text(text)
    return _from_unicode(text, encoding)


def _best_guess(sample: bytes) -> tuple[float, int, str]:
    """(score, non-ASCII words seen, encoding) of the best reading of `sample`."""
    best: tuple[float, int, str] = (0.0, 0, "")
    max_words = 0
    for priority, encoding in enumerate(reversed(_LEGACY_ENCODINGS)):  # ties: tcvn3 > vni
        score, words = _vietnamese_score(decode_legacy(sample, encoding))
        max_words = max(max_words, words)
        best = max(best, (score, priority, encoding))
    # A UTF-8 file with a few broken bytes: keep it as UTF-8 if it still reads best.
    utf8 = sample.decode("utf-8", errors="replace")
    non_ascii = len(utf8) - len(utf8.encode("ascii", errors="ignore"))
    if utf8.count("\ufffd") * 100 <= non_ascii:
        best = max(best, (_vietnamese_score(utf8)[0], len(_LEGACY_ENCODINGS), "utf-8"))
    return best[0], max_words, best[2]


def _decode_guess(data: bytes) -> DecodedText:
    """Pick the legacy encoding (or slightly damaged UTF-8) under which the text reads best."""
    score, words, encoding = _best_guess(data[:_SAMPLE_BYTES])
    if words < _ENOUGH_WORDS and len(data) > _SAMPLE_BYTES:
        score, words, encoding = _best_guess(data[:_LONG_SAMPLE_BYTES])
    if words == 0:
        # The only non-ASCII bytes are punctuation (curly quotes, dashes): cp1258 = cp1252 there.
        return _finish(decode_legacy(data, "cp1258"), "cp1258")
    if score < _MIN_SCORE:
        raise IngestError(_MSG_UNKNOWN)
    if encoding == "utf-8":
        return _finish(_nfc(data.decode("utf-8", errors="replace")), "utf-8")
    return _finish(decode_legacy(data, encoding), encoding)


def decode_text(data: bytes) -> DecodedText:
    """Decode an uploaded text file; raise `IngestError` (Vietnamese message) if it is not text."""
    check_size(len(data))
    if not data:
        raise IngestError(_MSG_EMPTY)
    _check_magic(data)
    bom = _decode_bom(data)
    if bom is not None:
        return bom
    _check_binary_bytes(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return _decode_guess(data)
    return _from_unicode(text, "utf-8")
