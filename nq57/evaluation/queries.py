"""Reads for the evaluation: where each task of a plan stands on a day, from approved reports.

'As of' a day means: what the reports approved by the end of that day (Asia/Ho_Chi_Minh) say,
each unit's latest one counting (the approved version of its report for the latest period).
A task's progress is its lead units' word: done when every lead unit that reported says
'hoàn thành' (on the latest completion day they give), 'không thực hiện' when they all say so.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import F
from django.utils import timezone

from nq57.evaluation.achievement import Achievement, Milestone, Reading, Result, achievement
from nq57.evaluation.aggregation import UnitValue, aggregate
from nq57.evaluation.scoring import Facts
from nq57.evaluation.timeliness import SOON_DAYS, Progress, Timeliness, classify
from nq57.lib.deadlines import Deadline, DeadlineKind
from nq57.lib.numbers import format_vn_number
from nq57.lib.targets import Assessment
from nq57.plans.models import Assignment, Indicator, Plan, Task
from nq57.reporting.models import IndicatorValue, Submission, TaskUpdate

Lifecycle = TaskUpdate.Lifecycle
_YEAR = re.compile(r"(19|20)\d{2}")


@dataclass
class TaskStanding:
    """A task on the evaluation day: its timeliness and the lead units' latest lines."""

    task: Task
    timeliness: Timeliness
    lines: list[TaskUpdate] = field(default_factory=list)

    @property
    def percent(self) -> int | None:
        known = [line.percent for line in self.lines if line.percent is not None]
        return min(known) if known else None


def end_of(day: date) -> datetime:
    """The last moment of `day` in the project's time zone."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


def deadline_of(task: Task) -> Deadline:
    """The stored deadline of a task (parsed at import), without parsing its text again."""
    return Deadline(
        raw=task.deadline_raw,
        kind=DeadlineKind(task.deadline_kind),
        due=task.deadline_due,
        start=task.deadline_start,
        recurrence=task.deadline_recurrence or None,
        trigger=task.deadline_trigger or None,
    )


def lead_lines(plan_id: int, as_of: date) -> dict[int, list[TaskUpdate]]:
    """For each task of the plan: each lead unit's line (the unit leads it itself or as a
    member of a collective) in its latest report approved by the end of `as_of` that has one
    (the approved version)."""
    approved = Submission.objects.filter(
        plan_id=plan_id, approved_at__lt=end_of(as_of), approved_version__isnull=False
    )
    rows = (
        TaskUpdate.objects.filter(
            submission__in=approved,
            version=F("submission__approved_version"),
            role=Assignment.Role.LEAD,
        )
        .select_related("submission__unit", "submission__period")
        .order_by("task_id", "submission__unit_id", "-submission__period__due")
    )
    latest: dict[tuple[int, int], TaskUpdate] = {}
    for line in rows:
        latest.setdefault((line.task_id, line.submission.unit_id), line)
    found: dict[int, list[TaskUpdate]] = {}
    for (task_id, _unit), line in latest.items():
        found.setdefault(task_id, []).append(line)
    return found


def progress_of(lines: Iterable[TaskUpdate]) -> Progress:
    """The lead units' word on a task (see the module docstring)."""
    said = [line for line in lines if not line.not_applicable and line.lifecycle]
    if said and all(line.lifecycle == Lifecycle.CANCELLED for line in said):
        return Progress(cancelled=True)
    if said and all(line.lifecycle == Lifecycle.DONE for line in said):
        return Progress(done_on=max(_done_on(line) for line in said))
    return Progress()


def _done_on(line: TaskUpdate) -> date:
    """The completion day reported, else (never in practice: a save fills it) the approval."""
    approved = line.submission.approved_at or line.updated_at
    return line.completed_on or timezone.localdate(approved)


def plan_standing(plan_id: int, as_of: date, soon_days: int = SOON_DAYS) -> list[TaskStanding]:
    """Every task of the plan on `as_of`, in document order."""
    lines = lead_lines(plan_id, as_of)
    tasks = Task.objects.filter(plan_id=plan_id).select_related("section").order_by("order")
    return [
        TaskStanding(
            task=task,
            timeliness=classify(
                deadline_of(task), progress_of(lines.get(task.pk, [])), as_of, soon_days
            ),
            lines=lines.get(task.pk, []),
        )
        for task in tasks
    ]


def counts(standing: Iterable[TaskStanding]) -> Counter[Timeliness]:
    """How many tasks stand in each timeliness class."""
    return Counter(row.timeliness for row in standing)


def unit_facts(plan_id: int, as_of: date) -> dict[int, Facts]:
    """What each reporting unit of the plan did by `as_of`, counted for its scorecard: the
    tasks it leads (by its own latest approved word), its reports (sent by the due time or
    later, or not at all, for the periods due by then), the indicators it leads with a value."""
    from nq57.evaluation.tallies import Scope, unit_facts_across

    facts = unit_facts_across(Scope(Plan.objects.filter(pk=plan_id), as_of))
    for unit_id, counts_ in _indicator_counts(plan_id, as_of).items():
        facts[unit_id] = replace(facts.get(unit_id, Facts()), **counts_)
    return facts


def milestones_of(indicator: Indicator) -> list[Milestone]:
    """The indicator's targets due at the end of their milestone year ('2030' → 31/12/2030);
    uses prefetched `targets`."""
    found = []
    for target in indicator.targets.all():
        year = _YEAR.search(target.milestone)
        if year:
            found.append(
                Milestone(target.milestone, date(int(year.group()), 12, 31), target.spec())
            )
    return found


def _indicator_counts(plan_id: int, as_of: date) -> dict[int, dict[str, int]]:
    """For each lead unit: its indicators with a value, and those met or on track (its own
    values: the latest against the next milestone, on the line from its first)."""
    leads = set(
        Assignment.objects.filter(
            indicator__plan_id=plan_id, role=Assignment.Role.LEAD
        ).values_list("indicator_id", "unit_id")
    )
    approved = Submission.objects.filter(
        plan_id=plan_id, approved_version__isnull=False, approved_at__lt=end_of(as_of)
    )
    values = (
        IndicatorValue.objects.filter(
            submission__in=approved,
            version=F("submission__approved_version"),
            not_applicable=False,
            number__isnull=False,
        )
        .order_by("submission__period__end")
        .values_list("indicator_id", "submission__unit_id", "number", "submission__period__end")
    )
    readings: dict[tuple[int, int], list[Reading]] = {}
    for indicator_id, unit_id, number, end in values:
        if number is not None and (indicator_id, unit_id) in leads:
            readings.setdefault((indicator_id, unit_id), []).append(Reading(number, end))
    indicators = Indicator.objects.filter(pk__in={i for i, _ in readings}).in_bulk()
    milestones = {pk: milestones_of(indicator) for pk, indicator in indicators.items()}
    found: dict[int, dict[str, int]] = {}
    for (indicator_id, unit_id), series in readings.items():
        baseline = baseline_of(indicators[indicator_id]) or series[0]
        status = achievement(milestones[indicator_id], series[-1], as_of, baseline=baseline)
        row = found.setdefault(
            unit_id, {"indicators_with_value": 0, "indicators_met_or_on_track": 0}
        )
        row["indicators_with_value"] += 1
        row["indicators_met_or_on_track"] += status.status in (
            Achievement.MET,
            Achievement.ON_TRACK,
        )
    return found


def baseline_of(indicator: Indicator) -> Reading | None:
    """The baseline entered for the indicator (giá trị nền), if any."""
    if indicator.baseline_value is None or indicator.baseline_on is None:
        return None
    return Reading(indicator.baseline_value, indicator.baseline_on)


def person_of(indicator: Indicator, as_of: date) -> Assessment | None:
    """The latest person's judgement of a qualitative target made by `as_of` (uses prefetched
    `assessments`, newest first)."""
    for row in indicator.assessments.all():
        if row.assessed_on <= as_of:
            return Assessment(row.result)
    return None


@dataclass(frozen=True)
class IndicatorStanding:
    """An indicator on the evaluation day: its value over the units (by its rule) in the
    latest period with values, the approved lines behind it, its achievement."""

    indicator: Indicator
    result: Result
    value: Decimal | None
    lines: tuple[IndicatorValue, ...] = ()

    @property
    def value_label(self) -> str:
        if self.value is None:
            return "—"
        return format_vn_number(self.value.quantize(Decimal("0.01")).normalize())


def indicator_standing(plan_id: int, as_of: date) -> list[IndicatorStanding]:
    """Every indicator of the plan on `as_of`, in document order (see `IndicatorStanding`);
    the baseline is the first period's value."""
    by_period = _values_by_period(plan_id, as_of)
    indicators = Indicator.objects.filter(plan_id=plan_id).prefetch_related(
        "targets", "assessments"
    )
    return [
        _standing(indicator, by_period.get(indicator.pk, []), as_of)
        for indicator in indicators.order_by("order")
    ]


def _values_by_period(plan_id: int, as_of: date) -> dict[int, list[list[IndicatorValue]]]:
    """For each indicator: the approved values of each period, oldest period first."""
    approved = Submission.objects.filter(
        plan_id=plan_id, approved_version__isnull=False, approved_at__lt=end_of(as_of)
    ).values("pk")
    rows = (
        IndicatorValue.objects.filter(
            submission__in=approved, version=F("submission__approved_version"), not_applicable=False
        )
        .select_related("submission__unit", "submission__period")
        .order_by("indicator_id", "submission__period__end", "submission__unit__name")
    )
    grouped: dict[int, dict[date, list[IndicatorValue]]] = {}
    for value in rows:
        periods = grouped.setdefault(value.indicator_id, {})
        periods.setdefault(value.submission.period.end, []).append(value)
    return {key: [periods[end] for end in sorted(periods)] for key, periods in grouped.items()}


def _standing(
    indicator: Indicator, periods: list[list[IndicatorValue]], as_of: date
) -> IndicatorStanding:
    readings = []
    for values in periods:
        parts = [UnitValue(v.number, v.numerator, v.denominator, v.flag) for v in values]
        number = aggregate(indicator.aggregation, parts)
        if number is not None:
            readings.append((Reading(number, values[0].submission.period.end), values))
    latest = readings[-1] if readings else None
    result = achievement(
        milestones_of(indicator),
        latest[0] if latest else None,
        as_of,
        baseline=baseline_of(indicator) or (readings[0][0] if readings else None),
        person=person_of(indicator, as_of),
    )
    return IndicatorStanding(
        indicator, result, latest[0].value if latest else None, tuple(latest[1]) if latest else ()
    )


@dataclass(frozen=True)
class PeriodCompliance:
    """How many units sent the period's report on time, late, or not at all (by `as_of`)."""

    label: str
    due: datetime
    on_time: int
    late: int
    missing: int


def compliance_by_period(plan_id: int, as_of: date) -> list[PeriodCompliance]:
    """For each period of the plan due by the end of `as_of`, oldest first."""
    cutoff = end_of(as_of)
    rows = Submission.objects.filter(plan_id=plan_id, period__due__lt=cutoff).values_list(
        "period_id", "period__label", "period__due", "first_submitted_at"
    )
    found: dict[int, list[Any]] = {}
    for period_id, label, due, sent in rows.order_by("period__due"):
        row = found.setdefault(period_id, [label, due, 0, 0, 0])
        if sent is None or sent >= cutoff:
            row[4] += 1
        else:
            row[2 if sent <= due else 3] += 1
    return [PeriodCompliance(*row) for row in found.values()]
