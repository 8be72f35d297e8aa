"""Reporting regimes (chế độ báo cáo) and the periods they generate. Pure Python.

A regime says how often a plan's units report and when each report is due:

    Regime(MONTHLY, due_day=10)                      → 'Tháng 3/2025' due 10/04/2025 17:00
    Regime(HALF_YEARLY, due_dates=((5, 15), (11, 5)))→ District 3: before 15 May and 5 November
    Regime(QUARTERLY, due_day=20, months_after=0)    → due the 20th of the quarter's last month

A due date is a calendar day at `due_time`; `roll` moves it off weekends and public holidays
('before' to the previous working day, as 'trước ngày 15' is read; 'after'; 'none'). The data
cut-off is the period's last day, or the due day when that comes first, or `cutoff_days`
working days before the due day when set. In a schedule of several
regimes, a longer report can replace the shorter one ending in the same month
(`replaces_shorter`: the quarterly report stands for the third month's monthly one).
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from nq57.lib.periods import add_months, month_end

_ROMAN = ("I", "II", "III", "IV")


class Frequency(enum.StrEnum):
    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    NINE_MONTHLY = "nine_monthly"
    YEARLY = "yearly"
    AD_HOC = "ad_hoc"  # periods added by hand (đột xuất)

    @property
    def months(self) -> int:
        return {
            "monthly": 1,
            "quarterly": 3,
            "half_yearly": 6,
            "nine_monthly": 9,
            "yearly": 12,
            "ad_hoc": 0,
        }[self.value]

    @property
    def label(self) -> str:
        return {
            "monthly": "Hằng tháng",
            "quarterly": "Hằng quý",
            "half_yearly": "6 tháng",
            "nine_monthly": "9 tháng",
            "yearly": "Hằng năm",
            "ad_hoc": "Đột xuất",
        }[self.value]


class Roll(enum.StrEnum):
    BEFORE = "before"
    AFTER = "after"
    NONE = "none"


# Fixed-date public holidays (Bộ luật Lao động 2019, Điều 112); Tết and Giỗ Tổ follow the lunar
# calendar and are added per year through `BusinessCalendar.holidays`.
FIXED_HOLIDAYS: tuple[tuple[int, int], ...] = ((1, 1), (4, 30), (5, 1), (9, 2))


@dataclass(frozen=True)
class BusinessCalendar:
    """Working days: not a weekend day (Mon=0 … Sun=6) and not a holiday."""

    holidays: frozenset[date] = frozenset()
    weekend: frozenset[int] = frozenset({5, 6})
    fixed_holidays: tuple[tuple[int, int], ...] = FIXED_HOLIDAYS

    def is_working_day(self, day: date) -> bool:
        return (
            day.weekday() not in self.weekend
            and day not in self.holidays
            and (day.month, day.day) not in self.fixed_holidays
        )

    def roll(self, day: date, how: Roll) -> date:
        step = {Roll.BEFORE: -1, Roll.AFTER: 1, Roll.NONE: 0}[how]
        while step and not self.is_working_day(day):
            day += timedelta(days=step)
        return day

    def working_days_before(self, day: date, n: int) -> date:
        """The working day `n` working days before `day`."""
        while n > 0:
            day -= timedelta(days=1)
            if self.is_working_day(day):
                n -= 1
        return day


@dataclass(frozen=True)
class Regime:
    """How often reports are due and when (see the module docstring)."""

    frequency: Frequency
    due_day: int = 10
    months_after: int = 1  # the due day falls this many months after the period's last month
    due_dates: tuple[tuple[int, int], ...] = ()  # (month, day) per period of the year; wins
    due_time: time = time(17, 0)
    roll: Roll = Roll.BEFORE
    cutoff_days: int = 0
    replaces_shorter: bool = False
    lock_after_due: bool = True  # units that have not reported cannot write after the due time
    requires_unit_approval: bool = False  # the unit head approves before the report goes up

    def __post_init__(self) -> None:
        if not 1 <= self.due_day <= 31:
            raise ValueError("due_day must be 1–31")
        if self.frequency is Frequency.AD_HOC:
            return
        if self.due_dates and len(self.due_dates) != 12 // self.frequency.months:
            raise ValueError("one due date per period of the year is needed")


@dataclass(frozen=True)
class Period:
    """One reporting period: what it covers, when data are cut off, when the report is due."""

    frequency: Frequency
    label: str
    start: date
    end: date
    cutoff: date
    due: datetime
    replaces: tuple[str, ...] = field(default=())

    @property
    def key(self) -> str:
        return f"{self.frequency.value}:{self.start.isoformat()}"


def periods(
    regime: Regime, first: date, last: date, calendar: BusinessCalendar | None = None
) -> list[Period]:
    """The periods of `regime` that overlap [first, last], in order. Periods start on 1 January
    and follow each other; a 9-month period is January–September of each year."""
    calendar = calendar or BusinessCalendar()
    if regime.frequency is Frequency.AD_HOC:
        return []  # added one by one by the standing office
    found = []
    for year in range(first.year, last.year + 1):
        for index, (start, end) in enumerate(_spans(regime.frequency, year)):
            if end >= first and start <= last:
                found.append(_period(regime, year, index, start, end, calendar))
    return found


def schedule(
    regimes: Sequence[Regime], first: date, last: date, calendar: BusinessCalendar | None = None
) -> list[Period]:
    """Every period of several regimes, by due time. A period ending together with a longer
    one whose regime `replaces_shorter` is left out and named in that one's `replaces`."""
    every = [p for regime in regimes for p in periods(regime, first, last, calendar)]
    replacing = {r.frequency for r in regimes if r.replaces_shorter}
    by_end: dict[date, list[Period]] = {}
    for period in every:
        by_end.setdefault(period.end, []).append(period)
    kept = []
    for period in every:
        same_end = by_end[period.end]
        if any(_replaces(other, period, replacing) for other in same_end):
            continue
        gone = tuple(o.label for o in same_end if _replaces(period, o, replacing))
        kept.append(replace(period, replaces=gone))
    return sorted(kept, key=lambda p: (p.due, p.frequency.months))


def _replaces(longer: Period, shorter: Period, replacing: set[Frequency]) -> bool:
    return longer.frequency in replacing and longer.frequency.months > shorter.frequency.months


def _spans(frequency: Frequency, year: int) -> list[tuple[date, date]]:
    if frequency is Frequency.NINE_MONTHLY:
        return [(date(year, 1, 1), month_end(year, 9))]
    size = frequency.months
    return [
        (date(year, month, 1), month_end(year, month + size - 1)) for month in range(1, 13, size)
    ]


def _period(
    regime: Regime, year: int, index: int, start: date, end: date, calendar: BusinessCalendar
) -> Period:
    if regime.due_dates:
        due_day = _on_or_after(start + (end - start) / 2, *regime.due_dates[index])
    else:
        target = add_months(date(end.year, end.month, 1), regime.months_after)
        due_day = target.replace(day=min(regime.due_day, month_end(target.year, target.month).day))
    rolled = calendar.roll(due_day, regime.roll)
    # never due before the period begins (1 January rolled back into December): roll forward
    due_day = rolled if rolled >= start else calendar.roll(due_day, Roll.AFTER)
    cutoff = min(end, due_day)  # data are counted up to the period's end or the due day
    if regime.cutoff_days:
        cutoff = min(cutoff, calendar.working_days_before(due_day, regime.cutoff_days))
    return Period(
        frequency=regime.frequency,
        label=_label(regime.frequency, year, index, start),
        start=start,
        end=end,
        cutoff=cutoff,
        due=datetime.combine(due_day, regime.due_time),
    )


def _on_or_after(day: date, month: int, dom: int) -> date:
    """The first (month, dom) on or after `day` (a period's middle): a report due on 15 May
    covers the first half of that year, one due on 15 January the year before."""
    for year in (day.year, day.year + 1):
        candidate = date(year, month, min(dom, month_end(year, month).day))
        if candidate >= day:
            return candidate
    raise AssertionError("unreachable")


def _label(frequency: Frequency, year: int, index: int, start: date) -> str:
    if frequency is Frequency.MONTHLY:
        return f"Tháng {start.month}/{year}"
    if frequency is Frequency.QUARTERLY:
        return f"Quý {_ROMAN[index]}/{year}"
    if frequency is Frequency.HALF_YEARLY:
        return f"6 tháng {'đầu' if index == 0 else 'cuối'} năm {year}"
    if frequency is Frequency.NINE_MONTHLY:
        return f"9 tháng năm {year}"
    return f"Năm {year}"
