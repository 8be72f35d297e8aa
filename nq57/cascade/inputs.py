"""Items for `cascade.matching` from a parsed file (`nq57.ingest.ParsedPlan`) or a stored plan.

Numbers are the ones printed in the plan, as in the gold files: a task's `number` ('12'), an
indicator's `code` ('6.1'). When a row has none, its 1-based position among the plan's tasks
(indicators) prefixed with '#' stands in ('#13'). Numbers may repeat across sections or
appendices (a commune plan restarting at 1 in each section); the items keep the plan's order,
so a suggestion's place in the list (the child) and its `parent_index` /
`alternative_indices` (the parents) lead to the rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from nq57.cascade.matching import IndicatorItem, Item
from nq57.lib.deadlines import parse_deadline

if TYPE_CHECKING:
    from nq57.ingest.model import ParsedIndicator, ParsedPlan, ParsedTask
    from nq57.plans.models import Indicator, Plan, Section, Task


@dataclass(frozen=True)
class PlanItems:
    """What a plan offers to matching: its label ('3228/KH-UBND — Ủy ban nhân dân huyện Củ
    Chi'), tasks and indicators in the plan's order."""

    label: str
    tasks: tuple[Item, ...]
    indicators: tuple[IndicatorItem, ...]


def _number(printed: str | None, position: int) -> str:
    return (printed or "").strip() or f"#{position}"


def _section(code: str | None, title: str | None) -> str:
    code, title = (code or "").strip(), (title or "").strip()
    return f"{code}. {title}" if code and title else code or title


def task_item(task: ParsedTask, position: int) -> Item:
    """An item for a parsed task (`position` is 1-based)."""
    deadline = parse_deadline(task.deadline)
    return Item(
        number=_number(task.number, position),
        text=task.name,
        section=_section(task.section, task.section_title),
        deadline_raw=task.deadline or "",
        deadline_kind=deadline.kind.value,
        deadline_due=deadline.due,
        lead=task.lead or "",
        coordinating=task.coordinating or "",
    )


def indicator_item(indicator: ParsedIndicator, position: int) -> IndicatorItem:
    """An item for a parsed indicator (`position` is 1-based)."""
    return IndicatorItem(
        number=_number(indicator.code, position),
        name=indicator.name,
        section=_section(indicator.group, indicator.subgroup),
        unit=indicator.unit or "",
        targets=tuple(indicator.targets.items()),
        lead=indicator.lead or "",
        coordinating=indicator.coordinating or "",
    )


def items_from_parsed(plan: ParsedPlan) -> PlanItems:
    """Items of a plan read from a file."""
    doc = plan.document
    label = " — ".join(part for part in (doc.number, doc.issuer) if part) or (doc.file or "")
    return PlanItems(
        label=label,
        tasks=tuple(task_item(t, k) for k, t in enumerate(plan.tasks, start=1)),
        indicators=tuple(indicator_item(x, k) for k, x in enumerate(plan.indicators, start=1)),
    )


def items_from_bytes(data: bytes, name: str) -> PlanItems:
    """Items of a plan file's bytes (any format `ingest.parse_bytes` reads)."""
    from nq57.ingest import parse_bytes

    return items_from_parsed(parse_bytes(data, name))


def stored_task_item(task: Task, position: int) -> Item:
    """An item for a stored task (select_related('section') saves a query per task)."""
    section = task.section
    return Item(
        number=_number(task.number, position),
        text=task.name,
        section=_stored_section(section),
        deadline_raw=task.deadline_raw,
        deadline_kind=task.deadline_kind,
        deadline_due=task.deadline_due,
        lead=task.lead_text,
        coordinating=task.coordinating_text,
    )


def stored_indicator_item(indicator: Indicator, position: int) -> IndicatorItem:
    """An item for a stored indicator (prefetch 'targets' saves a query per indicator)."""
    return IndicatorItem(
        number=_number(indicator.code, position),
        name=indicator.name,
        section=_stored_section(indicator.section) or indicator.group,
        unit=indicator.measure_unit,
        targets=tuple((t.milestone, t.raw) for t in indicator.targets.all()),
        lead=indicator.lead_text,
        coordinating=indicator.coordinating_text,
    )


def _stored_section(section: Section | None) -> str:
    return _section(section.code, section.title) if section is not None else ""


def items_from_plan(plan: Plan) -> PlanItems:
    """Items of a stored plan, in the plan's order (four queries)."""
    tasks = plan.tasks.select_related("section").order_by("order")
    indicators = plan.indicators.select_related("section").prefetch_related("targets")
    return PlanItems(
        label=" — ".join(part for part in (plan.number, plan.issuer.name) if part),
        tasks=tuple(stored_task_item(t, k) for k, t in enumerate(tasks, start=1)),
        indicators=tuple(
            stored_indicator_item(x, k) for k, x in enumerate(indicators.order_by("order"), start=1)
        ),
    )
