"""Writes on plans: importing a parsed document and publishing it. Atomic and audited."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from nq57.audit.actions import record
from nq57.ingest.model import ParsedIndicator, ParsedPlan, ParsedTask
from nq57.lib.deadlines import parse_deadline
from nq57.lib.docnumbers import normalize_doc_number
from nq57.lib.indicator_kinds import AGGREGATIONS_FOR, Aggregation, ValueKind, infer
from nq57.lib.targets import Comparator, parse_target
from nq57.orgs.models import Unit
from nq57.orgs.names import UnitMention, normalize_unit_name, split_assignment
from nq57.orgs.resolve import UnitResolver, resolve_unit
from nq57.plans.models import Assignment, Indicator, Plan, PlanReference, Section, Target, Task
from nq57.plans.signals import plans_cited

Actor = AbstractBaseUser | AnonymousUser | None

_GROUP_CODE = re.compile(r"^((?:[IVXLCDM]+|\d+)[.)]?)\s+(.+)$")


class PlanActionError(Exception):
    """A plan write that was refused; `message` is Vietnamese and shown to the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class DuplicatePlanError(PlanActionError):
    """The same file (same SHA-256) was already imported."""

    def __init__(self, existing: Plan) -> None:
        self.existing = existing
        issued = f"{existing.issue_date:%d/%m/%Y}" if existing.issue_date else "không rõ"
        super().__init__(
            f"Tệp này đã được nhập: kế hoạch «{_short(existing.title)}» "
            f"(số {existing.number or 'chưa có'}) ngày {issued}. Dùng --replace để thay thế."
        )


@transaction.atomic
def import_plan(
    parsed: ParsedPlan,
    *,
    source_name: str,
    source_bytes: bytes,
    actor: Actor,
    replace: bool = False,
    publish: bool = False,
    parser: str = "",
    units: Mapping[str, Unit] | None = None,
) -> Plan:
    """Store a parsed plan with its units, references, sections, tasks, indicators and targets.

    The same file twice raises `DuplicatePlanError` unless `replace`, which rebuilds the old
    plan in place (same id) when it holds no user data. `units` maps folded unit names to the
    units an officer chose (import review); other names are resolved or created 'Cần xác nhận'.
    Nothing is stored if anything fails.
    """
    sha256 = hashlib.sha256(source_bytes).hexdigest()
    existing = Plan.objects.select_for_update().filter(source_sha256=sha256).first()
    if existing is not None and not replace:
        raise DuplicatePlanError(existing)
    if existing is not None and existing.has_user_data():
        raise PlanActionError(
            f"Không thể thay thế kế hoạch «{_short(existing.title)}»: "
            "đã có số liệu do người dùng nhập."
        )
    before = _summary(existing) if existing is not None else None
    issuer = resolve_issuer(parsed, actor, units)
    plan = existing or Plan()
    confirmed: dict[tuple[str, str, str], dict[str, Any]] = {}
    if existing is not None:
        confirmed = _confirmed_kinds(existing)
        _clear_contents(existing)
    _fill_header(plan, parsed, issuer, source_name, source_bytes, sha256, actor, parser)
    if publish:
        plan.status, plan.published_at = Plan.Status.PUBLISHED, timezone.now()
    _save_once(plan, sha256)
    _create_references(plan, parsed.document.bases, actor)
    _create_contents(
        plan, parsed, UnitResolver(context=issuer, actor=actor, decisions=units), confirmed
    )
    action = "plans.plan_replaced" if existing is not None else "plans.plan_imported"
    record(actor=actor, action=action, obj=plan, before=before, after=_summary(plan))
    return plan


def _save_once(plan: Plan, sha256: str) -> None:
    """Save the plan; a concurrent import of the same file that committed first wins."""
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError as error:
        existing = Plan.objects.filter(source_sha256=sha256).first()
        if existing is None:
            raise
        raise DuplicatePlanError(existing) from error


@transaction.atomic
def publish_plan(*, plan: Plan, actor: Actor) -> Plan:
    """Move a draft plan to 'Đã ban hành'; refused if it already is."""
    now = timezone.now()
    changed = Plan.objects.filter(pk=plan.pk, status=Plan.Status.DRAFT).update(
        status=Plan.Status.PUBLISHED, published_at=now
    )
    if changed != 1:
        raise PlanActionError("Kế hoạch đã được ban hành trước đó.")
    plan.status, plan.published_at = Plan.Status.PUBLISHED, now
    record(
        actor=actor,
        action="plans.plan_published",
        obj=plan,
        before={"status": Plan.Status.DRAFT.value},
        after={"status": Plan.Status.PUBLISHED.value},
    )
    return plan


@transaction.atomic
def set_indicator_kind(
    *,
    indicator: Indicator,
    value_kind: ValueKind | str,
    aggregation: Aggregation | str,
    allows_over_100: bool,
    actor: Actor,
) -> Indicator:
    """A person's choice of what units report for `indicator` and how values add up.

    The choice is marked confirmed, so a later revision of the plan keeps it. The aggregation
    must suit the kind (`AGGREGATIONS_FOR`, else `PlanActionError`); only a percent or a ratio
    may exceed 100% (`allows_over_100` is dropped for other kinds). Permission is the caller's:
    only those who manage the plan (`queries.plans_manageable_by`).
    """
    kind, rule = ValueKind(value_kind), Aggregation(aggregation)
    if rule not in AGGREGATIONS_FOR[kind]:
        raise PlanActionError(
            f"Cách tổng hợp «{rule.label}» không dùng được cho loại số liệu «{kind.label}»."
        )
    locked = Indicator.objects.select_for_update().get(pk=indicator.pk)
    before = _kind_summary(locked)
    locked.value_kind, locked.aggregation = kind.value, rule.value
    locked.allows_over_100 = allows_over_100 and kind in (ValueKind.PERCENT, ValueKind.RATIO)
    locked.kind_confirmed = True
    locked.save(update_fields=list(KIND_FIELDS))
    record(
        actor=actor,
        action="plans.indicator_kind_set",
        obj=locked,
        before=before,
        after=_kind_summary(locked),
    )
    copy_kind(locked, indicator)
    return indicator


def _kind_summary(indicator: Indicator) -> dict[str, Any]:
    return {name: getattr(indicator, name) for name in KIND_FIELDS}


def resolve_issuer(
    parsed: ParsedPlan, actor: Actor, units: Mapping[str, Unit] | None = None
) -> Unit:
    """The issuing unit: the officer's choice, else found by name, else created."""
    name = (parsed.document.issuer or "").strip()
    if not name:
        raise PlanActionError("Không xác định được cơ quan ban hành của kế hoạch.")
    chosen = (units or {}).get(normalize_unit_name(name))
    if chosen is not None:
        return chosen
    level = parsed.document.level if parsed.document.level in Unit.Level.values else None
    return resolve_unit(UnitMention(name, False), context=None, actor=actor, level=level)


def _fill_header(
    plan: Plan,
    parsed: ParsedPlan,
    issuer: Unit,
    source_name: str,
    source_bytes: bytes,
    sha256: str,
    actor: Actor,
    parser: str,
) -> None:
    doc = parsed.document
    plan.number = (doc.number or "").strip() or None
    plan.issuer = issuer
    plan.issue_date = parse_iso_date(doc.date)
    plan.title = doc.title or source_name
    plan.level = doc.level if doc.level in Unit.Level.values else issuer.level
    plan.status = Plan.Status.DRAFT
    plan.published_at = None
    plan.source_name = source_name
    plan.source_sha256 = sha256
    plan.source_file = source_bytes
    plan.parser = parser
    plan.reporting_text = list(doc.reporting)
    plan.imported_at = timezone.now()
    plan.imported_by = actor if isinstance(actor, AbstractBaseUser) else None  # type: ignore[assignment]


def _clear_contents(plan: Plan) -> None:
    """Remove what an import created (tasks, indicators, …); the plan row itself stays."""
    Assignment.objects.filter(task__plan=plan).delete()
    Assignment.objects.filter(indicator__plan=plan).delete()
    Target.objects.filter(indicator__plan=plan).delete()
    plan.tasks.all().delete()
    plan.indicators.all().delete()
    plan.sections.all().delete()
    plan.references.all().delete()


def _create_references(plan: Plan, bases: list[str], actor: Actor) -> None:
    """Cite `bases`, resolved to plans in the system, and resolve older citations of this plan."""
    keys = [normalize_doc_number(number) for number in bases]
    known = {
        p.normalized_number: p
        for p in Plan.objects.filter(normalized_number__in=[k for k in keys if k])
        .exclude(pk=plan.pk)
        .only("pk", "normalized_number")
        .order_by("imported_at")
    }
    PlanReference.objects.bulk_create(
        PlanReference(
            plan=plan, order=i, number=number, normalized_number=key, resolved_plan=known.get(key)
        )
        for i, (number, key) in enumerate(zip(bases, keys, strict=True), start=1)
    )
    pairs = {(plan.pk, cited.pk) for cited in known.values()}
    if plan.normalized_number:
        pairs |= _resolve_citations_of(plan, actor)
    if pairs:
        plans_cited.send(sender=Plan, pairs=sorted(pairs), actor=actor)


def _resolve_citations_of(plan: Plan, actor: Actor) -> set[tuple[int, int]]:
    """Point older citations of `plan`'s number at it; the (citing, cited) pairs resolved."""
    citing = PlanReference.objects.filter(
        normalized_number=plan.normalized_number, resolved_plan__isnull=True
    ).exclude(plan=plan)
    found = list(citing.values_list("pk", "plan_id"))
    if not found:
        return set()
    ids = [pk for pk, _ in found]
    PlanReference.objects.filter(pk__in=ids).update(resolved_plan=plan)
    record(actor=actor, action="plans.references_resolved", obj=plan, after={"references": ids})
    return {(citing_id, plan.pk) for _, citing_id in found}


def _confirmed_kinds(plan: Plan) -> dict[tuple[str, str, str], dict[str, Any]]:
    """The kinds a person chose for the plan's indicators, by (appendix, code, name)."""
    rows = plan.indicators.filter(kind_confirmed=True).values(
        "appendix", "code", "name", *KIND_FIELDS
    )
    return {(r["appendix"], r["code"], r["name"]): r for r in rows}


def _create_contents(
    plan: Plan,
    parsed: ParsedPlan,
    resolver: UnitResolver,
    confirmed: Mapping[tuple[str, str, str], Mapping[str, Any]] | None = None,
) -> None:
    """Build the plan's rows; a replaced plan's confirmed kinds (`confirmed`) carry over."""
    sections = _SectionIndex(plan)
    indicators = [
        _build_indicator(plan, p, i, sections) for i, p in enumerate(parsed.indicators, 1)
    ]
    for indicator in indicators:
        chosen = (confirmed or {}).get((indicator.appendix, indicator.code, indicator.name))
        if chosen is not None:
            for name in KIND_FIELDS:
                setattr(indicator, name, chosen[name])
    tasks = [_build_task(plan, p, i, sections) for i, p in enumerate(parsed.tasks, 1)]
    Indicator.objects.bulk_create(indicators)
    Task.objects.bulk_create(tasks)
    Target.objects.bulk_create(
        target
        for indicator, p in zip(indicators, parsed.indicators, strict=True)
        for target in _build_targets(indicator, p)
    )
    assignments: list[Assignment] = []
    for indicator, pi in zip(indicators, parsed.indicators, strict=True):
        assignments += _build_assignments(resolver, pi.lead, pi.coordinating, indicator=indicator)
    for task, pt in zip(tasks, parsed.tasks, strict=True):
        assignments += _build_assignments(resolver, pt.lead, pt.coordinating, task=task)
    Assignment.objects.bulk_create(assignments)


class _SectionIndex:
    """One `Section` per (appendix, section) of tasks and per (appendix, group) of indicators."""

    def __init__(self, plan: Plan) -> None:
        self.plan = plan
        self._sections: dict[tuple[str, str, str], Section] = {}

    def for_task(self, parsed: ParsedTask) -> Section | None:
        if not parsed.section and not parsed.section_title:
            return None
        key = (Section.Kind.TASKS.value, parsed.appendix or "", parsed.section or "")
        return self._get(key, parsed.section or "", parsed.section_title or "")

    def for_indicator(self, parsed: ParsedIndicator) -> Section | None:
        if not parsed.group:
            return None
        match = _GROUP_CODE.match(parsed.group)
        code, title = (match.group(1), match.group(2)) if match else ("", parsed.group)
        key = (Section.Kind.INDICATORS.value, parsed.appendix or "", parsed.group)
        return self._get(key, code, title)

    def _get(self, key: tuple[str, str, str], code: str, title: str) -> Section:
        if key not in self._sections:
            self._sections[key] = Section.objects.create(
                plan=self.plan,
                kind=key[0],
                appendix=key[1],
                code=code,
                title=title,
                order=len(self._sections) + 1,
            )
        return self._sections[key]


def _build_task(plan: Plan, parsed: ParsedTask, order: int, sections: _SectionIndex) -> Task:
    deadline = parse_deadline(parsed.deadline or "")
    extras: dict[str, Any] = dict(parsed.extras)
    if parsed.subitems:
        extras["subitems"] = parsed.subitems
    task = Task(
        plan=plan,
        section=sections.for_task(parsed),
        order=order,
        number=parsed.number or "",
        name=parsed.name,
        lead_text=parsed.lead or "",
        coordinating_text=parsed.coordinating or "",
        deadline_raw=parsed.deadline or "",
        deadline_kind=str(deadline.kind),
        deadline_due=deadline.due,
        deadline_start=deadline.start,
        deadline_recurrence=deadline.recurrence or "",
        deadline_trigger=deadline.trigger or "",
        output=parsed.output or "",
        extras=extras,
        appendix=parsed.appendix or "",
        source_row=parsed.source.row,
        source_line_start=parsed.source.line_start,
        source_line_end=parsed.source.line_end,
    )
    task.fold_text()
    return task


def _build_indicator(
    plan: Plan, parsed: ParsedIndicator, order: int, sections: _SectionIndex
) -> Indicator:
    indicator = Indicator(
        plan=plan,
        section=sections.for_indicator(parsed),
        group=parsed.group or "",
        subgroup=parsed.subgroup or "",
        order=order,
        code=parsed.code or "",
        name=parsed.name,
        measure_unit=parsed.unit or "",
        lead_text=parsed.lead or "",
        coordinating_text=parsed.coordinating or "",
        output=parsed.output or "",
        extras=dict(parsed.extras),
        appendix=parsed.appendix or "",
        source_row=parsed.source.row,
        source_line_start=parsed.source.line_start,
        source_line_end=parsed.source.line_end,
    )
    indicator.fold_text()
    targets = [parse_target(raw, parsed.unit) for raw in parsed.targets.values()]
    indicator.apply_kind(infer(parsed.name, parsed.unit or "", targets))
    return indicator


def copy_kind(source: Indicator, indicator: Indicator) -> None:
    """Give `indicator` the value kind, aggregation and confirmation of `source`."""
    for name in KIND_FIELDS:
        setattr(indicator, name, getattr(source, name))


KIND_FIELDS = ("value_kind", "aggregation", "allows_over_100", "kind_confirmed")


def _build_targets(indicator: Indicator, parsed: ParsedIndicator) -> list[Target]:
    targets = []
    for order, (milestone, raw) in enumerate(parsed.targets.items(), start=1):
        target = parse_target(raw, parsed.unit)
        qualitative = target.comparator == Comparator.QUALITATIVE
        targets.append(
            Target(
                indicator=indicator,
                order=order,
                milestone=milestone,
                raw=raw,
                comparator=str(target.comparator),
                value=target.value,
                value_max=target.value_max,
                measure_unit=target.measure_unit or "",
                qualifier=target.qualifier or "",
                qualitative_text=(target.text or raw) if qualitative else "",
            )
        )
    return targets


def _build_assignments(
    resolver: UnitResolver,
    lead_text: str | None,
    coordinating_text: str | None,
    *,
    task: Task | None = None,
    indicator: Indicator | None = None,
) -> list[Assignment]:
    lead, coordinating = split_assignment(lead_text, coordinating_text)
    assignments: list[Assignment] = []
    seen: set[tuple[int, str]] = set()
    for role, mentions in (
        (Assignment.Role.LEAD, lead),
        (Assignment.Role.COORDINATING, coordinating),
    ):
        for mention in mentions:
            unit = resolver.resolve(mention)
            if (unit.pk, role) in seen:
                continue
            seen.add((unit.pk, role))
            assignments.append(
                Assignment(
                    unit=unit,
                    role=role,
                    task=task,
                    indicator=indicator,
                    order=len(seen),
                    text_as_printed=mention.name[:500],
                )
            )
    return assignments


def _summary(plan: Plan) -> dict[str, Any]:
    """What an audit row keeps about a plan (no file bytes)."""
    return {
        "number": plan.number,
        "title": plan.title,
        "issuer": plan.issuer_id,
        "issue_date": plan.issue_date,
        "status": plan.status,
        "source_name": plan.source_name,
        "source_sha256": plan.source_sha256,
        "sections": plan.sections.count(),
        "tasks": plan.tasks.count(),
        "indicators": plan.indicators.count(),
        "references": plan.references.count(),
    }


def parse_iso_date(value: str | None) -> date | None:
    """A parsed document date ('2025-03-24'), None when absent or unreadable."""
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
