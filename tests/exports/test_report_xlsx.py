"""The consolidated report as XLSX, read back with openpyxl cell by cell."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from typing import Any

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook

from nq57.exports.report_model import ConsolidatedReport, TaskRow
from nq57.exports.report_xlsx import build_xlsx
from tests.exports.report_fixture import HEADER, PERIOD, district3_report

SHEETS = ["Tổng hợp", "Nhiệm vụ", "Chỉ tiêu", "Gửi báo cáo", "Nguồn"]
HEADERS = {
    "Nhiệm vụ": ("STT", "Nhiệm vụ", "Đơn vị chủ trì", "Thời hạn", "Tình trạng", "Kết quả", "Nguồn"),
    "Chỉ tiêu": ("Mã", "Chỉ tiêu", "Đơn vị tính", "Chỉ tiêu kỳ", "Kết quả", "Đánh giá", "Nguồn"),
    "Gửi báo cáo": ("STT", "Đơn vị", "Tình trạng", "Thời điểm gửi"),
    "Nguồn": ("STT", "Nguồn"),
}


def load(data: bytes) -> Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


@pytest.fixture(scope="module")
def data() -> bytes:
    return build_xlsx(district3_report())


@pytest.fixture(scope="module")
def book(data: bytes) -> Workbook:
    return load(data)


def rows(book: Workbook, sheet: str) -> list[tuple[Any, ...]]:
    return list(book[sheet].iter_rows(values_only=True))


def test_it_has_the_summary_and_one_sheet_per_appendix(book: Workbook) -> None:
    assert book.sheetnames == SHEETS


@pytest.mark.parametrize("sheet", list(HEADERS))
def test_each_table_has_a_frozen_filtered_header_and_wrapped_cells(
    book: Workbook, sheet: str
) -> None:
    table = book[sheet]
    assert rows(book, sheet)[0] == HEADERS[sheet]
    assert table.freeze_panes == "A2"
    last = openpyxl.utils.get_column_letter(len(HEADERS[sheet]))
    assert table.auto_filter.ref == f"A1:{last}{table.max_row}"
    assert table["B2"].alignment.wrap_text is True
    assert table.column_dimensions["B"].width >= 35
    assert table.print_title_rows == "$1:$1"  # the header on every printed page


def test_every_row_of_the_report_is_there_exactly(book: Workbook) -> None:
    report = district3_report()
    tasks, indicators = rows(book, "Nhiệm vụ"), rows(book, "Chỉ tiêu")
    compliance, sources = rows(book, "Gửi báo cáo"), rows(book, "Nguồn")
    assert [len(t) - 1 for t in (tasks, indicators, compliance, sources)] == [10, 5, 12, 6]
    assert tasks[6] == (
        "11",
        "Đổi mới quy định quản lý nhiệm vụ khoa học công nghệ cấp quận, cấp cơ sở sử dụng "
        "ngân sách nhà nước",
        "Phòng Văn hóa, Khoa học và Thông tin",
        "2025",
        "Trong hạn (40%)",
        "Đang lấy ý kiến dự thảo quy định",
        "1",
    )
    assert tasks[4][5:] == (None, None)  # nothing reported, no source
    assert indicators[3] == (
        "6.3", "Tỉ lệ số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "%", "100 (2030)",
        "61,25", "Chậm", "4, 5")  # fmt: skip
    assert compliance[4] == (
        4, "Phòng Tài nguyên và Môi trường", "Trễ 3 ngày", datetime(2025, 5, 20, 8, 5))  # fmt: skip
    assert compliance[5] == (5, "Phòng Y tế", "Chưa gửi", None)
    assert book["Gửi báo cáo"]["D2"].number_format == "dd/mm/yyyy hh:mm"
    assert sources[1:] == [(s.number, s.text) for s in report.sources]


def test_the_summary_gives_the_header_facts_and_the_counts(book: Workbook) -> None:
    assert rows(book, "Tổng hợp") == [
        ("Thông tin", "Nội dung"),
        ("Cơ quan chủ quản", "ỦY BAN NHÂN DÂN QUẬN 3"),
        ("Cơ quan ban hành", "PHÒNG VĂN HÓA, KHOA HỌC VÀ THÔNG TIN"),
        ("Số, ký hiệu", "/BC-VHKHTT"),
        ("Địa danh", "Quận 3"),
        ("Ngày", datetime(2025, 7, 20)),
        ("Loại văn bản", "BÁO CÁO"),
        ("Trích yếu", HEADER.summary),
        ("Kỳ báo cáo", "6 tháng đầu năm 2025"),
        ("Số nhiệm vụ", 10),
        ("Số chỉ tiêu", 5),
        ("Số đơn vị phải báo cáo", 12),
        ("Số đơn vị đã gửi báo cáo", 10),
        ("Số nguồn số liệu", 6),
        (None, None),
        ("Tình trạng nhiệm vụ", "Số nhiệm vụ"),
        ("Định kỳ, thường xuyên", 4),
        ("Hoàn thành đúng hạn", 2),
        ("Quá hạn", 2),
        ("Hoàn thành trễ hạn", 1),
        ("Trong hạn", 1),  # 'Trong hạn (40%)'
        (None, None),
        ("Đánh giá chỉ tiêu", "Số chỉ tiêu"),
        ("Đúng lộ trình", 1),
        ("Đạt", 1),
        ("Chậm", 1),
        ("Chưa có số liệu", 1),
        ("Cần đánh giá", 1),
        (None, None),
        ("Gửi báo cáo", "Số đơn vị"),
        ("Đúng hạn", 9),
        ("Chưa gửi", 2),
        ("Trễ hạn", 1),  # 'Trễ 3 ngày'
    ]
    assert book["Tổng hợp"]["B6"].number_format == "dd/mm/yyyy"


def test_the_summary_charts_task_statuses_and_indicator_achievements(
    book: Workbook, data: bytes
) -> None:
    assert len(book["Tổng hợp"]._charts) == 2
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        charts = [archive.read(f"xl/charts/chart{n}.xml").decode() for n in (1, 2)]
    assert [re.findall(r"<a:t>([^<]+)</a:t>", chart) for chart in charts] == [
        ["Tình trạng nhiệm vụ"], ["Đánh giá chỉ tiêu"]]  # fmt: skip
    assert [re.findall(r"<c:f>([^<]+)</c:f>", chart) for chart in charts] == [
        ["'Tổng hợp'!$A$17:$A$21", "'Tổng hợp'!$B$17:$B$21"],
        ["'Tổng hợp'!$A$24:$A$28", "'Tổng hợp'!$B$24:$B$28"],
    ]
    assert all('<c:barDir val="bar"/>' in chart for chart in charts)


def test_an_empty_report_has_headers_no_rows_and_no_chart() -> None:
    book = load(build_xlsx(ConsolidatedReport(header=HEADER, period=PERIOD)))
    for sheet, header in HEADERS.items():
        assert rows(book, sheet) == [header]
    summary = rows(book, "Tổng hợp")
    assert summary[15:] == [
        ("Tình trạng nhiệm vụ", "Số nhiệm vụ"),
        ("Không có số liệu.", None),
        (None, None),
        ("Đánh giá chỉ tiêu", "Số chỉ tiêu"),
        ("Không có số liệu.", None),
        (None, None),
        ("Gửi báo cáo", "Số đơn vị"),
        ("Không có số liệu.", None),
    ]
    assert book["Tổng hợp"]._charts == []


def test_text_that_looks_like_a_formula_stays_text() -> None:
    task = TaskRow("1", "=SUM(A1:A9) không phải công thức", "Phòng Tư pháp", "2025", "Quá hạn", "")
    book = load(build_xlsx(ConsolidatedReport(header=HEADER, period=PERIOD, tasks=(task,))))
    cell = book["Nhiệm vụ"]["B2"]
    assert (cell.value, cell.data_type) == ("=SUM(A1:A9) không phải công thức", "s")


def test_the_report_day_is_a_real_date(book: Workbook) -> None:
    value = book["Tổng hợp"]["B6"].value
    assert isinstance(value, datetime) and value.date() == date(2025, 7, 20)
