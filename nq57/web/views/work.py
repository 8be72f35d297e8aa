"""'Việc của đơn vị' (the tasks of my units across plans) and search across visible plans."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from nq57.plans.models import Section
from nq57.plans.queries import (
    WorkFilter,
    member_units,
    plans_visible_to,
    search_indicators,
    search_tasks,
    unit_indicators,
    unit_tasks,
)
from nq57.web.forms import WorkFilterForm
from nq57.web.outline import work_rows

PAGE_SIZE = 100


def _form(request: HttpRequest, units: list[tuple[int, str]]) -> WorkFilterForm:
    plans = plans_visible_to(request.user).only("pk", "number", "title")
    choices = [(p.pk, f"{p.number or 'Chưa có số'} — {p.title[:70]}") for p in plans]
    plan_id = request.GET.get("plan", "")
    sections = []
    if plan_id.isdigit() and plans.filter(pk=int(plan_id)).exists():
        found = Section.objects.filter(plan_id=int(plan_id), kind=Section.Kind.TASKS)
        sections = [(s.pk, str(s)[:90]) for s in found.order_by("order")]
    return WorkFilterForm(request.GET or None, units=units, plans=choices, sections=sections)


@login_required
def my_work(request: HttpRequest) -> HttpResponse:
    units = member_units(request.user)
    form = _form(request, [(u.pk, u.name) for u in units])
    wanted = form.work_filter()
    tasks = unit_tasks(request.user, units, wanted, timezone.localdate())
    total = tasks.count()
    pages = max(1, -(-total // PAGE_SIZE))
    page = _page(request, pages)
    rows = work_rows(tasks[(page - 1) * PAGE_SIZE : page * PAGE_SIZE], {u.pk for u in units})
    query = request.GET.copy()
    query.pop("trang", None)
    indicators = unit_indicators(request.user, units, wanted) if not _task_only(wanted) else []
    context = {
        "form": form,
        "units": units,
        "rows": rows,
        "indicators": indicators,
        "total": total,
        "hidden_fields": [],
        "page": page,
        "pages": range(1, pages + 1) if pages > 1 else [],
        "query": query.urlencode(),
    }
    return render(request, "web/my_work.html", context)


def _task_only(wanted: WorkFilter) -> bool:
    """Deadline filters concern tasks: indicators have milestones, not deadlines."""
    return bool(wanted.deadline_kind or wanted.due_within_days is not None)


def _page(request: HttpRequest, pages: int) -> int:
    text = request.GET.get("trang", "1")
    return min(max(int(text), 1), pages) if text.isdigit() else 1


@login_required
def search(request: HttpRequest) -> HttpResponse:
    form = _form(request, [])
    wanted = form.work_filter()
    context: dict[str, object] = {
        "form": form,
        "searched": bool(wanted.text),
        "hidden_fields": ["unit", "role"],  # search covers every visible plan, not my units
    }
    if wanted.text:
        tasks = search_tasks(request.user, wanted, timezone.localdate())
        indicators = search_indicators(request.user, wanted.text)
        context.update(
            rows=work_rows(tasks[:PAGE_SIZE], set()),
            total=tasks.count(),
            indicators=indicators[:PAGE_SIZE],
            indicator_total=indicators.count(),
        )
    return render(request, "web/search.html", context)
