"""The one way to write an audit row."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import models

from nq57.audit.context import current_request_id
from nq57.audit.models import AuditEvent

if TYPE_CHECKING:
    from nq57.orgs.models import User

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
    """Write one audit row for `action` by `actor` on `obj` (saved objects only).

    `request_id` defaults to the id of the request or `nq57` run being served.
    """
    user = acting_user(actor)
    return AuditEvent.objects.create(
        actor_id=user.pk if user is not None else None,
        actor_label=actor_label(user),
        action=action,
        object_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=str(obj)[:500] if obj is not None else "",
        before=before,
        after=after,
        request_id=request_id or current_request_id(),
    )


def acting_user(actor: AbstractBaseUser | AnonymousUser | None) -> User | None:
    """The saved user behind `actor`; None for the system (or an anonymous visitor)."""
    if isinstance(actor, AbstractBaseUser) and actor.pk is not None:
        return cast("User", actor)  # AUTH_USER_MODEL is orgs.User
    return None


def actor_label(user: AbstractBaseUser | None) -> str:
    """How a row names who acted: the username, or 'hệ thống'."""
    if user is None:
        return SYSTEM_LABEL
    return user.get_username()
