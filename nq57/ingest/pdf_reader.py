"""PDF plans as text: the same text form the text pipeline reads (see nq57.ingest.text).

Each page is read once with pdfplumber (characters with only the attributes used here, words
extracted once and shared by tables and text):

    ruled table          → one line per row, cells joined by tabs (borders found by pdfplumber;
                           cells and merges in nq57.ingest.pdf_tables)
    unruled table        → the same, columns found from the header row's words and the gutters
                           between the words below it (nq57.ingest.pdf_unruled)
    text outside tables  → one line per paragraph: printed lines running to the right edge of the
                           page's text are joined to the next one (not when it is indented or opens
                           a list item or heading); a blank line where the gap to the line above is
                           larger than normal line spacing; a line with a wide gap ('Số: 12/KH-UBND
                           …   Quận 3, ngày …', a letterhead or a signature block) is two lines
    page furniture       → dropped: lines that are only a page number ('1', '- 2 -', 'Trang 3')
                           at the top or bottom of a page; lines repeated on most pages at the same
                           height in the margins, page numbers at either end ignored; the official
                           gazette's running header 'CÔNG BÁO/Số 123 + 124/Ngày 15-3-2025'

Text lines and table rows are interleaved by vertical position. A table continued on the next
page (same number of columns) is one table:

    page 1 │ 7 │ Xây dựng cơ sở dữ  │ Sở Nội vụ │   a row cut by the page break: the next page's
           │   │ liệu dùng chung    │           │   first row with an empty first cell is joined
    ───────┼───┼────────────────────┤ (merged   │   into it, cell by cell
    page 2 │STT│ Tên nhiệm vụ       │  over 7-8)│   the header repeated: left for the pipeline,
           │   │ của Thành phố      │           │   which skips it
           │ 8 │ Số hóa hồ sơ       │           │   a cell merged down over rows on both pages:
                                                     its text holds for tasks 7 and 8

(see `pdf_tables.fill_merged` for when two parts of a column cut by a page are one cell).

A PDF without any text (a scan) raises IngestError: there is no OCR. More than MAX_PAGES pages
is refused before any page is read; a page costs about 30 ms (200 pages in well under 30 s).
"""

from __future__ import annotations

import copy
import io
import logging
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pdfplumber
from pdfminer.layout import LTChar
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfplumber.page import Page
from pdfplumber.utils.text import extract_words

from nq57.ingest.cells import clean_cell, collapse, join_cells
from nq57.ingest.columns import Role, read_header, refine_header
from nq57.ingest.model import IngestError
from nq57.ingest.pdf_tables import (
    Cell,
    PageTable,
    RowInfo,
    Word,
    fill_merged,
    inside_any,
    join_lines,
    ruled_tables,
)
from nq57.ingest.pdf_unruled import unruled_tables

__all__ = [
    "CORRUPT",
    "ENCRYPTED",
    "MAX_PAGES",
    "SCANNED",
    "TOO_MANY_PAGES",
    "is_pdf",
    "pdf_to_text",
]

MAX_PAGES = 500
"""Most pages read from one PDF (a plan with its appendices is rarely over 100)."""

CORRUPT = "Không đọc được tệp PDF: tệp bị hỏng hoặc không đúng định dạng."
ENCRYPTED = "Tệp PDF được bảo vệ bằng mật khẩu (mã hóa); hãy gỡ mật khẩu rồi tải lên lại."
SCANNED = (
    "Tệp PDF này là bản quét (ảnh), không có lớp chữ; hệ thống chưa hỗ trợ nhận dạng chữ (OCR). "
    "Hãy dùng bản DOCX hoặc PDF xuất trực tiếp từ Word."
)
TOO_MANY_PAGES = (
    f"Tệp PDF có quá nhiều trang (hơn {MAX_PAGES} trang); hãy tách phần kế hoạch và các phụ lục "
    "ra một tệp riêng rồi tải lên lại."
)

_PAGE_NUMBER = re.compile(
    r"^(?:trang\s*)?[-–—]?\s*\d{1,4}\s*(?:/\s*\d{1,4}\s*)?[-–—]?$", re.IGNORECASE
)
_EDGE_NUMBER = re.compile(
    r"^\s*(?:trang\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?\s+|\s+[-–—]?\s*\d{1,4}\s*[-–—]?\s*$"
)
_GAZETTE = re.compile(
    r"^(?:\d{1,4}\s+)?CÔNG\s*BÁO\s*/\s*Số\s*[\d\s+]+/\s*Ngày\s*[\d\s./-]+?(?:\s+\d{1,4})?$",
    re.IGNORECASE,
)
_MARGIN = 0.15  # share of the page height at top and bottom where running lines are looked for
_PARAGRAPH_GAP = 0.5  # a gap above a line larger than this share of its height starts a block
_COLUMN_GAP = 3.0  # a gap between words wider than this many line heights splits the line
_TEXT_WIDTH = 0.6  # share of the page width a paragraph's full lines run across, at least
_LINE_TOLERANCE = 3.0
_HYPHEN_END = re.compile(r"\w-$")
_ITEM = re.compile(r"^(?:[-–+•*]\s|[a-zđ]\)|\d{1,2}(?:\.\d{1,2})*[.)]\s|[IVXLC]+\.\s)")
_HEAD_SCAN = 1024

logging.getLogger("pdfminer").setLevel(logging.ERROR)


@dataclass
class _Line:
    """One text line or table row of a page."""

    page: int
    top: float
    bottom: float
    text: str
    page_height: float
    table: int | None = None  # index of the table on its page, None for text
    columns: int = 0
    cells: list[Cell] = field(default_factory=list)
    spanned: set[int] = field(default_factory=set)
    x0: float = 0.0
    x1: float = 0.0
    last_top: float | None = None  # top of its last printed line, when paragraph lines are joined
    page_width: float = 0.0


def is_pdf(data: bytes) -> bool:
    """'%PDF-' at the start, after at most 1 KB of whitespace or a byte order mark."""
    head = data[: _HEAD_SCAN + 5].removeprefix(b"\xef\xbb\xbf")
    stripped = head.lstrip()
    return stripped.startswith(b"%PDF-") and len(head) - len(stripped) <= _HEAD_SCAN


def pdf_to_text(data: bytes) -> str:
    """The PDF as text lines and tab-separated table rows; raises IngestError when unreadable."""
    pages = _read_pages(data)
    if not any(line.text.strip() or line.cells for page in pages for line in page):
        raise IngestError(SCANNED)
    lines = [line for page in _drop_furniture(pages) for line in _paragraphs(page)]
    return "\n".join(_render(_resolve_tables(lines)))


# --------------------------------------------------------------------------- pages


def _read_pages(data: bytes) -> list[list[_Line]]:
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise IngestError(TOO_MANY_PAGES)
            pages = list(_pages(pdf))
    except IngestError:
        raise
    except Exception as error:
        raise IngestError(ENCRYPTED if _is_encrypted(error) else CORRUPT) from error
    if not pages:
        raise IngestError(CORRUPT)
    return pages


class _LeanPage(Page):
    """A pdfplumber page whose characters are read with only the attributes used here: about
    half of pdfplumber's time on a text-heavy page goes into resolving every character's
    colours and graphic state, which table and text reading never look at."""

    def process_object(self, obj: Any) -> dict[str, Any]:
        if type(obj) is not LTChar:
            return super().process_object(obj)
        x_shift, y_shift = self.mediabox[0], self.mediabox[1]
        top = self.height - obj.y1 + y_shift
        bottom = self.height - obj.y0 + y_shift
        return {
            "object_type": "char",
            "page_number": self.page_number,
            "text": obj.get_text(),
            "fontname": obj.fontname,
            "size": obj.size,
            "upright": obj.upright,
            "matrix": obj.matrix,
            "adv": obj.adv,
            "x0": obj.x0 + x_shift,
            "x1": obj.x1 + x_shift,
            "y0": obj.y0,
            "y1": obj.y1,
            "top": top,
            "bottom": bottom,
            "doctop": self.initial_doctop + top,
            "width": obj.width,
            "height": obj.height,
        }


def _pages(pdf: Any) -> Iterator[list[_Line]]:
    columns = None  # the columns of an unruled table still open at the foot of the last page
    for index, plain in enumerate(pdf.pages):
        page = _LeanPage(pdf, plain.page_obj, plain.page_number, plain.initial_doctop)
        lines, columns = _read_page(index, page, columns)
        page.close()  # frees the page's parsed layout: memory stays flat over long files
        yield lines


def _is_encrypted(error: BaseException) -> bool:
    causes = [error, *error.args, error.__cause__]
    return any(isinstance(c, PDFPasswordIncorrect | PDFEncryptionError) for c in causes)


def _read_page(index: int, page: Any, columns: Any) -> tuple[list[_Line], Any]:
    words = extract_words(page.chars, extra_attrs=["fontname"])
    tables = ruled_tables(page, words) if page.edges else []
    rest = [w for w in words if not inside_any(w, [t.bbox for t in tables])] if tables else words
    unruled, rest, columns = unruled_tables(rest, columns)
    lines = _text_lines(index, rest, page.width, page.height)
    for number, table in enumerate(tables + unruled):
        lines += _table_rows(index, number, table, page.height)
    return sorted(lines, key=lambda line: line.top), columns


def _text_lines(page: int, words: list[Word], width: float, height: float) -> list[_Line]:
    lines = []
    for printed in _printed_lines(words):
        for part in _split_wide_gaps(printed):
            text = collapse(" ".join(w["text"] for w in part))
            top, bottom = min(w["top"] for w in part), max(w["bottom"] for w in part)
            if text:
                line = _Line(page, top, bottom, text, height)
                line.x0, line.x1, line.page_width = part[0]["x0"], part[-1]["x1"], width
                lines.append(line)
    return lines


def _printed_lines(words: Iterable[Word]) -> list[list[Word]]:
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines and abs(lines[-1][0]["top"] - word["top"]) <= _LINE_TOLERANCE:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [sorted(line, key=lambda w: w["x0"]) for line in lines]


def _split_wide_gaps(line: list[Word]) -> list[list[Word]]:
    """'Số: 12/KH-UBND' and 'Quận 3, ngày …' printed side by side are two lines."""
    parts = [[line[0]]]
    for word in line[1:]:
        height = word["bottom"] - word["top"]
        if word["x0"] - parts[-1][-1]["x1"] > _COLUMN_GAP * height:
            parts.append([word])
        else:
            parts[-1].append(word)
    return parts


def _table_rows(page: int, number: int, table: PageTable, height: float) -> list[_Line]:
    rows = []
    for row in table.rows:
        cells = row.cells + [""] * (table.columns - len(row.cells))
        if any(cell for cell in cells if cell is not None) or None in cells:
            line = _Line(page, row.top, row.bottom, "", height, number, table.columns, cells)
            line.spanned = row.spanned
            rows.append(line)
    return rows


# --------------------------------------------------------------------------- furniture


def _drop_furniture(pages: list[list[_Line]]) -> list[list[_Line]]:
    running = _running_lines(pages)
    kept = [[ln for ln in page if not _is_furniture(ln, running)] for page in pages]
    return [_trim_page_numbers(page) for page in kept]


def _is_furniture(line: _Line, running: set[tuple[str, int]]) -> bool:
    key = _key(line)
    if key is None:
        return False
    return key in running or (_in_margin(line) and bool(_GAZETTE.match(line.text)))


def _key(line: _Line) -> tuple[str, int] | None:
    """A text line's text without a page number at either end, and its height on the page."""
    if line.table is not None:
        return None
    return (_EDGE_NUMBER.sub("", line.text).strip(), round(line.top / 2))


def _running_lines(pages: list[list[_Line]]) -> set[tuple[str, int]]:
    """Text lines in the page margins that repeat at the same height on most pages."""
    counts: Counter[tuple[str, int]] = Counter()
    for page in pages:
        counts.update({key for ln in page if _in_margin(ln) and (key := _key(ln)) and key[0]})
    least = max(2, math.ceil(len(pages) / 2))
    return {key for key, count in counts.items() if count >= least}


def _in_margin(line: _Line) -> bool:
    band = _MARGIN * line.page_height
    return line.top < band or line.bottom > line.page_height - band


def _trim_page_numbers(page: list[_Line]) -> list[_Line]:
    start, end = 0, len(page)
    while start < end and _is_page_number(page[start]):
        start += 1
    while end > start and _is_page_number(page[end - 1]):
        end -= 1
    return page[start:end]


def _is_page_number(line: _Line) -> bool:
    return line.table is None and bool(_PAGE_NUMBER.match(line.text.strip()))


# --------------------------------------------------------------------------- paragraphs


def _paragraphs(page: list[_Line]) -> list[_Line]:
    """The printed lines of a paragraph as one line: a line running to the right edge of the
    page's text is followed by the rest of its sentence, unless the next line is indented, opens
    a list item or a heading ('- ', 'a)', '2.', 'II.') or starts a block by its spacing."""
    text = [line for line in page if line.table is None]
    if not text:
        return page
    left, right = min(ln.x0 for ln in text), max(ln.x1 for ln in text)
    if right - left < _TEXT_WIDTH * text[0].page_width:
        return page  # no line runs across the page: nothing wraps
    out: list[_Line] = []
    for line in page:
        previous = out[-1] if out else None
        if previous is not None and _wraps(previous, line, left, right):
            previous.text = join_lines([previous.text, line.text])
            previous.bottom, previous.x1, previous.last_top = line.bottom, line.x1, line.top
        else:
            out.append(line)
    return out


def _wraps(previous: _Line, line: _Line, left: float, right: float) -> bool:
    if previous.table is not None or line.table is not None or _starts_block(previous, line):
        return False
    height = max(line.bottom - line.top, 1.0)
    full = previous.x1 >= right - 2 * height and previous.x1 - previous.x0 > 0.6 * (right - left)
    indented = line.x0 > min(previous.x0, left + height) + 0.5 * height
    return full and not indented and not _ITEM.match(line.text)


# --------------------------------------------------------------------------- tables


def _resolve_tables(lines: list[_Line]) -> list[_Line]:
    """Each table (its rows on consecutive pages): merged cells filled, rows split by a page
    break joined, rows as tab text."""
    out: list[_Line] = []
    start = 0
    while start < len(lines):
        end = start + 1
        if lines[start].table is not None:
            while end < len(lines) and not _starts_block(lines[end - 1], lines[end]):
                end += 1
            out += _resolve_table(lines[start:end])
        else:
            out.append(lines[start])
        start = end
    return out


def _resolve_table(rows: list[_Line]) -> list[_Line]:
    flags = _header_flags(rows)
    data = [row for row, header in zip(rows, flags, strict=True) if not header]
    info = RowInfo(
        [r.page for r in data], [bool(r.cells[0]) for r in data], [r.spanned for r in data]
    )
    fill_merged([row.cells for row in data], info, _required_columns(rows, flags))
    split = _split_rows(data)
    kept = [row for row in rows if id(row) not in split]
    for row in kept:
        row.text = "\t".join(cell or "" for cell in row.cells)
    return kept


def _split_rows(data: list[_Line]) -> set[int]:
    """Rows that are the rest of the row above, cut by a page break: the first row of a page
    with an empty first cell, or the rest of a heading row spanning the same columns. Their
    cells are joined into that row, the way it was one row in the document."""
    split: set[int] = set()
    above: _Line | None = None
    for row in data:
        if above is not None and row.page != above.page and _continues(above, row):
            pairs = zip(above.cells, row.cells, strict=True)
            above.cells = [_join_split(a or "", b or "") for a, b in pairs]
            split.add(id(row))
        else:
            above = row
    return split


def _join_split(head: str, tail: str) -> str:
    """The two parts of a cell cut by a page break ('2025-' + '2030' → '2025-2030')."""
    return join_lines([head, tail]) if _HYPHEN_END.search(head) else join_cells(head, tail)


def _continues(above: _Line, row: _Line) -> bool:
    return not row.cells[0] or bool(row.spanned and row.spanned == above.spanned)


def _required_columns(rows: list[_Line], flags: list[bool]) -> set[int]:
    """The lead-unit columns of the table's first header, which a plan never leaves empty."""
    header = next((row for row, flag in zip(rows, flags, strict=True) if flag), None)
    layout = None if header is None else read_header([clean_cell(c) for c in header.cells])
    if layout is None:
        return set()
    return {c.index for c in layout.columns if c.role in (Role.LEAD, Role.AGENCY)}


def _header_flags(rows: list[_Line]) -> list[bool]:
    """Header rows, and the second row of a two-row header ('Chủ trì' | 'Phối hợp')."""
    flags = []
    above: _Line | None = None
    for row in rows:
        texts = [clean_cell(cell) for cell in row.cells]
        layout = read_header(texts)
        if layout is None and above is not None and above.page == row.page:
            layout = read_header([clean_cell(cell) for cell in above.cells])
            flags.append(layout is not None and refine_header(copy.deepcopy(layout), texts))
        else:
            flags.append(layout is not None)
        above = row
    return flags


# --------------------------------------------------------------------------- output


def _render(lines: Iterable[_Line]) -> list[str]:
    out: list[str] = []
    previous: _Line | None = None
    for line in lines:
        if previous is not None and _starts_block(previous, line):
            out.append("")
        out.append(line.text)
        previous = line
    return out


def _starts_block(previous: _Line, line: _Line) -> bool:
    if previous.table is not None and line.table is not None:
        if previous.page == line.page:
            return previous.table != line.table
        return previous.columns != line.columns
    if previous.table is not None or line.table is not None or previous.page != line.page:
        return True
    top = previous.top if previous.last_top is None else previous.last_top
    height = max(previous.bottom - top, 1.0)
    return line.top - previous.bottom > _PARAGRAPH_GAP * height
