"""The one way to write an audit row."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import models

from nq57.audit.models import AuditEvent

SYSTEM_LABEL = "hệ thống"


def record(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: str,
    obj: models.Model | None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    request_id: str | None = None,
) -> AuditEvent:
    """Write one audit row for `action` by `actor` on `obj` (saved objects only)."""
    user = actor if isinstance(actor, AbstractBaseUser) and actor.pk is not None else None
    return AuditEvent.objects.create(
        actor_id=user.pk if user is not None else None,
        actor_label=_actor_label(user),
        action=action,
        object_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=str(obj)[:500] if obj is not None else "",
        before=before,
        after=after,
        request_id=request_id or "",
    )


def _actor_label(user: AbstractBaseUser | None) -> str:
    if user is None:
        return SYSTEM_LABEL
    return user.get_username()
