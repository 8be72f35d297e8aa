"""The document header of a plan: number, issuer, date, title, level and cited documents.

Read from the lines above the first table: the 'Số: 91/KH-UBND' line, the 'Quận 3, ngày 24
tháng 3 năm 2025' line, the title under 'KẾ HOẠCH', the 'Căn cứ …' / 'Thực hiện …' preamble and
the sentence '<Cơ quan> xây dựng/ban hành Kế hoạch'. Appendix captions ('Đính kèm Kế hoạch số
3228/KH-UBND ngày 15 tháng 4 năm 2025 của Ủy ban nhân dân huyện') fill what the header lacks.
Drafts keep the number blank ('Số: /KH-UBND'): number and date are then None.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from nq57.ingest.cells import clean_cell, collapse
from nq57.ingest.model import DocumentHeader
from nq57.lib.docnumbers import DOC_NUMBER, find_doc_numbers

_NUMBER_LINE = re.compile(
    r"^\s*Số\s*:?\s*(?P<num>[\d.…\s]*)\s*(?P<sep>[/-])\s*(?P<sym>[A-ZĐ][\wĐđ/-]*)"
)
_DATE_WORDS = re.compile(
    r"ngày\s*(?P<d>\d{1,2})\.?\s*tháng\s*(?P<m>\d{1,2})\.?\s*năm\s*(?P<y>\d{4})", re.IGNORECASE
)
_DATE_SLASH = re.compile(r"ngày\s*(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})", re.IGNORECASE)
_PLACE_DATE = re.compile(r"^[^\t]{2,40},\s*ngày\b", re.IGNORECASE)
_CAPTION = re.compile(
    r"(?:đính kèm|ban hành kèm theo|kèm theo)\s+(?:kế hoạch|chương trình)[^()]*?số\s*"
    r"(?P<num>[^\s]*)\s*(?P<rest>.*?)(?:\)|$)",
    re.IGNORECASE,
)
_TYPE_LINE = re.compile(
    r"^(?:#+\s*)?(?:\*\*)?\s*"
    r"(KẾ HOẠCH(?: HÀNH ĐỘNG)?|CHƯƠNG TRÌNH(?: HÀNH ĐỘNG)?|ĐỀ ÁN)\s*(?:\*\*)?$"
)
_FIRST_HEADING = re.compile(r"^(?:#+\s*)?(?:\*\*)?\s*(?:I|1)\.\s+\S")
_ISSUER_SENTENCE = re.compile(
    r"(?P<who>(?:Ủy ban nhân dân|UBND|Ban Thường vụ|Ban Chấp hành|Ban Chỉ đạo|Thành ủy|Tỉnh ủy|"
    r"Huyện ủy|Quận ủy|Đảng ủy|Bộ|Sở|Chính phủ|Hội đồng nhân dân)[^.;:]{0,80}?)\s+"
    r"(?:xây dựng|ban hành|triển khai)\s+(?:kế hoạch|chương trình)",
    re.IGNORECASE,
)
_CAPTION_ISSUER = re.compile(r"\bcủa\s+(?P<who>(?:Ủy ban nhân dân|UBND|Ban Thường vụ)[^)]*)\)")
_LEVEL_WORDS = [
    "thành phố",
    "tỉnh",
    "huyện",
    "quận",
    "thị xã",
    "xã",
    "phường",
    "thị trấn",
    "thành ủy",
    "tỉnh ủy",
    "huyện ủy",
    "quận ủy",
]
_NOT_NAMES = {
    "Các",
    "Chủ",
    "Ủy",
    "Văn",
    "Phòng",
    "Ban",
    "Trung",
    "Sở",
    "Hội",
    "Đến",
    "Từ",
    "Về",
    "Theo",
    "Và",
    "Thành",
    "Huyện",
    "Quận",
    "Xã",
    "Tỉnh",
}
LEVEL_LABELS = {
    "central": "Trung ương",
    "province": "Tỉnh",
    "city": "Thành phố trực thuộc Trung ương",
    "district": "Quận/Huyện",
    "commune": "Xã/Phường/Thị trấn",
    "department": "Sở/Ban/Ngành",
}
CENTRAL_CITIES = {"hồ chí minh", "hà nội", "hải phòng", "đà nẵng", "cần thơ", "huế"}


def read_document(lines: list[str], file_name: str | None = None) -> DocumentHeader:
    head_end = _head_end(lines)
    head = [clean_cell(line) for line in lines[:head_end]]
    captions = [m for line in lines if (m := _CAPTION.search(clean_cell(line)))]
    header = DocumentHeader(file=file_name)
    header.number = _number(head, captions)
    header.date = _date(head, captions)
    header.title = _title(lines, head_end)
    header.issuer = _issuer(head, lines, captions)
    header.level = level_of(header.issuer)
    header.bases = _bases(lines, head_end, header)
    return header


_TABLE_START = re.compile(r"^\s*(?:stt|tt|số thứ tự)\b.{0,40}(?:nhiệm vụ|chỉ tiêu|nội dung)", re.I)


def _head_end(lines: list[str]) -> int:
    """Index of the first table row: the header lies above it.

    A two-cell tab line is not a table: it is the letterhead (issuer | quốc hiệu) or the
    number and date side by side, as DOCX/PDF exports write them.
    """
    for index, line in enumerate(lines):
        cells = [cell for cell in line.split("\t") if cell.strip()]
        if len(cells) > 2 or line.strip().startswith("|") or _TABLE_START.match(line):
            return index
    return len(lines)


def _number(head: list[str], captions: list[re.Match[str]]) -> str | None:
    for line in head[:40]:
        match = _NUMBER_LINE.match(line)
        if match:
            digits = re.sub(r"[^\d]", "", match.group("num"))
            return f"{digits}{match.group('sep')}{match.group('sym')}" if digits else None
    for caption in captions:
        found = DOC_NUMBER.match(caption.group("num").replace(".", "").replace("…", ""))
        if found:
            return found.group(0)
    return None


def _to_iso(match: re.Match[str] | None) -> str | None:
    if match is None:
        return None
    try:
        return date(int(match.group("y")), int(match.group("m")), int(match.group("d"))).isoformat()
    except ValueError:
        return None


def _date(head: list[str], captions: list[re.Match[str]]) -> str | None:
    for line in head[:40]:
        if _PLACE_DATE.match(line):
            return _to_iso(_DATE_WORDS.search(line) or _DATE_SLASH.search(line))
    for caption in captions:
        found = _to_iso(_DATE_WORDS.search(caption.group("rest")))
        if found:
            return found
    return None


def _title(lines: list[str], head_end: int) -> str | None:
    for index, line in enumerate(lines[:head_end]):
        if _TYPE_LINE.match(line.strip()):
            return _paragraph(lines, index + 1)
    return _appendix_title(lines)


def _paragraph(lines: list[str], start: int) -> str | None:
    """The first block of consecutive non-empty lines from `start`."""
    parts: list[str] = []
    for line in lines[start:]:
        text = clean_cell(line)
        if not text:
            if parts:
                break
            continue
        parts.append(text)
    return collapse(" ".join(parts)) or None


def _appendix_title(lines: list[str]) -> str | None:
    """A file holding only an appendix: its capitalised heading is the best title there is."""
    parts: list[str] = []
    for line in lines[:40]:
        text = clean_cell(line)
        if not text or text.lower().startswith("phụ lục"):
            continue
        if text.startswith("(") or "\t" in line:
            break
        letters = [ch for ch in text if ch.isalpha()]
        if letters and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters):
            parts.append(text)
        elif parts:
            break
    return collapse(" ".join(parts)) or None


def _issuer(head: list[str], lines: list[str], captions: list[re.Match[str]]) -> str | None:
    who = None
    for line in head:
        match = _ISSUER_SENTENCE.search(line)
        if match and match.start() < 5:
            who = match.group("who")
            break
    if who is None:
        for caption in captions:
            match = _CAPTION_ISSUER.search(caption.group(0))
            if match:
                who = match.group("who")
                break
    if who is None:
        who = _letterhead_issuer(lines[: len(head)])
    if who is None:
        return None
    who = collapse(who.replace("UBND", "Ủy ban nhân dân"))
    return _complete_place(who, "\n".join(clean_cell(line) for line in lines))


_ORGANS = {
    "ỦY BAN NHÂN DÂN": "Ủy ban nhân dân",
    "UỶ BAN NHÂN DÂN": "Ủy ban nhân dân",
    "UBND": "Ủy ban nhân dân",
    "HỘI ĐỒNG NHÂN DÂN": "Hội đồng nhân dân",
    "THÀNH ỦY": "Thành ủy",
    "TỈNH ỦY": "Tỉnh ủy",
    "HUYỆN ỦY": "Huyện ủy",
    "QUẬN ỦY": "Quận ủy",
    "ĐẢNG ỦY": "Đảng ủy",
    "CHÍNH PHỦ": "Chính phủ",
}
_AGENCY_HEADS = {"BỘ": "Bộ", "SỞ": "Sở", "BAN": "Ban", "CỤC": "Cục"}
_PLACE_WORDS = {
    "THÀNH PHỐ": "Thành phố", "QUẬN": "Quận", "HUYỆN": "huyện", "THỊ XÃ": "thị xã",
    "TỈNH": "tỉnh", "XÃ": "xã", "PHƯỜNG": "phường", "THỊ TRẤN": "thị trấn",
}  # fmt: skip
_LETTERHEAD_LINES = 8


def _letterhead_issuer(head: list[str]) -> str | None:
    """The issuing body from the upper-case letterhead at the top left ('ỦY BAN NHÂN DÂN' /
    'QUẬN 3'), in the case the rest of the document uses ('Ủy ban nhân dân Quận 3')."""
    parts = [_left_column(line) for line in head[:_LETTERHEAD_LINES] if line.strip()]
    parts = [p for p in parts if p and p.upper() == p and any(c.isalpha() for c in p)]
    for i, part in enumerate(parts):
        organ = next((o for o in _ORGANS if part.startswith(o)), None)
        if organ is not None:
            rest = part[len(organ) :].strip()
            if not rest and i + 1 < len(parts) and _place_case(parts[i + 1]):
                rest = parts[i + 1]
            return collapse(f"{_ORGANS[organ]} {_place_case(rest) or ''}")
        head_word = part.split(" ", 1)[0]
        if head_word in _AGENCY_HEADS and " " in part:
            return _agency_case(part)
    return None


def _left_column(line: str) -> str:
    text = collapse(line.replace("*", "").lstrip("# ").split("\t", 1)[0])
    return "" if text.startswith(("CỘNG HÒA", "CỘNG HOÀ", "ĐỘC LẬP", "SỐ")) else text


def _place_case(text: str) -> str | None:
    """'HUYỆN CỦ CHI' → 'huyện Củ Chi', 'QUẬN 3' → 'Quận 3'; None if not a place."""
    for word, printed in _PLACE_WORDS.items():
        if text == word or text.startswith(word + " "):
            name = text[len(word) :].strip()
            return collapse(f"{printed} {' '.join(w.capitalize() for w in name.split())}")
    return None


def _agency_case(text: str) -> str:
    """'BỘ KHOA HỌC VÀ CÔNG NGHỆ' → 'Bộ Khoa học và Công nghệ' (each field capitalised)."""
    words = text.lower().split()
    out: list[str] = []
    for i, word in enumerate(words):
        starts_field = i <= 1 or words[i - 1] == "và" or out[-1].endswith(",")
        out.append(word.capitalize() if starts_field and word != "và" else word)
    return " ".join(out)


def _complete_place(who: str, text: str) -> str:
    """'Ủy ban nhân dân huyện' + the document's 'huyện Củ Chi' → 'Ủy ban nhân dân huyện Củ Chi'."""
    lowered = who.lower()
    for word in _LEVEL_WORDS:
        if lowered.endswith(word):
            place = _most_common_place(word, text)
            if place is None:
                return who
            if word.endswith("ủy"):
                return f"{who} {place}"
            return f"{who} {place.split(' ', len(word.split()))[-1]}"
    return who


def _most_common_place(word: str, text: str) -> str | None:
    """The most frequent '<Level word> <Proper Name>' in the text, written in title case."""
    if word.endswith("ủy"):
        return _most_common_place("thành phố", text) if word == "thành ủy" else None
    counts: Counter[str] = Counter()
    pattern = re.compile(rf"(?:^|\W)((?i:{re.escape(word)}))(?=((?: [^\s,.;:()]+){{1,4}}))")
    for match in pattern.finditer(text):
        printed, name = match.group(1), _proper_name(match.group(2).split())
        if not name or (word == "thành phố" and printed == "thành phố"):
            continue  # 'thành phố Thủ Đức' (lower case) is a city inside, not the issuer
        if name.isupper():
            name = name.title()
        counts[f"{word.capitalize()} {name}"] += 1
    if not counts:
        return None
    return counts.most_common(1)[0][0]


def _proper_name(words: list[str]) -> str:
    """The leading run of capitalised words ('Củ Chi', 'Hồ Chí Minh', 'Quận 3'), if any."""
    taken: list[str] = []
    for word in words:
        if not (word[0].isupper() or word[0].isdigit()) or (not taken and word in _NOT_NAMES):
            break
        taken.append(word)
    return " ".join(taken)


def level_of(issuer: str | None) -> str | None:
    """central / province / city / district / commune / department, from the issuer's name."""
    if not issuer:
        return None
    name = issuer.lower()
    if re.search(r"\b(xã|phường|thị trấn|đảng ủy xã)\b", name):
        return "commune"
    if re.search(r"\b(huyện|quận|thị xã)\b", name):
        return "district"
    if any(city in name for city in CENTRAL_CITIES) or "thành ủy" in name:
        return "city"
    if "tỉnh" in name:
        return "province"
    if re.search(r"\b(bộ|chính phủ|thủ tướng|trung ương|quốc hội)\b", name):
        return "central"
    if name.startswith("sở "):
        return "department"
    if "thành phố" in name:
        return "district"
    return None


def _bases(lines: list[str], head_end: int, header: DocumentHeader) -> list[str]:
    """Documents cited in the preamble (between the title and heading 'I.'), in order."""
    preamble: list[str] = []
    started = False
    title = header.title or ""
    for line in lines[:head_end]:
        text = clean_cell(line)
        if text and text in title:
            continue
        if _FIRST_HEADING.match(line.strip()) and started:
            break
        if text.lower().startswith(("căn cứ", "thực hiện", "triển khai")) or started:
            started = True
            preamble.append(text)
    numbers = find_doc_numbers(" ".join(preamble))
    if not numbers and header.title:
        numbers = find_doc_numbers(header.title)
    own = header.number
    return [n for n in numbers if n != own]
