"""Import review pages: upload a plan file, check and fix its rows, confirm units, store it.

Thin: check access, parse the form, call one action from `nq57.imports.actions`, redirect
(POST → redirect → GET), or render the review page again with the officer's input kept.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from nq57.imports import actions
from nq57.imports.models import ImportRow, PlanImport
from nq57.imports.queries import RowGroup, RowView, can_import, imports_visible_to, review_page
from nq57.ingest.encoding import MAX_BYTES, check_size
from nq57.ingest.model import IngestError
from nq57.orgs.models import Unit
from nq57.plans.actions import PlanActionError
from nq57.plans.queries import plans_manageable_by
from nq57.web.downloads import attachment
from nq57.web.forms import HeaderForm, RowForm, UnitDecisionForm, UploadForm
from nq57.web.pickers import unit_by_label, unit_choices
from nq57.web.uploads import oversize_message


def _require_importer(request: HttpRequest) -> None:
    if not can_import(request.user):
        raise PermissionDenied("Bạn không có quyền nhập kế hoạch.")


def _get_import_for_user(request: HttpRequest, import_id: int) -> PlanImport:
    """The import, or 404 when it does not exist or belongs to someone else."""
    _require_importer(request)
    staged = imports_visible_to(request.user).select_related("revises").filter(pk=import_id).first()
    if staged is None:
        raise Http404("Không tìm thấy lượt nhập.")
    return staged


def _review_url(staged: PlanImport, anchor: str = "") -> str:
    url = reverse("web:import_review", args=[staged.pk])
    return f"{url}#{anchor}" if anchor else url


def _plan_choices(request: HttpRequest) -> list[tuple[int, str]]:
    plans = plans_manageable_by(request.user).only("pk", "number", "title")
    return [(p.pk, f"{p.number or 'Chưa có số'} — {p.title[:90]}") for p in plans]


@login_required
def import_start(request: HttpRequest) -> HttpResponse:
    _require_importer(request)
    initial = {"revises": request.GET.get("revises")}
    form = UploadForm(
        request.POST or None, request.FILES or None, plans=_plan_choices(request), initial=initial
    )
    status = 200
    if request.method == "POST":
        staged = _start(request, form)
        if staged is not None:
            return redirect(_review_url(staged))
        status = 400
    pending = imports_visible_to(request.user).filter(status=PlanImport.Status.REVIEWING)
    context = {"form": form, "pending": pending, "max_mb": MAX_BYTES // (1024 * 1024)}
    return render(request, "web/import_start.html", context, status=status)


def _start(request: HttpRequest, form: UploadForm) -> PlanImport | None:
    oversize = oversize_message(request, settings.NQ57_MAX_UPLOAD_BYTES)
    if not form.is_valid() or oversize:
        if oversize:  # the upload handler dropped the file while reading it
            form.errors["file"] = form.error_class([oversize])
        return None
    upload = form.cleaned_data["file"]
    revises = None
    if form.cleaned_data.get("revises"):
        revises = plans_manageable_by(request.user).filter(pk=form.cleaned_data["revises"]).first()
    try:
        check_size(upload.size)  # before reading the upload into memory
        data = upload.read()
        return actions.start_import(
            data=data, file_name=upload.name, actor=request.user, revises=revises
        )
    except IngestError as error:
        form.add_error("file", error.message)
        return None


@login_required
def import_review(request: HttpRequest, import_id: int) -> HttpResponse:
    staged = _get_import_for_user(request, import_id)
    return _render_review(request, staged)


def _render_review(
    request: HttpRequest,
    staged: PlanImport,
    *,
    row_forms: dict[int, RowForm] | None = None,
    header_form: HeaderForm | None = None,
    status: int = 200,
) -> HttpResponse:
    page = review_page(staged)
    forms = row_forms or {}

    def with_forms(groups: list[RowGroup]) -> list[tuple[str, list[tuple[RowView, RowForm]]]]:
        return [
            (
                group.title,
                [(view, forms.get(view.row.pk) or _row_form(view.row)) for view in group.rows],
            )
            for group in groups
        ]

    context: dict[str, Any] = {
        "page": page,
        "staged": staged,
        "task_groups": with_forms(page.task_groups),
        "indicator_groups": with_forms(page.indicator_groups),
        "header_form": header_form or HeaderForm(initial=_header_initial(staged)),
        "unit_options": unit_choices(_registry_units()),
    }
    return render(request, "web/import_review.html", context, status=status)


def _row_form(row: ImportRow) -> RowForm:
    return RowForm(initial=RowForm.initial_for(row), prefix=f"r{row.pk}")


def _header_initial(staged: PlanImport) -> dict[str, Any]:
    fields = ("number", "issuer_name", "issue_date", "title", "level")
    return {**{f: getattr(staged, f) for f in fields}, "bases": "\n".join(staged.bases)}


def _registry_units() -> QuerySet[Unit]:
    """The units the unit picker of the review page offers (by name, at most 3,000)."""
    units = Unit.objects.select_related("parent").only("pk", "name", "parent__name")
    return units.order_by("name")[:3000]


@login_required
@require_POST
def import_header(request: HttpRequest, import_id: int) -> HttpResponse:
    staged = _get_import_for_user(request, import_id)
    form = HeaderForm(request.POST)
    if not form.is_valid():
        return _render_review(request, staged, header_form=form, status=400)
    return _act(
        request,
        staged,
        lambda: actions.update_header(
            plan_import=staged, values=form.cleaned_data, actor=request.user
        ),
        "Đã lưu thông tin văn bản.",
        "thong-tin",
    )


@login_required
@require_POST
def import_row(request: HttpRequest, import_id: int, row_id: int) -> HttpResponse:
    staged = _get_import_for_user(request, import_id)
    row = staged.rows.filter(pk=row_id).first()
    if row is None:
        raise Http404("Không tìm thấy dòng.")
    action = request.POST.get("action", "save")
    if action in ("save", "split"):
        return _save_row(request, staged, row, action)
    handlers = {
        "merge": (lambda: actions.merge_with_previous(row=row, actor=request.user), "Đã gộp dòng."),
        "remove": (lambda: actions.remove_row(row=row, actor=request.user), "Đã xóa dòng."),
        "add": (
            lambda: actions.add_row(
                plan_import=staged, after=row, kind=row.kind, actor=request.user
            ),
            "Đã thêm một dòng trống bên dưới; hãy điền nội dung.",
        ),
    }
    if action not in handlers:
        raise Http404("Thao tác không hợp lệ.")
    handler, done = handlers[action]
    return _act(request, staged, handler, done, f"dong-{row.pk}")


def _save_row(
    request: HttpRequest, staged: PlanImport, row: ImportRow, action: str
) -> HttpResponse:
    form = RowForm(request.POST, prefix=f"r{row.pk}")
    if not form.is_valid():
        return _render_review(request, staged, row_forms={row.pk: form}, status=400)
    version = form.cleaned_data["version"]
    try:
        if action == "split":
            actions.split_row(
                row=row,
                version=version,
                head=form.cleaned_data["name"],
                tail=form.cleaned_data["tail"],
                actor=request.user,
            )
        else:
            actions.edit_row(
                row=row, version=version, values=form.values(row.kind), actor=request.user
            )
    except actions.EditConflictError as error:
        form.add_error(None, error.message)
        return _render_review(request, staged, row_forms={row.pk: form}, status=409)
    except PlanActionError as error:
        form.add_error(None, error.message)
        return _render_review(request, staged, row_forms={row.pk: form}, status=400)
    messages.success(request, "Đã tách dòng." if action == "split" else "Đã lưu dòng.")
    return redirect(_review_url(staged, f"dong-{row.pk}"))


@login_required
@require_POST
def import_unit(request: HttpRequest, import_id: int) -> HttpResponse:
    staged = _get_import_for_user(request, import_id)
    form = UnitDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Yêu cầu xác nhận đơn vị không hợp lệ.")
        return redirect(_review_url(staged, "don-vi"))
    data = form.cleaned_data
    unit = None
    if data["choice"] in ("suggested", "other"):
        unit = _chosen_unit(data)
        if unit is None:
            messages.error(request, f"Không tìm thấy đơn vị «{data['unit_label']}» trong danh mục.")
            return redirect(_review_url(staged, "don-vi"))
    return _act(
        request,
        staged,
        lambda: actions.decide_unit(
            plan_import=staged,
            mention=data["mention"],
            unit=unit,
            create=data["choice"] == "create",
            actor=request.user,
        ),
        f"Đã xác nhận đơn vị «{data['mention']}».",
        "don-vi",
    )


def _chosen_unit(data: dict[str, Any]) -> Unit | None:
    if data["choice"] == "suggested" and data.get("unit_id"):
        return Unit.objects.filter(pk=data["unit_id"]).first()
    return unit_by_label(_registry_units(), data.get("unit_label") or "")


@login_required
@require_POST
def import_publish(request: HttpRequest, import_id: int) -> HttpResponse:
    staged = _get_import_for_user(request, import_id)
    manageable = plans_manageable_by(request.user)
    if staged.revises is not None and not manageable.filter(pk=staged.revises.pk).exists():
        raise PermissionDenied("Bạn không có quyền cập nhật kế hoạch đã có.")
    try:
        plan = actions.publish_import(plan_import=staged, actor=request.user)
    except PlanActionError as error:
        messages.error(request, error.message)
        return redirect(_review_url(staged))
    messages.success(request, "Đã lưu kế hoạch vào hệ thống.")
    return redirect("web:plan_detail", plan_id=plan.pk)


@login_required
@require_POST
def import_discard(request: HttpRequest, import_id: int) -> HttpResponse:
    staged = _get_import_for_user(request, import_id)
    return _act(
        request,
        staged,
        lambda: actions.discard_import(plan_import=staged, actor=request.user),
        "Đã hủy lượt nhập; không có gì được lưu vào kế hoạch.",
        "",
        done_url=reverse("web:import_start"),
    )


@login_required
def import_file(request: HttpRequest, import_id: int) -> HttpResponse:
    """The original file, byte for byte."""
    staged = _get_import_for_user(request, import_id)
    data = PlanImport.objects.values_list("file_bytes", flat=True).get(pk=staged.pk)
    return attachment(bytes(data), staged.file_name)


def _act(
    request: HttpRequest,
    staged: PlanImport,
    action: Any,
    done: str,
    anchor: str,
    *,
    done_url: str | None = None,
) -> HttpResponseRedirect:
    try:
        action()
    except PlanActionError as error:
        messages.error(request, error.message)
        return redirect(_review_url(staged, anchor))
    messages.success(request, done)
    return redirect(done_url or _review_url(staged, anchor))
