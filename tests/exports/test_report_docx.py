"""The consolidated report as Word: read back with python-docx, paragraph by paragraph."""

from __future__ import annotations

import io
import time
from datetime import date
from typing import Any

import docx
import pytest
from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Length, Pt
from docx.table import Table

from nq57.exports.report_docx import (
    APPENDIX_COMPLIANCE,
    APPENDIX_INDICATORS,
    APPENDIX_TASKS,
    BODY,
    COMPLIANCE_COLUMNS,
    HEADING,
    INDICATOR_COLUMNS,
    LANDSCAPE_WIDTH,
    TASK_COLUMNS,
    Column,
    build_docx,
    nd30_date,
    section_heading,
)
from nq57.exports.report_model import ConsolidatedReport
from tests.exports.report_fixture import HEADER, PERIOD, district3_report, sized_report

NB = "\N{NO-BREAK SPACE}"
TASK_HEADER = ["STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Tình trạng", "Kết quả", "Nguồn"]
INDICATOR_HEADER = [
    "Mã", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu kỳ", "Kết quả", "Đánh giá", "Nguồn"
]  # fmt: skip
COMPLIANCE_HEADER = ["STT", "Đơn vị", "Tình trạng", "Thời điểm gửi"]


def read(report: ConsolidatedReport) -> Document:
    return docx.Document(io.BytesIO(build_docx(report)))


@pytest.fixture(scope="module")
def document() -> Document:
    return read(district3_report())


def mm(length: Length | None) -> float:
    """In millimetres to 0.1 mm (Word keeps lengths in twentieths of a point)."""
    assert length is not None
    return round(length.mm, 1)


def texts(table: Table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def cell_lines(table: Table, row: int, col: int) -> list[str]:
    return [p.text for p in table.cell(row, col).paragraphs]


def body(document: Document) -> list[str]:
    """The paragraphs of the report's body (introduction to III.2), in order."""
    return [p.text for p in document.paragraphs if p.style is not None and
            p.style.name in (BODY, HEADING)]  # fmt: skip


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2025, 2, 5), "ngày 05 tháng 02 năm 2025"),
        (date(2025, 1, 9), "ngày 09 tháng 01 năm 2025"),
        (date(2025, 7, 20), "ngày 20 tháng 7 năm 2025"),
        (date(2025, 3, 1), "ngày 01 tháng 3 năm 2025"),
        (date(2025, 12, 10), "ngày 10 tháng 12 năm 2025"),
    ],
)
def test_it_writes_dates_as_decree_30_does(day: date, text: str) -> None:
    # a day below 10 and the months 1 and 2 take a leading zero; other months do not
    assert nd30_date(day) == text


def test_the_header_block_has_both_bodies_the_motto_the_number_place_and_date(
    document: Document,
) -> None:
    top = document.tables[0]
    assert cell_lines(top, 0, 0) == [
        "ỦY BAN NHÂN DÂN QUẬN 3",
        "PHÒNG VĂN HÓA, KHOA HỌC VÀ THÔNG TIN",
        "",  # the short line under the issuing body
    ]
    assert cell_lines(top, 0, 1) == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "",
    ]
    assert cell_lines(top, 1, 0) == ["Số:        /BC-VHKHTT"]
    assert cell_lines(top, 1, 1) == ["Quận 3, ngày 20 tháng 7 năm 2025"]
    parent, issuer, _ = top.cell(0, 0).paragraphs
    motto, slogan, line = top.cell(0, 1).paragraphs
    assert [(r.bold, r.font.size) for r in (parent.runs[0], issuer.runs[0])] == [
        (None, Pt(13)), (True, Pt(13))]  # fmt: skip
    assert [(r.bold, r.font.size) for r in (motto.runs[0], slogan.runs[0])] == [
        (True, Pt(12)), (True, Pt(13))]  # fmt: skip
    assert line._p.xpath("./w:pPr/w:pBdr/w:bottom/@w:val") == ["single"]
    [when] = top.cell(1, 1).paragraphs
    assert (when.runs[0].italic, when.runs[0].font.size) == (True, Pt(14))
    assert top._tbl.xpath("./w:tblPr/w:tblStyle") == []  # no borders


def test_the_document_type_and_summary_are_bold_and_centred(document: Document) -> None:
    kind, summary, line = document.paragraphs[:3]
    assert (kind.text, summary.text) == ("BÁO CÁO", HEADER.summary)
    for paragraph in (kind, summary):
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert (paragraph.runs[0].bold, paragraph.runs[0].font.size) == (True, Pt(14))
    assert line.text == ""
    assert line._p.xpath("./w:pPr/w:pBdr/w:bottom/@w:val") == ["single"]


def test_the_body_has_its_three_parts_in_order_with_sources_in_brackets(
    document: Document,
) -> None:
    report = district3_report()
    assert body(document) == [
        report.introduction[0].text,
        "I. KẾT QUẢ THỰC HIỆN",
        "1. Tổ chức thực hiện tốt công tác quán triệt và tuyên truyền",
        "Có 5 nhiệm vụ: 2 hoàn thành đúng hạn, 1 hoàn thành trễ hạn, 1 quá hạn, 1 định kỳ, "
        "thường xuyên.",
        f"Phòng Văn hóa, Khoa học và Thông tin (nhiệm vụ 1): Đã ban hành Chương trình số "
        f"12/CTr-VHKHTT.{NB}[1]",
        f"Phòng Nội vụ (nhiệm vụ 7): Tổ chức 3 lớp cho 260 người.{NB}[3]",
        "2. Khẩn trương, quyết liệt hoàn thiện thể chế",
        "Có 3 nhiệm vụ: 1 trong hạn, 2 định kỳ, thường xuyên.",
        f"Tỉ lệ sử dụng dịch vụ công trực tuyến đạt 75,5%.{NB}[2,{NB}6]",
        f"Ủy ban nhân dân Phường Võ Thị Sáu (nhiệm vụ 12): đã rà soát 14 thủ tục.{NB}[4,{NB}5]",
        "3. Tăng cường đầu tư, hoàn thiện hạ tầng",
        "Không có.",
        "II. TỒN TẠI, HẠN CHẾ",
        report.shortcomings[0].text,
        f"Phòng Văn hóa, Khoa học và Thông tin: Thiếu kinh phí in tài liệu.{NB}[1]",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI VÀ KIẾN NGHỊ, ĐỀ XUẤT",
        "1. Phương hướng, nhiệm vụ",
        f"Văn phòng Ủy ban nhân dân Quận 3: Nâng cấp Cổng thông tin điện tử quận.{NB}[6]",
        "2. Kiến nghị, đề xuất",
        "Không có.",
    ]


def test_body_paragraphs_are_justified_14_pt_with_a_first_line_indent(document: Document) -> None:
    style = document.styles[BODY]
    form = style.paragraph_format
    assert (form.alignment, mm(form.first_line_indent), form.line_spacing) == (
        WD_ALIGN_PARAGRAPH.JUSTIFY, 10, 1.15)  # fmt: skip
    assert (style.font.name, style.font.size) == ("Times New Roman", Pt(14))
    assert document.styles[HEADING].font.bold is True


def test_every_font_is_times_new_roman(document: Document) -> None:
    defaults = document.styles.element.xpath("./w:docDefaults/w:rPrDefault/w:rPr/w:rFonts")[0]
    assert dict(defaults.attrib) == {
        qn(f"w:{script}"): "Times New Roman" for script in ("ascii", "hAnsi", "eastAsia", "cs")
    }
    named = document.element.body.xpath(".//w:rFonts/@w:ascii")
    assert set(named) <= {"Times New Roman"}


def test_the_page_is_a4_portrait_with_decree_30_margins_then_landscape_appendices(
    document: Document,
) -> None:
    main, appendices = document.sections
    assert (main.orientation, mm(main.page_width), mm(main.page_height)) == (
        WD_ORIENT.PORTRAIT, 210, 297)  # fmt: skip
    margins = [tuple(mm(m) for m in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin))
               for s in (main, appendices)]  # fmt: skip
    assert margins == [(20, 20, 30, 15)] * 2
    assert (appendices.orientation, mm(appendices.page_width), mm(appendices.page_height)) == (
        WD_ORIENT.LANDSCAPE, 297, 210)  # fmt: skip


def test_page_numbers_are_centred_in_the_header_from_page_two(document: Document) -> None:
    main, appendices = document.sections
    assert main.different_first_page_header_footer is True
    assert main.first_page_header.paragraphs[0].text == ""
    number = main.header.paragraphs[0]
    assert number.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert number._p.xpath("./w:fldSimple/@w:instr") == [" PAGE "]
    # the appendices use the same header, on their first page too
    assert appendices.header.is_linked_to_previous is True
    assert appendices.different_first_page_header_footer is False


def test_the_signature_block_lists_recipients_and_the_signer(document: Document) -> None:
    signature = document.tables[1]
    assert cell_lines(signature, 0, 0) == [
        "Nơi nhận:",
        "- Ủy ban nhân dân Quận 3;",
        "- Sở Khoa học và Công nghệ;",
        "- Lưu: VT, VHKHTT.",
    ]
    assert cell_lines(signature, 0, 1) == ["KT. TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG", "Nguyễn Văn An"]
    received = signature.cell(0, 0).paragraphs
    head = received[0].runs[0]
    assert (head.bold, head.italic, head.font.size) == (True, True, Pt(12))
    assert {p.runs[0].font.size for p in received[1:]} == {Pt(11)}
    assert {p.runs[0].bold for p in signature.cell(0, 1).paragraphs} == {True}


def test_the_appendices_hold_every_row_under_a_repeated_header(document: Document) -> None:
    report = district3_report()
    titles = [p.text for p in document.paragraphs if p.text.startswith("Phụ lục")]
    assert titles == [APPENDIX_TASKS, APPENDIX_INDICATORS, APPENDIX_COMPLIANCE]
    attached = [p.text for p in document.paragraphs if p.text.startswith("(Kèm theo")]
    assert attached == ["(Kèm theo Báo cáo số        /BC-VHKHTT ngày 20 tháng 7 năm 2025)"] * 3
    tasks, indicators, compliance = (texts(t) for t in document.tables[2:])
    assert len(document.tables) == 5
    assert (tasks[0], indicators[0], compliance[0]) == (
        TASK_HEADER, INDICATOR_HEADER, COMPLIANCE_HEADER)  # fmt: skip
    assert (len(tasks), len(indicators), len(compliance)) == (1 + 10, 1 + 5, 1 + 12)
    assert tasks[1] == [
        "1",
        "Ban hành và tổ chức triển khai chương trình tuyên truyền thường xuyên, sâu rộng về "
        "nội dung Nghị quyết 57-NQ/TW",
        "Phòng Văn hóa, Khoa học và Thông tin",
        "4/2025",
        "Hoàn thành đúng hạn",
        "Đã ban hành Chương trình số 12/CTr-VHKHTT",
        "1",
    ]
    assert [row[0] for row in tasks[1:]] == [row.number for row in report.tasks]
    assert indicators[1] == [
        "6.1",
        "Tỉ lệ sử dụng dịch vụ công trực tuyến của người dân và doanh nghiệp",
        "%",
        "≥ 80 (2030)",
        "75,5",
        "Đúng lộ trình",
        "2, 6",
    ]
    assert compliance[4] == [
        "4",
        "Phòng Tài nguyên và Môi trường",
        "Trễ 3 ngày",
        "20/05/2025 08:05",
    ]
    assert compliance[5] == ["5", "Phòng Y tế", "Chưa gửi", ""]
    for table in document.tables[2:]:
        header = table.rows[0]
        assert header._tr.xpath("./w:trPr/w:tblHeader") != []
        assert table.style is not None and table.style.name == "Table Grid"
        assert {c.paragraphs[0].runs[0].bold for c in header.cells} == {None}  # by style
        assert {c.paragraphs[0].style.name for c in header.cells} == {"Report Table Header"}


@pytest.mark.parametrize("columns", [TASK_COLUMNS, INDICATOR_COLUMNS, COMPLIANCE_COLUMNS])
def test_each_appendix_table_is_as_wide_as_a_landscape_page(columns: tuple[Column[Any], ...]):
    assert round(sum(column.width for column in columns), 2) == round(LANDSCAPE_WIDTH.cm, 2)


def test_the_sources_are_numbered_at_the_end(document: Document) -> None:
    paragraphs = [p.text for p in document.paragraphs]
    start = paragraphs.index("NGUỒN SỐ LIỆU")
    assert paragraphs[start + 1 :] == [f"[{s.number}] {s.text}" for s in district3_report().sources]


def test_an_empty_report_says_so_instead_of_dropping_parts() -> None:
    document = read(ConsolidatedReport(header=HEADER, period=PERIOD))
    assert body(document) == [
        "I. KẾT QUẢ THỰC HIỆN",
        "Không có.",
        "II. TỒN TẠI, HẠN CHẾ",
        "Không có.",
        "III. PHƯƠNG HƯỚNG, NHIỆM VỤ KỲ TỚI VÀ KIẾN NGHỊ, ĐỀ XUẤT",
        "1. Phương hướng, nhiệm vụ",
        "Không có.",
        "2. Kiến nghị, đề xuất",
        "Không có.",
        "Không có số liệu.",
        "Không có số liệu.",
        "Không có số liệu.",
        "Không có số liệu.",
    ]
    assert len(document.tables) == 2  # header and signature blocks only


def test_it_is_plain_editable_word(document: Document) -> None:
    xml = document.element.xml
    for element in ("w:txbxContent", "w:drawing", "w:pict", "w:object", "w:sdt"):
        assert f"<{element}" not in xml


@pytest.mark.parametrize(
    ("title", "heading"),
    [
        ("II Khẩn trương hoàn thiện thể chế", "1. Khẩn trương hoàn thiện thể chế"),
        ("IV. Phát triển nhân lực", "1. Phát triển nhân lực"),
        ("3) Hạ tầng số", "1. Hạ tầng số"),
        ("Xây dựng chính quyền số", "1. Xây dựng chính quyền số"),
        ("Về hạ tầng", "1. Về hạ tầng"),
    ],
)
def test_a_sections_own_code_gives_way_to_the_reports_numbering(title: str, heading: str) -> None:
    assert section_heading(1, title) == heading


def test_a_100_task_report_is_written_in_under_two_seconds() -> None:
    report = sized_report(tasks=100, indicators=30, units=40)
    build_docx(report)  # warm up
    start = time.perf_counter()
    document = docx.Document(io.BytesIO(build_docx(report)))
    assert time.perf_counter() - start < 2
    assert [len(t.rows) for t in document.tables[2:]] == [101, 31, 41]
