"""The coverage of an upper plan by its lower plans as an Excel workbook: a summary sheet (one
row per lower plan) and one row per (lower plan, upper task) saying whether it was localised."""

from __future__ import annotations

import io
from collections.abc import Sequence

import xlsxwriter

from nq57.cascade.coverage import ChildCoverage
from nq57.exports.xlsx_tables import Column, table_styles, write_table
from nq57.plans.models import Task

Summary = ChildCoverage
Detail = tuple[ChildCoverage, Task, str]

_SUMMARY: Sequence[Column[Summary]] = (
    Column("Kế hoạch cấp dưới", 30, lambda c: c.link.child.number or "—"),
    Column(
        "Cơ quan ban hành", 40, lambda c: c.link.child.issuer.name if c.link.child.issuer else ""
    ),
    Column("Nhiệm vụ cấp trên đã cụ thể hóa", 16, lambda c: len(c.localised)),
    Column("Chưa cụ thể hóa", 14, lambda c: len(c.not_localised)),
    Column("Tỷ lệ (%)", 10, lambda c: c.share),
    Column("Nhiệm vụ riêng của cấp dưới", 16, lambda c: len(c.own)),
    Column("Chưa xác nhận", 12, lambda c: len(c.undecided)),
)
_DETAIL: Sequence[Column[Detail]] = (
    Column("Kế hoạch cấp dưới", 30, lambda d: d[0].link.child.number or "—"),
    Column("STT", 8, lambda d: d[1].number),
    Column("Nhiệm vụ cấp trên", 80, lambda d: d[1].name),
    Column("Tình hình", 20, lambda d: d[2]),
)


def coverage_xlsx(coverages: Sequence[ChildCoverage]) -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    styles = table_styles(workbook)
    write_table(workbook.add_worksheet("Tổng hợp"), styles, _SUMMARY, list(coverages))
    details: list[Detail] = [
        (c, task, label)
        for c in coverages
        for tasks, label in ((c.localised, "Đã cụ thể hóa"), (c.not_localised, "Chưa cụ thể hóa"))
        for task in tasks
    ]
    details.sort(key=lambda d: (d[0].link.child_id, d[1].order))
    write_table(workbook.add_worksheet("Theo nhiệm vụ"), styles, _DETAIL, details)
    workbook.close()
    return buffer.getvalue()
