"""Reading PDF plans: the pages become the text form the text pipeline already reads."""

from __future__ import annotations

import io
import time
from collections.abc import Callable
from pathlib import Path

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

from nq57.ingest import parse_bytes, parse_text, pdf_reader
from nq57.ingest.model import IngestError
from nq57.ingest.pdf_reader import is_pdf, pdf_to_text
from nq57.ingest.pdf_tables import RowInfo, fill_merged, join_lines
from tests.fixtures.build_documents import LONG_TASKS, long_pdf, long_section, long_task

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


def test_it_joins_a_row_split_across_a_page_break():
    # What Word prints when a row breaks over a page: the rest of it, first cell empty, under the
    # repeated header on the next page (reportlab's splitInRow does not split these rows). The
    # reader puts the two parts together, as they were one row in the document.
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
    joined = ["2", "Xây dựng cơ sở dữ liệu dùng chung của Quận", "Văn phòng Ủy ban nhân dân Quận 3",
              "Công an Quận 3; Các phường", "Năm 2026"]  # fmt: skip
    assert rows == ["\t".join(r) for r in [*first[:2], joined, HEADER, rest[2]]]
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


# --------------------------------------------------------------------------- merged cells


def test_it_fills_a_lead_cell_merged_down_into_every_task_it_covers():
    rows = [_cells(HEADER)] + [_cells(list(_task(i))) for i in range(1, 5)]
    table = _grid(rows, [1.2 * cm, 5.2 * cm, 3.4 * cm, 4 * cm, 2.6 * cm])
    table.setStyle(TableStyle([("SPAN", (2, 1), (2, 3)), ("VALIGN", (2, 1), (2, 3), "MIDDLE")]))
    plan = parse_text(pdf_to_text(_build([Paragraph("Phụ lục II", TEXT), table])), "x.pdf")
    assert [t.lead for t in plan.tasks] == [LEADS[1]] * 3 + [LEADS[4 % 3]]


def _info(pages: list[int], records: list[bool]) -> RowInfo:
    return RowInfo(pages, records, [set() for _ in pages])


def test_a_merged_cell_cut_by_a_page_break_holds_on_the_next_page():
    # page 1: tasks 1-2 share the lead; page 2: the rest of task 2 (split row), then task 3 under
    # the same merged cell, its text printed on page 1 only
    table: list[list[str | None]] = [
        ["1", "Việc một", "Sở Nội vụ"],
        ["2", "Việc hai", None],
        ["", "(tiếp)", ""],
        ["3", "Việc ba", None],
        ["4", "Việc bốn", "Sở Tài chính"],
    ]
    fill_merged(table, _info([1, 1, 2, 2, 2], [True, True, False, True, True]), set())
    assert [row[2] for row in table] == ["Sở Nội vụ", "Sở Nội vụ", "", "Sở Nội vụ", "Sở Tài chính"]


def test_a_merged_cell_centred_on_the_next_page_fills_the_rows_above_the_break():
    table: list[list[str | None]] = [
        ["1", "Việc một", ""],
        ["2", "Việc hai", None],
        ["3", "Việc ba", "Sở Nội vụ"],
        ["4", "Việc bốn", None],
    ]
    fill_merged(table, _info([1, 1, 2, 2], [True] * 4), set())
    assert [row[2] for row in table] == ["Sở Nội vụ"] * 4


def test_an_empty_cell_after_a_page_break_stays_empty_unless_it_is_the_lead():
    def table() -> list[list[str | None]]:
        return [["1", "Việc một", "Sở Nội vụ"], ["2", "Việc hai", ""]]

    coordinating = table()
    fill_merged(coordinating, _info([1, 2], [True, True]), set())
    assert coordinating[1][2] == ""  # partners are often left empty
    lead = table()
    fill_merged(lead, _info([1, 2], [True, True]), {2})
    assert lead[1][2] == "Sở Nội vụ"  # a plan never leaves the lead empty: it was merged


def test_a_section_row_across_the_table_is_never_part_of_a_merged_cell():
    table: list[list[str | None]] = [
        ["1", "Việc một", "Sở Nội vụ"],
        ["2", "Việc hai", None],
        ["II. Phát triển hạ tầng số", "", ""],
        ["3", "Việc ba", "Sở Tài chính"],
    ]
    info = RowInfo([1, 1, 2, 2], [True] * 4, [set(), set(), {1, 2}, set()])
    fill_merged(table, info, {2})
    assert [row[2] for row in table] == ["Sở Nội vụ", "Sở Nội vụ", "", "Sở Tài chính"]


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["Sở Khoa học", "và Công nghệ"], "Sở Khoa học và Công nghệ"),
        (["2025-", "2030"], "2025-2030"),
        (["kinh tế -", "xã hội"], "kinh tế - xã hội"),
        (["100", "0"], "1000"),
        (["Năm 2025", "Quý II"], "Năm 2025 Quý II"),
    ],
)
def test_it_joins_the_printed_lines_of_a_cell(lines: list[str], joined: str):
    assert join_lines(lines) == joined


# --------------------------------------------------------------------------- unruled tables

HEAD = ParagraphStyle("head", fontName="DejaVuSans-Bold", fontSize=9, leading=11)
pdfmetrics.registerFont(
    TTFont("DejaVuSans-Bold", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")
)


def _unruled(rows: list[list[Paragraph | str]], spans: list[int], header: bool = True) -> Table:
    style = [("VALIGN", (0, 0), (-1, -1), "TOP")]
    style += [("SPAN", (0, row), (-1, row)) for row in spans]
    table = Table(rows, colWidths=[1.2 * cm, 5.2 * cm, 3.4 * cm, 4 * cm, 2.6 * cm],
                  repeatRows=1 if header else 0)  # fmt: skip
    table.setStyle(TableStyle(style))
    return table


def _unruled_plan_pdf(repeat_header: bool = True) -> bytes:
    rows: list[list[Paragraph | str]] = [[Paragraph(h, HEAD) for h in HEADER]]
    spans = []
    for i in range(1, N_TASKS + 1):
        if i in SECTIONS:
            spans.append(len(rows))
            rows.append([Paragraph(f"{SECTIONS[i][0]}. {SECTIONS[i][1]}", CELL), "", "", "", ""])
        rows.append(_cells(list(_task(i))))
    story: list[object] = [Paragraph("Phụ lục II", TEXT), Paragraph("DANH MỤC NHIỆM VỤ", TEXT)]
    story += [_unruled(rows, spans, repeat_header), Spacer(1, 12), Paragraph("Nơi nhận:", TEXT)]
    return _build(story)


def _expected_tasks() -> list[tuple[str, ...]]:
    expected = []
    section: tuple[str, str] = SECTIONS[1]
    for i in range(1, N_TASKS + 1):
        section = SECTIONS.get(i, section)
        expected.append((section[0], *_task(i)))
    return expected


@pytest.mark.parametrize("repeat_header", [True, False], ids=["header-repeated", "header-once"])
def test_it_reads_a_table_printed_without_ruling_lines(repeat_header: bool):
    text = pdf_to_text(_unruled_plan_pdf(repeat_header))
    plan = parse_text(text, "x.pdf")
    got = [(t.section, t.number, t.name, t.lead, t.coordinating, t.deadline) for t in plan.tasks]
    assert got == _expected_tasks()
    assert "Nơi nhận:" in text.split("\n")  # the text under the table is not a row
    with pdfplumber.open(io.BytesIO(_unruled_plan_pdf(repeat_header))) as pdf:
        assert len(pdf.pages) >= 3 and not pdf.pages[0].lines


def test_it_finds_the_columns_of_an_unruled_indicator_table_with_a_two_line_header():
    header = ["STT", "Chỉ tiêu", "Đơn vị tính", "Mục tiêu đến năm 2030", "Cơ quan chủ trì theo dõi"]
    rows = [[Paragraph(h, HEAD) for h in header]]
    data = [
        ["1", "Tỷ lệ dịch vụ công trực tuyến toàn trình trên tổng số thủ tục hành chính", "%",
         "≥ 80", "Văn phòng Ủy ban nhân dân"],
        ["2", "Số doanh nghiệp công nghệ số", "Doanh nghiệp", "120", "Phòng Kinh tế"],
        ["3", "Phủ sóng 5G cho người dân", "% dân số", "99", "Phòng Văn hóa và Thông tin"],
    ]  # fmt: skip
    rows += [_cells(r) for r in data]
    story: list[object] = [Paragraph("Phụ lục I", TEXT), _unruled(rows, [])]
    plan = parse_text(pdf_to_text(_build(story)), "x.pdf")
    got = [(i.code, i.name, i.unit, i.targets, i.lead) for i in plan.indicators]
    assert got == [(r[0], r[1], r[2], {"2030": r[3]}, r[4]) for r in data]


# --------------------------------------------------------------------------- page furniture


def test_it_drops_the_official_gazettes_running_header_and_page_numbers():
    def header(pdf: canvas.Canvas, _doc: object) -> None:
        page = pdf.getPageNumber() + 40
        pdf.setFont("DejaVuSans", 9)
        running = "CÔNG BÁO/Số 123 + 124/Ngày 15-3-2025"
        if page % 2:
            pdf.drawString(2 * cm, A4[1] - 1.2 * cm, f"{running}")
            pdf.drawRightString(A4[0] - 2 * cm, A4[1] - 1.2 * cm, str(page))
        else:
            pdf.drawString(2 * cm, A4[1] - 1.2 * cm, str(page))
            pdf.drawRightString(A4[0] - 2 * cm, A4[1] - 1.2 * cm, running)

    rows = [_cells(HEADER)] + [_cells(list(_task(i))) for i in range(1, 40)]
    story = [
        Paragraph("Phụ lục II", TEXT),
        _grid(rows, [1.2 * cm, 5.2 * cm, 3.4 * cm, 4 * cm, 2.6 * cm]),
    ]
    text = pdf_to_text(_build(story, header))
    assert "CÔNG BÁO" not in text
    assert not [line for line in text.split("\n") if line.strip().isdigit()]
    assert len(parse_text(text, "x.pdf").tasks) == 39


def test_it_drops_a_gazette_header_even_on_a_single_page():
    def draw(pdf: canvas.Canvas) -> None:
        pdf.setFont("DejaVuSans", 9)
        pdf.drawString(72, 800, "17 CÔNG BÁO/Số 18/Ngày 18-01-2026")
        pdf.setFont("DejaVuSans", 11)
        pdf.drawString(72, 700, "Ủy ban nhân dân tỉnh ban hành kế hoạch")

    assert pdf_to_text(_canvas_pdf(draw)) == "Ủy ban nhân dân tỉnh ban hành kế hoạch"


def test_it_reads_the_letterhead_printed_side_by_side_as_two_lines():
    def draw(pdf: canvas.Canvas) -> None:
        pdf.setFont("DejaVuSans", 12)
        pdf.drawString(60, 760, "Số: 91/KH-UBND")
        pdf.drawString(300, 760, "Quận 3, ngày 24 tháng 3 năm 2025")

    lines = pdf_to_text(_canvas_pdf(draw)).split("\n")
    assert lines == ["Số: 91/KH-UBND", "Quận 3, ngày 24 tháng 3 năm 2025"]


def test_it_joins_the_lines_of_a_paragraph_running_across_the_page():
    words = (
        "Căn cứ Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị về đột phá "
        "phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia;"
    )
    story = [Paragraph(words, TEXT), Paragraph("- Mục một của kế hoạch;", TEXT)]
    lines = [line for line in pdf_to_text(_build(story, lambda *_: None)).split("\n") if line]
    assert lines == [words, "- Mục một của kế hoạch;"]


# --------------------------------------------------------------------------- long files

CACHE = Path(__file__).resolve().parents[2] / "var" / "test-cache" / "documents"


def test_it_reads_a_200_page_table_in_bounded_time():
    data = long_pdf(CACHE)
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) >= 200
    start = time.perf_counter()
    plan = parse_bytes(data, "dai.pdf")
    elapsed = time.perf_counter() - start
    got = [[t.number, t.name, t.lead, t.coordinating, t.deadline, t.section] for t in plan.tasks]
    assert got == [[*long_task(i), long_section(i)] for i in range(1, LONG_TASKS + 1)]
    assert elapsed < 30, elapsed  # about 7 s on an idle 2-core machine


def test_it_refuses_a_pdf_over_the_page_limit(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(pdf_reader, "MAX_PAGES", 3)

    def draw(pdf: canvas.Canvas) -> None:
        for page in range(4):
            pdf.setFont("DejaVuSans", 11)
            pdf.drawString(72, 700, f"Trang nội dung {page}")
            pdf.showPage()

    with pytest.raises(IngestError) as error:
        pdf_to_text(_canvas_pdf(draw))
    assert error.value.message == pdf_reader.TOO_MANY_PAGES
    assert "500 trang" in error.value.message
