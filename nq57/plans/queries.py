"""Permission-scoped and reused reads on plans."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Prefetch

from nq57.plans.models import Assignment, Indicator, Plan, PlanQuerySet, PlanReference, Task

User = AbstractBaseUser | AnonymousUser


def plans_visible_to(user: User) -> PlanQuerySet:
    """Plans `user` may read: staff see every plan, other signed-in users the published ones.

    Later, unit membership narrows this (an officer sees the plans of their units' tree).
    """
    plans = Plan.objects.without_source()
    if not user.is_authenticated or not user.is_active:
        return plans.none()
    if getattr(user, "is_staff", False) or getattr(user, "is_superuser", False):
        return plans
    return plans.published()


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
