"""Tables that come as a flow of cells: one cell, or one line of a cell, after another.

Web scrapes of legal-document sites and the text of gazette PDFs keep a table's cells in reading
order but lose its grid (`webtext.py` and `gazette.py` describe the forms). What is left is a list
of *atoms*: a line of text, or a whole cell when the form marks where cells end; some forms also
mark where rows start. This module puts the grid back and writes tab-separated rows, which
`TextTableParser` reads with every shared table rule::

    atoms, one per line          rows                          cells, in header order
    1                          ┐                               STT        1
    Triển khai … các           │ starts at '1' (the            Nhiệm vụ   Triển khai … các
    hình thức … mục tiêu.      │ numbering goes on),                      hình thức … mục tiêu.
    Sở Khoa học và             │ ends where '2' starts         Chủ trì    Sở Khoa học và Công nghệ
    Công nghệ                  │                               Phối hợp   Các sở, ngành
    Các sở, ngành              │                               Thời gian  Quý II/2025
    Quý II/2025                ┘
    2                            the next row …

1. **Header**: consecutive short labels that `columns.read_header` reads as a header (STT, Tên
   nhiệm vụ, Cơ quan chủ trì …), starting with a known column; trailing labels it does not know
   are dropped unless they name a usual extra column ('Ghi chú', 'Kinh phí'); a label line that
   starts in lower case goes on with the label above ('Cơ quan' / 'chủ trì'). Labels under a
   spanning label ('Cơ quan thực hiện' over 'Chủ trì' and 'Phối hợp'; 'Mục tiêu' over years),
   whether they come as a second row or flattened after the first, are merged into it ('Cơ quan
   thực hiện Chủ trì').
2. **Rows** (dynamic programming over where rows start, each row scored by step 3): a row starts
   where the form marks it; else at an atom that reads as a row number (1 / 1.1 / I / a) ), a
   one-cell heading ('I. Nâng cao …', '1) Phát triển hạ tầng', a bold cell) or, at a cost, a
   capitalised line that does not run on from the line above (an unnumbered row); with whole
   cells any cell may start a row, at that cost. The step between two row starts scores how the
   numbering goes on: 2 after 1, 1.1 after 1, 2 after 1.3, II after I, 1 after a Roman numeral
   score high; 1 right after 22 or '80' after 1.6 (a target that looks like a number) score low.
   A row may also be a number and a title only (a section 'I' + 'Nâng cao …', a subgroup '1' +
   'Chỉ tiêu về …'), or a number alone (the displaced number of the unnumbered row above it).
3. **Cells** (dynamic programming over contiguous groups of atoms, one group per column in
   header order; a group may be empty): each column scores its text by meaning: a row number; a
   name; unit names ('Sở …', 'UBND …', 'Các …', an acronym) for lead and coordinating, a short
   one preferred as lead; `parse_deadline` on text that begins like a deadline ('Quý', 'Tháng',
   'Hằng năm', a digit) for the deadline; numbers, comparators, '-', 'Đạt', 'Có' for targets; a
   short measure for the unit; product words ('Kế hoạch', 'Báo cáo', 'Các giải pháp …') for
   outputs. Joining a line to the one above scores by how text runs on: it starts in lower case,
   the line above ends on ',', '-', 'và', 'của', 'phối hợp' …, both are in capitals (a title), or
   the line above is as long as the longest of the table (wrapped); a capital after a complete
   line, a line after '.', and a placeholder ('-', 'x') count against. In a cell wrapped at a
   width, a break where the next word would have fitted (shorter than the cell's widest line)
   marks a new cell, unless it is a manual one (a list item, after ';', ':' or '.'). An empty
   column costs what leaving such a column empty is worth (a name is almost never empty, a
   coordinating unit often is). A blank line the form shows is an empty cell. Whole cells are
   never joined; a column without its cell is a merged cell.
"""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from nq57.ingest.cells import clean_cell
from nq57.ingest.columns import Layout, Role, read_header
from nq57.ingest.layout_text import join_lines, starts_with_product, starts_with_unit
from nq57.lib.deadlines import DeadlineKind, parse_deadline
from nq57.lib.vntext import fold, roman_to_int


@dataclass(frozen=True)
class Atom:
    """A line of a cell, or a whole cell, as printed (markup kept)."""

    text: str
    line: int  # 1-based number of its first line
    whole: bool = False  # the form says this is a complete cell
    row_start: bool = False  # the form says a row starts here

    @property
    def clean(self) -> str:
        return clean_cell(self.text)

    @property
    def bold(self) -> bool:
        body = self.text.strip()
        return len(body) > 4 and body.startswith("**") and body.endswith("**")


@dataclass
class Header:
    labels: list[str]
    layout: Layout
    start: int  # index of its first atom
    end: int  # index after its last atom


@dataclass
class Row:
    cells: list[str]
    line: int


# --------------------------------------------------------------------------------------------
# header

_ROW_NUMBER = re.compile(r"(?:\d{1,3}(?:\.\d{1,3}){0,3}|[IVXL]{1,6}|[a-zđ])[.)]?")
_HEADING = re.compile(r"(?:[IVXL]{1,6}|[A-Z]|\d{1,2}\))[.)]?\s+\S.*")
_EXTRA_COLUMNS = ("ghi chu", "kinh phi", "nguon", "du toan", "dia diem", "lanh dao", "tinh trang")
_GROUP_LABELS = (
    *("co quan", "don vi", "muc tieu", "chi tieu den", "lo trinh", "ket qua", "giai doan"),
    *("moc", "trach nhiem", "phan cong"),
)
_MAX_LABEL = 70


def find_header(atoms: Sequence[Atom], start: int = 0) -> Header | None:
    """The first table header at or after atom `start`."""
    for index in range(start, len(atoms)):
        header = header_at(atoms, index)
        if header is not None:
            return header
    return None


def header_at(atoms: Sequence[Atom], index: int) -> Header | None:
    """The header starting at atom `index`, if the labels there make one."""
    labels, ends = _labels(atoms, index)
    for count in range(len(labels), 2, -1):
        found = _read_labels(labels[:count])
        if found is not None:
            merged, layout = found
            return Header(merged, layout, index, ends[count - 1])
    return None


def _label_like(atom: Atom) -> bool:
    text = atom.clean
    return (
        0 < len(text) <= _MAX_LABEL
        and len(text.split()) <= 10
        and not _ROW_NUMBER.fullmatch(text)
        and not _HEADING.fullmatch(text)
        and not text.endswith((".", ";"))
    )


def _labels(atoms: Sequence[Atom], index: int) -> tuple[list[str], list[int]]:
    """Label texts from atom `index` on (lower-case lines joined to the label above) and, for
    each, the index of the atom after it. A header spans at most two marked rows."""
    labels: list[str] = []
    ends: list[int] = []
    marks = 0
    for position in range(index, len(atoms)):
        atom = atoms[position]
        marks += atom.row_start
        if not _label_like(atom) or marks > 2:
            break
        if labels and not atom.whole and atom.clean[0].islower():
            labels[-1] = f"{labels[-1]} {atom.text.strip()}"
            ends[-1] = position + 1
        else:
            labels.append(atom.text.strip())
            ends.append(position + 1)
    return labels, ends


def _read_labels(labels: list[str]) -> tuple[list[str], Layout] | None:
    """A header read from labels, a flattened second header row merged into its group."""
    cleaned = [clean_cell(label) for label in labels]
    for split in range(3, len(cleaned)):
        merged = _merge_subheader(cleaned[:split], cleaned[split:])
        layout = read_header(merged) if merged else None
        if merged and layout is not None and _plausible(layout):
            return merged, layout
    layout = read_header(cleaned)
    if layout is None or not _plausible(layout):
        return None
    return cleaned, layout


def _plausible(layout: Layout) -> bool:
    """A header starts with a known column, ends on a known column or a usual extra one, and
    has no spanning label left beside the columns it spans ('Cơ quan thực hiện' next to
    'Chủ trì')."""
    first, last = layout.columns[0], layout.columns[-1]
    if first.role is Role.EXTRA:
        return False  # a header starts with its number or name column
    if last.role is Role.EXTRA and not fold(last.label).startswith(_EXTRA_COLUMNS):
        return False
    roles = {column.role for column in layout.columns}
    return not (Role.AGENCY in roles and roles & {Role.LEAD, Role.COORDINATING})


_SUB_ROLES = {
    Role.AGENCY: (Role.LEAD, Role.COORDINATING),
    Role.RESULT: (Role.MILESTONE,),
    Role.EXTRA: (Role.LEAD, Role.COORDINATING, Role.MILESTONE),
}


def _merge_subheader(first: list[str], second: list[str]) -> list[str] | None:
    """'Cơ quan thực hiện' + ['Chủ trì', 'Phối hợp'] → ['Cơ quan thực hiện Chủ trì', …]: a
    spanning label (no column of its own) and labels it can span (units under an agency, years
    under a target)."""
    sub_roles = {_label_role(label) for label in second}
    for index, label in enumerate(first):
        spans = _SUB_ROLES.get(_label_role(label), ())
        if index == 0 or not fold(label).startswith(_GROUP_LABELS) or not spans:
            continue
        if sub_roles <= set(spans):
            return [*first[:index], *(f"{label} {sub}" for sub in second), *first[index + 1 :]]
    return None


@lru_cache(maxsize=4096)
def _label_role(label: str) -> Role:
    """The role a label names on its own (read inside a neutral header)."""
    probe = ["STT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", label]
    layout = read_header(probe)
    return layout.columns[-1].role if layout else Role.EXTRA


# --------------------------------------------------------------------------------------------
# scoring a cell

_DEADLINE_WORDS = (  # how a deadline cell begins (lower case, with its diacritics)
    *("quý", "tháng", "năm", "hằng", "hàng", "thường xuyên", "định kỳ", "trước", "trong"),
    *("đến", "từ", "sau", "theo", "giai đoạn", "liên tục", "cuối", "đầu", "giữa", "kể từ"),
    *("chậm nhất", "hoàn thành", "ngày", "khi"),
)
_SHORT_PERIOD = re.compile(r"[tq]\d", re.IGNORECASE)  # 'T6/2025', 'Q2/2025'
_TARGET_WORDS = (
    *("dat", "co ", "tang", "giam", "duy tri", "toi thieu", "it nhat", "phan dau"),
    *("thuoc", "top", "xep", "tren", "duoi", "khong", "toan bo", "hoan thanh", "trong nhom"),
)
_ACRONYM = re.compile(r"[A-ZĐ]{3,8}")
_PLACEHOLDER = re.compile(r"[-–—x…]|\.{3}", re.IGNORECASE)
_TARGET_START = re.compile(r"[\d≥≤<>=±~+\-–xX…]|\$")
_JOIN_END = re.compile(
    r"(?:[,(\-–/&:]|\b(?:và|của|các|với|trong|cho|về|theo|tại|để|từ|đến|hoặc|những|là|trên"
    r"|thuộc|nhằm|như|được|có|đối|giữa|sau|trước|bảo|đảm|vào|ra|lên|tới|qua|bằng|do|mà"
    r"|phối\s+hợp|chủ\s+trì))\s*$",
    re.IGNORECASE,
)
_EMPTY = {
    Role.NUMBER: -2.0,
    Role.NAME: -6.0,
    Role.LEAD: -2.5,
    Role.COORDINATING: -0.8,
    Role.AGENCY: -2.0,
    Role.DEADLINE: -1.5,
    Role.UNIT: -1.2,
    Role.RESULT: -1.5,
    Role.MILESTONE: -0.7,
    Role.OUTPUT: -0.5,
    Role.EXTRA: -0.2,
}
_BLANK_INSIDE = -1.0
_MERGED = -2.0  # a column with no cell where the form shows every cell: a merged cell


def is_deadline(text: str) -> bool:
    """Short text that reads as a deadline ('Quý II/2025', 'Hằng năm', '2025 - 2030')."""
    if len(text) > 60 or not _starts_like_deadline(text):
        return False
    return parse_deadline(text).kind is not DeadlineKind.UNKNOWN


def _starts_like_deadline(text: str) -> bool:
    start = unicodedata.normalize("NFC", text[:20]).casefold()
    return (
        start[:1].isdigit() or start.startswith(_DEADLINE_WORDS) or bool(_SHORT_PERIOD.match(start))
    )


def _numeric(text: str) -> bool:
    return bool(_TARGET_START.match(text)) or bool(_ROW_NUMBER.fullmatch(text))


@lru_cache(maxsize=65536)
def fit(role: Role, text: str) -> float:
    """How well non-empty cell text suits a column (log-odds-like, 0 = no opinion)."""
    if role is Role.NUMBER:
        return 3.0 if _ROW_NUMBER.fullmatch(text) else -8.0
    if role is Role.NAME:
        return -3.0 if is_deadline(text) or _ROW_NUMBER.fullmatch(text) else 1.0
    if role in (Role.LEAD, Role.COORDINATING, Role.AGENCY):
        return _agency_fit(role, text)
    if role is Role.DEADLINE:
        if is_deadline(text):
            return 3.0
        return 0.5 if len(text) <= 80 and _starts_like_deadline(text) else -4.0
    if role is Role.UNIT:
        if len(text) > 45 or is_deadline(text):
            return -3.0
        if text[0].isdigit() or _TARGET_START.match(text):
            return -2.0
        return 1.5 if len(text) <= 25 else 0.5
    if role in (Role.MILESTONE, Role.RESULT):
        return _target_fit(text)
    if role is Role.OUTPUT:
        return _output_fit(text)
    return 0.0


_PRODUCT_NOUNS = (
    *("giai phap", "san pham", "van ban", "bao cao", "ke hoach", "tin bai", "hoat dong"),
    *("chuong trinh", "mo hinh", "hoi nghi", "lop", "de an", "du an", "tai lieu", "quy dinh"),
    *("nhiem vu", "bai viet", "co so du lieu", "he thong", "nen tang", "ung dung", "chi tieu"),
)


def _output_fit(text: str) -> float:
    """Output cells name products ('Kế hoạch', 'Báo cáo', 'Các giải pháp đã triển khai')."""
    if is_deadline(text):
        return -3.0
    words = fold(text[:40]).split()
    rest = " ".join(words[1:]) if words and words[0] in ("cac", "nhung") else ""
    if starts_with_product(text) or rest.startswith(_PRODUCT_NOUNS):
        return 1.5
    if _ACRONYM.fullmatch(text):
        return 0.0
    return -1.5 if starts_with_unit(text) else 0.0


def _agency_fit(role: Role, text: str) -> float:
    """Unit names: a unit word first ('Sở', 'UBND', 'Các', an acronym like 'QTSC'); a lead is
    usually one short unit, a list of units belongs in the coordinating column."""
    if is_deadline(text) or _numeric(text):
        return -4.0
    first = text.split()[0]
    score = 1.5 if starts_with_unit(text) or _ACRONYM.fullmatch(first.strip(",;")) else -1.5
    size = len(text)
    if role is Role.LEAD:
        score += 0.5 if size <= 60 else 0.0 if size <= 100 else -0.5 if size <= 160 else -3.0
    elif size > (300 if role is Role.COORDINATING else 250):
        score -= 3.0
    return score


def _target_fit(text: str) -> float:
    """Targets: numbers, comparators, '-', 'Đạt …', 'Có …'; a short unit name is not one."""
    key = fold(text[:20])
    if _TARGET_START.match(text) or key.startswith(_TARGET_WORDS) or key == "co":
        return 2.0
    return -2.5 if starts_with_unit(text) and len(text) <= 60 else 0.3


@lru_cache(maxsize=65536)
def join_score(above: str, below: str) -> float:
    """How likely line `below` goes on with the cell whose last line is `above`."""
    if not above or not below:
        return _BLANK_INSIDE  # a blank line inside a cell: a paragraph break
    if _PLACEHOLDER.fullmatch(above) or _PLACEHOLDER.fullmatch(below):
        return -3.0  # '-', 'x': a cell of its own
    end = above.rstrip("* ")
    first = below.lstrip("*(\"'“ ")[:1]
    if _JOIN_END.search(end):
        score = 2.0  # the line above stops on a word that needs more
    elif end.endswith("."):
        score = -1.5
    elif end.endswith(";"):
        score = 0.5
    elif _capitals(end) and _capitals(below):
        score = 2.0  # a title in capitals goes on in capitals
    else:
        score = -1.0 if first.isupper() else 0.0  # a complete line, then a capital: a new cell
    if first.islower():
        score += 3.0
    elif first.isdigit():
        score -= 1.5
    return score


def _capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


# --------------------------------------------------------------------------------------------
# rows


@dataclass
class _Assignment:
    score: float
    groups: list[tuple[int, int]]  # atom span per column


_MAX_LINES = 40  # lines of one cell
_MAX_GROUP = {
    **dict.fromkeys((Role.LEAD, Role.COORDINATING, Role.AGENCY), 12),
    **{Role.NUMBER: 1, Role.UNIT: 3, Role.DEADLINE: 4},
}
_HEADING_ROW = 1.0
_ROWS_AHEAD = 4
_NUMBER_ONLY = -4.0
_HEADING_TITLE = 2.0
_UNNEEDED_BREAK = -2.0
_FULL_LINE = 1.5
_HOPELESS = 3 * _UNNEEDED_BREAK
_MANUAL_BREAK = re.compile(r"[;:.!?]\s*$")
_LIST_ITEM = re.compile(r"[-–+•*]\s|[a-zđ]\)\s|\d{1,2}[.)]\s")
_LOWER_START = 0.5  # a cell starting in lower case (the join score already weighs this)
_UNNUMBERED = -3.0


def read_rows(atoms: Sequence[Atom], layout: Layout) -> list[Row]:
    """The rows of a table body (the atoms after its header)."""
    if not atoms:
        return []
    marked = any(atom.row_start for atom in atoms)
    whole = all(atom.whole for atom in atoms)
    starts = _starts(atoms, marked, whole)
    best: dict[int, tuple[float, int, _Assignment | None]] = {0: (0.0, -1, None)}
    cells = _Cells(atoms)
    for position, start in enumerate(starts):
        if start not in best:
            continue
        later = [*starts[position + 1 :], len(atoms)]
        if marked:
            ends = later[:1]
        elif whole:
            ends = [end for end in later if end - start <= layout.width]
        else:
            ends = _window(atoms, later)
        for end, assignment in _row_options(cells, start, ends, layout).items():
            total = best[start][0] + assignment.score + _next_start_score(atoms, start, end)
            if end not in best or total > best[end][0]:
                best[end] = (total, start, assignment)
    return _backtrack(atoms, layout, best)


def _window(atoms: Sequence[Atom], later: list[int]) -> list[int]:
    """Ends to try for a row in lines: the next starts up to the fourth numbered one."""
    ends: list[int] = []
    numbered = 0
    for end in later:
        ends.append(end)
        numbered += end == len(atoms) or _number_of(atoms[end]) is not None
        if numbered == _ROWS_AHEAD:
            break
    return ends


def _starts(atoms: Sequence[Atom], marked: bool, whole: bool) -> list[int]:
    """Where rows may start: at the form's marks; with whole cells anywhere; else at a row
    number, a one-cell heading, or (at a cost) a line that may open an unnumbered row."""
    if marked:
        return [i for i, atom in enumerate(atoms) if atom.row_start or i == 0]
    return [
        i
        for i, atom in enumerate(atoms)
        if i == 0 or whole or _number_of(atom) or _heading(atom) or _opens(atoms[i - 1], atom)
    ]


def _opens(above: Atom, atom: Atom) -> bool:
    """A line that may open an unnumbered row: a capitalised phrase not running on from the
    line above."""
    text = atom.clean
    return len(text) >= 12 and text[0].isupper() and join_score(above.clean, text) <= 0


def _heading(atom: Atom) -> bool:
    """A one-cell heading row: 'I. Nâng cao …', '1) Phát triển …', or bold text alone."""
    text = atom.clean
    if _HEADING.fullmatch(text):
        return len(text) > 6
    return atom.bold and atom.whole and not _ROW_NUMBER.fullmatch(text)


def _number_of(atom: Atom) -> str | None:
    text = atom.clean.rstrip(".)")
    return text if _ROW_NUMBER.fullmatch(atom.clean) and text else None


def _next_start_score(atoms: Sequence[Atom], start: int, end: int) -> float:
    """How well the row starting at `end` follows the row starting at `start`: its number
    continues the numbering, or it is a heading; an unnumbered row costs."""
    if end >= len(atoms):
        return 0.0
    number = _number_of(atoms[end])
    if number is None:
        return 0.0 if _heading(atoms[end]) else _UNNUMBERED
    return sequence_score(_number_of(atoms[start]), number)


def sequence_score(before: str | None, number: str) -> float:
    """2 after 1, 1.1 after 1, 2 after 1.3, b after a, II after I: +2; 1 after a Roman
    numeral: +1.5; another Roman numeral: +1; 1 right after a numbered row: -1.5; anything
    else: -3."""
    if before is None:
        return 0.0
    roman, roman_before = _roman(number), _roman(before)
    if roman:
        return 2.0 if roman_before and roman == roman_before + 1 else 1.0
    if len(number) == 1 and number.isalpha():
        expected = chr(ord(before) + 1) if len(before) == 1 and before.isalpha() else "a"
        return 2.0 if number == expected else -3.0
    parts = _dotted(number)
    if parts is None:
        return -3.0
    if roman_before:
        return 1.5 if parts == (1,) else 0.5
    previous = _dotted(before)
    if previous is None:
        return 0.5 if parts == (1,) else -3.0
    if _follows(previous, parts):
        return 2.0
    return -1.5 if parts == (1,) else -3.0


def _roman(text: str) -> int | None:
    return roman_to_int(text) if re.fullmatch(r"[IVXL]+", text) else None


def _dotted(text: str) -> tuple[int, ...] | None:
    if not re.fullmatch(r"\d{1,3}(?:\.\d{1,3})*", text):
        return None
    return tuple(int(part) for part in text.split("."))


def _follows(before: tuple[int, ...], after: tuple[int, ...]) -> bool:
    if after == (*before, 1):
        return True
    for depth in range(1, len(before) + 1):
        if after == (*before[: depth - 1], before[depth - 1] + 1):
            return True
    return False


def _row_options(
    cells: _Cells, start: int, ends: list[int], layout: Layout
) -> dict[int, _Assignment]:
    """The best cell assignment of atoms[start:end] for each candidate end."""
    if _heading(cells.atoms[start]):
        return {start + 1: _Assignment(_HEADING_ROW, [])}
    table = _assign_table(cells, start, max(ends), layout)
    for end, heading in _heading_rows(cells, start, max(ends), layout).items():
        if end not in table or heading.score > table[end].score:
            table[end] = heading
    return {end: table[end] for end in ends if end in table}


def _assign_table(cells: _Cells, start: int, stop: int, layout: Layout) -> dict[int, _Assignment]:
    """For every end in (start, stop]: the best split of atoms[start:end] over all columns."""
    # best[c][e]: score of atoms[start:e] over the first c columns, and the group spans
    best: list[dict[int, tuple[float, tuple[tuple[int, int], ...]]]] = [{start: (0.0, ())}]
    for column in layout.columns:
        layer: dict[int, tuple[float, tuple[tuple[int, int], ...]]] = {}
        longest = _MAX_GROUP.get(column.role, _MAX_LINES)
        for begin, (score, groups) in best[-1].items():
            for end in range(begin, min(stop, begin + longest) + 1):
                cell = cells.score(begin, end, column.role)
                if cell is None:
                    break
                total = score + cell
                if end not in layer or total > layer[end][0]:
                    layer[end] = (total, (*groups, (begin, end)))
        best.append(layer)
    return {
        end: _Assignment(score, list(groups))
        for end, (score, groups) in best[-1].items()
        if end > start and score > -math.inf
    }


def _heading_rows(cells: _Cells, start: int, stop: int, layout: Layout) -> dict[int, _Assignment]:
    """Rows that hold a number and a title only ('I' + 'Nâng cao …', '1' + 'Chỉ tiêu về …'):
    every other column is empty, which costs nothing here; or a number alone."""
    number, name = layout.first(Role.NUMBER), layout.first(Role.NAME)
    numeral = cells.atoms[start].clean
    if number is None or name is None or not _ROW_NUMBER.fullmatch(numeral):
        return {}
    roman = _roman(numeral.rstrip(".")) is not None
    longest = 2 if cells.whole else _MAX_LINES + 1
    alone = [(start + 1, start + 1)] * layout.width
    alone[number.index] = (start, start + 1)
    # a number on a row of its own: the displaced number of the unnumbered row above
    options = {start + 1: _Assignment(fit(Role.NUMBER, numeral) + _NUMBER_ONLY, alone)}
    # a Roman numeral heads a section (all else empty); '1' + title may head a subgroup, or be a
    # row whose cells are empty (they cost half)
    empties = 0.0 if roman else 0.5 * sum(_EMPTY[c.role] for c in layout.columns[2:])
    for end in range(start + 2, min(stop, start + longest) + 1):
        title = cells.text(start + 1, end)
        score = fit(Role.NUMBER, numeral) + cells.joins(start + 1, end) + empties
        score += _HEADING_TITLE if roman else fit(Role.NAME, title) + 1.0
        groups = [(end, end)] * layout.width
        groups[number.index], groups[name.index] = (start, start + 1), (start + 1, end)
        options[end] = _Assignment(score, groups)
    return options


class _Cells:
    """Scores of atom groups as cells, cached: rows tried from different starts share them."""

    def __init__(self, atoms: Sequence[Atom]) -> None:
        self.atoms = atoms
        self.whole = bool(atoms) and all(atom.whole for atom in atoms)
        self._texts: dict[tuple[int, int], str] = {}
        self._joins: dict[tuple[int, int], float] = {}
        self._scores: dict[tuple[int, int, Role], float | None] = {}
        cleaned = [atom.clean for atom in atoms]
        self._lengths = [len(text) for text in cleaned]
        # a line as long as the longest of the table was wrapped: the text goes on
        self._full = 0.93 * max(self._lengths, default=0) if self._lengths else math.inf
        # room a break after each line needed (its length, a space, the next first word);
        # a manual break needs none
        self._needs = [
            math.inf
            if not above or not below or _MANUAL_BREAK.search(above) or _LIST_ITEM.match(below)
            else len(above) + 1 + len(below.split()[0])
            for above, below in itertools.pairwise([*cleaned, ""])
        ]

    def score(self, begin: int, end: int, role: Role) -> float | None:
        """Score of atoms[begin:end] as a cell of a column; None when the group cannot grow."""
        key = (begin, end, role)
        if key not in self._scores:
            self._scores[key] = self._score(begin, end, role)
        return self._scores[key]

    def _score(self, begin: int, end: int, role: Role) -> float | None:
        if end == begin:
            return _MERGED if self.whole else _EMPTY[role]
        if end - begin > 1 and self.whole:
            return None
        first = self.atoms[begin].clean
        if not first:  # an empty cell the form shows (a blank line), or a paragraph break
            return 0.0 if end - begin == 1 else None
        if self.whole:
            return fit(role, first)
        wraps = self.wraps(begin, end)
        if wraps <= _HOPELESS:
            return None  # three breaks that were not needed: no cell grows this way
        score = fit(role, self.text(begin, end)) + self.joins(begin, end) + wraps
        return score - _LOWER_START if first[:1].islower() else score

    def wraps(self, begin: int, end: int) -> float:
        """Lines wrapped at a width: inside one cell, a line breaks only where the next word
        would not have fitted (the cell's widest line). A break that was not needed means a new
        cell, unless it is a manual one (a list item, after ';', ':' or '.')."""
        if end - begin < 2:
            return 0.0
        width = max(self._lengths[begin:end]) - 2
        needs = self._needs[begin : end - 1]
        return _UNNEEDED_BREAK * sum(1 for need in needs if need <= width)

    def text(self, begin: int, end: int) -> str:
        """The cleaned text of atoms[begin:end] joined as one cell."""
        key = (begin, end)
        if key not in self._texts:
            head = self.text(begin, end - 1) if end - begin > 1 else ""
            self._texts[key] = join_lines([head, self.atoms[end - 1].clean])
        return self._texts[key]

    def joins(self, begin: int, end: int) -> float:
        """Sum of the join scores of the lines of atoms[begin:end]."""
        if end - begin < 2:
            return 0.0
        key = (begin, end)
        if key not in self._joins:
            above, below = self.atoms[end - 2].clean, self.atoms[end - 1].clean
            full = _FULL_LINE if self._lengths[end - 2] >= self._full else 0.0
            self._joins[key] = self.joins(begin, end - 1) + join_score(above, below) + full
        return self._joins[key]


def _backtrack(
    atoms: Sequence[Atom], layout: Layout, best: dict[int, tuple[float, int, _Assignment | None]]
) -> list[Row]:
    end = len(atoms)
    if end not in best:
        end = max(best)
    rows: list[Row] = []
    while end > 0:
        _, start, assignment = best[end]
        rows.append(_row(atoms, start, end, layout, assignment))
        end = start
    rows.reverse()
    return rows


def _row(
    atoms: Sequence[Atom], start: int, end: int, layout: Layout, assignment: _Assignment | None
) -> Row:
    width = layout.width
    if assignment is None or not assignment.groups:
        atom = atoms[start]
        column = 0 if _HEADING.fullmatch(atom.clean) else _name_index(layout)
        cells = [""] * width
        cells[column] = atom.text.strip()
        return Row(cells, atom.line)
    cells = [join_lines([a.text for a in atoms[b:e]]) for b, e in assignment.groups]
    return Row(cells, atoms[start].line)


def _name_index(layout: Layout) -> int:
    column = layout.first(Role.NAME)
    return column.index if column is not None else min(1, layout.width - 1)


def to_tab_lines(header: Header, rows: list[Row], line_of_header: int) -> dict[int, str]:
    """Tab-separated lines keyed by the line number they replace."""
    out = {line_of_header: "\t".join(header.labels)}
    for row in rows:
        out[row.line] = "\t".join(cell.replace("\t", " ") for cell in row.cells)
    return out
