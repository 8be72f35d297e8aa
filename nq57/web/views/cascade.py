"""Pages of the cascade: a plan's links across levels (and linking it), the review of task links
suggested between a lower and an upper plan, the upper plan's coverage (also as Excel) and the
roll-up of its tasks through the lower plans."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from nq57.cascade.actions import (
    CascadeError,
    decide_indicator_links,
    decide_task_links,
    link_plans,
    unlink_plans,
)
from nq57.cascade.coverage import coverage
from nq57.cascade.models import PlanLink
from nq57.cascade.queries import (
    ReviewRow,
    can_link,
    indicator_review_rows,
    links_of,
    parent_candidates,
    plan_tree,
    review_rows,
    upper_plans,
)
from nq57.cascade.rollup import indicator_rollup, task_rollup
from nq57.exports.coverage_xlsx import coverage_xlsx
from nq57.plans.models import Plan
from nq57.plans.queries import plans_visible_to
from nq57.web.downloads import attachment
from nq57.web.report_forms import day_param, id_param
from nq57.web.views.units import XLSX_TYPE

NONE = "none"


def _plan(request: HttpRequest, plan_id: int) -> Plan:
    plan = plans_visible_to(request.user).filter(pk=plan_id).select_related("issuer").first()
    if plan is None:
        raise Http404("Không tìm thấy kế hoạch.")
    return plan


@login_required
def plan_links(request: HttpRequest, plan_id: int) -> HttpResponse:
    """The plan's place in the chain; its standing office links it to an upper plan."""
    plan = _plan(request, plan_id)
    status = 200
    if request.method == "POST":
        uppers = upper_plans(request.user, plan)
        parent = uppers.filter(pk=id_param(request.POST.get("parent"))).first()
        try:
            if parent is None:
                raise CascadeError("Chọn kế hoạch cấp trên.")
            link_plans(parent=parent, child=plan, actor=request.user,
                       source=request.POST.get("source") or PlanLink.Source.MANUAL)  # fmt: skip
        except CascadeError as error:
            messages.error(request, error.message)
            status = error.status
        else:
            messages.success(request, f"Đã liên kết với kế hoạch {parent.number or parent.title}.")
            return redirect("web:plan_links", plan_id=plan.pk)
    manage = can_link(request.user, plan)
    context = {
        "plan": plan,
        "tree": plan_tree(plan, request.user),
        "links": links_of(plan),
        "candidates": parent_candidates(plan, request.user) if manage else [],
        "others": _others(request, plan) if manage else [],
        "can_link": manage,
    }
    return render(request, "web/plan_links.html", context, status=status)


@login_required
def link_remove(request: HttpRequest, link_id: int) -> HttpResponse:
    """The standing office of the lower plan removes a link made by mistake (POST, with the
    box that says the decisions on its rows go with it ticked)."""
    link = PlanLink.objects.select_related("parent").filter(pk=link_id).first()
    if link is None or not plans_visible_to(request.user).filter(pk=link.child_id).exists():
        raise Http404("Không tìm thấy liên kết.")
    if request.method == "POST":
        try:
            if request.POST.get("xac-nhan") != "1":
                raise CascadeError("Đánh dấu ô xác nhận để bỏ liên kết.")
            unlink_plans(link=link, actor=request.user)
        except CascadeError as error:
            messages.error(request, error.message)
        else:
            parent = link.parent.number or link.parent.title
            messages.success(request, f"Đã bỏ liên kết với kế hoạch {parent}.")
    return redirect("web:plan_links", plan_id=link.child_id)


def _others(request: HttpRequest, plan: Plan) -> list[Plan]:
    """Plans to pick by hand: those it may carry out (`upper_plans`), newest first."""
    uppers = upper_plans(request.user, plan).select_related("issuer")
    return list(uppers.order_by("-imported_at")[:200])


@dataclass(frozen=True)
class _Review:
    rows: Callable[[PlanLink], list[ReviewRow]]
    decide: Callable[..., PlanLink]
    related: str  # the plan's rows: "tasks" / "indicators"
    number: str  # their printed number: "number" / "code"
    title: str


_REVIEWS = {
    "nhiem-vu": _Review(review_rows, decide_task_links, "tasks", "number",
                        "Liên kết nhiệm vụ với kế hoạch cấp trên"),
    "chi-tieu": _Review(indicator_review_rows, decide_indicator_links, "indicators", "code",
                        "Liên kết chỉ tiêu với kế hoạch cấp trên"),
}  # fmt: skip


@login_required
def link_review(request: HttpRequest, link_id: int) -> HttpResponse:
    """Each lower task (or indicator: '?loai=chi-tieu') with its suggested upper one (score,
    reasons); the standing office of the lower plan confirms, changes or rejects them."""
    link = (
        PlanLink.objects.select_related("parent__issuer", "child__issuer")
        .filter(pk=link_id)
        .first()
    )
    visible = plans_visible_to(request.user)
    if link is None or not visible.filter(pk__in=(link.child_id, link.parent_id)).exists():
        raise Http404("Không tìm thấy liên kết.")
    kind = request.GET.get("loai", "nhiem-vu")
    review = _REVIEWS.get(kind, _REVIEWS["nhiem-vu"])
    rows = review.rows(link)
    status, typed = 200, None
    if request.method == "POST":
        typed = request.POST
        try:
            review.decide(link=link, revision=id_param(request.POST.get("revision")),
                          decisions=_decisions(request.POST, rows, link, review),
                          suggested=_suggested(rows), actor=request.user)  # fmt: skip
        except CascadeError as error:
            messages.error(request, error.message)
            status = error.status
        else:
            messages.success(request, "Đã lưu liên kết.")
            return redirect(f"{reverse('web:link_review', args=[link.pk])}?loai={kind}")
    context = {
        "link": link,
        "kind": kind,
        "title": review.title,
        "rows": [(row, _chosen(row, typed)) for row in rows],
        "none": NONE,
        "can_link": can_link(request.user, link.child),
        "confirmed": sum(1 for row in rows if row.decided is not None),
    }
    return render(request, "web/link_review.html", context, status=status)


def _chosen(row: ReviewRow, typed: QueryDict | None) -> str:
    """What the row's choice shows: the typed one after a refusal, else the decision, else the
    suggestion."""
    if typed is not None:
        return typed.get(f"t{row.item.pk}", "")
    if row.decided is not None:
        return str(row.decided[0]) if row.decided else NONE
    return str(row.choices[0][0].pk) if row.suggestion.parent_number is not None else NONE


def _decisions(
    data: QueryDict, rows: list[ReviewRow], link: PlanLink, review: _Review
) -> dict[int, list[int]]:
    """The choices sent, each an upper row's id, 'none', or numbers typed ('3, 5')."""
    by_number: dict[str, int] = {}
    upper = getattr(link.parent, review.related).order_by("-order")
    for pk, number in upper.values_list("pk", review.number):
        by_number[number] = pk
    found: dict[int, list[int]] = {}
    for row in rows:
        key = row.item.pk
        typed = data.get(f"n{key}", "").strip()
        if typed:
            numbers = [n.strip() for n in typed.replace(";", ",").split(",") if n.strip()]
            unknown = [n for n in numbers if n not in by_number]
            if unknown:
                label = getattr(row.item, review.number)
                raise CascadeError(f"Dòng {label}: kế hoạch cấp trên không có số "
                                   f"{', '.join(unknown)}.")  # fmt: skip
            found[key] = [by_number[n] for n in numbers]
            continue
        choice = data.get(f"t{key}", "")
        if choice == NONE:
            found[key] = []
        elif choice.isdigit():
            found[key] = [int(choice)]
    return found


def _suggested(rows: list[ReviewRow]) -> dict[int, tuple[float, tuple[str, ...]]]:
    return {row.item.pk: (row.suggestion.score, row.suggestion.reasons) for row in rows}


@login_required
def plan_coverage(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    found = coverage(plan)
    if request.GET.get("dinh-dang") == "xlsx":
        name = f"bao-phu-{plan.number or plan.pk}.xlsx".replace("/", "-")
        return attachment(coverage_xlsx(found), name, XLSX_TYPE)
    sections = [
        ("tasks", "Nhiệm vụ", [(c, c.tasks) for c in found]),
        ("indicators", "Chỉ tiêu", [(c, c.indicators) for c in found]),
    ]
    return render(request, "web/plan_coverage.html", {"plan": plan, "sections": sections})


@login_required
def plan_rollup(request: HttpRequest, plan_id: int) -> HttpResponse:
    plan = _plan(request, plan_id)
    day = day_param(request.GET.get("ngay", "")) or timezone.localdate()
    rows = task_rollup(plan, day)
    indicators = [row for row in indicator_rollup(plan, day) if row.parts]
    context = {"plan": plan, "day": day, "rows": rows, "indicators": indicators,
               "linked": sum(1 for row in rows if row.below)}  # fmt: skip
    return render(request, "web/plan_rollup.html", context)
