"""The unit scoring formula of a plan's issuer: explained to whoever reads the dashboard,
edited by the issuer's standing office. Thin: the action checks the values and who may."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from nq57.audit.actions import actor_label
from nq57.evaluation.actions import FormulaErrors, set_formula
from nq57.evaluation.formula_values import (
    ALL_FIELDS,
    DEFAULTS,
    RATE_NAMES,
    WEIGHTS,
    number,
    percent,
    shares,
    summary,
)
from nq57.evaluation.formulas import stored_formula
from nq57.evaluation.scoring import Facts, scorecard
from nq57.plans.queries import plans_visible_to
from nq57.reporting.errors import ReportingError
from nq57.reporting.queries import can_consolidate, can_manage_reporting
from nq57.web.formula_forms import FormulaForm

_MEASURES = {
    "completion": "Số nhiệm vụ đến hạn đã hoàn thành (kể cả hoàn thành trước hạn) / số nhiệm vụ "
    "đến hạn.",
    "on_time": "Số nhiệm vụ hoàn thành đúng hạn / số nhiệm vụ đã hoàn thành.",
    "reporting": "(Số kỳ gửi báo cáo đúng hạn + hệ số × số kỳ gửi trễ hạn) / số kỳ báo cáo đã "
    "đến hạn; kỳ chưa gửi tính 0.",
    "indicators": "Số chỉ tiêu đạt hoặc đúng lộ trình / số chỉ tiêu đã có số liệu.",
}
# A unit that has no indicator with a value yet: shows how the other weights are re-scaled.
_EXAMPLE = Facts(
    tasks_due=10,
    tasks_done=8,
    tasks_done_on_time=6,
    reports_due=4,
    reports_on_time=3,
    reports_late=1,
)
_SAVED = "Đã lưu công thức chấm điểm; bảng xếp hạng đơn vị tính theo công thức mới."
_REFUSED = "Chỉ cơ quan thường trực của đơn vị ban hành kế hoạch được sửa công thức chấm điểm."


@login_required
def plan_formula(request: HttpRequest, plan_id: int) -> HttpResponse:
    """See the formula that ranks the plan's units; its issuer's standing office edits it."""
    plan = plans_visible_to(request.user).filter(pk=plan_id).select_related("issuer").first()
    if plan is None or not can_consolidate(request.user, plan):
        raise Http404("Không tìm thấy kế hoạch.")
    manager = can_manage_reporting(request.user, plan)
    if request.method == "POST" and not manager:
        raise PermissionDenied(_REFUSED)
    row = stored_formula(plan)
    values = row.values() if row is not None else DEFAULTS
    form = None
    status = 200
    if request.method == "POST":
        form = FormulaForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                set_formula(actor=request.user, plan=plan, values=form.values(),
                            revision=form.cleaned_data["revision"])  # fmt: skip
            except FormulaErrors as error:
                messages.error(request, error.message)
                for field, errors in error.errors.items():
                    for message in errors:
                        form.add_error(None if field == ALL_FIELDS else field, message)
            except ReportingError as error:
                form.add_error(None, error.message)
                status = error.status
            else:
                messages.success(request, _SAVED)
                return redirect("web:plan_formula", plan_id=plan.pk)
    elif manager:
        form = FormulaForm(initial=FormulaForm.initial_for(values, row.revision if row else 0))
    formula = values.formula()
    share = shares(formula)
    example = scorecard(_EXAMPLE, formula)
    context = {
        "plan": plan,
        "form": form,
        "row": row,
        "editor": actor_label(row.updated_by) if row is not None else "",
        "summary": summary(formula),
        "rates": [
            (RATE_NAMES[name], _MEASURES[name], number(getattr(values, name)), percent(share[name]))
            for name in WEIGHTS
        ],
        "late_credit": number(values.late_credit),
        "late_share": percent(values.late_credit * Decimal(100)),
        "bounds": (number(values.bound_a), number(values.bound_b), number(values.bound_c)),
        "example": example,
    }
    return render(request, "web/plan_formula.html", context, status=status)
