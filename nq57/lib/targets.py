"""Indicator targets ('chỉ tiêu') read from the text printed for a milestone: '≥ 80%', '16 - 18'.

``parse_target`` keeps the raw text and reads it as either a number with a comparator or a
qualitative statement that a person assesses. Markup is removed first (HTML tags and entities,
Markdown '**', LaTeX '$\\geq 80$', '\\%'), '>=' / '=>' read as '≥' and '<=' / '=<' as '≤'.

Rules, on the cleaned and folded text (see ``vntext.fold``):

* The first number (Vietnamese format, see ``numbers.parse_vn_number``; '1 0' is 10) may be
  followed by '%', and by '-', '–', '~', 'đến' or 'tới' and a second number (a range).
* Before it may stand a comparator: '≥ ≤ > < =' or the words 'ít nhất', 'tối thiểu', 'không
  dưới' (≥), 'trên', 'lớn hơn', 'hơn' (>), 'dưới', 'nhỏ hơn' (<), 'không quá', 'tối đa',
  'không vượt quá' (≤), 'bằng' (=). With a comparator, up to 6 words without digits may precede
  it ('Phấn đấu đóng góp ít nhất 5% GRDP', 'Mỗi năm ≥ 200'). Without one, only value-introducing
  words may ('Đạt 3%', 'Phấn đấu đạt 3%', 'Có 07 – 10 trung tâm', 'Ở mức 80%'); a plain number is
  ``eq``, and a trailing 'trở lên' / 'trở xuống' makes it ≥ / ≤.
* Anything else is ``qualitative`` with ``text`` = the cleaned text: no number ('Tiên tiến, hiện
  đại'), words before the number that do not introduce a value ('Xếp hạng ở nhóm 05 quận dẫn
  đầu'), or another number after the first outside parentheses ('≥ 95 đối với … ≥ 90 đối với …'
  is two targets; '≥ 300 (trong đó ≥ 10% …)' is ≥ 300 with a remark).
* ``qualifier``: the first qualifier word printed before the number ('phấn đấu', 'đạt', 'ít nhất',
  'trên' …, lowercase as printed, typos kept: 'phần đầu'), else 'tăng dần' / 'giảm dần' after it.
* ``text`` of a numeric target: the whole cleaned text when words other than qualifiers and
  'có', 'ở mức', 'mức', 'là', 'từ' precede the number; else the remark after it ('và tăng dần theo
  yêu cầu phát triển', 'người'), or None.
* ``measure_unit``: '%' when printed with the number, else the unit passed in.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from nq57.lib.numbers import format_vn_number, parse_vn_number
from nq57.lib.vntext import collapse_ws, fold_with_offsets, nfc, normalize_tone

__all__ = ["Assessment", "Comparator", "Target", "clean_target_text", "parse_target"]


class Comparator(StrEnum):
    """How an actual value is compared with the target value."""

    GE = "ge"
    LE = "le"
    GT = "gt"
    LT = "lt"
    EQ = "eq"
    RANGE = "range"
    QUALITATIVE = "qualitative"

    @property
    def symbol(self) -> str:
        """Printed sign: '≥', '≤', '>', '<', '=', '–' (range) or '' (qualitative)."""
        return _SYMBOLS[self]


_SYMBOLS = {
    Comparator.GE: "≥",
    Comparator.LE: "≤",
    Comparator.GT: ">",
    Comparator.LT: "<",
    Comparator.EQ: "=",
    Comparator.RANGE: "–",
    Comparator.QUALITATIVE: "",
}


class Assessment(StrEnum):
    """Outcome of comparing an actual value with a target."""

    MET = "met"
    NOT_MET = "not_met"
    NEEDS_PERSON = "needs_person"

    @property
    def label(self) -> str:
        """Vietnamese name of the outcome."""
        return _ASSESSMENT_LABELS[self]


_ASSESSMENT_LABELS = {
    Assessment.MET: "Đạt",
    Assessment.NOT_MET: "Không đạt",
    Assessment.NEEDS_PERSON: "Cần đánh giá",
}


@dataclass(frozen=True)
class Target:
    """A parsed target. ``raw`` is the text as given ('' for None); see the module rules."""

    raw: str
    comparator: Comparator
    value: Decimal | None = None
    value_max: Decimal | None = None
    measure_unit: str | None = None
    qualifier: str | None = None
    text: str | None = None

    @property
    def is_numeric(self) -> bool:
        """Whether an actual number can be assessed against this target automatically."""
        return self.comparator is not Comparator.QUALITATIVE and self.value is not None

    def assess(
        self, actual: Decimal | int | float | str | None, *, lower_is_better: bool = False
    ) -> Assessment:
        """Met / not met for a numeric actual value; needs a person otherwise.

        A plain value (``eq``) is read as a floor ('Đạt 3%': 3% or more), or as a ceiling when
        ``lower_is_better`` (a rank, a cost). A range includes both ends. A qualitative target,
        a missing value or one that is not a number ('N/A', 'Có') needs a person.
        """
        number = _to_decimal(actual)
        if number is None or not self.is_numeric or self.value is None:
            return Assessment.NEEDS_PERSON
        value = self.value
        match self.comparator:
            case Comparator.GE:
                met = number >= value
            case Comparator.GT:
                met = number > value
            case Comparator.LE:
                met = number <= value
            case Comparator.LT:
                met = number < value
            case Comparator.RANGE:
                met = value <= number <= (self.value_max if self.value_max is not None else value)
            case _:
                met = number <= value if lower_is_better else number >= value
        return Assessment.MET if met else Assessment.NOT_MET

    def label_vi(self) -> str:
        """Short Vietnamese text: '≥ 80%', '16–18', '100%', '> 0,7' or the qualitative text.

        Only percent units are shown ('99% dân số'); other units belong to the indicator column.
        """
        if not self.is_numeric or self.value is None:
            return self.text or collapse_ws(self.raw)
        # Percent units are part of the value ('≥ 80%', '99% dân số'); other units ('doanh
        # nghiệp', 'Thứ bậc') are shown by the indicator's own unit column, not repeated here.
        unit = self.measure_unit if self.measure_unit and self.measure_unit.startswith("%") else ""
        value = format_vn_number(self.value)
        if self.comparator is Comparator.RANGE and self.value_max is not None:
            return f"{value}–{format_vn_number(self.value_max)}{unit}"
        if self.comparator is Comparator.EQ:
            return f"{value}{unit}"
        return f"{self.comparator.symbol} {value}{unit}"

    def to_dict(self) -> dict[str, Any]:
        """JSON-able dict (Decimals as strings, plus the Vietnamese label)."""
        return {
            "raw": self.raw,
            "comparator": self.comparator.value,
            "value": str(self.value) if self.value is not None else None,
            "value_max": str(self.value_max) if self.value_max is not None else None,
            "measure_unit": self.measure_unit,
            "qualifier": self.qualifier,
            "text": self.text,
            "label": self.label_vi(),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Target:
        """Inverse of ``to_dict`` (the label is ignored)."""

        def number(value: Any) -> Decimal | None:
            return Decimal(value) if value is not None else None

        return cls(
            raw=data["raw"],
            comparator=Comparator(data["comparator"]),
            value=number(data.get("value")),
            value_max=number(data.get("value_max")),
            measure_unit=data.get("measure_unit"),
            qualifier=data.get("qualifier"),
            text=data.get("text"),
        )


def _to_decimal(actual: Decimal | int | float | str | None) -> Decimal | None:
    if actual is None or isinstance(actual, bool):
        return None
    if isinstance(actual, Decimal):
        return actual if actual.is_finite() else None
    if isinstance(actual, int):
        return Decimal(actual)
    if isinstance(actual, float):
        return Decimal(repr(actual)) if math.isfinite(actual) else None
    text = collapse_ws(actual).rstrip("%").strip()
    return parse_vn_number(text)


# ---------------------------------------------------------------------------------------------
# Cleaning

_TAG = re.compile(r"<[^>]*>")
_LATEX_COMMANDS = (
    (re.compile(r"\\(?:geq?|geqslant)(?![a-zA-Z])"), "≥"),
    (re.compile(r"\\(?:leq?|leqslant)(?![a-zA-Z])"), "≤"),
    (re.compile(r"\\gt(?![a-zA-Z])"), ">"),
    (re.compile(r"\\lt(?![a-zA-Z])"), "<"),
    (re.compile(r"\\%"), "%"),
    (re.compile(r"\\(?:text|mathrm|mathbf|textbf)\s*\{([^{}]*)\}"), r"\1"),
    (re.compile(r"\\[,;: !]"), " "),
)
_ASCII_COMPARATORS = (
    (re.compile(r">=|=>|⩾|≧"), "≥"),
    (re.compile(r"<=|=<|⩽|≦"), "≤"),
)


def clean_target_text(raw: str) -> str:
    """``raw`` without markup: HTML tags/entities, '**', LaTeX '$…$' and commands; NFC, collapsed.

    >>> clean_target_text("$\\\\geq 3\\\\%$ và <b>tăng</b>")
    '≥ 3% và tăng'
    """
    text = _TAG.sub(" ", nfc(raw))
    text = html.unescape(text)
    text = text.replace("**", " ").replace("__", " ").replace("`", "")
    for pattern, replacement in _LATEX_COMMANDS:
        text = pattern.sub(replacement, text)
    text = text.replace("$", " ")
    for pattern, replacement in _ASCII_COMPARATORS:
        text = pattern.sub(replacement, text)
    text = re.sub(r"(?<=[≥≤<>=])\s*\{\s*|\s*\}", " ", text) if "{" in text else text
    return nfc(collapse_ws(text))


# ---------------------------------------------------------------------------------------------
# Parsing (on folded text; dashes as '-')

_WORD_COMPARATORS: tuple[tuple[str, Comparator], ...] = (
    ("khong vuot qua", Comparator.LE),
    ("khong lon hon", Comparator.LE),
    ("khong cao hon", Comparator.LE),
    ("khong qua", Comparator.LE),
    ("toi da", Comparator.LE),
    ("khong duoi", Comparator.GE),
    ("khong it hon", Comparator.GE),
    ("khong thap hon", Comparator.GE),
    ("it nhat", Comparator.GE),
    ("toi thieu", Comparator.GE),
    ("lon hon", Comparator.GT),
    ("cao hon", Comparator.GT),
    ("vuot", Comparator.GT),
    ("tren", Comparator.GT),
    ("hon", Comparator.GT),
    ("nho hon", Comparator.LT),
    ("thap hon", Comparator.LT),
    ("it hon", Comparator.LT),
    ("duoi", Comparator.LT),
    ("bang", Comparator.EQ),
)
_SYMBOL_COMPARATORS = {
    "≥": Comparator.GE,
    "≤": Comparator.LE,
    ">": Comparator.GT,
    "<": Comparator.LT,
    "=": Comparator.EQ,
}
_COMPARATOR_WORDS = dict(_WORD_COMPARATORS)

_NUM = r"[-+]?\d+(?:[.,]\d+)*(?:\s\d+(?:[.,]\d+)*)*"
_CMP = "|".join(
    [re.escape(s) for s in _SYMBOL_COMPARATORS]
    + [r"\b" + w.replace(" ", r"\s+") + r"\b" for w, _ in _WORD_COMPARATORS]
)
_TARGET = re.compile(
    r"(?P<pre>.*?)(?:(?P<cmp>" + _CMP + r")\s*)?"
    r"(?<![\w.,])(?P<n1>" + _NUM + r")(?![\w])\s*(?P<pct1>%)?"
    r"(?:\s*(?:-|~|÷|\bden\b|\btoi\b)\s*(?P<n2>" + _NUM + r")(?![\w])\s*(?P<pct2>%)?)?"
    r"(?P<rest>.*)",
    re.DOTALL,
)
# Qualifiers, longest first: the first one printed before the number is reported.
_QUALIFIERS = sorted(
    [w for w, _ in _WORD_COMPARATORS]
    + ["phan dau", "dat", "dat duoc", "khoang", "xap xi", "duy tri", "tiep tuc"],
    key=len,
    reverse=True,
)
# Folded forms shared with unrelated words ('đất', 'bảng', 'băng'): only the exact spelling counts.
_EXACT_SPELLING = {"dat": "đạt", "bang": "bằng", "hon": "hơn", "tren": "trên", "duoi": "dưới"}
_QUALIFIER = re.compile(r"\b(?:" + "|".join(w.replace(" ", r"\s+") for w in _QUALIFIERS) + r")\b")
_SILENT = ("co", "o muc", "dat muc", "muc", "la", "tu", "con")
_VALUE_INTRODUCERS = re.compile(
    r"(?:(?:"
    + "|".join(w.replace(" ", r"\s+") for w in (*_QUALIFIERS, *_SILENT))
    + r"|moi nam|hang nam|trung binh|binh quan)\s*)*"
)
_SILENT_OR_QUALIFIER = re.compile(
    r"(?:(?:" + "|".join(w.replace(" ", r"\s+") for w in (*_QUALIFIERS, *_SILENT)) + r")\s*)*"
)
_TRAILING_QUALIFIER = re.compile(r"\b(?:tang\s+dan|giam\s+dan)\b")
_ANOTHER_NUMBER = re.compile(r"(?<![\w.,/])\d")
_PARENTHESES = re.compile(r"\([^()]*\)?")
_MAX_WORDS_BEFORE_COMPARATOR = 6


def parse_target(raw: str | None, measure_unit: str | None = None) -> Target:
    """Read a printed target (see the module docstring for the rules). Never raises."""
    text = "" if raw is None else raw
    cleaned = clean_target_text(text)
    folded, offsets = fold_with_offsets(cleaned)
    folded = re.sub(r"[‐‑‒–—―−]", "-", folded)

    def printed(begin: int, end: int) -> str:
        if begin >= end:
            return ""
        return cleaned[offsets[begin] : offsets[end - 1] + 1]

    def word_at(match: re.Match[str] | None) -> str | None:
        """The printed word(s) of a qualifier match, lowercase; None if it is another word."""
        if match is None:
            return None
        word = printed(match.start(), match.end()).lower()
        exact = _EXACT_SPELLING.get(" ".join(match.group(0).split()))
        return None if exact is not None and normalize_tone(word) != exact else word

    def qualitative() -> Target:
        qualifier = word_at(_QUALIFIER.match(folded))
        return Target(
            text,
            Comparator.QUALITATIVE,
            measure_unit=measure_unit,
            qualifier=qualifier,
            text=cleaned or None,
        )

    m = _TARGET.match(folded)
    if m is None:
        return qualitative()
    pre, cmp, rest = m["pre"], m["cmp"], m["rest"]
    if any(ch.isdigit() for ch in pre):
        return qualitative()
    pre_words = pre.split()
    if cmp is not None and cmp not in _SYMBOL_COMPARATORS:
        cmp_match = _QUALIFIER.fullmatch(folded, m.start("cmp"), m.end("cmp"))
        if word_at(cmp_match) is None:
            return qualitative()
    if cmp is not None:
        if len(pre_words) > _MAX_WORDS_BEFORE_COMPARATOR:
            return qualitative()
    elif _VALUE_INTRODUCERS.fullmatch(pre) is None:
        return qualitative()
    if _ANOTHER_NUMBER.search(_PARENTHESES.sub(" ", rest)):
        return qualitative()

    value = parse_vn_number(m["n1"])
    value_max = parse_vn_number(m["n2"]) if m["n2"] else None
    if value is None or (m["n2"] and value_max is None):
        return qualitative()

    rest_stripped = rest.strip()
    if value_max is not None:
        comparator = Comparator.RANGE
        if value_max < value:
            value, value_max = value_max, value
    elif cmp is not None:
        comparator = _SYMBOL_COMPARATORS.get(cmp) or _COMPARATOR_WORDS[" ".join(cmp.split())]
    elif rest_stripped.startswith("tro len"):
        comparator = Comparator.GE
    elif rest_stripped.startswith("tro xuong"):
        comparator = Comparator.LE
    else:
        comparator = Comparator.EQ

    qualifier = None
    for qualifier_match in _QUALIFIER.finditer(folded, 0, m.end("pre")):
        qualifier = word_at(qualifier_match)
        if qualifier:
            break
    if qualifier is None and cmp is not None and cmp not in _SYMBOL_COMPARATORS:
        qualifier = word_at(_QUALIFIER.fullmatch(folded, m.start("cmp"), m.end("cmp")))
    if qualifier is None:
        qualifier = word_at(_TRAILING_QUALIFIER.search(folded, m.start("rest")))

    if _SILENT_OR_QUALIFIER.fullmatch(pre):
        remark = printed(m.start("rest"), m.end("rest")).strip(" ,;:.-–—") or None
    else:
        remark = cleaned

    unit = "%" if (m["pct1"] or m["pct2"]) else measure_unit
    return Target(
        text,
        comparator,
        value=value,
        value_max=value_max,
        measure_unit=unit,
        qualifier=qualifier,
        text=remark,
    )
