"""Marking a plan's stored figures out of date (`models.FiguresStamp`).

Call `touch` inside the transaction of any write that changes what the plan's figures are
counted from, with the first day it changes (`since`; None when it may change any day);
`stamps_of` is what the stored figures are checked against.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, NamedTuple

from django.db.models import F, Q
from django.utils import timezone

from nq57.plans.models import Assignment, FiguresStamp, Plan


class Stamp(NamedTuple):
    generation: int = 0
    history: int = 0


def touch(plan_ids: Iterable[int], since: date | None = None) -> None:
    """Move the plans to a new generation; to a new history too unless the write changes only
    today and later (`since` today or after). The row is made first (a concurrent toucher then
    waits for it) and raised after, so two writers never leave one generation."""
    ids = sorted(set(plan_ids))
    if not ids:
        return
    FiguresStamp.objects.bulk_create(
        [FiguresStamp(plan_id=pk) for pk in ids], ignore_conflicts=True
    )
    raised: dict[str, Any] = {"generation": F("generation") + 1}
    if since is None or since < timezone.localdate():
        raised["history"] = F("history") + 1
    FiguresStamp.objects.filter(plan_id__in=ids).update(**raised)


def stamps_of(plan_ids: Iterable[int]) -> dict[int, Stamp]:
    """The plans' current stamps (0, 0 for a plan never touched)."""
    ids = list(plan_ids)
    rows = FiguresStamp.objects.filter(plan_id__in=ids)
    found = {pk: Stamp(gen, hist) for pk, gen, hist in rows.values_list(
        "plan_id", "generation", "history")}  # fmt: skip
    return {pk: found.get(pk, Stamp()) for pk in ids}


def units_changed_receiver(sender: Any, unit_ids: Iterable[int], **_: Any) -> None:
    """Units merged or a collective's members changed (`orgs.signals`): the plans whose tasks
    or indicators they are assigned to count differently."""
    assigned = Assignment.objects.filter(unit_id__in=list(unit_ids))
    touch(
        Plan.objects.filter(
            Q(tasks__assignments__in=assigned) | Q(indicators__assignments__in=assigned)
        ).values_list("pk", flat=True)
    )
