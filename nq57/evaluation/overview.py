"""Reads for the leader's dashboard over many plans (a district, a province, the country):
tasks by timeliness in total and per branch of the unit tree, the overdue tasks with what their
lead units say holds them up, reports sent per period, units scored. Counted once a day per
plan and kept (`figures`), so a view sums stored rows instead of counting every task.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cached_property

from django.db.models import Count, F, Min, Q, QuerySet
from django.utils import timezone

from nq57.evaluation.figures import day_totals, unit_facts_across
from nq57.evaluation.queries import PeriodCompliance, end_of
from nq57.evaluation.scoring import Facts, Formula, Scorecard, score_of, scorecard
from nq57.evaluation.tallies import Scope
from nq57.evaluation.timeliness import Timeliness
from nq57.orgs.models import Unit
from nq57.plans.models import Assignment, Plan, Task
from nq57.reporting.models import Submission, TaskUpdate


@dataclass(frozen=True)
class Branch:
    """One child of the chosen unit (or the unit itself, for the plans it issues)."""

    unit: Unit
    plans: int
    tally: Counter[Timeliness]

    @property
    def total(self) -> int:
        return sum(self.tally.values())

    @property
    def overdue(self) -> int:
        return self.tally[Timeliness.OVERDUE]


def branch_tallies(
    scope: Scope, branch_of: dict[int, int], per_plan: dict[int, Counter[Timeliness]]
) -> tuple[Counter[Timeliness], list[Branch]]:
    """Tasks by timeliness over the scope (`per_plan`: `figures.plan_tallies`), and per branch
    (`branch_of`: issuer → branch), branches with the most overdue tasks first."""
    issuers = dict(scope.plans.order_by().values_list("pk", "issuer_id"))
    total: Counter[Timeliness] = Counter()
    grouped: dict[int, tuple[int, Counter[Timeliness]]] = {}
    for plan_id, issuer in issuers.items():
        branch = branch_of.get(issuer or 0)
        tally = per_plan.get(plan_id, Counter())
        total.update(tally)
        if branch is not None:
            plans, counter = grouped.setdefault(branch, (0, Counter()))
            counter.update(tally)
            grouped[branch] = (plans + 1, counter)
    units = Unit.objects.in_bulk(list(grouped))
    found = [Branch(units[pk], plans, tally) for pk, (plans, tally) in grouped.items()]
    found.sort(key=lambda b: (-b.overdue, -b.total, b.unit.name))
    return total, found


@dataclass(frozen=True)
class TaskRow:
    """A task in a drill-down list: its plan, what its lead units last said holds it up."""

    task: Task
    difficulties: tuple[tuple[str, str], ...]  # (unit name, difficulty)


def task_rows(task_ids: list[int], as_of: date) -> list[TaskRow]:
    """The tasks in the given order, each with its lead units' latest stated difficulties
    (from the approved versions of reports approved by the end of `as_of`)."""
    tasks = Task.objects.select_related("plan", "plan__issuer").in_bulk(task_ids)
    lines = (
        TaskUpdate.objects.filter(
            task_id__in=task_ids,
            role=Assignment.Role.LEAD,
            submission__approved_at__lt=end_of(as_of),
            version=F("submission__approved_version"),
        )
        .order_by("task_id", "submission__unit_id", "-submission__period__due")
        .values_list("task_id", "submission__unit_id", "submission__unit__name", "difficulties")
    )
    latest: dict[tuple[int, int], tuple[str, str]] = {}
    for task_id, unit_id, name, difficulties in lines:
        latest.setdefault((task_id, unit_id), (name, difficulties))
    said: dict[int, list[tuple[str, str]]] = {}
    for (task_id, _unit), (name, difficulties) in latest.items():
        if difficulties.strip():
            said.setdefault(task_id, []).append((name, difficulties.strip()))
    return [TaskRow(tasks[pk], tuple(said.get(pk, ()))) for pk in task_ids if pk in tasks]


def compliance_trend(scope: Scope) -> list[PeriodCompliance]:
    """For each period label due by the day, oldest first: reports on time, late, missing."""
    cut = end_of(scope.as_of)
    sent = Q(first_submitted_at__isnull=False, first_submitted_at__lt=cut)
    rows = (
        Submission.objects.filter(plan_id__in=scope.plans_filter(), period__due__lt=cut)
        .values("period__label")
        .annotate(
            due=Min("period__due"),
            total=Count("pk"),
            on_time=Count("pk", filter=sent & Q(first_submitted_at__lte=F("period__due"))),
            late=Count("pk", filter=sent & Q(first_submitted_at__gt=F("period__due"))),
        )
        .order_by("due")
    )
    return [
        PeriodCompliance(r["period__label"], r["due"], r["on_time"], r["late"],
                     r["total"] - r["on_time"] - r["late"])
        for r in rows
    ]  # fmt: skip


@dataclass(frozen=True)
class DayTally:
    """Tasks by timeliness as of the due day of a reporting period."""

    label: str
    day: date
    tally: Counter[Timeliness]


def timeliness_trend(scope: Scope, periods: list[PeriodCompliance], last: int) -> list[DayTally]:
    """The scope's tasks by timeliness at the due day of each of the `last` periods, oldest
    first (stored figures: a past day, once counted, stays counted through later approvals)."""
    shown = [(period.label, timezone.localdate(period.due)) for period in periods[-last:]]
    totals = day_totals(scope, sorted({day for _label, day in shown}))
    return [DayTally(label, day, totals[day]) for label, day in shown]


@dataclass(frozen=True)
class Ranked:
    """A unit in a ranking: its score, and its scorecard with the explanation (worked out
    only for the rows shown)."""

    unit_id: int
    name: str
    facts: Facts
    formula: Formula
    score: Decimal | None

    @cached_property
    def card(self) -> Scorecard:
        return scorecard(self.facts, self.formula)


def ranking(scope: Scope, formula: Formula | None = None) -> list[Ranked]:
    """Every unit reporting on the scope's plans, by score (highest first; nothing to score
    last): tasks it leads and reports it sent, across the plans."""
    formula = formula or Formula()
    ranked = [
        Ranked(pk, name, facts, formula, score_of(facts, formula))
        for pk, name, facts in unit_facts_across(scope)
    ]
    ranked.sort(key=lambda c: (c.score is None, -(c.score or 0), c.name))
    return ranked


def plans_in(plans: QuerySet[Plan], units: set[int] | None) -> QuerySet[Plan]:
    """Published plans of `plans` issued in `units` (all of them when None)."""
    published = plans.filter(status=Plan.Status.PUBLISHED)
    return published if units is None else published.filter(issuer_id__in=units)
