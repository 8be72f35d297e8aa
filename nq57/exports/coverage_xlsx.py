"""The coverage of an upper plan by its lower plans as an Excel workbook: a summary sheet (one
row per lower plan, tasks then indicators) and, for each kind, one row per (lower plan, upper
row) saying whether it was localised."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

import xlsxwriter

from nq57.cascade.coverage import ChildCoverage, RowCoverage
from nq57.exports.xlsx_tables import Column, table_styles, write_table
from nq57.plans.models import Indicator, Task

Detail = tuple[ChildCoverage, Task | Indicator, str]
Kind = Callable[[ChildCoverage], RowCoverage[Task] | RowCoverage[Indicator]]


def _counts(noun: str, kind: Kind) -> list[Column[ChildCoverage]]:
    return [
        Column(f"{noun} cấp trên đã cụ thể hóa", 16, lambda c: len(kind(c).localised)),
        Column("Chưa cụ thể hóa", 14, lambda c: len(kind(c).not_localised)),
        Column("Tỷ lệ (%)", 10, lambda c: kind(c).share),
        Column(f"{noun} riêng của cấp dưới", 16, lambda c: len(kind(c).own)),
        Column("Chưa xác nhận", 12, lambda c: len(kind(c).undecided)),
    ]


_SUMMARY: Sequence[Column[ChildCoverage]] = (
    Column("Kế hoạch cấp dưới", 30, lambda c: c.link.child.number or "—"),
    Column(
        "Cơ quan ban hành", 40, lambda c: c.link.child.issuer.name if c.link.child.issuer else ""
    ),
    *_counts("Nhiệm vụ", lambda c: c.tasks),
    *_counts("Chỉ tiêu", lambda c: c.indicators),
)


def _detail(noun: str) -> Sequence[Column[Detail]]:
    return (
        Column("Kế hoạch cấp dưới", 30, lambda d: d[0].link.child.number or "—"),
        Column("STT", 8, lambda d: d[1].number if isinstance(d[1], Task) else d[1].code),
        Column(f"{noun} cấp trên", 80, lambda d: d[1].name),
        Column("Tình hình", 20, lambda d: d[2]),
    )


def _details(coverages: Sequence[ChildCoverage], kind: Kind) -> list[Detail]:
    found: list[Detail] = [
        (c, row, label)
        for c in coverages
        for rows, label in (
            (kind(c).localised, "Đã cụ thể hóa"),
            (kind(c).not_localised, "Chưa cụ thể hóa"),
        )
        for row in rows
    ]
    return sorted(found, key=lambda d: (d[0].link.child_id, d[1].order))


def coverage_xlsx(coverages: Sequence[ChildCoverage]) -> bytes:
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, {"in_memory": True})
    styles = table_styles(workbook)
    write_table(workbook.add_worksheet("Tổng hợp"), styles, _SUMMARY, list(coverages))
    for sheet, noun, kind in (
        ("Theo nhiệm vụ", "Nhiệm vụ", lambda c: c.tasks),
        ("Theo chỉ tiêu", "Chỉ tiêu", lambda c: c.indicators),
    ):
        rows = _details(coverages, kind)
        write_table(workbook.add_worksheet(sheet), styles, _detail(noun), rows)
    workbook.close()
    return buffer.getvalue()
