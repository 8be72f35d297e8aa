"""Arrange a prefetched plan for its page: sections with their tasks, indicator tables."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Model

from nq57.audit.queries import action_label, history
from nq57.plans.models import Assignment, Indicator, Plan, Section, Target, Task


@dataclass
class TaskRow:
    """A task with its lead and coordinating assignments split for display."""

    task: Task
    lead: list[Assignment]
    coordinating: list[Assignment]


@dataclass
class IndicatorRow:
    """An indicator with one cell per milestone column (None where it has no target)."""

    indicator: Indicator
    targets: list[Target | None]
    lead: list[Assignment]
    coordinating: list[Assignment]


@dataclass
class TaskSection:
    section: Section | None
    rows: list[TaskRow] = field(default_factory=list)


@dataclass
class IndicatorTable:
    section: Section | None
    milestones: list[str] = field(default_factory=list)
    rows: list[IndicatorRow] = field(default_factory=list)


def task_sections(plan: Plan) -> list[TaskSection]:
    """Tasks grouped by section, in document order (uses the prefetched rows only)."""
    groups: dict[int | None, TaskSection] = {}
    sections = {s.pk: s for s in plan.sections.all()}
    for task in plan.tasks.all():
        group = groups.setdefault(task.section_id, TaskSection(sections.get(task.section_id or 0)))
        lead, coordinating = split_roles(task.assignments.all())
        group.rows.append(TaskRow(task, lead, coordinating))
    return list(groups.values())


def indicator_tables(plan: Plan) -> list[IndicatorTable]:
    """One table per indicator group, milestones ('2025', '2030', 'Kết quả') as columns."""
    sections = {s.pk: s for s in plan.sections.all()}
    grouped: dict[int | None, list[Indicator]] = {}
    for indicator in plan.indicators.all():
        grouped.setdefault(indicator.section_id, []).append(indicator)
    tables = []
    for section_id, indicators in grouped.items():
        milestones = _milestones(indicators)
        table = IndicatorTable(sections.get(section_id or 0), milestones)
        for indicator in indicators:
            by_milestone = {t.milestone: t for t in indicator.targets.all()}
            lead, coordinating = split_roles(indicator.assignments.all())
            cells = [by_milestone.get(m) for m in milestones]
            table.rows.append(IndicatorRow(indicator, cells, lead, coordinating))
        tables.append(table)
    return tables


def _milestones(indicators: list[Indicator]) -> list[str]:
    seen: list[str] = []
    for indicator in indicators:
        for target in indicator.targets.all():
            if target.milestone not in seen:
                seen.append(target.milestone)
    return seen


def split_roles(assignments: object) -> tuple[list[Assignment], list[Assignment]]:
    rows = list(assignments)  # type: ignore[call-overload]
    lead = [a for a in rows if a.role == Assignment.Role.LEAD]
    coordinating = [a for a in rows if a.role == Assignment.Role.COORDINATING]
    return lead, coordinating


@dataclass
class WorkRow:
    """A task in a cross-plan list, with the role the viewer's units play in it."""

    task: Task
    lead: list[Assignment]
    coordinating: list[Assignment]
    my_role: str  # 'Chủ trì', 'Phối hợp' or '' (search results)


def work_rows(tasks: Iterable[Task], unit_ids: set[int]) -> list[WorkRow]:
    """Rows for tasks with prefetched assignments; lead wins when a unit is both."""
    rows = []
    for task in tasks:
        lead, coordinating = split_roles(task.assignments.all())
        role = ""
        if any(a.unit_id in unit_ids for a in coordinating):
            role = Assignment.Role.COORDINATING.label
        if any(a.unit_id in unit_ids for a in lead):
            role = Assignment.Role.LEAD.label
        rows.append(WorkRow(task, lead, coordinating, role))
    return rows


@dataclass
class HistoryRow:
    at: datetime
    who: str
    what: str


def history_rows(*objects: Model) -> list[HistoryRow]:
    """What happened to the objects, newest first, in Vietnamese."""
    return [
        HistoryRow(event.at, event.actor_label, action_label(event.action))
        for event in history(*objects)
    ]
