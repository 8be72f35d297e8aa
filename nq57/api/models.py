"""API tokens: secrets that machine clients send as `Authorization: Bearer <token>`."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    """Reusable filters over tokens."""

    def usable(self) -> ApiTokenQuerySet:
        """Tokens not revoked whose owner may still sign in."""
        return self.filter(revoked_at__isnull=True, user__is_active=True)


class ApiToken(models.Model):
    """A named secret owned by a user; the API acts as that user with the user's unit scoping.

    Only the secret's SHA-256 is stored (the secret is shown once, when created); `prefix` is its
    first characters, to recognise a token in a list. A token is revoked, never deleted.
    """

    name = models.CharField("tên", max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người sở hữu",
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    key_hash = models.CharField("SHA-256 của mã", max_length=64, unique=True, editable=False)
    prefix = models.CharField("đầu mã", max_length=16, editable=False)
    created_at = models.DateTimeField("thời điểm tạo", default=timezone.now, editable=False)
    last_used_at = models.DateTimeField("lần dùng gần nhất", null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField("thời điểm thu hồi", null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = "mã truy cập API"
        verbose_name_plural = "mã truy cập API"
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
