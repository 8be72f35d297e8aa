"""Coverage of an upper plan by the lower plans that carry it out: per lower plan, which upper
tasks it localised, which it left out, which of its tasks are its own, which await a decision.
"""

from __future__ import annotations

from dataclasses import dataclass

from nq57.cascade.models import PlanLink, TaskLink
from nq57.cascade.queries import grouped
from nq57.plans.models import Plan, Task


@dataclass(frozen=True)
class ChildCoverage:
    link: PlanLink
    localised: list[Task]  # upper tasks taken up by at least one lower task
    not_localised: list[Task]  # upper tasks no lower task took up
    own: list[Task]  # lower tasks a person confirmed have no upper counterpart
    undecided: list[Task]  # lower tasks without a decision yet

    @property
    def share(self) -> int:
        """Percent of the upper plan's tasks localised."""
        total = len(self.localised) + len(self.not_localised)
        return round(100 * len(self.localised) / total) if total else 0


def coverage(parent: Plan) -> list[ChildCoverage]:
    """One entry per lower plan linked to `parent`, in the order of their issuers' names."""
    upper = list(parent.tasks.order_by("order"))
    links = PlanLink.objects.filter(parent=parent).select_related("child__issuer")
    return [_one(link, upper) for link in links.order_by("child__issuer__name", "child_id")]


def _one(link: PlanLink, upper: list[Task]) -> ChildCoverage:
    pairs = TaskLink.objects.filter(plan_link=link).values_list("child_task_id", "parent_task_id")
    decided = grouped(pairs)
    taken = {parent for parents in decided.values() for parent in parents}
    lower = list(link.child.tasks.order_by("order"))
    return ChildCoverage(
        link=link,
        localised=[t for t in upper if t.pk in taken],
        not_localised=[t for t in upper if t.pk not in taken],
        own=[t for t in lower if decided.get(t.pk) == []],
        undecided=[t for t in lower if t.pk not in decided],
    )
