"""Tables that officers upload (lists of units, of accounts): CSV or XLSX → rows of text.

Pure Python. Headers are matched after folding ('Tên đơn vị' = 'ten don vi'), so a sheet
typed with or without diacritics reads the same. CSV may be UTF-8 (with or without BOM) or
UTF-16, separated by ',', ';' or tabs (Excel in Vietnamese locales writes ';').
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Mapping

from nq57.lib.vntext import fold

MAX_ROWS = 20_000


class TabularError(Exception):
    """An unreadable table; `message` is Vietnamese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


Columns = Mapping[str, tuple[str, ...]]


def read_table(
    data: bytes, columns: Columns, optional: Columns | None = None
) -> list[dict[str, str]]:
    """Rows as {column key: cell text}; `columns` maps each key to its accepted header names.

    The first row holding a header for every key of `columns` is the header; keys of
    `optional` are read when that row has them. Entirely empty rows are skipped.
    """
    grid = _xlsx_rows(data) if data.startswith(b"PK") else _csv_rows(data)
    wanted = {key: {fold(name) for name in names} for key, names in columns.items()}
    extra = {key: {fold(name) for name in names} for key, names in (optional or {}).items()}
    for index, row in enumerate(grid[:20]):
        found = _header_positions(row, wanted)
        if found is not None:
            found.update(_header_positions(row, extra, complete=False) or {})
            return _records(grid[index + 1 :], found)
    names = ", ".join(f"«{names[0]}»" for names in columns.values())
    raise TabularError(f"Không tìm thấy dòng tiêu đề; bảng cần có các cột {names}.")


def _header_positions(
    row: list[str], wanted: dict[str, set[str]], *, complete: bool = True
) -> dict[str, int] | None:
    positions: dict[str, int] = {}
    for column, cell in enumerate(row):
        key = next((k for k, names in wanted.items() if fold(cell) in names), None)
        if key is not None and key not in positions:
            positions[key] = column
    return positions if len(positions) == len(wanted) or not complete else None


def _records(rows: list[list[str]], positions: dict[str, int]) -> list[dict[str, str]]:
    if len(rows) > MAX_ROWS:
        raise TabularError(f"Bảng có quá nhiều dòng (tối đa {MAX_ROWS:,}).".replace(",", "."))
    records = []
    for row in rows:
        cells = {k: (row[i] if i < len(row) else "").strip() for k, i in positions.items()}
        if any(cells.values()):
            records.append(cells)
    return records


def _csv_rows(data: bytes) -> list[list[str]]:
    text = _decode(data)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [list(row) for row in csv.reader(io.StringIO(text), dialect)]


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise TabularError(
            "Tệp CSV không ở mã UTF-8; hãy lưu lại bằng «CSV UTF-8» hoặc dùng tệp Excel (.xlsx)."
        ) from error


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook  # .xlsx uploads only

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise TabularError(
            "Không đọc được tệp Excel: tệp bị hỏng hoặc không phải .xlsx."
        ) from error
    sheet = book.worksheets[0]
    rows = [
        ["" if value is None else str(value) for value in row]
        for row in sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 50)
    ]
    book.close()
    return rows
