"""nq57.lib.numbers: Vietnamese number formats."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from nq57.lib.numbers import format_vn_number, parse_vn_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("80", "80"),
        ("1.000", "1000"),
        ("5.000", "5000"),
        ("1.000.000", "1000000"),
        ("0,7", "0.7"),
        ("1,5", "1.5"),
        ("0,60", "0.60"),
        ("1.234,5", "1234.5"),
        ("10.5", "10.5"),
        ("0.500", "0.500"),
        ("1 0", "10"),
        ("1 000", "1000"),
        ("05", "5"),
        ("+3", "3"),
        ("-1.000", "-1000"),
        ("−2,5", "-2.5"),
        (" 12 ", "12"),
        ("1,234.5", "1234.5"),
        ("1,000,000", "1000000"),
        ("1,000", "1.000"),
    ],
)
def test_it_reads_vietnamese_numbers(text, value):
    assert parse_vn_number(text) == Decimal(value)


def test_it_keeps_printed_decimal_places():
    assert str(parse_vn_number("0,60")) == "0.60"


@pytest.mark.parametrize(
    "text",
    ["", "abc", "80%", "1.2.3", "1,2,3", "1..0", ".5", "5.", "1.000,5.0", "≥ 80", "-", "1e3", "IV"],
)
def test_it_returns_none_for_what_is_not_a_number(text):
    assert parse_vn_number(text) is None


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (Decimal("1234.5"), "1.234,5"),
        (Decimal("0.7"), "0,7"),
        (Decimal("0.60"), "0,60"),
        (5000, "5.000"),
        (-1000000, "-1.000.000"),
        (Decimal("1E+3"), "1.000"),
        (0, "0"),
    ],
)
def test_it_formats_numbers_the_vietnamese_way(value, text):
    assert format_vn_number(value) == text


def test_it_refuses_to_format_infinity():
    with pytest.raises(ValueError):
        format_vn_number(Decimal("Infinity"))


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_it_round_trips_integers(n):
    assert parse_vn_number(format_vn_number(n)) == n


@given(st.decimals(allow_nan=False, allow_infinity=False, min_value=-(10**12), max_value=10**12))
def test_it_round_trips_decimals(x):
    assert parse_vn_number(format_vn_number(x)) == x


@given(st.decimals(allow_nan=False, allow_infinity=False, places=3, min_value=0, max_value=10**9))
def test_it_round_trips_decimals_with_fixed_places(x):
    parsed = parse_vn_number(format_vn_number(x))
    assert parsed == x
    assert str(parsed) == format(x, "f")
