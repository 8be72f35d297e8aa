"""Calendar periods: ends of months, quarters, halves and years; month arithmetic.

Pure dates (``datetime.date``), no time zones: a deadline is a calendar day in Vietnam.
"""

from __future__ import annotations

import calendar
from datetime import date

from nq57.lib.vntext import fold, roman_to_int

__all__ = [
    "add_months",
    "half_year_end",
    "month_end",
    "parse_quarter",
    "quarter_end",
    "quarter_of",
    "quarter_start",
    "year_end",
]


def month_end(year: int, month: int) -> date:
    """Last day of the month: ``month_end(2024, 2)`` is 29/02/2024."""
    if not 1 <= month <= 12:
        raise ValueError(f"month out of range: {month}")
    return date(year, month, calendar.monthrange(year, month)[1])


def _check_quarter(q: int) -> None:
    if not 1 <= q <= 4:
        raise ValueError(f"quarter out of range: {q}")


def quarter_start(year: int, q: int) -> date:
    """First day of quarter ``q`` (1–4)."""
    _check_quarter(q)
    return date(year, 3 * q - 2, 1)


def quarter_end(year: int, q: int) -> date:
    """Last day of quarter ``q`` (1–4): 31/03, 30/06, 30/09 or 31/12."""
    _check_quarter(q)
    return month_end(year, 3 * q)


def half_year_end(year: int, half: int) -> date:
    """Last day of half ``half`` (1 → 30/06, 2 → 31/12)."""
    if half not in (1, 2):
        raise ValueError(f"half out of range: {half}")
    return month_end(year, 6 * half)


def year_end(year: int) -> date:
    """31 December of ``year``."""
    return date(year, 12, 31)


def quarter_of(d: date) -> int:
    """Quarter (1–4) that ``d`` falls in."""
    return (d.month - 1) // 3 + 1


def add_months(d: date, n: int) -> date:
    """``d`` moved by ``n`` months (may be negative); the day is clamped to the month's length.

    >>> add_months(date(2025, 1, 31), 1), add_months(date(2025, 12, 15), 1)
    (datetime.date(2025, 2, 28), datetime.date(2026, 1, 15))
    """
    years, month0 = divmod(d.month - 1 + n, 12)
    year, month = d.year + years, month0 + 1
    return date(year, month, min(d.day, calendar.monthrange(year, month)[1]))


def parse_quarter(s: str) -> int | None:
    """Quarter number from 'I'…'IV' or '1'…'4' (an optional leading 'Quý' is allowed); else None.

    >>> parse_quarter("III"), parse_quarter("Quý 4"), parse_quarter("V")
    (3, 4, None)
    """
    text = fold(s).rstrip(".")
    if text.startswith("quy"):
        text = text[3:].strip()
    value = int(text) if text.isdecimal() and len(text) <= 2 else roman_to_int(text)
    return value if value is not None and 1 <= value <= 4 else None
