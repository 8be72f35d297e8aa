"""PDF plans as text: the same text form the text pipeline reads (see nq57.ingest.text).

Each page is read in order with pdfplumber:

    ruled table          → one line per row, cells joined by tabs (pdfplumber lines strategy);
                           tables without ruling lines are not detected (read as text lines)
    text outside tables  → one line per printed line, in order of position; a blank line where the
                           gap to the line above is larger than normal line spacing
    page furniture       → dropped: lines that are only a page number ('1', '- 2 -', 'Trang 3')
                           at the top or bottom of a page, and lines repeated with the same text at
                           the same height in the page margins on most pages

Text lines and table rows are interleaved by vertical position. A table continued on the next
page follows the previous page's rows directly (no blank line) when it has the same number of
columns, so a split row (the next page's first row, its first cell empty) and a repeated header
reach the pipeline, which joins the one and skips the other. Vertically merged cells come back
empty (None) in later rows and are left empty.

A PDF without any text (a scan) raises IngestError: there is no OCR.
"""

from __future__ import annotations

import io
import logging
import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pdfplumber
from pdfminer.pdfdocument import (
    PDFEncryptionError,
    PDFPasswordIncorrect,
)

from nq57.ingest.cells import collapse
from nq57.ingest.model import IngestError

__all__ = ["CORRUPT", "ENCRYPTED", "SCANNED", "is_pdf", "pdf_to_text"]

CORRUPT = "Không đọc được tệp PDF: tệp bị hỏng hoặc không đúng định dạng."
ENCRYPTED = "Tệp PDF được bảo vệ bằng mật khẩu (mã hóa); hãy gỡ mật khẩu rồi tải lên lại."
SCANNED = (
    "Tệp PDF này là bản quét (ảnh), không có lớp chữ; hệ thống chưa hỗ trợ nhận dạng chữ (OCR). "
    "Hãy dùng bản DOCX hoặc PDF xuất trực tiếp từ Word."
)

_LINES = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
_PAGE_NUMBER = re.compile(
    r"^(?:trang\s*)?[-–—]?\s*\d{1,4}\s*(?:/\s*\d{1,4}\s*)?[-–—]?$", re.IGNORECASE
)
_MARGIN = 0.15  # share of the page height at top and bottom where running lines are looked for
_PARAGRAPH_GAP = 0.5  # a gap above a line larger than this share of its height starts a block
_HEAD_SCAN = 1024

logging.getLogger("pdfminer").setLevel(logging.ERROR)


@dataclass(frozen=True)
class _Line:
    """One text line or table row of a page."""

    page: int
    top: float
    bottom: float
    text: str
    page_height: float
    table: int | None = None  # index of the table on its page, None for text
    columns: int = 0


def is_pdf(data: bytes) -> bool:
    """'%PDF-' at the start, after at most 1 KB of whitespace or a byte order mark."""
    head = data[: _HEAD_SCAN + 5].removeprefix(b"\xef\xbb\xbf")
    stripped = head.lstrip()
    return stripped.startswith(b"%PDF-") and len(head) - len(stripped) <= _HEAD_SCAN


def pdf_to_text(data: bytes) -> str:
    """The PDF as text lines and tab-separated table rows; raises IngestError when unreadable."""
    pages = _read_pages(data)
    if not any(line.text.strip() for page in pages for line in page):
        raise IngestError(SCANNED)
    pages = _drop_furniture(pages)
    return "\n".join(_render(line for page in pages for line in page))


def _read_pages(data: bytes) -> list[list[_Line]]:
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = [_read_page(index, page) for index, page in enumerate(pdf.pages)]
    except IngestError:
        raise
    except Exception as error:
        raise IngestError(ENCRYPTED if _is_encrypted(error) else CORRUPT) from error
    if not pages:
        raise IngestError(CORRUPT)
    return pages


def _is_encrypted(error: BaseException) -> bool:
    causes = [error, *error.args, error.__cause__]
    return any(isinstance(c, PDFPasswordIncorrect | PDFEncryptionError) for c in causes)


def _read_page(index: int, page: Any) -> list[_Line]:
    tables = _find_tables(page)
    boxes = [table.bbox for table in tables]
    outside = page.filter(lambda obj: obj.get("object_type") != "char" or not _inside(obj, boxes))
    lines = [
        _Line(index, line["top"], line["bottom"], collapse(line["text"]), page.height)
        for line in outside.extract_text_lines(strip=True, return_chars=False)
    ]
    for number, table in enumerate(tables):
        lines += _table_rows(index, number, table, page.height)
    return sorted((line for line in lines if line.text.strip()), key=lambda line: line.top)


@dataclass(frozen=True)
class _Table:
    """A table's rows as (top, bottom, cells) and the box its text is taken from."""

    bbox: tuple[float, float, float, float]
    rows: list[tuple[float, float, list[str | None]]]
    columns: int


def _find_tables(page: Any) -> list[_Table]:
    """Ruled tables of at least 2 columns (a 1-column box around text is read as text)."""
    return [t for t in map(_table, page.find_tables(_LINES)) if t.columns >= 2]


def _table(found: Any) -> _Table:
    rows = [(r.bbox[1], r.bbox[3], c) for r, c in zip(found.rows, found.extract(), strict=True)]
    columns = max((len(cells) for _, _, cells in rows), default=0)
    return _Table(found.bbox, rows, columns)


def _inside(obj: dict[str, Any], boxes: list[tuple[float, float, float, float]]) -> bool:
    x = (obj["x0"] + obj["x1"]) / 2
    y = (obj["top"] + obj["bottom"]) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)


def _table_rows(page: int, number: int, table: _Table, height: float) -> list[_Line]:
    rows: list[_Line] = []
    for top, bottom, cells in table.rows:
        texts = [collapse(cell or "") for cell in cells]
        texts += [""] * (table.columns - len(texts))
        if any(texts):
            rows.append(_Line(page, top, bottom, "\t".join(texts), height, number, table.columns))
    return rows


def _drop_furniture(pages: list[list[_Line]]) -> list[list[_Line]]:
    running = _running_lines(pages)
    kept = [[ln for ln in page if _key(ln) not in running] for page in pages]
    return [_trim_page_numbers(page) for page in kept]


def _key(line: _Line) -> tuple[str, int] | None:
    return None if line.table is not None else (line.text, round(line.top / 2))


def _running_lines(pages: list[list[_Line]]) -> set[tuple[str, int] | None]:
    """Text lines in the page margins that repeat at the same height on most pages."""
    counts: Counter[tuple[str, int] | None] = Counter()
    for page in pages:
        counts.update({_key(ln) for ln in page if _in_margin(ln)})
    least = max(2, math.ceil(len(pages) / 2))
    return {key for key, count in counts.items() if key is not None and count >= least}


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
    height = max(previous.bottom - previous.top, 1.0)
    return line.top - previous.bottom > _PARAGRAPH_GAP * height
