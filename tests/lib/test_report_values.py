"""Checking typed indicator values (nq57.lib.report_values)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from nq57.lib.report_values import RawValue, check_value


@pytest.mark.parametrize(
    ("kind", "typed", "expected"),
    [
        ("percent", "85", Decimal("85")),
        ("percent", "85,5%", Decimal("85.5")),
        ("percent", " 100 ", Decimal("100")),
        ("percent", "0", Decimal("0")),
        ("count", "1.200", Decimal("1200")),
        ("count", "12", Decimal("12")),
        ("number", "-2,5", Decimal("-2.5")),
        ("number", "1.234,56", Decimal("1234.56")),
    ],
)
def test_numbers_are_read_the_vietnamese_way(kind: str, typed: str, expected: Decimal) -> None:
    checked = check_value(kind, RawValue(value=typed))
    assert (checked.number, checked.errors) == (expected, ())


@pytest.mark.parametrize("typed", ["N/A", "n/a", "-", "x", "chưa có", "12 người", "1,2,3"])
def test_words_in_a_number_field_are_errors_not_zero(typed: str) -> None:
    checked = check_value("count", RawValue(value=typed))
    assert checked.number is None
    assert len(checked.errors) == 1
    assert f"«{typed}» không phải là số" in checked.errors[0]


def test_empty_is_no_value_and_no_error() -> None:
    checked = check_value("percent", RawValue(value="  "))
    assert checked.is_empty and checked.errors == ()


def test_percent_must_stay_within_0_100_unless_allowed() -> None:
    assert check_value("percent", RawValue(value="100,1")).errors == (
        "Tỷ lệ phải trong khoảng 0–100% (100,1%).",
    )
    assert check_value("percent", RawValue(value="-1")).errors == ("Giá trị không được âm (-1).",)
    allowed = check_value("percent", RawValue(value="120"), allows_over_100=True)
    assert (allowed.number, allowed.errors) == (Decimal(120), ())


def test_count_is_a_whole_number() -> None:
    assert check_value("count", RawValue(value="2,5")).errors == (
        "Số lượng phải là số nguyên (2,5).",
    )


def test_ratio_gives_the_share_in_percent() -> None:
    checked = check_value("ratio", RawValue(numerator="45", denominator="60"))
    assert (checked.number, checked.numerator, checked.denominator, checked.errors) == (
        Decimal("75.000000"),
        Decimal(45),
        Decimal(60),
        (),
    )


@pytest.mark.parametrize(
    ("numerator", "denominator", "error"),
    [
        ("5", "-3", "Mẫu số phải lớn hơn 0 (-3)."),
        ("5", "0", "Mẫu số phải lớn hơn 0 (0)."),
        ("-1", "3", "Tử số không được âm (-1)."),
        ("7", "3", "Tử số (7) lớn hơn mẫu số (3)."),
        ("7", "", "Nhập cả tử số và mẫu số."),
    ],
)
def test_bad_ratios_are_refused(numerator: str, denominator: str, error: str) -> None:
    checked = check_value("ratio", RawValue(numerator=numerator, denominator=denominator))
    assert checked.errors == (error,) and checked.number is None


def test_ratio_field_with_text_names_the_field() -> None:
    checked = check_value("ratio", RawValue(numerator="abc", denominator="3"))
    assert checked.errors[0].startswith("Tử số «abc» không phải là số")


@pytest.mark.parametrize(
    ("typed", "flag"), [("yes", True), ("Có", True), ("không", False), ("no", False), ("", None)]
)
def test_yes_no(typed: str, flag: bool | None) -> None:
    checked = check_value("boolean", RawValue(flag=typed))
    assert (checked.flag, checked.errors) == (flag, ())


def test_yes_no_refuses_other_words() -> None:
    assert check_value("boolean", RawValue(flag="có lẽ")).errors == (
        "«có lẽ»: chọn «Có» hoặc «Không».",
    )


def test_text_is_kept_and_limited() -> None:
    assert check_value("text", RawValue(text=" Đã vận hành ")).text == "Đã vận hành"
    assert check_value("text", RawValue(text="x" * 4001)).errors == (
        "Nội dung dài quá 4000 ký tự.",
    )


def test_too_many_decimals_or_digits_are_refused() -> None:
    assert "tối đa 6" in check_value("number", RawValue(value="1,1234567")).errors[0]
    assert "quá lớn" in check_value("number", RawValue(value="1" * 16)).errors[0]


def test_stored_decimals_are_shown_without_trailing_zeros() -> None:
    checked = check_value("count", RawValue(value="75"), previous=Decimal("40.000000"))
    assert checked.warnings == ("Chênh lệch lớn so với kỳ trước (40 → 75): kiểm tra lại.",)


def test_a_cumulative_value_that_falls_is_flagged() -> None:
    checked = check_value("count", RawValue(value="90"), previous=Decimal(100), cumulative=True)
    assert checked.number == Decimal(90)
    assert checked.warnings == ("Số lũy kế giảm so với kỳ trước (100 → 90): kiểm tra lại.",)


@pytest.mark.parametrize(
    ("kind", "previous", "typed", "warned"),
    [
        ("count", "100", "151", True),
        ("count", "100", "150", False),
        ("count", "1", "2", False),  # a change of one is not a jump
        ("percent", "40", "71", True),
        ("percent", "40", "70", False),
        ("number", "0", "5", False),
    ],
)
def test_jumps_against_the_previous_period(
    kind: str, previous: str, typed: str, warned: bool
) -> None:
    checked = check_value(kind, RawValue(value=typed), previous=Decimal(previous))
    assert bool(checked.warnings) is warned
    assert checked.errors == ()


def test_unknown_kind_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown value kind"):
        check_value("money", RawValue(value="1"))


def test_a_percent_may_come_as_its_two_counts() -> None:
    checked = check_value("percent", RawValue(numerator="45", denominator="60"))
    assert (checked.number, checked.numerator, checked.denominator) == (
        Decimal("75.000000"), Decimal(45), Decimal(60))  # fmt: skip
    typed = check_value("percent", RawValue(value="70", numerator="45", denominator="60"))
    assert (typed.number, typed.numerator) == (Decimal(70), None)  # the typed value wins
