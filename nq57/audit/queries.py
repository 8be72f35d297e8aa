"""Reads on the audit log: the history of an object, in words an officer reads."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q, QuerySet

from nq57.audit.models import AuditEvent

ACTION_LABELS = {
    "plans.plan_imported": "Nhập kế hoạch vào hệ thống",
    "plans.plan_replaced": "Nhập lại kế hoạch (thay thế)",
    "plans.plan_revised": "Cập nhật từ bản sửa đổi",
    "plans.plan_published": "Ban hành trên hệ thống",
    "plans.references_resolved": "Liên kết văn bản căn cứ",
    "exports.plan_exported": "Xuất dữ liệu kế hoạch",
    "imports.published": "Lưu kế hoạch từ lượt nhập",
}


def history(*objects: models.Model, limit: int = 50) -> QuerySet[AuditEvent]:
    """Audit events about any of `objects`, newest first."""
    match = Q(pk__in=[])
    for obj in objects:
        kind = ContentType.objects.get_for_model(obj)
        match |= Q(object_type=kind, object_id=str(obj.pk))
    return AuditEvent.objects.filter(match).order_by("-at", "-pk")[:limit]


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)
