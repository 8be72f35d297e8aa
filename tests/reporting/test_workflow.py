"""A unit's report through its review: submit, return with a reason, fix, resubmit, approve;
the unit head's approval; new versions after approval; locks after the due time."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from nq57.audit.models import AuditEvent
from nq57.reporting.entry import TaskEntry, save_submission
from nq57.reporting.errors import Conflict, NotAllowed, ReportingError
from nq57.reporting.models import ReportingRegime, Submission, TaskUpdate
from nq57.reporting.workflow import (
    approve_submission,
    head_approve,
    return_submission,
    start_new_version,
    submit_submission,
)
from tests.reporting.conftest import Reporting

VN = ZoneInfo("Asia/Ho_Chi_Minh")
BEFORE_DUE = datetime(2025, 5, 10, 9, 0, tzinfo=VN)
Status = Submission.Status


def _fill(r: Reporting, submission: Submission, **fields: str) -> Submission:
    entries = [
        TaskEntry(task_id=r.task1.pk, lifecycle="in_progress", percent="40", **fields),
        TaskEntry(task_id=r.task2.pk, lifecycle="not_started"),
    ]
    return save_submission(
        submission=submission, revision=submission.revision, tasks=entries, actor=r.ward_officer
    ).submission


@time_machine.travel(BEFORE_DUE, tick=False)
def test_the_ward_submits_is_returned_fixes_and_is_approved(reporting: Reporting):
    r = reporting
    importer = r.world.importer
    draft = _fill(r, r.submission(r.ward), done="Đã họp triển khai")
    assert draft.status == Status.DRAFT
    sent = submit_submission(submission=draft, revision=draft.revision, actor=r.ward_officer)
    assert sent.status == Status.SUBMITTED and sent.first_submitted_at == BEFORE_DUE
    returned = return_submission(
        submission=sent, revision=sent.revision, actor=importer, reason="Bổ sung minh chứng."
    )
    assert returned.status == Status.RETURNED
    fixed = _fill(r, returned, done="Đã họp triển khai ngày 05/5/2025")
    assert fixed.status == Status.RETURNED  # stays 'cần bổ sung' until sent again
    again = submit_submission(submission=fixed, revision=fixed.revision, actor=r.ward_officer)
    approved = approve_submission(submission=again, revision=again.revision, actor=importer)
    assert (approved.status, approved.approved_version) == (Status.APPROVED, 1)
    steps = [(e.from_status, e.to_status, e.actor_label, e.reason) for e in approved.events.all()]
    assert steps == [
        ("draft", "submitted", "ward_officer", ""),
        ("submitted", "returned", "importer", "Bổ sung minh chứng."),
        ("returned", "submitted", "ward_officer", ""),
        ("submitted", "approved", "importer", ""),
    ]
    actions = list(
        AuditEvent.objects.filter(object_id=str(approved.pk), action__startswith="reporting.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == [
        "reporting.submission_saved",
        "reporting.submission_submitted",
        "reporting.submission_returned",
        "reporting.submission_saved",
        "reporting.submission_submitted",
        "reporting.submission_approved",
    ]


@time_machine.travel(BEFORE_DUE, tick=False)
def test_a_return_needs_a_reason(reporting: Reporting):
    r = reporting
    draft = _fill(r, r.submission(r.ward))
    sent = submit_submission(submission=draft, revision=draft.revision, actor=r.ward_officer)
    with pytest.raises(ReportingError, match="Ghi rõ lý do"):
        return_submission(submission=sent, revision=sent.revision, actor=r.world.importer,
                          reason="  ")  # fmt: skip
    assert Submission.objects.get(pk=sent.pk).status == Status.SUBMITTED


@time_machine.travel(BEFORE_DUE, tick=False)
def test_a_report_with_tasks_not_reported_is_not_sent(reporting: Reporting):
    r = reporting
    submission = r.submission(r.ward)
    saved = save_submission(
        submission=submission, revision=0, actor=r.ward_officer,
        tasks=[TaskEntry(task_id=r.task1.pk, lifecycle="done")],
    ).submission  # fmt: skip
    with pytest.raises(
        ReportingError, match=r"Còn 1 nhiệm vụ chưa báo cáo tình trạng \(số thứ tự: 2\)"
    ):
        submit_submission(submission=saved, revision=saved.revision, actor=r.ward_officer)
    line = TaskUpdate.objects.get(submission=saved, task=r.task1)
    assert (line.percent, line.completed_on) == (100, BEFORE_DUE.date())  # 'done' fills both


@time_machine.travel(BEFORE_DUE, tick=False)
def test_two_approvals_of_one_revision_one_wins(reporting: Reporting):
    r = reporting
    draft = _fill(r, r.submission(r.ward))
    sent = submit_submission(submission=draft, revision=draft.revision, actor=r.ward_officer)
    approve_submission(submission=sent, revision=sent.revision, actor=r.world.importer)
    with pytest.raises(Conflict, match="đã được importer chuyển sang «Đã duyệt»"):
        approve_submission(submission=sent, revision=sent.revision, actor=r.world.admin)
    assert Submission.objects.get(pk=sent.pk).events.count() == 2


@time_machine.travel(BEFORE_DUE, tick=False)
def test_only_the_plans_standing_office_reviews_and_only_the_unit_writes(reporting: Reporting):
    r = reporting
    ward_report = r.submission(r.ward)
    with pytest.raises(NotAllowed):
        save_submission(submission=ward_report, revision=0, actor=r.world.d3_officer,
                        tasks=[TaskEntry(task_id=r.task1.pk, lifecycle="done")])  # fmt: skip
    with pytest.raises(NotAllowed):
        save_submission(submission=ward_report, revision=0, actor=r.world.cu_chi_officer,
                        tasks=[TaskEntry(task_id=r.task1.pk, lifecycle="done")])  # fmt: skip
    draft = _fill(r, ward_report)
    sent = submit_submission(submission=draft, revision=draft.revision, actor=r.ward_officer)
    for outsider in (r.ward_officer, r.world.city_reviewer, r.world.d3_officer):
        with pytest.raises(NotAllowed):
            approve_submission(submission=sent, revision=sent.revision, actor=outsider)
    assert Submission.objects.get(pk=sent.pk).status == Status.SUBMITTED
    assert not TaskUpdate.objects.filter(submission=ward_report, lifecycle="done").exists()


@time_machine.travel(BEFORE_DUE, tick=False)
def test_a_task_of_another_unit_is_refused_and_nothing_is_stored(reporting: Reporting):
    r = reporting
    ward_report = r.submission(r.ward)
    other = r.plan.tasks.create(order=99, number="99", name="Việc khác")
    with pytest.raises(ReportingError) as refused:
        save_submission(submission=ward_report, revision=0, actor=r.ward_officer, tasks=[
            TaskEntry(task_id=r.task1.pk, lifecycle="done"),
            TaskEntry(task_id=other.pk, lifecycle="done"),
        ])  # fmt: skip
    assert refused.value.errors == {  # type: ignore[attr-defined]
        f"task-{other.pk}": ["Nhiệm vụ này không thuộc báo cáo của đơn vị."]
    }
    assert not TaskUpdate.objects.filter(submission=ward_report).exists()
    assert Submission.objects.get(pk=ward_report.pk).revision == 0


@time_machine.travel(BEFORE_DUE, tick=False)
def test_a_stale_save_is_refused_and_keeps_the_first(reporting: Reporting):
    r = reporting
    report = r.submission(r.ward)
    first = [TaskEntry(task_id=r.task1.pk, lifecycle="in_progress", done="A")]
    save_submission(submission=report, revision=0, tasks=first, actor=r.ward_officer)
    late = [TaskEntry(task_id=r.task1.pk, lifecycle="in_progress", done="B")]
    with pytest.raises(Conflict, match="vừa được người khác thay đổi"):
        save_submission(submission=report, revision=0, tasks=late, actor=r.ward_head)
    assert TaskUpdate.objects.get(submission=report).done == "A"


@time_machine.travel(BEFORE_DUE, tick=False)
def test_the_unit_head_approves_first_when_the_regime_asks(reporting: Reporting):
    r = reporting
    ReportingRegime.objects.filter(plan=r.plan).update(requires_unit_approval=True)
    draft = _fill(r, r.submission(r.ward))
    sent = submit_submission(submission=draft, revision=draft.revision, actor=r.ward_officer)
    assert sent.status == Status.UNIT_REVIEW
    with pytest.raises(NotAllowed):
        head_approve(submission=sent, revision=sent.revision, actor=r.ward_officer)
    up = head_approve(submission=sent, revision=sent.revision, actor=r.ward_head)
    assert up.status == Status.SUBMITTED


@time_machine.travel(BEFORE_DUE, tick=False)
def test_a_change_after_approval_is_a_new_version_and_the_approved_one_stays(
    reporting: Reporting,
):
    r = reporting
    draft = _fill(r, r.submission(r.ward), done="Bản 1")
    sent = submit_submission(submission=draft, revision=draft.revision, actor=r.ward_officer)
    approved = approve_submission(submission=sent, revision=sent.revision, actor=r.world.importer)
    with pytest.raises(ReportingError, match="không sửa được"):
        _fill(r, approved, done="Sửa thẳng")
    reopened = start_new_version(submission=approved, revision=approved.revision,
                                 actor=r.ward_officer, reason="Cập nhật số liệu mới")  # fmt: skip
    assert (reopened.status, reopened.version, reopened.approved_version) == (Status.DRAFT, 2, 1)
    _fill(r, reopened, done="Bản 2")
    lines = TaskUpdate.objects.filter(submission=reopened, task=r.task1).order_by("version")
    assert [(line.version, line.done) for line in lines] == [(1, "Bản 1"), (2, "Bản 2")]


def test_after_the_due_time_a_unit_that_never_sent_is_locked_out(reporting: Reporting):
    r = reporting
    report = r.submission(r.ward)
    entries = [TaskEntry(task_id=r.task1.pk, lifecycle="in_progress")]
    with time_machine.travel(datetime(2025, 5, 15, 17, 0, tzinfo=VN), tick=False):
        saved = save_submission(submission=report, revision=0, tasks=entries, actor=r.ward_officer)
    late = time_machine.travel(datetime(2025, 5, 15, 17, 0, 1, tzinfo=VN), tick=False)
    with late, pytest.raises(ReportingError, match="đã khóa sau hạn nộp 17:00 ngày 15/05/2025"):
        save_submission(submission=report, revision=saved.submission.revision,
                        tasks=entries, actor=r.ward_officer)  # fmt: skip


@time_machine.travel(BEFORE_DUE, tick=False)
def test_the_approved_narrative_stays_when_a_new_version_is_written(reporting: Reporting):
    r = reporting
    report = r.submission(r.ward)
    saved = save_submission(
        submission=report, revision=0, actor=r.ward_officer, narrative={"highlights": "Bản 1"},
        tasks=[TaskEntry(task_id=r.task1.pk, lifecycle="done"),
               TaskEntry(task_id=r.task2.pk, lifecycle="in_progress")],
    ).submission  # fmt: skip
    sent = submit_submission(submission=saved, revision=saved.revision, actor=r.ward_officer)
    approved = approve_submission(submission=sent, revision=sent.revision, actor=r.world.importer)
    second = start_new_version(submission=approved, revision=approved.revision,
                               actor=r.ward_officer, reason="Cập nhật kết quả")  # fmt: skip
    save_submission(submission=second, revision=second.revision, actor=r.ward_officer,
                    narrative={"highlights": "Bản 2"})  # fmt: skip
    final = Submission.objects.get(pk=report.pk)
    assert final.narrative(1)["highlights"] == "Bản 1"
    assert final.narrative(2)["highlights"] == "Bản 2" == final.narrative()["highlights"]
