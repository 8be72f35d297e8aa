"""One value for an indicator from the values several units reported, by its rule. Pure.

sum       Cộng                         the units' values added
average   Trung bình                   their mean
ratio     Tổng tử số / tổng mẫu số     Σ numerators / Σ denominators × 100 when every unit gave
                                       both; else the mean of the shares
all       Mọi đơn vị đều đạt           100 when every unit says yes (or reports 100), else the
                                       share of units that do
none      Không tổng hợp               a single unit's value; none for several
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

_HUNDRED = Decimal(100)


@dataclass(frozen=True)
class UnitValue:
    number: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    flag: bool | None = None


def aggregate(rule: str, values: Sequence[UnitValue]) -> Decimal | None:
    """The indicator's value over the units (see the module docstring); None when unknown."""
    numbers = [v.number for v in values if v.number is not None]
    if rule == "all":
        passes = [v.flag if v.flag is not None else v.number == _HUNDRED for v in values]
        known = [p for p in passes if p is not None]
        return _HUNDRED * sum(known) / len(known) if known else None
    if not numbers:
        return None
    if rule == "sum":
        return sum(numbers, Decimal(0))
    if rule == "ratio" and all(v.numerator is not None and v.denominator for v in values):
        numerator = sum((v.numerator or Decimal(0) for v in values), Decimal(0))
        denominator = sum((v.denominator or Decimal(0) for v in values), Decimal(0))
        return numerator * _HUNDRED / denominator
    if rule in ("average", "ratio"):
        return sum(numbers, Decimal(0)) / len(numbers)
    return numbers[0] if len(values) == 1 else None
