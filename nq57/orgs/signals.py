"""What other apps hear from the unit tree.

`units_changed` is sent (inside the writing transaction) after units were merged
(`merged=True`) or a collective's members changed (`merged=False`), with `unit_ids`: the units
that now stand where others stood.
Apps that keep data derived from units (each lead unit's progress, the plans' day figures)
recompute it for those units. A model whose rows are derived this way says so with
`derived_from_units = True`: a merge deletes the duplicate's rows instead of moving them.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed
from django.dispatch import Signal

from nq57.orgs.models import Unit

units_changed = Signal()


def _members_changed(sender: Any, instance: Unit, action: str, pk_set: Any, **_: Any) -> None:
    if action in ("post_add", "post_remove", "post_clear"):
        units_changed.send(sender=Unit, unit_ids={instance.pk, *(pk_set or ())}, merged=False)


def connect() -> None:
    m2m_changed.connect(_members_changed, sender=Unit.members.through, dispatch_uid="nq57.members")
