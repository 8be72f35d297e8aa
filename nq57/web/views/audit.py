"""'Nhật ký': the audit log for system administrators (superusers), filtered and paged.
Everyone else gets 404, as for any page they may not see."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from nq57.audit.models import AuditEvent
from nq57.audit.queries import (
    Change,
    action_label,
    changes,
    object_type_label,
    object_type_name,
    recorded_actions,
    recorded_object_types,
    search_events,
)
from nq57.web.audit_forms import AuditFilterForm
from nq57.web.paging import paging

PAGE_SIZE = 50
# The pages an event's object links to, by 'app.model'.
OBJECT_PAGES = {
    "plans.plan": "web:plan_detail",
    "plans.task": "web:task_detail",
    "plans.indicator": "web:indicator_detail",
    "orgs.unit": "web:unit_detail",
    "imports.planimport": "web:import_review",
}


@dataclass(frozen=True)
class AuditRow:
    event: AuditEvent
    label: str
    url: str
    changes: list[Change]


@login_required
def audit_list(request: HttpRequest) -> HttpResponse:
    if not request.user.is_superuser:
        raise Http404("Không tìm thấy trang.")
    form = _form(request)
    events = search_events(form.audit_filter())
    total = events.count()
    pager = paging(request, total, PAGE_SIZE)
    rows = [_row(event) for event in events[pager.offset : pager.offset + pager.size]]
    context = {"form": form, "rows": rows, "total": total, "pager": pager}
    return render(request, "web/audit_list.html", context)


def _form(request: HttpRequest) -> AuditFilterForm:
    actions = sorted(((a, action_label(a)) for a in recorded_actions()), key=lambda c: c[1])
    kinds = sorted(
        ((object_type_name(k), object_type_label(k)) for k in recorded_object_types()),
        key=lambda c: c[1],
    )
    return AuditFilterForm(request.GET or None, actions=actions, object_types=kinds)


def _row(event: AuditEvent) -> AuditRow:
    return AuditRow(event, action_label(event.action), _object_url(event), changes(event))


def _object_url(event: AuditEvent) -> str:
    kind = event.object_type
    if kind is None or not event.object_id.isdigit():
        return ""
    page = OBJECT_PAGES.get(object_type_name(kind))
    return reverse(page, args=[int(event.object_id)]) if page else ""
