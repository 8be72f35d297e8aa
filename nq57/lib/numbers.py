"""Numbers as Vietnamese documents print them: '.' groups thousands, ',' marks decimals.

Reading rules of ``parse_vn_number`` (in this order):

* whitespace between two digits is dropped: '1 0' (a stray space in a real plan) is 10, and
  '1 000' is 1000; a leading '+', '-' or '−' gives the sign;
* both '.' and ',' present: the one printed last is the decimal mark, the other groups
  thousands (groups must then be 3 digits): '1.234,5' = 1234.5 (and '1,234.5' = 1234.5);
* only ',': one comma is the decimal mark ('0,7' = 0.7, '0,60' = 0.60, '1,000' = 1.000);
  several commas must be thousands groups ('1,000,000');
* only '.': thousands groups when the first group is 1–3 digits not starting with 0 and every
  later group has exactly 3 digits ('1.000' = 1000, '5.000' = 5000, '1.000.000'); otherwise one
  dot is a decimal point ('10.5', '0.500', '1.5');
* anything else (letters, empty groups, '1.2.3') is not a number: None.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

__all__ = ["format_vn_number", "parse_vn_number"]

_SPACE_BETWEEN_DIGITS = re.compile(r"(?<=\d)\s+(?=\d)")
_SHAPE = re.compile(r"\d+(?:[.,]\d+)*")
_THOUSANDS = re.compile(r"[1-9]\d{0,2}(?:\.\d{3})+")
_THOUSANDS_COMMA = re.compile(r"[1-9]\d{0,2}(?:,\d{3})+")


def _grouped(int_part: str, sep: str) -> bool:
    pattern = _THOUSANDS if sep == "." else _THOUSANDS_COMMA
    if "." not in int_part and "," not in int_part:
        return True
    return pattern.fullmatch(int_part) is not None


def parse_vn_number(s: str) -> Decimal | None:
    """The number written in ``s`` the Vietnamese way, exactly, or None (see module rules).

    >>> parse_vn_number("1.234,5"), parse_vn_number("0,7"), parse_vn_number("abc")
    (Decimal('1234.5'), Decimal('0.7'), None)
    """
    text = _SPACE_BETWEEN_DIGITS.sub("", s.strip())
    sign = ""
    if text[:1] in ("+", "-", "−"):
        sign = "-" if text[0] != "+" else ""
        text = text[1:].lstrip()
    if _SHAPE.fullmatch(text) is None:
        return None
    last_dot, last_comma = text.rfind("."), text.rfind(",")
    if last_dot >= 0 and last_comma >= 0:
        decimal_mark = "," if last_comma > last_dot else "."
        group_mark = "." if decimal_mark == "," else ","
        int_part, _, frac = text.rpartition(decimal_mark)
        if decimal_mark in int_part or not _grouped(int_part, group_mark):
            return None
        plain = int_part.replace(group_mark, "") + "." + frac
    elif last_comma >= 0:
        if text.count(",") == 1:
            plain = text.replace(",", ".")
        elif _THOUSANDS_COMMA.fullmatch(text):
            plain = text.replace(",", "")
        else:
            return None
    elif last_dot >= 0:
        if _THOUSANDS.fullmatch(text):
            plain = text.replace(".", "")
        elif text.count(".") == 1:
            plain = text
        else:
            return None
    else:
        plain = text
    try:
        return Decimal(sign + plain)
    except InvalidOperation:  # pragma: no cover - the shape check makes this unreachable
        return None


def format_vn_number(value: Decimal | int) -> str:
    """``value`` written the Vietnamese way: '1.234,5'; trailing zeros of a Decimal are kept.

    >>> format_vn_number(Decimal("1234.50")), format_vn_number(-5000)
    ('1.234,50', '-5.000')
    """
    number = Decimal(value)
    if not number.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    text = format(number, "f")
    sign = ""
    if text.startswith("-"):
        sign, text = "-", text[1:]
    int_part, _, frac = text.partition(".")
    groups = []
    while len(int_part) > 3:
        groups.append(int_part[-3:])
        int_part = int_part[:-3]
    groups.append(int_part)
    grouped = ".".join(reversed(groups))
    return sign + grouped + ("," + frac if frac else "")
