"""Reading DOCX plans: the document becomes the text form the text pipeline already reads."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import OxmlElement
from docx.shared import Pt

from nq57.ingest import parse_bytes, parse_text
from nq57.ingest.docx_reader import docx_to_text, is_docx
from nq57.ingest.model import IngestError

CORRUPT = "Không đọc được tệp DOCX: tệp bị hỏng hoặc không đúng định dạng."
VHKH = "Phòng Văn hóa, Khoa học và Thông tin"


def _save(doc, tmp_path: Path, name: str = "plan.docx") -> bytes:
    path = tmp_path / name
    doc.save(str(path))
    return path.read_bytes()


def _fill(table, rows: list[list[str]]) -> None:
    for r, values in enumerate(rows):
        for c, value in enumerate(values):
            if value:
                table.cell(r, c).text = value


def _merge(table, a: tuple[int, int], b: tuple[int, int], text: str | None = None):
    cell = table.cell(*a).merge(table.cell(*b))
    if text is not None:
        cell.text = text
    return cell


def _task_table(doc) -> None:
    rows = [
        ["STT", "Nội dung nhiệm vụ", "Cơ quan thực hiện", "", "Thời gian hoàn thành"],
        ["", "", "Chủ trì", "Phối hợp", ""],
        ["", "", "", "", ""],
        ["1", "Tuyên truyền Nghị quyết số 57-NQ/TW", "", "Ủy ban nhân dân 10 phường", "Năm 2025"],
        ["2", "Tổ chức hội thảo về chuyển đổi số", "", "Phòng Nội vụ", "Quý II/2025"],
        ["3", "Bồi dưỡng kỹ năng số cho cán bộ", "", "Trung tâm Chính trị", "2025-2030"],
        ["", "", "", "", ""],
        ["4", "Xây dựng cơ sở dữ liệu dùng chung", "", "", "Năm 2026"],
        ["5", "", VHKH, "Công an Quận 3", "Hằng năm"],
    ]
    table = doc.add_table(rows=len(rows), cols=5)
    _fill(table, rows)
    for col in (0, 1, 4):  # two-row header: vertical merges
        _merge(table, (0, col), (1, col), rows[0][col])
    _merge(table, (0, 2), (0, 3), "Cơ quan thực hiện")  # gridSpan over Chủ trì | Phối hợp
    _merge(table, (2, 0), (2, 4), "I. Nâng cao nhận thức về chuyển đổi số")  # section row
    _merge(table, (3, 2), (5, 2), VHKH)  # lead merged down over three tasks
    _merge(table, (6, 0), (6, 4), "II. Phát triển hạ tầng số")
    _merge(table, (7, 2), (7, 3), "Văn phòng Ủy ban nhân dân Quận 3")  # gridSpan over 2 columns
    name = table.cell(8, 1)
    name.text = "Triển khai các nền tảng số:"
    nested = name.add_table(rows=2, cols=1)
    nested.cell(0, 0).text = "Nền tảng họp trực tuyến;"
    nested.cell(1, 0).text = "Nền tảng quản lý văn bản."
    for cell in table.rows[0].cells:  # bold header cells
        for run in cell.paragraphs[0].runs:
            run.bold = True


def _plan_docx(tmp_path: Path) -> bytes:
    doc = Document()
    doc.add_paragraph("ỦY BAN NHÂN DÂN QUẬN 3")
    doc.add_paragraph("Số: 12/KH-UBND")
    doc.add_paragraph("Quận 3, ngày 5 tháng 3 năm 2025")
    doc.add_paragraph().add_run("KẾ HOẠCH").bold = True
    doc.add_paragraph("Triển khai Nghị quyết số 57-NQ/TW trên địa bàn Quận 3")
    doc.add_paragraph(
        "Căn cứ Kế hoạch số 1413/KH-UBND ngày 03 tháng 03 năm 2025 của Ủy ban nhân dân Thành phố;"
    )
    doc.add_paragraph("Ủy ban nhân dân Quận 3 xây dựng kế hoạch thực hiện như sau:")
    doc.add_paragraph("Phụ lục II")
    doc.add_paragraph("DANH MỤC NHIỆM VỤ")
    _task_table(doc)
    doc.add_paragraph("Nơi nhận:")
    return _save(doc, tmp_path)


def test_it_reads_a_plan_with_merged_cells_through_the_whole_pipeline(tmp_path: Path):
    plan = parse_text(docx_to_text(_plan_docx(tmp_path)), "x.docx")
    assert plan.document.number == "12/KH-UBND"
    assert plan.document.date == "2025-03-05"
    assert plan.document.issuer == "Ủy ban nhân dân Quận 3"
    assert plan.document.title == "Triển khai Nghị quyết số 57-NQ/TW trên địa bàn Quận 3"
    assert plan.document.bases == ["1413/KH-UBND"]
    got = [
        (t.appendix, t.number, t.section, t.section_title, t.name, t.lead, t.coordinating,
         t.deadline)
        for t in plan.tasks
    ]  # fmt: skip
    s1, s2 = "Nâng cao nhận thức về chuyển đổi số", "Phát triển hạ tầng số"
    assert got == [
        ("Phụ lục II", "1", "I", s1, "Tuyên truyền Nghị quyết số 57-NQ/TW", VHKH,
         "Ủy ban nhân dân 10 phường", "Năm 2025"),
        ("Phụ lục II", "2", "I", s1, "Tổ chức hội thảo về chuyển đổi số", VHKH, "Phòng Nội vụ",
         "Quý II/2025"),
        ("Phụ lục II", "3", "I", s1, "Bồi dưỡng kỹ năng số cho cán bộ", VHKH,
         "Trung tâm Chính trị", "2025-2030"),
        ("Phụ lục II", "4", "II", s2, "Xây dựng cơ sở dữ liệu dùng chung",
         "Văn phòng Ủy ban nhân dân Quận 3", None, "Năm 2026"),
        ("Phụ lục II", "5", "II", s2,
         "Triển khai các nền tảng số: Nền tảng họp trực tuyến; Nền tảng quản lý văn bản.", VHKH,
         "Công an Quận 3", "Hằng năm"),
    ]  # fmt: skip
    assert plan.warnings == []


def test_it_writes_rows_aligned_with_the_header_and_fills_merged_leads_down(tmp_path: Path):
    lines = docx_to_text(_plan_docx(tmp_path)).split("\n")
    rows = [line.split("\t") for line in lines if "\t" in line]
    assert rows[0] == ["**STT**", "**Nội dung nhiệm vụ**", "**Cơ quan thực hiện**", "",
                       "**Thời gian hoàn thành**"]  # fmt: skip
    assert rows[1] == ["", "", "Chủ trì", "Phối hợp", ""]
    assert rows[2] == ["I. Nâng cao nhận thức về chuyển đổi số", "", "", "", ""]
    assert [r[2] for r in rows[3:6]] == [VHKH, VHKH, VHKH]
    assert rows[7] == ["4", "Xây dựng cơ sở dữ liệu dùng chung",
                       "Văn phòng Ủy ban nhân dân Quận 3", "", "Năm 2026"]  # fmt: skip
    assert all(len(r) == 5 for r in rows)
    assert "**KẾ HOẠCH**" in lines
    assert "Nơi nhận:" in lines


def test_it_reads_targets_per_year_from_an_indicator_table(tmp_path: Path):
    doc = Document()
    doc.add_paragraph("Phụ lục I")
    doc.add_paragraph("CHỈ TIÊU PHÁT TRIỂN CHUYỂN ĐỔI SỐ")
    rows = [
        ["STT", "Chỉ tiêu", "Đơn vị tính", "Năm 2025", "Năm 2030", "Cơ quan chủ trì"],
        ["1", "Tỷ lệ dịch vụ công trực tuyến toàn trình", "%", "80", "100", "Văn phòng UBND"],
        ["2", "Số doanh nghiệp công nghệ số", "Doanh nghiệp", "50", "120", "Phòng Kinh tế"],
    ]
    table = doc.add_table(rows=3, cols=6)
    _fill(table, rows)
    plan = parse_text(docx_to_text(_save(doc, tmp_path)), "x.docx")
    got = [(i.appendix, i.code, i.name, i.unit, i.targets, i.lead) for i in plan.indicators]
    assert got == [
        ("Phụ lục I", "1", "Tỷ lệ dịch vụ công trực tuyến toàn trình", "%",
         {"2025": "80", "2030": "100"}, "Văn phòng UBND"),
        ("Phụ lục I", "2", "Số doanh nghiệp công nghệ số", "Doanh nghiệp",
         {"2025": "50", "2030": "120"}, "Phòng Kinh tế"),
    ]  # fmt: skip
    assert plan.tasks == []


def test_a_group_row_merged_across_an_indicator_table_is_not_a_second_header(tmp_path: Path):
    # 'I Đến năm 2030' right under the header, one cell across the table: its year names the
    # milestone of the 'Kết quả' column; it is not a sub-header turning 'STT' into a year column.
    doc = Document()
    doc.add_paragraph("Phụ lục I")
    rows = [
        ["STT", "Chỉ tiêu", "Đơn vị", "Kết quả", "Cơ quan chủ trì theo dõi, đánh giá"],
        ["", "", "", "", ""],
        ["1.1", "Tỷ lệ sử dụng dịch vụ công trực tuyến", "%", "≥ 80", "Văn phòng UBND"],
    ]
    table = doc.add_table(rows=3, cols=5)
    _fill(table, rows)
    _merge(table, (1, 0), (1, 4), "I Đến năm 2030")
    plan = parse_text(docx_to_text(_save(doc, tmp_path)), "x.docx")
    got = [(i.group, i.code, i.unit, i.targets, i.lead) for i in plan.indicators]
    assert got == [("I Đến năm 2030", "1.1", "%", {"2030": "≥ 80"}, "Văn phòng UBND")]


def test_it_reads_the_letterhead_table_as_lines(tmp_path: Path):
    doc = Document()
    head = doc.add_table(rows=1, cols=2)
    head.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nQUẬN 3"
    head.cell(0, 0).add_paragraph("Số: 7/KH-UBND")
    head.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    head.cell(0, 1).add_paragraph("Quận 3, ngày 9 tháng 4 năm 2025")
    doc.add_paragraph("Ủy ban nhân dân Quận 3 xây dựng kế hoạch như sau:")
    table = doc.add_table(rows=2, cols=5)
    _fill(
        table,
        [
            ["STT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"],
            ["1", "Số hóa hồ sơ", "Văn phòng", "Các phòng", "2025"],
        ],
    )
    text = docx_to_text(_save(doc, tmp_path))
    assert text.split("\n")[:3] == ["ỦY BAN NHÂN DÂN QUẬN 3", "", "Số: 7/KH-UBND"]
    plan = parse_text(text, "x.docx")
    assert (plan.document.number, plan.document.date) == ("7/KH-UBND", "2025-04-09")
    assert [(t.number, t.name, t.lead) for t in plan.tasks] == [("1", "Số hóa hồ sơ", "Văn phòng")]


def test_it_collapses_whitespace_and_converts_legacy_font_runs(tmp_path: Path):
    doc = Document()
    doc.add_paragraph("Kế   hoạch\tthực hiện")
    run = doc.add_paragraph().add_run("Uû ban nh©n d©n")
    run.font.name = ".VnTime"
    run.font.size = Pt(13)
    lines = [line for line in docx_to_text(_save(doc, tmp_path)).split("\n") if line]
    assert lines == ["Kế hoạch thực hiện", "Uỷ ban nhân dân"]


def test_it_does_not_fill_down_from_a_row_marked_as_header(tmp_path: Path):
    doc = Document()
    table = doc.add_table(rows=3, cols=4)
    _fill(table, [["Số", "Việc", "Nơi", "Hạn"], ["", "", "", ""], ["1", "Việc A", "B", "2025"]])
    _merge(table, (0, 2), (1, 2), "Nơi")
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    rows = [r.split("\t") for r in docx_to_text(_save(doc, tmp_path)).split("\n") if r]
    assert rows == [["Số", "Việc", "Nơi", "Hạn"], ["1", "Việc A", "B", "2025"]]


def test_it_converts_text_whose_paragraph_style_uses_a_legacy_font(tmp_path: Path):
    doc = Document()
    doc.styles["Normal"].font.name = ".VnTime"
    doc.add_paragraph("Uû ban nh©n d©n")
    assert docx_to_text(_save(doc, tmp_path)).strip() == "Uỷ ban nhân dân"


def test_it_keeps_numbered_list_paragraphs_without_their_number(tmp_path: Path):
    doc = Document()
    doc.add_paragraph("Tuyên truyền sâu rộng", style="List Number")
    assert docx_to_text(_save(doc, tmp_path)).strip() == "Tuyên truyền sâu rộng"


def test_it_tells_which_bytes_are_a_docx(tmp_path: Path):
    doc = Document()
    doc.add_paragraph("Kế hoạch")
    assert is_docx(_save(doc, tmp_path)) is True
    assert is_docx(_zip({"xl/workbook.xml": "<x/>"})) is False
    assert is_docx(b"Plain text") is False
    assert is_docx(b"") is False
    assert is_docx(b"PK\x03\x04broken") is False


def _zip(entries: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        _zip({"word/other.xml": "<x/>"}),
        b"PK\x03\x04" + b"\x00" * 40,
        b"not a zip at all",
        _zip({"word/document.xml": "<not xml"}),
    ],
    ids=["no-document-xml", "broken-zip", "not-zip", "bad-xml"],
)
def test_it_refuses_corrupt_files_with_a_vietnamese_message(data: bytes):
    with pytest.raises(IngestError) as error:
        docx_to_text(data)
    assert error.value.message == CORRUPT


def test_it_refuses_a_truncated_docx(tmp_path: Path):
    doc = Document()
    doc.add_paragraph("Kế hoạch")
    data = _save(doc, tmp_path)
    with pytest.raises(IngestError) as error:
        docx_to_text(data[: len(data) // 2])
    assert error.value.message == CORRUPT


def test_it_refuses_a_password_protected_file():
    magic = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    ole = magic + b"\x00" * 100 + "EncryptedPackage".encode("utf-16-le")
    with pytest.raises(IngestError) as error:
        docx_to_text(ole)
    assert error.value.message == (
        "Tệp DOCX được bảo vệ bằng mật khẩu (mã hóa); hãy gỡ mật khẩu rồi tải lên lại."
    )


@pytest.mark.parametrize(
    ("name", "stream", "words"),
    [
        ("ke-hoach.docx", "EncryptedPackage", "mật khẩu"),  # Word's 'Encrypt with password'
        ("ke-hoach.doc", "WordDocument", "định dạng cũ (.doc"),  # Word 97-2003
    ],
)
def test_an_upload_in_an_ole_container_is_refused_for_what_it_is(name, stream, words):
    magic = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    data = magic + b"\x00" * 500 + stream.encode("utf-16-le") + b"\x00" * 500
    with pytest.raises(IngestError) as error:
        parse_bytes(data, name)
    assert words in error.value.message


def test_it_refuses_a_docx_without_text(tmp_path: Path):
    doc = Document()
    doc.add_paragraph("   ")
    with pytest.raises(IngestError) as error:
        docx_to_text(_save(doc, tmp_path))
    assert error.value.message == "Tệp DOCX không có nội dung văn bản nào."


def test_it_refuses_a_zip_bomb(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    from nq57.ingest import docx_reader

    monkeypatch.setattr(docx_reader, "MAX_DOCUMENT_XML", 100)
    doc = Document()
    doc.add_paragraph("Kế hoạch " * 50)
    with pytest.raises(IngestError) as error:
        docx_to_text(_save(doc, tmp_path))
    assert "quá lớn" in error.value.message


def test_it_converts_300_task_rows_quickly(tmp_path: Path):
    doc = Document()
    doc.add_paragraph("Phụ lục")
    table = doc.add_table(rows=301, cols=5)
    header = ["STT", "Tên nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian"]
    for c, label in enumerate(header):
        table.cell(0, c).text = label
    for r in range(1, 301):
        cells = table.rows[r].cells
        for c, value in enumerate([str(r), f"Nhiệm vụ số {r}", VHKH, "Các phòng", "2025"]):
            cells[c].text = value
    data = _save(doc, tmp_path)
    start = time.perf_counter()
    text = docx_to_text(data)
    elapsed = time.perf_counter() - start
    assert elapsed < 2.0
    plan = parse_text(text, "x.docx")
    assert len(plan.tasks) == 300
    assert plan.tasks[-1].name == "Nhiệm vụ số 300"
