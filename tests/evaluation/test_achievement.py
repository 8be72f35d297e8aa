"""Indicator achievement for every comparator, at the boundaries (nq57.evaluation.achievement)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from nq57.evaluation.achievement import Achievement, Milestone, Reading, achievement
from nq57.lib.targets import Assessment, parse_target

A = Achievement
END_2025 = date(2025, 12, 31)
END_2030 = date(2030, 12, 31)


def _milestones(*pairs: tuple[str, date]) -> list[Milestone]:
    return [Milestone(str(due.year), due, parse_target(raw, "%")) for raw, due in pairs]


def _one(raw: str) -> list[Milestone]:
    return _milestones((raw, END_2025))


def _at(value: str, on: date = date(2025, 12, 1)) -> Reading:
    return Reading(Decimal(value), on)


@pytest.mark.parametrize(
    ("raw", "value", "met"),
    [
        ("≥ 80", "80", True),  # ≥ includes the target
        ("≥ 80", "79.99", False),
        ("> 80", "80", False),  # > does not
        ("> 80", "80.01", True),
        ("≤ 5", "5", True),
        ("< 5", "5", False),
        ("16 - 18", "16", True),  # a range includes both ends
        ("16 - 18", "18", True),
        ("16 - 18", "18.5", False),
        ("16 - 18", "15.9", False),
        ("Đạt 3%", "3", True),  # a plain value is a floor
        ("Đạt 3%", "2.9", False),
    ],
)
def test_comparators(raw: str, value: str, met: bool) -> None:
    result = achievement(_one(raw), _at(value, END_2025), END_2025)
    assert (result.status is A.MET) is met


def test_a_plain_value_is_a_ceiling_when_lower_is_better() -> None:
    milestones = _one("10")  # a rank: 10th place or better
    assert (
        achievement(milestones, _at("8"), date(2025, 12, 1), lower_is_better=True).status is A.MET
    )
    late = achievement(milestones, _at("12", END_2025), END_2025, lower_is_better=True)
    assert late.status is not A.MET


def test_the_trajectory_from_the_baseline() -> None:
    milestones = _one("≥ 80")
    baseline = Reading(Decimal(40), date(2025, 1, 1))
    halfway = date(2025, 7, 2)  # 182 of 364 days: the line stands at 60
    on_line = achievement(milestones, _at("60", halfway), halfway, baseline=baseline)
    assert (on_line.status, on_line.expected) == (A.ON_TRACK, Decimal(60))
    below = achievement(milestones, _at("59.9", halfway), halfway, baseline=baseline)
    assert below.status is A.BEHIND


def test_a_falling_target_follows_its_own_line() -> None:
    milestones = _one("≤ 5")
    baseline = Reading(Decimal(15), date(2025, 1, 1))
    halfway = date(2025, 7, 2)  # the line stands at 10
    assert achievement(milestones, _at("10", halfway), halfway, baseline=baseline).status is (
        A.ON_TRACK
    )
    assert achievement(milestones, _at("11", halfway), halfway, baseline=baseline).status is (
        A.BEHIND
    )


def test_the_milestone_is_the_next_one_due_and_its_day_counts() -> None:
    milestones = _milestones(("≥ 60", END_2025), ("≥ 80", END_2030))
    on_the_day = achievement(milestones, _at("70", END_2025), END_2025)
    assert (on_the_day.status, on_the_day.milestone.label) == (A.MET, "2025")
    next_day = achievement(milestones, _at("70", END_2025), date(2026, 1, 1),
                           baseline=Reading(Decimal(70), END_2025))  # fmt: skip
    assert (next_day.milestone.label, next_day.status) == ("2030", A.ON_TRACK)


def test_a_passed_milestone_not_met_is_behind() -> None:
    result = achievement(_one("≥ 80"), _at("79", END_2025), date(2026, 1, 1))
    assert (result.status, result.milestone.label) == (A.BEHIND, "2025")


def test_no_value_is_no_data() -> None:
    assert achievement(_one("≥ 80"), None, date(2025, 6, 1)).status is A.NO_DATA
    assert achievement([], _at("1"), date(2025, 6, 1)).status is A.NO_DATA


def test_qualitative_targets_are_assessed_by_a_person() -> None:
    milestones = [Milestone("2030", END_2030, parse_target("Tiên tiến, hiện đại"))]
    assert achievement(milestones, None, date(2026, 1, 1)).status is A.NEEDS_PERSON
    met = achievement(milestones, None, date(2026, 1, 1), person=Assessment.MET)
    assert met.status is A.MET
    assert achievement(milestones, None, date(2026, 1, 1), person=Assessment.NOT_MET).status is (
        A.BEHIND
    )


def test_a_single_value_is_its_own_baseline() -> None:
    """With only the first value, the line starts there: on track until the milestone."""
    result = achievement(_one("≥ 80"), _at("50", date(2025, 3, 1)), date(2025, 3, 1))
    assert (result.status, result.expected) == (A.ON_TRACK, Decimal(50))
