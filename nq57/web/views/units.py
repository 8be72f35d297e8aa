"""Unit pages: the tree a person manages, the queue of units to confirm, one unit's page with
its changes (rename, move, aliases, confirm, merge, add a unit below). Thin; writes go through
`nq57.orgs.unit_actions`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from nq57.audit.actions import record
from nq57.lib.tabular import TabularError
from nq57.orgs import transfer, unit_actions
from nq57.orgs.actions import confirm_unit
from nq57.orgs.models import Membership, Unit
from nq57.orgs.names import normalize_unit_name
from nq57.orgs.queries import access_for, units_manageable_by
from nq57.web.downloads import attachment
from nq57.web.outline import history_rows
from nq57.web.pickers import unit_by_label, unit_choices


def _manageable(request: HttpRequest) -> QuerySet[Unit]:
    units = units_manageable_by(request.user)
    if not units.exists():
        raise PermissionDenied("Bạn không quản lý đơn vị nào.")
    return units


def _get_unit_for_user(request: HttpRequest, unit_id: int) -> Unit:
    unit = _manageable(request).select_related("parent").filter(pk=unit_id).first()
    if unit is None:
        raise Http404("Không tìm thấy đơn vị.")
    return unit


@login_required
def unit_list(request: HttpRequest) -> HttpResponse:
    units = _manageable(request).select_related("parent").annotate(uses=Count("assignments"))
    queue = request.GET.get("cho-xac-nhan") == "1"
    text = (request.GET.get("q") or "").strip()
    if queue:
        units = units.filter(status=Unit.Status.NEEDS_CONFIRMATION)
    if text:
        units = units.filter(folded_name__contains=normalize_unit_name(text))
    context = {
        "units": units.order_by("parent__name", "name")[:500],
        "queue": queue,
        "text": text,
        "waiting": _manageable(request).filter(status=Unit.Status.NEEDS_CONFIRMATION).count(),
    }
    return render(request, "web/unit_list.html", context)


@login_required
def unit_detail(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = _get_unit_for_user(request, unit_id)
    context = {
        "unit": unit,
        "children": unit.children.order_by("name"),
        "aliases": unit.aliases.all(),
        "levels": Unit.Level.choices,
        "unit_options": unit_choices(_manageable(request).select_related("parent")),
        "events": history_rows(unit),
        "plan_count": unit.plans.count(),
        "assignment_count": unit.assignments.count(),
    }
    return render(request, "web/unit_detail.html", context)


@login_required
@require_POST
def unit_change(request: HttpRequest, unit_id: int, what: str) -> HttpResponse:
    unit = _get_unit_for_user(request, unit_id)
    post = request.POST
    handlers: dict[str, Callable[[], Any]] = {
        "doi-ten": lambda: unit_actions.rename_unit(
            unit=unit,
            name=post.get("name", ""),
            short_name=post.get("short_name"),
            actor=request.user,
        ),
        "ten-goi-khac": lambda: unit_actions.add_alias(
            unit=unit, alias=post.get("alias", ""), actor=request.user
        ),
        "bo-ten-goi-khac": lambda: _remove_alias(request, unit),
        "xac-nhan": lambda: confirm_unit(unit=unit, actor=request.user),
        "chuyen": lambda: unit_actions.move_unit(
            unit=unit, parent=_target(request, "parent"), actor=request.user
        ),
        "gop": lambda: _merge(request, unit),
        "them-don-vi": lambda: _add_child(request, unit),
    }
    if what not in handlers:
        raise Http404("Thao tác không hợp lệ.")
    try:
        result = handlers[what]()
    except unit_actions.UnitActionError as error:
        messages.error(request, error.message)
        return redirect("web:unit_detail", unit_id=unit.pk)
    messages.success(request, "Đã lưu thay đổi.")
    if what == "gop":
        return redirect("web:unit_detail", unit_id=result.pk)
    if what == "them-don-vi":
        return redirect("web:unit_detail", unit_id=result.pk)
    return redirect(reverse("web:unit_detail", args=[unit.pk]))


def _target(request: HttpRequest, field: str) -> Unit:
    target = unit_by_label(
        _manageable(request).select_related("parent"), request.POST.get(field, "")
    )
    if target is None:
        raise unit_actions.UnitActionError(
            f"Không tìm thấy đơn vị «{request.POST.get(field, '')}» trong các đơn vị bạn quản lý."
        )
    return target


def _merge(request: HttpRequest, unit: Unit) -> Unit:
    return unit_actions.merge_units(
        duplicate=unit, into=_target(request, "into"), actor=request.user
    )


def _add_child(request: HttpRequest, unit: Unit) -> Unit:
    level = request.POST.get("level") or Unit.Level.DEPARTMENT
    if level not in Unit.Level.values:
        raise unit_actions.UnitActionError("Cấp đơn vị không hợp lệ.")
    return unit_actions.create_unit(
        name=request.POST.get("name", ""), parent=unit, level=level, actor=request.user
    )


def _remove_alias(request: HttpRequest, unit: Unit) -> None:
    alias = unit.aliases.filter(pk=request.POST.get("alias_id") or 0).first()
    if alias is None:
        raise unit_actions.UnitActionError("Không tìm thấy tên gọi khác này.")
    unit_actions.remove_alias(alias=alias, actor=request.user)


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
def unit_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """The units the person manages, as CSV for Excel or XLSX (both re-importable)."""
    units = _manageable(request).select_related("parent").prefetch_related("aliases")
    ordered = units.order_by("parent_id", "name")
    if fmt == "xlsx":
        response = attachment(transfer.units_xlsx(ordered), "don-vi.xlsx", XLSX_TYPE)
    else:
        response = attachment(transfer.units_csv(ordered), "don-vi.csv", "text/csv")
    record(
        actor=request.user, action="exports.units_exported", obj=None, after={"rows": units.count()}
    )
    return response


@login_required
def unit_import(request: HttpRequest) -> HttpResponse:
    """Upload a CSV/XLSX of units: created or updated below the units the person manages."""
    return _table_import(request, "units")


@login_required
def account_import(request: HttpRequest) -> HttpResponse:
    """Upload a CSV/XLSX of accounts, each with a role at a unit the person manages."""
    return _table_import(request, "accounts")


def _table_import(request: HttpRequest, kind: str) -> HttpResponse:
    allowed = list(_manageable(request).select_related("parent"))
    context: dict[str, Any] = {"kind": kind, "roles": _grantable_roles(request)}
    upload = request.FILES.get("file") if request.method == "POST" else None
    if request.method == "POST" and upload is None:
        context["errors"] = ["Hãy chọn tệp CSV hoặc Excel (.xlsx)."]
    elif upload is not None:
        context.update(_run_import(request, kind, upload.read(), allowed))
    status = 400 if context.get("errors") else 200
    return render(request, "web/table_import.html", context, status=status)


def _run_import(
    request: HttpRequest, kind: str, data: bytes, allowed: list[Unit]
) -> dict[str, Any]:
    try:
        if kind == "units":
            report = transfer.import_units(data=data, allowed=allowed, actor=request.user)
        else:
            report = transfer.import_accounts(
                data=data,
                allowed=allowed,
                roles=[value for value, _ in _grantable_roles(request)],
                actor=request.user,
                request=request,
            )
    except TabularError as error:
        return {"errors": [error.message]}
    except transfer.TransferError as error:
        return {"errors": error.messages}
    return {"report": report}


def _grantable_roles(request: HttpRequest) -> list[tuple[str, str]]:
    """Roles a person may give: all for an administrator; officer and leader otherwise."""
    if access_for(request.user).is_admin:
        return list(Membership.Role.choices)
    return [(v, label) for v, label in Membership.Role.choices if v in ("officer", "leader")]
