"""Plan documents copied from legal-document websites: tables as lines between '|' lines.

Officers copy plans from thuvienphapluat.vn, luatvietnam.vn, vbpl.vn and provincial portals. The
text a scraper (or a copy from the page) gives keeps a table only as a flow of cells with lines
holding '|' between them, inside the site's own chrome. Forms seen (pages read in 2025, sources
below):

- thuvienphapluat.vn [1-4]: **every cell is followed by a line '|'**, nothing marks where a row
  ends, a cell's text runs over several lines (the page source is wrapped at about 80
  characters: 'Căn' / 'cứ Luật …', 'Hà Nội, ngày 09' / 'tháng 01 năm 2025'), and the letterhead
  itself is such a table ('CHÍNH PHỦ' / '-------' / '|' / 'CỘNG HÒA XÃ HỘI …'). Above it: 'Bản
  dịch này thuộc quyền sở hữu của THƯ VIỆN PHÁP LUẬT …', 'Đang tải văn bản...' and a metadata
  block of key and value lines ('Số hiệu:' / '344/KH-UBND', 'Loại văn bản:', 'Nơi ban hành:',
  'Người ký:', 'Ngày ban hành:', 'Ngày hiệu lực:', 'Ngày công báo:', 'Số công báo:',
  'Tình trạng:' / 'Đã biết').
- nhansu.vn [5]: a line '|' starts each row and **each cell ends with ' |'** on its last line
  ('|' / 'ỦY BAN NHÂN DÂN |' / 'CỘNG HÒA XÃ HỘI' / 'CHỦ NGHĨA VIỆT NAM |').
- hethongphapluat.vn [6]: one row per line, 'Số: 130/KH-UBND | Ninh Bình, ngày 13 tháng 7 năm
  2022 |' (read by `text.split_row`), under 'Để sử dụng toàn bộ tiện ích nâng cao …' and 'Nếu
  bạn là thành viên. Vui lòng ĐĂNG NHẬP …'.
- luatvietnam.vn [7]: a menu (' • Thuộc tính', ' • Nội dung', ' • VB gốc', ' • VB liên quan',
  ' • Lược đồ', ' • Tải về', 'Mục lục', 'Tìm từ trong trang', 'Tải văn bản', 'Lưu', 'Theo dõi
  hiệu lực VB', 'Đây là tiện ích dành cho thành viên …', 'Quý khách vui lòng Đăng nhập …', 'Báo
  lỗi', 'Hiệu lực: Đã biết', 'Tình trạng: Đã biết'); lawnet.vn [8] the same metadata on one line
  ('Số hiệu: 512/QĐ-UBND Loại văn bản: Quyết định').
- The form named in the project's issue 3: a line '|' (or '| |') before every row, then **one
  line per cell** ('**STT**', '**Nội dung**' … in bold for header cells), a cell's soft line
  breaks as extra lines, an empty cell as no line at all (or as a blank line).

Sources:
  [1] https://thuvienphapluat.vn/van-ban/Linh-vuc-khac/Nghi-quyet-03-NQ-CP-2025-dot-pha-phat-trien-khoa-hoc-cong-nghe-doi-moi-sang-tao-639586.aspx?tab=3
  [2] https://thuvienphapluat.vn/bulletin/document.aspx?bid=c0f34683-9525-4d28-bcdd-89470a9a2579
      (Kế hoạch 158/KH-UBND, Hà Nội)
  [3] https://thuvienphapluat.vn/bulletin/document.aspx?bid=db0dda3b-1ee9-44ed-ad54-f9a61fdd3fd7
      (Kế hoạch 344/KH-UBND, Bắc Ninh, triển khai Nghị quyết 57-NQ/TW)
  [4] https://thuvienphapluat.vn/van-ban/Lao-dong-Tien-luong/Ke-hoach-68-KH-UBND-2020-thuc-hien-Chi-thi-lanh-dao-xay-dung-quan-he-lao-dong-hai-hoa-Son-La-439455.aspx
  [5] https://nhansu.vn/van-ban-phap-luat/Ke-hoach-348-KH-UBND-2025-trien-khai-Nghi-quyet-71-NQ-CP-doi-moi-sang-tao-Nghe-An-676331.html
  [6] https://hethongphapluat.vn/ke-hoach-130-kh-ubnd-nam-2022-ve-giam-sat-danh-gia-thuc-hien-chuong-trinh-muc-tieu-quoc-gia-giam-ngheo-ben-vung-giai-doan-2021-2025-tren-dia-ban-tinh-ninh-binh.html
  [7] https://luatvietnam.vn/thue/quyet-dinh-12-2013-qd-ubnd-213250-d2.html
  [8] https://lawnet.vn/vb/Quyet-dinh-512-QD-UBND-2025-thuc-hien-Nghi-quyet-03-NQ-CP-dot-pha-phat-trien-khoa-hoc-Khanh-Hoa-9E602.html

Reading (each step a small pure function):

1. `strip_chrome`: lines before the document (its letterhead, 'Số: …', 'KẾ HOẠCH', or 'PHỤ LỤC')
   are dropped, so are known chrome lines anywhere (login notices, menus, 'Tải văn bản', 'Góp ý',
   metadata keys with their values) and boxes that start with a chrome heading ('Văn bản liên
   quan', 'Lược đồ', '© …') up to where the document resumes: their 'Điều 1. …' and 'Văn bản này
   có hiệu lực …' lines look like content but are not. Dropped lines become blank lines, so line
   numbers still point into the text as given.
2. `_segments`: the text between '|' lines; each split at blank lines into blocks.
3. A table is found where a header is (`cellrows.header_at`): in **row form** the block after a
   '|' holds the header labels one per line (a second header row may follow after the next
   '|'); in **cell form** consecutive blocks ending at '|' lines hold one label each (a 'STT'
   right under the caption, with no blank line between, is split off as the first label). Row
   form: every block after a '|' is one row (a row whose lines end with ' |' has its cells
   marked too); a row stops at its first blank line, unless the next '|' opens another row (a
   number, a bold heading, or a blank first cell follows), in which case its blank lines are
   empty cells. Cell form: every block before a '|' is one whole cell, and rows are found by
   `cellrows.read_rows`. A table ends at a block with text between it and the next '|' (a
   paragraph, a note, the next appendix's caption).
4. Each table becomes tab-separated rows at the line of its first cell; `TextTableParser` reads
   the result like any exported table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nq57.ingest.cellrows import Atom, Header, header_at, read_rows, to_tab_lines
from nq57.ingest.text import appendix_label, unwrap_paragraphs
from nq57.lib.vntext import fold

_PIPE_ONLY = re.compile(r"^\s*\|[\s|]*$")
_MAX_ROW_LINES = 120
_ROW_START = re.compile(r"(?:\d{1,3}(?:\.\d{1,3})*|[IVXL]{1,6}|[a-zđ])[.)]?$")
_CELL_END = re.compile(r"^(?P<text>.*\S)\s*\|\s*$")
_NUMBER_LABEL = re.compile(r"^(?:\*\*)?\s*(?:STT|Stt|TT|Số TT|Số thứ tự)\s*(?:\*\*)?$")

# --------------------------------------------------------------------------------------------
# chrome

_DOC_START = re.compile(
    r"^\s*(?:\*\*)?\s*(?:CỘNG\s+HÒA\s+XÃ\s+HỘI|CỘNG\s*$|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM"
    r"|Số\s*:\s*[\d…. ]*/|(?:KẾ\s+HOẠCH|CHƯƠNG\s+TRÌNH|QUYẾT\s+ĐỊNH|NGHỊ\s+QUYẾT|ĐỀ\s+ÁN)"
    r"(?:\s|\*|$)|PHỤ\s+LỤC\b|Phụ\s+lục\s+[IVX\d]+\s*$)"
)
_LETTERHEAD = re.compile(r"^[^a-zà-ỹđ]{1,80}$")
_CHROME_LINES = frozenset(
    fold(line)
    for line in (
        *("Trang chủ", "Văn bản pháp luật", "Tra cứu văn bản", "Đăng nhập", "Đăng ký"),
        *("Đăng xuất", "Thuộc tính", "VB gốc", "Tiếng Anh", "Nội dung MIX", "Tải về"),
        *("Tải văn bản", "Mục lục", "Tìm từ trong trang", "Lưu", "Lưu trữ", "Ý kiến"),
        *("Facebook", "Email", "In", "Chia sẻ", "Góp ý", "Báo lỗi", "Theo dõi hiệu lực VB"),
        *("Theo dõi hiệu lực", "Lên đầu trang", "Quay lại", "Xem thêm", "So sánh văn bản"),
        *("Tải file Word", "Tải file PDF", "In văn bản", "Hiệu lực: Đã biết"),
        *("Tình trạng: Đã biết", "Đang tải văn bản...", "THƯ VIỆN PHÁP LUẬT", "LuatVietnam"),
        *("Hệ thống pháp luật", "Văn bản tiếng Anh", "Văn bản đang xem"),
    )
)
_CHROME_PREFIXES = tuple(
    fold(prefix)
    for prefix in (
        "Bản dịch này thuộc quyền sở hữu",
        "THƯ VIỆN PHÁP LUẬT . Mọi hành vi",
        "THƯ VIỆN PHÁP LUẬT là vi phạm",
        "THƯ VIỆN PHÁP LUẬT has the copyright",
        "THƯ VIỆN PHÁP LUẬT is a violation",
        "Để sử dụng toàn bộ tiện ích",
        "Nếu bạn là thành viên",
        "Quý khách vui lòng Đăng nhập",
        "Đây là tiện ích dành cho thành viên",
        "Tổng hợp lại tất cả các quy định",
        "Khách hàng chỉ cần xem Nội dung MIX",
    )
)
_METADATA_KEYS = frozenset(
    fold(key)
    for key in (
        *("Số hiệu", "Loại văn bản", "Nơi ban hành", "Cơ quan ban hành", "Người ký"),
        *("Ngày ban hành", "Ngày hiệu lực", "Ngày có hiệu lực", "Ngày công báo", "Số công báo"),
        *("Tình trạng", "Tình trạng hiệu lực", "Lĩnh vực", "Ngày hết hiệu lực"),
    )
)
_BOX_HEADINGS = frozenset(
    fold(heading)
    for heading in (
        *("Văn bản liên quan", "VB liên quan", "Lược đồ", "Văn bản được hướng dẫn"),
        *("Văn bản cùng lĩnh vực", "Tin pháp luật liên quan", "Bài viết liên quan"),
        *("Tin liên quan", "Hỏi đáp pháp luật", "Các văn bản khác"),
    )
)
_FOOTER = re.compile(r"^\s*(?:©|\(c\)\s|Copyright\b|Bản quyền thuộc)", re.IGNORECASE)


def _key(line: str) -> str:
    """Folded line without bullets, bold marks and a trailing colon."""
    return fold(line.replace("**", "")).strip(" •*-–:")


def strip_chrome(lines: list[str], keep: frozenset[int] = frozenset()) -> list[str]:
    """The lines with site chrome blanked (same count, so line numbers still hold); lines whose
    1-based number is in `keep` (table cells) are never touched."""
    out = list(lines)
    for index in range(_document_start(out)):
        out[index] = ""
    index = 0
    while index < len(out):
        key = _key(out[index])
        if index + 1 in keep or not key:
            index += 1
        elif key in _BOX_HEADINGS or _FOOTER.match(out[index]):
            index = _blank_box(out, index, keep)
        elif key in _METADATA_KEYS and out[index].rstrip().endswith(":"):
            out[index] = ""
            if index + 2 not in keep and index + 1 < len(out):
                out[index + 1] = ""
            index += 2
        else:
            if _is_chrome(out[index], key):
                out[index] = ""
            index += 1
    return out


def _is_chrome(line: str, key: str) -> bool:
    if key in _CHROME_LINES or key.startswith(_CHROME_PREFIXES):
        return True
    name, colon, value = line.partition(":")
    return bool(colon) and _key(name) in _METADATA_KEYS and bool(value.strip())


def _document_start(lines: list[str]) -> int:
    """Index of the document's first line (its letterhead block), or 0 when none is found."""
    for index, line in enumerate(lines[:400]):
        if _DOC_START.match(line):
            while index > 0 and (
                _PIPE_ONLY.match(lines[index - 1]) or _in_letterhead(lines, index)
            ):
                index -= 1
            return index
    return 0


def _in_letterhead(lines: list[str], index: int) -> bool:
    """The line above `index` belongs to the letterhead: capitals, rules, no lower case."""
    above = lines[index - 1].strip()
    return bool(above) and bool(_LETTERHEAD.match(above)) and _key(above) not in _CHROME_LINES


def _blank_box(lines: list[str], index: int, keep: frozenset[int]) -> int:
    """Blank a chrome box from its heading to where the document resumes; the index after."""
    lines[index] = ""
    index += 1
    while index < len(lines) and index + 1 not in keep and not _resumes(lines[index]):
        lines[index] = ""
        index += 1
    return index


def _resumes(line: str) -> bool:
    return bool(_DOC_START.match(line)) or appendix_label(line.strip()) is not None


# --------------------------------------------------------------------------------------------
# segments and tables


@dataclass
class _Segment:
    """The lines between two '|' lines, as blocks of (line number, text) split at blank lines."""

    blocks: list[list[tuple[int, str]]]
    lines: list[tuple[int, str]]  # every line, blank ones too
    closed: bool  # a '|' line follows

    @property
    def opens_blank(self) -> bool:
        """The first line after the '|' is blank: the end of a table, or a blank first cell."""
        return bool(self.lines) and not self.lines[0][1].strip()


def _segments(lines: list[str]) -> list[_Segment]:
    segments: list[_Segment] = []
    current: list[tuple[int, str]] = []
    for number, line in enumerate(lines, 1):
        if _PIPE_ONLY.match(line):
            segments.append(_segment(current, closed=True))
            current = []
        else:
            current.append((number, line))
    segments.append(_segment(current, closed=False))
    return segments


def _segment(lines: list[tuple[int, str]], closed: bool) -> _Segment:
    blocks: list[list[tuple[int, str]]] = [[]]
    for number, line in lines:
        if line.strip():
            blocks[-1].append((number, line))
        elif blocks[-1]:
            blocks.append([])
    return _Segment(_blocks(blocks), lines, closed)


def _blocks(blocks: list[list[tuple[int, str]]]) -> list[list[tuple[int, str]]]:
    """Blocks without empty ones; an appendix label starts a block of its own."""
    out: list[list[tuple[int, str]]] = []
    for block in blocks:
        current: list[tuple[int, str]] = []
        for number, line in block:
            if current and appendix_label(line.strip()) is not None:
                out.append(current)
                current = []
            current.append((number, line))
        if current:
            out.append(current)
    return out


@dataclass
class _Table:
    header: Header
    atoms: list[Atom]
    lines: set[int]  # every line the table covers
    next_segment: int


def looks_like_web_cells(text: str) -> bool:
    """True when the text holds a plan table written between '|' lines (web scrape forms)."""
    lines = text.split("\n")
    if sum(1 for line in lines if _PIPE_ONLY.match(line)) < 2:
        return False
    return bool(_tables(_segments(lines)))


def web_cells_to_text(text: str) -> str:
    """The text with chrome blanked and every '|' table written as tab-separated rows."""
    lines = text.split("\n")
    tables = _tables(_segments(lines))
    cells = frozenset(number for table in tables for number in table.lines)
    lines = strip_chrome(lines, cells)
    out = ["" if _PIPE_ONLY.match(line) else line for line in lines]
    out = unwrap_paragraphs(out, cells)
    for table in tables:
        for number in table.lines:
            out[number - 1] = ""
        body = table.atoms[table.header.end :]
        header_line = table.atoms[table.header.start].line
        rows = read_rows(body, table.header.layout)
        for number, row in to_tab_lines(table.header, rows, header_line).items():
            out[number - 1] = row
    return "\n".join(out)


def _tables(segments: list[_Segment]) -> list[_Table]:
    tables: list[_Table] = []
    index = 0
    while index < len(segments):
        table = _row_table(segments, index) or _cell_table(segments, index)
        if table is None:
            index += 1
            continue
        tables.append(table)
        index = table.next_segment
    return tables


# -- row form: a '|' line before every row ---------------------------------------------------


def _row_table(segments: list[_Segment], index: int) -> _Table | None:
    if index == 0:
        return None
    atoms: list[Atom] = []
    lines: set[int] = set()
    position = index
    while position < len(segments):
        following = segments[position + 1] if position + 1 < len(segments) else None
        row, complete = _row_lines(segments[position], following)
        if not row:
            break
        atoms += _row_atoms(row)
        lines.update(number for number, _ in row)
        position += 1
        if not complete:
            break
    header = header_at(atoms, 0) if atoms else None
    if header is None or not _whole_rows(atoms, header):
        return None
    return _Table(header, atoms, lines, position)


def _row_lines(segment: _Segment, following: _Segment | None) -> tuple[list[tuple[int, str]], bool]:
    """The lines of the row after a '|' line, and whether the table may go on after it.

    A row with blank lines in it (empty cells) takes all its lines when a row follows it;
    otherwise a row stops at its first blank line: what comes after the last row (a note, the
    next table's caption) is text. A row never runs into the next appendix."""
    if not segment.blocks or _resumes(segment.blocks[0][0][1]):
        return [], False
    gaps = segment.opens_blank or len(segment.blocks) > 1
    if gaps and _row_sized(segment) and following is not None and _opens_row(following):
        return _trimmed(segment.lines), True
    if segment.opens_blank:
        return [], False
    return segment.blocks[0], _row_sized(segment) and not gaps


def _row_sized(segment: _Segment) -> bool:
    return (
        segment.closed
        and bool(segment.blocks)
        and len(segment.lines) <= _MAX_ROW_LINES
        and not any(_resumes(line) for _, line in segment.lines)
    )


def _opens_row(segment: _Segment) -> bool:
    """The segment starts a data row: a row number or a bold heading first (or an empty cell)."""
    if not _row_sized(segment):
        return False
    first = segment.blocks[0][0][1].strip()
    return segment.opens_blank or bool(_ROW_START.match(first)) or first.startswith("**")


def _trimmed(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Without trailing blank lines."""
    end = len(lines)
    while end and not lines[end - 1][1].strip():
        end -= 1
    return lines[:end]


def _row_atoms(block: list[tuple[int, str]]) -> list[Atom]:
    """One atom per line (a run of blank lines: one empty cell), or one per cell when cells
    end with ' |' (nhansu.vn)."""
    if _CELL_END.match(block[-1][1]):
        return _marked_cells([(n, line) for n, line in block if line.strip()])
    atoms: list[Atom] = []
    for number, line in block:
        if line.strip() or not atoms or atoms[-1].text:
            atoms.append(Atom(line.strip(), number, row_start=not atoms))
    return atoms


def _marked_cells(block: list[tuple[int, str]]) -> list[Atom]:
    atoms: list[Atom] = []
    pending: list[tuple[int, str]] = []
    for number, line in block:
        ended = _CELL_END.match(line)
        pending.append((number, ended.group("text") if ended else line))
        if ended:
            text = " ".join(part.strip() for _, part in pending)
            atoms.append(Atom(text, pending[0][0], whole=True, row_start=not atoms))
            pending = []
    return atoms


def _whole_rows(atoms: list[Atom], header: Header) -> bool:
    """The header takes whole rows (it does not stop inside a row)."""
    return header.end == len(atoms) or atoms[header.end].row_start


# -- cell form: a '|' line after every cell ---------------------------------------------------


def _cell_table(segments: list[_Segment], index: int) -> _Table | None:
    atoms, lines, position = _cell_atoms(segments, index)
    header = header_at(atoms, 0)
    if header is None:
        return None
    return _Table(header, atoms, lines, position)


def _cell_atoms(segments: list[_Segment], index: int) -> tuple[list[Atom], set[int], int]:
    """Whole cells from segment `index` on: each segment's last block while segments hold
    nothing else; the index of the first segment not taken."""
    atoms: list[Atom] = []
    lines: set[int] = set()
    position = index
    while position < len(segments) and segments[position].closed:
        segment = segments[position]
        if position > index and len(segment.blocks) > 1:
            break
        block = segment.blocks[-1] if segment.blocks else []
        if position == index and len(block) > 1 and _NUMBER_LABEL.match(block[-1][1].strip()):
            block = block[-1:]  # 'STT' right under the caption, no blank line between
        text = " ".join(line.strip() for _, line in block)
        atoms.append(Atom(text, block[0][0] if block else _segment_line(segments, position), True))
        lines.update(number for number, _ in block)
        position += 1
    return atoms, lines, position


def _segment_line(segments: list[_Segment], position: int) -> int:
    """A line number for an empty cell: the line after the last line seen before it."""
    for segment in reversed(segments[:position]):
        for block in reversed(segment.blocks):
            return block[-1][0] + 1
    return 1
