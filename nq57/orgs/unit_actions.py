"""Writes on the unit tree: create, rename (the old name stays as an alias), move, aliases,
merge a duplicate into the unit it duplicates. Atomic, audited, refused in Vietnamese."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, cast

from django.db import IntegrityError, models, transaction

from nq57.audit.actions import record
from nq57.orgs.actions import Actor
from nq57.orgs.models import Unit, UnitAlias
from nq57.orgs.names import normalize_unit_name
from nq57.orgs.queries import unit_ids_below
from nq57.orgs.signals import units_changed


class UnitActionError(Exception):
    """A refused change to the unit tree; `message` is Vietnamese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _snapshot(unit: Unit) -> dict[str, Any]:
    return {
        "name": unit.name,
        "short_name": unit.short_name,
        "level": unit.level,
        "parent": unit.parent_id,
        "status": unit.status,
    }


def _check_free(name: str, parent: Unit | None, *, exclude: Unit | None = None) -> None:
    taken = Unit.objects.filter(parent=parent, folded_name=normalize_unit_name(name))
    if exclude is not None:
        taken = taken.exclude(pk=exclude.pk)
    if taken.exists():
        where = f"«{parent.name}»" if parent else "cấp cao nhất"
        raise UnitActionError(f"Đã có đơn vị «{name}» thuộc {where}.")


@transaction.atomic
def create_unit(
    *,
    name: str,
    parent: Unit | None,
    level: str,
    actor: Actor,
    short_name: str = "",
    is_collective: bool = False,
    context: Mapping[str, Any] | None = None,
) -> Unit:
    """A confirmed unit; `context` (e.g. the import it came from) goes into the audit row."""
    name = " ".join(name.split())
    if not name:
        raise UnitActionError("Tên đơn vị không được để trống.")
    _check_free(name, parent)
    unit = Unit.objects.create(
        name=name, parent=parent, level=level, short_name=short_name, is_collective=is_collective
    )
    after = {**_snapshot(unit), **(context or {})}
    record(actor=actor, action="orgs.unit_created", obj=unit, after=after)
    return unit


@transaction.atomic
def rename_unit(*, unit: Unit, name: str, actor: Actor, short_name: str | None = None) -> Unit:
    """New name; the old one becomes an alias so older documents still match the unit."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    name = " ".join(name.split())
    if not name:
        raise UnitActionError("Tên đơn vị không được để trống.")
    _check_free(name, unit.parent, exclude=unit)
    before = _snapshot(unit)
    old = unit.name
    unit.name = name
    if short_name is not None:
        unit.short_name = short_name
    unit.save()
    if normalize_unit_name(old) != unit.folded_name:
        _add_alias(unit, old)
    record(actor=actor, action="orgs.unit_renamed", obj=unit, before=before, after=_snapshot(unit))
    return unit


@transaction.atomic
def move_unit(*, unit: Unit, parent: Unit | None, actor: Actor) -> Unit:
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if parent is not None and parent.pk in unit_ids_below([unit.pk]):
        raise UnitActionError(
            "Không thể chuyển một đơn vị vào dưới chính nó hoặc đơn vị con của nó."
        )
    _check_free(unit.name, parent, exclude=unit)
    before = _snapshot(unit)
    unit.parent = parent
    unit.save()
    for alias in unit.aliases.all():
        alias.save()  # an alias is unique within its unit's parent
    record(actor=actor, action="orgs.unit_moved", obj=unit, before=before, after=_snapshot(unit))
    return unit


@transaction.atomic
def add_alias(*, unit: Unit, alias: str, actor: Actor) -> UnitAlias:
    alias = " ".join(alias.split())
    if not alias:
        raise UnitActionError("Tên gọi khác không được để trống.")
    created = _add_alias(unit, alias)
    record(actor=actor, action="orgs.alias_added", obj=unit, after={"alias": alias})
    return created


@transaction.atomic
def remove_alias(*, alias: UnitAlias, actor: Actor) -> None:
    unit = alias.unit
    record(actor=actor, action="orgs.alias_removed", obj=unit, before={"alias": alias.alias})
    alias.delete()


def _add_alias(unit: Unit, alias: str) -> UnitAlias:
    try:
        with transaction.atomic():
            return UnitAlias.objects.create(unit=unit, alias=alias)
    except IntegrityError as error:
        raise UnitActionError(
            f"Tên gọi «{alias}» đã là tên gọi khác của một đơn vị cùng cấp trên."
        ) from error


@transaction.atomic
def merge_units(*, duplicate: Unit, into: Unit, actor: Actor) -> Unit:
    """Move everything that points at `duplicate` to `into`, keep its name as an alias of
    `into`, then remove it. Refused when one is below the other."""
    if duplicate.pk == into.pk:
        raise UnitActionError("Hãy chọn hai đơn vị khác nhau để gộp.")
    if into.pk in unit_ids_below([duplicate.pk]) or duplicate.pk in unit_ids_below([into.pk]):
        raise UnitActionError("Không thể gộp một đơn vị với đơn vị cấp trên hoặc cấp dưới của nó.")
    duplicate = Unit.objects.select_for_update().get(pk=duplicate.pk)
    before = {"duplicate": _snapshot(duplicate), "into": _snapshot(into)}
    _drop_repeated_roles(duplicate, into)
    moved = _repoint(duplicate, into)
    units_changed.send(sender=Unit, unit_ids={into.pk}, merged=True)
    names = [duplicate.name, *duplicate.aliases.values_list("alias", flat=True)]
    duplicate.aliases.all().delete()
    duplicate.delete()
    known = {normalize_unit_name(a) for a in into.aliases.values_list("alias", flat=True)}
    for name in names:
        folded = normalize_unit_name(name)
        if folded != into.folded_name and folded not in known:
            _add_alias(into, name)
            known.add(folded)
    record(
        actor=actor,
        action="orgs.units_merged",
        obj=into,
        before=before,
        after={"into": into.pk, "moved": moved, "aliases": names},
    )
    return into


def _drop_repeated_roles(duplicate: Unit, into: Unit) -> None:
    """A person with the same role at both units keeps the one at `into`."""
    kept = set(into.memberships.values_list("user_id", "role"))
    for membership in duplicate.memberships.all():
        if (membership.user_id, membership.role) in kept:
            membership.delete()


def _repoint(duplicate: Unit, into: Unit) -> dict[str, int]:
    """Every foreign key to `duplicate` (in any app) now points at `into`; counts per table."""
    moved: dict[str, int] = {}
    for relation in Unit._meta.related_objects:
        if not isinstance(relation, models.ManyToOneRel) or relation.related_model is UnitAlias:
            continue
        model = cast(type[models.Model], relation.related_model)
        field = relation.field.name
        rows = model._default_manager.filter(**{field: duplicate})
        if getattr(model, "derived_from_units", False):
            rows.delete()  # recomputed for `into` (orgs.signals)
            continue
        try:
            with transaction.atomic():
                count = rows.update(**{field: into})
        except IntegrityError as error:
            raise UnitActionError(
                f"Không gộp được: «{into.name}» đã có dữ liệu trùng với «{duplicate.name}» "
                f"({model._meta.verbose_name}). Hãy xử lý phần trùng trước."
            ) from error
        if count:
            moved[model._meta.label_lower] = count
    return moved
