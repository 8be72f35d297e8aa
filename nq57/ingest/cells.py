"""Cleaning and joining of table cell text, shared by every input format.

Cells arrive with the markup of whatever tool produced the text: HTML tags (``<b>``, ``<i>``,
``<u>``, ``<ul><li>``), Markdown emphasis (``**``), LaTeX comparators (``$\\geq 80$``) and soft
line breaks. `clean_cell` returns the text as printed, markup dropped, whitespace collapsed.
`join_cells` glues a continuation fragment (the rest of a cell after a page break) to its start.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_LATEX = [
    (re.compile(r"\\geq?\s*"), "≥ "),
    (re.compile(r"\\leq?\s*"), "≤ "),
    (re.compile(r"\\ge\b\s*"), "≥ "),
    (re.compile(r"\\le\b\s*"), "≤ "),
    (re.compile(r"\\times\s*"), "× "),
    (re.compile(r"\\%"), "%"),
    (re.compile(r"\\,"), " "),
]
_MATH = re.compile(r"\$([^$]*)\$")
_UL_OPEN = re.compile(r"<ul\b[^>]*>", re.IGNORECASE)
_LI = re.compile(r"<li\b[^>]*>", re.IGNORECASE)
_BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
_ENTITIES = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&nbsp;": " ", "&quot;": '"', "&#39;": "'"}
# A list item inside a cell written as ' - Item' where the item starts with a capital letter
# ('kinh tế - xã hội' is a phrase, not an item).
_DASH_ITEM = re.compile(r"(?:^|\s)[-–•+]\s+(?=[A-ZĐÀ-Ỹ])")
_WS = re.compile(r"\s+")


def collapse(text: str) -> str:
    """NFC, every run of whitespace (tabs, NBSP, line breaks) to one space, stripped."""
    return _WS.sub(" ", unicodedata.normalize("NFC", text)).strip()


def _latex(text: str) -> str:
    def repl(match: re.Match[str]) -> str:
        inner = match.group(1)
        for pattern, replacement in _LATEX:
            inner = pattern.sub(replacement, inner)
        return inner.strip()

    return _MATH.sub(repl, text)


def _list_items(text: str) -> str:
    """'<ul> - A; - B' or '<ul><li>A</li><li>B</li></ul>' → 'A; B'."""
    body = _UL_OPEN.sub(" ", text)
    parts = _LI.split(body) if _LI.search(body) else _DASH_ITEM.split(body)
    items = [collapse(_TAG.sub(" ", part)).rstrip(" ;") for part in parts]
    return "; ".join(item for item in items if item)


@lru_cache(maxsize=16384)
def clean_cell(raw: str | None) -> str:
    """Cell text as printed: markup dropped, LaTeX comparators written out, whitespace collapsed."""
    if not raw:
        return ""
    text = unicodedata.normalize("NFC", raw)
    for entity, char in _ENTITIES.items():
        text = text.replace(entity, char)
    text = _BR.sub(" ", text)
    if _UL_OPEN.search(text):
        text = _list_items(text)
    text = _TAG.sub("", text)
    text = text.replace("**", "").replace("__", " ")
    text = _latex(text)
    return collapse(text)


def _overlap(head: str, tail: str, minimum: int = 12) -> int:
    """Length of the longest prefix of `tail` that is also a suffix of `head` (word-aligned)."""
    limit = min(len(head), len(tail))
    for size in range(limit, minimum - 1, -1):
        if head.endswith(tail[:size]) and (size == len(tail) or tail[size] == " "):
            before = len(head) - size
            if before == 0 or head[before - 1] == " ":
                return size
    return 0


def join_cells(head: str, tail: str) -> str:
    """Join a cell with its continuation after a page break, one space between.

    A PDF converter sometimes repeats the last words of a page at the top of the next one;
    a repeated run of at least 12 characters, on word boundaries, is kept once.
    """
    if not tail:
        return head
    if not head:
        return tail
    size = _overlap(head, tail)
    if size:
        tail = tail[size:].lstrip()
        if not tail:
            return head
    return f"{head} {tail}"
