"""Resolve a unit mention from a plan table to a `Unit`, creating one that needs confirmation.

Search order: an exact match of the normalised name (or an alias) in the context unit's
subtree, then in each ancestor's subtree up to the root — leaving out the subtrees of other
areas (another district's or commune's units: every district has its 'Phòng Nội vụ'); then a
fuzzy match (rapidfuzz token-sort ratio ≥ 92) in the context subtree; else a new unit under
the context with status 'Cần xác nhận'. Inside a scope, a trailing locality ('huyện',
'Quận 3', 'Thành phố') is ignored, so 'Phòng Y tế Quận 3'
and 'Phòng Y tế' are the same unit of District 3.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Q
from rapidfuzz import fuzz, process, utils

from nq57.audit.actions import record
from nq57.orgs.models import Unit, UnitAlias
from nq57.orgs.names import UnitMention, expand_abbreviations, normalize_unit_name

Actor = AbstractBaseUser | AnonymousUser | None

FUZZY_THRESHOLD = 92
_LEVEL_WORDS: dict[str, tuple[str, ...]] = {
    Unit.Level.DISTRICT: ("huyen", "quan"),
    Unit.Level.COMMUNE: ("xa", "phuong", "thi tran"),
    Unit.Level.CITY: ("thanh pho", "tp"),
    Unit.Level.PROVINCE: ("tinh",),
}


def resolve_unit(
    mention: UnitMention, *, context: Unit | None, actor: Actor, level: str | None = None
) -> Unit:
    """The unit a mention names, seen from `context` (the issuer); created if unknown."""
    return UnitResolver(context=context, actor=actor).resolve(mention, level=level)


def localities(unit: Unit) -> list[str]:
    """Folded phrases that name `unit`'s place at the end of a name ('quan 3', 'huyen')."""
    words = _LEVEL_WORDS.get(unit.level, ())
    found = set(words)
    for word in words:
        match = re.search(rf"(?:^| )({word}(?: .+)?)$", unit.folded_name)
        if match:
            found.add(match.group(1))
    return sorted(found, key=len, reverse=True)


def match_key(folded: str, places: Iterable[str]) -> str:
    """`folded` without a trailing locality, as long as two words remain."""
    for place in places:
        if folded.endswith(" " + place):
            rest = folded[: -len(place) - 1].rstrip(" -,")
            if len(rest.split()) >= 2:
                return rest
    return folded


@dataclass(frozen=True)
class UnitMatch:
    """A unit found for a mention; `exact` is False for a fuzzy (near) match."""

    unit: Unit
    exact: bool


class UnitResolver:
    """Resolves many mentions against one context, loading the context's tree once.

    `decisions` maps folded names (`normalize_unit_name`) to the unit an officer chose for
    them; they win over any search.
    """

    def __init__(
        self,
        *,
        context: Unit | None,
        actor: Actor,
        decisions: Mapping[str, Unit] | None = None,
    ) -> None:
        self.context = context
        self.actor = actor
        self.decisions = dict(decisions or {})
        self._names: dict[int, list[str]] = defaultdict(list)  # unit id → folded names
        self._children: dict[int | None, list[Unit]] = defaultdict(list)
        self._units: dict[int, Unit] = {}
        self._chain: list[Unit] = []  # context, its parent, …, root
        self._cache: dict[tuple[str, str | None], Unit] = {}
        if context is not None:
            self._load_tree(context)

    def resolve(self, mention: UnitMention, *, level: str | None = None) -> Unit:
        """The unit named, created ('Cần xác nhận') when neither decided nor found."""
        key = (normalize_unit_name(mention.name), level)
        if key not in self._cache:
            found = self.match(mention)
            self._cache[key] = found.unit if found else self._create(mention, level)
        return self._cache[key]

    def match(self, mention: UnitMention) -> UnitMatch | None:
        """The unit an officer decided on or the search finds; never creates one."""
        folded = normalize_unit_name(mention.name)
        if folded in self.decisions:
            return UnitMatch(self.decisions[folded], exact=True)
        if self.context is None:
            found = find_anywhere(folded)
            return UnitMatch(found, exact=True) if found else None
        for scope in self._chain:
            found = self._exact_in(scope, folded)
            if found is not None:
                return UnitMatch(found, exact=True)
        near = self._fuzzy_in(self.context, folded, mention.collective)
        return UnitMatch(near, exact=False) if near else None

    def _exact_in(self, scope: Unit, folded: str) -> Unit | None:
        places = localities(scope)
        wanted = match_key(folded, places)
        # Below the context every unit counts (its own wards too); above it, other areas' don't.
        for unit in self._subtree(scope, skip_other_areas=scope is not self.context):
            if any(match_key(name, places) == wanted for name in self._names[unit.pk]):
                return unit
        return None

    def _fuzzy_in(self, scope: Unit, folded: str, collective: bool) -> Unit | None:
        places = localities(scope)
        choices = {
            (unit.pk, i): match_key(name, places)
            for unit in self._subtree(scope)
            if unit.is_collective == collective
            for i, name in enumerate(self._names[unit.pk])
        }
        best = process.extractOne(
            match_key(folded, places),
            choices,
            scorer=fuzz.token_sort_ratio,
            processor=utils.default_process,
            score_cutoff=FUZZY_THRESHOLD,
        )
        return self._units[best[2][0]] if best else None

    def _create(self, mention: UnitMention, level: str | None) -> Unit:
        name = expand_abbreviations(mention.name).strip(" ;,.:")
        name = name[:1].upper() + name[1:]
        unit = Unit.objects.create(
            name=name,
            level=level or guess_level(name, collective=mention.collective),
            parent=self.context,
            status=Unit.Status.NEEDS_CONFIRMATION,
            is_collective=mention.collective,
        )
        record(
            actor=self.actor,
            action="orgs.unit_created",
            obj=unit,
            after={"name": unit.name, "parent": unit.parent_id, "mention": mention.name},
        )
        self._add(unit, [unit.folded_name])
        return unit

    def _load_tree(self, context: Unit) -> None:
        chain = [context]
        while chain[-1].parent_id is not None:
            parent = Unit.objects.get(pk=chain[-1].parent_id)
            chain.append(parent)
        self._chain = chain
        frontier = [chain[-1]]
        self._add(chain[-1], [chain[-1].folded_name])
        while frontier:
            children = list(Unit.objects.filter(parent__in=frontier))
            for child in children:
                self._add(child, [child.folded_name])
            frontier = children
        for alias in UnitAlias.objects.filter(unit_id__in=self._units):
            self._names[alias.unit_id].append(alias.folded)

    def _add(self, unit: Unit, names: list[str]) -> None:
        self._units[unit.pk] = unit
        self._names[unit.pk].extend(names)
        self._children[unit.parent_id].append(unit)

    def _subtree(self, scope: Unit, *, skip_other_areas: bool = False) -> list[Unit]:
        """`scope` and the units below it; optionally without what lies below other areas
        (another area itself — 'Ủy ban nhân dân Phường 1' named in the district's plan — stays)."""
        on_chain = {unit.pk for unit in self._chain}
        found, frontier = [scope], [scope]
        while frontier:
            children = [child for unit in frontier for child in self._children[unit.pk]]
            found.extend(children)
            frontier = [
                child
                for child in children
                if not (skip_other_areas and _is_area(child) and child.pk not in on_chain)
            ]
        return found


_AREA_LEVELS = frozenset({Unit.Level.PROVINCE, Unit.Level.DISTRICT, Unit.Level.COMMUNE})


def _is_area(unit: Unit) -> bool:
    """A province, district or commune (or its People's Committee): an area of its own."""
    return unit.level in _AREA_LEVELS


def find_anywhere(folded: str) -> Unit | None:
    """Exact match of a name or alias anywhere (used for issuers, which have no context)."""
    matches = Unit.objects.filter(Q(folded_name=folded) | Q(aliases__folded=folded)).distinct()
    return matches.order_by("pk").first()


def guess_level(name: str, *, collective: bool) -> str:
    """A first guess at the level of a unit named in a plan (an officer confirms it)."""
    if collective:
        return Unit.Level.OTHER
    folded = normalize_unit_name(name)
    if folded.startswith("uy ban nhan dan"):
        for level, words in _LEVEL_WORDS.items():
            if any(re.search(rf"\b{word}\b", folded[15:]) for word in words):
                return level
    return Unit.Level.DEPARTMENT
