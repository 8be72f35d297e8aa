"""Reads on the audit log: the history of an object, the administrators' search (web page and
`nq57 audit`), and the words an officer reads for each action and change."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone

from nq57.audit.models import AuditEvent

ACTION_LABELS = {
    "cascade.plans_linked": "Liên kết kế hoạch cấp dưới với cấp trên",
    "cascade.plans_unlinked": "Bỏ liên kết kế hoạch",
    "cascade.task_links_decided": "Xác nhận liên kết nhiệm vụ giữa các cấp",
    "cascade.indicator_links_decided": "Xác nhận liên kết chỉ tiêu giữa các cấp",
    "plans.task_triggered": "Ghi nhận điều kiện của nhiệm vụ đã phát sinh",
    "plans.indicator_baseline_set": "Đặt giá trị nền của chỉ tiêu",
    "evaluation.indicator_assessed": "Đánh giá chỉ tiêu định tính",
    "accounts.login": "Đăng nhập",
    "accounts.logout": "Đăng xuất",
    "accounts.login_failed": "Nhập sai mật khẩu",
    "accounts.password_changed": "Đổi mật khẩu",
    "accounts.password_disabled": "Tắt đăng nhập bằng mật khẩu",
    "api.token.created": "Tạo mã truy cập API",
    "api.token.revoked": "Thu hồi mã truy cập API",
    "exports.plan_exported": "Xuất dữ liệu kế hoạch",
    "exports.report_exported": "Xuất báo cáo tổng hợp",
    "exports.units_exported": "Xuất danh sách đơn vị",
    "imports.started": "Tải tệp kế hoạch lên để nhập",
    "imports.header_edited": "Sửa thông tin văn bản của lượt nhập",
    "imports.row_edited": "Sửa dòng của lượt nhập",
    "imports.row_added": "Thêm dòng vào lượt nhập",
    "imports.row_removed": "Bỏ dòng khỏi lượt nhập",
    "imports.row_split": "Tách dòng của lượt nhập",
    "imports.rows_merged": "Gộp dòng của lượt nhập",
    "imports.unit_decided": "Chọn đơn vị cho tên trong tệp",
    "imports.published": "Lưu kế hoạch từ lượt nhập",
    "imports.discarded": "Hủy lượt nhập",
    "orgs.unit_created": "Thêm đơn vị",
    "orgs.unit_renamed": "Đổi tên đơn vị",
    "orgs.unit_moved": "Chuyển đơn vị sang cấp trên khác",
    "orgs.unit_changed": "Sửa thông tin đơn vị",
    "orgs.unit_confirmed": "Xác nhận đơn vị",
    "orgs.units_merged": "Gộp đơn vị trùng",
    "orgs.alias_added": "Thêm tên gọi khác của đơn vị",
    "orgs.alias_removed": "Bỏ tên gọi khác của đơn vị",
    "orgs.user_created": "Tạo tài khoản",
    "orgs.role_given": "Giao vai trò tại đơn vị",
    "orgs.user_locked": "Tạm khóa tài khoản do nhập sai mật khẩu",
    "plans.plan_imported": "Nhập kế hoạch vào hệ thống",
    "plans.plan_replaced": "Nhập lại kế hoạch (thay thế)",
    "plans.plan_revised": "Cập nhật từ bản sửa đổi",
    "plans.plan_published": "Ban hành trên hệ thống",
    "plans.references_resolved": "Liên kết văn bản căn cứ",
    "plans.indicator_kind_set": "Đặt loại số liệu của chỉ tiêu",
    "reporting.regimes_set": "Đặt chế độ báo cáo",
    "reporting.period_added": "Thêm kỳ báo cáo",
    "reporting.period_locked": "Khóa kỳ báo cáo",
    "reporting.period_reopened": "Mở lại kỳ báo cáo",
    "reporting.reminders_sent": "Gửi nhắc hạn báo cáo",
    "reporting.evidence_added": "Thêm minh chứng",
    "reporting.evidence_withdrawn": "Rút minh chứng",
    "reporting.submission_unit_review": "Gửi lãnh đạo đơn vị duyệt báo cáo",
    "reporting.submission_submitted": "Nộp báo cáo",
    "reporting.submission_returned": "Trả lại báo cáo để bổ sung",
    "reporting.submission_approved": "Duyệt báo cáo",
    "reporting.submission_draft": "Mở phiên bản mới của báo cáo đã duyệt",
    "reporting.submission_reopened": "Mở lại báo cáo",
    "reporting.submission_saved": "Lưu báo cáo của đơn vị",
    "reporting.submission_copied": "Sao chép báo cáo kỳ trước",
    "evaluation.formula_set": "Đặt công thức chấm điểm đơn vị",
    "orgs.collective_expanded": "Xác định các đơn vị thuộc cụm",
}
# `AuditedModelAdmin` writes 'admin.<app>.<model>.<verb>'.
_ADMIN_VERBS = {"created": "thêm", "changed": "sửa", "deleted": "xóa"}
_TEXT_FIELDS = ("object_repr", "actor_label", "action", "request_id")
_MISSING = object()


class AuditQueryError(Exception):
    """A search the log cannot run; `message` is Vietnamese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class AuditFilter:
    """What an administrator looks for; empty fields do not filter. Dates are local days."""

    text: str = ""
    actor: str = ""
    action: str = ""
    object_type: ContentType | None = None
    object_id: str = ""
    since: date | None = None
    until: date | None = None
    request_id: str = ""


@dataclass(frozen=True)
class Change:
    """One key of before/after that differs, both sides as short text ('—' when absent)."""

    key: str
    before: str
    after: str


def history(*objects: models.Model, limit: int = 50) -> QuerySet[AuditEvent]:
    """Audit events about any of `objects`, newest first."""
    match = Q(pk__in=[])
    for obj in objects:
        kind = ContentType.objects.get_for_model(obj)
        match |= Q(object_type=kind, object_id=str(obj.pk))
    return AuditEvent.objects.filter(match).order_by("-at", "-pk")[:limit]


def search_events(wanted: AuditFilter) -> QuerySet[AuditEvent]:
    """The events matching every given field of `wanted`, newest first."""
    events = AuditEvent.objects.select_related("object_type").order_by("-at", "-pk")
    if wanted.text:
        events = events.filter(_text_match(wanted.text))
    if wanted.actor:
        events = events.filter(
            Q(actor_label__iexact=wanted.actor) | Q(actor__username__iexact=wanted.actor)
        )
    exact = {
        "action": wanted.action,
        "object_type": wanted.object_type,
        "object_id": wanted.object_id,
        "request_id": wanted.request_id,
    }
    events = events.filter(**{field: value for field, value in exact.items() if value})
    if wanted.since is not None:
        events = events.filter(at__gte=_start_of(wanted.since))
    if wanted.until is not None:
        events = events.filter(at__lt=_start_of(wanted.until + timedelta(days=1)))
    return events


def _text_match(text: str) -> Q:
    """`text` in the object, the actor, the action (code or label) or the request id.

    Case is ignored: PostgreSQL folds any letter, SQLite only ASCII ones, so the usual
    spellings of the text (as typed, lower, upper, capitalised words) are tried too.
    """
    match = Q()
    for variant in {text, text.lower(), text.upper(), text.title()}:
        for field in _TEXT_FIELDS:
            match |= Q(**{f"{field}__icontains": variant})
    folded = text.casefold()
    labelled = [code for code in recorded_actions() if folded in action_label(code).casefold()]
    return match | Q(action__in=labelled) if labelled else match


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def recorded_actions() -> list[str]:
    """Every action the log holds, once each."""
    found = AuditEvent.objects.order_by().values_list("action", flat=True).distinct()
    return sorted(found)


def recorded_object_types() -> list[ContentType]:
    """The kinds of object the log has events about."""
    ids = AuditEvent.objects.order_by().values_list("object_type", flat=True).distinct()
    return list(ContentType.objects.filter(pk__in=[i for i in ids if i is not None]))


def object_type_name(kind: ContentType) -> str:
    """'orgs.unit': how the command line and the filters name a kind of object."""
    return f"{kind.app_label}.{kind.model}"


def object_type_label(kind: ContentType) -> str:
    model = kind.model_class()
    return str(model._meta.verbose_name) if model is not None else object_type_name(kind)


def object_type_named(name: str) -> ContentType:
    """The kind of object called `name` ('orgs.unit'); AuditQueryError when there is none."""
    app_label, _, model = name.strip().partition(".")
    if not app_label or not model:
        raise AuditQueryError("Loại đối tượng viết dạng app.model, ví dụ orgs.unit.")
    found = ContentType.objects.filter(app_label=app_label, model=model.lower()).first()
    if found is None:
        raise AuditQueryError(f"Không có loại đối tượng «{name}».")
    return found


def parse_day(text: str) -> date:
    """A day written dd/mm/yyyy or yyyy-mm-dd; AuditQueryError otherwise."""
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise AuditQueryError(f"Ngày không hợp lệ «{text}»; viết dd/mm/yyyy hoặc yyyy-mm-dd.")


def action_label(action: str) -> str:
    """The action in Vietnamese ('Đổi tên đơn vị'); the code itself when it has no label."""
    if action in ACTION_LABELS:
        return ACTION_LABELS[action]
    parts = action.split(".")
    if len(parts) == 4 and parts[0] == "admin" and parts[3] in _ADMIN_VERBS:
        try:
            model = apps.get_model(parts[1], parts[2])
        except LookupError:
            return action
        return f"Quản trị: {_ADMIN_VERBS[parts[3]]} {model._meta.verbose_name}"
    return action


def changes(event: AuditEvent) -> list[Change]:
    """The keys whose value differs between `before` and `after`, in the order written."""
    before, after = _as_dict(event.before), _as_dict(event.after)
    keys = dict.fromkeys([*before, *after])
    return [
        Change(key, _short(before.get(key, _MISSING)), _short(after.get(key, _MISSING)))
        for key in keys
        if before.get(key, _MISSING) != after.get(key, _MISSING)
    ]


def _as_dict(value: Any) -> dict[str, Any]:
    if value is None:
        return {}
    return value if isinstance(value, dict) else {"": value}


def _short(value: Any, limit: int = 200) -> str:
    if value is _MISSING:
        return "—"
    if value is None:
        return "(trống)"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"
