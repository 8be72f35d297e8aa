"""Tables in an XLSX sheet (XlsxWriter), shared by the plan export and the consolidated report:
one bold header row, frozen and filterable, a cell per column filled by a function of the row,
typed cells (dates, date-times and whole numbers as such; text always as text, never a
formula), printed on A4 landscape one page wide with the header on every page."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

A4 = 9
DATE_FORMAT = "dd/mm/yyyy"

Cell = str | int | date | datetime | None
Row = TypeVar("Row")


@dataclass(frozen=True)
class Column(Generic[Row]):
    """A column: its Vietnamese header, its width in characters and how a row fills it."""

    header: str
    width: float
    value: Callable[[Row], Cell]


@dataclass(frozen=True)
class Styles:
    header: Any
    text: Any
    number: Any
    date: Any
    moment: Any  # a date and time
    label: Any  # bold text (the labels of a facts table)


def table_styles(workbook: Workbook, date_align: str = "center") -> Styles:
    """The cell formats of the tables, added to `workbook`."""
    cell = {"text_wrap": True, "valign": "top", "border": 1}
    header = {"bold": True, "text_wrap": True, "align": "center", "valign": "vcenter"}
    return Styles(
        header=workbook.add_format({**header, "border": 1, "bg_color": "#DDEBF7"}),
        text=workbook.add_format(cell),
        number=workbook.add_format({**cell, "align": "center"}),
        date=workbook.add_format({**cell, "num_format": DATE_FORMAT, "align": date_align}),
        moment=workbook.add_format({**cell, "num_format": "dd/mm/yyyy hh:mm", "align": "center"}),
        label=workbook.add_format({**cell, "bold": True}),
    )


def write_table(
    sheet: Worksheet,
    styles: Styles,
    columns: Sequence[Column[Row]],
    rows: Sequence[Row],
    *,
    autofilter: bool = True,
) -> None:
    """The header row, then one row per item, then the sheet's print set-up."""
    for col, column in enumerate(columns):
        sheet.set_column(col, col, column.width)
        sheet.write_string(0, col, column.header, styles.header)
    for line, row in enumerate(rows, start=1):
        for col, column in enumerate(columns):
            write_cell(sheet, line, col, column.value(row), styles)
    sheet.freeze_panes(1, 0)
    if autofilter:
        sheet.autofilter(0, 0, len(rows), len(columns) - 1)
    page_setup(sheet)


def write_cell(sheet: Worksheet, row: int, col: int, value: Cell, styles: Styles) -> None:
    if value is None or value == "":
        sheet.write_blank(row, col, None, styles.text)
    elif isinstance(value, datetime):
        sheet.write_datetime(row, col, value, styles.moment)
    elif isinstance(value, date):
        sheet.write_datetime(row, col, value, styles.date)
    elif isinstance(value, int):
        sheet.write_number(row, col, value, styles.number)
    else:
        sheet.write_string(row, col, value, styles.text)


def page_setup(sheet: Worksheet) -> None:
    """Print on A4 landscape, as wide as one page, with the header row on every page."""
    sheet.set_landscape()
    sheet.set_paper(A4)
    sheet.repeat_rows(0)
    sheet.fit_to_pages(1, 0)
