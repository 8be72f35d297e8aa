"""The lower levels in a plan's consolidated report: how the plans that localise it carry out
its tasks and indicators (`rollup`), as a part of 'I. Kết quả thực hiện' and as Phụ lục 4.

Added to the report `evaluation.consolidated` assembles (the cascade app builds on the
evaluation, not the other way round); the lower plans are numbered as sources after the
report's own, so every sentence and row still names what it rests on.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date
from decimal import Decimal

from nq57.cascade.rollup import IndicatorRollup, TaskRollup, indicator_rollup, task_rollup
from nq57.evaluation.timeliness import Timeliness
from nq57.exports import report_model as m
from nq57.lib.numbers import format_vn_number
from nq57.plans.models import Plan

SECTION_TITLE = "Kết quả triển khai tại các kế hoạch cấp dưới"
_TWO = Decimal("0.01")


def with_lower_levels(report: m.ConsolidatedReport, plan: Plan) -> m.ConsolidatedReport:
    """`report` with the lower plans' part added, as of the report's day; unchanged when no
    lower plan is linked."""
    day = report.header.day
    tasks = [row for row in task_rollup(plan, day) if row.below]
    indicators = [row for row in indicator_rollup(plan, day) if row.parts]
    if not tasks and not indicators:
        return report
    sources = _LowerSources(report.sources, day)
    return replace(
        report,
        results=(*report.results, _section(plan, tasks, sources)),
        lower_tasks=tuple(_task_row(row, sources) for row in tasks),
        lower_indicators=tuple(_indicator_row(row, sources) for row in indicators),
        sources=tuple(sources.rows),
    )


class _LowerSources:
    """The report's sources, then one per lower plan (numbered once)."""

    def __init__(self, existing: tuple[m.Source, ...], day: date) -> None:
        self.rows = list(existing)
        self.day = day
        self.by_plan: dict[int, int] = {}

    def of_plan(self, plan: Plan) -> int:
        if plan.pk not in self.by_plan:
            number = f"số {plan.number}" if plan.number else "(chưa có số)"
            text = (
                f"Kế hoạch {number} của {plan.issuer.name if plan.issuer else '—'}: tiến độ "
                f"và số liệu theo các báo cáo đã duyệt đến hết ngày {self.day:%d/%m/%Y}"
            )
            self.rows.append(m.Source(len(self.rows) + 1, text))
            self.by_plan[plan.pk] = len(self.rows)
        return self.by_plan[plan.pk]


def _section(plan: Plan, tasks: list[TaskRollup], sources: _LowerSources) -> m.Section:
    lower = {task.plan for row in tasks for task, _state in row.below}
    tally: Counter[Timeliness] = Counter()
    for row in tasks:
        tally.update(row.tally)
    numbers = tuple(sorted(sources.of_plan(p) for p in lower))
    if not tasks:
        text = "Chưa có nhiệm vụ nào của kế hoạch được kế hoạch cấp dưới liên kết."
        return m.Section(SECTION_TITLE, (m.Sentence(text),))
    text = (
        f"{len(tasks)}/{plan.tasks.count()} nhiệm vụ của kế hoạch đã được {len(lower)} kế hoạch "
        f"cấp dưới cụ thể hóa bằng {sum(tally.values())} nhiệm vụ: {_progress(tally)}."
    )
    return m.Section(SECTION_TITLE, (m.Sentence(text, numbers),))


def _progress(tally: Counter[Timeliness]) -> str:
    return ", ".join(f"{tally[t]} {t.label.lower()}" for t in Timeliness if tally[t])


def _task_row(row: TaskRollup, sources: _LowerSources) -> m.LowerTaskRow:
    plans = {task.plan_id: task.plan for task, _state in row.below}
    return m.LowerTaskRow(
        number=row.task.number,
        name=row.task.name,
        plans="; ".join(sorted(p.issuer.name if p.issuer else "—" for p in plans.values())),
        linked=len(row.below),
        progress=_progress(row.tally),
        sources=tuple(sorted(sources.of_plan(p) for p in plans.values())),
    )


def _indicator_row(row: IndicatorRollup, sources: _LowerSources) -> m.LowerIndicatorRow:
    indicator = row.indicator
    reported = sum(value is not None for _child, value in row.parts)
    value = "—" if row.value is None else format_vn_number(row.value.quantize(_TWO).normalize())
    return m.LowerIndicatorRow(
        code=indicator.code,
        name=indicator.name,
        measure_unit=indicator.measure_unit,
        value=value,
        reported=f"{reported}/{len(row.parts)} kế hoạch cấp dưới có số liệu",
        sources=tuple(sorted({sources.of_plan(child.plan) for child, _value in row.parts})),
    )
