"""Reads on units and on what a person may reach through their roles in the unit tree."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import connection
from django.db.models import QuerySet

from nq57.orgs.models import Membership, Unit

User = AbstractBaseUser | AnonymousUser

_MAX_DEPTH = 20


def unit_ids_below(roots: Iterable[int]) -> set[int]:
    """The given unit ids and every unit below them."""
    return set(branches_of(roots))


def branches_below(root_id: int) -> dict[int, int]:
    """Every unit of the subtree under `root_id` → the child of the root it lies under (the
    root itself → the root)."""
    below = branches_of([root_id])
    return {pk: root_id if pk == root_id else branch for pk, branch in below.items()}


def branches_of(roots: Iterable[int]) -> dict[int, int]:
    """Every unit under `roots` (the roots included) → the unit one level below its root it
    lies under (a root → itself): one recursive query (SQLite and PostgreSQL), whatever the
    size of the subtree."""
    ids = sorted(set(roots))
    if not ids:
        return {}
    table = Unit._meta.db_table
    marks = ", ".join(["%s"] * len(ids))
    sql = f"""
        WITH RECURSIVE below(id, branch, depth) AS (
            SELECT id, id, 0 FROM {table} WHERE id IN ({marks})
            UNION ALL
            SELECT u.id, CASE WHEN b.depth = 0 THEN u.id ELSE b.branch END, b.depth + 1
            FROM {table} u JOIN below b ON u.parent_id = b.id
            WHERE b.depth < {_MAX_DEPTH}
        )
        SELECT id, branch FROM below"""
    with connection.cursor() as cursor:
        cursor.execute(sql, ids)
        found: dict[int, int] = {}
        for pk, branch in cursor.fetchall():
            found.setdefault(pk, branch)  # a unit under two roots keeps the first it met
        return found


def unit_ids_above(unit_id: int) -> list[int]:
    """The unit and its ancestors, nearest first."""
    found = [unit_id]
    parents = dict(Unit.objects.filter(pk=unit_id).values_list("pk", "parent_id"))
    for _ in range(_MAX_DEPTH):
        parent = parents.get(found[-1])
        if parent is None or parent in found:
            break
        found.append(parent)
        parents.update(Unit.objects.filter(pk=parent).values_list("pk", "parent_id"))
    return found


@dataclass(frozen=True)
class Access:
    """Unit ids a person reaches, by kind of access (see `Membership`)."""

    is_admin: bool
    manages: frozenset[int]  # plans issued here: manage and read, drafts included
    reads: frozenset[int]  # plans issued here: read, drafts included
    reads_published: frozenset[int]  # plans issued here: read when published
    reports_for: frozenset[int]  # units whose assignments the person sees in published plans
    heads: frozenset[int] = frozenset()  # units the person leads (approves their reports inside)

    @property
    def is_anyone(self) -> bool:
        return self.is_admin or bool(
            self.manages or self.reads or self.reads_published or self.reports_for
        )


NO_ACCESS = Access(False, frozenset(), frozenset(), frozenset(), frozenset())


def access_for(user: User) -> Access:
    """What `user` reaches; nobody reaches anything when signed out or deactivated.

    Worked out once per user object (one request), then kept on it.
    """
    if not user.is_authenticated or not user.is_active:
        return NO_ACCESS
    cached = getattr(user, "_nq57_access", None)
    if isinstance(cached, Access):
        return cached
    access = _access(user)
    setattr(user, "_nq57_access", access)  # noqa: B010 (a private cache on the object)
    return access


def _access(user: User) -> Access:
    if getattr(user, "is_superuser", False):
        return Access(True, frozenset(), frozenset(), frozenset(), frozenset())
    roles: dict[str, set[int]] = {role: set() for role in Membership.Role.values}
    memberships = Membership.objects.filter(user_id=int(user.pk or 0))
    for unit_id, role in memberships.values_list("unit_id", "role"):
        roles[role].add(unit_id)
    collectives = _collectives_of(roles[Membership.Role.OFFICER] | roles[Membership.Role.LEADER])
    manages = unit_ids_below(roles[Membership.Role.STANDING_OFFICE])
    reads = manages | unit_ids_below(roles[Membership.Role.LEADER])
    return Access(
        is_admin=False,
        manages=frozenset(manages),
        reads=frozenset(reads),
        reads_published=frozenset(reads | unit_ids_below(roles[Membership.Role.UPPER_LEVEL])),
        reports_for=frozenset(_with_collectives(roles[Membership.Role.OFFICER], collectives)),
        heads=frozenset(_with_collectives(roles[Membership.Role.LEADER], collectives)),
    )


def _collectives_of(unit_ids: set[int]) -> dict[int, set[int]]:
    """For each unit, the collectives having it as a member (one query)."""
    found: dict[int, set[int]] = {}
    if not unit_ids:
        return found
    pairs = Unit.members.through.objects.filter(to_unit_id__in=unit_ids)
    for collective, member in pairs.values_list("from_unit_id", "to_unit_id"):
        found.setdefault(member, set()).add(collective)
    return found


def _with_collectives(unit_ids: set[int], collectives: dict[int, set[int]]) -> set[int]:
    """The units and the collectives standing for them ('Ủy ban nhân dân 10 phường' for a
    ward): what is assigned to the collective is assigned to each member."""
    return unit_ids.union(*(collectives.get(unit_id, set()) for unit_id in unit_ids))


def collective_ids_of(unit_ids: Iterable[int]) -> list[int]:
    """Collectives that have one of `unit_ids` among their members."""
    return list(
        Unit.objects.filter(members__in=list(unit_ids)).values_list("pk", flat=True).distinct()
    )


def units_manageable_by(user: User) -> QuerySet[Unit]:
    """Units `user` may change: every unit for an administrator, else those below the units
    where they are standing office."""
    access = access_for(user)
    if access.is_admin:
        return Unit.objects.all()
    return Unit.objects.filter(pk__in=access.manages)
