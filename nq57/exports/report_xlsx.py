"""The consolidated report as an XLSX workbook (XlsxWriter, as the plan export). Pure.

Sheets:
- 'Tổng hợp': the header facts (body, number, place, day, period, summary, counts), then how
  many tasks stand in each status, how many indicators in each achievement and how many units
  sent on time, late or not at all, with a native bar chart of the first two;
- 'Nhiệm vụ', 'Chỉ tiêu', 'Gửi báo cáo': the appendices of the Word document, same columns;
- 'Nguồn': the numbered sources the 'Nguồn' columns point to.
Each table has one frozen, filterable header row, wrapped text, and prints on A4 landscape
with its header on every page. Text is always written as text (never a formula).
"""

from __future__ import annotations

import io
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import xlsxwriter
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from nq57.exports import report_docx as layout
from nq57.exports.report_model import ConsolidatedReport, Source
from nq57.exports.xlsx_tables import (
    A4,
    Cell,
    Column,
    Row,
    Styles,
    table_styles,
    write_cell,
    write_table,
)

SUMMARY_SHEET = "Tổng hợp"
TASK_SHEET = "Nhiệm vụ"
INDICATOR_SHEET = "Chỉ tiêu"
COMPLIANCE_SHEET = "Gửi báo cáo"
SOURCE_SHEET = "Nguồn"
LOWER_TASK_SHEET = "Cấp dưới - nhiệm vụ"
LOWER_INDICATOR_SHEET = "Cấp dưới - chỉ tiêu"
TASK_STATUS = ("Tình trạng nhiệm vụ", "Số nhiệm vụ")
ACHIEVEMENT = ("Đánh giá chỉ tiêu", "Số chỉ tiêu")
SENDING = ("Gửi báo cáo", "Số đơn vị")
CHARS_PER_CM = 5.0
SENT_FORMAT = "%d/%m/%Y %H:%M"

_PERCENT = re.compile(r"\s*\(\s*\d+(?:[.,]\d+)?\s*%\s*\)$")  # 'Trong hạn (40%)'
_LATE = re.compile(r"^Trễ\b", re.IGNORECASE)  # 'Trễ 3 ngày'


def build_xlsx(report: ConsolidatedReport) -> bytes:
    """The workbook as XLSX bytes."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    styles = table_styles(workbook, date_align="left")
    summary = workbook.add_worksheet(SUMMARY_SHEET)
    tasks, indicators = _from_layout(layout.TASK_COLUMNS), _from_layout(layout.INDICATOR_COLUMNS)
    write_table(workbook.add_worksheet(TASK_SHEET), styles, tasks, report.tasks)
    write_table(workbook.add_worksheet(INDICATOR_SHEET), styles, indicators, report.indicators)
    compliance = layout.numbered(report.compliance)
    write_table(workbook.add_worksheet(COMPLIANCE_SHEET), styles, COMPLIANCE_COLUMNS, compliance)
    if report.lower_tasks or report.lower_indicators:  # Phụ lục 4, as in the Word file
        lower = _from_layout(layout.LOWER_TASK_COLUMNS)
        write_table(workbook.add_worksheet(LOWER_TASK_SHEET), styles, lower, report.lower_tasks)
        lower_values = _from_layout(layout.LOWER_INDICATOR_COLUMNS)
        write_table(workbook.add_worksheet(LOWER_INDICATOR_SHEET), styles, lower_values,
                    report.lower_indicators)  # fmt: skip
    write_table(workbook.add_worksheet(SOURCE_SHEET), styles, SOURCE_COLUMNS, report.sources)
    _summary(workbook, summary, styles, report)
    workbook.set_properties(
        {
            "title": f"{report.header.kind.capitalize()} {report.header.summary}"[:250],
            "subject": report.period,
            "author": report.header.body,
        }
    )
    workbook.close()
    return buffer.getvalue()


def task_status_counts(report: ConsolidatedReport) -> list[tuple[str, int]]:
    """Tasks per status, the percentage left out ('Trong hạn (40%)' counts as 'Trong hạn')."""
    return _counts(_PERCENT.sub("", row.status) for row in report.tasks)


def achievement_counts(report: ConsolidatedReport) -> list[tuple[str, int]]:
    return _counts(row.achievement for row in report.indicators)


def sending_counts(report: ConsolidatedReport) -> list[tuple[str, int]]:
    """Units that sent on time, late ('Trễ 3 ngày' counts as 'Trễ hạn') or not at all."""
    return _counts(
        "Trễ hạn" if _LATE.match(row.status) else row.status for row in report.compliance
    )


def _counts(labels: Iterable[str]) -> list[tuple[str, int]]:
    """Most frequent first; ties in order of first appearance."""
    return Counter(label.strip() or "Không rõ" for label in labels).most_common()


# --- formats and tables -----------------------------------------------------------------------


def _from_layout(columns: Sequence[layout.Column[Row]]) -> list[Column[Row]]:
    """The Word appendix's columns, their widths turned from cm into characters."""
    return [Column(c.header, min(round(c.width * CHARS_PER_CM), 60), c.value) for c in columns]


def _sent(row: layout.Numbered) -> Cell:
    """'12/05/2025 09:00' as a real date and time ('' stays empty; other text stays text)."""
    try:
        return datetime.strptime(row.row.sent.strip(), SENT_FORMAT)
    except ValueError:
        return row.row.sent


COMPLIANCE_COLUMNS: tuple[Column[layout.Numbered], ...] = (
    Column("STT", 7, lambda r: r.number),
    Column("Đơn vị", 55, lambda r: r.row.unit),
    Column("Tình trạng", 18, lambda r: r.row.status),
    Column("Thời điểm gửi", 18, _sent),
)
SOURCE_COLUMNS: tuple[Column[Source], ...] = (
    Column("STT", 7, lambda s: s.number),
    Column("Nguồn", 110, lambda s: s.text),
)


# --- 'Tổng hợp' -------------------------------------------------------------------------------


def _summary(
    workbook: Workbook, sheet: Worksheet, styles: Styles, report: ConsolidatedReport
) -> None:
    """Facts, then the three count tables; a bar chart beside the first two."""
    sheet.set_column(0, 0, 30)
    sheet.set_column(1, 1, 70)
    sheet.write_string(0, 0, "Thông tin", styles.header)
    sheet.write_string(0, 1, "Nội dung", styles.header)
    facts = _facts(report)
    for line, (label, value) in enumerate(facts, start=1):
        sheet.write_string(line, 0, label, styles.label)
        write_cell(sheet, line, 1, value, styles)
    row = len(facts) + 2
    charts = []
    for heads, counts in (
        (TASK_STATUS, task_status_counts(report)),
        (ACHIEVEMENT, achievement_counts(report)),
        (SENDING, sending_counts(report)),
    ):
        charts.append((heads, row, counts))
        row = _count_table(sheet, styles, row, heads, counts) + 1
    for place, (heads, first, counts) in zip(("D2", "D20"), charts[:2], strict=True):
        if counts:
            sheet.insert_chart(place, _bar_chart(workbook, heads, first, len(counts)))
    sheet.freeze_panes(1, 0)
    sheet.set_portrait()
    sheet.set_paper(A4)
    sheet.fit_to_pages(1, 0)


def _facts(report: ConsolidatedReport) -> list[tuple[str, Cell]]:
    header = report.header
    sent = sum(1 for row in report.compliance if row.sent.strip())
    return [
        ("Cơ quan chủ quản", header.parent_body),
        ("Cơ quan ban hành", header.body),
        ("Số, ký hiệu", layout.bare_number(header).strip()),
        ("Địa danh", header.place),
        ("Ngày", header.day),
        ("Loại văn bản", header.kind),
        ("Trích yếu", header.summary),
        ("Kỳ báo cáo", report.period),
        ("Số nhiệm vụ", len(report.tasks)),
        ("Số chỉ tiêu", len(report.indicators)),
        ("Số đơn vị phải báo cáo", len(report.compliance)),
        ("Số đơn vị đã gửi báo cáo", sent),
        ("Số nguồn số liệu", len(report.sources)),
    ]


def _count_table(
    sheet: Worksheet,
    styles: Styles,
    row: int,
    heads: tuple[str, str],
    counts: Sequence[tuple[str, int]],
) -> int:
    """The table at `row`; returns the row after it ('Không có số liệu.' when empty)."""
    sheet.write_string(row, 0, heads[0], styles.header)
    sheet.write_string(row, 1, heads[1], styles.header)
    if not counts:
        sheet.write_string(row + 1, 0, layout.NO_DATA, styles.text)
        sheet.write_blank(row + 1, 1, None, styles.text)
        return row + 2
    for line, (label, count) in enumerate(counts, start=row + 1):
        sheet.write_string(line, 0, label, styles.text)
        sheet.write_number(line, 1, count, styles.number)
    return row + 1 + len(counts)


def _bar_chart(workbook: Workbook, heads: tuple[str, str], row: int, size: int) -> Any:
    """Horizontal bars, one per label of the count table whose header is at `row`."""
    chart = workbook.add_chart({"type": "bar"})
    chart.add_series(
        {
            "name": heads[1],
            "categories": [SUMMARY_SHEET, row + 1, 0, row + size, 0],
            "values": [SUMMARY_SHEET, row + 1, 1, row + size, 1],
            "data_labels": {"value": True},
            "fill": {"color": "#2F5597"},
            "gap": 60,
        }
    )
    chart.set_title({"name": heads[0], "name_font": {"size": 12, "bold": True}})
    chart.set_legend({"none": True})
    # a bar chart's x axis is its category axis, drawn upright: the first label on top, the
    # values' axis still at the bottom
    chart.set_x_axis({"reverse": True, "crossing": "max"})
    chart.set_y_axis({"min": 0, "major_gridlines": {"visible": True}})
    chart.set_size({"width": 560, "height": 320})
    return chart
