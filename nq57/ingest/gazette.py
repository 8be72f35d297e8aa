"""Plan documents taken from the official gazette (Công báo) PDF text.

The gazette (congbao.chinhphu.vn, and the provinces' congbao.<tỉnh>.gov.vn) reprints documents in
its own layout; its PDFs have a full text layer (the signed originals on datafiles.chinhphu.vn
are scans). The text gives the document's lines with the gazette's page furniture in between.
Seen in public code that parses gazette PDFs (found by exact-string search of GitHub; the index
does not name the repositories) and on congbao.chinhphu.vn pages ('Nằm trên công báo: 87 + 88 |
89 + 90'):

- a running header on every page, 'CÔNG BÁO/Số 713 + 714/Ngày 24-7-2020' with the gazette's page
  number at the end ('… 3') or at the start ('4 CÔNG BÁO/Số 1175 + 1176/Ngày 30-12-2014'); since
  2026 'CÔNG BÁO/Số 18/Ngày 18-01-2026' with the page number on a line of its own;
- the digital signature stamp: 'Ký bởi: Cổng Thông tin điện tử Chính phủ', 'Email:
  thongtinchinhphu@chinhphu.vn', 'Cơ quan: Văn phòng Chính phủ', 'Thời gian ký: …' ('Ngày ký:'
  in 2026);
- '(Xem tiếp Công báo số 715 + 716)' where a document runs on in the next issue.

Also dropped, from the printed issues themselves: the part headings ('PHẦN I. VĂN BẢN QUY PHẠM
PHÁP LUẬT', 'VĂN BẢN KHÁC') and the imprint of the last page ('VĂN PHÒNG CHÍNH PHỦ XUẤT BẢN',
'Địa chỉ: Số 1, Hoàng Hoa Thám …', 'In tại: …').

A table comes out one cell per line (a long cell may wrap over lines, and a cell cut by a page
break goes on after the running header), with no mark of where a row or a cell ends, and an empty
cell leaves no line; rows run across pages, and some documents repeat the table header on each
page.

Reading: `strip_furniture` blanks the running headers, the page numbers that belong to them (on
their own line just before or after a header without a number: the side whose numbers run on
page after page), the signature stamp, the continuation notes, part headings and imprint lines;
line numbers are kept. Tables that were already separated (tab or pipe rows from a converter) or
raw layout text are left to their readers; a table one cell per line is rebuilt by `cellrows`
from its header (found by `cellrows.find_header`) to the next appendix, signature block or
header, with repeats of the header dropped, and written as tab-separated rows.
"""

from __future__ import annotations

import itertools
import re

from nq57.ingest.cellrows import Atom, find_header, read_rows, to_tab_lines
from nq57.ingest.text import appendix_label, split_row, unwrap_paragraphs
from nq57.lib.vntext import fold

_RUNNING_HEADER = re.compile(
    r"^\s*(?P<before>\d{1,4}\s+)?CÔNG\s*BÁO\s*/\s*SỐ\s*[\d\s+]+/\s*NGÀY\s*"
    r"\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{4}(?P<after>\s+\d{1,4})?\s*$",
    re.IGNORECASE,
)
_PAGE_NUMBER = re.compile(r"^\s*\d{1,4}\s*$")
_FURNITURE = tuple(
    fold(prefix)
    for prefix in (
        *("Ký bởi:", "Email: thongtinchinhphu", "Cơ quan: Văn phòng Chính phủ", "Thời gian ký:"),
        *("Ngày ký:", "(Xem tiếp Công báo", "(Tiếp theo Công báo", "VĂN PHÒNG CHÍNH PHỦ XUẤT BẢN"),
        *("Địa chỉ: Số 1, Hoàng Hoa Thám", "Điện thoại liên hệ:", "In tại:", "Website: http"),
        *("Email: congbao@", "PHẦN I. VĂN BẢN QUY PHẠM PHÁP LUẬT", "PHẦN II. VĂN BẢN KHÁC"),
    )
)
_PART_HEADINGS = frozenset({"van ban khac", "van ban quy pham phap luat", "muc luc"})
_TABLE_END = re.compile(
    r"^\s*(?:\*\*)?\s*(?:Nơi\s+nhận|TM\.|T/M|KT\.|Q\.\s|CHỦ\s+TỊCH|PHÓ\s+CHỦ\s+TỊCH|GIÁM\s+ĐỐC"
    r"|BÍ\s+THƯ|PHÓ\s+BÍ\s+THƯ)"
)
_ROW_NUMBER = re.compile(r"\d{1,3}(?:\.\d{1,3})*\.?|[IVXL]{1,6}\.?")
_NUMBERED_LINE = re.compile(r"\d{1,3}(?:\.\d{1,3})*[.)]?\s+\S")
_NUMBER_LABELS = frozenset({"stt", "tt", "so tt", "so thu tu"})


def looks_like_gazette(text: str) -> bool:
    """True when a line of the text is the gazette's running header."""
    return any("B" in line and _RUNNING_HEADER.match(line) for line in text.split("\n"))


def strip_furniture(lines: list[str]) -> list[str]:
    """The lines with the gazette's page furniture blanked (same count)."""
    out = list(lines)
    headers = [i for i, line in enumerate(out) if _RUNNING_HEADER.match(line)]
    bare = [i for i in headers if not _inline_number(out[i])]
    side = _page_number_side(out, bare)
    for index in bare:
        neighbour = index + side
        if 0 <= neighbour < len(out) and _PAGE_NUMBER.match(out[neighbour]):
            out[neighbour] = ""
    for index in headers:
        out[index] = ""
    for index, line in enumerate(out):
        key = fold(line)
        if key.startswith(_FURNITURE) or key in _PART_HEADINGS:
            out[index] = ""
    return out


def _inline_number(line: str) -> bool:
    match = _RUNNING_HEADER.match(line)
    return bool(match and (match.group("before") or match.group("after")))


def _page_number_side(lines: list[str], headers: list[int]) -> int:
    """+1 when page numbers sit on the line after a header, -1 when on the line before: the side
    with more numbers going up one page at a time (a row number can sit on the other side)."""

    def votes(side: int) -> int:
        numbers = [
            int(lines[i + side])
            for i in headers
            if 0 <= i + side < len(lines) and _PAGE_NUMBER.match(lines[i + side])
        ]
        steps = sum(1 for a, b in itertools.pairwise(numbers) if b == a + 1)
        return steps + len(numbers)

    return 1 if votes(1) >= votes(-1) else -1


def gazette_to_text(text: str) -> str:
    """The text without page furniture; tables one cell per line written as tab rows."""
    lines = strip_furniture(text.split("\n"))
    if _has_separated_rows(lines):
        return "\n".join(lines)
    atoms = [Atom(line.strip(), number) for number, line in enumerate(lines, 1) if line.strip()]
    out = list(lines)
    position = 0
    converted = False
    while (header := find_header(atoms, position)) is not None:
        labels = [atom.text for atom in atoms[header.start : header.end]]
        end = _table_end(atoms, header.end, labels)
        body = _without_repeats(atoms[header.end : end], labels)
        position = end
        if not _one_cell_per_line(body):
            continue  # raw layout text ('12  Xây dựng …'): left to layout_text
        for atom in atoms[header.start : end]:
            out[atom.line - 1] = ""
        rows = read_rows(body, header.layout)
        for number, row in to_tab_lines(header, rows, atoms[header.start].line).items():
            out[number - 1] = row
        converted = True
    return "\n".join(unwrap_paragraphs(out) if converted else out)


def _one_cell_per_line(body: list[Atom]) -> bool:
    """Row numbers stand on lines of their own more often than they start a line of text."""
    alone = sum(1 for atom in body if _ROW_NUMBER.fullmatch(atom.clean))
    leading = sum(1 for atom in body if _NUMBERED_LINE.match(atom.clean))
    return alone >= 2 and alone >= leading


def _has_separated_rows(lines: list[str]) -> bool:
    return sum(1 for line in lines if split_row(line) is not None) >= 5


def _table_end(atoms: list[Atom], start: int, labels: list[str]) -> int:
    """Index of the first atom after the table: the next appendix, signature or other header
    (the same header again is the table going on after a page break)."""
    for index in range(start, len(atoms)):
        text = atoms[index].text
        if appendix_label(text) is not None or _TABLE_END.match(text):
            return index
        if fold(atoms[index].clean) in _NUMBER_LABELS and not _repeat_at(atoms, index, labels):
            return index
    return len(atoms)


def _repeat_at(atoms: list[Atom], index: int, labels: list[str]) -> bool:
    return [atom.text for atom in atoms[index : index + len(labels)]] == labels


def _without_repeats(body: list[Atom], labels: list[str]) -> list[Atom]:
    """The body without the header repeated at the top of a new page."""
    out: list[Atom] = []
    index = 0
    while index < len(body):
        if _repeat_at(body, index, labels):
            index += len(labels)
            continue
        out.append(body[index])
        index += 1
    return out
