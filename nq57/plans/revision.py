"""Updating a stored plan from a revised file, keeping the rows that did not change.

Rows pair up with `nq57.plans.diff`: a paired task or indicator keeps its id (so anything
attached to it later — reports, values, links — stays), its fields take the file's values
(an indicator's value kind too, unless a person confirmed it), and its assignments or targets
are rebuilt only when they changed. New rows are created;
rows gone from the file are deleted unless users entered data about them, which refuses the
revision. Sections are rebuilt (they carry no user data). Atomic and audited.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from nq57.audit.actions import record
from nq57.ingest.model import ParsedIndicator, ParsedPlan, ParsedTask
from nq57.orgs.models import Unit
from nq57.orgs.resolve import UnitResolver
from nq57.plans.actions import (
    Actor,
    DuplicatePlanError,
    PlanActionError,
    _build_assignments,
    _build_indicator,
    _build_targets,
    _build_task,
    _create_references,
    _fill_header,
    _SectionIndex,
    _short,
    _summary,
    copy_kind,
    resolve_issuer,
)
from nq57.plans.diff import INDICATOR_FIELDS, TASK_FIELDS, RowDiff, diff_rows, summary
from nq57.plans.models import Assignment, Indicator, Plan, Target, Task
from nq57.plans.stamps import touch

_TASK_COPY = (
    "section", "order", "number", "name", "lead_text", "coordinating_text", "deadline_raw",
    "deadline_kind", "deadline_due", "deadline_start", "deadline_recurrence",
    "deadline_trigger", "output", "extras", "appendix", "source_row", "source_line_start",
    "source_line_end",
)  # fmt: skip
_INDICATOR_COPY = (
    "section", "group", "subgroup", "order", "code", "name", "measure_unit", "lead_text",
    "coordinating_text", "output", "extras", "appendix", "source_row", "source_line_start",
    "source_line_end",
)  # fmt: skip


@dataclass(frozen=True)
class RevisionResult:
    plan: Plan
    tasks: dict[str, int]  # counts per diff status
    indicators: dict[str, int]


def stored_task_rows(tasks: Sequence[Task]) -> list[dict[str, Any]]:
    """Stored tasks as rows comparable with a file's (`parsed_task_row`)."""
    return [
        {
            "appendix": t.appendix,
            "section": t.section.code if t.section else "",
            "number": t.number,
            "name": t.name,
            "lead": t.lead_text,
            "coordinating": t.coordinating_text,
            "deadline": t.deadline_raw,
            "output": t.output,
        }
        for t in tasks
    ]


def stored_indicator_rows(indicators: Sequence[Indicator]) -> list[dict[str, Any]]:
    return [
        {
            "appendix": i.appendix,
            "group": i.group,
            "number": i.code,
            "name": i.name,
            "measure_unit": i.measure_unit,
            "targets": {t.milestone: t.raw for t in i.targets.all()},
            "lead": i.lead_text,
            "coordinating": i.coordinating_text,
            "output": i.output,
        }
        for i in indicators
    ]


def parsed_task_row(t: ParsedTask) -> dict[str, Any]:
    return {
        "appendix": t.appendix or "",
        "section": t.section or "",
        "number": t.number or "",
        "name": t.name,
        "lead": t.lead or "",
        "coordinating": t.coordinating or "",
        "deadline": t.deadline or "",
        "output": t.output or "",
    }


def parsed_indicator_row(i: ParsedIndicator) -> dict[str, Any]:
    return {
        "appendix": i.appendix or "",
        "group": i.group or "",
        "number": i.code or "",
        "name": i.name,
        "measure_unit": i.unit or "",
        "targets": dict(i.targets),
        "lead": i.lead or "",
        "coordinating": i.coordinating or "",
        "output": i.output or "",
    }


def diff_plan(plan: Plan, parsed: ParsedPlan) -> tuple[list[RowDiff], list[RowDiff]]:
    """Task and indicator differences between the stored `plan` and the file's rows."""
    tasks = list(plan.tasks.select_related("section").order_by("order"))
    indicators = list(plan.indicators.prefetch_related("targets").order_by("order"))
    return (
        diff_rows(stored_task_rows(tasks), [parsed_task_row(t) for t in parsed.tasks], TASK_FIELDS),
        diff_rows(
            stored_indicator_rows(indicators),
            [parsed_indicator_row(i) for i in parsed.indicators],
            INDICATOR_FIELDS,
        ),
    )


@transaction.atomic
def revise_plan(
    *,
    plan: Plan,
    parsed: ParsedPlan,
    source_name: str,
    source_bytes: bytes,
    actor: Actor,
    parser: str = "",
    units: Mapping[str, Unit] | None = None,
) -> RevisionResult:
    """Bring `plan` in line with a revised file; unchanged rows keep their ids and data."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    sha256 = hashlib.sha256(source_bytes).hexdigest()
    other = Plan.objects.filter(source_sha256=sha256).exclude(pk=plan.pk).first()
    if other is not None:
        raise DuplicatePlanError(other)
    before = _summary(plan)
    status, published_at = plan.status, plan.published_at
    issuer = resolve_issuer(parsed, actor, units)
    _fill_header(plan, parsed, issuer, source_name, source_bytes, sha256, actor, parser)
    plan.status, plan.published_at = status, published_at
    plan.save()
    plan.references.all().delete()
    _create_references(plan, parsed.document.bases, actor)
    old_sections = list(plan.sections.values_list("pk", flat=True))
    sections = _SectionIndex(plan)
    resolver = UnitResolver(context=issuer, actor=actor, decisions=units)
    task_diffs, indicator_diffs = diff_plan(plan, parsed)
    _revise_tasks(plan, parsed.tasks, task_diffs, sections, resolver)
    _revise_indicators(plan, parsed.indicators, indicator_diffs, sections, resolver)
    plan.sections.filter(pk__in=old_sections).delete()
    touch([plan.pk])
    result = RevisionResult(plan, summary(task_diffs), summary(indicator_diffs))
    after = {**_summary(plan), "task_changes": result.tasks, "indicator_changes": result.indicators}
    record(actor=actor, action="plans.plan_revised", obj=plan, before=before, after=after)
    return result


def _revise_tasks(
    plan: Plan,
    parsed: Sequence[ParsedTask],
    diffs: Sequence[RowDiff],
    sections: _SectionIndex,
    resolver: UnitResolver,
) -> None:
    old = list(plan.tasks.select_related("section").order_by("order"))
    removed = [old[d.old] for d in diffs if d.old is not None and d.new is None]
    _refuse_removing(plan, removed)
    for diff in diffs:
        if diff.new is None:
            continue
        source = parsed[diff.new]
        built = _build_task(plan, source, diff.new + 1, sections)
        if diff.old is None:
            built.save()
            Assignment.objects.bulk_create(
                _build_assignments(resolver, source.lead, source.coordinating, task=built)
            )
            continue
        task = old[diff.old]
        recorded = task.triggered_on is not None and task.deadline_raw == built.deadline_raw
        due = task.deadline_due
        for name in _TASK_COPY:
            setattr(task, name, getattr(built, name))
        if recorded:  # the due day set when the condition happened outlives the file
            task.deadline_due = due
        task.save()
        if any(c.field in ("lead", "coordinating") for c in diff.changes):
            task.assignments.all().delete()
            Assignment.objects.bulk_create(
                _build_assignments(resolver, source.lead, source.coordinating, task=task)
            )
    plan.tasks.filter(pk__in=[task.pk for task in removed]).delete()


def _revise_indicators(
    plan: Plan,
    parsed: Sequence[ParsedIndicator],
    diffs: Sequence[RowDiff],
    sections: _SectionIndex,
    resolver: UnitResolver,
) -> None:
    old = list(plan.indicators.order_by("order"))
    removed = [old[d.old] for d in diffs if d.old is not None and d.new is None]
    _refuse_removing(plan, removed)
    for diff in diffs:
        if diff.new is None:
            continue
        source = parsed[diff.new]
        built = _build_indicator(plan, source, diff.new + 1, sections)
        changed = {c.field for c in diff.changes}
        indicator = built if diff.old is None else old[diff.old]
        if diff.old is not None:
            for name in _INDICATOR_COPY:
                setattr(indicator, name, getattr(built, name))
            if not indicator.kind_confirmed:  # a person's choice outlives the file's wording
                copy_kind(built, indicator)
        indicator.save()
        if diff.old is None or "targets" in changed or "measure_unit" in changed:
            Target.objects.filter(indicator=indicator).delete()
            Target.objects.bulk_create(_build_targets(indicator, source))
        if diff.old is None or changed & {"lead", "coordinating"}:
            indicator.assignments.all().delete()
            Assignment.objects.bulk_create(
                _build_assignments(resolver, source.lead, source.coordinating, indicator=indicator)
            )
    plan.indicators.filter(pk__in=[indicator.pk for indicator in removed]).delete()


def _refuse_removing(plan: Plan, rows: Sequence[Task | Indicator]) -> None:
    kept = [row for row in rows if row.has_user_data()]
    if kept:
        names = "; ".join(_short(str(row), 60) for row in kept[:3])
        raise PlanActionError(
            f"Bản sửa đổi bỏ {len(kept)} dòng đã có số liệu báo cáo ({names}); "
            "không thể cập nhật kế hoạch «" + _short(plan.title) + "» bằng tệp này."
        )
