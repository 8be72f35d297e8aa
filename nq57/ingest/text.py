"""Plan documents as text: tab-separated or Markdown-pipe tables inside running text.

This is the form the seeds come in (text exported from DOCX/PDF by a converter): body
paragraphs, then appendices ('Phụ lục I', '**PHỤ LỤC II: …**'), each with a table whose header
row is repeated after every page break. Lines are read once, top to bottom:

    appendix marker line        → new appendix (label normalised to 'Phụ lục I')
    row with tabs / pipes       → header row (starts or resumes a table) or data row
    blank line, page number     → nothing (a page break; continuation rows may follow)
    short heading line in table → a one-cell row ('3) Phát triển khoa học, công nghệ')
    other text                  → the current table ends
"""

from __future__ import annotations

import re

from nq57.ingest.cells import clean_cell, collapse
from nq57.ingest.columns import Layout, read_header, refine_header, same_header
from nq57.ingest.model import ParsedIndicator, ParsedTask, ParseWarning
from nq57.ingest.tables import RawRow, TableReader

_APPENDIX = re.compile(
    r"^\s*(?:\*\*|<b>)?\s*(?P<label>ph[uụ]\s*l[uụ]c)\b\s*(?:số\s*)?(?P<num>[IVXLC]+|\d+)?\b"
    r"\s*[:.\-–]?\s*",
    re.IGNORECASE,
)
_PAGE_NUMBER = re.compile(r"^\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*$")
_HEADING_LINE = re.compile(r"^\s*(?:[IVX]+\.?|\d{1,2}\))\s+\S")


def split_row(line: str) -> list[str] | None:
    """Cells of a table line, or None when the line is not a table row: tab-separated, a
    Markdown row '| a | b | c |', or a row with a closing pipe only 'a | b | c |' (as some legal
    websites print tables, one row per line)."""
    if "\t" in line:
        return line.split("\t")
    stripped = line.strip()
    if stripped.endswith("|") and stripped.count("|") >= 3:
        body = stripped[1:-1] if stripped.startswith("|") else stripped[:-1]
        return [c.strip() for c in body.split("|")]
    return None


_NEW_PARAGRAPH = re.compile(
    r"(?:[-+•*]\s|\(?[a-zđ]\)|\(?\d{1,3}[.)]|[IVX]+\.|Điều\s+\d|Căn\s+cứ|Thực\s+hiện"
    r"|Phụ\s+lục|PHỤ\s+LỤC|Nơi\s+nhận|Số\s*:)"
)
_PARAGRAPH_END = re.compile(r"[.;:!?]\W*$")


def unwrap_paragraphs(lines: list[str], keep: frozenset[int] = frozenset()) -> list[str]:
    """Body paragraphs hard-wrapped at a width (a web page's source, a PDF's lines) joined onto
    their first line; the lines joined become blank, so line numbers still hold. A line goes on
    with the one above when it starts in lower case, or when the line above is near the wrap
    width (the longest lines of the text) and ends no sentence, and the line itself does not
    open a paragraph ('1.', 'a)', '- ', 'Căn cứ', 'Điều 2'). Lines numbered in `keep` (1-based:
    table rows) and tab-separated lines are left alone."""
    out = list(lines)
    lengths = sorted(len(line.strip()) for line in lines if line.strip() and "\t" not in line)
    full = 0.8 * lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0
    head: int | None = None  # index of the paragraph's first line
    for index, line in enumerate(lines):
        body = line.strip()
        if not body or "\t" in line or index + 1 in keep:
            head = None
            continue
        above = lines[index - 1].strip() if index else ""
        if head is not None and _goes_on(above, body, full):
            out[head] = f"{out[head].rstrip()} {body}"
            out[index] = ""
        else:
            head = index
    return out


def _goes_on(above: str, body: str, full: float) -> bool:
    if _NEW_PARAGRAPH.match(body):
        return False
    return body[0].islower() or (len(above) >= full and not _PARAGRAPH_END.search(above))


def appendix_label(line: str) -> str | None:
    """'**Phụ lục I**' → 'Phụ lục I'; 'PHỤ LỤC' alone stays as printed."""
    text = clean_cell(line)
    match = _APPENDIX.match(text)
    if not match or len(text) > 160:
        return None
    rest = text[match.end() :]
    if rest and not match.group("num") and rest[0].islower():
        return None  # 'Phụ lục kèm theo …' inside a sentence
    if text.startswith("(") or "đính kèm" in text[:20].lower():
        return None
    numeral = match.group("num")
    if numeral:
        return f"Phụ lục {numeral.upper()}"
    return collapse(match.group("label"))


class TextTableParser:
    """Walks the lines of a document and collects every table's records."""

    def __init__(self) -> None:
        self.appendix: str | None = None
        self.caption: list[str] = []
        self.reader: TableReader | None = None
        self.readers: list[TableReader] = []
        self.last_layout: tuple[Layout, list[str]] | None = None

    def parse(
        self, lines: list[str]
    ) -> tuple[list[ParsedTask], list[ParsedIndicator], list[ParseWarning]]:
        for number, line in enumerate(lines, 1):
            self._line(number, line)
        tasks: list[ParsedTask] = []
        indicators: list[ParsedIndicator] = []
        warnings: list[ParseWarning] = []
        for reader in self.readers:
            result = reader.result()
            tasks += result.tasks
            indicators += result.indicators
            warnings += result.warnings
        return tasks, indicators, warnings

    def _line(self, number: int, line: str) -> None:
        cells = split_row(line)
        if cells is None:
            self._text_line(number, line)
            return
        cleaned = [clean_cell(c) for c in cells]
        header = read_header(cleaned)
        if header is not None:
            self._start(header, cells)
            return
        reader = self.reader
        if reader is not None and not reader.records and refine_header(reader.layout, cleaned):
            reader.subheader = cells
            return
        if reader is not None:
            reader.feed(RawRow(cells, number))

    def _text_line(self, number: int, line: str) -> None:
        stripped = line.strip()
        if not stripped or _PAGE_NUMBER.match(stripped):
            return
        label = appendix_label(stripped)
        if label is not None:
            self.appendix = label
            self.caption = [stripped]
            self.reader = None
            self.last_layout = None
            return
        if self.reader is not None and _HEADING_LINE.match(stripped) and len(stripped) < 200:
            self.reader.feed(RawRow([stripped], number))
            return
        if self.reader is None and len(self.caption) < 12:
            self.caption.append(stripped)  # the appendix heading above its table
        self.reader = None

    def _start(self, layout: Layout, cells: list[str]) -> None:
        """A header row: a repeated header resumes the table of this appendix."""
        if self.readers and self.readers[-1].appendix == self.appendix:
            previous = self.readers[-1]
            if same_header(previous.header, cells) or _same_roles(previous.layout, layout):
                self.reader = previous
                return
        self.reader = TableReader(layout, self.appendix, cells, " ".join(self.caption))
        self.readers.append(self.reader)


def _same_roles(a: Layout, b: Layout) -> bool:
    """Headers that differ only in wording ('Số thứ tự' / 'Stt') belong to one table."""
    return [(c.role, c.milestone) for c in a.columns] == [(c.role, c.milestone) for c in b.columns]
