"""The audit log: one row per domain write, separating the acting user from the changed object."""

from __future__ import annotations

from typing import Any, NoReturn

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

IMMUTABLE_MESSAGE = "Nhật ký thay đổi không thể sửa hoặc xóa."


class AuditImmutableError(Exception):
    """Something tried to change or delete an audit row."""

    def __init__(self) -> None:
        super().__init__(IMMUTABLE_MESSAGE)


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    """Rows are only ever added: bulk updates and deletes are refused.

    Deleting a user or a content type still works: Django's deletion collector sets `actor` or
    `object_type` to NULL through the model's plain `_base_manager`, not through this queryset
    (the label written at the time stays; on PostgreSQL a trigger allows exactly that change).
    """

    def update(self, **kwargs: Any) -> NoReturn:
        raise AuditImmutableError

    def delete(self) -> NoReturn:
        raise AuditImmutableError


class AuditEvent(models.Model):
    """A write made by `actor` (a user, or None for the system) to one object, with before/after.

    Written once by `nq57.audit.actions.record`; never changed or deleted afterwards.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người thực hiện",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor_label = models.CharField("nhãn người thực hiện", max_length=200)
    action = models.CharField("hành động", max_length=100, db_index=True)
    object_type = models.ForeignKey(
        ContentType,
        verbose_name="loại đối tượng",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    object_id = models.CharField("mã đối tượng", max_length=64, blank=True)
    object_repr = models.CharField("đối tượng", max_length=500, blank=True)
    before = models.JSONField("trước", null=True, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField("sau", null=True, blank=True, encoder=DjangoJSONEncoder)
    at = models.DateTimeField("thời điểm", default=timezone.now, db_index=True)
    request_id = models.CharField("mã yêu cầu", max_length=64, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = "sự kiện nhật ký"
        verbose_name_plural = "nhật ký thay đổi"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} · {self.actor_label} · {self.action} · {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AuditImmutableError
        kwargs["force_insert"] = True  # never an UPDATE, even with a pk set by hand
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditImmutableError
