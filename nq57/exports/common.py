"""Helpers shared by the JSON and XLSX builders (prefetched rows only, no queries)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from nq57.plans.models import Assignment, Indicator, Plan, Section, Task

_YEAR = re.compile(r"\d{4}")


@dataclass(frozen=True)
class TaskRow:
    """A task with its section and its units split by role, in plan order."""

    task: Task
    section: Section | None
    lead: list[Assignment]
    coordinating: list[Assignment]


@dataclass(frozen=True)
class IndicatorRow:
    """An indicator with its units split by role, in plan order."""

    indicator: Indicator
    lead: list[Assignment]
    coordinating: list[Assignment]


def task_rows(plan: Plan) -> list[TaskRow]:
    sections = {section.pk: section for section in plan.sections.all()}
    rows = []
    for task in plan.tasks.all():
        lead, coordinating = split_roles(task.assignments.all())
        rows.append(TaskRow(task, sections.get(task.section_id or 0), lead, coordinating))
    return rows


def indicator_rows(plan: Plan) -> list[IndicatorRow]:
    rows = []
    for indicator in plan.indicators.all():
        lead, coordinating = split_roles(indicator.assignments.all())
        rows.append(IndicatorRow(indicator, lead, coordinating))
    return rows


def split_roles(assignments: Iterable[Assignment]) -> tuple[list[Assignment], list[Assignment]]:
    lead: list[Assignment] = []
    coordinating: list[Assignment] = []
    for assignment in assignments:
        is_lead = assignment.role == Assignment.Role.LEAD
        (lead if is_lead else coordinating).append(assignment)
    return lead, coordinating


def milestones(indicators: Iterable[Indicator]) -> list[str]:
    """Every milestone of the plan's targets, by year ('Kết quả' and other labels last)."""
    seen: list[str] = []
    for indicator in indicators:
        for target in indicator.targets.all():
            if target.milestone not in seen:
                seen.append(target.milestone)
    return sorted(seen, key=_milestone_key)


def _milestone_key(milestone: str) -> int:
    """The first year in the label; labels without one sort last (sorting keeps ties in order)."""
    year = _YEAR.search(milestone)
    return int(year.group()) if year else 10_000


def or_none(text: str) -> str | None:
    """The gold schema writes a missing value as null; the database keeps ''."""
    return text or None
