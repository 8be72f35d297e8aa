"""Keys for cited document numbers (pure, no Django)."""

from __future__ import annotations

from nq57.lib import docnumbers


def normalize_doc_number(text: str | None) -> str:
    """The comparable number in a citation: 'Nghị quyết số 57-NQ/TW' → '57-NQ/TW'; '' if none."""
    if not text:
        return ""
    found = docnumbers.find_doc_numbers(text)
    return docnumbers.normalize_doc_number(found[0] if found else text)
