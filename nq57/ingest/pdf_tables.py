"""Tables of one PDF page as rows of cells, for pdf_reader.

The page's words are extracted once (pdfplumber) and shared by both kinds of table and by the
text around them.

Ruled tables (cell borders drawn; pdfplumber's 'lines' strategy). A word belongs to the cell
its middle lies in; a cell's printed lines are joined by spaces, a line ending in a hyphen glued
to a letter or digit is joined without one ('Sở Khoa học' / 'và Công nghệ' → 'Sở Khoa học và
Công nghệ'; '2025-' / '2030' → '2025-2030'):

    ┌───┬──────────┬─────────────┐
    │ 1 │ Task one │ Sở Khoa học │  a cell merged down over three rows comes back in its first
    ├───┼──────────┤ và Công     │  row; the rows below get MERGED in that column (filled by
    │ 2 │ Task two │ nghệ        │  `fill_merged` once the pages of the table are together)
    ├───┼──────────┤             │
    │ 3 │ Task …   │             │
    ├───┴──────────┴─────────────┤
    │ II. Section heading        │  a cell spanning columns: '' in the columns it covers
    └────────────────────────────┘

Unruled tables (no borders): see `nq57.ingest.pdf_unruled`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from nq57.ingest.cells import collapse

__all__ = [
    "Cell",
    "PageTable",
    "RowInfo",
    "TableRow",
    "Word",
    "cell_text",
    "fill_merged",
    "ruled_tables",
]

Word = dict[str, Any]  # pdfplumber word: text, x0, x1, top, bottom
Cell = str | None  # None: covered by a cell merged down from a row above (MERGED)
BBox = tuple[float, float, float, float]

_LINES = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
_HYPHEN_END = re.compile(r"\w-$")
_NUMBER_TAIL = re.compile(r"[\d.]{1,4}")
_LINE_TOLERANCE = 3.0


@dataclass
class TableRow:
    top: float
    bottom: float
    cells: list[Cell]
    spanned: set[int] = field(default_factory=set)  # columns covered by a cell to their left


@dataclass
class PageTable:
    """A table found on one page: its box, its rows and its number of columns."""

    bbox: BBox
    rows: list[TableRow]
    columns: int


# --------------------------------------------------------------------------- cell text


def _lines_of(words: Iterable[Word]) -> list[list[Word]]:
    """Words grouped into printed lines, top to bottom, each left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0]["top"] - word["top"]) <= _LINE_TOLERANCE:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def join_lines(lines: Sequence[str]) -> str:
    """Printed lines of one cell as one line, one space between them, except after a hyphen
    ('2025-' + '2030' → '2025-2030') and before the rest of a number broken in a narrow column
    ('100' + '0' → '1000')."""
    out = ""
    for line in (collapse(t) for t in lines):
        if not line:
            continue
        after_hyphen = bool(_HYPHEN_END.search(out)) and line[0].isalnum()
        glued = after_hyphen or (out[-1:].isdigit() and bool(_NUMBER_TAIL.fullmatch(line)))
        out = f"{out}{'' if glued or not out else ' '}{line}"
    return out


def cell_text(words: Iterable[Word]) -> str:
    return join_lines([" ".join(w["text"] for w in line) for line in _lines_of(words)])


# --------------------------------------------------------------------------- ruled tables


def ruled_tables(page: Any, words: list[Word]) -> list[PageTable]:
    """Tables drawn with borders, of at least 2 columns (a box around text is text)."""
    tables = []
    for found in page.find_tables(_LINES):
        table = _ruled(found.cells, words)
        if table.columns >= 2:
            tables.append(table)
    return tables


def _ruled(cells: list[BBox], words: list[Word]) -> PageTable:
    xs = sorted({c[0] for c in cells})
    tops = sorted({c[1] for c in cells})
    column_of = {x: k for k, x in enumerate(xs)}
    row_of = {top: r for r, top in enumerate(tops)}
    grid = {(row_of[c[1]], column_of[c[0]]): c for c in cells}
    texts = _cell_texts(cells, words)
    bottoms: dict[int, float] = {}
    for (r, _), box in grid.items():
        bottoms[r] = min(bottoms.get(r, box[3]), box[3])
    rows = []
    for r, top in enumerate(tops):
        row = TableRow(top, bottoms[r], [])
        for k in range(len(xs)):
            found = grid.get((r, k))
            if found is not None:
                row.cells.append(texts[found])
            elif _spanned(grid, r, k, xs):
                row.cells.append("")
                row.spanned.add(k)
            else:
                row.cells.append(None)
        rows.append(row)
    x0, y0 = min(c[0] for c in cells), min(c[1] for c in cells)
    x1, y1 = max(c[2] for c in cells), max(c[3] for c in cells)
    return PageTable((x0, y0, x1, y1), rows, len(xs))


def _spanned(grid: dict[tuple[int, int], BBox], row: int, column: int, xs: list[float]) -> bool:
    """True under a cell spanning columns from the left in the same row (else: merged down)."""
    x = xs[column]
    for k in range(column - 1, -1, -1):
        left = grid.get((row, k))
        if left is not None:
            return left[2] > x + 1
    return False


def _cell_texts(cells: list[BBox], words: list[Word]) -> dict[BBox, str]:
    """Each cell's text: the words whose middle lies inside it (words sorted once by height)."""
    ordered = sorted(words, key=_middle_y)
    keys = [_middle_y(w) for w in ordered]
    texts: dict[BBox, str] = {}
    for cell in cells:
        x0, top, x1, bottom = cell
        inside = [
            w
            for w in ordered[bisect.bisect_left(keys, top) : bisect.bisect_left(keys, bottom)]
            if x0 <= (w["x0"] + w["x1"]) / 2 < x1
        ]
        texts[cell] = cell_text(inside)
    return texts


def _middle_y(word: Word) -> float:
    return float(word["top"] + word["bottom"]) / 2


def inside_any(word: Word, boxes: Sequence[BBox]) -> bool:
    x = (word["x0"] + word["x1"]) / 2
    y = _middle_y(word)
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


# --------------------------------------------------------------------------- merged cells


@dataclass
class _Fragment:
    """A cell and the MERGED cells under it in one column, on one page."""

    rows: list[int]
    text: str
    page: int
    spanned: bool = False  # a cell spanning columns from the left: never part of a merge


def fill_merged(table: list[list[Cell]], rows: RowInfo, required: set[int]) -> None:
    """Resolve MERGED cells of one table (its rows across pages, header rows left out).

    A cell merged down over several rows holds for every record row it covers (as Word's
    vertical merge does); a continuation row (the rest of a row split by a page break) gets ''
    there, since its record already has the text. Across a page break a merged cell is cut in
    two: the fragment at the foot of one page and the one at the head of the next are the same
    cell when either spans several rows and the second starts with a split row or one of them is
    empty (the text sits in the part where it was printed: top or middle of the block). In a
    `required` column (the lead unit, never empty in a plan) an empty cell opening the next page
    continues the cell above it even when both parts are one row high.
    """
    width = max((len(r) for r in table), default=0)
    for column in range(1, width):
        fragments = _fragments(table, rows, column)
        for block in _blocks(fragments, rows.records, column in required):
            _assign(table, rows.records, column, block)
    for cells in table:
        cells[:] = ["" if cell is None else cell for cell in cells]


@dataclass
class RowInfo:
    """Per row of a table: its page, whether it opens a record (a number in its first cell),
    and the columns a cell spanning from the left covers."""

    pages: list[int]
    records: list[bool]
    spans: list[set[int]]


def _fragments(table: list[list[Cell]], rows: RowInfo, column: int) -> list[_Fragment]:
    fragments: list[_Fragment] = []
    for index, cells in enumerate(table):
        cell = cells[column] if column < len(cells) else ""
        page = rows.pages[index]
        if cell is None and fragments and fragments[-1].page == page:
            fragments[-1].rows.append(index)
        else:
            spanned = column in rows.spans[index]
            fragments.append(_Fragment([index], cell or "", page, spanned))
    return fragments


def _blocks(
    fragments: list[_Fragment], records: list[bool], required: bool
) -> list[list[_Fragment]]:
    blocks: list[list[_Fragment]] = []
    for fragment in fragments:
        last = blocks[-1][-1] if blocks else None
        if last is not None and _same_cell(last, fragment, records, required):
            blocks[-1].append(fragment)
        else:
            blocks.append([fragment])
    return blocks


def _same_cell(above: _Fragment, below: _Fragment, records: list[bool], required: bool) -> bool:
    if above.page == below.page or above.spanned or below.spanned:
        return False
    split = not records[below.rows[0]]
    if len(above.rows) > 1 or len(below.rows) > 1:
        return split or not (above.text and below.text)
    return required and bool(above.text) and not below.text and not split


def _assign(
    rows: list[list[Cell]], records: list[bool], column: int, block: list[_Fragment]
) -> None:
    covered = [i for fragment in block for i in fragment.rows]
    if len(covered) < 2:
        return
    text = join_lines([f.text for f in block])
    for index in covered:
        rows[index][column] = text if records[index] else ""
