"""Reads of the cascade: who may link, which plans a plan may carry out (candidates), the plan
tree across levels, and the review of a link (each lower task with its suggestion and the
decision stored)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from nq57.cascade.inputs import items_from_plan
from nq57.cascade.matching import Suggestion, suggest_indicator_links, suggest_task_links
from nq57.cascade.models import IndicatorLink, PlanLink, TaskLink
from nq57.lib.docnumbers import find_doc_numbers, normalize_doc_number
from nq57.orgs.queries import User, unit_ids_above
from nq57.plans.models import Indicator, Plan, PlanReference, Task
from nq57.plans.queries import plans_manageable_by, plans_visible_to


def can_link(user: User, child: Plan) -> bool:
    """The standing office of the lower plan (or an administrator) decides its links."""
    return plans_manageable_by(user).filter(pk=child.pk).exists()


def cited_numbers(plan: Plan) -> set[str]:
    """Normalised numbers of the documents a plan carries out: its references and those named
    in its title ('Thực hiện Chương trình hành động số 63-CTrHĐ/TU …')."""
    numbers = set(
        PlanReference.objects.filter(plan=plan).values_list("normalized_number", flat=True)
    )
    numbers |= {normalize_doc_number(n) for n in find_doc_numbers(plan.title or "")}
    return {n for n in numbers if n}


@dataclass(frozen=True)
class Candidate:
    plan: Plan
    source: str  # PlanLink.Source
    why: str


def parent_candidates(plan: Plan, user: User) -> list[Candidate]:
    """Upper-level plans `plan` may carry out, not linked yet: those it cites, and those of the
    units above its issuer that carry out a document it carries out too."""
    linked = set(PlanLink.objects.filter(child=plan).values_list("parent_id", flat=True))
    visible = upper_plans(user, plan).exclude(pk__in=linked)
    found: dict[int, Candidate] = {}
    for ref in PlanReference.objects.filter(plan=plan, resolved_plan__in=visible).select_related(
        "resolved_plan"
    ):
        assert ref.resolved_plan is not None
        found[ref.resolved_plan.pk] = Candidate(
            ref.resolved_plan, PlanLink.Source.REFERENCE, f"Kế hoạch căn cứ vào {ref.number}."
        )
    numbers = cited_numbers(plan)
    uppers = visible.filter(_above(plan))
    ranked = []
    for upper in uppers.exclude(pk__in=found).select_related("issuer"):
        shared = sorted(numbers & cited_numbers(upper))
        if shared:
            ranked.append((-len(shared), upper.pk, upper, shared))
    for _n, _pk, upper, shared in sorted(ranked, key=lambda r: r[:2]):
        why = f"Cùng thực hiện {', '.join(shared)}; ban hành ở cấp trên."
        found[upper.pk] = Candidate(upper, PlanLink.Source.SAME_BASIS, why)
    return list(found.values())


def upper_plans(user: User, plan: Plan) -> QuerySet[Plan]:
    """Plans `plan` may be linked to: those the person reads, and the published plans issued
    above the plan's issuer (a district carries out the city's plan, so it reads it)."""
    published = Plan.objects.filter(status=Plan.Status.PUBLISHED).filter(_above(plan))
    visible = plans_visible_to(user).values("pk")
    return Plan.objects.filter(Q(pk__in=visible) | Q(pk__in=published.values("pk"))).exclude(
        pk=plan.pk
    )


def _above(plan: Plan) -> Q:
    """Issued by a unit above the plan's issuer, or at a higher level of government."""
    above = unit_ids_above(plan.issuer_id)[1:] if plan.issuer_id else []
    higher = _levels_above(plan.issuer.level if plan.issuer else "")
    return Q(issuer_id__in=above) | Q(issuer__level__in=higher)


_RANKS = ("central", "province", "city", "district", "commune")  # Unit.Level, top first


def _levels_above(level: str) -> list[str]:
    """Levels above `level` (a province and a city are peers); none for a department."""
    if level not in _RANKS:
        return []
    peers = {"province": "city", "city": "province"}
    rank = _RANKS.index(level)
    return [name for name in _RANKS[:rank] if name != peers.get(level)]


@dataclass(frozen=True)
class Tree:
    """A plan with the plans above it (nearest first) and below it (depth-first)."""

    plan: Plan
    above: list[Plan]
    below: list[tuple[int, Plan]]  # (depth, plan)


def plan_tree(plan: Plan, user: User, depth: int = 5) -> Tree:
    visible = plans_visible_to(user)
    above: list[Plan] = []
    frontier = [plan.pk]
    for _ in range(depth):
        parents = list(visible.filter(child_links__child_id__in=frontier).distinct())
        parents = [p for p in parents if p not in above and p.pk != plan.pk]
        if not parents:
            break
        above.extend(parents)
        frontier = [p.pk for p in parents]
    return Tree(plan, above, _below(plan.pk, visible, depth, 1, {plan.pk}))


def _below(
    plan_id: int, visible: QuerySet[Plan], depth: int, level: int, seen: set[int]
) -> list[tuple[int, Plan]]:
    if level > depth:
        return []
    found: list[tuple[int, Plan]] = []
    for child in visible.filter(parent_links__parent_id=plan_id).select_related("issuer"):
        if child.pk in seen:
            continue
        seen.add(child.pk)
        found.append((level, child))
        found.extend(_below(child.pk, visible, depth, level + 1, seen))
    return found


@dataclass(frozen=True)
class ReviewRow:
    """One lower task (or indicator) in the review of a link: the suggestion, the upper rows
    it names (the suggested one first), and what a person decided (None: nothing yet; [] :
    no counterpart)."""

    item: Task | Indicator
    suggestion: Suggestion
    choices: list[tuple[Task | Indicator, float]]
    decided: list[int] | None

    @property
    def task(self) -> Task | Indicator:
        return self.item


def review_rows(link: PlanLink) -> list[ReviewRow]:
    """Every task of the lower plan with its suggestion against the upper plan."""
    children = list(link.child.tasks.select_related("section").order_by("order"))
    parents = list(link.parent.tasks.order_by("order"))
    suggestions = suggest_task_links(
        items_from_plan(link.child).tasks, items_from_plan(link.parent).tasks
    )
    return _rows(children, parents, suggestions, task_decisions(link))


def indicator_review_rows(link: PlanLink) -> list[ReviewRow]:
    """Every indicator of the lower plan with its suggestion against the upper plan."""
    children = list(link.child.indicators.order_by("order"))
    parents = list(link.parent.indicators.order_by("order"))
    suggestions = suggest_indicator_links(
        items_from_plan(link.child).indicators, items_from_plan(link.parent).indicators
    )
    return _rows(children, parents, suggestions, indicator_decisions(link))


def task_decisions(link: PlanLink) -> Iterable[tuple[int, int | None]]:
    """The stored decisions of a link's tasks: (lower task, upper task or None)."""
    return TaskLink.objects.filter(plan_link=link).values_list("child_task_id", "parent_task_id")


def indicator_decisions(link: PlanLink) -> Iterable[tuple[int, int | None]]:
    """The stored decisions of a link's indicators: (lower indicator, upper one or None)."""
    return IndicatorLink.objects.filter(plan_link=link).values_list(
        "child_indicator_id", "parent_indicator_id"
    )


def _rows(
    children: Sequence[Task | Indicator],
    parents: Sequence[Task | Indicator],
    suggestions: Sequence[Suggestion],
    decisions: Iterable[tuple[int, int | None]],
) -> list[ReviewRow]:
    decided = grouped(decisions)
    rows = []
    for item, suggestion in zip(children, suggestions, strict=True):
        choices: list[tuple[Task | Indicator, float]] = []
        if suggestion.parent_index is not None:
            choices.append((parents[suggestion.parent_index], suggestion.score))
        for index, (_number, score) in zip(
            suggestion.alternative_indices, suggestion.alternatives, strict=False
        ):
            if all(parents[index].pk != c.pk for c, _ in choices):
                choices.append((parents[index], score))
        rows.append(ReviewRow(item, suggestion, choices, decided.get(item.pk)))
    return rows


def grouped(pairs: Iterable[tuple[int, int | None]]) -> dict[int, list[int]]:
    """Stored decisions (lower row, upper row or None) → lower row: its upper rows ([]: the
    person said it has no counterpart)."""
    found: dict[int, list[int]] = {}
    for child_id, parent_id in pairs:
        found.setdefault(child_id, [])
        if parent_id is not None:
            found[child_id].append(parent_id)
    return found


def links_of(plan: Plan) -> QuerySet[PlanLink]:
    """The links where `plan` is the upper or the lower plan."""
    return PlanLink.objects.filter(Q(parent=plan) | Q(child=plan)).select_related(
        "parent__issuer", "child__issuer"
    )
