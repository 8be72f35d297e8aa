"""The units a collective mention stands for: 'Ủy ban nhân dân 10 phường' is each ward's
People's Committee, and each of them reports on its own.

A collective's members are stored (`Unit.members`, editable by an administrator); when none are
stored yet they are guessed from its name: '<prefix> (N | các) phường/xã/thị trấn' means the
commune-level units beside it (under its parent or its grandparent) whose names start with the
same prefix ('Ủy ban nhân dân'). Anything else ('Các cơ quan, đơn vị', 'Công an 10 phường'
when no ward police exist) gets no members and keeps reporting as one unit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.db import transaction

from nq57.audit.actions import record
from nq57.orgs.models import Unit
from nq57.orgs.names import normalize_unit_name

_KINDS = {"phuong": "phuong", "xa": "xa", "thi tran": "thi tran"}
_SHAPE = re.compile(
    r"^(?P<prefix>.*?)\s*\b(?:\d+|cac)\s+(?P<kinds>(?:phuong|xa|thi tran)(?:(?:\s*,\s*|\s+va\s+)"
    r"(?:phuong|xa|thi tran))*)\b"
)


def guess_members(collective: Unit) -> list[Unit]:
    """The commune-level units the collective's name stands for (see the module docstring)."""
    match = _SHAPE.match(normalize_unit_name(collective.name))
    if not collective.is_collective or match is None or collective.parent_id is None:
        return []
    prefix = match.group("prefix").strip()
    kinds = [kind for kind in _KINDS if kind in match.group("kinds")]
    places = [collective.parent_id]
    grandparent = Unit.objects.filter(pk=collective.parent_id).values_list("parent_id", flat=True)
    places += [p for p in grandparent if p is not None]
    candidates = Unit.objects.filter(
        parent_id__in=places, level=Unit.Level.COMMUNE, is_collective=False
    ).order_by("name")
    return [
        unit
        for unit in candidates
        if unit.folded_name.startswith(prefix)
        and any(f" {kind} " in f" {unit.folded_name[len(prefix) :]} " for kind in kinds)
    ]


@transaction.atomic
def expand_collectives(unit_ids: Iterable[int]) -> dict[int, list[int]]:
    """For each collective among `unit_ids`: its member ids, guessed and stored (audited,
    as the system) the first time. Units that are not collectives, or that stand for no
    known unit, are left out."""
    found: dict[int, list[int]] = {}
    for unit in Unit.objects.filter(pk__in=list(unit_ids), is_collective=True):
        members = list(unit.members.values_list("pk", flat=True))
        if not members:
            guessed = guess_members(unit)
            if guessed:
                unit.members.set(guessed)
                record(actor=None, action="orgs.collective_expanded", obj=unit,
                       after={"members": [m.name for m in guessed]})  # fmt: skip
            members = [m.pk for m in guessed]
        if members:
            found[unit.pk] = members
    return found
