"""Writes on API tokens: issue, revoke, note the last use. Issuing and revoking are audited."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.utils import timezone

from nq57.api.models import ApiToken
from nq57.audit.actions import record
from nq57.orgs.models import User

Actor = AbstractBaseUser | AnonymousUser | None

SECRET_PREFIX = "nq57_"
PREFIX_LENGTH = 12  # 'nq57_' and 7 random characters, enough to tell tokens apart in a list
# A token's last use is written at most this often (not on every request).
LAST_USED_RESOLUTION = timedelta(minutes=1)


def hash_secret(secret: str) -> str:
    """The stored form of a secret: its SHA-256 in hex."""
    return hashlib.sha256(secret.encode()).hexdigest()


@transaction.atomic
def issue_token(*, token: ApiToken, actor: Actor) -> str:
    """Give an unsaved `token` (name and owner set) a new secret, save it and return the secret.

    The secret is returned once and never stored; only its SHA-256 is.
    """
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    token.key_hash = hash_secret(secret)
    token.prefix = secret[:PREFIX_LENGTH]
    token.save()
    record(actor=actor, action="api.token.created", obj=token, after=_summary(token))
    return secret


def create_token(*, user: User, name: str, actor: Actor) -> tuple[ApiToken, str]:
    """A new token named `name` for `user`, and its secret (shown once)."""
    token = ApiToken(user=user, name=name)
    return token, issue_token(token=token, actor=actor)


@transaction.atomic
def revoke_token(*, token: ApiToken, actor: Actor) -> bool:
    """Revoke `token` for good; False when it was already revoked."""
    now = timezone.now()
    if ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=now) != 1:
        return False
    before = _summary(token)
    token.revoked_at = now
    record(actor=actor, action="api.token.revoked", obj=token, before=before, after=_summary(token))
    return True


def mark_used(token: ApiToken) -> None:
    """Note that `token` was just used (bookkeeping, not audited; at most once a minute)."""
    now = timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < LAST_USED_RESOLUTION:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now


def _summary(token: ApiToken) -> dict[str, str | int | None]:
    """What the audit log keeps about a token (never the secret nor its hash)."""
    return {
        "name": token.name,
        "user_id": token.user_id,
        "prefix": token.prefix,
        "revoked_at": token.revoked_at.isoformat() if token.revoked_at else None,
    }
