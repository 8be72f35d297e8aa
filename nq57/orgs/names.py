"""Unit names as printed in plan tables: abbreviations, normal form, splitting a cell into units.

Pure Python (no Django). A lead/coordinating cell lists units separated by ';', line breaks
and commas, but in Vietnamese a comma often continues a name ('Phòng Văn hóa, Khoa học và
Thông tin' is one unit), and collective phrases ('Các Sở, ban, ngành, UBND thành phố Thủ Đức,
các quận, huyện') name many units at once and stay whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from nq57.lib.vntext import collapse_ws, fold, nfc


@dataclass(frozen=True)
class UnitMention:
    """One unit (or one collective phrase) named in a table cell, text as printed."""

    name: str
    collective: bool


_WORD_START = r"(?<![\w&])"
_WORD_END = r"(?![\w&])"

# Longer forms first: 'TP.HCM' before 'TP', 'UBMTTQ' before 'MTTQ'.
_ABBREVIATIONS: list[tuple[str, str]] = [
    (r"T[Pp]\.?\s?HCM", "Thành phố Hồ Chí Minh"),
    (r"T[Pp]\.(?=\s|$)", "Thành phố"),
    (r"T[Pp]", "Thành phố"),
    (r"UBND", "Ủy ban nhân dân"),
    (r"H[ĐD]ND", "Hội đồng nhân dân"),
    (r"UBMTTQ(?:VN)?", "Ủy ban Mặt trận Tổ quốc Việt Nam"),
    (r"MTTQ(?:VN)?", "Mặt trận Tổ quốc Việt Nam"),
    (r"VP", "Văn phòng"),
    (r"KH\s?&\s?CN|KH và CN|KH-CN|KHCN", "Khoa học và Công nghệ"),
    (r"VH,\s?KH\s?&\s?TT|VH-KH&TT|VHKHTT", "Văn hóa, Khoa học và Thông tin"),
    (r"TTC[ĐD]S", "Trung tâm Chuyển đổi số"),
    (r"QTSC", "Công ty TNHH Công viên phần mềm Quang Trung"),
    (r"TT[ĐD]T", "Thông tin điện tử"),
    (r"CSDL", "cơ sở dữ liệu"),
    (r"[ĐD]HQG", "Đại học Quốc gia"),
    (r"NHNN", "Ngân hàng Nhà nước"),
    (r"BQL", "Ban Quản lý"),
    (r"KCNC", "Khu Công nghệ cao"),
]
_ABBREVIATION_RES = [(re.compile(_WORD_START + p + _WORD_END), r) for p, r in _ABBREVIATIONS]

_DASHES = re.compile(r"\s*[-‐‑‒–—]\s*")
_TRAILING = " ;,.:"

# Words that begin a unit name. Capitalised as printed; 'Các' starts a collective phrase.
_HEADS = (
    "Văn phòng", "Sở", "Ban", "Phòng", "Trung tâm", "UBND", "Ủy ban", "Uỷ ban", "HĐND", "HDND",
    "Hội đồng", "Công an", "Hội", "Báo", "Đài", "Cổng", "Chi nhánh", "Ngân hàng", "Bệnh viện",
    "Trường", "Viện", "Các", "Công ty", "Tổng công ty", "Đại học", "Cục", "Chi cục", "Kho bạc",
    "Bảo hiểm", "Liên đoàn", "Đoàn", "Mặt trận", "Quận ủy", "Huyện ủy", "Thành ủy", "Đảng ủy",
    "Tòa án", "Thanh tra", "Bưu điện", "TTCĐS", "TTCDS", "QTSC", "VNPT", "Viettel", "BQL",
)  # fmt: skip
# Heads that may start a second name in the middle of a run without separator
# ('Sở Tài chính Sở Khoa học và Công nghệ'); 'Hội đồng' is excluded (it continues 'Văn phòng').
_MID_HEADS = (
    "Văn phòng", "Sở", "Ban", "Phòng", "Trung tâm", "UBND", "Ủy ban nhân dân",
    "Uỷ ban nhân dân", "Công an", "Hội(?! đồng)", "Cổng", "Báo", "Đài", "Ngân hàng",
    "Bệnh viện", "Trường", "Viện", "Các", "Công ty", "Đại học", "TTCĐS", "QTSC", "VNPT",
)  # fmt: skip
_HEAD_RE = re.compile(r"^(?:" + "|".join(_HEADS) + r")" + _WORD_END)
_MID_HEAD_RE = re.compile(r"(?<=\s)(?:" + "|".join(_MID_HEADS) + r")" + _WORD_END)
# A head word right after one of these continues the current name ('Văn phòng UBND',
# 'HĐND và UBND', 'Chi nhánh Ngân hàng', 'Các Trường', 'đổi tên thành Sở').
_NO_SPLIT_AFTER = frozenset(
    {"va", "cua", "thuoc", "voi", "phong", "nhanh", "uy", "cac", "nhung", "truong", "thanh"}
    | {"tai", "cho", "hoac", "tong", "chi", "-", "–", "—", "&", "/"}
)
_AREA_WORDS = r"(?:quan|huyen|xa|phuong|thi tran|thi xa|tinh|thanh pho)"
_AREA_CONTINUATION = re.compile(rf"^(?:cac )?{_AREA_WORDS}(?: |$)")
_PLURAL_NOUNS = (
    rf"(?:{_AREA_WORDS}|so|phong|ban|nganh|don vi|co quan|truong|doanh nghiep|hoi|to chuc|doan the)"
)
_COLLECTIVE = re.compile(
    rf"^(?:cac|nhung)(?:\s|$)|\b(?:cac|nhung) {_PLURAL_NOUNS}\b|lien quan"
    rf"|\b\d+ {_AREA_WORDS}\b|, (?:cac )?{_AREA_WORDS}\b"
)
_GENERIC_WORDS = frozenset(
    {"so", "ban", "nganh", "phong", "vien", "truong", "don", "vi", "co", "quan"}
    | {"huyen", "xa", "phuong", "thi", "tran", "hoi", "doan", "the"}
)
_STRAY = frozenset({"cac", "huyen", "quan", "xa", "phuong", "thi tran", "tran", "va", "nhung"})
_ASSIGNMENT_RE = re.compile(
    r"\s*,?\s*(?<!\w)(?:chủ trì\s*,?\s*phối hợp|phối hợp)(?: với)?(?!\w)\s*[,:]?\s*", re.I
)
_LEAD_SUFFIX_RE = re.compile(r"\s*,?\s*(?<!\w)chủ trì\s*$", re.I)


def expand_abbreviations(s: str) -> str:
    """Write out the abbreviations used for units ('UBND' → 'Ủy ban nhân dân')."""
    out = nfc(s)
    for pattern, replacement in _ABBREVIATION_RES:
        out = pattern.sub(replacement, out)
    return collapse_ws(out)


def normalize_unit_name(s: str) -> str:
    """Comparable form of a unit name: abbreviations expanded, dashes unified, folded."""
    expanded = _DASHES.sub(" - ", expand_abbreviations(s))
    return collapse_ws(fold(expanded.strip(_TRAILING)))


def is_collective(name: str) -> bool:
    """Whether a phrase names many units ('Các phòng, ban', 'UBND 10 phường')."""
    return bool(_COLLECTIVE.search(normalize_unit_name(name)))


def split_units(text: str | None) -> list[UnitMention]:
    """Split a lead/coordinating cell into unit mentions, keeping collective phrases whole."""
    if not text:
        return []
    mentions: list[UnitMention] = []
    for segment in re.split(r"[;\n]+", nfc(text)):
        for name in _split_segment(collapse_ws(segment)):
            cleaned = name.strip(_TRAILING + " ")
            if cleaned and normalize_unit_name(cleaned) not in _STRAY:
                mentions.append(UnitMention(name=cleaned, collective=is_collective(cleaned)))
    return mentions


def split_assignment(
    lead_text: str | None, coordinating_text: str | None
) -> tuple[list[UnitMention], list[UnitMention]]:
    """Lead and coordinating units.

    A lead cell 'X chủ trì phối hợp Y' gives lead X and coordinating Y, before the units of
    the coordinating column.
    """
    lead_part, extra_coordinating = _split_lead_cell(lead_text or "")
    lead = split_units(lead_part)
    coordinating = split_units(extra_coordinating) + split_units(coordinating_text)
    return lead, coordinating


def _split_lead_cell(text: str) -> tuple[str, str]:
    match = _ASSIGNMENT_RE.search(text)
    if match is None:
        return _LEAD_SUFFIX_RE.sub("", text), ""
    return text[: match.start()], text[match.end() :]


def _split_segment(segment: str) -> list[str]:
    """Split one ';'-free segment on commas and on unit heads met mid-run."""
    pieces: list[tuple[str, bool]] = []  # (chunk, hard break before it)
    for run in _split_mid_heads(segment):
        chunks = _split_top_level(run, ",")
        pieces.extend((chunk.strip(), i == 0) for i, chunk in enumerate(chunks))
    names: list[str] = []
    for i, (chunk, hard) in enumerate(pieces):
        following = pieces[i + 1][0] if i + 1 < len(pieces) and not pieces[i + 1][1] else None
        if names and not hard and _continues(names[-1], chunk, following):
            names[-1] = f"{names[-1]}, {chunk}"
        else:
            names.append(chunk)
    return [n for n in names if n]


def _continues(current: str, chunk: str, following: str | None) -> bool:
    """Whether a comma-separated chunk continues the current name instead of starting one."""
    folded = normalize_unit_name(chunk)
    current_is_collective = is_collective(current)
    if _AREA_CONTINUATION.match(folded) and (
        current_is_collective or _is_people_committee(current)
    ):
        return True
    if chunk[:1].islower() and not folded.startswith("cac "):
        return True
    if current_is_collective and set(folded.split()) <= _GENERIC_WORDS:
        return True
    if current_is_collective and _is_people_committee(chunk) and not is_collective(chunk):
        # 'Các Sở, ban, ngành, UBND thành phố Thủ Đức, các quận, huyện' is one phrase.
        return following is not None and bool(
            _AREA_CONTINUATION.match(normalize_unit_name(following))
        )
    return not _starts_unit(chunk)


def _starts_unit(chunk: str) -> bool:
    return bool(_HEAD_RE.match(chunk)) or chunk.lower().startswith("các ")


def _is_people_committee(name: str) -> bool:
    return normalize_unit_name(name).startswith("uy ban nhan dan")


def _split_mid_heads(segment: str) -> list[str]:
    """Cut before a head word that follows a complete name ('Sở Tài chính Sở Khoa học')."""
    cuts = [0]
    depth_at = _paren_depths(segment)
    for match in _MID_HEAD_RE.finditer(segment):
        start = match.start()
        previous = segment[:start].split()
        if not previous or depth_at[start] > 0:
            continue
        last = previous[-1]
        if last.endswith(",") or fold(last) in _NO_SPLIT_AFTER:
            continue
        cuts.append(start)
    cuts.append(len(segment))
    return [segment[a:b].strip() for a, b in pairwise(cuts)]


def _split_top_level(text: str, separator: str) -> list[str]:
    """Split on `separator` outside parentheses."""
    parts: list[str] = []
    depth, start = 0, 0
    for i, char in enumerate(text):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif char == separator and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def _paren_depths(text: str) -> list[int]:
    depths, depth = [], 0
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        depths.append(depth)
    depths.append(depth)
    return depths
