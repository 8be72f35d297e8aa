"""From table rows to tasks and indicators: the rules shared by every input format.

Input is a sequence of `RawRow`s (cells as printed, with their source line) inside one
appendix, plus the `Layout` found from the header row. The rules, in the order applied:

    header row again (page break)   → skipped; the table goes on
    '---' rule row, empty row       → skipped
    'I.' / 'II Title' / '1) Title'  → section heading (tasks) or group heading (indicators)
    number, no data (indicators)    → subgroup heading: '1 Chỉ tiêu về …' heads 1.1, 1.2 …
    empty number cell               → continuation: joined cell by cell into the open record
    number only, all else empty     → the displaced number of the row above; that row is a
                                      record of its own (no number, with a warning)
    anything else                   → a new record

A continuation row whose name starts with a capital, under a record whose name ends with ':'
or whose deadline was empty, is also kept as a sub-item (name, output, deadline).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nq57.ingest.cells import clean_cell, collapse, join_cells
from nq57.ingest.columns import Layout, Role, TableKind, same_header
from nq57.ingest.model import ParsedIndicator, ParsedTask, ParseWarning, Source


@dataclass
class RawRow:
    cells: list[str]
    line: int
    line_end: int | None = None


_ROMAN = r"(?:X{0,3})(?:IX|IV|V?I{0,3})"
_SECTION = re.compile(rf"^(?P<num>{_ROMAN}|[A-Z]|\d{{1,2}}\))\.?(?:\s+(?P<title>.+))?$")
_RULE = re.compile(r"^:?-{3,}:?$")
_BOLD = re.compile(r"(?:<b>|<strong>|\*\*)[^<*]+(?:</b>|</strong>|\*\*)", re.IGNORECASE)
_YEAR = re.compile(r"\b(20\d\d)\b")
_HORIZON = re.compile(r"(?:đến|tới)\s+(?:hết\s+)?năm\s+(20\d\d)\b", re.IGNORECASE)
_EMPTY_TARGET = {"", "-", "–", "—", "x", "…", "..."}


@dataclass
class _Record:
    kind: str  # 'item' | 'subgroup'
    cells: list[str]
    line: int
    line_end: int
    number: str
    section: str | None = None
    section_title: str | None = None
    group: str | None = None
    subgroup: str | None = None
    subitems: list[dict[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class TableResult:
    tasks: list[ParsedTask] = field(default_factory=list)
    indicators: list[ParsedIndicator] = field(default_factory=list)
    warnings: list[ParseWarning] = field(default_factory=list)


def _clean_number(text: str) -> str:
    return text.strip().rstrip(".").strip()


def _is_number(text: str) -> bool:
    return bool(re.fullmatch(r"\d{1,3}(?:\.\d{1,3}){0,3}|[a-zđ]\)?|[IVX]+", text))


class TableReader:
    """Reads the rows of one appendix's table(s); state carries over page breaks."""

    def __init__(
        self, layout: Layout, appendix: str | None, header: list[str], caption: str = ""
    ) -> None:
        self.layout = layout
        self.appendix = appendix
        self.caption = caption  # the appendix heading, e.g. 'DANH MỤC CHỈ TIÊU ĐẾN NĂM 2030'
        self.header = header
        self.subheader: list[str] | None = None  # a second header row, repeated after page breaks
        self.records: list[_Record] = []
        self.open: _Record | None = None
        self.section: tuple[str | None, str | None] = (None, None)
        self._outer_section: tuple[str | None, str | None] | None = None
        self.group: str | None = None
        self.subgroup: _Record | None = None
        self.warnings: list[ParseWarning] = []
        self._last_join: tuple[_Record, list[str], list[str], RawRow] | None = None

    # -- feeding -----------------------------------------------------------------------
    def feed(self, row: RawRow) -> None:
        if same_header(row.cells, self.header) or (
            self.subheader is not None and same_header(row.cells, self.subheader)
        ):
            return
        cells = self._fit([clean_cell(c) for c in row.cells], row)
        if not any(cells) or all(_RULE.match(c) for c in cells if c):
            return
        number = _clean_number(cells[self._col(Role.NUMBER, 0)])
        rest = [c for i, c in enumerate(cells) if i != self._col(Role.NUMBER, 0)]
        if self._heading(number, cells, rest, row) or self._bold_heading(number, cells, row):
            return
        if not number:
            self._continue(cells, row)
        elif not any(rest):
            self._displaced_number(number, row)
        else:
            self._new(number, cells, row)

    def _fit(self, cells: list[str], row: RawRow) -> list[str]:
        width = self.layout.width
        if len(cells) > width:
            spill = [c for c in cells[width:] if c]
            if spill:
                self._warn(row.line, f"Dòng {row.line} có nhiều ô hơn tiêu đề bảng: {spill!r}.")
            cells = cells[:width]
        return cells + [""] * (width - len(cells))

    def _col(self, role: Role, default: int | None = None) -> int:
        column = self.layout.first(role)
        if column is None:
            if default is None:
                raise KeyError(role)
            return default
        return column.index

    def _data_columns(self) -> list[int]:
        skip = {Role.NUMBER, Role.NAME}
        return [c.index for c in self.layout.columns if c.role not in skip]

    # -- headings ----------------------------------------------------------------------
    def _heading(self, number: str, cells: list[str], rest: list[str], row: RawRow) -> bool:
        name_col = self._col(Role.NAME, 1)
        data = [cells[i] for i in self._data_columns()]
        if any(data):
            return False
        first = cells[self._col(Role.NUMBER, 0)]
        if first and not cells[name_col] and not any(rest):
            match = _SECTION.match(first)  # 'VI Thúc đẩy …' or '1) Phát triển …' in one cell
            if match and match.group("title"):
                self._set_heading(match.group("num"), match.group("title"), first)
                return True
        match = _SECTION.match(number)
        if match and number and cells[name_col] and _is_heading_numeral(number):
            printed = f"{first.rstrip('.')} {cells[name_col]}" if first else cells[name_col]
            self._set_heading(match.group("num"), cells[name_col], printed)
            return True
        if self.layout.kind is TableKind.INDICATORS and number and cells[name_col]:
            self._close()
            record = _Record("subgroup", cells, row.line, row.line_end or row.line, number)
            self.subgroup = record
            self.open = record
            return True
        return False

    def _bold_heading(self, number: str, cells: list[str], row: RawRow) -> bool:
        """An unnumbered row holding only a bold name ('<b>Nhóm nhiệm vụ …</b>') heads a section;
        it is not the continuation of the row above."""
        name_col = self._col(Role.NAME, 1)
        raw = row.cells[name_col] if name_col < len(row.cells) else ""
        others = [c for i, c in enumerate(cells) if i != name_col]
        if number or any(others) or not cells[name_col] or not _BOLD.fullmatch(raw.strip()):
            return False
        self._close()
        self.subgroup = None
        if self.layout.kind is TableKind.TASKS:
            self.section = (None, cells[name_col])
        else:
            self.group = cells[name_col]
        return True

    def _set_heading(self, numeral: str, title: str, printed: str) -> None:
        self._close()
        self.open = None
        self.subgroup = None
        numeral = numeral.rstrip(".")
        self._outer_section = None
        if self.layout.kind is TableKind.TASKS:
            self.section = (numeral, collapse(title))
        else:
            self.group = collapse(printed)

    # -- records -----------------------------------------------------------------------
    def _new(self, number: str, cells: list[str], row: RawRow) -> None:
        self._leave_numbered_section(number)
        self._promote_heading(number)
        self._close()
        record = _Record("item", cells, row.line, row.line_end or row.line, number)
        record.section, record.section_title = self.section
        record.group = self.group
        if self.subgroup is not None:
            prefix = self.subgroup.number + "."
            if number.startswith(prefix):
                record.subgroup = (
                    f"{self.subgroup.number} {self.subgroup.cells[self._col(Role.NAME, 1)]}"
                )
            else:
                self.subgroup = None
        self.records.append(record)
        self.open = record
        self._last_join = None

    def _promote_heading(self, number: str) -> None:
        """A task row '1 Nhóm nhiệm vụ …' with no unit, deadline or output, followed by '1.1',
        was the heading of a section, not a task."""
        last = self.records[-1] if self.records else None
        if (
            self.layout.kind is not TableKind.TASKS
            or last is None
            or not last.number
            or not number.startswith(last.number + ".")
            or any(last.cells[i] for i in self._data_columns())
        ):
            return
        self.records.pop()
        self._outer_section = self.section
        self.section = (last.number, last.cells[self._col(Role.NAME, 1)])

    def _leave_numbered_section(self, number: str) -> None:
        """'2' after the tasks 1.1, 1.2 of heading '1' is back in the enclosing section."""
        code = self.section[0]
        if self._outer_section is not None and code and not number.startswith(code + "."):
            self.section, self._outer_section = self._outer_section, None

    def _continue(self, cells: list[str], row: RawRow) -> None:
        record = self.open
        if record is None:
            self._unnumbered(cells, row)
            return
        if record.kind == "item" and self._is_subitem(record, cells):
            record.subitems.append(self._subitem(cells))
        self._last_join = (record, list(record.cells), cells, row)
        for i, text in enumerate(cells):
            record.cells[i] = join_cells(record.cells[i], text)
        record.line_end = row.line_end or row.line

    def _unnumbered(self, cells: list[str], row: RawRow) -> None:
        self._new("", cells, row)
        self._warn(row.line, f"Dòng {row.line} không có số thứ tự; được coi là một mục riêng.")

    def _displaced_number(self, number: str, row: RawRow) -> None:
        """A row holding only a number: the vertically centred number of the row above."""
        joined = self._last_join
        self._last_join = None
        if joined is None or joined[0].kind != "item":
            self._warn(row.line, f"Dòng {row.line} chỉ có số thứ tự «{number}», không có nội dung.")
            return
        record, before, cells, source_row = joined
        record.cells = before
        record.subitems = [
            s for s in record.subitems if s.get("name") != cells[self._col(Role.NAME, 1)]
        ]
        self._unnumbered(cells, source_row)
        self._warn(
            row.line,
            f"Dòng {row.line} chỉ có số thứ tự «{number}»; có lẽ đó là số của dòng "
            f"{source_row.line}, cần kiểm tra.",
        )

    def _is_subitem(self, record: _Record, cells: list[str]) -> bool:
        name = cells[self._col(Role.NAME, 1)]
        if not name or not name[0].isupper():
            return False
        parent_name = record.cells[self._col(Role.NAME, 1)]
        deadline = self.layout.first(Role.DEADLINE)
        own_deadline = deadline is not None and bool(cells[deadline.index])
        parent_empty = deadline is not None and not record.cells[deadline.index]
        return (parent_name.endswith(":") or parent_empty or bool(record.subitems)) and (
            own_deadline or bool(record.subitems)
        )

    def _subitem(self, cells: list[str]) -> dict[str, str]:
        item = {"name": cells[self._col(Role.NAME, 1)]}
        for role in (Role.OUTPUT, Role.DEADLINE):
            column = self.layout.first(role)
            if column is not None and cells[column.index]:
                item[role.value] = cells[column.index]
        return item

    def _close(self) -> None:
        self.open = None
        self._last_join = None

    def _warn(self, line: int, message: str, record: str | None = None) -> None:
        self.warnings.append(ParseWarning(message=message, line=line, record=record))

    # -- output ------------------------------------------------------------------------
    def result(self) -> TableResult:
        out = TableResult(warnings=list(self.warnings))
        for index, record in enumerate(self.records, 1):
            if record.kind != "item":
                continue
            source = Source(self.appendix, index, record.line, record.line_end)
            if self.layout.kind is TableKind.TASKS:
                out.tasks.append(self._task(record, source))
            else:
                out.indicators.append(self._indicator(record, source))
        return out

    def _text(self, record: _Record, role: Role) -> str | None:
        column = self.layout.first(role)
        if column is None:
            return None
        return record.cells[column.index] or None

    def _extras(self, record: _Record) -> dict[str, str]:
        return {
            collapse(c.label): record.cells[c.index]
            for c in self.layout.all(Role.EXTRA)
            if record.cells[c.index] and c.label.strip()
        }

    def _task(self, record: _Record, source: Source) -> ParsedTask:
        return ParsedTask(
            appendix=self.appendix,
            section=record.section,
            section_title=record.section_title,
            number=record.number or None,
            name=self._text(record, Role.NAME) or "",
            lead=self._text(record, Role.LEAD),
            coordinating=self._text(record, Role.COORDINATING),
            deadline=self._text(record, Role.DEADLINE),
            output=self._text(record, Role.OUTPUT),
            extras=self._extras(record),
            subitems=record.subitems,
            source=source,
        )

    def _indicator(self, record: _Record, source: Source) -> ParsedIndicator:
        return ParsedIndicator(
            appendix=self.appendix,
            group=record.group,
            subgroup=record.subgroup,
            code=record.number or None,
            name=self._text(record, Role.NAME) or "",
            unit=self._text(record, Role.UNIT),
            targets=self._targets(record),
            lead=self._text(record, Role.LEAD),
            coordinating=self._text(record, Role.COORDINATING),
            output=self._text(record, Role.OUTPUT),
            extras=self._extras(record),
            source=source,
        )

    def _targets(self, record: _Record) -> dict[str, str]:
        targets: dict[str, str] = {}
        for column in self.layout.all(Role.MILESTONE):
            value = record.cells[column.index]
            if value.strip() not in _EMPTY_TARGET and column.milestone:
                targets[column.milestone] = value
        result = self.layout.first(Role.RESULT)
        if result is not None and record.cells[result.index].strip() not in _EMPTY_TARGET:
            targets[self._result_key(record)] = record.cells[result.index]
        return targets

    def _result_key(self, record: _Record) -> str:
        """The milestone of a single 'Kết quả' column: the year of the group heading ('Đến năm
        2030'), else the 'đến năm …' of the appendix heading, else 'Kết quả'."""
        years: list[str] = _YEAR.findall(record.group or "")
        if years:
            return years[-1]
        horizon: list[str] = _HORIZON.findall(clean_cell(self.caption))
        return horizon[-1] if horizon else "Kết quả"


def _is_heading_numeral(number: str) -> bool:
    """'I', 'II.', 'A', '1)' head a section; a plain '1' in a task table is a task."""
    if re.fullmatch(_ROMAN, number) and number:
        return True
    if re.fullmatch(r"[A-Z]", number):
        return True
    return bool(re.fullmatch(r"\d{1,2}\)", number))
