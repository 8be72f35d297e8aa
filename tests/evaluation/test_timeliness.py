"""Task timeliness for every deadline kind, at the boundaries (nq57.evaluation.timeliness)."""

from __future__ import annotations

from datetime import date

import pytest

from nq57.evaluation.timeliness import (
    Occurrence,
    Progress,
    Span,
    Timeliness,
    classify,
    occurrences,
    periods,
)
from nq57.lib.deadlines import parse_deadline

T = Timeliness
NOT_DONE = Progress()


@pytest.mark.parametrize(
    ("raw", "as_of", "expected"),
    [
        # a date: the due day itself is still in time; the day after is overdue
        ("30/6/2025", date(2025, 6, 22), T.ON_TRACK),  # 8 days ahead
        ("30/6/2025", date(2025, 6, 23), T.DUE_SOON),  # 7 days ahead: the window's edge
        ("30/6/2025", date(2025, 6, 30), T.DUE_SOON),  # the due day
        ("30/6/2025", date(2025, 7, 1), T.OVERDUE),
        # 'Quý IV/2025' is due at the year's end
        ("Quý IV/2025", date(2025, 12, 31), T.DUE_SOON),
        ("Quý IV/2025", date(2026, 1, 1), T.OVERDUE),
        ("Quý IV/2025", date(2025, 10, 1), T.ON_TRACK),
        ("6/2025", date(2025, 7, 1), T.OVERDUE),  # a month: its last day
        ("Năm 2025", date(2025, 12, 31), T.DUE_SOON),
        # a window is due at its end
        ("2025 - 2030", date(2030, 12, 31), T.DUE_SOON),
        ("2025 - 2030", date(2031, 1, 1), T.OVERDUE),
        ("2025 - 2030", date(2026, 3, 1), T.ON_TRACK),
        # never dated: never overdue
        ("Sau khi thành phố ban hành bộ quy tắc", date(2030, 1, 1), T.UNDATED),
        ("", date(2030, 1, 1), T.UNDATED),
        # recurring and ongoing are judged per occurrence / period
        ("Hằng năm", date(2025, 6, 1), T.PERIODIC),
        ("Thường xuyên", date(2025, 6, 1), T.PERIODIC),
    ],
)
def test_not_done(raw: str, as_of: date, expected: Timeliness) -> None:
    assert classify(parse_deadline(raw), NOT_DONE, as_of) is expected


@pytest.mark.parametrize(
    ("done_on", "as_of", "expected"),
    [
        (date(2025, 6, 30), date(2025, 7, 15), T.DONE_ON_TIME),  # on the due day
        (date(2025, 7, 1), date(2025, 7, 15), T.DONE_LATE),  # the day after
        (date(2025, 5, 2), date(2025, 5, 2), T.DONE_ON_TIME),
        # as of a past day, a completion reported later does not count yet
        (date(2025, 7, 10), date(2025, 7, 5), T.OVERDUE),
        (date(2025, 7, 10), date(2025, 6, 1), T.ON_TRACK),
    ],
)
def test_done(done_on: date, as_of: date, expected: Timeliness) -> None:
    deadline = parse_deadline("30/6/2025")
    assert classify(deadline, Progress(done_on=done_on), as_of) is expected


def test_cancelled_tasks_do_not_count() -> None:
    progress = Progress(cancelled=True)
    assert classify(parse_deadline("30/6/2025"), progress, date(2026, 1, 1)) is T.NOT_APPLICABLE


def test_a_conditional_task_is_dated_once_its_trigger_is_recorded() -> None:
    deadline = parse_deadline("Sau khi thành phố ban hành bộ quy tắc")
    triggered = Progress(due_set=date(2025, 9, 30))
    assert classify(deadline, triggered, date(2025, 10, 1)) is T.OVERDUE
    assert classify(deadline, triggered, date(2025, 9, 30)) is T.DUE_SOON
    done = Progress(due_set=date(2025, 9, 30), done_on=date(2025, 9, 1))
    assert classify(deadline, done, date(2025, 10, 1)) is T.DONE_ON_TIME


def test_an_undated_task_done_is_done_on_time() -> None:
    assert classify(parse_deadline(""), Progress(done_on=date(2025, 1, 1)), date(2025, 2, 1)) is (
        T.DONE_ON_TIME
    )


def test_soon_is_configurable() -> None:
    deadline = parse_deadline("30/6/2025")
    assert classify(deadline, NOT_DONE, date(2025, 6, 1), soon_days=30) is T.DUE_SOON
    assert classify(deadline, NOT_DONE, date(2025, 6, 1), soon_days=28) is T.ON_TRACK


def test_yearly_occurrences_across_years() -> None:
    deadline = parse_deadline("Hằng năm")
    h2_2025 = Span(date(2025, 7, 1), date(2025, 12, 31))
    on_new_years_eve = occurrences(deadline, [], date(2025, 12, 31), since=date(2025, 1, 1))
    assert on_new_years_eve == [(date(2025, 12, 31), Occurrence.DUE_SOON)]
    next_day = occurrences(deadline, [], date(2026, 1, 1), since=date(2025, 1, 1))
    assert next_day == [(date(2025, 12, 31), Occurrence.NOT_REPORTED)]
    reported = occurrences(deadline, [h2_2025], date(2027, 1, 1), since=date(2025, 1, 1))
    assert reported == [
        (date(2025, 12, 31), Occurrence.REPORTED),
        (date(2026, 12, 31), Occurrence.NOT_REPORTED),
    ]


def test_quarterly_occurrences_and_upcoming_ones() -> None:
    deadline = parse_deadline("Hằng quý")
    found = occurrences(deadline, [], date(2025, 9, 25), since=date(2025, 1, 1))
    assert found == [
        (date(2025, 3, 31), Occurrence.NOT_REPORTED),
        (date(2025, 6, 30), Occurrence.NOT_REPORTED),
        (date(2025, 9, 30), Occurrence.DUE_SOON),
    ]


def test_ongoing_tasks_per_reporting_period() -> None:
    first = Span(date(2025, 1, 1), date(2025, 6, 30), due=date(2025, 5, 15))
    second = Span(date(2025, 7, 1), date(2025, 12, 31), due=date(2025, 11, 5))
    assert periods([first, second], [first], date(2025, 11, 5)) == [
        (first, Occurrence.REPORTED),
        (second, Occurrence.DUE_SOON),  # the due day itself
    ]
    assert periods([first, second], [first], date(2025, 11, 6)) == [
        (first, Occurrence.REPORTED),
        (second, Occurrence.NOT_REPORTED),
    ]
    assert periods([first, second], [], date(2025, 3, 1)) == []  # nothing due yet


def test_labels_are_vietnamese() -> None:
    assert [t.label for t in (T.ON_TRACK, T.DUE_SOON, T.OVERDUE, T.DONE_ON_TIME, T.DONE_LATE)] == [
        "Trong hạn", "Sắp đến hạn", "Quá hạn", "Hoàn thành đúng hạn", "Hoàn thành trễ hạn",
    ]  # fmt: skip
