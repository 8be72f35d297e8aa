"""Indicator values over units by the indicator's rule (nq57.evaluation.aggregation)."""

from __future__ import annotations

from decimal import Decimal as D

from nq57.evaluation.aggregation import UnitValue, aggregate


def test_sum_and_average() -> None:
    values = [UnitValue(D(3)), UnitValue(D(5)), UnitValue(None)]
    assert aggregate("sum", values) == D(8)
    assert aggregate("average", values) == D(4)


def test_ratio_adds_numerators_and_denominators() -> None:
    values = [UnitValue(D(50), D(1), D(2)), UnitValue(D(100), D(9), D(9))]
    assert aggregate("ratio", values) == D(10) * 100 / D(11)  # not the mean of 50 and 100
    shares_only = [UnitValue(D(50)), UnitValue(D(100))]
    assert aggregate("ratio", shares_only) == D(75)


def test_every_unit_must_pass() -> None:
    assert aggregate("all", [UnitValue(flag=True), UnitValue(flag=True)]) == D(100)
    assert aggregate("all", [UnitValue(flag=True), UnitValue(flag=False)]) == D(50)
    assert aggregate("all", [UnitValue(D(100)), UnitValue(D(90))]) == D(50)
    assert aggregate("all", []) is None


def test_none_keeps_a_single_value_only() -> None:
    assert aggregate("none", [UnitValue(D(7))]) == D(7)
    assert aggregate("none", [UnitValue(D(7)), UnitValue(D(8))]) is None
    assert aggregate("sum", [UnitValue(None)]) is None
