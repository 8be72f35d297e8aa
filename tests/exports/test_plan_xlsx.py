"""The XLSX export, read back with openpyxl cell by cell."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from typing import Any

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook

from nq57.exports.plan_json import plan_json
from nq57.exports.plan_xlsx import plan_xlsx
from nq57.plans.models import Plan
from nq57.plans.queries import plan_detail
from tests.conftest import ParsedPlanBuilder, World
from tests.exports.helpers import SEEDS, district3_plan, import_seed

TASK_HEADERS = (
    "Mã định danh",
    "Phụ lục",
    "Mục",
    "Tên mục",
    "STT",
    "Nội dung nhiệm vụ",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Đơn vị chủ trì (danh mục)",
    "Đơn vị phối hợp (danh mục)",
    "Thời gian hoàn thành",
    "Loại thời hạn",
    "Hạn hoàn thành",
    "Sản phẩm đầu ra",
)
INDICATOR_HEADERS = (
    "Mã định danh",
    "Phụ lục",
    "Nhóm",
    "Nhóm con",
    "STT",
    "Tên chỉ tiêu",
    "Đơn vị tính",
    "Mốc 2025",
    "Mốc 2030",
    "Kết quả",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Đơn vị chủ trì (danh mục)",
    "Đơn vị phối hợp (danh mục)",
    "Sản phẩm đầu ra",
    "Loại số liệu",
    "Cách tổng hợp",
)


def workbook(plan: Plan) -> Workbook:
    return openpyxl.load_workbook(io.BytesIO(plan_xlsx(plan_detail(plan.pk))))


def rows(book: Workbook, sheet: str) -> list[tuple[Any, ...]]:
    return list(book[sheet].iter_rows(values_only=True))


def test_it_writes_three_sheets_tasks_first(world: World, parsed_plan: ParsedPlanBuilder) -> None:
    book = workbook(district3_plan(parsed_plan))
    assert book.sheetnames == ["Nhiệm vụ", "Chỉ tiêu", "Thông tin"]
    assert book.active is not None and book.active.title == "Nhiệm vụ"


def test_it_writes_one_row_per_task_in_plan_order(
    world: World, parsed_plan: ParsedPlanBuilder
) -> None:
    plan = district3_plan(parsed_plan)
    first, second = plan.tasks.order_by("order")
    assert rows(workbook(plan), "Nhiệm vụ") == [
        TASK_HEADERS,
        (
            first.pk,
            "Phụ lục II",
            "I",
            "Tổ chức thực hiện tốt công tác quán triệt và tuyên truyền",
            "1",
            "Ban hành chương trình tuyên truyền về nội dung Nghị quyết 57-NQ/TW.",
            "Phòng Văn hóa, Khoa học và Thông tin",
            "Ban Tuyên giáo và Dân vận Quận ủy, Trung tâm Chính trị Quận 3",
            "Phòng Văn hóa, Khoa học và Thông tin",
            "Ban Tuyên giáo và Dân vận Quận ủy\nTrung tâm Chính trị Quận 3",
            "6/2025",
            "Cuối kỳ",
            datetime(2025, 6, 30),
            "Chương trình tuyên truyền",
        ),
        (
            second.pk,
            "Phụ lục II",
            "II",
            "Phát triển hạ tầng số",
            "2",
            "=SUM(A1:A9) không phải công thức",
            "Phòng Tư pháp",
            None,
            "Phòng Tư pháp",
            None,
            "Thường xuyên",
            "Thường xuyên",
            None,
            None,
        ),
    ]


def test_it_writes_due_dates_as_real_dates_and_formula_like_text_as_text(
    world: World, parsed_plan: ParsedPlanBuilder
) -> None:
    data = plan_xlsx(plan_detail(district3_plan(parsed_plan).pk))
    sheet = openpyxl.load_workbook(io.BytesIO(data))["Nhiệm vụ"]
    due = sheet["M2"]
    assert (due.value, due.number_format) == (datetime(2025, 6, 30), "dd/mm/yyyy")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert re.search(r'<c r="M2" s="\d+"><v>45838</v></c>', xml)  # a serial number: 30/06/2025
    assert (sheet["F3"].data_type, sheet["F3"].value) == ("s", "=SUM(A1:A9) không phải công thức")
    assert sheet["A2"].data_type == "n"


def test_it_writes_one_column_per_milestone_by_year(
    world: World, parsed_plan: ParsedPlanBuilder
) -> None:
    plan = district3_plan(parsed_plan)
    first, second = plan.indicators.order_by("order")
    assert rows(workbook(plan), "Chỉ tiêu") == [
        INDICATOR_HEADERS,
        (
            first.pk,
            "Phụ lục I",
            "I Đến năm 2030",
            None,
            "1.1",
            "Tỷ lệ sử dụng dịch vụ công trực tuyến của người dân và doanh nghiệp",
            "%",
            None,
            "≥ 80",
            None,
            "Văn phòng UBND Quận chủ trì phối hợp Các cơ quan, đơn vị Ủy ban nhân dân 10 phường",
            None,
            "Văn phòng Ủy ban nhân dân Quận",
            "Các cơ quan, đơn vị\nỦy ban nhân dân 10 phường",
            None,
            "Tỷ lệ %",
            "Trung bình",
        ),
        (
            second.pk,
            "Phụ lục I",
            "I Đến năm 2030",
            None,
            "1.2",
            "Xếp hạng chỉ số chuyển đổi số",
            None,
            "≥ 60",
            None,
            "Tiên tiến, hiện đại",
            "Phòng Văn hóa, Khoa học và Thông tin",
            None,
            "Phòng Văn hóa, Khoa học và Thông tin",
            None,
            None,
            "Giá trị số",
            "Không tổng hợp",
        ),
    ]


def test_it_writes_the_document_header(world: World, parsed_plan: ParsedPlanBuilder) -> None:
    plan = district3_plan(parsed_plan)
    assert rows(workbook(plan), "Thông tin") == [
        ("Thông tin", "Nội dung"),
        ("Mã định danh", plan.pk),
        ("Số, ký hiệu", "91/KH-UBND"),
        ("Cơ quan ban hành", "Ủy ban nhân dân Quận 3"),
        ("Ngày ban hành", datetime(2025, 3, 24)),
        ("Cấp", "Quận/Huyện"),
        ("Trích yếu", "Triển khai thực hiện Chương trình hành động số 63-CTrHĐ/TU"),
        ("Văn bản căn cứ", "Nghị quyết số 57-NQ/TW\n63-CTrHĐ/TU"),
        ("Trạng thái", "Đã ban hành"),
        ("Tệp nguồn", "91.docx"),
        ("SHA-256 tệp nguồn", plan.source_sha256),
        ("Số nhiệm vụ", 2),
        ("Số chỉ tiêu", 2),
    ]


@pytest.mark.parametrize(("sheet", "last"), [("Nhiệm vụ", "N3"), ("Chỉ tiêu", "Q3")])
def test_lists_have_a_frozen_filtered_header_and_wrapped_cells(
    world: World, parsed_plan: ParsedPlanBuilder, sheet: str, last: str
) -> None:
    page = workbook(district3_plan(parsed_plan))[sheet]
    assert page.freeze_panes == "A2"
    assert page.auto_filter.ref == f"A1:{last}"
    assert page.print_title_rows == "$1:$1"
    assert (page.page_setup.orientation, page.page_setup.paperSize) == ("landscape", 9)
    header, cell = page["A1"], page["F2"]
    assert (header.font.b, header.alignment.wrap_text) == (True, True)
    assert (cell.alignment.wrap_text, cell.alignment.vertical) == (True, "top")


def test_columns_have_widths_for_their_content(
    world: World, parsed_plan: ParsedPlanBuilder
) -> None:
    book = workbook(district3_plan(parsed_plan))
    tasks, indicators = book["Nhiệm vụ"], book["Chỉ tiêu"]
    widths = {col: round(tasks.column_dimensions[col].width) for col in "ACFGM"}
    assert widths == {"A": 10, "C": 7, "F": 61, "G": 29, "M": 14}
    assert round(indicators.column_dimensions["F"].width) == 51
    assert round(book["Thông tin"].column_dimensions["B"].width) == 91


@pytest.mark.django_db
def test_it_writes_every_record_of_a_plan_with_several_appendices_in_order() -> None:
    seed = next(s for s in SEEDS if s.name.startswith("002"))
    plan = import_seed(seed)
    data = plan_json(plan_detail(plan.pk))
    book = workbook(plan)
    tasks, indicators = rows(book, "Nhiệm vụ")[1:], rows(book, "Chỉ tiêu")[1:]
    assert [(r[0], r[1], r[2], r[5]) for r in tasks] == [
        (t["id"], t["appendix"], t["section"], t["name"]) for t in data["tasks"]
    ]
    assert [(r[0], r[1], r[5]) for r in indicators] == [
        (i["id"], i["appendix"], i["name"]) for i in data["indicators"]
    ]
    assert len({r[1] for r in tasks + indicators}) > 1


def test_it_builds_from_the_loaded_plan_without_queries(
    world: World, parsed_plan: ParsedPlanBuilder, django_assert_num_queries: Any
) -> None:
    plan = plan_detail(district3_plan(parsed_plan).pk)
    with django_assert_num_queries(0):
        plan_xlsx(plan)
