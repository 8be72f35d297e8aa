"""Writes on units. Atomic and audited."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction

from nq57.audit.actions import record
from nq57.orgs.models import Unit

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
