"""The reporting regime a plan prescribes in its own words, read from its text. Pure Python.

Plans say how often units report, usually in the 'Tổ chức thực hiện' part:

    'định kỳ 6 tháng báo cáo … trước ngày 15 tháng 5 và trước ngày 05 tháng 11'
                                                        → 6 tháng, due 15/5 and 5/11
    'định kỳ báo cáo … trước ngày 01 tháng 6 và ngày 15 tháng 11 hàng năm'
                                                        → 6 tháng, due 1/6 and 15/11
    'Định kỳ hàng năm trước ngày 30/11 … báo cáo …'    → hằng năm, due 30/11
    'báo cáo … theo định kỳ 01 tháng/lần'              → hằng tháng
    'báo cáo kết quả theo tháng, quý, 6 tháng, 1 năm'  → four regimes

`reporting_sentences` keeps the sentences that speak of reporting periodically (as printed);
`suggest_regimes` reads them: fixed due dates without a year decide the frequency by their
count (1 → yearly, 2 → 6-monthly, 4 → quarterly, 12 → monthly); otherwise the frequency words
give one regime each with the default due rule. A suggestion is shown to the standing office,
which confirms it; nothing is set from it silently.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nq57.lib.regimes import Frequency, Regime
from nq57.lib.vntext import collapse_ws, fold

_SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+(?=[A-ZĐÀ-Ỹa-z0-9(\-–+*])|\n+")
_MARKUP = re.compile(r"\*+|_{2,}|</?[a-z]+>")
_REPORT = re.compile(r"\bbao cao\b")
_QUARTER = r"quy\b(?! (?:dinh|che|trinh|mo|hoach|tac|chuan|luat))"  # not 'quy định', 'quy chế'…
_PERIODIC = re.compile(
    rf"\bdinh ky\b|\bhang (?:thang|{_QUARTER}|nam)\b|\btheo (?:thang|{_QUARTER}|nam)\b"
    r"|thang/lan|quy/lan|nam/lan|\btruoc ngay \d"
)
# A day and month without a year: 'ngày 15 tháng 5', '05 tháng 11' after it, '30/11'.
_DATE_WORDS = re.compile(r"\b(\d{1,2}) thang (\d{1,2})\b(?! nam \d{4})(?!/\d{4})")
_DATE_SLASH = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})\b(?!/)")
_WORDS: tuple[tuple[Frequency, re.Pattern[str]], ...] = (
    (Frequency.MONTHLY, re.compile(r"\bhang thang\b|\b0?1 thang/lan\b|\btheo thang\b")),
    (
        Frequency.QUARTERLY,
        re.compile(rf"\bhang {_QUARTER}|\bquy/lan\b|\btheo (?:thang, )?{_QUARTER}|, {_QUARTER}"),
    ),
    (Frequency.HALF_YEARLY, re.compile(r"\b(?:0?6|sau) thang(?!/)\b")),
    (Frequency.NINE_MONTHLY, re.compile(r"\b(?:0?9|chin) thang\b")),
    (Frequency.YEARLY, re.compile(r"\bhang nam\b|\b0?1 nam\b|\bnam/lan\b|\btheo nam\b")),
)
_BY_COUNT = {1: Frequency.YEARLY, 2: Frequency.HALF_YEARLY, 4: Frequency.QUARTERLY,
             12: Frequency.MONTHLY}  # fmt: skip


@dataclass(frozen=True)
class Suggestion:
    """A regime read from `sentence` (as printed)."""

    regime: Regime
    sentence: str

    @property
    def label(self) -> str:
        """In words: '6 tháng, hạn 15/5 và 5/11'."""
        regime = self.regime
        if not regime.due_dates:
            return f"{regime.frequency.label} (hạn nộp chưa ghi trong văn bản)"
        dates = [f"{day}/{month}" for month, day in regime.due_dates]
        shown = ", ".join(dates[:-1]) + " và " + dates[-1] if len(dates) > 1 else dates[0]
        return f"{regime.frequency.label}, hạn {shown}"


def reporting_sentences(text: str) -> list[str]:
    """Sentences of the prose of `text` (table rows left out: lines with '|' or tabs) about
    periodic reporting, as printed (markup removed), in order. Lines wrapped inside a
    paragraph are joined first."""
    found: list[str] = []
    prose = [line for line in text.split("\n") if "|" not in line and "\t" not in line]
    paragraphs = re.sub(r"(?<=[^\n])\n(?=[^\n])", " ", "\n".join(prose))
    for raw in _SENTENCE_END.split(paragraphs):
        sentence = collapse_ws(_MARKUP.sub("", raw)).strip(" -–+")
        folded = fold(sentence).lower()
        if _REPORT.search(folded) and _PERIODIC.search(folded) and sentence not in found:
            found.append(sentence)
    return found


def suggest_regimes(sentences: list[str]) -> list[Suggestion]:
    """The regimes the sentences prescribe, one per frequency (the first sentence wins)."""
    found: dict[Frequency, Suggestion] = {}
    for sentence in sentences:
        for regime in _read(fold(sentence).lower()):
            found.setdefault(regime.frequency, Suggestion(regime, sentence))
    return sorted(found.values(), key=lambda s: s.regime.frequency.months)


def _read(folded: str) -> list[Regime]:
    dates = _due_dates(folded)
    frequency = _BY_COUNT.get(len(dates))
    if dates and frequency is not None:
        return [Regime(frequency, due_dates=tuple(dates))]
    return [Regime(frequency) for frequency, words in _WORDS if words.search(folded)]


def _due_dates(folded: str) -> list[tuple[int, int]]:
    if "ngay" not in folded:
        return []
    pairs = [(int(m), int(d)) for d, m in _DATE_WORDS.findall(folded)]
    pairs += [(int(m), int(d)) for d, m in _DATE_SLASH.findall(folded)]
    valid = sorted({(m, d) for m, d in pairs if 1 <= m <= 12 and 1 <= d <= 31})
    return valid
