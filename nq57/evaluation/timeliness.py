"""Timeliness of a task as of a date (DESIGN 'Deadline semantics'). Pure Python.

A dated task (date, period_end, window; a conditional one once its due date is recorded) is

    trong hạn          not done, due later than `soon_days` days ahead
    sắp đến hạn        not done, due within `soon_days` days — the due day itself included
    quá hạn            not done, the due day has passed
    hoàn thành đúng hạn  done on or before the due day
    hoàn thành trễ hạn   done after the due day

Lifecycle 'không thực hiện' is 'không áp dụng'; a task without a due date (unknown kind,
conditional before its trigger) is 'chưa xác định hạn' and is never overdue.

A recurring task ('Hằng năm', 'Hằng quý') is judged per occurrence, an ongoing one
('Thường xuyên') per reporting period: each is 'đã báo cáo' when an approved report covering
it says so, 'chưa báo cáo' once its due day has passed without one, and not yet due otherwise.
Everything is 'as of' a day, so the past can be evaluated as it stood then.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from nq57.lib.deadlines import Deadline, DeadlineKind

SOON_DAYS = 7


class Timeliness(StrEnum):
    ON_TRACK = "on_track"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    UNDATED = "undated"
    NOT_APPLICABLE = "not_applicable"
    PERIODIC = "periodic"  # recurring / ongoing: see `occurrences` and `periods`

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Timeliness.ON_TRACK: "Trong hạn",
    Timeliness.DUE_SOON: "Sắp đến hạn",
    Timeliness.OVERDUE: "Quá hạn",
    Timeliness.DONE_ON_TIME: "Hoàn thành đúng hạn",
    Timeliness.DONE_LATE: "Hoàn thành trễ hạn",
    Timeliness.UNDATED: "Chưa xác định hạn",
    Timeliness.NOT_APPLICABLE: "Không áp dụng",
    Timeliness.PERIODIC: "Định kỳ, thường xuyên",
}


class Occurrence(StrEnum):
    REPORTED = "reported"
    NOT_REPORTED = "not_reported"
    DUE_SOON = "due_soon"
    UPCOMING = "upcoming"

    @property
    def label(self) -> str:
        return {
            "reported": "Đã báo cáo",
            "not_reported": "Chưa báo cáo",
            "due_soon": "Sắp đến hạn",
            "upcoming": "Chưa đến hạn",
        }[self.value]


@dataclass(frozen=True)
class Progress:
    """What the approved reports say of a task as of the evaluation day."""

    done_on: date | None = None  # completion date reported ('hoàn thành')
    cancelled: bool = False  # 'không thực hiện'
    due_set: date | None = None  # a conditional task's due day, recorded when triggered


def classify(
    deadline: Deadline, progress: Progress, as_of: date, soon_days: int = SOON_DAYS
) -> Timeliness:
    """The task's timeliness on `as_of` (see the module docstring)."""
    if progress.cancelled:
        return Timeliness.NOT_APPLICABLE
    if deadline.kind in (DeadlineKind.RECURRING, DeadlineKind.ONGOING) and deadline.due is None:
        return Timeliness.PERIODIC
    due = progress.due_set or deadline.due
    done = progress.done_on if progress.done_on and progress.done_on <= as_of else None
    if due is None:
        return Timeliness.DONE_ON_TIME if done else Timeliness.UNDATED
    if done is not None:
        return Timeliness.DONE_ON_TIME if done <= due else Timeliness.DONE_LATE
    if as_of > due:
        return Timeliness.OVERDUE
    return Timeliness.DUE_SOON if (due - as_of).days <= soon_days else Timeliness.ON_TRACK


@dataclass(frozen=True)
class Span:
    """A period of time [start, end], due on `due` (a reporting period, or what an approved
    report covered)."""

    start: date
    end: date
    due: date | None = None


def occurrences(
    deadline: Deadline,
    covered: Sequence[Span],
    as_of: date,
    since: date,
    soon_days: int = SOON_DAYS,
) -> list[tuple[date, Occurrence]]:
    """Each occurrence of a recurring deadline from `since` up to `soon_days` after `as_of`:
    reported when an approved report covers that day, else not reported once it has passed."""
    found = []
    for due in deadline.occurrences(since, as_of + timedelta(days=soon_days)):
        if any(span.start <= due <= span.end for span in covered):
            found.append((due, Occurrence.REPORTED))
        else:
            found.append((due, _pending(due, as_of, soon_days)))
    return found


def periods(
    all_periods: Sequence[Span], reported: Sequence[Span], as_of: date, soon_days: int = SOON_DAYS
) -> list[tuple[Span, Occurrence]]:
    """For an ongoing task: each reporting period due by `as_of` + `soon_days`, reported when
    an approved report for that period mentions the task."""
    done = {(span.start, span.end) for span in reported}
    found = []
    for span in all_periods:
        due = span.due or span.end
        if due > as_of + timedelta(days=soon_days):
            continue
        status = (
            Occurrence.REPORTED
            if (span.start, span.end) in done
            else _pending(due, as_of, soon_days)
        )
        found.append((span, status))
    return found


def _pending(due: date, as_of: date, soon_days: int) -> Occurrence:
    if as_of > due:
        return Occurrence.NOT_REPORTED
    return Occurrence.DUE_SOON if (due - as_of).days <= soon_days else Occurrence.UPCOMING
