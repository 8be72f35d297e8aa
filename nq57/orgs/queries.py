"""Reads on units and on what a person may reach through their roles in the unit tree."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import QuerySet

from nq57.orgs.models import Membership, Unit

User = AbstractBaseUser | AnonymousUser

_MAX_DEPTH = 20


def unit_ids_below(roots: Iterable[int]) -> set[int]:
    """The given unit ids and every unit below them (one query per level of the tree)."""
    found = set(roots)
    frontier = set(found)
    for _ in range(_MAX_DEPTH):
        if not frontier:
            break
        children = set(Unit.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
        frontier = children - found
        found |= frontier
    return found


def branches_below(root_id: int) -> dict[int, int]:
    """Every unit of the subtree under `root_id` → the child of the root it lies under (the
    root itself → the root); one query per level of the tree."""
    found = {root_id: root_id}
    frontier = {root_id: root_id}
    for depth in range(_MAX_DEPTH):
        if not frontier:
            break
        rows = Unit.objects.filter(parent_id__in=frontier).values_list("pk", "parent_id")
        frontier = {
            pk: (pk if depth == 0 else frontier[parent])
            for pk, parent in rows
            if pk not in found and parent is not None
        }
        found.update(frontier)
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
