"""Reads on reports: who may see or act on which submission, and what a submission covers."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, Prefetch, Q, QuerySet

from nq57.lib.regimes import BusinessCalendar
from nq57.orgs.models import Unit
from nq57.orgs.queries import User, access_for, collective_ids_of, unit_ids_below
from nq57.plans.models import Assignment, Indicator, Plan, Task
from nq57.reporting.models import (
    Evidence,
    Holiday,
    IndicatorValue,
    ReportingPeriod,
    Submission,
    TaskUpdate,
)


def business_calendar() -> BusinessCalendar:
    """Working days as configured: the weekend (NQ57_WEEKEND) and `Holiday` rows."""
    return BusinessCalendar(
        holidays=frozenset(Holiday.objects.values_list("day", flat=True)),
        weekend=frozenset(settings.NQ57_WEEKEND),
    )


def submissions_visible_to(user: User) -> QuerySet[Submission]:
    """Reports `user` may read: every report of a plan they read, and their own units'
    reports (officers and unit heads); units below those they read as leaders."""
    access = access_for(user)
    everything = Submission.objects.select_related("plan", "period", "unit")
    if access.is_admin:
        return everything
    readers = access.manages | access.reads
    return everything.filter(
        Q(plan__issuer_id__in=readers)
        | Q(plan__issuer_id__in=access.reads_published, plan__status=Plan.Status.PUBLISHED)
        | Q(unit_id__in=access.reports_for | access.heads | access.reads)
    )


def can_write(user: User, submission: Submission) -> bool:
    """The unit's officers and heads write its report (and administrators)."""
    access = access_for(user)
    return access.is_admin or submission.unit_id in (access.reports_for | access.heads)


def can_head_approve(user: User, submission: Submission) -> bool:
    """The unit's head approves inside the unit before the report goes up."""
    access = access_for(user)
    return access.is_admin or submission.unit_id in access.heads


def can_review(user: User, submission: Submission) -> bool:
    """The standing office of the plan's issuer approves or returns the report."""
    access = access_for(user)
    return access.is_admin or submission.plan.issuer_id in access.manages


def can_manage_reporting(user: User, plan: Plan) -> bool:
    """Who sets a plan's regimes, locks and re-opens its periods."""
    access = access_for(user)
    return access.is_admin or plan.issuer_id in access.manages


def can_consolidate(user: User, plan: Plan) -> bool:
    """Who may read every unit's report of a plan at once (the consolidated report): its
    standing office, leaders above it, an upper level once it is published."""
    access = access_for(user)
    if access.is_admin or plan.issuer_id in (access.manages | access.reads):
        return True
    return plan.is_published and plan.issuer_id in access.reads_published


@dataclass(frozen=True)
class Scope:
    """What a unit reports on in a plan: task and indicator ids, each with the unit's role."""

    tasks: dict[int, str]
    indicators: dict[int, str]


def scope_of(plan_id: int, unit_id: int) -> Scope:
    """Tasks and indicators of the plan where the unit leads or coordinates, itself or as a
    member of a collective ('Ủy ban nhân dân 10 phường'); lead wins."""
    tasks: dict[int, str] = {}
    indicators: dict[int, str] = {}
    units = [unit_id, *collective_ids_of([unit_id])]
    rows = Assignment.objects.filter(unit_id__in=units).filter(
        Q(task__plan_id=plan_id) | Q(indicator__plan_id=plan_id)
    )
    for task_id, indicator_id, role in rows.values_list("task_id", "indicator_id", "role"):
        target = tasks if task_id is not None else indicators
        key = task_id if task_id is not None else indicator_id
        if target.get(key) != Assignment.Role.LEAD:
            target[key] = role
    return Scope(tasks=tasks, indicators=indicators)


def scope_tasks(scope: Scope) -> QuerySet[Task]:
    return Task.objects.filter(pk__in=scope.tasks).select_related("section").order_by("order")


def scope_indicators(scope: Scope) -> QuerySet[Indicator]:
    return (
        Indicator.objects.filter(pk__in=scope.indicators)
        .prefetch_related("targets")
        .order_by("order")
    )


def task_lines(submission: Submission, version: int | None = None) -> dict[int, TaskUpdate]:
    """The submission's task lines of `version` (default: the one being written), by task."""
    evidence = Evidence.objects.select_related("file").defer("file__data")  # not the bytes
    rows = TaskUpdate.objects.filter(
        submission=submission, version=version or submission.version
    ).prefetch_related(Prefetch("evidence", queryset=evidence))
    return {row.task_id: row for row in rows}


def value_lines(submission: Submission, version: int | None = None) -> dict[int, IndicatorValue]:
    rows = IndicatorValue.objects.filter(
        submission=submission, version=version or submission.version
    )
    return {row.indicator_id: row for row in rows}


def previous_submission(submission: Submission) -> Submission | None:
    """The unit's report on the same plan for the latest earlier period that has lines."""
    return (
        Submission.objects.filter(
            plan_id=submission.plan_id,
            unit_id=submission.unit_id,
            period__due__lt=submission.period.due,
        )
        .exclude(status=Submission.Status.NOT_STARTED)
        .order_by("-period__due")
        .first()
    )


def previous_values(submission: Submission) -> dict[int, IndicatorValue]:
    """The unit's values in its previous report (approved version when there is one)."""
    previous = previous_submission(submission)
    if previous is None:
        return {}
    return value_lines(previous, previous.approved_version or previous.version)


def contributions(submission: Submission) -> dict[int, list[TaskUpdate]]:
    """For each task the unit leads: what the coordinating units reported on it in the same
    period (their version being written or last sent), by task id."""
    lead_tasks = [
        t
        for t, role in scope_of(submission.plan_id, submission.unit_id).tasks.items()
        if role == Assignment.Role.LEAD
    ]
    rows = (
        TaskUpdate.objects.filter(
            task_id__in=lead_tasks,
            submission__period_id=submission.period_id,
            role=Assignment.Role.COORDINATING,
        )
        .exclude(submission__unit_id=submission.unit_id)
        .select_related("submission__unit")
        .order_by("task_id", "submission__unit__name", "-version")
    )
    found: dict[int, list[TaskUpdate]] = {}
    seen: set[tuple[int, int]] = set()
    for row in rows:
        if row.version != row.submission.version or (row.task_id, row.submission_id) in seen:
            continue
        seen.add((row.task_id, row.submission_id))
        found.setdefault(row.task_id, []).append(row)
    return found


@dataclass(frozen=True)
class ReportingUnits:
    """Who reports on a plan: `units`; and the assigned units that do not — collectives whose
    members are not known (`collectives`), units outside the issuer's area (`outside`, such
    as a city department named in a district's plan: it does not report to the district)."""

    units: frozenset[int]
    collectives: tuple[int, ...]
    outside: tuple[int, ...]


def reporting_units(plan: Plan) -> ReportingUnits:
    """The units that report on `plan` (see `ReportingUnits`); collectives by their stored
    members (`orgs.collectives.expand_collectives` stores them)."""
    assigned = set(
        Assignment.objects.filter(
            Q(task__plan_id=plan.pk) | Q(indicator__plan_id=plan.pk)
        ).values_list("unit_id", flat=True)
    )
    members: dict[int, set[int]] = {}
    pairs = Unit.members.through.objects.filter(from_unit_id__in=assigned)
    for collective, member in pairs.values_list("from_unit_id", "to_unit_id"):
        members.setdefault(collective, set()).add(member)
    collectives = set(
        Unit.objects.filter(pk__in=assigned, is_collective=True).values_list("pk", flat=True)
    )
    named = (assigned - collectives).union(*members.values())
    area = unit_ids_below([area_of(plan.issuer_id)]) if plan.issuer_id else named
    return ReportingUnits(
        units=frozenset(named & area),
        collectives=tuple(sorted(collectives - set(members))),
        outside=tuple(sorted(named - area)),
    )


def area_of(unit_id: int) -> int:
    """The area a unit belongs to: climb while the parent has the same level (Ủy ban nhân dân
    Quận 3 → Quận 3; Ban Thường vụ Thành ủy → Thành ủy → Thành phố Hồ Chí Minh)."""
    fields = ("pk", "parent_id", "level")
    unit = Unit.objects.only(*fields).get(pk=unit_id)
    level = unit.level
    for _ in range(20):  # the tree's depth bound, as in orgs.queries
        if unit.parent_id is None:
            break
        parent = Unit.objects.only(*fields).filter(pk=unit.parent_id).first()
        if parent is None or parent.level != level:
            break
        unit = parent
    return int(unit.pk)


def task_reports(task_id: int, user: User, limit: int = 30) -> list[TaskUpdate]:
    """What units reported on a task (each report's version being written or last sent),
    newest period first: in the reports `user` may read, or every unit's when one of the
    person's units leads the task (the lead unit sees its coordinating units' contributions)."""
    rows = TaskUpdate.objects.filter(task_id=task_id, version=F("submission__version"))
    access = access_for(user)
    mine = access.reports_for | access.heads
    leads = Assignment.objects.filter(
        task_id=task_id, role=Assignment.Role.LEAD, unit_id__in=mine
    ).exists()
    if not (access.is_admin or leads):
        rows = rows.filter(submission__in=submissions_visible_to(user).values("pk"))
    rows = rows.select_related("submission__unit", "submission__period").order_by(
        "-submission__period__due", "submission__unit__name"
    )
    return list(rows[:limit])


def indicator_reports(indicator_id: int, user: User, limit: int = 30) -> list[IndicatorValue]:
    """The values units reported for an indicator (as `task_reports`)."""
    visible = submissions_visible_to(user).values("pk")
    rows = (
        IndicatorValue.objects.filter(
            indicator_id=indicator_id, submission__in=visible, version=F("submission__version")
        )
        .select_related("submission__unit", "submission__period")
        .order_by("-submission__period__due", "submission__unit__name")
    )
    return list(rows[:limit])


def period_rows(period: ReportingPeriod) -> QuerySet[Submission]:
    """Every unit's report for the period, by unit name."""
    return (
        Submission.objects.filter(period=period)
        .select_related("unit", "period__regime")
        .order_by("unit__name")
    )


def returned_for(user: User) -> QuerySet[Submission]:
    """Reports returned for revision to units the person writes for (shown first to them)."""
    access = access_for(user)
    units = access.reports_for | access.heads
    return submissions_visible_to(user).filter(status=Submission.Status.RETURNED, unit_id__in=units)
