"""Downloads of a plan as JSON or XLSX, for every person who may read the plan."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from nq57.exports.actions import ExportFormat, export_plan
from nq57.plans.queries import plans_visible_to


@require_GET
@login_required
def export_json(request: HttpRequest, plan_id: int) -> HttpResponse:
    return _export(request, plan_id, ExportFormat.JSON)


@require_GET
@login_required
def export_xlsx(request: HttpRequest, plan_id: int) -> HttpResponse:
    return _export(request, plan_id, ExportFormat.XLSX)


def _export(request: HttpRequest, plan_id: int, fmt: ExportFormat) -> HttpResponse:
    """The file as an attachment; 404 when the plan does not exist or is not visible."""
    if not plans_visible_to(request.user).filter(pk=plan_id).exists():
        raise Http404("Không tìm thấy kế hoạch.")
    export = export_plan(plan_id=plan_id, fmt=fmt, actor=request.user)
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = export.name.content_disposition()
    response["Cache-Control"] = "private, no-store"
    return response
