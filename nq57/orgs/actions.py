"""Writes on units. Atomic and audited."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from nq57.audit.actions import record
from nq57.orgs.models import Unit, User

Actor = AbstractBaseUser | AnonymousUser | None


@transaction.atomic
def confirm_unit(*, unit: Unit, actor: Actor) -> bool:
    """Mark a unit created by an import as confirmed; False if it already was."""
    changed = Unit.objects.filter(pk=unit.pk, status=Unit.Status.NEEDS_CONFIRMATION).update(
        status=Unit.Status.CONFIRMED
    )
    if changed != 1:
        return False
    unit.status = Unit.Status.CONFIRMED
    record(
        actor=actor,
        action="orgs.unit_confirmed",
        obj=unit,
        before={"status": Unit.Status.NEEDS_CONFIRMATION.value},
        after={"status": Unit.Status.CONFIRMED.value},
    )
    return True


@transaction.atomic
def login_failed(*, username: str) -> None:
    """Count a wrong password for an account (audited; an unknown name writes nothing); the
    N-th in a row locks the account for a while (audited too)."""
    user = User.objects.select_for_update().filter(username=username).first()
    if user is None:
        return
    User.objects.filter(pk=user.pk).update(failed_logins=F("failed_logins") + 1)
    user.refresh_from_db(fields=["failed_logins"])
    record(
        actor=None, action="accounts.login_failed", obj=user, after={"failures": user.failed_logins}
    )
    if user.failed_logins < settings.NQ57_LOGIN_MAX_FAILURES:
        return
    until = timezone.now() + timedelta(minutes=settings.NQ57_LOGIN_LOCK_MINUTES)
    User.objects.filter(pk=user.pk).update(locked_until=until, failed_logins=0)
    record(
        actor=None,
        action="orgs.user_locked",
        obj=user,
        after={"locked_until": until.isoformat(), "failures": user.failed_logins},
    )


def login_succeeded(*, user: User) -> None:
    """Reset the count of wrong passwords (bookkeeping of the sign-in, which is audited as
    'accounts.login' by `nq57.audit.auth_hooks`)."""
    if user.failed_logins or user.locked_until:
        User.objects.filter(pk=user.pk).update(failed_logins=0, locked_until=None)


def locked_until(username: str) -> datetime | None:
    """When the account's lock ends, if it is locked now."""
    until = User.objects.filter(username=username).values_list("locked_until", flat=True).first()
    return until if until is not None and until > timezone.now() else None
