"""Tests for nq57.ingest.encoding: size limit, binary sniffing, encoding detection, legacy tables.

The legacy tables are checked two ways:

* round trips through encoders written here from the module's own tables (TCVN3_LETTERS,
  VNI_LETTERS, VNI_MARKS), over a real plan paragraph and all 134 Vietnamese letters;
* byte fixtures written independently from published tables: the TCVN 5712 (VN1) table of
  the X11 'TCVNtoUCS2' converter, whose lowercase and 7 uppercase slots VN3/ABC shares, and the
  VNI-Windows / TCVN3 tables of the 'vietnamese-conversion' npm package; plus real-world TCVN3
  strings ('B¶o Th¾ng' = 'Bảo Thắng', 'Uû ban nh©n d©n').
"""

from __future__ import annotations

import dataclasses
import io
import random
import time
import unicodedata
import zipfile

import pytest

from nq57.ingest.encoding import (
    MAX_BYTES,
    TCVN3_LETTERS,
    VNI_LETTERS,
    VNI_MARKS,
    DecodedText,
    check_size,
    convert_legacy_run,
    convert_legacy_string,
    decode_legacy,
    decode_text,
    legacy_encoding_for_font,
)
from nq57.ingest.model import IngestError

# Copied from a real plan (seed 002); tests must not read /work/shared at run time.
PARAGRAPH = """KẾ HOẠCH

Thực hiện Kế hoạch hành động số 25-KH/ĐU ngày 10/10/2025 của Ban Thường vụ Đảng ủy xã Chí Minh \
về việc thực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển \
khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia (Kế hoạch hành động số 25-KH/ĐU);

Ủy ban nhân dân xã Chí Minh xây dựng Kế hoạch thực hiện với các nội dung cụ thể như sau:

I. MỤC ĐÍCH, YÊU CẦU

1. Mục đích

- Xác định rõ nhiệm vụ cụ thể để xây dựng kế hoạch hành động, tổ chức triển khai, kiểm tra, \
giám sát, đánh giá việc thực hiện Nghị quyết số 57-NQ/TW, thực hiện hóa mục tiêu đưa khoa học, \
công nghệ, đổi mới sáng tạo và chuyển đổi số (KHCCN, ĐMST và CĐS) là đột phá hàng đầu.

- Ưu tiên đầu tư, hoàn thiện hạ tầng cho khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi \
số. Nâng cao chất lượng nguồn nhân lực thông qua đào tạo, bồi dưỡng kỹ năng số. Đẩy mạnh chuyển \
đổi số, ứng dụng khoa học, công nghệ, đổi mới toàn diện trong hoạt động của các cơ quan.

II. MỤC TIÊU, CHỈ TIÊU

1.5. Phát triển xã hội số và hạ tầng số đồng bộ, hiện đại; tái cấu trúc, xây dựng hạ tầng số \
thống nhất, ổn định, linh hoạt, ưu tiên áp dụng công nghệ điện toán đám mây, trí tuệ nhân tạo, \
bảo đảm an toàn, an ninh thông tin, an ninh mạng và chủ quyền số, từng bước nâng cao chất lượng \
sống của người dân, góp phần chuyển dịch cơ cấu kinh tế theo hướng công nghiệp hóa.

1.6. Nâng cao chất lượng nguồn nhân lực, phát huy tiềm lực sáng tạo của mọi tầng lớp xã hội, \
thúc đẩy liên kết vùng, hội nhập quốc tế về khoa học, công nghệ, góp phần vào mục tiêu đến năm \
2030, tầm nhìn đến năm 2045. Ủy ban nhân dân xã phân công việc theo dõi, đánh giá các chỉ tiêu.
"""

VOWEL_ROWS = "aàáảãạ ăằắẳẵặ âầấẩẫậ eèéẻẽẹ êềếểễệ iìíỉĩị oòóỏõọ ôồốổỗộ ơờớởỡợ uùúủũụ ưừứửữự yỳýỷỹỵ"
LOWER_LETTERS = [c for c in VOWEL_ROWS.replace(" ", "") + "đ" if not c.isascii()]
ALL_LETTERS = LOWER_LETTERS + [c.upper() for c in LOWER_LETTERS]

TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
SHAPE_MARKS = "\u0302\u0306"  # circumflex, breve (the horn is part of ơ/ư)


# --------------------------------------------------------------------------- test encoders


def _cp1252_byte(ch: str) -> bytes:
    return ch.encode("cp1252")


def tcvn3_encode(text: str) -> bytes:
    """Encoder built from TCVN3_LETTERS; capitals without their own byte use the lowercase one."""
    inverse = {ch: bytes([b]) for b, ch in TCVN3_LETTERS.items()}
    out = bytearray()
    for ch in text:
        if ch in inverse:
            out += inverse[ch]
        elif ch.lower() in inverse:
            out += inverse[ch.lower()]
        else:
            out += _cp1252_byte(ch)
    return bytes(out)


def tcvn3_expected(text: str) -> str:
    """What a TCVN3 file made by `tcvn3_encode` reads back as: capitals without a byte of their
    own come back lowercase, except in all-capital lines (headings in a '.VnTimeH' font; true
    for the headings of PARAGRAPH, see the fixtures for the exact rule)."""
    own = set(TCVN3_LETTERS.values())
    lines = []
    for line in text.split("\n"):
        if line != line.upper():
            line = "".join(ch.lower() if ch not in own and not ch.isascii() else ch for ch in line)
        lines.append(line)
    return "\n".join(lines)


def vni_encode(text: str) -> bytes:
    """Encoder built from VNI_LETTERS and VNI_MARKS."""
    letters = {ch: bytes([b]) for b, ch in VNI_LETTERS.items()}
    marks = {(m, b >= 0xE0): bytes([b]) for b, m in VNI_MARKS.items()}
    out = bytearray()
    for ch in text:
        if ch.isascii():
            out += ch.encode()
            continue
        if ch in letters:
            out += letters[ch]
            continue
        decomposed = unicodedata.normalize("NFD", ch)
        base, rest = decomposed[0], decomposed[1:]
        if not base.isascii() or not rest:
            out += _cp1252_byte(ch)
            continue
        if "\u031b" in rest:  # horn: the base is the single-byte ơ / ư
            horned = unicodedata.normalize("NFC", base + "\u031b")
            out += letters[horned]
            rest = rest.replace("\u031b", "")
        else:
            out += base.encode()
        if rest:
            key = "".join(m for m in rest if m in SHAPE_MARKS) + "".join(
                m for m in rest if m in TONE_MARKS
            )
            out += marks[(key, base.islower())]
    return bytes(out)


def cp1258_encode(text: str) -> bytes:
    """Windows-1258 the way Windows writes it: precomposed where possible, else base + tone."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        tones = "".join(m for m in decomposed if m in TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(m for m in decomposed if m not in TONE_MARKS))
        out += base.encode("cp1258") + tones.encode("cp1258")
    return bytes(out)


# --------------------------------------------------------------------------- letter tables


def test_letter_list_has_134_letters() -> None:
    assert len(ALL_LETTERS) == len(set(ALL_LETTERS)) == 134


@pytest.mark.parametrize("letter", ALL_LETTERS)
def test_vni_every_letter_round_trips(letter: str) -> None:
    encoded = vni_encode(letter)
    assert decode_legacy(encoded, "vni") == letter
    assert 1 <= len(encoded) <= 2


@pytest.mark.parametrize("letter", ALL_LETTERS)
def test_tcvn3_every_letter_round_trips(letter: str) -> None:
    decoded = decode_legacy(tcvn3_encode(letter), "tcvn3")
    if letter in TCVN3_LETTERS.values():
        assert decoded == letter
    else:  # a capital written with the lowercase byte
        assert letter.isupper()
        assert decoded == letter.lower()


def test_tcvn3_table_shape() -> None:
    assert len(TCVN3_LETTERS) == 74  # 67 lowercase letters + Ă Â Ê Ô Ơ Ư Đ
    assert len(set(TCVN3_LETTERS.values())) == 74
    assert {c for c in TCVN3_LETTERS.values() if c.isupper()} == set("ĂÂÊÔƠƯĐ")
    assert {c for c in TCVN3_LETTERS.values() if c.islower()} == set(LOWER_LETTERS)


# Independent transcription of the published TCVN 5712 table (X11 TCVNtoUCS2.c): per base
# vowel, the bytes for (no tone, grave, acute, hook, tilde, dot below); 0 = the ASCII letter.
TCVN3_REFERENCE_ROWS = {
    "aàáảãạ": (0, 0xB5, 0xB8, 0xB6, 0xB7, 0xB9),
    "ăằắẳẵặ": (0xA8, 0xBB, 0xBE, 0xBC, 0xBD, 0xC6),
    "âầấẩẫậ": (0xA9, 0xC7, 0xCA, 0xC8, 0xC9, 0xCB),
    "eèéẻẽẹ": (0, 0xCC, 0xD0, 0xCE, 0xCF, 0xD1),
    "êềếểễệ": (0xAA, 0xD2, 0xD5, 0xD3, 0xD4, 0xD6),
    "iìíỉĩị": (0, 0xD7, 0xDD, 0xD8, 0xDC, 0xDE),
    "oòóỏõọ": (0, 0xDF, 0xE3, 0xE1, 0xE2, 0xE4),
    "ôồốổỗộ": (0xAB, 0xE5, 0xE8, 0xE6, 0xE7, 0xE9),
    "ơờớởỡợ": (0xAC, 0xEA, 0xED, 0xEB, 0xEC, 0xEE),
    "uùúủũụ": (0, 0xEF, 0xF3, 0xF1, 0xF2, 0xF4),
    "ưừứửữự": (0xAD, 0xF5, 0xF8, 0xF6, 0xF7, 0xF9),
    "yỳýỷỹỵ": (0, 0xFA, 0xFD, 0xFB, 0xFC, 0xFE),
}
TCVN3_REFERENCE_OTHERS = {
    0xAE: "đ", 0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
}  # fmt: skip


def test_tcvn3_table_matches_published_table() -> None:
    reference = dict(TCVN3_REFERENCE_OTHERS)
    for row, (plain, grave, acute, hook, tilde, dot) in TCVN3_REFERENCE_ROWS.items():
        # the row string is in the order: plain, grave, acute, hook, tilde, dot
        for byte, ch in zip((plain, grave, acute, hook, tilde, dot), row, strict=True):
            if byte:
                reference[byte] = ch
    assert dict(TCVN3_LETTERS) == reference


# Independent transcription of the VNI-Windows table (as cp1252 text), same column order.
VNI_REFERENCE_ROWS = {
    "aàáảãạ": "a aø aù aû aõ aï",
    "ăằắẳẵặ": "aê aè aé aú aü aë",
    "âầấẩẫậ": "aâ aà aá aå aã aä",
    "eèéẻẽẹ": "e eø eù eû eõ eï",
    "êềếểễệ": "eâ eà eá eå eã eä",
    "iìíỉĩị": "i ì í æ ó ò",
    "oòóỏõọ": "o oø où oû oõ oï",
    "ôồốổỗộ": "oâ oà oá oå oã oä",
    "ơờớởỡợ": "ô ôø ôù ôû ôõ ôï",
    "uùúủũụ": "u uø uù uû uõ uï",
    "ưừứửữự": "ö öø öù öû öõ öï",
    "yỳýỷỹỵ": "y yø yù yû yõ î",
    "đ": "ñ",
}


@pytest.mark.parametrize("row", list(VNI_REFERENCE_ROWS))
def test_vni_table_matches_published_table(row: str) -> None:
    codes = VNI_REFERENCE_ROWS[row].split()
    for letter, code in zip(row, codes, strict=True):
        assert decode_legacy(code.encode("cp1252"), "vni") == letter
        assert decode_legacy(code.upper().encode("cp1252"), "vni") == letter.upper()
        assert vni_encode(letter) == code.encode("cp1252")
        assert convert_legacy_string(code, "vni") == letter


# --------------------------------------------------------------------------- byte fixtures

TCVN3_FIXTURES = [
    (b"U\xfb ban nh\xa9n d\xa9n", "Uỷ ban nhân dân"),  # 'Uû ban nh©n d©n'
    (b"\xf1y ban nh\xa9n d\xa9n", "ủy ban nhân dân"),
    (b"chuy\xd3n \xae\xe6i s\xe8", "chuyển đổi số"),
    (b"Qu\xcbn", "Quận"),
    (b"\xa7\xd5n n\xa8m 2030", "Đến năm 2030"),
    (b"K\xd5 HO\xb9CH", "KẾ HOẠCH"),  # heading typed in a '.VnTimeH' font
    (b"I. M\xf4C \xa7\xddCH, Y\xa3U C\xc7U", "I. MỤC ĐÍCH, YÊU CẦU"),
    (b"TM. \xf1Y BAN NH\xa2N D\xa2N", "TM. ỦY BAN NHÂN DÂN"),
    (b"NGH\xd6", "NGHỆ"),
    (b"S\xe8: 91/KH-UBND", "Số: 91/KH-UBND"),  # not a heading: only one capital in 'Sè'
    (b"B\xb6o Th\xbeng", "Bảo Thắng"),  # real-world strings (Lào Cai place names)
    (b"M\xad\xeang Kh\xad\xacng", "Mường Khương"),
    (b"B\xb8t X\xb8t", "Bát Xát"),
    (b"th\xf9c hi\xd6n nhi\xd6m v\xf4", "thực hiện nhiệm vụ"),
]

VNI_FIXTURES = [
    (b"U\xdby ban nha\xe2n da\xe2n", "Ủy ban nhân dân"),
    (b"chuye\xe5n \xf1o\xe5i so\xe1", "chuyển đổi số"),
    (b"Qua\xe4n", "Quận"),
    (b"\xd1e\xe1n na\xeam 2030", "Đến năm 2030"),
    (b"KE\xc1 HOA\xcfCH", "KẾ HOẠCH"),
    (b"ng\xf6\xf4\xf8i", "người"),
    (b"\xf1\xf6\xf4\xefc", "được"),
    (b"t\xe6nh", "tỉnh"),
    (b"Thu\xfb t\xf6\xf4\xf9ng", "Thủ tướng"),
    (b"Vie\xe4t Nam", "Việt Nam"),
]

CP1258_FIXTURES = [
    (b"Vi\xea\xf2t", "Việt"),
    (b"Nguy\xea\xden", "Nguyễn"),
    (b"Ph\xfd\xf5\xccng", "Phường"),
    (b"H\xe0 N\xf4\xf2i", "Hà Nội"),
]


@pytest.mark.parametrize(("data", "text"), TCVN3_FIXTURES)
def test_tcvn3_fixtures(data: bytes, text: str) -> None:
    assert decode_legacy(data, "tcvn3") == text
    assert convert_legacy_string(data.decode("latin-1"), "tcvn3") == text
    assert convert_legacy_string(data.decode("cp1252", errors="strict"), "tcvn3") == text


@pytest.mark.parametrize(("data", "text"), VNI_FIXTURES)
def test_vni_fixtures(data: bytes, text: str) -> None:
    assert decode_legacy(data, "vni") == text
    assert vni_encode(text) == data
    assert convert_legacy_string(data.decode("cp1252"), "vni") == text


@pytest.mark.parametrize(("data", "text"), CP1258_FIXTURES)
def test_cp1258_fixtures(data: bytes, text: str) -> None:
    assert decode_legacy(data, "cp1258") == text
    assert cp1258_encode(text) == data


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (b"Qu\xcbn", "Quận", "tcvn3"),
        (b"Qua\xe4n", "Quận", "vni"),
        (b"U\xfb ban nh\xa9n d\xa9n", "Uỷ ban nhân dân", "tcvn3"),
        (b"U\xdby ban nha\xe2n da\xe2n", "Ủy ban nhân dân", "vni"),
        (b"chuy\xd3n \xae\xe6i s\xe8", "chuyển đổi số", "tcvn3"),
        (b"chuye\xe5n \xf1o\xe5i so\xe1", "chuyển đổi số", "vni"),
        (b"\xa7\xd5n n\xa8m 2030", "Đến năm 2030", "tcvn3"),
        (b"\xd1e\xe1n na\xeam 2030", "Đến năm 2030", "vni"),
        (b"Vi\xea\xf2t Nam, H\xe0 N\xf4\xf2i", "Việt Nam, Hà Nội", "cp1258"),
    ],
)
def test_short_fixtures_are_detected(data: bytes, text: str, encoding: str) -> None:
    assert decode_text(data) == DecodedText(text, encoding, True)


# --------------------------------------------------------------------------- whole paragraph


def test_paragraph_tcvn3_round_trip() -> None:
    data = tcvn3_encode(PARAGRAPH)
    result = decode_text(data)
    assert result.encoding == "tcvn3"
    assert result.converted is True
    assert result.text == tcvn3_expected(PARAGRAPH)
    assert "ủy ban nhân dân xã Chí Minh" in result.text
    assert "I. MỤC ĐÍCH, YÊU CẦU" in result.text  # heading re-capitalised


def test_paragraph_vni_round_trip() -> None:
    result = decode_text(vni_encode(PARAGRAPH))
    assert result == DecodedText(PARAGRAPH, "vni", True)


def test_paragraph_cp1258_decomposed() -> None:
    data = cp1258_encode(PARAGRAPH)
    assert b"\xf2" in data  # combining dot below: really decomposed
    result = decode_text(data)
    assert result == DecodedText(PARAGRAPH, "cp1258", True)
    assert unicodedata.is_normalized("NFC", result.text)


def test_paragraph_latin1_view_converts() -> None:
    """A DOCX run in '.VnTime' holds the legacy bytes as Latin-1/cp1252 characters."""
    as_read = tcvn3_encode(PARAGRAPH).decode("cp1252", errors="replace")
    assert convert_legacy_string(as_read, "tcvn3") == tcvn3_expected(PARAGRAPH)
    assert convert_legacy_string(vni_encode(PARAGRAPH).decode("cp1252"), "vni") == PARAGRAPH


def test_paragraph_utf8() -> None:
    assert decode_text(PARAGRAPH.encode()) == DecodedText(PARAGRAPH, "utf-8", False)


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_utf8_holding_legacy_text_is_converted(bom: bytes) -> None:
    """A '.VnTime' text pasted into a Unicode editor: 'Uû ban nh©n d©n' saved as UTF-8."""
    pasted = tcvn3_encode(PARAGRAPH).decode("cp1252", errors="replace")
    result = decode_text(bom + pasted.encode())
    assert result == DecodedText(tcvn3_expected(PARAGRAPH), "tcvn3", True)
    pasted = vni_encode(PARAGRAPH).decode("cp1252")
    assert decode_text(bom + pasted.encode()) == DecodedText(PARAGRAPH, "vni", True)


def test_utf8_other_languages_are_kept() -> None:
    text = "Le café est très bon à Paris, l'été. Déjà vu. Привет, мир!"
    assert decode_text(text.encode()) == DecodedText(text, "utf-8", False)


def test_utf8_nfd_becomes_nfc() -> None:
    data = unicodedata.normalize("NFD", PARAGRAPH).encode()
    assert decode_text(data).text == PARAGRAPH


def test_utf8_bom() -> None:
    result = decode_text(b"\xef\xbb\xbf" + PARAGRAPH.encode())
    assert result == DecodedText(PARAGRAPH, "utf-8-sig", False)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_bom(codec: str) -> None:
    data = "\ufeff".encode(codec) + PARAGRAPH.encode(codec)
    assert decode_text(data) == DecodedText(PARAGRAPH, "utf-16", False)


def test_ascii_english_is_utf8() -> None:
    result = decode_text(b"Action plan for digital transformation, 2025-2030.\n")
    assert result == DecodedText(
        "Action plan for digital transformation, 2025-2030.\n", "utf-8", False
    )


def test_utf8_with_one_broken_byte_stays_utf8() -> None:
    data = PARAGRAPH.encode() + b" \xff " + PARAGRAPH.encode()
    result = decode_text(data)
    assert result.encoding == "utf-8"
    assert result.text == PARAGRAPH + " \ufffd " + PARAGRAPH


def test_cp1252_punctuation_only() -> None:
    result = decode_text(b"\x93Plan\x94 \x96 2025")
    assert result.text == "“Plan” – 2025"
    assert result.encoding == "cp1258"


def test_crlf_and_tabs_are_kept() -> None:
    assert decode_text(b"STT\tN\xe9i dung\r\n1\tQu\xcbn\r\n").text == "STT\tNội dung\r\n1\tQuận\r\n"


# --------------------------------------------------------------------------- refusals


def _message(data: bytes) -> str:
    with pytest.raises(IngestError) as info:
        decode_text(data)
    return info.value.message


@pytest.mark.parametrize(
    "data", [b"", b"   \n\t\r\n  ", b"\xef\xbb\xbf", b"\xef\xbb\xbf \n", " \n".encode("utf-16")]
)
def test_empty(data: bytes) -> None:
    assert _message(data) == "Tệp rỗng: không có nội dung để đọc."


def test_pdf() -> None:
    assert _message(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n") == (
        "Tệp này là PDF, không phải văn bản thuần; hãy dùng chức năng nhập PDF."
    )


def _zip(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            archive.writestr(name, "<xml/>")
    return buffer.getvalue()


def test_docx() -> None:
    data = _zip("[Content_Types].xml", "_rels/.rels", "word/document.xml")
    assert "DOCX" in _message(data)
    assert _message(data).startswith("Tệp này là tài liệu Word (DOCX)")


def test_xlsx_and_plain_zip() -> None:
    assert "XLSX" in _message(_zip("[Content_Types].xml", "xl/workbook.xml"))
    assert "ZIP" in _message(_zip("notes.txt"))


def test_old_office_and_images() -> None:
    assert ".doc/.xls" in _message(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    assert "PNG" in _message(b"\x89PNG\r\n\x1a\n" + bytes(100))
    assert "JPEG" in _message(b"\xff\xd8\xff\xe0\x00\x10JFIF")
    assert "GIF" in _message(b"GIF89a\x01\x00")
    assert "RTF" in _message(b"{\\rtf1\\ansi\\deff0 Hello}")


def test_random_binary() -> None:
    data = random.Random(57).randbytes(4096)
    assert _message(data) == "Tệp nhị phân, không đọc được như văn bản."


def test_binary_without_nul_bytes() -> None:
    data = random.Random(58).randbytes(4096).replace(b"\x00", b"")
    assert _message(data) == "Tệp nhị phân, không đọc được như văn bản."


def test_nul_bytes_without_bom_are_binary() -> None:
    assert _message("Kế hoạch".encode("utf-16-le")) == "Tệp nhị phân, không đọc được như văn bản."


def test_not_vietnamese_legacy_text() -> None:
    french = "Le café est très bon à Paris, l'été. Où est la gare? Déjà vu.".encode("latin-1")
    russian = "План цифровой трансформации на 2025 год".encode("cp1251")
    for data in (french, russian):
        assert _message(data) == (
            "Không nhận ra bảng mã của tệp (không phải UTF-8, TCVN3 hay VNI)."
        )


def test_size_limit() -> None:
    assert MAX_BYTES == 20 * 1024 * 1024
    check_size(MAX_BYTES)  # exactly the limit is allowed
    with pytest.raises(IngestError) as info:
        check_size(MAX_BYTES + 1)
    assert info.value.message == "Tệp quá lớn (20,0 MB); giới hạn là 20 MB."


def test_50_mb_input_refused_before_decoding() -> None:
    data = bytes(50 * 1024 * 1024 + 1)
    started = time.perf_counter()
    assert _message(data) == "Tệp quá lớn (50,0 MB); giới hạn là 20 MB."
    assert time.perf_counter() - started < 0.5
    with pytest.raises(IngestError) as info:
        check_size(int(52.4 * 1024 * 1024))
    assert info.value.message == "Tệp quá lớn (52,4 MB); giới hạn là 20 MB."


# --------------------------------------------------------------------------- API details


def test_decoded_text_is_frozen() -> None:
    result = decode_text(b"abc")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.text = "x"  # type: ignore[misc]


def test_unknown_legacy_encoding_name() -> None:
    with pytest.raises(ValueError):
        convert_legacy_string("abc", "viscii")
    with pytest.raises(ValueError):
        decode_legacy(b"abc", "viscii")


def test_convert_leaves_unicode_alone() -> None:
    assert convert_legacy_string("Kế hoạch 2025", "tcvn3") == "Kế hoạch 2025"
    assert convert_legacy_string("Kế hoạch 2025", "vni") == "Kế hoạch 2025"


@pytest.mark.parametrize(
    ("font", "encoding"),
    [
        (".VnTime", "tcvn3"),
        (".VnTimeH", "tcvn3"),
        (".VnArial NarrowH", "tcvn3"),
        ("VNI-Times", "vni"),
        ("VNI-Helve", "vni"),
        ("Times New Roman", None),
        ("Arial", None),
    ],
)
def test_legacy_encoding_for_font(font: str, encoding: str | None) -> None:
    assert legacy_encoding_for_font(font) == encoding


def test_convert_legacy_run() -> None:
    assert convert_legacy_run("Uû ban nh©n d©n", ".VnTime") == "Uỷ ban nhân dân"
    assert convert_legacy_run("ñy ban nh©n d©n", ".VnTimeH") == "ỦY BAN NHÂN DÂN"
    assert convert_legacy_run("UÛy ban nhaân daân", "VNI-Times") == "Ủy ban nhân dân"
    assert convert_legacy_run("Uû ban", "Times New Roman") == "Uû ban"


def test_100_kb_decodes_fast() -> None:
    for data in (tcvn3_encode(PARAGRAPH) * 70, vni_encode(PARAGRAPH) * 70):
        assert len(data) > 100_000
        best = min(_timed(data) for _ in range(3))
        assert best < 0.05


def _timed(data: bytes) -> float:
    started = time.perf_counter()
    decode_text(data)
    return time.perf_counter() - started
