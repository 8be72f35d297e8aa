"""The document header: number, date, issuer, level, title and cited documents."""

from __future__ import annotations

import pytest

from nq57.ingest.document import level_of, read_document
from nq57.lib.docnumbers import find_doc_numbers, normalize_doc_number


def read(text: str):
    return read_document(text.split("\n"), "x.txt")


def test_it_reads_the_number_date_title_issuer_and_bases_of_a_header_block():
    doc = read(
        "\n".join(
            [
                "Số: 91 /KH-UBND",
                "",
                "Quận 3, ngày 24 tháng 3 năm 2025",
                "## KẾ HOẠCH",
                "Triển khai thực hiện Chương trình hành động số 63-CTrHĐ/TU",
                "",
                "Căn cứ Nghị quyết số 03/NQ-CP ngày 09 tháng 01 năm 2025 thực hiện "
                "Nghị quyết số 57-NQ/TW;",
                "Thực hiện Kế hoạch số 1413/KH-UBND ngày 03 tháng 3 năm 2025 về "
                "Chương trình 63-CTrHĐ/TU;",
                "Ủy ban nhân dân Quận 3 xây dựng kế hoạch triển khai thực hiện như sau:",
                "### I. MỤC ĐÍCH YÊU CẦU:",
                "Thực hiện Quyết định số 70/2024/QĐ-UBND.",
            ]
        )
    )
    assert doc.number == "91/KH-UBND"
    assert doc.date == "2025-03-24"
    assert doc.title == "Triển khai thực hiện Chương trình hành động số 63-CTrHĐ/TU"
    assert doc.issuer == "Ủy ban nhân dân Quận 3"
    assert doc.level == "district"
    assert doc.bases == ["03/NQ-CP", "57-NQ/TW", "1413/KH-UBND", "63-CTrHĐ/TU"]


def test_it_leaves_the_number_and_date_of_a_draft_empty():
    doc = read("Số: /KH-UBND\n\nChí Minh, ngày tháng năm 2026\n\nKẾ HOẠCH\n\nThực hiện kế hoạch")
    assert doc.number is None
    assert doc.date is None


def test_it_takes_number_date_and_issuer_from_an_appendix_caption_and_completes_the_place():
    doc = read(
        "\n".join(
            [
                "## KẾ HOẠCH",
                "**Thực hiện Chương trình hành động số 63-CTrHĐ/TU**",
                "",
                "Ủy ban nhân dân huyện xây dựng Kế hoạch thực hiện như sau:",
                "- Huyện ủy huyện Củ Chi;",
                "Phụ lục I",
                "(Đính kèm Kế hoạch số 3228/KH-UBND ngày 15 tháng 4 năm 2025 "
                "của Ủy ban nhân dân huyện)",
                "STT\tChỉ tiêu\tĐơn vị\tKết quả",
            ]
        )
    )
    assert doc.number == "3228/KH-UBND"
    assert doc.date == "2025-04-15"
    assert doc.issuer == "Ủy ban nhân dân huyện Củ Chi"
    assert doc.title == "Thực hiện Chương trình hành động số 63-CTrHĐ/TU"


def test_it_classifies_the_level_of_an_issuer():
    assert level_of("Ủy ban nhân dân xã Chí Minh") == "commune"
    assert level_of("Ủy ban nhân dân Quận 3") == "district"
    assert level_of("Ban Thường vụ Thành ủy Thành phố Hồ Chí Minh") == "city"
    assert level_of("Ủy ban nhân dân tỉnh Lâm Đồng") == "province"
    assert level_of("Bộ Khoa học và Công nghệ") == "central"
    assert level_of(None) is None


def test_it_finds_document_numbers_in_order_without_dates():
    text = (
        "Nghị quyết số 193/2025/QH15, 57-NQ/TW ngày 22/12/2024, 01-CV/BCĐTW và lại 57-NQ/TW; 3/2025"
    )
    assert find_doc_numbers(text) == ["193/2025/QH15", "57-NQ/TW", "01-CV/BCĐTW"]
    assert normalize_doc_number("63/CTrHĐ/TU") == normalize_doc_number("63-CTrHĐ/TU")
    assert normalize_doc_number("Nghị quyết số 57-NQ/TW") == "57-NQ/TW"


@pytest.mark.parametrize(
    ("letterhead", "issuer"),
    [
        (["ỦY BAN NHÂN DÂN QUẬN 3"], "Ủy ban nhân dân Quận 3"),
        (["ỦY BAN NHÂN DÂN", "HUYỆN CỦ CHI"], "Ủy ban nhân dân huyện Củ Chi"),
        (
            [
                "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "TỈNH BẮC NINH\tĐộc lập - Tự do",
            ],
            "Ủy ban nhân dân tỉnh Bắc Ninh",
        ),
        (["UBND THÀNH PHỐ HÀ NỘI"], "Ủy ban nhân dân Thành phố Hà Nội"),
        (["BỘ KHOA HỌC VÀ CÔNG NGHỆ"], "Bộ Khoa học và Công nghệ"),
        (["ỦY BAN NHÂN DÂN", "XÃ CHÍ MINH"], "Ủy ban nhân dân xã Chí Minh"),
    ],
)
def test_it_takes_the_issuer_from_the_letterhead_when_the_text_does_not_name_it(
    letterhead: list[str], issuer: str
):
    lines = [
        *letterhead,
        "Số: 12/KH-UBND",
        "ngày 5 tháng 3 năm 2025",
        "KẾ HOẠCH",
        "Về chuyển đổi số",
    ]
    assert read_document(lines).issuer == issuer
