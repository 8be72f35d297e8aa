"""Keep `LeadProgress` — each lead unit's word on each task, as a history — in step with the
approved reports.

A unit's word on a task is (lifecycle, completion day) from its line in its latest approved
report (the approved version of the report for the latest period among those approved), when
that line is a lead line (the unit leads the task itself or as a member of a collective such
as 'Ủy ban nhân dân 10 phường'); a line marked 'không phát sinh' says nothing.
`record_approval` runs under the approval's lock; `rebuild` replays every approval in the
order they happened, for when the rows must be recomputed (a repair, data loaded in bulk).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.db.models import F

from nq57.plans.models import Assignment
from nq57.plans.stamps import touch
from nq57.reporting.models import LeadProgress, Submission, TaskUpdate

Word = tuple[str, date | None]
_BATCH = 5000


def record_approval(submission: Submission, at: datetime) -> None:
    """The unit's words after `submission` was approved at `at`: a new row for each task whose
    word changed, the row it replaces closed at `at`."""
    plan_id, unit_id = submission.plan_id, submission.unit_id
    words = _latest(_lines(plan_id, unit_id))
    current = {
        row.task_id: row
        for row in LeadProgress.objects.filter(
            plan_id=plan_id, unit_id=unit_id, valid_to__isnull=True
        )
    }
    changed = [task for task, word in words.items() if _key(current.get(task)) != word]
    closing = [current[task].pk for task in changed if task in current]
    LeadProgress.objects.filter(pk__in=closing).update(valid_to=at)
    LeadProgress.objects.bulk_create(
        _row(plan_id, unit_id, task, words[task], at) for task in changed
    )


@transaction.atomic
def rebuild(plan_ids: Iterable[int] | None = None) -> int:
    """Recompute the history of the given plans (all plans by default) from their approved
    reports; returns the number of rows written."""
    approved = Submission.objects.filter(approved_version__isnull=False)
    if plan_ids is not None:
        approved = approved.filter(plan_id__in=list(plan_ids))
    LeadProgress.objects.filter(plan_id__in=approved.values("plan_id")).delete()
    rows: list[LeadProgress] = []
    pairs = approved.order_by().values_list("plan_id", "unit_id").distinct()
    for plan_id, unit_id in pairs:
        rows.extend(_replay(plan_id, unit_id))
        if len(rows) >= _BATCH:
            LeadProgress.objects.bulk_create(rows, batch_size=_BATCH)
            rows = []
    LeadProgress.objects.bulk_create(rows, batch_size=_BATCH)
    touch(approved.order_by().values_list("plan_id", flat=True).distinct())
    return LeadProgress.objects.filter(plan_id__in=approved.values("plan_id")).count()


def _replay(plan_id: int, unit_id: int) -> Iterator[LeadProgress]:
    """One unit's history in one plan: after each approval (oldest first), the words of the
    reports approved so far."""
    by_report: dict[tuple[datetime, int], list[Line]] = {}
    for line in _lines(plan_id, unit_id):
        by_report.setdefault((line[1], line[0]), []).append(line)
    best: dict[int, tuple[tuple[datetime, date], Word]] = {}
    current: dict[int, LeadProgress] = {}
    for at, _report in sorted(by_report):
        _keep_latest(best, by_report[(at, _report)])
        for task, (_period, word) in best.items():
            if _key(current.get(task)) == word:
                continue
            if task in current:
                current[task].valid_to = at
            current[task] = _row(plan_id, unit_id, task, word, at)
            yield current[task]


Line = tuple[int, datetime, tuple[datetime, date], int, Word]


def _lines(plan_id: int, unit_id: int) -> Iterator[Line]:
    """The unit's lead lines in the approved version of each approved report:
    (report, approved at, (period due, period end), task, word)."""
    rows = TaskUpdate.objects.filter(
        submission__plan_id=plan_id,
        submission__unit_id=unit_id,
        submission__approved_version__isnull=False,
        version=F("submission__approved_version"),
        role=Assignment.Role.LEAD,
    ).values_list(
        "submission_id",
        "submission__approved_at",
        "submission__period__due",
        "submission__period__end",
        "task_id",
        "not_applicable",
        "lifecycle",
        "completed_on",
    )
    for report, at, due, end, task, not_applicable, lifecycle, done_on in rows:
        if at is None:  # approved_version without approved_at: not from the workflow
            continue
        said = "" if not_applicable else lifecycle
        yield report, at, (due, end), task, (said, done_on if said == "done" else None)


def _latest(lines: Iterable[Line]) -> dict[int, Word]:
    """Per task, the word of the line from the latest period."""
    best: dict[int, tuple[tuple[datetime, date], Word]] = {}
    _keep_latest(best, lines)
    return {task: word for task, (_period, word) in best.items()}


def _keep_latest(
    best: dict[int, tuple[tuple[datetime, date], Word]], lines: Iterable[Line]
) -> None:
    for _report, _at, period, task, word in lines:
        if task not in best or period >= best[task][0]:
            best[task] = (period, word)


def _key(row: LeadProgress | None) -> Word | None:
    return None if row is None else (row.lifecycle, row.done_on)


def _row(plan_id: int, unit_id: int, task: int, word: Word, at: datetime) -> LeadProgress:
    return LeadProgress(
        plan_id=plan_id,
        task_id=task,
        unit_id=unit_id,
        lifecycle=word[0],
        done_on=word[1],
        valid_from=at,
    )


def units_changed_receiver(sender: Any, unit_ids: Iterable[int], merged: bool, **_: Any) -> None:
    """Units merged (`orgs.signals`): the history of the plans they report on is rebuilt from
    the approved reports, now under the unit that stands for both. (A collective's members
    do not change the history: the counts resolve them.)"""
    if not merged:
        return
    plans = Submission.objects.filter(unit_id__in=list(unit_ids)).values_list("plan_id")
    rebuild(plans.order_by().distinct().values_list("plan_id", flat=True))
