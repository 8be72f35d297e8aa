"""Coverage of an upper plan by the lower plans that carry it out: per lower plan, which upper
tasks (indicators) it localised, which it left out, which of its own rows have no upper
counterpart, which await a decision.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from nq57.cascade.models import PlanLink
from nq57.cascade.queries import grouped, indicator_decisions, task_decisions
from nq57.plans.models import Indicator, Plan, Task

Row = TypeVar("Row", Task, Indicator)


@dataclass(frozen=True)
class RowCoverage(Generic[Row]):
    """One kind of row (tasks or indicators) of one lower plan against the upper plan."""

    localised: list[Row]  # upper rows taken up by at least one lower row
    not_localised: list[Row]  # upper rows no lower row took up
    own: list[Row]  # lower rows a person confirmed have no upper counterpart
    undecided: list[Row]  # lower rows without a decision yet

    @property
    def share(self) -> int:
        """Percent of the upper plan's rows localised."""
        total = len(self.localised) + len(self.not_localised)
        return round(100 * len(self.localised) / total) if total else 0


@dataclass(frozen=True)
class ChildCoverage:
    link: PlanLink
    tasks: RowCoverage[Task]
    indicators: RowCoverage[Indicator]


def coverage(parent: Plan) -> list[ChildCoverage]:
    """One entry per lower plan linked to `parent`, in the order of their issuers' names."""
    tasks = list(parent.tasks.order_by("order"))
    indicators = list(parent.indicators.order_by("order"))
    links = PlanLink.objects.filter(parent=parent).select_related("child__issuer")
    return [
        ChildCoverage(
            link=link,
            tasks=_rows(tasks, link.child.tasks.order_by("order"), task_decisions(link)),
            indicators=_rows(
                indicators, link.child.indicators.order_by("order"), indicator_decisions(link)
            ),
        )
        for link in links.order_by("child__issuer__name", "child_id")
    ]


def _rows(
    upper: Sequence[Row], lower: Iterable[Row], pairs: Iterable[tuple[int, int | None]]
) -> RowCoverage[Row]:
    decided = grouped(pairs)
    taken = {parent for parents in decided.values() for parent in parents}
    below = list(lower)
    return RowCoverage(
        localised=[row for row in upper if row.pk in taken],
        not_localised=[row for row in upper if row.pk not in taken],
        own=[row for row in below if decided.get(row.pk) == []],
        undecided=[row for row in below if row.pk not in decided],
    )
