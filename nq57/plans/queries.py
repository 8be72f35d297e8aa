"""Permission-scoped and reused reads on plans."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet

from nq57.lib.vntext import fold
from nq57.orgs.models import Unit
from nq57.orgs.queries import access_for
from nq57.plans.models import (
    Assignment,
    Indicator,
    Plan,
    PlanQuerySet,
    PlanReference,
    Task,
    TaskQuerySet,
)

User = AbstractBaseUser | AnonymousUser


RowsT = TypeVar("RowsT", bound=QuerySet[Any])


def assignments_with_units() -> Prefetch[str, QuerySet[Assignment], str]:
    """Prefetch of a task's or indicator's assignments with their units (chips, exports)."""
    return Prefetch("assignments", queryset=Assignment.objects.select_related("unit"))


def containing_words(rows: RowsT, text: str) -> RowsT:
    """Rows whose folded text holds every word of `text`, diacritics and case aside."""
    for word in fold(text).split():
        rows = rows.filter(folded_text__contains=word)
    return rows


def plans_visible_to(user: User) -> PlanQuerySet:
    """Plans `user` may read, following their roles in the unit tree (`orgs.Membership`).

    An administrator reads every plan; a standing office or leader the plans issued in their
    unit's subtree, drafts included; an upper level the published ones there; a unit officer
    the published plans that assign their unit a task or an indicator (lead or coordinating,
    itself or through a collective such as 'Ủy ban nhân dân 10 phường'), and so does its head.
    """
    plans = Plan.objects.without_source()
    access = access_for(user)
    if access.is_admin:
        return plans
    published = Q(status=Plan.Status.PUBLISHED)
    units = access.reports_for | access.heads  # officers and heads of the assigned units
    assigned = Exists(
        Assignment.objects.filter(task__plan=OuterRef("pk"), unit_id__in=units)
    ) | Exists(Assignment.objects.filter(indicator__plan=OuterRef("pk"), unit_id__in=units))
    visible = Q(issuer_id__in=access.reads) | (published & Q(issuer_id__in=access.reads_published))
    if units:
        visible |= published & assigned
    return plans.filter(visible)


def plans_manageable_by(user: User) -> PlanQuerySet:
    """Plans `user` may update from a revised file: those issued where they are standing office."""
    access = access_for(user)
    plans = Plan.objects.without_source()
    return plans if access.is_admin else plans.filter(issuer_id__in=access.manages)


def plan_list(user: User) -> PlanQuerySet:
    """The plan list page: visible plans with their issuer and task/indicator counts."""
    return plans_visible_to(user).select_related("issuer").with_counts()


def plan_detail(plan_id: int, task_window: tuple[int, int] | None = None) -> Plan:
    """A plan with everything its page shows, in a fixed number of queries.

    `task_window` (offset, limit) loads only that stretch of the tasks in plan order.
    """
    references = PlanReference.objects.select_related("resolved_plan").defer(
        "resolved_plan__source_file"
    )
    tasks = Task.objects.all()
    if task_window is not None:
        offset, limit = task_window
        ordered = Task.objects.filter(plan_id=plan_id).order_by("order", "pk")
        tasks = tasks.filter(
            pk__in=list(ordered.values_list("pk", flat=True)[offset : offset + limit])
        )
    tasks = tasks.prefetch_related(assignments_with_units())
    indicators = Indicator.objects.prefetch_related("targets", assignments_with_units())
    return (
        Plan.objects.without_source()
        .select_related("issuer")
        .prefetch_related(
            Prefetch("references", queryset=references),
            "sections",
            Prefetch("tasks", queryset=tasks),
            Prefetch("indicators", queryset=indicators),
        )
        .get(pk=plan_id)
    )


@dataclass(frozen=True)
class SectionEntry:
    """A task section of a plan, how many tasks it has and the page where it starts."""

    section_id: int | None
    tasks: int
    page: int


def task_section_index(plan_id: int, page_size: int) -> list[SectionEntry]:
    """Sections in plan order with their task counts and first page (one small query)."""
    entries: dict[int | None, SectionEntry] = {}
    rows = Task.objects.filter(plan_id=plan_id).order_by("order", "pk").values_list("section_id")
    for index, (section_id,) in enumerate(rows):
        entry = entries.get(section_id)
        page = entry.page if entry else index // page_size + 1
        entries[section_id] = SectionEntry(section_id, (entry.tasks if entry else 0) + 1, page)
    return list(entries.values())


@dataclass(frozen=True)
class WorkFilter:
    """Filters of the 'Việc của đơn vị' list and the search page (all optional)."""

    unit_id: int | None = None
    plan_id: int | None = None
    role: str | None = None  # Assignment.Role value
    deadline_kind: str | None = None
    due_within_days: int | None = None
    text: str = ""
    section_id: int | None = None


def member_units(user: User) -> list[Unit]:
    """The units `user` holds a role at, by name."""
    if not user.is_authenticated:
        return []
    return list(Unit.objects.filter(memberships__user_id=user.pk).distinct().order_by("name"))


def unit_tasks(user: User, units: list[Unit], wanted: WorkFilter, today: date) -> TaskQuerySet:
    """Tasks of visible plans where one of `units` leads or coordinates, due first."""
    unit_ids = [u.pk for u in units if wanted.unit_id in (None, u.pk)]
    mine = Assignment.objects.filter(task=OuterRef("pk"), unit_id__in=unit_ids)
    if wanted.role:
        mine = mine.filter(role=wanted.role)
    tasks = _filtered_tasks(user, wanted, today).filter(Exists(mine))
    return tasks.order_by(F("deadline_due").asc(nulls_last=True), "plan_id", "order")


def unit_indicators(user: User, units: list[Unit], wanted: WorkFilter) -> QuerySet[Indicator]:
    """Indicators of visible plans that one of `units` monitors or supplies data for."""
    unit_ids = [u.pk for u in units if wanted.unit_id in (None, u.pk)]
    mine = Assignment.objects.filter(indicator=OuterRef("pk"), unit_id__in=unit_ids)
    if wanted.role:
        mine = mine.filter(role=wanted.role)
    indicators = Indicator.objects.filter(plan__in=plans_visible_to(user)).filter(Exists(mine))
    if wanted.plan_id:
        indicators = indicators.filter(plan_id=wanted.plan_id)
    if wanted.section_id:
        indicators = indicators.filter(section_id=wanted.section_id)
    return _indicator_list(indicators, wanted.text)


def search_tasks(user: User, wanted: WorkFilter, today: date) -> TaskQuerySet:
    """Tasks of every plan `user` may read matching the filter (text ignores diacritics)."""
    return _filtered_tasks(user, wanted, today).order_by("plan_id", "order")


def search_indicators(user: User, text: str) -> QuerySet[Indicator]:
    """Indicators of every plan `user` may read whose text holds the words of `text`."""
    return _indicator_list(Indicator.objects.filter(plan__in=plans_visible_to(user)), text)


def _indicator_list(indicators: QuerySet[Indicator], text: str) -> QuerySet[Indicator]:
    """`indicators` holding the words of `text`, in plan order, with what a list shows."""
    return (
        containing_words(indicators, text)
        .select_related("plan", "section")
        .prefetch_related("targets", assignments_with_units())
        .order_by("plan_id", "order")
    )


def _filtered_tasks(user: User, wanted: WorkFilter, today: date) -> TaskQuerySet:
    tasks = Task.objects.filter(plan__in=plans_visible_to(user))
    if wanted.plan_id:
        tasks = tasks.filter(plan_id=wanted.plan_id)
    if wanted.section_id:
        tasks = tasks.filter(section_id=wanted.section_id)
    if wanted.deadline_kind:
        tasks = tasks.filter(deadline_kind=wanted.deadline_kind)
    if wanted.due_within_days is not None:
        tasks = tasks.due_between(today, today + timedelta(days=wanted.due_within_days))
    return (
        containing_words(tasks, wanted.text)
        .select_related("plan", "section")
        .prefetch_related(assignments_with_units())
    )
