"""The audit log: one row per domain write, separating the acting user from the changed object."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone


class AuditEvent(models.Model):
    """A write made by `actor` (a user, or None for the system) to one object, with before/after."""

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

    class Meta:
        verbose_name = "sự kiện nhật ký"
        verbose_name_plural = "nhật ký thay đổi"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} · {self.actor_label} · {self.action} · {self.object_repr}"
