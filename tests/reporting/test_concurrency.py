"""Two reviewers acting on one report at the same moment, in two threads with their own
database connections: exactly one wins, the other gets a clear message, nothing is lost."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection

from nq57.reporting.entry import TaskEntry, save_submission
from nq57.reporting.errors import Conflict
from nq57.reporting.models import Submission, SubmissionEvent, TaskUpdate
from nq57.reporting.workflow import approve_submission, return_submission, submit_submission
from tests.reporting.conftest import Reporting

VN = ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db(transaction=True)


def _race(*moves: Callable[[], object]) -> list[object]:
    """Run the moves at once; each result is the returned value or the exception raised."""
    barrier = threading.Barrier(len(moves))
    results: list[object] = [None] * len(moves)

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = moves[index]()
        except Exception as error:
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(moves))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def _sent(r: Reporting) -> Submission:
    report = r.submission(r.ward)
    saved = save_submission(
        submission=report, revision=0, actor=r.ward_officer,
        tasks=[TaskEntry(task_id=r.task1.pk, lifecycle="done", done="Đã xong"),
               TaskEntry(task_id=r.task2.pk, lifecycle="in_progress")],
    ).submission  # fmt: skip
    return submit_submission(submission=saved, revision=saved.revision, actor=r.ward_officer)


@time_machine.travel(datetime(2025, 5, 10, 9, 0, tzinfo=VN), tick=False)
def test_two_approvals_at_once_exactly_one_succeeds(reporting: Reporting):
    r = reporting
    sent = _sent(r)
    results = _race(
        lambda: approve_submission(submission=sent, revision=sent.revision, actor=r.world.importer),
        lambda: approve_submission(submission=sent, revision=sent.revision, actor=r.world.admin),
    )
    won = [x for x in results if isinstance(x, Submission)]
    lost = [x for x in results if isinstance(x, Conflict)]
    assert (len(won), len(lost)) == (1, 1), results
    assert "chuyển sang «Đã duyệt»" in lost[0].message
    final = Submission.objects.get(pk=sent.pk)
    assert (final.status, final.approved_version) == (Submission.Status.APPROVED, 1)
    assert SubmissionEvent.objects.filter(submission=final, to_status="approved").count() == 1
    assert TaskUpdate.objects.get(submission=final, task=r.task1).done == "Đã xong"


@time_machine.travel(datetime(2025, 5, 10, 9, 0, tzinfo=VN), tick=False)
def test_an_approval_and_a_return_at_once_one_of_them_happens(reporting: Reporting):
    r = reporting
    sent = _sent(r)
    results = _race(
        lambda: approve_submission(submission=sent, revision=sent.revision, actor=r.world.importer),
        lambda: return_submission(submission=sent, revision=sent.revision, actor=r.world.admin,
                                  reason="Bổ sung số liệu"),
    )  # fmt: skip
    assert sorted(type(x).__name__ for x in results) == ["Conflict", "Submission"], results
    final = Submission.objects.get(pk=sent.pk)
    moved = SubmissionEvent.objects.filter(submission=final).exclude(to_status="submitted")
    assert moved.count() == 1 and moved.get().to_status == final.status
