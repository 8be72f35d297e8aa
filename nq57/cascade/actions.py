"""Writes of the cascade (keyword-only, atomic, audited; permission checked here): link a lower
plan to an upper one, and store a person's decisions on which upper task each lower task
localises."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from nq57.audit.actions import acting_user, actor_label, record
from nq57.cascade.models import DismissedLink, IndicatorLink, PlanLink, TaskLink
from nq57.cascade.queries import can_link, grouped, indicator_decisions, task_decisions
from nq57.orgs.queries import User
from nq57.plans.actions import Actor
from nq57.plans.models import Plan


class CascadeError(Exception):
    """A refused cascade write; `message` is Vietnamese; nothing was stored."""

    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class LinkNotAllowed(CascadeError):
    status = 403


class StaleReview(CascadeError):
    status = 409


@transaction.atomic
def link_plans(
    *, parent: Plan, child: Plan, actor: User, source: str = PlanLink.Source.MANUAL
) -> PlanLink:
    """`child` carries out `parent` (idempotent: an existing link is returned)."""
    if not can_link(actor, child):
        raise LinkNotAllowed("Chỉ cơ quan thường trực của kế hoạch cấp dưới được liên kết.")
    if parent.pk == child.pk:
        raise CascadeError("Không liên kết một kế hoạch với chính nó.")
    if PlanLink.objects.filter(parent=child, child=parent).exists():
        raise CascadeError("Kế hoạch này đang là cấp dưới của kế hoạch kia; không liên kết vòng.")
    DismissedLink.objects.filter(parent=parent, child=child).delete()
    return _link(parent.pk, child.pk, source, actor)


def _link(parent_id: int, child_id: int, source: str, actor: Actor) -> PlanLink:
    link, created = PlanLink.objects.get_or_create(
        parent_id=parent_id,
        child_id=child_id,
        defaults={"source": source, "created_by": acting_user(actor)},
    )
    if created:
        record(actor=actor, action="cascade.plans_linked", obj=link,
               after={"parent": parent_id, "child": child_id, "source": source})  # fmt: skip
    return link


def link_cited(*, pairs: Iterable[tuple[int, int]], actor: Actor) -> list[PlanLink]:
    """Link each citing plan to the plan it cites ('Căn cứ Kế hoạch số …'), unless they are
    linked either way already or a person removed that link. Part of an import: the importer
    is the actor, whoever the plans' standing offices are."""
    wanted = {(child, parent) for child, parent in pairs if child != parent}
    ids = {plan for pair in wanted for plan in pair}
    known = {
        (child, parent)
        for model in (PlanLink, DismissedLink)
        for parent, child in model.objects.filter(parent_id__in=ids, child_id__in=ids).values_list(
            "parent_id", "child_id"
        )
    }
    return [
        _link(parent, child, PlanLink.Source.REFERENCE, actor)
        for child, parent in sorted(wanted)
        if (child, parent) not in known and (parent, child) not in known
    ]


def plans_cited_receiver(sender: Any, pairs: Sequence[tuple[int, int]], actor: Actor,
                         **_: Any) -> None:  # fmt: skip
    """`plans.signals.plans_cited`: the citing plans carry out the plans they cite."""
    link_cited(pairs=pairs, actor=actor)


@transaction.atomic
def unlink_plans(*, link: PlanLink, actor: User) -> None:
    """Remove a link made by mistake, and the task and indicator decisions made under it (kept
    in the audit row); a citation found again does not restore it."""
    if not can_link(actor, link.child):
        raise LinkNotAllowed("Chỉ cơ quan thường trực của kế hoạch cấp dưới được bỏ liên kết.")
    before = {
        "parent": link.parent_id,
        "child": link.child_id,
        "tasks": list(task_decisions(link)),
        "indicators": list(indicator_decisions(link)),
    }
    record(actor=actor, action="cascade.plans_unlinked", obj=link, before=before)
    DismissedLink.objects.get_or_create(
        parent_id=link.parent_id, child_id=link.child_id,
        defaults={"dismissed_by": acting_user(actor)},
    )  # fmt: skip
    link.delete()


@dataclass(frozen=True)
class _Kind:
    """Tasks or indicators: the link model, its two fields, the plan relation, the words."""

    model: type[TaskLink] | type[IndicatorLink]
    child: str
    parent: str
    rows: str  # the plan's related name: "tasks" / "indicators"
    noun: str  # "nhiệm vụ" / "chỉ tiêu"
    action: str


TASKS = _Kind(TaskLink, "child_task_id", "parent_task_id", "tasks", "nhiệm vụ",
              "cascade.task_links_decided")  # fmt: skip
INDICATORS = _Kind(IndicatorLink, "child_indicator_id", "parent_indicator_id", "indicators",
                   "chỉ tiêu", "cascade.indicator_links_decided")  # fmt: skip


def decide_task_links(
    *,
    link: PlanLink,
    revision: int,
    decisions: Mapping[int, Sequence[int]],
    actor: User,
    suggested: Mapping[int, tuple[float, Sequence[str]]] | None = None,
) -> PlanLink:
    """Store, for each lower task in `decisions`, the upper tasks it localises ([] : none);
    other lower tasks keep what was decided before. `revision` is the link's revision the
    person saw; a review from an out-of-date page is refused, saying who decided last."""
    return _decide(TASKS, link, revision, decisions, actor, suggested or {})


def decide_indicator_links(
    *,
    link: PlanLink,
    revision: int,
    decisions: Mapping[int, Sequence[int]],
    actor: User,
    suggested: Mapping[int, tuple[float, Sequence[str]]] | None = None,
) -> PlanLink:
    """As `decide_task_links`, for indicators: which upper indicator each lower one feeds."""
    return _decide(INDICATORS, link, revision, decisions, actor, suggested or {})


@transaction.atomic
def _decide(
    kind: _Kind,
    link: PlanLink,
    revision: int,
    decisions: Mapping[int, Sequence[int]],
    actor: User,
    suggested: Mapping[int, tuple[float, Sequence[str]]],
) -> PlanLink:
    if not can_link(actor, link.child):
        raise LinkNotAllowed(
            "Chỉ cơ quan thường trực của kế hoạch cấp dưới được xác nhận liên kết."
        )
    current = PlanLink.objects.select_for_update().get(pk=link.pk)
    if current.revision != revision:
        raise StaleReview(_stale_message(current))
    _check_rows(kind, current, decisions)
    before = _decisions(kind, current, decisions)
    stored = kind.model.objects.filter(plan_link=current, **{f"{kind.child}__in": list(decisions)})
    stored.delete()
    rows: list[TaskLink | IndicatorLink] = []
    for child_id, parents in decisions.items():
        score, reasons = suggested.get(child_id, (None, ()))
        targets: list[int | None] = [*dict.fromkeys(parents)] or [None]
        rows.extend(
            kind.model(plan_link=current, score=score, reasons=list(reasons),
                       decided_by=acting_user(actor), **{kind.child: child_id, kind.parent: parent})
            for parent in targets
        )  # fmt: skip
    kind.model.objects.bulk_create(rows)  # type: ignore[arg-type]  # rows are all of kind.model
    PlanLink.objects.filter(pk=current.pk).update(revision=F("revision") + 1)
    record(actor=actor, action=kind.action, obj=current, before=before,
           after=_decisions(kind, current, decisions))  # fmt: skip
    current.refresh_from_db()
    return current


def _check_rows(kind: _Kind, link: PlanLink, decisions: Mapping[int, Sequence[int]]) -> None:
    children = set(getattr(link.child, kind.rows).values_list("pk", flat=True))
    parents = set(getattr(link.parent, kind.rows).values_list("pk", flat=True))
    if not set(decisions) <= children:
        raise CascadeError(f"Có {kind.noun} không thuộc kế hoạch cấp dưới; tải lại trang.")
    if not {p for ps in decisions.values() for p in ps} <= parents:
        raise CascadeError(f"Có {kind.noun} cấp trên không thuộc kế hoạch cấp trên; tải lại trang.")


def _decisions(
    kind: _Kind, link: PlanLink, decisions: Mapping[int, Sequence[int]]
) -> dict[str, Any]:
    rows = kind.model.objects.filter(plan_link=link, **{f"{kind.child}__in": list(decisions)})
    stored = grouped(rows.values_list(kind.child, kind.parent))
    return {kind.rows: {str(child): parents for child, parents in stored.items()}}


def _stale_message(link: PlanLink) -> str:
    """Who decided last on the link (tasks or indicators), and when."""
    latest = [
        model.objects.filter(plan_link=link)
        .select_related("decided_by")
        .order_by("-decided_at")
        .first()
        for model in (TaskLink, IndicatorLink)
    ]
    found = [row for row in latest if row is not None]
    last = max(found, key=lambda row: row.decided_at) if found else None
    who = actor_label(last.decided_by) if last else "người khác"
    when = f" lúc {timezone.localtime(last.decided_at):%H:%M ngày %d/%m/%Y}" if last else ""
    return (f"Liên kết giữa hai kế hoạch vừa được {who} xác nhận{when}. Tải lại trang để xem; "
            "lựa chọn của bạn chưa được lưu và vẫn còn trên trang.")  # fmt: skip
