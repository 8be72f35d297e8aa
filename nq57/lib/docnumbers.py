"""Vietnamese document numbers ('91/KH-UBND', '57-NQ/TW', '193/2025/QH15'): find, normalise."""

from __future__ import annotations

import re
import unicodedata

# number [/year] then symbol parts: '63-CTrHĐ/TU', '03/NQ-CP', '193/2025/QH15', '01-CV/BCĐTW'
DOC_NUMBER = re.compile(
    r"(?<![\w/.-])(?P<num>\d{1,5})(?P<year>/\d{4})?(?P<sep>[-/])"
    r"(?P<sym>[A-ZĐ][A-Za-zĐđ0-9&]*(?:[-/][A-ZĐ][A-Za-zĐđ0-9&]*)*)"
)


def find_doc_numbers(text: str) -> list[str]:
    """Every document number in `text`, in order of first mention, without repeats."""
    seen: list[str] = []
    for match in DOC_NUMBER.finditer(unicodedata.normalize("NFC", text)):
        number = match.group(0)
        if "/" not in number:
            continue
        if number not in seen:
            seen.append(number)
    return seen


def normalize_doc_number(text: str | None) -> str:
    """A key for comparing numbers written differently: '63/CTrHĐ/TU' ≈ '63-CTrHĐ/TU'.

    The first number in the text ('Nghị quyết số 57-NQ/TW' → '57-NQ/TW'), upper case, the
    separator after the number unified; '' for no text.
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).strip()
    match = DOC_NUMBER.search(text) or DOC_NUMBER.search(text.replace(" ", ""))
    if match is None:
        return text.upper()
    year = match.group("year") or ""
    return f"{int(match.group('num'))}{year}-{match.group('sym').upper()}"
