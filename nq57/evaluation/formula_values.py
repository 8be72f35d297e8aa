"""The unit scoring formula as the standing office types it, checked, and said in words. Pure.

The officer's units differ from `scoring.Formula`'s on one point only: a weight is a percent
(30 means 30%; `Formula` holds 0.3). Weights are relative — the score is re-scaled over the
rates that apply — so they need not add up to 100:

    completion, on_time, reporting, indicators   weights, 0–100 each, not all 0
    late_credit                                  what a report sent late counts, 0–1 (0,5 = half)
    bound_a > bound_b > bound_c                  lower bounds of classes A, B, C in points, 0–100;
                                                 D is everything below C (from 0)

Numbers carry at most two decimals (they are stored so). `problems` lists what is wrong, one
Vietnamese message per field ("__all__" for the weights taken together).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from decimal import ROUND_HALF_UP, Decimal

from nq57.evaluation.scoring import Formula
from nq57.lib.numbers import format_vn_number

WEIGHTS = ("completion", "on_time", "reporting", "indicators")
BOUNDS = ("bound_a", "bound_b", "bound_c")
ALL_FIELDS = "__all__"  # an error about several fields at once (Django's NON_FIELD_ERRORS)

RATE_NAMES = {
    "completion": "Hoàn thành",
    "on_time": "Đúng hạn",
    "reporting": "Báo cáo",
    "indicators": "Chỉ tiêu",
}
CLASS_OF = {"bound_a": "A", "bound_b": "B", "bound_c": "C"}
_HUNDRED = Decimal(100)
_CENT = Decimal("0.01")


@dataclass(frozen=True)
class FormulaValues:
    """The eight numbers of a formula, in the officer's units (see the module docstring)."""

    completion: Decimal
    on_time: Decimal
    reporting: Decimal
    indicators: Decimal
    late_credit: Decimal
    bound_a: Decimal
    bound_b: Decimal
    bound_c: Decimal

    @classmethod
    def of(cls, formula: Formula) -> FormulaValues:
        """The values of a pure formula (its classes must be A, B, C, D in that order)."""
        bounds = dict(formula.classes)
        return cls(
            completion=formula.completion * _HUNDRED,
            on_time=formula.on_time * _HUNDRED,
            reporting=formula.reporting * _HUNDRED,
            indicators=formula.indicators * _HUNDRED,
            late_credit=formula.late_credit,
            bound_a=bounds["A"],
            bound_b=bounds["B"],
            bound_c=bounds["C"],
        )

    def formula(self) -> Formula:
        """The pure formula `scoring.scorecard` uses."""
        return Formula(
            completion=self.completion / _HUNDRED,
            on_time=self.on_time / _HUNDRED,
            reporting=self.reporting / _HUNDRED,
            indicators=self.indicators / _HUNDRED,
            late_credit=self.late_credit,
            classes=(
                ("A", self.bound_a),
                ("B", self.bound_b),
                ("C", self.bound_c),
                ("D", Decimal(0)),
            ),
        )

    def as_text(self) -> dict[str, str]:
        """Each value as plain text ('30', '0.5'): JSON-safe, for the audit log."""
        return {name: f"{plain(value):f}" for name, value in asdict(self).items()}


DEFAULTS = FormulaValues.of(Formula())
FIELDS = tuple(f.name for f in fields(FormulaValues))


def problems(values: FormulaValues) -> dict[str, list[str]]:
    """What is wrong with `values`, by field; empty when they make a formula."""
    found: dict[str, list[str]] = {}

    def refuse(name: str, message: str) -> None:
        found.setdefault(name, []).append(message)

    for name in FIELDS:
        value = getattr(values, name)
        if not value.is_finite():
            refuse(name, f"{label(name)}: không phải là số.")
        elif value != value.quantize(_CENT, rounding=ROUND_HALF_UP):
            refuse(name, f"{label(name)}: ghi tối đa hai chữ số sau dấu phẩy.")
    for name in WEIGHTS:
        value = getattr(values, name)
        if name in found:
            continue
        if value < 0:
            refuse(name, f"{label(name)} không được âm.")
        elif value > _HUNDRED:
            refuse(name, f"{label(name)} tối đa là 100.")
    weights = [getattr(values, n) for n in WEIGHTS]
    if not any(n in found for n in WEIGHTS) and all(w == 0 for w in weights):
        refuse(
            ALL_FIELDS,
            "Các trọng số không thể cùng bằng 0: cần ít nhất một trọng số lớn hơn 0 "
            "thì mới chấm được điểm.",
        )
    late = values.late_credit
    if "late_credit" not in found and not 0 <= late <= 1:
        refuse(
            "late_credit",
            "Hệ số tính cho báo cáo trễ hạn phải từ 0 đến 1 (0 là không tính, 0,5 là tính "
            "một nửa, 1 là tính như đúng hạn).",
        )
    for name in BOUNDS:
        value = getattr(values, name)
        if name not in found and not 0 <= value <= _HUNDRED:
            refuse(name, f"Ngưỡng xếp loại {CLASS_OF[name]} phải từ 0 đến 100 điểm.")
    for upper, lower in (("bound_a", "bound_b"), ("bound_b", "bound_c")):
        if upper in found or lower in found:
            continue
        high, low = getattr(values, upper), getattr(values, lower)
        if high <= low:
            refuse(
                upper,
                f"Ngưỡng xếp loại {CLASS_OF[upper]} ({number(high)} điểm) phải cao hơn ngưỡng "
                f"xếp loại {CLASS_OF[lower]} ({number(low)} điểm).",
            )
    return found


def label(name: str) -> str:
    """How a message names a field."""
    if name in RATE_NAMES:
        return f"Trọng số «{RATE_NAMES[name]}»"
    if name == "late_credit":
        return "Hệ số tính cho báo cáo trễ hạn"
    return f"Ngưỡng xếp loại {CLASS_OF.get(name, name)}"


def shares(formula: Formula) -> dict[str, Decimal]:
    """Each rate's share of the score in percent when all four rates apply (weights re-scaled
    to add up to 100); all 0 when every weight is 0."""
    weights = {name: getattr(formula, name) for name in WEIGHTS}
    total = sum(weights.values(), Decimal(0))
    if total == 0:
        return dict.fromkeys(WEIGHTS, Decimal(0))
    return {name: weight / total * _HUNDRED for name, weight in weights.items()}


def summary(formula: Formula) -> str:
    """The formula in one Vietnamese sentence, as the dashboard shows it."""
    parts = " + ".join(
        f"{RATE_NAMES[name].lower()} × {percent(share)}" for name, share in shares(formula).items()
    )
    classes = ", ".join(f"{name} từ {number(bound)}" for name, bound in formula.classes[:-1])
    lowest = formula.classes[-1][0]
    return (
        f"Điểm = {parts} (tỷ lệ nào không có số liệu thì bỏ, các trọng số còn lại tính lại); "
        f"báo cáo trễ hạn tính {percent(formula.late_credit * _HUNDRED)}; "
        f"xếp loại {classes}, còn lại {lowest}."
    )


def plain(value: Decimal) -> Decimal:
    """`value` without trailing zeros and never in exponent form (30.00 → 30, 0.50 → 0.5)."""
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value.normalize()


def number(value: Decimal) -> str:
    """'85', '0,5', '33,33': as an officer writes it."""
    return format_vn_number(plain(value))


def percent(value: Decimal) -> str:
    """A share rounded to one decimal: '30%', '33,3%'."""
    return number(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)) + "%"
