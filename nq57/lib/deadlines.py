"""Deadlines ('thời gian hoàn thành') read from the text printed in a plan's task table.

``parse_deadline`` never guesses: text it cannot read gives kind ``unknown`` (flagged for review),
and the raw text is always kept.

How a string is read (on its folded form, see ``vntext.fold``; dashes '–', '—' count as '-'):

1. Period *atoms* are found, most specific first, and each piece of text is used once:
   full dates ('15/9/2026', '15-9-2026', 'ngày 15 tháng 9 năm 2026', ISO '2026-09-15'),
   'N tháng đầu năm YYYY' (end of month N), '6 tháng cuối năm YYYY', 'đầu năm YYYY' (quarter I),
   'giữa năm YYYY' (30/06), lists of quarters or months sharing a year ('Quý I, II/2026' gives
   two atoms, 'Quý III - IV/2025' and 'tháng 6 - 9/2025' one window), quarters ('Quý III/2025',
   'Quý II 2025', 'Quý 4/2025', 'Quý IV năm 2025'), months ('6/2025', 'Tháng 12/2025',
   'tháng 6 năm 2025', 'T6/2025'), years ('2025', 'Năm 2026', 'Cuối năm 2025'). Years outside
   1900–2199, impossible days and months are used up but give no atom (never a guessed date).
   Words like 'trước', 'chậm nhất', 'hoàn thành', 'trong' are ignored: 'trước tháng 6/2025' is
   due 30/06/2025 (as officers read 'trước năm 2030': by 2030).
2. Two atoms joined only by '-', 'đến' or 'tới' ('2025 - 2030', 'Từ năm 2025 đến năm 2030',
   'Giai đoạn 2025–2030') make one *window* from the start of the first to the end of the last.
3. The kind is then chosen by the first rule that applies:

   a. a recurrence word ('hàng/hằng/mỗi năm', 'định kỳ', 'những năm tiếp theo', 'trở đi',
      'hằng quý', 'hằng tháng', '6 tháng/lần' …) → ``recurring``. When several appear the most
      frequent wins ('hằng quý, hằng năm' → quarterly). ``start`` = start of the earliest atom
      ('Năm 2025 và những năm tiếp theo' → 01/01/2025); ``due`` = end of a window atom if any
      (the last occurrence) unless the text is open-ended ('những năm tiếp theo', 'trở đi'),
      else None. A day and month without a year ('15/12', 'ngày 15 tháng
      12') or 'tháng 12' sets the yearly occurrence day (``anchor_month``/``anchor_day``);
      'ngày 25 hằng tháng' sets the monthly one. So 'Thường xuyên; báo cáo trước 15/12 hằng năm'
      is recurring yearly on 15/12: a recurrence is more specific than 'thường xuyên'.
   b. a condition ('sau khi', 'khi …', 'theo hướng dẫn', 'theo tiến độ', 'theo yêu cầu', 'theo
      chỉ đạo', 'theo kế hoạch', 'tùy theo' …) → ``conditional`` with ``trigger`` = the raw text.
      ``due`` is set only from a printed date, month, quarter or window ('Sau khi … chậm nhất
      31/12/2025'); a bare year is not enough to date a condition.
   c. atoms → one atom gives ``date`` / ``period_end`` / ``window``; several give ``parts`` and
      the whole takes the kind, due and start of the latest part ('Tháng 12/2026 Quý I/2026 …').
      A date beats 'thường xuyên': 'Thường xuyên, hoàn thành trước 30/6/2025' is due 30/06/2025.
      An atom that is only a start ('Từ năm 2025', 'bắt đầu từ tháng 7/2025', not part of a
      window) is not a due date: it is left out here and, if nothing else is dated, the deadline
      is ``ongoing`` with that ``start``.
   d. 'thường xuyên', 'liên tục', 'lâu dài', 'hằng ngày', 'hằng tuần' → ``ongoing`` (an
      obligation more frequent than any reporting period is owed every period).
   e. otherwise ``unknown``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Any

from nq57.lib.periods import (
    half_year_end,
    month_end,
    parse_quarter,
    quarter_end,
    quarter_of,
    quarter_start,
    year_end,
)
from nq57.lib.vntext import fold_with_offsets, nfc

__all__ = ["Deadline", "DeadlineKind", "Period", "Recurrence", "parse_deadline"]


class DeadlineKind(StrEnum):
    """How a deadline is due (see DESIGN 'Deadline semantics')."""

    DATE = "date"
    PERIOD_END = "period_end"
    WINDOW = "window"
    RECURRING = "recurring"
    ONGOING = "ongoing"
    CONDITIONAL = "conditional"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        """Vietnamese name of the kind."""
        return _KIND_LABELS[self]


_KIND_LABELS = {
    DeadlineKind.DATE: "Ngày cụ thể",
    DeadlineKind.PERIOD_END: "Cuối kỳ",
    DeadlineKind.WINDOW: "Giai đoạn",
    DeadlineKind.RECURRING: "Định kỳ",
    DeadlineKind.ONGOING: "Thường xuyên",
    DeadlineKind.CONDITIONAL: "Có điều kiện",
    DeadlineKind.UNKNOWN: "Chưa xác định",
}


class Recurrence(StrEnum):
    """Frequency of a recurring deadline (values of ``Deadline.recurrence``)."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    HALF_YEARLY = "half_yearly"
    YEARLY = "yearly"


class Period(StrEnum):
    """What a ``period_end`` deadline is the end of (values of ``Deadline.period``)."""

    MONTH = "month"
    QUARTER = "quarter"
    HALF_YEAR = "half_year"
    YEAR = "year"


_RECURRENCE_LABELS = {
    None: "Định kỳ",
    "monthly": "Hằng tháng",
    "quarterly": "Hằng quý",
    "half_yearly": "6 tháng/lần",
    "yearly": "Hằng năm",
}
_ROMAN_QUARTERS = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _dmy(d: date) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def _since(d: date) -> str:
    if (d.month, d.day) == (1, 1):
        return str(d.year)
    return f"tháng {d.month}/{d.year}" if d.day == 1 else _dmy(d)


@dataclass(frozen=True)
class Deadline:
    """A parsed deadline. ``raw`` is the text as given ('' for None).

    ``due``: the day it is due (date / period_end: that day or the period's last day; window:
    end of the window; conditional: only when a date was printed; recurring: end of a printed
    window, else None). ``start``: window start, recurring start, ongoing start ('Từ năm 2025').
    ``recurrence``: a ``Recurrence`` value or None. ``trigger``: the condition text of a
    conditional deadline.
    ``parts``: each deadline of a string holding several. ``period``: a ``Period`` value for
    period_end deadlines (None for 'N tháng đầu năm' with N ≠ 6). ``anchor_month`` /
    ``anchor_day``: occurrence day of a recurring deadline ('15/12 hằng năm').
    """

    raw: str
    kind: DeadlineKind
    due: date | None = None
    start: date | None = None
    recurrence: str | None = None
    trigger: str | None = None
    parts: tuple[Deadline, ...] = ()
    period: str | None = None
    anchor_month: int | None = None
    anchor_day: int | None = None

    def label_vi(self) -> str:
        """Short Vietnamese badge text: 'Hạn 30/06/2025', 'Quý III/2025', '2025–2030' …"""
        if self.parts:
            latest = self._latest_part()
            return f"{latest.label_vi()} ({len(self.parts)} mốc)"
        kind = self.kind
        if kind is DeadlineKind.DATE and self.due:
            return f"Hạn {_dmy(self.due)}"
        if kind is DeadlineKind.PERIOD_END and self.due:
            return self._period_label(self.due)
        if kind is DeadlineKind.WINDOW and self.due and self.start:
            if (self.start.month, self.start.day) == (1, 1) and (self.due.month, self.due.day) == (
                12,
                31,
            ):
                return f"{self.start.year}–{self.due.year}"
            return f"{_dmy(self.start)}–{_dmy(self.due)}"
        if kind is DeadlineKind.RECURRING:
            text = _RECURRENCE_LABELS.get(self.recurrence, "Định kỳ")
            if self.anchor_month and self.anchor_day:
                text += f", hạn {self.anchor_day:02d}/{self.anchor_month:02d}"
            elif self.anchor_month:
                text += f", tháng {self.anchor_month}"
            elif self.anchor_day:
                text += f", ngày {self.anchor_day}"
            if self.start and self.due:
                text += f" ({self.start.year}–{self.due.year})"
            elif self.start:
                text += f" từ {self.start.year}"
            return text
        if kind is DeadlineKind.ONGOING and self.start:
            return f"Thường xuyên từ {_since(self.start)}"
        if kind is DeadlineKind.CONDITIONAL and self.due:
            return f"Hạn {_dmy(self.due)} (có điều kiện)"
        return kind.label

    def _period_label(self, due: date) -> str:
        if self.period == Period.MONTH:
            return f"Tháng {due.month}/{due.year}"
        if self.period == Period.QUARTER:
            return f"Quý {_ROMAN_QUARTERS[quarter_of(due)]}/{due.year}"
        if self.period == Period.HALF_YEAR:
            which = "đầu" if due.month == 6 else "cuối"
            return f"6 tháng {which} năm {due.year}"
        if self.period == Period.YEAR:
            return f"Năm {due.year}"
        return f"Hạn {_dmy(due)}"

    def _latest_part(self) -> Deadline:
        dated = [p for p in self.parts if p.due is not None]
        return max(dated, key=lambda p: p.due or date.min) if dated else self.parts[-1]

    def occurrences(self, start: date, end: date) -> list[date]:
        """Due dates falling in [start, end] (inclusive), in order.

        Recurring: every occurrence (yearly on 31/12 or the anchor day, half-yearly on 30/06 and
        31/12, quarterly on quarter ends, monthly on month ends or the anchor day), limited to
        this deadline's own ``start``…``due`` when set; an unspecified frequency ('Định kỳ')
        gives []. Other kinds: ``[due]`` when it falls in the range, else [].
        """
        if self.kind is not DeadlineKind.RECURRING:
            return [self.due] if self.due and start <= self.due <= end else []
        low = max(start, self.start) if self.start else start
        high = min(end, self.due) if self.due else end
        if low > high:
            return []
        return [d for d in self._recurring_dates(low.year, high.year) if low <= d <= high]

    def _recurring_dates(self, first_year: int, last_year: int) -> Iterator[date]:
        for year in range(first_year, last_year + 1):
            if self.recurrence == Recurrence.YEARLY:
                month = self.anchor_month or 12
                yield _clamped(year, month, self.anchor_day)
            elif self.recurrence == Recurrence.HALF_YEARLY:
                yield half_year_end(year, 1)
                yield half_year_end(year, 2)
            elif self.recurrence == Recurrence.QUARTERLY:
                yield from (quarter_end(year, q) for q in range(1, 5))
            elif self.recurrence == Recurrence.MONTHLY:
                yield from (_clamped(year, m, self.anchor_day) for m in range(1, 13))

    def is_overdue(self, today: date, completed_on: date | None = None) -> bool:
        """Whether the work is past due and not done as of ``today``.

        Only a deadline with a due date can be overdue (date, period_end, window, conditional
        once dated). Ongoing, unknown and undated conditional deadlines are never overdue by date;
        for recurring ones the caller checks each occurrence (see ``occurrences``): False here.
        Work completed on or before ``today`` is not overdue, even if completed late (that is
        'hoàn thành trễ hạn', see ``completed_late``).
        """
        if self.kind in (DeadlineKind.RECURRING, DeadlineKind.ONGOING, DeadlineKind.UNKNOWN):
            return False
        if self.due is None or today <= self.due:
            return False
        return completed_on is None or completed_on > today

    def completed_late(self, completed_on: date) -> bool:
        """Whether work completed on ``completed_on`` missed the due date (False if undated)."""
        if self.kind is DeadlineKind.RECURRING or self.due is None:
            return False
        return completed_on > self.due

    def to_dict(self) -> dict[str, Any]:
        """JSON-able dict (dates as ISO strings, parts as dicts, plus the Vietnamese label)."""
        return {
            "raw": self.raw,
            "kind": self.kind.value,
            "due": self.due.isoformat() if self.due else None,
            "start": self.start.isoformat() if self.start else None,
            "recurrence": self.recurrence,
            "trigger": self.trigger,
            "period": self.period,
            "anchor_month": self.anchor_month,
            "anchor_day": self.anchor_day,
            "parts": [p.to_dict() for p in self.parts],
            "label": self.label_vi(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Deadline:
        """Inverse of ``to_dict`` (the label is ignored)."""

        def day(value: Any) -> date | None:
            return date.fromisoformat(value) if value else None

        return cls(
            raw=data["raw"],
            kind=DeadlineKind(data["kind"]),
            due=day(data.get("due")),
            start=day(data.get("start")),
            recurrence=data.get("recurrence"),
            trigger=data.get("trigger"),
            parts=tuple(cls.from_dict(p) for p in data.get("parts") or ()),
            period=data.get("period"),
            anchor_month=data.get("anchor_month"),
            anchor_day=data.get("anchor_day"),
        )


def _clamped(year: int, month: int, day: int | None) -> date:
    last = month_end(year, month)
    return last if day is None or day >= last.day else date(year, month, day)


# ---------------------------------------------------------------------------------------------
# Parsing


@dataclass(frozen=True)
class _Atom:
    begin: int  # span in the folded text
    end: int
    start: date
    due: date
    kind: DeadlineKind
    period: str | None = None
    raw: str | None = None  # text of one item of a list ('Quý I, II/2026' → 'Quý I/2026')


@dataclass
class _Scan:
    folded: str
    work: list[str] = field(default_factory=list)  # folded text with used spans blanked
    atoms: list[_Atom] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.work = list(self.folded)

    def text(self) -> str:
        return "".join(self.work)

    def take(self, match: re.Match[str]) -> None:
        for i in range(match.start(), match.end()):
            self.work[i] = "\0"


_YEAR = r"(?P<year>(?:19|20|21)\d{2})"
_NO_DIGIT_BEFORE = r"(?<![\d/.,])"
_NO_DIGIT_AFTER = r"(?![\d/])"

_FULL_DATES = (
    re.compile(
        _NO_DIGIT_BEFORE + r"(?P<day>\d{1,2})\s*/\s*(?P<month>\d{1,2})\s*/\s*" + _YEAR
        + _NO_DIGIT_AFTER
    ),
    re.compile(
        _NO_DIGIT_BEFORE + r"(?P<day>\d{1,2})(?P<sep>[.-])(?P<month>\d{1,2})(?P=sep)" + _YEAR
        + r"(?![\d/.-])"
    ),
    re.compile(
        r"(?<!\d)(?P<day>\d{1,2})\s+thang\s+(?P<month>\d{1,2})\s*,?\s*nam\s+" + _YEAR
        + r"(?!\d)"
    ),
    re.compile(_NO_DIGIT_BEFORE + _YEAR + r"-(?P<month>\d{2})-(?P<day>\d{2})(?![\d/.-])"),
)  # fmt: skip
_MONTHS_OF_YEAR = re.compile(
    r"(?<!\d)(?P<n>\d{1,2})\s+thang\s+(?P<which>dau|cuoi)\s+nam\s+" + _YEAR + r"(?!\d)"
)
_PART_OF_YEAR = re.compile(r"\b(?P<which>dau|giua)\s+nam\s+" + _YEAR + r"(?!\d)")
_QUARTER = re.compile(
    r"\bquy\s*(?P<q>iv|iii|ii|i|[1-4])\b\s*[/,-]?\s*(?:nam\s+)?" + _YEAR + _NO_DIGIT_AFTER
)
_LIST_SEPARATOR = r"\s*(?:,|;|-|\bva\b|\bden\b)\s*"
_QUARTER_LIST = re.compile(
    r"\bquy\s*(?P<items>(?:iv|iii|ii|i|[1-4])(?:" + _LIST_SEPARATOR
    + r"(?:quy\s*)?(?:iv|iii|ii|i|[1-4]))+)\b\s*[/,-]?\s*(?:nam\s+)?" + _YEAR + _NO_DIGIT_AFTER
)  # fmt: skip
_MONTH_LIST = re.compile(
    r"\bthang\s*(?P<items>\d{1,2}(?:" + _LIST_SEPARATOR + r"(?:thang\s*)?\d{1,2})+)"
    r"\s*(?:[/-]|\bnam\b)\s*(?:nam\s+)?" + _YEAR + _NO_DIGIT_AFTER
)
_LIST_ITEM = re.compile(r"iv|iii|ii|i|\d{1,2}")
_MONTHS = (
    re.compile(
        r"(?:\bthang|\bt)\s*(?P<month>\d{1,2})\s*(?:[/,-]|\bnam\b)\s*(?:nam\s+)?" + _YEAR
        + _NO_DIGIT_AFTER
    ),
    re.compile(_NO_DIGIT_BEFORE + r"(?P<month>\d{1,2})\s*[/-]\s*" + _YEAR + _NO_DIGIT_AFTER),
)  # fmt: skip
_YEAR_ATOM = re.compile(r"(?:\bnam\s+)?" + _NO_DIGIT_BEFORE + _YEAR + _NO_DIGIT_AFTER)
_FROM = re.compile(r"\b(?:tu|bat\s+dau(?:\s+tu)?)(?:\s+ngay)?\s*$")
_CONNECTOR = re.compile(r"\s*(?:-|~|den(?:\s+het)?|toi)\s*")

_DAYS_MONTHS = (
    re.compile(r"(?<![\d/.,])(?P<day>\d{1,2})\s*/\s*(?P<month>\d{1,2})(?![\d/])"),
    re.compile(r"\bngay\s+(?P<day>\d{1,2})\s+thang\s+(?P<month>\d{1,2})\b"),
)
_MONTH_ONLY = re.compile(r"\bthang\s+(?P<month>\d{1,2})\b(?!\s*[/-]\s*\d)")
_DAY_ONLY = re.compile(r"\bngay\s+(?P<day>\d{1,2})\b(?!\s*[/-]\s*\d)(?!\s+thang\s+\d)")

_RECURRENCE_MARKERS: tuple[tuple[str | None, re.Pattern[str]], ...] = (
    (
        Recurrence.MONTHLY,
        re.compile(r"\b(?:hang|moi|tung)\s+thang\b|\bdinh\s+ky\s+(?:hang\s+)?thang\b"),
    ),
    (
        Recurrence.QUARTERLY,
        re.compile(
            r"\b(?:hang|moi|tung|theo)\s+quy\b|\bdinh\s+ky\s+(?:hang\s+)?quy\b"
            r"|\b3\s+thang\s*(?:/|mot|1)\s*lan\b"
        ),
    ),
    (
        Recurrence.HALF_YEARLY,
        re.compile(
            r"\b(?:6|sau)\s+thang\s*(?:/|mot|1)\s*lan\b|\b(?:hang|moi|dinh\s+ky)\s+6\s+thang\b"
            r"|\b(?:hang|moi)\s+nua\s+nam\b|\bnua\s+nam\s*(?:/|mot|1)\s*lan\b|\bban\s+nien\b"
        ),
    ),
    (
        Recurrence.YEARLY,
        re.compile(
            r"\b(?:hang|moi|tung)\s+nam\b|\bdinh\s+ky\s+(?:hang\s+)?nam\b|\bnam\s*(?:/|mot|1)\s*lan\b"
            r"|\b(?:nhung|cac)\s+nam\s+(?:tiep\s+theo|sau|ke\s+tiep)\b|\bnam\s+tiep\s+theo\b"
            r"|\btro\s+di\b|\btro\s+ve\s+sau\b"
        ),
    ),
    (None, re.compile(r"\bdinh\s+ky\b")),
)
_OPEN_ENDED = re.compile(
    r"\b(?:nhung|cac)\s+nam\s+(?:tiep\s+theo|sau|ke\s+tiep)\b|\bnam\s+tiep\s+theo\b"
    r"|\btro\s+di\b|\btro\s+ve\s+sau\b"
)
_ONGOING = re.compile(
    r"\b(?:thuong\s+xuyen|lien\s+tuc|lau\s+dai|hang\s+ngay|moi\s+ngay|hang\s+tuan|moi\s+tuan)\b"
)
_CONDITIONAL = re.compile(
    r"\bsau\s+khi\b|^khi\b|\bkhi\s+(?:co|duoc|nao)\b|\bngay\s+khi\b"
    r"|\btheo\s+(?:huong\s+dan|tien\s+do|yeu\s+cau|chi\s+dao|ke\s+hoach|lo\s+trinh|quy\s+dinh"
    r"|thong\s+bao|van\s+ban|de\s+nghi)\b|\btuy\s+(?:theo|thuoc|tinh\s+hinh)\b"
)


def _find_atoms(scan: _Scan) -> None:
    """Fill ``scan.atoms``, most specific patterns first; an impossible match is used up too."""

    def add(
        m: re.Match[str],
        start: date,
        due: date,
        kind: DeadlineKind,
        period: str | None,
        raw: str | None = None,
    ) -> None:
        scan.atoms.append(_Atom(m.start(), m.end(), start, due, kind, period, raw))

    def add_list(m: re.Match[str], ends: list[tuple[date, date, str]], period: str) -> None:
        """'Quý I, II/2026' → one atom per item; 'Quý III - IV/2025' → one window."""
        if len(ends) == 2 and re.search(r"-|\bden\b", m["items"]):
            add(m, ends[0][0], ends[1][1], DeadlineKind.WINDOW, None)
            return
        for begin, due, label in ends:
            add(m, begin, due, DeadlineKind.PERIOD_END, period, label)

    def matches(pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
        for m in list(pattern.finditer(scan.text())):
            scan.take(m)
            yield m

    for pattern in _FULL_DATES:
        for m in matches(pattern):
            day = _valid_date(int(m["year"]), int(m["month"]), int(m["day"]))
            if day is not None:
                add(m, day, day, DeadlineKind.DATE, None)
    for m in matches(_MONTHS_OF_YEAR):
        n, year = int(m["n"]), int(m["year"])
        if not 1 <= n <= 12:
            continue
        period = Period.HALF_YEAR if n == 6 else None
        if m["which"] == "dau":
            add(m, date(year, 1, 1), month_end(year, n), DeadlineKind.PERIOD_END, period)
        else:
            add(m, date(year, 13 - n, 1), year_end(year), DeadlineKind.PERIOD_END, period)
    for m in matches(_PART_OF_YEAR):
        year = int(m["year"])
        if m["which"] == "dau":
            add(m, date(year, 1, 1), quarter_end(year, 1), DeadlineKind.PERIOD_END, Period.QUARTER)
        else:
            due = half_year_end(year, 1)
            add(m, date(year, 1, 1), due, DeadlineKind.PERIOD_END, Period.HALF_YEAR)
    for m in matches(_QUARTER_LIST):
        year = int(m["year"])
        quarters = [parse_quarter(q) for q in _LIST_ITEM.findall(m["items"])]
        add_list(
            m,
            [
                (quarter_start(year, q), quarter_end(year, q), f"Quý {_ROMAN_QUARTERS[q]}/{year}")
                for q in quarters
                if q is not None
            ],
            Period.QUARTER,
        )
    for m in matches(_QUARTER):
        q, year = parse_quarter(m["q"]), int(m["year"])
        if q is not None:
            begin, due = quarter_start(year, q), quarter_end(year, q)
            add(m, begin, due, DeadlineKind.PERIOD_END, Period.QUARTER)
    for m in matches(_MONTH_LIST):
        year = int(m["year"])
        numbers = [int(n) for n in _LIST_ITEM.findall(m["items"])]
        if all(1 <= n <= 12 for n in numbers):
            add_list(
                m,
                [(date(year, n, 1), month_end(year, n), f"Tháng {n}/{year}") for n in numbers],
                Period.MONTH,
            )
    for pattern in _MONTHS:
        for m in matches(pattern):
            month, year = int(m["month"]), int(m["year"])
            if 1 <= month <= 12:
                begin, due = date(year, month, 1), month_end(year, month)
                add(m, begin, due, DeadlineKind.PERIOD_END, Period.MONTH)
    for m in matches(_YEAR_ATOM):
        year = int(m["year"])
        add(m, date(year, 1, 1), year_end(year), DeadlineKind.PERIOD_END, Period.YEAR)
    scan.atoms.sort(key=lambda a: a.begin)


def _valid_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _join_windows(scan: _Scan) -> list[_Atom]:
    """Atoms with each 'A - B' / 'A đến B' pair (A starting before B ends) made one window."""
    atoms, out, i = scan.atoms, [], 0
    while i < len(atoms):
        a = atoms[i]
        if i + 1 < len(atoms):
            b = atoms[i + 1]
            if _CONNECTOR.fullmatch(scan.folded[a.end : b.begin]) and a.start < b.due:
                out.append(_Atom(a.begin, b.end, a.start, b.due, DeadlineKind.WINDOW))
                i += 2
                continue
        out.append(a)
        i += 1
    return out


def _is_from(scan: _Scan, atom: _Atom) -> bool:
    """Whether the atom is only a start ('Từ năm 2025', 'bắt đầu từ tháng 7/2025')."""
    return atom.kind is not DeadlineKind.WINDOW and bool(_FROM.search(scan.folded[: atom.begin]))


def _recurrence(folded: str) -> tuple[bool, str | None]:
    for value, pattern in _RECURRENCE_MARKERS:
        if pattern.search(folded):
            return True, value
    return False, None


def _slice(raw: str, offsets: list[int], begin: int, end: int) -> str:
    return raw[offsets[begin] : offsets[end - 1] + 1].strip(" ,;.-–—")


def _atom_deadline(raw: str, atom: _Atom) -> Deadline:
    if atom.kind is DeadlineKind.WINDOW:
        return Deadline(raw, DeadlineKind.WINDOW, due=atom.due, start=atom.start)
    if atom.kind is DeadlineKind.DATE:
        return Deadline(raw, DeadlineKind.DATE, due=atom.due)
    return Deadline(raw, DeadlineKind.PERIOD_END, due=atom.due, period=atom.period)


def _anchor(scan: _Scan, recurrence: str | None) -> tuple[int | None, int | None]:
    """(month, day) of each occurrence printed beside a recurrence: '15/12 hằng năm'."""
    text = scan.text()
    if recurrence == Recurrence.YEARLY:
        for pattern in _DAYS_MONTHS:
            for m in pattern.finditer(text):
                if _valid_date(2024, int(m["month"]), int(m["day"])) is not None:
                    return int(m["month"]), int(m["day"])
        month_only = _MONTH_ONLY.search(text)
        if month_only and 1 <= int(month_only["month"]) <= 12:
            return int(month_only["month"]), None
    if recurrence == Recurrence.MONTHLY:
        day_only = _DAY_ONLY.search(text)
        if day_only and 1 <= int(day_only["day"]) <= 31:
            return None, int(day_only["day"])
    return None, None


def parse_deadline(raw: str | None) -> Deadline:
    """Read a printed deadline (see the module docstring for the rules). Never raises."""
    text = "" if raw is None else raw
    printed = nfc(text)
    folded, offsets = fold_with_offsets(printed)
    folded = re.sub(r"[‐‑‒–—―−]", "-", folded)
    if not folded.strip(" .,;:-"):
        return Deadline(text, DeadlineKind.UNKNOWN)

    scan = _Scan(folded)
    _find_atoms(scan)
    atoms = _join_windows(scan)

    recurring, recurrence = _recurrence(folded)
    if recurring:
        window = next((a for a in atoms if a.kind is DeadlineKind.WINDOW), None)
        if _OPEN_ENDED.search(folded):
            window = None
        start = min((a.start for a in atoms), default=None)
        anchor_month, anchor_day = _anchor(scan, recurrence)
        return Deadline(
            text,
            DeadlineKind.RECURRING,
            due=window.due if window else None,
            start=start,
            recurrence=recurrence,
            anchor_month=anchor_month,
            anchor_day=anchor_day,
        )

    if _CONDITIONAL.search(folded):
        dated = [a for a in atoms if a.period != Period.YEAR]
        due = max((a.due for a in dated), default=None)
        return Deadline(text, DeadlineKind.CONDITIONAL, due=due, trigger=text)

    starts = [a for a in atoms if _is_from(scan, a)]
    atoms = [a for a in atoms if a not in starts]
    if len(atoms) == 1 and atoms[0].raw is None:
        return replace(_atom_deadline(text, atoms[0]), raw=text)
    if atoms:
        parts = tuple(
            _atom_deadline(a.raw or _slice(printed, offsets, a.begin, a.end), a) for a in atoms
        )
        latest = max(parts, key=lambda p: p.due or date.min)
        return replace(latest, raw=text, parts=parts)

    if starts or _ONGOING.search(folded):
        start = min((a.start for a in starts), default=None)
        return Deadline(text, DeadlineKind.ONGOING, start=start)
    return Deadline(text, DeadlineKind.UNKNOWN)
