"""A plan as JSON: the gold schema (document / indicators / tasks) plus identifiers.

Gold fields keep the text as printed (null when absent); each record adds its `id`, its
units from the registry (`lead_units` / `coordinating_units`: id, name, text as printed),
the parsed deadline or targets, the other columns (`extras`) and where it came from
(`source`). The document adds the plan's `id`, `status`, `source_sha256` and the resolved
references. An upper-level system ingests it; the gold scorer scores it like parser output.
"""

from __future__ import annotations

import json
from typing import Any

from nq57.exports.common import IndicatorRow, TaskRow, indicator_rows, or_none, task_rows
from nq57.lib.deadlines import DeadlineKind
from nq57.plans.models import Assignment, Plan, SourceFields

SCHEMA = "nq57.plan-export/1"


def plan_json(plan: Plan) -> dict[str, Any]:
    """The export of a plan loaded with `plans.queries.plan_detail` (no further queries)."""
    return {
        "schema": SCHEMA,
        "document": _document(plan),
        "indicators": [_indicator(row) for row in indicator_rows(plan)],
        "tasks": [_task(row) for row in task_rows(plan)],
    }


def plan_json_bytes(plan: Plan) -> bytes:
    """`plan_json` as UTF-8 text (Vietnamese left readable, not \\u-escaped)."""
    text = json.dumps(plan_json(plan), ensure_ascii=False, indent=1)
    return (text + "\n").encode("utf-8")


def _document(plan: Plan) -> dict[str, Any]:
    references = list(plan.references.all())
    return {
        "id": plan.pk,
        "file": plan.source_name,
        "number": plan.number,
        "issuer": plan.issuer.name,
        "issuer_id": plan.issuer_id,
        "date": plan.issue_date.isoformat() if plan.issue_date else None,
        "level": plan.level,
        "title": plan.title,
        "bases": [reference.number for reference in references],
        "references": [
            {"number": reference.number, "plan_id": reference.resolved_plan_id}
            for reference in references
        ],
        "status": plan.status,
        "source_sha256": plan.source_sha256,
    }


def _task(row: TaskRow) -> dict[str, Any]:
    task, section = row.task, row.section
    return {
        "id": task.pk,
        "appendix": or_none(task.appendix),
        "section": or_none(section.code) if section else None,
        "section_title": or_none(section.title) if section else None,
        "number": or_none(task.number),
        "name": task.name,
        "lead": or_none(task.lead_text),
        "coordinating": or_none(task.coordinating_text),
        "deadline": or_none(task.deadline_raw),
        "output": or_none(task.output),
        "deadline_parsed": {
            "kind": task.deadline_kind,
            "label": DeadlineKind(task.deadline_kind).label,
            "due": task.deadline_due.isoformat() if task.deadline_due else None,
            "start": task.deadline_start.isoformat() if task.deadline_start else None,
            "recurrence": or_none(task.deadline_recurrence),
            "trigger": or_none(task.deadline_trigger),
        },
        **_units(row.lead, row.coordinating),
        "extras": task.extras,
        "source": _source(task),
    }


def _indicator(row: IndicatorRow) -> dict[str, Any]:
    indicator = row.indicator
    targets = list(indicator.targets.all())
    return {
        "id": indicator.pk,
        "appendix": or_none(indicator.appendix),
        "group": or_none(indicator.group),
        "subgroup": or_none(indicator.subgroup),
        "code": or_none(indicator.code),
        "name": indicator.name,
        "unit": or_none(indicator.measure_unit),
        "targets": {target.milestone: target.raw for target in targets},
        "lead": or_none(indicator.lead_text),
        "coordinating": or_none(indicator.coordinating_text),
        "output": or_none(indicator.output),
        "targets_parsed": {target.milestone: target.spec().to_dict() for target in targets},
        **_units(row.lead, row.coordinating),
        "extras": indicator.extras,
        "source": _source(indicator),
    }


def _units(lead: list[Assignment], coordinating: list[Assignment]) -> dict[str, Any]:
    return {
        "lead_units": [_unit(assignment) for assignment in lead],
        "coordinating_units": [_unit(assignment) for assignment in coordinating],
    }


def _unit(assignment: Assignment) -> dict[str, Any]:
    unit = assignment.unit
    return {
        "id": unit.pk,
        "name": unit.name,
        "as_printed": assignment.text_as_printed,
        "needs_confirmation": unit.status == unit.Status.NEEDS_CONFIRMATION,
    }


def _source(row: SourceFields) -> dict[str, Any]:
    return {
        "appendix": or_none(row.appendix),
        "row": row.source_row,
        "line_start": row.source_line_start,
        "line_end": row.source_line_end,
    }
