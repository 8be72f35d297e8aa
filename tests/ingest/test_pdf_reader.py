"""Reading PDF plans: the pages become the text form the text pipeline already reads."""

from __future__ import annotations

import io
import time
from collections.abc import Callable

import pdfplumber
import pytest
from reportlab.lib import colors  # type: ignore[import-untyped]
from reportlab.lib.pagesizes import A4  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.lib.units import cm  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]
from reportlab.pdfgen import canvas  # type: ignore[import-untyped]
from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle  # type: ignore[import-untyped]

from nq57.ingest import parse_text
from nq57.ingest.model import IngestError
from nq57.ingest.pdf_reader import is_pdf, pdf_to_text

pdfmetrics.registerFont(TTFont("DejaVuSans", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"))

CORRUPT = "Không đọc được tệp PDF: tệp bị hỏng hoặc không đúng định dạng."
SCANNED = (
    "Tệp PDF này là bản quét (ảnh), không có lớp chữ; hệ thống chưa hỗ trợ nhận dạng chữ (OCR). "
    "Hãy dùng bản DOCX hoặc PDF xuất trực tiếp từ Word."
)
TEXT = ParagraphStyle("text", fontName="DejaVuSans", fontSize=11, leading=14, spaceAfter=8)
CELL = ParagraphStyle("cell", fontName="DejaVuSans", fontSize=9, leading=11)
HEADER = ["STT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]
LEADS = ["Phòng Văn hóa, Khoa học và Thông tin", "Phòng Nội vụ", "Văn phòng Ủy ban nhân dân Quận 3"]
DEADLINES = ["Năm 2025", "Quý II/2025", "Hằng năm", "2025-2030"]
SECTIONS = {1: ("I", "Nâng cao nhận thức về chuyển đổi số"), 34: ("II", "Phát triển hạ tầng số")}
N_TASKS = 66


def _task(i: int) -> tuple[str, str, str, str, str]:
    name = f"Nhiệm vụ {i}: triển khai nội dung chuyển đổi số trên địa bàn"
    if i % 5 == 0:
        name += " gồm số hóa hồ sơ, dữ liệu dùng chung, nền tảng họp trực tuyến và quản lý văn bản"
    coordinating = "Các phòng, ban, đơn vị Quận; Ủy ban nhân dân 10 phường"
    if i % 4 == 0:
        coordinating += "; Công an Quận 3; Trung tâm Chính trị Quận 3; Hội Liên hiệp Phụ nữ Quận"
    return str(i), name, LEADS[i % 3], coordinating, DEADLINES[i % 4]


def _cells(values: list[str]) -> list[Paragraph | str]:
    return [Paragraph(v, CELL) if v else "" for v in values]


def _task_rows() -> list[list[Paragraph | str]]:
    rows = [_cells(HEADER)]
    for i in range(1, N_TASKS + 1):
        if i in SECTIONS:
            rows.append(_cells([f"{SECTIONS[i][0]}.", SECTIONS[i][1], "", "", ""]))
        rows.append(_cells(list(_task(i))))
    return rows


def _grid(rows: list[list[Paragraph | str]], widths: list[float]) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1, splitInRow=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def _footer(pdf: canvas.Canvas, _doc: object) -> None:
    pdf.setFont("DejaVuSans", 9)
    pdf.drawCentredString(A4[0] / 2, 1.2 * cm, f"- {pdf.getPageNumber()} -")
    pdf.drawString(2 * cm, A4[1] - 1.2 * cm, "Kế hoạch thực hiện Nghị quyết 57 - Quận 3")


def _build(story: list[object], on_page: Callable[..., None] = _footer) -> bytes:
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, topMargin=2 * cm, bottomMargin=2 * cm)
    doc.build(story, onFirstPage=on_page, onLaterPages=on_page)
    return out.getvalue()


def _plan_pdf() -> bytes:
    lines = [
        "ỦY BAN NHÂN DÂN QUẬN 3",
        "Số: 12/KH-UBND",
        "Quận 3, ngày 5 tháng 3 năm 2025",
        "KẾ HOẠCH",
        "Triển khai Nghị quyết số 57-NQ/TW trên địa bàn Quận 3",
        "Căn cứ Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị về đột phá "
        "phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia;",
        "Ủy ban nhân dân Quận 3 xây dựng kế hoạch thực hiện như sau:",
        "Phụ lục II",
        "DANH MỤC NHIỆM VỤ",
    ]
    story: list[object] = [Paragraph(line, TEXT) for line in lines]
    story.append(_grid(_task_rows(), [1.2 * cm, 5.2 * cm, 3.4 * cm, 4 * cm, 2.6 * cm]))
    story += [Spacer(1, 12), Paragraph("Nơi nhận:", TEXT)]
    return _build(story)


@pytest.fixture(scope="module")
def plan_text() -> str:
    return pdf_to_text(_plan_pdf())


def test_it_reads_every_task_of_a_table_spanning_pages_through_the_pipeline(plan_text: str):
    plan = parse_text(plan_text, "x.pdf")
    got = [
        (t.appendix, t.section, t.section_title, t.number, t.name, t.lead, t.coordinating,
         t.deadline)
        for t in plan.tasks
    ]  # fmt: skip
    expected = []
    section: tuple[str, str] = SECTIONS[1]
    for i in range(1, N_TASKS + 1):
        section = SECTIONS.get(i, section)
        expected.append(("Phụ lục II", *section, *_task(i)))
    assert got == expected
    assert plan.indicators == []


def test_it_reads_the_document_header(plan_text: str):
    plan = parse_text(plan_text, "x.pdf")
    assert plan.document.number == "12/KH-UBND"
    assert plan.document.date == "2025-03-05"
    assert plan.document.issuer == "Ủy ban nhân dân Quận 3"
    assert plan.document.title == "Triển khai Nghị quyết số 57-NQ/TW trên địa bàn Quận 3"
    assert plan.document.bases == ["57-NQ/TW"]


def test_it_spans_several_pages_and_repeats_the_header(plan_text: str):
    rows = [line.split("\t") for line in plan_text.split("\n") if "\t" in line]
    assert all(len(row) == 5 for row in rows)
    assert sum(row == HEADER for row in rows) >= 3  # header repeated on each page


def test_it_passes_a_row_split_across_a_page_break_to_the_pipeline():
    # What Word prints when a row breaks over a page: the rest of it, first cell empty, under the
    # repeated header on the next page (reportlab's splitInRow does not split these rows).
    first = [
        HEADER,
        ["1", "Việc một", "Phòng Nội vụ", "Các phòng", "2025"],
        ["2", "Xây dựng cơ sở dữ liệu", "Văn phòng Ủy ban", "Công an Quận 3;", "Năm"],
    ]
    rest = [HEADER, ["", "dùng chung của Quận", "nhân dân Quận 3", "Các phường", "2026"],
            ["3", "Việc ba", "Phòng Nội vụ", "Các phòng", "2027"]]  # fmt: skip
    widths = [1.2 * cm, 5.2 * cm, 3.4 * cm, 4 * cm, 2.6 * cm]
    story: list[object] = [Paragraph("Phụ lục II", TEXT), Spacer(1, 500)]
    story += [_grid([_cells(r) for r in first], widths), PageBreak()]
    story += [_grid([_cells(r) for r in rest], widths), Paragraph("Nơi nhận:", TEXT)]
    text = pdf_to_text(_build(story))
    rows = [line for line in text.split("\n") if line][1:-1]
    assert rows == ["\t".join(r) for r in first + rest]
    plan = parse_text(text, "x.pdf")
    assert [(t.number, t.name, t.lead, t.coordinating, t.deadline) for t in plan.tasks] == [
        ("1", "Việc một", "Phòng Nội vụ", "Các phòng", "2025"),
        ("2", "Xây dựng cơ sở dữ liệu dùng chung của Quận", "Văn phòng Ủy ban nhân dân Quận 3",
         "Công an Quận 3; Các phường", "Năm 2026"),
        ("3", "Việc ba", "Phòng Nội vụ", "Các phòng", "2027"),
    ]  # fmt: skip


def test_it_drops_page_numbers_and_running_headers(plan_text: str):
    lines = plan_text.split("\n")
    assert not [line for line in lines if line.strip().startswith("- ")]
    assert "Kế hoạch thực hiện Nghị quyết 57 - Quận 3" not in plan_text
    assert lines[:3] == ["ỦY BAN NHÂN DÂN QUẬN 3", "", "Số: 12/KH-UBND"]
    assert "Phụ lục II" in lines
    assert "Nơi nhận:" in lines


def test_it_emits_the_pages_tables_without_lines_between_them(plan_text: str):
    lines = [line for line in plan_text.split("\n") if line]
    first = next(i for i, line in enumerate(lines) if "\t" in line)
    last = max(i for i, line in enumerate(lines) if "\t" in line)
    assert all("\t" in line for line in lines[first : last + 1])


def test_it_reads_targets_per_year_from_an_indicator_table():
    rows = [
        ["STT", "Chỉ tiêu", "Đơn vị tính", "Năm 2025", "Năm 2030", "Cơ quan chủ trì"],
        ["1", "Tỷ lệ dịch vụ công trực tuyến toàn trình", "%", "80", "100", "Văn phòng UBND"],
        ["2", "Số doanh nghiệp công nghệ số", "Doanh nghiệp", "50", "120", "Phòng Kinh tế"],
    ]
    story: list[object] = [
        Paragraph("Phụ lục I", TEXT),
        Paragraph("CHỈ TIÊU PHÁT TRIỂN CHUYỂN ĐỔI SỐ", TEXT),
        _grid([_cells(r) for r in rows], [1 * cm, 5.5 * cm, 2.4 * cm, 2 * cm, 2 * cm, 3.6 * cm]),
    ]
    plan = parse_text(pdf_to_text(_build(story)), "x.pdf")
    got = [(i.appendix, i.code, i.name, i.unit, i.targets, i.lead) for i in plan.indicators]
    assert got == [
        ("Phụ lục I", "1", "Tỷ lệ dịch vụ công trực tuyến toàn trình", "%",
         {"2025": "80", "2030": "100"}, "Văn phòng UBND"),
        ("Phụ lục I", "2", "Số doanh nghiệp công nghệ số", "Doanh nghiệp",
         {"2025": "50", "2030": "120"}, "Phòng Kinh tế"),
    ]  # fmt: skip
    assert plan.tasks == []


def _canvas_pdf(draw: Callable[[canvas.Canvas], None], **kwargs: object) -> bytes:
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4, **kwargs)
    draw(pdf)
    pdf.showPage()
    pdf.save()
    return out.getvalue()


def test_it_refuses_a_scanned_pdf_without_a_text_layer():
    def draw(pdf: canvas.Canvas) -> None:
        pdf.setFillColor(colors.grey)
        pdf.rect(2 * cm, 2 * cm, 15 * cm, 24 * cm, fill=1)

    with pytest.raises(IngestError) as error:
        pdf_to_text(_canvas_pdf(draw))
    assert error.value.message == SCANNED


def test_it_refuses_a_scanned_pdf_made_of_an_image():
    from PIL import Image
    from reportlab.lib.utils import ImageReader  # type: ignore[import-untyped]

    image = Image.new("L", (200, 280), color=230)

    def draw(pdf: canvas.Canvas) -> None:
        pdf.drawImage(ImageReader(image), 0, 0, width=A4[0], height=A4[1])

    with pytest.raises(IngestError) as error:
        pdf_to_text(_canvas_pdf(draw))
    assert error.value.message == SCANNED


def test_it_refuses_corrupt_bytes():
    for data in (b"%PDF-1.7\n garbage garbage", b"not a pdf at all", _plan_pdf()[:2000]):
        with pytest.raises(IngestError) as error:
            pdf_to_text(data)
        assert error.value.message == CORRUPT


def test_it_refuses_a_pdf_locked_with_a_password():
    from reportlab.lib.pdfencrypt import StandardEncryption  # type: ignore[import-untyped]

    def draw(pdf: canvas.Canvas) -> None:
        pdf.setFont("DejaVuSans", 12)
        pdf.drawString(72, 700, "Bí mật")

    data = _canvas_pdf(draw, encrypt=StandardEncryption("matkhau", canPrint=0))
    with pytest.raises(IngestError) as error:
        pdf_to_text(data)
    assert "mật khẩu" in error.value.message


def test_it_recognises_pdf_bytes():
    assert is_pdf(b"%PDF-1.7\n...")
    assert is_pdf(b"\xef\xbb\xbf  \r\n%PDF-1.4")
    assert is_pdf(b" " * 1000 + b"%PDF-1.4")
    assert not is_pdf(b" " * 1100 + b"%PDF-1.4")
    assert not is_pdf(b"PK\x03\x04 word/document.xml")
    assert not is_pdf(b"")
    assert not is_pdf("Số: 12/KH-UBND %PDF-".encode())


def test_it_drops_lines_that_are_only_a_page_number():
    def draw(pdf: canvas.Canvas) -> None:
        pdf.setFont("DejaVuSans", 11)
        pdf.drawString(72, 800, "Trang 3")
        pdf.drawString(72, 700, "Ủy ban nhân dân Quận 3 xây dựng kế hoạch")
        pdf.drawString(72, 660, "2")
        pdf.drawString(72, 600, "Nhiệm vụ trọng tâm năm 2025")
        pdf.drawString(290, 40, "12")

    lines = [line for line in pdf_to_text(_canvas_pdf(draw)).split("\n") if line]
    assert lines == ["Ủy ban nhân dân Quận 3 xây dựng kế hoạch", "2", "Nhiệm vụ trọng tâm năm 2025"]


def test_it_converts_ten_pages_of_table_quickly():
    rows = [_cells(HEADER)] + [_cells(list(_task(i))) for i in range(1, 200)]
    data = _build([_grid(rows, [1.2 * cm, 5.2 * cm, 3.4 * cm, 4 * cm, 2.6 * cm])])
    start = time.perf_counter()
    text = pdf_to_text(data)
    elapsed = time.perf_counter() - start
    assert text.count("\t") > 199 * 4
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) >= 10
    assert elapsed < 5, elapsed


def test_it_keeps_plain_paragraphs_as_text_lines():
    def draw(pdf: canvas.Canvas) -> None:
        pdf.setFont("DejaVuSans", 11)
        for r in range(6):
            pdf.drawString(72, 760 - 16 * r, f"Dòng văn bản thứ {r + 1} của kế hoạch chuyển đổi số")

    text = pdf_to_text(_canvas_pdf(draw))
    assert "\t" not in text
    assert len(text.split("\n")) == 6
