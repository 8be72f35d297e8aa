"""Achievement of an indicator: the latest approved value against the next milestone. Pure.

    đạt               the value meets the milestone's target (its comparator: ≥ > ≤ < =,
                      a range with both ends included; a plain '3%' is a floor, or a ceiling
                      when lower is better — see `nq57.lib.targets.Target.assess`)
    đúng lộ trình     not yet met, but at or beyond the straight line from the baseline to
                      the milestone's target at the value's date
    chậm              behind that line, or the milestone's day has passed without meeting it
    chưa có số liệu   no value yet
    cần đánh giá      a qualitative target ('Tiên tiến, hiện đại') nobody has assessed yet;
                      a person's assessment (đạt / không đạt, with a note) decides it

The milestone is the first one due on or after the evaluation day (the last one when all have
passed). The baseline is an entered one, else the first value reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from nq57.lib.targets import Assessment, Comparator, Target


class Achievement(StrEnum):
    MET = "met"
    ON_TRACK = "on_track"
    BEHIND = "behind"
    NO_DATA = "no_data"
    NEEDS_PERSON = "needs_person"

    @property
    def label(self) -> str:
        return {
            "met": "Đạt",
            "on_track": "Đúng lộ trình",
            "behind": "Chậm",
            "no_data": "Chưa có số liệu",
            "needs_person": "Cần đánh giá",
        }[self.value]


@dataclass(frozen=True)
class Milestone:
    """A target due on a day ('2025' → 31/12/2025)."""

    label: str
    due: date
    target: Target


@dataclass(frozen=True)
class Reading:
    """A value and the day it stands for (its as-of date)."""

    value: Decimal
    on: date


@dataclass(frozen=True)
class Result:
    status: Achievement
    milestone: Milestone | None
    expected: Decimal | None = None  # where the straight line stood on the value's day


def achievement(
    milestones: Sequence[Milestone],
    latest: Reading | None,
    as_of: date,
    *,
    baseline: Reading | None = None,
    lower_is_better: bool = False,
    person: Assessment | None = None,
) -> Result:
    """The indicator's achievement on `as_of` (see the module docstring)."""
    milestone = next_milestone(milestones, as_of)
    if milestone is None:
        return Result(Achievement.NO_DATA, None)
    target = milestone.target
    if not target.is_numeric:
        return Result(_by_person(person), milestone)
    if latest is None:
        return Result(Achievement.NO_DATA, milestone)
    if target.assess(latest.value, lower_is_better=lower_is_better) is Assessment.MET:
        return Result(Achievement.MET, milestone)
    if as_of > milestone.due:
        return Result(Achievement.BEHIND, milestone)
    expected = _expected(milestone, baseline or latest, latest.on, lower_is_better)
    if expected is None:
        return Result(Achievement.BEHIND, milestone)
    rising = (
        _goal(target, (baseline or latest).value, lower_is_better) >= (baseline or latest).value
    )
    on_track = latest.value >= expected if rising else latest.value <= expected
    return Result(Achievement.ON_TRACK if on_track else Achievement.BEHIND, milestone, expected)


def next_milestone(milestones: Sequence[Milestone], as_of: date) -> Milestone | None:
    ordered = sorted(milestones, key=lambda m: m.due)
    return next((m for m in ordered if m.due >= as_of), ordered[-1] if ordered else None)


def _by_person(person: Assessment | None) -> Achievement:
    if person is Assessment.MET:
        return Achievement.MET
    if person is Assessment.NOT_MET:
        return Achievement.BEHIND
    return Achievement.NEEDS_PERSON


def _goal(target: Target, start: Decimal, lower_is_better: bool) -> Decimal:
    """The value the straight line heads for."""
    value = target.value if target.value is not None else start
    if target.comparator is Comparator.RANGE and target.value_max is not None:
        return value if start < value else target.value_max
    return value


def _expected(
    milestone: Milestone, baseline: Reading, on: date, lower_is_better: bool
) -> Decimal | None:
    span = (milestone.due - baseline.on).days
    if span <= 0:
        return None  # the baseline is not before the milestone: no line to follow
    done = min(max((on - baseline.on).days, 0), span)
    goal = _goal(milestone.target, baseline.value, lower_is_better)
    return baseline.value + (goal - baseline.value) * Decimal(done) / Decimal(span)
