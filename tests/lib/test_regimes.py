"""Reporting regimes: periods, due days and times, cut-offs, working days, replacements."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nq57.lib.regimes import BusinessCalendar, Frequency, Regime, Roll, periods, schedule

YEAR = (date(2025, 1, 1), date(2025, 12, 31))


def test_district3_reports_every_six_months_before_15_may_and_5_november():
    regime = Regime(Frequency.HALF_YEARLY, due_dates=((5, 15), (11, 5)))
    first, second = periods(regime, *YEAR)
    assert (first.label, first.start, first.end) == (
        "6 tháng đầu năm 2025",
        date(2025, 1, 1),
        date(2025, 6, 30),
    )
    assert first.due == datetime(2025, 5, 15, 17, 0)  # a Thursday
    assert first.cutoff == date(2025, 5, 15)  # data cannot be counted after the report is due
    assert second.label == "6 tháng cuối năm 2025"
    assert second.due == datetime(2025, 11, 5, 17, 0)


def test_a_monthly_report_is_due_on_the_10th_of_the_next_month_at_17h():
    march = periods(Regime(Frequency.MONTHLY, due_day=10), date(2025, 3, 1), date(2025, 3, 31))
    assert [(p.label, p.due) for p in march] == [("Tháng 3/2025", datetime(2025, 4, 10, 17))]


def test_a_due_day_on_a_weekend_or_holiday_moves_to_the_working_day_before():
    regime = Regime(Frequency.MONTHLY, due_day=1)
    (april,) = periods(regime, date(2025, 3, 1), date(2025, 3, 31))
    assert april.due.date() == date(2025, 4, 1)  # a Tuesday: kept
    (may,) = periods(regime, date(2025, 4, 1), date(2025, 4, 30))
    assert may.due.date() == date(2025, 4, 29)  # 1/5 and 30/4 holidays → Tuesday 29/4
    tet = BusinessCalendar(holidays=frozenset({date(2025, 2, 10)}))
    (january,) = periods(Regime(Frequency.MONTHLY, due_day=10), date(2025, 1, 1),
                         date(2025, 1, 31), tet)  # fmt: skip
    assert january.due.date() == date(2025, 2, 7)  # 10/2 a holiday here, 8–9/2 a weekend
    after = Regime(Frequency.MONTHLY, due_day=10, roll=Roll.AFTER)
    (june,) = periods(after, date(2025, 5, 1), date(2025, 5, 31))
    assert june.due.date() == date(2025, 6, 10)


def test_quarters_nine_months_and_years_are_labelled_in_vietnamese():
    labels = [p.label for p in periods(Regime(Frequency.QUARTERLY), *YEAR)]
    assert labels == ["Quý I/2025", "Quý II/2025", "Quý III/2025", "Quý IV/2025"]
    (nine,) = periods(Regime(Frequency.NINE_MONTHLY, due_day=15, months_after=0), *YEAR)
    assert (nine.label, nine.end, nine.due.date()) == ("9 tháng năm 2025", date(2025, 9, 30),
                                                       date(2025, 9, 15))  # fmt: skip
    (year,) = periods(Regime(Frequency.YEARLY, due_dates=((1, 15),)), *YEAR)
    assert (year.label, year.due.date()) == ("Năm 2025", date(2026, 1, 15))


def test_a_quarterly_report_replaces_the_monthly_one_of_its_closing_month():
    regimes = [
        Regime(Frequency.MONTHLY, due_day=10),
        Regime(Frequency.QUARTERLY, due_day=15, replaces_shorter=True),
        Regime(Frequency.YEARLY, due_dates=((12, 20),), replaces_shorter=True),
    ]
    found = schedule(regimes, *YEAR)
    labels = [p.label for p in found]
    assert "Tháng 3/2025" not in labels and "Tháng 12/2025" not in labels
    assert "Quý IV/2025" not in labels  # the yearly report stands for it
    march = next(p for p in found if p.label == "Quý I/2025")
    assert march.replaces == ("Tháng 3/2025",)
    year = next(p for p in found if p.label == "Năm 2025")
    assert set(year.replaces) == {"Tháng 12/2025", "Quý IV/2025"}
    assert len(found) == 12 - 4 + 3 + 1


def test_a_cutoff_can_come_working_days_before_the_due_day():
    regime = Regime(Frequency.MONTHLY, due_day=10, cutoff_days=3)
    (march,) = periods(regime, date(2025, 3, 1), date(2025, 3, 31))
    assert march.cutoff == date(2025, 3, 31)  # never later than the period's end
    regime = Regime(Frequency.HALF_YEARLY, due_dates=((5, 15), (11, 5)), cutoff_days=3)
    assert periods(regime, *YEAR)[0].cutoff == date(2025, 5, 12)


def test_bad_regimes_are_refused():
    with pytest.raises(ValueError):
        Regime(Frequency.MONTHLY, due_day=0)
    with pytest.raises(ValueError):
        Regime(Frequency.HALF_YEARLY, due_dates=((5, 15),))


def test_an_ad_hoc_regime_generates_nothing() -> None:
    """Ad hoc periods (báo cáo đột xuất) are added one by one by the standing office."""
    regime = Regime(Frequency.AD_HOC)
    assert periods(regime, date(2025, 1, 1), date(2026, 12, 31)) == []
    assert Frequency.AD_HOC.label == "Đột xuất"


@given(
    frequency=st.sampled_from([f for f in Frequency if f is not Frequency.AD_HOC]),
    due_day=st.integers(1, 31),
    months_after=st.integers(0, 2),
    start=st.dates(date(2020, 1, 1), date(2035, 12, 31)),
)
def test_periods_follow_each_other_and_are_due_on_working_days(
    frequency, due_day, months_after, start
):
    regime = Regime(frequency, due_day=due_day, months_after=months_after, due_time=time(9))
    calendar = BusinessCalendar()
    found = periods(regime, start, start.replace(year=min(start.year + 4, 9999)), calendar)
    covered = found and found[0].start <= start <= found[-1].end
    assert covered or frequency is Frequency.NINE_MONTHLY
    for period in found:
        assert period.start <= period.cutoff <= min(period.end, period.due.date())
        assert calendar.is_working_day(period.due.date())
        assert period.due.time() == time(9)
    if frequency is not Frequency.NINE_MONTHLY:
        for before, after in itertools.pairwise(found):
            assert (after.start - before.end).days == 1
    assert len({p.key for p in found}) == len(found)
