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
from nq57.web.paging import paging

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
    pager = paging(request, total, PAGE_SIZE)
    rows = work_rows(tasks[pager.offset : pager.offset + pager.size], {u.pk for u in units})
    indicators = unit_indicators(request.user, units, wanted) if not _task_only(wanted) else []
    context = {
        "form": form,
        "units": units,
        "rows": rows,
        "indicators": indicators,
        "total": total,
        "hidden_fields": [],
        "pager": pager,
    }
    return render(request, "web/my_work.html", context)


def _task_only(wanted: WorkFilter) -> bool:
    """Deadline filters concern tasks: indicators have milestones, not deadlines."""
    return bool(wanted.deadline_kind or wanted.due_within_days is not None)


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
