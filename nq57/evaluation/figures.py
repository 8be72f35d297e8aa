"""Day figures kept for dashboards over many plans (a province, the country).

Counting 3,300 communes' tasks on every view takes seconds; a plan's figures for a day change
only when something is written to the plan. So each plan's tasks by timeliness
(`PlanDayFigures`) and each reporting unit's scorecard counts on it (`UnitDayFigures`) are
counted once per day with the set-based queries of `tallies`, stored, and summed on every
later view.

A row carries the plan's `plans.FiguresStamp` as it was before counting (writes raise it,
`plans.stamps.touch`). It is valid while the plan's history is unchanged and, for a day that
had not passed when counted, while its generation is unchanged too: a report approved today
cannot change yesterday, so past days stay counted through the day's approvals, while a
revised deadline recounts them all. A write committed during a count leaves the new rows
already stale, never wrong. Two valid rows of one plan and day (two readers racing) hold the
same counts. The plans without a valid row are counted by the reader and stored; `refresh`
(the nightly `nq57 refresh-figures`) counts the day ahead of the first reader.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, fields
from datetime import date
from typing import TypeVar

from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from nq57.evaluation.models import PlanDayFigures, UnitDayFigures
from nq57.evaluation.scoring import Facts
from nq57.evaluation.tallies import (
    Scope,
    plan_unit_facts,
    summed_by_unit,
    task_tallies,
)
from nq57.evaluation.tallies import (
    tasks_in as counted_tasks_in,
)
from nq57.evaluation.timeliness import Timeliness
from nq57.orgs.models import Unit
from nq57.plans.models import FiguresStamp, Plan
from nq57.plans.stamps import stamps_of

Stored = TypeVar("Stored", PlanDayFigures, UnitDayFigures)
_FACTS = tuple(f.name for f in fields(Facts) if f.name.startswith(("tasks_", "reports_")))
_BATCH = 2000
_STATES = {state.value: state for state in Timeliness}


@dataclass(frozen=True)
class Counted:
    """Figures counted now for plans that had none valid (and stored for the next reader)."""

    tallies: dict[int, Counter[Timeliness]]
    facts: dict[tuple[int, int], Facts]  # (plan, unit) →


def plan_tallies(scope: Scope) -> dict[int, Counter[Timeliness]]:
    """Per plan of the scope: how many tasks stand in each timeliness class (stored figures;
    the plans without valid ones are counted now)."""
    rows = _valid(PlanDayFigures, scope).values_list("plan_id", "counts")
    found = {plan_id: _tally(counts) for plan_id, counts in rows}
    found.update(_count(scope, [pk for pk in scope.plan_ids if pk not in found]).tallies)
    return {pk: tally for pk, tally in found.items() if tally}


def day_totals(scope: Scope, days: Sequence[date]) -> dict[date, Counter[Timeliness]]:
    """The scope's tasks by timeliness on each of `days`, all plans together (`plan_tallies`
    summed, read in one query for every day)."""
    if not days:
        return {}
    rows = _valid(PlanDayFigures, scope, days=days).values_list("day", "plan_id", "counts")
    seen: dict[date, set[int]] = {day: set() for day in days}
    totals: dict[date, Counter[str]] = {day: Counter() for day in days}
    for day, plan_id, counts in rows:
        if plan_id not in seen[day]:  # two valid rows of a plan hold the same counts
            seen[day].add(plan_id)
            totals[day].update(counts)
    found = {}
    for day in days:
        found[day] = _tally(totals[day])
        missing = [pk for pk in scope.plan_ids if pk not in seen[day]]
        for tally in _count(scope.on(day), missing).tallies.values():
            found[day].update(tally)
    return found


def unit_facts_across(scope: Scope) -> list[tuple[int, str, Facts]]:
    """(unit id, name, scorecard counts) of every unit reporting on the scope's plans, the
    counts summed across them (`tallies.unit_facts_across`, from the stored figures; the
    plans without valid ones are counted now)."""
    missing = _missing(scope)
    rows = (
        _valid(UnitDayFigures, scope, soon=False)
        .exclude(plan_id__in=missing)  # stored meanwhile by another reader: counted below
        .order_by()
        .values_list("plan_id", "unit_id", "unit__name", *_FACTS)
        .distinct()  # two valid rows of one plan and day hold the same counts (module doc)
    )
    names = {unit: name for _plan, unit, name, *_counts in rows}
    summed = [(unit, Facts(*counts)) for _plan, unit, _name, *counts in rows]
    fresh = _count(scope, missing).facts
    summed += [(unit, facts) for (_plan, unit), facts in fresh.items()]
    unnamed = {unit for (_plan, unit) in fresh} - names.keys()
    names.update(Unit.objects.filter(pk__in=unnamed).values_list("pk", "name"))
    return [(unit, names[unit], facts) for unit, facts in summed_by_unit(summed).items()]


def tasks_in(
    scope: Scope,
    state: Timeliness,
    limit: int,
    offset: int = 0,
    tallies: dict[int, Counter[Timeliness]] | None = None,
) -> list[int]:
    """`tallies.tasks_in` counting only the plans that hold the page: the stored figures
    (`tallies`, when already read) say how many tasks in `state` each plan has, so the plans
    before the page are skipped."""
    counted = plan_tallies(scope) if tallies is None else tallies
    chosen, skipped = _plans_holding(counted, state, limit, offset)
    if not chosen:
        return []
    narrow = Scope(Plan.objects.filter(pk__in=chosen), scope.as_of, scope.soon_days)
    return counted_tasks_in(narrow, state, limit, offset - skipped)


def refresh(day: date, plans: QuerySet[Plan] | None = None) -> int:
    """Count and store the day's figures of `plans` (every published plan) that have none
    valid; how many plans were counted. Run nightly, so the first leader of the day reads
    stored figures."""
    scope = Scope(plans if plans is not None else Plan.objects.published(), day)
    missing = _missing(scope)
    _count(scope, missing)
    return len(missing)


def prune(before: date) -> int:
    """Delete stored figures of days before `before` and those no longer valid; how many."""
    return _prune(PlanDayFigures, before) + _prune(UnitDayFigures, before)


def _prune(model: type[Stored], before: date) -> int:
    old = model.objects.filter(day__lt=before).delete()[0]
    return old + model.objects.exclude(pk__in=_current(model).values("pk")).delete()[0]


def _current(model: type[Stored]) -> QuerySet[Stored]:
    """The rows still valid: at the plan's current history, and either counted after the day
    had passed or at the plan's current generation (module docstring)."""
    stamp = FiguresStamp.objects.filter(plan_id=OuterRef("plan_id"))
    return model.objects.annotate(
        now_generation=Coalesce(Subquery(stamp.values("generation")[:1]), 0),
        now_history=Coalesce(Subquery(stamp.values("history")[:1]), 0),
    ).filter(
        Q(day__lt=F("counted_on")) | Q(generation=F("now_generation")),
        history=F("now_history"),
    )


def _valid(
    model: type[Stored], scope: Scope, soon: bool = True, days: Sequence[date] = ()
) -> QuerySet[Stored]:
    """The valid rows (`_current`) of the scope's plans for its day (or `days`)."""
    rows = _current(model).filter(plan_id__in=scope.plans_filter(), day__in=days or [scope.as_of])
    if soon:
        rows = rows.filter(**{"soon_days": scope.soon_days})  # PlanDayFigures only
    return rows


def _missing(scope: Scope) -> list[int]:
    """The scope's plans without valid figures for its day."""
    have = set(_valid(PlanDayFigures, scope).values_list("plan_id", flat=True))
    return [pk for pk in scope.plan_ids if pk not in have]


def _count(scope: Scope, plan_ids: Sequence[int]) -> Counted:
    """Count the plans' figures and store them under the generation each plan had before the
    count (a write committed during it leaves them stale, for the next reader to count)."""
    counted = Counted({}, {})
    for start in range(0, len(plan_ids), _BATCH):
        batch = _count_batch(scope, plan_ids[start : start + _BATCH])
        counted.tallies.update(batch.tallies)
        counted.facts.update(batch.facts)
    return counted


def _count_batch(scope: Scope, plan_ids: Sequence[int]) -> Counted:
    if not plan_ids:
        return Counted({}, {})
    current, today = stamps_of(plan_ids), timezone.localdate()
    part = Scope(Plan.objects.filter(pk__in=plan_ids), scope.as_of, scope.soon_days)
    tallies, facts = task_tallies(part), plan_unit_facts(part)
    day = scope.as_of
    UnitDayFigures.objects.bulk_create(
        [
            UnitDayFigures(plan_id=plan, unit_id=unit, day=day, counted_on=today,
                           generation=current[plan].generation, history=current[plan].history,
                           **{name: getattr(counted, name) for name in _FACTS})
            for (plan, unit), counted in facts.items()
        ],
        batch_size=_BATCH,
        ignore_conflicts=True,
    )  # fmt: skip
    PlanDayFigures.objects.bulk_create(
        [
            PlanDayFigures(plan_id=pk, day=day, soon_days=scope.soon_days, counted_on=today,
                           generation=current[pk].generation, history=current[pk].history,
                           counts={s.value: n for s, n in tallies.get(pk, Counter()).items()})
            for pk in plan_ids
        ],
        batch_size=_BATCH,
        ignore_conflicts=True,
    )  # fmt: skip
    return Counted(tallies, facts)


def _tally(counts: dict[str, int]) -> Counter[Timeliness]:
    """Stored counts (Timeliness value → number) as a counter of classes."""
    return Counter({_STATES[state]: n for state, n in counts.items()})


def _plans_holding(
    tallies: dict[int, Counter[Timeliness]], state: Timeliness, limit: int, offset: int
) -> tuple[list[int], int]:
    """The plans (in id order) whose tasks in `state` make up positions offset…offset+limit,
    and how many such tasks the plans before them hold."""
    chosen: list[int] = []
    seen = skipped = 0
    for plan_id in sorted(tallies):
        n = tallies[plan_id][state]
        if n and seen + n > offset and seen < offset + limit:
            chosen.append(plan_id)
        elif n and seen + n <= offset:
            skipped += n
        seen += n
    return chosen, skipped
