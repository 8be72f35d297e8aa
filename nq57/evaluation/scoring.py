"""A unit's scorecard: four rates, one weighted score, a class A–D, and why. Pure Python.

    hoàn thành         tasks done / tasks due by the day (or done before it)
    đúng hạn           tasks done on time / tasks done
    báo cáo            reports sent on time count 1, late ones `late_credit` (½), missing 0,
                       over the reports due by the day
    chỉ tiêu           indicators met or on track / indicators with a value

score = Σ weight × rate over the rates that apply (a rate with nothing to count is left out and
the other weights are scaled up), in 0–100; class A from 85, B from 70, C from 50, else D
(`Formula`, all configurable: the standing office of a plan's issuer sets its own, stored as
`models.ScoringFormula`, read by `formulas.formula_for`). Every figure comes with the sentence
that explains it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class Formula:
    """Weights of the four rates and the lower bounds of the classes (documented defaults)."""

    completion: Decimal = Decimal("0.3")
    on_time: Decimal = Decimal("0.3")
    reporting: Decimal = Decimal("0.2")
    indicators: Decimal = Decimal("0.2")
    late_credit: Decimal = Decimal("0.5")
    classes: tuple[tuple[str, Decimal], ...] = (
        ("A", Decimal(85)),
        ("B", Decimal(70)),
        ("C", Decimal(50)),
        ("D", Decimal(0)),
    )


@dataclass(frozen=True)
class Facts:
    """What the evaluation counted for one unit on one day."""

    tasks_due: int = 0
    tasks_done: int = 0
    tasks_done_on_time: int = 0
    reports_due: int = 0
    reports_on_time: int = 0
    reports_late: int = 0
    indicators_with_value: int = 0
    indicators_met_or_on_track: int = 0


@dataclass(frozen=True)
class Rate:
    name: str
    value: Decimal | None  # 0–100, None when there is nothing to count
    weight: Decimal
    why: str


@dataclass(frozen=True)
class Scorecard:
    rates: tuple[Rate, ...]
    score: Decimal | None
    grade: str
    why: tuple[str, ...] = field(default=())


def scorecard(facts: Facts, formula: Formula | None = None) -> Scorecard:
    """The unit's rates, score and class (see the module docstring)."""
    formula = formula or Formula()
    rates = (
        _rate("Hoàn thành", facts.tasks_done, facts.tasks_due, formula.completion,
              "nhiệm vụ đến hạn đã hoàn thành", "nhiệm vụ nào đến hạn"),
        _rate("Đúng hạn", facts.tasks_done_on_time, facts.tasks_done, formula.on_time,
              "nhiệm vụ hoàn thành đúng hạn", "nhiệm vụ nào hoàn thành"),
        _reporting(facts, formula),
        _rate("Chỉ tiêu", facts.indicators_met_or_on_track, facts.indicators_with_value,
              formula.indicators, "chỉ tiêu đạt hoặc đúng lộ trình", "chỉ tiêu nào có số liệu"),
    )  # fmt: skip
    counted = [r for r in rates if r.value is not None]
    total_weight = sum((r.weight for r in counted), Decimal(0))
    score = _weighted([(r.value, r.weight) for r in rates])
    if score is None:
        return Scorecard(rates, None, "—", ("Chưa có gì để chấm điểm.",))
    grade = next(name for name, bound in formula.classes if score >= bound)
    parts = " + ".join(
        f"{_pct(r.value)} × {_pct(r.weight / total_weight * 100)}"
        for r in counted
        if r.value is not None
    )
    why = (*(r.why for r in rates), f"Điểm = {parts} = {_pct(score)}; xếp loại {grade}.")
    return Scorecard(rates, score, grade, why)


def score_of(facts: Facts, formula: Formula | None = None) -> Decimal | None:
    """The score `scorecard` gives, without the words (to sort thousands of units)."""
    formula = formula or Formula()
    return _weighted([
        (_share(facts.tasks_done, facts.tasks_due), formula.completion),
        (_share(facts.tasks_done_on_time, facts.tasks_done), formula.on_time),
        (_reporting_value(facts, formula), formula.reporting),
        (_share(facts.indicators_met_or_on_track, facts.indicators_with_value),
         formula.indicators),
    ])  # fmt: skip


def _weighted(rates: list[tuple[Decimal | None, Decimal]]) -> Decimal | None:
    """Σ weight × rate over the rates that apply, re-scaled; None when none applies."""
    counted = [(value, weight) for value, weight in rates if value is not None]
    total = sum((weight for _value, weight in counted), Decimal(0))
    if not counted or total == 0:
        return None
    return _round(sum((value * weight for value, weight in counted), Decimal(0)) / total)


def _share(part: int, whole: int) -> Decimal | None:
    return _round(Decimal(part) * 100 / whole) if whole else None


def _reporting_value(facts: Facts, formula: Formula) -> Decimal | None:
    if facts.reports_due == 0:
        return None
    credit = facts.reports_on_time + formula.late_credit * facts.reports_late
    return _round(credit * 100 / facts.reports_due)


def _rate(name: str, part: int, whole: int, weight: Decimal, what: str, counted: str) -> Rate:
    """`part` of `whole` as a rate; `counted` says what `whole` counts ('nhiệm vụ nào đến hạn')."""
    value = _share(part, whole)
    if value is None:
        return Rate(name, None, weight, f"{name}: chưa có {counted}.")
    return Rate(name, value, weight, f"{name}: {part}/{whole} {what} ({_pct(value)}).")


def _reporting(facts: Facts, formula: Formula) -> Rate:
    due = facts.reports_due
    value = _reporting_value(facts, formula)
    if value is None:
        return Rate("Báo cáo", None, formula.reporting, "Báo cáo: chưa có kỳ nào đến hạn.")
    missing = due - facts.reports_on_time - facts.reports_late
    why = (
        f"Báo cáo: {facts.reports_on_time} đúng hạn, {facts.reports_late} trễ hạn (tính "
        f"{_pct(formula.late_credit * 100)}), {missing} chưa gửi trên {due} kỳ ({_pct(value)})."
    )
    return Rate("Báo cáo", value, formula.reporting, why)


def _round(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _pct(value: Decimal) -> str:
    text = f"{value.quantize(Decimal('0.1'), rounding=ROUND_HALF_UP):f}".replace(".", ",")
    return text.removesuffix(",0") + "%"
