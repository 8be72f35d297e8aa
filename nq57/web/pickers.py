"""The unit picker of several forms: a datalist of labelled units and the unit a label names."""

from __future__ import annotations

from django.db.models import QuerySet

from nq57.orgs.models import Unit


def unit_label(unit: Unit) -> str:
    """'Phòng Nội vụ — Ủy ban nhân dân Quận 3': names repeat across parents."""
    return f"{unit.name} — {unit.parent.name}" if unit.parent else unit.name


def unit_choices(units: QuerySet[Unit]) -> list[tuple[Unit, str]]:
    """Units with the labels a picker (a datalist) offers; load parents with `units`."""
    return [(unit, unit_label(unit)) for unit in units]


def unit_by_label(units: QuerySet[Unit], label: str) -> Unit | None:
    """The unit among `units` whose label is `label` (as typed from the picker)."""
    label = label.strip()
    return next((unit for unit, text in unit_choices(units) if text == label), None)
