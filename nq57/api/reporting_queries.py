"""Reads of the reporting endpoints, scoped exactly as the web's (`reporting.queries`).

A plan's regimes and periods are visible with the plan (`plans_visible_to`); a submission, its
lines, events and evidence when `submissions_visible_to` lets the caller read it. Anything
else is answered as not found, never as forbidden; what the caller may see but not do is
refused by the domain's actions (403 with their message).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from nq57.api.errors import not_found
from nq57.api.reporting_schemas import SubmissionQuery
from nq57.orgs.queries import User
from nq57.plans.models import Indicator, Plan, Task
from nq57.plans.queries import plans_visible_to
from nq57.reporting.errors import NotAllowed
from nq57.reporting.models import (
    Evidence,
    EvidenceFile,
    IndicatorValue,
    ReportingPeriod,
    ReportingRegime,
    Submission,
    SubmissionEvent,
    TaskUpdate,
)
from nq57.reporting.queries import (
    Scope,
    can_head_approve,
    can_manage_reporting,
    can_review,
    can_write,
    contributions,
    period_rows,
    scope_of,
    submissions_visible_to,
)

PLAN_NOT_FOUND = "Không tìm thấy kế hoạch."
PERIOD_NOT_FOUND = "Không tìm thấy kỳ báo cáo."
SUBMISSION_NOT_FOUND = "Không tìm thấy báo cáo."
EVIDENCE_NOT_FOUND = "Không tìm thấy minh chứng."
NO_FILE = "Minh chứng này không có tệp."
MANAGERS_ONLY = "Chỉ cơ quan thường trực của kế hoạch được đặt chế độ báo cáo."


# ---- plans, regimes, periods ----


def visible_plan(user: User, plan_id: int) -> Plan:
    plan = plans_visible_to(user).filter(pk=plan_id).first()
    if plan is None:
        raise not_found(PLAN_NOT_FOUND)
    return plan


def managed_plan(user: User, plan_id: int) -> Plan:
    """A visible plan whose reporting the caller manages (`set_regimes` leaves it to us)."""
    plan = visible_plan(user, plan_id)
    if not can_manage_reporting(user, plan):
        raise NotAllowed(MANAGERS_ONLY)
    return plan


def regimes_of(user: User, plan_id: int) -> list[ReportingRegime]:
    plan = visible_plan(user, plan_id)
    return list(ReportingRegime.objects.filter(plan=plan).order_by("pk"))


def periods_of(user: User, plan_id: int) -> QuerySet[ReportingPeriod]:
    plan = visible_plan(user, plan_id)
    return _periods().filter(plan=plan).order_by("due", "pk")


def periods_by_id(ids: list[int]) -> list[ReportingPeriod]:
    """Periods as stored (after a write: times read back from the database, as everywhere)."""
    return list(_periods().filter(pk__in=ids).order_by("due", "pk"))


def visible_period(user: User, period_id: int) -> ReportingPeriod:
    period = _periods().filter(pk=period_id, plan__in=plans_visible_to(user)).first()
    if period is None:
        raise not_found(PERIOD_NOT_FOUND)
    return period


def period_compliance(user: User, period_id: int) -> QuerySet[Submission]:
    """The period's reports the caller may read, by unit."""
    period = visible_period(user, period_id)
    visible = submissions_visible_to(user).values("pk")
    return period_rows(period).filter(pk__in=visible).order_by("unit__name", "pk")


def _periods() -> QuerySet[ReportingPeriod]:
    return ReportingPeriod.objects.select_related("regime")


# ---- submissions ----


def _submissions(user: User) -> QuerySet[Submission]:
    return submissions_visible_to(user).select_related("period__regime")


def submission_list(user: User, wanted: SubmissionQuery) -> QuerySet[Submission]:
    rows = _submissions(user)
    if wanted.plan is not None:
        rows = rows.filter(plan_id=wanted.plan)
    if wanted.period is not None:
        rows = rows.filter(period_id=wanted.period)
    if wanted.unit is not None:
        rows = rows.filter(unit_id=wanted.unit)
    if wanted.status:
        rows = rows.filter(status=wanted.status)
    return rows.order_by("period__due", "plan_id", "unit__name", "pk")


def visible_submission(user: User, submission_id: int) -> Submission:
    found = _submissions(user).filter(pk=submission_id).first()
    if found is None:
        raise not_found(SUBMISSION_NOT_FOUND)
    return found


@dataclass(frozen=True)
class Rights:
    write: bool
    head_approve: bool
    review: bool
    manage: bool


@dataclass(frozen=True)
class ValueRow:
    """An indicator value with the unit's role on the indicator (other fields pass through)."""

    line: IndicatorValue
    role: str | None

    def __getattr__(self, name: str) -> Any:
        return getattr(self.line, name)


@dataclass(frozen=True)
class VersionView:
    submission_id: int
    version: int
    approved: bool
    narrative: dict[str, str]
    tasks: list[TaskUpdate]
    values: list[ValueRow]


@dataclass(frozen=True)
class SubmissionView:
    """A submission with what its detail shows (its own fields pass through)."""

    submission: Submission
    rights: Rights
    tasks: list[TaskUpdate]
    values: list[ValueRow]
    contributions: list[TaskUpdate]
    events: list[SubmissionEvent]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.submission, name)


def submission_detail(user: User, submission: Submission) -> SubmissionView:
    """The version being written: a line for every task and indicator the unit reports on
    (empty until typed) and any other line stored, the events, coordinating units' lines."""
    scope = scope_of(submission.plan_id, submission.unit_id)
    found = contributions(submission)
    return SubmissionView(
        submission=submission,
        rights=Rights(
            write=can_write(user, submission),
            head_approve=can_head_approve(user, submission),
            review=can_review(user, submission),
            manage=can_manage_reporting(user, submission.plan),
        ),
        tasks=_task_lines(submission, submission.version, scope, with_scope=True),
        values=_value_lines(submission, submission.version, scope, with_scope=True),
        contributions=[line for lines in found.values() for line in lines],
        events=list(submission.events.order_by("at", "pk")),
    )


def version_detail(user: User, submission_id: int, version: int) -> VersionView:
    """The lines stored for one version of a visible submission."""
    submission = visible_submission(user, submission_id)
    if not 1 <= version <= submission.version:
        raise not_found(f"Báo cáo không có phiên bản {version}.")
    scope = scope_of(submission.plan_id, submission.unit_id)
    return VersionView(
        submission_id=submission.pk,
        version=version,
        approved=version == submission.approved_version,
        narrative=submission.narrative(version),
        tasks=_task_lines(submission, version, scope, with_scope=False),
        values=_value_lines(submission, version, scope, with_scope=False),
    )


def _task_lines(
    submission: Submission, version: int, scope: Scope, *, with_scope: bool
) -> list[TaskUpdate]:
    rows = (
        TaskUpdate.objects.filter(submission=submission, version=version)
        .select_related("task")
        .prefetch_related(Prefetch("evidence", queryset=_evidence(), to_attr="shown_evidence"))
    )
    lines: dict[int, TaskUpdate] = {row.task_id: row for row in rows}
    if with_scope:
        missing = Task.objects.filter(pk__in=set(scope.tasks) - set(lines))
        for task in missing:
            lines[task.pk] = TaskUpdate(
                submission=submission, version=version, task=task, role=scope.tasks[task.pk]
            )
    return sorted(lines.values(), key=lambda line: (line.task.order, line.task_id))


def _value_lines(
    submission: Submission, version: int, scope: Scope, *, with_scope: bool
) -> list[ValueRow]:
    rows = IndicatorValue.objects.filter(submission=submission, version=version)
    lines = {row.indicator_id: row for row in rows.select_related("indicator")}
    if with_scope:
        missing = Indicator.objects.filter(pk__in=set(scope.indicators) - set(lines))
        for indicator in missing:
            lines[indicator.pk] = IndicatorValue(
                submission=submission, version=version, indicator=indicator
            )
    ordered = sorted(lines.values(), key=lambda line: (line.indicator.order, line.indicator_id))
    return [ValueRow(line, scope.indicators.get(line.indicator_id)) for line in ordered]


# ---- evidence ----


def _evidence() -> QuerySet[Evidence]:
    """Evidence with its file's description, never its bytes."""
    return (
        Evidence.objects.select_related("file", "added_by")
        .defer("file__data")
        .order_by("added_at", "pk")
    )


def visible_evidence(user: User, evidence_id: int) -> Evidence:
    visible = submissions_visible_to(user).values("pk")
    found = (
        _evidence()
        .select_related("task_update__submission")
        .filter(pk=evidence_id, task_update__submission__in=visible)
        .first()
    )
    if found is None:
        raise not_found(EVIDENCE_NOT_FOUND)
    return found


def evidence_file(user: User, evidence_id: int) -> tuple[Evidence, EvidenceFile]:
    """A visible evidence and its stored file (withdrawn evidence stays readable)."""
    evidence = visible_evidence(user, evidence_id)
    stored = EvidenceFile.objects.filter(pk=evidence.file_id or 0).first()
    if stored is None:
        raise not_found(NO_FILE)
    return evidence, stored
