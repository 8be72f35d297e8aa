"""Writing a unit's report: its task lines, indicator values, narrative and evidence.

All or nothing: when any typed value is wrong (`EntryErrors`, keyed 'task-<id>' /
'indicator-<id>' / a narrative field), nothing is stored. A save names the revision the
officer started from; a report changed since is refused (`Conflict`) and the officer's input
stays in their form. Lines are stored only for what was typed; empty lines are not rows.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from nq57.audit.actions import acting_user, record
from nq57.lib.filetypes import check_evidence
from nq57.lib.report_values import RawValue, check_value
from nq57.orgs.queries import User
from nq57.plans.models import Indicator
from nq57.reporting.errors import Conflict, EntryErrors, NotAllowed, ReportingError
from nq57.reporting.models import Evidence, EvidenceFile, IndicatorValue, Submission, TaskUpdate
from nq57.reporting.queries import (
    Scope,
    can_write,
    previous_submission,
    previous_values,
    scope_of,
    task_lines,
    value_lines,
)
from nq57.reporting.workflow import conflict_message, locked_message

MAX_TEXT = 10_000
NARRATIVE = Submission.NARRATIVE
_TASK_TEXT = ("done", "difficulties", "proposals")
_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")


@dataclass(frozen=True)
class TaskEntry:
    """What the officer typed for one task (text as typed; read and checked here)."""

    task_id: int
    lifecycle: str = ""
    percent: str = ""
    completed_on: str = ""
    done: str = ""
    difficulties: str = ""
    proposals: str = ""
    not_applicable: bool = False


@dataclass(frozen=True)
class ValueEntry:
    """What the officer typed for one indicator."""

    indicator_id: int
    raw: RawValue = field(default_factory=RawValue)
    basis: str = IndicatorValue.Basis.CUMULATIVE
    as_of: str = ""
    source: str = ""
    note: str = ""
    not_applicable: bool = False


@dataclass(frozen=True)
class SaveResult:
    submission: Submission
    warnings: dict[str, list[str]]
    changed: int


def save_submission(
    *,
    submission: Submission,
    revision: int,
    actor: User,
    tasks: Sequence[TaskEntry] = (),
    values: Sequence[ValueEntry] = (),
    narrative: dict[str, str] | None = None,
    now: datetime | None = None,
) -> SaveResult:
    """Store the typed lines and narrative as the report's version being written."""
    now = now or timezone.now()
    with transaction.atomic():
        current = _writable(submission, revision, actor, now)
        scope = scope_of(current.plan_id, current.unit_id)
        errors: dict[str, list[str]] = {}
        task_rows = _read_tasks(tasks, scope, now.date(), errors)
        value_rows, warnings = _read_values(current, values, scope, errors)
        narrative_values = _read_narrative(narrative or {}, errors)
        if errors:
            raise EntryErrors(errors)
        changes = _store_tasks(current, task_rows, scope) + _store_values(current, value_rows)
        changes += _store_narrative(current, narrative_values)
        _touch(current, actor, changes)
    return SaveResult(current, warnings, len(changes))


def copy_from_previous(*, submission: Submission, revision: int, actor: User) -> SaveResult:
    """Fill the lines not typed yet from the unit's report of the previous period (its
    approved version when there is one); never overwrites a typed line. Evidence and as-of
    dates are not copied."""
    with transaction.atomic():
        current = _writable(submission, revision, actor, timezone.now())
        previous = previous_submission(current)
        if previous is None:
            raise ReportingError("Đơn vị chưa có báo cáo kỳ trước của kế hoạch này để sao chép.")
        version = previous.approved_version or previous.version
        scope = scope_of(current.plan_id, current.unit_id)
        have_tasks, have_values = task_lines(current), value_lines(current)
        changes: list[dict[str, Any]] = []
        for task_id, line in task_lines(previous, version).items():
            if task_id in scope.tasks and task_id not in have_tasks:
                changes.append(_copy_task(current, line, scope))
        for indicator_id, value in value_lines(previous, version).items():
            if indicator_id in scope.indicators and indicator_id not in have_values:
                changes.append(_copy_value(current, value))
        _touch(current, actor, changes, action="reporting.submission_copied")
    return SaveResult(current, {}, len(changes))


def _writable(submission: Submission, revision: int, actor: User, now: datetime) -> Submission:
    if not can_write(actor, submission):
        raise NotAllowed("Chỉ cán bộ hoặc lãnh đạo của đơn vị được sửa báo cáo này.")
    current = (
        Submission.objects.select_for_update()
        .select_related("plan", "unit", "period__regime")
        .get(pk=submission.pk)
    )
    if current.revision != revision:
        raise Conflict(conflict_message(current))
    if current.status not in Submission.EDITABLE:
        raise ReportingError(
            f"Báo cáo đang ở trạng thái «{current.get_status_display()}», không sửa được. "
            "Báo cáo đã duyệt chỉ sửa được bằng cách mở phiên bản mới."
        )
    if current.is_locked(now):
        raise ReportingError(locked_message(current))
    return current


# --- reading what was typed -------------------------------------------------------------------


def _read_tasks(
    entries: Sequence[TaskEntry], scope: Scope, today: date, errors: dict[str, list[str]]
) -> dict[int, dict[str, Any]]:
    rows: dict[int, dict[str, Any]] = {}
    for entry in entries:
        key = f"task-{entry.task_id}"
        if entry.task_id not in scope.tasks:
            errors[key] = ["Nhiệm vụ này không thuộc báo cáo của đơn vị."]
            continue
        row, problems = _task_fields(entry, today)
        if problems:
            errors[key] = problems
        else:
            rows[entry.task_id] = row
    return rows


def _task_fields(entry: TaskEntry, today: date) -> tuple[dict[str, Any], list[str]]:
    problems: list[str] = []
    if entry.lifecycle and entry.lifecycle not in TaskUpdate.Lifecycle.values:
        problems.append(f"Tình trạng «{entry.lifecycle}» không hợp lệ.")
    percent = _percent(entry.percent, problems)
    completed = _date(entry.completed_on, "Ngày hoàn thành", problems)
    if completed is not None and completed > today:
        problems.append("Ngày hoàn thành không được ở tương lai.")
    done = entry.lifecycle == TaskUpdate.Lifecycle.DONE
    if done and completed is None:
        completed = today
    if done and percent is None:
        percent = 100
    texts = {name: getattr(entry, name).strip() for name in _TASK_TEXT}
    problems += [f"Nội dung dài quá {MAX_TEXT} ký tự." for t in texts.values() if len(t) > MAX_TEXT]
    fields = {
        "lifecycle": entry.lifecycle,
        "percent": percent,
        "completed_on": completed if done else None,
        "not_applicable": entry.not_applicable,
        **texts,
    }
    return fields, problems


def _percent(text: str, problems: list[str]) -> int | None:
    text = text.strip().removesuffix("%").strip()
    if not text:
        return None
    if not text.isdigit() or int(text) > 100:
        problems.append(f"Tỷ lệ hoàn thành «{text}» phải là số nguyên từ 0 đến 100.")
        return None
    return int(text)


def _date(text: str, what: str, problems: list[str]) -> date | None:
    text = text.strip()
    if not text:
        return None
    match = _DATE.match(text)
    try:
        if match:
            day, month, year = (int(g) for g in match.groups())
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        problems.append(f"{what} «{text}» không hợp lệ; viết theo dạng ngày/tháng/năm.")
        return None


def _read_values(
    submission: Submission,
    entries: Sequence[ValueEntry],
    scope: Scope,
    errors: dict[str, list[str]],
) -> tuple[dict[int, dict[str, Any]], dict[str, list[str]]]:
    indicators = Indicator.objects.in_bulk([e.indicator_id for e in entries])
    previous = previous_values(submission) if entries else {}
    rows: dict[int, dict[str, Any]] = {}
    warnings: dict[str, list[str]] = {}
    for entry in entries:
        key = f"indicator-{entry.indicator_id}"
        indicator = indicators.get(entry.indicator_id)
        if indicator is None or entry.indicator_id not in scope.indicators:
            errors[key] = ["Chỉ tiêu này không thuộc báo cáo của đơn vị."]
            continue
        before = previous.get(entry.indicator_id)
        row, problems = _value_fields(entry, indicator, before.number if before else None)
        if problems:
            errors[key] = problems
            continue
        rows[entry.indicator_id] = row
        if row["warnings"]:
            warnings[key] = row["warnings"]
    return rows, warnings


def _value_fields(
    entry: ValueEntry, indicator: Indicator, previous: Any
) -> tuple[dict[str, Any], list[str]]:
    problems: list[str] = []
    if entry.basis not in IndicatorValue.Basis.values:
        problems.append(f"Cách tính «{entry.basis}» không hợp lệ.")
    checked = check_value(
        indicator.value_kind,
        entry.raw,
        allows_over_100=indicator.allows_over_100,
        previous=previous,
        cumulative=entry.basis == IndicatorValue.Basis.CUMULATIVE,
    )
    problems += checked.errors
    as_of = _date(entry.as_of, "Ngày số liệu", problems)
    if len(entry.source) > 500:
        problems.append("Nguồn số liệu dài quá 500 ký tự.")
    fields = {
        "number": checked.number,
        "numerator": checked.numerator,
        "denominator": checked.denominator,
        "flag": checked.flag,
        "text": checked.text,
        "basis": entry.basis,
        "as_of": as_of,
        "source": entry.source.strip(),
        "note": entry.note.strip(),
        "not_applicable": entry.not_applicable,
        "warnings": list(checked.warnings),
    }
    return fields, problems


def _read_narrative(values: dict[str, str], errors: dict[str, list[str]]) -> dict[str, str]:
    read = {}
    for name, text in values.items():
        if name not in NARRATIVE:
            raise ValueError(f"unknown narrative part {name!r}")
        if len(text.strip()) > MAX_TEXT:
            errors[name] = [f"Nội dung dài quá {MAX_TEXT} ký tự."]
        read[name] = text.strip()
    return read


# --- storing ----------------------------------------------------------------------------------


def _store_tasks(
    submission: Submission, rows: dict[int, dict[str, Any]], scope: Scope
) -> list[dict[str, Any]]:
    existing = task_lines(submission)
    changes = []
    for task_id, fields in rows.items():
        line = existing.get(task_id) or TaskUpdate(
            submission=submission,
            version=submission.version,
            task_id=task_id,
            role=scope.tasks[task_id],
        )
        changes.append(_upsert(line, fields, f"task:{task_id}"))
    return [change for change in changes if change]


def _store_values(submission: Submission, rows: dict[int, dict[str, Any]]) -> list[dict[str, Any]]:
    existing = value_lines(submission)
    changes = []
    for indicator_id, fields in rows.items():
        line = existing.get(indicator_id) or IndicatorValue(
            submission=submission, version=submission.version, indicator_id=indicator_id
        )
        changes.append(_upsert(line, fields, f"indicator:{indicator_id}"))
    return [change for change in changes if change]


def _upsert(line: Any, fields: dict[str, Any], key: str) -> dict[str, Any] | None:
    """Write `fields` on the line; a new line is stored only when something was typed."""
    is_new = line.pk is None
    if is_new and _blank(fields):
        return None
    before = {name: getattr(line, name) for name in fields if getattr(line, name) != fields[name]}
    if not is_new and not before:
        return None
    for name, value in fields.items():
        setattr(line, name, value)
    line.save()
    shown = fields if is_new else before
    return {
        "line": key,
        "before": None if is_new else before,
        "after": {name: fields[name] for name in shown},
    }


def _blank(fields: dict[str, Any]) -> bool:
    return not any(
        value not in (None, "", False, [], IndicatorValue.Basis.CUMULATIVE)
        for value in fields.values()
    )


def _store_narrative(submission: Submission, values: dict[str, str]) -> list[dict[str, Any]]:
    before = {n: getattr(submission, n) for n, v in values.items() if getattr(submission, n) != v}
    for name in before:
        setattr(submission, name, values[name])
    if not before:
        return []
    return [{"line": "narrative", "before": before, "after": {n: values[n] for n in before}}]


def _touch(
    submission: Submission,
    actor: User,
    changes: list[dict[str, Any]],
    action: str = "reporting.submission_saved",
) -> None:
    if not changes:
        return
    if submission.status == Submission.Status.NOT_STARTED:
        submission.status = Submission.Status.DRAFT
    submission.revision += 1
    submission.save()
    record(
        actor=actor,
        action=action,
        obj=submission,
        before={"lines": _json([{"line": c["line"], **(c["before"] or {})} for c in changes])},
        after={
            "version": submission.version,
            "lines": _json([{"line": c["line"], **c["after"]} for c in changes]),
        },
    )


def _json(value: Any) -> Any:
    import json

    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _copy_task(submission: Submission, line: TaskUpdate, scope: Scope) -> dict[str, Any]:
    fields = {
        name: getattr(line, name)
        for name in ("lifecycle", "percent", "completed_on", "not_applicable", *_TASK_TEXT)
    }
    TaskUpdate.objects.create(
        submission=submission,
        version=submission.version,
        task_id=line.task_id,
        role=scope.tasks[line.task_id],
        **fields,
    )
    return {"line": f"task:{line.task_id}", "before": None, "after": fields}


def _copy_value(submission: Submission, value: IndicatorValue) -> dict[str, Any]:
    fields = {
        name: getattr(value, name)
        for name in (
            "number",
            "numerator",
            "denominator",
            "flag",
            "text",
            "basis",
            "source",
            "not_applicable",
        )
    }
    IndicatorValue.objects.create(
        submission=submission, version=submission.version, indicator_id=value.indicator_id, **fields
    )
    return {"line": f"indicator:{value.indicator_id}", "before": None, "after": fields}


# --- evidence ---------------------------------------------------------------------------------


def add_evidence(
    *,
    submission: Submission,
    task_id: int,
    actor: User,
    title: str = "",
    file_name: str = "",
    data: bytes | None = None,
    url: str = "",
    document_number: str = "",
    document_date: str = "",
) -> Evidence:
    """Attach a file, a link or a document (number and date) to the unit's line on a task."""
    with transaction.atomic():
        current = _writable(submission, submission.revision, actor, timezone.now())
        scope = scope_of(current.plan_id, current.unit_id)
        if task_id not in scope.tasks:
            raise ReportingError("Nhiệm vụ này không thuộc báo cáo của đơn vị.")
        fields = _evidence_fields(title, file_name, data, url, document_number, document_date)
        line, _ = TaskUpdate.objects.get_or_create(
            submission=current,
            version=current.version,
            task_id=task_id,
            defaults={"role": scope.tasks[task_id]},
        )
        evidence = Evidence.objects.create(task_update=line, added_by=acting_user(actor), **fields)
        if current.status == Submission.Status.NOT_STARTED:  # evidence alone starts the draft
            Submission.objects.filter(pk=current.pk).update(status=Submission.Status.DRAFT)
        record(
            actor=actor,
            action="reporting.evidence_added",
            obj=current,
            after={
                "task": task_id,
                "evidence": evidence.pk,
                "kind": evidence.kind,
                "title": evidence.title,
                "sha256": evidence.file.sha256 if evidence.file else "",
            },
        )
    return evidence


def _evidence_fields(
    title: str, file_name: str, data: bytes | None, url: str, number: str, when: str
) -> dict[str, Any]:
    problems: list[str] = []
    if data is not None:
        check = check_evidence(file_name, data, settings.NQ57_EVIDENCE_MAX_BYTES)
        if check.error:
            raise ReportingError(check.error)
        digest = hashlib.sha256(data).hexdigest()
        stored, _ = EvidenceFile.objects.get_or_create(
            sha256=digest,
            defaults={"content_type": check.content_type, "size": len(data), "data": data},
        )
        return {
            "kind": Evidence.Kind.FILE,
            "file": stored,
            "title": (title.strip() or file_name)[:500],
        }
    if url.strip():
        url = url.strip()
        if not re.match(r"^https?://[^\s/]+\.[^\s]+$", url) or len(url) > 1000:
            raise ReportingError(
                f"Đường dẫn «{url[:100]}» không hợp lệ (cần bắt đầu bằng http:// hoặc https://)."
            )
        return {"kind": Evidence.Kind.LINK, "url": url, "title": (title.strip() or url)[:500]}
    if number.strip():
        day = _date(when, "Ngày văn bản", problems)
        if problems:
            raise ReportingError(problems[0])
        return {
            "kind": Evidence.Kind.DOCUMENT,
            "document_number": number.strip()[:100],
            "document_date": day,
            "title": (title.strip() or f"Văn bản số {number.strip()}")[:500],
        }
    raise ReportingError("Chọn tệp, nhập đường dẫn hoặc số văn bản làm minh chứng.")


def withdraw_evidence(*, evidence: Evidence, actor: User) -> Evidence:
    """Take evidence off a report being written (it stays stored, marked withdrawn)."""
    with transaction.atomic():
        submission = evidence.task_update.submission
        current = _writable(submission, submission.revision, actor, timezone.now())
        if evidence.task_update.version != current.version:
            raise ReportingError("Minh chứng thuộc phiên bản đã duyệt, không gỡ được.")
        still_counted = Evidence.objects.filter(pk=evidence.pk, withdrawn_at__isnull=True)
        if still_counted.update(withdrawn_at=timezone.now()) != 1:
            raise ReportingError("Minh chứng này đã được gỡ.")
        evidence.refresh_from_db()
        record(
            actor=actor,
            action="reporting.evidence_withdrawn",
            obj=current,
            before={"evidence": evidence.pk, "title": evidence.title},
            after=None,
        )
    return evidence
