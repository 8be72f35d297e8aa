"""The consolidated report as an editable Word document, laid out as Nghị định 30/2020/NĐ-CP
(Phụ lục I, thể thức và kỹ thuật trình bày văn bản hành chính) asks. Pure: no database.

    ┌ A4 portrait, margins 20 / 20 / 30 / 15 mm (top, bottom, left, right) ──────────────┐
    │ CƠ QUAN CHỦ QUẢN (13)           CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM (12, bold)      │
    │ CƠ QUAN BAN HÀNH (13, bold)          Độc lập - Tự do - Hạnh phúc (13, bold)        │
    │      ────                            ───────────────────────────                   │
    │ Số:    /BC-…                   Quận 3, ngày 20 tháng 7 năm 2025 (14, italic)       │
    │                          BÁO CÁO (14, bold)                                        │
    │                    Trích yếu (14, bold) / ────                                     │
    │ Body (14, justified, first line 1 cm, 1.15 lines, 6 pt after): introduction,       │
    │ I. KẾT QUẢ THỰC HIỆN · II. TỒN TẠI, HẠN CHẾ · III. PHƯƠNG HƯỚNG … KIẾN NGHỊ, ĐỀ XUẤT │
    │ Nơi nhận: (12, bold italic)              CHỨC VỤ (14, bold)                        │
    │ - … (11)                                 Họ và tên (14, bold)                      │
    └────────────────────────────────────────────────────────────────────────────────────┘
    then a new A4 landscape section: Phụ lục 1–3 (tables, 12 pt, header row repeated on
    every page) and 'Nguồn số liệu' (the numbered sources).

Everything is Times New Roman, black, in real paragraphs and tables held by named styles
('Report Body', 'Report Heading', 'Report Table', 'Report Table Header'), so an officer edits
the text or restyles the whole report in Word or LibreOffice. The page number is a PAGE field
centred in the header, hidden on the first page. A sentence with sources ends with their
numbers in square brackets, '… đạt 75,5%. [2, 6]', which point into 'Nguồn số liệu'.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section as DocxSection
from docx.shared import Cm, Length, Mm, Pt
from docx.styles.style import ParagraphStyle
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from nq57.exports.report_model import (
    ComplianceRow,
    ConsolidatedReport,
    Header,
    IndicatorRow,
    LowerIndicatorRow,
    LowerTaskRow,
    Sentence,
    Source,
    TaskRow,
)

FONT = "Times New Roman"
MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
SLOGAN = "Độc lập - Tự do - Hạnh phúc"
NBSP = "\N{NO-BREAK SPACE}"
NOTHING = "Không có."
NO_DATA = "Không có số liệu."

PART_RESULTS = "I. KẾT QUẢ THỰC HIỆN"
PART_SHORTCOMINGS = "II. TỒN TẠI, HẠN CHẾ"
PART_NEXT = "III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI VÀ KIẾN NGHỊ, ĐỀ XUẤT"
DIRECTIONS = "1. Phương hướng, nhiệm vụ"
PROPOSALS = "2. Kiến nghị, đề xuất"
APPENDIX_TASKS = "Phụ lục 1. TÌNH HÌNH THỰC HIỆN NHIỆM VỤ"
APPENDIX_INDICATORS = "Phụ lục 2. KẾT QUẢ THỰC HIỆN CHỈ TIÊU"
APPENDIX_COMPLIANCE = "Phụ lục 3. TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC ĐƠN VỊ"
APPENDIX_LOWER = "Phụ lục 4. TÌNH HÌNH THỰC HIỆN TẠI CÁC KẾ HOẠCH CẤP DƯỚI"
SOURCES_TITLE = "Nguồn số liệu"

BODY = "Report Body"
HEADING = "Report Heading"
CELL = "Report Table"
CELL_HEADER = "Report Table Header"

PAGE_SHORT, PAGE_LONG = Mm(210), Mm(297)
TOP = BOTTOM = Mm(20)
LEFT, RIGHT = Mm(30), Mm(15)
PORTRAIT_WIDTH = Cm(16.5)  # between the margins
LANDSCAPE_WIDTH = Cm(25.2)
TOP_LEFT, TOP_RIGHT = Cm(6.5), Cm(10.0)  # the header block's columns
SIGN_LEFT, SIGN_RIGHT = Cm(7.5), Cm(9.0)
SLOGAN_WIDTH = Cm(5.6)  # 'Độc lập - Tự do - Hạnh phúc' in 13 pt bold: the line under it
CAPITAL_13PT = Cm(0.28)  # a capital in 13 pt bold, on average (estimates a line's length)
LETTER_14PT = Cm(0.24)

_STYLE_IDS = {name: name.replace(" ", "") for name in (BODY, HEADING, CELL, CELL_HEADER)}
_SECTION_CODE = re.compile(r"^(?:[IVX]+|\d{1,2})[.)]?\s+(?=\S)")

Row = TypeVar("Row")


@dataclass(frozen=True)
class Column(Generic[Row]):
    """An appendix column: its header, its width in cm and how a row fills it."""

    header: str
    width: float
    value: Callable[[Row], str]


def build_docx(report: ConsolidatedReport) -> bytes:
    """The report as DOCX bytes."""
    document = _new_document()
    _top_block(document, report.header)
    _title(document, report.header)
    _body(document, report)
    _signature(document, report.header)
    _appendices(document, report)
    _properties(document, report)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def nd30_date(day: date) -> str:
    """'ngày 05 tháng 02 năm 2025', 'ngày 20 tháng 7 năm 2025': a day below 10 and the
    months 1 and 2 take a leading zero (Nghị định 30/2020/NĐ-CP, Phụ lục I)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def place_and_date(header: Header) -> str:
    return f"{header.place}, {nd30_date(header.day)}"


def source_mark(numbers: Sequence[int]) -> str:
    """'[2, 6]' after a sentence ('' for a sentence written by hand); no-break spaces keep the
    brackets whole and on the line of the sentence's last word."""
    return f"[{(',' + NBSP).join(str(n) for n in numbers)}]" if numbers else ""


def section_heading(index: int, title: str) -> str:
    """'1. Tổ chức thực hiện …': the plan's own section code ('I ', 'II. ') gives way to the
    report's numbering, so a heading never reads '1. I. …'."""
    return f"{index}. {_SECTION_CODE.sub('', title.strip(), count=1)}"


# --- document, styles, pages ------------------------------------------------------------------


def _new_document() -> Document:
    document = docx.Document()
    _defaults(document)
    _styles(document)
    section = document.sections[0]
    _page(section, landscape=False)
    _page_number(section)
    return document


def _defaults(document: Document) -> None:
    """Times New Roman 14 pt for every run (theme fonts removed), Vietnamese, single spacing."""
    styles = document.styles.element
    r_pr = styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(r_pr)
    r_pr.find(qn("w:sz")).set(qn("w:val"), "28")
    r_pr.find(qn("w:szCs")).set(qn("w:val"), "28")
    r_pr.find(qn("w:lang")).set(qn("w:val"), "vi-VN")
    p_pr = styles.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    spacing = p_pr.find(qn("w:spacing"))
    spacing.set(qn("w:after"), "0")
    spacing.set(qn("w:line"), "240")


def _set_fonts(r_pr: object) -> None:
    fonts = r_pr.find(qn("w:rFonts"))  # type: ignore[attr-defined]
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for script in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(script), FONT)


def _styles(document: Document) -> None:
    body = _paragraph_style(document, BODY, size=14)
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.paragraph_format.first_line_indent = Cm(1)
    body.paragraph_format.space_after = Pt(6)
    body.paragraph_format.line_spacing = 1.15
    body.paragraph_format.widow_control = True
    heading = _paragraph_style(document, HEADING, size=14, base=body)
    heading.font.bold = True
    heading.paragraph_format.keep_with_next = True
    heading.paragraph_format.space_before = Pt(6)
    cell = _paragraph_style(document, CELL, size=12)
    cell.paragraph_format.space_before = cell.paragraph_format.space_after = Pt(2)
    header = _paragraph_style(document, CELL_HEADER, size=12, base=cell)
    header.font.bold = True
    header.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)


def _paragraph_style(
    document: Document, name: str, *, size: int, base: ParagraphStyle | None = None
) -> ParagraphStyle:
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    assert isinstance(style, ParagraphStyle)
    style.base_style = base or document.styles["Normal"]
    style.quick_style = True
    style.font.name = FONT
    style.font.size = Pt(size)
    return style


def _page(section: DocxSection, *, landscape: bool) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    wide, tall = (PAGE_LONG, PAGE_SHORT) if landscape else (PAGE_SHORT, PAGE_LONG)
    section.page_width, section.page_height = wide, tall
    section.top_margin, section.bottom_margin = TOP, BOTTOM
    section.left_margin, section.right_margin = LEFT, RIGHT
    section.header_distance = Mm(10)


def _page_number(section: DocxSection) -> None:
    """A PAGE field centred in the header, not shown on the first page."""
    section.different_first_page_header_footer = True
    section.first_page_header.is_linked_to_previous = False  # an empty header of its own
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    run.font.size = Pt(14)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    field.append(run._r)
    inner = OxmlElement("w:t")
    inner.text = "2"  # shown until the field is updated (Word and LibreOffice update it)
    run._r.append(inner)
    paragraph._p.append(field)


def _properties(document: Document, report: ConsolidatedReport) -> None:
    properties = document.core_properties
    properties.title = f"{report.header.kind.capitalize()} {report.header.summary}"[:255]
    properties.subject = report.period
    properties.author = report.header.body
    properties.last_modified_by = ""
    properties.language = "vi-VN"
    properties.comments = ""
    properties.keywords = ""


# --- paragraphs, lines, tables ----------------------------------------------------------------


Container = Document | _Cell


def _add(
    container: Container,
    text: str,
    *,
    size: int | None = None,
    bold: bool = False,
    italic: bool = False,
    center: bool = True,
) -> Paragraph:
    """A paragraph of one run; the first paragraph of an empty table cell is reused."""
    reuse = isinstance(container, _Cell) and not container.paragraphs[0].text
    paragraph = container.paragraphs[0] if reuse else container.add_paragraph()
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run(text)
    run.font.size = Pt(size) if size else None
    run.bold = bold or None
    run.italic = italic or None
    return paragraph


def _rule(container: Container, length: Length, room: Length) -> None:
    """A short horizontal line, centred: the bottom border of a 1-pt paragraph indented so the
    border is `length` long within `room`."""
    paragraph = container.add_paragraph()
    borders = OxmlElement("w:pBdr")  # first: python-docx puts spacing and indents after it
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)
    side = Length(max((room - length) // 2, 0))
    form = paragraph.paragraph_format
    form.left_indent = form.right_indent = side
    form.space_before = Pt(2)
    form.line_spacing = Pt(1)
    form.line_spacing_rule = WD_LINE_SPACING.EXACTLY


def _short_line(text: str, per_letter: Length, room: Length) -> Length:
    """A third to a half of the text's longest line (estimated), as Nghị định 30 draws it."""
    longest = min(int(len(text) * per_letter), int(room))
    return Length(max(int(longest * 0.4), int(Cm(1.5))))


def _plain_table(document: Document, rows: int, widths: Sequence[Length]) -> Table:
    """A borderless layout table with no inner cell margins (the header and signature blocks)."""
    table = document.add_table(rows=rows, cols=len(widths))
    _widths(table, widths)
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "0")
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.insert_element_before(margins, "w:tblLook", "w:tblCaption")
    return table


def _widths(table: Table, widths: Sequence[Length]) -> None:
    """Column widths in the grid (what LibreOffice reads) and on every cell (what Word reads)."""
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for column, width in zip(table._tbl.tblGrid.gridCol_lst, widths, strict=True):
        column.w = width
    for tr in table._tbl.tr_lst:
        for tc, width in zip(tr.tc_lst, widths, strict=True):
            tc.width = width


def _styled(paragraph: Paragraph, style: str) -> Paragraph:
    """Give the paragraph one of our styles by its id (python-docx's `paragraph.style = …`
    searches every style for the default one each time: 1 ms a cell)."""
    paragraph._p.get_or_add_pPr().style = _STYLE_IDS[style]
    return paragraph


def _cell(tc: object, table: Table) -> _Cell:
    return _Cell(tc, table)  # type: ignore[arg-type]


# --- header block, title ----------------------------------------------------------------------


def _top_block(document: Document, header: Header) -> None:
    """Issuing body (left) and national motto (right); number (left) and place, date (right)."""
    table = _plain_table(document, 2, (TOP_LEFT, TOP_RIGHT))
    (body, motto), (number, when) = (table.rows[0].cells, table.rows[1].cells)
    if header.parent_body:
        _add(body, header.parent_body.upper(), size=13)
    _add(body, header.body.upper(), size=13, bold=True)
    _rule(body, _short_line(header.body, CAPITAL_13PT, TOP_LEFT), TOP_LEFT)
    _add(motto, MOTTO, size=12, bold=True)
    _add(motto, SLOGAN, size=13, bold=True)
    _rule(motto, SLOGAN_WIDTH, TOP_RIGHT)
    _add(number, header.number, size=13).paragraph_format.space_before = Pt(6)
    _add(when, place_and_date(header), size=14, italic=True).paragraph_format.space_before = Pt(6)


def _title(document: Document, header: Header) -> None:
    """'BÁO CÁO', the summary below it and a short line under the summary."""
    kind = _add(document, header.kind.upper(), size=14, bold=True)
    kind.paragraph_format.space_before = Pt(18)
    kind.paragraph_format.keep_with_next = True
    summary = _add(document, header.summary, size=14, bold=True)
    summary.paragraph_format.keep_with_next = True
    _rule(document, _short_line(header.summary, LETTER_14PT, PORTRAIT_WIDTH), PORTRAIT_WIDTH)
    document.paragraphs[-1].paragraph_format.space_after = Pt(12)


# --- body -------------------------------------------------------------------------------------


def _body(document: Document, report: ConsolidatedReport) -> None:
    for sentence in report.introduction:
        _sentence(document, sentence)
    _heading(document, PART_RESULTS)
    for index, section in enumerate(report.results, start=1):
        _heading(document, section_heading(index, section.title))
        _sentences(document, section.sentences)
    if not report.results:
        _nothing(document)
    _heading(document, PART_SHORTCOMINGS)
    _sentences(document, report.shortcomings)
    _heading(document, PART_NEXT)
    _heading(document, DIRECTIONS)
    _sentences(document, report.directions)
    _heading(document, PROPOSALS)
    _sentences(document, report.proposals)


def _heading(document: Document, text: str) -> None:
    _styled(document.add_paragraph(text), HEADING)


def _sentences(document: Document, sentences: Sequence[Sentence]) -> None:
    for sentence in sentences:
        _sentence(document, sentence)
    if not sentences:
        _nothing(document)


def _sentence(document: Document, sentence: Sentence) -> None:
    mark = source_mark(sentence.sources)
    text = f"{sentence.text}{NBSP}{mark}" if mark else sentence.text
    _styled(document.add_paragraph(text), BODY)


def _nothing(document: Document) -> None:
    _styled(document.add_paragraph(NOTHING), BODY)


# --- signature --------------------------------------------------------------------------------


def _signature(document: Document, header: Header) -> None:
    """'Nơi nhận' and the recipients (left); the signer's title, room to sign, name (right)."""
    document.add_paragraph()
    table = _plain_table(document, 1, (SIGN_LEFT, SIGN_RIGHT))
    _keep_together(table)
    recipients, signer = table.rows[0].cells
    _add(recipients, "Nơi nhận:", size=12, bold=True, italic=True, center=False)
    for line in header.recipients:
        _add(recipients, line, size=11, center=False)
    for line in header.signer_title.splitlines() or [""]:
        _add(signer, line.upper(), size=14, bold=True)
    name = _add(signer, header.signer_name, size=14, bold=True)
    name.paragraph_format.space_before = Pt(84)  # room for the signature and the seal


def _keep_together(table: Table) -> None:
    for tr in table._tbl.tr_lst:
        tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))


# --- appendices -------------------------------------------------------------------------------


def _appendices(document: Document, report: ConsolidatedReport) -> None:
    """A landscape section (page numbers continue, shown on its first page too)."""
    section = document.add_section(WD_SECTION.NEW_PAGE)
    _page(section, landscape=True)
    section.different_first_page_header_footer = False
    attached = _attached_to(report.header)
    _appendix_title(document, APPENDIX_TASKS, attached, first=True)
    _table(document, TASK_COLUMNS, report.tasks)
    _appendix_title(document, APPENDIX_INDICATORS, attached)
    _table(document, INDICATOR_COLUMNS, report.indicators)
    _appendix_title(document, APPENDIX_COMPLIANCE, attached)
    _table(document, COMPLIANCE_COLUMNS, numbered(report.compliance))
    if report.lower_tasks or report.lower_indicators:  # only a plan that lower plans localise
        _appendix_title(document, APPENDIX_LOWER, attached)
        _table(document, LOWER_TASK_COLUMNS, report.lower_tasks)
        if report.lower_indicators:
            _table(document, LOWER_INDICATOR_COLUMNS, report.lower_indicators)
    _appendix_title(document, SOURCES_TITLE.upper(), "")
    _sources(document, report.sources)


def bare_number(header: Header) -> str:
    """'      /BC-VHKHTT' out of 'Số:       /BC-VHKHTT' (a draft's blank number kept)."""
    return re.sub(r"^\s*Số\s*:\s?", "", header.number.rstrip())


def _attached_to(header: Header) -> str:
    """'(Kèm theo Báo cáo số      /BC-VHKHTT ngày 20 tháng 7 năm 2025)'."""
    return f"(Kèm theo {header.kind.capitalize()} số {bare_number(header)} {nd30_date(header.day)})"


def _appendix_title(document: Document, title: str, attached: str, *, first: bool = False) -> None:
    heading = _add(document, title, size=14, bold=True)
    heading.paragraph_format.space_before = Pt(0 if first else 18)
    heading.paragraph_format.keep_with_next = True
    if attached:
        note = _add(document, attached, size=14, italic=True)
        note.paragraph_format.keep_with_next = True
    document.paragraphs[-1].paragraph_format.space_after = Pt(6)


def _table(document: Document, columns: Sequence[Column[Row]], rows: Sequence[Row]) -> None:
    """A ruled table, header row bold and repeated on every page; 'Không có số liệu.' if empty."""
    if not rows:
        _styled(document.add_paragraph(NO_DATA), BODY)
        return
    table = document.add_table(rows=1 + len(rows), cols=len(columns))
    table.style = document.styles["Table Grid"]
    trs = table._tbl.tr_lst
    _repeat_header(trs[0])
    for tc, column in zip(trs[0].tc_lst, columns, strict=True):
        _fill(_cell(tc, table), column.header, CELL_HEADER)
    for tr, row in zip(trs[1:], rows, strict=True):
        for tc, column in zip(tr.tc_lst, columns, strict=True):
            _fill(_cell(tc, table), column.value(row), CELL)
    _widths(table, [Cm(column.width) for column in columns])


def _repeat_header(tr: object) -> None:
    tr_pr = tr.get_or_add_trPr()  # type: ignore[attr-defined]
    tr_pr.append(OxmlElement("w:cantSplit"))
    tr_pr.append(OxmlElement("w:tblHeader"))


def _fill(cell: _Cell, text: str, style: str) -> None:
    paragraph = _styled(cell.paragraphs[0], style)
    if text:
        paragraph.add_run(text)


def _sources(document: Document, sources: Sequence[Source]) -> None:
    """'[1] Báo cáo … nhiệm vụ 1', one paragraph each, hanging indent."""
    if not sources:
        _styled(document.add_paragraph(NO_DATA), BODY)
    for source in sources:
        paragraph = _styled(document.add_paragraph(f"[{source.number}] {source.text}"), CELL)
        paragraph.paragraph_format.left_indent = Cm(1)
        paragraph.paragraph_format.first_line_indent = Cm(-1)


@dataclass(frozen=True)
class Numbered:
    """A compliance row with its number in the table (STT)."""

    number: int
    row: ComplianceRow


def numbered(rows: Sequence[ComplianceRow]) -> list[Numbered]:
    return [Numbered(index, row) for index, row in enumerate(rows, start=1)]


def sources_of(row: TaskRow | IndicatorRow | LowerTaskRow | LowerIndicatorRow) -> str:
    """The 'Nguồn' cell: '2, 6'."""
    return ", ".join(str(n) for n in row.sources)


TASK_COLUMNS: tuple[Column[TaskRow], ...] = (
    Column("STT", 1.2, lambda r: r.number),
    Column("Nhiệm vụ", 7.6, lambda r: r.name),
    Column("Đơn vị chủ trì", 3.8, lambda r: r.lead),
    Column("Thời hạn", 2.4, lambda r: r.deadline),
    Column("Tình trạng", 3.0, lambda r: r.status),
    Column("Kết quả", 5.5, lambda r: r.result),
    Column("Nguồn", 1.7, sources_of),
)
INDICATOR_COLUMNS: tuple[Column[IndicatorRow], ...] = (
    Column("Mã", 1.4, lambda r: r.code),
    Column("Chỉ tiêu", 9.0, lambda r: r.name),
    Column("Đơn vị tính", 2.4, lambda r: r.measure_unit),
    Column("Chỉ tiêu kỳ", 4.5, lambda r: r.target),
    Column("Kết quả", 2.6, lambda r: r.value),
    Column("Đánh giá", 3.6, lambda r: r.achievement),
    Column("Nguồn", 1.7, sources_of),
)
LOWER_TASK_COLUMNS: tuple[Column[LowerTaskRow], ...] = (
    Column("STT", 1.2, lambda r: r.number),
    Column("Nhiệm vụ", 8.0, lambda r: r.name),
    Column("Kế hoạch cấp dưới", 6.0, lambda r: r.plans),
    Column("Số nhiệm vụ cấp dưới", 2.3, lambda r: str(r.linked)),
    Column("Tiến độ ở cấp dưới", 6.0, lambda r: r.progress),
    Column("Nguồn", 1.7, sources_of),
)
LOWER_INDICATOR_COLUMNS: tuple[Column[LowerIndicatorRow], ...] = (
    Column("Mã", 1.4, lambda r: r.code),
    Column("Chỉ tiêu", 9.0, lambda r: r.name),
    Column("Đơn vị tính", 2.4, lambda r: r.measure_unit),
    Column("Tổng hợp từ cấp dưới", 3.5, lambda r: r.value),
    Column("Số liệu", 7.2, lambda r: r.reported),
    Column("Nguồn", 1.7, sources_of),
)
COMPLIANCE_COLUMNS: tuple[Column[Numbered], ...] = (
    Column("STT", 1.2, lambda r: str(r.number)),
    Column("Đơn vị", 13.0, lambda r: r.row.unit),
    Column("Tình trạng", 5.5, lambda r: r.row.status),
    Column("Thời điểm gửi", 5.5, lambda r: r.row.sent),
)
