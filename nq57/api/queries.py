"""Reads of the API, each scoped to what the caller may see.

Plans and everything in them go through `plans.queries.plans_visible_to`: a section, task or
indicator is visible exactly when its plan is. Units: an administrator sees all; anyone else the
units their roles reach (`orgs.queries.access_for`) and the ancestors of those units.
Something the caller may not see is reported as not found, never as forbidden.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet, Subquery
from django.db.models.functions import Coalesce

from nq57.api.errors import invalid_input, not_found
from nq57.api.schemas import AssignedQuery, PlanQuery, SectionQuery, TaskQuery, UnitQuery
from nq57.lib.docnumbers import normalize_doc_number
from nq57.lib.vntext import fold
from nq57.orgs.models import Unit, UnitQuerySet
from nq57.orgs.queries import User, access_for
from nq57.plans.models import (
    Assignment,
    Indicator,
    Plan,
    PlanQuerySet,
    PlanReference,
    Section,
    Task,
    TaskQuerySet,
)
from nq57.plans.queries import assignments_with_units, containing_words, plans_visible_to

_MAX_DEPTH = 20
_PLAN_NOT_FOUND = "Không tìm thấy kế hoạch."
RowsT = TypeVar("RowsT", TaskQuerySet, QuerySet[Indicator])


# ---- units ----


def visible_unit_ids(user: User) -> frozenset[int] | None:
    """Ids of the units `user` may see; None means every unit (an administrator)."""
    access = access_for(user)
    if access.is_admin:
        return None
    reached = access.manages | access.reads | access.reads_published | access.reports_for
    return frozenset(reached | ancestor_ids(reached))


def ancestor_ids(unit_ids: Iterable[int]) -> set[int]:
    """Every unit above the given ones (one query per level of the tree)."""
    found: set[int] = set()
    frontier = set(unit_ids)
    for _ in range(_MAX_DEPTH):
        parents = Unit.objects.filter(pk__in=frontier, parent__isnull=False).order_by()
        frontier = set(parents.values_list("parent_id", flat=True)) - found
        if not frontier:
            break
        found |= frontier
    return found


def units_visible_to(user: User) -> UnitQuerySet:
    """Visible units with their parent and `children_count` (visible children only)."""
    ids = visible_unit_ids(user)
    units = Unit.objects.all() if ids is None else Unit.objects.filter(pk__in=ids)
    children = Unit.objects.filter(parent=OuterRef("pk"))
    if ids is not None:
        children = children.filter(pk__in=ids)
    count = children.values("parent").annotate(n=Count("*")).values("n")
    return units.select_related("parent").annotate(children_count=Coalesce(Subquery(count), 0))


def unit_list(user: User, wanted: UnitQuery) -> UnitQuerySet:
    units = units_visible_to(user)
    if wanted.parent is not None:
        units = units.filter(parent_id=wanted.parent)
    if wanted.root:
        units = units.filter(parent__isnull=True)
    if wanted.level:
        units = units.filter(level=wanted.level)
    if wanted.status:
        units = units.filter(status=wanted.status)
    if wanted.q.strip():
        units = units.search(wanted.q)
    return units.order_by("name", "pk")


def unit_detail(user: User, unit_id: int) -> Unit:
    unit = units_visible_to(user).prefetch_related("aliases").filter(pk=unit_id).first()
    if unit is None:
        raise not_found("Không tìm thấy đơn vị.")
    return unit


# ---- plans and sections ----


def plan_list(user: User, wanted: PlanQuery) -> PlanQuerySet:
    plans = plans_visible_to(user)
    if wanted.level:
        plans = plans.filter(level=wanted.level)
    if wanted.issuer is not None:
        plans = plans.filter(issuer_id=wanted.issuer)
    if wanted.status:
        plans = plans.filter(status=wanted.status)
    if wanted.q.strip():
        plans = _search_plans(plans, wanted.q)
    return (
        plans.select_related("issuer").with_counts().order_by("-issue_date", "-imported_at", "pk")
    )


def _search_plans(plans: PlanQuerySet, text: str) -> PlanQuerySet:
    """Plans whose number and title contain every word of `text`, ignoring diacritics, or whose
    number is `text` written another way ('91-KH/UBND').

    Plans have no folded title column yet, so the words are matched in Python over the
    visible plans' numbers and titles (one extra query).
    """
    words = fold(text).split()
    number = normalize_doc_number(text)
    rows = plans.values_list("pk", "number", "title", "normalized_number")
    ids = [
        pk
        for pk, plan_number, title, normalized in rows
        if normalized == number or all(w in fold(f"{plan_number or ''} {title}") for w in words)
    ]
    return plans.filter(pk__in=ids)


def plan_detail(user: User, plan_id: int) -> Plan:
    """A visible plan with its issuer, counts and references (linked only to visible plans)."""
    visible = plans_visible_to(user)
    cited_visible = Exists(visible.filter(pk=OuterRef("resolved_plan_id")))
    references = PlanReference.objects.annotate(resolved_visible=cited_visible)
    plan = (
        visible.select_related("issuer")
        .with_counts()
        .prefetch_related(Prefetch("references", queryset=references.order_by("order")))
        .filter(pk=plan_id)
        .first()
    )
    if plan is None:
        raise not_found(_PLAN_NOT_FOUND)
    return plan


def section_list(user: User, plan_id: int, wanted: SectionQuery) -> QuerySet[Section]:
    if not plans_visible_to(user).filter(pk=plan_id).exists():
        raise not_found(_PLAN_NOT_FOUND)
    sections = Section.objects.filter(plan_id=plan_id)
    if wanted.kind:
        sections = sections.filter(kind=wanted.kind)
    return sections.annotate(
        task_count=_count(Task.objects.filter(section=OuterRef("pk")), "section"),
        indicator_count=_count(Indicator.objects.filter(section=OuterRef("pk")), "section"),
    ).order_by("order", "pk")


def _count(rows: QuerySet[Task] | QuerySet[Indicator], key: str) -> Coalesce:
    return Coalesce(Subquery(rows.values(key).annotate(n=Count("*")).values("n")), 0)


# ---- tasks and indicators ----


def task_list(user: User, wanted: TaskQuery) -> TaskQuerySet:
    tasks = _visible_tasks(user)
    tasks = _assigned(tasks, wanted, "task")
    if wanted.deadline_kind:
        tasks = tasks.filter(deadline_kind=wanted.deadline_kind)
    if wanted.due_after is not None:
        tasks = tasks.filter(deadline_due__gte=wanted.due_after)
    if wanted.due_before is not None:
        tasks = tasks.filter(deadline_due__lte=wanted.due_before)
    return tasks.order_by("plan_id", "order", "pk")


def task_detail(user: User, task_id: int) -> Task:
    task = _visible_tasks(user).filter(pk=task_id).first()
    if task is None:
        raise not_found("Không tìm thấy nhiệm vụ.")
    return task


def indicator_list(user: User, wanted: AssignedQuery) -> QuerySet[Indicator]:
    indicators = _assigned(_visible_indicators(user), wanted, "indicator")
    return indicators.order_by("plan_id", "order", "pk")


def indicator_detail(user: User, indicator_id: int) -> Indicator:
    indicator = _visible_indicators(user).filter(pk=indicator_id).first()
    if indicator is None:
        raise not_found("Không tìm thấy chỉ tiêu.")
    return indicator


def _visible_tasks(user: User) -> TaskQuerySet:
    tasks = Task.objects.filter(plan__in=plans_visible_to(user))
    return tasks.prefetch_related(assignments_with_units())


def _visible_indicators(user: User) -> QuerySet[Indicator]:
    indicators = Indicator.objects.filter(plan__in=plans_visible_to(user))
    return indicators.prefetch_related(assignments_with_units(), "targets")


def _assigned(rows: RowsT, wanted: AssignedQuery, owner: str) -> RowsT:
    """Filters shared by tasks and indicators: plan, section, unit (and its role), words."""
    if wanted.role and wanted.unit is None:
        raise invalid_input("role", "chỉ dùng kèm tham số unit")
    if wanted.plan is not None:
        rows = rows.filter(plan_id=wanted.plan)
    if wanted.section is not None:
        rows = rows.filter(section_id=wanted.section)
    if wanted.unit is not None:
        mine = Assignment.objects.filter(**{owner: OuterRef("pk")}, unit_id=wanted.unit)
        rows = rows.filter(Exists(mine.filter(role=wanted.role) if wanted.role else mine))
    return containing_words(rows, wanted.q)
