"""Compare the rows of a file with the rows of a stored plan (pure Python, no ORM).

A row is a mapping of field name → value (see `TASK_FIELDS`, `INDICATOR_FIELDS`). Rows pair
up in three passes, each one-to-one and best-score-first:

    1. same appendix, section, number and name (whitespace, case and diacritics aside);
    2. names alike (similarity ≥ 85) anywhere — a renumbered or moved task;
    3. same appendix, section and number, names partly alike (similarity ≥ 65) — a reworded task.

Similarity is rapidfuzz's token-set ratio of the folded names (0–100).

A pair is 'same' when every compared field is equal after collapsing whitespace, else
'changed' with the fields that differ. Unpaired old rows are 'removed', new ones 'added'.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz

from nq57.lib.vntext import collapse_ws, fold

TASK_FIELDS = (
    "appendix",
    "section",
    "number",
    "name",
    "lead",
    "coordinating",
    "deadline",
    "output",
)
INDICATOR_FIELDS = (
    "appendix",
    "group",
    "number",
    "name",
    "measure_unit",
    "targets",
    "lead",
    "coordinating",
    "output",
)
FIELD_LABELS = {
    "appendix": "Phụ lục",
    "section": "Mục",
    "group": "Nhóm",
    "number": "Số thứ tự",
    "name": "Nội dung",
    "lead": "Chủ trì",
    "coordinating": "Phối hợp",
    "deadline": "Thời gian",
    "output": "Sản phẩm",
    "measure_unit": "Đơn vị tính",
    "targets": "Mục tiêu",
}
REWORDED = 65.0
MOVED = 85.0

Row = Mapping[str, Any]


class Status(enum.StrEnum):
    SAME = "same"
    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"

    @property
    def label(self) -> str:
        return {
            "same": "Không đổi",
            "changed": "Thay đổi",
            "added": "Thêm mới",
            "removed": "Bị bỏ",
        }[self.value]


@dataclass(frozen=True)
class Change:
    """One field that differs: its label, the stored value and the file's value."""

    field: str
    label: str
    before: str
    after: str


@dataclass
class RowDiff:
    """An old row (index into the stored rows) paired with a new row (index into the file's)."""

    status: Status
    old: int | None
    new: int | None
    changes: list[Change] = field(default_factory=list)


def diff_rows(old: Sequence[Row], new: Sequence[Row], fields: Sequence[str]) -> list[RowDiff]:
    """Pair `old` and `new` rows and say what changed, in the new rows' order (removed last)."""
    pairs: dict[int, int] = {}  # new index → old index
    for scorer in (_exact, _moved, _reworded):
        _pair(old, new, pairs, scorer)
    used = set(pairs.values())
    result = [_compare(old, new, i, pairs.get(i), fields) for i in range(len(new))]
    result += [RowDiff(Status.REMOVED, j, None) for j in range(len(old)) if j not in used]
    return result


def summary(diffs: Sequence[RowDiff]) -> dict[str, int]:
    counts = {status.value: 0 for status in Status}
    for diff in diffs:
        counts[diff.status.value] += 1
    return counts


def _pair(
    old: Sequence[Row],
    new: Sequence[Row],
    pairs: dict[int, int],
    scorer: Callable[[Row, Row], float],
) -> None:
    used = set(pairs.values())
    candidates = [
        (score, i, j)
        for i, a in enumerate(new)
        if i not in pairs
        for j, b in enumerate(old)
        if j not in used
        if (score := scorer(b, a)) > 0
    ]
    for _score, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i not in pairs and j not in used:
            pairs[i] = j
            used.add(j)


def _place(row: Row) -> tuple[str, str, str]:
    return (_norm(row.get("appendix")), _norm(row.get("section")), _norm(row.get("number")))


def _exact(old: Row, new: Row) -> float:
    same = _place(old) == _place(new) and _norm(old.get("name")) == _norm(new.get("name"))
    return 1.0 if same else 0.0


def _reworded(old: Row, new: Row) -> float:
    if _place(old) != _place(new) or not _place(new)[2]:
        return 0.0
    score = _similarity(old, new)
    return score if score >= REWORDED else 0.0


def _moved(old: Row, new: Row) -> float:
    score = _similarity(old, new)
    return score if score >= MOVED else 0.0


def _similarity(old: Row, new: Row) -> float:
    return float(fuzz.token_set_ratio(_norm(old.get("name")), _norm(new.get("name"))))


def _compare(
    old: Sequence[Row], new: Sequence[Row], i: int, j: int | None, fields: Sequence[str]
) -> RowDiff:
    if j is None:
        return RowDiff(Status.ADDED, None, i)
    changes = [
        Change(name, FIELD_LABELS.get(name, name), _text(old[j].get(name)), _text(new[i].get(name)))
        for name in fields
        if _text(old[j].get(name)) != _text(new[i].get(name))
    ]
    return RowDiff(Status.CHANGED if changes else Status.SAME, j, i, changes)


def _text(value: Any) -> str:
    """A field value as compared and shown: whitespace collapsed; a target map as 'mốc: giá trị'."""
    if value is None:
        return ""
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {collapse_ws(str(v))}" for k, v in value.items())
    return collapse_ws(str(value))


def _norm(value: Any) -> str:
    return fold(_text(value)).rstrip(" .;:")
