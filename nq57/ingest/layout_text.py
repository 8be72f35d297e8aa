"""Task tables whose cells come out of the PDF broken over lines, one column after another.

Some PDF text extractors keep no column separators: every visual line of a table cell becomes a
line of its own, a row's cells come out one after another in column order (name lines, then lead
lines, then coordinating lines, then the deadline; an output column 'Sản phẩm'/'Kết quả' where the
header puts it), and cells that start on the same baseline are glued into one line. A blank line
follows every visual line; a page break is a non-blank line that follows another non-blank line
(no blank between) and starts with a space::

    page n    +---+--------------------+----------+--------------+--------+
              | 3 | Xây dựng chương    | Các Sở,  | Sở Khoa học  | Thường |
              |   | trình, ... đổi mới | ngành,   | và Công ...  | xuyên  |
    page n+1  |   | sáng tạo, ... dân. | Đức, các |              |        |
              +---+--------------------+----------+--------------+--------+

    extracted text (blank lines left out)
      3  Xây dựng chương     name          ┐
      trình, ... đổi mới     name          │
      Các Sở,                lead          │ segment 1
      ngành,                 lead          │
      Sở Khoa học            coordinating  │
      và Công ...            coordinating  │
      Thường                 deadline      │
      xuyên                  deadline      ┘
       sáng tạo, ... dân.    name          ┐ segment 2: page break (no blank line before, leading
      Đức, các               lead          ┘ space), a continuation block in column order
      Sở Nội vụ Các Sở, ban  lead + coordinating glued: cells starting on one baseline

Pipeline (each stage a small pure function):

1. `_read_lines`: non-blank lines with their 1-based number, a page-start flag and an indent flag;
   page numbers, signature time stamps and repeated column headers are dropped.
2. `read_column_order`: the header lines (broken too: 'Stt Tên nhiệm vụ Cơ quan ' / 'chủ trì' /
   'Cơ quan phối hợp Sản phẩm Thời gian' / 'hoàn' / 'thành') are joined and the first position of
   each known phrase is found; name ('tên nhiệm vụ', 'nội dung'), lead ('chủ trì') and
   coordinating ('phối hợp') always come first, then the deadline ('thời gian', 'thời hạn', 'tiến
   độ') and the output ('sản phẩm', 'kết quả') in header order. Each table has its own order.
3. `_split_blocks`: the table starts at the column header ('Stt ... chủ trì ...'); section headings
   are a Roman numeral that continues the sequence ('I.', 'III' without a period), their title runs
   until the first row; a row starts with its number ('12  Xây dựng ...') and is cut into segments
   at page breaks.
4. `_measure`: column widths are learnt from the document itself (characters per line): the name
   width from the first lines of rows, the lead/coordinating threshold by Otsu's method over short
   lines (lines that start an output cell are left out of that sample).
5. `_assign_row`: a left-to-right state machine per segment over the table's column order (name →
   lead → coordinating → [output] → deadline → [output]), never going back inside a segment
   (except under a glued line, below). Rules:

   - name: a line stays in the name while the previous name line was full width (the paragraph goes
     on) or the line itself is wider than a unit column; it ends at a line that starts with a unit
     word (Sở, Ban, UBND, Các, Trung tâm, Công an, Văn phòng, ...) and fits the unit columns, at a
     deadline line after a short name line, or at an indented deadline line. A line much wider than
     the name column is glued: it is cut before a unit word (or a reference phrase).
   - lead: continues while lines are continuations (lower case, a non-unit word, or the previous
     line ends open: ',', ';', 'và', '-', an open bracket). A new unit word after a complete lead
     starts the coordinating cell (so a lead cell holds one unit unless joined by punctuation); a
     line wider than the lead threshold starts it too, after cutting a glued line before its unit
     word when the head fits the lead column. A lone acronym ('ABC') counts as a unit word.
   - coordinating: everything up to the deadline; a trailing deadline glued to a unit line
     ('Các đơn vị liên quan 2025 -') is peeled off.
   - output (free text, usually product words): it starts at a line that begins with a product word
     ('Kế hoạch', 'Báo cáo', 'Văn bản', 'Quyết định', 'Hệ thống', 'Cơ sở dữ liệu', 'Đề án', ...), a
     count ('01 Báo cáo', '100% hồ sơ', 'Ít nhất') and not with a unit word, once the cell before is
     complete (no trailing joiner, no unit word left hanging: 'Sở' + 'Kế hoạch và Đầu tư' stays a
     unit). Before the deadline: a product word glued to a unit line on one baseline (the line also
     held another cell, carries a deadline tail or is wider than a unit column) is cut off
     ('Các đơn vị liên quan Đề án 2030'); the output ends at a deadline line or a peeled deadline
     tail ('Kế hoạch 2025'), unless it ends on 'năm', 'giai đoạn', ... ('Báo cáo năm' + '2025').
     Under a line where output and deadline were glued, lines that do not go on with the deadline
     ('2025 -' + '2030', 'Thường' + 'xuyên') go on with the output. After the deadline: the output
     starts at the first line that does not go on with the deadline: a product word, or a
     capitalised line that is no deadline word or follows a complete deadline; every later line is
     output.
     A product word right after a complete lead (no coordinating line) starts the output too.
   - deadline: starts at a deadline-like line ('3/2025', 'Quý', 'Tháng', 'Thường', 'Hằng',
     '2025 -', '2025 và', 'Năm 2026'); an indented line right after a cell means the cell in
     between is empty (so an indented deadline right after the lead leaves coordinating empty; an
     indented line right after the lead goes to the output when the output follows coordinating; an
     indented line right after coordinating skips the column that follows it).
   - merged reference cell: when a name is followed by 'Thực hiện theo Quyết định ...' spanning the
     unit and deadline columns, lead/coordinating/deadline are None, the text goes to
     `extras['reference']` and a warning is raised.
   - page-break continuation: a segment that does not start with a number continues the current
     row; its lines go through the same machine. Its first line belongs to the name only if it is
     wide or ends a sentence; otherwise it goes to the output when it begins with a product word or
     the output cell ended open (',', 'và', ...) while lead and coordinating did not, else to the
     lead or coordinating cell by width. Trailing lines that complete an unfinished deadline
     ('2025 và những năm' + 'tiếp' + 'theo') go to the deadline.
6. `_build_task`: cell lines are joined with one space, except after a hyphen glued to a word
   ('2025-' + '2030' → '2025-2030'); whitespace is collapsed; dangling dashes are stripped from unit
   cells.

Known limits: a name glued to the lead on one line that is not wider than the name column is not
cut; free-text deadlines ('Sau khi ...') are read as coordinating text. Output column: an output
before the deadline is only recognised by its first word (product vocabulary or a count), so a
free-text output ('Nâng cao nhận thức ...') stays in the coordinating cell, and a unit name that is
also a product word ('Trung tâm dữ liệu') stays a unit; after a page break an output line that is
neither open-ended before the break nor starts with a product word goes to lead/coordinating by
width; a deadline that goes on after a break is only completed from the segment's last lines, so
output lines after it on the new page break that; 'Ghi chú', 'Kinh phí' and other columns are still
not separated (a warning says so).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from nq57.ingest.model import ParsedTask, ParseWarning, Source

# --------------------------------------------------------------------------------------------
# vocabulary

_UNIT_HEAD = re.compile(
    r"(?:Sở|Ban(?!\s+hành)|Các|UBND|HĐND|Ủy\s+ban|Uỷ\s+ban|Văn\s+phòng|Trung\s+tâm|Công\s+an"
    r"|Hội(?!\s+(?:nghị|thảo|thi|nhập|chợ))|Viện|Trường|Đại\s+học|Học\s+viện"
    r"|Bộ(?!\s+(?:chỉ|tiêu|công\s+cụ|dữ))|Cục|Chi\s+cục|Phòng(?!,?\s+chống)|Đài|Báo(?!\s+cáo)"
    r"|Ngân\s+hàng|Kho\s+bạc|Liên\s+đoàn|Liên\s+minh|Mặt\s+trận|Đoàn(?!\s+kết)|Thành\s+đoàn"
    r"|Tỉnh\s+đoàn|Hội\s+đồng|To[àa]\s+án|Công\s+ty|Tổng\s+công\s+ty|Quỹ|Bảo\s+hiểm|Bệnh\s+viện"
    r"|Thanh\s+tra|Chi\s+nhánh|Cảnh\s+sát|Bộ\s+Chỉ\s+huy|Ban\s+Chỉ\s+huy|Thường\s+trực"
    r"|Huyện\s+đoàn|Quận\s+đoàn|Đơn\s+vị|Thủ\s+trưởng|Chủ\s+tịch|Giám\s+đốc|Công\s+chức|Cán\s+bộ"
    r"|Đảng\s+[uủ]y|Tỉnh\s+[uủ]y|Thành\s+[uủ]y|Huyện\s+[uủ]y|Quận\s+[uủ]y|Cơ\s+quan)"
    r"(?=[\s,;.]|$)"
)
_ACRONYM = re.compile(r"[A-ZĐ]{3,8}")
_PLACE_ACRONYMS = frozenset({"TPHCM", "HCM"})
_REFERENCE = re.compile(
    r"(?:Thực\s+hiện|Triển\s+khai)\s+theo\s+(?:Quyết\s+định|Kế\s+hoạch|Nghị\s+quyết|Công\s+văn"
    r"|Chỉ\s+thị|Thông\s+tư|Nghị\s+định|Chương\s+trình|văn\s+bản)"
)
_YEAR = r"(?:19|20)\d\d"
_MONTH_YEAR = rf"\d{{1,2}}/{_YEAR}"
_DEADLINE_START = re.compile(
    rf"(?:{_MONTH_YEAR}|\d{{1,2}}/\d{{1,2}}/{_YEAR}|{_YEAR}(?:\s*[-–]|\s+và|\s*$|\s*,)"
    r"|Quý\b|Tháng\b|Năm\s+\d{4}|Thường\s+xuyên|Thường\s*$|H[àằ]ng\s+(?:năm|quý|tháng)|H[àằ]ng\s*$"
    r"|Định\s+kỳ|Trước\s+(?:ngày|tháng|quý|năm|\d)|Trong\s+(?:năm|quý|tháng)|Giai\s+đoạn\s+\d"
    r"|Đến\s+năm|Từ\s+năm|Liên\s+tục|\d{1,2}\s+tháng\s+(?:đầu|cuối))"
)
_DEADLINE_TAIL = re.compile(
    rf"\s(?P<dl>(?:{_MONTH_YEAR}|{_YEAR}(?:\s*[-–]\s*(?:{_YEAR})?)?|Quý|Tháng|H[àằ]ng|Thường"
    rf"|Năm\s+{_YEAR}|Trước)"
    r"(?:\s+(?:xuyên|năm|và))?)\s*$"
)
_DEADLINE_FULL = re.compile(
    rf"(?:(?:Trước|Trong|Đến|Từ|Sau)\s+)?(?:ngày\s+|tháng\s+|Tháng\s+|năm\s+|Năm\s+)?"
    rf"(?:{_MONTH_YEAR}|\d{{1,2}}/\d{{1,2}}/{_YEAR}|(?:Quý|quý)\s*[IVX\d]+/{_YEAR}"
    rf"|{_YEAR}(?:\s*[-–]\s*{_YEAR})?)"
    r"(?:\s*(?:và|,)\s*(?:những|các)\s+năm\s+tiếp\s+theo)?"
    r"|Thường\s+xuyên|Liên\s+tục|(?:Định\s+kỳ\s+)?H[àằ]ng\s+(?:năm|quý|tháng)"
)
_OPEN_END = re.compile(r"(?:[,;(\-–&/]|\bvà|\bcác|\bcủa|\bvới|\bthuộc)\s*$")
_SECTION = re.compile(r"\s*(?P<num>[IVXL]{1,6})\.?\s+(?P<title>[^\W\d_].*)")
_ROW = re.compile(r"\s*(?P<num>\d{1,3})[.)]?(?P<gap>\s+)(?P<rest>\S.*)?")
_BARE_NUMBER = re.compile(r"\s*(?:-\s*)?\d{1,3}(?:\s*-)?\s*")
_TIMESTAMP = re.compile(r"\s*\d{4}-\d\d-\d\dT\d\d:\d\d")
_TABLE_END = re.compile(r"\s*(?:Nơi\s+nhận|TM\.|KT\.|CHỦ\s+TỊCH|PHÓ\s+CHỦ\s+TỊCH)")
_HEADER_START = re.compile(r"\s*(?:S[Tt][Tt]|TT|Số\s+TT)\b")
_HEADER_WORDS = frozenset(
    {
        *("stt", "tt", "số", "tên", "nhiệm", "vụ", "nội", "dung", "cơ", "quan", "đơn", "vị"),
        *("chủ", "trì", "phối", "hợp", "thời", "gian", "hạn", "hoàn", "thành", "sản", "phẩm"),
        *("đầu", "ra", "ghi", "chú", "kết", "quả", "tiến", "độ", "thực", "hiện", "dự", "kiến"),
    }
)
_APPENDIX = re.compile(r"\s*(?P<label>Phụ\s+lục(?:\s+[IVXL\d]+)?)\s*$", re.IGNORECASE)
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}

NAME, LEAD, COORD, DEADLINE, REFERENCE = "name", "lead", "coordinating", "deadline", "reference"
OUTPUT = "output"
_ORDER = (NAME, LEAD, COORD, DEADLINE)
_HEADER_PHRASES = {
    NAME: re.compile(r"tên\s+nhiệm\s+vụ|nội\s+dung|nhiệm\s+vụ"),
    LEAD: re.compile(r"chủ\s+trì"),
    COORD: re.compile(r"phối\s+hợp"),
    OUTPUT: re.compile(r"sản\s+phẩm|kết\s+quả"),
    DEADLINE: re.compile(r"thời\s+gian|thời\s+hạn|tiến\s+độ"),
}
_OUTPUT_HEAD = re.compile(
    r"(?:Kế\s+hoạch|Báo\s+cáo|Văn\s+bản|Quyết\s+định|Tin\s+bài|Bài\s+viết|Hệ\s+thống|Phần\s+mềm"
    r"|Cơ\s+sở\s+dữ\s+liệu|Dữ\s+liệu|Đề\s+án|Dự\s+án|Dự\s+thảo|Chương\s+trình|Nghị\s+quyết"
    r"|Nghị\s+định|Thông\s+tư|Chỉ\s+thị|Công\s+văn|Hướng\s+dẫn|Tài\s+liệu|Tờ\s+trình|Danh\s+mục"
    r"|Bộ\s+(?:tiêu\s+chí|chỉ\s+số|dữ\s+liệu|công\s+cụ)|Nền\s+tảng|Ứng\s+dụng|Sản\s+phẩm|Mô\s+hình"
    r"|Quy\s+(?:chế|định|trình|hoạch)|Chiến\s+lược|Đề\s+xuất|Hội\s+(?:nghị|thảo|thi)|Tọa\s+đàm"
    r"|Toạ\s+đàm|Lớp|Khóa|Khoá|Chuyên\s+(?:mục|đề)|Phóng\s+sự|Ấn\s+phẩm|Cổng\s+thông\s+tin"
    r"|Trang\s+thông\s+tin|Kết\s+quả|Thông\s+báo|Hồ\s+sơ|Bản\s+đồ|Cẩm\s+nang|Sổ\s+tay|Cuộc\s+thi"
    r"|Giải\s+thưởng|Phong\s+trào|Tài\s+khoản|Hạ\s+tầng|Số\s+lượng"
    r"|Tỷ\s+lệ|Tỉ\s+lệ|Biên\s+bản|Giấy|Video|Clip|Bản\s+tin|Ít\s+nhất|Tối\s+thiểu)"
    r"(?=[\s,;.:]|$)"
    r"|\d{1,3}(?:[.,]\d+)?\s*%|0?\d{1,3}\s+(?!tháng|năm|quý|ngày)[^\W\d_]"  # '100%', '01 Báo cáo'
)
_PEEL_GUARD = re.compile(r"(?:năm|đoạn|đến|từ|tháng|quý|kỳ|ngày)\s*$")


# --------------------------------------------------------------------------------------------
# stage data


@dataclass(frozen=True)
class Line:
    """One non-blank line of the text."""

    no: int  # 1-based line number in the text
    text: str  # without trailing whitespace or the line break
    page_start: bool = False  # first line of a new page
    indented: bool = False  # starts with whitespace inside a page (an empty cell was skipped)

    @property
    def body(self) -> str:
        return self.text.strip()


@dataclass
class Row:
    number: str
    section: str | None
    section_title: str | None
    segments: list[list[Line]]
    first_text: str  # text of the first line after the number


@dataclass
class Widths:
    """Column widths in characters, learnt from the document."""

    name: float = 50.0  # a full name line
    lead: float = 17.0  # threshold between lead-column and coordinating-column lines
    unit: float = 30.0  # widest line of a unit column

    @property
    def full(self) -> float:
        return 0.75 * self.name

    @property
    def overflow(self) -> float:
        return 1.1 * self.name


@dataclass
class Cells:
    parts: dict[str, list[str]] = field(default_factory=dict)
    lines: set[int] = field(default_factory=set)

    def add(self, column: str, text: str, line: Line) -> None:
        if text.strip():
            self.parts.setdefault(column, []).append(text.strip())
        self.lines.add(line.no)

    def text(self, column: str) -> str:
        return join_lines(self.parts.get(column, []))


# --------------------------------------------------------------------------------------------
# public API


def looks_like_layout_text(text: str) -> bool:
    """True when the text holds a task table whose cells are broken over lines (no tabs/pipes)."""
    lines = [line for line in text.splitlines() if line.strip()]
    separated = sum(1 for line in lines if "\t" in line.strip() or line.lstrip().startswith("|"))
    if separated >= 5:
        return False
    if _find_header(_read_lines(text)) is None:
        return False
    rows = sum(1 for line in lines if _ROW.fullmatch(line) and len(line.strip()) > 4)
    return rows >= 3


_UNREAD_COLUMNS = {
    "ghi chú": "Ghi chú",
    "kinh phí": "Kinh phí",
    "lãnh đạo": "Lãnh đạo phụ trách",
}


def read_column_order(header: str) -> tuple[str, ...]:
    """Column order named by a table's header text (its broken lines joined with spaces).

    Name, lead and coordinating always come first, in that order; the deadline and an output
    column ('Sản phẩm', 'Kết quả') follow in the order their phrases first appear.
    """
    text = " ".join(header.casefold().split())
    found = {column: pattern.search(text) for column, pattern in _HEADER_PHRASES.items()}
    tail = [
        (hit.start(), column)
        for column, hit in found.items()
        if column in (OUTPUT, DEADLINE) and hit is not None
    ]
    if found[DEADLINE] is None:
        tail.append((len(text) + 1, DEADLINE))
    return (NAME, LEAD, COORD, *(column for _, column in sorted(tail)))


def _header_text(lines: list[Line], start: int) -> str:
    """The header line at `start` and the header lines that follow it, joined."""
    header = [lines[start]]
    for line in lines[start + 1 : start + 8]:
        if not _is_header_line(line):
            break
        header.append(line)
    return " ".join(item.body for item in header)


def _unread_columns(lines: list[Line]) -> list[ParseWarning]:
    """Columns this reader cannot separate yet: say so rather than mix them silently."""
    start = _find_header(lines)
    if start is None:
        return []
    window = _header_text(lines, start).casefold()
    return [
        ParseWarning(
            f"Bảng có cột «{label}» mà trình đọc văn bản PDF thô chưa tách riêng được; "
            "nội dung cột này có thể lẫn vào thời hạn hoặc cơ quan phối hợp — hãy kiểm tra.",
            lines[start].no,
        )
        for word, label in _UNREAD_COLUMNS.items()
        if word in window
    ]


def parse_layout_tasks(text: str) -> tuple[list[ParsedTask], list[ParseWarning]]:
    """Every task of the layout table(s), with warnings (Vietnamese) for a person to check."""
    lines = _read_lines(text)
    tables = _find_tables(lines)
    if not tables:
        return [], [ParseWarning("Không tìm thấy bảng nhiệm vụ (dòng tiêu đề Stt ... chủ trì).")]
    tasks: list[ParsedTask] = []
    warnings: list[ParseWarning] = _unread_columns(lines)
    for appendix, order, body in tables:
        rows = _split_blocks(body, warnings)
        widths = _measure(rows, order)
        tasks += [
            _build_task(row, index, appendix, _assign_row(row, widths, warnings, order), warnings)
            for index, row in enumerate(rows, 1)
        ]
    return tasks, warnings


# --------------------------------------------------------------------------------------------
# stage 1: lines


def _read_lines(text: str) -> list[Line]:
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    spaced = _blank_separated(raw)
    out: list[Line] = []
    pending_break = False
    for index, content in enumerate(raw):
        if not content.strip():
            continue
        if _TIMESTAMP.match(content):
            continue
        prev_blank = index == 0 or not raw[index - 1].strip()
        page_start = pending_break or "\f" in content or (spaced and not prev_blank and bool(out))
        pending_break = False
        if _BARE_NUMBER.fullmatch(content.replace("\f", "")) and (
            page_start or _next_is_page(raw, index)
        ):
            pending_break = True  # a page number
            continue
        clean = content.replace("\f", "").rstrip()
        indented = clean[:1].isspace() and not page_start
        out.append(Line(index + 1, clean, page_start, indented))
    return out


def _blank_separated(raw: list[str]) -> bool:
    """Most visual lines are followed by a blank line (so two non-blank lines mark a page break)."""
    pairs = [(a, b) for a, b in itertools.pairwise(raw) if a.strip()]
    if len(pairs) < 20:
        return False
    return sum(1 for _, b in pairs if not b.strip()) / len(pairs) > 0.8


def _next_is_page(raw: list[str], index: int) -> bool:
    return index + 1 < len(raw) and "\f" in raw[index + 1]


def _is_table_header(lines: list[Line], index: int) -> bool:
    if not _HEADER_START.match(lines[index].text):
        return False
    window = " ".join(item.body for item in lines[index : index + 7]).casefold()
    return "chủ trì" in window and ("nhiệm vụ" in window or "nội dung" in window)


def _find_header(lines: list[Line]) -> int | None:
    return next((i for i in range(len(lines)) if _is_table_header(lines, i)), None)


def _find_tables(lines: list[Line]) -> list[tuple[str | None, tuple[str, ...], list[Line]]]:
    """(appendix label, column order, lines after the column header) per task table; a 'Phụ lục'
    line ends one."""
    appendices = [i for i, line in enumerate(lines) if _APPENDIX.fullmatch(line.text)]
    tables: list[tuple[str | None, tuple[str, ...], list[Line]]] = []
    start = 0
    while (found := _find_header(lines[start:])) is not None:
        header = found + start
        label = next((i for i in reversed(appendices) if i < header), None)
        end = next((i for i in appendices if i > header), len(lines))
        appendix = _appendix_label(lines[label]) if label is not None else None
        order = read_column_order(_header_text(lines, header))
        tables.append((appendix, order, _skip_header(lines[:end], header)))
        start = end
    return tables


def _appendix_label(line: Line) -> str | None:
    found = _APPENDIX.fullmatch(line.text)
    return " ".join(found.group("label").split()) if found else None


def _is_header_line(line: Line) -> bool:
    words = re.findall(r"[^\W\d_]+|\(\d+\)", line.body.casefold())
    return bool(words) and all(word in _HEADER_WORDS or word.startswith("(") for word in words)


def _skip_header(lines: list[Line], start: int) -> list[Line]:
    """Lines after the column header, without repeated headers at page tops."""
    out: list[Line] = []
    skipping = True
    for line in lines[start:]:
        if line.page_start and _HEADER_START.match(line.text) and _is_header_line(line):
            skipping = True
        if skipping and (_is_header_line(line) or _HEADER_START.match(line.text)):
            continue
        if skipping and re.fullmatch(r"[\s()\d]+", line.text):
            continue  # column numbers '(1) (2) (3)'
        if skipping and out and not line.page_start:
            line = Line(line.no, line.text, True, False)  # the page resumes after the header
        skipping = False
        if _TABLE_END.match(line.text):
            break
        out.append(line)
    return out


# --------------------------------------------------------------------------------------------
# stage 2: sections and rows


def _roman(value: str) -> int:
    total = 0
    for char, after in zip(value, [*value[1:], ""], strict=True):
        number = _ROMAN[char]
        total += -number if after and _ROMAN[after] > number else number
    return total


@dataclass
class _Cursor:
    section: str | None = None
    section_value: int = 0
    title: list[str] = field(default_factory=list)
    in_title: bool = False
    expected: int = 1


def _split_blocks(lines: list[Line], warnings: list[ParseWarning]) -> list[Row]:
    rows: list[Row] = []
    cur = _Cursor()
    for line in lines:
        if _start_section(line, cur):
            continue
        number = _row_number(line, cur, warnings)
        if number is not None:
            cur.in_title = False
            rest = _ROW.fullmatch(line.text)
            first = (rest.group("rest") or "") if rest else ""
            title = " ".join(" ".join(cur.title).split()) or None
            rows.append(Row(str(number), cur.section, title, [[line]], first))
            cur.expected = number + 1
        elif cur.in_title:
            cur.title.append(line.body)
        elif rows:
            _append_to_row(rows[-1], line)
        else:
            warnings.append(ParseWarning("Dòng nằm trước nhiệm vụ đầu tiên, bỏ qua.", line.no))
    return rows


def _start_section(line: Line, cur: _Cursor) -> bool:
    found = _SECTION.fullmatch(line.text)
    if not found or not found.group("title")[:1].isupper():
        return False
    value = _roman(found.group("num"))
    if value <= cur.section_value or (value > cur.section_value + 1 and cur.expected > 1):
        return False  # a numeral that breaks the sequence is text (a skip only before any row)
    title = found.group("title")
    cur.section, cur.section_value = found.group("num"), value
    cur.title, cur.in_title = [title], True
    return True


def _row_number(line: Line, cur: _Cursor, warnings: list[ParseWarning]) -> int | None:
    found = _ROW.fullmatch(line.text) or (
        re.fullmatch(r"\s*(?P<num>\d{1,3})\s*", line.text) if not line.page_start else None
    )
    if not found:
        return None
    number = int(found.group("num"))
    if number == cur.expected or (number == 1 and cur.in_title):
        return number
    rest = found.groupdict().get("rest") or ""
    if len(found.groupdict().get("gap") or "") >= 2 and rest[:1].isupper() and number > 0:
        after = f"không liền sau {cur.expected - 1}" if cur.expected > 1 else "không bắt đầu từ 1"
        warnings.append(ParseWarning(f"Số thứ tự {number} {after}.", line.no, f"task {number}"))
        return number
    return None


def _append_to_row(row: Row, line: Line) -> None:
    if line.page_start:
        row.segments.append([line])
    else:
        row.segments[-1].append(line)


# --------------------------------------------------------------------------------------------
# stage 3: widths


def _percentile(values: list[int], share: float) -> float:
    ordered = sorted(values)
    return float(ordered[min(len(ordered) - 1, int(share * len(ordered)))])


def _otsu(values: list[int]) -> float:
    """Threshold that best splits `values` into two groups (Otsu's method)."""
    best, best_score = float(min(values)), -1.0
    for cut in sorted(set(values))[:-1]:
        low = [v for v in values if v <= cut]
        high = [v for v in values if v > cut]
        mean_low, mean_high = sum(low) / len(low), sum(high) / len(high)
        score = len(low) * len(high) * (mean_low - mean_high) ** 2
        if score > best_score:
            best, best_score = cut + 0.5, score
    return best


def _measure(rows: list[Row], order: tuple[str, ...] = _ORDER) -> Widths:
    firsts = [len(row.first_text.strip()) for row in rows if row.first_text.strip()]
    if len(firsts) < 3:
        return Widths()
    median = _percentile(firsts, 0.5)
    name = _percentile([n for n in firsts if n <= 1.2 * median], 0.9)  # glued lines left out
    short = [
        len(line.body)
        for row in rows
        for segment in row.segments
        for line in segment[1:]
        if len(line.body) <= 0.6 * name
        and not _DEADLINE_START.match(line.body)
        and not (OUTPUT in order and _is_output_head(line.body))  # output lines are a third group
    ]
    lead = _otsu(short) if len(set(short)) > 2 else 0.35 * name
    return Widths(name=name, lead=lead, unit=0.6 * name)


# --------------------------------------------------------------------------------------------
# stage 4: column assignment


def _is_unit_head(text: str) -> bool:
    body = text.strip()
    if _UNIT_HEAD.match(body):
        return True
    return bool(_ACRONYM.fullmatch(body)) and body not in _PLACE_ACRONYMS


def _unit_cuts(text: str) -> list[int]:
    """Offsets where a new unit name may start inside a line (before a capitalised unit word)."""
    cuts = []
    for found in _UNIT_HEAD.finditer(text):
        start = found.start()
        head = text[:start].rstrip()
        if start == 0 or not text[start - 1].isspace() or not head:
            continue
        if (
            _OPEN_END.search(head)
            or _UNIT_HEAD.fullmatch(head.split()[-1])
            or _ends_with_head(head)
        ):
            continue
        cuts.append(start)
    return cuts


def _ends_with_head(head: str) -> bool:
    words = head.split()
    return any(_UNIT_HEAD.fullmatch(" ".join(words[-n:])) for n in (1, 2, 3) if len(words) >= n)


def _peel_deadline(text: str) -> tuple[str, str]:
    """('Các đơn vị liên quan 2025 -') → ('Các đơn vị liên quan', '2025 -')."""
    found = _DEADLINE_TAIL.search(text)
    if not found or not text[: found.start()].strip():
        return text, ""
    return text[: found.start()].rstrip(), found.group("dl")


def _is_deadline_line(text: str, widths: Widths) -> bool:
    body = text.strip()
    return bool(_DEADLINE_START.match(body)) and len(body) <= widths.unit


def _unit_line(text: str, widths: Widths) -> bool:
    """A line that starts the unit columns: unit word first, every piece fits a unit column."""
    body, _ = _peel_deadline(text.strip())
    if not _is_unit_head(body):
        return False
    if len(body) <= widths.unit:
        return True
    cuts = sorted({0, *_unit_cuts(body), *_output_cuts(body), len(body)})
    pieces = [body[a:b].strip() for a, b in itertools.pairwise(cuts)]
    return all(len(piece) <= widths.unit for piece in pieces)


def _is_output_head(text: str) -> bool:
    """A line that starts an output cell: a product word ('Kế hoạch', 'Báo cáo') and no unit."""
    body = text.strip()
    return bool(_OUTPUT_HEAD.match(body)) and not _is_unit_head(body)


def starts_with_unit(text: str) -> bool:
    """The text begins with a unit word ('Sở …', 'UBND …', 'Các …') or is an acronym ('QTSC')."""
    return _is_unit_head(text)


def starts_with_product(text: str) -> bool:
    """The text begins like an output cell ('Kế hoạch', 'Báo cáo', '01 Báo cáo'), not a unit."""
    return _is_output_head(text)


def _cell_done(text: str) -> bool:
    """A non-empty unit/output cell that may end here (no joiner, no unit word left hanging)."""
    return bool(text) and not _lead_open(text) and not _ends_with_head(text)


def _output_cuts(text: str) -> list[int]:
    """Offsets where an output cell glued to a unit cell may start (before a product word)."""
    return [
        found.start()
        for found in _OUTPUT_HEAD.finditer(text)
        if found.start() > 0
        and text[found.start() - 1].isspace()
        and _cell_done(text[: found.start()].rstrip())
        and not _is_unit_head(text[found.start() :])
    ]


def _peel_output(text: str) -> tuple[str, str]:
    """('Kế hoạch 2025') → ('Kế hoạch', '2025'), but 'Báo cáo năm 2025' stays whole."""
    body, tail = _peel_deadline(text)
    if tail and _PEEL_GUARD.search(body.casefold()):
        return text, ""
    return body, tail


def _deadline_goes_on(deadline: str, body: str) -> bool:
    """Whether `body` continues the deadline cell (else an output cell after it starts)."""
    if not deadline:
        return True
    if _is_output_head(body):
        return False
    if _OPEN_END.search(deadline) or _DEADLINE_FULL.fullmatch(join_lines([deadline, body])):
        return True
    if body[:1].islower():
        return True
    if _DEADLINE_FULL.fullmatch(deadline):
        return False
    return not body[:1].isalpha() or bool(
        _DEADLINE_START.match(body) or re.match(r"[IVX]+\b", body)
    )


_DEADLINE_WORD = re.compile(
    r"(?:\d|[IVX]+\b|xuyên|năm|những|các|tiếp|theo|và|quý|tháng|hằng|hàng|đến|trở|sau|thường"
    r"|định\s+kỳ|liên\s+tục|trước|trong|giai\s+đoạn)",
    re.IGNORECASE,
)


def _extends_deadline(deadline: str, body: str) -> bool:
    """A line that plainly goes on with a deadline cell ('2025 -' + '2030', 'Thường' + 'xuyên')."""
    joined = join_lines([deadline, body])
    return bool(_DEADLINE_FULL.fullmatch(joined) or _DEADLINE_WORD.match(body))


@dataclass
class _Machine:
    widths: Widths
    cells: Cells
    warnings: list[ParseWarning]
    number: str
    order: tuple[str, ...] = _ORDER
    state: str = NAME
    prev_len: int = 0  # length of the previous name line
    continuing: bool = False  # inside a block after a page break
    glued_output: bool = False  # the deadline started on the output's line

    def feed(self, line: Line, text: str) -> None:
        if self.state in (LEAD, COORD, DEADLINE, OUTPUT) and self._lost_page_break(text):
            self.state, self.prev_len = NAME, int(self.widths.full)
        getattr(self, f"_in_{self.state}")(line, text)

    def _lost_page_break(self, text: str) -> bool:
        """A name-wide line after the unit columns: a continuation whose page break was lost."""
        body = _peel_deadline(text.strip())[0]
        limit = self.widths.full if self.state == OUTPUT else self.widths.unit
        return len(body) > limit and not _unit_line(body, self.widths)

    def after(self, column: str, skip: int = 0) -> str | None:
        """The column `skip + 1` places after `column` in this table's order."""
        index = self.order.index(column) + 1 + skip if column in self.order else len(self.order)
        return self.order[index] if index < len(self.order) else None

    def resume_column(self, body: str) -> str:
        """The unit-area column a line after the name goes to (inside a row or after a break)."""
        if _is_deadline_line(body, self.widths):
            return DEADLINE
        if self.continuing and OUTPUT in self.order:
            output = self.cells.text(OUTPUT)
            units_done = not any(_lead_open(self.cells.text(c)) for c in (LEAD, COORD))
            if _is_output_head(body) or (output and units_done and _lead_open(output)):
                return OUTPUT
        return LEAD if len(_peel_deadline(body)[0]) <= self.widths.lead else COORD

    def goto(self, state: str, line: Line, text: str) -> None:
        self.state = state
        self.feed(line, text)

    def _in_name(self, line: Line, text: str) -> None:
        body = text.strip()
        has_name = bool(self.cells.parts.get(NAME))
        if has_name and _REFERENCE.match(body) and self.prev_len < self.widths.full:
            self.goto(REFERENCE, line, text)
        elif has_name and line.indented and _DEADLINE_START.match(body):
            self.goto(DEADLINE, line, text)
        elif has_name and _unit_line(body, self.widths):
            self.goto(LEAD, line, text)  # before the cut: glued unit cells may be name-wide
        elif len(body) > self.widths.overflow and self._cut_name(line, body):
            return
        elif has_name and self.prev_len < self.widths.full and _is_deadline_line(body, self.widths):
            self.goto(DEADLINE, line, text)
        elif not has_name or len(body) > self.widths.unit or self.prev_len >= self.widths.full:
            self.cells.add(NAME, body, line)
            self.prev_len = len(body)
        else:
            self.goto(self.resume_column(body), line, text)

    def _cut_name(self, line: Line, body: str) -> bool:
        """A line wider than the name column: the name glued to the next cell(s)."""
        reference = _REFERENCE.search(body, 1)
        cuts = [cut for cut in _unit_cuts(body) if _unit_line(body[cut:], self.widths)]
        if reference and (not cuts or reference.start() < cuts[0]):
            self.cells.add(NAME, body[: reference.start()], line)
            self.goto(REFERENCE, line, body[reference.start() :])
            return True
        if not cuts:
            return False
        self.cells.add(NAME, body[: cuts[0]], line)
        self.goto(LEAD, line, body[cuts[0] :])
        return True

    def _in_lead(self, line: Line, text: str) -> None:
        body, tail = _peel_deadline(text.strip())
        lead = self.cells.text(LEAD)
        if _is_deadline_line(text, self.widths) and not tail:
            self.goto(DEADLINE, line, text)
            return
        if lead and line.indented and self.after(LEAD) == COORD:
            self.goto(OUTPUT if self.after(COORD) == OUTPUT else COORD, line, text)
            return  # the coordinating cell is empty when an output column follows it
        if lead and _is_unit_head(body) and not _lead_open(lead):
            self.goto(COORD, line, text)
            return
        if self.after(COORD) == OUTPUT and _cell_done(lead) and _is_output_head(body):
            self.goto(OUTPUT, line, text)
            return
        if len(body) > self.widths.lead:
            cuts = [cut for cut in _unit_cuts(body) if len(body[:cut].strip()) <= self.widths.lead]
            if cuts:
                self.cells.add(LEAD, body[: cuts[0]], line)
                body = body[cuts[0] :]
            self.state = COORD
            self._in_coordinating(line, body + (" " + tail if tail else ""))
            return
        self.cells.add(LEAD, body, line)
        self._maybe_deadline(line, tail)

    def _in_coordinating(self, line: Line, text: str) -> None:
        body, tail = _peel_deadline(text.strip())
        if _is_deadline_line(text, self.widths) and not tail:
            self.goto(DEADLINE, line, text)
            return
        if OUTPUT in self.order and self._to_output(line, body, tail):
            return
        self.cells.add(COORD, body, line)
        self._maybe_deadline(line, tail)

    def _to_output(self, line: Line, body: str, tail: str) -> bool:
        """Leave the coordinating cell for the output (or the column after an empty one)."""
        coord = self.cells.text(COORD)
        rest = body + (" " + tail if tail else "")
        if coord and line.indented and (skipped := self.after(COORD, 1)):
            self.goto(skipped, line, rest)  # the cell right after coordinating is empty
            return True
        if _is_output_head(body) and (not coord or _cell_done(coord)):
            self.goto(OUTPUT, line, rest)
            return True
        glued = line.no in self.cells.lines or bool(tail) or len(body) > self.widths.unit
        cuts = _output_cuts(body) if glued else []
        if cuts:
            self.cells.add(COORD, body[: cuts[0]], line)
            self.goto(OUTPUT, line, rest[cuts[0] :])
            return True
        return False

    def _in_output(self, line: Line, text: str) -> None:
        body = text.strip()
        output = self.cells.text(OUTPUT)
        if self.after(OUTPUT) != DEADLINE:
            self.cells.add(OUTPUT, body, line)
            return
        unfinished = bool(_PEEL_GUARD.search(output.casefold()))  # 'Báo cáo năm' + '2025'
        if _is_deadline_line(body, self.widths) and not unfinished:
            self.goto(DEADLINE, line, text)
            return
        body, tail = _peel_output(body)
        self.cells.add(OUTPUT, body, line)
        self._maybe_deadline(line, tail)
        self.glued_output = bool(tail)

    def _maybe_deadline(self, line: Line, tail: str) -> None:
        if tail:
            self.state = DEADLINE
            self.cells.add(DEADLINE, tail, line)

    def _in_deadline(self, line: Line, text: str) -> None:
        body = text.strip()
        deadline = self.cells.text(DEADLINE)
        if self.after(DEADLINE) == OUTPUT and not _deadline_goes_on(deadline, body):
            self.goto(OUTPUT, line, text)
            return
        if self.glued_output and not _extends_deadline(deadline, body):
            self.cells.add(OUTPUT, body, line)  # the output cell goes on under a glued line
            return
        done = _DEADLINE_FULL.fullmatch(deadline)
        if done and len(body) > self.widths.lead:
            self.warnings.append(
                ParseWarning(
                    f"Dòng {line.no} (nhiệm vụ {self.number}) không xếp được vào cột nào: «{body}»",
                    line.no,
                    f"task {self.number}",
                )
            )
            return
        self.cells.add(DEADLINE, body, line)

    def _in_reference(self, line: Line, text: str) -> None:
        self.cells.add(REFERENCE, text, line)


def _lead_open(lead: str) -> bool:
    """The lead text cannot end here: trailing joiner or an unclosed bracket."""
    return bool(_OPEN_END.search(lead)) or lead.count("(") > lead.count(")")


def _assign_row(
    row: Row, widths: Widths, warnings: list[ParseWarning], order: tuple[str, ...] = _ORDER
) -> Cells:
    cells = Cells()
    machine = _Machine(widths, cells, warnings, row.number, order)
    first, *rest = row.segments
    for index, line in enumerate(first):
        machine.feed(line, row.first_text if index == 0 else line.text)
    machine.continuing = True
    for segment in rest:
        _continue_row(machine, segment)
    return cells


def _continue_row(machine: _Machine, segment: list[Line]) -> None:
    """A block after a page break: the rest of the row's cells, in column order."""
    cells, widths = machine.cells, machine.widths
    segment, tail = _deadline_completion(cells.text(DEADLINE), segment)
    if machine.state == REFERENCE:
        for line in segment:
            machine.feed(line, line.text)
    else:
        name_open = bool(cells.parts.get(NAME)) and machine.prev_len >= widths.full
        machine.state, machine.prev_len = NAME, 0
        for index, line in enumerate(segment):
            body = line.body
            if index == 0 and not _first_is_name(body, name_open, widths):
                machine.prev_len = int(widths.full)  # keeps short lines out of the name
                machine.state = machine.resume_column(body)
            machine.feed(line, line.text)
    for line in tail:
        cells.add(DEADLINE, line.body, line)


def _first_is_name(body: str, name_open: bool, widths: Widths) -> bool:
    if len(body) > widths.unit and not _unit_line(body, widths):
        return True
    return name_open and bool(re.search(r"[.;:!?…)]$", body)) and not _unit_line(body, widths)


def _deadline_completion(deadline: str, segment: list[Line]) -> tuple[list[Line], list[Line]]:
    """Trailing lines that finish an unfinished deadline ('2025 và những năm' + 'tiếp theo')."""
    if not deadline or _DEADLINE_FULL.fullmatch(deadline):
        return segment, []
    for size in range(1, min(4, len(segment)) + 1):
        tail = segment[-size:]
        joined = join_lines([deadline, *(line.body for line in tail)])
        if _DEADLINE_FULL.fullmatch(joined):
            return segment[:-size], tail
    return segment, []


# --------------------------------------------------------------------------------------------
# stage 5: tasks


def join_lines(parts: list[str]) -> str:
    """Join cell lines with one space; a hyphen glued to a word joins without one ('2025-2030')."""
    out = ""
    for part in parts:
        piece = part.strip()
        if not piece:
            continue
        if out.endswith("-") and len(out) > 1 and out[-2].isalnum():
            out += piece
        else:
            out = f"{out} {piece}" if out else piece
    return " ".join(out.split())


def _unit_text(text: str) -> str | None:
    cleaned = re.sub(r"^[\s\-–]+|[\s\-–]+$", "", text)
    return cleaned or None


def _build_task(
    row: Row, index: int, appendix: str | None, cells: Cells, warnings: list[ParseWarning]
) -> ParsedTask:
    lead = _unit_text(cells.text(LEAD))
    reference = cells.text(REFERENCE)
    record = f"task {row.number}"
    if reference:
        warnings.append(
            ParseWarning(
                f"Nhiệm vụ {row.number}: ô gộp «{reference[:60]}…» thay cho cơ quan và thời hạn.",
                min(cells.lines),
                record,
            )
        )
    return ParsedTask(
        appendix=appendix,
        section=row.section,
        section_title=row.section_title,
        number=row.number,
        name=cells.text(NAME),
        lead=lead,
        coordinating=_unit_text(cells.text(COORD)),
        deadline=cells.text(DEADLINE) or None,
        output=cells.text(OUTPUT) or None,
        extras={"reference": reference} if reference else {},
        source=Source(appendix, index, min(cells.lines), max(cells.lines)),
    )
