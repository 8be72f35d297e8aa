"""DOCX plans as text: the same text form the text pipeline reads (see nq57.ingest.text).

The body is walked in document order:

    paragraph            → one line, whitespace collapsed; '**…**' when the whole of it is bold
    small layout table   → one line per cell paragraph (the letterhead: 'Số: …', 'Quận 3, ngày …'),
                           when no row is a table header and it has at most 3 columns and 8 rows
    other table          → one line per row, cells joined by tabs, aligned on the table grid:
                           a cell spanning n columns (gridSpan) is followed by n-1 empty cells;
                           a vertically merged cell (vMerge) is filled down into the rows it
                           spans, except in the first (number) column and from header rows;
                           a cell's paragraphs and nested tables are joined by spaces

Runs in a TCVN3 ('.VnTime') or VNI font — their own, their character style's, their paragraph
style's or the document default — are converted to Unicode. Blocks are separated by blank lines.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import docx

from nq57.ingest.cells import clean_cell, collapse
from nq57.ingest.columns import read_header
from nq57.ingest.encoding import convert_legacy_run, legacy_encoding_for_font
from nq57.ingest.model import IngestError

__all__ = ["MAX_DOCUMENT_XML", "docx_to_text", "is_docx"]

MAX_DOCUMENT_XML = 200 * 1024 * 1024
"""Largest accepted uncompressed 'word/document.xml' (zip bomb guard)."""
MAX_TOTAL_XML = 400 * 1024 * 1024
"""Largest accepted sum of the uncompressed XML parts."""

CORRUPT = "Không đọc được tệp DOCX: tệp bị hỏng hoặc không đúng định dạng."
ENCRYPTED = "Tệp DOCX được bảo vệ bằng mật khẩu (mã hóa); hãy gỡ mật khẩu rồi tải lên lại."
LEGACY_DOC = (
    "Tệp là văn bản Word cũ (.doc), không phải DOCX; hãy mở bằng Word và lưu lại dưới dạng .docx."
)
EMPTY = "Tệp DOCX không có nội dung văn bản nào."
TOO_LARGE = "Tệp DOCX quá lớn khi giải nén (có thể là tệp nén độc hại); không thể đọc."

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
_TRUE = {"1", "true", "on"}
_LAYOUT_MAX_COLUMNS = 3
_LAYOUT_MAX_ROWS = 8
_RUNS = (
    ".//w:r[not(ancestor::w:del) and not(ancestor::w:moveFrom) and not(ancestor::w:txbxContent)]"
)


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


# --------------------------------------------------------------------------- container checks


def is_docx(data: bytes) -> bool:
    """True for a ZIP archive holding 'word/document.xml', or a password-protected one (an OLE2
    container holding the encrypted package), which `docx_to_text` then refuses as such."""
    if data.startswith(_OLE_MAGIC):
        return _ENCRYPTED_PACKAGE in data
    if not data.startswith(b"PK"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return False


def _check_container(data: bytes) -> None:
    if data.startswith(_OLE_MAGIC):
        encrypted = _ENCRYPTED_PACKAGE in data
        raise IngestError(ENCRYPTED if encrypted else LEGACY_DOC)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = {info.filename: info for info in archive.infolist()}
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise IngestError(CORRUPT) from error
    main = infos.get("word/document.xml")
    if main is None:
        raise IngestError(CORRUPT)
    xml_total = sum(i.file_size for n, i in infos.items() if n.endswith((".xml", ".rels")))
    if main.file_size > MAX_DOCUMENT_XML or xml_total > MAX_TOTAL_XML:
        raise IngestError(TOO_LARGE)


def _open(data: bytes) -> Any:
    try:
        return docx.Document(io.BytesIO(data))
    except Exception as error:  # python-docx raises many kinds on broken packages
        raise IngestError(CORRUPT) from error


# --------------------------------------------------------------------------- styles


@dataclass
class _StyleInfo:
    font: str | None
    bold: bool | None
    based_on: str | None


@dataclass
class _Styles:
    """Font and bold of each style, with inheritance (basedOn) and document defaults."""

    styles: dict[str, _StyleInfo] = field(default_factory=dict)
    default_paragraph: str | None = None
    default_font: str | None = None

    @classmethod
    def of(cls, document: Any) -> _Styles:
        root = document.styles.element
        found = cls()
        for style in root.iterchildren(_w("style")):
            style_id = style.get(_w("styleId"))
            if not style_id:
                continue
            rpr = style.find(_w("rPr"))
            based = style.find(_w("basedOn"))
            found.styles[style_id] = _StyleInfo(
                _font(rpr), _bold(rpr), None if based is None else based.get(_w("val"))
            )
            if style.get(_w("type")) == "paragraph" and style.get(_w("default")) in _TRUE:
                found.default_paragraph = style_id
        defaults = root.find(f"{_w('docDefaults')}/{_w('rPrDefault')}/{_w('rPr')}")
        found.default_font = _font(defaults)
        return found

    def font(self, style_id: str | None) -> str | None:
        return next((s.font for s in self._chain(style_id) if s.font), None)

    def bold(self, style_id: str | None) -> bool | None:
        return next((s.bold for s in self._chain(style_id) if s.bold is not None), None)

    def _chain(self, style_id: str | None) -> Iterator[_StyleInfo]:
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            style_id = style.based_on


def _font(rpr: Any) -> str | None:
    """The font of a w:rPr: a legacy one among ascii/hAnsi first."""
    fonts = None if rpr is None else rpr.find(_w("rFonts"))
    if fonts is None:
        return None
    names = [fonts.get(_w(a)) for a in ("ascii", "hAnsi")]
    names = [n for n in names if n]
    legacy = [n for n in names if legacy_encoding_for_font(n)]
    return (legacy or names or [None])[0]


def _bold(rpr: Any) -> bool | None:
    element = None if rpr is None else rpr.find(_w("b"))
    if element is None:
        return None
    value = element.get(_w("val"))
    return value is None or value.lower() in _TRUE


# --------------------------------------------------------------------------- paragraphs


@dataclass
class _Reader:
    styles: _Styles

    def paragraph(self, p: Any) -> tuple[str, bool]:
        """The paragraph's text (collapsed) and whether all its text is bold."""
        style = self._paragraph_style(p)
        parts: list[str] = []
        all_bold = True
        for run in p.xpath(_RUNS):
            text = run.text
            if not text:
                continue
            rpr = run.find(_w("rPr"))
            char_style = _val(rpr, "rStyle")
            font = _font(rpr) or self.styles.font(char_style) or self.styles.font(style)
            font = font or self.styles.default_font
            if font and legacy_encoding_for_font(font):
                text = convert_legacy_run(text, font)
            if text.strip() and not self._run_bold(rpr, char_style, style):
                all_bold = False
            parts.append(text)
        text = collapse("".join(parts))
        return text, bool(text) and all_bold

    def line(self, p: Any) -> str:
        text, bold = self.paragraph(p)
        return f"**{text}**" if bold else text

    def _paragraph_style(self, p: Any) -> str | None:
        return _val(p.find(_w("pPr")), "pStyle") or self.styles.default_paragraph

    def _run_bold(self, rpr: Any, char_style: str | None, style: str | None) -> bool:
        for value in (_bold(rpr), self.styles.bold(char_style), self.styles.bold(style)):
            if value is not None:
                return value
        return False

    # ----------------------------------------------------------------------- cells

    def cell(self, tc: Any) -> str:
        """A cell's paragraphs and nested tables, space-joined; bold when all its text is."""
        parts: list[tuple[str, bool]] = []
        for block in _blocks(tc):
            if block.tag == _w("p"):
                parts.append(self.paragraph(block))
            else:
                parts.append((self.nested_table(block), False))
        texts = [(t, b) for t, b in parts if t]
        text = collapse(" ".join(t for t, _ in texts))
        return f"**{text}**" if texts and all(b for _, b in texts) else text

    def nested_table(self, tbl: Any) -> str:
        texts = [self.cell(tc) for tr in _rows(tbl) for tc in _cells(tr) if _vmerge(tc) != "cont"]
        return collapse(" ".join(t for t in texts if t))


def _val(parent: Any, tag: str) -> str | None:
    element = None if parent is None else parent.find(_w(tag))
    return None if element is None else element.get(_w("val"))


def _blocks(container: Any) -> Iterator[Any]:
    """The w:p and w:tbl children of a body or cell, looking inside content controls."""
    for child in container.iterchildren():
        if child.tag in (_w("p"), _w("tbl")):
            yield child
        elif child.tag in (_w("sdt"), _w("customXml")):
            content = child.find(_w("sdtContent")) if child.tag == _w("sdt") else child
            if content is not None:
                yield from _blocks(content)


def _rows(tbl: Any) -> list[Any]:
    return [tr for tr in tbl.iterchildren(_w("tr"))]


def _cells(tr: Any) -> list[Any]:
    return [tc for tc in tr.iterchildren(_w("tc"))]


def _vmerge(tc: Any) -> str | None:
    """'start', 'cont' or None for a cell's w:vMerge."""
    element = tc.find(f"{_w('tcPr')}/{_w('vMerge')}")
    if element is None:
        return None
    return "start" if element.get(_w("val")) == "restart" else "cont"


def _span(tc: Any) -> int:
    value = _val(tc.find(_w("tcPr")), "gridSpan")
    return int(value) if value and value.isdigit() and 0 < int(value) < 100 else 1


def _grid_skip(tr: Any, tag: str) -> int:
    value = _val(tr.find(_w("trPr")), tag)
    return int(value) if value and value.isdigit() and int(value) < 100 else 0


# --------------------------------------------------------------------------- tables


@dataclass
class _Cell:
    text: str
    merge: str | None  # 'start', 'cont' or None
    span: int


@dataclass
class _Row:
    cells: list[_Cell]
    marked_header: bool  # 'repeat as header row' (w:tblHeader)


def _raw_rows(tbl: Any, reader: _Reader) -> list[_Row]:
    rows = []
    for tr in _rows(tbl):
        before = [_Cell("", None, 1)] * _grid_skip(tr, "gridBefore")
        cells = [
            _Cell("" if _vmerge(tc) == "cont" else reader.cell(tc), _vmerge(tc), _span(tc))
            for tc in _cells(tr)
        ]
        after = [_Cell("", None, 1)] * _grid_skip(tr, "gridAfter")
        marked = tr.find(f"{_w('trPr')}/{_w('tblHeader')}") is not None
        rows.append(_Row(before + cells + after, marked))
    return rows


def _is_header(cells: list[str]) -> bool:
    return read_header([clean_cell(c) for c in cells]) is not None


def _aligned(rows: list[_Row]) -> list[list[str]]:
    """Rows on the table grid: spans padded with empty cells, vertical merges filled down."""
    out: list[list[str]] = []
    origin: dict[int, str] = {}  # grid column → text of the vertical merge open there
    for row in rows:
        texts: list[str] = []
        for cell in row.cells:
            column = len(texts)
            text = cell.text
            if cell.merge == "cont":
                text = origin.get(column, "") if column > 0 else ""
            elif cell.merge is None:
                origin.pop(column, None)
            texts += [text] + [""] * (cell.span - 1)
        header = row.marked_header or _is_header(texts)
        for column, cell in _starts(row.cells):
            origin[column] = "" if header else cell.text
        out.append(texts)
    return out


def _starts(row: list[_Cell]) -> Iterator[tuple[int, _Cell]]:
    column = 0
    for cell in row:
        if cell.merge == "start":
            yield column, cell
        column += cell.span


def _table_lines(tbl: Any, reader: _Reader) -> list[str]:
    rows = _aligned(_raw_rows(tbl, reader))
    if _is_layout(rows):
        return _layout_lines(tbl, reader)
    width = max((len(r) for r in rows), default=0)
    return ["\t".join(r + [""] * (width - len(r))) for r in rows if any(r)]


def _is_layout(rows: list[list[str]]) -> bool:
    """A letterhead or signature table: small, and no row is a table header."""
    width = max((len(r) for r in rows), default=0)
    small = width <= _LAYOUT_MAX_COLUMNS and len(rows) <= _LAYOUT_MAX_ROWS
    return small and not any(_is_header(r) for r in rows)


def _layout_lines(tbl: Any, reader: _Reader) -> list[str]:
    lines = []
    for tr in _rows(tbl):
        for tc in _cells(tr):
            if _vmerge(tc) == "cont":
                continue
            for block in _blocks(tc):
                if block.tag == _w("p"):
                    lines.append(reader.line(block))
                else:
                    lines += _table_lines(block, reader)
    paragraphs = [line for line in lines if line]
    return [out for line in paragraphs for out in (line, "")][:-1]  # blank line between


# --------------------------------------------------------------------------- document


def _body_blocks(body: Any, reader: _Reader) -> Iterator[list[str]]:
    for block in _blocks(body):
        if block.tag == _w("p"):
            line = reader.line(block)
            if line:
                yield [line]
        else:
            lines = _table_lines(block, reader)
            if lines:
                yield lines


def docx_to_text(data: bytes) -> str:
    """The plan's text: paragraphs as lines, table rows as tab-separated lines.

    Raises IngestError (Vietnamese message) for a corrupt, encrypted, oversized or empty file.
    """
    _check_container(data)
    document = _open(data)
    reader = _Reader(_Styles.of(document))
    try:
        blocks = list(_body_blocks(document.element.body, reader))
    except (ValueError, AttributeError, TypeError) as error:
        raise IngestError(CORRUPT) from error
    text = "\n\n".join("\n".join(lines) for lines in blocks)
    if not text.strip():
        raise IngestError(EMPTY)
    return text
