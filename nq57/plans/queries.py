"""Permission-scoped and reused reads on plans."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Exists, OuterRef, Prefetch, Q

from nq57.orgs.queries import access_for
from nq57.plans.models import Assignment, Indicator, Plan, PlanQuerySet, PlanReference, Task

User = AbstractBaseUser | AnonymousUser


def plans_visible_to(user: User) -> PlanQuerySet:
    """Plans `user` may read, following their roles in the unit tree (`orgs.Membership`).

    An administrator reads every plan; a standing office or leader the plans issued in their
    unit's subtree, drafts included; an upper level the published ones there; a unit officer
    the published plans that assign their unit a task or an indicator (lead or coordinating).
    """
    plans = Plan.objects.without_source()
    access = access_for(user)
    if access.is_admin:
        return plans
    published = Q(status=Plan.Status.PUBLISHED)
    assigned = Exists(
        Assignment.objects.filter(task__plan=OuterRef("pk"), unit_id__in=access.reports_for)
    ) | Exists(
        Assignment.objects.filter(indicator__plan=OuterRef("pk"), unit_id__in=access.reports_for)
    )
    visible = Q(issuer_id__in=access.reads) | (published & Q(issuer_id__in=access.reads_published))
    if access.reports_for:
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


def plan_detail(plan_id: int) -> Plan:
    """A plan with everything its page shows, in a fixed number of queries."""
    references = PlanReference.objects.select_related("resolved_plan").defer(
        "resolved_plan__source_file"
    )
    tasks = Task.objects.all().prefetch_related(
        Prefetch("assignments", queryset=Assignment.objects.select_related("unit"))
    )
    indicators = Indicator.objects.prefetch_related(
        "targets", Prefetch("assignments", queryset=Assignment.objects.select_related("unit"))
    )
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
