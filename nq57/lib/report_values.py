"""Checking an indicator value a unit types into its report. Pure Python.

The value is read by the indicator's kind (see `nq57.lib.indicator_kinds`):

    percent   '85', '85,5', '85,5%'      0–100 unless the indicator allows more; or, left
              empty, its numerator and denominator (kept, so shares add up over units)
    count     '12', '1.200'              a whole number, not negative
    number    '-2,5', '1.234,56'         any number
    ratio     numerator '45' / denominator '60' → 75 (%); denominator > 0, numerator ≥ 0 and
              (unless more than 100 % is allowed) not above the denominator
    boolean   'yes' / 'no' (also 'có' / 'không')
    text      free text

Numbers are written the Vietnamese way (`nq57.lib.numbers.parse_vn_number`). 'N/A', '-', 'x'
and other words are errors, not zero: an officer leaves the field empty or marks the line
'không phát sinh trong kỳ'. Warnings (the value is kept) flag a cumulative value that falls
and a value that jumps against the previous period.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from nq57.lib.numbers import format_vn_number, parse_vn_number
from nq57.lib.vntext import fold

KINDS = ("percent", "count", "ratio", "boolean", "text", "number")
MAX_TEXT = 4000
_LIMIT = Decimal("1e14")  # the columns hold 20 digits, 6 after the mark
_HUNDRED = Decimal(100)
_JUMP_RATIO = Decimal("0.5")  # a relative change above 50 % …
_JUMP_POINTS = Decimal(30)  # … or above 30 percentage points is worth a second look
_YES = {"yes", "co", "dat", "true", "1"}
_NO = {"no", "khong", "chua", "false", "0"}


@dataclass(frozen=True)
class RawValue:
    """What the officer typed, as text."""

    value: str = ""
    numerator: str = ""
    denominator: str = ""
    flag: str = ""
    text: str = ""


@dataclass(frozen=True)
class CheckedValue:
    """The typed value, or the reasons it cannot be stored (`errors`), plus `warnings`."""

    number: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    flag: bool | None = None
    text: str = ""
    errors: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return (
            self.number is None
            and self.numerator is None
            and self.denominator is None
            and self.flag is None
            and not self.text
        )


def check_value(
    kind: str,
    raw: RawValue,
    *,
    allows_over_100: bool = False,
    previous: Decimal | None = None,
    cumulative: bool = False,
) -> CheckedValue:
    """Read `raw` as a value of `kind`; see the module docstring for the rules."""
    if kind not in KINDS:
        raise ValueError(f"unknown value kind {kind!r}")
    if kind == "text":
        return _text(raw.text or raw.value)
    if kind == "boolean":
        return _flag(raw.flag or raw.value)
    parts_given = bool(raw.numerator.strip() or raw.denominator.strip())
    if kind == "ratio" or (kind == "percent" and parts_given and not raw.value.strip()):
        checked = _ratio(raw, allows_over_100)  # a percent may come as its two counts
    else:
        checked = _single(kind, raw.value, allows_over_100)
    if checked.errors or checked.number is None or previous is None:
        return checked
    warnings = _jumps(kind, checked.number, previous, cumulative)
    return CheckedValue(**{**checked.__dict__, "warnings": warnings})


def _text(value: str) -> CheckedValue:
    text = value.strip()
    if len(text) > MAX_TEXT:
        return CheckedValue(errors=(f"Nội dung dài quá {MAX_TEXT} ký tự.",))
    return CheckedValue(text=text)


def _flag(value: str) -> CheckedValue:
    folded = fold(value.strip()).lower()
    if not folded:
        return CheckedValue()
    if folded in _YES:
        return CheckedValue(flag=True)
    if folded in _NO:
        return CheckedValue(flag=False)
    return CheckedValue(errors=(f"«{value.strip()}»: chọn «Có» hoặc «Không».",))


def _single(kind: str, value: str, allows_over_100: bool) -> CheckedValue:
    text = value.strip()
    if kind == "percent":
        text = text.removesuffix("%").strip()
    number, error = _number(text, "Giá trị")
    if error:
        return CheckedValue(errors=(error,))
    if number is None:
        return CheckedValue()
    error = _range_error(kind, number, allows_over_100)
    return CheckedValue(errors=(error,)) if error else CheckedValue(number=number)


def _range_error(kind: str, number: Decimal, allows_over_100: bool) -> str:
    if kind == "number":
        return ""
    if number < 0:
        return f"Giá trị không được âm ({format_vn_number(number)})."
    if kind == "count" and number != number.to_integral_value():
        return f"Số lượng phải là số nguyên ({format_vn_number(number)})."
    if kind == "percent" and number > _HUNDRED and not allows_over_100:
        return f"Tỷ lệ phải trong khoảng 0–100% ({format_vn_number(number)}%)."
    return ""


def _ratio(raw: RawValue, allows_over_100: bool) -> CheckedValue:
    numerator, error_n = _number(raw.numerator.strip(), "Tử số")
    denominator, error_d = _number(raw.denominator.strip(), "Mẫu số")
    errors = [e for e in (error_n, error_d) if e]
    if errors:
        return CheckedValue(errors=tuple(errors))
    if numerator is None and denominator is None:
        return CheckedValue()
    if numerator is None or denominator is None:
        return CheckedValue(errors=("Nhập cả tử số và mẫu số.",))
    if numerator < 0:
        errors.append(f"Tử số không được âm ({format_vn_number(numerator)}).")
    if denominator <= 0:
        errors.append(f"Mẫu số phải lớn hơn 0 ({format_vn_number(denominator)}).")
    elif numerator > denominator and not allows_over_100:
        errors.append(
            f"Tử số ({format_vn_number(numerator)}) lớn hơn mẫu số "
            f"({format_vn_number(denominator)})."
        )
    if errors:
        return CheckedValue(errors=tuple(errors))
    share = (numerator * _HUNDRED / denominator).quantize(Decimal("0.000001"))
    return CheckedValue(number=share, numerator=numerator, denominator=denominator)


def _number(text: str, what: str) -> tuple[Decimal | None, str]:
    if not text:
        return None, ""
    number = parse_vn_number(text)
    if number is None:
        return None, (
            f"{what} «{text}» không phải là số. Viết số kiểu Việt Nam (ví dụ 1.234,5); "
            "để trống nếu chưa có số liệu."
        )
    if abs(number) >= _LIMIT or -number.as_tuple().exponent > 6:  # type: ignore[operator]
        return None, f"{what} «{text}» quá lớn hoặc quá nhiều chữ số sau dấu phẩy (tối đa 6)."
    return number, ""


def _jumps(kind: str, number: Decimal, previous: Decimal, cumulative: bool) -> tuple[str, ...]:
    was, now = format_vn_number(previous.normalize()), format_vn_number(number.normalize())
    if cumulative and number < previous:
        return (f"Số lũy kế giảm so với kỳ trước ({was} → {now}): kiểm tra lại.",)
    change = abs(number - previous)
    if kind in ("percent", "ratio"):
        jumped = change > _JUMP_POINTS
    else:
        jumped = previous != 0 and change / abs(previous) > _JUMP_RATIO and change >= 2
    return (f"Chênh lệch lớn so với kỳ trước ({was} → {now}): kiểm tra lại.",) if jumped else ()
