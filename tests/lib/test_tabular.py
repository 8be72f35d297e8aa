"""Reading uploaded CSV/XLSX tables by header meaning."""

from __future__ import annotations

import io

import pytest
from openpyxl import Workbook

from nq57.lib.tabular import TabularError, read_table

COLUMNS = {"name": ("Tên đơn vị", "Tên"), "parent": ("Đơn vị cấp trên", "Cấp trên")}


def test_it_reads_a_semicolon_csv_with_bom_and_headers_without_diacritics():
    data = "\ufeffSTT;Ten don vi;Don vi cap tren\n1;Phòng Tư pháp;Ủy ban nhân dân Quận 3\n;;\n"
    rows = read_table(data.encode("utf-8"), COLUMNS)
    assert rows == [{"name": "Phòng Tư pháp", "parent": "Ủy ban nhân dân Quận 3"}]


def test_it_reads_the_first_sheet_of_an_xlsx_below_a_title_row():
    book = Workbook()
    sheet = book.active
    sheet.append(["DANH SÁCH ĐƠN VỊ"])
    sheet.append(["Tên đơn vị", "Cấp trên"])
    sheet.append(["Phòng Y tế", "Ủy ban nhân dân Quận 3"])
    sheet.append([None, None])
    buffer = io.BytesIO()
    book.save(buffer)
    assert read_table(buffer.getvalue(), COLUMNS) == [
        {"name": "Phòng Y tế", "parent": "Ủy ban nhân dân Quận 3"}
    ]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"a,b\n1,2\n", "Không tìm thấy dòng tiêu đề; bảng cần có các cột «Tên đơn vị»"),
        ("Ten don vi,Cap tren\nPh\xf2ng\n".encode("latin-1"), "không ở mã UTF-8"),
        (b"PK\x03\x04broken", "Không đọc được tệp Excel"),
    ],
)
def test_it_refuses_unreadable_tables_in_vietnamese(data: bytes, message: str):
    with pytest.raises(TabularError, match=message):
        read_table(data, COLUMNS)
