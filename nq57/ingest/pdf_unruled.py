"""Tables printed without ruling lines, found from their header row (for pdf_reader).

A table without borders is only words on a page. Its header gives it away: a few tight lines
whose phrases (words closer than a column gap) read, column by column, as a table header
('STT' | 'Tên nhiệm vụ' | 'Cơ quan chủ trì' | …, recognised by nq57.ingest.columns). Labels
broken over two or three lines are put together by their horizontal overlap:

    STT   Tên nhiệm vụ    Cơ quan     Cơ quan     Thời gian      ← header lines: phrases that
                          chủ trì     phối hợp    hoàn thành       overlap form one label
    1     Xây dựng kế     Phòng Nội   Các phòng,  Quý II/2025
          hoạch …         vụ          ban         │
    2     Số hóa hồ sơ    Văn phòng   …           │
        ↑              ↑           ↑           ↑
        column boundaries: between two header labels, the widest vertical strip that no
        word of the lines below crosses (the gutter), else the least crossed one

Below the header every line is cut at the boundaries. A line with a word in the first column
opens a row; a line without one continues the row above, cell by cell. A line crossing a
boundary opens a heading row ('II. Phát triển hạ tầng số', one cell) when it starts with a
section numeral, or continues the heading above it; otherwise it ends the table, as does a gap
of more than two lines. A table that runs to the foot of a page carries its columns over: the
lines at the head of the next page that fit them continue it (a header repeated there starts
the table again instead).
"""

from __future__ import annotations

import itertools
import re
import statistics
from dataclasses import dataclass

from nq57.ingest.cells import clean_cell
from nq57.ingest.columns import Role, read_header
from nq57.ingest.pdf_tables import PageTable, TableRow, Word, join_lines

__all__ = ["Columns", "unruled_tables"]

_LINE_TOLERANCE = 3.0
_PHRASE_GAP = 0.6  # a gap wider than this share of the text height separates two header labels
_HEADER_LINES = 4
_END_GAP = 2.0  # a gap above a line larger than this many line heights ends the table
_SECTION = re.compile(r"^(?:[IVXLC]+|[A-Z]|\d{1,2}\))\.?$")
_PAGE_NUMBER = re.compile(r"^(?:trang\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?$", re.IGNORECASE)
_BOLD = re.compile(r"bold|black|heavy|,b\b|-bd\b", re.IGNORECASE)


@dataclass(frozen=True)
class Columns:
    """Where an unruled table's columns meet (x of each boundary between two columns)."""

    boundaries: tuple[float, ...]
    numbered: bool = False  # the first column holds row numbers ('STT')

    @property
    def count(self) -> int:
        return len(self.boundaries) + 1

    def index(self, x: float) -> int:
        return sum(1 for b in self.boundaries if x >= b)

    def crosses(self, word: Word) -> bool:
        return any(word["x0"] < b - 1 < b + 1 < word["x1"] for b in self.boundaries)


@dataclass
class _Line:
    words: list[Word]

    @property
    def top(self) -> float:
        return min(float(w["top"]) for w in self.words)

    @property
    def bottom(self) -> float:
        return max(float(w["bottom"]) for w in self.words)

    @property
    def height(self) -> float:
        return max(self.bottom - self.top, 1.0)

    @property
    def text(self) -> str:
        return " ".join(w["text"] for w in self.words)

    @property
    def bold(self) -> bool:
        return all(_BOLD.search(str(w.get("fontname", ""))) for w in self.words)


def unruled_tables(
    words: list[Word], carried: Columns | None
) -> tuple[list[PageTable], list[Word], Columns | None]:
    """The unruled tables among `words`, the words left over, and the columns of a table that
    runs on at the foot of the page (`carried` holds those of the page before)."""
    lines = _lines(words)
    tables: list[PageTable] = []
    used: set[int] = set()
    open_columns = None
    index = 0
    resume = _continued_start(lines, carried)
    while index < len(lines):
        if resume is not None:
            columns, first, body = carried, resume, resume
            resume = None
        else:
            found = _header(lines, index)
            if found is None:
                index += 1
                continue
            columns, first, body = _columns_below(lines, index, *found)
        assert columns is not None
        end, rows = _rows(lines, body, columns)
        if rows:
            tables.append(_table(lines, (first, body, end), rows, columns))
            used.update(range(first, end))
            open_columns = columns if _runs_to_foot(lines, end) else None
        index = max(end, index + 1)
    rest = [w for i, line in enumerate(lines) if i not in used for w in line.words]
    return tables, rest, open_columns


def _lines(words: list[Word]) -> list[_Line]:
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines and abs(lines[-1][0]["top"] - word["top"]) <= _LINE_TOLERANCE:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [_Line(sorted(line, key=lambda w: w["x0"])) for line in lines]


# --------------------------------------------------------------------------- header


def _phrases(line: _Line) -> list[list[Word]]:
    phrases = [[line.words[0]]]
    for word in line.words[1:]:
        if word["x0"] - phrases[-1][-1]["x1"] > _PHRASE_GAP * line.height:
            phrases.append([word])
        else:
            phrases[-1].append(word)
    return phrases


@dataclass
class _Label:
    x0: float
    x1: float
    parts: list[str]
    top: float = 0.0
    bottom: float = 0.0

    @property
    def text(self) -> str:
        return clean_cell(" ".join(self.parts))


def _labels(block: list[_Line]) -> list[_Label]:
    """The header labels of a few lines: a phrase under one label continues it; a label over
    several phrases of the line below ('Cơ quan thực hiện' over 'Chủ trì' | 'Phối hợp') heads
    them and each becomes a label of its own."""
    labels: list[_Label] = []
    for line in block:
        phrases = [_phrase_label(p) for p in _phrases(line)]
        for label in list(labels):
            under = [p for p in phrases if _overlap(p, label)]
            if len(under) > 1:
                labels.remove(label)
                for phrase in under:
                    phrase.parts = label.parts + phrase.parts
        for phrase in phrases:
            hits = [label for label in labels if _overlap(phrase, label)]
            if len(hits) == 1 and len(hits[0].parts) < _HEADER_LINES:
                hits[0].parts += phrase.parts
                hits[0].x0, hits[0].x1 = min(hits[0].x0, phrase.x0), max(hits[0].x1, phrase.x1)
            else:
                labels.append(phrase)
    return _group_labels(sorted(labels, key=lambda label: label.x0))


def _phrase_label(phrase: list[Word]) -> _Label:
    text = " ".join(w["text"] for w in phrase)
    top, bottom = min(w["top"] for w in phrase), max(w["bottom"] for w in phrase)
    return _Label(phrase[0]["x0"], phrase[-1]["x1"], [text], top, bottom)


def _group_labels(labels: list[_Label]) -> list[_Label]:
    """A label above a run of labels printed together lower down ('Cơ quan thực hiện' over
    'Chủ trì' | 'Phối hợp', not overlapping them) heads each of them."""
    for index, label in enumerate(labels):
        left, right = labels[index - 1] if index else None, labels[index + 1 : index + 2]
        if left is None or not right or not _below(left, label) or not _below(right[0], label):
            continue
        if abs(left.top - right[0].top) > _LINE_TOLERANCE:
            continue
        run = [lab for lab in labels if abs(lab.top - left.top) <= _LINE_TOLERANCE]
        members = _adjacent(labels, index, run)
        for member in members:
            member.parts = label.parts + member.parts
        return _group_labels([lab for lab in labels if lab is not label])
    return labels


def _below(label: _Label, above: _Label) -> bool:
    return label.top > above.bottom


def _adjacent(labels: list[_Label], index: int, run: list[_Label]) -> list[_Label]:
    """The labels of `run` next to position `index`, on both sides, without a gap."""
    members: list[_Label] = []
    for step in (-1, 1):
        k = index + step
        while 0 <= k < len(labels) and any(labels[k] is lab for lab in run):
            members.append(labels[k])
            k += step
    return members


def _overlap(a: _Label, b: _Label) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1


def _header(lines: list[_Line], index: int) -> tuple[int, list[_Label]] | None:
    """The best header starting at line `index`: (its number of lines, its labels)."""
    if len(_phrases(lines[index])) < 2 or _opens_row(lines[index]):
        return None
    best: tuple[int, int, list[_Label]] | None = None
    for size in range(1, _HEADER_LINES + 1):
        block = lines[index : index + size]
        if len(block) < size or (size > 1 and not _tight(block[-2], block[-1])):
            break
        if size > 1 and (_opens_row(block[-1]) or (block[0].bold and not block[-1].bold)):
            break  # a row number, or plain text under a bold header: the table body
        labels = _labels(block)
        layout = read_header([label.text for label in labels])
        if layout is None:
            continue
        known = sum(1 for c in layout.columns if c.role is not Role.EXTRA)
        if best is None or known > best[0] or (known == best[0] and len(labels) == len(best[2])):
            best = (known, size, labels)  # a line that only lengthens the labels belongs too
    return None if best is None else (best[1], best[2])


def _tight(above: _Line, below: _Line) -> bool:
    return below.top - above.bottom < 0.8 * below.height


def _opens_row(line: _Line) -> bool:
    """A line starting with a row number or section numeral ('1', '2.3', 'II.') is data."""
    first = line.words[0]["text"].rstrip(".")
    return bool(re.fullmatch(r"\d{1,3}(?:\.\d{1,3})*", first) or _SECTION.match(first))


def _columns_below(
    lines: list[_Line], index: int, size: int, labels: list[_Label]
) -> tuple[Columns, int, int]:
    """The columns under a header: (columns, first line of the table, first body line)."""
    body = index + size
    rows = [line.words for line in _extent(lines, body) if len(_phrases(line)) > 1]
    bounds: list[float] = []
    for a, b in itertools.pairwise(labels):
        bounds.append(_gutter(a, b, rows, bounds[-1] if bounds else -1.0))
    layout = read_header([label.text for label in labels])
    numbered = layout is not None and layout.columns[0].role is Role.NUMBER
    return Columns(tuple(bounds), numbered), index, body


def _extent(lines: list[_Line], start: int) -> list[_Line]:
    """The lines below a header down to a wide gap: where the gutters are looked for."""
    out: list[_Line] = []
    for line in lines[start:]:
        if out and line.top - out[-1].bottom > _END_GAP * line.height:
            break
        out.append(line)
    return out


def _gutter(left: _Label, right: _Label, lines: list[list[Word]], floor: float) -> float:
    """Where two columns meet, between their labels (between their centres when the labels
    touch): of the strips (1 pt steps) that the fewest words cross, the one that parts the most
    lines into a left and a right part (counting words from the boundary before, `floor`, to
    the right label's centre: a strip right of a short unit '%' parts none), then the leftmost
    (cell text starts at the left of its column); its middle."""
    start, end = left.x1, right.x0
    if end - start < 2:
        start, end = (left.x0 + left.x1) / 2, (right.x0 + right.x1) / 2
    size = max(int(end - start), 1)
    ceiling = (right.x0 + right.x1) / 2
    near = [[w for w in row if w["x0"] >= floor and w["x1"] <= ceiling] for row in lines]
    inside = [w for row in lines for w in row if w["x1"] > start and w["x0"] < start + size]
    cover = _coverage(inside, start, size)
    least = min(cover)
    strips = _runs([count == least for count in cover])
    height = float(
        statistics.median([w["bottom"] - w["top"] for row in lines for w in row] or [10.0])
    )
    wide = [strip for strip in strips if strip[1] - strip[0] >= _PHRASE_GAP * height]
    best = max(wide or strips, key=lambda strip: (_parted(near, start, strip), -strip[0]))
    return start + (best[0] + best[1]) / 2


def _coverage(words: list[Word], start: float, size: int) -> list[int]:
    change = [0] * (size + 2)
    for word in words:
        lo, hi = max(int(word["x0"] - start), 0), min(int(word["x1"] - start), size)
        if lo <= hi:
            change[lo] += 1
            change[hi + 1] -= 1
    cover, count = [], 0
    for step in change[: size + 1]:
        count += step
        cover.append(count)
    return cover


def _runs(flags: list[bool]) -> list[tuple[int, int]]:
    """(start, end) of each run of True, end exclusive."""
    runs: list[tuple[int, int]] = []
    for x, flag in enumerate(flags):
        if flag and runs and runs[-1][1] == x:
            runs[-1] = (runs[-1][0], x + 1)
        elif flag:
            runs.append((x, x + 1))
    return runs


def _parted(lines: list[list[Word]], start: float, strip: tuple[int, int]) -> int:
    lo, hi = start + strip[0], start + strip[1]
    return sum(
        1
        for words in lines
        if any(w["x1"] <= hi for w in words) and any(w["x0"] >= lo for w in words)
    )


# --------------------------------------------------------------------------- rows


@dataclass
class _Row:
    top: float
    bottom: float
    cells: list[list[str]]
    heading: bool = False


def _rows(lines: list[_Line], start: int, columns: Columns) -> tuple[int, list[_Row]]:
    """Rows from line `start` to the end of the table: (index after the table, rows)."""
    rows: list[_Row] = []
    index = start
    while index < len(lines):
        line = lines[index]
        previous = lines[index - 1] if index > start else None
        if previous is not None and line.top - previous.bottom > _END_GAP * line.height:
            break
        if not _add(rows, line, columns):
            break
        index += 1
    return index, rows


def _add(rows: list[_Row], line: _Line, columns: Columns) -> bool:
    """Put a line into the rows; False when it does not belong to the table."""
    if any(columns.crosses(w) for w in line.words) and not _numbered(line):
        return _add_spanning(rows, line, columns)
    if _heading_continues(rows, line, columns) and _continue_heading(rows, line):
        return True
    cells: list[list[str]] = [[] for _ in range(columns.count)]
    for word in line.words:
        cells[columns.index((word["x0"] + word["x1"]) / 2)].append(word["text"])
    parts = [" ".join(c) for c in cells]
    if columns.numbered and parts[0] and not _opens_row(line):
        return False  # 'Nơi nhận:' under the table: text, not a row
    if _starts_heading(line, columns) and not any(parts[2:]):
        rows.append(_Row(line.top, line.bottom, [[line.text]] + [[] for _ in parts[1:]], True))
        return True
    if parts[0] or not rows or rows[-1].heading:
        rows.append(_Row(line.top, line.bottom, [[p] if p else [] for p in parts]))
    else:
        for cell, part in zip(rows[-1].cells, parts, strict=True):
            if part:
                cell.append(part)
        rows[-1].bottom = line.bottom
    return True


def _add_spanning(rows: list[_Row], line: _Line, columns: Columns) -> bool:
    """A line across columns: a heading row, the rest of one, or the end of the table."""
    if _starts_heading(line, columns):
        cells = [[line.text]] + [[] for _ in columns.boundaries]
        rows.append(_Row(line.top, line.bottom, cells, heading=True))
        return True
    return _continue_heading(rows, line)


def _heading_continues(rows: list[_Row], line: _Line, columns: Columns) -> bool:
    """A line just under a heading row, starting in the first column."""
    if not rows or not rows[-1].heading:
        return False
    tight = line.top - rows[-1].bottom < 0.8 * line.height
    return tight and columns.index(line.words[0]["x0"]) == 0


def _continue_heading(rows: list[_Row], line: _Line) -> bool:
    """The next line of a heading row (it does not open a numbered row)."""
    if not rows or not rows[-1].heading or _opens_row(line):
        return False
    rows[-1].cells[0].append(line.text)
    rows[-1].bottom = line.bottom
    return True


def _numbered(line: _Line) -> bool:
    return bool(re.fullmatch(r"\d{1,3}(?:\.\d{1,3})*\.?", line.words[0]["text"]))


def _starts_heading(line: _Line, columns: Columns) -> bool:
    first = line.words[0]
    return columns.index(first["x0"]) == 0 and bool(_SECTION.match(first["text"].rstrip(".")))


def _table(
    lines: list[_Line], span: tuple[int, int, int], rows: list[_Row], columns: Columns
) -> PageTable:
    first, body, end = span
    table_rows = [_header_row(lines[first:body], columns)] if body > first else []
    for row in rows:
        cells: list[str | None] = [join_lines(c) for c in row.cells]
        spanned = set(range(1, columns.count)) if row.heading else set()
        table_rows.append(TableRow(row.top, row.bottom, cells, spanned))
    words = [w for line in lines[first:end] for w in line.words]
    x0, x1 = min(w["x0"] for w in words), max(w["x1"] for w in words)
    return PageTable((x0, lines[first].top, x1, lines[end - 1].bottom), table_rows, columns.count)


def _header_row(block: list[_Line], columns: Columns) -> TableRow:
    cells: list[list[str]] = [[] for _ in range(columns.count)]
    for line in block:
        for word in line.words:
            cells[columns.index((word["x0"] + word["x1"]) / 2)].append(word["text"])
    texts: list[str | None] = [" ".join(c) for c in cells]
    return TableRow(block[0].top, block[-1].bottom, texts)


def _runs_to_foot(lines: list[_Line], end: int) -> bool:
    """Nothing but a page number below the table on its page."""
    return all(_PAGE_NUMBER.match(line.text.strip()) for line in lines[end:])


def _continued_start(lines: list[_Line], carried: Columns | None) -> int | None:
    """Where a table carried over from the page before resumes: the first line with words in
    two columns and none crossing them (with the tight lines just above it), unless a header
    opens the page (the table then starts again under it). Lines standing apart above it (a
    running header, a page number) are passed over."""
    if carried is None:
        return None
    for index, line in enumerate(lines):
        below = lines[index + 1] if index + 1 < len(lines) else None
        apart = below is not None and below.top - line.bottom > _END_GAP * line.height
        if _PAGE_NUMBER.match(line.text.strip()) or (apart and not _fits(line, carried)):
            continue
        if any(carried.crosses(w) for w in line.words) or _header(lines, index) is not None:
            return None
        if _fits(line, carried):
            start = index
            while start > 0 and _tight(lines[start - 1], lines[start]):
                start -= 1
            return start
    return None


def _fits(line: _Line, columns: Columns) -> bool:
    """Words in two columns at least, none across a boundary."""
    if any(columns.crosses(w) for w in line.words):
        return False
    return len({columns.index((w["x0"] + w["x1"]) / 2) for w in line.words}) >= 2
