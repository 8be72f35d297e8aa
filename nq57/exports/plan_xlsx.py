"""A plan as an XLSX workbook: sheets 'Nhiệm vụ' (tasks), 'Chỉ tiêu' (indicators), 'Thông tin'.

One row per task or indicator in plan order under a single frozen, filterable header row;
text as printed, units from the registry one per line, due dates as real Excel dates and one
column per target milestone. Every text cell is written as a string (never a formula).
"""

from __future__ import annotations

import io

import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from nq57.exports.common import IndicatorRow, TaskRow, indicator_rows, milestones, task_rows
from nq57.exports.xlsx_tables import Cell, Column, Styles, table_styles, write_table
from nq57.lib.deadlines import DeadlineKind
from nq57.plans.models import Assignment, Plan

TASK_SHEET = "Nhiệm vụ"
INDICATOR_SHEET = "Chỉ tiêu"
INFO_SHEET = "Thông tin"


def plan_xlsx(plan: Plan) -> bytes:
    """The workbook of a plan loaded with `plans.queries.plan_detail` (no further queries)."""
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    styles = table_styles(workbook)
    tasks, indicators = task_rows(plan), indicator_rows(plan)
    write_table(workbook.add_worksheet(TASK_SHEET), styles, TASK_COLUMNS, tasks)
    columns = indicator_columns(milestones(row.indicator for row in indicators))
    write_table(workbook.add_worksheet(INDICATOR_SHEET), styles, columns, indicators)
    _write_info(workbook.add_worksheet(INFO_SHEET), styles, plan, len(tasks), len(indicators))
    workbook.set_properties({"title": plan.title[:250], "subject": plan.number or ""})
    workbook.close()
    return buffer.getvalue()


def _names(assignments: list[Assignment]) -> str:
    """Registry units, one per line."""
    return "\n".join(assignment.unit.name for assignment in assignments)


def _section_code(row: TaskRow) -> str:
    return row.section.code if row.section else ""


def _section_title(row: TaskRow) -> str:
    return row.section.title if row.section else ""


def _kind_label(row: TaskRow) -> str:
    return DeadlineKind(row.task.deadline_kind).label


TASK_COLUMNS: tuple[Column[TaskRow], ...] = (
    Column("Mã định danh", 9, lambda r: r.task.pk),
    Column("Phụ lục", 12, lambda r: r.task.appendix),
    Column("Mục", 6, _section_code),
    Column("Tên mục", 30, _section_title),
    Column("STT", 6, lambda r: r.task.number),
    Column("Nội dung nhiệm vụ", 60, lambda r: r.task.name),
    Column("Cơ quan chủ trì", 28, lambda r: r.task.lead_text),
    Column("Cơ quan phối hợp", 34, lambda r: r.task.coordinating_text),
    Column("Đơn vị chủ trì (danh mục)", 28, lambda r: _names(r.lead)),
    Column("Đơn vị phối hợp (danh mục)", 34, lambda r: _names(r.coordinating)),
    Column("Thời gian hoàn thành", 16, lambda r: r.task.deadline_raw),
    Column("Loại thời hạn", 14, _kind_label),
    Column("Hạn hoàn thành", 13, lambda r: r.task.deadline_due),
    Column("Sản phẩm đầu ra", 30, lambda r: r.task.output),
)

_INDICATOR_HEAD: tuple[Column[IndicatorRow], ...] = (
    Column("Mã định danh", 9, lambda r: r.indicator.pk),
    Column("Phụ lục", 12, lambda r: r.indicator.appendix),
    Column("Nhóm", 24, lambda r: r.indicator.group),
    Column("Nhóm con", 20, lambda r: r.indicator.subgroup),
    Column("STT", 6, lambda r: r.indicator.code),
    Column("Tên chỉ tiêu", 50, lambda r: r.indicator.name),
    Column("Đơn vị tính", 12, lambda r: r.indicator.measure_unit),
)

_INDICATOR_TAIL: tuple[Column[IndicatorRow], ...] = (
    Column("Cơ quan chủ trì", 28, lambda r: r.indicator.lead_text),
    Column("Cơ quan phối hợp", 34, lambda r: r.indicator.coordinating_text),
    Column("Đơn vị chủ trì (danh mục)", 28, lambda r: _names(r.lead)),
    Column("Đơn vị phối hợp (danh mục)", 34, lambda r: _names(r.coordinating)),
    Column("Sản phẩm đầu ra", 30, lambda r: r.indicator.output),
    Column("Loại số liệu", 16, lambda r: r.indicator.get_value_kind_display()),
    Column("Cách tổng hợp", 18, lambda r: r.indicator.get_aggregation_display()),
)


def indicator_columns(milestones: list[str]) -> list[Column[IndicatorRow]]:
    """The indicator sheet's columns: one target column per milestone between name and units."""
    targets = [_target_column(milestone) for milestone in milestones]
    return [*_INDICATOR_HEAD, *targets, *_INDICATOR_TAIL]


def _target_column(milestone: str) -> Column[IndicatorRow]:
    """'Mốc 2030' holds each indicator's target for 2030 as printed ('≥ 80')."""

    def value(row: IndicatorRow) -> str:
        return next((t.raw for t in row.indicator.targets.all() if t.milestone == milestone), "")

    header = f"Mốc {milestone}" if milestone[:1].isdigit() else milestone
    return Column(header, 14, value)


def _write_info(sheet: Worksheet, styles: Styles, plan: Plan, tasks: int, indicators: int) -> None:
    rows: list[tuple[str, Cell]] = [
        ("Mã định danh", plan.pk),
        ("Số, ký hiệu", plan.number),
        ("Cơ quan ban hành", plan.issuer.name),
        ("Ngày ban hành", plan.issue_date),
        ("Cấp", plan.get_level_display()),
        ("Trích yếu", plan.title),
        ("Văn bản căn cứ", "\n".join(r.number for r in plan.references.all())),
        ("Trạng thái", plan.get_status_display()),
        ("Tệp nguồn", plan.source_name),
        ("SHA-256 tệp nguồn", plan.source_sha256),
        ("Số nhiệm vụ", tasks),
        ("Số chỉ tiêu", indicators),
    ]
    columns: list[Column[tuple[str, Cell]]] = [
        Column("Thông tin", 22, lambda r: r[0]),
        Column("Nội dung", 90, lambda r: r[1]),
    ]
    write_table(sheet, styles, columns, rows, autofilter=False)
    sheet.set_portrait()
