"""The review of a unit's report: one function per allowed step, each atomic and audited.

    chưa nộp / đang soạn / cần bổ sung ──submit──▶ chờ lãnh đạo đơn vị duyệt (when the regime asks)
                                                 └─▶ chờ duyệt ──approve──▶ đã duyệt
    chờ lãnh đạo đơn vị duyệt ──head_approve──▶ chờ duyệt;  ──head_return──▶ cần bổ sung
    chờ duyệt ──return (reason)──▶ cần bổ sung
    đã duyệt ──new_version (reason)──▶ đang soạn, version + 1 (the approved version stays)

Every step names the revision the person saw; the row is locked and moved only if it still has
that revision and status (a conditional UPDATE, so two reviewers acting at once cannot both
win, on PostgreSQL and SQLite alike). Each step writes a `SubmissionEvent` and an audit row.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from nq57.audit.actions import acting_user, actor_label, record
from nq57.orgs.queries import User
from nq57.plans.stamps import touch
from nq57.reporting import notify, progress
from nq57.reporting.errors import Conflict, NotAllowed, ReportingError
from nq57.reporting.models import Evidence, IndicatorValue, Submission, SubmissionEvent, TaskUpdate
from nq57.reporting.queries import (
    can_head_approve,
    can_review,
    can_write,
    scope_of,
    task_lines,
)

Status = Submission.Status
_MIN_REASON = 5


def submit_submission(
    *, submission: Submission, revision: int, actor: User, now: datetime | None = None
) -> Submission:
    """Send the report: to the unit's head when the regime asks for it, else up."""
    now = now or timezone.now()
    _require(
        can_write(actor, submission), "Chỉ cán bộ hoặc lãnh đạo của đơn vị được gửi báo cáo này."
    )

    def ready(current: Submission) -> None:
        _require_open(current, now)
        _require_complete(current)

    to = Status.UNIT_REVIEW if submission.period.regime.requires_unit_approval else Status.SUBMITTED
    moved = _move(
        submission,
        revision,
        Submission.EDITABLE,
        to,
        actor,
        check=ready,
        submitted_at=now,
        first_submitted_at=submission.first_submitted_at or now,
    )
    notify.after_move(moved, actor)
    return moved


def head_approve(
    *, submission: Submission, revision: int, actor: User, note: str = ""
) -> Submission:
    """The unit head agrees: the report goes up to the standing office."""
    _require(
        can_head_approve(actor, submission), "Chỉ lãnh đạo đơn vị được duyệt báo cáo trong đơn vị."
    )
    moved = _move(submission, revision, (Status.UNIT_REVIEW,), Status.SUBMITTED, actor, note)
    notify.after_move(moved, actor)
    return moved


def head_return(*, submission: Submission, revision: int, actor: User, reason: str) -> Submission:
    """The unit head sends the report back to the unit's officer, saying why."""
    _require(
        can_head_approve(actor, submission),
        "Chỉ lãnh đạo đơn vị được trả lại báo cáo trong đơn vị.",
    )
    reason = _reason(reason)
    moved = _move(submission, revision, (Status.UNIT_REVIEW,), Status.RETURNED, actor, reason)
    notify.after_move(moved, actor)
    return moved


def approve_submission(
    *,
    submission: Submission,
    revision: int,
    actor: User,
    note: str = "",
    now: datetime | None = None,
) -> Submission:
    """The standing office approves: the version is frozen."""
    _require(
        can_review(actor, submission), "Chỉ cơ quan thường trực của kế hoạch được duyệt báo cáo."
    )
    moved = _move(
        submission,
        revision,
        (Status.SUBMITTED,),
        Status.APPROVED,
        actor,
        note,
        approved_version=submission.version,
        approved_at=now or timezone.now(),
        frozen_narratives={  # the revision check makes `submission` the state approved
            **submission.frozen_narratives,
            str(submission.version): submission.narrative(),
        },
        then=_record_progress,
    )
    notify.after_move(moved, actor)
    return moved


def return_submission(
    *, submission: Submission, revision: int, actor: User, reason: str
) -> Submission:
    """The standing office returns the report for revision (cần bổ sung), saying why."""
    _require(
        can_review(actor, submission), "Chỉ cơ quan thường trực của kế hoạch được trả lại báo cáo."
    )
    reason = _reason(reason)
    moved = _move(submission, revision, (Status.SUBMITTED,), Status.RETURNED, actor, reason)
    notify.after_move(moved, actor)
    return moved


def start_new_version(
    *, submission: Submission, revision: int, actor: User, reason: str, now: datetime | None = None
) -> Submission:
    """Change an approved report: a new version (copied from the approved one) that needs
    approval again; the approved version stays as it was."""
    _require(
        can_write(actor, submission), "Chỉ cán bộ hoặc lãnh đạo của đơn vị được sửa báo cáo này."
    )
    reason = _reason(reason)
    moment = now or timezone.now()
    return _move(
        submission,
        revision,
        (Status.APPROVED,),
        Status.DRAFT,
        actor,
        reason,
        check=lambda current: _require_open(current, moment),
        then=_copy_lines,
        version=F("version") + 1,
    )


def locked_message(submission: Submission) -> str:
    due = timezone.localtime(submission.period.due)
    return (
        f"Kỳ «{submission.period.label}» đã khóa sau hạn nộp {due:%H:%M ngày %d/%m/%Y}. "
        "Liên hệ cơ quan thường trực để được mở lại."
    )


def _require(allowed: bool, message: str) -> None:
    if not allowed:
        raise NotAllowed(message)


def _require_open(submission: Submission, now: datetime) -> None:
    if submission.is_locked(now):
        raise ReportingError(locked_message(submission))


def _reason(reason: str) -> str:
    reason = reason.strip()
    if len(reason) < _MIN_REASON:
        raise ReportingError("Ghi rõ lý do (ít nhất 5 ký tự) để đơn vị biết cần sửa gì.")
    return reason


def _require_complete(submission: Submission) -> None:
    scope = scope_of(submission.plan_id, submission.unit_id)
    lines = task_lines(submission)
    missing = [
        task_id
        for task_id in scope.tasks
        if task_id not in lines or not (lines[task_id].lifecycle or lines[task_id].not_applicable)
    ]
    if missing:
        from nq57.plans.models import Task

        numbers = list(
            Task.objects.filter(pk__in=missing).order_by("order").values_list("number", flat=True)
        )
        shown = ", ".join(n or "?" for n in numbers[:10]) + (" …" if len(numbers) > 10 else "")
        raise ReportingError(
            f"Còn {len(missing)} nhiệm vụ chưa báo cáo tình trạng (số thứ tự: {shown}). "
            "Chọn tình trạng hoặc đánh dấu «Không phát sinh trong kỳ»."
        )


@transaction.atomic
def _move(
    submission: Submission,
    revision: int,
    allowed: Collection[str],
    to: str,
    actor: User,
    reason: str = "",
    check: Callable[[Submission], None] | None = None,
    then: Callable[[Submission, int], None] | None = None,
    **fields: Any,
) -> Submission:
    """Move the locked row if it still has `revision` and an `allowed` status (a `Conflict`
    otherwise, before anything else); `check` then refuses on the locked row's state; `then`
    gets the moved row and the version it had, still under the lock."""
    rows = Submission.objects.select_related("period__regime")
    current = rows.select_for_update(of=("self",)).get(pk=submission.pk)
    if current.revision != revision or current.status not in allowed:
        raise Conflict(conflict_message(current))
    if check is not None:
        check(current)
    moved = Submission.objects.filter(pk=current.pk, revision=revision, status=current.status)
    if moved.update(status=to, revision=F("revision") + 1, **fields) != 1:
        raise Conflict(conflict_message(current))
    after = Submission.objects.select_related("plan", "period__regime", "unit").get(pk=current.pk)
    _touch_figures(after.plan_id, fields)
    if then is not None:
        then(after, current.version)
    SubmissionEvent.objects.create(
        submission=after,
        version=after.version,
        from_status=current.status,
        to_status=to,
        actor=acting_user(actor),
        actor_label=actor_label(acting_user(actor)),
        reason=reason,
    )
    record(
        actor=actor,
        action=f"reporting.submission_{to}",
        obj=after,
        before={"status": current.status, "version": current.version},
        after={"status": to, "version": after.version, "reason": reason},
    )
    return after


def _touch_figures(plan_id: int, fields: dict[str, Any]) -> None:
    """A report sent or approved changes the plan's figures from the day it happened."""
    moments = [fields[name] for name in ("submitted_at", "approved_at") if fields.get(name)]
    if moments:
        touch([plan_id], since=timezone.localdate(min(moments)))


def conflict_message(current: Submission) -> str:
    """What to tell someone whose view of the report is out of date."""
    last = current.events.order_by("-at", "-pk").first()
    status = current.get_status_display()
    if last is None:
        return (
            f"Báo cáo vừa được người khác thay đổi (trạng thái hiện tại: «{status}»). "
            "Tải lại trang, kiểm tra rồi thực hiện lại; dữ liệu bạn nhập chưa bị mất."
        )
    at = timezone.localtime(last.at)
    return (
        f"Báo cáo đã được {last.actor_label} chuyển sang «{last.get_to_status_display()}» lúc "
        f"{at:%H:%M:%S ngày %d/%m/%Y} (trạng thái hiện tại: «{status}»). "
        "Tải lại trang để xem; thao tác của bạn chưa được thực hiện."
    )


def _record_progress(approved: Submission, _version: int) -> None:
    assert approved.approved_at is not None  # set by the move
    progress.record_approval(approved, approved.approved_at)


def _copy_lines(submission: Submission, old_version: int) -> None:
    """Copy the lines (and their evidence) of `old_version` into the new version."""
    for line in TaskUpdate.objects.filter(submission=submission, version=old_version):
        evidence = list(line.evidence.filter(withdrawn_at__isnull=True))
        line.pk, line.version = None, submission.version
        line.save()
        for item in evidence:
            item.pk, item.task_update = None, line
        Evidence.objects.bulk_create(evidence)
    values = list(IndicatorValue.objects.filter(submission=submission, version=old_version))
    for value in values:
        value.pk, value.version = None, submission.version
    IndicatorValue.objects.bulk_create(values)
