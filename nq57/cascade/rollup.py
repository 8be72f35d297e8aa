"""Roll-up: how an upper plan's tasks progress through the lower plans that localise them —
each upper task with the lower tasks linked to it and their timeliness on a day, counted by
class; and an upper indicator's value from the lower plans' values by the indicator's rule."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from nq57.cascade.models import IndicatorLink, TaskLink
from nq57.evaluation.aggregation import UnitValue, aggregate
from nq57.evaluation.queries import indicator_standing
from nq57.evaluation.tallies import Scope, states_of
from nq57.evaluation.timeliness import Timeliness
from nq57.plans.models import Indicator, Plan, Task


@dataclass
class TaskRollup:
    task: Task
    below: list[tuple[Task, Timeliness]] = field(default_factory=list)

    @property
    def tally(self) -> Counter[Timeliness]:
        return Counter(state for _task, state in self.below)

    @property
    def counts(self) -> list[tuple[Timeliness, int]]:
        """(class, number of lower tasks), the largest first (for templates)."""
        return self.tally.most_common()


def task_rollup(parent: Plan, as_of: date) -> list[TaskRollup]:
    """Every task of `parent` with the lower tasks confirmed as localising it."""
    links = TaskLink.objects.filter(
        plan_link__parent=parent, parent_task__isnull=False
    ).select_related("child_task__plan__issuer")
    plans = Plan.objects.filter(pk__in=links.values("child_task__plan_id"))
    states = states_of(Scope(plans, as_of))
    found = {task.pk: TaskRollup(task) for task in parent.tasks.order_by("order")}
    for link in links.order_by("child_task__plan__issuer__name", "child_task__order"):
        assert link.parent_task_id is not None
        state = states.get(link.child_task_id, Timeliness.UNDATED)
        found[link.parent_task_id].below.append((link.child_task, state))
    return list(found.values())


@dataclass(frozen=True)
class IndicatorRollup:
    indicator: Indicator
    parts: tuple[tuple[Indicator, Decimal | None], ...]
    value: Decimal | None


def indicator_rollup(parent: Plan, as_of: date) -> list[IndicatorRollup]:
    """Every indicator of `parent` with its linked lower indicators' latest values (each lower
    plan's own aggregate) and their total by the upper indicator's rule."""
    links = IndicatorLink.objects.filter(
        plan_link__parent=parent, parent_indicator__isnull=False
    ).select_related("child_indicator__plan__issuer")
    values: dict[int, Decimal | None] = {}
    for plan_id in {link.child_indicator.plan_id for link in links}:
        for row in indicator_standing(plan_id, as_of):
            values[row.indicator.pk] = row.value
    grouped: dict[int, list[Indicator]] = {}
    for link in links:
        assert link.parent_indicator_id is not None
        grouped.setdefault(link.parent_indicator_id, []).append(link.child_indicator)
    found = []
    for indicator in parent.indicators.order_by("order"):
        parts = tuple((child, values.get(child.pk)) for child in grouped.get(indicator.pk, []))
        known = [UnitValue(v, None, None, None) for _c, v in parts if v is not None]
        total = aggregate(indicator.aggregation, known) if known else None
        found.append(IndicatorRollup(indicator, parts, total))
    return found
