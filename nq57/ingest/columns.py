"""Table header understanding: which column holds what, found by meaning, not position.

A header row is recognised by its words (STT/TT, Tên nhiệm vụ / Nội dung / Chỉ tiêu, Cơ quan
chủ trì / phối hợp, Thời gian / Thời hạn / Tiến độ, Đơn vị tính, Kết quả, years 2025…2045 and
period labels '2025-2027'). Every column gets a `Role`; unknown columns are kept as named extras.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

from nq57.lib.vntext import fold as _fold


class Role(StrEnum):
    NUMBER = "number"
    NAME = "name"
    UNIT = "unit"
    RESULT = "result"  # one 'Kết quả' target column; the milestone comes from the group heading
    MILESTONE = "milestone"  # one column per year or period
    LEAD = "lead"
    COORDINATING = "coordinating"
    AGENCY = "agency"  # 'Cơ quan thực hiện' spanning lead and coordinating, undivided
    DEADLINE = "deadline"
    OUTPUT = "output"
    EXTRA = "extra"


class TableKind(StrEnum):
    TASKS = "tasks"
    INDICATORS = "indicators"


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """Lowercase without diacritics ('Đơn vị' → 'don vi'), whitespace collapsed (cached)."""
    return _fold(text)


_YEAR = re.compile(r"\b(20\d\d)\b")
_ROW_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,3})*|[IVX]{1,5}")
_MAX_LABEL = 90
_PERIOD = re.compile(r"\b(20\d\d)\s*[-–—]\s*(20\d\d)\b")
_NUMBER_HEADERS = {"stt", "tt", "so tt", "so thu tu", "s tt", "thu tu", "ma", "ma so", "so"}


@dataclass
class Column:
    index: int
    label: str
    role: Role
    milestone: str | None = None  # '2030' or '2025-2027' for MILESTONE columns


@dataclass
class Layout:
    """The meaning of each column of one table."""

    kind: TableKind
    columns: list[Column] = field(default_factory=list)

    def first(self, role: Role) -> Column | None:
        return next((c for c in self.columns if c.role is role), None)

    def all(self, role: Role) -> list[Column]:
        return [c for c in self.columns if c.role is role]

    @property
    def width(self) -> int:
        return len(self.columns)


def _role_of(label: str) -> tuple[Role, str | None]:
    key = fold(label).strip(" .:*")
    if not key:
        return Role.EXTRA, None
    if key in _NUMBER_HEADERS:
        return Role.NUMBER, None
    period = _PERIOD.search(key)
    if period and len(key) < 40:
        return Role.MILESTONE, f"{period.group(1)}-{period.group(2)}"
    year = _YEAR.search(key)
    if year and len(key) < 30 and not key.startswith(("thoi", "tien do")):
        return Role.MILESTONE, year.group(1)
    if "phoi hop" in key:
        return Role.COORDINATING, None
    if "chu tri" in key:
        return Role.LEAD, None
    if key.startswith(("co quan thuc hien", "don vi thuc hien", "co quan, don vi thuc hien")):
        return Role.AGENCY, None
    if key.startswith(("thoi gian", "thoi han", "tien do", "han hoan thanh", "moc thoi gian")):
        return Role.DEADLINE, None
    if key.startswith(("san pham", "ket qua du kien", "ket qua dau ra", "hinh thuc van ban")):
        return Role.OUTPUT, None
    if key.startswith(("ket qua", "chi tieu den", "muc tieu")) and "chi tieu/" not in key:
        return Role.RESULT, None
    if key.startswith(("don vi tinh", "dvt", "don vi do")) or key == "don vi":
        return Role.UNIT, None
    if key.startswith(("ten nhiem vu", "nhiem vu", "noi dung", "chi tieu", "ten chi tieu")):
        return Role.NAME, None
    if key.startswith(("ten ", "hoat dong", "cong viec", "giai phap")):
        return Role.NAME, None
    return Role.EXTRA, None


def read_header(cells: list[str]) -> Layout | None:
    """The layout of a header row, or None when the row is not a header.

    A header has a name column and at least three known columns, all short labels; a row whose
    first cell is a row number ('1', 'II.') is data, whatever words it holds.
    """
    first = cells[0].strip().rstrip(".") if cells else ""
    if _ROW_NUMBER.fullmatch(first) or any(len(c) > _MAX_LABEL for c in cells):
        return None
    columns = []
    for index, label in enumerate(cells):
        role, milestone = _role_of(label)
        columns.append(Column(index, label, role, milestone))
    roles = {c.role for c in columns}
    known = [c for c in columns if c.role is not Role.EXTRA]
    if Role.NAME not in roles or len(known) < 3:
        return None
    name_label = fold(next(c.label for c in columns if c.role is Role.NAME))
    indicator_roles = {Role.UNIT, Role.RESULT, Role.MILESTONE}
    is_indicator = name_label.startswith(("chi tieu", "ten chi tieu")) or (
        bool(roles & indicator_roles) and Role.DEADLINE not in roles
    )
    kind = TableKind.INDICATORS if is_indicator else TableKind.TASKS
    if kind is TableKind.TASKS:
        for column in columns:  # 'Kết quả' of a task is its output, not a target
            if column.role is Role.RESULT:
                column.role = Role.OUTPUT
    _single_agency(columns, kind)
    return Layout(kind, columns)


def refine_header(layout: Layout, cells: list[str]) -> bool:
    """Apply a second header row ('Chủ trì' | 'Phối hợp' under 'Cơ quan thực hiện'; years under
    'Mục tiêu'). True when `cells` is such a row: every filled cell names a known column, and
    none lies under the number or name column (a heading row 'I Đến năm 2030' merged across the
    table is data, not a header)."""
    filled = [(i, c) for i, c in enumerate(cells) if c.strip()]
    if not filled or any(_role_of(c)[0] is Role.EXTRA for _, c in filled):
        return False
    fixed = (Role.NUMBER, Role.NAME)
    for index, label in filled:
        role, milestone = _role_of(label)
        if index >= len(layout.columns) or role in fixed or layout.columns[index].role in fixed:
            return False
    for index, label in filled:
        role, milestone = _role_of(label)
        column = layout.columns[index]
        column.label = f"{column.label} {label}".strip()
        column.role, column.milestone = role, milestone
    _single_agency(layout.columns, layout.kind)
    return True


def _single_agency(columns: list[Column], kind: TableKind) -> None:
    """An indicator table's only agency column ('Cơ quan chủ trì theo dõi, đánh giá') is the lead,
    even if it is also labelled 'phối hợp'; an undivided 'Cơ quan thực hiện' is the lead."""
    agency = [c for c in columns if c.role in (Role.LEAD, Role.COORDINATING, Role.AGENCY)]
    if len(agency) == 1:
        agency[0].role = Role.LEAD


def same_header(a: list[str], b: list[str]) -> bool:
    """Two header rows are the same table's header (repeated after a page break)."""
    fa = [fold(x) for x in a if x.strip()]
    fb = [fold(x) for x in b if x.strip()]
    return fa == fb
