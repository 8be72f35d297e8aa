"""A standing office's follow-up writes from the task and indicator pages: the condition of a
conditional task happened; an indicator's baseline; a judgement of a qualitative target. A
refused save shows the page again with what was typed (400), a refusal of permission is 403."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from nq57.evaluation.actions import assess_indicator
from nq57.lib.deadlines import DeadlineKind
from nq57.plans.actions import PlanActionError
from nq57.plans.queries import plans_manageable_by
from nq57.plans.tracking import record_trigger, set_baseline
from nq57.reporting.errors import NotAllowed, ReportingError
from nq57.web.tracking_forms import AssessmentForm, BaselineForm, TriggerForm
from nq57.web.views.plans import indicator_page, task_page, visible_indicator, visible_task


def _require_manager(request: HttpRequest, plan_id: int) -> None:
    if not plans_manageable_by(request.user).filter(pk=plan_id).exists():
        raise PermissionDenied("Chỉ cơ quan thường trực của kế hoạch được ghi nhận nội dung này.")


@login_required
@require_POST
def task_trigger(request: HttpRequest, task_id: int) -> HttpResponse:
    task = visible_task(request, task_id)
    _require_manager(request, task.plan_id)
    form = TriggerForm(request.POST)
    if form.is_valid():
        try:
            record_trigger(task=task, actor=request.user, **form.cleaned_data)
        except PlanActionError as error:
            form.add_error(None, error.message)
            if task.deadline_kind != DeadlineKind.CONDITIONAL:  # the page shows no form then
                messages.error(request, error.message)
        else:
            messages.success(
                request, "Đã ghi nhận điều kiện phát sinh; nhiệm vụ được tính theo hạn mới."
            )
            return redirect("web:task_detail", task_id=task.pk)
    return task_page(request, task, trigger_form=form, status=400)


@login_required
@require_POST
def indicator_baseline(request: HttpRequest, indicator_id: int) -> HttpResponse:
    indicator = visible_indicator(request, indicator_id)
    _require_manager(request, indicator.plan_id)
    form = BaselineForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            set_baseline(
                indicator=indicator, value=data["value"], on=data["on"], actor=request.user
            )
        except PlanActionError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, "Đã lưu giá trị nền của chỉ tiêu.")
            return redirect("web:indicator_detail", indicator_id=indicator.pk)
    return indicator_page(request, indicator, {"baseline_form": form}, status=400)


@login_required
@require_POST
def indicator_assess(request: HttpRequest, indicator_id: int) -> HttpResponse:
    indicator = visible_indicator(request, indicator_id)
    _require_manager(request, indicator.plan_id)
    form = AssessmentForm(request.POST)
    if form.is_valid():
        try:
            assess_indicator(indicator=indicator, actor=request.user, **form.cleaned_data)
        except NotAllowed as error:
            raise PermissionDenied(str(error)) from error
        except ReportingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Đã ghi đánh giá chỉ tiêu.")
            return redirect("web:indicator_detail", indicator_id=indicator.pk)
    return indicator_page(request, indicator, {"assessment_form": form}, status=400)
