"""Arrange a unit's report for its page: one row per task and per indicator, with what is
stored (or what the officer just typed, when a save was refused), errors, evidence and the
coordinating units' contributions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.http import QueryDict

from nq57.lib.numbers import format_vn_number
from nq57.lib.report_values import RawValue
from nq57.plans.models import Assignment, Indicator, Task
from nq57.reporting.entry import NARRATIVE, TaskEntry, ValueEntry
from nq57.reporting.models import Evidence, IndicatorValue, Submission, TaskUpdate
from nq57.reporting.queries import (
    contributions,
    previous_values,
    scope_indicators,
    scope_of,
    scope_tasks,
    task_lines,
    value_lines,
)

TASK_FIELDS = ("lifecycle", "percent", "completed_on", "done", "difficulties", "proposals")
VALUE_FIELDS = ("value", "numerator", "denominator", "flag", "text", "basis", "as_of", "source",
                "note")  # fmt: skip


@dataclass
class TaskRow:
    task: Task
    role: str
    line: TaskUpdate | None
    values: dict[str, Any]
    errors: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    contributions: list[TaskUpdate] = field(default_factory=list)

    @property
    def is_lead(self) -> bool:
        return self.role == Assignment.Role.LEAD


@dataclass
class ValueRow:
    indicator: Indicator
    role: str
    line: IndicatorValue | None
    values: dict[str, Any]
    previous: IndicatorValue | None
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def task_rows(
    submission: Submission, version: int, posted: QueryDict | None = None,
    errors: dict[str, list[str]] | None = None,
) -> list[TaskRow]:  # fmt: skip
    scope = scope_of(submission.plan_id, submission.unit_id)
    lines = task_lines(submission, version)
    helped = contributions(submission)
    rows = []
    for task in scope_tasks(scope):
        line = lines.get(task.pk)
        values = _posted(posted, f"t-{task.pk}", TASK_FIELDS) if posted else _stored_task(line)
        rows.append(TaskRow(
            task=task, role=scope.tasks[task.pk], line=line, values=values,
            errors=(errors or {}).get(f"task-{task.pk}", []),
            evidence=[e for e in line.evidence.all() if e.withdrawn_at is None] if line else [],
            contributions=helped.get(task.pk, []),
        ))  # fmt: skip
    return rows


def value_rows(
    submission: Submission, version: int, posted: QueryDict | None = None,
    errors: dict[str, list[str]] | None = None,
) -> list[ValueRow]:  # fmt: skip
    scope = scope_of(submission.plan_id, submission.unit_id)
    lines = value_lines(submission, version)
    before = previous_values(submission)
    rows = []
    for indicator in scope_indicators(scope):
        line = lines.get(indicator.pk)
        if posted:
            values = _posted(posted, f"i-{indicator.pk}", VALUE_FIELDS)
        else:
            values = _stored_value(line)
        rows.append(ValueRow(
            indicator=indicator, role=scope.indicators[indicator.pk], line=line, values=values,
            previous=before.get(indicator.pk),
            errors=(errors or {}).get(f"indicator-{indicator.pk}", []),
            warnings=list(line.warnings) if line and not posted else [],
        ))  # fmt: skip
    return rows


def narrative_values(
    submission: Submission, posted: QueryDict | None, version: int | None = None
) -> dict[str, str]:
    if posted:
        return {name: posted.get(name, "") for name in NARRATIVE}
    return submission.narrative(version)


def entries_from(posted: QueryDict, submission: Submission) -> tuple[
    list[TaskEntry], list[ValueEntry], dict[str, str]
]:  # fmt: skip
    """What the form sent, as the entries `save_submission` reads (only lines on the form)."""
    scope = scope_of(submission.plan_id, submission.unit_id)
    tasks = [
        TaskEntry(
            task_id=task_id,
            not_applicable=posted.get(f"t-{task_id}-na") == "on",
            **{name: posted.get(f"t-{task_id}-{name}", "") for name in TASK_FIELDS},
        )
        for task_id in scope.tasks
        if f"t-{task_id}-lifecycle" in posted
    ]
    values = [
        ValueEntry(
            indicator_id=indicator_id,
            raw=RawValue(
                **{
                    n: posted.get(f"i-{indicator_id}-{n}", "")
                    for n in ("value", "numerator", "denominator", "flag", "text")
                }
            ),
            basis=posted.get(f"i-{indicator_id}-basis", IndicatorValue.Basis.CUMULATIVE),
            as_of=posted.get(f"i-{indicator_id}-as_of", ""),
            source=posted.get(f"i-{indicator_id}-source", ""),
            note=posted.get(f"i-{indicator_id}-note", ""),
            not_applicable=posted.get(f"i-{indicator_id}-na") == "on",
        )
        for indicator_id in scope.indicators
        if f"i-{indicator_id}-basis" in posted
    ]
    narrative = {name: posted.get(name, "") for name in NARRATIVE if name in posted}
    return tasks, values, narrative


def _posted(posted: QueryDict, prefix: str, names: tuple[str, ...]) -> dict[str, Any]:
    values: dict[str, Any] = {name: posted.get(f"{prefix}-{name}", "") for name in names}
    values["na"] = posted.get(f"{prefix}-na") == "on"
    return values


def _stored_task(line: TaskUpdate | None) -> dict[str, Any]:
    if line is None:
        return {name: "" for name in TASK_FIELDS} | {"na": False}
    return {
        "lifecycle": line.lifecycle,
        "percent": "" if line.percent is None else str(line.percent),
        "completed_on": f"{line.completed_on:%d/%m/%Y}" if line.completed_on else "",
        "done": line.done,
        "difficulties": line.difficulties,
        "proposals": line.proposals,
        "na": line.not_applicable,
    }


def _stored_value(line: IndicatorValue | None) -> dict[str, Any]:
    if line is None:
        return {name: "" for name in VALUE_FIELDS} | {"basis": "cumulative", "na": False}
    return {
        # a value given as its two counts is shown (and saved again) as those counts
        "value": "" if line.numerator is not None else _number(line.number),
        "numerator": _number(line.numerator),
        "denominator": _number(line.denominator),
        "flag": {True: "yes", False: "no", None: ""}[line.flag],
        "text": line.text,
        "basis": line.basis,
        "as_of": f"{line.as_of:%d/%m/%Y}" if line.as_of else "",
        "source": line.source,
        "note": line.note,
        "na": line.not_applicable,
    }


def _number(value: Any) -> str:
    return "" if value is None else format_vn_number(value.normalize())
