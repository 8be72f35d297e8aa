"""HTML pages: plan list, plan, task and indicator pages. Thin: check access, call a query
or an action, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from nq57.lib.deadlines import DeadlineKind, parse_deadline
from nq57.lib.numbers import format_vn_number
from nq57.orgs.models import Unit
from nq57.plans.actions import PlanActionError, set_indicator_kind
from nq57.plans.models import Indicator, Plan, Task
from nq57.plans.queries import (
    assignments_with_units,
    plans_manageable_by,
    plans_visible_to,
    task_section_index,
)
from nq57.plans.queries import plan_detail as load_plan_detail
from nq57.plans.queries import plan_list as visible_plan_list
from nq57.reporting.queries import can_consolidate, indicator_reports, task_reports
from nq57.web.downloads import attachment
from nq57.web.forms import IndicatorKindForm
from nq57.web.outline import history_rows, indicator_tables, split_roles, task_sections
from nq57.web.paging import paging
from nq57.web.tracking_forms import AssessmentForm, BaselineForm, TriggerForm


def _get_plan_for_user(request: HttpRequest, plan_id: int) -> Plan:
    """The plan with its page data, or 404 when it does not exist or is not visible."""
    if not plans_visible_to(request.user).filter(pk=plan_id).exists():
        raise Http404("Không tìm thấy kế hoạch.")
    return load_plan_detail(plan_id)


@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    """Visible plans, filtered by level, issuer and status (GET)."""
    visible = visible_plan_list(request.user)
    plans = visible
    level, issuer, status = (request.GET.get(k, "") for k in ("cap", "co-quan", "trang-thai"))
    if level in Unit.Level.values:
        plans = plans.filter(level=level)
    if issuer.isdigit():
        plans = plans.filter(issuer_id=int(issuer))
    if status in Plan.Status.values:
        plans = plans.filter(status=status)
    issuers = Unit.objects.filter(plans__in=visible).distinct().order_by("name")
    context = {
        "plans": plans,
        "levels": Unit.Level.choices,
        "statuses": Plan.Status.choices,
        "issuers": issuers,
        "chosen": {"level": level, "issuer": issuer, "status": status},
    }
    return render(request, "web/plan_list.html", context)


@login_required
def plan_file(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The plan's source file as uploaded, byte for byte."""
    plan = plans_visible_to(request.user).filter(pk=plan_id).first()
    if plan is None:
        raise Http404("Không tìm thấy kế hoạch.")
    data = Plan.objects.values_list("source_file", flat=True).get(pk=plan.pk)
    return attachment(bytes(data), plan.source_name)


@login_required
def plan_detail(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The plan page; a long task list comes in pages of `TASKS_PER_PAGE` with an index."""
    if not plans_visible_to(request.user).filter(pk=plan_id).exists():
        raise Http404("Không tìm thấy kế hoạch.")
    index = task_section_index(plan_id, TASKS_PER_PAGE)
    pager = paging(request, sum(entry.tasks for entry in index), TASKS_PER_PAGE)
    plan = load_plan_detail(plan_id, (pager.offset, pager.size))
    sections = {section.pk: section for section in plan.sections.all()}
    context = {
        "plan": plan,
        "can_manage": plans_manageable_by(request.user).filter(pk=plan.pk).exists(),
        "can_dashboard": can_consolidate(request.user, plan),
        "task_sections": task_sections(plan),
        "indicator_tables": indicator_tables(plan) if pager.page == 1 else [],
        "pager": pager,
        "section_index": [(sections.get(e.section_id or 0), e) for e in index],
    }
    return render(request, "web/plan_detail.html", context)


TASKS_PER_PAGE = 100


@login_required
def plan_print(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The plan in A4 administrative layout, for the browser's print (or 'save as PDF')."""
    plan = _get_plan_for_user(request, plan_id)
    context = {
        "plan": plan,
        "task_sections": task_sections(plan),
        "indicator_tables": indicator_tables(plan),
    }
    return render(request, "web/plan_print.html", context)


@login_required
def task_detail(request: HttpRequest, task_id: int) -> HttpResponse:
    return task_page(request, visible_task(request, task_id))


def visible_task(request: HttpRequest, task_id: int) -> Task:
    task = (
        Task.objects.filter(pk=task_id, plan__in=plans_visible_to(request.user))
        .select_related("plan", "plan__issuer", "section")
        .prefetch_related(assignments_with_units())
        .first()
    )
    if task is None:
        raise Http404("Không tìm thấy nhiệm vụ.")
    return task


def task_page(
    request: HttpRequest, task: Task, trigger_form: TriggerForm | None = None, status: int = 200
) -> HttpResponse:
    """The task's page; `trigger_form` is the refused input when a save was refused."""
    lead, coordinating = split_roles(task.assignments.all())
    can_manage = plans_manageable_by(request.user).filter(pk=task.plan_id).exists()
    conditional = task.deadline_kind == DeadlineKind.CONDITIONAL
    context = {
        "task": task,
        "lead": lead,
        "coordinating": coordinating,
        "deadline": parse_deadline(task.deadline_raw),
        "events": history_rows(task, task.plan),
        "reports": task_reports(task.pk, request.user),
        "trigger_form": (trigger_form or TriggerForm()) if can_manage and conditional else None,
    }
    return render(request, "web/task_detail.html", context, status=status)


@login_required
def indicator_detail(request: HttpRequest, indicator_id: int) -> HttpResponse:
    return indicator_page(request, visible_indicator(request, indicator_id))


def visible_indicator(request: HttpRequest, indicator_id: int) -> Indicator:
    indicator = (
        Indicator.objects.filter(pk=indicator_id, plan__in=plans_visible_to(request.user))
        .select_related("plan", "plan__issuer", "section")
        .prefetch_related("targets", assignments_with_units())
        .first()
    )
    if indicator is None:
        raise Http404("Không tìm thấy chỉ tiêu.")
    return indicator


def indicator_page(
    request: HttpRequest,
    indicator: Indicator,
    refused: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The indicator's page; `refused` holds a refused form ('baseline_form' or
    'assessment_form') so the officer's input is shown again."""
    lead, coordinating = split_roles(indicator.assignments.all())
    can_manage = plans_manageable_by(request.user).filter(pk=indicator.plan_id).exists()
    manage: dict[str, Any] = {}
    if can_manage:
        manage = {
            "kind_form": IndicatorKindForm(initial=IndicatorKindForm.initial_for(indicator)),
            "baseline_form": BaselineForm(initial=_baseline_initial(indicator)),
            "assessment_form": AssessmentForm(initial={"assessed_on": timezone.localdate()}),
            **(refused or {}),
        }
    context = {
        "indicator": indicator,
        "lead": lead,
        "coordinating": coordinating,
        "events": history_rows(indicator, indicator.plan),
        "reports": indicator_reports(indicator.pk, request.user),
        "assessments": indicator.assessments.select_related("assessed_by"),
        "qualitative": any(not t.spec().is_numeric for t in indicator.targets.all()),
        **manage,
    }
    return render(request, "web/indicator_detail.html", context, status=status)


def _baseline_initial(indicator: Indicator) -> dict[str, Any]:
    value = indicator.baseline_value
    return {
        "value": format_vn_number(value.normalize()) if value is not None else "",
        "on": indicator.baseline_on,
    }


@login_required
@require_POST
def indicator_kind(request: HttpRequest, indicator_id: int) -> HttpResponse:
    """Change what units report for an indicator and how it adds up (those managing the plan)."""
    indicator = Indicator.objects.filter(
        pk=indicator_id, plan__in=plans_visible_to(request.user)
    ).first()
    if indicator is None:
        raise Http404("Không tìm thấy chỉ tiêu.")
    if not plans_manageable_by(request.user).filter(pk=indicator.plan_id).exists():
        raise PermissionDenied("Bạn không có quyền thay đổi loại số liệu của chỉ tiêu này.")
    form = IndicatorKindForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.as_data().values():
            for message in (m for error in errors for m in error.messages):
                messages.error(request, message)
        return redirect("web:indicator_detail", indicator_id=indicator.pk)
    data = form.cleaned_data
    try:
        set_indicator_kind(
            indicator=indicator,
            value_kind=data["value_kind"],
            aggregation=data["aggregation"],
            allows_over_100=data["allows_over_100"],
            actor=request.user,
        )
    except PlanActionError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Đã lưu loại số liệu và cách tổng hợp của chỉ tiêu.")
    return redirect("web:indicator_detail", indicator_id=indicator.pk)
