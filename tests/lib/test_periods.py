"""nq57.lib.periods: month, quarter and year ends; month arithmetic."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nq57.lib.periods import (
    add_months,
    half_year_end,
    month_end,
    parse_quarter,
    quarter_end,
    quarter_of,
    quarter_start,
    year_end,
)

years = st.integers(min_value=1900, max_value=2199)
months = st.integers(min_value=1, max_value=12)
quarters = st.integers(min_value=1, max_value=4)
days = st.dates(min_value=date(1900, 1, 1), max_value=date(2199, 12, 31))


def test_it_knows_month_ends_including_leap_februaries():
    assert month_end(2025, 2) == date(2025, 2, 28)
    assert month_end(2024, 2) == date(2024, 2, 29)
    assert month_end(2100, 2) == date(2100, 2, 28)
    assert month_end(2025, 6) == date(2025, 6, 30)
    assert month_end(2025, 12) == date(2025, 12, 31)


def test_it_knows_quarter_half_and_year_ends():
    assert [quarter_end(2025, q) for q in range(1, 5)] == [
        date(2025, 3, 31),
        date(2025, 6, 30),
        date(2025, 9, 30),
        date(2025, 12, 31),
    ]
    assert quarter_start(2025, 3) == date(2025, 7, 1)
    assert half_year_end(2025, 1) == date(2025, 6, 30)
    assert half_year_end(2025, 2) == date(2025, 12, 31)
    assert year_end(2030) == date(2030, 12, 31)


@pytest.mark.parametrize(
    ("call", "args"),
    [(month_end, (2025, 13)), (quarter_end, (2025, 5)), (half_year_end, (2025, 0))],
)
def test_it_rejects_out_of_range_periods(call, args):
    with pytest.raises(ValueError):
        call(*args)


def test_it_adds_months_across_december_and_clamps_the_day():
    assert add_months(date(2025, 12, 15), 1) == date(2026, 1, 15)
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2025, 3, 31), -1) == date(2025, 2, 28)
    assert add_months(date(2025, 1, 10), -1) == date(2024, 12, 10)
    assert add_months(date(2025, 5, 5), 0) == date(2025, 5, 5)


@pytest.mark.parametrize(
    ("text", "q"),
    [("I", 1), ("II", 2), ("III", 3), ("IV", 4), ("iv", 4), ("1", 1), ("4", 4), ("Quý III", 3)],
)
def test_it_reads_quarter_numbers(text, q):
    assert parse_quarter(text) == q


@pytest.mark.parametrize("text", ["", "V", "5", "0", "X", "quý", "abc", "IIII"])
def test_it_rejects_what_is_not_a_quarter(text):
    assert parse_quarter(text) is None


@given(years, months)
def test_it_makes_month_end_the_last_day_of_the_month(year, month):
    end = month_end(year, month)
    assert (end.year, end.month) == (year, month)
    if end < date.max:
        assert (end + timedelta(days=1)).day == 1


@given(years, quarters)
def test_it_makes_quarter_end_the_last_day_of_the_quarter(year, q):
    end = quarter_end(year, q)
    assert quarter_of(end) == q
    assert quarter_of(quarter_start(year, q)) == q
    assert quarter_of(end + timedelta(days=1)) == q % 4 + 1


@given(days)
def test_it_keeps_the_month_when_adding_twelve_months(d):
    moved = add_months(d, 12)
    assert (moved.year, moved.month) == (d.year + 1, d.month)
    assert moved.day == min(d.day, month_end(d.year + 1, d.month).day)


@given(days, st.integers(min_value=-600, max_value=600))
def test_it_moves_by_exactly_n_calendar_months(d, n):
    moved = add_months(d, n)
    assert (moved.year * 12 + moved.month) - (d.year * 12 + d.month) == n
    assert moved.day <= d.day


@given(days, st.integers(min_value=-600, max_value=600))
def test_it_undoes_a_move_when_the_day_exists_in_both_months(d, n):
    if d.day <= 28:
        assert add_months(add_months(d, n), -n) == d
